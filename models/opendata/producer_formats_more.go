package opendata

import "strings"

// Producers' formats written from the ANCT's mappings in mednum-cli (see
// producer.go), one table per mapping, read at the commit named. Columns
// given as a path in a GeoJSON feature (properties.x) are read as x, as the
// reader flattens features; the geometry's coordinates are read by the reader.
// Values are as the mappings write them: Carnet checks them against the
// standard's lists like any file's.

// angersFormat: Angers's format, from the ANCT's mapping angers.config.json.
var angersFormat = &producerFormat{
	Name: "angers", Title: "Angers",
	Mapping:   mednumCLI + " assets/input/angers/angers.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"USER_NOM", "USER_ADRES", "USER_QUART", "LAT"},
	columns:   map[string]string{"HORAIRE": "horaires", "TYPO_UID": "id", "USER_NOM": "nom", "code_postal": "code_postal", "commune": "commune", "USER_ADRES": "adresse", "USER_QUART": "complement_adresse", "LAT": "latitude", "LNG": "longitude", "TELEPHONE": "telephone", "MAIL": "courriels", "SITE_INTER": "site_web", "DATE_MAJ": "date_maj", "TRANSPORT": "presentation_detail"},
	rules: []producerRule{
		rule("typologie", "BIB", []string{"PICTO"}, "Bibliotheque"),
		rule("typologie", "MQ", []string{"PICTO"}, "Maison de quartier"),
		rule("typologie", "MUNI", []string{"PICTO"}, "Hotel de ville"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"PUBLIC_"}, "Jeune"),
		rule("publics_specifiquement_adresses", "Étudiants", []string{"PUBLIC_"}, "Etudiant"),
		rule("publics_specifiquement_adresses", "Seniors", []string{"PUBLIC_"}, "Senior"),
		rule("prise_en_charge_specifique", "Langues étrangères (anglais)", []string{"PUBLIC_"}, "Etranger", "Réfugié", "Personne en situation de précarité (française ou étrangère)"),
		rule("prise_en_charge_specifique", "Langues étrangères (autres)", []string{"PUBLIC_"}, "Etranger", "Réfugié", "Personne en situation de précarité (française ou étrangère)"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"QUALIF1"}, "Initiation aux outils numériques"),
		rule("services", "Accès internet et matériel informatique", []string{"ACCES_ORDI", "WIFI", "QUALIF3", "QUALIF4"}, "Utilisation ordinateur et/ou tablette", "Accès WIFI", "Utilisation d'une imprimante", "Utilisation d'un scanner"),
		rule("services", "Acquisition de matériel informatique à prix solidaire", []string{"PRET_MAT", "REPAR_MAT"}, "Prêt de matériel", "Réparation de matériel"),
		rule("services", "Utilisation sécurisée du numérique", []string{"SENS_INTER", "AVIS_NUM"}, "Sensibilisation aux risques d'internet", "Avis éclairé sur les usagers numériques"),
		rule("services", "Aide aux démarches administratives", []string{"AIDE_DEMAT", "QUALIF2"}, "Aide aux démarches dématérialisées", "Aide pour les démarches administratives"),
		rule("services", "Utilisation sécurisée du numérique", []string{"FORM_PERF"}, "Perfectionnement aux outils numériques"),
		rule("services", "Compréhension du monde numérique", []string{"FORM_PERF", "AVIS_NUM"}, "Perfectionnement aux outils numériques", "Avis éclairé sur les usagers numériques"),
	},
}

// conummFormat: Conumm (Angers Loire Métropole)'s format, from the ANCT's mapping conumm.config.json.
var conummFormat = &producerFormat{
	Name: "conumm", Title: "Conumm (Angers Loire Métropole)",
	Mapping:   mednumCLI + " assets/input/conumm/conumm.config.json (commit 0245439, 2023-06-05)",
	signature: []string{"USER_NOM", "USER_ADRES", "LAT", "LNG"},
	columns:   map[string]string{"TYPO_UID": "id", "USER_NOM": "nom", "code_postal": "code_postal", "commune": "commune", "USER_ADRES": "adresse", "LAT": "latitude", "LNG": "longitude", "TELEPHONE": "telephone", "MAIL": "courriels", "SITE_INTER": "site_web", "DATE_MAJ": "date_maj"},
	rules: []producerRule{
		rule("conditions_acces", "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer", []string{"PBC_Adh"}),
		rule("publics_accueillis", "Adultes", []string{"PUBLIC_"}, "professionnel", "adultes", "entrepreneur", "demandeur d'emploi", "public majeur"),
		rule("publics_accueillis", "Familles/enfants", []string{"PUBLIC_"}, "tous"),
		rule("publics_accueillis", "Jeunes (16-26 ans)", []string{"PUBLIC_"}, "etudiant", "jeune"),
		rule("publics_accueillis", "Seniors (+ 65 ans)", []string{"PUBLIC_"}, "senior", "entrepreneur"),
		rule("publics_accueillis", "Public langues étrangères", []string{"PUBLIC_"}, "etranger", "réfugié"),
		rule("modalites_accompagnement", "Avec de l'aide : je suis accompagné seul dans l'usage du numérique", []string{"AIDE_DEMAT"}, "aide"),
		rule("services", "Accéder à une connexion internet", []string{"WIFI"}, "wifi"),
		rule("services", "Accéder à du matériel", []string{"PRET_MAT", "QUALIF3", "QUALIF4"}, "matériel", "imprimante", "scanner"),
		rule("services", "S'équiper en matériel informatique", []string{"PRET_MAT"}, "matériel"),
		rule("services", "Approfondir ma culture numérique", []string{"QUALIF1", "FORM_PERF", "AVIS_NUM"}, "initiation", "perfectionnement", "avis éclairé"),
		rule("services", "Utiliser le numérique au quotidien", []string{"QUALIF1", "FORM_PERF"}, "initiation", "perfectionnement"),
		rule("services", "Promouvoir la citoyenneté numérique", []string{"SENS_INTER"}, "sensibilisation"),
		rule("services", "Prendre en main un ordinateur", []string{"ACCES_ORDI"}, "ordinateur"),
		rule("services", "Prendre en main un smartphone ou une tablette", []string{"ACCES_ORDI"}, "tablette"),
		rule("services", "Devenir autonome dans les démarches administratives", []string{"QUALIF2", "AIDE_DEMAT"}, "démarches"),
		rule("services", "Réaliser des démarches administratives avec un accompagnement", []string{"QUALIF2", "AIDE_DEMAT"}, "démarches"),
	},
}

