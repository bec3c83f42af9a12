package vocab

// The lists of the national standard « lieux de médiation numérique » v1.0.2
// (LaMednum/standard-mediation-num, schema.json). Each value is the exact
// string of the column's regex pattern, in the pattern's order;
// standard_test.go proves it against the schema file. Do not "fix" a value
// here: a file that another tool validates against the standard must
// contain these bytes.

// Provenance of the standard's lists, shown in Vocabulary.Source.
const sourceStandard = "Standard « lieux de médiation numérique » v1.0.2 (La MedNum, ANCT)"

// Values of themes (column services).
const (
	ThemeAdministrativeProcedures = "Aide aux démarches administratives"
	ThemeEverydayDigitalTools     = "Maîtrise des outils numériques du quotidien"
	ThemeProfessionalInsertion    = "Insertion professionnelle via le numérique"
	ThemeSafeDigitalUse           = "Utilisation sécurisée du numérique"
	ThemeParenting                = "Parentalité et éducation avec le numérique"
	ThemeLeisureAndCreation       = "Loisirs et créations numériques"
	ThemeUnderstandingDigital     = "Compréhension du monde numérique"
	ThemeInternetAndEquipment     = "Accès internet et matériel informatique"
	ThemeSolidarityEquipment      = "Acquisition de matériel informatique à prix solidaire"
)

var themes = Vocabulary{
	Name:        NameThemes,
	Title:       "Services",
	Description: "Les types d’accompagnement proposés par le lieu.",
	Column:      "services",
	Source:      sourceStandard,
	Multi:       true,
	Terms: []Term{
		{Value: ThemeAdministrativeProcedures, Description: "Démarches en ligne, faites avec la personne ou à sa place, y compris les démarches de santé."},
		{Value: ThemeEverydayDigitalTools, Description: "Prendre en main un ordinateur, un smartphone ou une tablette ; utiliser le numérique au quotidien."},
		{Value: ThemeProfessionalInsertion, Description: "Recherche d’emploi, candidature, création d’entreprise avec le numérique."},
		{Value: ThemeSafeDigitalUse, Description: "Protéger ses données, ses comptes et ses appareils ; repérer les arnaques."},
		{Value: ThemeParenting, Description: "Accompagner les enfants dans leurs usages numériques ; suivre la scolarité en ligne."},
		{Value: ThemeLeisureAndCreation, Description: "Créer avec le numérique : photo, vidéo, musique, fabrication numérique, jeux."},
		{Value: ThemeUnderstandingDigital, Description: "Culture numérique, citoyenneté numérique, information et esprit critique."},
		{Value: ThemeInternetAndEquipment, Description: "Accès libre à une connexion internet, à des ordinateurs, imprimantes, scanners."},
		{Value: ThemeSolidarityEquipment, Description: "Ordinateurs, tablettes ou téléphones reconditionnés à prix solidaire."},
	},
}

// Values of publics (column publics_specifiquement_adresses).
const (
	PublicYouth    = "Jeunes"
	PublicStudents = "Étudiants"
	PublicFamilies = "Familles et/ou enfants"
	PublicSeniors  = "Seniors"
	PublicWomen    = "Femmes"
)

var publics = Vocabulary{
	Name:  NamePublics,
	Title: "Publics spécifiquement adressés",
	Description: "Par défaut un lieu accueille tout public ; ces valeurs disent vers quels publics " +
		"son action est spécifiquement tournée.",
	Column: "publics_specifiquement_adresses",
	Source: sourceStandard,
	Multi:  true,
	Terms: []Term{
		{Value: PublicYouth},
		{Value: PublicStudents},
		// data·inclusion's publics (v1.0.8) « familles » is the value its
		// crosswalk from the standard gives « Familles et/ou enfants », and
		// the only one.
		{Value: PublicFamilies, Aliases: []string{"Familles"}},
		{Value: PublicSeniors, Aliases: []string{"Séniors"}},
		{Value: PublicWomen},
	},
}

// Values of specific_support (column prise_en_charge_specifique).
const (
	SupportDeafness               = "Surdité"
	SupportMotorDisability        = "Handicaps moteurs"
	SupportMentalDisability       = "Handicaps mentaux"
	SupportIlliteracy             = "Illettrisme"
	SupportForeignLanguageEnglish = "Langues étrangères (anglais)"
	SupportForeignLanguageOther   = "Langues étrangères (autres)"
	SupportVisualImpairment       = "Déficience visuelle"
)

