package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/sheet"
)

// registerHeader is the header of the register seeded before an
// attendance sheet is imported.
var registerHeader = []string{"Nama Usaha", "Nama Pemilik", "NIK Pemilik", "No. HP/WA", "Kecamatan", "Desa/Kelurahan"}

// attendanceHeader is the header of the sheet Bina hands out.
func attendanceHeader() []string {
	var h []string
	for _, c := range fileformat.TemplateAttendance().Columns {
		h = append(h, c.Header)
	}
	return h
}

// writeXLSX writes rows (the first the header) as the first worksheet of
// an .xlsx, every cell as text.
func writeXLSX(t testing.TB, name string, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// importFile plans path with template (entity when template is "") and
// runs it to the end with im (nil: e.importer); programme ties an
// attendance import.
func (e env) importFile(t *testing.T, im *importer.Importer, path, template string, entity bina.Entity, programme int64) *imports.Job {
	t.Helper()
	ctx := context.Background()
	head, _, err := importer.ReadHead(path, sheet.Limits{}, importer.HeadRows)
	if err != nil {
		t.Fatal(err)
	}
	p, err := importer.Plan(importer.PlanInput{Head: head, Template: template, Entity: entity})
	if err != nil {
		t.Fatal(err)
	}
	j := p.Job()
	j.FileName, j.ProgrammeID = filepath.Base(path), programme
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := e.s.CreateImport(ctx, j, f); err != nil {
		t.Fatal(err)
	}
	if im == nil {
		im = e.importer(nil)
	}
	if err := im.Run(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	got := e.find(t, j.ID)
	if got.State != imports.ImportDone {
		t.Fatalf("import %d: %s %v", j.ID, got.State, got.Error)
	}
	return got
}

// programme inserts a programme starting on day and returns its id.
func (e env) programme(t testing.TB, day string) int64 {
	t.Helper()
	var id int64
	err := e.s.DB().QueryRow(`INSERT INTO programmes (name, year, kind, starts_on, ends_on, created_at, updated_at)
VALUES ('Pelatihan pemasaran digital', 2026, 'pelatihan', $1, $1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`, day).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (e env) count(t testing.TB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := e.s.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (e env) text(t testing.TB, q string, args ...any) string {
	t.Helper()
	var s string
	if err := e.s.DB().QueryRow(q, args...).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestImportAttendance(t *testing.T) {
	register := [][]string{
		registerHeader,
		{"Keripik Sari", "Siti Aminah", "6112015001900001", "081234500001", "Sungai Raya", "Kapur"},
		{"Warung Bu Rini", "Rini Susanti", "", "081234500002", "Sungai Kakap", "Sungai Itik"},
		{"Tenun Durian", "Ahmad Fauzi", "", "", "Sei Ambawang", "Durian"},
		{"Roti Madura", "Muhammad Ridwan Hakim", "", "", "Teluk Pakedai", "Madura"},
	}
	sheetRows := [][]string{
		attendanceHeader(),
		{"1", "Siti Aminah", "6112015001900001", "", "Keripik Sari", "Kapur", "Sungai Raya", "06/10/2026", "Hadir", ""},     // by NIK
		{"2", "Rini Susanti", "", "0812-3450-0002", "", "Sungai Itik", "Sungai Kakap", "", "Selesai", ""},                   // by phone
		{"3", "Ahmad Fauzi", "", "", "Tenun Durian", "Durian", "Sei Ambawang", "05/10/2026", "Hadir", ""},                   // by name and desa
		{"4", "Muhammad Ridwan Hakin", "", "", "Roti Madura", "Madura", "Teluk Pakedai", "05/10/2026", "Hadir", ""},         // similar: review
		{"5", "Dewi Lestari", "6112016505950002", "081234500005", "Kue Dewi", "Kapur", "Sungai Raya", "05/10/2026", "", ""}, // new
		{"6", "Budi Santoso", "6.11201E+15", "081234500006", "Bengkel Budi", "Kapur", "Sungai Raya", "05/10/2026", "Hadir", ""},
		{"7", "Dewi Lestari", "6112016505950002", "081234500005", "Kue Dewi", "Kapur", "Sungai Raya", "05/10/2026", "", ""}, // twice
	}
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		e.importFile(t, nil, writeXLSX(t, "register.xlsx", register), "", bina.EntityEnterprise, 0)
		before := registerCount(t, e.s)
		prog := e.programme(t, "2026-10-05")
		path := writeXLSX(t, "daftar-hadir.xlsx", sheetRows)

		j := e.importFile(t, nil, path, "hadir", "", prog)
		if j.Entity != imports.EntityAttendance || j.ProgrammeID != prog {
			t.Fatalf("job %s programme %d", j.Entity, j.ProgrammeID)
		}
		want := imports.Counts{Created: 1, Updated: 3, Unchanged: 1, Rejected: 1, Review: 1}
		if j.Counts != want {
			t.Errorf("counts %+v, want %+v", j.Counts, want)
		}
		issues, err := e.s.ImportIssues(ctx, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		byLine := map[int]imports.Row{}
		for _, r := range issues {
			byLine[r.Line] = r
		}
		for _, c := range []struct {
			line    int
			outcome string
			says    string
		}{
			{2, imports.OutcomeUpdated, "menurut NIK"},
			{3, imports.OutcomeUpdated, "menurut nomor HP"},
			{4, imports.OutcomeUpdated, "menurut nama dan desa"},
			{5, imports.OutcomeReview, "nama mirip di desa yang sama"},
			{6, imports.OutcomeCreated, "UMKM baru yang belum diverifikasi"},
			{7, imports.OutcomeRejected, "ditolak karena NIK"},
			{8, imports.OutcomeUnchanged, "Nama peserta ganda"},
		} {
			r, ok := byLine[c.line]
			if !ok {
				t.Errorf("line %d not in the report", c.line)
				continue
			}
			var says []string
			for _, p := range r.Problems {
				says = append(says, p.Message.ID)
			}
			if r.Outcome != c.outcome || !strings.Contains(strings.Join(says, " | "), c.says) {
				t.Errorf("line %d: %s %q, want %s saying %q", c.line, r.Outcome, says, c.outcome, c.says)
			}
		}

		// The register: one new, unverified business from the programme;
		// nothing of the rejected row.
		if n := registerCount(t, e.s); n != before+1 {
			t.Errorf("register %d, want %d", n, before+1)
		}
		if got := e.text(t, `SELECT e.source || '/' || e.source_id || '/' || e.verification FROM enterprises e JOIN persons p ON p.id = e.owner_id WHERE p.name = 'Dewi Lestari'`); got != "program/"+strconv.FormatInt(prog, 10)+"/belum" {
			t.Errorf("new enterprise: %s", got)
		}
		if n := e.count(t, `SELECT count(*) FROM persons WHERE name = 'Budi Santoso'`); n != 0 {
			t.Errorf("rejected row wrote %d persons", n)
		}

		// Participants with their day and state, and the reach.
		participants := func() map[string]string {
			rs, err := e.s.DB().Query(`SELECT p.name, pp.state, pp.reached_on, pp.source, e.reached_last FROM programme_participants pp
JOIN enterprises e ON e.id = pp.enterprise_id JOIN persons p ON p.id = e.owner_id WHERE pp.programme_id = $1`, prog)
			if err != nil {
				t.Fatal(err)
			}
			defer rs.Close()
			out := map[string]string{}
			for rs.Next() {
				var name, state, source string
				var on, last bina.Date
				if err := rs.Scan(&name, &state, &on, &source, &last); err != nil {
					t.Fatal(err)
				}
				out[name] = state + " " + on.String() + " " + source + " last " + last.String()
			}
			return out
		}
		got := participants()
		for name, w := range map[string]string{
			"Siti Aminah":  "attended 2026-10-06 attendance last 2026-10-06",
			"Rini Susanti": "completed 2026-10-05 attendance last 2026-10-05",
			"Ahmad Fauzi":  "attended 2026-10-05 attendance last 2026-10-05",
			"Dewi Lestari": "attended 2026-10-05 attendance last 2026-10-05",
		} {
			if got[name] != w {
				t.Errorf("%s: %q, want %q", name, got[name], w)
			}
		}
		if len(got) != 4 {
			t.Errorf("participants %v", got)
		}

		// The uncertain row waits in review; merging it enrols the business.
		page, err := e.s.ReviewItems(ctx, imports.Filter{ImportID: j.ID, State: imports.ReviewOpen, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 1 || page.Items[0].CandidateID == 0 {
			t.Fatalf("review %+v", page)
		}
		if err := e.s.ResolveReview(ctx, page.Items[0].ID, imports.Resolution{Action: "merge"}); err != nil {
			t.Fatal(err)
		}
		if w := "attended 2026-10-05 attendance last 2026-10-05"; participants()["Muhammad Ridwan Hakim"] != w {
			t.Errorf("after review: %v", participants())
		}

		// The same sheet again stores nothing new.
		again := e.importFile(t, nil, path, "hadir", "", prog)
		if again.Counts.Created != 0 || again.Counts.Updated != 0 || again.Counts.Review != 0 || again.Counts.Rejected != 1 {
			t.Errorf("again: %+v", again.Counts)
		}
		if n := registerCount(t, e.s); n != before+1 {
			t.Errorf("register after the second import %d, want %d", n, before+1)
		}
		if n := e.count(t, `SELECT count(*) FROM programme_participants WHERE programme_id = $1`, prog); n != 5 {
			t.Errorf("participants after the second import: %d", n)
		}
		if n := e.count(t, `SELECT count(*) FROM import_reviews WHERE state = 'open'`); n != 0 {
			t.Errorf("open reviews after the second import: %d", n)
		}

		// Another programme, in chunks of two rows: the desa read by one
		// chunk and the records it creates serve the next ones. The name
		// that is only similar waits for a person again.
		prog2 := e.programme(t, "2026-11-02")
		small := importer.New(e.s, e.ref, e.matcher, nil).Configure(importer.Config{ChunkRows: 2, CommitRows: 4})
		third := e.importFile(t, small, path, "hadir", "", prog2)
		if want := (imports.Counts{Updated: 4, Unchanged: 1, Rejected: 1, Review: 1}); third.Counts != want {
			t.Errorf("another programme: %+v, want %+v", third.Counts, want)
		}
		if n := registerCount(t, e.s); n != before+1 {
			t.Errorf("register after another programme %d, want %d", n, before+1)
		}

		// A business archived since is never enrolled: its row is matched
		// again among the live records (none in the next programme, so it
		// is new; that new one when the first programme's sheet comes
		// again, whose stored key named the archived one).
		var fauzi int64
		if err := e.s.DB().QueryRow(`SELECT e.id FROM enterprises e JOIN persons p ON p.id = e.owner_id WHERE p.name = 'Ahmad Fauzi'`).Scan(&fauzi); err != nil {
			t.Fatal(err)
		}
		if err := e.s.ArchiveEnterprise(ctx, fauzi, "tutup"); err != nil {
			t.Fatal(err)
		}
		prog3 := e.programme(t, "2026-11-20")
		if c := e.importFile(t, nil, path, "hadir", "", prog3).Counts; c.Created != 1 {
			t.Errorf("after archiving, another programme: %+v", c)
		}
		if c := e.importFile(t, nil, path, "hadir", "", prog).Counts; c.Created != 0 || c.Updated != 1 {
			t.Errorf("after archiving, the first programme again: %+v", c)
		}
		if n := e.count(t, `SELECT count(*) FROM programme_participants WHERE enterprise_id = $1 AND programme_id = $2`, fauzi, prog3); n != 0 {
			t.Errorf("the archived business was enrolled in a later programme")
		}
	})
}

// TestAttendanceNeedsAProgramme: an attendance import without a
// programme, or with one that does not exist, is refused before anything
// is stored.
func TestAttendanceNeedsAProgramme(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		path := writeXLSX(t, "hadir.xlsx", [][]string{attendanceHeader(), {"1", "Siti", "", "", "", "Kapur", "Sungai Raya", "", "", ""}})
		for _, prog := range []int64{0, 999} {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			j := &imports.Job{Entity: imports.EntityAttendance, FileName: "hadir.xlsx", ProgrammeID: prog}
			err = e.s.CreateImport(context.Background(), j, f)
			f.Close()
			if err == nil {
				t.Errorf("programme %d: no error", prog)
			}
		}
		if n := e.count(t, `SELECT count(*) FROM imports`); n != 0 {
			t.Errorf("%d imports stored", n)
		}
	})
}
