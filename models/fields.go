package models

import (
	"carnet/models/textlen"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"carnet/models/commune"
	"carnet/models/contact"
	"carnet/models/ident"
	"carnet/models/openinghours"
	"carnet/models/vocab"

	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
)

// Limits on free text. They are generous for real content and stop a client
// from storing megabytes in one field.
const (
	maxName        = 200
	maxSummary     = 280 // the national standard's presentation_resume limit
	maxLongText    = 10000
	maxShortText   = 500
	maxListItems   = 20
	maxURL         = 2000
	maxSourceID    = 200
	maxOpeningHour = 1000
)

// text is a free text as stored: trimmed, and composed (NFC), so that
// « é » written as « e » and a combining accent (as macOS and copies from
// PDF files write it) is the one string it displays as, to the filters that
// compare stored text and to everyone reading it. A Windows line break
// (\r\n, as data·inclusion's files and text typed on Windows write it) is
// stored as \n: a CSV reader (RFC 4180, Go's encoding/csv, Carnet's
// importer) reads a quoted \r\n as \n, so the text kept its \r only
// until its CSV export came back, and the record read as changed. A lone
// \r (old Mac text, some PDF copies) is a line break too, stored as \n
// (probe 43: it was kept, and displayed nowhere as the break it meant).
func text(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return norm.NFC.String(strings.TrimSpace(s))
}

// composedText is a filter's value composed as stored text is (see text).
func composedText(s string) string { return norm.NFC.String(s) }

// Address is a postal address in France (including overseas). Only the
// fields the national standard carries.
type Address struct {
	Street     string `gorm:"column:street"`
	Complement string `gorm:"column:complement"`
	PostalCode string `gorm:"column:postal_code"`
	Commune    string `gorm:"column:commune"`
	InseeCode  string `gorm:"column:insee_code"`
}

// IsZero reports whether no field is set.
func (a Address) IsZero() bool { return a == Address{} }

func (a *Address) normalize() {
	a.Street = text(a.Street)
	a.Complement = text(a.Complement)
	a.PostalCode = strings.TrimSpace(a.PostalCode)
	a.Commune = text(a.Commune)
	readPostalCode(a)
	a.InseeCode = strings.ToUpper(strings.TrimSpace(a.InseeCode))
}

// validate checks a, prefixing field names with prefix (e.g. "address").
func (a *Address) validate(fe *FieldErrors, prefix string, requireStreet bool) {
	n := addressFields
	if prefix != "address" {
		n = addressFieldsOf(prefix)
	}
	if requireStreet && a.Street == "" {
		fe.Add(n.street, "is required")
	}
	checkLen(fe, n.street, a.Street, maxName)
	checkLen(fe, n.complement, a.Complement, maxName)
	switch {
	case a.PostalCode == "":
		fe.Add(n.postalCode, "is required")
	case !ident.ValidPostalCode(a.PostalCode):
		// « 00000 » has the shape but no département: say that, in the
		// words the commune check uses, so the field is named once.
		if why := commune.NotFrenchPostalCode(a.PostalCode); why != "" {
			fe.Add(n.postalCode, why)
		} else {
			fe.Add(n.postalCode, "must be a French postal code of 5 digits")
		}
	}
	if a.Commune == "" {
		fe.Add(n.commune, "is required")
	}
	checkLen(fe, n.commune, a.Commune, maxName)
	if a.InseeCode != "" && !ident.ValidINSEE(a.InseeCode) {
		fe.Add(n.inseeCode, "must be an INSEE commune code such as 75056 or 2A004")
	}
}

// addressFieldNames are the names of an address's fields in errors.
type addressFieldNames struct{ street, complement, postalCode, commune, inseeCode string }

// addressFields are the usual ones, written once rather than on every
// validation (an import validates each address twice).
var addressFields = addressFieldsOf("address")

func addressFieldsOf(prefix string) addressFieldNames {
	return addressFieldNames{prefix + ".street", prefix + ".complement", prefix + ".postal_code", prefix + ".commune", prefix + ".insee_code"}
}

