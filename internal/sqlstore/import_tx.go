package sqlstore

import (
	"context"
	"database/sql"

	"bina"
)

// importTx is the open write transaction of one run of an import. A run
// writes its chunks into it and commits every few chunks together with the
// checkpoint (imports.Chunk.Commit): on SQLite each commit writes every
// page the rows touched to the WAL, and rows that come in no particular
// order touch nearly every leaf of each index on a name or a number, so
// committing a chunk of 5,000 rows cost as much as one of 50,000.
//
// The transaction has a connection of its own, so that COPY (PostgreSQL)
// runs inside it. On SQLite that connection's foreign-key checks are off
// while the run writes (the store gives out the ids and writes owners
// before their records; a check per row would cost a lookup), its page
// cache is larger, and the WAL is checkpointed by the run after each
// commit instead of by SQLite after it.
type importTx struct {
	conn    *sql.Conn
	tx      *sql.Tx
	restore func()
	created int                     // records created in this transaction
	stmts   map[insertKey]*sql.Stmt // prepared multi-row INSERTs, by shape
	counts  countTally              // a first load's counts of the records created in this transaction
	seqs    map[string]string       // PostgreSQL: the id sequence of each table
}

// insertKey is the shape of a multi-row INSERT of insertRows: its
// table's columns are always the same.
type insertKey struct {
	table      string
	cols, rows int
}

// stmt returns the INSERT of shape k prepared in the transaction, with
// the text made by q the first time. The INSERTs of a chunk have the same
// few shapes chunk after chunk; SQLite takes longer to parse an INSERT of
// 30,000 parameters than to run it, and building the text of 1,000 rows
// for each statement cost 5 s a million rows.
func (it *importTx) stmt(ctx context.Context, k insertKey, q func() string) (*sql.Stmt, error) {
	if st, ok := it.stmts[k]; ok {
		return st, nil
	}
	st, err := it.tx.PrepareContext(ctx, q())
	if err != nil {
		return nil, err
	}
	if it.stmts == nil {
		it.stmts = map[insertKey]*sql.Stmt{}
	}
	it.stmts[k] = st
	return st, nil
}

// exec runs the INSERT of shape k (see stmt) with args.
func (it *importTx) exec(ctx context.Context, k insertKey, q func() string, args []any) error {
	st, err := it.stmt(ctx, k, q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// beginImportTx returns the open transaction of runner, beginning one
// when there is none.
func (s *Store) beginImportTx(ctx context.Context, runner string) (*importTx, error) {
	run := s.importRun(runner)
	if run.tx != nil {
		return run.tx, nil
	}
	conn, err := s.wdb.Conn(ctx)
	if err != nil {
		return nil, bina.Wrap(err, "import connection")
	}
	it := &importTx{conn: conn}
	if it.restore, err = applySettings(ctx, conn, s.d.importSession); err != nil {
		conn.Close()
		return nil, bina.Wrap(err, "import pragmas")
	}
	if it.tx, err = conn.BeginTx(ctx, nil); err != nil {
		it.restore()
		conn.Close()
		return nil, bina.Wrap(err, "begin")
	}
	run.tx = it
	return it, nil
}

// importRun returns the store's state of a run.
func (s *Store) importRun(runner string) *importRun {
	s.imports.mu.Lock()
	defer s.imports.mu.Unlock()
	if s.imports.runs == nil {
		s.imports.runs = map[string]*importRun{}
	}
	run := s.imports.runs[runner]
	if run == nil {
		run = &importRun{}
		s.imports.runs[runner] = run
	}
	return run
}

// endImportTx commits (or rolls back) the open transaction of runner, if
// any, and gives its connection back.
func (s *Store) endImportTx(ctx context.Context, runner string, commit bool) error {
	run := s.importRun(runner)
	it := run.tx
	run.tx = nil
	if it == nil {
		return nil
	}
	defer it.conn.Close()
	defer it.restore()
	defer func() {
		for _, st := range it.stmts {
			st.Close()
		}
	}()
	if !commit {
		it.tx.Rollback()
		return nil
	}
	if err := it.tx.Commit(); err != nil {
		// A commit whose answer was lost may have happened: the run's
		// counts are no longer known, and the first load's end counts
		// again.
		run.countsLost = true
		return bina.Wrap(err, "commit")
	}
	if len(it.counts) > 0 {
		if run.counts == nil {
			run.counts = countTally{}
		}
		run.counts.add(it.counts.deltas())
	}
	if s.d.walCheckpoint != "" {
		if _, err := it.conn.ExecContext(ctx, s.d.walCheckpoint); err != nil {
			return bina.Wrap(err, "checkpoint")
		}
		return nil
	}
	run.created += it.created
	return s.analyzeAfterImport(ctx, it.conn, run.created)
}

// analyzeAfterImport refreshes PostgreSQL's statistics of the tables an
// import looks rows up in whenever the run has added as many records as
// the statistics knew of. Without it, a register that grows from nothing
// during one import keeps the statistics of an empty table, the planner
// walks the whole table for each lookup of a NIK or NIB, and every chunk
// costs more than the one before. The autovacuum daemon would come, but
// too late for the run. The tables grow fourfold between two refreshes,
// so a million rows take four, of the few columns the lookups test.
func (s *Store) analyzeAfterImport(ctx context.Context, conn *sql.Conn, n int) error {
	if n < 10_000 {
		return nil
	}
	var known float64
	if err := conn.QueryRowContext(ctx, `SELECT reltuples FROM pg_class WHERE oid = CAST('enterprises' AS regclass)`).Scan(&known); err != nil {
		return bina.Wrap(err, "import statistics")
	}
	if float64(n) < 3*known {
		return nil
	}
	_, err := conn.ExecContext(ctx, `ANALYZE enterprises (owner_id, nib, village_code, name_key, archived_at), persons (id, nik), import_keys (entity, source, key)`)
	return bina.Wrap(err, "import statistics")
}
