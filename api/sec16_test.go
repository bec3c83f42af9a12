package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api"
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
	link := belsuncePair(t, e, own, 1)
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

// sec16: the per-address limit of logins and password guesses (and of
// sign-ups) was keyed by the whole client address. An IPv6 subscriber is
// given at least a /64 (2^64 addresses: RFC 6177, RIPE-690), and a script
// picks a new source address for each try at no cost, so a password sprayed
// over many accounts from one connection never met the limit. IPv6 clients
// now share the limit of their /64; another /64 and IPv4 keep their own,
// and an IPv4-mapped address is its IPv4 one.
func TestSec16PerAddressLimitHoldsAcrossAnIPv6Subscription(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(api.RateLimit{Every: time.Hour, Burst: 3}, api.RateLimit{Every: time.Hour, Burst: 100}))
	login := func(remote string, i int) int {
		body := fmt.Sprintf(`{"email":"personne%d@example.fr","password":"Printemps2026!"}`, i)
		r := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.RemoteAddr = remote
		w := httptest.NewRecorder()
		e.Handler.ServeHTTP(w, r)
		return w.Code
	}
	limited := 0
	for i := 0; i < 6; i++ {
		// A new address of one /64 for each guess.
		if login(fmt.Sprintf("[2001:db8:1:2:%x::%x]:443", i, i+1), i) == 429 {
			limited++
		}
	}
	if limited == 0 {
		t.Errorf("6 guesses from one IPv6 /64, each from another address, were never limited (3 an hour)")
	}
	if c := login("[2001:db8:1:3::1]:443", 100); c == 429 {
		t.Errorf("another /64 shares the first one's limit: %d", c)
	}
	for i := 0; i < 3; i++ {
		login("203.0.113.7:443", 200+i)
	}
	if c := login("[::ffff:203.0.113.7]:443", 300); c != 429 {
		t.Errorf("an IPv4-mapped address escapes its IPv4 address's limit: %d", c)
	}
	if c := login("203.0.113.8:443", 400); c == 429 {
		t.Errorf("an IPv4 neighbour shares the limit: %d", c)
	}
}

// sec16: a structure closes a service to referrals (accepts_referrals
// false: overloaded, or not a place to send people to), a choice of
// Carnet's that no partner format carries. A sync batch that did not send
// accepts_referrals read it as its default and reopened the service, as
// every import of a standard file did; referrals then reached a service
// whose structure had said it takes none. It is now kept like the other
// fields Carnet's users set (closure, contact_public, capacity, full).
func TestSec16PartnerWritesKeepAServiceClosedToReferrals(t *testing.T) {
	e := apitest.New(t)
	sender := str(createActor(t, e, validActor("CCAS de Gap"))["id"])
	_, member := e.Account("aidant@example.fr", map[string]models.Role{sender: models.RoleMember}, models.Territory{})
	closeIt := func(sid string) { patchAsAdmin(t, e, "/api/v1/services/"+sid, obj{"accepts_referrals": false}) }
	check := func(how, sid string) {
		t.Helper()
		sv := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + sid, Token: e.Admin}).Map()
		if sv["accepts_referrals"] != false {
			t.Errorf("%s reopened the service to referrals", how)
		}
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: member, Body: referralBody(sender, sid)}); r.Code != 422 {
			t.Errorf("%s: a referral to the closed service: %d %s", how, r.Code, r.Body)
		}
	}

	// A JSON sync batch.
	syncActors(t, e, "", partnerActor("k-1", "Médiathèque de Gap"))
	service := obj{"source_id": "s-1", "actor_source_id": "k-1", "name": "Aide aux démarches", "description": "Sur rendez-vous.",
		"kind": "procedures_done_with", "themes": []string{"Aide aux démarches administratives"}}
	syncService := func() string {
		t.Helper()
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: obj{"services": []obj{service}}})
		if r.Code != 200 {
			t.Fatalf("sync services: %d %s", r.Code, r.Body)
		}
		var res syncResult
		r.JSON(&res)
		return res.Results[0].ID
	}
	sid := syncService()
	closeIt(sid)
	service["description"] = "Sans rendez-vous."
	syncService()
	check("a sync batch without accepts_referrals", sid)
	service["accepts_referrals"] = true
	syncService()
	if sv := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + sid, Token: e.Admin}).Map(); sv["accepts_referrals"] != true {
		t.Errorf("a batch that sends accepts_referrals true does not reopen it: %v", sv["accepts_referrals"])
	}

	// An import of the national standard.
	importHub(t, e, gapPlace(obj{"frais_a_charge": "Payant"}))
	imported := hubServiceID(t, e)
	closeIt(imported)
	importHub(t, e, gapPlace(obj{"frais_a_charge": "Gratuit"}))
	check("an import", imported)
}

