package sqlstore

import (
	"bina/imports"
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"time"

	"bina"
)

// A first load: the import of a large file into an empty register. Its
// rows arrive in no particular order, and keeping every index, the search
// rows and the counts up to date row by row is most of the cost of a
// chunk: each row lands on another page of each index on a name, a date
// or a desa, and on PostgreSQL each chunk's COPY runs the word trigger
// and a foreign-key check per row. So a first load drops what it can
// rebuild and builds it again, sorted, in one pass when the run ends:
//
//   - the list indexes of enterprises, the one by NIB and the one of
//     owners' phones (which only attendance sheets read): the register
//     was empty, so a row can only share its NIB with an earlier row of
//     the file, which the file's index finds, and whose record the run
//     remembers by line (lineRecords). The indexes by owner NIK and by
//     desa and name key stay: duplicates with a typing error are found
//     through them, as in any import, so that a file arrives at the same
//     outcome whether loaded first or into a register that holds part of
//     it;
//   - on PostgreSQL, the word trigger (enterprise_words is rebuilt from the
//     search column) and the foreign keys of enterprises' owner and child
//     rows (validated in one pass each when put back);
//   - on SQLite, the automatic merging of the full-text index's segments
//     (one merge of all of them at the end);
//   - the kept counts: the run sums those of the records it commits and
//     writes them at its end; the end of a run that died, or whose commit
//     failed, counts them again from the records.
//
// One first load runs at a time: an import that starts while another job
// is marked is an ordinary one.
//
// The statements that put each object back are read from the schema
// itself when it is dropped, so they stay what the migrations made, and
// kept in import_bulk_restore in the same transaction as the drop. The
// run's end puts everything back, whether it finished, failed or was
// interrupted (FinishImport); a run that died without a word (a killed
// process) leaves its job marked, and the job's next run (ClaimImport,
// when the queue runs the job again) or the next start of a server whose
// queue does not run the job (EndFirstLoads) finishes it. While a first load runs, the pages list the register without
// their indexes (slower), search on PostgreSQL finds only what was there
// before (SQLite's full-text rows are written with each chunk), and the
// counts are those of before.

// defaultBulkImportRows is the smallest file (in data rows, as estimated
// when its first chunk is written) that is loaded as a first load.
const defaultBulkImportRows = 20_000

// SetBulkImportRows sets the smallest file loaded as a first load (tests
// use small files); n < 0 turns first loads off.
func (s *Store) SetBulkImportRows(n int) { s.imports.bulkRows = n }

// bulkEligible tells whether a run whose first chunk is c, on a register
// whose largest enterprise id is baseline, is a first load.
func (s *Store) bulkEligible(j *imports.Job, c *imports.Chunk, baseline int64) bool {
	least := s.imports.bulkRows
	if least == 0 {
		least = defaultBulkImportRows
	}
	return least > 0 && baseline == 0 && j.Done == 0 && !j.DryRun && j.Entity == bina.EntityEnterprise && c.Total >= least
}

