package sqlstore

import (
	"bina/audit"
	"bina/imports"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"bina"
)

// The digital channels of an enterprise are kept as one bit set, so that
// the filters "any" and "none" are one comparison. The bits are fixed here,
// not derived from the order of bina.DigitalChannels, because they are
// stored.
const (
	digitalMarketplace = 1 << iota
	digitalSocial
	digitalWebsite
	digitalQRIS
	digitalBookkeeping
)

// digitalBit returns the bit of a bina.DigitalChannels code.
func digitalBit(code string) (int, bool) {
	switch code {
	case "marketplace":
		return digitalMarketplace, true
	case "social":
		return digitalSocial, true
	case "website":
		return digitalWebsite, true
	case "qris":
		return digitalQRIS, true
	case "bookkeeping":
		return digitalBookkeeping, true
	}
	return 0, false
}

func digitalBits(d bina.Digital) int {
	n := 0
	for _, f := range []struct {
		on  bool
		bit int
	}{{d.Marketplace, digitalMarketplace}, {d.SocialMedia, digitalSocial}, {d.Website, digitalWebsite}, {d.QRIS, digitalQRIS}, {d.DigitalBookkeeping, digitalBookkeeping}} {
		if f.on {
			n |= f.bit
		}
	}
	return n
}

func digitalFromBits(n int, links string) bina.Digital {
	return bina.Digital{
		Marketplace:        n&digitalMarketplace != 0,
		SocialMedia:        n&digitalSocial != 0,
		Website:            n&digitalWebsite != 0,
		QRIS:               n&digitalQRIS != 0,
		DigitalBookkeeping: n&digitalBookkeeping != 0,
		Links:              links,
	}
}

// ---- columns ----

// personColumns are the stored columns of an owner, in the order of
// personValues.
var personColumns = []string{"name", "nik", "gender", "birth_date", "phone", "education", "disability", "address", "created_at", "updated_at"}

func personValues(o *bina.Owner, now time.Time) []any {
	return []any{o.Name, o.NIK, o.Gender, o.BirthDate, o.Phone, o.Education, o.Disability, o.Address, now, now}
}

// enterpriseColumns are the stored columns of an enterprise row, in the
// order of enterpriseValues. PostgreSQL adds the search column. name_key
// (imports.NameKey of the name) is what imports compare names by when they
// look for the same business in the same desa (migration 0002).
var enterpriseColumns = append([]string{
	"owner_id", "name", "sort_name", "name_key", "trade_name", "nib", "legal_form", "kbli_version", "kbli_code", "kbli_section",
	"main_product", "address", "village_code", "district_code", "latitude", "longitude", "start_year", "start_month",
	"capital", "assets", "workers_paid_male", "workers_paid_female", "workers_unpaid_male", "workers_unpaid_female",
	"size_reported", "size_computed", "size_rule", "digital", "digital_links", "status", "binaan", "binaan_since",
	"binaan_decided", "binaan_reason", "reached_first", "reached_last", "verification", "source", "source_id", "notes", "created_at", "updated_at", "version", "archived_at", "archive_reason",
	"facets",
}, tableColumns(enterpriseStored, "")...)

// enterpriseStored are the fields the store keeps through the field table
// (bina.RecordField.Column), after the columns above.
var enterpriseStored = bina.StoredFields(bina.EnterpriseTable())

// tableColumns returns the columns of fields, each after prefix.
func tableColumns[T any](fields []bina.RecordField[T], prefix string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = prefix + f.Column
	}
	return out
}

// derived are the columns of an enterprises row that are computed from
// its record.
type derived struct {
	sortName, nameKey, section, district string
	facets                               int
	in                                   facetInput
}

func (s *Store) derive(e *bina.Enterprise) derived {
	in := s.facetInputOf(e)
	return derived{sortName: sortName(e.Name), nameKey: imports.NameKey(e.Name), section: in.section, district: districtOf(e.VillageCode), facets: facetBits(e, in), in: in}
}

// enterpriseValues returns the values of enterpriseColumns for e.
func (s *Store) enterpriseValues(e *bina.Enterprise, ownerID int64) []any {
	return enterpriseValuesOf(e, ownerID, s.derive(e))
}

