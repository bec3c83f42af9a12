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
// newer one (exclude_duplicates) and coordinators confirm or dismiss; a
// confirmation keeps one record (Kept) and hides the other.
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
	// Kept is the record a confirmation keeps (serves on the public
	// surfaces), ActorAID or ActorBID; nil keeps ActorA, the older
	// record, as links confirmed before it was kept were served. See
	// KeptID and DecideDuplicate.
	Kept *string
	// RecordedBy is who recorded the link by hand (CreateDuplicate): a
	// link Carnet did not suggest; nil for detection's links.
	RecordedBy *string
	// RecordedScore is the score a recorded link had when it was
	// recorded (see recordedHolds); nil for detection's links.
	RecordedScore *float64
	Status        string
	DecidedBy     string
	DecidedAt     *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// contactReasons are the reasons drawn only from phones and e-mails (a
// France Services and a place of its commune sharing their own phone and
// e-mail among them; mail_domain, an organisation's own e-mail domain that
// is the other's e-mail domain or website); domainReasons those that may come from an e-mail's
// domain (a domain spelling the other's name or its initials, the
// commune's own domain, a mailbox or domain naming the other at its
// address).
// A new reason drawn from contacts belongs here
// (TestWithoutContactsHidesEveryContactReason).
var (
	contactReasons = []string{"same_phone", "same_email", "france_services_contacts", "own_contacts", "mail_domain"}
	domainReasons  = []string{"named_domain", "town_domain", "initials_domain", "named_contact"}
	// nameContactReasons are the contact reasons that set the name
	// score (a France Services with no name of its own and a place
	// sharing its own phone and e-mail are named alike; a place writing
	// from a mailbox named after the other, at its address).
	nameContactReasons = []string{"france_services_contacts", "own_contacts", "named_contact"}
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
	return seesA && seesB || l.public()
}

// public says whether the link exists for anyone: its public score
// reaches the threshold, or a person recorded it (CreateDuplicate: no
// private contact made it).
func (l *DuplicateLink) public() bool { return recordedHolds(l, l.Score) || publicLink(l.PublicScore) }

// recordedHolds says whether l, a link a person recorded, still holds at
// score: detection rescores it when either record changes, and it says
// what the person saw while its score is not below the one it was recorded
// with, or reaches the threshold of every link. A record that moved 400 km
// away no longer hides behind the other (probe 43). recordedSQL is its SQL
// twin.
func recordedHolds(l *DuplicateLink, score float64) bool {
	return l.RecordedBy != nil && (score >= publicThreshold || l.RecordedScore == nil || score >= *l.RecordedScore-0.0005)
}

// recordedSQL is recordedHolds on the duplicate_links row named alias.
func recordedSQL(alias string) string {
	return "(" + alias + ".recorded_by IS NOT NULL AND (" + alias + ".score >= ? OR " + alias + ".recorded_score IS NULL OR " + alias + ".score >= " + alias + ".recorded_score - 0.0005))"
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
	// The full score must hold too: a decided link keeps its decision
	// after its records changed (one moved 400 km away, probe 43), and its
	// scores are today's (saveLinks), so a link that no longer holds on
	// either score exists for administrators only, and hides nothing.
	args := append([]any{publicThreshold, publicThreshold, publicThreshold}, argsA...)
	return "(" + alias + ".public_score >= ? OR " + recordedSQL(alias) + " OR (" + alias + ".score >= ? AND " + a + " AND " + b + "))", append(args, argsB...)
}

// notADuplicate is the condition of ExcludeDuplicates on an actor id
// column for viewer v: the actor is not the hidden record of a confirmed
// link that exists for v (hiddenByConfirmation), nor the newer record of a
// suggested one (hiddenBySuggestion) whose older record is served.
func notADuplicate(idColumn string, v *Principal) (string, []any) {
	confirmed, args := hiddenByConfirmation(idColumn, v, "")
	suggested, sargs := hiddenBySuggestion(idColumn, v)
	return "NOT (" + confirmed + " OR " + suggested + ")", append(args, sargs...)
}

