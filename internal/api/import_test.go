package api_test

import (
	"bina/imports"
	"strconv"
	"strings"
	"testing"

	"bina"
)

// testImports reads an import's progress as the import page does, and
// checks who may.
func (e *env) testImports(t *testing.T) {
	// Stored as the command line does, acting as the system.
	ctx := t.Context()
	j := &imports.Job{Entity: bina.EntityEnterprise, FileName: "data.csv", Format: "csv", Source: "import",
		Header: []string{"Nama Usaha", "Desa"}, CreatedBy: "admin"}
	csv := "Nama Usaha;Desa\nWarung Kopi;Kuala Dua\n"
	j.Size = int64(len(csv))
	if err := e.imports.CreateImport(ctx, j, strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/imports/" + strconv.FormatInt(j.ID, 10)
	var got struct {
		ID       int64  `json:"id"`
		State    string `json:"state"`
		FileName string `json:"file_name"`
		Progress int    `json:"progress"`
	}
	e.call(t, e.admin, "GET", path, nil).want(t, 200).decode(t, &got)
	if got.ID != j.ID || got.State != imports.ImportUploaded || got.FileName != "data.csv" || got.Progress != 0 {
		t.Errorf("import = %+v", got)
	}
	e.call(t, e.tokens[bina.RoleStaff], "GET", path, nil).want(t, 200)
	e.call(t, e.tokens[bina.RoleViewer], "GET", path, nil).want(t, 403)
	e.call(t, e.admin, "GET", "/api/v1/imports/999999", nil).want(t, 404)
	e.call(t, e.admin, "GET", "/api/v1/imports/abc", nil).want(t, 404)
}
