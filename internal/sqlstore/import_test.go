package sqlstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
	"testing"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/refdata"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// The import tests write converted rows through the store's runner side
// (ClaimImport, WriteImportChunk, FinishImport) as internal/importer does,
// with rows converted by importer.Converter from the cells of a small file.

// importHeader is the header of the files of these tests.
var importHeader = []string{"Nama Usaha", "Nama Pemilik", "NIK Pemilik", "No HP", "NIB", "Kode Desa", "Modal Usaha (Rp)"}

// importCells returns the cells of one row.
func importCells(name, owner, nik, nib string, village bina.RegionCode, capital string) []string {
	return []string{name, owner, nik, "", nib, string(village), capital}
}

// importer is a test's way to run chunks of rows of one file.
type chunkRunner struct {
	t    *testing.T
	s    *sqlstore.Store
	conv *importer.Converter
	job  *imports.Job
}

// newImport stores a job for the rows (as a file) by the actor of ctx, and
// claims it.
func newImport(t *testing.T, ctx context.Context, s *sqlstore.Store, dry bool, rows ...[]string) *chunkRunner {
	t.Helper()
	return newImportOf(t, ctx, s, importHeader, dry, rows...)
}

// newImportOf is newImport of a file with the given header.
func newImportOf(t *testing.T, ctx context.Context, s *sqlstore.Store, header []string, dry bool, rows ...[]string) *chunkRunner {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(strings.Join(header, ";") + "\n")
	for _, r := range rows {
		b.WriteString(strings.Join(r, ";") + "\n")
	}
	j := &imports.Job{Entity: bina.EntityEnterprise, FileName: "data.csv", Header: header,
		Mapping: fileformat.SuggestMapping(header, bina.EntityEnterprise), DryRun: dry}
	return startImport(t, ctx, s, j, &b)
}

// startImport creates and claims the import j of the file b.
func startImport(t *testing.T, ctx context.Context, s *sqlstore.Store, j *imports.Job, b *bytes.Buffer) *chunkRunner {
	t.Helper()
	must(t, s.CreateImport(ctx, j, b))
	claimed, err := s.ClaimImport(ctx, j.ID, "run-1")
	must(t, err)
	ref := sqlstoreRef(t)
	bps, _ := refdata.BPSBridge()
	conv, err := importer.NewConverter(claimed, importer.ConvertConfig{Ref: ref, Matcher: importer.NewRegionMatcher(ref.Regions, bps), Scope: claimed.Scope})
	must(t, err)
	return &chunkRunner{t: t, s: s, conv: conv, job: claimed}
}

// write converts rows (lines from 2 on) and writes them as one chunk,
// committed, and returns the converted rows as the store left them.
func (im *chunkRunner) write(ctx context.Context, rows ...[]string) []imports.Row {
	im.t.Helper()
	out := make([]imports.Row, len(rows))
	for i, r := range rows {
		out[i] = im.conv.Convert(im.job.Done+i+2, r)
	}
	im.job.Done += len(rows)
	_, err := im.s.WriteImportChunk(ctx, im.job.ID, "run-1", &imports.Chunk{Rows: out, Done: im.job.Done, Fields: im.conv.Fields(), Commit: true})
	must(im.t, err)
	return out
}

func (im *chunkRunner) finish(ctx context.Context) *imports.Job {
	im.t.Helper()
	must(im.t, im.s.FinishImport(ctx, im.job.ID, "run-1", imports.ImportDone, bina.Text{}, im.job.Done))
	j, err := im.s.FindImport(ctx, im.job.ID)
	must(im.t, err)
	return j
}

const (
	nikSiti = "6112014507850003"
	nibSiti = "1234567890123"
)

