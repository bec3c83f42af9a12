package search

import (
	"slices"
	"strings"
	"sync"

	"carnet/models/commune"
	"carnet/models/editdist"
	"carnet/models/vocab"
)

// A query is analysed into clauses, one per distinct word. A record
// satisfies a clause when the word is found in its text (the word, another
// form of it, a longer word it begins, or, for a word the index does not
// know, a near spelling) or in one of its values (a word of a value's label,
// a thesaurus entry, a named place). Every clause must be satisfied; when
// no record satisfies all, the records satisfying the most are returned,
// flagged (see Result.Partial).

// termRef is an indexed term a clause matches, with the factor of the way
// it matches.
type termRef struct {
	id     uint32
	factor float32
	how    string
	fuzzy  bool
}

// setRef is a field value a clause matches: its records' bitset.
type setRef struct {
	set    *bitset
	weight float32
	fuzzy  bool
	t      lexTarget
}

type clause struct {
	word  string
	terms []termRef
	sets  []setRef
	// size estimates how many records hold the word without spelling
	// matches (postings lengths and set counts), fsize with them: the
	// rarest clause is read first, and idf comes from size.
	size, fsize int
	// related counts the records size holds through related needs only
	// (« ccas » → help with procedures): idf leaves them out when the
	// word has other matches, so that « ccas marseille » weighs the word
	// by the records it names rather than by every place helping with
	// procedures (the CCAS of Marseille before the France services of
	// Marseille).
	related int
	// suggest is the spelling the clause was matched through when the
	// word itself is unknown; "" otherwise.
	suggest string
	place   int // index in analysis.places, or -1
	// soft: a generic word (« cours », « atelier », « numérique »,
	// vocab.Thesaurus.Generic) beside words that carry the meaning. It
	// ranks the records holding it first (a tier, see relevanceKey) but
	// does not filter: « cours informatique seniors » finds the Club
	// Senior helping with computers though it never says « cours ».
	soft bool
	// kind: the word names a kind of place (an abbreviation meaning a
	// typology: « bij », « ccas », « france services »); its related
	// matches are a fallback (see dropRelatedFallbacks).
	kind bool
	// echo: soft even in a partial answer, a word saying again what a
	// kind of place another word names (see markKindEchoes).
	echo bool
	// inPhrase: the word is part of a phrase of several words of the
	// thesaurus (« conseiller numérique », « culture numérique »): it
	// names something with the others and is never soft.
	inPhrase bool
	// lacking: the word is part of a phrase saying what the person
	// lacks (« sans ordinateur », « pas d'internet »): beside another
	// need it ranks without filtering (see markSoft).
	lacking bool
	// exclude: records the word does not hold though their text has
	// it, as part of their own commune's name (containingCommunes).
	exclude bitset
	// condition: the word names a condition of the person, a specific
	// support by the thesaurus (« sourd », « non francophones »), whether
	// or not a record declares it (see markSoft).
	condition bool
	// street: a word of a street's name typed as an address, looked for
	// in addresses only (streetWords).
	street bool
}

// placeRef is a place a query names: a commune (by name), a postal code
// or a département (by name or number).
type placeRef struct {
	words []string
	kind  string // commune, postal_code or departement
	slots []uint32
	sets  []*bitset
	// rankFirst: records in this place rank before the others (communes
	// and postal codes; a département's name is too often a common word —
	// Nord, Var, Cher — to reorder a query that has other words).
	rankFirst bool
	// otherName: the words are another name of the commune (Occitan:
	// « Marselha »), which no record writes; commune is its key.
	otherName bool
	commune   string
	// centre: the commune is one of the reference where the directory
	// has no place, nor in any commune whose name begins with it; slots
	// are then the records around its centre (see communesAround).
	centre *Point
	radius float64
}

type analysis struct {
	clauses []clause
	places  []placeRef
	// placeOnly: every word names a place, so the query is a place
	// filter rather than words to find.
	placeOnly bool
	// widened: a commune without places was read as the communes whose
	// name begins with it (communesBeginningWith).
	widened bool
}

// spellingMaxDF: a word whose own matches reach this many records is not
// expanded to near spellings (no flood from a word the index knows).
const spellingMaxDF = 3

// maxWholeLen: a vocabulary word this short does not match longer words
// it begins.
const maxWholeLen = 3

// maxSpellings caps the near spellings a word expands to.
const maxSpellings = 8

// durationWords are the units a message counts time in after a number
// (« depuis 3 mois », « ça fait deux semaines »); not « ans », an age
// (« 82 ans »: the seniors).
var durationWords = map[string]bool{"jour": true, "jours": true, "semaine": true, "semaines": true, "mois": true}

// messageWords keeps, of a message's words, those that name something the
// directory knows how to read: a phrase or word of the thesaurus or of the
// vocabularies (« déclaration d'impôts », « tablette », « gratuits »), a
// generic word, a commune of the directory, a département, a postal code.
// The other words of a message (« bonjour », « viens », « mois »,
// « merci ») say how the person writes, not what they seek: required, a
// paragraph found nothing.
func (t *table) messageWords(words []string) []string {
	var out []string
	for i := 0; i < len(words); {
		w, st := words[i], stem(words[i])
		// A number before a duration (« depuis 3 mois ») says since when:
		// kept, « 3 » was held by no place and the answer was partial.
		if i+1 < len(words) && durationWords[words[i+1]] && (isDigitsOnly(w) || numberValues[w] > 0) {
			i += 2
			continue
		}
		l := 0
		for _, key := range []string{w, st} {
			for _, p := range lex.phrases[key] {
				if k := len(p.tokens); k > l && i+k <= len(words) {
					stems := make([]string, k)
					for j := range k {
						stems[j] = stem(words[i+j])
					}
					if phraseAt(p.tokens, p.stems, words[i:], stems) {
						l = k
					}
				}
			}
		}
		if _, k, _ := t.communeAt(words[i:]); k > l {
			l = k
		}
		if l == 0 && (lex.known[w] || len(lex.labels[w]) > 0 || lex.generic[inflectionBase(w)] ||
			len(w) == 5 && isDigitsOnly(w) && len(t.byPostal[w]) > 0) {
			l = 1
		}
		if l == 0 {
			i++
			continue
		}
		out = append(out, words[i:i+l]...)
		i += l
	}
	return out
}

