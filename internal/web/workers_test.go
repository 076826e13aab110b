package web_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"bina"
)

// TestEnterpriseWorkersTotal saves the total of workers from the form: a
// total alone is shown as such, a total below the split is refused with
// the Indonesian message, and a total derived from the split is left
// empty on the form, so that it follows a changed split.
func TestEnterpriseWorkersTotal(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		b.get("/umkm/baru").want(t, 200).contains(t, `name="workers_total"`, "Jumlah seluruh tenaga kerja",
			"kosongkan agar dihitung dari rincian")

		v := enterpriseForm()
		v.Del("workers_paid_female")
		v.Set("workers_total", "7")
		loc := b.post("/umkm", v).location(t)
		b.get(loc).want(t, 200).contains(t, "Jumlah 7, rincian belum diketahui")
		id, err := strconv.ParseInt(loc[len("/umkm/"):], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		stored := func() *bina.Enterprise {
			e, err := s.store.FindEnterprise(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		if e := stored(); e.WorkersTotal != 7 || e.Workers() != 0 {
			t.Fatalf("stored total %d, split %d", e.WorkersTotal, e.Workers())
		}

		// A partial split: the form keeps the total given.
		f := formValues(t, b.get(loc+"/ubah").want(t, 200).body, loc)
		if f.Get("workers_total") != "7" {
			t.Fatalf("form total %q, want 7", f.Get("workers_total"))
		}
		f.Set("workers_paid_male", "3")
		b.post(loc, f).location(t)
		b.get(loc).want(t, 200).contains(t, "(4 belum dirinci)")

		// Below the split: refused beside the input.
		f = formValues(t, b.get(loc+"/ubah").want(t, 200).body, loc)
		f.Set("workers_total", "2")
		b.post(loc, f).want(t, http.StatusUnprocessableEntity).contains(t, `id="f-workers-total-err"`,
			"Jumlah tenaga kerja (2) lebih kecil dari jumlah rinciannya menurut jenis kelamin dan upah (3)")

		// Cleared: counted from the split, and empty on the form again.
		f.Set("workers_total", "")
		b.post(loc, f).location(t)
		if e := stored(); e.WorkersTotal != 3 {
			t.Fatalf("total %d after clearing, want 3 from the split", e.WorkersTotal)
		}
		f = formValues(t, b.get(loc+"/ubah").want(t, 200).body, loc)
		if f.Get("workers_total") != "" {
			t.Fatalf("a derived total on the form: %q", f.Get("workers_total"))
		}
		f.Set("workers_paid_male", "5")
		b.post(loc, f).location(t)
		if e := stored(); e.WorkersTotal != 5 {
			t.Errorf("total %d after the split grew, want 5", e.WorkersTotal)
		}
	})
}
