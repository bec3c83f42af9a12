package models

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"slices"

	"gorm.io/gorm"

	"carnet/models/dedup"
)

// DuplicateThreshold is the score from which two places are linked.
const DuplicateThreshold = dedup.Threshold

// ReasonList is the list of signals behind a duplicate link, stored as a
// JSON array.
type ReasonList []dedup.Reason

// Value implements driver.Valuer.
func (l ReasonList) Value() (driver.Value, error) {
	if len(l) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal([]dedup.Reason(l))
	return string(b), err
}

// Scan implements sql.Scanner.
func (l *ReasonList) Scan(src any) error {
	b, err := jsonColumn("ReasonList", src)
	if err != nil || b == nil {
		*l = nil
		return err
	}
	return json.Unmarshal(b, (*[]dedup.Reason)(l))
}

// GormDataType tells GORM the column type.
func (ReasonList) GormDataType() string { return "text" }

// blockColumns are what detection reads of the actors of a département.
var blockColumns = []string{"id", "source", "name", "pivot", "pivot_kind", "street", "complement", "postal_code",
	"insee_code", "commune", "departement", "latitude", "longitude", "phones", "emails", "websites"}

// DetectDuplicates compares the live actors with the given ids with the live
// actors of other sources in their département, links the pairs that score
// at least DuplicateThreshold (suggested, never merged), refreshes the score
// and reasons of their links still suggested, and removes their suggested
// links that no longer hold. Confirmed and dismissed links are never
// touched, so a decision survives every later sync.
//
// It is a function of a set of changed actors and runs after the writes that
// changed them committed: comparing reads the département in a read
// transaction, and only the links are written, in a short write transaction
// of their own. Writers therefore never wait for detection inside their own
// transaction; a link may appear a moment after the write that calls for
// it. Sync batches call it right after their commit; a follower of the
// change log can call it with the actor ids of each page it reads.
//
// It returns the number of links created.
func (s *Store) DetectDuplicates(ctx context.Context, actorIDs []string) (int, error) {
	return s.detectDuplicates(ctx, "", actorIDs)
}

// detectDuplicates is DetectDuplicates; a caller that knows the actors are
// all of one source names it, which spares loading them when no other
// source exists (the first import of a directory).
func (s *Store) detectDuplicates(ctx context.Context, source string, actorIDs []string) (int, error) {
	ids := uniqueIDs(actorIDs)
	if len(ids) == 0 {
		return 0, nil
	}
	if source != "" {
		others, err := otherSourceExists(s.read(ctx), source)
		if err != nil || !others {
			return 0, dbError(err)
		}
	}
	var matches []dedup.Match
	var evaluated []string
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		var changed []Actor
		for chunk := range slices.Chunk(ids, 500) {
			if err := scanFast(tx.Model(&Actor{}).Select(blockColumns).Where("id IN ? AND archived_at IS NULL", chunk), &changed); err != nil {
				return err
			}
		}
		if len(changed) == 0 {
			return nil
		}
		others, err := otherSourcesExist(tx, changed)
		if err != nil || !others {
			return err
		}
		byDept := map[string][]string{}
		for i := range changed {
			byDept[changed[i].Departement] = append(byDept[changed[i].Departement], changed[i].ID)
			evaluated = append(evaluated, changed[i].ID)
		}
		depts := make([]string, 0, len(byDept))
		for d := range byDept {
			depts = append(depts, d)
		}
		slices.Sort(depts)
		for _, d := range depts {
			var block []Actor
			if err := scanFast(tx.Model(&Actor{}).Select(blockColumns).Where("departement = ? AND archived_at IS NULL", d), &block); err != nil {
				return err
			}
			places := make([]dedup.Place, len(block))
			for i := range block {
				places[i] = placeOf(&block[i])
			}
			blk := dedup.NewBlock(places)
			for _, id := range byDept[d] {
				matches = append(matches, blk.MatchesOf(id)...)
			}
		}
		return nil
	})
	if err != nil {
		return 0, dbError(err)
	}
	if len(evaluated) == 0 {
		return 0, nil
	}
	created := 0
	err = s.write(ctx, func(tx *gorm.DB) error {
		n, err := s.saveLinks(tx, evaluated, matches)
		created = n
		return err
	})
	return created, err
}

