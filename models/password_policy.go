package models

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The password policy follows NIST SP 800-63B-4 (§3.1.1.2) and ANSSI's
// recommendations: a minimum length rather than composition rules, no
// maximum that stops passphrases, every character allowed but controls, and
// a check against passwords that attackers try first: common and breached
// ones, repetitions and keyboard sequences, and words of the context (the
// e-mail, the person's name, the service's name), read without case, spaces
// and symbols, and with what remains once those are taken out judged again.
// The current password is refused as a new one. Last, zxcvbn estimates how
// many guesses the password would take an attacker who tries common
// passwords, words, names, keyboard patterns, dates and the words of the
// context first, French passwords included (frenchPasswords): fewer than
// minGuesses is refused.

// commonPasswordsGz holds 49,193 common and breached passwords, lower-cased,
// from the npm package @zxcvbn-ts/language-common 4.1.3 (MIT licence),
// written by `go run ./models/internal/genpasswords` (see that command for
// the source and the steps).
//
//go:embed common-passwords.txt.gz
var commonPasswordsGz []byte

// frenchPasswordsTxt holds the 5,000 passwords most used with French e-mail
// addresses in public data breaches, most used first, from the Richelieu
// project (github.com/tarraschk/richelieu, french_passwords_top5000.txt at
// commit 04c9b968ea53c96f07398eeca2b81e004bf41f3e, by Maxime Alay-Eddine
// and Paul Barbaste, licence CC BY 4.0), NFKC-normalised, lower-cased,
// deduplicated and without those under 4 characters: 4,515 entries. It
// fills the gap of the other lists, which are English (motdepasse, doudou,
// jetaime, loulou, soleil, jesuis…).
//
//go:embed french-passwords.txt
var frenchPasswordsTxt string

// frenchPasswords is frenchPasswordsTxt as a list, most used first.
var frenchPasswords = sync.OnceValue(func() []string { return strings.Fields(frenchPasswordsTxt) })

// commonPasswords is loaded on first use (about 2 MB in memory), so that
// programs that never set a password do not pay for it: the common and
// breached passwords and the French ones.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 55000)
	zr, err := gzip.NewReader(bytes.NewReader(commonPasswordsGz))
	if err != nil {
		panic(err) // the embedded file is part of the binary
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		panic(err)
	}
	for _, p := range frenchPasswords() {
		m[p] = struct{}{}
	}
	return m
})

// PasswordContext is what a new password must not be built on.
type PasswordContext struct {
	Email       string
	DisplayName string
	// Structures are the names of the structures the account belongs to,
	// or is joining (an invitation's, a sign-up's).
	Structures []string
	// CurrentHash is the account's current password hash; a new password
	// equal to the current one is refused.
	CurrentHash string
}

