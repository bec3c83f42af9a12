package opendata

import (
	"carnet/models"
)

// GeoJSON (RFC 7946): one Feature per actor, a Point at its coordinates (a
// null geometry when it has none, which RFC 7946 allows), with the themes of
// its published services so that a map can filter on them.

type geoDoc struct {
	Type       string       `json:"type"`
	ID         string       `json:"id"`
	Geometry   *geoPoint    `json:"geometry"`
	Properties geoPlaceProp `json:"properties"`
}

type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

type geoPlaceProp struct {
	// The structure's id: the feature's own, or for a service held
	// elsewhere (a feature of its own, at its point) its structure's.
	StructureID  string   `json:"structure_id"`
	Name         string   `json:"name"`
	Typologies   []string `json:"typologies"`
	Street       string   `json:"street"`
	PostalCode   string   `json:"postal_code"`
	Commune      string   `json:"commune"`
	InseeCode    string   `json:"insee_code"`
	Phones       []string `json:"phones"`
	Emails       []string `json:"emails"`
	Websites     []string `json:"websites"`
	OpeningHours string   `json:"opening_hours"`
	// The IANA zone the hours are read in (America/Martinique,
	// Indian/Reunion…): a map showing « open now » overseas needs it.
	TimeZone string `json:"time_zone"`
	Status   string `json:"status"`
	// A closure, announced or current, as the API gives it: "" when none.
	ClosedFrom    string       `json:"closed_from"`
	ClosedUntil   string       `json:"closed_until"`
	ClosureReason string       `json:"closure_reason"`
	Themes        []string     `json:"themes"`
	Services      []geoService `json:"services"`
	Source        string       `json:"source"`
	SourceID      string       `json:"source_id"`
	Producer      string       `json:"producer"`
	UpdatedAt     string       `json:"updated_at"`
	// Version is the record's version as anyone reads it (GET
	// /api/v1/actors/{id}, or /services/{id} for a service held
	// elsewhere): what a copy compares, rather than times.
	Version   int64  `json:"version"`
	CheckedOn string `json:"checked_on"`
	// CheckedBy says whose date checked_on is: "producer", "carnet", null
	// when nobody is known to have checked the place (models.Actor.CheckedBy).
	CheckedBy    *string  `json:"checked_by"`
	QualityScore float64  `json:"quality_score"`
	Missing      []string `json:"quality_missing"`
}

type geoService struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Kind   string   `json:"kind"`
	Themes []string `json:"themes"`
	Fees   []string `json:"fees"`
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func geoFeature(a *models.Actor, services []models.Service, st models.ExportState) geoDoc {
	o := offerOf(a, services)
	q := models.QualityOf(a, st.Now)
	structure, version := a.ID, a.PublicVersion
	if a.ParentID != nil && len(services) == 1 && services[0].ID == a.ID {
		structure, version = *a.ParentID, services[0].Version // placeOfService
	}
	f := geoDoc{Type: "Feature", ID: a.ID, Properties: geoPlaceProp{
		StructureID: structure, Name: a.Name, Typologies: nonNil(a.Typologies), Street: a.Address.Street, PostalCode: a.Address.PostalCode,
		Commune: a.Address.Commune, InseeCode: a.Address.InseeCode, Phones: []string{}, Emails: []string{},
		Websites: nonNil(a.Websites), OpeningHours: a.OpeningHours, Status: a.Status, Themes: nonNil(o.themes),
		TimeZone: models.TimeZoneOf(a.Address.InseeCode, a.Departement), ClosedFrom: a.ClosedFrom, ClosedUntil: a.ClosedUntil, ClosureReason: a.ClosureReason,
		Services: make([]geoService, len(services)), Source: a.Source, UpdatedAt: o.updated.UTC().Format(models.TimeLayout),
		SourceID: a.SourceID, Producer: producerOf(a), Version: version, CheckedOn: checkedOn(a, o), QualityScore: q.Score, Missing: q.Missing,
	}}
	if by := a.CheckedBy(); by != "" {
		f.Properties.CheckedBy = &by
	}
	if a.ContactPublic {
		f.Properties.Phones, f.Properties.Emails = nonNil(a.Phones), nonNil(a.Emails)
	}
	if a.Latitude != nil && a.Longitude != nil {
		f.Geometry = &geoPoint{Type: "Point", Coordinates: [2]float64{*a.Longitude, *a.Latitude}}
	}
	for i := range services {
		s := &services[i]
		f.Properties.Services[i] = geoService{ID: s.ID, Name: s.Name, Kind: s.Kind, Themes: nonNil(s.Themes), Fees: nonNil(s.Fees)}
	}
	return f
}
