package coaching

import (
	"bina"
	"testing"
	"time"
)

func TestCheckCertificateNumber(t *testing.T) {
	tests := []struct {
		name, kind, in, want string
		ok                   bool
	}{
		{"nib", CertNIB, "0289010302776", "0289010302776", true},
		{"nib with spaces", CertNIB, "0289 0103 02776", "0289010302776", true},
		{"nib too short", CertNIB, "028901030277", "", false},
		{"nib spoiled by Excel", CertNIB, "2.89010E+12", "", false},
		{"pirt as printed", CertPIRT, "P-IRT No. 2153276010281-21", "215327601028121", true},
		{"pirt digits", CertPIRT, "215327601028121", "215327601028121", true},
		{"pirt without No", CertPIRT, "PIRT 2153276010281-21", "215327601028121", true},
		{"pirt spoiled by Excel", CertPIRT, "2.15328E+14", "", false},
		{"pirt spoiled with a comma", CertPIRT, "2,15328E+14", "", false},
		{"pirt packaging 9", CertPIRT, "915327601028121", "", false},
		{"pirt 14 digits", CertPIRT, "21532760102812", "", false},
		{"halal bpjph", CertHalal, "ID32110000474710722", "ID32110000474710722", true},
		{"halal lower case", CertHalal, "id 3211 0000 4747 10722", "ID32110000474710722", true},
		{"halal legacy mui", CertHalal, "00150012340612", "00150012340612", true},
		{"halal short", CertHalal, "ID3211000047471072", "", false},
		{"halal kh number", CertHalal, "KH-123/2023", "", false},
		{"bpom legacy", CertBPOM, "MD 224510107115", "MD224510107115", true},
		{"bpom rba", CertBPOM, "MD240935001200027", "MD240935001200027", true},
		{"bpom ml", CertBPOM, "ML 224510107115", "ML224510107115", true},
		{"bpom 13 digits", CertBPOM, "MD2245101071151", "", false},
		{"bpom other prefix", CertBPOM, "SD224510107115", "", false},
		{"merek application", CertMerek, "DID2023113332", "DID2023113332", true},
		{"merek service application", CertMerek, "JID2022082321", "JID2022082321", true},
		{"merek registration", CertMerek, "IDM001235320", "IDM001235320", true},
		{"merek short", CertMerek, "IDM00123532", "", false},
		{"merek unknown prefix", CertMerek, "KID2023113332", "", false},
		{"sni free text", CertSNI, "  LSPr-034-IDN  001 ", "LSPr-034-IDN 001", true},
		{"other empty", CertOther, " ", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg, ok := CheckCertificateNumber(tt.kind, tt.in)
			if ok != tt.ok {
				t.Fatalf("CheckCertificateNumber(%q, %q) ok = %v (%s), want %v", tt.kind, tt.in, ok, msg.EN, tt.ok)
			}
			if ok && got != tt.want {
				t.Errorf("normalised %q, want %q", got, tt.want)
			}
			if !ok && msg.ID == "" {
				t.Error("no message for a refused number")
			}
		})
	}
}

func TestCertificateValidate(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	good := func() Certificate {
		return Certificate{EnterpriseID: 1, Kind: CertPIRT, Number: "P-IRT No. 2153276010281-21", IssuedOn: bina.DateOf(2021, 3, 1), ExpiresOn: bina.DateOf(2026, 3, 1)}
	}
	zero := int64(0)
	tests := []struct {
		name  string
		edit  func(*Certificate)
		field string
	}{
		{"good", func(*Certificate) {}, ""},
		{"expires before issued", func(c *Certificate) { c.ExpiresOn = bina.DateOf(2020, 1, 1) }, "expires_on"},
		{"issued in the future", func(c *Certificate) { c.IssuedOn, c.ExpiresOn = bina.DateOf(2027, 1, 1), bina.Date{} }, "issued_on"},
		{"malformed number", func(c *Certificate) { c.Number = "12345" }, "number"},
		{"unknown kind", func(c *Certificate) { c.Kind = "sim" }, "kind"},
		{"stage on a pirt", func(c *Certificate) { c.Status = "terdaftar" }, "status"},
		{"route on a pirt", func(c *Certificate) { c.Route = "reguler" }, "route"},
		{"programme zero", func(c *Certificate) { c.ProgrammeID = &zero }, "programme_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good()
			tt.edit(&c)
			c.Normalize()
			err := c.Validate(now)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if bina.ErrorCode(err) != bina.Invalid {
				t.Fatalf("Validate = %v, want invalid", err)
			}
			found := false
			for _, f := range bina.ErrorFields(err) {
				found = found || f.Field == tt.field
			}
			if !found {
				t.Errorf("no problem on %s: %v", tt.field, bina.ErrorFields(err))
			}
		})
	}
}

func TestCertificateNormalize(t *testing.T) {
	c := Certificate{Kind: CertMerek, Number: "IDM 001235320"}
	c.Normalize()
	if c.Number != "IDM001235320" || c.Status != "terdaftar" {
		t.Errorf("merek = %q %q", c.Number, c.Status)
	}
	h := Certificate{Kind: CertHalal, Number: "00150012340612"}
	h.Normalize()
	if h.Issuer != "LPPOM MUI" {
		t.Errorf("legacy halal issuer = %q", h.Issuer)
	}
}
