package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
)

// TestImportKeysKeepToTheArea: staff import a business with source id
// U1 in Sungai Kakap; an officer of Sungai Raya imports a file whose row U1
// lies in Sungai Raya. The officer's import must not learn that U1 exists
// elsewhere (before, it answered "UMKM #1 ... di luar wilayah kerja"): it
// creates its own record, and the staff record is untouched.
func TestImportKeysKeepToTheArea(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		hdr := []string{"ID Sumber", "Nama Usaha", "Nama Pemilik", "Kecamatan", "Desa/Kelurahan"}
		file := func(row string) string {
			p := filepath.Join(t.TempDir(), "umkm.csv")
			if err := os.WriteFile(p, []byte(strings.Join(hdr, ";")+"\n"+row+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		run := func(ctx context.Context, path string) *imports.Job {
			t.Helper()
			j := &imports.Job{Entity: bina.EntityEnterprise, FileName: "umkm.csv", Header: hdr, Mapping: fileformat.SuggestMapping(hdr, bina.EntityEnterprise)}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := e.s.CreateImport(ctx, j, f); err != nil {
				t.Fatal(err)
			}
			if err := e.importer(nil).Run(ctx, j.ID); err != nil {
				t.Fatal(err)
			}
			return e.find(t, j.ID)
		}
		staff := bina.WithUser(context.Background(), &bina.User{ID: 1, Name: "staf", Role: bina.RoleStaff})
		officer := bina.WithUser(context.Background(), &bina.User{ID: 2, Name: "petugas", Role: bina.RoleOfficer, Region: "61.12.01"})
		if got := run(staff, file("U1;Kerupuk Kakap;Ani;Sungai Kakap;Sungai Itik")).Counts; got.Created != 1 {
			t.Fatalf("staff import: %+v", got)
		}
		j := run(officer, file("U1;Kopi Raya;Budi;Sungai Raya;Kapur"))
		if j.Counts.Created != 1 {
			t.Errorf("officer import: %+v, want the row created", j.Counts)
		}
		e.s.EachImportIssue(officer, j.ID, func(r imports.Row) bool {
			for _, p := range r.Problems {
				if strings.Contains(p.Message.ID, "#") || strings.Contains(p.Message.ID, "wilayah kerja") {
					t.Errorf("the officer's report tells of a record outside the area: %q", p.Message.ID)
				}
			}
			return true
		})
		list, err := e.s.ListEnterprises(staff, bina.EnterpriseFilter{Query: "kerupuk kakap"})
		if err != nil || list.Total != 1 || list.Items[0].Version != 1 {
			t.Errorf("the staff record: %+v %v", list.Items, err)
		}
	})
}
