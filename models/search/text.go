package search

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"carnet/models/commune"
	"carnet/models/vocab"
)

// French text is folded the way the vocabularies are (vocab.Slugify):
// lower-case, accents removed, œ → oe, every run of other characters a
// separator. So « Médiathèque de l’Alcazar » gives the words mediatheque,
// alcazar: the elided article (l’, d’, qu’…) is split off at the apostrophe
// and dropped with the other stop words below.

// stopWords are dropped from documents and queries: articles,
// prepositions and elided forms so common that requiring them would only
// lose results (« aide aux démarches » must find « Aide démarches »).
var stopWords = map[string]bool{
	"a": true, "au": true, "aux": true, "c": true, "d": true, "de": true, "des": true, "du": true,
	"en": true, "et": true, "j": true, "l": true, "la": true, "le": true, "les": true, "m": true,
	"n": true, "ou": true, "par": true, "pour": true, "qu": true, "s": true, "sur": true, "t": true,
	"un": true, "une": true, "avec": true, "dans": true, "sa": true, "ses": true, "son": true,
	// Possessives and pronouns of how people write a need (« aide pour
	// mes impôts », « je cherche », « faire ma déclaration »).
	"mon": true, "ma": true, "mes": true, "ton": true, "ta": true, "tes": true, "notre": true, "nos": true,
	"votre": true, "vos": true, "leur": true, "leurs": true, "je": true, "me": true, "moi": true, "y": true,
	"vous": true, "nous": true, "faire": true, "ai": true,
	// Words around a need in a sentence or a text message (« besoin
	// d'aide pr la caf », « ouvert le samedi », « près de la gare »): they
	// say nothing of the place sought, and required they found « Bédoin »,
	// « Provence », « Ouverture… », « Artigues-près-Bordeaux » instead.
	"besoin": true, "pr": true, "stp": true, "svp": true, "ouvert": true, "ouverte": true, "ouverts": true,
	"ouvertes": true, "pres": true, "chez": true,
	// Available, as people write « open » in a text message (« dispo
	// dimanche »): required, it made every answer partial.
	"dispo": true, "dispos": true, "disponible": true, "disponibles": true,
}

// abbreviations are expanded in documents and queries alike, so that
// « St-Étienne » and « Saint-Étienne » meet.
var abbreviations = map[string]string{"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}

// tokens returns the folded words of s, stop words removed.
//
// « en ligne » (online) is dropped too: nearly every offer is about doing
// things online, and its « ligne » otherwise read as the commune of Ligné
// or required a word that most places offering the need do not write
// (« déclaration d'impôts en ligne » found 97 of the 218 places helping
// with taxes, the town hall of Ligné first).
func tokens(s string) []string { return tokenize(s, false) }

// tokenize is tokens; in a query (query), « sur internet » after a need is
// the way it is done, as « en ligne » (below).
func tokenize(s string, query bool) []string {
	var out []string
	prev := ""
	all := strings.Split(vocab.Slugify(undot(s)), "-")
	street := -1
	if query {
		street = streetAt(all)
	}
	for i, w := range all {
		if w == "ligne" && prev == "en" {
			prev = w
			continue
		}
		if (w == "cote" && prev == "a" || w == "face" && prev == "en") && i+1 < len(all) && (all[i+1] == "de" || all[i+1] == "du" || all[i+1] == "des" || all[i+1] == "d") {
			// « à côté de la poste » is « près de la poste »: « côté »
			// found the Côte d'Azur's and Côte-d'Or's places; « en face
			// de la gare » likewise (« face » ranked the FACE
			// associations first).
			prev = w
			continue
		}
		if query && reflexive[w] && i+1 < len(all) && all[i+1] != "" {
			// « me connecter », « m'inscrire »: the pronoun of a verb
			// the thesaurus writes with « se » (« se connecter »);
			// sentenceAround drops it before any other verb.
			prev = w
			out = append(out, "se")
			continue
		}
		if query && w == "internet" && (prev == "sur" || prev == "par" || prev == "via") && (i < 2 || !browseVerbs[all[i-2]]) {
			// « acheter un billet de train sur internet » is « en
			// ligne », the way, not access to the internet; « aller
			// sur internet » is still learning it.
			prev = w
			continue
		}
		if query && ownPlace[w] && possessives[prev] {
			// « qui passe dans mon village », « dans ma ville »: where
			// the person lives, said for any place; required, « village »
			// ranked « Afpa Village » and « Village by CA » before the
			// buses sought.
			prev = w
			continue
		}
		if query && relatives[w] && (possessives[prev] || otherPossessives[prev]) {
			// « appeler ma famille en visio », « whatsapp avec mes
			// proches »: whom the person calls or writes to, as the
			// grandchildren are (sentenceAround); required, « famille »
			// kept the places named « Pension de famille ».
			prev = w
			continue
		}
		if query && w == "espace" && possessives[prev] && (i+1 >= len(all) || !thesaurusWord(w+" "+all[i+1])) {
			// « mon espace france travail », « mon espace caf »: the
			// person's online account, « mon compte »; required,
			// « espace » kept the places named « Espace … ». An app
			// so named stays (« Mon espace santé »).
			w = "compte"
		}
		if query && w == "est" && (prev == "c" || prev == "qu") {
			// « c'est ouvert le dimanche ? », « qu'est-ce que… »: a
			// question's form (« cest » typed whole is a sentence word);
			// required, « est » found « Mission locale Est ».
			prev = w
			continue
		}
		if query && w == "free" && prev == "for" {
			// « a computer for free »: free of charge (« for » is a stop
			// word, so the thesaurus's « for free » is read here); alone
			// « free » stays, the internet provider's name.
			w = "gratuit"
		}
		if query && (devices[w] || useVerbs[w]) && deviceForProcedure(all, i) {
			// « utiliser son portable pour ameli », « ordi pour les
			// impôts »: the procedure is the need, the device (and
			// using it) the way to it; required, they kept the places
			// declaring both.
			continue
		}
		if query && street >= 0 && (i == street && streetKindAbbrev(w) || i > street && rankAbbrevs[w]) {
			// « av jean jaures », « pl. de la mairie », « 3 bd du
			// port », « av du gal de gaulle »: a query shaped as an
			// address (a kind of street first, or after a house number)
			// writes its abbreviations as La Poste's norm does; read
			// written out, they meet every address, abbreviated or not
			// (the index holds both, see docTerms). Elsewhere « pl » or
			// « av » is left as typed.
			w = streetAbbrevs[w][0]
		}
		if query && houseNumber(all, i) {
			// « 43 rue de la république »: the number of a street,
			// held as the addresses starting with it hold it (docTerms).
			prev = w
			out = append(out, houseTerm(w))
			continue
		}
		if w != "" {
			prev = w
		}
		if w != "" && !stopWords[w] {
			if a, ok := abbreviations[w]; ok {
				w = a
			}
			out = append(out, w)
			if query && i > 0 && articles[all[i-1]] {
				out = append(out, articleCommunes()[all[i-1]+" "+w]...)
			}
		}
	}
	return out
}

var articles = map[string]bool{"la": true, "le": true, "les": true, "l": true}

// houseNumber: ws[i] is a house number, a number of at most four digits
// before a kind of street (« 43 rue », « 1 place »). A street's number was
// dropped (« Médiathèque 1 » is not the one at « 1 rue… »): every « rue de
// la République » tied and the known failure « 1 place de la mairie »
// listed town halls in any order. houseTerm is the term it is held as,
// one nobody types.
func houseNumber(ws []string, i int) bool {
	return len(ws[i]) <= 4 && isDigitsOnly(ws[i]) && i+1 < len(ws) && (streetKinds[ws[i+1]] || streetKindAbbrev(ws[i+1]))
}

// streetKindAbbrev: w abbreviates a kind of street (« av », « bd »,
// « pl », « rte »), as La Poste's norm writes it (streetAbbrevs).
func streetKindAbbrev(w string) bool {
	full := streetAbbrevs[w]
	return len(full) == 1 && streetKinds[full[0]] && !streetAbbrevWords[w]
}

// streetAbbrevWords are abbreviations of the norm that are also words
// people type for something else: « all » (English).
var streetAbbrevWords = map[string]bool{"all": true}

// rankAbbrevs are the ranks and titles of the norm (« Gal », « Mal »,
// « Pdt », « Dr »): inside a street's name they are written out.
var rankAbbrevs = map[string]bool{"gal": true, "mal": true, "pdt": true, "cdt": true, "cne": true, "lt": true,
	"dr": true, "prof": true, "mgr": true}

// streetAt is where a query shaped as a street address has its kind of
// street, written out or abbreviated (streetKindAbbrev): its first word,
// or its second after a house number, followed by a word; -1 otherwise.
func streetAt(all []string) int {
	k := 0
	for k < len(all) && all[k] == "" {
		k++
	}
	if k < len(all) && len(all[k]) <= 4 && isDigitsOnly(all[k]) {
		k++
	}
	if k+1 >= len(all) || all[k+1] == "" || !streetKinds[all[k]] && !streetKindAbbrev(all[k]) {
		return -1
	}
	return k
}

func houseTerm(n string) string { return "#" + strings.TrimLeft(n, "0") }

// possessives and ownPlace: « mon village », « ma ville », « notre
// commune », « mon coin », the person's own place (see tokenize). Beside
// a named place, ownPlace words without a possessive say the same and
// rank without being required (markSoft): « village sans internet
// charente » kept the places named « … Village ».
var possessives = map[string]bool{"mon": true, "ma": true, "notre": true, "ton": true, "ta": true, "votre": true}

// relatives, after a possessive, are whom the person speaks to (see
// tokenize); otherPossessives are the possessives not in possessives.
var relatives = map[string]bool{"famille": true, "proches": true, "proche": true}
var otherPossessives = map[string]bool{"sa": true, "son": true, "ses": true, "mes": true, "tes": true, "nos": true, "vos": true, "leur": true, "leurs": true}
var ownPlace = map[string]bool{"village": true, "ville": true, "commune": true, "quartier": true, "coin": true, "bled": true}

// thesaurusWord: a thesaurus entry holds the words k (tokens joined by
// spaces). It reads the lexicon that tokens builds: set in init to break
// that cycle.
var thesaurusWord func(k string) bool

func init() { thesaurusWord = func(k string) bool { return len(lex.wordEntries[k]) > 0 } }

// articledWords are the words of a query typed right after an article
// (« la garde » → garde), as tokenize folds them.
func articledWords(q string) map[string]bool {
	out := map[string]bool{}
	all := strings.Split(vocab.Slugify(undot(q)), "-")
	for i := 1; i < len(all); i++ {
		if w := all[i]; w != "" && articles[all[i-1]] {
			if a, ok := abbreviations[w]; ok {
				w = a
			}
			out[w] = true
		}
	}
	return out
}

// nearWords are the words of a query that name where the person is: the
// word after a word saying « near » (« près de la mairie », « à côté de
// la poste », « en face de l'église », « derrière la gare », « vers la
// médiathèque ») and a town's centre (« centre ville », « centre-ville »),
// as tokenize folds them. Beside a commune they say where in it (see
// markSoft). A time (« vers 18h ») is no place.
func nearWords(q string) map[string]bool {
	out := map[string]bool{}
	all := strings.Split(vocab.Slugify(undot(q)), "-")
	for i, w := range all {
		if w == "centre" && i+1 < len(all) && all[i+1] == "ville" {
			out["centre"], out["ville"] = true, true
			continue
		}
		near := w == "pres" || w == "vers" || w == "derriere" ||
			i > 0 && (w == "cote" && all[i-1] == "a" || w == "face" && all[i-1] == "en")
		if !near {
			continue
		}
		j := i + 1
		for j < len(all) && (all[j] == "" || stopWords[all[j]]) {
			j++
		}
		if j < len(all) && all[j][0] > '9' {
			w := all[j]
			if a, ok := abbreviations[w]; ok {
				w = a
			}
			out[w] = true
		}
	}
	return out
}

// articleCommunes gives, for an article and a word (« la seyne », « le
// puy »), the other words of the commune a person writing them means: the
// most populous whose official name begins with them (La Seyne-sur-Mer, Le
// Puy-en-Velay), when it has at least articleCityPopulation inhabitants and
// ten times as many as any commune they name alone (Le Puy, Doubs, 100). The article is a stop word: « la
// seyne » read Seyne (04), 1,400 inhabitants, and « le puy » no commune.
// Built at first use, from the reference.
func articleCommunes() map[string][]string {
	articleCommunesOnce.Do(func() { articleCommunesMap = buildArticleCommunes() })
	return articleCommunesMap
}

var (
	articleCommunesOnce sync.Once
	articleCommunesMap  map[string][]string
)

func buildArticleCommunes() map[string][]string {
	type best struct {
		rest  []string
		pop   int
		exact int // the population of the most populous named by them alone
	}
	found := map[string]*best{}
	for _, c := range commune.All() {
		if c.Kind != commune.KindCommune {
			continue
		}
		parts := strings.Split(vocab.Slugify(c.Name), "-")
		if len(parts) < 2 || !articles[parts[0]] {
			continue
		}
		words := tokens(c.Name)
		if len(words) == 0 {
			continue
		}
		k := parts[0] + " " + words[0]
		b := found[k]
		if b == nil {
			b = &best{}
			found[k] = b
		}
		if len(words) == 1 {
			b.exact = max(b.exact, c.Population)
			continue
		}
		if c.Population > b.pop {
			b.rest, b.pop = words[1:], c.Population
		}
	}
	out := map[string][]string{}
	for k, b := range found {
		if b.pop >= articleCityPopulation && b.pop > 10*b.exact {
			out[k] = b.rest
		}
	}
	return out
}

// articleCityPopulation: a commune met by an article and a word is read
// from this many inhabitants (La Seyne-sur-Mer, 62,000; Le Puy-en-Velay,
// 19,000); smaller ones share first words with everyday phrases (« la
// maison » of La Maison-Dieu).
const articleCityPopulation = 10000

// reflexive are the pronouns of a pronominal verb other than « se ».
var reflexive = map[string]bool{"me": true, "m": true, "te": true, "t": true}

// browseVerbs go before « sur internet » when the internet is what is
// learnt (« aller sur internet », « naviguer sur internet »).
var browseVerbs = map[string]bool{"aller": true, "va": true, "vais": true, "naviguer": true, "surfer": true, "allez": true}

// undot writes acronyms spelt with dots as one word (« P.I.J. » →
// « PIJ », « C.C.A.S » → « CCAS »): split at the dots, their letters
// would be single letters, most of them stop words. Only capitals count,
// two or more each followed by a dot (the last one's dot may be missing),
// so that « M. Dupont » and « e.g. » stay as they are.
func undot(s string) string {
	if strings.IndexByte(s, '.') < 0 {
		return s
	}
	var b []byte // nil until an acronym is found
	for i := 0; i < len(s); {
		j := i
		n := 0
		if i == 0 || !isASCIILetter(s[i-1]) {
			for j+1 < len(s) && isUpper(s[j]) && s[j+1] == '.' {
				j, n = j+2, n+1
			}
			if n >= 2 && j < len(s) && isUpper(s[j]) && (j+1 == len(s) || !isASCIILetter(s[j+1])) {
				j, n = j+1, n+1 // the last letter without its dot
			}
		}
		if n < 2 || j < len(s) && isASCIILetter(s[j]) {
			if b != nil {
				b = append(b, s[i])
			}
			i++
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)), s[:i]...)
		}
		for k := i; k < j; k++ {
			if s[k] != '.' {
				b = append(b, s[k])
			}
		}
		b = append(b, ' ')
		i = j
	}
	if b == nil {
		return s
	}
	return string(b)
}

