package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// Duplicate links and private contacts: a link, its reasons and its scores
// show each caller only what their public data make, a link owed to private
// contacts does not exist for them, and decisions are checked on the state
// they change.

// TestUndoingAConfirmedDuplicate: confirming a duplicate link hides the newer
// actor and needs the right to moderate both; dismissing it was allowed
// with the right on either, so a manager of one structure could undo a
// coordinator's confirmation and show the other structure's record again.
// Undoing a confirmation now needs what confirming needed; a suggested link
// is still dismissed by either side.
func TestUndoingAConfirmedDuplicate(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Réseau"))["id"])
	_, mgr := e.Account("mgr@example.fr", map[string]models.Role{own: models.RoleManager}, models.Territory{})
	_, coord := e.Account("coord@example.fr", nil, models.Territory{Departements: []string{"13"}})
	pair := func(n int) string { return belsuncePair(t, e, own, n) }
	confirmed := pair(1)
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + confirmed + "/confirm", Token: coord}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + confirmed + "/dismiss", Token: mgr}); r.Code != 403 {
		t.Errorf("a manager of one side undid a confirmation: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + confirmed + "/dismiss", Token: coord}); r.Code != 200 {
		t.Errorf("the coordinator of both sides may undo it: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + pair(2) + "/dismiss", Token: mgr}); r.Code != 200 {
		t.Errorf("a suggested link is dismissed by either side: %d %s", r.Code, r.Body)
	}
}

// TestDuplicateReasonsKeepContactsPrivate: the public list of duplicates
// said « même téléphone » / « même courriel » about actors whose contact
// details are not public. Anyone able to write a record (a partner, a
// network's manager) could create a look-alike with a guessed number and
// read, anonymously, whether it was the other structure's private phone.
// Those reasons now follow the one rule for contact details.
func TestDuplicateReasonsKeepContactsPrivate(t *testing.T) {
	e := apitest.New(t)
	var last string
	for _, src := range []string{"dup-a", "dup-b"} {
		last = syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: src, SourceID: "x", Phones: models.StringList{"04 91 00 00 07"}})
	}
	e.DuplicatesDetected()
	for who, tok := range map[string]string{"anonymous": "", "administrator": e.Admin} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + last, Token: tok})
		if r.Code != 200 || !strings.Contains(r.Body.String(), `"same_name"`) {
			t.Fatalf("%s: %d %s", who, r.Code, r.Body)
		}
		if shown := strings.Contains(r.Body.String(), `"same_phone"`); shown != (who == "administrator") {
			t.Errorf("%s: same_phone shown %v", who, shown)
		}
	}
}

// syncAtBelsunce writes a through its source's sync at one address in
// Marseille, where the duplicate tests' look-alikes meet, and returns its id.
// belsuncePair syncs the same place from two sources, the first in the
// network own, and returns the suggested link between them.
func belsuncePair(t *testing.T, e *apitest.Env, own string, n int) string {
	t.Helper()
	var last string
	for i, src := range []string{"dup-a", "dup-b"} {
		a := models.Actor{Name: "Espace numérique Belsunce", Source: src, SourceID: str(n)}
		if i == 0 {
			a.ParentID = &own // only the first is the manager's
		}
		last = syncAtBelsunce(t, e, a)
	}
	e.DuplicatesDetected()
	page, err := e.Store.ListDuplicates(context.Background(), models.DuplicateFilter{ActorID: last, Statuses: []string{"suggested"}})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("no duplicate link: %v", err)
	}
	return page.Items[0].ID
}

func syncAtBelsunce(t *testing.T, e *apitest.Env, a models.Actor) string {
	t.Helper()
	a.Address = models.Address{Street: "16 rue Bernard du Bois", PostalCode: "13001", Commune: "Marseille"}
	res, err := e.Store.SyncBatch(context.Background(), a.Source, []models.Actor{a}, nil, models.SyncOptions{})
	if err != nil || len(res.Outcomes) != 1 || res.Outcomes[0].ID == "" {
		t.Fatal(err, res)
	}
	return res.Outcomes[0].ID
}

// sec13dupPage is a page of /api/v1/duplicates as a reader sees it.
type sec13dupPage struct {
	Data []struct {
		ID        string  `json:"id"`
		Score     float64 `json:"score"`
		NameScore float64 `json:"name_score"`
		Identity  float64 `json:"identity_score"`
		Reasons   []struct {
			Code  string `json:"code"`
			Label string `json:"label"`
		} `json:"reasons"`
	} `json:"data"`
}

