package sqlstore

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver (tests use it by name)
	"modernc.org/sqlite"               // registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect holds what differs between the two engines. Everything else is
// one SQL text.
type dialect struct {
	name string // "sqlite" or "postgres"

	// numberedInsert tells whether generated INSERTs number their
	// parameters ($1, $2, ...) or use plain "?" (SQLite). The SQLite driver
	// asks for the name of every parameter of every execution, and SQLite
	// finds a named or numbered parameter by a linear search: quadratic in
	// a multi-row INSERT of 30,000 parameters (a minute for 10,000 rows).
	// Plain "?" parameters have no names to search.
	numberedInsert bool
	// timestampType is the column type of instants.
	timestampType string
	// migrationsTableExists answers one boolean: is schema_migrations there.
	migrationsTableExists string
	// migrationLock, when set, is run first in each migration transaction.
	migrationLock string
	// forUpdate locks the rows a write transaction reads before changing
	// them. SQLite needs none: its write transactions begin IMMEDIATE and
	// exclude each other.
	forUpdate string
	// readOnlyTx marks read transactions read-only.
	readOnlyTx bool

	// searchCount returns the query counting the enterprises that carry
	// every facet and match every word, adding its argument to p.
	searchCount func(p *params, words string, facets []string) string
	// searchCond returns the same as a condition on the alias e.
	searchCond func(p *params, words string, facets []string) string
	// searchColumn tells where the search index lives: a tsvector column of
	// enterprises (PostgreSQL, written with the row) or an FTS5 table
	// (SQLite, written by writeFTS).
	searchColumn bool

	// isUnique and isForeignKey classify driver errors by their codes.
	isUnique     func(error) bool
	isForeignKey func(error) bool
}

func sqliteDialect() dialect {
	code := func(err error) int {
		var se *sqlite.Error
		if errors.As(err, &se) {
			return se.Code()
		}
		return 0
	}
	return dialect{
		name:                  "sqlite",
		timestampType:         "TIMESTAMP",
		migrationsTableExists: `SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`,
		readOnlyTx:            true,
		searchCount: func(p *params, words string, facets []string) string {
			return "SELECT count(*) FROM enterprise_search WHERE enterprise_search MATCH " + p.add(ftsQuery(words, facets))
		},
		searchCond: func(p *params, words string, facets []string) string {
			return "e.id IN (SELECT rowid FROM enterprise_search WHERE enterprise_search MATCH " + p.add(ftsQuery(words, facets)) + ")"
		},
		isUnique: func(err error) bool {
			c := code(err)
			return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
		},
		isForeignKey: func(err error) bool {
			return code(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
		},
	}
}

func postgresDialect() dialect {
	code := func(err error) string {
		var pe *pgconn.PgError
		if errors.As(err, &pe) {
			return pe.Code
		}
		return ""
	}
	return dialect{
		name:                  "postgres",
		numberedInsert:        true,
		timestampType:         "TIMESTAMPTZ",
		migrationsTableExists: `SELECT to_regclass('schema_migrations') IS NOT NULL`,
		// Any fixed number shared by every Bina process; the transaction
		// releases it.
		migrationLock: `SELECT pg_advisory_xact_lock(7246617)`,
		forUpdate:     " FOR UPDATE",
		readOnlyTx:    true,
		// The tsquery is written out by tsQuery, not parsed by to_tsquery:
		// the words are folded already, and facets carry an "_" that the
		// parser would drop.
		searchCount: func(p *params, words string, facets []string) string {
			return "SELECT count(*) FROM enterprises e WHERE e.search @@ CAST(" + p.add(tsQuery(words, facets)) + " AS tsquery)"
		},
		searchCond: func(p *params, words string, facets []string) string {
			return "e.search @@ CAST(" + p.add(tsQuery(words, facets)) + " AS tsquery)"
		},
		searchColumn: true,
		isUnique:     func(err error) bool { return code(err) == "23505" },
		isForeignKey: func(err error) bool { return code(err) == "23503" },
	}
}

// ftsQuery returns an FTS5 query: every word a quoted prefix in the words
// column, every facet a quoted token in the facets column, all required.
// Quoting makes any user text safe: FTS5 operators inside quotes are text.
func ftsQuery(words string, facets []string) string {
	var terms []string
	for _, w := range strings.Fields(words) {
		terms = append(terms, `words : "`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	for _, f := range facets {
		terms = append(terms, `facets : "`+f+`"`)
	}
	return strings.Join(terms, " AND ")
}

// tsQuery returns a PostgreSQL tsquery: every word a quoted prefix lexeme,
// every facet an "_"-prefixed lexeme, all required.
func tsQuery(words string, facets []string) string {
	var terms []string
	for _, w := range strings.Fields(words) {
		terms = append(terms, tsLexeme(w)+":*")
	}
	for _, f := range facets {
		terms = append(terms, tsLexeme("_"+f))
	}
	return strings.Join(terms, " & ")
}

// tsVector returns the tsvector text of an enterprise's words and facets.
func tsVector(words string, facets []string) string {
	var terms []string
	for _, w := range strings.Fields(words) {
		terms = append(terms, tsLexeme(w))
	}
	for _, f := range facets {
		terms = append(terms, tsLexeme("_"+f))
	}
	return strings.Join(terms, " ")
}

// tsLexeme quotes a lexeme for tsvector and tsquery input.
func tsLexeme(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `'`, `''`) + "'"
}
