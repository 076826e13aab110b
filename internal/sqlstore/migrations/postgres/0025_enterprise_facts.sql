-- The register's figures (issue 13): enterprises, live and archived, per
-- desa, one breakdown value (dim, key: '' '' for the whole), the year the
-- record was created and the year it was archived (0: live), with the
-- sums every enterprise indicator needs. Kept by every write in its own
-- transaction like enterprise_counts (counts.go), so that an indicator and
-- each of its breakdowns read a few thousand rows, never the register.
CREATE TABLE enterprise_facts (
	village_code  TEXT COLLATE "C" NOT NULL,
	district_code TEXT COLLATE "C" NOT NULL,
	dim           TEXT COLLATE "C" NOT NULL,
	key           TEXT COLLATE "C" NOT NULL,
	created_year  INTEGER NOT NULL,
	closed_year   INTEGER NOT NULL,
	total         BIGINT NOT NULL DEFAULT 0,
	verified      BIGINT NOT NULL DEFAULT 0,
	binaan        BIGINT NOT NULL DEFAULT 0,
	digital       BIGINT NOT NULL DEFAULT 0,
	women         BIGINT NOT NULL DEFAULT 0,
	kbli          BIGINT NOT NULL DEFAULT 0,
	nik_valid     BIGINT NOT NULL DEFAULT 0,
	paid_male     BIGINT NOT NULL DEFAULT 0,
	paid_female   BIGINT NOT NULL DEFAULT 0,
	unpaid_male   BIGINT NOT NULL DEFAULT 0,
	unpaid_female BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (village_code, dim, key, created_year, closed_year)
);
CREATE INDEX enterprise_facts_dim ON enterprise_facts (dim, district_code, village_code);

-- The validity of an owner's NIK is bina.CheckNIK, which SQL cannot say:
-- the rows are counted by the program after this migration (Migrate reads
-- summary_rebuilds).
CREATE TABLE summary_rebuilds (name TEXT PRIMARY KEY);
INSERT INTO summary_rebuilds (name) VALUES ('enterprise_facts');

-- Certificates issued and financing obtained in a year are counted from
-- their own rows, by these indexes.
CREATE INDEX certificates_issued ON certificates (issued_on, kind, enterprise_id);
CREATE INDEX milestones_kind_date ON milestones (kind, date, enterprise_id) INCLUDE (amount);
