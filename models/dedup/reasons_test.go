package dedup

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReasonCodesListed reads the package's sources for every reason code
// it can emit (r.add("code", …), Reason{"code", …} and the identity codes'
// map) and fails when one is missing from ReasonCodes, or when ReasonCodes
// holds a code nothing emits: the list the API documents must be the
// codes clients receive.
func TestReasonCodesListed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	emitted := map[string]bool{}
	re := regexp.MustCompile(`(?:\.add\(|Reason\{)"([a-z_]+)"|kind[A-Za-z]+: "([a-z_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "reasons.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			emitted[m[1]+m[2]] = true
		}
	}
	if len(emitted) < 30 {
		t.Fatalf("read %d codes from the sources: the pattern no longer finds them", len(emitted))
	}
	for code := range emitted {
		if !slices.Contains(ReasonCodes, code) {
			t.Errorf("reason code %q is emitted but not in ReasonCodes", code)
		}
	}
	for _, code := range ReasonCodes {
		if !emitted[code] {
			t.Errorf("ReasonCodes lists %q, which no source emits", code)
		}
	}
}