// sec13: « france_services_contacts » raises a pair's name similarity to a
// host's (a France Services with no name of its own and a place of its
// commune sharing their own phone and e-mail are one door). The reason was
// hidden from readers who may not see the contacts, but the name_score it
// raised was not: a link the public data alone make (one SIRET, one
// website, next door) showed them the name score of the private phone and
// e-mail, 0.65 where the public data give 0 — that the two places share
// them.
func TestSec13FranceServicesNameScoreFollowsPublicData(t *testing.T) {
	e := apitest.New(t)
	const site = "https://www.ville-meze.fr/france-services"
	syncAt := func(src, name, street string, lat, lon float64, public bool) string {
		t.Helper()
		a := models.Actor{Name: name, Source: src, SourceID: name, Pivot: "21340157300018", PivotKind: "siret",
			Address:  models.Address{Street: street, PostalCode: "34140", Commune: "Mèze"},
			Latitude: &lat, Longitude: &lon,
			Websites: models.StringList{site},
			Phones:   models.StringList{"04 67 43 80 00"}, Emails: models.StringList{"accueil@meze.fr"}, ContactPublic: public}
		res, err := e.Store.SyncBatch(context.Background(), src, []models.Actor{a}, nil, models.SyncOptions{})
		if err != nil || len(res.Outcomes) != 1 || res.Outcomes[0].ID == "" {
			t.Fatal(err, res)
		}
		return res.Outcomes[0].ID
	}
	syncAt("fs-a", "Médiathèque Le Taurus", "1 Place Aristide Briand", 43.4268, 3.6052, false)
	b := syncAt("fs-b", "France services Mèze", "7 Place Aristide Briand", 43.4268, 3.6054, false)
	e.DuplicatesDetected()

	read := func(token string) sec13dupPage {
		t.Helper()
		var p sec13dupPage
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + b, Token: token})
		if r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		r.JSON(&p)
		return p
	}
	full := read(e.Admin)
	if len(full.Data) != 1 {
		t.Fatalf("the pair is not linked: %+v", full)
	}
	has := func(p sec13dupPage, code string) bool {
		for _, r := range p.Data[0].Reasons {
			if r.Code == code {
				return true
			}
		}
		return false
	}
	if !has(full, "france_services_contacts") {
		t.Fatalf("the case does not hold, the administrator reads %+v", full.Data[0])
	}
	// What the public data alone give: the same pair with no contacts.
	twin := apitest.New(t)
	for _, s := range []struct {
		src, name, street string
		lat, lon          float64
	}{{"fs-a", "Médiathèque Le Taurus", "1 Place Aristide Briand", 43.4268, 3.6052}, {"fs-b", "France services Mèze", "7 Place Aristide Briand", 43.4268, 3.6054}} {
		lat, lon := s.lat, s.lon
		a := models.Actor{Name: s.name, Source: s.src, SourceID: s.name, Pivot: "21340157300018", PivotKind: "siret",
			Address: models.Address{Street: s.street, PostalCode: "34140", Commune: "Mèze"}, Latitude: &lat, Longitude: &lon,
			Websites: models.StringList{site}}
		if _, err := twin.Store.SyncBatch(context.Background(), s.src, []models.Actor{a}, nil, models.SyncOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	twin.DuplicatesDetected()
	var public sec13dupPage
	twin.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates", Token: twin.Admin}).JSON(&public)
	if len(public.Data) != 1 {
		t.Fatalf("the public data alone do not link the pair: %+v", public)
	}
	sec13ReadAsPublic(t, e, b, public, func(who string, p sec13dupPage) {
		if has(p, "france_services_contacts") {
			t.Errorf("%s reads france_services_contacts", who)
		}
		if p.Data[0].NameScore != public.Data[0].NameScore {
			t.Errorf("%s reads name_score %.3f, the public data give %.3f (%.3f with the private contacts)", who, p.Data[0].NameScore, public.Data[0].NameScore, full.Data[0].NameScore)
		}
	})
}

// sec13ReadAsPublic checks that an anonymous reader and an account of no
// structure, who may not see the contacts, read actor's one link exactly
// as public (the link the public data alone make, in a twin database),
// after check's own tests of each one's page.
func sec13ReadAsPublic(t *testing.T, e *apitest.Env, actor string, public sec13dupPage, check func(who string, p sec13dupPage)) {
	t.Helper()
	_, outsider := e.Account("outsider@example.org", nil, models.Territory{})
	for who, token := range map[string]string{"anonymous": "", "an account": outsider} {
		var p sec13dupPage
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + actor, Token: token})
		r.JSON(&p)
		if r.Code != http.StatusOK || len(p.Data) != 1 {
			t.Fatalf("%s: %d %s", who, r.Code, r.Body)
		}
		if check != nil {
			check(who, p)
		}
		// Nothing of the link may differ from what the public data give.
		got, want := p.Data[0], public.Data[0]
		got.ID, want.ID = "", ""
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s reads %+v, the public data give %+v", who, got, want)
		}
	}
}

