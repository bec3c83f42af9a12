package vocab

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxInput bounds the input Normalize will fold. The longest label is about
// a hundred bytes; anything much longer is not a value and folding it would
// only cost time on hostile input.
const maxInput = 1024

// Normalize returns the canonical value that in designates, and whether it
// designates one. It accepts the canonical value itself, its label, its
// aliases and its slug, and forgives what people and older exports get
// wrong: case, missing or decomposed accents, ’ for ', missing or extra
// spaces (the standard writes "Étapes numériques(La Poste)" without a space,
// real files add one), surrounding whitespace, non-breaking spaces inside
// « ».
//
// Normalize runs on every imported cell, so it does not allocate: the exact
// value is tried first, then one folded key built on the stack is looked up
// in a map precomputed at init.
func (v *Vocabulary) Normalize(in string) (canonical string, ok bool) {
	if i, ok := v.exact[in]; ok {
		return v.Terms[i].Value, true
	}
	if len(in) > maxInput {
		return "", false
	}
	var buf [128]byte
	k := foldKey(buf[:0], in)
	if len(k) == 0 {
		return "", false
	}
	if i, ok := v.keys[string(k)]; ok {
		return v.Terms[i].Value, true
	}
	return "", false
}

// NormalizeList canonicalises a multi-valued input. out holds each
// recognised value once, in the vocabulary's order (so that equal sets give
// equal lists, which keeps ETags and diffs stable); invalid holds the inputs
// that designate nothing, as given, in input order, without repeats. Empty
// and blank inputs are skipped: a trailing "|" in a CSV cell is not an
// error. Both results are nil when empty.
func (v *Vocabulary) NormalizeList(in []string) (out []string, invalid []string) {
	var small [4]uint64 // enough for 256 terms without allocating
	seen := small[:]
	if n := (len(v.Terms) + 63) / 64; n > len(small) {
		seen = make([]uint64, n)
	}
	count := 0
	for _, s := range in {
		if strings.TrimSpace(s) == "" {
			continue
		}
		c, ok := v.Normalize(s)
		if !ok {
			if !containsString(invalid, s) {
				invalid = append(invalid, s)
			}
			continue
		}
		i := v.exact[c]
		if seen[i/64]&(1<<(i%64)) == 0 {
			seen[i/64] |= 1 << (i % 64)
			count++
		}
	}
	if count == 0 {
		return nil, invalid
	}
	out = make([]string, 0, count)
	for i, t := range v.Terms {
		if seen[i/64]&(1<<(i%64)) != 0 {
			out = append(out, t.Value)
		}
	}
	return out, invalid
}

// NormalizeCell is NormalizeList of a CSV cell of the standard, split with
// SplitCell.
func (v *Vocabulary) NormalizeCell(cell string) (out []string, invalid []string) {
	return v.NormalizeList(SplitCell(cell))
}

