package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

// creatingPost is one POST that creates, for the retry tests.
type creatingPost struct {
	name, path, token, scope, table string
	body                            func(i int) obj
	// secret names the answer's field that is shown once.
	secret string
}

func creatingPosts(t *testing.T, w *referralWorld) []creatingPost {
	e := w.e
	user, userTok := e.Account("habitant@example.fr", nil, models.Territory{})
	memberA, _ := e.Store.FindUserByEmail(context.Background(), "aidant.a@example.fr")
	admin := "user:" + e.AdminUser.ID
	return []creatingPost{
		{name: "actor", path: "/api/v1/actors", token: e.Admin, scope: admin, table: "actors",
			body: func(i int) obj { return validActor("Lieu " + str(i)) }},
		{name: "service", path: "/api/v1/services", token: e.Admin, scope: admin, table: "services",
			body: func(i int) obj { return validService(w.b, "Atelier "+str(i)) }},
		{name: "referral", path: "/api/v1/referrals", token: w.memberA, scope: "user:" + memberA.ID, table: "referrals",
			body: func(i int) obj { b := referralBody(w.a, w.s); b["message"] = "n° " + str(i); return b }},
		{name: "invitation", path: "/api/v1/invitations", token: e.Admin, scope: admin, table: "invitations", secret: "token",
			body: func(i int) obj { return obj{"email": "invite" + str(i) + "@example.fr", "platform_admin": true} }},
		{name: "member invitation", path: "/api/v1/actors/" + w.b + "/members", token: e.Admin, scope: admin, table: "invitations", secret: "token",
			body: func(i int) obj { return obj{"email": "equipe" + str(i) + "@example.fr", "role": "member"} }},
		{name: "client", path: "/api/v1/clients", token: e.Admin, scope: admin, table: "partner_clients", secret: "client_secret",
			body: func(i int) obj {
				return obj{"name": "Client " + str(i), "sources": []string{"src-" + str(i)}, "scopes": []string{"sync:write"}}
			}},
		{name: "actor suggestion", path: "/api/v1/actors/" + w.b + "/suggestions", token: userTok, scope: "user:" + user.ID, table: "suggestions",
			body: func(i int) obj { return obj{"changes": obj{"summary": "Résumé " + str(i)}} }},
		{name: "service suggestion", path: "/api/v1/services/" + w.s + "/suggestions", token: userTok, scope: "user:" + user.ID, table: "suggestions",
			body: func(i int) obj { return obj{"changes": obj{"description": "Texte " + str(i)}} }},
		{name: "join request", path: "/api/v1/actors/" + w.c + "/join-requests", token: userTok, scope: "user:" + user.ID, table: "join_requests",
			body: func(i int) obj { return obj{"message": "Bonjour " + str(i)} }},
		{name: "reset link", path: "/api/v1/users/" + memberA.ID + "/password-reset", token: e.Admin, scope: admin, table: "password_resets", secret: "token",
			body: func(int) obj { return obj{} }},
	}
}

