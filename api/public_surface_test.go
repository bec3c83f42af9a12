package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// What the public sees: drafts, hidden contacts and suggestions move no
// public surface (records, ETags, quality, the feed) until published, and
// personalised reads say so to caches.

// TestArchivedDraftsStayPrivate: archiving a service sets its status to
// archived, so the rule « drafts only for those who may see them » no longer
// recognised a draft once archived: ?include_archived=true showed anyone
// the whole draft (name, description…) of an archived service, and of every
// draft of an archived actor. A service archived while published is still
// listed as before.
func TestArchivedDraftsStayPrivate(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Maison Quillan"))["id"])
	draft := str(createService(t, e, merge(validService(a, "Projet confidentiel xylophone"), obj{"status": "draft"}))["id"])
	cascade := str(createService(t, e, merge(validService(a, "Brouillon tromblon"), obj{"status": "draft"}))["id"])
	published := str(createService(t, e, merge(validService(a, "Atelier public"), obj{"status": "published"}))["id"])
	_, member := e.Account("agent@example.fr", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	_, stranger := e.Account("voisin@example.fr", nil, models.Territory{})
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + draft, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	// Restored and archived again: the last archiving decides.
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + published, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + published + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + a, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	ids := func(tok string) map[string]bool {
		return listedServices(t, e, tok, "include_archived=true&limit=100")
	}
	for who, tok := range map[string]string{"anonymous": "", "another account": stranger} {
		got := ids(tok)
		if got[draft] || got[cascade] {
			t.Errorf("%s sees archived drafts: %v", who, got)
		}
		if !got[published] {
			t.Errorf("%s no longer sees the tombstone of a published service", who)
		}
	}
	for who, tok := range map[string]string{"member": member, "administrator": e.Admin} {
		if got := ids(tok); !got[draft] || !got[cascade] || !got[published] {
			t.Errorf("%s does not see its archived services: %v", who, got)
		}
	}
	// Read one by one: an archived draft's 410 said to anyone that the id
	// exists; those who may not see drafts get the 404 a draft gives.
	for who, tc := range map[string]struct {
		tok  string
		want map[string]int
	}{
		"anonymous":       {"", map[string]int{draft: 404, cascade: 404, published: 410}},
		"another account": {stranger, map[string]int{draft: 404, cascade: 404, published: 410}},
		"member":          {member, map[string]int{draft: 410, cascade: 410, published: 410}},
	} {
		for id, code := range tc.want {
			if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + id, Token: tc.tok}); r.Code != code {
				t.Errorf("%s GET %s: %d, want %d", who, id, r.Code, code)
			}
		}
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + draft + "/restore", Token: stranger}); r.Code != 404 {
		t.Errorf("another account restoring an archived draft: %d, want 404", r.Code)
	}
}

// TestPersonalisedPublicReadsVary: a public read answers more with a token
// (a structure's drafts, its private phones and e-mails in the change
// feed); caches must be told the answer depends on Authorization, as the
// actor routes already did, or a shared cache could hand a member's answer
// to the next anonymous reader.
func TestPersonalisedPublicReadsVary(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, merge(validActor("Maison Quillan"), obj{"phones": []string{"04 68 20 00 00"}}))["id"])
	draft := str(createService(t, e, merge(validService(a, "Brouillon"), obj{"status": "draft"}))["id"])
	_, member := e.Account("agent@example.fr", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	for _, p := range []string{"/api/v1/changes?after=0", "/api/v1/services", "/api/v1/services/" + draft, "/api/v1/actors/" + a, "/api/v1/actors"} {
		r := e.Do(apitest.Request{Method: "GET", Path: p, Token: member})
		if r.Code != 200 || !strings.Contains(r.Header().Get("Vary"), "Authorization") {
			t.Errorf("%s: %d, Vary %q", p, r.Code, r.Header().Get("Vary"))
		}
	}
}