// analyze turns the query's words (folded, in order) into clauses.
//
// articled holds the words typed right after an article (« la garde »):
// the article is a stop word, gone from words. withinKM is the distance
// the query names, 0 when none. placed: the query's filters restrict it
// to a place (a point and radius, communes, postal codes).
func (t *table) analyze(words []string, articled, near map[string]bool, withinKM float64, placed bool) analysis {
	var a analysis
	n := len(words)
	phraseTargets := make([][]lexTarget, n)
	phraseKeys := make([][]lexKey, n)
	// span[i] > 1: words i… are one clause, an abbreviation written out
	// (« maison des jeunes et de la culture »); -1: a word inside one.
	span := make([]int, n)
	// unheld[i]: the tokens of a phrase at i meaning only values no
	// record holds.
	unheld := make([][]string, n)
	placeOf := make([]int, n)
	for i := range placeOf {
		placeOf[i] = -1
	}
	inPhrase := make([]bool, n)
	lacking := make([]bool, n)
	owned := make([]bool, n)
	stems := make([]string, n)
	for i, w := range words {
		stems[i] = stem(w)
	}
	nounCommune := make([]string, n) // a commune's word read as a word (see below)
	covered := 0                     // words inside a place phrase
	// A number before a month (« 14 juillet », « quatorze juillet »)
	// names a street or a square: it is no département nor postal code,
	// and ranks without filtering (streets are indexed without their
	// numbers; « quatorze » was required and found only the one address
	// writing it in words).
	dated := map[string]bool{}
	for i := 0; i+1 < n; i++ {
		if months[words[i+1]] && (isDigitsOnly(words[i]) || numberValues[words[i]] > 0) {
			dated[words[i]] = true
		}
	}
	street := t.streetWords(words)
	for i := 0; i < n; {
		if dated[words[i]] || street[i] {
			i++
			continue
		}
		// The longest phrase starting at i: a thesaurus entry or a
		// département (lexicon), a commune of the directory, a postal code.
		best, bestLen := (*lexPhrase)(nil), 0
		for _, key := range []string{words[i], stems[i]} {
			for _, p := range lex.phrases[key] {
				if l := len(p.tokens); l > bestLen && i+l <= n && phraseAt(p.tokens, p.stems, words[i:], stems[i:]) {
					best, bestLen = p, l
				}
			}
		}
		commune, communeLen, otherName := t.communeAt(words[i:])
		if k, l := referenceCommuneAt(words[i:]); l > communeLen {
			// A commune of the reference where the directory has no
			// place: a place that holds no record. Its longer name
			// wins: « saint etienne du rouvray » is not Saint-Étienne
			// and a word « rouvray » missing.
			commune, communeLen, otherName = k, l, false
		}
		if communeLen == 0 && bestLen == 0 && !t.knownWord(words[i]) && len(referenceByKey()[words[i]]) > 0 {
			// A small commune named in one word that no record and no
			// vocabulary holds (« maripasoula », « cassis »): it was
			// answered with nothing, or with near spellings elsewhere
			// (« Cassin » in Béziers). A word any record holds stays a
			// word (many communes are everyday words: Piano, Bus).
			commune, communeLen = words[i], 1
		}
		if communeLen == 0 && bestLen == 0 && len(words[i]) >= 5 && !lex.known[words[i]] && len(lex.labels[words[i]]) == 0 {
			// A commune named by the first word of its name, as people
			// call it (« barbezieux » for Barbezieux-Saint-Hilaire), when
			// the directory holds one such commune only: it was a word
			// of text, below any « Mairie » elsewhere.
			if k := t.communeByFirstWord(words[i]); k != "" {
				commune, communeLen = k, 1
			} else if k := t.formerByFirstWord(words[i]); k != "" && !t.knownWord(words[i]) {
				// A former commune so called (« roumazieres » for
				// Roumazières-Loubert, of Terres-de-Haute-Charente),
				// unless records write the word: they are that part
				// of the commune (« hellemmes », of Hellemmes-Lille,
				// finds Hellemmes' places, not all of Lille's).
				commune, communeLen, otherName = k, 1, true
			}
		}
		if communeLen == 1 && !otherName && i+1 < n && !articled[words[i]] && articleOnly(commune) && needAt(words[i+1:], stems[i+1:]) {
			// A commune whose name begins with an article, typed
			// without it and before a word of need, heads a noun
			// phrase: « garde d'enfants », « garde enfants mercredi »
			// are child care, not La Garde (its places serving
			// families were full matches). Its records do not hold the
			// word through their commune's name. With the article
			// (« médiathèque la garde », « la garde aide numérique »)
			// or after the need, it is the commune.
			nounCommune[i] = commune
			commune, communeLen = "", 0
			if best != nil && best.place && !slices.Equal(best.tokens, words[i:i+bestLen]) {
				// Nor the département a form of it names (the Gard).
				best, bestLen = nil, 0
			}
		}
		if best != nil && best.place && communeLen >= bestLen && !slices.Equal(best.tokens, words[i:i+bestLen]) {
			// A commune written as typed before a département met by a
			// word form: « la garde » is La Garde, not the Gard.
			best, bestLen = nil, 0
		}
		postal := len(words[i]) == 5 && isDigitsOnly(words[i]) && len(t.byPostal[words[i]]) > 0
		district := districtCodes(words[i])
		l := max(bestLen, communeLen, 1)
		if bestLen == 0 && communeLen == 0 && !postal && district == nil {
			i++
			continue
		}
		var pr *placeRef
		// A phrase that is both a commune and a thesaurus entry
		// (« Cours », « Bus ») is read as the need: a helper who types
		// « cours » wants courses, not the places of Cours first. The
		// commune's places still match its name as text.
		ambiguous := best != nil && bestLen == l && !best.place
		if communeLen == l && !ambiguous {
			pr = &placeRef{words: words[i : i+l], kind: "commune", slots: t.byCommune[commune], rankFirst: true, otherName: otherName, commune: commune}
		} else if postal && l == 1 {
			pr = &placeRef{words: words[i : i+1], kind: "postal_code", slots: t.byPostal[words[i]], rankFirst: true}
		} else if district != nil && l == 1 {
			// A part of a city (« nord de marseille »): the postal
			// codes of its arrondissements.
			var slots []uint32
			for _, pc := range district {
				slots = append(slots, t.byPostal[pc]...)
			}
			slices.Sort(slots)
			pr = &placeRef{words: words[i : i+1], kind: "district", slots: slices.Compact(slots), rankFirst: true}
		}
		if best != nil && bestLen == l {
			for j := i; j < i+l; j++ {
				phraseTargets[j] = append(phraseTargets[j], best.targets...)
				phraseKeys[j] = append(phraseKeys[j], best.keys...)
				// A phrase of generic words only (« cours
				// d'informatique ») stays generic.
				inPhrase[j] = inPhrase[j] || l > 1 && slices.ContainsFunc(best.tokens, func(w string) bool { return !lex.generic[inflectionBase(w)] })
				// A word of a phrase of several words means what the
				// phrase means, not what it means alone: « rendez-vous »
				// in « sans rendez-vous » is not online booking.
				owned[j] = owned[j] || l > 1 && !best.place
				lacking[j] = lacking[j] || lacks(best)
			}
			// The words of a known name are matched together: where
			// they stand apart (a « Maison » in one record's name,
			// « jeunes » in its publics, « culture » in a theme), they
			// do not name the thing. Records writing the name, its
			// acronym or a kind of it hold the abbreviation's term.
			if len(best.keys) > 0 && l > 1 && !best.place && pr == nil {
				span[i] = l
				for j := i + 1; j < i+l; j++ {
					span[j] = -1
				}
			}
			// So are those of a phrase meaning only values no record
			// holds (« pass numérique »: no place of the files accepts
			// it): apart, its words are something else (the « PASS »
			// of Sisteron, « Passerelle »). Records writing the phrase
			// hold it; else the answer is empty, or partial beside other
			// words. Not a public nor a way of working found in the
			// records' text too (« non francophones », see
			// namedInText), nor what the person wants to do without
			// (« sans rendez-vous », see lacks).
			if l > 1 && !best.place && pr == nil && span[i] == 0 && len(best.targets) > 0 && !lacks(best) &&
				!slices.ContainsFunc(best.targets, func(tg lexTarget) bool {
					_, n := t.readingSet(tg.field, tg.value)
					return n > 0 || namedInText(tg.field) || t.namedKind(tg)
				}) {
				span[i] = l
				for j := i + 1; j < i+l; j++ {
					span[j] = -1
				}
				unheld[i] = best.tokens
			}
			if best.place {
				if pr == nil {
					pr = &placeRef{words: words[i : i+l], kind: "departement"}
				}
				for _, tg := range best.targets {
					if b := t.set(tg.field, tg.value); b != nil {
						pr.sets = append(pr.sets, b)
					}
				}
			}
		}
		if pr != nil {
			a.places = append(a.places, *pr)
			for j := i; j < i+l; j++ {
				placeOf[j] = len(a.places) - 1
			}
			covered += l
		}
		i += l
	}
	t.communesInDepartement(&a)
	t.communesBeginningWith(&a)
	t.communesWithin(&a, withinKM)
	a.placeOnly = covered == n && n > 0
	index := map[string]int{}
	for i, w := range words {
		if span[i] < 0 {
			continue
		}
		if span[i] > 1 {
			w = strings.Join(words[i:i+span[i]], " ")
			if _, dup := index[w]; !dup {
				index[w] = len(a.clauses)
				c := t.phraseClause(w, phraseTargets[i], phraseKeys[i])
				if unheld[i] != nil {
					t.addTextPhrase(&c, publicPhrase{tokens: unheld[i], entry: -1}, w, factorSynonym)
					c.fsize = c.size
				}
				a.clauses = append(a.clauses, c)
			}
			continue
		}
		if k, dup := index[w]; dup {
			c := &a.clauses[k]
			t.addSets(c, phraseTargets[i], false)
			t.addAbbrevTerms(c, phraseKeys[i])
			continue
		}
		index[w] = len(a.clauses)
		if street[i] {
			a.clauses = append(a.clauses, t.streetClause(w))
			continue
		}
		c := t.resolve(w, stems[i], phraseTargets[i], phraseKeys[i], owned[i], i == n-1)
		c.place = placeOf[i]
		c.lacking = lacking[i]
		c.condition = c.place < 0 && slices.ContainsFunc(phraseTargets[i], func(tg lexTarget) bool {
			return tg.field == FieldSpecificSupport && tg.how == HowSynonym
		})
		if pr := placeAt(&a, c.place); pr != nil && pr.kind == "commune" && len(pr.slots) == 0 {
			// A commune of the reference without a place of the
			// directory: no record is in it, so none holds its words
			// (« fort de france » is not « … du Fort » + « France
			// services »); the answer is empty, or partial beside
			// other words.
			c.terms, c.sets, c.size, c.fsize, c.suggest = nil, nil, 0, 0, ""
		}
		if c.place >= 0 && a.places[c.place].kind == "departement" {
			// A word read as a département is in a record's text as
			// something named after it elsewhere (Mortagne-sur-Gironde,
			// « … Charente-Maritime »): below the département itself
			// even in a name (4 × 0.4 < 2), as a word naming only a
			// need met elsewhere.
			for k := range c.terms {
				c.terms[k].factor *= factorNeedText
			}
		}
		if pr := placeAt(&a, c.place); pr != nil && pr.kind == "commune" && pr.centre == nil && len(pr.slots) > 0 {
			c.exclude = t.containingCommunes(pr.commune, pr.slots)
		}
		if k := nounCommune[i]; k != "" {
			c.exclude = t.containingCommunes(k, nil)
			if c.exclude == nil {
				c.exclude = make(bitset, (len(t.docs)+63)/64)
			}
			for _, slot := range t.byCommune[k] {
				c.exclude.set(slot)
			}
		}
		if pr := placeAt(&a, c.place); pr != nil && pr.centre != nil {
			// The records around a commune without places hold its
			// name's words; as text they matched any « saint ».
			c.terms, c.size, c.fsize, c.suggest = nil, 0, 0, ""
			t.addPlaceSlots(&c, pr, textFieldNames[fieldCommune], pr.commune)
		}
		if pr := placeAt(&a, c.place); pr != nil && pr.otherName {
			// Another name of a commune is held by the records in it,
			// which write its French name, and by those writing it; not
			// by the words spelt near it (« tourlaville »: Tourville-sur-
			// Arques's town hall; « jallais »: Saint-Médard-en-Jalles).
			c.terms = slices.DeleteFunc(c.terms, func(r termRef) bool { return r.fuzzy })
			c.sets = slices.DeleteFunc(c.sets, func(s setRef) bool { return s.fuzzy })
			c.fsize, c.suggest = c.size, ""
			t.addPlaceSlots(&c, pr, textFieldNames[fieldCommune], pr.commune)
		}
		if pr := placeAt(&a, c.place); pr != nil && pr.kind == "district" {
			// The records in the city's part hold it, as a postal
			// code's records hold the code.
			c.terms, c.size, c.fsize, c.suggest = nil, 0, 0, ""
			t.addPlaceSlots(&c, pr, FieldPostalCode, strings.ReplaceAll(pr.words[0], districtSep, " "))
		}
		if c.place >= 0 && a.places[c.place].kind == "postal_code" {
			// A postal code is held by the records at that code, as a
			// commune by those in it: beside a need (« 16000 impots »,
			// « aide numérique 13001 ») it restricts to them. It matched
			// no record's words before, so every such query was partial
			// and the code only a tier: the need's places elsewhere
			// followed, and generic words alone ranked names holding
			// them (« … Aide … » in La Réunion) before the code's places.
			t.addPlaceSlots(&c, &a.places[c.place], FieldPostalCode, a.places[c.place].words[0])
		}
		c.inPhrase = inPhrase[i]
		a.clauses = append(a.clauses, c)
	}
	t.addProcedureDesks(&a, placed)
	t.dropPublicEchoes(&a)
	markDedicatedKinds(&a)
	markSoft(&a, dated, near)
	markKindEchoes(&a)
	joinPublicSides(&a)
	markPriceOfAService(&a)
	markBeneficiaries(&a)
	markParentsConcern(&a)
	return a
}

// markParentsConcern reads a public beside parents as their children:
// in « parents d'ados et réseaux sociaux » the teenagers are whom the
// parents worry about, not the public of the place sought. Beside a word
// meaning the parenting theme (« parents », « parentalité »), a word whose
// meanings are only publics (and the kinds of place serving them: « ados »
// → the youth information points) ranks without filtering, in a partial
// answer too. Required, « ados » kept the one place of 186 holding
// parents, young people and social networks.
func markParentsConcern(a *analysis) {
	theme := func(c *clause, value string) bool {
		return slices.ContainsFunc(c.sets, func(x setRef) bool {
			return !x.fuzzy && x.t.field == FieldThemes && (value == "" || x.t.value == value)
		})
	}
	// publicOnly: the word's meanings are publics, declared or named
	// (« Point information jeunesse » for « ados »), and the kinds of
	// place serving them; the word itself in a name is no other meaning.
	publicOnly := func(c *clause) bool {
		is := false
		for _, x := range c.sets {
			switch {
			case x.fuzzy:
			case x.t.field == FieldPublics || x.t.field == FieldSpecificSupport || x.t.how == HowPublic:
				is = true
			case x.t.field == FieldTypologies && x.t.how == HowRelated:
			default:
				return false
			}
		}
		for _, tr := range c.terms {
			switch {
			case tr.fuzzy:
			case tr.how == HowPublic:
				is = true
			case tr.how == HowRelated || tr.how == HowExact || tr.how == HowStem:
			default:
				return false
			}
		}
		return is
	}
	// A word meaning the parenting theme alone: « médiateur numérique »
	// means every theme, parenting among them.
	parents := slices.ContainsFunc(a.clauses, func(c clause) bool {
		return !c.soft && c.place < 0 && slices.ContainsFunc(c.sets, func(x setRef) bool {
			return !x.fuzzy && x.t.field == FieldThemes && x.t.value == vocab.ThemeParenting && x.t.how == HowSynonym
		}) && !slices.ContainsFunc(c.sets, func(x setRef) bool {
			return !x.fuzzy && x.t.field == FieldThemes && x.t.value != vocab.ThemeParenting
		})
	})
	if !parents {
		return
	}
	for i := range a.clauses {
		c := &a.clauses[i]
		if !c.soft && c.place < 0 && !c.inPhrase && !theme(c, "") && publicOnly(c) {
			c.soft, c.echo = true, true
		}
	}
}

// markPriceOfAService reads a price (« pas cher », « petit prix ») beside a
// service rather than a device (« photocopie pas cher », « cours internet
// pas cher seniors ») as what the service costs: it ranks without
// filtering, in a partial answer too (most places are free, and no record
// says what cheap is). Required, it meant buying a refurbished device: the
// ressourceries and Emmaüs, one place of the 139 lending a photocopier,
// and the seniors read as whom a device was bought for. Beside a word
// naming a device (« ordi pas cher », « tablette à petit prix »), or
// alone, it is still that purchase.
func markPriceOfAService(a *analysis) {
	related := func(c *clause, field, value string) bool {
		return slices.ContainsFunc(c.sets, func(x setRef) bool {
			return !x.fuzzy && x.t.how == HowRelated && x.t.field == field && x.t.value == value
		})
	}
	price := func(c *clause) bool {
		// The words of a price relate to the solidarity-priced devices
		// and the ressourceries (those the directory holds), and mean
		// nothing themselves.
		return c.inPhrase && (related(c, FieldThemes, vocab.ThemeSolidarityEquipment) || related(c, FieldTypologies, "RESSOURCERIE")) &&
			!slices.ContainsFunc(c.sets, func(x setRef) bool { return x.t.how == HowSynonym || x.t.field == FieldKind })
	}
	means := func(c *clause, ok func(lexTarget) bool) bool {
		return slices.ContainsFunc(c.sets, func(x setRef) bool {
			return !x.fuzzy && (x.t.how == HowSynonym || x.t.how == HowVocabulary) && ok(x.t)
		})
	}
	device := func(t lexTarget) bool {
		return t.field == FieldThemes && (t.value == vocab.ThemeEverydayDigitalTools || t.value == vocab.ThemeSolidarityEquipment)
	}
	service := func(t lexTarget) bool {
		// A kind of service (a course, a workshop, a photocopier's
		// use) or internet access.
		return t.field == FieldKind && t.how == HowSynonym || t.field == FieldThemes && t.value == vocab.ThemeInternetAndEquipment
	}
	var prices []*clause
	served := false
	for i := range a.clauses {
		c := &a.clauses[i]
		switch {
		case c.place >= 0:
		case price(c):
			prices = append(prices, c)
		case means(c, device):
			return
		case means(c, service):
			served = true
		}
	}
	if !served {
		return
	}
	for _, c := range prices {
		c.soft, c.echo = true, true
	}
}

