package sqlstore_test

import (
	"database/sql"
	"reflect"
	"testing"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

func TestEnterpriseRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEnterprise("  Keripik   Pisang Bu Sari ", village1a)
		must(t, s.CreateEnterprise(system, &e))
		if e.ID == 0 || e.Owner.ID == 0 || e.Version != 1 || !e.CreatedAt.Equal(sqlstoretest.Now) || e.UpdatedAt != e.CreatedAt {
			t.Fatalf("create did not set id, version and times: %+v", e)
		}
		if e.Name != "Keripik Pisang Bu Sari" || e.Owner.Phone != "081234567890" || e.SizeComputed != "mikro" {
			t.Errorf("create did not normalize: name %q phone %q size %q", e.Name, e.Owner.Phone, e.SizeComputed)
		}
		if e.Sales[0].Year != 2025 {
			t.Errorf("sales not newest first: %v", e.Sales)
		}
		got, err := s.FindEnterprise(system, e.ID)
		must(t, err)
		if !reflect.DeepEqual(*got, e) {
			t.Errorf("find returned\n%+v\nwant\n%+v", *got, e)
		}
		_, err = s.FindEnterprise(system, e.ID+1000)
		wantCode(t, err, bina.NotFound)
	})
}

func TestEnterpriseUpdateHistory(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		e := mustCreate(t, ctx, s, newEnterprise("Keripik Pisang Bu Sari", village1a))

		x := e
		x.Name = "Keripik Pisang Bu Sari Jaya"
		x.Owner.NIK = "6112015507850004"
		x.KBLI = []bina.KBLICode{{Code: "10794"}, {Code: "56102"}}
		x.Sales = []bina.AnnualSales{{Year: 2025, Amount: 3_000_000_000}}
		x.Digital.Marketplace = true
		x.VillageCode = village2
		must(t, s.UpdateEnterprise(ctx, &x))
		if x.Version != 2 || x.SizeComputed != "kecil" {
			t.Fatalf("after update: version %d size %q", x.Version, x.SizeComputed)
		}
		got, err := s.FindEnterprise(ctx, e.ID)
		must(t, err)
		if !reflect.DeepEqual(*got, x) {
			t.Errorf("find after update returned\n%+v\nwant\n%+v", *got, x)
		}

		// An update that changes nothing writes nothing.
		same := x
		must(t, s.UpdateEnterprise(ctx, &same))
		if same.Version != 2 {
			t.Errorf("a no-op update raised the version to %d", same.Version)
		}

		hist, err := s.History(ctx, bina.EntityEnterprise, e.ID, 0, 0)
		must(t, err)
		want := map[string][2]string{
			"name":                {"Keripik Pisang Bu Sari", "Keripik Pisang Bu Sari Jaya"},
			"owner.nik":           {"6112014507850003", "6112015507850004"},
			"kbli":                {"2020:10794, 2020:47111", "2020:10794, 2020:56102"},
			"sales":               {"2025: 180000000; 2024: 150000000", "2025: 3000000000"},
			"size_computed":       {"mikro", "kecil"},
			"digital.marketplace": {"false", "true"},
			"village_code":        {string(village1a), string(village2)},
		}
		var updates int
		for _, c := range hist {
			if c.UserName != "staff-user" || !c.At.Equal(sqlstoretest.Now) || c.Entity != bina.EntityEnterprise || c.EntityID != e.ID {
				t.Errorf("change %+v: wrong author, time or record", c)
			}
			if c.Action != "update" {
				continue
			}
			updates++
			w, ok := want[c.Field]
			if !ok {
				t.Errorf("unexpected change of %s: %q → %q", c.Field, c.Before, c.After)
				continue
			}
			if c.Before != w[0] || c.After != w[1] {
				t.Errorf("change of %s: %q → %q, want %q → %q", c.Field, c.Before, c.After, w[0], w[1])
			}
		}
		if updates != len(want) {
			t.Errorf("%d update rows, want %d: %+v", updates, len(want), hist)
		}
		if last := hist[len(hist)-1]; last.Action != "create" || last.Field != "" || last.After != e.Name {
			t.Errorf("oldest change %+v is not the creation", last)
		}
	})
}

