package api_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/webhook"
)

// TestWebhookQueueFollowsOwnerRights: a delivery is rendered when it is
// queued, with what its subscription's owner could see then (a partner
// writing its source sees that source's private contacts). When the owner
// loses that right before the delivery went out — a scope or a source
// withdrawn, the client disabled, its webhooks:manage scope removed — the
// queued delivery must not go out with what the owner may no longer see:
// it is withheld (failed, with why), and the queue of an owner who may no
// longer receive webhooks stops.
func TestWebhookQueueFollowsOwnerRights(t *testing.T) {
	const secret = "prive.caf13@example.fr"
	all := []string{models.ScopeDirectoryWrite, models.ScopeWebhooksManage}
	for _, tc := range []struct {
		name   string
		revoke obj
	}{
		{"ErrScopeWithdrawn", obj{"scopes": []string{models.ScopeWebhooksManage}}},
		{"ErrSourceWithdrawn", obj{"sources": []string{"caf-84"}}},
		{"ErrWebhooksScopeWithdrawn", obj{"scopes": []string{models.ScopeDirectoryWrite}}},
		{"ErrClientDisabled", obj{"disabled": true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
			stop := e.RunWebhooks(false)
			rcv := newReceiver(t)
			rcv.setMode(answer500)
			client, partner := e.Partner("CAF 13", []string{"caf-13"}, all)
			sub := rcv.subscribe(e, partner, nil)
			id := str(sub["id"])
			body := merge(validActor("Point CAF"), obj{"source": "caf-13", "source_id": "p1", "emails": []string{secret}, "contact_public": false})
			if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: partner, Body: body}); r.Code != http.StatusCreated {
				t.Fatalf("create: %d %s", r.Code, r.Body)
			}
			waitFor(t, "a first attempt", func() bool { return rcv.triesSoFar() > 0 })
			// No attempt in flight while the rights change: a delivery
			// claimed before it goes out as rendered (the claim is the
			// check; see ClaimWebhookDeliveries), and on a loaded machine
			// a retry claimed just before the PATCH would be sent after it.
			stop()
			if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + client.ID, Token: e.Admin, Body: tc.revoke}); r.Code != 200 {
				t.Fatalf("revoke: %d %s", r.Code, r.Body)
			}
			rcv.setMode(answerOK)
			e.RunWebhooks(false)
			waitFor(t, "the queue to settle", func() bool { return settled(t, e, e.Admin, id) })
			for _, g := range rcv.accepted() {
				b, _ := json.Marshal(g.Payload)
				if strings.Contains(string(b), secret) {
					t.Errorf("a delivery rendered before the revocation went out after it: %s", b)
				}
			}
			ds := deliveries(t, e, e.Admin, id, "")
			if len(ds) != 1 || ds[0]["state"] != models.DeliveryFailed || !strings.Contains(str(ds[0]["last_error"]), "not sent") {
				t.Errorf("the delivery log: %v", ds)
			}
		})
	}
}

// TestWebhookQueueStopsForFormerAdministrator: an administrator's
// subscription is rendered as anyone may read; once the account is no
// longer administrator (or disabled), its waiting deliveries are withheld
// as a partner's are.
func TestWebhookQueueStopsForFormerAdministrator(t *testing.T) {
	for _, change := range []obj{{"platform_admin": false}, {"disabled": true}} {
		e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
		stop := e.RunWebhooks(false)
		rcv := newReceiver(t)
		rcv.setMode(answer500)
		u, _ := e.Account("admin2@example.fr", nil, models.Territory{})
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"platform_admin": true}}); r.Code != 200 {
			t.Fatalf("promote: %d %s", r.Code, r.Body)
		}
		id := str(rcv.subscribe(e, e.TokenFor(u.ID), nil)["id"])
		createActor(t, e, validActor("Lieu"))
		waitFor(t, "a first attempt", func() bool { return rcv.triesSoFar() > 0 })
		stop() // no attempt in flight while the rights change (see above)
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: change}); r.Code != 200 {
			t.Fatalf("%v: %d %s", change, r.Code, r.Body)
		}
		rcv.setMode(answerOK)
		e.RunWebhooks(false)
		waitFor(t, "the queue to settle", func() bool { return settled(t, e, e.Admin, id) })
		if n := len(rcv.accepted()); n != 0 {
			t.Errorf("%v: %d deliveries went out", change, n)
		}
	}
}

