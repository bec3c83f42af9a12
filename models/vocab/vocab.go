// Package vocab holds every controlled vocabulary of Carnet as Go code: the
// lists of the national standard « lieux de médiation numérique » v1.0.2, the
// structure typologies of data·inclusion (plus ANCT's additions), and
// Carnet's own lists (service kinds, languages, statuses).
//
// The vocabularies are code rather than data files so that a value used by
// the models is a compile-time constant, so that nothing has to be loaded at
// start-up, and so that the tests can prove, against the reference files in
// shared/reference, that every value is the standard's string byte for byte.
//
// A value stored or exported by Carnet is always the canonical string of its
// vocabulary; input is canonicalised with (*Vocabulary).Normalize, which
// forgives case, accents, apostrophes, spacing and accepts slugs. Older files
// of the standard are converted with the Legacy* functions, and values are
// translated to data·inclusion v1.0.8 with the functions of crosswalk.go.
package vocab

import "fmt"

// Names of the vocabularies, as served by the API and used by the models.
// They are the API's field names, which is why they are English snake_case.
const (
	NameTypologies         = "typologies"
	NameMobility           = "mobility"
	NameThemes             = "themes"
	NamePublics            = "publics"
	NameSpecificSupport    = "specific_support"
	NameFees               = "fees"
	NameNationalProgrammes = "national_programmes"
	NameTrainingLabels     = "training_labels"
	NameAccessModes        = "access_modes"
	NameAccompanimentModes = "accompaniment_modes"
	NameServiceKinds       = "service_kinds"
	NameLanguages          = "languages"
	NameActorStatus        = "actor_status"
	NameServiceStatus      = "service_status"
)

// Vocabulary is one controlled list. Vocabularies are built once at package
// initialisation and shared: callers must not modify them or their Terms.
type Vocabulary struct {
	// Name is the API name, e.g. "themes".
	Name string `json:"name"`
	// Title and Description are French, for people choosing a value.
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Column is the column of the national standard v1.0.2 the values come
	// from ("services" for themes), or "" for Carnet's own lists.
	Column string `json:"standard_column,omitempty"`
	// Source says where the values come from, for people auditing them.
	Source string `json:"source"`
	// Multi is true when a record may hold several values (joined with "|"
	// in the standard's CSV).
	Multi bool `json:"multi_valued"`
	// Terms are in the order in which lists are returned and displayed: the
	// standard's order for its vocabularies.
	Terms []Term `json:"terms"`

	exact map[string]int // canonical value → index in Terms
	keys  map[string]int // folded key (see foldKey) → index in Terms
}

// Term is one value of a vocabulary.
type Term struct {
	// Value is the canonical string stored and exported; for the standard's
	// lists it is the exact string of the v1.0.2 pattern.
	Value string `json:"value"`
	// Label is the French text shown to people. It equals Value for the
	// standard's lists except where the standard's string has a typo.
	Label       string `json:"label"`
	Description string `json:"description,omitempty"`
	// Slug is Value folded to lower-case ASCII words joined by "-", for
	// query strings: "aide-aux-demarches-administratives". Set at init.
	Slug string `json:"slug"`
	// Aliases are other spellings accepted by Normalize (a former name, an
	// acronym); they are never output.
	Aliases []string `json:"-"`
}

// all lists every vocabulary in the order All returns them: the standard's
// column order first, then Carnet's own lists.
var all = []*Vocabulary{
	build(typologies),
	build(mobility),
	build(themes),
	build(publics),
	build(specificSupport),
	build(fees),
	build(nationalProgrammes),
	build(trainingLabels),
	build(accessModes),
	build(accompanimentModes),
	build(serviceKinds),
	build(languages),
	build(actorStatus),
	build(serviceStatus),
}

// allNames are all's names, side by side for MustGet.
var allNames = func() []string {
	out := make([]string, len(all))
	for i, v := range all {
		out[i] = v.Name
	}
	return out
}()

var byName = func() map[string]*Vocabulary {
	m := make(map[string]*Vocabulary, len(all))
	for _, v := range all {
		if _, dup := m[v.Name]; dup {
			panic("vocab: duplicate vocabulary name " + v.Name)
		}
		m[v.Name] = v
	}
	return m
}()

// All returns every vocabulary in a stable order (the standard's column
// order, then Carnet's lists). The slice is a copy; the vocabularies are
// shared and must not be modified.
func All() []*Vocabulary {
	out := make([]*Vocabulary, len(all))
	copy(out, all)
	return out
}

// Get returns the vocabulary with the given API name.
func Get(name string) (*Vocabulary, bool) {
	v, ok := byName[name]
	return v, ok
}

// MustGet is Get for names that are constants of this package; it panics on
// an unknown name because that is a programming error, not bad input.
//
// It compares name with the fourteen names (their lengths first) rather
// than hash it into byName: every vocabulary cell and field of an import
// looks its vocabulary up, and the map was 1 % of a first import's CPU;
// the scan takes about two thirds of its time (issue 11, item 6).
func MustGet(name string) *Vocabulary {
	for i, n := range allNames {
		if n == name {
			return all[i]
		}
	}
	panic("vocab: unknown vocabulary " + name)
}

// Contains reports whether value is exactly a canonical value of v. Use it
// to validate data that has already been normalised.
func (v *Vocabulary) Contains(value string) bool {
	_, ok := v.exact[value]
	return ok
}

// Lookup returns the term whose canonical value is value.
func (v *Vocabulary) Lookup(value string) (Term, bool) {
	i, ok := v.exact[value]
	if !ok {
		return Term{}, false
	}
	return v.Terms[i], true
}

// Rank returns the place of a canonical value in the vocabulary's order
// (that of Values and NormalizeList), and false for a value not in it.
func (v *Vocabulary) Rank(value string) (int, bool) {
	i, ok := v.exact[value]
	return i, ok
}

// Label returns the label of a canonical value, or value itself when it is
// not in the vocabulary, so that displaying stale data never fails.
func (v *Vocabulary) Label(value string) string {
	if t, ok := v.Lookup(value); ok {
		return t.Label
	}
	return value
}

// Values returns the canonical values in the vocabulary's order.
func (v *Vocabulary) Values() []string {
	out := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		out[i] = t.Value
	}
	return out
}

// build completes a vocabulary literal: labels default to values, slugs are
// computed, and the lookup maps are filled. Two terms that fold to the same
// key would make Normalize ambiguous, so build panics: the tables are static
// and any test run catches it.
func build(v Vocabulary) *Vocabulary {
	v.exact = make(map[string]int, len(v.Terms))
	v.keys = make(map[string]int, 2*len(v.Terms))
	add := func(s string, i int) {
		k := string(foldKey(nil, s))
		if k == "" {
			panic(fmt.Sprintf("vocab: %s: %q folds to an empty key", v.Name, s))
		}
		if j, dup := v.keys[k]; dup && j != i {
			panic(fmt.Sprintf("vocab: %s: %q and %q both fold to %q", v.Name, s, v.Terms[j].Value, k))
		}
		v.keys[k] = i
	}
	for i := range v.Terms {
		t := &v.Terms[i]
		if t.Label == "" {
			t.Label = t.Value
		}
		if _, dup := v.exact[t.Value]; dup {
			panic(fmt.Sprintf("vocab: %s: duplicate value %q", v.Name, t.Value))
		}
		v.exact[t.Value] = i
		t.Slug = Slugify(t.Value)
		add(t.Value, i)
		add(t.Label, i)
		for _, a := range t.Aliases {
			add(a, i)
		}
	}
	return &v
}
