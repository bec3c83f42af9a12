package ident

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says which register a pivot identifier comes from. Its values are
// stable strings because they are stored and shown in the API.
type Kind string

// The kinds of pivot the national standard admits, plus Unknown for the
// placeholder that real datasets use when nobody knows the identifier (646 of
// 646 rows of the PACA dataset, 67 of 188 in Charente).
const (
	KindSIRET   Kind = "siret"   // an establishment in INSEE's SIRENE register
	KindSIREN   Kind = "siren"   // a legal unit in SIRENE (no establishment)
	KindRNA     Kind = "rna"     // an association in the Répertoire national des associations
	KindRIDET   Kind = "ridet"   // an establishment in New Caledonia's RIDET register
	KindUnknown Kind = "unknown" // the placeholder 00000000000000
)

// Placeholder is what the national standard's files carry in the required
// pivot column when the identifier is not known. It is Luhn-valid, so it must
// be recognised before any SIRET check or it would pass as a real SIRET.
const Placeholder = "00000000000000"

// laPosteSIREN is the legal unit of La Poste. It has more establishments than
// the five-digit NIC with a Luhn key can number, so INSEE numbers the later
// ones so that the sum of the SIRET's fourteen digits is a multiple of 5
// instead (the head office, 35600000000048, still passes Luhn; 35600000062292,
// a post office in the Charente dataset, only passes the sum rule).
const laPosteSIREN = "356000000"

// ErrInvalidPivot is wrapped by every error ParsePivot returns, so callers can
// tell a user mistake (errors.Is) from a bug without parsing messages.
var ErrInvalidPivot = errors.New("invalid pivot")

// pivotHelp ends the messages for values that fit no format, so that users see
// every accepted form at once.
const pivotHelp = "a pivot is a SIRET (14 digits), a SIREN (9 digits), an RNA number (W + 9 characters) or a RIDET (7 digits, a dot and 3 digits, e.g. 1234567.001)"

// Pivot is the identifier that ties a place to a national register. The zero
// value is not meaningful; use ParsePivot, or UnknownPivot for "not known".
type Pivot struct {
	Kind  Kind   `json:"kind"`
	Value string `json:"value"` // normalised; empty when Kind is KindUnknown
}

// UnknownPivot is the pivot of a place whose identifier nobody knows.
var UnknownPivot = Pivot{Kind: KindUnknown}

// Known reports whether p names a real register entry.
func (p Pivot) Known() bool { return p.Kind != KindUnknown && p.Kind != "" && p.Value != "" }

// Export renders p for the national standard's pivot column, where the
// column is required: an unknown pivot becomes the placeholder
// 00000000000000, every other kind its normalised value (which matches the
// standard's pattern ^[a-zA-Z0-9]{9,14}$).
func (p Pivot) Export() string {
	if !p.Known() {
		return Placeholder
	}
	return p.Value
}

// String returns the export form, so that logs and fmt show what files show.
func (p Pivot) String() string { return p.Export() }

// SIREN returns the legal unit of a SIRET or SIREN pivot (its first nine
// digits), and "" for other kinds. It lets callers group the establishments of
// one organisation, such as the many post offices of La Poste.
func (p Pivot) SIREN() string {
	switch p.Kind {
	case KindSIRET, KindSIREN:
		if len(p.Value) >= 9 {
			return p.Value[:9]
		}
	}
	return ""
}

// ParsePivot normalises and classifies a pivot identifier.
//
// Normalisation removes white space (including the no-break spaces that
// office software puts in « 123 456 789 00012 »), dots and dashes, and
// upper-cases letters. Then:
//
//   - "" and 00000000000000 are the placeholder: Kind Unknown, empty Value.
//     Accepting "" lets clients omit an identifier they do not have instead
//     of typing fourteen zeros; Export writes the placeholder back.
//   - 14 digits are a SIRET: Luhn key, or, for La Poste (SIREN 356000000),
//     a digit sum divisible by 5.
//   - 9 digits are a SIREN, with its Luhn key.
//   - W followed by 9 characters is an RNA number. Official pages say "W and
//     9 digits", which holds in metropolitan France, but the register writes
//     the registering préfecture's code in the first two or three places, so
//     Corsican numbers read W2A…/W2B… and overseas ones W9R…, W9J… (a letter
//     in the second place after the W). We therefore accept W, a digit, a digit
//     or letter, then 7 digits. The pre-2010 Waldec numbers (14 characters
//     such as 891P0891000843) are not RNA numbers and are refused.
//   - A RIDET (New Caledonia) is a RID of 7 digits (6 for older companies,
//     printed without the leading zero) and a 3-digit establishment rank,
//     usually written 1234567.001. It is stored as 10 digits with the RID
//     zero-padded to 7 (123456.001 → 0123456001), which keeps it inside the
//     standard's pattern and unambiguous: 10 digits are always a RIDET.
//     A 6-digit RID written without its dot would be 9 digits and is read as
//     a SIREN, so a RIDET must keep its dot unless its RID has 7 digits.
//
// RIDET and RNA numbers carry no check digit, so only their shape is checked.
func ParsePivot(s string) (Pivot, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return UnknownPivot, nil
	}
	if p, ok := parseDottedRIDET(s); ok {
		return p, nil
	}
	v, ok := normalizePivot(s)
	if !ok {
		return Pivot{}, invalid("%s is not a pivot: %s", brief(s), pivotHelp)
	}
	if v == Placeholder {
		return UnknownPivot, nil
	}
	if v[0] == 'W' {
		if len(v) != 10 {
			return Pivot{}, invalid("RNA number %s has %d characters after the W: an RNA number is W followed by 9 characters, e.g. W751234567", brief(v), len(v)-1)
		}
		if !isDigit(v[1]) || !(isDigit(v[2]) || isUpper(v[2])) || !allDigits(v[3:]) {
			return Pivot{}, invalid("RNA number %s is malformed: an RNA number is W, the code of the registering département (2 characters, e.g. 75, 2A, 9R), then 7 digits", v)
		}
		return Pivot{Kind: KindRNA, Value: v}, nil
	}
	if !allDigits(v) {
		return Pivot{}, invalid("%s is not a pivot: %s", brief(v), pivotHelp)
	}
	switch len(v) {
	case 14:
		if allZero(v[:9]) {
			return Pivot{}, invalid("SIRET %s has no SIREN (its first 9 digits are zeros); write 00000000000000 if the identifier is unknown", v)
		}
		if !validSIRET(v) {
			return Pivot{}, invalid("SIRET %s fails its check digit", v)
		}
		return Pivot{Kind: KindSIRET, Value: v}, nil
	case 9:
		if allZero(v) {
			return Pivot{}, invalid("000000000 is not a SIREN; write 00000000000000 if the identifier is unknown")
		}
		if !luhn(v) {
			return Pivot{}, invalid("SIREN %s fails its check digit", v)
		}
		return Pivot{Kind: KindSIREN, Value: v}, nil
	case 10:
		if allZero(v[:7]) {
			return Pivot{}, invalid("RIDET %s has no RID (its first 7 digits are zeros)", v)
		}
		return Pivot{Kind: KindRIDET, Value: v}, nil
	default:
		return Pivot{}, invalid("%s has %d digits: %s", v, len(v), pivotHelp)
	}
}

