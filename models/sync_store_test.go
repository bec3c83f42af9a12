package models

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func syncActor(id string) Actor {
	a := validActor()
	a.Name, a.SourceID = "Lieu "+id, id
	return a
}

func syncOffer(id, actor string) SyncService {
	return SyncService{Service: Service{Name: "Offre", Kind: "one_off_help", Themes: StringList{"Utilisation sécurisée du numérique"}, OnSite: true, SourceID: id}, ActorSourceID: actor}
}

// syncPlaces returns n places p0… of a source with one offer each.
func syncPlaces(n int) ([]Actor, []SyncService) {
	var actors []Actor
	var services []SyncService
	for i := range n {
		id := fmt.Sprint("p", i)
		actors = append(actors, syncActor(id))
		services = append(services, syncOffer(id+"#offer", id))
	}
	return actors, services
}

func TestSyncBatch(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	actors, services := syncPlaces(10)
	res, err := s.SyncBatch(ctx, "hub", actors, services, SyncOptions{})
	if err != nil || res.Counts[SyncCreated] != 20 {
		t.Fatalf("first: %v %+v", err, res)
	}
	var seqBefore int64
	s.r.Model(&Change{}).Select("max(seq)").Scan(&seqBefore)

	t.Run("OK replay writes nothing", func(t *testing.T) {
		res, err := s.SyncBatch(ctx, "hub", cloneActors(actors), cloneServices(services), SyncOptions{})
		if err != nil || res.Counts[SyncUnchanged] != 20 {
			t.Fatalf("%v %+v", err, res.Counts)
		}
		var seq int64
		s.r.Model(&Change{}).Select("max(seq)").Scan(&seq)
		if seq != seqBefore {
			t.Errorf("the change log grew from %d to %d", seqBefore, seq)
		}
	})
	t.Run("ErrConflict mass archive", func(t *testing.T) {
		_, err := s.SyncBatch(ctx, "hub", cloneActors(actors[:5]), nil, SyncOptions{Snapshot: true})
		if ErrorCode(err) != ECONFLICT {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("OK snapshot within the guard archives actors and their services", func(t *testing.T) {
		res, err := s.SyncBatch(ctx, "hub", cloneActors(actors[:9]), nil, SyncOptions{Snapshot: true})
		if err != nil || res.Counts[SyncArchived] != 1 || res.Counts[SyncUnchanged] != 9 {
			t.Fatalf("%v %+v", err, res.Counts)
		}
		var live int64
		s.r.Model(&Service{}).Where("source = 'hub' AND archived_at IS NULL").Count(&live)
		if live != 9 {
			t.Errorf("%d live services, want 9: the archived actor's offer goes with it", live)
		}
	})
	t.Run("OK restore brings back the actor and its service", func(t *testing.T) {
		res, err := s.SyncBatch(ctx, "hub", cloneActors(actors[9:]), cloneServices(services[9:]), SyncOptions{})
		if err != nil || res.Counts[SyncRestored] != 2 {
			t.Fatalf("%v %+v", err, res.Outcomes)
		}
	})
	t.Run("OK dry run rolls back", func(t *testing.T) {
		res, err := s.SyncBatch(ctx, "hub", []Actor{syncActor("new")}, nil, SyncOptions{DryRun: true})
		if err != nil || res.Counts[SyncCreated] != 1 || !res.DryRun {
			t.Fatalf("%v %+v", err, res)
		}
		var n int64
		s.r.Model(&Actor{}).Where("source_id = 'new'").Count(&n)
		if n != 0 {
			t.Error("dry run wrote")
		}
	})
	t.Run("Rejected records do not stop the batch", func(t *testing.T) {
		bad := syncActor("bad")
		bad.Address.PostalCode = "x"
		dup := syncActor("p0")
		res, err := s.SyncBatch(ctx, "hub", []Actor{bad, syncActor("p0"), dup, {Name: "no key"}}, []SyncService{syncOffer("o", "ghost")}, SyncOptions{})
		if err != nil || res.Counts[SyncRejected] != 4 || res.Counts[SyncUnchanged] != 1 {
			t.Fatalf("%v %+v", err, res.Outcomes)
		}
	})
	t.Run("ErrInvalid source", func(t *testing.T) {
		if _, err := s.SyncBatch(ctx, "Bad Source", nil, nil, SyncOptions{}); ErrorCode(err) != EINVALID {
			t.Errorf("err %v", err)
		}
	})
	t.Run("Rejected a service moving to another actor", func(t *testing.T) {
		moved := syncOffer("p1#offer", "p2")
		res, err := s.SyncBatch(ctx, "hub", nil, []SyncService{moved}, SyncOptions{})
		if err != nil || res.Counts[SyncRejected] != 1 {
			t.Fatalf("%v %+v", err, res.Outcomes)
		}
	})
}

func cloneActors(in []Actor) []Actor { return append([]Actor(nil), in...) }

func cloneServices(in []SyncService) []SyncService { return append([]SyncService(nil), in...) }

// TestScanFast reads the same rows as GORM's Find.
func TestScanFast(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	a := syncActor("fast")
	lat, lon := 43.3, 5.4
	a.Latitude, a.Longitude, a.Phones, a.ContactPublic = &lat, &lon, StringList{"+33491000000"}, true
	capacity := 8
	sv := syncOffer("fast#offer", "fast")
	sv.Capacity, sv.PassNumerique, sv.Address = &capacity, true, Address{Street: "2 rue", PostalCode: "13001", Commune: "Marseille"}
	if _, err := s.SyncBatch(ctx, "hub", []Actor{a}, []SyncService{sv}, SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SyncBatch(ctx, "hub", []Actor{syncActor("other")}, nil, SyncOptions{Snapshot: true, AllowMassArchive: true}); err != nil {
		t.Fatal(err)
	}
	var slowA, fastA []Actor
	var slowS, fastS []Service
	if err := s.r.Order("id").Find(&slowA).Error; err != nil {
		t.Fatal(err)
	}
	if err := scanFast(s.r.Model(&Actor{}).Order("id"), &fastA); err != nil {
		t.Fatal(err)
	}
	if err := s.r.Order("id").Find(&slowS).Error; err != nil {
		t.Fatal(err)
	}
	if err := scanFast(s.r.Model(&Service{}).Order("id"), &fastS); err != nil {
		t.Fatal(err)
	}
	if len(fastA) != 2 || !reflect.DeepEqual(slowA, fastA) {
		t.Errorf("actors differ:\n%+v\n%+v", slowA, fastA)
	}
	if len(fastS) != 1 || !reflect.DeepEqual(slowS, fastS) {
		t.Errorf("services differ:\n%+v\n%+v", slowS, fastS)
	}
}

// TestSyncCreatedServiceNormalized: a service created by a sync batch is
// stored as Normalize leaves it — normalised once before the write
// transaction (PrepareSyncBatch), not again by the writer — for an actor
// named by its source id or by its id written in capitals.
func TestSyncCreatedServiceNormalized(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	res, err := s.SyncBatch(ctx, "hub", []Actor{syncActor("p")}, nil, SyncOptions{})
	if err != nil || res.Counts[SyncCreated] != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	actorID := res.Outcomes[0].ID
	messy := func(id string) SyncService {
		sv := syncOffer(id, "p")
		sv.Name = "  Offre\u00a0 d'aide  "
		sv.Description = " Un  texte \n"
		sv.Kind = " One_Off_Help "
		sv.Themes = StringList{" utilisation sécurisée du numérique ", "Utilisation sécurisée du numérique"}
		sv.Languages = StringList{" fr "}
		return sv
	}
	byID := messy("o2")
	byID.ActorSourceID, byID.ActorID = "", "  "+strings.ToUpper(actorID)+" "
	res, err = s.SyncBatch(ctx, "hub", nil, []SyncService{messy("o1"), byID}, SyncOptions{})
	if err != nil || res.Counts[SyncCreated] != 2 {
		t.Fatalf("%v %+v", err, res)
	}
	for _, o := range res.Outcomes {
		want := messy("").Service
		want.ActorID = actorID
		want.Normalize()
		var got Service
		if err := s.r.Take(&got, "id = ?", o.ID).Error; err != nil {
			t.Fatal(err)
		}
		if got.ActorID != actorID || got.Name != want.Name || got.Description != want.Description || got.Kind != want.Kind ||
			!reflect.DeepEqual(got.Themes, want.Themes) || !reflect.DeepEqual(got.Languages, want.Languages) {
			t.Errorf("%s stored %q %q %q %q %q %q, Normalize gives %q %q %q %q %q %q", o.SourceID,
				got.ActorID, got.Name, got.Description, got.Kind, got.Themes, got.Languages,
				want.ActorID, want.Name, want.Description, want.Kind, want.Themes, want.Languages)
		}
		if got.Fingerprint != got.ContentFingerprint() {
			t.Errorf("%s: fingerprint %s is not the stored content's %s", o.SourceID, got.Fingerprint, got.ContentFingerprint())
		}
	}
}

// TestSyncRestoresTheOfferAnImportBringsBack: a file leaves out what
// Carnet's users set (KeepUncarried: a service's publication status among
// them). A place a snapshot archived came back with the next full file,
// the report said both restored, but its service kept the status
// « archived » it had as stored: still archived, for good, every later
// import reporting it restored again. A restored service takes back its
// status before the archiving (published here), as POST …/restore does.
func TestSyncRestoresTheOfferAnImportBringsBack(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	actors, services := syncPlaces(10)
	file := SyncOptions{KeepUncarried: true}
	if _, err := s.SyncBatch(ctx, "hub", cloneActors(actors), cloneServices(services), file); err != nil {
		t.Fatal(err)
	}
	snapshot := file
	snapshot.Snapshot = true
	if res, err := s.SyncBatch(ctx, "hub", cloneActors(actors[:9]), cloneServices(services[:9]), snapshot); err != nil || res.Counts[SyncArchived] != 2 {
		t.Fatalf("snapshot: %v %+v", err, res.Counts)
	}
	for round := range 2 {
		res, err := s.SyncBatch(ctx, "hub", cloneActors(actors), cloneServices(services), file)
		want := map[int]int{0: 2, 1: 0}[round]
		if err != nil || res.Counts[SyncRestored] != want {
			t.Fatalf("round %d: %v %+v, want %d restored", round, err, res.Counts, want)
		}
		var sv Service
		if err := s.r.Take(&sv, "source_id = ?", "p9#offer").Error; err != nil {
			t.Fatal(err)
		}
		if sv.ArchivedAt != nil || sv.Status != "published" {
			t.Errorf("round %d: the restored place's service is %s (archived at %v), want published", round, sv.Status, sv.ArchivedAt)
		}
	}
}