// sequences are runs that people type as passwords: alphabets, digits and
// the rows of French and English keyboards, both ways.
var sequences = func() []string {
	base := []string{"abcdefghijklmnopqrstuvwxyz", "01234567890", "azertyuiopqsdfghjklmwxcvbn", "qwertyuiopasdfghjklzxcvbnm",
		"azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "&é\"'(-è_çà)="}
	var out []string
	for _, s := range base {
		r := []rune(s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		out = append(out, strings.Repeat(s, 4), strings.Repeat(string(r), 4))
	}
	return out
}()

// ValidatePassword checks a new password against the policy and reports
// the first reason it is refused, on the field "password".
func ValidatePassword(pw string, pc PasswordContext) error {
	// Judged as it is hashed (normalizePassword): a ligature or a
	// full-width letter counts as the letters it stands for.
	if utf8.ValidString(pw) {
		pw = normalizePassword(pw)
	}
	var fe FieldErrors
	if reason := passwordWeakness(pw, pc); reason != "" {
		fe.Add("password", reason)
	}
	return fe.Err("The password does not meet the policy.")
}

func passwordWeakness(pw string, pc PasswordContext) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case !utf8.ValidString(pw):
		return "must be valid UTF-8"
	case n < MinPasswordLen:
		return "must be at least " + strconv.Itoa(MinPasswordLen) + " characters: a passphrase of a few words is easier to remember than a short complex password"
	case len(pw) > maxPasswordLen:
		return "must be at most 256 bytes"
	case strings.IndexFunc(pw, func(r rune) bool { return unicode.IsControl(r) }) >= 0:
		return "must not contain control characters"
	case strings.TrimSpace(pw) == "":
		return "must not be only spaces"
	}
	lower := strings.ToLower(pw)
	distinct := map[rune]bool{}
	for _, r := range lower {
		distinct[r] = true
	}
	if len(distinct) < 5 {
		return "uses too few different characters"
	}
	// Case, spaces and symbols cost an attacker little (Carnet.Carnet is
	// tried right after carnetcarnet): the checks below read the letters
	// and digits alone.
	plain := lettersAndDigits(lower)
	if repeatsUnit(lower) || repeatsUnit(plain) {
		return "repeats the same sequence of characters"
	}
	if utf8.RuneCountInString(plain) >= 8 && withoutSequences(plain) == "" {
		return "is a keyboard, alphabet or number sequence"
	}
	compact := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, lower)
	core := strings.TrimFunc(compact, func(r rune) bool { return !unicode.IsLetter(r) })
	common := commonPasswords()
	_, whole := common[compact]
	_, coreCommon := common[core]
	_, plainCommon := common[plain]
	if whole || coreCommon || plainCommon || repeatsUnit(core) && len(core) > 0 {
		return "is a commonly used password, or one with digits or symbols added: choose a few unrelated words"
	}
	if utf8.RuneCountInString(core) < 4 {
		return "is mostly digits and symbols: choose a few words instead"
	}
	words := contextWords(pc)
	for _, word := range words {
		if strings.Contains(compact, word) && utf8.RuneCountInString(word)*2 >= utf8.RuneCountInString(compact) {
			return contextReason
		}
	}
	// What an attacker has to guess is what remains once the cheap
	// building blocks are taken out: repetitions, sequences, then the
	// words of the context (a repetition may appear only once they are
	// gone: carnet2026carnet2026).
	rest := withoutSequences(dropRepeats(collapseRepeats(plain)))
	contextual := false
	// Longest first: the e-mail before its parts.
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) })
	for _, word := range words {
		if w := lettersAndDigits(word); strings.Contains(rest, w) {
			rest, contextual = strings.ReplaceAll(rest, w, ""), true
		}
	}
	rest = withoutSequences(dropRepeats(collapseRepeats(rest)))
	if weakRest(rest) {
		if contextual {
			return contextReason
		}
		return "is made of sequences or repetitions with too little else: choose a few unrelated words"
	}
	// Judged also without its spaces: « mon mot de passe » is tried as
	// monmotdepasse too, and zxcvbn counts each space as a guess of its own.
	// And with every repeat counted once: an attacker who tries a word
	// tries it twice (parapluie1parapluie1x is parapluie1x to guess), and
	// zxcvbn prices a repeat well only when it fills the whole password.
	// The repeats are read with the spaces kept: words that merely meet
	// across a space are no repeat (« passe assez » is « passeassez »
	// without it, « asse » twice back to back, and « un mot de passe assez
	// long » was refused as « unmotdepassezlong »).
	once := dropRepeats(collapseRepeats(lower))
	if guessesBelow(pw, words, minGuesses) || compact != pw && guessesBelow(compact, words, minGuesses) ||
		once != lower && guessesBelow(once, words, minGuesses) {
		return guessableReason
	}
	if pc.CurrentHash != "" {
		if same, err := CheckPassword(pc.CurrentHash, pw); err == nil && same {
			return "must differ from the current password"
		}
	}
	return ""
}

// guessableReason refuses a password that zxcvbn finds too easy to guess.
const guessableReason = "is too easy to guess: it is built on common passwords, words or names, or on your e-mail address, your name, your structure's name or the service's name, with predictable changes; add a few unrelated words"

// minGuesses is the fewest guesses that zxcvbn must estimate a password
// takes: its score 4, « very unguessable: strong protection from an offline
// slow-hash scenario ». Accounts read personal data of people in
// difficulty, and a passphrase of four or five ordinary words is far above
// it, while a common phrase (jesuisunmotdepasse) or a name with a year or
// symbols is below.
const minGuesses = 1e10

// zxcvbnMaxRunes bounds what zxcvbn reads: its matching grows with the
// square of the length, and a password whose first 100 characters are
// easy to guess is a mistake anyway (the rules above read it whole).
const zxcvbnMaxRunes = 100

// guessesBelow reports whether zxcvbn estimates that pw takes fewer than min
// guesses, when it also knows the context's words and the French
// passwords (as the dictionary it calls the user's inputs: the context's
// words first, the most likely).
func guessesBelow(pw string, words []string, min float64) bool {
	if r := []rune(pw); len(r) > zxcvbnMaxRunes {
		pw = string(r[:zxcvbnMaxRunes])
	}
	inputs := make([]string, 0, 2*len(words))
	for _, w := range words {
		inputs = append(inputs, w)
		if f := foldAccents(w); f != w {
			inputs = append(inputs, f)
		}
	}
	inputs = append(inputs, frenchInputs(pw)...)
	return zxcvbn.PasswordStrength(pw, inputs).Guesses < min
}

