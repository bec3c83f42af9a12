package hsds

// The projection types: the HSDS 3.0 objects as this view serves them.
// Field names, types and formats are those of the HSDS 3.0 JSON schemas
// (schema/*.json of openreferral/specification, branch 3.0); only the
// fields Carnet has data for are declared. Every optional field carries
// omitempty, because the UK profile's rule, which this view follows, is
// that an optional field without a value is left out rather than sent as
// null or empty. Type names start with HSDS so that the OpenAPI document's
// schemas do not collide with Carnet's own Service or Organization.

// HSDSAPIInfo is the answer of GET / of the HSDS API.
type HSDSAPIInfo struct {
	// The HSDS version this API implements.
	Version string `json:"version" example:"3.0"`
	// URL of the HSDS profile this API follows: the HSDS 3.0 specification itself (no local profile).
	Profile string `json:"profile" format:"uri" example:"https://github.com/openreferral/specification/tree/3.0"`
	// URL of the OpenAPI document of this API, with paths relative to its base.
	OpenAPIURL string `json:"openapi_url" format:"uri" example:"https://carnet.example.fr/api/hsds/v3/openapi.json"`
}

// HSDSPage is the paging part of every HSDS list.
type HSDSPage struct {
	// Items matching the query, all pages together.
	TotalItems int `json:"total_items" example:"646"`
	// Pages of per_page items (0 when there is no item).
	TotalPages int `json:"total_pages" example:"13"`
	// This page's number, from 1.
	PageNumber int `json:"page_number" example:"1"`
	// Items on this page.
	Size      int  `json:"size" example:"50"`
	FirstPage bool `json:"first_page" example:"true"`
	LastPage  bool `json:"last_page" example:"false"`
	// Whether this page has no item.
	Empty bool `json:"empty" example:"false"`
}

// HSDSServiceList is one page of services.
type HSDSServiceList struct {
	HSDSPage
	Contents []HSDSService `json:"contents"`
}

// HSDSOrganizationList is one page of organizations.
type HSDSOrganizationList struct {
	HSDSPage
	Contents []HSDSOrganization `json:"contents"`
}

// HSDSServiceAtLocationList is one page of services at locations.
type HSDSServiceAtLocationList struct {
	HSDSPage
	Contents []HSDSServiceAtLocation `json:"contents"`
}

// HSDSTaxonomyList is one page of taxonomies.
type HSDSTaxonomyList struct {
	HSDSPage
	Contents []HSDSTaxonomy `json:"contents"`
}

// HSDSTaxonomyTermList is one page of taxonomy terms.
type HSDSTaxonomyTermList struct {
	HSDSPage
	Contents []HSDSTaxonomyTerm `json:"contents"`
}

// HSDSService is a Carnet service (a published service of a live place).
type HSDSService struct {
	// Carnet's id of the service.
	ID string `json:"id" format:"uuid"`
	// Carnet's id of the actor (structure) offering it.
	OrganizationID string `json:"organization_id,omitempty" format:"uuid"`
	Name           string `json:"name" example:"Aide aux démarches en ligne"`
	Description    string `json:"description,omitempty"`
	// The structure's first public e-mail address, when it published its contact details.
	Email string `json:"email,omitempty" format:"email"`
	// active, or temporarily closed when its place is.
	Status string `json:"status" enums:"active,inactive,defunct,temporarily closed" example:"active"`
	// How to get the service (the standard's modalites_acces), and the booking link.
	ApplicationProcess string `json:"application_process,omitempty" example:"Se présenter ; Téléphoner"`
	// The fees (frais_a_charge), their details and whether the Pass numérique is accepted.
	FeesDescription string `json:"fees_description,omitempty" example:"Gratuit."`
	// The publics specifically addressed and the specific support offered.
	EligibilityDescription string `json:"eligibility_description,omitempty"`
	// A temporary closure, or a service currently full.
	Alert string `json:"alert,omitempty"`
	// The last change of the service or of its structure, RFC 3339.
	LastModified string `json:"last_modified,omitempty" format:"date-time"`
	// The structure, without its nested lists.
	Organization       *HSDSOrganization       `json:"organization,omitempty"`
	Phones             []HSDSPhone             `json:"phones,omitempty"`
	Schedules          []HSDSSchedule          `json:"schedules,omitempty"`
	ServiceAtLocations []HSDSServiceAtLocation `json:"service_at_locations,omitempty"`
	Languages          []HSDSLanguage          `json:"languages,omitempty"`
	CostOptions        []HSDSCostOption        `json:"cost_options,omitempty"`
	Contacts           []HSDSContact           `json:"contacts,omitempty"`
	// Carnet's vocabulary values of the service (themes, publics, fees…) as taxonomy terms.
	Attributes []HSDSAttribute `json:"attributes,omitempty"`
}

