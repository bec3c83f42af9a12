package dedup

import (
	"math"
	"slices"
	"strings"
)

// domainWords are the words of a domain without its TLD and « www »,
// four letters or more: « cscl-chatillonnais.fr » gives « cscl » and
// « chatillonnais ».
func domainWords(host string) []string {
	host = strings.TrimPrefix(host, "www.")
	if i := strings.LastIndexByte(host, '.'); i > 0 {
		host = host[:i]
	}
	var out []string
	for _, w := range words(host) {
		if len(w) >= 4 && isLetters(w) {
			out = append(out, w)
		}
	}
	return out
}

// initialsOf returns the initials of a name's words (expand), stop words
// left out, when it has four words or more, all of letters: « cscl » for
// « Centre Socio Culturel et de Loisirs »; "" otherwise (shorter initials
// are too common to say which name they spell).
func initialsOf(raw []string) string {
	var b strings.Builder
	for _, w := range raw {
		if stopWords[w] {
			continue
		}
		if w == "" || w[0] < 'a' || w[0] > 'z' {
			return ""
		}
		b.WriteByte(w[0])
	}
	if b.Len() < 4 {
		return ""
	}
	return b.String()
}

// initialsDomain reports whether a word of a domain of a is the initials of
// c's whole name (initialsOf): a structure's domain is often its initials
// (« cscpf.fr », the Centre social et culturel de Puisaye Forterre), and a
// place writing from it is one of that structure's services, as a domain
// spelling its name says (namedDomain). Initials of part of a name do not
// count.
func initialsDomain(a, c *prepared) bool {
	if len(a.domainWords) == 0 {
		return false
	}
	return c.initials != "" && slices.Contains(a.domainWords, c.initials) ||
		c.headInitials != "" && slices.Contains(a.domainWords, c.headInitials)
}

// roleKey is the phrase key of « conseiller numérique »: the programme's
// role, which hubs put in the names of the places where a conseiller works
// (« Conseiller numérique - CCDSV », « Conseillers numériques Conseil
// départemental de l'Allier »); it names no place.
var roleKey = stem("cnfs")

