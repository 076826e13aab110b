package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"bina"
)

// searchVersion is the version of the stored search words this code
// writes; search_version (migration 0021) holds the version the database
// has. Version 2: spelling keys and the main product (issue 14). Version
// 3: the facets of the owner and of the data-quality checks (issue 13),
// in the facets column of enterprises as well as in the search index.
const searchVersion = 3

// rebuildChunk is how many records one transaction of a rebuild writes.
const rebuildChunk = 2000

// rebuildSearch writes the search words and facets of every enterprise
// and the words of every cooperative again when the database holds an
// older version of them, in chunks of rebuildChunk records, each in its
// own transaction, with the writers of the first load (the facets column,
// then enterpriseSearch and rewriteSearch: the FTS5 table on SQLite, the
// search column and its word trigger on PostgreSQL, which rewrites the
// word rows of a record whose facets changed). It is run after the
// migrations; an interrupted rebuild starts again at the next start.
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
				if err := s.rewriteFacets(ctx, tx, e); err != nil {
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

// rewriteFacets writes the facets column and the search document of e
// again, as the code computes them now; a row whose facets are unchanged
// is not written.
func (s *Store) rewriteFacets(ctx context.Context, tx *sql.Tx, e *bina.Enterprise) error {
	in := s.facetInputOf(e)
	if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET facets = $1 WHERE id = $2 AND facets <> $1`, facetBits(e, in), e.ID); err != nil {
		return bina.Wrap(err, "write facets")
	}
	return s.rewriteSearch(ctx, tx, e.ID, enterpriseSearchOf(e, in))
}

// settleCheckFacets writes again the facets of the records whose checks
// of the data-quality figures changed since they were written: a desa
// that became known or unknown when the regions in force changed, a NIK
// read against a later date. rebuildSummaries counts the figures again
// then, and the lists behind them must follow.
func (s *Store) settleCheckFacets(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.village_code, e.facets, o.nik FROM enterprises e JOIN persons o ON o.id = e.owner_id`)
	if err != nil {
		return bina.Wrap(err, "settle facets")
	}
	now := s.now()
	var ids []int64
	for rows.Next() {
		var id int64
		var village bina.RegionCode
		var facets int
		var nik string
		if err := rows.Scan(&id, &village, &facets, &nik); err != nil {
			rows.Close()
			return bina.Wrap(err, "settle facets")
		}
		unknown, valid := facets&facetNoVillage != 0, facets&facetNIKValid != 0
		if unknown == s.knownVillage(village) || valid != nikValid(nik, now) {
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return bina.Wrap(err, "settle facets")
	}
	for _, id := range ids {
		e, err := s.loadEnterprise(ctx, tx, id, false)
		if err != nil {
			return err
		}
		if err := s.rewriteFacets(ctx, tx, e); err != nil {
			return err
		}
	}
	if len(ids) > 0 {
		s.log.Info("rewrote the facets of changed checks", "enterprises", len(ids))
	}
	return nil
}