func isUpper(c byte) bool       { return 'A' <= c && c <= 'Z' }
func isASCIILetter(c byte) bool { return isUpper(c) || 'a' <= c && c <= 'z' }

// queryWords returns the folded words of a query, in order (phrases are
// recognised in order; repeated words make one clause). When a query is
// made only of stop words ("de"), they are kept: a query never silently
// matches everything.
func queryWords(q string) []string {
	words, _ := distanceWords(queryWordsAll(q))
	return words
}

// queryWordsAll is every word of a query read, a distance's too.
func queryWordsAll(q string) []string {
	words := sentenceAround(repairNeed(cityParts(arrondissements(numberWords(tokenize(spelledAcronyms(emojiWords.Replace(q)), true))))))
	if len(words) == 0 {
		for w := range strings.SplitSeq(vocab.Slugify(q), "-") {
			if w != "" {
				words = append(words, w)
			}
		}
	}
	return words
}

// arrondissementCities are the cities with municipal arrondissements:
// the first two digits of their postal codes and their count.
var arrondissementCities = map[string]struct {
	prefix string
	count  int
	code   string // the city's INSEE code
}{"marseille": {"130", 16, "13055"}, "lyon": {"6900", 9, "69123"}, "paris": {"750", 20, "75056"}}

// arrondissements reads an arrondissement after its city as people write
// it (« marseille 13e », « Marseille 13ème », « lyon 3 eme
// arrondissement », « paris 1er ») as its postal code (13013, 69003,
// 75001), which restricts as a postal code beside a commune does:
// « 13e » was required as a word and found only a name saying « 13ème ».
// A bare number is one too (« paris 15 », « marseille 3 »: the Cantal and
// the Aisne hold neither city, and nothing was found), even the city's own
// département (« marseille 13 » is how Marseille names its 13th; read as
// the Bouches-du-Rhône it added nothing to « marseille », and the 13th's
// 11 places were lost among the city's 118). Beyond the city's count it
// stays a département (« marseille 83 », « lyon 69 »).
func arrondissements(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		out = append(out, words[i])
		city, ok := arrondissementCities[words[i]]
		if !ok || i+1 >= len(words) {
			continue
		}
		w, j := words[i+1], i+1
		num := strings.TrimRight(w, "abcdefghijklmnopqrstuvwxyz")
		suffix := w[len(num):]
		if suffix == "" && j+1 < len(words) && ordinalSuffix[words[j+1]] {
			suffix, j = words[j+1], j+1
		}
		named := func(k int) bool {
			return k < len(words) && (words[k] == "arrondissement" || words[k] == "arr" || words[k] == "arrdt")
		}
		n, err := strconv.Atoi(num)
		if k, m := ordinalWords(words[i+1:]); m == 2 {
			n, j = k, i+2 // « dix-septième », which numberWords wrote « 10 septieme »
		} else if num == "" || err != nil || !ordinalSuffix[suffix] && suffix != "" {
			// An ordinal written out (« paris dix-septième », « marseille
			// quatorzième ») or in Roman numerals (« paris XVIIIe »,
			// « lyon IIIe arrondissement »); « VIe » only beside
			// « arrondissement », « vie » being a word.
			n, j = 0, i+1
			if k, m := ordinalWords(words[j:]); k > 0 {
				n, j = k, j+m-1
			} else if k := romanOrdinal(w); k > 0 && (w != "vie" || named(j+1)) {
				n = k
			}
		}
		if n < 1 || n > city.count {
			continue
		}
		if named(j + 1) {
			j++
		}
		out = append(out, city.prefix+fmt.Sprintf("%0*d", 5-len(city.prefix), n))
		i = j
	}
	return out
}

// writtenOrdinals are the ordinals from 1 to 20 written out, folded
// (« dix-septième » is two words, « dix septieme »); not « second(e) »,
// a word of « seconde main ».
var writtenOrdinals = map[string]int{"premier": 1, "premiere": 1, "deuxieme": 2,
	"troisieme": 3, "quatrieme": 4, "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8, "neuvieme": 9,
	"dixieme": 10, "onzieme": 11, "douzieme": 12, "treizieme": 13, "quatorzieme": 14, "quinzieme": 15,
	"seizieme": 16, "dix septieme": 17, "dix huitieme": 18, "dix neuvieme": 19, "vingtieme": 20}

// ordinalWords reads an ordinal written out at the start of words: its
// value and how many words it takes, 0 when none.
func ordinalWords(words []string) (int, int) {
	if len(words) > 1 {
		first := words[0]
		if first == "10" {
			first = "dix" // numberWords wrote it so
		}
		if n := writtenOrdinals[first+" "+words[1]]; n > 0 {
			return n, 2
		}
	}
	if len(words) > 0 {
		if n := writtenOrdinals[words[0]]; n > 0 {
			return n, 1
		}
	}
	return 0, 0
}

