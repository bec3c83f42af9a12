package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"carnet/models/dedup"
	"carnet/models/vocab"
)

// Decision is a moderator's decision on a duplicate link.
type Decision struct {
	Status string // DuplicateConfirmed or DuplicateDismissed
	// Keep is the record a confirmation keeps, one of the link's two
	// actors; "" keeps DefaultKept's. Only a confirmation reads it.
	Keep string
}

func (d Decision) check() error {
	if d.Status != DuplicateConfirmed && d.Status != DuplicateDismissed {
		return Errorf(EINVALID, "A decision is confirmed or dismissed.")
	}
	if d.Keep != "" && d.Status != DuplicateConfirmed {
		return fieldError("keep", "is read by a confirmation only: a dismissal keeps both records")
	}
	return nil
}

// fieldError is a 422 naming one field.
func fieldError(field, reason string) error {
	var fe FieldErrors
	fe.Add(field, reason)
	return fe.Err("The request cannot be applied: " + field + " " + reason + ".")
}

// KeptID is the record a confirmation of l keeps (serves on the public
// surfaces): Kept, or the older record for a link confirmed before it was
// kept.
func (l *DuplicateLink) KeptID() string {
	if l.Kept != nil && *l.Kept == l.ActorBID {
		return l.ActorBID
	}
	return l.ActorAID
}

// HiddenID is the record a confirmation of l hides, which stands for
// KeptID's.
func (l *DuplicateLink) HiddenID() string {
	if l.KeptID() == l.ActorBID {
		return l.ActorAID
	}
	return l.ActorBID
}

// DefaultKept is the record a confirmation of a link between a (the older
// record, actor_a) and b keeps unless the moderator chooses: the one with
// the better quality score on the day now (QualityOf: contacts, hours,
// services, freshness…), then the one its producer checked last (checked_on;
// an undated record is never the fresher), then the older record. Probe
// 40b H2: keeping the older record whatever it held hid, in 53 links of
// 95, the better-scored one (a place's phone, e-mail, website and hours),
// and the export wrote the older producer date (M1).
func DefaultKept(a, b *Actor, now time.Time) string {
	if a == nil || b == nil {
		return ""
	}
	if qa, qb := QualityOf(a, now).Score, QualityOf(b, now).Score; qa != qb {
		if qb > qa {
			return b.ID
		}
		return a.ID
	}
	if datedOn(b) > datedOn(a) {
		return b.ID
	}
	return a.ID
}

// datedOn is the day a's producer (or a person) last checked it, "" when
// nobody is known to have (CheckedOnUndated).
func datedOn(a *Actor) string {
	if a.CheckedOnUndated {
		return ""
	}
	return a.CheckedOn
}

// keptOnConfirm returns the record a confirmation of l keeps, keep when
// the moderator chose one. A confirmed place must stay served once: each
// group of records confirmed as one place serves one record, the one no
// confirmed link hides, and every other record stands for it, directly or
// through another (a chain: C stands for B, which stands for A). So a
// confirmation hides a record that is served: when both sides are served,
// the one not kept; when one side already stands for another record
// (A≈C confirmed, C hidden, and now B≈C), the other side — B then stands
// for C, and the place is served once, in A (probe 40b H1: hiding C again
// left A and B both served, one place twice, unmarked). A choice that
// would serve one place twice is refused (409) naming the decision in the
// way; so is a link between two records that each stand for another,
// whose served records are the link to confirm. Two records of one group
// already are one place: the link hides the side that is not served. The
// link itself is left out (a re-decision of a confirmed link weighs the
// groups without it).
func (s *Store) keptOnConfirm(tx *gorm.DB, l *DuplicateLink, keep string) (string, error) {
	x, y := l.ActorAID, l.ActorBID
	rx, vx, err := servedAs(tx, x, l.ID)
	if err != nil {
		return "", err
	}
	ry, vy, err := servedAs(tx, y, l.ID)
	if err != nil {
		return "", err
	}
	must := ""
	switch {
	case vx == "" && vy == "":
	case vx != "" && vy != "" && rx != ry:
		return "", Errorf(ECONFLICT, "Both records already stand for another: %s is served as %s (link %s confirmed) and %s as %s (link %s confirmed). Confirm the link between %s and %s instead (POST /api/v1/duplicates records it when Carnet did not suggest it), or undo one of those decisions first.",
			x, rx, vx, y, ry, vy, rx, ry)
	case vx == "":
		must = x // x is served: y is already hidden, under x or another record
		if rx != ry {
			must = y
		}
	case vy == "":
		must = y
		if rx != ry {
			must = x
		}
	}
	if must == "" {
		if keep == "" {
			keep = DefaultKept(l.ActorA, l.ActorB, s.now())
		}
		return keep, nil
	}
	if keep != "" && keep != must {
		return "", keptConflict(l, keep, must, rx, vx, ry, vy)
	}
	return must, nil
}

