package opendata

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Formats of input files.
const (
	FormatCSV  = "csv"
	FormatJSON = "json"
)

// Record is one place as read from a file: its cells by lower-case column
// name, multi-valued JSON arrays joined with "|" as in the CSV.
type Record struct {
	Row   int // 1 for the first place of the file (the CSV header is not counted)
	Cells map[string]string
	// Renamed says, for the columns read under another name than the
	// file's (a misspelt or renamed column), how each was read.
	Renamed map[string]string
	// Hash identifies the row as written in the file (with its columns and
	// the version of the mapping): an identical row gives the same hash.
	Hash string
	// Err is set when the row itself is unreadable (a JSON element that is
	// not an object); Cells is then empty.
	Err error
	// Objects names the columns whose JSON value was or held an object,
	// which no column of the standard holds: their cells are empty (ToPlace
	// warns), rather than the object's JSON text.
	Objects map[string]bool
}

// Reader reads the places of a CSV or JSON file one at a time, so that a
// large file never sits whole in memory as places.
type Reader struct {
	headerHash []byte // the CSV header, part of every row's hash
	format     string
	csv        *csv.Reader
	header     []columnReading
	json       *json.Decoder
	row        int
	columns    map[string]bool
	keys       map[string]columnReading // JSON keys already read
	encoding   string                   // "" for UTF-8, else what the file was read as
}

// NewReader starts reading r. format is FormatCSV, FormatJSON or "" to tell
// from the first character ([ or { means JSON).
//
// Files come as producers' tools write them: UTF-8 with or without a BOM,
// UTF-16 with a BOM (« Unicode text » of spreadsheets), or Windows-1252
// (a CSV saved by a spreadsheet on Windows, the usual case in French
// administrations). A file that is not valid UTF-8 in its first 256 KiB
// is read as Windows-1252 and Encoding says so, rather than every accented
// row being refused. A JSON file is an array of places, or an object
// holding that array under one key (« data », « items », « results »…), or
// a GeoJSON FeatureCollection whose features' properties are places.
func NewReader(r io.Reader, format string) (*Reader, error) {
	rd := &Reader{columns: map[string]bool{}, keys: map[string]columnReading{}}
	br := rd.decode(bufio.NewReaderSize(r, sniffSize))
	if format == "" {
		format = FormatCSV
		for {
			b, err := br.Peek(1)
			if err != nil {
				return nil, fmt.Errorf("the file is empty")
			}
			if b[0] == ' ' || b[0] == '\n' || b[0] == '\r' || b[0] == '\t' {
				br.ReadByte()
				continue
			}
			if b[0] == '[' || b[0] == '{' {
				format = FormatJSON
			}
			break
		}
	}
	rd.format = format
	switch format {
	case FormatCSV:
		head, _ := br.Peek(br.Buffered())
		if len(head) == 0 {
			head, _ = br.Peek(4096)
		}
		c := csv.NewReader(br)
		c.Comma = sniffComma(head)
		c.LazyQuotes = true    // real files have stray quotes inside cells
		c.FieldsPerRecord = -1 // and rows with missing trailing cells
		header, err := c.Read()
		if err != nil {
			return nil, fmt.Errorf("the CSV header cannot be read: %v", err)
		}
		rd.headerHash = []byte(strings.Join(header, "\x1f"))
		rd.header = make([]columnReading, len(header))
		known := false
		for i, h := range header {
			rd.header[i] = readColumn(h)
			rd.columns[rd.header[i].name] = true
			known = known || slices.Contains(knownColumns, rd.header[i].name)
		}
		if !known {
			first := strings.Join(header, string(c.Comma))
			if len(first) > 120 {
				first = first[:120] + "…"
			}
			return nil, fmt.Errorf("its first line names no column of the standard (« %s »): a CSV file of places starts with a header such as id,nom,commune,code_postal,adresse,services", first)
		}
		rd.csv = c
		c.ReuseRecord = true
	case FormatJSON:
		d := json.NewDecoder(br)
		d.UseNumber()
		if err := openPlaces(d); err != nil {
			return nil, err
		}
		rd.json = d
	default:
		return nil, fmt.Errorf("unknown format %q: use csv or json", format)
	}
	return rd, nil
}

// sniffSize is how much of a file is looked at to tell its encoding and
// separator.
const sniffSize = 256 << 10

// decode returns a reader of br's content as UTF-8, recording in
// rd.encoding what the file was read as when it was not UTF-8.
func (rd *Reader) decode(br *bufio.Reader) *bufio.Reader {
	head, _ := br.Peek(sniffSize)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		return br
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		rd.encoding = "UTF-16"
		return bufio.NewReaderSize(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Reader(br), sniffSize)
	}
	// A multi-byte character cut by the end of the peeked bytes is not an
	// error.
	if len(head) == sniffSize {
		if cut := lastRuneStart(head); cut >= 0 && !utf8.FullRune(head[cut:]) {
			head = head[:cut]
		}
	}
	if utf8.Valid(head) {
		return br
	}
	rd.encoding = "Windows-1252"
	return bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(br), sniffSize)
}

// lastRuneStart returns the index of the first byte of the last character
// of b, or -1.
func lastRuneStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return -1
}

// Encoding returns what the file was read as when it was not UTF-8
// (« Windows-1252 », « UTF-16 »), or "".
func (r *Reader) Encoding() string { return r.encoding }

// placesKeys are the keys under which JSON publishers wrap their array of
// places (data.gouv.fr APIs, data·inclusion, exports of other tools).
var placesKeys = []string{"data", "items", "results", "records", "lieux", "places", "structures", "features"}

