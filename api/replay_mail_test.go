package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestCrashReplayDropsTheReplacedLinksMail reproduces session 37's
// leftover: a retry, under the same Idempotency-Key, of an invitation (or
// a reset link) whose answer a crash lost issues a new token — the lost
// answer held the old one, which cannot be rebuilt, so the key's promise
// of the same answer is kept as far as it can: the same record, a new
// secret, the old one dead (RenderCreated). The old token's e-mail, still
// in the outbox, was sent all the same, with a dead link beside the new
// one. It is dropped as the token is replaced: one mail is queued, and its
// link is the one returned.
func TestCrashReplayDropsTheReplacedLinksMail(t *testing.T) {
	e := apitest.New(t, apitest.WithNotifications())
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	member, _ := e.Account("aidante@example.fr", map[string]models.Role{own: models.RoleMember}, models.Territory{})
	mgr, mgrTok := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	db := openRaw(t, e)
	queuedParams := func(kind, email string) (params []string) {
		t.Helper()
		rows, err := db.Query("SELECT params FROM outbox WHERE kind = ? AND to_email = ? AND state = 'pending'", kind, email)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				t.Fatal(err)
			}
			params = append(params, p)
		}
		return params
	}
	for _, p := range []struct {
		name, kind, email, path string
		body                    obj
	}{
		{"team invitation", models.NotifyInvitation, "nouvelle@example.fr", "/api/v1/actors/" + own + "/members", obj{"email": "nouvelle@example.fr", "role": "member"}},
		{"reset link", models.NotifyPasswordReset, "aidante@example.fr", "/api/v1/users/" + member.ID + "/password-reset", obj{}},
	} {
		key := "k-" + strings.ReplaceAll(p.name, " ", "-")
		post := func() *apitest.Response {
			return e.Do(apitest.Request{Method: "POST", Path: p.path, Token: mgrTok, Body: p.body, Header: map[string]string{"Idempotency-Key": key}})
		}
		if r := post(); r.Code/100 != 2 {
			t.Fatalf("%s: %d %s", p.name, r.Code, r.Body)
		}
		first := queuedParams(p.kind, p.email)
		if len(first) != 1 {
			t.Fatalf("%s: %d mails queued", p.name, len(first))
		}
		// The process died after the commit, before the answer was stored.
		if _, err := db.Exec("UPDATE idempotency_keys SET state = 'committed', body = NULL, status = 0, owner = 'dead' WHERE key_hash = ?", keyHash("user:"+mgr.ID, key)); err != nil {
			t.Fatal(err)
		}
		r := post()
		if r.Code/100 != 2 || r.Header().Get("Idempotent-Replayed") != "true" {
			t.Fatalf("%s replayed: %d %s", p.name, r.Code, r.Body)
		}
		queued := queuedParams(p.kind, p.email)
		if len(queued) != 1 || queued[0] == first[0] {
			t.Errorf("%s: %d mails queued after the replay, want the new link's alone", p.name, len(queued))
		}
		if tok, _ := r.Map()["token"].(string); tok != "" && (len(queued) != 1 || !strings.Contains(queued[0], tok)) {
			t.Errorf("%s: the queued mail is not the returned token's: %v", p.name, queued)
		}
	}
}
