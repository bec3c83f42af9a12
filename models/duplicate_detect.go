package models

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"iter"
	"maps"
	"slices"
	"time"

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
var blockColumns = []string{"id", "source", "producer", "name", "pivot", "pivot_kind", "street", "complement", "postal_code",
	"insee_code", "commune", "departement", "latitude", "longitude", "phones", "emails", "websites", "contact_public"}

// DetectDuplicates compares the live actors with the given ids with the live
// actors of other sources in their département, and with those of their
// source that another producer published or that strong evidence joins to
// them (dedup's candidates: an aggregated file holds one place once per
// producer, so even the first source of a directory is compared), links
// the pairs that score at least DuplicateThreshold (suggested, never
// merged), refreshes the score and reasons of their links still
// suggested, and removes their suggested links that no longer hold.
// Confirmed and dismissed links are never touched, so a decision survives
// every later sync. The places of the same
// source whose comparisons count a changed actor are compared again too:
// those that carry one of its values or bear its name and have a suggested
// link, and, for an archived actor among the ids, every place of its source
// that carried one of its values (comparedAgain); the follower's passes
// also compare again those that carried what an update removed (detect).
//
// It is a function of a set of changed actors, of their state when it runs
// (not of the change that named them), so running it again, or twice at
// once, leaves the same links: comparing reads the département in a read
// transaction, and only the links are written, in a short write transaction
// of their own. Writers never call it: the duplicates follower
// (FollowDuplicates) calls it with the actors of each page of the change
// log, after their writes committed, so a link may appear a moment after
// the write that calls for it.
//
// It returns the number of links created (counting a pair a person
// recorded meanwhile, whose link stays theirs: see saveLinks).
func (s *Store) DetectDuplicates(ctx context.Context, actorIDs []string) (int, error) {
	return s.detect(ctx, actorIDs, nil)
}

