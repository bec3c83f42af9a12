package handlers

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/ident"
	"carnet/models/search"
	"carnet/models/vocab"
)

// OrientationRequest describes a person's situation. It carries no
// identifying data: no name, no contact, no birth date (unknown fields are
// refused).
type OrientationRequest struct {
	// excluded: needs someone to do it for them; beginner: wants to learn;
	// hesitant: some skills, needs a confidence boost. Omit when unknown.
	Profile string `json:"profile,omitempty" enums:"excluded,beginner,hesitant" example:"excluded"`
	// What the person needs help with; a suggestion meets at least one.
	Needs       []string                `json:"needs,omitempty" validate:"max=20" extensions:"x-vocabulary=themes" example:"Aide aux démarches administratives"`
	Constraints *OrientationConstraints `json:"constraints,omitempty"`
	Place       *OrientationPlace       `json:"place,omitempty"`
	// How many suggestions (default 10, at most 50).
	Limit *int `json:"limit,omitempty" minimum:"1" maximum:"50" example:"10"`
	// Show every record: the newer record of a confirmed duplicate link
	// (left out otherwise: a place a coordinator confirmed is one place),
	// and both records of a suggested link, each as its own suggestion
	// (otherwise the better-ranked one is kept and names the other in
	// also_listed_as), as search's include_duplicates=true.
	IncludeDuplicates bool `json:"include_duplicates,omitempty"`
}

// OrientationConstraints are hard filters: a service that breaks one is not
// suggested.
type OrientationConstraints struct {
	// No payment: services known to be paid only (Payant without Gratuit
	// or Gratuit sous condition) are left out. Gratuit sous condition
	// (membership, situation, Pass numérique…) and unknown fees are kept,
	// flagged in the reasons (free_condition, fees_unknown) and ranked lower.
	Free bool `json:"free,omitempty"`
	// Open at one of these times (open_on values of the search).
	When []string `json:"when,omitempty" validate:"max=10" enums:"monday,tuesday,wednesday,thursday,friday,saturday,sunday,weekend,evening,lunchtime" example:"saturday"`
	// With a place: how far the person can go (default 15 km; from 0.1 to
	// 100).
	MaxDistanceKM *float64 `json:"max_distance_km,omitempty" minimum:"0.1" maximum:"100" example:"5"`
	// The person cannot travel: only services given remotely.
	RemoteOnly bool `json:"remote_only,omitempty"`
	// Services given only remotely are acceptable too (absent: false).
	// false with remote_only true is a contradiction, refused (422).
	AcceptRemote *bool `json:"accept_remote,omitempty"`
	// Every one of these must be offered.
	SpecificSupport []string `json:"specific_support,omitempty" validate:"max=20" extensions:"x-vocabulary=specific_support" example:"Surdité"`
	// One of these must be spoken.
	Languages []string `json:"languages,omitempty" validate:"max=20" extensions:"x-vocabulary=languages" example:"ar"`
	// Only services a referral can be sent to now (referrals_possible:
	// open to referrals, with someone of the structure in Carnet to read
	// them).
	AcceptsReferrals bool `json:"accepts_referrals,omitempty"`
}

// OrientationPlace is where the person is: coordinates, or a commune (its
// INSEE code places the person at the commune's centre).
type OrientationPlace struct {
	Latitude   *float64 `json:"latitude,omitempty" example:"43.2965" minimum:"-90" maximum:"90"`
	Longitude  *float64 `json:"longitude,omitempty" example:"5.3698" minimum:"-180" maximum:"180"`
	InseeCode  string   `json:"insee_code,omitempty" example:"13055"`
	PostalCode string   `json:"postal_code,omitempty" example:"13001"`
}

