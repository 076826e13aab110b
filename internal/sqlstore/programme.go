package sqlstore

import (
	"bina/coaching"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"bina"
)

const programmeSelect = `SELECT g.id, g.name, g.year, g.kind, g.themes, g.funding_source, g.funding_amount, g.organiser,
	g.starts_on, g.ends_on, g.place, g.quota, g.region_code, g.criteria, g.description, g.invitation_template,
	g.created_at, g.updated_at, g.version, g.archived_at, g.archive_reason,
	(SELECT count(*) FROM programme_participants pp WHERE pp.programme_id = g.id AND pp.state <> 'withdrawn')
FROM programmes g`

func scanProgramme(sc scanner) (*coaching.Programme, error) {
	var (
		g                coaching.Programme
		themes, criteria string
		region           string
		archived         sql.NullTime
	)
	err := sc.Scan(&g.ID, &g.Name, &g.Year, &g.Kind, &themes, &g.FundingSource, &g.FundingAmount, &g.Organiser,
		&g.StartsOn, &g.EndsOn, &g.Place, &g.Quota, &region, &criteria, &g.Description, &g.InvitationTemplate,
		&g.CreatedAt, &g.UpdatedAt, &g.Version, &archived, &g.ArchiveReason, &g.Participants)
	if err != nil {
		return nil, err
	}
	if themes != "" {
		g.Themes = strings.Split(themes, ",")
	}
	if criteria != "" {
		if err := json.Unmarshal([]byte(criteria), &g.Criteria); err != nil {
			return nil, fmt.Errorf("programme %d criteria: %w", g.ID, err)
		}
	}
	g.Region = bina.RegionCode(region)
	g.CreatedAt, g.UpdatedAt = g.CreatedAt.UTC(), g.UpdatedAt.UTC()
	g.ArchivedAt = timePtr(archived)
	return &g, nil
}

func errProgrammeNotFound() error {
	return notFoundf("Program tidak ditemukan", "Programme not found")
}

// seesProgramme reports whether a programme for region concerns the actor:
// it targets the whole deployment, a region holding the actor's, or one
// inside it.
func (a actor) seesProgramme(region bina.RegionCode) bool {
	return region == "" || region.Contains(a.scope) || a.scope.Contains(region)
}

// programmeScope adds the condition that a programme on alias g concerns
// the actor (seesProgramme).
func (s *Store) programmeScope(conds []string, p *params, a actor) []string {
	if a.scope == "" || a.scope == s.root {
		return conds
	}
	var above []any
	for r := a.scope; r != ""; r = r.Parent() {
		above = append(above, string(r))
	}
	lo, hi := a.scope.Range()
	return append(conds, "(g.region_code = '' OR g.region_code IN ("+p.list(above...)+") OR (g.region_code >= "+p.add(lo)+" AND g.region_code < "+p.add(hi)+"))")
}

