package vocab

// Translation of Carnet's values to data·inclusion v1.0.8, for the open-data
// export: one place of the standard becomes one data·inclusion structure plus
// one service. The tables follow the crosswalk data·inclusion uses for the
// standard (GUIDE.md, section 2); crosswalk_test.go checks that every target
// is a value of the v1.0.8 JSON schemas.
//
// Each function accepts any spelling Normalize accepts and returns nothing
// for a value it does not know or that has no equivalent.

// themeThematiques is data·inclusion's own crosswalk from the standard's
// services to its thématiques.
var themeThematiques = map[string][]string{
	ThemeInternetAndEquipment:     {"numerique--acceder-a-une-connexion-internet", "numerique--acquerir-un-equipement"},
	ThemeSolidarityEquipment:      {"numerique--acquerir-un-equipement"},
	ThemeAdministrativeProcedures: {"difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives", "numerique--acceder-a-des-services-en-ligne"},
	ThemeUnderstandingDigital:     {"numerique--maitriser-les-fondamentaux-du-numerique"},
	ThemeProfessionalInsertion:    {"preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi", "numerique--maitriser-les-fondamentaux-du-numerique"},
	ThemeLeisureAndCreation:       {"remobilisation--activites-sportives-et-culturelles", "numerique--maitriser-les-fondamentaux-du-numerique"},
	ThemeEverydayDigitalTools:     {"numerique--maitriser-les-fondamentaux-du-numerique", "numerique--acceder-a-des-services-en-ligne"},
	ThemeParenting:                {"famille--soutien-a-la-parentalite-et-a-leducation", "numerique--maitriser-les-fondamentaux-du-numerique"},
	ThemeSafeDigitalUse:           {"numerique--maitriser-les-fondamentaux-du-numerique"},
}

// ThemeToDataInclusion returns the data·inclusion thématiques of a theme.
func ThemeToDataInclusion(theme string) []string {
	c, ok := MustGet(NameThemes).Normalize(theme)
	if !ok {
		return nil
	}
	return append([]string(nil), themeThematiques[c]...)
}

// accessModeMobilisation maps access modes to modes_mobilisation. « Ce lieu
// n'accueille pas de public » has no mode: nobody can mobilise the place.
var accessModeMobilisation = map[string]string{
	AccessWalkIn:           "se-presenter",
	AccessPhone:            "telephoner",
	AccessEmail:            "envoyer-un-courriel",
	AccessOnlineBooking:    "utiliser-lien-mobilisation",
	AccessPrescriptionMail: "envoyer-un-courriel",
}

// AccessModeToDataInclusion returns the modes_mobilisation value of an
// access mode, or "" when there is none.
func AccessModeToDataInclusion(mode string) string {
	c, _ := MustGet(NameAccessModes).Normalize(mode)
	return accessModeMobilisation[c]
}

// accessModeMobilisablePar says who can use each access mode: a
// prescription form is sent by a professional, the other modes are open to
// the person.
var accessModeMobilisablePar = map[string]string{
	AccessWalkIn:           "usagers",
	AccessPhone:            "usagers",
	AccessEmail:            "usagers",
	AccessOnlineBooking:    "usagers",
	AccessPrescriptionMail: "professionnels",
}

// accompanimentType maps accompaniment modes to the service type; À
// distance is not a type but a mode d'accueil.
var accompanimentType = map[string]string{
	AccompanimentIndividual: "accompagnement",
	AccompanimentWorkshop:   "atelier",
	AccompanimentAutonomous: "aide-materielle",
}

// AccompanimentModeToDataInclusion returns the data·inclusion service type
// and mode d'accueil of an accompaniment mode: À distance is ("",
// "a-distance"), the others are received on site ("en-presentiel"). Both are
// "" for an unknown mode.
func AccompanimentModeToDataInclusion(mode string) (serviceType, modeAccueil string) {
	c, ok := MustGet(NameAccompanimentModes).Normalize(mode)
	switch {
	case !ok:
		return "", ""
	case c == AccompanimentRemote:
		return "", "a-distance"
	}
	return accompanimentType[c], "en-presentiel"
}

