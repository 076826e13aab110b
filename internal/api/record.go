package api

import (
	"context"
	"net/http"
	"strconv"
)

// recordKind is what the GET, POST and PUT handlers of one kind of record
// need: where it lives, how the service finds, creates and replaces it, and
// which members of a body the server owns.
type recordKind[T any] struct {
	path   string // the collection's path with a trailing slash
	find   func(context.Context, int64) (*T, error)
	create func(context.Context, *T) error
	update func(context.Context, *T) error
	// own drops the members the server owns from a decoded body and
	// returns where the record keeps its id and version.
	own func(*T) (id *int64, version *int)
	// version is the stored version of a record, its ETag.
	version func(*T) int
}

// get answers the record of the path's id.
func (k recordKind[T]) get(h *Handler, w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	k.answer(h, w, r, http.StatusOK, id)
}

// answer reads record id as the actor may see it and answers it with its
// ETag, and its Location when it was created.
func (k recordKind[T]) answer(h *Handler, w http.ResponseWriter, r *http.Request, status int, id int64) {
	x, err := k.find(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", k.path+strconv.FormatInt(id, 10))
	}
	h.writeRecord(w, r, status, x, k.version(x))
}

// post stores the record in the body: 201 with its Location and ETag.
func (k recordKind[T]) post(h *Handler, w http.ResponseWriter, r *http.Request) {
	var x T
	if err := decode(r, &x); err != nil {
		h.Error(w, r, err)
		return
	}
	id, _ := k.own(&x)
	if err := k.create(r.Context(), &x); err != nil {
		h.Error(w, r, err)
		return
	}
	k.answer(h, w, r, http.StatusCreated, *id)
}

// put replaces the record of the path's id with the body when If-Match
// names its current version.
func (k recordKind[T]) put(h *Handler, w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	pre, err := ifMatch(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var x T
	if err := decode(r, &x); err != nil {
		h.Error(w, r, err)
		return
	}
	xid, version := k.own(&x)
	*xid = id
	current := func() (int, error) {
		cur, err := k.find(r.Context(), id)
		if err != nil {
			return 0, err
		}
		return k.version(cur), nil
	}
	if *version, err = pre.version(current); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := k.update(r.Context(), &x); err != nil {
		h.Error(w, r, conflictOnUpdate(err, *version, current))
		return
	}
	k.answer(h, w, r, http.StatusOK, id)
}