// detect is DetectDuplicates, told also which of the actors were updated
// (each change log row of an update, with the version it made): the places
// that carried what an update removed are compared again (formerStates).
func (s *Store) detect(ctx context.Context, actorIDs []string, updates []Change) (int, error) {
	ids := uniqueIDs(actorIDs)
	if len(ids) == 0 {
		return 0, nil
	}
	var matches []dedup.Match
	var evaluated []string
	// public holds the public score (dedup.Block.PublicScore) of each
	// pair matched, and of each decided link of the evaluated actors.
	public := map[linkPair]float64{}
	// current holds today's comparison of each decided link of the
	// evaluated actors (its decision stays, its scores say what they are
	// now: probe 43, a record hidden behind one 400 km away read « même
	// adresse »); apart, the pairs whose records are no longer in one
	// département, compared outside any block.
	current := map[linkPair]dedup.Result{}
	var apart []linkPair
	// recorded are the links of the evaluated actors a person recorded.
	recorded := map[linkPair]bool{}
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {

		// An archived actor is compared with nobody (detection reads live
		// actors; its decided links stay), but the places of its source
		// that carried its values with it are compared again.
		var changed, gone []Actor
		for chunk := range slices.Chunk(ids, 500) {
			if err := scanFast(tx.Model(&Actor{}).Select(blockColumns).Where("id IN ? AND archived_at IS NULL", chunk), &changed); err != nil {
				return err
			}
			if err := scanFast(tx.Model(&Actor{}).Select(blockColumns).Where("id IN ? AND archived_at IS NOT NULL", chunk), &gone); err != nil {
				return err
			}
		}
		if len(changed) == 0 && len(gone) == 0 {
			return nil
		}
		// An update that removed a value (a counter publishing its own
		// number instead of a switchboard's) is an archival of that value:
		// its former state is read as an archived place's.
		former, err := formerStates(tx, changed, updates)
		if err != nil {
			return err
		}
		gone = append(gone, former...)
		byDept, goneByDept := map[string][]string{}, map[string][]*Actor{}
		for i := range changed {
			byDept[changed[i].Departement] = append(byDept[changed[i].Departement], changed[i].ID)
			evaluated = append(evaluated, changed[i].ID)
		}
		for i := range gone {
			goneByDept[gone[i].Departement] = append(goneByDept[gone[i].Departement], &gone[i])
		}
		depts := slices.Collect(maps.Keys(byDept))
		for d := range goneByDept {
			if !hasKey(byDept, d) {
				depts = append(depts, d)
			}
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
			// Writes waiting for the writer come first: on a crowded
			// address, detection's comparisons took half the CPU of two
			// cores beside 32 writers (BenchmarkConcurrentWrites), and the
			// group holding the writer waited for a CPU after each of its
			// statements. Detection lags a little more meanwhile.
			blk.Yield = s.yieldToWriters
			again, err := comparedAgain(tx, blk, byDept[d], goneByDept[d])
			if err != nil {
				return err
			}
			compared := append(slices.Clip(byDept[d]), again...)
			evaluated = append(evaluated, again...)
			for _, id := range compared {
				for _, m := range blk.MatchesOf(id) {
					matches = append(matches, m)
					public[pairOf(m.A, m.B)] = blk.PublicScore(m.A, m.B)
				}
			}
			// A decision stays whatever the scores, but whether its
			// link shows to those who may not see the contacts follows
			// the public data (saveLinks).
			var decided []DuplicateLink
			for chunk := range slices.Chunk(compared, 400) {
				var some []DuplicateLink
				if err := linksTouching(tx.Select("actor_a", "actor_b", "recorded_by", "status"), chunk).Find(&some).Error; err != nil {
					return err
				}
				for _, l := range some {
					if l.Status != DuplicateSuggested || l.RecordedBy != nil {
						decided = append(decided, l)
					}
				}
			}
			for _, l := range decided {
				p := pairOf(l.ActorAID, l.ActorBID)
				if l.RecordedBy != nil {
					// Compared as it was when recorded (recordedHolds).
					recorded[p] = true
					continue
				}
				if !hasKey(public, p) {
					public[p] = blk.PublicScore(l.ActorAID, l.ActorBID)
				}
				if r, ok := blk.Compare(p.a, p.b); ok {
					current[p] = r
				} else if !hasKey(current, p) {
					apart = append(apart, p)
				}
			}
		}
		for p := range recorded {
			// A link a person recorded is compared outside any block,
			// as CreateDuplicate scored it: its score is then comparable
			// with the one it was recorded with.
			var two []Actor
			if err := scanFast(tx.Model(&Actor{}).Select(blockColumns).Where("id IN ?", []string{p.a, p.b}), &two); err != nil {
				return err
			}
			if len(two) == 2 {
				if two[0].ID != p.a {
					two[0], two[1] = two[1], two[0] // as recorded: older first
				}
				current[p] = dedup.Compare(placeOf(&two[0]), placeOf(&two[1]))
				public[p] = dedup.Compare(publicPlaceOf(&two[0]), publicPlaceOf(&two[1])).Score
			}
		}
		for _, p := range apart {
			if hasKey(current, p) {
				continue
			}
			var two []Actor
			if err := scanFast(tx.Model(&Actor{}).Select(blockColumns).Where("id IN ?", []string{p.a, p.b}), &two); err != nil {
				return err
			}
			if len(two) == 2 {
				current[p] = dedup.Compare(placeOf(&two[0]), placeOf(&two[1]))
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
	// The links are written a few actors at a time, each part in a turn
	// of the writer of its own: a pass after a partner's batch at an
	// address shared by hundreds of places wrote thousands of links in
	// one transaction, which held the single writer 170–250 ms while 32
	// writers waited (BenchmarkConcurrentWrites, session 47: write p99
	// 217–277 ms once detection kept up with the writes). Each part is
	// whole for its actors — their matches, their stored links — so a
	// reader may see one part before the next, as it sees a link appear
	// a moment after the write that makes it.
	byActor := map[string][]int{}
	for i, m := range matches {
		byActor[m.A] = append(byActor[m.A], i)
		byActor[m.B] = append(byActor[m.B], i)
	}
	created := 0
	for part := range linkParts(evaluated, byActor) {
		var ms []dedup.Match
		seen := map[int]bool{}
		for _, id := range part {
			for _, i := range byActor[id] {
				if !seen[i] {
					seen[i] = true
					ms = append(ms, matches[i])
				}
			}
		}
		s.yieldToWriters() // each part is a turn the writes wait behind
		err := s.write(ctx, func(tx *gorm.DB) error {
			// Two runs at once (a follower taking over from one that
			// stalled, or a direct call) write their links in turn, each
			// reading the links the other committed: the pair index never
			// refuses one.
			if err := dialectOf(tx).lockKey(tx, "duplicate-links"); err != nil {
				return err
			}
			n, err := s.saveLinks(tx, part, ms, public, current)
			created += n
			return err
		})
		if err != nil {
			return created, err
		}
	}
	return created, nil
}

// linksPerTurn bounds the matches one turn of the writer saves (detect):
// at a crowded address an actor has hundreds, so parts are cut by them
// rather than by actors; an actor's matches are never split.
var linksPerTurn = 1000 // a variable for tests (TestLinksSavedInPartsAsInOne)

// linkParts cuts evaluated, in order, into parts whose actors have at
// most linksPerTurn matches together (byActor: each actor's matches), or
// one actor each when it alone has more; every actor is in one part.
func linkParts(evaluated []string, byActor map[string][]int) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		start, n := 0, 0
		for i, id := range evaluated {
			k := len(byActor[id]) + 1 // its stored links are read and written too
			if i > start && n+k > linksPerTurn {
				if !yield(evaluated[start:i]) {
					return
				}
				start, n = i, 0
			}
			n += k
		}
		if start < len(evaluated) {
			yield(evaluated[start:])
		}
	}
}

// comparedAgain returns the places of the block, beyond the changed ones,
// whose links the changes may alter though neither of their actors changed:
//   - the same source's other carriers of a changed place's values and its
//     namesakes (dedup.Block.Related) that have a suggested link: it was
//     scored with the carriers known then (a partner syncing its counters a
//     few at a time gave the first one a link by a phone the next ones
//     showed to be a switchboard's; TestLinksFollowTheCarriersThatArriveLater).
//     One more carrier or namesake only takes evidence away, so a place
//     without a link is left alone: most of an import's places have none,
//     and comparing each again for every page of the change log doubled
//     detection's time;
//   - every place of an archived actor's source that carried one of its
//     values (dedup.Block.RelatedTo), linked or not: the value is carried
//     by fewer places now, and a link may hold where it did not
//     (TestLinksFollowACarrierArchived).
func comparedAgain(tx *gorm.DB, blk *dedup.Block, changed []string, gone []*Actor) ([]string, error) {
	inPass := map[string]bool{}
	for _, id := range changed {
		inPass[id] = true
	}
	take := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			if !inPass[id] {
				inPass[id] = true
				out = append(out, id)
			}
		}
		return out
	}
	var counting []string
	for _, id := range changed {
		counting = append(counting, take(blk.Related(id))...)
	}
	linked := map[string]bool{}
	for chunk := range slices.Chunk(counting, 400) {
		var links []DuplicateLink
		if err := linksTouching(tx.Select("actor_a", "actor_b", "status"), chunk).Find(&links).Error; err != nil {
			return nil, err
		}
		for _, l := range links {
			if l.Status == DuplicateSuggested {
				linked[l.ActorAID], linked[l.ActorBID] = true, true
			}
		}
	}
	again := slices.DeleteFunc(counting, func(id string) bool {
		if !linked[id] {
			delete(inPass, id) // an archived place's carrier may still need it
			return true
		}
		return false
	})
	for _, g := range gone {
		again = append(again, take(blk.RelatedTo(placeOf(g)))...)
	}
	return again, nil
}

