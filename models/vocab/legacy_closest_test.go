package vocab

import (
	"fmt"
	"testing"

	"carnet/models/editdist"
)

// TestClosestLegacyServices: a service one or two letters from exactly
// one value is read as it; one as near two values meaning different
// things, a short one, a value already known and a far one are not.
func TestClosestLegacyServices(t *testing.T) {
	for in, want := range map[string]string{
		"Aide aux démarches administrative":          "Aide aux démarches administratives",
		"aide aux demarche administratives":          "Aide aux démarches administratives",
		"Aide aux démarches administrativess":        "Aide aux démarches administratives",
		"Maîtrise des outils numérique du quotidien": "Maîtrise des outils numériques du quotidien",
		"Aide aux démarches administratives":         "", // known already
		"Aide aux démarches":                         "", // far
		"Lecture publique":                           "",
		"Aide":                                       "", // short
	} {
		got, ok := ClosestLegacy(LegacyColumnServices, in)
		if ok != (want != "") || got != want {
			t.Errorf("ClosestLegacy(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// FuzzClosestLegacy: a value read is within two edits of the input's
// folded form, and no value meaning another thing is as near.
func FuzzClosestLegacy(f *testing.F) {
	for _, s := range []string{"Aide aux démarches administrative", "Acces internet et materiel informatiqu", "Numérique responsabl", "Parentalité et éducation avec le numériqe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ClosestLegacy(LegacyColumnServices, s)
		if !ok {
			return
		}
		key := Slugify(s)
		d := editdist.Bounded(key, Slugify(got), 2)
		if d > 2 {
			t.Fatalf("%q read as %q, %d edits away", s, got, d)
		}
		m, _ := LookupLegacy(LegacyColumnServices, got)
		var others []string
		for k := range legacyIndex[LegacyColumnServices] {
			others = append(others, k)
		}
		for _, v := range MustGet(NameThemes).Values() {
			others = append(others, Slugify(v))
		}
		for _, o := range others {
			if editdist.Bounded(key, o, d) <= d {
				om, _ := LookupLegacy(LegacyColumnServices, o)
				if fmt.Sprint(om.Targets, om.Note) != fmt.Sprint(m.Targets, m.Note) {
					t.Fatalf("%q read as %q, but %q is as near and means another thing", s, got, o)
				}
			}
		}
	})
}
