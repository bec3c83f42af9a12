package opendata

// Départements' and cities' formats, each written from the ANCT's mapping of
// it in mednum-cli (see producer.go), read at the commit named (the mirror's
// HEAD 525661a, 2026-06-29, holds each at that version). A term the mapping
// looks for in several columns at once, some of them flags (« 1 », « oui »)
// and some free text, is split into one rule per kind: « 1 » or « non »
// searched in free text matches any « 10 h » or « non payant », which the
// mapping did not mean.
//
// Not tables, because they are not formats of their own (see README,
// « Producers' formats Carnet reads »): eure-et-loir, savoie-extraction and
// vendee-extraction map the standard v1.0.2 onto itself, meuse and vosges
// too (with « DEPARTEMENT » and « ML|RFS » as typologies); aix-en-provence,
// vendee and charente-maritime are files in the standard v0.1.1's columns.
// No column tells them from any file of the standard, which Carnet reads as
// such, with their offers, contacts and date.

// heraultFormat: the Hérault département's directory of public services
// (« code_service », « lib_long_service », « lieu_lat84 »).
//
// Departure from the mapping: its « 1 » for a self-service kiosk and for a
// step-free access is looked for in those flag columns only, not in
// « mod_acces » and « publics », which hold text.
var heraultFormat = &producerFormat{
	Name: "herault", Title: "Hérault",
	Mapping:   mednumCLI + " assets/input/herault/herault.config.json (commit dc9216a, 2026-05-27)",
	signature: []string{"code_service", "lib_long_service", "nom_comm", "lieu_code_postal"},
	columns: map[string]string{
		"code_service": "id", "pivot": "pivot", "lib_long_service": "nom", "nom_comm": "commune", "lieu_code_postal": "code_postal",
		"num_insee_comm_service": "code_insee", "adresse": "adresse", "lieu_lat84": "latitude", "lieu_long84": "longitude",
		"tabservice_tel_service": "telephone", "tabservice_mail_service": "courriels", "site_internet_service": "site_web",
		"date_maj": "date_maj", "infos_complementaires": "presentation_detail", "horaires": "horaires", "reseau": "autres_formations_labels",
	},
	rules: heraultRules(),
}

func heraultRules() []producerRule {
	typ, adm, both := []string{"lib_long_type"}, []string{"administration"}, []string{"lib_long_type", "administration"}
	mod, pub := []string{"mod_acces"}, []string{"publics"}
	srv := []string{"demarches", "usages"}
	return []producerRule{
		rule("typologie", "CAF", both, "Caisse d'allocations familiales", "Allocations Familiales CAF"),
		rule("typologie", "CFP", adm, "Services des impôts DGFIP"),
		rule("typologie", "CPAM", both, "Caisse Primaire d'Assurance Maladie", "Assurance Maladie CPAM"),
		rule("typologie", "EPN", typ, "Espace de médiation numérique", "Lieux d'accès multimédia", "Point d'accueil numérique"),
		rule("typologie", "RFS", typ, "France Services"),
		rule("typologie", "FT", both, "France Travail", "Pôle Emploi"),
		rule("typologie", "LA_POSTE", adm, "La Poste"),
		rule("typologie", "MSA", both, "Mutualité Sociale Agricole"),
		rule("typologie", "PAD", adm, "Services ministère de la Justice"),
		rule("itinerance", "Itinérant", []string{"itinerance"}, "1"),
		rule("itinerance", "Fixe", []string{"itinerance"}, "0"),
		rule("frais_a_charge", "Gratuit", []string{"cond_acces"}, "Gratuit"),
		rule("frais_a_charge", "Payant", []string{"cond_acces"}, "Payant"),
		rule("modalites_accompagnement", "En autonomie", mod, "Espace ou borne en libre accès"),
		rule("modalites_accompagnement", "En autonomie", []string{"borne_libre_service"}, "1"),
		rule("modalites_accompagnement", "Accompagnement individuel", mod, "Espace avec un accompagnement en individuel", "Espace avec un accompagnement à  la formation à  l'informatique", "Espace avec un accompagnement à la formation à l'informatique"),
		rule("modalites_accompagnement", "Dans un atelier collectif", mod, "Espace avec un accompagnement collectif"),
		rule("modalites_acces", "Se présenter", []string{"cond_acces"}, "Sans Rendez-Vous"),
		rule("publics_specifiquement_adresses", "Jeunes", pub, "Jeune"),
		rule("publics_specifiquement_adresses", "Étudiants", pub, "Stagiaire en formation"),
		rule("publics_specifiquement_adresses", "Seniors", pub, "Retraité"),
		rule("prise_en_charge_specifique", "Surdité", pub, "Personne en situation de handicap"),
		rule("prise_en_charge_specifique", "Handicaps moteurs", pub, "Personne en situation de handicap"),
		rule("prise_en_charge_specifique", "Handicaps moteurs", []string{"accueil_pmr"}, "1"),
		rule("prise_en_charge_specifique", "Handicaps mentaux", pub, "Personne en situation de handicap"),
		rule("prise_en_charge_specifique", "Déficience visuelle", pub, "Personne en situation de handicap"),
		rule("services", "Aide aux démarches administratives", srv, "Démarches", "Aide à  la mobilité", "Aide à la mobilité", "Accès au logement", "Faire une demande ou une déclaration en ligne", "Faire valoir un droit", "Usages professionnels (contacts chambres consulaires, gestion activité, accès sites intranet...)"),
		rule("services", "Maîtrise des outils numériques du quotidien", srv, "Accéder à  l'information en ligne", "Accéder à l'information en ligne", "Créer et utiliser un compte de messagerie", "Effectuer des connexions réseaux", "Imprimer ou scanner un document", "Télécharger un document", "Envoyer des courriels et joindre des fichiers", "Géolocaliser un service ou un lieu"),
		rule("services", "Insertion professionnelle via le numérique", srv, "Préparer et passer une certification"),
		rule("services", "Accès internet et matériel informatique", srv, "Services internet ouverts au public", "Imprimer ou scanner un document"),
		rule("services", "Loisirs et créations numériques", []string{"infos_complementaires"}, "Accompagnement à la création numérique"),
	}
}

