package web_test

import (
	"bytes"
	"context"
	"net/url"
	"strconv"
	"testing"

	"bina"
	"bina/imports"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestImportSaveMapping: a mapping is saved under a name from the mapping
// step, alone or when the import starts; a missing name or the name of a
// built-in format is refused beside the name field, and nothing starts.
func TestImportSaveMapping(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newImportSite(t, engine)
			staff := s.user("staf", bina.RoleStaff, "")
			b := s.signedIn(staff)
			id := uploaded(t, b.upload("data.xlsx", bytes.NewReader(messyXLSX(t)), url.Values{"entity": {"enterprise"}}))
			at := "/impor/" + strconv.FormatInt(id, 10)
			form := mappingForm(t, b.get(at).want(t, 200).body)
			named := func(name string) url.Values {
				v := cloneValues(form)
				v.Set("nama", name)
				return v
			}

			b.post(at+"/pemetaan", named("")).want(t, 422).contains(t, "Tulis nama untuk pemetaan ini.")
			b.post(at+"/pemetaan", named("sidt")).want(t, 422).contains(t, "dipakai format bawaan")
			b.post(at+"/mulai", named("sidt")).want(t, 422).contains(t, "dipakai format bawaan")
			if j, err := s.store.FindImport(bina.WithUser(context.Background(), staff), id); err != nil || j.State != imports.ImportUploaded {
				t.Fatalf("after a refused start: %v %+v", err, j)
			}

			b.post(at+"/pemetaan", named("Disperindag")).want(t, 303)
			b.post(at+"/mulai", named("Disperindag 2")).want(t, 303)
			ms, err := s.store.Mappings(bina.WithUser(context.Background(), staff), bina.EntityEnterprise)
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) != 2 || ms[0].Name != "Disperindag" || ms[1].Name != "Disperindag 2" || ms[0].Header[1] != "Nama Usaha" {
				t.Errorf("saved mappings %+v", ms)
			}
			s.waitImport(staff, id)
		})
	}
}
