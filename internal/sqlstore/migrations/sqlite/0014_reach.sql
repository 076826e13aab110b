-- Who the office reached (issue 11): live enterprises per desa and the year
-- they were last reached (0: never), kept by every write in its own
-- transaction like enterprise_counts, so that the reach figures read a few
-- thousand rows instead of the register.
CREATE TABLE reach_counts (
	village_code  TEXT NOT NULL,
	district_code TEXT NOT NULL,
	last_year     INTEGER NOT NULL,
	total         INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (village_code, last_year)
) WITHOUT ROWID;
CREATE INDEX reach_counts_district ON reach_counts (district_code, last_year);

INSERT INTO reach_counts (village_code, district_code, last_year, total)
SELECT village_code, district_code, COALESCE(CAST(substr(reached_last, 1, 4) AS INTEGER), 0), count(*)
FROM enterprises WHERE archived_at IS NULL
GROUP BY village_code, district_code, COALESCE(CAST(substr(reached_last, 1, 4) AS INTEGER), 0);

-- The lists behind the figures (never, ever, since a year) and the daily
-- expiry of binaan read ranges of reached_last.
CREATE INDEX enterprises_live_reached ON enterprises (reached_last, id, village_code, facets) WHERE archived_at IS NULL;

-- Binaan follows from the records now. A flag set before, by the demo or a
-- spreadsheet, has no record behind it: it stays, as a staff decision.
UPDATE enterprises SET binaan_decided = 1, binaan_reason = 'data impor' WHERE binaan = 1 AND binaan_decided = 0;
