package sqlstore

import (
	"bina/coaching"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"bina"
)

// The history actions of letters, recorded on their enterprise.
const (
	actionLetterIssue  = "letter_issue"
	actionLetterRevoke = "letter_revoke"
)

// letterZone is the time zone of the letter's date: the office signs on
// its own calendar day (Kalimantan Barat is UTC+7), not on UTC's.
var letterZone = time.FixedZone("WIB", 7*3600)

// letterToday returns the office's calendar day at now.
func letterToday(now time.Time) bina.Date { return bina.DateFromTime(now.In(letterZone)) }

// letterDocument is what a letter keeps of its day as JSON.
type letterDocument struct {
	Letterhead coaching.Letterhead     `json:"letterhead"`
	Business   coaching.LetterBusiness `json:"business"`
	Basis      []string                `json:"basis"`
}

const letterColumns = `l.id, l.enterprise_id, l.number, l.year, l.serial, l.purpose, l.purpose_note, l.mark_name, l.mark_goods,
	l.mark_classes, l.issued_on, l.valid_until, l.signatory_name, l.signatory_nip, l.signatory_rank, l.signatory_title,
	l.document, l.status, l.revoke_reason, l.revoked_at, l.revoked_by, l.verify_code, l.verify_url, l.pdf_sha256,
	l.issued_by, l.created_at`

func scanLetter(row interface{ Scan(...any) error }) (*coaching.Letter, error) {
	var l coaching.Letter
	var classes, doc string
	var revoked sql.NullTime
	err := row.Scan(&l.ID, &l.EnterpriseID, &l.Number, &l.Year, &l.Serial, &l.Purpose, &l.PurposeNote, &l.MarkName, &l.MarkGoods,
		&classes, &l.IssuedOn, &l.ValidUntil, &l.Signatory.Name, &l.Signatory.NIP, &l.Signatory.Rank, &l.Signatory.Title,
		&doc, &l.Status, &l.RevokeReason, &revoked, &l.RevokedBy, &l.VerifyCode, &l.VerifyURL, &l.PDFSHA256,
		&l.IssuedBy, &l.CreatedAt)
	if err != nil {
		return nil, err
	}
	for _, c := range strings.Split(classes, ",") {
		if n, err := strconv.Atoi(c); err == nil {
			l.MarkClasses = append(l.MarkClasses, n)
		}
	}
	var d letterDocument
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return nil, err
	}
	l.Letterhead, l.Business, l.Basis = d.Letterhead, d.Business, d.Basis
	l.CreatedAt = l.CreatedAt.UTC()
	if revoked.Valid {
		t := revoked.Time.UTC()
		l.RevokedAt = &t
	}
	return &l, nil
}

func errLetterNotFound() error {
	return notFoundf("Surat tidak ditemukan", "Letter not found")
}

