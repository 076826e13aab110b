-- Cooperatives counted, kept current (issue 13, docs/indikator.md):
-- the register's figures (coop_registered, coop_active, kdmp_progress)
-- read a few rows of coop_counts instead of counting the cooperatives
-- table. Every write of a cooperative brings its one count in step in its
-- own transaction (coop_counts.go); the rows are filled in Go after the
-- migrations, when coop_counts_version is below the version the store
-- writes, because the years are taken in the deployment's time zone.

-- The counts per region of every level (0 the country with region_code
-- '', 1 province, 2 regency, 3 kecamatan, 4 desa; parent_code the region
-- one level up), type, group, KDMP flag, book year of the last held RAT
-- (0: none), so that "active" (last_rat_year >= a moving year) stays a
-- range on the key, and the years the cooperative was created and
-- archived (0: live), which place it in a past year. Both are years of
-- its record in Bina, so they take few values.
CREATE TABLE coop_counts (
	level         INTEGER NOT NULL,
	region_code   TEXT NOT NULL,
	parent_code   TEXT NOT NULL,
	jenis         TEXT NOT NULL,
	kelompok      TEXT NOT NULL,
	kdmp          INTEGER NOT NULL,
	rat_year      INTEGER NOT NULL,
	created_year  INTEGER NOT NULL,
	archived_year INTEGER NOT NULL,
	cooperatives  INTEGER NOT NULL,
	PRIMARY KEY (level, region_code, jenis, kelompok, kdmp, rat_year, created_year, archived_year)
);
CREATE INDEX coop_counts_children ON coop_counts (level, parent_code);

-- What each cooperative was counted as, so that a write takes the old
-- count out without knowing which fields it changed.
CREATE TABLE coop_counted (
	cooperative_id INTEGER PRIMARY KEY REFERENCES cooperatives (id),
	village_code   TEXT NOT NULL,
	district_code  TEXT NOT NULL,
	jenis          TEXT NOT NULL,
	kelompok       TEXT NOT NULL,
	kdmp           INTEGER NOT NULL,
	rat_year       INTEGER NOT NULL,
	created_year   INTEGER NOT NULL,
	archived_year  INTEGER NOT NULL
);

CREATE TABLE coop_counts_version (
	version INTEGER NOT NULL
);
INSERT INTO coop_counts_version (version) VALUES (0);
