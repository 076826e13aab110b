package sqlstore

import (
	"context"
	"database/sql"

	"bina"
)

// BoundaryFiles returns the uploaded boundary files. The boundaries are
// public geography: any signed-in account's maps read them.
func (s *Store) BoundaryFiles(ctx context.Context) ([]bina.BoundaryFile, error) {
	if _, err := s.actorOf(ctx); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT level, file_name, data, features, uploaded_by, uploaded_at FROM map_boundaries ORDER BY level`)
	if err != nil {
		return nil, bina.Wrap(err, "boundary files")
	}
	defer rows.Close()
	var out []bina.BoundaryFile
	for rows.Next() {
		var f bina.BoundaryFile
		if err := rows.Scan(&f.Level, &f.Name, &f.Data, &f.Features, &f.UploadedBy, &f.UploadedAt); err != nil {
			return nil, bina.Wrap(err, "boundary files")
		}
		out = append(out, f)
	}
	return out, bina.Wrap(rows.Err(), "boundary files")
}

// SaveBoundaryFile keeps f as its level's boundaries, replacing the
// level's earlier file.
func (s *Store) SaveBoundaryFile(ctx context.Context, f *bina.BoundaryFile) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() {
		return bina.Errorf(bina.Forbidden, "Hanya admin yang boleh mengganti batas wilayah peta", "Only admins may replace the map boundaries")
	}
	f.UploadedBy, f.UploadedAt = a.name(), s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO map_boundaries (level, file_name, data, features, uploaded_by, uploaded_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (level) DO UPDATE SET file_name = excluded.file_name, data = excluded.data, features = excluded.features,
				uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at`,
			int(f.Level), f.Name, f.Data, f.Features, f.UploadedBy, f.UploadedAt)
		return bina.Wrap(err, "save boundary file")
	})
}