// OrientationReason is one explained match.
type OrientationReason struct {
	// no_team: nobody of the structure is in Carnet to read a referral
	// (« Pas d'équipe sur Carnet : contacter par téléphone »);
	// referrals_closed: the structure takes no referral at the moment;
	// hours_differ: a record of the same place from another source
	// (also_listed_as) gives other hours (« Horaires différents selon la
	// source : vérifier »).
	Code string `json:"code" enums:"kind,needs,need_by_kind,distance,remote,accompaniment,access,free,free_condition,paid,fees_unknown,pass_numerique,open,support,language,no_team,referrals_closed,hours_differ" example:"distance"`
	// A French sentence built from the service's data.
	Text string `json:"text" example:"À 1,2 km"`
}

// OrientationSuggestion is one suggested service.
type OrientationSuggestion struct {
	Service Service `json:"service"`
	// 0 to 100; see the endpoint's description for the scoring.
	Score float64 `json:"score" example:"83.5"`
	// null without a place, or for a remote service.
	DistanceKM *float64            `json:"distance_km" extensions:"x-nullable" example:"1.2"`
	Reasons    []OrientationReason `json:"reasons"`
	// Whether a referral can be sent to it now (see ServiceHit); the
	// service's accepts_referrals is what its structure declared.
	ReferralsPossible bool `json:"referrals_possible"`
	// The same place as other sources hold it (a suggested duplicate link
	// between the structures, not decided yet), left out of the list so
	// that a person does not see one place twice; [] for none, and always
	// with include_duplicates true.
	AlsoListedAs []AlsoListedAs `json:"also_listed_as"`
}

// OrientationMeta describes the answer.
type OrientationMeta struct {
	// Services meeting every constraint; data holds the best of them.
	Matching int `json:"matching" example:"12"`
	// The commune whose centre distances are measured from, when the
	// place is an insee_code or a postal_code alone; null with
	// coordinates. A postal code of several communes stands for its most
	// populous one (16700: Ruffec), or the arrondissement it names (13002).
	MeasuredFrom *OrientationOrigin `json:"measured_from" extensions:"x-nullable"`
	// When nothing matches: for each hard constraint, what relaxing it
	// alone (keeping the others) would give, most results first. Empty
	// otherwise.
	Relaxations []OrientationRelaxation `json:"relaxations"`
}

// OrientationOrigin is the commune a place given by code stands for.
type OrientationOrigin struct {
	InseeCode string  `json:"insee_code" example:"16292"`
	Name      string  `json:"name" example:"Ruffec"`
	Latitude  float64 `json:"latitude" example:"46.0297"`
	Longitude float64 `json:"longitude" example:"0.1986"`
	// The same in French, for the helper.
	Text string `json:"text" example:"Distances mesurées depuis le centre de Ruffec (16292)"`
}

// measuredFrom is the commune a place without coordinates stands for (see
// OrientationMeta.MeasuredFrom), as toEngine places the person.
func measuredFrom(p *OrientationPlace) *OrientationOrigin {
	if p == nil || p.Latitude != nil {
		return nil
	}
	var c *commune.Commune
	switch {
	case p.InseeCode != "":
		c = commune.ByCode(p.InseeCode)
	case p.PostalCode != "":
		c = commune.ForPostalCode(p.PostalCode)
	}
	if c == nil || !c.HasCentre {
		return nil
	}
	return &OrientationOrigin{InseeCode: c.Code, Name: c.Name, Latitude: c.Lat, Longitude: c.Lon,
		Text: fmt.Sprintf("Distances mesurées depuis le centre de %s (%s)", c.Name, c.Code)}
}

// noReferralReason says why no referral can be sent to a suggested
// service, and what to do instead: probe 39b M1 found every imported
// service proposed for a referral that POST /api/v1/referrals refused.
func noReferralReason(sv *models.Service) OrientationReason {
	if sv.ReferralsClosed {
		return OrientationReason{Code: "referrals_closed", Text: "Ne prend pas d'orientation via Carnet pour l'instant : contacter la structure"}
	}
	return OrientationReason{Code: "no_team", Text: "Pas d'équipe sur Carnet : contacter par téléphone"}
}

