package opendata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/encoding/charmap"

	"carnet/models"
	"carnet/models/ident"
	"carnet/models/vocab"
)

// Cells as producers' tools write them: dates in the French way or as a
// spreadsheet's serial number, coordinates swapped or in one field, phones
// with a label, lists with any separator. Each reader returns what it read
// and how, so that the report can say it.

// producerDate reads date_maj written YYYY-MM-DD (the standard), as a
// date-time (ISO 8601 with or without a zone), DD/MM/YYYY (French
// spreadsheets, also with - or . and an hour), YYYY/MM/DD (also with an
// hour), or a spreadsheet's serial day number. how is "" for the
// standard's form, else how it was read. A date-time with a zone gives the
// civil date where the place is (postalCode's département), not UTC's.
//
// Every form holds a digit: a text without one (a producer's name, which
// dateShaped looks at on every row) is none, without the regexps, the
// lower-casings and the number's parse error (3 % of the reader's
// allocations; issue 11, item 6). FuzzProducerDateDigitless checks that
// readDate reads no such text.
func producerDate(s, postalCode string) (day, how string, ok bool) {
	s = strings.TrimSpace(s)
	if strings.IndexFunc(s, isASCIIDigit) < 0 {
		return "", "", false
	}
	return readDate(s, postalCode)
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// readDate is producerDate of a trimmed text.
func readDate(s, postalCode string) (day, how string, ok bool) {
	if plainISODate(s) { // the standard's own form, isoDate's without a time
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return "", "", false
		}
		return s, "", true
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		d, err := time.Parse(time.DateOnly, m[1])
		if err != nil {
			return "", "", false
		}
		if m[2] == "" {
			return m[1], "", true
		}
		if strings.HasSuffix(m[2], "Z") || strings.HasSuffix(m[2], "+00:00") || strings.HasSuffix(m[2], "+0000") || strings.HasSuffix(m[2], "+00") {
			// A time in UTC: the day is the one where the place is
			// (midnight in Paris is 22:00 or 23:00 the day before in UTC).
			// « +00 » is PostgreSQL's text of a timestamptz.
			for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z0700", "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05.999999999Z07", "2006-01-02T15:04:05.999999999Z07"} {
				if t, err := time.Parse(layout, s); err == nil {
					return models.LocalDate(t, ident.DepartementFromPostalCode(postalCode)), "a date-time in UTC, read as the date where the place is", true
				}
			}
		}
		// A date-time in the producer's own zone, or without zone: its day
		// as written.
		return d.Format(time.DateOnly), "a date-time, read as its day", true
	}
	if m := frenchDate.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		y, _ := strconv.Atoi(m[4])
		if len(m[4]) == 2 {
			y += 2000
		}
		day, month, how := a, b, "DD"+m[2]+"MM"+m[2]+"YYYY (the French order)"
		if a <= 12 && b > 12 {
			day, month, how = b, a, "MM"+m[2]+"DD"+m[2]+"YYYY (the day cannot be the month)"
		}
		t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if t.Day() != day || int(t.Month()) != month {
			return "", "", false
		}
		return t.Format(time.DateOnly), "written " + how, true
	}
	if m := ymdSlash.FindStringSubmatch(s); m != nil {
		t, err := time.Parse("2006/01/02", fmt.Sprintf("%s/%02s/%02s", m[1], m[2], m[3]))
		if err != nil {
			return "", "", false
		}
		if m[4] != "" {
			return t.Format(time.DateOnly), "written YYYY/MM/DD with an hour, read as its day", true
		}
		return t.Format(time.DateOnly), "written YYYY/MM/DD", true
	}
	if m := dayMonthYear.FindStringSubmatch(strings.ToLower(s)); m != nil {
		// A date in words (« 17 mai 2023 », « 1er août 2023 »).
		if month, ok := frenchMonths[strings.TrimSuffix(m[2], ".")]; ok {
			d, _ := strconv.Atoi(m[1])
			y, _ := strconv.Atoi(m[3])
			if t := time.Date(y, month, d, 0, 0, 0, 0, time.UTC); t.Day() == d {
				return t.Format(time.DateOnly), "a date in words (« 17 mai 2023 »)", true
			}
		}
		return "", "", false
	}
	if m := monthYear.FindStringSubmatch(strings.ToLower(s)); m != nil {
		// A month and a year (« Octobre 2020 », a spreadsheet's
		// « juil-22 »): the producer says no day; the month's first
		// is taken, the earliest day the place can have been checked.
		if month, ok := frenchMonths[strings.TrimSuffix(m[1], ".")]; ok {
			y, _ := strconv.Atoi(m[2])
			if len(m[2]) == 2 {
				y += 2000
			}
			return time.Date(y, month, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), "a month and a year, read as the month's first day", true
		}
	}
	if len(s) == 8 || len(s) == 13 {
		if day, how, ok := compactDate(s, postalCode); ok {
			return day, how, true
		}
	}
	// A spreadsheet's serial day number (days since 1899-12-30), what a
	// date cell becomes when its format is lost: 1970 to 2100.
	if f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err == nil && f >= 25569 && f < 73051 {
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(math.Floor(f)))
		return t.Format(time.DateOnly), "a spreadsheet's serial day number", true
	}
	return "", "", false
}

