package sqlstore

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"bina"
)

// ---- the runner's side ----

// ClaimImport marks the job as run by runner. A job that is queued, failed
// (a later run resumes it) or running without a sign of life for stale can
// be claimed; a job already done is returned as it is, with nothing to
// do. Before the first run of any import, the name keys of records
// written before migration 0002 are filled in.
func (s *Store) ClaimImport(ctx context.Context, id int64, runner string, stale time.Duration) (*bina.ImportJob, error) {
	if _, err := s.requireImporter(ctx); err != nil {
		return nil, err
	}
	if err := s.fillNameKeys(ctx); err != nil {
		return nil, err
	}
	if err := s.recoverBulk(ctx); err != nil {
		return nil, err
	}
	now := s.now()
	var j *bina.ImportJob
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if j, err = s.loadImport(ctx, tx, id, true); err != nil {
			return err
		}
		var cur string
		var hb sql.NullTime
		if err := tx.QueryRowContext(ctx, `SELECT runner, heartbeat_at FROM imports WHERE id = $1`, id).Scan(&cur, &hb); err != nil {
			return bina.Wrap(err, "claim import")
		}
		switch j.State {
		case bina.ImportUploaded:
			return bina.Errorf(bina.Conflict, "Impor ini belum dipetakan kolomnya", "This import's columns are not mapped yet")
		case bina.ImportDone:
			return nil
		case bina.ImportRunning:
			if cur != "" && cur != runner && hb.Valid && now.Sub(hb.Time) < stale {
				return bina.Errorf(bina.Conflict, "Impor ini sedang berjalan", "This import is running")
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE imports SET state = $1, runner = $2, heartbeat_at = $3, started_at = COALESCE(started_at, $3), error_id = '', error_en = '', finished_at = NULL WHERE id = $4`,
			bina.ImportRunning, runner, now, id)
		if err != nil {
			return bina.Wrap(err, "claim import")
		}
		j.State, j.Error, j.FinishedAt = bina.ImportRunning, bina.Text{}, nil
		if j.StartedAt == nil {
			j.StartedAt = &now
		}
		return nil
	})
	return j, err
}

// FinishImport ends a run; state "" releases an interrupted run's claim.
func (s *Store) FinishImport(ctx context.Context, id int64, runner, state string, msg bina.Text, total int) error {
	// Whatever a run wrote since its last commit is given up with it.
	s.endImportTx(ctx, runner, false)
	s.imports.mu.Lock()
	// A first load begun by this run knows the counts of every record it
	// committed; one begun by a run that died is counted again.
	var counts countTally
	if run := s.imports.runs[runner]; run != nil && run.bulk && run.job == id && !run.countsLost {
		counts = run.counts
		if counts == nil {
			counts = countTally{}
		}
	}
	delete(s.imports.runs, runner)
	s.imports.mu.Unlock()
	now := s.now()
	var err error
	if state == "" {
		err = s.write(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE imports SET state = $1, runner = '' WHERE id = $2 AND runner = $3 AND state = $4`, bina.ImportQueued, id, runner, bina.ImportRunning)
			if err != nil {
				return bina.Wrap(err, "release import")
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return nil
			}
			// A first load resumes as an ordinary import.
			return s.finishBulk(ctx, tx, id, counts)
		})
	} else {
		err = s.write(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE imports SET state = $1, runner = '', error_id = $2, error_en = $3, finished_at = $4, total = CASE WHEN $5 > 0 THEN $5 ELSE total END WHERE id = $6 AND runner = $7`,
				state, msg.ID, msg.EN, now, total, id, runner)
			if err != nil {
				return bina.Wrap(err, "finish import")
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return errClaimLost()
			}
			return s.finishBulk(ctx, tx, id, counts)
		})
	}
	if err != nil {
		return err
	}
	if state == bina.ImportDone && s.d.name == "sqlite" {
		// Fold the WAL back into the database and refresh the planner's
		// statistics where a large import changed the tables' shapes.
		for _, q := range []string{`PRAGMA wal_checkpoint(PASSIVE)`, `PRAGMA analysis_limit = 2000`, `PRAGMA optimize`} {
			if _, err := s.wdb.ExecContext(ctx, q); err != nil {
				return bina.Wrap(err, "after import")
			}
		}
	}
	return nil
}

func errClaimLost() error {
	return bina.Errorf(bina.Conflict, "Impor ini diambil alih oleh proses lain", "Another run has taken over this import")
}

// fillNameKeys computes the name keys of enterprises written before
// migration 0002, a batch at a time, once per process: every write since
// keeps them.
func (s *Store) fillNameKeys(ctx context.Context) error {
	if s.imports.namesFilled.Load() {
		return nil
	}
	for {
		type row struct {
			id   int64
			name string
		}
		var batch []row
		err := s.write(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT id, name FROM enterprises WHERE name_key IS NULL LIMIT 5000`)
			if err != nil {
				return err
			}
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.id, &r.name); err != nil {
					rows.Close()
					return err
				}
				batch = append(batch, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, r := range batch {
				if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET name_key = $1 WHERE id = $2`, bina.NameKey(r.name), r.id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return bina.Wrap(err, "fill name keys")
		}
		if len(batch) < 5000 {
			s.imports.namesFilled.Store(true)
			return nil
		}
	}
}

// importTx is the open write transaction of one run of an import. A run
// writes its chunks into it and commits every few chunks together with the
// checkpoint (bina.ImportChunk.Commit): on SQLite each commit writes every
// page the rows touched to the WAL, and rows that come in no particular
// order touch nearly every leaf of each index on a name or a number, so
// committing a chunk of 5,000 rows cost as much as one of 50,000.
//
// The transaction has a connection of its own, so that COPY (PostgreSQL)
// runs inside it. On SQLite that connection's foreign-key checks are off
// while the run writes (the store gives out the ids and writes owners
// before their records; a check per row would cost a lookup), its page
// cache is larger, and the WAL is checkpointed by the run after each
// commit instead of by SQLite after it.
type importTx struct {
	conn    *sql.Conn
	tx      *sql.Tx
	restore func()
	created int                     // records created in this transaction
	stmts   map[insertKey]*sql.Stmt // prepared multi-row INSERTs, by shape
	counts  countTally              // a first load's counts of the records created in this transaction
	seqs    map[string]string       // PostgreSQL: the id sequence of each table
}

// insertKey is the shape of a multi-row INSERT of insertRows: its
// table's columns are always the same.
type insertKey struct {
	table      string
	cols, rows int
}

// stmt returns the INSERT of shape k prepared in the transaction, with
// the text made by q the first time. The INSERTs of a chunk have the same
// few shapes chunk after chunk; SQLite takes longer to parse an INSERT of
// 30,000 parameters than to run it, and building the text of 1,000 rows
// for each statement cost 5 s a million rows.
func (it *importTx) stmt(ctx context.Context, k insertKey, q func() string) (*sql.Stmt, error) {
	if st, ok := it.stmts[k]; ok {
		return st, nil
	}
	st, err := it.tx.PrepareContext(ctx, q())
	if err != nil {
		return nil, err
	}
	if it.stmts == nil {
		it.stmts = map[insertKey]*sql.Stmt{}
	}
	it.stmts[k] = st
	return st, nil
}

// exec runs the INSERT of shape k (see stmt) with args.
func (it *importTx) exec(ctx context.Context, k insertKey, q func() string, args []any) error {
	st, err := it.stmt(ctx, k, q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// beginImportTx returns the open transaction of runner, beginning one
// when there is none.
func (s *Store) beginImportTx(ctx context.Context, runner string) (*importTx, error) {
	run := s.importRun(runner)
	if run.tx != nil {
		return run.tx, nil
	}
	conn, err := s.wdb.Conn(ctx)
	if err != nil {
		return nil, bina.Wrap(err, "import connection")
	}
	it := &importTx{conn: conn, restore: func() {}}
	if s.d.name == "sqlite" {
		// A page cache of 24 MB: index pages stay in it from chunk to
		// chunk. (modernc's allocator gives each 4 KB page about twice
		// its size, so it costs some 50 MB of the process's memory; a
		// larger cache measured no faster.)
		for _, q := range []string{`PRAGMA foreign_keys = OFF`, `PRAGMA wal_autocheckpoint = 0`, `PRAGMA cache_size = -24576`} {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				conn.Close()
				return nil, bina.Wrap(err, "import pragmas")
			}
		}
		it.restore = func() {
			bg := context.Background()
			conn.ExecContext(bg, `PRAGMA foreign_keys = ON`)
			conn.ExecContext(bg, `PRAGMA wal_autocheckpoint = 1000`)
			conn.ExecContext(bg, `PRAGMA cache_size = -32000`)
		}
	}
	if it.tx, err = conn.BeginTx(ctx, nil); err != nil {
		it.restore()
		conn.Close()
		return nil, bina.Wrap(err, "begin")
	}
	run.tx = it
	return it, nil
}

// importRun returns the store's state of a run.
func (s *Store) importRun(runner string) *importRun {
	s.imports.mu.Lock()
	defer s.imports.mu.Unlock()
	if s.imports.runs == nil {
		s.imports.runs = map[string]*importRun{}
	}
	run := s.imports.runs[runner]
	if run == nil {
		run = &importRun{}
		s.imports.runs[runner] = run
	}
	return run
}

// endImportTx commits (or rolls back) the open transaction of runner, if
// any, and gives its connection back.
func (s *Store) endImportTx(ctx context.Context, runner string, commit bool) error {
	run := s.importRun(runner)
	it := run.tx
	run.tx = nil
	if it == nil {
		return nil
	}
	defer it.conn.Close()
	defer it.restore()
	defer func() {
		for _, st := range it.stmts {
			st.Close()
		}
	}()
	if !commit {
		it.tx.Rollback()
		return nil
	}
	if err := it.tx.Commit(); err != nil {
		// A commit whose answer was lost may have happened: the run's
		// counts are no longer known, and the first load's end counts
		// again.
		run.countsLost = true
		return bina.Wrap(err, "commit")
	}
	if len(it.counts) > 0 {
		if run.counts == nil {
			run.counts = countTally{}
		}
		run.counts.add(it.counts.deltas())
	}
	if s.d.name == "sqlite" {
		if _, err := it.conn.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
			return bina.Wrap(err, "checkpoint")
		}
		return nil
	}
	run.created += it.created
	return s.analyzeAfterImport(ctx, it.conn, run.created)
}

// analyzeAfterImport refreshes PostgreSQL's statistics of the tables an
// import looks rows up in whenever the run has added as many records as
// the statistics knew of. Without it, a register that grows from nothing
// during one import keeps the statistics of an empty table, the planner
// walks the whole table for each lookup of a NIK or NIB, and every chunk
// costs more than the one before. The autovacuum daemon would come, but
// too late for the run. The tables grow fourfold between two refreshes,
// so a million rows take four, of the few columns the lookups test.
func (s *Store) analyzeAfterImport(ctx context.Context, conn *sql.Conn, n int) error {
	if n < 10_000 {
		return nil
	}
	var known float64
	if err := conn.QueryRowContext(ctx, `SELECT reltuples FROM pg_class WHERE oid = CAST('enterprises' AS regclass)`).Scan(&known); err != nil {
		return bina.Wrap(err, "import statistics")
	}
	if float64(n) < 3*known {
		return nil
	}
	_, err := conn.ExecContext(ctx, `ANALYZE enterprises (owner_id, nib, village_code, name_key, archived_at), persons (id, nik), import_keys (entity, source, key)`)
	return bina.Wrap(err, "import statistics")
}

// WriteImportChunk writes one chunk of converted rows with the job's
// checkpoint and counts into the run's transaction, and commits it when
// the chunk says so. A failure rolls back everything since the last
// commit.
func (s *Store) WriteImportChunk(ctx context.Context, id int64, runner string, c *bina.ImportChunk) (bina.ImportCounts, error) {
	now := s.now()
	if err := s.startRun(ctx, id, runner, c); err != nil {
		return bina.ImportCounts{}, err
	}
	it, err := s.beginImportTx(ctx, runner)
	if err != nil {
		return bina.ImportCounts{}, err
	}
	counts, err := s.writeChunk(ctx, it, id, runner, c, now)
	if err != nil {
		s.endImportTx(ctx, runner, false)
		return bina.ImportCounts{}, err
	}
	it.created += counts.Created
	if c.Commit {
		if err := s.endImportTx(ctx, runner, true); err != nil {
			return bina.ImportCounts{}, err
		}
	}
	return counts, nil
}

// startRun learns, before a run's first chunk, what the register held
// before the run, and makes the run a first load if it is one. It commits
// on its own, before the run's transaction: on PostgreSQL the indexes a
// first load drops are locked against every reader until the dropping
// transaction ends.
func (s *Store) startRun(ctx context.Context, id int64, runner string, c *bina.ImportChunk) error {
	run := s.importRun(runner)
	if run.knowsBaseline && run.job == id {
		return nil
	}
	if run.tx != nil {
		return fmt.Errorf("import %d: a transaction is open before the first chunk", id)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		j, err := s.loadImport(ctx, tx, id, true)
		if err != nil {
			return err
		}
		var cur string
		if err := tx.QueryRowContext(ctx, `SELECT runner, (SELECT COALESCE(max(id), 0) FROM enterprises) FROM imports WHERE id = $1`, id).Scan(&cur, &run.baseline); err != nil {
			return bina.Wrap(err, "import baseline")
		}
		if cur != runner || j.State != bina.ImportRunning {
			return errClaimLost()
		}
		err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM import_keys WHERE entity = $1 AND source = $2 AND import_id <> $3)`,
			string(j.Entity), j.Source, id).Scan(&run.othersKeys)
		if err != nil {
			return bina.Wrap(err, "import keys")
		}
		// A first load whose run died was put back by ClaimImport
		// (recoverBulk): its next run is an ordinary import.
		run.bulk, run.lines, run.counts, run.countsLost = false, nil, nil, false
		if s.bulkEligible(j, c, run.baseline) {
			another, err := s.anotherFirstLoad(ctx, tx, id)
			if err != nil {
				return err
			}
			if !another {
				if err := s.beginBulk(ctx, tx, id); err != nil {
					return err
				}
				run.bulk, run.lines = true, newLineRecords(c.Total)
			}
		}
		run.knowsBaseline, run.job = true, id
		return nil
	})
}