// sec13: a phone public on two places of two sources, also carried
// privately by another place of one of them. Its weight for a reader who
// may not see every contact is the public one (sec5), but the reason's
// label, kept from the full comparison, said « (partagé par 2 lieux d'une
// même source) »: that a place the reader cannot see the number on
// carries it.
func TestSec13SharedPhoneLabelCountsNoPrivateCarrier(t *testing.T) {
	e := apitest.New(t)
	const phone = "+33491000007"
	syncAt := func(src, name string, addr models.Address, public bool) string {
		t.Helper()
		a := models.Actor{Name: name, Source: src, SourceID: name, Address: addr, Phones: models.StringList{phone}, ContactPublic: public}
		res, err := e.Store.SyncBatch(context.Background(), src, []models.Actor{a}, nil, models.SyncOptions{})
		if err != nil || len(res.Outcomes) != 1 || res.Outcomes[0].ID == "" {
			t.Fatal(err, res)
		}
		return res.Outcomes[0].ID
	}
	belsunce := models.Address{Street: "16 rue Bernard du Bois", PostalCode: "13001", Commune: "Marseille"}
	syncAt("dup-a", "Mairie annexe", models.Address{Street: "3 place Sadi Carnot", PostalCode: "13002", Commune: "Marseille"}, false)
	syncAt("dup-a", "Médiathèque Alcazar", belsunce, true)
	b := syncAt("dup-b", "Cyberbase Joliette", belsunce, true)
	e.DuplicatesDetected()
	// What the public data alone give: the annex without the number.
	twin := apitest.New(t)
	for _, a := range []models.Actor{
		{Name: "Mairie annexe", Source: "dup-a", SourceID: "Mairie annexe", Address: models.Address{Street: "3 place Sadi Carnot", PostalCode: "13002", Commune: "Marseille"}},
		{Name: "Médiathèque Alcazar", Source: "dup-a", SourceID: "Médiathèque Alcazar", Address: belsunce, Phones: models.StringList{phone}, ContactPublic: true},
		{Name: "Cyberbase Joliette", Source: "dup-b", SourceID: "Cyberbase Joliette", Address: belsunce, Phones: models.StringList{phone}, ContactPublic: true},
	} {
		if _, err := twin.Store.SyncBatch(context.Background(), a.Source, []models.Actor{a}, nil, models.SyncOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	twin.DuplicatesDetected()
	var public sec13dupPage
	twin.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates", Token: twin.Admin}).JSON(&public)
	if len(public.Data) != 1 {
		t.Fatalf("the public data alone do not link the pair: %+v", public)
	}
	sec13ReadAsPublic(t, e, b, public, func(who string, p sec13dupPage) {
		for _, rs := range p.Data[0].Reasons {
			if strings.Contains(rs.Label, "partagé par") {
				t.Errorf("%s reads %s « %s »: only public carriers may be counted, and the other source's place carries it privately", who, rs.Code, rs.Label)
			}
		}
	})
}

// sec14: the mirror of sec13's France Services case. A France Services
// that writes from La Poste's own domain is La Poste's, not a service the
// mairie at its address hosts: its private e-mail lowers the pair's name
// score below a host's, where the public data (no e-mail) raise it. Readers
// who may not see the contacts read the pair as the public data give it,
// never as the private e-mail made it.
func TestSec14PrivateLaPosteMailDoesNotShowInTheLink(t *testing.T) {
	addr := models.Address{Street: "3 place de l'Hôtel de Ville", PostalCode: "21340", Commune: "Nolay"}
	lat, lon := 46.9510, 4.6330
	const site = "https://www.nolay.fr"
	build := func(env *apitest.Env, mails bool) string {
		t.Helper()
		var id string
		for _, a := range []models.Actor{
			{Name: "Mairie de Nolay", Source: "lp-a", SourceID: "m", Address: addr, Latitude: &lat, Longitude: &lon, Websites: models.StringList{site}},
			{Name: "France services Nolay", Source: "lp-b", SourceID: "fs", Address: addr, Latitude: &lat, Longitude: &lon, Websites: models.StringList{site}},
		} {
			if mails && a.Source == "lp-b" {
				a.Emails = models.StringList{"msap.nolay@laposte.fr"}
			}
			res, err := env.Store.SyncBatch(context.Background(), a.Source, []models.Actor{a}, nil, models.SyncOptions{})
			if err != nil || len(res.Outcomes) != 1 {
				t.Fatal(err, res)
			}
			id = res.Outcomes[0].ID
		}
		env.DuplicatesDetected()
		return id
	}
	e, twin := apitest.New(t), apitest.New(t)
	id := build(e, true)
	build(twin, false)
	var full, public sec13dupPage
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + id, Token: e.Admin}).JSON(&full)
	twin.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates", Token: twin.Admin}).JSON(&public)
	if len(full.Data) != 1 || len(public.Data) != 1 {
		t.Fatalf("the case does not hold: full %+v, public %+v", full.Data, public.Data)
	}
	sec13ReadAsPublic(t, e, id, public, nil)
}

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