// markBeneficiaries reads the people a device is bought for as such: a
// device at a solidarity price is bought for someone (« ordinateur pour
// mon enfant collégien pas cher », « tablette à petit prix pour la
// famille »), and the places selling refurbished devices sell to anyone.
// In a query that asks only for a device at such a price (its other words
// name the device or that need), a word whose every meaning is a public
// or the parenting theme (the child, the pupil, the family) says whom the
// device is for, not where it is sold: it ranks without filtering, in a
// partial answer too. Required, the child's and the pupil's words kept
// the places helping parents (a partial answer, none selling devices)
// before the one place of the theme, eleventh. Beside another need
// (« mamie sans ordi doit déclarer ses impôts », « auto-école pas chère »)
// or a lacking (« sans ordi »: not a purchase) the words keep their sense.
func markBeneficiaries(a *analysis) {
	solidarity := func(x setRef) bool {
		// Through the thesaurus (« pas cher », « reconditionné »), not
		// a word of the theme's label: « informatique » is one.
		return !x.fuzzy && x.t.field == FieldThemes && x.t.value == vocab.ThemeSolidarityEquipment &&
			(x.t.how == HowSynonym || x.t.how == HowRelated)
	}
	device := func(x setRef) bool {
		return !x.fuzzy && x.t.field == FieldThemes &&
			(x.t.value == vocab.ThemeEverydayDigitalTools || x.t.value == vocab.ThemeInternetAndEquipment)
	}
	whom := func(c *clause) bool {
		is, other := false, false
		for _, x := range c.sets {
			switch {
			case x.fuzzy:
			case x.t.field == FieldPublics || x.t.field == FieldSpecificSupport || x.t.how == HowPublic ||
				x.t.field == FieldThemes && x.t.value == vocab.ThemeParenting:
				is = true
			default:
				other = true
			}
		}
		return is && !other
	}
	buys := false
	for i := range a.clauses {
		c := &a.clauses[i]
		switch {
		case c.soft || c.place >= 0 || whom(c):
		case c.lacking:
			return
		case slices.ContainsFunc(c.sets, solidarity):
			buys = true
		case !slices.ContainsFunc(c.sets, device):
			return
		}
	}
	if !buys {
		return
	}
	for i := range a.clauses {
		c := &a.clauses[i]
		if !c.soft && c.place < 0 && !c.inPhrase && whom(c) {
			c.soft, c.echo = true, true
		}
	}
}

// joinPublicSides reads a public word beside a phrase of need that means
// the same public (« étrangers » beside « cours de français », both
// meaning people who do not read French) as one need seen from two
// sides: a record holding either answers. The phrase's clauses also
// accept what the public word holds, and the public word ranks without
// filtering, in a partial answer too. Required on both
// sides, « cours de francais pour etrangers » kept the one place holding
// both, not the places teaching French nor those receiving asylum
// seekers.
func joinPublicSides(a *analysis) {
	for j := range a.clauses {
		pub := &a.clauses[j]
		if pub.inPhrase || pub.place >= 0 || pub.soft {
			continue
		}
		shares := func(c *clause) bool {
			return slices.ContainsFunc(c.sets, func(x setRef) bool {
				return x.t.how == HowPublic && !x.fuzzy && slices.ContainsFunc(pub.sets, func(y setRef) bool {
					return y.t.how == HowPublic && !y.fuzzy && y.t.field == x.t.field && y.t.value == x.t.value
				})
			})
		}
		joined := false
		for i := range a.clauses {
			c := &a.clauses[i]
			if i == j || !c.inPhrase || c.place >= 0 || c.soft || !shares(c) {
				continue
			}
			c.terms = append(c.terms, pub.terms...)
			c.sets = append(c.sets, pub.sets...)
			c.size, c.fsize = c.size+pub.size, c.fsize+pub.fsize
			joined = true
		}
		if joined {
			pub.soft, pub.echo = true, true
		}
	}
}

// markKindEchoes makes soft a word whose need the kind of place another
// word names already meets (« handicap » beside « mdph », the Maison
// départementale des personnes handicapées): it says again what the
// other word names, so it ranks without filtering, in a partial answer
// too (clause.echo). Counted, it kept only the records holding two words
// of three (« dossier mdph handicap »: the MDPH and a Cap emploi, where
// « dossier mdph » found every place helping with procedures after the
// MDPH).
func markKindEchoes(a *analysis) {
	names := func(j int, id uint32) bool {
		c := &a.clauses[j]
		return !c.soft && c.place < 0 && slices.ContainsFunc(c.terms, func(tr termRef) bool {
			return tr.id == id && tr.how != HowRelated && !tr.fuzzy
		})
	}
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.soft || c.place >= 0 || c.inPhrase {
			continue
		}
		echo := slices.ContainsFunc(c.terms, func(tr termRef) bool {
			if tr.how != HowRelated || tr.fuzzy {
				return false
			}
			for j := range a.clauses {
				if j != i && names(j, tr.id) {
					return true
				}
			}
			return false
		})
		if echo {
			c.soft, c.echo = true, true
		}
	}
}

// communesInDepartement reads a commune named beside a département it
// holds no place in (« montreuil pas de calais », « montreuil 62 ») as the
// communes of the directory in that département whose name begins with it:
// the Montreuil of the Pas-de-Calais is officially Montreuil-sur-Mer, and
// « montreuil » named only the Seine-Saint-Denis's.
func (t *table) communesInDepartement(a *analysis) {
	var deps []*bitset
	for _, pr := range a.places {
		if pr.kind == "departement" {
			deps = append(deps, pr.sets...)
		}
	}
	in := func(slot uint32) bool {
		return slices.ContainsFunc(deps, func(b *bitset) bool { return b.has(slot) })
	}
	if len(deps) == 0 {
		return
	}
	for i := range a.places {
		pr := &a.places[i]
		if pr.kind != "commune" || pr.commune == "" || slices.ContainsFunc(pr.slots, in) {
			continue
		}
		if more := t.communesBeginning(pr.commune, in); len(more) > 0 {
			pr.slots = more
		}
	}
}

// communesBeginningWith reads a commune the directory holds no place in as
// the directory's communes whose name begins with it (« saint etienne »
// where only Saint-Étienne-de-Tinée has places, « st maximin » for
// Saint-Maximin-la-Sainte-Baume): it answered nothing. The answer is
// partial (analysis.widened): they are other communes.
func (t *table) communesBeginningWith(a *analysis) {
	for i := range a.places {
		pr := &a.places[i]
		if pr.kind != "commune" || pr.commune == "" || len(pr.slots) > 0 || len(pr.sets) > 0 {
			continue
		}
		if more := t.communesBeginning(pr.commune, nil); len(more) > 0 {
			pr.slots, a.widened = more, true
		} else if t.communesAround(pr) {
			a.widened = true
		}
	}
}

// sharedSupportWords are the words and phrases a record's text names a
// specific support by that belong to several supports (« handicap »,
// « personne handicapée »), built at first use.
var sharedSupportWords = sync.OnceValue(func() map[string]bool {
	count := map[string]int{}
	for _, tm := range vocab.MustGet(FieldVocabularies[FieldSpecificSupport]).Terms {
		pk := publicKey(FieldSpecificSupport, tm.Value)
		words := slices.Clone(lex.publicWords[pk])
		for _, pp := range lex.publicPhrases[pk] {
			words = append(words, strings.Join(pp.tokens, " "))
		}
		for _, w := range slices.Compact(slices.Sorted(slices.Values(words))) {
			count[w]++
		}
	}
	out := map[string]bool{}
	for w, n := range count {
		if n > 1 {
			out[w] = true
		}
	}
	return out
})

// addBodyOffices makes the records named after a body whose procedures
// people need help with (« cpam », « caf »: also kinds of structure of the
// standard) and offering that help hold the word as a name does: they are
// its offices (« CPAM - Agence de Cholet » came 338th for « cpam », after
// every place helping with procedures, its name counted as a word naming
// a need met elsewhere). A record merely named after it (a « Centre social
// CAF » offering none of it) still comes after the places offering the
// need. terms are the word's own and its expansion's.
func (t *table) addBodyOffices(c *clause, terms []uint32) {
	var need []*bitset
	for _, sr := range c.sets {
		if sr.t.how == HowRelated && sr.t.field == FieldThemes {
			need = append(need, sr.set)
		}
	}
	if len(need) == 0 {
		return
	}
	var offices bitset
	for _, term := range terms {
		for _, e := range t.text.postings[term] {
			slot := e >> 8
			if e&(1<<fieldName) == 0 || !slices.ContainsFunc(need, func(b *bitset) bool { return b.has(slot) }) {
				continue
			}
			if offices == nil {
				offices = make(bitset, (len(t.docs)+63)/64)
			}
			offices.set(slot)
		}
	}
	if offices != nil {
		c.sets = append(c.sets, setRef{set: &offices, weight: float32(fieldWeight[fieldName]) * factorExact,
			t: lexTarget{field: textFieldNames[fieldName], value: c.word, factor: factorExact, how: HowExact}})
	}
}

// addBodyPoints ranks, among the records offering the need a word relates
// to, those also declaring a kind of structure or a programme it relates
// to, or one where what it names is a partner (lexicon.partners), before
// the others: « caf » and « cpam » (help with the CAF's and the Assurance
// maladie's procedures) found every place helping with procedures at one
// score (the probe's 3,069 tied), the France services, where both bodies
// are partners by law, among them in no order. They weigh as a narrower
// name does (factorKind): after the body's own values (the typology CAF,
// a Point d'accès numérique CAF, matched by their labels), before the
// need alone. A record declaring the kind without offering the need
// keeps its related weight; a partner alone is no match (a France
// services offering no help with procedures is not found by « caf »).
func (t *table) addBodyPoints(c *clause) {
	var need, body []setRef
	for _, sr := range c.sets {
		if sr.t.how != HowRelated || sr.fuzzy {
			continue
		}
		switch sr.t.field {
		case FieldThemes:
			need = append(need, sr)
		case FieldTypologies, FieldNationalProgrammes:
			body = append(body, sr)
		}
	}
	if len(need) == 0 {
		return
	}
	for _, tg := range lex.partners[c.word] {
		if b, _ := t.readingSet(tg.field, tg.value); b != nil {
			body = append(body, setRef{set: b, t: tg})
		}
	}
	// A point matches through the need it offers, which the match
	// explains (« impôts »: help with procedures); the kind or programme
	// only ranks it.
	for _, n := range need {
		var points bitset
		for _, b := range body {
			b.set.each(func(slot uint32) bool {
				if n.set.has(slot) {
					if points == nil {
						points = make(bitset, (len(t.docs)+63)/64)
					}
					points.set(slot)
				}
				return true
			})
		}
		if points != nil {
			tg := n.t
			tg.factor = factorKind
			c.sets = append(c.sets, setRef{set: &points, weight: float32(vocabWeight) * factorKind, t: tg})
		}
	}
}

// offeredBeforeNamed ranks the records declaring what a word means before
// those whose name merely holds it. A word meaning what a place offers —
// a need (« travail », « emploi »: help into work), or for a generic word
// how help is given (« apprendre »: a workshop) — was worth more in a
// name (4) than in the declared value (3 × 0.9): « travail » listed the
// « Haute école du travail et de l'intervention sociale », which offers
// no help into work, before the 250 places offering it, and « apprendre
// l'informatique » an « Apprendre le français » first. As a public
// declared outweighs a name mentioning it, the word's text matches now
// count as a need's met elsewhere (factorNeedText), and a name holding it
// keeps its weight where the record also declares what the word means
// (« L'îlot Travail », helping into work; « Pôle emploi »). Names of
// kinds of places (« médiathèque », « CCAS ») mean a typology and keep
// their weight: most records declare none.
// genericVerbs are the verbs of the thesaurus's generic words: what the
// person will do (learn, be helped, discover), which a name holding them
// says of something else (« Apprendre le français »).
var genericVerbs = map[string]bool{"apprendre": true, "aider": true, "accompagner": true, "decouvrir": true,
	"prendre": true, "demander": true, "inscrire": true, "renouveler": true}

