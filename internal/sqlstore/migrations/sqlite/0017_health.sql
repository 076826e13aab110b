-- Health assessment (KOPERASI.md sections B and C). A rule set is kept
-- whole as JSON per version: the tables are data that a supervisor adopts
-- as a new version, never edited in place. An assessment keeps the rule set
-- id and version it was computed under and its worksheet as JSON; computing
-- a book year again stores the next version and leaves the old one as it
-- was.
CREATE TABLE health_rule_sets (
	id         TEXT NOT NULL,
	version    INTEGER NOT NULL,
	family     TEXT NOT NULL,
	document   TEXT NOT NULL,
	builtin    INTEGER NOT NULL DEFAULT 0,
	note       TEXT NOT NULL DEFAULT '',
	adopted_by TEXT NOT NULL,
	adopted_at TIMESTAMP NOT NULL,
	PRIMARY KEY (id, version)
);

CREATE TABLE health_assessments (
	id               INTEGER PRIMARY KEY,
	cooperative_id   INTEGER NOT NULL REFERENCES cooperatives (id),
	book_year        INTEGER NOT NULL,
	version          INTEGER NOT NULL,
	report_id        INTEGER NOT NULL,
	report_version   INTEGER NOT NULL,
	rule_set         TEXT NOT NULL,
	rule_set_version INTEGER NOT NULL,
	total            REAL NOT NULL,
	category         TEXT NOT NULL,
	answers          TEXT NOT NULL, -- the answers and corrected figures, read again by a recomputation
	document         TEXT NOT NULL, -- the worksheet: inputs, aspects, components
	assessed_by      TEXT NOT NULL,
	created_at       TIMESTAMP NOT NULL,
	UNIQUE (cooperative_id, book_year, version),
	FOREIGN KEY (rule_set, rule_set_version) REFERENCES health_rule_sets (id, version)
);
CREATE INDEX health_assessments_year ON health_assessments (book_year, cooperative_id);
