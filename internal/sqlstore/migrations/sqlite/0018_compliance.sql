-- RAT compliance (issue 12): the settings an admin edits, kept as a history
-- (the newest row is in effect), and an index so that the newest held RAT
-- of a cooperative up to a book year is one seek.
CREATE TABLE compliance_settings (
	id            INTEGER PRIMARY KEY,
	rat_due_month INTEGER NOT NULL,
	rat_due_day   INTEGER NOT NULL,
	report_months INTEGER NOT NULL,
	sanctions     TEXT NOT NULL, -- JSON list of {"missed_years", "label"}
	created_by    TEXT NOT NULL,
	created_at    TIMESTAMP NOT NULL
);

CREATE INDEX rats_held ON rats (cooperative_id, book_year) WHERE held_on IS NOT NULL;
-- The cooperatives of a region with what the compliance table chooses and
-- orders them by: its count and its first page read this index alone. Not
-- a partial index: SQLite's planner passes a partial one over when the
-- region's bounds are parameters.
CREATE INDEX cooperatives_compliance ON cooperatives (village_code, archived_at, legal_date, kdmp, sort_name, id, last_rat_year);
CREATE INDEX cooperatives_live_kdmp ON cooperatives (village_code, id) WHERE kdmp = 1 AND archived_at IS NULL;
-- The RATs of one book year side by side, with the dates the compliance
-- table reads: a PostgreSQL plan over a province reads them without the rows.
CREATE INDEX rats_year ON rats (book_year, cooperative_id, held_on, reported_on);
