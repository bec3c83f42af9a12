package opendata

import "strconv"

// The regional hubs' formats (« hubs territoriaux pour un numérique
// inclusif »), written from the ANCT's mappings in mednum-cli (see
// producer.go), one table per mapping, read at the commit named.

// bfcCodes is a rule on Mednum BFC's lists of codes, read in one or more
// columns: « RDV-G-R » is the codes RDV, G and R (its schema,
// github.com/multi-coop/data-bfc-ternum json/bfc-ternum-fields-custom-props.json:
// tags separated by « - »), so « R » is not found in « RDV ».
func bfcCodes(column, value string, from []string, codes ...string) producerRule {
	return producerRule{column: column, value: value, from: from, terms: codes, codes: true}
}

// mednumBFCFormat: Mednum BFC's format (Bourgogne-Franche-Comté, the
// « bfc-ternum » dataset: « bfc_id », « nom_structure », codes in
// « code_typo », « code_label », « code_accomp », opening hours as a
// morning's and an afternoon's column per day, « lundi matin » « 8h30-12h »),
// from the ANCT's mapping mednum-bfc.config.json.
//
// Its codes are compared whole, as Hinaura's checkboxes (the mapping
// compares text, where « A » would be found in any code holding an A). The
// mapping's rules giving « Loisirs et créations numériques »,
// « Compréhension du monde numérique » and part of « Accès internet et
// matériel informatique » look for F, TL and T in « code_accomp », whose
// codes are A, L, RDV, G and R: those are codes of « code_typo » (the
// dataset's dictionary: F « Lieux de médiation et de fabrication », TL
// « Tiers-lieux », T « Lieux de travail et de collaboration »), and the
// rules as the mapping writes them give nothing, which left 152 places of
// the 2023 file that name a fablab, a tiers-lieu or a place of work without any offer.
// Carnet also reads those rules' codes in « code_typo », where they are
// (its own reading, said as such in the report: ownCodes); M « Lieux de
// médiation publique » and O « Lieux de formation » name no service and
// the mapping gives them none.
//
// Each day's two columns are joined as the mapping joins them, each read
// as ranges of that day (« 9h12h » as 09:00-12:00), the day one rule; a
// cell « - » is a closed half-day; any other cell (« x »,
// « souscondition ») drops the row's hours with a warning.
var mednumBFCFormat = &producerFormat{
	Name: "mednum-bfc", Title: "Mednum BFC",
	Mapping:   mednumCLI + " assets/input/mednum-bfc/mednum-bfc.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"nom_structure", "code_typo", "code_accomp"},
	columns: map[string]string{
		"bfc_id": "id", "nom_structure": "nom", "code_postal": "code_postal", "ville": "commune", "adresse": "adresse",
		"lat": "latitude", "lon": "longitude", "contact_tel": "telephone", "contact_email": "courriels", "url_lieu": "site_web",
		"mise_a_jour": "date_maj",
	},
	rules: []producerRule{
		bfcCodes("typologie", "MSAP", []string{"code_label"}, "MSAP"),
		bfcCodes("formations_labels", "Arnia/MedNum BFC (Bourgogne-Franche-Comté)", []string{"code_label"}, "BFC"),
		bfcCodes("autres_formations_labels", "Réseau inclusion numérique", []string{"code_label"}, "RIN"),
		bfcCodes("autres_formations_labels", "Nièvre médiation numérique", []string{"code_label"}, "NMM"),
		bfcCodes("autres_formations_labels", "France Tiers-Lieux", []string{"code_label"}, "FTL"),
		bfcCodes("autres_formations_labels", "Réseau Dijon métropole", []string{"code_label"}, "DM"),
		bfcCodes("modalites_accompagnement", "En autonomie", []string{"code_accomp"}, "A"),
		bfcCodes("modalites_accompagnement", "Dans un atelier collectif", []string{"code_accomp"}, "R", "G"),
		bfcCodes("modalites_accompagnement", "Accompagnement individuel", []string{"code_accomp"}, "RDV", "L"),
		bfcCodes("services", "Aide aux démarches administratives", []string{"code_accomp", "code_typo"}, "G", "L", "RDV", "I"),
		bfcCodes("services", "Loisirs et créations numériques", []string{"code_accomp"}, "F", "TL"),
		bfcCodes("services", "Compréhension du monde numérique", []string{"code_accomp"}, "F"),
		bfcCodes("services", "Accès internet et matériel informatique", []string{"code_accomp"}, "A", "T", "TL"),
		ownCodes("services", "Loisirs et créations numériques", []string{"code_typo"}, "F", "TL"),
		ownCodes("services", "Compréhension du monde numérique", []string{"code_typo"}, "F"),
		ownCodes("services", "Accès internet et matériel informatique", []string{"code_typo"}, "T", "TL"),
	},
	days: []dayColumn{
		{"lundi matin", "Mo"}, {"lundi après-midi", "Mo"}, {"mardi matin", "Tu"}, {"mardi après-midi", "Tu"},
		{"mercredi matin", "We"}, {"mercredi après-midi", "We"}, {"jeudi matin", "Th"}, {"jeudi après-midi", "Th"},
		{"vendredi matin", "Fr"}, {"vendredi après-midi", "Fr"}, {"samedi matin", "Sa"}, {"samedi après-midi", "Sa"},
		{"dimanche matin", "Su"}, {"dimanche après-midi", "Su"},
	},
}

