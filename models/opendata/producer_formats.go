package opendata

// The producers' formats Carnet recognises, each written from the ANCT's
// published mapping of it in mednum-cli (see producer.go): the file's path
// there and the commit it is read from are in Mapping. Values are those of
// the standard the mapping targets (v1.0.2 for the current mappings, v0.1.1
// for Hinaura's form of 2022, which Carnet reads as it reads v0.1.1 files).

// girondeFormat: the Gironde département's cartography (« Lieu »,
// « Adresse postale » holding « street - postal code City », « Coord. X »
// the latitude). Its lists are free text, read by the mapping's terms.
var girondeFormat = &producerFormat{
	Name: "gironde", Title: "Gironde",
	Mapping:   mednumCLI + " assets/input/gironde/gironde.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"Lieu", "Adresse postale", "Coord. X", "Coord. Y", "Type Structure"},
	columns: map[string]string{
		"Lieu": "nom", "Commune": "commune", "Adresse postale": "adresse", "Téléphone": "telephone",
		"Email": "courriels", "Site internet": "site_web", "Coord. X": "latitude", "Coord. Y": "longitude",
		"Dernière MAJ": "date_maj", "Description": "presentation_detail",
	},
	rules: girondeRules(),
}

func girondeRules() []producerRule {
	desc := []string{"Description"}
	typ := []string{"Type Structure"}
	return []producerRule{
		rule("typologie", "MSA", typ, "MSA"),
		rule("typologie", "ASSO", typ, "Association"),
		rule("typologie", "CAF", typ, "CAF"),
		rule("typologie", "FT", typ, "Pôle Emploi"),
		rule("frais_a_charge", "Gratuit", desc, "gratuit").without("Gratuit à condition", "Gratuit sous condition", "condition d’être adhérent"),
		rule("frais_a_charge", "Gratuit sous condition", desc, "Compte Personnel de Formation", "peut être payante", "Gratuit à condition", "condition d’être adhérent"),
		rule("frais_a_charge", "Payant", desc, "Payant", "adhésion", "tarif"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"Présence d'un médiateur", "Description"}, "Oui", "Accompagnement individuel", "Consultation accompagnée", "formation individualisé", "démarche est accompagnée", "accompagnement des publics", "animateurs présent"),
		rule("modalites_accompagnement", "En autonomie", []string{"services", "Description"}, "en autonomie", "à disposition", "en libre accès"),
		rule("modalites_accompagnement", "Dans un atelier collectif", desc, "atelier", "Groupes de 5 à 6 participants"),
		rule("modalites_acces", "Se présenter", desc, "par mail, par téléphone, sur place", "sur place, par téléphone", "par téléphone, sur place", "sur place, par téléphone, par mail", "Prendre rendez-vous sur place", "par téléphone ou sur place"),
		rule("modalites_acces", "Téléphoner", desc, "par mail, par téléphone, sur place", "sur place, par téléphone", "par téléphone, par mail", "par téléphone, sur place", "sur place, par téléphone, par mail", "par téléphone ou sur place"),
		rule("modalites_acces", "Contacter par mail", desc, "par mail, par téléphone, sur place", "par téléphone, par mail", "sur place, par téléphone, par mail"),
		rule("publics_specifiquement_adresses", "Jeunes", desc, "dedié aux 12-29 ans", "âgés de 15 à 25 ans", "accueil collectif de mineurs"),
		rule("publics_specifiquement_adresses", "Étudiants", desc, "dedié aux 12-29 ans", "âgés de 15 à 25 ans"),
		rule("publics_specifiquement_adresses", "Familles et/ou enfants", desc, "enfants", "adolescents", "familles", "pour les plus jeunes", "collégiens"),
		rule("publics_specifiquement_adresses", "Seniors", desc, "personnes âgées", "plus de 55 ans"),
		rule("publics_specifiquement_adresses", "Femmes", desc, "mis à disposition des femmes"),
		rule("prise_en_charge_specifique", "Déficience visuelle", desc, "Déficients Visuels", "déficientes visuelles"),
		rule("prise_en_charge_specifique", "Illettrisme", desc, "alphabétisation"),
		rule("prise_en_charge_specifique", "Langues étrangères (anglais)", desc, "Français Langue Etrangère"),
		rule("prise_en_charge_specifique", "Langues étrangères (autres)", desc, "Français Langue Etrangère"),
		rule("prise_en_charge_specifique", "Handicaps moteurs", desc, "fauteuil roulant"),
		rule("services", "Aide aux démarches administratives", []string{"services", "Description"}, "démarches administratives", "démarches juridiques et administratives", "démarches dématérialisées", "programme de formation et de perfectionnement", "soutien numérique aux usagers dans le cadre de la dématérialisation des procédures", "accès au droit par le numérique"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"equipements", "Description"}, "Cours informatique", "Smartphone", "Ordinateur", "Tablette", "etre initié aux outils numériques", "outils numériques du quotidien"),
		rule("services", "Insertion professionnelle via le numérique", desc, "recherche d’emploi", "lettre de motivation", "accompagne toute personne à la recherche d’un emploi", "accompagnement des demandeurs d’emploi", "accompagnement des demandeurs d'emploi"),
		rule("services", "Loisirs et créations numériques", []string{"services", "Description"}, "consoles de jeux", "outils de création et de communication multimédias", "pratiquer des activités récréatives numériques", "Ateliers créatifs et ludiques", "jeux vidéo", "créer des robots"),
		rule("services", "Compréhension du monde numérique", desc, "programme de formation et de perfectionnement"),
		// The file's « services » column holds four choices of a form;
		// the mapping reads two of them there (« démarches
		// administratives », « activités récréatives numériques ») and
		// looks for the other two in « equipements » and « Description »,
		// where they are not: Carnet also reads them in « services » (its
		// own reading, said as such in the report), else 5 places naming
		// only those would be stored without offers.
		ownRule("services", "Maîtrise des outils numériques du quotidien", []string{"services"}, "Etre initié aux outils numériques"),
		ownRule("services", "Accès internet et matériel informatique", []string{"services"}, "Accès à Internet en autonomie"),
		rule("services", "Accès internet et matériel informatique", []string{"equipements", "Description"}, "Accès Internet", "point internet", "matériel  informatique", "postes informatiques", "espace informatique", "logiciels bureautiques", "wifi", "imprimante", "Smartphone", "Ordinateur", "Tablette", "scanner", "photocopieuse", "vidéo-projecteur"),
	}
}

