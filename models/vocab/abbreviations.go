package vocab

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// Abbreviations are the acronyms of the structures people look for (EPN,
// MJC, CCAS, PIJ, MSAP…) and what they stand for, with the other names of
// the same kind of place (médiathèque, bibliothèque). Directories write
// « MJC de Rodez » or « Maison des jeunes et de la culture » and helpers
// type either, so search and duplicate detection both read them as one
// thing: search finds the places written the other way, duplicate
// detection compares the names as if they were written alike. It is a
// reviewed data file (abbreviations.json), versioned with the code; the
// thesaurus then says which vocabulary values a word leads to.

//go:embed abbreviations.json
var abbreviationsJSON []byte

// Abbreviation is one thing and the ways it is written.
type Abbreviation struct {
	// Key is a word standing for the entry, unique: its first acronym,
	// else its first name, folded and without separators (« epn »,
	// « mairie », « tierslieu »).
	Key string
	// Acronyms and Names name the thing; searching one finds the others.
	Acronyms []string
	Names    []string
	// Kinds are narrower names (networks, brands, kinds of such places):
	// found through the entry, never the reverse. A kind may be a name of
	// another entry (« communauté de communes » is an EPCI).
	Kinds []string
	// Former are the forms (acronyms or names) that name the thing as it
	// was called before it was renamed (MSAP, « maison de services au
	// public », since 2020 France Services): duplicate detection reads
	// them as its forms, search finds records still writing them after
	// those writing a current form, as it does a kind.
	Former []string
}

// IsFormer reports whether f is one of the entry's former forms.
func (a Abbreviation) IsFormer(f string) bool {
	for _, x := range a.Former {
		if x == f {
			return true
		}
	}
	return false
}

// Forms returns the acronyms and the names.
func (a Abbreviation) Forms() []string {
	return append(append([]string(nil), a.Acronyms...), a.Names...)
}

var abbreviations = func() []Abbreviation {
	a, err := parseAbbreviations(abbreviationsJSON)
	if err != nil {
		panic("vocab: abbreviations.json: " + err.Error())
	}
	return a
}()

// Abbreviations returns the reviewed table, shared: do not modify it.
func Abbreviations() []Abbreviation { return abbreviations }

func parseAbbreviations(b []byte) ([]Abbreviation, error) {
	var raw struct {
		About   string `json:"about"`
		Entries []struct {
			Acronyms []string `json:"acronyms"`
			Names    []string `json:"names"`
			Kinds    []string `json:"kinds"`
			Former   []string `json:"former"`
		} `json:"entries"`
	}
	if err := decodeStrict(b, &raw); err != nil {
		return nil, err
	}
	var out []Abbreviation
	// A form names one entry: read as two things, it could not be folded
	// into one word by duplicate detection.
	named := map[string]int{}
	keys := map[string]bool{}
	for i, e := range raw.Entries {
		if len(e.Acronyms)+len(e.Names) < 2 && len(e.Kinds) == 0 || len(e.Acronyms)+len(e.Names) == 0 {
			return nil, fmt.Errorf("entry %d: needs two acronyms or names, or a name and kinds", i)
		}
		for _, f := range append(append([]string(nil), e.Acronyms...), e.Names...) {
			k := Slugify(f)
			if k == "" {
				return nil, fmt.Errorf("entry %d: %q has no letter", i, f)
			}
			if j, dup := named[k]; dup {
				return nil, fmt.Errorf("%q names entries %d and %d", f, j, i)
			}
			named[k] = i
		}
		for _, ac := range e.Acronyms {
			if strings.ContainsAny(Slugify(ac), "-") {
				return nil, fmt.Errorf("entry %d: acronym %q is not one word", i, ac)
			}
		}
		a := Abbreviation{Acronyms: e.Acronyms, Names: e.Names, Kinds: e.Kinds, Former: e.Former}
		for _, f := range e.Former {
			if !slices.Contains(a.Forms(), f) {
				return nil, fmt.Errorf("entry %d: former form %q is not one of its acronyms or names", i, f)
			}
		}
		if len(e.Former) == len(a.Forms()) {
			return nil, fmt.Errorf("entry %d: every form is former", i)
		}
		a.Key = strings.ReplaceAll(Slugify(a.Forms()[0]), "-", "")
		if keys[a.Key] {
			return nil, fmt.Errorf("entry %d: key %q is taken", i, a.Key)
		}
		keys[a.Key] = true
		out = append(out, a)
	}
	for i, e := range raw.Entries {
		for _, k := range e.Kinds {
			if j, ok := named[Slugify(k)]; ok && j == i {
				return nil, fmt.Errorf("entry %d: %q is both a name and a kind of it", i, k)
			}
		}
	}
	return out, nil
}

