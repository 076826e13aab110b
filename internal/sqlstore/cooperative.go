package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"bina"
)

// cooperativeColumns are the stored columns of a cooperative row, in the
// order of cooperativeValues.
var cooperativeColumns = []string{
	"name", "sort_name", "search_words", "registration_number", "certificate_date", "certificate_expiry", "legal_number", "legal_date",
	"npwp", "nib", "savings_license", "jenis", "bentuk", "pola", "kelompok", "kbli_version", "kbli_code", "address",
	"village_code", "district_code", "latitude", "longitude", "members_female", "members_male", "employees_female", "employees_male",
	"kdmp", "verification", "source", "source_id", "notes", "last_rat_year", "created_at", "updated_at", "version", "archived_at", "archive_reason",
}

func cooperativeValues(c *bina.Cooperative) []any {
	return []any{
		c.Name, sortName(c.Name), " " + recordWords(c.Name) + " ", c.RegistrationNumber, c.CertificateDate, c.CertificateExpiry, c.LegalNumber, c.LegalDate,
		c.NPWP, c.NIB, c.SavingsLicense, c.Jenis, c.Bentuk, c.Pola, c.Kelompok, string(c.KBLI.Version), c.KBLI.Code, c.Address,
		string(c.VillageCode), districtOf(c.VillageCode), floatArg(c.Latitude), floatArg(c.Longitude), c.MembersFemale, c.MembersMale, c.EmployeesFemale, c.EmployeesMale,
		c.KDMP, c.Verification, c.Source, c.SourceID, c.Notes, c.LastRATYear, c.CreatedAt.UTC(), c.UpdatedAt.UTC(), c.Version, timeArg(c.ArchivedAt), c.ArchiveReason,
	}
}

const cooperativeSelect = `SELECT c.id, c.name, c.registration_number, c.certificate_date, c.certificate_expiry, c.legal_number, c.legal_date,
	c.npwp, c.nib, c.savings_license, c.jenis, c.bentuk, c.pola, c.kelompok, c.kbli_version, c.kbli_code, c.address,
	c.village_code, c.latitude, c.longitude, c.members_female, c.members_male, c.employees_female, c.employees_male,
	c.kdmp, c.verification, c.source, c.source_id, c.notes, c.last_rat_year, c.created_at, c.updated_at, c.version, c.archived_at, c.archive_reason,
	c.sort_name
FROM cooperatives c`

// scanCooperative reads a row of cooperativeSelect and computes Active at now.
func (s *Store) scanCooperative(sc scanner, now time.Time) (*bina.Cooperative, keyOf, error) {
	var (
		c        bina.Cooperative
		version  string
		village  string
		lat, lon sql.NullFloat64
		archived sql.NullTime
		sortKey  string
	)
	err := sc.Scan(&c.ID, &c.Name, &c.RegistrationNumber, &c.CertificateDate, &c.CertificateExpiry, &c.LegalNumber, &c.LegalDate,
		&c.NPWP, &c.NIB, &c.SavingsLicense, &c.Jenis, &c.Bentuk, &c.Pola, &c.Kelompok, &version, &c.KBLI.Code, &c.Address,
		&village, &lat, &lon, &c.MembersFemale, &c.MembersMale, &c.EmployeesFemale, &c.EmployeesMale,
		&c.KDMP, &c.Verification, &c.Source, &c.SourceID, &c.Notes, &c.LastRATYear, &c.CreatedAt, &c.UpdatedAt, &c.Version, &archived, &c.ArchiveReason,
		&sortKey)
	if err != nil {
		return nil, keyOf{}, err
	}
	c.KBLI.Version = bina.KBLIVersion(version)
	c.VillageCode = bina.RegionCode(village)
	c.Latitude, c.Longitude = nullFloat(lat), nullFloat(lon)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	c.ArchivedAt = timePtr(archived)
	c.Active = bina.ActiveCooperative(c.LastRATYear, now, s.ref.Config.RATTolerance)
	return &c, keyOf{sortName: sortKey, updated: c.UpdatedAt, id: c.ID}, nil
}

func errCooperativeNotFound() error {
	return notFoundf("Koperasi tidak ditemukan", "Cooperative not found")
}

