package vocab

import (
	"reflect"
	"slices"
	"testing"
)

// diEnums reads the enums of the data·inclusion v1.0.8 JSON schemas, by
// $defs name (Thematique, ModeMobilisation, TypeService, ModeAccueil,
// Public, Frais, PersonneMobilisatrice, ReseauPorteur), and checks each
// against its extra/*.json vocabulary so that both sources agree.
func diEnums(t *testing.T) map[string][]string {
	t.Helper()
	type schema struct {
		Defs map[string]struct {
			Enum []string `json:"enum"`
		} `json:"$defs"`
	}
	out := map[string][]string{}
	for _, f := range []string{"service", "structure"} {
		var s schema
		readRef(t, "data-inclusion-schema/v1.0.8/"+f+".v1.0.8.json", &s)
		for name, d := range s.Defs {
			out[name] = d.Enum
		}
	}
	extra := map[string]string{
		"Thematique":            "thematiques",
		"ModeMobilisation":      "modes-mobilisation",
		"TypeService":           "types-de-services",
		"ModeAccueil":           "modes-accueil",
		"Public":                "publics",
		"Frais":                 "frais",
		"PersonneMobilisatrice": "personnes-mobilisatrices",
		"ReseauPorteur":         "reseaux-porteurs",
	}
	for def, file := range extra {
		var terms []struct {
			Value string `json:"value"`
		}
		readRef(t, "data-inclusion-schema/v1.0.8/extra/"+file+".v1.0.8.json", &terms)
		var values []string
		for _, x := range terms {
			values = append(values, x.Value)
		}
		slices.Sort(values)
		enum := slices.Sorted(slices.Values(out[def]))
		if len(enum) == 0 || !slices.Equal(values, enum) {
			t.Fatalf("$defs %s and extra/%s disagree or are empty", def, file)
		}
	}
	return out
}

func inEnum(t *testing.T, enums map[string][]string, def, what, value string) {
	t.Helper()
	if !slices.Contains(enums[def], value) {
		t.Errorf("%s → %q is not a data·inclusion v1.0.8 %s", what, value, def)
	}
}

// TestCrosswalkTargetsExist maps every term of every source vocabulary and
// checks each target against the v1.0.8 schemas. It also fails when a term
// that should map loses its mapping.
func TestCrosswalkTargetsExist(t *testing.T) {
	enums := diEnums(t)
	for _, th := range MustGet(NameThemes).Values() {
		got := ThemeToDataInclusion(th)
		if len(got) == 0 {
			t.Errorf("theme %q has no thématique", th)
		}
		for _, x := range got {
			inEnum(t, enums, "Thematique", th, x)
		}
	}
	for _, m := range MustGet(NameAccessModes).Values() {
		got := AccessModeToDataInclusion(m)
		if got == "" {
			if m != AccessNoPublic {
				t.Errorf("access mode %q has no mode de mobilisation", m)
			}
			continue
		}
		inEnum(t, enums, "ModeMobilisation", m, got)
		inEnum(t, enums, "PersonneMobilisatrice", m, accessModeMobilisablePar[m])
	}
	for _, m := range MustGet(NameAccompanimentModes).Values() {
		typ, accueil := AccompanimentModeToDataInclusion(m)
		if typ == "" && m != AccompanimentRemote {
			t.Errorf("accompaniment mode %q has no type", m)
		}
		if typ != "" {
			inEnum(t, enums, "TypeService", m, typ)
		}
		inEnum(t, enums, "ModeAccueil", m, accueil)
	}
	for _, name := range []string{NamePublics, NameSpecificSupport} {
		for _, p := range MustGet(name).Values() {
			got := PublicToDataInclusion(p)
			if got == "" {
				if p != SupportIlliteracy {
					t.Errorf("%s %q has no public", name, p)
				}
				continue
			}
			inEnum(t, enums, "Public", p, got)
		}
	}
	for _, f := range MustGet(NameFees).Values() {
		inEnum(t, enums, "Frais", f, FeeToDataInclusion(f))
	}
	for _, k := range MustGet(NameServiceKinds).Values() {
		inEnum(t, enums, "TypeService", k, ServiceKindToDataInclusion(k))
	}
	for _, name := range []string{NameNationalProgrammes, NameTrainingLabels} {
		for _, p := range MustGet(name).Values() {
			if got := ProgrammeToDataInclusion(p); got != "" {
				inEnum(t, enums, "ReseauPorteur", p, got)
			}
		}
	}
	// The fixed values ToDataInclusion writes itself.
	inEnum(t, enums, "Public", "default", "tous-publics")
	for _, typ := range typePriority {
		inEnum(t, enums, "TypeService", "priority", typ)
	}
}

