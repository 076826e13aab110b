-- Pembinaan (issue 11): programmes with their activities and participants,
-- the coaching ledger with follow-up tasks, officers' caseloads and the
-- attachments (photos, documents) kept with the data, so that a backup of
-- the database is a backup of everything. Sessions, attachments and
-- milestones carry an id made by whoever records them (uuid), so that the
-- same record sent twice by the offline field app is stored once.

CREATE TABLE programmes (
	id             INTEGER PRIMARY KEY,
	name           TEXT NOT NULL,
	year           INTEGER NOT NULL,
	kind           TEXT NOT NULL,              -- bina.ProgrammeKinds
	themes         TEXT NOT NULL DEFAULT '',   -- bina.CoachingThemes codes, comma-separated
	funding_source TEXT NOT NULL DEFAULT '',   -- bina.FundingSources
	funding_amount INTEGER NOT NULL DEFAULT 0, -- whole rupiah
	organiser      TEXT NOT NULL DEFAULT '',
	starts_on      TEXT NOT NULL,
	ends_on        TEXT NOT NULL,
	place          TEXT NOT NULL DEFAULT '',
	quota          INTEGER NOT NULL DEFAULT 0,
	region_code    TEXT NOT NULL DEFAULT '',   -- target region: a kecamatan, a desa or '' for the whole deployment
	criteria       TEXT NOT NULL DEFAULT '',   -- the candidate criteria, JSON of bina.CandidateCriteria
	description    TEXT NOT NULL DEFAULT '',
	created_at     TIMESTAMP NOT NULL,
	updated_at     TIMESTAMP NOT NULL,
	version        INTEGER NOT NULL DEFAULT 1,
	archived_at    TIMESTAMP,
	archive_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX programmes_year ON programmes (year, id);

-- The sessions of a training, the days of an exhibition.
CREATE TABLE programme_activities (
	id           INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programmes (id),
	name         TEXT NOT NULL,
	starts_on    TEXT NOT NULL,
	ends_on      TEXT NOT NULL,
	place        TEXT NOT NULL DEFAULT '',
	village_code TEXT NOT NULL DEFAULT ''
);
CREATE INDEX programme_activities_programme ON programme_activities (programme_id, starts_on);

-- One business in one programme. reached_on is the day the business took
-- part (set when it attended or completed); the reach figures read it.
CREATE TABLE programme_participants (
	id            INTEGER PRIMARY KEY,
	programme_id  INTEGER NOT NULL REFERENCES programmes (id),
	enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
	state         TEXT NOT NULL,              -- bina.ParticipantStates
	reached_on    TEXT,
	source        TEXT NOT NULL DEFAULT '',   -- candidate list, walk-in, attendance sheet
	invited_at    TIMESTAMP,
	notes         TEXT NOT NULL DEFAULT '',
	created_at    TIMESTAMP NOT NULL,
	updated_at    TIMESTAMP NOT NULL,
	version       INTEGER NOT NULL DEFAULT 1,
	UNIQUE (programme_id, enterprise_id)
);
CREATE INDEX programme_participants_enterprise ON programme_participants (enterprise_id, reached_on);

-- The field officer in charge of a business.
CREATE TABLE caseload (
	enterprise_id INTEGER PRIMARY KEY REFERENCES enterprises (id),
	officer_id    INTEGER NOT NULL REFERENCES users (id),
	assigned_at   TIMESTAMP NOT NULL
);
CREATE INDEX caseload_officer ON caseload (officer_id, enterprise_id);

-- The coaching ledger: one row per session with a business.
CREATE TABLE coaching_sessions (
	id               INTEGER PRIMARY KEY,
	uuid             TEXT NOT NULL UNIQUE,
	enterprise_id    INTEGER NOT NULL REFERENCES enterprises (id),
	officer_id       INTEGER,                  -- the user who coached; NULL for the system
	officer_name     TEXT NOT NULL DEFAULT '',
	held_on          TEXT NOT NULL,
	mode             TEXT NOT NULL,            -- bina.CoachingModes
	duration_minutes INTEGER NOT NULL DEFAULT 0,
	topics           TEXT NOT NULL DEFAULT '', -- bina.CoachingThemes codes, comma-separated
	advice           TEXT NOT NULL DEFAULT '',
	notes            TEXT NOT NULL DEFAULT '',
	next_visit_on    TEXT,
	programme_id     INTEGER REFERENCES programmes (id),
	created_at       TIMESTAMP NOT NULL,
	updated_at       TIMESTAMP NOT NULL,
	version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX coaching_sessions_enterprise ON coaching_sessions (enterprise_id, held_on);
CREATE INDEX coaching_sessions_officer ON coaching_sessions (officer_id, held_on);
CREATE INDEX coaching_sessions_held ON coaching_sessions (held_on, id);

CREATE TABLE coaching_followups (
	id         INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES coaching_sessions (id),
	task       TEXT NOT NULL,
	due_on     TEXT NOT NULL,
	done_on    TEXT
);
CREATE INDEX coaching_followups_session ON coaching_followups (session_id);
CREATE INDEX coaching_followups_open ON coaching_followups (due_on) WHERE done_on IS NULL;

-- Photos and documents, with the data (see bina.AttachmentStore).
CREATE TABLE attachments (
	id            INTEGER PRIMARY KEY,
	uuid          TEXT NOT NULL UNIQUE,
	enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
	owner_kind    TEXT NOT NULL,  -- what it belongs to: session, certificate, milestone, enterprise
	owner_id      INTEGER NOT NULL,
	content_type  TEXT NOT NULL,
	size          INTEGER NOT NULL,
	sha256        TEXT NOT NULL,
	caption       TEXT NOT NULL DEFAULT '',
	data          BLOB NOT NULL,
	created_at    TIMESTAMP NOT NULL,
	created_by    TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id);
CREATE INDEX attachments_enterprise ON attachments (enterprise_id);

-- When the office last reached a business (a completed or attended
-- activity, or a coaching session), and why it is binaan when a person
-- decided it: the store keeps these as it writes, so the reach figures and
-- the binaan flag follow from the records.
ALTER TABLE enterprises ADD COLUMN reached_first TEXT;
ALTER TABLE enterprises ADD COLUMN reached_last TEXT;
ALTER TABLE enterprises ADD COLUMN binaan_decided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE enterprises ADD COLUMN binaan_reason TEXT NOT NULL DEFAULT '';