// publicTargets maps publics and specific support to data·inclusion
// publics. Illettrisme has no public in data·inclusion (the nearest notion
// is the thématique lecture-ecriture-calcul--maitriser-le-francais, a need,
// not a public), so it maps to nothing.
var publicTargets = map[string]string{
	PublicStudents:                "etudiants",
	PublicFamilies:                "familles",
	PublicWomen:                   "femmes",
	PublicYouth:                   "jeunes",
	PublicSeniors:                 "seniors",
	SupportDeafness:               "personnes-en-situation-de-handicap",
	SupportMotorDisability:        "personnes-en-situation-de-handicap",
	SupportMentalDisability:       "personnes-en-situation-de-handicap",
	SupportVisualImpairment:       "personnes-en-situation-de-handicap",
	SupportForeignLanguageEnglish: "personnes-exilees",
	SupportForeignLanguageOther:   "personnes-exilees",
}

// PublicToDataInclusion returns the data·inclusion public of a value of
// publics or of specific_support, or "" when there is none.
func PublicToDataInclusion(value string) string {
	if c, ok := MustGet(NamePublics).Normalize(value); ok {
		return publicTargets[c]
	}
	if c, ok := MustGet(NameSpecificSupport).Normalize(value); ok {
		return publicTargets[c]
	}
	return ""
}

// feeFrais maps fees to frais: data·inclusion v1 has no « free under
// condition », the condition goes in frais_precisions.
var feeFrais = map[string]string{
	FeeFree:               "gratuit",
	FeeFreeUnderCondition: "gratuit",
	FeePaid:               "payant",
}

// FeeToDataInclusion returns the frais value of a fee, or "".
func FeeToDataInclusion(fee string) string {
	c, _ := MustGet(NameFees).Normalize(fee)
	return feeFrais[c]
}

// kindType maps Carnet's service kinds to the data·inclusion service type.
var kindType = map[string]string{
	KindEquipmentAccess:     "aide-materielle",
	KindProceduresDoneFor:   "accompagnement",
	KindProceduresDoneWith:  "accompagnement",
	KindCollectiveWorkshop:  "atelier",
	KindTrainingCourse:      "formation",
	KindOneOffHelp:          "accompagnement",
	KindSolidarityEquipment: "aide-materielle",
}

// ServiceKindToDataInclusion returns the data·inclusion type of a service
// kind, or "".
func ServiceKindToDataInclusion(kind string) string {
	c, _ := MustGet(NameServiceKinds).Normalize(kind)
	return kindType[c]
}

// programmeReseaux maps national programmes and training labels to the
// reseaux_porteurs of data·inclusion structures. Programmes without a
// network there (Bibliothèques numérique de référence, Certification PIX,
// Promeneurs du net) and the regional labels map to nothing.
var programmeReseaux = map[string]string{
	ProgrammeAidantsConnect:        "aidants-connect",
	ProgrammeConseillersNumeriques: "conseillers-numeriques",
	ProgrammeEmmausConnect:         "emmaus",
	ProgrammeFranceServices:        "france-service",
	ProgrammeGrandeEcoleNumerique:  "grandes-ecoles-du-numerique",
	ProgrammeCroixRouge:            "croix-rouge",
	ProgrammePointNumeriqueCAF:     "caf",
	ProgrammeRelaisEmmausConnect:   "emmaus",
	LabelFabriquesDeTerritoire:     "fabrique-de-territoire",
}

// ProgrammeToDataInclusion returns the reseaux_porteurs value of a national
// programme or training label, or "".
func ProgrammeToDataInclusion(value string) string {
	if c, ok := MustGet(NameNationalProgrammes).Normalize(value); ok {
		return programmeReseaux[c]
	}
	if c, ok := MustGet(NameTrainingLabels).Normalize(value); ok {
		return programmeReseaux[c]
	}
	return ""
}

// DataInclusionInput is what ToDataInclusion reads: the vocabulary values
// of one place (or one Carnet service).
type DataInclusionInput struct {
	Kind               string // a service kind; "" for a place of the standard
	Themes             []string
	Publics            []string
	SpecificSupport    []string
	Fees               []string
	AccessModes        []string
	AccompanimentModes []string
	NationalProgrammes []string
	TrainingLabels     []string
}

