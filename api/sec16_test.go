package api_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

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

// sec16: retention erases the person's data, and a checkpoint then empties
// the WAL, which still holds the pages as they were. A reader holding the
// WAL at that moment (a slow export, a long list) makes the checkpoint give
// up; the erasure was committed, so the next run found nothing to erase
// and never checkpointed again: the names, phone and situation stayed in
// carnet.db-wal until the log happened to wrap over them — days in a quiet
// service. An erasure now leaves a mark that only a successful checkpoint
// clears, and every maintenance run checkpoints while it is there.
func TestSec16ErasureCheckpointRetriedAfterAReaderHeldTheWAL(t *testing.T) {
	if dbtest.Engine() == "postgres" {
		t.Skip("reads SQLite's files")
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	markers := []string{"Quillévéré-Baptistin", "Yolaine-Artémise", "Disponible le jeudi après 16h30"}
	for i := 0; i < 3; i++ {
		body := referralBody(w.a, w.s)
		body["situation"] = strings.Repeat("Situation de Madame Quillévéré-Baptistin. ", 47)
		body["person"] = obj{"first_name": "Yolaine-Artémise", "last_name": "Quillévéré-Baptistin", "contact_channel": "phone",
			"contact": "06 22 44 66 88", "availability": "Disponible le jeudi après 16h30"}
		r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: body})
		if r.Code != 201 {
			t.Fatalf("send: %d %s", r.Code, r.Body)
		}
		w.move(w.memberB, str(r.Map()["id"]), "refused", obj{"reason": "other", "details": "Yolaine-Artémise injoignable"})
	}
	mu.Lock()
	now = now.Add(200 * 24 * time.Hour)
	mu.Unlock()
	ctx := context.Background()
	// A reader holds the WAL while retention runs.
	raw := dbtest.Raw(t, w.e.DBPath)
	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM referrals").Scan(&n); err != nil {
		t.Fatal(err)
	}
	_, erased, err := w.e.Store.MaintainReferrals(ctx, models.DefaultReferralPolicy)
	if erased != 3 {
		t.Fatalf("anonymised %d (%v), want 3", erased, err)
	}
	if err == nil {
		t.Log("the checkpoint went through despite the reader: nothing to retry")
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	// The next run has nothing new to erase.
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	if _, erased, err := w.e.Store.MaintainReferrals(ctx, models.DefaultReferralPolicy); err != nil || erased != 0 {
		t.Fatalf("second run: anonymised %d (%v)", erased, err)
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(w.e.DBPath + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, m := range markers {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("carnet.db%s still holds %q after the next maintenance run (%d bytes)", suffix, m, len(b))
			}
		}
	}
}
