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
	p := &plan{q: q}
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
	consider := func(slot uint32) {
		if !s.filter.has(slot) {
			return
		}
		sp := &t.pos[slot]
		dist := math.NaN()
		placed := r.Near != nil || r.InseeCode != "" || r.PostalCode != ""
		switch {
		case r.RemoteOnly:
		case sp.remoteOnly:
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
		sc, _ := score(&r, t, slot, dist, maxKM, placed, false)
		x := suggestion{slot: slot, score: sc, dist: dist}
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
	placed := r.Near != nil || r.InseeCode != "" || r.PostalCode != ""
	for _, x := range h.items {
		// Reasons are written for the chosen few only: formatting them
		// for every candidate cost more than the scoring.
		_, reasons := score(&r, t, x.slot, x.dist, maxKM, placed, true)
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

// score rates one service for the request and says why, from its data.
// With explain, it also says why; without, it only scores, cheaply.
func score(r *SuggestRequest, t *table, slot uint32, dist, maxKM float64, placed, explain bool) (float64, []Reason) {
	d := t.docs[slot]
	sv := d.svc
	var reasons []Reason
	add := func(code, format string, args ...any) {
		if explain {
			reasons = append(reasons, Reason{Code: code, Text: fmt.Sprintf(format, args...)})
		}
	}
	kinds := vocab.MustGet(vocab.NameServiceKinds)
	total := 0.0

	fit := 0.5
	if r.Profile != "" {
		fit = kindFit[r.Profile][sv.Kind]
	}
	total += 35 * fit
	if r.Profile != "" && fit >= 0.5 {
		add("kind", "%s : adapté à %s", kinds.Label(sv.Kind), profileLabel[r.Profile])
	} else {
		add("kind", "%s", kinds.Label(sv.Kind))
	}

	if len(r.Needs) > 0 {
		met := 0
		for _, n := range r.Needs {
			if sv.Themes.Contains(n) {
				met++
				add("needs", "Répond au besoin : %s", n)
			}
		}
		total += 25 * float64(met) / float64(len(r.Needs))
	} else {
		total += 25
	}

	switch {
	case dist == dist:
		total += 20 * math.Max(0, 1-dist/maxKM)
		if explain {
			add("distance", "À %s km", strings.Replace(fmt.Sprintf("%.1f", roundKM(dist)), ".", ",", 1))
		}
	case sv.Remote && (r.RemoteOnly || d.remoteOnly):
		total += 20
		add("remote", "À distance, sans se déplacer")
	case !placed:
		total += 10
	}

	if suited := accompanimentFit[r.Profile]; len(suited) > 0 {
		for i, mode := range suited {
			if sv.AccompanimentModes.Contains(mode) {
				total += 10 * (1 - 0.3*float64(i))
				add("accompaniment", "%s", mode)
				break
			}
		}
	}

	access := vocab.AccessOnlineBooking
	if r.Profile == ProfileExcluded {
		access = vocab.AccessWalkIn
	}
	if sv.AccessModes.Contains(access) {
		total += 5
		if access == vocab.AccessWalkIn {
			add("access", "Sans rendez-vous : il suffit de se présenter")
		} else {
			add("access", "Rendez-vous en ligne possible")
		}
	}

	free := sv.Fees.Contains(vocab.FeeFree) || sv.Fees.Contains(vocab.FeeFreeUnderCondition)
	switch {
	case sv.Fees.Contains(vocab.FeeFree):
		add("free", "Gratuit")
	case sv.Fees.Contains(vocab.FeeFreeUnderCondition):
		add("free", "Gratuit sous condition")
	}
	if sv.PassNumerique {
		add("pass_numerique", "Accepte le Pass numérique")
	}
	if (free && !r.Free) || sv.PassNumerique {
		total += 5
	} else if r.Free {
		total += 5 // required, so every suggestion has it
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
