-- The register's figures (issue 13): enterprises, live and archived, per
-- region of every level from the deployment's own down to the desa, one
-- breakdown value (dim, key; '' '' for the whole), the year the record was
-- created and the year it was archived (0: live), with the sums every
-- enterprise indicator needs. Kept by every write in its own transaction
-- like enterprise_counts (counts.go, facts.go), so that a figure of any
-- region reads that region's rows and a breakdown by region its
-- children's: a few hundred rows, never the register.
CREATE TABLE enterprise_facts (
	region_code   TEXT NOT NULL,
	level         INTEGER NOT NULL,
	dim           TEXT NOT NULL,
	key           TEXT NOT NULL,
	created_year  INTEGER NOT NULL,
	closed_year   INTEGER NOT NULL,
	total         INTEGER NOT NULL DEFAULT 0,
	verified      INTEGER NOT NULL DEFAULT 0,
	binaan        INTEGER NOT NULL DEFAULT 0,
	digital       INTEGER NOT NULL DEFAULT 0,
	women         INTEGER NOT NULL DEFAULT 0,
	kbli          INTEGER NOT NULL DEFAULT 0,
	nik_valid     INTEGER NOT NULL DEFAULT 0,
	no_village    INTEGER NOT NULL DEFAULT 0,
	paid_male     INTEGER NOT NULL DEFAULT 0,
	paid_female   INTEGER NOT NULL DEFAULT 0,
	unpaid_male   INTEGER NOT NULL DEFAULT 0,
	unpaid_female INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (region_code, dim, key, created_year, closed_year)
) WITHOUT ROWID;
-- A breakdown by region: the children of a region, one level down.
CREATE INDEX enterprise_facts_children ON enterprise_facts (level, dim, region_code);

-- Which summaries hold, and for which regions: NIK validity is
-- bina.CheckNIK and a desa's being known is the reference in force, which
-- SQL cannot say, so the program counts the table after this migration and
-- again when the regions change (Migrate).
CREATE TABLE summary_versions (name TEXT PRIMARY KEY, version TEXT NOT NULL);
INSERT INTO summary_versions (name, version) VALUES ('enterprise_facts', '');

-- Certificates and financing obtained of live enterprises, per region of
-- every level like enterprise_facts: what ('cert' or 'financing'), key
-- (the certificate kind), the year issued or obtained, the year a
-- certificate expires (0: never), whether it counts as held (a trademark
-- only once registered); their number and rupiah. Kept by the writes of
-- certificates and milestones and by the moves of their enterprise
-- (pembinaan_facts.go).
CREATE TABLE pembinaan_facts (
	region_code  TEXT NOT NULL,
	level        INTEGER NOT NULL,
	what         TEXT NOT NULL,
	key          TEXT NOT NULL,
	year         INTEGER NOT NULL,
	expires_year INTEGER NOT NULL,
	held         INTEGER NOT NULL,
	n            INTEGER NOT NULL DEFAULT 0,
	amount       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (region_code, what, key, year, expires_year, held)
) WITHOUT ROWID;
CREATE INDEX pembinaan_facts_children ON pembinaan_facts (level, what, region_code);