// The hubs whose mapping reads a file of the standard's own columns need no
// table: Carnet reads such a file as the standard's. Mednum Hub Antilles'
// (assets/input/mednum-hub-antilles/mednum-hub-antilles.config.json, commit
// 360b537, 2024-09-12) names each column of the standard as itself and
// gives each value of the standard's lists from the column of the same name;
// Francil-in's (assets/input/francil-in/francil-in.config.json, commit
// e544988, 2026-06-25) likewise, with fewer columns. A signature of either
// would be the standard's columns, which every file of the standard has
// (TestImportHubFilesOfTheStandard reads one of each).

// Identity rules: several mappings give each value of a list of the
// standard from the column of the same name (« services » contains « Aide
// aux démarches administratives » → services « Aide aux démarches
// administratives »). Such a column is read as the standard's column, which
// gives every value those rules give, through the standard's own reading
// of lists (separators, older names of values).

// siilabFormat: SIILAB's format (Hauts-de-France), the standard's columns
// and opening hours in one column per day (« lundi »: « 09:00-12:00,
// 14:00-17:00 »), from the ANCT's mapping siilab.config.json. Its rules
// are identity rules (above) but « SC » for CS, which the standard's reading
// warns about; its day « dimanche » is written « Sun » in the mapping,
// read as Su.
var siilabFormat = &producerFormat{
	Name: "siilab", Title: "SIILAB (Hauts-de-France)",
	Mapping:   mednumCLI + " assets/input/siilab/siilab.config.json (commit eb9ccfa, 2026-02-06)",
	signature: []string{"nom", "services", "lundi", "mardi", "mercredi"},
	columns: identityColumns("id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude", "longitude",
		"telephone", "courriels", "site_web", "presentation_resume", "presentation_detail", "source", "structure_parente", "date_maj",
		"fiche_acces_libre", "prise_rdv", "typologie", "itinerance", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
		"frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces", "modalites_accompagnement"),
	days: []dayColumn{{"lundi", "Mo"}, {"mardi", "Tu"}, {"mercredi", "We"}, {"jeudi", "Th"}, {"vendredi", "Fr"}, {"samedi", "Sa"}, {"dimanche", "Su"}},
}

// identityColumns reads each of the standard's columns as itself.
func identityColumns(cols ...string) map[string]string {
	out := make(map[string]string, len(cols))
	for _, c := range cols {
		out[c] = c
	}
	return out
}