var specificSupport = Vocabulary{
	Name:        NameSpecificSupport,
	Title:       "Prise en charge spécifique",
	Description: "Les besoins particuliers que le lieu sait accompagner.",
	Column:      "prise_en_charge_specifique",
	Source:      sourceStandard,
	Multi:       true,
	Terms: []Term{
		{Value: SupportDeafness},
		{Value: SupportMotorDisability},
		{Value: SupportMentalDisability},
		{Value: SupportIlliteracy},
		{Value: SupportForeignLanguageEnglish},
		{Value: SupportForeignLanguageOther},
		{Value: SupportVisualImpairment},
	},
}

// Values of fees (column frais_a_charge).
const (
	FeeFree               = "Gratuit"
	FeeFreeUnderCondition = "Gratuit sous condition"
	FeePaid               = "Payant"
)

var fees = Vocabulary{
	Name:        NameFees,
	Title:       "Frais à charge",
	Description: "Les conditions financières d’accès au lieu ou au service.",
	Column:      "frais_a_charge",
	Source:      sourceStandard,
	Multi:       true,
	Terms: []Term{
		{Value: FeeFree},
		{Value: FeeFreeUnderCondition, Description: "La gratuité dépend de critères : adhésion, situation, convention avec un organisme social, Pass numérique…"},
		{Value: FeePaid},
	},
}

// Values of national_programmes (column dispositif_programmes_nationaux).
const (
	ProgrammeAidantsConnect        = "Aidants Connect"
	ProgrammeDigitalLibraries      = "Bibliothèques numérique de référence"
	ProgrammePIX                   = "Certification PIX"
	ProgrammeConseillersNumeriques = "Conseillers numériques"
	ProgrammeEmmausConnect         = "Emmaüs Connect"
	ProgrammeFranceServices        = "France Services"
	ProgrammeGrandeEcoleNumerique  = "Grande école du numérique"
	ProgrammeCroixRouge            = "La Croix Rouge"
	ProgrammePointNumeriqueCAF     = "Point d'accès numérique CAF"
	ProgrammePromeneursDuNet       = "Promeneurs du net"
	ProgrammeRelaisEmmausConnect   = "Relais numérique (Emmaüs Connect)"
)

// ProducerConseillersNumeriques is the producer (source) the Conseillers
// numériques programme writes on its own files, slugified.
const ProducerConseillersNumeriques = "conseiller-numerique"

var nationalProgrammes = Vocabulary{
	Name:        NameNationalProgrammes,
	Title:       "Dispositifs et programmes nationaux",
	Description: "Les dispositifs ou programmes nationaux auxquels le lieu appartient.",
	Column:      "dispositif_programmes_nationaux",
	Source:      sourceStandard,
	Multi:       true,
	Terms: []Term{
		{Value: ProgrammeAidantsConnect},
		// "numérique" (singular) is the standard's spelling.
		{Value: ProgrammeDigitalLibraries, Aliases: []string{"Bibliothèques numériques de référence", "BNR"}},
		{Value: ProgrammePIX, Aliases: []string{"PIX"}},
		{Value: ProgrammeConseillersNumeriques, Aliases: []string{"Conseiller numérique", "CNFS"}},
		{Value: ProgrammeEmmausConnect},
		// « Maison France Services » is what the programme's sites are
		// commonly called (the Conseillers numériques file of 2022 names
		// dozens of places so); data·inclusion's labels-nationaux writes
		// « france-service ».
		{Value: ProgrammeFranceServices, Aliases: []string{"France Service", "Maison France Services", "Maison France Service", "Maisons France Services"}},
		{Value: ProgrammeGrandeEcoleNumerique, Aliases: []string{"Grandes écoles du numérique"}},
		{Value: ProgrammeCroixRouge, Aliases: []string{"Croix-Rouge", "La Croix-Rouge"}},
		{Value: ProgrammePointNumeriqueCAF},
		{Value: ProgrammePromeneursDuNet},
		{Value: ProgrammeRelaisEmmausConnect},
	},
}

