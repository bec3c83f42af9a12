// Package search finds services and actors of the directory for people:
// French full-text with prefixes, near a point or in a commune, filtered on
// every vocabulary, open at a given time, with facet counts; it also
// suggests services for a person's situation (orientation) and describes a
// territory (who offers what, and where nobody does).
//
// Engine is the narrow interface the HTTP layer uses. Memory implements it
// with an index held in memory, built from the Store at start-up and kept
// current by following the database's change log: a write through this
// process is applied before it returns, so a search made after a write sees
// it, and a write by another process (a replica, a command-line import)
// within the follower's poll interval. The database, SQLite or PostgreSQL,
// remains the source of truth.
package search

import (
	"context"
	"time"

	"carnet/models"
)

// Engine answers the directory's search, orientation and territory
// questions. Implementations must show exactly what anonymous readers may
// see: published, non-archived services of active (or, on request,
// temporarily closed) non-archived actors.
type Engine interface {
	SearchServices(ctx context.Context, q Query) (Result[models.Service], error)
	SearchActors(ctx context.Context, q Query) (Result[models.Actor], error)
	Suggest(ctx context.Context, r SuggestRequest) (Suggestions, error)
	Territory(ctx context.Context, q TerritoryQuery) (TerritoryReport, error)
}

// Point is a WGS 84 position.
type Point struct {
	Lat, Lon float64
}

// Sort orders of search results. Ties are broken by id, so pages are stable.
const (
	SortRelevance = "relevance" // best score first; the default with Text
	SortDistance  = "distance"  // nearest first; the default with Near and no Text
	SortName      = "name"      // alphabetical (folded); the default otherwise
)

// Limits of a query.
const (
	DefaultRadiusKM = 10
	MaxRadiusKM     = 100
	DefaultLimit    = 20
	MaxLimit        = 100
	MaxWords        = 12
	// MaxMessageWords: a query of more words than MaxWords is a message
	// typed by a person (a paragraph), read for the words that name
	// something (see messageWords); at most this many words are read.
	MaxMessageWords = 80
)

// Query is a search. Zero fields do not restrict; Filters hold canonical
// vocabulary values (see Fields), alternatives within a field, all fields
// required.
type Query struct {
	Text string
	// Near restricts to RadiusKM (default 10, max 100) around a point and
	// gives each hit its distance.
	Near     *Point
	RadiusKM float64
	// InseeCodes and PostalCodes restrict to places with these codes.
	InseeCodes  []string
	PostalCodes []string
	// IncludeRemote keeps, in a query restricted to a place, the services
	// given only remotely (they have no place and no distance).
	IncludeRemote bool
	// Filters maps a field name (Field*) to the values accepted.
	Filters map[string][]string
	// OpenAt keeps places open at that instant (evaluated in each place's
	// time zone, public holidays included).
	OpenAt *time.Time
	// ExcludeFull drops services flagged full.
	ExcludeFull bool
	// Referrals, when set, keeps the services a referral can (true) or
	// cannot (false) be sent to: open to referrals and of a structure in
	// Teams (the actors with a team, models.Store.ActorsWithTeam).
	Referrals *bool
	Teams     map[string]bool
	// IncludeDuplicates keeps the newer record of each confirmed
	// duplicate link and its services (FieldSameAs), left out otherwise:
	// a place a coordinator confirmed is one place, found once, in its
	// older record, as the territory diagnostic counts it.
	IncludeDuplicates bool
	// Facets lists the fields whose value counts are wanted.
	Facets []string
	Sort   string
	Cursor string
	Limit  int
}

// ReferralsPossible says whether a referral can be sent to sv: its
// structure declared it open to referrals and has someone in teams to
// read them (models.Store.ActorsWithTeam); the referral route refuses the
// others (422).
func ReferralsPossible(sv *models.Service, teams map[string]bool) bool {
	return sv != nil && !sv.ReferralsClosed && teams[sv.ActorID]
}

// Hit is one result.
type Hit[T any] struct {
	Item *T
	// Score is the text relevance (0 without Text).
	Score float64
	// DistanceKM is the distance from Near, rounded to 100 m; nil without
	// Near or for a service given only remotely.
	DistanceKM *float64
	// Matches says, for each query word the record holds, how it matched
	// (which field, through which synonym); Missing lists the words it
	// does not hold (only in a partial result).
	Matches []Match
	Missing []string
}

// Spelling suggests a spelling for a query word the index does not know.
type Spelling struct {
	Word       string
	Suggestion string
}

