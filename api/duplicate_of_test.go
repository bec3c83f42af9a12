package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// publicSurfaces are the paths that serve the published directory to
// anyone: search (actors and services), orientation, every export format
// and HSDS's lists.
var publicSurfaces = []string{
	"/api/v1/search/actors?departement=13&facets=typologies",
	"/api/v1/search/services?departement=13&facets=themes",
	"/api/v1/exports/standard-csv",
	"/api/v1/exports/standard-json",
	"/api/v1/exports/geojson",
	"/api/v1/exports/data-inclusion-structures",
	"/api/v1/exports/data-inclusion-services",
	"/api/v1/exports/quality-csv",
	"/api/hsds/v3/organizations",
	"/api/hsds/v3/services",
	"/api/hsds/v3/service_at_locations",
}

// seenOn returns which of the markers each public surface's answer holds
// (a place's name, or its service's for the formats of services), with
// query appended to each path.
func seenOn(t *testing.T, e *apitest.Env, query string, markers map[string][]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, p := range publicSurfaces {
		path := p
		if query != "" {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			path += sep + query
		}
		r := e.Do(apitest.Request{Method: "GET", Path: path})
		if r.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, r.Code, r.Body)
		}
		body := r.Body.String()
		for who, ms := range markers {
			if slices.ContainsFunc(ms, func(m string) bool { return strings.Contains(body, m) }) {
				out[p] = append(out[p], who)
			}
		}
		slices.Sort(out[p])
	}
	return out
}

// onEvery says that every public surface shows exactly who.
func onEvery(t *testing.T, when string, seen map[string][]string, who ...string) {
	t.Helper()
	for _, p := range publicSurfaces {
		if !slices.Equal(seen[p], who) {
			t.Errorf("%s: %s shows %v, want %v", when, p, seen[p], who)
		}
	}
}

// confirmedPair syncs one place from two sources (the hub's older record,
// France Services' newer one, each with a service) and returns the link's
// id and the two actors' ids, older first.
func confirmedPair(t *testing.T, e *apitest.Env) (link, older, newer string) {
	t.Helper()
	return suggestedPair(t, e, obj{}, obj{})
}

// suggestedPair is confirmedPair with fields added to the hub's record
// (hub) and to France Services' (fs): other hours, say.
func suggestedPair(t *testing.T, e *apitest.Env, hub, fs obj) (link, older, newer string) {
	t.Helper()
	place := func(id, name string) obj {
		extra := hub
		if id == "fs1" {
			extra = fs
		}
		return merge(merge(partnerActor(id, name), obj{"address": obj{"street": "58 cours Belsunce", "postal_code": "13001", "commune": "Marseille"}, "latitude": 43.2996, "longitude": 5.3786}), extra)
	}
	older = syncActors(t, e, "", place("h1", "Médiathèque de l'Alcazar")).Results[0].ID
	syncServices(t, e, "", partnerService("s1", obj{"actor_source_id": "h1", "name": "Atelier du hub"}))
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/france-services/actors", Token: e.Admin,
		Body: obj{"actors": []obj{place("fs1", "Bibliothèque Alcazar")}}})
	if r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	var res syncResult
	r.JSON(&res)
	newer = res.Results[0].ID
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/france-services/services", Token: e.Admin,
		Body: obj{"services": []obj{partnerService("s2", obj{"actor_source_id": "fs1", "name": "Permanence France Services"})}}}); r.Code != 200 {
		t.Fatalf("sync services: %d %s", r.Code, r.Body)
	}
	e.DuplicatesDetected()
	links := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates", Token: e.Admin}).Map()["data"].([]any)
	if len(links) != 1 {
		t.Fatalf("%d links", len(links))
	}
	l := links[0].(map[string]any)
	if str(l["actor_a"].(map[string]any)["id"]) != older || str(l["actor_b"].(map[string]any)["id"]) != newer {
		t.Fatalf("the link's sides are not the records in creation order: %v", l)
	}
	return str(l["id"]), older, newer
}

