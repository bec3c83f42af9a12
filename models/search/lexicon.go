package search

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"carnet/models/vocab"
)

// The lexicon is what search knows of words beyond the records' own text:
// the labels of every vocabulary value (a query word found in « Aide aux
// démarches administratives » finds the services with that theme, through
// the value's bitset rather than by indexing the label on each record), the
// thesaurus (vocab.GetThesaurus: « impôts », « CCAS », « carte grise »…)
// and the départements by name and number. It is built once: it depends on
// the code, not on the directory.

// FieldVocabularies names the vocabulary of each search field that has one.
var FieldVocabularies = map[string]string{
	FieldKind: vocab.NameServiceKinds, FieldThemes: vocab.NameThemes, FieldPublics: vocab.NamePublics,
	FieldSpecificSupport: vocab.NameSpecificSupport, FieldFees: vocab.NameFees,
	FieldAccessModes: vocab.NameAccessModes, FieldAccompanimentModes: vocab.NameAccompanimentModes,
	FieldLanguages: vocab.NameLanguages, FieldTypologies: vocab.NameTypologies,
	FieldNationalProgrammes: vocab.NameNationalProgrammes, FieldTrainingLabels: vocab.NameTrainingLabels,
	FieldMobility: vocab.NameMobility,
}

// fieldOfVocabulary is the inverse of FieldVocabularies (thesaurus targets
// name vocabularies; the index has fields).
var fieldOfVocabulary = func() map[string]string {
	m := map[string]string{}
	for f, v := range FieldVocabularies {
		m[v] = f
	}
	m[vocab.SynonymFieldOpenOn] = FieldOpenOn
	m[vocab.SynonymFieldPassNumerique] = FieldPassNumerique
	m[vocab.SynonymFieldItinerant] = FieldItinerant
	m[vocab.SynonymFieldAcceslibre] = FieldAcceslibre
	m[vocab.SynonymFieldOpenWhen] = FieldOpenWhen
	m[vocab.SynonymFieldNamed] = FieldNamed
	return m
}()

// How a query word matched, from best to worst; the names are the API's.
const (
	HowExact      = "exact"      // the word itself, in the record's text
	HowStem       = "word_form"  // another form of the word (plural, inflection)
	HowPrefix     = "prefix"     // the beginning of a longer word
	HowVocabulary = "vocabulary" // a word of a value's label (« démarches » → Aide aux démarches administratives)
	HowSynonym    = "synonym"    // a thesaurus entry naming the value (« CCAS »)
	HowRelated    = "related"    // a thesaurus entry whose need the value meets (« impôts »)
	HowPlace      = "place"      // a commune, postal code or département
	HowSpelling   = "spelling"   // a near spelling (typo, phonetic variant)
	// HowAbbreviation: the record writes the thing another way — the
	// acronym of the words typed, or the words of the acronym typed (« MJC
	// de Rodez » for « maison des jeunes et de la culture »), or another
	// name of it (« Bibliothèque » for « médiathèque »).
	HowAbbreviation = "abbreviation"
	// HowPublic: the record's text names the public the word means
	// (« retraités » → « Club Senior », « ados » → « Foyer des jeunes »):
	// a place saying in its name whom it serves is found like one
	// declaring that public.
	HowPublic = "public"
)

// Relevance factors of each way of matching, multiplied by the weight of
// the field matched. A prefix of a word that exists whole elsewhere
// (« caf », the CAF, against « café ») counts much less than the prefix of
// a word being typed (« médiat »): below the whole word in any text field,
// even the least weighed (name 4 × 0.2 < address 1: « près de la gare »
// finds the places on an avenue de la Gare before a « Gareoult »; at
// 0.25 they tied).
const (
	factorExact      = 1.0
	factorStem       = 0.9
	factorPrefix     = 0.7
	factorPrefixOfKn = 0.2
	factorSynonym    = 0.9
	factorRelated    = 0.6
	factorSpelling   = 0.8 // within the lower tier of spelling matches
	// factorFartherSpelling discounts a near spelling farther from the
	// word than the nearest one found (two edits when one is one away):
	// below half, so that the farther in a name (weight 4) comes after
	// the nearer in a commune (2).
	factorFartherSpelling = 0.4
	// factorAbbrev: a record writing the thing another way (« MJC » for
	// « maison des jeunes et de la culture ») is found like a synonym,
	// just after records writing it as typed.
	factorAbbrev = 0.9
	// factorKind: a record writing a narrower name (« Cyber-base » for
	// EPN, « fablab » for tiers-lieu) comes after those writing the thing.
	factorKind = 0.8
	// factorBroadKind: a typology's name meaning other kinds too, where
	// another name means it alone (see typologyKeys).
	factorBroadKind = 0.9
	// factorNeedText: a word naming only a need met elsewhere (see
	// resolve), in a record's text: below a related need even in a name
	// (4 × 0.4 < 3 × 0.6).
	factorNeedText = 0.4
	// factorKindOfNeed: a kind of place a need's words reach through its
	// own entry (see needKinds), named in a record's name: found, after
	// the places declaring the need even when the name also holds a word
	// typed (« Cap emploi 16 » for « trouver un emploi »).
	factorKindOfNeed = factorRelated * factorNeedText
)

