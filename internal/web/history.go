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
}

// fieldLabel is the human name of a field in the history, and the
// enumeration its values come from, if any.
type fieldLabel struct {
	bina.Text
	Enum bina.Options
}

// enterpriseFieldLabels name the fields of an enterprise as the history
// records them.
var enterpriseFieldLabels = map[string]fieldLabel{
	"name":                        {Text: bina.Text{ID: "Nama usaha", EN: "Business name"}},
	"trade_name":                  {Text: bina.Text{ID: "Nama dagang/merek", EN: "Trade name"}},
	"nib":                         {Text: bina.Text{ID: "NIB", EN: "NIB"}},
	"legal_form":                  {Text: bina.Text{ID: "Bentuk usaha", EN: "Legal form"}, Enum: bina.LegalForms},
	"kbli":                        {Text: bina.Text{ID: "KBLI", EN: "KBLI"}},
	"main_product":                {Text: bina.Text{ID: "Produk utama", EN: "Main product"}},
	"address":                     {Text: bina.Text{ID: "Alamat usaha", EN: "Business address"}},
	"village_code":                {Text: bina.Text{ID: "Desa", EN: "Village"}},
	"latitude":                    {Text: bina.Text{ID: "Lintang", EN: "Latitude"}},
	"longitude":                   {Text: bina.Text{ID: "Bujur", EN: "Longitude"}},
	"start_year":                  {Text: bina.Text{ID: "Tahun mulai", EN: "Start year"}},
	"capital":                     {Text: bina.Text{ID: "Modal usaha", EN: "Business capital"}},
	"assets":                      {Text: bina.Text{ID: "Aset", EN: "Assets"}},
	"sales":                       {Text: bina.Text{ID: "Omzet tahunan", EN: "Annual sales"}},
	"workers_paid_male":           {Text: bina.Text{ID: "Pekerja dibayar laki-laki", EN: "Paid workers, male"}},
	"workers_paid_female":         {Text: bina.Text{ID: "Pekerja dibayar perempuan", EN: "Paid workers, female"}},
	"workers_unpaid_male":         {Text: bina.Text{ID: "Pekerja tidak dibayar laki-laki", EN: "Unpaid workers, male"}},
	"workers_unpaid_female":       {Text: bina.Text{ID: "Pekerja tidak dibayar perempuan", EN: "Unpaid workers, female"}},
	"size_reported":               {Text: bina.Text{ID: "Skala menurut pemilik", EN: "Size reported by owner"}, Enum: bina.Sizes},
	"size_computed":               {Text: bina.Text{ID: "Skala terhitung", EN: "Computed size"}, Enum: bina.Sizes},
	"size_rule":                   {Text: bina.Text{ID: "Aturan skala", EN: "Size rule"}},
	"start_month":                 {Text: bina.Text{ID: "Bulan mulai", EN: "Start month"}, Enum: months},
	"status":                      {Text: bina.Text{ID: "Status usaha", EN: "Operating status"}, Enum: bina.OperatingStatuses},
	"binaan":                      {Text: bina.Text{ID: "UMKM binaan", EN: "Under coaching"}},
	"binaan_since":                {Text: bina.Text{ID: "Binaan sejak", EN: "Coached since"}},
	"verification":                {Text: bina.Text{ID: "Verifikasi", EN: "Verification"}, Enum: bina.Verifications},
	"source":                      {Text: bina.Text{ID: "Sumber data", EN: "Data source"}, Enum: bina.Sources},
	"source_id":                   {Text: bina.Text{ID: "ID di sumber", EN: "Source id"}},
	"notes":                       {Text: bina.Text{ID: "Catatan", EN: "Notes"}},
	"owner.name":                  {Text: bina.Text{ID: "Nama pemilik", EN: "Owner name"}},
	"owner.nik":                   {Text: bina.Text{ID: "NIK pemilik", EN: "Owner NIK"}},
	"owner.gender":                {Text: bina.Text{ID: "Jenis kelamin pemilik", EN: "Owner gender"}, Enum: bina.Genders},
	"owner.birth_date":            {Text: bina.Text{ID: "Tanggal lahir pemilik", EN: "Owner birth date"}},
	"owner.phone":                 {Text: bina.Text{ID: "Nomor HP pemilik", EN: "Owner phone"}},
	"owner.education":             {Text: bina.Text{ID: "Pendidikan pemilik", EN: "Owner education"}, Enum: bina.Educations},
	"owner.disability":            {Text: bina.Text{ID: "Pemilik penyandang disabilitas", EN: "Owner has a disability"}},
	"owner.address":               {Text: bina.Text{ID: "Alamat rumah pemilik", EN: "Owner home address"}},
	"digital":                     {Text: bina.Text{ID: "Kehadiran digital", EN: "Digital presence"}},
	"digital.marketplace":         {Text: bina.Text{ID: "Marketplace", EN: "Marketplace"}},
	"digital.social_media":        {Text: bina.Text{ID: "Media sosial", EN: "Social media"}},
	"digital.website":             {Text: bina.Text{ID: "Situs web", EN: "Website"}},
	"digital.qris":                {Text: bina.Text{ID: "QRIS", EN: "QRIS"}},
	"digital.digital_bookkeeping": {Text: bina.Text{ID: "Pembukuan digital", EN: "Digital bookkeeping"}},
	"digital.links":               {Text: bina.Text{ID: "Tautan toko dan profil", EN: "Shop and profile links"}},
	"archive_reason":              {Text: bina.Text{ID: "Alasan arsip", EN: "Archive reason"}},
}

