package models

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Argon2id parameters: OWASP's second recommended configuration (19 MiB, two
// passes, one lane). Each hash takes tens of milliseconds and 19 MiB, so
// hashSlots bounds how many run at once: a burst of logins then queues
// instead of exhausting memory.
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonKeyLen    = 32
	argonSaltLen   = 16

	// MinPasswordLen follows NIST SP 800-63B-4 for passwords that are the
	// only factor: at least 15 characters. A passphrase of three or four
	// words is longer and easier to remember than a complex short password.
	// Exported for the test that holds openapi.yaml's minLength to it.
	MinPasswordLen = 15
	maxPasswordLen = 256 // beyond this, hashing cost is a denial-of-service lever
)

var hashSlots = make(chan struct{}, max(2, runtime.NumCPU()))

// normalizePassword returns pw in Unicode normalisation form NFKC, as NIST
// SP 800-63B-4 (§3.1.1.2) asks of a verifier that accepts Unicode: « é »
// arrives as one character from most keyboards and as e + accent from some
// phones and macOS input, and a Japanese or Chinese input method types
// full-width letters; each is the same password to the person. NFKC rather
// than NFC: it also folds those compatibility forms (Ｃ, ﬁ, ²), which is
// what NIST names, and costs a guesser's search nothing worth counting.
func normalizePassword(pw string) string { return norm.NFKC.String(pw) }

// HashPassword returns an argon2id hash in the PHC string format, which
// carries its parameters so that they can be raised later without breaking
// existing hashes. The password is hashed normalised (normalizePassword).
func HashPassword(pw string) (string, error) {
	pw = normalizePassword(pw)
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	hashSlots <- struct{}{}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemoryKiB, argonThreads, argonKeyLen)
	<-hashSlots
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemoryKiB, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var errBadHash = errors.New("malformed password hash")

// CheckPassword reports whether pw matches the PHC-encoded hash, comparing in
// constant time. It tries pw normalised, then, when that differs, as typed:
// hashes made before passwords were normalised hold the bytes the person
// typed then, which they most likely type again.
func CheckPassword(encoded, pw string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 || m > 1<<20 || t > 16 {
		return false, errBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, errBadHash
	}
	matches := func(pw string) bool {
		if len(pw) > maxPasswordLen {
			return false
		}
		hashSlots <- struct{}{}
		got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
		<-hashSlots
		return subtle.ConstantTimeCompare(got, want) == 1
	}
	n := normalizePassword(pw)
	return matches(n) || n != pw && matches(pw), nil
}

// dummyHash is checked against when an e-mail is unknown, so that a login
// for a missing account costs as much as one for a wrong password and
// response times do not reveal which accounts exist.
func dummyHash() string {
	h, err := HashPassword("carnet-dummy-password-for-timing")
	if err != nil {
		// Only a broken random source fails here; fall back to a fixed
		// salt rather than crash a login.
		return "$argon2id$v=19$m=19456,t=2,p=1$Y2FybmV0Y2FybmV0Y2FybmV0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	}
	return h
}
