package opendata_test

import (
	"strings"
	"testing"

	"carnet/models/opendata"
)

// TestReimportWithoutCoordinatesKeepsThePointNamedByThePlace: the first
// import settles « Espace connecté de Boulouparis », written with Nouméa
// and a point in Bouloupari, in Bouloupari (its name names the commune
// its point lies in, see TestImportPointAgainstCommune). The same rows
// again without latitude and longitude say nothing new of the address:
// the place keeps its settled commune and its point, as any settled
// address does, and no row is said to have moved.
func TestReimportWithoutCoordinatesKeepsThePointNamedByThePlace(t *testing.T) {
	rows := []string{
		`{"id":"33","nom":"Espace connecté de Boulouparis","commune":"Nouméa","code_postal":"98800","adresse":"Annexe Maire RT1","code_insee":"98818"%s,"date_maj":"2023-09-20"}`,
		`{"id":"72","nom":"Espace connecté de l'Île des Pins","commune":"Nouméa","code_postal":"98800","adresse":"Mairie annexe - Vao","code_insee":"98818"%s,"date_maj":"2023-09-20"}`,
	}
	points := []string{`,"latitude":-21.86488,"longitude":166.04812`, `,"latitude":-22.67246,"longitude":167.48592`}
	file := func(coords bool) []byte {
		var parts []string
		for i, r := range rows {
			p := ""
			if coords {
				p = points[i]
			}
			parts = append(parts, strings.Replace(r, "%s", p, 1))
		}
		return []byte("[" + strings.Join(parts, ",\n") + "]")
	}
	s := openStore(t)
	rep := importBytes(t, s, file(true), opendata.ImportOptions{Source: "nc"})
	if rep.Rejected != 0 {
		t.Fatalf("first import: %+v", rep.Issues)
	}
	want := map[string]string{"33": "Bouloupari", "72": "L'Île-des-Pins"}
	first := map[string][2]float64{}
	for id, c := range want {
		a := actorOf(t, s, "nc", id)
		if a.Address.Commune != c || a.Latitude == nil {
			t.Fatalf("first import, %s: %+v %v", id, a.Address, a.Latitude)
		}
		first[id] = [2]float64{*a.Latitude, *a.Longitude}
	}
	rep = importBytes(t, s, file(false), opendata.ImportOptions{Source: "nc"})
	if rep.Rejected != 0 {
		t.Fatalf("without coordinates: rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	for id, c := range want {
		a := actorOf(t, s, "nc", id)
		if a.Address.Commune != c || a.Latitude == nil || a.Longitude == nil || [2]float64{*a.Latitude, *a.Longitude} != first[id] {
			t.Errorf("without coordinates, %s: %+v %v %v, want %s at %v", id, a.Address, a.Latitude, a.Longitude, c, first[id])
		}
	}
	if anyIssue(rep, func(is opendata.Issue) bool { return strings.Contains(is.Reason, "address changed") }) {
		t.Errorf("a place said to have moved: %+v", rep.Issues)
	}
	// A third time, the same: nothing changes.
	if again := importBytes(t, s, file(false), opendata.ImportOptions{Source: "nc"}); again.Actors["unchanged"] != 2 {
		t.Errorf("a third import changed something: %v %+v", again.Actors, again.Issues)
	}
}

// TestOneUnknownValueInAListCell: a list cell with one value Carnet does
// not know keeps the known ones and warns naming the unknown one, in every
// list column and in a column « types » read as modalites_accompagnement
// (one unknown type dropped the whole cell). A cell of unknown values only
// is still left with its warning.
func TestOneUnknownValueInAListCell(t *testing.T) {
	js := `[
{"id":"t","nom":"UDAF","adresse":"69 rue Henri Depagneux","code_postal":"69400","commune":"Limas","services":"Aide aux démarches administratives","types":"atelier|visio-conférence","date_maj":"2024-01-02"},
{"id":"s","nom":"CCAS","adresse":"1 rue A","code_postal":"69400","commune":"Limas","services":"Aide aux démarches administratives|Jardinage","date_maj":"2024-01-02"},
{"id":"p","nom":"CAF","adresse":"2 rue A","code_postal":"69400","commune":"Limas","services":"Aide aux démarches administratives","publics_specifiquement_adresses":"Jeunes|Martiens","date_maj":"2024-01-02"},
{"id":"m","nom":"MJC","adresse":"3 rue A","code_postal":"69400","commune":"Limas","services":"Aide aux démarches administratives","modalites_accompagnement":"Accompagnement individuel|Télépathie","date_maj":"2024-01-02"},
{"id":"a","nom":"Mairie","adresse":"4 rue A","code_postal":"69400","commune":"Limas","services":"Aide aux démarches administratives","modalites_acces":"Se présenter|Par pigeon voyageur","date_maj":"2024-01-02"},
{"id":"u","nom":"Centre social","adresse":"5 rue A","code_postal":"69400","commune":"Limas","services":"Aide aux démarches administratives","types":"visio-conférence","date_maj":"2024-01-02"}
]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "lists"})
	if rep.Rejected != 0 {
		t.Fatalf("rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	line := exportedLines(t, s)
	for _, c := range []struct {
		row             int
		id, field, kept string
		unknown         string
	}{
		{1, "t", "types", "Dans un atelier collectif", "visio-conférence"},
		{2, "s", "services", "Aide aux démarches administratives", "Jardinage"},
		{3, "p", "publics_specifiquement_adresses", "Jeunes", "Martiens"},
		{4, "m", "modalites_accompagnement", "Accompagnement individuel", "Télépathie"},
		{5, "a", "modalites_acces", "Se présenter", "Par pigeon voyageur"},
	} {
		if l := line(c.id); !strings.Contains(l, c.kept) {
			t.Errorf("%s: %q not kept: %s", c.field, c.kept, l)
		}
		named := false
		for _, is := range issuesOf(rep, c.row, c.field) {
			if is.Severity == opendata.SeverityWarning && (strings.Contains(is.Reason, c.unknown) || is.Value == c.unknown) {
				named = true
			}
		}
		if !named {
			t.Errorf("%s: no warning naming %q: %+v", c.field, c.unknown, issuesOf(rep, c.row, c.field))
		}
	}
	if l := line("u"); strings.Contains(l, "atelier") || !hasIssue(rep, 6, "types", opendata.SeverityWarning, "not data·inclusion's types") {
		t.Errorf("a types cell of no known value: %s %+v", l, issuesOf(rep, 6, "types"))
	}
}