// TestPartnerDraftsOneRule: a partner client saw its source's drafts in
// lists whatever its scopes, while a single read showed them only with
// directory:write — two answers to one question. Now a partner that writes
// its source (directory:write or sync:write) sees that source's drafts in
// both; a read-only client in neither.
func TestPartnerDraftsOneRule(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/actors", Token: e.Admin, Body: obj{"actors": []obj{partnerActor("a1", "CAF Marseille")}}})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	sv := obj{"source_id": "s1", "actor_source_id": "a1", "name": "Rendez-vous confidentiels", "kind": "procedures_done_with",
		"themes": []string{"aide-aux-demarches-administratives"}, "status": "draft"}
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/caf-13/services", Token: e.Admin, Body: obj{"services": []obj{sv}}})
	var res syncResult
	r.JSON(&res)
	if r.Code != 200 || len(res.Results) != 1 || res.Results[0].ID == "" {
		t.Fatal(r.Code, r.Body)
	}
	id := res.Results[0].ID
	for _, tc := range []struct {
		name   string
		scopes []string
		sees   bool
	}{
		{"read only", nil, false},
		{"webhooks only", []string{models.ScopeWebhooksManage}, false},
		{"directory:write", []string{models.ScopeDirectoryWrite}, true},
		{"sync:write", []string{models.ScopeSyncWrite}, true},
	} {
		_, tok := e.Partner("CAF "+tc.name, []string{"caf-13"}, tc.scopes)
		one := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + id, Token: tok})
		list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?limit=100", Token: tok})
		var l struct{ Data []struct{ ID string } }
		list.JSON(&l)
		listed := false
		for _, s := range l.Data {
			listed = listed || s.ID == id
		}
		if (one.Code == 200) != tc.sees || listed != tc.sees {
			t.Errorf("%s: single read %d, listed %v; want seen=%v", tc.name, one.Code, listed, tc.sees)
		}
	}
}

// TestActorETagRevealsNoPrivateContacts: an actor's ETag is a function of
// the representation the caller receives. A caller who may not see an
// actor's contacts got "<version>.public" only when the actor had private
// phones or e-mails, and "<version>" otherwise: the tag told an anonymous
// reader that hidden contacts exist, which the body does not. Writers keep
// conditional requests: 304 on If-None-Match, If-Match on writes, also on
// a temporarily closed place (whose tag names today's status).
func TestActorETagRevealsNoPrivateContacts(t *testing.T) {
	e := apitest.New(t)
	with := createActor(t, e, merge(validActor("Avec"), obj{"phones": []string{"04 91 00 00 02"}, "contact_public": false}))
	without := createActor(t, e, merge(validActor("Sans"), obj{"contact_public": false}))
	etag := func(id, token string) string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: token})
		if r.Code != 200 {
			t.Fatalf("GET: %d %s", r.Code, r.Body)
		}
		return r.Header().Get("ETag")
	}
	// The tag ends with a digest of the body the caller receives (which
	// differs: names, ids); what comes before it names the version and the view.
	view := func(tag string) string { return tag[:strings.LastIndexByte(tag, '.')] }
	a, b := view(etag(str(with["id"]), "")), view(etag(str(without["id"]), ""))
	if a != b {
		t.Errorf("anonymous ETags differ between an actor with private contacts (%s) and one without (%s), at the same version with the same view", a, b)
	}
	for _, id := range []string{str(with["id"]), str(without["id"])} {
		tag := etag(id, "")
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Header: map[string]string{"If-None-Match": tag}}); r.Code != http.StatusNotModified {
			t.Errorf("anonymous If-None-Match %s: %d", tag, r.Code)
		}
		full := etag(id, e.Admin)
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin, Header: map[string]string{"If-None-Match": full}}); r.Code != http.StatusNotModified {
			t.Errorf("writer If-None-Match %s: %d", full, r.Code)
		}
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin, Header: map[string]string{"If-None-Match": tag}}); tag != full && r.Code == http.StatusNotModified {
			t.Errorf("the anonymous view's tag %s answers 304 to a writer who sees more", tag)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"summary": "Relu"}, Header: map[string]string{"If-Match": full}}); r.Code != 200 {
			t.Errorf("writer If-Match %s: %d %s", full, r.Code, r.Body)
		}
	}
	// A temporarily closed place: the tag names today's status; a writer's
	// If-Match with the tag it read still applies.
	id := str(without["id"])
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"status": "temporarily_closed", "closed_from": "2020-01-01", "closed_until": "2099-01-01", "closure_reason": "Travaux"}}); r.Code != 200 {
		t.Fatalf("close: %d %s", r.Code, r.Body)
	}
	full := etag(id, e.Admin)
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"summary": "Fermé"}, Header: map[string]string{"If-Match": full}}); r.Code != 200 {
		t.Errorf("writer If-Match %s on a closed place: %d %s", full, r.Code, r.Body)
	}
}