func (s *Store) writeChunk(ctx context.Context, it *importTx, id int64, runner string, c *bina.ImportChunk, now time.Time) (bina.ImportCounts, error) {
	tx := it.tx
	j, err := s.loadImport(ctx, tx, id, true)
	if err != nil {
		return bina.ImportCounts{}, err
	}
	var cur string
	if err := tx.QueryRowContext(ctx, `SELECT runner FROM imports WHERE id = $1`, id).Scan(&cur); err != nil {
		return bina.ImportCounts{}, bina.Wrap(err, "import chunk")
	}
	if cur != runner || j.State != bina.ImportRunning {
		return bina.ImportCounts{}, errClaimLost()
	}
	run := s.importRun(runner)
	who := j.CreatedBy
	if who == "" {
		who = "system"
	}
	var counts bina.ImportCounts
	for g, rows := range keyGenerations(c.Rows) {
		// Rows past the first part repeat a row of the chunk: their keys
		// are there.
		w := &chunkWriter{s: s, tx: tx, it: it, conn: it.conn, job: j, now: now, fields: c.Fields, who: who, baseline: run.baseline, bulk: run.bulk, lines: run.lines, othersKeys: run.othersKeys || g > 0}
		if err := w.write(ctx, rows); err != nil {
			return bina.ImportCounts{}, err
		}
		counts.Add(w.counts)
	}
	_, err = tx.ExecContext(ctx, `UPDATE imports SET done = $1, total = CASE WHEN $2 > 0 THEN $2 ELSE total END, heartbeat_at = $3,
	created = created + $4, updated = updated + $5, unchanged = unchanged + $6, rejected = rejected + $7, review = review + $8 WHERE id = $9`,
		c.Done, c.Total, now, counts.Created, counts.Updated, counts.Unchanged, counts.Rejected, counts.Review, id)
	return counts, bina.Wrap(err, "import checkpoint")
}