// loadCooperative reads one cooperative with its amendments, officers and
// units (and RATs when rats is set), locking it on PostgreSQL when lock is
// set. Errors: NotFound.
func (s *Store) loadCooperative(ctx context.Context, q querier, id int64, now time.Time, lock, rats bool) (*bina.Cooperative, error) {
	query := cooperativeSelect + ` WHERE c.id = $1`
	if lock {
		query += s.d.forUpdate
	}
	c, _, err := s.scanCooperative(q.QueryRowContext(ctx, query, id), now)
	if err == sql.ErrNoRows {
		return nil, errCooperativeNotFound()
	}
	if err != nil {
		return nil, bina.Wrap(err, "load cooperative")
	}
	if err := s.loadCooperativeChildren(ctx, q, []*bina.Cooperative{c}); err != nil {
		return nil, err
	}
	if rats {
		if c.RATs, err = loadRATs(ctx, q, id); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// loadCooperativeChildren fills amendments, officers and units of cs.
func (s *Store) loadCooperativeChildren(ctx context.Context, q querier, cs []*bina.Cooperative) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*bina.Cooperative, len(cs))
	ids := make([]any, len(cs))
	for i, c := range cs {
		byID[c.ID] = c
		ids[i] = c.ID
	}
	var p params
	in := p.list(ids...)
	each := func(query string, scan func(rows *sql.Rows) error) error {
		rows, err := q.QueryContext(ctx, query, p.args...)
		if err != nil {
			return bina.Wrap(err, "load cooperative details")
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return bina.Wrap(err, "load cooperative details")
			}
		}
		return bina.Wrap(rows.Err(), "load cooperative details")
	}
	err := each(`SELECT cooperative_id, number, date, note FROM cooperative_amendments WHERE cooperative_id IN (`+in+`) ORDER BY cooperative_id, position`, func(rows *sql.Rows) error {
		var id int64
		var a bina.Amendment
		if err := rows.Scan(&id, &a.Number, &a.Date, &a.Note); err != nil {
			return err
		}
		byID[id].Amendments = append(byID[id].Amendments, a)
		return nil
	})
	if err != nil {
		return err
	}
	err = each(`SELECT cooperative_id, name, role, gender, phone, term_start, term_end FROM cooperative_officers WHERE cooperative_id IN (`+in+`) ORDER BY cooperative_id, position`, func(rows *sql.Rows) error {
		var id int64
		var o bina.Officer
		if err := rows.Scan(&id, &o.Name, &o.Role, &o.Gender, &o.Phone, &o.TermStart, &o.TermEnd); err != nil {
			return err
		}
		byID[id].Officers = append(byID[id].Officers, o)
		return nil
	})
	if err != nil {
		return err
	}
	return each(`SELECT cooperative_id, name, kind FROM cooperative_units WHERE cooperative_id IN (`+in+`) ORDER BY cooperative_id, position`, func(rows *sql.Rows) error {
		var id int64
		var u bina.BusinessUnit
		if err := rows.Scan(&id, &u.Name, &u.Kind); err != nil {
			return err
		}
		byID[id].Units = append(byID[id].Units, u)
		return nil
	})
}

// ratColumns are the stored columns of a RAT, in the order of ratValues
// and of scanRAT.
var ratColumns = []string{
	"book_year", "held_on", "reported_on", "members_present", "members_female", "members_male", "prospective_members",
	"employees_female", "employees_male", "managers_female", "managers_male", "simpanan_pokok", "simpanan_wajib",
	"reserves", "grants", "borrowed_capital", "equity_participation", "assets", "savings_received", "loans_given",
	"business_volume", "shu", "has_business_license", "health_assessed", "health_result",
}

func ratValues(r *bina.RAT) []any {
	return []any{
		r.BookYear, r.HeldOn, r.ReportedOn, r.MembersPresent, r.MembersFemale, r.MembersMale, r.Prospective,
		r.EmployeesFemale, r.EmployeesMale, r.ManagersFemale, r.ManagersMale, r.SimpananPokok, r.SimpananWajib,
		r.Reserves, r.Grants, r.BorrowedCapital, r.EquityParticipation, r.Assets, r.SavingsReceived, r.LoansGiven,
		r.BusinessVolume, r.SHU, r.HasBusinessLicense, r.HealthAssessed, r.HealthResult,
	}
}

