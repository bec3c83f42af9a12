package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/handlers"
	"carnet/models"
	"carnet/models/hsds"
	"carnet/models/webhook"
)

// The roles of the authorization matrix, in the order of each expectation
// row.
var roles = []string{"anonymous", "admin", "coordinator", "manager", "member", "partner", "user", "disabled"}

// world is the fixture the matrix runs against: two structures in two
// départements and sources, and one account or client per role. "own" means
// the caller's structure, territory or source (OWN, its network members, the
// Bouches-du-Rhône, source caf-13); "other" means OTHER (Alpes-Maritimes,
// source other-src), which no role but admin relates to.
type world struct {
	t          *testing.T
	e          *apitest.Env
	own, other string // actor ids
	ownSvc     string // a published service of OWN
	otherSvc   string
	tokens     map[string]string
	users      map[string]*models.User
	spare      *models.User // an account that roles act upon
	otherMbr   *models.User // a member of OTHER
	third      string       // a service of a third structure
	seq        int
	// Webhooks: a receiver, the subscriptions of the administrator and of
	// the partner ("own"), one of another partner ("other"), and a
	// delivery of each.
	receiver           string
	hookAdmin, hookOwn string
	hookOther          string
	deliveries         map[string]string
	otherPartner       *models.Principal
	adminP, partnerP   *models.Principal
}

func newWorld(t *testing.T, opts ...apitest.Option) *world {
	many := api.RateLimit{Every: time.Millisecond, Burst: 1000}
	e := apitest.New(t, append([]apitest.Option{apitest.WithRateLimits(many, many), apitest.WithSignUpLimit(many), apitest.WithNotifications(),
		apitest.WithConfig(func(c *api.Config) { c.Mailing = many }),
		apitest.WithWebhooks(webhook.Config{Guard: webhook.Guard{AllowPrivate: true}})}, opts...)...)
	w := &world{t: t, e: e, tokens: map[string]string{"admin": e.Admin}, users: map[string]*models.User{"admin": e.AdminUser}}
	w.own = w.actor("OWN", true, "")
	w.other = w.actor("OTHER", false, "")
	w.ownSvc = w.service(w.own, true)
	w.otherSvc = w.service(w.other, false)
	w.users["coordinator"], w.tokens["coordinator"] = e.Account("coord@carnet.test", nil, models.Territory{Departements: []string{"13"}})
	w.users["manager"], w.tokens["manager"] = e.Account("manager@carnet.test", map[string]models.Role{w.own: models.RoleManager}, models.Territory{})
	w.users["member"], w.tokens["member"] = e.Account("member@carnet.test", map[string]models.Role{w.own: models.RoleMember}, models.Territory{})
	w.users["user"], w.tokens["user"] = e.Account("user@carnet.test", nil, models.Territory{})
	partner, tok := e.Partner("CAF 13", []string{"caf-13"}, []string{models.ScopeDirectoryWrite, models.ScopeSyncWrite, models.ScopeWebhooksManage})
	w.tokens["partner"] = tok
	var disabled *models.User
	disabled, w.tokens["disabled"] = e.Account("disabled@carnet.test", map[string]models.Role{w.own: models.RoleManager}, models.Territory{Departements: []string{"13"}})
	if _, err := e.Store.UpdateUser(context.Background(), disabled.ID, models.UserUpdate{Disabled: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	w.spare, _ = e.Account("spare@carnet.test", nil, models.Territory{})
	w.otherMbr, _ = e.Account("other-member@carnet.test", map[string]models.Role{w.other: models.RoleMember}, models.Territory{})
	// Senders of referrals whose person is reached through them share a
	// professional contact.
	for _, u := range []*models.User{w.users["manager"], w.users["member"], w.otherMbr} {
		phone := "04 91 00 00 00"
		if _, err := e.Store.UpdateProfile(context.Background(), u.ID, models.ProfileUpdate{ProfessionalPhone: &phone}); err != nil {
			t.Fatal(err)
		}
	}
	w.webhooks(partner.ID)
	return w
}

// webhooks sets up the webhook fixtures: a receiver answering 204, a
// subscription of the administrator, of the partner and of another
// partner, and a delivery of each (a replay of the last change).
func (w *world) webhooks(partnerID string) {
	ctx := context.Background()
	rcv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) { rw.WriteHeader(http.StatusNoContent) }))
	w.t.Cleanup(rcv.Close)
	w.receiver = rcv.URL
	var err error
	if w.adminP, err = w.e.Store.LoadPrincipal(ctx, w.e.AdminUser.ID); err != nil {
		w.t.Fatal(err)
	}
	if w.partnerP, err = w.e.Store.LoadClientPrincipal(ctx, partnerID, 0); err != nil {
		w.t.Fatal(err)
	}
	other, _ := w.e.Partner("CPAM 06", []string{"cpam-06"}, []string{models.ScopeWebhooksManage})
	if w.otherPartner, err = w.e.Store.LoadClientPrincipal(ctx, other.ID, 0); err != nil {
		w.t.Fatal(err)
	}
	w.deliveries = map[string]string{}
	w.hookAdmin, w.hookOwn, w.hookOther = w.hook(w.adminP), w.hook(w.partnerP), w.hook(w.otherPartner)
	for _, id := range []string{w.hookAdmin, w.hookOwn, w.hookOther} {
		owner := w.partnerP
		switch id {
		case w.hookAdmin:
			owner = w.adminP
		case w.hookOther:
			owner = w.otherPartner
		}
		octx := models.WithPrincipal(ctx, owner)
		head, err := w.e.Store.LastSeq(ctx)
		if err != nil {
			w.t.Fatal(err)
		}
		if _, err := w.e.Store.ReplayWebhook(octx, id, head-1); err != nil {
			w.t.Fatal(err)
		}
		if _, err := w.e.Store.ReplayWebhookStep(ctx, id, 10, 100, handlers.RenderWebhook); err != nil {
			w.t.Fatal(err)
		}
		page, err := w.e.Store.ListWebhookDeliveries(octx, id, models.DeliveryFilter{})
		if err != nil || len(page.Items) != 1 {
			w.t.Fatalf("no delivery for the fixture subscription: %v", err)
		}
		w.deliveries[id] = page.Items[0].ID
	}
}

