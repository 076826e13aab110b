package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/pdf"
	"bina/internal/sqlstore"
)

// letterSettings are valid settings in effect from 2026.
func letterSettings() coaching.LetterSettings {
	return coaching.LetterSettings{
		Letterhead: coaching.Letterhead{Government: "Pemerintah Kabupaten Kubu Raya", Office: "Dinas Koperasi, Usaha Kecil dan Menengah",
			Address: "Jl. Arteri Supadio, Sungai Raya", City: "Sungai Raya", Email: "diskop@kuburayakab.go.id"},
		NumberPattern: "500.2.2/{nomor}/DISKOPUKM/{tahun}",
		Signatory:     coaching.Signatory{Name: "Ahmad Fauzi", NIP: "19660420 199203 1 008", Rank: "Pembina (IV/a)", Title: "Kepala Dinas"},
		EffectiveFrom: bina.DateOf(2026, 1, 1),
	}
}

// letterStore returns a store with letter settings saved.
func letterStore(t *testing.T, s *sqlstore.Store) {
	t.Helper()
	set := letterSettings()
	must(t, s.SaveLetterSettings(as(bina.RoleAdmin, ""), &set))
}

func trademarkLetter(enterpriseID int64, mark string) *coaching.Letter {
	return &coaching.Letter{EnterpriseID: enterpriseID, Purpose: "merek_djki", MarkName: mark, MarkGoods: "Keripik", MarkClasses: []int{30}}
}

const publicURL = "https://bina.example.go.id"

func TestIssueLetter(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		e := mustCreate(t, staff, s, newEnterprise("Keripik Bu Sri", village1a))
		l := trademarkLetter(e.ID, "Bu Sri")
		if err := s.IssueLetter(staff, l, publicURL, pdf.Letter); !isErr(err, bina.Invalid) {
			t.Fatalf("issue before settings: %v, want invalid", err)
		}
		letterStore(t, s)
		must(t, s.IssueLetter(staff, l, publicURL+"/", pdf.Letter))
		if l.Number != "500.2.2/1/DISKOPUKM/2026" || l.Serial != 1 {
			t.Errorf("number %q serial %d, want 500.2.2/1/DISKOPUKM/2026", l.Number, l.Serial)
		}
		if l.ValidUntil != bina.DateOf(2026, 12, 31) {
			t.Errorf("valid until %v, want 31 December 2026", l.ValidUntil)
		}
		if !strings.HasPrefix(l.VerifyURL, publicURL+"/verifikasi/") || len(l.VerifyCode) < 22 {
			t.Errorf("verify url %q code %q", l.VerifyURL, l.VerifyCode)
		}
		if l.Business.OwnerNIK != "6112••••••••0003" {
			t.Errorf("owner NIK on the letter %q, want it masked", l.Business.OwnerNIK)
		}
		got, err := s.FindLetter(staff, l.ID)
		must(t, err)
		b, err := pdf.Letter(got)
		must(t, err)
		if !strings.HasPrefix(string(b), "%PDF") {
			t.Error("the PDF does not start with %PDF")
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != got.PDFSHA256 {
			t.Error("the stored letter renders to bytes whose SHA-256 differs from the one kept at issue")
		}
		if _, err := s.History(staff, bina.EntityEnterprise, e.ID, 0, 0); err != nil {
			t.Fatal(err)
		}
		hist, _ := s.History(staff, bina.EntityEnterprise, e.ID, 0, 0)
		if !slices.ContainsFunc(hist, func(c bina.Change) bool { return c.Action == "letter_issue" && strings.Contains(c.After, l.Number) }) {
			t.Errorf("history %v lacks the issue", hist)
		}

		l2 := &coaching.Letter{EnterpriseID: e.ID, Purpose: "pembiayaan"}
		must(t, s.IssueLetter(staff, l2, publicURL, pdf.Letter))
		if l2.Serial != 2 {
			t.Errorf("second serial %d, want 2", l2.Serial)
		}
		list, err := s.ListLetters(staff, e.ID)
		must(t, err)
		if len(list) != 2 || list[0].ID != l2.ID {
			t.Errorf("list %v, want the two letters newest first", list)
		}
	})
}

func TestIssueLetterRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		letterStore(t, s)
		notBinaan := newEnterprise("Bukan Binaan", village1a)
		notBinaan.Binaan, notBinaan.BinaanSince = false, bina.Date{}
		nb := mustCreate(t, staff, s, notBinaan)
		archived := mustCreate(t, staff, s, newEnterprise("Diarsipkan", village1a))
		must(t, s.ArchiveEnterprise(staff, archived.ID, "tutup"))
		medium := newEnterprise("Menengah", village1a)
		medium.Capital, medium.Sales = 6_000_000_000, nil
		med := mustCreate(t, staff, s, medium)
		ok := mustCreate(t, staff, s, newEnterprise("Binaan", village2))
		must(t, s.IssueLetter(staff, trademarkLetter(ok.ID, "Bu Sri"), publicURL, pdf.Letter))

		for _, tc := range []struct {
			name string
			ctx  context.Context
			l    *coaching.Letter
			code bina.Code
		}{
			{"not binaan", staff, trademarkLetter(nb.ID, "X"), bina.Invalid},
			{"archived", staff, trademarkLetter(archived.ID, "X"), bina.Invalid},
			{"medium size", staff, trademarkLetter(med.ID, "X"), bina.Invalid},
			{"no mark name", staff, trademarkLetter(ok.ID, ""), bina.Invalid},
			{"class 46", staff, &coaching.Letter{EnterpriseID: ok.ID, Purpose: "merek_djki", MarkName: "Y", MarkGoods: "Z", MarkClasses: []int{46}}, bina.Invalid},
			{"unknown purpose", staff, &coaching.Letter{EnterpriseID: ok.ID, Purpose: "nikah"}, bina.Invalid},
			{"other without note", staff, &coaching.Letter{EnterpriseID: ok.ID, Purpose: "lainnya"}, bina.Invalid},
			{"valid until before issue", staff, &coaching.Letter{EnterpriseID: ok.ID, Purpose: "pembiayaan", ValidUntil: bina.DateOf(2026, 1, 1)}, bina.Invalid},
			{"same mark twice a year", staff, trademarkLetter(ok.ID, "bu sri"), bina.Conflict},
			{"unknown enterprise", staff, trademarkLetter(99999, "X"), bina.NotFound},
			{"viewer", as(bina.RoleViewer, ""), trademarkLetter(ok.ID, "Other"), bina.Forbidden},
			{"officer elsewhere", as(bina.RoleOfficer, "61.12.01"), trademarkLetter(ok.ID, "Other"), bina.NotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantCode(t, s.IssueLetter(tc.ctx, tc.l, publicURL, pdf.Letter), tc.code)
			})
		}
		// Refusals took no number: the next letter is the second.
		l := &coaching.Letter{EnterpriseID: ok.ID, Purpose: "fasilitasi_halal"}
		must(t, s.IssueLetter(staff, l, publicURL, pdf.Letter))
		if l.Serial != 2 {
			t.Errorf("serial after refusals %d, want 2", l.Serial)
		}
		// A render that fails gives its number back.
		fail := func(*coaching.Letter) ([]byte, error) { return nil, errors.New("printer on fire") }
		wantCode(t, s.IssueLetter(staff, &coaching.Letter{EnterpriseID: ok.ID, Purpose: "pembiayaan"}, publicURL, fail), bina.Internal)
		l = &coaching.Letter{EnterpriseID: ok.ID, Purpose: "pembiayaan"}
		must(t, s.IssueLetter(staff, l, publicURL, pdf.Letter))
		if l.Serial != 3 {
			t.Errorf("serial after a failed render %d, want 3", l.Serial)
		}
	})
}

func TestRevokeLetter(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		letterStore(t, s)
		e := mustCreate(t, staff, s, newEnterprise("Keripik", village1a))
		l := trademarkLetter(e.ID, "Bu Sri")
		must(t, s.IssueLetter(staff, l, publicURL, pdf.Letter))

		v, err := s.VerifyLetter(context.Background(), l.VerifyCode)
		must(t, err)
		if v.State != "valid" || v.Number != l.Number || v.OwnerInitials != "S. A." || v.SignatoryNIP != "19•••••• •••••• • 008" {
			t.Errorf("verification %+v", v)
		}
		raw, _ := json.Marshal(v)
		for _, secret := range []string{"6112014507850003", "0003", "3456", "Siti Aminah", "Adisucipto", "Kuala Dua", "19660420"} {
			if strings.Contains(string(raw), secret) {
				t.Errorf("the verification shows %q: %s", secret, raw)
			}
		}

		wantCode(t, s.RevokeLetter(staff, l.ID, "  "), bina.Invalid)
		wantCode(t, s.RevokeLetter(as(bina.RoleViewer, ""), l.ID, "salah"), bina.Forbidden)
		wantCode(t, s.RevokeLetter(as(bina.RoleOfficer, "61.12.02"), l.ID, "salah"), bina.NotFound)
		must(t, s.RevokeLetter(staff, l.ID, "Merek salah ketik"))
		wantCode(t, s.RevokeLetter(staff, l.ID, "lagi"), bina.Conflict)
		v, err = s.VerifyLetter(context.Background(), l.VerifyCode)
		must(t, err)
		if v.State != "revoked" || v.RevokedOn.IsZero() {
			t.Errorf("after revoking: %+v, want revoked", v)
		}
		got, err := s.FindLetter(staff, l.ID)
		must(t, err)
		if got.Number != l.Number || got.RevokeReason != "Merek salah ketik" || got.RevokedBy != "staff-user" {
			t.Errorf("revoked letter %+v", got)
		}
		// The same mark may have a new letter once the old one is revoked;
		// it takes a new number.
		l2 := trademarkLetter(e.ID, "Bu Sri")
		must(t, s.IssueLetter(staff, l2, publicURL, pdf.Letter))
		if l2.Serial != 2 {
			t.Errorf("serial after a revoke %d, want 2", l2.Serial)
		}
		_, err = s.VerifyLetter(context.Background(), "no-such-code")
		wantCode(t, err, bina.NotFound)
	})
}