func scanRAT(sc scanner) (bina.RAT, error) {
	var r bina.RAT
	err := sc.Scan(&r.BookYear, &r.HeldOn, &r.ReportedOn, &r.MembersPresent, &r.MembersFemale, &r.MembersMale, &r.Prospective,
		&r.EmployeesFemale, &r.EmployeesMale, &r.ManagersFemale, &r.ManagersMale, &r.SimpananPokok, &r.SimpananWajib,
		&r.Reserves, &r.Grants, &r.BorrowedCapital, &r.EquityParticipation, &r.Assets, &r.SavingsReceived, &r.LoansGiven,
		&r.BusinessVolume, &r.SHU, &r.HasBusinessLicense, &r.HealthAssessed, &r.HealthResult)
	return r, err
}

// loadRATs returns the RATs of a cooperative, newest first.
func loadRATs(ctx context.Context, q querier, id int64) ([]bina.RAT, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(ratColumns, ", ")+` FROM rats WHERE cooperative_id = $1 ORDER BY book_year DESC`, id)
	if err != nil {
		return nil, bina.Wrap(err, "load rats")
	}
	defer rows.Close()
	var out []bina.RAT
	for rows.Next() {
		r, err := scanRAT(rows)
		if err != nil {
			return nil, bina.Wrap(err, "load rats")
		}
		out = append(out, r)
	}
	return out, bina.Wrap(rows.Err(), "load rats")
}

// maskOfficers hides officers' phones.
func maskOfficers(c *bina.Cooperative) {
	for i := range c.Officers {
		c.Officers[i].Phone = bina.Mask(c.Officers[i].Phone)
	}
}

func hasOfficerPhones(c *bina.Cooperative) bool {
	return slices.ContainsFunc(c.Officers, func(o bina.Officer) bool { return o.Phone != "" })
}

// FindCooperative returns one cooperative with its RAT records, Active and
// LastRATYear set. Officers' phones are masked for actors who may not see
// personal data; a signed-in actor who sees them is written to the access
// log.
func (s *Store) FindCooperative(ctx context.Context, id int64) (*bina.Cooperative, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var c *bina.Cooperative
	find := func(tx *sql.Tx) error {
		var err error
		if c, err = s.loadCooperative(ctx, tx, id, now, false, true); err != nil {
			return err
		}
		if !a.seesCooperative(c.ID, c.VillageCode) {
			return errCooperativeNotFound()
		}
		if a.logsAccess() && hasOfficerPhones(c) {
			return s.logAccess(ctx, tx, a, bina.EntityCooperative, id, now)
		}
		return nil
	}
	if a.logsAccess() {
		err = s.write(ctx, find)
	} else {
		err = s.read(ctx, find)
	}
	if err != nil {
		return nil, err
	}
	if a.masked() {
		maskOfficers(c)
	}
	return c, nil
}

// kelompoks reads the office's list of cooperative groups.
func kelompoks(ctx context.Context, q querier) (bina.Options, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, label_id, label_en FROM kelompoks ORDER BY position, code`)
	if err != nil {
		return nil, bina.Wrap(err, "read kelompoks")
	}
	defer rows.Close()
	var out bina.Options
	for rows.Next() {
		var o bina.Option
		if err := rows.Scan(&o.Code, &o.ID, &o.EN); err != nil {
			return nil, bina.Wrap(err, "read kelompoks")
		}
		out = append(out, o)
	}
	return out, bina.Wrap(rows.Err(), "read kelompoks")
}

// Kelompoks returns the office's list of cooperative groups.
func (s *Store) Kelompoks(ctx context.Context) (bina.Options, error) {
	if _, err := s.actorOf(ctx); err != nil {
		return nil, err
	}
	var out bina.Options
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = kelompoks(ctx, tx)
		return err
	})
	return out, err
}

var kelompokCode = regexp.MustCompile(`^[a-z0-9_]{2,32}$`)

// AddKelompok extends the list of cooperative groups (admins only).
func (s *Store) AddKelompok(ctx context.Context, o bina.Option) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() {
		return bina.Errorf(bina.Forbidden, "Hanya administrator yang dapat menambah kelompok koperasi", "Only administrators may add cooperative groups")
	}
	o.Code, o.ID, o.EN = strings.TrimSpace(o.Code), strings.TrimSpace(o.ID), strings.TrimSpace(o.EN)
	var p bina.Problems
	if !kelompokCode.MatchString(o.Code) {
		p.Add("code", "Kode kelompok 2-32 huruf kecil, angka atau garis bawah", "Group code must be 2-32 lower-case letters, digits or underscores")
	}
	if o.ID == "" {
		p.Add("id", "Nama kelompok wajib diisi", "Group name is required")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if o.EN == "" {
		o.EN = o.ID
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO kelompoks (code, label_id, label_en, position) SELECT $1, $2, $3, COALESCE(max(position), -1) + 1 FROM kelompoks`, o.Code, o.ID, o.EN)
		if s.d.isUnique(err) {
			return bina.Errorf(bina.Conflict, "Kelompok %s sudah ada", "Group %s already exists", o.Code)
		}
		return bina.Wrap(err, "add kelompok")
	})
}