func (t *table) offeredBeforeNamed(c *clause, targets []lexTarget, generic bool) {
	// A word of the value's own label (« internet » of « Accès internet
	// et matériel informatique ») is how places write that value: a name
	// holding it keeps its weight (« je comprends rien à internet » lost
	// the places named after the internet that teach it).
	labelWord := func(tg lexTarget) bool {
		return slices.ContainsFunc(targets, func(x lexTarget) bool {
			return x.how == HowVocabulary && x.field == tg.field && x.value == tg.value
		})
	}
	offered := func(tg lexTarget) bool {
		if tg.how != HowSynonym && tg.how != HowVocabulary || tg.factor < factorStem {
			return false
		}
		if tg.field == FieldThemes {
			return !labelWord(tg)
		}
		return generic && (tg.field == FieldKind || tg.field == FieldAccompanimentModes)
	}
	if generic && !genericVerbs[c.word] {
		// A generic noun (« atelier », « cours », « club ») in a name
		// says the kind of help the place gives, declared or not:
		// « atelier » lost 14 of its 20 judged workshops to places
		// declaring one.
		generic = false
	}
	// A kind of place by the thesaurus's meaning of the word, or, for a
	// word it does not know, by a label holding it. A label merely
	// holding a word the thesaurus gives another meaning (« travail » of
	// « France Travail ») does not make it one.
	names := func(tg lexTarget) bool { return tg.field == FieldTypologies || tg.field == FieldNationalProgrammes }
	entry := slices.ContainsFunc(targets, func(tg lexTarget) bool { return tg.how == HowSynonym })
	if slices.ContainsFunc(targets, func(tg lexTarget) bool { return names(tg) && (!entry || tg.how == HowSynonym) }) {
		return
	}
	var values []*bitset
	for _, sr := range c.sets {
		if offered(sr.t) {
			values = append(values, sr.set)
		}
	}
	if len(values) == 0 || len(c.terms) == 0 {
		return
	}
	named := slices.Clone(c.terms)
	for i := range c.terms {
		c.terms[i].factor *= factorNeedText
	}
	// The records naming the word and declaring what it means, by the
	// name field and the way the word matched (exact, another form).
	type key struct {
		field  int
		factor float32
		how    string
		value  string
	}
	holding := map[key]*bitset{}
	var order []key
	for _, tr := range named {
		if tr.fuzzy || tr.how != HowExact && tr.how != HowStem {
			continue
		}
		for _, e := range t.text.postings[tr.id] {
			slot := e >> 8
			if !slices.ContainsFunc(values, func(b *bitset) bool { return b.has(slot) }) {
				continue
			}
			for _, f := range []int{fieldName, fieldOwnerName} {
				if e&(1<<f) == 0 {
					continue
				}
				k := key{f, tr.factor, tr.how, t.text.terms[tr.id]}
				b := holding[k]
				if b == nil {
					nb := make(bitset, (len(t.docs)+63)/64)
					b = &nb
					holding[k] = b
					order = append(order, k)
				}
				b.set(slot)
			}
		}
	}
	for _, k := range order {
		c.sets = append(c.sets, setRef{set: holding[k], weight: float32(fieldWeight[k.field]) * k.factor,
			t: lexTarget{field: textFieldNames[k.field], value: k.value, factor: k.factor, how: k.how}})
	}
}

// containingCommunes returns the records of the directory's communes whose
// name holds the commune key name after its first word (Le Lion-d'Angers
// for Angers, Morières-lès-Avignon for Avignon) or begins with it and goes
// on (Arles-sur-Tech for Arles, La Garde-Freinet for La Garde), nil when
// none: their names repeat their commune's, so « imprimer angers » found
// the France services of Le Lion-d'Angers, 20 km away, as a full match in
// Angers, and « mission locale arles » the mission locale of
// Arles-sur-Tech, in the Pyrénées-Orientales. The records of the named
// place itself (slots: those of communes beginning with the name when
// the name has none, see communesBeginningWith) are never left out.
func (t *table) containingCommunes(name string, slots []uint32) bitset {
	first, _, _ := strings.Cut(name, " ")
	var out bitset
	add := func(k string) {
		if out == nil {
			out = make(bitset, (len(t.docs)+63)/64)
		}
		for _, slot := range t.byCommune[k] {
			out.set(slot)
		}
	}
	for _, k := range t.communeLater[first] {
		if k != name && strings.Contains(" "+k+" ", " "+name+" ") {
			add(k)
		}
	}
	for _, k := range t.communeFirst[first] {
		// An arrondissement written after its city (« Marseille 6e
		// Arrondissement ») is in it.
		if rest, ok := strings.CutPrefix(k, name+" "); ok && rest[0] > '9' && !strings.Contains(rest, "arrondissement") {
			add(k)
		}
	}
	for _, slot := range slots {
		if out.has(slot) {
			out[slot>>6] &^= 1 << (slot & 63)
		}
	}
	return out
}

// knownWord says whether some record's text, or the vocabulary, holds w.
func (t *table) knownWord(w string) bool {
	if id, ok := t.text.ids[w]; ok && len(t.text.postings[id]) > 0 {
		return true
	}
	return lex.known[w] || len(lex.labels[w]) > 0 || lex.generic[inflectionBase(w)] || len(lex.phrases[w]) > 0
}

// referenceCentre is the centre of the commune of the reference whose key
// (communeKey) is name, the most populous of homonyms, as a person naming
// one without more would mean; nil when none has a centre.
func referenceCentre(name string) *Point {
	var c *commune.Commune
	for _, x := range referenceByKey()[name] {
		if x.HasCentre && (c == nil || x.Population > c.Population) {
			c = x
		}
	}
	if c == nil {
		return nil
	}
	return &Point{Lat: c.Lat, Lon: c.Lon}
}

// Radii around a commune without places (communesAround): the first that
// holds a record is taken.
var aroundRadiiKM = []float64{10, 25, 50}

// communesAround reads a commune of the reference without any place in the
// directory (« st tropez », « sotteville les rouen », « saint etienne du
// rouvray ») as the records around its centre: the nearest radius of
// aroundRadiiKM holding some. It answered nothing, or another commune
// whose name it begins with (Saint-Étienne, 500 km away, for
// Saint-Étienne-du-Rouvray). Homonyms (several communes of the name) are
// read as the most populous, as a person naming one without more would
// mean. False when the commune has no centre or no record is near.
func (t *table) communesAround(pr *placeRef) bool {
	centre := referenceCentre(pr.commune)
	if centre == nil {
		return false
	}
	for _, r := range aroundRadiiKM {
		if slots := t.recordsWithin(centre, r); len(slots) > 0 {
			pr.slots, pr.centre, pr.radius = slots, centre, r
			return true
		}
	}
	return false
}

// recordsWithin returns, sorted, the located records within km of centre.
func (t *table) recordsWithin(centre *Point, km float64) []uint32 {
	o := newOrigin(centre)
	maxHav := kmHav(km)
	var slots []uint32
	t.geo.within(centre.Lat, centre.Lon, km, func(slot uint32) {
		if sp := &t.pos[slot]; sp.located && o.hav(sp.x, sp.y, sp.z) <= maxHav {
			slots = append(slots, slot)
		}
	})
	slices.Sort(slots)
	return slices.Compact(slots)
}

// communesWithin reads a commune named beside a distance (« moins de 10 km
// d'angoulême », « cavaillon 5km ») as the records within that distance of
// its centre and its own records: the commune and its neighbours, as a
// helper asking so means. At most MaxRadiusKM, as near=…&radius_km.
func (t *table) communesWithin(a *analysis, km float64) {
	if km <= 0 {
		return
	}
	km = min(km, MaxRadiusKM)
	for i := range a.places {
		pr := &a.places[i]
		if pr.kind != "commune" || pr.commune == "" {
			continue
		}
		centre := referenceCentre(pr.commune)
		if centre == nil {
			continue
		}
		slots := append(t.recordsWithin(centre, km), pr.slots...)
		slices.Sort(slots)
		pr.slots, pr.centre, pr.radius = slices.Compact(slots), centre, km
	}
}

// communeByFirstWord returns the key of the one commune of the directory
// whose name begins with the word w and goes on (« barbezieux saint
// hilaire »), "" when none or several do (« saint », « villeneuve »).
func (t *table) communeByFirstWord(w string) string {
	found := ""
	for _, k := range t.communeFirst[w] {
		if strings.HasPrefix(k, w+" ") && len(t.byCommune[k]) > 0 {
			if found != "" {
				return ""
			}
			found = k
		}
	}
	return found
}

// communesBeginning returns, sorted, the records (those keep accepts; all
// when it is nil) of the directory's communes whose key begins with the
// commune key name and a space.
func (t *table) communesBeginning(name string, keep func(uint32) bool) []uint32 {
	first, _, _ := strings.Cut(name, " ")
	var more []uint32
	for _, k := range t.communeFirst[first] {
		if strings.HasPrefix(k, name+" ") {
			for _, slot := range t.byCommune[k] {
				if keep == nil || keep(slot) {
					more = append(more, slot)
				}
			}
		}
	}
	slices.Sort(more)
	return slices.Compact(more)
}

// addPlaceSlots makes the records of a place the query names hold its
// clause, weighing as a named place.
func (t *table) addPlaceSlots(c *clause, pr *placeRef, field, value string) {
	b := make(bitset, (len(t.docs)+63)/64)
	t.placeBits(pr, b)
	c.sets = append(c.sets, setRef{set: &b, weight: placeWeight * factorExact,
		t: lexTarget{field: field, value: value, factor: factorExact, how: HowPlace}})
	c.size += len(pr.slots)
	c.fsize += len(pr.slots)
}

func placeAt(a *analysis, i int) *placeRef {
	if i < 0 {
		return nil
	}
	return &a.places[i]
}

// dropPublicEchoes removes from each clause the publics it reaches as a
// related need (« contrôle parental » → families) that another word of
// the query names itself (« familles »): the query already says whom it
// is for, and the bridge would let every place declaring families hold
// « contrôle parental » too, ranking them above the places offering it.
func (t *table) dropPublicEchoes(a *analysis) {
	named := func(i int, b *bitset) bool {
		for j := range a.clauses {
			if j != i && slices.ContainsFunc(a.clauses[j].sets, func(s setRef) bool { return s.set == b && s.t.how != HowRelated && !s.fuzzy }) {
				return true
			}
		}
		return false
	}
	for i := range a.clauses {
		c := &a.clauses[i]
		kept := c.sets[:0]
		for _, sr := range c.sets {
			if sr.t.how == HowRelated && !sr.fuzzy && isPublicField(sr.t.field) && named(i, sr.set) {
				_, n := t.setCount(sr.t.field, sr.t.value)
				c.size, c.fsize, c.related = max(c.size-n, 0), max(c.fsize-n, 0), max(c.related-n, 0)
				continue
			}
			kept = append(kept, sr)
		}
		c.sets = kept
	}
}

// markDedicatedKinds: a kind of place found by a word of need as the
// place meeting it (a Mission locale for « emploi », see needKinds) and by
// a word of public as the place dedicated to that public (a Mission locale
// for « jeunes », a Cap emploi for « handicap ») is what the query asks
// for: its records weigh, for each of the two words, what the records
// declaring it do. « jeunes emploi » in Marseille listed its four
// Missions locales 24th to 27th, after every place declaring young people
// and employment (verify 39); they now rank among them.
func markDedicatedKinds(a *analysis) {
	kind := func(sr setRef) bool {
		return sr.t.how == HowRelated && !sr.fuzzy && (sr.t.field == FieldTypologies || sr.t.field == FieldNamed)
	}
	declared := func(c *clause, fields func(string) bool) float32 {
		w := float32(0)
		for _, sr := range c.sets {
			if sr.t.how != HowRelated && !sr.fuzzy && fields(sr.t.field) {
				w = max(w, sr.weight)
			}
		}
		return w
	}
	need := func(f string) bool { return f == FieldThemes }
	for i := range a.clauses {
		ci := &a.clauses[i]
		needW := declared(ci, need)
		if needW == 0 {
			continue
		}
		for j := range a.clauses {
			cj := &a.clauses[j]
			publicW := declared(cj, isPublicField)
			if j == i || publicW == 0 {
				continue
			}
			for k, sr := range ci.sets {
				if !kind(sr) {
					continue
				}
				for l, pr := range cj.sets {
					if kind(pr) && pr.t.field == sr.t.field && pr.t.value == sr.t.value {
						ci.sets[k].weight = max(sr.weight, needW)
						cj.sets[l].weight = max(pr.weight, publicW)
					}
				}
			}
			// The kind written in names (« Mission locale de
			// Marseille »), as the words of a name weigh.
			nameW := float32(fieldWeight[fieldName])
			for k, tr := range ci.terms {
				if tr.how != HowRelated || tr.fuzzy {
					continue
				}
				for l, pr := range cj.terms {
					if pr.id == tr.id && pr.how == HowRelated && !pr.fuzzy {
						ci.terms[k].factor = max(tr.factor, needW/nameW)
						cj.terms[l].factor = max(pr.factor, publicW/nameW)
					}
				}
			}
		}
	}
}

