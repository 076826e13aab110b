package sqlstore

import (
	"context"
	"database/sql"
	"slices"

	"bina"
)

// reachedStates are the participant states (bina.ParticipantStates) that
// count as the office having reached a business.
var reachedStates = []string{"attended", "completed"}

// refreshReach recomputes when the office first and last reached each of
// the enterprises ids: the earliest and latest of their attended or
// completed participations and their coaching sessions. Every write that
// adds, removes or changes a participation or a session calls it in its
// own transaction, so the columns never disagree with the records.
func (s *Store) refreshReach(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		var p params
		idList := p.list(anySlice(ids[:n])...)
		states := p.list(anySlice(reachedStates)...)
		q := `WITH contact AS (
	SELECT enterprise_id, reached_on AS on_date FROM programme_participants
	WHERE enterprise_id IN (` + idList + `) AND state IN (` + states + `) AND reached_on IS NOT NULL
	UNION ALL
	SELECT enterprise_id, held_on FROM coaching_sessions WHERE enterprise_id IN (` + idList + `)
), span AS (
	SELECT enterprise_id, min(on_date) AS first_on, max(on_date) AS last_on FROM contact GROUP BY enterprise_id
)
UPDATE enterprises SET
	reached_first = (SELECT first_on FROM span WHERE span.enterprise_id = enterprises.id),
	reached_last = (SELECT last_on FROM span WHERE span.enterprise_id = enterprises.id)
WHERE id IN (` + idList + `)`
		if _, err := tx.ExecContext(ctx, q, p.args...); err != nil {
			return bina.Wrap(err, "refresh reach")
		}
		ids = ids[n:]
	}
	return nil
}

// anySlice returns xs as a slice of any, for params.list.
func anySlice[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