// prepareCooperative normalizes and validates c against the current groups.
func (s *Store) prepareCooperative(ctx context.Context, tx *sql.Tx, c *bina.Cooperative) error {
	ks, err := kelompoks(ctx, tx)
	if err != nil {
		return err
	}
	return c.Validate(s.ref, ks)
}

// CreateCooperative validates c and stores it with its amendments,
// officers and units; RATs are saved with SaveRAT.
func (s *Store) CreateCooperative(ctx context.Context, c *bina.Cooperative) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	c.Normalize()
	now := s.now()
	x := *c
	x.CreatedAt, x.UpdatedAt, x.Version, x.ArchivedAt, x.ArchiveReason = now, now, 1, nil, ""
	x.RATs, x.LastRATYear = nil, 0
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := s.prepareCooperative(ctx, tx, &x); err != nil {
			return err
		}
		if !a.sees(x.VillageCode) {
			return outOfScope(x.VillageCode)
		}
		return s.insertCooperativeTx(ctx, tx, &x, now, a.name())
	})
	if err != nil {
		return err
	}
	x.Active = bina.ActiveCooperative(x.LastRATYear, now, s.ref.Config.RATTolerance)
	*c = x
	return nil
}

// cooperativeWriteError turns a foreign-key violation (a group removed
// meanwhile) into Invalid.
func (s *Store) cooperativeWriteError(err error, what string) error {
	if s.d.isForeignKey(err) {
		return invalidField("kelompok", "Kelompok koperasi tidak dikenal", "Unknown cooperative group")
	}
	return bina.Wrap(err, what)
}

// writeCooperativeChildren replaces the amendments, officers and/or units.
func writeCooperativeChildren(ctx context.Context, tx *sql.Tx, c *bina.Cooperative, amendments, officers, units bool) error {
	replace := func(table string, n int, cols string, row func(i int) []any) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE cooperative_id = $1`, c.ID); err != nil {
			return bina.Wrap(err, "write "+table)
		}
		for i := range n {
			vals := append([]any{c.ID, i}, row(i)...)
			var p params
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (cooperative_id, position, `+cols+`) VALUES (`+p.list(vals...)+`)`, p.args...); err != nil {
				return bina.Wrap(err, "write "+table)
			}
		}
		return nil
	}
	if amendments {
		err := replace("cooperative_amendments", len(c.Amendments), "number, date, note", func(i int) []any {
			a := c.Amendments[i]
			return []any{a.Number, a.Date, a.Note}
		})
		if err != nil {
			return err
		}
	}
	if officers {
		err := replace("cooperative_officers", len(c.Officers), "name, role, gender, phone, term_start, term_end", func(i int) []any {
			o := c.Officers[i]
			return []any{o.Name, o.Role, o.Gender, o.Phone, o.TermStart, o.TermEnd}
		})
		if err != nil {
			return err
		}
	}
	if units {
		return replace("cooperative_units", len(c.Units), "name, kind", func(i int) []any {
			u := c.Units[i]
			return []any{u.Name, u.Kind}
		})
	}
	return nil
}

