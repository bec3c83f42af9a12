package handlers

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/ident"
	"carnet/models/search"
	"carnet/models/vocab"
)

// ServiceHit is a service found by a search: the service as GET returns it,
// with its distance and relevance.
type ServiceHit struct {
	Service
	// Kilometres from near (rounded to 100 m); null without near, or for a
	// service given only remotely.
	DistanceKM *float64 `json:"distance_km" extensions:"x-nullable" example:"1.2"`
	// Text relevance (0 without q); higher is better.
	Score float64 `json:"score" example:"12.7"`
	// How each word of q matched this result; [] without q.
	Matches []SearchMatch `json:"matches"`
	// Words of q this result does not hold: when meta.partial is true, or
	// generic words (cours, atelier, aide, numérique…) that rank the
	// results holding them first without being required.
	MissingWords []string `json:"missing_words"`
	// Whether a referral can be sent to it now: accepts_referrals (what
	// its structure declared) and someone of the structure in Carnet to
	// read it; false, POST /api/v1/referrals answers 422 — contact the
	// structure by phone instead.
	ReferralsPossible bool `json:"referrals_possible"`
	// Other structures that may be this service's place as other sources
	// hold it (a suggested duplicate link nobody has confirmed or
	// dismissed yet): both records stay in the results, counts and pages,
	// and a map or an app can group them; [] for none.
	PossibleDuplicates []PossibleDuplicate `json:"possible_duplicates"`
}

// ActorHit is an actor found by a search.
type ActorHit struct {
	Actor
	DistanceKM   *float64      `json:"distance_km" extensions:"x-nullable" example:"1.2"`
	Score        float64       `json:"score" example:"12.7"`
	Matches      []SearchMatch `json:"matches"`
	MissingWords []string      `json:"missing_words"`
	// Other structures that may be the same place (see ServiceHit).
	PossibleDuplicates []PossibleDuplicate `json:"possible_duplicates"`
}

// SearchMatch says how one word of the query matched a result, so that a
// helper sees why it is shown (« impots » → themes: Aide aux démarches
// administratives, through the synonym « impôts »).
type SearchMatch struct {
	// The query word, folded (lower case, no accents); the words of a name
	// written out (« maison jeunes culture ») are matched as one.
	Word string `json:"word" example:"impots"`
	// exact: the word itself; word_form: a plural or other form; prefix: the
	// beginning of a longer word; vocabulary: a word of a value's label;
	// synonym: a thesaurus entry naming the value; related: a thesaurus
	// entry whose need the value meets; place: a commune, postal code or
	// département; spelling: a near spelling of an unknown word;
	// abbreviation: the record writes it another way — the acronym of the
	// words typed or the words of the acronym typed (MJC, maison des jeunes
	// et de la culture), another name (bibliothèque for médiathèque) or a
	// kind of it (Cyber-base for EPN); value is then the name and via the
	// acronym; public: the record's text names the public the word means
	// (retraités finds Club Senior; value is the word of the text).
	How string `json:"how" enums:"exact,word_form,prefix,vocabulary,synonym,related,place,spelling,abbreviation,public" example:"related"`
	// Where: name, actor_name, commune, labels, description, address, a filter
	// field (themes, typologies, departement…), postal_code (the record is
	// at the postal code q names: value the code), acceslibre (the place
	// publishes its Acceslibre record: value "true"), or open_when (a day and
	// a time of day q names, « samedi matin »: value saturday-morning, the
	// day and morning, afternoon or evening; every-day for « 7j/7 »), or
	// named (the record's name writes a kind of place no vocabulary value
	// tells apart, where the word's need is met: value that kind's name,
	// « chambre d'agriculture » for agriculteurs).
	Field string `json:"field" example:"themes"`
	// The indexed word or the field value matched.
	Value string `json:"value" example:"Aide aux démarches administratives"`
	// The thesaurus words or the value's label that led there; "" for text.
	Via string `json:"via" example:"impôts"`
}

// SearchSpelling suggests a spelling for a word the directory does not know.
type SearchSpelling struct {
	Word       string `json:"word" example:"mediatek"`
	Suggestion string `json:"suggestion" example:"mediatheque"`
}

// SearchPlace is a place q names.
type SearchPlace struct {
	Words []string `json:"words" example:"saint,etienne"`
	Kind  string   `json:"kind" enums:"commune,postal_code,departement,district" example:"commune"`
	// true: q names only places and acts as a place filter; false: the
	// place's results rank first.
	Filter bool `json:"filter"`
}

// FacetValue is how many results hold one value.
type FacetValue struct {
	Value string `json:"value" example:"Gratuit"`
	// Equals the total of the same search with this value added as a filter.
	Count int `json:"count" example:"42"`
}

// Facet counts the results per value of one field.
type Facet struct {
	Field  string       `json:"field" example:"fees"`
	Values []FacetValue `json:"values"`
}