// parseDottedRIDET recognises the usual written form of a RIDET, RID.rank
// (spaces inside the RID allowed: « 1 234 567.001 »). It runs before the
// general normalisation, which drops dots and would turn a 6-digit RID into a
// 9-digit string indistinguishable from a SIREN.
func parseDottedRIDET(s string) (Pivot, bool) {
	if !strings.Contains(s, ".") { // most pivots: no RIDET, read without copying
		return Pivot{}, false
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		if r >= utf8.RuneSelf {
			return Pivot{}, false
		}
		b.WriteRune(r)
		if b.Len() > 16 {
			return Pivot{}, false
		}
	}
	c := b.String()
	dot := strings.IndexByte(c, '.')
	if dot != 6 && dot != 7 {
		return Pivot{}, false
	}
	rid, rank := c[:dot], c[dot+1:]
	if len(rank) != 3 || !allDigits(rid) || !allDigits(rank) || allZero(rid) {
		return Pivot{}, false
	}
	if len(rid) == 6 {
		rid = "0" + rid
	}
	return Pivot{Kind: KindRIDET, Value: rid + rank}, true
}

// normalizePivot strips the separators people type or paste (white space,
// dots, dashes) and upper-cases ASCII letters. It reports false when anything
// else than ASCII letters and digits remains, or when the result is too long to
// be any pivot (which also bounds the work done on hostile input).
func normalizePivot(s string) (string, bool) {
	// Built on the stack, and s itself when already normal: a
	// strings.Builder grew three times for every pivot of an import.
	var buf [40]byte
	b := buf[:0]
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '.', r == '-', r == '\u2010', r == '\u2011', r == '\u2013':
			continue
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			b = append(b, byte(r))
		case r >= 'a' && r <= 'z':
			b = append(b, byte(r-'a'+'A'))
		default:
			return "", false
		}
		if len(b) > 32 {
			return "", false
		}
	}
	if len(b) == 0 {
		return "", false
	}
	if string(b) == s {
		return s, true
	}
	return string(b), true
}

// validSIRET applies the Luhn key and La Poste's exception.
func validSIRET(v string) bool {
	if luhn(v) {
		return true
	}
	if v[:9] != laPosteSIREN {
		return false
	}
	sum := 0
	for i := 0; i < len(v); i++ {
		sum += int(v[i] - '0')
	}
	return sum%5 == 0
}

// luhn reports whether a string of ASCII digits passes the Luhn (mod 10)
// check that SIREN and SIRET keys use: from the right, every second digit is
// doubled (minus 9 when over 9) and the total must be a multiple of 10.
func luhn(v string) bool {
	sum := 0
	double := false
	for i := len(v) - 1; i >= 0; i-- {
		d := int(v[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// invalidError carries a user-facing reason and unwraps to a package
// sentinel, so messages stay free of technical prefixes.
type invalidError struct {
	sentinel error
	reason   string
}

func (e *invalidError) Error() string { return e.reason }
func (e *invalidError) Unwrap() error { return e.sentinel }

func invalid(format string, args ...any) error {
	return &invalidError{sentinel: ErrInvalidPivot, reason: fmt.Sprintf(format, args...)}
}

// brief quotes at most 32 runes of user input, so that an error message stays
// readable and cannot be used to reflect a large payload back.
func brief(s string) string {
	const max = 32
	if utf8.RuneCountInString(s) <= max {
		return fmt.Sprintf("%q", s)
	}
	n := 0
	for i := range s {
		if n == max {
			return fmt.Sprintf("%q…", s[:i])
		}
		n++
	}
	return fmt.Sprintf("%q", s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func allZero(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}
