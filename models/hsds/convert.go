package hsds

import (
	"strings"
	"time"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/ident"
	"carnet/models/vocab"
)

// Converters from Carnet's records to HSDS objects. They only see what the
// Store's public queries return (published services of live places) and
// apply the one rule on contact details (Actor.PublicContacts). Lists carry
// the one-to-one fields of each object; "full" objects nest everything.

// Detail says how much of an object to nest.
type Detail int

const (
	// Basic objects carry their one-to-one fields (and, for services and
	// services at location, the one-to-one objects the HSDS list schemas
	// name: organization, location, service).
	Basic Detail = iota
	// Full objects nest every list: phones, schedules, locations,
	// attributes…
	Full
)

// place is an actor as the view shows it: the record, whether its parent
// is public, and the time of the answer (a temporary closure counts between
// its dates).
type place struct {
	a           *models.Actor
	parentShown bool
	now         time.Time
}

func (p place) organization(d Detail, services []models.Service, serviceDetail Detail) HSDSOrganization {
	a := p.a
	phones, emails := a.PublicContacts()
	o := HSDSOrganization{ID: a.ID, Name: a.Name, Description: organizationDescription(a), Email: first(emails), Website: first(a.Websites)}
	if a.ParentID != nil && p.parentShown {
		o.ParentOrganizationID = *a.ParentID
	}
	if d == Basic {
		return o
	}
	o.Phones = phoneList(phones, a.ID, func(ph *HSDSPhone) { ph.OrganizationID = a.ID })
	o.Locations = []HSDSLocation{p.location(Full)}
	for i := range services {
		if !services[i].Address.IsZero() {
			o.Locations = append(o.Locations, ownLocation(&services[i], a, Full))
		}
	}
	if a.Pivot != "" && a.PivotKind != "" && a.PivotKind != string(ident.KindUnknown) {
		o.OrganizationIdentifiers = []HSDSOrganizationIdentifier{{ID: nameID(a.ID, "identifier", a.PivotKind), OrganizationID: a.ID,
			IdentifierType: strings.ToUpper(a.PivotKind), Identifier: a.Pivot}}
	}
	o.Attributes = attributes(a.ID, "organization", []vocabField{
		{vocab.NameTypologies, a.Typologies}, {vocab.NameNationalProgrammes, a.NationalProgrammes},
		{vocab.NameTrainingLabels, a.TrainingLabels}, {vocab.NameMobility, a.Mobility},
	})
	for i := range services {
		o.Services = append(o.Services, p.service(&services[i], serviceDetail, false))
	}
	return o
}

// organizationDescription is the structure's presentation, or, since HSDS
// requires a description, a sentence built from its place.
func organizationDescription(a *models.Actor) string {
	d := strings.TrimSpace(a.Summary + "\n\n" + a.Description)
	if d != "" {
		return d
	}
	return "Lieu de médiation numérique à " + a.Address.Commune + " (" + a.Address.PostalCode + ")."
}

// location is the actor's place.
func (p place) location(d Detail) HSDSLocation {
	a := p.a
	id := LocationID(a.ID)
	l := HSDSLocation{ID: id, LocationType: "physical", OrganizationID: a.ID, Name: a.Name, Latitude: a.Latitude, Longitude: a.Longitude}
	if d == Basic {
		return l
	}
	l.Addresses = address(a.Address, id)
	if a.AcceslibreURL != "" {
		l.Accessibility = []HSDSAccessibility{{ID: nameID(id, "accessibility", "acceslibre"), LocationID: id,
			Description: "Fiche Accès libre du lieu : accessibilité aux personnes en situation de handicap.", URL: a.AcceslibreURL}}
	}
	l.Schedules = schedules(a.OpeningHours, scheduleOwner{id: id, locationID: id, link: a.BookingURL,
		zone: models.TimeZoneOf(a.Address.InseeCode, a.Departement), now: p.now})
	return l
}

// ownLocation is the own address of a service given away from its actor's
// place (an itinerant bus's stop).
func ownLocation(s *models.Service, a *models.Actor, d Detail) HSDSLocation {
	id := LocationID(s.ID)
	l := HSDSLocation{ID: id, LocationType: "physical", OrganizationID: a.ID, Name: s.Name, Latitude: s.Latitude, Longitude: s.Longitude}
	if d == Full {
		l.Addresses = address(s.Address, id)
	}
	return l
}

