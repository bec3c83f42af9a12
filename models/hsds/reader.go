package hsds

import (
	"context"
	"slices"
	"strings"
	"time"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/vocab"
)

// Paging limits. HSDS leaves them to the publisher. Minimal lists, whose
// items are four fields, are meant to come in one page (HSDS: "aim to return
// all services within one page").
const (
	DefaultPerPage    = 50
	MaxPerPage        = 200
	MaxMinimalPerPage = 5000
	MaxPage           = 1_000_000
	// MaxNestedServices bounds the services an organization nests (GET
	// /organizations/{id} and full lists): its first ones in creation
	// order, the first page of /services?organization_id= at the default
	// size, where the rest are paged. A place has at most
	// models.MaxServicesPerPlace, and real places a handful; bounded here
	// too, an organization read stays small whatever a place holds (a
	// place given 10,000 services answered 21.7 MB).
	MaxNestedServices = DefaultPerPage
)

// Paging is a page request: page from 1, per_page items.
type Paging struct {
	Page, PerPage int
}

func (p Paging) normalized(maxPerPage int) Paging {
	p.Page = min(max(p.Page, 1), MaxPage)
	if p.PerPage < 1 {
		p.PerPage = DefaultPerPage
	}
	p.PerPage = min(p.PerPage, maxPerPage)
	return p
}

func (p Paging) offset() int { return (p.Page - 1) * p.PerPage }

// page fills the paging fields for a page of size items out of total.
func (p Paging) page(total, size int) HSDSPage {
	pages := (total + p.PerPage - 1) / p.PerPage
	return HSDSPage{TotalItems: total, TotalPages: pages, PageNumber: p.Page, Size: size,
		FirstPage: p.Page == 1, LastPage: p.Page >= pages, Empty: size == 0}
}

// ServiceQuery is a list of services (or of services at location, one per
// service), with the filters of the HSDS API.
type ServiceQuery struct {
	// Words of the search parameter (models.SearchWords).
	Words []string
	// Terms are the values of the taxonomy_term_id parameter: a service
	// holding any of them matches.
	Terms []TermRef
	// Vocabularies are those of the taxonomy_id parameter: a service with
	// some value of any of them matches.
	Vocabularies   []string
	OrganizationID string
	ModifiedAfter  *time.Time
	// PostalCode keeps services whose place has this postal code; with
	// ProximityMeters, those within that distance of the postal code's
	// centre instead (postcodeCentre).
	PostalCode      string
	ProximityMeters float64
	Full            bool
	// IncludeDuplicates keeps the services of the newer record of each
	// confirmed duplicate link (see models.PublicServiceFilter).
	IncludeDuplicates bool
	// Minimal lists services with their id, name, status and last change
	// only (the fields HSDS requires, and what a follower compares).
	Minimal bool
	Paging
}

// Reader answers the HSDS API from the Store's public queries.
type Reader struct {
	Store *models.Store
}

func (q ServiceQuery) filter(ctx context.Context, st *models.Store) (models.PublicServiceFilter, error) {
	f := models.PublicServiceFilter{Words: q.Words, Vocabularies: q.Vocabularies, ModifiedAfter: q.ModifiedAfter, IncludeDuplicates: q.IncludeDuplicates}
	byVocab := map[string][]string{}
	var order []string
	for _, t := range q.Terms {
		if _, seen := byVocab[t.Vocabulary]; !seen {
			order = append(order, t.Vocabulary)
		}
		byVocab[t.Vocabulary] = append(byVocab[t.Vocabulary], t.Value)
	}
	for _, v := range order {
		f.Terms = append(f.Terms, models.VocabValues{Vocabulary: v, Values: byVocab[v]})
	}
	if q.OrganizationID != "" {
		f.ActorIDs = []string{q.OrganizationID}
	}
	switch {
	case q.PostalCode != "" && q.ProximityMeters > 0:
		lat, lon, ok, err := postcodeCentre(ctx, st, q.PostalCode)
		if err != nil {
			return f, err
		}
		if !ok {
			return f, &models.Error{Code: models.EINVALID, Message: "The centre of this postal code is unknown.",
				Fields: []models.FieldError{{Field: "postcode", Reason: "neither the commune reference nor the directory's places locate this postal code; search without proximity"}}}
		}
		f.Near = &models.Circle{Lat: lat, Lon: lon, Meters: q.ProximityMeters}
	case q.PostalCode != "":
		f.PostalCodes = []string{q.PostalCode}
	}
	return f, nil
}