func TestEnterpriseArchiveRestore(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := mustCreate(t, system, s, newEnterprise("Warung Makan Barokah", village1a))
		wantCode(t, s.ArchiveEnterprise(system, e.ID, "  "), bina.Invalid)
		wantCode(t, s.RestoreEnterprise(system, e.ID), bina.Conflict)
		must(t, s.ArchiveEnterprise(system, e.ID, "Usaha tutup permanen"))
		wantCode(t, s.ArchiveEnterprise(system, e.ID, "lagi"), bina.Conflict)
		got, err := s.FindEnterprise(system, e.ID)
		must(t, err)
		if got.ArchivedAt == nil || !got.ArchivedAt.Equal(sqlstoretest.Now) || got.ArchiveReason != "Usaha tutup permanen" || got.Version != 2 {
			t.Errorf("after archive: %v %q v%d", got.ArchivedAt, got.ArchiveReason, got.Version)
		}
		// Archived records are edited only after a restore.
		got.Name = "Baru"
		wantCode(t, s.UpdateEnterprise(system, got), bina.Conflict)

		live, err := s.ListEnterprises(system, bina.EnterpriseFilter{})
		must(t, err)
		archived, err := s.ListEnterprises(system, bina.EnterpriseFilter{Archived: true})
		must(t, err)
		if live.Total != 0 || len(live.Items) != 0 || archived.Total != 1 || archived.Items[0].ID != e.ID {
			t.Errorf("live %d, archived %d", live.Total, archived.Total)
		}
		must(t, s.RestoreEnterprise(system, e.ID))
		got, err = s.FindEnterprise(system, e.ID)
		must(t, err)
		if got.ArchivedAt != nil || got.ArchiveReason != "" || got.Version != 3 {
			t.Errorf("after restore: %v %q v%d", got.ArchivedAt, got.ArchiveReason, got.Version)
		}
		hist, err := s.History(system, bina.EntityEnterprise, e.ID, 0, 0)
		must(t, err)
		var actions []string
		for _, c := range hist {
			actions = append(actions, c.Action+":"+c.Before+"→"+c.After)
		}
		want := []string{"restore:Usaha tutup permanen→", "archive:→Usaha tutup permanen", "create:→Warung Makan Barokah"}
		if !reflect.DeepEqual(actions, want) {
			t.Errorf("history %q, want %q", actions, want)
		}
		if hist[0].UserName != "system" {
			t.Errorf("system changes recorded as %q", hist[0].UserName)
		}
	})
}

func TestEnterpriseVersionConflict(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := mustCreate(t, system, s, newEnterprise("Toko Sembako Makmur", village1a))
		a, b := e, e
		a.Notes = "first"
		must(t, s.UpdateEnterprise(system, &a))
		b.Notes = "second"
		wantCode(t, s.UpdateEnterprise(system, &b), bina.Conflict)
		got, err := s.FindEnterprise(system, e.ID)
		must(t, err)
		if got.Notes != "first" || got.Version != 2 {
			t.Errorf("stored %q v%d", got.Notes, got.Version)
		}
		stale := e
		stale.ID = 424242
		wantCode(t, s.UpdateEnterprise(system, &stale), bina.NotFound)
	})
}

// enterpriseTables are every table an enterprise write touches.
var enterpriseTables = []string{"persons", "enterprises", "enterprise_kbli", "enterprise_sales", "enterprise_counts", "history"}

