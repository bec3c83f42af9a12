package api_test

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// The API has one name per concept (README, « API conventions »). Names
// that partners may already use keep working for one version: these tests
// send each new name and its former one and expect the same answer, and
// both names at once to be refused (400 naming the former one).

// get sends an authenticated GET and fails unless it answers want.
func getAs(t *testing.T, e *apitest.Env, token, path string, want int) map[string]any {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: path, Token: token})
	if r.Code != want {
		t.Fatalf("GET %s: %d, want %d: %s", path, r.Code, want, r.Body)
	}
	return r.Map()
}

// sameData fails unless both answers hold the same data.
func sameData(t *testing.T, what string, a, b map[string]any) {
	t.Helper()
	if !reflect.DeepEqual(a["data"], b["data"]) {
		t.Errorf("%s: the new and the former name answer differently:\n%v\n%v", what, a["data"], b["data"])
	}
}

// refusesBoth checks that a renamed parameter and its former name given
// together are refused, naming the former one.
func refusesBoth(t *testing.T, e *apitest.Env, token, path, former string) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: path, Token: token})
	if r.Code != 400 || !hasAll(fields(t, r), former) {
		t.Errorf("GET %s: %d %s, want 400 naming %s", path, r.Code, r.Body, former)
	}
}

func TestConventionsChangeFeed(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Médiathèque"))
	createService(t, e, validService(str(a["id"]), "Atelier"))
	gone := createActor(t, e, validActor("Fermé"))
	e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + str(gone["id"]), Token: e.Admin})

	first := getAs(t, e, "", "/api/v1/changes?limit=2", 200)
	meta := first["meta"].(map[string]any)
	links := first["links"].(map[string]any)
	if meta["has_more"] != true || meta["next_cursor"] == "" || meta["limit"] != float64(2) {
		t.Fatalf("meta: %v", meta)
	}
	next, _ := url.Parse(str(links["next"]))
	if next.Query().Get("cursor") != meta["next_cursor"] || next.Query().Has("after") {
		t.Errorf("links.next %q must carry cursor=%v", links["next"], meta["next_cursor"])
	}
	cur := str(meta["next_cursor"])
	byCursor := getAs(t, e, "", "/api/v1/changes?limit=2&cursor="+cur, 200)
	byAfter := getAs(t, e, "", "/api/v1/changes?limit=2&after="+cur, 200)
	sameData(t, "cursor and after", byCursor, byAfter)
	if got := getAs(t, e, "", str(links["next"]), 200); !reflect.DeepEqual(got["data"], byCursor["data"]) {
		t.Errorf("links.next and cursor answer differently")
	}
	// A follower that kept a link built with the former name still gets
	// links in the new one.
	if n := str(byAfter["links"].(map[string]any)["next"]); strings.Contains(n, "after=") || !strings.Contains(n, "cursor=") {
		t.Errorf("links.next of a page asked with after: %s", n)
	}
	refusesBoth(t, e, "", "/api/v1/changes?cursor=1&after=1", "after")
	for _, bad := range []string{"cursor=-1", "cursor=x", "after=x"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?" + bad})
		if name, _, _ := strings.Cut(bad, "="); r.Code != 400 || !hasAll(fields(t, r), name) {
			t.Errorf("%s: %d %s", bad, r.Code, r.Body)
		}
	}

	// Every entry names its record by entity and entity_id, as history and
	// suggestions do; id is its former name.
	all := getAs(t, e, "", "/api/v1/changes?limit=1000", 200)
	if m := all["meta"].(map[string]any); m["has_more"] != false || m["next_cursor"] == nil {
		t.Errorf("last page of the feed: %v (next_cursor stays set to poll later)", m)
	}
	tombstones := 0
	for _, d := range all["data"].([]any) {
		ce := d.(map[string]any)
		if ce["entity_id"] == nil || ce["entity_id"] != ce["id"] {
			t.Errorf("entry without entity_id, or with an id that differs: %v", ce)
		}
		if ts, ok := ce["tombstone"].(map[string]any); ok {
			tombstones++
			if ts["entity_id"] != gone["id"] || ts["id"] != gone["id"] || ts["entity"] != "actor" {
				t.Errorf("tombstone: %v", ts)
			}
		}
	}
	if tombstones != 1 {
		t.Errorf("%d tombstones, want 1", tombstones)
	}
}