// openPlaces reads d up to the opening bracket of the array of places:
// the top-level array, or the array under one of placesKeys of a top-level
// object (the object's other keys, « meta », « links », « type », are
// skipped).
func openPlaces(d *json.Decoder) error {
	const want = "a JSON file of places must be an array of objects, or an object holding that array under one of the keys data, items, results, records, lieux, places, structures or features (a GeoJSON FeatureCollection)"
	t, err := d.Token()
	if err != nil {
		return fmt.Errorf("%s: %v", want, err)
	}
	if t == json.Delim('[') {
		return nil
	}
	if t != json.Delim('{') {
		return errors.New(want)
	}
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return fmt.Errorf("%s: %v", want, err)
		}
		if key, _ := k.(string); slices.Contains(placesKeys, strings.ToLower(key)) {
			t, err := d.Token()
			if err == nil && t == json.Delim('[') {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s: %v", want, err)
			}
			if t == json.Delim('{') || t == json.Delim('[') {
				if err := skipValue(d); err != nil {
					return fmt.Errorf("%s: %v", want, err)
				}
			}
			continue
		}
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			return fmt.Errorf("%s: %v", want, err)
		}
	}
	return errors.New(want)
}

// skipValue skips the rest of a value whose opening delimiter was read.
func skipValue(d *json.Decoder) error {
	for depth := 1; depth > 0; {
		t, err := d.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// Format returns the format being read.
func (r *Reader) Format() string { return r.format }

// Columns returns the column names seen so far (all of them for CSV, after
// the header; for JSON, those of the objects read).
func (r *Reader) Columns() map[string]bool { return r.columns }

// Next returns the next place, or io.EOF after the last one. Other errors
// mean the file cannot be read further.
func (r *Reader) Next() (Record, error) {
	if r.format == FormatCSV {
		for {
			fields, err := r.csv.Read()
			if err != nil {
				if errors.Is(err, io.EOF) {
					return Record{}, io.EOF
				}
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					return Record{}, fmt.Errorf("CSV line %d: %v", pe.Line, pe.Err)
				}
				return Record{}, err
			}
			if blank(fields) {
				continue
			}
			r.row++
			rec := Record{Row: r.row, Cells: make(map[string]string, len(r.header)), Hash: rowHash(r.headerHash, fields...)}
			for i, v := range fields {
				if i < len(r.header) && r.header[i].name != "" {
					rec.set(r.header[i], strings.TrimSpace(v))
				}
			}
			return rec, nil
		}
	}
	if !r.json.More() {
		return Record{}, io.EOF
	}
	r.row++
	var raw json.RawMessage
	if err := r.json.Decode(&raw); err != nil {
		return Record{}, fmt.Errorf("JSON element %d: %v", r.row, err)
	}
	var obj map[string]any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&obj); err != nil || obj == nil {
		return Record{Row: r.row, Cells: map[string]string{}, Err: errors.New("is not a JSON object")}, nil
	}
	obj = featureProperties(obj)
	rec := Record{Row: r.row, Cells: make(map[string]string, len(obj)), Hash: rowHash(nil, string(raw))}
	for k, v := range obj {
		cr, ok := r.keys[k]
		if !ok {
			cr = readColumn(k)
			r.keys[k] = cr
			r.columns[cr.name] = true
		}
		cell, ok := cellString(v)
		if !ok {
			if rec.Objects == nil {
				rec.Objects = map[string]bool{}
			}
			rec.Objects[cr.name] = true
			cell = ""
		}
		rec.set(cr, cell)
	}
	return rec, nil
}

// featureProperties returns the place a GeoJSON Feature describes: its
// properties, with latitude and longitude from its Point geometry when the
// properties do not give them. Any other object is returned as it is.
func featureProperties(obj map[string]any) map[string]any {
	props, ok := obj["properties"].(map[string]any)
	if typ, _ := obj["type"].(string); typ != "Feature" || !ok {
		return obj
	}
	geom, _ := obj["geometry"].(map[string]any)
	if typ, _ := geom["type"].(string); typ == "Point" {
		if c, _ := geom["coordinates"].([]any); len(c) >= 2 {
			if _, has := props["latitude"]; !has {
				props["latitude"] = c[1]
			}
			if _, has := props["longitude"]; !has {
				props["longitude"] = c[0]
			}
		}
	}
	return props
}

// set stores a cell under the standard's name of its column. When a file
// has a column twice under two names (« courriels » and « email »), the
// first value that is not empty wins.
func (rec *Record) set(c columnReading, v string) {
	if old := rec.Cells[c.name]; old != "" {
		return
	}
	rec.Cells[c.name] = v
	if c.how != "" && v != "" {
		if rec.Renamed == nil {
			rec.Renamed = map[string]string{}
		}
		rec.Renamed[c.name] = c.how
	}
}

// mappingVersion changes whenever ToPlace reads a row differently: rows
// hashed by an older version are read again.
const mappingVersion = "carnet-import-1"

// rowHash hashes a row's cells (and the header of a CSV file).
func rowHash(header []byte, fields ...string) string {
	h := sha256.New()
	h.Write([]byte(mappingVersion))
	h.Write(header)
	for _, f := range fields {
		h.Write([]byte{0x1e})
		h.Write([]byte(f))
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:16])
}

// cellString reads a JSON value as a cell: a string, a number, a boolean,
// or an array of them joined with "|". ok is false for an object, or an
// array holding one.
func cellString(v any) (cell string, ok bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return strings.TrimSpace(x), true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := cellString(e)
			if !ok {
				return "", false
			}
			if s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "|"), true
	}
	return "", false
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// sniffComma picks the field separator of a CSV file from its first line:
// the standard uses ",", but French spreadsheets export ";" and some tools
// tabs. Separators inside quotes do not count.
func sniffComma(head []byte) rune {
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(head) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}
