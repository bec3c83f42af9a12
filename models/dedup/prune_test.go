package dedup

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestMatchesOfSkipsOnlyWhatCannotMatch: MatchesOf skips the name
// comparison of candidates whose score could not reach the threshold even
// with the same name; it must find exactly what comparing everything finds,
// with the same scores and reasons in the same order. Places of two sources
// in one city, many of them copies of each other with the variations
// producers make (names, street wording, numbers, coordinates, shared
// phones and SIRENs).
func TestMatchesOfSkipsOnlyWhatCannotMatch(t *testing.T) {
	b := NewBlock(cityPlaces(260))
	skipped, found := 0, 0
	for _, a := range b.places {
		var want []Match
		for _, c := range b.places {
			if c.ID == a.ID || !near(a, c) || !b.candidates(a, c) {
				continue
			}
			full := referenceCompare(b, a, c)
			if got := b.compare(a, c); !reflect.DeepEqual(got, full) {
				t.Fatalf("%s ~ %s: compare %+v, reference %+v", a.ID, c.ID, got, full)
			}
			pruned, ok := b.compareAbove(a, c, Threshold)
			switch {
			case !ok && full.Score >= Threshold:
				t.Fatalf("%s ~ %s skipped, but scores %.3f: %+v", a.ID, c.ID, full.Score, full)
			case !ok:
				skipped++
			case !reflect.DeepEqual(full, pruned):
				t.Fatalf("%s ~ %s: compared everything %+v, pruned %+v", a.ID, c.ID, full, pruned)
			}
			if full.Score >= Threshold {
				want = append(want, Match{A: a.ID, B: c.ID, Result: full})
			}
		}
		got := b.MatchesOf(a.ID)
		if len(got) != len(want) {
			t.Fatalf("%s: MatchesOf found %d, comparing everything %d", a.ID, len(got), len(want))
		}
		found += len(got)
	}
	if skipped == 0 || found == 0 {
		t.Fatalf("the block exercises nothing: %d skipped, %d found", skipped, found)
	}
	t.Logf("%d name comparisons skipped, %d matches found", skipped, found)
}

// TestDistanceLabels: the labels of reasons, written with strconv, read as
// they did with fmt.
func TestDistanceLabels(t *testing.T) {
	for _, d := range []float64{0, 0.4, 0.5, 1.5, 40, 40.49, 999.4, 999.5, 1000, 1049, 1050, 12345.6, 2.5e6} {
		want := fmt.Sprintf("%.0f m", d)
		if d >= 1000 {
			want = strings.Replace(fmt.Sprintf("%.1f", d/1000), ".", ",", 1) + " km"
		}
		if got := distanceLabel(d); got != want {
			t.Errorf("distanceLabel(%v) = %q, want %q", d, got, want)
		}
	}
}

// referenceCompare is the comparison as written before compareAbove: every
// part into one result, in order.
func referenceCompare(b *Block, a, c *prepared) Result {
	var r Result
	r.Name = b.nameSimilarity(a, c, &r)
	if r.Name < hostName && housesFranceServices(a, c) {
		switch {
		case addressAgrees(a, c):
			r.Name = hostName
			r.Reasons = append(r.Reasons, Reason{"france_services_host", "France Services à la même adresse"})
		case b.ownContacts(a, c):
			r.Name = hostName
			r.Reasons = append(r.Reasons, Reason{"france_services_contacts", "France Services aux mêmes téléphone et courriel"})
		}
	}
	if r.Name < hostName && a.franceServices && c.franceServices && !a.mobile && !c.mobile && numberedAddress(a, c) {
		r.Name = hostName
		r.Reasons = append(r.Reasons, Reason{"france_services_address", "deux France Services à la même adresse"})
	}
	if r.Name > annexName && placeAgreement(a, c, nil) < sameStreetPlace && b.nameOfSeveralSites(a, c) {
		r.Name = annexName
		r.Reasons = append(r.Reasons, Reason{"name_of_several_sites", "nom donné à plusieurs lieux de la commune par une source"})
	}
	if placeAgreement(a, c, nil) > 0 && b.contactsElsewhere(a, c) {
		r.Place = 0
		contactsElsewhereNote(a, c, &r)
	} else {
		r.Place = placeAgreement(a, c, &r)
	}
	if n := b.digitalSpaceName(a, c); r.Place < oneAddress && n > 0 {
		r.Name, r.Place = max(r.Name, n), oneAddress
		label := "espace numérique nommé d'après la structure, au même point"
		if sameOrNextHouse(a, c) {
			label = "espace numérique nommé d'après la structure, même adresse ou numéro voisin"
		}
		r.Reasons = append(r.Reasons, Reason{"digital_space_next_door", label})
	}
	if r.Name >= 0.999 && r.Place < namesakePlace && b.onlyNamesakes(a, c) {
		r.Place = namesakePlace
		r.Reasons = append(r.Reasons, Reason{"namesake", "seul lieu de ce nom dans la commune de part et d'autre"})
	}
	r.Identity = b.identity(a, c, r.Place >= oneAddress, &r)
	s := weightName*r.Name + weightPlace*r.Place + weightIdentity*r.Identity
	if a.siren != "" && c.siren != "" && a.siren != c.siren {
		s -= penaltyOtherSIREN
		r.Reasons = append(r.Reasons, Reason{"other_siren", "SIREN différents"})
	}
	r.Score = math.Round(math.Max(0, math.Min(1, s))*1000) / 1000
	return r
}