// postcodeCentre is the centroid HSDS measures proximity from: the mean of
// the centres of the postal code's communes in the official reference —
// of its arrondissements in Paris, Lyon and Marseille, whose postal codes
// the whole city lists too — or, for a code the reference does not know,
// the mean position of the directory's places with that code.
func postcodeCentre(ctx context.Context, st *models.Store, pc string) (lat, lon float64, ok bool, err error) {
	cs := commune.ByPostalCode(pc)
	arr := slices.ContainsFunc(cs, (*commune.Commune).IsArrondissement)
	n := 0
	for _, c := range cs {
		if c.HasCentre && (!arr || c.IsArrondissement()) {
			lat, lon, n = lat+c.Lat, lon+c.Lon, n+1
		}
	}
	if n > 0 {
		return lat / float64(n), lon / float64(n), true, nil
	}
	return st.PostalCodeCentre(ctx, pc)
}

// Services returns one page of services.
func (r Reader) Services(ctx context.Context, q ServiceQuery) (HSDSServiceList, error) {
	maxPerPage := MaxPerPage
	if q.Minimal {
		maxPerPage = MaxMinimalPerPage
	}
	res, p, d, err := r.servicePage(ctx, q, maxPerPage)
	if err != nil {
		return HSDSServiceList{}, err
	}
	out := HSDSServiceList{Contents: make([]HSDSService, len(res.Items))}
	for i := range res.Items {
		s := &res.Items[i]
		sv := r.placeOf(s.Actor, res.LiveParents).service(s, d, true)
		if q.Minimal {
			sv = HSDSService{ID: sv.ID, Name: sv.Name, Status: sv.Status, LastModified: sv.LastModified}
		}
		out.Contents[i] = sv
	}
	out.HSDSPage = p.page(int(res.Total), len(out.Contents))
	return out, nil
}

// servicePage reads the page of services q asks for, with the paging and
// the detail to show them with.
func (r Reader) servicePage(ctx context.Context, q ServiceQuery, maxPerPage int) (models.PublicServicePage, Paging, Detail, error) {
	p := q.Paging.normalized(maxPerPage)
	d := Basic
	if q.Full {
		d = Full
	}
	f, err := q.filter(ctx, r.Store)
	if err != nil {
		return models.PublicServicePage{}, p, d, err
	}
	f.Offset, f.Limit = p.offset(), p.PerPage
	res, err := r.Store.PublicServices(ctx, f)
	return res, p, d, err
}

// Service returns the fully nested service with id.
func (r Reader) Service(ctx context.Context, id string) (HSDSService, error) {
	s, parents, err := r.oneService(ctx, id, "service")
	if err != nil {
		return HSDSService{}, err
	}
	return r.placeOf(s.Actor, parents).service(s, Full, true), nil
}

func (r Reader) oneService(ctx context.Context, id, what string) (*models.Service, map[string]bool, error) {
	if !models.ValidID(id) {
		return nil, nil, models.Errorf(models.ENOTFOUND, "No public %s has the id %q.", what, clip(id))
	}
	res, err := r.Store.PublicServices(ctx, models.PublicServiceFilter{IDs: []string{id}, Limit: 1})
	if err != nil {
		return nil, nil, err
	}
	if len(res.Items) == 0 {
		return nil, nil, models.Errorf(models.ENOTFOUND, "No public %s has the id %q.", what, id)
	}
	return &res.Items[0], res.LiveParents, nil
}

// ServicesAtLocation returns one page of services at location: one per
// service, in the services' order.
func (r Reader) ServicesAtLocation(ctx context.Context, q ServiceQuery) (HSDSServiceAtLocationList, error) {
	res, p, d, err := r.servicePage(ctx, q, MaxPerPage)
	if err != nil {
		return HSDSServiceAtLocationList{}, err
	}
	out := HSDSServiceAtLocationList{Contents: make([]HSDSServiceAtLocation, len(res.Items))}
	for i := range res.Items {
		s := &res.Items[i]
		out.Contents[i] = r.placeOf(s.Actor, res.LiveParents).serviceAtLocation(s, d, true)
	}
	out.HSDSPage = p.page(int(res.Total), len(out.Contents))
	return out, nil
}

// ServiceAtLocation returns the fully nested service at location with id.
func (r Reader) ServiceAtLocation(ctx context.Context, id string) (HSDSServiceAtLocation, error) {
	sid, ok := ServiceOfServiceAtLocation(id)
	if !ok {
		return HSDSServiceAtLocation{}, models.Errorf(models.ENOTFOUND, "No public service at location has the id %q.", clip(id))
	}
	s, parents, err := r.oneService(ctx, sid, "service at location")
	if models.ErrorCode(err) == models.ENOTFOUND {
		return HSDSServiceAtLocation{}, models.Errorf(models.ENOTFOUND, "No public service at location has the id %q.", id)
	}
	if err != nil {
		return HSDSServiceAtLocation{}, err
	}
	return r.placeOf(s.Actor, parents).serviceAtLocation(s, Full, true), nil
}

