-- Surat Keterangan UMK Binaan (PEMBINAAN.md section A). A letter keeps the
-- business, letterhead and signatory as issued (document holds the
-- letterhead, the business and the basis lines as JSON), so that its PDF
-- renders to the bytes whose SHA-256 it keeps. Numbers come from
-- letter_counters, one row per year raised in the issuing transaction: a
-- rolled-back issue gives its number back, so there are no gaps, and the
-- unique keys make sure no number is ever used twice.
CREATE TABLE letters (
	id              INTEGER PRIMARY KEY,
	enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id),
	number          TEXT NOT NULL UNIQUE,
	year            INTEGER NOT NULL,
	serial          INTEGER NOT NULL,
	purpose         TEXT NOT NULL,
	purpose_note    TEXT NOT NULL DEFAULT '',
	mark_name       TEXT NOT NULL DEFAULT '',
	mark_goods      TEXT NOT NULL DEFAULT '',
	mark_classes    TEXT NOT NULL DEFAULT '', -- "25,30"
	issued_on       TEXT NOT NULL,
	valid_until     TEXT NOT NULL,
	signatory_name  TEXT NOT NULL,
	signatory_nip   TEXT NOT NULL,
	signatory_rank  TEXT NOT NULL DEFAULT '',
	signatory_title TEXT NOT NULL,
	document        TEXT NOT NULL,
	status          TEXT NOT NULL DEFAULT 'valid',
	revoke_reason   TEXT NOT NULL DEFAULT '',
	revoked_at      TIMESTAMP,
	revoked_by      TEXT NOT NULL DEFAULT '',
	verify_code     TEXT NOT NULL UNIQUE,
	verify_url      TEXT NOT NULL,
	pdf_sha256      TEXT NOT NULL,
	issued_by       TEXT NOT NULL,
	created_at      TIMESTAMP NOT NULL,
	UNIQUE (year, serial)
);
CREATE INDEX letters_enterprise ON letters (enterprise_id, id);

CREATE TABLE letter_counters (
	year        INTEGER PRIMARY KEY,
	last_number INTEGER NOT NULL
);

CREATE TABLE letter_settings (
	id                  INTEGER PRIMARY KEY,
	effective_from      TEXT NOT NULL,
	government          TEXT NOT NULL,
	office              TEXT NOT NULL,
	address             TEXT NOT NULL DEFAULT '',
	phone               TEXT NOT NULL DEFAULT '',
	email               TEXT NOT NULL DEFAULT '',
	website             TEXT NOT NULL DEFAULT '',
	city                TEXT NOT NULL,
	number_pattern      TEXT NOT NULL,
	signatory_name      TEXT NOT NULL,
	signatory_nip       TEXT NOT NULL,
	signatory_rank      TEXT NOT NULL DEFAULT '',
	signatory_title     TEXT NOT NULL,
	created_by          TEXT NOT NULL,
	created_at          TIMESTAMP NOT NULL
);
CREATE INDEX letter_settings_effective ON letter_settings (effective_from, id);