// OrientationRelaxation is what relaxing one hard constraint alone gives.
type OrientationRelaxation struct {
	// The constraint: a field of constraints, place (the commune given),
	// or not_full (services flagged full, which are left out).
	Constraint string `json:"constraint" enums:"max_distance_km,place,free,when,needs,specific_support,languages,remote_only,accept_remote,not_full,accepts_referrals" example:"max_distance_km"`
	// Services that would then match; for max_distance_km and place,
	// those within 100 km (the largest max_distance_km).
	Matching int `json:"matching" example:"23"`
	// For max_distance_km and place: the distance of the nearest service
	// meeting every other constraint (from the commune's centre for
	// place), in km; null otherwise. Beyond 100 km the text does not
	// propose it (« Aucune à moins de 100 km : élargir la distance ne
	// suffit pas »).
	NearestKM *float64 `json:"nearest_km" extensions:"x-nullable" example:"48.2"`
	// The same in French, for the helper.
	Text string `json:"text" example:"Aucune à moins de 15 km ; la plus proche est à 48,2 km, et 23 sont à moins de 100 km"`
}

// OrientationList is the ranked answer.
type OrientationList struct {
	Data []OrientationSuggestion `json:"data"`
	Meta OrientationMeta         `json:"meta"`
}

// toEngine validates the request and converts it.
func (in *OrientationRequest) toEngine() (search.SuggestRequest, error) {
	var fe models.FieldErrors
	r := search.SuggestRequest{Profile: in.Profile, IncludeDuplicates: in.IncludeDuplicates}
	// 0 given is not « absent »: it was read as the default (10
	// suggestions, 15 km) while the schema's minimum refuses it.
	if in.Limit != nil {
		r.Limit = *in.Limit
	}
	if in.Profile != "" && !slices.Contains(search.Profiles, in.Profile) {
		fe.Add("profile", "must be one of "+strings.Join(search.Profiles, ", "))
	}
	if in.Limit != nil && (*in.Limit < 1 || *in.Limit > search.MaxSuggestions) {
		fe.Addf("limit", "must be from 1 to %d", search.MaxSuggestions)
	}
	r.Needs = vocabField(&fe, "needs", vocab.NameThemes, in.Needs)
	if c := in.Constraints; c != nil {
		r.Free, r.RemoteOnly, r.AcceptRemote = c.Free, c.RemoteOnly, c.AcceptRemote != nil && *c.AcceptRemote
		// A person who can only be helped remotely, and who does not
		// accept remote help: nothing can match, and the empty answer
		// blamed the needs. The pointer tells false sent from absent.
		if c.RemoteOnly && c.AcceptRemote != nil && !*c.AcceptRemote {
			fe.Add("constraints.remote_only", "contradicts accept_remote false: only remote services, none of them accepted; leave accept_remote out (or true) with remote_only")
			fe.Add("constraints.accept_remote", "is false with remote_only true, which asks for remote services only; leave it out")
		}
		for i, w := range c.When {
			if !slices.Contains(search.OpenOnValues, w) {
				fe.Addf(fmt.Sprintf("constraints.when[%d]", i), "must be one of %s", strings.Join(search.OpenOnValues, ", "))
			}
		}
		r.When = c.When
		if d := c.MaxDistanceKM; d != nil {
			if *d < 0.1 || *d > search.MaxRadiusKM || math.IsNaN(*d) {
				fe.Add("constraints.max_distance_km", "must be from 0.1 to 100 (omit it for 15 km)")
			}
			r.MaxDistanceKM = *d
		}
		r.SpecificSupport = vocabField(&fe, "constraints.specific_support", vocab.NameSpecificSupport, c.SpecificSupport)
		r.Languages = vocabField(&fe, "constraints.languages", vocab.NameLanguages, c.Languages)
		r.Referrals = c.AcceptsReferrals
	}
	if p := in.Place; p != nil {
		// Corsica's codes in lower case (« 2a004 ») are read as the
		// lists' commune= filter reads them.
		p.InseeCode, p.PostalCode = strings.ToUpper(strings.TrimSpace(p.InseeCode)), strings.TrimSpace(p.PostalCode)
		switch {
		case (p.Latitude == nil) != (p.Longitude == nil):
			fe.Add("place.latitude", "latitude and longitude go together")
		case p.Latitude != nil && (*p.Latitude < -90 || *p.Latitude > 90 || *p.Longitude < -180 || *p.Longitude > 180):
			fe.Add("place.latitude", "must be a WGS 84 position (latitude -90 to 90, longitude -180 to 180)")
		case p.Latitude != nil && swappedPoint(*p.Latitude, *p.Longitude):
			fe.Add("place.latitude", "latitude and longitude look swapped: the point is in France the other way round")
		case p.Latitude != nil:
			r.Near = &search.Point{Lat: *p.Latitude, Lon: *p.Longitude}
		}
		// A code of no commune is refused, as search's commune= refuses
		// it: read as a filter, it found nothing, and the answer blamed
		// the need (« Aucune ne répond à ce besoin »).
		switch {
		case p.InseeCode == "":
		case !ident.ValidINSEE(p.InseeCode):
			fe.Add("place.insee_code", "must be an INSEE commune code such as 13055")
		case commune.ByCode(p.InseeCode) == nil:
			fe.Add("place.insee_code", "is the code of no commune of the official reference (see GET /api/v1/communes?q=)")
		}
		switch {
		case p.PostalCode == "":
		case !ident.ValidPostalCode(p.PostalCode):
			fe.Add("place.postal_code", "must be a postal code of 5 digits")
		case len(commune.ByPostalCode(p.PostalCode)) == 0:
			fe.Add("place.postal_code", "is the postal code of no commune of the official reference (see GET /api/v1/communes?q=)")
		}
		if len(fe) == 0 {
			placeAgreement(&fe, p)
		}
		r.InseeCode, r.PostalCode = p.InseeCode, p.PostalCode
		// A commune without coordinates places the person at its centre:
		// the places around it count (borders do not stop people), and
		// Paris, Lyon or Marseille is the whole city, not one code.
		if r.Near == nil && p.InseeCode != "" {
			if c := commune.ByCode(p.InseeCode); c != nil && c.HasCentre {
				r.Near, r.InseeCode = &search.Point{Lat: c.Lat, Lon: c.Lon}, ""
			}
		}
		// So does a postal code alone, at its commune's centre (the one
		// the relaxations measure from, search.CommuneCentre):
		// read as a filter, it ignored max_distance_km, and the places a
		// street away under another code were left out.
		if r.Near == nil && r.InseeCode == "" && p.PostalCode != "" {
			if pt := search.CommuneCentre("", p.PostalCode); pt != nil {
				r.Near, r.PostalCode = pt, ""
			}
		}
	}
	if r.MaxDistanceKM > 0 && r.Near == nil && r.InseeCode == "" && r.PostalCode == "" {
		// Without a place the distance measures nothing: it was ignored.
		fe.Add("constraints.max_distance_km", "needs a place to measure from (place.latitude and place.longitude, place.insee_code or place.postal_code)")
	}
	return r, fe.Err("The situation is invalid.")
}

