package api_test

import (
	"mime"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bina"
	"bina/internal/sheet"
)

// readFile reads an exported file back with the import's reader.
func (r resp) readFile(t *testing.T) [][]string {
	t.Helper()
	_, params, err := mime.ParseMediaType(r.header.Get("Content-Disposition"))
	if err != nil || params["filename"] == "" {
		t.Fatalf("%s %s: Content-Disposition %q", r.method, r.path, r.header.Get("Content-Disposition"))
	}
	if r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("%s %s: Cache-Control %q", r.method, r.path, r.header.Get("Cache-Control"))
	}
	p := filepath.Join(t.TempDir(), params["filename"])
	if err := os.WriteFile(p, r.body, 0o600); err != nil {
		t.Fatal(err)
	}
	rd, err := sheet.Open(p, sheet.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var rows [][]string
	for {
		row, err := rd.Next()
		if err != nil {
			break
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		t.Fatalf("%s %s: empty file", r.method, r.path)
	}
	return rows
}

func (e *env) testExport(t *testing.T) {
	const ep, cp = "/api/v1/enterprises/export", "/api/v1/cooperatives/export"
	// Problems are documented answers like any other.
	e.call(t, e.admin, "GET", ep+"?format=pdf", nil).problem(t, 422, "invalid", "format")
	e.call(t, e.admin, "GET", ep+"?limit=5", nil).problem(t, 400, "bad_request", "limit")
	e.call(t, e.admin, "GET", ep+"?region=99.99", nil).problem(t, 422, "invalid", "region")
	e.call(t, e.admin, "GET", cp+"?format=sidt", nil).problem(t, 422, "invalid", "format")

	t.Run("busy server", func(t *testing.T) {
		// Every turn of the server's export gate is taken: the export
		// waits its short turn, then is told when to come back; once a
		// turn is free it goes through.
		var leaves []func()
		for range 2 {
			leave, err := e.exports.Enter(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			leaves = append(leaves, leave)
		}
		r := e.call(t, e.admin, "GET", ep+"?format=xlsx", nil)
		r.problem(t, 429, "too_many")
		if got := r.header.Get("Retry-After"); got != "30" {
			t.Errorf("Retry-After %q, want 30", got)
		}
		leaves[0]()
		e.raw(t, e.admin, "GET", ep+"?format=csv", nil).want(t, 200)
		leaves[1]()
	})

	t.Run("csv of a filtered list", func(t *testing.T) {
		r := e.raw(t, e.admin, "GET", ep+"?format=csv&region=61.12.02", nil).want(t, 200)
		if ct := r.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, "umkm-kuala-mandor-b-") {
			t.Errorf("Content-Disposition %q", cd)
		}
		rows := r.readFile(t)
		if got, want := len(rows)-1, e.total(t, "?region=61.12.02"); got != want {
			t.Errorf("%d rows, want %d", got, want)
		}
		if !slices.Contains(rows[0], "NIK Pemilik") {
			t.Error("admin's export lacks the NIK column")
		}
	})
	t.Run("xlsx for a viewer", func(t *testing.T) {
		r := e.raw(t, e.tokens[bina.RoleViewer], "GET", ep, nil).want(t, 200)
		if ct := r.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("Content-Type %q (xlsx is the default)", ct)
		}
		rows := r.readFile(t)
		if len(rows)-1 != e.total(t, "") {
			t.Errorf("%d rows, want %d", len(rows)-1, e.total(t, ""))
		}
		for _, h := range []string{"NIK Pemilik", "No. HP/WA", "Tanggal Lahir Pemilik", "Alamat Pemilik"} {
			if slices.Contains(rows[0], h) {
				t.Errorf("viewer's export has %s", h)
			}
		}
		for _, row := range rows {
			if strings.Contains(strings.Join(row, "|"), "6112015508850001") {
				t.Error("viewer's export holds a NIK")
			}
		}
	})
	t.Run("sidt for an officer", func(t *testing.T) {
		r := e.raw(t, e.tokens[bina.RoleOfficer], "GET", ep+"?format=sidt", nil).want(t, 200)
		rows := r.readFile(t)
		if len(rows[0]) != 49 {
			t.Errorf("%d columns, want 49", len(rows[0]))
		}
		kec := slices.Index(rows[0], "kec_usaha")
		for _, row := range rows[1:] {
			if row[kec] != "Sungai Raya" {
				t.Errorf("officer's export has a row of %q", row[kec])
			}
		}
		if len(rows) < 2 {
			t.Error("officer's export is empty")
		}
	})
	t.Run("cooperatives", func(t *testing.T) {
		rows := e.raw(t, e.admin, "GET", cp+"?format=csv&jenis=simpan_pinjam", nil).want(t, 200).readFile(t)
		if len(rows) != 2 || !strings.Contains(strings.Join(rows[1], "|"), "081298765432") {
			t.Errorf("admin's cooperative export %q", rows)
		}
		v := e.raw(t, e.tokens[bina.RoleViewer], "GET", cp+"?format=xlsx", nil).want(t, 200)
		vrows := v.readFile(t)
		if slices.Contains(vrows[0], "HP Pengurus") || strings.Contains(strings.Join(vrows[1], "|"), "081298765432") {
			t.Error("viewer's cooperative export holds the board's phones")
		}
	})
}