// NamedPlace is a place the query's words name.
type NamedPlace struct {
	Words []string
	Kind  string // commune, postal_code, departement or district (a part of a city: « nord de marseille »)
	// Filter: the query names only places, so it acts as a place filter;
	// otherwise the place's records rank first (communes and postal codes).
	Filter bool
}

// Result is one page of results. It may be shared with other callers (the
// in-memory engine reuses answers until the next write): read it only.
type Result[T any] struct {
	Hits []Hit[T]
	// Total counts every result of the query, all pages together.
	Total      int
	NextCursor string
	Facets     []Facet
	// Partial is set when no record holds every word of the query: the
	// hits are then the records holding the most words, and each hit's
	// Missing says which it lacks.
	Partial     bool
	Spellings   []Spelling
	NamedPlaces []NamedPlace
	// HolidayUnconfirmed counts, with OpenAt, the places meeting every
	// condition but left out because OpenAt falls on a public holiday
	// where they are and their hours do not name PH: their weekly hours
	// say open, but whether they open on public holidays is unknown.
	HolidayUnconfirmed int
}

// Facet counts, for one field, the results holding each value.
type Facet struct {
	Field  string
	Values []FacetValue
}

// FacetValue is one value's count; Count equals the Total of the same
// query with this value added as a filter on Field.
type FacetValue struct {
	Value string
	Count int
}

// Field names usable in Query.Filters and Query.Facets. Services have all
// of them (an actor's are its services' actor's); actors have
// FieldTypologies, FieldNationalProgrammes, FieldTrainingLabels,
// FieldMobility, FieldItinerant, FieldStatus, FieldDepartement, FieldOpenOn,
// and FieldThemes and FieldKind meaning "offers a service with".
const (
	FieldKind               = "kind"
	FieldThemes             = "themes"
	FieldPublics            = "publics"
	FieldSpecificSupport    = "specific_support"
	FieldFees               = "fees"
	FieldAccessModes        = "access_modes"
	FieldAccompanimentModes = "accompaniment_modes"
	FieldLanguages          = "languages"
	FieldTypologies         = "typologies"
	FieldNationalProgrammes = "national_programmes"
	FieldTrainingLabels     = "training_labels"
	FieldMobility           = "mobility"
	FieldPassNumerique      = "pass_numerique" // "true" or "false"
	FieldItinerant          = "itinerant"      // "true" or "false"
	FieldRemote             = "remote"         // "true" or "false"
	FieldOnSite             = "on_site"        // "true" or "false"
	FieldIsFull             = "is_full"        // "true" or "false"
	FieldStatus             = "status"         // the actor's: active (default) or temporarily_closed
	FieldDepartement        = "departement"
	FieldPostalCode         = "postal_code" // a match only (a postal code in q), not a filter: see Query.PostalCodes
	FieldOpenOn             = "open_on"     // OpenOn* values
	// FieldAcceslibre is "true" when the place publishes its Acceslibre
	// record (actor.acceslibre_url, the standard's fiche_acces_libre),
	// absent otherwise: the index reads it for words of accessibility
	// (« fauteuil roulant », « pmr »), it is not a filter.
	FieldAcceslibre = "acceslibre"
	// FieldSameAs is "true" on the newer record of a confirmed duplicate
	// link (models.Store.ConfirmedDuplicates) and on its services, absent
	// otherwise: searches leave them out unless Query.IncludeDuplicates.
	// Not a filter nor a facet.
	FieldSameAs = "same_as"
	// FieldProgrammeFile is "true" on the records the Conseillers
	// numériques programme produced (producer « conseiller-numerique »),
	// absent otherwise. Its files write the programme's own name,
	// « Conseiller numérique France Services », as the France Services
	// label: 586 of the 2,421 places of its national file of 2022, a
	// recycling bus and town halls among them. Not a filter nor a facet:
	// orientation reads it (labelledFranceServices).
	FieldProgrammeFile = "programme_file"
	// FieldOpenWhen holds the times of day a place opens on each weekday
	// ("saturday-morning", "tuesday-evening": see OpenWhenParts) and
	// OpenWhenEveryDay, on the generic week as FieldOpenOn. It is not a
	// filter nor a facet: the index reads it for a day beside a time of
	// day in a query (« samedi après-midi », « lundi matin ») and for
	// « 7j/7 ».
	FieldOpenWhen = "open_when"
	// FieldNamed holds the keys of the abbreviation table's entries the
	// place's name writes (vocab.SynonymFieldNamed): a kind of place no
	// vocabulary tells apart (a chambre d'agriculture among the
	// « Chambres consulaires »). It is not a filter nor a facet.
	FieldNamed = "named"
	// FieldEPCI holds the SIREN of the intercommunality the place's commune
	// belongs to (commune.EPCIOf): the index reads it for an EPCI named in
	// a query (« pays basque », « grand poitiers », « bordeaux
	// métropole »), as a département's name reads FieldDepartement. Not a
	// filter nor a facet.
	FieldEPCI = "epci"
)

