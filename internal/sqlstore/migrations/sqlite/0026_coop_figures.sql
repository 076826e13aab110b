-- Cooperative figures kept current (issue 13, docs/indikator.md): what the
-- annual report and health assessment of each cooperative's book year add
-- to the cooperative indicators, and their sums per region, type, group
-- and health category. Both are written in the transaction of every
-- change of a report, an assessment or the cooperative itself, so that a
-- figure is a read of a few sums rather than a scan of the reports'
-- statements (JSON) per page view. The rows are filled in Go
-- (bina.FiguresOf) after the migrations, when coop_figures_version is
-- below the version the store writes.
CREATE TABLE coop_figures (
	cooperative_id  INTEGER NOT NULL REFERENCES cooperatives (id),
	book_year       INTEGER NOT NULL,
	-- the cooperative's place, type and group, and whether it is live,
	-- as the sums counted it
	village_code    TEXT NOT NULL,
	district_code   TEXT NOT NULL,
	jenis           TEXT NOT NULL,
	kelompok        TEXT NOT NULL,
	live            INTEGER NOT NULL,
	reported        INTEGER NOT NULL, -- a version submitted or accepted
	accepted        INTEGER NOT NULL, -- a version accepted: the figures below are the newest one's
	health          TEXT NOT NULL,    -- category of the newest assessment; '' none
	own_capital     INTEGER NOT NULL,
	assets          INTEGER NOT NULL,
	business_volume INTEGER NOT NULL,
	shu             INTEGER NOT NULL,
	members_female  INTEGER NOT NULL,
	members_male    INTEGER NOT NULL,
	members_other   INTEGER NOT NULL,
	PRIMARY KEY (cooperative_id, book_year)
);

-- The sums of the live cooperatives' rows, rolled up to every level of
-- region (region_code '' is the country) and along one dimension at a
-- time (dim '': none; 'jenis', 'kelompok', 'health' with its value), so
-- that every figure and breakdown is a read of a handful of rows by key,
-- in a regency as in the whole country.
CREATE TABLE coop_figure_sums (
	book_year       INTEGER NOT NULL,
	region_code     TEXT NOT NULL,
	parent_code     TEXT NOT NULL,
	dim             TEXT NOT NULL,
	value           TEXT NOT NULL,
	cooperatives    INTEGER NOT NULL,
	reported        INTEGER NOT NULL,
	accepted        INTEGER NOT NULL,
	assessed        INTEGER NOT NULL,
	own_capital     INTEGER NOT NULL,
	assets          INTEGER NOT NULL,
	business_volume INTEGER NOT NULL,
	shu             INTEGER NOT NULL,
	members_female  INTEGER NOT NULL,
	members_male    INTEGER NOT NULL,
	members_other   INTEGER NOT NULL,
	PRIMARY KEY (book_year, region_code, dim, value)
);
CREATE INDEX coop_figure_sums_children ON coop_figure_sums (book_year, parent_code, dim);

CREATE TABLE coop_figures_version (
	version INTEGER NOT NULL
);
INSERT INTO coop_figures_version (version) VALUES (0);

-- The village cooperatives (KDMP) with the dates that place them in a
-- year: KDMP progress of a past year reads this index alone (the live ones
-- of today read cooperatives_live_kdmp).
CREATE INDEX cooperatives_kdmp_dates ON cooperatives (village_code, created_at, archived_at) WHERE kdmp = 1;
