package dedup

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"carnet/models/vocab"
)

// street is an address line read for comparison: its house numbers, the
// words of the street's name (type words such as rue, route, avenue left
// out), and whether the line is a building's name rather than a street
// (« Maison de Pays », « HOTEL DE VILLE », « Logis de Chantoiseau »).
type street struct {
	numbers  []int
	words    []string
	building bool
	typed    bool   // a street's type word (rue, route, lieu-dit…) was read
	kind     string // the kind of thoroughfare its type words say (streetKinds), "" for none or two
	// square and surname are the name's words as streetNameSimilarity
	// reads them (mairieSquare, then untitled), read once by parseStreet:
	// every comparison reads both streets several times.
	square, surname []string
	// letters is the name's words as written, stop words kept, glued:
	// one name whose words a producer splits or joins otherwise
	// (« rue Marie des Vallées » and « rue Marie Desvallées », the
	// surname of Marie des Vallées) reads as one (streetNameSimilarity).
	letters string
}

// rangeRe finds house-number ranges written 17-21 or 2 - 4.
var rangeRe = regexp.MustCompile(`^\s*(\d{1,4})\s*(?:bis|ter)?\s*[-/à]\s*(\d{1,4})\b`)

// parseStreet reads an address line; communeWords (the place's commune) and
// five-digit postal codes are dropped, since some producers repeat them in
// the street.
func parseStreet(line string, communeWords map[string]bool) street {
	var st street
	ws := withoutTownAfterPostcode(words(line), communeWords)
	i := 0
	// Leading house numbers, glued suffixes (5ter) and ranges.
	if m := rangeRe.FindStringSubmatch(strings.ToLower(line)); m != nil {
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[2])
		if hi >= lo && hi-lo <= 20 {
			for n := lo; n <= hi; n++ {
				st.numbers = append(st.numbers, n)
			}
		}
	}
	// « N° 5 », « No 5 », « numéro 5 »: the number's sign.
	if len(ws) > 1 && (ws[0] == "n" || ws[0] == "no" || ws[0] == "numero") && ws[1][0] >= '0' && ws[1][0] <= '9' {
		i = 1
	}
lead:
	for ; i < len(ws); i++ {
		w := ws[i]
		digits := w
		for len(digits) > 0 && (digits[len(digits)-1] < '0' || digits[len(digits)-1] > '9') {
			digits = digits[:len(digits)-1]
		}
		switch {
		case digits != "" && isDigits(digits) && len(digits) <= 4 && (digits == w || numberSuffixes[w[len(digits):]]):
			n, _ := strconv.Atoi(digits)
			st.numbers = append(st.numbers, n)
			continue
		case i > 0 && numberSuffixes[w] && len(st.numbers) > 0:
			continue
		case w == "et" && len(st.numbers) > 0 && i+1 < len(ws) && ws[i+1][0] >= '0' && ws[i+1][0] <= '9':
			// « 2 ET 4 RUE ST CHRISTOPHE »: a building at both numbers,
			// as « 2-4 » (rangeRe) is.
			continue
		}
		break lead
	}
	typed := false
	var kinds []string
	var letters strings.Builder
	for ; i < len(ws); i++ {
		w := ws[i]
		switch {
		case typeWords[w]:
			if k := streetKinds[w]; k != "" {
				kinds = append(kinds, k)
			}
			typed = true
			continue
		case communeWords[w], len(w) == 5 && isDigits(w):
			continue
		case stopWords[w]:
			letters.WriteString(w)
			continue
		}
		if n := postalBoxAt(ws, i); n > 0 {
			i += n - 1
			continue
		}
		if full, ok := vocab.WrittenOut(w); ok {
			for _, f := range strings.Fields(full) {
				st.words = append(st.words, stem(f))
				letters.WriteString(f)
			}
			continue
		}
		st.words = append(st.words, stem(w))
		letters.WriteString(w)
	}
	st.letters = letters.String()
	st.building = !typed && len(st.numbers) == 0 && len(st.words) > 0
	st.typed = typed
	// A line whose type words say two kinds names two streets, a corner
	// (« Place Livio Benedetti / Rue de la Mairie », « Quai des Mondes - 4
	// rue Calmettes »), or a type written twice (« 79 Rue Place Elie
	// Reumaux »): the place is on either, its kind unread.
	if len(kinds) > 0 && !slices.ContainsFunc(kinds, func(k string) bool { return k != kinds[0] }) {
		st.kind = kinds[0]
	}
	if len(st.words) == 0 && st.kind != "" {
		// A street named by its type alone (« LA PLACE », « 5 la
		// place » of a village): its kind is its name; read as no
		// street, the line said nothing of the place.
		st.words = []string{st.kind}
	}
	st.square = mairieSquare(st.words)
	st.surname = untitled(st.square)
	return st
}