func TestImportJobService(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		// A file of several parts reads back whole.
		big := bytes.Repeat([]byte("Nama Usaha;Desa\nToko;Kapur\n"), 100_000)
		j := &imports.Job{Entity: bina.EntityEnterprise, FileName: "besar.csv"}
		must(t, s.CreateImport(ctx, j, bytes.NewReader(big)))
		if j.State != imports.ImportUploaded || j.Size != int64(len(big)) || j.Format != "csv" || j.CreatedBy != "staff-user" || j.Scope != "61.12" {
			t.Errorf("created %+v", j)
		}
		rc, err := s.OpenImportFile(ctx, j.ID)
		must(t, err)
		back, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(back, big) {
			t.Errorf("file read back: %d bytes of %d", len(back), len(big))
		}

		wantCode(t, s.CreateImport(as(bina.RoleViewer, ""), &imports.Job{Entity: bina.EntityEnterprise}, strings.NewReader("x")), bina.Forbidden)
		wantCode(t, s.CreateImport(ctx, &imports.Job{Entity: bina.EntityEnterprise}, strings.NewReader("")), bina.Invalid)
		wantCode(t, s.CreateImport(ctx, &imports.Job{Entity: "kapal"}, strings.NewReader("x")), bina.Invalid)
		s.SetMaxImportSize(1000)
		wantCode(t, s.CreateImport(ctx, &imports.Job{Entity: bina.EntityEnterprise}, bytes.NewReader(big)), bina.Invalid)
		s.SetMaxImportSize(0)

		// Configuring queues the job, once.
		j.HeaderRow, j.Header = 0, []string{"Nama Usaha", "Desa"}
		j.Mapping = imports.Mapping{1: bina.FieldName}
		wantCode(t, s.ConfigureImport(ctx, j), bina.Invalid)
		j.Mapping = imports.Mapping{0: bina.FieldName, 1: bina.FieldVillage}
		must(t, s.ConfigureImport(ctx, j))
		if j.State != imports.ImportQueued || j.Mapping[1] != bina.FieldVillage {
			t.Errorf("configured %+v", j)
		}
		wantCode(t, s.ConfigureImport(ctx, j), bina.Conflict)

		// Saved mappings replace one of the same name.
		m := imports.NamedMapping{Name: "Format Dinas", Entity: bina.EntityEnterprise, Header: j.Header, Mapping: j.Mapping}
		must(t, s.SaveMapping(ctx, m))
		m.Mapping = imports.Mapping{0: bina.FieldName, 1: bina.FieldVillageCode}
		must(t, s.SaveMapping(ctx, m))
		wantCode(t, s.SaveMapping(ctx, imports.NamedMapping{Name: "sidt", Entity: bina.EntityEnterprise, Mapping: m.Mapping}), bina.Invalid)
		ms, err := s.Mappings(ctx, bina.EntityEnterprise)
		must(t, err)
		if len(ms) != 1 || ms[0].Mapping[1] != bina.FieldVillageCode || ms[0].SavedBy != "staff-user" {
			t.Errorf("mappings %+v", ms)
		}

		// An officer sees the imports of the officer's area only.
		officer := as(bina.RoleOfficer, "61.12.01")

		// A mapping belongs to its author: an officer may save new ones
		// and replace their own, never a staff member's; staff keep the
		// shared ones, an officer's included.
		swapped := m
		swapped.Mapping = imports.Mapping{0: bina.FieldName, 1: bina.FieldVillageCode, 2: bina.FieldOwnerPhone, 3: bina.FieldOwnerNIK}
		wantCode(t, s.SaveMapping(officer, swapped), bina.Forbidden)
		own := imports.NamedMapping{Name: "Format Desa", Entity: bina.EntityEnterprise, Mapping: m.Mapping}
		must(t, s.SaveMapping(officer, own))
		must(t, s.SaveMapping(officer, own))
		must(t, s.SaveMapping(ctx, own))
		ms, err = s.Mappings(ctx, bina.EntityEnterprise)
		must(t, err)
		if len(ms) != 2 || ms[1].Name != "Format Dinas" || ms[1].Mapping[1] != bina.FieldVillageCode {
			t.Errorf("after the officer's attempt: mappings %+v", ms)
		}
		oj := &imports.Job{Entity: bina.EntityEnterprise, FileName: "desa.csv"}
		must(t, s.CreateImport(officer, oj, strings.NewReader("a;b\n")))
		if oj.Scope != "61.12.01" {
			t.Errorf("officer's import scope %q", oj.Scope)
		}
		if _, err := s.FindImport(as(bina.RoleOfficer, "61.12.02"), oj.ID); !isErr(err, bina.NotFound) {
			t.Errorf("another officer finds the import: %v", err)
		}
		if _, err := s.FindImport(officer, j.ID); !isErr(err, bina.NotFound) {
			t.Errorf("an officer finds the office's import: %v", err)
		}
		list, err := s.ListImports(officer, 10, 0)
		must(t, err)
		if len(list) != 1 || list[0].ID != oj.ID {
			t.Errorf("officer lists %d imports", len(list))
		}
		list, _ = s.ListImports(ctx, 10, 0)
		if len(list) != 2 || list[0].ID != oj.ID {
			t.Errorf("staff lists %+v", list)
		}
	})
}