// IssueLetter issues a Surat Keterangan UMK Binaan (see
// coaching.LetterService). The number comes from letter_counters: the upsert
// takes the year's row lock on PostgreSQL until the transaction ends, and
// SQLite has one writer, so two servers never get the same number and a
// failed issue gives its number back.
func (s *Store) IssueLetter(ctx context.Context, l *coaching.Letter, publicURL string, render coaching.LetterRenderer) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	now := s.now()
	today := letterToday(now)
	l.Normalize()
	if err := l.Validate(today); err != nil {
		return err
	}
	l.SetValidity(today)
	return s.write(ctx, func(tx *sql.Tx) error {
		e, err := s.lockEnterprise(ctx, tx, a, l.EnterpriseID)
		if err != nil {
			return err
		}
		if err := letterAllowed(e); err != nil {
			return err
		}
		set, err := s.settingsAt(ctx, tx, today)
		if bina.ErrorCode(err) == bina.NotFound {
			return invalidField("settings", "Pengaturan surat (kop, pola nomor, penandatangan) belum diisi admin", "The letter settings (letterhead, number pattern, signatory) have not been set by an admin")
		}
		if err != nil {
			return err
		}
		if l.Purpose == "merek_djki" {
			var n int
			err := tx.QueryRowContext(ctx, `SELECT count(*) FROM letters WHERE enterprise_id = $1 AND year = $2 AND purpose = 'merek_djki' AND status = 'valid' AND lower(mark_name) = lower($3)`,
				e.ID, today.Year(), l.MarkName).Scan(&n)
			if err != nil {
				return bina.Wrap(err, "check mark letters")
			}
			if n > 0 {
				return bina.Errorf(bina.Conflict, "Sudah ada surat yang berlaku untuk merek %q tahun %d; cabut dulu surat itu bila perlu yang baru", "A valid letter for the mark %q in %d exists; revoke it first if a new one is needed", l.MarkName, today.Year())
			}
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO letter_counters (year, last_number) VALUES ($1, 1)
			ON CONFLICT (year) DO UPDATE SET last_number = letter_counters.last_number + 1 RETURNING last_number`, today.Year()).Scan(&l.Serial)
		if err != nil {
			return bina.Wrap(err, "next letter number")
		}
		l.Year = today.Year()
		l.Number = set.Number(l.Serial, l.Year)
		l.Signatory, l.Letterhead = set.Signatory, set.Letterhead
		l.Business = s.letterBusiness(e)
		if len(l.Basis) == 0 {
			if l.Basis, err = letterBasis(ctx, tx, e.ID, e.BinaanSince); err != nil {
				return err
			}
		}
		l.Status, l.IssuedBy, l.CreatedAt = "valid", a.name(), now
		l.RevokeReason, l.RevokedAt, l.RevokedBy = "", nil, ""
		l.VerifyCode = randomToken(18) // 144 bits
		l.VerifyURL = strings.TrimRight(publicURL, "/") + "/verifikasi/" + l.VerifyCode
		pdf, err := render(l)
		if err != nil {
			return bina.Wrap(err, "render letter")
		}
		sum := sha256.Sum256(pdf)
		l.PDFSHA256 = hex.EncodeToString(sum[:])
		doc, err := json.Marshal(letterDocument{l.Letterhead, l.Business, l.Basis})
		if err != nil {
			return bina.Wrap(err, "letter document")
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO letters (enterprise_id, number, year, serial, purpose, purpose_note, mark_name, mark_goods,
			mark_classes, issued_on, valid_until, signatory_name, signatory_nip, signatory_rank, signatory_title, document, status,
			verify_code, verify_url, pdf_sha256, issued_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'valid', $17, $18, $19, $20, $21) RETURNING id`,
			e.ID, l.Number, l.Year, l.Serial, l.Purpose, l.PurposeNote, l.MarkName, l.MarkGoods, joinInts(l.MarkClasses),
			l.IssuedOn, l.ValidUntil, l.Signatory.Name, l.Signatory.NIP, l.Signatory.Rank, l.Signatory.Title, string(doc),
			l.VerifyCode, l.VerifyURL, l.PDFSHA256, l.IssuedBy, now).Scan(&l.ID)
		if s.d.isUnique(err) {
			return bina.Errorf(bina.Conflict, "Nomor surat %s sudah terpakai; periksa pola nomor di pengaturan surat", "Letter number %s is taken; check the number pattern in the letter settings", l.Number)
		}
		if err != nil {
			return bina.Wrap(err, "insert letter")
		}
		return s.record(ctx, tx, bina.EntityEnterprise, e.ID, now, a.name(), actionLetterIssue,
			[]bina.Change{{After: l.Number + " (" + l.Purpose + ")"}})
	})
}

// letterAllowed refuses a letter for a business that is archived, not
// binaan, or neither micro nor small.
func letterAllowed(e *bina.Enterprise) error {
	if e.ArchivedAt != nil {
		return invalidField("enterprise_id", "Usaha ini sudah diarsipkan; surat tidak dapat diterbitkan", "This business is archived; no letter can be issued")
	}
	if !e.Binaan {
		return invalidField("enterprise_id", "Usaha ini bukan usaha binaan, sehingga Surat Keterangan UMK Binaan tidak dapat diterbitkan. Catat dulu pembinaannya.", "This business is not coached by the office (not binaan), so no letter can be issued. Record its coaching first.")
	}
	if size := letterSize(e); size == "menengah" || size == "besar" {
		return invalidField("enterprise_id", "Surat ini hanya untuk usaha mikro dan kecil; skala usaha ini %s", "This letter is for micro and small businesses only; this business is %s", size)
	}
	return nil
}

// letterSize is the size a letter states: the computed one, else the
// owner's own.
func letterSize(e *bina.Enterprise) string {
	if e.SizeComputed != "" {
		return e.SizeComputed
	}
	return e.SizeReported
}

