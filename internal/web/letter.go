package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
	"bina/coaching"
	"bina/internal/pdf"
)

// letterInputs are the fields of the letter form in the order it shows
// them.
var letterInputs = []string{"purpose", "purpose_note", "mark_name", "mark_goods", "mark_classes", "valid_until", "basis"}

// letterSettingsInputs are the fields of the letter settings form.
var letterSettingsInputs = []string{
	"letterhead.government", "letterhead.office", "letterhead.address", "letterhead.phone", "letterhead.email",
	"letterhead.website", "letterhead.city", "number_pattern", "signatory.name", "signatory.nip", "signatory.rank",
	"signatory.title", "effective_from",
}

// letterRow is one letter of the block with its state today.
type letterRow struct {
	coaching.Letter
	State string // coaching.LetterStates
}

// letterBlock is the "Surat Keterangan Binaan" block of an enterprise
// page (templates/enterprise/letters.html).
type letterBlock struct {
	EnterpriseID int64
	Rows         []letterRow
	CSRF         string
	CanIssue     bool   // the user may issue letters and the business is live
	Refusal      string // why this business cannot have a letter
	NoSettings   bool   // no letter settings in effect: an admin must set them first
	IsAdmin      bool
	Form         *form
	Purposes     bina.Options
	Open         bool // open the form (after a problem)
}

// letterBlock reads the letters of e for its page; nil without a letter
// service.
func (h *Handler) letterBlock(r *http.Request, e *bina.Enterprise, f *form) (*letterBlock, error) {
	if h.Letters == nil {
		return nil, nil
	}
	ls, err := h.Letters.ListLetters(r.Context(), e.ID)
	if err != nil {
		return nil, err
	}
	u := bina.UserFromContext(r.Context())
	lg := lang(r)
	b := &letterBlock{EnterpriseID: e.ID, IsAdmin: u.IsAdmin(), Purposes: coaching.LetterPurposes, Form: f, Open: f != nil}
	if s := bina.SessionFromContext(r.Context()); s != nil {
		b.CSRF = s.CSRF
	}
	today := h.letterToday()
	for _, l := range ls {
		b.Rows = append(b.Rows, letterRow{Letter: l, State: l.State(today)})
	}
	switch {
	case e.ArchivedAt != nil:
		b.Refusal = h.t(lg, "Usaha ini diarsipkan; surat keterangan tidak dapat diterbitkan.")
	case !e.Binaan:
		b.Refusal = h.t(lg, "Usaha ini belum tercatat sebagai usaha binaan, sehingga Surat Keterangan UMK Binaan tidak dapat diterbitkan. Catat dulu keikutsertaannya dalam program atau sesi pendampingan.")
	}
	if b.Refusal == "" && u.CanEdit() {
		ready, err := h.Letters.LettersReady(r.Context())
		if err != nil {
			return nil, err
		}
		b.NoSettings = !ready
	}
	b.CanIssue = u.CanEdit() && b.Refusal == "" && !b.NoSettings
	if b.Form == nil {
		b.Form = newForm(url.Values{"purpose": {"merek_djki"}}, letterInputs, nil)
	}
	return b, nil
}

// letterToday is the office's calendar day now, in its time zone.
func (h *Handler) letterToday() bina.Date { return bina.DateFromTime(h.Ref.Clock().In(h.zone())) }

// publicURL is where verification links start: the configured public
// address, or the one the request came to.
func (h *Handler) publicURL(r *http.Request) string {
	if h.PublicURL != "" {
		return h.PublicURL
	}
	return siteURL(r, h.SecureCookies)
}

// letterIssuePage shows the issue form again with its problems.
type letterIssuePage struct {
	layout
	E     *bina.Enterprise
	Block *letterBlock
}

