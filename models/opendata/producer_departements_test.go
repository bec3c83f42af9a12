package opendata_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// Départements' and cities' formats (producer_formats_departements.go):
// invented rows in each producer's columns, imported, then exported in the
// standard to read the places as stored. Before these tables each file was
// read as the standard's: its names, offers, contacts and dates under the
// producer's columns were lost and most rows refused.

// exportedRows imports file under source and returns the standard CSV
// export's rows by id.
func exportedRows(t *testing.T, file string, source string) (*opendata.Report, map[string]map[string]string) {
	t.Helper()
	s := openStore(t)
	rep := importBytes(t, s, []byte(file), opendata.ImportOptions{Source: source})
	var out bytes.Buffer
	if err := opendata.Export(context.Background(), s, opendata.ExportStandardCSV, &out, nil); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]map[string]string{}
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, c := range recs[0] {
			row[c] = r[i]
		}
		rows[row["id"]] = row
	}
	return rep, rows
}

// place is what a row must hold once exported: each value of want in its
// column (a list holds it among its items), no value of not.
type place struct {
	want map[string][]string
	not  map[string][]string
}

func checkPlaces(t *testing.T, rows map[string]map[string]string, places map[string]place) {
	t.Helper()
	for id, p := range places {
		row, ok := rows[id]
		if !ok {
			t.Errorf("%s: not stored (stored: %d)", id, len(rows))
			continue
		}
		has := func(col, v string) bool {
			if row[col] == v {
				return true
			}
			for item := range strings.SplitSeq(row[col], "|") {
				if item == v {
					return true
				}
			}
			return false
		}
		for col, vs := range p.want {
			for _, v := range vs {
				if !has(col, v) {
					t.Errorf("%s: %s = %q, want %q in it", id, col, row[col], v)
				}
			}
		}
		for col, vs := range p.not {
			for _, v := range vs {
				if has(col, v) {
					t.Errorf("%s: %s = %q, must not hold %q", id, col, row[col], v)
				}
			}
		}
	}
}