// lockCooperative loads a cooperative for a change by a, hiding records
// outside the actor's scope.
func (s *Store) lockCooperative(ctx context.Context, tx *sql.Tx, a actor, id int64, now time.Time) (*bina.Cooperative, error) {
	old, err := s.loadCooperative(ctx, tx, id, now, true, false)
	if err != nil {
		return nil, err
	}
	if !a.seesCooperative(old.ID, old.VillageCode) {
		return nil, errCooperativeNotFound()
	}
	return old, nil
}

// UpdateCooperative replaces cooperative c.ID when its stored version
// equals c.Version; RAT records (and the last RAT year) stay as they are.
func (s *Store) UpdateCooperative(ctx context.Context, c *bina.Cooperative) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	c.Normalize()
	now := s.now()
	x := *c
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := s.prepareCooperative(ctx, tx, &x); err != nil {
			return err
		}
		old, err := s.lockCooperative(ctx, tx, a, x.ID, now)
		if err != nil {
			return err
		}
		if !a.sees(x.VillageCode) {
			return outOfScope(x.VillageCode)
		}
		if old.ArchivedAt != nil {
			return bina.Errorf(bina.Conflict, "Koperasi ini sudah diarsipkan; pulihkan dulu sebelum mengubahnya", "This cooperative is archived; restore it before changing it")
		}
		if old.Version != x.Version {
			return errChanged()
		}
		_, err = s.updateCooperativeTx(ctx, tx, old, &x, now, a.name())
		return err
	})
	if err != nil {
		return err
	}
	x.Active = bina.ActiveCooperative(x.LastRATYear, now, s.ref.Config.RATTolerance)
	*c = x
	return nil
}

// ArchiveCooperative archives a cooperative with a reason.
func (s *Store) ArchiveCooperative(ctx context.Context, id int64, reason string) error {
	return s.setCooperativeArchived(ctx, id, strings.TrimSpace(reason), true)
}

// RestoreCooperative brings an archived cooperative back.
func (s *Store) RestoreCooperative(ctx context.Context, id int64) error {
	return s.setCooperativeArchived(ctx, id, "", false)
}

func (s *Store) setCooperativeArchived(ctx context.Context, id int64, reason string, archive bool) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	if archive && reason == "" {
		return invalidField("reason", "Alasan pengarsipan wajib diisi", "A reason for archiving is required")
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := s.lockCooperative(ctx, tx, a, id, now)
		if err != nil {
			return err
		}
		if err := s.archive(ctx, tx, "cooperatives", old.ArchivedAt != nil, id, old.Version, reason, archive, now); err != nil {
			return err
		}
		if err := s.keepCoopFigures(ctx, tx, id, 0); err != nil {
			return err
		}
		action, c := actionRestore, bina.Change{Before: old.ArchiveReason}
		if archive {
			action, c = actionArchive, bina.Change{After: reason}
		}
		return s.record(ctx, tx, bina.EntityCooperative, id, now, a.name(), action, []bina.Change{c})
	})
}

// SaveRAT creates or replaces the RAT of r.BookYear, recomputes the last
// RAT year, raises the cooperative's version and records each changed
// figure in the history (action "rat", fields "rat.<year>.<name>").
func (s *Store) SaveRAT(ctx context.Context, cooperativeID int64, r bina.RAT) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	now := s.now()
	if err := r.Validate(now); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := s.lockCooperative(ctx, tx, a, cooperativeID, now)
		if err != nil {
			return err
		}
		return s.saveRATTx(ctx, tx, old, r, now, a.name())
	})
}