// keyGenerations splits the rows of a chunk so that no row key repeats
// within a part: the first rows of each key, then the second ones, and so
// on, each part in the file's order. The parts are written one after the
// other in the chunk's transaction, so that a row repeating an earlier
// one of the same chunk finds the record that one wrote. Files repeat few
// rows: nearly always there is one part, the chunk itself.
func keyGenerations(rows []bina.ImportRow) [][]bina.ImportRow {
	seen := make(map[string]int, len(rows))
	var gen []int
	parts := 1
	for i := range rows {
		r := &rows[i]
		if r.Outcome == bina.OutcomeRejected || r.Key == "" {
			continue
		}
		n := seen[r.Key]
		seen[r.Key] = n + 1
		if n > 0 {
			if gen == nil {
				gen = make([]int, len(rows))
			}
			gen[i] = n
			parts = max(parts, n+1)
		}
	}
	if parts == 1 {
		return [][]bina.ImportRow{rows}
	}
	out := make([][]bina.ImportRow, parts)
	for i := range rows {
		out[gen[i]] = append(out[gen[i]], rows[i])
	}
	return out
}

// chunkWriter writes the rows of one chunk.
type chunkWriter struct {
	s  *Store
	tx *sql.Tx
	it *importTx
	// baseline is the largest enterprise id before the run wrote: 0 when
	// the register was empty, and then only this file's own records can
	// be duplicates, which the file's index has flagged already.
	baseline int64
	// othersKeys: other imports have written keys of the job's source;
	// without them only rows repeating an earlier row of the file can
	// find a key (lookupKeys).
	othersKeys bool
	// lines: the records of the run's rows, by line, in a first load.
	lines *lineRecords
	// bulk: the run is a first load, whose end counts the records again.
	bulk   bool
	conn   *sql.Conn
	job    *bina.ImportJob
	now    time.Time
	fields []string
	who    string
	counts bina.ImportCounts

	issues  []issueRow
	reviews []reviewRow
	keys    []keyRow // import_keys to insert
	rekeys  []keyRow // import_keys whose record or hash changes
}

type issueRow struct {
	row      *bina.ImportRow
	reviewID int64
}

type reviewRow struct {
	row    *bina.ImportRow
	kind   string
	cand   int64
	reason bina.Text
	id     int64
}

type keyRow struct {
	key      string
	recordID int64
	reviewID int64
	hash     int64
}

// storedKey is what import_keys says about a row key.
type storedKey struct {
	recordID, reviewID int64
	hash               int64
}

func (w *chunkWriter) write(ctx context.Context, rows []bina.ImportRow) error {
	var look []int
	for i := range rows {
		r := &rows[i]
		switch r.Outcome {
		case bina.OutcomeRejected:
			w.counts.Rejected++
			w.issues = append(w.issues, issueRow{row: r})
		case bina.OutcomeUnchanged:
			w.counts.Unchanged++
		case bina.OutcomeUpdated:
			w.counts.Updated++
		case bina.OutcomeCreated, bina.OutcomeReview:
			look = append(look, i)
		default:
			return fmt.Errorf("import row %d: unknown outcome %q", r.Line, r.Outcome)
		}
	}
	stored, err := w.lookupKeys(ctx, rows, look)
	if err != nil {
		return err
	}
	var fresh, updates []int
	inChunk := make(map[string]bool, len(look))
	for _, i := range look {
		r := &rows[i]
		if inChunk[r.Key] {
			// keyGenerations writes a repeated key in a later part, so
			// that the repeat finds the first row's record.
			return fmt.Errorf("import row %d: key %s repeats within one chunk", r.Line, r.Key)
		}
		inChunk[r.Key] = true
		k, ok := stored[r.Key]
		switch {
		case !ok:
			fresh = append(fresh, i)
		case k.recordID != 0 && k.hash == r.Hash:
			r.Outcome, r.RecordID = bina.OutcomeUnchanged, k.recordID
			w.counts.Unchanged++
		case k.recordID != 0:
			r.RecordID = k.recordID
			updates = append(updates, i)
		case k.reviewID != 0:
			// Imported before and still waiting for a person.
			r.Outcome = bina.OutcomeReview
			r.Problems = append(r.Problems, bina.FieldError{Message: bina.Text{
				ID: fmt.Sprintf("masih menunggu di antrean tinjauan (#%d)", k.reviewID),
				EN: fmt.Sprintf("still waiting in the review queue (#%d)", k.reviewID)}})
			w.counts.Review++
			w.issues = append(w.issues, issueRow{row: r, reviewID: k.reviewID})
		default:
			// A person chose to skip this row before.
			r.Outcome = bina.OutcomeUnchanged
			w.counts.Unchanged++
		}
	}
	dups, err := w.findDuplicates(ctx, rows, fresh)
	if err != nil {
		return err
	}
	// Decide the fresh rows in file order: a row resembling an earlier one
	// of this chunk that is created here gets that record as candidate.
	var creates []int
	createdAt := map[int]int{} // line → index in creates
	type pending struct {
		review int // index in w.reviews
		line   int
	}
	var waiting []pending
	for _, i := range fresh {
		r := &rows[i]
		switch {
		case dups[i] != nil:
			r.Duplicate = dups[i]
			r.Outcome = bina.OutcomeReview
			w.reviews = append(w.reviews, reviewRow{row: r, kind: bina.ReviewDuplicate, cand: dups[i].RecordID, reason: dups[i].Reason})
		case r.Duplicate != nil:
			r.Outcome = bina.OutcomeReview
			w.reviews = append(w.reviews, reviewRow{row: r, kind: bina.ReviewDuplicate, reason: r.Duplicate.Reason})
			if _, ok := createdAt[r.Duplicate.Line]; ok {
				waiting = append(waiting, pending{len(w.reviews) - 1, r.Duplicate.Line})
			}
		case r.Outcome == bina.OutcomeReview:
			w.reviews = append(w.reviews, reviewRow{row: r, kind: bina.ReviewRegion, reason: r.Region.Problem})
		default:
			createdAt[r.Line] = len(creates)
			creates = append(creates, i)
		}
	}
	w.counts.Review += len(w.reviews)
	w.counts.Created += len(creates)
	w.counts.Updated += len(updates)
	for _, i := range creates {
		if len(rows[i].Problems) > 0 {
			w.issues = append(w.issues, issueRow{row: &rows[i]})
		}
	}
	if w.job.DryRun {
		for _, rv := range w.reviews {
			addReason(rv)
			w.issues = append(w.issues, issueRow{row: rv.row})
		}
		for _, i := range updates {
			rows[i].Outcome = bina.OutcomeUpdated
		}
		return w.writeIssues(ctx)
	}

	if w.job.Entity == bina.EntityCooperative {
		if err := w.createCooperatives(ctx, rows, creates); err != nil {
			return err
		}
	} else if err := w.createEnterprises(ctx, rows, creates); err != nil {
		return err
	}
	for _, p := range waiting {
		rv := &w.reviews[p.review]
		rv.cand = rows[creates[createdAt[p.line]]].RecordID
		rv.row.Duplicate.RecordID = rv.cand
		rv.reason = bina.DuplicateReason(w.job.Entity, rv.row.Duplicate.Rule, 0, rv.cand)
		rv.row.Duplicate.Reason = rv.reason
	}
	if w.lines != nil {
		w.lines.note(rows, creates, w.reviews)
	}
	if err := w.applyUpdates(ctx, rows, updates); err != nil {
		return err
	}
	for _, rv := range w.reviews {
		addReason(rv)
	}
	if err := w.insertReviews(ctx); err != nil {
		return err
	}
	if err := w.writeKeys(ctx); err != nil {
		return err
	}
	return w.writeIssues(ctx)
}

