package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
	"carnet/models/opendata"
)

// The trail a structure can read: who did what and by which channel, without
// another team's events, resets or login e-mails.

// TestTrailKeepsOtherTeamsPrivate: a structure's journal shows the account
// events of its members, but not another structure's team events about
// them. A person in two structures must not let the managers of one read
// who was added, promoted or removed in the other, and by whom (the login
// e-mail of the other structure's manager).
func TestTrailKeepsOtherTeamsPrivate(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	other := str(createActor(t, e, validActor("CCAS secret"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	otherMgr, otherTok := e.Account("directrice.ccas@example.fr", map[string]models.Role{other: models.RoleManager}, models.Territory{})
	both, _ := e.Account("both@example.fr", map[string]models.Role{other: models.RoleMember}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + other + "/members/" + both.ID, Token: otherTok, Body: obj{"role": "manager"}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if _, err := e.Store.AddMember(context.Background(), own, both.ID, models.RoleMember); err != nil {
		t.Fatal(err)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + own + "/trail?limit=200", Token: mgr})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	for _, leak := range []string{other, otherMgr.Email} {
		if strings.Contains(r.Body.String(), leak) {
			t.Errorf("the journal of one structure shows another's team events (%s): %s", leak, r.Body)
		}
	}
	// Its own team's events are still there.
	if !strings.Contains(r.Body.String(), `"action":"membership.added"`) {
		t.Errorf("the structure's own membership event is missing: %s", r.Body)
	}
}

// TestNameSearchesAreTraced: a name search answers how many of the
// structure's referrals concern the person (meta.total) whatever the page
// holds. A member who joined after those referrals were sent (or an
// administrator who added themself) asked for a page past the end — a
// cursor below every id, or a filter leaving the page empty — and learnt,
// with no trace, whether the structure follows someone of that name. Every
// referral a name search matched is now a traced read for such a reader.
func TestNameSearchesAreTraced(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	id := w.send(t)
	_, late := e.Account("arrivee.b@example.fr", map[string]models.Role{w.b: models.RoleMember}, models.Territory{})
	_, managerB := e.Account("direction.b@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	// A cursor is sealed to its list (handlers.cursorSeal), but the seal
	// is no secret: a client can write one below every id.
	past := base64.RawURLEncoding.EncodeToString([]byte(`{"s":"id","i":"00000000-0000-7000-8000-000000000000"}`))
	seal := sha256.Sum256([]byte("/api/v1/referrals?person_name=zoubi"))
	past += "." + base64.RawURLEncoding.EncodeToString(seal[:9])
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?limit=1&person_name=zoubi&cursor=" + past, Token: late})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	var page struct {
		Data []any
		Meta struct{ Total int }
	}
	r.JSON(&page)
	if len(page.Data) != 0 || page.Meta.Total != 1 {
		t.Fatalf("the probe: %s", r.Body)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.b + "/trail?action=referral.read", Token: managerB})
	if !strings.Contains(r.Body.String(), id) {
		t.Errorf("a name search by a member who joined later, answering that the structure followed that person, left no trace: %s", r.Body)
	}
	// A long-standing member's searches leave none.
	before := strings.Count(r.Body.String(), `"action":"referral.read"`)
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals?person_name=zoubi&cursor=" + past, Token: w.memberB})
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.b + "/trail?action=referral.read", Token: managerB})
	if n := strings.Count(r.Body.String(), `"action":"referral.read"`); n != before {
		t.Errorf("a long-standing member's search was traced: %d reads, want %d", n, before)
	}
}