// departement derives the département code used for territorial filters: the
// INSEE code is authoritative, the postal code a fallback (it can cross
// département lines).
func (a Address) departement() string {
	if a.InseeCode != "" {
		if d := ident.DepartementFromINSEE(a.InseeCode); d != "" {
			return d
		}
	}
	return ident.DepartementFromPostalCode(a.PostalCode)
}

// checkLen checks a text field's length and characters. Fields of at most
// maxMultiline characters (names, addresses, labels) are one line; longer
// ones (summaries, descriptions, messages) may hold line breaks and tabs.
func checkLen(fe *FieldErrors, field, s string, max int) {
	if n := textlen.Of(s); n > max {
		fe.Addf(field, "must be at most %d characters (got %d)", max, n)
	}
	checkText(fe, field, s, max >= maxMultiline)
}

// maxMultiline is the shortest limit of a text field that may span lines.
const maxMultiline = maxSummary

// checkText is the one check of the characters of free text, for every text
// field of every model: valid UTF-8; no NUL nor other control character
// (C0, DEL, C1), except tab and line breaks in multiline fields; no
// bidirectional formatting character, embedding, override, isolate or mark
// (« Trojan Source »: a name read backwards, a spoofed link; a right-to-left
// mark alone shows « 01 23 » as « 23 01 »); no line or paragraph separator
// (U+2028, U+2029: line breaks are \n); no invisible character — zero-width
// space, word joiner, byte order mark, soft hyphen, fillers, tag characters
// (which carry ASCII no reader sees) —, which make two texts that display
// alike differ for search, duplicate detection and every comparison. A
// joiner or a variation selector is kept where it shapes what is shown (an
// emoji sequence, a non-Latin script), refused after a Latin letter, where
// it shows nothing. Such characters have no place in a directory and break
// the CSV, JSON and terminal tools that reusers feed it to.
func checkText(fe *FieldErrors, field, s string, multiline bool) {
	if !utf8.ValidString(s) {
		fe.Add(field, "must be valid UTF-8")
		return
	}
	if r, bad := badRune(s, multiline); bad {
		fe.Addf(field, "must not contain the control, text-direction or invisible character U+%04X", r)
	}
}

// storable reports whether s can equal a stored text: checkText refuses
// invalid UTF-8 and NUL in every field, so a lookup by such a string finds
// nothing, and does not send it to the database (PostgreSQL refuses both:
// the query would fail instead of finding nothing).
func storable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// OneLineText reports whether checkText accepts s as a one-line field, for
// inputs read outside the models (query strings) that must refuse the same
// characters.
func OneLineText(s string) bool {
	_, bad := badRune(s, false)
	return utf8.ValidString(s) && !bad
}