// hinauraFormFormat: Hinaura's YesWiki form exported with its questions as
// column titles (« Nom du lieu ou de la structure * », « Ville * »), as in
// 2022. Its mapping of that year targets v0.1.1's lists, which Carnet maps
// to v1.0.2 as it does for v0.1.1 files. The mapping's « tout public »
// term, which it gave every public including « Uniquement femmes » and
// every handicap, is left out: a place open to all addresses no public
// specifically, and v1.0.2 says so by listing none.
var hinauraFormFormat = &producerFormat{
	Name: "hinaura", Title: "Hinaura (form of 2022)",
	Mapping:   mednumCLI + " assets/input/hinaura.config.json (commit 01def8a, 2022-12-08)",
	signature: []string{"Nom du lieu ou de la structure *", "Adresse postale *", "Ville *", "bf_latitude"},
	columns: map[string]string{
		"Nom du lieu ou de la structure *": "nom", "Code postal": "code_postal", "Ville *": "commune",
		"Adresse postale *": "adresse", "bf_latitude": "latitude", "bf_longitude": "longitude", "Téléphone": "telephone",
		"Email (éviter les emails nominatifs - en cas d'email nominitatif seule la personne concernée est autorisé à l'ajouter)": "courriels",
		"Site Web": "site_web", "datetime_latest": "date_maj",
	},
	rules: hinauraFormRules(),
}