// lesLandesFormat: the Landes département's places, in the columns of
// Etalab's schema « lieux d'inclusion numérique » 0.1.1 renamed in part
// (« name », « lat », « lon », « ID »). Its other columns are PACA's: the
// signature holds PACA's and the Landes' own, and the longer signature a
// file has wins (detectProducer).
//
// Departure from the mapping: it reads « Individuel » under
// « modalites_accompagnement » as « En autonomie »; in that schema
// « Individuel » is an accompaniment one to one, the opposite of
// autonomy, so that rule is left out (a place whose services say
// « accompagnement » is still read as « Accompagnement individuel », by
// the mapping's rule).
var lesLandesFormat = &producerFormat{
	Name: "les-landes", Title: "Landes",
	Mapping:   mednumCLI + " assets/input/les-landes/les-landes.config.json (commit ebaca8d, 2025-01-08)",
	signature: []string{"name", "adresse_commune", "structure_porteuse", "adresse_code_postal", "lat", "lon"},
	columns: map[string]string{
		"ID": "id", "name": "nom", "siret": "pivot", "adresse_code_postal": "code_postal", "adresse_code_insee": "code_insee",
		"adresse_commune": "commune", "structure_porteuse": "structure_parente", "lat": "latitude", "lon": "longitude",
		"contact_telephone": "telephone", "contact_email": "courriels", "contact_web": "site_web", "description": "presentation_detail",
		"horaires_ouverture_brut": "horaires",
	},
	joins: map[string][]string{"adresse": {"adresse_numero", "adresse_rue"}},
	rules: lesLandesRules(),
}

