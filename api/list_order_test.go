package api_test

import (
	"slices"
	"testing"

	"carnet/api/apitest"
)

// TestListsAreSets reproduces the h32 probe's fourth finding: the import
// wrote national_programmes and typologies in the vocabulary's order, REST
// and sync in the order sent (which the sync fingerprint compared), so an
// import and a sync of one place, alternating, made a new version (history,
// change feed, webhook) each time with only a reordering, and a batch
// replayed in another order did not answer unchanged. Every multi-valued
// vocabulary field is a set, stored in the vocabulary's order whatever the
// path; phones, e-mails and websites keep the order sent (the first is the
// one exports give).
func TestListsAreSets(t *testing.T) {
	e := apitest.New(t)
	// Two values of each vocabulary, sent last first.
	values := func(name string) (sent, stored []string) {
		var v struct{ Terms []struct{ Value string } }
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/vocabularies/" + name})
		if r.Code != 200 {
			t.Fatalf("vocabulary %s: %d", name, r.Code)
		}
		r.JSON(&v)
		if len(v.Terms) < 2 {
			t.Fatalf("vocabulary %s: %d terms", name, len(v.Terms))
		}
		a, b := v.Terms[0].Value, v.Terms[len(v.Terms)-1].Value
		return []string{b, a}, []string{a, b}
	}
	actorFields := map[string]string{"typologies": "typologies", "mobility": "mobility", "national_programmes": "national_programmes", "training_labels": "training_labels"}
	serviceFields := map[string]string{"themes": "themes", "publics": "publics", "specific_support": "specific_support", "fees": "fees",
		"access_modes": "access_modes", "accompaniment_modes": "accompaniment_modes", "languages": "languages"}
	lists := func(fields map[string]string, reversed bool) (obj, map[string][]string) {
		body, want := obj{}, map[string][]string{}
		for f, name := range fields {
			sent, stored := values(name)
			if reversed {
				sent = slices.Clone(stored)
			}
			body[f], want[f] = sent, stored
		}
		return body, want
	}
	check := func(t *testing.T, what string, got obj, want map[string][]string) {
		t.Helper()
		for f, w := range want {
			var g []string
			for _, v := range got[f].([]any) {
				g = append(g, v.(string))
			}
			if !slices.Equal(g, w) {
				t.Errorf("%s: %s stored %q, want the vocabulary's order %q", what, f, g, w)
			}
		}
	}
	version := func(path string) float64 {
		return e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}).Map()["version"].(float64)
	}
	// The fields the last version changed (a PATCH that changes nothing
	// still records that someone checked the record).
	lastChanges := func(path string) []string {
		var h struct {
			Data []struct{ Changes []struct{ Field string } }
		}
		e.Do(apitest.Request{Method: "GET", Path: path + "/history", Token: e.Admin}).JSON(&h)
		var out []string
		for _, c := range h.Data[0].Changes {
			out = append(out, c.Field)
		}
		return out
	}
	phones := []string{"+33491000002", "+33491000001"}

	t.Run("actors", func(t *testing.T) {
		body, want := lists(actorFields, false)
		res := syncActors(t, e, "", merge(partnerActor("set-1", "Lieu des listes"), merge(body, obj{"phones": phones})))
		id := res.Results[0].ID
		path := "/api/v1/actors/" + id
		got := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}).Map()
		check(t, "sync", got, want)
		if g := got["phones"].([]any); g[0] != phones[0] {
			t.Errorf("phones reordered: %v", g)
		}
		v := version(path)
		other, _ := lists(actorFields, true)
		if res := syncActors(t, e, "", merge(partnerActor("set-1", "Lieu des listes"), merge(other, obj{"phones": phones}))); res.Results[0].Result != "unchanged" {
			t.Errorf("replay in another order: %s", res.Results[0].Result)
		}
		if got := version(path); got != v {
			t.Errorf("version %v after the replay (was %v)", got, v)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: body, ContentType: "application/merge-patch+json"}); r.Code != 200 {
			t.Fatalf("PATCH: %d %s", r.Code, r.Body)
		}
		if ch := lastChanges(path); len(ch) > 0 {
			t.Errorf("a PATCH of the same sets in another order changed %v", ch)
		}
		created := createActor(t, e, merge(validActor("Lieu REST"), body))
		check(t, "POST", created, want)
	})
	t.Run("services", func(t *testing.T) {
		syncActors(t, e, "", partnerActor("set-2", "Lieu des services"))
		body, want := lists(serviceFields, false)
		res := syncServices(t, e, "", partnerService("svc-1", merge(body, obj{"actor_source_id": "set-2"})))
		if res.Results[0].Result != "created" {
			t.Fatalf("sync service: %+v", res.Results[0])
		}
		path := "/api/v1/services/" + res.Results[0].ID
		check(t, "sync", e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}).Map(), want)
		v := version(path)
		other, _ := lists(serviceFields, true)
		if res := syncServices(t, e, "", partnerService("svc-1", merge(other, obj{"actor_source_id": "set-2"}))); res.Results[0].Result != "unchanged" {
			t.Errorf("replay in another order: %+v", res.Results[0])
		}
		if got := version(path); got != v {
			t.Errorf("version %v after the replay (was %v)", got, v)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: body, ContentType: "application/merge-patch+json"}); r.Code != 200 {
			t.Fatalf("PATCH: %d %s", r.Code, r.Body)
		}
		if ch := lastChanges(path); len(ch) > 0 {
			t.Errorf("a PATCH of the same sets in another order changed %v", ch)
		}
	})
	t.Run("import then sync", func(t *testing.T) {
		row := []obj{{"id": "imp-1", "nom": "Maison France services", "commune": "Gap", "code_postal": "05000", "adresse": "3 rue Colonel Roux",
			"date_maj": "2023-05-01", "services": "Aide aux démarches administratives", "dispositif_programmes_nationaux": "France Services|Conseillers numériques"}}
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub-du-sud/import", Token: e.Admin, Body: row}); r.Code != 200 {
			t.Fatalf("import: %d %s", r.Code, r.Body)
		}
		var page struct{ Data []obj }
		e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=hub-du-sud&name=Maison%20France", Token: e.Admin}).JSON(&page)
		if len(page.Data) != 1 {
			t.Fatalf("imported: %v", page.Data)
		}
		imported := page.Data[0]
		path := "/api/v1/actors/" + str(imported["id"])
		v := version(path)
		// The same record through the sync, its list in the other order.
		rec := obj{}
		for _, f := range []string{"name", "address", "pivot", "producer", "producer_updated_on", "source_id", "typologies", "national_programmes"} {
			rec[f] = imported[f]
		}
		progs := imported["national_programmes"].([]any)
		rec["national_programmes"] = []any{progs[1], progs[0]}
		if res := syncActors(t, e, "", rec); res.Results[0].Result != "unchanged" {
			t.Errorf("sync of the imported record in another order: %+v", res.Results[0])
		}
		if got := version(path); got != v {
			t.Errorf("version %v after the sync (was %v)", got, v)
		}
	})
}
