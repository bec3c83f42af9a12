package api_test

import (
	"slices"
	"testing"

	"carnet/api/apitest"
)

// recordLink records a link between two records as the administrator and
// returns its id.
func recordLink(t *testing.T, e *apitest.Env, a, b string) string {
	t.Helper()
	return str(post(t, e, e.Admin, "/api/v1/duplicates", obj{"actor_a": a, "actor_b": b}, 201)["id"])
}

// listed returns the ids /api/v1/actors lists with query, to token's
// holder ("" anonymous).
func listed(t *testing.T, e *apitest.Env, token, query string) []string {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?limit=100&" + query, Token: token})
	if r.Code != 200 {
		t.Fatalf("list: %d %s", r.Code, r.Body)
	}
	var ids []string
	for _, v := range r.Map()["data"].([]any) {
		ids = append(ids, str(v.(map[string]any)["id"]))
	}
	return ids
}

// TestExcludeDuplicatesKeepsAServedRecord (session 41, seen on Mansle,
// Charente): exclude_duplicates=true on the lists hid the newer side of
// every pending pair, so a record a confirmation keeps vanished when it
// was the newer side of a suggested link with a record itself hidden by
// another confirmation — the list then showed the place nowhere. Search,
// orientation and the exports first leave the hidden records out, then a
// suggested link only weighs between served records; the lists now follow
// that rule.
func TestExcludeDuplicatesKeepsAServedRecord(t *testing.T) {
	e := apitest.New(t)
	ids := map[string]string{}
	for _, n := range []string{"hidden", "kept", "keeper", "standin"} {
		ids[n] = str(createActor(t, e, validActor("Lieu "+n))["id"])
	}
	h, k, y, z := ids["hidden"], ids["kept"], ids["keeper"], ids["standin"]
	post(t, e, e.Admin, "/api/v1/duplicates/"+recordLink(t, e, h, y)+"/confirm", obj{"keep": y}, 200) // h hidden for y
	post(t, e, e.Admin, "/api/v1/duplicates/"+recordLink(t, e, k, z)+"/confirm", obj{"keep": k}, 200) // k kept, z hidden
	pending := recordLink(t, e, h, k)                                                                 // h older, k newer
	// A pending pair of two served records still hides the newer.
	w := str(createActor(t, e, validActor("Lieu w"))["id"])
	recordLink(t, e, y, w)

	for who, token := range map[string]string{"anonymous": "", "admin": e.Admin} {
		got := listed(t, e, token, "exclude_duplicates=true")
		for _, want := range []string{k, y} {
			if !slices.Contains(got, want) {
				t.Errorf("%s: %s (a served record) not listed with exclude_duplicates=true (pending link %s with a hidden record)", who, want, pending)
			}
		}
		for _, gone := range []string{h, z, w} {
			if slices.Contains(got, gone) {
				t.Errorf("%s: %s listed with exclude_duplicates=true", who, gone)
			}
		}
		if all := listed(t, e, token, ""); len(all) != 5 {
			t.Errorf("%s, without the parameter: %d records, want 5", who, len(all))
		}
	}
	// The services of the kept record are listed too.
	sv := str(createService(t, e, obj{"actor_id": k, "name": "Atelier", "kind": "procedures_done_with", "status": "published",
		"themes": []string{"Aide aux démarches administratives"}})["id"])
	found := false
	for _, v := range get(t, e, "/api/v1/services?limit=100&exclude_duplicates=true")["data"].([]any) {
		found = found || v.(map[string]any)["id"] == sv
	}
	if !found {
		t.Errorf("the kept record's service is not listed with exclude_duplicates=true")
	}
}