// Weights of matches that are not in the records' text. A vocabulary value
// is the record's own statement of what it offers: it weighs about what a
// structure's name does (3); a public it declares it serves weighs more
// than a name that mentions the public (a helper typing « seniors » wants
// the places that say they serve them before a « Club Senior » that does
// not: at 1.5, names won and the judged publics queries had P@5 0). A named
// place weighs what the commune does (2).
const (
	vocabWeight   = 3
	publicsWeight = 4.5
	placeWeight   = 2
)

// lexTarget is a field value reached from words.
type lexTarget struct {
	field, value string
	factor       float32
	how          string
	via          string // the label or thesaurus words, for explanations
}

// lexPhrase is a sequence of words with a meaning: a thesaurus entry, a
// département name or number, an acronym or its written-out name (keys:
// the abbreviations' text terms, see abbrevTerm).
type lexPhrase struct {
	tokens  []string
	stems   []string
	targets []lexTarget
	keys    []lexKey
	place   bool
}

// lexKey is an abbreviation's text term a phrase leads to, with the factor
// of matching through it.
type lexKey struct {
	term   string
	factor float32
	how    string
}

type lexicon struct {
	labels  map[string][]lexTarget  // a word of a label → its values
	phrases map[string][]*lexPhrase // first token (and its stem) → phrases
	stems   map[string][]string     // stem → lexicon words
	phon    map[string][]string     // phonetic key → lexicon words
	// sounded: a folded word whose written form has a « ç » → that
	// form with « s » (« francais » → « fransais »), whose phonetic key
	// is the sound: folded, « ç » is a « c » that sounds « k » before
	// a, o, u, and « fransai » was heard as « France » only.
	sounded map[string]string
	words   []string // every lexicon word, sorted
	known   map[string]bool
	// abbrev reads abbreviations in records' text (see docTerms): each
	// acronym, name and kind of vocab.Abbreviations, as words folded by
	// nameFold, leads to the text term a record then holds (abbrevTerm of
	// the entry's key, of the form's key for a form of several words,
	// kindTerm for a kind); implies adds the kind terms of the entries an
	// entry is a kind of (a communauté de communes is an EPCI);
	// abbrevNames gives each key's name and first acronym (each form
	// key's words), for explanations.
	abbrev      *vocab.PhraseSet
	implies     map[string][]string
	abbrevNames map[string][2]string
	// typologyKeys: the text terms of the abbreviations whose forms mean
	// a typology (« mission locale », « Cap emploi »), by the typology's
	// value, so that a word relating a need or a public to a kind of
	// structure (« sourd » → Cap emploi) finds the records naming one as
	// well as those giving the typology.
	typologyKeys map[string][]lexKey
	// partners: by a thesaurus entry's words (folded tokens joined by
	// a space), the values where what they name is a partner
	// (vocab.Synonym.Partners): rank only, see addBodyPoints.
	partners map[string][]lexTarget
	// generic holds the inflection bases (see inflectionBase) of the
	// thesaurus's generic words: see clause.soft.
	generic map[string]bool
	// publicWords names each public and specific support (field and
	// value, see publicKey) in words a record's text may use: its label
	// and aliases when of one word, and the one-word thesaurus words of
	// entries meaning only publics or specific supports (« seniors »,
	// « senior », « aînés », « retraités »).
	publicWords map[string][]string
	// publicPhrases: the same in several words (« demandeurs d'asile »,
	// « apprendre le français », « lire et écrire »); a record names the
	// public when its text holds all their words.
	publicPhrases map[string][]publicPhrase
	// wordEntries: the thesaurus entries holding each word (its tokens
	// joined by spaces).
	wordEntries map[string][]int
	// publicWordEntries: the thesaurus entry that gave each word of
	// publicWords, at the same index; -1 for the value's label or alias.
	publicWordEntries map[string][]int
	// glued: the words of the thesaurus written both in two words and
	// glued in one entry (« cyber base », « cyberbase »), first word →
	// second → the glued word, which a record writing the two words
	// (« Cyber-base ») also holds (see docTerms); split is the other
	// way: a record writing « Cyberbase » holds « cyber » and « base ».
	glued map[string]map[string]string
	split map[string][2]string
}

