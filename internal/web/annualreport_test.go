package web_test

import (
	"bina/supervision"
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"bina"
)

// reportForm is the worked example of KOPERASI.md section D as the report
// page's form posts it.
func reportForm(change func(r *supervision.AnnualReport)) url.Values {
	r := supervision.ExampleReport(1_000_000)
	if change != nil {
		change(r)
	}
	v := url.Values{"jenis": {r.Jenis}, "pola": {r.Pola}, "rat_held_on": {r.RATHeldOn.String()}, "members_present": {strconv.Itoa(r.MembersPresent)}}
	for _, s := range supervision.ReportSections {
		for code, n := range r.Section(s.Key) {
			v.Set(s.Key+"."+code, strconv.FormatInt(n, 10))
		}
	}
	for _, s := range r.SHUDistribution {
		v.Set("shu."+s.Pos+".persen", strings.Replace(strconv.FormatFloat(s.Persen, 'f', -1, 64), ".", ",", 1))
		v.Set("shu."+s.Pos+".nominal", strconv.FormatInt(s.Nominal, 10))
	}
	return v
}

// TestAnnualReportPages walks a report from an unbalanced draft to a
// correction: the problem beside its line, the confirmation before
// submitting and accepting, the return with a note, and the scope.
func TestAnnualReportPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		c := s.mustCreateCoop(cooperative("KSP Maju Bersama", kualaDua))
		staff := s.signedIn(s.user("staf.laporan", bina.RoleStaff, ""))
		coop := "/koperasi/" + strconv.FormatInt(c.ID, 10)
		page := coop + "/laporan/2024"
		staff.get(coop).want(t, 200).contains(t, `id="laporan"`, "Belum ada laporan tahunan yang diisi.", `action="`+coop+`/laporan"`)
		if got := staff.get(coop + "/laporan?tahun=2024").location(t); got != page {
			t.Fatalf("open the report: %q", got)
		}
		staff.get(page).want(t, 200).contains(t, `name="neraca.kas"`, "Simpan draf", "Belum diisi")

		// Letters in an amount: refused, what was typed stays.
		bad := reportForm(nil)
		bad.Set("neraca.bank", "tiga ratus")
		staff.post(page, bad).want(t, http.StatusUnprocessableEntity).contains(t, "Bank (giro/tabungan di bank): tulis angka bulat", `value="tiga ratus"`)

		// An unbalanced balance sheet is kept as a draft and named beside
		// its line.
		unbalanced := reportForm(func(r *supervision.AnnualReport) { r.Neraca["kas"] += 1_250_000 })
		if got := staff.post(page, unbalanced).location(t); got != page {
			t.Fatalf("saved to %q", got)
		}
		body := staff.get(page).want(t, 200).contains(t, "Neraca tidak seimbang: selisih Rp 1.250.000", `href="#f-neraca-total-aset"`, "Draf", "4.851.250.000").body
		staff.get(page+"/ajukan").want(t, 200).contains(t, "Laporan masih memuat kesalahan:")
		staff.post(page+"/ajukan", url.Values{}).want(t, http.StatusUnprocessableEntity).contains(t, "Laporan belum dapat diajukan")

		v := formValues(t, body, page)
		v.Set("neraca.kas", "150.000.000")
		staff.post(page, v).location(t)
		staff.get(page).want(t, 200).lacks(t, "Neraca tidak seimbang").contains(t, "4.850.000.000", "Ajukan ke dinas")

		// An officer of another kecamatan sees nothing.
		far := s.signedIn(s.user("petugas.jauh", bina.RoleOfficer, "61.12.02"))
		far.get(page).want(t, http.StatusNotFound)

		staff.get(page+"/ajukan").want(t, 200).contains(t, "Ajukan laporan tahunan 2024?", `action="`+page+`/ajukan"`)
		staff.post(page+"/ajukan", url.Values{}).location(t)
		staff.get(page).want(t, 200).contains(t, "Diajukan", "Terima laporan", "Kembalikan dengan catatan").lacks(t, "Simpan draf")
		staff.post(page, reportForm(nil)).want(t, http.StatusConflict).contains(t, "sudah diajukan")

		// The officer of the area may enter and submit, not review.
		mine := s.signedIn(s.user("petugas.kuala", bina.RoleOfficer, "61.12.01"))
		mine.get(page).want(t, 200).contains(t, "sedang diperiksa dinas").lacks(t, "Terima laporan")
		mine.post(page+"/terima", url.Values{}).want(t, http.StatusForbidden)

		staff.post(page+"/kembalikan", url.Values{"note": {""}}).want(t, http.StatusUnprocessableEntity).contains(t, "Tuliskan catatan")
		staff.post(page+"/kembalikan", url.Values{"note": {"Lampirkan notulen RAT"}}).location(t)
		staff.get(page).want(t, 200).contains(t, "Dikembalikan oleh dinas", "Lampirkan notulen RAT", "Simpan draf")
		mine.post(page+"/ajukan", url.Values{}).location(t)
		// Documents: a PDF is attached, a file that is not one is refused.
		staff.uploadReportFile(t, page+"/lampiran", "notulen_rat", "notulen.pdf", []byte("%PDF-1.4\n%%EOF\n")).location(t)
		staff.uploadReportFile(t, page+"/lampiran", "daftar_hadir", "hadir.pdf", []byte("MZ not a pdf")).want(t, http.StatusUnprocessableEntity).
			contains(t, "bukan PDF, JPEG atau PNG")
		staff.get(page).want(t, 200).contains(t, "notulen.pdf", "Notulen RAT")

		staff.get(page+"/terima").want(t, 200).contains(t, "Terima laporan tahunan 2024?")
		staff.post(page+"/terima", url.Values{}).location(t)
		staff.get(page).want(t, 200).contains(t, "Diterima", "Mulai koreksi", "Nilai kesehatan dari laporan ini", `href="`+coop+`/kesehatan"`).lacks(t, "Simpan draf")
		staff.get(coop).want(t, 200).contains(t, `href="`+page+`"`, "Diterima", "Tanpa kesalahan", "Rp 4.850.000.000")

		staff.post(page+"/koreksi", url.Values{"note": {"Salah ketik"}}).location(t)
		staff.get(page).want(t, 200).contains(t, "versi 2", "Simpan draf", "Salah ketik", `href="`+page+`?versi=1"`)
		staff.get(page+"?versi=1").want(t, 200).contains(t, "Anda melihat versi lama").lacks(t, "Simpan draf")
	})
}

// uploadReportFile posts a document as the report page's form does.
func (b *browser) uploadReportFile(t *testing.T, path, kind, name string, data []byte) response {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("csrf", b.csrf)
	_ = w.WriteField("kind", kind)
	part, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(data)
	_ = w.Close()
	req, _ := http.NewRequest("POST", b.s.srv.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}
