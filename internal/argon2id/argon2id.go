// Package argon2id hashes passwords with Argon2id (RFC 9106) from
// golang.org/x/crypto, in the PHC string format so that parameters can be
// raised later without invalidating stored hashes.
package argon2id

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Hasher implements bina.PasswordHasher.
type Hasher struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// New returns a hasher with OWASP's recommended Argon2id setting for
// servers: 19 MiB of memory, 2 passes, 1 lane. Memory is what makes
// Argon2id expensive to attack; 19 MiB per sign-in keeps a small regency
// server (2 cores, a memory budget of 100 MB) responsive while several
// people sign in at once. Stored hashes carry their parameters, so the
// setting can be raised later without invalidating them.
func New() *Hasher { return &Hasher{Time: 2, Memory: 19 * 1024, Threads: 1} }

const keyLen = 32

var b64 = base64.RawStdEncoding

// Hash returns "$argon2id$v=19$m=...,t=...,p=...$salt$key".
func (h *Hasher) Hash(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, h.Time, h.Memory, h.Threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.Memory, h.Time, h.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether password matches hash, in constant time.
func (h *Hasher) Verify(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}