// publicPhrase is a public's name in several words and the thesaurus
// entry that gives it (-1 for the value's label or alias).
type publicPhrase struct {
	tokens []string
	entry  int
}

func publicKey(field, value string) string { return field + "\x00" + value }

// isPublicField: the fields saying whom a service is for.
func isPublicField(f string) bool { return f == FieldPublics || f == FieldSpecificSupport }

// namedInText: the fields whose values a record's text names in words a
// thesaurus entry gives, where the record does not declare the value:
// whom a place serves, and whether it travels — the standard's
// « itinerance » (« un bus numérique, une cyber-caravane ou un camion
// connecté ») is empty in every reference file, while 33 places say so in
// their names (« Bus France services », « Ordi Bus », « Maison du
// Département Itinérante »): « bus numérique » found 16 of them,
// « médiation itinérante » 18.
func namedInText(f string) bool { return isPublicField(f) || f == FieldItinerant }

// addPublicWords fills l.publicWords.
func (l *lexicon) addPublicWords() {
	l.publicWords, l.publicPhrases, l.wordEntries = map[string][]string{}, map[string][]publicPhrase{}, map[string][]int{}
	l.publicWordEntries = map[string][]int{}
	for i, e := range vocab.GetThesaurus().Entries {
		for _, w := range e.Words {
			k := strings.Join(tokens(w), " ")
			l.wordEntries[k] = append(l.wordEntries[k], i)
		}
	}
	l.glued, l.split = map[string]map[string]string{}, map[string][2]string{}
	for k, es := range l.wordEntries {
		a, b, two := strings.Cut(k, " ")
		if !two || strings.Contains(b, " ") {
			continue
		}
		if slices.ContainsFunc(l.wordEntries[a+b], func(e int) bool { return slices.Contains(es, e) }) {
			if l.glued[a] == nil {
				l.glued[a] = map[string]string{}
			}
			l.glued[a][b] = a + b
			l.split[a+b] = [2]string{a, b}
		}
	}
	entry := -1
	add := func(field, value, text string) {
		ts := tokens(text)
		if len(ts) == 0 || slices.ContainsFunc(ts, func(w string) bool { return !isLetters(w) }) {
			return
		}
		k := publicKey(field, value)
		if len(ts) > 1 {
			if !slices.ContainsFunc(l.publicPhrases[k], func(p publicPhrase) bool { return slices.Equal(p.tokens, ts) }) {
				l.publicPhrases[k] = append(l.publicPhrases[k], publicPhrase{ts, entry})
			}
			return
		}
		if !slices.Contains(l.publicWords[k], ts[0]) {
			l.publicWords[k] = append(l.publicWords[k], ts[0])
			l.publicWordEntries[k] = append(l.publicWordEntries[k], entry)
		}
	}
	for _, f := range []string{FieldPublics, FieldSpecificSupport} {
		for _, t := range vocab.MustGet(FieldVocabularies[f]).Terms {
			for _, s := range append([]string{t.Label}, t.Aliases...) {
				add(f, t.Value, s)
			}
		}
	}
	for i, e := range vocab.GetThesaurus().Entries {
		if len(e.Means) == 0 || slices.ContainsFunc(e.Means, func(t vocab.Target) bool { return !namedInText(fieldOfVocabulary[t.Vocabulary]) }) {
			continue
		}
		entry = i
		for _, t := range e.Means {
			for _, w := range e.Words {
				add(fieldOfVocabulary[t.Vocabulary], t.Value, w)
			}
		}
	}
}