func TestImportChunkWritesTheRegister(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := as(bina.RoleStaff, "")
		rows := [][]string{
			importCells("Keripik Pisang Bu Siti", "Siti Aminah", nikSiti, nibSiti, village1a, "20.000.000"),
			importCells("Abon Ikan Kuala", "Budi Santoso", "", "", village1b, "Rp 1,5 jt"),
			importCells("", "Tanpa Nama", "", "", village2, ""),
		}
		im := newImport(t, ctx, s, false, rows...)
		out := im.write(ctx, rows...)
		if out[0].Outcome != imports.OutcomeCreated || out[0].RecordID == 0 || out[2].Outcome != imports.OutcomeRejected {
			t.Fatalf("outcomes %s %s %s", out[0].Outcome, out[1].Outcome, out[2].Outcome)
		}
		j := im.finish(ctx)
		if j.Counts != (imports.Counts{Created: 2, Rejected: 1}) || j.Done != 3 || j.State != imports.ImportDone {
			t.Errorf("job %+v", j)
		}
		e, err := s.FindEnterprise(ctx, out[0].RecordID)
		must(t, err)
		if e.Name != "Keripik Pisang Bu Siti" || e.Owner.NIK != nikSiti || e.Capital != 20_000_000 || e.Source != "import" || e.Version != 1 {
			t.Errorf("record %+v", e)
		}
		h, _ := s.History(ctx, bina.EntityEnterprise, e.ID, 0, 0)
		if len(h) != 1 || h[0].Action != "create" || h[0].UserName != "staff-user" {
			t.Errorf("history %+v", h)
		}
		// Search, kept counts and the name key follow the new records.
		page, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: "abon kuala"})
		must(t, err)
		if page.Total != 1 || page.Items[0].ID != out[1].RecordID {
			t.Errorf("search found %+v", page)
		}
		kept, err := s.EnterpriseCounts(ctx)
		must(t, err)
		if got := bruteCounts(t, db); fmt.Sprint(got) != fmt.Sprint(kept) {
			t.Errorf("kept counts %v differ from the register %v", kept, got)
		}
		var key string
		must(t, db.QueryRow(`SELECT name_key FROM enterprises WHERE id = $1`, e.ID).Scan(&key))
		if key != imports.NameKey(e.Name) {
			t.Errorf("name key %q", key)
		}
		// Another record written by a form gets its key too.
		made := mustCreate(t, ctx, s, newEnterprise("Toko Sembako Makmur", village2))
		must(t, db.QueryRow(`SELECT name_key FROM enterprises WHERE id = $1`, made.ID).Scan(&key))
		if key != "makmur sembako" {
			t.Errorf("name key of a form's record %q", key)
		}
		issues, err := s.ImportIssues(ctx, j.ID)
		must(t, err)
		if len(issues) != 1 || issues[0].Line != 4 || issues[0].Cells[1] != "Tanpa Nama" || issues[0].Problems[0].Field != "name" {
			t.Errorf("issues %+v", issues)
		}
	})
}