// HSDSOrganization is a Carnet actor (a structure).
type HSDSOrganization struct {
	ID   string `json:"id" format:"uuid"`
	Name string `json:"name" example:"Médiathèque de l'Alcazar"`
	// The structure's presentation, or a sentence built from its data when it has none.
	Description string `json:"description" example:"Bibliothèque municipale à Marseille (13001)."`
	Email       string `json:"email,omitempty" format:"email"`
	Website     string `json:"website,omitempty" format:"uri"`
	// The network it belongs to, when that network is public.
	ParentOrganizationID    string                       `json:"parent_organization_id,omitempty" format:"uuid"`
	Phones                  []HSDSPhone                  `json:"phones,omitempty"`
	Locations               []HSDSLocation               `json:"locations,omitempty"`
	OrganizationIdentifiers []HSDSOrganizationIdentifier `json:"organization_identifiers,omitempty"`
	// Typologies, national programmes, training labels and mobility as taxonomy terms.
	Attributes []HSDSAttribute `json:"attributes,omitempty"`
	// The structure's public services: at most 50, its first in creation order (GET /api/hsds/v3/services?organization_id= pages through them all).
	Services []HSDSService `json:"services,omitempty"`
}

// HSDSLocation is the place of an actor, or the own address of a service
// given elsewhere (an itinerant bus's stop).
type HSDSLocation struct {
	ID             string   `json:"id" format:"uuid"`
	LocationType   string   `json:"location_type" enums:"physical,postal,virtual" example:"physical"`
	OrganizationID string   `json:"organization_id,omitempty" format:"uuid"`
	Name           string   `json:"name,omitempty"`
	Latitude       *float64 `json:"latitude,omitempty" example:"43.2996"`
	Longitude      *float64 `json:"longitude,omitempty" example:"5.3786"`
	// The place's Accès libre page, when it has one.
	Accessibility []HSDSAccessibility `json:"accessibility,omitempty"`
	Addresses     []HSDSAddress       `json:"addresses,omitempty"`
	// The place's opening hours.
	Schedules []HSDSSchedule `json:"schedules,omitempty"`
}

// HSDSAddress is a postal address in France.
type HSDSAddress struct {
	ID         string `json:"id" format:"uuid"`
	LocationID string `json:"location_id,omitempty" format:"uuid"`
	Address1   string `json:"address_1" example:"58 cours Belsunce"`
	Address2   string `json:"address_2,omitempty"`
	City       string `json:"city" example:"Marseille"`
	// The département's name (its code when the commune reference does not know it).
	StateProvince string `json:"state_province" example:"Bouches-du-Rhône"`
	// The region's name.
	Region     string `json:"region,omitempty" example:"Provence-Alpes-Côte d'Azur"`
	PostalCode string `json:"postal_code" example:"13001"`
	// ISO 3166-1 alpha-2.
	Country     string `json:"country" example:"FR"`
	AddressType string `json:"address_type" enums:"physical,postal,virtual" example:"physical"`
}

// HSDSAccessibility describes the accessibility of a location.
type HSDSAccessibility struct {
	ID          string `json:"id" format:"uuid"`
	LocationID  string `json:"location_id,omitempty" format:"uuid"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty" format:"uri"`
}

// HSDSServiceAtLocation links a service to the place where it is given:
// each Carnet service has one, its own address or its actor's place.
type HSDSServiceAtLocation struct {
	ID         string        `json:"id" format:"uuid"`
	ServiceID  string        `json:"service_id,omitempty" format:"uuid"`
	LocationID string        `json:"location_id,omitempty" format:"uuid"`
	Location   *HSDSLocation `json:"location,omitempty"`
	// The service, in lists and by id (never inside a service).
	Service *HSDSService `json:"service,omitempty"`
}

// HSDSPhone is a public phone number.
type HSDSPhone struct {
	ID             string `json:"id" format:"uuid"`
	ServiceID      string `json:"service_id,omitempty" format:"uuid"`
	OrganizationID string `json:"organization_id,omitempty" format:"uuid"`
	ContactID      string `json:"contact_id,omitempty" format:"uuid"`
	// E.164.
	Number string `json:"number" example:"+33491559000"`
	Type   string `json:"type,omitempty" example:"voice"`
}

// HSDSContact is the structure's public contact for a service.
type HSDSContact struct {
	ID        string      `json:"id" format:"uuid"`
	ServiceID string      `json:"service_id,omitempty" format:"uuid"`
	Name      string      `json:"name,omitempty"`
	Email     string      `json:"email,omitempty" format:"email"`
	Phones    []HSDSPhone `json:"phones,omitempty"`
}

