package sqlstore

import (
	"bina/indicator"
	"context"
	"database/sql"
	"errors"
	"time"

	"bina"
)

// Reports (indicator.ReportService) are rows of the reports table: the request
// (kind, year, region, theme, version), the job's state and progress, and
// once done the snapshot (figures as JSON) with its PDF and workbook,
// written once. The job's own methods (StartReport … FailReport) run as
// the system: the request was checked against its user's area.

const rakorColumns = `id, kind, year, region_code, version, theme, state, progress, error, created_by, created_at, taken_at, finished_at,
	COALESCE(length(pdf), 0), COALESCE(length(xlsx), 0)`

func scanRakor(row interface{ Scan(...any) error }) (*indicator.Report, error) {
	var r indicator.Report
	var region, state string
	var taken, finished sql.NullTime
	err := row.Scan(&r.ID, &r.Kind, &r.Year, &region, &r.Version, &r.Theme, &state, &r.Progress, &r.Error, &r.CreatedBy, &r.CreatedAt,
		&taken, &finished, &r.PDFSize, &r.XLSXSize)
	if err != nil {
		return nil, err
	}
	r.Region, r.State = bina.RegionCode(region), indicator.ReportRunState(state)
	r.TakenAt, r.FinishedAt = timePtr(taken), timePtr(finished)
	r.CreatedAt = r.CreatedAt.UTC()
	return &r, nil
}

func errRakorNotFound() error {
	return notFoundf("Laporan tidak ditemukan", "Report not found")
}

// RequestRakor stores a new version of the rakor report, queued.
func (s *Store) RequestRakor(ctx context.Context, q indicator.ReportRequest) (*indicator.Report, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if a.partner() {
		return nil, bina.Errorf(bina.Forbidden, "Anda tidak berhak membuat laporan", "You may not make reports")
	}
	if err := a.requireEdit(); err != nil {
		return nil, err
	}
	now := s.now()
	if err := q.Validate(now); err != nil {
		return nil, err
	}
	// The figures of the year, counted as the report will count them: a
	// year whose figures are all zero has nothing to report.
	vs, err := s.IndicatorValues(ctx, indicator.Query{Year: q.Year, Region: q.Region})
	if err != nil {
		return nil, err
	}
	if !indicator.HasData(vs) {
		return nil, indicator.ErrNoData(q.Year)
	}
	region := vs[0].RegionCode
	r := &indicator.Report{Kind: indicator.ReportKindRakor, Year: q.Year, Region: region, Theme: q.Theme, State: indicator.ReportQueued,
		CreatedBy: a.name(), CreatedAt: now}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var busy int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE kind = $1 AND year = $2 AND region_code = $3 AND state IN ('queued', 'running')`,
			r.Kind, r.Year, string(r.Region)).Scan(&busy)
		if err != nil {
			return bina.Wrap(err, "busy reports")
		}
		if busy > 0 {
			return indicator.ErrReportBusy(r.Year)
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM reports WHERE kind = $1 AND year = $2 AND region_code = $3`,
			r.Kind, r.Year, string(r.Region)).Scan(&r.Version); err != nil {
			return bina.Wrap(err, "report version")
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO reports (kind, year, region_code, version, theme, state, progress, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8) RETURNING id`, r.Kind, r.Year, string(r.Region), r.Version, r.Theme, string(r.State), r.CreatedBy, now).Scan(&r.ID)
		if s.d.isUnique(err) {
			// Another server stored the same request between our count and
			// our insert.
			return indicator.ErrReportBusy(r.Year)
		}
		return bina.Wrap(err, "insert report")
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// FindReport returns report id if it lies in the user's area.
func (s *Store) FindReport(ctx context.Context, id int64) (*indicator.Report, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.rakorReport(ctx, s.rdb, id)
	if err != nil {
		return nil, err
	}
	if a.partner() || !a.scope.Contains(r.Region) {
		return nil, errRakorNotFound()
	}
	return r, nil
}

func (s *Store) rakorReport(ctx context.Context, q querier, id int64) (*indicator.Report, error) {
	r, err := scanRakor(q.QueryRowContext(ctx, `SELECT `+rakorColumns+` FROM reports WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errRakorNotFound()
	}
	if err != nil {
		return nil, bina.Wrap(err, "find report")
	}
	return r, nil
}

// maxReportList bounds the list of reports read at once.
const maxReportList = 200

