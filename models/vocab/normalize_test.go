package vocab

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		vocab, in, want string // want "" means rejected
	}{
		// The quirks GUIDE.md lists for real data.
		{NameAccessModes, "Ce lieu n’accueille pas de public", AccessNoPublic},
		{NameAccessModes, "Ce lieu n'accueille pas de public", AccessNoPublic},
		{NameAccessModes, "ce-lieu-n-accueille-pas-de-public", AccessNoPublic},
		{NameTrainingLabels, "Étapes numériques(La Poste)", LabelEtapesNumeriques},
		{NameTrainingLabels, "Étapes numériques (La Poste)", LabelEtapesNumeriques},
		{NameTrainingLabels, "ETAPES NUMERIQUES ( LA POSTE )", LabelEtapesNumeriques},
		{NameTrainingLabels, "etapes-numeriques-la-poste", LabelEtapesNumeriques},
		{NameTrainingLabels, "Formé à «\u00a0Mon Espace Santé\u00a0»", LabelMonEspaceSante},
		{NameTrainingLabels, "Formé à \"Mon Espace Santé\"", LabelMonEspaceSante},
		{NameTrainingLabels, "ordi 3.0", LabelOrdi3},
		{NameTrainingLabels, "ORDI 3 0", LabelOrdi3},
		// Case, accents, spaces.
		{NameThemes, "Aide aux démarches administratives", ThemeAdministrativeProcedures},
		{NameThemes, "  aide aux demarches administratives\t", ThemeAdministrativeProcedures},
		{NameThemes, "Aide  aux   DÉMARCHES administratives", ThemeAdministrativeProcedures},
		{NameThemes, "Aide aux de\u0301marches administratives", ThemeAdministrativeProcedures}, // NFD
		{NameThemes, "aide-aux-demarches-administratives", ThemeAdministrativeProcedures},
		{NameThemes, "Acces internet et materiel informatique", ThemeInternetAndEquipment},
		{NamePublics, "familles-et-ou-enfants", PublicFamilies},
		{NamePublics, "Familles et / ou enfants", PublicFamilies},
		{NamePublics, "etudiants", PublicStudents},
		{NamePublics, "Séniors", PublicSeniors},
		{NameSpecificSupport, "langues etrangeres (anglais)", SupportForeignLanguageEnglish},
		{NameSpecificSupport, "langues-etrangeres-autres", SupportForeignLanguageOther},
		{NameNationalProgrammes, "Point d’accès numérique CAF", ProgrammePointNumeriqueCAF},
		{NameNationalProgrammes, "Emmaus Connect", ProgrammeEmmausConnect},
		{NameAccompanimentModes, "a distance", AccompanimentRemote},
		{NameMobility, "itinerant", MobilityItinerant},
		// Codes, labels and aliases of the lists whose values are codes.
		{NameTypologies, "CCAS", "CCAS"},
		{NameTypologies, "ccas", "CCAS"},
		{NameTypologies, "pij-bij", "PIJ_BIJ"},
		{NameTypologies, "Centres communaux d'action sociale (CCAS)", "CCAS"},
		{NameTypologies, "autre", "Autre"},
		{NameTypologies, "PE", "FT"},
		{NameTypologies, "relais-lecture", "RELAIS_LECTURE"},
		{NameServiceKinds, "equipment-access", KindEquipmentAccess},
		{NameServiceKinds, "Atelier collectif", KindCollectiveWorkshop},
		{NameServiceKinds, "Aide aux démarches en ligne - faire avec", KindProceduresDoneWith},
		{NameLanguages, "EN", LanguageEnglish},
		{NameLanguages, "anglais", LanguageEnglish},
		{NameLanguages, "LSF", LanguageFrenchSign},
		{NameActorStatus, "temporarily-closed", ActorTemporarilyClosed},
		{NameActorStatus, "Fermé temporairement", ActorTemporarilyClosed},
		{NameServiceStatus, "PUBLISHED", ServicePublished},
		// Rejected.
		{NameThemes, "", ""},
		{NameThemes, "  ", ""},
		{NameThemes, "---", ""},
		{NameThemes, "Aide aux démarches", ""},
		{NameThemes, "Aide aux démarches administratives|Loisirs et créations numériques", ""},
		{NameThemes, "Devenir autonome dans les démarches administratives", ""}, // v0.1.1: see Legacy
		{NamePublics, "Jeunesж", ""},
		{NamePublics, "Jeune", ""},
		{NameSpecificSupport, "Langues étrangères", ""}, // which one?
		{NameTrainingLabels, "Étapes numériques (La Poste) bis", ""},
		{NameFees, "Gratuits", ""},
		{NameTypologies, "XYZ", ""},
		{NameLanguages, "klingon", ""},
		{NameFees, strings.Repeat("Gratuit ", 200), ""},
	}
	for _, tt := range tests {
		got, ok := MustGet(tt.vocab).Normalize(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("%s.Normalize(%q) = %q, %v; want %q", tt.vocab, tt.in, got, ok, tt.want)
		}
	}
}