// SearchMeta describes a page of search results.
type SearchMeta struct {
	// Results on all pages together.
	Total int `json:"total" example:"42"`
	Limit int `json:"limit" example:"20"`
	// The order applied: relevance, distance or name.
	Sort string `json:"sort" enums:"relevance,distance,name" example:"relevance"`
	// Opaque; pass it back as cursor to get the next page. null on the last page.
	NextCursor *string `json:"next_cursor" extensions:"x-nullable" example:"eyJzIjoibmFtZSJ9"`
	// Another page follows: false on the last page.
	HasMore bool `json:"has_more" example:"true"`
	// true when no result holds every word of q: the results are those
	// holding the most words, each listing its missing_words.
	Partial bool `json:"partial"`
	// Spellings for words of q the directory does not know (matched by a
	// near spelling).
	Spellings []SearchSpelling `json:"spellings"`
	// Places named by q (communes, postal codes, départements).
	Places []SearchPlace `json:"places"`
	// With open_at on a public holiday of a place's territory (national,
	// Alsace-Moselle's Good Friday and 26 December, each overseas
	// territory's abolition day): the places meeting every other
	// condition whose weekly hours say open then but that are left out
	// because their hours do not say whether they open on public holidays
	// (no PH rule; a place is open on a public holiday only when its hours
	// name PH). 0 otherwise.
	HolidayUnconfirmed int `json:"holiday_unconfirmed" example:"0"`
	// The same for the helper, in French; "" when holiday_unconfirmed is 0.
	HolidayNote string `json:"holiday_note" example:""`
}

// ServiceSearch is one page of services found.
type ServiceSearch struct {
	Data  []ServiceHit `json:"data"`
	Meta  SearchMeta   `json:"meta"`
	Links ListLinks    `json:"links"`
	// The counts asked for with facets=; [] otherwise.
	Facets []Facet `json:"facets"`
}

// ActorSearch is one page of actors found.
type ActorSearch struct {
	Data   []ActorHit `json:"data"`
	Meta   SearchMeta `json:"meta"`
	Links  ListLinks  `json:"links"`
	Facets []Facet    `json:"facets"`
}

// fieldVocab names the vocabulary of each search field; boolean fields are
// absent.
var fieldVocab = search.FieldVocabularies

var boolFields = []string{search.FieldPassNumerique, search.FieldItinerant, search.FieldOnSite, search.FieldRemote, search.FieldIsFull}

// facetFields are the fields facets= counts of a search over fields: every
// filter field but status. The document's enums of facets are these lists
// (ServiceFacets, ActorFacets), so that a typed client is told the set the
// server checks.
func facetFields(fields []string) []string {
	return slices.DeleteFunc(slices.Clone(fields), func(f string) bool { return f == search.FieldStatus })
}

// ServiceFacets and ActorFacets expose the values facets= accepts to the
// test that keeps the enums of openapi.yaml equal to them.
func ServiceFacets() []string { return facetFields(search.ServiceFields) }
func ActorFacets() []string   { return facetFields(search.ActorFields) }

// searchQuery reads the parameters shared by both searches; fields are the
// filters the searched resource has.
func searchQuery(q *queryParser, fields []string) search.Query {
	sq := search.Query{
		Text:    q.words("q"),
		Filters: map[string][]string{},
	}
	sq.Near = q.point("near")
	if r, present, ok := q.number("radius_km"); present {
		switch {
		case !ok || r <= 0 || r > search.MaxRadiusKM:
			q.errs.Add("radius_km", "must be a number of kilometres from 0 (excluded) to 100")
		case sq.Near == nil:
			q.errs.Add("radius_km", "needs near=lat,lon")
		default:
			sq.RadiusKM = r
		}
	}
	sq.InseeCodes = q.communeCodes("commune")
	sq.PostalCodes = q.postalCodes("code_postal")
	for _, f := range fields {
		switch {
		case fieldVocab[f] != "":
			if vals := q.vocab(f, fieldVocab[f]); len(vals) > 0 {
				sq.Filters[f] = vals
			}
		case slices.Contains(boolFields, f):
			if b := q.boolean(f); b != nil {
				sq.Filters[f] = []string{strconv.FormatBool(*b)}
			}
		case f == search.FieldDepartement:
			if vals := q.departements(f); len(vals) > 0 {
				sq.Filters[f] = vals
			}
		case f == search.FieldStatus:
			if vals := q.enum(f, []string{vocab.ActorActive, vocab.ActorTemporarilyClosed}); len(vals) > 0 {
				sq.Filters[f] = vals
			}
		case f == search.FieldOpenOn:
			if vals := q.enum(f, search.OpenOnValues); len(vals) > 0 {
				sq.Filters[f] = vals
			}
		}
	}
	sq.OpenAt = q.timestamp("open_at")
	sq.Facets = q.enum("facets", facetFields(fields))
	sq.Sort = q.one("sort")
	if sq.Sort != "" && !slices.Contains([]string{search.SortRelevance, search.SortDistance, search.SortName}, sq.Sort) {
		q.errs.Add("sort", "must be one of relevance, distance, name")
	}
	sq.IncludeDuplicates = q.flag("include_duplicates")
	sq.Cursor = q.cursor()
	sq.Limit = q.limit(search.DefaultLimit, search.MaxLimit)
	return sq
}