// loadProgramme reads one programme with its activities, locking it on
// PostgreSQL when lock is set. Errors: NotFound (also for a programme that
// does not concern a).
func (s *Store) loadProgramme(ctx context.Context, q querier, a actor, id int64, lock bool) (*coaching.Programme, error) {
	query := programmeSelect + ` WHERE g.id = $1`
	if lock {
		query += s.d.forUpdate
	}
	g, err := scanProgramme(q.QueryRowContext(ctx, query, id))
	if err == sql.ErrNoRows {
		return nil, errProgrammeNotFound()
	}
	if err != nil {
		return nil, bina.Wrap(err, "load programme")
	}
	if !a.seesProgramme(g.Region) {
		return nil, errProgrammeNotFound()
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name, starts_on, ends_on, place, village_code FROM programme_activities WHERE programme_id = $1 ORDER BY starts_on, id`, id)
	if err != nil {
		return nil, bina.Wrap(err, "load activities")
	}
	defer rows.Close()
	for rows.Next() {
		var x coaching.Activity
		var village string
		if err := rows.Scan(&x.ID, &x.Name, &x.StartsOn, &x.EndsOn, &x.Place, &village); err != nil {
			return nil, bina.Wrap(err, "load activities")
		}
		x.VillageCode = bina.RegionCode(village)
		g.Activities = append(g.Activities, x)
	}
	return g, bina.Wrap(rows.Err(), "load activities")
}

// FindProgramme returns one programme with its activities.
func (s *Store) FindProgramme(ctx context.Context, id int64) (*coaching.Programme, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var g *coaching.Programme
	err = s.read(ctx, func(tx *sql.Tx) error {
		g, err = s.loadProgramme(ctx, tx, a, id, false)
		return err
	})
	return g, err
}

// offsetCursor reads the cursor of an offset-paged list: "" or a number.
func offsetCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(c)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0, invalidField("cursor", "Posisi halaman tidak dikenali", "Page position not understood")
	}
	return n, nil
}

// openList reads the actor of ctx and the offset of cursor, for a list.
func (s *Store) openList(ctx context.Context, cursor string) (actor, int, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return a, 0, err
	}
	offset, err := offsetCursor(cursor)
	return a, offset, err
}

// collect runs query and reads each row with scan.
func collect[T any](ctx context.Context, tx *sql.Tx, query string, args []any, scan func(scanner) (*T, error)) ([]T, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *x)
	}
	return out, rows.Err()
}

// finishOffsetPage sets the cursors of an offset-paged page that read one
// item past limit to learn whether another page follows.
func finishOffsetPage[T any](page *bina.Page[T], offset, limit int) {
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.Next = strconv.Itoa(offset + limit)
	}
	if offset > 0 {
		page.Prev = strconv.Itoa(max(0, offset-limit))
	}
}

// ListProgrammes returns one page of programmes, newest year first.
func (s *Store) ListProgrammes(ctx context.Context, f coaching.ProgrammeFilter) (bina.Page[coaching.Programme], error) {
	var page bina.Page[coaching.Programme]
	a, offset, err := s.openList(ctx, f.Cursor)
	if err != nil {
		return page, err
	}
	if f.Kind != "" && !coaching.ProgrammeKinds.Has(f.Kind) {
		return page, invalidFilter("kind", f.Kind)
	}
	if f.Year < 0 || f.Year > 9999 {
		return page, invalidFilter("year", strconv.Itoa(f.Year))
	}
	limit := pageLimit(f.Limit)
	var p params
	conds := []string{"g.archived_at IS NULL"}
	if f.Archived {
		conds[0] = "g.archived_at IS NOT NULL"
	}
	if f.Year != 0 {
		conds = append(conds, "g.year = "+p.add(f.Year))
	}
	if f.Kind != "" {
		conds = append(conds, "g.kind = "+p.add(f.Kind))
	}
	conds = s.programmeScope(conds, &p, a)
	err = s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM programmes g`+where(conds), p.args...).Scan(&page.Total); err != nil {
			return bina.Wrap(err, "count programmes")
		}
		page.Items, err = collect(ctx, tx, programmeSelect+where(conds)+` ORDER BY g.year DESC, g.starts_on DESC, g.id DESC LIMIT `+p.add(limit+1)+` OFFSET `+p.add(offset), p.args,
			func(sc scanner) (*coaching.Programme, error) { return scanProgramme(sc) })
		return bina.Wrap(err, "list programmes")
	})
	if err != nil {
		return bina.Page[coaching.Programme]{}, err
	}
	finishOffsetPage(&page, offset, limit)
	return page, nil
}

// prepareProgramme reads the actor of ctx, and normalizes and validates a
// copy of g for a change by it, with the copy's stored values.
func (s *Store) prepareProgramme(ctx context.Context, g *coaching.Programme) (actor, coaching.Programme, []any, error) {
	x := *g
	a, err := s.actorOf(ctx)
	if err != nil {
		return a, x, nil, err
	}
	if err := a.requireEdit(); err != nil {
		return a, x, nil, err
	}
	x.Normalize()
	if err := x.Validate(s.ref); err != nil {
		return a, x, nil, err
	}
	if x.Region != "" && !a.sees(x.Region) {
		return a, x, nil, invalidField("region_code", "Wilayah sasaran %s berada di luar wilayah kerja Anda", "Target region %s lies outside your region", x.Region)
	}
	vals, err := programmeValues(&x)
	return a, x, vals, err
}

func programmeValues(g *coaching.Programme) ([]any, error) {
	criteria := ""
	if !g.Criteria.IsZero() {
		b, err := json.Marshal(g.Criteria)
		if err != nil {
			return nil, bina.Wrap(err, "programme criteria")
		}
		criteria = string(b)
	}
	return []any{g.Name, g.Year, g.Kind, strings.Join(g.Themes, ","), g.FundingSource, g.FundingAmount, g.Organiser,
		g.StartsOn, g.EndsOn, g.Place, g.Quota, string(g.Region), criteria, g.Description, g.InvitationTemplate}, nil
}

const programmeColumns = `name, year, kind, themes, funding_source, funding_amount, organiser, starts_on, ends_on, place, quota, region_code, criteria, description, invitation_template`

