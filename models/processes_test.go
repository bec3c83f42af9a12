package models_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/dbtest"
)

// twoProcesses opens two stores on one new database (two replicas, as far
// as the database can tell), on the engine the test run names, with a
// shared clock.
func twoProcesses(t *testing.T, now func() time.Time) [2]*models.Store {
	t.Helper()
	dsn := dbtest.DSN(t)
	var out [2]*models.Store
	for i := range out {
		s, err := models.Open(context.Background(), dsn, models.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out[i] = s
	}
	return out
}

// TestClaimJobOncePerInterval has two replicas claim a job from many
// goroutines at the same instants: exactly one claim succeeds per interval.
func TestClaimJobOncePerInterval(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC).UnixMicro())
	stores := twoProcesses(t, func() time.Time { return time.UnixMicro(clock.Load()) })
	claims := func() int {
		var n atomic.Int32
		var wg sync.WaitGroup
		for i := range 16 {
			wg.Go(func() {
				ok, err := stores[i%2].ClaimJob(context.Background(), "job", "r", time.Hour)
				if err != nil {
					t.Error(err)
				}
				if ok {
					n.Add(1)
				}
			})
		}
		wg.Wait()
		return int(n.Load())
	}
	for _, step := range []struct {
		advance time.Duration
		want    int
	}{{0, 1}, {30 * time.Minute, 0}, {29 * time.Minute, 0}, {time.Minute, 1}, {time.Second, 0}, {2 * time.Hour, 1}} {
		clock.Add(step.advance.Microseconds())
		if got := claims(); got != step.want {
			t.Errorf("after +%s: %d claims, want %d", step.advance, got, step.want)
		}
	}
}

// TestRateTokensAcrossProcesses spends one bucket from two replicas at
// once: together they get exactly the burst, then the refill rate.
func TestRateTokensAcrossProcesses(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC).UnixMicro())
	now := func() time.Time { return time.UnixMicro(clock.Load()) }
	stores := twoProcesses(t, now)
	rule := models.RateRule{Every: 10 * time.Second, Burst: 5}
	take := func(n int) (ok int, last models.RateResult) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				r, err := stores[i%2].TakeRateToken(context.Background(), "account:someone@example.fr", rule, now())
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if r.OK {
					ok++
				} else {
					last = r
				}
			})
		}
		wg.Wait()
		return ok, last
	}
	if ok, refused := take(20); ok != 5 || refused.RetryAfter != 10*time.Second || refused.Remaining != 0 || refused.Reset != 50*time.Second {
		t.Errorf("burst: %d passed, refusal %+v", ok, refused)
	}
	clock.Add((25 * time.Second).Microseconds())
	if ok, refused := take(10); ok != 2 || refused.RetryAfter != 5*time.Second {
		t.Errorf("after 25 s: %d passed, refusal %+v", ok, refused)
	}
	clock.Add(time.Hour.Microseconds())
	r, err := stores[0].TakeRateToken(context.Background(), "account:someone@example.fr", rule, now())
	if err != nil || !r.OK || r.Remaining != 4 || r.Reset != 10*time.Second {
		t.Errorf("a full bucket again: %+v %v", r, err)
	}
}

// TestChangeLogCommitOrder holds a write open after its change got its seq
// and before it commits, while another process writes. A reader of "seq >
// cursor" must never see the later write's seq without the earlier one's:
// it would move its cursor past a change that commits afterwards and never
// see it (on PostgreSQL, sequence values are handed out at insert, not at
// commit). The second write must wait, and both appear, in order, once the
// first commits.
func TestChangeLogCommitOrder(t *testing.T) {
	ctx := context.Background()
	stores := twoProcesses(t, time.Now)
	first := validActor("Premier")
	commit, rollback, err := models.HoldCreateActor(ctx, stores[0], &first)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rollback() })
	second := validActor("Second")
	done := make(chan error, 1)
	go func() { done <- stores[1].CreateActor(ctx, &second) }()
	// Give the second write every chance to commit first.
	select {
	case err := <-done:
		t.Fatalf("the second write committed while the first held its seq (err %v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	if cs, err := stores[1].ChangesAfter(ctx, 0, 10); err != nil || len(cs) != 0 {
		t.Fatalf("a reader sees %+v (%v) while the first write is not committed", cs, err)
	}
	if err := commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	cs, err := stores[1].ChangesAfter(ctx, 0, 10)
	if err != nil || len(cs) != 2 || cs[0].EntityID != first.ID || cs[1].EntityID != second.ID || cs[0].Seq >= cs[1].Seq {
		t.Fatalf("log after both commits: %+v %v", cs, err)
	}
}

func validActor(name string) models.Actor {
	return models.Actor{Name: name, Address: models.Address{Street: "1 rue", PostalCode: "13001", Commune: "Marseille"}}
}

// TestWordsMatchOnBothEngines checks the public queries' word matching
// (GLOB on SQLite, a regular expression on PostgreSQL) on the same cases:
// accents and case ignored, other characters taken literally.
func TestWordsMatchOnBothEngines(t *testing.T) {
	s, _ := dbtest.Open(t, models.Options{})
	for _, tt := range []struct {
		query, text string
		want        bool
	}{
		{"mediatheque", "Médiathèque de l'Alcazar", true},
		{"MÉDIATHÈQUE", "mediatheque", true},
		{"l'alcazar", "L’ALCAZAR", true},
		{"Francais", "Cours de FRANÇAIS", true},
		{"noël", "NOEL", true},
		{"mediat", "Médiation numérique", true},
		{"media", "Maison des jeunes", false},
		{"1er", "Marseille 1er", true},
		{"ab*cd", "abXcd", true},
		{"aide", `["Aide aux démarches administratives"]`, true},
	} {
		got := true
		for _, w := range models.SearchWords(tt.query) {
			ok, err := models.MatchesWord(s, tt.text, w)
			if err != nil {
				t.Fatal(err)
			}
			got = got && ok
		}
		if got != tt.want {
			t.Errorf("%q in %q: %v, want %v", tt.query, tt.text, got, tt.want)
		}
	}
	// Characters of regular expressions and GLOB patterns are literal.
	for _, w := range []string{"a.c", "a+", "(x)", "[y]", "a*b", "c?d", `e\f`, "g|h", "^i$"} {
		ok, err := models.MatchesWord(s, "xx "+w+" yy", w)
		if err != nil || !ok {
			t.Errorf("%q does not match itself: %v %v", w, ok, err)
		}
		if ok, _ := models.MatchesWord(s, "xx abc yy", w); ok && w == "a.c" {
			t.Errorf("%q matched abc: a metacharacter was not quoted", w)
		}
	}
}
