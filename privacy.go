package bina

import (
	"math"
	"strings"
)

// Masked is what a hidden personal value shows: nothing of its length or
// of its characters.
const Masked = "••••"

// Mask hides a personal value entirely: Masked, or "" when there is none.
func Mask(s string) string {
	if s == "" {
		return ""
	}
	return Masked
}

// IsHomeBased reports whether the business runs from its owner's home: its
// address is the owner's home address, or a part of it ("Jl. Mawar 3" in
// "Jl. Mawar 3, RT 002, Sungai Raya"), compared without case, punctuation
// or spacing. Such an address is personal data too (UU 27/2022).
func (e *Enterprise) IsHomeBased() bool {
	biz, home := addressKey(e.Address), addressKey(e.Owner.Address)
	return biz != "" && home != "" && (strings.Contains(home, biz) || strings.Contains(biz, home))
}

// addressKey is an address reduced to its lower-case letters and digits.
func addressKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MaskPersonal hides what a reader who may not see personal data must not
// see (UU 27/2022): the owner's NIK, phone, birth date, disability (health
// data) and home address, the business address when the business runs
// from that home, and the exact place: coordinates are rounded to two
// decimals, about a kilometre. HomeBased is set before the home address is
// hidden; Owner.Masked says the owner's details were hidden, so that a page
// shows "hidden" rather than "none".
func (e *Enterprise) MaskPersonal() {
	e.HomeBased = e.IsHomeBased()
	o := &e.Owner
	o.Masked = true
	o.NIK, o.Phone, o.Address = Mask(o.NIK), Mask(o.Phone), Mask(o.Address)
	o.BirthDate = Date{}
	o.Disability = false
	if e.HomeBased {
		e.Address = Mask(e.Address)
	}
	for _, p := range []*float64{e.Latitude, e.Longitude} {
		if p != nil {
			*p = math.Round(*p*100) / 100
		}
	}
}
