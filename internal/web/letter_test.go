package web_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"bina"
)

func TestLetterPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		admin := s.signedIn(s.user("admin", bina.RoleAdmin, ""))
		staff := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		viewer := s.signedIn(s.user("pembaca", bina.RoleViewer, ""))
		coached := enterprise("Kerupuk Ikan Bu Siti", kualaDua)
		coached.Binaan, coached.BinaanSince = true, bina.DateOf(2024, 2, 1)
		s.mustCreate(coached)
		plain := s.mustCreate(enterprise("Warung Biasa", kualaDua))
		page := "/umkm/" + itoa(coached.ID)

		t.Run("settings", func(t *testing.T) {
			// Before the settings, staff are told at once, and admins shown where.
			staff.get(page).want(t, 200).contains(t, "belum diisi admin").lacks(t, `action="`+page+`/surat"`, `href="/pengaturan/surat"`)
			admin.get(page).want(t, 200).contains(t, "belum diisi admin", `href="/pengaturan/surat"`)
			staff.get("/pengaturan/surat").want(t, 403)
			admin.get("/pengaturan/surat").want(t, 200).contains(t, "Belum ada pengaturan", "{nomor}")
			form := url.Values{
				"letterhead.government": {"Pemerintah Kabupaten Kubu Raya"}, "letterhead.office": {"Dinas Koperasi, Usaha Kecil dan Menengah"},
				"letterhead.city": {"Sungai Raya"}, "number_pattern": {"500.2.2/{nomor}/DISKOPUKM"},
				"signatory.name": {"Ahmad Fauzi"}, "signatory.nip": {"19660420 199203 1 008"}, "signatory.title": {"Kepala Dinas"},
				"effective_from": {"2026-01-01"},
			}
			admin.post("/pengaturan/surat", form).want(t, 422).contains(t, "{tahun}")
			form.Set("number_pattern", "500.2.2/{nomor}/DISKOPUKM/{tahun}")
			admin.post("/pengaturan/surat", form).location(t)
			admin.get("/pengaturan/surat").want(t, 200).contains(t, "Pengaturan surat disimpan.", "500.2.2/1/DISKOPUKM/2026")
		})

		t.Run("refused when not binaan", func(t *testing.T) {
			staff.get("/umkm/"+itoa(plain.ID)).want(t, 200).contains(t, "Surat Keterangan Binaan", "belum tercatat sebagai usaha binaan").lacks(t, `action="/umkm/`+itoa(plain.ID)+`/surat"`)
			staff.post("/umkm/"+itoa(plain.ID)+"/surat", url.Values{"purpose": {"pembiayaan"}}).want(t, 422).contains(t, "bukan usaha binaan")
		})

		var verify string
		t.Run("issue", func(t *testing.T) {
			staff.get(page).want(t, 200).contains(t, "Belum ada surat keterangan", "Terbitkan")
			staff.post(page+"/surat", url.Values{"purpose": {"merek_djki"}, "mark_name": {"Siti"}, "mark_classes": {"29, x"}}).
				want(t, 422).contains(t, "Jenis barang/jasa merek wajib diisi", "Tulis kelas merek sebagai angka")
			viewer.post(page+"/surat", url.Values{"purpose": {"pembiayaan"}}).want(t, 403)
			to := staff.post(page+"/surat", url.Values{"purpose": {"merek_djki"}, "mark_name": {"Siti"}, "mark_goods": {"Kerupuk ikan"},
				"mark_classes": {"29, 30"}, "basis": {"Pelatihan Pengemasan 2024\nPendampingan 2025"}}).location(t)
			if to != page+"#surat" {
				t.Errorf("redirect to %q", to)
			}
			r := staff.get(page).want(t, 200).contains(t, "Surat keterangan diterbitkan.", "500.2.2/1/DISKOPUKM/2026", "Unduh PDF")
			i := strings.Index(r.body, "/verifikasi/")
			if i < 0 {
				t.Fatal("no verification link on the page")
			}
			verify = r.body[i : i+strings.IndexByte(r.body[i:], '"')]
			ls, err := s.store.ListLetters(context.Background(), coached.ID)
			if err != nil || len(ls) != 1 {
				t.Fatalf("letters %v, %v", ls, err)
			}
			link := "/api/v1/letters/" + itoa(ls[0].ID) + "/pdf"
			r.contains(t, link)
			pdf := staff.get(link).want(t, 200)
			if !strings.HasPrefix(pdf.body, "%PDF") || pdf.header.Get("Content-Type") != "application/pdf" {
				t.Errorf("PDF answer %q", pdf.header.Get("Content-Type"))
			}
			pub := s.browser().get(verify).want(t, 200).contains(t, "VALID", "500.2.2/1/DISKOPUKM/2026", "Kerupuk Ikan Bu Siti", "S. A.")
			pub.lacks(t, nik, "081234567890", "Siti Aminah", "19660420")
		})

		t.Run("revoke", func(t *testing.T) {
			ls, _ := s.store.ListLetters(context.Background(), coached.ID)
			at := "/surat/" + itoa(ls[0].ID) + "/cabut"
			staff.get(at).want(t, 200).contains(t, "Alasan pencabutan", "Ya, cabut surat")
			viewer.get(at).want(t, 403)
			staff.post(at, url.Values{"reason": {"  "}}).want(t, 422).contains(t, "Alasan pencabutan wajib diisi")
			staff.post(at, url.Values{"reason": {"Merek salah ketik"}}).location(t)
			staff.get(page).want(t, 200).contains(t, "Dicabut", "Merek salah ketik")
			// The history of the business tells both, once the flash is gone.
			staff.get(page).want(t, 200).contains(t, "Surat keterangan diterbitkan", "Surat keterangan dicabut")
			s.browser().get(verify).want(t, 200).contains(t, "DICABUT")
			s.browser().get("/verifikasi/tidak-ada").want(t, 404).contains(t, "Surat tidak ditemukan.")
		})
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
