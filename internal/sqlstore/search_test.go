package sqlstore_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"bina"
	"bina/internal/sqlstore"
)

// findNames returns the names the list finds for query, as ctx's actor.
func findNames(t *testing.T, ctx context.Context, s *sqlstore.Store, query string) []string {
	t.Helper()
	p, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: query})
	must(t, err)
	var out []string
	for _, e := range p.Items {
		out = append(out, e.Name)
	}
	slices.Sort(out)
	return out
}

func TestForgivingSearch(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		for i, name := range []string{"Kripik Sari", "Keripik Mawar", "Toko Sei Raya", "Warung Sungai Ambawang", "Kopi Muttiara", "Sambel Bu Tini"} {
			e := newEnterprise(name, village1a)
			e.NIB, e.Owner.NIK, e.Owner.Phone = "", "", ""
			e.MainProduct = ""
			if i == 5 {
				e.Owner.NIK, e.Owner.Phone, e.VillageCode = "6112024507850009", "081299990000", village2
			}
			mustCreate(t, system, s, e)
		}
		product := newEnterprise("Usaha Bu Ani", village1b)
		product.NIB, product.Owner.NIK, product.MainProduct = "", "", "Kerupuk udang"
		mustCreate(t, system, s, product)

		check := func(t *testing.T) {
			t.Helper()
			for _, c := range []struct {
				query string
				want  []string
			}{
				{"kripik", []string{"Keripik Mawar", "Kripik Sari"}},
				{"keripik", []string{"Keripik Mawar", "Kripik Sari"}},
				{"KERIP", []string{"Keripik Mawar", "Kripik Sari"}},
				{"kerupuk", []string{"Usaha Bu Ani"}},
				{"sungai", []string{"Toko Sei Raya", "Warung Sungai Ambawang"}},
				{"sei", []string{"Toko Sei Raya", "Warung Sungai Ambawang"}},
				{"mutiara", []string{"Kopi Muttiara"}},
				{"sambal", []string{"Sambel Bu Tini"}},
				{"krupuk", []string{"Usaha Bu Ani"}}, // the main product
				{"kopi keripik", nil},
			} {
				if got := findNames(t, system, s, c.query); !slices.Equal(got, c.want) {
					t.Errorf("%q found %q, want %q", c.query, got, c.want)
				}
			}
		}
		check(t)

		// A NIK or a phone number: exact, for those who may see them, inside
		// their area; never for a viewer.
		sambel := []string{"Sambel Bu Tini"}
		for _, c := range []struct {
			ctx   context.Context
			query string
			want  []string
		}{
			{as(bina.RoleStaff, ""), "6112024507850009", sambel},
			{as(bina.RoleStaff, ""), "6112 0245 0785 0009", sambel},
			{as(bina.RoleStaff, ""), "0812-9999-0000", sambel},
			{as(bina.RoleStaff, ""), "+62 812 9999 0000", sambel},
			{as(bina.RoleStaff, ""), "08129999", nil}, // not a whole number
			{as(bina.RoleOfficer, "61.12.02"), "6112024507850009", sambel},
			{as(bina.RoleOfficer, "61.12.01"), "6112024507850009", nil},
			{as(bina.RoleOfficer, "61.12.01"), "081299990000", nil},
			{as(bina.RoleViewer, ""), "6112024507850009", nil},
			{as(bina.RoleViewer, ""), "081299990000", nil},
		} {
			if got := findNames(t, c.ctx, s, c.query); !slices.Equal(got, c.want) {
				t.Errorf("%s: %q found %q, want %q", bina.UserFromContext(c.ctx).Role, c.query, got, c.want)
			}
		}

		// Words stored before the spelling keys, and facets before those
		// of the owner and the data-quality checks (bits 20 and up), are
		// written again by the rebuild that Migrate runs when
		// search_version is older.
		ownerFilters := []bina.EnterpriseFilter{{OwnerGender: "P"}, {OwnerGender: "P", Query: "sambel"}, {NIKValid: "ya"},
			{KBLISection: "any", Query: "a"}, {OwnerDisability: "tidak", Region: "61.12.02"}}
		totals := func() []int {
			var out []int
			for _, f := range ownerFilters {
				p, err := s.ListEnterprises(system, f)
				must(t, err)
				out = append(out, p.Total)
			}
			return out
		}
		before := totals()
		if slices.Contains(before, 0) {
			t.Fatalf("owner filters find nothing: %v", before)
		}
		clear := `DELETE FROM enterprise_search`
		if s.Engine() == "postgres" {
			clear = `UPDATE enterprises SET search = ''::tsvector`
		}
		for _, q := range []string{clear, `UPDATE enterprises SET facets = facets & 1048575`, `UPDATE search_version SET version = 1`} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if got := findNames(t, system, s, "kripik"); len(got) != 0 {
			t.Fatalf("cleared words still find %q", got)
		}
		must(t, s.Migrate(system))
		check(t)
		if after := totals(); !slices.Equal(after, before) {
			t.Errorf("owner filters after the rebuild find %v, before %v", after, before)
		}
	})
}
