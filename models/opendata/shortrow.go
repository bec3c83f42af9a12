package opendata

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"carnet/models/vocab"
)

// A CSV row with fewer cells than the header is common where a writer
// leaves out a row's empty trailing cells: its last columns are read as
// empty. A cell missing inside the row (a separator forgotten) is
// another thing: every cell after it sits one column early, and the row
// stored so had a date as its producer and its services, read as its date,
// lost (probe 41a H1). The cells of a short row are matched to the shapes
// of the columns they sit in, and to those of the columns one or more
// columns on from each point of the row: when the values fit their columns
// clearly better read on from some column, a cell is missing there.

// shortShift says where a cell of a short CSV row is missing, and how
// sure that is.
type shortShift struct {
	column string   // the header's name of the column whose cell is missing
	at     int      // its index
	from   int      // the first column it may be missing from, when the values cannot tell (at otherwise)
	cells  int      // the cells missing
	better int      // how many values fit better read on from it
	fits   []string // a few values and the columns they fit read on
	missed []string // the header's names of the columns whose cells are missing
	names  []string // the header's names
	have   int      // the row's cells
	header int      // the header's
}

// misfit says whether a value clearly does not fit the standard's column:
// only the columns of a recognisable shape say so (a date, a phone number,
// a postal code, coordinates, an address, services); a date or a bare
// number is no text of the others.
func misfit(col, v string) bool {
	if v == "" {
		return false
	}
	switch col {
	case "date_maj":
		_, _, ok := producerDate(v, "")
		return !ok
	case "telephone":
		return !phoneShape.MatchString(v)
	case "code_postal":
		return !postalShape.MatchString(v)
	case "code_insee":
		return !inseeShape.MatchString(v)
	case "latitude", "longitude":
		_, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		return err != nil
	case "courriels":
		return !strings.Contains(v, "@")
	case "site_web", "fiche_acces_libre", "prise_rdv":
		return strings.ContainsAny(v, " \t") || !strings.Contains(v, ".")
	case "services":
		for _, p := range vocab.SplitLegacy(vocab.LegacyColumnServices, v) {
			if !vocab.IsLegacyValue(vocab.LegacyColumnServices, p) {
				return true
			}
		}
		return false
	case "pivot", "id", "":
		return false
	case "commune":
		// No commune's name is a number: a postal code one column on.
		return isDigits(v) || dateShaped(v)
	}
	return dateShaped(v)
}

var (
	phoneShape  = regexp.MustCompile(`^\+?[\d\s().\-/]{6,}$`)
	postalShape = regexp.MustCompile(`^\d[\d\s\x{a0}]{3,6}$`)
	inseeShape  = regexp.MustCompile(`^\d[\dABab]\d{3}$`)
)

// dateShaped says whether a text is a date (« 2023-05-17 », « 17/05/2023 »).
func dateShaped(v string) bool {
	if isDigits(v) {
		return false // a spreadsheet's serial day, or a number
	}
	_, _, ok := producerDate(v, "")
	return ok
}

// shortRow looks at a CSV row of fewer cells than the header (fields as
// read, the header's readings) for a cell missing inside it. It returns
// nil when the row reads as well as it is, its last columns empty.
func shortRow(fields []string, header []columnReading, names []string) *shortShift {
	n := len(fields)
	missing := len(header) - n
	if missing <= 0 {
		return nil
	}
	col := func(i int) string { return header[i].name }
	as := make([]bool, n)
	m0 := 0
	for i, f := range fields {
		as[i] = misfit(col(i), strings.TrimSpace(f))
		if as[i] {
			m0++
		}
	}
	if m0 == 0 {
		return nil
	}
	var best *shortShift
	for k := 1; k <= min(missing, 3); k++ {
		// on[i]: the misfits of cells i.. read k columns on.
		on := make([]int, n+1)
		for i := n - 1; i >= 0; i-- {
			on[i] = on[i+1]
			if misfit(col(i+k), strings.TrimSpace(fields[i])) {
				on[i]++
			}
		}
		before := 0
		for p := 0; p < n; p++ {
			// On a tie, the later column: the fewest values moved.
			if m := before + on[p]; m0-m > 0 && (best == nil || m0-m >= best.better) {
				best = &shortShift{column: names[p], at: p, cells: k, better: m0 - m}
			}
			if as[p] {
				before++
			}
		}
	}
	if best == nil {
		return nil
	}
	// The values between two points of the row may fit both readings
	// (free text: a name, an address, a commune): the cell is missing
	// somewhere there, and the reason gives the range, not its last
	// column (a missing commune was said missing from telephone).
	best.from = best.at
	on := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		on[i] = on[i+1]
		if misfit(col(i+best.cells), strings.TrimSpace(fields[i])) {
			on[i]++
		}
	}
	for p, before := 0, 0; p < best.at; p++ {
		if m0-(before+on[p]) == best.better {
			best.from = p
			break
		}
		if as[p] {
			before++
		}
	}
	best.from, best.at = pinned(fields, col, best, m0, as)
	best.column = names[best.at]
	best.have, best.header = n, len(header)
	best.missed = names[best.at : best.at+best.cells]
	best.names = names
	for i := best.at; i < n && len(best.fits) < 3; i++ {
		v := strings.TrimSpace(fields[i])
		if as[i] && !misfit(col(i+best.cells), v) {
			best.fits = append(best.fits, fmt.Sprintf("« %s » under %s", clip(v), names[i+best.cells]))
		}
	}
	return best
}

