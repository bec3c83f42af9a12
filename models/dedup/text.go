package dedup

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"carnet/models/commune"
	"carnet/models/vocab"
)

// Names and streets are compared as lists of folded words: accents and case
// removed (vocab.Slugify), French stop words dropped, the usual
// abbreviations of directories expanded (CTRE COM ACTION SOCIALE, ASS DEVEL,
// AV, BD, ST), a light stemming so that plural and feminine forms meet
// (sociale/social, services/service), and a few phrases that name the same
// kind of place in several ways folded into one word (mairie, commune,
// hôtel de ville; France Services, MSAP, maison de services au public).

// stopWords carry no identity in names and addresses.
var stopWords = set("de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "pour",
	"un", "une", "dans", "par", "chez", "avec", "the", "of", "s")

// articles are the stop words that acronyms skip; "de", "des", "du" are
// sometimes kept (MDS: Maison des solidarités, MDM: Maison de la Métropole)
// and sometimes not (MJC: Maison des jeunes et de la culture), so both
// readings are tried.
var articles = set("la", "le", "les", "l", "et", "a", "au", "aux", "en", "sur", "pour", "un", "une", "d")

// phrases fold the ways one kind of place is named into one word: the
// acronyms and written-out names of the shared table (vocab.Abbreviations:
// France Services, MSAP and maison de services au public; CCAS, EPN, MJC,
// MDS… and their expansions; médiathèque and bibliothèque), and readings
// of names proper to comparing two places: a « Commune de X » or the
// « Ville de X » is its mairie, the « Conseil départemental » (or général,
// or CD) of X the « Département de X » (kept as a word, so that it still
// meets « départemental »), and two acronyms left out of the shared
// table because search would misread them in descriptions (CMS, CD). Each
// is matched on stemmed words, stop words removed, longest first.
var localPhrases = [][2]string{
	{"hdv", "mairie"}, {"commune", "mairie"}, {"ville", "mairie"}, {"municipalite", "mairie"},
	{"centre medico social", "cms"}, {"conseil departemental", "departement"}, {"conseil general", "departement"},
	{"cd", "departement"},
	// The MSAPs (France Services since 2020) were called « Maison de
	// services » as often as « Maison de services au public »: « MAISON
	// DE SERVICES de MAULEON » is the « Maison de Services Publics de
	// Mauléon Licharre », « Maison de Services Eihartzea » the France
	// Services at its address. Left out of the shared table: search for
	// France Services need not find every « maison des services ».
	{"maison de services", "msap"},
	// « Bureau Information Jeunes », « Point Information Jeunes »: the
	// network's other usual spelling (the shared table has « info
	// jeunes »), and SIRENE's « BUR INFORM JEUNES » written out.
	{"information jeunes", "pij"}, {"bureau information jeunes", "pij"}, {"point information jeunes", "pij"},
	// « Espace numérique de X » is how producers write an EPN's label
	// short, « espace multimédia » its older name (the Espaces Culture
	// Multimédia of the 2000s): one kind, as a cyber-base is. Left out
	// of the shared table: search for « espace numérique » need not be
	// read as the EPN label's acronym.
	{"espace numerique", "epn"}, {"espace multimedia", "epn"},
	// Pôle emploi became France Travail on 1 January 2024 (loi du 18
	// décembre 2023 pour le plein emploi): files written before and after
	// name one agency each way. The key begins with letters no word
	// begins with, so that no word is read as its abbreviation
	// (wordsMatch: « francais » would be « francetravail »'s).
	{"pole emploi", "ftravail"}, {"france travail", "ftravail"},
	// The points and relais d'accès au droit are labelled « Point-justice »
	// since 2021 (Conseil national de l'aide juridique).
	{"point justice", "pad"}, {"point acces droit", "pad"}, {"relais acces droit", "pad"},
}

// phraseSet holds the phrases as stemmed word lists.
var phraseSet = func() *vocab.PhraseSet {
	s := vocab.NewPhraseSet()
	add := func(phrase, key string) {
		var ws []string
		for _, w := range words(phrase) {
			if !stopWords[w] {
				ws = append(ws, stem(w))
			}
		}
		s.Add(ws, stem(key))
	}
	named := map[string]bool{}
	for _, a := range vocab.Abbreviations() {
		for _, f := range a.Forms() {
			add(f, a.Key)
			named[vocab.Slugify(f)] = true
		}
	}
	// A kind folds into its entry unless it names another entry (a
	// communauté de communes stays one, rather than any EPCI).
	for _, a := range vocab.Abbreviations() {
		for _, k := range a.Kinds {
			if !named[vocab.Slugify(k)] {
				add(k, a.Key)
			}
		}
	}
	for _, p := range localPhrases {
		add(p[0], p[1])
	}
	return s
}()