// TestHistoryTellsTheTrueChannel: every path to a change of a partner's
// place — a direct PATCH, a JSON sync batch, a file imported through the
// API, an accepted suggestion and the operator's `carnet import` — leaves
// in the record's history the channel it came through and who made it.
// The command's import was recorded as "sync" (a partner's bulk sync),
// the channel of the routes, although the history documents "cli" for an
// operator's command: a reader of the history could not tell the
// operator's file from a partner's batch.
func TestHistoryTellsTheTrueChannel(t *testing.T) {
	e := apitest.New(t)
	client, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	place := func(id, name string) string {
		return "id,nom,adresse,code_postal,commune,services,date_maj\n" + id + "," + name +
			",2 rue de la République,13002,Marseille,Aide aux démarches administratives,2026-01-02\n"
	}
	// The place every path changes, created by the partner's sync.
	first := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner,
		Body: obj{"actors": []obj{partnerActor("lieu-1", "Médiathèque")}}})
	if first.Code != 200 {
		t.Fatalf("sync: %d %s", first.Code, first.Body)
	}
	var created syncResult
	first.JSON(&created)
	id := created.Results[0].ID
	manager, managerToken := e.Account("gestion@example.fr", map[string]models.Role{id: models.RoleManager}, models.Territory{})
	author := userToken(t, e, "usager@example.fr")

	var suggestion string
	cases := []struct {
		name          string
		change        func(t *testing.T)
		channel, kind string
		who           string
	}{
		{"a PATCH by the partner", func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: partner, Body: obj{"summary": "Par l'API"}, ContentType: "application/merge-patch+json"})
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
		}, "api", models.WhoClient, client.ID},
		{"a sync batch", func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner, Body: obj{"actors": []obj{partnerActor("lieu-1", "Médiathèque (sync)")}}})
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
		}, "sync", models.WhoClient, client.ID},
		{"a file imported through the API", func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: partner, ContentType: "text/csv", Body: place("lieu-1", "Médiathèque (fichier)")})
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
		}, "sync", models.WhoClient, client.ID},
		{"an accepted suggestion", func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"summary": "Suggéré"}}})
			if r.Code != 201 {
				t.Fatalf("suggest: %d %s", r.Code, r.Body)
			}
			suggestion = r.Map()["id"].(string)
			if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + suggestion, Token: managerToken, Body: obj{"status": "accepted"}}); r.Code != 200 {
				t.Fatalf("accept: %d %s", r.Code, r.Body)
			}
		}, "suggestion", models.WhoUser, manager.ID},
		{"the import command", func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "lieux.csv")
			if err := os.WriteFile(file, []byte(place("lieu-1", "Médiathèque (commande)")), 0o600); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			err := opendata.RunImport(context.Background(), []string{file, "--source", "hub", "--db", e.DBPath},
				func(string) string { return "" }, &out, io.Discard, func(r *opendata.Report) any { return r })
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
		}, "cli", models.WhoSystem, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.change(t)
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id + "/history?limit=1", Token: e.Admin})
			if r.Code != 200 {
				t.Fatalf("history: %d %s", r.Code, r.Body)
			}
			var h struct {
				Data []struct {
					Action, Channel string
					Who             struct{ Kind, ID string }
					SuggestionID    string `json:"suggestion_id"`
				}
			}
			r.JSON(&h)
			if len(h.Data) != 1 {
				t.Fatalf("history: %s", r.Body)
			}
			got := h.Data[0]
			if got.Action != "update" || got.Channel != c.channel || got.Who.Kind != c.kind || got.Who.ID != c.who {
				t.Errorf("latest event %+v, want an update through %s by %s %q", got, c.channel, c.kind, c.who)
			}
			if want := suggestion; c.channel != "suggestion" && got.SuggestionID != "" || c.channel == "suggestion" && got.SuggestionID != want {
				t.Errorf("suggestion_id %q", got.SuggestionID)
			}
		})
	}
}

