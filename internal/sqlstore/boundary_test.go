package sqlstore_test

import (
	"testing"

	"bina"
	"bina/indicator"
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
		f := &indicator.BoundaryFile{Level: bina.LevelDistrict, Name: "kec.geojson", Data: []byte(`{"type":"FeatureCollection"}`), Features: 9}
		must(t, s.SaveBoundaryFile(admin, f))
		f2 := &indicator.BoundaryFile{Level: bina.LevelDistrict, Name: "kec-2.geojson", Data: []byte{0, 1, 2, 255}, Features: 8}
		must(t, s.SaveBoundaryFile(admin, f2))
		must(t, s.SaveBoundaryFile(admin, &indicator.BoundaryFile{Level: bina.LevelVillage, Name: "desa.geojson", Data: []byte("{}"), Features: 117}))
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

// TestEnterprisePoints: the businesses with coordinates of a kecamatan or
// desa, for accounts that may see addresses and inside their area only.
func TestEnterprisePoints(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "61.12")
		a := mustCreate(t, staff, s, newEnterprise("Keripik Kuala Dua", village1a))
		mustCreate(t, staff, s, newEnterprise("Toko Desa Lain", village1b))
		none := newEnterprise("Tanpa Koordinat", village1a)
		none.Latitude, none.Longitude = nil, nil
		mustCreate(t, staff, s, none)
		mustCreate(t, staff, s, newEnterprise("Usaha Mandor", village2))

		ps, err := s.EnterprisePoints(staff, "61.12.01", 10)
		if err != nil || len(ps) != 2 || ps[0].ID != a.ID || ps[0].Name != "Keripik Kuala Dua" || ps[0].Latitude != -0.05 || ps[0].Longitude != 109.35 {
			t.Fatalf("points of the kecamatan: %+v %v", ps, err)
		}
		if ps, err := s.EnterprisePoints(staff, village1a, 10); err != nil || len(ps) != 1 {
			t.Errorf("points of the desa: %+v %v", ps, err)
		}
		if ps, err := s.EnterprisePoints(staff, "61.12.01", 1); err != nil || len(ps) != 1 {
			t.Errorf("limit 1: %+v %v", ps, err)
		}
		if _, err := s.EnterprisePoints(as(bina.RoleViewer, "61.12"), "61.12.01", 10); bina.ErrorCode(err) != bina.Forbidden {
			t.Errorf("viewer: %v", err)
		}
		if _, err := s.EnterprisePoints(as(bina.RoleOfficer, "61.12.02"), "61.12.01", 10); bina.ErrorCode(err) != bina.NotFound {
			t.Errorf("officer outside the area: %v", err)
		}
		if _, err := s.EnterprisePoints(staff, "61.12", 10); bina.ErrorCode(err) != bina.Invalid {
			t.Errorf("a regency: %v", err)
		}
	})
}