// detectedAndIndexed waits for duplicate detection, then for the search
// index to apply what detection wrote.
func detectedAndIndexed(t *testing.T, e *apitest.Env) {
	t.Helper()
	e.DuplicatesDetected()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := e.Store.CatchUp(ctx, "search"); err != nil {
		t.Fatal(err)
	}
}

// decide posts a decision on a link as the administrator.
func decide(t *testing.T, e *apitest.Env, link, verb string) {
	t.Helper()
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + link + "/" + verb, Token: e.Admin}); r.Code != 200 {
		t.Fatalf("%s: %d %s", verb, r.Code, r.Body)
	}
}

// A coordinator confirmed that two records are one place: search, the
// exports and HSDS served both, so a person or a reuser's map showed the
// same place twice although the directory knew it was one. A confirmed
// link now shows the place once, in its older record, as the territory
// diagnostic counts it; the newer record stays readable by its id and says
// which record it duplicates. A suggestion changes nothing, a dismissal
// (undoing the confirmation) brings the record back, include_duplicates
// shows both, and so does archiving the older record.
func TestConfirmedDuplicateIsOnePlaceOnPublicSurfaces(t *testing.T) {
	e := apitest.New(t)
	link, older, newer := confirmedPair(t, e)
	markers := map[string][]string{"hub": {"Médiathèque de l'Alcazar", "Atelier du hub"}, "fs": {"Bibliothèque Alcazar", "Permanence France Services"}}

	onEvery(t, "suggested", seenOn(t, e, "", markers), "fs", "hub")
	decide(t, e, link, "confirm")
	onEvery(t, "confirmed", seenOn(t, e, "", markers), "hub")
	onEvery(t, "confirmed, include_duplicates=true", seenOn(t, e, "include_duplicates=true", markers), "fs", "hub")

	// Counts, facets and pages agree with the hits.
	for _, path := range []string{"/api/v1/search/actors?departement=13&facets=typologies&limit=1", "/api/v1/search/services?departement=13&facets=themes&limit=1"} {
		m := get(t, e, path)
		if total(m) != 1 || m["meta"].(map[string]any)["next_cursor"] != nil {
			t.Errorf("%s: total %v, next_cursor %v; want 1 and none", path, total(m), m["meta"].(map[string]any)["next_cursor"])
		}
		for _, f := range m["facets"].([]any) {
			for _, v := range f.(map[string]any)["values"].([]any) {
				if c := v.(map[string]any)["count"].(float64); c != 1 {
					t.Errorf("%s: facet %v counts %v", path, v, c)
				}
			}
		}
	}
	for _, path := range []string{"/api/hsds/v3/organizations", "/api/hsds/v3/services"} {
		if m := get(t, e, path); m["total_items"].(float64) != 1 {
			t.Errorf("%s: total_items %v, want 1", path, m["total_items"])
		}
	}

	// The newer record stays readable by its id, and says which record
	// it duplicates; the older one lists the records it stands for.
	b := get(t, e, "/api/v1/actors/"+newer)
	if b["duplicate_of"] != older || len(b["stands_for"].([]any)) != 0 {
		t.Errorf("newer: duplicate_of %v, stands_for %v; want %s, []", b["duplicate_of"], b["stands_for"], older)
	}
	a := get(t, e, "/api/v1/actors/"+older)
	if a["duplicate_of"] != nil || len(a["stands_for"].([]any)) != 1 || a["stands_for"].([]any)[0] != newer {
		t.Errorf("older: duplicate_of %v, stands_for %v; want null, [%s]", a["duplicate_of"], a["stands_for"], newer)
	}
	for _, path := range []string{"/api/hsds/v3/organizations/" + newer} {
		if r := e.Do(apitest.Request{Method: "GET", Path: path}); r.Code != 200 {
			t.Errorf("GET %s: %d, want 200 (readable by its id)", path, r.Code)
		}
	}
	// Lists keep their behaviour: both, unless exclude_duplicates.
	if m := get(t, e, "/api/v1/actors?departement=13"); total(m) != 2 {
		t.Errorf("/actors: %v, want both records", total(m))
	}

	// The older record archived, the newer one is the place again; its
	// restore hides the newer one again (a link with an archived actor is
	// left out, as lists leave archived records out).
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + older, Token: e.Admin}); r.Code != 200 && r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	detectedAndIndexed(t, e)
	onEvery(t, "the older record archived", seenOn(t, e, "", markers), "fs")
	if b := get(t, e, "/api/v1/actors/"+newer); b["duplicate_of"] != nil {
		t.Errorf("the older record archived: duplicate_of %v, want null", b["duplicate_of"])
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + older + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("restore: %d %s", r.Code, r.Body)
	}
	// Detection compares the restored record again: the link's public
	// score, read as 0 while a side was archived, comes back, and with
	// it what the link hides (a change of both records, which the search
	// index applies a moment later: a follower's write waits for no one).
	detectedAndIndexed(t, e)
	onEvery(t, "the older record restored", seenOn(t, e, "", markers), "hub")

	// Undoing the confirmation brings the record back everywhere.
	decide(t, e, link, "dismiss")
	onEvery(t, "dismissed", seenOn(t, e, "", markers), "fs", "hub")
	if b := get(t, e, "/api/v1/actors/"+newer); b["duplicate_of"] != nil {
		t.Errorf("dismissed: duplicate_of %v, want null", b["duplicate_of"])
	}
}