// TestTrailKeepsOtherStructuresResets: a structure's journal shows its
// members' account events, and a reset link issued by another structure's
// manager is one (account.password_reset_issued, with that structure's id
// and its manager's login e-mail). Once the person joined a second
// structure, the managers of the second read in its journal which other
// structure they belong to and the login e-mail of its manager — what
// TestTrailKeepsOtherTeamsPrivate keeps private for team events.
func TestTrailKeepsOtherStructuresResets(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	other := str(createActor(t, e, validActor("CCAS secret"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	otherMgr, otherTok := e.Account("directrice.ccas@example.fr", map[string]models.Role{other: models.RoleManager}, models.Territory{})
	both, _ := e.Account("both@example.fr", map[string]models.Role{other: models.RoleMember}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + both.ID + "/password-reset", Token: otherTok, Body: obj{}}); r.Code != 201 {
		t.Fatal(r.Code, r.Body)
	}
	if _, err := e.Store.AddMember(t.Context(), own, both.ID, models.RoleMember); err != nil {
		t.Fatal(err)
	}
	// An account event once a member: the structure sees it.
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + both.ID, Token: e.Admin, Body: obj{"display_name": "Deux Maisons"}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + own + "/trail?limit=200", Token: mgr})
	if r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	for _, leak := range []string{other, otherMgr.Email} {
		if strings.Contains(r.Body.String(), leak) {
			t.Errorf("the journal of one structure shows another's events about a member (%s): %s", leak, r.Body)
		}
	}
	if !strings.Contains(r.Body.String(), `"action":"account.updated"`) {
		t.Errorf("the member's account event since joining is missing: %s", r.Body)
	}
	// The other structure's journal keeps its reset link.
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + other + "/trail?action=account.password_reset_issued", Token: otherTok})
	if r.Code != 200 || !strings.Contains(r.Body.String(), both.ID) {
		t.Errorf("the issuing structure's journal lost its reset link: %d %s", r.Code, r.Body)
	}
}

// TestTrailKeepsLoginEmailsPrivate: a member who joined a structure after
// a referral was sent leaves a trace when reading it, in the journals of
// both structures. The other structure's journal named the reader by their
// login e-mail, which stays private to other structures (a referral names
// people by their display name and the professional contact they share).
func TestTrailKeepsLoginEmailsPrivate(t *testing.T) {
	w := newWorld(t)
	e := w.e
	ref := w.referral(w.users["member"], w.own, w.otherSvc)
	late, lateTok := e.Account("connexion.privee@carnet.test", map[string]models.Role{w.other: models.RoleMember}, models.Territory{})
	name := "Camille Arrivée"
	if _, err := e.Store.UpdateProfile(t.Context(), late.ID, models.ProfileUpdate{DisplayName: &name}); err != nil {
		t.Fatal(err)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + ref, Token: lateTok}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + w.own + "/trail?action=referral.read", Token: w.tokens["manager"]})
	var trail struct {
		Data []struct {
			Who struct{ ID, Label string } `json:"who"`
		} `json:"data"`
	}
	r.JSON(&trail)
	if r.Code != 200 || len(trail.Data) != 1 || trail.Data[0].Who.ID != late.ID || trail.Data[0].Who.Label != name {
		t.Errorf("the sender's journal of the read: %d %s", r.Code, r.Body)
	}
	if strings.Contains(r.Body.String(), late.Email) {
		t.Errorf("another structure's journal shows the reader's login e-mail: %s", r.Body)
	}
}

// TestTrailSeqsCountNoOtherStructure: the trail's seqs count the events of
// the whole platform, and a structure's managers read them as they were:
// the gap between two of their own events told how many membership
// changes, invitations and traced referral reads happened elsewhere
// meanwhile. A structure's trail shows them through a keyed permutation;
// its pages still follow each other without gap or repeat.
func TestTrailSeqsCountNoOtherStructure(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Médiathèque"))["id"])
	other := str(createActor(t, e, validActor("CCAS"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	e.Account("autre@example.fr", map[string]models.Role{other: models.RoleManager}, models.Territory{})
	for i := range 4 {
		u, _ := e.Account("membre"+string(rune('a'+i))+"@example.fr", map[string]models.Role{other: models.RoleMember}, models.Territory{})
		if _, err := e.Store.AddMember(context.Background(), own, u.ID, models.RoleMember); err != nil {
			t.Fatal(err)
		}
	}
	type page struct {
		Data []struct {
			Seq       int64
			SubjectID string `json:"subject_id"`
			Action    string
		}
		Meta struct {
			NextCursor *string `json:"next_cursor"`
		}
	}
	get := func(path, token string) page {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: path, Token: token})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		var p page
		r.JSON(&p)
		return p
	}
	whole := get("/api/v1/actors/"+own+"/trail?limit=200", mgr)
	platform := get("/api/v1/trail?limit=200", e.Admin)
	raw := map[string]int64{}
	for _, ev := range platform.Data {
		raw[ev.Action+" "+ev.SubjectID] = ev.Seq
	}
	var shown []int64
	for _, ev := range whole.Data {
		if ev.Seq == raw[ev.Action+" "+ev.SubjectID] {
			t.Errorf("%s %s: the structure's trail shows the platform's seq %d", ev.Action, ev.SubjectID, ev.Seq)
		}
		shown = append(shown, ev.Seq)
	}
	if len(shown) < 4 {
		t.Fatalf("%d events in the trail, want at least 4", len(shown))
	}
	var paged []int64
	path := "/api/v1/actors/" + own + "/trail?limit=1"
	for range 50 {
		p := get(path, mgr)
		for _, ev := range p.Data {
			paged = append(paged, ev.Seq)
		}
		if p.Meta.NextCursor == nil {
			break
		}
		path = "/api/v1/actors/" + own + "/trail?limit=1&cursor=" + *p.Meta.NextCursor
	}
	if !slices.Equal(paged, shown) {
		t.Errorf("paged one by one: %v, whole: %v", paged, shown)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + own + "/trail?cursor=" + base64.RawURLEncoding.EncodeToString([]byte("q0")), Token: mgr}); r.Code != 400 {
		t.Errorf("a cursor no page gave: %d, want 400", r.Code)
	}
}