// numiFormat: Numi's format (Hub Numi, Centre-Val de Loire), the
// standard's columns with « ID », « TYPE » and « Modalités d'accompagnement »,
// from the ANCT's mapping numi.config.json. Its short codes of TYPE are
// compared whole (« CC » is not found in « CCAS », « OF » in « OFFICE »),
// its phrases as text; its identity rules (above) are read as the standard's
// columns.
var numiFormat = &producerFormat{
	Name: "numi", Title: "Numi (Centre-Val de Loire)",
	Mapping:   mednumCLI + " assets/input/numi/numi.config.json (commit ca97fb0, 2025-06-19)",
	signature: []string{"nom", "TYPE", "Modalités d'accompagnement"},
	columns: func() map[string]string {
		m := identityColumns("nom", "commune", "code_postal", "adresse", "complement_adresse", "latitude", "longitude", "telephone", "courriels",
			"site_web", "date_maj", "prise_rdv", "presentation_resume", "presentation_detail", "itinerance", "frais_a_charge", "modalites_acces",
			"publics_specifiquement_adresses", "services", "autres_formations_labels")
		m["ID"] = "id"
		return m
	}(),
	rules: []producerRule{
		wholeRule("typologie", "ASSO", []string{"TYPE"}, "ASSO"),
		wholeRule("typologie", "Autre", []string{"TYPE"}, "AUTRE"),
		wholeRule("typologie", "BIB", []string{"TYPE"}, "BIB"),
		wholeRule("typologie", "CCAS", []string{"TYPE"}, "CCAS"),
		rule("typologie", "CCAS", []string{"TYPE"}, "ACTION SOCIALE"),
		wholeRule("typologie", "CC", []string{"TYPE"}, "CC"),
		rule("typologie", "CC", []string{"TYPE"}, "COMMUNAUTE DE COMMUNE"),
		wholeRule("typologie", "CS", []string{"TYPE"}, "CS"),
		wholeRule("typologie", "CD", []string{"TYPE"}, "CD"),
		rule("typologie", "CD", []string{"TYPE"}, "CONSEIL DEPARTEMENTAL"),
		wholeRule("typologie", "EPN", []string{"TYPE"}, "EPN"),
		rule("typologie", "RFS", []string{"TYPE"}, "FRANCE SERVICE"),
		wholeRule("typologie", "FT", []string{"TYPE"}, "FT"),
		rule("typologie", "LA_POSTE", []string{"TYPE"}, "LA POSTE"),
		rule("typologie", "ML", []string{"TYPE"}, "MISSION LOCALE"),
		rule("typologie", "MUNI", []string{"TYPE"}, "MUNICIPALITE"),
		wholeRule("typologie", "OF", []string{"TYPE"}, "OF"),
		rule("typologie", "TIERS_LIEUX", []string{"TYPE"}, "TIERS LIEUX"),
		rule("modalites_accompagnement", "En autonomie", []string{"Modalités d'accompagnement"}, "En autonomie"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"Modalités d'accompagnement"}, "Accompagnement individuel"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"Modalités d'accompagnement"}, "Dans un atelier collectif"),
		rule("modalites_accompagnement", "À distance", []string{"Modalités d'accompagnement"}, "À distance"),
	},
}

