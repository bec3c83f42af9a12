package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestProbe51NewReferralAnswersItsETag: a referral's ETag is what a
// structure sends as If-Match to be sure nobody moved it meanwhile. GET and
// transitions answered one, the creation and a forward (201, the new
// referral) did not, so the sender who wanted to cancel what it had just
// sent, guarded, or the receiver of a forward, had to read it again first.
// Each answer that renders a referral now carries its version's ETag, and
// that ETag is accepted as If-Match by the next move.
func TestProbe51NewReferralAnswersItsETag(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	svcC := str(createService(t, e, validService(w.c, "Chez C"))["id"])
	etagOf := func(t *testing.T, what string, r *apitest.Response, code int, version string) string {
		t.Helper()
		if r.Code != code {
			t.Fatalf("%s: %d %s", what, r.Code, r.Body)
		}
		tag := r.Header().Get("ETag")
		if !strings.HasPrefix(tag, `"`+version+".") {
			t.Fatalf("%s: ETag %q, want version %s", what, tag, version)
		}
		return tag
	}
	for _, tc := range []struct {
		name string
		make func() (*apitest.Response, string) // the answer and who moves it next
		move string
	}{
		{"created, then cancelled by its sender", func() (*apitest.Response, string) {
			return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: referralBody(w.a, w.s)}), w.memberA
		}, "cancelled"},
		{"forwarded, then accepted by its new receiver", func() (*apitest.Response, string) {
			id := w.send(t)
			return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: w.memberB,
				Body: obj{"to_service_id": svcC, "consent": forwardConsent}}), w.memberC
		}, "accepted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, mover := tc.make()
			tag := etagOf(t, "201", r, 201, "1")
			id := str(r.Map()["id"])
			moved := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/transitions", Token: mover,
				Header: map[string]string{"If-Match": tag}, Body: obj{"status": tc.move}})
			etagOf(t, "move with the 201's ETag", moved, 200, "2")
			stale := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/transitions", Token: mover,
				Header: map[string]string{"If-Match": tag}, Body: obj{"status": "completed"}})
			if stale.Code != 412 {
				t.Fatalf("the 201's ETag after a move: %d %s, want 412", stale.Code, stale.Body)
			}
		})
	}
}