// SplitCell splits a multi-valued cell of the standard. v1.x joins values
// with "|", v0.1.1 with ";"; no value of any vocabulary contains either
// character (a test checks it), so splitting on both reads every version.
// Parts are trimmed and empty parts dropped.
func SplitCell(cell string) []string {
	var out []string
	for part := range strings.FieldsFuncSeq(cell, func(r rune) bool { return r == '|' || r == ';' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SplitKnown splits a cell like SplitCell, then splits a part that is not
// a known value when every piece of it is one, or, at commas, slashes and
// line breaks only, when some pieces are (a typo in one of six values, « …
// avec un accompagnemen », rejected a place naming five good ones): the
// other pieces are kept as written, each between two known ones whole,
// for the caller to warn about. Files published by
// spreadsheets, forms and older tools join values with commas (« Prendre en
// main un ordinateur, Utiliser le numérique au quotidien »), slashes (« … /
// … », Le Havre), line breaks (a form's multiple choice) or, when a
// spreadsheet dropped the separators, nothing but spaces; while some values
// contain a comma or a slash themselves (« … (situation familiale,
// convention avec un organisme social...) », « Familles/enfants »), which
// stay whole: of the ways to cut a part into known values, the one with the
// fewest pieces is taken. sep names the separators a split used
// (« commas », « slashes », « line breaks », « spaces only », joined with
// « and »), "" when nothing was split.
func SplitKnown(cell string, known func(string) bool) (parts []string, sep string) {
	var used sepKinds
	for _, part := range SplitCell(cell) {
		if known(part) {
			parts = append(parts, part)
			continue
		}
		if pieces, kinds := splitJoined(part, known); len(pieces) > 1 {
			parts, used = append(parts, pieces...), used|kinds
			continue
		}
		if pieces, kinds := splitSome(part, known); len(pieces) > 1 {
			parts, used = append(parts, pieces...), used|kinds
			continue
		}
		if pieces := findLabels(part, known); len(pieces) > 1 {
			parts, used = append(parts, pieces...), used|sepFound
			continue
		}
		parts = append(parts, part)
	}
	return parts, used.String()
}

type sepKinds uint8

const (
	sepComma sepKinds = 1 << iota
	sepSlash
	sepLine
	sepSpace
	sepFound
)

// SepFound is the sep of SplitKnown when the known values of a part were
// found in its text, with words between them that are no known value
// (findLabels).
const SepFound = "labels found in the text"

func (k sepKinds) String() string {
	if k&sepFound != 0 {
		return SepFound
	}
	var names []string
	for _, n := range []struct {
		k    sepKinds
		name string
	}{{sepComma, "commas"}, {sepSlash, "slashes"}, {sepLine, "line breaks"}} {
		if k&n.k != 0 {
			names = append(names, n.name)
		}
	}
	if len(names) == 0 && k&sepSpace != 0 {
		return "spaces only"
	}
	return strings.Join(names, " and ")
}

// Bounds of splitJoined: a cell of more words is not a list of values, and
// no value of any list has more words than maxValueWords.
const (
	maxJoinedWords = 120
	maxValueWords  = 40
)

// wordSpan is a word's bytes in the text it was cut from.
type wordSpan struct{ start, end int }

// separatedWords cuts part at its separators (« , », « / », line breaks,
// spaces) into its words, read by splitJoined and findLabels.
func separatedWords(part string) []wordSpan {
	var words []wordSpan
	isSep := func(r rune) bool { return r == ',' || r == '/' || unicode.IsSpace(r) }
	start := -1
	for i, r := range part {
		switch {
		case isSep(r) && start >= 0:
			words, start = append(words, wordSpan{start, i}), -1
		case !isSep(r) && start < 0:
			start = i
		}
	}
	if start >= 0 {
		words = append(words, wordSpan{start, len(part)})
	}
	return words
}

// splitJoined cuts part, at its separators (« , », « / », line breaks,
// spaces), into the fewest pieces that are each a known value; nil when
// there is no such cut.
func splitJoined(part string, known func(string) bool) (pieces []string, kinds sepKinds) {
	words := separatedWords(part)
	n := len(words)
	if n < 2 || n > maxJoinedWords {
		return nil, 0
	}
	// best[j] is the fewest known pieces covering words[:j] (0: none),
	// from[j] where the last of them starts.
	best, from := make([]int, n+1), make([]int, n+1)
	for j := 1; j <= n; j++ {
		for i := max(0, j-maxValueWords); i < j; i++ {
			if (i == 0 || best[i] > 0) && (best[j] == 0 || best[i]+1 < best[j]) && known(part[words[i].start:words[j-1].end]) {
				best[j], from[j] = best[i]+1, i
			}
		}
	}
	if best[n] < 2 {
		return nil, 0
	}
	pieces = make([]string, best[n])
	for j, k := n, best[n]-1; j > 0; j, k = from[j], k-1 {
		i := from[j]
		pieces[k] = part[words[i].start:words[j-1].end]
		if i > 0 {
			switch between := part[words[i-1].end:words[i].start]; {
			case strings.ContainsAny(between, "\r\n"):
				kinds |= sepLine
				if strings.Contains(between, ",") {
					kinds |= sepComma
				}
			case strings.Contains(between, ","):
				kinds |= sepComma
			case strings.Contains(between, "/"):
				kinds |= sepSlash
			default:
				kinds |= sepSpace
			}
		}
	}
	return pieces, kinds
}

// findLabels finds, in a part that reads as no list of known values, the
// known values it holds as whole runs of words, with the text between them
// (a spreadsheet dropped the separators of a Martinique hub's cells and
// cut one of their labels short: « Prendre en main un ordinateur Devenir
// autonome dans les démarches administratives Accéder à du matérie
// Découvrir les usages… »). Of the ways to read it, the one leaving the
// fewest words out of a known value, then with the fewest values (the
// longest ones), is taken; runs of words left out are kept together as
// written, for the caller to warn about: never guessed, not even a cut
// label that only one value starts with. nil unless two known values at
// least are found, or one holding at least half of the words, so that free
// text naming a value in passing (« Gratuit pour les demandeurs d'emploi
// inscrits ») is not read as that value.
func findLabels(part string, known func(string) bool) []string {
	words := separatedWords(part)
	n := len(words)
	if n < 2 || n > maxJoinedWords {
		return nil
	}
	spans, unknown, values := bestCover(part, words, known, false)
	if values == 0 || values == 1 && 2*unknown > n || len(spans) < 2 {
		return nil
	}
	pieces := make([]string, 0, len(spans))
	for _, sp := range spans {
		pieces = append(pieces, part[words[sp.i].start:words[sp.j-1].end])
	}
	return pieces
}

// coverSpan is words[i:j] read as one piece: a known value, or the words
// between two.
type coverSpan struct {
	i, j  int
	known bool
}

// bestCover reads the words of part as known values (maxValueWords words
// at most each) and the words between them. Of the ways to, it takes the
// one leaving the fewest words out of a known value, then with the fewest
// pieces: the values and, when unknownPieces, each word out of a value too
// (splitSome's tokens; findLabels counts the values only, the longest then
// win). It returns the pieces in order, each run of words out of a value
// glued into one, how many words are out of a value and how many values
// were read.
func bestCover(part string, words []wordSpan, known func(string) bool, unknownPieces bool) (spans []coverSpan, unknown, values int) {
	n := len(words)
	type cost struct{ unknown, pieces, from int }
	best := make([]cost, n+1)
	isKnown := make([]bool, n+1) // whether the piece ending at j is a known one
	alone := 0
	if unknownPieces {
		alone = 1
	}
	for j := 1; j <= n; j++ {
		// The word j-1 alone, unknown.
		best[j] = cost{best[j-1].unknown + 1, best[j-1].pieces + alone, j - 1}
		for i := max(0, j-maxValueWords); i < j; i++ {
			c := cost{best[i].unknown, best[i].pieces + 1, i}
			if (c.unknown < best[j].unknown || c.unknown == best[j].unknown && c.pieces < best[j].pieces) && known(part[words[i].start:words[j-1].end]) {
				best[j], isKnown[j] = c, true
			}
		}
	}
	// Walk back, gluing runs of unknown words.
	for j := n; j > 0; j = best[j].from {
		i := best[j].from
		if isKnown[j] {
			values++
		}
		if !isKnown[j] && len(spans) > 0 && !spans[len(spans)-1].known {
			spans[len(spans)-1].i = i
			continue
		}
		spans = append(spans, coverSpan{i, j, isKnown[j]})
	}
	slices.Reverse(spans)
	return spans, best[n].unknown, values
}

// splitSome cuts part at its commas, slashes and line breaks into known
// values and the text between them, when at least one piece is known: of
// the cuts, the one leaving the fewest unknown pieces, then the fewest
// pieces. Adjacent unknown pieces are kept together as written.
func splitSome(part string, known func(string) bool) (pieces []string, kinds sepKinds) {
	type token struct {
		start, end int
		before     sepKinds // the separators before it
	}
	var tokens []token
	var pending sepKinds
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		if t := strings.TrimSpace(part[start:end]); t != "" {
			off := start + strings.Index(part[start:end], t)
			tokens = append(tokens, token{off, off + len(t), pending})
			pending = 0
		}
		start = -1
	}
	for i, r := range part {
		switch r {
		case ',':
			flush(i)
			pending |= sepComma
		case '/':
			flush(i)
			pending |= sepSlash
		case '\n', '\r':
			flush(i)
			pending |= sepLine
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(part))
	n := len(tokens)
	if n < 2 || n > maxJoinedWords {
		return nil, 0
	}
	words := make([]wordSpan, n)
	for k, t := range tokens {
		words[k] = wordSpan{t.start, t.end}
	}
	spans, unknown, _ := bestCover(part, words, known, true)
	if unknown == n || len(spans) < 2 {
		return nil, 0 // no piece is known
	}
	for k, sp := range spans {
		pieces = append(pieces, part[tokens[sp.i].start:tokens[sp.j-1].end])
		if k > 0 {
			kinds |= tokens[sp.i].before
		}
	}
	return pieces, kinds
}

// Known reports whether s is a value of v in any accepted spelling.
func (v *Vocabulary) Known(s string) bool {
	_, ok := v.Normalize(s)
	return ok
}

// Slugify folds s to lower-case ASCII words joined by "-": accents are
// removed, œ becomes oe, and every run of other characters (spaces,
// apostrophes, parentheses, guillemets, slashes, underscores…) becomes one
// "-". "Ce lieu n’accueille pas de public" → "ce-lieu-n-accueille-pas-de-public".
// Letters outside the Latin alphabet are kept, lower-cased.
//
// The slug is also the key Normalize matches on, which is why every variant
// of spacing and punctuation is accepted.
func Slugify(s string) string {
	// Folded on the stack, then copied once: grown from nil, the slug
	// of a place's name was reallocated four or five times, 7 % of a
	// first import's allocations (issue 11, item 6).
	var buf [128]byte
	return string(foldKey(buf[:0], s))
}

// AppendSlug appends Slugify(s) to dst, without allocating when dst has
// room.
func AppendSlug(dst []byte, s string) []byte { return foldKey(dst, s) }

// foldKey appends the slug of s to dst. It is the allocation-free core of
// Normalize and Slugify.
func foldKey(dst []byte, s string) []byte {
	start := len(dst)
	sep := false // a separator is pending: written before the next letter
	for _, r := range s {
		var c byte // the ASCII letter or digit to write, if any
		var more string
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			c = byte(r)
		case 'A' <= r && r <= 'Z':
			c = byte(r) + 'a' - 'A'
		case r < utf8.RuneSelf:
			sep = true
			continue
		case unicode.Is(unicode.Mn, r):
			// A combining accent of decomposed (NFD) input: "e" + U+0301.
			continue
		default:
			r = unicode.ToLower(r)
			if more = foldLatin(r); more == "" {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					sep = true // punctuation, symbols, any space, invalid UTF-8
					continue
				}
			}
		}
		if sep && len(dst) > start {
			dst = append(dst, '-')
		}
		sep = false
		switch {
		case c != 0:
			dst = append(dst, c)
		case more != "":
			dst = append(dst, more...)
		default:
			// A letter outside the Latin alphabet is kept, so that
			// "Jeunesж" does not match "Jeunes".
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// foldLatin maps a lower-case Latin letter with a diacritic, or a ligature,
// to its ASCII spelling; it covers French and the languages of the names in
// the vocabularies. It returns "" for any other rune.
func foldLatin(r rune) string {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return "a"
	case 'æ':
		return "ae"
	case 'ç', 'ć', 'č':
		return "c"
	case 'ď', 'đ':
		return "d"
	case 'è', 'é', 'ê', 'ë', 'ē', 'ĕ', 'ė', 'ę', 'ě':
		return "e"
	case 'ì', 'í', 'î', 'ï', 'ĩ', 'ī', 'į', 'ı':
		return "i"
	case 'ñ', 'ń', 'ň':
		return "n"
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		return "o"
	case 'œ':
		return "oe"
	case 'ŕ', 'ř':
		return "r"
	case 'ś', 'š', 'ş', 'ș':
		return "s"
	case 'ß':
		return "ss"
	case 'ţ', 'ť', 'ț':
		return "t"
	case 'ù', 'ú', 'û', 'ü', 'ũ', 'ū', 'ů', 'ű', 'ų':
		return "u"
	case 'ý', 'ÿ':
		return "y"
	case 'ź', 'ż', 'ž':
		return "z"
	}
	return ""
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
