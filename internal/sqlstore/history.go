package sqlstore

import (
	"context"
	"database/sql"
	"math"
	"strconv"
	"time"

	"bina"
)

// The actions recorded in the history.
const (
	actionCreate  = "create"
	actionUpdate  = "update"
	actionArchive = "archive"
	actionRestore = "restore"
	actionRAT     = "rat"
)

// field is one named value of a record, as text, for the history.
type field struct {
	name  string
	value string
}

// recordFields lists the fields of x that the history compares, as the
// record's field table names and writes them.
func recordFields[T any](table []bina.RecordField[T], x *T) []field {
	out := make([]field, 0, len(table))
	for i := range table {
		if f := &table[i]; f.Typed() || f.Value != nil {
			out = append(out, field{string(f.Field), f.Format(x)})
		}
	}
	return out
}

// diffFields returns the fields whose values differ between before and
// after (both listed by the same function, so in the same order).
func diffFields(before, after []field) []bina.Change {
	var out []bina.Change
	old := make(map[string]string, len(before))
	for _, f := range before {
		old[f.name] = f.value
	}
	for _, f := range after {
		if b := old[f.name]; b != f.value {
			out = append(out, bina.Change{Field: f.name, Before: b, After: f.value})
		}
	}
	return out
}

// record writes history rows for one record: one per change.
func (s *Store) record(ctx context.Context, tx *sql.Tx, entity bina.Entity, id int64, at time.Time, who, action string, changes []bina.Change) error {
	for _, c := range changes {
		_, err := tx.ExecContext(ctx, `INSERT INTO history (entity, entity_id, at, user_name, action, field, before_value, after_value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			string(entity), id, at, who, action, c.Field, c.Before, c.After)
		if err != nil {
			return bina.Wrap(err, "write history")
		}
	}
	return nil
}

// History returns one page of the changes of one record, newest first
// (see bina.HistoryService). Personal fields
// (bina.PersonalFields, and the phones inside officer lists) are masked for
// actors who may not see personal data.
func (s *Store) History(ctx context.Context, entity bina.Entity, id, before int64, limit int) ([]bina.Change, error) {
	if limit <= 0 {
		limit = bina.HistoryPageSize
	}
	limit = min(limit, bina.MaxHistoryPage)
	if before <= 0 {
		before = math.MaxInt64
	}
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var table string
	switch entity {
	case bina.EntityEnterprise:
		table = "enterprises"
	case bina.EntityCooperative:
		table = "cooperatives"
	default:
		return nil, bina.Errorf(bina.Invalid, "Jenis data %q tidak dikenal", "Unknown kind of record %q", entity)
	}
	var out []bina.Change
	err = s.read(ctx, func(tx *sql.Tx) error {
		var village bina.RegionCode
		err := tx.QueryRowContext(ctx, `SELECT village_code FROM `+table+` WHERE id = $1`, id).Scan(&village)
		reach := a.sees(village)
		if entity == bina.EntityCooperative {
			reach = a.seesCooperative(id, village)
		}
		if err == sql.ErrNoRows || (err == nil && !reach) {
			return notFoundf("Data tidak ditemukan", "Record not found")
		}
		if err != nil {
			return bina.Wrap(err, "find record")
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, at, user_name, action, field, before_value, after_value FROM history WHERE entity = $1 AND entity_id = $2 AND id < $3 ORDER BY id DESC LIMIT $4`, string(entity), id, before, limit)
		if err != nil {
			return bina.Wrap(err, "read history")
		}
		defer rows.Close()
		for rows.Next() {
			c := bina.Change{Entity: entity, EntityID: id}
			if err := rows.Scan(&c.ID, &c.At, &c.UserName, &c.Action, &c.Field, &c.Before, &c.After); err != nil {
				return bina.Wrap(err, "read history")
			}
			c.At = c.At.UTC()
			if a.masked() {
				c.Before, c.After = maskChange(entity, c.Field, c.Before), maskChange(entity, c.Field, c.After)
			}
			out = append(out, c)
		}
		return bina.Wrap(rows.Err(), "read history")
	})
	return out, err
}

// maskChange hides a personal value of the history of a record of
// entity, as bina.Enterprise.MaskPersonal hides it on the record: the
// business address too, which may be the owner's home, and the exact
// place.
func maskChange(entity bina.Entity, field, v string) string {
	switch {
	case bina.PersonalFields[field]:
		return bina.Mask(v)
	case entity == bina.EntityEnterprise && field == "address":
		return bina.Mask(v)
	case field == "latitude" || field == "longitude":
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
		}
	case field == "officers":
		return maskPhoneDigits(v)
	}
	return v
}

// ---- formatting values for the history ----

func itoa(n int) string           { return strconv.Itoa(n) }
func i64(n int64) string          { return strconv.FormatInt(n, 10) }
func boolText(b bool) string      { return strconv.FormatBool(b) }
func dateText(d bina.Date) string { return d.String() }
