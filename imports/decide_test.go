package imports

import (
	"bina"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// decideRow returns a fresh import row of an enterprise: name, owner, NIK, NIB
// and desa.
func decideRow(line int, name, owner, nik, nib string, village bina.RegionCode) Row {
	e := &bina.Enterprise{Name: name, NIB: nib, VillageCode: village, Owner: bina.Owner{Name: owner, NIK: nik}}
	return Row{Line: line, Outcome: OutcomeCreated, Key: "id:" + strconv.Itoa(line), Enterprise: e, Keys: EnterpriseKeys(e), Hash: int64(line)}
}

func register(id int64, name, owner, nik, nib string, village bina.RegionCode) Candidate {
	e := &bina.Enterprise{Name: name, NIB: nib, VillageCode: village, Owner: bina.Owner{Name: owner, NIK: nik}}
	return Candidate{ID: id, Keys: EnterpriseKeys(e)}
}

const desa bina.RegionCode = "61.12.01.2001"

func TestDecideImport(t *testing.T) {
	type want struct {
		outcome   string
		record    int64  // RecordID after the decision
		candidate int64  // the review's candidate
		rule      string // the duplicate rule
		problem   string // a text among the problems (English)
	}
	waiting := decideRow(2, "Keripik Nanas Barokah", "Siti Aminah", "", "", desa)
	rejected := decideRow(1, "", "", "", "", "")
	rejected.Outcome = OutcomeRejected
	region := decideRow(3, "Toko Sembako Lestari", "Budi Saputra", "", "", "")
	region.Outcome, region.Region.Problem = OutcomeReview, bina.Text{ID: "desa tidak ditemukan", EN: "village not found"}
	tests := []struct {
		name   string
		rows   []Row
		stored map[string]StoredKey
		cands  []Candidate
		lines  map[int]int64
		want   []want
	}{
		{name: "rejected rows stay rejected", rows: []Row{rejected}, want: []want{{outcome: OutcomeRejected}}},
		{name: "the same content again changes nothing",
			rows:   []Row{decideRow(5, "Kopi Harapan", "Joko Lim", "", "", desa)},
			stored: map[string]StoredKey{"id:5": {RecordID: 40, Hash: 5}},
			want:   []want{{outcome: OutcomeUnchanged, record: 40}}},
		{name: "changed content updates the record",
			rows:   []Row{decideRow(5, "Kopi Harapan", "Joko Lim", "", "", desa)},
			stored: map[string]StoredKey{"id:5": {RecordID: 40, Hash: 99}},
			want:   []want{{outcome: OutcomeCreated, record: 40}}},
		{name: "a row waiting in review still waits",
			rows:   []Row{waiting},
			stored: map[string]StoredKey{"id:2": {ReviewID: 7, Hash: 2}},
			want:   []want{{outcome: OutcomeReview, problem: "still waiting in the review queue (#7)"}}},
		{name: "a row a person skipped stays skipped",
			rows:   []Row{waiting},
			stored: map[string]StoredKey{"id:2": {Hash: 2}},
			want:   []want{{outcome: OutcomeUnchanged}}},
		{name: "the same NIB as a record",
			rows:  []Row{decideRow(5, "Kopi Harapan", "Joko Lim", "", "1234567890123", desa)},
			cands: []Candidate{register(12, "Bengkel Maju", "Rudi Tan", "", "1234567890123", "61.12.02.2001")},
			want:  []want{{outcome: OutcomeReview, candidate: 12, rule: DuplicateNIB, problem: "Same NIB as enterprise #12"}}},
		{name: "the same owner NIK and a name with a typing error",
			rows:  []Row{decideRow(5, "Keripik Pisang Sejahtera", "Dewi Rahayu", "6112015505900001", "", desa)},
			cands: []Candidate{register(12, "Keripik Pisang Sejahterah", "Dewi Rahayu", "6112015505900001", "", "61.12.02.2001")},
			want:  []want{{outcome: OutcomeReview, candidate: 12, rule: DuplicateNIKName}}},
		{name: "the same owner NIK and another business",
			rows:  []Row{decideRow(5, "Keripik Pisang Sejahtera", "Dewi Rahayu", "6112015505900001", "", desa)},
			cands: []Candidate{register(12, "Bengkel Motor Jaya", "Dewi Rahayu", "6112015505900001", "", desa)},
			want:  []want{{outcome: OutcomeCreated, record: 500}}},
		{name: "the same name in the desa, an owner with a typing error",
			rows:  []Row{decideRow(5, "Warung Barokah", "Hendra Kurniawan", "", "", desa)},
			cands: []Candidate{register(12, "Toko Barokah", "Hendra Kurniawn", "", "", desa), register(9, "Barokah", "Hendra Kurniawan", "", "", desa)},
			want:  []want{{outcome: OutcomeReview, candidate: 9, rule: DuplicateNameVillage}}},
		{name: "the same name in the desa, another owner",
			rows:  []Row{decideRow(5, "Warung Barokah", "Hendra Kurniawan", "", "", desa)},
			cands: []Candidate{register(12, "Toko Barokah", "Maya Susanti", "", "", desa)},
			want:  []want{{outcome: OutcomeCreated, record: 500}}},
		{name: "a twin of a row created earlier in the chunk",
			rows: []Row{decideRow(5, "Amplang Udang Melati", "Sari Pratama", "6112015505900002", "", desa),
				decideRow(6, "Amplang Udang Melatu", "Sari Pratama", "6112015505900002", "", desa)},
			want: []want{{outcome: OutcomeCreated, record: 500}, {outcome: OutcomeReview, candidate: 500, rule: DuplicateNIKName, problem: "as enterprise #500"}}},
		{name: "flagged by the file's index, the earlier row's record known by line",
			rows: func() []Row {
				r := decideRow(50, "Dodol Durian Cahaya", "Lina Tan", "", "7777777777777", desa)
				r.Duplicate = &DuplicateMatch{Rule: DuplicateNIB, Line: 20}
				return []Row{r}
			}(),
			lines: map[int]int64{20: 31},
			want:  []want{{outcome: OutcomeReview, candidate: 31, rule: DuplicateNIB, problem: "Same NIB as enterprise #31"}}},
		{name: "flagged by the file's index, the earlier row unknown",
			rows: func() []Row {
				r := decideRow(50, "Dodol Durian Cahaya", "Lina Tan", "", "7777777777777", desa)
				r.Duplicate = &DuplicateMatch{Rule: DuplicateNIB, Line: 20, Reason: DuplicateReason(bina.EntityEnterprise, DuplicateNIB, 20, 0)}
				return []Row{r}
			}(),
			want: []want{{outcome: OutcomeReview, rule: DuplicateNIB, problem: "Same NIB as row 20 of this file"}}},
		{name: "a desa not placed waits for a person", rows: []Row{region}, want: []want{{outcome: OutcomeReview}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := DecisionInput{Entity: bina.EntityEnterprise, Rows: tt.rows, Stored: tt.stored, Candidates: tt.cands}
			if tt.lines != nil {
				in.LineRecord = func(line int) int64 { return tt.lines[line] }
			}
			d, err := DecideImport(in)
			if err != nil {
				t.Fatal(err)
			}
			for n, i := range d.Creates {
				tt.rows[i].RecordID = 500 + int64(n) // as the store creates them
			}
			d.Placed(bina.EntityEnterprise, tt.rows)
			if d.Counts.Rows() != len(tt.rows) {
				t.Errorf("counts %+v for %d rows", d.Counts, len(tt.rows))
			}
			reviews := map[int]ReviewDecision{}
			for _, rv := range d.Reviews {
				reviews[rv.Row] = rv
			}
			for i, w := range tt.want {
				r := tt.rows[i]
				outcome := r.Outcome
				if slices.Contains(d.Creates, i) {
					outcome = OutcomeCreated
				}
				if outcome != w.outcome || r.RecordID != w.record && w.outcome != OutcomeReview {
					t.Errorf("row %d: %s record %d, want %s record %d", i, outcome, r.RecordID, w.outcome, w.record)
				}
				rv := reviews[i]
				if rv.Candidate != w.candidate {
					t.Errorf("row %d: candidate %d, want %d", i, rv.Candidate, w.candidate)
				}
				if w.rule != "" && (r.Duplicate == nil || !strings.Contains("|"+w.rule+"|", "|"+r.Duplicate.Rule+"|")) {
					t.Errorf("row %d: duplicate %+v, want rule %s", i, r.Duplicate, w.rule)
				}
				if w.problem != "" && !strings.Contains(strings.Join(problemTexts(r.Problems), "; "), w.problem) {
					t.Errorf("row %d: problems %v, want %q", i, problemTexts(r.Problems), w.problem)
				}
			}
		})
	}
}

func problemTexts(ps []bina.FieldError) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Message.EN)
	}
	return out
}

