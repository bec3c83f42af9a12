package api_test

import (
	"time"

	"carnet/models"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestConsentDateIsADay: the day the person agreed (consent.given_on) was
// accepted as 0000-01-01 or 1900-01-01, the zero dates of programs and
// spreadsheets, and a date-time sent was answered « is required » (the
// probe of 2026-12-05, finding 8). Placeholders before 2000 are refused as
// producer_updated_on's are, and a value that is not a day is named so.
func TestConsentDateIsADay(t *testing.T) {
	w := newReferralWorld(t)
	for _, tc := range []struct {
		given  string
		want   int
		reason string
	}{
		{"0000-01-01", 422, "placeholder"},
		{"1900-01-01", 422, "placeholder"},
		{"1999-12-31", 422, "placeholder"},
		{"2026-11-20T10:00:00Z", 422, "must be a day written YYYY-MM-DD"},
		{"20/11/2026", 422, "must be a day written YYYY-MM-DD"},
		{"", 422, "is required"},
		{"2000-01-01", 201, ""},
		{"2026-11-20", 201, ""},
	} {
		t.Run(tc.given, func(t *testing.T) {
			body := merge(referralBody(w.a, w.s), obj{"consent": obj{"given": true, "given_on": tc.given, "referent_commitment": true}})
			r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: body})
			if r.Code != tc.want {
				t.Fatalf("%d, want %d: %s", r.Code, tc.want, r.Body)
			}
			if tc.reason != "" && (!hasAll(fields(t, r), "consent.given_on") || !strings.Contains(r.Body.String(), tc.reason)) {
				t.Errorf("the problem does not say %q of consent.given_on: %s", tc.reason, r.Body)
			}
		})
	}
}

// TestConsentTodayOverseas: at 21:38 UTC it is already the next day in
// Nouméa (UTC+11), and a structure there recording a consent given « today »
// was answered 422 « cannot be in the future » (the probe of 2026-12-06,
// finding 4). The latest day a consent may be given is the day after today
// in UTC, the rule of producers' dates (models.AppendLatestProducerDate):
// today somewhere in France's zones; the day after is refused, named.
func TestConsentTodayOverseas(t *testing.T) {
	now := time.Date(2026, 12, 6, 21, 38, 0, 0, time.UTC)
	w := newReferralWorld(t, apitest.WithClock(func() time.Time { return now }))
	noumea := str(createActor(t, w.e, obj{"name": "Espace numérique Nouméa",
		"address": obj{"street": "1 rue de Sébastopol", "postal_code": "98800", "commune": "Nouméa"}})["id"])
	_, member := w.e.Account("aidant.noumea@example.fr", map[string]models.Role{noumea: models.RoleMember}, models.Territory{})
	for _, tc := range []struct {
		given string
		want  int
	}{
		{"2026-12-06", 201}, // today in UTC and in Paris
		{"2026-12-07", 201}, // today in Nouméa
		{"2026-12-08", 422}, // today nowhere
	} {
		t.Run(tc.given, func(t *testing.T) {
			body := merge(referralBody(noumea, w.s), obj{"consent": obj{"given": true, "given_on": tc.given, "referent_commitment": true}})
			r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: member, Body: body})
			if r.Code != tc.want {
				t.Fatalf("%d, want %d: %s", r.Code, tc.want, r.Body)
			}
			if tc.want == 422 && (!hasAll(fields(t, r), "consent.given_on") || !strings.Contains(r.Body.String(), "2026-12-07")) {
				t.Errorf("the problem does not name consent.given_on and the latest day: %s", r.Body)
			}
		})
	}
}