// notAConfirmedDuplicate is the condition, on an actor id column, that the
// actor is not the hidden record of a confirmed link that exists for anyone
// (ConfirmedDuplicates): what the public surfaces (search, exports, HSDS)
// leave out, so that a place a coordinator confirmed is served once.
func notAConfirmedDuplicate(idColumn string) (string, []any) {
	cond, args := hiddenByConfirmation(idColumn, nil, "")
	return "NOT " + cond, args
}

// hiddenBySuggestion is the condition that the actor in idColumn is the
// newer record (actor_b) of a suggested link that exists for v, whose
// older record is live and served — not itself hidden by a confirmation
// (hiddenByConfirmation, the rule search, orientation and the exports
// apply before a suggestion weighs anything). Session 41, seen on Mansle
// (Charente): a record a confirmation kept vanished from the lists with
// exclude_duplicates when it was the newer side of a suggested link with a
// record that confirmation hid, so that the place was listed nowhere.
// The status is written as actor_b's partial index needs it.
func hiddenBySuggestion(idColumn string, v *Principal) (string, []any) {
	visible, args := linkVisibleTo(v, "d")
	if visible != "" {
		visible = " AND " + visible
	}
	hidden, hargs := hiddenByConfirmation("o.id", v, "2")
	// A record a confirmation kept (it stands for another) is never hidden
	// by a suggestion: a person chose it to serve the place, a suggestion
	// is only a guess (session 41: B, kept over A, left out of the lists
	// for its pending link with F, while search and the exports served it).
	kept, kargs := confirmedSide(idColumn, v, "3", true)
	args = slices.Clone(args)
	args = append(args, hargs...)
	return "(EXISTS (SELECT 1 FROM duplicate_links d JOIN actors o ON o.id = d.actor_a WHERE d.actor_b = " + idColumn +
		" AND d.status <> 'dismissed' AND d.status <> 'confirmed' AND o.archived_at IS NULL" + visible + " AND NOT " + hidden + ") AND NOT " + kept + ")", append(args, kargs...)
}

// hiddenByConfirmation is the condition that the actor in idColumn is the
// record a confirmed link hides (DuplicateLink.HiddenID) whose kept record
// is live and that exists for v (linkVisibleTo; nil: for anyone, what the
// public surfaces hide). n suffixes the aliases of the link (d) and of
// its kept record (o), so that the condition nests in another. Each side
// is read by its own index: actor_b's, and, for the links keeping their
// newer record, duplicate_links_kept_b on actor_a.
func hiddenByConfirmation(idColumn string, v *Principal, n string) (string, []any) {
	return confirmedSide(idColumn, v, n, false)
}

// confirmedSide is the condition that the actor in idColumn is, in a
// confirmed link that exists for v (linkVisibleTo) whose other record is
// live, the record the confirmation hides (kept false: hiddenByConfirmation)
// or the one it keeps (kept true: the actor stands for another). n suffixes
// the aliases (see hiddenByConfirmation).
func confirmedSide(idColumn string, v *Principal, n string, kept bool) (string, []any) {
	d, o := "d"+n, "o"+n
	visible, vargs := linkVisibleTo(v, d)
	if visible != "" {
		visible = " AND " + visible
	}
	side := func(self, other, which string) string {
		return "EXISTS (SELECT 1 FROM duplicate_links " + d + " JOIN actors " + o + " ON " + o + ".id = " + d + "." + other + " WHERE " + d + "." + self + " = " + idColumn +
			" AND " + d + ".status = 'confirmed' AND " + which + " AND " + o + ".archived_at IS NULL" + visible + ")"
	}
	keepsA := "(" + d + ".kept IS NULL OR " + d + ".kept <> " + d + ".actor_b)"
	keepsB := d + ".kept IS NOT NULL AND " + d + ".kept = " + d + ".actor_b"
	var cond string
	if kept {
		cond = "(" + side("actor_a", "actor_b", keepsA) + " OR " + side("actor_b", "actor_a", keepsB) + ")"
	} else {
		cond = "(" + side("actor_b", "actor_a", keepsA) + " OR " + side("actor_a", "actor_b", keepsB) + ")"
	}
	return cond, append(slices.Clone(vargs), vargs...)
}