// sec17: GET /duplicates kept listing a link after one of its actors was
// archived, with the archived place's name, source, address and
// coordinates, to anyone, while GET /actors/{id} answers 410 and lists
// leave archived records out unless include_archived=true is asked. A link
// with an archived actor is now left out the same way (duplicate
// detection compares no archived actor, and exclude_duplicates ignores
// it), shown with include_archived=true as /actors shows the tombstone,
// and back when the actor is restored.
func TestSec17DuplicatesLeaveArchivedActorsOut(t *testing.T) {
	e := apitest.New(t)
	syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: "dup-a", SourceID: "1"})
	b := syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: "dup-b", SourceID: "1"})
	e.DuplicatesDetected()
	listed := func(query string) []map[string]any {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates" + query})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", query, r.Code, r.Body)
		}
		var out []map[string]any
		for _, d := range r.Map()["data"].([]any) {
			out = append(out, d.(map[string]any))
		}
		return out
	}
	if n := len(listed("")); n != 1 {
		t.Fatalf("before archiving: %d links, want 1", n)
	}
	if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + b, Token: e.Admin}); r.Code != 204 {
		t.Fatal(r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + b}); r.Code != 410 {
		t.Fatalf("archived actor: %d", r.Code)
	}
	for _, q := range []string{"", "?actor_id=" + b, "?status=suggested,confirmed,dismissed"} {
		if got := listed(q); len(got) != 0 {
			t.Errorf("%q: a link of an archived actor is listed: %v", q, got[0]["actor_b"])
		}
	}
	got := listed("?include_archived=true")
	if len(got) != 1 {
		t.Fatalf("include_archived=true: %d links, want 1", len(got))
	}
	if side := got[0]["actor_b"].(map[string]any); side["archived"] != true || side["id"] != b {
		t.Errorf("include_archived=true: %v", side)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?include_archived=perhaps"}); r.Code != 400 {
		t.Errorf("include_archived=perhaps: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + b + "/restore", Token: e.Admin}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if n := len(listed("")); n != 1 {
		t.Errorf("after the restore: %d links, want 1", n)
	}
}

