package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"bina"
	"bina/imports"
	"bina/internal/sqlstore/sqlstoretest"
)

// attendanceXLSX is a filled attendance sheet of two people the register
// does not know.
func attendanceXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"DAFTAR HADIR PELATIHAN PEMASARAN DIGITAL"},
		{},
		{"No", "Nama Peserta", "NIK", "No. HP", "Nama Usaha", "Desa/Kelurahan", "Kecamatan", "Tanggal Hadir", "Status (Hadir/Selesai)", "Tanda Tangan"},
		{1, "Dewi Lestari", "6112016505950002", "081234500005", "Kue Dewi", "Kapur", "Sungai Raya", "05/10/2026", "Hadir"},
		{2, "Yusuf Maulana", "", "081234500007", "Bengkel Yusuf", "Kapur", "Sungai Raya", "", "Selesai"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(t, f.SetSheetRow("Sheet1", cell, &r))
	}
	var b bytes.Buffer
	must(t, f.Write(&b))
	return b.Bytes()
}

func TestAttendanceImportPages(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newImportSite(t, engine)
			staff := s.user("staf", bina.RoleStaff, "")
			b := s.signedIn(staff)
			var prog int64
			err := s.store.DB().QueryRow(`INSERT INTO programmes (name, year, kind, starts_on, ends_on, created_at, updated_at)
VALUES ('Pelatihan pemasaran digital', 2026, 'pelatihan', '2026-10-05', '2026-10-06', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`).Scan(&prog)
			must(t, err)
			base := "/program/" + strconv.FormatInt(prog, 10) + "/hadir"

			b.get(base).want(t, 200).contains(t, "Impor daftar hadir", base+"/templat.xlsx", `action="`+base+`"`)
			tmpl := b.get(base+"/templat.xlsx").want(t, 200)
			if rows := readXLSX(t, tmpl.body); len(rows) == 0 || len(rows[0]) < 9 || rows[0][1] != "Nama Peserta" || rows[0][7] != "Tanggal Hadir" {
				t.Errorf("template header %v", rows)
			}

			id := uploaded(t, b.uploadTo(base, "daftar hadir.xlsx", bytes.NewReader(attendanceXLSX(t)), nil))
			ctx := bina.WithUser(context.Background(), staff)
			j, err := s.store.FindImport(ctx, id)
			must(t, err)
			if j.Entity != imports.EntityAttendance || j.ProgrammeID != prog || j.State != imports.ImportUploaded {
				t.Fatalf("job %s programme %d state %s", j.Entity, j.ProgrammeID, j.State)
			}
			page := b.get("/impor/"+strconv.FormatInt(id, 10)).want(t, 200).contains(t, "Dewi Lestari").body
			form := mappingForm(t, page)
			if form.Get("kolom-1") != "owner.name" || form.Get("kolom-2") != "owner.nik" || form.Get("kolom-7") != "attended_on" || form.Get("kolom-8") != "attendance" {
				t.Errorf("suggested mapping %v", form)
			}
			b.post("/impor/"+strconv.FormatInt(id, 10)+"/mulai", form).want(t, 303)
			if j := s.waitImport(staff, id); j.State != imports.ImportDone || j.Counts.Created != 2 {
				t.Fatalf("import %s %+v %s", j.State, j.Counts, j.Error.ID)
			}
			var n int
			must(t, s.store.DB().QueryRow(`SELECT count(*) FROM programme_participants WHERE programme_id = $1 AND source = 'attendance'`, prog).Scan(&n))
			if n != 2 {
				t.Errorf("%d participants", n)
			}
			b.get("/impor/"+strconv.FormatInt(id, 10)).want(t, 200).contains(t, "Laporan impor", "belum diverifikasi")

			// A programme that does not exist: nothing is stored.
			b.uploadTo("/program/999/hadir", "hadir.xlsx", bytes.NewReader(attendanceXLSX(t)), url.Values{}).want(t, http.StatusNotFound)
			list, err := s.store.ListImports(ctx, 10, 0)
			must(t, err)
			if len(list) != 1 {
				t.Errorf("%d imports stored", len(list))
			}
		})
	}
}