func TestImportDepartementFormats(t *testing.T) {
	cases := []struct {
		name, format, file string
		places             map[string]place
		readings           []string // field: part of how
		warnings           map[int]string
	}{
		{
			name: "herault", format: "herault",
			file: "code_service;lib_long_service;lib_long_type;administration;nom_comm;lieu_code_postal;num_insee_comm_service;adresse;lieu_lat84;lieu_long84;tabservice_tel_service;tabservice_mail_service;site_internet_service;date_maj;infos_complementaires;horaires;itinerance;cond_acces;mod_acces;borne_libre_service;publics;accueil_pmr;demarches;usages;reseau\n" +
				"H-1;Point numérique d'essai;Point d'accueil numérique;;Montpellier;34000;34172;1 rue de l'Exemple;43.6108;3.8767;04 67 00 00 01;essai@example.org;https://example.org;2025-03-14;Accompagnement à la création numérique;Mo-Fr 09:00-12:00;0;Gratuit, Sans Rendez-Vous;Espace avec un accompagnement collectif;1;Jeune, Personne en situation de handicap;0;Faire valoir un droit;Imprimer ou scanner un document;Réseau d'essai\n" +
				"H-2;Guichet d'essai;France Services;Services des impôts DGFIP;Béziers;34500;34032;2 rue de l'Exemple;43.344;3.215;04 67 00 00 02;;;2024-11-02;Ouvert 1 jour sur 2;;1;Payant;Ouvert 1 jour sur 2;0;Retraité;0;;Services internet ouverts au public;\n",
			places: map[string]place{
				"H-1": {want: map[string][]string{
					"nom": {"Point numérique d'essai"}, "typologie": {"EPN"}, "itinerance": {"Fixe"}, "frais_a_charge": {"Gratuit"},
					"modalites_acces": {"Se présenter"}, "modalites_accompagnement": {"Dans un atelier collectif", "En autonomie"},
					"publics_specifiquement_adresses": {"Jeunes"}, "prise_en_charge_specifique": {"Surdité", "Handicaps moteurs", "Handicaps mentaux", "Déficience visuelle"},
					"services": {"Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien", "Accès internet et matériel informatique", "Loisirs et créations numériques"},
					"date_maj": {"2025-03-14"}, "telephone": {"+33467000001"}, "courriels": {"essai@example.org"}, "horaires": {"Mo-Fr 09:00-12:00"},
					"autres_formations_labels": {"Réseau d'essai"}, "code_postal": {"34000"}, "commune": {"Montpellier"},
				}},
				// « 1 » in free text is no flag: no autonomy, no step-free access.
				"H-2": {want: map[string][]string{
					"typologie": {"RFS", "CFP"}, "itinerance": {"Itinérant"}, "frais_a_charge": {"Payant"}, "publics_specifiquement_adresses": {"Seniors"}, "date_maj": {"2024-11-02"},
				}, not: map[string][]string{"modalites_accompagnement": {"En autonomie"}, "prise_en_charge_specifique": {"Handicaps moteurs"}}},
			},
			readings: []string{"nom: column « lib_long_service » read as nom (the Hérault format", "typologie: « administration », « lib_long_type »"},
		},
		{
			name: "les-landes", format: "les-landes",
			file: `[{"ID": "L-1", "name": "Médiathèque d'essai", "siret": "", "adresse_numero": "12", "adresse_rue": "rue de l'Exemple", "adresse_code_postal": "40000", "adresse_code_insee": "40192", "adresse_commune": "Mont-de-Marsan", "structure_porteuse": "Commune d'essai", "lat": 43.89, "lon": -0.5, "contact_telephone": "0558000001", "contact_email": "essai@example.org", "contact_web": "https://example.org", "description": "Ateliers de retouches photos", "horaires_ouverture_brut": "Du lundi au vendredi de 9h à 12h", "itinerant": "", "type_lieu": "Bibliothèque / Médiathèque", "public_cible": "Jeunes,Séniors,Migrants", "modalites_accompagnement": "Individuel,Collectif", "tarifs": "Gratuit", "services": "Accompagnement aux démarches administratives en ligne", "labels": "LandesMail"},
 {"ID": "L-2", "name": "Bus d'essai", "adresse_numero": "", "adresse_rue": "place de l'Exemple", "adresse_code_postal": "40100", "adresse_code_insee": "40088", "adresse_commune": "Dax", "structure_porteuse": "", "lat": 43.71, "lon": -1.05, "contact_telephone": "0558000002", "itinerant": "Oui", "type_lieu": "Association", "modalites_accompagnement": "Individuel", "tarifs": "adhésion 10 €", "services": "Acquisition de compétences numériques"}]`,
			places: map[string]place{
				"L-1": {want: map[string][]string{
					"nom": {"Médiathèque d'essai"}, "adresse": {"12 rue de l'Exemple"}, "typologie": {"BIB"}, "frais_a_charge": {"Gratuit"},
					"publics_specifiquement_adresses": {"Jeunes", "Seniors"}, "prise_en_charge_specifique": {"Langues étrangères (anglais)", "Langues étrangères (autres)"},
					"modalites_accompagnement": {"Dans un atelier collectif", "Accompagnement individuel"},
					"services":                 {"Aide aux démarches administratives", "Loisirs et créations numériques"}, "autres_formations_labels": {"LandesMail"},
					"horaires": {"Mo-Fr 09:00-12:00"}, "courriels": {"essai@example.org"},
				}, not: map[string][]string{"modalites_accompagnement": {"En autonomie"}}},
				// « Individuel » is an accompaniment, never autonomy.
				"L-2": {want: map[string][]string{
					"itinerance": {"Itinérant"}, "typologie": {"ASSO"}, "frais_a_charge": {"Payant"},
					"services": {"Maîtrise des outils numériques du quotidien", "Compréhension du monde numérique"},
				}, not: map[string][]string{"modalites_accompagnement": {"En autonomie"}}},
			},
			readings: []string{"adresse: « adresse_numero » and « adresse_rue » joined (the Landes format"},
		},
		{
			name: "loire-atlantique", format: "loire-atlantique",
			file: `[{"cle": "LA-1", "nom_lieu": "Espace numérique d'essai", "type_porteur": "Centre social", "code_postal": "44000", "code_insee": "44109", "commune": "Nantes", "adresse": "1 rue de l'Exemple", "location": {"lat": 47.218, "lon": -1.553}, "telephone": "0240000001", "mail_porteur": "essai@example.org", "site_web": "https://example.org", "descriptif": "Lieu d'essai", "date_modif": "2025-02-01", "date_saisie": "2021-01-01", "horaire_lundi": "09:00-12:00", "horaire_mardi": "14h à 17h", "poste_libre_service": 1, "accompagnement_edemarches": 1, "accompagnement_usages": 0, "gratuit": "oui", "public": ["Jeunes", "Familles"], "accessibilite_pmr": "oui", "wifi": 1, "equipements": ["Tablette"], "labels": "Net Public"},
 {"cle": "LA-2", "nom_lieu": "Club d'essai", "type_porteur": "Association", "code_postal": "44600", "code_insee": "44184", "commune": "Saint-Nazaire", "adresse": "2 rue de l'Exemple", "mail_porteur": "club@example.org", "date_modif": null, "date_saisie": "2022-05-04", "complement_activite": "1 poste au 1er étage", "handicaps_precisions": "Oui, boucle magnétique", "gratuit": "", "tarifs": "Gratuit pour tous", "accompagnement_emploi": 1}]`,
			places: map[string]place{
				"LA-1": {want: map[string][]string{
					"nom": {"Espace numérique d'essai"}, "typologie": {"CS"}, "date_maj": {"2025-02-01"}, "horaires": {"Mo 09:00-12:00; Tu 14:00-17:00"},
					"modalites_accompagnement": {"En autonomie", "Accompagnement individuel"}, "frais_a_charge": {"Gratuit"},
					"publics_specifiquement_adresses": {"Jeunes", "Familles et/ou enfants"}, "prise_en_charge_specifique": {"Handicaps moteurs"},
					"services": {"Aide aux démarches administratives", "Accès internet et matériel informatique"}, "autres_formations_labels": {"Net Public"},
					"courriels": {"essai@example.org"}, "latitude": {"47.218"},
				}},
				// The date entered when the row has no date of change; « 1 » and
				// « oui » in free text are no flags.
				"LA-2": {want: map[string][]string{
					"date_maj": {"2022-05-04"}, "frais_a_charge": {"Gratuit"}, "services": {"Insertion professionnelle via le numérique"}, "modalites_accompagnement": {"Accompagnement individuel"},
				}, not: map[string][]string{"prise_en_charge_specifique": {"Handicaps moteurs"}, "services": {"Maîtrise des outils numériques du quotidien"}}},
			},
			readings: []string{"date_maj: « date_saisie » (the Loire-Atlantique format", "coordonnees: column « location »"},
		},
		{
			// The portal's API records: fields lifted to the record.
			name: "mulhouse", format: "mulhouse",
			file: `[{"datasetid": "essai", "recordid": "r-1", "record_timestamp": "2024-05-02T10:00:00+00:00", "geometry": {"type": "Point", "coordinates": [7.3359, 47.7508]}, "fields": {"nom_structure": "Centre d'essai", "type_de_structure": "Centre social", "commune": "Mulhouse", "code_postal": "68100", "adresse": "1 rue de l'Exemple", "telephone": "0389000001", "adresse_mail": "essai@example.org", "type_public": "10-21 ans", "modalites_d_acces_formations_ateliers": "Inscription par téléphone", "acces_equipement_numerique_et_internet": "Oui", "formations_ateliers": "Oui", "accompagnement_pour_des_demarches_en_ligne": "Oui", "tarif_acces_equipement": "Gratuit", "jours_horaires_ouverture": "Du lundi au vendredi de 9h à 12h"}},
 {"datasetid": "essai", "recordid": "r-2", "record_timestamp": "2024-05-02T10:00:00+00:00", "fields": {"nom_structure": "Association d'essai", "type_de_structure": "Association", "commune": "Mulhouse", "code_postal": "68200", "adresse": "2 rue de l'Exemple", "adresse_mail": "asso@example.org", "formations_ateliers": "Non", "accompagnement_pour_des_demarches_en_ligne": "Oui", "tarif_accompagnement_pour_des_demarches_en_ligne": "Gratuit pour les adhérents"}}]`,
			places: map[string]place{
				"r-1": {want: map[string][]string{
					"nom": {"Centre d'essai"}, "typologie": {"CS"}, "publics_specifiquement_adresses": {"Jeunes"}, "modalites_acces": {"Téléphoner"},
					"modalites_accompagnement": {"En autonomie", "Dans un atelier collectif", "Accompagnement individuel"}, "frais_a_charge": {"Gratuit"},
					"services": {"Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien", "Compréhension du monde numérique", "Accès internet et matériel informatique"},
					"date_maj": {"2024-05-02"}, "horaires": {"Mo-Fr 09:00-12:00"}, "latitude": {"47.7508"}, "longitude": {"7.3359"},
				}},
				"r-2": {want: map[string][]string{"frais_a_charge": {"Payant"}, "services": {"Aide aux démarches administratives"}},
					not: map[string][]string{"frais_a_charge": {"Gratuit"}, "modalites_accompagnement": {"Dans un atelier collectif"}}},
			},
		},
		{
			name: "paris", format: "paris",
			file: "identifiant;Nom de structure;Type de structure;Type de structure (Catégorie 3);Code postal;Adresse;geo_point_2d;Téléphone;Adresse mail;Site web;Dernière date de mise à jour;Jours et horaires d'ouverture;Gratuit;Participation financière;Accès libre;Tout public;Jeunes (16-25 ans);Seniors (pré-retraités et retraités);Services accessibles aux personnes déficientes visuelles;Accompagnement aux démarches administratives dématérialisées;Education au numérique;Ordinateurs\n" +
				"P-1;Centre social d'essai;Centre social;;75011;1 rue de l'Exemple;48.859, 2.379;01 40 00 00 01;essai@example.org;https://example.org;2025-04-01;Du lundi au vendredi de 9h à 12h;Oui;Non;Accompagné;Oui;Non;Oui;Oui;Oui;Oui;Oui\n" +
				"P-2;Point d'essai;Association;Point France Services;75019;2 rue de l'Exemple;48.884, 2.381;01 40 00 00 02;;;2024-09-30;;Non;Oui;Autonome;Oui;Non;Non;Non;Oui;Non;Non\n",
			places: map[string]place{
				// « Tout public » gives no public: only the columns naming one do.
				"P-1": {want: map[string][]string{
					"nom": {"Centre social d'essai"}, "commune": {"Paris"}, "typologie": {"CS"}, "frais_a_charge": {"Gratuit"},
					"modalites_accompagnement": {"Accompagnement individuel"}, "publics_specifiquement_adresses": {"Seniors"},
					"prise_en_charge_specifique": {"Déficience visuelle"}, "date_maj": {"2025-04-01"}, "horaires": {"Mo-Fr 09:00-12:00"},
					"services":  {"Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien", "Accès internet et matériel informatique"},
					"telephone": {"+33140000001"}, "latitude": {"48.859"},
				}, not: map[string][]string{"publics_specifiquement_adresses": {"Jeunes", "Étudiants", "Familles et/ou enfants"}}},
				"P-2": {want: map[string][]string{"typologie": {"ASSO", "RFS"}, "frais_a_charge": {"Payant"}, "modalites_accompagnement": {"En autonomie"}, "publics_specifiquement_adresses": {""}}},
			},
		},
		{
			name: "grand-paris-sud", format: "grand-paris-sud",
			file: `[{"id": "G-1", "siret": "", "nom": "Maison de quartier d'essai", "commune": "Évry-Courcouronnes", "code_postal": "91000", "code_insee": "91228", "adresse": "1 rue de l'Exemple", "geopoint": {"lat": 48.63, "lon": 2.44}, "telephone": "0160000001", "courriel": "essai@example.org", "site_web": "", "date_maj": "2025-01-15", "typologie": "Maison de quartier", "thematiques": ["Numérique /Prendre en main un ordinateur", "Apprendre le français /Accompagnement vers l’insertion professionnelle"], "labels_autres": "Label d'essai", "horaires_ouverture": "Du lundi au vendredi de 9h à 12h"},
 {"id": "G-2", "nom": "Centre social d'essai", "commune": "Savigny-le-Temple", "code_postal": "77176", "adresse": "2 rue de l'Exemple", "courriel": "cs@example.org", "date_maj": "2024-10-01", "typologie": "Centre Social", "thematiques": ["Numérique /Favoriser mon insertion professionnelle"]}]`,
			places: map[string]place{
				"G-1": {want: map[string][]string{
					"typologie": {"MQ"}, "services": {"Maîtrise des outils numériques du quotidien"}, "prise_en_charge_specifique": {"Langues étrangères (autres)"},
					"date_maj": {"2025-01-15"}, "autres_formations_labels": {"Label d'essai"}, "horaires": {"Mo-Fr 09:00-12:00"}, "courriels": {"essai@example.org"}, "latitude": {"48.63"},
				}, not: map[string][]string{"services": {"Insertion professionnelle via le numérique"}}},
				"G-2": {want: map[string][]string{"typologie": {"CS"}, "services": {"Insertion professionnelle via le numérique"}}},
			},
		},
		{
			name: "bus-france-services-charente", format: "bus-france-services-charente",
			file: "id;SIRET;nom;commune;code_postal;adresse;latitude;longitude;telephone;courriel;horaires;structure_parente;services;ouverture;date_maj\n" +
				"1;123 456 789 00012;Bus d'essai - [Place de l'église];Ruffec;16700;Place de l'Église;46.029;0.198;0545000001;bus@example.org;\"Mo 09:30-12:30; PH off\";Association d'essai;Devenir autonome dans les démarches administratives;Semaine impaire;2025-06-01\n" +
				"2;123 456 789 00012;Bus d'essai - [Mairie];Ruffec;16700;Rue de la Mairie;46.03;0.2;0545000001;;Tu 14:00-16:00;Association d'essai;Accéder à du matériel;Un mardi sur deux;2025-06-01\n" +
				"3;123 456 789 00012;Bus d'essai - [Marché];Ruffec;16700;Place du Marché;46.031;0.201;0545000001;;We 09:00-12:00;Association d'essai;Favoriser mon insertion professionnelle;;2025-06-01\n",
			places: map[string]place{
				"1": {want: map[string][]string{"typologie": {"RFS"}, "itinerance": {"Itinérant"}, "horaires": {"week 01-53/2 Mo 09:30-12:30; PH off"},
					"services": {"Aide aux démarches administratives"}, "date_maj": {"2025-06-01"}, "courriels": {"bus@example.org"}}},
				"2": {want: map[string][]string{"horaires": {""}, "services": {"Accès internet et matériel informatique"}}},
				"3": {want: map[string][]string{"horaires": {"We 09:00-12:00"}, "services": {"Insertion professionnelle via le numérique"}}},
			},
			readings: []string{"typologie: « RFS » given to every place", "horaires: the hours on the weeks of « ouverture »"},
			warnings: map[int]string{2: "the row's hours are dropped"},
		},
		{
			// data·inclusion's services of schema v0 (the records of dora,
			// fredo, France Travail, Soliguide): codes read as the standard's
			// values; « gratuit » is not found inside « gratuit-sous-conditions ».
			name: "data-inclusion", format: "data-inclusion",
			file: "id;structure_id;source;nom;commune;code_postal;code_insee;adresse;latitude;longitude;courriel;telephone;thematiques;frais;profils;types;labels_nationaux;date_maj\n" +
				"di-1;s-1;dora;Accompagnement d'essai;Lyon;69001;69381;1 rue de l'Exemple;45.767;4.834;essai@example.org;0478000001;numerique--acceder-a-des-services-en-ligne|numerique--maitriser-les-fondamentaux-du-numerique;gratuit-sous-conditions;seniors-65|familles-enfants|surdite;atelier|delegation;france-service;2025-01-01\n" +
				"di-2;s-2;soliguide;Atelier d'essai;Lyon;69002;69382;2 rue de l'Exemple;45.75;4.83;;;numerique--prendre-en-main-un-ordinateur|numerique--acquerir-un-equipement;gratuit;tous-publics;autonomie;;2025-02-03\n",
			places: map[string]place{
				"di-1": {want: map[string][]string{
					"services": {"Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"}, "frais_a_charge": {"Gratuit sous condition"},
					"publics_specifiquement_adresses": {"Seniors", "Familles et/ou enfants"}, "prise_en_charge_specifique": {"Surdité"},
					"modalites_accompagnement": {"Dans un atelier collectif", "Accompagnement individuel"}, "dispositif_programmes_nationaux": {"France Services"},
					"date_maj": {"2025-01-01"}, "courriels": {"essai@example.org"},
				}, not: map[string][]string{"frais_a_charge": {"Gratuit"}}},
				"di-2": {want: map[string][]string{
					"services": {"Maîtrise des outils numériques du quotidien", "Acquisition de matériel informatique à prix solidaire"}, "frais_a_charge": {"Gratuit"},
					"modalites_accompagnement": {"En autonomie"}, "publics_specifiquement_adresses": {""}, "date_maj": {"2025-02-03"},
				}},
			},
			readings: []string{"modalites_accompagnement: « types »", "publics_accueillis: column « profils »"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, rows := exportedRows(t, c.file, "essai")
			if rep.Producer == nil || rep.Producer.Name != c.format || !strings.Contains(rep.Producer.Mapping, c.format+".config.json") {
				t.Fatalf("format %+v, want %s", rep.Producer, c.format)
			}
			if rep.Rejected != 0 {
				t.Fatalf("rejected %d: %+v", rep.Rejected, rep.Issues)
			}
			checkPlaces(t, rows, c.places)
			for _, r := range c.readings {
				field, how, _ := strings.Cut(r, ": ")
				if readingOf(rep, field, how) == nil {
					t.Errorf("no reading %s in %+v", r, rep.Readings)
				}
			}
			for row, w := range c.warnings {
				if !hasIssue(rep, row, "horaires", opendata.SeverityWarning, w) {
					t.Errorf("row %d: no warning %q: %+v", row, w, issuesOf(rep, row, "horaires"))
				}
			}
		})
	}
}

