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
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"carnet/models"
	"carnet/models/vocab"

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
	// Beyond holds the cells of a CSV row past the header's last column
	// (a separator inside a cell that is not quoted shifts the row);
	// Unnamed the cells under a column the header leaves without a name;
	// Short says the row stops before the header's last column.
	Beyond, Unnamed []string
	Short           bool
	// shift says where a cell of a short row seems missing (shortrow.go).
	shift *shortShift
	// Excel names the columns whose cell was written in one of Excel's
	// forms that keep a value as text (="00123", '00124), read as the
	// value inside; Named those whose JSON objects were read by their
	// name ([{"nom": …}]).
	Excel, Named map[string]bool
	// idFloat is the id cell as written when it was a number in a float's
	// form (« 124.0 », read as 124) or in scientific notation.
	idFloat string
	// servicesIn names the column of another name whose cell names only
	// services, when the services cell is empty.
	servicesIn string
	// Extra counts the cells of a CSV row past the header's last column,
	// and Shifted says they hold values, or are empty cells that the
	// file's first row does not have as many of: a writer ending every
	// line with a separator pads each row alike, where an unquoted
	// separator inside a cell (« 44,06 ») pushes the row's last cells,
	// often empty, past the header while its values land one column on.
	Extra   int
	Shifted bool
	// Recoded says bytes of the row were not UTF-8 and were read as
	// Windows-1252.
	Recoded bool
	// Objects names the columns whose JSON value was or held an object,
	// which no column of the standard holds: their cells are empty (ToPlace
	// warns), rather than the object's JSON text.
	Objects map[string]bool
	// Dropped are values the reader could not read and left out, to be
	// reported as the row's warnings (a day's hours in Ultra Num's time
	// columns that are not times).
	Dropped []Issue
	// DeriveID says the file gives no ids (its first place has none, under
	// no name): a row without one is given an id derived from its content
	// (see placeIDs.assign).
	DeriveID bool
	// absent are the fields its file has no column for (absent.go).
	absent models.Fields
	// idWritten is the id cell as the file wrote it, when reading it
	// removed white space at its ends (cells are trimmed): the row says
	// which key Carnet stored, which the producer's own system may not
	// find under the id it wrote.
	idWritten string
	// stored is the address and coordinates stored for the row's place
	// when its file has no coordinates (see storedAddress).
	stored *models.StoredPlace
	// unmarked says the CSV reader found U+FFFD in none of the row's
	// cells, once read as UTF-8: rowShape then has no column to name
	// (lostLetters), without walking the row's map of cells again. False
	// when not known (a JSON file's rows), which walks it as before.
	unmarked bool
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
	containers map[string]bool          // the columns of JSON keys whose objects were read as columns (readNested)
	encoding   string                   // "" for UTF-8, else what the file was read as
	lastNamed  int                      // the index of the CSV header's last named column
	padding    int                      // empty cells past the header that every row has (see Record.Extra); -1 before the first row
	pending    json.RawMessage          // a JSON place read while looking for the array
	// inArray says the JSON places being read are the elements of an
	// array (not JSON Lines), wrapped that the array is a key's value in
	// an object; values counts the values after the file's first.
	inArray, wrapped bool
	values           int
	remarks          []string
	// names maps each column's folded name to its name in the file.
	names map[string]string
	// fileNames are the CSV header's names as the file writes them, by
	// position: a warning names the column a value came from.
	fileNames []string
	// producer is the producer's format the file is in (producer.go),
	// decided from the CSV header or the first JSON place; nil for the
	// standard.
	producer        *producerFormat
	producerDecided bool
	// The file's ids, decided at its first place: idColumn is the folded
	// name of the producer's own identifier column read as id when the
	// file has no id (« gid », « objectid »), noIDs says it has neither.
	idDecided bool
	idColumn  string
	noIDs     bool
	// filled counts, for each column no version of the standard has, the
	// rows that give it a value: the report says how much a column it
	// does not read held.
	filled map[string]int
	// unknown are the CSV header's columns of no version of the
	// standard, once each, whose cells filled counts.
	unknown []string
	// spare holds the cleared cell maps of rows their reader is done with
	// (Recycle), for the next CSV rows.
	spare []map[string]string
	// absent are the fields the file has no column for (absent.go): by
	// the CSV header, or as Import's first pass found the JSON keys
	// (setAbsent).
	absent models.Fields
	// offerCols are the columns looked at as named after an offer, nil
	// for the others (offer_columns.go); csvOfferCols a CSV file's, in
	// its header's order, once offerColsDecided.
	offerCols        map[string]*offerColumn
	csvOfferCols     []*offerColumn
	offerColsDecided bool
}

// maxSpareCells bounds the maps Recycle keeps: a few batches' worth.
const maxSpareCells = 4096

// Recycle gives back the cell maps of records the caller is done with: no
// longer read, and kept nowhere (a Place holds none of its record's maps).
// The next CSV rows reuse them, cleared, instead of allocating a map of
// every column for each row — most of the bytes reading a file allocated
// (issue 11, item 6). Each record's Cells is set to nil.
func (r *Reader) Recycle(records []Record) {
	if r.format != FormatCSV {
		return
	}
	for i := range records {
		if m := records[i].Cells; m != nil && len(r.spare) < maxSpareCells {
			clear(m)
			r.spare = append(r.spare, m)
		}
		records[i].Cells = nil
	}
}