// TestQualityRevealsNoPrivateContacts: the quality score is public (in
// every actor's body, the quality_min filter, the quality-csv export), but
// its contact criterion counted phones and e-mails that are not public, so
// an anonymous reader told a place with private contacts from one without:
// « contact » missing or not, 0.2 of score apart. The criterion now counts
// what anyone may see: a website, or phones and e-mails made public.
func TestQualityRevealsNoPrivateContacts(t *testing.T) {
	e := apitest.New(t)
	private := str(createActor(t, e, merge(validActor("Avec"), obj{"phones": []string{"04 91 00 00 02"}, "contact_public": false}))["id"])
	none := str(createActor(t, e, merge(validActor("Sans"), obj{"contact_public": false}))["id"])
	public := str(createActor(t, e, merge(validActor("Publique"), obj{"phones": []string{"04 91 00 00 03"}, "contact_public": true}))["id"])
	quality := func(id string) string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id})
		b, _ := json.Marshal(r.Map()["quality"])
		return string(b)
	}
	if a, b := quality(private), quality(none); a != b {
		t.Errorf("anonymous quality with private contacts %s, without %s", a, b)
	}
	if a, b := quality(public), quality(none); a == b {
		t.Errorf("public contacts count no more than none: %s", a)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?quality_min=0.3"})
	if strings.Contains(r.Body.String(), private) || !strings.Contains(r.Body.String(), public) {
		t.Errorf("quality_min tells the place with private contacts apart: %s", r.Body)
	}
}

// TestFeedHidesNeverPublishedDrafts: the public change feed (and so
// webhooks rendered for the public) answered each change of a draft
// service with a « hide » tombstone naming its id, its version and when
// it changed — for a draft never published, which GET answers 404 to the
// same reader: the feed told outsiders that a structure prepares a service
// and how often it edits it. A hide (or archive) entry is needed only for
// a service a reader may have seen, one that was published once.
func TestFeedHidesNeverPublishedDrafts(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Lieu"))["id"])
	draft := str(createService(t, e, merge(validService(a, "Brouillon"), obj{"status": "draft"}))["id"])
	patch(t, e, "/api/v1/services/"+draft, obj{"description": "encore"})
	gone := str(createService(t, e, merge(validService(a, "Abandonné"), obj{"status": "draft"}))["id"])
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + gone, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	retracted := str(createService(t, e, validService(a, "Retiré"))["id"])
	patch(t, e, "/api/v1/services/"+retracted, obj{"status": "draft"})
	feed := func(token string) string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?after=0&limit=200", Token: token})
		if r.Code != 200 {
			t.Fatalf("feed: %d %s", r.Code, r.Body)
		}
		return r.Body.String()
	}
	public := feed("")
	for _, id := range []string{draft, gone} {
		if strings.Contains(public, id) {
			t.Errorf("the public feed names the never-published draft %s: %s", id, public)
		}
	}
	if !strings.Contains(public, retracted) || !strings.Contains(public, `"op":"hide"`) {
		t.Errorf("the public feed must still hide a service that was published: %s", public)
	}
	admin := feed(e.Admin)
	for _, id := range []string{draft, gone, retracted} {
		if !strings.Contains(admin, id) {
			t.Errorf("the administrator's feed lacks %s", id)
		}
	}
}

