package models

import "testing"

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