// keptColumn and hiddenColumn are, in SQL on the duplicate_links row d, the
// record a confirmation of it keeps and the one it hides
// (DuplicateLink.KeptID, HiddenID).
const (
	keptColumn   = "CASE WHEN d.kept = d.actor_b THEN d.actor_b ELSE d.actor_a END"
	hiddenColumn = "CASE WHEN d.kept = d.actor_b THEN d.actor_a ELSE d.actor_b END"
)

// ConfirmedDuplicates returns the live actors confirmed as the same place
// as another live record (the hidden actor of each confirmed link that
// exists for anyone, linkVisibleTo with no viewer): the records a count of
// places leaves out, so that each confirmed place counts once, in its
// kept record, and that search, the exports and HSDS leave out
// (notAConfirmedDuplicate is its SQL twin). Suggested links change nothing.
func (s *Store) ConfirmedDuplicates(ctx context.Context) (map[string]bool, error) {
	pairs, err := confirmedPairs(s.read(ctx))
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(pairs))
	for _, p := range pairs {
		out[p[1]] = true
	}
	return out, nil
}

// confirmedPairs returns the (kept, hidden) actor ids of the confirmed
// links that exist for anyone and whose two actors are live, those of
// actorIDs alone when any is given.
func confirmedPairs(db *gorm.DB, actorIDs ...string) ([][2]string, error) {
	var rows []struct{ A, B string }
	if err := livePublicLinks(db, DuplicateConfirmed, keptColumn+" AS a, "+hiddenColumn+" AS b", actorIDs).Scan(&rows).Error; err != nil {
		return nil, dbError(err)
	}
	out := make([][2]string, len(rows))
	for i, r := range rows {
		out[i] = [2]string{r.A, r.B}
	}
	return out, nil
}

// livePublicLinks selects cols of the links of status that exist for
// anyone (linkVisibleTo with no viewer) between two live actors (o the
// older, n the newer), those touching actorIDs alone when any is given:
// what the public surfaces may say of a pair.
func livePublicLinks(db *gorm.DB, status, cols string, actorIDs []string) *gorm.DB {
	visible, args := linkVisibleTo(nil, "d")
	q := "SELECT " + cols + " FROM duplicate_links d JOIN actors o ON o.id = d.actor_a JOIN actors n ON n.id = d.actor_b" +
		" WHERE d.status = ? AND o.archived_at IS NULL AND n.archived_at IS NULL AND " + visible
	args = append([]any{status}, args...)
	if len(actorIDs) > 0 {
		// Each side by its own index: « actor_a IN ? OR actor_b IN ? »
		// beside the status read every link of the status instead, 3.5 ms
		// a search page at 5,000 suggested links.
		side := " UNION ALL SELECT id FROM duplicate_links WHERE actor_b IN ?"
		if status == DuplicateConfirmed {
			// The confirmed links alone, by their partial indexes
			// (migration 00125), whose condition is written out so that
			// both engines know they may use them: the whole ones walked
			// every link of an actor at a crowded address on each write's
			// answer (same_as), hundreds of suggested ones.
			q += " AND d.id IN (SELECT id FROM duplicate_links WHERE actor_a IN ? AND status = 'confirmed'" +
				side + " AND status = 'confirmed')"
		} else {
			q += " AND d.id IN (SELECT id FROM duplicate_links WHERE actor_a IN ?" + side + ")"
		}
		args = append(args, actorIDs, actorIDs)
	}
	return db.Raw(q+" ORDER BY d.actor_b, d.actor_a", args...)
}