// apartEntry reports whether entry is kept apart (vocab.Synonym.Apart)
// from an entry of the words via: a record's name written with its words
// (« … demandeurs d'asile » for the migrants' entry) is not found for
// them (« fle »). Apart is symmetric: an entry kept apart from none is
// answered without reading via.
func (l *lexicon) apartEntry(via string, entry int) bool {
	if entry < 0 {
		return false
	}
	apart := vocab.GetThesaurus().Entries[entry].Apart
	if len(apart) == 0 {
		return false
	}
	return slices.ContainsFunc(l.wordEntries[strings.Join(tokens(via), " ")], func(i int) bool { return slices.Contains(apart, i) })
}

var lex = buildLexicon()

func buildLexicon() *lexicon {
	l := &lexicon{labels: map[string][]lexTarget{}, phrases: map[string][]*lexPhrase{}, known: map[string]bool{}, sounded: map[string]string{}, generic: map[string]bool{},
		partners: map[string][]lexTarget{}}
	for _, w := range vocab.GetThesaurus().Generic {
		for _, tok := range tokens(w) {
			l.generic[inflectionBase(tok)] = true
		}
	}
	addWord := func(w string) {
		if !l.known[w] {
			l.known[w] = true
			l.words = append(l.words, w)
		}
	}
	fields := make([]string, 0, len(FieldVocabularies))
	for f := range FieldVocabularies {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		v := vocab.MustGet(FieldVocabularies[f])
		for _, t := range v.Terms {
			if f == FieldMobility && t.Value == vocab.MobilityFixed {
				continue // « fixe » is not what anybody searches for
			}
			texts := append([]string{t.Label}, t.Aliases...)
			seen := map[string]bool{}
			for _, s := range texts {
				for _, w := range tokens(s) {
					if seen[w] || isDigitsOnly(w) {
						// A label's numbers (« Jeunes (16-26 ans) »,
						// « Seniors (+ 65 ans) ») are ages, read from
						// « 16-25 ans » by sentenceAround; alone, a
						// number is a département or a postal code
						// (« CPAM 16 » found the young people's places).
						continue
					}
					seen[w] = true
					l.labels[w] = append(l.labels[w], lexTarget{field: f, value: t.Value, factor: factorExact, how: HowVocabulary, via: t.Label})
					switch f {
					case FieldLanguages:
						l.labels[w] = append(l.labels[w], foreignLanguageTargets(t.Value, t.Label)...)
					case FieldSpecificSupport:
						l.labels[w] = append(l.labels[w], supportTypologies([]string{t.Value}, t.Label)...)
					}
					addWord(w)
				}
			}
		}
	}
	// The labels of older versions of the standard (v0.1's 15 services,
	// publics_accueillis…) lead to the values they were mapped to, so that
	// an imported record stays findable by the words its source used.
	for _, col := range []string{vocab.LegacyColumnServices, vocab.LegacyColumnPublicsAccueillis, vocab.LegacyColumnLabelsNationaux, vocab.LegacyColumnModalitesAccompagnement} {
		for _, m := range vocab.LegacyValues(col) {
			label, _, _ := strings.Cut(m.Old, " : ")
			for _, tg := range m.Targets {
				f := fieldOfVocabulary[tg.Vocabulary]
				for _, w := range tokens(label) {
					if isDigitsOnly(w) {
						continue // an age, as in the current labels
					}
					if !slices.ContainsFunc(l.labels[w], func(x lexTarget) bool { return x.field == f && x.value == tg.Value }) {
						l.labels[w] = append(l.labels[w], lexTarget{field: f, value: tg.Value, factor: factorExact, how: HowVocabulary, via: label})
						addWord(w)
					}
				}
			}
		}
	}
	addPhrase := func(words string, p lexPhrase) {
		p.tokens = tokens(words)
		if len(p.tokens) == 0 {
			return
		}
		if strings.ContainsAny(words, "çÇ") {
			if st := tokens(strings.NewReplacer("ç", "s", "Ç", "s").Replace(words)); len(st) == len(p.tokens) {
				for i, w := range p.tokens {
					if st[i] != w {
						l.sounded[w] = st[i]
					}
				}
			}
		}
		if len(p.keys) > 0 {
			// An abbreviation written like thesaurus words, or another
			// form of them (« epn », « centre social », « médiathèques »),
			// leads where they lead too.
			merged := false
			for _, key := range []string{p.tokens[0], stem(p.tokens[0])} {
				for _, q := range l.phrases[key] {
					if len(q.tokens) == len(p.tokens) && !q.place && !slices.Contains(q.keys, p.keys[0]) &&
						phraseAt(q.tokens, q.stems, p.tokens, stemsOf(p.tokens)) {
						q.keys = append(q.keys, p.keys...)
						merged = true
					}
				}
			}
			if merged {
				return
			}
		}
		for _, w := range p.tokens {
			p.stems = append(p.stems, stem(w))
			addWord(w)
		}
		ph := &p
		l.phrases[p.tokens[0]] = append(l.phrases[p.tokens[0]], ph)
		if s := p.stems[0]; s != "" && s != p.tokens[0] {
			l.phrases[s] = append(l.phrases[s], ph)
		}
	}
	kinds := needKindsOf()
	for _, e := range vocab.GetThesaurus().Entries {
		for _, w := range e.Words {
			var targets []lexTarget
			for _, t := range e.Means {
				targets = append(targets, lexTarget{field: fieldOfVocabulary[t.Vocabulary], value: t.Value, factor: factorSynonym, how: HowSynonym, via: w})
				for _, k := range kinds[t] {
					if !slices.ContainsFunc(e.Means, func(x vocab.Target) bool { return x == k }) {
						targets = append(targets, lexTarget{field: FieldTypologies, value: k.Value, factor: factorKindOfNeed, how: HowRelated, via: w})
					}
				}
				if t.Vocabulary == vocab.NameLanguages {
					for _, tg := range foreignLanguageTargets(t.Value, w) {
						if !slices.ContainsFunc(targets, func(x lexTarget) bool { return x.field == tg.field && x.value == tg.value }) {
							targets = append(targets, tg)
						}
					}
				}
			}
			for _, t := range e.Related {
				f := float32(factorRelated)
				if t.Vocabulary == vocab.SynonymFieldNamed {
					// A place named as the kind of place the need is
					// met at (« Chambre d'agriculture » for a farmer)
					// says it meets it more surely than a theme any
					// place offering procedures declares.
					f = factorSynonym
				}
				targets = append(targets, lexTarget{field: fieldOfVocabulary[t.Vocabulary], value: t.Value, factor: f, how: HowRelated, via: w})
			}
			for _, t := range e.Partners {
				k := strings.Join(tokens(w), " ")
				l.partners[k] = append(l.partners[k], lexTarget{field: fieldOfVocabulary[t.Vocabulary], value: t.Value, factor: factorKind, how: HowRelated, via: w})
			}
			addPhrase(w, lexPhrase{targets: targets})
		}
	}
	l.addAbbreviations(addPhrase)
	l.addPublicWords()
	for code, name := range departementNames {
		for _, w := range []string{name, code} {
			addPhrase(w, lexPhrase{place: true, targets: []lexTarget{{field: FieldDepartement, value: code, factor: factorExact, how: HowPlace, via: name}}})
		}
	}
	for name, code := range departementFormerNames {
		addPhrase(name, lexPhrase{place: true, targets: []lexTarget{{field: FieldDepartement, value: code, factor: factorExact, how: HowPlace, via: name}}})
	}
	for name, codes := range departementGroups {
		var targets []lexTarget
		for _, code := range codes {
			targets = append(targets, lexTarget{field: FieldDepartement, value: code, factor: factorExact, how: HowPlace, via: name})
		}
		addPhrase(name, lexPhrase{place: true, targets: targets})
	}
	// The intercommunalities by name, as a département's: a query naming
	// one (« aide numérique pays basque ») is about its communes' places.
	// Their 8,500 names' words are not words of the lexicon: a misspelt
	// word is not respelt as a place's (« servis » as the « Serris » of
	// the Val d'Europe), and a name is read as typed.
	epcis := epciPhrases()
	for _, w := range slices.Sorted(maps.Keys(epcis)) {
		p := &lexPhrase{place: true, tokens: tokens(w)}
		for _, code := range epcis[w] {
			p.targets = append(p.targets, lexTarget{field: FieldEPCI, value: code, factor: factorExact, how: HowPlace, via: w})
		}
		for _, x := range p.tokens {
			p.stems = append(p.stems, stem(x))
		}
		l.phrases[p.tokens[0]] = append(l.phrases[p.tokens[0]], p)
		if s := p.stems[0]; s != "" && s != p.tokens[0] {
			l.phrases[s] = append(l.phrases[s], p)
		}
	}
	for w, values := range hourPhrases() {
		var targets []lexTarget
		for _, v := range values {
			targets = append(targets, lexTarget{field: FieldOpenWhen, value: v, factor: factorSynonym, how: HowSynonym, via: w})
		}
		addPhrase(w, lexPhrase{targets: targets})
	}
	slices.Sort(l.words)
	l.stems, l.phon = map[string][]string{}, map[string][]string{}
	for _, w := range l.words {
		if s := stem(w); s != "" {
			l.stems[s] = append(l.stems[s], w)
		}
		if p := phonetic(w); p != "" {
			l.phon[p] = append(l.phon[p], w)
		}
		if p := phonetic(l.sounded[w]); p != "" && p != phonetic(w) {
			l.phon[p] = append(l.phon[p], w)
		}
	}
	return l
}

