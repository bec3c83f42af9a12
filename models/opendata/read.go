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
	"strconv"
	"strings"
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
}

// NewReader starts reading r. format is FormatCSV, FormatJSON or "" to tell
// from the first character ([ means JSON).
func NewReader(r io.Reader, format string) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	skipBOM(br)
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
			if b[0] == '[' {
				format = FormatJSON
			}
			break
		}
	}
	rd := &Reader{format: format, columns: map[string]bool{}, keys: map[string]columnReading{}}
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
		for i, h := range header {
			rd.header[i] = readColumn(h)
			rd.columns[rd.header[i].name] = true
		}
		rd.csv = c
		c.ReuseRecord = true
	case FormatJSON:
		d := json.NewDecoder(br)
		d.UseNumber()
		t, err := d.Token()
		if err != nil || t != json.Delim('[') {
			return nil, fmt.Errorf("a JSON file of places must be an array of objects")
		}
		rd.json = d
	default:
		return nil, fmt.Errorf("unknown format %q: use csv or json", format)
	}
	return rd, nil
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
	rec := Record{Row: r.row, Cells: make(map[string]string, len(obj)), Hash: rowHash(nil, string(raw))}
	for k, v := range obj {
		cr, ok := r.keys[k]
		if !ok {
			cr = readColumn(k)
			r.keys[k] = cr
			r.columns[cr.name] = true
		}
		rec.set(cr, cellString(v))
	}
	return rec, nil
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

func cellString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if s := cellString(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "|")
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func skipBOM(br *bufio.Reader) {
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
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
