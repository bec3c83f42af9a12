package commune_test

import (
	"slices"
	"strings"
	"testing"

	"carnet/models/commune"
)

// The intercommunalities come from the pinned package with their member
// communes: a commune's EPCI, an arrondissement's through its city, none
// for the islands outside any.
func TestEPCIOf(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{"64102", "200067106"}, // Bayonne: CA du Pays Basque
		{"16015", "200071827"}, // Angoulême: CA du Grand Angoulême
		{"13201", "200054807"}, // Marseille 1er: Métropole d'Aix-Marseille-Provence
		{"13055", "200054807"}, // Marseille
		{"75056", "200054781"}, // Paris: Métropole du Grand Paris
		{"22016", ""},          // Île-de-Bréhat: no EPCI
		{"97502", ""},          // Saint-Pierre: a collectivity
		{"99999", ""},
	} {
		if got := commune.EPCIOf(tc.code); got != tc.want {
			t.Errorf("EPCIOf(%s) = %q, want %q", tc.code, got, tc.want)
		}
	}
	all := commune.EPCIs()
	if len(all) < 1200 {
		t.Fatalf("%d EPCIs", len(all))
	}
	i := slices.IndexFunc(all, func(e commune.EPCI) bool { return e.Code == "200067106" })
	if i < 0 || all[i].Name != "CA du Pays Basque" || len(all[i].Members) != 158 || !slices.Contains(all[i].Members, "64102") {
		t.Fatalf("CA du Pays Basque: %+v", all[i])
	}
	if !slices.IsSortedFunc(all, func(a, b commune.EPCI) int { return strings.Compare(a.Code, b.Code) }) {
		t.Fatal("not sorted by SIREN")
	}
}

// The Grand Paris's territories (EPT) come from the same package: a
// commune's territory beside its EPCI, which stays the Métropole.
func TestEPTOf(t *testing.T) {
	for _, tc := range []struct{ code, want, epci string }{
		{"93055", "200057875", "200054781"}, // Pantin: Est Ensemble
		{"93066", "200057867", "200054781"}, // Saint-Denis: Plaine Commune
		{"94076", "200058014", "200054781"}, // Villejuif: Grand-Orly Seine Bièvre
		{"75056", "", "200054781"},          // Paris: a commune, no EPT
		{"75118", "", "200054781"},          // Paris 18e
		{"16015", "", "200071827"},          // Angoulême
	} {
		if got := commune.EPTOf(tc.code); got != tc.want {
			t.Errorf("EPTOf(%s) = %q, want %q", tc.code, got, tc.want)
		}
		if got := commune.EPCIOf(tc.code); got != tc.epci {
			t.Errorf("EPCIOf(%s) = %q, want %q", tc.code, got, tc.epci)
		}
	}
	all := commune.EPTs()
	if len(all) != 11 {
		t.Fatalf("%d EPTs", len(all))
	}
	i := slices.IndexFunc(all, func(e commune.EPCI) bool { return e.Code == "200057875" })
	if i < 0 || all[i].Name != "Est Ensemble" || len(all[i].Members) != 9 || !slices.Contains(all[i].Members, "93048") {
		t.Fatalf("Est Ensemble: %+v", all[i])
	}
}

// The localities La Poste names inside a commune come from the pinned
// codes-postaux package, without the spellings of the commune's own name
// nor the codes several communes share.
func TestLocalities(t *testing.T) {
	all := commune.Localities()
	// « RAPHELE LES ARLES » (13280) is Raphèle, the village « lès Arles »:
	// the name's part before « lès » and its commune.
	want := map[string][2]string{"montfavet": {"84140", "84007"}, "la bocca": {"06150", "06029"}, "puyricard": {"13540", "13001"}, "les milles": {"13290", "13001"},
		"raphele": {"13280", "13004"}}
	got := map[string][2]string{}
	for _, l := range all {
		got[l.Name] = [2]string{l.PostalCode, l.Commune}
		if l.Name == "oeting" || l.Name == "chatelguyon" || l.Name == "lacaune" || l.Name == "air" || l.Name == "d aude" {
			t.Errorf("%+v: a spelling of its commune, another commune or a linked part", l)
		}
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %v, want %v", name, got[name], w)
		}
	}
	if len(all) < 20 || len(all) > 100 {
		t.Errorf("%d localities", len(all))
	}
}