// romanOrdinal reads an ordinal in Roman numerals with its ending
// (« xviiie », « iiie », « ier », « xxeme »), folded: its value from 1 to
// 39, 0 for any other word.
func romanOrdinal(w string) int {
	digits := strings.TrimRight(w, "abcdefghjkmnopqrstuwyz")
	for digits != "" && !strings.ContainsRune("ivx", rune(digits[len(digits)-1])) {
		digits = digits[:len(digits)-1]
	}
	if digits == "" || !ordinalSuffix[w[len(digits):]] {
		return 0
	}
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10}
	n := 0
	for k := 0; k < len(digits); k++ {
		v := val[digits[k]]
		if v == 0 {
			return 0
		}
		if k+1 < len(digits) && val[digits[k+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n < 1 || n > 39 || toRoman(n) != digits {
		return 0
	}
	return n
}

// toRoman writes n (1 to 39) in lower-case Roman numerals.
func toRoman(n int) string {
	return strings.Repeat("x", n/10) + []string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"}[n%10]
}

// ordinalSuffix are the endings of an ordinal number as typed (« 13e »,
// « 13ème », « 13eme », « 1er », « 2nd »).
var ordinalSuffix = map[string]bool{"e": true, "eme": true, "em": true, "ieme": true, "er": true, "ere": true, "nd": true, "nde": true}

// emojiWords are the emoji that name a public or a need, read as their
// word (« 👵 tablette » is « senior tablette »: the emoji was dropped and
// every place teaching tablets came first). Others are dropped, as
// punctuation (« 📱 aide smartphone !!! »); a query of emoji alone is
// still refused (no letter or digit).
var emojiWords = strings.NewReplacer(
	"👵", " senior ", "👴", " senior ", "🧓", " senior ",
	"👶", " enfant ", "🧒", " enfant ", "👧", " enfant ", "👦", " enfant ",
	"💻", " ordinateur ", "🖥", " ordinateur ", "📱", " smartphone ", "📲", " smartphone ",
	"🖨", " imprimer ", "🏦", " banque ", "💳", " banque ", "📧", " mail ", "✉", " mail ",
	"📶", " wifi ", "♿", " fauteuil ", "🦻", " malentendant ", "🔒", " securite ", "🔐", " securite ",
	"📄", " papiers ", "📃", " papiers ", "💼", " emploi ",
)

// sentenceWords are the words of a sentence around a need that say
// nothing of the place sought: wanting (« veut », « voudrais ») and the
// person the helper speaks for (« ma mère », « mon grand-père »), whom
// the other words describe (an age, a public); the verb saying which
// language the person speaks (« parle ukrainien », « speaks arabic »: the
// language says it); and a newcomer's English function words (« help in
// english »: « in » found « Caravan Cowork In » and Avesnes-sur-Helpe's
// places first). Dropped from queries only: in a record they may be part
// of a name. « parler » stays, a word of « parler français ».
var sentenceWords = map[string]bool{
	"veut": true, "veux": true, "voudrais": true, "voudrait": true, "souhaite": true, "souhaiterais": true,
	"aimerais": true, "aimerait": true,
	"mere": true, "pere": true, "maman": true, "papa": true,
	// The person spoken for, as helpers and relatives write it (« ma fille
	// de 17 ans cherche un stage », « mon voisin n'a pas internet »,
	// « usager en difficulté avec le numérique »): their age or public
	// says whom the need is for; required, « fille » was read as
	// « ville » and « usager » as Saint-Usage. Pronouns likewise.
	"fille": true, "filles": true, "fils": true, "voisin": true, "voisine": true, "voisins": true, "voisines": true,
	"usager": true, "usagers": true, "usagere": true, "usageres": true, "frere": true, "soeur": true,
	"oncle": true, "tante": true, "cousin": true, "cousine": true, "epoux": true, "epouse": true, "conjoint": true,
	"conjointe": true, "mari": true, "il": true, "elle": true, "ils": true, "elles": true, "lui": true,
	// Wanting in other words (« cherche un stage »), and the helper's
	// sending (« orienter vers un conseiller numérique »: « vers » found
	// « Vers un tiers-lieu »).
	"cherche": true, "cherches": true, "cherchent": true, "cherchons": true,
	// A device's state (« mon portable est plein »): the device and what
	// the person cannot do say the need; « plein » was spelt « plainte »
	// once the thesaurus had « porter plainte ».
	"plein": true, "pleine": true, "pleins": true, "pleines": true,
	"orienter": true, "oriente": true, "orientee": true, "orientes": true, "orientees": true, "rediriger": true,
	"vers":  true,
	"parle": true, "parler": true, "parles": true, "parlent": true, "parlant": true, "speak": true, "speaks": true, "speaking": true,
	"in": true, "the": true, "for": true, "with": true, "my": true, "i": true,
	// A helper's English question (« where can I print », « open on
	// sunday », « help near me »): « can » found Cannes, « on »
	// Onet-le-Château, « where » was spelt « chère »; « open » is
	// « ouvert » (a stop word). « or » stays: « âge d'or ».
	"where": true, "can": true, "how": true, "what": true, "is": true, "are": true, "to": true,
	"on": true, "at": true, "near": true, "open": true, "opened": true,
	// « online » is « en ligne » (dropped, see tokens); a newcomer's
	// Spanish function words (« ayuda con el permiso de residencia »:
	// « con », « el » were held by no place and made the answer partial,
	// « el » a prefix of « Elbeuf »).
	"online": true, "con": true, "el": true, "los": true, "mi": true, "mis": true, "para": true, "por": true,
	// The words of a question as people type or dictate it (« où est-ce
	// que je peux imprimer », « comment… », « quelqu'un peut m'aider »):
	// the need they ask about says what is sought; required, « est » found
	// « Maison de l'Est ». « est » goes only in « est-ce » (below).
	"peux": true, "peut": true, "peu": true, "puis": true, "pourrais": true, "pourrait": true, "pouvez": true,
	// « peu » is « peut » typed by ear (« ou kon peu imprimé », « kelkun peu
	// maider »); required, held by no place, it made the answer partial.
	"comment": true, "quelqu": true,
	// « quand » in a question (« … quand on est débutant ? »): required,
	// it was spelt « Candé » (a route de Candé).
	"quand": true,
	// « ex », « anciennement » before a former name (« ex pole emploi »):
	// the name says what is meant; required, « ex » found « Excelsior ».
	"ex": true, "anciennement": true,
	// Times of day (« matin », « aprem »): see timeOfDay; alone,
	// required, « matin » found « Mairie (Mardi Matin) ».
	// Text-message contractions of « j'ai », « d'un(e) », « je suis »,
	// « c'est » (« jai besoin dun ordi »: « dun » found Fontaine-le-Dun),
	// and the words of a trouble (« compte bloqué », « problème »,
	// « souci »): what went wrong, not what is sought.
	"jai": true, "dun": true, "dune": true, "jsuis": true, "chui": true, "chuis": true, "cest": true,
	"bloque": true, "bloquee": true, "bloques": true, "bloquees": true, "probleme": true, "problemes": true,
	"souci": true, "soucis": true, "difficulte": true, "difficultes": true,
	// A slow or crashing device (« mon ordi rame », « mon téléphone
	// bugue », « ma tablette plante »): what went wrong with it, the
	// device is the need; « rame » found no place.
	"rame": true, "rament": true, "lent": true, "lente": true, "bug": true, "bugue": true, "beugue": true,
	"plante": true,
	// The same in a text message (« pb avec mon tel »), and its urgency
	// (« rdv caf urgent »): required, « pb » made every answer partial and
	// « urgent » was spelt « Urgence sociale ».
	"pb": true, "pbs": true, "pbm": true, "pblm": true, "urgent": true, "urgente": true, "urgents": true, "urgentes": true,
	// Something just done (« je viens d'arriver en France », « je viens
	// de perdre mon travail »): the rest says what; required, « viens »
	// was the Vienne by a word form.
	"viens": true, "vient": true,
	// Speech as dictated or typed as spoken (« euh alors voilà j'ai reçu
	// un courrier de la caf… ce qu'il faut faire », « un endroit pour
	// apprendre l'ordinateur… pour ma mère qui a 70 ans »): hesitations,
	// pronouns, an obligation (« doit », « faut »), a letter received;
	// required, « ce » found « Esp@ce informatique ». « obligatoire »
	// likewise (« facture électronique obligatoire »: held by no place).
	"euh": true, "heu": true, "bah": true, "ben": true, "alors": true, "voila": true, "bref": true,
	"ce": true, "ca": true, "cela": true, "qui": true, "quoi": true, "faut": true, "doit": true, "dois": true,
	"doivent": true, "obligatoire": true, "obligatoires": true, "recu": true, "recue": true, "recus": true, "endroit": true, "endroits": true,
	// Dictated punctuation (speech recognition writing it in words):
	// « virgule », and « point » at the end (dictatedPunctuation).
	"virgule": true,
	// A broken device (« smartphone cassé », « ordi en panne »): the
	// trouble, as « bloqué »; required, « cassé » found Pont-du-Casse.
	"casse": true, "cassee": true, "casses": true, "cassees": true, "panne": true, "abime": true, "abimee": true,
	// How one does or uses something (« comment on fait pour apprendre à
	// se servir de la souris »): « faire » is a stop word, its « fait »
	// found « Faitoutnumérique »; « se servir de » is « utiliser », said
	// by the need that follows.
	"fait": true, "servir": true, "sers": true, "sert": true,
	// Darija (Moroccan and Algerian Arabic) written in Latin letters
	// and digits around a French need, as people of the Maghreb type
	// it: « 3andi mochkil f telephone » (I have a problem with the
	// phone), « wach kayn wifi gratuit » (is there free Wi-Fi),
	// « salam », « bghit » (I want), « 3afak » (please). Required, « f »
	// found « Centre social F. Dolto »; « fi » (in) stays, a half of
	// « wi-fi ».
	"3andi": true, "andi": true, "3ndi": true, "mochkil": true, "mochkila": true, "mouchkil": true, "mushkil": true,
	"machakil": true, "f": true, "wach": true, "wech": true, "kayn": true, "kayna": true, "kain": true,
	"bghit": true, "bghina": true, "salam": true, "slm": true, "3afak": true, "afak": true, "dyal": true, "dial": true,
	// « bghit n9ad lwra9 dyali » (I want to sort out my papers): « n9ad »,
	// « nqad » (to sort out, the need says what), « dyali », « dyalek »
	// (mine, yours); « lwra9 », the papers, is a word of the thesaurus.
	"n9ad": true, "nqad": true, "n9adi": true, "dyali": true, "dyalek": true, "dyalk": true, "diali": true,
	// Portuguese « em » (in: « ajuda em português »), as the French « en »
	// a stop word; required, it found « emploi ».
	"em": true,
	// « quelqu'un » typed by ear or shortened (« kelkun peu maider pour
	// internet », « qqn pour m'aider »), as « quelqu » of « quelqu'un »
	// above; required, held by no place, it made the answer partial.
	"kelkun": true, "kelkin": true, "quelquun": true, "qqn": true, "qqun": true, "qq1": true,
	// Arabic « في » (in) and Turkish « istiyorum » (I want), as the
	// Spanish « para » and « quiero »: « مساعدة في الأوراق الإدارية »,
	// « belge yazdırmak istiyorum ».
	"في": true, "istiyorum": true,
	// Portuguese « com », « na » (with, in the), « preciso » (I need),
	// « meu(s) », « minha(s) » (my), and Romanian « pentru », « cu » (for,
	// with), « nevoie » (« am nevoie de », I need), as the Spanish
	// « con », « para », « mi »: « ajuda com documentos na internet »,
	// « ajutor pentru acte online »; required, « na » found « Nanteuil »
	// and the answer was partial (batch 2027-03-21).
	"com": true, "na": true, "preciso": true, "meu": true, "meus": true, "minha": true, "minhas": true,
	"pentru": true, "cu": true, "nevoie": true,
	// Ukrainian and Russian written in Latin letters (« dopomoha z
	// dokumentamy », help with documents; « pomoshch s kompyuterom »),
	// Dari (« komak baraye asnad », help for documents), Italian
	// (« aiuto per la dichiarazione dei redditi », « corso di informatica
	// per anziani ») and Spanish (« donde puedo usar internet gratis »):
	// « z » (with; « s » is a stop word), « baraye », « baray » (for),
	// « per », « dei », « della », « delle », « degli » (for, of the),
	// « donde », « puedo » (where, I can); required, « z » found
	// « Roule mon Z'avirons », « per » « Pertuis », « donde » was spelt
	// « monde » (batch 2027-04-04). The Italian « di » stays, a word of
	// Corsican communes' names (« Santa-Maria-di-Lota »).
	"z": true, "baraye": true, "baray": true, "per": true, "dei": true, "della": true, "delle": true, "degli": true,
	"donde": true, "puedo": true,
	// The Portuguese articles « o », « os » (« ajuda com o computador para
	// idosos »): required, « o » found « Ô Soleil » and the answer was
	// partial (batch 2027-04-11).
	"o": true, "os": true,
	// Verbs of ending an account or a contract (« supprimer mon compte
	// facebook », « résilier un abonnement internet », « clôturer un
	// compte »): the account or the contract says the need; required,
	// « supprimer » was held by one place (batch 2027-04-04).
	"supprimer": true, "supprime": true, "suppression": true, "resilier": true, "resiliation": true,
	"cloturer": true, "cloture": true,
	// « am » of « am nevoie » (Romanian) and of « I am » (English).
	"am": true,
}

// functionWords are the words of the Snowball French stop list
// (snowballstem.org/algorithms/french/stop.txt) that stopWords and
// sentenceWords do not already drop: pronouns, « ne », « que », « ici »,
// « quel », and the forms of « être » and « avoir » (the list leaves out
// « est », « sommes », « été », « as », « aura », « auras », « avions »,
// « fût », homonyms of other words; « été » is also the summer). Dropped
// from queries unless a thesaurus phrase holds them. « pas » and « sans »
// are read by their own rules (« pas cher », « sans rendez-vous »).
var functionWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(`eux mais meme ne que tu te toi ces cet cette ici quel quels quelle quelles soi ceci
		etee etees etant suis es etes sont serai seras sera serons serez seront serais serait serions seriez seraient
		etais etait etions etiez etaient fus fut fumes futes furent sois soit soyons soyez soient fusse fusses fussions
		fussiez fussent ayant eu eue eues eus avons avez ont aurai aurons aurez auront aurais aurait aurions auriez
		auraient avais avait aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions
		eussiez eussent`) {
		m[w] = true
	}
	return m
}()

// lostAndDoing are words of a person's sentence that no place holds
// (`carnet bench words`):
// something forgotten or lost (« mot de passe oublié », « j'ai perdu mon
// identifiant »: the trouble, as « bloqué ») and doing a procedure or
// looking for a place (« aide pour remplir un dossier retraite », « où
// trouver un ordinateur », « chercher du travail »). Required, they were
// held by no place and every answer was partial. Within a thesaurus phrase
// they stay (« trouver un emploi »).
var lostAndDoing = map[string]bool{"oublie": true, "oubliee": true, "oublies": true, "oubliees": true,
	"perdu": true, "perdue": true, "perdus": true, "perdues": true, "remplir": true, "trouver": true, "refaire": true,
	"chercher": true,
	// Arriving (« je viens d'arriver à Gap », « on vient d'arriver à
	// Toulon »): where says the place, the rest the need; required, held
	// by no place, « arriver » made the answer partial (batch 2027-03-21).
	// « arriver en France » is a thesaurus phrase (the newcomers).
	"arriver": true, "arrivee": true, "arrivees": true,
	// A seasonal worker (« saisonnier aide papiers », « saisonnière
	// cherche emploi »): the person, the need follows; held by no place,
	// it made the answer partial (batch 2027-03-21). « emploi saisonnier »
	// and « saisonnier agricole » are thesaurus phrases. (« travailleur »
	// stays: « travailleuse sociale au CCAS » says who writes.)
	"saisonnier": true, "saisonniers": true, "saisonniere": true, "saisonnieres": true,
	// Discreetly (« aide discrète », « discrètement »): how the person
	// wants to be helped; required, held by no place, « discrete » made
	// « violences conjugales aide discrete » partial (batch 2027-03-21).
	"discret": true, "discrete": true, "discrets": true, "discretes": true, "discretement": true,
	// Having given something away (« j'ai donné mon code de carte à un
	// faux site »): the thing and the scam say the need; required,
	// « donné » found a street « Donnet » (batch 2027-03-14).
	"donne": true, "donnee": true,
	// The forms of « faire », a stop word (« il faut que je fasse »,
	// « vous faites »: spelt « passe », « fêtes »), coming, seeing,
	// knowing, sending, calling back, saying (« on m'a dit de venir vous
	// voir »: « venir » was spelt « avenir »), and how possible, how often,
	// how much (« est-il possible d'avoir… », « je n'ai jamais… »,
	// « combien ça coûte »: « coûte » was spelt « comte »).
	"fais": true, "faites": true, "font": true, "faisons": true, "fasse": true, "fassent": true,
	"venir": true, "voir": true, "avoir": true, "savoir": true, "envoyer": true, "rappeler": true, "dit": true,
	"possible": true, "jamais": true, "seulement": true, "combien": true, "coute": true, "coutent": true,
	// Training oneself (« me former à l'informatique », « se former au
	// numérique »): what to learn follows; held by no place, « former »
	// made every answer partial.
	"former": true,
	// « encore ouvert à 18h », « toujours ouvert le samedi »: still, as
	// before; held by no place, « encore » was spelt « L'Encre bleue ».
	"encore": true, "toujours": true,
	// Getting something back (« compte whatsapp piraté récupérer »,
	// « récupérer mon mot de passe »): the account or the trouble says
	// the need; held by no place, « récupérer » made every answer partial.
	"recuperer": true, "recupere": true, "recuperee": true, "recuperes": true,
	// Not finding something (« je trouve pas les devoirs sur l'ENT »),
	// ordering it (« carte vitale perdue, commander sur ameli ») and a
	// class suited to the person (« cours informatique adapté »: the
	// person's condition says for whom): held by no place, « trouve » was
	// spelt « Rouve » (a street), « commander » found « Commanderie » and
	// « adapté » kept one place of nine (batch 2027-03-14).
	// Being phoned (« un faux banquier m'a appelé »), as « rappeler ».
	"trouve": true, "trouves": true, "commander": true, "appele": true, "appelee": true, "appeler": true, "appelle": true,
	"adapte": true, "adaptee": true, "adaptes": true, "adaptees": true}

// travellers are the words the gens du voyage (Travellers) name themselves
// and where they live by: « voyageurs en caravane aide papiers » required
// both, held by no place, and listed every place helping with procedures;
// « caravane » found the Caravan Cowork. Read as « gens du voyage », the
// words the places named for them write.
var travellers = map[string]bool{"voyageurs": true, "voyageur": true, "voyageuse": true, "voyageuses": true,
	"caravane": true, "caravanes": true}

// personTitles and civilStatus are how a referral note names the person
// it is about: a title and a civil status (« dame 82 ans veuve sait pas
// utiliser son portable », « mr 67 ans », « mme 78 ans seule »); their
// age, their public and their need say what is sought. Required,
// « veuve » was the commune of La Veuve, « dame » a word of
// Boiry-Notre-Dame, « madame » the rue Madame, and « monsieur », held by
// no place, made every answer partial. « Notre-Dame » keeps its « dame »;
// a civil status goes only where the query speaks of a person (a title,
// an age, a relative: aboutAPerson), else it may be a commune's name
// (« mairie la veuve »).
var personTitles = map[string]bool{"monsieur": true, "messieurs": true, "mr": true, "madame": true, "mesdames": true,
	"mme": true, "mmes": true, "mademoiselle": true, "mlle": true, "dame": true, "dames": true}

var civilStatus = map[string]bool{"veuve": true, "veuves": true, "veuf": true, "veufs": true,
	"seul": true, "seule": true, "seuls": true, "seules": true}

// aboutAPerson reports whether words speak of a person: a title, an age
// (« 82 ans »), a relative or a grandparent.
func aboutAPerson(words []string) bool {
	for _, w := range words {
		if personTitles[w] || w == "ans" || sentenceWords[w] || grandparents[w] {
			return true
		}
	}
	return false
}

// timeOfDay are the words of a morning or an afternoon as people type them,
// written as the thesaurus's phrases of a day and a time of day write
// them (« samedi matin », « saturday afternoon »). « soir » is a word of
// the evening's entry, kept anyway.
var timeOfDay = map[string][]string{
	"matin": {"matin"}, "matins": {"matin"}, "matinee": {"matin"}, "matinees": {"matin"},
	"aprem": {"apres", "midi"}, "aprems": {"apres", "midi"}, "apresmidi": {"apres", "midi"},
	"morning": {"morning"}, "mornings": {"morning"}, "afternoon": {"afternoon"}, "afternoons": {"afternoon"},
}

// dayWords are the days a time of day may follow.
var dayWords = map[string]bool{
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"lundis": true, "mardis": true, "mercredis": true, "jeudis": true, "vendredis": true, "samedis": true, "dimanches": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"mondays": true, "tuesdays": true, "wednesdays": true, "thursdays": true, "fridays": true, "saturdays": true, "sundays": true,
}

// englishGeneric are a helper's English (and Portuguese)
// words for the generic words of the thesaurus, read as their French (« digital help » is « aide
// numérique »): « help » found Avesnes-sur-Helpe as a word form and
// « digital » no record. English names of needs and places (« computer »,
// « library ») are thesaurus words instead.
var englishGeneric = map[string]string{
	"help": "aide", "digital": "numerique", "computing": "informatique", "workshop": "atelier",
	"workshops": "ateliers", "training": "formation", "learn": "apprendre", "learning": "apprendre",
	// « where can I use a computer »: « utiliser », as « utiliser un
	// ordinateur »; held by no place, « use » made the answer partial.
	"use": "utiliser", "using": "utiliser",
	// Portuguese (« ajuda em português »). The Spanish « ayuda » is left
	// as it is: read as « aide », « ayuda con el ordenador » found every
	// place helping (recall@20 1.00 → 0.90).
	"ajuda": "aide",
	// Romanian « ajutor » (« ajutor pentru acte online »); Portuguese
	// « documentos », Romanian « documente », as the French « documents »
	// (in the thesaurus, their word forms read the Spanish « documento »
	// and the French « document » as papers to fill in).
	"ajutor": "aide", "documentos": "documents", "documente": "documents",
	// Ukrainian « dopomoha » (« dopomoha z dokumentamy », help with
	// documents), Russian « pomoshch », Dari « komak » (« komak baraye
	// asnad »), Italian « aiuto »: help; « dokumenty » (Ukrainian,
	// Russian), Dari « asnad », Italian « documenti »: documents (batch
	// 2027-04-04: « z » found « Roule mon Z'avirons », the rest nothing).
	"dopomoha": "aide", "dopomoga": "aide", "pomoshch": "aide", "pomosh": "aide", "komak": "aide", "aiuto": "aide",
	"dokumenty": "documents", "dokumentamy": "documents", "dokumentami": "documents", "dokumentiv": "documents",
	"dokumentov": "documents", "asnad": "documents", "documenti": "documents",
	// An English claim (« housing benefit claim »), as « demande ».
	"claim": "demande", "claims": "demandes",
	// Arabic « مساعدة » (help) and « تعلم » (to learn), Turkish
	// « yardım » (help); and « m'aider » typed glued (« maider »).
	"مساعدة": "aide", "تعلم": "apprendre", "yardim": "aide", "maider": "aider",
}

// underJustice is the length of « placé(e)(s) sous main de justice »,
// « sous main de justice » or « ppsmj » at the start of words (« de »
// already dropped), 0 otherwise: the Ministry of Justice's name for people
// in prison or on probation (« personnes placées sous main de justice »,
// PPSMJ), who the person is; the need that follows says what is sought,
// as « sortant de détention » does. Read word by word, « placée » was
// spelt « place » and met the « Pl. » of addresses (written out since
// round 16b: « personne placée sous main de justice démarches internet »
// listed a sous-préfecture « Pl. du Château » first) and « main » the
// tools' « prendre en main ».
func underJustice(words []string) int {
	if len(words) > 0 && words[0] == "ppsmj" {
		return 1
	}
	k := 0
	if len(words) > 0 && placedForms[words[0]] {
		k = 1
	}
	if len(words) >= k+3 && words[k] == "sous" && words[k+1] == "main" && words[k+2] == "justice" {
		return k + 3
	}
	return 0
}

var placedForms = map[string]bool{"place": true, "placee": true, "places": true, "placees": true}

// newcomers and newResidents: « nouvel arrivant », « nouveaux
// habitants », « nouvelle résidente », as town halls write their welcome
// of people who have just moved in: a new resident, whom the need that
// follows (or the commune alone) says what is sought for, as « je viens
// d'arriver à Gap » (« arriver » is a sentence word). Required, the words
// found the reception centres for asylum seekers (« nouveaux arrivants
// angouleme »: 6 of them, none in Angoulême; batch 2027-04-04); people
// newly arrived in France are « primo-arrivants », « arrivés en France ».
var newcomers = map[string]bool{"nouvel": true, "nouveau": true, "nouveaux": true, "nouvelle": true, "nouvelles": true}
var newResidents = map[string]bool{"arrivant": true, "arrivants": true, "arrivante": true, "arrivantes": true,
	"habitant": true, "habitants": true, "habitante": true, "habitantes": true,
	"resident": true, "residents": true, "residente": true, "residentes": true}

// etreVerbs are the forms of « être » that describe the person spoken for
// (« mon père est à la retraite », « elle est retraitée »).
var etreVerbs = map[string]bool{"est": true, "sont": true, "suis": true, "es": true, "etes": true, "sommes": true}

// grandparents are older people (« ma grand-mère veut faire des appels
// vidéo »): the word is the public seniors. Their grandchildren
// (« petits-enfants », « petit-fils ») are whom they speak to, not whom
// the need is for.
var grandparents = map[string]bool{"mamie": true, "mamy": true, "papi": true, "papy": true}

// Ages in years and the publics they are, as the standard's publics say
// them (v0 publics_accueillis: « Seniors (+ 65 ans) », « Jeunes (16-26
// ans) »).
const (
	seniorsFrom        = 65
	youngFrom, youngTo = 16, 26
	// olderFrom: « plus de 60 ans » asks for older people, as the
	// Code de l'action sociale et des familles counts them (art. L113-1:
	// 65 years, 60 when unfit for work; the APA from 60).
	olderFrom = 60
)

// sentenceAround drops the sentence words from a query's words and reads
// an age in years (« 80 ans », « 16-25 ans ») as the public it is
// (« seniors », « jeunes »), or as nothing for other ages: the number is
// not a département (« 80 », the Somme) nor « ans » the word of the
// label « Jeunes (16-26 ans) ». « grand » goes with « mère », « père ».
// A query made only of such words keeps them.
func sentenceAround(words []string) []string {
	var out []string
	words = numberWords(words)
	for i := 0; i < len(words); i++ {
		w := words[i]
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		if v, ok := elidedJe(w); ok {
			// « jcherche », « jsais pas »: « je » run into its verb.
			w, words[i] = v, v
		}
		if w == "pa" {
			// « pa » is how a text message writes « pas » (« pa cher
			// ordi », « jsais pa »): read as the beginning of a name it
			// found « Paul », and « cher » beside it the Cher. Alone it
			// is dropped as « pas » is, and the query falls back to its
			// own words (a name being typed).
			w, words[i] = "pas", "pas"
		}
		if i == 0 && next != "" && greeting(w, next) {
			continue
		}
		if n := underJustice(words[i:]); n > 0 {
			i += n - 1 // « personne placée sous main de justice »: who the person is
			continue
		}
		if newcomers[w] && newResidents[next] {
			i++ // « nouvel arrivant », « nouveaux habitants »: who the person is
			continue
		}
		if troubleVerbs[w] && (next == "pas" || next == "plus" || next == "rien") {
			i++ // « france connect marche pas »: what went wrong
			continue
		}
		if day := dayAbbreviations[w]; day != "" && (timeOfDay[next] != nil || next == "apres" || next == "soir" || next == "midi") {
			// « dispo le sam matin »: a day shortened before a time of
			// day; alone « sam » is the beginning of a name (Sambuc).
			w = day
		}
		if lunchHours(w, next) || w == "midi" && (next == "2" || lunchHours("12h", next)) {
			// « de 12h à 14h », « entre midi et 2 », « midi 14h »
			if len(out) > 0 && out[len(out)-1] == "entre" {
				out = out[:len(out)-1]
			}
			out = append(out, lunchPhrase...)
			i++
			continue
		}
		if eveningBefore[w] && eveningHour(w, next) {
			continue // « jusqu'à 19h », « à partir de 18h »: the hour says when
		}
		if (eveningBefore[w] || w == "avant") && !eveningHour(w, next) && dayHour(next) {
			continue // « avant 9h », « jusqu'à 17h »: hourWord reads the hour
		}
		if dayHour(w) && !eveningHour(prevWord(words, i), w) {
			if part := dayPart(prevWord(words, i), at(w)); part != nil && (dayWords[next] || len(out) > 0 && dayWords[out[len(out)-1]]) {
				// « samedi jusqu'à 17h », « avant 9h le mardi »: the
				// day's time of day, as « samedi après-midi » (the
				// half hours are kept for any day, not day by day).
				if dayWords[next] {
					out = append(out, next)
					i++
				}
				out = append(out, part...)
				continue
			}
			out = append(out, hourWord(prevWord(words, i), at(w)))
			continue
		}
		if eveningHour(prevWord(words, i), w) && !dayWords[next] && (i < 2 || !dayWords[words[i-2]]) {
			// « jusqu'à 20h », « après 19h » without a day: the hour
			// itself (« jusqu'à 20h » is open at 19:30, the evening
			// from 18:00 held places closing at 18:30).
			out = append(out, hourWord(prevWord(words, i), at(w)))
			continue
		}
		if eveningHour(prevWord(words, i), w) {
			if dayWords[next] {
				// « jusqu'à 19h le mardi » is « mardi soir », as
				// « mardi jusqu'à 19h » is: the day's evening.
				out = append(out, next)
				i++
			}
			out = append(out, "soir")
			continue
		}
		if n := notFrench(words[i:]); n > 0 {
			// « ne parle pas français »: the people who do not speak
			// French, as « non francophones » names them.
			out = append(out, "non", "francophones")
			i += n - 1
			continue
		}
		if grandparents[w] || (w == "grand" || w == "grands") && (next == "mere" || next == "pere" || next == "parents" || next == "meres" || next == "peres") {
			if w == "grand" || w == "grands" {
				i++
			}
			out = append(out, "seniors")
			continue
		}
		if travellers[w] {
			// « voyageurs en caravane »: the gens du voyage, as the
			// places named for them write it; said once.
			if !slices.Contains(out, "voyage") {
				out = append(out, "gens", "voyage")
			}
			continue
		}
		if (w == "petit" || w == "petits" || w == "petite" || w == "petites") && (next == "enfant" || next == "enfants" || next == "fils" || next == "fille" || next == "filles") {
			i++ // « petits-enfants »: the grandchildren
			continue
		}
		if etreVerbs[w] && strings.HasPrefix(next, "retraite") {
			// « est à la retraite » (« à la » are stop words), « est
			// retraité »: a retired person is an older person; « retraite »
			// alone is the pension procedure.
			i++
			out = append(out, "seniors")
			continue
		}
		if w == "est" && i > 0 && (sentenceWords[words[i-1]] || grandparents[words[i-1]]) {
			continue // « mon père est… »: « est » found « Mission locale Est »
		}
		if part := timeOfDay[w]; part != nil || w == "apres" && next == "midi" {
			// A time of day beside a day names when (« samedi
			// matin », « lundi aprem »: the thesaurus's phrases of a
			// day and a time); alone it is dropped (sentenceWords).
			if w == "apres" {
				part = []string{"apres", "midi"}
				i++
			}
			if len(out) > 0 && dayWords[out[len(out)-1]] {
				out = append(out, part...)
			}
			continue
		}
		if sentenceWords[w] || howMuch[w] && !inLexPhrase(words, i) && !startsLexPhrase(words, i) {
			continue
		}
		if (personTitles[w] && prevWord(words, i) != "notre" || civilStatus[w] && aboutAPerson(words)) &&
			!inLexPhrase(words, i) && !startsLexPhrase(words, i) {
			continue
		}
		if n := dictatedPunctuation(words[i:]); n > 0 {
			i += n - 1
			continue
		}
		if fr := englishGeneric[w]; fr != "" && !startsLexPhrase(words, i) {
			// « use a computer » is a phrase of the thesaurus (a computer
			// to use: equipment access), « use » alone « utiliser ».
			out = append(out, fr)
			continue
		}
		if w == "pas" && next != "calais" && !startsLexPhrase(words, i) {
			// A negation (« je n'ose pas », « n'a pas internet »): « pas »
			// names something only in a phrase (« pas cher », « pas
			// d'ordinateur ») or the Pas-de-Calais; required it found
			// « Apprentis pas sages ».
			continue
		}
		if (w == "se" || w == "ne") && (sentenceWords[next] || notManaging[next]) {
			continue // the negation or the pronoun of a verb dropped next (« ne sait pas », « se servir »)
		}
		if (functionWords[w] || lostAndDoing[w] || w == "se") && !inLexPhrase(words, i) && !startsLexPhrase(words, i) {
			// A pronoun, a negation or an auxiliary (« je suis perdu »,
			// « nous avons besoin », « me connecter » before another
			// verb than « se connecter »): no need of its own.
			continue
		}
		if notManaging[w] {
			// « j'y arrive pas », « je sais pas », « je comprends
			// rien »: the person says they cannot, the need is the
			// other words; the negation goes with the verb (« pas »
			// found « Apprentis pas sages » and the Pas-de-Calais).
			if i+1 < len(words) && (words[i+1] == "pas" || words[i+1] == "rien" || words[i+1] == "plus") {
				i++
			}
			continue
		}
		if w == "est" && (next == "il" || next == "elle") {
			continue // « est-il possible… »: a question's form, the pronoun goes next
		}
		if w == "est" && i+1 < len(words) && words[i+1] == "ce" {
			// « est-ce que », « qu'est-ce que »: a question's form.
			i++
			if i+1 < len(words) && words[i+1] == "que" {
				i++
			}
			continue
		}
		if !isDigitsOnly(w) {
			out = append(out, w)
			continue
		}
		// A run of numbers followed by « ans » or « an » is an age
		// or a range of ages.
		j := i
		for j < len(words) && isDigitsOnly(words[j]) && len(words[j]) <= 3 {
			j++
		}
		if j == i || j >= len(words) || words[j] != "ans" && words[j] != "an" {
			out = append(out, w)
			continue
		}
		lo, hi := 1000, -1
		for _, n := range words[i:j] {
			v, _ := strconv.Atoi(n)
			lo, hi = min(lo, v), max(hi, v)
		}
		above := len(out) > 0 && out[len(out)-1] == "plus" && j == i+1
		if above {
			// « plus de 60 ans »: an open range of ages.
			out = out[:len(out)-1]
		}
		switch {
		case lo >= seniorsFrom || above && lo >= olderFrom:
			out = append(out, "seniors")
		case lo >= youngFrom && hi <= youngTo:
			out = append(out, "jeunes")
		}
		i = j
	}
	if len(out) == 0 {
		return words
	}
	return out
}

// dictatedPunctuation returns how many words at the start of words are
// punctuation dictated in words (« point » ending the query, « point
// d'interrogation », « point d'exclamation », « point virgule »: « d' » is
// already dropped), 0 when they are not: « point » elsewhere names places
// (« point information jeunesse », « point justice »).
func dictatedPunctuation(words []string) int {
	if len(words) == 0 || words[0] != "point" {
		return 0
	}
	if len(words) == 1 {
		return 1
	}
	switch words[1] {
	case "interrogation", "exclamation", "virgule":
		return 2
	}
	return 0
}

// howMuch are how much or how long and fear, in a person's sentence
// (« mon fils passe trop de temps sur les écrans », « j'ai peur de me
// faire arnaquer »): the need is the other words; required, « trop » found
// Saint-Tropez by a prefix. Words of a thesaurus phrase stay (« mot de
// passe »).
var howMuch = map[string]bool{"passe": true, "passes": true, "passent": true, "passer": true, "trop": true,
	"tres": true, "vraiment": true, "beaucoup": true, "peur": true}

// elidedJe returns the verb of « je » typed without its apostrophe
// (« jcherche », « jveux », « jsais »), when the rest is a word of a
// sentence this file reads (« jai », « jsuis » are sentence words
// themselves).
func elidedJe(w string) (string, bool) {
	if len(w) < 4 || w[0] != 'j' {
		return "", false
	}
	v := w[1:]
	return v, sentenceWords[v] || notManaging[v] || etreVerbs[v]
}

// greetings open a message (« cc jcherche ou imprimer », « slt je veux
// apprendre »): dropped before a sentence word only, « cc » being also the
// communauté de communes (« cc sisteron »), « salut » a word of names.
var greetings = map[string]bool{"cc": true, "coucou": true, "slt": true, "salut": true, "bjr": true, "bonjour": true,
	"bsr": true, "bonsoir": true, "hello": true, "hi": true}

// greeting says whether w, a message's first word before next, greets.
func greeting(w, next string) bool {
	if !greetings[w] {
		return false
	}
	if v, ok := elidedJe(next); ok {
		next = v
	}
	return sentenceWords[next] || notManaging[next] || etreVerbs[next] || stopWords[next] || next == "jai"
}

// troubleVerbs say that something does not work when a negation follows
// (« marche pas », « fonctionne plus »); without it « marche » is a word
// of names (« Les acteurs en marche »).
var troubleVerbs = map[string]bool{"marche": true, "marchent": true, "fonctionne": true, "fonctionnent": true}

// dayAbbreviations are days as a text message shortens them, read as days
// before a time of day only (« sam matin », « mer aprem »): « mer », « jeu »
// are words, « sam » begins names.
var dayAbbreviations = map[string]string{"lun": "lundi", "mar": "mardi", "mer": "mercredi", "jeu": "jeudi",
	"ven": "vendredi", "sam": "samedi", "dim": "dimanche"}

// devices, brokenWords and repairVerbs say a repair need: a device
// broken (« écran de téléphone fissuré », « mon ordi est en panne ») or
// to repair (« réparer mon téléphone », « changer l'écran de mon
// portable »). The device is what is repaired, not a need of its own:
// « écran » alone is the parents' screen time, « téléphone » learning to
// use one.
var (
	devices = map[string]bool{"telephone": true, "telephones": true, "tel": true, "portable": true, "portables": true,
		"smartphone": true, "smartphones": true, "mobile": true, "iphone": true, "ecran": true, "ecrans": true,
		"ordinateur": true, "ordinateurs": true, "ordi": true, "ordis": true, "pc": true, "tablette": true, "tablettes": true,
		"batterie": true, "vitre": true}
	brokenWords = map[string]bool{"casse": true, "cassee": true, "casses": true, "cassees": true, "panne": true,
		"abime": true, "abimee": true, "abimes": true, "abimees": true, "fissure": true, "fissuree": true, "fissures": true,
		"fissurees": true, "brise": true, "brisee": true, "brises": true, "brisees": true, "hs": true}
	repairVerbs = map[string]bool{"reparer": true, "reparation": true, "reparations": true, "changer": true, "remplacer": true}
)

// deviceForProcedure reports whether the device at all[i] is followed by
// « pour » and, past stop words, a word meaning help with procedures
// (« portable pour ameli », « ordi pour les impôts »); for a verb of use
// at all[i], whether the device it uses is (« utiliser son portable pour
// ameli »).
func deviceForProcedure(all []string, i int) bool {
	if useVerbs[all[i]] {
		k := i + 1
		for k < len(all) && (all[k] == "" || stopWords[all[k]]) {
			k++
		}
		return k < len(all) && devices[all[k]] && deviceForProcedure(all, k)
	}
	if i+1 >= len(all) || all[i+1] != "pour" {
		return false
	}
	for j := i + 2; j < len(all) && j < i+5; j++ {
		if all[j] == "" || stopWords[all[j]] || all[j] == "faire" {
			continue
		}
		return procedureWord(all[j])
	}
	return false
}

// useVerbs are the verbs of using a device (« utiliser son portable »).
var useVerbs = map[string]bool{"utiliser": true, "utilise": true, "servir": true}

// procedureWord: a thesaurus word meaning help with procedures (« ameli »,
// « impôts »). It reads the lexicon that tokens builds: set in init, as
// thesaurusWord.
var procedureWord func(w string) bool

func init() {
	procedureWord = func(w string) bool {
		return slices.ContainsFunc(lex.phrases[w], func(p *lexPhrase) bool {
			return len(p.tokens) == 1 && slices.ContainsFunc(p.targets, func(t lexTarget) bool {
				return t.field == FieldThemes && t.value == vocab.ThemeAdministrativeProcedures
			})
		})
	}
}

// repairNeed writes a repair need (a device with a broken word or a
// repair verb) as « réparer », the thesaurus's word for it, where its
// first word was; the device, the broken word, the verb and « est » go.
// Other queries are returned as they are.
func repairNeed(words []string) []string {
	device, broken, verb := false, false, false
	for _, w := range words {
		device = device || devices[w]
		broken = broken || brokenWords[w]
		verb = verb || repairVerbs[w] && w != "changer" && w != "remplacer"
	}
	change := slices.ContainsFunc(words, func(w string) bool { return w == "changer" || w == "remplacer" }) &&
		slices.ContainsFunc(words, func(w string) bool { return w == "ecran" || w == "batterie" || w == "vitre" })
	if !device || !broken && !verb && !change {
		return words
	}
	var out []string
	said := false
	for _, w := range words {
		if devices[w] || brokenWords[w] || repairVerbs[w] || etreVerbs[w] {
			if !said {
				out, said = append(out, "reparer"), true
			}
			continue
		}
		out = append(out, w)
	}
	return out
}

// eveningBefore are the words before an hour that say from or until when
// a place is open (« après 19h », « à partir de 18h », « jusqu'à 19h »;
// « à », « de » are stop words).
var eveningBefore = map[string]bool{"apres": true, "partir": true, "jusqu": true, "jusque": true}

// eveningHour says whether hour, typed after before (« 19h », « 18h30 »),
// is in the evening as OpenOnEvening counts it (open at some time from
// 18:00): from 18:00 after « après » or « à partir de », after 18:00
// after « jusqu'à » (a place closing at 18:00 is not open in the evening).
// The query's word is then « soir » beside a day (« jusqu'à 19h le
// mardi »), the hour itself otherwise (hourWord).
func eveningHour(before, hour string) bool {
	if !eveningBefore[before] {
		return false
	}
	at, ok := clockTime(hour)
	if !ok {
		return false
	}
	if before == "jusqu" || before == "jusque" {
		return at > 18*60 && at <= 24*60
	}
	return at >= 18*60 && at < 24*60
}

// dayHour says whether w is an hour of the day as people type it (« 9h »,
// « 13h30 »; « h » alone is a letter).
func dayHour(w string) bool {
	at, ok := clockTime(w)
	return ok && at < 24*60 && w[0] >= '0' && w[0] <= '9'
}

// Hours by the hour (« ouvert à 13h », « dès 8h », « avant 9h »,
// « jusqu'à 17h », « après 16h30 »): the query's word for such an hour,
// after the word before it (« à », « dès » are stop words), is one the
// lexicon reads as FieldOpenWhen's OpenWhenAt values (hourPhrases): open
// at that time; « avant » at some time before it; « après », « à partir
// de » at some time from it; « jusqu'à » at the half hour before it (a
// place open « jusqu'à 17h » is open at 16:30). The hours of the evening
// after « après » or « jusqu'à » stay the evening (eveningHour). Hours
// fall on OpenWhenAt's half hours: « 13h15 » is 13:00.
func hourWord(before string, at int) string {
	at -= at % openWhenStep
	switch before {
	case "avant":
		return hourToken("hbefore", at)
	case "apres", "partir":
		return hourToken("hfrom", at)
	case "jusqu", "jusque":
		return hourToken("huntil", at)
	}
	return hourToken("hat", at)
}

// dayPart is the time of day (OpenWhenParts, as timeOfDay writes it) of
// an hour typed after before: the half hour before it after « jusqu'à »,
// the hour itself otherwise; nil over the lunch hour, which no part holds.
func dayPart(before string, at int) []string {
	if before == "jusqu" || before == "jusque" {
		at -= openWhenStep
	}
	switch {
	case at < 12*60:
		return timeOfDay["matin"]
	case at >= 14*60 && at < 18*60:
		return timeOfDay["aprem"]
	case at >= 18*60:
		return []string{"soir"}
	}
	return nil
}

// at is the minute of the day of an hour clockTime reads.
func at(w string) int {
	t, _ := clockTime(w)
	return t
}

// hourToken is the lexicon's word for a kind of hour at a time: "hat1300".
func hourToken(kind string, at int) string {
	return kind + OpenWhenAt(at)[3:]
}

// hourPhrases are the lexicon's words of hourWord with their OpenWhenAt
// values (alternatives).
func hourPhrases() map[string][]string {
	out := map[string][]string{}
	for t := 0; t < 24*60; t += openWhenStep {
		out[hourToken("hat", t)] = []string{OpenWhenAt(t)}
		if t > 0 {
			out[hourToken("huntil", t)] = []string{OpenWhenAt(t - openWhenStep)}
		}
		for u := 0; u < 24*60; u += openWhenStep {
			if u < t {
				out[hourToken("hbefore", t)] = append(out[hourToken("hbefore", t)], OpenWhenAt(u))
			} else {
				out[hourToken("hfrom", t)] = append(out[hourToken("hfrom", t)], OpenWhenAt(u))
			}
		}
	}
	return out
}

// spelledAcronyms reads each run of three or more one-letter words of q
// (« aide pour la c a f », « m s a », as speech recognition writes an
// acronym dictated letter by letter, or « C. A. F. ») as the word they
// spell when the thesaurus or the vocabularies know it (a word of the
// lexicon); runs that spell nothing known stay letters (« il n'y a » is
// « n y a »). q is returned as is when it holds no such run. Before
// tokenize: « a » and « c » are stop words.
func spelledAcronyms(q string) string {
	all := strings.Split(vocab.Slugify(undot(q)), "-")
	var out []string
	changed := false
	for i := 0; i < len(all); i++ {
		n := 0
		for i+n < len(all) && len(all[i+n]) == 1 && 'a' <= all[i+n][0] && all[i+n][0] <= 'z' {
			n++
		}
		if n >= 3 {
			word := strings.Join(all[i:i+n], "")
			if slices.ContainsFunc(lex.phrases[word], func(p *lexPhrase) bool { return len(p.tokens) == 1 }) {
				out, changed = append(out, word), true
				i += n - 1
				continue
			}
		}
		out = append(out, all[i])
	}
	if !changed {
		return q
	}
	return strings.Join(out, " ")
}

// clockTime reads an hour as typed (« 19h », « 18h30 ») in minutes of
// the day.
func clockTime(hour string) (int, bool) {
	h, m, ok := strings.Cut(hour, "h")
	if !ok || !isDigitsOnly(h) || len(h) > 2 || m != "" && (!isDigitsOnly(m) || len(m) != 2) {
		return 0, false
	}
	n, _ := strconv.Atoi(h)
	mins, _ := strconv.Atoi(m)
	return n*60 + mins, true
}

// lunchHours says whether two hours typed one after the other (« de 12h
// à 14h », « entre 12h et 14h »: « de », « à », « et » are stop words)
// span the lunch hour a place open at lunchtime is open through
// (OpenOnLunchtime), from about noon to about two: they are « entre midi
// et deux ».
func lunchHours(from, to string) bool {
	a, ok := clockTime(from)
	b, ok2 := clockTime(to)
	return ok && ok2 && a >= 11*60 && a <= lunchFrom && b >= lunchTo && b <= 14*60+30
}

// lunchPhrase is the thesaurus's lunch hour as a query's words.
var lunchPhrase = tokens("entre midi et deux")

// prevWord is the word before words[i], "" for the first.
func prevWord(words []string, i int) string {
	if i == 0 {
		return ""
	}
	return words[i-1]
}

// notManaging are the verbs of a person saying they cannot do something
// (« j'y arrive pas », « je sais pas m'en servir », « je comprends rien à
// internet », « je m'en sors pas », « j'y connais rien »).
var notManaging = map[string]bool{
	"arrive": true, "arrives": true, "sais": true, "sait": true, "comprends": true, "comprend": true,
	"sors": true, "connais": true, "connait": true, "savent": true,
}

// speakingVerbs say whether a person speaks, understands, reads or writes
// a language (« ne parle pas français », « comprend pas le français »).
var speakingVerbs = map[string]bool{
	"parle": true, "parles": true, "parlent": true, "parlant": true, "comprend": true, "comprends": true,
	"comprennent": true, "lit": true, "lis": true, "lisent": true, "ecrit": true, "ecris": true,
}

// notFrench returns how many words at the start of words say that a person
// does not speak French (« ne parle pas français », « parle pas bien le
// français », « ne comprend pas un mot de français »: articles are already
// dropped), 0 when they do not.
func notFrench(words []string) int {
	j := 0
	if j < len(words) && words[j] == "ne" {
		j++
	}
	if j >= len(words) || !speakingVerbs[words[j]] {
		return 0
	}
	j++
	if j >= len(words) || words[j] != "pas" && words[j] != "plus" && words[j] != "peu" {
		return 0
	}
	j++
	for j < len(words) && (words[j] == "bien" || words[j] == "tres" || words[j] == "mot" || words[j] == "encore" ||
		words[j] == "vraiment" || words[j] == "beaucoup" || words[j] == "trop") {
		j++
	}
	if j < len(words) && words[j] == "francais" {
		return j + 1
	}
	return 0
}

// numberValues are the French number words a dictated query holds
// (speech recognition writes « seize mille », « dans le treize »,
// « quatorze juillet », « soixante-dix ans » in words). « un » and « une »
// are articles, left out.
var numberValues = map[string]int{
	"zero": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
	"neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
	"seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
	"soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
}

var months = map[string]bool{"janvier": true, "fevrier": true, "mars": true, "avril": true, "mai": true, "juin": true,
	"juillet": true, "aout": true, "septembre": true, "octobre": true, "novembre": true, "decembre": true}

// numberWords writes each run of French number words as the number it
// says (« seize mille » → 16000, « soixante dix » → 70, « quatre vingt
// cinq » → 85), so that a dictated postal code, département, date of a
// street or age is read as typed digits are. A run of one word that has
// another meaning (« neuf », new; « cent », « mille » in names) stays a
// word.
func numberWords(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		j := i
		for j < len(words) && isNumberWord(words[j]) {
			j++
		}
		if digits, ok := dictatedDigits(words[i:j]); ok {
			// « treize zéro zéro trois »: a postal code said in
			// groups, each zero a digit (13003, not 13 + 0 + 0 + 3).
			out = append(out, digits)
			i = j - 1
			continue
		}
		if j < len(words) && months[words[j]] {
			// « quatorze juillet », « huit mai »: a date names a
			// street or a square, and its number is no département.
			j = i
		}
		if j > i && (inLexPhrase(words, i) || startsLexPhrase(words, i)) {
			// « entre midi et deux »: a number word of a thesaurus
			// phrase is a word of it (the lunch hour, not 2); so is
			// the first word of a département's name (« deux sèvres »).
			j = i
		}
		if j == i || j == i+1 && (words[i] == "neuf" || words[i] == "cent" || words[i] == "cents" || words[i] == "mille") {
			out = append(out, words[i])
			continue
		}
		out = append(out, strconv.Itoa(spokenNumber(words[i:j])))
		i = j - 1
	}
	return out
}

