package search

import (
	"math"
	"slices"
	"sort"
	"strings"

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
// just before the compass point goes with it.
func cityParts(words []string) []string {
	var out []string // nil until a part is read
	for k := 0; k < len(words); k++ {
		w := words[k]
		city := ""
		// « est » is also a verb (« mon père est à marseille »): a
		// compass point only after its city or « quartier(s) ».
		verb := w == "est" && (k == 0 || words[k-1] != "quartier" && words[k-1] != "quartiers")
		if _, dir := directions[w]; dir {
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

// districtCodes returns the postal codes of the part of a city a word of
// cityParts names: the arrondissements whose centre lies in that
// direction from the city's centre (within 45°) and at least as far from
// it as the median arrondissement (« nord » of Marseille: the 13th to
// 16th; the 3rd, just north of the Vieux-Port, is the centre), nil for
// any other word.
func districtCodes(w string) []string {
	cityName, dir, ok := strings.Cut(w, districtSep)
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