// typeWords are the kinds of French streets, and their abbreviations. A
// street is compared by its name without them: « route » and « rue » of one
// street are common in two sources.
var typeWords = set("rue", "r", "avenue", "av", "ave", "avn", "boulevard", "bd", "bld", "boul", "bvd", "chemin", "che", "ch",
	"chem", "route", "rte", "rt", "place", "pl", "plc", "impasse", "imp", "allee", "all", "al", "cours", "crs", "quai", "qu",
	"qai", "square", "sq", "traverse", "tra", "trav", "passage", "pass", "pas", "voie", "montee", "mte", "esplanade", "esp",
	"promenade", "prom", "parvis", "sentier", "sen", "faubourg", "fg", "fbg", "ruelle", "rle", "cite", "zone", "za", "zi", "zac",
	"lotissement", "lot", "hameau", "ham", "lieu", "dit", "ld", "rond", "point", "rpt", "carrefour", "car", "galerie", "gal",
	"residence", "res", "domaine", "dom", "clos", "chaussee", "ch", "vc", "rn", "rd", "cd", "port", "bis", "ter", "quater")

// streetKinds are the kinds of thoroughfare a street's type word
// says, each of its spellings read as one kind: « avenue Jean-Jaurès » and
// « place Jean Jaurès » are two streets of one commune (a commune names its
// avenue, its square and its impasse after one person; the avenue often
// leads to the square), while « AV JEAN JAURES » is the avenue. The kinds
// producers write for one another are one kind: « route » for « rue »
// (« 80 rue de Sorholus » and « 80 Route de Sorholus », the two sources of
// one place), and a square written place, square, esplanade or parvis
// (« 8 place de la Mairie », « Sq. de la Mairie »). The other type words
// (a lieu-dit, a zone, a résidence, a hameau, a passage, a ruelle…) name
// no kind: they do not tell two streets of one name apart, the same
// locality being written as either (« Résidence Beauséjour », « Place
// Beauséjour »).
var streetKinds = func() map[string]string {
	m := map[string]string{}
	for kind, ws := range map[string][]string{
		"rue":       {"rue", "r", "route", "rte", "rt"},
		"avenue":    {"avenue", "av", "ave", "avn"},
		"boulevard": {"boulevard", "bd", "bld", "boul", "bvd"},
		"chemin":    {"chemin", "che", "chem"},
		"place":     {"place", "pl", "plc", "square", "sq", "esplanade", "esp", "parvis"},
		"impasse":   {"impasse", "imp"},
		"allee":     {"allee", "all", "al"},
		"cours":     {"cours", "crs"},
		"quai":      {"quai", "qu", "qai"},
	} {
		for _, w := range ws {
			m[w] = kind
		}
	}
	return m
}()

// numberSuffixes follow a house number: 48 bis, 5ter, 27 B.
var numberSuffixes = set("bis", "ter", "quater", "a", "b", "c", "d", "e", "f")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// words splits s into folded words.
func words(s string) []string {
	slug := vocab.Slugify(s)
	if slug == "" {
		return nil
	}
	return strings.Split(slug, "-")
}

// stem folds plural and feminine endings: services → service, sociale →
// social, familiales → familial. It is applied to every word of both sides,
// so it only needs to be consistent, not linguistically right.
//
// An ordinal is its number: « 8e », « 8ème », « 8ieme », « 1er » are 8 and
// 1, as « MDM Lyon 8 » and « Maison de la Métropole de Lyon 8e », or
// « Mairie du 8e » and « Mairie du 8ème arrondissement », write one
// arrondissement (and digits never match a word otherwise: wordsMatch).
func stem(w string) string {
	if n, ok := ordinal(w); ok {
		return n
	}
	if len(w) > 3 && !isDigits(w) {
		w = strings.TrimRight(w, "sx")
		if len(w) > 4 && strings.HasSuffix(w, "e") {
			w = w[:len(w)-1]
		}
	}
	return w
}