func isNumberWord(w string) bool {
	_, ok := numberValues[w]
	return ok
}

// spokenNumber is the value of a run of French number words (« quatre
// vingt treize » → 93, « deux mille » → 2000).
func spokenNumber(run []string) int {
	total, cur := 0, 0
	for _, w := range run {
		switch v := numberValues[w]; {
		case v == 1000:
			total += max(cur, 1) * 1000
			cur = 0
		case v == 100:
			cur = max(cur, 1) * 100
		case v == 20 && cur > 1 && cur < 10:
			cur *= 20 // quatre-vingt
		default:
			cur += v
		}
	}
	return total + cur
}

// dictatedDigits reads a run of number words holding « zéro » after a
// number as the groups of digits it says (« treize zéro zéro trois » →
// 13003, « zéro six » → 06): a zero is never added, so a number dictated
// with one is said digit group by digit group. ok is false without a zero.
func dictatedDigits(run []string) (string, bool) {
	if !slices.Contains(run, "zero") || len(run) < 2 {
		return "", false
	}
	var b strings.Builder
	for k := 0; k < len(run); {
		if run[k] == "zero" {
			b.WriteByte('0')
			k++
			continue
		}
		e := k
		for e < len(run) && run[e] != "zero" {
			e++
		}
		b.WriteString(strconv.Itoa(spokenNumber(run[k:e])))
		k = e
	}
	return b.String(), true
}

