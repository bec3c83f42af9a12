package opendata

// nouvelleCaledonieFormat: the Nouvelle-Calédonie hub's form (« date_soumission »,
// « thematiques_proposees », « geolocalisation » as an object, hours per day
// « horaires_lundi »…), from the ANCT's mapping nouvelle-caledonie.config.json.
// Its services, themes and equipment are the form's own wording (« Accès-libre
// à un espace équipé ou connecté », « Administration en ligne »): read as the
// standard's services by the mapping's rules, without them 65 of the file's 92
// places were refused for naming no service of the standard.
//
// One departure from the mapping: it gives « Illettrisme » to every place
// welcoming « personnes en situation de handicap »; illiteracy is not a
// disability, and a helper looking for help with reading would be sent there,
// so that one rule is left out (the four disabilities it names are kept).
var nouvelleCaledonieFormat = &producerFormat{
	Name: "nouvelle-caledonie", Title: "Nouvelle-Calédonie",
	Mapping:   mednumCLI + " assets/input/nouvelle-caledonie/nouvelle-caledonie.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"date_soumission", "thematiques_proposees", "modalites_accompagnement0"},
	columns: map[string]string{
		"nom": "nom", "pivot": "pivot", "commune": "commune", "code_postal": "code_postal", "code_insee": "code_insee",
		"adresse": "adresse", "complement_adresse": "complement_adresse", "geolocalisation": ColumnCoordinates,
		"telephone": "telephone", "courriel": "courriels", "site_web": "site_web", "date_soumission": "date_maj",
		"structure_parente": "structure_parente", "presentation_resume": "presentation_resume", "presentation_detail": "presentation_detail",
	},
	rules: []producerRule{
		rule("itinerance", "Itinérant", []string{"presentation_resume"}, "à domicile", "Déplacement"),
		{column: "frais_a_charge", value: "Gratuit", from: []string{"conditions_acces"}, terms: []string{"Gratuit"}, except: []string{"Gratuit sous condition"}},
		rule("frais_a_charge", "Gratuit sous condition", []string{"conditions_acces"}, "Gratuit sous condition"),
		rule("frais_a_charge", "Payant", []string{"conditions_acces"}, "Payant"),
		rule("dispositif_programmes_nationaux", "Certification PIX", []string{"labels_autres"}, "Certificateur Pix"),
		rule("autres_formations_labels", "Ambassadeur Pédagojeux", []string{"labels_autres"}, "Ambassadeur Pédagojeux"),
		rule("autres_formations_labels", "Case Numérique", []string{"labels_autres"}, "Case Numérique"),
		rule("autres_formations_labels", "Qualiopi", []string{"labels_autres"}, "Qualiopi"),
		rule("typologie", "ASSO", []string{"typologie"}, "Association"),
		rule("typologie", "BIB", []string{"typologie"}, "Bibliothèque", "Médiathèque"),
		rule("typologie", "CCAS", []string{"typologie"}, "CCAS", "Centre communal d’action sociale"),
		rule("typologie", "CCONS", []string{"typologie"}, "Chambre consulaire"),
		rule("typologie", "MQ", []string{"typologie"}, "Maison de quartier"),
		rule("typologie", "MUNI", []string{"typologie"}, "Municipalité"),
		rule("typologie", "OF", []string{"typologie"}, "Organisme de formation"),
		rule("typologie", "PIJ_BIJ", []string{"typologie", "labels_autres"}, "PIJ", "BIJ", "Structure d'information jeunesse"),
		rule("modalites_accompagnement", "En autonomie", []string{"presentation_resume", "services", "modalites_accompagnement0"}, "à disposition", "accès libre", "Accès-libre", "accès ordinateurs", "Seul : j'ai accès à du matériel et une connexion", "Simple accès"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"presentation_resume", "services", "modalites_accompagnement0"}, "animé par", "animateurs", "Accompagnement individuel", "accompagnement dédié", "assistance informatique", "accompagnement ponctuel", "Avec de l'aide : je suis accompagné seul dans l'usage du numérique"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"etp_mediateur"}),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"presentation_resume", "services"}, "atelier"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"capacite_ateliers_collectifs"}),
		rule("publics_specifiquement_adresses", "Familles et/ou enfants", []string{"presentation_resume", "publics_accueillis"}, "parents", "enfants"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"publics_accueillis"}, "Jeunes"),
		rule("publics_specifiquement_adresses", "Étudiants", []string{"publics_accueillis"}, "Etudiants"),
		rule("publics_specifiquement_adresses", "Seniors", []string{"publics_accueillis"}, "Seniors"),
		rule("publics_specifiquement_adresses", "Femmes", []string{"publics_accueillis"}, "Uniquement femmes"),
		rule("prise_en_charge_specifique", "Surdité", []string{"publics_accueillis"}, "situation de handicap"),
		rule("prise_en_charge_specifique", "Handicaps moteurs", []string{"publics_accueillis", "accessibilite"}, "situation de handicap", "situation d'handicap", "PMR", "Rampe", "personnes à mobilité réduite"),
		rule("prise_en_charge_specifique", "Handicaps mentaux", []string{"publics_accueillis"}, "situation de handicap"),
		rule("prise_en_charge_specifique", "Déficience visuelle", []string{"publics_accueillis"}, "situation de handicap"),
		rule("services", "Aide aux démarches administratives", []string{"presentation_resume", "services", "thematiques_proposees"}, "demarche", "démarche", "acte coutumier", "services publics numériques", "aides sociales", "services administratifs en ligne", "Utiliser le numérique au quotidien", "Administration en ligne"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"presentation_resume", "services", "thematiques_proposees"}, "initiation", "formation", "nous vous formons", "Prendre en main un ordinateur", "Prendre en main un smartphone ou une tablette", "réseaux sociaux"),
		rule("services", "Insertion professionnelle via le numérique", []string{"presentation_resume", "services", "thematiques_proposees"}, "emploi", "insertion professionnelle", "développer mon entreprise"),
		rule("services", "Parentalité et éducation avec le numérique", []string{"presentation_resume", "services", "thematiques_proposees"}, "parents", "enfants", "parentalité"),
		rule("services", "Loisirs et créations numériques", []string{"presentation_resume", "thematiques_proposees"}, "espace vidéo-ludique", "console", "Créer avec le numérique", "loisirs et divertissement"),
		rule("services", "Compréhension du monde numérique", []string{"presentation_resume", "services", "thematiques_proposees"}, "formation", "nous vous formons", "promouvoir la pratique du numérique", "sensibiliser", "sensibilisation", "citoyenneté numérique", "réseaux sociaux", "Approfondir ma culture numérique"),
		rule("services", "Accès internet et matériel informatique", []string{"presentation_resume", "services", "thematiques_proposees", "equipements"}, "wi-fi", "poste informatique", "Postes informatiques", "scan", "impression", "espace numérique", "ordinateurs", "vidéoprojecteur", "Accéder à du matériel", "Accéder à une connexion internet", "espace équipé", "Accès WIFI"),
		rule("services", "Accès internet et matériel informatique", []string{"nbre_postes_fixes", "nbre_postes_portables", "nbre_postes_tablettes"}),
		rule("services", "Acquisition de matériel informatique à prix solidaire", []string{"presentation_resume", "services", "thematiques_proposees", "modalites_accompagnement0"}, "s’équiper à moindre coût", "Vente solidaire de matériel", "S'équiper en matériel informatique", "S’équiper en matériel informatique", "Fourniture de matériel reconditionné"),
	},
	days: []dayColumn{{"horaires_lundi", "Mo"}, {"horaires_mardi", "Tu"}, {"horaires_mercredi", "We"}, {"horaires_jeudi", "Th"}, {"horaires_vendredi", "Fr"}, {"horaires_samedi", "Sa"}, {"horaires_dimanche", "Su"}},
}