func hinauraFormRules() []producerRule {
	tarifs := []string{"Tarifs"}
	acc := []string{"Types d'accompagnement proposés"}
	pub := []string{"Publics accueillis", "Accueil pour les personnes en situation de handicap", "Accompagnement de publics spécifiques"}
	srv := []string{"À disposition", "Formations compétences de base proposées", "Comprendre et Utiliser les sites d’accès aux droits proposées", "Sensibilisations culture numérique"}
	return []producerRule{
		rule("conditions_acces", "Gratuit : Je peux accéder gratuitement au lieu et à ses services", tarifs, "gratuit").without("gratuit sous condition"),
		rule("conditions_acces", "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)", tarifs, "gratuit sous condition"),
		rule("conditions_acces", "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer", tarifs, "adhésion"),
		rule("conditions_acces", "Payant : L'accès au lieu et/ou à ses services est payant", tarifs, "payant"),
		rule("conditions_acces", "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu", tarifs, "pass numérique"),
		rule("modalites_accompagnement", "Dans un atelier : j'apprends collectivement à utiliser le numérique", acc, "accompagnement en groupe"),
		rule("modalites_accompagnement", "A ma place : une personne habilitée fait les démarches à ma place", acc, "faire à la place de"),
		rule("modalites_accompagnement", "Avec de l'aide : je suis accompagné seul dans l'usage du numérique", acc, "accompagnement individuel"),
		rule("modalites_accompagnement", "Seul : j'ai accès à du matériel et une connexion", acc, "accès libre avec un accompagnement"),
		rule("publics_accueillis", "Familles/enfants", pub, "parentalité"),
		rule("publics_accueillis", "Jeunes (16-26 ans)", pub, "jeunesse"),
		rule("publics_accueillis", "Seniors (+ 65 ans)", pub, "sénior", "senior"),
		rule("publics_accueillis", "Surdité", pub, "surdité"),
		rule("publics_accueillis", "Handicaps mentaux : déficiences limitant les activités d'une personne", pub, "handicap mental"),
		rule("publics_accueillis", "Personnes en situation d'illettrisme", pub, "personnes en situation d'illettrisme"),
		rule("publics_accueillis", "Public langues étrangères", pub, "langue étrangère"),
		rule("publics_accueillis", "Déficience visuelle", pub, "cécité", "déficience visuelle"),
		rule("services", "Accéder à une connexion internet", srv, "réseau wifi"),
		rule("services", "Accéder à du matériel", srv, "accès libre à du matériel informatique"),
		rule("services", "Prendre en main un ordinateur", srv, "découvrir l'ordinateur"),
		rule("services", "Utiliser le numérique au quotidien", srv, "découvrir l'ordinateur", "cultures numériques"),
		rule("services", "Approfondir ma culture numérique", srv, "découvrir l'ordinateur", "cultures numériques"),
		rule("services", "Prendre en main un smartphone ou une tablette", srv, "tablette", "smartphone"),
		rule("services", "Promouvoir la citoyenneté numérique", srv, "cultures numériques"),
		rule("services", "Accompagner les démarches de santé", srv, "cpam", "ameli.fr"),
		rule("services", "Devenir autonome dans les démarches administratives", srv, "services de la caf", "services des impôts", "logement social", "pôle emploi", "pole-emploi.fr"),
		rule("services", "Réaliser des démarches administratives avec un accompagnement", srv, "services de la caf", "services des impôts", "logement social", "pôle emploi", "pole-emploi.fr"),
	}
}