// point reads "lat,lon" in decimal degrees (WGS 84).
func (q *queryParser) point(name string) *search.Point {
	s := q.one(name)
	if s == "" {
		return nil
	}
	lat, lon, ok := strings.Cut(s, ",")
	// Spaces beside the comma are read: people type « 43.29, 5.37 ».
	la, ok1 := decimal(strings.TrimSpace(lat))
	lo, ok2 := decimal(strings.TrimSpace(lon))
	if !ok || !ok1 || !ok2 || la < -90 || la > 90 || lo < -180 || lo > 180 {
		q.errs.Add(name, "must be latitude,longitude in decimal degrees, such as 43.2965,5.3698"+placeAsPoint(name, s))
		return nil
	}
	if swappedPoint(la, lo) {
		q.errs.Addf(name, "latitude and longitude look swapped: %s takes the latitude first (%s=%s,%s); GeoJSON and most GIS tools write the longitude first", name, name, strings.TrimSpace(lon), strings.TrimSpace(lat))
		return nil
	}
	return &search.Point{Lat: la, Lon: lo}
}

// placeAsPoint is the hint for a place written where coordinates are
// expected (near=Aubagne, near=13400, near=13005): integrators guess that
// near takes what people type. It gives the commune's centre to copy, and
// the filter that takes the place itself; "" when s names no commune.
// Several communes of one name (Saint-Denis) are listed with their codes,
// up to three.
func placeAsPoint(name, s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 100 {
		return ""
	}
	var cs []*commune.Commune
	param := "commune"
	if c, pcs := commune.CodeClash(s); c != nil {
		return codeClashAsPoint(name, s, c, pcs)
	}
	switch {
	case ident.ValidPostalCode(s):
		cs, param = commune.ByPostalCode(s), "postal_code"
		if c := commune.CityOfPlaceholder(s); c != nil {
			cs = []*commune.Commune{c} // 13000: Marseille, as postal_code=13000 reads it
		}
		if c := commune.ByCode(s); len(cs) == 0 && c != nil {
			cs, param = []*commune.Commune{c}, "commune"
		}
	case commune.ByCode(s) != nil:
		cs = []*commune.Commune{commune.ByCode(s)}
	default:
		// A name as the commune filter the hint names reads it
		// (« La Seyne », « Saint-Denis (974) »), not only exact names.
		cs = commune.Find(s, nil)
	}
	cs = slices.DeleteFunc(slices.Clone(cs), func(c *commune.Commune) bool { return !c.HasCentre })
	switch {
	case len(cs) == 0:
		return ""
	case len(cs) == 1:
		c := cs[0]
		what := fmt.Sprintf("%s is %s (%s), whose centre is", clip(s), c.Name, c.Code)
		if commune.Key(s) == commune.Key(c.Name) {
			what = fmt.Sprintf("the centre of %s (%s) is", c.Name, c.Code)
		}
		return fmt.Sprintf("; %s %s=%.4f,%.4f; or %s=%s for its places", what, name, c.Lat, c.Lon, param, clip(s))
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Population > cs[j].Population })
	var each []string
	for _, c := range cs[:min(3, len(cs))] {
		each = append(each, fmt.Sprintf("%s (%s, %s): %s=%.4f,%.4f", c.Name, c.Code, c.Departement, name, c.Lat, c.Lon))
	}
	more := ""
	if len(cs) > 3 {
		more = fmt.Sprintf(" and %d more", len(cs)-3)
	}
	return fmt.Sprintf("; %s names %d communes, whose centres are %s%s; or %s=%s for their places", clip(s), len(cs), strings.Join(each, "; "), more, param, clip(s))
}

// codeClashAsPoint is placeAsPoint's hint for a code that is one
// commune's INSEE code and others' postal code (commune.CodeClash: 16100,
// Chirac's INSEE code, Cognac's and Châteaubernard's postal code): both
// readings, as the filters read both, each with its centres and the filter
// that takes it alone. The postal reading alone sent a client looking for
// Chirac to Cognac.
func codeClashAsPoint(name, s string, insee *commune.Commune, postal []*commune.Commune) string {
	postal = slices.DeleteFunc(slices.Clone(postal), func(c *commune.Commune) bool { return !c.HasCentre })
	sort.SliceStable(postal, func(i, j int) bool { return postal[i].Population > postal[j].Population })
	var each []string
	for _, c := range postal[:min(3, len(postal))] {
		each = append(each, fmt.Sprintf("%s (%s): %s=%.4f,%.4f", c.Name, c.Code, name, c.Lat, c.Lon))
	}
	out := fmt.Sprintf("; %s is the postal code of %s", clip(s), strings.Join(each, "; "))
	if len(postal) > 3 {
		out += fmt.Sprintf(" and %d more", len(postal)-3)
	}
	out += fmt.Sprintf(", and the INSEE code of %s", insee.Name)
	if insee.HasCentre {
		out += fmt.Sprintf(": %s=%.4f,%.4f", name, insee.Lat, insee.Lon)
	}
	return out + fmt.Sprintf("; or postal_code=%s for the postal code's places, commune=%s%s for %s's", clip(s), commune.INSEEPrefix, clip(s), insee.Name)
}

// swappedPoint reports a point outside France whose swap is in France:
// latitude and longitude given in each other's place, which would
// otherwise answer an empty page as if nothing were near.
func swappedPoint(lat, lon float64) bool {
	return !commune.InFrance(lat, lon) && commune.InFrance(lon, lat)
}