// cells is an empty map for a CSV row's cells.
func (r *Reader) cells() map[string]string {
	if n := len(r.spare); n > 0 {
		m := r.spare[n-1]
		r.spare[n-1] = nil
		r.spare = r.spare[:n-1]
		return m
	}
	return make(map[string]string, len(r.header))
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
	rd := &Reader{columns: map[string]bool{}, keys: map[string]columnReading{}, names: map[string]string{}}
	raw := bufio.NewReaderSize(r, sniffSize)
	if head, _ := raw.Peek(sniffSize); !bytes.HasPrefix(head, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		if what := notText(head); what != "" {
			return nil, fmt.Errorf("this is %s, not a CSV or JSON file of places", what)
		}
	}
	br := rd.decode(raw)
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
		if crEndsLines(head) {
			// Lines ended by a carriage return alone, as Excel for Mac's
			// « CSV (Macintosh) » writes them: encoding/csv reads only
			// \n (or \r\n) as a line break, and the whole file was
			// one line — « holds no place », or a header of thousands
			// of columns.
			br = bufio.NewReaderSize(&crLines{r: br}, sniffSize)
			head, _ = br.Peek(len(head))
			rd.remarks = append(rd.remarks, "lines end with a carriage return alone (a « CSV (Macintosh) » file, or a file edited on a Mac): each was read as a line")
		}
		comma := sniffComma(head)
		c := csv.NewReader(&cellBound{r: br, comma: byte(comma), line: 1, atStart: true})
		c.Comma = comma
		c.LazyQuotes = true    // real files have stray quotes inside cells
		c.FieldsPerRecord = -1 // and rows with missing trailing cells
		if err := rd.readHeader(c); err != nil {
			return nil, err
		}
		rd.csv = c
		c.ReuseRecord = true
	case FormatJSON:
		d := json.NewDecoder(br)
		d.UseNumber()
		first, wrapped, err := openPlaces(d)
		if err != nil {
			return nil, err
		}
		if first != nil {
			rd.pending = first
			var f struct{ Type string }
			if json.Unmarshal(first, &f) == nil && f.Type == "Feature" {
				rd.remarks = append(rd.remarks, "the file is a GeoJSON Feature, or Features one after the other (GeoJSON Lines), not a FeatureCollection: each Feature was read as a place")
			} else {
				rd.remarks = append(rd.remarks, "the file is a JSON object, or objects one after the other (JSON Lines), not an array: each object was read as a place")
			}
		} else {
			rd.inArray, rd.wrapped = true, wrapped
		}
		rd.json = d
	default:
		return nil, fmt.Errorf("unknown format %q: use csv or json", format)
	}
	return rd, nil
}

// MaxColumns bounds the columns of a file of places (the standard has
// about forty, producers' own formats a few more): the CSV header, the
// cells of a row and the keys of a JSON place. A header of 100,000 columns
// made one import spend seconds matching each name against the standard's
// and answer a report of 20 MB (TestImportCostBounded).
const MaxColumns = 1000

// cellBound stops a CSV file at the first line holding more than
// maxLineCells separators, while it streams, before encoding/csv splits
// that line: 1 MiB of « ; » was split into 900,000 empty cells (1–2.7 s,
// 200 MB) only to be skipped as a blank line, or read as a row after a
// header. It follows quotes as encoding/csv does with LazyQuotes (a quote
// opens a cell only at its start; in a quoted cell, a quote closes it only
// before a separator or a line's end): a separator inside quotes is not
// counted. The bound is looser than MaxColumns, which the rows read are
// held to with the exact count.
//
// It also says when the file ends inside a quoted cell (unclosedQuote):
// with LazyQuotes, encoding/csv reads such a cell to the end of the file
// without an error, every row after the quote one cell's text.
type cellBound struct {
	r       io.Reader
	comma   byte
	line    int
	cells   int
	atStart bool // at the start of a cell
	quoted  bool
	closing bool // in a quoted cell, after a quote
	opened  int  // the line of the quote that opened the quoted cell
	last    byte // the last byte read
}

const maxLineCells = 4 * MaxColumns

// unclosedQuote is a file ending inside the quoted cell opened on line
// opened; last is the file's last line.
type unclosedQuote struct{ opened, last int }

func (e *unclosedQuote) Error() string {
	return fmt.Sprintf("the quote opening a cell on line %d is never closed", e.opened)
}

// lost says what the open cell would swallow, true in each case: the
// lines after it, when there are some (session 37 said « every place
// after it lost » of a quote on the last line, which no place follows).
func (e *unclosedQuote) lost() string {
	if e.last <= e.opened {
		return "on the file's last line: its cell would run to the end of the file, the rest of the line read as that one cell"
	}
	return fmt.Sprintf("so lines %d to %d (the end of the file) would be read as that one cell and every place on lines %d to %d lost", e.opened, e.last, e.opened+1, e.last)
}

func (b *cellBound) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if e := b.scan(p[:n]); e != nil {
		return e.n, e
	}
	if n > 0 {
		b.last = p[n-1]
	}
	if err == io.EOF && b.quoted && !b.closing {
		last := b.line
		if b.last == '\n' {
			last--
		}
		return n, &unclosedQuote{opened: b.opened, last: last}
	}
	return n, err
}

// tooManyCells is a line of more than maxLineCells separators; n is how
// many bytes of the read are given to the reader.
type tooManyCells struct {
	n, line int
}

func (e *tooManyCells) Error() string {
	return fmt.Sprintf("line %d has more than %d cells: a file of places has at most %d columns", e.line, maxLineCells, MaxColumns)
}

// scan follows the quotes and separators of p.
func (b *cellBound) scan(p []byte) *tooManyCells {
	for i, c := range p {
		if b.quoted {
			switch {
			case !b.closing:
				if c == '"' {
					b.closing = true
				} else if c == '\n' {
					b.line++
				}
				continue
			case c == '"' || c == '\r':
				b.closing = c == '\r'
				continue // an escaped quote; a line's \r\n
			case c != b.comma && c != '\n':
				b.closing = false
				continue // a stray quote, kept
			}
			b.quoted, b.closing = false, false
		}
		switch {
		case c == '"' && b.atStart:
			b.quoted, b.atStart, b.opened = true, false, b.line
			continue
		case c == b.comma:
			b.cells++
			b.atStart = true
			if b.cells >= maxLineCells {
				return &tooManyCells{n: i + 1, line: b.line}
			}
		case c == '\n':
			b.line++
			b.cells = 0
			b.atStart = true
		default:
			b.atStart = false
		}
	}
	return nil
}

// jsonScalar says whether line, a file's only line, is a JSON value that
// is not an array or an object (null, true, false, a string, a number).
func jsonScalar(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || line[0] == '[' || line[0] == '{' {
		return false
	}
	var v any
	return json.Unmarshal([]byte(line), &v) == nil
}

