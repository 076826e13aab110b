package pdf

import (
	"bina/coaching"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"bina"
)

// sampleLetter is a trademark letter as the store issues it.
func sampleLetter() *coaching.Letter {
	return &coaching.Letter{
		ID: 7, EnterpriseID: 3, Number: "500.2.2/12/DISKOPUKM/2026", Year: 2026, Serial: 12,
		Purpose: "merek_djki", MarkName: "Keripik Pakis Bu Sri", MarkGoods: "Keripik pakis, keripik ubi, makanan ringan", MarkClasses: []int{29, 30},
		IssuedOn: bina.DateOf(2026, 11, 28), ValidUntil: bina.DateOf(2026, 12, 31),
		Signatory: coaching.Signatory{Name: "Drs. H. Ahmad Fauzi, M.Si.", NIP: "19660420 199203 1 008", Rank: "Pembina Utama Muda (IV/c)", Title: "Kepala Dinas Koperasi, Usaha Kecil dan Menengah"},
		Letterhead: coaching.Letterhead{Government: "Pemerintah Kabupaten Kubu Raya", Office: "Dinas Koperasi, Usaha Kecil dan Menengah",
			Address: "Jl. Arteri Supadio Km 11, Sungai Raya, Kubu Raya 78391", Phone: "(0561) 123456", Email: "diskopukm@kuburayakab.go.id",
			Website: "diskopukm.kuburayakab.go.id", City: "Sungai Raya"},
		Business: coaching.LetterBusiness{Name: "Keripik Pakis Bu Sri", OwnerName: "Sri Rahayu Ningsih", OwnerNIK: "6112••••••••0001",
			Address: "Jl. Parit Baru Gg. Melati No. 5", Village: "Desa Kuala Dua, Kec. Sungai Raya", NIB: "1234567890123",
			KBLI: "10794 Industri Makanan dari Kedelai dan Kacang-kacangan Lainnya", Size: "mikro"},
		Basis:      []string{"Peserta Pelatihan Pengemasan Produk UMKM 2024 (Dinas KUKM Kubu Raya)", "Pendampingan lapangan 3 kali pada 2025–2026 (catatan pendamping)"},
		Status:     "valid",
		VerifyCode: "q3Jt9y0vT2Vw6nN8kYp1ZcXa",
		VerifyURL:  "https://bina.kuburayakab.go.id/verifikasi/q3Jt9y0vT2Vw6nN8kYp1ZcXa",
		CreatedAt:  time.Date(2026, 11, 28, 3, 4, 5, 0, time.UTC),
	}
}

func TestLetter(t *testing.T) {
	other := sampleLetter()
	other.Purpose, other.PurposeNote, other.MarkName = "lainnya", "pengajuan tempat pameran", ""
	other.Basis = nil
	for name, l := range map[string]*coaching.Letter{"trademark": sampleLetter(), "other purpose": other} {
		t.Run(name, func(t *testing.T) {
			b, err := Letter(l)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Fatalf("starts with %q, want %%PDF-", b[:8])
			}
			if len(b) > 200<<10 {
				t.Errorf("letter is %d bytes, want under 200 KB", len(b))
			}
			again, err := Letter(l)
			if err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256(b) != sha256.Sum256(again) {
				t.Error("rendering the same letter twice gave different bytes")
			}
		})
	}
}

func TestLetterDiffersWithNumber(t *testing.T) {
	a, b := sampleLetter(), sampleLetter()
	b.Number = "500.2.2/13/DISKOPUKM/2026"
	pa, _ := Letter(a)
	pb, _ := Letter(b)
	if bytes.Equal(pa, pb) {
		t.Error("two letters with different numbers gave the same PDF")
	}
}

func BenchmarkLetterPDF(b *testing.B) {
	l := sampleLetter()
	var size int
	for b.Loop() {
		out, err := Letter(l)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

func TestIssuedLetter(t *testing.T) {
	l := sampleLetter()
	b, err := Letter(l)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	l.PDFSHA256 = hex.EncodeToString(sum[:])
	if _, same, err := IssuedLetter(l); err != nil || !same {
		t.Errorf("IssuedLetter = %v, %v; want the same bytes", same, err)
	}
	l.Business.Name = "Changed"
	if _, same, _ := IssuedLetter(l); same {
		t.Error("a changed letter renders to the bytes issued")
	}
	if got := FileName(l); got != "surat-keterangan-binaan-2026-12.pdf" {
		t.Errorf("FileName = %q", got)
	}
}
