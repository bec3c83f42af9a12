package opendata_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"carnet/models/opendata"
)

// TestOneUnreadableDayKeepsTheOtherDays: in a format of hours per day
// (the France Services list of 2020, 49 of whose rows lost their hours so,
// and the standard's « horaires_lundi »… columns), one day whose cell
// reads as no times dropped the row's hours. The days read are kept, the
// day not read is written unknown (its hours are given, not read: the
// place is not said to be closed that day), and the warning names that
// day and its cell. A row of which no day reads still loses its hours,
// and « non » in a day's cell is a closed day.
func TestOneUnreadableDayKeepsTheOtherDays(t *testing.T) {
	head := `"insee_dep","lib_france_services","adresse","adresse_cplmt","insee_com","code_postal","lib_com","type_structure","lib_structure","h_lundi","h_mardi","h_mercredi","h_jeudi","h_vendredi","h_samedi","itinerance","lat","long"` + "\n"
	fs := head +
		`"02","France Services de Guise","6 rue André Godin",,,"02120","GUISE","Collectivité","CC","9h - 12h / 13h15 – 17h30","9h - 12h / 13h15 – 17h30",,"9h - 12h / 13h15 – 17h30","9h - 12h / 13h15 – 17h30","pendant les vacances scolaires` + "\n" + `9h-12h et 13h-17h",,"49.901471","3.626688"` + "\n" +
		`"02","France Services de Saint-Erme","2 bis route de Montaigu",,,"02820","SAINT-ERME","Collectivité","CC","9h - 12h / 13h15 – 17h30","9h - 12h / 13h15 – 17h30",,,,"non",,"49.535162","3.832202"` + "\n" +
		`"02","France Services de Vervins","1 place du Général de Gaulle",,,"02140","VERVINS","Collectivité","CC","selon planning","sur rendez-vous",,,,,,"49.8350","3.9070"` + "\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(fs), opendata.ImportOptions{Source: "fs2020"})
	if rep.Producer == nil || rep.Producer.Name != "france-services-2020" || rep.Rejected != 0 {
		t.Fatalf("format %+v, rejected %d: %+v", rep.Producer, rep.Rejected, rep.Issues)
	}
	js := `[
{"id":"d1","nom":"A","adresse":"1 rue A","code_postal":"69400","commune":"Limas","horaires_lundi":"09:00-12:00","horaires_mardi":"sur rendez-vous uniquement","horaires_mercredi":"14:00-17:00","date_maj":"2024-01-02"},
{"id":"d2","nom":"B","adresse":"2 rue B","code_postal":"69400","commune":"Limas","horaires_lundi":"9h - 12h et sur RDV","horaires_jeudi":"14h-17h","date_maj":"2024-01-02"}
]`
	repStd := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "std"})
	var out bytes.Buffer
	if err := opendata.Export(context.Background(), s, "standard-csv", &out, nil); err != nil {
		t.Fatal(err)
	}
	line := func(name string) string {
		for l := range strings.SplitSeq(out.String(), "\n") {
			if strings.Contains(l, ","+name+",") {
				return l
			}
		}
		return ""
	}
	for _, c := range []struct {
		rep          *opendata.Report
		row          int
		name, hours  string
		day, written string
	}{
		{rep, 1, "France Services de Guise", "Mo 09:00-12:00,13:15-17:30; Tu 09:00-12:00,13:15-17:30; Th 09:00-12:00,13:15-17:30; Fr 09:00-12:00,13:15-17:30; Sa unknown", "Sa", "pendant les vacances scolaires"},
		{repStd, 1, "A", "Mo 09:00-12:00; Tu unknown; We 14:00-17:00", "Tu", "sur rendez-vous uniquement"},
	} {
		if l := line(c.name); !strings.Contains(l, c.hours) {
			t.Errorf("%s: want %q in %s", c.name, c.hours, l)
		}
		named := false
		for _, is := range issuesOf(c.rep, c.row, "horaires") {
			if is.Severity == opendata.SeverityWarning && strings.Contains(is.Value, c.day+" "+c.written) && strings.Contains(is.Reason, "kept") {
				named = true
			}
		}
		if !named {
			t.Errorf("%s: no warning naming %s « %s »: %+v", c.name, c.day, c.written, issuesOf(c.rep, c.row, "horaires"))
		}
	}
	// A day's note joined by « et »: the day's hours, open, and the note.
	if l := line("B"); !strings.Contains(l, `Mo 09:00-12:00 open ""et sur RDV""; Th 14:00-17:00`) || len(issuesOf(repStd, 2, "horaires")) != 0 {
		t.Errorf("a day's note after « et »: %s %+v", l, issuesOf(repStd, 2, "horaires"))
	}
	if l := line("France Services de Saint-Erme"); !strings.Contains(l, `"Mo 09:00-12:00,13:15-17:30; Tu 09:00-12:00,13:15-17:30"`) || len(issuesOf(rep, 2, "horaires")) != 0 {
		t.Errorf("« non », a closed day: %s %+v", l, issuesOf(rep, 2, "horaires"))
	}
	if l := line("France Services de Vervins"); strings.Contains(l, "unknown") || !hasIssue(rep, 3, "horaires", opendata.SeverityWarning, "dropped") {
		t.Errorf("no day read: %s %+v", l, issuesOf(rep, 3, "horaires"))
	}
	again := importBytes(t, s, []byte(fs), opendata.ImportOptions{Source: "fs2020"})
	if again.Actors["unchanged"] != 3 {
		t.Errorf("a second import: %v", again.Actors)
	}
}
