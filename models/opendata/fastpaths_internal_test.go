package opendata

import (
	"strings"
	"testing"
	"time"
)

// TestFilledCountsTheHeadersUnknownColumns (issue 11, item 6): a CSV
// reader counts the rows that fill each column of no version of the
// standard from the header's unknown columns, not from every cell of every
// row, and counts as before: a row once however many columns share the
// name, the cell read (the first value given).
func TestFilledCountsTheHeadersUnknownColumns(t *testing.T) {
	csv := "id,nom,commune,remarque,couleur,remarque\n" +
		"a,A,Paris,,bleu,\n" +
		"b,B,Paris,x,,y\n" +
		"c,C,Paris,,,z\n" +
		"d,D,Paris,w,vert,\n"
	recs, rd := readAllRecords(t, csv, FormatCSV)
	want := map[string]int{}
	for _, rec := range recs {
		for c, v := range rec.Cells {
			if v != "" && !knownColumn[c] {
				want[c]++
			}
		}
	}
	for _, c := range []string{"remarque", "couleur", "nom"} {
		if got := rd.Filled(c); got != want[c] {
			t.Errorf("Filled(%q) = %d, want %d", c, got, want[c])
		}
	}
	if want["remarque"] != 3 || want["couleur"] != 2 {
		t.Errorf("cells read: %v", want)
	}
}

// TestPlainDateAsISODate: the standard's dates, read without the regexp,
// read as isoDate reads them, valid or not.
func TestPlainDateAsISODate(t *testing.T) {
	for _, s := range []string{"2024-04-02", "2024-02-30", "2024-13-01", "0000-00-00", "2024-4-02", "2024/04/02", "２024-04-02", " 2024-04-02 "} {
		day, how, ok := producerDate(s, "75001")
		m := isoDate.FindStringSubmatch(strings.TrimSpace(s))
		if plainISODate(strings.TrimSpace(s)) != (m != nil && m[2] == "") {
			t.Errorf("%q: plainISODate disagrees with isoDate", s)
		}
		if m != nil && m[2] == "" { // isoDate's reading: the date, if valid
			_, err := time.Parse(time.DateOnly, m[1])
			if wantDay := map[bool]string{true: m[1]}[err == nil]; day != wantDay || how != "" || ok != (err == nil) {
				t.Errorf("%q read as %q %q %v", s, day, how, ok)
			}
		}
	}
}