// keptConflict is the 409 of a choice to keep keep where must has to be
// kept for the place to stay served once (keptOnConfirm): one side of l
// already stands for another record, through its link.
func keptConflict(l *DuplicateLink, keep, must, rx, vx, ry, vy string) error {
	side, root, via := l.ActorBID, ry, vy
	if vx != "" {
		side, root, via = l.ActorAID, rx, vx
	}
	return Errorf(ECONFLICT, "Keeping %s would serve this place twice, or not at all: %s already stands for %s (link %s confirmed). Keep %s, or undo link %s first.",
		keep, side, root, via, must, via)
}

// servedAs returns the record actor id is served as on the public surfaces
// (id itself when no confirmed link hides it), following the confirmed
// links that hide it (a chain), and via, the confirmed link that hides id
// itself ("" when none). The link exclude is left out. A cycle stored
// before keptOnConfirm stops the walk.
func servedAs(tx *gorm.DB, id, exclude string) (root, via string, err error) {
	root = id
	seen := map[string]bool{id: true}
	for {
		link, kept, err := hiderOf(tx, root, exclude)
		if err != nil || link == "" {
			return root, via, err
		}
		if via == "" {
			via = link
		}
		if seen[kept] {
			return root, via, nil
		}
		seen[kept] = true
		root = kept
	}
}

// hiderOf returns the first confirmed link (between live actors, existing
// for anyone) hiding actor id, other than exclude, and the record it keeps.
func hiderOf(tx *gorm.DB, id, exclude string) (link, kept string, err error) {
	var rows []struct{ ID, Kept, Hidden string }
	if err := livePublicLinks(tx, DuplicateConfirmed, "d.id AS id, "+keptColumn+" AS kept, "+hiddenColumn+" AS hidden", []string{id}).Scan(&rows).Error; err != nil {
		return "", "", dbError(err)
	}
	for _, r := range rows {
		if r.Hidden == id && r.ID != exclude {
			return r.ID, r.Kept, nil
		}
	}
	return "", "", nil
}

// CreateDuplicate records, by the caller in ctx, a suggested link between
// actors a and b that Carnet did not suggest (probe 40b H1: one place held
// twice by one source's file, which detection does not compare). It needs
// what a confirmation needs, the right to moderate both records: a caller
// who moderates nothing is refused (403); a record outside the caller's
// rights, the same record twice, an archived or unknown one are refused
// (422, naming actor_a or actor_b); a link of the pair, whatever its
// status, answers 409 naming it. The link is then confirmed or dismissed
// as any other; it carries the pair's comparison (scores, reasons), and it
// exists for anyone: a person recorded it, no private contact made it.
// Detection neither rescores nor removes it.
func (s *Store) CreateDuplicate(ctx context.Context, a, b string) (*DuplicateLink, error) {
	p := PrincipalFrom(ctx)
	if p != nil && !p.IsAdmin() && !p.IsCoordinator() && !p.ManagesSomething() {
		return nil, Errorf(EFORBIDDEN, "Only administrators, territorial coordinators and managers record duplicate links, between records they moderate.")
	}
	var fe FieldErrors
	if a == b && a != "" {
		fe.Add("actor_b", "is actor_a: a link is between two records")
	}
	for field, id := range map[string]string{"actor_a": a, "actor_b": b} {
		if !ValidID(id) {
			fe.Add(field, "is not an actor id")
		}
	}
	if err := fe.Err("The link cannot be recorded."); err != nil {
		return nil, err
	}
	pair := pairOf(a, b)
	var out *DuplicateLink
	err := s.write(ctx, func(tx *gorm.DB) error {
		actors, err := linkableActors(tx, p, a, b)
		if err != nil {
			return err
		}
		if actors[0].ID != pair.a {
			actors[0], actors[1] = actors[1], actors[0] // older first
		}
		if err := linkExists(tx, pair); err != nil {
			return err
		}
		m := dedup.Compare(placeOf(&actors[0]), placeOf(&actors[1]))
		pub := dedup.Compare(publicPlaceOf(&actors[0]), publicPlaceOf(&actors[1])).Score
		now, by := s.now(), p.Scope()
		out = &DuplicateLink{ID: NewID(), ActorAID: pair.a, ActorBID: pair.b, Score: m.Score, NameScore: m.Name,
			AddressScore: m.Place, IdentityScore: m.Identity, DistanceM: m.DistanceM, SamePivot: m.SamePivot,
			Reasons: m.Reasons, PublicScore: &pub, RecordedBy: &by, RecordedScore: &m.Score, Status: DuplicateSuggested, CreatedAt: now, UpdatedAt: now}
		if beforeLinkInsert != nil {
			if err := beforeLinkInsert(tx, pair.a, pair.b); err != nil {
				return err
			}
		}
		// Detection (which follows the change log after commit) may have
		// recorded the pair since the look-up above (PostgreSQL, READ
		// COMMITTED): the insert then yields to it, and the answer names
		// that link as the look-up would, rather than the store's generic
		// « same key » conflict.
		res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "actor_a"}, {Name: "actor_b"}}, DoNothing: true}).Create(out)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			if err := linkExists(tx, pair); err != nil {
				return err
			}
			return Errorf(EUNAVAILABLE, "The link between these records changed meanwhile; retry shortly.")
		}
		out.ActorA, out.ActorB = &actors[0], &actors[1]
		return nil
	})
	return out, err
}