// corseFormat: Corse's format, from the ANCT's mapping corse.config.json.
var corseFormat = &producerFormat{
	Name: "corse", Title: "Corse",
	Mapping:   mednumCLI + " assets/input/corse/corse.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"Structure", "lat", "long", "N° de téléphone"},
	columns:   map[string]string{"Horaires": "horaires", "Structure": "nom", "Adresse": "adresse", "lat": "latitude", "long": "longitude", "N° de téléphone": "telephone", "Adresse e-mail": "courriels", "Site internet": "site_web", "Activités proposées": "presentation_resume"},
	rules: []producerRule{
		rule("typologie", "RFS", []string{"Type"}, "France Services"),
		rule("typologie", "ASSO", []string{"Type"}, "Association"),
		rule("typologie", "MUNI", []string{"Type"}, "Collectivité"),
		rule("typologie", "EPN", []string{"Type"}, "Espace Public Numérique"),
		rule("typologie", "ML", []string{"Type"}, "Mission locale", "ARML"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"Activités proposées"}, "individuel", "Accompagnement"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"Activités proposées"}, "Ateliers", "Groupe de parole"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"Activités proposées"}, "autonomie numérique des jeunes de 16 à 29 ans", "ateliers numériques dédiés aux jeunes"),
		rule("publics_specifiquement_adresses", "Étudiants", []string{"Activités proposées"}, "autonomie numérique des jeunes de 16 à 29 ans"),
		rule("services", "Accès internet et matériel informatique", []string{"Matériel mis à disposition"}, "Connexion Internet", "Photocopieuse", "Imprimante", "Scanner", "Ordinateur fixe", "impression 3D", "fraiseuse numérique"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"Activités proposées"}, "formation aux outils numériques", "initiation à l'informatique", "pratiques numériques", "Utiliser le numérique au quotidien", "Prendre en main un smartphone ou une tablette", "Prendre en main un ordinateur"),
		rule("services", "Utilisation sécurisée du numérique", []string{"Activités proposées"}, "bonnes pratiques numériques", "prévention sur les usages numériques", "fake news, cybersécurité"),
		rule("services", "Loisirs et créations numériques", []string{"Activités proposées"}, "création graphique", "programmation", "montage photo", "impression 3D", "fraiseuse numérique"),
		rule("services", "Insertion professionnelle via le numérique", []string{"Activités proposées"}, "présentation des métiers de la filière numérique", "Accompagnement à la création d'entreprise", "Organisme de formation"),
		rule("services", "Compréhension du monde numérique", []string{"Activités proposées"}, "pratiques numériques", "usages numériques", "Groupe de parole", "IA, cryptomonnaies, blockchain", "Approfondir sa culture numérique"),
		rule("services", "Aide aux démarches administratives", []string{"Activités proposées"}, "l'accès aux droits", "démarches classique en ligne", "CAF", "CPAM", "l'accès aux droits", "services publics dématérialisés", "l'accès aux droits", "services publics dématérialisés"),
		rule("services", "Parentalité et éducation avec le numérique", []string{"Activités proposées"}, "destination des parents", "l'E-parentalité"),
		rule("services", "Acquisition de matériel informatique à prix solidaire", []string{"Activités proposées"}, "Dotation de matériel numérique"),
	},
}