// programmeFields lists the fields of g that the history compares.
func programmeFields(g *coaching.Programme) []field {
	vals, _ := programmeValues(g)
	names := strings.Split(programmeColumns, ", ")
	out := make([]field, 0, len(names)+1)
	for i, n := range names {
		out = append(out, field{n, fmt.Sprint(vals[i])})
	}
	var acts []string
	for _, x := range g.Activities {
		acts = append(acts, fmt.Sprintf("%s %s..%s %s", x.Name, x.StartsOn, x.EndsOn, x.Place))
	}
	return append(out, field{"activities", strings.Join(acts, "; ")})
}

// CreateProgramme validates g and stores it with its activities.
func (s *Store) CreateProgramme(ctx context.Context, g *coaching.Programme) error {
	a, x, vals, err := s.prepareProgramme(ctx, g)
	if err != nil {
		return err
	}
	now := s.now()
	x.CreatedAt, x.UpdatedAt, x.Version, x.ArchivedAt, x.ArchiveReason, x.Participants = now, now, 1, nil, "", 0
	err = s.write(ctx, func(tx *sql.Tx) error {
		var p params
		q := `INSERT INTO programmes (` + programmeColumns + `, created_at, updated_at, version) VALUES (` + p.list(append(vals, now, now, 1)...) + `) RETURNING id`
		if err := tx.QueryRowContext(ctx, q, p.args...).Scan(&x.ID); err != nil {
			return bina.Wrap(err, "create programme")
		}
		if err := writeActivities(ctx, tx, &x); err != nil {
			return err
		}
		return s.record(ctx, tx, coaching.EntityProgramme, x.ID, now, a.name(), actionCreate, []bina.Change{{}})
	})
	if err != nil {
		return err
	}
	*g = x
	return nil
}

// writeActivities replaces the activities of g, setting their ids.
func writeActivities(ctx context.Context, tx *sql.Tx, g *coaching.Programme) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM programme_activities WHERE programme_id = $1`, g.ID); err != nil {
		return bina.Wrap(err, "write activities")
	}
	for i := range g.Activities {
		x := &g.Activities[i]
		err := tx.QueryRowContext(ctx, `INSERT INTO programme_activities (programme_id, name, starts_on, ends_on, place, village_code) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			g.ID, x.Name, x.StartsOn, x.EndsOn, x.Place, string(x.VillageCode)).Scan(&x.ID)
		if err != nil {
			return bina.Wrap(err, "write activities")
		}
	}
	return nil
}

// UpdateProgramme replaces programme g.ID and its activities when the
// stored version equals g.Version.
func (s *Store) UpdateProgramme(ctx context.Context, g *coaching.Programme) error {
	a, x, vals, err := s.prepareProgramme(ctx, g)
	if err != nil {
		return err
	}
	now := s.now()
	err = s.write(ctx, func(tx *sql.Tx) error {
		old, err := s.loadProgramme(ctx, tx, a, x.ID, true)
		if err != nil {
			return err
		}
		if old.ArchivedAt != nil {
			return bina.Errorf(bina.Conflict, "Program ini sudah diarsipkan dan tidak dapat diubah", "This programme is archived and cannot be changed")
		}
		if old.Version != x.Version {
			return errChanged()
		}
		var p params
		sets := strings.Split(programmeColumns, ", ")
		for i := range sets {
			sets[i] += " = " + p.add(vals[i])
		}
		q := `UPDATE programmes SET ` + strings.Join(sets, ", ") + `, updated_at = ` + p.add(now) + `, version = version + 1 WHERE id = ` + p.add(x.ID) + ` AND version = ` + p.add(x.Version)
		res, err := tx.ExecContext(ctx, q, p.args...)
		if err != nil {
			return bina.Wrap(err, "update programme")
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errChanged()
		}
		if err := writeActivities(ctx, tx, &x); err != nil {
			return err
		}
		x.CreatedAt, x.UpdatedAt, x.Version, x.Participants = old.CreatedAt, now, old.Version+1, old.Participants
		return s.record(ctx, tx, coaching.EntityProgramme, x.ID, now, a.name(), actionUpdate, diffFields(programmeFields(old), programmeFields(&x)))
	})
	if err != nil {
		return err
	}
	*g = x
	return nil
}

// ArchiveProgramme archives a programme with a reason; nothing is deleted.
func (s *Store) ArchiveProgramme(ctx context.Context, id int64, reason string) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	if reason = strings.TrimSpace(reason); reason == "" {
		return invalidField("reason", "Alasan pengarsipan wajib diisi", "A reason for archiving is required")
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := s.loadProgramme(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if err := s.archive(ctx, tx, "programmes", old.ArchivedAt != nil, id, old.Version, reason, true, now); err != nil {
			return err
		}
		return s.record(ctx, tx, coaching.EntityProgramme, id, now, a.name(), actionArchive, []bina.Change{{After: reason}})
	})
}

var _ coaching.ProgrammeService = (*Store)(nil)
