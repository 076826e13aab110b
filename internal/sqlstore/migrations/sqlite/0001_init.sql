-- Bina schema, SQLite edition. Timestamps are TIMESTAMP-declared text in UTC
-- ("2006-01-02 15:04:05.999999999+00:00", the driver's _time_format=sqlite),
-- which sorts as time does; dates are "2006-01-02" text; booleans 0/1.

-- A person is kept apart from the businesses they run (one owner can run
-- several). NIK, phone, birth date and address are personal data.
CREATE TABLE persons (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	nik         TEXT NOT NULL DEFAULT '',
	gender      TEXT NOT NULL DEFAULT '',
	birth_date  TEXT,
	phone       TEXT NOT NULL DEFAULT '',
	education   TEXT NOT NULL DEFAULT '',
	disability  INTEGER NOT NULL DEFAULT 0,
	address     TEXT NOT NULL DEFAULT '',
	created_at  TIMESTAMP NOT NULL,
	updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX persons_nik ON persons (nik);

CREATE TABLE enterprises (
	id                    INTEGER PRIMARY KEY,
	owner_id              INTEGER NOT NULL REFERENCES persons (id),
	name                  TEXT NOT NULL,
	sort_name             TEXT NOT NULL, -- lower-cased name: the "name" sort, byte order on both engines
	trade_name            TEXT NOT NULL DEFAULT '',
	nib                   TEXT NOT NULL DEFAULT '',
	legal_form            TEXT NOT NULL,
	kbli_version          TEXT NOT NULL DEFAULT '', -- main activity; extra codes in enterprise_kbli
	kbli_code             TEXT NOT NULL DEFAULT '',
	kbli_section          TEXT NOT NULL DEFAULT '', -- denormalized from the main code for filters
	main_product          TEXT NOT NULL DEFAULT '',
	address               TEXT NOT NULL DEFAULT '',
	village_code          TEXT NOT NULL,
	district_code         TEXT NOT NULL, -- first three parts of village_code, for filters and counts
	latitude              REAL,
	longitude             REAL,
	start_year            INTEGER NOT NULL DEFAULT 0,
	start_month           INTEGER NOT NULL DEFAULT 0,
	capital               INTEGER NOT NULL DEFAULT 0,
	assets                INTEGER NOT NULL DEFAULT 0,
	workers_paid_male     INTEGER NOT NULL DEFAULT 0,
	workers_paid_female   INTEGER NOT NULL DEFAULT 0,
	workers_unpaid_male   INTEGER NOT NULL DEFAULT 0,
	workers_unpaid_female INTEGER NOT NULL DEFAULT 0,
	size_reported         TEXT NOT NULL DEFAULT '',
	size_computed         TEXT NOT NULL DEFAULT '',
	size_rule             TEXT NOT NULL DEFAULT '',
	digital               INTEGER NOT NULL DEFAULT 0, -- bit set of digital channels (see digitalBits)
	digital_links         TEXT NOT NULL DEFAULT '',
	status                TEXT NOT NULL,
	binaan                INTEGER NOT NULL DEFAULT 0,
	binaan_since          TEXT,
	verification          TEXT NOT NULL,
	source                TEXT NOT NULL,
	source_id             TEXT NOT NULL DEFAULT '',
	notes                 TEXT NOT NULL DEFAULT '',
	created_at            TIMESTAMP NOT NULL,
	updated_at            TIMESTAMP NOT NULL,
	version               INTEGER NOT NULL DEFAULT 1,
	archived_at           TIMESTAMP,
	archive_reason        TEXT NOT NULL DEFAULT '',
	facets                INTEGER NOT NULL DEFAULT 0 -- filter values as bits (see search.go), for filters inside indexes
);
-- Keyset pagination over live records: one index per sort, and the two
-- region filters combined with the default sort. Each ends with what list
-- filters test (the desa, the facets), so that a walk tests them inside the
-- index and reads only the rows it returns. Partial indexes keep the
-- archived records (few) out of the way.
CREATE INDEX enterprises_live_name ON enterprises (sort_name, id, village_code, facets) WHERE archived_at IS NULL;
CREATE INDEX enterprises_live_updated ON enterprises (updated_at, id, village_code, facets) WHERE archived_at IS NULL;
CREATE INDEX enterprises_live_district ON enterprises (district_code, sort_name, id, facets) WHERE archived_at IS NULL;
CREATE INDEX enterprises_live_village ON enterprises (village_code, sort_name, id, facets) WHERE archived_at IS NULL;
CREATE INDEX enterprises_archived ON enterprises (archived_at) WHERE archived_at IS NOT NULL;
CREATE INDEX enterprises_owner ON enterprises (owner_id);
CREATE INDEX enterprises_nib ON enterprises (nib);

-- Extra KBLI codes (position 1, 2, ...; the main code lives on the row).
CREATE TABLE enterprise_kbli (
	enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
	position      INTEGER NOT NULL,
	kbli_version  TEXT NOT NULL,
	kbli_code     TEXT NOT NULL,
	PRIMARY KEY (enterprise_id, position)
) WITHOUT ROWID;

CREATE TABLE enterprise_sales (
	enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
	year          INTEGER NOT NULL,
	amount        INTEGER NOT NULL,
	PRIMARY KEY (enterprise_id, year)
) WITHOUT ROWID;

-- Full-text index: the words of name, trade name and owner name, and the
-- facets (filter values, see search.go) that make filtered counts an
-- intersection inside this one index. Contentless: the store writes the
-- folded words itself, because the owner's name lives in another table;
-- contentless_delete lets it replace a row.
CREATE VIRTUAL TABLE enterprise_search USING fts5 (
	words,
	facets,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);

-- Live enterprises per desa and computed size, kept by every write in the
-- same transaction, so that dashboards and list totals never count the
-- register. Counts per kecamatan add up at most a few hundred rows.
CREATE TABLE enterprise_counts (
	village_code  TEXT NOT NULL,
	district_code TEXT NOT NULL,
	size          TEXT NOT NULL,
	total         INTEGER NOT NULL DEFAULT 0,
	binaan        INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (village_code, size)
) WITHOUT ROWID;
CREATE INDEX enterprise_counts_district ON enterprise_counts (district_code, size);

CREATE TABLE kelompoks (
	code     TEXT PRIMARY KEY,
	label_id TEXT NOT NULL,
	label_en TEXT NOT NULL,
	position INTEGER NOT NULL
);

CREATE TABLE cooperatives (
	id                  INTEGER PRIMARY KEY,
	name                TEXT NOT NULL,
	sort_name           TEXT NOT NULL,
	search_words        TEXT NOT NULL DEFAULT '', -- " word word " for prefix LIKE search (few rows)
	registration_number TEXT NOT NULL DEFAULT '',
	certificate_date    TEXT,
	certificate_expiry  TEXT,
	legal_number        TEXT NOT NULL DEFAULT '',
	legal_date          TEXT,
	npwp                TEXT NOT NULL DEFAULT '',
	nib                 TEXT NOT NULL DEFAULT '',
	savings_license     TEXT NOT NULL DEFAULT '',
	jenis               TEXT NOT NULL,
	bentuk              TEXT NOT NULL,
	pola                TEXT NOT NULL,
	kelompok            TEXT NOT NULL REFERENCES kelompoks (code),
	kbli_version        TEXT NOT NULL DEFAULT '',
	kbli_code           TEXT NOT NULL DEFAULT '',
	address             TEXT NOT NULL DEFAULT '',
	village_code        TEXT NOT NULL,
	district_code       TEXT NOT NULL,
	latitude            REAL,
	longitude           REAL,
	members_female      INTEGER NOT NULL DEFAULT 0,
	members_male        INTEGER NOT NULL DEFAULT 0,
	employees_female    INTEGER NOT NULL DEFAULT 0,
	employees_male      INTEGER NOT NULL DEFAULT 0,
	kdmp                INTEGER NOT NULL DEFAULT 0,
	verification        TEXT NOT NULL,
	source              TEXT NOT NULL,
	source_id           TEXT NOT NULL DEFAULT '',
	notes               TEXT NOT NULL DEFAULT '',
	last_rat_year       INTEGER NOT NULL DEFAULT 0, -- newest book year whose RAT was held, kept by SaveRAT
	created_at          TIMESTAMP NOT NULL,
	updated_at          TIMESTAMP NOT NULL,
	version             INTEGER NOT NULL DEFAULT 1,
	archived_at         TIMESTAMP,
	archive_reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cooperatives_live_name ON cooperatives (sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX cooperatives_live_district ON cooperatives (district_code, sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX cooperatives_village ON cooperatives (village_code);

CREATE TABLE cooperative_amendments (
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives (id),
	position       INTEGER NOT NULL,
	number         TEXT NOT NULL,
	date           TEXT,
	note           TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (cooperative_id, position)
) WITHOUT ROWID;

CREATE TABLE cooperative_officers (
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives (id),
	position       INTEGER NOT NULL,
	name           TEXT NOT NULL,
	role           TEXT NOT NULL,
	gender         TEXT NOT NULL DEFAULT '',
	phone          TEXT NOT NULL DEFAULT '',
	term_start     TEXT,
	term_end       TEXT,
	PRIMARY KEY (cooperative_id, position)
) WITHOUT ROWID;

CREATE TABLE cooperative_units (
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives (id),
	position       INTEGER NOT NULL,
	name           TEXT NOT NULL,
	kind           TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (cooperative_id, position)
) WITHOUT ROWID;

CREATE TABLE rats (
	cooperative_id       INTEGER NOT NULL REFERENCES cooperatives (id),
	book_year            INTEGER NOT NULL,
	held_on              TEXT,
	reported_on          TEXT,
	members_present      INTEGER NOT NULL DEFAULT 0,
	members_female       INTEGER NOT NULL DEFAULT 0,
	members_male         INTEGER NOT NULL DEFAULT 0,
	prospective_members  INTEGER NOT NULL DEFAULT 0,
	employees_female     INTEGER NOT NULL DEFAULT 0,
	employees_male       INTEGER NOT NULL DEFAULT 0,
	managers_female      INTEGER NOT NULL DEFAULT 0,
	managers_male        INTEGER NOT NULL DEFAULT 0,
	simpanan_pokok       INTEGER NOT NULL DEFAULT 0,
	simpanan_wajib       INTEGER NOT NULL DEFAULT 0,
	reserves             INTEGER NOT NULL DEFAULT 0,
	grants               INTEGER NOT NULL DEFAULT 0,
	borrowed_capital     INTEGER NOT NULL DEFAULT 0,
	equity_participation INTEGER NOT NULL DEFAULT 0,
	assets               INTEGER NOT NULL DEFAULT 0,
	savings_received     INTEGER NOT NULL DEFAULT 0,
	loans_given          INTEGER NOT NULL DEFAULT 0,
	business_volume      INTEGER NOT NULL DEFAULT 0,
	shu                  INTEGER NOT NULL DEFAULT 0,
	has_business_license INTEGER NOT NULL DEFAULT 0,
	health_assessed      INTEGER NOT NULL DEFAULT 0,
	health_result        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (cooperative_id, book_year)
) WITHOUT ROWID;

-- One row per changed field; a creation, archive or restore is one row with
-- an empty field.
CREATE TABLE history (
	id           INTEGER PRIMARY KEY,
	entity       TEXT NOT NULL,
	entity_id    INTEGER NOT NULL,
	at           TIMESTAMP NOT NULL,
	user_name    TEXT NOT NULL,
	action       TEXT NOT NULL,
	field        TEXT NOT NULL DEFAULT '',
	before_value TEXT NOT NULL DEFAULT '',
	after_value  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_record ON history (entity, entity_id, id);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL,
	region        TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    TIMESTAMP NOT NULL
);

-- Only a SHA-256 of the session token is kept: a copy of the database does
-- not sign anyone in.
CREATE TABLE sessions (
	token_hash   TEXT PRIMARY KEY,
	csrf         TEXT NOT NULL,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	created_at   TIMESTAMP NOT NULL,
	last_seen_at TIMESTAMP NOT NULL,
	expires_at   TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed sign-ins of the last minutes, for rate limiting.
CREATE TABLE login_failures (
	id          INTEGER PRIMARY KEY,
	user_name   TEXT NOT NULL,
	client_addr TEXT NOT NULL,
	at          TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_name ON login_failures (user_name, at);
CREATE INDEX login_failures_addr ON login_failures (client_addr, at);
CREATE INDEX login_failures_at ON login_failures (at);

-- Who saw unmasked personal data, and when (UU 27/2022).
CREATE TABLE personal_data_access (
	id        INTEGER PRIMARY KEY,
	at        TIMESTAMP NOT NULL,
	user_id   INTEGER NOT NULL,
	user_name TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id INTEGER NOT NULL
);
CREATE INDEX personal_data_access_record ON personal_data_access (entity, entity_id);
CREATE INDEX personal_data_access_user ON personal_data_access (user_id, at);
