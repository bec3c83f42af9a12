package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// onConflictDoNothing keeps an existing link of the same pair (and its
// decision).
var onConflictDoNothing = clause.OnConflict{DoNothing: true}

// Statuses of a duplicate link.
const (
	DuplicateSuggested = "suggested"
	DuplicateConfirmed = "confirmed"
	DuplicateDismissed = "dismissed"
)

// DuplicateLink says that two actors of different sources may be the same
// place. ActorA is the older record. Nothing is merged: lists may hide the
// newer one (exclude_duplicates) and coordinators confirm or dismiss.
type DuplicateLink struct {
	ID           string `gorm:"primaryKey"`
	ActorAID     string `gorm:"column:actor_a"`
	ActorBID     string `gorm:"column:actor_b"`
	ActorA       *Actor `gorm:"foreignKey:ActorAID"`
	ActorB       *Actor `gorm:"foreignKey:ActorBID"`
	Score        float64
	NameScore    float64
	AddressScore float64
	DistanceM    *float64 `gorm:"column:distance_m"`
	SamePivot    bool
	Status       string
	DecidedBy    string
	DecidedAt    *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// notADuplicate is the condition of ExcludeDuplicates on an actor id
// column: the actor is not the newer of a pair that is suggested or
// confirmed and whose older actor is live. Each group of duplicates thus
// keeps its oldest record.
func notADuplicate(idColumn string) string {
	return "NOT EXISTS (SELECT 1 FROM duplicate_links d JOIN actors o ON o.id = d.actor_a WHERE d.actor_b = " + idColumn +
		" AND d.status <> 'dismissed' AND o.archived_at IS NULL)"
}

// linkDuplicates compares a (just written) with the live actors of other
// sources in the same postal code or commune and links those that score at
// least DuplicateThreshold. An existing link is left as it is, so a
// dismissal is never undone by the next sync.
func (s *Store) linkDuplicates(tx *gorm.DB, a *Actor) (int, error) {
	if a.ID == "" || a.IsArchived() {
		return 0, nil
	}
	q := tx.Where("archived_at IS NULL AND id <> ? AND source <> ?", a.ID, a.Source)
	if a.Address.InseeCode != "" {
		q = q.Where("(postal_code = ? OR insee_code = ?)", a.Address.PostalCode, a.Address.InseeCode)
	} else {
		q = q.Where("postal_code = ?", a.Address.PostalCode)
	}
	var candidates []Actor
	// Only what ComparePlaces reads: blocks can hold dozens of places.
	q = q.Select("id", "name", "pivot", "pivot_kind", "street", "latitude", "longitude")
	if err := q.Find(&candidates).Error; err != nil {
		return 0, err
	}
	n := 0
	for i := range candidates {
		c := &candidates[i]
		sim := ComparePlaces(a, c)
		if sim.Score < DuplicateThreshold {
			continue
		}
		first, second := a.ID, c.ID
		if second < first {
			first, second = second, first
		}
		now := s.now()
		l := DuplicateLink{ID: NewID(), ActorAID: first, ActorBID: second, Score: sim.Score, NameScore: round3(sim.Name),
			AddressScore: round3(sim.Address), DistanceM: sim.DistanceM, SamePivot: sim.SamePivot,
			Status: DuplicateSuggested, CreatedAt: now, UpdatedAt: now}
		res := tx.Omit("ActorA", "ActorB").Clauses(onConflictDoNothing).Create(&l)
		if res.Error != nil {
			return n, res.Error
		}
		n += int(res.RowsAffected)
	}
	return n, nil
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// DuplicateFilter selects links in ListDuplicates.
type DuplicateFilter struct {
	Statuses []string
	ActorID  string
	ListParams
}

// ListDuplicates returns one page of links with their two actors, in id
// order.
func (s *Store) ListDuplicates(ctx context.Context, f DuplicateFilter) (Page[DuplicateLink], error) {
	f.Sort = SortID
	filter := func(q *gorm.DB) *gorm.DB {
		if len(f.Statuses) > 0 {
			q = q.Where("status IN ?", f.Statuses)
		}
		if f.ActorID != "" {
			q = q.Where("(actor_a = ? OR actor_b = ?)", f.ActorID, f.ActorID)
		}
		return q
	}
	return listPage(s, ctx, "duplicate_links", f.ListParams, filter,
		func(q *gorm.DB) *gorm.DB { return q.Preload("ActorA").Preload("ActorB") },
		func(d *DuplicateLink) (string, string, time.Time) { return d.ID, "", d.CreatedAt })
}

// GetDuplicate returns the link with id and its actors.
func (s *Store) GetDuplicate(ctx context.Context, id string) (*DuplicateLink, error) {
	return getDuplicate(s.read(ctx), id)
}

func getDuplicate(db *gorm.DB, id string) (*DuplicateLink, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No duplicate link has the id %q.", clip(id))
	}
	var l DuplicateLink
	err := db.Preload("ActorA").Preload("ActorB").Take(&l, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No duplicate link has the id %q.", id)
	}
	if err != nil {
		return nil, dbError(err)
	}
	return &l, nil
}

// DecideDuplicate sets the link's status to confirmed or dismissed, by the
// caller in ctx. Deciding again is allowed: a mistake can be corrected.
func (s *Store) DecideDuplicate(ctx context.Context, id, status string) (*DuplicateLink, error) {
	if status != DuplicateConfirmed && status != DuplicateDismissed {
		return nil, Errorf(EINVALID, "A decision is confirmed or dismissed.")
	}
	var out *DuplicateLink
	err := s.write(ctx, func(tx *gorm.DB) error {
		l, err := getDuplicate(forUpdate(tx), id)
		if err != nil {
			return err
		}
		now := s.now()
		by := PrincipalFrom(ctx).Scope()
		l.Status, l.DecidedBy, l.DecidedAt, l.UpdatedAt = status, by, &now, now
		if err := tx.Model(&DuplicateLink{}).Where("id = ?", id).Updates(map[string]any{"status": status, "decided_by": by, "decided_at": now, "updated_at": now}).Error; err != nil {
			return err
		}
		out = l
		return nil
	})
	return out, err
}