// resInFormat: Res-in's format (the Métropole de Lyon's network, its API's
// places: « structureName », « address » and « categories » as objects,
// codes in lists: « categories.onlineProcedures »: ["caf", "health"]),
// from the ANCT's mapping res-in.config.json. Read flattened as the
// mapping reads it (flattenJSON); the coordinates are the list [longitude,
// latitude]. The codes of the lists and the name of the type are compared
// whole (« old » is not found in « household », « Commune » in « Communauté
// de communes »), the texts of the descriptions as text. Its « courriel »
// (not a column of the standard) is read as courriels.
var resInFormat = &producerFormat{
	Name: "res-in", Title: "Res-in (Métropole de Lyon)",
	Mapping:   mednumCLI + " assets/input/res-in/res-in.config.json (commit 6b7e25a, 2025-07-10)",
	signature: []string{"structureName", "contactPhone", "structureType.name"},
	columns: map[string]string{
		"_id": "id", "structureName": "nom", "address.commune": "commune", "address.postcode": "code_postal", "address.inseeCode": "code_insee",
		"contactPhone": "telephone", "contactMail": "courriels", "website": "site_web", "updatedAt": "date_maj",
		"description": "presentation_detail",
	},
	joins: map[string][]string{"adresse": {"address.numero", "address.street"}},
	parts: map[string]listPart{"latitude": {"address.coordinates", 1}, "longitude": {"address.coordinates", 0}},
	rules: []producerRule{
		wholeRule("typologie", "ASSO", []string{"structureType.name"}, "Association"),
		wholeRule("typologie", "CSC", []string{"structureType.name"}, "Centre socio-culturel"),
		wholeRule("typologie", "CC", []string{"structureType.name"}, "Communauté de communes"),
		wholeRule("typologie", "MUNI", []string{"structureType.name"}, "Commune"),
		wholeRule("typologie", "LA_POSTE", []string{"structureType.name"}, "La Poste"),
		wholeRule("typologie", "BIB", []string{"structureType.name"}, "Médiathèque", "Bibliothèque"),
		wholeRule("typologie", "ML", []string{"structureType.name"}, "Mission locale"),
		wholeRule("typologie", "MJC", []string{"structureType.name"}, "MJC"),
		wholeRule("typologie", "EI", []string{"structureType.name"}, "Structure d'insertion"),
		wholeRule("typologie", "OF", []string{"structureType.name"}, "Structure de formation"),
		wholeRule("typologie", "PIJ_BIJ", []string{"structureType.name"}, "Structure information jeunesse"),
		wholeRule("publics_specifiquement_adresses", "Jeunes", []string{"categories.age"}, "young"),
		wholeRule("publics_specifiquement_adresses", "Familles et/ou enfants", []string{"categories.age"}, "family"),
		wholeRule("publics_specifiquement_adresses", "Seniors", []string{"categories.age"}, "old"),
		wholeRule("publics_specifiquement_adresses", "Femmes", []string{"categories.genre"}, "uniquementFemmes"),
		wholeRule("prise_en_charge_specifique", "Surdité", []string{"categories.handicaps"}, "deafness"),
		wholeRule("prise_en_charge_specifique", "Handicaps moteurs", []string{"categories.handicaps"}, "physicalDisability"),
		wholeRule("prise_en_charge_specifique", "Handicaps mentaux", []string{"categories.handicaps"}, "mentalDisability"),
		wholeRule("prise_en_charge_specifique", "Illettrisme", []string{"categories.languageAndIlliteracy"}, "illettrisme"),
		wholeRule("prise_en_charge_specifique", "Langues étrangères (anglais)", []string{"categories.languageAndIlliteracy"}, "english"),
		wholeRule("prise_en_charge_specifique", "Langues étrangères (autres)", []string{"categories.languageAndIlliteracy"}, "foreignLanguage"),
		wholeRule("prise_en_charge_specifique", "Déficience visuelle", []string{"categories.handicaps"}, "blindness"),
		rule("modalites_accompagnement", "En autonomie", []string{"description", "otherDescription"}, "Accès libre", "libre service"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"description", "otherDescription"}, "accompagnement individualisé", "accompagnement personnalisé", "Accompagnement individuel", "Accompagnement numérique", "RDV personnalisé", "accompagner si besoin", "pédagogie individualisée", "accompagnons des personnes individuelles ou des groupes", "accompagne les usagers"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"description", "otherDescription"}, "réalise des ateliers", "Ateliers collectifs", "ateliers animés", "accompagnons des personnes individuelles ou des groupes", "Nous proposons des ateliers", "ateliers de médiation", "Atelier numérique", "Ateliers numérique"),
		wholeRule("modalites_accompagnement", "À distance", []string{"categories.accessModality"}, "telephoneVisio"),
		wholeRule("modalites_acces", "Se présenter", []string{"categories.accessModality"}, "accesLibre"),
		wholeRule("modalites_acces", "Téléphoner", []string{"categories.accessModality"}, "surRdv"),
		wholeRule("modalites_acces", "Contacter par mail", []string{"categories.accessModality"}, "surRdv"),
		wholeRule("services", "Aide aux démarches administratives", []string{"categories.onlineProcedures"}, "autres", "caf", "foreigners", "franceConnect", "health", "housing", "idDoc", "needs", "retirement", "scolarity", "taxes", "training", "transport", "work"),
		wholeRule("services", "Maîtrise des outils numériques du quotidien", []string{"categories.baseSkills"}, "communication", "computer", "data", "internet", "mail", "officeAutomation", "scolarity", "smartphone", "work"),
		rule("services", "Insertion professionnelle via le numérique", []string{"otherDescription"}, "Accompagnement à l'emploi", "recherche d'emploi", "Accompagnement à la création d'entreprise", "lettre de motivation", "Insertion professionnelle"),
		wholeRule("services", "Utilisation sécurisée du numérique", []string{"categories.advancedSkills"}, "cyberAndConf", "fakeNews"),
		wholeRule("services", "Parentalité et éducation avec le numérique", []string{"categories.advancedSkills"}, "parenting"),
		wholeRule("services", "Loisirs et créations numériques", []string{"categories.advancedSkills"}, "videoGames", "numericCreate", "photoVideo", "devAndRobots"),
		wholeRule("services", "Compréhension du monde numérique", []string{"categories.advancedSkills"}, "numericalCitizenship", "responsibleDigital"),
		wholeRule("services", "Accès internet et matériel informatique", []string{"categories.selfServiceMaterial"}, "computer", "printer", "scanner", "wifiEnAccesLibre"),
		wholeRule("services", "Acquisition de matériel informatique à prix solidaire", []string{"categories.solidarityMaterial"}, "computer", "smartphone", "tablette", "telecom", "4g"),
		wholeRule("formations_labels", "Fabriques de Territoire", []string{"categories.labelsQualifications"}, "fabriqueDeTerritoire"),
	},
}

