package api_test

import (
	"slices"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// Hours of the two records of one place, as probe 39b found them for the
// Villa Saint Camille in Cannes (M2): open on Monday morning in one
// source, closed then in the other.
const (
	hubHours = "Mo-Fr 09:00-12:00,13:00-17:00"
	fsHours  = "Tu-Fr 09:00-12:30,13:30-17:00; Mo 13:30-19:00"
)

// orient posts a situation near the pair of suggestedPair, body's fields
// added, and returns the suggestions.
func orient(t *testing.T, e *apitest.Env, extra obj) []any {
	t.Helper()
	body := merge(obj{"needs": []string{"Aide aux démarches administratives"},
		"place": obj{"latitude": 43.2996, "longitude": 5.3786}}, extra)
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: body})
	if r.Code != 200 {
		t.Fatalf("orientation: %d %s", r.Code, r.Body)
	}
	return r.Map()["data"].([]any)
}

// suggestedActor is the actor id of a suggestion.
func suggestedActor(s any) string {
	return str(s.(map[string]any)["service"].(map[string]any)["actor_id"])
}

func reasonCodes(s any) []string {
	var out []string
	for _, r := range s.(map[string]any)["reasons"].([]any) {
		out = append(out, str(r.(map[string]any)["code"]))
	}
	return out
}

// Probe 39b M2: one place, held by two sources (a suggested duplicate
// link nobody decided yet), was suggested twice in a short list, with
// other hours, so a person did not know whether it opens on Monday
// morning. Orientation now suggests it once, in its better-ranked
// record, naming the other record and saying that the hours differ;
// include_duplicates shows both, and a dismissal makes them two places.
func TestOrientationSuggestsAPendingPairOnce(t *testing.T) {
	e := apitest.New(t)
	link, older, newer := suggestedPair(t, e, obj{"opening_hours": hubHours}, obj{"opening_hours": fsHours, "producer_updated_on": "2026-11-02"})

	got := orient(t, e, nil)
	if len(got) != 1 {
		t.Fatalf("%d suggestions, want the place once: %v", len(got), got)
	}
	kept := suggestedActor(got[0])
	other := newer
	if kept == newer {
		other = older
	}
	also := got[0].(map[string]any)["also_listed_as"].([]any)
	if len(also) != 1 {
		t.Fatalf("also_listed_as %v, want the other record", also)
	}
	a := also[0].(map[string]any)
	otherActor := get(t, e, "/api/v1/actors/"+other)
	if a["actor_id"] != other || a["name"] != otherActor["name"] || a["producer"] != otherActor["producer"] ||
		a["producer_updated_on"] != otherActor["producer_updated_on"] || a["updated_at"] != otherActor["updated_at"] || a["hours_differ"] != true {
		t.Errorf("also_listed_as %v; want the other record (%v) with hours_differ true", a, otherActor)
	}
	if !slices.Contains(reasonCodes(got[0]), "hours_differ") {
		t.Errorf("reasons %v: the hours differ between the sources, say so", got[0].(map[string]any)["reasons"])
	}

	if both := orient(t, e, obj{"include_duplicates": true}); len(both) != 2 {
		t.Errorf("include_duplicates: %d suggestions, want both records", len(both))
	}

	decide(t, e, link, "dismiss")
	detectedAndIndexed(t, e)
	both := orient(t, e, nil)
	if len(both) != 2 {
		t.Fatalf("dismissed: %d suggestions, want two places", len(both))
	}
	for _, s := range both {
		if n := len(s.(map[string]any)["also_listed_as"].([]any)); n != 0 || slices.Contains(reasonCodes(s), "hours_differ") {
			t.Errorf("dismissed: %v still names a duplicate", s)
		}
	}
}

// Search keeps both records of a pending pair, on their pages, with the
// same counts; each hit names the other (possible_duplicates) so that a
// map or an app can group them, with whether their hours agree.
func TestSearchHitsNamePossibleDuplicates(t *testing.T) {
	e := apitest.New(t)
	link, older, newer := suggestedPair(t, e, obj{"opening_hours": hubHours}, obj{"opening_hours": fsHours})
	names := map[string]string{older: "Médiathèque de l'Alcazar", newer: "Bibliothèque Alcazar"}
	other := map[string]string{older: newer, newer: older}

	for _, path := range []string{"/api/v1/search/services?near=43.2996,5.3786&radius_km=5", "/api/v1/search/actors?near=43.2996,5.3786&radius_km=5"} {
		m := get(t, e, path)
		if total(m) != 2 {
			t.Fatalf("%s: total %v, want both records", path, total(m))
		}
		for _, h := range m["data"].([]any) {
			hit := h.(map[string]any)
			self := str(hit["id"])
			if _, ok := hit["actor_id"]; ok {
				self = str(hit["actor_id"])
			}
			pd := hit["possible_duplicates"].([]any)
			if len(pd) != 1 {
				t.Fatalf("%s: %s possible_duplicates %v, want the other record", path, self, pd)
			}
			d := pd[0].(map[string]any)
			if d["id"] != other[self] || d["name"] != names[other[self]] || d["producer"] != "hub-du-sud" && d["producer"] != "france-services" || d["same_hours"] != false {
				t.Errorf("%s: %s possible_duplicates %v, want %s with same_hours false", path, self, d, other[self])
			}
		}
		// Pages and counts are unchanged.
		page := get(t, e, path+"&limit=1")
		if total(page) != 2 || len(page["data"].([]any)) != 1 || page["meta"].(map[string]any)["next_cursor"] == nil {
			t.Errorf("%s&limit=1: total %v, %d hits, next_cursor %v", path, total(page), len(page["data"].([]any)), page["meta"].(map[string]any)["next_cursor"])
		}
	}

	decide(t, e, link, "dismiss")
	detectedAndIndexed(t, e)
	for _, h := range get(t, e, "/api/v1/search/services?near=43.2996,5.3786&radius_km=5")["data"].([]any) {
		if pd := h.(map[string]any)["possible_duplicates"].([]any); len(pd) != 0 {
			t.Errorf("dismissed: possible_duplicates %v, want []", pd)
		}
	}
}

// A suggested link owed to contacts that are not public does not exist for
// anyone (DuplicateLink.VisibleTo): search, the same for every caller,
// must not name it, or it would tell that two places share a private
// phone.
func TestPossibleDuplicatesLeaveOutLinksOwedToPrivateContacts(t *testing.T) {
	e := apitest.New(t)
	for _, a := range []models.Actor{
		{Name: "Médiathèque Alcazar", Source: "dup-a", SourceID: "x"},
		{Name: "Cyberbase Joliette", Source: "dup-b", SourceID: "y"},
	} {
		a.Phones = []string{"04 91 00 00 07"}
		syncAtBelsunce(t, e, a)
	}
	detectedAndIndexed(t, e)
	if links := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates", Token: e.Admin}).Map()["data"].([]any); len(links) != 1 {
		t.Fatalf("%d links, want the one owed to the phone", len(links))
	}
	m := get(t, e, "/api/v1/search/actors?commune=Marseille")
	if total(m) != 2 {
		t.Fatalf("total %v, want both places", total(m))
	}
	for _, h := range m["data"].([]any) {
		if pd := h.(map[string]any)["possible_duplicates"].([]any); len(pd) != 0 {
			t.Errorf("%v: possible_duplicates %v, want [] (the link exists for nobody here)", h.(map[string]any)["name"], pd)
		}
	}
}