// TestDuplicateLinkRevealsNoPrivateContacts: a duplicate link's reasons
// and scores are public, but phones and e-mails that are not public fed
// them: same_phone and same_email were hidden from those who may not see
// both actors' contacts, yet the identity score (and so the score) still
// rose with a shared private number, and « named_domain » came also from
// an e-mail's domain. Someone able to write a look-alike record could
// test a guessed number or address and read the answer anonymously. A
// caller who may not see both actors' contacts now gets the link as its
// public data alone make it: the same as if neither had contacts.
func TestDuplicateLinkRevealsNoPrivateContacts(t *testing.T) {
	type contacts struct{ phones, emails []string }
	view := func(t *testing.T, c [2]contacts, token func(*apitest.Env) string) map[string]any {
		t.Helper()
		e := apitest.New(t)
		var last string
		for i, src := range []string{"dup-a", "dup-b"} {
			last = syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: src, SourceID: "x", Phones: c[i].phones, Emails: c[i].emails})
		}
		e.DuplicatesDetected()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + last, Token: token(e)})
		var page struct{ Data []map[string]any }
		r.JSON(&page)
		if r.Code != 200 || len(page.Data) != 1 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		l := page.Data[0]
		sideNames(l)
		for _, k := range []string{"id", "actor_a", "actor_b", "created_at", "updated_at"} {
			delete(l, k)
		}
		return l
	}
	anonymous := func(*apitest.Env) string { return "" }
	admin := func(e *apitest.Env) string { return e.Admin }
	none := view(t, [2]contacts{}, anonymous)
	phone := []string{"04 91 00 00 07"}
	for name, c := range map[string][2]contacts{
		"same private phone":                   {{phones: phone}, {phones: phone}},
		"same private e-mail":                  {{emails: []string{"accueil@belsunce.fr"}}, {emails: []string{"accueil@belsunce.fr"}}},
		"an e-mail domain spelling the name":   {{emails: []string{"contact@espacenumeriquebelsunce.fr"}}, {}},
		"private phone and e-mail on one side": {{phones: phone, emails: []string{"contact@espacenumeriquebelsunce.fr"}}, {phones: phone}},
	} {
		t.Run(name, func(t *testing.T) {
			got := view(t, c, anonymous)
			g, _ := json.Marshal(got)
			n, _ := json.Marshal(none)
			if string(g) != string(n) {
				t.Errorf("an anonymous reader tells the pair from one without contacts:\n got %s\nnone %s", g, n)
			}
			full, _ := json.Marshal(view(t, c, admin))
			if string(full) == string(n) {
				t.Errorf("an administrator's view lost the contacts' evidence: %s", full)
			}
		})
	}
}

// TestDuplicateLinkTownDomainIsPrivate: « town_domain » (a place writing
// from the commune's own domain, at the address of the commune's record)
// comes from an e-mail's domain as « named_domain » can: a private e-mail
// at the commune's domain raised the score and named its reason for every
// reader. A caller who may not see both actors' contacts gets the link as
// if the e-mail were not there.
func TestDuplicateLinkTownDomainIsPrivate(t *testing.T) {
	view := func(t *testing.T, emails []string, token func(*apitest.Env) string) string {
		t.Helper()
		e := apitest.New(t)
		syncAtBelsunce(t, e, models.Actor{Name: "Mairie de Marseille", Source: "dup-a", SourceID: "x"})
		last := syncAtBelsunce(t, e, models.Actor{Name: "Espace numérique Belsunce", Source: "dup-b", SourceID: "x", Emails: emails})
		e.DuplicatesDetected()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + last, Token: token(e)})
		var page struct{ Data []map[string]any }
		r.JSON(&page)
		if r.Code != 200 || len(page.Data) != 1 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		l := page.Data[0]
		sideNames(l)
		for _, k := range []string{"id", "actor_a", "actor_b", "created_at", "updated_at"} {
			delete(l, k)
		}
		b, _ := json.Marshal(l)
		return string(b)
	}
	anonymous := func(*apitest.Env) string { return "" }
	admin := func(e *apitest.Env) string { return e.Admin }
	none := view(t, nil, anonymous)
	mail := []string{"accueil@marseille.fr"}
	if got := view(t, mail, anonymous); got != none {
		t.Errorf("an anonymous reader tells the pair from one without contacts:\n got %s\nnone %s", got, none)
	}
	if full := view(t, mail, admin); full == none || !strings.Contains(full, "town_domain") {
		t.Errorf("an administrator's view lost the e-mail's evidence: %s", full)
	}
}