// saveRATTx creates or replaces the RAT of r.BookYear for old (the locked
// cooperative) in tx, by who: SaveRAT, and the annual reports when they are
// submitted or accepted, so that both paths keep the last RAT year alike.
func (s *Store) saveRATTx(ctx context.Context, tx *sql.Tx, old *bina.Cooperative, r bina.RAT, now time.Time, who string) error {
	cooperativeID := old.ID
	var before []field
	prev, err := scanRAT(tx.QueryRowContext(ctx, `SELECT `+strings.Join(ratColumns, ", ")+` FROM rats WHERE cooperative_id = $1 AND book_year = $2`, cooperativeID, r.BookYear))
	switch {
	case err == nil:
		before = ratFields(&prev)
	case err != sql.ErrNoRows:
		return bina.Wrap(err, "load rat")
	}
	changes := diffFields(before, ratFields(&r))
	if len(changes) == 0 && before != nil {
		return nil
	}
	cols := append([]string{"cooperative_id"}, ratColumns...)
	set := make([]string, 0, len(ratColumns))
	for _, c := range ratColumns[1:] {
		set = append(set, c+" = excluded."+c)
	}
	_, err = tx.ExecContext(ctx, s.d.insertSQL("rats", cols, nil, 1)+` ON CONFLICT (cooperative_id, book_year) DO UPDATE SET `+strings.Join(set, ", "),
		append([]any{cooperativeID}, ratValues(&r)...)...)
	if err != nil {
		return bina.Wrap(err, "save rat")
	}
	res, err := tx.ExecContext(ctx, `UPDATE cooperatives SET last_rat_year = (SELECT COALESCE(max(book_year), 0) FROM rats WHERE cooperative_id = $1 AND held_on IS NOT NULL),
	version = version + 1, updated_at = $2 WHERE id = $1 AND version = $3`, cooperativeID, now, old.Version)
	if err != nil {
		return bina.Wrap(err, "save rat")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errChanged()
	}
	if err := s.keepCoopCount(ctx, tx, cooperativeID); err != nil { // the last RAT year may have moved
		return err
	}
	if len(changes) == 0 { // a new, empty record
		changes = []bina.Change{{Field: fmt.Sprintf("rat.%d", r.BookYear)}}
	}
	return s.record(ctx, tx, bina.EntityCooperative, cooperativeID, now, who, actionRAT, changes)
}

// ratFields lists the figures of a RAT that the history compares.
func ratFields(r *bina.RAT) []field {
	pre := fmt.Sprintf("rat.%d.", r.BookYear)
	fs := []field{
		{"held_on", dateText(r.HeldOn)}, {"reported_on", dateText(r.ReportedOn)},
		{"members_present", itoa(r.MembersPresent)}, {"members_female", itoa(r.MembersFemale)}, {"members_male", itoa(r.MembersMale)},
		{"prospective_members", itoa(r.Prospective)}, {"employees_female", itoa(r.EmployeesFemale)}, {"employees_male", itoa(r.EmployeesMale)},
		{"managers_female", itoa(r.ManagersFemale)}, {"managers_male", itoa(r.ManagersMale)},
		{"simpanan_pokok", i64(r.SimpananPokok)}, {"simpanan_wajib", i64(r.SimpananWajib)}, {"reserves", i64(r.Reserves)},
		{"grants", i64(r.Grants)}, {"borrowed_capital", i64(r.BorrowedCapital)}, {"equity_participation", i64(r.EquityParticipation)},
		{"assets", i64(r.Assets)}, {"savings_received", i64(r.SavingsReceived)}, {"loans_given", i64(r.LoansGiven)},
		{"business_volume", i64(r.BusinessVolume)}, {"shu", i64(r.SHU)}, {"has_business_license", boolText(r.HasBusinessLicense)},
		{"health_assessed", boolText(r.HealthAssessed)}, {"health_result", r.HealthResult},
	}
	for i := range fs {
		fs[i].name = pre + fs[i].name
		if fs[i].value == "0" || fs[i].value == "false" {
			fs[i].value = "" // a new record lists only what was filled in
		}
	}
	return fs
}

// cooperativeFields lists the fields of x that the history compares.
func cooperativeFields(x *bina.Cooperative) []field { return recordFields(cooperativeTable, x) }

// cooperativeTable is bina's table of the fields, read once.
var cooperativeTable = bina.CooperativeTable()

