package opendata

import (
	"slices"
	"strings"

	"carnet/models/editdist"
	"carnet/models/vocab"
)

// Real producers rename and misspell the standard's columns: the
// Conseillers numériques file has « conditions_access », spreadsheets
// export « Téléphone » or « Code postal », tools write « email » or « lat ».
// A column is read under the standard's name when its folded name is the
// standard's, a known alias, or one or two typos away from exactly one
// column of some version of the standard; the report says how it was read.

// columnAliases maps folded names (see foldColumn) that producers use to
// the standard's column.
var columnAliases = map[string]string{
	"identifiant": "id", "id_lieu": "id", "siret": "pivot", "siren": "pivot",
	"name": "nom", "nom_lieu": "nom", "nom_structure": "nom", "raison_sociale": "nom",
	"ville": "commune", "city": "commune", "cp": "code_postal", "codepostal": "code_postal", "postal_code": "code_postal",
	"insee": "code_insee", "code_commune": "code_insee", "code_commune_insee": "code_insee",
	"address": "adresse", "adresse_postale": "adresse", "rue": "adresse", "complement": "complement_adresse",
	"lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude",
	// GIS exports (QGIS, ArcGIS) name a point's columns x and y: degrees
	// (x the longitude) or Lambert-93 metres, which the coordinates are
	// read from either way (lambert93). Not « Coord. X »: Gironde's
	// format writes the latitude there (its mapping reads it).
	"x": "longitude", "y": "latitude",
	"typologies": "typologie", "tel": "telephone", "telephones": "telephone", "phone": "telephone",
	"email": "courriels", "emails": "courriels", "mail": "courriels", "e_mail": "courriels", "adresse_mail": "courriels",
	"site": "site_web", "site_internet": "site_web", "siteweb": "site_web", "website": "site_web", "url": "site_web",
	"horaire": "horaires", "horaires_ouverture": "horaires", "opening_hours": "horaires",
	"presentation": "presentation_resume", "resume": "presentation_resume", "description": "presentation_detail",
	"date_mise_a_jour": "date_maj", "date_de_mise_a_jour": "date_maj", "date_modification": "date_maj", "updated_at": "date_maj",
	"service": "services", "thematiques": "services",
	// The services under the names spreadsheets give them (probe 41a M1).
	"services_proposes": "services", "services_propose": "services", "services_offerts": "services",
	"offre_de_services": "services", "offres_de_services": "services", "offre_de_service": "services",
	"offre_services": "services", "prestations": "services", "prestations_proposees": "services", "frais": "frais_a_charge", "tarifs": "frais_a_charge",
	"public": "publics_specifiquement_adresses", "publics": "publics_specifiquement_adresses",
	"prise_de_rdv": "prise_rdv", "rdv": "prise_rdv", "labels": "formations_labels",
	"label_nationaux": "labels_nationaux", "label_national": "labels_nationaux", "labels_national": "labels_nationaux",
	"condition_acces": "conditions_acces", "conditions_d_acces": "conditions_acces",
	// The titles of the columns in the standard's schemas (v0.1.1 to
	// v1.0.2), which spreadsheet exports use as headers.
	"identifiant_unique_local_du_lieu": "id", "identifiant_unique": "id", "siret_ou_rna_ou_ridet": "pivot", "siret_ou_rna": "pivot",
	"code_officiel_geographique": "code_insee", "numero_de_telephone": "telephone", "courriel_s": "courriels",
	"presentation_detaillee": "presentation_detail", "structure_collectant_la_donnee": "source",
	"dispositifs_et_programmes_nationaux": "dispositif_programmes_nationaux", "formations_et_labels": "formations_labels",
	"autres_formations_et_labels": "autres_formations_labels", "modalites_d_accompagnement": "modalites_accompagnement",
	"autres_labels": "labels_autres", "accessibilite_accueil_handicap": "accessibilite",
	"cle_nationale_d_interoperabilite_de_l_adresse": "cle_ban", "fiche_acceslibre": "fiche_acces_libre",
	// Both coordinates in one column (Opendatasoft's geo_point_2d,
	// spreadsheets' « Coordonnées GPS »).
	"geo_point_2d": ColumnCoordinates, "geo_point": ColumnCoordinates, "geopoint": ColumnCoordinates, "coordonnees_gps": ColumnCoordinates,
	"coordinates": ColumnCoordinates, "latlon": ColumnCoordinates, "lat_lon": ColumnCoordinates, "lat_long": ColumnCoordinates,
	"lat_lng": ColumnCoordinates, "gps": ColumnCoordinates, "geolocalisation": ColumnCoordinates, "position": ColumnCoordinates,
	"point_geo": ColumnCoordinates, "coordonnees_geographiques": ColumnCoordinates,
	// English exports (Aidants Connect's « Zip Code », « City Insee
	// Code ») and INSEE's abbreviation of the commune, com (France
	// services' « lib_com », « insee_com »). Not « COM_NOM » nor
	// « COM_CODE »: the Doubs map writes them beside its « VILLE » and
	// « CODE_POSTAL », and copies another row's in some rows; nor
	// « Commune INSEE », which the Conseillers numériques list fills with
	// the commune's name.
	"zip": "code_postal", "zip_code": "code_postal", "zipcode": "code_postal", "postcode": "code_postal", "post_code": "code_postal",
	"code_postal_commune": "code_postal", "cp_commune": "code_postal",
	"insee_code": "code_insee", "city_insee_code": "code_insee", "city_code_insee": "code_insee", "insee_city_code": "code_insee",
	"citycode": "code_insee", "code_insee_commune": "code_insee", "insee_commune": "code_insee", "insee_com": "code_insee",
	"code_insee_com": "code_insee", "cog": "code_insee",
	"lib_com": "commune", "libelle_commune": "commune", "lib_commune": "commune", "nom_commune": "commune", "nom_de_la_commune": "commune",
	"city_name": "commune", "town": "commune",
	// Spreadsheets' French headers (probe 43): « Mise à jour » lost 547
	// places' dates, « Nom du lieu » refused every row. Only names that
	// say the standard's column and no other (not « Nom du contact »).
	"mise_a_jour": "date_maj", "derniere_mise_a_jour": "date_maj", "date_de_derniere_mise_a_jour": "date_maj",
	"date_derniere_mise_a_jour": "date_maj", "derniere_maj": "date_maj",
	"horaires_d_ouverture": "horaires", "horaires_douverture": "horaires", "heures_d_ouverture": "horaires",
	"prendre_rendez_vous": "prise_rdv", "prise_de_rendez_vous": "prise_rdv", "prise_rendez_vous": "prise_rdv",
	"rendez_vous": "prise_rdv", "lien_de_prise_de_rendez_vous": "prise_rdv", "lien_rendez_vous": "prise_rdv",
	"nom_du_lieu": "nom", "nom_de_la_structure": "nom", "nom_de_la_structure_d_accueil": "nom", "nom_du_lieu_d_accueil": "nom",
	"contact_mail": "courriels", "contact_email": "courriels", "contact_courriel": "courriels", "mail_contact": "courriels",
	"email_contact": "courriels", "courriel_contact": "courriels",
}

