package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// syncAs syncs actors into source as the administrator and returns their
// ids, in order.
func syncAs(t *testing.T, e *apitest.Env, source string, actors ...obj) []string {
	t.Helper()
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/" + source + "/actors", Token: e.Admin, Body: obj{"actors": actors}})
	if r.Code != 200 {
		t.Fatalf("sync %s: %d %s", source, r.Code, r.Body)
	}
	var res syncResult
	r.JSON(&res)
	ids := make([]string, len(res.Results))
	for i, x := range res.Results {
		ids[i] = x.ID
	}
	return ids
}

// post sends body to path with token and wants status.
func post(t *testing.T, e *apitest.Env, token, path string, body any, want int) obj {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: path, Token: token, Body: body})
	if r.Code != want {
		t.Fatalf("POST %s: %d %s, want %d", path, r.Code, r.Body, want)
	}
	return r.Map()
}

// richer are the fields France Services' record of the pair holds and the
// hub's does not (probe 40b H2: « CIJ » with nothing against the record
// with every contact and the hours).
var richer = obj{"phones": []string{"04 91 00 00 00"}, "emails": []string{"alcazar@example.org"}, "contact_public": true,
	"websites": []string{"https://alcazar.example.org"}, "opening_hours": "Mo-Fr 09:00-17:00"}

// Probe 40b H2/M1: a confirmation kept the older record whatever it held,
// and hid the one with the contacts and hours. The link now says, for each
// record, its producer, date and quality score, what it alone holds and
// which one a confirmation keeps by default (the better one); the
// confirmation answers which one it hid; the public surfaces serve the
// kept one; keep chooses another, and a confirmed link may be re-decided.
func TestConfirmKeepsTheBetterRecordByDefault(t *testing.T) {
	e := apitest.New(t)
	link, older, newer := suggestedPair(t, e, obj{}, richer)
	l := get(t, e, "/api/v1/duplicates?status=suggested")["data"].([]any)[0].(map[string]any)
	a, b := l["actor_a"].(map[string]any), l["actor_b"].(map[string]any)
	if l["kept_by_default"] != newer || l["kept"] != nil || l["hidden"] != nil || l["origin"] != "detected" {
		t.Errorf("kept_by_default %v kept %v hidden %v origin %v; want the newer, richer record %s", l["kept_by_default"], l["kept"], l["hidden"], l["origin"], newer)
	}
	if !(b["quality_score"].(float64) > a["quality_score"].(float64)) || b["producer"] != "france-services" {
		t.Errorf("sides: %v / %v", a, b)
	}
	only := func(side map[string]any) []string {
		var out []string
		for _, v := range side["only_here"].([]any) {
			out = append(out, v.(string))
		}
		return out
	}
	if got := only(b); !slices.Equal(got, []string{"phone", "email", "website", "opening_hours"}) || len(only(a)) != 0 {
		t.Errorf("only_here: older %v, newer %v", only(a), got)
	}

	c := post(t, e, e.Admin, "/api/v1/duplicates/"+link+"/confirm", nil, 200)
	if c["kept"] != newer || c["hidden"] != older {
		t.Fatalf("confirm: kept %v hidden %v; want %s, %s", c["kept"], c["hidden"], newer, older)
	}
	detectedAndIndexed(t, e)
	markers := map[string][]string{"hub": {"Médiathèque de l'Alcazar", "Atelier du hub"}, "fs": {"Bibliothèque Alcazar", "Permanence France Services"}}
	onEvery(t, "confirmed, default", seenOn(t, e, "", markers), "fs")
	if x := get(t, e, "/api/v1/actors/"+older); x["duplicate_of"] != newer {
		t.Errorf("older: duplicate_of %v, want %s", x["duplicate_of"], newer)
	}
	// List items say it too (M5).
	for _, v := range get(t, e, "/api/v1/actors?departement=13")["data"].([]any) {
		x := v.(map[string]any)
		if want := map[string]any{older: newer, newer: nil}[str(x["id"])]; x["duplicate_of"] != want {
			t.Errorf("/actors item %v: duplicate_of %v, want %v", x["id"], x["duplicate_of"], want)
		}
	}
	// The export names the kept record's producer (M1).
	csv := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"}).Body.String()
	if !strings.Contains(csv, "france-services") || strings.Contains(csv, "Médiathèque de l'Alcazar") {
		t.Errorf("standard-csv after the confirmation:\n%s", csv)
	}

	// keep: one of the link's records, else 422; another keep re-decides.
	post(t, e, e.Admin, "/api/v1/duplicates/"+link+"/confirm", obj{"keep": models.NewID()}, 422)
	c = post(t, e, e.Admin, "/api/v1/duplicates/"+link+"/confirm", obj{"keep": older}, 200)
	if c["kept"] != older || c["hidden"] != newer {
		t.Fatalf("re-decided: kept %v hidden %v", c["kept"], c["hidden"])
	}
	detectedAndIndexed(t, e)
	onEvery(t, "re-decided, keep the older", seenOn(t, e, "", markers), "hub")
	if x := get(t, e, "/api/v1/actors/"+newer); x["duplicate_of"] != older {
		t.Errorf("newer: duplicate_of %v, want %s", x["duplicate_of"], older)
	}
}

