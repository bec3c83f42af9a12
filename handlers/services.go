package handlers

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/vocab"
)

// ServiceInput is the writable part of a service: the body of POST and PUT
// and the document a PATCH merge-patches.
type ServiceInput struct {
	// The actor offering the service (required; in sync batches
	// actor_source_id may name it instead); it cannot change after creation.
	ActorID     string `json:"actor_id,omitempty" format:"uuid" extensions:"x-not-null"`
	Name        string `json:"name" example:"Aide aux démarches en ligne" minLength:"1" maxLength:"200"`
	Description string `json:"description,omitempty" example:"Un conseiller numérique vous aide à faire vos démarches CAF, impots.gouv, ANTS." maxLength:"10000"`
	// What kind of help: GET /api/v1/vocabularies/service_kinds.
	Kind string `json:"kind" extensions:"x-vocabulary=service_kinds" example:"procedures_done_with"`
	// At least one of the standard's services; a set: each value once, in the vocabulary's order whatever the order sent.
	Themes []string `json:"themes" extensions:"x-vocabulary=themes" example:"Aide aux démarches administratives" validate:"min=1,max=20"`
	// Publics specifically addressed (publics_specifiquement_adresses); empty means everyone; a set: each value once, in the vocabulary's order whatever the order sent.
	Publics []string `json:"publics,omitempty" extensions:"x-vocabulary=publics" example:"Seniors" validate:"max=20"`
	// Specific support (prise_en_charge_specifique); a set: each value once, in the vocabulary's order whatever the order sent.
	SpecificSupport []string `json:"specific_support,omitempty" extensions:"x-vocabulary=specific_support" example:"Surdité" validate:"max=20"`
	// Fees (frais_a_charge); a set: each value once, in the vocabulary's order whatever the order sent.
	Fees []string `json:"fees,omitempty" extensions:"x-vocabulary=fees" example:"Gratuit" validate:"max=20"`
	// Details about fees: prices, conditions.
	FeesDetails string `json:"fees_details,omitempty" example:"Adhésion annuelle de 10 €" maxLength:"500"`
	// Accepts the Pass numérique (APTIC) cheque.
	PassNumerique bool `json:"pass_numerique,omitempty" extensions:"x-not-null"`
	// How to get the service (modalites_acces); a set: each value once, in the vocabulary's order whatever the order sent.
	AccessModes []string `json:"access_modes,omitempty" extensions:"x-vocabulary=access_modes" example:"Se présenter" validate:"max=20"`
	// How people are accompanied (modalites_accompagnement); a set: each value once, in the vocabulary's order whatever the order sent.
	AccompanimentModes []string `json:"accompaniment_modes,omitempty" extensions:"x-vocabulary=accompaniment_modes" example:"Accompagnement individuel" validate:"max=20"`
	// Given at the place; defaults to true when the body omits both on_site and remote.
	OnSite *bool `json:"on_site,omitempty" extensions:"x-not-null"`
	// Given remotely (phone, video).
	Remote *bool `json:"remote,omitempty" extensions:"x-not-null"`
	// Where the service happens when it is not the actor's address (an itinerant bus's stop).
	Address *AddressInput `json:"address,omitempty"`
	// Coordinates of the service's own address.
	Latitude  *float64 `json:"latitude,omitempty" minimum:"-90" maximum:"90"`
	Longitude *float64 `json:"longitude,omitempty" minimum:"-180" maximum:"180"`
	// The service's own hours (OSM opening_hours); empty means the actor's.
	// Time ranges of one day that overlap are stored merged, and rules in
	// a row naming the same days joined, as for an actor; a range longer
	// than 24 hours is refused with 422.
	OpeningHours string `json:"opening_hours,omitempty" example:"We 14:00-17:00" maxLength:"1000"`
	// Languages the service is given in (GET /api/v1/vocabularies/languages); a set: each value once, in the vocabulary's order whatever the order sent.
	Languages []string `json:"languages,omitempty" extensions:"x-vocabulary=languages" example:"fr" validate:"max=20"`
	// People per session, for workshops.
	Capacity *int `json:"capacity,omitempty" example:"8" minimum:"1" maximum:"100000"`
	// No place left for now. A PUT that leaves it out keeps the stored value, as a sync does (it is the
	// structure's state, which a partner's older schema may not know); null is refused (400).
	IsFull bool `json:"is_full,omitempty" extensions:"x-not-null"`
	// Whether helpers of other structures may refer people to it; true by default when the service is
	// created. A PUT that leaves it out keeps the stored choice (it is the structure's decision: an omission
	// never opens a service to referrals); like every boolean of a service, PATCH null is refused (400).
	AcceptsReferrals *bool  `json:"accepts_referrals,omitempty" extensions:"x-not-null"`
	BookingURL       string `json:"booking_url,omitempty" maxLength:"2000"`
	// draft (hidden from the public), published (the default) or archived.
	Status   string `json:"status,omitempty" extensions:"x-vocabulary=service_status" example:"published"`
	Source   string `json:"source,omitempty" maxLength:"64" extensions:"x-pattern=source"`
	SourceID string `json:"source_id,omitempty" maxLength:"200"`
}

