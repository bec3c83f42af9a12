package models_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/dbtest"
)

// place returns the same place as two producers publish it (pairs differ
// from each other in name, street and position): detection links the two
// copies (same address, one name contained in the other, a few metres
// apart) and nothing else.
func place(i int) (models.Actor, models.Actor) {
	names := []string{"Alcazar", "Castellane", "Joliette", "Noailles", "Chartreux", "Sainte-Marguerite", "Estaque", "Pointe-Rouge"}
	streets := []string{"cours Belsunce", "rue de Rome", "boulevard des Dames", "rue d'Aubagne", "avenue des Chartreux", "boulevard de Sainte-Marguerite", "plage de l'Estaque", "avenue de la Pointe-Rouge"}
	lat, lon := 43.28+0.01*float64(i), 5.36+0.01*float64(i%3)
	addr := models.Address{Street: fmt.Sprintf("%d %s", 3+i, streets[i]), PostalCode: "13001", Commune: "Marseille"}
	a := models.Actor{Name: "Médiathèque " + names[i], Source: "hub", SourceID: fmt.Sprintf("h%d", i), Address: addr, Latitude: new(lat), Longitude: new(lon)}
	b := models.Actor{Name: "Bibliothèque " + names[i], Source: "france-services", SourceID: fmt.Sprintf("fs%d", i), Address: addr, Latitude: new(lat + 0.0002), Longitude: new(lon)}
	return a, b
}

func syncPairs(t *testing.T, s *models.Store, from, to int) {
	t.Helper()
	var hub, fs []models.Actor
	for i := from; i < to; i++ {
		a, b := place(i)
		hub, fs = append(hub, a), append(fs, b)
	}
	for src, batch := range map[string][]models.Actor{"hub": hub, "france-services": fs} {
		res, err := s.SyncBatch(context.Background(), src, batch, nil, models.SyncOptions{})
		if err != nil || res.Counts[models.SyncRejected] != 0 {
			t.Fatalf("sync %s: %v %+v", src, err, res)
		}
	}
}

func links(t *testing.T, s *models.Store) []models.DuplicateLink {
	t.Helper()
	page, err := s.ListDuplicates(context.Background(), models.DuplicateFilter{ListParams: models.ListParams{Limit: 200}})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

func catchUp(t *testing.T, s *models.Store) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.CatchUp(ctx, models.DuplicatesFollower); err != nil {
		t.Fatal(err)
	}
}

