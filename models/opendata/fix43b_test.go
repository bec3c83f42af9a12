package opendata_test

import (
	"context"
	"strings"
	"testing"

	"carnet/models"
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
	// Each row's warning says what happened to its place (session 44):
	// the stored pivot kept, or the new place's stored as unknown.
	for r, kept := range map[int]string{1: "the stored pivot was kept", 2: "the stored pivot was kept", 6: "the new place's is stored as unknown"} {
		if !hasIssue(rep, r, "pivot", opendata.SeverityWarning, "scientific notation") || !hasIssue(rep, r, "pivot", opendata.SeverityWarning, kept) {
			t.Errorf("row %d: the warning does not name the spreadsheet nor say the stored pivot is kept: %+v", r, issuesOfRow(rep, r))
		}
	}
	if !hasIssue(rep, 5, "pivot", opendata.SeverityWarning, "the stored pivot was kept") {
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
	rep := importBytes(t, s, []byte(head+row("c1", "1 rue A", "45°39'", "0.15")+row("c2", "2 rue A", "0", "0")+
		row("c3", "3 rue A", "", "")+row("c4", "9 rue B", "n/a", "n/a")+row("c5", "5 rue A", "45.66", "0.16")), opendata.ImportOptions{Source: "hubt"})
	ids := sourceIDs(t, s)
	for id, want := range map[string]float64{"c1": 45.65, "c2": 45.65, "c3": 0, "c4": 0, "c5": 45.66} {
		a := ids[id]
		if got := a.Latitude; (got == nil) != (want == 0) || got != nil && *got != want {
			t.Errorf("%s: latitude %v, want %v (issues %+v)", id, got, want, rep.Issues)
		}
	}
	if !hasIssue(rep, 1, "latitude", opendata.SeverityWarning, "the stored coordinates were kept") {
		t.Errorf("row 1: %+v", issuesOfRow(rep, 1))
	}
	for _, is := range rep.Issues {
		if is.Row == 0 && strings.Contains(is.Reason, "no columns latitude") {
			t.Errorf("the file has the columns: %+v", is)
		}
	}
}

// TestOfferCellsWithoutServicesAreNamed: a row with no service but fees,
// publics and accompaniment modes lost the three values with only « the
// place is imported without an offer »: Carnet holds them on the offer,
// which the services make. The warning names the values not imported.
func TestOfferCellsWithoutServicesAreNamed(t *testing.T) {
	in := "id,nom,adresse,code_postal,commune,source,date_maj,services,frais_a_charge,publics_specifiquement_adresses,modalites_accompagnement\n" +
		"f1,Lieu sans service,1 rue A,13001,Marseille,x,2024-01-12,,Gratuit,Seniors,Accompagnement individuel\n" +
		"f2,Lieu sans rien,2 rue A,13001,Marseille,x,2024-01-12,,,,\n"
	rep, _ := importedBy(t, in, "hubt")
	for _, want := range []string{"frais_a_charge « Gratuit »", "publics_specifiquement_adresses « Seniors »", "modalites_accompagnement « Accompagnement individuel »"} {
		if !hasIssue(rep, 1, "services", opendata.SeverityWarning, want) {
			t.Errorf("row 1: %s not named: %+v", want, issuesOfRow(rep, 1))
		}
	}
	if hasIssue(rep, 2, "services", opendata.SeverityWarning, "not imported") {
		t.Errorf("row 2 has no offer values: %+v", issuesOfRow(rep, 2))
	}
}

// TestServicesColumnRenamedSaysTheStoredOfferIsKept: a file whose services
// are in a column of another name warned on every row that the place was
// imported WITHOUT these offers, even on a re-import where the file's own
// warning said the stored offers were kept (which they were). The row's
// warning says what happens: an offer stored is kept, a new place has
// none, and the other offer values a new place loses are named.
func TestServicesColumnRenamedSaysTheStoredOfferIsKept(t *testing.T) {
	s := openStore(t)
	importBytes(t, s, []byte("id,nom,adresse,code_postal,commune,source,date_maj,services,frais_a_charge\n"+
		"r1,Lieu R,1 rue A,13001,Marseille,x,2024-01-12,Aide aux démarches administratives,Payant\n"), opendata.ImportOptions{Source: "hubt"})
	in := "id,nom,adresse,code_postal,commune,source,date_maj,Nos offres,frais_a_charge\n" +
		"r1,Lieu R,1 rue A,13001,Marseille,x,2024-01-12,Aide aux démarches administratives,Gratuit\n" +
		"r2,Lieu S,2 rue A,13001,Marseille,x,2024-01-12,Aide aux démarches administratives,Gratuit\n"
	rep := importBytes(t, s, []byte(in), opendata.ImportOptions{Source: "hubt"})
	for _, r := range []int{1, 2} {
		if hasIssue(rep, r, "services", opendata.SeverityWarning, "imported WITHOUT these offers") {
			t.Errorf("row %d: %+v", r, issuesOfRow(rep, r))
		}
		if !hasIssue(rep, r, "services", opendata.SeverityWarning, "an offer stored for the place is kept") || !hasIssue(rep, r, "services", opendata.SeverityWarning, "frais_a_charge « Gratuit »") {
			t.Errorf("row %d: the warning does not say what was kept and what a new place loses: %+v", r, issuesOfRow(rep, r))
		}
	}
	page, err := s.ListServices(context.Background(), models.ServiceFilter{ListParams: models.ListParams{Limit: models.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	svs := page.Items
	if len(svs) != 1 || len(svs[0].Themes) != 1 || len(svs[0].Fees) != 1 || svs[0].Fees[0] != "Gratuit" {
		t.Errorf("services %+v, want r1's offer kept, its fees updated", svs)
	}
}

// TestServiceMisspeltByALetterIsRead: « Aide aux démarches
// administrative », one letter short and the only service of its row,
// refused the place. A value a letter or two from exactly one service is
// read as it, with a warning naming the reading.
func TestServiceMisspeltByALetterIsRead(t *testing.T) {
	in := fix42Head +
		"m1,Médiathèque M,Angoulême,16000,1 rue A,hub-test,2023-05-17,Aide aux démarches administrative\n" +
		"m2,Médiathèque N,Angoulême,16000,2 rue A,hub-test,2023-05-17,Lecture publique\n"
	rep, got := importedBy(t, in, "hubt")
	if _, ok := got["m1"]; !ok || !hasIssue(rep, 1, "services", opendata.SeverityWarning, "read as « Aide aux démarches administratives »") {
		t.Errorf("m1: %+v", issuesOfRow(rep, 1))
	}
	if _, ok := got["m2"]; ok || !hasIssue(rep, 2, "services", opendata.SeverityError, "none of the services") {
		t.Errorf("m2, no service, imported: %+v", issuesOfRow(rep, 2))
	}
}

// TestFormerINSEECodeSaysItsReading: a former commune's code (69159,
// Pouilly-le-Monial, merged into Porte des Pierres Dorées in 2017) was
// replaced by the current commune's code (69114) without a word.
func TestFormerINSEECodeSaysItsReading(t *testing.T) {
	in := "id,nom,commune,code_postal,code_insee,adresse,source,date_maj,services\n" +
		"i1,Médiathèque I,Porte des Pierres Dorées,69400,69159,1 rue A,hub-test,2023-05-17,Aide aux démarches administratives\n" +
		"i2,Médiathèque J,Porte des Pierres Dorées,69400,69114,2 rue A,hub-test,2023-05-17,Aide aux démarches administratives\n"
	rep, got := importedBy(t, in, "hubt")
	if a := got["i1"]; a.Address.InseeCode != "69114" {
		t.Errorf("i1: INSEE code %q, want 69114 (issues %+v)", a.Address.InseeCode, rep.Issues)
	}
	if !hasIssue(rep, 1, "code_insee", opendata.SeverityWarning, "former commune code 69159 (Pouilly-le-Monial)") || !hasIssue(rep, 1, "code_insee", opendata.SeverityWarning, "is now 69114 (Porte des Pierres Dorées)") {
		t.Errorf("row 1: the former code's reading not said: %+v", issuesOfRow(rep, 1))
	}
	if is := issuesOfRow(rep, 2); len(is) != 0 {
		t.Errorf("row 2, the current code: %+v", is)
	}
}
