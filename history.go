package bina

import (
	"context"
	"time"
)

// Entity names a kind of record in the history.
type Entity string

// The entities whose changes are recorded.
const (
	EntityEnterprise  Entity = "enterprise"
	EntityCooperative Entity = "cooperative"
)

// Change is one recorded change of one field of one record: who, when,
// which field, before and after. A creation or an archive is recorded with
// Action set and Field empty.
type Change struct {
	ID       int64     `json:"id"`
	Entity   Entity    `json:"entity"`
	EntityID int64     `json:"entity_id"`
	At       time.Time `json:"at"`
	UserName string    `json:"user"`   // "system" for tools
	Action   string    `json:"action"` // create, update, archive, restore, rat
	Field    string    `json:"field"`
	Before   string    `json:"before"`
	After    string    `json:"after"`
}

// PersonalFields are the history field names that hold personal data; they
// are masked for roles that may not see it.
var PersonalFields = map[string]bool{
	"owner.nik": true, "owner.phone": true, "owner.birth_date": true, "owner.address": true, "owner.disability": true,
}

// HistoryPageSize is how many changes one page of a record's history
// holds, and MaxHistoryPage the most a caller may ask for.
const (
	HistoryPageSize = 50
	MaxHistoryPage  = 200
)

// HistoryService reads the history of records.
type HistoryService interface {
	// History returns one page of the changes of one record, newest
	// first: up to limit changes (0: HistoryPageSize; at most
	// MaxHistoryPage) older than the change with id before (0: from the
	// newest). Errors: NotFound (no such record in the actor's region).
	History(ctx context.Context, entity Entity, id, before int64, limit int) ([]Change, error)
}
