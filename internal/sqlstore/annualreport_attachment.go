package sqlstore

import (
	"bina/supervision"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"

	"bina"
)

// The documents of annual reports, kept with their data like the
// attachments of issue 11, and seen by whoever reaches the cooperative.

const reportAttachmentColumns = `id, cooperative_id, book_year, version, kind, file_name, content_type, size, sha256, created_at, created_by`

func scanReportAttachment(sc scanner, x *supervision.ReportAttachment, more ...any) error {
	err := sc.Scan(append([]any{&x.ID, &x.CooperativeID, &x.BookYear, &x.Version, &x.Kind, &x.FileName, &x.ContentType, &x.Size, &x.SHA256,
		&x.CreatedAt, &x.CreatedBy}, more...)...)
	x.CreatedAt = x.CreatedAt.UTC()
	return err
}

// AddReportAttachment stores a document with the newest version of a
// report that is not accepted.
func (s *Store) AddReportAttachment(ctx context.Context, x *supervision.ReportAttachment) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireReportEdit(); err != nil {
		return err
	}
	var p bina.Problems
	if !supervision.ReportAttachmentKinds.Has(x.Kind) {
		p.Add("kind", "Pilih jenis dokumen: notulen RAT, daftar hadir, surat pernyataan atau dokumen lain", "Choose the kind of document: RAT minutes, attendance list, signed statement or other")
	}
	ct, err := supervision.CheckReportFile(x.Data, x.ContentType)
	if err != nil {
		p.Fields = append(p.Fields, bina.ErrorFields(err)...)
	}
	if err := p.Err(); err != nil {
		return err
	}
	x.ContentType, x.FileName = ct, supervision.CleanFileName(x.FileName)
	sum := sha256.Sum256(x.Data)
	x.SHA256, x.Size = hex.EncodeToString(sum[:]), int64(len(x.Data))
	now := s.now()
	_, err = s.writeLatestReport(ctx, a, x.CooperativeID, x.BookYear, func(tx *sql.Tx, r *supervision.AnnualReport) error {
		if r.State == supervision.ReportAccepted {
			return editable(r)
		}
		x.Version, x.CreatedAt, x.CreatedBy = r.Version, now, a.name()
		err = tx.QueryRowContext(ctx, `INSERT INTO report_attachments (cooperative_id, book_year, version, kind, file_name, content_type, size, sha256, data, created_at, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			x.CooperativeID, x.BookYear, x.Version, x.Kind, x.FileName, x.ContentType, x.Size, x.SHA256, x.Data, now, x.CreatedBy).Scan(&x.ID)
		if err != nil {
			return bina.Wrap(err, "insert report attachment")
		}
		return reportEvent(ctx, tx, r, "attach", r.State, r.State, x.FileName, now, a.name())
	})
	return err
}

// ListReportAttachments returns the documents of every version of a
// report, without their data, oldest first.
func (s *Store) ListReportAttachments(ctx context.Context, cooperativeID int64, year int) ([]supervision.ReportAttachment, error) {
	var out []supervision.ReportAttachment
	err := s.readReports(ctx, cooperativeID, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+reportAttachmentColumns+` FROM report_attachments WHERE cooperative_id = $1 AND book_year = $2 ORDER BY id`, cooperativeID, year)
		if err != nil {
			return bina.Wrap(err, "list report attachments")
		}
		defer rows.Close()
		for rows.Next() {
			var x supervision.ReportAttachment
			if err := scanReportAttachment(rows, &x); err != nil {
				return bina.Wrap(err, "list report attachments")
			}
			out = append(out, x)
		}
		return bina.Wrap(rows.Err(), "list report attachments")
	})
	return out, err
}

// GetReportAttachment returns one document of a report with its data.
func (s *Store) GetReportAttachment(ctx context.Context, cooperativeID int64, year int, id int64) (*supervision.ReportAttachment, error) {
	var x supervision.ReportAttachment
	err := s.readReports(ctx, cooperativeID, func(tx *sql.Tx) error {
		err := scanReportAttachment(tx.QueryRowContext(ctx, `SELECT `+reportAttachmentColumns+`, data FROM report_attachments WHERE id = $1 AND cooperative_id = $2 AND book_year = $3`,
			id, cooperativeID, year), &x, &x.Data)
		if err == sql.ErrNoRows {
			return errAttachmentNotFound()
		}
		return bina.Wrap(err, "read report attachment")
	})
	if err != nil {
		return nil, err
	}
	return &x, nil
}