// cooperativeFieldLabels name the fields of a cooperative as the history
// records them.
var cooperativeFieldLabels = map[string]fieldLabel{
	"name":                {Text: bina.Text{ID: "Nama koperasi", EN: "Cooperative name"}},
	"registration_number": {Text: bina.Text{ID: "Nomor Induk Koperasi", EN: "Registration number"}},
	"certificate_date":    {Text: bina.Text{ID: "Tanggal sertifikat NIK", EN: "Certificate date"}},
	"certificate_expiry":  {Text: bina.Text{ID: "Sertifikat berlaku sampai", EN: "Certificate valid until"}},
	"legal_number":        {Text: bina.Text{ID: "Nomor badan hukum", EN: "Legal entity number"}},
	"legal_date":          {Text: bina.Text{ID: "Tanggal badan hukum", EN: "Legal entity date"}},
	"amendments":          {Text: bina.Text{ID: "Perubahan anggaran dasar", EN: "Amendments"}},
	"npwp":                {Text: bina.Text{ID: "NPWP", EN: "Tax number (NPWP)"}},
	"nib":                 {Text: bina.Text{ID: "NIB", EN: "NIB"}},
	"savings_license":     {Text: bina.Text{ID: "Izin usaha simpan pinjam", EN: "Savings and loan licence"}},
	"jenis":               {Text: bina.Text{ID: "Jenis koperasi", EN: "Type"}, Enum: bina.Jenises},
	"bentuk":              {Text: bina.Text{ID: "Bentuk koperasi", EN: "Form"}, Enum: bina.Bentuks},
	"pola":                {Text: bina.Text{ID: "Pola pengelolaan", EN: "Management pattern"}, Enum: bina.Polas},
	"kelompok":            {Text: bina.Text{ID: "Kelompok koperasi", EN: "Group"}},
	"kbli":                {Text: bina.Text{ID: "KBLI", EN: "KBLI"}},
	"address":             {Text: bina.Text{ID: "Alamat", EN: "Address"}},
	"village_code":        {Text: bina.Text{ID: "Desa", EN: "Village"}},
	"latitude":            {Text: bina.Text{ID: "Lintang", EN: "Latitude"}},
	"longitude":           {Text: bina.Text{ID: "Bujur", EN: "Longitude"}},
	"members_female":      {Text: bina.Text{ID: "Anggota perempuan", EN: "Members, female"}},
	"members_male":        {Text: bina.Text{ID: "Anggota laki-laki", EN: "Members, male"}},
	"employees_female":    {Text: bina.Text{ID: "Karyawan perempuan", EN: "Employees, female"}},
	"employees_male":      {Text: bina.Text{ID: "Karyawan laki-laki", EN: "Employees, male"}},
	"officers":            {Text: bina.Text{ID: "Pengurus dan pengawas", EN: "Board and supervisors"}},
	"units":               {Text: bina.Text{ID: "Unit usaha", EN: "Business units"}},
	"kdmp":                {Text: bina.Text{ID: "Koperasi Desa Merah Putih", EN: "Village cooperative (KDMP)"}},
	"verification":        {Text: bina.Text{ID: "Verifikasi", EN: "Verification"}, Enum: bina.Verifications},
	"source":              {Text: bina.Text{ID: "Sumber data", EN: "Data source"}, Enum: bina.Sources},
	"source_id":           {Text: bina.Text{ID: "ID di sumber", EN: "Source id"}},
	"notes":               {Text: bina.Text{ID: "Catatan", EN: "Notes"}},
	"archive_reason":      {Text: bina.Text{ID: "Alasan arsip", EN: "Archive reason"}},
	"rat":                 {Text: bina.Text{ID: "RAT", EN: "RAT"}},
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
	"simpanan_pokok":       {Text: bina.Text{ID: "simpanan pokok", EN: "simpanan pokok (principal savings)"}},
	"simpanan_wajib":       {Text: bina.Text{ID: "simpanan wajib", EN: "simpanan wajib (mandatory savings)"}},
	"reserves":             {Text: bina.Text{ID: "cadangan", EN: "reserves"}},
	"grants":               {Text: bina.Text{ID: "hibah", EN: "grants"}},
	"borrowed_capital":     {Text: bina.Text{ID: "modal pinjaman", EN: "borrowed capital"}},
	"equity_participation": {Text: bina.Text{ID: "modal penyertaan", EN: "equity participation"}},
	"assets":               {Text: bina.Text{ID: "aset", EN: "assets"}},
	"savings_received":     {Text: bina.Text{ID: "simpanan dihimpun", EN: "savings received"}},
	"loans_given":          {Text: bina.Text{ID: "pinjaman disalurkan", EN: "loans given"}},
	"business_volume":      {Text: bina.Text{ID: "volume usaha", EN: "business volume"}},
	"shu":                  {Text: bina.Text{ID: "SHU", EN: "SHU (surplus)"}},
	"has_business_license": {Text: bina.Text{ID: "izin usaha", EN: "business licence"}},
	"health_assessed":      {Text: bina.Text{ID: "kesehatan dinilai", EN: "health assessed"}},
	"health_result":        {Text: bina.Text{ID: "hasil penilaian kesehatan", EN: "health result"}, Enum: bina.HealthResults},
}

// amountFields hold rupiah amounts, shown with thousands separators in
// the history (identifiers such as NIB are digits too, and are not).
var amountFields = map[string]bool{
	"capital": true, "assets": true, "sales": true, "simpanan_pokok": true, "simpanan_wajib": true, "reserves": true,
	"grants": true, "borrowed_capital": true, "equity_participation": true, "savings_received": true,
	"loans_given": true, "business_volume": true, "shu": true,
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
				lbl = fieldLabel{Text: bina.Text{ID: lbl.ID + ": " + f.ID, EN: lbl.EN + ": " + f.EN}, Enum: f.Enum}
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
		if amountFields[name] {
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
		case "binaan", "kdmp", "owner.disability", "digital.marketplace", "digital.social_media", "digital.website", "digital.qris", "digital.digital_bookkeeping",
			"has_business_license", "health_assessed":
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