// Probe 40b H1: A≈C and B≈C confirmed left A and B both served (C hidden
// twice). The second confirmation now hides B, which stands for C, so the
// place is served once, in A; keeping B is refused naming the decision in
// the way.
func TestTwoRecordsConfirmedAsAThirdAreOnePlace(t *testing.T) {
	e := apitest.New(t)
	place := func(id, name string) obj {
		return merge(partnerActor(id, name), obj{"address": obj{"street": "58 cours Belsunce", "postal_code": "13001", "commune": "Marseille"}, "latitude": 43.2996, "longitude": 5.3786})
	}
	A := syncAs(t, e, "hub-du-sud", place("a", "Médiathèque de l'Alcazar"))[0]
	B := syncAs(t, e, "france-services", place("b", "Bibliothèque Alcazar"))[0]
	C := syncAs(t, e, "conseiller-numerique", merge(place("c", "Bibliothèque de l'Alcazar"), obj{"contact_public": true, "phones": []string{"04 91 00 00 00"}}))[0]
	e.DuplicatesDetected()
	linkOf := func(x, y string) string {
		for _, v := range get(t, e, "/api/v1/duplicates?actor_id="+x+"&limit=50")["data"].([]any) {
			l := v.(map[string]any)
			if ids := []any{l["actor_a"].(map[string]any)["id"], l["actor_b"].(map[string]any)["id"]}; slices.Contains(ids, any(y)) {
				return str(l["id"])
			}
		}
		t.Fatalf("no link between %s and %s", x, y)
		return ""
	}
	ac, bc := linkOf(A, C), linkOf(B, C)
	post(t, e, e.Admin, "/api/v1/duplicates/"+ac+"/confirm", obj{"keep": A}, 200)
	p := post(t, e, e.Admin, "/api/v1/duplicates/"+bc+"/confirm", obj{"keep": B}, 409)
	if d := str(p["detail"]); !strings.Contains(d, ac) {
		t.Errorf("409 does not name the link in the way (%s): %s", ac, d)
	}
	c := post(t, e, e.Admin, "/api/v1/duplicates/"+bc+"/confirm", nil, 200)
	if c["kept"] != C || c["hidden"] != B {
		t.Fatalf("second confirmation: kept %v hidden %v; want C %s, B %s", c["kept"], c["hidden"], C, B)
	}
	detectedAndIndexed(t, e)
	m := get(t, e, "/api/v1/search/actors?departement=13")
	if total(m) != 1 || m["data"].([]any)[0].(map[string]any)["id"] != A {
		t.Errorf("search after A≈C and B≈C: %v hits, want A alone", total(m))
	}
}

// Probe 40b H1 and M5: a coordinator records a link Carnet did not
// suggest (one source holding a place twice), then confirms it; and
// their review queue is their territory unless they ask for another.
func TestCoordinatorRecordsALinkInTheirTerritory(t *testing.T) {
	e := apitest.New(t)
	// The second record names the place by its acronym at its other door:
	// detection, which compares one source's rows since probe 40b H1,
	// finds no evidence joining them; the coordinator knows better.
	ids := syncAs(t, e, "hub-du-sud", partnerActor("x1", "Foyer laïque"),
		merge(partnerActor("x2", "FLEP"), obj{"address": obj{"street": "14 boulevard National", "postal_code": "13003", "commune": "Marseille", "insee_code": "13055"}}),
		merge(partnerActor("n1", "Mairie de Nice"), obj{"address": obj{"street": "5 rue de l'Hôtel de Ville", "postal_code": "06000", "commune": "Nice"}}))
	x1, x2, nice := ids[0], ids[1], ids[2]
	_, coord := e.Account("coord13@example.org", nil, models.Territory{Departements: []string{"13"}})
	_, nobody := e.Account("nobody@example.org", nil, models.Territory{})

	post(t, e, nobody, "/api/v1/duplicates", obj{"actor_a": x1, "actor_b": x2}, 403)
	post(t, e, coord, "/api/v1/duplicates", obj{"actor_a": x1, "actor_b": x1}, 422)
	p := post(t, e, coord, "/api/v1/duplicates", obj{"actor_a": x1, "actor_b": nice}, 422)
	if !strings.Contains(str(p), "actor_b") {
		t.Errorf("422 does not name actor_b: %v", p)
	}
	l := post(t, e, coord, "/api/v1/duplicates", obj{"actor_a": x2, "actor_b": x1}, 201)
	if l["origin"] != "recorded" || l["status"] != "suggested" || l["actor_a"].(map[string]any)["id"] != x1 {
		t.Errorf("recorded link: %v", l)
	}
	post(t, e, coord, "/api/v1/duplicates", obj{"actor_a": x1, "actor_b": x2}, 409)
	// Detection, run again on both records, neither rescores nor removes it.
	syncAs(t, e, "hub-du-sud", merge(partnerActor("x1", "Foyer laïque"), obj{"summary": "Changé"}))
	e.DuplicatesDetected()
	c := post(t, e, coord, "/api/v1/duplicates/"+str(l["id"])+"/confirm", nil, 200)
	if c["hidden"] == nil {
		t.Errorf("confirm: %v", c)
	}

	// The queue: the coordinator's territory by default.
	list := func(token, query string) []string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates" + query, Token: token})
		if r.Code != http.StatusOK {
			t.Fatalf("list %s: %d %s", query, r.Code, r.Body)
		}
		var out []string
		for _, v := range r.Map()["data"].([]any) {
			out = append(out, str(v.(map[string]any)["id"]))
		}
		return out
	}
	if got := list(coord, ""); len(got) != 1 {
		t.Errorf("coordinator of 13, default: %v", got)
	}
	if got := list(coord, "?departement=06"); len(got) != 0 {
		t.Errorf("departement=06: %v", got)
	}
	if got := list(coord, "?min_score=0&max_score=1&status=confirmed&everywhere=true"); len(got) != 1 {
		t.Errorf("everywhere, confirmed: %v", got)
	}
}