// addReason puts the reason of a duplicate review among the row's
// problems, beside the field the rule compares, for the report.
func addReason(rv reviewRow) {
	if rv.kind != bina.ReviewDuplicate || rv.row.Duplicate == nil {
		return
	}
	field := "name"
	switch rv.row.Duplicate.Rule {
	case bina.DuplicateNIB:
		field = "nib"
	case bina.DuplicateNIKName:
		field = "owner.nik"
	case bina.DuplicateRegistration:
		field = "registration_number"
	}
	rv.row.Problems = append(rv.row.Problems, bina.FieldError{Field: field, Message: rv.reason})
}

// placeholders returns n placeholders for a statement whose parameters so
// far number from: plain "?" on SQLite (see dialect.numberedInsert).
func (w *chunkWriter) placeholders(p *params, vals []any) string {
	if w.s.d.numberedInsert {
		return p.list(vals...)
	}
	p.args = append(p.args, vals...)
	return strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ")
}

// inList returns "col IN (...)" for SQLite, "col = ANY($n)" for
// PostgreSQL (one array parameter: the planner reads it as one value).
func (w *chunkWriter) inList(p *params, col string, vals []string) string {
	if w.s.d.name == "postgres" {
		return col + " = ANY(" + p.add(vals) + ")"
	}
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return col + " IN (" + w.placeholders(p, args) + ")"
}

// lookupKeys reads import_keys for the rows' keys.
func (w *chunkWriter) lookupKeys(ctx context.Context, rows []bina.ImportRow, look []int) (map[string]storedKey, error) {
	out := map[string]storedKey{}
	if len(look) == 0 {
		return out, nil
	}
	keys := make([]string, 0, len(look))
	for _, i := range look {
		if w.othersKeys || rows[i].Repeat {
			keys = append(keys, rows[i].Key)
		}
	}
	if len(keys) == 0 {
		return out, nil
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var p params
	if !w.s.d.numberedInsert {
		// "?" placeholders only: the key list follows two leading values.
		p.args = append(p.args, string(w.job.Entity), w.job.Source)
		q := `SELECT key, record_id, review_id, content_hash FROM import_keys WHERE entity = ? AND source = ? AND ` + w.inList(&p, "key", keys)
		return out, w.scanKeys(ctx, q, p.args, out)
	}
	q := `SELECT key, record_id, review_id, content_hash FROM import_keys WHERE entity = ` + p.add(string(w.job.Entity)) + ` AND source = ` + p.add(w.job.Source) + ` AND ` + w.inList(&p, "key", keys)
	return out, w.scanKeys(ctx, q, p.args, out)
}

func (w *chunkWriter) scanKeys(ctx context.Context, q string, args []any, out map[string]storedKey) error {
	rs, err := w.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return bina.Wrap(err, "import keys")
	}
	defer rs.Close()
	for rs.Next() {
		var k string
		var rec, rev sql.NullInt64
		var h int64
		if err := rs.Scan(&k, &rec, &rev, &h); err != nil {
			return bina.Wrap(err, "import keys")
		}
		out[k] = storedKey{recordID: rec.Int64, reviewID: rev.Int64, hash: h}
	}
	return bina.Wrap(rs.Err(), "import keys")
}

// candidate is a live record that a row may duplicate.
type candidate struct {
	id      int64
	village bina.RegionCode
	nib     string
	nik     string
	name    string // name key
	owner   string // person key of the owner
	reg     string
}