// LetterIssue issues a letter from the enterprise page's form.
func (h *Handler) LetterIssue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil && h.Letters == nil {
		err = bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found.")
	}
	if err == nil {
		err = mustEdit(bina.UserFromContext(r.Context()))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	ps := &parser{v: r.PostForm}
	l := coaching.Letter{EnterpriseID: id, Purpose: ps.str("purpose"), PurposeNote: ps.str("purpose_note"),
		MarkName: ps.str("mark_name"), MarkGoods: ps.str("mark_goods"), Basis: strings.Split(ps.str("basis"), "\n")}
	if s := ps.str("valid_until"); s != "" && l.Purpose != "merek_djki" {
		l.ValidUntil = ps.date("valid_until")
	}
	classes, cerr := coaching.ParseMarkClasses(ps.str("mark_classes"))
	l.MarkClasses = classes
	if cerr != nil {
		ps.p.Add("mark_classes", "Tulis kelas merek sebagai angka, misalnya 29, 30", "Write the classes as numbers, such as 29, 30")
	}
	if len(ps.p.Fields) > 0 {
		// Show the form's other problems in the same answer.
		l.Normalize()
		for _, fe := range bina.ErrorFields(l.Validate(h.letterToday())) {
			if fe.Field != "mark_classes" || cerr == nil {
				ps.p.Fields = append(ps.p.Fields, fe)
			}
		}
	}
	err = ps.p.Err()
	if err == nil {
		err = h.Letters.IssueLetter(r.Context(), &l, h.publicURL(r), pdf.Letter)
	}
	if bina.ErrorCode(err) == bina.Invalid {
		e, ferr := h.Enterprises.FindEnterprise(r.Context(), id)
		if ferr != nil {
			h.Error(w, r, ferr)
			return
		}
		f := newForm(r.PostForm, letterInputs, nil)
		f.addProblems(fieldsOr(err, "purpose"), lang(r))
		b, berr := h.letterBlock(r, e, f)
		if berr != nil {
			h.Error(w, r, berr)
			return
		}
		p := &letterIssuePage{layout: h.newLayout(r, "Terbitkan surat keterangan", "umkm"), E: e, Block: b}
		h.render(w, r, http.StatusUnprocessableEntity, "letter/issue", p)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(id, 10)+"#surat", "letter-issued")
}

// findLetter reads the letter in the path.
func (h *Handler) findLetter(r *http.Request) (*coaching.Letter, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if h.Letters == nil {
		return nil, bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found.")
	}
	return h.Letters.FindLetter(r.Context(), id)
}

// letterRevokePage asks for the reason before a letter is revoked.
type letterRevokePage struct {
	layout
	L    *coaching.Letter
	Form *form
}

// LetterRevokeConfirm asks for the reason and a confirmation.
func (h *Handler) LetterRevokeConfirm(w http.ResponseWriter, r *http.Request) {
	h.revokePage(w, r, http.StatusOK, nil)
}