// prefixed returns the lexicon words w begins, other than w.
func (l *lexicon) prefixed(w string) []string {
	i := sort.SearchStrings(l.words, w)
	var out []string
	for ; i < len(l.words) && strings.HasPrefix(l.words[i], w); i++ {
		if l.words[i] != w {
			out = append(out, l.words[i])
		}
	}
	return out
}

// abbrevPrefix starts the text terms of abbreviations: no query word can
// begin with it (query words are folded to letters and digits), so they
// are reached only through the lexicon, never as typed words, prefixes or
// spellings.
const abbrevPrefix = "="

// kindPrefix starts the text terms of an abbreviation's kinds.
const kindPrefix = "~"

// abbrevTerm is the text term a record holds when its text writes the
// abbreviation key by one of its acronyms or names; kindTerm when it
// writes a kind of it (« Cyber-base » for EPN).
func abbrevTerm(key string) string { return abbrevPrefix + key }
func kindTerm(key string) string   { return kindPrefix + key }

// addAbbreviations reads vocab.Abbreviations into the lexicon. In queries,
// each acronym and name is a phrase leading to its entry's key (and to
// the vocabulary values the thesaurus gives any of them: « maison des
// jeunes et de la culture » means what « MJC » means); kinds are not, so
// that « cyber-base » does not find every EPN. In records, every form and
// kind is read (see docTerms).
func (l *lexicon) addAbbreviations(addPhrase func(string, lexPhrase)) {
	l.abbrev, l.implies, l.abbrevNames, l.typologyKeys = vocab.NewPhraseSet(), map[string][]string{}, map[string][2]string{}, map[string][]lexKey{}
	named := map[string]string{} // folded form → key
	entryTargets := map[string][]lexTarget{}
	fold := func(s string) []string {
		ws := tokens(s)
		for i, w := range ws {
			ws[i] = nameFold(w)
		}
		return ws
	}
	for _, a := range vocab.Abbreviations() {
		name, acronym := "", ""
		if len(a.Names) > 0 {
			name = a.Names[0]
		}
		if len(a.Acronyms) > 0 {
			acronym = a.Acronyms[0]
		}
		l.abbrevNames[a.Key] = [2]string{name, acronym}
		var targets []lexTarget
		for i, f := range a.Forms() {
			named[strings.Join(fold(f), " ")] = a.Key
			if a.IsFormer(f) {
				// A record still writing a former name (« Maison des
				// services publics », the MSAP before France
				// Services) is found like one writing a kind of it:
				// after the records writing a current name.
				l.abbrev.Add(fold(f), kindTerm(a.Key))
			} else {
				l.abbrev.Add(fold(f), abbrevTerm(formKey(a.Key, i, f)))
			}
			for _, p := range l.phrases[firstToken(f)] {
				if slices.Equal(p.tokens, tokens(f)) && !p.place {
					for _, tg := range p.targets {
						if !slices.ContainsFunc(targets, func(x lexTarget) bool { return x.field == tg.field && x.value == tg.value }) {
							targets = append(targets, tg)
						}
					}
				}
			}
		}
		entryTargets[a.Key] = targets
		for _, tg := range targets {
			if tg.field == FieldTypologies && tg.how == HowSynonym {
				l.typologyKeys[tg.value] = append(l.typologyKeys[tg.value],
					lexKey{abbrevTerm(a.Key), factorAbbrev, HowRelated}, lexKey{kindTerm(a.Key), factorKind, HowRelated})
			}
		}
	}
	// A typology named by an entry meaning it alone (« fablab ») is
	// found by that entry's records before those of an entry meaning it
	// among other kinds (« tiers-lieu » means tiers-lieux, fablabs and
	// fabriques): a record named « Fablab » says it is one, a tiers-lieu
	// may not be (a repair need, related to fablabs, found the tiers-lieux
	// tied with the fablabs, and first by their ids).
	for value, keys := range l.typologyKeys {
		narrow := map[string]bool{}
		for _, a := range vocab.Abbreviations() {
			n := 0
			for _, tg := range entryTargets[a.Key] {
				if tg.field == FieldTypologies && tg.how == HowSynonym {
					n++
				}
			}
			if n == 1 && slices.ContainsFunc(entryTargets[a.Key], func(tg lexTarget) bool { return tg.value == value && tg.field == FieldTypologies }) {
				narrow[abbrevTerm(a.Key)], narrow[kindTerm(a.Key)] = true, true
			}
		}
		if len(narrow) == 0 {
			continue
		}
		for i := range keys {
			if !narrow[keys[i].term] {
				keys[i].factor *= factorBroadKind
			}
		}
	}
	// Entries naming the same typology (the thesaurus says « ccas » and
	// « cias » both mean CCAS and CIAS) are siblings: a record named
	// « CCAS de … » is found by « cias » after the CIAS, as its typology
	// would be if the record gave it.
	siblings := map[string][]string{}
	for _, a := range vocab.Abbreviations() {
		for _, b := range vocab.Abbreviations() {
			if a.Key != b.Key && slices.ContainsFunc(entryTargets[a.Key], func(x lexTarget) bool {
				return x.field == FieldTypologies && x.how == HowSynonym && slices.ContainsFunc(entryTargets[b.Key], func(y lexTarget) bool {
					return y.field == x.field && y.value == x.value && y.how == HowSynonym
				})
			}) {
				siblings[a.Key] = append(siblings[a.Key], b.Key)
			}
		}
	}
	for _, a := range vocab.Abbreviations() {
		keys := []lexKey{{abbrevTerm(a.Key), factorAbbrev, HowAbbreviation}, {kindTerm(a.Key), factorKind, HowAbbreviation}}
		for _, b := range siblings[a.Key] {
			keys = append(keys, lexKey{abbrevTerm(b), factorKind, HowAbbreviation}, lexKey{kindTerm(b), factorKind * factorKind, HowAbbreviation})
		}
		for i, f := range a.Forms() {
			ks := keys
			if fk := formKey(a.Key, i, f); fk != a.Key && !a.IsFormer(f) {
				// The form typed, as typed, first.
				ks = append([]lexKey{{abbrevTerm(fk), factorExact, HowExact}}, keys...)
				l.abbrevNames[fk] = [2]string{f, ""}
			}
			addPhrase(f, lexPhrase{targets: entryTargets[a.Key], keys: ks})
		}
	}
	for _, a := range vocab.Abbreviations() {
		for _, k := range a.Kinds {
			if other, ok := named[strings.Join(fold(k), " ")]; ok {
				l.implies[abbrevTerm(other)] = append(l.implies[abbrevTerm(other)], kindTerm(a.Key))
				continue
			}
			l.abbrev.Add(fold(k), kindTerm(a.Key))
			// Typed, a kind (« cyber-base », a kind of EPN) finds the
			// records writing it, then those named after what it is a
			// kind of (« EPN Maës »): these were not found, and the
			// places offering internet access, where an EPN's need is
			// met, came first.
			addPhrase(k, lexPhrase{targets: entryTargets[a.Key],
				keys: []lexKey{{kindTerm(a.Key), factorAbbrev, HowAbbreviation}, {abbrevTerm(a.Key), factorKind, HowAbbreviation}}})
		}
	}
}