// sec16: a place of a partner's source joins a network in Carnet
// (parent_id, set by a coordinator or an administrator): the network's
// managers then edit it and follow its referrals' statistics. The standard's
// files cannot say it (structure_parente is free text, not imported), yet
// every import cleared it, as did a JSON batch that did not send parent_id:
// the place silently left its network and the network's managers lost
// their rights on it. Omitted, it is kept; a batch that sends parent_id,
// null included, still sets it.
func TestSec16PartnerWritesKeepTheNetworkSetInCarnet(t *testing.T) {
	e := apitest.New(t)
	network := str(createActor(t, e, validActor("Réseau des médiathèques"))["id"])
	_, netManager := e.Account("reseau@example.fr", map[string]models.Role{network: models.RoleManager}, models.Territory{})
	join := func(id string) { patchAsAdmin(t, e, "/api/v1/actors/"+id, obj{"parent_id": network}) }
	check := func(how, id string) {
		t.Helper()
		got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + id, Token: e.Admin}).Map()
		if got["parent_id"] != network {
			t.Errorf("%s took the place out of its network: parent_id %v", how, got["parent_id"])
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: netManager, Body: obj{"summary": "Ateliers le mardi."}}); r.Code != 200 {
			t.Errorf("%s: the network's manager may no longer edit the place: %d", how, r.Code)
		}
	}

	// An import of the national standard.
	row := func(desc string) []obj {
		return gapPlace(obj{"presentation_detail": desc, "structure_parente": "Réseau des médiathèques"})
	}
	importHub(t, e, row("Accueil du public."))
	imported := str(get(t, e, "/api/v1/actors?source=hub")["data"].([]any)[0].(obj)["id"])
	join(imported)
	importHub(t, e, row("Accueil du public, sur rendez-vous."))
	check("an import", imported)

	// A JSON sync batch.
	place := partnerActor("k-1", "Médiathèque de Gap")
	synced := syncActors(t, e, "", place).Results[0].ID
	join(synced)
	place["description"] = "Changed by the partner."
	syncActors(t, e, "", place)
	check("a sync batch without parent_id", synced)
	place["parent_id"] = nil
	syncActors(t, e, "", place)
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + synced, Token: e.Admin}).Map(); got["parent_id"] != nil {
		t.Errorf("a batch sending parent_id null keeps the network: %v", got["parent_id"])
	}
}

// sec16: an import turns each row of the standard into a place and its
// offer; the standard has no column for the offer's own description, fees
// details, languages, hours, location or booking link, which the structure
// writes in Carnet. The next import of the same file, unchanged, wrote the
// offer again as the file says it and erased them (« updated »). What the
// format cannot say is now kept, as the closure and contact_public were;
// JSON batches, which carry these fields, still write them as sent.
func TestSec16ImportKeepsTheOfferWrittenInCarnet(t *testing.T) {
	e := apitest.New(t)
	importHub(t, e, gapPlace(nil))
	sid := hubServiceID(t, e)
	edits := obj{"description": "Sur rendez-vous le mardi, avec une interprète.", "languages": []string{"ar"}, "fees_details": "Adhésion annuelle de 10 €",
		"opening_hours": "Tu 14:00-17:00", "booking_url": "https://rdv.example.fr/gap"}
	patchAsAdmin(t, e, "/api/v1/services/"+sid, edits)
	rep := importHub(t, e, gapPlace(nil))
	got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services/" + sid, Token: e.Admin}).Map()
	for field, want := range edits {
		if fmt.Sprint(got[field]) != fmt.Sprint(want) {
			t.Errorf("the same file imported again erased the service's %s: %v", field, got[field])
		}
	}
	if n := rep["services"].(map[string]any)["unchanged"]; n != float64(1) {
		t.Errorf("the same file imported again: services %v, want 1 unchanged", rep["services"])
	}
}

// gapPlace is a row of the national standard for the imports of these
// tests, with extra cells.
func gapPlace(extra obj) []obj {
	return []obj{merge(obj{"id": "g-1", "nom": "Maison France services de Gap", "pivot": "00000000000000", "commune": "Gap", "code_postal": "05000",
		"adresse": "3 rue Colonel Roux", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives"}, extra)}
}

// importHub imports rows into the source hub as the administrator and
// returns the report.
func importHub(t *testing.T, e *apitest.Env, rows []obj) map[string]any {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: e.Admin, Body: rows})
	if r.Code != 200 {
		t.Fatalf("import: %d %s", r.Code, r.Body)
	}
	return r.Map()
}

// patchAsAdmin PATCHes path as the administrator, failing the test unless 200.
func patchAsAdmin(t *testing.T, e *apitest.Env, path string, body obj) {
	t.Helper()
	if r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: body}); r.Code != 200 {
		t.Fatalf("PATCH %s: %d %s", path, r.Code, r.Body)
	}
}

// hubServiceID is the one service the source hub holds.
func hubServiceID(t *testing.T, e *apitest.Env) string {
	t.Helper()
	var list struct {
		Data []struct{ ID string } `json:"data"`
	}
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/services?source=hub", Token: e.Admin}).JSON(&list)
	if len(list.Data) != 1 {
		t.Fatalf("imported services: %d", len(list.Data))
	}
	return list.Data[0].ID
}