// TestWebhookDeliveryLogFollowsOwnerRights: the delivery log shows a
// delivery with the body it sends. A partner whose right to see a source's
// private contacts was withdrawn must not read them back there, in the
// bodies rendered while it had it; an administrator still may.
func TestWebhookDeliveryLogFollowsOwnerRights(t *testing.T) {
	const secret = "prive.caf13@example.fr"
	e := apitest.New(t, apitest.WithWebhooks(fastHooks()))
	e.RunWebhooks(false)
	rcv := newReceiver(t)
	client, partner := e.Partner("CAF 13", []string{"caf-13"}, []string{models.ScopeDirectoryWrite, models.ScopeWebhooksManage})
	id := str(rcv.subscribe(e, partner, nil)["id"])
	body := merge(validActor("Point CAF"), obj{"source": "caf-13", "source_id": "p1", "emails": []string{secret}, "contact_public": false})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: partner, Body: body}); r.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Code, r.Body)
	}
	waitFor(t, "the delivery", func() bool { return len(rcv.accepted()) == 1 })
	d := deliveries(t, e, partner, id, "")[0]
	path := "/api/v1/webhooks/" + id + "/deliveries/" + str(d["id"])
	if r := e.Do(apitest.Request{Method: "GET", Path: path, Token: partner}); r.Code != 200 || !strings.Contains(r.Body.String(), secret) {
		t.Fatalf("the owner reads its delivery while it may see the contacts: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + client.ID, Token: e.Admin, Body: obj{"scopes": []string{models.ScopeWebhooksManage}}}); r.Code != 200 {
		t.Fatalf("revoke: %d %s", r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: path, Token: partner})
	if r.Code != 200 || strings.Contains(r.Body.String(), secret) {
		t.Errorf("the owner reads back contacts it may no longer see: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}); r.Code != 200 || !strings.Contains(r.Body.String(), secret) {
		t.Errorf("an administrator reads the delivery: %d %s", r.Code, r.Body)
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
	a, b := etag(str(with["id"]), ""), etag(str(without["id"]), "")
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

// TestDuplicateLinkRevealsNoPrivateContacts: a duplicate link's reasons
// and scores are public, but phones and e-mails that are not public fed
// them: same_phone and same_email were hidden from those who may not see
// both actors' contacts, yet the identity score (and so the score) still
// rose with a shared private number, and « named_domain » came also from
// an e-mail's domain. Someone able to write a look-alike record could
// test a guessed number or address and read the answer anonymously. A
// caller who may not see both actors' contacts now gets the link as its
// public data alone make it: the same as if neither had contacts.
func TestDuplicateLinkRevealsNoPrivateContacts(t *testing.T) {
	type contacts struct{ phones, emails []string }
	view := func(t *testing.T, c [2]contacts, token func(*apitest.Env) string) map[string]any {
		t.Helper()
		e := apitest.New(t)
		var last string
		for i, src := range []string{"dup-a", "dup-b"} {
			last = syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: src, SourceID: "x", Phones: c[i].phones, Emails: c[i].emails})
		}
		e.DuplicatesDetected()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + last, Token: token(e)})
		var page struct{ Data []map[string]any }
		r.JSON(&page)
		if r.Code != 200 || len(page.Data) != 1 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		l := page.Data[0]
		for _, k := range []string{"id", "actor_a", "actor_b", "created_at", "updated_at"} {
			delete(l, k)
		}
		return l
	}
	anonymous := func(*apitest.Env) string { return "" }
	admin := func(e *apitest.Env) string { return e.Admin }
	none := view(t, [2]contacts{}, anonymous)
	phone := []string{"04 91 00 00 07"}
	for name, c := range map[string][2]contacts{
		"same private phone":                   {{phones: phone}, {phones: phone}},
		"same private e-mail":                  {{emails: []string{"accueil@belsunce.fr"}}, {emails: []string{"accueil@belsunce.fr"}}},
		"an e-mail domain spelling the name":   {{emails: []string{"contact@espacenumeriquebelsunce.fr"}}, {}},
		"private phone and e-mail on one side": {{phones: phone, emails: []string{"contact@espacenumeriquebelsunce.fr"}}, {phones: phone}},
	} {
		t.Run(name, func(t *testing.T) {
			got := view(t, c, anonymous)
			g, _ := json.Marshal(got)
			n, _ := json.Marshal(none)
			if string(g) != string(n) {
				t.Errorf("an anonymous reader tells the pair from one without contacts:\n got %s\nnone %s", g, n)
			}
			full, _ := json.Marshal(view(t, c, admin))
			if string(full) == string(n) {
				t.Errorf("an administrator's view lost the contacts' evidence: %s", full)
			}
		})
	}
}

