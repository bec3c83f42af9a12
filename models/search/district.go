package search

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"carnet/models/commune"
)

// directions are the compass points people name a city's part by
// (« quartiers nord de Marseille »), as bearings in degrees.
var directions = map[string]float64{"nord": 0, "est": 90, "sud": 180, "ouest": 270}

// districtSep joins a city and a direction in the word cityParts writes
// (« marseille-nord »): no folded query word holds it.
const districtSep = "-"

// cityParts reads a compass point beside a city with arrondissements
// (« quartiers nord de marseille », « nord marseille », « marseille
// sud ») as that part of the city, one word (« marseille-nord ») that
// analyze reads as the postal codes of its arrondissements (see
// districtCodes): « nord » was the Nord and « quartiers » was required,
// and the northern districts' 24 places were missing. « quartier(s) »
// just before the compass point goes with it. A quarter's name
// (cityQuarters) is one such word too, with its city when named beside
// it.
func cityParts(words []string) []string {
	var out []string // nil until a part is read
	for k := 0; k < len(words); k++ {
		w := words[k]
		if q, n, ok := cityQuarter(words[k:], prevWord(words, k)); ok && (k == 0 || !isDigitsOnly(words[k-1])) {
			// After a house number it is a street (« 96 la canebière »).
			if out == nil {
				out = append(make([]string, 0, len(words)), words[:k]...)
			}
			if m := len(out); m > 0 && (out[m-1] == q.cityWord || out[m-1] == "quartier" || out[m-1] == "quartiers") {
				out = out[:m-1] // « marseille noailles », « quartier belle de mai »
			}
			out = append(out, quarterWord(q))
			k += n - 1
			continue
		}
		city := ""
		// « est » is also a verb (« mon père est à marseille »): a
		// compass point only after its city or « quartier(s) ».
		verb := w == "est" && (k == 0 || words[k-1] != "quartier" && words[k-1] != "quartiers")
		if _, dir := directions[w]; dir && !inTerritoryName(words, k) {
			if k+1 < len(words) && arrondissementCities[words[k+1]].code != "" && !verb {
				city = words[k+1]
			} else if k > 0 && arrondissementCities[words[k-1]].code != "" {
				city = words[k-1]
			}
		}
		if city == "" {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(words)), words[:k]...)
		}
		if n := len(out); n > 0 && (out[n-1] == "quartier" || out[n-1] == "quartiers") {
			out = out[:n-1]
		}
		out = append(out, city+districtSep+w)
	}
	if out == nil {
		return words
	}
	return out
}

// territoryNames are the intercommunalities' and Grand Paris territories'
// names as queries write them (epciPhrases), by first word.
var territoryNames = sync.OnceValue(func() map[string][][]string {
	out := map[string][][]string{}
	for name := range epciPhrases() {
		w := strings.Fields(name)
		out[w[0]] = append(out[w[0]], w)
	}
	return out
})

// inTerritoryName reports whether words[k] is a word of a territory's name
// written there (« Paris Ouest La Défense », « Grand Paris Sud Est
// Avenir »): a compass point in it is no part of the city.
func inTerritoryName(words []string, k int) bool {
	for s := max(0, k-4); s <= k; s++ {
		for _, p := range territoryNames()[words[s]] {
			if s+len(p) > k && s+len(p) <= len(words) && slices.Equal(words[s:s+len(p)], p) {
				return true
			}
		}
	}
	return false
}