// TestDuplicateLinkOwedToPrivateContactsDoesNotExist: two places of two
// sources at one address, under names that share nothing, are linked only
// because they carry the same private phone. Hiding same_phone and
// recomputing the score was not enough: the link itself — in the list, on
// its id, and in what exclude_duplicates hides — told an anonymous or
// unprivileged caller that the two places share a private contact. For a
// caller who may not see both actors' contacts such a link does not exist;
// those who may see both see it as before, and so does everyone when the
// contacts are public.
func TestDuplicateLinkOwedToPrivateContactsDoesNotExist(t *testing.T) {
	for _, public := range []bool{false, true} {
		t.Run(fmt.Sprintf("contact_public=%t", public), func(t *testing.T) {
			e := apitest.New(t)
			var ids [2]string
			for i, a := range []models.Actor{
				{Name: "Médiathèque Alcazar", Source: "dup-a", SourceID: "x"},
				{Name: "Cyberbase Joliette", Source: "dup-b", SourceID: "y"},
			} {
				a.Phones, a.ContactPublic = []string{"04 91 00 00 07"}, public
				ids[i] = syncAtBelsunce(t, e, a)
			}
			e.DuplicatesDetected()
			_, managerA := e.Account("manager-a@example.fr", map[string]models.Role{ids[0]: models.RoleManager}, models.Territory{})
			_, managerBoth := e.Account("manager-ab@example.fr", map[string]models.Role{ids[0]: models.RoleManager, ids[1]: models.RoleManager}, models.Territory{})
			_, nobody := e.Account("nobody@example.fr", nil, models.Territory{})

			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates", Token: e.Admin})
			var page struct{ Data []struct{ ID string } }
			r.JSON(&page)
			if r.Code != 200 || len(page.Data) != 1 {
				t.Fatalf("the administrator sees no link: %d %s", r.Code, r.Body)
			}
			link := page.Data[0].ID

			for _, c := range []struct {
				name  string
				token string
				sees  bool
			}{
				{"anonymous", "", public},
				{"an account without rights", nobody, public},
				{"the manager of one of them", managerA, public},
				{"the manager of both", managerBoth, true},
				{"an administrator", e.Admin, true},
			} {
				t.Run(c.name, func(t *testing.T) {
					for _, path := range []string{"/api/v1/duplicates", "/api/v1/duplicates?actor_id=" + ids[1], "/api/v1/duplicates?status=suggested"} {
						r := e.Do(apitest.Request{Method: "GET", Path: path, Token: c.token})
						var page struct {
							Data []struct{ ID string }
							Meta struct{ Total int }
						}
						r.JSON(&page)
						if r.Code != 200 || (len(page.Data) == 1) != c.sees || (page.Meta.Total == 1) != c.sees {
							t.Errorf("GET %s: %d %s, want the link: %t", path, r.Code, r.Body, c.sees)
						}
					}
					for _, path := range []string{"/api/v1/actors?exclude_duplicates=true&source=dup-b", "/api/v1/actors?source=dup-b"} {
						r := e.Do(apitest.Request{Method: "GET", Path: path, Token: c.token})
						var page struct{ Data []struct{ ID string } }
						r.JSON(&page)
						hidden := len(page.Data) == 0
						if want := c.sees && path != "/api/v1/actors?source=dup-b"; r.Code != 200 || hidden != want {
							t.Errorf("GET %s: %d %s, want the newer place hidden: %t", path, r.Code, r.Body, want)
						}
					}
				})
			}
			if public {
				return
			}
			// Its id answers as an unknown one's, before any right is
			// weighed (403 would say it exists).
			for _, token := range []string{nobody, managerA} {
				for _, verb := range []string{"dismiss", "confirm"} {
					r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + link + "/" + verb, Token: token})
					if r.Code != http.StatusNotFound {
						t.Errorf("%s the link: %d %s, want 404", verb, r.Code, r.Body)
					}
				}
			}
		})
	}
}