// epernayFormat: Épernay's format, from the ANCT's mapping epernay.config.json.
var epernayFormat = &producerFormat{
	Name: "epernay", Title: "Épernay",
	Mapping:   mednumCLI + " assets/input/epernay/epernay.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"Nom de votre structure", "Adresse de la structure", "Numéro de téléphone de la structure", "Adresse mail de la structure"},
	columns:   map[string]string{"Horaires d'ouverture__1": "horaires", "GlobalID": "id", "Nom de votre structure": "nom", "Adresse de la structure": "adresse", "Numéro de téléphone de la structure": "telephone", "Adresse mail de la structure": "courriels", "Site Web de la structure": "site_web", "y": "latitude", "x": "longitude", "EditDate": "date_maj"},
	rules: []producerRule{
		rule("itinerance", "Itinérant", []string{"Organisez-vous des actions itinérantes ou 'hors les murs' en dehors de votre structure ?"}, "Oui", "OUI", "Constamment", "Hors les murs", "ateliers collectifs itinérants"),
		rule("itinerance", "Fixe", []string{"Organisez-vous des actions itinérantes ou 'hors les murs' en dehors de votre structure ?"}, "Non", "non", "NON"),
		rule("dispositif_programmes_nationaux", "Point d'accès numérique CAF", []string{"Possédez-vous des labels nationaux ou régionaux ?"}, "Point_relais_CAF"),
		rule("modalites_accompagnement", "En autonomie", []string{"Quels sont vos équipements numériques ?", "Quelles sont vos modalités d'accompagnement ?"}, "accueil libre", "accès libre", "Accès-libre"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"Quelles sont vos modalités d'accompagnement ?"}, "Assistance_individuelle", "Ateliers_individuels", "Formation_courte", "Formation_longue"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"Quels sont vos équipements numériques ?", "Quelles sont vos modalités d'accompagnement ?"}, "ateliers collectifs", "Ateliers ponctuels", "Ateliers_collectifs", "1_atelier"),
		rule("modalites_acces", "Se présenter", []string{"Doit-on prendre rendez-vous pour accéder à vos services ? Et si oui, comment ?__1"}, "Non", "Guichet_d'accueil"),
		rule("modalites_acces", "Téléphoner", []string{"Doit-on prendre rendez-vous pour accéder à vos services ? Et si oui, comment ?__1"}, "Téléphone"),
		rule("modalites_acces", "Contacter par mail", []string{"Doit-on prendre rendez-vous pour accéder à vos services ? Et si oui, comment ?__1"}, "Mail"),
		rule("modalites_acces", "Prendre un RDV en ligne", []string{"Doit-on prendre rendez-vous pour accéder à vos services ? Et si oui, comment ?__1"}, "Site_en_ligne"),
		rule("modalites_acces", "Ce lieu n'accueille pas de public", []string{"Quels sont vos équipements numériques ?"}, "La structure n'accueille plus de publics"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"Quel(s) type(s) de public accompagnez-vous  ?", "Autre - Quelles sont vos conditions d'accès ?"}, "Jeunes_(16-26_ans)", "Avoir entre 16 et moins de 26 ans"),
		rule("publics_specifiquement_adresses", "Familles et/ou enfants", []string{"Quel(s) type(s) de public accompagnez-vous  ?"}, "Familles/enfants"),
		rule("publics_specifiquement_adresses", "Seniors", []string{"Quel(s) type(s) de public accompagnez-vous  ?"}, "Seniors_(+_65_ans)"),
		rule("prise_en_charge_specifique", "Langues étrangères (anglais)", []string{"Quel(s) type(s) de public accompagnez-vous  ?"}, "Public_langues_étrangères"),
		rule("prise_en_charge_specifique", "Langues étrangères (autres)", []string{"Quel(s) type(s) de public accompagnez-vous  ?"}, "Public_langues_étrangères"),
		rule("prise_en_charge_specifique", "Illettrisme", []string{"Quel(s) type(s) de public accompagnez-vous  ?"}, "Personnes_en_situation_d'illett"),
		rule("prise_en_charge_specifique", "Surdité", []string{"Quel(s) type(s) de public accompagnez-vous  ?"}, "Surdité"),
		rule("prise_en_charge_specifique", "Déficience visuelle", []string{"Quel(s) type(s) de public accompagnez-vous  ?"}, "Déficience_visuelle"),
		rule("prise_en_charge_specifique", "Handicaps mentaux", []string{"Quel(s) type(s) de public accompagnez-vous  ?"}, "Handicaps_psychiques_:_troubles", "Handicaps_mentaux_:_déficiences"),
		rule("frais_a_charge", "Gratuit", []string{"Quelles sont vos conditions d'accès ?"}, "Gratuit"),
		rule("frais_a_charge", "Payant", []string{"Quelles sont vos conditions d'accès ?"}, "Payant", "Adhésion"),
		rule("frais_a_charge", "Gratuit sous condition", []string{"Quelles sont vos conditions d'accès ?"}, "Gratuit_sous_condition_"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"Quel(s) type(s) d'acteur êtes-vous ?", "Qu'apportez vous aux usagers qui viennent à votre rencontre ?"}, "Je_forme_les_usagers_aux_usages", "Prendre_en_main_un_smartphone_o", "Utiliser_le_numérique_au_quotid"),
		rule("services", "Accès internet et matériel informatique", []string{"Quel(s) type(s) d'acteur êtes-vous ?", "Quels sont vos équipements numériques ?", "Qu'apportez vous aux usagers qui viennent à votre rencontre ?", "Quelles sont vos modalités d'accompagnement ?"}, "Je_mets_à_disposition_des_équip", "tablette", "PC équipé", "imprimante", "PC Portable", "Ordinateur portable", "ordinateurs", "2 PC", "4 PC", "postes informatiques", "Accéder_à_une_connexion_interne", "Accéder_à_du_matériel", "Accès-libre_à_une_connexion"),
		rule("services", "Acquisition de matériel informatique à prix solidaire", []string{"Quel(s) type(s) d'acteur êtes-vous ?"}, "'équipe_les_usagers_(dons_prêt"),
		rule("services", "Loisirs et créations numériques", []string{"Quels sont vos équipements numériques ?"}, "Programmation", "Robotique", "Table de mixage", "PC Montage vidéo", "Studio d'enregistrement", "Switch", "PS5", "Jeux Vidéo", "Machine à coudre", "Imprimante 3D", "Découpeuse vinyle", "ARDUINO", "RASPBERRY", "Espace libre service", "bornes à disposition", "scanner", "ordinateur du secrétariat"),
		rule("services", "Insertion professionnelle via le numérique", []string{"Quel(s) type(s) d'acteur êtes-vous ?"}, "demandeurs d'emploi"),
		rule("services", "Aide aux démarches administratives", []string{"Qu'apportez vous aux usagers qui viennent à votre rencontre ?"}, "Devenir_autonome_dans_les_démar", "Réaliser_des_démarches_administ", "Accompagner_les_démarches_de_sa"),
		rule("services", "Utilisation sécurisée du numérique", []string{"Qu'apportez vous aux usagers qui viennent à votre rencontre ?"}, "_Approfondir_ma_culture_numériq"),
		rule("services", "Compréhension du monde numérique", []string{"Qu'apportez vous aux usagers qui viennent à votre rencontre ?"}, "_Approfondir_ma_culture_numériq", "Promouvoir_la_citoyenneté_numér"),
		rule("services", "Insertion professionnelle via le numérique", []string{"Qu'apportez vous aux usagers qui viennent à votre rencontre ?"}, "__Favoriser_mon_insertion_profes", "Créer_et_développer_mon_entrepr"),
		rule("services", "Acquisition de matériel informatique à prix solidaire", []string{"Qu'apportez vous aux usagers qui viennent à votre rencontre ?"}, "S'équiper_en_matériel"),
		rule("services", "Loisirs et créations numériques", []string{"Qu'apportez vous aux usagers qui viennent à votre rencontre ?"}, "Créer_avec_le_numérique"),
		rule("services", "Parentalité et éducation avec le numérique", []string{"Qu'apportez vous aux usagers qui viennent à votre rencontre ?"}, "Soutenir_la_parentalité_et_l'éd"),
		rule("typologie", "ASSO", []string{"Typologie de la structure"}, "Associations"),
		rule("typologie", "Autre", []string{"Typologie de la structure"}, "other"),
		rule("typologie", "BIB", []string{"Typologie de la structure"}, "Bibliothèque", "Médiathèque"),
		rule("typologie", "CAF", []string{"Typologie de la structure"}, "CAF", "Caisses d'allocation familiale"),
		rule("typologie", "CCAS", []string{"Typologie de la structure"}, "_Centres communaux d'action soc"),
		rule("typologie", "CD", []string{"Typologie de la structure"}, "Conseils Départementaux", "Conseil Départemental"),
		rule("typologie", "CS", []string{"Typologie de la structure"}, "Centre social"),
		rule("typologie", "CSAPA", []string{"Autre - Typologie de la structure"}, "CSAPA"),
		rule("typologie", "CFP", []string{"Autre - Typologie de la structure"}, "Direction générale des finances publiques"),
		rule("typologie", "LA_POSTE", []string{"Autre - Typologie de la structure"}, "La Poste"),
		rule("typologie", "CPAM", []string{"Autre - Typologie de la structure"}, "CPAM"),
		rule("typologie", "MDE", []string{"Typologie de la structure"}, "Maison de l'emploi"),
		rule("typologie", "ML", []string{"Typologie de la structure"}, "Mission Locale"),
		rule("typologie", "MUNI", []string{"Typologie de la structure"}, "Communes"),
		rule("typologie", "PREF", []string{"Typologie de la structure"}, "Préfecture", "Sous-préfecture"),
		rule("typologie", "PI", []string{"Typologie de la structure"}, "Points et bureaux information"),
	},
}

// fibre64Format: Fibre 64's format, from the ANCT's mapping fibre-64.config.json.
var fibre64Format = &producerFormat{
	Name: "fibre-64", Title: "Fibre 64",
	Mapping:   mednumCLI + " assets/input/fibre-64/fibre-64.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"Nomdelastructure", "Ville", "Codepostal", "Adressenumeronomdelavoie"},
	columns:   map[string]string{"Leshorairesdemastructure": "horaires", "Nomdelastructure": "nom", "Ville": "commune", "Codepostal": "code_postal", "Adressenumeronomdelavoie": "adresse", "Complementdadresseexquartier...": "complement_adresse", "latitude": "latitude", "longitude": "longitude", "Telephone": "telephone", "Adressemail": "courriels", "SiteWeb": "site_web", "Jedecrislesactionsdinclusionnumeriquedemastructureenquelquesmots": "presentation_detail"},
	rules: []producerRule{
		rule("frais_a_charge", "Gratuit", []string{"Lestarifsdemastructure"}, "Gratuit", "gratuit", "GRATUIT", "0Euro", "Service Public", "gratuite", "non payant"),
		rule("frais_a_charge", "Gratuit sous condition", []string{"Lestarifsdemastructure"}, "gratuite sous conditions", "100% finance", "Selon public", "en fonction", "Selon les dispositifs"),
		rule("frais_a_charge", "Payant", []string{"Lestarifsdemastructure"}, "adhesion", "Adhesion", "tarification", "cotisation annuelle").without("non payant"),
		rule("itinerance", "Itinérant", []string{"Enitinerance", "Adomicilesouscertainesconditions"}, "X"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"Precisezsiaccueildepublicspecifique"}, "jeunes"),
		rule("publics_specifiquement_adresses", "Seniors", []string{"Precisezsiaccueildepublicspecifique"}, "Seniors", "seniors"),
		rule("prise_en_charge_specifique", "Handicaps moteurs", []string{"Precisezsiaccueildepublicspecifique"}, "situation de handicap"),
		rule("prise_en_charge_specifique", "Handicaps mentaux", []string{"Precisezsiaccueildepublicspecifique"}, "handicap psychique", "situation de handicap"),
		rule("modalites_accompagnement", "En autonomie", []string{"Enlibreacces"}, "X"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"Individuellement"}, "X"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"Collectivement"}, "X"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"Monaccompagnementactiviteprincipaleuneseulereponse", "InitiationaunumeriqueFormationApprentissagePerfectionnement"}, "Initiation au numerique", "Souvent", "De temps en temps", "Exceptionnellement"),
		rule("services", "Aide aux démarches administratives", []string{"Monaccompagnementactiviteprincipaleuneseulereponse", "Demarchesadministratives"}, "Demarches administratives", "Souvent", "De temps en temps", "Exceptionnellement"),
		rule("services", "Insertion professionnelle via le numérique", []string{"Monaccompagnementactiviteprincipaleuneseulereponse", "Accompagnementdeprofessionnels"}, "Accompagnement de professionnels", "Souvent", "De temps en temps", "Exceptionnellement"),
		rule("services", "Accès internet et matériel informatique", []string{"Monaccompagnementactiviteprincipaleuneseulereponse", "Accesadesequipementsetuneconnexioninternet"}, "Acces a des equipements et une connexion internet", "Souvent", "De temps en temps", "Exceptionnellement"),
	},
}

