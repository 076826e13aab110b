package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
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
	// unindexed, put before a column in a condition, keeps the planner
	// from seeking the condition in an index (SQLite's unary plus), so
	// that it walks the index of the sort instead; none on PostgreSQL,
	// whose planner weighs a walk against a seek by its statistics.
	unindexed string
	// searchColumn tells where the words live: the search column of
	// enterprises and the word table kept from it by a trigger
	// (PostgreSQL), or an FTS5 table written by writeFTS (SQLite).
	searchColumn bool

	// arrayParams tells whether a list of values is passed as one array
	// parameter (col = ANY($n), which the planner reads as one value) or
	// as a list of parameters (col IN (...)).
	arrayParams bool
	// placeLookup returns the query of the live enterprises (with their
	// owners, in the columns of enterpriseCandidates) at the pairs of desa
	// vs[i] and name key ns[i], one index lookup per pair.
	placeLookup func(p *params, vs, ns []string) string
	// nikLookup returns the query of the live enterprises (with their
	// owners) whose owner has one of niks, in the columns of placeLookup.
	nikLookup func(p *params, niks []string) string

	// sequences tells whether ids come from sequences (PostgreSQL): a
	// writer that gives out ids itself locks idLock's tables and advances
	// the sequences after it; an import reserves ids from them and writes
	// them. On SQLite a new row's id is the largest plus one, and the
	// one writer is the transaction.
	sequences bool
	idLock    string
	// copyIn tells whether bulk rows go in by COPY (PostgreSQL) rather
	// than multi-row INSERTs.
	copyIn bool
	// analyze refreshes the planner's statistics after a bulk load.
	analyze []string
	// importSession and bulkSession are the connection settings (set,
	// then reset) of an import's connection and of a bulk batch's writer.
	importSession, bulkSession []setting
	// unmapped is the setting of a read connection that reads a large
	// result once without mapping the file into memory; none when the
	// engine maps nothing.
	unmapped []setting
	// walCheckpoint folds the write-ahead log back after a commit of an
	// import (SQLite); without one, the statistics are refreshed instead
	// (analyzeAfterImport).
	walCheckpoint string
	// afterImport runs when an import is done (SQLite: fold the WAL back
	// into the database and refresh the planner's statistics where a large
	// import changed the tables' shapes).
	afterImport []string

	// First loads (import_bulk.go): firstLoadLock makes the transactions
	// that decide on one wait for each other (SQLite's write transactions
	// already do); firstLoadDrops are dropped beside the list indexes;
	// indexDef reads the definition of an index by name; indexBuildSetup
	// runs before the indexes are built again; searchMerge merges the
	// full-text index's segments at the end. The word table is rebuilt
	// where the words live in the search column.
	firstLoadLock   string
	firstLoadDrops  []bulkDrop
	indexDef        string
	indexBuildSetup string
	searchMerge     string

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
		// A sampled ANALYZE: exact statistics of a million rows are not
		// worth a full scan of every index after every batch.
		analyze: []string{`PRAGMA analysis_limit = 2000`, `ANALYZE`},
		// A page cache of 24 MB: index pages stay in it from chunk to
		// chunk. (modernc's allocator gives each 4 KB page about twice its
		// size, so it costs some 50 MB of the process's memory; a larger
		// cache measured no faster.)
		importSession: []setting{{`PRAGMA foreign_keys = OFF`, `PRAGMA foreign_keys = ON`}, {`PRAGMA wal_autocheckpoint = 0`, `PRAGMA wal_autocheckpoint = 1000`},
			{`PRAGMA cache_size = -24576`, `PRAGMA cache_size = -32000`}},
		// A large batch touches pages all over the indexes; a bigger page
		// cache keeps them from spilling to the WAL and being read back.
		bulkSession: []setting{{`PRAGMA cache_size = -262144`, `PRAGMA cache_size = -32000`}},
		// The pages of hundreds of megabytes read through the map would
		// stay in the process's resident memory.
		unmapped:       []setting{{`PRAGMA mmap_size = 0`, `PRAGMA mmap_size = ` + strconv.Itoa(sqliteMmapSize)}},
		walCheckpoint:  `PRAGMA wal_checkpoint(PASSIVE)`,
		afterImport:    []string{`PRAGMA wal_checkpoint(PASSIVE)`, `PRAGMA analysis_limit = 2000`, `PRAGMA optimize`},
		firstLoadDrops: []bulkDrop{{"fts", "automerge", "enterprise_search"}, {"fts", "crisismerge", "enterprise_search"}},
		indexDef:       `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1`,
		searchMerge:    `INSERT INTO enterprise_search (enterprise_search) VALUES ('optimize')`,
		searchCond: func(p *params, words string, tokens []string, archived bool) string {
			return "e.id IN (SELECT rowid FROM enterprise_search WHERE enterprise_search MATCH " + p.add(ftsQuery(words, tokens, archived)) + ")"
		},
		unindexed: "+",
		placeLookup: func(p *params, vs, ns []string) string {
			pairs := make([]string, len(vs))
			for i := range vs {
				p.args = append(p.args, vs[i], ns[i])
				pairs[i] = "(?, ?)"
			}
			return `WITH k(v, n) AS (VALUES ` + strings.Join(pairs, ", ") + `)
SELECT e.id, e.village_code, e.nib, p.nik, COALESCE(e.name_key, ''), p.name FROM k JOIN enterprises e ON e.village_code = k.v AND e.name_key = k.n JOIN persons p ON p.id = e.owner_id WHERE e.archived_at IS NULL`
		},
		nikLookup: func(p *params, niks []string) string {
			for _, v := range niks {
				p.args = append(p.args, v)
			}
			return `SELECT e.id, e.village_code, e.nib, p.nik, COALESCE(e.name_key, ''), p.name FROM persons p JOIN enterprises e ON e.owner_id = p.id
WHERE e.archived_at IS NULL AND p.nik IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(niks)), ", ") + `)`
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
		// An import's lookups are prepared once and run for every chunk
		// while the tables grow from nothing: a generic plan made while
		// they were small scans them whole ever after. Each run is planned
		// for the table as it is.
		importSession: []setting{{`SET plan_cache_mode = force_custom_plan`, `RESET plan_cache_mode`}, {`SET jit = off`, `RESET jit`}},
		// The tsquery is written out by tsQuery, not parsed by to_tsquery:
		// the words are folded already.
		searchCond: func(p *params, words string, _ []string, _ bool) string {
			return "e.search @@ CAST(" + p.add(tsQuery(words)) + " AS tsquery)"
		},
		searchColumn: true,
		arrayParams:  true,
		sequences:    true,
		// Ids are given out from the current maximum: other writers stay
		// out of these tables until the batch commits.
		idLock:  `LOCK TABLE persons, enterprises, cooperatives IN SHARE ROW EXCLUSIVE MODE`,
		copyIn:  true,
		analyze: []string{`VACUUM (ANALYZE) persons, enterprises, enterprise_words, enterprise_kbli, enterprise_sales, enterprise_counts, enterprise_facts, cooperatives, rats, history`},
		// The indexes a first load drops are locked against every reader
		// until the dropping transaction ends; the table of restore
		// statements orders the deciders.
		firstLoadLock: `LOCK TABLE import_bulk_restore IN SHARE ROW EXCLUSIVE MODE`,
		firstLoadDrops: []bulkDrop{
			{"trigger", "enterprise_words_insert", "enterprises"},
			{"fkey", "enterprises_owner_id_fkey", "enterprises"},
			{"fkey", "enterprise_kbli_enterprise_id_fkey", "enterprise_kbli"},
			{"fkey", "enterprise_sales_enterprise_id_fkey", "enterprise_sales"},
		},
		indexDef: `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1`,
		// Sorts for the index builds in memory rather than in files.
		indexBuildSetup: `SET LOCAL maintenance_work_mem = '256MB'`,
		placeLookup: func(p *params, vs, ns []string) string {
			// Lateral joins fenced with OFFSET 0 keep PostgreSQL to the
			// indexes while a first load grows the tables faster than its
			// statistics follow: believing enterprises small, the planner
			// read all of it for every chunk (a million-row load slowed
			// by a third).
			return `SELECT e.id, e.village_code, e.nib, p.nik, COALESCE(e.name_key, ''), p.name FROM unnest(` + p.add(vs) + `::text[], ` + p.add(ns) + `::text[]) AS k(v, n)