// PairSide is one record of a suggested duplicate link as the public
// surfaces show it beside the other: its name, who produced it, its hours.
type PairSide struct {
	ID           string
	Name         string
	Producer     string
	OpeningHours string
}

// SuggestedPairs returns the suggested (pending) links touching actorIDs
// that exist for anyone, between live actors, each as its older and newer
// record: search and orientation mark them (probe 39b M2: one place twice
// in a top 5, once per source, sometimes with other hours) without
// hiding either, since nobody decided yet. One query for all actorIDs
// (a page, a list), none without them.
func (s *Store) SuggestedPairs(ctx context.Context, actorIDs []string) ([][2]PairSide, error) {
	if len(actorIDs) == 0 {
		return nil, nil
	}
	var rows []struct {
		AID, AName, AProducer, AOpeningHours string
		BID, BName, BProducer, BOpeningHours string
	}
	side := func(alias, prefix string) string {
		return alias + ".id AS " + prefix + "_id, " + alias + ".name AS " + prefix + "_name, " + alias + ".producer AS " + prefix + "_producer, " +
			alias + ".opening_hours AS " + prefix + "_opening_hours"
	}
	if err := livePublicLinks(s.read(ctx), DuplicateSuggested, side("o", "a")+", "+side("n", "b"), actorIDs).Scan(&rows).Error; err != nil {
		return nil, dbError(err)
	}
	out := make([][2]PairSide, len(rows))
	for i, r := range rows {
		out[i] = [2]PairSide{
			{ID: r.AID, Name: r.AName, Producer: r.AProducer, OpeningHours: r.AOpeningHours},
			{ID: r.BID, Name: r.BName, Producer: r.BProducer, OpeningHours: r.BOpeningHours}}
	}
	return out, nil
}

// SameAs is how a live actor is served on the public surfaces: DuplicateOf
// is, when a confirmed link (ConfirmedDuplicates) hides the actor, the
// record that serves the place — followed through a chain (B hidden for
// C, C hidden for A: B's is A; session 41, it named C, itself hidden), ""
// otherwise; StandsFor lists, on that served record alone, every record
// served as it, directly or through a chain ([] on a hidden record). A
// confirmation hides only a record that is served (keptOnConfirm), so
// that each group of records confirmed as one place is served once; a
// record the hidden side of two links (confirmed before that rule) is
// followed through the first of them, as servedAs does.
type SameAs struct {
	DuplicateOf string
	StandsFor   []string
}

// sameAsOf reads, from the confirmed pairs (kept, hidden) of id's group
// (confirmedGroups), what they say of actor id.
func sameAsOf(pairs [][2]string, id string) SameAs {
	keptFor := map[string]string{}
	for _, p := range pairs {
		if _, ok := keptFor[p[1]]; !ok {
			keptFor[p[1]] = p[0]
		}
	}
	served := func(x string) string { // servedAs's walk: a cycle stops it
		seen := map[string]bool{x: true}
		for {
			k, ok := keptFor[x]
			if !ok || seen[k] {
				return x
			}
			seen[k], x = true, k
		}
	}
	out := SameAs{StandsFor: []string{}}
	if _, hidden := keptFor[id]; hidden {
		if root := served(id); root != id {
			out.DuplicateOf = root
		}
		return out
	}
	for _, p := range pairs {
		if x := p[1]; keptFor[x] == p[0] && x != id && served(x) == id {
			out.StandsFor = append(out.StandsFor, x)
		}
	}
	return out
}

