package models

import (
	"context"
	"errors"
	"slices"
	"time"

	"gorm.io/gorm"

	"carnet/models/dedup"
)

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
	ID            string `gorm:"primaryKey"`
	ActorAID      string `gorm:"column:actor_a"`
	ActorBID      string `gorm:"column:actor_b"`
	ActorA        *Actor `gorm:"foreignKey:ActorAID"`
	ActorB        *Actor `gorm:"foreignKey:ActorBID"`
	Score         float64
	NameScore     float64
	AddressScore  float64 // dedup.Result.Place: -1 (elsewhere) to 1 (one address)
	IdentityScore float64
	DistanceM     *float64 `gorm:"column:distance_m"`
	SamePivot     bool
	Reasons       ReasonList
	// PublicScore is the score the pair gets from public data alone
	// (dedup.Block.PublicScore), as of the last comparison of its actors;
	// nil for a link stored before it was kept, until they are compared
	// again. A caller who may not see both actors' contacts is shown the
	// link only when it reaches DuplicateThreshold (VisibleTo).
	PublicScore *float64
	Status      string
	DecidedBy   string
	DecidedAt   *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// contactReasons are the reasons drawn only from phones and e-mails (a
// France Services and a place of its commune sharing their own phone and
// e-mail among them; mail_domain, an organisation's own e-mail domain that
// is the other's e-mail domain or website); domainReasons those that may come from an e-mail's
// domain (a domain spelling the other's name or its initials, the
// commune's own domain).
// A new reason drawn from contacts belongs here
// (TestWithoutContactsHidesEveryContactReason).
var (
	contactReasons = []string{"same_phone", "same_email", "france_services_contacts", "own_contacts", "mail_domain"}
	domainReasons  = []string{"named_domain", "town_domain", "initials_domain"}
	// nameContactReasons are the contact reasons that set the name
	// score (a France Services with no name of its own and a place
	// sharing its own phone and e-mail are named alike).
	nameContactReasons = []string{"france_services_contacts", "own_contacts"}
)

// WithoutContacts returns the link as the actors' public data alone make
// it, for a caller who may not see both actors' phones and e-mails (see
// Principal.MaySeeContacts): those fed the identity score, and so the
// score, and « named_domain », « town_domain » and « initials_domain »
// may come from an e-mail's domain, so that
// showing them let anyone able to write a look-alike record test a guessed
// private number or address. The score is the stored public score
// (dedup.Block.PublicScore, the one VisibleTo decides by), so that the
// score shown and the link's existence agree; the reasons and the
// identity score are the pair's compared without the phones and e-mails
// that are not public (public ones still count, as they do in the public
// score). A link stored before its public score was kept (nil) has the
// score of that pairwise comparison.
//
// Whatever a hidden reason moved follows it: « france_services_contacts »
// raises the name score to a host's, so the name score shown is the
// public comparison's; and a contact reason the public data give too
// carries the public comparison's label, whose count of places sharing
// the value (« partagé par N lieux d'une même source ») counts public
// carriers only — the stored label counted private ones (sec13).
func (l *DuplicateLink) WithoutContacts() *DuplicateLink {
	out := *l
	hidden := func(code string) bool {
		return slices.Contains(contactReasons, code) || slices.Contains(domainReasons, code)
	}
	if l.ActorA == nil || l.ActorB == nil {
		out.Reasons = slices.DeleteFunc(slices.Clone(l.Reasons), func(r dedup.Reason) bool { return hidden(r.Code) })
		if slices.ContainsFunc(l.Reasons, func(r dedup.Reason) bool { return slices.Contains(nameContactReasons, r.Code) }) {
			// The name score without the contacts needs the actors:
			// a France Services with no name of its own is shown as
			// matching nothing by name.
			out.NameScore = 0
		}
		if l.PublicScore != nil {
			out.Score = *l.PublicScore
		}
		return &out
	}
	a, b := publicPlaceOf(l.ActorA), publicPlaceOf(l.ActorB)
	pub := dedup.Compare(a, b)
	public := map[string]dedup.Reason{}
	for _, r := range pub.Reasons {
		public[r.Code] = r
	}
	reasons := make(ReasonList, 0, len(l.Reasons))
	for _, r := range l.Reasons {
		if hidden(r.Code) {
			p, ok := public[r.Code]
			if !ok {
				if slices.Contains(nameContactReasons, r.Code) {
					out.NameScore = pub.Name
				}
				continue
			}
			r = p
		}
		reasons = append(reasons, r)
	}
	// What the private contacts moved beyond their own reasons: the pair
	// compared with them and without, both alone (the stored link's block
	// counts other places). A France Services writing from La Poste's
	// domain is La Poste's, not the mairie's at its address: its private
	// e-mail takes « host_authority » and the host's name score away,
	// which the public data give (sec14).
	if full := dedup.Compare(placeOf(l.ActorA), placeOf(l.ActorB)); full.Name != pub.Name || !slices.Equal(full.Reasons, pub.Reasons) {
		if full.Name != pub.Name {
			out.NameScore = pub.Name
		}
		reasons = followPublic(reasons, full.Reasons, pub.Reasons)
	}
	// The stored identity score weighs a shared number by every place
	// carrying it, private carriers included: the pair's own is shown.
	out.Reasons, out.IdentityScore = reasons, pub.Identity
	otherSIREN := slices.ContainsFunc(l.Reasons, func(r dedup.Reason) bool { return r.Code == "other_siren" })
	out.Score = dedup.Score(out.NameScore, l.AddressScore, out.IdentityScore, otherSIREN)
	if l.PublicScore != nil {
		out.Score = *l.PublicScore
	}
	return &out
}

