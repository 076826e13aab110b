package importer

import (
	"bina"
	"bina/imports"

	"math"
	"strings"
	"time"
)

// RowKey returns the key that identifies a row's record across imports of
// the same source: the source's own id when the file has one ("id:" and
// the id), else a hash of the identifying fields: business name, owner
// name, desa (or, when the desa is not known yet, the region cells as
// written) and NIB ("h:" and 16 hex digits). The hash is FNV-1a, stable
// across versions and machines, because keys are stored; 64 bits make a
// collision among a million rows of one source about one in fifty million.
func RowKey(sourceID string, k imports.DuplicateKeys, region string) string {
	if id := strings.TrimSpace(sourceID); id != "" {
		return "id:" + id
	}
	place := string(k.Village)
	if place == "" {
		place = "?" + region
	}
	// FNV-1a over the parts, each followed by a 0 byte, written out so that
	// it allocates nothing.
	sum := uint64(fnvOffset)
	for _, s := range [...]string{k.Name, k.Owner, place, k.NIB, k.Reg} {
		for i := 0; i < len(s); i++ {
			sum ^= uint64(s[i])
			sum *= fnvPrime
		}
		sum *= fnvPrime // the 0 byte
	}
	const hex = "0123456789abcdef"
	b := [18]byte{'h', ':'}
	for i := len(b) - 1; i >= 2; i-- {
		b[i] = hex[sum&15]
		sum >>= 4
	}
	return string(b[:])
}

// ContentHash returns a hash of everything an enterprise record says
// (without its id, version, timestamps and provenance): two imports of a
// row with the same hash would write the same record, so the second one
// changes nothing. FNV-1a, stable across versions, because hashes are
// stored.
func ContentHash(e *bina.Enterprise) int64 {
	var h contentHasher
	h.init()
	h.s(e.Name).s(e.TradeName)
	o := &e.Owner
	h.s(o.Name).s(o.NIK).s(o.Gender).d(o.BirthDate).s(o.Phone).s(o.Education).b(o.Disability).s(o.Address)
	h.s(e.NIB).s(e.LegalForm)
	for _, k := range e.KBLI {
		h.s(string(k.Version)).s(k.Code)
	}
	h.s("|").s(e.MainProduct).s(e.Address).s(string(e.VillageCode)).f(e.Latitude).f(e.Longitude)
	h.i(int64(e.StartYear)).i(int64(e.StartMonth)).i(e.Capital).i(e.Assets)
	for _, sa := range e.Sales {
		h.i(int64(sa.Year)).i(sa.Amount)
	}
	h.s("|").i(int64(e.WorkersPaidMale)).i(int64(e.WorkersPaidFemale)).i(int64(e.WorkersUnpaidMale)).i(int64(e.WorkersUnpaidFemale))
	h.s(e.SizeReported)
	d := &e.Digital
	h.b(d.Marketplace).b(d.SocialMedia).b(d.Website).b(d.QRIS).b(d.DigitalBookkeeping).s(d.Links)
	h.s(e.Status).b(e.Binaan).d(e.BinaanSince).s(e.SourceID).s(e.Notes)
	// Fields the store keeps through the field table follow, by name and
	// only when set, so that the hash of a record without them stays what
	// it was before they were added.
	for i := range storedFields {
		if v := storedFields[i].Format(e); v != storedFields[i].Format(&zeroEnterprise) {
			h.s(string(storedFields[i].Field)).s(v)
		}
	}
	return int64(h.sum)
}

// zeroEnterprise is the record whose stored fields are all unset.
var zeroEnterprise bina.Enterprise

// storedFields are the enterprise fields kept through the field table
// (bina.RecordField.Column).
var storedFields = bina.StoredFields(bina.EnterpriseTable())

// CooperativeContentHash is ContentHash for a cooperative (without RAT
// records, which imports do not write).
func CooperativeContentHash(c *bina.Cooperative) int64 {
	var h contentHasher
	h.init()
	h.s(c.Name).s(c.RegistrationNumber).d(c.CertificateDate).s(c.LegalNumber).d(c.LegalDate)
	h.s(c.NPWP).s(c.NIB).s(c.Jenis).s(c.Bentuk).s(c.Pola).s(c.Kelompok).s(string(c.KBLI.Version)).s(c.KBLI.Code)
	h.s(c.Address).s(string(c.VillageCode)).f(c.Latitude).f(c.Longitude)
	h.i(int64(c.MembersFemale)).i(int64(c.MembersMale)).i(int64(c.EmployeesFemale)).i(int64(c.EmployeesMale))
	h.b(c.KDMP).s(c.SourceID).s(c.Notes)
	return int64(h.sum)
}

// contentHasher is FNV-1a 64 written out, so that hashing a record
// allocates nothing.
type contentHasher struct{ sum uint64 }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func (h *contentHasher) init() { h.sum = fnvOffset }

func (h *contentHasher) s(v string) *contentHasher {
	sum := h.sum // in a register through the loop
	for i := 0; i < len(v); i++ {
		sum ^= uint64(v[i])
		sum *= fnvPrime
	}
	sum ^= 0xff // a separator no UTF-8 text contains
	h.sum = sum * fnvPrime
	return h
}

// d hashes a date as s hashes its String, without making the string.
func (h *contentHasher) d(v bina.Date) *contentHasher {
	var b [16]byte
	if !v.IsZero() {
		for _, c := range v.Time().AppendFormat(b[:0], time.DateOnly) {
			h.sum ^= uint64(c)
			h.sum *= fnvPrime
		}
	}
	return h.s("")
}

func (h *contentHasher) i(v int64) *contentHasher {
	sum, u := h.sum, uint64(v)
	for range 8 { // the little-endian bytes
		sum ^= u & 0xff
		sum *= fnvPrime
		u >>= 8
	}
	h.sum = sum
	return h
}

func (h *contentHasher) b(v bool) *contentHasher {
	if v {
		return h.i(1)
	}
	return h.i(0)
}

func (h *contentHasher) f(v *float64) *contentHasher {
	if v == nil {
		return h.s("nil")
	}
	return h.i(int64(math.Float64bits(*v)))
}