// ordinal returns the number of an ordinal written with digits and a
// French suffix (slugified: « 8ème » is « 8eme »).
func ordinal(w string) (string, bool) {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 || i == len(w) {
		return "", false
	}
	switch w[i:] {
	case "e", "eme", "ieme", "em", "er", "ere":
		return w[:i], true
	}
	return "", false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// expand returns the written-out, stemmed words of s, stop words kept (the
// acronym matcher needs them); parenthesised parts are kept too, since they
// often hold the acronym or the network: « CIAM (Centre international…) ».
func expand(s string) []string {
	return expandIn(s, nil)
}

// expandIn is expand for a name of a place in a commune whose words
// (stemmed) are commune: a word of the commune's name is read as written,
// not as the short word it folds to (« près » of « Artigues-près-Bordeaux »
// is no « président », « Six » of « Six-Fours-les-Plages » no 6), so that
// the commune's words are left out of the name as they are elsewhere
// (nameKey, content).
func expandIn(s string, commune map[string]bool) []string {
	var out []string
	for _, w := range words(s) {
		if commune[stem(w)] {
			out = append(out, stem(w))
			continue
		}
		if full, ok := vocab.WrittenOut(w); ok {
			for _, f := range strings.Fields(full) {
				out = append(out, stem(f))
			}
			continue
		}
		out = append(out, stem(w))
	}
	return withoutOwnerTown(out, commune)
}

// townWords are the stemmed words that name a commune as such: « ville »,
// « commune ».
var townWords = set(stem("ville"), stem("commune"))

// withoutOwnerTown drops « ville » or « commune » where a name says whose
// place it is: after a place's name, « de la ville de Mèze » and « de la
// commune de Mèze » name the commune, as « de Mèze » does, not a mairie
// (« Centre communal d'action sociale de la ville de Mèze » is the CCAS).
// Only after « de la » and before the commune's own name: « hôtel de
// ville », « communauté de communes » and a « Ville de Mèze » alone are
// left as they are. ws are expanded words, stop words kept.
func withoutOwnerTown(ws []string, commune map[string]bool) []string {
	var out []string
	for i, w := range ws {
		if townWords[w] && i >= 3 && ws[i-1] == "la" && ws[i-2] == "de" && !stopWords[ws[i-3]] &&
			i+2 < len(ws) && (ws[i+1] == "de" || ws[i+1] == "d") && commune[ws[i+2]] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// departementOf returns the département of a place, from its INSEE code or
// else its postal code; "" when neither is known.
func departementOf(p *Place) string {
	if c := commune.ByCode(p.InseeCode); c != nil {
		return c.Departement
	}
	if cs := commune.ByPostalCode(p.PostalCode); len(cs) > 0 {
		return cs[0].Departement
	}
	return ""
}

// departementWords caches the stemmed words of each département's name
// (« alpe maritime », « bouche rhone »).
var departementWords sync.Map // code → []string

// departementNameWords returns the stemmed words of the name of the
// département with code dep, stop words left out (« cote or » for the
// Côte-d'Or), cached.
func departementNameWords(dep string) []string {
	v, ok := departementWords.Load(dep)
	if !ok {
		var dw []string
		for _, w := range words(commune.DepartementName(dep)) {
			if !stopWords[w] {
				dw = append(dw, stem(w))
			}
		}
		v, _ = departementWords.LoadOrStore(dep, dw)
	}
	return v.([]string)
}

// departementNumbered reads the number of the département dep in a name
// as the département's name (« UDAF 34 » in the Hérault as « UDAF
// Hérault »): associations organised by département (UDAF, the Ligue de
// l'enseignement's federations, the Croix-Rouge's délégations) write it by
// its number as often as by its name. Another number is left as it is.
// ws are expanded words; they are returned unchanged when no word is dep.
func departementNumbered(ws []string, dep string) []string {
	if dep == "" || !slices.Contains(ws, strings.ToLower(dep)) {
		return ws
	}
	dw := departementNameWords(dep)
	if len(dw) == 0 {
		return ws
	}
	var out []string
	for _, w := range ws {
		if w == strings.ToLower(dep) {
			out = append(out, dw...)
			continue
		}
		out = append(out, w)
	}
	return out
}

// departementNamed reads « Maison des Alpes-Maritimes » (« Maison de la
// Drôme », « Maison du Var ») in the département of that name as « Maison
// du Département », the département's building, which the phrases fold
// into one word: a Département names its houses after itself. Only after
// « maison », so that a name merely mentioning the département is left
// alone. ws are expanded words, stop words kept.
func departementNamed(ws []string, dep string) []string {
	if dep == "" {
		return ws
	}
	dw := departementNameWords(dep)
	if len(dw) == 0 {
		return ws
	}
	var out []string
	for i := 0; i < len(ws); i++ {
		out = append(out, ws[i])
		if ws[i] != "maison" {
			continue
		}
		j := i + 1
		for j < len(ws) && stopWords[ws[j]] {
			j++
		}
		// The name's words, stop words within it skipped (« Bouches du
		// Rhône », « Alpes de Haute-Provence »).
		k, n := j, 0
		for k < len(ws) && n < len(dw) {
			if stopWords[ws[k]] {
				k++
				continue
			}
			if ws[k] != dw[n] {
				break
			}
			k, n = k+1, n+1
		}
		if n == len(dw) {
			out = append(out, stem("departement"))
			i = k - 1
		}
	}
	return out
}

// content drops stop words and folds phrases.
func content(ws []string) []string {
	var in []string
	for _, w := range ws {
		if !stopWords[w] {
			in = append(in, w)
		}
	}
	var out []string
	for i := 0; i < len(in); {
		if p, ok := phraseSet.Longest(in[i:]); ok {
			out = append(out, p.Key)
			i += len(p.Words)
			continue
		}
		out = append(out, in[i])
		i++
	}
	return out
}

// wordsMatch reports whether two stemmed words are the same word written
// differently: equal, one typo apart in a long word, cut short after five
// letters or more (AGGLO, agglomération), or an abbreviation that keeps the
// beginning and some later letters in order (DEVELOPT, développement;
// FAMIL, familiale).
func wordsMatch(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if isDigits(a) || isDigits(b) {
		return false
	}
	if len(a) >= 5 && withinOneEdit(a, b) {
		return true
	}
	if len(a) >= 5 && strings.HasPrefix(b, a) {
		// A word cut short: « Agglo » for agglomération.
		return true
	}
	return len(a) >= 4 && a[:3] == b[:3] && 2*len(a) >= len(b) && subsequence(a, b)
}

// subsequence reports whether the letters of a appear in b in order.
func subsequence(a, b string) bool {
	j := 0
	for i := 0; i < len(b) && j < len(a); i++ {
		if b[i] == a[j] {
			j++
		}
	}
	return j == len(a)
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion or substitution, or by two neighbouring letters swapped (ASCII
// words).
func withinOneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		if i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] {
			// Two neighbouring letters swapped, one slip of the
			// keyboard: « Guinguoin » for Guingouin.
			return true
		}
		return a[i+min(1, len(a)-i):] == b[i+min(1, len(b)-i):]
	}
	return a[i:] == b[i+1:]
}

// scheduleWords name a time slot: days, parts of the day, hours.
// Words are stemmed (lundis, premiers).
var scheduleWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin", "matinee",
		"apres", "midi", "aprem", "apresmidi", "soir", "soiree", "journee"} {
		m[stem(w)] = true // a day or a part of the day
	}
	for _, w := range []string{"et", "h", "a", "au", "le", "les", "du", "de", "chaque", "tous", "toutes", "uniquement",
		"premier", "deuxieme", "troisieme", "quatrieme", "dernier", "mois", "semaine", "pair", "impair", "paire", "impaire"} {
		m[stem(w)] = false // only beside one
	}
	return m
}()