// markSoft marks the generic words of a query that rank without filtering:
// those standing alone (not in a place, nor in a phrase of several words
// unless all generic, « cours d'informatique ») beside at least one word
// that is not generic. A query made only of generic words (« initiation
// informatique », « ateliers numériques ») requires them all, as any
// other query.
func markSoft(a *analysis, dated, near map[string]bool) {
	// Another need beside what the person lacks: a word the thesaurus
	// gives a meaning (« impôts »), not a word of text or of a label
	// only (« maison » in « je n'ai pas internet à la maison », a word of
	// « Maison France services », which alone would then filter).
	need := slices.ContainsFunc(a.clauses, func(c clause) bool {
		return !c.lacking && c.place < 0 && !lex.generic[inflectionBase(c.word)] &&
			slices.ContainsFunc(c.sets, func(sr setRef) bool { return sr.t.how == HowSynonym || sr.t.how == HowRelated })
	})
	// A foreign language beside other words (« aide démarches en
	// russe »): whom the help is for, met where people who do not speak
	// French are received; the other words rank without filtering (no
	// place declares both, and the language was missing from every
	// answer).
	// So do the people in exile (« refugies demarches titre de
	// sejour », « migrants carte de sejour »), received where they
	// arrive (the CADA and HUDA, whose records declare only the
	// everyday tools): required, the need kept the places helping with
	// procedures and none of the reception centres.
	language := slices.ContainsFunc(a.clauses, foreignLanguage) || slices.ContainsFunc(a.clauses, exiled)
	// A commune or a part of a city beside a landmark says where the
	// landmark is; without one, the landmark is where the person is
	// (« imprimer à côté de la gare »), required.
	placed := slices.ContainsFunc(a.clauses, func(c clause) bool { return c.place >= 0 })
	// A public beside a need and a commune (« club informatique retraités
	// toulouse »): within the commune the places meeting the need are
	// where the person can go, those naming or declaring the public
	// first; required, the public kept two places of Toulouse named
	// « senior » (a restaurant) and none of the twelve helping with
	// computers. Without a commune it is still required.
	public := func(c clause) bool {
		isPublic := func(t lexTarget) bool { return t.field == FieldPublics }
		if slices.ContainsFunc(c.sets, func(sr setRef) bool { return isPublic(sr.t) }) ||
			slices.ContainsFunc(lex.labels[c.word], isPublic) {
			return true
		}
		return slices.ContainsFunc(lex.phrases[c.word], func(p *lexPhrase) bool {
			return len(p.tokens) == 1 && slices.ContainsFunc(p.targets, func(t lexTarget) bool { return isPublic(t) && t.how == HowSynonym })
		})
	}
	publicBeside := func(i int) bool {
		c := a.clauses[i]

		if !placed || c.place >= 0 || c.inPhrase || c.lacking || !public(c) {
			return false
		}
		return slices.ContainsFunc(a.clauses, func(o clause) bool {
			return o.word != c.word && o.place < 0 && !o.lacking && !public(o) && slices.ContainsFunc(o.sets, func(sr setRef) bool {
				return sr.t.field == FieldThemes || sr.t.field == FieldKind
			})
		})
	}
	// Who the person is by a trade the thesaurus relates to a kind of
	// place only (« commerçant », « artisan », « boulangère »: the
	// chambers of commerce and trades) beside a need (« site web »,
	// « facture électronique »): whom the need is for, as a public; the
	// need ranks the places meeting it, those of that kind first.
	// Required, it kept the few chambers and names holding the word
	// (« boulangere veut vendre en ligne »: no chamber declares selling
	// online).
	// Not when the need itself leads to that kind of place
	// (« domiciliation personne qui dort dans la rue »: both the CCAS).
	tradeBeside := func(i int) bool {
		c := a.clauses[i]
		if !relatedKindOnly(c) {
			return false
		}
		sameKind := func(sr setRef) bool {
			return sr.t.field == FieldTypologies && slices.ContainsFunc(c.sets, func(x setRef) bool {
				return x.t.field == FieldTypologies && x.t.value == sr.t.value
			})
		}
		return slices.ContainsFunc(a.clauses, func(o clause) bool {
			return o.word != c.word && o.place < 0 && !relatedKindOnly(o) && !slices.ContainsFunc(o.sets, sameKind) &&
				slices.ContainsFunc(o.sets, func(sr setRef) bool {
					return sr.t.field == FieldThemes && (sr.t.how == HowSynonym || sr.t.how == HowRelated)
				})
		})
	}
	hard := 0
	for i := range a.clauses {
		c := &a.clauses[i]
		c.soft = tradeBeside(i) || c.place < 0 && !c.inPhrase && !strings.Contains(c.word, " ") && (lex.generic[inflectionBase(c.word)] || streetKinds[c.word] || placed && (landmarks[c.word] || near[c.word] || ownPlace[c.word]) || placeQualifiers[c.word] || dated[c.word] ||
			documentWords[c.word] || i > 0 && documentWords[a.clauses[i-1].word] && a.clauses[i-1].place < 0 ||
			paperWords[c.word] && slices.ContainsFunc(a.clauses, func(o clause) bool { return printWords[o.word] })) ||
			c.place < 0 && c.lacking && need || publicBeside(i) ||
			c.place < 0 && language && !foreignLanguage(*c) && !exiled(*c)
		if !c.soft {
			hard++
		}
	}
	// The need beside a public made soft is then what is required: its
	// generic words that carry a meaning (« cours informatique seniors
	// cannes »: the places of Cannes helping with computers, not all of
	// Cannes's places), when the need is written in them only; beside a
	// need word that is required they rank (« aide internet seniors
	// nice »: « aide » required kept two places helping with procedures
	// and not the Maison des Seniors giving access to the internet).
	needWord := slices.ContainsFunc(a.clauses, func(c clause) bool { return !c.soft && c.place < 0 })
	if !needWord && slices.ContainsFunc(a.clauses, func(c clause) bool { return c.soft && c.place < 0 && public(c) && placed }) {
		for i := range a.clauses {
			c := &a.clauses[i]
			if c.soft && !public(*c) && c.place < 0 && !c.lacking && lex.generic[inflectionBase(c.word)] &&
				slices.ContainsFunc(c.sets, func(sr setRef) bool { return sr.t.field == FieldThemes || sr.t.field == FieldKind }) {
				c.soft = false
				hard++
			}
		}
	}
	if hard == 0 {
		// Only soft words. A document and whose it is (« attestation
		// caf », « j'ai reçu un courrier de la caf »): the body or need
		// after the document is required, the document still ranks
		// (« courrier », required, was spelt « courriel » and kept the
		// places teaching e-mail). Otherwise every word is required.
		for i := range a.clauses {
			c := &a.clauses[i]
			if i > 0 && documentWords[a.clauses[i-1].word] && a.clauses[i-1].place < 0 && !documentWords[c.word] &&
				!lex.generic[inflectionBase(c.word)] && c.place < 0 && !c.inPhrase && !strings.Contains(c.word, " ") {
				c.soft = false
				hard++
			}
		}
	}
	if hard == 0 {
		for i := range a.clauses {
			a.clauses[i].soft = false
		}
	}
}

// rankConditions: no record holds every word of a query naming a
// condition of the person (« sourd », « aveugle », « je parle pas bien
// français »: a specific support the words mean) beside a need met by a
// body or procedure it relates to (« aide caf », « impôts »). The places
// meeting the need are then where the person can go, those declaring the
// support first: the condition ranks without filtering. Both required,
// the most-words fallback ranked the places receiving non-French speakers
// that do not help with the CAF before those that do (P@5 0). Where places
// meet both (« malentendant atelier smartphone »), both stay required, as
// before. A word of level or skill only (« cours de français pour
// étrangers débutants ») is no such need. A foreign language and the
// people in exile keep their rule (markSoft): their reception is what is
// sought. It reports whether a clause turned soft.
func (a *analysis) rankConditions() bool {
	condition := func(c clause) bool { return c.condition && !c.soft && !foreignLanguage(c) && !exiled(c) }
	need := slices.ContainsFunc(a.clauses, func(o clause) bool {
		return !condition(o) && !o.soft && o.place < 0 && !o.lacking && slices.ContainsFunc(o.sets, func(sr setRef) bool {
			return sr.t.field == FieldThemes && sr.t.how == HowRelated
		})
	})
	if !need {
		return false
	}
	changed := false
	for i := range a.clauses {
		if c := &a.clauses[i]; condition(*c) {
			c.soft, changed = true, true
		}
	}
	return changed
}

// relatedKindOnly reports whether a clause, a word or a phrase (« profession
// libérale »), means through the thesaurus only kinds of places where it
// is met (« commerçant » → the chambers of commerce): no value of its own,
// no need. Read from the thesaurus's targets, not from the index's sets: a
// word whose own values no record declares (« handicap », the specific
// supports) is not one.
func relatedKindOnly(c clause) bool {
	if c.place >= 0 {
		return false
	}
	tokens := strings.Fields(c.word)
	if len(tokens) == 0 {
		return false
	}
	for _, p := range lex.phrases[tokens[0]] {
		if !slices.Equal(p.tokens, tokens) {
			continue
		}
		kind := false
		for _, t := range p.targets {
			if t.field != FieldTypologies || t.how != HowRelated {
				return false
			}
			kind = true
		}
		return kind
	}
	return false
}

// foreignLanguage reports whether a clause names a language other than
// French and French sign language (« russe », « arabe »: a label of the
// languages' vocabulary).
func foreignLanguage(c clause) bool {
	return slices.ContainsFunc(lex.labels[c.word], func(t lexTarget) bool {
		return t.field == FieldLanguages && t.value != vocab.LanguageFrench && t.value != vocab.LanguageFrenchSign
	})
}

// exileWords name the people in exile themselves; « étranger » (a
// foreigner's procedure: « titre de séjour étranger ») and « allophone »
// (a language, not a reception) do not.
var exileWords = map[string]bool{"refugi": true, "migrant": true, "exil": true} // by inflectionBase

// exiled reports whether a clause, a word alone, names the people in exile
// (« réfugiés », « migrants »: words of the thesaurus's synonyms of the
// support of people speaking other languages).
func exiled(c clause) bool {
	return c.place < 0 && !c.inPhrase && exileWords[inflectionBase(c.word)] && slices.ContainsFunc(lex.phrases[c.word], func(p *lexPhrase) bool {
		return len(p.tokens) == 1 && slices.ContainsFunc(p.targets, func(t lexTarget) bool {
			return t.field == FieldSpecificSupport && t.value == vocab.SupportForeignLanguageOther && t.how == HowSynonym
		})
	})
}

// lacks reports whether a phrase says that the person lacks a computer or a
// connection (« sans ordinateur », « pas d'ordi », « sans internet »: its
// first word is « sans » or « pas » and it relates to access to equipment).
// Beside another need the person wants that need met, where they will not
// need their own device (« mamie sans ordi doit déclarer ses impôts »:
// requiring access kept one place of the 125 helping older people with
// procedures); alone it is the need for access, required as any word.
//
// A way in the person wants to do without (« sans rendez-vous »: walk-in
// access) likewise: beside a need it ranks the places saying so first,
// few places publish their access modes (none of the reference files
// does, and « imprimer sans rendez-vous » found one « Aux Rendez-Vous du
// Loup »).
func lacks(p *lexPhrase) bool {
	if len(p.tokens) < 2 || p.tokens[0] != "sans" && p.tokens[0] != "pas" {
		return false
	}
	return slices.ContainsFunc(p.targets, func(tg lexTarget) bool {
		return tg.field == FieldThemes && tg.value == vocab.ThemeInternetAndEquipment ||
			p.tokens[0] == "sans" && tg.field == FieldAccessModes
	})
}

// documentWords name what is printed, scanned or sent (« imprimer une
// attestation caf », « scanner un justificatif »): beside a need they and
// the word after them, whose document it is, rank the places holding them
// first without requiring them (« caf », required, kept one place of 22
// with a printer). Alone (« attestation caf ») they are required as any
// word.
var documentWords = map[string]bool{"attestation": true, "attestations": true, "document": true, "documents": true,
	"justificatif": true, "justificatifs": true, "courrier": true, "courriers": true, "facture": true, "factures": true,
	"certificat": true, "certificats": true, "billet": true, "billets": true, "releve": true, "releves": true}

// paperWords are documents as people say them, but « papiers » is also
// the administrative procedures (« aide papiers »): beside a word of
// printing or scanning (printWords) they are what is printed and rank
// without being required (« scanner papiers toulon », required, kept the
// one place of five helping with procedures too).
var paperWords = map[string]bool{"papier": true, "papiers": true, "feuille": true, "feuilles": true}
var printWords = map[string]bool{"imprimer": true, "impression": true, "imprimante": true, "photocopie": true,
	"photocopier": true, "photocopies": true, "scanner": true, "scan": true, "scanneur": true, "numeriser": true, "numerisation": true, "print": true}

