package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestSendersToldWhenReceiverArchived: when a structure leaves the directory,
// the senders of the referrals it still holds open are e-mailed once each —
// the referral cannot go on there and the person must be referred elsewhere
// — without the person's data; closed referrals and the archived structure's
// own members are not told, nor is anyone when it sent the referrals.
func TestSendersToldWhenReceiverArchived(t *testing.T) {
	w := newReferralWorld(t, apitest.WithNotifications())
	mb := newMailbox(t, w.e)
	open := w.send(t)
	accepted := w.send(t)
	if r := w.move(w.memberB, accepted, "accepted", nil); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	closed := w.send(t)
	if r := w.move(w.memberA, closed, "cancelled", nil); r.Code != 200 {
		t.Fatalf("cancel: %d %s", r.Code, r.Body)
	}
	mb.deliver() // the sending and the moves are told as before
	if r := w.e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + w.b, Token: w.e.Admin}); r.Code != 204 {
		t.Fatalf("archive: %d %s", r.Code, r.Body)
	}
	got := mb.deliver()
	sender := to(got, "aidant.a@example.fr")
	if len(sender) != 2 || len(got) != 2 {
		t.Fatalf("e-mails after the receiver was archived: %v (want 2 to the sender)", recipients(got))
	}
	seen := map[string]bool{}
	for _, m := range sender {
		for _, id := range []string{open, accepted, closed} {
			if strings.Contains(m.Text(), id) {
				seen[id] = true
			}
		}
		if !strings.Contains(m.Text(), "Médiathèque") || !strings.Contains(strings.ToLower(m.Header("Subject")+m.Text()), "retir") {
			t.Errorf("message does not say the structure left the directory: %q %q", m.Header("Subject"), m.Text())
		}
		for _, secret := range []string{personFirst, personLast, personPhone, personSitText} {
			if strings.Contains(m.Header("Subject")+m.Text(), secret) {
				t.Errorf("the person's data %q in the e-mail", secret)
			}
		}
	}
	if !seen[open] || !seen[accepted] || seen[closed] {
		t.Errorf("referrals told: %v (want the sent and the accepted one, not the cancelled one)", seen)
	}
	// Archiving the sending structure tells no one: its referrals go on
	// on the receiving side.
	if r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + w.b + "/restore", Token: w.e.Admin}); r.Code != 200 {
		t.Fatalf("restore: %d %s", r.Code, r.Body)
	}
	w.send(t)
	mb.deliver()
	if r := w.e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + w.a, Token: w.e.Admin}); r.Code != 204 {
		t.Fatalf("archive sender: %d %s", r.Code, r.Body)
	}
	if got := mb.deliver(); len(got) != 0 {
		t.Errorf("e-mails after the sender was archived: %v", recipients(got))
	}
}
