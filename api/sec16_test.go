package api_test

import (
	"context"
	"sync"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// sec16: dismissing a suggested link needs the right on one of its two
// actors, undoing a confirmation the right on both. The handler read the
// link's status, then wrote the decision in a transaction of its own: a
// manager of one side whose dismissal read « suggested » while a
// coordinator of both sides was confirming it wrote « dismissed » over the
// committed confirmation — undoing, with the right on one side, a decision
// that needed both. Each round races the two decisions on a fresh
// suggestion; the final state tells the order (SQLite and PostgreSQL
// serialise the two writes): dismissed by the manager while the
// confirmation also succeeded means the dismissal was written after it.
func TestSec16DuplicateDecisionCheckedOnTheStateItChanges(t *testing.T) {
	e := apitest.New(t)
	ctx := context.Background()
	own := str(createActor(t, e, validActor("Réseau"))["id"])
	mgrUser, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	_, coord := e.Account("coord@example.fr", nil, models.Territory{Departements: []string{"13"}})
	var last string
	for i, src := range []string{"dup-a", "dup-b"} {
		a := models.Actor{Name: "Espace numérique Belsunce", Source: src, SourceID: "1"}
		if i == 0 {
			a.ParentID = &own // only the first is the manager's
		}
		last = syncAtBelsunce(t, e, a)
	}
	e.DuplicatesDetected()
	page, err := e.Store.ListDuplicates(ctx, models.DuplicateFilter{ActorID: last, Statuses: []string{"suggested"}})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("no duplicate link: %v", err)
	}
	link := page.Items[0].ID
	raw := dbtest.Raw(t, e.DBPath)
	escapes := 0
	const rounds = 120
	for round := 0; round < rounds; round++ {
		if _, err := raw.Exec("UPDATE duplicate_links SET status = 'suggested', decided_by = '', decided_at = NULL WHERE id = ?", link); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var confirm, dismiss int
		wg.Add(2)
		go func() {
			defer wg.Done()
			confirm = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + link + "/confirm", Token: coord}).Code
		}()
		go func() {
			defer wg.Done()
			dismiss = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + link + "/dismiss", Token: mgr}).Code
		}()
		wg.Wait()
		if confirm != 200 || dismiss != 200 && dismiss != 403 {
			t.Fatalf("round %d: confirm %d, dismiss %d", round, confirm, dismiss)
		}
		l, err := e.Store.GetDuplicate(ctx, link)
		if err != nil {
			t.Fatal(err)
		}
		if l.Status == models.DuplicateDismissed && l.DecidedBy == "user:"+mgrUser.ID {
			escapes++
		}
	}
	if escapes > 0 {
		t.Errorf("in %d of %d rounds a manager of one side undid a confirmation committed before its dismissal", escapes, rounds)
	}
}