// Values of training_labels (column formations_labels).
const (
	LabelMonEspaceSante    = "Formé à « Mon Espace Santé »"
	LabelDuplex            = "Formé à « DUPLEX » (illettrisme)"
	LabelArniaMedNumBFC    = "Arnia/MedNum BFC (Bourgogne-Franche-Comté)"
	LabelReemploiNormandie = "Collectif ressources et acteurs réemploi (Normandie)"
	// LabelEtapesNumeriques has no space before "(": that is the pattern's
	// string, so it is the value; the label adds the space.
	LabelEtapesNumeriques      = "Étapes numériques(La Poste)"
	LabelFabriquesDeTerritoire = "Fabriques de Territoire"
	LabelEclaireursDrome       = "Les Éclaireurs du numérique (Drôme)"
	LabelMesPapiersLyon        = "Mes Papiers (Métropole de Lyon)"
	LabelOrdi3                 = "ORDI 3.0"
	LabelSudLabs               = "SUD LABS (PACA)"
)

var trainingLabels = Vocabulary{
	Name:  NameTrainingLabels,
	Title: "Formations et labels",
	Description: "Les formations suivies et les labels obtenus par le lieu. La liste évolue ; " +
		"les autres vont dans « autres formations et labels ».",
	Column: "formations_labels",
	Source: sourceStandard,
	Multi:  true,
	Terms: []Term{
		{Value: LabelMonEspaceSante},
		{Value: LabelDuplex},
		{Value: LabelArniaMedNumBFC},
		{Value: LabelReemploiNormandie},
		{Value: LabelEtapesNumeriques, Label: "Étapes numériques (La Poste)", Description: "Ajouté en v1.0.2."},
		{Value: LabelFabriquesDeTerritoire, Aliases: []string{"Fabrique de Territoire"}},
		{Value: LabelEclaireursDrome},
		{Value: LabelMesPapiersLyon},
		{Value: LabelOrdi3},
		{Value: LabelSudLabs},
	},
}

// Values of access_modes (column modalites_acces).
const (
	AccessWalkIn           = "Se présenter"
	AccessPhone            = "Téléphoner"
	AccessEmail            = "Contacter par mail"
	AccessOnlineBooking    = "Prendre un RDV en ligne"
	AccessNoPublic         = "Ce lieu n'accueille pas de public"
	AccessPrescriptionMail = "Envoyer un mail avec une fiche de prescription"
)

var accessModes = Vocabulary{
	Name:        NameAccessModes,
	Title:       "Modalités d’accès",
	Description: "Ce qu’il faut faire pour être accueilli et bénéficier des services.",
	Column:      "modalites_acces",
	Source:      sourceStandard,
	Multi:       true,
	Terms: []Term{
		{Value: AccessWalkIn, Description: "Sans rendez-vous, aux horaires d’ouverture."},
		{Value: AccessPhone},
		{Value: AccessEmail},
		{Value: AccessOnlineBooking, Aliases: []string{"Prendre un rendez-vous en ligne"}},
		{Value: AccessNoPublic, Description: "Le lieu n’accueille pas de public : il intervient ailleurs ou à distance."},
		{Value: AccessPrescriptionMail, Description: "Orientation par un professionnel (prescripteur), par courriel."},
	},
}

// Values of accompaniment_modes (column modalites_accompagnement).
const (
	AccompanimentAutonomous = "En autonomie"
	AccompanimentIndividual = "Accompagnement individuel"
	AccompanimentWorkshop   = "Dans un atelier collectif"
	AccompanimentRemote     = "À distance"
)

var accompanimentModes = Vocabulary{
	Name:        NameAccompanimentModes,
	Title:       "Modalités d’accompagnement",
	Description: "Les façons dont les personnes sont accompagnées.",
	Column:      "modalites_accompagnement",
	Source:      sourceStandard,
	Multi:       true,
	Terms: []Term{
		{Value: AccompanimentAutonomous, Description: "Accès à du matériel et à une connexion, sans accompagnement."},
		{Value: AccompanimentIndividual, Description: "Une personne accompagne individuellement, avec ou à la place de la personne."},
		{Value: AccompanimentWorkshop, Description: "J’apprends collectivement à utiliser le numérique."},
		{Value: AccompanimentRemote, Description: "Par téléphone ou en visioconférence."},
	},
}

// Values of mobility (column itinerance).
const (
	MobilityItinerant = "Itinérant"
	MobilityFixed     = "Fixe"
)

var mobility = Vocabulary{
	Name:        NameMobility,
	Title:       "Itinérance",
	Description: "Lieu fixe, ou itinérant comme un bus numérique ou un camion connecté.",
	Column:      "itinerance",
	Source:      sourceStandard,
	Multi:       true,
	Terms: []Term{
		{Value: MobilityItinerant},
		{Value: MobilityFixed},
	},
}