// duplicatesInterval is the least time between two reads of the change log
// by duplicate detection when writes wake it: a link appears within about
// this plus the comparison.
const duplicatesInterval = 200 * time.Millisecond

// DuplicatesFollower is the name of the duplicate detection's cursor in the
// change log (and in /readyz and /metrics).
const DuplicatesFollower = "duplicates"

// FollowDuplicates starts duplicate detection as a follower of the change
// log: each page of changes (up to 500) names the actors created, updated or
// restored, and DetectDuplicates compares them. Its cursor is durable, so a
// restarted process resumes where detection stopped, and exclusive: of the
// processes on one database (replicas), one at a time runs it, another
// taking over within the lease when it stops. Writes therefore never wait
// for detection: a sync batch, an import or a single API write returns
// once committed, and the links follow, usually within the follower's poll
// (200 ms) plus the comparison.
//
// Services are not read: detection compares what the actor records say
// (name, identifiers, contacts, address, coordinates), which no service
// write changes.
func (s *Store) FollowDuplicates(ctx context.Context) (*Follower, error) {
	// Each read compares its actors with their whole département: woken
	// by every single write, it would read the département once per
	// write, so reads are at least MinInterval apart.
	return s.Follow(ctx, FollowOptions{Name: DuplicatesFollower, Durable: true, Exclusive: true, MinInterval: duplicatesInterval, Apply: s.detectChanged})
}