func countRows(t *testing.T, e *apitest.Env, table string) int {
	t.Helper()
	var n int
	if err := openRaw(t, e).QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func keyHash(scope, key string) string {
	sum := sha256.Sum256([]byte(scope + "\x00" + key))
	return hex.EncodeToString(sum[:])
}

func requestHash(path string, body obj) string {
	b, _ := json.Marshal(body)
	h := sha256.New()
	h.Write([]byte("POST " + path + "\n"))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// TestRetriesAfterACrash reproduces item 7 of issue 12: after a crash
// between claiming an Idempotency-Key and recording the answer, every retry
// got 409 for a day, even when the write had committed; and POST /referrals
// (invitations, clients, suggestions, join requests, members) ignored the
// key, so a retried referral created a second copy of the person's data.
// The crash is reproduced on the database: a key left as the dead process
// left it.
func TestRetriesAfterACrash(t *testing.T) {
	w := newReferralWorld(t, apitest.WithRateLimits(bigLimit, bigLimit))
	e := w.e
	db := openRaw(t, e)
	for i, p := range creatingPosts(t, w) {
		t.Run(p.name, func(t *testing.T) {
			send := func(key string, body obj) *apitest.Response {
				// One pending join request per person and structure:
				// each step starts from a decided one.
				db.Exec("UPDATE join_requests SET status = 'refused'")
				return e.Do(apitest.Request{Method: "POST", Path: p.path, Token: p.token, Body: body, Header: map[string]string{"Idempotency-Key": key}})
			}
			idOf := func(r *apitest.Response) string { return str(r.Map()["id"]) }

			// Every creating POST honours the key.
			before := countRows(t, e, p.table)
			body := p.body(10 * i)
			first := send(str(i)+"-retry-1", body)
			if first.Code/100 != 2 {
				t.Fatalf("first: %d %s", first.Code, first.Body)
			}
			again := send(str(i)+"-retry-1", body)
			if again.Code != first.Code || idOf(again) != idOf(first) || again.Header().Get("Idempotent-Replayed") != "true" {
				t.Errorf("retry: %d %s", again.Code, again.Body)
			}
			if n := countRows(t, e, p.table); n != before+1 {
				t.Errorf("%d rows after a retry, want %d", n, before+1)
			}

			// Crash after the commit, before the answer was stored.
			body = p.body(10*i + 1)
			first = send(str(i)+"-retry-2", body)
			if _, err := db.Exec("UPDATE idempotency_keys SET state = 'committed', body = NULL, status = 0, owner = 'dead' WHERE key_hash = ?", keyHash(p.scope, str(i)+"-retry-2")); err != nil {
				t.Fatal(err)
			}
			again = send(str(i)+"-retry-2", body)
			if again.Code != first.Code || idOf(again) != idOf(first) {
				t.Errorf("retry after a crash past the commit: %d %s (first %s)", again.Code, again.Body, first.Body)
			}
			if p.secret != "" && (again.Map()[p.secret] == first.Map()[p.secret] || str(again.Map()[p.secret]) == "") {
				t.Errorf("a lost secret must be replaced: %v", again.Map()[p.secret])
			}
			if n := countRows(t, e, p.table); n != before+2 {
				t.Errorf("%d rows, want %d", n, before+2)
			}

			// Crash before the commit: the claim of a dead process is
			// taken over and the request runs once.
			body = p.body(10*i + 2)
			old := e.Store.Now().Add(-time.Minute)
			if _, err := db.Exec("INSERT INTO idempotency_keys (scope, key_hash, request_hash, state, owner, claim_token, claimed_at, created_at) VALUES (?, ?, ?, 'pending', 'dead', 'x', ?, ?)",
				p.scope, keyHash(p.scope, str(i)+"-retry-3"), requestHash(p.path, body), old, old); err != nil {
				t.Fatal(err)
			}
			if r := send(str(i)+"-retry-3", body); r.Code != first.Code {
				t.Errorf("retry of an abandoned claim: %d %s", r.Code, r.Body)
			}
			if n := countRows(t, e, p.table); n != before+3 {
				t.Errorf("%d rows, want %d", n, before+3)
			}
			// A claim another live process holds answers 409 with Retry-After.
			body = p.body(10*i + 3)
			now := e.Store.Now()
			db.Exec("INSERT INTO idempotency_keys (scope, key_hash, request_hash, state, owner, claim_token, claimed_at, created_at) VALUES (?, ?, ?, 'pending', 'alive', 'y', ?, ?)",
				p.scope, keyHash(p.scope, str(i)+"-retry-4"), requestHash(p.path, body), now, now)
			if r := send(str(i)+"-retry-4", body); r.Code != 409 || r.Header().Get("Retry-After") == "" {
				t.Errorf("claim of a live process: %d %v", r.Code, r.Header())
			}
		})
	}
	// The replay store holds no person's data nor secret in clear.
	rows, err := db.Query("SELECT coalesce(body, '') FROM idempotency_keys")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var b []byte
		rows.Scan(&b)
		for _, s := range []string{personFirst, personLast, "inv_", "cs_", "pwr_"} {
			if strings.Contains(string(b), s) {
				t.Errorf("the replay store holds %q", s)
			}
		}
	}
}

// TestTakenOverClaimCannotCommit: the write of a request whose claim a
// retry took over is refused, so a record is never created twice even if
// the first request was only slow.
func TestTakenOverClaimCannotCommit(t *testing.T) {
	e := apitest.New(t)
	ctx := models.WithPrincipal(context.Background(), &models.Principal{UserID: e.AdminUser.ID, PlatformAdmin: true})
	slow, err := e.Store.BeginIdempotent(ctx, "user:x", "k", "h")
	if err != nil || slow.Claim == nil {
		t.Fatal(err)
	}
	e.Store.ReleaseClaim(slow.Claim) // as if its process had died
	if _, err := openRaw(t, e).Exec("UPDATE idempotency_keys SET owner = 'dead', claimed_at = ?", e.Store.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	retry, err := e.Store.BeginIdempotent(ctx, "user:x", "k", "h")
	if err != nil || retry.Claim == nil {
		t.Fatalf("take over: %v %+v", err, retry)
	}
	a := models.Actor{Name: "Lent", Address: models.Address{Street: "1 rue", PostalCode: "13001", Commune: "Marseille"}}
	if err := e.Store.CreateActor(models.WithIdempotencyClaim(ctx, slow.Claim), &a); models.ErrorCode(err) != models.ECONFLICT {
		t.Errorf("the slow request committed after being taken over: %v", err)
	}
	b := a
	if err := e.Store.CreateActor(models.WithIdempotencyClaim(ctx, retry.Claim), &b); err != nil {
		t.Errorf("the retry: %v", err)
	}
	if n := countRows(t, e, "actors"); n != 1 {
		t.Errorf("%d actors, want 1", n)
	}
}

// bigLimit lifts the credential rate limits for tests that send many.
var bigLimit = api.RateLimit{Every: time.Millisecond, Burst: 1000}
