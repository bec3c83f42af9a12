package vocab

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestAllOrderAndGet(t *testing.T) {
	want := []string{
		NameTypologies, NameMobility, NameThemes, NamePublics, NameSpecificSupport, NameFees,
		NameNationalProgrammes, NameTrainingLabels, NameAccessModes, NameAccompanimentModes,
		NameServiceKinds, NameLanguages, NameActorStatus, NameServiceStatus,
	}
	var got []string
	for _, v := range All() {
		got = append(got, v.Name)
		if g, ok := Get(v.Name); !ok || g != v {
			t.Errorf("Get(%q) does not return the vocabulary", v.Name)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("All() order = %q, want %q", got, want)
	}
	if _, ok := Get("nope"); ok {
		t.Error("Get(nope) succeeded")
	}
	a := All()
	a[0] = nil
	if All()[0] == nil {
		t.Error("All returns the package's own slice")
	}
}

func TestMustGetPanicsOnUnknownName(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustGet(nope) did not panic")
		}
	}()
	MustGet("nope")
}

// TestVocabularyShape checks what the API relies on: snake_case names,
// French titles, labels and slugs on every term, single-valued lists where
// a record holds one value, and the counts the brief fixes.
func TestVocabularyShape(t *testing.T) {
	single := map[string]bool{NameServiceKinds: true, NameActorStatus: true, NameServiceStatus: true}
	sizes := map[string]int{
		NameThemes: 9, NameMobility: 2, NameFees: 3, NameServiceKinds: 7, NameActorStatus: 3, NameServiceStatus: 3,
		NameTypologies: 95,
	}
	for _, v := range All() {
		if v.Name != strings.ToLower(v.Name) || strings.ContainsAny(v.Name, " -") {
			t.Errorf("%q is not snake_case", v.Name)
		}
		if v.Title == "" || v.Source == "" {
			t.Errorf("%s: missing title or source", v.Name)
		}
		if v.Multi == single[v.Name] {
			t.Errorf("%s: Multi = %v", v.Name, v.Multi)
		}
		if n, ok := sizes[v.Name]; ok && len(v.Terms) != n {
			t.Errorf("%s has %d terms, want %d", v.Name, len(v.Terms), n)
		}
		if _, fromStandard := standardColumns[v.Name]; fromStandard != (v.Column != "") && v.Name != NameTypologies {
			t.Errorf("%s: Column = %q", v.Name, v.Column)
		}
		for _, term := range v.Terms {
			if term.Label == "" || term.Slug == "" || term.Slug != Slugify(term.Value) {
				t.Errorf("%s %q: label %q, slug %q", v.Name, term.Value, term.Label, term.Slug)
			}
		}
	}
	if n := len(MustGet(NameLanguages).Terms); n < 25 || n > 45 {
		t.Errorf("languages: %d terms, want about 30", n)
	}
}

// TestConstantsAreValues guards the exported constants other packages use
// instead of string literals.
func TestConstantsAreValues(t *testing.T) {
	consts := map[string][]string{
		NameActorStatus:   {ActorActive, ActorTemporarilyClosed, ActorClosed},
		NameServiceStatus: {ServiceDraft, ServicePublished, ServiceArchived},
		NameServiceKinds: {KindEquipmentAccess, KindProceduresDoneFor, KindProceduresDoneWith, KindCollectiveWorkshop,
			KindTrainingCourse, KindOneOffHelp, KindSolidarityEquipment},
		NameLanguages: {LanguageFrench, LanguageFrenchSign, LanguageEnglish},
	}
	for name, values := range consts {
		v := MustGet(name)
		for _, c := range values {
			if !v.Contains(c) {
				t.Errorf("%s: constant %q is not a value", name, c)
			}
		}
		if name != NameLanguages && len(values) != len(v.Terms) {
			t.Errorf("%s: %d constants for %d values", name, len(values), len(v.Terms))
		}
	}
}

// TestJSON pins the shape served by GET /api/v1/vocabularies/{name}.
func TestJSON(t *testing.T) {
	b, err := json.Marshal(MustGet(NameTrainingLabels))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Name   string `json:"name"`
		Column string `json:"standard_column"`
		Multi  bool   `json:"multi_valued"`
		Terms  []map[string]any
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != NameTrainingLabels || got.Column != "formations_labels" || !got.Multi {
		t.Errorf("unexpected header: %s", b)
	}
	etapes := got.Terms[4]
	if etapes["value"] != LabelEtapesNumeriques || etapes["label"] != "Étapes numériques (La Poste)" ||
		etapes["slug"] != "etapes-numeriques-la-poste" || etapes["aliases"] != nil {
		t.Errorf("unexpected term: %v", etapes)
	}
}

func TestLabel(t *testing.T) {
	v := MustGet(NameTypologies)
	if got := v.Label("MDH"); got != "Maison des habitants (MDH)" {
		t.Errorf("Label(MDH) = %q", got)
	}
	if got := v.Label("GONE"); got != "GONE" {
		t.Errorf("Label(GONE) = %q", got)
	}
}