// PhraseSet finds known phrases in lists of words. Phrases and words are
// compared as given: callers fold both the same way (search and duplicate
// detection each have their own folding of words).
type PhraseSet struct {
	byFirst map[string][]Phrase
}

// Phrase is a sequence of words and what it stands for.
type Phrase struct {
	Words []string
	Key   string
}

// NewPhraseSet returns an empty set.
func NewPhraseSet() *PhraseSet { return &PhraseSet{byFirst: map[string][]Phrase{}} }

// Add adds a phrase; an empty one is ignored.
func (s *PhraseSet) Add(words []string, key string) {
	if len(words) == 0 {
		return
	}
	s.byFirst[words[0]] = append(s.byFirst[words[0]], Phrase{words, key})
}

// At calls fn for each phrase found at the start of ws, given its first
// word already folded as first (callers fold on the fly to avoid
// allocating) and fold for the next words.
func (s *PhraseSet) At(ws []string, first string, fold func(string) string, fn func(p Phrase)) {
	for _, p := range s.byFirst[first] {
		if len(p.Words) > len(ws) {
			continue
		}
		ok := true
		for k := 1; k < len(p.Words) && ok; k++ {
			ok = fold(ws[k]) == p.Words[k]
		}
		if ok {
			fn(p)
		}
	}
}

// Longest returns the longest phrase at the start of ws (words compared as
// they are), and false when none is.
func (s *PhraseSet) Longest(ws []string) (Phrase, bool) {
	var best Phrase
	found := false
	if len(ws) == 0 {
		return best, false
	}
	s.At(ws, ws[0], func(w string) string { return w }, func(p Phrase) {
		if !found || len(p.Words) > len(best.Words) {
			best, found = p, true
		}
	})
	return best, found
}

// writtenOut holds the written-out forms of the short words of French
// directories and of the SIRENE register's 38-character names (CTRE COM
// ACTION SOCIALE, MAISON DEP PERSONNES HANDICAPEES, ASS DEVEL), and
// numbers in words (AV DU QUATRE SEPTEMBRE).
var writtenOut = map[string]string{
	"ctre": "centre", "cntre": "centre", "ctr": "centre", "com": "communal", "ass": "association", "asso": "association",
	"assoc": "association", "associat": "association", "dep": "departemental", "dept": "departement", "dpt": "departement",
	"depart": "departemental", "devel": "developpement", "developt": "developpement", "dvpt": "developpement",
	"st": "saint", "ste": "sainte", "sts": "saint", "gal": "general", "gl": "general", "gen": "general", "dr": "docteur",
	"pdt": "president", "pres": "president", "mal": "marechal", "cdt": "commandant", "cne": "capitaine", "col": "colonel",
	"bat": "batiment", "bt": "batiment", "imm": "immeuble", "res": "residence", "resid": "residence", "lot": "lotissement",
	"intercom": "intercommunal", "interco": "intercommunal", "mun": "municipal", "munic": "municipal", "mle": "municipale",
	"bibli": "bibliotheque", "biblio": "bibliotheque", "mediath": "mediatheque", "fed": "federation", "nat": "national",
	"reg": "regional", "soc": "social", "cult": "culturel", "insert": "insertion", "form": "formation", "inf": "information",
	"info": "information", "jeun": "jeunesse", "educ": "education", "perm": "permanente", "famil": "familiale", "fam": "famille",
	"serv": "service", "svc": "service", "ets": "etablissement", "etab": "etablissement", "hab": "habitant", "nle": "nationale",
	"univ": "universite", "cial": "commercial", "hlm": "habitation loyer modere", "bur": "bureau", "inform": "information",
	"gest": "gestion", "synd": "syndicat", "inser": "insertion", "animat": "animation", "quatre": "4", "trois": "3", "deux": "2",
	"cinq": "5", "six": "6", "sept": "7", "huit": "8", "neuf": "9", "dix": "10", "onze": "11", "douze": "12",
	"treize": "13", "quatorze": "14", "quinze": "15", "seize": "16", "vingt": "20", "trente": "30",
}

// WrittenOut returns the written-out form of a short word of directories
// (« ctre » → « centre », « dep » → « departemental »; folded words, maybe
// several), and false when w is not one.
func WrittenOut(w string) (string, bool) {
	full, ok := writtenOut[w]
	return full, ok
}
