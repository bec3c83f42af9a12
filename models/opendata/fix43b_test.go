package opendata_test

import (
	"strings"
	"testing"

	"carnet/models/opendata"
)

// Issue 11 items 4 and 5: the findings of session 43's black-box probe.

const fix43bHead = "id,pivot,nom,commune,code_postal,adresse,source,date_maj,services\n"

// TestPivotUnreadableKeepsTheStoredPivot: a SIRET a spreadsheet wrote in
// scientific notation (« 7,75560E+13 », its last digits lost) erased the
// SIRET stored for the place on the next import, with a warning that did
// not say so. A pivot cell that is no identifier keeps the stored pivot,
// as a date_maj that is no date keeps the stored date, and says so; an
// empty cell or the placeholder still says the place has none.
func TestPivotUnreadableKeepsTheStoredPivot(t *testing.T) {
	s := openStore(t)
	row := func(id, pivot string) string {
		return id + "," + pivot + ",Médiathèque " + id + ",Angoulême,16000,1 rue " + id + ",hub-test,2023-05-17,Aide aux démarches administratives\n"
	}
	importBytes(t, s, []byte(fix43bHead+
		row("p1", "77556026100015")+row("p2", "53851847300011")+row("p3", "77556026100015")+
		row("p4", "53851847300011")+row("p5", "77556026100015")), opendata.ImportOptions{Source: "hubt"})
	rep := importBytes(t, s, []byte(fix43bHead+
		row("p1", `"7,75560E+13"`)+row("p2", "5.38518E+13")+row("p3", "775560261")+ // a SIREN: read
		row("p4", "")+row("p5", "1234")+row("p6", "7.75560E+13")), opendata.ImportOptions{Source: "hubt"})
	ids := sourceIDs(t, s)
	for id, want := range map[string]string{"p1": "77556026100015", "p2": "53851847300011", "p3": "775560261", "p4": "", "p5": "77556026100015", "p6": ""} {
		if got := ids[id].Pivot; got != want {
			t.Errorf("%s: pivot %q, want %q (issues %+v)", id, got, want, rep.Issues)
		}
	}
	for _, r := range []int{1, 2, 6} {
		if !hasIssue(rep, r, "pivot", opendata.SeverityWarning, "scientific notation") || !hasIssue(rep, r, "pivot", opendata.SeverityWarning, "a place stored keeps its pivot") {
			t.Errorf("row %d: the warning does not name the spreadsheet nor say the stored pivot is kept: %+v", r, issuesOfRow(rep, r))
		}
	}
	if !hasIssue(rep, 5, "pivot", opendata.SeverityWarning, "a place stored keeps its pivot") {
		t.Errorf("row 5: %+v", issuesOfRow(rep, 5))
	}
	for _, is := range rep.Issues {
		if is.Row == 0 && strings.Contains(is.Reason, "no column pivot") {
			t.Errorf("the file has a column pivot: %+v", is)
		}
	}
}

// TestCoordinatesUnreadableKeepTheStoredOnes: a coordinate that is no
// number, out of range, alone or 0,0 erased the coordinates stored for a
// place. Read as none, they keep the stored ones of a place at the same
// address (coordinates are the address's: not kept for one that moved).
func TestCoordinatesUnreadableKeepTheStoredOnes(t *testing.T) {
	s := openStore(t)
	const head = "id,nom,commune,code_postal,adresse,latitude,longitude,source,date_maj,services\n"
	row := func(id, street, lat, lon string) string {
		return id + ",Médiathèque " + id + ",Angoulême,16000," + street + "," + lat + "," + lon + ",hub-test,2023-05-17,Aide aux démarches administratives\n"
	}
	importBytes(t, s, []byte(head+row("c1", "1 rue A", "45.65", "0.15")+row("c2", "2 rue A", "45.65", "0.15")+
		row("c3", "3 rue A", "45.65", "0.15")+row("c4", "4 rue A", "45.65", "0.15")+row("c5", "5 rue A", "45.65", "0.15")), opendata.ImportOptions{Source: "hubt"})
	rep := importBytes(t, s, []byte(head+row("c1", "1 rue A", "45°39'N", "0.15")+row("c2", "2 rue A", "0", "0")+
		row("c3", "3 rue A", "", "")+row("c4", "9 rue B", "n/a", "n/a")+row("c5", "5 rue A", "45.66", "0.16")), opendata.ImportOptions{Source: "hubt"})
	ids := sourceIDs(t, s)
	for id, want := range map[string]float64{"c1": 45.65, "c2": 45.65, "c3": 0, "c4": 0, "c5": 45.66} {
		a := ids[id]
		if got := a.Latitude; (got == nil) != (want == 0) || got != nil && *got != want {
			t.Errorf("%s: latitude %v, want %v (issues %+v)", id, got, want, rep.Issues)
		}
	}
	if !hasIssue(rep, 1, "latitude", opendata.SeverityWarning, "keeps its stored coordinates") {
		t.Errorf("row 1: %+v", issuesOfRow(rep, 1))
	}
	for _, is := range rep.Issues {
		if is.Row == 0 && strings.Contains(is.Reason, "no columns latitude") {
			t.Errorf("the file has the columns: %+v", is)
		}
	}
}
