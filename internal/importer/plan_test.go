package importer

import (
	"bina/imports"
	"maps"
	"testing"

	"bina"
)

func TestPlan(t *testing.T) {
	title := []string{"DATA UMKM BINAAN 2024", "", ""}
	saved := []imports.NamedMapping{{
		Name: "Disperindag", Entity: bina.EntityEnterprise,
		Header:  []string{"Nama Usaha", "Nama Pemilik", "Hasil Olahan", "Desa", ""},
		Mapping: imports.Mapping{0: bina.FieldName, 1: bina.FieldOwnerName, 2: bina.FieldMainProduct, 3: bina.FieldVillage, 4: bina.FieldDistrict},
	}}
	for _, tt := range []struct {
		name string
		in   PlanInput
		want ImportPlan
		code bina.Code
		// field is the input at fault of a refused plan.
		field string
	}{
		{
			name: "saved mapping, columns moved",
			in: PlanInput{Template: "Disperindag", Saved: saved, Head: [][]string{title, {},
				{"Desa", "Hasil Olahan", "Nama Usaha", "Nama Pemilik", ""}}},
			want: ImportPlan{Entity: bina.EntityEnterprise, HeaderRow: 2, HeaderFound: true, Template: "Disperindag", Source: "import",
				// The unnamed last column keeps its field by position.
				Mapping: imports.Mapping{0: bina.FieldVillage, 1: bina.FieldMainProduct, 2: bina.FieldName, 3: bina.FieldOwnerName, 4: bina.FieldDistrict}},
		},
		{
			name: "saved mapping, header texts in another case and spacing",
			in:   PlanInput{Template: "Disperindag", Saved: saved, Head: [][]string{{" nama  usaha ", "DESA", "Omzet"}}},
			want: ImportPlan{Entity: bina.EntityEnterprise, HeaderRow: 0, HeaderFound: true, Template: "Disperindag", Source: "import",
				Mapping: imports.Mapping{0: bina.FieldName, 1: bina.FieldVillage, 4: bina.FieldDistrict}},
		},
		{
			name: "saved mapping wins over the entity asked for",
			in:   PlanInput{Template: "Disperindag", Entity: bina.EntityCooperative, Saved: saved, Head: [][]string{{"Nama Usaha", "Desa"}}},
			want: ImportPlan{Entity: bina.EntityEnterprise, HeaderFound: true, Template: "Disperindag", Source: "import",
				Mapping: imports.Mapping{0: bina.FieldName, 1: bina.FieldVillage, 4: bina.FieldDistrict}},
		},
		{
			name: "built-in template",
			in:   PlanInput{Template: "koperasi", Entity: bina.EntityEnterprise, Head: [][]string{{"Nama Koperasi", "Desa/Kelurahan"}}},
			want: ImportPlan{Entity: bina.EntityCooperative, HeaderFound: true, Template: "koperasi", Source: "odskop"},
		},
		{
			name: "no template: the header decides the kind",
			in:   PlanInput{Head: [][]string{title, {"Nama Koperasi", "Nomor Badan Hukum", "Desa", "Jumlah Anggota"}}},
			want: ImportPlan{Entity: bina.EntityCooperative, HeaderRow: 1, HeaderFound: true, Source: "import"},
		},
		{
			name: "no template, the kind asked for",
			in:   PlanInput{Entity: bina.EntityEnterprise, Head: [][]string{{"Nama Usaha", "Desa", "Kecamatan"}}},
			want: ImportPlan{Entity: bina.EntityEnterprise, HeaderFound: true, Source: "import",
				Mapping: imports.Mapping{0: bina.FieldName, 1: bina.FieldVillage, 2: bina.FieldDistrict}},
		},
		{
			name: "header chosen by a person",
			in:   PlanInput{Entity: bina.EntityEnterprise, HeaderLine: 2, Head: [][]string{{"Nama Usaha", "Desa"}, {"Toko A", "Kapur"}}},
			want: ImportPlan{Entity: bina.EntityEnterprise, HeaderRow: 1, HeaderFound: true, Source: "import", Mapping: imports.Mapping{}},
		},
		{
			name: "no header found: the first row with data",
			in:   PlanInput{Entity: bina.EntityEnterprise, Head: [][]string{{"", ""}, {"1", "2"}, {"3", "4"}}},
			want: ImportPlan{Entity: bina.EntityEnterprise, HeaderRow: 1, Source: "import", Mapping: imports.Mapping{}},
		},
		{name: "unknown template", in: PlanInput{Template: "entah", Saved: saved, Head: [][]string{{"Nama Usaha", "Desa"}}}, code: bina.Invalid, field: "template"},
		{name: "unknown kind", in: PlanInput{Entity: "toko", Head: [][]string{{"Nama Usaha", "Desa"}}}, code: bina.Invalid, field: "entity"},
		{
			name: "a template decides whatever kind is asked for",
			in:   PlanInput{Template: "bina", Entity: "toko", Head: [][]string{{"Nama Usaha", "Desa/Kelurahan"}}},
			want: ImportPlan{Entity: bina.EntityEnterprise, HeaderFound: true, Template: "bina", Source: "import"},
		},
		{name: "empty file", in: PlanInput{Entity: bina.EntityEnterprise, Head: [][]string{{"", " "}, {}}}, code: bina.Invalid, field: "file"},
		{name: "chosen header beyond the file", in: PlanInput{Entity: bina.EntityEnterprise, HeaderLine: 3, Head: [][]string{{"Nama Usaha", "Desa"}}}, code: bina.Invalid, field: "file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Plan(tt.in)
			if tt.code != "" {
				if bina.ErrorCode(err) != tt.code {
					t.Fatalf("error %v, want code %s", err, tt.code)
				}
				if fs := bina.ErrorFields(err); len(fs) != 1 || fs[0].Field != tt.field {
					t.Errorf("error fields %+v, want one for %q", fs, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Entity != tt.want.Entity || p.HeaderRow != tt.want.HeaderRow || p.HeaderFound != tt.want.HeaderFound ||
				p.Template != tt.want.Template || p.Source != tt.want.Source {
				t.Errorf("plan %+v, want %+v", p, tt.want)
			}
			if got := tt.in.Head[p.HeaderRow]; len(p.Header) != len(got) || (len(got) > 0 && &p.Header[0] != &got[0]) {
				t.Errorf("header %q is not row %d of the file", p.Header, p.HeaderRow)
			}
			if tt.want.Mapping != nil && !maps.Equal(p.Mapping, tt.want.Mapping) {
				t.Errorf("mapping %v, want %v", p.Mapping, tt.want.Mapping)
			}
		})
	}
}

// TestPlanJob: the job of a plan carries all of it.
func TestPlanJob(t *testing.T) {
	p, err := Plan(PlanInput{Template: "sidt", Head: [][]string{{"x"}, {"Nama Usaha", "NIB", "Desa"}}})
	if err != nil {
		t.Fatal(err)
	}
	j := p.Job()
	if j.Entity != bina.EntityEnterprise || j.Template != "sidt" || j.Source != "sidt" || j.HeaderRow != p.HeaderRow ||
		len(j.Header) != len(p.Header) || !maps.Equal(j.Mapping, p.Mapping) {
		t.Errorf("job %+v from plan %+v", j, p)
	}
}
