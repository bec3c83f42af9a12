package opendata

import (
	"fmt"
	"slices"
	"strings"
)

// Diagnosis says, for a file that does not follow the standard (a required
// column missing, or most of its columns no column of the standard), what
// it lacks and what its other columns could be: a producer's own export
// otherwise gets an error on every row and nothing saying why.
type Diagnosis struct {
	// Summary is the diagnosis in a sentence, also the report's first issue.
	Summary string `json:"summary"`
	// Missing are the standard's required columns the file does not have
	// (under any name Carnet reads).
	Missing []string `json:"missing"`
	// IDs says where the places' ids came from: "" (the id column), the
	// producer's column read as id, or "derived".
	IDs string `json:"ids"`
	// Recognised counts the file's columns read as a column of the
	// standard; Unrecognised lists the others.
	Recognised   int                  `json:"recognised"`
	Unrecognised []UnrecognisedColumn `json:"unrecognised"`
}

// UnrecognisedColumn is a column of the file that no version of the
// standard has, and the column of the standard its name comes closest to
// ("" when none does): a hint for the producer, never read as that column.
type UnrecognisedColumn struct {
	Column  string `json:"column"`
	Closest string `json:"closest,omitempty"`
}

// requiredColumns are the columns of v1.0.2 a place must have (pivot and
// date_maj, also required by the schema, have readings when missing).
var requiredColumns = []string{"id", "nom", "adresse", "code_postal", "commune"}

// columnHints map words of producers' column names to the standard's
// column they most likely hold, in the order they are tried: the first that
// matches wins (« Adresse mail » is an e-mail before an address; « Adresse
// de la structure » an address before a name). A word of up to three
// letters matches a whole word of the name; a longer one also inside a
// word, for names written without separators (« Nomdelastructure »). The
// words of a person's contact come first and say nothing: the standard
// has no column for people. A hint with « with » words matches only when
// the name also has one of them.
//
// The words are read for what they mean in the producers' names: com is
// the commune, as in INSEE's files (« COM_NOM » is the commune's name, not
// the place's; « COM_CODE » its INSEE code); nom, lib, libellé, name say
// a name, the place's (« NOM_DISPOSITIF », « lib_france_services »)
// before anything its other words name, but after the commune's and the
// address's (« Nom de la commune », « Libellé voie »); « France
// services » is the programme, not the column services (see
// closestColumn).
var columnHints = []struct {
	column string
	words  []string
	with   []string
}{
	{"", []string{"contact", "referent", "referente", "prenom", "result", "responsable"}, nil},
	{"courriels", []string{"mail", "courriel", "email"}, nil},
	{"site_web", []string{"site", "web", "url", "lien"}, nil},
	{"telephone", []string{"tel", "telephone", "phone", "fixe", "mobile", "portable"}, nil},
	{"code_postal", []string{"cp", "postal", "postcode", "zip"}, nil},
	{"code_insee", []string{"insee", "citycode", "cog"}, nil},
	{"code_insee", communeWords, []string{"code", "cod", "num", "numero"}},
	{"commune", communeWords, nil},
	{"complement_adresse", []string{"complement"}, nil},
	{"adresse", []string{"adresse", "adress", "address", "rue", "voie", "street"}, nil},
	{"latitude", []string{"lat", "latitude"}, nil},
	{"longitude", []string{"lon", "lng", "long", "longitude"}, nil},
	{"nom", []string{"nom", "name", "lib", "libelle", "intitule", "denomination", "raison", "enseigne"}, nil},
	{"horaires", []string{"horaire", "ouverture", "lundi", "opening"}, nil},
	{"pivot", []string{"siret", "siren", "rna", "ridet"}, nil},
	{"date_maj", []string{"date", "maj", "datetime", "modification", "edit"}, nil},
	{"frais_a_charge", []string{"tarif", "prix", "gratuit", "cout", "frais"}, nil},
	{"publics_specifiquement_adresses", []string{"public", "publics"}, nil},
	{"prise_rdv", []string{"rdv", "rendez"}, nil},
	{"itinerance", []string{"itinerance", "itinerant"}, nil},
	{"dispositif_programmes_nationaux", []string{"dispositif", "conseiller", "label", "labels"}, nil},
	{"modalites_accompagnement", []string{"accompagnement"}, nil},
	{"presentation_detail", []string{"description", "presentation", "commentaire", "information", "infos"}, nil},
	{"services", []string{"service", "activite", "thematique", "demarche", "qualif"}, nil},
	{"typologie", []string{"typologie", "type", "categorie", "statut"}, nil},
	{"nom", []string{"lieu", "structure", "organisation", "organisme"}, nil},
	{"id", idWords, nil}, // the names producers give their identifiers (ids.go)
}

// communeWords say a commune: « com » as INSEE abbreviates it, « ville »,
// « city »…
var communeWords = []string{"com", "commune", "communes", "ville", "city", "town", "localite"}