func TestEnterpriseInvalidSavesNothing(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		e := mustCreate(t, system, s, newEnterprise("Abon Ikan Sejahtera", village1a))
		before := countRows(t, db, enterpriseTables...)
		countsBefore, err := s.EnterpriseCounts(system)
		must(t, err)

		bad := newEnterprise("", village1a)
		bad.Owner.NIK = "123"
		bad.KBLI = []bina.KBLICode{{Code: "99999"}}
		err = s.CreateEnterprise(system, &bad)
		wantCode(t, err, bina.Invalid)
		fields := map[string]bool{}
		for _, f := range bina.ErrorFields(err) {
			fields[f.Field] = true
		}
		for _, f := range []string{"name", "owner.nik", "kbli"} {
			if !fields[f] {
				t.Errorf("no problem reported for %s: %v", f, bina.ErrorFields(err))
			}
		}
		if bad.ID != 0 {
			t.Errorf("a failed create set the id %d", bad.ID)
		}

		upd := e
		upd.Name = "Abon Ikan Sejahtera Baru"
		upd.VillageCode = "61.12.99.9999"
		wantCode(t, s.UpdateEnterprise(system, &upd), bina.Invalid)

		if after := countRows(t, db, enterpriseTables...); !reflect.DeepEqual(before, after) {
			t.Errorf("rows changed by invalid writes: %v → %v", before, after)
		}
		countsAfter, err := s.EnterpriseCounts(system)
		must(t, err)
		if !reflect.DeepEqual(countsBefore, countsAfter) {
			t.Errorf("counts changed: %v → %v", countsBefore, countsAfter)
		}
		got, err := s.FindEnterprise(system, e.ID)
		must(t, err)
		if got.Name != e.Name || got.Version != 1 {
			t.Errorf("stored record changed: %q v%d", got.Name, got.Version)
		}
	})
}

func TestEnterpriseScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		mine := mustCreate(t, system, s, newEnterprise("Kue Basah Melati", village1a))
		theirs := mustCreate(t, system, s, newEnterprise("Kue Kering Pelangi", village2))
		officer := as(bina.RoleOfficer, "61.12.01")

		_, err := s.FindEnterprise(officer, theirs.ID)
		wantCode(t, err, bina.NotFound)
		x := theirs
		x.Notes = "mine now"
		wantCode(t, s.UpdateEnterprise(officer, &x), bina.NotFound)
		wantCode(t, s.ArchiveEnterprise(officer, theirs.ID, "tutup"), bina.NotFound)
		wantCode(t, s.RestoreEnterprise(officer, theirs.ID), bina.NotFound)
		_, err = s.History(officer, bina.EntityEnterprise, theirs.ID, 0, 0)
		wantCode(t, err, bina.NotFound)

		// Moving a record of one's own out of the region is refused, on
		// the village field.
		y := mine
		y.VillageCode = village2
		err = s.UpdateEnterprise(officer, &y)
		wantCode(t, err, bina.Invalid)
		if fs := bina.ErrorFields(err); len(fs) != 1 || fs[0].Field != "village_code" {
			t.Errorf("fields %v, want village_code", fs)
		}
		outside := newEnterprise("Kue Lapis", village2)
		wantCode(t, s.CreateEnterprise(officer, &outside), bina.Invalid)
		inside := newEnterprise("Kue Lapis", village1b)
		must(t, s.CreateEnterprise(officer, &inside))

		page, err := s.ListEnterprises(officer, bina.EnterpriseFilter{})
		must(t, err)
		if page.Total != 2 || len(page.Items) != 2 {
			t.Fatalf("officer lists %d (total %d), want 2", len(page.Items), page.Total)
		}
		for _, e := range page.Items {
			if !bina.RegionCode("61.12.01").Contains(e.VillageCode) {
				t.Errorf("officer sees %s in %s", e.Name, e.VillageCode)
			}
		}
		// A filter on another kecamatan finds nothing for this officer.
		page, err = s.ListEnterprises(officer, bina.EnterpriseFilter{Region: "61.12.02"})
		must(t, err)
		if page.Total != 0 || len(page.Items) != 0 {
			t.Errorf("officer sees %d records of another kecamatan", page.Total)
		}
		counts, err := s.EnterpriseCounts(officer)
		must(t, err)
		// An area of one kecamatan is counted per desa (issue 14).
		if len(counts) != 2 || counts[0].District != "61.12.01" || counts[0].Village == "" || counts[0].Village == counts[1].Village ||
			counts[0].Total+counts[1].Total != 2 {
			t.Errorf("officer counts %v, want one per desa", counts)
		}
		desa := as(bina.RoleOfficer, village1b)
		counts, err = s.EnterpriseCounts(desa)
		must(t, err)
		if len(counts) != 1 || counts[0].Total != 1 {
			t.Errorf("desa officer counts %v", counts)
		}

		viewer := as(bina.RoleViewer, "")
		z := mine
		z.Notes = "viewer"
		wantCode(t, s.UpdateEnterprise(viewer, &z), bina.Forbidden)
		wantCode(t, s.ArchiveEnterprise(viewer, mine.ID, "x"), bina.Forbidden)
		v := newEnterprise("Viewer", village1a)
		wantCode(t, s.CreateEnterprise(viewer, &v), bina.Forbidden)

		disabled := bina.WithUser(system, &bina.User{ID: 5, Name: "gone", Role: bina.RoleAdmin, Disabled: true})
		_, err = s.FindEnterprise(disabled, mine.ID)
		wantCode(t, err, bina.Unauthorized)
	})
}