// departement is the département of an address, by its INSEE code, else
// its postal code.
func departement(ad models.Address) string {
	if dep := ident.DepartementFromINSEE(ad.InseeCode); dep != "" {
		return dep
	}
	return ident.DepartementFromPostalCode(ad.PostalCode)
}

func address(ad models.Address, locationID string) []HSDSAddress {
	dep := departement(ad)
	if ad.Street == "" || ad.Commune == "" || ad.PostalCode == "" || dep == "" {
		// HSDS requires all of them; an address missing one is left out
		// rather than sent with a made-up part.
		return nil
	}
	state := commune.DepartementName(dep)
	if state == "" {
		state = dep
	}
	return []HSDSAddress{{ID: nameID(locationID, "address"), LocationID: locationID, Address1: ad.Street, Address2: ad.Complement,
		City: ad.Commune, StateProvince: state, Region: commune.RegionName(commune.RegionOfDepartement(dep)), PostalCode: ad.PostalCode,
		Country: "FR", AddressType: "physical"}}
}

// service converts a service of p. withLocations nests its
// service_at_location (with its location) in a full service.
func (p place) service(s *models.Service, d Detail, withLocations bool) HSDSService {
	a := p.a
	phones, emails := a.PublicContacts()
	out := HSDSService{ID: s.ID, OrganizationID: a.ID, Name: s.Name, Description: s.Description, Email: first(emails), Status: "active",
		ApplicationProcess: applicationProcess(s), FeesDescription: feesDescription(s), EligibilityDescription: eligibility(s),
		Alert: alert(s, a, p.closedNow()), LastModified: lastModified(s, a).Format(time.RFC3339)}
	if p.closedNow() {
		out.Status = "temporarily closed"
	}
	org := p.organization(Basic, nil, Basic)
	out.Organization = &org
	if d == Basic {
		return out
	}
	out.Phones = phoneList(phones, s.ID, func(ph *HSDSPhone) { ph.ServiceID = s.ID })
	hours, link := s.OpeningHours, s.BookingURL
	if hours == "" {
		hours = a.OpeningHours
	}
	if link == "" {
		link = a.BookingURL
	}
	// The hours are read where the service is given: at its own address
	// (an itinerant bus's stop), else at its actor's, as search does.
	zone := models.TimeZoneOf(a.Address.InseeCode, a.Departement)
	if s.Address.PostalCode != "" {
		zone = models.TimeZoneOf(s.Address.InseeCode, departement(s.Address))
	}
	out.Schedules = schedules(hours, scheduleOwner{id: s.ID, serviceID: s.ID, attending: attending(s), link: link, zone: zone, now: p.now})
	if withLocations {
		sal := p.serviceAtLocation(s, Full, false)
		out.ServiceAtLocations = []HSDSServiceAtLocation{sal}
	}
	for _, code := range s.Languages {
		out.Languages = append(out.Languages, HSDSLanguage{ID: nameID(s.ID, "language", code), ServiceID: s.ID,
			Name: vocab.MustGet(vocab.NameLanguages).Label(code), Code: code})
	}
	for _, fee := range s.Fees {
		c := HSDSCostOption{ID: nameID(s.ID, "cost_option", fee), ServiceID: s.ID, Option: fee}
		if fee == vocab.FeeFree {
			zero := 0.0
			c.Amount, c.Currency = &zero, "EUR"
		} else {
			c.AmountDescription = s.FeesDetails
		}
		out.CostOptions = append(out.CostOptions, c)
	}
	if len(phones) > 0 || len(emails) > 0 {
		cid := nameID(s.ID, "contact")
		out.Contacts = []HSDSContact{{ID: cid, ServiceID: s.ID, Name: a.Name, Email: first(emails),
			Phones: phoneList(phones, cid, func(ph *HSDSPhone) { ph.ContactID = cid })}}
	}
	fields := []vocabField{{vocab.NameThemes, s.Themes}, {vocab.NamePublics, s.Publics}, {vocab.NameSpecificSupport, s.SpecificSupport},
		{vocab.NameFees, s.Fees}, {vocab.NameAccessModes, s.AccessModes}, {vocab.NameAccompanimentModes, s.AccompanimentModes},
		{vocab.NameLanguages, s.Languages}}
	if s.Kind != "" {
		fields = append([]vocabField{{vocab.NameServiceKinds, []string{s.Kind}}}, fields...)
	}
	out.Attributes = attributes(s.ID, "service", fields)
	return out
}

