package opendata

import (
	"strings"
	"unicode/utf8"

	"carnet/models"
	"carnet/models/vocab"
)

// data·inclusion v1.0.8: one actor becomes a structure, each of its
// published services a service (vocab.ToDataInclusion translates the
// vocabularies with data·inclusion's crosswalk). Fields the schemas allow to
// be null are null when Carnet has no value; contacts only when the
// structure made them public. Lists are null when empty, as the schemas
// allow (the nullable tag tells the OpenAPI document, api/openapi_exports.go).

type diStructureDoc struct {
	ID                string   `json:"id"`
	Source            string   `json:"source"`
	Nom               string   `json:"nom"`
	DateMaj           string   `json:"date_maj"`
	Siret             *string  `json:"siret"`
	Description       *string  `json:"description"`
	Adresse           *string  `json:"adresse"`
	ComplementAdresse *string  `json:"complement_adresse"`
	CodePostal        *string  `json:"code_postal"`
	CodeInsee         *string  `json:"code_insee"`
	Commune           *string  `json:"commune"`
	Latitude          *float64 `json:"latitude"`
	Longitude         *float64 `json:"longitude"`
	Telephone         *string  `json:"telephone"`
	Courriel          *string  `json:"courriel"`
	SiteWeb           *string  `json:"site_web"`
	HorairesAccueil   *string  `json:"horaires_accueil"`
	AccessibiliteLieu *string  `json:"accessibilite_lieu"`
	LienSource        *string  `json:"lien_source"`
	ReseauxPorteurs   []string `json:"reseaux_porteurs" nullable:"true"`
}

type diServiceDoc struct {
	ID                string   `json:"id"`
	Source            string   `json:"source"`
	StructureID       string   `json:"structure_id"`
	Nom               string   `json:"nom"`
	Description       string   `json:"description"`
	DateMaj           string   `json:"date_maj"`
	Type              *string  `json:"type"`
	Thematiques       []string `json:"thematiques" nullable:"true"`
	Frais             *string  `json:"frais"`
	FraisPrecisions   *string  `json:"frais_precisions"`
	Publics           []string `json:"publics" nullable:"true"`
	PublicsPrecisions *string  `json:"publics_precisions"`
	ModesAccueil      []string `json:"modes_accueil" nullable:"true"`
	ModesMobilisation []string `json:"modes_mobilisation" nullable:"true"`
	MobilisablePar    []string `json:"mobilisable_par" nullable:"true"`
	LienMobilisation  *string  `json:"lien_mobilisation"`
	HorairesAccueil   *string  `json:"horaires_accueil"`
	Telephone         *string  `json:"telephone"`
	Courriel          *string  `json:"courriel"`
	Adresse           *string  `json:"adresse"`
	ComplementAdresse *string  `json:"complement_adresse"`
	CodePostal        *string  `json:"code_postal"`
	CodeInsee         *string  `json:"code_insee"`
	Commune           *string  `json:"commune"`
	Latitude          *float64 `json:"latitude"`
	Longitude         *float64 `json:"longitude"`
	ZoneEligibilite   []string `json:"zone_eligibilite" nullable:"true"`
	LienSource        *string  `json:"lien_source"`
}

func ptr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func first(l models.StringList) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

// diName fits a name into data·inclusion's 3 to 150 characters, without a
// final full stop.
func diName(name, fallback string) string {
	name = strings.TrimRight(strings.TrimSpace(name), ".")
	if utf8.RuneCountInString(name) < 3 {
		name = strings.TrimSpace(name + " " + fallback)
	}
	for utf8.RuneCountInString(name) < 3 {
		name += "…"
	}
	return strings.TrimRight(cutWords(name, 150), ".")
}