// DataInclusion holds the data·inclusion v1.0.8 values derived from a
// DataInclusionInput. ReseauxPorteurs belongs to the structure, the other
// fields to the service. Lists are de-duplicated and nil when empty, as the
// schema's uniqueItems and minItems require.
type DataInclusion struct {
	Thematiques       []string `json:"thematiques,omitempty"`
	Type              string   `json:"type,omitempty"`
	ModesAccueil      []string `json:"modes_accueil,omitempty"`
	ModesMobilisation []string `json:"modes_mobilisation,omitempty"`
	MobilisablePar    []string `json:"mobilisable_par,omitempty"`
	Publics           []string `json:"publics,omitempty"`
	Frais             string   `json:"frais,omitempty"`
	ReseauxPorteurs   []string `json:"reseaux_porteurs,omitempty"`
}

// typePriority orders service types for a place with several accompaniment
// modes, since a data·inclusion service has one type: the most involved help
// wins because it is what a referral looks for.
var typePriority = []string{"accompagnement", "atelier", "aide-materielle"}

// ToDataInclusion translates the vocabulary values of one place or service.
//
// Where data·inclusion is single-valued, it decides so:
//   - type comes from the service kind, else from the accompaniment modes by
//     typePriority;
//   - frais is "payant" as soon as one fee is Payant (data·inclusion wants
//     any fee stated, with details in frais_precisions), else "gratuit".
//
// Publics: a place of the standard is open to everyone unless
// publics_specifiquement_adresses says otherwise, and data·inclusion reads
// publics as eligibility. So without specifically addressed publics the
// result is ["tous-publics"] (which data·inclusion forbids to combine), and
// specific support, a capacity rather than a restriction, only adds to a
// list that is already restricted. Say the support in publics_precisions.
func ToDataInclusion(in DataInclusionInput) DataInclusion {
	var out DataInclusion
	for _, t := range in.Themes {
		out.Thematiques = appendUnique(out.Thematiques, ThemeToDataInclusion(t)...)
	}
	for _, m := range in.AccessModes {
		c, _ := MustGet(NameAccessModes).Normalize(m)
		out.ModesMobilisation = appendUnique(out.ModesMobilisation, accessModeMobilisation[c])
		out.MobilisablePar = appendUnique(out.MobilisablePar, accessModeMobilisablePar[c])
	}
	var types []string
	for _, m := range in.AccompanimentModes {
		typ, accueil := AccompanimentModeToDataInclusion(m)
		types = appendUnique(types, typ)
		out.ModesAccueil = appendUnique(out.ModesAccueil, accueil)
	}
	out.Type = ServiceKindToDataInclusion(in.Kind)
	for _, p := range typePriority {
		if out.Type == "" && containsString(types, p) {
			out.Type = p
		}
	}
	for _, p := range in.Publics {
		out.Publics = appendUnique(out.Publics, PublicToDataInclusion(p))
	}
	if len(out.Publics) == 0 {
		out.Publics = []string{"tous-publics"}
	} else {
		for _, s := range in.SpecificSupport {
			out.Publics = appendUnique(out.Publics, PublicToDataInclusion(s))
		}
	}
	for _, f := range in.Fees {
		switch FeeToDataInclusion(f) {
		case "payant":
			out.Frais = "payant"
		case "gratuit":
			if out.Frais == "" {
				out.Frais = "gratuit"
			}
		}
	}
	for _, p := range in.NationalProgrammes {
		out.ReseauxPorteurs = appendUnique(out.ReseauxPorteurs, ProgrammeToDataInclusion(p))
	}
	for _, l := range in.TrainingLabels {
		out.ReseauxPorteurs = appendUnique(out.ReseauxPorteurs, ProgrammeToDataInclusion(l))
	}
	return out
}

// appendUnique appends the non-empty values not already in list.
func appendUnique(list []string, values ...string) []string {
	for _, v := range values {
		if v != "" && !containsString(list, v) {
			list = append(list, v)
		}
	}
	return list
}
