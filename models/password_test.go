package models

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

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
		ValidatePassword("velo bleu lundi", PasswordContext{}) != nil {
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

// TestGuessablePasswords holds the policy's rule, a pure function, to
// examples: French common passwords and phrases, the words of the context
// (the e-mail's local part and domain, the name, the structure's name, the
// service's name) with predictable changes, keyboard rows and sequences are
// refused with a reason that never repeats the password; passphrases of a
// few unrelated words pass.
func TestGuessablePasswords(t *testing.T) {
	pc := PasswordContext{Email: "camille.martin@mediatheque-alcazar.fr", DisplayName: "Camille Martin", Structures: []string{"Médiathèque de l'Alcazar"}}
	for _, bad := range []string{
		"jesuisunmotdepasse", "monmotdepasse2024", "mon mot de passe", "motdepassesecurise", "doudou2024doudou", "loulou123456789",
		"carnet-carnet-carnet", "Carnet2026!Carnet", "azertyuiop123456789", "azertyazerty2024", "1234567890azerty",
		"camille.martin2024", "CamilleMartin!!!2024", "camille.martin@mediatheque-alcazar.fr",
		"mediatheque-alcazar2024", "mediathequealcazar13", "Médiathèque Alcazar 2024", "Alcazar2024!Alcazar",
		"choose a long password", "a long enough password",
	} {
		err := ValidatePassword(bad, pc)
		var e *Error
		if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "password" || e.Fields[0].Reason == "" {
			t.Errorf("%q: %v", bad, err)
			continue
		}
		if strings.Contains(strings.ToLower(err.Error()), strings.ToLower(bad)) {
			t.Errorf("the reason repeats the password: %v", err)
		}
	}
	for _, good := range []string{
		"correct horse battery staple", "tortue orange sous un parapluie", "velo rouge sous la pluie fine",
		"un tout nouveau mot de passe", "a password for tests", "Café crème au lait chaud matin", "trois mots bien choisis",
	} {
		if err := ValidatePassword(good, pc); err != nil {
			t.Errorf("%q refused: %v", good, err)
		}
	}
	// A long password is judged on its first characters by zxcvbn, in
	// bounded time.
	start := time.Now()
	if err := ValidatePassword(strings.Repeat("4@3!1|0$5+7(", 21), pc); err == nil {
		t.Error("a repeated pattern of symbols")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a 252-character password took %v", d)
	}
}