// hauteVienneFormat: Haute-Vienne's format, from the ANCT's mapping haute-vienne.config.json. Not carried: latitude=geometry.coordinates.1, longitude=geometry.coordinates.0.
var hauteVienneFormat = &producerFormat{
	Name: "haute-vienne", Title: "Haute-Vienne",
	Mapping:   mednumCLI + " assets/input/haute-vienne/haute-vienne.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"nom_org", "tel_fixe", "mail", "site"},
	columns:   map[string]string{"objectid": "id", "nom_org": "nom", "commune": "commune", "adresse": "adresse", "tel_fixe": "telephone", "mail": "courriels", "site": "site_web", "commentaires": "presentation_detail"},
	rules: []producerRule{
		rule("itinerance", "Itinérant", []string{"commentaires"}, "intinérance", "à domicile"),
		rule("typologie", "ASSO", []string{"label"}, "Association"),
		rule("typologie", "CCAS", []string{"label"}, "CCAS"),
		rule("typologie", "MUNI", []string{"label"}, "Mairie"),
		rule("typologie", "BIB", []string{"label"}, "Médiathèque/bibliothèque"),
		rule("typologie", "EPN", []string{"label"}, "Espace public numérique"),
		rule("frais_a_charge", "Gratuit", []string{"condition", "commentaires"}, "accès libre", "gratuite", "gratuit").without("Gratuit pour les adhérents"),
		rule("frais_a_charge", "Gratuit sous condition", []string{"commentaires"}, "Eligible au CPF"),
		rule("frais_a_charge", "Payant", []string{"commentaires", "cheque"}, "payant", "adhésion", "adhérent", "oui"),
		rule("modalites_accompagnement", "En autonomie", []string{"assistance", "commentaires"}, "non", "à disposition", "ordinateurs et bornes", "en autonomie", "Espace multimédia", "espace multi-service"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"commentaires", "format"}, "atelier", "Organisation de parcours de formation courte").without("Ateliers individuels"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"assistance", "format", "mediateur", "commentaires"}, "oui", "Assistance ponctuelle", "Accompagnement dans les démarches", "Accompagnement réalisé par un travailleur social", "L'assistance est réalisée par un accordeur", "Ateliers individuels", "être accompagnés par une équipe dédiée"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"public"}, "Jeunes", "Moins de 35 ans"),
		rule("publics_specifiquement_adresses", "Familles et/ou enfants", []string{"public"}, "Parents"),
		rule("publics_specifiquement_adresses", "Seniors", []string{"public"}, "Senior"),
		rule("services", "Aide aux démarches administratives", []string{"service", "commentaires"}, "Aide aux démarches administratives dématérialisées et accès aux droits", "Atelier numérique sur caf.fr"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"service", "commentaires"}, "Autre accompagnement", "application sur smartphone et tablette", "traitement de texte", "Pack office", "Initiation", "Découverte d'internet, des réseaux sociaux et de l'usage de la messagerie", "Découverte de l'ordinateur-tablette- smartphone", "Découverte des logiciels bureautiques", "Niveaux débutant et perfectionnement"),
		rule("services", "Insertion professionnelle via le numérique", []string{"service", "commentaires"}, "Aide à la recherche d'emploi", "dans le cadre du retour à l'emploi"),
		rule("services", "Utilisation sécurisée du numérique", []string{"service", "commentaires"}, "Initiation à la culture numérique", "cybersécurité", "e-réputation"),
		rule("services", "Loisirs et créations numériques", []string{"service", "commentaires"}, "Pratiques d'activités numériques récréatives", "Robotique", "codage", "console WII", "Casques de réalité virtuelle"),
		rule("services", "Compréhension du monde numérique", []string{"service", "commentaires"}, "Compétences numérique avancées", "Dépannage, conseils", "Initiation à la culture numérique", "perfectionnement", "Référencement internet", "cybersécurité", "Mise en conformité au RGPD", "réseaux sociaux", "webmarketing", "wordpress", "e-réputation", "Woocommerce"),
		rule("services", "Accès internet et matériel informatique", []string{"service", "categorie"}, "Accès au matériel et à Internet", "Accès à du matériel", "Accès à Internet", "Accès à une imprimante / scanner"),
		rule("services", "Acquisition de matériel informatique à prix solidaire", []string{"service"}, "Don, prêt matériel"),
	},
}

