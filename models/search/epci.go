package search

import (
	"regexp"
	"slices"
	"strings"

	"carnet/models/commune"
)

// setEPCI files a place under its commune's intercommunality (FieldEPCI),
// and in the Grand Paris under its territory too (commune.EPTOf: « Est
// Ensemble », « Plaine Commune » are named as an intercommunality is).
func setEPCI(d *doc) {
	if e := commune.EPCIOf(d.insee); e != "" {
		d.values[FieldEPCI] = []string{e}
	}
	if e := commune.EPTOf(d.insee); e != "" {
		d.values[FieldEPCI] = append(d.values[FieldEPCI], e)
	}
}

// eptKinds are the ways a Grand Paris territory's kind is said before its
// name, which its official name does not write (« EPT Est Ensemble »,
// « territoire Plaine Commune »).
var eptKinds = []string{"ept", "territoire", "etablissement public territorial"}

// epciKinds are the kinds of intercommunality as the official names write
// them (« CA du Pays Basque », « CU du Grand Poitiers », « Métropole Nice
// Côte d'Azur », « Bordeaux Métropole ») and as people say them: the
// abbreviation or the words written out (« communauté d'agglomération »,
// « l'agglo »).
var epciKinds = map[string][]string{
	"ca":            {"ca", "communaute agglomeration", "agglomeration", "agglo"},
	"cc":            {"cc", "communaute communes"},
	"cu":            {"cu", "communaute urbaine"},
	"metropole":     {"metropole"},
	"agglo":         {"agglo", "agglomeration", "communaute agglomeration"},
	"agglomeration": {"agglomeration", "agglo", "communaute agglomeration"},
}

var parenthesised = regexp.MustCompile(`\([^)]*\)`)

// epciPhrases returns the ways each intercommunality of the reference is
// typed, each with the SIRENs it names (one, or several when names meet):
//
//   - its official name (articles are not words of a query: « ca pays
//     basque »), without what it writes in brackets (« (COGA) »);
//   - its kind written out or abbreviated before its own name (« communauté
//     d'agglomération du Pays Basque », « agglo du grand avignon »,
//     « métropole bordeaux »), or after it when the name ends so;
//   - its kind before the beginning of its name, two words at least
//     (« métropole Aix-Marseille » for the Métropole d'Aix-Marseille-
//     Provence);
//   - its own name alone when it is two words or more and names no
//     commune, département or région (« pays basque », « grand poitiers »,
//     « toulon provence méditerranée »): one word of a place's name is not
//     a territory (« Basque », « Grasse »), nor a commune's name
//     (« Bordeaux » in « Bordeaux Métropole »);
//   - a Grand Paris territory's name (« Est Ensemble », « Grand-Orly
//     Seine Bièvre »), alone or after « EPT », « territoire ».
func epciPhrases() map[string][]string {
	out := map[string][]string{}
	add := func(words []string, code string) {
		if len(words) < 2 {
			return
		}
		k := strings.Join(words, " ")
		if !slices.Contains(out[k], code) {
			out[k] = append(out[k], code)
		}
	}
	for _, e := range commune.EPCIs() {
		ws := tokens(parenthesised.ReplaceAllString(e.Name, " "))
		if len(ws) == 0 {
			continue
		}
		add(ws, e.Code)
		var kinds []string
		var name []string
		if k, ok := epciKinds[ws[0]]; ok && len(ws) > 1 && ws[0] != "agglo" && ws[0] != "agglomeration" {
			kinds, name = k, ws[1:]
		} else if k, ok := epciKinds[ws[len(ws)-1]]; ok && len(ws) > 1 {
			kinds, name = k, ws[:len(ws)-1]
		}
		if kinds == nil {
			continue
		}
		for _, k := range kinds {
			kw := strings.Fields(k)
			add(append(slices.Clone(kw), name...), e.Code)
			if ws[0] != name[0] {
				add(append(slices.Clone(name), kw...), e.Code)
			}
			for n := 2; n < len(name); n++ {
				add(append(slices.Clone(kw), name[:n]...), e.Code)
			}
		}
		own := strings.Join(name, " ")
		if len(name) >= 2 && len(commune.ByName(own)) == 0 && commune.DepartementByName(own) == "" && !regionName(own) {
			add(name, e.Code)
		}
	}
	// The Grand Paris's territories: their official name is their own
	// (« Est Ensemble »), typed alone or after their kind.
	for _, e := range commune.EPTs() {
		ws := tokens(e.Name)
		if len(ws) < 2 || len(commune.ByName(strings.Join(ws, " "))) > 0 {
			continue
		}
		add(ws, e.Code)
		for _, k := range eptKinds {
			add(append(strings.Fields(k), ws...), e.Code)
		}
	}
	return out
}

// regionName reports whether words (folded, joined by spaces) name a
// group of départements (departementGroups: Corsica, the régions).
func regionName(words string) bool {
	for name := range departementGroups {
		if strings.Join(tokens(name), " ") == words {
			return true
		}
	}
	return false
}
