package search

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"carnet/models"
	"carnet/models/vocab"
)

// The three profiles of people in digital difficulty (WeTechCare, 2017).
const (
	ProfileExcluded = "excluded" // needs someone to do it for them
	ProfileBeginner = "beginner" // can learn: needs training
	ProfileHesitant = "hesitant" // some skills, lacks confidence: a one-off boost, done with them
)

// Profiles lists the accepted profiles.
var Profiles = []string{ProfileExcluded, ProfileBeginner, ProfileHesitant}

// kindFit says how well each kind of service suits a profile (0 to 1).
var kindFit = map[string]map[string]float64{
	ProfileExcluded: {vocab.KindProceduresDoneFor: 1, vocab.KindProceduresDoneWith: 0.5, vocab.KindOneOffHelp: 0.4,
		vocab.KindSolidarityEquipment: 0.3, vocab.KindEquipmentAccess: 0.1},
	ProfileBeginner: {vocab.KindTrainingCourse: 1, vocab.KindCollectiveWorkshop: 1, vocab.KindProceduresDoneWith: 0.5,
		vocab.KindOneOffHelp: 0.5, vocab.KindSolidarityEquipment: 0.4, vocab.KindEquipmentAccess: 0.2},
	ProfileHesitant: {vocab.KindOneOffHelp: 1, vocab.KindProceduresDoneWith: 1, vocab.KindCollectiveWorkshop: 0.6,
		vocab.KindTrainingCourse: 0.4, vocab.KindEquipmentAccess: 0.5, vocab.KindSolidarityEquipment: 0.4},
}

// accompanimentFit is the accompaniment mode that suits each profile best.
var accompanimentFit = map[string][]string{
	ProfileExcluded: {vocab.AccompanimentIndividual},
	ProfileBeginner: {vocab.AccompanimentWorkshop, vocab.AccompanimentIndividual},
	ProfileHesitant: {vocab.AccompanimentIndividual, vocab.AccompanimentWorkshop},
}

var profileLabel = map[string]string{
	ProfileExcluded: "une personne qui a besoin qu'on fasse pour elle",
	ProfileBeginner: "une personne qui veut apprendre",
	ProfileHesitant: "une personne qui a besoin d'un coup de pouce",
}

// SuggestRequest describes a person's situation, without identifying data.
type SuggestRequest struct {
	Profile string   // one of Profiles, or "" when unknown
	Needs   []string // themes; a suggestion meets at least one
	// Hard constraints.
	Free            bool     // fees include Gratuit or Gratuit sous condition
	When            []string // OpenOn* values: open at one of these times
	MaxDistanceKM   float64  // with a place: on-site services within it (default 15, max 100)
	RemoteOnly      bool     // cannot travel: only services given remotely
	AcceptRemote    bool     // services given only remotely are acceptable too
	SpecificSupport []string // every one must be offered
	Languages       []string // one of them must be spoken
	// Where the person is: a point, or an INSEE or postal code.
	Near       *Point
	InseeCode  string
	PostalCode string
	Limit      int
}

// Suggestion is one suggested service with why it was chosen.
type Suggestion struct {
	Service    *models.Service
	Score      float64 // 0 to 100
	DistanceKM *float64
	Reasons    []Reason
}

// Reason is one explained match, in French.
type Reason struct {
	Code string
	Text string
}

// Suggestions is the ranked answer.
type Suggestions struct {
	Items []Suggestion
	// Matching counts the services meeting every hard constraint.
	Matching int
}

// Default and maximum travel distance of a suggestion request.
const (
	DefaultSuggestKM   = 15
	DefaultSuggestions = 10
	MaxSuggestions     = 50
)