// streetKinds are the kinds of streets (« place de la Mairie », « rue de la
// Gare »): beside other words they say where, and rank the addresses
// holding them first without requiring them (« wifi place de la mairie »
// required « place », found in few addresses and in « à ma place »).
var streetKinds = map[string]bool{"place": true, "rue": true, "avenue": true, "boulevard": true, "bd": true,
	"allee": true, "chemin": true, "quai": true, "impasse": true, "square": true, "esplanade": true, "route": true}

// streetWords marks the words of a query shaped as a street address
// without a commune: an optional house number, a kind of street, then
// words (« 3 rue de la mairie », « place de l hotel de ville »). The kind
// and the words after it are the street's name, looked for in addresses
// only: « mairie » and « hôtel de ville » read as a kind of place listed
// the town halls of France before the places at that address. A commune
// or postal code ending the query, after a word of the street, is still a
// place (« 3 rue de la mairie jaux »). « mairie » alone or beside other
// words (« aide mairie », « wifi place de la mairie ») is read as before.
func (t *table) streetWords(words []string) []bool {
	n := len(words)
	k := 0
	if n > 0 && strings.HasPrefix(words[0], "#") {
		k = 1
	}
	if k+1 >= n || !streetKinds[words[k]] {
		return make([]bool, n)
	}
	street := make([]bool, n)
	for i := k; i < n; i++ {
		if i > k+1 {
			if _, l, _ := t.communeAt(words[i:]); l > 0 && i+l == n {
				break
			}
			if i == n-1 && len(words[i]) == 5 && isDigitsOnly(words[i]) {
				break
			}
		}
		// A number and month inside the name (« place du 14 juillet »)
		// are read as the date they are (see dated in analyze):
		// addresses hold no numbers but the house's.
		street[i] = !isDigitsOnly(words[i]) && numberValues[words[i]] == 0 && !months[words[i]]
	}
	return street
}

// streetClause is a word of a street's name (streetWords): the word
// itself, in addresses only (see fieldMask).
func (t *table) streetClause(w string) clause {
	c := clause{word: w, place: -1, street: true}
	if id, ok := t.text.ids[w]; ok && len(t.text.postings[id]) > 0 {
		c.terms = []termRef{{id: id, factor: factorExact}}
		c.size = len(t.text.postings[id])
		c.fsize = c.size
	}
	return c
}

// landmarks are the buildings people say a place is near (« à côté de
// l'université toulouse », « près de l'hôpital de Sault »): beside a
// commune they say where in it, as a street's kind does, and rank the addresses
// and names holding them first without requiring them (« université »,
// required, kept the one place of Toulouse at « rue de l'Université »).
// Kinds of places of the directory (mairie, poste, médiathèque) and
// words that also name a need or an app (école, collège, lycée) are not
// landmarks.
var landmarks = map[string]bool{"gare": true, "gares": true, "hopital": true, "hopitaux": true, "clinique": true,
	"universite": true, "fac": true, "faculte": true, "campus": true, "eglise": true, "cathedrale": true, "stade": true,
	"piscine": true, "cinema": true, "musee": true, "aeroport": true, "metro": true, "tram": true, "tramway": true,
	"supermarche": true, "hypermarche": true, "cimetiere": true}

// placeQualifiers say which one of a kind of place (« bibliothèque de
// quartier », « mairie annexe », « médiathèque municipale »): beside the
// kind they rank the places holding them first without requiring them
// (« quartier » required found the maisons and mairies de quartier and
// no library). « maison de quartier » is a phrase of its own, left whole.
var placeQualifiers = map[string]bool{"quartier": true, "quartiers": true, "annexe": true, "annexes": true,
	"municipal": true, "municipale": true, "municipaux": true, "municipales": true, "communal": true, "communale": true,
	"communaux": true, "communales": true, "intercommunal": true, "intercommunale": true, "principal": true, "principale": true}

// hardCount is the number of clauses every result must hold.
// echoCount counts the clauses that are soft in a partial answer too.
func (a *analysis) echoCount() int {
	n := 0
	for _, c := range a.clauses {
		if c.echo {
			n++
		}
	}
	return n
}

func (a *analysis) hardCount() int {
	n := 0
	for i := range a.clauses {
		if !a.clauses[i].soft {
			n++
		}
	}
	return n
}

// wordsAt returns how many words the space-separated key spells at the
// start of words, 0 when it does not (without splitting key: some first
// words, « saint », start hundreds of communes).
func wordsAt(key string, words []string) int {
	n := 0
	for key != "" {
		w, rest, _ := strings.Cut(key, " ")
		if n >= len(words) || words[n] != w {
			return 0
		}
		n, key = n+1, rest
	}
	return n
}

// outvoted drops the word's own meanings that its phrase contradicts: a
// value of a field the phrase gives other values of (« rendez-vous »
// alone is online booking or a call, « sans rendez-vous » is walking in:
// both access modes). Meanings in fields the phrase does not speak of,
// and those it shares, stay.
func outvoted(own, phrase []lexTarget) []lexTarget {
	says := map[string]map[string]bool{}
	for _, tg := range phrase {
		if tg.how == HowRelated {
			continue
		}
		if says[tg.field] == nil {
			says[tg.field] = map[string]bool{}
		}
		says[tg.field][tg.value] = true
	}
	return slices.DeleteFunc(own, func(tg lexTarget) bool {
		vals, ok := says[tg.field]
		return ok && !vals[tg.value]
	})
}

// yieldLabels lowers to a related need's factor the values a word reaches
// as a word of their labels in a field where its own thesaurus entry
// gives it other values: « informatique » means the everyday tools
// (Maîtrise des outils numériques du quotidien), and « Accès internet et
// matériel informatique » merely holds it — « formation informatique »
// showed places offering access to equipment only among the first. The
// label's values stay found, after the entry's.
func yieldLabels(own, entry []lexTarget) {
	for i, tg := range own {
		if tg.how != HowVocabulary {
			continue
		}
		inField, same := false, false
		for _, e := range entry {
			if e.how == HowSynonym && e.field == tg.field {
				inField, same = true, same || e.value == tg.value
			}
		}
		if inField && !same {
			own[i].factor = min(tg.factor, factorRelated)
		}
	}
}

// phraseAt reports whether words begin with the phrase's tokens, each
// written as the token or as another form of it (see sameForm).
func phraseAt(tokens, tstems, words, wstems []string) bool {
	for k, tok := range tokens {
		if words[k] != tok && (tstems[k] == "" || wstems[k] != tstems[k] || !sameForm(words[k], tok)) {
			return false
		}
	}
	return true
}

func isDigitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// resolve finds what a word matches: terms of the index and values of the
// lexicon.
// typing: w ends the query, perhaps still being typed.
func (t *table) resolve(w, st string, phrase []lexTarget, keys []lexKey, owned, typing bool) clause {
	ti := t.text
	c := clause{word: w, place: -1}
	var seen map[uint32]bool // once the terms are many (a short prefix)
	addTerm := func(id uint32, f float32, how string, fuzzy bool) {
		if len(ti.postings[id]) == 0 {
			return
		}
		// Most words match a few terms: a scan is cheaper than a map.
		if seen == nil && len(c.terms) >= 16 {
			seen = map[uint32]bool{}
			for _, tr := range c.terms {
				seen[tr.id] = true
			}
		}
		if seen != nil && seen[id] || seen == nil && slices.ContainsFunc(c.terms, func(tr termRef) bool { return tr.id == id }) {
			return
		}
		if seen != nil {
			seen[id] = true
		}
		c.terms = append(c.terms, termRef{id, f, how, fuzzy})
		if fuzzy {
			c.fsize += len(ti.postings[id])
		} else {
			c.size += len(ti.postings[id])
		}
	}
	id, exact := ti.ids[w]
	exact = exact && len(ti.postings[id]) > 0
	// Other forms of the word: the terms and lexicon words sharing its
	// stem that are the same word inflected (not « initiative » for
	// « initiation »).
	var forms []uint32
	var lexForms []string
	if st != "" {
		for _, id := range ti.stems[st] {
			if sameForm(w, ti.terms[id]) {
				forms = append(forms, id)
			}
		}
		for _, lw := range lex.stems[st] {
			if lw != w && sameForm(w, lw) {
				lexForms = append(lexForms, lw)
			}
		}
	}
	// A generic word of the thesaurus (« compte », « atelier ») is known
	// too, though no record writes it: it is never a misspelling of
	// another word (« compte » read as the commune of Comps).
	known := exact || lex.known[w] || len(forms) > 0 || len(lexForms) > 0 || lex.generic[inflectionBase(w)]
	if exact {
		addTerm(id, factorExact, HowExact, false)
	}
	for _, id := range forms {
		addTerm(id, factorStem, HowStem, false)
	}
	// A short word the vocabulary knows (« fle », « caf », « ent ») is
	// written whole: it is not the start of longer words (« Flers »,
	// « café », « entreprise »), which would stand for it when no record
	// offers what it means.
	// So is a short word some record writes whole before the end of the
	// query, where the person has finished typing it (« mai » of « belle
	// de mai dispositif »: not « main », « maison »; three letters begin
	// too many words), or a month ending it (« belle de mai »). The last
	// word may be the beginning of one (« conseiller num », « point fr »).
	shortWhole := len([]rune(w)) <= maxWholeLen && (exact || lex.known[w]) && (!typing || months[w])
	if len([]rune(w)) >= 2 && !(lex.known[w] && len([]rune(w)) <= maxWholeLen) && !shortWhole {
		f := float32(factorPrefix)
		if known {
			f = factorPrefixOfKn
		}
		for _, id := range ti.prefixed(w) {
			addTerm(id, f, HowPrefix, false)
		}
	}
	// A word the thesaurus knows only as a need met elsewhere
	// (« retraite », « mutuelle », « permis »: help with procedures) is in
	// a record's text as something else (a foyer « Joyeuse Retraite »,
	// « Harmonie mutuelle »): those records come after the places
	// offering the need.
	needOnly := len(phrase) > 0 && !slices.ContainsFunc(phrase, func(tg lexTarget) bool { return tg.how != HowRelated }) &&
		slices.ContainsFunc(phrase, func(tg lexTarget) bool { return tg.field == FieldThemes })
	// A generic word inside a phrase of the thesaurus (« accompagnement »
	// of « accompagnement individuel », the standard's modality) means
	// what the phrase means: alone in a record's text it is how the record
	// names itself (« Languedoc Accompagnement »), which came before the
	// places declaring the modality. Its text matches count as a word
	// naming only a need met elsewhere.
	// So is a word of a phrase naming a need (« adresse » of « adresse
	// mail », « créer une adresse mail »): in a record's name it is
	// something else (the CMS of Sainte-Adresse came first). A phrase
	// naming a kind of place (« maison france services ») is what the
	// names say, and keeps its words' weight.
	needPhrase := owned && len(phrase) > 0 && slices.ContainsFunc(phrase, func(tg lexTarget) bool { return tg.field == FieldThemes }) &&
		!slices.ContainsFunc(phrase, func(tg lexTarget) bool {
			return tg.field == FieldTypologies || tg.field == FieldNationalProgrammes
		})
	if needOnly || needPhrase || owned && lex.generic[inflectionBase(w)] {
		for i := range c.terms {
			c.terms[i].factor *= factorNeedText
		}
	}
	var targets []lexTarget
	targets = append(targets, lex.labels[w]...)
	for _, lw := range lexForms {
		for _, tg := range lex.labels[lw] {
			tg.factor = factorStem
			targets = append(targets, tg)
		}
	}
	if len([]rune(w)) >= 3 && !shortWhole {
		f := float32(factorPrefix)
		if known {
			f = factorPrefixOfKn
		}
		for _, lw := range lex.prefixed(w) {
			for _, tg := range lex.labels[lw] {
				if tg.how == HowRelated {
					// The beginning of a label's word reaches the
					// value, not what it relates to (« pas » is not
					// « pachto », let alone the places for exiles).
					continue
				}
				tg.factor = f
				targets = append(targets, tg)
			}
		}
	}
	if owned {
		targets = outvoted(targets, phrase)
	} else {
		yieldLabels(targets, phrase)
	}
	targets = append(targets, phrase...)
	t.addSets(&c, targets, false)
	// An abbreviation that leads to a kind of structure names it
	// (« mdph »), not whom it serves nor other structures serving them;
	// one that does not (« fle ») names the need.
	structure := len(keys) > 0 && slices.ContainsFunc(targets, func(tg lexTarget) bool { return tg.field == FieldTypologies })
	c.kind = structure && slices.ContainsFunc(targets, meansKind)
	if !needOnly && !needPhrase && !owned && !structure {
		t.offeredBeforeNamed(&c, targets, lex.generic[inflectionBase(w)])
	}
	// A kind of structure where the need is usually met (« sourd » → Cap
	// emploi, MDPH) is found where a record's name names it too: most
	// records give no typology. Counted as related (see clause.related).
	// For a word naming a need (« caf »: help with the CAF's procedures,
	// met at places helping with them and at the CAF's own offices), a
	// record named after the body (« Centre social CAF », « MSA Sud
	// Champagne ») without offering the need comes after the places
	// offering it, as the record's own text does above.
	for _, tg := range targets {
		if structure || tg.field != FieldTypologies || tg.how != HowRelated {
			continue
		}
		f := tg.factor
		if needOnly {
			f *= factorNeedText
		}
		for _, tr := range t.keyTerms(lex.typologyKeys[tg.value]) {
			n := len(c.terms)
			addTerm(tr.id, f*tr.factor, tr.how, false)
			if len(c.terms) > n {
				c.related += len(ti.postings[tr.id])
			}
		}
	}
	// A public the word means is also found where a record's text names
	// it (« retraités »: « Club Senior », « Foyer des retraités »). So is
	// a specific support the word's need relates to (« fle » → illiteracy:
	// « Centre de ressources illettrisme », « … lire écrire »), after the
	// word's own: a specific support is what a place does for the person
	// (reading and writing), where a public related to a need
	// (« contrôle parental » → families) is only whom it serves, named by
	// too many places to stand for the need.
	for _, tg := range targets {
		if structure {
			break
		}
		related := tg.how == HowRelated && tg.field == FieldSpecificSupport
		if !namedInText(tg.field) || !related && (tg.factor < factorStem || tg.how != HowVocabulary && tg.how != HowSynonym) {
			continue
		}
		f := float32(factorSynonym)
		if related {
			f = factorRelated
		}
		pk := publicKey(tg.field, tg.value)
		for _, pp := range lex.publicPhrases[pk] {
			f := f
			if tg.field == FieldSpecificSupport && sharedSupportWords()[strings.Join(pp.tokens, " ")] {
				f = min(f, factorRelated) // as a shared word, below
			}
			t.addTextPhrase(&c, pp, tg.via, f)
		}
		for j, pw := range lex.publicWords[pk] {
			if lex.apartEntry(tg.via, lex.publicWordEntries[pk][j]) {
				continue
			}
			f := f
			if tg.field == FieldSpecificSupport && sharedSupportWords()[pw] {
				// A word several supports share (« handicap ») in a
				// record's text says less than the support declared:
				// « APF France Handicap » and « … travailleurs
				// handicapés » came before the places declaring visual
				// impairment for « malvoyant » (4 × 0.9 in a name > 3
				// for the value). A support's own word (« illettrisme »)
				// keeps its weight.
				f = min(f, factorRelated)
			}
			if id, ok := ti.ids[pw]; ok {
				addTerm(id, f, HowPublic, false)
			}
			if ps := stem(pw); ps != "" {
				for _, id := range ti.stems[ps] {
					if sameForm(pw, ti.terms[id]) {
						addTerm(id, f, HowPublic, false)
					}
				}
			}
		}
	}
	var bodyTerms []uint32 // the word, its expansion: a body's name
	if exact {
		bodyTerms = append(bodyTerms, id)
	}
	for _, tr := range t.keyTerms(keys) {
		f := tr.factor
		if needOnly {
			f *= factorNeedText // the body's acronym or name written out, as above
		}
		addTerm(tr.id, f, tr.how, false)
		bodyTerms = append(bodyTerms, tr.id)
	}
	if needOnly && slices.ContainsFunc(lex.labels[w], func(tg lexTarget) bool { return tg.field == FieldTypologies }) {
		t.addBodyOffices(&c, bodyTerms)
	}
	t.addBodyPoints(&c)
	if !known && c.size < spellingMaxDF && !commonWords[w] {
		t.addSpellings(&c, addTerm)
	}
	c.size, c.fsize = min(c.size, t.len()), min(c.size+c.fsize, t.len())
	return c
}