CROSS JOIN LATERAL (SELECT x.id, x.village_code, x.nib, x.name_key, x.owner_id FROM enterprises x WHERE x.village_code = k.v AND x.name_key = k.n AND x.archived_at IS NULL OFFSET 0) e
CROSS JOIN LATERAL (SELECT y.nik, y.name FROM persons y WHERE y.id = e.owner_id OFFSET 0) p`
		},
		nikLookup: func(p *params, niks []string) string {
			return `SELECT e.id, e.village_code, e.nib, p.nik, COALESCE(e.name_key, ''), p.name FROM unnest(` + p.add(niks) + `::text[]) AS k(nik)
CROSS JOIN LATERAL (SELECT y.id, y.nik, y.name FROM persons y WHERE y.nik = k.nik OFFSET 0) p
CROSS JOIN LATERAL (SELECT x.id, x.village_code, x.nib, x.name_key FROM enterprises x WHERE x.owner_id = p.id AND x.archived_at IS NULL OFFSET 0) e`
		},

		isUnique:     func(err error) bool { return code(err) == "23505" },
		isForeignKey: func(err error) bool { return code(err) == "23503" },
	}
}

// execer runs a statement: a connection or a pool.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// setting is a connection setting: the statement that sets it and the
// one that puts it back.
type setting [2]string

// applySettings runs the statements that set ss on conn and returns the
// function that puts them back (whose errors are ignored: see the
// callers).
func applySettings(ctx context.Context, conn execer, ss []setting) (func(), error) {
	for _, st := range ss {
		if _, err := conn.ExecContext(ctx, st[0]); err != nil {
			return nil, err
		}
	}
	return func() {
		bg := context.WithoutCancel(ctx)
		for _, st := range ss {
			conn.ExecContext(bg, st[1])
		}
	}, nil
}

// ftsQuery returns an FTS5 query: every word a quoted prefix in the words
// column, every token a quoted token in the facets column, all required,
// and archived records excluded unless archived is set. Quoting makes any
// user text safe: FTS5 operators inside quotes are text. It needs at least
// one word or token.
func ftsQuery(words string, tokens []string, archived bool) string {
	var terms []string
	for _, w := range strings.Fields(words) {
		var alts []string
		for _, a := range alternatives(w) {
			alts = append(alts, `words : "`+strings.ReplaceAll(a, `"`, `""`)+`"*`)
		}
		if len(alts) == 1 {
			terms = append(terms, alts[0])
		} else {
			terms = append(terms, "("+strings.Join(alts, " OR ")+")")
		}
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
		var alts []string
		for _, a := range alternatives(w) {
			alts = append(alts, tsLexeme(a)+":*")
		}
		if len(alts) == 1 {
			terms = append(terms, alts[0])
		} else {
			terms = append(terms, "("+strings.Join(alts, " | ")+")")
		}
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