// frenchRanks is the French passwords' list as a dictionary, word → index,
// built once.
var frenchRanks = sync.OnceValue(func() map[string]int {
	french := frenchPasswords()
	m := make(map[string]int, len(french))
	for i, w := range french {
		if _, ok := m[w]; !ok {
			m[w] = i
		}
	}
	return m
})

// frenchMaxRunes is the length of the longest French password.
const frenchMaxRunes = 32

// l33tLetters are the letters zxcvbn reads each l33t character as (its
// l33t table, github.com/trustelem/zxcvbn/matching).
var l33tLetters = map[rune][]rune{'4': {'a'}, '@': {'a'}, '8': {'b'}, '(': {'c'}, '{': {'c'}, '[': {'c'}, '<': {'c'},
	'3': {'e'}, '6': {'g'}, '9': {'g'}, '1': {'i', 'l'}, '!': {'i'}, '|': {'i', 'l'}, '7': {'l', 't'}, '0': {'o'},
	'$': {'s'}, '5': {'s'}, '+': {'t'}, '%': {'x'}, '2': {'z'}}

// frenchInputs is the French list as zxcvbn is to read it for pw, without
// building its 4,515-word dictionary per call (5–10 ms; the library has no
// way to register a dictionary once): the words pw may contain — forwards,
// backwards or with l33t characters read as letters — each at its place
// in the list, the others left empty, so that every word zxcvbn can match
// keeps its rank, and the list stops after the last of them. zxcvbn's
// dictionary matches only non-empty substrings, so the empty places match
// nothing; what it estimates is what it estimated with the whole list.
func frenchInputs(pw string) []string {
	ranks := frenchRanks()
	lower := []rune(strings.ToLower(pw))
	found := map[int]string{}
	last := -1
	look := func(r []rune) {
		for i := range r {
			for j := i + 1; j <= len(r) && j-i <= frenchMaxRunes; j++ {
				if k, ok := ranks[string(r[i:j])]; ok {
					found[k] = string(r[i:j])
					last = max(last, k)
				}
			}
		}
	}
	look(lower)
	back := slices.Clone(lower)
	slices.Reverse(back)
	look(back)
	// Read as zxcvbn reads l33t: each l33t character of pw as one of its
	// letters throughout, every combination (at most 8: only 1, | and 7
	// have two).
	readings := [][]rune{lower}
	seen := map[rune]bool{}
	for _, c := range lower {
		ls, ok := l33tLetters[c]
		if !ok || seen[c] {
			continue
		}
		seen[c] = true
		var next [][]rune
		for _, r := range readings {
			for _, l := range ls {
				t := slices.Clone(r)
				for i := range t {
					if t[i] == c {
						t[i] = l
					}
				}
				next = append(next, t)
			}
		}
		readings = next
	}
	if len(seen) > 0 {
		for _, r := range readings {
			look(r)
		}
	}
	out := make([]string, last+1)
	for k, w := range found {
		out[k] = w
	}
	return out
}

// foldAccents takes the accents off s (médiathèque → mediatheque): people
// type a name with or without them.
func foldAccents(s string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return out
}

// contextReason refuses a password built on the context's words.
const contextReason = "must not be built on your e-mail address, your name, your structure's name or the service's name"

// Thresholds of what remains of a password once its building blocks are
// taken out (see passwordWeakness): at least restMinLen letters and digits,
// restMinLetters of them letters, and not a common password. Low enough
// that a passphrase of a few words, where little is taken out, is never
// refused for it.
const (
	restMinLen     = 8
	restMinLetters = 4
)