// enum returns values that must each be one of allowed.
func (q *queryParser) enum(name string, allowed []string) []string {
	vals := q.raw(name)
	for _, s := range vals {
		if !slices.Contains(allowed, s) {
			q.errs.Addf(name, "%q is not one of %s", clip(s), strings.Join(allowed, ", "))
		}
	}
	slices.Sort(vals)
	return slices.Compact(vals)
}

func newFacets(in []search.Facet) []Facet {
	out := make([]Facet, len(in))
	for i, f := range in {
		out[i] = Facet{Field: f.Field, Values: make([]FacetValue, len(f.Values))}
		for j, v := range f.Values {
			out[i].Values[j] = FacetValue{Value: v.Value, Count: v.Count}
		}
	}
	return out
}

func searchMeta[T any](c *gin.Context, sq search.Query, res *search.Result[T]) (SearchMeta, ListLinks) {
	m, l := listMeta(c, models.ListParams{Limit: sq.Limit}, int64(res.Total), res.NextCursor)
	meta := SearchMeta{Total: res.Total, Limit: m.Limit, NextCursor: m.NextCursor, HasMore: m.HasMore, Sort: effectiveSort(sq, res),
		Partial: res.Partial, Spellings: []SearchSpelling{}, Places: []SearchPlace{},
		HolidayUnconfirmed: res.HolidayUnconfirmed, HolidayNote: holidayNote(res.HolidayUnconfirmed)}
	for _, s := range res.Spellings {
		meta.Spellings = append(meta.Spellings, SearchSpelling{Word: s.Word, Suggestion: s.Suggestion})
	}
	for _, p := range res.NamedPlaces {
		meta.Places = append(meta.Places, SearchPlace{Words: p.Words, Kind: p.Kind, Filter: p.Filter})
	}
	return meta, l
}

// holidayNote says why places open on an ordinary such day are missing
// from an open_at answer on a public holiday (see SearchMeta).
func holidayNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "Jour férié : 1 lieu ouvert ce jour-là de la semaine ne dit pas s'il ouvre les jours fériés (horaires non confirmés) ; il n'est pas compté ouvert : appeler avant de s'y rendre"
	}
	return fmt.Sprintf("Jour férié : %d lieux ouverts ce jour-là de la semaine ne disent pas s'ils ouvrent les jours fériés (horaires non confirmés) ; ils ne sont pas comptés ouverts : appeler avant de s'y rendre", n)
}

func newMatches(in []search.Match) []SearchMatch {
	out := make([]SearchMatch, len(in))
	for i, m := range in {
		out[i] = SearchMatch{Word: m.Word, How: m.How, Field: m.Field, Value: m.Value, Via: m.Via}
	}
	return out
}

// effectiveSort is the order the engine applies when none is asked. A q
// naming only places is a place filter, without relevance.
func effectiveSort[T any](sq search.Query, res *search.Result[T]) string {
	words := strings.TrimSpace(sq.Text) != "" && !(len(res.NamedPlaces) > 0 && res.NamedPlaces[0].Filter)
	switch {
	case sq.Sort != "" && !(sq.Sort == search.SortRelevance && !words):
		return sq.Sort
	case words:
		return search.SortRelevance
	case sq.Near != nil:
		return search.SortDistance
	}
	return search.SortName
}

func roundScore(s float64) float64 { return math.Round(s*1000) / 1000 }