// ActorSummary is the part of an actor shown with its services.
type ActorSummary struct {
	ID          string   `json:"id" format:"uuid"`
	Name        string   `json:"name" example:"Médiathèque de la Porte d'Aix"`
	Address     Address  `json:"address"`
	Departement string   `json:"departement" example:"13"`
	Latitude    *float64 `json:"latitude" extensions:"x-nullable"`
	Longitude   *float64 `json:"longitude" extensions:"x-nullable"`
}

// Service is a service as the API returns it. Every field is present: "" or
// [] when empty, null only where noted.
type Service struct {
	ID                 string       `json:"id" format:"uuid"`
	ActorID            string       `json:"actor_id" format:"uuid"`
	Actor              ActorSummary `json:"actor"`
	Name               string       `json:"name"`
	Description        string       `json:"description"`
	Kind               string       `json:"kind" extensions:"x-vocabulary=service_kinds"`
	Themes             []string     `json:"themes" extensions:"x-vocabulary=themes"`
	Publics            []string     `json:"publics" extensions:"x-vocabulary=publics"`
	SpecificSupport    []string     `json:"specific_support" extensions:"x-vocabulary=specific_support"`
	Fees               []string     `json:"fees" extensions:"x-vocabulary=fees"`
	FeesDetails        string       `json:"fees_details"`
	PassNumerique      bool         `json:"pass_numerique"`
	AccessModes        []string     `json:"access_modes" extensions:"x-vocabulary=access_modes"`
	AccompanimentModes []string     `json:"accompaniment_modes" extensions:"x-vocabulary=accompaniment_modes"`
	OnSite             bool         `json:"on_site"`
	Remote             bool         `json:"remote"`
	// The service's own address; null when it is given at the actor's address.
	Address   *Address `json:"address" extensions:"x-nullable"`
	Latitude  *float64 `json:"latitude" extensions:"x-nullable"`
	Longitude *float64 `json:"longitude" extensions:"x-nullable"`
	// The service's own hours; "" when the actor's hours apply.
	OpeningHours string `json:"opening_hours"`
	// The rules of the service's own opening_hours Carnet cannot read.
	OpeningHoursUnreadable []UnreadableHours `json:"opening_hours_unreadable"`
	Languages              []string          `json:"languages" extensions:"x-vocabulary=languages"`
	// null when not limited or unknown.
	Capacity         *int   `json:"capacity" extensions:"x-nullable"`
	IsFull           bool   `json:"is_full"`
	AcceptsReferrals bool   `json:"accepts_referrals"`
	BookingURL       string `json:"booking_url"`
	Status           string `json:"status" extensions:"x-vocabulary=service_status"`
	Source           string `json:"source"`
	SourceID         string `json:"source_id"`
	CreatedAt        Time   `json:"created_at" format:"date-time"`
	UpdatedAt        Time   `json:"updated_at" format:"date-time"`
	ArchivedAt       *Time  `json:"archived_at" format:"date-time" extensions:"x-nullable"`
	Version          int64  `json:"version"`
}

// ServiceList is one page of services.
type ServiceList struct {
	Data  []Service `json:"data"`
	Meta  ListMeta  `json:"meta"`
	Links ListLinks `json:"links"`
}

