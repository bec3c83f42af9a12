package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
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
			e.RunWebhooks(false)
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
			if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/clients/" + client.ID, Token: e.Admin, Body: tc.revoke}); r.Code != 200 {
				t.Fatalf("revoke: %d %s", r.Code, r.Body)
			}
			rcv.setMode(answerOK)
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
