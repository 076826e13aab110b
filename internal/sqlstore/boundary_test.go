package sqlstore_test

import (
	"testing"

	"bina"
	"bina/internal/sqlstore"
)

// TestBoundaryFiles: an admin's upload replaces its level's file and every
// account reads it; other roles may not upload.
func TestBoundaryFiles(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		admin := as(bina.RoleAdmin, "61.12")
		if fs, err := s.BoundaryFiles(admin); err != nil || len(fs) != 0 {
			t.Fatalf("files of a new store: %v %v", fs, err)
		}
		f := &bina.BoundaryFile{Level: bina.LevelDistrict, Name: "kec.geojson", Data: []byte(`{"type":"FeatureCollection"}`), Features: 9}
		must(t, s.SaveBoundaryFile(admin, f))
		f2 := &bina.BoundaryFile{Level: bina.LevelDistrict, Name: "kec-2.geojson", Data: []byte{0, 1, 2, 255}, Features: 8}
		must(t, s.SaveBoundaryFile(admin, f2))
		must(t, s.SaveBoundaryFile(admin, &bina.BoundaryFile{Level: bina.LevelVillage, Name: "desa.geojson", Data: []byte("{}"), Features: 117}))
		fs, err := s.BoundaryFiles(as(bina.RoleViewer, "61.12.01"))
		if err != nil || len(fs) != 2 {
			t.Fatalf("files: %v %v", fs, err)
		}
		if g := fs[0]; g.Level != bina.LevelDistrict || g.Name != "kec-2.geojson" || string(g.Data) != "\x00\x01\x02\xff" || g.Features != 8 || g.UploadedBy == "" || g.UploadedAt.IsZero() {
			t.Errorf("kecamatan file = %+v", g)
		}
		if fs[1].Level != bina.LevelVillage {
			t.Errorf("second file level %d", fs[1].Level)
		}
		err = s.SaveBoundaryFile(as(bina.RoleStaff, "61.12"), f)
		if bina.ErrorCode(err) != bina.Forbidden {
			t.Errorf("staff upload: %v", err)
		}
	})
}