// findDuplicates looks for live records in the author's area that the
// fresh rows resemble, by NIB, by owner NIK and a similar name, and by a
// similar name and owner in the same desa (bina/dedupe.go). The oldest
// matching record is the candidate.
func (w *chunkWriter) findDuplicates(ctx context.Context, rows []bina.ImportRow, fresh []int) (map[int]*bina.DuplicateMatch, error) {
	out := map[int]*bina.DuplicateMatch{}
	if len(fresh) == 0 {
		return out, nil
	}
	if w.job.Entity == bina.EntityCooperative {
		return w.findCooperativeDuplicates(ctx, rows, fresh)
	}
	if w.lines != nil {
		// A first load, whose lookup indexes are dropped: a row the
		// file's index flagged gets the record its earlier row became
		// (or that row's own candidate); one resembling a row of this
		// chunk is placed by write.
		for _, i := range fresh {
			d := rows[i].Duplicate
			if d == nil {
				continue
			}
			if id := w.lines.find(d.Line); id != 0 {
				out[i] = &bina.DuplicateMatch{Rule: d.Rule, RecordID: id, Reason: bina.DuplicateReason(bina.EntityEnterprise, d.Rule, 0, id)}
			}
		}
		return out, nil
	}
	if w.baseline == 0 {
		// An empty register before this run: only the rows the file's
		// index flagged need their earlier row's record found.
		var flagged []int
		for _, i := range fresh {
			if rows[i].Duplicate != nil {
				flagged = append(flagged, i)
			}
		}
		fresh = flagged
		if len(fresh) == 0 {
			return out, nil
		}
	}
	var nibs, niks []string
	byVillage := map[bina.RegionCode][]string{}
	keys := make(map[int]bina.DuplicateKeys, len(fresh))
	for _, i := range fresh {
		k := rows[i].Keys
		if k == (bina.DuplicateKeys{}) {
			k = bina.EnterpriseKeys(rows[i].Enterprise)
		}
		keys[i] = k
		if k.NIB != "" {
			nibs = append(nibs, k.NIB)
		}
		if k.NIK != "" {
			niks = append(niks, k.NIK)
		}
		if k.Village != "" && k.Name != "" {
			byVillage[k.Village] = append(byVillage[k.Village], k.Name)
		}
	}
	const sel = `SELECT e.id, e.village_code, e.nib, p.nik, COALESCE(e.name_key, ''), p.name FROM enterprises e JOIN persons p ON p.id = e.owner_id WHERE e.archived_at IS NULL AND `
	var cands []candidate
	scan := func(q string, args []any) error {
		rs, err := w.tx.QueryContext(ctx, q, args...)
		if err != nil {
			return bina.Wrap(err, "find duplicates")
		}
		defer rs.Close()
		for rs.Next() {
			var c candidate
			var village, owner string
			if err := rs.Scan(&c.id, &village, &c.nib, &c.nik, &c.name, &owner); err != nil {
				return bina.Wrap(err, "find duplicates")
			}
			c.village = bina.RegionCode(village)
			if !w.job.Scope.Contains(c.village) && w.job.Scope != "" {
				continue
			}
			c.owner = bina.PersonKey(owner)
			cands = append(cands, c)
		}
		return bina.Wrap(rs.Err(), "find duplicates")
	}
	if len(nibs) > 0 {
		var p params
		if err := scan(sel+w.inList(&p, "e.nib", dedupStrings(nibs)), p.args); err != nil {
			return nil, err
		}
	}
	if len(niks) > 0 {
		var p params
		if err := scan(sel+w.inList(&p, "p.nik", dedupStrings(niks)), p.args); err != nil {
			return nil, err
		}
	}
	if len(byVillage) > 0 {
		// One lookup per pair through the (village_code, name_key) index.
		var vs, ns []string
		for v, names := range byVillage {
			for _, n := range dedupStrings(names) {
				vs, ns = append(vs, string(v)), append(ns, n)
			}
		}
		var p params
		var q string
		if w.s.d.name == "postgres" {
			q = `SELECT e.id, e.village_code, e.nib, p.nik, COALESCE(e.name_key, ''), p.name FROM unnest(` + p.add(vs) + `::text[], ` + p.add(ns) + `::text[]) AS k(v, n)
CROSS JOIN LATERAL (SELECT * FROM enterprises x WHERE x.village_code = k.v AND x.name_key = k.n AND x.archived_at IS NULL) e JOIN persons p ON p.id = e.owner_id`
		} else {
			pairs := make([]string, len(vs))
			for i := range vs {
				p.args = append(p.args, vs[i], ns[i])
				pairs[i] = "(?, ?)"
			}
			q = `WITH k(v, n) AS (VALUES ` + strings.Join(pairs, ", ") + `)
SELECT e.id, e.village_code, e.nib, p.nik, COALESCE(e.name_key, ''), p.name FROM k JOIN enterprises e ON e.village_code = k.v AND e.name_key = k.n JOIN persons p ON p.id = e.owner_id WHERE e.archived_at IS NULL`
		}
		if err := scan(q, p.args); err != nil {
			return nil, err
		}
	}
	if len(cands) == 0 {
		return out, nil
	}
	slices.SortFunc(cands, func(a, b candidate) int { return cmp.Compare(a.id, b.id) })
	byNIB := map[string]*candidate{}
	byNIK := map[string][]*candidate{}
	byPlace := map[string][]*candidate{}
	for i := range cands {
		c := &cands[i]
		if c.nib != "" && byNIB[c.nib] == nil {
			byNIB[c.nib] = c
		}
		if c.nik != "" {
			byNIK[c.nik] = append(byNIK[c.nik], c)
		}
		byPlace[string(c.village)+"|"+c.name] = append(byPlace[string(c.village)+"|"+c.name], c)
	}
	for _, i := range fresh {
		k := keys[i]
		rule, id := "", int64(0)
		if c := byNIB[k.NIB]; k.NIB != "" && c != nil {
			rule, id = bina.DuplicateNIB, c.id
		}
		if rule == "" && k.NIK != "" {
			for _, c := range byNIK[k.NIK] {
				if bina.SimilarKeys(c.name, k.Name) {
					rule, id = bina.DuplicateNIKName, c.id
					break
				}
			}
		}
		if rule == "" && k.Village != "" {
			for _, c := range byPlace[string(k.Village)+"|"+k.Name] {
				if bina.SimilarKeys(c.owner, k.Owner) {
					rule, id = bina.DuplicateNameVillage, c.id
					break
				}
			}
		}
		if rule != "" {
			m := &bina.DuplicateMatch{Rule: rule, RecordID: id, Reason: bina.DuplicateReason(bina.EntityEnterprise, rule, 0, id)}
			if rows[i].Duplicate != nil {
				m.Line = rows[i].Duplicate.Line
			}
			out[i] = m
		}
	}
	return out, nil
}

func dedupStrings(ss []string) []string {
	ss = slices.Clone(ss)
	slices.Sort(ss)
	return slices.Compact(ss)
}

// ---- creating enterprises ----

// preparedRow is what PrepareImportChunk computes of a row's record: the
// derived columns and the search document (and on PostgreSQL the search
// column's text) that createEnterprises writes if the row creates it.
type preparedRow struct {
	e *bina.Enterprise // the record they are of
	derived
	search searchDoc
	vector string
}

// PrepareImportChunk computes the derived columns and search documents of
// the records the rows of c may create, on the caller's goroutine.
func (s *Store) PrepareImportChunk(c *bina.ImportChunk) {
	for i := range c.Rows {
		if r := &c.Rows[i]; r.Outcome != bina.OutcomeRejected && r.Enterprise != nil {
			r.Prepared = s.prepare(r.Enterprise)
		}
	}
}

// prepared returns what PrepareImportChunk computed of r's record, or
// computes it now.
func (s *Store) prepared(r *bina.ImportRow) *preparedRow {
	if p, ok := r.Prepared.(*preparedRow); ok && p.e == r.Enterprise {
		return p
	}
	p := s.prepare(r.Enterprise)
	r.Prepared = p
	return p
}

