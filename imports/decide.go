package imports

import (
	"bina"
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// StoredKey is what earlier imports of a source left under a row key: the
// record the row became, or the review item it waits in, and the content
// hash of the row then. Neither id: a person skipped the row.
type StoredKey struct {
	RecordID, ReviewID, Hash int64
}

// Candidate is a live record of the register, in the import's area,
// that incoming rows may duplicate: its id and duplicate keys.
type Candidate struct {
	ID   int64
	Keys DuplicateKeys
	row  int // 1 + the index of the row of the chunk that creates it (no ID yet); 0 for records of the register
}

// DecisionInput is what DecideImport decides on: the rows of a
// chunk (no row key twice) and what the store fetched for them.
type DecisionInput struct {
	Entity bina.Entity
	Rows   []Row
	// Stored are the stored keys of the rows' keys, where the store looked.
	Stored map[string]StoredKey
	// Candidates are the register's records the rows may duplicate: those
	// sharing a NIB, an owner NIK, a desa and name key (or, for
	// cooperatives, any in the area).
	Candidates []Candidate
	// LineRecord, when set, returns the record an earlier row of the file
	// became (or the candidate it waits beside), 0 if unknown: a first load
	// finds the candidate of a row the file's index flagged by it.
	LineRecord func(line int) int64
}

// Decision is what DecideImport decided: the store applies it.
type Decision struct {
	Creates []int // rows to create, in file order
	Updates []int // rows whose key names a record (RecordID) whose content changed
	Reviews []ReviewDecision
	// Issues are rows for the import's report besides the reviews and
	// updates (which the store reports as it writes them): rejected rows,
	// rows still waiting in review, and rows to create that carry notes.
	Issues []IssueDecision
	Counts Counts
}

// ReviewDecision sends a row to the review queue.
type ReviewDecision struct {
	Row       int
	Kind      string // ReviewDuplicate or ReviewRegion
	Candidate int64
	Reason    bina.Text
	// createdBy is 1 + the index in Creates of the row whose record, once
	// created, is the candidate (0: none).
	createdBy int
}

// IssueDecision is a row for the import's report.
type IssueDecision struct {
	Row      int
	ReviewID int64
}

// DecideImport decides the outcome of each row of a chunk, without any
// I/O: rejected rows stay rejected; a row whose stored key names a record
// is unchanged (same content hash) or an update, one waiting in review
// still waits, one a person skipped is unchanged; a fresh row resembling a
// candidate or a record created by an earlier row of the chunk (by the
// rules of dedupe.go), or flagged by the file's index, waits in review as
// a duplicate; a row the converter sent to review (region) waits there;
// every other row is created. It sets each row's Outcome (and RecordID,
// Duplicate, Problems where decided).
func DecideImport(in DecisionInput) (Decision, error) {
	var d Decision
	rows := in.Rows
	var fresh []int
	for i := range rows {
		r := &rows[i]
		switch r.Outcome {
		case OutcomeRejected:
			d.Counts.Rejected++
			d.Issues = append(d.Issues, IssueDecision{Row: i})
			continue
		case OutcomeUnchanged:
			d.Counts.Unchanged++
			continue
		case OutcomeUpdated:
			d.Counts.Updated++
			continue
		case OutcomeCreated, OutcomeReview:
		default:
			return d, fmt.Errorf("import row %d: unknown outcome %q", r.Line, r.Outcome)
		}
		k, ok := in.Stored[r.Key]
		switch {
		case !ok:
			fresh = append(fresh, i)
		case k.RecordID != 0 && k.Hash == r.Hash:
			r.Outcome, r.RecordID = OutcomeUnchanged, k.RecordID
			d.Counts.Unchanged++
		case k.RecordID != 0:
			r.RecordID = k.RecordID
			d.Updates = append(d.Updates, i)
		case k.ReviewID != 0:
			// Imported before and still waiting for a person.
			n := strconv.FormatInt(k.ReviewID, 10)
			r.Outcome = OutcomeReview
			r.Problems = append(r.Problems, bina.FieldError{Message: bina.Text{
				ID: "masih menunggu di antrean tinjauan (#" + n + ")", EN: "still waiting in the review queue (#" + n + ")"}})
			d.Counts.Review++
			d.Issues = append(d.Issues, IssueDecision{Row: i, ReviewID: k.ReviewID})
		default:
			// A person chose to skip this row before.
			r.Outcome = OutcomeUnchanged
			d.Counts.Unchanged++
		}
	}
	x := newDupIndex(in.Entity, in.Candidates)
	createdAt := map[int]int{} // line → 1 + index in Creates
	for _, i := range fresh {
		r := &rows[i]
		k := r.Keys
		if k == (DuplicateKeys{}) {
			k = recordKeys(r)
		}
		rule, c := x.match(k)
		switch {
		case c != nil:
			m := &DuplicateMatch{Rule: rule, RecordID: c.ID}
			if r.Duplicate != nil {
				m.Line = r.Duplicate.Line
			}
			if c.row > 0 {
				// Created by an earlier row of the chunk: named by its line until Placed.
				m.Line = rows[d.Creates[c.row-1]].Line
			}
			m.Reason = DuplicateReason(in.Entity, rule, m.Line, c.ID)
			r.Duplicate, r.Outcome = m, OutcomeReview
			d.Reviews = append(d.Reviews, ReviewDecision{Row: i, Kind: ReviewDuplicate, Candidate: c.ID, Reason: m.Reason, createdBy: c.row})
		case r.Duplicate != nil:
			rv := ReviewDecision{Row: i, Kind: ReviewDuplicate, Reason: r.Duplicate.Reason, createdBy: createdAt[r.Duplicate.Line]}
			var id int64
			if rv.createdBy == 0 && in.LineRecord != nil {
				id = in.LineRecord(r.Duplicate.Line)
			}
			if id != 0 {
				m := *r.Duplicate
				m.RecordID, m.Reason = id, DuplicateReason(in.Entity, m.Rule, 0, id)
				r.Duplicate, rv.Candidate, rv.Reason = &m, id, m.Reason
			}
			r.Outcome = OutcomeReview
			d.Reviews = append(d.Reviews, rv)
		case r.Outcome == OutcomeReview:
			d.Reviews = append(d.Reviews, ReviewDecision{Row: i, Kind: ReviewRegion, Reason: r.Region.Problem})
		default:
			d.Creates = append(d.Creates, i)
			createdAt[r.Line] = len(d.Creates)
			x.add(Candidate{Keys: k, row: len(d.Creates)})
			if len(r.Problems) > 0 {
				d.Issues = append(d.Issues, IssueDecision{Row: i})
			}
		}
	}
	d.Counts.Review += len(d.Reviews)
	d.Counts.Created += len(d.Creates)
	d.Counts.Updated += len(d.Updates)
	return d, nil
}

func recordKeys(r *Row) DuplicateKeys {
	if r.Cooperative != nil {
		return CooperativeKeys(r.Cooperative)
	}
	return EnterpriseKeys(r.Enterprise)
}

// Placed completes the decision once the store has created its rows
// (their RecordID set, unless a dry run wrote nothing): a review whose
// candidate an earlier row of the chunk created names that record, and
// every duplicate review puts its reason among the row's problems, beside
// the field its rule compares, for the report.
func (d *Decision) Placed(entity bina.Entity, rows []Row) {
	for n := range d.Reviews {
		rv := &d.Reviews[n]
		r := &rows[rv.Row]
		if rv.Kind != ReviewDuplicate || r.Duplicate == nil {
			continue
		}
		if rv.createdBy > 0 {
			if id := rows[d.Creates[rv.createdBy-1]].RecordID; id != 0 {
				rv.Candidate, r.Duplicate.RecordID = id, id
				rv.Reason = DuplicateReason(entity, r.Duplicate.Rule, 0, id)
				r.Duplicate.Reason = rv.Reason
			}
		}
		field := map[string]string{DuplicateNIB: "nib", DuplicateNIKName: "owner.nik", DuplicateRegistration: "registration_number"}[r.Duplicate.Rule]
		r.Problems = append(r.Problems, bina.FieldError{Field: cmp.Or(field, "name"), Message: rv.Reason})
	}
}

// dupIndex finds the oldest record an incoming row resembles among the
// candidates and the records created earlier in the chunk.
type dupIndex struct {
	entity bina.Entity
	all    []*Candidate
	nib    map[string]*Candidate
	nik    map[string][]*Candidate
	place  map[DuplicateKeys][]*Candidate // by desa and name key
}

func newDupIndex(e bina.Entity, cands []Candidate) *dupIndex {
	x := &dupIndex{entity: e, nib: map[string]*Candidate{}, nik: map[string][]*Candidate{}, place: map[DuplicateKeys][]*Candidate{}}
	cands = slices.Clone(cands)
	slices.SortFunc(cands, func(a, b Candidate) int { return cmp.Compare(a.ID, b.ID) })
	for i := range cands {
		x.add(cands[i])
	}
	return x
}

func (x *dupIndex) add(c Candidate) {
	p := &c
	x.all = append(x.all, p)
	k := c.Keys
	if k.NIB != "" && x.nib[k.NIB] == nil {
		x.nib[k.NIB] = p
	}
	if k.NIK != "" {
		x.nik[k.NIK] = append(x.nik[k.NIK], p)
	}
	if k.Village != "" {
		pk := DuplicateKeys{Village: k.Village, Name: k.Name}
		x.place[pk] = append(x.place[pk], p)
	}
}

// match returns the rule and the record k resembles, nil if none: the
// first that each finds.
func (x *dupIndex) match(k DuplicateKeys) (rule string, found *Candidate) {
	x.each(k, func(r string, c *Candidate) bool {
		rule, found = r, c
		return false
	})
	return rule, found
}

// each calls yield with every record k resembles and the rule, until
// yield returns false. An enterprise is compared rule by rule (the same
// NIB first); a cooperative record by record, the oldest first.
func (x *dupIndex) each(k DuplicateKeys, yield func(rule string, c *Candidate) bool) {
	if x.entity == bina.EntityCooperative {
		for _, c := range x.all {
			rule := ""
			switch {
			case k.Reg != "" && c.Keys.Reg == k.Reg:
				rule = DuplicateRegistration
			case k.NIB != "" && c.Keys.NIB == k.NIB:
				rule = DuplicateNIB
			case k.Village != "" && c.Keys.Village == k.Village && SimilarKeys(c.Keys.Name, k.Name):
				rule = DuplicateNameVillage
			}
			if rule != "" && !yield(rule, c) {
				return
			}
		}
		return
	}
	if c := x.nib[k.NIB]; k.NIB != "" && c != nil && !yield(DuplicateNIB, c) {
		return
	}
	for _, c := range x.nik[k.NIK] {
		if k.NIK != "" && SimilarKeys(c.Keys.Name, k.Name) && !yield(DuplicateNIKName, c) {
			return
		}
	}
	if k.Village != "" {
		for _, c := range x.place[DuplicateKeys{Village: k.Village, Name: k.Name}] {
			if SimilarKeys(c.Keys.Owner, k.Owner) && !yield(DuplicateNameVillage, c) {
				return
			}
		}
	}
}

// FindDuplicates returns the records among cands that a record with the
// keys k resembles, by the rules DecideImport applies, each once (by the
// first rule that finds it), in the order DecideImport prefers them. The
// record self (0 for a new one) is left out. The form and the API run it
// before a business typed by hand is saved (docs/search.md).
func FindDuplicates(entity bina.Entity, k DuplicateKeys, cands []Candidate, self int64) []DuplicateMatch {
	cands = slices.DeleteFunc(slices.Clone(cands), func(c Candidate) bool { return c.ID == self })
	var out []DuplicateMatch
	seen := map[int64]bool{}
	newDupIndex(entity, cands).each(k, func(rule string, c *Candidate) bool {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, DuplicateMatch{Rule: rule, RecordID: c.ID, Reason: DuplicateReason(entity, rule, 0, c.ID)})
		}
		return true
	})
	return out
}