func diStructure(a *models.Actor, services []models.Service) diStructureDoc {
	o := offerOf(a, services)
	d := diStructureDoc{
		ID: a.ID, Source: dataInclusionSource, Nom: diName(a.Name, a.Address.Commune),
		DateMaj: standardDate(a, o),
		Adresse: ptr(a.Address.Street), ComplementAdresse: ptr(a.Address.Complement), CodePostal: ptr(a.Address.PostalCode),
		CodeInsee: ptr(a.Address.InseeCode), Commune: ptr(a.Address.Commune), Latitude: a.Latitude, Longitude: a.Longitude,
		SiteWeb: ptr(first(a.Websites)), HorairesAccueil: ptr(a.OpeningHours), AccessibiliteLieu: ptr(a.AcceslibreURL),
	}
	if a.PivotKind == "siret" {
		d.Siret = ptr(a.Pivot)
	}
	desc := strings.TrimSpace(strings.TrimSpace(a.Summary + "\n\n" + a.Description))
	if utf8.RuneCountInString(desc) >= 5 {
		d.Description = ptr(cutWords(desc, 10000))
	}
	if a.ContactPublic {
		d.Telephone, d.Courriel = ptr(first(a.Phones)), ptr(first(a.Emails))
	}
	d.ReseauxPorteurs = vocab.ToDataInclusion(vocab.DataInclusionInput{NationalProgrammes: a.NationalProgrammes, TrainingLabels: a.TrainingLabels}).ReseauxPorteurs
	return d
}

// serviceDate is a service's date_maj by the structure's rule (checkedOn):
// the day its place was last known correct — the producer's date for an
// imported place, which also dates the offer its row carried — and
// Carnet's own date of the service only when the place has none. The
// service's UpdatedAt alone is the day Carnet wrote it: an import of a
// file of 2023 dated every service the day of the import.
func serviceDate(a *models.Actor, s *models.Service) string {
	return standardDate(a, offer{updated: s.UpdatedAt})
}

func diService(a *models.Actor, s *models.Service) diServiceDoc {
	di := vocab.ToDataInclusion(vocab.DataInclusionInput{Kind: s.Kind, Themes: s.Themes, Publics: s.Publics, SpecificSupport: s.SpecificSupport,
		Fees: s.Fees, AccessModes: s.AccessModes, AccompanimentModes: s.AccompanimentModes})
	d := diServiceDoc{
		ID: s.ID, Source: dataInclusionSource, StructureID: a.ID, Nom: diName(s.Name, a.Name),
		DateMaj: serviceDate(a, s), Type: ptr(di.Type), Thematiques: di.Thematiques, Frais: ptr(di.Frais),
		FraisPrecisions: ptr(s.FeesDetails), Publics: di.Publics, ModesMobilisation: di.ModesMobilisation, MobilisablePar: di.MobilisablePar,
		LienMobilisation: ptr(s.BookingURL), HorairesAccueil: ptr(s.OpeningHours),
	}
	if d.HorairesAccueil == nil {
		d.HorairesAccueil = ptr(a.OpeningHours)
	}
	// modes_accueil: the service's own flags say where it is given; the
	// accompaniment modes may only add to them.
	var accueil []string
	if s.OnSite {
		accueil = append(accueil, "en-presentiel")
	}
	if s.Remote {
		accueil = append(accueil, "a-distance")
	}
	for _, m := range di.ModesAccueil {
		if !strings.Contains(strings.Join(accueil, " "), m) {
			accueil = append(accueil, m)
		}
	}
	d.ModesAccueil = accueil
	if len(s.SpecificSupport) > 0 {
		d.PublicsPrecisions = ptr("Accompagnement adapté : " + strings.Join(s.SpecificSupport, ", "))
	}
	desc := strings.TrimSpace(s.Description)
	if utf8.RuneCountInString(desc) < 5 {
		// Required by data·inclusion, at least 5 characters: say what the
		// service is about from its themes.
		desc = strings.TrimSpace(s.Name + " : " + strings.Join(s.Themes, ", ") + ".")
	}
	d.Description = cutWords(desc, 10000)
	if a.ContactPublic {
		d.Telephone, d.Courriel = ptr(first(a.Phones)), ptr(first(a.Emails))
	}
	addr, lat, lon := a.Address, a.Latitude, a.Longitude
	if !s.Address.IsZero() {
		addr, lat, lon = s.Address, s.Latitude, s.Longitude
	}
	d.Adresse, d.ComplementAdresse, d.CodePostal = ptr(addr.Street), ptr(addr.Complement), ptr(addr.PostalCode)
	d.CodeInsee, d.Commune, d.Latitude, d.Longitude = ptr(addr.InseeCode), ptr(addr.Commune), lat, lon
	return d
}