func TestDecideImportCooperatives(t *testing.T) {
	c := &bina.Cooperative{Name: "Koperasi Tani Makmur", RegistrationNumber: "123/BH/XIV", VillageCode: desa}
	other := &bina.Cooperative{Name: "Koperasi Nelayan Sentosa", VillageCode: desa}
	rows := []Row{
		{Line: 2, Outcome: OutcomeCreated, Key: "a", Cooperative: c},
		{Line: 3, Outcome: OutcomeCreated, Key: "b", Cooperative: other},
	}
	cands := []Candidate{{ID: 4, Keys: DuplicateKeys{Reg: "123/BH/XIV", Name: NameKey("KSU Lain"), Village: "61.12.09.2001"}}}
	d, err := DecideImport(DecisionInput{Entity: bina.EntityCooperative, Rows: rows, Candidates: cands})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Reviews) != 1 || d.Reviews[0].Row != 0 || d.Reviews[0].Candidate != 4 || rows[0].Duplicate.Rule != DuplicateRegistration {
		t.Errorf("reviews %+v, duplicate %+v", d.Reviews, rows[0].Duplicate)
	}
	if len(d.Creates) != 1 || d.Creates[0] != 1 {
		t.Errorf("creates %v", d.Creates)
	}
}

func TestDecideImportRefusesAnUnknownOutcome(t *testing.T) {
	r := decideRow(5, "Kopi Harapan", "Joko Lim", "", "", desa)
	r.Outcome = "maybe"
	if _, err := DecideImport(DecisionInput{Entity: bina.EntityEnterprise, Rows: []Row{r}}); err == nil {
		t.Fatal("no error")
	}
}