// OrganizationQuery is a list of organizations.
type OrganizationQuery struct {
	Words []string
	// Full nests every list of each organization, with its services
	// (basic, or full with FullService).
	Full bool
	// FullService nests full services (and implies Full).
	FullService bool
	// IncludeDuplicates keeps the newer record of each confirmed
	// duplicate link (see models.PublicActorFilter).
	IncludeDuplicates bool
	Paging
}

// Organizations returns one page of organizations.
func (r Reader) Organizations(ctx context.Context, q OrganizationQuery) (HSDSOrganizationList, error) {
	p := q.Paging.normalized(MaxPerPage)
	full := q.Full || q.FullService
	res, err := r.Store.PublicActors(ctx, models.PublicActorFilter{Words: q.Words, IncludeDuplicates: q.IncludeDuplicates, WithServices: full, ServicesPerActor: MaxNestedServices, Offset: p.offset(), Limit: p.PerPage})
	if err != nil {
		return HSDSOrganizationList{}, err
	}
	d, sd := Basic, Basic
	if full {
		d = Full
	}
	if q.FullService {
		sd = Full
	}
	out := HSDSOrganizationList{Contents: make([]HSDSOrganization, len(res.Items))}
	for i := range res.Items {
		a := &res.Items[i]
		out.Contents[i] = r.placeOf(a, res.LiveParents).organization(d, res.ServicesOf[a.ID], sd)
	}
	out.HSDSPage = p.page(int(res.Total), len(out.Contents))
	return out, nil
}

// Organization returns the fully nested organization with id, its services
// basic or, with fullService, full.
func (r Reader) Organization(ctx context.Context, id string, fullService bool) (HSDSOrganization, error) {
	if !models.ValidID(id) {
		return HSDSOrganization{}, models.Errorf(models.ENOTFOUND, "No public organization has the id %q.", clip(id))
	}
	res, err := r.Store.PublicActors(ctx, models.PublicActorFilter{IDs: []string{id}, WithServices: true, ServicesPerActor: MaxNestedServices, Limit: 1})
	if err != nil {
		return HSDSOrganization{}, err
	}
	if len(res.Items) == 0 {
		return HSDSOrganization{}, models.Errorf(models.ENOTFOUND, "No public organization has the id %q.", id)
	}
	sd := Basic
	if fullService {
		sd = Full
	}
	a := &res.Items[0]
	return r.placeOf(a, res.LiveParents).organization(Full, res.ServicesOf[a.ID], sd), nil
}

func (r Reader) placeOf(a *models.Actor, liveParents map[string]bool) place {
	return place{a: a, parentShown: a.ParentID != nil && liveParents[*a.ParentID], now: r.Store.Now()}
}

// TaxonomyList returns one page of taxonomies whose name or description
// holds every word.
func TaxonomyList(words []string, p Paging) HSDSTaxonomyList {
	p = p.normalized(MaxPerPage)
	var all []HSDSTaxonomy
	for _, t := range taxonomies.list {
		if matches(words, t.Name, t.Description) {
			all = append(all, t)
		}
	}
	items := window(all, p)
	return HSDSTaxonomyList{HSDSPage: p.page(len(all), len(items)), Contents: items}
}

// TermQuery is a list of taxonomy terms.
type TermQuery struct {
	Words      []string
	TaxonomyID string
	// ParentID keeps the children of a term: Carnet's terms have none.
	ParentID string
	Paging
}

// TermList returns one page of taxonomy terms.
func TermList(q TermQuery) HSDSTaxonomyTermList {
	p := q.Paging.normalized(MaxPerPage)
	var all []HSDSTaxonomyTerm
	if q.ParentID == "" {
		for _, t := range taxonomies.terms {
			if (q.TaxonomyID == "" || t.TaxonomyID == q.TaxonomyID) && matches(q.Words, t.Code, t.Name, t.Description) {
				all = append(all, t)
			}
		}
	}
	items := window(all, p)
	return HSDSTaxonomyTermList{HSDSPage: p.page(len(all), len(items)), Contents: items}
}

func window[T any](all []T, p Paging) []T {
	lo := min(p.offset(), len(all))
	hi := min(lo+p.PerPage, len(all))
	// Never nil, even when nothing matched: contents is an array.
	return append(make([]T, 0, hi-lo), all[lo:hi]...)
}

// matches reports whether every word occurs in one of the texts, folded
// like the words.
func matches(words []string, texts ...string) bool {
	folded := make([]string, len(texts))
	for i, t := range texts {
		folded[i] = vocab.Slugify(t)
	}
	for _, w := range words {
		found := false
		for _, f := range folded {
			if strings.Contains(f, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