// formKey is the key of one of an entry's forms written in several words
// (« key/2 »): a record writing it holds that form's term as well as the
// entry's, so that a query typing it finds the records writing it as typed
// first. A form of one word is its own term already.
func formKey(key string, i int, form string) string {
	if len(tokens(form)) < 2 {
		return key
	}
	return key + "/" + strconv.Itoa(i)
}

func stemsOf(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = stem(w)
	}
	return out
}

func firstToken(s string) string {
	if ts := tokens(s); len(ts) > 0 {
		return ts[0]
	}
	return ""
}

// foreignLanguageTargets: a language other than French and French sign
// language (« arabe », « ukrainien », « english ») relates to the
// standard's specific supports for foreign languages — prise_en_charge_
// specifique's « Langues étrangères (anglais) » and « Langues étrangères
// (autres) », which data·inclusion's crosswalk merges into one public,
// personnes-exilees (vocab.PublicToDataInclusion) — and to the kinds of
// places the thesaurus relates to them (CADA, HUDA). Hardly any record
// declares the language it is given in; a helper looking for help in
// Arabic or Ukrainian is sent where people who do not speak French are
// received (« aide en arabe » found nothing, then only « aide »).
func foreignLanguageTargets(language, via string) []lexTarget {
	if language == vocab.LanguageFrench || language == vocab.LanguageFrenchSign {
		return nil
	}
	var out []lexTarget
	add := func(field, value string) {
		if !slices.ContainsFunc(out, func(x lexTarget) bool { return x.field == field && x.value == value }) {
			out = append(out, lexTarget{field: field, value: value, factor: factorRelated, how: HowRelated, via: via})
		}
	}
	supports := []string{vocab.SupportForeignLanguageOther, vocab.SupportForeignLanguageEnglish}
	if language == vocab.LanguageEnglish {
		supports[0], supports[1] = supports[1], supports[0]
	}
	for _, sp := range supports {
		add(FieldSpecificSupport, sp)
	}
	for _, tg := range supportTypologies(supports, via) {
		add(tg.field, tg.value)
	}
	return out
}

