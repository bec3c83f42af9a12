package api_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
)

// TestOpenAtReadsClosuresAtTheAskedInstant reproduces probe 35b's H1:
// open_at applied the hours and today's status, so a place with a closure
// announced for the asked instant was listed as open, a place closed today
// but reopened at the asked instant was left out, and
// status=active,temporarily_closed listed a place as open during its
// closure. A place is open at an instant when its hours say so and no
// temporary closure covers that instant's date where the place is.
func TestOpenAtReadsClosuresAtTheAskedInstant(t *testing.T) {
	now := time.Date(2026, 12, 5, 18, 0, 0, 0, time.UTC)
	e := apitest.New(t, apitest.WithClock(func() time.Time { return now }), apitest.WithTokenTTL(24*365*time.Hour))
	place := func(name, from, until string) (string, string) {
		body := validActor(name)
		body["opening_hours"] = "Mo-Su 00:00-24:00"
		id := str(createActor(t, e, body)["id"])
		svc := str(createService(t, e, validService(id, name+" démarches"))["id"])
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin,
			Body: obj{"status": "temporarily_closed", "closed_from": from, "closed_until": until, "closure_reason": "Travaux"}}); r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		return id, svc
	}
	announcedA, announcedS := place("Sondeur Annonce", "2027-01-10", "2027-01-20") // closure announced
	closedA, closedS := place("Sondeur Ferme", "2026-12-01", "2026-12-10")         // closed today
	finds := func(path, at, status, id string) bool {
		v := url.Values{"q": {"sondeur"}, "open_at": {at}}
		if status != "" {
			v.Set("status", status)
		}
		r := e.Do(apitest.Request{Method: "GET", Path: path + "?" + v.Encode()})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		return strings.Contains(r.Body.String(), id)
	}
	for _, tc := range []struct {
		name, at, status string
		ids              [2]string // actor, service
		open             bool
	}{
		{"during an announced closure", "2027-01-12T10:00:00+01:00", "", [2]string{announcedA, announcedS}, false},
		{"during an announced closure, any status", "2027-01-12T10:00:00+01:00", "active,temporarily_closed", [2]string{announcedA, announcedS}, false},
		{"before an announced closure", "2027-01-09T10:00:00+01:00", "", [2]string{announcedA, announcedS}, true},
		{"after the closure in effect today", "2026-12-15T10:00:00+01:00", "", [2]string{closedA, closedS}, true},
		{"the last day of the closure in effect today", "2026-12-10T10:00:00+01:00", "", [2]string{closedA, closedS}, false},
		{"during the closure, any status", "2026-12-08T10:00:00+01:00", "active,temporarily_closed", [2]string{closedA, closedS}, false},
		{"during the closure, temporarily_closed", "2026-12-08T10:00:00+01:00", "temporarily_closed", [2]string{closedA, closedS}, false},
		// 00:30 on the 11th in Paris is still the 10th in UTC: the place's day counts.
		{"just after the reopening midnight in Paris", "2026-12-10T23:30:00Z", "", [2]string{closedA, closedS}, true},
		{"just before it", "2026-12-10T22:30:00Z", "", [2]string{closedA, closedS}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := finds("/api/v1/search/services", tc.at, tc.status, tc.ids[1]); got != tc.open {
				t.Errorf("services: found %v, want %v", got, tc.open)
			}
			if got := finds("/api/v1/search/actors", tc.at, tc.status, tc.ids[0]); got != tc.open {
				t.Errorf("actors: found %v, want %v", got, tc.open)
			}
		})
	}
}
