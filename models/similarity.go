package models

import (
	"math"
	"strings"

	"carnet/models/vocab"
)

// Scoring of possible duplicates: two records of different sources that
// describe the same place. Blocking (candidates share a postal code or an
// INSEE code) keeps the comparison cheap; the score then weighs the name,
// the street address and the distance, because each alone misleads: a
// library and a CCAS share a town hall's address, two "Espace numérique"
// are in different towns, and geocoders put whole villages on one point.

// DuplicateThreshold is the score from which two places are linked.
const DuplicateThreshold = 0.7

// Similarity is the comparison of two places.
type Similarity struct {
	Score     float64
	Name      float64
	Address   float64
	DistanceM *float64 // nil when either place has no coordinates
	SamePivot bool
}

// stopWords carry no identity in names and addresses.
var stopWords = map[string]bool{"de": true, "du": true, "des": true, "la": true, "le": true, "les": true, "l": true, "d": true,
	"et": true, "a": true, "au": true, "aux": true, "en": true, "sur": true, "pour": true}

// streetWords folds the usual abbreviations of French street types.
var streetWords = map[string]string{"av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "boul": "boulevard",
	"r": "rue", "pl": "place", "che": "chemin", "ch": "chemin", "chem": "chemin", "rte": "route", "imp": "impasse",
	"all": "allee", "crs": "cours", "sq": "square", "fg": "faubourg", "qu": "quai", "st": "saint", "ste": "sainte"}

func tokens(s string, fold map[string]string) []string {
	var out []string
	for _, w := range strings.Split(vocab.Slugify(s), "-") {
		if w == "" || stopWords[w] {
			continue
		}
		if f, ok := fold[w]; ok {
			w = f
		}
		out = append(out, w)
	}
	return out
}

// jaccard is the share of common tokens.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	set := map[string]bool{}
	for _, w := range a {
		set[w] = true
	}
	inter, union := 0, len(set)
	seen := map[string]bool{}
	for _, w := range b {
		if seen[w] {
			continue
		}
		seen[w] = true
		if set[w] {
			inter++
		} else {
			union++
		}
	}
	return float64(inter) / float64(union)
}

// trigramDice compares character trigrams of the joined tokens: it forgives
// typos and glued words ("mediatheque" / "media-theque") that tokens miss.
func trigramDice(a, b []string) float64 {
	grams := func(t []string) map[string]int {
		s := " " + strings.Join(t, " ") + " "
		m := map[string]int{}
		r := []rune(s)
		for i := 0; i+3 <= len(r); i++ {
			m[string(r[i:i+3])]++
		}
		return m
	}
	ga, gb := grams(a), grams(b)
	na, nb, inter := 0, 0, 0
	for _, n := range ga {
		na += n
	}
	for g, n := range gb {
		nb += n
		inter += min(n, ga[g])
	}
	if na+nb == 0 {
		return 0
	}
	return 2 * float64(inter) / float64(na+nb)
}

func textSimilarity(a, b []string) float64 { return max(jaccard(a, b), trigramDice(a, b)) }

// haversine returns the distance in metres between two WGS84 points.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371000
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// ComparePlaces scores how likely a and b are the same place. The same known
// pivot (SIRET…) is decisive; otherwise the name counts for half, the street
// and the distance for a quarter each (the name for 60% and the street for
// 40% when a place has no coordinates). A name that shares almost nothing
// caps the score below the threshold: two structures at one address are not
// one.
func ComparePlaces(a, b *Actor) Similarity {
	var s Similarity
	s.Name = textSimilarity(tokens(a.Name, nil), tokens(b.Name, nil))
	s.Address = textSimilarity(tokens(a.Address.Street, streetWords), tokens(b.Address.Street, streetWords))
	if a.Latitude != nil && a.Longitude != nil && b.Latitude != nil && b.Longitude != nil {
		d := haversine(*a.Latitude, *a.Longitude, *b.Latitude, *b.Longitude)
		s.DistanceM = &d
	}
	s.SamePivot = a.Pivot != "" && a.Pivot == b.Pivot && a.PivotKind == b.PivotKind
	switch {
	case s.SamePivot:
		s.Score = 1
	case s.DistanceM != nil:
		// 1 within 50 m, 0 from 500 m: geocoding of one address by two
		// sources often differs by tens of metres.
		dist := math.Max(0, math.Min(1, (500-*s.DistanceM)/450))
		s.Score = 0.5*s.Name + 0.25*s.Address + 0.25*dist
	default:
		s.Score = 0.6*s.Name + 0.4*s.Address
	}
	if !s.SamePivot && s.Name < 0.3 {
		s.Score = math.Min(s.Score, DuplicateThreshold-0.01)
	}
	s.Score = math.Round(s.Score*1000) / 1000
	return s
}
