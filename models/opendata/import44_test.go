package opendata_test

import (
	"slices"
	"strings"
	"testing"

	"carnet/models/opendata"
)

// hasReading says whether the report has a reading of field whose wording
// contains how.
func hasReading(rep *opendata.Report, field, how string) bool {
	return slices.ContainsFunc(rep.Readings, func(r opendata.Reading) bool {
		return r.Field == field && strings.Contains(r.How, how)
	})
}

// TestNestedAddressAndPositionAreRead (issue 11 item 4, probe 43's
// nested_address_3.json): the address written as an object, as the ANCT's
// model of a lieu does (« adresse »: {voie, code_postal, code_insee,
// commune}, « localisation »: {latitude, longitude}, « contact »,
// « presentation »), HSDS's list of one address ({address_1, city,
// postal_code}), and a GeoJSON feature's properties holding such objects,
// were refused row by row (« a JSON object is not a value of this
// column »). Their values are read as the standard's columns, and the
// report says so.
func TestNestedAddressAndPositionAreRead(t *testing.T) {
	in := `[
{"id": "n1", "nom": "EPN Martigues", "source": "dora", "date_maj": "2023-05-11", "services": ["Aide aux démarches administratives"],
 "adresse": {"voie": "Quai Lucien Toulmond", "complement_adresse": "Bâtiment B", "code_postal": "13500", "code_insee": "13056", "commune": "Martigues"},
 "localisation": {"latitude": 43.4049043, "longitude": 5.0513374},
 "contact": {"telephone": "04 42 00 00 00", "courriels": ["epn@example.fr"], "site_web": ["https://example.fr"]},
 "presentation": {"resume": "Ateliers", "detail": "Ateliers du mardi"}},
{"id": "n2", "nom": "EPN Avignon", "source": "dora", "date_maj": "2023-02-17", "services": ["Aide aux démarches administratives"],
 "address": {"street": "27 B av de la Trillade", "postal_code": "84000", "city": "Avignon"},
 "position": {"lat": 43.93, "lng": 4.81}},
{"id": "n3", "nom": "EPN Arles", "source": "dora", "date_maj": "2023-02-17", "services": ["Aide aux démarches administratives"],
 "addresses": [{"address_1": "1 rue A", "address_2": "2e étage", "city": "Arles", "postal_code": "13200", "country": "FR"}],
 "coordonnees": {"latitude": "43.67", "longitude": "4.63"}}
]`
	rep, got := importedBy(t, in, "nested")
	if rep.Rejected != 0 {
		t.Fatalf("rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	n1 := got["n1"]
	if a := n1.Address; a.Street != "Quai Lucien Toulmond" || a.Complement != "Bâtiment B" || a.PostalCode != "13500" || a.Commune != "Martigues" {
		t.Errorf("n1 address %+v", a)
	}
	if n1.Latitude == nil || *n1.Latitude != 43.4049043 || n1.Longitude == nil || *n1.Longitude != 5.0513374 {
		t.Errorf("n1 coordinates %v %v", n1.Latitude, n1.Longitude)
	}
	if len(n1.Phones) != 1 || len(n1.Emails) != 1 || n1.Emails[0] != "epn@example.fr" || len(n1.Websites) != 1 {
		t.Errorf("n1 contact %v %v %v", n1.Phones, n1.Emails, n1.Websites)
	}
	if n1.Summary != "Ateliers" || n1.Description != "Ateliers du mardi" {
		t.Errorf("n1 presentation %q %q", n1.Summary, n1.Description)
	}
	if a := got["n2"].Address; a.Street != "27 B av de la Trillade" || a.PostalCode != "84000" || a.Commune != "Avignon" {
		t.Errorf("n2 address %+v", a)
	}
	if n2 := got["n2"]; n2.Latitude == nil || *n2.Latitude != 43.93 {
		t.Errorf("n2 coordinates %v", n2.Latitude)
	}
	if a := got["n3"].Address; a.Street != "1 rue A" || a.Complement != "2e étage" || a.PostalCode != "13200" || a.Commune != "Arles" {
		t.Errorf("n3 address %+v", a)
	}
	if n3 := got["n3"]; n3.Latitude == nil || *n3.Latitude != 43.67 {
		t.Errorf("n3 coordinates %v", n3.Latitude)
	}
	if !hasReading(rep, "adresse", "« adresse.voie »") || !hasReading(rep, "code_postal", "« address.postal_code »") {
		t.Errorf("readings do not say the nested keys were read: %+v", rep.Readings)
	}
	for _, is := range rep.Issues {
		if strings.Contains(is.Reason, "JSON object") {
			t.Errorf("still refused: %+v", is)
		}
	}
}

// TestNestedGeoJSONPropertiesAreRead: a GeoJSON feature whose properties
// hold the address as an object.
func TestNestedGeoJSONPropertiesAreRead(t *testing.T) {
	in := `{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.37, 43.29]},
 "properties": {"id": "g1", "nom": "EPN Marseille", "services": "Aide aux démarches administratives", "date_maj": "2024-01-12",
  "adresse": {"voie": "1 rue A", "code_postal": "13001", "commune": "Marseille"}}}]}`
	rep, got := importedBy(t, in, "geo")
	g := got["g1"]
	if g.Address.Street != "1 rue A" || g.Address.PostalCode != "13001" || g.Address.Commune != "Marseille" || g.Latitude == nil {
		t.Errorf("g1 %+v %v (issues %+v)", g.Address, g.Latitude, rep.Issues)
	}
}

// TestNestedUnknownObjectStillSaid: an object that is no address (a
// parent structure's) is not read into the place's columns: its « nom »
// does not become the place's.
func TestNestedUnknownObjectStillSaid(t *testing.T) {
	in := `[{"id": "u1", "nom": "EPN", "services": "Aide aux démarches administratives", "date_maj": "2024-01-12",
 "adresse": "1 rue A", "code_postal": "13001", "commune": "Marseille", "structure_parente": {"nom": "Ville de Marseille"}}]`
	rep, got := importedBy(t, in, "unk")
	if got["u1"].Name != "EPN" {
		t.Errorf("name %q", got["u1"].Name)
	}
	if hasIssue(rep, 1, "nom", opendata.SeverityWarning, "twice") {
		t.Errorf("issues %+v", rep.Issues)
	}
}

// TestNestedObjectIsNoUnknownColumn: « localisation », read as the
// coordinates, is not also reported as a column ignored.
func TestNestedObjectIsNoUnknownColumn(t *testing.T) {
	in := `[{"id": "l1", "nom": "EPN", "services": "Aide aux démarches administratives", "date_maj": "2024-01-12",
 "adresse": {"voie": "1 rue A", "code_postal": "13001", "commune": "Marseille"}, "localisation": {"latitude": 43.29, "longitude": 5.37}}]`
	rep, got := importedBy(t, in, "loc")
	if got["l1"].Latitude == nil {
		t.Errorf("no coordinates: %+v", rep.Issues)
	}
	for _, is := range rep.Issues {
		if is.Field == "localisation" || is.Row == 0 {
			t.Errorf("issue %+v", is)
		}
	}
}

// TestDMSCoordinatesReadWithAWarning (probe 43's edges2.csv row « dms »):
// « 43°17'45"N » was dropped as not a number.
func TestDMSCoordinatesReadWithAWarning(t *testing.T) {
	in := "id,nom,adresse,code_postal,commune,latitude,longitude,coordonnees,services,date_maj\n" +
		"d1,DMS,13 rue A,13001,Marseille,\"43°17'45\"\"N\",\"5°22'30\"\"E\",,Aide aux démarches administratives,2024-01-12\n" +
		"d2,Sans hémisphère,14 rue A,13001,Marseille,\"43°17'45\"\"\",\"5°22'30\"\"\",,Aide aux démarches administratives,2024-01-12\n" +
		"d3,Paire,15 rue A,13001,Marseille,,,\"43°17'45.2\"\"N 5°22'10.1\"\"E\",Aide aux démarches administratives,2024-01-12\n"
	rep, got := importedBy(t, in, "dms")
	if d := got["d1"]; d.Latitude == nil || d.Longitude == nil || *d.Latitude < 43.29 || *d.Latitude > 43.30 || *d.Longitude < 5.37 || *d.Longitude > 5.38 {
		t.Errorf("d1 %v %v: %+v", d.Latitude, d.Longitude, issuesOfRow(rep, 1))
	}
	if !hasIssue(rep, 1, "latitude", opendata.SeverityWarning, "degrees, minutes and seconds") {
		t.Errorf("d1 read without a warning: %+v", issuesOfRow(rep, 1))
	}
	if d := got["d2"]; d.Latitude != nil {
		t.Errorf("d2, no hemisphere, read as %v", *d.Latitude)
	}
	if !hasIssue(rep, 2, "longitude", opendata.SeverityWarning, "hemisphere") {
		t.Errorf("d2 not said ambiguous: %+v", issuesOfRow(rep, 2))
	}
	if d := got["d3"]; d.Latitude == nil || *d.Latitude < 43.29 || *d.Latitude > 43.30 {
		t.Errorf("d3 %v: %+v", d.Latitude, issuesOfRow(rep, 3))
	}
}

// TestCompactAndEpochDates (issue 11 item 4): date_maj written YYYYMMDD
// (« 20240101 », a database's or an ETL's compact date) and as
// milliseconds since 1970 (ArcGIS's JSON dates) were refused as « not a
// date »; an 8-digit number that is no date is still refused, with a
// warning that says why.
func TestCompactAndEpochDates(t *testing.T) {
	in := "id,nom,adresse,code_postal,commune,services,date_maj\n" +
		"c1,A,1 rue A,13001,Marseille,Aide aux démarches administratives,20240101\n" +
		"c2,B,2 rue A,13001,Marseille,Aide aux démarches administratives,20241301\n" +
		"c3,C,3 rue A,13001,Marseille,Aide aux démarches administratives,1684274400000\n" +
		"c4,D,4 rue A,13001,Marseille,Aide aux démarches administratives,12345678\n"
	rep, got := importedBy(t, in, "compact")
	if d := got["c1"].ProducerUpdatedOn; d != "2024-01-01" {
		t.Errorf("c1 date %q: %+v", d, issuesOfRow(rep, 1))
	}
	if !hasReading(rep, "date_maj", "YYYYMMDD") {
		t.Errorf("no reading says YYYYMMDD: %+v", rep.Readings)
	}
	if d := got["c2"].ProducerUpdatedOn; d != "" {
		t.Errorf("c2, month 13, read as %q", d)
	}
	if !hasIssue(rep, 2, "date_maj", opendata.SeverityWarning, "no date YYYYMMDD") || !hasIssue(rep, 4, "date_maj", opendata.SeverityWarning, "no date YYYYMMDD") {
		t.Errorf("8 digits not said: %+v %+v", issuesOfRow(rep, 2), issuesOfRow(rep, 4))
	}
	// 1684274400000 ms is 2023-05-16T22:00:00Z: midnight of the 17th in
	// Marseille.
	if d := got["c3"].ProducerUpdatedOn; d != "2023-05-17" {
		t.Errorf("c3 date %q: %+v", d, issuesOfRow(rep, 3))
	}
}

// TestPostalCodeInCommuneCell (issue 11 item 4, probe 43's edges2.csv row
// « cpc »): « 13001 Marseille » in the commune cell without a code_postal
// was refused (« code_postal is required »), and with one the commune was
// stored with the digits. Both parts are read; a code that disagrees with
// the code_postal cell's is said.
func TestPostalCodeInCommuneCell(t *testing.T) {
	in := "id,nom,adresse,code_postal,commune,services,date_maj\n" +
		"p1,A,1 rue A,,13001 Marseille,Aide aux démarches administratives,2024-01-12\n" +
		"p2,B,2 rue A,13001,Marseille (13001),Aide aux démarches administratives,2024-01-12\n" +
		"p3,C,3 rue A,13001,Marseille 13002,Aide aux démarches administratives,2024-01-12\n" +
		"p4,D,4 rue A,,Marseille 13003,Aide aux démarches administratives,2024-01-12\n" +
		"p5,E,BP 123,13617,Aix-en-Provence Cedex 1,Aide aux démarches administratives,2024-01-12\n" +
		"p6,F,1 rue B,35000,RENNES CS 46706,Aide aux démarches administratives,2024-01-12\n" +
		"p7,G,1 rue C,21070,DIJON CEDEX BP 47032,Aide aux démarches administratives,2024-01-12\n"
	rep, got := importedBy(t, in, "cpc")
	for id, want := range map[string][2]string{"p1": {"13001", "Marseille"}, "p2": {"13001", "Marseille"}, "p3": {"13001", "Marseille"}, "p4": {"13003", "Marseille"}} {
		if a := got[id].Address; a.PostalCode != want[0] || a.Commune != want[1] {
			t.Errorf("%s: %q %q, want %v (issues %+v)", id, a.PostalCode, a.Commune, want, rep.Issues)
		}
	}
	if !hasIssue(rep, 1, "commune", opendata.SeverityWarning, "postal code 13001") {
		t.Errorf("p1 not said: %+v", issuesOfRow(rep, 1))
	}
	if !hasIssue(rep, 3, "commune", opendata.SeverityWarning, "disagree") {
		t.Errorf("p3's two codes not said: %+v", issuesOfRow(rep, 3))
	}
	if !hasReading(rep, "commune", "postal code") {
		t.Errorf("p2's reading not said: %+v", rep.Readings)
	}
	for _, row := range []int{6, 7} {
		if hasIssue(rep, row, "commune", opendata.SeverityWarning, "disagree") {
			t.Errorf("row %d: a box's number read as a postal code: %+v", row, issuesOfRow(rep, row))
		}
	}
	if got["p5"].Address.Commune == "" {
		t.Errorf("p5's commune lost: %+v", issuesOfRow(rep, 5))
	}
}

// TestOlderDateWarningShowsTheRowsDate: the warning of a row dated before
// the stored record printed no value (the stored date only in its
// sentence): the value is the row's own date_maj.
func TestOlderDateWarningShowsTheRowsDate(t *testing.T) {
	s := openStore(t)
	head := "id,nom,adresse,code_postal,commune,date_maj,services\n"
	importBytes(t, s, []byte(head+"o1,Lieu,1 rue A,13001,Marseille,2024-01-12,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "older"})
	rep := importBytes(t, s, []byte(head+"o1,Lieu,1 rue A,13001,Marseille,2023-01-12,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "older"})
	found := false
	for _, is := range issuesOfRow(rep, 1) {
		if is.Field == "date_maj" {
			found = true
			if is.Value != "2023-01-12" || !strings.Contains(is.Reason, "2024-01-12") || !strings.Contains(is.Reason, "this record") {
				t.Errorf("warning %+v", is)
			}
		}
	}
	if !found {
		t.Errorf("no date_maj warning: %+v", rep.Issues)
	}
}

// TestRowWarningSaysWhatHappenedToIt (issue 11 item 4, wording): a row's
// warning said what would happen to a place stored and to a new one
// (« a place stored at the same address keeps its stored coordinates »,
// « a place stored keeps its pivot …, a new one's is stored as unknown »):
// each now says what happened to this row's place.
func TestRowWarningSaysWhatHappenedToIt(t *testing.T) {
	s := openStore(t)
	head := "id,nom,pivot,adresse,code_postal,commune,latitude,longitude,date_maj,services\n"
	importBytes(t, s, []byte(head+"w1,Lieu,35600000070950,1 rue A,13001,Marseille,43.2965,5.3698,2024-01-12,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "wording"})
	rep := importBytes(t, s, []byte(head+
		"w1,Lieu,6.1E+13,1 rue A,13001,Marseille,abc,def,2024-13-45,Aide aux démarches administratives\n"+
		"w2,Lieu neuf,6.1E+13,2 rue A,13001,Marseille,abc,def,2024-13-45,Aide aux démarches administratives\n"+
		"w3,,6.1E+13,3 rue A,13001,Marseille,abc,def,2024-13-45,Aide aux démarches administratives\n"), opendata.ImportOptions{Source: "wording"})
	for _, is := range rep.Issues {
		if is.Row == 0 {
			continue
		}
		if strings.Contains(is.Reason, "a new one") || strings.Contains(is.Reason, "a place stored") {
			t.Errorf("row %d says both cases: %+v", is.Row, is)
		}
	}
	for _, c := range []struct {
		row          int
		field, wants string
	}{
		{1, "latitude", "the stored coordinates were kept"},
		{2, "latitude", "the place is new"},
		{1, "pivot", "the stored pivot was kept"},
		{2, "pivot", "the new place's is stored as unknown"},
		{1, "date_maj", "the place stored keeps its producer date"},
		{2, "date_maj", "the new place"},
		{3, "pivot", "the row is rejected"},
		{3, "latitude", "the row is rejected"},
	} {
		if !hasIssue(rep, c.row, c.field, opendata.SeverityWarning, c.wants) {
			t.Errorf("row %d %s: want %q in %+v", c.row, c.field, c.wants, issuesOf(rep, c.row, c.field))
		}
	}
}