// headerSearch is how many lines before the header are skipped: a title,
// a date of export, blank lines, as spreadsheets keep them.
const headerSearch = 10

// readHeader reads the CSV header: the first line naming a column of the
// standard, after at most headerSearch lines that name none (a title line,
// blank lines), which the remarks list.
func (rd *Reader) readHeader(c *csv.Reader) error {
	var skipped []string
	refuse := func() error {
		after := ""
		if len(skipped) > 1 {
			after = fmt.Sprintf(", nor do the %d lines after it", len(skipped)-1)
		}
		if len(skipped) == 1 && jsonScalar(skipped[0]) {
			// `null`, `true`, `42` saved as a .json file: no CSV was meant
			// (it was refused with a sentence about a CSV header, probe 45).
			return fmt.Errorf("the file is the JSON value « %s », which holds no place: %s", skipped[0], wantJSON)
		}
		return fmt.Errorf("its first line names no column of the standard (« %s »)%s: a CSV file of places starts with a header such as id,nom,commune,code_postal,adresse,services", skipped[0], after)
	}
	for {
		header, err := c.Read()
		if errors.Is(err, io.EOF) && len(skipped) > 0 {
			return refuse()
		}
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("the file is empty")
		}
		if err != nil {
			return fmt.Errorf("the CSV header cannot be read: %v", err)
		}
		if blank(header) {
			continue
		}
		if len(header) > MaxColumns {
			return fmt.Errorf("its line %d has %d columns: a file of places has at most %d columns", len(skipped)+1, len(header), MaxColumns)
		}
		known := false
		filled := 0
		readings := make([]columnReading, len(header))
		folded := make(map[string]bool, len(header))
		fixed := make([]string, len(header))
		for i, h := range header {
			if b, bad := fixUTF8([]byte(h)); bad {
				h = string(b)
			}
			fixed[i] = h
			folded[foldColumn(h)] = true
		}
		rd.producer = detectProducer(folded)
		for i, h := range fixed {
			if rd.producer != nil {
				readings[i] = rd.producer.reading(h)
				known = true
			} else {
				readings[i] = readColumn(h)
			}
			// A name of one letter (x and y, GIS exports' coordinates)
			// is read beside others but does not make a line the header:
			// « x » is also a spreadsheet's tick in a row of values.
			known = known || slices.Contains(knownColumns, readings[i].name) && len(foldColumn(h)) > 1
			if strings.TrimSpace(h) != "" {
				filled++
			}
		}
		if !known {
			first := strings.TrimRight(strings.Join(header, string(c.Comma)), string(c.Comma))
			if len(first) > 120 {
				first = first[:120] + "…"
			}
			skipped = append(skipped, first)
			// A line of several cells naming no column is the header
			// of another format, not a title.
			if filled > 2 || len(skipped) >= headerSearch {
				return refuse()
			}
			continue
		}
		if len(skipped) > 0 {
			rd.remarks = append(rd.remarks, fmt.Sprintf("%d line(s) before the header skipped: « %s »", len(skipped), strings.Join(skipped, " », « ")))
		}
		rd.headerHash = []byte(strings.Join(header, "\x1f"))
		rd.header = readings
		rd.fileNames = make([]string, len(header))
		for i, h := range header {
			rd.fileNames[i] = strings.TrimSpace(h)
		}
		rd.lastNamed, rd.padding = -1, -1
		for i, cr := range readings {
			if cr.name != "" && !knownColumn[cr.name] && !rd.columns[cr.name] {
				rd.unknown = append(rd.unknown, cr.name)
			}
			rd.columns[cr.name] = true
			if _, ok := rd.names[cr.name]; !ok && cr.name != "" {
				rd.names[cr.name] = strings.TrimSpace(header[i])
			}
			if cr.name != "" {
				rd.lastNamed = i
			}
		}
		rd.absent = absentFields(rd.carried())
		return nil
	}
}

// Remarks are what the reader noticed on the whole file (lines skipped
// before the header, JSON Lines), for the report's row 0.
func (r *Reader) Remarks() []string { return r.remarks }

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
	if mixedUTF8(head) {
		// UTF-8 with rows in Windows-1252 (pasted from a spreadsheet):
		// each row's bytes that are not UTF-8 are read as Windows-1252,
		// and the report names those rows.
		return br
	}
	rd.encoding = "Windows-1252"
	return bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(br), sniffSize)
}

// mixedUTF8 reports whether b, not valid UTF-8, still holds characters
// written in UTF-8 (accents of two bytes or more): a file mixing both
// encodings, not a Windows-1252 file.
func mixedUTF8(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if n > 1 && r != utf8.RuneError {
			return true
		}
		b = b[n:]
	}
	return false
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
// skipped). A top-level object that is itself a place (it has a column of
// the standard and no array of places) starts a sequence of places, one
// object after the other: JSON Lines (NDJSON), as data pipelines export
// them; that first place is returned.
func openPlaces(d *json.Decoder) (first json.RawMessage, wrapped bool, err error) {
	t, err := d.Token()
	if err != nil {
		return nil, false, fmt.Errorf("%s: %v", wantJSON, err)
	}
	return openPlacesAt(d, t)
}

const wantJSON = "a JSON file of places must be an array of objects, an object holding that array under one of the keys data, items, results, records, lieux, places, structures or features (a GeoJSON FeatureCollection), a GeoJSON Feature, or one place object (or Feature) per line (JSON Lines)"

