package api_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// TestClosureInThePlacesZone: a temporary closure's dates are civil dates
// where the place is, in the zone its opening hours are read in — its
// commune's. The Marquesas are 30 minutes ahead of Tahiti, whose zone the
// département (987) has: at 00:10 in Nuku-Hiva a closure starting that day
// is in effect although it is still 23:40 the day before in Papeete, and a
// closure ending the day before is over. Before, every read took the
// département's day and was 30 minutes late: the place, its search, its
// status filter and referrals to it.
func TestClosureInThePlacesZone(t *testing.T) {
	// 2026-12-24 09:00 UTC: 23:30 on the 23rd in the Marquesas.
	now := time.Date(2026, 12, 24, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	e := w.e
	body := validActor("Médiathèque de Taiohae")
	body["address"] = obj{"street": "Rue principale", "postal_code": "98742", "commune": "Nuku-Hiva", "insee_code": "98731"}
	place := str(createActor(t, e, body)["id"])
	svc := str(createService(t, e, validService(place, "Aide aux démarches Taiohae"))["id"])
	e.Account("accueil.taiohae@example.fr", map[string]models.Role{place: models.RoleMember}, models.Territory{}) // someone reads its referrals
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + place, Token: e.Admin,
		Body: obj{"status": "temporarily_closed", "closed_from": "2026-12-24", "closed_until": "2026-12-26", "closure_reason": "Congés"}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	for _, tc := range []struct {
		name   string
		at     time.Time
		closed bool
	}{
		{"the 23rd at 23:30 in Nuku-Hiva", time.Date(2026, 12, 24, 9, 0, 0, 0, time.UTC), false},
		{"the 24th at 00:10 in Nuku-Hiva, still the 23rd in Papeete", time.Date(2026, 12, 24, 9, 40, 0, 0, time.UTC), true},
		{"the 26th at 23:50 in Nuku-Hiva", time.Date(2026, 12, 27, 9, 20, 0, 0, time.UTC), true},
		{"the 27th at 00:10 in Nuku-Hiva, still the 26th in Papeete", time.Date(2026, 12, 27, 9, 40, 0, 0, time.UTC), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set(tc.at)
			want := map[bool]string{true: "temporarily_closed", false: "active"}[tc.closed]
			if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + place}).Map()["status"]; got != want {
				t.Errorf("status %v, want %s", got, want)
			}
			for _, st := range []string{"active", "temporarily_closed"} {
				listed := strings.Contains(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?status=" + st + "&departement=987"}).Body.String(), place)
				if listed != (st == want) {
					t.Errorf("?status=%s lists it: %v", st, listed)
				}
			}
			found := strings.Contains(e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?q=Taiohae"}).Body.String(), svc)
			if found == tc.closed {
				t.Errorf("search finds it: %v", found)
			}
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, svc)})
			if wantCode := map[bool]int{true: 422, false: 201}[tc.closed]; r.Code != wantCode {
				t.Errorf("referral: %d, want %d: %s", r.Code, wantCode, r.Body)
			}
		})
	}
}