// hinauraFormat: Hinaura's YesWiki API (« bf_titre », checkbox lists of
// codes), as mapped since 2023. Codes are compared whole: « 5 » is not
// « 15 » (the mapping's « sauf » excluded those by hand).
var hinauraFormat = &producerFormat{
	Name: "hinaura", Title: "Hinaura (YesWiki API)",
	Mapping:   mednumCLI + " assets/input/hinaura/hinaura.config.json (commit 7378eec, 2025-11-25)",
	signature: []string{"bf_titre", "bf_adresse1", "bf_ville"},
	columns: map[string]string{
		"id_fiche": "id", "bf_titre": "nom", "bf_siret": "pivot", "bf_code_postal": "code_postal", "bf_codeinsee": "code_insee",
		"bf_ville": "commune", "bf_adresse1": "adresse", "bf_adresse2": "complement_adresse", "bf_latitude": "latitude",
		"bf_longitude": "longitude", "bf_tel": "telephone", "bf_mail": "courriels", "bf_site_internet": "site_web",
		"bf_prisrdv": "prise_rdv", "bf_accessibilit_": "fiche_acces_libre", "bf_infos_div": "presentation_detail",
		"bf_resume2": "presentation_resume", "date_maj_fiche": "date_maj", "bf_autrelabel": "autres_formations_labels",
	},
	rules: hinauraRules(),
}

func hinauraRules() []producerRule {
	const (
		typ  = "checkboxListeTypelieu"
		prog = "checkboxListeDispositifsEtProgrammesNationauxbf_checkbox_group"
		lab  = "checkboxListeFormationsEtLabelsbf_checkbox_group"
		tar  = "checkboxListeTarifs"
		acc  = "checkboxListeTypeaccompagnement"
		mod  = "checkboxListeModalitesDAccesbf_checkbox_group"
		pub  = "checkboxListeTypepublic22"
		spe  = "checkboxListeTypepublicscecifiques"
		srv  = "checkboxListeTypeservice"
	)
	return []producerRule{
		codeRule("typologie", "BIB", typ, "5"), codeRule("typologie", "PIJ_BIJ", typ, "6"), codeRule("typologie", "CCAS", typ, "7"),
		codeRule("typologie", "CS", typ, "8"), codeRule("typologie", "ASSO", typ, "10"), codeRule("typologie", "FABLAB", typ, "11"),
		codeRule("typologie", "TIERS_LIEUX", typ, "13"), codeRule("typologie", "RESSOURCERIE", typ, "14"), codeRule("typologie", "MJC", typ, "18"),
		codeRule("typologie", "ML", typ, "19"), codeRule("typologie", "MQ", typ, "20"),
		codeRule("dispositif_programmes_nationaux", "Promeneurs du net", prog, "10"),
		codeRule("dispositif_programmes_nationaux", "Bibliothèques numérique de référence", prog, "2"),
		codeRule("dispositif_programmes_nationaux", "Certification PIX", prog, "3"),
		codeRule("dispositif_programmes_nationaux", "Emmaüs Connect", prog, "5"),
		codeRule("dispositif_programmes_nationaux", "Grande école du numérique", prog, "7"),
		codeRule("dispositif_programmes_nationaux", "La Croix Rouge", prog, "8"),
		codeRule("dispositif_programmes_nationaux", "Point d'accès numérique CAF", prog, "9"),
		codeRule("dispositif_programmes_nationaux", "Relais numérique (Emmaüs Connect)", prog, "44"),
		codeRule("formations_labels", "Formé à « Mon Espace Santé »", lab, "1"),
		codeRule("formations_labels", "Formé à « DUPLEX » (illettrisme)", lab, "2"),
		codeRule("formations_labels", "Fabriques de Territoire", lab, "3"),
		codeRule("formations_labels", "Les Éclaireurs du numérique (Drôme)", lab, "4"),
		codeRule("frais_a_charge", "Gratuit", tar, "1"), codeRule("frais_a_charge", "Payant", tar, "2"),
		codeRule("frais_a_charge", "Gratuit sous condition", tar, "5"),
		codeRule("modalites_accompagnement", "En autonomie", acc, "5"),
		codeRule("modalites_accompagnement", "Accompagnement individuel", acc, "1"),
		codeRule("modalites_accompagnement", "Dans un atelier collectif", acc, "3"),
		codeRule("modalites_accompagnement", "À distance", acc, "9"),
		codeRule("modalites_acces", "Téléphoner", mod, "2"), codeRule("modalites_acces", "Contacter par mail", mod, "3"),
		codeRule("modalites_acces", "Prendre un RDV en ligne", mod, "4"),
		codeRule("modalites_acces", "Ce lieu n'accueille pas de public", mod, "5"),
		codeRule("modalites_acces", "Envoyer un mail avec une fiche de prescription", mod, "6"),
		codeRule("publics_specifiquement_adresses", "Jeunes", pub, "5", "6"),
		codeRule("publics_specifiquement_adresses", "Familles et/ou enfants", pub, "4"),
		codeRule("publics_specifiquement_adresses", "Seniors", pub, "2"),
		codeRule("publics_specifiquement_adresses", "Femmes", pub, "7"),
		codeRule("prise_en_charge_specifique", "Illettrisme", spe, "1"),
		codeRule("prise_en_charge_specifique", "Langues étrangères (anglais)", spe, "2"),
		codeRule("prise_en_charge_specifique", "Langues étrangères (autres)", spe, "3"),
		codeRule("prise_en_charge_specifique", "Surdité", spe, "7"),
		codeRule("prise_en_charge_specifique", "Handicaps moteurs", spe, "8"),
		codeRule("prise_en_charge_specifique", "Déficience visuelle", spe, "9"),
		codeRule("prise_en_charge_specifique", "Handicaps mentaux", spe, "10"),
		codeRule("services", "Aide aux démarches administratives", srv, "1"),
		codeRule("services", "Maîtrise des outils numériques du quotidien", srv, "2"),
		codeRule("services", "Insertion professionnelle via le numérique", srv, "3"),
		codeRule("services", "Utilisation sécurisée du numérique", srv, "4"),
		codeRule("services", "Parentalité et éducation avec le numérique", srv, "5"),
		codeRule("services", "Loisirs et créations numériques", srv, "6"),
		codeRule("services", "Compréhension du monde numérique", srv, "7"),
		codeRule("services", "Accès internet et matériel informatique", srv, "8"),
		codeRule("services", "Acquisition de matériel informatique à prix solidaire", srv, "9"),
	}
}

