package api_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/mail"
)

// storyWorld: a CCAS (A) sends, a médiathèque (B) receives and forwards to
// a social centre (C); each has a member, A's and B's share a contact.
type storyWorld struct {
	*referralWorld
	mb         *mailbox
	svcC       string
	userC      *models.User
	clockMu    sync.Mutex
	now        time.Time
	personMail []string // strings that must never be in an e-mail
}

func newStoryWorld(t *testing.T) *storyWorld {
	sw := &storyWorld{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	clock := func() time.Time { sw.clockMu.Lock(); defer sw.clockMu.Unlock(); return sw.now }
	sw.referralWorld = newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour), apitest.WithNotifications())
	sw.mb = newMailbox(t, sw.e)
	for _, a := range []struct{ id, phone, email string }{{sw.a, "04 91 11 11 11", "accueil@ccas.example.fr"}, {sw.b, "04 91 22 22 22", "contact@mediatheque.example.fr"}} {
		r := sw.e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + a.id, Token: sw.e.Admin, ContentType: "application/merge-patch+json",
			Body: obj{"phones": []string{a.phone}, "emails": []string{a.email}, "opening_hours": "Mo-Fr 09:00-17:00"}})
		if r.Code != 200 {
			t.Fatalf("contacts: %d %s", r.Code, r.Body)
		}
	}
	sw.svcC = str(createService(t, sw.e, validService(sw.c, "Déclaration de revenus accompagnée"))["id"])
	sw.userC, _ = sw.e.Store.FindUserByEmail(context.Background(), "aidant.c@example.fr")
	sw.personMail = []string{personFirst, personLast, "611223344", "06 11 22 33 44", personSitText, "Le matin", "Merci de la rappeler"}
	sw.mb.deliver() // the invitations of the setup, if any
	return sw
}

func (sw *storyWorld) advance(d time.Duration) {
	sw.clockMu.Lock()
	sw.now = sw.now.Add(d)
	sw.clockMu.Unlock()
}

// mails delivers and checks that no e-mail carries the person's data nor a
// message's text.
func (sw *storyWorld) mails(t *testing.T, secrets ...string) []mail.Received {
	t.Helper()
	got := sw.mb.deliver()
	for _, m := range got {
		raw := string(m.Data) + m.Text() + m.Header("Subject")
		for _, s := range append(secrets, sw.personMail...) {
			if strings.Contains(raw, s) {
				t.Errorf("an e-mail to %v carries %q:\n%s", m.To, s, m.Text())
			}
		}
	}
	return got
}

// expectMail checks that exactly the given addresses got one e-mail each,
// whose subject contains subject and whose text links to path.
func expectMail(t *testing.T, got []mail.Received, subject, path string, addresses ...string) {
	t.Helper()
	if len(got) != len(addresses) {
		t.Errorf("%d e-mails, want %d (%v): %v", len(got), len(addresses), addresses, recipients(got))
	}
	for _, a := range addresses {
		ms := to(got, a)
		if len(ms) != 1 {
			t.Errorf("%s got %d e-mails, want 1: %v", a, len(ms), recipients(got))
			continue
		}
		if !strings.Contains(ms[0].Header("Subject"), subject) || !strings.Contains(ms[0].Text(), appURL+path) {
			t.Errorf("%s got %q:\n%s", a, ms[0].Header("Subject"), ms[0].Text())
		}
	}
}

func (sw *storyWorld) get(t *testing.T, token, id string) map[string]any {
	t.Helper()
	r := sw.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: token})
	if r.Code != 200 {
		t.Fatalf("get %s: %d %s", id, r.Code, r.Body)
	}
	return r.Map()
}