// inLexPhrase reports whether words[i] is inside a phrase of several words
// of the lexicon (the thesaurus, abbreviations, départements) written in
// words.
func inLexPhrase(words []string, i int) bool {
	for s := max(0, i-6); s < i; s++ {
		for _, p := range lex.phrases[words[s]] {
			if k := len(p.tokens); s+k > i && s+k <= len(words) && slices.Equal(p.tokens, words[s:s+k]) {
				return true
			}
		}
	}
	return false
}

// startsLexPhrase reports whether a thesaurus phrase of several words
// starts at words[i].
func startsLexPhrase(words []string, i int) bool {
	for _, p := range lex.phrases[words[i]] {
		if k := len(p.tokens); k > 1 && i+k <= len(words) && slices.Equal(p.tokens, words[i:i+k]) {
			return true
		}
	}
	return false
}

// hasWordChar reports whether s holds a letter or a digit: a query without
// any (« ??? », « 📱 ») has nothing to search for.
func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Text fields and their weights in relevance: a word found in the
// service's own name counts most, then the structure's name, the commune,
// free-text labels (the source's own service labels, other labels, fee
// details), the descriptions, and last the street address (« près de la
// gare »: the places on « place de la Gare »). Vocabulary values are not text: they
// are matched through their bitsets (see lexicon.go), with weight
// vocabWeight.
const (
	fieldName = iota
	fieldOwnerName
	fieldCommune
	fieldTopics
	fieldDescription
	fieldAddress
	numTextFields
)