// hubLoFormat: Hub-lo's format, from the ANCT's mapping hub-lo.config.json.
var hubLoFormat = &producerFormat{
	Name: "hub-lo", Title: "Hub-lo",
	hoursDays: "c_jours_semaine",
	Mapping:   mednumCLI + " assets/input/hub-lo/hub-lo.config.json (commit 1fa7c04, 2024-09-12)",
	signature: []string{"c_nom", "c_siren_site", "c_postcode", "c_city"},
	columns:   map[string]string{"c_horaire_ouverture": "horaires", "gid": "id", "c_nom": "nom", "c_siren_site": "pivot", "c_postcode": "code_postal", "c_city": "commune", "c_adresse": "adresse", "c_lat_coor1": "latitude", "c_long_coor1": "longitude", "c_telephone": "telephone", "c_courriel": "courriels", "c_site_web": "site_web", "c_formation_detail": "presentation_detail", "c__edit_datemaj": "date_maj"},
	rules: []producerRule{
		rule("itinerance", "Itinérant", []string{"c_formation_detail"}, "itinérance"),
		rule("typologie", "ASSO", []string{"c_statut_juridique"}, "Associatif"),
		rule("typologie", "MSAP", []string{"c_etiquettes"}, "msap"),
		rule("typologie", "EPN", []string{"c_etiquettes", "c_epn", "c_club_info"}, "Club Info", "EPN", "True"),
		rule("typologie", "BIB", []string{"c_etiquettes", "c_mediatheque"}, "Médiathèque", "True"),
		rule("typologie", "TIERS_LIEUX", []string{"c_etiquettes", "c_coworking"}, "CoWorking", "True"),
		rule("typologie", "FABLAB", []string{"c_etiquettes", "c_fablab"}, "FabLab", "True"),
		rule("typologie", "MUNI", []string{"c_etiquettes", "c_mairie"}, "Mairie", "True"),
		rule("typologie", "MSAP", []string{"c_etiquettes", "c_msap"}, "MSAP", "True"),
		rule("dispositif_programmes_nationaux", "Promeneurs du net", []string{"c_etiquettes", "c_promeneur"}, "Promeneur du Net", "True"),
		rule("frais_a_charge", "Gratuit", []string{"c_formation_detail", "c_materiel_info_detail", "c_accompagnement_teletravail"}, "gratuites", "gratuits", "gratuit", "gratuitement").without("abonnés"),
		rule("frais_a_charge", "Payant", []string{"c_formation_detail", "c_materiel_info_detail"}, "payantes", "€"),
		rule("frais_a_charge", "Gratuit sous condition", []string{"c_formation_detail", "c_materiel_info_detail", "c_accompagnement_teletravail"}, "abonnés"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"c_varchar_public_cible", "c_accompagnement_personnel_detail"}, "12 - 30 ans", "12-25 ans", "16-25 ans", "jeunes", "collégiens", "lycéens", "Accompagnement des jeunes"),
		rule("publics_specifiquement_adresses", "Étudiants", []string{"c_varchar_public_cible"}, "étudiants"),
		rule("publics_specifiquement_adresses", "Familles et/ou enfants", []string{"c_varchar_public_cible"}, "familles", "Enfants"),
		rule("publics_specifiquement_adresses", "Seniors", []string{"c_varchar_public_cible"}, "retraités", "Séniors"),
		rule("prise_en_charge_specifique", "Handicaps moteurs", []string{"c_acces_pmr"}, "oui"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"c_accompagnement_personnel_detail", "c_formation_detail"}, "collectif", "ateliers de 1er niveau", "Ateliers informatique", "ateliers numériques", "ateliers d'animation", "Ateliers CV", "Ateliers avec interventants", "Atelier collectif", "Atelier et accompagnement", "Ateliers artistiques", "Ateliers \"Les bons clics\"", "Ateliers : Numérisation vidéo", "Ateliers : Découverte", "Ateliers d'initation", "Ateliers de reprise", "Ateliers débutants", "Ateliers en présentiel", "Ateliers et formations", "Ateliers mis en place", "multimédia"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"c_accompagnement_personnel", "c_accompagnement_personnel_detail"}, "oui", "individuel", "Agent", "animateur", "tuteurs", "accompagnement dédié", "Accompagnement individuel", "Accompagnement sur demande", "Accompagnement personnel", "accompagnement personnalisé", "accompagnements personnalisés", "Médiateurs Numériques", "Les agents d'accueil peuvent accompagner", "Médiatrice numérique", "Conseillers Numériques"),
		rule("modalites_accompagnement", "En autonomie", []string{"c_accompagnement_personnel_detail", "c_accompagnement_personnel", "c_materiel_info_detail"}, "individuel", "non", "à disposition", "à la disposition", "ouvert au public", "libre service", "ouverts au public", "Mise à disposition", "PC disponibles au public", "en accès libre", "en accès gratuit"),
		rule("modalites_accompagnement", "À distance", []string{"c_accompagnement_personnel_detail"}, "à distance"),
		rule("services", "Aide aux démarches administratives", []string{"c_accompagnement_personnel_detail"}, "Accompagnement aux démarches", "application CAF", "Accompagnement aux services publics", "démarche en ligne", "accompagner le public dans les démarches", "démarches administratives", "aide administratives", "accompagner les usagers dans leurs démarches", "orientation dans les démarches et recherches d'informations", "accompagnés dans leurs démarches", "accompagner sur différentes démarches", "Soutien administratif", "gestion administrative"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"c_accompagnement_personnel_detail", "c_formation_detail"}, "utilisation d'internet", "Créer un email", "ateliers de 1er niveau", "gagner en autonomie", "Bureautique", "Apports théoriques", "exercices pratiques", "Ateliers informatiques", "utilisation de l’outil numérique", "orientation dans les démarches et recherches d'informations", "club informatique", "Découverte de l'ordinateur", "Maintenance de l'ordinateur", "Traitement de texte", "Tableur", "Réseaux sociaux", "Photo numérique", "Accompagner à l'utilisation des nouveaux outils numériques", "Aide à l’utilisation de l’outil numérique", "maitrise des outils numériques", "utilisation de l'ordinateur", "initiation", "débutant", "bases d'informatique", "formations autour du numérique"),
		rule("services", "Insertion professionnelle via le numérique", []string{"c_formation_detail", "c_accompagnement_personnel_detail", "c_accompagnement_personnel_detail"}, "curriculum vitae", "cv", "lettre de motivation", "soutien dans l'accès à l'emploi", "démarches d'emploi", "Accompagnement à l'insertion sociale et professionnelle", "insertion professionnelle", "Ateliers CV et lettres de motivations"),
		rule("services", "Utilisation sécurisée du numérique", []string{"c_formation_detail"}, "fake news", "prévention usages des réseaux sociaux", "sécurité"),
		rule("services", "Parentalité et éducation avec le numérique", []string{"c_formation_detail"}, "ateliers enfants"),
		rule("services", "Loisirs et créations numériques", []string{"c_accompagnement_personnel_detail", "c_formation_detail", "c_materiel_info_detail", "c_materiel_info_detail"}, "robotique", "Robots pédagogiques", "Imprimante 3D", "Découpeuse", "studio de tournage", "consoles de jeux", "3D", "modélisation", "Ateliers MAO", "Numérisation vidéo", "montage films", "retouche photo", "jeu vidéo", "Minecraft", "codage", "scratch", "Coding-Gouter"),
		rule("services", "Compréhension du monde numérique", []string{"c_formation_detail"}, "prévention aux écrans", "Bureautique", "formations autour du numérique", "Ateliers informatiques", "club informatique", "Maintenance de l'ordinateur", "Traitement de texte", "Tableur", "Réseaux sociaux", "Photo numérique"),
		rule("services", "Accès internet et matériel informatique", []string{"c_materiel_info", "c_espace_teletravail", "c_epn", "c_mediatheque", "c_coworking", "c_fablab"}, "oui", "True"),
		rule("services", "Accès internet et matériel informatique", []string{"c_materiel_info_detail", "c_etiquettes", "c_accompagnement_teletravail", "connexion Fibre", "coworking", "c_accompagnement_personnel_detail", "c_formation_detail"}, "1 poste", "postes informatiques", "FabLab", "découpe", "matériel", "studio de tournage", "Découpeuse", "robotique", "salles équipées", "imprimantes 3D", "Photocopieur", "Webcams", "EPN", "ordinateurs", "Visioconférence", "scanner", "PC", "accès à internet", "internet", "Wifi", "Borne", "espace numérique", "salle informatique", "Consultation gratuite d’Internet", "Tablettes", "liseuses", "Accès internet", "imprimante"),
	},
}