// anotherFirstLoad tells whether a job other than id is marked as a first
// load, in the transaction that would make id one. On PostgreSQL the
// transactions that decide wait for each other on a lock of the table of
// restore statements (SQLite's write transactions already do).
func (s *Store) anotherFirstLoad(ctx context.Context, tx *sql.Tx, id int64) (bool, error) {
	if s.d.firstLoadLock != "" {
		if _, err := tx.ExecContext(ctx, s.d.firstLoadLock); err != nil {
			return false, bina.Wrap(err, "first load")
		}
	}
	var another bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM imports WHERE bulk = 1 AND id <> $1)`, id).Scan(&another)
	return another, bina.Wrap(err, "first load")
}

// bulkDrop is an object a first load drops.
type bulkDrop struct {
	kind  string // "index", "fkey", "trigger" or "fts"
	name  string
	table string
}

// bulkDrops lists what a first load drops on the store's engine.
func (s *Store) bulkDrops() []bulkDrop {
	var ds []bulkDrop
	for _, n := range []string{"enterprises_live_name", "enterprises_live_updated", "enterprises_live_district", "enterprises_live_village", "enterprises_archived",
		"enterprises_nib", "enterprises_live_reached", "enterprises_live_reach", "enterprises_live_district_reach", "enterprises_live_size"} {
		ds = append(ds, bulkDrop{"index", n, "enterprises"})
	}
	// Owners' phones are compared by attendance sheets only, never by an
	// import of enterprises: the run need not keep their index.
	ds = append(ds, bulkDrop{"index", "persons_phone", "persons"})
	return append(ds, s.d.firstLoadDrops...)
}

// ftsBulkSettings are the full-text index's merge settings during a
// first load and FTS5's defaults.
var ftsBulkSettings = map[string][2]int64{"automerge": {0, 4}, "crisismerge": {1000, 16}}

// restoreOf returns the statements that drop d and put it back as the
// schema has it now; restore is "" when d is not there (already dropped).
func (s *Store) restoreOf(ctx context.Context, tx *sql.Tx, d bulkDrop) (drop, restore string, err error) {
	var def sql.NullString
	switch {
	case d.kind == "index":
		err = tx.QueryRowContext(ctx, s.d.indexDef, d.name).Scan(&def)
	case d.kind == "fkey":
		err = tx.QueryRowContext(ctx, `SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = $1 AND conrelid = CAST($2 AS regclass)`, d.name, d.table).Scan(&def)
		def.String = "ALTER TABLE " + d.table + " ADD CONSTRAINT " + d.name + " " + def.String
	case d.kind == "trigger":
		var enabled string
		err = tx.QueryRowContext(ctx, `SELECT tgenabled FROM pg_trigger WHERE tgname = $1 AND tgrelid = CAST($2 AS regclass)`, d.name, d.table).Scan(&enabled)
		if err == nil && enabled != "D" {
			return "ALTER TABLE " + d.table + " DISABLE TRIGGER " + d.name, "ALTER TABLE " + d.table + " ENABLE TRIGGER " + d.name, nil
		}
		return "", "", ignoreNoRows(err)
	case d.kind == "fts":
		// The segments each chunk writes are left as they are (no
		// automatic merge, and a crisis merge only after many) and merged
		// once at the end. Put back: the setting kept, else FTS5's default.
		bulk, restore := ftsBulkSettings[d.name][0], ftsBulkSettings[d.name][1]
		var v sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT v FROM enterprise_search_config WHERE k = $1`, d.name).Scan(&v); ignoreNoRows(err) != nil {
			return "", "", err
		}
		if v.Valid && v.Int64 == bulk {
			return "", "", nil
		}
		if v.Valid {
			restore = v.Int64
		}
		set := `INSERT INTO enterprise_search (enterprise_search, rank) VALUES ('` + d.name + `', `
		return set + strconv.FormatInt(bulk, 10) + `)`, set + strconv.FormatInt(restore, 10) + `)`, nil
	}
	if err != nil {
		return "", "", ignoreNoRows(err)
	}
	if !def.Valid || def.String == "" {
		return "", "", nil
	}
	switch d.kind {
	case "index":
		return "DROP INDEX " + d.name, def.String, nil
	default:
		return "ALTER TABLE " + d.table + " DROP CONSTRAINT " + d.name, def.String, nil
	}
}

func ignoreNoRows(err error) error {
	if err == sql.ErrNoRows {
		return nil
	}
	return err
}

// beginBulk makes job id a first load, in the transaction of its first
// chunk: what bulkDrops lists is dropped, with the statements that put it
// back kept.
func (s *Store) beginBulk(ctx context.Context, tx *sql.Tx, id int64) error {
	var seq int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) FROM import_bulk_restore`).Scan(&seq); err != nil {
		return bina.Wrap(err, "first load")
	}
	for _, d := range s.bulkDrops() {
		drop, restore, err := s.restoreOf(ctx, tx, d)
		if err != nil {
			return bina.Wrap(err, "first load: read "+d.name)
		}
		if restore == "" {
			continue
		}
		seq++
		if _, err := tx.ExecContext(ctx, `INSERT INTO import_bulk_restore (seq, name, statement) VALUES ($1, $2, $3)`, seq, d.name, restore); err != nil {
			return bina.Wrap(err, "first load: keep "+d.name)
		}
		if _, err := tx.ExecContext(ctx, drop); err != nil {
			return bina.Wrap(err, "first load: drop "+d.name)
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE imports SET bulk = 1 WHERE id = $1`, id)
	return bina.Wrap(err, "first load")
}