func (in *ServiceInput) toModel(s *models.Service) {
	s.ActorID = in.ActorID
	s.Name, s.Description, s.Kind = in.Name, in.Description, in.Kind
	s.Themes, s.Publics, s.SpecificSupport = in.Themes, in.Publics, in.SpecificSupport
	s.Fees, s.FeesDetails, s.PassNumerique = in.Fees, in.FeesDetails, in.PassNumerique
	s.AccessModes, s.AccompanimentModes = in.AccessModes, in.AccompanimentModes
	// Most services happen at the place: on_site defaults to true unless
	// the client says where the service is given.
	s.OnSite = in.OnSite == nil && in.Remote == nil || in.OnSite != nil && *in.OnSite
	s.Remote = in.Remote != nil && *in.Remote
	s.Address = models.Address{}
	if in.Address != nil {
		s.Address = models.Address(*in.Address)
	}
	s.Latitude, s.Longitude = in.Latitude, in.Longitude
	s.OpeningHours, s.Languages = in.OpeningHours, in.Languages
	s.Capacity, s.IsFull, s.BookingURL = in.Capacity, in.IsFull, in.BookingURL
	s.ReferralsClosed = in.AcceptsReferrals != nil && !*in.AcceptsReferrals
	if in.AcceptsReferrals != nil && *in.AcceptsReferrals {
		s.AskReferrals()
	}
	s.Status, s.Source, s.SourceID = in.Status, in.Source, in.SourceID
}

// checkPoint refuses coordinates sent without the service's own address,
// which they would locate: Normalize drops such a point.
func (in *ServiceInput) checkPoint() error {
	if in.Address != nil || in.Latitude == nil && in.Longitude == nil {
		return nil
	}
	var fe models.FieldErrors
	models.PointWithoutAddress(&fe, in.Latitude, in.Longitude)
	return fe.Err("The service is invalid.")
}

// checkPatch is the check, beyond the record's own rules, of the service
// in a merge patch leaves: PATCH, a suggestion when it is made and when it
// is accepted all run it, so that a change refused on one path is refused
// on each. A point the patch sets needs the service's own address; one
// left without it by another change is dropped (Normalize).
func (in *ServiceInput) checkPatch(patch []byte) error {
	if patchSetsPoint(patch) {
		return in.checkPoint()
	}
	return nil
}

// patchSetsPoint says whether a merge patch gives the service coordinates:
// only then is a point without an address the client's doing.
func patchSetsPoint(patch []byte) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(patch, &m) != nil {
		return false
	}
	given := func(k string) bool { v, ok := m[k]; return ok && string(v) != "null" }
	return given("latitude") || given("longitude")
}

func newServiceInput(s *models.Service) ServiceInput {
	in := ServiceInput{
		ActorID: s.ActorID, Name: s.Name, Description: s.Description, Kind: s.Kind,
		Themes: s.Themes, Publics: s.Publics, SpecificSupport: s.SpecificSupport,
		Fees: s.Fees, FeesDetails: s.FeesDetails, PassNumerique: s.PassNumerique,
		AccessModes: s.AccessModes, AccompanimentModes: s.AccompanimentModes,
		OnSite: &s.OnSite, Remote: &s.Remote,
		Latitude: s.Latitude, Longitude: s.Longitude, OpeningHours: s.OpeningHours, Languages: s.Languages,
		Capacity: s.Capacity, IsFull: s.IsFull, BookingURL: s.BookingURL, AcceptsReferrals: ptr(!s.ReferralsClosed),
		Status: s.Status, Source: s.Source, SourceID: s.SourceID,
	}
	if !s.Address.IsZero() {
		a := AddressInput(s.Address)
		in.Address = &a
	}
	return in
}