// hook registers a subscription of owner to the world's receiver.
func (w *world) hook(owner *models.Principal) string {
	h, _, err := w.e.Store.CreateWebhook(models.WithPrincipal(context.Background(), owner), models.NewWebhook{URL: w.receiver + "/hooks", Active: true})
	if err != nil {
		w.t.Fatal(err)
	}
	return h.ID
}

// hookFor returns the subscription a role acts on: its own (the
// administrator's, the partner's; the partner's for roles that own none),
// or another partner's.
func (w *world) hookFor(role string, own bool) string {
	switch {
	case !own:
		return w.hookOther
	case role == "admin":
		return w.hookAdmin
	}
	return w.hookOwn
}

func ptr[T any](v T) *T { return &v }

func (w *world) name(prefix string) string {
	w.seq++
	return fmt.Sprintf("%s %d", prefix, w.seq)
}

func (w *world) email(prefix string) string {
	w.seq++
	return fmt.Sprintf("%s-%d@carnet.test", prefix, w.seq)
}

// actorBody is a valid actor in the own or the other area.
func (w *world) actorBody(own bool, parent string) obj {
	w.seq++
	b := obj{"name": fmt.Sprintf("Lieu %d", w.seq), "source": "other-src", "source_id": fmt.Sprintf("a%d", w.seq),
		"address": obj{"street": "1 rue", "postal_code": "06000", "commune": "Nice", "insee_code": "06088"}}
	if own {
		b["source"] = "caf-13"
		b["address"] = obj{"street": "1 rue", "postal_code": "13001", "commune": "Marseille", "insee_code": "13055"}
	}
	if parent != "" {
		b["parent_id"] = parent
	}
	return b
}

// actor creates an actor; own ones are members of OWN's network.
func (w *world) actor(name string, own bool, parent string) string {
	b := w.actorBody(own, parent)
	b["name"] = name
	return str(createActor(w.t, w.e, b)["id"])
}

// fresh returns a new actor to mutate: a member of OWN's network, or one
// of the other area.
func (w *world) fresh(own bool) string {
	id, _ := w.freshBody(own)
	return id
}

// freshBody is fresh with the body it was created with: a PUT that keeps
// its source and source_id (people never change a source).
func (w *world) freshBody(own bool) (string, obj) {
	parent := ""
	if own {
		parent = w.own
	}
	b := w.actorBody(own, parent)
	b["name"] = w.name("Lieu")
	return str(createActor(w.t, w.e, b)["id"]), b
}

// archived returns an archived actor (own: of OWN's network), for restores.
func (w *world) archived(own bool) string {
	id := w.fresh(own)
	if _, err := w.e.Store.ArchiveActor(context.Background(), id, models.Precondition{}); err != nil {
		w.t.Fatal(err)
	}
	return id
}

// forRole drops the source of a body written by a person: people's accounts
// never write a partner's source, partners write their own.
func forRole(role string, b obj) obj {
	if role != "partner" && role != "admin" {
		delete(b, "source")
		delete(b, "source_id")
	}
	return b
}

func (w *world) serviceBody(actorID string, own bool) obj {
	w.seq++
	b := merge(validService(actorID, fmt.Sprintf("Service %d", w.seq)), obj{"source": "other-src", "source_id": fmt.Sprintf("s%d", w.seq)})
	if own {
		b["source"] = "caf-13"
	}
	return b
}

func (w *world) service(actorID string, own bool) string {
	return str(createService(w.t, w.e, w.serviceBody(actorID, own))["id"])
}

// referral creates a referral sent by a member of from to a service of to.
func (w *world) referral(sender *models.User, from, toService string) string {
	ctx := context.Background()
	p, err := w.e.Store.LoadPrincipal(ctx, sender.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	r := models.Referral{FromActorID: from, ToServiceID: toService, Themes: models.StringList{"Aide aux démarches administratives"},
		PersonFirstName: "Nadia", PersonLastName: "B.", ContactChannel: models.ContactReferent, ConsentOn: "2026-01-02", ReferentCommitment: true}
	if err := w.e.Store.CreateReferral(models.WithPrincipal(ctx, p), &r); err != nil {
		w.t.Fatal(err)
	}
	return r.ID
}

// thirdSvc is a service of a third structure, for referrals OWN has no part in.
// The structure has a member: nobody can send a referral to a structure
// without one (its referrals would be read by nobody).
func (w *world) thirdSvc() string {
	if w.third == "" {
		third := w.fresh(false)
		w.e.Account(w.email("third"), map[string]models.Role{third: models.RoleMember}, models.Territory{})
		w.third = w.service(third, false)
	}
	return w.third
}

// dupPair creates two actors of two sources that look alike (a possible
// duplicate) and returns the link's id; own ones belong to OWN's network.
func (w *world) dupPair(own bool) string {
	ctx := context.Background()
	var last string
	for _, src := range []string{"dup-a", "dup-b"} {
		a := models.Actor{Name: "Espace numérique Belsunce", Source: src, SourceID: w.name("d"),
			Address: models.Address{Street: "16 rue Bernard du Bois", PostalCode: "06000", Commune: "Nice"}}
		if own {
			a.Address = models.Address{Street: "16 rue Bernard du Bois", PostalCode: "13001", Commune: "Marseille"}
			a.ParentID = ptr(w.own)
		}
		res, err := w.e.Store.SyncBatch(ctx, src, []models.Actor{a}, nil, models.SyncOptions{})
		if err != nil || len(res.Outcomes) != 1 {
			w.t.Fatal(err)
		}
		last = res.Outcomes[0].ID
	}
	w.e.DuplicatesDetected()
	page, err := w.e.Store.ListDuplicates(ctx, models.DuplicateFilter{ActorID: last, Statuses: []string{"suggested"}})
	if err != nil || len(page.Items) == 0 {
		w.t.Fatalf("no duplicate link: %v", err)
	}
	return page.Items[0].ID
}

func (w *world) target(own bool) string {
	if own {
		return w.own
	}
	return w.other
}

func (w *world) suggestion(actorID string) string {
	r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + actorID + "/suggestions", Token: w.tokens["user"], Body: obj{"changes": obj{"summary": "Mieux"}}})
	if r.Code != 201 {
		w.t.Fatalf("suggestion: %d %s", r.Code, r.Body)
	}
	return str(r.Map()["id"])
}