// openPlacesAt is openPlaces once the value's first token t was read.
// wrapped says the array is inside an object, whose other keys remain to
// be read after the array (see Reader.afterArray).
func openPlacesAt(d *json.Decoder, t json.Token) (first json.RawMessage, wrapped bool, err error) {
	const want = wantJSON
	if t == json.Delim('[') {
		return nil, false, nil
	}
	if t != json.Delim('{') {
		return nil, false, errors.New(want)
	}
	obj := map[string]json.RawMessage{}
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return nil, false, fmt.Errorf("%s: %v", want, err)
		}
		key, _ := k.(string)
		if slices.Contains(placesKeys, strings.ToLower(key)) {
			t, err := d.Token()
			if err == nil && t == json.Delim('[') {
				return nil, true, nil
			}
			if err != nil {
				return nil, false, fmt.Errorf("%s: %v", want, err)
			}
			if t == json.Delim('{') || t == json.Delim('[') {
				if err := skipValue(d); err != nil {
					return nil, false, fmt.Errorf("%s: %v", want, err)
				}
			}
			continue
		}
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil, false, fmt.Errorf("%s: %v", want, err)
		}
		obj[key] = v
	}
	if _, err := d.Token(); err != nil { // the closing brace
		return nil, false, fmt.Errorf("%s: %v", want, err)
	}
	if isFeature(obj) {
		// A lone GeoJSON Feature (RFC 7946 § 3.2: a GeoJSON text may be
		// one), or newline-delimited Features as GeoJSONSeq tools write
		// them: each a place, read as a collection's features are
		// (featureProperties). It was refused, its keys matching no column.
		first, err := json.Marshal(obj)
		return first, false, err
	}
	for k := range obj {
		if slices.Contains(knownColumns, readColumn(k).name) {
			first, err := json.Marshal(obj)
			return first, false, err
		}
	}
	return nil, false, errors.New(want)
}

// isFeature says whether obj, a JSON object's members, is a GeoJSON
// Feature: its type says so and it has a geometry or properties member.
func isFeature(obj map[string]json.RawMessage) bool {
	var typ string
	if json.Unmarshal(obj["type"], &typ) != nil || typ != "Feature" {
		return false
	}
	_, geom := obj["geometry"]
	_, props := obj["properties"]
	return geom || props
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
// the header; for JSON, those of the objects read). The producer's column
// read as id (see ids) is the id column: the report said « carto_id read
// as id » and « carto_id: not a column… ignored » of the same column.
func (r *Reader) Columns() map[string]bool {
	if (r.idColumn == "" || !r.columns[r.idColumn]) && len(r.containers) == 0 {
		return r.columns
	}
	out := maps.Clone(r.columns)
	if r.idColumn != "" && r.columns[r.idColumn] {
		delete(out, r.idColumn)
		out["id"] = true
	}
	for c := range r.containers {
		// An object read as columns (« localisation ») is no column
		// of its own, unless some row gave it a value.
		if !knownColumn[c] && r.filled[c] == 0 {
			delete(out, c)
		}
	}
	return out
}

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
				var uq *unclosedQuote
				if errors.As(err, &uq) {
					return Record{}, fmt.Errorf("CSV line %d: the quote opening a cell of place %d is never closed, %s; close the quote, or remove it (a quote at a cell's start opens a quoted cell)", uq.opened, r.row+1, uq.lost())
				}
				return Record{}, err
			}
			if blank(fields) {
				continue
			}
			if err := r.swallowedRows(fields); err != nil {
				return Record{}, err
			}
			if len(fields) > MaxColumns {
				line, _ := r.csv.FieldPos(0)
				return Record{}, fmt.Errorf("CSV line %d has %d cells: a file of places has at most %d columns", line, len(fields), MaxColumns)
			}
			r.row++
			rec := Record{Row: r.row, Cells: r.cells(), Hash: rowHash(r.headerHash, fields...), Short: len(fields) <= r.lastNamed, unmarked: true}
			for i, v := range fields {
				if !utf8.ValidString(v) {
					b, _ := fixUTF8([]byte(v))
					v, rec.Recoded = string(b), true
				}
				if rec.unmarked && strings.Contains(v, lostLetter) {
					rec.unmarked = false
				}
				if t := strings.TrimSpace(v); t != v {
					if i < len(r.header) && r.header[i].name == "id" && t != "" {
						rec.idWritten = v
					}
					v = t
				}
				switch {
				case i >= len(r.header):
					if v != "" {
						rec.Beyond = append(rec.Beyond, v)
					}
				case r.header[i].name == "":
					if v != "" {
						rec.Unnamed = append(rec.Unnamed, v)
					}
				default:
					rec.setFrom(r.header[i], func() string { return fmt.Sprintf("« %s » (column %d)", r.fileNames[i], i+1) }, v)
				}
			}
			if extra := len(fields) - len(r.header); extra > 0 || r.padding < 0 {
				extra = max(extra, 0)
				if r.padding < 0 {
					r.padding = extra
					if len(rec.Beyond) > 0 {
						r.padding = 0
					}
				}
				rec.Extra, rec.Shifted = extra, len(rec.Beyond) > 0 || extra != r.padding
			}
			if r.repeatsHeader(fields) {
				// Files concatenated, each with its header: one reason,
				// not a warning per cell read as a value (probe 41a L3).
				clear(rec.Cells)
				rec.Err = errors.New("repeats the header (the file's column names written again, as when files are joined end to end): not a place; ignored")
			} else if rec.Short {
				rec.shift = shortRow(fields, r.header, r.fileNames)
			}
			r.finish(&rec)
			return rec, nil
		}
	}
	var raw json.RawMessage
	for r.pending == nil && !r.json.More() {
		if err := r.nextValue(); err != nil {
			return Record{}, err
		}
	}
	if r.pending != nil {
		raw, r.pending = r.pending, nil
		r.row++
	} else {
		r.row++
		if err := r.json.Decode(&raw); err != nil {
			return Record{}, fmt.Errorf("JSON element %d: %v", r.row, err)
		}
	}
	raw, recoded := fixUTF8(raw)
	var obj map[string]any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&obj); err != nil || obj == nil {
		return Record{Row: r.row, Cells: map[string]string{}, Err: errors.New("is not a JSON object")}, nil
	}
	obj, geometryNote := featureProperties(obj)
	if len(obj) > MaxColumns {
		return Record{}, fmt.Errorf("JSON element %d has %d keys: a place has at most %d columns", r.row, len(obj), MaxColumns)
	}
	if !r.producerDecided {
		if carnetGeoJSON(obj) {
			return Record{}, fmt.Errorf("JSON element %d is a place of Carnet's own GeoJSON export (« structure_id », « street », « quality_score »), written for maps, not in the standard's columns: each row would be rejected. Import Carnet's standard-json or standard-csv export instead (GET /api/v1/exports/standard-json), which is read back as the same places", r.row)
		}
		r.producerDecided = true
		folded := make(map[string]bool, len(obj))
		for k := range obj {
			folded[foldColumn(k)] = true
		}
		flat, _ := flattenJSONAtMost(obj, MaxColumns)
		for k := range flat {
			// A format may be known by columns inside an object
			// (« geo.latitude »).
			folded[foldColumn(k)] = true
		}
		r.producer = detectProducer(folded)
	}
	if r.producer != nil && r.producer.nested {
		// Flattened, a place is held to the same bound: an object of
		// 100,000 keys inside it was read as 100,000 columns, each
		// remembered by the reader for every later row.
		flat, ok := flattenJSONAtMost(obj, MaxColumns)
		if !ok {
			return Record{}, fmt.Errorf("JSON element %d has more than %d values once its objects are written out as columns (« address.postalCode »): a place has at most %d columns", r.row, MaxColumns, MaxColumns)
		}
		obj = flat
	}
	rec := Record{Row: r.row, Cells: make(map[string]string, len(obj)), Hash: r.jsonHash(raw), Recoded: recoded}
	if geometryNote != "" {
		rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: "geometry", Severity: SeverityWarning, Reason: geometryNote})
	}
	for _, k := range r.keyOrder(obj) {
		v := obj[k]
		cr := r.reading(k)
		cell, ok := cellString(v)
		if !ok && cr.name != ColumnCoordinates && r.readNested(&rec, k, v) {
			continue
		}
		if m, isObject := v.(map[string]any); !ok && isObject && cr.name == ColumnCoordinates {
			// Both coordinates as an object ({"lat": …, "lon": …}, a
			// GeoJSON Point): the text coordinatePair reads.
			if b, err := json.Marshal(m); err == nil {
				cell, ok = string(b), true
			}
		}
		if !ok {
			if names, named := objectNames(v); named {
				cell, ok = names, true
				if rec.Named == nil {
					rec.Named = map[string]bool{}
				}
				rec.Named[cr.name] = true
			}
		}
		if !ok {
			if rec.Objects == nil {
				rec.Objects = map[string]bool{}
			}
			rec.Objects[cr.name] = true
			cell = ""
		}
		if str, isString := v.(string); isString && cr.name == "id" && cell != "" && str != cell {
			rec.idWritten = str
		}
		rec.setFrom(cr, func() string { return "« " + k + " »" }, cell)
	}
	r.finish(&rec)
	return rec, nil
}