// TestCrosswalkGuideTable pins the table of GUIDE.md section 2, which is
// data·inclusion's own crosswalk.
func TestCrosswalkGuideTable(t *testing.T) {
	themes := map[string][]string{
		"Accès internet et matériel informatique":               {"numerique--acceder-a-une-connexion-internet", "numerique--acquerir-un-equipement"},
		"Acquisition de matériel informatique à prix solidaire": {"numerique--acquerir-un-equipement"},
		"Aide aux démarches administratives":                    {"difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives", "numerique--acceder-a-des-services-en-ligne"},
		"Compréhension du monde numérique":                      {"numerique--maitriser-les-fondamentaux-du-numerique"},
		"Insertion professionnelle via le numérique":            {"preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi", "numerique--maitriser-les-fondamentaux-du-numerique"},
		"Loisirs et créations numériques":                       {"remobilisation--activites-sportives-et-culturelles", "numerique--maitriser-les-fondamentaux-du-numerique"},
		"Maîtrise des outils numériques du quotidien":           {"numerique--maitriser-les-fondamentaux-du-numerique", "numerique--acceder-a-des-services-en-ligne"},
		"Parentalité et éducation avec le numérique":            {"famille--soutien-a-la-parentalite-et-a-leducation", "numerique--maitriser-les-fondamentaux-du-numerique"},
		"Utilisation sécurisée du numérique":                    {"numerique--maitriser-les-fondamentaux-du-numerique"},
	}
	for th, want := range themes {
		if got := ThemeToDataInclusion(th); !slices.Equal(got, want) {
			t.Errorf("ThemeToDataInclusion(%q) = %q, want %q", th, got, want)
		}
	}
	access := map[string]string{
		"Contacter par mail":                             "envoyer-un-courriel",
		"Envoyer un mail avec une fiche de prescription": "envoyer-un-courriel",
		"Prendre un RDV en ligne":                        "utiliser-lien-mobilisation",
		"Se présenter":                                   "se-presenter",
		"Téléphoner":                                     "telephoner",
		"Ce lieu n'accueille pas de public":              "",
	}
	for m, want := range access {
		if got := AccessModeToDataInclusion(m); got != want {
			t.Errorf("AccessModeToDataInclusion(%q) = %q, want %q", m, got, want)
		}
	}
	accomp := map[string][2]string{
		"Accompagnement individuel": {"accompagnement", "en-presentiel"},
		"Dans un atelier collectif": {"atelier", "en-presentiel"},
		"En autonomie":              {"aide-materielle", "en-presentiel"},
		"À distance":                {"", "a-distance"},
	}
	for m, want := range accomp {
		if typ, acc := AccompanimentModeToDataInclusion(m); typ != want[0] || acc != want[1] {
			t.Errorf("AccompanimentModeToDataInclusion(%q) = %q, %q; want %q", m, typ, acc, want)
		}
	}
	publicsWant := map[string]string{
		"Étudiants": "etudiants", "Familles et/ou enfants": "familles", "Femmes": "femmes", "Jeunes": "jeunes", "Seniors": "seniors",
		"Surdité": "personnes-en-situation-de-handicap", "Handicaps moteurs": "personnes-en-situation-de-handicap",
		"Handicaps mentaux": "personnes-en-situation-de-handicap", "Déficience visuelle": "personnes-en-situation-de-handicap",
		"Langues étrangères (anglais)": "personnes-exilees", "Langues étrangères (autres)": "personnes-exilees",
		"Illettrisme": "",
	}
	for p, want := range publicsWant {
		if got := PublicToDataInclusion(p); got != want {
			t.Errorf("PublicToDataInclusion(%q) = %q, want %q", p, got, want)
		}
	}
	feesWant := map[string]string{"Gratuit": "gratuit", "Gratuit sous condition": "gratuit", "Payant": "payant", "bogus": ""}
	for f, want := range feesWant {
		if got := FeeToDataInclusion(f); got != want {
			t.Errorf("FeeToDataInclusion(%q) = %q, want %q", f, got, want)
		}
	}
}

func TestToDataInclusion(t *testing.T) {
	tests := []struct {
		name string
		in   DataInclusionInput
		want DataInclusion
	}{
		{
			name: "open place",
			in: DataInclusionInput{
				Themes:             []string{ThemeEverydayDigitalTools, ThemeUnderstandingDigital},
				SpecificSupport:    []string{SupportDeafness},
				Fees:               []string{FeeFree, FeeFreeUnderCondition},
				AccessModes:        []string{AccessWalkIn, AccessPrescriptionMail, AccessNoPublic},
				AccompanimentModes: []string{AccompanimentAutonomous, AccompanimentWorkshop, AccompanimentRemote},
				NationalProgrammes: []string{ProgrammeConseillersNumeriques, ProgrammePIX},
				TrainingLabels:     []string{LabelFabriquesDeTerritoire},
			},
			want: DataInclusion{
				Thematiques:       []string{"numerique--maitriser-les-fondamentaux-du-numerique", "numerique--acceder-a-des-services-en-ligne"},
				Type:              "atelier",
				ModesAccueil:      []string{"en-presentiel", "a-distance"},
				ModesMobilisation: []string{"se-presenter", "envoyer-un-courriel"},
				MobilisablePar:    []string{"usagers", "professionnels"},
				Publics:           []string{"tous-publics"},
				Frais:             "gratuit",
				ReseauxPorteurs:   []string{"conseillers-numeriques", "fabrique-de-territoire"},
			},
		},
		{
			name: "targeted service with a kind",
			in: DataInclusionInput{
				Kind:               KindTrainingCourse,
				Publics:            []string{PublicSeniors},
				SpecificSupport:    []string{SupportVisualImpairment, SupportIlliteracy},
				Fees:               []string{FeeFree, FeePaid},
				AccompanimentModes: []string{AccompanimentIndividual},
			},
			want: DataInclusion{
				Type:         "formation",
				ModesAccueil: []string{"en-presentiel"},
				Publics:      []string{"seniors", "personnes-en-situation-de-handicap"},
				Frais:        "payant",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ToDataInclusion(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