// placeAgreement refuses a place whose parts name different places: an
// INSEE code and a postal code of another commune, or a point far from the
// commune they name. One of them was read and the others ignored without
// a word (13055 with 06000 answered for Marseille; 13055 with a point in
// Paris, for Paris), so the suggestions were for a place the helper did
// not mean. The distance is the import's tolerance for a point in its
// commune (35 km from the centre; 200 km in French Guiana).
func placeAgreement(fe *models.FieldErrors, p *OrientationPlace) {
	var city *commune.Commune
	if p.InseeCode != "" {
		city = commune.ByCode(p.InseeCode)
	}
	if city != nil && p.PostalCode != "" && !slices.ContainsFunc(commune.ByPostalCode(p.PostalCode), func(c *commune.Commune) bool {
		return c.Code == city.Code || c.CityCode() == city.CityCode()
	}) {
		fe.Addf("place.postal_code", "is not a postal code of %s (%s): %s; send one of them, or both of the same commune", city.Name, city.Code, strings.Join(city.PostalCodes, ", "))
		return
	}
	if p.Latitude == nil {
		return
	}
	near := func(c *commune.Commune) bool {
		tolerance := 35.0
		if c.Departement == "973" {
			tolerance = 200
		}
		return !c.HasCentre || commune.DistanceKm(*p.Latitude, *p.Longitude, c.Lat, c.Lon) <= tolerance
	}
	switch {
	case city != nil && !near(city):
		fe.Addf("place.latitude", "the point is %.0f km from %s (insee_code %s): send one of them, or both of the same place",
			commune.DistanceKm(*p.Latitude, *p.Longitude, city.Lat, city.Lon), city.Name, city.Code)
	case city == nil && p.PostalCode != "" && !slices.ContainsFunc(commune.ByPostalCode(p.PostalCode), near):
		fe.Addf("place.latitude", "the point is far from every commune of postal code %s: send one of them, or both of the same place", p.PostalCode)
	}
}