// OpenWhenParts are the times of day of FieldOpenWhen, each open at some
// time in [from, to) minutes of the day: morning before noon, afternoon
// from 14:00 to 18:00 (a place closing at 12:30 or opening only over
// lunch is not open in the afternoon), evening from 18:00 to midnight (as
// OpenOnEvening). A value is the OpenOn day, "-", the part.
var OpenWhenParts = []struct {
	Name     string
	From, To int
}{{"morning", 0, 12 * 60}, {"afternoon", 14 * 60, 18 * 60}, {"evening", 18 * 60, 24 * 60}}

// OpenWhenEveryDay: open at some time on each of the seven days.
const OpenWhenEveryDay = "every-day"

// OpenWhenAt is the FieldOpenWhen value of a place open at a time of the
// day on some day of the week, by the half hour: "at-0800" open at 8:00,
// "at-1830" at 18:30 (open through the minute that follows it; a place
// closing at 18:00 is not open at 18:00). Search reads it for the hours a
// person types (« ouvert à 13h », « dès 8h », « avant 9h », « jusqu'à
// 17h »): the times of day above are too coarse for them.
func OpenWhenAt(minute int) string {
	h, m := minute/60, minute%60
	return string([]byte{'a', 't', '-', byte('0' + h/10), byte('0' + h%10), byte('0' + m/10), byte('0' + m%10)})
}

// openWhenStep is the step of OpenWhenAt's times, in minutes.
const openWhenStep = 30

// Values of FieldOpenOn, evaluated on the generic week of the place's
// opening_hours (public holidays and date-restricted rules ignored). A
// place without hours, or whose hours cannot be read, matches none.
const (
	OpenOnMonday    = "monday"
	OpenOnTuesday   = "tuesday"
	OpenOnWednesday = "wednesday"
	OpenOnThursday  = "thursday"
	OpenOnFriday    = "friday"
	OpenOnSaturday  = "saturday"
	OpenOnSunday    = "sunday"
	OpenOnWeekend   = "weekend"   // open at some time on Saturday or Sunday
	OpenOnEvening   = "evening"   // open at some time from 18:00 to midnight, Monday to Friday
	OpenOnLunchtime = "lunchtime" // open through the lunch hour, 12:30 to 13:30 without a break, Monday to Friday
)

// OpenOnValues lists the values of FieldOpenOn in display order.
// The lunch hour a place open at lunchtime is open through (minutes).
const lunchFrom, lunchTo = 12*60 + 30, 13*60 + 30

var OpenOnValues = []string{OpenOnMonday, OpenOnTuesday, OpenOnWednesday, OpenOnThursday, OpenOnFriday, OpenOnSaturday, OpenOnSunday, OpenOnWeekend, OpenOnEvening, OpenOnLunchtime}

// ServiceFields and ActorFields list the fields each search accepts, in the
// order facets are returned.
var (
	ServiceFields = []string{FieldKind, FieldThemes, FieldPublics, FieldSpecificSupport, FieldFees, FieldPassNumerique,
		FieldAccessModes, FieldAccompanimentModes, FieldLanguages, FieldTypologies, FieldNationalProgrammes,
		FieldTrainingLabels, FieldMobility, FieldItinerant, FieldOnSite, FieldRemote, FieldIsFull, FieldStatus, FieldDepartement, FieldOpenOn}
	ActorFields = []string{FieldTypologies, FieldThemes, FieldKind, FieldPublics, FieldSpecificSupport, FieldFees,
		FieldPassNumerique, FieldAccessModes, FieldAccompanimentModes, FieldLanguages, FieldNationalProgrammes,
		FieldTrainingLabels, FieldMobility, FieldItinerant, FieldStatus, FieldDepartement, FieldOpenOn}
)

func badRequest(field, reason string) error {
	return &models.Error{Code: models.EBADREQUEST, Message: "Some query parameters are invalid.",
		Fields: []models.FieldError{{Field: field, Reason: reason}}}
}
