package web

import (
	"bina/coaching"
	"net/http"

	"bina"
)

// participationBlock is the "Program yang diikuti" block of the UMKM page:
// the programmes the business is in.
type participationBlock struct {
	Rows   []coaching.Participation
	States bina.Options
}

// participationBlock reads the programmes of business e; nil on a server
// without programmes.
func (h *Handler) participationBlock(r *http.Request, e *bina.Enterprise) (*participationBlock, error) {
	if h.Programmes == nil {
		return nil, nil
	}
	rows, err := h.Programmes.ParticipationsOf(r.Context(), e.ID)
	if err != nil {
		return nil, err
	}
	return &participationBlock{Rows: rows, States: coaching.ParticipantStates}, nil
}
