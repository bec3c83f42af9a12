package api_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestTeamUndoesAConfirmationThatHidItsRecord (fix43 #2): a link
// confirmed before hiding a team's record was its managers' decision
// (session 42, mayHide) still hides the structure's record, here written
// by the store as such a confirmation was. Its managers undo it alone
// (dismiss: the record, its services, come back to search) and their trail
// records it; a member of the team, or a manager of the kept record, still
// may not, and the managers may not hide the other record instead.
func TestTeamUndoesAConfirmationThatHidItsRecord(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	mgr, mgrB := e.Account("direction.mediatheque@example.fr", map[string]models.Role{w.b: models.RoleManager}, models.Territory{})
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: w.coord, Body: validActor("Médiathèque Alcazar")})
	if r.Code != 201 {
		t.Fatalf("coordinator creates the look-alike: %d %s", r.Code, r.Body)
	}
	fake := str(r.Map()["id"])
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates", Token: w.coord, Body: obj{"actor_a": w.b, "actor_b": fake}})
	id := ""
	if m := regexp.MustCompile(`exists: ([0-9a-f-]{36}) \(suggested\)`).FindStringSubmatch(r.Body.String()); r.Code == 409 && m != nil {
		id = m[1] // detection suggested it first
	} else if r.Code == 201 {
		id = str(r.Map()["id"])
	} else {
		t.Fatalf("link: %d %s", r.Code, r.Body)
	}
	// The coordinator's confirmation of before the rule: written as then,
	// without the managers' right being asked.
	if _, err := e.Store.DecideDuplicate(context.Background(), id, models.Decision{Status: models.DuplicateConfirmed, Keep: fake}); err != nil {
		t.Fatal(err)
	}
	searched := func() bool {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?q=" + url.QueryEscape("aide aux démarches")})
		return strings.Contains(r.Body.String(), w.s)
	}
	if searched() {
		t.Fatalf("the confirmation did not hide the team's service")
	}
	decide := func(token, verb, keep string) *apitest.Response {
		body := obj{}
		if keep != "" {
			body["keep"] = keep
		}
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + id + "/" + verb, Token: token, Body: body})
	}
	trail := len(trailEvents(t, e, w.b, mgrB, "actor.duplicate_decided"))
	if r := decide(w.memberB, "dismiss", ""); r.Code != 403 {
		t.Errorf("a member of the hidden record's team undoes: %d %s", r.Code, r.Body)
	}
	if r := decide(mgrB, "confirm", w.b); r.Code != 403 {
		t.Errorf("the managers hide the other record instead: %d %s", r.Code, r.Body)
	}
	if r := decide(mgrB, "dismiss", ""); r.Code != 200 || str(r.Map()["status"]) != models.DuplicateDismissed {
		t.Fatalf("the hidden record's manager undoes the confirmation: %d %s", r.Code, r.Body)
	}
	if !searched() {
		t.Errorf("the team's service is still out of search")
	}
	ev := trailEvents(t, e, w.b, mgrB, "actor.duplicate_decided")
	if len(ev) != trail+1 {
		t.Fatalf("the structure's trail records the undoing: %d events (had %d)", len(ev), trail)
	}
	details, _ := ev[0]["details"].(map[string]any)
	now, _ := details["new"].(map[string]any)
	if now["status"] != models.DuplicateDismissed || ev[0]["who_id"] != mgr.ID {
		t.Errorf("the trail's entry says who undid what: %v", ev[0])
	}
	// A confirmation keeping the team's record, hiding another: undoing it
	// needs both records' moderator, as before.
	if _, err := e.Store.DecideDuplicate(context.Background(), id, models.Decision{Status: models.DuplicateConfirmed, Keep: w.b}); err != nil {
		t.Fatal(err)
	}
	if r := decide(mgrB, "dismiss", ""); r.Code != 403 {
		t.Errorf("the kept record's manager undoes a confirmation hiding another record: %d %s", r.Code, r.Body)
	}
}