// meansKind: the target is a kind of place the thesaurus says the word
// means (« ccas » → CCAS), not one where its need is met nor a word of a
// typology's label (« caf »: help with the CAF's procedures, met at the
// places helping with procedures as at the CAF).
func meansKind(tg lexTarget) bool { return tg.field == FieldTypologies && tg.how == HowSynonym }

// keyTerms returns the abbreviations' text terms that records hold.
func (t *table) keyTerms(keys []lexKey) []termRef {
	var out []termRef
	for _, k := range keys {
		if id, ok := t.text.ids[k.term]; ok && len(t.text.postings[id]) > 0 {
			out = append(out, termRef{id, k.factor, k.how, false})
		}
	}
	return out
}

// addAbbrevTerms adds to a finished clause the text terms of abbreviation
// keys (a word repeated in another phrase of the query).
func (t *table) addAbbrevTerms(c *clause, keys []lexKey) {
	for _, tr := range t.keyTerms(keys) {
		if !slices.ContainsFunc(c.terms, func(x termRef) bool { return x.id == tr.id }) {
			c.terms = append(c.terms, tr)
			n := len(t.text.postings[tr.id])
			c.size, c.fsize = min(c.size+n, t.len()), min(c.fsize+n, t.len())
		}
	}
}

// phraseClause is the clause of an abbreviation written out in the query:
// the records holding its term (see docTerms) and the values it means.
func (t *table) phraseClause(w string, targets []lexTarget, keys []lexKey) clause {
	c := clause{word: w, place: -1}
	t.addSets(&c, targets, false)
	c.kind = len(keys) > 0 && slices.ContainsFunc(targets, meansKind)
	// Written out, an abbreviation of a need whom it serves (« français
	// langue étrangère ») is found where a record's text names them, as
	// its acronym is (see resolve).
	if !slices.ContainsFunc(targets, func(tg lexTarget) bool { return tg.field == FieldTypologies }) {
		for _, tg := range targets {
			related := tg.how == HowRelated && tg.field == FieldSpecificSupport
			if !namedInText(tg.field) || !related && tg.how != HowVocabulary && tg.how != HowSynonym {
				continue
			}
			f := float32(factorSynonym)
			if related {
				f = factorRelated
			}
			for _, pp := range lex.publicPhrases[publicKey(tg.field, tg.value)] {
				t.addTextPhrase(&c, pp, tg.via, f)
			}
			var pk []lexKey
			key := publicKey(tg.field, tg.value)
			for j, pw := range lex.publicWords[key] {
				if lex.apartEntry(tg.via, lex.publicWordEntries[key][j]) {
					continue
				}
				pk = append(pk, lexKey{term: pw, factor: f, how: HowPublic})
			}
			t.addAbbrevTerms(&c, pk)
		}
	}
	c.size = min(c.size, t.len())
	c.fsize = c.size
	t.addAbbrevTerms(&c, keys)
	return c
}

// procedureDesks are the labels and kinds of place that help with
// administrative procedures by definition, whatever themes a producer
// declares: the France services (formerly MSAP) are the State's desks for
// them, and an aidant connect does them on the person's behalf. Most
// labelled places of the reference files declare only the everyday tools
// (745 of 876 France services, 134 of 196 Aidants Connect), and « aide
// demarches caf cognac » found none of Cognac's France services.
//
// A name saying France Services (« Maison France Services », « Espace
// France Services », MSAP: the abbreviation table's entry, FieldNamed)
// says it as surely as the label: 33 places of the reference files named
// so carry only the Conseillers numériques' label, and « France Services
// Digne-les-Bains », 0.4 km away, was hidden for procedures while the
// person was sent 25.8 km away (probe 39b, H3). The producer's record is
// not changed: this is how search and orientation read it.
var procedureDesks = []lexTarget{
	{field: FieldNationalProgrammes, value: vocab.ProgrammeFranceServices},
	{field: FieldNationalProgrammes, value: vocab.ProgrammeAidantsConnect},
	{field: FieldTypologies, value: "RFS"},
	{field: FieldTypologies, value: "MSAP"},
	{field: FieldNamed, value: franceServicesKey},
}

// franceServicesKey is the abbreviation table's key of France Services
// (its first acronym, MSAP, folded).
const franceServicesKey = "msap"

// deskSet is the set of the records a desk of procedureDesks holds: a
// value's, or for FieldNamed the records whose name writes the entry in a
// current form — not a former one: « Maison des services publics » (a
// town's own service house, « maison de services au public » once « au »
// is dropped) is no France Services by that alone.
func (t *table) deskSet(d lexTarget) *bitset {
	if d.field != FieldNamed {
		b, _ := t.readingSet(d.field, d.value)
		return b
	}
	id, ok := t.text.ids[abbrevTerm(d.value)]
	if !ok {
		return nil
	}
	const names = 1<<fieldName | 1<<fieldOwnerName
	b := make(bitset, (len(t.docs)+63)/64)
	for _, e := range t.text.postings[id] {
		if e&names != 0 {
			b.set(e >> 8)
		}
	}
	return &b
}

// labelledFranceServices is the set of the records labelled France
// Services by another producer than the Conseillers numériques programme
// (FieldProgrammeFile), for orientation (placesOfNeed): the label there
// says the programme (readingSet), and a place of it named a France
// Services is one by the FieldNamed desk, or when another source's record
// of it is (that record is then suggested, once for both).
func (t *table) labelledFranceServices() *bitset {
	b := t.set(FieldNationalProgrammes, vocab.ProgrammeFranceServices)
	own := t.set(FieldProgrammeFile, "true")
	if b == nil || own == nil {
		return b
	}
	out := slices.Clone(*b)
	own.andNotWith(out)
	return &out
}

// readingSet is the set of a field value as the query reads it
// (setCount's), but for the values the Conseillers numériques programme
// writes of itself. Its programme was « Conseiller numérique France
// Services », and its files write that name as the France Services label
// on the adviser's every permanence, and the Charente's aggregator the
// typology RFS beside it (65 of 65): of the 586 places of its 2022 file so
// labelled, most are town halls, libraries and associations hosting an
// adviser (19 of Montpellier's 23 places, 16 Maisons pour tous; the
// « Pôle commerce » of Cognac's town hall; a recycling bus). The label
// says the programme, not that the place is a France Services (the
// standard's labels are those « obtenus par le lieu »): a record of the
// programme (FieldProgrammeFile) holds them when its name says France
// Services (the FieldNamed desk: « France Service Marennes Oléron »).
// The filters read the values as published.
func (t *table) readingSet(field, value string) (*bitset, int) {
	b, n := t.setCount(field, value)
	if b == nil || !(field == FieldNationalProgrammes && value == vocab.ProgrammeFranceServices ||
		field == FieldTypologies && value == "RFS") {
		return b, n
	}
	own := t.set(FieldProgrammeFile, "true")
	if own == nil || own.andCount(*b) == 0 {
		return b, n
	}
	out := slices.Clone(*b)
	named := t.deskSet(lexTarget{field: FieldNamed, value: franceServicesKey})
	own.each(func(slot uint32) bool {
		if named == nil || !named.has(slot) {
			out.clear(slot)
		}
		return true
	})
	return &out, out.count()
}

// addProcedureDesks: beside a named place (a commune, a département, a
// postal code, a part of a city, or a place the filters give: a point and
// radius, communes, postal codes), a word whose need is help with
// procedures also finds the place's records whose label or kind is that
// help (procedureDesks), one step below the places declaring it
// (factorKind); records elsewhere are not so found, as a partial answer
// would list them for a chance word:
// there, few places may declare it and the France services of the place
// are where a helper sends the person (« aide papiers embrun »: the France
// services of Embrun declare the everyday tools only). Without a place,
// the 218 places declaring it nationally answer, and the 1,000 labelled
// ones would only follow them, while a chance word of their names (« site
// ants carte grise »: an Ufcv « site de Toulouse » labelled Aidants
// Connect) made them the only records holding every word.
func (t *table) addProcedureDesks(a *analysis, placed bool) {
	if len(a.places) == 0 && !placed {
		return
	}
	named := t.namedSlots(a)
	if len(a.places) == 0 {
		named = slices.Clone(t.all) // the filters restrict to the place
	}
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.place >= 0 || c.soft || lex.generic[inflectionBase(c.word)] {
			continue // « aide » is any help, though a word of the theme's label
		}
		k := slices.IndexFunc(c.sets, func(sr setRef) bool {
			return !sr.fuzzy && sr.t.field == FieldThemes && sr.t.value == vocab.ThemeAdministrativeProcedures &&
				(sr.t.how == HowRelated || sr.t.how == HowSynonym || sr.t.how == HowVocabulary && sr.t.factor >= factorStem)
		})
		if k < 0 {
			continue
		}
		need := c.sets[k].t
		for _, d := range procedureDesks {
			b := t.deskSet(d)
			if b == nil {
				continue
			}
			in, n := make(bitset, len(*b)), 0
			b.each(func(slot uint32) bool {
				if named.has(slot) && !c.sets[k].set.has(slot) {
					in.set(slot)
					n++
				}
				return true
			})
			if n == 0 {
				continue
			}
			d.factor, d.how, d.via = need.factor*factorKind, HowRelated, need.via
			c.sets = append(c.sets, setRef{set: &in, weight: float32(vocabWeight) * d.factor, t: d})
			c.size, c.related = min(c.size+n, t.len()), c.related+n
		}
	}
}

