package importer

import (
	"bina/imports"
	"hash/maphash"

	"bina"
)

// FileIndex remembers the rows of one file by 8-byte hashes of their keys,
// so that a later row resembling an earlier one is found without keeping
// the rows: 12 bytes a slot, with tables a quarter to three quarters full;
// about 70 MB for a million rows with a NIB, a NIK and a desa each. Hash collisions are possible in principle
// (one in about 10¹³ pairs); a collision makes a row a review candidate,
// never writes anything wrong. Not safe for concurrent use.
type FileIndex struct {
	seed maphash.Seed
	dups hashTable[uint32] // rule and key → line
	keys hashTable[uint32] // row key → the low half of its content hash
}

// NewFileIndex returns an empty index; rows is a hint of the rows to come
// (0 when unknown), so that the tables need not grow.
func NewFileIndex(rows int) *FileIndex {
	x := &FileIndex{seed: maphash.MakeSeed()}
	x.dups.init(rows * 5 / 2)
	x.keys.init(rows)
	return x
}

func (x *FileIndex) hash(rule byte, parts ...string) uint64 {
	var h maphash.Hash
	h.SetSeed(x.seed)
	h.WriteByte(rule)
	for _, p := range parts {
		h.WriteString(p)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// Check returns the first rule by which k resembles a row added before (its
// line), then adds k for row line. Keys of a record without a desa (a row
// waiting for a region review) are compared by NIB and NIK only.
func (x *FileIndex) Check(entity bina.Entity, k imports.DuplicateKeys, line int) *imports.DuplicateMatch {
	type probe struct {
		rule string
		h    uint64
	}
	var probes [3]probe
	n := 0
	if k.NIB != "" {
		probes[n] = probe{imports.DuplicateNIB, x.hash('b', k.NIB)}
		n++
	}
	if k.Reg != "" {
		probes[n] = probe{imports.DuplicateRegistration, x.hash('r', k.Reg)}
		n++
	}
	if k.NIK != "" && k.Name != "" {
		probes[n] = probe{imports.DuplicateNIKName, x.hash('k', k.NIK, k.Name)}
		n++
	}
	if k.Village != "" && k.Name != "" && n < len(probes) {
		probes[n] = probe{imports.DuplicateNameVillage, x.hash('v', string(k.Village), k.Name, k.Owner)}
		n++
	}
	var m *imports.DuplicateMatch
	for _, p := range probes[:n] {
		if first, ok := x.dups.get(p.h); ok {
			if m == nil {
				m = &imports.DuplicateMatch{Rule: p.rule, Line: int(first), Reason: imports.DuplicateReason(entity, p.rule, int(first), 0)}
			}
			continue
		}
		x.dups.put(p.h, uint32(line))
	}
	return m
}

// Near reports whether a row added before had the owner NIK of k, or its
// desa and name key (see imports.Row.Near), then adds k.
func (x *FileIndex) Near(k imports.DuplicateKeys) bool {
	var hs [2]uint64
	n := 0
	if k.NIK != "" {
		hs[n] = x.hash('n', k.NIK)
		n++
	}
	if k.Village != "" && k.Name != "" {
		hs[n] = x.hash('p', string(k.Village), k.Name)
		n++
	}
	near := false
	for _, h := range hs[:n] {
		if _, ok := x.dups.get(h); ok {
			near = true
		} else {
			x.dups.put(h, 0)
		}
	}
	return near
}

// Repeat looks up a row key seen earlier in the file, then remembers
// content for key. It reports whether the key was seen, and whether the
// content was the same then (compared by 32 bits of the hash: two
// different rows of one key look the same once in four billion times).
func (x *FileIndex) Repeat(key string, content int64) (seen, same bool) {
	h := x.hash('i', key)
	v, ok := x.keys.get(h)
	x.keys.put(h, uint32(content))
	return ok, ok && v == uint32(content)
}

// Bytes returns the memory the index holds.
func (x *FileIndex) Bytes() int { return x.dups.bytes() + x.keys.bytes() }

// hashTable maps 64-bit hashes to values by open addressing with linear
// probing, kept a quarter to three quarters full.
type hashTable[V uint32 | uint64] struct {
	keys []uint64 // 0 marks a free slot; a hash of 0 is stored as 1
	vals []V
	n    int
}

func (t *hashTable[V]) init(hint int) {
	size := 1024
	for size*3/4 < hint {
		size *= 2
	}
	t.keys = make([]uint64, size)
	t.vals = make([]V, size)
	t.n = 0
}

func (t *hashTable[V]) slot(h uint64) (int, bool) {
	mask := len(t.keys) - 1
	i := int(h>>7) & mask
	for {
		switch t.keys[i] {
		case h:
			return i, true
		case 0:
			return i, false
		}
		i = (i + 1) & mask
	}
}

func (t *hashTable[V]) get(h uint64) (V, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	if h == 0 {
		h = 1
	}
	i, ok := t.slot(h)
	return t.vals[i], ok
}

func (t *hashTable[V]) put(h uint64, v V) {
	if len(t.keys) == 0 {
		t.init(0)
	}
	if h == 0 {
		h = 1
	}
	i, ok := t.slot(h)
	if !ok {
		if (t.n+1)*4 > len(t.keys)*3 {
			t.grow()
			i, _ = t.slot(h)
		}
		t.keys[i] = h
		t.n++
	}
	t.vals[i] = v
}

func (t *hashTable[V]) grow() {
	keys, vals := t.keys, t.vals
	t.keys = make([]uint64, len(keys)*2)
	t.vals = make([]V, len(vals)*2)
	for i, k := range keys {
		if k != 0 {
			j, _ := t.slot(k)
			t.keys[j], t.vals[j] = k, vals[i]
		}
	}
}

func (t *hashTable[V]) bytes() int {
	var v V
	if _, small := any(v).(uint32); small {
		return len(t.keys) * 12
	}
	return len(t.keys) * 16
}
