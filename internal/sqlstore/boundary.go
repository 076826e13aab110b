package sqlstore

import (
	"bina/indicator"
	"context"
	"database/sql"

	"bina"
)

// BoundaryFiles returns the uploaded boundary files. The boundaries are
// public geography: any signed-in account's maps read them.
func (s *Store) BoundaryFiles(ctx context.Context) ([]indicator.BoundaryFile, error) {
	if _, err := s.actorOf(ctx); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT level, file_name, data, features, uploaded_by, uploaded_at FROM map_boundaries ORDER BY level`)
	if err != nil {
		return nil, bina.Wrap(err, "boundary files")
	}
	defer rows.Close()
	var out []indicator.BoundaryFile
	for rows.Next() {
		var f indicator.BoundaryFile
		if err := rows.Scan(&f.Level, &f.Name, &f.Data, &f.Features, &f.UploadedBy, &f.UploadedAt); err != nil {
			return nil, bina.Wrap(err, "boundary files")
		}
		out = append(out, f)
	}
	return out, bina.Wrap(rows.Err(), "boundary files")
}

// SaveBoundaryFile keeps f as its level's boundaries, replacing the
// level's earlier file.
func (s *Store) SaveBoundaryFile(ctx context.Context, f *indicator.BoundaryFile) error {
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

// EnterprisePoints returns businesses with coordinates in a kecamatan or
// desa, for the map's points.
func (s *Store) EnterprisePoints(ctx context.Context, region bina.RegionCode, limit int) ([]indicator.MapPoint, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if a.masked() || a.partner() {
		return nil, bina.Errorf(bina.Forbidden, "Lokasi usaha hanya untuk akun yang boleh melihat alamat", "Business locations are for accounts that may see addresses")
	}
	column := "district_code"
	switch region.Level() {
	case bina.LevelDistrict:
	case bina.LevelVillage:
		column = "village_code"
	default:
		return nil, invalidField("region", "Lokasi usaha ditampilkan per kecamatan atau desa", "Business locations are shown per kecamatan or desa")
	}
	if !a.sees(region) {
		return nil, bina.Errorf(bina.NotFound, "Wilayah %s di luar wilayah kerja Anda", "Region %s is outside your area", region)
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, name, latitude, longitude FROM enterprises
		WHERE `+column+` = $1 AND archived_at IS NULL AND latitude IS NOT NULL AND longitude IS NOT NULL
		ORDER BY id LIMIT $2`, string(region), limit)
	if err != nil {
		return nil, bina.Wrap(err, "enterprise points")
	}
	defer rows.Close()
	out := []indicator.MapPoint{}
	for rows.Next() {
		var p indicator.MapPoint
		if err := rows.Scan(&p.ID, &p.Name, &p.Latitude, &p.Longitude); err != nil {
			return nil, bina.Wrap(err, "enterprise points")
		}
		out = append(out, p)
	}
	return out, bina.Wrap(rows.Err(), "enterprise points")
}
