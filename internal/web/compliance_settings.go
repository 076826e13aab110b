package web

import (
	"bina/supervision"
	"net/http"
	"strconv"
	"strings"

	"bina"
)

// complianceSettingsPage is the admin form of the RAT due dates and the
// sanction ladder (/koperasi/kepatuhan/pengaturan).
type complianceSettingsPage struct {
	layout
	Settings supervision.ComplianceSettings
	Steps    []supervision.SanctionStep // the ladder with empty rows to add rungs
	Months   []int
	Problems []string
}

// ComplianceSettingsPage shows the settings to an admin.
func (h *Handler) ComplianceSettingsPage(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Compliance == nil {
		http.NotFound(w, r)
		return
	}
	if !bina.UserFromContext(r.Context()).IsAdmin() {
		h.Error(w, r, bina.Errorf(bina.Forbidden, "Hanya admin yang boleh mengubah pengaturan kepatuhan RAT", "Only admins may change the RAT compliance settings"))
		return
	}
	set, err := h.Deps.Compliance.ComplianceSettings(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderComplianceSettings(w, r, http.StatusOK, set, nil)
}

func (h *Handler) renderComplianceSettings(w http.ResponseWriter, r *http.Request, status int, set supervision.ComplianceSettings, problems []string) {
	p := &complianceSettingsPage{layout: h.newLayout(r, "Pengaturan kepatuhan RAT", "koperasi"), Settings: set, Problems: problems}
	p.Steps = append(p.Steps, set.Sanctions...)
	for len(p.Steps) < supervision.MaxSanctionSteps && len(p.Steps) < len(set.Sanctions)+2 {
		p.Steps = append(p.Steps, supervision.SanctionStep{})
	}
	for m := 1; m <= 12; m++ {
		p.Months = append(p.Months, m)
	}
	h.render(w, r, status, "compliance/settings", p)
}

// ComplianceSettingsSave stores new settings from the form; a form with
// problems is shown again as it was typed.
func (h *Handler) ComplianceSettingsSave(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Compliance == nil {
		http.NotFound(w, r)
		return
	}
	num := func(name string) int {
		n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(name)))
		if err != nil {
			return -1
		}
		return n
	}
	set := supervision.ComplianceSettings{RATDueMonth: num("bulan_rat"), RATDueDay: num("tanggal_rat"), ReportMonths: num("bulan_laporan")}
	for i := range supervision.MaxSanctionSteps {
		k := strconv.Itoa(i)
		label := r.PostFormValue("sanksi_" + k)
		years := strings.TrimSpace(r.PostFormValue("tahun_" + k))
		if strings.TrimSpace(label) == "" && years == "" {
			continue
		}
		set.Sanctions = append(set.Sanctions, supervision.SanctionStep{MissedYears: num("tahun_" + k), Label: label})
	}
	err := h.Deps.Compliance.SaveComplianceSettings(r.Context(), &set)
	if bina.ErrorCode(err) == bina.Invalid {
		h.renderComplianceSettings(w, r, http.StatusUnprocessableEntity, set, problemTexts(err, lang(r)))
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/koperasi/kepatuhan", "saved")
}
