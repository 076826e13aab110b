package sqlstore_test

import (
	"testing"

	"bina"
	"bina/coaching"
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
			for name, f := range map[string]coaching.CertificateFilter{
				"in-force/regency":       {View: coaching.CertViewInForce},
				"in-force/kecamatan":     {View: coaching.CertViewInForce, Region: kecamatan},
				"in-force/regency-halal": {View: coaching.CertViewInForce, Kind: coaching.CertHalal},
				"issued-2024/regency":    {View: coaching.CertViewAll, IssuedYear: 2024},
				"issued-2024/kecamatan":  {View: coaching.CertViewAll, IssuedYear: 2024, Region: kecamatan},
				"expiring/regency":       {View: coaching.CertViewExpiring, Before: bina.DateOf(2027, 2, 26)},
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