// enterpriseValuesOf is enterpriseValues with the derived columns d of e.
func enterpriseValuesOf(e *bina.Enterprise, ownerID int64, d derived) []any {
	main := e.MainKBLI()
	vals := []any{
		ownerID, e.Name, d.sortName, d.nameKey, e.TradeName, e.NIB, e.LegalForm, string(main.Version), main.Code, d.section,
		e.MainProduct, e.Address, string(e.VillageCode), d.district, floatArg(e.Latitude), floatArg(e.Longitude), e.StartYear, e.StartMonth,
		e.Capital, e.Assets, e.WorkersPaidMale, e.WorkersPaidFemale, e.WorkersUnpaidMale, e.WorkersUnpaidFemale,
		e.SizeReported, e.SizeComputed, string(e.SizeRule), digitalBits(e.Digital), e.Digital.Links, e.Status, e.Binaan, e.BinaanSince,
		e.BinaanDecided, e.BinaanReason, e.ReachedFirst, e.ReachedLast, e.Verification, e.Source, e.SourceID, e.Notes, e.CreatedAt.UTC(), e.UpdatedAt.UTC(), e.Version, timeArg(e.ArchivedAt), e.ArchiveReason,
		d.facets,
	}
	for i := range enterpriseStored {
		vals = append(vals, enterpriseStored[i].Val(e))
	}
	return vals
}

// sortName is the key of the name sorts: the name in lower case, compared
// byte by byte on both engines.
func sortName(name string) string { return strings.ToLower(name) }

// searchDoc is what the search index holds of one enterprise.
type searchDoc struct {
	words  string
	facets []string
}

func (d searchDoc) equal(o searchDoc) bool {
	return d.words == o.words && slices.Equal(d.facets, o.facets)
}

// enterpriseSearch returns the search document of e: the words it is found
// by and its facets.
func (s *Store) enterpriseSearch(e *bina.Enterprise) searchDoc {
	return enterpriseSearchOf(e, s.facetInputOf(e))
}

// enterpriseSearchOf is enterpriseSearch with the facet input of e.
func enterpriseSearchOf(e *bina.Enterprise, in facetInput) searchDoc {
	return searchDoc{words: recordWords(e.Name, e.TradeName, e.MainProduct, e.Owner.Name), facets: enterpriseFacets(e, in)}
}

// kbliSection returns the section (A-U) of a KBLI code, or "".
func (s *Store) kbliSection(k bina.KBLICode) string {
	e, _ := s.ref.KBLI.Lookup(k)
	return e.Section
}

// searchWrap turns the text of tsVector into PostgreSQL's tsvector column.
var searchWrap = map[string]string{"search": "CAST(%s AS tsvector)"}

// enterpriseSelect reads an enterprise with its owner, and last the
// columns of enterpriseStored; scanEnterprise follows its column order.
var enterpriseSelect = `SELECT e.id, e.name, e.trade_name, e.nib, e.legal_form, e.kbli_version, e.kbli_code, e.main_product,
	e.address, e.village_code, e.latitude, e.longitude, e.start_year, e.start_month, e.capital, e.assets,
	e.workers_paid_male, e.workers_paid_female, e.workers_unpaid_male, e.workers_unpaid_female,
	e.size_reported, e.size_computed, e.size_rule, e.digital, e.digital_links, e.status, e.binaan, e.binaan_since,
	e.verification, e.source, e.source_id, e.notes, e.created_at, e.updated_at, e.version, e.archived_at, e.archive_reason,
	e.sort_name, e.binaan_decided, e.binaan_reason, e.reached_first, e.reached_last, p.id, p.name, p.nik, p.gender, p.birth_date, p.phone, p.education, p.disability, p.address` +
	strings.Join(append([]string{""}, tableColumns(enterpriseStored, "e.")...), ", ") + `
FROM enterprises e JOIN persons p ON p.id = e.owner_id`

type scanner interface{ Scan(dest ...any) error }