// Orientation suggests a confirmed place once too. A suggested link shows
// it once as well, naming the other record (TestOrientationSuggestsAPendingPairOnce);
// include_duplicates shows both records, suggested or confirmed.
func TestConfirmedDuplicateIsOneOrientationSuggestion(t *testing.T) {
	e := apitest.New(t)
	link, _, _ := confirmedPair(t, e)
	count := func(all bool) (n, named int) {
		for _, s := range orient(t, e, obj{"include_duplicates": all}) {
			n++
			named += len(s.(map[string]any)["also_listed_as"].([]any))
		}
		return n, named
	}
	if n, named := count(false); n != 1 || named != 1 {
		t.Fatalf("suggested: %d suggestions naming %d other records, want 1 naming 1", n, named)
	}
	if n, _ := count(true); n != 2 {
		t.Fatalf("suggested, include_duplicates: %d suggestions, want both places", n)
	}
	decide(t, e, link, "confirm")
	if n, named := count(false); n != 1 || named != 0 {
		t.Errorf("confirmed: %d suggestions naming %d, want 1 naming none", n, named)
	}
	if n, _ := count(true); n != 2 {
		t.Errorf("confirmed, include_duplicates: %d suggestions, want both records", n)
	}
}

// A link owed to private contacts does not exist for a caller who may not
// see both places' contacts (DuplicateLink.VisibleTo): confirmed, it must
// hide nothing from them. Public surfaces are the same for everyone (and
// kept as such), so such a link hides nothing there, as it counts for
// nothing in the territory diagnostic.
func TestConfirmedDuplicateOwedToPrivateContactsHidesNothing(t *testing.T) {
	e := apitest.New(t)
	var ids [2]string
	for i, a := range []models.Actor{
		{Name: "Médiathèque Alcazar", Source: "dup-a", SourceID: "x"},
		{Name: "Cyberbase Joliette", Source: "dup-b", SourceID: "y"},
	} {
		a.Phones = []string{"04 91 00 00 07"}
		ids[i] = syncAtBelsunce(t, e, a)
	}
	e.DuplicatesDetected()
	links := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates", Token: e.Admin}).Map()["data"].([]any)
	if len(links) != 1 {
		t.Fatalf("%d links", len(links))
	}
	decide(t, e, str(links[0].(map[string]any)["id"]), "confirm")
	markers := map[string][]string{"a": {"Médiathèque Alcazar"}, "b": {"Cyberbase Joliette"}}
	// The two places have no service: the surfaces of places show both.
	for p, who := range seenOn(t, e, "", markers) {
		if !strings.Contains(p, "services") && !strings.Contains(p, "service_at") && !slices.Equal(who, []string{"a", "b"}) {
			t.Errorf("confirmed, owed to private contacts: %s shows %v, want both", p, who)
		}
	}
	if b := get(t, e, "/api/v1/actors/"+ids[1]); b["duplicate_of"] != nil {
		t.Errorf("anonymous: duplicate_of %v, want null (the link does not exist for them)", b["duplicate_of"])
	}
}