// followPublic returns reasons without those the full comparison gives
// and the public one does not, and with those the public comparison gives
// and the full one does not, each where the public comparison has it.
func followPublic(reasons ReasonList, full, pub []dedup.Reason) ReasonList {
	has := func(rs []dedup.Reason, code string) bool {
		return slices.ContainsFunc(rs, func(r dedup.Reason) bool { return r.Code == code })
	}
	reasons = slices.DeleteFunc(reasons, func(r dedup.Reason) bool { return has(full, r.Code) && !has(pub, r.Code) })
	for i, r := range pub {
		if !has(full, r.Code) && !has(reasons, r.Code) {
			reasons = slices.Insert(reasons, min(i, len(reasons)), r)
		}
	}
	return reasons
}

// publicPlaceOf is the place as anyone may see it: phones and e-mails only
// when the structure made them public.
func publicPlaceOf(a *Actor) dedup.Place {
	p := placeOf(a)
	if !a.ContactPublic {
		p.Phones, p.Emails = nil, nil
	}
	return p
}

// VisibleTo reports whether the link exists for v (whose right to see
// each actor's contacts, by the one rule Principal.MaySeeContacts, the
// caller worked out): to a caller who may see both actors' phones and
// e-mails, always; to any other, only when the pair's public data alone
// reach DuplicateThreshold. Otherwise its mere presence — in a list, on
// its id, in what exclude_duplicates hides — would tell that the two
// places share a private phone or e-mail. linkVisibleTo is its SQL twin.
func (l *DuplicateLink) VisibleTo(seesA, seesB bool) bool {
	return seesA && seesB || l.PublicScore != nil && *l.PublicScore >= publicThreshold
}

// publicThreshold is DuplicateThreshold for stored scores, which are
// rounded to three decimals (a float comparison then never errs).
const publicThreshold = DuplicateThreshold - 0.0005

// linkVisibleTo is the SQL condition, on the duplicate_links row named
// alias, that the link exists for v (DuplicateLink.VisibleTo): nothing
// for administrators; else a public score reaching the threshold (NULL,
// a link stored before it was kept, does not), or both actors' contacts
// visible to v (contactsVisibleTo).
func linkVisibleTo(v *Principal, alias string) (string, []any) {
	if v.IsAdmin() {
		return "", nil
	}
	a, argsA := contactsVisibleTo(v, alias+".actor_a")
	b, argsB := contactsVisibleTo(v, alias+".actor_b")
	args := append([]any{publicThreshold}, argsA...)
	return "(" + alias + ".public_score >= ? OR (" + a + " AND " + b + "))", append(args, argsB...)
}