// repeatsHeader says whether a CSV row is the header again: every cell of
// at least two equals its column's name, as written or as read.
func (r *Reader) repeatsHeader(fields []string) bool {
	same := 0
	for i, f := range fields {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if i >= len(r.fileNames) || !strings.EqualFold(f, r.fileNames[i]) && !foldsTo(f, r.header[i].name) {
			return false
		}
		same++
	}
	return same >= 2
}

// swallowedRows refuses a CSV row whose quoted cell, opened by a quote
// the producer meant as a character (« "Association ""Le Lien"" » with no
// closing quote), runs over lines that are rows of the file, until a
// quote before a separator on a later line closes it: the places on those
// lines were read as the cell's text, and a snapshot archived them. A
// line inside the cell with as many cells as the file's rows is such a
// row; a cell's own line breaks (an address on two lines, a description)
// hold no such line. Only rows that run over several lines are looked
// at.
func (r *Reader) swallowedRows(fields []string) error {
	first, _ := r.csv.FieldPos(0)
	if end, _ := r.csv.FieldPos(len(fields) - 1); end == first {
		return nil
	}
	sep := string(r.csv.Comma)
	for i, f := range fields {
		lines := strings.Split(f, "\n")
		if len(lines) < 3 {
			continue
		}
		opened, _ := r.csv.FieldPos(i)
		for j, l := range lines[1 : len(lines)-1] {
			if n := strings.Count(l, sep) + 1; n == len(r.header) || r.padding > 0 && n == len(r.header)+r.padding {
				return fmt.Errorf("CSV line %d: the quote opening a cell of place %d closes only on line %d, so lines %d to %d were read as that one cell, though line %d is a row of the file (« %s »): a quote is missing or one too many", opened, r.row+1, opened+len(lines)-1, opened, opened+len(lines)-1, opened+1+j, clip(l))
			}
		}
	}
	return nil
}

// carnetGeoJSON says whether a place's properties are those Carnet's
// GeoJSON export writes (geojson.go): its own names (street, phones,
// structure_id), not the standard's, and offers as objects. Imported back,
// each row was rejected for the standard's columns it lacks and the
// command exited 0 (probe 37b M4).
func carnetGeoJSON(obj map[string]any) bool {
	for _, k := range []string{"structure_id", "street", "quality_score", "source_id"} {
		if _, ok := obj[k]; !ok {
			return false
		}
	}
	return true
}

// nextValue is called when the array of places (or the sequence of JSON
// Lines) has no more element: it reads what follows, to the end of the
// file. A file may hold several values one after the other — pages of an
// API saved end to end (« [...][...] », « {"data": [...]}{"data": [...]} »):
// the places of each are read, and the remarks say so. Anything else after
// the places (text that is not JSON, an object holding no places) is an
// error: it was ignored without a word, with the places after it, and a
// snapshot would have archived them. io.EOF at the end of the file.
func (r *Reader) nextValue() error {
	d := r.json
	if r.inArray {
		if _, err := d.Token(); err != nil { // the closing bracket
			return fmt.Errorf("after JSON element %d: %v", r.row, err)
		}
		if r.wrapped {
			// The wrapping object's keys after the array (« links »,
			// « meta »), then its closing brace.
			for d.More() {
				var skip json.RawMessage
				if _, err := d.Token(); err != nil {
					return fmt.Errorf("after JSON element %d: %v", r.row, err)
				}
				if err := d.Decode(&skip); err != nil {
					return fmt.Errorf("after JSON element %d: %v", r.row, err)
				}
			}
			if _, err := d.Token(); err != nil {
				return fmt.Errorf("after JSON element %d: %v", r.row, err)
			}
		}
		r.inArray = false
	}
	t, err := d.Token()
	if errors.Is(err, io.EOF) {
		return io.EOF
	}
	if err != nil {
		return fmt.Errorf("after JSON element %d the file holds more that is not JSON: %v", r.row, err)
	}
	first, wrapped, err := openPlacesAt(d, t)
	if err != nil {
		return fmt.Errorf("after JSON element %d the file holds another value, which is not places: %v", r.row, err)
	}
	r.values++
	if r.values == 1 {
		r.remarks = append(r.remarks, "the file holds several JSON values one after the other (pages of an API saved end to end?): the places of each were read")
	}
	if first != nil {
		r.pending = first
	} else {
		r.inArray, r.wrapped = true, wrapped
	}
	return nil
}

