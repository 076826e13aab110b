-- Certificates and licences of enterprises, outcome milestones, and the
-- review queue of certificate numbers found on two enterprises (issue 11).
-- programme_id, document_id and certificate_id are plain integers: the
-- tables they name arrive with other migrations.
CREATE TABLE certificates (
	id            INTEGER PRIMARY KEY,
	enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
	kind          TEXT NOT NULL,
	number        TEXT NOT NULL, -- normalised (bina.CheckCertificateNumber)
	issued_on     TEXT,
	expires_on    TEXT,
	issuer        TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL DEFAULT '',
	route         TEXT NOT NULL DEFAULT '',
	programme_id  INTEGER,
	document_id   INTEGER,
	notes         TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TIMESTAMP NOT NULL,
	updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX certificates_enterprise ON certificates (enterprise_id);
CREATE INDEX certificates_number ON certificates (kind, number);
-- The expiry list walks this index over the coming days, then joins the
-- enterprise for its desa (an enterprise may move, so no copy is kept).
CREATE INDEX certificates_expiry ON certificates (expires_on, id, enterprise_id) WHERE expires_on IS NOT NULL;
CREATE INDEX certificates_programme ON certificates (programme_id) WHERE programme_id IS NOT NULL;

CREATE TABLE certificate_reviews (
	id             INTEGER PRIMARY KEY,
	certificate_id INTEGER NOT NULL, -- the newer certificate (deleted when removed)
	other_id       INTEGER NOT NULL, -- the certificate stored first
	village_code   TEXT NOT NULL,    -- the newer certificate's enterprise, for region scope
	district_code  TEXT NOT NULL,
	state          TEXT NOT NULL,
	reason_id      TEXT NOT NULL,
	reason_en      TEXT NOT NULL,
	removed        TEXT NOT NULL DEFAULT '', -- JSON of a removed certificate
	resolved_by    TEXT NOT NULL DEFAULT '',
	resolved_at    TIMESTAMP,
	created_at     TIMESTAMP NOT NULL
);
CREATE INDEX certificate_reviews_state ON certificate_reviews (state, id);

CREATE TABLE milestones (
	id               INTEGER PRIMARY KEY,
	uuid             TEXT NOT NULL,
	enterprise_id    INTEGER NOT NULL REFERENCES enterprises (id),
	kind             TEXT NOT NULL,
	date             TEXT NOT NULL,
	amount           INTEGER NOT NULL DEFAULT 0,
	amount_before    INTEGER NOT NULL DEFAULT 0,
	jobs             INTEGER NOT NULL DEFAULT 0,
	financing_source TEXT NOT NULL DEFAULT '',
	bank             TEXT NOT NULL DEFAULT '',
	market           TEXT NOT NULL DEFAULT '',
	digital          INTEGER NOT NULL DEFAULT 0, -- bit set: social, marketplace, qris, website
	baseline         INTEGER NOT NULL DEFAULT 0,
	certificate_id   INTEGER,
	programme_id     INTEGER,
	recorded_by      TEXT NOT NULL,
	owner_confirmed  INTEGER NOT NULL DEFAULT 0,
	notes            TEXT NOT NULL DEFAULT '',
	created_at       TIMESTAMP NOT NULL
);
-- The same uuid posted twice is stored once.
CREATE UNIQUE INDEX milestones_uuid ON milestones (uuid);
CREATE INDEX milestones_enterprise ON milestones (enterprise_id, date);
CREATE INDEX milestones_programme ON milestones (programme_id) WHERE programme_id IS NOT NULL;
