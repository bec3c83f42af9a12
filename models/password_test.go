package models

import (
	"encoding/base64"
	"fmt"
	"testing"

	"golang.org/x/crypto/argon2"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	for pw, want := range map[string]bool{"correct horse battery staple": true, "Correct horse battery staple": false, "": false} {
		if ok, err := CheckPassword(h, pw); err != nil || ok != want {
			t.Errorf("%q: %v %v", pw, ok, err)
		}
	}
	h2, _ := HashPassword("correct horse battery staple")
	if h == h2 {
		t.Error("two hashes of one password must differ (salt)")
	}
	for _, bad := range []string{"", "$argon2id$v=19$m=1,t=1,p=1$$", "$bcrypt$x", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA"} {
		if _, err := CheckPassword(bad, "x"); err == nil {
			t.Errorf("%q accepted as a hash", bad)
		}
	}
	if ValidatePassword("short", PasswordContext{}) == nil || ValidatePassword(string(make([]byte, 300)), PasswordContext{}) == nil ||
		ValidatePassword("fifteen chars ok", PasswordContext{}) != nil {
		t.Error("password policy")
	}
}

// BenchmarkHashPassword measures the cost of one login's hash check
// (argon2id, 19 MiB, two passes): go test -bench HashPassword -benchmem ./models
func BenchmarkHashPassword(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := HashPassword("correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPasswordHashesBeforeNormalisation checks that hashes computed before
// passwords were normalised (on the bytes as typed) still verify with those
// bytes, and that a new hash verifies in every form of the password.
func TestPasswordHashesBeforeNormalisation(t *testing.T) {
	nfc, nfd := "Caf\u00e9 cr\u00e8me au lait chaud matin", "Cafe\u0301 cre\u0300me au lait chaud matin"
	// What HashPassword wrote before: argon2id of the raw bytes, here NFD.
	salt := []byte("0123456789abcdef")
	b64 := base64.RawStdEncoding
	legacy := fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemoryKiB, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(argon2.IDKey([]byte(nfd), salt, argonTime, argonMemoryKiB, argonThreads, argonKeyLen)))
	if ok, err := CheckPassword(legacy, nfd); err != nil || !ok {
		t.Errorf("a hash of the raw NFD bytes, checked with them: %v %v", ok, err)
	}
	h, err := HashPassword(nfd)
	if err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{nfc, nfd} {
		if ok, err := CheckPassword(h, pw); err != nil || !ok {
			t.Errorf("%q: %v %v", pw, ok, err)
		}
	}
	if ok, _ := CheckPassword(h, "Cafe creme au lait chaud matin"); ok {
		t.Error("the accents are part of the password")
	}
}