// TestNormalizeEveryForm checks, for every term of every vocabulary, that
// its value, label, slug and aliases normalise to its value.
func TestNormalizeEveryForm(t *testing.T) {
	for _, v := range All() {
		for _, term := range v.Terms {
			forms := append([]string{term.Value, term.Label, term.Slug, strings.ToUpper(term.Value), " " + term.Value + " "}, term.Aliases...)
			for _, f := range forms {
				if got, ok := v.Normalize(f); !ok || got != term.Value {
					t.Errorf("%s.Normalize(%q) = %q, %v; want %q", v.Name, f, got, ok, term.Value)
				}
			}
		}
	}
}

func TestNormalizeList(t *testing.T) {
	v := MustGet(NameFees)
	out, invalid := v.NormalizeList([]string{"Payant", "gratuit", "Gratuit", "", "  ", "bogus", "bogus", "payant"})
	if want := []string{FeeFree, FeePaid}; !slices.Equal(out, want) {
		t.Errorf("out = %q, want %q (canonical, once, in vocabulary order)", out, want)
	}
	if want := []string{"bogus"}; !slices.Equal(invalid, want) {
		t.Errorf("invalid = %q, want %q", invalid, want)
	}
	out, invalid = v.NormalizeList(nil)
	if out != nil || invalid != nil {
		t.Errorf("NormalizeList(nil) = %q, %q; want nil, nil", out, invalid)
	}
	// A vocabulary longer than 64 terms uses more than one bitset word.
	typ := MustGet(NameTypologies)
	out, _ = typ.NormalizeList([]string{"UDAF", "aci", "TIERS_LIEUX", "ACI", "mdh"})
	if want := []string{"ACI", "MDH", "TIERS_LIEUX", "UDAF"}; !slices.Equal(out, want) {
		t.Errorf("typologies out = %q, want %q", out, want)
	}
	out, invalid = MustGet(NameThemes).NormalizeCell("Loisirs et créations numériques|aide-aux-demarches-administratives||nope")
	if want := []string{ThemeAdministrativeProcedures, ThemeLeisureAndCreation}; !slices.Equal(out, want) || !slices.Equal(invalid, []string{"nope"}) {
		t.Errorf("NormalizeCell = %q, %q", out, invalid)
	}
}