// Probe 43: a confirmed link kept hiding its newer record after that record
// moved 400 km away (its address corrected to Angoulême): it stayed out of
// the exports and HSDS behind the Marseille record, duplicate_of still named
// it, and the link still read « même adresse » with the scores of when both
// were at one address. A decision stays, but its scores are today's, and a
// confirmed link that no longer holds (public score under 0.6) hides
// nothing and is not listed to anonymous callers.
func TestConfirmedDuplicateStopsHidingWhenARecordMoves(t *testing.T) {
	e := apitest.New(t)
	// Both records' contacts are public, as in the open data: the link
	// then exists for anyone on its full score too.
	public := obj{"contact_public": true, "phones": []string{"04 91 00 00 00"}}
	link, older, newer := suggestedPair(t, e, public, public)
	decide(t, e, link, "confirm")
	detectedAndIndexed(t, e)
	markers := map[string][]string{"hub": {"Médiathèque de l'Alcazar", "Atelier du hub"}, "fs": {"Bibliothèque Alcazar", "Permanence France Services"}}
	exports := publicSurfaces[2:]
	seen := seenOn(t, e, "", markers)
	for _, p := range exports {
		if !slices.Equal(seen[p], []string{"hub"}) {
			t.Fatalf("confirmed: %s shows %v", p, seen[p])
		}
	}

	moved := merge(merge(partnerActor("fs1", "Bibliothèque Alcazar"), public), obj{"address": obj{"street": "3 place du Marché", "postal_code": "16000", "commune": "Angoulême"}, "latitude": 45.6484, "longitude": 0.1562})
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/france-services/actors", Token: e.Admin,
		Body: obj{"actors": []obj{moved}}}); r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	detectedAndIndexed(t, e)

	seen = seenOn(t, e, "", markers)
	for _, p := range exports {
		if !slices.Equal(seen[p], []string{"fs", "hub"}) {
			t.Errorf("moved: %s shows %v, want both records", p, seen[p])
		}
	}
	if b := get(t, e, "/api/v1/actors/"+newer); b["duplicate_of"] != nil {
		t.Errorf("moved: duplicate_of %v, want null", b["duplicate_of"])
	}
	if a := get(t, e, "/api/v1/actors/"+older); len(a["stands_for"].([]any)) != 0 {
		t.Errorf("moved: the kept record stands for %v, want []", a["stands_for"])
	}
	// The administrator still sees the decision, with today's scores.
	var l map[string]any
	for _, d := range e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?everywhere=true&status=confirmed", Token: e.Admin}).Map()["data"].([]any) {
		if d.(map[string]any)["id"] == link {
			l = d.(map[string]any)
		}
	}
	if l == nil {
		t.Fatalf("moved: the administrator no longer sees the link")
	}
	if l["status"] != "confirmed" || l["score"].(float64) >= 0.6 || l["address_score"].(float64) >= 1 {
		t.Errorf("moved: admin reads %v %v address %v, want confirmed, today's scores", l["status"], l["score"], l["address_score"])
	}
	for _, r := range l["reasons"].([]any) {
		if strings.Contains(fmt.Sprint(r), "même adresse") {
			t.Errorf("moved: the link still reads %v", r)
		}
	}
	// Nobody else sees a link that no longer holds.
	for _, d := range e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?everywhere=true"}).Map()["data"].([]any) {
		if d.(map[string]any)["id"] == link {
			t.Errorf("moved: anonymous callers still see the link: %v", d)
		}
	}
	// The history of the moved record says it is served again.
	h := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + newer + "/history?limit=1", Token: e.Admin})
	ev := h.Map()["data"].([]any)[0].(map[string]any)
	if got := fmt.Sprint(ev["changes"]); !strings.Contains(got, "duplicate_of") || !strings.Contains(got, older) {
		t.Errorf("the moved record's last change is %v, want duplicate_of from %s to null", got, older)
	}
}
