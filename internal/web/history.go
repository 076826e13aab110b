package web

import (
	"regexp"
	"strconv"
	"strings"

	"bina"
)

// historyActions label the kinds of change.
var historyActions = map[string]bina.Text{
	"create":  {ID: "Didaftarkan", EN: "Registered"},
	"update":  {ID: "Diubah", EN: "Changed"},
	"archive": {ID: "Diarsipkan", EN: "Archived"},
	"restore": {ID: "Dipulihkan", EN: "Restored"},
	"rat":     {ID: "RAT dicatat", EN: "RAT recorded"},
	// Letters (sqlstore/letter.go records them on the enterprise).
	"letter_issue":  {ID: "Surat keterangan diterbitkan", EN: "Letter issued"},
	"letter_revoke": {ID: "Surat keterangan dicabut", EN: "Letter revoked"},
}

// fieldLabel is the human name of a field in the history, the
// enumeration its values come from, if any, and whether its values are
// rupiah amounts (shown with thousands separators; identifiers such as NIB
// are digits too, and are not) or yes and no.
type fieldLabel struct {
	bina.Text
	Enum   bina.Options
	Amount bool
	YesNo  bool
}

// enterpriseFieldLabels name the fields of an enterprise as the history
// records them: those of the field table and the history's own.
var enterpriseFieldLabels = historyLabels(bina.EnterpriseTable(), map[string]fieldLabel{
	"digital":        {Text: bina.Text{ID: "Kehadiran digital", EN: "Digital presence"}},
	"archive_reason": {Text: bina.Text{ID: "Alasan arsip", EN: "Archive reason"}},
	// Pembinaan: certificates and milestones are written in the
	// enterprise's history.
	"certificate": {Text: bina.Text{ID: "Sertifikat/izin", EN: "Certificate or licence"}},
	"milestone":   {Text: bina.Text{ID: "Capaian usaha", EN: "Business outcome"}},
	"officer":     {Text: bina.Text{ID: "Petugas pendamping", EN: "Officer in charge"}}, // the caseload (coaching.go)
})

// cooperativeFieldLabels name the fields of a cooperative as the history
// records them.
var cooperativeFieldLabels = historyLabels(bina.CooperativeTable(), map[string]fieldLabel{
	"archive_reason": {Text: bina.Text{ID: "Alasan arsip", EN: "Archive reason"}},
	"rat":            {Text: bina.Text{ID: "RAT", EN: "RAT"}},
})

// historyLabels adds the fields of a field table to labels.
func historyLabels[T any](table []bina.RecordField[T], labels map[string]fieldLabel) map[string]fieldLabel {
	for _, f := range table {
		if f.History.ID == "" {
			continue
		}
		l := fieldLabel{Text: f.History, Enum: f.Options}
		switch f.Field {
		case bina.FieldStartMonth:
			l.Enum = months
		case bina.FieldKelompok:
			l.Enum = nil // the office's own list, which the history shows by code
		}
		l.Amount, l.YesNo = f.Int64 != nil || f.Kind == bina.KindRupiah, f.Bool != nil
		labels[string(f.Field)] = l
	}
	return labels
}

// ratFieldLabels name the figures of a RAT record ("rat.2025.shu").
var ratFieldLabels = map[string]fieldLabel{
	"held_on":              {Text: bina.Text{ID: "tanggal RAT", EN: "RAT date"}},
	"reported_on":          {Text: bina.Text{ID: "tanggal laporan", EN: "report date"}},
	"members_present":      {Text: bina.Text{ID: "anggota hadir", EN: "members present"}},
	"members_female":       {Text: bina.Text{ID: "anggota perempuan", EN: "members, female"}},
	"members_male":         {Text: bina.Text{ID: "anggota laki-laki", EN: "members, male"}},
	"prospective_members":  {Text: bina.Text{ID: "calon anggota", EN: "prospective members"}},
	"employees_female":     {Text: bina.Text{ID: "karyawan perempuan", EN: "employees, female"}},
	"employees_male":       {Text: bina.Text{ID: "karyawan laki-laki", EN: "employees, male"}},
	"managers_female":      {Text: bina.Text{ID: "manajer perempuan", EN: "managers, female"}},
	"managers_male":        {Text: bina.Text{ID: "manajer laki-laki", EN: "managers, male"}},
	"simpanan_pokok":       {Text: bina.Text{ID: "simpanan pokok", EN: "simpanan pokok (principal savings)"}, Amount: true},
	"simpanan_wajib":       {Text: bina.Text{ID: "simpanan wajib", EN: "simpanan wajib (mandatory savings)"}, Amount: true},
	"reserves":             {Text: bina.Text{ID: "cadangan", EN: "reserves"}, Amount: true},
	"grants":               {Text: bina.Text{ID: "hibah", EN: "grants"}, Amount: true},
	"borrowed_capital":     {Text: bina.Text{ID: "modal pinjaman", EN: "borrowed capital"}, Amount: true},
	"equity_participation": {Text: bina.Text{ID: "modal penyertaan", EN: "equity participation"}, Amount: true},
	"assets":               {Text: bina.Text{ID: "aset", EN: "assets"}, Amount: true},
	"savings_received":     {Text: bina.Text{ID: "simpanan dihimpun", EN: "savings received"}, Amount: true},
	"loans_given":          {Text: bina.Text{ID: "pinjaman disalurkan", EN: "loans given"}, Amount: true},
	"business_volume":      {Text: bina.Text{ID: "volume usaha", EN: "business volume"}, Amount: true},
	"shu":                  {Text: bina.Text{ID: "SHU", EN: "SHU (surplus)"}, Amount: true},
	"has_business_license": {Text: bina.Text{ID: "izin usaha", EN: "business licence"}, YesNo: true},
	"health_assessed":      {Text: bina.Text{ID: "kesehatan dinilai", EN: "health assessed"}, YesNo: true},
	"health_result":        {Text: bina.Text{ID: "hasil penilaian kesehatan", EN: "health result"}, Enum: bina.HealthResults},
}