func lesLandesRules() []producerRule {
	pub, tl := []string{"public_cible"}, []string{"type_lieu"}
	sd, desc := []string{"services", "description"}, []string{"description"}
	return []producerRule{
		rule("itinerance", "Itinérant", []string{"itinerant"}, "Oui"),
		rule("typologie", "EPN", tl, "EPN"),
		rule("typologie", "ASSO", tl, "Association"),
		rule("typologie", "BIB", tl, "Bibliothèque", "Médiathèque"),
		rule("typologie", "CS", tl, "Centre social"),
		rule("typologie", "MUNI", tl, "Commune"),
		rule("typologie", "MDS", tl, "Département"),
		rule("typologie", "MSAP", tl, "MSAP"),
		rule("publics_specifiquement_adresses", "Jeunes", pub, "16/29 ans", "16-25 ans", "Jeunes"),
		rule("publics_specifiquement_adresses", "Étudiants", pub, "Etudiants"),
		rule("publics_specifiquement_adresses", "Familles et/ou enfants", pub, "Familles", "Enfants"),
		rule("publics_specifiquement_adresses", "Seniors", pub, "Séniors"),
		rule("prise_en_charge_specifique", "Surdité", pub, "personnes avec handicap"),
		rule("prise_en_charge_specifique", "Handicaps mentaux", pub, "handicap psychique", "personnes avec handicap"),
		rule("prise_en_charge_specifique", "Illettrisme", pub, "Analaphabètes", "Illétrés"),
		rule("prise_en_charge_specifique", "Langues étrangères (anglais)", pub, "Migrants"),
		rule("prise_en_charge_specifique", "Langues étrangères (autres)", pub, "Migrants"),
		rule("prise_en_charge_specifique", "Déficience visuelle", pub, "personnes avec handicap"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"modalites_accompagnement"}, "Collectif"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"services"}, "accompagnement"),
		rule("frais_a_charge", "Gratuit", []string{"tarifs"}, "gratuit"),
		rule("frais_a_charge", "Payant", []string{"tarifs"}, "€", "adhésion", "adhérents", "tarif libre"),
		rule("services", "Aide aux démarches administratives", sd, "accompagnement aux démarches administratives", "démarches administratives", "accompagnement dans les démarches", "plateformes administratives"),
		rule("services", "Maîtrise des outils numériques du quotidien", sd, "acquisition de compétences numériques", "evaluation des compétences numériques", "montée en compétences numérique", "découverte", "Formation et accompagnement", "pratique de l’informatique"),
		rule("services", "Insertion professionnelle via le numérique", sd, "formation certifiante", "accompagnement pour l’emploi"),
		rule("services", "Parentalité et éducation avec le numérique", desc, "accompagnement à la parentalité"),
		rule("services", "Loisirs et créations numériques", desc, "création collaborative", "impression 3D", "jeu vidéo", "Retouches photos"),
		rule("services", "Compréhension du monde numérique", []string{"services"}, "acquisition de compétences numériques", "evaluation des compétences numériques", "montée en compétences numérique", "Formation et accompagnement", "pratique de l’informatique", "Open Source"),
		rule("services", "Accès internet et matériel informatique", []string{"services", "modalites_accompagnement", "description"}, "connexion internet", "accès gratuit à internet", "wifi", "Accès WI-FI", "connexion gratuite", "matériel informatique", "postes informatiques", "mise à disposition d'un ordinateur", "mise à disposition de matériel", "postes informatique", "ordinateurs", "imprimante", "scanneur", "visio"),
		rule("autres_formations_labels", "LandesMail", []string{"labels"}, "LandesMail"),
		rule("autres_formations_labels", "Ordi Pin40", []string{"labels"}, "Ordi Pin40"),
	}
}

// loireAtlantiqueFormat: the Loire-Atlantique département's places
// (« cle », « nom_lieu », « type_porteur », flags « 1 » per equipment and
// activity, hours per day « horaire_lundi »). Its lists « public »,
// « activites », « equipements » are read whole where the mapping reads
// their first items (« public.0 », « activites.0 » to « .5 »).
//
// Departures from the mapping: a flag's « 1 », « oui » or « non » is
// looked for in the flag columns only (the mapping also looked for « 1 »
// and « oui » in free text, where « 1 » is in « 1er étage » and « non »
// in « non payant »), and « médiateur numérique » and « conseiller
// numérique », which the mapping lists as columns, are read as the terms
// they are.
var loireAtlantiqueFormat = &producerFormat{
	Name: "loire-atlantique", Title: "Loire-Atlantique",
	Mapping:   mednumCLI + " assets/input/loire-atlantique/loire-atlantique.config.json (commit a3605f5, 2026-05-19)",
	signature: []string{"cle", "nom_lieu", "type_porteur", "mail_porteur"},
	columns: map[string]string{
		"cle": "id", "nom_lieu": "nom", "code_postal": "code_postal", "code_insee": "code_insee", "commune": "commune",
		"adresse": "adresse", "location": ColumnCoordinates, "telephone": "telephone", "mail_porteur": "courriels",
		"site_web": "site_web", "descriptif": "presentation_detail", "date_modif": "date_maj",
	},
	// The mapping's date is « date_modif », else « date_saisie ».
	firsts: map[string][]string{"date_maj": {"date_saisie"}},
	rules:  loireAtlantiqueRules(),
	days: []dayColumn{{"horaire_lundi", "Mo"}, {"horaire_mardi", "Tu"}, {"horaire_mercredi", "We"}, {"horaire_jeudi", "Th"},
		{"horaire_vendredi", "Fr"}, {"horaire_samedi", "Sa"}, {"horaire_dimanche", "Su"}},
}

