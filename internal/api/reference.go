package api

import (
	"errors"
	"net/http"

	"bina"
)

// Me answers the signed-in user.
func (h *Handler) Me(w http.ResponseWriter, r *http.Request) {
	u := bina.UserFromContext(r.Context())
	if u == nil {
		// The server guards this route; a missing actor is a wiring bug.
		h.Error(w, r, bina.Errorf(bina.Unauthorized, "Silakan masuk terlebih dahulu.", "Please sign in first."))
		return
	}
	h.writeJSON(w, r, http.StatusOK, u)
}

type regionsQuery struct {
	Parent bina.RegionCode
}

// regionsParams are the parameters of GET /api/v1/regions. The parent is
// looked up in the handler, so that an unknown one is a 404.
var regionsParams = []param[regionsQuery]{{
	name: "parent", doc: "Code of the region whose children to list; default the deployment's root.",
	schema: schema{"type": "string", "pattern": regionPattern, "examples": []string{"61.12.01"}},
	set: func(q *regionsQuery, v string) (bina.Text, bool) {
		q.Parent = bina.RegionCode(v)
		return bina.Text{}, true
	},
}}

// Regions answers the regions directly below the parent in the query, or
// below the deployment's root.
func (h *Handler) Regions(w http.ResponseWriter, r *http.Request) {
	q := regionsQuery{}
	if err := parseQuery(r.URL.Query(), regionsParams, &q); err != nil {
		h.Error(w, r, err)
		return
	}
	tree := h.ref.Regions
	if tree == nil {
		h.Error(w, r, bina.Wrap(errors.New("no region tree in the reference"), "api: regions"))
		return
	}
	if q.Parent == "" {
		q.Parent = tree.Root()
	}
	// The tree holds the root's ancestors too; "" is all Indonesia.
	if _, ok := tree.Get(q.Parent); !ok && q.Parent != "" {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Wilayah %s tidak dikenal.", "Unknown region %s.", q.Parent))
		return
	}
	h.writeJSON(w, r, http.StatusOK, itemsOf(tree.Children(q.Parent)))
}

type kbliQuery struct {
	Q string
}

// kbliLimit is the most entries a KBLI search answers.
const kbliLimit = 50

var kbliParams = []param[kbliQuery]{
	textParam("q", "The start of a code, or words of the title (case-insensitive). Empty lists the first entries.", func(q *kbliQuery) *string { return &q.Q }),
}

// KBLI answers up to 50 five-digit KBLI 2020 codes matching q.
func (h *Handler) KBLI(w http.ResponseWriter, r *http.Request) {
	q := kbliQuery{}
	if err := parseQuery(r.URL.Query(), kbliParams, &q); err != nil {
		h.Error(w, r, err)
		return
	}
	var entries []bina.KBLIEntry
	if h.ref.KBLI != nil {
		entries = h.ref.KBLI.Search(bina.KBLI2020, q.Q, kbliLimit)
	}
	h.writeJSON(w, r, http.StatusOK, itemsOf(entries))
}