// badRune returns the first character checkText refuses.
func badRune(s string, multiline bool) (rune, bool) {
	prev := rune(-1)
	for i := 0; i < len(s); {
		// Printable ASCII, nearly every byte of a directory's text, is
		// never refused: skipped without decoding (the check runs on
		// every field of every imported row).
		if c := s[i]; c >= 0x20 && c < 0x7f {
			prev = rune(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if refused(prev, r, multiline) {
			return r, true
		}
		prev = r
		i += size
	}
	return 0, false
}

// refused reports whether checkText refuses r after prev (-1 at the start).
func refused(prev, r rune, multiline bool) bool {
	switch {
	case multiline && (r == '\t' || r == '\n' || r == '\r'):
		return false
	case control(r):
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, directionFormat(r):
		return true // bidirectional formatting
	case r == 0x2028, r == 0x2029:
		return true // line and paragraph separators
	case invisible(r):
		return true
	case r == 0x200c, r == 0x200d, r >= 0x180b && r <= 0x180d, r == 0x180f, r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0100 && r <= 0xe01ef:
		// Joiners and variation selectors shape the character before
		// them: an emoji, a keycap, a non-Latin letter. After a Latin
		// letter, a space or nothing they show nothing.
		keycap := r == 0xfe0f && (prev >= '0' && prev <= '9' || prev == '#' || prev == '*')
		return !keycap && (prev < 0x80 || unicode.Is(unicode.Latin, prev) || unicode.IsSpace(prev))
	}
	return false
}

// invisible reports whether r shows nothing wherever it stands (zero-width
// space, word joiner, byte order mark, soft hyphen, fillers…).
func invisible(r rune) bool {
	switch {
	case r == 0x00ad, r == 0x034f, r == 0x115f, r == 0x1160, r == 0x17b4, r == 0x17b5, r == 0x180e,
		r == 0x200b, r >= 0x2060 && r <= 0x2064, r >= 0x206a && r <= 0x206f, r == 0x3164, r == 0xfeff,
		r == 0xffa0, r >= 0xfff0 && r <= 0xfffb, r == 0xfffe, r == 0xffff, r >= 0x1bca0 && r <= 0x1bca3,
		r >= 0x1d173 && r <= 0x1d17a, r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// StripBadText removes what checkText refuses (controls other than tab and
// line breaks, text-direction and invisible characters), for writers that
// must never pass such characters on, whatever is stored (the CSV export),
// and for readers of producers' files, which clean a cell rather than
// reject its row. A line or paragraph separator becomes a space, so that
// the words on either side stay apart.
func StripBadText(s string) string {
	if _, bad := badRune(s, true); !bad {
		return s
	}
	var b strings.Builder
	prev := rune(-1)
	for _, r := range s {
		switch {
		case r == 0x2028 || r == 0x2029:
			b.WriteByte(' ')
		case refused(prev, r, true):
			continue // prev stays the character the next one follows
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// PastedText reads a search box's text as the person sees it: what a copy
// from a web page, a PDF or an e-mail brings along is not what they typed.
// Tabs, line breaks and line or paragraph separators are spaces; the
// characters checkText refuses because they show nothing (soft hyphen,
// zero-width space, word joiner, byte order mark, left-to-right and
// right-to-left marks, joiners and variation selectors after a Latin
// letter) are dropped. Control characters and text-direction embeddings,
// overrides and isolates are kept, so that the query's own check still
// refuses them: they are not pasted by accident.
func PastedText(s string) string {
	if !utf8.ValidString(s) {
		return s // refused as it is, not mended into U+FFFD
	}
	if !strings.ContainsAny(s, "\t\n\r") {
		if _, bad := badRune(s, false); !bad {
			return s
		}
	}
	var b strings.Builder
	prev := rune(-1)
	for i, r := range s {
		switch {
		case r == '\n' && i > 0 && s[i-1] == '\r':
			continue // \r\n is one break, already a space
		case r == '\t' || r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029:
			b.WriteByte(' ')
		case refused(prev, r, true) && !control(r) && !directionFormat(r):
			continue // prev stays the character the next one follows
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// control reports a C0 or C1 control character or DEL.
func control(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }

// directionFormat reports a text-direction embedding, override or isolate
// (the bidirectional marks, which only nudge neutral characters, are not).
func directionFormat(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

func checkRequired(fe *FieldErrors, field, s string, max int) {
	if s == "" {
		fe.Add(field, "is required")
		return
	}
	checkLen(fe, field, s, max)
}

// checkName is checkRequired for a place's or a service's name, which must
// hold a letter or a digit: a name of dashes or dots (« - », « … ») is what
// producers write for no name, and the importer reads it so
// (opendata.isPlaceholder) — a place stored under it by the API came back
// nameless from its own CSV export.
func checkName(fe *FieldErrors, field, s string, max int) {
	checkRequired(fe, field, s, max)
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		fe.Add(field, "must contain a letter or a digit")
	}
}

// checkLookalike is the rule of names people are told apart by (places',
// services', partner clients' and accounts' display names): no word that
// mixes scripts confusably (mixesScripts), no pile of combining marks
// (stackedMarks). Probe42 L1: « Мédiathèque Alcazar » with a Cyrillic М
// was created beside the real one, and a colleague took « Сlaire Dupont ».
// No name of the real files is refused (none holds a Cyrillic or Greek
// letter, nor two combining marks in a row once composed).
func checkLookalike(fe *FieldErrors, field, s string) {
	if mixesScripts(s) {
		fe.Add(field, mixedScriptsReason)
	}
	if stackedMarks(s) {
		fe.Addf(field, "must not pile up more than %d combining marks on a letter", maxMarks)
	}
}

// mixedScriptsReason is the reason a name mixing scripts is refused with.
const mixedScriptsReason = "mixes Latin letters with Cyrillic or Greek ones, which look alike: write it in one script"

// lookalikeScripts are the scripts whose letters pass for Latin ones (А,
// Е, О, Р, С in Cyrillic; Α, Β, Ε, Ο in Greek).
var lookalikeScripts = []*unicode.RangeTable{unicode.Cyrillic, unicode.Greek}

// mixesScripts reports whether name mixes Latin letters with letters of a
// script whose letters look Latin, confusably: a word that writes both
// (« CАF 13 », « Мédiathèque » with a Cyrillic А, М), or, in a name with
// Latin letters, a word wholly Cyrillic or Greek whose every letter reads
// as a plain Latin one (« САF Marseille » written « САF »: its confusable
// skeleton, UTS #39, is ASCII; « Кафе » reads « Kaɸe » and is kept). A name wholly in one script is kept, and so
// is a word of another script that reads as itself beside Latin ones
// (« Кафе Internet »).
func mixesScripts(name string) bool {
	if beforeMarks(name) {
		return false // no Cyrillic or Greek letter, even once NFKC-normalised
	}
	name = norm.NFKC.String(name)
	isOther := func(r rune) bool {
		return slices.ContainsFunc(lookalikeScripts, func(t *unicode.RangeTable) bool { return unicode.Is(t, r) })
	}
	latin := strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(unicode.Latin, r) })
	if !latin {
		return false
	}
	for _, word := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.In(r, unicode.L, unicode.M) }) {
		wordLatin := strings.ContainsFunc(word, func(r rune) bool { return unicode.Is(unicode.Latin, r) })
		if !strings.ContainsFunc(word, isOther) {
			continue
		}
		if wordLatin || readsAsASCII(withoutMarks(confusables.Skeleton(word))) {
			return true
		}
	}
	return false
}

// beforeMarks reports whether every rune of s comes before U+0300, where
// the combining marks begin, and is not the micro sign: then NFKC gives s
// no Cyrillic or Greek letter and NFC no mark (each rune is normalised
// alone, none composing with a mark; the micro sign is NFKC's Greek mu:
// TestBeforeMarksNormalised), and mixesScripts and stackedMarks answer false
// without normalising s or splitting it into words. Every name and text of
// every place of an import is checked so, most in Latin letters: the two
// were 3 % of a first import's CPU (issue 11, item 6).
func beforeMarks(s string) bool {
	for _, r := range s {
		if r >= 0x300 || r == 0xB5 {
			return false
		}
	}
	return true
}

// readsAsASCII reports whether s, a skeleton, is ASCII letters only.
func readsAsASCII(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsLetter(r) })
}

// maxMarks is the most combining marks a name may stack on one letter once
// composed (NFC): French accents compose into one letter, and real names
// stack at most two (Vietnamese, Arabic's shadda with a vowel).
const maxMarks = 2

// stackedMarks reports whether s piles more than maxMarks combining marks
// on a letter (« C̸̸̸̸̸̸amille » spills over the lines around it).
func stackedMarks(s string) bool {
	if beforeMarks(s) {
		return false // no mark, even once NFC-normalised
	}
	run := 0
	for _, r := range norm.NFC.String(s) {
		if !unicode.Is(unicode.M, r) {
			run = 0
			continue
		}
		if run++; run > maxMarks {
			return true
		}
	}
	return false
}

func checkCoordinates(fe *FieldErrors, lat, lon *float64) {
	if lat == nil && lon != nil {
		fe.Add("latitude", "is required when longitude is set")
	}
	if lon == nil && lat != nil {
		fe.Add("longitude", "is required when latitude is set")
	}
	if lat != nil && (*lat < -90 || *lat > 90) {
		fe.Add("latitude", "must be between -90 and 90")
	}
	if lon != nil && (*lon < -180 || *lon > 180) {
		fe.Add("longitude", "must be between -180 and 180")
	}
	// 0,0 is what a failed geocoder writes, never a place in France.
	if lat != nil && lon != nil && *lat == 0 && *lon == 0 {
		fe.Add("latitude", "0,0 is not a real location; omit the coordinates instead")
	}
}

// normalizeVocab replaces accepted variants (slugs, typographic apostrophes,
// missing accents) by the canonical value. Unknown values are kept so that
// validate can name them.
func normalizeVocab(name string, in StringList) StringList {
	v := vocab.MustGet(name)
	if len(in) == 0 {
		return nil
	}
	if len(in) > maxListItems {
		// Kept whole for checkVocab to refuse: the contract bounds the
		// list sent (maxItems), and counting after removing duplicates
		// stored 10,000 copies of one theme as one, answering 201.
		return in
	}
	byRank := func(a, b string) int {
		i, okA := v.Rank(a)
		j, okB := v.Rank(b)
		switch {
		case okA && okB:
			return i - j
		case okA:
			return -1
		case okB:
			return 1
		}
		return 0
	}
	if normalSet(v, in, byRank) {
		return in
	}
	out := make(StringList, 0, len(in))
	var seen map[string]bool // long lists only: a short one is scanned
	if len(in) > 16 {
		seen = make(map[string]bool, len(in))
	}
	for _, s := range in {
		c, ok := v.Normalize(s)
		if !ok {
			// The list will be refused: its values stay where they were
			// sent, repeats included, so that checkVocab names an unknown
			// one by its index in the request (sorted first, ["XYZ",
			// "bib"] named typologies[1], the producer's BIB: probe 50).
			return vocabInPlace(v, in)
		}
		s = c
		var dup bool
		if seen != nil {
			dup = seen[s]
			seen[s] = true
		} else {
			dup = slices.Contains(out, s)
		}
		if !dup {
			out = append(out, s)
		}
	}
	// A multi-valued vocabulary field is a set: its values are kept in the
	// vocabulary's order, the order NormalizeList gives the import, so that
	// the same set sent in another order through REST, a suggestion or a
	// sync is the same record. Kept in the order sent, an import and a sync
	// of one place, alternating, made a new version (history, change feed,
	// webhook) of each other's order every time, and a batch replayed in
	// another order did not answer unchanged.
	slices.SortStableFunc(out, byRank)
	return out
}

// vocabInPlace writes each value of in as the vocabulary does (an unknown
// one trimmed), in the order sent: a list normalizeVocab met an unknown
// value in, for checkVocab to refuse.
func vocabInPlace(v *vocab.Vocabulary, in StringList) StringList {
	out := make(StringList, len(in))
	for i, s := range in {
		c, known := v.Normalize(s)
		if !known {
			c = strings.TrimSpace(s)
		}
		out[i] = c
	}
	return out
}

// normalSet says whether normalizeVocab would return a short list as it
// is: each value as the vocabulary writes it (or, unknown, trimmed), none
// twice, in the vocabulary's order. A place's lists, read by the import,
// are so, and each was copied on every normalisation (issue 11, item 6).
func normalSet(v *vocab.Vocabulary, in StringList, byRank func(a, b string) int) bool {
	if len(in) > 16 {
		return false
	}
	for i, s := range in {
		c, ok := v.Normalize(s)
		if !ok {
			c = strings.TrimSpace(s)
		}
		if c != s || slices.Contains(in[:i], s) {
			return false
		}
	}
	return slices.IsSortedFunc(in, byRank)
}

func normalizeVocabOne(name, in string) string {
	if c, ok := vocab.MustGet(name).Normalize(in); ok {
		return c
	}
	return strings.TrimSpace(in)
}

func checkVocab(fe *FieldErrors, field, name string, in StringList) {
	checkVocabOf(fe, field, name, in, true)
}

// checkVocabQuiet is checkVocab without the value in the reason: a
// referral's body holds a vulnerable person's data, and a name or a phone
// typed into its themes came back in the problem (validation reasons name
// fields, never values, on referrals).
func checkVocabQuiet(fe *FieldErrors, field, name string, in StringList) {
	checkVocabOf(fe, field, name, in, false)
}

func checkVocabOf(fe *FieldErrors, field, name string, in StringList, quote bool) {
	v := vocab.MustGet(name)
	if len(in) > maxListItems {
		fe.Addf(field, "must have at most %d values", maxListItems)
		return
	}
	for i, s := range in {
		switch {
		case v.Contains(s):
		case quote:
			fe.Addf(fmt.Sprintf("%s[%d]", field, i), "%q is not a value of the %s vocabulary (see GET /api/v1/vocabularies/%s)", clip(s), name, name)
		default:
			fe.Addf(fmt.Sprintf("%s[%d]", field, i), "is not a value of the %s vocabulary (see GET /api/v1/vocabularies/%s)", name, name)
		}
	}
}

func checkVocabOne(fe *FieldErrors, field, name, s string) {
	if s == "" {
		fe.Add(field, "is required")
		return
	}
	if !vocab.MustGet(name).Contains(s) {
		fe.Addf(field, "%q is not a value of the %s vocabulary (see GET /api/v1/vocabularies/%s)", clip(s), name, name)
	}
}

// normalizeList applies norm to each element, keeping inputs it rejects so
// that the matching check can report them with their index.
func normalizeList(in StringList, norm func(string) (string, error)) StringList {
	if len(in) == 0 {
		return nil
	}
	if len(in) > maxListItems {
		// checkList refuses the list whole: normalizing 60,000 phones of a
		// 1 MiB body first took a second (TestContactListsCostBounded).
		return in
	}
	out := make(StringList, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		if n, err := norm(s); err == nil {
			s = n
		} else {
			// The list will be refused: keep it as sent, repeats
			// included, so that checkList names the value by its index
			// in the request, not in the list rid of repeats (probe 50).
			return normalizeEach(in, norm)
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// normalizeEach applies norm to each element in place, keeping inputs it
// rejects and repeats.
func normalizeEach(in StringList, norm func(string) (string, error)) StringList {
	out := make(StringList, len(in))
	for i, s := range in {
		if n, err := norm(s); err == nil {
			s = n
		}
		out[i] = s
	}
	return out
}

func checkList(fe *FieldErrors, field string, in StringList, norm func(string) (string, error)) {
	if len(in) > maxListItems {
		fe.Addf(field, "must have at most %d values", maxListItems)
		return
	}
	for i, s := range in {
		n, err := norm(s)
		if err != nil {
			fe.Add(fmt.Sprintf("%s[%d]", field, i), err.Error())
		} else if n != s {
			// Normalize ran before: a value still not canonical is a bug
			// in the caller, but say it plainly rather than store it.
			fe.Addf(fmt.Sprintf("%s[%d]", field, i), "should be written %q", n)
		}
	}
}

func normalizeURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if n, err := contact.NormalizeURL(s); err == nil {
		return n
	}
	return s
}

func checkURL(fe *FieldErrors, field, s string) {
	if s == "" {
		return
	}
	if _, err := contact.NormalizeURL(s); err != nil {
		fe.Add(field, err.Error())
	}
}

func phoneNormalizer(postalCode string) func(string) (string, error) {
	return func(s string) (string, error) { return contact.NormalizePhone(s, postalCode) }
}

func checkOpeningHours(fe *FieldErrors, field, s string) {
	if s == "" {
		return
	}
	if textlen.Over(s, maxOpeningHour) {
		fe.Addf(field, "must be at most %d characters", maxOpeningHour)
		return
	}
	// A value with unreadable rules is kept, even when none reads: they
	// are reported where the hours are shown (opening_hours_unreadable)
	// and their days read as unknown. Refusing a value with nothing
	// readable (as the import dropped it) lost what the producer gave,
	// and the record no longer said that hours were given (probe 35b, L5).
	// But a range of more than a day, or one starting past 24:00, is no
	// place's hours, readable or not (« Mo 25:00-26:00 » reads as nothing):
	// refused on every write, where the file import drops it with a
	// warning.
	if long := openinghours.LongRanges(s); len(long) > 0 {
		fe.Addf(field, "%s: %s", openinghours.RangeRule, strings.Join(long, ", "))
	}
}

// normalizeHours trims opening hours, joins rules that name the same
// days (« Mo 09:00-12:00; Mo 10:00-13:00 » → « Mo
// 09:00-12:00,10:00-13:00 », openinghours.JoinRepeatedRules) and merges the
// time ranges of one day that overlap (« Mo 09:00-12:00,10:00-13:00 » →
// « Mo 09:00-13:00 », openinghours.MergeOverlaps): they mean the same
// hours, and every path stores them as an import does (API writes,
// suggestions and syncs stored them as sent, which lists of hours showed
// twice, and the repeated day as its last rule alone). A sync says so in
// its results (hoursWarnings); a direct write answers the value stored.
func normalizeHours(s string) string {
	m, _ := openinghours.Tidied(strings.TrimSpace(s))
	return m
}

// hoursWarnings is the warning of a sync's result when normalizeHours
// changes field's hours, in the import's words.
func hoursWarnings(field, s string) []FieldError {
	m, said := openinghours.Tidied(strings.TrimSpace(s))
	if len(said) == 0 {
		return nil
	}
	return []FieldError{{Field: field, Value: clip(s), Reason: fmt.Sprintf("%q: %s (the hours stored: « %s »)", clip(s), strings.Join(said, "; "), m)}}
}

// checkDate validates a civil date written YYYY-MM-DD.
func checkDate(fe *FieldErrors, field, s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		fe.Add(field, "must be a date written YYYY-MM-DD")
		return time.Time{}, false
	}
	return t, true
}

// Closure days are from ClosureDateFloor to ClosureDateCeiling: a year 0
// or 9999 (a program's zero date, a « for ever » typed as a date) stored
// a closure no place ever had, and a reopening date no reader could act
// on. The floor is the producers' one (ProducerDateFloor); a place closed
// for good is status closed, not a closure until 2100.
const (
	ClosureDateFloor   = ProducerDateFloor
	ClosureDateCeiling = "2099-12-31"
)

// checkClosureDate is checkDate for the days of a temporary closure.
func checkClosureDate(fe *FieldErrors, field, s string) (time.Time, bool) {
	t, ok := checkDate(fe, field, s)
	if ok && (s < ClosureDateFloor || s > ClosureDateCeiling) {
		fe.Addf(field, "must be a day from %s to %s (this one is in the year %d)", ClosureDateFloor, ClosureDateCeiling, t.Year())
		return time.Time{}, false
	}
	return t, ok
}

// checkSource validates a data source name: it keys partner records and
// appears in URLs of the sync API, so it is a restricted slug. held is
// what the record held before the write (nil for a new record or a source
// a request names, see heldNames).
func checkSource(fe *FieldErrors, source, sourceID string, held *heldNames) {
	if source != "" && !validSlug(source) {
		fe.Add("source", "must be 1 to 64 characters among a-z, 0-9, '.', '_' and '-', starting with a letter or digit")
	} else if IsCarnetProducer(source) && held.sets(held.source(), source) {
		// Its records' producer is their source when they name none.
		fe.Add("source", reservedSource)
	}
	if sourceID != "" && source == "" {
		fe.Add("source", "is required when source_id is set")
	}
	checkLen(fe, "source_id", sourceID, maxSourceID)
}

// reservedSource is the reason a source naming Carnet is refused, for a
// record's source and a partner client's alike.
const reservedSource = "reads as Carnet's own name, reserved for the records made in Carnet: a partner's source is named otherwise"

// heldNames are a record's source and producer before a write. Carnet's
// name is refused where a write sets it (a new record, or the field
// changed), not where the record already held it: records written before
// the rule (a partner's sync, an import) hold it, and an edit of another
// field (a manager's PATCH of the phone, an accepted suggestion, a restore,
// the partner's re-sync) must not be refused for a value its author did
// not send. A value spelt otherwise (« CARNET » for « Carnet ») is set.
type heldNames struct{ Source, Producer, Name string }

// sets says whether a write leaving value where the record held was sets
// it; a nil heldNames is a new record, whose every value is set.
func (h *heldNames) sets(was, value string) bool { return h == nil || was != value }

// checkNewName applies checkLookalike to a place's or a service's name
// that a write sets: a record named before the rule keeps its name through
// edits of other fields, syncs and suggestions that leave it as it is.
func (h *heldNames) checkNewName(fe *FieldErrors, name string) {
	if h == nil || h.Name != name {
		checkLookalike(fe, "name", name)
	}
}

func (h *heldNames) source() string {
	if h == nil {
		return ""
	}
	return h.Source
}

func (h *heldNames) producer() string {
	if h == nil {
		return ""
	}
	return h.Producer
}

// CarnetProducer is the name the national standard's source column gives
// a record made in Carnet itself (a record of no partner source).
const CarnetProducer = "Carnet"

// IsCarnetProducer says whether a producer or a source names Carnet itself,
// in any case, spacing or punctuation, or in letters that read alike
// (« CАRNET » with a Cyrillic А, « carn.et », fullwidth « ｃａｒｎｅｔ »,
// « camet »: its letters' confusable skeleton, UTS #39, as partner client
// names are compared, see clientNameKeys). It is reserved: a partner or a
// person naming it would pass a record off as one made in Carnet, and
// exports would not tell them apart.
func IsCarnetProducer(p string) bool {
	if p == "" {
		return false
	}
	if ascii, carnet := carnetASCII(p); ascii {
		// Among ASCII letters, the skeleton changes only « rn » (read
		// « m ») of Carnet's: a cheaper reading of the common case (every
		// row of an import names its producer; TestCarnetReadings).
		return carnet
	}
	return carnetSkeleton(p) == carnetKey
}

// carnetASCII says whether s is ASCII, and then whether its letters and
// digits, lower-cased, are « carnet » or « camet »: asciiLetters without
// writing them out (a string built for every row of an import, 4 % of the
// reader's allocations; issue 11, item 6). FuzzCarnetASCII compares.
func carnetASCII(s string) (ascii, carnet bool) {
	var buf [len("carnet")]byte
	n, long := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return false, false
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		default:
			continue
		}
		if n == len(buf) {
			long = true
			continue
		}
		buf[n], n = c, n+1
	}
	letters := string(buf[:n])
	return true, !long && (letters == "carnet" || letters == "camet")
}

// carnetKey is Carnet's name as IsCarnetProducer reads names.
var carnetKey = carnetSkeleton(CarnetProducer)

// carnetSkeleton is s's letters and digits, compatibility forms and case
// folded, as their confusable skeleton without marks.
func carnetSkeleton(s string) string {
	letters := strings.Map(func(r rune) rune {
		if unicode.In(r, unicode.L, unicode.N) {
			return unicode.ToLower(r)
		}
		return -1 // spaces, punctuation, and accents (decomposed)
	}, norm.NFKD.String(s))
	return withoutMarks(confusables.Skeleton(letters))
}

// checkProducer refuses Carnet's own name as a record's producer where the
// write sets it (see heldNames); any other name passes (an aggregator
// names the organisation that produced it). A producer that is the
// record's source (it named none) is the source's to answer for
// (checkSource).
func checkProducer(fe *FieldErrors, producer, source string, held *heldNames) {
	if IsCarnetProducer(producer) && producer != source && held.sets(held.producer(), producer) {
		fe.Add("producer", "reads as Carnet's own name, reserved for the records made in Carnet: name the organisation that produced the record, or leave it empty (the source is then the producer)")
		return
	}
	checkLen(fe, "producer", producer, maxShortText)
}

func validSlug(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '.' || c == '_' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}

// clip shortens a client value quoted back in an error message.
func clip(s string) string {
	const max = 80
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}