var fieldWeight = [numTextFields]float64{4, 3, 2, 1.5, 1, 1}

// placeFields are the fields a word read as a commune or postal code is
// looked for in: not the street address, which often names another
// commune (« route d'Angoulême » in Chabanais).
const placeFields = 0xff &^ (1 << fieldAddress)

// fieldMask is the mask of the fields clause c is looked for in.
func (c *clause) fieldMask() uint32 {
	if c.place >= 0 {
		return placeFields
	}
	if c.street {
		return 1 << fieldAddress
	}
	return 0xff
}

// termMask is the mask of the fields term tr of clause c is looked for
// in: a word saying whom a place serves or how it works (HowPublic:
// « mobiles » for itinerant help) is not said by its street's name
// (« Rampe des Mobiles »).
func (c *clause) termMask(tr termRef) uint32 {
	if tr.how == HowPublic {
		return c.fieldMask() &^ (1 << fieldAddress)
	}
	return c.fieldMask()
}

// maskWeight[m] is the weight of the best field in mask m.
var maskWeight = func() (w [1 << numTextFields]float64) {
	for m := range w {
		for f := range numTextFields {
			if m&(1<<f) != 0 {
				w[m] = math.Max(w[m], fieldWeight[f])
			}
		}
	}
	return w
}()

