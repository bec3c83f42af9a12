package dedup

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// variedPlaces are places of three sources in two communes a few
// kilometres apart, whose names hold what wordSimilarity reads apart: the
// communes' words, glosses, slashes and colons (alts), acronyms against the
// other's initials, travelling services, and rows of one producer at one
// address.
func variedPlaces() []Place {
	marseille := func(p *Place) { p.InseeCode = "13201" }
	aubagne := func(p *Place) { p.Commune, p.PostalCode, p.InseeCode = "Aubagne", "13400", "13005" }
	names := []struct {
		name, street string
		aubagne      bool
	}{
		{"Mairie de Marseille", "2 quai du Port", false},
		{"Hôtel de ville de Marseille", "2 Quai du Port", false},
		{"Mairie d'Aubagne", "Esplanade Charles de Gaulle", true},
		{"Commune d'Aubagne", "Esplanade du Général de Gaulle", true},
		{"CCAS de Marseille", "2 quai du Port", false},
		{"Centre communal d'action sociale", "2 place de l'Hôtel de Ville", false},
		{"CSCL", "12 rue de Rome", false},
		{"Centre Socio Culturel et de Loisirs", "12 rue de Rome", false},
		{"CCHC", "5 rue Haute", true},
		{"France services Haute Cornouaille", "5 rue Haute", true},
		{"OSPA", "8 cours Belsunce", false},
		{"Office Social Pour l'Accompagnement", "8 cours Belsunce", false},
		{"ASOFT", "3 rue d'Aubagne", false},
		{"Association Solidarité Formation Travail", "3 rue d'Aubagne", false},
		{"DEFI (Défense des Exclus et Insertion)", "9 rue Saint-Ferréol", false},
		{"DEFI", "9 rue St Ferréol", false},
		{"Maison des solidarités / CCAS", "4 place J Jaurès", false},
		{"Maison des solidarités et CCAS de Marseille (Maison France Service)", "4 PL JEAN JAURES", false},
		{"Médiathèque : Alcazar", "58 cours Belsunce", false},
		{"Bibliothèque de l'Alcazar", "58 Cours Belsunce", false},
		{"Bus France Services Aubagne", "Place de la Mairie", true},
		{"France Services itinérante d'Aubagne", "place de la mairie", true},
		{"Espace numérique Aubagne Marseille", "1 avenue des Goums", true},
		{"Médiathèque Marcel Pagnol d'Aubagne", "1 av des Goums", true},
		{"Esp@ce informatique", "7 rue de la République", false},
		{"Espace informatique", "7 rue de la République", false},
	}
	var places []Place
	for i, n := range names {
		for j, src := range []string{"hub", "cnfs", "hub"} {
			lat, lon := 43.2965+float64(i)*0.0003, 5.3698
			if n.aubagne {
				lat, lon = 43.2930+float64(i)*0.0003, 5.4000
			}
			p := with(place(src, n.name, n.street, lat+float64(j)*0.00005, lon), marseille)
			if n.aubagne {
				p = with(p, aubagne)
			}
			p.ID = fmt.Sprintf("%s-%d-%d", src, i, j)
			if j == 2 {
				// The hub's second row of the place, from another
				// producer half the time.
				p.Producer = []string{"", "dora"}[i%2]
				p.Name = strings.ToUpper(p.Name)
			}
			places = append(places, p)
		}
	}
	return places
}

// readingBlocks are the blocks the readings' tests compare in.
func readingBlocks() map[string][]Place {
	return map[string][]Place{"city": cityPlaces(100), "crowded": crowdedPlaces(30, 40, 20), "varied": variedPlaces()}
}

// TestReadingsChangeNoResult: a block reads each place's names, acronym
// runs and street once (readNames, readRuns, parseStreet) and remembers
// the last pair's street and name scores; every comparison must be what
// reading them again for each pair gives, in whatever order the pairs
// come. Each near pair of realistic blocks is compared in a block as it
// is, then in another whose places have no readings, pairs taken in the
// other order, and MatchesOf must find the same matches in both.
func TestReadingsChangeNoResult(t *testing.T) {
	for name, places := range readingBlocks() {
		read, unread := NewBlock(places), NewBlock(places)
		for _, q := range unread.places {
			q.readings = nil
			q.st.square, q.st.surname = nil, nil
		}
		pairs, named := 0, 0
		for _, a := range read.places {
			for _, c := range read.places {
				if a == c || !near(a, c) {
					continue
				}
				got, _ := read.Compare(a.ID, c.ID)
				want, _ := unread.Compare(c.ID, a.ID) // remembered for the other order first
				want, _ = unread.Compare(a.ID, c.ID)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: %s ~ %s with readings %+v, read for the pair %+v", name, a.Name, c.Name, got, want)
				}
				if p, q := read.PublicScore(a.ID, c.ID), unread.PublicScore(a.ID, c.ID); p != q {
					t.Fatalf("%s: %s ~ %s public score %v with readings, %v without", name, a.Name, c.Name, p, q)
				}
				pairs++
				if got.Name > 0 {
					named++
				}
			}
		}
		matches := 0
		for i := range read.places {
			a, c := read.places[i], unread.places[len(unread.places)-1-i]
			if got, want := read.MatchesOf(a.ID), unread.MatchesOf(a.ID); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: %s with readings %+v, read for each pair %+v", name, a.Name, got, want)
			}
			matches += len(unread.MatchesOf(c.ID))
		}
		if pairs == 0 || named == 0 || matches == 0 {
			t.Fatalf("%s exercises nothing: %d pairs, %d with a name similarity, %d matches", name, pairs, named, matches)
		}
		t.Logf("%s: %d pairs compared, %d with a name similarity, %d matches", name, pairs, named, matches)
	}
}

