package argon2id

import (
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	h := &Hasher{Time: 1, Memory: 8 * 1024, Threads: 1}
	hash, err := h.Hash("rahasia-sekali")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=8192,t=1,p=1$") {
		t.Fatalf("hash = %q", hash)
	}
	if !h.Verify(hash, "rahasia-sekali") {
		t.Error("right password refused")
	}
	for _, bad := range []string{"rahasia-sekalI", "", "rahasia"} {
		if h.Verify(hash, bad) {
			t.Errorf("wrong password %q accepted", bad)
		}
	}
	// Parameters travel with the hash: a stronger hasher still verifies it.
	if !New().Verify(hash, "rahasia-sekali") {
		t.Error("hash with other parameters not verified")
	}
	for _, broken := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$garbage$AA$AA"} {
		if h.Verify(broken, "x") {
			t.Errorf("broken hash %q accepted", broken)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	h := New()
	for b.Loop() {
		if _, err := h.Hash("rahasia-sekali"); err != nil {
			b.Fatal(err)
		}
	}
}