// prefixFactor discounts a word matched only as the beginning of a longer
// term ("médiat" in "médiathèque") against an exact word.
const prefixFactor = 0.7

// textIndex is an inverted index: for each term, the slots whose text holds
// it, with the fields it appears in. Terms are also kept sorted so that a
// prefix is a contiguous range found by binary search.
type textIndex struct {
	ids      map[string]uint32 // term → term id
	postings [][]uint32        // term id → sorted entries slot<<8 | field mask
	sorted   []string          // every term but fresh ones, sorted
	sortedID []uint32          // term ids in the order of sorted
	// fresh holds the ids of terms met since the last settle, not yet in
	// sorted. Inserting each new term into sorted at once shifted the
	// whole slice: a batch of 10⁵ new words (a partner's sync of long
	// random texts) took seconds under the index's write lock while every
	// search waited. They are merged once, at the end of the batch
	// (table.reorder, putAll); termRange also reads them until then.
	fresh []uint32
	// fieldBits holds, for frequent terms only, one bitset per text field
	// of the slots holding the term there: a broad prefix then ORs a few
	// bitsets instead of visiting tens of thousands of entries (see
	// table.runWord).
	fieldBits map[uint32]*[numTextFields]bitset

	// Word forms of every term (see forms.go), filled when the index
	// first meets a term: terms are never forgotten, so these only grow
	// (a term whose postings became empty matches nothing).
	terms []string            // term id → term
	stems map[string][]uint32 // stem → term ids
	phon  map[string][]uint32 // phonetic key → term ids
	byLen [maxTermLen + 1][]fuzzyTerm
}

// maxTermLen bounds the terms kept for spelling matches; longer words are
// not typed.
const maxTermLen = 24

// fuzzyTerm is a term as the typo search scans it.
type fuzzyTerm struct {
	mask uint32
	id   uint32
}

// frequentTerm is the postings length from which a term keeps field
// bitsets: 5 × 12.5 KiB at 10⁵ slots, worth it against ≥ 512 entries read
// one by one; below half of it the bitsets are dropped again.
const frequentTerm = 512

func newTextIndex() *textIndex {
	return &textIndex{ids: map[string]uint32{}, fieldBits: map[uint32]*[numTextFields]bitset{},
		stems: map[string][]uint32{}, phon: map[string][]uint32{}}
}

// noteEntry keeps a term's field bitsets in step with its postings: slot
// left the fields of oldMask and is now in those of newMask (0 for none).
func (ti *textIndex) noteEntry(id, slot uint32, oldMask, newMask uint8) {
	fb := ti.fieldBits[id]
	n := len(ti.postings[id])
	switch {
	case fb == nil && n >= frequentTerm:
		fb = new([numTextFields]bitset)
		for _, e := range ti.postings[id] {
			for f := range numTextFields {
				if e&(1<<f) != 0 {
					fb[f].set(e >> 8)
				}
			}
		}
		ti.fieldBits[id] = fb
		return
	case fb != nil && n < frequentTerm/2:
		delete(ti.fieldBits, id)
		return
	case fb == nil:
		return
	}
	for f := range numTextFields {
		if oldMask&(1<<f) != 0 {
			fb[f].clear(slot)
		}
		if newMask&(1<<f) != 0 {
			fb[f].set(slot)
		}
	}
}

func (ti *textIndex) termID(t string) uint32 {
	if id, ok := ti.ids[t]; ok {
		return id
	}
	id := uint32(len(ti.postings))
	ti.ids[t] = id
	ti.postings = append(ti.postings, nil)
	ti.terms = append(ti.terms, t)
	if s := stem(t); s != "" {
		ti.stems[s] = append(ti.stems[s], id)
	}
	if p := phonetic(t); p != "" {
		ti.phon[p] = append(ti.phon[p], id)
	}
	if n := len(t); n >= minKeyLen && n <= maxTermLen && isLetters(t) {
		ti.byLen[n] = append(ti.byLen[n], fuzzyTerm{letterMask(t), id})
	}
	ti.fresh = append(ti.fresh, id)
	return id
}

