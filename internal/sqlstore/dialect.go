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
	// listSetup, when set, is run first in the transaction of a list.
	listSetup string
	// lazyCommit, when set, lets the transaction it runs in commit
	// without waiting for its log to reach the disk (see insertAudit).
	lazyCommit string

	// searchCond returns a condition that the row e matches every word
	// (as a prefix): an FTS5 lookup on SQLite, which also requires the
	// facet tokens and excludes archived records unless archived is set;
	// a test of the search column on PostgreSQL, which ignores the tokens
	// (its callers test the facets column instead).
	searchCond func(p *params, words string, tokens []string, archived bool) string
	// searchColumn tells where the words live: the search column of
	// enterprises and the word table kept from it by a trigger
	// (PostgreSQL), or an FTS5 table written by writeFTS (SQLite).
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
		searchCond: func(p *params, words string, tokens []string, archived bool) string {
			return "e.id IN (SELECT rowid FROM enterprise_search WHERE enterprise_search MATCH " + p.add(ftsQuery(words, tokens, archived)) + ")"
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
		// A list's statements take milliseconds: compiling them (JIT,
		// tens of milliseconds) never pays, and neither do parallel
		// workers, which start in milliseconds and, on a server busy with
		// other requests, wait for a CPU (a count of 180,000 index entries
		// takes 20 ms alone and several times that in parallel on two
		// busy cores). A search walk keeps the matches in a hash, which
		// PostgreSQL builds only when it fits in work_mem (else it runs
		// the search again for every row).
		listSetup:  `SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('work_mem', '32MB', true)`,
		lazyCommit: `SELECT set_config('synchronous_commit', 'off', true)`,
		// The tsquery is written out by tsQuery, not parsed by to_tsquery:
		// the words are folded already.
		searchCond: func(p *params, words string, _ []string, _ bool) string {
			return "e.search @@ CAST(" + p.add(tsQuery(words)) + " AS tsquery)"
		},
		searchColumn: true,
		isUnique:     func(err error) bool { return code(err) == "23505" },
		isForeignKey: func(err error) bool { return code(err) == "23503" },
	}
}

// ftsQuery returns an FTS5 query: every word a quoted prefix in the words
// column, every token a quoted token in the facets column, all required,
// and archived records excluded unless archived is set. Quoting makes any
// user text safe: FTS5 operators inside quotes are text. It needs at least
// one word or token.
func ftsQuery(words string, tokens []string, archived bool) string {
	var terms []string
	for _, w := range strings.Fields(words) {
		terms = append(terms, `words : "`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	for _, t := range tokens {
		terms = append(terms, `facets : "`+t+`"`)
	}
	q := strings.Join(terms, " AND ")
	if !archived {
		q = "(" + q + `) NOT facets : "a1"`
	}
	return q
}

// tsQuery returns a PostgreSQL tsquery in which every word is a required
// prefix.
func tsQuery(words string) string {
	var terms []string
	for _, w := range strings.Fields(words) {
		terms = append(terms, tsLexeme(w)+":*")
	}
	return strings.Join(terms, " & ")
}

// tsVector returns the text of PostgreSQL's search column for a record's
// words: a tsvector of its distinct words, without positions. The facets
// are not part of it (they live in the facets column); the parameter stays
// so that every writer builds the column from one searchDoc.
func tsVector(words string, _ []string) string {
	var terms []string
	for _, w := range strings.Fields(words) {
		terms = append(terms, tsLexeme(w))
	}
	return strings.Join(terms, " ")
}

// tsLexeme quotes a lexeme for tsvector and tsquery input.
func tsLexeme(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `'`, `''`) + "'"
}
