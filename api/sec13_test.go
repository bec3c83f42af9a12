package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

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