// reading returns how the key k of a JSON object is read, and remembers it.
func (r *Reader) reading(k string) columnReading {
	cr, ok := r.keys[k]
	if !ok {
		if r.producer != nil {
			cr = r.producer.reading(k)
		} else {
			cr = readColumn(k)
		}
		r.keys[k] = cr
		r.columns[cr.name] = true
		if _, ok := r.names[cr.name]; !ok {
			r.names[cr.name] = k
		}
	}
	return cr
}

// keyOrder returns the keys of a JSON object in the order they are read.
// A cell keeps the first value given to it (Record.set), and two keys may
// read as one column (Ultra Num's « Latitude »: ";" beside « latitude »:
// -21.28): the keys spelt as the column they read as come first, then the
// others, each group sorted, so that every import reads a row alike
// (ranging over the map gave the keys in a random order).
func (r *Reader) keyOrder(obj map[string]any) []string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	// Sorted first, and each key asked how it reads once, in that order:
	// reading remembers the first key of a column as its name in the
	// report, and asked in the order a sort compared them (the map's) it
	// named « Latitude » one run, « latitude » the next. The exact keys
	// then go ahead of the others, each group staying sorted.
	slices.Sort(keys)
	ordered := make([]string, 0, len(keys))
	others := keys[:0] // written at or behind the key read
	for _, k := range keys {
		if r.reading(k).name == strings.TrimSpace(k) {
			ordered = append(ordered, k)
		} else {
			others = append(others, k)
		}
	}
	return append(ordered, others...)
}

// finish completes a record read: the values its producer's format gives
// it, then its id.
func (r *Reader) finish(rec *Record) {
	rec.absent = r.absent
	if r.header != nil {
		// A CSV row's cells are its header's columns: only the unknown
		// ones are looked at, not every cell of every row.
		for _, c := range r.unknown {
			r.countFilled(c, rec.Cells[c])
		}
	} else {
		for c, v := range rec.Cells {
			if !knownColumn[c] {
				r.countFilled(c, v)
			}
		}
	}
	if r.producer != nil && rec.Err == nil {
		r.producer.apply(rec)
	} else if rec.Err == nil {
		standardDays(rec)
		serviceTypes(rec)
	}
	r.offersInColumns(rec)
	if rec.Err == nil && rec.Cells["services"] == "" {
		rec.servicesIn = r.servicesElsewhere(rec)
	}
	r.ids(rec)
}

// servicesElsewhere returns the file's name of a column of no version of
// the standard whose cell in the row names only services, when the row
// has none in its services column: the offers it names are not read, and
// the row says so (probe 41a M1: « Nos activités »).
func (r *Reader) servicesElsewhere(rec *Record) string {
	look := func(c string) string {
		v := rec.Cells[c]
		if v == "" || len(v) > 2000 || knownColumn[c] || strings.HasPrefix(c, producerPrefix) {
			return ""
		}
		// The cell's values as the standard separates them only: every
		// row of a file without services comes here, and SplitKnown's
		// search for labels in a free text costs.
		if !allServices(vocab.SplitCell(v)) && (!strings.Contains(v, ",") || !allServices(strings.Split(v, ","))) {
			return ""
		}
		if n := r.names[c]; n != "" {
			return n
		}
		return c
	}
	if r.header != nil {
		for _, c := range r.unknown {
			if n := look(c); n != "" {
				return n
			}
		}
		return ""
	}
	// A JSON row is a map: the first name in order, not the first a
	// map's iteration meets, so that a file is reported one way.
	first := ""
	for c := range rec.Cells {
		if n := look(c); n != "" && (first == "" || n < first) {
			first = n
		}
	}
	return first
}

// allServices says whether parts, a cell's values, are all services of a
// version of the standard (v1's labels, v0.1's): a column of another name
// that holds them is a services column the row's offers are in (see
// servicesElsewhere). Joined with « | » or « ; » as the standard writes
// them, or with commas as spreadsheets do (a service with a comma in its
// label is then no part, and the cell is not taken: a row not told rather
// than a column of other values read as services).
func allServices(parts []string) bool {
	n := 0
	for _, p := range parts {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !vocab.IsLegacyValue(vocab.LegacyColumnServices, p) {
			return false
		}
		n++
	}
	return n > 0
}

// countFilled counts a row's value v of a column of no version of the
// standard, c.
func (r *Reader) countFilled(c, v string) {
	if v == "" {
		return
	}
	if r.filled == nil {
		r.filled = map[string]int{}
	}
	r.filled[c]++
}

// Filled returns how many rows gave a value to the column c (its name as
// Columns gives it) when c is a column of no version of the standard.
func (r *Reader) Filled(c string) int { return r.filled[c] }

// Producer returns the producer's format the file was recognised in, or
// nil.
func (r *Reader) Producer() *producerFormat { return r.producer }