// TestReferralStory is the README's walk through: a helper of A refers a
// person to B; the two exchange messages; B accepts, then forwards to C's
// better-suited service; C is reminded, accepts, and the referral closes
// without outcome; each step reaches the right people by e-mail — a
// sentence and a link, never the person — and the feed and statistics show
// it all.
func TestReferralStory(t *testing.T) {
	sw := newStoryWorld(t)
	e := sw.e
	id := sw.send(t)
	expectMail(t, sw.mails(t), "Nouvelle orientation vers « Aide aux démarches »", "/referrals/"+id, "mediatrice.b@example.fr")

	// B sees who sent it and how to reach them; A and B see each other's contact points.
	got := sw.get(t, sw.memberB, id)
	sender := got["sender"].(map[string]any)
	if sender["display_name"] != "Camille Martin" || sender["role"] != "member" || sender["job_title"] != "Conseillère numérique" ||
		sender["phone"] != "+33491000001" || sender["id"] != sw.userA.ID {
		t.Errorf("sender card: %v", sender)
	}
	from := got["from_actor"].(map[string]any)
	if str(from["phones"]) != "[+33491111111]" || str(from["emails"]) != "[accueil@ccas.example.fr]" || from["opening_hours"] != "Mo-Fr 09:00-17:00" {
		t.Errorf("sending structure's contact points: %v", from)
	}
	if got["accepted_by"] != nil {
		t.Errorf("accepted_by before acceptance: %v", got["accepted_by"])
	}
	if to := sw.get(t, sw.memberA, id)["to_actor"].(map[string]any); str(to["emails"]) != "[contact@mediatheque.example.fr]" {
		t.Errorf("receiving structure's contact points: %v", to)
	}

	// A conversation: each side reads both messages; each is told of the other's.
	post := func(token, body string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: token, Body: obj{"body": body}})
	}
	const msgB, msgA = "Elle peut venir mardi à 10 h ?", "Oui, elle viendra mardi, merci !"
	if r := post(sw.memberB, msgB); r.Code != 201 || r.Map()["side"] != "receiver" {
		t.Fatalf("B writes: %d %s", r.Code, r.Body)
	}
	expectMail(t, sw.mails(t, msgB), "Nouveau message", "/referrals/"+id, "aidant.a@example.fr")
	if r := post(sw.memberA, msgA); r.Code != 201 || r.Map()["author"].(map[string]any)["display_name"] != "Camille Martin" {
		t.Fatalf("A answers: %d %s", r.Code, r.Body)
	}
	expectMail(t, sw.mails(t, msgA), "Nouveau message", "/referrals/"+id, "mediatrice.b@example.fr")
	for _, tok := range []string{sw.memberA, sw.memberB} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/messages", Token: tok})
		var page struct {
			Data []struct{ Body, Side string }
		}
		r.JSON(&page)
		if len(page.Data) != 2 || page.Data[0].Body != msgB || page.Data[1].Body != msgA || page.Data[1].Side != "sender" {
			t.Errorf("messages: %s", r.Body)
		}
	}

	// B accepts: A is told; A sees who handles it.
	sw.advance(2 * time.Hour)
	if r := sw.move(sw.memberB, id, "accepted", nil); r.Code != 200 {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	expectMail(t, sw.mails(t), "Orientation acceptée par Médiathèque", "/referrals/"+id, "aidant.a@example.fr")
	// B's professional e-mail is not its login address: unverified, not
	// shown to the other structure (probe36a L5).
	if acc := sw.get(t, sw.memberA, id)["accepted_by"].(map[string]any); acc["id"] != sw.userB.ID || acc["email"] != "" {
		t.Errorf("accepted_by: %v", acc)
	}

	// B finds that C's service fits better and forwards: a new referral
	// from B to C, linked; A is told where the person went.
	sw.advance(24 * time.Hour)
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/forward", Token: sw.memberB, Body: obj{
		"to_service_id": sw.svcC, "message": "Besoin d'une aide à la déclaration de revenus",
		"consent": obj{"given": true, "given_on": "2026-11-24", "referent_commitment": true}}})
	if r.Code != 201 {
		t.Fatalf("forward: %d %s", r.Code, r.Body)
	}
	next := r.Map()
	nextID := str(next["id"])
	if next["forwarded_from_id"] != id || next["from_actor"].(map[string]any)["id"] != sw.b || next["to_actor"].(map[string]any)["id"] != sw.c ||
		next["person"].(map[string]any)["first_name"] != personFirst || next["situation"] != personSitText || next["status"] != "sent" ||
		next["sender"].(map[string]any)["id"] != sw.userB.ID || r.Header().Get("Location") != "/api/v1/referrals/"+nextID {
		t.Errorf("new referral: %v", next)
	}
	fwdMails := sw.mails(t, "Besoin d'une aide")
	expectMail(t, to(fwdMails, "aidant.a@example.fr"), "Orientation transmise à un autre service", "/referrals/"+id, "aidant.a@example.fr")
	expectMail(t, to(fwdMails, "aidant.c@example.fr"), "Nouvelle orientation vers « Déclaration de revenus accompagnée »", "/referrals/"+nextID, "aidant.c@example.fr")
	if len(fwdMails) != 2 {
		t.Errorf("forward e-mails: %v", recipients(fwdMails))
	}
	orig := sw.get(t, sw.memberA, id)
	fwd, _ := orig["forwarded_to"].(map[string]any)
	if orig["status"] != "forwarded" || orig["closed_at"] == nil || fwd == nil || fwd["id"] != nextID ||
		fwd["to_actor"].(map[string]any)["name"] != "Centre social" || fwd["to_service"].(map[string]any)["name"] != "Déclaration de revenus accompagnée" {
		t.Errorf("original after forwarding: %v", orig)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + nextID, Token: sw.memberA}); r.Code != 404 {
		t.Errorf("A reads the new referral between B and C: %d", r.Code)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: sw.memberC}); r.Code != 404 {
		t.Errorf("C reads the original between A and B: %d", r.Code)
	}

	// C does not answer for 8 days: a reminder (once), in the feed and the statistics.
	sw.advance(8 * 24 * time.Hour)
	for range 2 {
		if _, err := e.Store.Maintain(context.Background(), models.DefaultReferralPolicy); err != nil {
			t.Fatal(err)
		}
	}
	expectMail(t, sw.mails(t), "Rappel : une orientation attend votre réponse", "/referrals/"+nextID, "aidant.c@example.fr")
	if got := sw.get(t, sw.memberC, nextID); got["reminded_at"] == nil {
		t.Errorf("reminded_at: %v", got)
	}

	// C accepts; 31 days without an outcome: a reminder to C; 90 days: closed
	// as no_outcome, and B (its sender) is told.
	if r := sw.move(sw.memberC, nextID, "accepted", nil); r.Code != 200 {
		t.Fatalf("C accepts: %d %s", r.Code, r.Body)
	}
	expectMail(t, sw.mails(t), "Orientation acceptée par Centre social", "/referrals/"+nextID, "mediatrice.b@example.fr")
	sw.advance(31 * 24 * time.Hour)
	e.Store.Maintain(context.Background(), models.DefaultReferralPolicy)
	expectMail(t, sw.mails(t), "Rappel : une orientation attend son résultat", "/referrals/"+nextID, "aidant.c@example.fr")
	sw.advance(60 * 24 * time.Hour)
	rep, err := e.Store.Maintain(context.Background(), models.DefaultReferralPolicy)
	if err != nil || rep.NoOutcome != 1 {
		t.Fatalf("maintenance: %+v %v", rep, err)
	}
	expectMail(t, sw.mails(t), "Orientation close sans résultat", "/referrals/"+nextID, "mediatrice.b@example.fr")
	if got := sw.get(t, sw.memberC, nextID); got["status"] != "no_outcome" || got["closed_at"] == nil {
		t.Errorf("after 90 days: %v", got["status"])
	}

	// The feeds: each structure follows its referrals, kinds included, no text.
	feed := func(token string) []string {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?limit=200", Token: token})
		var page struct {
			Data []struct{ Kind, Status string }
		}
		r.JSON(&page)
		if strings.Contains(r.Body.String(), msgA) || strings.Contains(r.Body.String(), personFirst) {
			t.Error("the feed carries a message or the person")
		}
		var out []string
		for _, ch := range page.Data {
			out = append(out, ch.Kind+":"+ch.Status)
		}
		return out
	}
	if got := strings.Join(feed(sw.memberA), " "); got != "status:sent message:sent message:sent status:accepted status:forwarded" {
		t.Errorf("A's feed: %s", got)
	}
	if got := strings.Join(feed(sw.memberC), " "); got != "status:sent reminder:sent status:accepted reminder:accepted status:no_outcome" {
		t.Errorf("C's feed: %s", got)
	}
	var st struct {
		Total     int            `json:"total"`
		ByStatus  map[string]int `json:"by_status"`
		Reminders int            `json:"reminders"`
	}
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/stats/referrals", Token: e.Admin}).JSON(&st)
	if st.Total != 2 || st.ByStatus["forwarded"] != 1 || st.ByStatus["no_outcome"] != 1 || st.Reminders != 2 {
		t.Errorf("statistics: %+v", st)
	}

	// Retention: the messages go with the person's data.
	sw.advance(200 * 24 * time.Hour)
	if rep, err := e.Store.Maintain(context.Background(), models.DefaultReferralPolicy); err != nil || rep.Anonymized != 2 {
		t.Fatalf("retention: %+v %v", rep, err)
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/messages", Token: sw.memberA})
	if r.Code != 200 || r.Map()["meta"].(map[string]any)["total"].(float64) != 0 {
		t.Errorf("messages after retention: %s", r.Body)
	}
	if r := post(sw.memberA, "Encore un mot"); r.Code != 409 {
		t.Errorf("a message on an erased referral: %d", r.Code)
	}
	db := openRaw(t, e)
	var n int
	db.QueryRow("SELECT count(*) FROM referral_messages").Scan(&n)
	if n != 0 {
		t.Errorf("%d messages left after retention", n)
	}
	assertNoPersonalData(t, e, "after retention")
}