func newService(s *models.Service) Service {
	out := Service{
		ID: s.ID, ActorID: s.ActorID, Name: s.Name, Description: s.Description, Kind: s.Kind,
		Themes: list(s.Themes), Publics: list(s.Publics), SpecificSupport: list(s.SpecificSupport),
		Fees: list(s.Fees), FeesDetails: s.FeesDetails, PassNumerique: s.PassNumerique,
		AccessModes: list(s.AccessModes), AccompanimentModes: list(s.AccompanimentModes),
		OnSite: s.OnSite, Remote: s.Remote, Latitude: s.Latitude, Longitude: s.Longitude,
		OpeningHours: s.OpeningHours, OpeningHoursUnreadable: unreadableHours(s.OpeningHours), Languages: list(s.Languages), Capacity: s.Capacity, IsFull: s.IsFull, AcceptsReferrals: !s.ReferralsClosed,
		BookingURL: s.BookingURL, Status: s.Status, Source: s.Source, SourceID: s.SourceID,
		CreatedAt: stamp(s.CreatedAt), UpdatedAt: stamp(s.UpdatedAt), ArchivedAt: stampPtr(s.ArchivedAt), Version: s.Version,
	}
	if !s.Address.IsZero() {
		a := Address(s.Address)
		out.Address = &a
	}
	if a := s.Actor; a != nil {
		out.Actor = ActorSummary{ID: a.ID, Name: a.Name, Address: Address(a.Address), Departement: a.Departement, Latitude: a.Latitude, Longitude: a.Longitude}
	}
	return out
}

