package search

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

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

// kindPhrase says what each kind of service is for the person, when it is
// not the kind their profile calls for.
var kindPhrase = map[string]string{
	vocab.KindEquipmentAccess:     "la personne utilise elle-même le matériel en libre accès",
	vocab.KindProceduresDoneFor:   "un aidant fait la démarche à la place de la personne",
	vocab.KindProceduresDoneWith:  "la démarche est faite avec la personne, qui apprend à la faire",
	vocab.KindCollectiveWorkshop:  "on apprend en petit groupe",
	vocab.KindTrainingCourse:      "un parcours de plusieurs séances pour apprendre",
	vocab.KindOneOffHelp:          "une aide courte pour lever un blocage",
	vocab.KindSolidarityEquipment: "du matériel à petit prix ou prêté",
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
	// Hard constraints. Free leaves out the services known to be paid only
	// (Payant without Gratuit or Gratuit sous condition); see Suggest for
	// how conditional and unknown fees are shown and ranked.
	Free            bool
	When            []string // OpenOn* values: open at one of these times
	MaxDistanceKM   float64  // with a place: on-site services within it (default 15, max 100)
	RemoteOnly      bool     // cannot travel: only services given remotely
	AcceptRemote    bool     // services given only remotely are acceptable too
	SpecificSupport []string // every one must be offered
	Languages       []string // one of them must be spoken
	// Referrals keeps the services a referral can be sent to
	// (ReferralsPossible with Teams, the actors with a team).
	Referrals bool
	Teams     map[string]bool
	// Where the person is: a point, or an INSEE or postal code.
	Near       *Point
	InseeCode  string
	PostalCode string
	Limit      int
	// IncludeDuplicates keeps the newer record of each confirmed
	// duplicate link, as Query.IncludeDuplicates does.
	IncludeDuplicates bool

	includeFull bool // a relaxation: services flagged full count
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
	// Relaxations, when nothing matches, say for each hard constraint
	// what relaxing it alone (keeping the others) would give.
	Relaxations []Relaxation
}

// Relaxation is what relaxing one hard constraint alone would give.
type Relaxation struct {
	// Constraint is the request's field: max_distance_km, place, free,
	// when, needs, specific_support, languages, remote_only,
	// accept_remote, or not_full (services flagged full are left out).
	Constraint string
	// Matching counts the services that would then match: for
	// max_distance_km, those within MaxRadiusKM.
	Matching int
	// NearestKM is, for max_distance_km and place, the distance of the
	// nearest service meeting every other constraint; NaN otherwise.
	NearestKM float64
	// Text says it in French for the helper: « Aucune à moins de 15 km ;
	// la plus proche est à 48 km ».
	Text string
}

// Default and maximum travel distance of a suggestion request.
const (
	DefaultSuggestKM   = 15
	DefaultSuggestions = 10
	MaxSuggestions     = 50
)

// With Free, services whose gratuité is conditional and those whose fees are
// unknown are kept (the first may be free for the person; the second often
// are, producers leaving the field empty) but flagged and ranked lower: their
// score is multiplied by these factors.
const (
	freeConditionFactor = 0.9
	feesUnknownFactor   = 0.8
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
//	 5 × fees: Gratuit 1; Gratuit sous condition or the Pass numérique 0.5
//
// Free means no payment. The standard defines « Gratuit sous condition » as
// free under criteria — membership, family situation, an agreement with a
// social body, Pass numériques — so it is free for some people only, and a
// membership fee or a Pass numérique is not free. With Free, a service
// whose fees are Gratuit sous condition (without Gratuit) or unknown is
// kept, with a reason saying what to check, and its score is multiplied by
// 0.9 or 0.8 so that it comes after an equally suited service that is free;
// a service that is only Payant is left out. Ties are broken by id, so the
// order is stable. When nothing matches, Relaxations says what relaxing
// each hard constraint alone would give.
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
	now := m.store.Now()

	var out Suggestions
	h := &suggestHeap{t: t}
	sc := newScorer(&r, t, maxKM)
	t.candidates(&r, maxKM, now, s, func(slot uint32, dist float64) {
		out.Matching++
		score, labelOnly, _ := sc.score(slot, dist, false)
		x := suggestion{slot: slot, score: score, dist: dist, labelOnly: labelOnly}
		if len(h.items) < limit {
			heap.Push(h, x)
		} else if h.better(x, h.items[0]) {
			h.items[0] = x
			heap.Fix(h, 0)
		}
	})
	slices.SortFunc(h.items, func(a, b suggestion) int {
		if h.better(a, b) {
			return -1
		}
		return 1
	})
	for _, x := range h.items {
		// Reasons are written for the chosen few only: formatting them
		// for every candidate cost more than the scoring.
		_, _, reasons := sc.score(x.slot, x.dist, true)
		sg := Suggestion{Service: t.docs[x.slot].svc, Score: math.Round(x.score*10) / 10, Reasons: reasons}
		if x.dist == x.dist {
			d := roundKM(x.dist)
			sg.DistanceKM = &d
		}
		out.Items = append(out.Items, sg)
	}
	if out.Matching == 0 {
		out.Relaxations = t.relax(&r, maxKM, now, s)
	}
	return out, nil
}

