package contact

import (
	"math/rand/v2"
	"net/mail"
	"testing"
)

// TestDotAtomAsNetMail: every local part dotAtom accepts is one net/mail
// reads as the whole address, unchanged and without a name — the answer
// NormalizeEmail gave by parsing it — over random parts of printable and
// other ASCII.
func TestDotAtomAsNetMail(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abcXYZ019.._-+!#$%&'*/=?^`{|}~()<>[]:;@\\,\" \t\x7f\x01"
	accepted := 0
	for i := 0; i < 200000; i++ {
		b := make([]byte, 1+r.IntN(8))
		for j := range b {
			b[j] = alphabet[r.IntN(len(alphabet))]
		}
		local := string(b)
		if !dotAtom(local) {
			continue
		}
		accepted++
		out := local + "@example.fr"
		addr, err := mail.ParseAddress(out)
		if err != nil || addr.Name != "" || addr.Address != out {
			t.Fatalf("dotAtom(%q) but net/mail reads %q: %v %+v", local, out, err, addr)
		}
	}
	if accepted < 1000 {
		t.Fatalf("only %d parts accepted: the test reads too few", accepted)
	}
	for _, s := range []string{"a.b", "prénom", "a..b", ".a", "a.", "a b", `a"b`, "a@b", ""} {
		if got, want := dotAtom(s), map[string]bool{"a.b": true}[s]; got != want {
			t.Errorf("dotAtom(%q) = %v, want %v", s, got, want)
		}
	}
}