func TestConventionsListEnvelope(t *testing.T) {
	e := apitest.New(t)
	for i := range 3 {
		createActor(t, e, validActor(fmt.Sprintf("Lieu %d", i)))
	}
	// Every list: meta.has_more with next_cursor and links.next, null on
	// the last page; the same envelope as the feeds, plus total.
	path := "/api/v1/actors?limit=2"
	pages := 0
	for path != "" {
		p := getAs(t, e, "", path, 200)
		pages++
		meta, links := p["meta"].(map[string]any), p["links"].(map[string]any)
		more := meta["has_more"] == true
		if more != (meta["next_cursor"] != nil) || more != (links["next"] != nil) || meta["total"] != float64(3) {
			t.Fatalf("page %d: meta %v, links %v", pages, meta, links)
		}
		path = ""
		if more {
			path = str(links["next"])
		}
	}
	if pages != 2 {
		t.Errorf("%d pages of 2 for 3 actors", pages)
	}
	search := getAs(t, e, "", "/api/v1/search/actors?limit=2", 200)
	if m := search["meta"].(map[string]any); m["has_more"] != true || m["next_cursor"] == nil {
		t.Errorf("search meta: %v", m)
	}
}

func TestConventionsReferrals(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	id := w.send(t)
	// The refusal is sent and read back under one name.
	r := w.move(w.memberB, id, "refused", obj{"refusal_reason": "service_full", "refusal_details": "Complet jusqu'en janvier"})
	if r.Code != 200 {
		t.Fatalf("refuse: %d %s", r.Code, r.Body)
	}
	ref := r.Map()
	if ref["refusal_reason"] != "service_full" || ref["refusal_details"] != "Complet jusqu'en janvier" {
		t.Errorf("refusal: %v %v", ref["refusal_reason"], ref["refusal_details"])
	}
	sender := ref["sender"].(map[string]any)
	if ref["sender_id"] != sender["id"] || sender["id"] != w.userA.ID {
		t.Errorf("sender_id %v, sender.id %v", ref["sender_id"], sender["id"])
	}
	var refused map[string]any
	for _, ev := range ref["events"].([]any) {
		if m := ev.(map[string]any); m["status"] == "refused" {
			refused = m
		}
	}
	who, _ := refused["who"].(map[string]any)
	if refused == nil || who["kind"] != "user" || who["id"] != w.userB.ID || refused["actor_id"] != w.b || refused["refusal_reason"] != "service_full" ||
		refused["by_user_id"] != who["id"] || refused["by_actor_id"] != refused["actor_id"] || refused["reason"] != refused["refusal_reason"] {
		t.Errorf("refused event: %v", refused)
	}
	if sent := ref["events"].([]any)[0].(map[string]any); sent["who"].(map[string]any)["label"] != "Camille Martin" {
		t.Errorf("the sender's event names them by their display name (e-mails stay private): %v", sent["who"])
	}

	// The former names of the body: reason and details.
	id2 := w.send(t)
	r = w.move(w.memberB, id2, "refused", obj{"reason": "not_eligible", "details": "Hors secteur"})
	if r.Code != 200 || r.Map()["refusal_reason"] != "not_eligible" || r.Map()["refusal_details"] != "Hors secteur" {
		t.Errorf("refuse with the former names: %d %s", r.Code, r.Body)
	}
	id3 := w.send(t)
	r = w.move(w.memberB, id3, "refused", obj{"reason": "not_eligible", "refusal_reason": "service_full"})
	if r.Code != 400 || !hasAll(fields(t, r), "reason") {
		t.Errorf("both names: %d %s", r.Code, r.Body)
	}

	// The feed: the envelope of every feed, and the former top-level
	// fields for one version.
	feed := getAs(t, e, w.memberA, "/api/v1/referrals/changes?limit=2", 200)
	meta := feed["meta"].(map[string]any)
	if meta["has_more"] != true || feed["has_more"] != true || feed["next_cursor"] != meta["next_cursor"] || feed["links"].(map[string]any)["next"] == nil {
		t.Fatalf("feed envelope: %v", feed)
	}
	cur := str(meta["next_cursor"])
	sameData(t, "cursor and after", getAs(t, e, w.memberA, "/api/v1/referrals/changes?limit=2&cursor="+cur, 200),
		getAs(t, e, w.memberA, "/api/v1/referrals/changes?limit=2&after="+cur, 200))
	refusesBoth(t, e, w.memberA, "/api/v1/referrals/changes?cursor=1&after=1", "after")
	for _, d := range getAs(t, e, w.memberA, "/api/v1/referrals/changes?limit=200", 200)["data"].([]any) {
		if ch := d.(map[string]any); ch["refusal_reason"] != ch["reason"] {
			t.Errorf("change: refusal_reason %v, reason %v", ch["refusal_reason"], ch["reason"])
		}
	}
	since := url.QueryEscape(e.Store.Now().Add(-24 * time.Hour).Format("2006-01-02T15:04:05Z07:00"))
	sameData(t, "updated_since and updated_after", getAs(t, e, w.memberA, "/api/v1/referrals/changes?updated_since="+since, 200),
		getAs(t, e, w.memberA, "/api/v1/referrals/changes?updated_after="+since, 200))
	refusesBoth(t, e, w.memberA, "/api/v1/referrals/changes?updated_since="+since+"&updated_after="+since, "updated_after")

	// Time filters: created_since and created_before everywhere.
	future := url.QueryEscape(e.Store.Now().AddDate(1, 0, 0).Format("2006-01-02T15:04:05Z07:00"))
	for _, c := range []struct{ now, former string }{{"created_since=" + since, "created_after=" + since}, {"created_since=" + future, "created_after=" + future}} {
		a := getAs(t, e, w.memberA, "/api/v1/referrals?"+c.now, 200)
		b := getAs(t, e, w.memberA, "/api/v1/referrals?"+c.former, 200)
		sameData(t, c.now, a, b)
		if want := map[bool]float64{true: 3, false: 0}[strings.Contains(c.now, since)]; a["meta"].(map[string]any)["total"] != want {
			t.Errorf("%s: total %v, want %v", c.now, a["meta"].(map[string]any)["total"], want)
		}
	}
	refusesBoth(t, e, w.memberA, "/api/v1/referrals?created_since="+since+"&created_after="+since, "created_after")
	stats := func(q string) map[string]any {
		return getAs(t, e, e.Admin, "/api/v1/stats/referrals?"+q, 200)
	}
	for _, c := range []struct{ now, former string }{
		{"created_since=" + since, "from=" + since}, {"created_before=" + since, "to=" + since}, {"created_since=" + future, "from=" + future},
	} {
		if a, b := stats(c.now), stats(c.former); !reflect.DeepEqual(a, b) {
			t.Errorf("stats %s and %s differ: %v / %v", c.now, c.former, a, b)
		}
	}
	if stats("created_since=" + since)["total"] != float64(3) || stats("created_before=" + since)["total"] != float64(0) {
		t.Errorf("stats by creation time: %v / %v", stats("created_since="+since), stats("created_before="+since))
	}
	refusesBoth(t, e, e.Admin, "/api/v1/stats/referrals?created_before="+since+"&to="+since, "to")
}