// TestPrivateContactChangeMovesNoPublicSurface: a change of an actor's
// private phones or e-mails alone moved its version and updated_at in the
// public body, its ETag (and its services' ETags), its entry in the public
// change feed, updated_since and checked_on: an anonymous reader, or a
// structure that may not see the contacts, learnt that a hidden contact had
// changed. Those readers now see the public version and time, which move
// only with what they are shown; the structure's own people still see every
// change.
func TestPrivateContactChangeMovesNoPublicSurface(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(1000*time.Hour))
	id := str(createActor(t, e, merge(validActor("Lieu discret"), obj{"phones": []string{"04 91 00 00 02"}, "contact_public": false}))["id"])
	svc := str(createService(t, e, validService(id, "Démarches"))["id"])
	other := str(createActor(t, e, validActor("Autre structure"))["id"])
	_, outsider := e.Account("outsider@example.org", map[string]models.Role{other: models.RoleManager}, models.Territory{})
	_, manager := e.Account("manager@example.org", map[string]models.Role{id: models.RoleManager}, models.Territory{})

	type view struct {
		version, updated, checked, etag, serviceETag string
	}
	read := func(token string) view {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: token})
		if r.Code != 200 {
			t.Fatalf("GET actor: %d %s", r.Code, r.Body)
		}
		m := r.Map()
		s := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + svc, Token: token})
		if s.Code != 200 {
			t.Fatalf("GET service: %d %s", s.Code, s.Body)
		}
		return view{str(m["version"]), str(m["updated_at"]), str(m["checked_on"]), r.Header().Get("ETag"), s.Header().Get("ETag")}
	}
	feedCursor := func(token string) string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?limit=1000", Token: token})
		var page struct {
			Meta struct {
				NextCursor *string `json:"next_cursor"`
			}
		}
		r.JSON(&page)
		if r.Code != 200 || page.Meta.NextCursor == nil {
			t.Fatalf("feed: %d %s", r.Code, r.Body)
		}
		return *page.Meta.NextCursor
	}
	feedAfter := func(token, cursor string) string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?cursor=" + cursor, Token: token})
		if r.Code != 200 {
			t.Fatalf("feed: %d %s", r.Code, r.Body)
		}
		return r.Body.String()
	}
	since := func(token string, at time.Time) string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?updated_since=" + url.QueryEscape(at.Format(time.RFC3339)), Token: token})
		if r.Code != 200 {
			t.Fatalf("list: %d %s", r.Code, r.Body)
		}
		return r.Body.String()
	}

	restricted := map[string]string{"anonymous": "", "another structure": outsider}
	before := map[string]view{}
	cursors := map[string]string{}
	for who, token := range restricted {
		before[who], cursors[who] = read(token), feedCursor(token)
	}
	managerBefore, managerCursor := read(manager), feedCursor(manager)

	advance(48 * time.Hour)
	changedAt := clock().Add(-time.Minute)
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"phones": []string{"04 91 00 00 03"}, "emails": []string{"accueil@example.org"}}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	for who, token := range restricted {
		if got := read(token); got != before[who] {
			t.Errorf("%s: the public view moved with a private contact: %+v, was %+v", who, got, before[who])
		}
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: token, Header: map[string]string{"If-None-Match": before[who].etag}}); r.Code != http.StatusNotModified {
			t.Errorf("%s: If-None-Match with the tag read before: %d, want 304", who, r.Code)
		}
		if f := feedAfter(token, cursors[who]); strings.Contains(f, id) {
			t.Errorf("%s: the change feed tells of a private contact's change: %s", who, f)
		}
		if l := since(token, changedAt); strings.Contains(l, id) {
			t.Errorf("%s: updated_since finds the actor whose private contact changed: %s", who, l)
		}
	}
	got := read(manager)
	if got.version == managerBefore.version || got.updated == managerBefore.updated || got.etag == managerBefore.etag {
		t.Errorf("the structure's manager must see its change: %+v, was %+v", got, managerBefore)
	}
	if got.serviceETag != managerBefore.serviceETag {
		t.Errorf("a service's ETag moved with its place's private contact: %s, was %s", got.serviceETag, managerBefore.serviceETag)
	}
	if f := feedAfter(manager, managerCursor); !strings.Contains(f, id) {
		t.Errorf("the manager's feed lacks the change: %s", f)
	}
	if l := since(manager, changedAt); !strings.Contains(l, id) {
		t.Errorf("the manager's updated_since lacks the actor: %s", l)
	}

	// A public change moves every view, and the tags read before no longer answer 304.
	advance(time.Hour)
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"summary": "Nouvelles heures"}}); r.Code != 200 {
		t.Fatalf("patch: %d %s", r.Code, r.Body)
	}
	for who, token := range restricted {
		got := read(token)
		if got.version == before[who].version || got.updated == before[who].updated || got.etag == before[who].etag || got.checked == before[who].checked || got.serviceETag == before[who].serviceETag {
			t.Errorf("%s: a public change must move the public view: %+v, was %+v", who, got, before[who])
		}
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: token, Header: map[string]string{"If-None-Match": before[who].etag}}); r.Code != 200 {
			t.Errorf("%s: If-None-Match with a stale tag: %d, want 200", who, r.Code)
		}
		if f := feedAfter(token, cursors[who]); !strings.Contains(f, id) {
			t.Errorf("%s: the feed lacks the public change: %s", who, f)
		}
	}
	// A public tag names the public version: it holds while nothing its
	// reader was shown changed, never against the version.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: manager, Body: obj{"summary": "x"}, Header: map[string]string{"If-Match": before["anonymous"].etag}}); r.Code != http.StatusPreconditionFailed {
		t.Errorf("If-Match with a stale public tag: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: manager, Body: obj{"summary": "x"}, Header: map[string]string{"If-Match": read("").etag}}); r.Code != 200 {
		t.Errorf("If-Match with the current public tag: %d %s", r.Code, r.Body)
	}
}