// ListReports returns the newest reports of kind in the user's area.
func (s *Store) ListReports(ctx context.Context, kind string, limit int) ([]indicator.Report, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if a.partner() {
		return []indicator.Report{}, nil
	}
	if limit <= 0 || limit > maxReportList {
		limit = maxReportList
	}
	// Reports are few (one or two versions a year per region); the area is
	// checked on the rows read rather than in SQL.
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+rakorColumns+` FROM reports WHERE kind = $1 ORDER BY id DESC LIMIT $2`, kind, maxReportList)
	if err != nil {
		return nil, bina.Wrap(err, "list reports")
	}
	defer rows.Close()
	out := []indicator.Report{}
	for rows.Next() {
		r, err := scanRakor(rows)
		if err != nil {
			return nil, bina.Wrap(err, "list reports")
		}
		if a.scope.Contains(r.Region) && len(out) < limit {
			out = append(out, *r)
		}
	}
	return out, bina.Wrap(rows.Err(), "list reports")
}

// ReportFile returns a file of a done report.
func (s *Store) ReportFile(ctx context.Context, id int64, format string) (*indicator.ReportFile, error) {
	r, err := s.FindReport(ctx, id)
	if err != nil {
		return nil, err
	}
	col, ctype := "", ""
	switch format {
	case indicator.ReportPDF:
		col, ctype = "pdf", "application/pdf"
	case indicator.ReportXLSX:
		col, ctype = "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	default:
		return nil, errRakorNotFound()
	}
	if r.State != indicator.ReportDone {
		return nil, notFoundf("Laporan belum selesai dibuat", "The report is not done yet")
	}
	f := &indicator.ReportFile{ContentType: ctype, Name: indicator.ReportFileName(r, format)}
	if err := s.rdb.QueryRowContext(ctx, `SELECT `+col+` FROM reports WHERE id = $1`, id).Scan(&f.Data); err != nil {
		return nil, bina.Wrap(err, "report file")
	}
	return f, nil
}

// StartReport marks a waiting report running and returns it. A report
// already done or failed is returned as it is: its job has nothing to do.
func (s *Store) StartReport(ctx context.Context, id int64) (*indicator.Report, error) {
	var r *indicator.Report
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET state = 'running', progress = 0 WHERE id = $1 AND state IN ('queued', 'running')`, id); err != nil {
			return bina.Wrap(err, "start report")
		}
		var err error
		r, err = s.rakorReport(ctx, tx, id)
		return err
	})
	return r, err
}

// ReportProgress records how far a running report got, in percent.
func (s *Store) ReportProgress(ctx context.Context, id int64, percent int) error {
	_, err := s.wdb.ExecContext(ctx, `UPDATE reports SET progress = $1 WHERE id = $2 AND state = 'running'`, min(max(percent, 0), 99), id)
	return bina.Wrap(err, "report progress")
}

// FinishReport stores the snapshot of a running report and marks it done.
// It writes a report once: one no longer running is a Conflict.
func (s *Store) FinishReport(ctx context.Context, id int64, figures []byte, takenAt time.Time, pdf, xlsx []byte) error {
	res, err := s.wdb.ExecContext(ctx, `UPDATE reports SET state = 'done', progress = 100, figures = $1, pdf = $2, xlsx = $3, taken_at = $4, finished_at = $5
WHERE id = $6 AND state = 'running'`, string(figures), pdf, xlsx, takenAt.UTC().Truncate(time.Microsecond), s.now(), id)
	if err != nil {
		return bina.Wrap(err, "finish report")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return bina.Errorf(bina.Conflict, "Laporan tidak sedang dibuat", "The report is not running")
	}
	return nil
}

// FailReport marks a waiting or running report failed with the reason.
func (s *Store) FailReport(ctx context.Context, id int64, reason string) error {
	_, err := s.wdb.ExecContext(ctx, `UPDATE reports SET state = 'failed', error = $1, finished_at = $2 WHERE id = $3 AND state IN ('queued', 'running')`,
		reason, s.now(), id)
	return bina.Wrap(err, "fail report")
}

// ReportFigures returns the stored figures (JSON) of a done report.
func (s *Store) ReportFigures(ctx context.Context, id int64) ([]byte, error) {
	if _, err := s.FindReport(ctx, id); err != nil {
		return nil, err
	}
	var figures sql.NullString
	if err := s.rdb.QueryRowContext(ctx, `SELECT figures FROM reports WHERE id = $1`, id).Scan(&figures); err != nil {
		return nil, bina.Wrap(err, "report figures")
	}
	if !figures.Valid {
		return nil, notFoundf("Laporan belum selesai dibuat", "The report is not done yet")
	}
	return []byte(figures.String), nil
}

// PendingReports returns the ids of reports waiting or running, oldest
// first: a server that starts enqueues their jobs again.
func (s *Store) PendingReports(ctx context.Context) ([]int64, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM reports WHERE state IN ('queued', 'running') ORDER BY id`)
	if err != nil {
		return nil, bina.Wrap(err, "pending reports")
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, bina.Wrap(err, "pending reports")
		}
		ids = append(ids, id)
	}
	return ids, bina.Wrap(rows.Err(), "pending reports")
}