func loireAtlantiqueRules() []producerRule {
	act := []string{"complement_activite", "activites"}
	tp := []string{"type_porteur"}
	return []producerRule{
		rule("typologie", "ASSO", tp, "Association"),
		rule("typologie", "BIB", tp, "Bibliothèque", "Médiathèque"),
		rule("typologie", "CS", tp, "Centre social"),
		rule("typologie", "EVS", tp, "Espace de vie sociale"),
		rule("typologie", "FT", tp, "France Travail"),
		rule("typologie", "LA_POSTE", tp, "La Poste"),
		rule("typologie", "MQ", tp, "Maison de quartier"),
		rule("typologie", "MSAP", tp, "Maison de service au public"),
		rule("modalites_accompagnement", "En autonomie", []string{"poste_libre_service"}, "1"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"complement_activite"}, "Collectif", "Atelier"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"accompagnement_usages", "accompagnement_edemarches", "accompagnement_emploi"}, "1"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"complement_activite"}, "Accompagnement", "aide et conseil", "soutien d'un agent", "individuellement", "Personne sur place pour aide numérique", "animateurs", "médiateur numérique", "conseiller numérique"),
		rule("frais_a_charge", "Gratuit", []string{"gratuit"}, "oui"),
		rule("frais_a_charge", "Gratuit", []string{"tarifs"}, "gratuit"),
		rule("frais_a_charge", "Payant", []string{"gratuit"}, "non"),
		rule("frais_a_charge", "Payant", []string{"tarifs"}, "adhésion", "€", "euros", "Abonnement", "de l'heure", "payant", "cotisation annuelle"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"public", "public_precisions"}, "jeunes", "16-25 ans", "11-17 ans", "11- 25ans", "11-25 ans", "14-18 ans", "15-25 ans", "16- 25 ans"),
		rule("publics_specifiquement_adresses", "Familles et/ou enfants", []string{"public"}, "Familles", "enfants", "avec un adulte"),
		rule("publics_specifiquement_adresses", "Seniors", []string{"public"}, "seniors", "60 ans et plus"),
		rule("prise_en_charge_specifique", "Surdité", []string{"handicaps_precisions"}, "des signes"),
		rule("prise_en_charge_specifique", "Handicaps moteurs", []string{"accessibilite_pmr"}, "oui"),
		rule("prise_en_charge_specifique", "Handicaps moteurs", []string{"handicaps_precisions"}, "PMR", "fauteuil roulant", "mobilité rédui", "Rampe"),
		rule("prise_en_charge_specifique", "Langues étrangères (anglais)", []string{"public"}, "ne parlant pas le français"),
		rule("prise_en_charge_specifique", "Langues étrangères (autres)", []string{"public"}, "ne parlant pas le français"),
		rule("prise_en_charge_specifique", "Déficience visuelle", []string{"complement_equipement", "handicaps_precisions"}, "mal-voyantes", "aveugles", "dispositif de guidage", "formateur non voyant", "déficience visuelle", "lecteur d'écran", "machine à lire", "assistants vocaux"),
		rule("services", "Aide aux démarches administratives", []string{"accompagnement_edemarches"}, "1"),
		rule("services", "Aide aux démarches administratives", []string{"accompagnement_edemarches_libelle", "descriptif", "restriction_usage", "complement_activite", "activites"}, "démarches administratives", "démarche administrative", "formulaires administratifs"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"formation", "accompagnement_usages"}, "1"),
		rule("services", "Maîtrise des outils numériques du quotidien", act, "Accompagnement aux usages numériques", "Formation", "tous les niveaux", "éseaux sociaux", "boîte mail", "initiation", "bureautique", "cours d'informatique", "cours collectifs"),
		rule("services", "Utilisation sécurisée du numérique", []string{"complement_activite"}, "cybersécurité", "mots de passe"),
		rule("services", "Insertion professionnelle via le numérique", []string{"accompagnement_emploi"}, "1"),
		rule("services", "Insertion professionnelle via le numérique", []string{"public", "accompagnement_emploi_libelle", "restriction_usage", "complement_activite", "activites"}, "demandeurs d'emploi", "recherche d'emploi", "démarches d'emploi", "Accompagnement des demandeurs d’emploi", "bilan de compétences", "Rédaction de CV"),
		rule("services", "Loisirs et créations numériques", []string{"complement_equipement", "complement_activite"}, "Console Switch", "imprimante 3D", "gravure laser", "fraiseuse", "arduino", "travail du bois", "jeux vidéo", "découpeuse", "brodeuse numérique", "création de site web"),
		rule("services", "Compréhension du monde numérique", []string{"formation", "accompagnement_usages"}, "1"),
		rule("services", "Compréhension du monde numérique", act, "Accompagnement aux usages numériques", "Formation", "tous les niveaux", "éseaux sociaux", "boîte mail", "perfectionnement", "bureautique", "cours d'informatique", "cours collectifs"),
		rule("services", "Accès internet et matériel informatique", []string{"tablettes", "scanners", "imprimantes", "borne_caf", "wifi", "fourniture_equipement", "poste_libre_service"}, "1"),
		rule("services", "Accès internet et matériel informatique", []string{"complement_equipement", "equipements"}, "postes informatique", "poste informatique", "imprimante", "ordinateur", "TV mobile", "liseuse", "PC", "tablette", "scanner", "vidéoprojecteur", "vidéo projecteur", "wifi", "Wi-Fi", "borne", "Internet", "photocopieuses", "Apple", "Impression", "bureautique", "smartphone", "téléphone"),
		rule("services", "Acquisition de matériel informatique à prix solidaire", []string{"tarifs", "complement_equipement"}, "ordinateur vendu", "Unités centrales à partir de", "PC portables à partir de", "Service de prêt", "disponible en prêt", "empruntable", "Prêt d"),
		rule("autres_formations_labels", "Cyber-base emploi", []string{"labels"}, "Cyber-base emploi"),
		rule("autres_formations_labels", "Net Public", []string{"labels"}, "Net Public"),
		rule("autres_formations_labels", "Esus", []string{"labels"}, "Esus"),
		rule("autres_formations_labels", "Qualiopi", []string{"labels"}, "Qualiopi"),
		rule("autres_formations_labels", "NetPublic", []string{"labels"}, "NetPublic"),
		rule("autres_formations_labels", "Guid'asso", []string{"labels"}, "Guid'asso"),
		rule("autres_formations_labels", "Ordi 3.0", []string{"labels"}, "Ordi 3.0"),
	}
}