func TestSplitCell(t *testing.T) {
	tests := map[string][]string{
		"":                            nil,
		"a|b":                         {"a", "b"},
		"a;b":                         {"a", "b"},
		" a | | b ;":                  {"a", "b"},
		"Étapes numériques(La Poste)": {"Étapes numériques(La Poste)"},
	}
	for in, want := range tests {
		if got := SplitCell(in); !slices.Equal(got, want) {
			t.Errorf("SplitCell(%q) = %q, want %q", in, got, want)
		}
	}
	// SplitCell is only safe if no value contains a separator.
	for _, v := range All() {
		for _, term := range v.Terms {
			if strings.ContainsAny(term.Value, "|;") {
				t.Errorf("%s: value %q contains a cell separator", v.Name, term.Value)
			}
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Aide aux démarches administratives":         "aide-aux-demarches-administratives",
		"Ce lieu n’accueille pas de public":          "ce-lieu-n-accueille-pas-de-public",
		"Formé à « DUPLEX » (illettrisme)":           "forme-a-duplex-illettrisme",
		"Arnia/MedNum BFC (Bourgogne-Franche-Comté)": "arnia-mednum-bfc-bourgogne-franche-comte",
		"Œuvre":           "oeuvre",
		"PIJ_BIJ":         "pij-bij",
		"  --x--  ":       "x",
		"Jeunesж":         "jeunesж",
		"\xff\xfeinvalid": "invalid",
	}
	for in, want := range tests {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNormalizeDoesNotAllocate holds Normalize to its promise: it runs on
// every imported cell.
func TestNormalizeDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	v := MustGet(NameTrainingLabels)
	for _, in := range []string{LabelEtapesNumeriques, "Étapes numériques (La Poste)", "etapes-numeriques-la-poste", "nothing like it"} {
		if n := testing.AllocsPerRun(100, func() { v.Normalize(in) }); n != 0 {
			t.Errorf("Normalize(%q) allocates %v times", in, n)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	v := MustGet(NameTypologies)
	for b.Loop() {
		v.Normalize("Centres communaux d’action sociale (CCAS)")
	}
}

// FuzzNormalize checks, for any input and every vocabulary, that Normalize
// never panics, that what it accepts is canonical, and that canonical values
// and their slugs are fixed points.
func FuzzNormalize(f *testing.F) {
	for _, v := range All() {
		for _, term := range v.Terms {
			f.Add(term.Value)
			f.Add(term.Label)
			f.Add(term.Slug)
		}
	}
	f.Add("Ce lieu n’accueille pas de public")
	f.Add("Étapes numériques (La Poste)")
	f.Add("E\u0301tapes nume\u0301riques")
	f.Add("\xff")
	f.Fuzz(func(t *testing.T, in string) {
		for _, v := range All() {
			c, ok := v.Normalize(in)
			if !ok {
				if c != "" {
					t.Fatalf("%s.Normalize(%q) rejected but returned %q", v.Name, in, c)
				}
				continue
			}
			if !v.Contains(c) {
				t.Fatalf("%s.Normalize(%q) = %q, not a canonical value", v.Name, in, c)
			}
			if again, ok := v.Normalize(c); !ok || again != c {
				t.Fatalf("%s.Normalize(%q) = %q, %v; canonical values must be fixed points", v.Name, c, again, ok)
			}
			if again, ok := v.Normalize(Slugify(c)); !ok || again != c {
				t.Fatalf("%s: slug of %q does not normalise back", v.Name, c)
			}
			out, _ := v.NormalizeList([]string{in, c})
			if !slices.Equal(out, []string{c}) {
				t.Fatalf("%s.NormalizeList(%q, %q) = %q", v.Name, in, c, out)
			}
		}
	})
}

func TestSplitKnown(t *testing.T) {
	themes := MustGet(NameThemes)
	legacy := func(p string) bool { return IsLegacyValue(LegacyColumnConditionsAcces, p) }
	services := func(p string) bool { return IsLegacyValue(LegacyColumnServices, p) }
	publics := func(p string) bool { return IsLegacyValue(LegacyColumnPublicsAccueillis, p) }
	cases := []struct {
		name, cell string
		known      func(string) bool
		want       []string
		sep        string
	}{
		{"OK pipes", "Aide aux démarches administratives|Compréhension du monde numérique", themes.Known,
			[]string{"Aide aux démarches administratives", "Compréhension du monde numérique"}, ""},
		{"OK commas between known values", "Aide aux démarches administratives, Compréhension du monde numérique", themes.Known,
			[]string{"Aide aux démarches administratives", "Compréhension du monde numérique"}, "commas"},
		{"OK commas and semicolons mixed", "Loisirs et créations numériques; Aide aux démarches administratives,Compréhension du monde numérique", themes.Known,
			[]string{"Loisirs et créations numériques", "Aide aux démarches administratives", "Compréhension du monde numérique"}, "commas"},
		{"NotSplit nothing known", "cours de cuisine, jardinage", themes.Known,
			[]string{"cours de cuisine, jardinage"}, ""},
		// A typo in one of the values (Le Havre: « … avec un
		// accompagnemen ») rejected a place naming five good ones: the
		// known ones are read, the rest kept as written for a warning.
		{"OK partly known", "Aide aux démarches administratives, cours de cuisine", themes.Known,
			[]string{"Aide aux démarches administratives", "cours de cuisine"}, "commas"},
		{"OK partly known, unknown pieces kept together", "Accéder à du matériel / Réaliser des démarches administratives avec un accompagnemen / cours / Prendre en main un ordinateur", services,
			[]string{"Accéder à du matériel", "Réaliser des démarches administratives avec un accompagnemen / cours", "Prendre en main un ordinateur"}, "slashes"},
		{"NotSplit a value holding a comma", "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)", legacy,
			[]string{"Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)"}, ""},
		// Le Havre's file joins its values with « / », a Nouvelle-Calédonie
		// form with line breaks, a Martinique hub with nothing but spaces
		// (a spreadsheet dropped the separators): each is split only when
		// every piece is a known value.
		{"OK slashes", "Devenir autonome dans les démarches administratives / Réaliser des démarches administratives avec un accompagnement/ Accéder à du matériel", services,
			[]string{"Devenir autonome dans les démarches administratives", "Réaliser des démarches administratives avec un accompagnement", "Accéder à du matériel"}, "slashes"},
		{"OK a value holding a slash stays whole", "Seniors (+65 ans) / Familles/enfants / Jeunes (16/26 ans)", publics,
			[]string{"Seniors (+65 ans)", "Familles/enfants", "Jeunes (16/26 ans)"}, "slashes"},
		{"OK line breaks", "Aide aux démarches administratives\r\nCompréhension du monde numérique\n", themes.Known,
			[]string{"Aide aux démarches administratives", "Compréhension du monde numérique"}, "line breaks"},
		{"OK commas and line breaks", "Accéder à du matériel,\nPrendre en main un ordinateur", services,
			[]string{"Accéder à du matériel", "Prendre en main un ordinateur"}, "commas and line breaks"},
		{"OK only spaces", "Prendre en main un ordinateur Devenir autonome dans les démarches administratives Accéder à du matériel", services,
			[]string{"Prendre en main un ordinateur", "Devenir autonome dans les démarches administratives", "Accéder à du matériel"}, "spaces only"},
		// Known values run together with other text are found in it
		// (issue 11: a Martinique hub lost 20 places naming six services
		// each); the words left over are kept, for a warning.
		{"OK spaces with words left over", "Prendre en main un ordinateur le mardi", services,
			[]string{"Prendre en main un ordinateur", "le mardi"}, SepFound},
		{"OK slashes with pieces unknown", "Accès wifi / Accéder à du matériel / ordinateurs", services,
			[]string{"Accès wifi", "Accéder à du matériel", "ordinateurs"}, "slashes"},
		{"OK spaces with a piece unknown", "Accéder à du matériel Accès wifi", services,
			[]string{"Accéder à du matériel", "Accès wifi"}, SepFound},
		{"OK labels run together, one cut short", "Prendre en main un ordinateur Devenir autonome dans les démarches administratives Accéder à du matérie Découvrir les usages de base du numérique: [Internet: Fonctionnement navigation, recherche web] Réaliser des démarches administratives avec un accompagnement\nDécouvrir les usages de base du numérique: [Mail: créer, envoyer, recevoir] Accéder à une connexion internet", services,
			[]string{"Prendre en main un ordinateur", "Devenir autonome dans les démarches administratives", "Accéder à du matérie Découvrir les usages de base du numérique: [Internet: Fonctionnement navigation, recherche web]", "Réaliser des démarches administratives avec un accompagnement", "Découvrir les usages de base du numérique: [Mail: créer, envoyer, recevoir]", "Accéder à une connexion internet"}, SepFound},
		{"OK longest label first", "Accéder à du matériel Réaliser des démarches administratives avec un accompagnement le mardi", services,
			[]string{"Accéder à du matériel", "Réaliser des démarches administratives avec un accompagnement", "le mardi"}, SepFound},
		// Free text naming a value in passing is not read as that value.
		{"NotSplit a known value in free text", "Gratuit pour les demandeurs d'emploi inscrits", func(p string) bool { return MustGet(NameFees).Known(p) },
			[]string{"Gratuit pour les demandeurs d'emploi inscrits"}, ""},
		{"NotSplit a value within a word", "Accéder à du matériels informatiques", services,
			[]string{"Accéder à du matériels informatiques"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, sep := SplitKnown(tc.cell, tc.known)
			if !slices.Equal(got, tc.want) || sep != tc.sep {
				t.Errorf("got %q %q, want %q %q", got, sep, tc.want, tc.sep)
			}
		})
	}
	// The v0.1.1 services of the Conseillers numériques file.
	values, issues := ConvertLegacy(LegacyColumnServices, "Prendre en main un smartphone ou une tablette, Prendre en main un ordinateur, Utiliser le numérique au quotidien, Approfondir ma culture numérique")
	if len(issues) != 0 || !slices.Equal(values[NameThemes], []string{ThemeUnderstandingDigital, ThemeEverydayDigitalTools}) &&
		!slices.Equal(values[NameThemes], []string{ThemeEverydayDigitalTools, ThemeUnderstandingDigital}) {
		t.Errorf("v0.1.1 services with commas: %v %v", values, issues)
	}
}

// FuzzSplitKnown checks, for any cell, that SplitKnown loses no letter of
// it and splits only around known values: the parts, in order, hold the
// letters and digits of the cell, and when a split was made one of them at
// least is a known value.
func FuzzSplitKnown(f *testing.F) {
	for _, s := range []string{"Accéder à du matériel,\nPrendre en main un ordinateur", "Seniors (+65 ans) / Familles/enfants", "a / b , c\r\n d", "Prendre en main un ordinateur Accéder à du matériel", "Prendre en main un ordinateur Accéder à du matérie [Mail: créer]\nAccéder à une connexion internet", "", " / ", "|;,"} {
		f.Add(s)
	}
	services := func(p string) bool { return IsLegacyValue(LegacyColumnServices, p) }
	letters := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		if !utf8.ValidString(cell) {
			return // files are decoded to UTF-8 before their cells are split
		}
		parts, sep := SplitKnown(cell, services)
		if got, want := letters(strings.Join(parts, "")), letters(cell); got != want {
			t.Fatalf("SplitKnown(%q) = %q: letters %q, want %q", cell, parts, got, want)
		}
		for _, p := range parts {
			if p == "" || p != strings.TrimSpace(p) {
				t.Fatalf("SplitKnown(%q): part %q empty or untrimmed", cell, p)
			}
		}
		if sep != "" && len(SplitCell(cell)) == 1 && !slices.ContainsFunc(parts, services) {
			t.Fatalf("SplitKnown(%q) split by %s into %q: no part is known", cell, sep, parts)
		}
	})
}