// confirmedGroups returns the confirmed pairs (kept, hidden) of the groups
// of records confirmed as one place that ids belong to: the links touching
// ids, then those touching the records they name, until none is new (a
// chain). One query a step; a group is a handful of records.
func confirmedGroups(db *gorm.DB, ids ...string) ([][2]string, error) {
	seen := make(map[string]bool, len(ids))
	next := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			next = append(next, id)
		}
	}
	var out [][2]string
	had := map[[2]string]bool{}
	for len(next) > 0 {
		pairs, err := confirmedPairs(db, next...)
		if err != nil {
			return nil, err
		}
		next = next[:0:0]
		for _, p := range pairs {
			if had[p] {
				continue
			}
			had[p] = true
			out = append(out, p)
			for _, x := range p {
				if !seen[x] {
					seen[x] = true
					next = append(next, x)
				}
			}
		}
	}
	return out, nil
}

// SameAs says, for the live actor id, which record it is served as on the
// public surfaces (see the type SameAs).
func (s *Store) SameAs(ctx context.Context, id string) (duplicateOf string, standsFor []string, err error) {
	return sameAs(s.read(ctx), id)
}

// SameAsOf is SameAs for each of ids, one query per step of their chains:
// what a list's items say of their confirmed links (probe 40b M5: a
// coordinator listing their territory could not see which records are
// hidden).
func (s *Store) SameAsOf(ctx context.Context, ids []string) (map[string]SameAs, error) {
	out := make(map[string]SameAs, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	pairs, err := confirmedGroups(s.read(ctx), ids...)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		out[id] = sameAsOf(pairs, id)
	}
	return out, nil
}

// sameAs is SameAs read in db (a transaction, for touchPair).
func sameAs(db *gorm.DB, id string) (duplicateOf string, standsFor []string, err error) {
	pairs, err := confirmedGroups(db, id)
	if err != nil {
		return "", nil, err
	}
	same := sameAsOf(pairs, id)
	return same.DuplicateOf, same.StandsFor, nil
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
	// Departements keeps the links with a record in one of them;
	// Territory those with a record in a coordinator's territory (its
	// départements and communes). Probe 40b M5: a coordinator of one
	// département had to sort every département's links by hand.
	Departements []string
	Territory    *Territory
	// MinScore and MaxScore bound the score: the public score (the one
	// shown to a caller who may not see both records' private contacts,
	// so that the filter tells nothing the link does not show), the stored
	// score for administrators.
	MinScore, MaxScore *float64
	ListParams
}

// placeFilter is the condition of f's départements and territory on the
// link's two records (one of them in).
func (f DuplicateFilter) placeFilter(q *gorm.DB) *gorm.DB {
	either := "EXISTS (SELECT 1 FROM actors x WHERE x.id IN (duplicate_links.actor_a, duplicate_links.actor_b) AND "
	if len(f.Departements) > 0 {
		q = q.Where(either+"x.departement IN ?)", f.Departements)
	}
	if t := f.Territory; t != nil {
		q = q.Where(either+"(x.departement IN ? OR x.insee_code IN ?))", nonNil(t.Departements), nonNil(t.CommuneCodes()))
	}
	return q
}

