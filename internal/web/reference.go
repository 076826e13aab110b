package web

import (
	"bina/imports"
	"context"
	"strconv"
	"strings"

	"bina"
)

// Records are named on the pages by what people know of them (issue 14):
// an import by its file and the day it was uploaded, a business by its
// name and desa, a cooperative by its name and registration number;
// never by an internal number alone.

// importName names an import: "umkm-2024.xlsx, 3 Des 2026".
func importName(j imports.Job, lang string) string {
	return j.FileName + ", " + formatDate(j.CreatedAt, lang)
}

// recentImports is how many imports the review filter offers.
const recentImports = 100

// importNames returns the choices of the review queue's import filter (the
// newest imports, by name) and the names of the imports of ids, read from
// those choices or, for an older one, by its id. An import that cannot be
// read (its file removed from the list) keeps its number.
func (h *Handler) importNames(ctx context.Context, lang string, ids ...int64) ([]choice, map[int64]string, error) {
	jobs, err := h.Imports.ListImports(ctx, recentImports, 0)
	if err != nil {
		return nil, nil, err
	}
	names := map[int64]string{}
	var choices []choice
	for _, j := range jobs {
		names[j.ID] = importName(j, lang)
		choices = append(choices, choice{Value: strconv.FormatInt(j.ID, 10), Label: names[j.ID]})
	}
	for _, id := range ids {
		if _, ok := names[id]; ok || id <= 0 {
			continue
		}
		if j, err := h.Imports.FindImport(ctx, id); err == nil {
			names[id] = importName(*j, lang)
		} else {
			names[id] = h.t(lang, "Impor") + " " + strconv.FormatInt(id, 10)
		}
	}
	return choices, names, nil
}

// enterpriseKnown names a business: "Keripik Bu Sri, Kuala Dua".
func (h *Handler) enterpriseKnown(e *bina.Enterprise) string {
	if e.VillageCode == "" {
		return e.Name
	}
	return e.Name + ", " + h.Ref.Regions.Name(e.VillageCode)
}

// cooperativeKnown names a cooperative: its name and registration number
// (Nomor Induk Koperasi), or its desa when it has none.
func (h *Handler) cooperativeKnown(c *bina.Cooperative) string {
	switch {
	case c.RegistrationNumber != "":
		return c.Name + " (NIK " + c.RegistrationNumber + ")"
	case c.VillageCode != "":
		return c.Name + ", " + h.Ref.Regions.Name(c.VillageCode)
	}
	return c.Name
}

// knownReason names the record a stored review reason points at by its
// number ("NIB sama dengan UMKM #191", imports.DuplicateReason) as people know
// it: "NIB sama dengan UMKM “Keripik Bu Sri, Kuala Dua”". A reason of a
// record the user may not see keeps the number.
func knownReason(reason string, id int64, known string) string {
	if id <= 0 || known == "" {
		return reason
	}
	return strings.Replace(reason, " #"+strconv.FormatInt(id, 10), " “"+known+"”", 1)
}

// programmeNames names programmes by id: "Pelatihan Kemasan (2025)". A
// programme that cannot be read keeps its number.
func (h *Handler) programmeNames(ctx context.Context, lang string, ids ...int64) map[int64]string {
	names := map[int64]string{}
	for _, id := range ids {
		if _, ok := names[id]; ok || id <= 0 {
			continue
		}
		names[id] = h.t(lang, "Program") + " " + strconv.FormatInt(id, 10)
		if h.Programmes == nil {
			continue
		}
		if g, err := h.Programmes.FindProgramme(ctx, id); err == nil {
			names[id] = g.Name + " (" + strconv.Itoa(g.Year) + ")"
		}
	}
	return names
}