// rhinOccFormat: Rhin-Occ's format (Hub Rhin-Occ, Grand Est and Occitanie,
// a GoGoCarto map's export: « geo », « address » as objects, « categories »
// a list, « openHours » per day inside « aggregatedElements »), from the
// ANCT's mapping rhin-occ.config.json. Read flattened as the mapping reads
// it; its rules over « categories.0 » to « categories.12 » read the list
// « categories » (a term found in any of its items), those over
// « autre_labels.0 »… the list « autre_labels »; « CAF » as a type is
// compared whole with each category (« Point Relais CAF » is no CAF
// office). Its date is « updatedAt » (its « createdAt », the mapping's
// second choice, is not the day a place was checked).
var rhinOccFormat = &producerFormat{
	Name: "rhin-occ", Title: "Rhin-Occ (GoGoCarto)",
	Mapping:   mednumCLI + " assets/input/rhin-occ/rhin-occ.config.json (commit dc9216a, 2026-05-27)",
	signature: []string{"geo.latitude", "address.addressLocality", "emailpub"},
	columns: map[string]string{
		"id": "id", "siret": "pivot", "name": "nom", "address.addressLocality": "commune", "commune": "commune",
		"address.postalCode": "code_postal", "code_postal": "code_postal", "geo.latitude": "latitude", "geo.longitude": "longitude",
		"tel": "telephone", "emailpub": "courriels", "url": "site_web", "updatedAt": "date_maj", "date_maj": "date_maj",
		"prise_rdv": "prise_rdv", "prez_lieu": "presentation_detail", "struct_port": "structure_parente",
	},
	joins:  map[string][]string{"adresse": {"address.streetNumber", "address.streetAddress"}},
	joinOr: map[string]string{"adresse": "address.customFormatedAddress"},
	rules: []producerRule{
		rule("typologie", "ASSO", []string{"categories"}, "Association", "associatif"),
		rule("typologie", "CS", []string{"categories"}, "Centre social"),
		rule("typologie", "RFS", []string{"categories"}, "France Services"),
		wholeRule("typologie", "CAF", []string{"categories"}, "CAF"),
		rule("typologie", "EPN", []string{"categories"}, "Espace Public Numérique"),
		rule("typologie", "TIERS_LIEUX", []string{"categories"}, "Tiers lieu"),
		rule("typologie", "FABLAB", []string{"categories"}, "FabLab"),
		rule("typologie", "CC", []string{"categories"}, "Communauté de Communes"),
		rule("typologie", "PIJ_BIJ", []string{"categories"}, "Points et Bureaux Information Jeunesse"),
		rule("frais_a_charge", "Gratuit", []string{"tarif"}, "Gratuit").without("payant"),
		rule("frais_a_charge", "Payant", []string{"tarif"}, "payant", "Tarif", "Adhésion"),
		rule("frais_a_charge", "Gratuit sous condition", []string{"tarif"}, "Gratuit sous condition"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"categories"}, "avec un accompagnement"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"modalites_accompagnement"}, "Avec de l'aide"),
		rule("modalites_accompagnement", "En autonomie", []string{"modalites_accompagnement"}, "Seul").without("Avec de l'aide"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"modalites_accompagnement"}, "Dans un atelier"),
		rule("modalites_acces", "Téléphoner", []string{"tarif"}, "Inscription obligatoire"),
		rule("modalites_acces", "Contacter par mail", []string{"tarif"}, "Inscription obligatoire"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"categories"}, "Jeunes (16-26 ans)"),
		rule("publics_specifiquement_adresses", "Familles et/ou enfants", []string{"categories"}, "Enfants (-16 ans)", "Famille", "🧒Famille, jeunesse & citoyenneté"),
		rule("publics_specifiquement_adresses", "Seniors", []string{"categories"}, "Séniors (+65 ans)"),
		rule("publics_specifiquement_adresses", "Femmes", []string{"categories"}, "Uniquement femmes"),
		rule("prise_en_charge_specifique", "Surdité", []string{"categories"}, "Surdité"),
		rule("prise_en_charge_specifique", "Handicaps moteurs", []string{"categories"}, "Handicaps moteurs"),
		rule("prise_en_charge_specifique", "Handicaps mentaux", []string{"categories"}, "Handicaps psychiques"),
		rule("prise_en_charge_specifique", "Illettrisme", []string{"categories"}, "Personnes en situation d'illettrisme"),
		rule("prise_en_charge_specifique", "Langues étrangères (autres)", []string{"categories"}, "Public langues étrangères"),
		rule("prise_en_charge_specifique", "Déficience visuelle", []string{"categories"}, "Déficience visuelle"),
		rule("services", "Aide aux démarches administratives", []string{"categories", "prez_lieu"}, "démarches administratives", "Utiliser le numérique au quotidien", "Accompagner les démarches de santé", "🤝 Services sociaux & d'accompagnement", "📮 Services publics complémentaires", "Accompagnement aux démarches en ligne"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"categories"}, "Prendre en main un ordinateur", "Prendre en main un smartphone ou une tablette", "Initiation à la bureautique", "🧠Formation et montée en compétences numériques"),
		rule("services", "Insertion professionnelle via le numérique", []string{"categories"}, "Créer et développer une entreprise", "Favoriser l'insertion professionnelle", "Formations  numériques professionnalisantes", "Formation des professionnels", "💼 Insertion professionnelle & entrepreneuriat"),
		rule("services", "Parentalité et éducation avec le numérique", []string{"categories"}, "Soutenir la parentalité et l'éducation avec le numérique "),
		rule("services", "Loisirs et créations numériques", []string{"categories"}, "Créer avec le numérique", "fabrication numérique", "📚 Lieux culturels, jeunesse & vie de quartier"),
		rule("services", "Compréhension du monde numérique", []string{"categories"}, "Approfondir la culture numérique", "Promouvoir la citoyenneté numérique "),
		rule("services", "Accès internet et matériel informatique", []string{"categories"}, "postes informatiques", "connexion internet", "🧰Accès au matériel & aux équipements numériques"),
		rule("services", "Acquisition de matériel informatique à prix solidaire", []string{"categories"}, "S'équiper en matériel informatique reconditionné"),
		rule("dispositif_programmes_nationaux", "Point d'accès numérique CAF", []string{"categories"}, "Point Relais CAF", "Point Numérique CAF"),
		rule("formations_labels", "ORDI 3.0", []string{"autre_labels"}, "ORDI3.0"),
	},
	days: []dayColumn{
		{"aggregatedElements.0.openHours.Mo", "Mo"}, {"aggregatedElements.0.openHours.Tu", "Tu"}, {"aggregatedElements.0.openHours.We", "We"},
		{"aggregatedElements.0.openHours.Th", "Th"}, {"aggregatedElements.0.openHours.Fr", "Fr"}, {"aggregatedElements.0.openHours.Sa", "Sa"},
	},
}

