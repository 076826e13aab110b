package sqlstore

import (
	"bina/audit"
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"bina"
)

// RecordAudit writes one audit entry in a transaction of its own. Reads of
// personal data are left out for actors who see it masked, and for the
// system (command-line tools).
func (s *Store) RecordAudit(ctx context.Context, e audit.Event) error {
	if e.Action.IsRead() && !(actor{user: bina.UserFromContext(ctx)}).logsAccess() {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error { return s.insertAudit(ctx, tx, e) })
}

// insertAudit writes e, filling what it leaves empty from ctx: the time,
// the actor and the client address.
//
// On PostgreSQL the transaction commits without waiting for the disk: a
// flush takes milliseconds, more than recording may add to a list page,
// and a crash of the database loses at most the last fraction of a second
// of entries, never corrupts them. (SQLite in WAL mode with
// synchronous=NORMAL already commits so.)
func (s *Store) insertAudit(ctx context.Context, tx *sql.Tx, e audit.Event) error {
	if s.d.lazyCommit != "" {
		if _, err := tx.ExecContext(ctx, s.d.lazyCommit); err != nil {
			return bina.Wrap(err, "record audit")
		}
	}
	if e.At.IsZero() {
		e.At = s.now()
	}
	if u := bina.UserFromContext(ctx); u != nil && e.Actor == "" {
		e.ActorID, e.Actor = u.ID, u.Name
	}
	if e.ClientAddr == "" {
		e.ClientAddr = audit.ClientAddr(ctx)
	}
	if e.Count == 0 {
		e.Count = len(e.Records)
	}
	var single any // entity_id: the one record read, else NULL
	if e.Action == audit.View && len(e.Records) == 1 {
		single = e.Records[0]
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor, client_addr, action, entity, entity_id, records, record_count, filter, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		e.At, e.ActorID, e.Actor, e.ClientAddr, string(e.Action), string(e.Entity), single, joinIDs(e.Records), e.Count, e.Filter, e.Detail)
	return bina.Wrap(err, "record audit")
}

// joinIDs writes ids as ",1,2,3," (empty for none): the ids of a list page
// take a few bytes each, and the commas at both ends let a LIKE find one.
func joinIDs(ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	b := make([]byte, 0, len(ids)*7+1)
	b = append(b, ',')
	for _, id := range ids {
		b = strconv.AppendInt(b, id, 10)
		b = append(b, ',')
	}
	return string(b)
}

// splitIDs reads what joinIDs wrote.
func splitIDs(s string) []int64 {
	var ids []int64
	for _, f := range strings.Split(strings.Trim(s, ","), ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// ListAudit returns the entries of one record (every read whose records
// hold it) or of one account, newest first, with the number of all that
// match. Errors: Forbidden (not an admin), Invalid (no subject and no
// actor).
func (s *Store) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Event, int, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, 0, err
	}
	if !a.isAdmin() {
		return nil, 0, bina.Errorf(bina.Forbidden, "Hanya admin yang dapat membaca jejak audit", "Only administrators may read the audit")
	}
	var p params
	var conds []string
	if f.Subject != "" {
		conds = append(conds, "entity = "+p.add(string(f.Subject)),
			"(entity_id = "+p.add(f.SubjectID)+" OR records LIKE "+p.add("%,"+strconv.FormatInt(f.SubjectID, 10)+",%")+")")
	}
	if f.Actor != "" {
		conds = append(conds, "actor = "+p.add(f.Actor))
	}
	if len(conds) == 0 {
		return nil, 0, invalidField("subject", "Pilih data (subject) atau akun (actor)", "Choose a record (subject) or an account (actor)")
	}
	where := " WHERE " + strings.Join(conds, " AND ")
	limit := f.Limit
	if limit <= 0 {
		limit = audit.DefaultLimit
	}
	var out []audit.Event
	var total int
	err = s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`+where, p.args...).Scan(&total); err != nil {
			return bina.Wrap(err, "count audit")
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, at, actor_id, actor, client_addr, action, entity, records, record_count, filter, detail
			FROM audit_log`+where+` ORDER BY at DESC, id DESC LIMIT `+p.add(limit)+` OFFSET `+p.add(max(f.Offset, 0)), p.args...)
		if err != nil {
			return bina.Wrap(err, "list audit")
		}
		defer rows.Close()
		for rows.Next() {
			var e audit.Event
			var action, entity, records string
			if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.ClientAddr, &action, &entity, &records, &e.Count, &e.Filter, &e.Detail); err != nil {
				return bina.Wrap(err, "list audit")
			}
			e.At = e.At.UTC()
			e.Action, e.Entity, e.Records = audit.Action(action), bina.Entity(entity), splitIDs(records)
			out = append(out, e)
		}
		return bina.Wrap(rows.Err(), "list audit")
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// PurgeAudit deletes the entries older than before: the office keeps the
// audit for the retention period it chose, and no longer.
func (s *Store) PurgeAudit(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM audit_log WHERE at < $1`, before.UTC())
		if err != nil {
			return bina.Wrap(err, "purge audit")
		}
		n, err = res.RowsAffected()
		return bina.Wrap(err, "purge audit")
	})
	return n, err
}

// recordSignIn writes the audit entry of a sign-in attempt: a success (err
// nil), a wrong name or password (err Unauthorized), or an attempt refused
// before the password was checked (any other code but Internal: the
// limiter). u is the account named, when known. A failure to record is
// logged: it must not refuse a sign-in that succeeded.
func (s *Store) recordSignIn(ctx context.Context, name, clientAddr string, u *bina.User, err error) {
	e := audit.Event{Actor: name, ClientAddr: clientAddr, Action: audit.SignInFailed}
	if u != nil {
		e.ActorID, e.Actor = u.ID, u.Name
	}
	switch code := bina.ErrorCode(err); {
	case err == nil:
		e.Action = audit.SignIn
	case code == bina.Unauthorized:
	case code == bina.Internal:
		return // the database failed; nothing was decided
	default:
		e.Detail = "refused: " + string(code)
	}
	if err := s.write(ctx, func(tx *sql.Tx) error { return s.insertAudit(ctx, tx, e) }); err != nil {
		s.log.Error("record sign-in in the audit", "err", err)
	}
}