// A suggestion's base_version is the version its author was shown: to an
// author who may not see the actor's private contacts, the public version
// (the full one counts the changes of hidden contacts).
func TestSuggestionBaseVersionIsTheOneShown(t *testing.T) {
	e := apitest.New(t)
	id := str(createActor(t, e, merge(validActor("Lieu discret"), obj{"phones": []string{"04 91 00 00 02"}, "contact_public": false}))["id"])
	for _, phone := range []string{"04 91 00 00 03", "04 91 00 00 04"} {
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"phones": []string{phone}}}); r.Code != 200 {
			t.Fatalf("patch: %d %s", r.Code, r.Body)
		}
	}
	other := str(createActor(t, e, validActor("Autre structure"))["id"])
	_, outsider := e.Account("outsider@example.org", map[string]models.Role{other: models.RoleManager}, models.Territory{})
	shown := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: outsider}).Map()["version"]
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: outsider, Body: obj{"changes": obj{"summary": "Ouvert le samedi"}, "message": "vu sur place"}})
	if r.Code != 201 {
		t.Fatalf("suggest: %d %s", r.Code, r.Body)
	}
	if got := r.Map()["base_version"]; got != shown || got == float64(3) {
		t.Errorf("base_version %v, want the version shown to the author (%v), not the full one (3)", got, shown)
	}
}