// Suggest implements Engine. Hard constraints filter; the score ranks what
// remains, out of 100:
//
//	35 × fit of the service's kind to the profile (kindFit; 0.5 when no profile)
//	25 × share of the needs the service's themes cover (25 without needs)
//	20 × proximity: 1 − distance / max distance; a remote service when the
//	     person cannot travel counts 1, without a place 0.5
//	10 × accompaniment mode suited to the profile (individual for excluded
//	     and hesitant people, workshop for beginners)
//	 5 × walk-in access (Se présenter) for excluded people, who rarely book
//	     online; online booking for the others
//	 5 × free (when not already required) or Pass numérique accepted
//
// Ties are broken by id, so the order is stable.
func (m *Memory) Suggest(ctx context.Context, r SuggestRequest) (Suggestions, error) {
	if r.Profile != "" && !slices.Contains(Profiles, r.Profile) {
		return Suggestions{}, &models.Error{Code: models.EINVALID, Message: "The situation is invalid.",
			Fields: []models.FieldError{{Field: "profile", Reason: "must be one of " + strings.Join(Profiles, ", ")}}}
	}
	limit := r.Limit
	if limit <= 0 {
		limit = DefaultSuggestions
	}
	limit = min(limit, MaxSuggestions)
	maxKM := r.MaxDistanceKM
	if maxKM <= 0 {
		maxKM = DefaultSuggestKM
	}
	maxKM = min(maxKM, MaxRadiusKM)

	s := m.getScratch()
	defer m.putScratch(s)
	m.mu.RLock()
	defer m.mu.RUnlock()
	t := m.services
	q := Query{Filters: map[string][]string{}, ExcludeFull: true}
	if len(r.Needs) > 0 {
		q.Filters[FieldThemes] = r.Needs
	}
	if r.Free {
		q.Filters[FieldFees] = []string{vocab.FeeFree, vocab.FeeFreeUnderCondition}
	}
	if len(r.When) > 0 {
		q.Filters[FieldOpenOn] = r.When
	}
	if len(r.Languages) > 0 {
		q.Filters[FieldLanguages] = r.Languages
	}
	if r.RemoteOnly {
		q.Filters[FieldRemote] = []string{"true"}
	}
	p := &plan{q: q, now: m.store.Now()}
	t.buildFilter(p, s)
	for _, sup := range r.SpecificSupport { // all of them, unlike search filters
		if b := t.set(FieldSpecificSupport, sup); b != nil {
			b.andWith(s.filter)
		} else {
			clear(s.filter)
		}
	}

	var out Suggestions
	h := &suggestHeap{t: t}
	sc := newScorer(&r, t, maxKM)
	consider := func(slot uint32) {
		if !s.filter.has(slot) {
			return
		}
		dist := math.NaN()
		switch {
		case r.RemoteOnly:
		case t.remote.has(slot):
			if !r.AcceptRemote {
				return
			}
		case r.Near != nil:
			dist = t.distance(slot, r.Near)
			if math.IsNaN(dist) || dist > maxKM {
				return
			}
		case r.InseeCode != "" && t.docs[slot].insee != r.InseeCode, r.PostalCode != "" && t.docs[slot].postal != r.PostalCode:
			return
		}
		out.Matching++
		score, _ := sc.score(slot, dist, false)
		x := suggestion{slot: slot, score: score, dist: dist}
		if len(h.items) < limit {
			heap.Push(h, x)
		} else if h.better(x, h.items[0]) {
			h.items[0] = x
			heap.Fix(h, 0)
		}
	}
	switch {
	case r.Near != nil && !r.RemoteOnly:
		t.geo.within(r.Near.Lat, r.Near.Lon, maxKM, consider)
		if r.AcceptRemote {
			t.remote.each(func(slot uint32) bool { consider(slot); return true })
		}
	default:
		s.filter.each(func(slot uint32) bool { consider(slot); return true })
	}
	slices.SortFunc(h.items, func(a, b suggestion) int {
		if h.better(a, b) {
			return -1
		}
		return 1
	})
	for _, x := range h.items {
		// Reasons are written for the chosen few only: formatting them
		// for every candidate cost more than the scoring.
		_, reasons := sc.score(x.slot, x.dist, true)
		sg := Suggestion{Service: t.docs[x.slot].svc, Score: math.Round(x.score*10) / 10, Reasons: reasons}
		if x.dist == x.dist {
			d := roundKM(x.dist)
			sg.DistanceKM = &d
		}
		out.Items = append(out.Items, sg)
	}
	return out, nil
}

type suggestion struct {
	slot  uint32
	score float64
	dist  float64
}

type suggestHeap struct {
	t     *table
	items []suggestion
}

