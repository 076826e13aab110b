-- Annual reports of cooperatives (issue 12): one row per version of a
-- book year's report. The statements are JSON objects keyed by the line
-- codes of KOPERASI.md: they are read and written whole, never queried
-- line by line, and the line catalogue grows without a migration. The
-- figures the lists need (state, source) are columns.
CREATE TABLE annual_reports (
	id               INTEGER PRIMARY KEY,
	cooperative_id   INTEGER NOT NULL REFERENCES cooperatives (id),
	book_year        INTEGER NOT NULL,
	version          INTEGER NOT NULL,
	state            TEXT NOT NULL,             -- bina.ReportStates
	revision         INTEGER NOT NULL DEFAULT 1, -- rises with every change of this version
	source           TEXT NOT NULL DEFAULT 'manual',
	jenis            TEXT NOT NULL,
	pola             TEXT NOT NULL,
	kuk              INTEGER NOT NULL DEFAULT 0,
	rat_held_on      TEXT,
	members_present  INTEGER NOT NULL DEFAULT 0,
	decisions        TEXT NOT NULL DEFAULT '',
	neraca           TEXT NOT NULL DEFAULT '{}',
	phu              TEXT NOT NULL DEFAULT '{}',
	kolektibilitas   TEXT NOT NULL DEFAULT '{}',
	schedules        TEXT NOT NULL DEFAULT '{}',
	members          TEXT NOT NULL DEFAULT '{}',
	shu_distribution TEXT NOT NULL DEFAULT '[]',
	errors           INTEGER NOT NULL DEFAULT 0, -- error-level problems when last saved
	return_note      TEXT NOT NULL DEFAULT '',
	submitted_at     TIMESTAMP,
	submitted_by     TEXT NOT NULL DEFAULT '',
	accepted_at      TIMESTAMP,
	accepted_by      TEXT NOT NULL DEFAULT '',
	created_at       TIMESTAMP NOT NULL,
	updated_at       TIMESTAMP NOT NULL,
	updated_by       TEXT NOT NULL DEFAULT '',
	UNIQUE (cooperative_id, book_year, version)
);
CREATE INDEX annual_reports_year ON annual_reports (book_year, cooperative_id, version);

-- Every step of a report: saves, state changes, corrections, with who,
-- when and the note.
CREATE TABLE annual_report_events (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives (id),
	book_year      INTEGER NOT NULL,
	version        INTEGER NOT NULL,
	action         TEXT NOT NULL,
	from_state     TEXT NOT NULL DEFAULT '',
	to_state       TEXT NOT NULL DEFAULT '',
	note           TEXT NOT NULL DEFAULT '',
	happened_at    TIMESTAMP NOT NULL,
	by_name        TEXT NOT NULL
);
CREATE INDEX annual_report_events_report ON annual_report_events (cooperative_id, book_year, id);

-- RAT minutes, attendance lists and signed statements, kept with their
-- data like the attachments of issue 11 (which belong to an enterprise and
-- cannot hold a cooperative's document).
CREATE TABLE report_attachments (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives (id),
	book_year      INTEGER NOT NULL,
	version        INTEGER NOT NULL,
	kind           TEXT NOT NULL,
	file_name      TEXT NOT NULL,
	content_type   TEXT NOT NULL,
	size           INTEGER NOT NULL,
	sha256         TEXT NOT NULL,
	data           BLOB NOT NULL,
	created_at     TIMESTAMP NOT NULL,
	created_by     TEXT NOT NULL
);
CREATE INDEX report_attachments_report ON report_attachments (cooperative_id, book_year, id);
