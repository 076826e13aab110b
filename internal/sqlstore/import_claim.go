package sqlstore

import (
	"bina/imports"
	"context"
	"database/sql"

	"bina"
)

// ClaimImport marks the job as run by runner. The job queue hands a job
// to one run at a time, so a job that is queued, failed (a later run
// resumes it) or running (its earlier run died or was given up by the
// queue) is taken; a job already done is returned as it is, with nothing
// to do. Taking a running first load ends it first: its run is over, and
// the new run resumes it as an ordinary import. Before the first run of
// any import, the name keys of records written before migration 0002 are
// filled in.
func (s *Store) ClaimImport(ctx context.Context, id int64, runner string) (*imports.Job, error) {
	if _, err := s.requireImporter(ctx); err != nil {
		return nil, err
	}
	if err := s.fillNameKeys(ctx); err != nil {
		return nil, err
	}
	now := s.now()
	var j *imports.Job
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if j, err = s.loadImport(ctx, tx, id, true); err != nil {
			return err
		}
		switch j.State {
		case imports.ImportUploaded:
			return bina.Errorf(bina.Conflict, "Impor ini belum dipetakan kolomnya", "This import's columns are not mapped yet")
		case imports.ImportDone:
			return nil
		}
		if j.FirstLoad {
			if err := s.endDeadFirstLoad(ctx, tx, id); err != nil {
				return err
			}
			j.FirstLoad = false
		}
		_, err = tx.ExecContext(ctx, `UPDATE imports SET state = $1, runner = $2, heartbeat_at = $3, started_at = COALESCE(started_at, $3), error_id = '', error_en = '', finished_at = NULL WHERE id = $4`,
			imports.ImportRunning, runner, now, id)
		if err != nil {
			return bina.Wrap(err, "claim import")
		}
		j.State, j.Error, j.FinishedAt = imports.ImportRunning, bina.Text{}, nil
		if j.StartedAt == nil {
			j.StartedAt = &now
		}
		return nil
	})
	return j, err
}

// FinishImport ends a run; state "" releases an interrupted run's claim.
func (s *Store) FinishImport(ctx context.Context, id int64, runner, state string, msg bina.Text, total int) error {
	// Whatever a run wrote since its last commit is given up with it.
	s.endImportTx(ctx, runner, false)
	s.imports.mu.Lock()
	// A first load begun by this run knows the counts of every record it
	// committed; one begun by a run that died is counted again.
	var counts countTally
	if run := s.imports.runs[runner]; run != nil && run.bulk && run.job == id && !run.countsLost {
		counts = run.counts
		if counts == nil {
			counts = countTally{}
		}
	}
	delete(s.imports.runs, runner)
	s.imports.mu.Unlock()
	now := s.now()
	var err error
	if state == "" {
		err = s.write(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE imports SET state = $1, runner = '' WHERE id = $2 AND runner = $3 AND state = $4`, imports.ImportQueued, id, runner, imports.ImportRunning)
			if err != nil {
				return bina.Wrap(err, "release import")
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return nil
			}
			// A first load resumes as an ordinary import.
			return s.finishBulk(ctx, tx, id, counts)
		})
	} else {
		err = s.write(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE imports SET state = $1, runner = '', error_id = $2, error_en = $3, finished_at = $4, total = CASE WHEN $5 > 0 THEN $5 ELSE total END WHERE id = $6 AND runner = $7`,
				state, msg.ID, msg.EN, now, total, id, runner)
			if err != nil {
				return bina.Wrap(err, "finish import")
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return errClaimLost()
			}
			return s.finishBulk(ctx, tx, id, counts)
		})
	}
	if err != nil {
		return err
	}
	if state == imports.ImportDone {
		for _, q := range s.d.afterImport {
			if _, err := s.wdb.ExecContext(ctx, q); err != nil {
				return bina.Wrap(err, "after import")
			}
		}
	}
	return nil
}

func errClaimLost() error {
	return bina.Errorf(bina.Conflict, "Impor ini diambil alih oleh proses lain", "Another run has taken over this import")
}

// fillNameKeys computes the name keys of enterprises written before
// migration 0002, a batch at a time, once per process: every write since
// keeps them.
func (s *Store) fillNameKeys(ctx context.Context) error {
	if s.imports.namesFilled.Load() {
		return nil
	}
	for {
		type row struct {
			id   int64
			name string
		}
		var batch []row
		err := s.write(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT id, name FROM enterprises WHERE name_key IS NULL LIMIT 5000`)
			if err != nil {
				return err
			}
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.id, &r.name); err != nil {
					rows.Close()
					return err
				}
				batch = append(batch, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, r := range batch {
				if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET name_key = $1 WHERE id = $2`, imports.NameKey(r.name), r.id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return bina.Wrap(err, "fill name keys")
		}
		if len(batch) < 5000 {
			s.imports.namesFilled.Store(true)
			return nil
		}
	}
}