// settleFresh merges the fresh terms into sorted: one pass from the end,
// in place, whatever their number.
func (ti *textIndex) settleFresh() {
	if len(ti.fresh) == 0 {
		return
	}
	slices.SortFunc(ti.fresh, func(a, b uint32) int { return strings.Compare(ti.terms[a], ti.terms[b]) })
	n, p := len(ti.sorted), len(ti.fresh)
	ti.sorted = slices.Grow(ti.sorted, p)[:n+p]
	ti.sortedID = slices.Grow(ti.sortedID, p)[:n+p]
	i, j := n-1, p-1
	for k := n + p - 1; j >= 0; k-- {
		// Fresh terms are new: never equal to one already sorted.
		if i >= 0 && ti.sorted[i] > ti.terms[ti.fresh[j]] {
			ti.sorted[k], ti.sortedID[k] = ti.sorted[i], ti.sortedID[i]
			i--
		} else {
			ti.sorted[k], ti.sortedID[k] = ti.terms[ti.fresh[j]], ti.fresh[j]
			j--
		}
	}
	ti.fresh = ti.fresh[:0]
}

// docTerms folds the fields of a document into term → field mask. Where
// the text writes an abbreviation (vocab.Abbreviations) in any of its
// ways — « MJC », « Maison des Jeunes et de la Culture », « Cyber-base »
// for an EPN — the document also holds the entry's term (abbrevTerm) in
// that field, so that a query written the other way finds it. A word the
// thesaurus writes glued and in two words is held both ways.
func docTerms(fields [numTextFields][]string) map[string]uint8 {
	m := map[string]uint8{}
	for f, texts := range fields {
		bit := uint8(1) << f
		for _, s := range texts {
			ws := tokens(s)
			for i, w := range ws {
				if f == fieldAddress {
					// A street is read as plain words (« place de la
					// Mairie » is no town hall), without its number
					// (« Médiathèque 1 » is not the one at « 1 rue… »).
					if !isDigitsOnly(w) {
						m[w] |= bit
						for _, full := range streetAbbrevs[w] {
							m[full] |= bit
						}
					} else if i == 0 && houseNumber(ws, i) {
						m[houseTerm(w)] |= bit
					}
					continue
				}
				m[w] |= bit
				if rest := articleGlued(w); rest != "" {
					m[rest] |= bit
				}
				if g := lex.glued[w]; g != nil && i+1 < len(ws) {
					// « Cyber-base » is also the « cyberbase » typed.
					if gw, ok := g[ws[i+1]]; ok {
						m[gw] |= bit
					}
				}
				if sp, ok := lex.split[w]; ok {
					m[sp[0]] |= bit
					m[sp[1]] |= bit
				}
				if gluedBus(w) && (f == fieldName || f == fieldOwnerName) {
					// A name's word glued to « bus » (« EMMABUS »,
					// « Mairiebus ») names the bus, an itinerant place
					// (the itinerant entry's « bus »).
					m["bus"] |= bit
				}
				lex.abbrev.At(ws[i:], readFold(w), readFold, func(p vocab.Phrase) {
					// Two letters (CS, ML, BM) are an acronym in a
					// name; in a description they are too often
					// something else.
					if len(p.Words) == 1 && len(w) <= 2 && f != fieldName && f != fieldOwnerName {
						return
					}
					// p.Key is the term itself: « =mjc », « =mjc/1 »
					// for a form of several words (then « =mjc » too),
					// « ~epn » for a kind.
					m[p.Key] |= bit
					term, _, form := strings.Cut(p.Key, "/")
					if form {
						m[term] |= bit
					}
					for _, k := range lex.implies[term] {
						m[k] |= bit
					}
				})
			}
		}
	}
	return m
}

// gluedBus: a word glued to « bus » (vocab.GluedBus).
func gluedBus(w string) bool { return vocab.GluedBus(w) }

// readFold folds a word of a record for reading abbreviations: the short
// words of directories written out (CTRE COM ACTION SOCIALE, MAISON DEP
// PERSONNES HANDICAPEES), then nameFold.
func readFold(w string) string {
	if full, ok := vocab.WrittenOut(w); ok && !strings.Contains(full, " ") {
		w = full
	}
	return nameFold(w)
}

// nameFold folds a word for reading abbreviations' names in text, both in
// the table and in records, so that plural and feminine forms meet
// (« centres sociaux », « maisons des solidarités », « conseillère »):
// final s or x dropped, -aux written -al, then a final e dropped. Cheaper
// than the stemmer on every word of every record, and only compared with
// itself. Not inflectionBase (forms.go), which search uses on words the
// stemmer joins: that one also drops the e of short words, and here « café »
// would read as the abbreviation CAF (the judged `caf` query: P@5 0.60 → 0).
func nameFold(w string) string {
	n := len(w)
	if n > 4 && strings.HasSuffix(w, "aux") {
		return w[:n-3] + "al"
	}
	if n > 3 && (w[n-1] == 's' || w[n-1] == 'x') {
		w, n = w[:n-1], n-1
	}
	if n > 4 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

// add indexes slot's terms and returns their ids, needed to remove them.
func (ti *textIndex) add(slot uint32, terms map[string]uint8) []uint32 {
	ids := make([]uint32, 0, len(terms))
	for t, mask := range terms {
		id := ti.termID(t)
		ids = append(ids, id)
		e := slot<<8 | uint32(mask)
		p := ti.postings[id]
		i := sort.Search(len(p), func(i int) bool { return p[i]>>8 >= slot })
		ti.postings[id] = slices.Insert(p, i, e)
		ti.noteEntry(id, slot, 0, mask)
	}
	return ids
}

// update replaces slot's terms: entries of terms it keeps are rewritten
// in place (no shifting of long postings), others inserted or removed.
func (ti *textIndex) update(slot uint32, old []uint32, terms map[string]uint8) []uint32 {
	gone := make(map[uint32]bool, len(old))
	for _, id := range old {
		gone[id] = true
	}
	ids := make([]uint32, 0, len(terms))
	for t, mask := range terms {
		id := ti.termID(t)
		ids = append(ids, id)
		e := slot<<8 | uint32(mask)
		p := ti.postings[id]
		i := sort.Search(len(p), func(i int) bool { return p[i]>>8 >= slot })
		if i < len(p) && p[i]>>8 == slot {
			old := uint8(p[i])
			p[i] = e
			ti.noteEntry(id, slot, old, mask)
		} else {
			ti.postings[id] = slices.Insert(p, i, e)
			ti.noteEntry(id, slot, 0, mask)
		}
		delete(gone, id)
	}
	for id := range gone {
		ti.remove(slot, []uint32{id})
	}
	return ids
}

func (ti *textIndex) remove(slot uint32, ids []uint32) {
	for _, id := range ids {
		p := ti.postings[id]
		i := sort.Search(len(p), func(i int) bool { return p[i]>>8 >= slot })
		if i < len(p) && p[i]>>8 == slot {
			old := uint8(p[i])
			ti.postings[id] = slices.Delete(p, i, i+1)
			ti.noteEntry(id, slot, old, 0)
		}
	}
}

// termRange returns the ids of the terms a query word matches: the word
// itself and, for words of two letters or more, every term it begins.
func (ti *textIndex) termRange(word string) (ids []uint32, exact int) {
	if len(ti.fresh) > 0 {
		return ti.termRangeFresh(word)
	}
	return ti.sortedRange(word)
}

// sortedRange is termRange over the sorted terms only.
func (ti *textIndex) sortedRange(word string) (ids []uint32, exact int) {
	exact = -1
	i := sort.SearchStrings(ti.sorted, word)
	if len([]rune(word)) < 2 {
		if i < len(ti.sorted) && ti.sorted[i] == word {
			return ti.sortedID[i : i+1], 0
		}
		return nil, -1
	}
	j := i
	for j < len(ti.sorted) && strings.HasPrefix(ti.sorted[j], word) {
		j++
	}
	if i < j && ti.sorted[i] == word {
		exact = 0
	}
	return ti.sortedID[i:j], exact
}

// termRangeFresh is termRange while fresh terms are not yet merged (an
// index read in the middle of a batch): the sorted range, then the fresh
// terms the word matches, the exact term first.
func (ti *textIndex) termRangeFresh(word string) (ids []uint32, exact int) {
	sorted, exact := ti.sortedRange(word)
	ids = slices.Clone(sorted)
	short := len([]rune(word)) < 2
	for _, id := range ti.fresh {
		t := ti.terms[id]
		switch {
		case t == word:
			ids = slices.Insert(ids, 0, id)
			exact = 0
		case !short && strings.HasPrefix(t, word):
			ids = append(ids, id)
		}
	}
	return ids, exact
}

// scratch holds per-query buffers indexed by slot, reused through a free list so
// that a query allocates nothing proportional to the directory.
type scratch struct {
	best    []float32
	acc     []float32
	hits    []uint8
	fz      []uint8 // clauses matched only through a near spelling
	soft    []uint8 // soft clauses matched (see clause.soft)
	touched []uint32
	word    []uint32
	result  bitset
	filter  bitset
	levels  []bitset // runWord: matches per level
	seen    bitset   // runWord: matches at a better level
	place   bitset   // records in the places a query names
	inPlace bitset   // one of those places
	after   []hit    // run: hits kept until the cursor's record is scored (see afterNow)
}

func (s *scratch) ensure(n int) {
	if len(s.best) < n {
		s.best = make([]float32, n+n/8) // room for growth
		s.acc = make([]float32, n+n/8)
		s.hits = make([]uint8, n+n/8)
		s.fz = make([]uint8, n+n/8)
		s.soft = make([]uint8, n+n/8)
	}
}

// matchByLookup lets match look candidates up in frequent words' postings;
// a test turns it off to compare with reading every entry.
var matchByLookup = true

// lookupCost is how many entries a binary search is worth reading through.
const lookupCost = 24

// findSlot returns slot's entry in postings sorted by slot.
func findSlot(p []uint32, slot uint32) (uint32, bool) {
	lo, hi := 0, len(p)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if p[m]>>8 < slot {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(p) && p[lo]>>8 == slot {
		return p[lo], true
	}
	return 0, false
}

// reset clears what match left in the buffers.
func (s *scratch) reset() {
	for _, slot := range s.touched {
		s.hits[slot], s.acc[slot], s.fz[slot], s.soft[slot] = 0, 0, 0, 0
	}
	s.touched = s.touched[:0]
}

// distanceUnits are the words a distance's number is followed by.
var distanceUnits = map[string]bool{"km": true, "kms": true, "kilometre": true, "kilometres": true}

// distanceFrame are the words around a distance (« moins de 10 km »,
// « dans un rayon de 5 km », « 20 km max »): they say how far, not what.
var distanceFrame = map[string]bool{"moins": true, "rayon": true, "max": true, "maxi": true, "maximum": true,
	"environ": true, "env": true, "jusqu": true}

// distanceWords takes out of a query's words a distance (« 10 km »,
// « 5km », « dix kilomètres ») and the words framing it, and returns the
// distance in km (0 when the query has none). Beside a commune it is how
// far from it the person can go (see communesWithin); read as words, the
// number was a département (« 10 »: the Aube) and « km » a word no place
// holds.
func distanceWords(words []string) ([]string, float64) {
	km, at := 0.0, -1
	for i, w := range words {
		num, unit, glued := w, "", false
		if n := strings.TrimRight(w, "kms"); n != w && n != "" && isDigitsOnly(n) && distanceUnits[w[len(n):]] {
			num, glued = n, true
		} else if i+1 < len(words) && isDigitsOnly(w) && distanceUnits[words[i+1]] {
			unit = words[i+1]
		}
		if !glued && unit == "" {
			continue
		}
		v, err := strconv.Atoi(num)
		if err != nil || v <= 0 {
			continue
		}
		km, at = float64(v), i
		if !glued {
			words = slices.Delete(slices.Clone(words), i, i+2)
		} else {
			words = slices.Delete(slices.Clone(words), i, i+1)
		}
		break
	}
	if at < 0 {
		return words, 0
	}
	return slices.DeleteFunc(words, func(w string) bool { return distanceFrame[w] }), km
}
