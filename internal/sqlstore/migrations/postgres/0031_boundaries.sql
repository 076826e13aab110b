-- A deployment's own region boundaries for the dashboard maps (issue 13):
-- one GeoJSON file per level (2 kabupaten/kota, 3 kecamatan, 4 desa),
-- checked against the regions before it is kept. Kept in the database, not
-- beside it, so that every app server of a PostgreSQL deployment and every
-- backup holds it (docs/peta-dan-grafik.md).
CREATE TABLE map_boundaries (
	level       INTEGER PRIMARY KEY,
	file_name   TEXT NOT NULL,
	data        BYTEA NOT NULL,
	features    INTEGER NOT NULL,
	uploaded_by TEXT NOT NULL,
	uploaded_at TIMESTAMPTZ NOT NULL
);