// withoutRole drops the role from a name's words, unless nothing else is
// left.
func withoutRole(ws []string) []string {
	if !slices.Contains(ws, roleKey) || len(ws) == 1 {
		return ws
	}
	var out []string
	for _, w := range ws {
		if w != roleKey {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return ws
	}
	return out
}

// networkSites is the number of locations from which a name one source
// gives to several places is a network's or an employer's, as a phone or
// an e-mail is (TestCompareValueOfTwoAtOneAddress): two places of one name
// are as often one place listed twice (two addresses, one outdated).
const networkSites = 3

// nameOfSeveralSites says whether a and c bear one name (its words, the
// commune's included) that one of their sources gives to places at
// networkSites locations or more of the block: the agglomeration of Bastia
// on each mairie where its conseillers receive. Such a name does not say
// which of them the other place means; unless the places are on one street
// it counts as an annex's against its main site does (annexName).
func (b *Block) nameOfSeveralSites(a, c *prepared) bool {
	k := a.siteName
	if k == "" || k != c.siteName {
		return false
	}
	return b.nameSites[a.Source+"\x00"+k] >= networkSites || b.nameSites[c.Source+"\x00"+k] >= networkSites
}

// weight is the rarity of a name word in the block: « médiathèque » or
// « marseille » say little in Marseille, « Alcazar » a lot.
func (b *Block) weight(w string) float64 {
	n := float64(max(len(b.places), 2))
	df := float64(max(b.df[w], 1))
	return math.Log(1 + n/df)
}

// nameSimilarity compares the names without the words of either commune
// (« Médiathèque de Cognac » and « Mairie de Cognac » share nothing),
// unless the places are in two communes and each name names its own
// (namesOwnTown: « Mairie de Losne » and « Mairie de Saint-Usage » are two
// mairies, each commune's name tells them apart), word
// by word with rare words weighing more, acronyms read against the other
// name's initials. It is the share of the shorter name found in the longer
// one, tempered by the share of the longer one (0.7/0.3): « Rives de
// Charente » is « Association les Rives de la Charente ».
func (b *Block) nameSimilarity(a, c *prepared, r *Result) float64 {
	sim, acr := b.nameScore(a, c)
	switch {
	case sim >= 0.999:
		r.Reasons = append(r.Reasons, Reason{"same_name", "même nom"})
	case sim >= 0.5:
		r.Reasons = append(r.Reasons, Reason{"similar_name", "noms proches (" + frenchFloat(sim, 2) + ")"})
	}
	for _, s := range acr {
		r.Reasons = append(r.Reasons, Reason{"acronym", "sigle " + strings.ToUpper(s)})
	}
	return sim
}

// nameScore is nameSimilarity without its reasons: the similarity and the
// acronyms read. The last pair scored is remembered (nameTo): a pair of
// one producer's rows is scored by joinedInSource, then again by
// compareAbove.
func (b *Block) nameScore(a, c *prepared) (float64, []string) {
	if a.nameTo == c.Place && c.Place != nil {
		return a.nameSim, a.nameAcr
	}
	ar, cr := b.readings(a), b.readings(c)
	sim, acr := b.readingSimilarity(a, c, ar[0], cr[0])
	// A name read another way (« Maison des Alpes-Maritimes » as the
	// Maison du Département, « DEFI (Défense des Exclus…) » as DEFI)
	// counts when it reads closer.
	if len(ar)+len(cr) > 2 {
		for i, x := range ar {
			for j, y := range cr {
				if i == 0 && j == 0 || len(x.ws) == 0 || len(y.ws) == 0 {
					continue
				}
				if s2, acr2 := b.readingSimilarity(a, c, x, y); s2 > sim {
					sim, acr = s2, acr2
				}
			}
		}
	}
	if a.mobile && c.mobile {
		// Two travelling services: « Itinérante Vierzon Sologne
		// Berry » and « Bus France services Vierzon Sologne Berry »
		// say how each travels, and the rest which service it is.
		if x, y := withoutMobileWords(a.name), withoutMobileWords(c.name); len(x) > 0 && len(y) > 0 {
			if s2, acr2 := b.wordSimilarity(a, c, x, y); s2 > sim {
				sim, acr = s2, acr2
			}
		}
	}
	a.nameTo, a.nameSim, a.nameAcr = c.Place, sim, acr
	return sim, acr
}

// nameReading is one reading of a place's name (its words, or one of its
// alts) with what wordSimilarity reads of it for every pair, computed once
// for the place in its block (readings): each word's weight, the trigrams
// of the words glued, and whether a word is one of the commune's. A block
// of a crowded address compares each of its places with hundreds of
// others: weighing, gluing and sorting each name's words again for each
// pair was a third of wordSimilarity's time.
type nameReading struct {
	ws []string
	// read: wt, tri and townWord are filled (readName); otherwise
	// wordSimilarity computes what it needs.
	read     bool
	wt       []float64 // b.weight of each word
	acr      []string  // acronymOf each word
	tri      []uint32  // trigrams of the words glued (trigramDice)
	townWord bool      // a word is one of the place's commune's
}

// readings are q's name and its alts read for wordSimilarity: those of the
// block (NewBlock), or read now for a place prepared apart.
func (b *Block) readings(q *prepared) []nameReading {
	if q.readings != nil {
		return q.readings
	}
	out := make([]nameReading, 0, 1+len(q.alts))
	out = append(out, nameReading{ws: q.name})
	for _, alt := range q.alts {
		out = append(out, nameReading{ws: alt})
	}
	return out
}

// readNames fills q.readings with the block's weights.
func (b *Block) readNames(q *prepared) {
	q.readings = make([]nameReading, 0, 1+len(q.alts))
	q.readings = append(q.readings, b.readName(q, q.name))
	for _, alt := range q.alts {
		q.readings = append(q.readings, b.readName(q, alt))
	}
}

func (b *Block) readName(q *prepared, ws []string) nameReading {
	r := nameReading{ws: ws, read: true, wt: make([]float64, len(ws)), acr: make([]string, len(ws)), tri: trigrams(nil, strings.Join(ws, ""))}
	for i, w := range ws {
		r.wt[i] = b.weight(w)
		r.acr[i] = acronymOf(w)
		r.townWord = r.townWord || q.commune[w]
	}
	return r
}

// wordSimilarity compares the name words aw of a and cw of c (see
// nameSimilarity); it returns the similarity and the acronyms read.
func (b *Block) wordSimilarity(a, c *prepared, aw, cw []string) (float64, []string) {
	return b.readingSimilarity(a, c, nameReading{ws: aw}, nameReading{ws: cw})
}

// readingSimilarity is wordSimilarity of two readings.
func (b *Block) readingSimilarity(a, c *prepared, x, y nameReading) (float64, []string) {
	aw, cw := x.ws, y.ws
	twoTowns := a.city != "" && c.city != "" && a.city != c.city && namesOwnTown(aw, a, c) && namesOwnTown(cw, c, a)
	an, cn := x, y
	// Within one commune (one town, so one set of commune words) and
	// names without its words, nothing is dropped: the readings are used
	// as they are.
	if twoTowns || a.town != c.town || !x.read || !y.read || x.townWord || y.townWord {
		drop := func(r nameReading) nameReading {
			out := nameReading{}
			for i, w := range r.ws {
				if twoTowns && !(a.commune[w] && c.commune[w]) || !twoTowns && !a.commune[w] && !c.commune[w] {
					out.ws = append(out.ws, w)
					out.wt = append(out.wt, r.weight(b, i))
					out.acr = append(out.acr, r.acronym(i))
				}
			}
			return out
		}
		an, cn = drop(x), drop(y)
		if len(an.ws) == 0 && len(cn.ws) == 0 {
			// Both named after their commune only: « Chateauroux les Alpes ».
			an, cn = b.weighed(x), b.weighed(y)
		}
	}
	if len(an.ws) == 0 || len(cn.ws) == 0 {
		return 0, nil
	}
	var bufA, bufC [24]bool
	ma, mc := bools(bufA[:], len(an.ws)), bools(bufC[:], len(cn.ws))
	for i, w := range an.ws {
		for j, o := range cn.ws {
			if wordsMatch(w, o) {
				ma[i], mc[j] = true, true
			}
		}
		// A first name written as its initial (« F Chopin », « Frédéric
		// Chopin »), as in a street's name.
		if k := initialAt(an.ws, i, cn.ws); k >= 0 {
			ma[i], mc[k] = true, true
		}
	}
	acr := acronyms(an, ma, &c.runs, cn.ws, mc)
	acr = append(acr, acronyms(cn, mc, &a.runs, an.ws, ma)...)
	cov := func(r nameReading, m []bool) float64 {
		var total, got float64
		for i := range r.ws {
			x := r.weight(b, i)
			total += x
			if m[i] {
				got += x
			}
		}
		return got / total
	}
	ca, cc := cov(an, ma), cov(cn, mc)
	sim := 0.7*max(ca, cc) + 0.3*min(ca, cc)
	if d := an.dice(cn); d >= 0.75 && d > sim {
		sim = d
	}
	return math.Round(sim*1000) / 1000, acr
}

// weight is the block's weight of the reading's word i.
func (r nameReading) weight(b *Block, i int) float64 {
	if r.wt != nil {
		return r.wt[i]
	}
	return b.weight(r.ws[i])
}

// weighed is r with its weights, its trigrams left to dice.
func (b *Block) weighed(r nameReading) nameReading {
	if r.read {
		return r
	}
	out := nameReading{ws: r.ws, wt: make([]float64, len(r.ws))}
	for i, w := range r.ws {
		out.wt[i] = b.weight(w)
	}
	return out
}

// dice is trigramDice of the two readings' words glued.
func (r nameReading) dice(o nameReading) float64 {
	if r.read && o.read {
		return diceOf(r.tri, o.tri)
	}
	return trigramDice(strings.Join(r.ws, ""), strings.Join(o.ws, ""))
}

// bools returns n false booleans, in buf when it is long enough.
func bools(buf []bool, n int) []bool {
	if n <= len(buf) {
		return buf[:n]
	}
	return make([]bool, n)
}

// namesOwnTown says whether a name (ws, x's) names x's commune and not
// o's: a word of x's commune that is not one of o's, and no word of o's
// commune that is not one of x's. Two places of two communes each named
// after its own are two places (« Mairie de Losne », « Mairie de
// Saint-Usage »); a record naming the other's commune was filed under the
// neighbouring one (« MSAP La Rochefoucauld » filed under Rivières).
func namesOwnTown(ws []string, x, o *prepared) bool {
	own := false
	for _, w := range ws {
		switch {
		case x.commune[w] && !o.commune[w]:
			own = true
		case o.commune[w] && !x.commune[w]:
			return false
		}
	}
	return own
}

// acronyms marks the unmatched words of x that are the initials of a run
// of words of the other name (its runs: raw, stop words kept), and the
// other name's words in that run; it returns the acronyms found. Trailing
// digits are ignored (MODE83 is MODE in the Var).
func acronyms(x nameReading, m []bool, otherRuns *initialRuns, other []string, mo []bool) []string {
	var found []string
	for i := range x.ws {
		if m[i] {
			continue
		}
		letters := x.acronym(i)
		if letters == "" {
			continue
		}
		run, ok := acronymRun(letters, otherRuns)
		if !ok {
			continue
		}
		m[i] = true
		found = append(found, letters)
		for j, o := range other {
			for _, x := range run {
				if wordsMatch(o, x) {
					mo[j] = true
				}
			}
		}
	}
	return found
}

// acronym is the reading's word i as an acronym may be read (acronymOf),
// read once for the block's readings.
func (r nameReading) acronym(i int) string {
	if r.acr != nil {
		return r.acr[i]
	}
	return acronymOf(r.ws[i])
}

// acronymOf is the word's letters without its trailing digits when they
// may be an acronym (2 to 10 letters), "" otherwise.
func acronymOf(w string) string {
	letters := w
	for len(letters) > 0 && letters[len(letters)-1] >= '0' && letters[len(letters)-1] <= '9' {
		letters = letters[:len(letters)-1]
	}
	if len(letters) < 2 || len(letters) > 10 || !isLetters(letters) {
		return ""
	}
	return letters
}

// initialRuns are the words of a name (raw, stop words kept) that
// acronymRun reads, computed once per place (readRuns): without the stop
// words, without the articles, without the elided articles, each with the
// set of their first letters. Detection reads every unmatched short word
// of every candidate pair against the other's name, and skipping those
// words for each pair anew was most of the acronyms' time.
type initialRuns struct {
	stop, articles, elided runWords
}

// runWords are a name's words that may begin an acronym's run, and the
// letters a to z they begin with (bit 0 for a).
type runWords struct {
	ws      []string
	letters uint32
}

// readRuns reads raw's runs.
func readRuns(raw []string) initialRuns {
	return initialRuns{stop: runWordsOf(raw, stopWords), articles: runWordsOf(raw, articles), elided: runWordsOf(raw, elisions)}
}

func runWordsOf(raw []string, skip map[string]bool) runWords {
	var r runWords
	for _, w := range raw {
		if !skip[w] && w != "" {
			r.ws = append(r.ws, w)
			if w[0] >= 'a' && w[0] <= 'z' {
				r.letters |= 1 << (w[0] - 'a')
			}
		}
	}
	return r
}

// acronymRun finds the run of words of a name (its runs) that acr spells
// (initialsRun), stop words left out or only articles. Failing
// that, an acronym beginning with an intercommunality's letters (CC or CDC,
// communauté de communes; CA, communauté d'agglomération) may spell its
// territory with the rest: « CCHC », the Communauté de communes de Haute
// Cornouaille, against « France services Haute Cornouaille », the place it
// runs, named after the territory. Acronyms the abbreviations table knows
// (CCAS, CAF) are written out before they get here.
func acronymRun(acr string, runs *initialRuns) ([]string, bool) {
	for _, kept := range []runWords{runs.stop, runs.articles} {
		if run, ok := initialsRun(acr, kept, spell); ok {
			return run, true
		}
	}
	if run, ok := initialsRun(acr, runs.elided, spellInitials); ok {
		return run, true
	}
	for _, pre := range intercommunalityLetters {
		if rest, ok := strings.CutPrefix(acr, pre); ok && len(rest) >= 2 {
			if run, ok := initialsRun(rest, runs.stop, spell); ok && len(run) >= 2 {
				return run, true
			}
		}
	}
	return nil, false
}

// elisions are the only words the last reading of an acronym skips: the
// elided articles (« l' », « d' »), which no acronym spells, while every
// other word gives its initial, « pour » and « et » included (OSPA, an
// « Office Social Pour l'Accompagnement »; an « Association Pour
// l'Insertion » is an API). One letter a word only (spellInitials): with
// every short word in the run, longer prefixes would let ordinary words
// spell themselves out of any name.
var elisions = set("l", "d")

// intercommunalityLetters begin the acronyms of intercommunalities (see
// acronymRun).
var intercommunalityLetters = []string{"cdc", "cc", "ca"}

// initialsRun finds a run of consecutive words of kept (a name's words,
// skipped words left out: runWordsOf) that spells acr by their beginnings,
// as spells reads them: one letter each (CCAS, MJC) or, by spell, up to
// three for some words (ASOFT: Association SOlidarité Formation Travail).
// Every word of the run gives at least its first letter, so a run cannot
// hide words.
func initialsRun(acr string, kept runWords, spells func(string, []string) (int, bool)) ([]string, bool) {
	// Detection tries every unmatched short word of every candidate pair:
	// most acronyms begin with a letter no word of the other name begins
	// with, and only a run found is copied.
	if acr[0] >= 'a' && acr[0] <= 'z' && kept.letters&(1<<(acr[0]-'a')) == 0 {
		return nil, false
	}
	ws := kept.ws
	for start := range ws {
		if ws[start][0] != acr[0] {
			continue
		}
		if n, ok := spells(acr, ws[start:]); ok {
			return slices.Clone(ws[start : start+n]), true
		}
	}
	return nil, false
}

// spell reports whether acr is the concatenation of prefixes of the first
// n words of ws, and returns n. Prefixes have one letter, or up to three
// when the whole acronym has 4 letters or more: the limit is the whole
// acronym's, not its remaining tail's (ACAPASSAV ends with « sav » of
// savoirs).
func spell(acr string, ws []string) (int, bool) {
	maxPrefix := 1
	if len(acr) >= 4 {
		maxPrefix = 3
	}
	return spellUpTo(acr, ws, maxPrefix)
}

// spellInitials is spell with one letter a word.
func spellInitials(acr string, ws []string) (int, bool) { return spellUpTo(acr, ws, 1) }

func spellUpTo(acr string, ws []string, maxPrefix int) (int, bool) {
	if acr == "" {
		return 0, true
	}
	if len(ws) == 0 {
		return 0, false
	}
	w := ws[0]
	for k := 1; k <= maxPrefix && k <= len(acr) && k <= len(w); k++ {
		if acr[k-1] != w[k-1] {
			break
		}
		if n, ok := spellUpTo(acr[k:], ws[1:], maxPrefix); ok {
			return n + 1, true
		}
	}
	return 0, false
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// trigramDice compares character trigrams: it forgives glued or split words
// (« Esp@ce informatique ») that word matching misses. It is the Dice
// coefficient of the two multisets of byte trigrams of " a " and " b ".
// Detection calls it for every candidate pair, so it allocates nothing for
// names of ordinary length: the trigrams are packed in integers, sorted and
// merged (maps of strings were a third of detection's time).
func trigramDice(a, b string) float64 {
	var bufA, bufB [96]uint32
	return diceOf(trigrams(bufA[:0], a), trigrams(bufB[:0], b))
}

// diceOf is the Dice coefficient of two sorted multisets of trigrams.
func diceOf(ga, gb []uint32) float64 {
	if len(ga)+len(gb) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(ga) && j < len(gb); {
		switch {
		case ga[i] == gb[j]:
			inter++
			i++
			j++
		case ga[i] < gb[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(inter) / float64(len(ga)+len(gb))
}

// trigrams appends the sorted byte trigrams of " s " to buf.
func trigrams(buf []uint32, s string) []uint32 {
	at := func(i int) uint32 {
		if i == 0 || i == len(s)+1 {
			return ' '
		}
		return uint32(s[i-1])
	}
	for i := 0; i+3 <= len(s)+2; i++ {
		buf = append(buf, at(i)<<16|at(i+1)<<8|at(i+2))
	}
	slices.Sort(buf)
	return buf
}

// withoutMobileWords is a name's words without those that say it travels
// (mobileKeys).
func withoutMobileWords(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !mobileKeys[w] {
			out = append(out, w)
		}
	}
	return out
}