// notADuplicate is the condition of ExcludeDuplicates on an actor id
// column for viewer v: the actor is not the newer of a pair that is
// suggested or confirmed, whose older actor is live, and that exists for v
// (linkVisibleTo). Each group of duplicates thus keeps its oldest record.
func notADuplicate(idColumn string, v *Principal) (string, []any) {
	cond := "NOT EXISTS (SELECT 1 FROM duplicate_links d JOIN actors o ON o.id = d.actor_a WHERE d.actor_b = " + idColumn +
		" AND d.status <> 'dismissed' AND o.archived_at IS NULL"
	visible, args := linkVisibleTo(v, "d")
	if visible != "" {
		cond += " AND " + visible
	}
	return cond + ")", args
}

// ConfirmedDuplicates returns the live actors confirmed as the same place
// as an older live record (the newer actor of each confirmed link that
// exists for anyone, linkVisibleTo with no viewer): the records a count of
// places leaves out, so that each confirmed place counts once, in its
// older record. Suggested links change nothing.
func (s *Store) ConfirmedDuplicates(ctx context.Context) (map[string]bool, error) {
	visible, args := linkVisibleTo(nil, "d")
	q := "SELECT d.actor_b FROM duplicate_links d JOIN actors o ON o.id = d.actor_a JOIN actors n ON n.id = d.actor_b" +
		" WHERE d.status = 'confirmed' AND o.archived_at IS NULL AND n.archived_at IS NULL AND " + visible
	var ids []string
	if err := s.read(ctx).Raw(q, args...).Scan(&ids).Error; err != nil {
		return nil, dbError(err)
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// DuplicateFilter selects links in ListDuplicates.
type DuplicateFilter struct {
	Statuses []string
	ActorID  string
	// Viewer is the caller: links that exist for it only (linkVisibleTo);
	// nil is anonymous.
	Viewer *Principal
	// IncludeArchived keeps the links of an archived actor, which are
	// otherwise left out as lists leave archived records out (sec17: they
	// showed the place's name and address to anyone while GET /actors/{id}
	// answered 410). Detection compares no archived actor, and
	// exclude_duplicates ignores such links; a restore brings them back.
	IncludeArchived bool
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
		if !f.IncludeArchived {
			q = q.Where("EXISTS (SELECT 1 FROM actors x WHERE x.id = duplicate_links.actor_a AND x.archived_at IS NULL)" +
				" AND EXISTS (SELECT 1 FROM actors x WHERE x.id = duplicate_links.actor_b AND x.archived_at IS NULL)")
		}
		if cond, args := linkVisibleTo(f.Viewer, "duplicate_links"); cond != "" {
			q = q.Where(cond, args...)
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
// The caller's right (Principal.CanDecideDuplicate) is weighed inside the
// write's transaction, on the link's status and its actors as they are
// when the decision is written: weighed on an earlier read, a dismissal by
// a manager of one side that read « suggested » while both sides' moderator
// was confirming it undid the committed confirmation (sec16).
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
		p := PrincipalFrom(ctx)
		if p != nil {
			var refs [2]ActorRef
			for i, aid := range []string{l.ActorAID, l.ActorBID} {
				if refs[i], err = actorRef(tx, aid); err != nil {
					return err
				}
			}
			if !p.CanDecideDuplicate(refs[0], refs[1], l.Status, status) {
				return Errorf(EFORBIDDEN, "Your account may not decide on this link: confirming it, or undoing a confirmation, needs the right to moderate both actors; dismissing a suggested link, one of them.")
			}
		}
		now := s.now()
		by := p.Scope()
		l.Status, l.DecidedBy, l.DecidedAt, l.UpdatedAt = status, by, &now, now
		if err := tx.Model(&DuplicateLink{}).Where("id = ?", id).Updates(map[string]any{"status": status, "decided_by": by, "decided_at": now, "updated_at": now}).Error; err != nil {
			return err
		}
		out = l
		return nil
	})
	return out, err
}
