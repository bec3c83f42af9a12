package opendata

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"carnet/models/openinghours"
)

// newFormats are the producers' formats added on 2026-12-02: the regional
// hubs' and the départements'.
var newFormats = []string{"mednum-bfc", "siilab", "numi", "res-in", "rhin-occ", "hub-bretagne",
	"herault", "les-landes", "loire-atlantique", "mulhouse", "paris", "grand-paris-sud",
	"bus-france-services-charente", "data-inclusion", "rhinocc-2022"}

// FuzzNewProducerFormats: a file of each new format, with any cells under
// its columns, is read as that format, and the place read from its row has
// valid UTF-8 text, hours that parse or none, and no value outside the
// standard's lists: a value the mapping gives that the model refuses would
// reject the row for the mapping's fault.
func FuzzNewProducerFormats(f *testing.F) {
	f.Add("8h30-12h", "RDV-G-R", "Oui", "1,5,15", "Lun, Mar", "2025-01-10")
	f.Add("9h12h", "-", "Semaines paires", "gratuit sous condition", "CCAS|EPN", "10/01/2025")
	f.Add("09:00 - 12:00 / 13:30 - 17:00", "Aide aux démarches administratives", "semaines impaires", "Accompagnement individuel", "", "")
	f.Add("-", "14h-17h", "Non", "sur rendez-vous", "a,b|c", "x")
	f.Add("Mo-Fr 09:00-12:00", "Mo 09:30-12:30", "Semaine impaire", "Tu 14:00-17:00", "Mo-Fr 09:00-12:00", "Semaine paire")
	f.Add("9 h 12 h / 14 h 17 h", "RDV-ZZ", "FERME / 13h30 – 18h00", "9h - 12h / 13h30 - 16h30 (sous RDV)", "8h - 12h\n(après midi sur rendez vous)", "14 h 9 h")
	f.Add("9h-12h / 14h-17h", "seniors-65|surdite", "numerique--prendre-en-main-un-ordinateur", "gratuit-sous-conditions", "CCAS", "france-service")
	byName := map[string]*producerFormat{}
	for _, p := range producerFormats {
		byName[p.Name] = p
	}
	for _, n := range newFormats {
		if byName[n] == nil {
			f.Fatalf("no format %s", n)
		}
	}
	f.Fuzz(func(t *testing.T, day, a, b, c, d, e string) {
		cells := []string{a, b, c, d, e}
		for _, n := range newFormats {
			p := byName[n]
			var header, row []string
			seen := map[string]bool{}
			add := func(col, v string) {
				if col == "" || seen[col] {
					return
				}
				seen[col] = true
				header, row = append(header, col), append(row, v)
			}
			for _, col := range p.foldedSig {
				add(p.name(col), cells[len(header)%len(cells)])
			}
			for _, col := range slices.Sorted(keysOf(p.dayCols)) {
				add(p.name(col), day)
			}
			for _, col := range slices.Sorted(keysOf(p.foldedCols)) {
				add(p.name(col), cells[len(header)%len(cells)])
			}
			for _, col := range slices.Sorted(keysOf(p.ruleCols)) {
				add(p.name(col), cells[len(header)%len(cells)])
			}
			add("id", "fz1")
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			w.Comma = ';'
			_ = w.Write(header)
			_ = w.Write(row)
			w.Flush()
			rd, err := NewReader(&buf, FormatCSV)
			if err != nil {
				continue // a header the reader refuses, said
			}
			if rd.Producer() != p {
				t.Fatalf("%s: read as %v", n, rd.Producer())
			}
			rec, err := rd.Next()
			if err != nil {
				continue
			}
			pl := ToPlace(rec, "fuzz")
			for _, is := range pl.Issues {
				if strings.Contains(is.Reason, "is not a value of the") || is.Field == "horaires" && is.Severity == SeverityError {
					t.Fatalf("%s: the mapping gave what the model refuses: %+v\n%q", n, is, row)
				}
				if !utf8.ValidString(is.Value) || !utf8.ValidString(is.Reason) {
					t.Fatalf("%s: issue not UTF-8: %+v", n, is)
				}
			}
			if pl.Rejected {
				continue
			}
			checkText(t, n, reflect.ValueOf(pl.Actor))
			for _, h := range []string{pl.Actor.OpeningHours} {
				if _, err := openinghours.Parse(h); h != "" && err != nil {
					t.Fatalf("%s: hours %q from %q: %v", n, h, day, err)
				}
			}
			if pl.Service != nil {
				checkText(t, n, reflect.ValueOf(*pl.Service))
				if h := pl.Service.OpeningHours; h != "" {
					if _, err := openinghours.Parse(h); err != nil {
						t.Fatalf("%s: service hours %q from %q: %v", n, h, day, err)
					}
				}
			}
		}
	})
}

// name returns a folded column as the format writes it.
func (p *producerFormat) name(folded string) string {
	if n := p.colNames[folded]; n != "" {
		return n
	}
	return folded
}

func keysOf[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// checkText: every string inside v is valid UTF-8.
func checkText(t *testing.T, what string, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			t.Fatalf("%s: %q is not UTF-8", what, v.String())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				checkText(t, what, v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			checkText(t, what, v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			checkText(t, what, v.Elem())
		}
	}
}