func uniqueIDs(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// otherSourcesExist spares the first source of a directory any comparison.
func otherSourcesExist(tx *gorm.DB, changed []Actor) (bool, error) {
	seen := map[string]bool{}
	for i := range changed {
		src := changed[i].Source
		if seen[src] {
			continue
		}
		seen[src] = true
		if other, err := otherSourceExists(tx, src); err != nil || other {
			return other, err
		}
	}
	return false, nil
}

// otherSourceExists: two range searches of actors_live_source (an OR would
// scan the index).
func otherSourceExists(tx *gorm.DB, source string) (bool, error) {
	var other bool
	err := tx.Raw("SELECT EXISTS (SELECT 1 FROM actors WHERE archived_at IS NULL AND source < ?) OR EXISTS (SELECT 1 FROM actors WHERE archived_at IS NULL AND source > ?)", source, source).Scan(&other).Error
	return other, err
}

func placeOf(a *Actor) dedup.Place {
	return dedup.Place{ID: a.ID, Source: a.Source, Name: a.Name, Pivot: a.Pivot, PivotKind: a.PivotKind,
		Street: a.Address.Street, Complement: a.Address.Complement, PostalCode: a.Address.PostalCode,
		InseeCode: a.Address.InseeCode, Commune: a.Address.Commune, Latitude: a.Latitude, Longitude: a.Longitude,
		Phones: a.Phones, Emails: a.Emails, Websites: a.Websites}
}

// saveLinks writes the matches of the evaluated actors (see
// DetectDuplicates) and returns how many links it created.
func (s *Store) saveLinks(tx *gorm.DB, evaluated []string, matches []dedup.Match) (int, error) {
	type pair struct{ a, b string }
	existing := map[pair]DuplicateLink{}
	for chunk := range slices.Chunk(evaluated, 400) {
		var links []DuplicateLink
		if err := tx.Where("actor_a IN ? OR actor_b IN ?", chunk, chunk).Find(&links).Error; err != nil {
			return 0, err
		}
		for _, l := range links {
			existing[pair{l.ActorAID, l.ActorBID}] = l
		}
	}
	now := s.now()
	kept := map[pair]bool{}
	created := 0
	for _, m := range matches {
		p := pair{m.A, m.B}
		if p.b < p.a {
			p.a, p.b = p.b, p.a
		}
		if kept[p] {
			continue // both actors changed: the pair was seen from each side
		}
		kept[p] = true
		fields := map[string]any{"score": m.Score, "name_score": m.Name, "address_score": m.Place,
			"identity_score": m.Identity, "distance_m": m.DistanceM, "same_pivot": m.SamePivot,
			"reasons": ReasonList(m.Reasons), "updated_at": now}
		l, found := existing[p]
		switch {
		case !found:
			link := DuplicateLink{ID: NewID(), ActorAID: p.a, ActorBID: p.b, Score: m.Score, NameScore: m.Name,
				AddressScore: m.Place, IdentityScore: m.Identity, DistanceM: m.DistanceM, SamePivot: m.SamePivot,
				Reasons: m.Reasons, Status: DuplicateSuggested, CreatedAt: now, UpdatedAt: now}
			if err := tx.Omit("ActorA", "ActorB").Create(&link).Error; err != nil {
				return created, err
			}
			created++
		case l.Status == DuplicateSuggested:
			if err := tx.Model(&DuplicateLink{}).Where("id = ?", l.ID).Updates(fields).Error; err != nil {
				return created, err
			}
		}
	}
	// A suggestion that no longer holds (an address was corrected) goes;
	// decisions stay.
	for p, l := range existing {
		if !kept[p] && l.Status == DuplicateSuggested {
			if err := tx.Delete(&DuplicateLink{}, "id = ?", l.ID).Error; err != nil {
				return created, err
			}
		}
	}
	return created, nil
}
