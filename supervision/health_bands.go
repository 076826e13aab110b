package supervision

import "bina"

// Shorthands for writing the built-in band tables the way KOPERASI.md
// prints them; the rule sets themselves are plain data.

func fp(x float64) *float64 { return &x }

// below is x < u (or x ≤ u when incl).
func below(u float64, incl bool, nilai float64) HealthBand {
	return HealthBand{Upper: fp(u), UpperInclusive: incl, Nilai: nilai}
}

// above is x > l (or x ≥ l when incl).
func above(l float64, incl bool, nilai float64) HealthBand {
	return HealthBand{Lower: fp(l), LowerInclusive: incl, Nilai: nilai}
}

// leftOpen is (l, u].
func leftOpen(l, u, nilai float64) HealthBand {
	return HealthBand{Lower: fp(l), Upper: fp(u), UpperInclusive: true, Nilai: nilai}
}

// rightOpen is [l, u).
func rightOpen(l, u, nilai float64) HealthBand {
	return HealthBand{Lower: fp(l), LowerInclusive: true, Upper: fp(u), Nilai: nilai}
}

// open is (l, u).
func open(l, u, nilai float64) HealthBand {
	return HealthBand{Lower: fp(l), Upper: fp(u), Nilai: nilai}
}

// bands is one unconditional table.
func bands(b ...HealthBand) []HealthBandTable { return []HealthBandTable{{Bands: b}} }

// term is one term of an aggregate.
func term(src string, factor float64) HealthTerm { return HealthTerm{Source: src, Factor: factor} }

// sum is an aggregate adding sources with factor 1.
func sum(code, id, en string, srcs ...string) HealthAggregate {
	a := HealthAggregate{Code: code, Label: bina.Text{ID: id, EN: en}}
	for _, s := range srcs {
		a.Terms = append(a.Terms, term(s, 1))
	}
	return a
}

// fallback is the nilai of a ratio whose denominator is zero.
func fallback(nilai float64, verify bool) *HealthFallback {
	return &HealthFallback{Nilai: nilai, Verify: verify}
}