// HSDSSchedule is a weekly opening span (RRULE FREQ=WEEKLY with BYDAY),
// or, for hours that cannot be written so, the hours as text.
type HSDSSchedule struct {
	ID         string `json:"id" format:"uuid"`
	ServiceID  string `json:"service_id,omitempty" format:"uuid"`
	LocationID string `json:"location_id,omitempty" format:"uuid"`
	Freq       string `json:"freq,omitempty" enums:"WEEKLY,MONTHLY" example:"WEEKLY"`
	Wkst       string `json:"wkst,omitempty" enums:"MO,TU,WE,TH,FR,SA,SU" example:"MO"`
	// Comma-separated iCalendar weekdays.
	Byday string `json:"byday,omitempty" example:"MO,TU,WE,TH,FR"`
	// Local time of the place (HH:MM:SS), with its UTC offset where the place's zone keeps one all year (overseas but Saint-Pierre-et-Miquelon: 09:00:00-04:00); without one in metropolitan France and Saint-Pierre-et-Miquelon, whose summer time moves it (the notes name the zone).
	OpensAt string `json:"opens_at,omitempty" example:"09:00:00-04:00"`
	// Local time, as opens_at; earlier than opens_at for a span past midnight, 23:59:59 for the end of the day.
	ClosesAt string `json:"closes_at,omitempty" example:"12:00:00-04:00"`
	// The place's UTC offset in hours, where its zone keeps one all year (-4 in Guadeloupe, 4 in La Réunion); absent where summer time moves it.
	Timezone *float64 `json:"timezone,omitempty" example:"-4"`
	// The hours as written (OpenStreetMap opening_hours) when they cannot be written as weekly rules.
	Description string `json:"description,omitempty"`
	// The service's booking page.
	ScheduleLink string `json:"schedule_link,omitempty" format:"uri"`
	// On site, remotely, or both.
	AttendingType string `json:"attending_type,omitempty" example:"Sur place"`
	// What the weekly rule cannot say: public holidays, dated exceptions, week numbers (a rule for every other week is shown every week), comments, then the whole expression (OpenStreetMap opening_hours); and the place's time zone where the times carry no offset.
	Notes string `json:"notes,omitempty" example:"Fermé les jours fériés."`
}

// HSDSLanguage is a language the service is given in.
type HSDSLanguage struct {
	ID        string `json:"id" format:"uuid"`
	ServiceID string `json:"service_id,omitempty" format:"uuid"`
	Name      string `json:"name,omitempty" example:"Arabe"`
	// ISO 639-1, or 639-2/639-3 where there is no 639-1 code.
	Code string `json:"code,omitempty" example:"ar"`
}

// HSDSCostOption is one of the service's fees.
type HSDSCostOption struct {
	ID        string `json:"id" format:"uuid"`
	ServiceID string `json:"service_id,omitempty" format:"uuid"`
	// The fee, as the national standard says it.
	Option string `json:"option,omitempty" example:"Gratuit"`
	// ISO 4217, with amount 0 for free services.
	Currency string   `json:"currency,omitempty" example:"EUR"`
	Amount   *float64 `json:"amount,omitempty" example:"0"`
	// The service's fee details.
	AmountDescription string `json:"amount_description,omitempty"`
}

// HSDSOrganizationIdentifier is a registry number of the structure.
type HSDSOrganizationIdentifier struct {
	ID             string `json:"id" format:"uuid"`
	OrganizationID string `json:"organization_id,omitempty" format:"uuid"`
	// SIRET, SIREN, RNA or RIDET.
	IdentifierType string `json:"identifier_type" example:"SIRET"`
	Identifier     string `json:"identifier" example:"21130055300016"`
}

// HSDSAttribute attaches a taxonomy term to a service or an organization.
type HSDSAttribute struct {
	ID             string `json:"id" format:"uuid"`
	LinkID         string `json:"link_id,omitempty" format:"uuid"`
	TaxonomyTermID string `json:"taxonomy_term_id,omitempty" format:"uuid"`
	// The vocabulary (taxonomy) the term comes from: themes, publics…
	LinkType string `json:"link_type,omitempty" example:"themes"`
	// service or organization.
	LinkEntity   string            `json:"link_entity,omitempty" example:"service"`
	TaxonomyTerm *HSDSTaxonomyTerm `json:"taxonomy_term,omitempty"`
}

// HSDSTaxonomy is one of Carnet's vocabularies.
type HSDSTaxonomy struct {
	ID          string `json:"id" format:"uuid"`
	Name        string `json:"name" example:"themes"`
	Description string `json:"description"`
	// Where the values come from and its version: the national standard v1.0.2, data·inclusion, Carnet.
	Version string `json:"version,omitempty" example:"lieux de médiation numérique v1.0.2"`
}

// HSDSTaxonomyTerm is one value of a vocabulary.
type HSDSTaxonomyTerm struct {
	ID string `json:"id" format:"uuid"`
	// The value's slug, accepted by Carnet's own API wherever the value is.
	Code string `json:"code,omitempty" example:"aide-aux-demarches-administratives"`
	// The value's label.
	Name        string `json:"name" example:"Aide aux démarches administratives"`
	Description string `json:"description"`
	// The taxonomy's name.
	Taxonomy   string `json:"taxonomy,omitempty" example:"themes"`
	TaxonomyID string `json:"taxonomy_id,omitempty" format:"uuid"`
	// ISO 639-1 language of name and description.
	Language string `json:"language,omitempty" example:"fr"`
}