// compactDate reads a date of digits alone: YYYYMMDD (a database's or an
// ETL's compact date: « 20240101 », years 1970 to 2100) or milliseconds
// since 1970 (ArcGIS's JSON dates, 13 digits: 2001 to 2286), read as the
// date where the place is.
func compactDate(s, postalCode string) (day, how string, ok bool) {
	if !isDigits(s) {
		return "", "", false
	}
	if len(s) == 13 {
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return "", "", false
		}
		return models.LocalDate(time.UnixMilli(ms).UTC(), ident.DepartementFromPostalCode(postalCode)), "milliseconds since 1970 (a GIS export's date), read as the date where the place is", true
	}
	t, err := time.Parse("20060102", s)
	if err != nil || t.Year() < 1970 || t.Year() > 2100 {
		return "", "", false
	}
	return t.Format(time.DateOnly), "written YYYYMMDD (« 20240101 »)", true
}

// eightDigits says whether s is 8 digits, which compactDate reads when they
// are a date YYYYMMDD.
func eightDigits(s string) bool { return len(s) == 8 && isDigits(s) }

var (
	isoDate    = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})((?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)$`)
	frenchDate = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})(?:[ T]+\d{1,2}[:h]\d{2}(?::\d{2})?)?$`)
	// With the time a GIS layer's edit timestamp has (Hub LO's
	// c__edit_datemaj: « 2020/06/30 14:16:50.898 »): unread, 426 places
	// lost their producer's date, and the export dated them the import's
	// day.
	ymdSlash     = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})((?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)$`)
	dayMonthYear = regexp.MustCompile(`^(\d{1,2})(?:er)?\s+(\pL+\.?)\s+(\d{4})$`)
	monthYear    = regexp.MustCompile(`^(\pL+\.?)[ -](\d{4}|\d{2})$`)
)

// frenchMonths are the French months' names, with and without their
// accents, and their short forms (a spreadsheet's « juil », « déc »).
var frenchMonths = map[string]time.Month{
	"janvier": 1, "janv": 1, "jan": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2,
	"mars": 3, "mar": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
	"août": 8, "aout": 8, "aoû": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10,
	"novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}

// coordinatePair reads a single cell holding both coordinates: « 43.2965,
// 5.3698 » (a spreadsheet's or Opendatasoft's geo_point_2d), with decimal
// commas (« 43,2965;5,3698 », « 43,2965, 5,3698 »), in brackets, or a JSON
// object {"lat": …, "lon": …}. The order is latitude first; a swapped pair
// is caught like separate columns.
func coordinatePair(s string) (lat, lon float64, ok bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		// {"lat": …, "lon": …} (also lng, latitude, longitude, numbers or
		// strings), or a GeoJSON Point {"type": "Point", "coordinates":
		// [lon, lat]}.
		var o map[string]any
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		if d.Decode(&o) != nil {
			return 0, 0, false
		}
		if c, isList := o["coordinates"].([]any); isList && len(c) == 2 {
			lo, err1 := jsonFloat(c[0])
			la, err2 := jsonFloat(c[1])
			return la, lo, err1 == nil && err2 == nil
		}
		first := func(keys ...string) any {
			for _, k := range keys {
				if v, ok := o[k]; ok {
					return v
				}
			}
			return nil
		}
		la, err1 := jsonFloat(first("lat", "latitude"))
		lo, err2 := jsonFloat(first("lon", "lng", "long", "longitude"))
		return la, lo, err1 == nil && err2 == nil
	}
	s = strings.Trim(s, "[]() ")
	var parts []string
	if m := decimalCommaPair.FindStringSubmatch(s); m != nil {
		parts = []string{m[1] + "." + m[2], m[3] + "." + m[4]}
	} else {
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == ' ' || r == '\t' || r == '/' })
		if len(parts) != 2 {
			return 0, 0, false
		}
	}
	a, err1 := strconv.ParseFloat(parts[0], 64)
	b, err2 := strconv.ParseFloat(parts[1], 64)
	return a, b, err1 == nil && err2 == nil
}

// jsonFloat reads a coordinate of a JSON object: a number, or a number
// in a string.
func jsonFloat(v any) (float64, error) {
	switch x := v.(type) {
	case json.Number:
		return x.Float64()
	case string:
		return strconv.ParseFloat(strings.TrimSpace(x), 64)
	}
	return 0, errors.New("not a number")
}

var decimalCommaPair = regexp.MustCompile(`^(-?\d+),(\d+)\s*[;,/| ]\s*(-?\d+),(\d+)$`)

// phoneLabel is a label people put before a number: « Tél. : », « Fixe »,
// « Portable - ».
// The label ends at a space or punctuation: « Télécopie » (a fax) is no
// « Tél » followed by « écopie ».
var phoneLabel = regexp.MustCompile(`(?i)^\s*(?:t[ée]l[ée]?(?:phone)?|fixe|portable|mobile|standard|accueil|secr[ée]tariat|ligne directe)(?:[\s.:\-–]+|$)`)

// splitPhones splits a cell of phone numbers on the separators people use
// (|, ;, commas, « / », new lines, « ou », « et ») and drops the labels
// before them.
//
// Every row's telephone cell comes here: the separators are found by hand
// (phoneSepAt) and the label's regexp runs only on a part that can begin
// with one, not on every number: through phoneSep.Split and
// ReplaceAllString, which copies its input even when nothing matches, it
// was three allocations a row and 3 % of a first import's (issue 11, item
// 6). TestSplitPhonesAsRegexp and FuzzSplitPhones compare it with the
// regexps.
func splitPhones(s string) []string {
	var out []string
	beg := 0
	for i := 0; i < len(s); {
		n := phoneSepAt(s, i)
		if n == 0 {
			i++ // the separators are ASCII: a byte inside a rune is none
			continue
		}
		out = appendPhone(out, s[beg:i])
		i += n
		beg = i
	}
	return appendPhone(out, s[beg:])
}

// appendPhone appends a part of a telephone cell, without its label, unless
// empty.
func appendPhone(out []string, p string) []string {
	if phoneLabelMay(p) {
		p = phoneLabel.ReplaceAllString(p, "")
	}
	if p = strings.TrimSpace(p); p != "" {
		out = append(out, p)
	}
	return out
}

// phoneLabelMay says whether phoneLabel can match p: after the spaces
// (\s), a label begins with one of its first letters in either case, or
// with a letter outside ASCII (case-insensitive, « s » is also « ſ »).
func phoneLabelMay(p string) bool {
	i := 0
	for i < len(p) && isRegexpSpace(p[i]) {
		i++
	}
	if i == len(p) {
		return false
	}
	c := p[i]
	return c >= utf8.RuneSelf || strings.IndexByte("tfpmsalTFPMSAL", c) >= 0
}

// isRegexpSpace is the regexp's \s: [\t\n\f\r ].
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// phoneSepAt returns the length of the separator of phone numbers at s[i:]
// (0 for none), as the leftmost-first match starting at i of the regexp
// `[|;,/\n\r]|\s(?:ou|et)\s|\s[-–]\s` (phoneSep in the tests): one of |;,/
// or a new line, « ou » or « et » between spaces, or a dash between
// spaces. A phone number holds no / and no comma, nor a dash between
// spaces (« Tél : 04 93 00 00 01 - Fax : 04 93 00 00 02 »: a dash inside
// a number has no space around it).
func phoneSepAt(s string, i int) int {
	switch c := s[i]; {
	case c == '|' || c == ';' || c == ',' || c == '/' || c == '\n' || c == '\r':
		return 1
	case !isRegexpSpace(c):
		return 0
	}
	rest := s[i+1:]
	if len(rest) >= 3 && (rest[:2] == "ou" || rest[:2] == "et") && isRegexpSpace(rest[2]) {
		return 4
	}
	for _, dash := range [...]string{"-", "–"} {
		if len(rest) > len(dash) && strings.HasPrefix(rest, dash) && isRegexpSpace(rest[len(dash)]) {
			return 2 + len(dash)
		}
	}
	return 0
}

// faxLabel begins a fax number, which is no phone for the public.
var faxLabel = regexp.MustCompile(`(?i)^\s*(?:t[ée]l[ée]?copie|fax)\b`)

// splitEmails splits a cell of e-mail addresses: an address holds no space,
// so any space, new line, |, ; or comma separates them, and words between
// them (« et », « ou », « / ») are dropped.
func splitEmails(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '|' || r == ';' || r == ',' || r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\u00a0'
	}) {
		p = strings.Trim(p, "<>()[]\"'")
		if p == "" || (!strings.Contains(p, "@") && (connector[strings.ToLower(p)] || strings.Trim(p, "/-–:") == "")) {
			continue
		}
		out = append(out, strings.TrimPrefix(p, "mailto:"))
	}
	return out
}

// commaForDot finds an address whose last dot was typed as a comma
// (« aubiet@france-service.gouv,fr »): a domain, a comma, then a bare
// label of letters that no address follows. Split on the comma, the
// address was published cut (« …@france-service.gouv », a domain of no
// mail) and the label dropped as « not an e-mail address ».
var commaForDot = regexp.MustCompile(`([^\s,;|<>()\[\]"']+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)\s*,\s*([A-Za-z]{2,6})(?:[\s|;,]|$)`)

// mendCommaDots reads a comma typed for a dot in s's addresses as the dot
// (a word such as « et » after the comma is no label), and returns each
// address so read as it was written and as it is read. Only a domain not
// yet complete is mended, and only by a real top-level domain: « …gouv,fr »
// is read « …gouv.fr », but « a@b.fr,com » and « x@asso.org,fr » are
// complete addresses followed by a stray word, never « a@b.fr.com ».
func mendCommaDots(s string) (string, [][2]string) {
	if !strings.Contains(s, ",") {
		return s, nil
	}
	var b strings.Builder
	var mended [][2]string
	last := 0
	for _, m := range commaForDot.FindAllStringSubmatchIndex(s, -1) {
		if connector[strings.ToLower(s[m[4]:m[5]])] || !cutBeforeTLD(s[m[2]:m[3]], s[m[4]:m[5]]) {
			continue
		}
		b.WriteString(s[last:m[3]])
		b.WriteByte('.')
		last = m[4]
		mended = append(mended, [2]string{s[m[2]:m[5]], s[m[2]:m[3]] + "." + s[m[4]:m[5]]})
	}
	if mended == nil {
		return s, nil
	}
	b.WriteString(s[last:])
	return b.String(), mended
}

// cutBeforeTLD tells an address cut before its top-level domain: its
// domain does not already end in one, and label is one.
func cutBeforeTLD(addr, label string) bool {
	domain := addr[strings.LastIndexByte(addr, '@')+1:]
	if i := strings.LastIndexByte(domain, '.'); i >= 0 && isTLD(domain[i+1:]) {
		return false
	}
	return isTLD(label)
}

// isTLD tells a top-level domain managed by ICANN (« fr », « com »,
// « org »), from the public suffix list golang.org/x/net carries: a
// label such as « gouv » or « zz » is none.
func isTLD(label string) bool {
	label = strings.ToLower(label)
	suffix, icann := publicsuffix.PublicSuffix(label)
	return icann && suffix == label
}

var connector = map[string]bool{"et": true, "ou": true, "and": true, "or": true, "mail": true, "email": true, "e-mail": true, "courriel": true, "mail:": true, "courriel:": true}

// booleanMobility reads itinerance written as a yes/no column (« oui »,
// « non », true, false, 1, 0, X): yes is itinerant, no is fixed.
func booleanMobility(s string) (string, bool) {
	switch yes, ok := yesNo(s); {
	case !ok:
		return "", false
	case yes:
		return vocab.MobilityItinerant, true
	}
	return vocab.MobilityFixed, true
}

// fixUTF8 reads the bytes of s that are not UTF-8 as Windows-1252: a row
// pasted from a spreadsheet into a UTF-8 file. It reports whether any was.
func fixUTF8(b []byte) ([]byte, bool) {
	if utf8.Valid(b) {
		return b, false
	}
	var out bytes.Buffer
	out.Grow(len(b) + 16)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			out.WriteRune(charmap.Windows1252.DecodeByte(b[0]))
			b = b[1:]
			continue
		}
		out.Write(b[:n])
		b = b[n:]
	}
	return out.Bytes(), true
}

// notText tells a file that is not text from its first bytes: archives and
// spreadsheets sent by mistake are refused with what they are, rather than
// read as a CSV of garbage.
func notText(head []byte) string {
	for _, m := range []struct {
		magic []byte
		what  string
	}{
		{[]byte("PK\x03\x04"), "a ZIP archive (an Excel .xlsx or LibreOffice .ods workbook is one): open it and save the sheet as CSV (UTF-8), or send the CSV or JSON file it holds"},
		{[]byte("PK\x05\x06"), "an empty ZIP archive"},
		{[]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "an Excel 97-2003 workbook (.xls): open it and save the sheet as CSV (UTF-8)"},
		{[]byte("%PDF"), "a PDF document"},
		{[]byte{0x1F, 0x8B}, "a gzip-compressed file: decompress it first"},
		{[]byte("7z\xBC\xAF\x27\x1C"), "a 7-Zip archive"},
		{[]byte("Rar!"), "a RAR archive"},
		{[]byte("\x89PNG"), "a PNG image"},
		{[]byte{0xFF, 0xD8, 0xFF}, "a JPEG image"},
		{[]byte("PAR1"), "a Parquet file: export it as CSV or JSON"},
		{[]byte("SQLite format 3\x00"), "an SQLite database"},
	} {
		if bytes.HasPrefix(head, m.magic) {
			return m.what
		}
	}
	if len(head) > 8192 {
		head = head[:8192]
	}
	// Text has no NUL bytes (UTF-16 is told by its BOM before this) and
	// few control characters.
	ctl := 0
	for _, c := range head {
		if c == 0 {
			return "a binary file (it holds NUL bytes; a UTF-16 text needs its byte order mark)"
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	if ctl > 8 && ctl*20 > len(head) {
		return "a binary file (it holds control characters)"
	}
	return ""
}

// numberPivot reads a pivot a spreadsheet or pandas wrote as a number:
// « 13002603200016.0 », « 13002603200016,0 » (a whole number with a
// decimal part of zeros), « 1.3002603200016E13 » (scientific notation
// that gives every digit). Aidants Connect's export of 2024 writes its
// SIRETs so: with the dot removed as a separator, « 130026032000160 »
// was no SIRET and 5,221 of its 5,225 identifiers were stored as unknown.
// digits are the number's (a SIRET's 14 or a SIREN's 9; "" for 0, the
// placeholder); ok is false for any other cell, read as before (a decimal
// digit is never glued to the number, a RIDET keeps its dot).
func numberPivot(s string) (digits string, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, ".,") { // both regexps need one: most pivots have none
		return "", false
	}
	if m := spreadsheetFloat(s); m != nil {
		if strings.Trim(m[1], "0") == "" {
			return "", true
		}
		if len(m[1]) == 9 || len(m[1]) == 14 {
			return m[1], true
		}
		return "", false
	}
	if m := scientificPivot.FindStringSubmatch(s); m != nil {
		exp, err := strconv.Atoi(m[3])
		if err != nil || exp != len(m[2]) {
			return "", false // digits lost, or a fraction: not the number
		}
		if d := m[1] + m[2]; len(d) == 9 || len(d) == 14 {
			return d, true
		}
	}
	return "", false
}

// spreadsheetFloat is floatPivot's match of s, nil without running it
// when s has no decimal separator, as most pivots have none.
func spreadsheetFloat(s string) []string {
	if !strings.ContainsAny(s, ".,") {
		return nil
	}
	return floatPivot.FindStringSubmatch(s)
}

// plainISODate says whether s is a date as the standard writes it,
// YYYY-MM-DD, which isoDate matches without a time: most files' every
// row, read here without the regexp.
func plainISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

var (
	floatPivot = regexp.MustCompile(`^([0-9]+)[.,]0{1,6}$`)
	// decimalPivot is a number with decimals that are not zeros (a
	// RIDET's rank has three digits after a RID of six or seven).
	decimalPivot    = regexp.MustCompile(`^\s*(?:[0-9]{1,5}|[0-9]{8,})[.,][0-9]{1,2}\s*$`)
	scientificPivot = regexp.MustCompile(`^([1-9])[.,]([0-9]+)[eE]\+?([0-9]{1,2})$`)
)
