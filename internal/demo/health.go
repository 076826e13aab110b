package demo

import (
	"bina/supervision"
	"sort"
)

// streamHealth is the random stream of the demo's health assessments.
const streamHealth = 0x4ea1

// HealthRequests are the assessments the demo's office has made: for each
// savings-and-loan cooperative (KSP, credit union, USP) with accepted
// reports, its two newest accepted book years under every rule set that
// fits the report, with questionnaire answers drawn per cooperative (a
// well-run one says Ya more often). Questions the report's data answers
// are left to the data, so that no answer needs a note.
func HealthRequests(reports []supervision.AnnualReport, rules []*supervision.HealthRuleSet, opt Options) []supervision.HealthAssessmentRequest {
	seed := uint64(opt.Seed)
	if seed == 0 {
		seed = 1
	}
	years := map[int64][]int{}
	byKey := map[[2]int64]*supervision.AnnualReport{}
	for i := range reports {
		x := &reports[i]
		if x.State != supervision.ReportAccepted || !supervision.SavingsAndLoan(x.Jenis) {
			continue
		}
		years[x.CooperativeID] = append(years[x.CooperativeID], x.BookYear)
		byKey[[2]int64{x.CooperativeID, int64(x.BookYear)}] = x
	}
	ids := make([]int64, 0, len(years))
	for id := range years {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []supervision.HealthAssessmentRequest
	r := newRNG()
	for _, id := range ids {
		ys := years[id]
		sort.Sort(sort.Reverse(sort.IntSlice(ys)))
		r.at(seed, streamHealth, int(id))
		care := r.uniform(.45, .97) // how often this cooperative's practice answers Ya
		for _, y := range ys[:min(2, len(ys))] {
			x := byKey[[2]int64{id, int64(y)}]
			for _, rs := range rules {
				if rs.Fits(x) != nil {
					continue
				}
				answers := map[string]bool{}
				for _, q := range rs.Questions {
					if q.Prefill == nil {
						answers[q.Code] = r.chance(care)
					}
				}
				out = append(out, supervision.HealthAssessmentRequest{CooperativeID: id, BookYear: y, RuleSet: rs.ID, Input: supervision.HealthInput{Answers: answers}})
			}
		}
	}
	return out
}
