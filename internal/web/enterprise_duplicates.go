package web

import (
	"net/http"

	"bina"
)

// The duplicate check of the UMKM form (docs/search.md): before a business
// typed by hand is saved, the register is searched for the records it
// resembles by the import's rules (EnterpriseService.EnterpriseDuplicates).
// When there are some, the form comes back with them, linked, and a hidden
// field: saving again with it saves anyway ("Simpan tetap").

// confirmDuplicates is the hidden field that confirms the save.
const confirmDuplicates = "simpan_tetap"

// duplicateView is a likely duplicate as the form lists it.
type duplicateView struct {
	ID     int64
	Name   string
	Place  string
	Reason string
}

// checkDuplicates returns save preceded, unless the form confirms, by the
// duplicate check of e: likely duplicates stop the save with a problem
// for the form and are put in found.
func (h *Handler) checkDuplicates(r *http.Request, e *bina.Enterprise, found *[]duplicateView, save func() error) func() error {
	return func() error {
		if r.PostFormValue(confirmDuplicates) == "" {
			dups, err := h.Enterprises.EnterpriseDuplicates(r.Context(), e)
			if err != nil {
				return err
			}
			for _, d := range dups {
				*found = append(*found, duplicateView{ID: d.ID, Name: d.Name, Place: h.Ref.Regions.Path(d.VillageCode), Reason: d.Reason.In(lang(r))})
			}
			if len(dups) > 0 {
				return bina.Errorf(bina.Invalid, "Usaha ini mungkin sudah terdaftar. Periksa daftar di bawah; bila memang usaha lain, tekan Simpan tetap.",
					"This business may already be registered. Check the list below; if it is another business, press Save anyway.")
			}
		}
		return save()
	}
}