// cityPlaces returns about 4n/3 places of two sources in one postal code,
// many of them copies of each other with the variations producers make.
func cityPlaces(n int) []Place {
	rng := rand.New(rand.NewPCG(11, 2026))
	kinds := []string{"Médiathèque", "Bibliothèque", "Espace numérique", "Centre social", "Maison France Services", "CCAS", "EPN", "Point numérique"}
	names := []string{"Alcazar", "Castellane", "Joliette", "Noailles", "Belsunce", "Saint-Charles", "Opéra", "Panier", "Réformés", "Chapitre"}
	streets := []string{"cours Belsunce", "rue de Rome", "boulevard des Dames", "rue d'Aubagne", "place du Général de Gaulle", "rue de la République", "route de la Joliette"}
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	var places []Place
	for i := range n {
		src := []string{"hub", "cnfs"}[i%2]
		own := pick(names)
		p := Place{ID: fmt.Sprintf("%s-%d", src, i), Source: src, Name: pick(kinds) + " " + own,
			Street: fmt.Sprintf("%d %s", 1+rng.IntN(12), pick(streets)), PostalCode: "13001", Commune: "Marseille"}
		if rng.IntN(4) > 0 {
			p.Latitude, p.Longitude = at(43.296+rng.Float64()*0.01, 5.37+rng.Float64()*0.01)
		}
		if rng.IntN(5) == 0 {
			p.Phones = []string{fmt.Sprintf("+3349100000%d", rng.IntN(10))}
		}
		if rng.IntN(6) == 0 {
			p.Pivot, p.PivotKind = fmt.Sprintf("21130055%d00017", rng.IntN(3)), "siret"
		}
		places = append(places, p)
		if rng.IntN(3) == 0 { // a copy from the other source
			q := p
			q.ID, q.Source = fmt.Sprintf("copy-%d", i), map[string]string{"hub": "cnfs", "cnfs": "hub"}[src]
			if rng.IntN(2) == 0 {
				q.Name = pick(kinds) + " " + own
			}
			if q.Latitude != nil && rng.IntN(2) == 0 {
				q.Latitude = new(*q.Latitude + 0.0004)
			}
			places = append(places, q)
		}
	}
	return places
}

// BenchmarkMatchesOf measures detection's comparisons in a city block: one
// op compares every place of 1,300 with the others.
//
//	go test -run '^$' -bench MatchesOf -benchmem ./models/dedup
func BenchmarkMatchesOf(b *testing.B) {
	blk := NewBlock(cityPlaces(1000))
	for b.Loop() {
		for _, p := range blk.places {
			blk.MatchesOf(p.ID)
		}
	}
}

// TestYieldChangesNoMatch: MatchesOf calls Block.Yield between candidates
// (detection gives the CPU to waiting writes there), and finds the same
// matches with it as without.
func TestYieldChangesNoMatch(t *testing.T) {
	b := NewBlock(cityPlaces(260))
	var plain [][]Match
	for _, a := range b.places {
		plain = append(plain, b.MatchesOf(a.ID))
	}
	yields := 0
	b.Yield = func() { yields++ }
	for i, a := range b.places {
		if got := b.MatchesOf(a.ID); !reflect.DeepEqual(got, plain[i]) {
			t.Fatalf("%s: with Yield %+v, without %+v", a.ID, got, plain[i])
		}
	}
	if yields == 0 {
		t.Fatal("MatchesOf never yielded")
	}
}
