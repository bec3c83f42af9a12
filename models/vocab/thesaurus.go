package vocab

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The thesaurus maps what people say to the vocabularies: abbreviations
// (CAF, CCAS, EPN…), everyday needs (impôts, carte grise, tablette,
// arnaques…) and common names of the values (médiathèque, tiers-lieu). It is
// a reviewed data file, versioned with the code (thesaurus.json), read once
// at start-up; search uses it to find places by the words of a need, and
// the vocabularies endpoint serves each value's synonyms so that clients
// can show them.

//go:embed thesaurus.json
var thesaurusJSON []byte

// Fields other than vocabularies that a synonym may point to: search
// filters whose values are fixed.
const (
	SynonymFieldOpenOn        = "open_on"
	SynonymFieldPassNumerique = "pass_numerique"
	SynonymFieldItinerant     = "itinerant"
	// SynonymFieldAcceslibre: the place publishes its Acceslibre record
	// (the standard's fiche_acces_libre), where its access for disabled
	// people is described.
	SynonymFieldAcceslibre = "acceslibre"
	// SynonymFieldOpenWhen: open at a time of day on a weekday
	// ("saturday-morning", "tuesday-evening") or on every day
	// ("every-day"); search reads it, no filter has it.
	SynonymFieldOpenWhen = "open_when"
	// SynonymFieldNamed: the place's name writes an entry of the
	// abbreviation table (the value is the entry's Key or one of its
	// forms). It reaches a kind of place that no vocabulary value tells
	// apart: the standard files the chambres d'agriculture, where farmers
	// are helped with their online procedures, under « Chambres
	// consulaires (CCI, CMA, CA) » with the chambers of commerce, so a
	// farmer's word relating to that typology would find those too.
	SynonymFieldNamed = "named"
)

var synonymFieldValues = map[string][]string{
	SynonymFieldOpenOn:        {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "evening", "lunchtime"},
	SynonymFieldPassNumerique: {"true"},
	SynonymFieldItinerant:     {"true"},
	SynonymFieldAcceslibre:    {"true"},
	SynonymFieldOpenWhen: func() []string {
		out := []string{"every-day"}
		for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
			for _, p := range []string{"morning", "afternoon", "evening"} {
				out = append(out, d+"-"+p)
			}
		}
		return out
	}(),
}

// Synonym is one entry of the thesaurus.
type Synonym struct {
	// Words are the everyday words or phrases, as people write them.
	Words []string
	// Means are the values the words name (« CCAS » names the CCAS
	// typology); Related are where such a need is usually met (« impôts »:
	// help with administrative procedures). Search ranks Means above
	// Related.
	Means   []Target
	Related []Target
	// Partners are where, among the places meeting the related need,
	// the thing named is a partner (the CAF and the Assurance maladie
	// in every France services): search ranks the places holding both
	// first, and finds nothing through a partner alone.
	Partners []Target
	// Apart lists the other entries (by index) that mean the same values
	// but name another thing the vocabulary merges (« fle », learning
	// French, and « migrants », the people in exile: both « Langues
	// étrangères (autres) »): search does not find a record's name
	// written with one's words for the other's.
	Apart []int
}

// Thesaurus is the whole reviewed file.
type Thesaurus struct {
	Version string
	About   string
	Entries []Synonym
	// Generic are the generic words (how help is given: « cours »,
	// « atelier », « accompagnement »; the domain's own words:
	// « numérique »), as written in the file: beside a word that carries
	// the meaning, search ranks by them without requiring them.
	Generic []string
}

var thesaurus = func() *Thesaurus {
	t, err := parseThesaurus(thesaurusJSON)
	if err != nil {
		panic("vocab: thesaurus.json: " + err.Error())
	}
	return t
}()

// GetThesaurus returns the thesaurus, shared: do not modify it.
func GetThesaurus() *Thesaurus { return thesaurus }

