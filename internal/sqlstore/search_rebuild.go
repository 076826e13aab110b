package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"bina"
)

// searchVersion is the version of the stored search words this code
// writes; search_version (migration 0021) holds the version the database
// has. Version 2: spelling keys and the main product (issue 14).
const searchVersion = 2

// rebuildChunk is how many records one transaction of a rebuild writes.
const rebuildChunk = 2000

// rebuildSearch writes the search words of every enterprise and
// cooperative again when the database holds an older version of them,
// in chunks of rebuildChunk records, each in its own transaction, with
// the writers of the first load (enterpriseSearch and rewriteSearch: the
// FTS5 table on SQLite, the search column and its word trigger on
// PostgreSQL). It is run after the migrations; an interrupted rebuild
// starts again at the next start.
func (s *Store) rebuildSearch(ctx context.Context) error {
	var have int
	if err := s.rdb.QueryRowContext(ctx, `SELECT version FROM search_version`).Scan(&have); err != nil {
		return fmt.Errorf("sqlstore: read search version: %w", err)
	}
	if have >= searchVersion {
		return nil
	}
	n := 0
	for after := int64(0); ; {
		var done int
		err := s.write(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, enterpriseSelect+` WHERE e.id > $1 ORDER BY e.id LIMIT $2`, after, rebuildChunk)
			if err != nil {
				return err
			}
			var es []*bina.Enterprise
			for rows.Next() {
				e, _, err := scanEnterprise(rows)
				if err != nil {
					rows.Close()
					return err
				}
				es = append(es, e)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, e := range es {
				if err := s.rewriteSearch(ctx, tx, e.ID, s.enterpriseSearch(e)); err != nil {
					return err
				}
				after = e.ID
			}
			done = len(es)
			return nil
		})
		if err != nil {
			return fmt.Errorf("sqlstore: rebuild search words: %w", err)
		}
		if n += done; done < rebuildChunk {
			break
		}
		s.log.Info("rebuilding search words", "engine", s.d.name, "enterprises", n)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name FROM cooperatives`)
		if err != nil {
			return err
		}
		type coop struct {
			id   int64
			name string
		}
		var cs []coop
		for rows.Next() {
			var c coop
			if err := rows.Scan(&c.id, &c.name); err != nil {
				rows.Close()
				return err
			}
			cs = append(cs, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, c := range cs {
			if _, err := tx.ExecContext(ctx, `UPDATE cooperatives SET search_words = $1 WHERE id = $2`, " "+recordWords(c.name)+" ", c.id); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE search_version SET version = $1`, searchVersion)
		return err
	})
	if err == nil && n > 0 && s.d.searchMerge != "" {
		// As after a first load: every record's words were deleted and
		// written again, and FTS5 reads fastest from merged segments.
		_, err = s.wdb.ExecContext(ctx, s.d.searchMerge)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: rebuild search words: %w", err)
	}
	if n > 0 {
		s.log.Info("rebuilt search words", "engine", s.d.name, "enterprises", n)
	}
	return nil
}
