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

// unlinkedPlaces creates, in this order (the older side of a pair is the
// one created first), one actor at the same address under each of names,
// which should share nothing detection weighs, and waits for detection:
// the test then records its own links. Similar names (« Lieu A », « Lieu
// C ») raced with the follower, which suggested the pair first under
// load and the POST answered 409 (CI, session 46).
func unlinkedPlaces(t *testing.T, e *apitest.Env, names ...string) []string {
	t.Helper()
	var ids []string
	for _, n := range names {
		ids = append(ids, str(createActor(t, e, validActor(n))["id"]))
	}
	e.DuplicatesDetected()
	for _, l := range get(t, e, "/api/v1/duplicates?limit=100")["data"].([]any) {
		if l.(map[string]any)["origin"] == "detected" {
			t.Fatalf("detection linked places the test records links between itself: %v", l)
		}
	}
	return ids
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
	ids := unlinkedPlaces(t, e, "Médiathèque Louis Aragon", "Centre social Saint-Mauront", "Cyberbase du Panier", "Point information jeunesse")
	h, k, y, z := ids[0], ids[1], ids[2], ids[3]                                                      // hidden, kept, keeper, stand-in
	post(t, e, e.Admin, "/api/v1/duplicates/"+recordLink(t, e, h, y)+"/confirm", obj{"keep": y}, 200) // h hidden for y
	post(t, e, e.Admin, "/api/v1/duplicates/"+recordLink(t, e, k, z)+"/confirm", obj{"keep": k}, 200) // k kept, z hidden
	pending := recordLink(t, e, h, k)                                                                 // h older, k newer
	// A pending pair of two served records still hides the newer.
	w := unlinkedPlaces(t, e, "Espace public numérique Belsunce")[0]
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

// TestDuplicateOfNamesTheServedRecord (session 41): in a chain — A≈C
// confirmed keeping A, then B≈C confirmed, which hides B since C is
// already hidden — B's duplicate_of named C, itself hidden: a reuser
// following it found a record no public surface serves. duplicate_of now
// names the record serving the place (A) on single reads, list items and
// the feed; stands_for, on the served record, lists every record served
// as it; and a decision that changes what a record of the chain points to
// writes a change of that record too (undoing A≈C: B now stands for C).
func TestDuplicateOfNamesTheServedRecord(t *testing.T) {
	e := apitest.New(t)
	var A, B, C string
	ids := unlinkedPlaces(t, e, "Médiathèque Louis Aragon", "Centre social Saint-Mauront", "Cyberbase du Panier")
	A, B, C = ids[0], ids[1], ids[2]
	ac := recordLink(t, e, A, C)
	post(t, e, e.Admin, "/api/v1/duplicates/"+ac+"/confirm", obj{"keep": A}, 200)
	if c := post(t, e, e.Admin, "/api/v1/duplicates/"+recordLink(t, e, B, C)+"/confirm", nil, 200); c["hidden"] != B {
		t.Fatalf("B≈C confirmed: hidden %v, want B", c["hidden"])
	}
	same := func(label string, want map[string][2]any) {
		t.Helper()
		items := map[string]map[string]any{}
		for _, v := range get(t, e, "/api/v1/actors?limit=100")["data"].([]any) {
			items[str(v.(map[string]any)["id"])] = v.(map[string]any)
		}
		feed := map[string]map[string]any{}
		for _, d := range changes(t, e, "0", 1000).Data {
			if d.Actor != nil {
				feed[d.ID] = d.Actor
			}
		}
		for id, w := range want {
			for where, m := range map[string]map[string]any{"GET": get(t, e, "/api/v1/actors/"+id), "list": items[id], "feed": feed[id]} {
				var sf []string
				for _, x := range m["stands_for"].([]any) {
					sf = append(sf, str(x))
				}
				slices.Sort(sf)
				if m["duplicate_of"] != w[0] || str(sf) != str(w[1]) {
					t.Errorf("%s, %s of %s: duplicate_of %v, stands_for %v; want %v, %v", label, where, id, m["duplicate_of"], sf, w[0], w[1])
				}
			}
		}
	}
	both := []string{B, C}
	slices.Sort(both)
	same("chain", map[string][2]any{A: {nil, both}, B: {A, []string(nil)}, C: {A, []string(nil)}})

	// Undoing A≈C: C serves the place B stands for, and B's record
	// changed (a follower of the feed learns it).
	cursor := changes(t, e, "0", 1000).Meta.NextCursor
	decide(t, e, ac, "dismiss")
	seen := map[string]bool{}
	for _, d := range changes(t, e, cursor, 1000).Data {
		seen[d.ID] = true
	}
	for _, id := range []string{A, B, C} {
		if !seen[id] {
			t.Errorf("undoing A≈C wrote no change of %s", id)
		}
	}
	same("A≈C undone", map[string][2]any{A: {nil, []string(nil)}, B: {C, []string(nil)}, C: {nil, []string{B}}})
}

// TestExcludeDuplicatesKeepsAConfirmationsKeptRecord (session 41,
// verification): a record a coordinator kept by confirming a link (B, kept
// over A) was still left out of the lists with exclude_duplicates when it
// was the newer side of a pending suggestion with another served record
// (F≈B), while search, orientation and the exports served it: the record a
// person chose to keep vanished from the lists. A suggestion weighs less
// than a confirmation: a record that stands for another is never hidden by
// a suggestion.
func TestExcludeDuplicatesKeepsAConfirmationsKeptRecord(t *testing.T) {
	e := apitest.New(t)
	ids := unlinkedPlaces(t, e, "Maison des solidarités", "Centre social Saint-Mauront", "Cyberbase du Panier")
	F, A, B := ids[0], ids[1], ids[2]
	post(t, e, e.Admin, "/api/v1/duplicates/"+recordLink(t, e, A, B)+"/confirm", obj{"keep": B}, 200) // A hidden for B
	recordLink(t, e, F, B)                                                                            // F older, B newer: pending
	for who, token := range map[string]string{"anonymous": "", "admin": e.Admin} {
		got := listed(t, e, token, "exclude_duplicates=true")
		for _, want := range []string{B, F} {
			if !slices.Contains(got, want) {
				t.Errorf("%s: %s not listed with exclude_duplicates=true (B kept by a confirmation, F the older side of a pending link): %v", who, want, got)
			}
		}
		if slices.Contains(got, A) {
			t.Errorf("%s: A, hidden by a confirmation, listed with exclude_duplicates=true", who)
		}
	}
}