// call is one request of the matrix, built per role and target.
type call struct {
	method, path string
	body         any
	notInSpec    bool
}

type entry struct {
	route string // "METHOD /gin/path"
	// build returns the request for role against the own or other target.
	build func(w *world, role string, own bool) call
	// Expected statuses per role (in the order of roles), for the own
	// and the other target; other nil means the route has no target.
	own, other []int
}

func row(s ...int) []int { return s }

func matrix() []entry {
	static := func(method, path string, notInSpec bool) func(*world, string, bool) call {
		return func(*world, string, bool) call { return call{method: method, path: path, notInSpec: notInSpec} }
	}
	all200 := row(200, 200, 200, 200, 200, 200, 200, 200)
	public200 := row(200, 200, 200, 200, 200, 200, 200, 401)
	people := func(ok int) []int { return row(401, ok, ok, ok, ok, 403, ok, 401) }
	logged := func(ok int) []int { return row(401, ok, ok, ok, ok, ok, ok, 401) }
	adminOnly := func(ok int) []int { return row(401, ok, 403, 403, 403, 403, 403, 401) }
	// Editors of the own structure: administrators, the territory's
	// coordinator, the network's manager, the source's partner.
	editors := func(ok int) ([]int, []int) {
		return row(401, ok, ok, ok, 403, ok, 403, 401), adminOnly(ok)
	}
	// Moderators: administrators, the coordinator, the manager.
	moderators := func(ok int) ([]int, []int) {
		return row(401, ok, ok, ok, 403, 403, 403, 401), adminOnly(ok)
	}
	// Team managers: administrators and the structure's managers.
	team := func(ok int) ([]int, []int) {
		return row(401, ok, 403, ok, 403, 403, 403, 401), adminOnly(ok)
	}
	var es []entry
	add := func(route string, build func(*world, string, bool) call, own, other []int) {
		es = append(es, entry{route: route, build: build, own: own, other: other})
	}

	add("GET /healthz", static("GET", "/healthz", false), all200, nil)
	add("GET /readyz", static("GET", "/readyz", false), all200, nil)
	// Only for local clients unless CARNET_METRICS_TOKEN is set
	// (TestMetricsToken, TestSec14MetricsWithoutTokenOnlyLocal); bearer
	// tokens of the API are not metrics tokens, so they change nothing.
	add("GET /metrics", static("GET", "/metrics", true), row(403, 403, 403, 403, 403, 403, 403, 403), nil)
	add("GET /", static("GET", "/", true), row(302, 302, 302, 302, 302, 302, 302, 302), nil)
	add("GET /openapi.yaml", static("GET", "/openapi.yaml", true), all200, nil)
	add("GET /openapi.json", static("GET", "/openapi.json", true), all200, nil)
	add("GET /docs", static("GET", "/docs", true), row(302, 302, 302, 302, 302, 302, 302, 302), nil)
	add("GET /docs/*file", static("GET", "/docs/index.html", true), all200, nil)
	add("GET /api/v1/vocabularies", static("GET", "/api/v1/vocabularies", false), all200, nil)
	add("GET /api/v1/vocabularies/:name", static("GET", "/api/v1/vocabularies/themes", false), all200, nil)

	add("POST /api/v1/auth/login", func(w *world, _ string, _ bool) call {
		return call{method: "POST", path: "/api/v1/auth/login", body: obj{"email": "user@carnet.test", "password": "a password for tests"}}
	}, all200, nil)
	add("POST /api/v1/auth/token", func(w *world, _ string, _ bool) call {
		return call{method: "POST", path: "/api/v1/auth/token", body: obj{"grant_type": "client_credentials", "client_id": models.NewID(), "client_secret": "cs_wrong"}}
	}, row(401, 401, 401, 401, 401, 401, 401, 401), nil)
	add("POST /api/v1/auth/logout", func(w *world, _ string, _ bool) call {
		return call{method: "POST", path: "/api/v1/auth/logout", body: obj{"refresh_token": "rt_unknown"}}
	}, row(204, 204, 204, 204, 204, 204, 204, 204), nil)
	add("POST /api/v1/auth/password-reset", func(w *world, _ string, _ bool) call {
		return call{method: "POST", path: "/api/v1/auth/password-reset", body: obj{"token": "pwr_unknown", "new_password": "trois mots bien choisis"}}
	}, row(404, 404, 404, 404, 404, 404, 404, 404), nil)
	add("POST /api/v1/invitations/accept", func(w *world, _ string, _ bool) call {
		return call{method: "POST", path: "/api/v1/invitations/accept", body: obj{"token": "inv_unknown", "password": "a long password here"}}
		// The route reads a token (the invited address's account accepts
		// signed in, probe33): an ended one is refused as everywhere.
	}, row(404, 404, 404, 404, 404, 404, 404, 401), nil)
	add("POST /api/v1/invitations", func(w *world, _ string, _ bool) call {
		return call{method: "POST", path: "/api/v1/invitations", body: obj{"email": w.email("invite"), "platform_admin": true}}
	}, adminOnly(201), nil)

	add("GET /api/v1/me", static("GET", "/api/v1/me", false), logged(200), nil)
	add("PUT /api/v1/me/password", func(*world, string, bool) call {
		return call{method: "PUT", path: "/api/v1/me/password", body: obj{"current_password": "not my password", "new_password": "another passphrase for the tests"}}
	}, row(401, 422, 422, 422, 422, 403, 422, 401), nil)
	add("GET /api/v1/me/join-requests", static("GET", "/api/v1/me/join-requests", false), people(200), nil)
	add("PATCH /api/v1/me", func(w *world, _ string, _ bool) call {
		return call{method: "PATCH", path: "/api/v1/me", body: obj{"job_title": "Conseiller numérique"}}
	}, people(200), nil)
	// A wrong password: deleting the roles' own accounts would end the matrix.
	add("DELETE /api/v1/me", func(*world, string, bool) call {
		return call{method: "DELETE", path: "/api/v1/me", body: obj{"password": "not my password"}}
	}, row(401, 422, 422, 422, 422, 403, 422, 401), nil)
	add("GET /api/v1/me/notifications", static("GET", "/api/v1/me/notifications", false), people(200), nil)
	add("PATCH /api/v1/me/notifications", func(*world, string, bool) call {
		return call{method: "PATCH", path: "/api/v1/me/notifications", body: obj{"referral_message": true}}
	}, people(200), nil)
	// Sign-up is for anyone (a token is not even read); the answer never
	// says whether the address has an account.
	add("POST /api/v1/signup", func(w *world, _ string, _ bool) call {
		return call{method: "POST", path: "/api/v1/signup", body: obj{"email": w.email("signup"), "password": "a long enough passphrase for tests"}}
	}, row(202, 202, 202, 202, 202, 202, 202, 202), nil)
	add("POST /api/v1/signup/verify", func(*world, string, bool) call {
		return call{method: "POST", path: "/api/v1/signup/verify", body: obj{"token": "sgn_unknown"}}
	}, row(404, 404, 404, 404, 404, 404, 404, 404), nil)

	add("GET /api/v1/users", static("GET", "/api/v1/users", false), adminOnly(200), nil)
	add("GET /api/v1/users/:id", func(w *world, role string, own bool) call {
		id := w.spare.ID
		if own && w.users[role] != nil {
			id = w.users[role].ID
		}
		return call{method: "GET", path: "/api/v1/users/" + id}
	}, row(401, 200, 200, 200, 200, 404, 200, 401), row(401, 200, 404, 404, 404, 404, 404, 401))
	add("PATCH /api/v1/users/:id", func(w *world, _ string, _ bool) call {
		return call{method: "PATCH", path: "/api/v1/users/" + w.spare.ID, body: obj{"display_name": w.name("Spare")}}
	}, adminOnly(200), nil)
	// Reset links: administrators for anyone; a manager for an account whose
	// only rights are in structures it manages; others do not see accounts.
	add("POST /api/v1/users/:id/password-reset", func(w *world, _ string, own bool) call {
		u, _ := w.e.Account(w.email("oubli"), map[string]models.Role{w.target(own): models.RoleMember}, models.Territory{})
		return call{method: "POST", path: "/api/v1/users/" + u.ID + "/password-reset", body: obj{}}
	}, row(401, 201, 404, 201, 404, 403, 404, 401), row(401, 201, 404, 404, 404, 403, 404, 401))
	add("GET /api/v1/trail", static("GET", "/api/v1/trail", false), adminOnly(200), nil)

	add("GET /api/v1/clients", static("GET", "/api/v1/clients", false), adminOnly(200), nil)
	add("POST /api/v1/clients", func(w *world, _ string, _ bool) call {
		return call{method: "POST", path: "/api/v1/clients", body: obj{"name": w.name("Client"), "sources": []string{"x"}, "scopes": []string{"sync:write"}}}
	}, adminOnly(201), nil)
	clientPath := func(suffix string, method string, body any) func(*world, string, bool) call {
		return func(w *world, _ string, _ bool) call {
			c, _ := w.e.Partner(w.name("Client"), []string{"y"}, nil)
			return call{method: method, path: "/api/v1/clients/" + c.ID + suffix, body: body}
		}
	}
	add("GET /api/v1/clients/:id", clientPath("", "GET", nil), adminOnly(200), nil)
	add("PATCH /api/v1/clients/:id", clientPath("", "PATCH", obj{"disabled": true}), adminOnly(200), nil)
	add("POST /api/v1/clients/:id/secret", clientPath("/secret", "POST", nil), adminOnly(200), nil)

	add("GET /api/v1/actors", static("GET", "/api/v1/actors", false), public200, nil)
	edOwn, edOther := editors(201)
	// "Own" creates the actor in the own network: attaching to a network
	// needs its managers' consent, never a coordinator's territorial right
	// (the probe of 2026-12-05, TestSec35CoordinatorsGrantNoNetwork).
	add("POST /api/v1/actors", func(w *world, role string, own bool) call {
		parent := ""
		if own {
			parent = w.own
		}
		return call{method: "POST", path: "/api/v1/actors", body: forRole(role, w.actorBody(own, parent))}
	}, row(401, 201, 403, 201, 403, 201, 403, 401), edOther)
	edOwn, edOther = editors(201)
	add("GET /api/v1/actors/:id", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: "/api/v1/actors/" + w.target(own)}
	}, public200, public200)
	edOwn, edOther = editors(200)
	add("PUT /api/v1/actors/:id", func(w *world, _ string, own bool) call {
		id, b := w.freshBody(own)
		b["summary"] = "Remplacé"
		return call{method: "PUT", path: "/api/v1/actors/" + id, body: b}
	}, edOwn, edOther)
	add("PATCH /api/v1/actors/:id", func(w *world, _ string, own bool) call {
		return call{method: "PATCH", path: "/api/v1/actors/" + w.fresh(own), body: obj{"summary": "Modifié"}}
	}, edOwn, edOther)
	edOwn, edOther = editors(204)
	add("DELETE /api/v1/actors/:id", func(w *world, _ string, own bool) call {
		return call{method: "DELETE", path: "/api/v1/actors/" + w.fresh(own)}
	}, edOwn, edOther)
	edOwn, edOther = editors(200)
	add("POST /api/v1/actors/:id/restore", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: "/api/v1/actors/" + w.archived(own) + "/restore"}
	}, edOwn, edOther)
	modOwn, modOther := moderators(200)
	add("GET /api/v1/actors/:id/history", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: "/api/v1/actors/" + w.target(own) + "/history"}
	}, modOwn, modOther)
	add("POST /api/v1/actors/:id/suggestions", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: "/api/v1/actors/" + w.target(own) + "/suggestions", body: obj{"changes": obj{"summary": "Proposé"}}}
	}, people(201), people(201))
	tOwn, tOther := team(200)
	add("GET /api/v1/actors/:id/members", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: "/api/v1/actors/" + w.target(own) + "/members"}
	}, tOwn, tOther)
	tOwn, tOther = team(202)
	add("POST /api/v1/actors/:id/members", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: "/api/v1/actors/" + w.target(own) + "/members", body: obj{"email": w.email("new"), "role": "member"}}
	}, tOwn, tOther)
	tOwn, tOther = team(200)
	add("PATCH /api/v1/actors/:id/members/:user_id", func(w *world, _ string, own bool) call {
		if own {
			return call{method: "PATCH", path: "/api/v1/actors/" + w.own + "/members/" + w.users["member"].ID, body: obj{"role": "member"}}
		}
		return call{method: "PATCH", path: "/api/v1/actors/" + w.other + "/members/" + w.otherMbr.ID, body: obj{"role": "member"}}
	}, tOwn, tOther)
	tOwn, tOther = team(204)
	add("DELETE /api/v1/actors/:id/members/:user_id", func(w *world, _ string, own bool) call {
		a := w.fresh(own)
		if _, err := w.e.Store.AddMember(context.Background(), a, w.spare.ID, models.RoleMember); err != nil {
			w.t.Fatal(err)
		}
		return call{method: "DELETE", path: "/api/v1/actors/" + a + "/members/" + w.spare.ID}
	}, tOwn, tOther)
	tOwn, tOther = team(200)
	add("GET /api/v1/actors/:id/invitations", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: "/api/v1/actors/" + w.target(own) + "/invitations"}
	}, tOwn, tOther)
	tOwn, tOther = team(204)
	add("DELETE /api/v1/actors/:id/invitations/:invitation_id", func(w *world, _ string, own bool) call {
		// A fresh pending invitation per call, sent by the administrator.
		a := w.target(own)
		r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + a + "/members", Token: w.tokens["admin"], Body: obj{"email": w.email("invited"), "role": "member"}})
		if r.Code != 202 {
			w.t.Fatalf("invitation: %d %s", r.Code, r.Body)
		}
		return call{method: "DELETE", path: "/api/v1/actors/" + a + "/invitations/" + str(r.Map()["id"])}
	}, tOwn, tOther)
	tOwn, tOther = team(200)
	add("GET /api/v1/actors/:id/join-requests", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: "/api/v1/actors/" + w.target(own) + "/join-requests"}
	}, tOwn, tOther)
	add("GET /api/v1/actors/:id/trail", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: "/api/v1/actors/" + w.target(own) + "/trail"}
	}, tOwn, tOther)
	add("POST /api/v1/actors/:id/join-requests", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: "/api/v1/actors/" + w.fresh(own) + "/join-requests", body: obj{"message": "Bonjour"}}
	}, people(201), people(201))
	add("PATCH /api/v1/actors/:id/join-requests/:request_id", func(w *world, _ string, own bool) call {
		a := w.fresh(own)
		jr, err := w.e.Store.CreateJoinRequest(context.Background(), w.spare.ID, a, "")
		if err != nil {
			w.t.Fatal(err)
		}
		return call{method: "PATCH", path: "/api/v1/actors/" + a + "/join-requests/" + jr.ID, body: obj{"status": "accepted"}}
	}, tOwn, tOther)

	add("GET /api/v1/services", static("GET", "/api/v1/services", false), public200, nil)
	edOwn, edOther = editors(201)
	add("POST /api/v1/services", func(w *world, role string, own bool) call {
		return call{method: "POST", path: "/api/v1/services", body: forRole(role, w.serviceBody(w.target(own), own))}
	}, edOwn, edOther)
	add("GET /api/v1/services/:id", func(w *world, _ string, own bool) call {
		id := w.otherSvc
		if own {
			id = w.ownSvc
		}
		return call{method: "GET", path: "/api/v1/services/" + id}
	}, public200, public200)
	freshSvc := func(w *world, own bool) string { return w.service(w.fresh(own), own) }
	edOwn, edOther = editors(200)
	add("PUT /api/v1/services/:id", func(w *world, _ string, own bool) call {
		b := w.serviceBody(w.fresh(own), own)
		id := str(createService(w.t, w.e, b)["id"])
		b["description"] = "Remplacé"
		return call{method: "PUT", path: "/api/v1/services/" + id, body: b}
	}, edOwn, edOther)
	add("PATCH /api/v1/services/:id", func(w *world, _ string, own bool) call {
		return call{method: "PATCH", path: "/api/v1/services/" + freshSvc(w, own), body: obj{"is_full": true}}
	}, edOwn, edOther)
	edOwn, edOther = editors(204)
	add("DELETE /api/v1/services/:id", func(w *world, _ string, own bool) call {
		return call{method: "DELETE", path: "/api/v1/services/" + freshSvc(w, own)}
	}, edOwn, edOther)
	edOwn, edOther = editors(200)
	add("POST /api/v1/services/:id/restore", func(w *world, _ string, own bool) call {
		id := freshSvc(w, own)
		if _, err := w.e.Store.ArchiveService(context.Background(), id, models.Precondition{}); err != nil {
			w.t.Fatal(err)
		}
		return call{method: "POST", path: "/api/v1/services/" + id + "/restore"}
	}, edOwn, edOther)
	add("GET /api/v1/services/:id/history", func(w *world, _ string, own bool) call {
		id := w.otherSvc
		if own {
			id = w.ownSvc
		}
		return call{method: "GET", path: "/api/v1/services/" + id + "/history"}
	}, modOwn, modOther)
	add("POST /api/v1/services/:id/suggestions", func(w *world, _ string, own bool) call {
		id := w.otherSvc
		if own {
			id = w.ownSvc
		}
		return call{method: "POST", path: "/api/v1/services/" + id + "/suggestions", body: obj{"changes": obj{"description": "Proposé"}}}
	}, people(201), people(201))

	// Referrals: only members of the two structures involved see one;
	// everyone else — administrators and coordinators included — gets 404.
	add("POST /api/v1/referrals", func(w *world, _ string, own bool) call {
		from := w.other
		if own {
			from = w.own
		}
		return call{method: "POST", path: "/api/v1/referrals", body: obj{"from_actor_id": from, "to_service_id": w.thirdSvc(),
			"themes": []string{"Aide aux démarches administratives"}, "person": obj{"first_name": "Nadia", "last_name": "B.", "contact_channel": "referent"},
			"consent": obj{"given": true, "given_on": "2026-01-02", "referent_commitment": true}}}
	}, row(401, 403, 403, 201, 201, 403, 403, 401), row(401, 403, 403, 403, 403, 403, 403, 401))
	add("GET /api/v1/referrals", static("GET", "/api/v1/referrals", false), people(200), nil)
	add("GET /api/v1/referrals/changes", static("GET", "/api/v1/referrals/changes", false), people(200), nil)
	referralPath := func(suffix string) func(w *world, own bool) string {
		return func(w *world, own bool) string {
			if own {
				// Received by OWN from OTHER.
				return "/api/v1/referrals/" + w.referral(w.otherMbr, w.other, w.ownSvc) + suffix
			}
			return "/api/v1/referrals/" + w.referral(w.otherMbr, w.other, w.thirdSvc()) + suffix
		}
	}
	seeOwn, seeOther := row(401, 404, 404, 200, 200, 403, 404, 401), row(401, 404, 404, 404, 404, 403, 404, 401)
	add("GET /api/v1/referrals/:id", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: referralPath("")(w, own)}
	}, seeOwn, seeOther)
	add("POST /api/v1/referrals/:id/transitions", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: referralPath("/transitions")(w, own), body: obj{"status": "accepted"}}
	}, seeOwn, seeOther)
	// Messages: the same visibility as the referral.
	add("GET /api/v1/referrals/:id/messages", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: referralPath("/messages")(w, own)}
	}, seeOwn, seeOther)
	add("POST /api/v1/referrals/:id/messages", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: referralPath("/messages")(w, own), body: obj{"body": "Elle viendra mardi."}}
	}, row(401, 404, 404, 201, 201, 403, 404, 401), seeOther)
	// Forwarding: the receiving structure (OWN) sends the person on.
	add("POST /api/v1/referrals/:id/forward", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: referralPath("/forward")(w, own), body: obj{"to_service_id": w.thirdSvc(),
			"consent": obj{"given": true, "given_on": "2026-01-02", "referent_commitment": true}}}
	}, row(401, 404, 404, 201, 201, 403, 404, 401), seeOther)
	add("GET /api/v1/stats/referrals", static("GET", "/api/v1/stats/referrals", false), row(401, 200, 200, 403, 403, 403, 403, 401), nil)

	// Search and orientation are public reads of the published directory.
	add("GET /api/v1/search/services", static("GET", "/api/v1/search/services?q=aide", false), public200, nil)
	add("GET /api/v1/search/actors", static("GET", "/api/v1/search/actors?departement=13", false), public200, nil)
	add("POST /api/v1/orientation/suggestions", func(*world, string, bool) call {
		return call{method: "POST", path: "/api/v1/orientation/suggestions", body: obj{"profile": "excluded", "needs": []string{"Aide aux démarches administratives"}}}
	}, public200, nil)
	add("GET /api/v1/stats/territory", static("GET", "/api/v1/stats/territory?departement=13", false), public200, nil)
	add("GET /api/v1/stats/territory/geojson", static("GET", "/api/v1/stats/territory/geojson?commune=Marseille", false), public200, nil)
	add("GET /api/v1/communes", static("GET", "/api/v1/communes?q=marseille", false), public200, nil)

	// Partner sync: administrators any source; partner clients with the
	// sync:write scope their own (caf-13); nobody else.
	syncOwn, syncOther := row(401, 200, 403, 403, 403, 200, 403, 401), adminOnly(200)
	source := func(own bool) string {
		if own {
			return "caf-13"
		}
		return "other-src"
	}
	add("PUT /api/v1/sync/:source/actors", func(w *world, _ string, own bool) call {
		b := w.actorBody(own, "")
		delete(b, "source")
		return call{method: "PUT", path: "/api/v1/sync/" + source(own) + "/actors", body: obj{"actors": []obj{b}}}
	}, syncOwn, syncOther)
	add("PUT /api/v1/sync/:source/services", func(w *world, _ string, own bool) call {
		b := w.serviceBody(w.target(own), own)
		delete(b, "source")
		return call{method: "PUT", path: "/api/v1/sync/" + source(own) + "/services", body: obj{"services": []obj{b}}}
	}, syncOwn, syncOther)
	add("POST /api/v1/sync/:source/import", func(w *world, _ string, own bool) call {
		place := obj{"id": w.name("p"), "nom": "Point numérique", "adresse": "1 rue", "code_postal": "13001", "commune": "Marseille",
			"pivot": "00000000000000", "date_maj": "2026-01-02", "services": "Aide aux démarches administratives"}
		return call{method: "POST", path: "/api/v1/sync/" + source(own) + "/import", body: []obj{place}}
	}, syncOwn, syncOther)
	// Snapshot sessions: the same rights as the batches. Each call has a
	// session of its own (one is open per source at a time).
	snapOwn, snapOther := func(ok int) []int { return row(401, ok, 403, 403, 403, ok, 403, 401) }, adminOnly
	add("POST /api/v1/sync/:source/snapshots", func(w *world, _ string, own bool) call {
		clearSnapshot(w.t, w.e, source(own))
		return call{method: "POST", path: "/api/v1/sync/" + source(own) + "/snapshots"}
	}, snapOwn(201), snapOther(201))
	add("GET /api/v1/sync/:source/snapshots/:id", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: "/api/v1/sync/" + source(own) + "/snapshots/" + freshSnapshot(w.t, w.e, source(own))}
	}, snapOwn(200), snapOther(200))
	add("DELETE /api/v1/sync/:source/snapshots/:id", func(w *world, _ string, own bool) call {
		return call{method: "DELETE", path: "/api/v1/sync/" + source(own) + "/snapshots/" + freshSnapshot(w.t, w.e, source(own))}
	}, snapOwn(204), snapOther(204))
	// A dry run: the session received an empty batch of actors, which
	// would archive every actor of the source.
	add("POST /api/v1/sync/:source/snapshots/:id/complete", func(w *world, _ string, own bool) call {
		id := freshSnapshot(w.t, w.e, source(own))
		if r := w.e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/" + source(own) + "/actors?snapshot_id=" + id, Token: w.e.Admin, Body: obj{"actors": []obj{}}}); r.Code != 200 {
			w.t.Fatalf("batch of the session: %d %s", r.Code, r.Body)
		}
		return call{method: "POST", path: "/api/v1/sync/" + source(own) + "/snapshots/" + id + "/complete?dry_run=true&allow_mass_archive=true"}
	}, snapOwn(200), snapOther(200))
	add("GET /api/v1/changes", static("GET", "/api/v1/changes?limit=5", false), public200, nil)
	add("GET /api/v1/exports", static("GET", "/api/v1/exports", false), public200, nil)
	add("GET /api/v1/exports/:format", static("GET", "/api/v1/exports/standard-csv", false), public200, nil)
	add("GET /api/v1/duplicates", static("GET", "/api/v1/duplicates", false), public200, nil)
	// Duplicate decisions: moderators of both actors (confirm) or of either
	// (dismiss); own pairs are in OWN's network and territory.
	modOwn, modOther = moderators(200)
	// Recording a link Carnet did not suggest: what a confirmation needs,
	// the right to moderate both records; a moderator naming records
	// outside their rights is told which field (422), a caller who
	// moderates nothing is refused (403).
	add("POST /api/v1/duplicates", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: "/api/v1/duplicates", body: obj{"actor_a": w.fresh(own), "actor_b": w.fresh(own)}}
	}, row(401, 201, 201, 201, 403, 403, 403, 401), row(401, 201, 422, 422, 403, 403, 403, 401))
	add("POST /api/v1/duplicates/:id/confirm", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: "/api/v1/duplicates/" + w.dupPair(own) + "/confirm"}
	}, modOwn, modOther)
	add("POST /api/v1/duplicates/:id/dismiss", func(w *world, _ string, own bool) call {
		return call{method: "POST", path: "/api/v1/duplicates/" + w.dupPair(own) + "/dismiss"}
	}, modOwn, modOther)

	// Records to check again: administrators anywhere, coordinators in
	// their territory (own: the Bouches-du-Rhône), nobody else.
	add("GET /api/v1/quality/stale", func(_ *world, _ string, own bool) call {
		if own {
			return call{method: "GET", path: "/api/v1/quality/stale?departement=13"}
		}
		return call{method: "GET", path: "/api/v1/quality/stale?departement=06"}
	}, row(401, 200, 200, 403, 403, 403, 403, 401), adminOnly(200))

	// The Open Referral HSDS view shows the published directory, the same
	// to everyone: no token is read (a disabled account's is ignored), and
	// a draft is 404 even to its own structure's editors ("other" is a
	// draft service of OWN).
	for _, p := range []string{"", "/", "/services", "/service_at_locations", "/organizations", "/taxonomies", "/taxonomy_terms"} {
		add("GET /api/hsds/v3"+p, static("GET", "/api/hsds/v3"+p, false), all200, nil)
	}
	add("GET /api/hsds/v3/openapi.json", static("GET", "/api/hsds/v3/openapi.json", true), all200, nil)
	hsdsService := func(path func(id string) string) func(*world, string, bool) call {
		return func(w *world, _ string, own bool) call {
			if own {
				return call{method: "GET", path: path(w.ownSvc)}
			}
			draft := w.serviceBody(w.own, true)
			draft["status"] = "draft"
			return call{method: "GET", path: path(str(createService(w.t, w.e, draft)["id"]))}
		}
	}
	all404 := row(404, 404, 404, 404, 404, 404, 404, 404)
	add("GET /api/hsds/v3/services/:id", hsdsService(func(id string) string { return "/api/hsds/v3/services/" + id }), all200, all404)
	add("GET /api/hsds/v3/service_at_locations/:id", hsdsService(func(id string) string {
		return "/api/hsds/v3/service_at_locations/" + hsds.ServiceAtLocationID(id)
	}), all200, all404)
	add("GET /api/hsds/v3/organizations/:id", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: "/api/hsds/v3/organizations/" + w.target(own)}
	}, all200, all200)
	add("GET /api/hsds/v3/taxonomies/:id", static("GET", "/api/hsds/v3/taxonomies/"+hsds.TaxonomyID("themes"), false), all200, nil)
	themeTerm, _ := hsds.TermOf("themes", "Aide aux démarches administratives")
	add("GET /api/hsds/v3/taxonomy_terms/:id", static("GET", "/api/hsds/v3/taxonomy_terms/"+themeTerm.ID, false), all200, nil)

	// Webhooks: administrators every subscription; partner clients with the
	// webhooks:manage scope their own (another partner's answers 404);
	// people's other roles none.
	hooks := func(ok int) ([]int, []int) {
		return row(401, ok, 403, 403, 403, ok, 403, 401), row(401, ok, 403, 403, 403, 404, 403, 401)
	}
	add("GET /api/v1/webhooks", static("GET", "/api/v1/webhooks", false), row(401, 200, 403, 403, 403, 200, 403, 401), nil)
	add("POST /api/v1/webhooks", func(w *world, _ string, _ bool) call {
		return call{method: "POST", path: "/api/v1/webhooks", body: obj{"url": w.receiver + "/new", "filters": obj{"entities": []string{"service"}}}}
	}, row(401, 201, 403, 403, 403, 201, 403, 401), nil)
	hookPath := func(method, suffix string, body any) func(*world, string, bool) call {
		return func(w *world, role string, own bool) call {
			return call{method: method, path: "/api/v1/webhooks/" + w.hookFor(role, own) + suffix, body: body}
		}
	}
	hOwn, hOther := hooks(200)
	add("GET /api/v1/webhooks/:id", hookPath("GET", "", nil), hOwn, hOther)
	add("PATCH /api/v1/webhooks/:id", hookPath("PATCH", "", obj{"description": "Modifié"}), hOwn, hOther)
	add("POST /api/v1/webhooks/:id/secret", hookPath("POST", "/secret", obj{"previous_secret_valid_seconds": 60}), hOwn, hOther)
	add("POST /api/v1/webhooks/:id/ping", hookPath("POST", "/ping", nil), hOwn, hOther)
	add("GET /api/v1/webhooks/:id/deliveries", hookPath("GET", "/deliveries", nil), hOwn, hOther)
	add("GET /api/v1/webhooks/:id/deliveries/:delivery_id", func(w *world, role string, own bool) call {
		id := w.hookFor(role, own)
		return call{method: "GET", path: "/api/v1/webhooks/" + id + "/deliveries/" + w.deliveries[id]}
	}, hOwn, hOther)
	hOwn, hOther = hooks(202)
	add("POST /api/v1/webhooks/:id/replay", hookPath("POST", "/replay?cursor=0", nil), hOwn, hOther)
	hOwn, hOther = hooks(204)
	add("DELETE /api/v1/webhooks/:id", func(w *world, role string, own bool) call {
		owner := w.otherPartner
		switch {
		case own && role == "admin":
			owner = w.adminP
		case own:
			owner = w.partnerP
		}
		return call{method: "DELETE", path: "/api/v1/webhooks/" + w.hook(owner)}
	}, hOwn, hOther)

	add("GET /api/v1/suggestions", static("GET", "/api/v1/suggestions", false), people(200), nil)
	// A suggestion is private to its author ("user") and its moderators:
	// others get 404; the author may see it but not decide.
	add("GET /api/v1/suggestions/:id", func(w *world, _ string, own bool) call {
		return call{method: "GET", path: "/api/v1/suggestions/" + w.suggestion(w.fresh(own))}
	}, row(401, 200, 200, 200, 404, 404, 200, 401), row(401, 200, 404, 404, 404, 404, 200, 401))
	add("PATCH /api/v1/suggestions/:id", func(w *world, _ string, own bool) call {
		return call{method: "PATCH", path: "/api/v1/suggestions/" + w.suggestion(w.fresh(own)), body: obj{"status": "rejected", "reason": "Déjà à jour"}}
	}, row(401, 200, 200, 200, 404, 404, 403, 401), row(401, 200, 404, 404, 404, 404, 403, 401))
	return es
}