// CooperativeCounts returns live cooperatives per kecamatan inside the
// actor's region, with how many are active (bina.ActiveSinceBookYear) and
// how many are KDMP: one grouped query, as cooperatives are few.
func (s *Store) CooperativeCounts(ctx context.Context) ([]bina.CooperativeCount, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var p params
	since := p.add(bina.ActiveSinceBookYear(s.now(), s.ref.Config.RATTolerance))
	conds := s.regionCond([]string{"c.archived_at IS NULL"}, &p, "c", a.scope)
	village, group := "''", "c.district_code" // per desa for an area of one kecamatan or less (byVillage)
	if byVillage(a.scope) {
		village, group = "c.village_code", "c.district_code, c.village_code"
	}
	query := `SELECT c.district_code, ` + village + `, count(*), COALESCE(sum(CASE WHEN c.last_rat_year >= ` + since + ` AND c.last_rat_year > 0 THEN 1 ELSE 0 END), 0),
	COALESCE(sum(CASE WHEN c.kdmp THEN 1 ELSE 0 END), 0)
FROM cooperatives c` + where(conds) + ` GROUP BY ` + group + ` ORDER BY ` + group
	var out []bina.CooperativeCount
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, p.args...)
		if err != nil {
			return bina.Wrap(err, "count cooperatives")
		}
		defer rows.Close()
		for rows.Next() {
			var c bina.CooperativeCount
			if err := rows.Scan(&c.District, &c.Village, &c.Total, &c.Active, &c.KDMP); err != nil {
				return bina.Wrap(err, "count cooperatives")
			}
			out = append(out, c)
		}
		return bina.Wrap(rows.Err(), "count cooperatives")
	})
	return out, err
}

// updateCooperativeTx writes x over old (the locked, live stored record) in
// tx, with one history row per changed field by who; RAT records stay as
// they are. It returns the changes; none means nothing was written.
// Imports call it for their updates.
func (s *Store) updateCooperativeTx(ctx context.Context, tx *sql.Tx, old, x *bina.Cooperative, now time.Time, who string) ([]bina.Change, error) {
	x.CreatedAt, x.UpdatedAt, x.Version, x.ArchivedAt, x.ArchiveReason = old.CreatedAt, old.UpdatedAt, old.Version, nil, ""
	x.LastRATYear, x.RATs = old.LastRATYear, nil
	changes := diffFields(cooperativeFields(old), cooperativeFields(x))
	if len(changes) == 0 {
		return nil, nil
	}
	x.UpdatedAt, x.Version = now, old.Version+1
	var p params
	vals := cooperativeValues(x)
	set := make([]string, len(cooperativeColumns))
	for i, col := range cooperativeColumns {
		set[i] = col + " = " + p.add(vals[i])
	}
	res, err := tx.ExecContext(ctx, `UPDATE cooperatives SET `+strings.Join(set, ", ")+` WHERE id = `+p.add(x.ID)+` AND version = `+p.add(old.Version), p.args...)
	if err != nil {
		return nil, s.cooperativeWriteError(err, "update cooperative")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, errChanged()
	}
	changed := map[string]bool{}
	for _, ch := range changes {
		changed[ch.Field] = true
	}
	if err := writeCooperativeChildren(ctx, tx, x, changed["amendments"], changed["officers"], changed["units"]); err != nil {
		return nil, err
	}
	if err := s.keepCoopFigures(ctx, tx, x.ID, 0); err != nil {
		return nil, err
	}
	return changes, s.record(ctx, tx, bina.EntityCooperative, x.ID, now, who, actionUpdate, changes)
}

// insertCooperativeTx stores a new cooperative with its amendments,
// officers and units, sets x.ID and records a "create" by who. Imports
// call it for the cooperatives they create.
func (s *Store) insertCooperativeTx(ctx context.Context, tx *sql.Tx, x *bina.Cooperative, now time.Time, who string) error {
	err := tx.QueryRowContext(ctx, s.d.insertSQL("cooperatives", cooperativeColumns, nil, 1)+` RETURNING id`, cooperativeValues(x)...).Scan(&x.ID)
	if err != nil {
		return s.cooperativeWriteError(err, "insert cooperative")
	}
	if err := writeCooperativeChildren(ctx, tx, x, true, true, true); err != nil {
		return err
	}
	if err := s.keepCoopCount(ctx, tx, x.ID); err != nil {
		return err
	}
	return s.record(ctx, tx, bina.EntityCooperative, x.ID, now, who, actionCreate, []bina.Change{{After: x.Name}})
}