func TestEnterpriseMasking(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		rec := newEnterprise("Madu Kelulut Lestari", village1a)
		// Run from the owner's home, by a disabled owner, at a precise place.
		rec.Owner.Address = "Jl. Adisucipto Gg. Mawar No. 7, RT 002/RW 001, Sungai Raya"
		rec.Address = "jl adisucipto gg mawar no 7"
		rec.Owner.Disability = true
		lat, lon := -0.123456, 109.345678
		rec.Latitude, rec.Longitude = &lat, &lon
		e := mustCreate(t, system, s, rec)
		viewer := as(bina.RoleViewer, "")

		got, err := s.FindEnterprise(viewer, e.ID)
		must(t, err)
		o := got.Owner
		// Nothing of a hidden value shows, not even its length.
		if o.NIK != bina.Masked || o.Phone != bina.Masked || o.Address != bina.Masked || !o.BirthDate.IsZero() || o.Disability || !o.Masked {
			t.Errorf("viewer sees %+v", o)
		}
		if got.Address != bina.Masked || !got.HomeBased {
			t.Errorf("viewer sees the home-based business at %q (home_based %v)", got.Address, got.HomeBased)
		}
		if *got.Latitude != -0.12 || *got.Longitude != 109.35 {
			t.Errorf("viewer sees coordinates %v, %v; want them rounded to about a kilometre", *got.Latitude, *got.Longitude)
		}
		if o.Name != e.Owner.Name {
			t.Errorf("the owner's name is not personal data here: %q", o.Name)
		}
		page, err := s.ListEnterprises(viewer, bina.EnterpriseFilter{})
		must(t, err)
		if it := page.Items[0]; it.Owner.NIK != bina.Masked || !it.Owner.BirthDate.IsZero() || it.Address != bina.Masked || it.Owner.Disability {
			t.Errorf("viewer list shows %+v", page.Items[0].Owner)
		}
		if n := countRows(t, db, "audit_log")["audit_log"]; n != 0 {
			t.Errorf("masked views logged %d accesses", n)
		}

		staff := as(bina.RoleStaff, "")
		got, err = s.FindEnterprise(staff, e.ID)
		must(t, err)
		if got.Owner.NIK != e.Owner.NIK || got.Address != rec.Address || !got.HomeBased || !got.Owner.Disability || got.Owner.Masked {
			t.Errorf("staff sees %+v at %q", got.Owner, got.Address)
		}
		var who, entity string
		var id int64
		if err := db.QueryRow(`SELECT actor, entity, entity_id FROM audit_log`).Scan(&who, &entity, &id); err != nil {
			t.Fatalf("no access logged: %v", err)
		}
		if who != "staff-user" || entity != "enterprise" || id != e.ID {
			t.Errorf("logged %s %s %d", who, entity, id)
		}
		// The system (command-line tools) is not a person to log.
		_, err = s.FindEnterprise(system, e.ID)
		must(t, err)
		if n := countRows(t, db, "audit_log")["audit_log"]; n != 1 {
			t.Errorf("%d accesses logged, want 1", n)
		}

		x := *got
		x.Owner.Phone = "085298765432"
		must(t, s.UpdateEnterprise(staff, &x))
		hist, err := s.History(viewer, bina.EntityEnterprise, e.ID, 0, 0)
		must(t, err)
		if hist[0].Field != "owner.phone" || hist[0].Before != bina.Masked || hist[0].After != bina.Masked {
			t.Errorf("viewer history shows %+v", hist[0])
		}
		hist, err = s.History(staff, bina.EntityEnterprise, e.ID, 0, 0)
		must(t, err)
		if hist[0].Before != "081234567890" {
			t.Errorf("staff history shows %+v", hist[0])
		}
	})
}
