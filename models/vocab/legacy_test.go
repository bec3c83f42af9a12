package vocab

import (
	"fmt"
	"slices"
	"sort"
	"testing"
)

// legacyPatternColumns are the v0.1.1 columns whose lists changed.
var legacyPatternColumns = []string{
	LegacyColumnServices,
	LegacyColumnPublicsAccueillis,
	LegacyColumnConditionsAcces,
	LegacyColumnLabelsNationaux,
	LegacyColumnModalitesAccompagnement,
}

// TestLegacyTablesMatchV011 proves that the legacy tables list exactly the
// values of the v0.1.1 patterns, byte for byte and in order, so that no old
// value is forgotten and none is invented.
func TestLegacyTablesMatchV011(t *testing.T) {
	s := readStandard(t, "v0.1.1")
	for _, col := range legacyPatternColumns {
		want := patternAlternatives(t, s.pattern(t, col))
		var got []string
		for _, m := range LegacyValues(col) {
			got = append(got, m.Old)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", col, got, want)
		}
	}
}

// TestLegacyTargetsAreCanonical checks every mapping: targets are canonical
// values of the named vocabulary, and an empty or lossy-looking mapping
// carries a note.
func TestLegacyTargetsAreCanonical(t *testing.T) {
	allowed := map[string][]string{
		LegacyColumnServices:                {NameThemes},
		LegacyColumnPublicsAccueillis:       {NamePublics, NameSpecificSupport},
		LegacyColumnConditionsAcces:         {NameFees},
		LegacyColumnLabelsNationaux:         {NameNationalProgrammes, NameTrainingLabels},
		LegacyColumnModalitesAccompagnement: {NameAccompanimentModes},
	}
	for _, col := range legacyPatternColumns {
		for _, m := range LegacyValues(col) {
			if len(m.Targets) == 0 && m.Note == "" {
				t.Errorf("%s %q: no target and no reason", col, m.Old)
			}
			for _, tg := range m.Targets {
				if !slices.Contains(allowed[col], tg.Vocabulary) {
					t.Errorf("%s %q: target vocabulary %s is not one v1 split %s into", col, m.Old, tg.Vocabulary, col)
				}
				if !MustGet(tg.Vocabulary).Contains(tg.Value) {
					t.Errorf("%s %q: target %q is not a canonical %s value", col, m.Old, tg.Value, tg.Vocabulary)
				}
			}
		}
	}
}

// TestEveryThemeHasAnAncestor checks the services condensation: each of the
// 15 old services maps to exactly one theme, and the only theme no old
// service leads to is « Utilisation sécurisée du numérique », new in v1.
func TestEveryThemeHasAnAncestor(t *testing.T) {
	reached := map[string]bool{}
	for _, m := range LegacyValues(LegacyColumnServices) {
		if len(m.Targets) != 1 {
			t.Errorf("%q maps to %d themes, want 1", m.Old, len(m.Targets))
		}
		for _, tg := range m.Targets {
			reached[tg.Value] = true
		}
	}
	for _, v := range MustGet(NameThemes).Values() {
		if !reached[v] && v != ThemeSafeDigitalUse {
			t.Errorf("theme %q has no v0.1.1 ancestor", v)
		}
	}
}

func TestLegacyFunctions(t *testing.T) {
	if got := LegacyThemes("Prendre en main un ordinateur"); !slices.Equal(got, []string{ThemeEverydayDigitalTools}) {
		t.Errorf("LegacyThemes = %q", got)
	}
	// ANCT's library writes the typographic apostrophe.
	if got := LegacyThemes("S’équiper en matériel informatique"); !slices.Equal(got, []string{ThemeSolidarityEquipment}) {
		t.Errorf("LegacyThemes(typographic) = %q", got)
	}
	// v1 values pass through, for mixed files.
	if got := LegacyThemes("aide aux démarches administratives"); !slices.Equal(got, []string{ThemeAdministrativeProcedures}) {
		t.Errorf("LegacyThemes(current) = %q", got)
	}
	if got := LegacyThemes("Nothing"); got != nil {
		t.Errorf("LegacyThemes(unknown) = %q", got)
	}
	p, s := LegacyPublics("Personnes en situation d'illettrisme")
	if p != nil || !slices.Equal(s, []string{SupportIlliteracy}) {
		t.Errorf("LegacyPublics = %q, %q", p, s)
	}
	p, s = LegacyPublics("Handicaps psychiques")
	if p != nil || s != nil {
		t.Errorf("LegacyPublics(psychiques) = %q, %q; want nothing", p, s)
	}
	if m, ok := LookupLegacy(LegacyColumnPublicsAccueillis, "Handicaps psychiques"); !ok || m.Note == "" {
		t.Errorf("short form of a known value must be known, with a note: %+v %v", m, ok)
	}
	if got := LegacyAccessConditions("Gratuit"); !slices.Equal(got, []string{FeeFree}) {
		t.Errorf("LegacyAccessConditions(short form) = %q", got)
	}
	if got := LegacyAccessConditions("Accepte le Pass numérique"); !slices.Equal(got, []string{FeeFreeUnderCondition}) {
		t.Errorf("LegacyAccessConditions(pass) = %q", got)
	}
	prog, labels := LegacyNationalLabels("Fabriques de Territoire")
	if prog != nil || !slices.Equal(labels, []string{LabelFabriquesDeTerritoire}) {
		t.Errorf("LegacyNationalLabels = %q, %q", prog, labels)
	}
	prog, _ = LegacyNationalLabels("CNFS")
	if !slices.Equal(prog, []string{ProgrammeConseillersNumeriques}) {
		t.Errorf("LegacyNationalLabels(CNFS) = %q", prog)
	}
	if got := LegacyAccompanimentModes("Seul"); !slices.Equal(got, []string{AccompanimentAutonomous}) {
		t.Errorf("LegacyAccompanimentModes = %q", got)
	}
	if _, ok := LookupLegacy("no_such_column", "Gratuit"); ok {
		t.Error("unknown column accepted")
	}
}

