package bina

import "slices"

// The total of workers. The register counts workers by sex and pay (four
// counts), but offices' files often give only "Jumlah Tenaga Kerja"; the
// total keeps that figure instead of the notes, and Bina never guesses a
// split from it. The rules (docs/import.md, "The total of workers"):
//   - the total is at least the sum of the split; a total not given is
//     derived from the split (Normalize);
//   - a total above the split says the split is partial or unknown
//     (WorkersUnsplit), shown as "rincian belum diketahui";
//   - a total that was derived follows the split when a merge or an import
//     changes the split but not the total (TakeFields).

// maxWorkersTotal is the largest total: four counts of at most 100,000.
const maxWorkersTotal = 400_000

// WorkersUnsplit returns how many of the workers the split by sex and pay
// does not cover: all of them when only the total is known, 0 when the
// split is whole or nothing is known.
func (e *Enterprise) WorkersUnsplit() int { return max(e.WorkersTotal-e.Workers(), 0) }

// deriveWorkersTotal sets a total not given to the sum of the split.
func (e *Enterprise) deriveWorkersTotal() {
	if e.WorkersTotal == 0 {
		e.WorkersTotal = e.Workers()
	}
}

// checkWorkersTotal adds the problems of the total to p.
func (e *Enterprise) checkWorkersTotal(p *Problems) {
	switch n, sum := e.WorkersTotal, e.Workers(); {
	case n < 0:
		p.Add("workers_total", "Jumlah tenaga kerja tidak boleh negatif", "The number of workers cannot be negative")
	case n > maxWorkersTotal:
		p.Add("workers_total", "Jumlah tenaga kerja paling banyak 400.000", "The number of workers is at most 400,000")
	case n > 0 && n < sum: // 0 is a total not given, which Normalize derives
		p.Add("workers_total",
			"Jumlah tenaga kerja (%d) lebih kecil dari jumlah rinciannya menurut jenis kelamin dan upah (%d); perbaiki salah satunya, atau kosongkan jumlahnya agar dihitung dari rincian",
			"The number of workers (%d) is smaller than the sum of its split by sex and pay (%d); correct one of them, or leave the number empty to have it counted from the split",
			n, sum)
	}
}

// followSplit derives the total again after a merge took fields into e,
// when the total was derived before (it equalled the split) and the merge
// did not take it: a file that gives the split only does not leave a total
// behind that its new split exceeds.
func (e *Enterprise) followSplit(derived bool, fields []string) {
	if derived && !slices.Contains(fields, string(FieldWorkersTotal)) {
		e.WorkersTotal = e.Workers()
	}
}

// FollowSplitOf carries the rule of a derived total into an edit of old:
// when old's total was derived from its split and the edit leaves the
// total as it was, the total is derived again from the edited split. A
// client that sends the whole record back with a bigger split does not
// meet a total it never set.
func (e *Enterprise) FollowSplitOf(old *Enterprise) {
	if old.WorkersTotal == old.Workers() && e.WorkersTotal == old.WorkersTotal {
		e.WorkersTotal = 0 // derived by Normalize
	}
}