// scanEnterprise reads a row of enterpriseSelect.
func scanEnterprise(sc scanner) (*bina.Enterprise, keyOf, error) {
	var (
		e             bina.Enterprise
		k             bina.KBLICode
		lat, lon      sql.NullFloat64
		digital       int
		archived      sql.NullTime
		sortKey       string
		village       string
		rule, version string
	)
	dest := []any{&e.ID, &e.Name, &e.TradeName, &e.NIB, &e.LegalForm, &version, &k.Code, &e.MainProduct,
		&e.Address, &village, &lat, &lon, &e.StartYear, &e.StartMonth, &e.Capital, &e.Assets,
		&e.WorkersPaidMale, &e.WorkersPaidFemale, &e.WorkersUnpaidMale, &e.WorkersUnpaidFemale,
		&e.SizeReported, &e.SizeComputed, &rule, &digital, &e.Digital.Links, &e.Status, &e.Binaan, &e.BinaanSince,
		&e.Verification, &e.Source, &e.SourceID, &e.Notes, &e.CreatedAt, &e.UpdatedAt, &e.Version, &archived, &e.ArchiveReason,
		&sortKey, &e.BinaanDecided, &e.BinaanReason, &e.ReachedFirst, &e.ReachedLast, &e.Owner.ID, &e.Owner.Name, &e.Owner.NIK, &e.Owner.Gender, &e.Owner.BirthDate, &e.Owner.Phone, &e.Owner.Education, &e.Owner.Disability, &e.Owner.Address}
	for i := range enterpriseStored {
		dest = append(dest, enterpriseStored[i].Ref(&e))
	}
	err := sc.Scan(dest...)
	if err != nil {
		return nil, keyOf{}, err
	}
	k.Version = bina.KBLIVersion(version)
	if k.Code != "" {
		e.KBLI = []bina.KBLICode{k}
	}
	e.VillageCode = bina.RegionCode(village)
	e.Latitude, e.Longitude = nullFloat(lat), nullFloat(lon)
	e.SizeRule = bina.SizeRule(rule)
	e.Digital = digitalFromBits(digital, e.Digital.Links)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	e.ArchivedAt = timePtr(archived)
	return &e, keyOf{sortName: sortKey, updated: e.UpdatedAt, id: e.ID}, nil
}

// loadEnterprise reads one enterprise with its extra KBLI codes and sales,
// locking it on PostgreSQL when lock is set. Errors: NotFound.
func (s *Store) loadEnterprise(ctx context.Context, q querier, id int64, lock bool) (*bina.Enterprise, error) {
	query := enterpriseSelect + ` WHERE e.id = $1`
	if lock {
		query += s.d.forUpdate
	}
	e, _, err := scanEnterprise(q.QueryRowContext(ctx, query, id))
	if err == sql.ErrNoRows {
		return nil, errEnterpriseNotFound()
	}
	if err != nil {
		return nil, bina.Wrap(err, "load enterprise")
	}
	if err := s.loadEnterpriseChildren(ctx, q, []*bina.Enterprise{e}); err != nil {
		return nil, err
	}
	return e, nil
}

func errEnterpriseNotFound() error {
	return notFoundf("Usaha tidak ditemukan", "Enterprise not found")
}

