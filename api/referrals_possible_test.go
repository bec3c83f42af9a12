package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestReferralsPossibleIsServed reproduces probe 39b's M1: every imported
// service showed accepts_referrals true, while its structure had nobody in
// Carnet and a referral to it was refused (422, « its structure has no
// member in Carnet »); there was no filter on it, and orientation proposed
// a referral that would be refused. accepts_referrals stays what the
// structure declared; referrals_possible says whether a referral can be
// sent (declared open and someone to read it), search and orientation
// filter on it (accepts_referrals=true), and a suggestion without a team
// says to call.
func TestReferralsPossibleIsServed(t *testing.T) {
	e := apitest.New(t)
	mk := func(name string) (string, string) {
		body := validActor(name)
		body["latitude"], body["longitude"] = 43.2965, 5.3698
		id := str(createActor(t, e, body)["id"])
		return id, str(createService(t, e, validService(id, name+" démarches"))["id"])
	}
	teamA, teamS := mk("Orientable Equipe")
	_, aloneS := mk("Orientable Seule")
	e.Account("accueil.equipe@example.fr", map[string]models.Role{teamA: models.RoleMember}, models.Territory{})

	possible := func(m obj) map[string]any {
		out := map[string]any{}
		for _, d := range m["data"].([]any) {
			h := d.(obj)
			sv := h
			if s, ok := h["service"].(obj); ok {
				sv = s
			}
			out[str(sv["id"])] = h["referrals_possible"]
			if sv["accepts_referrals"] != true {
				t.Errorf("%s: accepts_referrals %v, want the declared true", sv["id"], sv["accepts_referrals"])
			}
		}
		return out
	}
	all := possible(get(t, e, "/api/v1/search/services?q=orientable"))
	if all[teamS] != true || all[aloneS] != false {
		t.Errorf("search: referrals_possible %v", all)
	}
	only := possible(get(t, e, "/api/v1/search/services?q=orientable&accepts_referrals=true"))
	if len(only) != 1 || only[teamS] != true {
		t.Errorf("search accepts_referrals=true: %v", only)
	}
	none := possible(get(t, e, "/api/v1/search/services?q=orientable&accepts_referrals=false"))
	if len(none) != 1 || none[aloneS] != false {
		t.Errorf("search accepts_referrals=false: %v", none)
	}

	post := func(constraints obj) obj {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions",
			Body: obj{"place": obj{"latitude": 43.2965, "longitude": 5.3698}, "constraints": constraints}})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		return r.Map()
	}
	m := post(obj{})
	if got := possible(m); got[teamS] != true || got[aloneS] != false {
		t.Errorf("orientation: referrals_possible %v", got)
	}
	for _, d := range m["data"].([]any) {
		s := d.(obj)
		said := strings.Contains(str(s["reasons"]), "Pas d'équipe sur Carnet : contacter par téléphone")
		if id := str(s["service"].(obj)["id"]); said != (id == aloneS) {
			t.Errorf("orientation %s: reasons %v", id, s["reasons"])
		}
	}
	if got := possible(post(obj{"accepts_referrals": true})); len(got) != 1 || got[teamS] != true {
		t.Errorf("orientation accepts_referrals: %v", got)
	}
}