func parseThesaurus(b []byte) (*Thesaurus, error) {
	var raw struct {
		Version string `json:"version"`
		About   string `json:"about"`
		Generic struct {
			About string   `json:"about"`
			Words []string `json:"words"`
		} `json:"generic"`
		Entries []struct {
			Words   []string `json:"words"`
			Means   []string `json:"means"`
			Related []string `json:"related"`
			// Partners rank without matching (see Synonym.Partners).
			Partners []string `json:"partners"`
			// Source says, for reviewers, where an entry's mapping comes
			// from (a standard's label, a crosswalk); search ignores it.
			Source string `json:"source"`
			// Apart names, by one of their words, the entries kept apart
			// from this one (see Synonym.Apart); both ways.
			Apart []string `json:"apart"`
		} `json:"entries"`
	}
	if err := decodeStrict(b, &raw); err != nil {
		return nil, err
	}
	t := &Thesaurus{Version: raw.Version, About: raw.About, Generic: raw.Generic.Words}
	for _, w := range t.Generic {
		if k := Slugify(w); k == "" || strings.Contains(k, "-") {
			return nil, fmt.Errorf("generic word %q: write one word", w)
		}
	}
	seen := map[string]int{}
	for i, e := range raw.Entries {
		if len(e.Words) == 0 || len(e.Means)+len(e.Related) == 0 {
			return nil, fmt.Errorf("entry %d: needs words and at least one target", i)
		}
		s := Synonym{Words: e.Words}
		for _, w := range e.Words {
			k := Slugify(w)
			if k == "" {
				return nil, fmt.Errorf("entry %d: %q has no letter", i, w)
			}
			if j, dup := seen[k]; dup && j != i {
				return nil, fmt.Errorf("%q is in entries %d and %d: a word must lead to one meaning", w, j, i)
			}
			seen[k] = i
		}
		var err error
		if s.Means, err = parseTargets(e.Means); err != nil {
			return nil, fmt.Errorf("entry %d (%s): %w", i, e.Words[0], err)
		}
		if s.Related, err = parseTargets(e.Related); err != nil {
			return nil, fmt.Errorf("entry %d (%s): %w", i, e.Words[0], err)
		}
		if s.Partners, err = parseTargets(e.Partners); err != nil {
			return nil, fmt.Errorf("entry %d (%s): %w", i, e.Words[0], err)
		}
		t.Entries = append(t.Entries, s)
	}
	for i, e := range raw.Entries {
		for _, w := range e.Apart {
			j, ok := seen[Slugify(w)]
			if !ok || j == i {
				return nil, fmt.Errorf("entry %d (%s): apart from %q, which is no other entry's word", i, e.Words[0], w)
			}
			if !slices.Contains(t.Entries[i].Apart, j) {
				t.Entries[i].Apart = append(t.Entries[i].Apart, j)
			}
			if !slices.Contains(t.Entries[j].Apart, i) {
				t.Entries[j].Apart = append(t.Entries[j].Apart, i)
			}
		}
	}
	return t, nil
}

// decodeStrict decodes a reviewed data file, refusing unknown fields (a
// misspelt key would otherwise be dropped silently).
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// parseTargets reads "vocabulary:value" strings; the value may be written
// as its slug.
func parseTargets(in []string) ([]Target, error) {
	var out []Target
	for _, s := range in {
		name, value, ok := strings.Cut(s, ":")
		if !ok {
			return nil, fmt.Errorf("%q: write vocabulary:value", s)
		}
		if name == SynonymFieldNamed {
			key := ""
			for _, a := range Abbreviations() {
				if a.Key == value || slices.ContainsFunc(a.Forms(), func(f string) bool { return Slugify(f) == Slugify(value) }) {
					key = a.Key
					break
				}
			}
			if key == "" {
				return nil, fmt.Errorf("%q: %s takes an entry of the abbreviation table", s, name)
			}
			out = append(out, Target{name, key})
			continue
		}
		if vals, ok := synonymFieldValues[name]; ok {
			found := false
			for _, v := range vals {
				found = found || v == value
			}
			if !found {
				return nil, fmt.Errorf("%q: %s takes one of %s", s, name, strings.Join(vals, ", "))
			}
			out = append(out, Target{name, value})
			continue
		}
		v, ok := Get(name)
		if !ok {
			return nil, fmt.Errorf("%q: no vocabulary is named %s", s, name)
		}
		c, ok := v.Normalize(value)
		if !ok {
			return nil, fmt.Errorf("%q: not a value of %s", s, name)
		}
		out = append(out, Target{name, c})
	}
	return out, nil
}

// SynonymsOf returns the thesaurus words that lead to a value of a
// vocabulary, those naming it first, for clients to show and suggest.
func SynonymsOf(vocabulary, value string) []string {
	var means, related []string
	for _, e := range thesaurus.Entries {
		for _, t := range e.Means {
			if t.Vocabulary == vocabulary && t.Value == value {
				means = append(means, e.Words...)
				break
			}
		}
		for _, t := range e.Related {
			if t.Vocabulary == vocabulary && t.Value == value {
				related = append(related, e.Words...)
				break
			}
		}
	}
	return append(means, related...)
}