// TestDuplicateLinkStoredBeforePublicScores: links stored before their
// public score was kept (migration 85 leaves NULL those whose reasons owe
// something to phones or e-mails) show only to those who may see both
// actors' contacts until detection compares their actors again, which the
// next pass does whatever it was woken for; decided links get their public
// score too, their decision and scores untouched.
func TestDuplicateLinkStoredBeforePublicScores(t *testing.T) {
	e := apitest.New(t)
	sync := func(a models.Actor) string { return syncAtBelsunce(t, e, a) }
	phone := []string{"04 91 00 00 07"}
	sync(models.Actor{Name: "Espace numérique Belsunce", Source: "dup-a", SourceID: "same"})
	sameName := sync(models.Actor{Name: "Espace numérique Belsunce", Source: "dup-b", SourceID: "same"})
	sync(models.Actor{Name: "Médiathèque Alcazar", Source: "dup-a", SourceID: "phone", Phones: phone})
	byPhone := sync(models.Actor{Name: "Cyberbase Joliette", Source: "dup-b", SourceID: "phone", Phones: phone})
	e.DuplicatesDetected()
	linkOf := func(token, actor string) (string, bool) {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + actor, Token: token})
		var page struct{ Data []struct{ ID, Status string } }
		r.JSON(&page)
		if r.Code != 200 || len(page.Data) > 1 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		if len(page.Data) == 0 {
			return "", false
		}
		return page.Data[0].ID, true
	}
	hidden := func(token, actor string) bool {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?exclude_duplicates=true&source=dup-b", Token: token})
		var page struct{ Data []struct{ ID string } }
		r.JSON(&page)
		for _, a := range page.Data {
			if a.ID == actor {
				return false
			}
		}
		return true
	}
	phoneLink, ok := linkOf(e.Admin, byPhone)
	if !ok {
		t.Fatal("no link by the shared phone")
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + phoneLink + "/confirm", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("confirm: %d %s", r.Code, r.Body)
	}
	db := openRaw(t, e)
	if _, err := db.Exec("UPDATE duplicate_links SET public_score = NULL"); err != nil {
		t.Fatal(err)
	}
	for _, actor := range []string{sameName, byPhone} {
		if _, seen := linkOf("", actor); seen || hidden("", actor) {
			t.Errorf("before a new comparison, a link without public score exists for an anonymous reader")
		}
		if _, seen := linkOf(e.Admin, actor); !seen || !hidden(e.Admin, actor) {
			t.Errorf("before a new comparison, the administrator lost a link")
		}
	}
	sync(models.Actor{Name: "Fablab de la Friche", Source: "dup-c", SourceID: "elsewhere"}) // wakes detection
	e.DuplicatesDetected()
	var pending int
	if err := db.QueryRow("SELECT COUNT(*) FROM duplicate_links WHERE public_score IS NULL").Scan(&pending); err != nil || pending != 0 {
		t.Errorf("links still without public score after a pass: %d %v", pending, err)
	}
	if _, seen := linkOf("", sameName); !seen || !hidden("", sameName) {
		t.Errorf("a link public data make is still hidden from an anonymous reader")
	}
	if _, seen := linkOf("", byPhone); seen || hidden("", byPhone) {
		t.Errorf("a confirmed link owed to a private phone exists for an anonymous reader")
	}
	if id, seen := linkOf(e.Admin, byPhone); !seen || id != phoneLink || !hidden(e.Admin, byPhone) {
		t.Errorf("the confirmed link changed for the administrator")
	}
	var status string
	if err := db.QueryRow("SELECT status FROM duplicate_links WHERE id = ?", phoneLink).Scan(&status); err != nil || status != models.DuplicateConfirmed {
		t.Errorf("the decision changed: %q %v", status, err)
	}
}

// TestDuplicateLinkOnPublicScore: a phone public on two places of
// different sources, and carried privately by another place of one of the
// sources, weighs less in the full comparison (many carriers) than in the
// public one (only public carriers count). A pair whose public score
// reached the threshold while its full score did not was linked for nobody;
// and the score shown to a caller who may not see every contact was
// recomputed without any phone, not the stored public score that decides
// whether the link exists for them. Now the link exists when either score
// reaches the threshold, and such callers are shown the stored public
// score. Contacts made public do not make a caller one who sees the full
// score: it weighs the shared number by its private carriers too (here
// 0.576 against 0.670), which told everyone that a third place carries it
// privately.
func TestDuplicateLinkOnPublicScore(t *testing.T) {
	e := apitest.New(t)
	const phone = "+33491000007"
	syncAt := func(src, name string, addr models.Address, public bool) string {
		t.Helper()
		a := models.Actor{Name: name, Source: src, SourceID: name, Address: addr, Phones: models.StringList{phone}, ContactPublic: public}
		res, err := e.Store.SyncBatch(context.Background(), src, []models.Actor{a}, nil, models.SyncOptions{})
		if err != nil || len(res.Outcomes) != 1 || res.Outcomes[0].ID == "" {
			t.Fatal(err, res)
		}
		return res.Outcomes[0].ID
	}
	belsunce := models.Address{Street: "16 rue Bernard du Bois", PostalCode: "13001", Commune: "Marseille"}
	syncAt("dup-a", "Mairie annexe", models.Address{Street: "3 place Sadi Carnot", PostalCode: "13002", Commune: "Marseille"}, false)
	a := syncAt("dup-a", "Médiathèque Alcazar", belsunce, true)
	b := syncAt("dup-b", "Cyberbase Joliette", belsunce, true)
	e.DuplicatesDetected()

	var stored float64
	db := dbtest.Raw(t, e.DBPath)
	if err := db.QueryRow("SELECT public_score FROM duplicate_links WHERE (actor_a = ? AND actor_b = ?) OR (actor_a = ? AND actor_b = ?)", a, b, b, a).Scan(&stored); err != nil {
		t.Fatalf("no link stored for a pair whose public score reaches the threshold: %v", err)
	}
	if stored < models.DuplicateThreshold-0.0005 {
		t.Fatalf("stored public score %.3f under the threshold: the case does not hold", stored)
	}
	_, outsider := e.Account("outsider@example.org", nil, models.Territory{})
	for who, token := range map[string]string{"anonymous": "", "an account": outsider, "administrator": e.Admin} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + b, Token: token})
		var page struct {
			Data []struct {
				Score float64 `json:"score"`
			}
		}
		r.JSON(&page)
		if r.Code != 200 || len(page.Data) != 1 {
			t.Errorf("%s: %d %s", who, r.Code, r.Body)
			continue
		}
		if who != "administrator" && page.Data[0].Score != stored {
			t.Errorf("%s is shown score %.3f, the stored public score is %.3f", who, page.Data[0].Score, stored)
		}
	}
}

