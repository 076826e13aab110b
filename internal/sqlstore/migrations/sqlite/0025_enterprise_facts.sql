-- The register's figures (issue 13): enterprises, live and archived, per
-- desa, one breakdown value (dim, key: '' '' for the whole), the year the
-- record was created and the year it was archived (0: live), with the
-- sums every enterprise indicator needs. Kept by every write in its own
-- transaction like enterprise_counts (counts.go), so that an indicator and
-- each of its breakdowns read a few thousand rows, never the register.
CREATE TABLE enterprise_facts (
	village_code  TEXT NOT NULL,
	district_code TEXT NOT NULL,
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
	paid_male     INTEGER NOT NULL DEFAULT 0,
	paid_female   INTEGER NOT NULL DEFAULT 0,
	unpaid_male   INTEGER NOT NULL DEFAULT 0,
	unpaid_female INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (village_code, dim, key, created_year, closed_year)
) WITHOUT ROWID;
CREATE INDEX enterprise_facts_dim ON enterprise_facts (dim, district_code, village_code);

-- The validity of an owner's NIK is bina.CheckNIK, which SQL cannot say:
-- the rows are counted by the program after this migration (Migrate reads
-- summary_rebuilds).
CREATE TABLE summary_rebuilds (name TEXT PRIMARY KEY);
INSERT INTO summary_rebuilds (name) VALUES ('enterprise_facts');

-- Certificates issued and financing obtained in a year are counted from
-- their own rows, by these indexes.
CREATE INDEX certificates_issued ON certificates (issued_on, kind, enterprise_id);
CREATE INDEX milestones_kind_date ON milestones (kind, date, enterprise_id, amount);