// SearchServices godoc
//
//	@ID			searchServices
//	@Summary		Search services
//	@Description	Finds published services of open places. Text (q) is French full-text over the service's name, its structure's name, summary and description, the commune and every vocabulary value by its label (themes, kind, publics, specific support, fees, access and accompaniment modes, languages by their French name, typologies, national programmes, training labels), with a reviewed thesaurus of everyday words and abbreviations (impôts, CAF, carte grise, tablette… see GET /api/v1/vocabularies, synonyms). Acronyms and their written-out names find each other (EPN and espace public numérique, MJC and maison des jeunes et de la culture, CCAS, PIJ/BIJ, MSAP and France Services, médiathèque and bibliothèque…), the name written as typed first; a written-out name is matched as one phrase, and so is a phrase of the thesaurus meaning only values no record holds (pass numérique: nothing, or a partial answer, not the PASS of Sisteron). Accents, case, plurals and common inflections are ignored (ateliers finds Atelier), st means saint, every word must match as a whole word, another form of it (plural or feminine, not a derived word: initiation does not find Initiative), the beginning of a longer word (médiat finds Médiathèque; not a word of three letters or fewer that records write whole, unless it ends the query and is no month: mai is not main), a vocabulary value or a synonym — except generic words (cours, atelier, aide, accompagnement, numérique, informatique…, see the thesaurus) beside a word that carries the meaning: they rank the results holding them first and are listed in missing_words where absent (cours informatique seniors finds a Club Senior helping with computers); a public (seniors, jeunes, familles, retraités, personnes âgées, or an age in years: 80 ans is seniors, 65 and over, 16-25 ans jeunes, 16 to 26) matches its declared value, a text naming it (Club Senior) and where it is usually served (a mission locale for jeunes); an unknown word of five letters or more (not a generic word: compte is not Comps) also matches near spellings (one edit, two from nine letters, or the same sound: mediatek finds Médiathèque), ranked after exact matches. The street of the address is searched too, after the other text and never for a word read as a commune (près de la gare) nor for a word saying whom a place serves or how it works (itinérant does not find a Rampe des Mobiles). A kind of place (BIJ, CCAS, EPN, MJC…) beside other words keeps the places of that kind when some hold every word (bij nice: the BIJ of Nice, not other places for young people there); alone, it lists them first, then the places meeting its usual need. A q naming only a commune, a postal code or a département filters by that place; a postal code among other words keeps only the places at that code (16000 impots: Angoulême's places helping with taxes), a commune named among other words ranks its places first, a département among other words ranks its places before those merely named after it (cours informatique gironde: the Gironde before Mortagne-sur-Gironde). When no result holds every word, the results holding the most are returned with meta.partial true and each result's missing_words. Each result's matches say how each word matched. With near, relevance is multiplied by 1 − 0.5 × distance / radius_km, so that an equally relevant place nearer comes first. A q without any letter or digit is refused (400). Filters: within one, values are alternatives; across filters, all must hold. A service is located at its own coordinates, else at its actor's, and every place filter (commune, postal_code, departement) reads its own address, else its actor's, as GET /api/v1/services does; its opening hours are its own, else its actor's, evaluated in the place's time zone (its commune's: the Marquesas are not Tahiti) with its territory's public holidays (Alsace-Moselle's, and overseas the abolition of slavery's day): on such a day a place is open at open_at only when its hours name public holidays (PH 10:00-12:00, Mo-Fr,PH 09:00-12:00), are 24/7 (always, holidays included) or name that date (Dec 25 10:00-12:00), a span past midnight being judged by the day it starts (Sa 20:00-02:00 at 01:00 on a holiday Sunday is Saturday's evening); other hours say nothing of holidays, so the place is left out and counted in meta.holiday_unconfirmed, with a French note (meta.holiday_note). A place without opening hours never matches open_on or open_at. Facet counts (facets=themes,fees…) count the results holding each value, so each equals the total of the same search with that value added as a filter. A place a coordinator confirmed as the same as another record (a confirmed duplicate link that exists for anyone) is found once, in its kept record: the hidden record and its services are left out of the results, counts, facets and pages (GET /api/v1/actors/{id} still reads it and its duplicate_of names the record kept); include_duplicates=true keeps them. A suggested link (nobody decided yet) hides nothing and changes no count nor page: each hit names the other records in possible_duplicates, with whether their hours agree, so that a map or an app can group them.
//	@Tags			search
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			q					query		string		false	"Words to find (prefixes accepted); acronyms and their written-out names find each other (EPN, espace public numérique; MJC; CCAS; PIJ…); tabs and line breaks are read as spaces, characters that show nothing (zero-width spaces, soft hyphens) are dropped, and a q made of them alone answers 400"	maxlength(500)	example(médiathèque)
//	@Param			near				query		string		false	"latitude,longitude: restricts to radius_km around it and gives each result its distance_km"	example(43.2965,5.3698)
//	@Param			radius_km			query		number		false	"Radius around near"	minimum(0)	extensions(x-exclusive-minimum)	maximum(100)	default(10)	example(5)
//	@Param			commune				query		[]string	false	"Communes: INSEE codes, postal codes (75001 is Paris 1er; a code that is both, 13001 Aix-en-Provence's INSEE code and Marseille 1er's postal code, reads both; insee:13001 or postal:13001 reads one way) or names, current, former or short (La Seyne), a département or postal code after a name settling it (Saint-Denis (974)); a name several communes share answers 400 listing them unless departement settles it (Paris, Lyon and Marseille include their arrondissements), of the service's own address, else its actor's"	collectionFormat(csv)
//	@Param			postal_code			query		[]string	false	"Postal codes, of the service's own address, else its actor's"			collectionFormat(csv)
//	@Param			code_postal			query		[]string	false	"Deprecated: the older name of postal_code"	collectionFormat(csv)
//	@Param			include_remote		query		bool		false	"With a place (near, commune, postal_code): also return services given only remotely (without distance)"
//	@Param			kind				query		[]string	false	"Service kinds"			collectionFormat(csv)	extensions(x-vocabulary=service_kinds)
//	@Param			themes				query		[]string	false	"Themes"				collectionFormat(csv)	extensions(x-vocabulary=themes)	example(aide-aux-demarches-administratives)
//	@Param			publics				query		[]string	false	"Publics"				collectionFormat(csv)	extensions(x-vocabulary=publics)
//	@Param			specific_support	query		[]string	false	"Specific support"		collectionFormat(csv)	extensions(x-vocabulary=specific_support)
//	@Param			fees				query		[]string	false	"Fees"					collectionFormat(csv)	extensions(x-vocabulary=fees)
//	@Param			pass_numerique		query		bool		false	"Accepts the Pass numérique"
//	@Param			access_modes		query		[]string	false	"Access modes; a service or place publishing an online booking link (booking_url) counts as « Prendre un RDV en ligne »"			collectionFormat(csv)	extensions(x-vocabulary=access_modes)
//	@Param			accompaniment_modes	query		[]string	false	"Accompaniment modes"	collectionFormat(csv)	extensions(x-vocabulary=accompaniment_modes)
//	@Param			languages			query		[]string	false	"Languages"				collectionFormat(csv)	extensions(x-vocabulary=languages)
//	@Param			typologies			query		[]string	false	"Typologies of the actor"	collectionFormat(csv)	extensions(x-vocabulary=typologies)
//	@Param			national_programmes	query		[]string	false	"National programmes of the actor"	collectionFormat(csv)	extensions(x-vocabulary=national_programmes)
//	@Param			training_labels		query		[]string	false	"Training labels of the actor"	collectionFormat(csv)	extensions(x-vocabulary=training_labels)
//	@Param			mobility			query		[]string	false	"Fixe or Itinérant (the actor's; when it gives none, Itinérant if its name says it moves: bus, itinérant(e), mobile, camion — the record keeps what its producer sent)"	collectionFormat(csv)	extensions(x-vocabulary=mobility)
//	@Param			itinerant			query		bool		false	"The actor is itinerant (a bus, a van): its mobility says so or, when it gives none, its name (bus, itinérant(e), mobile, camion)"
//	@Param			on_site				query		bool		false	"Given on site"
//	@Param			remote				query		bool		false	"Given remotely"
//	@Param			is_full				query		bool		false	"Flagged full"
//	@Param			exclude_full		query		bool		false	"Leave out services flagged full"
//	@Param			accepts_referrals	query		bool		false	"true: only services a referral can be sent to now (referrals_possible: open to referrals, with someone of the structure in Carnet to read them); false: only the others"
//	@Param			departement			query		[]string	false	"Département codes (13, 2A, 974) or names (Bouches-du-Rhône; case, accents and hyphens ignored), of the service's own address, else its actor's"		collectionFormat(csv)
//	@Param			status				query		[]string	false	"The actor's status today, or at open_at when given: active (the default), temporarily_closed"	collectionFormat(csv)	Enums(active, temporarily_closed)
//	@Param			open_on				query		[]string	false	"Open at some time on: monday … sunday, weekend, evening (Monday to Friday after 18:00), lunchtime (Monday to Friday, open through 12:30-13:30 without closing for lunch), in the generic week: public holidays and month rules ignored, rules for some weeks only (week 01-53/2: every other week) counted every week"	collectionFormat(csv)	Enums(monday, tuesday, wednesday, thursday, friday, saturday, sunday, weekend, evening, lunchtime)	example(saturday)
//	@Param			open_at				query		string		false	"Open at this RFC 3339 instant (each place's time zone and public holidays, ISO week numbers included), outside any temporary closure covering that date where the place is; on a public holiday of the place's territory only hours naming PH, 24/7 or that date count, a span past midnight judged by the day it starts (others: meta.holiday_unconfirmed); status is then read at that instant; a leap second (:60) is read as the next second"	format(date-time)
//	@Param			facets				query		[]string	false	"Fields to count values of, comma-separated: kind, themes, publics, specific_support, fees, pass_numerique, access_modes, accompaniment_modes, languages, typologies, national_programmes, training_labels, mobility, itinerant, on_site, remote, is_full, departement, open_on (not status, nor commune or postal_code)"	collectionFormat(csv)	Enums(kind, themes, publics, specific_support, fees, pass_numerique, access_modes, accompaniment_modes, languages, typologies, national_programmes, training_labels, mobility, itinerant, on_site, remote, is_full, departement, open_on)
//	@Param			sort				query		string		false	"Order; default relevance with q, distance with near, else name"	Enums(relevance, distance, name)
//	@Param			include_duplicates	query		bool		false	"Include the hidden record of each confirmed duplicate link (and its services), left out otherwise: a place a coordinator confirmed as one is found once, in its kept record; a suggested link, or one owed to contacts that are not public, hides nothing"
//	@Param			cursor				query		string		false	"The next_cursor of the previous page of the same search, with the same parameters (limit aside); a cursor of another search or list answers 400"
//	@Param			limit				query		int			false	"Page size"	minimum(1)	maximum(100)	default(20)
//	@Success		200					{object}	ServiceSearch
//	@Failure		400					{object}	Problem	"Invalid query parameter"
//	@Failure		401					{object}	Problem	"A token was sent but is invalid"
//	@Failure		422					{object}	Problem	"Parameters that contradict each other (remote=false with include_remote=true)"
//	@Failure		500					{object}	Problem
//	@Router			/api/v1/search/services [get]
func (h *Handler) SearchServices(c *gin.Context) error {
	q := queryOf(c)
	sq := searchQuery(q, search.ServiceFields)
	sq.ExcludeFull = q.flag("exclude_full")
	sq.IncludeRemote = q.flag("include_remote")
	sq.Referrals = q.boolean("accepts_referrals")
	if err := q.err(); err != nil {
		return err
	}
	if err := remoteContradiction(sq); err != nil {
		return err
	}
	ctx := c.Request.Context()
	if sq.Referrals != nil {
		teams, err := h.Store.ActorsWithTeam(ctx, nil)
		if err != nil {
			return err
		}
		sq.Teams = teams
	}
	res, err := h.Search.SearchServices(ctx, sq)
	if err != nil {
		return err
	}
	items := make([]*models.Service, len(res.Hits))
	for i, hit := range res.Hits {
		items[i] = hit.Item
	}
	teams, err := h.teamsOf(ctx, items)
	if err != nil {
		return err
	}
	dups, err := h.possibleDuplicates(ctx, actorIDs(items))
	if err != nil {
		return err
	}
	hits := make([]hitJSON, len(res.Hits))
	for i, hit := range res.Hits {
		possible := search.ReferralsPossible(hit.Item, teams)
		hits[i] = hitJSON{record: h.json.service(hit.Item), distanceKM: hit.DistanceKM, score: roundScore(hit.Score),
			matches: newMatches(hit.Matches), missing: nonNilStrings(hit.Missing), referralsPossible: &possible,
			duplicates: nonNilDuplicates(dups[hit.Item.ActorID])}
	}
	meta, links := searchMeta(c, sq, &res)
	writeHits(c, hits, meta, links, newFacets(res.Facets)) // a ServiceSearch
	return nil
}