// mulhouseFormat: the city of Mulhouse's places on its Opendatasoft portal
// (« nom_structure », « type_de_structure », « Oui » per offer). The
// mapping reads the portal's API records (« fields.nom_structure »,
// « recordid », « record_timestamp »), whose fields the reader lifts to
// the record (featureProperties); an export of the dataset names the same
// columns without « fields. ». date_maj is the record's timestamp on the
// portal, as the mapping reads it: the day the city last published it.
// The city's export of 2023 (the file of mednum-cli's commit 4441583,
// mapped by that commit's mulhouse.config.json) gives the point in « geom »
// as « latitude,longitude », which that mapping splits at the comma: read
// as the coordinates' pair.
var mulhouseFormat = &producerFormat{
	Name: "mulhouse", Title: "Mulhouse",
	Mapping:   mednumCLI + " assets/input/mulhouse/mulhouse.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"nom_structure", "type_de_structure", "accompagnement_pour_des_demarches_en_ligne"},
	columns: map[string]string{
		"recordid": "id", "nom_structure": "nom", "commune": "commune", "code_postal": "code_postal", "adresse": "adresse",
		"compl_adresse": "complement_adresse", "telephone": "telephone", "adresse_mail": "courriels", "site_web": "site_web",
		"record_timestamp": "date_maj", "jours_horaires_ouverture": "horaires", "geom": ColumnCoordinates,
	},
	rules: mulhouseRules(),
}

func mulhouseRules() []producerRule {
	tarifs := []string{"tarif_acces_equipement", "tarif_accompagnement_pour_des_demarches_en_ligne", "tarif_formations_ateliers"}
	acc := []string{"modalites_d_acces_formations_ateliers"}
	return []producerRule{
		rule("typologie", "ASSO", []string{"type_de_structure"}, "Association"),
		rule("typologie", "CS", []string{"type_de_structure"}, "Centre social"),
		rule("typologie", "BIB", []string{"type_de_structure"}, "Médiathèque", "Bibliothèque"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"type_public"}, "10-21 ans"),
		rule("modalites_acces", "Téléphoner", acc, "par téléphone", "contacter le"),
		rule("modalites_acces", "Contacter par mail", acc, "écrire à l'adresse"),
		rule("modalites_accompagnement", "En autonomie", []string{"acces_equipement_numerique_et_internet"}, "Oui"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"formations_ateliers"}, "Oui"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"accompagnement_pour_des_demarches_en_ligne"}, "Oui"),
		rule("frais_a_charge", "Gratuit", tarifs, "Gratuit").without("Gratuit pour les adhérents"),
		rule("frais_a_charge", "Payant", tarifs, "adhérents", "Adhésion"),
		rule("services", "Aide aux démarches administratives", []string{"accompagnement_pour_des_demarches_en_ligne"}, "Oui"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"formations_ateliers", "contenu_niveau_formations_ateliers"}, "oui", "Initiation", "base"),
		rule("services", "Loisirs et créations numériques", []string{"type_equipement", "contenu_niveau_formations_ateliers"}, "Xbox", "gaming", "codage"),
		rule("services", "Compréhension du monde numérique", []string{"formations_ateliers", "contenu_niveau_formations_ateliers"}, "Oui", "perfectionner"),
		rule("services", "Accès internet et matériel informatique", []string{"type_equipement", "acces_equipement_numerique_et_internet"}, "Oui", "Ordinateur", "imprimante", "téléphone", "écran tactile", "scanner"),
	}
}

