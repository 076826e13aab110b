-- A large import into an empty register (a first load) runs without the
-- register's derived data: the list indexes (and on PostgreSQL the word
-- trigger and the foreign keys of the records' child tables) are dropped
-- when its first chunk is written and built again, sorted, when the run
-- ends, together with the kept counts and the search rows. imports.bulk
-- marks the job; import_bulk_restore holds, in order, the statements that
-- put back what was dropped, read from the schema itself when it was
-- dropped. See internal/sqlstore/import_bulk.go.
ALTER TABLE imports ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0;

CREATE TABLE import_bulk_restore (
	seq       INTEGER PRIMARY KEY,
	name      TEXT NOT NULL,
	statement TEXT NOT NULL
);
