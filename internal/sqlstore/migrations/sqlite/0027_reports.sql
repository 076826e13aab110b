-- Reports made from the indicators (issue 13): one row per version of the
-- rakor report of a year and region. A job fills figures (the snapshot as
-- JSON), pdf and xlsx once and never again; asking again adds a row with
-- the next version. The partial unique index lets only one report of a
-- year and region wait or run at a time, whichever server is asked.
CREATE TABLE reports (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL,
	year        INTEGER NOT NULL,
	region_code TEXT NOT NULL,
	version     INTEGER NOT NULL,
	theme       TEXT NOT NULL DEFAULT '',
	state       TEXT NOT NULL,
	progress    INTEGER NOT NULL DEFAULT 0,
	error       TEXT NOT NULL DEFAULT '',
	created_by  TEXT NOT NULL,
	created_at  TIMESTAMP NOT NULL,
	taken_at    TIMESTAMP,
	finished_at TIMESTAMP,
	figures     TEXT,
	pdf         BLOB,
	xlsx        BLOB,
	UNIQUE (kind, year, region_code, version)
);
CREATE UNIQUE INDEX reports_busy ON reports (kind, year, region_code) WHERE state IN ('queued', 'running');
CREATE INDEX reports_newest ON reports (kind, id);
