package handlers

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/vocab"
)

// TestSearchJSONIsTheDeclaredType checks that the hand-assembled answers
// are byte for byte what encoding/json writes for the declared types.
func TestSearchJSONIsTheDeclaredType(t *testing.T) {
	lat, lon, capacity := 43.3, 5.37, 8
	a := &models.Actor{ID: models.NewID(), Name: "Médiathèque « l'Alcazar » & co <b>", Address: models.Address{Street: "58 cours Belsunce", PostalCode: "13001", Commune: "Marseille"},
		Departement: "13", Latitude: &lat, Longitude: &lon, Typologies: models.StringList{"BIB"}, Status: vocab.ActorActive, Version: 3,
		CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), UpdatedAt: time.Now().UTC()}
	s := &models.Service{ID: models.NewID(), ActorID: a.ID, Actor: a, Name: "Atelier \"tablette\"", Kind: vocab.KindCollectiveWorkshop,
		Themes: models.StringList{vocab.ThemeEverydayDigitalTools}, Capacity: &capacity, OnSite: true, Status: vocab.ServicePublished,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, Version: 2}
	var h Handler
	d1, d2 := 1.2, 0.05
	next := "abc"
	meta := SearchMeta{Total: 2, Limit: 20, Sort: "distance", NextCursor: &next, HasMore: true, Partial: true,
		Spellings: []SearchSpelling{{Word: "mediatek", Suggestion: "mediatheque"}}, Places: []SearchPlace{}}
	matches := []SearchMatch{{Word: "impots", How: "related", Field: "themes", Value: vocab.ThemeAdministrativeProcedures, Via: "impôts"}}
	missing := []string{"xyz"}
	links := ListLinks{Self: "/api/v1/search/services?near=1,2&x=<&y=>"}
	facets := []Facet{{Field: "themes", Values: []FacetValue{{Value: vocab.ThemeEverydayDigitalTools, Count: 2}}}}
	dups := []PossibleDuplicate{{ID: models.NewID(), Name: "Villa « Saint » \"Camille\" <b>", Producer: "conseiller-numerique", SameHours: false},
		{ID: models.NewID(), Name: "Autre", Producer: "hub-du-sud", SameHours: true}}
	for _, score := range []float64{0, 12.345, 3} {
		yes, no := true, false
		want := ServiceSearch{Data: []ServiceHit{{Service: newService(s), DistanceKM: &d1, Score: score, Matches: matches, MissingWords: missing, ReferralsPossible: true, PossibleDuplicates: dups},
			{Service: newService(s), DistanceKM: nil, Score: score, Matches: []SearchMatch{}, MissingWords: []string{}, PossibleDuplicates: []PossibleDuplicate{}}},
			Meta: meta, Links: links, Facets: facets}
		got := render(func(c *gin.Context) {
			writeHits(c, []hitJSON{{h.json.service(s), &d1, score, matches, missing, &yes, dups}, {h.json.service(s), nil, score, []SearchMatch{}, []string{}, &no, []PossibleDuplicate{}}}, meta, links, facets)
		})
		if exp := render(func(c *gin.Context) { writeJSON(c, 200, want) }); !bytes.Equal(got, exp) {
			t.Errorf("service search:\n got %s\nwant %s", got, exp)
		}
		wantA := ActorSearch{Data: []ActorHit{{Actor: newActor(a, a.ContactPublic, time.Now()), DistanceKM: &d2, Score: score, Matches: matches, MissingWords: []string{}, PossibleDuplicates: dups}}, Meta: meta, Links: links, Facets: []Facet{}}
		got = render(func(c *gin.Context) {
			writeHits(c, []hitJSON{{h.json.actor(a, time.Now()), &d2, score, matches, []string{}, nil, dups}}, meta, links, []Facet{})
		})
		if exp := render(func(c *gin.Context) { writeJSON(c, 200, wantA) }); !bytes.Equal(got, exp) {
			t.Errorf("actor search:\n got %s\nwant %s", got, exp)
		}
	}
	also := []AlsoListedAs{{ID: s.ID, ActorID: a.ID, Name: a.Name, Producer: "cnfs", ProducerUpdatedOn: optionalDate("2026-11-02"), UpdatedAt: stamp(a.UpdatedAt), HoursDiffer: true}}
	list := OrientationList{Data: []OrientationSuggestion{{Service: newService(s), Score: 83.5, DistanceKM: &d1, Reasons: []OrientationReason{{Code: "free", Text: "Gratuit"}}, AlsoListedAs: also}},
		Meta: OrientationMeta{Matching: 4}}
	got := render(func(c *gin.Context) { writeOrientation(c, [][]byte{h.json.service(s)}, list) })
	if exp := render(func(c *gin.Context) { writeJSON(c, 200, list) }); !bytes.Equal(got, exp) {
		t.Errorf("suggestions:\n got %s\nwant %s", got, exp)
	}
	// A changed row (a new pointer) is encoded again.
	s2 := *s
	s2.Name = "Renommé"
	if bytes.Equal(h.json.service(&s2), h.json.service(s)) {
		t.Error("stale cache entry")
	}
}

func render(fn func(c *gin.Context)) []byte {
	w := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(w)
	fn(c)
	return w.Body.Bytes()
}

// FuzzAppendString checks the hand-written JSON strings of search answers
// against encoding/json (without HTML escaping, as writeJSON).
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "Médiathèque « l'Alcazar » & co <b>", "a\"b\\c", "\x00\x01\b\f\n\r\t\x1f\x7f", "\u2028\u2029", "\xff\xfe", "é\xc3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := SearchMatch{Word: s, How: "exact", Field: s, Value: s + "x", Via: ""}
		if got, want := string(appendMatches(nil, []SearchMatch{m})), string(marshal([]SearchMatch{m})); got != want {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
		if got, want := string(appendStrings(nil, []string{s, s})), string(marshal([]string{s, s})); got != want {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}