// pacaFormat: PACA's format, from the ANCT's mapping paca.config.json.
var pacaFormat = &producerFormat{
	Name: "paca", Title: "PACA",
	Mapping:   mednumCLI + " assets/input/paca/paca.config.json (commit 7fa6209, 2026-01-28)",
	signature: []string{"adresse_commune", "structure_porteuse", "adresse_code_postal", "adresse_code_insee"},
	columns:   map[string]string{"nom": "nom", "adresse_commune": "commune", "structure_porteuse": "structure_parente", "adresse_code_postal": "code_postal", "adresse_code_insee": "code_insee", "latitude": "latitude", "longitude": "longitude", "contact_telephone": "telephone", "contact_email": "courriels", "contact_web": "site_web"},
	joins:     map[string][]string{"adresse": {"adresse_numero", "adresse_rue"}},
	rules: []producerRule{
		rule("itinerance", "Itinérant", []string{"description", "services"}, "Itinérance", "Le bus dessert"),
		rule("itinerance", "Itinérant", []string{"itinerant"}, "Oui"),
		rule("typologie", "TIERS_LIEUX", []string{"statut", "type_lieu"}, "Tiers-lieu", "Coworking"),
		rule("typologie", "FABLAB", []string{"statut", "type_lieu"}, "Fablab", "Hackerspace"),
		rule("typologie", "ASSO", []string{"nature_juridique", "type_lieu"}, "Association"),
		rule("typologie", "EPCI", []string{"nature_juridique"}, "EPCI"),
		rule("typologie", "BIB", []string{"type_lieu"}, "Bibliothèque", "Médiathèque"),
		rule("typologie", "PIJ_BIJ", []string{"type_lieu"}, "Point Information Jeunes"),
		rule("typologie", "CS", []string{"type_lieu"}, "Centre social"),
		rule("typologie", "EPN", []string{"type_lieu"}, "EPN"),
		rule("typologie", "EPCI", []string{"type_lieu"}, "EPCI"),
		rule("typologie", "LA_POSTE", []string{"type_lieu"}, "La Poste"),
		rule("typologie", "MSAP", []string{"type_lieu"}, "MSAP"),
		rule("typologie", "OF", []string{"type_lieu"}, "Organisme de formations"),
		rule("typologie", "PIMMS", []string{"type_lieu"}, "PIMMS"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"public_cible", "services"}, "16-25 Ans", "jeunes"),
		rule("publics_specifiquement_adresses", "Étudiants", []string{"services"}, "étudiants", "etudiants"),
		rule("prise_en_charge_specifique", "Illettrisme", []string{"services"}, "Alphabétisation"),
		rule("modalites_accompagnement", "En autonomie", []string{"services", "materiels_disponibles"}, "Accès libre", "en libre accès", "mis à disposition", "mise à disposition", "à votre disposition"),
		rule("modalites_accompagnement", "Accompagnement individuel", []string{"services"}, "accompagnement", "cours individuels", "assistance numérique", "individuelles"),
		rule("modalites_accompagnement", "Dans un atelier collectif", []string{"modalites_accompagnement", "services"}, "Accueil de groupes sur rendez-vous", "ateliers collectifs", "ateliers numérique", "Ateliers  collectifs"),
		rule("modalites_accompagnement", "À distance", []string{"en_ligne"}, "Oui"),
		rule("dispositif_programmes_nationaux", "Bibliothèques numérique de référence", []string{"labels"}, "BIBLIOTHÈQUES NUMÉRIQUES DE RÉFÉRENCE"),
		rule("dispositif_programmes_nationaux", "Grande école du numérique", []string{"labels"}, "GRANDE ECOLE DU NUMÉRIQUE"),
		rule("dispositif_programmes_nationaux", "Point d'accès numérique CAF", []string{"labels"}, "POINT RELAIS CAF"),
		rule("formations_labels", "Fabriques de Territoire", []string{"labels"}, "FABRIQUE DE TERRITOIRE", "FABRIQUE NUMÉRIQUE DE TERRITOIRE"),
		rule("formations_labels", "SUD LABS (PACA)", []string{"description", "labels"}, "SUD LABS", "SUDLAB"),
		rule("autres_formations_labels", "Maison de la saisonnalité", []string{"labels"}, "MAISON DE LA SAISONNALITÉ"),
		rule("autres_formations_labels", "Citélabs", []string{"labels"}, "CITÉLABS"),
		rule("autres_formations_labels", "Campus connecté", []string{"labels"}, "CAMPUS CONNECTE"),
		rule("autres_formations_labels", "ECG Vaucluse", []string{"labels"}, "ECG VAUCLUSE"),
		rule("autres_formations_labels", "Centre collaboratif connecté", []string{"labels"}, "CENTRE COLLABORATIF CONNECTÉ C3"),
		rule("services", "Aide aux démarches administratives", []string{"services"}, "démarches en ligne", "démarches dématérialisées", "services publics numériques", "démarches numériques", "démarches administratives", "carte grise", "permis de conduire", "aide à l'administration", "E-administration"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"services"}, "utilisation des outils", "ateliers numériques", "accompagnements aux outils informatique", "initiation", "formation", "Dématérialisation", "informatique de premier niveau", "débutant", "médiation numérique", "Médiations numériques", "Club informatique", "Cours informatique", "montée en compétence"),
		rule("services", "Insertion professionnelle via le numérique", []string{"services"}, "emploi", "développement d'entreprise", "chefs d’entreprise", "financement des entreprises", "formation professionnelle", "formation des professionnels", "insertion professionnelle"),
		rule("services", "Utilisation sécurisée du numérique", []string{"services"}, "prévention et usages des réseaux sociaux", "ateliers numériques de sensibilisation", "sensibilisation sur l'usage d'internet", "Sécurité numérique"),
		rule("services", "Parentalité et éducation avec le numérique", []string{"services"}, "scolaire", "parentalité"),
		rule("services", "Loisirs et créations numériques", []string{"statut", "services", "materiels_disponibles"}, "Atelier bois", "imprimante 3D", "découpe laser", "Découpeuse laser", "Thermoformeuse", "Equipement de production audiovisuel", "impression 3D", "Robotique", "Réalité Virtuelle", "geocaching", "développeur", "cultures numériques", "audiovisuel", "Gamelab", "fabrication numérique", "Prototypage", "IoT", "électronique", "lieu d’expérimentation", "jeux vidéos", "création numérique", "graphisme", "fabrication et l'utilisation des capteurs mobiles", "DIY", "réalisation de produits", "blog", "Fablab", "Fab Lab", "Ateliers créatifs", "Fabriques numériques"),
		rule("services", "Compréhension du monde numérique", []string{"services"}, "culture numérique", "ateliers numériques", "formation", "conseil sur l'innovation", "réseaux sociaux", "usages numériques", "les apprentissages et les usages", "logiciels libres", "intermédiaire", "open data", "data-visualisation", "Club informatique", "usages avancés", "Décryptage des enjeux liés au numérique", "citoyenneté", "sensibilisation et éducation au numérique", "perfectionnement"),
		rule("services", "Accès internet et matériel informatique", []string{"services", "materiels_disponibles"}, "Accés internet", "WIFI", "disposition de matériel", "connexion internet", "Accéder à du matériel", "Accés à internet", "espace inernet", "espace numérique", "espace multimédia", "équipement connecté en libre accès", "Ordinateur en accès libre", "mise à disposition de matériel numérique", "postes connectés", "Parc informatique", "Equipement bureau", "ordinateurs", "Ordinateur connecté", "pc portable", "Equipement de production audiovisuel", "réalité virtuelle", "points numériques", "postes informatiques", "Salle informatique", "point numérique", "Casques VR", "écran intéractif", "Tablettes tactiles", "Visioconférence", "visio-conférence", "Visio conférence", "Vidéoprojecteur", "video projecteur", "Imprimante", "Scanner", "Photocopieur", "découpe laser", "Découpeuse laser", "Thermoformeuse"),
		rule("services", "Acquisition de matériel informatique à prix solidaire", []string{"services"}, "ressourcerie"),
	},
}

