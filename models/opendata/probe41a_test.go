package opendata_test

import (
	"testing"

	"carnet/models/opendata"
)

// Probe 41a: files rewritten the way other tools write them.

// TestShortRowShiftedIsRefused (probe 41a H1): a row one cell short inside
// (its telephone cell missing) was imported with its values one column
// off: « 2023-05-17 » as its producer, its service in date_maj, dropped.
// Such a row is refused with the column where a cell is missing; a row
// short only by its empty trailing cells is still imported.
func TestShortRowShiftedIsRefused(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,latitude,longitude,telephone,source,date_maj,services\n" +
		"k4,Lieu k4,Angoulême,16000,4 rue A,45.65,0.16,hub,2023-05-17,Aide aux démarches administratives\n" +
		"k5,Lieu k5,Angoulême,16000,5 rue A,45.65,0.16,0545000005,hub,2023-05-17\n" +
		"k7,Lieu k7,Angoulême,16000,7 rue A,45.65,0.16,0545000007,hub,2023-05-17,Aide aux démarches administratives\n"
	rep, got := importedBy(t, in, "hubt")
	if _, ok := got["k4"]; ok || !hasIssue(rep, 1, "", opendata.SeverityError, "fewer cells than the header") {
		t.Errorf("k4 imported shifted (producer %q) or refused without saying why: %+v", got["k4"].Producer, issuesOfRow(rep, 1))
	}
	if !hasIssue(rep, 1, "", opendata.SeverityError, "« telephone »") {
		t.Errorf("k4: the refusal does not name the column where a cell is missing: %+v", issuesOfRow(rep, 1))
	}
	if _, ok := got["k5"]; !ok {
		t.Errorf("k5, short only by its trailing services cell, not imported: %+v", issuesOfRow(rep, 2))
	}
	if _, ok := got["k7"]; !ok {
		t.Errorf("k7 not imported: %+v", issuesOfRow(rep, 3))
	}
	semi := "id;nom;commune;code_postal;adresse;source;date_maj;services;frais_a_charge\n" +
		"k6;Lieu k6;Angoulême;16000;6 rue A;2023-05-17;Aide aux démarches administratives;Gratuit\n"
	rep, _ = importedBy(t, semi, "hubt")
	if !hasIssue(rep, 1, "", opendata.SeverityError, "« source »") {
		t.Errorf("k6: a cell missing under source not said: %+v", issuesOfRow(rep, 1))
	}
}

// TestDateAsProducerWarned (probe 41a H1): a producer name that is a date
// is no producer's name.
func TestDateAsProducerWarned(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,source,date_maj,services\n" +
		"p1,Lieu p1,Angoulême,16000,1 rue A,2023-05-17,2023-05-17,Aide aux démarches administratives\n" +
		"p2,Lieu p2,Angoulême,16000,2 rue A,https://hub.example.fr/lieux,2023-05-17,Aide aux démarches administratives\n"
	rep, got := importedBy(t, in, "hubt")
	if !hasIssue(rep, 1, "source", opendata.SeverityWarning, "a date") || got["p1"].Producer == "2023-05-17" {
		t.Errorf("p1: producer %q, issues %+v", got["p1"].Producer, issuesOfRow(rep, 1))
	}
	if !hasIssue(rep, 2, "source", opendata.SeverityWarning, "an address") {
		t.Errorf("p2: a URL as producer not warned: %+v", issuesOfRow(rep, 2))
	}
}