// candidates calls fn with each service meeting r's hard constraints and
// its distance (NaN without one), within maxKM of the person (+Inf: any
// distance).
func (t *table) candidates(r *SuggestRequest, maxKM float64, now time.Time, s *scratch, fn func(slot uint32, dist float64)) {
	q := Query{Filters: map[string][]string{}, ExcludeFull: !r.includeFull, IncludeDuplicates: r.IncludeDuplicates}
	if len(r.When) > 0 {
		q.Filters[FieldOpenOn] = r.When
	}
	if len(r.Languages) > 0 {
		q.Filters[FieldLanguages] = r.Languages
	}
	if r.RemoteOnly {
		q.Filters[FieldRemote] = []string{"true"}
	}
	p := &plan{q: q, now: now}
	t.buildFilter(p, s)
	if len(r.Needs) > 0 {
		t.meetingNeeds(r.Needs).andWith(s.filter)
	}
	for _, sup := range r.SpecificSupport { // all of them, unlike search filters
		if b := t.set(FieldSpecificSupport, sup); b != nil {
			b.andWith(s.filter)
		} else {
			clear(s.filter)
		}
	}
	if r.Free {
		// Paid only: Payant without Gratuit or Gratuit sous condition.
		// Unknown fees (none given) stay.
		if paid := t.set(FieldFees, vocab.FeePaid); paid != nil {
			free, cond := t.set(FieldFees, vocab.FeeFree), t.set(FieldFees, vocab.FeeFreeUnderCondition)
			word := func(b *bitset, i int) uint64 {
				if b == nil || i >= len(*b) {
					return 0
				}
				return (*b)[i]
			}
			for i := range min(len(*paid), len(s.filter)) {
				s.filter[i] &^= (*paid)[i] &^ word(free, i) &^ word(cond, i)
			}
		}
	}
	consider := func(slot uint32) {
		if !s.filter.has(slot) || r.Referrals && !ReferralsPossible(t.docs[slot].svc, r.Teams) {
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
		fn(slot, dist)
	}
	switch {
	case r.Near != nil && !r.RemoteOnly && !math.IsInf(maxKM, 1):
		t.geo.within(r.Near.Lat, r.Near.Lon, maxKM, consider)
		if r.AcceptRemote {
			t.remote.each(func(slot uint32) bool { consider(slot); return true })
		}
	default:
		s.filter.each(func(slot uint32) bool { consider(slot); return true })
	}
}

type suggestion struct {
	slot  uint32
	score float64
	dist  float64
	// labelOnly: the needs it meets, it meets by a national label alone
	// (see scorer.score); it comes after the others.
	labelOnly bool
}

type suggestHeap struct {
	t     *table
	items []suggestion
}

func (h *suggestHeap) better(a, b suggestion) bool {
	if a.labelOnly != b.labelOnly {
		return b.labelOnly
	}
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
	r                                  *SuggestRequest
	t                                  *table
	maxKM                              float64
	placed                             bool
	kinds                              []kindSet
	needs                              []*bitset
	needKinds                          [][]needKind // by need: the kinds of place meeting it (placesOfNeed)
	accomp                             []*bitset    // suited accompaniment modes, best first
	access                             *bitset
	accessValue                        string
	free, freeCond, paid, pass, remote *bitset
}

type kindSet struct {
	kind string
	set  *bitset
	fit  float64
}

func newScorer(r *SuggestRequest, t *table, maxKM float64) *scorer {
	sc := &scorer{r: r, t: t, maxKM: maxKM, placed: r.Near != nil || r.InseeCode != "" || r.PostalCode != ""}
	for _, k := range vocab.MustGet(vocab.NameServiceKinds).Values() {
		fit := 0.5
		if r.Profile != "" {
			fit = kindFit[r.Profile][k]
		}
		sc.kinds = append(sc.kinds, kindSet{k, t.set(FieldKind, k), fit})
	}
	for _, n := range r.Needs {
		sc.needs = append(sc.needs, t.set(FieldThemes, n))
		sc.needKinds = append(sc.needKinds, t.placesOfNeed(n))
	}
	for _, mode := range accompanimentFit[r.Profile] {
		sc.accomp = append(sc.accomp, t.set(FieldAccompanimentModes, mode))
	}
	sc.accessValue = vocab.AccessOnlineBooking
	if r.Profile == ProfileExcluded {
		sc.accessValue = vocab.AccessWalkIn
	}
	sc.access = t.set(FieldAccessModes, sc.accessValue)
	sc.free, sc.freeCond, sc.paid = t.set(FieldFees, vocab.FeeFree), t.set(FieldFees, vocab.FeeFreeUnderCondition), t.set(FieldFees, vocab.FeePaid)
	sc.pass, sc.remote = t.set(FieldPassNumerique, "true"), t.set(FieldRemote, "true")
	return sc
}

func in(b *bitset, slot uint32) bool { return b != nil && b.has(slot) }

// score rates one service for the request (see Suggest for the weights);
// with explain, it also says why, in French, from the record's data. Each
// sentence is true of the service it explains: a kind is said to suit the
// profile only when it is the kind that profile needs (fit 1); otherwise
// the sentence says what the kind is. labelOnly says that the needs it
// meets, it meets by a national label alone (needKind.label).
func (sc *scorer) score(slot uint32, dist float64, explain bool) (total float64, labelOnly bool, reasons []Reason) {
	r, t := sc.r, sc.t
	add := func(code, format string, args ...any) {
		if explain {
			reasons = append(reasons, Reason{Code: code, Text: fmt.Sprintf(format, args...)})
		}
	}
	var sv *models.Service
	if explain {
		sv = t.docs[slot].svc
	}
	// A service is found under each kind its accompaniment modes show
	// (ServiceKinds): the one that suits the profile best counts, and is
	// the one explained.
	var best *kindSet
	for i := range sc.kinds {
		if k := &sc.kinds[i]; in(k.set, slot) && (best == nil || k.fit > best.fit) {
			best = k
		}
	}
	if best != nil {
		total += 35 * best.fit
		if explain {
			label := vocab.MustGet(vocab.NameServiceKinds).Label(best.kind)
			if r.Profile != "" && best.fit >= 1 {
				add("kind", "%s : adapté à %s", label, profileLabel[r.Profile])
			} else {
				add("kind", "%s : %s", label, kindPhrase[best.kind])
			}
		}
	}

	if len(r.Needs) > 0 {
		met, byLabel, other := 0.0, 0, 0
		for i, b := range sc.needs {
			if in(b, slot) {
				met++
				other++
				add("needs", "Répond au besoin : %s", r.Needs[i])
				continue
			}
			// Met by what the place is, one step below a
			// declared need, as in search (factorKind).
			if k := sc.metByKind(i, slot); k != nil {
				met += factorKind
				if k.label {
					byLabel++
					add("need_by_kind", "Label %s : répond en principe au besoin « %s », sans le déclarer", k.name, r.Needs[i])
				} else {
					other++
					add("need_by_kind", "%s : répond en principe au besoin « %s », sans le déclarer", k.name, r.Needs[i])
				}
			}
		}
		total += 25 * met / float64(len(r.Needs))
		labelOnly = byLabel > 0 && other == 0
	} else {
		total += 25
	}

	switch {
	case dist == dist:
		total += 20 * math.Max(0, 1-dist/sc.maxKM)
		if explain {
			add("distance", "À %s km", frenchKM(dist))
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

	free, freeCond, paid, pass := in(sc.free, slot), in(sc.freeCond, slot), in(sc.paid, slot), in(sc.pass, slot)
	factor := 1.0
	switch {
	case free:
		total += 5
		add("free", "Gratuit")
	case freeCond:
		total += 2.5
		if r.Free {
			factor = freeConditionFactor
		}
		if explain {
			if d := strings.TrimSpace(sv.FeesDetails); d != "" {
				add("free_condition", "Gratuit sous condition (%s) : vérifier que la personne y a droit", d)
			} else {
				add("free_condition", "Gratuit sous condition (adhésion, situation ou Pass numérique selon les cas) : vérifier que la personne y a droit")
			}
		}
	case paid:
		add("paid", "Payant")
	default:
		if r.Free {
			factor = feesUnknownFactor
			add("fees_unknown", "Tarif non renseigné : vérifier auprès de la structure que c'est gratuit")
		}
	}
	if pass {
		if !free && !freeCond {
			total += 2.5
		}
		add("pass_numerique", "Accepte le Pass numérique")
	}
	total *= factor

	if !explain {
		return total, labelOnly, nil
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
	return total, labelOnly, reasons
}

// metByKind returns the kind of place by which the service in slot meets
// the request's i-th need, nil when none: its name or typology before a
// label (needKind.label), which says less.
func (sc *scorer) metByKind(i int, slot uint32) *needKind {
	var found *needKind
	for k := range sc.needKinds[i] {
		if nk := &sc.needKinds[i][k]; in(nk.set, slot) && (found == nil || found.label && !nk.label) {
			found = nk
		}
	}
	return found
}

// frenchKM writes a distance as French does: « 1,2 ».
func frenchKM(d float64) string {
	return strings.Replace(fmt.Sprintf("%.1f", roundKM(d)), ".", ",", 1)
}

var openOnPhrase = map[string]string{
	OpenOnMonday: "le lundi", OpenOnTuesday: "le mardi", OpenOnWednesday: "le mercredi", OpenOnThursday: "le jeudi",
	OpenOnFriday: "le vendredi", OpenOnSaturday: "le samedi", OpenOnSunday: "le dimanche", OpenOnWeekend: "le week-end",
	OpenOnEvening: "en soirée (après 18 h)", OpenOnLunchtime: "sans fermer le midi (de 12 h 30 à 13 h 30)",
}

// needKind is a kind of place meeting a need by what it is, whether or
// not it declares the need's theme: its name for reasons, and its records.
// label: a national programme's label (France Services, Aidants Connect)
// is all that says so, not the place's name nor its typology. A label
// says a programme is hosted there, not what the place offers: the
// Conseillers numériques' file of 2022 labelled Aidants Connect an Avignon
// association whose later record has no such label and declares no help
// with procedures, and it came first, before a France Services declaring
// that help. Suggest ranks a service meeting the needs by labels alone
// after the others.
type needKind struct {
	name  string
	set   *bitset
	label bool
}

// placesOfNeed returns the kinds of place meeting need by what they are,
// as search reads a need's words: for help with procedures, the desks it
// reads beside a place (procedureDesks: the France Services, labelled,
// of that typology or named so, and the Aidants Connect); for another
// need, the kinds of place the thesaurus relates to it (needKinds: the
// Missions locales, Cap emploi and France Travail for employment), of
// that typology or named so. Orientation filtered on the declared theme
// alone, so « France Services Digne-les-Bains » (the Conseillers
// numériques' two themes) was no answer to help with procedures, and the
// person was sent 25.8 km away (probe 39b, H3).
func (t *table) placesOfNeed(need string) []needKind {
	var out []needKind
	add := func(name string, d lexTarget) {
		b := t.deskSet(d)
		if d.field == FieldNationalProgrammes && d.value == vocab.ProgrammeFranceServices {
			b = t.labelledFranceServices()
		}
		if b != nil && b.count() > 0 {
			out = append(out, needKind{name, b, d.field == FieldNationalProgrammes})
		}
	}
	named := func(key string) {
		add(lex.abbrevNames[key][0], lexTarget{field: FieldNamed, value: key})
	}
	if need == vocab.ThemeAdministrativeProcedures {
		for _, d := range procedureDesks {
			switch d.field {
			case FieldNamed:
				named(d.value)
			case FieldTypologies:
				add(vocab.MustGet(vocab.NameTypologies).Label(d.value), d)
			default:
				add(d.value, d)
			}
		}
		return out
	}
	for _, k := range needKindsOf()[vocab.Target{Vocabulary: vocab.NameThemes, Value: need}] {
		add(vocab.MustGet(vocab.NameTypologies).Label(k.Value), lexTarget{field: FieldTypologies, value: k.Value})
		for _, key := range lex.typologyKeys[k.Value] {
			if strings.HasPrefix(key.term, abbrevPrefix) {
				named(key.term[len(abbrevPrefix):])
			}
		}
	}
	return out
}

// meetingNeeds is the set of the services meeting at least one of needs:
// declaring it, or of a kind of place meeting it (placesOfNeed).
func (t *table) meetingNeeds(needs []string) bitset {
	out := make(bitset, len(t.all))
	for _, n := range needs {
		if b := t.set(FieldThemes, n); b != nil {
			b.orInto(out)
		}
		for _, k := range t.placesOfNeed(n) {
			k.set.orInto(out)
		}
	}
	return out
}