// ultraNumFormat: Ultra Num's format, from the ANCT's mapping ultra-num.config.json.
var ultraNumFormat = &producerFormat{
	Name: "ultra-num", Title: "Ultra Num",
	Mapping:   mednumCLI + " assets/input/ultra-num/ultra-num.config.json (commit e8d16a5, 2023-04-06)",
	signature: []string{"Nom de l'organisation", "Ville", "Code postal", "Rue"},
	dayTimes:  ultraNumDays(),
	daysBy:    "read by Carnet, the ANCT's mapping does not read them",
	columns:   map[string]string{"Nom de l'organisation": "nom", "Ville": "commune", "Code postal": "code_postal", "Rue": "adresse", "Contact : téléphone": "telephone", "Email": "courriels", "Site web": "site_web", "latitude": "latitude", "longitude": "longitude", "Description longue": "presentation_detail", "Description courte": "presentation_resume"},
	rules: []producerRule{
		rule("services", "Accéder à une connexion internet", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "utiliser internet", "naviguer sur le web", "surfer librement sur internet"),
		rule("services", "Utiliser le numérique au quotidien", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "découvrir les réseaux sociaux", "utiliser les réseaux sociaux", "communiquer et échanger sur internet", "paramétrer un compte email", "utiliser un client de messagerie", "utiliser internet", "gérer des documents numériques", "gérer ses données", "gérer ses emails", "utiliser un équipement numérique", "protéger ses données", "utiliser outils cartographiques", "connaître alternatives à facebook", "connaître solutions outils bureautiques", "sécuriser ses usages numériques", "retoucher ses photos", "découvrir le montage vidéo", "participer à des MOOCs", "découvrir les métiers du numérique"),
		rule("services", "Approfondir ma culture numérique", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "découvrir les réseaux sociaux", "connaître les usages", "protéger ses données", "connaître alternatives à facebook", "connaître solutions outils bureautiques", "sécuriser ses usages numériques", "se renseigner et connaître ses droits", "connaitre et gérer", "effacer ses traces", "découvrir les métiers du numérique", "comprendre les cultures numériques"),
		rule("services", "Accéder à du matériel", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "utiliser internet", "s'approprier un équipement numérique", "naviguer sur le web", "surfer librement sur internet", "utiliser un équipement numérique", "utiliser une découpeuse numérique"),
		rule("services", "Créer avec le numérique", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "retoucher ses photos", "découvrir le montage vidéo", "réaliser et diffuser son cv"),
		rule("services", "Créer et développer mon entreprise", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "découvrir et utiliser l’emploi store", "organiser sa recherche d’emploi", "déposer et gérer une annonce"),
		rule("services", "Devenir autonome dans les démarches administratives", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "accéder aux principaux services en ligne", "se renseigner et connaître ses droits"),
		rule("services", "Réaliser des démarches administratives avec un accompagnement", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "accéder aux principaux services en ligne", "se renseigner et connaître ses droits"),
		rule("services", "Favoriser mon insertion professionnelle", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "découvrir et utiliser l’emploi store", "organiser sa recherche d'emploi", "réaliser et diffuser son cv", "déposer et gérer une annonce"),
		rule("services", "Prendre en main un ordinateur", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "utiliser internet", "s'approprier un équipement numérique", "naviguer sur le web", "surfer librement sur internet", "utiliser un équipement numérique"),
		rule("services", "Promouvoir la citoyenneté numérique", []string{"Tag 4", "Tag 5", "Tag 6", "Tag 7", "Tag 8", "Tag 9", "Tag 10", "Tag 11", "Tag 12", "Tag 13", "Tag 14", "Tag 15", "Tag 16", "Tag 17", "Tag 18", "Tag 19", "Tag 20", "Tag 21", "Tag 22", "Tag 23", "Tag 24", "Tag 25", "Tag 26", "Tag 27", "Tag 28", "Tag 29", "Tag 30", "Tag 31", "Tag 32", "Tag 33", "Tag 34", "Tag 35", "Tag 36", "Tag 37", "Tag 38", "Tag 39", "Tag 40", "Tag 41", "Tag 42", "Tag 43", "Tag 44", "Tag 45", "Tag 46", "Tag 47", "Tag 48", "Tag 49", "Tag 50", "Tag 51"}, "découvrir les réseaux sociaux", "connaître les usages", "protéger ses données", "connaître alternatives à facebook", "connaître solutions outils bureautiques", "sécuriser ses usages numériques", "se renseigner et connaître ses droits", "connaitre et gérer", "effacer ses traces", "découvrir les métiers du numérique", "comprendre les cultures numériques"),
	},
}

// ultraNumDays are Ultra Num's columns of opening hours: for each day, a
// column holding the day's code when the place opens (« Lundi »: « Mo »),
// the morning's opening and closing (or the whole day's, « journée
// continue »), the afternoon's. The ANCT's mapping leaves them out; Carnet
// reads them, as it reads France Services' day columns.
func ultraNumDays() []dayTimes {
	days := []struct{ name, osm string }{{"lundi", "Mo"}, {"mardi", "Tu"}, {"mercredi", "We"}, {"jeudi", "Th"}, {"vendredi", "Fr"}, {"samedi", "Sa"}, {"dimanche", "Su"}}
	out := make([]dayTimes, 0, len(days))
	for _, d := range days {
		out = append(out, dayTimes{osm: d.osm, flag: strings.ToUpper(d.name[:1]) + d.name[1:], spans: [][2]string{
			{"Ouverture matin (ou journée continue) " + d.name, "Fermeture matin " + d.name},
			{"Ouverture après-midi (sauf si une seule tranche horaire) " + d.name, "Fermeture après-midi " + d.name},
		}})
	}
	return out
}

