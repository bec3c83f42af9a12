package api_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/dbtest"
)

// TestRetentionLeavesNoBytesOnDisk reproduces item 1 of issue 12: after
// retention anonymised a referral, its person's name, phone, situation and
// availability stayed readable in the free space of the database file and
// in the WAL. The test writes recognisable data (the situation long enough
// to spill into overflow pages), runs retention, then reads the raw bytes
// of carnet.db and carnet.db-wal.
func TestRetentionLeavesNoBytesOnDisk(t *testing.T) {
	if dbtest.Engine() == "postgres" {
		t.Skip("reads SQLite's files; PostgreSQL keeps erased row versions until VACUUM (README, PostgreSQL: privacy)")
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	w := newReferralWorld(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))

	long := strings.Repeat("Situation de Madame Quillévéré-Baptistin. ", 47) // ~2,000 characters: with the message, overflow pages
	markers := []string{"Quillévéré-Baptistin", "Yolaine-Artémise", "0622446688", "Disponible le jeudi après 16h30"}
	var ids []string
	for i := 0; i < 5; i++ {
		body := referralBody(w.a, w.s)
		body["situation"] = long
		body["message"] = strings.Repeat("Rappeler Yolaine-Artémise. ", 70)
		body["person"] = obj{"first_name": "Yolaine-Artémise", "last_name": "Quillévéré-Baptistin", "contact_channel": "phone",
			"contact": "06 22 44 66 88", "availability": "Disponible le jeudi après 16h30"}
		r := w.e.Do(apitest.Request{Method: "POST", Path: "/api/v1/referrals", Token: w.memberA, Body: body})
		if r.Code != 201 {
			t.Fatalf("send: %d %s", r.Code, r.Body)
		}
		ids = append(ids, str(r.Map()["id"]))
		// Reads and lifecycle moves rewrite the pages, as in real use.
		w.e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referrals/" + ids[i], Token: w.memberB})
		w.move(w.memberB, ids[i], "refused", obj{"reason": "other", "details": "Yolaine-Artémise injoignable"})
	}
	mu.Lock()
	now = now.Add(200 * 24 * time.Hour)
	mu.Unlock()
	if _, n, err := w.e.Store.MaintainReferrals(context.Background(), models.DefaultReferralPolicy); err != nil || n != len(ids) {
		t.Fatalf("anonymised %d (%v), want %d", n, err, len(ids))
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(w.e.DBPath + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, m := range markers {
			// E.164 stores the phone as +33622446688: look for its digits too.
			for _, needle := range []string{m, strings.TrimPrefix(m, "0")} {
				if bytes.Contains(b, []byte(needle)) {
					t.Errorf("carnet.db%s still holds %q after retention (%d bytes)", suffix, needle, len(b))
				}
			}
		}
	}
}