func TestImportDuplicatesOfTheRegister(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		old := newEnterprise("Keripik Pisang Bu Siti", village1a)
		old.NIB, old.Owner.NIK = nibSiti, nikSiti
		old = mustCreate(t, ctx, s, old)
		other := newEnterprise("Warung Kopi Melati", village2)
		other.NIB, other.Owner.NIK, other.Owner.Name = "", "", "Rudi Tan"
		other = mustCreate(t, ctx, s, other)
		archived := newEnterprise("Toko Emas Lama", village1b)
		archived.NIB, archived.Owner.NIK = "5555555555555", ""
		archived = mustCreate(t, ctx, s, archived)
		must(t, s.ArchiveEnterprise(ctx, archived.ID, "tutup"))

		rows := [][]string{
			importCells("Toko Lain Sekali", "Orang Lain", "", nibSiti, village1b, ""),      // same NIB
			importCells("UD Keripik Pisang Bu Siti", "Siti A.", nikSiti, "", village2, ""), // same NIK, similar name
			importCells("Jahit Siti", "Siti Aminah", nikSiti, "", village1a, ""),           // same NIK, another business
			importCells("WARUNG  KOPI MELATI", "Pak Rudi Tan", "", "", village2, ""),       // same name and owner, same desa
			importCells("Warung Kopi Melati", "Udin", "", "", village2, ""),                // same name, another owner
			importCells("Toko Emas Baru", "Ani", "", "5555555555555", village1b, ""),       // the NIB of an archived record
		}
		im := newImport(t, ctx, s, false, rows...)
		out := im.write(ctx, rows...)
		want := []struct {
			outcome string
			cand    int64
			rule    string
		}{
			{imports.OutcomeReview, old.ID, imports.DuplicateNIB},
			{imports.OutcomeReview, old.ID, imports.DuplicateNIKName},
			{imports.OutcomeCreated, 0, ""},
			{imports.OutcomeReview, other.ID, imports.DuplicateNameVillage},
			{imports.OutcomeCreated, 0, ""},
			{imports.OutcomeCreated, 0, ""},
		}
		for i, w := range want {
			r := out[i]
			if r.Outcome != w.outcome || (w.cand != 0 && (r.Duplicate == nil || r.Duplicate.RecordID != w.cand || r.Duplicate.Rule != w.rule)) {
				t.Errorf("row %d: %s %+v, want %s of #%d by %s", i+2, r.Outcome, r.Duplicate, w.outcome, w.cand, w.rule)
			}
		}
		page, err := s.ReviewItems(ctx, imports.Filter{ImportID: im.job.ID, Kind: imports.ReviewDuplicate})
		must(t, err)
		if page.Total != 3 || page.Items[0].CandidateID != old.ID || page.Items[0].Incoming.Name != "Toko Lain Sekali" ||
			!strings.Contains(page.Items[0].Reason.ID, fmt.Sprintf("NIB sama dengan UMKM #%d", old.ID)) {
			t.Errorf("review items %+v", page)
		}
		// Nothing of the rows under review was written.
		list, _ := s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: "lain sekali"})
		if list.Total != 0 {
			t.Errorf("a row under review is in the register")
		}
	})
}

func TestImportWithinAnOfficersArea(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		outside := mustCreate(t, staff, s, func() bina.Enterprise {
			e := newEnterprise("Toko Di Kubu", village2)
			e.NIB = "7777777777777"
			return e
		}())
		officer := as(bina.RoleOfficer, "61.12.01")
		rows := [][]string{
			importCells("Toko Di Desa Sendiri", "Ani", "", "7777777777777", village1a, ""), // the NIB of a record outside the area: not shown
			importCells("Toko Di Kubu Juga", "Ani", "", "", village2, ""),                  // outside the area: rejected
		}
		im := newImport(t, officer, s, false, rows...)
		out := im.write(officer, rows...)
		if out[0].Outcome != imports.OutcomeCreated || out[1].Outcome != imports.OutcomeRejected || !strings.Contains(fmt.Sprint(out[1].Problems), "wilayah kerja") {
			t.Errorf("outcomes %s %s %+v", out[0].Outcome, out[1].Outcome, out[1].Problems)
		}
		_ = outside
		wantCode(t, s.ResolveReview(as(bina.RoleViewer, ""), 1, imports.Resolution{Action: "skip"}), bina.Forbidden)
	})
}