// namedSlots is the set of the records in the places a query names.
func (t *table) namedSlots(a *analysis) bitset {
	named := make(bitset, (len(t.docs)+63)/64)
	for _, pr := range a.places {
		for _, slot := range pr.slots {
			named.set(slot)
		}
		for _, b := range pr.sets {
			b.each(func(slot uint32) bool {
				named.set(slot)
				return true
			})
		}
	}
	return named
}

// addSets adds the bitsets of targets to c, keeping the best weight of
// each.
func (t *table) addSets(c *clause, targets []lexTarget, fuzzy bool) {
	for _, tg := range targets {
		b, n := t.readingSet(tg.field, tg.value)
		if b == nil {
			continue
		}
		w := float32(vocabWeight) * tg.factor
		if tg.field == FieldPublics && tg.how != HowRelated {
			// A declared public weighs more than a name mentioning
			// it when the query names the public; a public a need
			// only relates to (« contrôle parental » → families)
			// weighs as any related value (3 × 0.6), below the
			// need's own values (3 × 0.9): at 4.5 × 0.6 they tied,
			// and the France services declaring families filled the
			// first page beside the places offering parenting help.
			w = float32(publicsWeight) * tg.factor
		}
		if tg.how == HowPlace {
			w = placeWeight * tg.factor
		}
		if fuzzy {
			w *= factorSpelling
		}
		if i := slices.IndexFunc(c.sets, func(s setRef) bool { return s.set == b }); i >= 0 {
			if s := &c.sets[i]; w > s.weight && (!fuzzy || s.fuzzy) {
				s.weight, s.t, s.fuzzy = w, tg, fuzzy
			}
			continue
		}
		c.sets = append(c.sets, setRef{set: b, weight: w, fuzzy: fuzzy, t: tg})
		if fuzzy {
			c.fsize += n
		} else {
			c.size += n
			if tg.how == HowRelated {
				c.related += n
			}
		}
	}
}

// addSpellings expands an unknown word to the indexed and lexicon words
// that are written nearly like it: the same phonetic key, or one edit
// away (two from nine letters). The closest and most frequent are kept.
func (t *table) addSpellings(c *clause, addTerm func(uint32, float32, string, bool)) {
	ti := t.text
	w := c.word
	type cand struct {
		word string
		id   int // term id, or -1 for a lexicon word
		dist int
		df   int
	}
	var cands []cand
	have := map[string]bool{}
	add := func(word string, id, dist int) {
		if have[word] || word == w || strings.HasSuffix(w, "er") && (w == word+"r" || w == word+"er" || id >= 0 && stem(word) == stem(w)) {
			// An infinitive is no misspelling of its noun nor of
			// its stem, nor of a record's word of the same root
			// (« garder » is not « garde », La Garde, nor « Gard »,
			// nor a street « des Gardes »).
			return
		}
		have[word] = true
		df := 1 << 20 // a vocabulary word: as good as the most frequent term
		if id >= 0 && !lex.known[word] {
			df = len(ti.postings[id])
		}
		if df > 0 {
			cands = append(cands, cand{word, id, dist, df})
		}
	}
	// A word of the same sound is nearer than one an edit away
	// (« papié » is « papiers », not the « SCIC SAPIE »).
	if p := phonetic(w); p != "" {
		for _, id := range ti.phon[p] {
			add(ti.terms[id], int(id), 0)
		}
		for _, lw := range lex.phon[p] {
			add(lw, -1, 0)
		}
	}
	if d := maxEdits(len(w)); d > 0 && isLetters(w) {
		mask := letterMask(w)
		for n := max(minKeyLen, len(w)-d); n <= min(maxTermLen, len(w)+d); n++ {
			for _, ft := range ti.byLen[n] {
				if maskDistance(mask, ft.mask) <= 2*d && editdist.Bounded(w, ti.terms[ft.id], d) <= d {
					add(ti.terms[ft.id], int(ft.id), editdist.Bounded(w, ti.terms[ft.id], d))
				}
			}
		}
		for _, lw := range lex.words {
			if len(lw) >= len(w)-d && len(lw) <= len(w)+d && editdist.Bounded(w, lw, d) <= d {
				add(lw, -1, editdist.Bounded(w, lw, d))
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		if a.df != b.df {
			return b.df - a.df
		}
		return strings.Compare(a.word, b.word)
	})
	if len(cands) > maxSpellings {
		cands = cands[:maxSpellings]
	}
	for _, k := range cands {
		if k.id >= 0 {
			// A spelling farther than the nearest weighs less: the
			// places of « Toulouse » (one letter from « toulousse »)
			// before the town hall of « Toulouges » (two), whose name
			// outweighed a commune.
			f := float32(factorSpelling)
			if k.dist > cands[0].dist {
				f *= factorFartherSpelling
			}
			addTerm(uint32(k.id), f, HowSpelling, true)
		}
		// A near spelling that is also a word of the vocabulary means what
		// it means there too, though some record's text holds it:
		// « ordinatuer » is « ordinateur », the need, not only the few
		// records that write the word.
		var targets []lexTarget
		for _, tg := range lex.labels[k.word] {
			tg.how = HowSpelling
			targets = append(targets, tg)
		}
		var keys []lexKey
		for _, p := range lex.phrases[k.word] {
			if len(p.tokens) == 1 && !p.place {
				targets = append(targets, p.targets...)
				keys = append(keys, p.keys...)
			}
		}
		t.addSets(c, targets, true)
		// A kind of place's name (« médiatek » → « médiathèque ») is
		// held by the records writing it or another name of the kind
		// (« Bibliothèque des Fauvins »), as the word itself is: spelling
		// matches, counted in fsize only (size 0 keeps the suggestion).
		size := c.size
		t.addAbbrevTerms(c, keys)
		c.size = size
	}
	if len(cands) > 0 {
		c.suggest = cands[0].word
	}
}

// prefixed returns the ids of the terms w begins, other than w itself.
func (ti *textIndex) prefixed(w string) []uint32 {
	ids, exact := ti.termRange(w)
	if exact == 0 {
		return ids[1:]
	}
	return ids
}

// addTextPhrase adds to c the records whose text holds every word of a
// public's phrase (the word or another form of it) in one field: « Centre
// d'accueil pour demandeurs d'asile », « Apprendre le français ». A set
// per field, weighed as the field and a synonym, at most maxFactor (the
// factor of the way the query word reached the public).
func (t *table) addTextPhrase(c *clause, pp publicPhrase, via string, maxFactor float32) {
	ti := t.text
	// A phrase of another entry meaning the same public (« demandeurs
	// d'asile » for « fle ») comes after the query word's own
	// (« apprendre le français »).
	if lex.apartEntry(via, pp.entry) {
		return
	}
	factor := float32(factorSynonym)
	if pp.entry >= 0 && !slices.Contains(lex.wordEntries[strings.Join(tokens(via), " ")], pp.entry) {
		factor = factorKind
	}
	factor = min(factor, maxFactor)
	// The terms of each word (the word or another form of it), rarest word
	// first: its postings give the candidates, and the other words are
	// looked up in theirs for those candidates only (« personnes » of
	// « personnes âgées » is in most records: reading all its postings per
	// query cost a millisecond).
	words := make([][]uint32, 0, len(pp.tokens))
	sizes := make([]int, 0, len(pp.tokens))
	for _, w := range pp.tokens {
		var ids []uint32
		if id, ok := ti.ids[w]; ok {
			ids = append(ids, id)
		}
		if st := stem(w); st != "" {
			for _, id := range ti.stems[st] {
				if ti.terms[id] != w && sameForm(w, ti.terms[id]) {
					ids = append(ids, id)
				}
			}
		}
		n := 0
		for _, id := range ids {
			n += len(ti.postings[id])
		}
		if n == 0 {
			return
		}
		words, sizes = append(words, ids), append(sizes, n)
	}
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return sizes[a] - sizes[b] })
	// masks[slot]: the fields holding every word so far.
	masks := map[uint32]uint8{}
	for _, id := range words[order[0]] {
		for _, e := range ti.postings[id] {
			masks[e>>8] |= uint8(e)
		}
	}
	for _, k := range order[1:] {
		for slot, m := range masks {
			var here uint8
			for _, id := range words[k] {
				if e, ok := findSlot(ti.postings[id], slot); ok {
					here |= uint8(e)
				}
			}
			if m &= here; m == 0 {
				delete(masks, slot)
			} else {
				masks[slot] = m
			}
		}
		if len(masks) == 0 {
			return
		}
	}
	for f := range numTextFields {
		var b bitset
		n := 0
		for slot, m := range masks {
			if m&(1<<f) != 0 {
				b.set(slot)
				n++
			}
		}
		if n == 0 {
			continue
		}
		c.sets = append(c.sets, setRef{set: &b, weight: float32(fieldWeight[f]) * factor,
			t: lexTarget{field: textFieldNames[f], value: strings.Join(pp.tokens, " "), factor: factor, how: HowPublic, via: via}})
		c.size += n
	}
}

// namedKind says whether tg is a kind of place some record's name says
// it is (« Le Fablab de Carpentras »), though no record gives it as its
// typology: the phrase meaning it (« impression 3d » → the fablabs) is
// held by those records, not only by records writing the phrase.
func (t *table) namedKind(tg lexTarget) bool {
	if tg.field != FieldTypologies {
		return false
	}
	for _, tr := range t.keyTerms(lex.typologyKeys[tg.value]) {
		if len(t.text.postings[tr.id]) > 0 {
			return true
		}
	}
	return false
}

// needAt says whether words begin with a phrase of the thesaurus naming a
// need, a public or a time (« enfants », « mercredi »), not a place nor
// generic words only (« aide numérique »).
func needAt(words, stems []string) bool {
	for _, key := range []string{words[0], stems[0]} {
		for _, p := range lex.phrases[key] {
			if !p.place && len(p.tokens) <= len(words) && phraseAt(p.tokens, p.stems, words, stems) &&
				slices.ContainsFunc(p.tokens, func(w string) bool { return !lex.generic[inflectionBase(w)] }) {
				return true
			}
		}
	}
	return false
}

// articleOnly says whether every commune of the reference with this key
// has a name beginning with an article (La Garde, Le Pradet): typed
// without it, the word is not how the commune is named. A key some
// commune is named by alone (Seyne beside La Seyne-sur-Mer) is not.
func articleOnly(key string) bool {
	cs := referenceByKey()[key]
	for _, c := range cs {
		first, _, _ := strings.Cut(vocab.Slugify(c.Name), "-")
		if !articles[first] {
			return false
		}
	}
	return len(cs) > 0
}

// departementWords say that the place beside them is a département.
var departementWords = map[string]bool{"departement": true, "departements": true, "dept": true, "dpt": true}

// dropDepartementWords takes out the word « département » (« dpt »,
// « dept ») beside a département's number or name (« departement 05 »,
// « 05 dpt », « département des hautes-alpes »): it says what the place
// is. Required as a word, it kept the few places naming a département
// (« Département des Hautes-Alpes ») of the 75 in it.
func dropDepartementWords(words []string) []string {
	var out []string
	for i, w := range words {
		if departementWords[w] && (departementLen(words, i+1) > 0 || departementEndsAt(words, i)) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// departementLen is the length of the longest département's number or
// name starting at words[i], 0 when none does.
func departementLen(words []string, i int) int {
	if i >= len(words) {
		return 0
	}
	stems := make([]string, len(words)-i)
	for k, w := range words[i:] {
		stems[k] = stem(w)
	}
	best := 0
	for _, key := range []string{words[i], stems[0]} {
		for _, p := range lex.phrases[key] {
			if l := len(p.tokens); p.place && l > best && i+l <= len(words) && phraseAt(p.tokens, p.stems, words[i:], stems) {
				best = l
			}
		}
	}
	return best
}

// departementEndsAt tells whether a département's number or name ends
// just before words[i].
func departementEndsAt(words []string, i int) bool {
	for j := max(0, i-4); j < i; j++ {
		if departementLen(words[:i], j) == i-j {
			return true
		}
	}
	return false
}
