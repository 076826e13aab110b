package web_test

import (
	"net/http"
	"strings"
	"testing"

	"bina"
)

// TestEnterpriseDuplicateWarning: the same name, NIK and desa typed again
// shows the stored business, linked, and saves only when confirmed.
func TestEnterpriseDuplicateWarning(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		first := b.post("/umkm", enterpriseForm()).location(t)

		twin := enterpriseForm()
		twin.Set("name", "UD. Amplang Ikan Belida") // the same business, another NIB
		twin.Set("nib", "9876543210123")
		r := b.post("/umkm", twin).want(t, http.StatusUnprocessableEntity)
		r.contains(t, "Mungkin sudah terdaftar", `<a href="`+first+`">Amplang Ikan Belida</a>`,
			"NIK pemilik sama dan nama mirip", `name="simpan_tetap" value="1"`, "Simpan tetap", `value="UD. Amplang Ikan Belida"`)
		assertCount(t, s, 1)

		// "Simpan tetap": the form as the browser sends it back.
		again := formValues(t, r.body, "/umkm")
		if again.Get("simpan_tetap") != "1" {
			t.Fatalf("the form does not carry the confirmation: %v", again)
		}
		second := b.post("/umkm", again).location(t)
		if second == first || !strings.HasPrefix(second, "/umkm/") {
			t.Fatalf("saved anyway to %q", second)
		}
		assertCount(t, s, 2)

		// Saving a record unchanged does not find the record itself.
		other := enterpriseForm()
		other.Set("name", "Kopi Sungai Kapuas")
		other.Set("nib", "5555555555555")
		other.Set("owner.nik", "6112010101900001")
		other.Set("owner.name", "Bambang")
		loc := b.post("/umkm", other).location(t)
		edit := b.get(loc+"/ubah").want(t, 200)
		b.post(loc, formValues(t, edit.body, loc)).location(t)
	})
}
