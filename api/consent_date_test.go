package api_test

import (
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
