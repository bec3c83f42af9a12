package api_test

import (
	"context"
	"strconv"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// sec12: a client that refuses gzip (RFC 9110 §12.4.2: a qvalue of 0 in
// any of its spellings, the parameter's name in either case) gets the
// export uncompressed; it used to get gzip bytes it had said it could not
// read whenever q was written 0.0, 0.00, 0.000 or Q=0.
func TestSec12ExportHonoursGzipRefusedInEverySpelling(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Médiathèque"))
	for _, ae := range []string{"gzip;q=0", "gzip;q=0.0", "gzip;q=0.00", "gzip;q=0.000", "gzip; Q=0", "GZIP;q=0.0", "gzip ; q=0", "identity, gzip;q=0.00", "br, gzip;level=1;q=0"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv", Header: map[string]string{"Accept-Encoding": ae}})
		if r.Code != 200 || r.Header().Get("Content-Encoding") != "" {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, want 200 uncompressed", ae, r.Code, r.Header().Get("Content-Encoding"))
		}
	}
	for _, ae := range []string{"gzip", "gzip;q=0.5", "deflate, gzip;q=1.0", "GZip", "gzip;q=0.001"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv", Header: map[string]string{"Accept-Encoding": ae}})
		if r.Code != 200 || r.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, want 200 gzip", ae, r.Code, r.Header().Get("Content-Encoding"))
		}
	}
}

// sec12: the referral feed's seq and cursor were the platform-wide
// sequence of referral events. A member of any structure, following its own
// feed, read in the gap between two of its own events how many referrals
// were sent, accepted, forwarded, reminded or written about on the whole
// platform meanwhile — exactly, at the second (a message of its own is an
// event it can post at will): the count in a narrow window that the
// statistics withhold and perturb. What a follower is shown of that
// sequence must say nothing of the events it cannot see: neither its own
// events' seqs nor their cursors may move with other structures' activity.
func TestSec12ReferralFeedSeqSaysNothingOfOthersActivity(t *testing.T) {
	feed := func(busy bool) (seqs []string, cursors []string) {
		w := newReferralWorld(t)
		e := w.e
		// Both platforms under one key: what differs is only what
		// happened between C's two events.
		if err := e.Store.PinReferralFeedKey(context.Background(), []byte("sec12: one key for both platforms")); err != nil {
			t.Fatal(err)
		}
		sendC := func() {
			t.Helper()
			if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberC, Body: referralBody(w.c, w.s)}); r.Code != 201 {
				t.Fatalf("C sends: %d %s", r.Code, r.Body)
			}
		}
		sendC()
		if busy { // A and B work together meanwhile
			id := w.send(t)
			if r := w.move(w.memberB, id, "accepted", nil); r.Code != 200 {
				t.Fatalf("accept: %d %s", r.Code, r.Body)
			}
			if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/messages", Token: w.memberB, Body: obj{"body": "Bonjour"}}); r.Code != 201 {
				t.Fatalf("message: %d %s", r.Code, r.Body)
			}
		}
		sendC()
		cursor := "0"
		for range 2 {
			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?limit=1&cursor=" + cursor, Token: w.memberC})
			if r.Code != 200 {
				t.Fatalf("C's feed: %d %s", r.Code, r.Body)
			}
			var page struct {
				Data []struct {
					Seq int64 `json:"seq"`
				} `json:"data"`
				Meta struct {
					NextCursor string `json:"next_cursor"`
				} `json:"meta"`
			}
			r.JSON(&page)
			if len(page.Data) != 1 {
				t.Fatalf("C's feed: %s", r.Body)
			}
			seqs = append(seqs, str(page.Data[0].Seq))
			cursors = append(cursors, page.Meta.NextCursor)
			cursor = page.Meta.NextCursor
		}
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?cursor=" + cursor, Token: w.memberC}); len(r.Map()["data"].([]any)) != 0 {
			t.Errorf("past C's last event, its feed still answers: %s", r.Body)
		}
		return seqs, cursors
	}
	quietSeqs, quietCursors := feed(false)
	busySeqs, busyCursors := feed(true)
	// Three events of A and B came between C's two: a sent referral, its
	// acceptance, a message. Subtracting must not give them back.
	gap := func(s []string) int64 {
		a, _ := strconv.ParseInt(s[0], 10, 64)
		b, _ := strconv.ParseInt(s[1], 10, 64)
		return b - a
	}
	if gap(busySeqs)-gap(quietSeqs) == 3 || gap(busyCursors)-gap(quietCursors) == 3 {
		t.Errorf("C's own two events read seqs %v (cursors %v) on a quiet platform and %v (%v) while two other structures worked together: the difference counts their three events",
			quietSeqs, quietCursors, busySeqs, busyCursors)
	}
}

// sec12: a cursor no page of the referral feed gave (a plain seq kept from
// before the values were keyed, or a forged one) is refused, not read as a
// place past the end where the follower would wait for ever; the feed's
// own cursors page through every change exactly once.
func TestSec12ReferralFeedRefusesCursorsItNeverGave(t *testing.T) {
	w := newReferralWorld(t)
	var ids []string
	for range 3 {
		ids = append(ids, w.send(t))
	}
	seen := map[string]int{}
	cursor := "0"
	for range 10 {
		r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?limit=1&cursor=" + cursor, Token: w.memberB})
		if r.Code != 200 {
			t.Fatalf("cursor %s: %d %s", cursor, r.Code, r.Body)
		}
		page := r.Map()
		for _, d := range page["data"].([]any) {
			seen[str(d.(obj)["referral_id"])]++
		}
		cursor = str(page["meta"].(obj)["next_cursor"])
		if page["meta"].(obj)["has_more"] != true {
			break
		}
	}
	for _, id := range ids {
		if seen[id] != 1 {
			t.Errorf("referral %s read %d times through the cursors, want once", id, seen[id])
		}
	}
	for _, c := range []string{"1", "2", "3", "4611686018427387905", "9223372036854775807"} {
		if r := w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/changes?cursor=" + c, Token: w.memberB}); r.Code != 400 {
			t.Errorf("cursor %s that no page gave: %d %s, want 400", c, r.Code, r.Body)
		}
	}
}

// sec12: a reset link still pending when the account's password changes
// by another way (the person remembered it, or changed it on noticing a
// reset they had not asked for) no longer works: it stayed usable until
// its expiry (4 hours), for whoever read it in the mailbox meanwhile.
func TestSec12PasswordChangeEndsPendingResetLinks(t *testing.T) {
	e := apitest.New(t, apitest.WithRateLimits(bigLimit, bigLimit))
	a := str(createActor(t, e, validActor("CCAS"))["id"])
	member, memberTok := e.Account("aidant@example.fr", map[string]models.Role{a: models.RoleMember}, models.Territory{})
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/users/" + member.ID + "/password-reset", Token: e.Admin, Body: obj{}})
	if r.Code != 201 {
		t.Fatalf("issue: %d %s", r.Code, r.Body)
	}
	token := str(r.Map()["token"])
	if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/me/password", Token: memberTok,
		Body: obj{"current_password": "a password for tests", "new_password": "un tout nouveau mot de passe"}}); r.Code != 204 {
		t.Fatalf("change: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: obj{"token": token, "new_password": "celui de quelqu'un d'autre"}}); r.Code != 404 {
		t.Errorf("a reset link issued before the password changed: %d %s, want 404", r.Code, r.Body)
	}
	login(t, e, "aidant@example.fr", "un tout nouveau mot de passe")
}