// detectChanged is the duplicates follower's Apply.
func (s *Store) detectChanged(ctx context.Context, batch []Change) error {
	var ids []string
	var updates []Change
	for _, c := range batch {
		// An archived actor is compared with nobody, but the places that
		// carried its values with it are (DetectDuplicates), and so are
		// those that carried what an update removed (formerStates).
		if c.Entity == EntityActor {
			ids = append(ids, c.EntityID)
			if c.Op == ChangeUpdate {
				updates = append(updates, c)
			}
		}
	}
	// Links stored before public scores were (migration 85) show only to
	// those who may see both actors' contacts until their actors are
	// compared again: each pass takes some of them along.
	var pending []string
	if err := s.read(ctx).Raw("SELECT d.actor_a FROM duplicate_links d JOIN actors a ON a.id = d.actor_a JOIN actors b ON b.id = d.actor_b"+
		" WHERE d.public_score IS NULL AND a.archived_at IS NULL AND b.archived_at IS NULL LIMIT ?", pendingPerPass).Scan(&pending).Error; err != nil {
		return dbError(err)
	}
	_, err := s.detect(ctx, append(ids, pending...), updates)
	return err
}

// identityFields are the audited fields of an actor that detection weighs
// as values carried by places of a source (dedup.Block.Related): what an
// update removed from them leaves their other carriers with fewer, and
// departement says which block they are in.
var identityFields = map[string]bool{"name": true, "pivot": true, "pivot_kind": true,
	"phones": true, "emails": true, "websites": true, "departement": true}

// formerStates returns, for each update of a live actor of changed that
// altered one of identityFields, the actor's state before that update as
// far as detection reads it: the actor with the former values the audit of
// the update recorded. Detection compares again the places of the actor's
// source that carried those values (dedup.Block.RelatedTo), as for an
// archived actor (TestLinksFollowAValueDropped). One state per update, so
// that of several updates between two passes none is missed.
func formerStates(tx *gorm.DB, changed []Actor, updates []Change) ([]Actor, error) {
	live := make(map[string]*Actor, len(changed))
	for i := range changed {
		live[changed[i].ID] = &changed[i]
	}
	var keys [][]any
	for _, c := range updates {
		if live[c.EntityID] != nil {
			keys = append(keys, []any{c.EntityID, c.Version})
		}
	}
	var out []Actor
	for chunk := range slices.Chunk(keys, 400) {
		var events []AuditEvent
		if err := tx.Select("entity_id", "changes").Where("entity = ? AND (entity_id, version) IN ?", EntityActor, chunk).
			Order("seq").Find(&events).Error; err != nil {
			return nil, err
		}
		for _, ev := range events {
			var fields []struct {
				Field string          `json:"field"`
				Old   json.RawMessage `json:"old"`
			}
			if err := json.Unmarshal([]byte(ev.Changes), &fields); err != nil {
				continue // not a list of changed fields: nothing to follow
			}
			former, any := *live[ev.EntityID], false
			for _, f := range fields {
				if identityFields[f.Field] {
					setFormer(&former, f.Field, f.Old)
					any = true
				}
			}
			if any {
				out = append(out, former)
			}
		}
	}
	return out, nil
}

// setFormer sets the field of a, as the audit names it, to its former
// value (absent when it was empty).
func setFormer(a *Actor, field string, old json.RawMessage) {
	var text string
	var list []string
	switch field {
	case "name", "pivot", "pivot_kind", "departement":
		if len(old) > 0 {
			_ = json.Unmarshal(old, &text)
		}
	default:
		if len(old) > 0 {
			_ = json.Unmarshal(old, &list)
		}
	}
	switch field {
	case "name":
		a.Name = text
	case "pivot":
		a.Pivot = text
	case "pivot_kind":
		a.PivotKind = text
	case "departement":
		a.Departement = text
	case "phones":
		a.Phones = list
	case "emails":
		a.Emails = list
	case "websites":
		a.Websites = list
	}
}

// pendingPerPass bounds the actors of links without a public score that
// one detection pass compares again (see detectChanged).
const pendingPerPass = 200

