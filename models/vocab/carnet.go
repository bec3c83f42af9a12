package vocab

// Carnet's own lists. The standard describes a place with themes; Carnet
// also describes each service by its kind, because the three profiles of
// people in digital difficulty (excluded, beginners, hesitant) need
// different kinds of help, and a referral is made to a kind of help, not to a
// theme. Values are English snake_case codes, stable in the API; labels are
// French.

// Provenance of Carnet's lists, shown in Vocabulary.Source.
const sourceCarnet = "Carnet"

// Values of service_kinds.
const (
	KindEquipmentAccess     = "equipment_access"
	KindProceduresDoneFor   = "procedures_done_for"
	KindProceduresDoneWith  = "procedures_done_with"
	KindCollectiveWorkshop  = "collective_workshop"
	KindTrainingCourse      = "training_course"
	KindOneOffHelp          = "one_off_help"
	KindSolidarityEquipment = "solidarity_equipment"
)

var serviceKinds = Vocabulary{
	Name:        NameServiceKinds,
	Title:       "Type de service",
	Description: "La forme de l’aide proposée ; un service a un seul type.",
	Source:      sourceCarnet,
	Terms: []Term{
		{Value: KindEquipmentAccess, Label: "Accès libre au matériel et à une connexion",
			Description: "Ordinateurs, imprimantes, scanners, Wi-Fi en accès libre."},
		{Value: KindProceduresDoneFor, Label: "Aide aux démarches en ligne — faire à la place",
			Description: "Un aidant habilité fait la démarche pour la personne (par exemple avec Aidants Connect), puis l’oriente."},
		{Value: KindProceduresDoneWith, Label: "Aide aux démarches en ligne — faire avec",
			Description: "La démarche est faite avec la personne, pour qu’elle gagne en autonomie."},
		{Value: KindCollectiveWorkshop, Label: "Atelier collectif",
			Description: "Un petit groupe (6 à 8 personnes) sur un thème : souris et clavier, vie quotidienne, démarches, données personnelles…"},
		{Value: KindTrainingCourse, Label: "Formation",
			Description: "Un parcours de plusieurs séances, gratuit ou payant, parfois finançable par le Pass numérique."},
		{Value: KindOneOffHelp, Label: "Coup de pouce ponctuel",
			Description: "Une aide courte, sur demande, pour lever un blocage."},
		{Value: KindSolidarityEquipment, Label: "Matériel à prix solidaire ou prêté",
			Description: "Ordinateurs reconditionnés vendus à petit prix ou prêtés."},
	},
}

// Values of actor_status.
const (
	ActorActive            = "active"
	ActorTemporarilyClosed = "temporarily_closed"
	ActorClosed            = "closed"
)

var actorStatus = Vocabulary{
	Name:        NameActorStatus,
	Title:       "État de l’acteur",
	Description: "Un acteur fermé reste dans l’annuaire pour que les liens et les orientations passées restent lisibles.",
	Source:      sourceCarnet,
	Terms: []Term{
		{Value: ActorActive, Label: "Ouvert"},
		{Value: ActorTemporarilyClosed, Label: "Fermé temporairement"},
		{Value: ActorClosed, Label: "Fermé définitivement"},
	},
}

// Values of service_status.
const (
	ServiceDraft     = "draft"
	ServicePublished = "published"
	ServiceArchived  = "archived"
)

var serviceStatus = Vocabulary{
	Name:        NameServiceStatus,
	Title:       "État du service",
	Description: "Seuls les services publiés sont visibles sans authentification.",
	Source:      sourceCarnet,
	Terms: []Term{
		{Value: ServiceDraft, Label: "Brouillon"},
		{Value: ServicePublished, Label: "Publié"},
		{Value: ServiceArchived, Label: "Archivé"},
	},
}
