-- RATs on time, counted and kept current (docs/indikator.md): the
-- indicator coop_rat_on_time reads a few rows of rat_counts instead of
-- deciding every cooperative's RAT per request. Every write of a RAT or a
-- cooperative brings the cooperative's rows in step in its own
-- transaction (rat_counts.go); a change of the compliance settings counts
-- them all again. The rows are filled in Go after the migrations, when
-- rat_counts_version is below the version the store writes.

-- The held RATs of live cooperatives founded by the end of the book year,
-- per region of every level (as coop_counts), book year, held_ok (held on
-- or before the RAT due date of the settings in effect) and report (0
-- reported by the report due date, 1 reported later, 2 not reported).
CREATE TABLE rat_counts (
	level        INTEGER NOT NULL,
	region_code  TEXT NOT NULL,
	parent_code  TEXT NOT NULL,
	book_year    INTEGER NOT NULL,
	held_ok      INTEGER NOT NULL,
	report       INTEGER NOT NULL,
	cooperatives INTEGER NOT NULL,
	PRIMARY KEY (level, region_code, book_year, held_ok, report)
);

-- The RATs counted, with their dates, so that a write takes the old count
-- out and a change of the settings counts again without the rats table.
CREATE TABLE rat_counted (
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives (id),
	book_year      INTEGER NOT NULL,
	village_code   TEXT NOT NULL,
	district_code  TEXT NOT NULL,
	held_on        TEXT NOT NULL,
	reported_on    TEXT,
	PRIMARY KEY (cooperative_id, book_year)
);

CREATE TABLE rat_counts_version (
	version INTEGER NOT NULL
);
INSERT INTO rat_counts_version (version) VALUES (0);