// endBulk ends the first load of job id in tx: what was dropped is put
// back, the derived data is built again from the records (the word table
// on PostgreSQL; one merge of the full-text segments on SQLite), and the
// job is no longer marked. The kept counts are those of the run that
// began the load (counts, kept as it committed) or, when that run died,
// counted again from the records (counts nil).
func (s *Store) endBulk(ctx context.Context, tx *sql.Tx, id int64, counts countTally) error {
	start := time.Now()
	if s.d.indexBuildSetup != "" {
		if _, err := tx.ExecContext(ctx, s.d.indexBuildSetup); err != nil {
			return bina.Wrap(err, "first load: settings")
		}
	}
	if s.d.searchColumn {
		if err := s.rebuildWords(ctx, tx); err != nil {
			return err
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT name, statement FROM import_bulk_restore ORDER BY seq`)
	if err != nil {
		return bina.Wrap(err, "first load: restore")
	}
	type restore struct{ name, stmt string }
	var rs []restore
	for rows.Next() {
		var r restore
		if err := rows.Scan(&r.name, &r.stmt); err != nil {
			rows.Close()
			return bina.Wrap(err, "first load: restore")
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return bina.Wrap(err, "first load: restore")
	}
	for _, r := range rs {
		if _, err := tx.ExecContext(ctx, r.stmt); err != nil {
			return bina.Wrap(err, "first load: put back "+r.name)
		}
	}
	if s.d.searchMerge != "" {
		if _, err := tx.ExecContext(ctx, s.d.searchMerge); err != nil {
			return bina.Wrap(err, "first load: merge search")
		}
	}
	if counts != nil {
		// The counts of the run's records, added to what updates during
		// the run moved (the register was empty when it began).
		if len(counts) > 0 {
			if err := s.addCounts(ctx, tx, counts.deltas()); err != nil {
				return err
			}
		}
	} else if err := s.recount(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM import_bulk_restore`); err != nil {
		return bina.Wrap(err, "first load: end")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE imports SET bulk = 0 WHERE id = $1`, id); err != nil {
		return bina.Wrap(err, "first load: end")
	}
	s.log.Info("first load: register rebuilt", "import", id, "duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// rebuildWords fills enterprise_words again from the search column of
// the live records (PostgreSQL): its primary key is dropped and built
// again after the rows, sorted, instead of taking millions of entries one
// at a time.
func (s *Store) rebuildWords(ctx context.Context, tx *sql.Tx) error {
	var pkey string
	if err := tx.QueryRowContext(ctx, `SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'enterprise_words_pkey' AND conrelid = CAST('enterprise_words' AS regclass)`).Scan(&pkey); err != nil {
		return bina.Wrap(err, "first load: words")
	}
	for _, q := range []string{
		`TRUNCATE enterprise_words`,
		`ALTER TABLE enterprise_words DROP CONSTRAINT enterprise_words_pkey`,
		`INSERT INTO enterprise_words (word, sort_name, enterprise_id, village_code, facets)
		SELECT w.word, e.sort_name, e.id, e.village_code, e.facets
		FROM enterprises e CROSS JOIN LATERAL unnest(tsvector_to_array(e.search)) AS w (word)
		WHERE e.archived_at IS NULL`,
		`ALTER TABLE enterprise_words ADD CONSTRAINT enterprise_words_pkey ` + pkey,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return bina.Wrap(err, "first load: words")
		}
	}
	return nil
}

// recount counts the live enterprises per desa and size, and the facts,
// again.
func (s *Store) recount(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		`DELETE FROM enterprise_counts`,
		`INSERT INTO enterprise_counts (village_code, district_code, size, total, binaan)
		SELECT village_code, district_code, size_computed, count(*), sum(CASE WHEN binaan THEN 1 ELSE 0 END)
		FROM enterprises WHERE archived_at IS NULL GROUP BY village_code, district_code, size_computed`,
		`DELETE FROM reach_counts`,
		`INSERT INTO reach_counts (village_code, district_code, last_year, total)
		SELECT village_code, district_code, ` + s.yearSQL("reached_last") + `, count(*)
		FROM enterprises WHERE archived_at IS NULL GROUP BY village_code, district_code, ` + s.yearSQL("reached_last"),
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return bina.Wrap(err, "first load: counts")
		}
	}
	return s.rebuildFacts(ctx, tx)
}

// finishBulk ends the first load of job id, if it is one, in tx. The
// job's end time is then the end of the rebuild.
func (s *Store) finishBulk(ctx context.Context, tx *sql.Tx, id int64, counts countTally) error {
	var bulk int
	if err := tx.QueryRowContext(ctx, `SELECT bulk FROM imports WHERE id = $1`, id).Scan(&bulk); err != nil {
		return bina.Wrap(err, "first load")
	}
	if bulk == 0 {
		return nil
	}
	if err := s.endBulk(ctx, tx, id, counts); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE imports SET finished_at = $1 WHERE id = $2 AND finished_at IS NOT NULL`, s.now(), id)
	return bina.Wrap(err, "first load: end")
}

// EndFirstLoads ends the first loads whose runs died: the marked jobs
// other than those in running, the imports whose job the queue still
// runs (internal/jobs calls it when a server starts). Their checkpoint
// stays; a later run resumes them as ordinary imports.
func (s *Store) EndFirstLoads(ctx context.Context, running []int64) error {
	var ids []int64
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM imports WHERE bulk <> 0`)
		if err != nil {
			return bina.Wrap(err, "first loads")
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return bina.Wrap(err, "first loads")
			}
			if !slices.Contains(running, id) {
				ids = append(ids, id)
			}
		}
		return bina.Wrap(rows.Err(), "first loads")
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.write(ctx, func(tx *sql.Tx) error { return s.endDeadFirstLoad(ctx, tx, id) }); err != nil {
			return err
		}
	}
	return nil
}

// endDeadFirstLoad ends in tx the first load of job id, whose run died:
// its records are counted again.
func (s *Store) endDeadFirstLoad(ctx context.Context, tx *sql.Tx, id int64) error {
	s.log.Warn("first load interrupted: rebuilding the register's indexes", "import", id)
	return s.finishBulk(ctx, tx, id, nil)
}

// lineRecords are the records a first load's rows became, by line: the
// created record, or for a row sent to review its candidate. A row the
// file's index finds resembling an earlier row gets that row's record as
// its candidate without a lookup by NIB in the register, whose NIB index
// is dropped. Lines come in file order, so the lines are sorted; the
// records are kept as offsets from the first, 8 bytes a row (8 MB for a
// million rows).
type lineRecords struct {
	lines []int32
	ids   []uint32
	base  int64
}

func newLineRecords(hint int) *lineRecords {
	return &lineRecords{lines: make([]int32, 0, hint), ids: make([]uint32, 0, hint)}
}

// note remembers the created rows of a part of a chunk and the review
// rows with a candidate.
func (l *lineRecords) note(rows []imports.Row, creates []int, reviews []reviewRow) {
	type lr struct {
		line int
		id   int64
	}
	var add []lr
	for _, i := range creates {
		add = append(add, lr{rows[i].Line, rows[i].RecordID})
	}
	for _, rv := range reviews {
		if rv.cand != 0 {
			add = append(add, lr{rv.row.Line, rv.cand})
		}
	}
	if len(add) == 0 {
		return
	}
	slices.SortFunc(add, func(a, b lr) int { return a.line - b.line })
	if l.base == 0 {
		// The run's smallest id: later ones are larger.
		l.base = slices.MinFunc(add, func(a, b lr) int { return cmp.Compare(a.id, b.id) }).id
	}
	for _, x := range add {
		off := x.id - l.base
		if off < 0 || off >= 1<<32 || x.line >= 1<<31 || (len(l.lines) > 0 && int32(x.line) <= l.lines[len(l.lines)-1]) {
			continue // out of the compact range (never with one run's ids), or out of order: not remembered
		}
		l.lines = append(l.lines, int32(x.line))
		l.ids = append(l.ids, uint32(off))
	}
}

// find returns the record of line, 0 if none is known.
func (l *lineRecords) find(line int) int64 {
	i, ok := slices.BinarySearch(l.lines, int32(line))
	if !ok {
		return 0
	}
	return l.base + int64(l.ids[i])
}