// TestDepartementFormatsTellApart: each new signature is met by its own
// files only. The Landes' columns hold PACA's: the longer signature wins,
// and a PACA file stays PACA's; a data·inclusion file of structures (whose
// columns Grand Paris Sud's are, but for « geopoint ») and a file of the
// standard v0.1.1 with « SIRET » (the Charente bus's, but for
// « ouverture ») are read as they were.
func TestDepartementFormatsTellApart(t *testing.T) {
	paca := "nom;adresse_commune;structure_porteuse;adresse_code_postal;adresse_code_insee;adresse_numero;adresse_rue;latitude;longitude;services\n" +
		"Lieu d'essai;Marseille;Ville;13001;13201;1;rue de l'Exemple;43.3;5.4;démarches en ligne\n"
	landes := "ID;name;adresse_commune;structure_porteuse;adresse_code_postal;adresse_code_insee;adresse_numero;adresse_rue;lat;lon;services\n" +
		"L-9;Lieu d'essai;Dax;Ville;40100;40088;1;rue de l'Exemple;43.71;-1.05;démarches administratives\n"
	di := "id;siret;nom;commune;code_postal;code_insee;adresse;latitude;longitude;courriel;thematiques;horaires_ouverture;date_maj\n" +
		"d-1;;Lieu d'essai;Lyon;69001;69381;1 rue de l'Exemple;45.76;4.83;essai@example.org;numerique--acceder-a-des-services-en-ligne;;2025-01-01\n"
	v011 := "id;SIRET;nom;commune;code_postal;adresse;structure_parente;services;date_maj\n" +
		"v-1;;Lieu d'essai;Lyon;69001;1 rue de l'Exemple;Ville;Accéder à du matériel;2025-01-01\n"
	for _, c := range []struct{ name, file, want string }{
		{"paca", paca, "paca"}, {"landes", landes, "les-landes"}, {"data·inclusion", di, ""}, {"standard v0.1.1 with SIRET", v011, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := importBytes(t, openStore(t), []byte(c.file), opendata.ImportOptions{Source: "essai", DryRun: true})
			got := ""
			if rep.Producer != nil {
				got = rep.Producer.Name
			}
			if got != c.want {
				t.Errorf("format %q, want %q", got, c.want)
			}
			if rep.Actors[models.SyncCreated] != 1 {
				t.Errorf("actors %v: %+v", rep.Actors, rep.Issues)
			}
		})
	}
}