func TestConventionsSnapshotMode(t *testing.T) {
	e := apitest.New(t)
	csv := fmt.Sprintf(exampleCSV, "Un lieu.")
	one := strings.Join(strings.Split(csv, "\n")[:2], "\n") + "\n"
	imp := func(query string) (int, map[string]any) {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/cartographie/import" + query, Token: e.Admin, Body: one, ContentType: "text/csv"})
		if r.Code != 200 {
			return r.Code, nil
		}
		return r.Code, r.Map()
	}
	if code := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/cartographie/import", Token: e.Admin, Body: csv, ContentType: "text/csv"}).Code; code != 200 {
		t.Fatal(code)
	}
	for _, c := range []struct {
		query, mode string
		snapshot    bool
	}{
		{"?dry_run=true", "upsert", false},
		{"?dry_run=true&mode=upsert", "upsert", false},
		{"?dry_run=true&snapshot=false", "upsert", false},
		{"?dry_run=true&mode=snapshot&allow_mass_archive=true", "snapshot", true},
		{"?dry_run=true&snapshot=true&allow_mass_archive=true", "snapshot", true},
		{"?dry_run=true&mode=snapshot&snapshot=true&allow_mass_archive=true", "snapshot", true},
	} {
		code, rep := imp(c.query)
		if code != 200 || rep["mode"] != c.mode || rep["snapshot"] != c.snapshot {
			t.Errorf("%s: %d mode %v snapshot %v", c.query, code, rep["mode"], rep["snapshot"])
			continue
		}
		if archived := rep["actors"].(map[string]any)["archived"]; (archived != float64(0)) != c.snapshot {
			t.Errorf("%s: %v archived", c.query, archived)
		}
	}
	if code, _ := imp("?mode=snapshot&snapshot=false"); code != 400 {
		t.Errorf("mode and snapshot saying otherwise: %d", code)
	}
	// The sync routes answer with the same word.
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/cartographie/actors?mode=snapshot&dry_run=true&allow_mass_archive=true", Token: e.Admin,
		Body: obj{"actors": []obj{partnerActor("lieu-1", "Lieu")}}})
	res := r.Map()
	if r.Code != 200 || res["mode"] != "snapshot" {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	for _, x := range res["results"].([]any) {
		if m := x.(map[string]any); m["entity_id"] != m["id"] {
			t.Errorf("sync result: entity_id %v, id %v", m["entity_id"], m["id"])
		}
	}
}