// indexed names a column inside each of the first n objects of a list
// (« services.etre_aidee.0.tarif » … « services.etre_aidee.13.tarif »).
func indexed(list string, n int, leaf string) []string {
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, list+"."+strconv.Itoa(i)+"."+leaf)
	}
	return out
}

// bretagneLists are Hub Bretagne's lists of offers whose tariff and format
// its mapping reads, and how many of each.
var bretagneLists = []struct {
	name string
	n    int
}{{"services.acces_materiel_informatique", 5}, {"services.developper_culture_numerique", 5}, {"services.etre_aidee", 14}}

func bretagneColumns(leaf string) []string {
	var out []string
	for _, l := range bretagneLists {
		out = append(out, indexed(l.name, l.n, leaf)...)
	}
	return out
}

// hubBretagneFormat: Hub Bretagne's format (its API's places: « location »
// {x, y}, « labels » and « services » as lists of objects, each family of
// offers a list: « services.etre_aidee »…), from the ANCT's mapping
// hub-bretagne.config.json. Read flattened as the mapping reads it. Its
// services are given by the presence of an offer in a family: the mapping
// lists every column of the first 14 (or 5) offers of the family, Carnet
// reads every column inside the family (« services.etre_aidee.* »). One
// departure: the mapping reads « code_insee » as the postal code too; an
// INSEE code is not a postal code (Rennes: 35238, postal code 35000), so
// it is read as code_insee only, and the postal code derived from the
// commune when the reference gives one.
var hubBretagneFormat = &producerFormat{
	Name: "hub-bretagne", Title: "Hub Bretagne",
	Mapping:   mednumCLI + " assets/input/hub-bretagne/hub-bretagne.config.json (commit 04e89f3, 2025-09-10)",
	signature: []string{"contact_telephone", "contact_web", "location.y"},
	columns: map[string]string{
		"id": "id", "nom": "nom", "siret": "pivot", "code_insee": "code_insee", "commune": "commune", "adresse": "adresse",
		"contact_telephone": "telephone", "contact_web": "site_web", "updated": "date_maj", "location.y": "latitude", "location.x": "longitude",
	},
	rules: []producerRule{
		rule("dispositif_programmes_nationaux", "Grande école du numérique", indexed("labels", 5, "label"), "Grande Ecole du Numérique"),
		rule("formations_labels", "Fabriques de Territoire", indexed("labels", 5, "label"), "Fabrique de Territoire"),
		rule("typologie", "ASSO", []string{"type"}, "ASSOCIATION"),
		rule("frais_a_charge", "Gratuit", bretagneColumns("tarif"), "gratuit"),
		rule("frais_a_charge", "Payant", bretagneColumns("tarif"), "payant"),
		rule("modalites_accompagnement", "Dans un atelier collectif", bretagneColumns("format"), "Atelier collectif", "Les deux"),
		rule("modalites_accompagnement", "Accompagnement individuel", bretagneColumns("format"), "Accompagnement individuel", "Les deux"),
		rule("services", "Aide aux démarches administratives", []string{"services.etre_aidee.*"}),
		rule("services", "Accès internet et matériel informatique", []string{"services.acces_materiel_informatique.*", "services.depanner_reparer_materiel.*"}),
		rule("services", "Compréhension du monde numérique", []string{"services.developper_culture_numerique.*", "services.etre_informe_oriente.*"}),
	},
}

