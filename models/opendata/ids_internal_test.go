package opendata

import (
	"slices"
	"strings"
	"testing"
)

// FuzzProducerColumns: any header's closest column is a column of the
// standard or none, and a derived id depends only on the folded content.
func FuzzProducerColumns(f *testing.F) {
	for _, s := range []string{"Lieu", "Nomdelastructure", "Adresse mail", "c_gid", "TYPO_UID", "result_id", "", "é\x00_", "Contact : email", "COM_NOM", "NOM_DISPOSITIF", "lib_france_services", "Goupe_France_Services_responsable", "France services"} {
		f.Add(s, "1 rue A", "13001")
	}
	f.Fuzz(func(t *testing.T, name, street, postal string) {
		folded := foldColumn(name)
		if c := closestColumn(folded); c != "" && !slices.Contains(knownColumns, c) {
			t.Errorf("%q: closest %q is no column of the standard", name, c)
		}
		idScore(folded)
		cells := map[string]string{"nom": name, "adresse": street, "code_postal": postal}
		id := deriveID("src", cells)
		if id != "" && (!strings.HasPrefix(id, DerivedIDPrefix) || len(id) != len(DerivedIDPrefix)+16) {
			t.Errorf("derived id %q", id)
		}
		upper := map[string]string{"nom": strings.ToUpper(name) + " ", "adresse": " " + street, "code_postal": postal}
		if strings.ToUpper(name) == name || !isASCII(name) {
			return
		}
		if id2 := deriveID("src", upper); id2 != id {
			t.Errorf("%q: case and spaces changed the derived id: %q %q", name, id, id2)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
