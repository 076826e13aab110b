package sqlstore

import (
	"cmp"
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
	preps := s.takePrepared(c)
	for g, rows := range keyGenerations(c.Rows) {
		// Rows past the first part repeat a row of the chunk: their keys
		// are there.
		w := &chunkWriter{s: s, tx: tx, it: it, conn: it.conn, job: j, now: now, fields: c.Fields, who: who, baseline: run.baseline, bulk: run.bulk, lines: run.lines, othersKeys: run.othersKeys || g > 0, preps: preps}
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
	// preps: the records' derived columns and search documents, computed
	// ahead by PrepareImportChunk or when first needed.
	preps map[*bina.Enterprise]*preparedRow

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