// parisFormat: the city of Paris's places of digital inclusion on its
// Opendatasoft portal, exported with its columns' titles (« Nom de
// structure », « Oui » per offer and equipment, « geo_point_2d »). The
// commune is Paris's, which the postal code gives.
//
// Departure from the mapping: it gives every place whose « Tout public »
// says « Oui » the publics Jeunes, Étudiants, Familles et/ou enfants and
// Seniors. A place open to all addresses no public specifically (v1.0.2
// says so by listing none), as for Hinaura's « tout public »: left out;
// the columns naming a public (« Jeunes (16-25 ans) », « Parents »…) are
// read.
var parisFormat = &producerFormat{
	Name: "paris", Title: "Paris",
	Mapping:   mednumCLI + " assets/input/paris/paris.config.json (commit a3605f5, 2026-05-19)",
	signature: []string{"Nom de structure", "Type de structure", "Accompagnement aux démarches administratives dématérialisées"},
	columns: map[string]string{
		"identifiant": "id", "Nom de structure": "nom", "Code postal": "code_postal", "Adresse": "adresse",
		"geo_point_2d": ColumnCoordinates, "Téléphone": "telephone", "Adresse mail": "courriels", "Site web": "site_web",
		"Dernière date de mise à jour": "date_maj", "Remarque accomagnement dématérialisé": "presentation_resume",
		"Remarque formation public": "presentation_detail", "Jours et horaires d'ouverture": "horaires",
	},
	rules: parisRules(),
}

func parisRules() []producerRule {
	oui := func(column, value string, from ...string) producerRule { return rule(column, value, from, "Oui") }
	typ := []string{"Type de structure"}
	return []producerRule{
		rule("typologie", "ASSO", typ, "Association"),
		rule("typologie", "BIB", typ, "Bibliothèque / médiathèque"),
		rule("typologie", "CAF", []string{"Type de structure", "Type de structure (Catégorie 3)", "Type de structure (Catégorie 4)"}, "CAF de Paris", "Point CAF"),
		rule("typologie", "CPAM", typ, "CPAM"),
		rule("typologie", "CS", typ, "Centre social"),
		rule("typologie", "EPN", []string{"Type de structure (Catégorie 3)"}, "Espace Public Numérique"),
		rule("typologie", "FT", typ, "Pôle Emploi Paris"),
		rule("typologie", "LA_POSTE", typ, "La Poste"),
		rule("typologie", "MDPH", typ, "MDPH"),
		rule("typologie", "ML", typ, "Mission Locale de Paris"),
		rule("typologie", "MUNI", typ, "Mairie d'arrondissement", "Mairie Mobile de Paris"),
		rule("typologie", "PIJ_BIJ", typ, "Espace Paris Jeunes", "PIJ"),
		rule("typologie", "PIMMS", typ, "PIMMS"),
		rule("typologie", "RFS", []string{"Type de structure (Catégorie 3)"}, "Point France Services"),
		oui("frais_a_charge", "Gratuit", "Gratuit"),
		oui("frais_a_charge", "Payant", "Participation financière"),
		rule("modalites_accompagnement", "En autonomie", []string{"Accès libre"}, "Autonome"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"Accès libre"}, "Accompagné"),
		oui("publics_specifiquement_adresses", "Jeunes", "Jeunes (16-25 ans)"),
		oui("publics_specifiquement_adresses", "Familles et/ou enfants", "Parents", "Familles", "Adolescents (moins de 16 ans)"),
		oui("publics_specifiquement_adresses", "Seniors", "Seniors (pré-retraités et retraités)"),
		oui("prise_en_charge_specifique", "Surdité", "Services accessibles aux personnes déficientes auditives"),
		oui("prise_en_charge_specifique", "Handicaps moteurs", "Local accessible pour les Personnes à Mobilité Réduite"),
		oui("prise_en_charge_specifique", "Handicaps mentaux", "Services accessibles aux personnes déficientes intellectuelles ou avec des troubles psychiques"),
		oui("prise_en_charge_specifique", "Déficience visuelle", "Services accessibles aux personnes déficientes visuelles"),
		oui("services", "Aide aux démarches administratives", "Accompagnement aux démarches administratives dématérialisées"),
		oui("services", "Maîtrise des outils numériques du quotidien", "Education au numérique"),
		oui("services", "Insertion professionnelle via le numérique", "Sensibilisation aux métiers du numérique"),
		oui("services", "Utilisation sécurisée du numérique", "Prévention des risques liés aux mauvais usages du numérique"),
		oui("services", "Parentalité et éducation avec le numérique", "Parentalité et numérique"),
		oui("services", "Loisirs et créations numériques", "Imprimantes 3D", "Casques de réalité virtuelle"),
		oui("services", "Compréhension du monde numérique", "Développement de la culture numérique"),
		oui("services", "Accès internet et matériel informatique", "WI-FI ouvert au public", "Matériels informatiques adaptés", "Ordinateurs", "Tablettes", "Smartphones", "Bornes", "Ecrans tactiles", "Imprimantes", "Scanners", "Vidéoprojecteurs", "Bornes multiservices", "Liseuses", "Tableaux numériques"),
		oui("services", "Acquisition de matériel informatique à prix solidaire", "Distribution de matériels de connexion à internet", "Ventes de matériels informatiques reconditionnés", "Dons de matériels informatiques reconditionnés"),
	}
}