func TestLetterSettings(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		admin := as(bina.RoleAdmin, "")
		_, err := s.LetterSettings(admin)
		wantCode(t, err, bina.NotFound)
		ready := func(want bool) {
			t.Helper()
			got, err := s.LettersReady(as(bina.RoleStaff, ""))
			if err != nil || got != want {
				t.Errorf("LettersReady = %v, %v; want %v", got, err, want)
			}
		}
		ready(false)
		for name, change := range map[string]func(*coaching.LetterSettings){
			"bad NIP":         func(x *coaching.LetterSettings) { x.Signatory.NIP = "1966042019920310" },
			"NIP gender 3":    func(x *coaching.LetterSettings) { x.Signatory.NIP = "19660420 199203 3 008" },
			"no serial":       func(x *coaching.LetterSettings) { x.NumberPattern = "500/DISKOP/{tahun}" },
			"no year":         func(x *coaching.LetterSettings) { x.NumberPattern = "500/{nomor}/DISKOP" },
			"odd characters":  func(x *coaching.LetterSettings) { x.NumberPattern = "500/{nomor}/<b>/{tahun}" },
			"no office":       func(x *coaching.LetterSettings) { x.Letterhead.Office = " " },
			"no signatory":    func(x *coaching.LetterSettings) { x.Signatory.Name = "" },
			"no effective on": func(x *coaching.LetterSettings) { x.EffectiveFrom = bina.Date{} },
		} {
			t.Run(name, func(t *testing.T) {
				set := letterSettings()
				change(&set)
				wantCode(t, s.SaveLetterSettings(admin, &set), bina.Invalid)
			})
		}
		set := letterSettings()
		wantCode(t, s.SaveLetterSettings(as(bina.RoleStaff, ""), &set), bina.Forbidden)
		_, err = s.LetterSettings(as(bina.RoleStaff, ""))
		wantCode(t, err, bina.Forbidden)
		must(t, s.SaveLetterSettings(admin, &set))
		ready(true)
		later := letterSettings()
		later.Signatory.Name, later.EffectiveFrom = "Pejabat Baru", bina.DateOf(2027, 1, 1)
		must(t, s.SaveLetterSettings(admin, &later))
		got, err := s.LetterSettings(admin)
		must(t, err)
		if got.Signatory.Name != "Ahmad Fauzi" || got.EffectiveFrom != bina.DateOf(2026, 1, 1) {
			t.Errorf("settings in effect %+v, want those of 2026 (2027's are not yet)", got)
		}
	})
}

// TestIssueLetterConcurrent issues letters from many goroutines at once:
// the numbers are 1..n, each once.
func TestIssueLetterConcurrent(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		letterStore(t, s)
		const n = 20
		ids := make([]int64, 4)
		for i := range ids {
			ids[i] = mustCreate(t, staff, s, newEnterprise(fmt.Sprintf("Usaha %d", i), village1a)).ID
		}
		serials := make([]int, n)
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Go(func() {
				l := trademarkLetter(ids[i%len(ids)], fmt.Sprintf("Merek %d", i))
				if err := s.IssueLetter(staff, l, publicURL, pdf.Letter); err != nil {
					errs <- err
					return
				}
				serials[i] = l.Serial
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		slices.Sort(serials)
		for i, got := range serials {
			if got != i+1 {
				t.Fatalf("serials %v, want 1..%d each once", serials, n)
			}
		}
	})
}