// TestDetectionOffTheWritePath: a sync batch commits and returns without
// comparing anything; the duplicates follower, started later (a service
// that was down during the import), links the pairs from its durable
// cursor.
func TestDetectionOffTheWritePath(t *testing.T) {
	s, _ := dbtest.Open(t, models.Options{})
	syncPairs(t, s, 0, 3)
	if got := links(t, s); len(got) != 0 {
		t.Fatalf("a sync batch linked %d pairs itself", len(got))
	}
	if _, err := s.FollowDuplicates(context.Background()); err != nil {
		t.Fatal(err)
	}
	catchUp(t, s)
	if got := links(t, s); len(got) != 3 {
		t.Fatalf("%d links after detection, want 3", len(got))
	}
	// A direct write (not a sync) is followed too: the address of one
	// copy moves away and its suggested link goes.
	a := links(t, s)[0].ActorAID
	if _, err := s.UpdateActor(context.Background(), a, models.Precondition{}, func(x *models.Actor) error {
		x.Address = models.Address{Street: "2 place de la Mairie", PostalCode: "13013", Commune: "Marseille"}
		x.Latitude, x.Longitude = nil, nil
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	catchUp(t, s)
	if got := links(t, s); len(got) != 2 {
		t.Errorf("%d links after a move, want 2", len(got))
	}
}

// TestDetectionTakesTurns runs duplicate detection in two replicas of one
// database: one holds the turn and links, the other stands by, reading its
// progress; when the holder stops, the other takes over from the stored
// cursor. Links are never made twice.
func TestDetectionTakesTurns(t *testing.T) {
	stores := twoProcesses(t, time.Now)
	ctx := context.Background()
	var fol [2]*models.Follower
	for i, s := range stores {
		f, err := s.FollowDuplicates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fol[i] = f
	}
	syncPairs(t, stores[0], 0, 4)
	catchUp(t, stores[0])
	catchUp(t, stores[1])
	if got := links(t, stores[1]); len(got) != 4 {
		t.Fatalf("%d links, want 4", len(got))
	}
	standby := []bool{fol[0].Stats().Standby, fol[1].Stats().Standby}
	if standby[0] == standby[1] {
		t.Fatalf("standby %v: exactly one replica should hold the turn", standby)
	}
	holder := 0
	if standby[0] {
		holder = 1
	}
	other := 1 - holder
	if st := fol[other].Stats(); st.Applied != fol[holder].Applied() || st.Lag != 0 {
		t.Errorf("the replica standing by reports %+v, the holder applied %d", st, fol[holder].Applied())
	}
	if st := fol[holder].Stats(); st.Changes == 0 || st.Errors != 0 {
		t.Errorf("holder %+v", st)
	}
	// The holder stops (a rolling restart): it gives up its turn, and the
	// other replica takes over at its next poll.
	fol[holder].Stop()
	syncPairs(t, stores[holder], 4, 6)
	catchUp(t, stores[other])
	if got := links(t, stores[other]); len(got) != 6 {
		t.Fatalf("%d links after the takeover, want 6", len(got))
	}
	if st := fol[other].Stats(); st.Standby || st.Changes == 0 {
		t.Errorf("the replica left %+v", st)
	}
}

// TestDetectionTwiceAtOnce runs detection of the same actors from both
// replicas at the same instants (what a holder that stalled past its lease
// and the next one could do): no error, one link per pair.
func TestDetectionTwiceAtOnce(t *testing.T) {
	stores := twoProcesses(t, time.Now)
	syncPairs(t, stores[0], 0, 5)
	cs, err := stores[0].ChangesAfter(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.EntityID)
	}
	for round := range 3 {
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				if _, err := stores[i%2].DetectDuplicates(context.Background(), ids); err != nil {
					t.Errorf("round %d, run %d: %v", round, i, err)
				}
			})
		}
		wg.Wait()
	}
	if got := links(t, stores[1]); len(got) != 5 {
		t.Errorf("%d links, want 5", len(got))
	}
}

