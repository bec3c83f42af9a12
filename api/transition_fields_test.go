package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestTransitionNamesTheFieldSent: a transition other than a refusal with
// refusal details answered 422 naming the field reason, which the body did
// not send: the error names the field sent and wrong, under the name it was
// sent (refusal_details, refusal_reason, or the former details, reason);
// a missing one by its current name.
func TestTransitionNamesTheFieldSent(t *testing.T) {
	w := newWorld(t)
	e := w.e
	tok := e.TokenFor(w.otherMbr.ID)
	cases := []struct {
		body obj
		want []string
	}{
		{obj{"status": "accepted", "refusal_details": "x"}, []string{"refusal_details"}},
		{obj{"status": "accepted", "details": "x"}, []string{"details"}},
		{obj{"status": "accepted", "refusal_reason": "other"}, []string{"refusal_reason"}},
		{obj{"status": "accepted", "reason": "other"}, []string{"reason"}},
		{obj{"status": "accepted", "refusal_reason": "other", "refusal_details": "x"}, []string{"refusal_reason", "refusal_details"}},
		{obj{"status": "refused"}, []string{"refusal_reason"}},
		{obj{"status": "refused", "refusal_reason": "other"}, []string{"refusal_details"}},
		// A missing field is named by its current name, whatever the names used.
		{obj{"status": "refused", "reason": "other"}, []string{"refusal_details"}},
	}
	ref := w.referral(w.users["member"], w.own, w.otherSvc)
	for _, tc := range cases {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + ref + "/transitions", Token: tok, Body: tc.body})
		var p struct {
			Errors []struct{ Field string } `json:"errors"`
		}
		r.JSON(&p)
		var got []string
		for _, f := range p.Errors {
			got = append(got, f.Field)
		}
		if r.Code != 422 || strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%v: %d, fields %v, want %v: %s", tc.body, r.Code, got, tc.want, r.Body)
		}
	}
}