// teamsOf is the set of the services' structures that have a team
// (models.Store.ActorsWithTeam), for referrals_possible.
func (h *Handler) teamsOf(ctx context.Context, svs []*models.Service) (map[string]bool, error) {
	ids := actorIDs(svs)
	slices.Sort(ids)
	return h.Store.ActorsWithTeam(ctx, slices.Compact(ids))
}

// actorIDs are the services' structures, in a new slice.
func actorIDs(svs []*models.Service) []string {
	ids := make([]string, 0, len(svs))
	for _, sv := range svs {
		ids = append(ids, sv.ActorID)
	}
	return ids
}

// remoteContradiction refuses include_remote=true with remote=false: the
// services it adds (given only remotely) are the ones the filter removes,
// so the answer silently dropped one of the two. Named both, as
// orientation names remote_only against accept_remote false.
func remoteContradiction(sq search.Query) error {
	if !sq.IncludeRemote || !slices.Equal(sq.Filters[search.FieldRemote], []string{"false"}) {
		return nil
	}
	return &models.Error{Code: models.EINVALID, Message: "The search contradicts itself.", Fields: []models.FieldError{
		{Field: "include_remote", Reason: "adds the services given only remotely, which remote=false removes; leave one of them out"},
		{Field: "remote", Reason: "false contradicts include_remote=true"}}}
}