// districtCodes returns the postal codes of the part of a city a word of
// cityParts names: the arrondissements whose centre lies in that
// direction from the city's centre (within 45°) and at least as far from
// it as the median arrondissement (« nord » of Marseille: the 13th to
// 16th; the 3rd, just north of the Vieux-Port, is the centre), nil for
// any other word.
func districtCodes(w string) []string {
	cityName, dir, ok := strings.Cut(w, districtSep)
	if codes := quarterCodes()[cityName][strings.ReplaceAll(dir, "_", " ")]; ok && codes != nil {
		return codes
	}
	bearing, isDir := directions[dir]
	city := arrondissementCities[cityName]
	if !ok || !isDir || city.code == "" {
		return nil
	}
	centre := commune.ByCode(city.code)
	arrs := commune.Arrondissements(city.code)
	if centre == nil || len(arrs) == 0 {
		return nil
	}
	type arr struct {
		km, bearing float64
		codes       []string
	}
	var all []arr
	var dists []float64
	for _, a := range arrs {
		dy := (a.Lat - centre.Lat) * 111.2
		dx := (a.Lon - centre.Lon) * 111.2 * math.Cos(centre.Lat*math.Pi/180)
		km := math.Hypot(dx, dy)
		b := math.Mod(math.Atan2(dx, dy)*180/math.Pi+360, 360)
		all = append(all, arr{km, b, a.PostalCodes})
		dists = append(dists, km)
	}
	sort.Float64s(dists)
	median := dists[len(dists)/2]
	if len(dists)%2 == 0 {
		median = (dists[len(dists)/2-1] + dists[len(dists)/2]) / 2
	}
	var out []string
	for _, a := range all {
		off := math.Abs(math.Mod(a.bearing-bearing+540, 360) - 180)
		if a.km >= median && off <= 45 {
			out = append(out, a.codes...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// cityQuarters are quarters of the cities with arrondissements as people
// name them (« près du Vieux-Port », « gare Saint-Charles », « la Belle de
// Mai »), with the postal codes of the arrondissements they lie in
// (Marseille's mairies de secteur and INSEE's quartiers): read as those
// postal codes, as a compass point's part of the city is. Only names no
// other place of the city shares and that are not everyday words (« la
// Plaine », « la Rose », « le Panier », « le Merlan » are left out).
var cityQuarters = map[string]map[string][]string{
	"marseille": {
		"vieux port": {"13001", "13002", "13007"}, "saint charles": {"13001", "13003"},
		"canebiere": {"13001"}, "belsunce": {"13001"}, "noailles": {"13001"},
		"joliette": {"13002"}, "belle de mai": {"13003"}, "saint mauront": {"13003"},
		"blancarde": {"13004", "13012"}, "chartreux": {"13004"}, "cinq avenues": {"13004"},
		"endoume": {"13007"}, "bonneveine": {"13008"}, "pointe rouge": {"13008"},
		"mazargues": {"13009"}, "capelette": {"13010"}, "saint barnabe": {"13012"},
		"frais vallon": {"13013"}, "malpasse": {"13013"}, "sainte marthe": {"13014"},
		"aygalades": {"13015"}, "estaque": {"13016"},
	},
}

// quarterAlone is the population from which a commune sharing a
// quarter's name is what the name alone means: Noailles (Oise, 2,877
// inhabitants) is not Marseille's Noailles unless Marseille is named
// beside it; Vieux-Port (Eure, 47) never is the Vieux-Port.
const quarterAlone = 1000

// quarterCodes are cityQuarters and the localities La Poste names inside
// a commune (commune.Localities: « montfavet » is Avignon's 84140, « la
// bocca » Cannes's 06150), under the commune's INSEE code: a published
// table's quarters, read as those of cityQuarters are.
var quarterCodes = sync.OnceValue(func() map[string]map[string][]string {
	out := map[string]map[string][]string{}
	for city, qs := range cityQuarters {
		out[city] = qs
	}
	for _, l := range commune.Localities() {
		if out[l.Commune] == nil {
			out[l.Commune] = map[string][]string{}
		}
		out[l.Commune][l.Name] = append(out[l.Commune][l.Name], l.PostalCode)
	}
	return out
})

// quarter is one entry of quarterCodes as query words write it.
type quarter struct {
	city, key string
	cityWord  string // the city's name as a query writes it (its first word for a locality's)
	words     []string
	alone     bool // read without its city beside it
}

// quarters indexes quarterCodes by first word, built at first use.
var quarters = sync.OnceValue(func() map[string][]quarter {
	out := map[string][]quarter{}
	for city, qs := range quarterCodes() {
		cityWord := city
		if c := commune.ByCode(city); c != nil {
			cityWord = tokens(c.Name)[0]
		}
		for name := range qs {
			alone := true
			for _, c := range commune.ByName(name) {
				alone = alone && (c.Kind != commune.KindCommune || c.Population < quarterAlone)
			}
			w := tokens(name)
			out[w[0]] = append(out[w[0]], quarter{city: city, cityWord: cityWord, key: name, words: w, alone: alone})
		}
	}
	return out
})

// quarterWord is the word cityParts writes for a quarter, one that no
// folded query word holds (« marseille-vieux_port »).
func quarterWord(q quarter) string {
	return q.city + districtSep + strings.ReplaceAll(q.key, " ", "_")
}

// cityQuarter reads the quarter words begin with: the quarter and how many
// words it takes with its city when the city is named just after it; ok
// false when they name none, or name one only beside its city and it is
// not there (before is the word before them).
func cityQuarter(words []string, before string) (q quarter, n int, ok bool) {
	for _, c := range quarters()[words[0]] {
		if !slices.Equal(words[:min(len(c.words), len(words))], c.words) || len(c.words) <= n {
			continue
		}
		l := len(c.words)
		after := l < len(words) && words[l] == c.cityWord
		if !c.alone && !after && before != c.cityWord {
			continue
		}
		q, n, ok = c, l, true
		if after {
			n++
		}
	}
	return q, n, ok
}