// prepare computes what createEnterprises writes of e as a new record,
// which is live whatever e says.
func (s *Store) prepare(e *bina.Enterprise) *preparedRow {
	live := e
	if e.ArchivedAt != nil {
		x := *e
		x.ArchivedAt = nil
		live = &x
	}
	p := &preparedRow{e: e, derived: s.derive(live)}
	p.search = enterpriseSearchOf(live, p.section)
	if s.d.searchColumn {
		p.vector = tsVector(p.search.words, p.search.facets)
	}
	return p
}

// reserveIDs returns n new ids of table: from the sequence on PostgreSQL
// (other writers go on meanwhile; gaps are harmless), from the current
// maximum on SQLite, whose one writer is this transaction.
func (w *chunkWriter) reserveIDs(ctx context.Context, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	if w.s.d.name == "postgres" {
		// One row of text back, not n rows. The sequence is named in the
		// text: looked up in each row (pg_get_serial_sequence), it cost
		// ten times the nextval.
		seq, ok := w.it.seqs[table]
		if !ok {
			if err := w.tx.QueryRowContext(ctx, `SELECT pg_get_serial_sequence($1, 'id')`, table).Scan(&seq); err != nil {
				return nil, bina.Wrap(err, "reserve ids")
			}
			if w.it.seqs == nil {
				w.it.seqs = map[string]string{}
			}
			w.it.seqs[table] = seq
		}
		var list string
		err := w.tx.QueryRowContext(ctx, `SELECT array_to_string(array_agg(nextval(CAST('`+strings.ReplaceAll(seq, "'", "''")+`' AS regclass))), ',') FROM generate_series(1, $1)`, n).Scan(&list)
		if err != nil {
			return nil, bina.Wrap(err, "reserve ids")
		}
		for _, f := range strings.Split(list, ",") {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return nil, bina.Wrap(err, "reserve ids")
			}
			ids = append(ids, id)
		}
		if len(ids) != n {
			return nil, fmt.Errorf("reserve ids: %d of %d", len(ids), n)
		}
		return ids, nil
	}
	first, err := nextID(ctx, w.tx, table)
	if err != nil {
		return nil, err
	}
	for i := range n {
		ids = append(ids, first+int64(i))
	}
	return ids, nil
}

func (w *chunkWriter) createEnterprises(ctx context.Context, rows []bina.ImportRow, creates []int) error {
	if len(creates) == 0 {
		return nil
	}
	{
		// Records go in in the order of the indexes by desa and name, so
		// that consecutive rows land on the same index pages (a fifth
		// faster on SQLite than the order of the file).
		// The sort names are computed once, not in each comparison.
		names := make([]string, len(rows))
		for _, i := range creates {
			names[i] = w.s.prepared(&rows[i]).sortName
		}
		creates = slices.Clone(creates)
		slices.SortFunc(creates, func(a, b int) int {
			ea, eb := rows[a].Enterprise, rows[b].Enterprise
			return cmp.Or(strings.Compare(string(ea.VillageCode), string(eb.VillageCode)), strings.Compare(names[a], names[b]))
		})
	}
	pids, err := w.reserveIDs(ctx, "persons", len(creates))
	if err != nil {
		return err
	}
	eids, err := w.reserveIDs(ctx, "enterprises", len(creates))
	if err != nil {
		return err
	}
	ents := make([]*bina.Enterprise, len(creates))
	preps := make([]*preparedRow, len(creates))
	for n, i := range creates {
		r := &rows[i]
		preps[n] = w.s.prepared(r)
		e := r.Enterprise
		e.ID, e.Owner.ID = eids[n], pids[n]
		e.CreatedAt, e.UpdatedAt, e.Version, e.ArchivedAt, e.ArchiveReason = w.now, w.now, 1, nil, ""
		r.RecordID = e.ID
		ents[n] = e
		w.keys = append(w.keys, keyRow{key: r.Key, recordID: e.ID, hash: r.Hash})
	}
	err = w.insertWithIDs(ctx, "persons", personColumns, pids, func(i int, dst []any) []any {
		return append(dst, personValues(&ents[i].Owner, w.now)...)
	})
	if err != nil {
		return err
	}
	cols := enterpriseColumns
	if w.s.d.searchColumn {
		cols = append(slices.Clip(cols), "search")
	}
	err = w.insertWithIDs(ctx, "enterprises", cols, eids, func(i int, dst []any) []any {
		e := ents[i]
		dst = append(dst, enterpriseValuesOf(e, e.Owner.ID, preps[i].derived)...)
		if w.s.d.searchColumn {
			dst = append(dst, preps[i].vector)
		}
		return dst
	})
	if err != nil {
		return err
	}
	var counts countTally
	if w.bulk {
		if w.it.counts == nil {
			w.it.counts = countTally{}
		}
		counts = w.it.counts
	}
	docs := make([]searchDoc, len(preps))
	for i, p := range preps {
		docs[i] = p.search
	}
	return w.s.insertEnterpriseRest(ctx, w.tx, w.inserter(), ents, docs, w.who, counts)
}

// insertWithIDs writes rows of table (persons or enterprises) with the ids
// given out by reserveIDs. On SQLite the ids are not written but assigned
// by SQLite itself, which takes the largest rowid plus one for each row in
// order: the same ids, since this transaction is the only writer. (An
// explicit INTEGER PRIMARY KEY makes SQLite keep a statement journal of
// every page the statement changes, in case the value is not an integer;
// that journal doubled the cost of a chunk.) The ids are checked
// afterwards.
func (w *chunkWriter) insertWithIDs(ctx context.Context, table string, cols []string, ids []int64, row func(i int, dst []any) []any) error {
	if w.s.d.name == "postgres" {
		return w.inserter()(ctx, table, append([]string{"id"}, cols...), len(ids), func(i int, dst []any) []any {
			return row(i, append(dst, ids[i]))
		})
	}
	if err := w.inserter()(ctx, table, cols, len(ids), row); err != nil {
		return err
	}
	var last int64
	if err := w.tx.QueryRowContext(ctx, `SELECT max(id) FROM `+table).Scan(&last); err != nil {
		return bina.Wrap(err, "check ids of "+table)
	}
	if last != ids[len(ids)-1] {
		return fmt.Errorf("import: %s got ids up to %d, expected %d", table, last, ids[len(ids)-1])
	}
	return nil
}

// inserter returns the bulk writer of the engine: COPY on PostgreSQL,
// multi-row INSERTs on SQLite.
func (w *chunkWriter) inserter() rowInserter {
	if w.s.d.name == "postgres" {
		return w.copyRows
	}
	return w.insertRows
}

