package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/hsds"
	"carnet/models/ident"
)

// The Open Referral HSDS 3.0 read view (models/hsds): the public directory
// under HSDSBasePath with the paths, parameters and page shape of the HSDS
// 3.0 API specification. It shows the same thing to everyone — published
// services of live places — so it takes no token, and every answer allows
// any origin (api adds Access-Control-Allow-Origin: *), as the UK profile
// requires.

// HSDSBasePath is the base of the HSDS API: its paths (/services,
// /organizations…) are relative to it.
const HSDSBasePath = "/api/hsds/v3"

// HSDSVersion is the HSDS version the view implements.
const HSDSVersion = "3.0"

// hsdsProfile documents the profile: none beyond HSDS 3.0 itself.
const hsdsProfile = "https://github.com/openreferral/specification/tree/3.0"

// Limits of the proximity search, in meters.
const maxProximity = 100_000

// HSDSInfo godoc
//
//	@ID			hsdsGetInfo
//	@Summary		HSDS API details
//	@Description	The HSDS version, profile and OpenAPI document of the Open Referral HSDS 3.0 view. Every /api/hsds/v3 endpoint is public (no token) and answers with Access-Control-Allow-Origin: *.
//	@Tags			hsds
//	@Produce		json
//	@Success		200	{object}	hsds.HSDSAPIInfo
//	@Failure		400	{object}	Problem
//	@Router			/api/hsds/v3 [get]
func (h *Handler) HSDSInfo(c *gin.Context) error {
	return writeHSDS(c, queryOf(c), func() (hsds.HSDSAPIInfo, error) {
		return hsds.HSDSAPIInfo{Version: HSDSVersion, Profile: hsdsProfile, OpenAPIURL: h.publicBaseURL(c) + HSDSBasePath + "/openapi.json"}, nil
	})
}