// pinned narrows the range [s.from, s.at] where a short row's cells may
// be missing by the cells whose content has a column's type (typedColumns:
// a postal code, a SIRET, an e-mail…): such a cell that fits that column
// only read s.cells columns on has the gap before it, one that fits it
// only where it sits has the gap after it (« 16000 » under adresse, free
// text: the missing cell is not code_postal's). A point of the range must
// still explain as many values as s.better (m0 misfits read as is, as
// theirs). Free text pins nothing, and a range no point of which fits
// every typed cell stays as it was.
func pinned(fields []string, col func(int) string, s *shortShift, m0 int, as []bool) (from, at int) {
	lo, hi := s.from, s.at
	for i := s.from; i < len(fields); i++ {
		typed := typedColumns(strings.TrimSpace(fields[i]))
		if len(typed) == 0 {
			continue
		}
		here, on := slices.Contains(typed, col(i)), slices.Contains(typed, col(i+s.cells))
		switch {
		case on && !here:
			hi = min(hi, i) // read on: the gap is at or before this cell
		case here && !on:
			lo = max(lo, i+1) // in place: the gap is after it
		}
	}
	first, last := -1, -1
	for p := lo; p <= hi; p++ {
		if explains(fields, col, s.cells, as, p) == m0-s.better {
			if first < 0 {
				first = p
			}
			last = p
		}
	}
	if first < 0 {
		return s.from, s.at
	}
	return first, last
}

// explains counts the misfits of a short row read as is before p and k
// columns on from p.
func explains(fields []string, col func(int) string, k int, as []bool, p int) int {
	m := 0
	for i, f := range fields {
		switch {
		case i < p && as[i]:
			m++
		case i >= p && misfit(col(i+k), strings.TrimSpace(f)):
			m++
		}
	}
	return m
}

// typedColumns names the standard's columns whose type a cell's content
// has, when it has one no free text (a name, an address, a commune) has: a
// postal code (or INSEE code), a SIRET or SIREN, an e-mail, a phone
// number, a web address, coordinates, a date. nil otherwise.
func typedColumns(v string) []string {
	switch {
	case v == "":
		return nil
	case fiveDigits.MatchString(v):
		return []string{"code_postal", "code_insee"}
	case siretShape.MatchString(v):
		return []string{"pivot"}
	case emailShape.MatchString(v):
		return []string{"courriels"}
	case frenchPhone.MatchString(v):
		return []string{"telephone"}
	case urlShaped(v):
		return []string{"site_web", "fiche_acces_libre", "prise_rdv"}
	case coordinate.MatchString(v):
		return []string{"latitude", "longitude"}
	case dateShaped(v):
		return []string{"date_maj"}
	}
	return nil
}

var (
	fiveDigits  = regexp.MustCompile(`^\d{5}$`)
	siretShape  = regexp.MustCompile(`^(\d{9}|\d{14}|\d{3} \d{3} \d{3}( \d{5})?)$`)
	emailShape  = regexp.MustCompile(`^[^\s@|;,]+@[^\s@|;,]+\.[a-zA-Z]{2,}$`)
	frenchPhone = regexp.MustCompile(`^(\+33\s?[1-9]|0[1-9])([\s.\-]?\d{2}){4}$`)
	coordinate  = regexp.MustCompile(`^-?\d{1,3}[.,]\d{4,}$`)
)

