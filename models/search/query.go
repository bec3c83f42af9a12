package search

import (
	"container/heap"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"iter"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"carnet/models/commune"
	"carnet/models/vocab"
)

// cursor is the position after the last hit of a page: its sort key and id.
// Hits are ordered by (key, id), so a page starts strictly after the cursor
// whatever was inserted or removed meanwhile.
type cursor struct {
	Sort string `json:"s"`
	// Query is a hash of the query the cursor belongs to: a cursor reused
	// with other words or filters is refused rather than giving a page
	// of another result list.
	Query string  `json:"q,omitempty"`
	Key   float64 `json:"k,omitempty"`
	Name  string  `json:"n,omitempty"`
	ID    string  `json:"i"`
	// Scale is, by relevance, the sum of the query's word weights when
	// the cursor was made (see afterKey).
	Scale float64 `json:"w,omitempty"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, sort, query string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" || math.IsNaN(c.Key) {
		return c, badRequest("cursor", "use the next link of a previous page, unchanged")
	}
	if c.Sort != sort {
		return c, badRequest("cursor", "this cursor belongs to another sort order; keep the same query while paging")
	}
	if c.Query != query {
		return c, badRequest("cursor", "this cursor belongs to another search; keep the same q and filters while paging, or start again without cursor")
	}
	if c.Key == math.MaxFloat64 {
		c.Key = math.Inf(1) // see cursorOf
	}
	return c, nil
}

// plan is a validated query.
type plan struct {
	q     Query
	words []string // the words to match; none when the query only names places
	typed []string // every word of q, for the cache key and the cursor
	// near: the words of q naming where the person is (nearWords), which
	// the words alone do not tell: « mairie pantin » and « à côté de la
	// mairie de pantin » have the same words, not the same answer.
	near map[string]bool
	// withinKM: the distance the query names (« moins de 10 km »), 0
	// when none (see distanceWords, communesWithin).
	withinKM float64
	// message: q has more distinct words than MaxWords, a message read
	// for what it names (messageWords).
	message bool
	// spelt: the misspelt words read as a phrase's (respeltPhrases).
	spelt  []Spelling
	an     analysis
	hash   string // of the query without its page (see cursor.Query)
	sort   string
	limit  int
	radius float64
	after  *cursor
	// placeRestricted: near, commune or code_postal was given, so
	// services without a place are left out unless asked for.
	placeRestricted bool
	// placesEither: the query names only places, no record is in all of
	// them, and it answers the records in any (buildFilter), partial.
	placesEither bool
	// now decides which temporary closures are in effect (statusSet).
	now time.Time
}

func (t *table) plan(q Query, allowed []string) (*plan, error) {
	p, err := readQuery(q)
	if err != nil {
		return nil, err
	}
	return p, t.finishPlan(p, allowed)
}

// readQuery checks what a query says on its own and reads its words: all a
// reused answer's key needs (see search), before the analysis.
func readQuery(q Query) (*plan, error) {
	p := &plan{q: q, limit: q.Limit, radius: q.RadiusKM}
	if p.limit <= 0 {
		p.limit = DefaultLimit
	}
	p.limit = min(p.limit, MaxLimit)
	if q.Near != nil {
		if p.radius <= 0 {
			p.radius = DefaultRadiusKM
		}
		if p.radius > MaxRadiusKM {
			return nil, badRequest("radius_km", "must be at most 100")
		}
	}
	if strings.TrimSpace(q.Text) != "" && !hasWordChar(q.Text) {
		return nil, badRequest("q", "has no letter or digit: write words to search for, or leave q out")
	}
	all := queryWordsAll(q.Text)
	p.words, p.withinKM = distanceWords(all)
	distinct := len(slices.Compact(slices.Sorted(slices.Values(p.words))))
	if distinct > MaxMessageWords {
		return nil, badRequest("q", fmt.Sprintf("has %d different words: at most %d are read (a message is read for the needs, places and kinds of places it names, at most %d of them)", distinct, MaxMessageWords, MaxWords))
	}
	p.message = distinct > MaxWords
	p.typed = all // a distance's words too: « angouleme 5km » is not « angouleme 10km »
	p.near = nearWords(q.Text)
	return p, nil
}

// finishPlan analyses the words against the table and checks the rest.
func (t *table) finishPlan(p *plan, allowed []string) error {
	q := &p.q
	p.words = t.gluedWords(p.words)
	p.words, p.spelt = t.respeltPhrases(p.words)
	p.words = dropDepartementWords(p.words)
	if p.message {
		// A whole message (« Bonjour, je viens d'arriver à Angoulême
		// et je dois faire ma déclaration d'impôts… ») is read for
		// what it names; its other words would each be required.
		p.words = t.messageWords(p.words)
		if n := len(slices.Compact(slices.Sorted(slices.Values(p.words)))); n > MaxWords {
			return badRequest("q", fmt.Sprintf("names %d needs, places or kinds of places: at most %d are read; keep the ones that matter", n, MaxWords))
		}
	}
	p.an = t.analyze(p.words, articledWords(q.Text), p.near, p.withinKM, q.Near != nil || len(q.InseeCodes) > 0 || len(q.PostalCodes) > 0)
	if p.an.placeOnly {
		// « 38000 », « Saint-Étienne », « Isère »: a place filter, not
		// words to rank by.
		p.words = nil
		if len(p.an.places) == 1 && p.an.places[0].centre != nil && q.Near == nil {
			// The records around a commune without places, nearest
			// first, with their distance to its centre.
			q.Near, p.radius = p.an.places[0].centre, p.an.places[0].radius
		}
	}
	p.placeRestricted = q.Near != nil || len(q.InseeCodes) > 0 || len(q.PostalCodes) > 0 || p.an.placeOnly
	p.sort = q.Sort
	switch {
	case p.sort == "" && len(p.words) > 0:
		p.sort = SortRelevance
	case p.sort == "" && q.Near != nil:
		p.sort = SortDistance
	case p.sort == "" || p.sort == SortRelevance && len(p.words) == 0:
		// Without words every score is 0: alphabetical order is the
		// useful one.
		p.sort = SortName
	case p.sort == SortDistance && q.Near == nil:
		return badRequest("sort", "distance needs near=lat,lon")
	case p.sort != SortRelevance && p.sort != SortDistance && p.sort != SortName:
		return badRequest("sort", "must be relevance, distance or name")
	}
	for f := range q.Filters {
		if !slices.Contains(allowed, f) {
			return badRequest(f, "is not a filter of this search")
		}
	}
	for _, f := range q.Facets {
		if !slices.Contains(allowed, f) || f == FieldStatus {
			return badRequest("facets", "cannot count "+f+"; facets are: "+strings.Join(facetable(allowed), ", "))
		}
	}
	p.hash = queryHash(p)
	if q.Cursor != "" {
		c, err := decodeCursor(q.Cursor, p.sort, p.hash)
		if err != nil {
			return err
		}
		p.after = &c
	}
	return nil
}

func facetable(fields []string) []string {
	return slices.DeleteFunc(slices.Clone(fields), func(f string) bool { return f == FieldStatus })
}

// buildFilter computes into s.filter the set of slots passing every field
// filter: alternatives ORed within a field, fields ANDed; the actor status
// defaults to active.
func (t *table) buildFilter(p *plan, s *scratch) {
	n := len(t.all)
	s.filter = grow(s.filter, n)
	copy(s.filter, t.all)
	tmp := grow(s.result, n)
	// With open_at, the status asked for is the one at that instant: a
	// place closed today but reopened then is found, one whose closure is
	// announced for then is not.
	statusAt := p.now
	if p.q.OpenAt != nil {
		statusAt = *p.q.OpenAt
	}
	apply := func(field string, values []string) {
		clear(tmp)
		for _, v := range values {
			b := t.set(field, v)
			if field == FieldStatus {
				b = t.statusSet(v, statusAt)
			}
			if b != nil {
				b.orInto(tmp)
			}
		}
		tmp.andWith(s.filter)
	}
	if _, ok := p.q.Filters[FieldStatus]; !ok {
		apply(FieldStatus, []string{vocab.ActorActive})
	}
	fields := make([]string, 0, len(p.q.Filters))
	for f := range p.q.Filters {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		apply(f, p.q.Filters[f])
	}
	if p.q.ExcludeFull {
		if b := t.set(FieldIsFull, "true"); b != nil {
			b.andNotWith(s.filter)
		}
	}
	if !p.q.IncludeDuplicates {
		if b := t.set(FieldSameAs, "true"); b != nil {
			b.andNotWith(s.filter)
		}
	}
	// A query naming only places filters by them (each place: any of
	// its interpretations). Places that no record is in at once (two
	// communes, « cognac angouleme », two départements) are alternatives:
	// their intersection answered nothing, silently.
	if p.an.placeOnly {
		// A city's part (« marseille est ») narrows its city, and one
		// without places answers nothing.
		var before bitset
		if len(p.an.places) > 1 && !slices.ContainsFunc(p.an.places, func(pr placeRef) bool { return pr.kind == "district" }) {
			before = slices.Clone(s.filter)
		}
		for i := range p.an.places {
			t.placeBits(&p.an.places[i], tmp)
			tmp.andWith(s.filter)
		}
		if before != nil && s.filter.count() == 0 {
			clear(s.filter)
			for i := range p.an.places {
				t.placeBits(&p.an.places[i], tmp)
				tmp.orInto(s.filter)
			}
			before.andWith(s.filter)
			p.placesEither = true
		}
	}
	s.result = tmp
}

// aroundRadiusKM is the distance from a named place at which a partial
// result's score is halved (see namedPoint): about a département's width.
const aroundRadiusKM = 50

// aroundProximity is proximity within aroundRadiusKM of the named place,
// and beyond it keeps falling with the distance (0.5 × radius / km: a
// quarter at 100 km, a twentieth at 500) rather than staying at 0.5: a need
// no place of the named commune meets and none within the radius either
// (« aidants connect marseille ») listed its 196 places across France at
// one score, Charente's first, Avignon's, 85 km away, 84th.
func aroundProximity(km float64) float64 {
	if km <= aroundRadiusKM {
		return proximity(km, aroundRadiusKM)
	}
	return 0.5 * aroundRadiusKM / km
}

// namedPoint returns the point of the one commune or postal code the query
// names (the mean position of its located records, or the reference's
// centre of it when none is), if it names exactly one place of those kinds.
func (t *table) namedPoint(p *plan) (origin, bool) {
	var named *placeRef
	for i := range p.an.places {
		pr := &p.an.places[i]
		if pr.kind != "commune" && pr.kind != "postal_code" {
			continue
		}
		if named != nil {
			return origin{}, false
		}
		named = pr
	}
	if named == nil {
		return origin{}, false
	}
	if named.centre != nil {
		return newOrigin(named.centre), true
	}
	var o origin
	n := 0
	add := func(slot uint32) bool {
		if int(slot) < len(t.pos) && t.pos[slot].located {
			sp := &t.pos[slot]
			o.x, o.y, o.z, n = o.x+sp.x, o.y+sp.y, o.z+sp.z, n+1
		}
		return true
	}
	for _, slot := range named.slots {
		add(slot)
	}
	for _, b := range named.sets {
		b.each(add)
	}
	norm := math.Sqrt(o.x*o.x + o.y*o.y + o.z*o.z)
	if n == 0 || norm == 0 {
		// No record there has coordinates (many files give none): the
		// commune's centre, or the postal code's first commune's.
		var c *Point
		switch named.kind {
		case "commune":
			c = referenceCentre(named.commune)
		case "postal_code":
			c = CommuneCentre("", named.words[0])
		}
		if c == nil {
			return origin{}, false
		}
		return newOrigin(c), true
	}
	return origin{o.x / norm, o.y / norm, o.z / norm}, true
}

// placeBits sets dst to the slots of a named place.
func (t *table) placeBits(pr *placeRef, dst bitset) {
	clear(dst)
	for _, slot := range pr.slots {
		if int(slot>>6) < len(dst) {
			dst[slot>>6] |= 1 << (slot & 63)
		}
	}
	for _, b := range pr.sets {
		b.orInto(dst)
	}
}

// queryHash identifies a query without its page: what a cursor belongs to.
func queryHash(p *plan) string {
	saved, limit := p.q.Cursor, p.limit
	p.q.Cursor, p.limit = "", 0
	k := cacheKey("", p)
	p.q.Cursor, p.limit = saved, limit
	h := fnv.New64a()
	h.Write([]byte(k))
	return strconv.FormatUint(h.Sum64(), 36)
}

func grow(b bitset, n int) bitset {
	if cap(b) < n {
		return make(bitset, n)
	}
	return b[:n]
}

// hitHeap keeps the best `limit` hits seen, worst on top.
type hitHeap struct {
	t    *table
	hits []hit
}

func (h *hitHeap) Len() int           { return len(h.hits) }
func (h *hitHeap) Less(i, j int) bool { return h.t.compareHits(h.hits[i], h.hits[j]) > 0 }
func (h *hitHeap) Swap(i, j int)      { h.hits[i], h.hits[j] = h.hits[j], h.hits[i] }
func (h *hitHeap) Push(x any)         { h.hits = append(h.hits, x.(hit)) }
func (h *hitHeap) Pop() any {
	x := h.hits[len(h.hits)-1]
	h.hits = h.hits[:len(h.hits)-1]
	return x
}

// offer keeps x if it is among the best limit hits offered so far.
func (h *hitHeap) offer(x hit, limit int) {
	if len(h.hits) < limit {
		heap.Push(h, x)
	} else if h.t.compareHits(x, h.hits[0]) < 0 {
		h.hits[0] = x
		heap.Fix(h, 0)
	}
}

// page is what run returns: the hits of the page in order.
type page struct {
	hits   []hit
	total  int
	next   string
	facets []Facet
	// partial: no record holds every word; hits hold as many as any does.
	partial bool
	// fallbacks: the words naming a kind of place that no result is,
	// met through their related need only (see dropRelatedFallbacks):
	// the hits miss them.
	fallbacks []string
	// holidayUnsaid: with open_at, the places left out only because the
	// instant is a public holiday where they are and their hours do not
	// name PH (see openCheck).
	holidayUnsaid int
}

// run executes a planned query. The caller holds the read lock.
func (t *table) run(p *plan, s *scratch) page {
	t.buildFilter(p, s)
	if t.wordPath(p) {
		return t.runWord(p, s)
	}
	q := &p.q
	var out page
	wantFacets := len(q.Facets) > 0
	// Fast path: no per-record condition beyond the bitsets, ordered by
	// name: walk the name order from the cursor and stop at a full page.
	if len(p.words) == 0 && !p.placeRestricted && q.OpenAt == nil && q.Referrals == nil && p.sort == SortName {
		out.total = s.filter.count()
		start := 0
		if p.after != nil {
			i, found := t.namePos(p.after.Name, p.after.ID)
			if found {
				i++
			}
			start = i
		}
		for _, slot := range t.byName[start:] {
			if !s.filter.has(slot) {
				continue
			}
			if len(out.hits) == p.limit {
				out.next = t.cursorOf(p, out.hits[len(out.hits)-1])
				break
			}
			out.hits = append(out.hits, hit{slot: slot, dist: math.NaN()})
		}
		if wantFacets {
			out.facets = t.facets(q.Facets, s.filter, out.total)
		}
		return out
	}

	if wantFacets {
		clear(s.result)
	}
	var afterHit *hit
	if p.after != nil {
		afterHit = &hit{key: p.after.Key, slot: math.MaxUint32}
		if p.sort == SortName {
			i, found := t.namePos(p.after.Name, p.after.ID)
			if found {
				i++
			}
			afterHit.key = float64(i) - 0.5 // ranks are integers
		}
	}
	h := &hitHeap{t: t, hits: make([]hit, 0, p.limit+1)}
	remaining := 0        // hits after the cursor
	take := func(x hit) { // x comes after the cursor
		remaining++
		h.offer(x, p.limit)
	}
	// afterNow: by relevance, the key the page starts after depends on
	// the cursor's record as the scan scores it now (see afterKey): the
	// hits are kept until the scan is done. Distance and name keys do not
	// move.
	afterNow := afterHit != nil && p.sort == SortRelevance
	s.after = s.after[:0]
	var open openCheck
	if q.OpenAt != nil {
		open = newOpenCheck(*q.OpenAt)
	}
	// With Near, hit.dist holds the haversine term (see origin.hav), which
	// orders like the distance; search converts it for the hits shown.
	var o origin
	var maxHav float64
	if q.Near != nil {
		o, maxHav = newOrigin(q.Near), kmHav(p.radius)
	}
	// admit applies the conditions bitsets cannot express and returns
	// the haversine term of the distance (NaN without near).
	admit := func(slot uint32) (float64, bool) {
		if !s.filter.has(slot) {
			return 0, false
		}
		remote := t.remote.has(slot)
		dist := math.NaN()
		switch {
		case remote:
			if p.placeRestricted && !q.IncludeRemote {
				return 0, false
			}
		case q.Near != nil:
			sp := &t.pos[slot]
			if !sp.located {
				return 0, false
			}
			dist = o.hav(sp.x, sp.y, sp.z)
			if dist > maxHav {
				return 0, false
			}
		}
		if !remote && (len(q.InseeCodes) > 0 && !slices.Contains(q.InseeCodes, t.docs[slot].insee) ||
			len(q.PostalCodes) > 0 && !slices.Contains(q.PostalCodes, t.docs[slot].postal)) {
			return 0, false
		}
		if q.Referrals != nil && ReferralsPossible(t.docs[slot].svc, q.Teams) != *q.Referrals {
			return 0, false
		}
		if q.OpenAt != nil && !open.at(t.docs[slot]) {
			return 0, false
		}
		return dist, true
	}
	// Places the query names rank their records first.
	inPlace := bitset(nil)
	for i := range p.an.places {
		if pr := &p.an.places[i]; pr.rankFirst && !p.an.placeOnly {
			if inPlace == nil {
				s.place = grow(s.place, len(s.filter))
				clear(s.place)
				inPlace = s.place
				s.inPlace = grow(s.inPlace, len(s.filter))
			}
			t.placeBits(pr, s.inPlace)
			s.inPlace.orInto(inPlace)
		}
	}
	// A département the query names does not reorder an answer holding
	// every word (its name is too often a common word, see
	// placeRef.rankFirst), but a partial answer keeps it as it keeps a
	// commune (below): « médiateur numérique itinérant charente » listed
	// the itinerant places of the Alpes-Maritimes, and none of the
	// Charente's places in its first twenty.
	var inDep bitset
	if inPlace == nil && !p.an.placeOnly {
		for i := range p.an.places {
			if pr := &p.an.places[i]; pr.kind == "departement" && len(pr.sets) > 0 {
				if inDep == nil {
					inDep = make(bitset, len(s.filter))
				}
				for _, b := range pr.sets {
					b.orInto(inDep)
				}
			}
		}
	}
	depKept := false
	// A query naming one commune or postal code beside a need that no
	// record there meets (« carte grise 13001 », « carte grise gap ») is
	// partial: its results are the need's places elsewhere. They rank
	// by proximity to the named place, as with near, so that the ones a
	// street or a town away come before those across the région
	// (Martigues and Avignon came first for 13001). The named place's
	// records give its point: the mean of their positions.
	keptPlace := false
	var around origin
	aroundSet, aroundRead := false, q.Near != nil || p.an.placeOnly
	aroundOf := func() bool { // read once, when the answer turns out partial
		if !aroundRead {
			around, aroundSet = t.namedPoint(p)
			aroundRead = true
		}
		return aroundSet
	}
	// In a partial answer, the records of the named place holding some
	// of the other words (home) come before the records elsewhere holding
	// more (keptPlace): the commune is the last word given up.
	home := func(slot uint32) bool { return false }
	// In a partial answer, the records a rare word names (namedByRareWord)
	// come before the others, holding more words or not.
	var namedFirst bitset
	consider := func(slot uint32, dist, score float64, missing, spelling, softMissing int) {
		out.total++
		if wantFacets {
			s.result.set(slot)
		}
		x := hit{slot: slot, score: score, dist: dist}
		switch p.sort {
		case SortRelevance:
			blended := score
			outside := inPlace != nil && !inPlace.has(slot)
			switch {
			case q.Near != nil && dist == dist:
				blended = score * proximity(havKM(dist), p.radius)
			case out.partial && home(slot):
				outside = false
			case out.partial && aroundOf():
				// No record of the named place meets the need: its own
				// records, which miss the need, come after the need's
				// places around it (« impots angers » listed the 11
				// places of Angers, none helping with taxes, first; two
				// words of need, « carte grise angers », did not).
				outside = inPlace != nil && inPlace.has(slot)
				if sp := &t.pos[slot]; sp.located {
					blended = score * aroundProximity(havKM(around.hav(sp.x, sp.y, sp.z)))
				} else if c, _, ok := commune.Get(t.docs[slot].insee); ok && c.HasCentre {
					// Without coordinates, at its commune's centre: the
					// France services of Le Lion-d'Angers, 20 km from
					// Angers, ranked with those of Martigues.
					x, y, z := unitVector(c.Lat, c.Lon)
					blended = score * aroundProximity(havKM(around.hav(x, y, z)))
				} else {
					blended = score * 0.5 // where it is is unknown: as at the edge
				}
			}
			if out.partial && namedFirst != nil {
				outside = outside || !namedFirst.has(slot)
			}
			if out.partial && inPlace != nil && !home(slot) && !namedFirst.has(slot) && keptPlace {
				missing += awayTier
			}
			x.key = relevanceKey(blended, missing, spelling, outside, softMissing)
		case SortDistance:
			x.key = dist
			if math.IsNaN(dist) {
				x.key = math.Inf(1) // remote services after every place
			}
		case SortName:
			x.key = float64(t.rank[slot])
		}
		if afterNow {
			s.after = append(s.after, x)
			return
		}
		if afterHit != nil && t.compareAfter(x, *afterHit, p.after.ID) <= 0 {
			return
		}
		take(x)
	}
	plain := func(slot uint32) {
		if dist, ok := admit(slot); ok {
			consider(slot, dist, 0, 0, 0, 0)
		}
	}
	switch {
	case len(p.words) > 0:
		best := uint8(0)
		keep := func() {
			kept := s.touched[:0]
			for _, slot := range s.touched {
				if _, ok := admit(slot); ok {
					best = max(best, s.hits[slot])
					kept = append(kept, slot)
				} else {
					s.hits[slot], s.acc[slot], s.fz[slot], s.soft[slot] = 0, 0, 0, 0
				}
			}
			s.touched = kept
		}
		t.match(&p.an, s, false)
		keep()
		if out.fallbacks = t.dropRelatedFallbacks(&p.an, s); len(out.fallbacks) > 0 {
			out.partial = true
		}
		// Words every result must hold: the soft ones rank only.
		if len(s.touched) == 0 && len(p.an.clauses) > 1 && p.an.rankConditions() {
			// A condition of the person no place meeting the need
			// declares: the need's places, those declaring it first.
			s.reset()
			t.match(&p.an, s, false)
			keep()
			out.partial = true
		}
		required, soft := p.an.hardCount(), len(p.an.clauses)-p.an.hardCount()
		if len(s.touched) == 0 && len(p.an.clauses) > 1 {
			// Never silently empty: the records holding the most words
			// (soft or not).
			s.reset()
			t.match(&p.an, s, true)
			keep()
			out.partial = true
			required, soft = len(p.an.clauses)-p.an.echoCount(), p.an.echoCount()
		}
		if out.partial && inPlace == nil && inDep != nil {
			inPlace, depKept = inDep, true
		}
		if out.partial && inPlace != nil {
			// The named place's records holding the most of the other
			// words, when they hold one (« atelier smartphone seniors
			// gratuit angouleme »: Angoulême's places teaching the
			// smartphone, not the free workshops for seniors of other
			// régions), or when the other words only name a kind of
			// place the commune lacks (« mairie barbezieux », « franse
			// servis la seyne »: the commune's places, not town halls and
			// France services elsewhere). Otherwise (« impots angers »:
			// no place of Angers helps with taxes) the need's places
			// around come first, as before.
			placeClauses, kindOnly := 0, true
			for _, c := range p.an.clauses {
				if pr := placeAt(&p.an, c.place); pr != nil && (pr.rankFirst || depKept && pr.kind == "departement") {
					placeClauses++
				} else if !c.kind {
					kindOnly = false
				}
			}
			others := len(p.an.clauses) - placeClauses
			widened := false
			if kindOnly && others > 0 && len(out.fallbacks) > 0 {
				// The kind met in the commune only through its related
				// need (« franse servis la seyne »: no France services
				// at La Seyne-sur-Mer, one place there helping with
				// procedures): the commune's other places are as much
				// what was asked as that one, and come after it.
				s.reset()
				best = 0
				t.match(&p.an, s, true)
				keep()
				widened = true
			}
			bestIn := uint8(0)
			for _, slot := range s.touched {
				if inPlace.has(slot) && (int(s.hits[slot]) > placeClauses || kindOnly && int(s.hits[slot]) == placeClauses) {
					bestIn = max(bestIn, s.hits[slot])
				}
			}
			if others > 0 && bestIn > 0 {
				keptPlace = true
				floor := bestIn
				if widened {
					floor = uint8(placeClauses)
				}
				home = func(slot uint32) bool { return inPlace.has(slot) && s.hits[slot] >= floor }
			}
		}
		if out.partial {
			namedFirst = t.namedByRareWord(&p.an, inPlace)
		}
		for _, slot := range s.touched {
			held := s.hits[slot]
			if namedFirst.has(slot) {
				held = max(held, best) // it misses no more than the best do
			}
			if held == best || home(slot) {
				dist, _ := admit(slot)
				// A home record holding fewer words than the best
				// misses them: it ranks after those holding more.
				consider(slot, dist, float64(s.acc[slot]), required-int(min(best, held)), int(s.fz[slot]), soft-int(s.soft[slot]))
			}
		}
		s.reset()
	case q.Near != nil:
		t.geo.within(q.Near.Lat, q.Near.Lon, p.radius, plain)
		if q.IncludeRemote {
			t.remote.each(func(slot uint32) bool { plain(slot); return true })
		}
	case len(q.InseeCodes) > 0 || len(q.PostalCodes) > 0:
		seen := map[uint32]bool{}
		visit := func(lists map[string][]uint32, keys []string) {
			for _, k := range keys {
				for _, slot := range lists[k] {
					if !seen[slot] {
						seen[slot] = true
						plain(slot)
					}
				}
			}
		}
		if len(q.InseeCodes) > 0 {
			visit(t.byInsee, q.InseeCodes)
		} else {
			visit(t.byPostal, q.PostalCodes)
		}
		if q.IncludeRemote {
			t.remote.each(func(slot uint32) bool {
				if !seen[slot] {
					plain(slot)
				}
				return true
			})
		}
	default:
		s.filter.each(func(slot uint32) bool { plain(slot); return true })
	}
	if afterNow {
		current, found := 0.0, false
		if slot, ok := t.byID[p.after.ID]; ok {
			for _, x := range s.after {
				if x.slot == slot {
					current, found = x.key, true
					break
				}
			}
		}
		afterHit.key = t.afterKey(p, current, found)
		if !found {
			afterHit.key = snapKey(afterHit.key, func(yield func(float64) bool) {
				for _, x := range s.after {
					if !yield(x.key) {
						return
					}
				}
			})
		}
		for _, x := range s.after {
			if t.compareAfter(x, *afterHit, p.after.ID) > 0 {
				take(x)
			}
		}
		s.after = s.after[:0]
	}
	out.hits = h.hits
	slices.SortFunc(out.hits, t.compareHits)
	if remaining > p.limit && len(out.hits) > 0 {
		out.next = t.cursorOf(p, out.hits[len(out.hits)-1])
	}
	if wantFacets {
		out.facets = t.facets(q.Facets, s.result, out.total)
	}
	out.holidayUnsaid = len(open.unsaid)
	return out
}

// compareAfter compares x with the cursor's position.
func (t *table) compareAfter(x, after hit, afterID string) int {
	if c := cmpFloat(x.key, after.key); c != 0 {
		return c
	}
	return compareIDs(t.docs[x.slot], idKey(afterID), afterID)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (t *table) cursorOf(p *plan, last hit) string {
	d := t.docs[last.slot]
	c := cursor{Sort: p.sort, ID: d.id, Query: p.hash}
	switch p.sort {
	case SortName:
		c.Name = d.sortName
	default:
		c.Key = last.key
		if math.IsInf(c.Key, 1) {
			c.Key = math.MaxFloat64 // JSON has no infinity
		}
		if p.sort == SortRelevance {
			c.Scale = t.weightSum(p)
		}
	}
	return encodeCursor(c)
}

// weightSum is the sum of the weights (idf) of the query's clauses as the
// table holds them now: a write changes them all a little, since a word
// weighs what its rarity among the records gives it.
func (t *table) weightSum(p *plan) float64 {
	sum := 0.0
	for i := range p.an.clauses {
		sum += float64(idfOf(clauseDF(&p.an.clauses[i]), t.len()))
	}
	return sum
}

// afterKey is the relevance key a page starts after. A key is a score,
// and any write changes every score of a query (its words' weights), so
// the cursor's stored key no longer says where the walk stood: a walk
// under a partner's nightly sync lost most of its results. The stored key
// is rescaled by how much the words' weights moved since (exact for one
// word, close for several); when the cursor's own record still ranks
// where that puts it (found, its current key close), its current key is
// exact. A record renamed or archived since does not move the walk (its
// new key, far from where it stood, lost the rest of the walk).
func (t *table) afterKey(p *plan, current float64, found bool) float64 {
	k := p.after.Key
	if p.after.Scale > 0 && !math.IsInf(k, 0) {
		if now := t.weightSum(p); now > 0 && now != p.after.Scale {
			k = rescaleKey(k, now/p.after.Scale)
		}
	}
	if found && keysClose(current, k) {
		return current
	}
	return k
}

// snapKey is k, or the key among keys it stands for when only rounding
// parts them. Without the cursor's record (archived, or no longer
// matching), the rescaled key is computed in float64 while scores are
// float32 products: it fell an ulp before the records tied with the
// anchor, and the next page started again from the first of them (16
// rows for 12 results). The key of a record ranking with it is exact.
func snapKey(k float64, keys iter.Seq[float64]) float64 {
	for c := range keys {
		if keysWithin(c, k, 1e-5) {
			return c
		}
	}
	return k
}

// keysWithin: the same tier, and scores within the relative tolerance rel.
func keysWithin(a, b, rel float64) bool {
	ta, tb := math.Ceil(a/tierStep), math.Ceil(b/tierStep)
	if ta != tb {
		return false
	}
	sa, sb := ta*tierStep-a, tb*tierStep-b
	return math.Abs(sa-sb) <= rel*math.Max(math.Abs(sb), 1e-9)
}

// rescaleKey multiplies the score part of a relevance key by r, keeping
// its tier (see relevanceKey).
func rescaleKey(k, r float64) float64 {
	tier := math.Ceil(k / tierStep)
	return tier*tierStep - (tier*tierStep-k)*r
}

// keysClose: the same tier, and scores within 5 %.
func keysClose(a, b float64) bool { return keysWithin(a, b, 0.05) }

// facets counts, for each field, the results holding each value. total is
// the number of results: few results are counted one by one (each doc
// knows its value sets), many by intersecting bitsets.
func (t *table) facets(fields []string, result bitset, total int) []Facet {
	values := 0
	for _, f := range fields {
		values += len(t.fields[f])
	}
	var perDoc []int
	if total*len(t.sets) < values*len(result)*4 {
		perDoc = make([]int, len(t.sets))
		hours := slices.Contains(fields, FieldOpenWhen) // no API facet: tests and tools
		result.each(func(slot uint32) bool {
			for _, id := range t.docs[slot].sets {
				perDoc[id]++
			}
			if hours {
				for _, id := range t.docs[slot].hourSets {
					perDoc[id]++
				}
			}
			return true
		})
	}
	out := make([]Facet, 0, len(fields))
	for _, f := range fields {
		fc := Facet{Field: f, Values: []FacetValue{}}
		for v, id := range t.fields[f] {
			var n int
			if perDoc != nil {
				n = perDoc[id]
			} else {
				n = result.andCount(*t.sets[id])
			}
			if n > 0 {
				fc.Values = append(fc.Values, FacetValue{Value: v, Count: n})
			}
		}
		slices.SortFunc(fc.Values, func(a, b FacetValue) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		out = append(out, fc)
	}
	return out
}

// openCheck evaluates "open at" in each place's time zone, caching the
// converted instant per zone. unsaid collects the places its weekly hours
// say open but left out because the instant falls on a public holiday
// where they are and their hours say nothing of public holidays.
type openCheck struct {
	t      time.Time
	cache  map[*time.Location]time.Time
	unsaid map[*doc]struct{}
}

func newOpenCheck(t time.Time) openCheck {
	return openCheck{t: t, cache: map[*time.Location]time.Time{}, unsaid: map[*doc]struct{}{}}
}

// at says whether d's place is open at o.t: its hours say so and no
// temporary closure covers that instant's date where the place is (a
// status filter including temporarily_closed does not make a place in its
// closure open). On a public holiday of the place's territory, only hours
// naming PH say so: hours without PH read the holiday as an ordinary day
// (OSM), which sent people to a France services on Christmas Day (probe
// 39b H1: no real record names PH); such a place is not open, and
// counted in unsaid so that the answer says why.
func (o openCheck) at(d *doc) bool {
	if d.hours == nil {
		return false
	}
	if a := d.owner(); a != nil && a.StatusAt(o.t) != vocab.ActorActive {
		return false
	}
	lt, ok := o.cache[d.tz]
	if !ok {
		lt = o.t.In(d.tz)
		o.cache[d.tz] = lt
	}
	if !d.hours.OpenAtIn(lt, d.region) {
		return false
	}
	if d.hours.HolidayUnsaid(lt, d.region) {
		o.unsaid[d] = struct{}{}
		return false
	}
	return true
}

// statusSet is the set of slots whose actor has status value at now. The
// index keeps each actor's stored status; a stored temporary closure counts
// only between its dates (models.Actor.StatusAt), evaluated here at query
// time, so a place announced as closing stays found until the closure
// starts and is found again once it ends, without a write or a restart.
// Few places are temporarily closed, so only their slots are visited, and
// the set is memoised: a closure starts and ends at a local midnight, which
// in every time zone falls on a quarter hour, so the set holds for the
// quarter hour it was computed in, until a write changes the table
// (forgetStatus). Computing it for every query cost more than the rest of a
// selective search. The set returned is shared: read it only.
func (t *table) statusSet(value string, now time.Time) *bitset {
	closed := t.set(FieldStatus, vocab.ActorTemporarilyClosed)
	base := t.set(FieldStatus, value)
	if closed == nil || value != vocab.ActorActive && value != vocab.ActorTemporarilyClosed {
		return base
	}
	quarter := now.Unix() / (15 * 60)
	key := statusKey{value, quarter}
	t.statusMu.Lock()
	defer t.statusMu.Unlock()
	if b, ok := t.statusMemo[key]; ok {
		return b
	}
	out := make(bitset, len(t.all))
	if value == vocab.ActorActive && base != nil {
		base.orInto(out)
	}
	closed.each(func(slot uint32) bool {
		if a := t.docs[slot].owner(); a != nil && (a.StatusAt(now) == value) {
			out.set(slot)
		}
		return true
	})
	if t.statusMemo == nil || len(t.statusMemo) >= 64 {
		// open_at asks for other quarters than now's: a bound on them.
		t.statusMemo = map[statusKey]*bitset{}
	}
	t.statusMemo[key] = &out
	return &out
}

// statusKey names a memoised status set: the status and the quarter hour
// (Unix time / 15 minutes) it was computed for.
type statusKey struct {
	value   string
	quarter int64
}

// forgetStatus drops the memoised status sets: the table changed. Called
// under the index's write lock.
func (t *table) forgetStatus() {
	t.statusMu.Lock()
	clear(t.statusMemo)
	t.statusMu.Unlock()
}
