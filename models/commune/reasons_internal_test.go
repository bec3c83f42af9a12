package commune

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestReasonsAsFmt (issue 11, item 6): the reasons written without fmt read
// word for word as the fmt.Sprintf they replace, for names with quotes,
// accents, control and invalid bytes, and distances of every size.
func TestReasonsAsFmt(t *testing.T) {
	names := []string{"", "Paris", "Saint-Étienne", `L'Haÿ "les" Roses`, "a\tb\n", "\xff\xfe", "x\u00a0y\u200b", "日本", strings.Repeat("Long ", 60)}
	codes := [][]string{nil, {"75001"}, {"13001", "13002", "13003"}}
	floats := []float64{0, 0.04, 0.05, 0.15, 0.25, 1.5, 2.5, 12.345, -3.75, 1e21, 123456789.987, math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1)}
	r := rand.New(rand.NewPCG(1, 43))
	for range 2000 {
		floats = append(floats, r.Float64()*float64(r.IntN(2000)), r.NormFloat64()*100)
	}
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	city := func() *Commune {
		return &Commune{Name: pick(names), Code: pick(names), Departement: pick(names), PostalCodes: codes[r.IntN(len(codes))]}
	}
	check := func(got, want string) {
		t.Helper()
		if got != want {
			t.Fatalf("got  %q\nwant %q", got, want)
		}
	}
	for i := range 5000 {
		c, o := city(), city()
		name, pc := pick(names), pick(names)
		d, dn := floats[i%len(floats)], floats[r.IntN(len(floats))]
		join := strings.Join(c.PostalCodes, ", ")
		check(reasonNoCommuneName(name, c), fmt.Sprintf("%q is not the name of a current commune; the other fields designate %s (%s)", name, c.Name, c.Code))
		check(notePostalCodeNotOf(pc, c), fmt.Sprintf("postal code %s is not one of %s's (%s)", pc, c.Name, join))
		check(reasonPointNearer(d, c, dn, o), fmt.Sprintf("the point is %.0f km from the centre of %s and %.1f km from that of %s (département %s)", d, c.Name, dn, o.Name, o.Departement))
		check(reasonCodeElsewhere(pc, o, c), fmt.Sprintf("%s is the INSEE code of %s (département %s), but the address is in %s (département %s)", pc, o.Name, o.Departement, c.Name, c.Departement))
		check(reasonOthersPostalCode(pc, name, c), fmt.Sprintf("%s is the postal code of %s, not of %s (%s)", pc, name, c.Name, join))
		check(reasonCodeAsPostalCode(pc, c), fmt.Sprintf("%s is the INSEE code of %s, not a postal code (%s)", pc, c.Name, join))
		what := "no commune name"
		if name != "" {
			what = fmt.Sprintf("%q names none of the communes the other fields allow", name)
		}
		check(reasonByPoint(name, c, d, dn), fmt.Sprintf("%s; the coordinates place it in %s (%.1f km from its centre, the next one %.1f km)", what, c.Name, d, dn))
	}
}