// letterBusiness is the business as a letter states it, its NIK masked.
func (s *Store) letterBusiness(e *bina.Enterprise) coaching.LetterBusiness {
	b := coaching.LetterBusiness{
		Name: e.Name, OwnerName: e.Owner.Name, OwnerNIK: coaching.MaskNIK(e.Owner.NIK), Address: e.Address,
		NIB: e.NIB, Size: letterSize(e),
	}
	if s.ref.Regions != nil {
		b.Village = s.ref.Regions.Path(e.VillageCode)
	}
	if k := e.MainKBLI(); k.Code != "" {
		b.KBLI = k.Code
		if entry, ok := s.ref.KBLI.Lookup(k); ok {
			b.KBLI += " " + entry.Title
		}
	}
	return b
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

// FindLetter returns one letter inside the actor's region.
func (s *Store) FindLetter(ctx context.Context, id int64) (*coaching.Letter, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var l *coaching.Letter
	err = s.read(ctx, func(tx *sql.Tx) error {
		var village bina.RegionCode
		l, village, err = s.loadLetter(ctx, tx, `l.id = $1`, id)
		if err == nil && !a.sees(village) {
			err = errLetterNotFound()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	maskLetter(a, l)
	return l, nil
}

// loadLetter reads the letter matching cond and its enterprise's village.
func (s *Store) loadLetter(ctx context.Context, q querier, cond string, arg any) (*coaching.Letter, bina.RegionCode, error) {
	var village bina.RegionCode
	row := q.QueryRowContext(ctx, `SELECT `+letterColumns+`, e.village_code FROM letters l JOIN enterprises e ON e.id = l.enterprise_id WHERE `+cond, arg)
	l, err := scanLetter(scanTail{row, &village})
	if err == sql.ErrNoRows {
		return nil, "", errLetterNotFound()
	}
	if err != nil {
		return nil, "", bina.Wrap(err, "load letter")
	}
	return l, village, nil
}

// scanTail scans a row whose last columns follow a letter's.
type scanTail struct {
	row  interface{ Scan(...any) error }
	tail *bina.RegionCode
}

func (t scanTail) Scan(dest ...any) error { return t.row.Scan(append(dest, t.tail)...) }

// maskLetter hides the business address of a home business from actors
// who may not see personal data; the NIK is masked in every letter.
func maskLetter(a actor, l *coaching.Letter) {
	if a.masked() {
		l.Business.Address = bina.Mask(l.Business.Address)
	}
}

// ListLetters returns the letters of one enterprise, newest first.
func (s *Store) ListLetters(ctx context.Context, enterpriseID int64) ([]coaching.Letter, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []coaching.Letter
	err = s.read(ctx, func(tx *sql.Tx) error {
		var village bina.RegionCode
		err := tx.QueryRowContext(ctx, `SELECT village_code FROM enterprises WHERE id = $1`, enterpriseID).Scan(&village)
		if err == sql.ErrNoRows || (err == nil && !a.sees(village)) {
			return errEnterpriseNotFound()
		}
		if err != nil {
			return bina.Wrap(err, "find enterprise")
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+letterColumns+` FROM letters l WHERE l.enterprise_id = $1 ORDER BY l.id DESC`, enterpriseID)
		if err != nil {
			return bina.Wrap(err, "list letters")
		}
		defer rows.Close()
		for rows.Next() {
			l, err := scanLetter(rows)
			if err != nil {
				return bina.Wrap(err, "list letters")
			}
			maskLetter(a, l)
			out = append(out, *l)
		}
		return bina.Wrap(rows.Err(), "list letters")
	})
	return out, err
}

// RevokeLetter revokes a letter with a reason, keeping its number.
func (s *Store) RevokeLetter(ctx context.Context, id int64, reason string) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalidField("reason", "Alasan pencabutan wajib diisi", "A reason for revoking is required")
	}
	if len([]rune(reason)) > 500 {
		return invalidField("reason", "Alasan paling panjang 500 huruf", "The reason is at most 500 characters")
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		l, village, err := s.loadLetter(ctx, tx, `l.id = $1`+s.d.forUpdate, id)
		if err == nil && !a.sees(village) {
			err = errLetterNotFound()
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE letters SET status = 'revoked', revoke_reason = $1, revoked_at = $2, revoked_by = $3 WHERE id = $4 AND status = 'valid'`,
			reason, now, a.name(), id)
		if err != nil {
			return bina.Wrap(err, "revoke letter")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bina.Errorf(bina.Conflict, "Surat %s sudah dicabut", "Letter %s is already revoked", l.Number)
		}
		return s.record(ctx, tx, bina.EntityEnterprise, l.EnterpriseID, now, a.name(), actionLetterRevoke,
			[]bina.Change{{Before: l.Number, After: reason}})
	})
}

// VerifyLetter returns the public facts of the letter with code. It reads
// no actor: the verification page is public, and LetterVerification holds
// nothing personal.
func (s *Store) VerifyLetter(ctx context.Context, code string) (*coaching.LetterVerification, error) {
	if code == "" || len(code) > 64 {
		return nil, errLetterNotFound()
	}
	var v coaching.LetterVerification
	err := s.read(ctx, func(tx *sql.Tx) error {
		l, _, err := s.loadLetter(ctx, tx, `l.verify_code = $1`, code)
		if err != nil {
			return err
		}
		v = l.Verification(letterToday(s.now()))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

const letterSettingsColumns = `id, effective_from, government, office, address, phone, email, website, city, number_pattern,
	signatory_name, signatory_nip, signatory_rank, signatory_title, created_by, created_at`

// settingsAt returns the settings in effect on day.
func (s *Store) settingsAt(ctx context.Context, q querier, day bina.Date) (*coaching.LetterSettings, error) {
	var set coaching.LetterSettings
	h, g := &set.Letterhead, &set.Signatory
	err := q.QueryRowContext(ctx, `SELECT `+letterSettingsColumns+` FROM letter_settings WHERE effective_from <= $1 ORDER BY effective_from DESC, id DESC LIMIT 1`, day).
		Scan(&set.ID, &set.EffectiveFrom, &h.Government, &h.Office, &h.Address, &h.Phone, &h.Email, &h.Website, &h.City,
			&set.NumberPattern, &g.Name, &g.NIP, &g.Rank, &g.Title, &set.CreatedBy, &set.CreatedAt)
	if err == sql.ErrNoRows {
		return nil, notFoundf("Pengaturan surat (kop, pola nomor, penandatangan) belum diisi admin", "The letter settings (letterhead, number pattern, signatory) have not been set by an admin")
	}
	if err != nil {
		return nil, bina.Wrap(err, "letter settings")
	}
	set.CreatedAt = set.CreatedAt.UTC()
	return &set, nil
}

// LettersReady reports whether letter settings are in effect today.
func (s *Store) LettersReady(ctx context.Context) (bool, error) {
	if _, err := s.actorOf(ctx); err != nil {
		return false, err
	}
	_, err := s.settingsAt(ctx, s.rdb, letterToday(s.now()))
	if bina.ErrorCode(err) == bina.NotFound {
		return false, nil
	}
	return err == nil, err
}

// LetterSettings returns the settings in effect today, for admins.
func (s *Store) LetterSettings(ctx context.Context) (*coaching.LetterSettings, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if !a.isAdmin() {
		return nil, errAdminOnly()
	}
	return s.settingsAt(ctx, s.rdb, letterToday(s.now()))
}

// SaveLetterSettings stores new letter settings; earlier ones are kept.
func (s *Store) SaveLetterSettings(ctx context.Context, set *coaching.LetterSettings) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() {
		return errAdminOnly()
	}
	set.Normalize()
	if err := set.Validate(); err != nil {
		return err
	}
	now := s.now()
	set.CreatedBy, set.CreatedAt = a.name(), now
	h, g := set.Letterhead, set.Signatory
	return s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO letter_settings (effective_from, government, office, address, phone, email, website, city,
			number_pattern, signatory_name, signatory_nip, signatory_rank, signatory_title, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
			set.EffectiveFrom, h.Government, h.Office, h.Address, h.Phone, h.Email, h.Website, h.City, set.NumberPattern,
			g.Name, g.NIP, g.Rank, g.Title, set.CreatedBy, now).Scan(&set.ID)
		return bina.Wrap(err, "save letter settings")
	})
}

func errAdminOnly() error {
	return bina.Errorf(bina.Forbidden, "Hanya admin yang boleh membuka pengaturan surat", "Only admins may open the letter settings")
}

// letterBasis writes the basis of a letter nobody wrote one for from the
// business's programmes and coaching sessions (coaching.LetterBasis).
func letterBasis(ctx context.Context, tx *sql.Tx, enterpriseID int64, since bina.Date) ([]string, error) {
	r := coaching.BinaanRecords{BinaanSince: since}
	var err error
	if r.Programmes, err = participations(ctx, tx, enterpriseID); err != nil {
		return nil, bina.Wrap(err, "letter basis")
	}
	err = tx.QueryRowContext(ctx, `SELECT count(*), max(held_on) FROM coaching_sessions WHERE enterprise_id = $1`, enterpriseID).Scan(&r.Sessions, &r.LastSession)
	if err != nil {
		return nil, bina.Wrap(err, "letter basis")
	}
	return coaching.LetterBasis(r), nil
}
