package sqlstore

import (
	"bina/imports"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"bina"
)

// WriteImportChunk writes one chunk of converted rows with the job's
// checkpoint and counts into the run's transaction, and commits it when
// the chunk says so. A failure rolls back everything since the last
// commit.
func (s *Store) WriteImportChunk(ctx context.Context, id int64, runner string, c *imports.Chunk) (imports.Counts, error) {
	now := s.now()
	if err := s.startRun(ctx, id, runner, c); err != nil {
		return imports.Counts{}, err
	}
	it, err := s.beginImportTx(ctx, runner)
	if err != nil {
		return imports.Counts{}, err
	}
	counts, err := s.writeChunk(ctx, it, id, runner, c, now)
	if err != nil {
		s.endImportTx(ctx, runner, false)
		return imports.Counts{}, err
	}
	it.created += counts.Created
	if c.Commit {
		if err := s.endImportTx(ctx, runner, true); err != nil {
			return imports.Counts{}, err
		}
	}
	return counts, nil
}

// startRun learns, before a run's first chunk, what the register held
// before the run, and makes the run a first load if it is one. It commits
// on its own, before the run's transaction: on PostgreSQL the indexes a
// first load drops are locked against every reader until the dropping
// transaction ends.
func (s *Store) startRun(ctx context.Context, id int64, runner string, c *imports.Chunk) error {
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
		if cur != runner || j.State != imports.ImportRunning {
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

func (s *Store) writeChunk(ctx context.Context, it *importTx, id int64, runner string, c *imports.Chunk, now time.Time) (imports.Counts, error) {
	tx := it.tx
	j, err := s.loadImport(ctx, tx, id, true)
	if err != nil {
		return imports.Counts{}, err
	}
	var cur string
	if err := tx.QueryRowContext(ctx, `SELECT runner FROM imports WHERE id = $1`, id).Scan(&cur); err != nil {
		return imports.Counts{}, bina.Wrap(err, "import chunk")
	}
	if cur != runner || j.State != imports.ImportRunning {
		return imports.Counts{}, errClaimLost()
	}
	run := s.importRun(runner)
	who := j.CreatedBy
	if who == "" {
		who = "system"
	}
	// The kept counts of cooperatives and RATs that the rows move are
	// tallied and written once, at the chunk's end.
	defer s.tallyKept(tx)()
	var counts imports.Counts
	preps := s.takePrepared(c)
	for g, rows := range keyGenerations(c.Rows) {
		// Rows past the first part repeat a row of the chunk: their keys
		// are there.
		w := &chunkWriter{s: s, tx: tx, it: it, conn: it.conn, job: j, now: now, fields: c.Fields, who: who, baseline: run.baseline, bulk: run.bulk, lines: run.lines, othersKeys: run.othersKeys || g > 0, preps: preps}
		if j.Entity == imports.EntityAttendance {
			w.att = run.attendanceRun()
		}
		if err := w.write(ctx, rows); err != nil {
			return imports.Counts{}, err
		}
		counts.Add(w.counts)
	}
	if err := s.flushKept(ctx, tx); err != nil {
		return imports.Counts{}, err
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
func keyGenerations(rows []imports.Row) [][]imports.Row {
	seen := make(map[string]int, len(rows))
	var gen []int
	parts := 1
	for i := range rows {
		r := &rows[i]
		if r.Outcome == imports.OutcomeRejected || r.Key == "" {
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
		return [][]imports.Row{rows}
	}
	out := make([][]imports.Row, parts)
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
	job    *imports.Job
	now    time.Time
	fields []string
	who    string
	counts imports.Counts
	// preps: the records' derived columns and search documents, computed
	// ahead by PrepareImportChunk or when first needed.
	preps map[*bina.Enterprise]*preparedRow
	// att: what the run of an attendance import has read of the register.
	att *attendanceRun

	issues  []issueRow
	reviews []reviewRow
	keys    []keyRow // import_keys to insert
	rekeys  []keyRow // import_keys whose record or hash changes
}

type issueRow struct {
	row      *imports.Row
	reviewID int64
}

type reviewRow struct {
	row    *imports.Row
	kind   string
	cand   int64
	reason bina.Text
	id     int64
	// update: the row's key names the candidate already (an update held
	// for review), so its stored key is updated, not added.
	update bool
}

type keyRow struct {
	key      string
	recordID int64
	reviewID int64
	hash     int64
}

// decide looks up what the rows of a chunk need (their stored keys, the
// register's records they may duplicate) and decides their outcomes with
// imports.DecideImport. The preview (PreviewImportRows) runs it too.
func (w *chunkWriter) decide(ctx context.Context, rows []imports.Row) (imports.Decision, error) {
	var look []int
	inChunk := make(map[string]bool, len(rows))
	for i := range rows {
		r := &rows[i]
		if r.Outcome != imports.OutcomeCreated && r.Outcome != imports.OutcomeReview {
			continue
		}
		if inChunk[r.Key] {
			// keyGenerations writes a repeated key in a later part, so
			// that the repeat finds the first row's record.
			return imports.Decision{}, fmt.Errorf("import row %d: key %s repeats within one chunk", r.Line, r.Key)
		}
		inChunk[r.Key] = true
		look = append(look, i)
	}
	stored, err := w.lookupKeys(ctx, rows, look)
	if err != nil {
		return imports.Decision{}, err
	}
	fresh := slices.DeleteFunc(look, func(i int) bool { _, ok := stored[rows[i].Key]; return ok })
	in := imports.DecisionInput{Entity: w.job.Entity, Rows: rows, Stored: stored}
	if w.job.Entity == bina.EntityCooperative {
		in.Candidates, err = w.cooperativeCandidates(ctx, fresh)
	} else {
		in.Candidates, err = w.enterpriseCandidates(ctx, rows, fresh)
	}
	if err != nil {
		return imports.Decision{}, err
	}
	if w.lines != nil {
		in.LineRecord = w.lines.find
	}
	return imports.DecideImport(in)
}

func (w *chunkWriter) write(ctx context.Context, rows []imports.Row) error {
	if w.job.Entity == imports.EntityAttendance {
		return w.writeAttendance(ctx, rows)
	}
	if w.job.Entity == imports.EntityAnnualReport {
		return w.writeReports(ctx, rows)
	}
	d, err := w.decide(ctx, rows)
	if err != nil {
		return err
	}
	w.counts.Add(d.Counts)
	for _, is := range d.Issues {
		w.issues = append(w.issues, issueRow{row: &rows[is.Row], reviewID: is.ReviewID})
	}
	if w.job.DryRun {
		d.Placed(w.job.Entity, rows)
		for _, rv := range d.Reviews {
			w.issues = append(w.issues, issueRow{row: &rows[rv.Row]})
		}
		for _, i := range d.Updates {
			rows[i].Outcome = imports.OutcomeUpdated
		}
		return w.writeIssues(ctx)
	}
	if w.job.Entity == bina.EntityCooperative {
		err = w.createCooperatives(ctx, rows, d.Creates)
	} else {
		err = w.createEnterprises(ctx, rows, d.Creates)
	}
	if err != nil {
		return err
	}
	d.Placed(w.job.Entity, rows)
	for _, rv := range d.Reviews {
		w.reviews = append(w.reviews, reviewRow{row: &rows[rv.Row], kind: rv.Kind, cand: rv.Candidate, reason: rv.Reason})
	}
	if w.lines != nil {
		w.lines.note(rows, d.Creates, w.reviews)
	}
	if err := w.applyUpdates(ctx, rows, d.Updates); err != nil {
		return err
	}
	if err := w.insertReviews(ctx); err != nil {
		return err
	}
	if err := w.writeKeys(ctx); err != nil {
		return err
	}
	return w.writeIssues(ctx)
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
	if w.s.d.arrayParams {
		return col + " = ANY(" + p.add(vals) + ")"
	}
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return col + " IN (" + w.placeholders(p, args) + ")"
}

// lookupKeys reads import_keys for the rows' keys.
func (w *chunkWriter) lookupKeys(ctx context.Context, rows []imports.Row, look []int) (map[string]imports.StoredKey, error) {
	out := map[string]imports.StoredKey{}
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

func (w *chunkWriter) scanKeys(ctx context.Context, q string, args []any, out map[string]imports.StoredKey) error {
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
		out[k] = imports.StoredKey{RecordID: rec.Int64, ReviewID: rev.Int64, Hash: h}
	}
	return bina.Wrap(rs.Err(), "import keys")
}

// enterpriseCandidates fetches the live records in the author's area
// that the fresh rows may duplicate (imports.DecideImport compares them): by
// NIB, by owner NIK, and by desa and name key. A first load, whose NIB
// index is dropped, looks up no NIB: the register was empty, and a row
// with the NIB of an earlier row of the file was flagged by the file's
// index.
func (w *chunkWriter) enterpriseCandidates(ctx context.Context, rows []imports.Row, fresh []int) ([]imports.Candidate, error) {
	var nibs, niks, vs, ns []string
	pairs := map[[2]string]bool{}
	for _, i := range fresh {
		r := &rows[i]
		if w.baseline == 0 && !r.Near && (r.Duplicate == nil || w.lines != nil) {
			// Nothing but the run's own records to find, and none of them
			// shares a NIK or a desa and name with this row (a first load
			// finds a flagged row's candidate by its line).
			continue
		}
		k := r.Keys
		if k == (imports.DuplicateKeys{}) {
			k = imports.EnterpriseKeys(r.Enterprise)
		}
		if k.NIB != "" && w.lines == nil {
			nibs = append(nibs, k.NIB)
		}
		if k.NIK != "" {
			niks = append(niks, k.NIK)
		}
		if pair := [2]string{string(k.Village), k.Name}; k.Village != "" && k.Name != "" && !pairs[pair] {
			pairs[pair] = true
			vs, ns = append(vs, pair[0]), append(ns, pair[1])
		}
	}
	const sel = `SELECT e.id, e.village_code, e.nib, p.nik, COALESCE(e.name_key, ''), p.name FROM enterprises e JOIN persons p ON p.id = e.owner_id WHERE e.archived_at IS NULL AND `
	var cands []imports.Candidate
	seen := map[int64]bool{}
	scan := func(q string, args []any) error {
		rs, err := w.tx.QueryContext(ctx, q, args...)
		if err != nil {
			return bina.Wrap(err, "find duplicates")
		}
		defer rs.Close()
		for rs.Next() {
			var c imports.Candidate
			var village, owner string
			if err := rs.Scan(&c.ID, &village, &c.Keys.NIB, &c.Keys.NIK, &c.Keys.Name, &owner); err != nil {
				return bina.Wrap(err, "find duplicates")
			}
			c.Keys.Village = bina.RegionCode(village)
			if seen[c.ID] || w.job.Scope != "" && !w.job.Scope.Contains(c.Keys.Village) {
				continue
			}
			seen[c.ID] = true
			c.Keys.Owner = imports.PersonKey(owner)
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
		if err := scan(w.s.d.nikLookup(&p, dedupStrings(niks)), p.args); err != nil {
			return nil, err
		}
	}
	if len(vs) > 0 {
		// One lookup per pair through the (village_code, name_key) index.
		var p params
		if err := scan(w.s.d.placeLookup(&p, vs, ns), p.args); err != nil {
			return nil, err
		}
	}
	return cands, nil
}

func dedupStrings(ss []string) []string {
	ss = slices.Clone(ss)
	slices.Sort(ss)
	return slices.Compact(ss)
}
