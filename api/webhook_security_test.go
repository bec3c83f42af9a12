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

// Webhooks: queues and delivery logs follow their owner's rights, and
// disguised internal addresses are refused.

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