// TestAuthorizationMatrix runs every route × every role × own/other
// structure and checks the status. It fails when a route has no entry, so a
// new route cannot ship without its authorization being decided here.
func TestAuthorizationMatrix(t *testing.T) {
	w := newWorld(t)
	es := matrix()
	covered := map[string]bool{}
	for _, e := range es {
		covered[e.route] = true
	}
	routes := w.e.Routes()
	var missing []string
	for _, r := range routes {
		if !covered[r] {
			missing = append(missing, r)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Fatalf("routes without an entry in the authorization matrix: %v", missing)
	}
	for r := range covered {
		if !slices.Contains(routes, r) {
			t.Errorf("the matrix names %s, which the router does not have", r)
		}
	}
	cells := 0
	for _, e := range es {
		for _, own := range []bool{true, false} {
			want := e.own
			target := "own"
			if !own {
				want, target = e.other, "other"
				if want == nil {
					continue
				}
			}
			for i, role := range roles {
				t.Run(fmt.Sprintf("%s/%s/%s", e.route, target, role), func(t *testing.T) {
					c := e.build(w, role, own)
					r := w.e.Do(apitest.Request{Method: c.method, Path: c.path, Body: c.body, Token: w.tokens[role], NotInSpec: c.notInSpec})
					if r.Code != want[i] {
						t.Errorf("%s %s as %s (%s): %d, want %d: %s", c.method, c.path, role, target, r.Code, want[i], r.Body)
					}
				})
				cells++
			}
		}
	}
	t.Logf("authorization matrix: %d routes, %d roles, %d cells", len(es), len(roles), cells)
}
