-- Partner accounts (issue 12): a cooperative's board, later a business
-- owner, signs in with an account bound to one record, made through a
-- one-time invitation; the board proposes changes to its profile, which
-- count once the office approves them.

-- The record a partner account belongs to; '' and 0 for office accounts.
ALTER TABLE users ADD COLUMN subject_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN subject_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_subject ON users (subject_kind, subject_id) WHERE subject_kind <> '';

-- Only a SHA-256 of the link's secret is kept; a link works once, until
-- expires_at, unless revoked.
CREATE TABLE invitations (
	id           INTEGER PRIMARY KEY,
	token_hash   TEXT NOT NULL UNIQUE,
	subject_kind TEXT NOT NULL,
	subject_id   INTEGER NOT NULL,
	name         TEXT NOT NULL,
	phone        TEXT NOT NULL DEFAULT '',
	created_by   TEXT NOT NULL,
	created_at   TIMESTAMP NOT NULL,
	expires_at   TIMESTAMP NOT NULL,
	used_at      TIMESTAMP,
	user_id      INTEGER REFERENCES users (id),
	revoked_at   TIMESTAMP,
	revoked_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX invitations_subject ON invitations (subject_kind, subject_id, id);

-- proposed and changes are JSON: the proposal as the board sent it, and
-- the differences against the record when proposed.
CREATE TABLE change_requests (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives (id),
	base_version   INTEGER NOT NULL,
	proposed       TEXT NOT NULL,
	changes        TEXT NOT NULL,
	note           TEXT NOT NULL DEFAULT '',
	state          TEXT NOT NULL,
	created_by     TEXT NOT NULL,
	created_by_id  INTEGER NOT NULL,
	created_at     TIMESTAMP NOT NULL,
	decided_by     TEXT NOT NULL DEFAULT '',
	decided_at     TIMESTAMP,
	decision_note  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX change_requests_cooperative ON change_requests (cooperative_id, id);
CREATE INDEX change_requests_state ON change_requests (state, id);
-- One pending request per cooperative at a time.
CREATE UNIQUE INDEX change_requests_pending ON change_requests (cooperative_id) WHERE state = 'pending';