// TestAcronymRunsAsSkippedPerPair: acronymRun reads a name's words as
// readRuns kept them, skipping those whose first letter no word of the
// run's begins with; it must find the runs that skipping the words for
// each pair found (skippedRun, the former reading), for every acronym-like
// word of the blocks' names against every name.
func TestAcronymRunsAsSkippedPerPair(t *testing.T) {
	found, tried := 0, 0
	for name, places := range readingBlocks() {
		b := NewBlock(places)
		var acrs []string
		for _, q := range b.places {
			for _, r := range b.readings(q) {
				for i := range r.ws {
					if a := r.acronym(i); a != "" && !slices.Contains(acrs, a) {
						acrs = append(acrs, a)
					}
				}
			}
		}
		seen := map[string]bool{}
		for _, q := range b.places {
			if key := strings.Join(q.raw, " "); seen[key] {
				continue
			} else {
				seen[key] = true
			}
			for _, acr := range acrs {
				got, ok := acronymRun(acr, &q.runs)
				want, wantOK := skippedRun(acr, q.raw)
				if ok != wantOK || !slices.Equal(got, want) {
					t.Fatalf("%s: %q in %q: %v %v, skipped for the pair %v %v", name, acr, q.raw, got, ok, want, wantOK)
				}
				tried++
				if ok {
					found++
				}
			}
		}
	}
	if found == 0 {
		t.Fatalf("no acronym read in %d tries", tried)
	}
	t.Logf("%d acronyms tried, %d runs found", tried, found)
}

// skippedRun is acronymRun as written before readRuns: the name's words
// skipped for each acronym.
func skippedRun(acr string, raw []string) ([]string, bool) {
	run := func(acr string, skip map[string]bool, spells func(string, []string) (int, bool)) ([]string, bool) {
		var kept []string
		for _, w := range raw {
			if !skip[w] && w != "" {
				kept = append(kept, w)
			}
		}
		for start := range kept {
			if kept[start][0] != acr[0] {
				continue
			}
			if n, ok := spells(acr, kept[start:]); ok {
				return slices.Clone(kept[start : start+n]), true
			}
		}
		return nil, false
	}
	for _, skip := range []map[string]bool{stopWords, articles} {
		if r, ok := run(acr, skip, spell); ok {
			return r, true
		}
	}
	if r, ok := run(acr, elisions, spellInitials); ok {
		return r, true
	}
	for _, pre := range intercommunalityLetters {
		if rest, ok := strings.CutPrefix(acr, pre); ok && len(rest) >= 2 {
			if r, ok := run(rest, stopWords, spell); ok && len(r) >= 2 {
				return r, true
			}
		}
	}
	return nil, false
}

// TestHaversineAsBefore: distances computed with each place's cosine of its
// latitude (haversineCos) are those the former haversine computed, to the
// bit, across France and its overseas départements.
func TestHaversineAsBefore(t *testing.T) {
	before := func(lat1, lon1, lat2, lon2 float64) float64 {
		const r = 6371000
		p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
		dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
		h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
		return 2 * r * math.Asin(math.Sqrt(h))
	}
	rng := rand.New(rand.NewPCG(47, 2026))
	for range 20000 {
		lat1, lon1 := -22+rng.Float64()*73, -62+rng.Float64()*118
		lat2, lon2 := lat1+(rng.Float64()-0.5)*rng.Float64()*0.2, lon1+(rng.Float64()-0.5)*rng.Float64()*0.2
		a, c := prepare(&Place{Latitude: &lat1, Longitude: &lon1}), prepare(&Place{Latitude: &lat2, Longitude: &lon2})
		if got, _ := distance(a, c); got != before(lat1, lon1, lat2, lon2) {
			t.Fatalf("(%v, %v) to (%v, %v): %v, before %v", lat1, lon1, lat2, lon2, got, before(lat1, lon1, lat2, lon2))
		}
	}
}
