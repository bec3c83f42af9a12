package opendata

import (
	"strings"
	"testing"
)

// TestUnmarkedRowHasNoLostLetters (issue 11, item 6): a CSV row the
// reader found without U+FFFD has no column lostLetters would name, and
// one with the mark in a cell it reads is not said unmarked — rows with
// the mark in named, unnamed and extra columns, in a cell quoted, in an
// Excel text form, and in bytes read as Windows-1252.
func TestUnmarkedRowHasNoLostLetters(t *testing.T) {
	csv := "id;nom;;adresse;commune;services\n" +
		"p1;Biblioth\uFFFDque;;1 rue A;Digne;\n" +
		"p2;Médiathèque;x\uFFFD;2 rue B;Digne;\n" +
		"p3;Médiathèque;;3 rue C;Digne;;extra\uFFFD\n" +
		"p4;\"Caf\uFFFD; quoted\";;4 rue D;Digne;\n" +
		"p5;=\"Acc\uFFFDs\";;5 rue E;Digne;\n" +
		"p6;Caf\xe9 \x81;;6 rue F;Digne;\n" +
		"p\uFFFD7;Café;;7 rue G;Digne;\n" +
		"p8;Café;;8 rue H;Digne;\n"
	recs, _ := readAllRecords(t, csv, FormatCSV)
	unmarked := map[int]bool{}
	for _, rec := range recs {
		lost := lostLetters(rec.Cells)
		if rec.unmarked && lost != "" {
			t.Errorf("row %d said unmarked, its columns %q hold U+FFFD", rec.Row, lost)
		}
		unmarked[rec.Row] = rec.unmarked
	}
	for row, want := range map[int]bool{1: false, 2: false, 3: false, 4: false, 5: false, 7: false, 8: true} {
		if unmarked[row] != want {
			t.Errorf("row %d: unmarked %v, want %v", row, unmarked[row], want)
		}
	}
}

// TestUnmarkedRowsIDGivenLaterIsLooked: the id cell of an unmarked row
// can be replaced after reading (the stored place's id it is followed
// to, an earlier row's id it repeats): its U+FFFD is still said.
func TestUnmarkedRowsIDGivenLaterIsLooked(t *testing.T) {
	rec := Record{Row: 1, unmarked: true, Cells: map[string]string{"id": "p\uFFFD1", "nom": "Café", "adresse": "1 rue A", "commune": "Paris"}}
	p := ToPlace(rec, "x")
	for _, is := range p.Issues {
		if strings.Contains(is.Reason, "U+FFFD") && is.Value == "id" {
			return
		}
	}
	t.Errorf("the id's U+FFFD not said: %+v", p.Issues)
}