// TestHiddenDraftEditsMoveNoPublicSurface: a service published once and
// then taken back to draft is hidden from anyone who may not see drafts
// (the feed says « hide » once). Every later edit of the draft, and its
// archiving or restoring as a draft, answered a new « hide » entry in the
// public change feed and in the webhooks rendered for the public, with the
// draft's new version and time: an outsider counted and timed the edits of
// a service it may not read. The same hidden changes (and a change of
// private contacts alone) moved the exports' ETag, Last-Modified and
// X-Changes-Cursor. Those readers now see nothing of them; the structure's
// own people still do.
func TestHiddenDraftEditsMoveNoPublicSurface(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	hook := str(rcv.subscribe(e, e.Admin, nil)["id"]) // rendered as anyone may read
	a := str(createActor(t, e, merge(validActor("Lieu"), obj{"phones": []string{"04 91 00 00 02"}, "contact_public": false}))["id"])
	svc := str(createService(t, e, validService(a, "Atelier"))["id"])
	waitFannedOut(t, e) // else the service's creation and unpublishing may be read together, and collapse
	patch(t, e, "/api/v1/services/"+svc, obj{"status": "draft"})
	fresh := str(createService(t, e, merge(validService(a, "Nouveau"), obj{"status": "draft"}))["id"])
	_, member := e.Account("membre@example.org", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	_ = fresh

	cursor := func(token string) string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?limit=1000", Token: token})
		var page struct {
			Meta struct {
				NextCursor string `json:"next_cursor"`
			}
		}
		r.JSON(&page)
		return page.Meta.NextCursor
	}
	feedAfter := func(token, cursor string) string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/changes?cursor=" + cursor, Token: token})
		if r.Code != 200 {
			t.Fatalf("feed: %d %s", r.Code, r.Body)
		}
		return r.Body.String()
	}
	type state struct{ etag, modified, cursor string }
	export := func() state {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv"})
		if r.Code != 200 {
			t.Fatalf("export: %d %s", r.Code, r.Body)
		}
		return state{r.Header().Get("ETag"), r.Header().Get("Last-Modified"), r.Header().Get("X-Changes-Cursor")}
	}
	// Wait for at least the five public changes so far (the actor, the
	// service, its unpublishing, and the place scored again after each
	// of those two), then say what arrived if it is not
	// exactly them: a timeout alone did not tell a slow machine from a
	// delivery too many.
	waitForHooks(t, e, "the deliveries so far", func() bool { return settled(t, e, e.Admin, hook) && len(deliveries(t, e, e.Admin, hook, "")) >= 5 })
	if ds := deliveries(t, e, e.Admin, hook, ""); len(ds) != 5 {
		b, _ := json.Marshal(ds)
		t.Fatalf("deliveries before the hidden changes: %d, want 5: %s", len(ds), b)
	}
	before := len(deliveries(t, e, e.Admin, hook, ""))
	anon, memberCursor := cursor(""), cursor(member)
	// Last-Modified is the last public change's own second until that
	// second is over, then its end (If-Modified-Since in the same second,
	// TestIfModifiedSinceSeesAChangeInTheSameSecond): the headers are read
	// once it is over, so that only a hidden change could move them (on
	// PostgreSQL the two reads fell on each side of it).
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second)))
	exported := export()

	// Hidden changes: edits of the hidden draft and of a draft never
	// published, its archiving and restoring, a private contact.
	patch(t, e, "/api/v1/services/"+svc, obj{"description": "On prépare la rentrée"})
	patch(t, e, "/api/v1/services/"+fresh, obj{"description": "Brouillon encore"})
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + svc, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services/" + svc + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("restore: %d %s", r.Code, r.Body)
	}
	patch(t, e, "/api/v1/actors/"+a, obj{"phones": []string{"04 91 00 00 03"}})

	if f := feedAfter("", anon); strings.Contains(f, svc) || strings.Contains(f, fresh) || strings.Contains(f, a) {
		t.Errorf("the public feed tells of hidden changes: %s", f)
	}
	if got := export(); got != exported {
		t.Errorf("the export's headers moved with hidden changes: %+v, were %+v", got, exported)
	}
	if f := feedAfter(member, memberCursor); !strings.Contains(f, svc) || !strings.Contains(f, fresh) {
		t.Errorf("the structure's member must see its drafts change: %s", f)
	}

	// A public change: seen everywhere, and the hook gets it (and nothing before it).
	patch(t, e, "/api/v1/actors/"+a, obj{"summary": "Nouvelles heures"})
	if f := feedAfter("", anon); !strings.Contains(f, a) || strings.Contains(f, svc) {
		t.Errorf("the public feed after a public change: %s", f)
	}
	if got := export(); got.etag == exported.etag || got.cursor == exported.cursor {
		t.Errorf("the export's headers must move with a public change: %+v, were %+v", got, exported)
	}
	waitForHooks(t, e, "the public change's delivery", func() bool {
		return settled(t, e, e.Admin, hook) && len(deliveries(t, e, e.Admin, hook, "")) > before
	})
	ds := deliveries(t, e, e.Admin, hook, "")
	for _, d := range ds[before:] {
		if str(d["entity_id"]) != a {
			b, _ := json.Marshal(d)
			t.Errorf("a public webhook delivered a hidden change: %s", b)
		}
	}
	if len(ds) != before+1 {
		t.Errorf("deliveries after the hidden changes: %d, want 1", len(ds)-before)
	}
	_ = http.StatusOK
}