// scoreFilter is the condition of f's score band (see MinScore).
func (f DuplicateFilter) scoreFilter(q *gorm.DB) *gorm.DB {
	col := "COALESCE(duplicate_links.public_score, 0)"
	if f.Viewer.IsAdmin() {
		col = "duplicate_links.score"
	}
	if f.MinScore != nil {
		q = q.Where(col+" >= ?", *f.MinScore-0.0005)
	}
	if f.MaxScore != nil {
		q = q.Where(col+" <= ?", *f.MaxScore+0.0005)
	}
	return q
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
		return f.scoreFilter(f.placeFilter(q))
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
// caller in ctx. Deciding again is allowed: a mistake can be corrected,
// and confirming a confirmed link again with another record to keep
// changes which one is served (see keptOnConfirm); a decision the link
// already holds (same status, same record kept) changes nothing, not even
// who decided it and when. The caller's right
// (Principal.CanDecideDuplicate) is weighed inside the write's
// transaction, on the link's status and its actors as they are when the
// decision is written: weighed on an earlier read, a dismissal by a
// manager of one side that read « suggested » while both sides' moderator
// was confirming it undid the committed confirmation (sec16).
func (s *Store) DecideDuplicate(ctx context.Context, id string, d Decision) (*DuplicateLink, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	var out *DuplicateLink
	err := s.write(ctx, func(tx *gorm.DB) error {
		l, err := getDuplicate(forUpdate(tx), id)
		if err != nil {
			return err
		}
		if d.Keep != "" && d.Keep != l.ActorAID && d.Keep != l.ActorBID {
			return fieldError("keep", "is neither of the link's records: give actor_a.id or actor_b.id")
		}
		p := PrincipalFrom(ctx)
		var refs [2]ActorRef
		if p != nil {
			for i, aid := range []string{l.ActorAID, l.ActorBID} {
				if refs[i], err = actorRef(tx, aid); err != nil {
					return err
				}
			}
			if !p.CanDecideDuplicate(refs[0], refs[1], l.Status, d.Status) && !undoesOwnHiding(p, l, refs, d) {
				return Errorf(EFORBIDDEN, "Your account may not decide on this link: confirming it, or undoing a confirmation, needs the right to moderate both actors; dismissing a suggested link, one of them; undoing a confirmation that hides a structure's record, its managers.")
			}
		}
		before, err := servedPair(tx, l.ActorAID, l.ActorBID)
		if err != nil {
			return err
		}
		was, wasKept := l.Status, l.KeptID()
		l.Kept = nil
		if d.Status == DuplicateConfirmed {
			kept, err := s.keptOnConfirm(tx, l, d.Keep)
			if err != nil {
				return err
			}
			l.Kept = &kept
			if p != nil {
				if err := mayHide(tx, p, l, refs); err != nil {
					return err
				}
			}
		}
		if d.Status == was && l.KeptID() == wasKept {
			// The link already says this: rewriting its decided_at,
			// decided_by and updated_at credited the decision to someone
			// who changed nothing, with no trail entry, and showed
			// reusers following updated_at a change that was none.
			out = l
			return nil
		}
		now := s.now()
		by := p.Scope()
		l.Status, l.DecidedBy, l.DecidedAt, l.UpdatedAt = d.Status, by, &now, now
		if err := tx.Model(&DuplicateLink{}).Where("id = ?", id).Updates(map[string]any{"status": d.Status, "decided_by": by, "decided_at": now, "updated_at": now, "kept": l.Kept}).Error; err != nil {
			return err
		}
		out = l
		if err := s.traceDuplicateDecision(tx, l, was, wasKept); err != nil {
			return err
		}
		return s.touchSides(tx, l, was, wasKept, before)
	})
	return out, err
}

// undoesOwnHiding reports whether d, by p, undoes (dismisses) a
// confirmation of l that hides a record p manages (its own or its
// network's): hiding it is its managers' decision (mayHide), and so is
// coming back. A coordinator's confirmation made before that rule (session
// 42) hid a team's record that its managers could not bring back alone,
// since undoing needs the right to moderate both records. refs are the
// link's two actors.
func undoesOwnHiding(p *Principal, l *DuplicateLink, refs [2]ActorRef, d Decision) bool {
	if l.Status != DuplicateConfirmed || d.Status != DuplicateDismissed {
		return false
	}
	ref := refs[1]
	if l.HiddenID() == l.ActorAID {
		ref = refs[0]
	}
	return p.ManagesActor(ref)
}

// mayHide refuses a confirmation of l (its kept record chosen) that hides
// the record of a structure with a team by someone who is neither its
// manager (its own or its network's) nor an administrator: what its
// services and its openness to referrals become is the structure's own
// decision, as its network or its public contacts are (probe42 M1: a
// coordinator hid a team's structure behind a look-alike of its own, and
// its managers could not undo it). The link stays suggested: its managers
// see it in their list and decide. refs are the link's two actors.
func mayHide(tx *gorm.DB, p *Principal, l *DuplicateLink, refs [2]ActorRef) error {
	if p.IsAdmin() {
		return nil
	}
	hidden, ref := l.HiddenID(), refs[1]
	if hidden == l.ActorAID {
		ref = refs[0]
	}
	team, err := hasTeam(tx, hidden)
	if err != nil || !team || p.ManagesActor(ref) {
		return err
	}
	return Errorf(EFORBIDDEN, "Confirming this link keeping %s hides %s, a structure with a team: hiding it is the decision of its managers (or of an administrator), who see the link in GET /api/v1/duplicates. Keep %s instead, or leave the link suggested for them.", l.KeptID(), hidden, hidden)
}

// traceDuplicateDecision records in the trail of each side of l that has
// a team a decision that changed the link's status or the record it keeps
// (actor.duplicate_decided, subject the other record; old and new give
// status and kept): a confirmation hides one of them from search, the
// exports and HSDS, so it is as much the structure's business as its
// network (probe42 M1: the journal said nothing).
func (s *Store) traceDuplicateDecision(tx *gorm.DB, l *DuplicateLink, was, wasKept string) error {
	if was == l.Status && wasKept == l.KeptID() {
		return nil
	}
	state := func(status, kept string) map[string]any {
		if status != DuplicateConfirmed {
			kept = ""
		}
		return map[string]any{"status": status, "kept": nullIfEmpty(kept), "link": l.ID}
	}
	for _, side := range [][2]*Actor{{l.ActorA, l.ActorB}, {l.ActorB, l.ActorA}} {
		self, other := side[0], side[1]
		if self == nil || other == nil {
			continue
		}
		team, err := hasTeam(tx, self.ID)
		if err != nil {
			return err
		}
		if team {
			if err := s.traceDecision(tx, TrailDuplicateDecided, SubjectActor, self.ID, other.ID, other.Name, state(was, wasKept), state(l.Status, l.KeptID())); err != nil {
				return err
			}
		}
	}
	return nil
}

// touchSides writes the next version of both actors of l, and so a change
// of each to the change log, when the decision changes what the public
// surfaces serve of them: a confirmation, or its undoing, of a link that
// exists for anyone (ConfirmedDuplicates) between two live actors. The
// newer record then leaves search, the exports and HSDS (or comes back),
// and both representations change (duplicate_of, stands_for): the log is
// how the search index of every replica, the kept exports and the feed's
// followers learn it. A decision that serves nothing differently (a
// suggestion dismissed, a link owed to private contacts) writes nothing
// more: a change of two actors at once would tell that a link nobody may
// see was decided. before is what both served before the decision.
func (s *Store) touchSides(tx *gorm.DB, l *DuplicateLink, was, wasKept string, before pairServed) error {
	if !servesOtherwise(l, was, wasKept) {
		return nil
	}
	return s.touchPair(tx, l.ActorAID, l.ActorBID, before)
}

// servesOtherwise says whether deciding l, whose status was was and which
// kept wasKept, changes what the public surfaces serve of its actors
// (touchSides): a confirmation, its undoing, or another record kept.
func servesOtherwise(l *DuplicateLink, was, wasKept string) bool {
	changed := (was == DuplicateConfirmed) != (l.Status == DuplicateConfirmed) ||
		l.Status == DuplicateConfirmed && wasKept != l.KeptID()
	return changed && l.public()
}

// pairServed is how the records of two actors' groups were served
// (SameAs, by actor id), read before a change of their link, for the
// history of touchPair.
type pairServed map[string]SameAs

// servedPair reads how actors a and b, and every record confirmed as one
// place with either (confirmedGroups), are served, in tx.
func servedPair(tx *gorm.DB, ids ...string) (pairServed, error) {
	pairs, err := confirmedGroups(tx, ids...)
	if err != nil {
		return nil, err
	}
	p := pairServed{}
	for _, id := range ids {
		p[id] = sameAsOf(pairs, id)
	}
	for _, pair := range pairs {
		for _, id := range pair {
			p[id] = sameAsOf(pairs, id)
		}
	}
	return p, nil
}

// decisionChanges are the fields of an actor whose serving changed from
// before to after, as its history shows them: duplicate_of and
// stands_for, as GET /api/v1/actors/{id} reads them. Before (session 37),
// the history showed an update with no changed field, and an integrator
// whose If-Match failed saw a record change with nothing changed.
func decisionChanges(before, after SameAs) []FieldChange {
	var out []FieldChange
	if before.DuplicateOf != after.DuplicateOf {
		out = append(out, FieldChange{Field: "duplicate_of", Old: nullIfEmpty(before.DuplicateOf), New: nullIfEmpty(after.DuplicateOf)})
	}
	if !slices.Equal(nonNil(before.StandsFor), nonNil(after.StandsFor)) {
		out = append(out, FieldChange{Field: "stands_for", Old: nonNil(before.StandsFor), New: nonNil(after.StandsFor)})
	}
	return out
}

// nullIfEmpty is id, or nil for none (duplicate_of is null then).
func nullIfEmpty(id string) any {
	if id == "" {
		return nil
	}
	return id
}

// publicLink says whether a link of this public score exists for anyone
// (linkVisibleTo with no viewer).
func publicLink(score *float64) bool { return score != nil && *score >= publicThreshold }

// touchPair writes the next version of actors a and b, and a change of
// each, when both are live: what the public surfaces serve of them
// changed (touchSides); and of every other live record of their groups
// whose duplicate_of or stands_for the change moved (a chain: undoing
// A≈C makes B, hidden for C, stand for C instead of A; session 41).
// Detection calls it too, when a confirmed link's public score crosses
// the threshold (a side's contacts made public or private; a side
// archived, whose link's public score then reads 0, and restored).
func (s *Store) touchPair(tx *gorm.DB, a, b string, before pairServed) error {
	var live int64
	if err := tx.Model(&Actor{}).Where("id IN ? AND archived_at IS NULL", []string{a, b}).Count(&live).Error; err != nil {
		return err
	}
	if live != 2 {
		return nil // a link with an archived actor serves nothing differently
	}
	ids := make([]string, 0, len(before)+2)
	ids = append(ids, a, b)
	for id := range before {
		ids = append(ids, id)
	}
	after, err := servedPair(tx, ids...)
	if err != nil {
		return err
	}
	touch := []string{a, b}
	for id, now := range after {
		if id != a && id != b && len(decisionChanges(orNone(before[id]), orNone(now))) > 0 {
			touch = append(touch, id)
		}
	}
	var sides []Actor
	if err := forUpdate(tx).Where("id IN ? AND archived_at IS NULL", touch).Order("id").Find(&sides).Error; err != nil {
		return err
	}
	now := s.now()
	for i := range sides {
		x := &sides[i]
		was := *x
		x.UpdatedAt, x.Version = now, x.Version+1
		x.PublicVersion, x.PublicUpdatedAt = x.PublicVersion+1, now
		if err := tx.Model(x).Select("updated_at", "version", "public_version", "public_updated_at").Updates(x).Error; err != nil {
			return err
		}
		e := changeOf(EntityActor, ChangeUpdate, &was, x)
		e.decision = decisionChanges(orNone(before[x.ID]), orNone(after[x.ID]))
		if err := recordChange(tx, e); err != nil {
			return err
		}
	}
	return nil
}

// orNone is s, with an empty StandsFor for a record no group names.
func orNone(s SameAs) SameAs {
	if s.StandsFor == nil {
		s.StandsFor = []string{}
	}
	return s
}