// featureProperties returns the place a GeoJSON Feature describes: its
// properties, with latitude and longitude from its Point geometry when the
// properties do not give them. Any other object is returned as it is.
//
// An Opendatasoft record ({"recordid", "fields", "geometry",
// "record_timestamp"}, the portals' API v1) is its fields, with its
// recordid and record_timestamp, and its geometry's coordinates alike.
//
// note says what of the geometry was not read.
func featureProperties(obj map[string]any) (props map[string]any, note string) {
	props, ok := obj["properties"].(map[string]any)
	if fields, isRecord := obj["fields"].(map[string]any); isRecord && obj["recordid"] != nil {
		props, ok = fields, true
		for _, k := range []string{"recordid", "record_timestamp"} {
			if _, taken := props[k]; !taken && obj[k] != nil {
				props[k] = obj[k]
			}
		}
	} else if typ, _ := obj["type"].(string); typ != "Feature" {
		return obj, ""
	} else if !ok {
		// A Feature whose properties are null or absent (RFC 7946
		// allows null) is a place with nothing but its geometry and
		// id: returned as itself, its members « type », « geometry »
		// and « properties » were taken for the file's columns, and
		// the whole collection was judged a file of another format.
		props = map[string]any{}
		if p := obj["properties"]; p != nil {
			note = "the feature's properties are not an object; none were read"
		}
	}
	// A Feature's identifier is its own member « id », where GeoJSON puts
	// it (RFC 7946 § 3.2, and Carnet's own GeoJSON export): a place
	// without an id of its properties takes it.
	if id, _ := cellString(obj["id"]); id != "" {
		if own, _ := cellString(props["id"]); own == "" {
			props["id"] = obj["id"]
		}
	}
	geom, _ := obj["geometry"].(map[string]any)
	typ, _ := geom["type"].(string)
	if typ == "MultiPoint" {
		// One point written as a MultiPoint, as some GIS exports do:
		// the place's point. Several points are several places, which
		// the row cannot tell apart: their coordinates are left, and
		// the row's warning says so.
		if pts, _ := geom["coordinates"].([]any); len(pts) == 1 {
			geom = map[string]any{"type": "Point", "coordinates": pts[0]}
			typ = "Point"
		} else if len(pts) > 1 {
			note = fmt.Sprintf("the feature's geometry is a MultiPoint of %d points: one place has one point, so none was read", len(pts))
		}
	}
	switch typ {
	case "", "Point", "MultiPoint":
	default:
		// A building's outline or a route: a place has one point, and
		// which point of the shape is the entrance no one can say.
		note = fmt.Sprintf("the feature's geometry is a %s, not a point: its coordinates were not read", clip(typ))
	}
	if typ == "Point" {
		if c, _ := geom["coordinates"].([]any); len(c) >= 2 {
			// Properties that say nothing of the coordinates (absent,
			// null or "") take the geometry's.
			lat, _ := cellString(props["latitude"])
			lon, _ := cellString(props["longitude"])
			if lat == "" && lon == "" {
				props["latitude"], props["longitude"] = c[1], c[0]
			}
		}
	}
	return props, note
}

// flattenJSON writes a place's nested objects as columns named by their
// path, as mednum-cli reads its sources (the « flat » package): {"address":
// {"postalCode": "67000"}} is « address.postalCode », a list of objects is
// numbered (« services.etre_aidee.0.tarif »); a list of plain values stays
// one cell. obj itself is left as it is. Below maxFlatDepth levels a value
// stays whole under its path: formats name columns a few levels down, and
// following a hostile file's nesting (10,000 levels fit in 20 kB) would copy
// each path again at every level, some 100 MB for one row.
func flattenJSON(obj map[string]any) map[string]any {
	out, _ := flattenJSONAtMost(obj, math.MaxInt)
	return out
}

// flattenJSONAtMost is flattenJSON writing at most max+1 columns, ok false
// when the place has more: an object of more than max keys is skipped,
// neither sorted nor written out only to be refused, and the other
// objects are still written (a format is recognised by their columns).
func flattenJSONAtMost(obj map[string]any, max int) (flat map[string]any, ok bool) {
	out := make(map[string]any, min(len(obj), max))
	over := false
	// Two values may have one path (« a.b » beside « a »: {« b »}): the
	// first given keeps it, a key of the place written whole before any
	// path, then the paths in the order of their keys, so that a place is
	// read alike every time (ranging over the maps gave either value).
	put := func(path string, v any) {
		if _, taken := out[path]; !taken {
			if len(out) > max {
				over = true
				return
			}
			out[path] = v
		}
	}
	var walk func(prefix string, v any, depth int)
	walk = func(prefix string, v any, depth int) {
		if depth > maxFlatDepth {
			put(prefix, v)
			return
		}
		switch x := v.(type) {
		case map[string]any:
			if len(x) == 0 {
				put(prefix, nil)
			}
			if len(x) > max {
				over = true
				return
			}
			for _, k := range slices.Sorted(maps.Keys(x)) {
				walk(prefix+"."+k, x[k], depth+1)
			}
		case []any:
			if _, ok := cellString(x); ok {
				put(prefix, x)
				return
			}
			for i, e := range x {
				walk(prefix+"."+strconv.Itoa(i), e, depth+1)
			}
		default:
			put(prefix, v)
		}
	}
	var nested []string
	for k, v := range obj {
		switch x := v.(type) {
		case map[string]any:
			nested = append(nested, k)
		case []any:
			if _, ok := cellString(x); ok {
				out[k] = v
			} else {
				nested = append(nested, k)
			}
		default:
			out[k] = v
		}
	}
	slices.Sort(nested)
	for _, k := range nested {
		walk(k, obj[k], 1)
	}
	return out, !over && len(out) <= max
}

// maxFlatDepth is how many levels flattenJSON writes out: the deepest
// column a format names is « services.etre_aidee.0.tarif », four.
const maxFlatDepth = 8

// set stores a cell under the standard's name of its column. When a file
// has a column twice, under one name or two (« courriels » and « email »),
// the first value that is not empty wins, and another value left is a
// warning of the row: it was lost without a word (« Code Postal » beside
// « code_postal »). The contacts are no exception: a second « courriels »
// or « telephone » was added to the published ones, and a column of the
// director's private address put it on every place (probe 37b M2).
func (rec *Record) set(c columnReading, v string) {
	rec.setOver(c, v, rec.Cells[c.name])
}

