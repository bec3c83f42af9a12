package models

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// recorder is a follower's Apply that keeps what it was given.
type recorder struct {
	mu   sync.Mutex
	got  []Change
	fail int // fail this many calls first
}

func (r *recorder) apply(_ context.Context, cs []Change) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail > 0 {
		r.fail--
		return errors.New("boom")
	}
	r.got = append(r.got, cs...)
	return nil
}

func (r *recorder) changes() []Change {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Change(nil), r.got...)
}

// TestFollowReadYourWrites checks that a ReadYourWrites follower has applied
// a write, in commit order, before the write returns, and never hears of a
// rolled-back one.
func TestFollowReadYourWrites(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	var r recorder
	if _, err := s.Follow(ctx, FollowOptions{Name: "test", ReadYourWrites: true, Apply: r.apply, Poll: time.Hour}); err != nil {
		t.Fatal(err)
	}
	a := validActor()
	if err := s.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if got := r.changes(); len(got) != 1 || got[0].EntityID != a.ID || got[0].Op != ChangeCreate {
		t.Fatalf("after the create returned, the follower has %+v", got)
	}
	sv := Service{ActorID: a.ID, Name: "x", Kind: "one_off_help", Themes: StringList{"Utilisation sécurisée du numérique"}, OnSite: true}
	if err := s.CreateService(ctx, &sv); err != nil {
		t.Fatal(err)
	}
	bad := validActor()
	bad.Name = ""
	if err := s.CreateActor(ctx, &bad); err == nil {
		t.Fatal("invalid actor stored")
	}
	if _, err := s.ArchiveActor(ctx, a.ID, Precondition{}); err != nil {
		t.Fatal(err)
	}
	got := r.changes()
	// The service's creation scores its place again: an update of it.
	want := []struct{ entity, op string }{{EntityActor, ChangeCreate}, {EntityService, ChangeCreate}, {EntityActor, ChangeUpdate}, {EntityActor, ChangeArchive}, {EntityService, ChangeArchive}}
	if len(got) != len(want) {
		t.Fatalf("got %d changes: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].Entity != w.entity || got[i].Op != w.op || got[i].Seq == 0 || (i > 0 && got[i].Seq <= got[i-1].Seq) {
			t.Errorf("change %d: %+v, want %v", i, got[i], w)
		}
	}
	// The archived actor's read is visible at once (read-after-write).
	a2, err := s.GetActor(ctx, a.ID)
	if err != nil || !a2.IsArchived() {
		t.Errorf("read after write: %v %+v", err, a2)
	}
}