// loadEnterpriseChildren fills the extra KBLI codes and the sales of es.
func (s *Store) loadEnterpriseChildren(ctx context.Context, q querier, es []*bina.Enterprise) error {
	if len(es) == 0 {
		return nil
	}
	byID := make(map[int64]*bina.Enterprise, len(es))
	var p params
	ids := make([]any, len(es))
	for i, e := range es {
		byID[e.ID] = e
		ids[i] = e.ID
	}
	in := p.list(ids...)
	rows, err := q.QueryContext(ctx, `SELECT enterprise_id, kbli_version, kbli_code FROM enterprise_kbli WHERE enterprise_id IN (`+in+`) ORDER BY enterprise_id, position`, p.args...)
	if err != nil {
		return bina.Wrap(err, "load kbli")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k bina.KBLICode
		if err := rows.Scan(&id, &k.Version, &k.Code); err != nil {
			return bina.Wrap(err, "load kbli")
		}
		byID[id].KBLI = append(byID[id].KBLI, k)
	}
	if err := rows.Err(); err != nil {
		return bina.Wrap(err, "load kbli")
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT enterprise_id, year, amount FROM enterprise_sales WHERE enterprise_id IN (`+in+`) ORDER BY enterprise_id, year DESC`, p.args...)
	if err != nil {
		return bina.Wrap(err, "load sales")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var sa bina.AnnualSales
		if err := rows.Scan(&id, &sa.Year, &sa.Amount); err != nil {
			return bina.Wrap(err, "load sales")
		}
		byID[id].Sales = append(byID[id].Sales, sa)
	}
	return bina.Wrap(rows.Err(), "load sales")
}

// maskOwner hides an owner's personal data.
func hasPersonal(o *bina.Owner) bool {
	return o.NIK != "" || o.Phone != "" || o.Address != "" || !o.BirthDate.IsZero()
}

// logAccess records in the audit that the actor saw the personal data of
// a record, in the transaction that read it.
func (s *Store) logAccess(ctx context.Context, tx *sql.Tx, a actor, entity bina.Entity, id int64, now time.Time) error {
	return s.insertAudit(ctx, tx, audit.Event{At: now, ActorID: a.user.ID, Actor: a.user.Name,
		Action: audit.View, Entity: entity, Records: []int64{id}})
}

// FindEnterprise returns one enterprise, archived or not, with its owner,
// KBLI codes and sales. Personal data is masked for actors who may not see
// it; a signed-in actor who sees it is written to the access log.
func (s *Store) FindEnterprise(ctx context.Context, id int64) (*bina.Enterprise, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var e *bina.Enterprise
	find := func(tx *sql.Tx) error {
		var err error
		if e, err = s.loadEnterprise(ctx, tx, id, false); err != nil {
			return err
		}
		if !a.sees(e.VillageCode) {
			return errEnterpriseNotFound()
		}
		if a.logsAccess() && hasPersonal(&e.Owner) {
			return s.logAccess(ctx, tx, a, bina.EntityEnterprise, id, s.now())
		}
		return nil
	}
	// Logging the access is a write, in the same transaction as the read.
	if a.logsAccess() {
		err = s.write(ctx, find)
	} else {
		err = s.read(ctx, find)
	}
	if err != nil {
		return nil, err
	}
	if a.masked() {
		e.MaskPersonal()
	} else {
		e.HomeBased = e.IsHomeBased()
	}
	return e, nil
}

// prepareEnterprise normalizes and validates e before it is stored.
func (s *Store) prepareEnterprise(e *bina.Enterprise) error {
	e.Normalize()
	// Sales are kept newest first.
	slices.SortStableFunc(e.Sales, func(a, b bina.AnnualSales) int { return b.Year - a.Year })
	return e.Validate(s.ref)
}

// CreateEnterprise validates e and stores it with its owner (always a new
// person row), sets its ID, Version and timestamps, and records a
// "create" in the history.
func (s *Store) CreateEnterprise(ctx context.Context, e *bina.Enterprise) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	// Reach follows the coaching records; a new record has none.
	e.ReachedFirst, e.ReachedLast = bina.Date{}, bina.Date{}
	if err := s.prepareEnterprise(e); err != nil {
		return err
	}
	if !a.sees(e.VillageCode) {
		return outOfScope(e.VillageCode)
	}
	now := s.now()
	x := *e // stored copy; e changes only once the transaction commits
	x.CreatedAt, x.UpdatedAt, x.Version, x.ArchivedAt, x.ArchiveReason = now, now, 1, nil, ""
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := s.insertEnterprise(ctx, tx, &x, now); err != nil {
			return err
		}
		if err := s.bumpEnterpriseCount(ctx, tx, &x); err != nil {
			return err
		}
		return s.record(ctx, tx, bina.EntityEnterprise, x.ID, now, a.name(), actionCreate, []bina.Change{{After: x.Name}})
	})
	if err != nil {
		return err
	}
	*e = x
	return nil
}

// insertEnterprise stores a new enterprise, its owner, children and search
// words, and sets x.ID and x.Owner.ID.
func (s *Store) insertEnterprise(ctx context.Context, tx *sql.Tx, x *bina.Enterprise, now time.Time) error {
	err := tx.QueryRowContext(ctx, s.d.insertSQL("persons", personColumns, nil, 1)+` RETURNING id`, personValues(&x.Owner, now)...).Scan(&x.Owner.ID)
	if err != nil {
		return bina.Wrap(err, "insert owner")
	}
	cols, vals := enterpriseColumns, s.enterpriseValues(x, x.Owner.ID)
	doc := s.enterpriseSearch(x)
	if s.d.searchColumn {
		cols, vals = append(slices.Clip(cols), "search"), append(vals, tsVector(doc.words, doc.facets))
	}
	if err := tx.QueryRowContext(ctx, s.d.insertSQL("enterprises", cols, searchWrap, 1)+` RETURNING id`, vals...).Scan(&x.ID); err != nil {
		return bina.Wrap(err, "insert enterprise")
	}
	if err := s.writeEnterpriseChildren(ctx, tx, x, true, true); err != nil {
		return err
	}
	if !s.d.searchColumn {
		return s.writeFTS(ctx, tx, x.ID, doc, false)
	}
	return nil
}

// writeEnterpriseChildren replaces the extra KBLI codes and/or the sales.
func (s *Store) writeEnterpriseChildren(ctx context.Context, tx *sql.Tx, x *bina.Enterprise, kbli, sales bool) error {
	if kbli {
		if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_kbli WHERE enterprise_id = $1`, x.ID); err != nil {
			return bina.Wrap(err, "write kbli")
		}
		for i := 1; i < len(x.KBLI); i++ {
			if _, err := tx.ExecContext(ctx, `INSERT INTO enterprise_kbli (enterprise_id, position, kbli_version, kbli_code) VALUES ($1, $2, $3, $4)`, x.ID, i, string(x.KBLI[i].Version), x.KBLI[i].Code); err != nil {
				return bina.Wrap(err, "write kbli")
			}
		}
	}
	if sales {
		if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_sales WHERE enterprise_id = $1`, x.ID); err != nil {
			return bina.Wrap(err, "write sales")
		}
		for _, sa := range x.Sales {
			if _, err := tx.ExecContext(ctx, `INSERT INTO enterprise_sales (enterprise_id, year, amount) VALUES ($1, $2, $3)`, x.ID, sa.Year, sa.Amount); err != nil {
				return bina.Wrap(err, "write sales")
			}
		}
	}
	return nil
}

// writeFTS stores the search document of enterprise id in SQLite's FTS5
// table, replacing the old one when replace is set.
func (s *Store) writeFTS(ctx context.Context, tx *sql.Tx, id int64, doc searchDoc, replace bool) error {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_search WHERE rowid = $1`, id); err != nil {
			return bina.Wrap(err, "write search")
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO enterprise_search (rowid, words, facets) VALUES ($1, $2, $3)`, id, doc.words, strings.Join(doc.facets, " "))
	return bina.Wrap(err, "write search")
}

// rewriteSearch replaces the search document of enterprise id.
func (s *Store) rewriteSearch(ctx context.Context, tx *sql.Tx, id int64, doc searchDoc) error {
	if !s.d.searchColumn {
		return s.writeFTS(ctx, tx, id, doc, true)
	}
	// Archiving changes no word (the word table follows archived_at by
	// itself): an unchanged column is not written, so as to leave no dead
	// row version behind.
	_, err := tx.ExecContext(ctx, `UPDATE enterprises SET search = CAST($1 AS tsvector) WHERE id = $2 AND search <> CAST($1 AS tsvector)`, tsVector(doc.words, doc.facets), id)
	return bina.Wrap(err, "write search")
}

// lockEnterprise loads an enterprise for a change by a, hiding records
// outside the actor's scope.
func (s *Store) lockEnterprise(ctx context.Context, tx *sql.Tx, a actor, id int64) (*bina.Enterprise, error) {
	old, err := s.loadEnterprise(ctx, tx, id, true)
	if err != nil {
		return nil, err
	}
	if !a.sees(old.VillageCode) {
		return nil, errEnterpriseNotFound()
	}
	return old, nil
}

func errChanged() error {
	return bina.Errorf(bina.Conflict, "Data ini sudah diubah orang lain; muat ulang lalu ulangi perubahan Anda", "This record was changed by someone else; reload it and make your change again")
}

// UpdateEnterprise replaces enterprise e.ID (and its owner) when the stored
// version equals e.Version, writes one history row per changed field and
// raises the version. A change that changes nothing writes nothing.
func (s *Store) UpdateEnterprise(ctx context.Context, e *bina.Enterprise) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	now := s.now()
	x := *e
	err = s.write(ctx, func(tx *sql.Tx) error {
		old, err := s.lockEnterprise(ctx, tx, a, e.ID)
		if err != nil {
			return err
		}
		// Validated against the stored record: a total of workers derived
		// from the split follows the edited split (bina.FollowSplitOf).
		x = *e
		x.FollowSplitOf(old)
		if err := s.prepareEnterprise(&x); err != nil {
			return err
		}
		if !a.sees(x.VillageCode) {
			return outOfScope(x.VillageCode)
		}
		if old.ArchivedAt != nil {
			return bina.Errorf(bina.Conflict, "Usaha ini sudah diarsipkan; pulihkan dulu sebelum mengubahnya", "This enterprise is archived; restore it before changing it")
		}
		if old.Version != x.Version {
			return errChanged()
		}
		_, err = s.updateEnterpriseTx(ctx, tx, old, &x, now, a.name())
		return err
	})
	if err != nil {
		return err
	}
	*e = x
	return nil
}

// ArchiveEnterprise takes an enterprise out of the live register with a
// reason. Nothing is deleted.
func (s *Store) ArchiveEnterprise(ctx context.Context, id int64, reason string) error {
	return s.setEnterpriseArchived(ctx, id, strings.TrimSpace(reason), true)
}

// RestoreEnterprise brings an archived enterprise back.
func (s *Store) RestoreEnterprise(ctx context.Context, id int64) error {
	return s.setEnterpriseArchived(ctx, id, "", false)
}

func (s *Store) setEnterpriseArchived(ctx context.Context, id int64, reason string, archive bool) error {
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
		old, err := s.lockEnterprise(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := s.archive(ctx, tx, "enterprises", old.ArchivedAt != nil, id, old.Version, reason, archive, now); err != nil {
			return err
		}
		action, c := actionRestore, bina.Change{Before: old.ArchiveReason}
		if archive {
			action, c = actionArchive, bina.Change{After: reason}
		}
		// The kept counts and the archived facet change with the record.
		x := *old
		x.ArchivedAt = nil
		if archive {
			x.ArchivedAt = &now
		}
		if err := s.moveEnterpriseCount(ctx, tx, old, &x); err != nil {
			return err
		}
		if err := s.rewriteSearch(ctx, tx, id, s.enterpriseSearch(&x)); err != nil {
			return err
		}
		if err := s.record(ctx, tx, bina.EntityEnterprise, id, now, a.name(), action, []bina.Change{c}); err != nil || archive {
			return err
		}
		// A reach may have expired while the record was archived.
		return s.settleBinaan(ctx, tx, now, a.name(), []int64{id})
	})
}

// archive sets or clears archived_at of a row of table (enterprises or
// cooperatives), raising its version. Errors: Conflict when the row is
// already in the wanted state.
func (s *Store) archive(ctx context.Context, tx *sql.Tx, table string, archived bool, id int64, version int, reason string, archive bool, now time.Time) error {
	if archive && archived {
		return bina.Errorf(bina.Conflict, "Data ini sudah diarsipkan", "This record is already archived")
	}
	if !archive && !archived {
		return bina.Errorf(bina.Conflict, "Data ini tidak sedang diarsipkan", "This record is not archived")
	}
	var at any
	if archive {
		at = now
	}
	res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET archived_at = $1, archive_reason = $2, version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5`,
		at, reason, now, id, version)
	if err != nil {
		return bina.Wrap(err, "archive")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errChanged()
	}
	return nil
}

