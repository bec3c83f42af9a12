package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// TestReferralArchivedStructure: an archived structure is out of the
// directory; on an open referral it may only close it (refuse, cancel,
// record the outcome), never accept, forward or write (409 naming the
// structure and what the other side may do), while the other structure
// goes on and reads when it was archived. Restoring it gives it its
// referrals back. Every route that changes a referral is in the table.
func TestReferralArchivedStructure(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	other := str(createService(t, e, validService(w.c, "Accès aux droits"))["id"])
	archive := func(t *testing.T, id string) {
		t.Helper()
		if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + id, Token: e.Admin}); r.Code != 204 {
			t.Fatalf("archive: %d %s", r.Code, r.Body)
		}
	}
	restore := func(t *testing.T, id string) {
		t.Helper()
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/restore", Token: e.Admin}); r.Code != 200 {
			t.Fatalf("restore: %d %s", r.Code, r.Body)
		}
	}
	tok := map[string]string{"A": w.memberA, "B": w.memberB}
	actor := map[string]string{"A": w.a, "B": w.b}
	type act struct {
		by, kind, status string // kind: move, message, forward
	}
	do := func(id string, a act) *apitest.Response {
		switch a.kind {
		case "message":
			return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: tok[a.by], Body: obj{"body": "Elle viendra mardi"}})
		case "forward":
			return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: tok[a.by], Body: obj{"to_service_id": other, "consent": forwardConsent}})
		}
		var extra obj
		if a.status == "refused" {
			extra = obj{"refusal_reason": "service_full"}
		}
		return w.move(tok[a.by], id, a.status, extra)
	}
	for _, tc := range []struct {
		name     string
		accepted bool   // accepted before the archive
		archived string // A or B
		act      act
		want     int
		field    string // the problem's field on a 409
	}{
		{"receiver archived accepts", false, "B", act{"B", "move", "accepted"}, 409, "to_actor"},
		{"receiver archived forwards", false, "B", act{"B", "forward", ""}, 409, "to_actor"},
		{"receiver archived writes", false, "B", act{"B", "message", ""}, 409, "to_actor"},
		{"receiver archived writes once accepted", true, "B", act{"B", "message", ""}, 409, "to_actor"},
		{"receiver archived forwards once accepted", true, "B", act{"B", "forward", ""}, 409, "to_actor"},
		{"receiver archived refuses", false, "B", act{"B", "move", "refused"}, 200, ""},
		{"receiver archived records completed", true, "B", act{"B", "move", "completed"}, 200, ""},
		{"receiver archived records no_show", true, "B", act{"B", "move", "no_show"}, 200, ""},
		{"sender writes to an archived receiver", false, "B", act{"A", "message", ""}, 409, "to_actor"},
		{"sender cancels to an archived receiver", false, "B", act{"A", "move", "cancelled"}, 200, ""},
		{"sender cancels an accepted one", true, "B", act{"A", "move", "cancelled"}, 200, ""},
		{"sender archived writes", false, "A", act{"A", "message", ""}, 409, "from_actor"},
		{"sender archived cancels", false, "A", act{"A", "move", "cancelled"}, 200, ""},
		{"receiver accepts from an archived sender", false, "A", act{"B", "move", "accepted"}, 200, ""},
		{"receiver writes to an archived sender", false, "A", act{"B", "message", ""}, 201, ""},
		{"receiver forwards from an archived sender", false, "A", act{"B", "forward", ""}, 201, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := w.send(t)
			if tc.accepted {
				if r := w.move(w.memberB, id, "accepted", nil); r.Code != 200 {
					t.Fatalf("accept: %d %s", r.Code, r.Body)
				}
			}
			archive(t, actor[tc.archived])
			defer restore(t, actor[tc.archived])
			r := do(id, tc.act)
			if r.Code != tc.want {
				t.Fatalf("%d, want %d: %s", r.Code, tc.want, r.Body)
			}
			if tc.want == 409 && !hasAll(fields(t, r), tc.field) {
				t.Errorf("the problem names %v, want %s: %s", fields(t, r), tc.field, r.Body)
			}
			// The other side reads that the structure was archived.
			got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberA}).Map()
			side := map[string]string{"A": "from_actor", "B": "to_actor"}[tc.archived]
			if s, _ := got[side].(map[string]any); s == nil || s["archived_at"] == nil {
				t.Errorf("%s.archived_at is not set: %v", side, got[side])
			}
		})
	}
	// Restored, the structure takes its referrals back.
	id := w.send(t)
	archive(t, w.b)
	if r := w.move(w.memberB, id, "accepted", nil); r.Code != 409 {
		t.Fatalf("accepted while archived: %d %s", r.Code, r.Body)
	}
	restore(t, w.b)
	if r := w.move(w.memberB, id, "accepted", nil); r.Code != 200 {
		t.Fatalf("accepted once restored: %d %s", r.Code, r.Body)
	}
	if s, _ := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: w.memberA}).Map()["to_actor"].(map[string]any); s["archived_at"] != nil {
		t.Errorf("archived_at after the restore: %v", s["archived_at"])
	}
}