// beforeLinkInsert, set by tests only, runs between CreateDuplicate's
// look-up of the pair and its insert: where detection's link lands in the
// race it reproduces.
var beforeLinkInsert func(tx *gorm.DB, a, b string) error

// linkExists answers the conflict naming the link of pair, when one exists
// (whatever its status).
func linkExists(tx *gorm.DB, pair linkPair) error {
	var existing DuplicateLink
	err := tx.Take(&existing, "actor_a = ? AND actor_b = ?", pair.a, pair.b).Error
	if err == nil {
		return Errorf(ECONFLICT, "A link between these records exists: %s (%s); confirm or dismiss it.", existing.ID, existing.Status)
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	return nil
}

// linkableActors loads the live actors a and b, refusing (422, naming the
// field sent) one that is unknown, archived or that p may not moderate.
func linkableActors(tx *gorm.DB, p *Principal, a, b string) ([]Actor, error) {
	var fe FieldErrors
	out := make([]Actor, 2)
	for i, id := range []string{a, b} {
		field := fmt.Sprintf("actor_%c", 'a'+i)
		err := tx.Take(&out[i], "id = ?", id).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			fe.Addf(field, "names no actor (%s)", id)
			continue
		case err != nil:
			return nil, err
		case out[i].IsArchived():
			fe.Addf(field, "is archived (%s): restore it first", id)
			continue
		}
		ref, err := actorRef(tx, id)
		if err != nil {
			return nil, err
		}
		if p != nil && !p.CanModerate(ref) {
			fe.Addf(field, "is outside your territory or rights (%s): a link is recorded between two records you moderate", id)
		}
	}
	return out, fe.Err("The link cannot be recorded.")
}

// PublishedThemes returns, for each of actorIDs that has published live
// services, the themes they declare (each once; an actor whose services
// declare none maps to an empty list): what a reviewer of a link weighs
// before hiding one record, whose offers then leave the public surfaces.
func (s *Store) PublishedThemes(ctx context.Context, actorIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(actorIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ActorID string
		Themes  StringList
	}
	if err := s.read(ctx).Model(&Service{}).Select("actor_id, themes").
		Where("actor_id IN ? AND archived_at IS NULL AND status = ?", actorIDs, vocab.ServicePublished).Scan(&rows).Error; err != nil {
		return nil, dbError(err)
	}
	for _, r := range rows {
		themes := out[r.ActorID]
		if themes == nil {
			themes = []string{}
		}
		for _, t := range r.Themes {
			if !slices.Contains(themes, t) {
				themes = append(themes, t)
			}
		}
		out[r.ActorID] = themes
	}
	return out, nil
}
