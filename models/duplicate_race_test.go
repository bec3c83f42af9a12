package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"carnet/models"
	"carnet/models/dbtest"
)

// TestCreateDuplicateAfterDetectionInserted (fix43 #1): detection, which
// follows the change log after commit, records the pair between
// CreateDuplicate's look-up and its insert. The answer is the look-up's
// 409 naming that link, not the store's generic « A record with the same
// key already exists ». On SQLite the link is inserted in the write's own
// transaction (one writer); on PostgreSQL (CARNET_TEST_POSTGRES) on another
// connection that commits first, as detection does.
func TestCreateDuplicateAfterDetectionInserted(t *testing.T) {
	s, dsn := dbtest.Open(t, models.Options{})
	admin := models.WithPrincipal(context.Background(), &models.Principal{UserID: models.NewID(), PlatformAdmin: true})
	var ids []string
	for i, name := range []string{"Médiathèque Émile Zola", "Mediatheque Emile Zola"} {
		a := models.Actor{Name: name, Address: models.Address{Street: "3 rue de la Gare", PostalCode: "13001", Commune: "Marseille", InseeCode: "13201"}}
		a.Source, a.SourceID = "race", string(rune('a'+i))
		if err := s.CreateActor(admin, &a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	var raw *dbtest.DB
	if dbtest.Engine() == "postgres" {
		raw = dbtest.Raw(t, dsn)
	}
	detected := models.NewID()
	models.OnLinkInsert(t, func(tx *gorm.DB, a, b string) error {
		now := time.Now().UTC()
		if raw != nil {
			_, err := raw.Exec("INSERT INTO duplicate_links (id, actor_a, actor_b, score, name_score, address_score, identity_score, same_pivot, reasons, status, created_at, updated_at) VALUES (?, ?, ?, 0.9, 1, 1, 0, ?, '[]', 'suggested', ?, ?)",
				detected, a, b, false, now, now)
			return err
		}
		return tx.Create(&models.DuplicateLink{ID: detected, ActorAID: a, ActorBID: b, Score: 0.9, Status: models.DuplicateSuggested, CreatedAt: now, UpdatedAt: now}).Error
	})
	_, err := s.CreateDuplicate(admin, ids[1], ids[0])
	if models.ErrorCode(err) != models.ECONFLICT || err == nil || !strings.Contains(err.Error(), "exists: "+detected+" (suggested)") {
		t.Fatalf("got %v, want the 409 naming link %s (suggested)", err, detected)
	}
	if raw == nil {
		return // the write's transaction, and the link, rolled back
	}
	// Detection's link stands, alone.
	page, err := s.ListDuplicates(admin, models.DuplicateFilter{Viewer: models.PrincipalFrom(admin), ListParams: models.ListParams{Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != detected {
		t.Errorf("links %+v, want %s only", page.Items, detected)
	}
}

// TestDetectionYieldsToALinkRecordedMeanwhile (fix45 #2): a person records
// the pair (POST /api/v1/duplicates) between detection's read of the
// stored links and its insert of the new ones. The person's link stays as
// recorded and the pass succeeds; the insert failed the whole pass
// (PostgreSQL: a unique violation), which the follower retried with its
// backoff. On SQLite detection's transaction holds the single writer, so
// the link is inserted in that transaction, as the seam can; on
// PostgreSQL (CARNET_TEST_POSTGRES) on another connection that commits
// first, as CreateDuplicate does.
func TestDetectionYieldsToALinkRecordedMeanwhile(t *testing.T) {
	s, dsn := dbtest.Open(t, models.Options{})
	ctx := context.Background()
	syncPairs(t, s, 0, 2)
	cs, err := s.ChangesAfter(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.EntityID)
	}
	var raw *dbtest.DB
	if dbtest.Engine() == "postgres" {
		raw = dbtest.Raw(t, dsn)
	}
	recorded, by := models.NewID(), "user:someone"
	var pair [2]string
	models.OnDetectedLinksInsert(t, func(tx *gorm.DB, pairs [][2]string) error {
		if pair[0] != "" || len(pairs) == 0 {
			return nil
		}
		pair = pairs[0]
		now := time.Now().UTC()
		if raw != nil {
			_, err := raw.Exec("INSERT INTO duplicate_links (id, actor_a, actor_b, score, name_score, address_score, identity_score, same_pivot, reasons, status, recorded_by, recorded_score, created_at, updated_at) VALUES (?, ?, ?, 0.9, 1, 1, 0, ?, '[]', 'suggested', ?, 0.9, ?, ?)",
				recorded, pair[0], pair[1], false, by, now, now)
			return err
		}
		return tx.Create(&models.DuplicateLink{ID: recorded, ActorAID: pair[0], ActorBID: pair[1], Score: 0.9, RecordedBy: &by, RecordedScore: new(0.9),
			Status: models.DuplicateSuggested, CreatedAt: now, UpdatedAt: now}).Error
	})
	if _, err := s.DetectDuplicates(ctx, ids); err != nil {
		t.Fatalf("detection with a link recorded meanwhile: %v", err)
	}
	if pair[0] == "" {
		t.Fatal("detection inserted no link")
	}
	ls := links(t, s)
	if len(ls) != 2 {
		t.Fatalf("%d links, want 2: %+v", len(ls), ls)
	}
	for _, l := range ls {
		if l.ActorAID == pair[0] && l.ActorBID == pair[1] && (l.ID != recorded || l.RecordedBy == nil || *l.RecordedBy != by) {
			t.Errorf("the pair's link: %s recorded by %v, want the person's %s", l.ID, l.RecordedBy, recorded)
		}
	}
}
