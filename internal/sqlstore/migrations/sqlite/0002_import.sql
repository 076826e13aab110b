-- Imports of spreadsheets (issue 3): the uploaded file and its job, saved
-- column mappings, the rows the report lists, the review queue, and the
-- keys that make importing the same file again change nothing.

-- Business names compared for duplicates (bina.NameKey), kept by every
-- write of enterprises. Rows written before this migration get theirs the
-- first time an import runs (the key is computed in Go, not in SQL).
ALTER TABLE enterprises ADD COLUMN name_key TEXT;
CREATE INDEX enterprises_live_name_key ON enterprises (village_code, name_key) WHERE archived_at IS NULL;

CREATE TABLE imports (
	id           INTEGER PRIMARY KEY,
	entity       TEXT NOT NULL,
	file_name    TEXT NOT NULL,
	format       TEXT NOT NULL,
	size         INTEGER NOT NULL,
	template     TEXT NOT NULL DEFAULT '',
	header_row   INTEGER NOT NULL DEFAULT 0,
	header       TEXT NOT NULL DEFAULT '[]', -- JSON array of the header cells
	mapping      TEXT NOT NULL DEFAULT '{}', -- JSON object: column index → field
	source       TEXT NOT NULL,
	dry_run      INTEGER NOT NULL DEFAULT 0,
	scope        TEXT NOT NULL DEFAULT '', -- region the author may write in
	state        TEXT NOT NULL,
	total        INTEGER NOT NULL DEFAULT 0,
	done         INTEGER NOT NULL DEFAULT 0, -- the checkpoint: data rows committed
	created      INTEGER NOT NULL DEFAULT 0,
	updated      INTEGER NOT NULL DEFAULT 0,
	unchanged    INTEGER NOT NULL DEFAULT 0,
	rejected     INTEGER NOT NULL DEFAULT 0,
	review       INTEGER NOT NULL DEFAULT 0,
	error_id     TEXT NOT NULL DEFAULT '',
	error_en     TEXT NOT NULL DEFAULT '',
	created_by   TEXT NOT NULL,
	created_at   TIMESTAMP NOT NULL,
	started_at   TIMESTAMP,
	finished_at  TIMESTAMP,
	runner       TEXT NOT NULL DEFAULT '', -- the run that holds the job
	heartbeat_at TIMESTAMP                 -- its last sign of life
);
CREATE INDEX imports_state ON imports (state);

-- The uploaded file in parts of at most 1 MiB, so that neither storing nor
-- reading a large file holds it in memory at once.
CREATE TABLE import_files (
	import_id INTEGER NOT NULL REFERENCES imports (id),
	part      INTEGER NOT NULL,
	data      BLOB NOT NULL,
	PRIMARY KEY (import_id, part)
) WITHOUT ROWID;

CREATE TABLE import_mappings (
	entity   TEXT NOT NULL,
	name     TEXT NOT NULL,
	header   TEXT NOT NULL DEFAULT '[]',
	mapping  TEXT NOT NULL DEFAULT '{}',
	saved_by TEXT NOT NULL,
	saved_at TIMESTAMP NOT NULL,
	PRIMARY KEY (entity, name)
);

-- The rows of the report: rejected rows, rows sent to review and rows
-- imported with a note, with their cells and problems (JSON).
CREATE TABLE import_issues (
	import_id INTEGER NOT NULL REFERENCES imports (id),
	line      INTEGER NOT NULL,
	outcome   TEXT NOT NULL,
	cells     TEXT NOT NULL DEFAULT '[]',
	problems  TEXT NOT NULL DEFAULT '[]',
	record_id INTEGER NOT NULL DEFAULT 0,
	review_id INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (import_id, line)
) WITHOUT ROWID;

-- The review queue. incoming is the converted record (JSON); undo holds
-- what a resolution needs to be reversed.
CREATE TABLE import_reviews (
	id           INTEGER PRIMARY KEY,
	import_id    INTEGER NOT NULL REFERENCES imports (id),
	line         INTEGER NOT NULL,
	entity       TEXT NOT NULL,
	kind         TEXT NOT NULL,
	state        TEXT NOT NULL,
	reason_id    TEXT NOT NULL DEFAULT '',
	reason_en    TEXT NOT NULL DEFAULT '',
	incoming     TEXT NOT NULL,
	candidate_id INTEGER NOT NULL DEFAULT 0,
	regions      TEXT NOT NULL DEFAULT '[]',
	source       TEXT NOT NULL,
	row_key      TEXT NOT NULL,
	content_hash INTEGER NOT NULL DEFAULT 0,
	record_id    INTEGER NOT NULL DEFAULT 0,
	resolved_by  TEXT NOT NULL DEFAULT '',
	resolved_at  TIMESTAMP,
	undo         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX import_reviews_state ON import_reviews (state, id);
CREATE INDEX import_reviews_import ON import_reviews (import_id, state, id);

-- Which record a row of a source became: one row per source and row key
-- (the source's id, or a hash of the identifying fields; see bina.RowKey).
-- record_id is the record; review_id the review item while one waits;
-- both null: a person chose to skip it. content_hash (bina.ContentHash) of
-- what was imported tells an unchanged row from an update.
CREATE TABLE import_keys (
	entity       TEXT NOT NULL,
	source       TEXT NOT NULL,
	key          TEXT NOT NULL,
	record_id    INTEGER,
	review_id    INTEGER,
	content_hash INTEGER NOT NULL,
	import_id    INTEGER NOT NULL,
	PRIMARY KEY (entity, source, key)
) WITHOUT ROWID;