// TestTrailDetailsAreSnakeCase reproduces item 4 of the twenty-seventh
// session's probe: a coordinator's territory was written into the trail
// as the Go struct (`{"Communes":null,"Departements":["13"]}`), against the
// API's snake_case fields and [] for empty lists. The same territory in an
// account created with rights, an account's change and an invitation.
func TestTrailDetailsAreSnakeCase(t *testing.T) {
	e := apitest.New(t)
	u, _ := e.Account("coordination@example.fr", nil, models.Territory{})
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: e.Admin, Body: obj{"coordinator": obj{"departements": []string{"13"}}}}); r.Code != 200 {
		t.Fatalf("coordinator: %d %s", r.Code, r.Body)
	}
	created, _ := e.Account("creee@example.fr", nil, models.Territory{Communes: []string{"13055"}})
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/invitations", Token: e.Admin, Body: obj{"email": "invitee@example.fr", "coordinator": obj{"communes": []string{"13055"}}}}); r.Code != 201 {
		t.Fatalf("invitation: %d %s", r.Code, r.Body)
	}
	details := func(query string) map[string]any {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/trail?" + query, Token: e.Admin})
		var page struct {
			Data []struct {
				Details map[string]any `json:"details"`
			} `json:"data"`
		}
		r.JSON(&page)
		if r.Code != 200 || len(page.Data) != 1 {
			t.Fatalf("%s: %d %s", query, r.Code, r.Body)
		}
		return page.Data[0].Details
	}
	// An event recorded before the fix keeps its row (the trail is
	// append-only) and is read in the current shape.
	legacy := models.NewID()
	if _, err := dbtest.Raw(t, e.DBPath).Exec("INSERT INTO trail_events (at, action, subject_kind, subject_id, who_kind, channel, details) VALUES (?, ?, ?, ?, ?, ?, ?)",
		time.Now().UTC(), models.TrailAccountUpdated, models.SubjectAccount, legacy, "user", "api",
		`{"coordinator":{"old":{"Departements":null,"Communes":null},"new":{"Departements":["13"],"Communes":null}}}`); err != nil {
		t.Fatal(err)
	}
	territory := func(departements, communes []string) map[string]any {
		return map[string]any{"departements": toAny(departements), "communes": toAny(communes)}
	}
	for _, c := range []struct {
		query string
		want  map[string]any
	}{
		{"action=account.updated&subject_id=" + u.ID, map[string]any{"coordinator": map[string]any{"old": territory(nil, nil), "new": territory([]string{"13"}, nil)}}},
		{"action=account.updated&subject_id=" + legacy, map[string]any{"coordinator": map[string]any{"old": territory(nil, nil), "new": territory([]string{"13"}, nil)}}},
		{"action=account.created&subject_id=" + created.ID, map[string]any{"platform_admin": false, "coordinator": territory(nil, []string{"13055"})}},
		{"action=invitation.created", map[string]any{"coordinator": territory(nil, []string{"13055"})}},
	} {
		got := details(c.query)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: details %v, want %v", c.query, got, c.want)
		}
	}
}

func toAny(l []string) []any {
	out := []any{}
	for _, s := range l {
		out = append(out, s)
	}
	return out
}
