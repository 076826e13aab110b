package web

// englishReportImport translates the texts of the import of cooperatives'
// yearly figures (laporan tahunan) on the import page.
var englishReportImport = map[string]string{
	"Laporan tahunan koperasi": "Cooperatives' annual reports",
}