// needKinds gives, for each need (a theme), the kinds of place whose
// thesaurus entry relates them to it (« mission locale » → employment,
// « cap emploi » → employment, « ccas » → procedures): a word meaning the
// need finds them as related, by their typology or where their name names
// them (see resolve), as « jeunes » finds the Missions locales. A Mission
// locale is where young people are helped into work, though most say so
// by their name only and declare the Conseillers numériques' two themes:
// « jeunes emploi » in Marseille found none of its four (probe 39b, H2).
//
// Two needs keep their own rule: help with procedures (its desks beside
// a named place, see procedureDesks: everywhere, the CCAS, préfectures
// and MSAP named so took over « ecrivain public » and « démarches
// toulon »), and internet access, where a name saying EPN is a place
// teaching the everyday tools as often as one lending a computer (« ya du
// wifi a la mediatheque ? » listed an EPN declaring no access).
func needKinds() map[vocab.Target][]vocab.Target {
	out := map[vocab.Target][]vocab.Target{}
	for _, e := range vocab.GetThesaurus().Entries {
		for _, need := range e.Related {
			if need.Vocabulary != vocab.NameThemes || ownKindRule[need.Value] {
				continue
			}
			for _, k := range e.Means {
				if k.Vocabulary == vocab.NameTypologies && !slices.Contains(out[need], k) {
					out[need] = append(out[need], k)
				}
			}
		}
	}
	return out
}

