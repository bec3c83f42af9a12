package dedup

import (
	"fmt"
	"testing"
)

// crowdedPlaces returns a block as BenchmarkConcurrentWrites (api) makes
// it (there shared is 100, spread 1,600): shared places of a hub and as
// many of a partner at one address of Marseille, a few metres apart,
// spread places of the hub over the département, and the single writes'
// places at the crowded address.
func crowdedPlaces(shared, spread, writes int) []Place {
	var places []Place
	at := func(p Place, lat, lon float64) Place {
		p.Latitude, p.Longitude = &lat, &lon
		return p
	}
	atAddress := func(id, src, name string, i int) Place {
		return at(Place{ID: id, Source: src, Name: name, Street: "2 place du Général de Gaulle", PostalCode: "13001", Commune: "Marseille"},
			43.2965+float64(i%7)*0.00002, 5.3698)
	}
	for i := range shared {
		places = append(places, atAddress(fmt.Sprintf("h%d", i), "hub", fmt.Sprintf("Permanence numérique %d", i), i),
			atAddress(fmt.Sprintf("p%d", i), "partenaire", fmt.Sprintf("Point numérique %d", i), i))
	}
	for i := range spread {
		places = append(places, at(Place{ID: fmt.Sprintf("s%d", i), Source: "hub", Name: fmt.Sprintf("Espace numérique %d", i),
			Street: fmt.Sprintf("%d rue de la République", i+1), PostalCode: "13001", Commune: "Marseille"},
			43.2+float64(i%40)*0.004, 5.3+float64(i/40)*0.004))
	}
	for i := range writes {
		places = append(places, atAddress(fmt.Sprintf("w%d", i), "carnet", fmt.Sprintf("Permanence France Services 0-%d-%d", i%32, i), 0))
	}
	return places
}

// BenchmarkMatchesOfCrowded measures detection's comparisons on the crowded
// address of BenchmarkConcurrentWrites: one op compares each of the 200
// places at the address and 100 written there with the block.
//
//	go test -run '^$' -bench MatchesOfCrowded -benchmem ./models/dedup
func BenchmarkMatchesOfCrowded(b *testing.B) {
	blk := NewBlock(crowdedPlaces(100, 1600, 100))
	var ids []string
	for _, p := range blk.places {
		if p.Street == "2 place du Général de Gaulle" {
			ids = append(ids, p.ID)
		}
	}
	for b.Loop() {
		for _, id := range ids {
			blk.MatchesOf(id)
		}
	}
}