// enterpriseFields lists the fields of x that the history compares.
func enterpriseFields(x *bina.Enterprise) []field { return recordFields(enterpriseTable, x) }

// enterpriseTable is bina's table of the fields, read once.
var enterpriseTable = bina.EnterpriseTable()

// updateEnterpriseTx writes x over old (the locked, live stored record) in
// tx: owner, row, children, search document, kept counts and one history
// row per changed field by who. It returns the changes; none means nothing
// was written. x gets old's ids, creation time and, when it changed, the
// new version and update time. Imports call it for their updates.
func (s *Store) updateEnterpriseTx(ctx context.Context, tx *sql.Tx, old, x *bina.Enterprise, now time.Time, who string) ([]bina.Change, error) {
	// A binaan flag changed on the record itself is a staff decision
	// (reason "data impor"), or its withdrawal; the records still decide.
	if x.Binaan == old.Binaan {
		x.BinaanDecided, x.BinaanReason = old.BinaanDecided, old.BinaanReason
	} else if x.BinaanDecided = x.Binaan; x.Binaan {
		x.BinaanReason = bina.BinaanReasonImport
	} else {
		x.BinaanReason = ""
	}
	return s.writeEnterpriseTx(ctx, tx, old, x, now, who)
}

// writeEnterpriseTx is updateEnterpriseTx with the binaan decision of x
// already made: the flag and its date follow from it and the records.
func (s *Store) writeEnterpriseTx(ctx context.Context, tx *sql.Tx, old, x *bina.Enterprise, now time.Time, who string) ([]bina.Change, error) {
	x.Owner.ID, x.CreatedAt, x.UpdatedAt, x.Version, x.ArchivedAt, x.ArchiveReason = old.Owner.ID, old.CreatedAt, old.UpdatedAt, old.Version, nil, ""
	x.ReachedFirst, x.ReachedLast = old.ReachedFirst, old.ReachedLast
	s.deriveBinaan(x, now)
	changes := diffFields(enterpriseFields(old), enterpriseFields(x))
	if x.BinaanDecided != old.BinaanDecided || x.BinaanReason != old.BinaanReason {
		changes = append(changes, bina.Change{Field: binaanDecisionField, Before: decisionText(old), After: decisionText(x)})
	}
	if len(changes) == 0 {
		return nil, nil
	}
	x.UpdatedAt, x.Version = now, old.Version+1

	pv := personValues(&x.Owner, now)
	_, err := tx.ExecContext(ctx, `UPDATE persons SET name = $1, nik = $2, gender = $3, birth_date = $4, phone = $5, education = $6, disability = $7, address = $8, updated_at = $9 WHERE id = $10`,
		append(pv[:8:8], now, old.Owner.ID)...)
	if err != nil {
		return nil, bina.Wrap(err, "update owner")
	}
	cols, vals := enterpriseColumns[1:], s.enterpriseValues(x, old.Owner.ID)[1:] // not owner_id
	doc := s.enterpriseSearch(x)
	if s.d.searchColumn {
		cols, vals = append(slices.Clip(cols), "search"), append(vals, tsVector(doc.words, doc.facets))
	}
	var p params
	set := make([]string, len(cols))
	for i, c := range cols {
		ph := p.add(vals[i])
		if w, ok := searchWrap[c]; ok {
			ph = fmt.Sprintf(w, ph)
		}
		set[i] = c + " = " + ph
	}
	res, err := tx.ExecContext(ctx, `UPDATE enterprises SET `+strings.Join(set, ", ")+` WHERE id = `+p.add(x.ID)+` AND version = `+p.add(old.Version), p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "update enterprise")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, errChanged()
	}
	changed := map[string]bool{}
	for _, c := range changes {
		changed[c.Field] = true
	}
	if err := s.writeEnterpriseChildren(ctx, tx, x, changed["kbli"], changed["sales"]); err != nil {
		return nil, err
	}
	if !s.d.searchColumn && !doc.equal(s.enterpriseSearch(old)) {
		if err := s.writeFTS(ctx, tx, x.ID, doc, true); err != nil {
			return nil, err
		}
	}
	if err := s.moveEnterpriseCount(ctx, tx, old, x); err != nil {
		return nil, err
	}
	return changes, s.record(ctx, tx, bina.EntityEnterprise, x.ID, now, who, actionUpdate, changes)
}