// SearchActors godoc
//
//	@ID			searchActors
//	@Summary		Search actors
//	@Description	Finds open places (structures) the way GET /api/v1/search/services finds services. Text covers the name, the commune, the typologies, national programmes and training labels, what the published services offer (themes, kinds, publics, specific support, fees, modes, languages, and their names as labels), the summary and the description, with the same word forms, thesaurus, spellings, places and partial matches. The filters on what services offer (themes, kind, publics, specific_support, fees, pass_numerique, access_modes, accompaniment_modes, languages) keep actors offering at least one published service with them. The hidden record of a confirmed duplicate link is left out as in GET /api/v1/search/services (include_duplicates=true keeps it); a suggested link hides nothing, each hit naming the others in possible_duplicates.
//	@Tags			search
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			q					query		string		false	"Words to find (prefixes accepted); acronyms and their written-out names find each other (EPN, espace public numérique; MJC; CCAS; PIJ…); tabs and line breaks are read as spaces, characters that show nothing (zero-width spaces, soft hyphens) are dropped, and a q made of them alone answers 400"	maxlength(500)	example(france services)
//	@Param			near				query		string		false	"latitude,longitude"	example(43.7,7.25)
//	@Param			radius_km			query		number		false	"Radius around near"	minimum(0)	extensions(x-exclusive-minimum)	maximum(100)	default(10)	example(30)
//	@Param			commune				query		[]string	false	"Communes: INSEE codes, postal codes (75001 is Paris 1er; a code that is both, 13001 Aix-en-Provence's INSEE code and Marseille 1er's postal code, reads both; insee:13001 or postal:13001 reads one way) or names, current, former or short (La Seyne), a département or postal code after a name settling it (Saint-Denis (974)); a name several communes share answers 400 listing them unless departement settles it (Paris, Lyon and Marseille include their arrondissements)"	collectionFormat(csv)
//	@Param			postal_code			query		[]string	false	"Postal codes"			collectionFormat(csv)
//	@Param			code_postal			query		[]string	false	"Deprecated: the older name of postal_code"	collectionFormat(csv)
//	@Param			typologies			query		[]string	false	"Typologies"			collectionFormat(csv)	extensions(x-vocabulary=typologies)
//	@Param			themes				query		[]string	false	"Offers a service with one of these themes"	collectionFormat(csv)	extensions(x-vocabulary=themes)
//	@Param			kind				query		[]string	false	"Offers a service of one of these kinds"	collectionFormat(csv)	extensions(x-vocabulary=service_kinds)
//	@Param			publics				query		[]string	false	"Offers a service for one of these publics"	collectionFormat(csv)	extensions(x-vocabulary=publics)
//	@Param			specific_support	query		[]string	false	"Offers a service with one of these specific supports"	collectionFormat(csv)	extensions(x-vocabulary=specific_support)
//	@Param			fees				query		[]string	false	"Offers a service with one of these fees"	collectionFormat(csv)	extensions(x-vocabulary=fees)
//	@Param			pass_numerique		query		bool		false	"Offers a service accepting the Pass numérique (false: none does)"
//	@Param			access_modes		query		[]string	false	"Offers a service with one of these access modes; a place or service publishing an online booking link (booking_url) counts as « Prendre un RDV en ligne »"	collectionFormat(csv)	extensions(x-vocabulary=access_modes)
//	@Param			accompaniment_modes	query		[]string	false	"Offers a service with one of these accompaniment modes"	collectionFormat(csv)	extensions(x-vocabulary=accompaniment_modes)
//	@Param			languages			query		[]string	false	"Offers a service in one of these languages"	collectionFormat(csv)	extensions(x-vocabulary=languages)
//	@Param			national_programmes	query		[]string	false	"National programmes"	collectionFormat(csv)	extensions(x-vocabulary=national_programmes)
//	@Param			training_labels		query		[]string	false	"Training labels"		collectionFormat(csv)	extensions(x-vocabulary=training_labels)
//	@Param			mobility			query		[]string	false	"Fixe or Itinérant (when the actor gives none, Itinérant if its name says it moves: bus, itinérant(e), mobile, camion)"		collectionFormat(csv)	extensions(x-vocabulary=mobility)
//	@Param			itinerant			query		bool		false	"Itinerant (a bus, a van): its mobility says so or, when it gives none, its name (bus, itinérant(e), mobile, camion)"
//	@Param			departement			query		[]string	false	"Département codes (13, 2A, 974) or names (Bouches-du-Rhône; case, accents and hyphens ignored)"		collectionFormat(csv)
//	@Param			status				query		[]string	false	"Status today, or at open_at when given: active (the default), temporarily_closed"	collectionFormat(csv)	Enums(active, temporarily_closed)
//	@Param			open_on				query		[]string	false	"Open at some time on: monday … sunday, weekend, evening, lunchtime"	collectionFormat(csv)	Enums(monday, tuesday, wednesday, thursday, friday, saturday, sunday, weekend, evening, lunchtime)
//	@Param			open_at				query		string		false	"Open at this RFC 3339 instant (each place's time zone and public holidays), outside any temporary closure covering that date; on a public holiday of the place's territory only hours naming PH, 24/7 or that date count, a span past midnight judged by the day it starts (others: meta.holiday_unconfirmed); status is then read at that instant; a leap second (:60) is read as the next second"	format(date-time)
//	@Param			facets				query		[]string	false	"Fields to count values of, comma-separated: typologies, themes, kind, publics, specific_support, fees, pass_numerique, access_modes, accompaniment_modes, languages, national_programmes, training_labels, mobility, itinerant, departement, open_on (not status, nor commune or postal_code)"	collectionFormat(csv)	Enums(typologies, themes, kind, publics, specific_support, fees, pass_numerique, access_modes, accompaniment_modes, languages, national_programmes, training_labels, mobility, itinerant, departement, open_on)
//	@Param			sort				query		string		false	"Order"	Enums(relevance, distance, name)
//	@Param			include_duplicates	query		bool		false	"Include the hidden record of each confirmed duplicate link (and its services), left out otherwise: a place a coordinator confirmed as one is found once, in its kept record; a suggested link, or one owed to contacts that are not public, hides nothing"
//	@Param			cursor				query		string		false	"The next_cursor of the previous page of the same search, with the same parameters (limit aside); a cursor of another search or list answers 400"
//	@Param			limit				query		int			false	"Page size"	minimum(1)	maximum(100)	default(20)
//	@Success		200					{object}	ActorSearch
//	@Failure		400					{object}	Problem	"Invalid query parameter"
//	@Failure		401					{object}	Problem	"A token was sent but is invalid"
//	@Failure		500					{object}	Problem
//	@Router			/api/v1/search/actors [get]
func (h *Handler) SearchActors(c *gin.Context) error {
	q := queryOf(c)
	sq := searchQuery(q, search.ActorFields)
	if err := q.err(); err != nil {
		return err
	}
	res, err := h.Search.SearchActors(c.Request.Context(), sq)
	if err != nil {
		return err
	}
	ids := make([]string, len(res.Hits))
	for i, hit := range res.Hits {
		ids[i] = hit.Item.ID
	}
	dups, err := h.possibleDuplicates(c.Request.Context(), ids)
	if err != nil {
		return err
	}
	hits := make([]hitJSON, len(res.Hits))
	for i, hit := range res.Hits {
		hits[i] = hitJSON{record: h.json.actor(hit.Item, h.Store.Now()), distanceKM: hit.DistanceKM, score: roundScore(hit.Score),
			matches: newMatches(hit.Matches), missing: nonNilStrings(hit.Missing), duplicates: nonNilDuplicates(dups[hit.Item.ID])}
	}
	meta, links := searchMeta(c, sq, &res)
	writeHits(c, hits, meta, links, newFacets(res.Facets)) // an ActorSearch
	return nil
}

func nonNilStrings(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