// TestDraftEditsKeepCheckedOn: a change of a service moved its place's
// checked_on to today, a public field (in the body, the exports' date_maj,
// the quality export and the stale lists), also when the service was a
// draft before and after: an outsider polling a place learnt the day its
// structure prepared a service it may not see. Only a change of what is
// published confirms the place.
func TestDraftEditsKeepCheckedOn(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(1000*time.Hour))
	a := str(createActor(t, e, validActor("Lieu"))["id"])
	svc := str(createService(t, e, validService(a, "Atelier"))["id"])
	patch(t, e, "/api/v1/services/"+svc, obj{"status": "draft"})
	checked := func() string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + a})
		if r.Code != 200 {
			t.Fatalf("GET: %d %s", r.Code, r.Body)
		}
		return str(r.Map()["checked_on"])
	}
	before := checked()
	advance(72 * time.Hour)
	patch(t, e, "/api/v1/services/"+svc, obj{"description": "En préparation"})
	draft := str(createService(t, e, merge(validService(a, "Nouveau"), obj{"status": "draft"}))["id"])
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/services/" + draft, Token: e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	if got := checked(); got != before {
		t.Errorf("checked_on moved with draft changes: %s, was %s", got, before)
	}
	patch(t, e, "/api/v1/services/"+svc, obj{"status": "published"})
	if got := checked(); got == before {
		t.Errorf("publishing a service must confirm the place: checked_on stayed %s", got)
	}
}

// TestSuggestionFieldNamesAreExact: suggestions may not change a place's
// closure (nor its source or status), and the check looked for those
// exact names among the changes, while JSON decoding matches field names
// without regard to case (and folds ſ to s, K to k): {"Closed_until": …}
// or {"cloſure_reason": …} passed the check and, the field being empty,
// changed it once accepted.
func TestSuggestionFieldNamesAreExact(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, merge(validActor("Médiathèque"), obj{"status": "temporarily_closed", "closed_from": "2026-01-05"}))["id"])
	author := userToken(t, e, "usager@example.fr")
	for _, changes := range []obj{
		{"Closed_until": "2026-01-06"},
		{"CLOSURE_REASON": "Fermé pour toujours"},
		{"cloſure_reason": "Fermé pour toujours"},
		{"Source": "caf-13", "Source_id": "x"},
		{"Name": "Autre nom"},
	} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + a + "/suggestions", Token: author, Body: obj{"changes": changes}})
		if r.Code != 422 && r.Code != 400 {
			t.Errorf("%v: %d %s", changes, r.Code, r.Body)
			if r.Code == 201 {
				e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + str(r.Map()["id"]), Token: e.Admin, Body: obj{"status": "accepted"}})
			}
		}
	}
	got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + a}).Map()
	if str(got["closed_until"]) != "<nil>" && got["closed_until"] != "" || got["closure_reason"] != "" && got["closure_reason"] != nil || got["source"] != nil && got["source"] != "" {
		t.Errorf("a suggestion changed what suggestions may not: closed_until %v, closure_reason %v, source %v", got["closed_until"], got["closure_reason"], got["source"])
	}
}