// setOver is set where the cell's value so far, old, is known.
func (rec *Record) setOver(c columnReading, v, old string) {
	if old != "" {
		if v == "" || v == old || c.name == "" {
			return
		}
		rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: c.name, Value: clip(v), Severity: SeverityWarning,
			Reason: fmt.Sprintf("the file gives this column twice: its first value « %s » is read, this one left", clip(old))})
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

// setFrom stores a cell of the file's column from (its name, and its
// position in a CSV file). A column given twice whose first cell is empty
// has the other's value read, not lost, but with a warning: a second,
// private « courriels » column was else published on every row whose
// public cell was empty, without a word (verify 37b N3).
//
// from names the cell in the file, formatted only for the rare warning:
// formatted for every cell of every row, it was 4 % of a first import's CPU
// and a tenth of its allocations (issue 11, item 6).
func (rec *Record) setFrom(c columnReading, from func() string, v string) {
	if len(v) > 1 && (v[0] == '=' || v[0] == '\'') {
		if inner, ok := excelText(v); ok && c.name != "" {
			v = inner
			if rec.Excel == nil {
				rec.Excel = map[string]bool{}
			}
			rec.Excel[c.name] = true
		}
	}
	old, seen := rec.Cells[c.name]
	if seen && old == "" && v != "" && c.name != "" {
		rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: c.name, Value: clip(v), Severity: SeverityWarning,
			Reason: fmt.Sprintf("the file gives this column twice and its first cell is empty: the value of %s is read; please check it is meant to be published", from())})
	}
	rec.setOver(c, v, old) // one lookup of the cell, not two: every cell of every row comes here
}

// mappingVersion changes whenever ToPlace reads a row differently: rows
// hashed by an older version are read again.
const mappingVersion = "carnet-import-18"

// rowHash hashes a row's cells (and the header of a CSV file).
//
// The bytes hashed are written into one reused buffer and hashed at once:
// through hash.Hash, every cell was copied into a []byte of its own (the
// interface's Write lets it escape) and hashed in a call of its own, 1.7 %
// of a first import's CPU for 3 % of the bytes it hashes (issue 11, item
// 6). The bytes, and so the hashes stored by earlier imports, are the same
// (TestRowHashStable).
func rowHash(header []byte, fields ...string) string {
	bp := rowHashBuffers.Get().(*[]byte)
	b := append((*bp)[:0], mappingVersion...)
	b = append(b, header...)
	for _, f := range fields {
		b = append(b, 0x1e)
		b = append(b, f...)
	}
	sum := sha256.Sum256(b)
	if cap(b) <= 64<<10 { // a row with huge cells does not pin its buffer
		*bp = b
		rowHashBuffers.Put(bp)
	}
	return hex.EncodeToString(sum[:16])
}

var rowHashBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

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

// sniffComma picks the field separator of a CSV file from its first line
// that has one (a title line may come before the header): the standard
// uses ",", but French spreadsheets export ";" and some tools tabs.
// Separators inside quotes do not count.
func sniffComma(head []byte) rune {
	if sep, ok := headerSeparator(head); ok {
		return sep
	}
	counts := map[rune]int{}
	quoted := false
	lines := 0
	for _, c := range string(head) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		case !quoted && c == '\n':
			lines++
		}
		if !quoted && c == '\n' && (len(counts) > 0 || lines >= headerSearch) {
			break
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

// headerSeparator finds the separator by the header itself: the one that
// splits one of the file's first lines into the most columns of the
// standard or of a producer's format, when one does (two at least). A
// title line above the header (« Lieux de médiation numérique,
// Alpes-Maritimes ») holds a comma, and counting the separators of the
// first line that has any read a « ; » file as comma-separated: its
// header then named no column and the file was refused.
func headerSeparator(head []byte) (rune, bool) {
	lines := strings.SplitN(string(head), "\n", headerSearch+2)
	if len(lines) > headerSearch+1 {
		lines = lines[:headerSearch+1] // the last is the rest of the head
	}
	best, bestKnown, tie := ',', 0, false
	for _, sep := range []rune{',', ';', '\t'} {
		known := 0
		for _, line := range lines {
			cells := strings.Split(strings.TrimSuffix(line, "\r"), string(sep))
			if len(cells) < 2 || len(cells) > MaxColumns {
				continue
			}
			n := 0
			folded := make(map[string]bool, len(cells))
			for _, c := range cells {
				c = strings.Trim(strings.TrimSpace(c), `"`)
				folded[foldColumn(c)] = true
				if slices.Contains(knownColumns, readColumn(c).name) {
					n++
				}
			}
			if detectProducer(folded) != nil {
				n = max(n, len(cells))
			}
			known = max(known, n)
		}
		switch {
		case known > bestKnown:
			best, bestKnown, tie = sep, known, false
		case known == bestKnown:
			tie = true
		}
	}
	return best, bestKnown >= 2 && !tie
}

// crEndsLines reports whether lines of head end with a carriage return
// alone, outside quoted cells: all of them (Excel for Mac), or some (a file
// edited on a Mac after a PC wrote it: two rows were read as one). A line
// break inside a quoted cell is Excel's Alt+Enter, \n in any file, and does
// not count. A cell holds no \r of its own unquoted: tools quote a cell
// with a line break.
func crEndsLines(head []byte) bool {
	quoted := false
	for i, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && c == '\r' && (i+1 == len(head) || head[i+1] != '\n'):
			return true
		}
	}
	return false
}

// crLines reads a carriage return alone as a line feed; \r\n stays.
type crLines struct {
	r       io.Reader
	pending bool // the last byte read was \r, kept back to see the next
}

func (c *crLines) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n := 0
	if c.pending {
		p[0], n, c.pending = '\r', 1, false
	}
	m, err := c.r.Read(p[n:])
	n += m
	// A \r at the end waits for the next byte (\r\n is a line end
	// encoding/csv reads), unless the input ended.
	if n > 0 && p[n-1] == '\r' && err == nil {
		n, c.pending = n-1, true
	}
	for i := 0; i < n; i++ {
		// The last byte is followed by the \r kept back, or by nothing.
		if p[i] == '\r' && (i+1 == n || p[i+1] != '\n') {
			p[i] = '\n'
		}
	}
	return n, err
}