// ListServices godoc
//
//	@ID			listServices
//	@Summary		List services
//	@Description	Pages through published services (a structure's editors also see its drafts). Within one filter, values are alternatives (any of); across filters, all must hold. Place filters (commune, postal_code, insee_code, departement) all read one address: the service's own when it has one, else its actor's — as GET /api/v1/search/services, the exports and HSDS do. A service given in Paris by a Marseille structure is under 75 and 75001, not 13. (Who may edit a service follows its actor, wherever it is given.)
//	@Tags			services
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			name				query		string		false	"Part of the name; case, accents, ligatures and punctuation ignored (l'isle finds L’Isle)"	maxlength(500)	example(démarches)
//	@Param			actor_id			query		[]string	false	"Services of these actors"			collectionFormat(csv)
//	@Param			kind				query		[]string	false	"Service kinds: its own, or one its accompaniment modes give (Dans un atelier collectif: collective_workshop; En autonomie: equipment_access; Accompagnement individuel: procedures_done_with with the administrative procedures theme, one_off_help otherwise), as search reads it"						collectionFormat(csv)	extensions(x-vocabulary=service_kinds)
//	@Param			themes				query		[]string	false	"Themes"							collectionFormat(csv)	extensions(x-vocabulary=themes)	example(aide-aux-demarches-administratives)
//	@Param			publics				query		[]string	false	"Publics"							collectionFormat(csv)	extensions(x-vocabulary=publics)
//	@Param			specific_support	query		[]string	false	"Specific support"					collectionFormat(csv)	extensions(x-vocabulary=specific_support)
//	@Param			fees				query		[]string	false	"Fees"								collectionFormat(csv)	extensions(x-vocabulary=fees)	example(gratuit)
//	@Param			access_modes		query		[]string	false	"Access modes"						collectionFormat(csv)	extensions(x-vocabulary=access_modes)
//	@Param			accompaniment_modes	query		[]string	false	"Accompaniment modes"				collectionFormat(csv)	extensions(x-vocabulary=accompaniment_modes)
//	@Param			languages			query		[]string	false	"Languages"							collectionFormat(csv)	extensions(x-vocabulary=languages)
//	@Param			pass_numerique		query		bool		false	"Accepts the Pass numérique"
//	@Param			on_site				query		bool		false	"Given on site"
//	@Param			remote				query		bool		false	"Given remotely"
//	@Param			is_full				query		bool		false	"Currently full"
//	@Param			status				query		[]string	false	"draft, published (archived with include_archived)"	collectionFormat(csv)	extensions(x-vocabulary=service_status)
//	@Param			source				query		[]string	false	"Data sources (case ignored; a value that cannot name a source, such as *, answers 400)"						collectionFormat(csv)
//	@Param			commune				query		[]string	false	"Communes: INSEE codes, postal codes (75001 is Paris 1er; a code that is both, 13001 Aix-en-Provence's INSEE code and Marseille 1er's postal code, reads both; insee:13001 or postal:13001 reads one way) or names, current, former or short (La Seyne), a département or postal code after a name settling it (Saint-Denis (974)); a name several communes share answers 400 listing them unless departement settles it (Paris, Lyon and Marseille include their arrondissements), of the service's own address, else its actor's"	collectionFormat(csv)	example(Marseille)
//	@Param			postal_code			query		[]string	false	"Postal codes of the service's own address, else its actor's"	collectionFormat(csv)
//	@Param			insee_code			query		[]string	false	"INSEE commune codes (same as commune), of the service's own address, else its actor's"	collectionFormat(csv)
//	@Param			departement			query		[]string	false	"Département codes (13, 2A, 974) or names (Bouches-du-Rhône; case, accents and hyphens ignored), of the service's own address, else its actor's"	collectionFormat(csv)	example(13)
//	@Param			updated_since		query		string		false	"Changed at or after this RFC 3339 time: the service, or its actor's public record (name, place, hours, contacts), as HSDS modified_after; a leap second (:60) is read as the next second"	format(date-time)	example(2026-11-01T00:00:00Z)
//	@Param			include_archived	query		bool		false	"Include archived services (tombstones)"
//	@Param			exclude_duplicates	query		bool		false	"Hide the services of actors hidden by exclude_duplicates on /api/v1/actors"
//	@Param			sort				query		string		false	"Order: id (creation), name or updated_at; a leading - runs it backwards (-updated_at: the last changed first)"	Enums(id, name, updated_at, -id, -name, -updated_at)	default(id)
//	@Param			cursor				query		string		false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit				query		int			false	"Page size"	minimum(1)	maximum(200)	default(20)	example(50)
//	@Success		200					{object}	ServiceList
//	@Failure		400					{object}	Problem	"Invalid query parameter"
//	@Failure		401					{object}	Problem	"A token was sent but is invalid"
//	@Failure		500					{object}	Problem
//	@Router			/api/v1/services [get]
func (h *Handler) ListServices(c *gin.Context) error {
	f, err := serviceFilterFromQuery(queryOf(c))
	if err != nil {
		return err
	}
	f.Viewer = principal(c)
	page, err := h.Store.ListServices(c.Request.Context(), f)
	if err != nil {
		return err
	}
	out := ServiceList{Data: make([]Service, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newService(&page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// serviceFilterFromQuery reads the filters of GET /services.
func serviceFilterFromQuery(q *queryParser) (models.ServiceFilter, error) {
	q.elsewhere = serviceSearch
	f := models.ServiceFilter{
		Name:               q.one("name"),
		ActorIDs:           q.codes("actor_id", "a UUID", models.ValidID),
		Kinds:              q.vocab("kind", vocab.NameServiceKinds),
		Themes:             q.vocab("themes", vocab.NameThemes),
		Publics:            q.vocab("publics", vocab.NamePublics),
		SpecificSupport:    q.vocab("specific_support", vocab.NameSpecificSupport),
		Fees:               q.vocab("fees", vocab.NameFees),
		AccessModes:        q.vocab("access_modes", vocab.NameAccessModes),
		AccompanimentModes: q.vocab("accompaniment_modes", vocab.NameAccompanimentModes),
		Languages:          q.vocab("languages", vocab.NameLanguages),
		PassNumerique:      q.boolean("pass_numerique"),
		OnSite:             q.boolean("on_site"),
		Remote:             q.boolean("remote"),
		IsFull:             q.boolean("is_full"),
		Statuses:           q.vocab("status", vocab.NameServiceStatus),
		Sources:            q.sources("source"),
		PostalCodes:        q.postalCodes(""),
		InseeCodes:         q.placeCodes(),
		Departements:       q.departements("departement"),
		UpdatedSince:       q.timestamp("updated_since"),
		IncludeArchived:    q.flag("include_archived"),
		ExcludeDuplicates:  q.flag("exclude_duplicates"),
		ListParams:         q.page(models.SortID, models.SortName, models.SortUpdatedAt, "-"+models.SortID, "-"+models.SortName, "-"+models.SortUpdatedAt),
	}
	return f, q.err()
}

// GetService godoc
//
//	@ID			getService
//	@Summary		Get a service
//	@Description	Returns the service with a summary of its actor. Drafts, archived ones included, are visible only to those who see them in lists (the structure's people, the coordinators of its territory, partner clients writing the service's own source, administrators; 404 for others, on every route of the service); an archived service answers 410.
//	@Tags			services
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			id	path		string	true	"Service id"	format(uuid)
//	@Success		200	{object}	Service
//	@Header			200	{string}	ETag	"Version of the representation, for If-Match, then a digest of the body"
//	@Success		304	"Not modified"
//	@Failure		401	{object}	Problem	"A token was sent but is invalid"
//	@Failure		404	{object}	Problem
//	@Failure		410	{object}	Problem	"Archived"
//	@Router			/api/v1/services/{id} [get]
func (h *Handler) GetService(c *gin.Context) error {
	s, err := h.visibleService(c, c.Param("id"))
	if err != nil {
		return err
	}
	if s.IsArchived() {
		return models.Errorf(models.EGONE, "The service %s was archived on %s.", s.ID, s.ArchivedAt.Format(time.RFC3339))
	}
	return writeVersioned(c, http.StatusOK, serviceETag(s), newService(s))
}

// visibleService loads a service, answering 404 for a draft the caller may
// not see: its existence is not public yet. Every path to one service
// (read, history, writes, restore, suggestions) comes through here, and the
// question is the lists' own (Store.ServiceVisibleTo), so that no path shows
// a draft the lists, the change feed and webhooks hide from the same caller.
func (h *Handler) visibleService(c *gin.Context, id string) (*models.Service, error) {
	ctx := c.Request.Context()
	s, err := h.Store.GetService(ctx, id)
	if err != nil {
		return nil, err
	}
	// An archived service is still a draft when its last archiving found
	// one (what a restore brings back): its 410 would tell anyone the id
	// exists. A published one is anyone's: no second query.
	if s.Status != vocab.ServicePublished {
		ok, err := h.Store.ServiceVisibleTo(ctx, s.ID, principal(c))
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, models.Errorf(models.ENOTFOUND, "No service has the id %q.", id)
		}
	}
	return s, nil
}

// canEditService checks that p may edit services of the actor, and that a
// partner writes only records of its own source.
func (h *Handler) canEditService(c *gin.Context, s *models.Service, verb string) error {
	p := principal(c)
	ref, err := h.Store.ActorRef(c.Request.Context(), s.ActorID)
	if models.ErrorCode(err) == models.ENOTFOUND {
		return &models.Error{Code: models.EINVALID, Message: "The service is invalid.", Fields: []models.FieldError{{Field: "actor_id", Reason: "no active actor has this id"}}}
	}
	if err != nil {
		return err
	}
	if !p.CanEditActor(ref) {
		return models.Errorf(models.EFORBIDDEN, "Your account may not %s services of this actor.", verb)
	}
	if p.IsPartner() && !p.CanWriteSource(s.Source) {
		return models.Errorf(models.EFORBIDDEN, "A partner client may only write services whose source is one of its own (%s).", strings.Join(p.Sources, ", "))
	}
	return nil
}

// CreateService godoc
//
//	@ID			createService
//	@Summary		Create a service
//	@Description	Adds a service to an active actor. Status defaults to published; on_site defaults to true. A place has at most 300 services that are not archived (409 naming the place and the bound beyond). Who: those who may edit the service's actor (administrators, coordinators of its territory, managers of the actor or its network); partner clients with the directory:write scope for services of their own source. A new service of a structure with a team, created by someone who is not its manager (or its network's) nor an administrator — a coordinator, a partner — starts closed to referrals (accepts_referrals false) when the body omits accepts_referrals, and is refused (403 naming accepts_referrals) when it says true: its managers open it. An open service created by them is recorded in the structure's security trail (service.accepts_referrals_changed).
//	@Tags			services
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			Idempotency-Key	header		string			false	"Makes retries safe: the same key and body return the first success again. A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			service			body		ServiceInput	true	"The service"
//	@Success		201				{object}	Service
//	@Header			201				{string}	Location	"URL of the new service"
//	@Header			201				{string}	ETag		"Version of the representation"
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		413				{object}	Problem
//	@Failure		415				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/services [post]
func (h *Handler) CreateService(c *gin.Context) error {
	var in ServiceInput
	if _, err := decodeReplacement(c, &in, serviceBooleans); err != nil { // null on a boolean: 400
		return err
	}
	if err := in.checkPoint(); err != nil {
		return err
	}
	var s models.Service
	in.toModel(&s)
	// Shape first: a client fixing its body should see every invalid
	// field at once, whoever it is.
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	if err := h.canEditService(c, &s, "add"); err != nil {
		return err
	}
	if err := h.Store.CreateService(c.Request.Context(), &s); err != nil {
		return err
	}
	return h.writeServiceRecord(c, http.StatusCreated, s.ID)
}

// ReplaceService godoc
//
//	@ID			replaceService
//	@Summary		Replace a service
//	@Description	Replaces every writable field: omitted fields are cleared (on_site is true when both on_site and remote are omitted), except accepts_referrals and is_full, which keep the stored choice when omitted, as a sync keeps them. A boolean (on_site, remote, pass_numerique, is_full, accepts_referrals) has no none: null is refused with 400 naming it. Setting status to archived archives the service. Send If-Match to avoid lost updates (412). Who: those who may edit the service's actor (administrators, coordinators of its territory, managers of the actor or its network); partner clients with the directory:write scope for services of their own source. For a structure with a team, opening a service to referrals (accepts_referrals true on a service that had it false) is the structure's commitment: only its managers (or its network's) and administrators make it (403 naming accepts_referrals; recorded in its security trail as service.accepts_referrals_changed).
//	@Tags			services
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			id			path		string			true	"Service id"	format(uuid)
//	@Param			If-Match	header		string			false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header		string			false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Param			service		body		ServiceInput	true	"The service"
//	@Success		200			{object}	Service
//	@Header			200			{string}	ETag	"New version"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		410			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/services/{id} [put]
func (h *Handler) ReplaceService(c *gin.Context) error {
	var sent ServiceInput
	var members map[string]json.RawMessage
	read := func() (err error) {
		members, err = decodeReplacement(c, &sent, serviceBooleans)
		return err
	}
	return h.updateService(c, read, func(cur *models.Service, in *ServiceInput) error {
		*in = sent
		// Left out, accepts_referrals and is_full keep the structure's
		// choice, as a sync keeps them: read as their defaults, a PUT
		// reopened to referrals a service its structure had closed (probe
		// h36 B, 4), and a partner's PUT of an older schema marked a full
		// service as having room (verify36 N4).
		if in.AcceptsReferrals == nil {
			in.AcceptsReferrals = ptr(!cur.ReferralsClosed)
		}
		if !has(members, "is_full") {
			in.IsFull = cur.IsFull
		}
		return in.checkPoint()
	})
}

// serviceBooleans are the booleans of a service: none can be removed, so
// PATCH null on one is refused naming it rather than read as a default —
// null on accepts_referrals reopened the service to referrals, and on
// on_site turned it to false where an omitted one is true.
var serviceBooleans = []string{"on_site", "remote", "pass_numerique", "is_full", "accepts_referrals"}

// PatchService godoc
//
//	@ID			patchService
//	@Summary		Update some fields of a service
//	@Description	Applies a JSON Merge Patch (RFC 7396): fields present are set, null clears a field, absent fields are kept. A boolean (on_site, remote, pass_numerique, is_full, accepts_referrals) cannot be cleared: null is refused with 400 naming it (omit it to keep the value). Who: those who may edit the service's actor (administrators, coordinators of its territory, managers of the actor or its network); partner clients with the directory:write scope for services of their own source. For a structure with a team, opening a service to referrals (accepts_referrals true on a service that had it false) is the structure's commitment: only its managers (or its network's) and administrators make it (403 naming accepts_referrals; recorded in its security trail as service.accepts_referrals_changed). A patch that changes nothing is a save that confirms the record (and, for a published service, its place's checked_on): 200 with a new version and ETag, a history entry without changes, a feed entry and webhooks.
//	@Tags			services
//	@Accept			json
//	@Accept			application/merge-patch+json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			id			path		string			true	"Service id"	format(uuid)
//	@Param			If-Match	header		string			false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header		string			false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Param			patch		body		ServiceInput	true	"The fields to change"
//	@Success		200			{object}	Service
//	@Header			200			{string}	ETag	"New version"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		410			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/services/{id} [patch]
func (h *Handler) PatchService(c *gin.Context) error {
	var patch []byte
	read := func() (err error) {
		patch, err = readPatch(c, &ServiceInput{}, serviceBooleans...)
		return err
	}
	return h.updateService(c, read, func(cur *models.Service, in *ServiceInput) error {
		base := newServiceInput(cur)
		if err := applyPatch(patch, &base, in); err != nil {
			return err
		}
		return in.checkPatch(patch)
	})
}

// writeServiceRecord answers a write of the service id with what GET
// reads, body and ETag, read after the write's commit: a service's write
// moves its place's public version (its quality, its checked_on) after the
// store built the written record, so the answer built from that record
// carried the place's former version in its tag and a caching client's
// If-None-Match never matched the GET that followed (probe 45). A
// creation (201) says where the new service is.
func (h *Handler) writeServiceRecord(c *gin.Context, status int, id string) error {
	s, err := h.visibleService(c, id)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		c.Header("Location", "/api/v1/services/"+s.ID)
	}
	return writeVersioned(c, status, serviceETag(s), newService(s))
}

// updateService changes a service: read reads and checks the body before
// the store's write transaction is opened, apply makes the new state inside
// it (as updateActor).
func (h *Handler) updateService(c *gin.Context, read func() error, apply func(cur *models.Service, in *ServiceInput) error) error {
	id := c.Param("id")
	cur, err := h.visibleService(c, id)
	if err != nil {
		return err
	}
	if err := h.canEditService(c, cur, "change"); err != nil {
		return err
	}
	pre, err := preconditions(c)
	if err != nil {
		return err
	}
	if err := read(); err != nil {
		return err
	}
	s, err := h.Store.UpdateService(c.Request.Context(), id, pre, func(cur *models.Service) error {
		var in ServiceInput
		if err := apply(cur, &in); err != nil {
			return err
		}
		// The new state is authorised by the store (a partner cannot
		// hand a service to another source, a person cannot set one).
		in.toModel(cur)
		return nil
	})
	if err != nil {
		return err
	}
	return h.writeServiceRecord(c, http.StatusOK, s.ID)
}

// ArchiveService godoc
//
//	@ID			archiveService
//	@Summary		Archive a service
//	@Description	Removes the service from the directory; it stays as a tombstone (GET answers 410, change feeds report the deletion). Who: those who may edit the service's actor (administrators, coordinators of its territory, managers of the actor or its network); partner clients with the directory:write scope for services of their own source.
//	@Tags			services
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			id			path	string	true	"Service id"	format(uuid)
//	@Param			If-Match	header	string	false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header	string	false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Success		204			"Archived"
//	@Failure		400			{object}	Problem	"An unknown query parameter, or a malformed If-Match or If-None-Match"
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		410			{object}	Problem	"Already archived"
//	@Failure		412			{object}	Problem
//	@Router			/api/v1/services/{id} [delete]
func (h *Handler) ArchiveService(c *gin.Context) error {
	id := c.Param("id")
	cur, err := h.visibleService(c, id)
	if err != nil {
		return err
	}
	if err := h.canEditService(c, cur, "archive"); err != nil {
		return err
	}
	pre, err := preconditions(c)
	if err != nil {
		return err
	}
	if _, err := h.Store.ArchiveService(c.Request.Context(), id, pre); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// RestoreService godoc
//
//	@ID			restoreService
//	@Summary		Restore an archived service
//	@Description	Brings an archived service back in the status it had before (draft when unknown). Its actor must be active (409 otherwise: restore the actor first), with room for it: at most 300 services that are not archived per place (409 naming the place and the bound). Recorded in the service's history (action restore). Who: those who may edit the service; a service an administrator archived, only an administrator (403 otherwise, saying so).
//	@Tags			services
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			id			path		string	true	"Service id"	format(uuid)
//	@Param			If-Match	header		string	false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header		string	false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Success		200			{object}	Service
//	@Header			200			{string}	ETag	"New version"
//	@Failure		400			{object}	Problem	"An unknown query parameter, or a malformed If-Match or If-None-Match"
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"Not allowed to edit the service, or an administrator archived it"
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"Not archived, its actor is archived, or its place already has 300 services that are not archived"
//	@Failure		412			{object}	Problem
//	@Router			/api/v1/services/{id}/restore [post]
func (h *Handler) RestoreService(c *gin.Context) error {
	ctx := c.Request.Context()
	s, err := h.visibleService(c, c.Param("id")) // an archived draft is 404 to who may not see it, not 403
	if err != nil {
		return err
	}
	if err := h.canEditService(c, s, "restore"); err != nil {
		return err
	}
	pre, err := preconditions(c)
	if err != nil {
		return err
	}
	if _, err := h.Store.RestoreService(ctx, s.ID, pre); err != nil {
		return err
	}
	return h.writeServiceRecord(c, http.StatusOK, s.ID)
}