// TestConditionalHeadersRevealNothing pins that a precondition never
// answers before the caller's rights: an outsider sending If-Match or
// If-None-Match with a draft service or a referral of others gets the same
// 404 (or a partner's 403) as without them, never a 412 or a 304 telling
// the record exists or its version.
func TestConditionalHeadersRevealNothing(t *testing.T) {
	w := newWorld(t)
	e := w.e
	draft := str(createService(t, e, merge(validService(w.other, "Brouillon secret"), obj{"status": "draft"}))["id"])
	ref := w.referral(w.otherMbr, w.other, w.thirdSvc())
	reqs := []apitest.Request{
		{Method: "GET", Path: "/api/v1/services/" + draft},
		{Method: "PATCH", Path: "/api/v1/services/" + draft, Body: obj{"name": "x"}},
		{Method: "PUT", Path: "/api/v1/services/" + draft, Body: validService(w.other, "x")},
		{Method: "DELETE", Path: "/api/v1/services/" + draft},
		{Method: "GET", Path: "/api/v1/referrals/" + ref},
		{Method: "POST", Path: "/api/v1/referrals/" + ref + "/transitions", Body: obj{"status": "accepted"}},
		{Method: "POST", Path: "/api/v1/referrals/" + ref + "/forward", Body: obj{"to_service_id": w.ownSvc}},
	}
	for _, role := range []string{"manager", "member", "coordinator", "user", "partner"} {
		for _, rq := range reqs {
			rq.Token = w.tokens[role]
			plain := e.Do(rq).Code
			if plain != 404 && plain != 403 {
				t.Errorf("%s %s %s: %d", role, rq.Method, rq.Path, plain)
			}
			for _, h := range []map[string]string{{"If-Match": `"999"`}, {"If-Match": `"1"`}, {"If-None-Match": `"1"`}, {"If-None-Match": "*"}} {
				rq.Header = h
				if r := e.Do(rq); r.Code != plain {
					t.Errorf("%s %s %s %v: %d, without it %d", role, rq.Method, rq.Path, h, r.Code, plain)
				}
			}
		}
	}
}

// TestAnswersVaryOnAccept: every operation answers 406 or another type
// depending on Accept (/stats/territory gives CSV for text/csv), but only
// exports said Vary: Accept, and HSDS's Vary: Host replaced the public
// routes' Vary: Authorization: a shared cache could hand CSV to a JSON
// client, or one reader's answer to another.
func TestAnswersVaryOnAccept(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Maison Quillan"))["id"])
	for _, c := range []struct {
		path  string
		token string
		want  []string
	}{
		{"/api/v1/actors", "", []string{"Authorization", "Accept"}},
		{"/api/v1/actors/" + a, "", []string{"Authorization", "Accept"}},
		{"/api/v1/stats/territory?departement=13", e.Admin, []string{"Accept"}},
		{"/api/v1/me", e.Admin, []string{"Accept"}},
		{"/api/hsds/v3/services", "", []string{"Accept"}},
		{"/api/v1/exports/geojson", "", []string{"Accept", "Accept-Encoding"}},
	} {
		r := e.Do(apitest.Request{Method: "GET", Path: c.path, Token: c.token})
		vary := strings.Join(r.Header().Values("Vary"), ", ")
		for _, w := range c.want {
			if !slices.Contains(strings.Split(strings.ReplaceAll(vary, " ", ""), ","), w) {
				t.Errorf("%s: %d, Vary %q lacks %s", c.path, r.Code, vary, w)
			}
		}
	}
}