func (h *Handler) revokePage(w http.ResponseWriter, r *http.Request, status int, f *form) {
	l, err := h.findLetter(r)
	if err == nil {
		err = mustEdit(bina.UserFromContext(r.Context()))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if f == nil {
		f = newForm(nil, []string{"reason"}, nil)
	}
	p := &letterRevokePage{layout: h.newLayout(r, "Cabut surat keterangan", "umkm"), L: l, Form: f}
	h.render(w, r, status, "letter/revoke", p)
}

// LetterRevoke revokes a letter once confirmed with a reason.
func (h *Handler) LetterRevoke(w http.ResponseWriter, r *http.Request) {
	l, err := h.findLetter(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	err = h.Letters.RevokeLetter(r.Context(), l.ID, reason)
	if bina.ErrorCode(err) == bina.Invalid {
		f := newForm(url.Values{"reason": {reason}}, []string{"reason"}, nil)
		f.addProblems(fieldsOr(err, "reason"), lang(r))
		h.revokePage(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(l.EnterpriseID, 10)+"#surat", "letter-revoked")
}

// letterSettingsPage is the admin form of the letterhead, numbering and
// signatory.
type letterSettingsPage struct {
	layout
	Form    *form
	Current *coaching.LetterSettings // nil before the first save
	Example string                   // the next number as the pattern makes it
}

// LetterSettingsPage shows the letter settings in effect, for admins.
func (h *Handler) LetterSettingsPage(w http.ResponseWriter, r *http.Request) {
	if h.Letters == nil {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found."))
		return
	}
	cur, err := h.Letters.LetterSettings(r.Context())
	if err != nil && bina.ErrorCode(err) != bina.NotFound {
		h.Error(w, r, err)
		return
	}
	v := url.Values{"effective_from": {h.letterToday().String()}, "number_pattern": {"500.2.2/{nomor}/DISKOPUKM/{tahun}"}}
	if cur != nil {
		v = settingsValues(cur)
		v.Set("effective_from", h.letterToday().String())
	}
	h.renderSettings(w, r, http.StatusOK, newForm(v, letterSettingsInputs, nil), cur)
}

func (h *Handler) renderSettings(w http.ResponseWriter, r *http.Request, status int, f *form, cur *coaching.LetterSettings) {
	p := &letterSettingsPage{layout: h.newLayout(r, "Pengaturan surat keterangan", "surat"), Form: f, Current: cur}
	if cur != nil {
		p.Example = cur.Number(1, h.letterToday().Year())
	}
	h.render(w, r, status, "letter/settings", p)
}

// settingsValues are the form values of s.
func settingsValues(s *coaching.LetterSettings) url.Values {
	h, g := s.Letterhead, s.Signatory
	return url.Values{
		"letterhead.government": {h.Government}, "letterhead.office": {h.Office}, "letterhead.address": {h.Address},
		"letterhead.phone": {h.Phone}, "letterhead.email": {h.Email}, "letterhead.website": {h.Website},
		"letterhead.city": {h.City}, "number_pattern": {s.NumberPattern}, "signatory.name": {g.Name},
		"signatory.nip": {g.NIP}, "signatory.rank": {g.Rank}, "signatory.title": {g.Title},
		"effective_from": {s.EffectiveFrom.String()},
	}
}

// LetterSettingsSave stores new letter settings.
func (h *Handler) LetterSettingsSave(w http.ResponseWriter, r *http.Request) {
	if h.Letters == nil {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found."))
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	ps := &parser{v: r.PostForm}
	s := coaching.LetterSettings{
		Letterhead: coaching.Letterhead{Government: ps.str("letterhead.government"), Office: ps.str("letterhead.office"),
			Address: ps.str("letterhead.address"), Phone: ps.str("letterhead.phone"), Email: ps.str("letterhead.email"),
			Website: ps.str("letterhead.website"), City: ps.str("letterhead.city")},
		NumberPattern: ps.str("number_pattern"),
		Signatory: coaching.Signatory{Name: ps.str("signatory.name"), NIP: ps.str("signatory.nip"),
			Rank: ps.str("signatory.rank"), Title: ps.str("signatory.title")},
		EffectiveFrom: ps.date("effective_from"),
	}
	err := ps.p.Err()
	if err == nil {
		err = h.Letters.SaveLetterSettings(r.Context(), &s)
	}
	if bina.ErrorCode(err) == bina.Invalid {
		f := newForm(r.PostForm, letterSettingsInputs, nil)
		f.addProblems(bina.ErrorFields(err), lang(r))
		cur, _ := h.Letters.LetterSettings(r.Context())
		h.renderSettings(w, r, http.StatusUnprocessableEntity, f, cur)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/pengaturan/surat", "letter-settings-saved")
}

// letterVerifyPage is the public verification page of a letter.
type letterVerifyPage struct {
	layout
	V       *coaching.LetterVerification
	State   string // the state's label: VALID, DICABUT, KEDALUWARSA
	Purpose string // the purpose's label
}

// LetterVerify is the public page a letter's QR code opens: the letter's
// number, date, business, signer and state, nothing personal; 404 for an
// unknown code.
func (h *Handler) LetterVerify(w http.ResponseWriter, r *http.Request) {
	p := &letterVerifyPage{layout: h.newLayout(r, "Verifikasi surat keterangan", "")}
	status := http.StatusOK
	var err error
	if h.Letters == nil {
		err = bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found.")
	} else {
		p.V, err = h.Letters.VerifyLetter(r.Context(), r.PathValue("code"))
	}
	switch {
	case bina.ErrorCode(err) == bina.NotFound:
		status = http.StatusNotFound
	case err != nil:
		h.Error(w, r, err)
		return
	default:
		p.State = coaching.LetterStates.Label(p.V.State, p.Lang)
		p.Purpose = coaching.LetterPurposes.Label(p.V.Purpose, p.Lang)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	h.render(w, r, status, "letter/verify", p)
}