// franceServicesFormat: the national list of France Services
// (« id_fs », « lib_fs », « lib_com », hours per day « h_lundi »). Every
// France Services is free and helps with the same four services.
var franceServicesFormat = &producerFormat{
	Name: "france-services", Title: "France Services",
	Mapping:   mednumCLI + " assets/input/france-services/france-services.config.json (commit 360b537, 2024-09-12; date_maj from « labellisation » as in commit 7e38440)",
	signature: []string{"id_fs", "lib_fs", "lib_com"},
	columns: map[string]string{
		"id_fs": "id", "lib_fs": "nom", "code_postal": "code_postal", "insee_com": "code_insee", "lib_com": "commune",
		"adresse": "adresse", "complement_adresse": "complement_adresse", "latitude": "latitude", "longitude": "longitude",
		"telephone": "telephone", "mail": "courriels", "commentaire": "presentation_detail",
		"labellisation": "date_maj", "labellisation_fs": "date_maj",
	},
	fixed: map[string][]string{
		"typologie":                       {"RFS"},
		"dispositif_programmes_nationaux": {"France Services"},
		"frais_a_charge":                  {"Gratuit"},
		"services":                        {"Aide aux démarches administratives", "Insertion professionnelle via le numérique", "Maîtrise des outils numériques du quotidien", "Compréhension du monde numérique"},
	},
	rules: []producerRule{
		rule("itinerance", "Itinérant", []string{"format_fs"}, "Bus_équivalent", "Itinérante"),
		rule("itinerance", "Fixe", []string{"format_fs"}, "Fixe", "Multisites"),
		rule("modalites_acces", "Se présenter", []string{"prise_rdv"}, "Non"),
		rule("modalites_acces", "Téléphoner", []string{"prise_rdv"}, "Oui"),
		rule("modalites_acces", "Contacter par mail", []string{"prise_rdv"}, "Oui"),
	},
	dateInText: true,
	days:       []dayColumn{{"h_lundi", "Mo"}, {"h_mardi", "Tu"}, {"h_mercredi", "We"}, {"h_jeudi", "Th"}, {"h_vendredi", "Fr"}, {"h_samedi", "Sa"}},
}