// withoutTownAfterPostcode drops a five-digit postal code that only the
// commune's words follow (« 1 RUE JOLIOT CURIE, 97130
// Capesterre-Belle-Eau »), the way producers end an address written in
// one line. Elsewhere in the line the commune's words may be the street's
// (« route de Sorholus » in Tardets-Sorholus).
func withoutTownAfterPostcode(ws []string, communeWords map[string]bool) []string {
	for i := len(ws) - 1; i > 0; i-- {
		if len(ws[i]) == 5 && isDigits(ws[i]) && !postalBoxWords[ws[i-1]] {
			for _, w := range ws[i+1:] {
				if !communeWords[stem(w)] && !stopWords[w] && w != "cedex" && !isDigits(w) {
					return ws
				}
			}
			return ws[:i]
		}
	}
	return ws
}

// postalBoxWords write a postal box before its number (« B.P. » is
// « b », « p »).
var postalBoxWords = map[string]bool{"bp": true, "cs": true, "tsa": true, "p": true}

// postalBoxAt says how many words from ws[i] write a postal box or CEDEX
// (« BP 47 », « B.P. 7 », « CS 30012 », « TSA 40111 », « CEDEX 1 »), 0
// when none does. Producers write them in the street's line (« Place
// ROUX DE BRIGNOLES BP 7 »); read as the street's words they made one
// street two. A box's letters without its number are a name (« Chemin
// de la BP »).
func postalBoxAt(ws []string, i int) int {
	numberAt := func(j int) bool { return j < len(ws) && isDigits(ws[j]) }
	switch w := ws[i]; {
	case postalBoxWords[w] && w != "p" && numberAt(i+1):
		return 2
	case w == "b" && i+1 < len(ws) && ws[i+1] == "p" && numberAt(i+2):
		return 3
	case w == "cedex" && numberAt(i+1):
		return 2
	case w == "cedex":
		return 1
	}
	return 0
}

// numbersAgree says whether two lines carry the same house number: equal,
// within one range, or missing on either side (unknown is not a conflict).
func numbersAgree(a, b []int) (known, agree bool) {
	if len(a) == 0 || len(b) == 0 {
		return false, true
	}
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true, true
			}
		}
	}
	return true, false
}