// TestImportStandardShapedMappings: the mappings of eure-et-loir,
// savoie-extraction, vendee-extraction, meuse and vosges read the standard
// v1.0.2's columns, those of aix-en-provence, vendee and charente-maritime
// the standard v0.1.1's: files in those columns are files of the standard,
// read as such with their offers, contacts and date (no table: no column
// would tell them from any file of the standard).
func TestImportStandardShapedMappings(t *testing.T) {
	v102 := "id;nom;commune;code_postal;adresse;courriels;telephone;date_maj;typologie;services;frais_a_charge;modalites_accompagnement\n" +
		"s-1;Lieu d'essai;Chartres;28000;1 rue de l'Exemple;essai@example.org;0237000001;2025-01-02;ML|RFS;Aide aux démarches administratives;Gratuit;Accompagnement individuel\n"
	v011 := "id;nom;commune;code_postal;adresse;courriel;telephone;date_maj;typologie;services;conditions_acces;modalites_accompagnement\n" +
		"s-2;Lieu d'essai;La Roche-sur-Yon;85000;1 rue de l'Exemple;essai@example.org;0251000001;2025-01-02;BIB;Prendre en main un ordinateur;Gratuit : Je peux accéder gratuitement au lieu et à ses services;Dans un atelier : j'apprends collectivement à utiliser le numérique\n"
	for _, c := range []struct {
		name, file, id string
		want           map[string][]string
	}{
		{"v1.0.2", v102, "s-1", map[string][]string{"typologie": {"ML", "RFS"}, "services": {"Aide aux démarches administratives"}, "frais_a_charge": {"Gratuit"}, "date_maj": {"2025-01-02"}, "courriels": {"essai@example.org"}}},
		{"v0.1.1", v011, "s-2", map[string][]string{"typologie": {"BIB"}, "services": {"Maîtrise des outils numériques du quotidien"}, "frais_a_charge": {"Gratuit"}, "modalites_accompagnement": {"Dans un atelier collectif"}, "date_maj": {"2025-01-02"}, "courriels": {"essai@example.org"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, rows := exportedRows(t, c.file, "essai")
			if rep.Producer != nil || rep.Rejected != 0 {
				t.Fatalf("format %+v rejected %d", rep.Producer, rep.Rejected)
			}
			checkPlaces(t, rows, map[string]place{c.id: {want: c.want}})
		})
	}
}

// TestImportMulhouseExportGeom: the city's export of 2023 (the file
// mednum-cli transformed in 4441583) gives no API record but the dataset's
// columns, its point in « geom » as « latitude,longitude », which the
// mapping of that commit splits at the comma. Before, the point was
// dropped and every place stored without coordinates.
func TestImportMulhouseExportGeom(t *testing.T) {
	file := `[{"type_de_structure": "Association", "nom_structure": "Association d'essai", "adresse": "1 rue de l'Exemple", "compl_adresse": "", "code_postal": 68200, "commune": "Mulhouse", "telephone": "03 89 00 00 01", "adresse_mail": "essai@example.org", "accompagnement_pour_des_demarches_en_ligne": "Oui", "geom": "47.7698,7.32193"}]`
	rep, rows := exportedRows(t, file, "essai")
	if rep.Producer == nil || rep.Producer.Name != "mulhouse" {
		t.Fatalf("format %+v, want mulhouse", rep.Producer)
	}
	if len(rows) != 1 {
		t.Fatalf("stored %d places, want 1: %+v", len(rows), rep.Issues)
	}
	for id, row := range rows {
		if row["latitude"] != "47.7698" || row["longitude"] != "7.32193" {
			t.Errorf("%s: latitude %q, longitude %q, want 47.7698 and 7.32193", id, row["latitude"], row["longitude"])
		}
	}
}