// grandParisSudFormat: Grand Paris Sud's places, in data·inclusion's
// columns of structures (« siret », « courriel », « thematiques »,
// « horaires_ouverture ») with both coordinates in « geopoint » and
// themes of its own (« Numérique /Prendre en main un ordinateur »).
//
// Departure from the mapping: it reads « Apprendre le français
// /Accompagnement vers l’insertion professionnelle » as the service
// « Insertion professionnelle via le numérique »; help towards a job
// given with French lessons is not a digital offer, so that term is left
// out (the digital themes of insertion are read).
var grandParisSudFormat = &producerFormat{
	Name: "grand-paris-sud", Title: "Grand Paris Sud",
	Mapping:   mednumCLI + " assets/input/grand-paris-sud/grand-paris-sud.config.json (commit 81d7909, 2025-09-29)",
	signature: []string{"geopoint", "thematiques", "siret", "courriel"},
	columns: map[string]string{
		"id": "id", "siret": "pivot", "nom": "nom", "commune": "commune", "code_postal": "code_postal", "code_insee": "code_insee",
		"adresse": "adresse", "complement_adresse": "complement_adresse", "geopoint": ColumnCoordinates, "telephone": "telephone",
		"courriel": "courriels", "site_web": "site_web", "date_maj": "date_maj", "presentation_resume": "presentation_resume",
		"presentation_detail": "presentation_detail", "labels_autres": "autres_formations_labels", "horaires_ouverture": "horaires",
	},
	rules: grandParisSudRules(),
}

func grandParisSudRules() []producerRule {
	th, typ := []string{"thematiques"}, []string{"typologie"}
	return []producerRule{
		rule("typologie", "ASSO", typ, "Associations", "associatif"),
		rule("typologie", "BIB", typ, "Bibliothèque"),
		rule("typologie", "CCAS", typ, "CCAS"),
		rule("typologie", "CS", typ, "Centre Social"),
		rule("typologie", "MUNI", typ, "Mairie"),
		rule("typologie", "MQ", typ, "Maison de quartier"),
		rule("typologie", "MSAP", typ, "MSAP"),
		rule("prise_en_charge_specifique", "Langues étrangères (anglais)", th, "Apprendre le français"),
		rule("prise_en_charge_specifique", "Langues étrangères (autres)", th, "Apprendre le français"),
		rule("services", "Aide aux démarches administratives", th, "Numérique /Devenir autonome dans les démarches administratives", "Numérique /Réaliser des démarches administratives avec un accompagnement", "Numérique /Accompagner les démarches de santé"),
		rule("services", "Maîtrise des outils numériques du quotidien", th, "Numérique /Prendre en main un smartphone ou une tablette", "Numérique /Prendre en main un ordinateur", "Numérique /Utiliser le numérique au quotidien"),
		rule("services", "Compréhension du monde numérique", th, "Numérique /Approfondir ma culture numérique", "Numérique /Promouvoir la citoyenneté numérique"),
		rule("services", "Utilisation sécurisée du numérique", th, "Numérique /Approfondir ma culture numérique"),
		rule("services", "Insertion professionnelle via le numérique", th, "Numérique /Favoriser mon insertion professionnelle", "Numérique /Créer et développer mon entreprise"),
		rule("services", "Accès internet et matériel informatique", th, "Numérique /Accéder à une connexion internet", "Numérique /Accéder à du matériel"),
		rule("services", "Acquisition de matériel informatique à prix solidaire", th, "Numérique /S'équiper en matériel informatique"),
		rule("services", "Loisirs et créations numériques", th, "Numérique /Créer avec le numérique"),
		rule("services", "Parentalité et éducation avec le numérique", th, "Numérique /Soutenir la parentalité et l’éducation avec le numérique"),
	}
}

