package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
)

// Probe 43: a referral still open when its data was erased at the retention
// limit (CARNET_REFERRAL_MAX_RETENTION; with CARNET_REFERRAL_NO_OUTCOME=0 an
// accepted one is never closed otherwise) stayed sent with an empty person
// and closed_at null, in the receiver's open work; accepting and completing
// it answered 200 (an outcome about nobody), a forward 422 naming the
// erased fields, a message 409. Erasure now closes it as the platform
// closes a forgotten referral (sent: expired; accepted: no_outcome), and
// every act on an erased referral answers the same 409.
func TestErasedReferralIsClosedAndTakesNoMoreActs(t *testing.T) {
	w := newReferralWorld(t)
	other := str(createService(t, w.e, validService(w.c, "Atelier numérique"))["id"])
	sent := w.send(t)
	accepted := w.send(t)
	if r := w.move(w.memberB, accepted, "accepted", nil); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	// Closed long ago: nothing; the retention limit: both open referrals.
	if _, err := w.e.Store.AnonymizeReferrals(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{sent: "expired", accepted: "no_outcome"} {
		got := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberB}).Map()
		if got["status"] != want || got["closed_at"] == nil || got["anonymized_at"] == nil {
			t.Errorf("erased %s referral: status %v, closed_at %v, anonymized_at %v; want %s, both set", want, got["status"], got["closed_at"], got["anonymized_at"], want)
		}
		acts := []struct {
			name  string
			token string
			path  string
			body  obj
		}{
			{"accept", w.memberB, "/transitions", obj{"status": "accepted"}},
			{"complete", w.memberB, "/transitions", obj{"status": "completed"}},
			{"refuse", w.memberB, "/transitions", obj{"status": "refused", "reason": "other", "details": "x"}},
			{"cancel", w.memberA, "/transitions", obj{"status": "cancelled"}},
			{"forward", w.memberB, "/forward", obj{"to_service_id": other, "consent": obj{"given": true, "given_on": "2026-11-20", "referent_commitment": true}}},
			{"message", w.memberB, "/messages", obj{"body": "Bonjour"}},
		}
		for _, a := range acts {
			r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + a.path, Token: a.token, Body: a.body})
			if r.Code != 409 || !strings.Contains(r.Body.String(), "data was erased") || !strings.HasPrefix(r.Header().Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s the erased %s referral: %d %s %s; want 409 « data was erased »", a.name, want, r.Code, r.Header().Get("Content-Type"), r.Body)
			}
		}
	}
}