// insertRows writes n rows with multi-row INSERT OR ROLLBACK statements
// (SQLite), prepared once per transaction. OR ROLLBACK: a failing row
// fails the whole chunk anyway, and where a constraint could stop a
// statement of many rows half way (ABORT, the default), SQLite keeps a
// statement journal of every page the statement changes so as to undo it
// alone. The full-text table takes as many rows per statement as the
// parameter limit allows: FTS5 writes its pending terms out as a new
// segment at the start of each statement.
func (w *chunkWriter) insertRows(ctx context.Context, table string, cols []string, n int, row func(i int, dst []any) []any) error {
	if n == 0 {
		return nil
	}
	per := max(1, min(maxParams/len(cols), 1000))
	if table == "enterprise_search" {
		per = max(1, maxParams/len(cols))
	}
	args := make([]any, 0, min(per, n)*len(cols))
	for start := 0; start < n; {
		// The rest of a chunk goes in statements of a power of two rows,
		// so that the prepared statements of a transaction are of a few
		// sizes. With one statement of each remainder, each chunk
		// prepared new ones, parsed anew and held until the commit: some
		// 100 MB of SQLite's memory by the end of a transaction. The
		// search rows are the exception: the rest of a chunk's is one
		// statement (one segment), prepared for this once.
		k := min(per, n-start)
		search := table == "enterprise_search" && k < per
		if k < per && !search {
			k = 1 << (bits.Len(uint(k)) - 1)
		}
		args = args[:0]
		for i := start; i < start+k; i++ {
			args = row(i, args)
		}
		text := func() string {
			return "INSERT OR ROLLBACK" + strings.TrimPrefix(w.s.d.insertSQL(table, cols, nil, k), "INSERT")
		}
		var err error
		if search {
			_, err = w.tx.ExecContext(ctx, text(), args...)
		} else {
			err = w.it.exec(ctx, insertKey{table, len(cols), k}, text, args)
		}
		if err != nil {
			return bina.Wrap(err, "insert "+table)
		}
		start += k
	}
	return nil
}

// copyRows writes n rows with COPY in text format through pgx, inside the
// chunk's transaction (the same connection). The values are the ones the
// INSERTs of the register use; the search column's text is what its CAST
// reads.
func (w *chunkWriter) copyRows(ctx context.Context, table string, cols []string, n int, row func(i int, dst []any) []any) error {
	if n == 0 {
		return nil
	}
	var buf bytes.Buffer
	vals := make([]any, 0, len(cols))
	for i := range n {
		vals = row(i, vals[:0])
		for j, v := range vals {
			if j > 0 {
				buf.WriteByte('\t')
			}
			if err := copyValue(&buf, v); err != nil {
				return bina.Wrap(err, "copy "+table)
			}
		}
		buf.WriteByte('\n')
	}
	stmt := "COPY " + table + " (" + strings.Join(cols, ", ") + ") FROM STDIN"
	return bina.Wrap(w.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy: driver connection is %T", dc)
		}
		_, err := c.Conn().PgConn().CopyFrom(ctx, &buf, stmt)
		return err
	}), "copy "+table)
}

// copyValue writes v in COPY's text format.
func copyValue(buf *bytes.Buffer, v any) error {
	if vr, ok := v.(driver.Valuer); ok {
		var err error
		if v, err = vr.Value(); err != nil {
			return err
		}
	}
	switch x := v.(type) {
	case nil:
		buf.WriteString(`\N`)
	case string:
		copyEscape(buf, x)
	case []byte:
		buf.WriteString(`\\x`)
		const hex = "0123456789abcdef"
		for _, b := range x {
			buf.WriteByte(hex[b>>4])
			buf.WriteByte(hex[b&15])
		}
	case int:
		buf.WriteString(strconv.Itoa(x))
	case int64:
		buf.WriteString(strconv.FormatInt(x, 10))
	case float64:
		buf.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case bool:
		if x {
			buf.WriteByte('t')
		} else {
			buf.WriteByte('f')
		}
	case time.Time:
		buf.WriteString(x.UTC().Format("2006-01-02 15:04:05.999999Z07:00"))
	default:
		return fmt.Errorf("copy: value of type %T", v)
	}
	return nil
}

// copyEscape writes s with COPY's text escapes.
func copyEscape(buf *bytes.Buffer, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '\\':
			esc = `\\`
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		case '\t':
			esc = `\t`
		default:
			continue
		}
		buf.WriteString(s[start:i])
		buf.WriteString(esc)
		start = i + 1
	}
	buf.WriteString(s[start:])
}

// ---- updates ----

// applyUpdates writes the rows whose key names a record and whose content
// changed: the fields the file fills are taken from the row, the others
// kept, and the difference written with its history. A record archived or
// moved out of the author's area since is left alone, reported unchanged
// with a note.
func (w *chunkWriter) applyUpdates(ctx context.Context, rows []bina.ImportRow, updates []int) error {
	for _, i := range updates {
		r := &rows[i]
		fields := w.fields
		if r.Outcome == bina.OutcomeReview {
			// The desa is not known from this row: keep the record's.
			fields = slices.DeleteFunc(slices.Clone(fields), func(f string) bool { return f == "village_code" })
		}
		var changed bool
		var err error
		if w.job.Entity == bina.EntityCooperative {
			changed, err = w.updateCooperative(ctx, r, fields)
		} else {
			changed, err = w.updateEnterprise(ctx, r, fields)
		}
		if err != nil {
			return err
		}
		if changed {
			r.Outcome = bina.OutcomeUpdated
		} else {
			r.Outcome = bina.OutcomeUnchanged
			w.counts.Updated--
			w.counts.Unchanged++
		}
		w.rekeys = append(w.rekeys, keyRow{key: r.Key, recordID: r.RecordID, hash: r.Hash})
		if len(r.Problems) > 0 {
			w.issues = append(w.issues, issueRow{row: r})
		}
	}
	return nil
}

func (w *chunkWriter) updateEnterprise(ctx context.Context, r *bina.ImportRow, fields []string) (bool, error) {
	old, err := w.s.loadEnterprise(ctx, w.tx, r.RecordID, true)
	if err != nil {
		return false, err
	}
	if old.ArchivedAt != nil || !w.job.Scope.Contains(old.VillageCode) {
		r.Problems = append(r.Problems, bina.FieldError{Message: bina.Text{
			ID: fmt.Sprintf("UMKM #%d sudah diarsipkan atau di luar wilayah kerja; tidak diubah", old.ID),
			EN: fmt.Sprintf("Enterprise #%d is archived or outside your area; not changed", old.ID)}})
		return false, nil
	}
	x := *old
	x.KBLI, x.Sales = slices.Clone(old.KBLI), slices.Clone(old.Sales)
	if err := x.TakeFields(r.Enterprise, fields); err != nil {
		return false, err
	}
	x.Normalize()
	slices.SortStableFunc(x.Sales, func(a, b bina.AnnualSales) int { return b.Year - a.Year })
	if err := x.Validate(w.s.ref); err != nil {
		r.Problems = append(r.Problems, bina.ErrorFields(err)...)
		return false, nil
	}
	changes, err := w.s.updateEnterpriseTx(ctx, w.tx, old, &x, w.now, w.who)
	if err != nil {
		return false, err
	}
	return len(changes) > 0, nil
}

// ---- reviews, keys and the report ----