// closestColumn returns the column of the standard a folded column name
// comes closest to, or "".
func closestColumn(folded string) string {
	words := strings.FieldsFunc(folded, func(r rune) bool { return r == '_' })
	// « France services » names the programme (« France Services Label »,
	// the Conseillers numériques list's « France services » oui/non):
	// the name's other words say what of it the column holds.
	franceServices := false
	for i := 0; i < len(words); i++ {
		if words[i] == "franceservices" || words[i] == "france" && i+1 < len(words) && words[i+1] == "services" {
			n := 1
			if words[i] == "france" {
				n = 2
			}
			words = slices.Delete(slices.Clone(words), i, i+n)
			franceServices = true
			i--
		}
	}
	has := func(list []string) bool {
		for _, hw := range list {
			for _, w := range words {
				if w == hw || len(hw) > 3 && strings.Contains(w, hw) {
					return true
				}
			}
		}
		return false
	}
	// The structure a place depends on: « structure_parente », France
	// services' « Goupe_France_Services_responsable » (the matricule of
	// the France services responsible for an antenna).
	if has([]string{"parent", "parente", "rattachement"}) ||
		has([]string{"responsable"}) && (franceServices || has([]string{"groupe", "goupe", "structure", "organisme", "antenne"})) {
		return "structure_parente"
	}
	for _, h := range columnHints {
		if has(h.words) && (h.with == nil || has(h.with)) {
			return h.column
		}
	}
	if franceServices {
		return "dispositif_programmes_nationaux"
	}
	return ""
}

// diagnose returns the diagnosis of the file rd read, or nil when it
// follows the standard (every required column, most columns known, ids
// given).
func diagnose(rd *Reader) *Diagnosis {
	cols := rd.Columns()
	if len(cols) == 0 {
		// A document holding no place has no column to diagnose (it
		// said « 0 of its 0 columns are columns of the standard »):
		// « the file holds no place » says it all.
		return nil
	}
	d := &Diagnosis{IDs: rd.IDSource(), Missing: []string{}, Unrecognised: []UnrecognisedColumn{}}
	for _, c := range requiredColumns {
		if !cols[c] {
			d.Missing = append(d.Missing, c)
		}
	}
	p := rd.Producer()
	for c := range cols {
		if c == "" || strings.HasPrefix(c, producerPrefix) && !strings.HasPrefix(c, producerPrefix+"unread_") {
			continue // read by a recognised format's rules
		}
		if rd.OfferColumn(c) != "" {
			continue // an offer's yes/no column, read as the services (offer_columns.go)
		}
		if slices.Contains(knownColumns, c) {
			d.Recognised++
			continue
		}
		name := rd.Names()[c]
		if name == "" {
			name = c
		}
		d.Unrecognised = append(d.Unrecognised, UnrecognisedColumn{Column: name, Closest: closestColumn(strings.TrimPrefix(c, producerPrefix+"unread_"))})
	}
	slices.SortFunc(d.Unrecognised, func(a, b UnrecognisedColumn) int { return strings.Compare(a.Column, b.Column) })
	if p == nil && len(d.Missing) == 0 && len(d.Unrecognised) <= d.Recognised && d.IDs == "" {
		return nil
	}
	var b strings.Builder
	if p != nil {
		// Recognised: the mapping reads it; the diagnosis says what
		// remains (columns read as the standard's, required ones the rows
		// must then give by other means).
		fmt.Fprintf(&b, "the file is in the %s format, not the standard « lieux de médiation numérique »: it was read by %s; %d of its %d columns read as columns of the standard",
			p.Title, mappingOf(p.Mapping), d.Recognised, d.Recognised+len(d.Unrecognised))
		if len(d.Missing) > 0 {
			fmt.Fprintf(&b, "; required columns it lacks, derived for each row where the rest of the row tells them (see the warnings): %s", strings.Join(d.Missing, ", "))
		}
		if d.IDs == "derived" {
			b.WriteString("; ids derived from each place's name and address (see the warnings on id)")
		}
		d.Summary = b.String()
		return d
	}
	fmt.Fprintf(&b, "the file does not follow the standard « lieux de médiation numérique »: %d of its %d columns are columns of the standard", d.Recognised, d.Recognised+len(d.Unrecognised))
	if len(d.Missing) > 0 {
		fmt.Fprintf(&b, "; required columns missing: %s", strings.Join(d.Missing, ", "))
	}
	switch d.IDs {
	case "":
	case "derived":
		b.WriteString("; ids derived from each place's name and address (see the warnings on id)")
	default:
		fmt.Fprintf(&b, "; ids read from « %s »", d.IDs)
	}
	var hints []string
	for _, u := range d.Unrecognised {
		if u.Closest != "" && slices.Contains(d.Missing, u.Closest) && (u.Closest != "id" || d.IDs == "") {
			hints = append(hints, fmt.Sprintf("« %s » → %s", u.Column, u.Closest))
		}
	}
	if len(hints) > 0 {
		fmt.Fprintf(&b, "; columns that may hold the missing ones, to rename: %s", strings.Join(hints, ", "))
	}
	b.WriteString(" (the producer's own format: rename its columns as the standard's, https://schema.data.gouv.fr/LaMednum/standard-mediation-num/)")
	d.Summary = b.String()
	return d
}