// sideNames writes the link's fields naming a record (kept_by_default,
// kept, hidden) as the side they name, actor_a or actor_b: ids differ
// from one pair to the other, the side a link would keep must not.
func sideNames(l map[string]any) {
	for _, k := range []string{"kept_by_default", "kept", "hidden"} {
		for _, side := range []string{"actor_a", "actor_b"} {
			if l[k] != nil && l[k] == l[side].(map[string]any)["id"] {
				l[k] = side
			}
		}
	}
}

// TestDecidingADuplicateAgainChangesNothing: confirming a confirmed link
// again, keeping the same record, or dismissing a dismissed one, answered
// 200 and rewrote its decided_at and updated_at (and who decided) with no
// entry in either side's trail (the fifty-first session's probe): the
// decision was credited to someone who changed nothing, and reusers
// following updated_at saw a change that was none. A decision that changes
// nothing now leaves the link as it was; one that changes the kept record
// is still written.
func TestDecidingADuplicateAgainChangesNothing(t *testing.T) {
	e := apitest.New(t)
	own := str(createActor(t, e, validActor("Réseau"))["id"])
	_, coord := e.Account("coord@example.fr", nil, models.Territory{Departements: []string{"13"}})
	type answer struct {
		DecidedAt string  `json:"decided_at"`
		UpdatedAt string  `json:"updated_at"`
		Kept      *string `json:"kept"`
		ActorA    struct {
			ID string `json:"id"`
		} `json:"actor_a"`
		ActorB struct {
			ID string `json:"id"`
		} `json:"actor_b"`
	}
	post := func(link, verb, token string, body any) answer {
		t.Helper()
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + link + "/" + verb, Token: token, Body: body})
		if r.Code != 200 {
			t.Fatalf("%s: %d %s", verb, r.Code, r.Body)
		}
		var a answer
		r.JSON(&a)
		return a
	}
	for _, verb := range []string{"confirm", "dismiss"} {
		link := belsuncePair(t, e, own, map[string]int{"confirm": 1, "dismiss": 2}[verb])
		first := post(link, verb, coord, nil)
		time.Sleep(5 * time.Millisecond)
		again := post(link, verb, e.Admin, nil)
		if again.DecidedAt != first.DecidedAt || again.UpdatedAt != first.UpdatedAt {
			t.Errorf("%s again: decided_at %s → %s, updated_at %s → %s; want both unchanged", verb, first.DecidedAt, again.DecidedAt, first.UpdatedAt, again.UpdatedAt)
		}
		if verb != "confirm" || first.Kept == nil {
			continue
		}
		other := first.ActorA.ID
		if *first.Kept == other {
			other = first.ActorB.ID
		}
		time.Sleep(5 * time.Millisecond)
		moved := post(link, verb, e.Admin, map[string]string{"keep": other})
		if moved.Kept == nil || *moved.Kept != other || moved.DecidedAt == first.DecidedAt {
			t.Errorf("confirm keeping the other record: kept %v, decided_at %s (was %s); want %s kept and a new decision", moved.Kept, moved.DecidedAt, first.DecidedAt, other)
		}
	}
}