// ownCodes is a rule on codes that is Carnet's, not the mapping's.
func ownCodes(column, value string, from []string, codes ...string) producerRule {
	r := bfcCodes(column, value, from, codes...)
	r.own = true
	return r
}

// rhinOcc2022Format: RhinOcc's 2022 file (« Réseau et Hub pour l'Inclusion
// Numérique en Occitanie », multi-coop's Datami of the hub's map,
// github.com/multi-coop/data-rhinocc-inclusion
// csv/geocoding/rhinocc-inclusion-dataset-geocoded.csv: « n_ref »,
// « structure_porteuse », one column per day, its offers as codes in
// « type_mediation_1 » to « type_mediation_5 »), from the ANCT's first
// mapping of the hub, rhin-occ.config.json at commit 0c85e11 (2023-03-02),
// which reads this file's columns (the later versions read the hub's
// GoGoCarto API: rhinOccFormat). The mapping writes the standard's values
// of 2023, which the standard's reading takes as the older names of
// today's.
//
// The codes' meanings are the file's own dictionary (the same repository,
// json/rhinocc-inclusion-fields-custom-props.json: ORD « Ordinateur en
// libre service », ORDM « Ordinateur avec médiateur.rice », FL « FabLab »,
// W « Espace de co-working », REP « Ateliers de réparation de matériel
// informatique », TP « tout public », J « jeunes », SEN « Seniors »…).
// The mapping compares its terms as text (« ord » is found in « ordm »,
// « j » in any word holding a j); Carnet compares the codes whole, which
// gives every value the mapping means and no other.
//
// Carnet's own reading, beyond the mapping (each said in the report as
// derived from the columns named):
//   - « codes_types_mediations », the same codes joined by « - » (« ORDM-
//     ACCN-COMP »), is read by the rules of type_mediation_N too: in the
//     2022 file it repeats their codes (no row names one there only), and
//     a row that gave it alone would keep its offers;
//   - FL, W and REP, which the mapping leaves without a service, read as
//     Mednum BFC's mapping reads its own codes of a fablab and a place of
//     work (F: « Loisirs et créations numériques »; T, TL: « Accès
//     internet et matériel informatique »), and REP (repairs of computers)
//     as « Accès internet et matériel informatique » (Carnet's decision:
//     the standard's nearest service);
//   - ORD (a computer in free access) as « En autonomie » (Carnet's
//     decision, from the dictionary's « libre service »; the mapping gives
//     it no mode);
//   - « n_ref » as id (the hub's own reference, « Ref_0001 »; the mapping
//     lets mednum-cli make ids), « adresse » and « adresse_suite » as the
//     address (the mapping's « adresse_full » repeats the postal code and
//     the commune, and is only « 11000 Berriac » where the hub has no
//     street: such a row is rejected for its missing address, not stored
//     with a commune as its street);
//   - the BAN geocoder's columns of the file (« BAN_latitude »,
//     « BAN_longitude », « BAN_postcode ») when « lat », « lon » or
//     « code_postal » are empty.
//
// Left as the mapping leaves them: « MSAP » in code_label (no label of
// the standard; France Services is MFS), the access columns' « Sur
// Rendez-Vous » and « Inscription obligatoire », « type_lieu » and
// « nature_juridique » (no typologie), « precisions ». APTIC, a label of
// the mapping, is kept by the standard's reading in the other labels.
var rhinOcc2022Format = func() *producerFormat {
	med := []string{"type_mediation_1", "type_mediation_2", "type_mediation_3", "type_mediation_4", "type_mediation_5", "codes_types_mediations"}
	return &producerFormat{
		Name: "rhinocc-2022", Title: "RhinOcc 2022 (Occitanie, Datami)",
		Mapping:   mednumCLI + " assets/input/rhin-occ/rhin-occ.config.json (commit 0c85e11, 2023-03-02)",
		signature: []string{"n_ref", "structure_porteuse", "type_mediation_1", "codes_types_mediations"},
		columns: map[string]string{
			"n_ref": "id", "nom": "nom", "ville": "commune", "structure_porteuse": "structure_parente", "code_postal": "code_postal",
			"adresse": "adresse", "adresse_suite": "complement_adresse", "lat": "latitude", "lon": "longitude",
			"tel_structure": "telephone", "email_structure": "courriels", "site_internet": "site_web", "date_maj": "date_maj",
			"code_commune": "code_insee",
		},
		firsts: map[string][]string{"latitude": {"BAN_latitude"}, "longitude": {"BAN_longitude"}, "code_postal": {"BAN_postcode"}},
		own: map[string]bool{"n_ref": true, "adresse": true, "adresse_suite": true, "code_commune": true, "codes_types_mediations": true,
			"BAN_latitude": true, "BAN_longitude": true, "BAN_postcode": true},
		rules: []producerRule{
			bfcCodes("labels_nationaux", "APTIC", []string{"code_label"}, "APTIC"),
			bfcCodes("labels_nationaux", "France Services", []string{"code_label"}, "MFS"),
			rule("conditions_acces", "Gratuit : Je peux accéder gratuitement au lieu et à ses services", []string{"conditions_acces_toutes_actions"}, "gratuit"),
			rule("conditions_acces", "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer", []string{"conditions_acces_toutes_actions"}, "adhésion"),
			rule("conditions_acces", "Payant : L'accès au lieu et/ou à ses services est payant", []string{"conditions_acces_toutes_actions"}, "payant", "euros", "€"),
			bfcCodes("publics_accueillis", "Jeunes (16-26 ans)", []string{"codes_publics", "public_toutes_actions"}, "TP", "J"),
			bfcCodes("publics_accueillis", "Familles/enfants", []string{"codes_publics"}, "TP"),
			bfcCodes("publics_accueillis", "Adultes", []string{"codes_publics"}, "TP"),
			bfcCodes("publics_accueillis", "Seniors (+ 65 ans)", []string{"codes_publics", "public_si_different_1", "public_si_different_2"}, "TP", "SEN"),
			bfcCodes("publics_accueillis", "Public langues étrangères", []string{"public_toutes_actions", "public_si_different_1", "public_si_different_2"}, "etranger", "ETR"),
			bfcCodes("publics_accueillis", "Uniquement femmes", []string{"public_si_different_1", "public_si_different_2"}, "femme"),
			bfcCodes("modalites_accompagnement", "Dans un atelier : j'apprends collectivement à utiliser le numérique", med, "ENT", "COMP"),
			bfcCodes("modalites_accompagnement", "Avec de l'aide : je suis accompagné seul dans l'usage du numérique", med, "ACCDA", "ACCDS", "ACCN", "ORDM"),
			ownCodes("modalites_accompagnement", "En autonomie", med, "ORD"),
			rule("services", "Accéder à une connexion internet", []string{"wifi"}, "oui"),
			bfcCodes("services", "Prendre en main un ordinateur", med, "ORD", "ORDM"),
			bfcCodes("services", "Accéder à du matériel", med, "ORD", "ORDM"),
			bfcCodes("services", "Devenir autonome dans les démarches administratives", med, "ACCDA", "ACCDS"),
			bfcCodes("services", "Réaliser des démarches administratives avec un accompagnement", med, "ACCDA", "ACCDS"),
			bfcCodes("services", "Approfondir ma culture numérique", med, "ACCN", "COMP", "SENS"),
			bfcCodes("services", "Créer avec le numérique", med, "ACCN", "COMP"),
			bfcCodes("services", "Promouvoir la citoyenneté numérique", med, "ACCN", "COMP", "SENS"),
			bfcCodes("services", "Utiliser le numérique au quotidien", med, "ACCN", "COMP"),
			bfcCodes("services", "Favoriser mon insertion professionnelle", med, "PRO"),
			bfcCodes("services", "Soutenir la parentalité et l'éducation avec le numérique", med, "PRO"),
			ownCodes("services", "Loisirs et créations numériques", med, "FL"),
			ownCodes("services", "Accès internet et matériel informatique", med, "W", "REP"),
		},
		days: []dayColumn{{"lundi", "Mo"}, {"mardi", "Tu"}, {"mercredi", "We"}, {"jeudi", "Th"}, {"vendredi", "Fr"}, {"samedi", "Sa"}, {"dimanche", "Su"}},
	}
}()