func weakRest(rest string) bool {
	letters := 0
	for _, r := range rest {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if utf8.RuneCountInString(rest) < restMinLen || letters < restMinLetters {
		return true
	}
	common := commonPasswords()
	_, isCommon := common[rest]
	_, coreCommon := common[strings.TrimFunc(rest, unicode.IsDigit)]
	return isCommon || coreCommon
}

// lettersAndDigits keeps the letters and digits of s.
func lettersAndDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// minSequenceRun is the shortest run of a sequence that withoutSequences
// takes out: three would take « ert » out of « certain », and four still
// catches 1234, azer and abcd.
const minSequenceRun = 4

// plainSequences are the sequences as lettersAndDigits leaves them, both
// ways and repeated so that a run may wrap around (7890123, yzab).
var plainSequences = func() []string {
	out := make([]string, len(sequences))
	for i, s := range sequences {
		out[i] = lettersAndDigits(s)
	}
	return out
}()

// withoutSequences takes out of s (letters and digits, lower-cased) every
// run of minSequenceRun characters or more that follows a keyboard,
// alphabet or number sequence, longest first from the left.
func withoutSequences(s string) string {
	return dropRuns(s, minSequenceRun, func(_, run []rune) bool {
		return slices.ContainsFunc(plainSequences, func(seq string) bool { return strings.Contains(seq, string(run)) })
	})
}

// dropRuns takes out of s, longest first from the left, every run of min
// characters or more that drop accepts (given what comes before the run,
// and the run): the one walk of withoutSequences and dropRepeats. Runs are
// grown while drop accepts them, so drop must accept every shorter start
// of a run it accepts (a sequence's part is a sequence, a repeat's part a
// repeat).
func dropRuns(s string, min int, drop func(before, run []rune) bool) string {
	r := []rune(s)
	var b strings.Builder
	for i := 0; i < len(r); {
		n := 0
		for l := min; i+l <= len(r); l++ {
			if !drop(r[:i], r[i:i+l]) {
				break
			}
			n = l
		}
		if n == 0 {
			b.WriteRune(r[i])
			i++
			continue
		}
		i += n
	}
	return b.String()
}

// collapseRepeats keeps one copy of every unit repeated back to back over
// four characters or more (2026!2026 → 2026, aaaa → a), and leaves the
// double letters of words (coffee) alone.
func collapseRepeats(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i := 0; i < len(r); {
		unit, count := 0, 1
		for size := 1; i+2*size <= len(r); size++ {
			n := 1
			for i+(n+1)*size <= len(r) && slices.Equal(r[i+n*size:i+(n+1)*size], r[i:i+size]) {
				n++
			}
			if n > 1 && n*size >= 4 {
				unit, count = size, n
				break
			}
		}
		if unit == 0 {
			b.WriteRune(r[i])
			i++
			continue
		}
		b.WriteString(string(r[i : i+unit]))
		i += unit * count
	}
	return b.String()
}

// minRepeatRun is the shortest run that dropRepeats takes out when it
// appears again: shorter runs recur in any phrase (« le », « de la »), and
// so do runs of four between ordinary words (« passe assez », « maison
// saison »).
const minRepeatRun = 5

// dropRepeats keeps the first occurrence of every run of minRepeatRun
// characters or more and takes out its later ones, back to back or not,
// longest first from the left (parapluie1!parapluie2 → parapluie1!2): a
// repeated part costs an attacker one guess more, whatever stands between
// or after its copies.
func dropRepeats(s string) string {
	return dropRuns(s, minRepeatRun, runesContain)
}

// runesContain reports whether sub occurs in s.
func runesContain(s, sub []rune) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if slices.Equal(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// repeatsUnit reports whether s is a shorter string repeated (abcabcabc).
func repeatsUnit(s string) bool {
	r := []rune(s)
	for size := 1; size <= len(r)/2; size++ {
		if len(r)%size != 0 {
			continue
		}
		same := true
		for i := size; i < len(r) && same; i++ {
			same = r[i] == r[i-size]
		}
		if same {
			return true
		}
	}
	return false
}

// contextWords are the words of the context a password must not be made of
// (lower-cased, without spaces), also without accents: the e-mail, its
// local part, its domain and their parts, the person's name and its parts,
// the names of the person's structures and their parts, the service's name.
func contextWords(pc PasswordContext) []string {
	words := []string{"carnet"}
	seen := map[string]bool{"carnet": true}
	add := func(w string) {
		w = strings.ToLower(strings.Join(strings.Fields(w), ""))
		for _, w := range []string{w, foldAccents(w)} {
			// Counted on its letters and digits too: they are what is taken
			// out of the password (a.b. would take every « ab » out).
			if !seen[w] && utf8.RuneCountInString(w) >= 4 && utf8.RuneCountInString(lettersAndDigits(w)) >= 4 {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	addWithParts := func(s string) {
		add(s)
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			add(part)
		}
	}
	email := strings.ToLower(strings.TrimSpace(pc.Email))
	add(email)
	local, domain, _ := strings.Cut(email, "@")
	addWithParts(local)
	addWithParts(domain)
	addWithParts(pc.DisplayName)
	for _, name := range pc.Structures {
		addWithParts(name)
	}
	return words
}