func (w *chunkWriter) insertReviews(ctx context.Context) error {
	if len(w.reviews) == 0 {
		return nil
	}
	ids, err := w.reserveIDs(ctx, "import_reviews", len(w.reviews))
	if err != nil {
		return err
	}
	for n := range w.reviews {
		w.reviews[n].id = ids[n]
	}
	cols := []string{"import_id", "line", "entity", "kind", "state", "reason_id", "reason_en", "incoming", "candidate_id", "regions", "source", "row_key", "content_hash"}
	err = w.insertWithIDs(ctx, "import_reviews", cols, ids, func(i int, dst []any) []any {
		rv := &w.reviews[i]
		r := rv.row
		var incoming string
		if r.Cooperative != nil {
			incoming = jsonText(r.Cooperative)
		} else {
			incoming = jsonText(r.Enterprise)
		}
		regions := "[]"
		if rv.kind == bina.ReviewRegion && len(r.Region.Candidates) > 0 {
			regions = jsonText(r.Region.Candidates)
		}
		return append(dst, w.job.ID, r.Line, string(w.job.Entity), rv.kind, bina.ReviewOpen, rv.reason.ID, rv.reason.EN, incoming, rv.cand, regions, w.job.Source, r.Key, r.Hash)
	})
	if err != nil {
		return err
	}
	for _, rv := range w.reviews {
		w.keys = append(w.keys, keyRow{key: rv.row.Key, reviewID: rv.id, hash: rv.row.Hash})
		w.issues = append(w.issues, issueRow{row: rv.row, reviewID: rv.id})
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (w *chunkWriter) writeKeys(ctx context.Context) error {
	err := w.inserter()(ctx, "import_keys", []string{"entity", "source", "key", "record_id", "review_id", "content_hash", "import_id"}, len(w.keys), func(i int, dst []any) []any {
		k := w.keys[i]
		return append(dst, string(w.job.Entity), w.job.Source, k.key, nullID(k.recordID), nullID(k.reviewID), k.hash, w.job.ID)
	})
	if err != nil {
		return err
	}
	for _, k := range w.rekeys {
		if _, err := w.tx.ExecContext(ctx, `UPDATE import_keys SET record_id = $1, content_hash = $2, import_id = $3 WHERE entity = $4 AND source = $5 AND key = $6`,
			nullID(k.recordID), k.hash, w.job.ID, string(w.job.Entity), w.job.Source, k.key); err != nil {
			return bina.Wrap(err, "update import key")
		}
	}
	return nil
}

func (w *chunkWriter) writeIssues(ctx context.Context) error {
	slices.SortFunc(w.issues, func(a, b issueRow) int { return cmp.Compare(a.row.Line, b.row.Line) })
	w.issues = slices.CompactFunc(w.issues, func(a, b issueRow) bool { return a.row.Line == b.row.Line })
	return w.inserter()(ctx, "import_issues", []string{"import_id", "line", "outcome", "cells", "problems", "record_id", "review_id"}, len(w.issues), func(i int, dst []any) []any {
		is := w.issues[i]
		r := is.row
		problems := r.Problems
		if problems == nil {
			problems = []bina.FieldError{}
		}
		cells := r.Cells
		if cells == nil {
			cells = []string{}
		}
		return append(dst, w.job.ID, r.Line, r.Outcome, jsonText(cells), jsonText(problems), r.RecordID, is.reviewID)
	})
}

// ---- cooperatives ----

// Cooperatives are few (hundreds in a regency), so their imports write
// row by row through the same statements as CreateCooperative and
// UpdateCooperative, and duplicates are looked for among all live
// cooperatives of the author's area.

func (w *chunkWriter) findCooperativeDuplicates(ctx context.Context, rows []bina.ImportRow, fresh []int) (map[int]*bina.DuplicateMatch, error) {
	out := map[int]*bina.DuplicateMatch{}
	var p params
	conds := w.s.regionCond([]string{"c.archived_at IS NULL"}, &p, "c", w.job.Scope)
	rs, err := w.tx.QueryContext(ctx, `SELECT c.id, c.village_code, c.nib, c.registration_number, c.name FROM cooperatives c`+where(conds)+` ORDER BY c.id`, p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "find duplicates")
	}
	var cands []candidate
	for rs.Next() {
		var c candidate
		var village, name string
		if err := rs.Scan(&c.id, &village, &c.nib, &c.reg, &name); err != nil {
			rs.Close()
			return nil, bina.Wrap(err, "find duplicates")
		}
		c.village, c.name = bina.RegionCode(village), bina.NameKey(name)
		cands = append(cands, c)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, bina.Wrap(err, "find duplicates")
	}
	for _, i := range fresh {
		k := rows[i].Keys
		if k == (bina.DuplicateKeys{}) {
			k = bina.CooperativeKeys(rows[i].Cooperative)
		}
		rule, id := "", int64(0)
		for _, c := range cands {
			switch {
			case k.Reg != "" && c.reg == k.Reg:
				rule, id = bina.DuplicateRegistration, c.id
			case k.NIB != "" && c.nib == k.NIB:
				rule, id = bina.DuplicateNIB, c.id
			case k.Village != "" && c.village == k.Village && bina.SimilarKeys(c.name, k.Name):
				rule, id = bina.DuplicateNameVillage, c.id
			default:
				continue
			}
			break
		}
		if rule != "" {
			out[i] = &bina.DuplicateMatch{Rule: rule, RecordID: id, Reason: bina.DuplicateReason(bina.EntityCooperative, rule, 0, id)}
		}
	}
	return out, nil
}

func (w *chunkWriter) createCooperatives(ctx context.Context, rows []bina.ImportRow, creates []int) error {
	if len(creates) == 0 {
		return nil
	}
	ks, err := kelompoks(ctx, w.tx)
	if err != nil {
		return err
	}
	for _, i := range creates {
		r := &rows[i]
		x := r.Cooperative
		if x.Kelompok != "" && !ks.Has(x.Kelompok) {
			x.Kelompok = "umum"
		}
		x.CreatedAt, x.UpdatedAt, x.Version, x.ArchivedAt, x.ArchiveReason = w.now, w.now, 1, nil, ""
		x.RATs, x.LastRATYear = nil, 0
		if err := w.s.insertCooperativeTx(ctx, w.tx, x, w.now, w.who); err != nil {
			return err
		}
		r.RecordID = x.ID
		w.keys = append(w.keys, keyRow{key: r.Key, recordID: x.ID, hash: r.Hash})
	}
	return nil
}

func (w *chunkWriter) updateCooperative(ctx context.Context, r *bina.ImportRow, fields []string) (bool, error) {
	old, err := w.s.loadCooperative(ctx, w.tx, r.RecordID, w.now, true, false)
	if err != nil {
		return false, err
	}
	if old.ArchivedAt != nil || !w.job.Scope.Contains(old.VillageCode) {
		r.Problems = append(r.Problems, bina.FieldError{Message: bina.Text{
			ID: fmt.Sprintf("Koperasi #%d sudah diarsipkan atau di luar wilayah kerja; tidak diubah", old.ID),
			EN: fmt.Sprintf("Cooperative #%d is archived or outside your area; not changed", old.ID)}})
		return false, nil
	}
	x := *old
	if err := x.TakeFields(r.Cooperative, fields); err != nil {
		return false, err
	}
	x.Normalize()
	ks, err := kelompoks(ctx, w.tx)
	if err != nil {
		return false, err
	}
	if err := x.Validate(w.s.ref, ks); err != nil {
		r.Problems = append(r.Problems, bina.ErrorFields(err)...)
		return false, nil
	}
	changes, err := w.s.updateCooperativeTx(ctx, w.tx, old, &x, w.now, w.who)
	if err != nil {
		return false, err
	}
	return len(changes) > 0, nil
}