// ColumnCoordinates is the column, no version of the standard's, that
// holds both coordinates in one cell (« 43.2965, 5.3698 »).
const ColumnCoordinates = "coordonnees"

// knownColumns are the columns of every version of the standard.
var knownColumns = append(append(slices.Clone(Columns), legacyColumns...), ColumnCoordinates)

// knownColumn is knownColumns as a set.
var knownColumn = func() map[string]bool {
	m := make(map[string]bool, len(knownColumns))
	for _, c := range knownColumns {
		m[c] = true
	}
	return m
}()

// foldColumn folds a header: lower case, no accents, words joined with "_".
func foldColumn(name string) string {
	return strings.ReplaceAll(vocab.Slugify(strings.Trim(name, "\"\ufeff ")), "-", "_")
}

// foldsTo says whether foldColumn(name) is column, folded on the stack:
// repeatsHeader asks it of every CSV row, where foldColumn was one or two
// allocations a row (issue 11, item 6).
func foldsTo(name, column string) bool {
	var buf [128]byte
	b := vocab.AppendSlug(buf[:0], strings.Trim(name, "\"\ufeff "))
	for i, c := range b {
		if c == '-' {
			b[i] = '_'
		}
	}
	return string(b) == column
}

// columnReading says how a column of a file is read.
type columnReading struct {
	name string // the standard's column, "" when unknown
	how  string // "" when the column is the standard's own
}

// readColumn returns how the header name is read.
func readColumn(name string) columnReading {
	f := foldColumn(name)
	if slices.Contains(knownColumns, f) {
		if f != strings.TrimSpace(name) {
			return columnReading{f, "column « " + name + " » read as " + f}
		}
		return columnReading{name: f}
	}
	if c, ok := columnAliases[f]; ok {
		return columnReading{c, "column « " + name + " » read as " + c + " (another name of it)"}
	}
	if d := dayColumnOf(f); d != "" {
		return columnReading{name: producerPrefix + "day_" + d}
	}
	if f == "types" {
		return columnReading{name: serviceTypesCell} // see serviceTypes
	}
	// One typo in a short name, two in a long one, and only when a single
	// column is that close: « conditions_access » is conditions_acces.
	limit := 1
	if len(f) >= 10 {
		limit = 2
	}
	if best := editdist.Closest(f, knownColumns, func(string) int { return limit }); len(f) >= 5 && best != "" {
		return columnReading{best, "column « " + name + " » read as " + best + " (misspelt)"}
	}
	return columnReading{name: f, how: ""}
}

// frenchDays are the days in French and as opening_hours writes them.
var frenchDays = [7][2]string{{"lundi", "Mo"}, {"mardi", "Tu"}, {"mercredi", "We"}, {"jeudi", "Th"}, {"vendredi", "Fr"}, {"samedi", "Sa"}, {"dimanche", "Su"}}

// dayColumnOf returns the day (« Mo ») of a column of hours named by it
// (folded: horaires_lundi, horaire_mardi, heures_mercredi), or "". Such
// columns are obviously the standard's horaires written one day per
// column (Nouvelle-Calédonie's file, the ANCT's mappings of Hinaura or
// Loire-Atlantique): a file of the standard's kind that has them has its
// hours read from them rather than a column of data left unread.
func dayColumnOf(f string) string {
	for _, prefix := range []string{"horaires_", "horaire_", "heures_"} {
		if day, ok := strings.CutPrefix(f, prefix); ok {
			for _, d := range frenchDays {
				if day == d[0] {
					return d[1]
				}
			}
		}
	}
	return ""
}