// coverage is the share of ws found in other (words matched as in
// wordsMatch), weighted by weight when given.
func coverage(ws, other []string, weight func(string) float64) float64 {
	var total, got float64
	for _, w := range ws {
		x := 1.0
		if weight != nil {
			x = weight(w)
		}
		total += x
		for _, o := range other {
			if wordsMatch(w, o) {
				got += x
				break
			}
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// streetSimilarity is the share of the shorter street name found in the
// other: « Avenue du Docteur Angelin German » and « AV ANGELIN GERMAN » are
// one street, and so are « place J Jaurès » and « PL JEAN JAURES »
// (initialFor).
func streetSimilarity(a, b street) float64 {
	sim := streetNameSimilarity(a, b)
	if otherKinds(a, b) {
		return min(sim, otherKindSimilarity)
	}
	return sim
}

// minStreetLetters is the fewest letters of a street's name read as one
// name whatever its word breaks (street.letters): a short name glued is
// as often two names' letters.
const minStreetLetters = 8

// streetNameSimilarity is streetSimilarity without the streets' kinds: the
// similarity of their names only.
func streetNameSimilarity(a, b street) float64 {
	if len(a.words) == 0 || len(b.words) == 0 {
		return 0
	}
	if slices.Equal(a.words, b.words) || len(a.letters) >= minStreetLetters && a.letters == b.letters {
		// Each word found in the other: one name, whatever its title;
		// or the same letters split into words otherwise.
		return 1
	}
	aw, bw := a.squareWords(), b.squareWords()
	sim := max(streetCoverage(aw, bw), streetCoverage(bw, aw))
	if ua, ub := untitledOf(a, aw), untitledOf(b, bw); len(ua) != len(aw) || len(ub) != len(bw) {
		sim = max(sim, streetCoverage(ua, ub), streetCoverage(ub, ua))
	}
	return sim
}

// squareWords is mairieSquare of the street's words, as parseStreet read it.
func (st street) squareWords() []string {
	if st.square != nil {
		return st.square
	}
	return mairieSquare(st.words)
}

// untitledOf is untitled of the street's square words sq, as parseStreet
// read it.
func untitledOf(st street, sq []string) []string {
	if st.surname != nil {
		return st.surname
	}
	return untitled(sq)
}

// otherKindSimilarity is the similarity of two streets of one name and two
// kinds: not one street, nor a street unrelated to the other (the avenue
// named after a person often leads to the square of that name), so that
// the coordinates decide, as for an address unread.
const otherKindSimilarity = 0.5

// otherKinds says whether two streets' type words say two kinds of
// thoroughfare (streetKinds): « avenue Jean-Jaurès » and « PL JEAN
// JAURES ». A type missing on either side says nothing, and one house
// number on both sides is one address whatever the types: producers do
// write one door's street with two types (« 32 Rue des Acacias » and « 32
// avenue des Acacias », « 5 Chemin du Halage » and « 5 RUE DU HALAGE »,
// « 73 Impasse Joseph Niepce » and « 73 RUE JOSEPH NIEPCE » in the
// labelled sets), and two streets of one name rarely both hold a place at
// one number.
//
// Nor do streets named after the mairie (mairieStreet): a village's
// mairie is written « rue de la Mairie », « place de la Mairie », « allée de
// la mairie » or « Place de l'Hôtel de Ville » by as many producers, the
// street naming the building the place is in (« EPN de Ports-sur-Vienne »,
// rue de la Mairie and 2 PL DE LA MAIRIE, one SIREN).
func otherKinds(a, b street) bool {
	if a.kind == "" || b.kind == "" || a.kind == b.kind || mairieStreet(a) && mairieStreet(b) {
		return false
	}
	known, same := numbersAgree(a.numbers, b.numbers)
	return !known || !same
}

// streetTitles are the titles a street named after a person is written
// with or without: « rue du Général de Gaulle » is « rue Charles de
// Gaulle », « rue du Docteur Schweitzer » « rue Albert Schweitzer »
// (SIRENE and the BAN write one, a hub's form the other).
var streetTitles = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"general", "marechal", "docteur", "president", "abbe", "professeur", "commandant",
		"capitaine", "colonel", "lieutenant", "amiral", "aviateur", "pasteur", "chanoine", "cardinal", "monseigneur"} {
		m[stem(w)] = true
	}
	return m
}()

// untitled is a street's name as its surname says it: without the
// person's title and without the words before the last one when a title
// or first name precedes it (« general gaulle », « charl gaulle » both
// read « gaulle »). A name of one word, or without a title, is returned as
// it is: « Jean Jaurès » and « Jaurès » already meet (streetCoverage), and
// a title is not dropped from a name it is all of (« rue du Général »).
func untitled(ws []string) []string {
	i := slices.IndexFunc(ws, func(w string) bool { return streetTitles[w] })
	if i < 0 || i == len(ws)-1 {
		return ws
	}
	return ws[len(ws)-1:]
}

// mairieSquare reads « hôtel de ville » in a street's name as « mairie »:
// the square of the mairie is written by either of its names.
func mairieSquare(ws []string) []string {
	i := slices.Index(ws, hotelKey)
	if i < 0 || i+1 >= len(ws) || ws[i+1] != villeKey {
		return ws
	}
	return slices.Concat(ws[:i], []string{mairieKey}, ws[i+2:])
}

// streetCoverage is the share of the words ws of a street's name found
// among other's, a first name written as its initial read as that name
// (initialFor).
func streetCoverage(ws, other []string) float64 {
	got := 0
	for i, w := range ws {
		if slices.ContainsFunc(other, func(o string) bool { return wordsMatch(w, o) }) || initialFor(ws, i, other) {
			got++
		}
	}
	return float64(got) / float64(len(ws))
}

// initialFor says whether the word ws[i] of a street's name and a word of
// other are a first name and its initial (initialAt).
func initialFor(ws []string, i int, other []string) bool {
	return initialAt(ws, i, other) >= 0
}

// initialAt returns the index of the word of other that the word ws[i]
// is a first name's initial of, or the name of: one of them a single
// letter the other begins with, each followed by the same word (« place J
// Jaurès », « PL JEAN JAURES »; « rue G. Magnoac »; « centre social F
// Chopin »): the initial reads as the name it stands before, not as any
// word it begins (« J » is not « Jaurès »). It is -1 when there is none.
func initialAt(ws []string, i int, other []string) int {
	for k := range other[:max(len(other)-1, 0)] {
		if initialPairAt(ws, i, other, k) {
			return k
		}
	}
	return -1
}

// initialPairAt says whether ws[i] and other[k] are a first name and its
// initial followed by the same word, or by another such pair: « rue J-B
// Lamarck » is « rue Jean-Baptiste Lamarck », « avenue J. J. Rousseau »
// « avenue Jean-Jacques Rousseau ».
func initialPairAt(ws []string, i int, other []string, k int) bool {
	if i+1 >= len(ws) || k+1 >= len(other) || isDigits(ws[i]) {
		return false
	}
	short, long := ws[i], other[k]
	if len(long) == 1 {
		short, long = long, short
	}
	if len(short) != 1 || len(long) <= 1 || !strings.HasPrefix(long, short) {
		return false
	}
	return wordsMatch(ws[i+1], other[k+1]) || initialPairAt(ws, i+1, other, k+1)
}

// leadingBuilding splits an address line whose first part, before a comma,
// has neither a number nor a street's type while the rest is a street (a
// type or a number): « Mairie de Santa maria di Lota, Lieu-dit Mocali »,
// « Bibliothèque Municipale de Furiani, 511 Route du Village », « CCAS,
// place du marché ». The first part names the building the place is in
// (its words, stemmed, without the commune's), the rest is the street.
//
// A dash between spaces ends the first part as a comma does (« Bâtiment de
// la CCCE - 22 rue du Silo », « Relais Familles - 58 Grande Rue »), when no
// comma does.
func leadingBuilding(line string, communeWords map[string]bool) (building []string, rest string, ok bool) {
	for _, sep := range []string{",", " - ", " – "} {
		if building, rest, ok = buildingBefore(line, sep, communeWords); ok {
			return building, rest, true
		}
	}
	return nil, line, false
}

// trailingBuilding splits an address line whose last part, after a comma
// or a dash, has neither a number nor a street's type while the rest is a
// street (a type or a number): « Place Saint Michel, Bureau de Poste ».
// It returns the street and the last part as written. A last part of the
// commune's words only (« 3 place Roumanille, NYONS ») is no building.
func trailingBuilding(line string, communeWords map[string]bool) (street, tail string, ok bool) {
	cut, sepLen := -1, 0
	for _, sep := range []string{",", " - ", " – "} {
		if i := strings.LastIndex(line, sep); i > cut {
			cut, sepLen = i, len(sep)
		}
	}
	if cut <= 0 {
		return line, "", false
	}
	first, last := strings.TrimSpace(line[:cut]), strings.TrimSpace(line[cut+sepLen:])
	if st := parseStreet(first, communeWords); !st.typed && len(st.numbers) == 0 {
		return line, "", false
	}
	if b := parseStreet(last, communeWords); !b.building || !slices.ContainsFunc(words(last), func(w string) bool { return !communeWords[stem(w)] && !stopWords[w] }) {
		return line, "", false
	}
	return first, last, true
}

// leadText is the part of line before rest, the street leadingBuilding
// found, without its separator: the building's name as written.
func leadText(line, rest string) string {
	if i := strings.LastIndex(line, rest); i >= 0 {
		line = line[:i]
	}
	return strings.TrimRight(strings.TrimSpace(line), ",-– ")
}

// buildingBefore is leadingBuilding with the first part ended by sep.
func buildingBefore(line, sep string, communeWords map[string]bool) (building []string, rest string, ok bool) {
	first, rest, found := strings.Cut(line, sep)
	if !found {
		return nil, line, false
	}
	lead := parseStreet(first, communeWords)
	if !lead.building {
		return nil, line, false
	}
	st := parseStreet(rest, communeWords)
	if !st.typed && len(st.numbers) == 0 {
		return nil, line, false
	}
	return lead.words, strings.TrimSpace(rest), true
}