// vocabField canonicalises values of a vocabulary, reporting unknown ones.
func vocabField(fe *models.FieldErrors, field, name string, in []string) []string {
	v := vocab.MustGet(name)
	var out []string
	for i, s := range in {
		c, ok := v.Normalize(s)
		if !ok {
			fe.Addf(fmt.Sprintf("%s[%d]", field, i), "%q is not a value of the %s vocabulary (see GET /api/v1/vocabularies/%s)", clip(s), name, name)
			continue
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// OrientationSuggestions godoc
//
//	@ID			suggestOrientation
//	@Summary		Suggest services for a person's situation
//	@Description	Orientation: returns the services that suit a person, best first, each with the reasons it was chosen (French sentences built from the data). The body describes a situation, never a person: unknown fields (a name, a phone…) are refused. Constraints are hard filters: needs (at least one met: a theme declared, or by the kind of place), free, when (open at one of these times), max_distance_km around the place (default 15), remote_only, accept_remote, specific_support (all), languages (one); services flagged full and places not open are left out. free means no payment: a service known to be paid only is left out; the standard's « Gratuit sous condition » (free under criteria: membership, situation, Pass numérique…) and unknown fees are kept, flagged in the reasons (free_condition, fees_unknown: what to check) and their score multiplied by 0.9 and 0.8. The remaining services are scored out of 100: 35 × fit of the service's kind to the profile (excluded: doing it for them first; beginner: training courses and workshops; hesitant: one-off help and doing it with them; a service counts under each kind its accompaniment modes show), 25 × share of the needs met (a need met only by the kind of place — a France Services or an Aidants Connect for procedures, labelled or so named; a Mission locale, Cap emploi or France Travail for employment — counts 0.8: reason need_by_kind; the Conseillers numériques programme's own « France Services » label on its files, its programme's name « Conseiller numérique France Services », does not count), 20 × proximity (1 − distance / max distance), 10 × accompaniment mode suited to the profile, 5 × walk-in access for excluded people (online booking for the others), 5 × fees (Gratuit 1, Gratuit sous condition or Pass numérique 0.5). A service meeting the needs by a national label alone (reason need_by_kind « Label Aidants Connect : … » or « Label France Services : … »: no theme declared, no name nor typology saying so) comes after the others, whatever its score. Ties are broken by id. When nothing matches, meta.relaxations says for each hard constraint what relaxing it alone would give (« Aucune à moins de 15 km ; la plus proche est à 48 km »; beyond 100 km « Aucune à moins de 100 km : élargir la distance ne suffit pas »), telling apart places declaring no language (« 15 sans langue indiquée ») and places without known hours (« 3 le sont en semaine, 4 sans horaires connus »). A place confirmed as the same as another record is suggested once, in its kept record; a place two sources hold whose link is only suggested (nobody decided yet) is suggested once too, in its better-ranked record, which names the others in also_listed_as (producer, dates, hours_differ) and, when their hours differ, says so (reason hours_differ, « Horaires différents selon la source : vérifier »): a person did not know which of two hours to trust. include_duplicates true shows every record, each its own suggestion.
//	@Tags			orientation
//	@Accept			json
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			situation	body		OrientationRequest	true	"The person's situation, without identifying data"
//	@Success		200			{object}	OrientationList
//	@Failure		400			{object}	Problem	"Malformed JSON or an unknown field"
//	@Failure		401			{object}	Problem	"A token was sent but is invalid"
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem	"An invalid value"
//	@Router			/api/v1/orientation/suggestions [post]
func (h *Handler) OrientationSuggestions(c *gin.Context) error {
	var in OrientationRequest
	if err := decodeReadJSON(c, &in); err != nil {
		return err
	}
	r, err := in.toEngine()
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	if r.Referrals {
		if r.Teams, err = h.Store.ActorsWithTeam(ctx, nil); err != nil {
			return err
		}
	}
	res, also, err := h.suggestOnce(ctx, r)
	if err != nil {
		return err
	}
	items := make([]*models.Service, len(res.Items))
	for i, s := range res.Items {
		items[i] = s.Service
	}
	teams, err := h.teamsOf(ctx, items)
	if err != nil {
		return err
	}
	out := OrientationList{Data: make([]OrientationSuggestion, len(res.Items)),
		Meta: OrientationMeta{Matching: res.Matching, MeasuredFrom: measuredFrom(in.Place), Relaxations: make([]OrientationRelaxation, len(res.Relaxations))}}
	for i, rx := range res.Relaxations {
		out.Meta.Relaxations[i] = OrientationRelaxation{Constraint: rx.Constraint, Matching: rx.Matching, Text: rx.Text}
		if !math.IsNaN(rx.NearestKM) {
			km := math.Round(rx.NearestKM*10) / 10
			out.Meta.Relaxations[i].NearestKM = &km
		}
	}
	services := make([][]byte, len(res.Items))
	for i, s := range res.Items {
		reasons := make([]OrientationReason, len(s.Reasons))
		for j, r := range s.Reasons {
			reasons[j] = OrientationReason{Code: r.Code, Text: r.Text}
		}
		possible := search.ReferralsPossible(s.Service, teams)
		if !possible {
			reasons = append(reasons, noReferralReason(s.Service))
		}
		out.Data[i] = OrientationSuggestion{Score: s.Score, DistanceKM: s.DistanceKM, Reasons: reasons, ReferralsPossible: possible, AlsoListedAs: also[i]} // Service: in services[i]
		services[i] = h.json.service(s.Service)
	}
	c.Header("Cache-Control", "no-store") // a situation is not to be kept by caches
	writeOrientation(c, services, out)
	return nil
}

// suggestOnce asks the engine for r's suggestions and shows each place
// once (onceEach), unless r.IncludeDuplicates: it asks for twice as many
// (within search.MaxSuggestions), so that the list stays full when the
// records of a place are folded, and reads the links of the list's
// structures in one query. also[i] names the records folded into the i-th.
func (h *Handler) suggestOnce(ctx context.Context, r search.SuggestRequest) (search.Suggestions, [][]AlsoListedAs, error) {
	limit := cmp.Or(r.Limit, search.DefaultSuggestions)
	if !r.IncludeDuplicates {
		r.Limit = min(2*limit, search.MaxSuggestions)
	}
	res, err := h.Search.Suggest(ctx, r)
	if err != nil {
		return res, nil, err
	}
	none := make([][]AlsoListedAs, len(res.Items))
	for i := range none {
		none[i] = []AlsoListedAs{}
	}
	if r.IncludeDuplicates || len(res.Items) < 2 {
		return res, none, nil
	}
	ids := make([]string, len(res.Items))
	for i, s := range res.Items {
		ids[i] = s.Service.ActorID
	}
	linked, _, err := h.linkedActors(ctx, ids)
	if err != nil {
		return res, nil, err
	}
	if len(linked) == 0 {
		res.Items = res.Items[:min(limit, len(res.Items))]
		return res, none, nil
	}
	var also [][]AlsoListedAs
	res.Items, also = onceEach(res.Items, linked, limit)
	return res, also, nil
}