// UpdateDecision is what an import may change of a stored record.
type UpdateDecision struct {
	// Take are the fields to take from the incoming record.
	Take []string
	// Kept are notes for the report: fields the file fills that keep their
	// stored value, and why.
	Kept []bina.FieldError
	// Review, when set, sends the row to the review queue instead: an
	// identifier in the file differs from the record's valid one.
	Review *bina.Text
}

// identifierFields are the fields that identify a record: an import never
// overwrites a valid stored one; a different value waits for a person.
var identifierFields = map[string]func(v string, now bina.Date) bool{
	"owner.nik":           func(v string, now bina.Date) bool { _, ok := bina.CheckNIK(v, now.Time()); return ok },
	"nib":                 func(v string, _ bina.Date) bool { _, ok := bina.CheckNIB(v); return ok },
	"registration_number": func(v string, _ bina.Date) bool { _, ok := bina.CheckCooperativeNumber(v); return ok },
}

// DecideUpdate decides which of the fields an import fills it takes from
// incoming into old, so that an import never makes data worse: a field
// the file left empty, or whose cell was flagged or lost (problems names
// it), keeps its stored value; an identifier (NIK, NIB, registration
// number) that differs from a valid stored one sends the row to review with
// both values. table is the entity's field table.
func DecideUpdate[T any](table []bina.RecordField[T], old, incoming *T, fields []string, problems []bina.FieldError, now bina.Date) UpdateDecision {
	var d UpdateDecision
	flagged := map[string]bool{}
	for _, p := range problems {
		flagged[p.Field] = true
	}
	for _, name := range fields {
		f := bina.FindField(table, bina.Field(name))
		if f == nil {
			d.Take = append(d.Take, name)
			continue
		}
		was, is := f.Format(old), f.Format(incoming)
		label := f.History
		if label.ID == "" {
			label = f.Label
		}
		// A blank cell leaves a field at its zero ("not known"); a flagged
		// or lost one too, with a note.
		empty := is == "" || flagged[name] || is == "0" && (f.Int != nil || f.Int64 != nil)
		switch {
		case was == "" || was == is || was == "0" && (f.Int != nil || f.Int64 != nil):
			d.Take = append(d.Take, name)
		case empty:
			why := bina.Text{ID: "kosong di berkas", EN: "empty in the file"}
			if flagged[name] {
				why = bina.Text{ID: "tidak terbaca di berkas", EN: "unreadable in the file"}
			}
			d.Kept = append(d.Kept, bina.FieldError{Field: name, Message: bina.Text{
				ID: label.ID + " " + why.ID + "; nilai tersimpan dipertahankan", EN: label.EN + " " + why.EN + "; the stored value was kept"}})
		case identifierFields[name] != nil && identifierFields[name](was, now):
			d.Review = &bina.Text{
				ID: fmt.Sprintf("%s di berkas (%s) berbeda dengan yang tersimpan (%s); periksa sebelum mengganti", label.ID, is, was),
				EN: fmt.Sprintf("%s in the file (%s) differs from the stored one (%s); check before replacing it", label.EN, is, was)}
			return d
		default:
			d.Take = append(d.Take, name)
		}
	}
	return d
}