func (h *suggestHeap) better(a, b suggestion) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return h.t.docs[a.slot].id < h.t.docs[b.slot].id
}
func (h *suggestHeap) Len() int           { return len(h.items) }
func (h *suggestHeap) Less(i, j int) bool { return h.better(h.items[j], h.items[i]) }
func (h *suggestHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *suggestHeap) Push(x any)         { h.items = append(h.items, x.(suggestion)) }
func (h *suggestHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// scorer holds, for one request, the value sets the score reads: scoring
// thousands of candidates then tests bits instead of reading each record.
type scorer struct {
	r                            *SuggestRequest
	t                            *table
	maxKM                        float64
	placed                       bool
	kinds                        []kindSet
	needs                        []*bitset
	accomp                       []*bitset // suited accompaniment modes, best first
	access                       *bitset
	accessValue                  string
	free, freeCond, pass, remote *bitset
}

type kindSet struct {
	set *bitset
	fit float64
}

func newScorer(r *SuggestRequest, t *table, maxKM float64) *scorer {
	sc := &scorer{r: r, t: t, maxKM: maxKM, placed: r.Near != nil || r.InseeCode != "" || r.PostalCode != ""}
	for _, k := range vocab.MustGet(vocab.NameServiceKinds).Values() {
		fit := 0.5
		if r.Profile != "" {
			fit = kindFit[r.Profile][k]
		}
		sc.kinds = append(sc.kinds, kindSet{t.set(FieldKind, k), fit})
	}
	for _, n := range r.Needs {
		sc.needs = append(sc.needs, t.set(FieldThemes, n))
	}
	for _, mode := range accompanimentFit[r.Profile] {
		sc.accomp = append(sc.accomp, t.set(FieldAccompanimentModes, mode))
	}
	sc.accessValue = vocab.AccessOnlineBooking
	if r.Profile == ProfileExcluded {
		sc.accessValue = vocab.AccessWalkIn
	}
	sc.access = t.set(FieldAccessModes, sc.accessValue)
	sc.free, sc.freeCond = t.set(FieldFees, vocab.FeeFree), t.set(FieldFees, vocab.FeeFreeUnderCondition)
	sc.pass, sc.remote = t.set(FieldPassNumerique, "true"), t.set(FieldRemote, "true")
	return sc
}

func in(b *bitset, slot uint32) bool { return b != nil && b.has(slot) }

// score rates one service for the request (see Suggest for the weights);
// with explain, it also says why, in French, from the record's data.
func (sc *scorer) score(slot uint32, dist float64, explain bool) (float64, []Reason) {
	r, t := sc.r, sc.t
	var reasons []Reason
	add := func(code, format string, args ...any) {
		if explain {
			reasons = append(reasons, Reason{Code: code, Text: fmt.Sprintf(format, args...)})
		}
	}
	var sv *models.Service
	if explain {
		sv = t.docs[slot].svc
	}
	total := 0.0

	for _, k := range sc.kinds {
		if in(k.set, slot) {
			total += 35 * k.fit
			if explain {
				label := vocab.MustGet(vocab.NameServiceKinds).Label(sv.Kind)
				if r.Profile != "" && k.fit >= 0.5 {
					add("kind", "%s : adapté à %s", label, profileLabel[r.Profile])
				} else {
					add("kind", "%s", label)
				}
			}
			break
		}
	}

	if len(r.Needs) > 0 {
		met := 0
		for i, b := range sc.needs {
			if in(b, slot) {
				met++
				add("needs", "Répond au besoin : %s", r.Needs[i])
			}
		}
		total += 25 * float64(met) / float64(len(r.Needs))
	} else {
		total += 25
	}

	switch {
	case dist == dist:
		total += 20 * math.Max(0, 1-dist/sc.maxKM)
		if explain {
			add("distance", "À %s km", strings.Replace(fmt.Sprintf("%.1f", roundKM(dist)), ".", ",", 1))
		}
	case in(sc.remote, slot) && (r.RemoteOnly || t.remote.has(slot)):
		total += 20
		add("remote", "À distance, sans se déplacer")
	case !sc.placed:
		total += 10
	}

	for i, b := range sc.accomp {
		if in(b, slot) {
			total += 10 * (1 - 0.3*float64(i))
			add("accompaniment", "%s", accompanimentFit[r.Profile][i])
			break
		}
	}

	if in(sc.access, slot) {
		total += 5
		if sc.accessValue == vocab.AccessWalkIn {
			add("access", "Sans rendez-vous : il suffit de se présenter")
		} else {
			add("access", "Rendez-vous en ligne possible")
		}
	}

	free, freeCond, pass := in(sc.free, slot), in(sc.freeCond, slot), in(sc.pass, slot)
	switch {
	case free:
		add("free", "Gratuit")
	case freeCond:
		add("free", "Gratuit sous condition")
	}
	if pass {
		add("pass_numerique", "Accepte le Pass numérique")
	}
	// Free when not required, or the Pass numérique; when free is
	// required every suggestion has it.
	if free || freeCond || pass || r.Free {
		total += 5
	}

	if !explain {
		return total, nil
	}
	for _, w := range r.When {
		if t.has(slot, FieldOpenOn, w) {
			add("open", "Ouvert %s", openOnPhrase[w])
		}
	}
	for _, sup := range r.SpecificSupport {
		add("support", "Prise en charge spécifique : %s", sup)
	}
	langs := vocab.MustGet(vocab.NameLanguages)
	for _, l := range r.Languages {
		if sv.Languages.Contains(l) {
			add("language", "Service possible en %s", strings.ToLower(langs.Label(l)))
		}
	}
	return total, reasons
}

var openOnPhrase = map[string]string{
	OpenOnMonday: "le lundi", OpenOnTuesday: "le mardi", OpenOnWednesday: "le mercredi", OpenOnThursday: "le jeudi",
	OpenOnFriday: "le vendredi", OpenOnSaturday: "le samedi", OpenOnSunday: "le dimanche", OpenOnWeekend: "le week-end",
	OpenOnEvening: "en soirée (après 18 h)", OpenOnLunchtime: "entre 12 h et 14 h",
}