func TestConvertLegacy(t *testing.T) {
	values, issues := ConvertLegacy(LegacyColumnPublicsAccueillis,
		"Adultes;Uniquement femmes;Surdité;Seniors (+ 65 ans);Seniors (+ 65 ans);Martiens")
	want := map[string][]string{
		NamePublics:         {PublicSeniors, PublicWomen},
		NameSpecificSupport: {SupportDeafness},
	}
	if fmt.Sprint(values) != fmt.Sprint(want) {
		t.Errorf("values = %q, want %q", values, want)
	}
	// « Adultes » has no equivalent but loses nothing (every place is open
	// to adults): no issue, only the unknown value.
	if len(issues) != 1 || issues[0].Value != "Martiens" {
		t.Errorf("issues = %+v", issues)
	}
}

// TestConvertDataInclusionThematiques: data·inclusion's exports of
// structures have a thematiques column, read as services, whose digital
// values are the 15 old services under « numerique-- »; a data·inclusion
// export of 757 places was rejected whole for naming no service.
func TestConvertDataInclusionThematiques(t *testing.T) {
	values, issues := ConvertLegacy(LegacyColumnServices,
		"numerique|numerique--prendre-en-main-un-ordinateur|numerique--realiser-des-demarches-administratives-avec-un-accompagnement|numerique--soutenir-la-parentalite-et-l-education-avec-le-numerique|numerique--martiens")
	want := map[string][]string{NameThemes: {ThemeAdministrativeProcedures, ThemeEverydayDigitalTools, ThemeParenting}}
	if fmt.Sprint(values) != fmt.Sprint(want) {
		t.Errorf("values = %q, want %q", values, want)
	}
	if len(issues) != 2 || issues[0].Value != "numerique" || issues[1].Value != "numerique--martiens" {
		t.Errorf("issues = %+v", issues)
	}
	// Every numerique--* thématique of data·inclusion v0.27.0.
	for _, v := range []string{"acceder-a-du-materiel", "acceder-a-une-connexion-internet", "accompagner-les-demarches-de-sante", "approfondir-ma-culture-numerique", "creer-avec-le-numerique", "creer-et-developper-mon-entreprise", "devenir-autonome-dans-les-demarches-administratives", "favoriser-mon-insertion-professionnelle", "prendre-en-main-un-ordinateur", "prendre-en-main-un-smartphone-ou-une-tablette", "promouvoir-la-citoyennete-numerique", "realiser-des-demarches-administratives-avec-un-accompagnement", "s-equiper-en-materiel-informatique", "soutenir-la-parentalite-et-l-education-avec-le-numerique", "utiliser-le-numerique-au-quotidien"} {
		if len(LegacyThemes("numerique--"+v)) != 1 {
			t.Errorf("numerique--%s: themes %q", v, LegacyThemes("numerique--"+v))
		}
	}
	// The prefix reads services only.
	if IsLegacyValue(LegacyColumnPublicsAccueillis, "numerique--seniors-65-ans") {
		t.Error("numerique--… read as a public")
	}
}

// TestLegacyRealDatasets reads the legacy columns of the published datasets:
// every value must be known, and the values without a v1.0.2 equivalent
// must be exactly the ones listed here (with their reason), so that a new
// dataset with an unmapped value fails until someone decides.
func TestLegacyRealDatasets(t *testing.T) {
	columns := []string{LegacyColumnPublicsAccueillis, LegacyColumnLabelsNationaux, LegacyColumnConditionsAcces, LegacyColumnServices, LegacyColumnModalitesAccompagnement}
	unmapped := map[string]int{} // "column: value" → rows
	notes := map[string]string{}
	counts := map[string]int{}
	for file, rows := range readDatasets(t) {
		for _, row := range rows {
			for _, col := range columns {
				for _, val := range SplitCell(cell(row, col)) {
					counts[col]++
					m, ok := LookupLegacy(col, val)
					if !ok {
						t.Errorf("%s: %s value %q is unknown", file, col, val)
						continue
					}
					if len(m.Targets) == 0 {
						unmapped[col+": "+val]++
						notes[col+": "+val] = m.Note
					}
				}
			}
		}
	}
	if counts[LegacyColumnPublicsAccueillis] == 0 || counts[LegacyColumnLabelsNationaux] == 0 {
		t.Fatalf("the datasets no longer hold legacy columns (%v): this test checks nothing", counts)
	}
	var got []string
	for k, n := range unmapped {
		got = append(got, k)
		t.Logf("%s (%d cells) has no v1.0.2 equivalent: %s", k, n, notes[k])
	}
	sort.Strings(got)
	if want := []string{"publics_accueillis: Adultes"}; !slices.Equal(got, want) {
		t.Errorf("values without equivalent = %q, want %q", got, want)
	}
}