func TestConventionsWho(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Médiathèque"))["id"])
	author, tok := e.Account("visiteur@example.fr", nil, models.Territory{})
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + a + "/suggestions", Token: tok, Body: obj{"changes": obj{"summary": "Ouvert le samedi"}}})
	if r.Code != 201 {
		t.Fatalf("suggest: %d %s", r.Code, r.Body)
	}
	// Named as others see the author, never by the login e-mail: the
	// author shares no name, hence the neutral label.
	want := map[string]any{"kind": "user", "id": author.ID, "label": models.UnnamedAccountLabel}
	if sg := r.Map(); !reflect.DeepEqual(sg["author"], want) || sg["author_id"] != author.ID {
		t.Errorf("suggestion author: %v (author_id %v)", sg["author"], sg["author_id"])
	}
	list := getAs(t, e, e.Admin, "/api/v1/suggestions", 200)["data"].([]any)
	if len(list) != 1 || !reflect.DeepEqual(list[0].(map[string]any)["author"], want) {
		t.Errorf("listed suggestion: %v", list)
	}
	manager, mtok := e.Account("responsable@example.fr", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	_ = manager
	trail := getAs(t, e, mtok, "/api/v1/actors/"+a+"/trail", 200)["data"].([]any)
	if len(trail) == 0 {
		t.Fatal("empty trail")
	}
	for _, x := range trail {
		ev := x.(map[string]any)
		who := ev["who"].(map[string]any)
		if who["kind"] != ev["who_kind"] || who["id"] != ev["who_id"] || who["label"] != ev["who_label"] {
			t.Errorf("trail event: who %v, who_kind %v who_id %v who_label %v", who, ev["who_kind"], ev["who_id"], ev["who_label"])
		}
	}
}