// reason says what a short row's missing cell does to it.
func (s *shortShift) reason() string {
	if s.from < s.at {
		// The values fit as well read on from any column of a range.
		first := s.names[s.from]
		last := s.names[s.at+s.cells-1]
		where := fmt.Sprintf("between « %s » (column %d) and « %s » (column %d)", first, s.from+1, last, s.at+s.cells)
		if s.cells == 1 {
			return fmt.Sprintf("the row has fewer cells than the header (%d of %d), and its values fit their columns read one column on from some column %s: %s. A cell is missing in that range (a separator forgotten?), which column the values cannot tell (those in the range fit either way), and the values after it would land in the wrong columns", s.have, s.header, where, strings.Join(s.fits, ", "))
		}
		return fmt.Sprintf("the row has fewer cells than the header (%d of %d), and its values fit their columns read %s columns on from some column %s: %s. %d cells are missing in that range (separators forgotten?), which columns the values cannot tell (those in the range fit either way), and the values after them would land in the wrong columns", s.have, s.header, countWord(s.cells), where, strings.Join(s.fits, ", "), s.cells)
	}
	if s.cells == 1 {
		return fmt.Sprintf("the row has fewer cells than the header (%d of %d), and its values fit their columns read one column on from « %s » (column %d): %s. A cell is missing there (a separator forgotten?), and the values after it would land in the wrong columns", s.have, s.header, s.column, s.at+1, strings.Join(s.fits, ", "))
	}
	return fmt.Sprintf("the row has fewer cells than the header (%d of %d), and its values fit their columns read %s columns on from « %s » (column %d): %s. %d cells are missing there, those of %s (separators forgotten?), and the values after them would land in the wrong columns", s.have, s.header, countWord(s.cells), s.column, s.at+1, strings.Join(s.fits, ", "), s.cells, quotedList(s.missed))
}

// countWord writes the numbers of cells a short row can miss (see
// shortRow: at most three) in words.
func countWord(n int) string {
	if n >= 1 && n <= 3 {
		return [...]string{"one", "two", "three"}[n-1]
	}
	return strconv.Itoa(n)
}

// quotedList is « a », « b » and « c ».
func quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "« " + n + " »"
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// urlShaped says whether a text is a web address rather than a name.
func urlShaped(v string) bool {
	l := strings.ToLower(v)
	return !strings.ContainsAny(v, " \t") && (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www."))
}

// excelText reads the forms Excel users write to keep a value as text, its
// leading zeros with it: ="00123" (a formula giving the text) and '00124
// (the apostrophe Excel hides), for an id, a SIRET, a phone number, a
// postal code (probe 41a M3). Only a number (digits, spaces, dots, dashes)
// after the apostrophe: « 't Hoekje » is a name, and an apostrophe before
// a formula's first character (« '+33… », « '=… ») is the one Carnet's
// own export writes (FormulaSafe), which the cell reading removes.
func excelText(v string) (string, bool) {
	if len(v) > 3 && v[0] == '=' && v[1] == '"' && v[len(v)-1] == '"' && !strings.Contains(v[2:len(v)-1], "\"") {
		return strings.TrimSpace(v[2 : len(v)-1]), true
	}
	if v[0] == '\'' && excelNumber.MatchString(v[1:]) {
		return v[1:], true
	}
	return "", false
}

var excelNumber = regexp.MustCompile(`^\d[\d\s.\-]*$`)

// objectNames reads a JSON value of objects naming values ([{"nom": "Aide
// aux démarches administratives"}], {"label": …}) as the names they hold,
// joined with « | » as an array's values are (probe 41a M1b); ok is false
// when an object names nothing.
func objectNames(v any) (string, bool) {
	name := func(o map[string]any) (string, bool) {
		for _, k := range []string{"nom", "name", "label", "libelle", "libellé", "title", "titre"} {
			if s, ok := o[k].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s), true
			}
		}
		return "", false
	}
	switch x := v.(type) {
	case map[string]any:
		return name(x)
	case []any:
		var parts []string
		for _, e := range x {
			switch y := e.(type) {
			case map[string]any:
				n, ok := name(y)
				if !ok {
					return "", false
				}
				parts = append(parts, n)
			default:
				s, ok := cellString(e)
				if !ok {
					return "", false
				}
				if s != "" {
					parts = append(parts, s)
				}
			}
		}
		return strings.Join(parts, "|"), len(parts) > 0
	}
	return "", false
}