// withoutSchedule drops from a name the time slot the national file adds
// to a conseiller's permanences, in parentheses or after a dash:
// « Médiathèque (Aprèm) », « P.I.J (Jeudi Matin) », « Bibliothèque relais -
// mercredi matin ». A part is a slot when all its words are schedule words
// or hours (9h, 14h30) and one at least is a day or a part of the day;
// what is left must still name something.
func withoutSchedule(name string) string {
	isSlot := func(part string) bool {
		ws := words(part)
		named := false
		for _, w := range ws {
			if hour := strings.TrimLeft(w, "0123456789") != w && strings.Trim(w, "0123456789h") == ""; hour {
				continue
			}
			day, ok := scheduleWords[stem(w)]
			if !ok {
				return false
			}
			named = named || day
		}
		return named
	}
	out := name
	for {
		open := strings.LastIndexByte(out, '(')
		if open < 0 {
			break
		}
		end := strings.IndexByte(out[open:], ')')
		if end < 0 || !isSlot(out[open+1:open+end]) {
			break
		}
		out = strings.TrimSpace(out[:open] + out[open+end+1:])
	}
	for _, sep := range []string{" - ", " – ", " — ", " : "} {
		if i := strings.LastIndex(out, sep); i > 0 && isSlot(out[i+len(sep):]) {
			out = strings.TrimSpace(out[:i])
		}
	}
	if len(words(out)) == 0 {
		return name
	}
	return out
}