// TestDuplicateLinkTownDomainIsPrivate: « town_domain » (a place writing
// from the commune's own domain, at the address of the commune's record)
// comes from an e-mail's domain as « named_domain » can: a private e-mail
// at the commune's domain raised the score and named its reason for every
// reader. A caller who may not see both actors' contacts gets the link as
// if the e-mail were not there.
func TestDuplicateLinkTownDomainIsPrivate(t *testing.T) {
	view := func(t *testing.T, emails []string, token func(*apitest.Env) string) string {
		t.Helper()
		e := apitest.New(t)
		syncAtBelsunce(t, e, models.Actor{Name: "Mairie de Marseille", Source: "dup-a", SourceID: "x"})
		last := syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: "dup-b", SourceID: "x", Emails: emails})
		e.DuplicatesDetected()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + last, Token: token(e)})
		var page struct{ Data []map[string]any }
		r.JSON(&page)
		if r.Code != 200 || len(page.Data) != 1 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		l := page.Data[0]
		for _, k := range []string{"id", "actor_a", "actor_b", "created_at", "updated_at"} {
			delete(l, k)
		}
		b, _ := json.Marshal(l)
		return string(b)
	}
	anonymous := func(*apitest.Env) string { return "" }
	admin := func(e *apitest.Env) string { return e.Admin }
	none := view(t, nil, anonymous)
	mail := []string{"accueil@marseille.fr"}
	if got := view(t, mail, anonymous); got != none {
		t.Errorf("an anonymous reader tells the pair from one without contacts:\n got %s\nnone %s", got, none)
	}
	if full := view(t, mail, admin); full == none || !strings.Contains(full, "town_domain") {
		t.Errorf("an administrator's view lost the e-mail's evidence: %s", full)
	}
}

// TestWebhookSSRFDisguisedAddresses: IPv6 forms that carry or reach a
// non-public address without being named by netip's predicates —
// IPv4-compatible addresses (::a.b.c.d, deprecated, routed to the IPv4
// address by stacks that still honour them), site-local fec0::/10
// (deprecated, still routed on some private networks) and Teredo
// (2001::/32, which embeds an IPv4 server and client) — are refused like
// the others.
func TestWebhookSSRFDisguisedAddresses(t *testing.T) {
	e := apitest.New(t, apitest.WithWebhooks(webhook.Config{Guard: webhook.Guard{}}))
	for _, u := range []string{
		"https://[::127.0.0.1]/carnet",
		"https://[::a9fe:a9fe]/carnet", // ::169.254.169.254
		"https://[::]/carnet",
		"https://[fec0::1]/carnet",
		"https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/carnet",
	} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/webhooks", Token: e.Admin, Body: obj{"url": u}})
		if r.Code != 422 || !slices.Contains(fields(t, r), "url") {
			t.Errorf("%q: %d %s", u, r.Code, r.Body)
		}
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
