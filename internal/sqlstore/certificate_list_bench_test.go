package sqlstore_test

import (
	"testing"

	"bina"
	"bina/internal/sqlstore/sqlstoretest"
)

// BenchmarkCertificateList times the first page, with its total, of the
// certificate lists behind umkm_cert_held and umkm_cert_obtained on the
// bench register (one business in five holds a certificate), for the
// regency and a kecamatan, whole and of one kind.
//
//	BINA_BENCH_SCALE=100000 go test ./internal/sqlstore -run '^$' -bench 'CertificateList' -benchtime 20x
func BenchmarkCertificateList(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			benchPembinaan(b, engine, s)
			kecamatan := sqlstoretest.Reference(b, bina.DefaultConfig()).Regions.Districts()[0].Code
			for name, f := range map[string]bina.CertificateFilter{
				"in-force/regency":       {View: bina.CertViewInForce},
				"in-force/kecamatan":     {View: bina.CertViewInForce, Region: kecamatan},
				"in-force/regency-halal": {View: bina.CertViewInForce, Kind: bina.CertHalal},
				"issued-2024/regency":    {View: bina.CertViewAll, IssuedYear: 2024},
				"issued-2024/kecamatan":  {View: bina.CertViewAll, IssuedYear: 2024, Region: kecamatan},
				"expiring/regency":       {View: bina.CertViewExpiring, Before: bina.DateOf(2027, 2, 26)},
			} {
				b.Run(name, func(b *testing.B) {
					measure(b, func(int) error {
						_, err := s.ListCertificates(system, f)
						return err
					})
				})
			}
		})
	}
}