// serviceAtLocation links s to its place. withService nests the service
// (lists and by-id answers; never inside the service itself).
func (p place) serviceAtLocation(s *models.Service, d Detail, withService bool) HSDSServiceAtLocation {
	var loc HSDSLocation
	if s.Address.IsZero() {
		loc = p.location(d)
	} else {
		loc = ownLocation(s, p.a, d)
	}
	sal := HSDSServiceAtLocation{ID: ServiceAtLocationID(s.ID), ServiceID: s.ID, LocationID: loc.ID, Location: &loc}
	if withService {
		svc := p.service(s, d, false)
		sal.Service = &svc
	}
	return sal
}

// closedNow reports whether the place is in a temporary closure now, by
// the models' rule for closures (Actor.StatusAt): an announced closure
// leaves the place open until it starts.
func (p place) closedNow() bool { return p.a.StatusAt(p.now) == vocab.ActorTemporarilyClosed }

func lastModified(s *models.Service, a *models.Actor) time.Time {
	// The view shows public contacts only: a change of hidden ones alone
	// moves PublicUpdatedAt no more than what is shown.
	t := s.UpdatedAt
	if a.PublicUpdatedAt.After(t) {
		t = a.PublicUpdatedAt
	}
	return t.UTC()
}

func applicationProcess(s *models.Service) string {
	parts := append([]string(nil), s.AccessModes...)
	if s.BookingURL != "" {
		parts = append(parts, "Prendre rendez-vous en ligne : "+s.BookingURL)
	}
	return strings.Join(parts, " ; ")
}

func feesDescription(s *models.Service) string {
	var parts []string
	if len(s.Fees) > 0 {
		parts = append(parts, strings.Join(s.Fees, ", ")+".")
	}
	if s.FeesDetails != "" {
		parts = append(parts, s.FeesDetails)
	}
	if s.PassNumerique {
		parts = append(parts, "Pass numérique accepté.")
	}
	return strings.Join(parts, " ")
}

func eligibility(s *models.Service) string {
	var parts []string
	if len(s.Publics) > 0 {
		parts = append(parts, "Publics spécifiquement accueillis : "+strings.Join(s.Publics, ", ")+".")
	}
	if len(s.SpecificSupport) > 0 {
		parts = append(parts, "Prise en charge spécifique : "+strings.Join(s.SpecificSupport, ", ")+".")
	}
	return strings.Join(parts, " ")
}

func alert(s *models.Service, a *models.Actor, closed bool) string {
	var parts []string
	if closed {
		m := "Lieu fermé temporairement"
		if a.ClosedFrom != "" {
			m += " à partir du " + a.ClosedFrom
		}
		if a.ClosedUntil != "" {
			m += " jusqu’au " + a.ClosedUntil
		}
		if a.ClosureReason != "" {
			m += " (" + a.ClosureReason + ")"
		}
		parts = append(parts, m+".")
	}
	if s.IsFull {
		parts = append(parts, "Complet pour le moment.")
	}
	return strings.Join(parts, " ")
}

func attending(s *models.Service) string {
	switch {
	case s.OnSite && s.Remote:
		return "Sur place ou à distance"
	case s.Remote:
		return "À distance"
	case s.OnSite:
		return "Sur place"
	}
	return ""
}

func phoneList(numbers []string, parentID string, link func(*HSDSPhone)) []HSDSPhone {
	var out []HSDSPhone
	for _, n := range numbers {
		ph := HSDSPhone{ID: nameID(parentID, "phone", n), Number: n, Type: "voice"}
		link(&ph)
		out = append(out, ph)
	}
	return out
}

// vocabField is a record's values of one vocabulary.
type vocabField struct {
	vocabulary string
	values     []string
}

// attributes links a record to the taxonomy terms of its values. A value
// that is no longer in its vocabulary (data older than a vocabulary change)
// has no term and is left out.
func attributes(linkID, entity string, fields []vocabField) []HSDSAttribute {
	var out []HSDSAttribute
	for _, f := range fields {
		for _, v := range f.values {
			term, ok := TermOf(f.vocabulary, v)
			if !ok {
				continue
			}
			t := term
			out = append(out, HSDSAttribute{ID: nameID(linkID, "attribute", term.ID), LinkID: linkID, TaxonomyTermID: term.ID,
				LinkType: f.vocabulary, LinkEntity: entity, TaxonomyTerm: &t})
		}
	}
	return out
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}