// franceServices2020Format: the ANCT's first national list of France
// Services (anct-carto/France-services, 2020): the place's name in
// « lib_france_services », the organisation that runs it in
// « lib_structure » (its parent structure: « La Poste », « CCAS », a
// community of communes; never the place's name) and the kind of that
// organisation in « type_structure » (no column of the standard: left),
// the address in « adresse » and « adresse_cplmt », the coordinates in
// « lat » and « long », hours per day « h_lundi »… written by hand
// (« 9h - 12h / 13h15 – 17h30 »), « itinerance » as Oui or empty, and the
// BAN geocoder's answer for the address (« result_label »,
// « result_citycode »…), which the coordinates come from. The geocoder's
// columns are not read: its commune is a guess from the address
// (« SAINT ANDRÉ DE LA NOCHE » found as Saint-André-de-la-Roche), and the
// commune reference reads the row's own postal code, commune and point.
// No ANCT mapping reads this list (mednum-cli's is of the later one,
// « id_fs », « lib_fs »): Carnet reads it as that mapping reads the same
// columns and gives every place the same values.
var franceServices2020Format = &producerFormat{
	Name: "france-services-2020", Title: "France Services (list of 2020)",
	Mapping:   "of Carnet's own (no ANCT mapping reads this list), as " + mednumCLI + " assets/input/france-services/france-services.config.json (commit 360b537, 2024-09-12) reads the later list",
	signature: []string{"lib_france_services", "lib_com"},
	columns: map[string]string{
		"lib_france_services": "nom", "adresse": "adresse", "adresse_cplmt": "complement_adresse", "insee_com": "code_insee",
		"code_postal": "code_postal", "lib_com": "commune", "lib_structure": "structure_parente", "lat": "latitude", "long": "longitude",
		"itinerance": "itinerance",
	},
	own: map[string]bool{"lib_france_services": true, "adresse": true, "adresse_cplmt": true, "insee_com": true, "code_postal": true,
		"lib_com": true, "lib_structure": true, "lat": true, "long": true, "itinerance": true},
	fixed:  franceServicesFormat.fixed,
	days:   franceServicesFormat.days,
	daysBy: "Carnet's reading of this list, as the ANCT's mapping reads the later list's",
}

// aidantsConnectFormat: Aidants Connect's list of its habilitated
// structures (« Data pass ID », « Name », « Nombre de mandats »), as mapped
// in 2023; the values every place has are those of the current mapping
// (v1.0.2). The first mapping also guessed typologies from words of the
// name (« ACI » inside any name): left out, a name is not a typology.
var aidantsConnectFormat = &producerFormat{
	Name: "aidants-connect", Title: "Aidants Connect",
	Mapping:   mednumCLI + " assets/input/aidants-connect/aidants-connect.config.json (commit d01eaeb, 2023-01-31, for the columns; 34afe4a, 2024-08-29, for the values)",
	signature: []string{"Data pass ID", "Name", "Nombre de mandats"},
	columns: map[string]string{
		"Data pass ID": "id", "Name": "nom", "SIRET": "pivot", "Code postal": "code_postal", "Adresse": "adresse", "commune": "commune",
	},
	fixed: map[string][]string{
		"dispositif_programmes_nationaux": {"Aidants Connect"},
		"modalites_accompagnement":        {"Accompagnement individuel"},
		"services":                        {"Aide aux démarches administratives"},
	},
}