// TestExclusiveFollowers: of the exclusive followers sharing a name in two
// processes, one applies at a time, and together they apply every change;
// a change is applied twice only around a takeover.
func TestExclusiveFollowers(t *testing.T) {
	stores := twoProcesses(t, time.Now)
	ctx := context.Background()
	var inFlight, most atomic.Int32
	var mu sync.Mutex
	seen := map[int64]int{}
	apply := func(_ context.Context, batch []models.Change) error {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(time.Millisecond) // an Apply takes time: overlaps would show
		mu.Lock()
		defer mu.Unlock()
		for _, c := range batch {
			seen[c.Seq]++
		}
		return nil
	}
	var fol []*models.Follower
	for _, s := range stores {
		for range 2 { // two per process, as two servers built on one store
			f, err := s.Follow(ctx, models.FollowOptions{Name: "exclusive", Durable: true, Exclusive: true, Apply: apply, Batch: 3, Poll: 5 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			fol = append(fol, f)
		}
	}
	if _, err := stores[0].Follow(ctx, models.FollowOptions{Name: "x", Exclusive: true, Apply: apply}); err == nil {
		t.Error("an exclusive follower without a durable cursor was accepted")
	}
	for i := range 30 {
		a := validActor(fmt.Sprintf("Lieu %d", i))
		if err := stores[i%2].CreateActor(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range stores {
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := s.CatchUp(wctx, "exclusive")
		cancel()
		if err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for seq := int64(1); seq <= 30; seq++ {
		if seen[seq] != 1 {
			t.Errorf("change %d applied %d times", seq, seen[seq])
		}
	}
	if m := most.Load(); m != 1 {
		t.Errorf("%d exclusive followers applied at once", m)
	}
	holders := 0
	for _, f := range fol {
		if !f.Stats().Standby {
			holders++
		}
	}
	if holders != 1 {
		t.Errorf("%d followers hold the turn", holders)
	}
	var errs []error
	for _, f := range fol {
		if st := f.Stats(); st.Errors > 0 {
			errs = append(errs, errors.New(st.LastError))
		}
	}
	if len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// TestRedetectionLeavesUnchangedLinks: detecting again pairs that did not
// change writes nothing (a write at an address shared by hundreds of places
// re-detects hundreds of pairs, and rewriting each held the single writer);
// a pair whose evidence changed is updated.
func TestRedetectionLeavesUnchangedLinks(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC).UnixMicro())
	s, _ := dbtest.Open(t, models.Options{Now: func() time.Time { return time.UnixMicro(clock.Load()) }})
	ctx := context.Background()
	syncPairs(t, s, 0, 3)
	cs, err := s.ChangesAfter(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.EntityID)
	}
	if _, err := s.DetectDuplicates(ctx, ids); err != nil {
		t.Fatal(err)
	}
	first := links(t, s)
	if len(first) != 3 {
		t.Fatalf("%d links, want 3", len(first))
	}
	clock.Add(time.Hour.Microseconds())
	if _, err := s.DetectDuplicates(ctx, ids); err != nil {
		t.Fatal(err)
	}
	byPair := map[string]models.DuplicateLink{}
	for _, l := range links(t, s) {
		byPair[l.ActorAID+l.ActorBID] = l
	}
	for _, l := range first {
		again := byPair[l.ActorAID+l.ActorBID]
		if !again.UpdatedAt.Equal(l.UpdatedAt) {
			t.Errorf("link %s rewritten by a detection that found the same: updated_at %v → %v", l.ID, l.UpdatedAt, again.UpdatedAt)
		}
	}
	// One copy moves 30 m further: its link's distance changes.
	_, moved := place(1)
	moved.Latitude = new(*moved.Latitude + 0.0003)
	if _, err := s.SyncBatch(ctx, "france-services", []models.Actor{moved}, nil, models.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Hour.Microseconds())
	if _, err := s.DetectDuplicates(ctx, ids); err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, l := range links(t, s) {
		before := byPair[l.ActorAID+l.ActorBID]
		if !l.UpdatedAt.Equal(before.UpdatedAt) {
			changed++
			if l.DistanceM == nil || before.DistanceM == nil || *l.DistanceM <= *before.DistanceM {
				t.Errorf("the moved pair's distance: %v → %v", before.DistanceM, l.DistanceM)
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d links updated after one copy moved, want 1", changed)
	}
}

// switchboard is the hub's place and the CAF's four counters sharing one
// switchboard number, the first at the hub's address (see the two tests
// below).
func switchboard() (hub models.Actor, counters []models.Actor) {
	at := func(source, id, name, street string, lat float64) models.Actor {
		return models.Actor{Name: name, Source: source, SourceID: id, Phones: []string{"+33491555555"}, ContactPublic: true,
			Address: models.Address{Street: street, PostalCode: "13001", Commune: "Marseille"}, Latitude: new(lat), Longitude: new(5.38)}
	}
	return at("hub", "h1", "Espace numérique Belsunce", "12 cours Belsunce", 43.3000), []models.Actor{
		at("caf", "c1", "Caisse d'allocations familiales", "12 cours Belsunce", 43.3001),
		at("caf", "c2", "CAF accueil Joliette", "40 boulevard des Dames", 43.3100),
		at("caf", "c3", "CAF accueil Castellane", "8 place Castellane", 43.2900),
		at("caf", "c4", "CAF accueil Chartreux", "20 avenue des Chartreux", 43.3200),
	}
}

// syncAll syncs actors of one source, none rejected.
func syncAll(t *testing.T, s *models.Store, source string, actors ...models.Actor) *models.SyncResult {
	t.Helper()
	res, err := s.SyncBatch(context.Background(), source, actors, nil, models.SyncOptions{})
	if err != nil || res.Counts[models.SyncRejected] != 0 {
		t.Fatalf("sync %s: %v %+v", source, err, res)
	}
	return res
}

// linkedPairs lists the links by their actors' source ids, with score and
// reasons.
func linkedPairs(t *testing.T, s *models.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, l := range links(t, s) {
		out[l.ActorA.SourceID+"~"+l.ActorB.SourceID] = fmt.Sprintf("%.3f %v", l.Score, l.Reasons)
	}
	return out
}

// followingStore is a store whose duplicates follower runs.
func followingStore(t *testing.T) *models.Store {
	t.Helper()
	s, _ := dbtest.Open(t, models.Options{})
	if _, err := s.FollowDuplicates(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLinksFollowTheCarriersThatArriveLater: a link is scored when one of
// its actors is compared, with the carriers of its phone known then. A
// partner syncing its places a few at a time (the CAF's counters, one
// switchboard number) first gave the hub's place a link « même adresse,
// même téléphone » (0.67) that the phone no longer justifies once the
// partner's three other counters carry it too: the number is a
// network's (0.51). The links after the syncs must be those that one sync
// of every place gives.
func TestLinksFollowTheCarriersThatArriveLater(t *testing.T) {
	hub, counters := switchboard()

	once := followingStore(t)
	syncAll(t, once, "hub", hub)
	syncAll(t, once, "caf", counters...)
	catchUp(t, once)
	want := linkedPairs(t, once)

	stepwise := followingStore(t)
	syncAll(t, stepwise, "hub", hub)
	syncAll(t, stepwise, "caf", counters[0])
	catchUp(t, stepwise)
	if first := linkedPairs(t, stepwise); len(first) != 1 {
		t.Fatalf("the hub's place and the CAF's counter at its address with one phone: %v, want one link", first)
	}
	syncAll(t, stepwise, "caf", counters[1:]...)
	catchUp(t, stepwise)
	if got := linkedPairs(t, stepwise); !maps.Equal(got, want) {
		t.Errorf("links after the CAF's later counters:\n%v\nwant, as one sync of every place gives:\n%v", got, want)
	}
}

// switchboardAlone returns the link of the hub's place and the first CAF
// counter when that counter alone carries the switchboard's phone.
func switchboardAlone(t *testing.T) map[string]string {
	t.Helper()
	hub, counters := switchboard()
	alone := followingStore(t)
	syncAll(t, alone, "hub", hub)
	syncAll(t, alone, "caf", counters[0])
	catchUp(t, alone)
	want := linkedPairs(t, alone)
	if len(want) != 1 {
		t.Fatalf("the hub's place and the only CAF counter carrying its phone at its address: %v, want one link", want)
	}
	return want
}

// switchboardShared returns a store holding the hub's place and the four
// CAF counters with one phone, weighed as a network's: no link.
func switchboardShared(t *testing.T) (*models.Store, *models.SyncResult) {
	t.Helper()
	hub, counters := switchboard()
	s := followingStore(t)
	syncAll(t, s, "hub", hub)
	res := syncAll(t, s, "caf", counters...)
	catchUp(t, s)
	if got := linkedPairs(t, s); len(got) != 0 {
		t.Fatalf("a phone four CAF counters carry: %v, want no link", got)
	}
	return s, res
}

// TestLinksFollowACarrierArchived: the other way round, a value carried by
// four places of a partner at four addresses is weighed as a network's
// (0.51); once the other three are archived (a snapshot sync without them,
// counters closing), the phone is the last one's own, and its link with
// the hub's place at its address holds (0.67), as it does when that place
// was the only one to carry it.
func TestLinksFollowACarrierArchived(t *testing.T) {
	ctx := context.Background()
	want := switchboardAlone(t)
	s, res := switchboardShared(t)
	for _, o := range res.Outcomes[1:] {
		if _, err := s.ArchiveActor(ctx, o.ID, models.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	catchUp(t, s)
	if got := linkedPairs(t, s); !maps.Equal(got, want) {
		t.Errorf("links once the other counters are archived:\n%v\nwant, as with the first counter alone:\n%v", got, want)
	}
}

// TestLinksFollowAValueDropped: the same as an archival, by an update. Four
// CAF counters at four addresses carry one phone, weighed as a network's
// (0.51): no link. Three of them then publish their own numbers (a direct
// edit for one, a partner's sync for the others): the switchboard number
// is the first counter's alone, and its link with the hub's place at its
// address holds, as when it was the only one to carry it. Detection
// compares the changed counters, but the first one did not change: the
// places that carried a changed actor's former values are compared again,
// read from the audit of the update.
func TestLinksFollowAValueDropped(t *testing.T) {
	ctx := context.Background()
	want := switchboardAlone(t)
	s, res := switchboardShared(t)
	if _, err := s.UpdateActor(ctx, res.Outcomes[1].ID, models.Precondition{}, func(a *models.Actor) error {
		a.Phones = []string{"+33491784512"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, counters := switchboard()
	own := []models.Actor{counters[2], counters[3]}
	own[0].Phones, own[1].Phones = []string{"+33491623370"}, []string{"+33491457788"}
	syncAll(t, s, "caf", own...)
	catchUp(t, s)
	if got := linkedPairs(t, s); !maps.Equal(got, want) {
		t.Errorf("links once the other counters publish their own numbers:\n%v\nwant, as with the first counter alone:\n%v", got, want)
	}
}