func TestImportDryRunAndLostClaims(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := as(bina.RoleAdmin, "")
		rows := [][]string{importCells("Keripik Nanas", "Dewi", "", nibSiti, village1a, "5 jt"), importCells("Abon", "Hasan", "", nibSiti, village1b, "")}
		im := newImport(t, ctx, s, true, rows...)
		out := im.write(ctx, rows...)
		if out[0].Outcome != imports.OutcomeCreated || out[1].Outcome != imports.OutcomeReview {
			// Both rows are new to the register; the second has the NIB
			// of the first, which the chunk would create.
			t.Errorf("dry run outcomes %s %s", out[0].Outcome, out[1].Outcome)
		}
		j := im.finish(ctx)
		if j.Counts.Created != 1 || j.Counts.Review != 1 {
			t.Errorf("dry run counts %+v", j.Counts)
		}
		if n := countRows(t, db, "enterprises", "persons", "history", "import_keys", "import_reviews"); n["enterprises"]+n["persons"]+n["history"]+n["import_keys"]+n["import_reviews"] != 0 {
			t.Errorf("a dry run wrote %v", n)
		}

		// A run that lost its claim writes nothing more.
		im2 := newImport(t, ctx, s, false, rows...)
		_, err := s.ClaimImport(ctx, im2.job.ID, "run-2")
		must(t, err)
		_, err = s.WriteImportChunk(ctx, im2.job.ID, "run-1", &imports.Chunk{Rows: nil, Done: 1, Commit: true})
		wantCode(t, err, bina.Conflict)
		wantCode(t, s.FinishImport(ctx, im2.job.ID, "run-1", imports.ImportDone, bina.Text{}, 2), bina.Conflict)
	})
}

func TestImportChunksCommitTogether(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := as(bina.RoleAdmin, "")
		rows := [][]string{importCells("Satu", "A", "", "", village1a, ""), importCells("Dua", "B", "", "", village1a, ""), importCells("Tiga", "C", "", "", village1a, "")}
		im := newImport(t, ctx, s, false, rows...)
		write := func(done int, commit bool, r []string) {
			row := im.conv.Convert(done+1, r)
			_, err := s.WriteImportChunk(ctx, im.job.ID, "run-1", &imports.Chunk{Rows: []imports.Row{row}, Done: done, Fields: im.conv.Fields(), Commit: commit})
			must(t, err)
		}
		write(1, true, rows[0])
		write(2, false, rows[1])
		write(3, false, rows[2])
		// The run is interrupted before its next commit: the two chunks
		// since the last commit are given up, the checkpoint stays at 1.
		must(t, s.FinishImport(ctx, im.job.ID, "run-1", "", bina.Text{}, 0))
		j, _ := s.FindImport(ctx, im.job.ID)
		if j.Done != 1 || j.Counts.Created != 1 || j.State != imports.ImportQueued {
			t.Errorf("job after the interruption %+v", j)
		}
		if n := countRows(t, db, "enterprises"); n["enterprises"] != 1 {
			t.Errorf("%d enterprises", n["enterprises"])
		}
	})
}

// TestPrepareImportChunk: what the importer has the store prepare of a
// chunk while the previous one is written is what the store would
// compute of each record when writing it (live, even when the row says
// archived); rejected rows are left alone.
func TestPrepareImportChunk(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ref := sqlstoretest.Reference(t, bina.DefaultConfig())
		ents := genEnterprises(ref, 5, 0, 500)
		rows := make([]imports.Row, len(ents)+1)
		for i := range ents {
			e := &ents[i]
			e.Normalize()
			if i%97 == 0 {
				e.ArchivedAt = &sqlstoretest.Now
			}
			rows[i] = imports.Row{Line: i + 2, Outcome: imports.OutcomeCreated, Enterprise: e}
		}
		rows[len(ents)] = imports.Row{Line: len(ents) + 2, Outcome: imports.OutcomeRejected}
		if i := sqlstore.PreparedDiff(s, rows); i >= 0 {
			t.Fatalf("row %d: prepared otherwise than record %+v", i, rows[i].Enterprise)
		}
	})
}