// dotted matches single letters and numbers joined by dots: « M.270 »,
// « P.I.J. », « M.J.C ».
var dotted = regexp.MustCompile(`\b(?:[A-Za-z]|[0-9]+)(?:\.(?:[A-Za-z]|[0-9]+)\b)+\.?`)

// glueDotted writes single letters and numbers joined by dots as one word
// (« M.270 » is the médiathèque « M270 »): cut at the dots, a name is
// letters and numbers, none of them a word. A run of numbers alone
// (« 1.5 ») is left as it is.
func glueDotted(name string) string {
	return dotted.ReplaceAllStringFunc(name, func(m string) string {
		if strings.Trim(m, "0123456789.") == "" {
			return m
		}
		return strings.ReplaceAll(m, ".", "")
	})
}

// colonParts returns the two parts of a name written as a name and its
// kind joined by one colon, in either order (« Le Chai : Espace culturel »,
// « Espace de coworking : L'Alpha »), each to be read as the name too; nil
// when the name has no colon, several, or a part without a word.
func colonParts(name string) []string {
	left, right, ok := strings.Cut(name, ":")
	if !ok || strings.Contains(right, ":") || len(content(expand(left))) == 0 || len(content(expand(right))) == 0 {
		return nil
	}
	return []string{strings.TrimSpace(left), strings.TrimSpace(right)}
}

// slashJoined matches two words joined by a slash with no space:
// « Izards/Borderouge », « Médiathèque/Ludothèque ».
var slashJoined = regexp.MustCompile(`(\pL+)/(\pL+)`)

// slashReadings returns a name whose two words joined by one slash are two
// readings of it (« Centre social Izards/Borderouge », the two quarters
// it serves) read with each word alone, each to be read as the name too;
// nil when the name has no such slash, or several slashes.
func slashReadings(name string) []string {
	if strings.Count(name, "/") != 1 {
		return nil
	}
	loc := slashJoined.FindStringSubmatchIndex(name)
	if loc == nil {
		return nil
	}
	return []string{name[:loc[0]] + name[loc[2]:loc[3]] + name[loc[1]:], name[:loc[0]] + name[loc[4]:loc[5]] + name[loc[1]:]}
}

// withoutCommuneTail returns name without its last part after a dash, or
// in parentheses, when that part names only the place's commune (stemmed
// words, commune) — « La Maison des Marmandais - Marmande » — and name
// itself otherwise. Producers end names so (France Services' list, each
// site of a France Services of several sites); the domain the place
// writes from spells the name before it.
func withoutCommuneTail(name string, commune map[string]bool) string {
	cut := -1
	for _, dash := range []string{" - ", " – "} {
		if i := strings.LastIndex(name, dash); i > cut {
			cut = i
		}
	}
	if strings.HasSuffix(strings.TrimSpace(name), ")") {
		// « Centre Socio Culturel et de Loisirs (CHÂTILLON-SUR-SEINE) »
		if i := strings.LastIndex(name, "("); i > cut {
			cut = i
		}
	}
	if cut < 0 && len(commune) > 0 {
		// Words joined by hyphens (« Médiance-13---Marignane »,
		// « Mediance-13-Marignane »): the longest run of hyphenated
		// words ending the name that names only the commune.
		for i := strings.LastIndexByte(name, '-'); i > 0; i = strings.LastIndexByte(name[:i], '-') {
			if !onlyCommuneWords(words(name[i:]), commune) {
				break
			}
			cut = i
		}
	}
	if cut <= 0 || len(commune) == 0 {
		return name
	}
	tail := words(name[cut:])
	if len(tail) == 0 || len(words(name[:cut])) == 0 {
		return name
	}
	if !onlyCommuneWords(tail, commune) {
		return name
	}
	return strings.TrimSpace(name[:cut])
}

// onlyCommuneWords says whether ws are the commune's words and stop words
// only.
func onlyCommuneWords(ws []string, commune map[string]bool) bool {
	for _, w := range ws {
		if !commune[stem(w)] && !stopWords[w] {
			return false
		}
	}
	return true
}

// withoutGloss drops from a name its parts in parentheses, which gloss it:
// an acronym's expansion (« DEFI (Défense des Exclus par l'Information et
// la Formation) »), a host or a network (« CPH Libourne (Groupe SOS) »).
// The name is read with and without them; the gloss alone is not read as
// the name (a network names many places). The name is returned unchanged
// when nothing would be left.
func withoutGloss(name string) string {
	var b strings.Builder
	depth := 0
	for _, r := range name {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if len(words(out)) == 0 {
		return name
	}
	if out == strings.Join(strings.Fields(name), " ") {
		return name
	}
	return out
}