func uniqueIDs(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func placeOf(a *Actor) dedup.Place {
	return dedup.Place{ID: a.ID, Source: a.Source, Producer: a.Producer, Name: a.Name, Pivot: a.Pivot, PivotKind: a.PivotKind,
		Street: a.Address.Street, Complement: a.Address.Complement, PostalCode: a.Address.PostalCode,
		InseeCode: a.Address.InseeCode, Commune: a.Address.Commune, Latitude: a.Latitude, Longitude: a.Longitude,
		Phones: a.Phones, Emails: a.Emails, Websites: a.Websites, PrivateContacts: !a.ContactPublic}
}

// linkPair is a link's two actor ids, older first.
type linkPair struct{ a, b string }

func pairOf(a, b string) linkPair {
	if b < a {
		a, b = b, a
	}
	return linkPair{a, b}
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// saveLinks writes the matches of the evaluated actors (see
// DetectDuplicates) and returns how many links it created. public holds
// the public score of each match and decided link (a pair missing from it
// scores 0): every link of the evaluated actors leaves with its public
// score, decisions included.
func (s *Store) saveLinks(tx *gorm.DB, evaluated []string, matches []dedup.Match, public map[linkPair]float64, current map[linkPair]dedup.Result) (int, error) {
	type pair = linkPair
	existing, err := storedLinks(tx, evaluated)
	if err != nil {
		return 0, err
	}
	now := s.now()
	kept := map[pair]bool{}
	// New links are inserted together (a place created at an address shared
	// by hundreds gets hundreds of links, which one INSERT each held the
	// single writer for tens of milliseconds).
	var fresh []*DuplicateLink
	for _, m := range matches {
		p := pair{m.A, m.B}
		if p.b < p.a {
			p.a, p.b = p.b, p.a
		}
		if kept[p] {
			continue // both actors changed: the pair was seen from each side
		}
		kept[p] = true
		pub := public[p]
		l, found := existing[p]
		switch {
		case !found:
			fresh = append(fresh, &DuplicateLink{ID: NewID(), ActorAID: p.a, ActorBID: p.b, Score: m.Score, NameScore: m.Name,
				AddressScore: m.Place, IdentityScore: m.Identity, DistanceM: m.DistanceM, SamePivot: m.SamePivot,
				Reasons: m.Reasons, PublicScore: &pub, Status: DuplicateSuggested, CreatedAt: now, UpdatedAt: now})
		case l.RecordedBy != nil:
			// A link a person recorded (CreateDuplicate) is not removed;
			// it is rescored below, as a decided link is.
		case l.Status == DuplicateSuggested && !l.says(&m, pub):
			// A moderator's decision made meanwhile stays as decided. An
			// unchanged suggestion is not written again: a write at an
			// address shared by hundreds of places re-detects hundreds of
			// pairs, and rewriting each held the single writer for tens of
			// milliseconds (BenchmarkConcurrentWrites).
			fields := map[string]any{"score": m.Score, "name_score": m.Name, "address_score": m.Place,
				"identity_score": m.Identity, "distance_m": m.DistanceM, "same_pivot": m.SamePivot,
				"reasons": ReasonList(m.Reasons), "public_score": pub, "updated_at": now}
			if err := tx.Model(&DuplicateLink{}).Where("id = ? AND status = ?", l.ID, DuplicateSuggested).Updates(fields).Error; err != nil {
				return 0, err
			}
		}
	}
	if beforeDetectedInsert != nil && len(fresh) > 0 {
		pairs := make([][2]string, len(fresh))
		for i, l := range fresh {
			pairs[i] = [2]string{l.ActorAID, l.ActorBID}
		}
		if err := beforeDetectedInsert(tx, pairs); err != nil {
			return 0, err
		}
	}
	// A person may have recorded one of the pairs since the read above
	// (CreateDuplicate does not wait for detection's turn): their link
	// stays as they recorded it, and detection's suggestion of the pair
	// is left out. Failing on it, the pass failed whole (PostgreSQL), and
	// the follower retried it after its backoff.
	for rows := range linkStatements(fresh) {
		if err := insertRows(tx, rows, skipConflicts("actor_a, actor_b")); err != nil {
			return 0, err
		}
	}
	// A suggestion that no longer holds (an address was corrected) goes;
	// decisions stay, their scores as decided, their public score that
	// of today's public data (only it says whom the link shows to).
	for p, stored := range existing {
		l := stored.DuplicateLink
		switch {
		case !kept[p] && l.Status == DuplicateSuggested && l.RecordedBy == nil:
			if err := tx.Delete(&DuplicateLink{}, "id = ? AND status = ?", l.ID, DuplicateSuggested).Error; err != nil {
				return 0, err
			}
		case l.Status != DuplicateSuggested || l.RecordedBy != nil:
			// Decided, or recorded by a person: the link stays, its
			// scores and reasons today's (a person's link holds while
			// they are not below what they were: recordedHolds).
			pub := public[p]
			fields := map[string]any{"public_score": pub}
			score := l.Score
			if r, ok := current[p]; ok && !sameLink(&l, &dedup.Match{A: p.a, B: p.b, Result: r}, pub) {
				// Today's scores and reasons: a record that moved away no
				// longer reads « même adresse » (probe 43).
				score = r.Score
				fields = map[string]any{"score": r.Score, "name_score": r.Name, "address_score": r.Place,
					"identity_score": r.Identity, "distance_m": r.DistanceM, "same_pivot": r.SamePivot,
					"reasons": ReasonList(r.Reasons), "public_score": pub, "updated_at": now}
			}
			if len(fields) > 1 || l.PublicScore == nil || *l.PublicScore != pub {
				// A confirmed link that comes to exist for anyone, or
				// ceases to (on its public score, or its full one
				// where both records' contacts are public), changes
				// what the public surfaces serve; the history says
				// how, from what they served before.
				touch := l.Status == DuplicateConfirmed && (publicLink(l.PublicScore) != publicLink(&pub) || publicLink(&l.Score) != publicLink(&score) ||
					recordedHolds(&l, l.Score) != recordedHolds(&l, score))
				var before pairServed
				if touch {
					var err error
					if before, err = servedPair(tx, l.ActorAID, l.ActorBID); err != nil {
						return 0, err
					}
				}
				if err := tx.Model(&DuplicateLink{}).Where("id = ? AND (status <> ? OR recorded_by IS NOT NULL)", l.ID, DuplicateSuggested).Updates(fields).Error; err != nil {
					return 0, err
				}
				if touch {
					if err := s.touchPair(tx, l.ActorAID, l.ActorBID, before); err != nil {
						return 0, err
					}
				}
			}
		}
	}
	return len(fresh), nil
}

// linkStatementRows is the size of a full INSERT of new links; the rest
// of a part's goes in statements of its binary digits (64, 32 … 1 rows).
const linkStatementRows = 128

// linkStatements cuts a part's new links into INSERTs of a few fixed sizes
// (linkStatementRows, then powers of two). One INSERT of them all had as
// many rows as the part had new links, a text the writer's connection had
// never seen: SQLite parsed and compiled a statement of up to 19,000
// variables on every part — 0.75 s of insertRows' 2.1 s in a profile of
// BenchmarkConcurrentWrites (session 51) — and each such statement took a
// place in the connection's cache of 64 (stmt_cache_size), pushing out the
// single writes' own. Eight texts now cover every count, each prepared
// once per connection.
func linkStatements(links []*DuplicateLink) iter.Seq[[]*DuplicateLink] {
	return func(yield func([]*DuplicateLink) bool) {
		for len(links) > 0 {
			n := linkStatementRows
			for n > len(links) {
				n /= 2
			}
			if !yield(links[:n]) {
				return
			}
			links = links[n:]
		}
	}
}

// linksTouching narrows q to the links of which either actor is among ids,
// each side read by its own index: the pair's for actor_a, actor_b's
// (migration 00124). A status written beside it let SQLite, which keeps no
// statistics here, walk the status index instead, and actor_b's former
// index, partial (status <> 'dismissed'), served no query that did not
// repeat its condition: each of detection's reads of the links scanned
// every link, 1.1 s of the writer's turns in BenchmarkConcurrentWrites'
// writes-only run at a crowded address. Callers filter by status in Go.
func linksTouching(q *gorm.DB, ids []string) *gorm.DB {
	return q.Where("actor_a IN ? OR actor_b IN ?", ids, ids)
}

// beforeDetectedInsert, set by tests only, runs between saveLinks' read of
// the stored links and its insert of the new ones: where a person's link
// (CreateDuplicate) lands in the race it reproduces.
var beforeDetectedInsert func(tx *gorm.DB, pairs [][2]string) error

// sameLink reports whether a stored link says what the match says.
func sameLink(l *DuplicateLink, m *dedup.Match, public float64) bool {
	return sameScores(l, m, public) && slices.Equal([]dedup.Reason(l.Reasons), m.Reasons)
}

// sameScores is sameLink but for the reasons.
func sameScores(l *DuplicateLink, m *dedup.Match, public float64) bool {
	sameDistance := (l.DistanceM == nil) == (m.DistanceM == nil) && (l.DistanceM == nil || *l.DistanceM == *m.DistanceM)
	return l.PublicScore != nil && *l.PublicScore == public && l.Score == m.Score && l.NameScore == m.Name && l.AddressScore == m.Place && l.IdentityScore == m.Identity &&
		l.SamePivot == m.SamePivot && sameDistance
}

// storedLink is a link as saveLinks reads it: a suggestion's columns
// but its reasons, which stay as stored (reasons); a decided link, or one
// a person recorded, whole (their few rows are read again by id).
type storedLink struct {
	DuplicateLink
	reasons string
}

// says reports whether the stored link says what the match says
// (sameLink), its reasons compared as stored first: detection wrote them
// as ReasonList.Value writes the match's, so an unchanged suggestion is
// known without decoding them; other text (PostgreSQL's jsonb spacing,
// an older writer) is decoded and compared.
func (l *storedLink) says(m *dedup.Match, public float64) bool {
	if !sameScores(&l.DuplicateLink, m, public) {
		return false
	}
	if l.Reasons != nil || l.reasons == "" {
		return slices.Equal([]dedup.Reason(l.Reasons), m.Reasons)
	}
	if v, err := ReasonList(m.Reasons).Value(); err == nil && v == l.reasons {
		return true
	}
	var stored ReasonList
	if err := stored.Scan(l.reasons); err != nil {
		return false
	}
	return slices.Equal([]dedup.Reason(stored), m.Reasons)
}

// storedLinkColumns are what storedLinks reads of every link: all that
// saveLinks compares with a match, and whether a person recorded it.
const storedLinkColumns = "id, actor_a, actor_b, status, recorded_by IS NOT NULL, score, name_score, address_score, identity_score, distance_m, same_pivot, public_score, reasons"

// storedLinks returns the links of which either actor is among ids, for
// saveLinks: read inside the writer's turn, at a crowded address a part's
// thousand links, which GORM's scan into whole links (every column, each
// link's reasons decoded from JSON) made 2.7 s of 5.9 s of saveLinks in
// BenchmarkConcurrentWrites (session 50's profile), while 32 writers
// waited. The columns a suggestion is compared by are scanned as they
// are; the decided and recorded links, a handful, are read whole.
func storedLinks(tx *gorm.DB, ids []string) (map[linkPair]storedLink, error) {
	out := map[linkPair]storedLink{}
	var whole []string
	for chunk := range slices.Chunk(ids, 400) {
		rows, err := linksTouching(tx.Model(&DuplicateLink{}).Select(storedLinkColumns), chunk).Rows()
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var l storedLink
			var recorded bool
			var distance, public sql.NullFloat64
			if err := rows.Scan(&l.ID, &l.ActorAID, &l.ActorBID, &l.Status, &recorded, &l.Score, &l.NameScore, &l.AddressScore,
				&l.IdentityScore, &distance, &l.SamePivot, &public, &l.reasons); err != nil {
				rows.Close()
				return nil, err
			}
			if recorded || l.Status != DuplicateSuggested {
				whole = append(whole, l.ID)
				continue
			}
			if distance.Valid {
				l.DistanceM = &distance.Float64
			}
			if public.Valid {
				l.PublicScore = &public.Float64
			}
			out[linkPair{l.ActorAID, l.ActorBID}] = l
		}
		err = rows.Err()
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	for chunk := range slices.Chunk(whole, 400) {
		var links []DuplicateLink
		if err := tx.Where("id IN ?", chunk).Find(&links).Error; err != nil {
			return nil, err
		}
		for _, l := range links {
			out[linkPair{l.ActorAID, l.ActorBID}] = storedLink{DuplicateLink: l}
		}
	}
	return out, nil
}