// TestFollowOtherProcess checks that a write made through another Store on
// the same database (another process, as far as the database can tell)
// reaches the follower by polling, and that a durable cursor survives a
// restart while an in-memory one starts from From.
func TestFollowOtherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	ctx := context.Background()
	open := func() *Store {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	server, cli := open(), open()
	var r recorder
	f, err := server.Follow(ctx, FollowOptions{Name: "durable", Durable: true, Apply: r.apply, Poll: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	a := validActor()
	if err := cli.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	last, err := cli.LastSeq(ctx)
	if err != nil || last == 0 {
		t.Fatalf("last seq %d %v", last, err)
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := f.Wait(wctx, last); err != nil {
		t.Fatal(err)
	}
	if got := r.changes(); len(got) != 1 || got[0].EntityID != a.ID {
		t.Fatalf("follower got %+v", got)
	}
	f.Stop()
	// Restarted, the durable follower resumes after what it applied.
	b := validActor()
	if err := cli.CreateActor(ctx, &b); err != nil {
		t.Fatal(err)
	}
	var again recorder
	f2, err := server.Follow(ctx, FollowOptions{Name: "durable", Durable: true, Apply: again.apply, Poll: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := f2.Wait(wctx, last+1); err != nil {
		t.Fatal(err)
	}
	if got := again.changes(); len(got) != 1 || got[0].EntityID != b.ID {
		t.Fatalf("restarted follower got %+v, want only the second actor", got)
	}
	st := f2.Stats()
	if st.Applied != last+1 || st.Lag != 0 || st.Changes != 1 || st.Name != "durable" {
		t.Errorf("stats %+v", st)
	}
}

// TestFollowRetries checks that a failing Apply gets the same batch again
// and that the cursor does not move meanwhile.
func TestFollowRetries(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	r := recorder{fail: 2}
	f, err := s.Follow(ctx, FollowOptions{Name: "flaky", Apply: r.apply, Poll: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	a := validActor()
	if err := s.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := f.Wait(wctx, 1); err != nil {
		t.Fatal(err)
	}
	if got := r.changes(); len(got) != 1 {
		t.Errorf("got %+v", got)
	}
	if st := f.Stats(); st.Errors != 2 || st.LastError != "boom" {
		t.Errorf("stats %+v", st)
	}
}

// TestFollowBatches checks that a follower late by more than a batch
// catches up batch by batch, in order, without gaps.
func TestFollowBatches(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	places := make([]PlaceWithServices, 25)
	for i := range places {
		places[i].Actor = validActor()
	}
	if err := s.CreatePlaces(ctx, places); err != nil {
		t.Fatal(err)
	}
	var r recorder
	f, err := s.Follow(ctx, FollowOptions{Name: "late", Apply: r.apply, Batch: 7, Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	f.Wake()
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := f.Wait(wctx, 25); err != nil {
		t.Fatal(err)
	}
	got := r.changes()
	if len(got) != 25 {
		t.Fatalf("%d changes", len(got))
	}
	for i, c := range got {
		if c.Seq != int64(i+1) || c.EntityID != places[i].Actor.ID {
			t.Errorf("change %d: %+v", i, c)
		}
	}
	if st := f.Stats(); st.Batches != 4 {
		t.Errorf("stats %+v", st)
	}
}

// TestFollowWokenAsItsTimerFires wakes a follower over and over while its
// poll timer keeps expiring: the two are ready at once, and the loop must
// never wait on a timer that already fired (since Go 1.23 a stopped
// timer's channel never delivers, so draining it blocked the follower for
// good).
func TestFollowWokenAsItsTimerFires(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	var r recorder
	f, err := s.Follow(ctx, FollowOptions{Name: "test", Apply: r.apply, Poll: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				f.Wake()
			}
		}
	}()
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	a := validActor()
	if err := s.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(r.changes()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the follower stopped reading the log after being woken as its timer fired")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSyncBatchLogReachesFollowers checks the change log a sync batch
// appends in one multi-row statement: a row per record created, in order,
// with increasing seqs and their times, and a ReadYourWrites follower has
// applied the last of them before the batch returns (the write reads back
// only that seq).
func TestSyncBatchLogReachesFollowers(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	var r recorder
	if _, err := s.Follow(ctx, FollowOptions{Name: "test", ReadYourWrites: true, Apply: r.apply, Poll: time.Hour}); err != nil {
		t.Fatal(err)
	}
	var actors []Actor
	var services []SyncService
	for i := range 5 {
		id := fmt.Sprint("p", i)
		actors = append(actors, syncActor(id))
		services = append(services, syncOffer(id+"#offer", id))
	}
	if res, err := s.SyncBatch(ctx, "hub", actors, services, SyncOptions{}); err != nil || res.Counts[SyncCreated] != 10 {
		t.Fatalf("sync: %v %+v", err, res)
	}
	got := r.changes()
	if len(got) != 10 {
		t.Fatalf("the follower has %d changes when the batch returned: %+v", len(got), got)
	}
	last, err := s.LastSeq(ctx)
	if err != nil || last != got[9].Seq {
		t.Fatalf("last seq %d (%v), the follower's last %d", last, err, got[9].Seq)
	}
	for i, c := range got {
		if c.Op != ChangeCreate || c.Version != 1 || c.At.IsZero() || (i > 0 && c.Seq <= got[i-1].Seq) {
			t.Errorf("change %d: %+v", i, c)
		}
		if want := EntityActor; i < 5 && (c.Entity != want || c.EntityID == "") {
			t.Errorf("change %d: %+v, want an actor's", i, c)
		}
		if want := EntityService; i >= 5 && (c.Entity != want || c.EntityID == "") {
			t.Errorf("change %d: %+v, want a service's", i, c)
		}
	}
}
