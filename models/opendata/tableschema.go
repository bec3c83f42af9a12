package opendata

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// TableSchema is a Frictionless Table Schema (the format of the national
// standard's schema.json), enough of it to validate rows: field types
// (string, number, integer, boolean, date) and the constraints required,
// unique, pattern, enum, minLength, maxLength, minimum and maximum. Patterns
// match the whole value, as the Table Schema specification says (XML Schema
// regular expressions are implicitly anchored).
type TableSchema struct {
	Fields []TableField `json:"fields"`
	seen   map[string]map[string]bool
}

// TableField is one field of a TableSchema.
type TableField struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Format      string `json:"format"`
	Constraints struct {
		Required  bool     `json:"required"`
		Unique    bool     `json:"unique"`
		Pattern   string   `json:"pattern"`
		Enum      []string `json:"enum"`
		MinLength *int     `json:"minLength"`
		MaxLength *int     `json:"maxLength"`
		Minimum   *float64 `json:"minimum"`
		Maximum   *float64 `json:"maximum"`
	} `json:"constraints"`
	re *regexp.Regexp
}

// LoadTableSchema reads a schema file.
func LoadTableSchema(path string) (*TableSchema, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s TableSchema
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i := range s.Fields {
		f := &s.Fields[i]
		if f.Constraints.Pattern != "" {
			if f.re, err = regexp.Compile("^(?:" + f.Constraints.Pattern + ")$"); err != nil {
				return nil, fmt.Errorf("%s: field %s: %w", path, f.Name, err)
			}
		}
	}
	return &s, nil
}

// Names returns the field names in order.
func (s *TableSchema) Names() []string {
	out := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		out[i] = f.Name
	}
	return out
}

// ValidateHeader checks that header has the schema's fields in order.
func (s *TableSchema) ValidateHeader(header []string) error {
	if !slices.Equal(header, s.Names()) {
		return fmt.Errorf("header %v, want %v", header, s.Names())
	}
	return nil
}

// ValidateRow checks one row, given in the schema's field order, and
// returns a message per violation ("field: reason"). Unique constraints are
// checked across the rows validated with the same TableSchema.
func (s *TableSchema) ValidateRow(row []string) []string {
	var errs []string
	if len(row) != len(s.Fields) {
		return []string{fmt.Sprintf("row has %d cells, the schema %d fields", len(row), len(s.Fields))}
	}
	if s.seen == nil {
		s.seen = map[string]map[string]bool{}
	}
	for i, f := range s.Fields {
		v := row[i]
		bad := func(format string, args ...any) { errs = append(errs, f.Name+": "+fmt.Sprintf(format, args...)) }
		if v == "" {
			if f.Constraints.Required {
				bad("is required")
			}
			continue
		}
		if !utf8.ValidString(v) {
			bad("is not valid UTF-8")
			continue
		}
		switch f.Type {
		case "number":
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
				bad("%q is not a number", v)
			} else {
				checkRange(bad, f, n)
			}
		case "integer":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				bad("%q is not an integer", v)
			} else {
				checkRange(bad, f, float64(n))
			}
		case "boolean":
			if !slices.Contains([]string{"true", "false", "True", "False", "TRUE", "FALSE", "1", "0"}, v) {
				bad("%q is not a boolean", v)
			}
		case "date":
			if _, err := time.Parse(time.DateOnly, v); err != nil {
				bad("%q is not a date YYYY-MM-DD", v)
			}
		}
		n := utf8.RuneCountInString(v)
		if c := f.Constraints.MinLength; c != nil && n < *c {
			bad("shorter than %d characters", *c)
		}
		if c := f.Constraints.MaxLength; c != nil && n > *c {
			bad("longer than %d characters (%d)", *c, n)
		}
		if f.re != nil && !f.re.MatchString(v) {
			bad("%q does not match the pattern", clip(v))
		}
		if len(f.Constraints.Enum) > 0 && !slices.Contains(f.Constraints.Enum, v) {
			bad("%q is not in the enum", v)
		}
		if f.Constraints.Unique {
			if s.seen[f.Name] == nil {
				s.seen[f.Name] = map[string]bool{}
			}
			if s.seen[f.Name][v] {
				bad("%q is not unique", v)
			}
			s.seen[f.Name][v] = true
		}
	}
	return errs
}

func checkRange(bad func(string, ...any), f TableField, n float64) {
	if c := f.Constraints.Minimum; c != nil && n < *c {
		bad("below the minimum %v", *c)
	}
	if c := f.Constraints.Maximum; c != nil && n > *c {
		bad("above the maximum %v", *c)
	}
}