var (
	longNumber  = regexp.MustCompile(`-?\b\d{4,}\b`)
	kbliVersion = regexp.MustCompile(`\b\d{4}:(\d{5})\b`)
)

// historyRows makes the changes readable: actions and field names in the
// user's language, enumeration values as their labels.
// historyBlock is one page of a record's history on its page, with the
// links to the older changes and back to the newest.
type historyBlock struct {
	Rows         []historyRow
	Older, Newer string
}

// historyBlock shows changes, the page of history older than the change
// before (0: the newest), on the record page here.
func (h *Handler) historyBlock(changes []bina.Change, before int64, lang, here string, labels map[string]fieldLabel) historyBlock {
	b := historyBlock{Rows: h.historyRows(changes, lang, labels)}
	if len(changes) == bina.HistoryPageSize {
		b.Older = here + "?riwayat=" + strconv.FormatInt(changes[len(changes)-1].ID, 10) + "#h-history"
	}
	if before > 0 {
		b.Newer = here + "#h-history"
	}
	return b
}

func (h *Handler) historyRows(changes []bina.Change, lang string, labels map[string]fieldLabel) []historyRow {
	rows := make([]historyRow, 0, len(changes))
	for _, c := range changes {
		row := historyRow{Change: c, Action: c.Action, Field: c.Field}
		if a, ok := historyActions[c.Action]; ok {
			row.Action = a.In(lang)
		}
		lbl, ok := labels[c.Field]
		name := c.Field
		if rest, isRAT := strings.CutPrefix(c.Field, "rat."); !ok && isRAT {
			year, fig, _ := strings.Cut(rest, ".")
			lbl, ok = fieldLabel{Text: bina.Text{ID: "RAT tahun buku " + year, EN: "RAT for book year " + year}}, true
			if f, known := ratFieldLabels[fig]; known {
				lbl = f
				lbl.Text = bina.Text{ID: "RAT tahun buku " + year + ": " + f.ID, EN: "RAT for book year " + year + ": " + f.EN}
				name = fig
			}
		}
		if ok {
			row.Field = lbl.In(lang)
			if lbl.Enum != nil {
				row.Before = lbl.Enum.Label(c.Before, lang)
				row.After = lbl.Enum.Label(c.After, lang)
			}
		}
		if lbl.Amount {
			row.Before = longNumber.ReplaceAllStringFunc(row.Before, groupDigits)
			row.After = longNumber.ReplaceAllStringFunc(row.After, groupDigits)
		}
		switch name {
		case "kbli":
			row.Before = kbliVersion.ReplaceAllString(row.Before, "$1")
			row.After = kbliVersion.ReplaceAllString(row.After, "$1")
		case "village_code":
			if c.Before != "" {
				row.Before = h.Ref.Regions.Path(bina.RegionCode(c.Before))
			}
			if c.After != "" {
				row.After = h.Ref.Regions.Path(bina.RegionCode(c.After))
			}
		}
		if lbl.YesNo {
			row.Before, row.After = yesNoText(c.Before, lang), yesNoText(c.After, lang)
		}
		rows = append(rows, row)
	}
	return rows
}

// groupDigits writes a run of digits with thousands separators; a
// four-digit number is a year and stays as it is.
func groupDigits(s string) string {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || (n >= 1000 && n < 10000) {
		return s
	}
	return formatNumber(n)
}

func yesNoText(s, lang string) string {
	switch s {
	case "true", "1", "ya":
		return yesNo.Label("ya", lang)
	case "false", "0", "tidak":
		return yesNo.Label("tidak", lang)
	}
	return s
}