// maineEtLoireFormat: Maine-et-Loire's format, from the ANCT's mapping maine-et-loire.config.json.
var maineEtLoireFormat = &producerFormat{
	Name: "maine-et-loire", Title: "Maine-et-Loire",
	Mapping:   mednumCLI + " assets/input/maine-et-loire/maine-et-loire.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"NOM_STRUCTURE", "CP", "COMP_ADRESSE", "y"},
	columns:   map[string]string{"ID_LieuMed": "id", "NOM_STRUCTURE": "nom", "CP": "code_postal", "COMMUNE": "commune", "COMP_ADRESSE": "complement_adresse", "y": "latitude", "x": "longitude", "NUM_TEL": "telephone", "MAIL_STRUC": "courriels", "SITE_WEB": "site_web", "DAT_MaJ": "date_maj"},
	joins:     map[string][]string{"adresse": {"N°", "ADRESSE"}},
	rules: []producerRule{
		rule("frais_a_charge", "Payant", []string{"PBC_Adh"}, "Adhérent"),
		rule("typologie", "ASSO", []string{"SS_CAT"}, "Association"),
		rule("typologie", "BIB", []string{"SS_CAT"}, "Bibliothèque", "Médiathèque"),
		rule("typologie", "CCAS", []string{"SS_CAT"}, "CCAS"),
		rule("typologie", "CS", []string{"SS_CAT"}, "Centre Social"),
		rule("typologie", "EVS", []string{"SS_CAT"}, "Espace de vie sociale"),
		rule("typologie", "LA_POSTE", []string{"SS_CAT"}, "La Poste"),
		rule("typologie", "MDS", []string{"SS_CAT"}, "MDS"),
		rule("typologie", "ML", []string{"SS_CAT"}, "Mission locale"),
		rule("typologie", "PIJ_BIJ", []string{"SS_CAT"}, "PIJ"),
		rule("publics_specifiquement_adresses", "Jeunes", []string{"PBC_Jeunes"}, "Jeunes"),
		rule("publics_specifiquement_adresses", "Seniors", []string{"PBC_Senior"}, "Seniors"),
		rule("services", "Aide aux démarches administratives", []string{"DEM_Gen", "DEM_Spe"}, "oui"),
		rule("services", "Maîtrise des outils numériques du quotidien", []string{"INITIATION"}, "oui"),
		rule("services", "Accès internet et matériel informatique", []string{"INTERNET"}, "oui"),
	},
}

// etapesNumeriques2023Format: La Poste's first list of its « Étapes
// numériques » (digital spaces in post offices), as mednum-cli read it from
// May 2023 to May 2024 (its mapping at commit 623eaad; the list of May 2024,
// 26eba48, has only columns data·inclusion's structures also have and is
// read as the standard). The file names no offer: the mapping gives every
// space internet access and equipment, and help where a Conseiller
// numérique is present. Left out: its id, the département (« 1 » for every
// space in the Ain), so ids are derived from the name and address.
var etapesNumeriques2023Format = &producerFormat{
	Name: "etapes-numerique-2023", Title: "Étapes numériques (La Poste, 2023)",
	Mapping:   mednumCLI + " assets/input/etapes-numerique/etapes-numerique.config.json (commit 623eaad, 2024-03-27)",
	signature: []string{"Site", "Présence d’un CN", "result_city"},
	columns:   map[string]string{"Site": "nom", "result_city": "commune", "Adresse": "adresse", "result_postcode": "code_postal", "latitude": "latitude", "longitude": "longitude"},
	fixed: map[string][]string{
		"services": {"Accéder à une connexion internet", "Accéder à du matériel"},
	},
	rules: []producerRule{
		rule("modalites_accompagnement", "Avec de l'aide : je suis accompagné seul dans l'usage du numérique", []string{"Présence d’un CN"}, "oui"),
	},
}

// maineEtLoire2023Format: the département's earlier file, from its API, as
// mednum-cli read it in May 2023 (its mapping at commit 14a1d00; the file
// replaced in 3c0da25 by the one maineEtLoireFormat reads). Its offers are
// columns of their own, any value naming the offer; read as a file of no
// known format, its 235 places were all stored without one. Left out as
// for the later file: « JT_PBC_Tou » (« Tous »), which the mapping reads as
// every public and every specific support, a place for everyone not being
// one for deaf or illiterate people in particular. The typology is
// Carnet's, with the later mapping's terms on the same categories.
var maineEtLoire2023Format = &producerFormat{
	Name: "maine-et-loire-2023", Title: "Maine-et-Loire (its API, 2023)",
	Mapping:   mednumCLI + " assets/input/maine-et-loire/maine-et-loire.config.json (commit 14a1d00, 2023-05-02)",
	signature: []string{"Geo Point", "Accès internet", "Démarches générales"},
	columns:   map[string]string{"ID": "id", "Nom": "nom", "CP": "code_postal", "Commune": "commune", "Téléphone": "telephone", "Courriel": "courriels", "Site web": "site_web", "Date_maj": "date_maj"},
	joins:     map[string][]string{"adresse": {"Numéro", "Adresse"}},
	parts:     map[string]listPart{"latitude": {"Geo Point", 0}, "longitude": {"Geo Point", 1}},
	rules: []producerRule{
		rule("conditions_acces", "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer", []string{"JT_PBC_Adh"}),
		rule("publics_accueillis", "Adultes", []string{"JT_PBC_Adu"}),
		rule("publics_accueillis", "Jeunes (16-26 ans)", []string{"JT_PBC_Jeu"}),
		rule("publics_accueillis", "Seniors (+ 65 ans)", []string{"JT_PBC_Sen"}),
		rule("services", "Accéder à une connexion internet", []string{"Accès internet", "JT_MAT_Wif"}),
		rule("services", "Accéder à du matériel", []string{"JT_MAT_Imp", "JT_MAT_Sca", "JT_MAT_Bor", "JT_MAT_3D", "JT_MAT_Con", "JT_MAT_Vid"}),
		rule("services", "Prendre en main un ordinateur", []string{"Initiation aux outils numériques"}),
		rule("services", "Prendre en main un smartphone ou une tablette", []string{"Initiation aux outils numériques"}),
		rule("services", "Devenir autonome dans les démarches administratives", []string{"Démarches générales"}),
		rule("services", "Réaliser des démarches administratives avec un accompagnement", []string{"Démarches spécifiques"}),
		ownRule("typologie", "ASSO", []string{"Catégorie"}, "Association"),
		ownRule("typologie", "BIB", []string{"Catégorie"}, "Bibliothèque", "Médiathèque"),
		ownRule("typologie", "CCAS", []string{"Catégorie"}, "CCAS"),
		ownRule("typologie", "CS", []string{"Catégorie"}, "Centre Social"),
		ownRule("typologie", "EVS", []string{"Catégorie"}, "Espace de vie sociale"),
		ownRule("typologie", "LA_POSTE", []string{"Catégorie"}, "La Poste"),
		ownRule("typologie", "MDS", []string{"Catégorie"}, "MDS"),
		ownRule("typologie", "ML", []string{"Catégorie"}, "Mission locale"),
		ownRule("typologie", "PIJ_BIJ", []string{"Catégorie"}, "PIJ"),
	},
}