// busFranceServicesCharenteFormat: the France Services bus of Charente
// (Emmaüs Ruffec): one row per stop, in the standard v0.1.1's columns with
// « SIRET » and « ouverture », the weeks the bus comes (« Semaine paire »,
// « Semaine impaire »). Every stop is a France Services and itinerant,
// which the mapping gives each. Carnet reads « ouverture » too, which the
// mapping keeps aside: a stop's hours hold on every other week only
// (« week 01-53/2 Mo 09:30-12:30 »), not every week.
var busFranceServicesCharenteFormat = &producerFormat{
	Name: "bus-france-services-charente", Title: "Bus France Services (Charente)",
	Mapping:   mednumCLI + " assets/input/bus-france-services-charente/bus-france-services-charente.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"SIRET", "ouverture", "structure_parente", "services"},
	columns: map[string]string{
		"id": "id", "nom": "nom", "SIRET": "pivot", "commune": "commune", "code_postal": "code_postal", "code_insee": "code_insee",
		"adresse": "adresse", "latitude": "latitude", "longitude": "longitude", "telephone": "telephone", "courriel": "courriels",
		"site_web": "site_web", "date_maj": "date_maj", "structure_parente": "structure_parente",
		"presentation_resume": "presentation_resume", "presentation_detail": "presentation_detail", "horaires": "horaires",
	},
	fixed: map[string][]string{"typologie": {"RFS"}, "itinerance": {"Itinérant"}},
	rules: []producerRule{
		rule("services", "Accès internet et matériel informatique", []string{"services"}, "Accéder à du matériel", "Accéder à une connexion internet"),
		rule("services", "Insertion professionnelle via le numérique", []string{"services"}, "Favoriser mon insertion professionnelle"),
		rule("services", "Aide aux démarches administratives", []string{"services"}, "Devenir autonome dans les démarches administratives", "Réaliser des démarches administratives avec un accompagnement", "Accompagner les démarches de santé"),
	},
	weekParity: "ouverture",
}

// dataInclusionFormat: data·inclusion's services of schema v0 (« profils »,
// « types », « frais », « thematiques » as codes), the records the ANCT
// reads from data·inclusion for itself and for dora, fredo, France Travail
// and Soliguide (their mappings are this one but for the departures
// below). Its lists of codes that Carnet's reading of the standard's older
// columns already reads are read so, which covers the mapping's rules and
// more: « thematiques » as services (data·inclusion's v0 codes
// « numerique--prendre-en-main-un-ordinateur » and the mapping's v1 codes
// « numerique--acceder-a-des-services-en-ligne »…, vocab.LookupLegacy),
// « profils » as publics_accueillis (« seniors-65 », « surdite »…),
// « labels_nationaux » as itself (« france-service », « certification-pix »),
// « typologie » as itself (the mapping's 89 rules each read a code as
// itself, but as text: « CC » inside « CCAS »).
//
// Departures from the mapping: « gratuit » is not looked for inside
// « gratuit-sous-conditions » (free on conditions is not free);
// Soliguide's mapping gives every « tous-publics » place the publics
// Familles, Jeunes and Seniors, left out as for Hinaura's « tout public »;
// dora's « g,r,a,t,u,i » term is a slip of its mapping. Carnet also reads
// data·inclusion's own names of two columns the mapping names as its
// merged records do: « siret » (pivot) and « horaires_ouverture ».
var dataInclusionFormat = &producerFormat{
	Name: "data-inclusion", Title: "data·inclusion (services, schema v0)",
	Mapping:   mednumCLI + " assets/input/data-inclusion/data-inclusion.config.json (commit 760ac1e, 2026-02-17)",
	signature: []string{"thematiques", "profils", "types", "frais"},
	columns: map[string]string{
		"id": "id", "pivot": "pivot", "nom": "nom", "commune": "commune", "code_postal": "code_postal", "code_insee": "code_insee",
		"adresse": "adresse", "latitude": "latitude", "longitude": "longitude", "telephone": "telephone", "courriel": "courriels",
		"site_web": "site_web", "date_maj": "date_maj", "source": "source", "prise_rdv": "prise_rdv", "accessibilite": "fiche_acces_libre",
		"presentation_resume": "presentation_resume", "presentation_detail": "presentation_detail", "labels_autres": "autres_formations_labels",
		"horaires": "horaires", "thematiques": "services", "profils": "publics_accueillis", "labels_nationaux": "labels_nationaux", "typologie": "typologie",
		"siret": "pivot", "horaires_ouverture": "horaires",
	},
	rules: []producerRule{
		rule("frais_a_charge", "Gratuit", []string{"frais"}, "gratuit").without("gratuit-sous-conditions"),
		rule("frais_a_charge", "Gratuit sous condition", []string{"frais"}, "gratuit-sous-conditions"),
		rule("frais_a_charge", "Payant", []string{"frais"}, "payant", "adhesion"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"types"}, "atelier"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"types"}, "delegation", "accompagnement"),
		rule("modalites_accompagnement", "En autonomie", []string{"types"}, "autonomie"),
	},
}