// needKindsOf is needKinds, read once.
var needKindsOf = sync.OnceValue(needKinds)

// ownKindRule: the needs whose kinds of place are not found through
// needKinds (see there).
var ownKindRule = map[string]bool{vocab.ThemeAdministrativeProcedures: true, vocab.ThemeInternetAndEquipment: true}

// supportTypologies returns, as related targets, the kinds of places the
// thesaurus relates to any of the specific supports: those an entry
// meaning a support relates to (« handicap » → MDPH, Cap emploi;
// « migrants » → CADA, HUDA) and those meant by an entry relating to a
// support (« cada » → Langues étrangères). A word of a support's label
// (« moteur » of « Handicaps moteurs ») then finds the MDPH and Cap emploi
// by their names as « handicap » does: « handicap moteur » found 5 of the
// 9 places for disabled people.
func supportTypologies(supports []string, via string) []lexTarget {
	var out []lexTarget
	in := func(ts []vocab.Target) bool {
		return slices.ContainsFunc(ts, func(t vocab.Target) bool {
			return t.Vocabulary == vocab.NameSpecificSupport && slices.Contains(supports, t.Value)
		})
	}
	for _, e := range vocab.GetThesaurus().Entries {
		for _, pair := range [][2][]vocab.Target{{e.Means, e.Related}, {e.Related, e.Means}} {
			if !in(pair[0]) {
				continue
			}
			for _, t := range pair[1] {
				if t.Vocabulary == vocab.NameTypologies && !slices.ContainsFunc(out, func(x lexTarget) bool { return x.value == t.Value }) {
					out = append(out, lexTarget{field: FieldTypologies, value: t.Value, factor: factorRelated, how: HowRelated, via: via})
				}
			}
		}
	}
	return out
}