// publicBaseURL is the service's public base URL: CARNET_PUBLIC_URL when
// the operator set it, which a client cannot change; otherwise the scheme
// and host the client called. HSDS wants absolute URLs; without the setting
// the service does not know its public name, so it echoes the request's
// (X-Forwarded-Proto says whether a proxy in front terminated TLS; a client
// that forges it or the Host header only misleads itself, and the answer
// says Vary: Host so that no shared cache hands it to others).
func (h *Handler) publicBaseURL(c *gin.Context) string {
	if h.PublicURL != "" {
		return h.PublicURL
	}
	AddVary(c.Writer.Header(), "Host", "X-Forwarded-Proto")
	scheme := "http"
	if c.Request.TLS != nil || strings.EqualFold(c.GetHeader("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	host := c.Request.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host
}

// hsdsPaging reads page and per_page; other is per_page's rule elsewhere,
// said when it is refused.
func (q *queryParser) hsdsPaging(maxPerPage int, other ...string) hsds.Paging {
	p := hsds.Paging{Page: 1, PerPage: hsds.DefaultPerPage}
	if n, ok := q.integer("page", 1, hsds.MaxPage); ok {
		p.Page = n
	}
	if n, ok := q.integerOr("per_page", 1, maxPerPage, strings.Join(other, "")); ok {
		p.PerPage = n
	}
	return p
}

// hsdsFormat accepts the HSDS format parameter's default, json. ndjson
// (every result unpaged) is not served: the exports and the change feed of
// /api/v1 are the bulk paths.
func (q *queryParser) hsdsFormat() {
	if f := q.one("format"); f != "" && f != "json" {
		q.errs.Add("format", "only json is served; for every record at once use the exports (/api/v1/exports) or page through this list")
	}
}

func (q *queryParser) hsdsSearch() []string {
	s := q.one("search")
	if s == "" {
		return nil
	}
	words := models.SearchWords(s)
	if len(words) > 10 {
		q.errs.Add("search", "at most 10 words")
		return nil
	}
	return words
}

// hsdsTerms reads taxonomy_term_id: ids of taxonomy terms, comma-separated,
// any of which a service may hold.
func (q *queryParser) hsdsTerms() []hsds.TermRef {
	var out []hsds.TermRef
	for _, id := range q.raw("taxonomy_term_id") {
		_, ref, ok := hsds.Term(id)
		if !ok {
			q.errs.Addf("taxonomy_term_id", "%q is not the id of a taxonomy term (GET %s/taxonomy_terms lists them)", clip(id), HSDSBasePath)
			continue
		}
		out = append(out, ref)
	}
	return out
}

// hsdsTaxonomies reads taxonomy_id: ids of taxonomies, comma-separated.
func (q *queryParser) hsdsTaxonomies(name string) []string {
	var out []string
	for _, id := range q.raw(name) {
		v, ok := hsds.TaxonomyVocabulary(id)
		if !ok {
			q.errs.Addf(name, "%q is not the id of a taxonomy (GET %s/taxonomies lists them)", clip(id), HSDSBasePath)
			continue
		}
		out = append(out, v)
	}
	return out
}

// modifiedAfter reads an RFC 3339 time or a date (midnight UTC).
func (q *queryParser) modifiedAfter() *time.Time {
	s := q.one("modified_after")
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		s = t.Format(time.RFC3339)
	}
	n := len(q.errs)
	t := q.parseTime("modified_after", s)
	if len(q.errs) > n {
		q.errs[n].Reason += ", or a date such as 2026-01-31"
	}
	return t
}

// serviceQuery reads the filters /services and /service_at_locations share.
func (q *queryParser) hsdsServiceQuery() hsds.ServiceQuery {
	sq := hsds.ServiceQuery{Words: q.hsdsSearch(), Terms: q.hsdsTerms(), Vocabularies: q.hsdsTaxonomies("taxonomy_id"),
		OrganizationID: q.id("organization_id"), ModifiedAfter: q.modifiedAfter(), Full: q.flag("full"),
		IncludeDuplicates: q.flag("include_duplicates")}
	q.hsdsFormat()
	return sq
}

func (h *Handler) hsds() hsds.Reader { return hsds.Reader{Store: h.Store} }

// writeHSDS answers with what get returns once the query string is
// known to be valid.
func writeHSDS[T any](c *gin.Context, q *queryParser, get func() (T, error)) error {
	if err := q.err(); err != nil {
		return err
	}
	out, err := get()
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}

// hsdsStatic marks the answers that only change with a new release
// (taxonomies are Carnet's vocabularies, compiled in).
func hsdsStatic(c *gin.Context) { c.Header("Cache-Control", "public, max-age=3600") }

// HSDSServices godoc
//
//	@ID			hsdsListServices
//	@Summary		HSDS services
//	@Description	Pages through the published services of live places as HSDS 3.0 services, in creation order. Lists carry each service's one-to-one fields and its organization; full=true nests everything (phones, schedules, service_at_locations, languages, cost_options, contacts, attributes). Filters all hold together; taxonomy_term_id and taxonomy_id take one id or several, comma-separated (any of).
//	@Tags			hsds
//	@Produce		json
//	@Param			search				query		string	false	"Words that must each occur (case and accents ignored) in the service's name, description or themes, its structure's name or its commune"	maxlength(500)
//	@Param			page				query		int		false	"Page number, from 1"				minimum(1)	maximum(1000000)	default(1)
//	@Param			per_page			query		int		false	"Items per page: at most 200, up to 5000 with minimal=true (the maximum says the common case; a larger page without minimal=true is refused with 400 naming per_page and both bounds)"	minimum(1)	maximum(200)	default(50)
//	@Param			format				query		string	false	"Only json"							Enums(json)
//	@Param			taxonomy_term_id	query		string	false	"Services holding one of these taxonomy terms (comma-separated ids)"
//	@Param			taxonomy_id			query		string	false	"Services holding some term of one of these taxonomies (comma-separated ids)"
//	@Param			organization_id		query		string	false	"Services of this organization"	format(uuid)
//	@Param			modified_after		query		string	false	"Services whose record or whose structure changed at or after this RFC 3339 time or date; a leap second (:60) is read as the next second"
//	@Param			minimal				query		bool	false	"Only id, name, status and last_modified of each service"
//	@Param			full				query		bool	false	"Fully nested services"
//	@Param			include_duplicates	query		bool	false	"Include the services of the hidden record of each confirmed duplicate link, left out otherwise (a place a coordinator confirmed as one is served once, in its kept record); organization_id and a service's id still read them"
//	@Success		200					{object}	hsds.HSDSServiceList
//	@Failure		400					{object}	Problem
//	@Router			/api/hsds/v3/services [get]
func (h *Handler) HSDSServices(c *gin.Context) error {
	q := queryOf(c)
	minimal := q.flag("minimal")
	maxPerPage, other := hsds.MaxPerPage, fmt.Sprintf("up to %d with minimal=true", hsds.MaxMinimalPerPage)
	if minimal {
		maxPerPage, other = hsds.MaxMinimalPerPage, ""
	}
	sq := q.hsdsServiceQuery()
	sq.Minimal, sq.Paging = minimal, q.hsdsPaging(maxPerPage, other)
	if minimal && sq.Full {
		q.errs.Add("minimal", "cannot be combined with full=true")
	}
	return writeHSDS(c, q, func() (hsds.HSDSServiceList, error) { return h.hsds().Services(c.Request.Context(), sq) })
}

// HSDSService godoc
//
//	@ID			hsdsGetService
//	@Summary		HSDS service
//	@Description	A published service of a live place, fully nested: its organization, its service_at_location with the location, phones and contact (when the structure published its contact details), weekly schedules from its opening hours, languages, cost options and attributes (Carnet's vocabulary values as taxonomy terms).
//	@Tags			hsds
//	@Produce		json
//	@Param			id	path		string	true	"Service id"
//	@Success		200	{object}	hsds.HSDSService
//	@Failure		400	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/hsds/v3/services/{id} [get]
func (h *Handler) HSDSService(c *gin.Context) error {
	return writeHSDS(c, queryOf(c), func() (hsds.HSDSService, error) {
		return h.hsds().Service(c.Request.Context(), c.Param("id"))
	})
}

// HSDSServicesAtLocation godoc
//
//	@ID			hsdsListServicesAtLocation
//	@Summary		HSDS services at location
//	@Description	One service_at_location per published service: the service at its own address (an itinerant bus's stop) or at its structure's place, with the location and the service. Same filters as /services, plus postcode (the place's postal code) and proximity (meters around the postal code's centre: the mean of the centres of its communes in the official commune reference, or of the directory's places with that postal code when the reference does not know it).
//	@Tags			hsds
//	@Produce		json
//	@Param			search				query		string	false	"Words that must each occur (case and accents ignored) in the service's name, description or themes, its structure's name or its commune"	maxlength(500)
//	@Param			taxonomy_term_id	query		string	false	"Services holding one of these taxonomy terms (comma-separated ids)"
//	@Param			taxonomy_id			query		string	false	"Services holding some term of one of these taxonomies (comma-separated ids)"
//	@Param			organization_id		query		string	false	"Services of this organization"	format(uuid)
//	@Param			modified_after		query		string	false	"Services whose record or whose structure changed at or after this RFC 3339 time or date; a leap second (:60) is read as the next second"
//	@Param			full				query		bool	false	"Fully nested locations and services"
//	@Param			include_duplicates	query		bool	false	"Include the services of the hidden record of each confirmed duplicate link, left out otherwise (a place a coordinator confirmed as one is served once, in its kept record); organization_id and a service's id still read them"
//	@Param			page				query		int		false	"Page number, from 1"	minimum(1)	maximum(1000000)	default(1)
//	@Param			per_page			query		int		false	"Items per page"		minimum(1)	maximum(200)	default(50)
//	@Param			format				query		string	false	"Only json"				Enums(json)
//	@Param			postcode			query		string	false	"Postal code of the place (5 digits)"
//	@Param			proximity			query		number	false	"With postcode: meters around the postal code's centre"	minimum(1)	maximum(100000)
//	@Success		200					{object}	hsds.HSDSServiceAtLocationList
//	@Failure		400					{object}	Problem
//	@Failure		422					{object}	Problem
//	@Router			/api/hsds/v3/service_at_locations [get]
func (h *Handler) HSDSServicesAtLocation(c *gin.Context) error {
	q := queryOf(c)
	sq := q.hsdsServiceQuery()
	sq.Paging = q.hsdsPaging(hsds.MaxPerPage)
	sq.PostalCode = q.one("postcode")
	if sq.PostalCode != "" && !ident.ValidPostalCode(sq.PostalCode) {
		q.errs.Add("postcode", "must be a French postal code of 5 digits")
	}
	if m, present, ok := q.number("proximity"); present {
		switch {
		case !ok || m < 1 || m > maxProximity:
			q.errs.Addf("proximity", "must be a distance in meters from 1 to %d", maxProximity)
		case sq.PostalCode == "":
			q.errs.Add("proximity", "needs postcode: the distance is measured from the postal code's centre")
		default:
			sq.ProximityMeters = m
		}
	}
	return writeHSDS(c, q, func() (hsds.HSDSServiceAtLocationList, error) {
		return h.hsds().ServicesAtLocation(c.Request.Context(), sq)
	})
}

// HSDSServiceAtLocation godoc
//
//	@ID			hsdsGetServiceAtLocation
//	@Summary		HSDS service at location
//	@Description	A service at its location, both fully nested.
//	@Tags			hsds
//	@Produce		json
//	@Param			id	path		string	true	"Service at location id"
//	@Success		200	{object}	hsds.HSDSServiceAtLocation
//	@Failure		400	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/hsds/v3/service_at_locations/{id} [get]
func (h *Handler) HSDSServiceAtLocation(c *gin.Context) error {
	return writeHSDS(c, queryOf(c), func() (hsds.HSDSServiceAtLocation, error) {
		return h.hsds().ServiceAtLocation(c.Request.Context(), c.Param("id"))
	})
}

// HSDSOrganizations godoc
//
//	@ID			hsdsListOrganizations
//	@Summary		HSDS organizations
//	@Description	Pages through the live places (Carnet's actors) as HSDS organizations, in creation order. full=true nests locations, phones, identifiers, attributes and services; full_service=true nests full services. An organization nests at most 50 services, its first in creation order; GET /api/hsds/v3/services?organization_id={id} pages through them all.
//	@Tags			hsds
//	@Produce		json
//	@Param			search			query		string	false	"Words that must each occur (case and accents ignored) in the name, presentation or commune"	maxlength(500)
//	@Param			full_service	query		bool	false	"Nest full services (implies full)"
//	@Param			full			query		bool	false	"Fully nested organizations"
//	@Param			include_duplicates	query	bool	false	"Include the hidden record of each confirmed duplicate link, left out otherwise (a place a coordinator confirmed as one is served once, in its kept record); GET /organizations/{id} still reads it"
//	@Param			page			query		int		false	"Page number, from 1"	minimum(1)	maximum(1000000)	default(1)
//	@Param			per_page		query		int		false	"Items per page"		minimum(1)	maximum(200)	default(50)
//	@Param			format			query		string	false	"Only json"				Enums(json)
//	@Success		200				{object}	hsds.HSDSOrganizationList
//	@Failure		400				{object}	Problem
//	@Router			/api/hsds/v3/organizations [get]
func (h *Handler) HSDSOrganizations(c *gin.Context) error {
	q := queryOf(c)
	oq := hsds.OrganizationQuery{Words: q.hsdsSearch(), Full: q.flag("full"), FullService: q.flag("full_service"),
		IncludeDuplicates: q.flag("include_duplicates"), Paging: q.hsdsPaging(hsds.MaxPerPage)}
	q.hsdsFormat()
	return writeHSDS(c, q, func() (hsds.HSDSOrganizationList, error) { return h.hsds().Organizations(c.Request.Context(), oq) })
}

// HSDSOrganization godoc
//
//	@ID			hsdsGetOrganization
//	@Summary		HSDS organization
//	@Description	A live place as a fully nested HSDS organization, with its services (basic, or full with full_service=true): at most 50, its first in creation order, so that the answer stays bounded; GET /api/hsds/v3/services?organization_id={id} pages through them all.
//	@Tags			hsds
//	@Produce		json
//	@Param			id				path		string	true	"Organization id (Carnet's actor id)"
//	@Param			full_service	query		bool	false	"Nest full services"
//	@Success		200				{object}	hsds.HSDSOrganization
//	@Failure		400				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Router			/api/hsds/v3/organizations/{id} [get]
func (h *Handler) HSDSOrganization(c *gin.Context) error {
	q := queryOf(c)
	fullService := q.flag("full_service")
	return writeHSDS(c, q, func() (hsds.HSDSOrganization, error) {
		return h.hsds().Organization(c.Request.Context(), c.Param("id"), fullService)
	})
}

// HSDSTaxonomies godoc
//
//	@ID			hsdsListTaxonomies
//	@Summary		HSDS taxonomies
//	@Description	Carnet's vocabularies (GET /api/v1/vocabularies) as HSDS taxonomies: themes, publics, fees, typologies…
//	@Tags			hsds
//	@Produce		json
//	@Param			search		query		string	false	"Words that must each occur in the name or description"	maxlength(500)
//	@Param			page		query		int		false	"Page number, from 1"	minimum(1)	maximum(1000000)	default(1)
//	@Param			per_page	query		int		false	"Items per page"		minimum(1)	maximum(200)	default(50)
//	@Param			format		query		string	false	"Only json"				Enums(json)
//	@Success		200			{object}	hsds.HSDSTaxonomyList
//	@Failure		400			{object}	Problem
//	@Router			/api/hsds/v3/taxonomies [get]
func (h *Handler) HSDSTaxonomies(c *gin.Context) error {
	q := queryOf(c)
	words, p := q.hsdsSearch(), q.hsdsPaging(hsds.MaxPerPage)
	q.hsdsFormat()
	hsdsStatic(c)
	return writeHSDS(c, q, func() (hsds.HSDSTaxonomyList, error) { return hsds.TaxonomyList(words, p), nil })
}

// HSDSTaxonomy godoc
//
//	@ID			hsdsGetTaxonomy
//	@Summary		HSDS taxonomy
//	@Description	One of Carnet's vocabularies as an HSDS taxonomy; its id is the same on every Carnet.
//	@Tags			hsds
//	@Produce		json
//	@Param			id	path		string	true	"Taxonomy id"
//	@Success		200	{object}	hsds.HSDSTaxonomy
//	@Failure		400	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/hsds/v3/taxonomies/{id} [get]
func (h *Handler) HSDSTaxonomy(c *gin.Context) error {
	hsdsStatic(c)
	return writeHSDS(c, queryOf(c), func() (hsds.HSDSTaxonomy, error) {
		t, ok := hsds.Taxonomy(c.Param("id"))
		if !ok {
			return t, models.Errorf(models.ENOTFOUND, "No taxonomy has the id %q; GET %s/taxonomies lists them.", clip(c.Param("id")), HSDSBasePath)
		}
		return t, nil
	})
}

// HSDSTaxonomyTerms godoc
//
//	@ID			hsdsListTaxonomyTerms
//	@Summary		HSDS taxonomy terms
//	@Description	The values of Carnet's vocabularies as HSDS taxonomy terms: code is the value's slug (accepted by /api/v1 wherever the value is), name its label. Terms are flat: every term is a top-level term and none has children.
//	@Tags			hsds
//	@Produce		json
//	@Param			search		query		string	false	"Words that must each occur in the code, name or description"	maxlength(500)
//	@Param			page		query		int		false	"Page number, from 1"	minimum(1)	maximum(1000000)	default(1)
//	@Param			per_page	query		int		false	"Items per page"		minimum(1)	maximum(200)	default(50)
//	@Param			format		query		string	false	"Only json"				Enums(json)
//	@Param			taxonomy_id	query		string	false	"Terms of this taxonomy"
//	@Param			top_only	query		bool	false	"Only top-level terms (all of Carnet's)"
//	@Param			parent_id	query		string	false	"Children of this term (Carnet's terms have none)"
//	@Success		200			{object}	hsds.HSDSTaxonomyTermList
//	@Failure		400			{object}	Problem
//	@Router			/api/hsds/v3/taxonomy_terms [get]
func (h *Handler) HSDSTaxonomyTerms(c *gin.Context) error {
	q := queryOf(c)
	tq := hsds.TermQuery{Words: q.hsdsSearch(), Paging: q.hsdsPaging(hsds.MaxPerPage)}
	q.hsdsFormat()
	if ids := q.hsdsTaxonomies("taxonomy_id"); len(ids) > 1 {
		q.errs.Add("taxonomy_id", "takes one taxonomy id")
	} else if len(ids) == 1 {
		tq.TaxonomyID = hsds.TaxonomyID(ids[0])
	}
	q.flag("top_only") // every term is top-level: the flag changes nothing
	if tq.ParentID = q.one("parent_id"); tq.ParentID != "" {
		if _, _, ok := hsds.Term(tq.ParentID); !ok {
			q.errs.Addf("parent_id", "%q is not the id of a taxonomy term", clip(tq.ParentID))
		}
	}
	hsdsStatic(c)
	return writeHSDS(c, q, func() (hsds.HSDSTaxonomyTermList, error) { return hsds.TermList(tq), nil })
}

// HSDSTaxonomyTerm godoc
//
//	@ID			hsdsGetTaxonomyTerm
//	@Summary		HSDS taxonomy term
//	@Description	One term of a vocabulary as an HSDS taxonomy term; its id is the same on every Carnet.
//	@Tags			hsds
//	@Produce		json
//	@Param			id	path		string	true	"Taxonomy term id"
//	@Success		200	{object}	hsds.HSDSTaxonomyTerm
//	@Failure		400	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/hsds/v3/taxonomy_terms/{id} [get]
func (h *Handler) HSDSTaxonomyTerm(c *gin.Context) error {
	hsdsStatic(c)
	return writeHSDS(c, queryOf(c), func() (hsds.HSDSTaxonomyTerm, error) {
		t, _, ok := hsds.Term(c.Param("id"))
		if !ok {
			return t, models.Errorf(models.ENOTFOUND, "No taxonomy term has the id %q; GET %s/taxonomy_terms lists them.", clip(c.Param("id")), HSDSBasePath)
		}
		return t, nil
	})
}
