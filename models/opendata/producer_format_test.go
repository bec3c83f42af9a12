package opendata_test

import (
	"slices"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// Files in a producer's own format (the inputs of ANCT's mednum-cli: the
// Gironde map, Hinaura's form, France services' list…) got one « id is
// required » error per row and nothing saying why. Each case failed before
// its fix.

// TestImportProducerFormatDiagnosis: a file whose columns are mostly not the
// standard's is diagnosed first: the required columns it lacks, the columns
// not recognised and the standard's column each comes closest to.
func TestImportProducerFormatDiagnosis(t *testing.T) {
	// The Gironde map's columns (its « Adresse postale » holds the postal
	// code and commune; « Lieu » is the name).
	csv := "Dernière MAJ;Lieu;Type Structure;Commune;Adresse postale;Email;Libellé 1;Coord. X;Pôle territorial\n" +
		"07/12/2021;Abracodabra;Autre;Bordeaux;8 rue de la Boétie - 33000 Bordeaux;contact@example.fr;Abracodabra;44.83;Bordeaux\n" +
		"07/12/2021;Médiathèque;Médiathèque;Bègles;1 rue A - 33130 Bègles;;Médiathèque;44.8;Bordeaux\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "gironde", DryRun: true})
	d := rep.Diagnosis
	if d == nil {
		t.Fatalf("no diagnosis: %+v", rep.Issues)
	}
	for _, c := range []string{"id", "nom", "code_postal"} {
		if !slices.Contains(d.Missing, c) {
			t.Errorf("missing %v, want %s in it", d.Missing, c)
		}
	}
	if slices.Contains(d.Missing, "adresse") || slices.Contains(d.Missing, "commune") {
		t.Errorf("columns read under another name said missing: %v", d.Missing)
	}
	want := map[string]string{"Lieu": "nom", "Libellé 1": "nom", "Type Structure": "typologie", "Pôle territorial": ""}
	got := map[string]string{}
	for _, u := range d.Unrecognised {
		got[u.Column] = u.Closest
	}
	// « Dernière MAJ » is date_maj by its French name (TestFrenchHeadersRead).
	if c, ok := got["Dernière MAJ"]; ok {
		t.Errorf("« Dernière MAJ » unrecognised (closest %q): it is read as date_maj", c)
	}
	for col, closest := range want {
		if c, ok := got[col]; !ok || c != closest {
			t.Errorf("unrecognised %q: closest %q (listed %v), want %q", col, c, ok, closest)
		}
	}
	if first := rep.Issues[0]; first.Row != 0 || !strings.Contains(first.Reason, "does not follow the standard") ||
		!strings.Contains(first.Reason, "« Lieu » → nom") {
		t.Errorf("the first issue is not the diagnosis: %+v", first)
	}
	// The rows still cannot be stored (no name under the standard's
	// column), and their id error says why no id was derived.
	for _, is := range issuesOf(rep, 1, "id") {
		if is.Severity == opendata.SeverityError && !strings.Contains(is.Reason, "derives one only from a name") {
			t.Errorf("row 1's id error says nothing of the file: %+v", is)
		}
	}
	// A file of the standard has no diagnosis.
	ok := "id;nom;adresse;code_postal;commune;services\np1;EPN;1 rue A;13001;Marseille;Aide aux démarches administratives\n"
	if rep := importBytes(t, s, []byte(ok), opendata.ImportOptions{Source: "std", DryRun: true}); rep.Diagnosis != nil {
		t.Errorf("a file of the standard diagnosed: %+v", rep.Diagnosis)
	}
}

// TestImportProducerIDColumn: a file without an id column reads the
// producer's own identifier (PostGIS's « gid », ArcGIS's « GlobalID »
// before its « ObjectID », France services' « id_fs »), never an id of
// something else (the geocoder's « result_id », a service's
// « structure_id »).
func TestImportProducerIDColumn(t *testing.T) {
	for _, c := range []struct{ name, file, want string }{
		{"gid", "gid;c_nom;nom;adresse;code_postal;commune\n7;x;EPN;1 rue A;13001;Marseille\n", "7"},
		{"id_fs", `"id_fs","lib_fs","nom","adresse","code_postal","commune"` + "\n" + `"12","FS","France services Aubagne","2 rue X","13400","Aubagne"` + "\n", "12"},
		{"GlobalID before ObjectID", `[{"ObjectID": 13, "GlobalID": "9cdaa786-d92e", "nom": "Médiathèque", "adresse": "1 rue A", "code_postal": "51200", "commune": "Épernay"}]`, "9cdaa786-d92e"},
		{"not the geocoder's", `[{"result_id": "51230_0001", "structure_id": "s1", "nom": "Médiathèque", "adresse": "1 rue A", "code_postal": "51200", "commune": "Épernay"}]`, opendata.DerivedIDPrefix},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openStore(t)
			rep := importBytes(t, s, []byte(c.file), opendata.ImportOptions{Source: "prod"})
			if rep.Actors[models.SyncCreated] != 1 {
				t.Fatalf("actors %v: %+v", rep.Actors, rep.Issues)
			}
			if id := allActors(t, s)[0].SourceID; !strings.HasPrefix(id, c.want) {
				t.Errorf("source_id %q, want %q", id, c.want)
			}
			if c.want != opendata.DerivedIDPrefix && readingsOf(rep)["id: the file has no id column: « "+rep.Diagnosis.IDs+" », the producer's identifier of its places, read as id"] != "1" {
				t.Errorf("no reading says where the id came from: %v (diagnosis %+v)", readingsOf(rep), rep.Diagnosis)
			}
		})
	}
}

// TestImportDerivedIDs: a file with no ids at all (Hinaura's form, the
// Gironde map) gives each place an id derived from the source, its name
// and its address: the same on every import whatever the rows' order and
// spelling of case and accents, said on each row. A file whose first place
// has an id still rejects a row without one.
func TestImportDerivedIDs(t *testing.T) {
	rows := []string{
		"EPN Belsunce;1 rue A;13001;Marseille;Aide aux démarches administratives",
		"Médiathèque;2 rue B;13001;Marseille;Aide aux démarches administratives",
		"Médiathèque;9 rue C;13002;Marseille;Aide aux démarches administratives", // same name, another place
	}
	file := func(rows ...string) []byte {
		return []byte("nom;adresse;code_postal;commune;services\n" + strings.Join(rows, "\n") + "\n")
	}
	s := openStore(t)
	rep := importBytes(t, s, file(rows...), opendata.ImportOptions{Source: "form"})
	if rep.Actors[models.SyncCreated] != 3 || rep.Rejected != 0 {
		t.Fatalf("actors %v rejected %d: %+v", rep.Actors, rep.Rejected, rep.Issues)
	}
	ids := map[string]bool{}
	for _, a := range allActors(t, s) {
		ids[a.SourceID] = true
		if !strings.HasPrefix(a.SourceID, opendata.DerivedIDPrefix) {
			t.Errorf("id %q is not derived", a.SourceID)
		}
	}
	for row := 1; row <= 3; row++ {
		if is := issuesOf(rep, row, "id"); len(is) != 1 || is[0].Severity != opendata.SeverityWarning || !strings.Contains(is[0].Reason, "derived") {
			t.Errorf("row %d: no warning says its id was derived: %+v", row, is)
		}
	}
	if rep.Diagnosis == nil || rep.Diagnosis.IDs != "derived" {
		t.Errorf("diagnosis %+v", rep.Diagnosis)
	}
	// Again, rows reversed and written differently: the same places.
	again := []string{rows[2], strings.ToUpper(rows[1]), strings.Replace(rows[0], "EPN Belsunce", "EPN  belsunce", 1)}
	rep = importBytes(t, s, file(again...), opendata.ImportOptions{Source: "form", Snapshot: true})
	if rep.Actors[models.SyncCreated] != 0 || rep.Actors[models.SyncArchived] != 0 {
		t.Errorf("re-import made other places: %v %+v", rep.Actors, rep.Issues)
	}
	for _, a := range allActors(t, s) {
		if !ids[a.SourceID] {
			t.Errorf("re-import: new id %q", a.SourceID)
		}
	}
	// An id column empty on every row (a form's export): ids derived, and
	// the diagnosis says so though every other column is the standard's.
	form := `[{"id": null, "nom": "Espace municipal", "adresse": "104 avenue Koenig", "code_postal": "98800", "commune": "Nouméa", "services": "Aide aux démarches administratives"}]`
	rep = importBytes(t, s, []byte(form), opendata.ImportOptions{Source: "nc", DryRun: true})
	if rep.Rejected != 0 || rep.Diagnosis == nil || rep.Diagnosis.IDs != "derived" || len(rep.Diagnosis.Missing) != 0 {
		t.Errorf("null ids: rejected %d diagnosis %+v", rep.Rejected, rep.Diagnosis)
	}
	// A file that gives ids: a row without one is the producer's omission.
	withIDs := "id;nom;adresse;code_postal;commune;services\np1;EPN;1 rue A;13001;Marseille;Aide aux démarches administratives\n" +
		";Club;3 rue C;13001;Marseille;Aide aux démarches administratives\n"
	rep = importBytes(t, s, []byte(withIDs), opendata.ImportOptions{Source: "ids", DryRun: true})
	if is := issuesOf(rep, 2, "id"); rep.Rejected != 1 || len(is) != 1 || is[0].Reason != "is required: it is the place's key in its source" {
		t.Errorf("row 2 without id in a file of ids: rejected %d %+v", rep.Rejected, is)
	}
}

// TestImportDataInclusionPublicsAndLabels: data·inclusion's v0 codes of
// publics (seniors-65, jeunes-16-26), « Tout public », « Aucun dispositif »,
// « UNCCAS » and « Maison France Service » were warned as no value on
// every row of the files that write them.
func TestImportDataInclusionPublicsAndLabels(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;services;publics_accueillis;labels_nationaux;publics_specifiquement_adresses\n" +
		"p1;EPN;1 rue A;97200;Fort-de-France;Aide aux démarches administratives;seniors-65;UNCCAS;\n" +
		"p2;Médiathèque;2 rue B;97200;Fort-de-France;Aide aux démarches administratives;jeunes-16-26|personnes-en-situation-illettrisme|tous-publics;Aucun dispositif;Tout public\n" +
		"p3;Mairie;3 rue C;97200;Fort-de-France;Aide aux démarches administratives;;Maison France Service;Familles\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "antilles"})
	for _, is := range rep.Issues {
		if is.Severity == opendata.SeverityWarning && is.Field != "labels_nationaux" && strings.Contains(is.Reason, "not a value") {
			t.Errorf("warned: %+v", is)
		}
		if is.Field == "labels_nationaux" && is.Value != "UNCCAS" {
			t.Errorf("warned: %+v", is)
		}
	}
	if sv := serviceOf(t, s, "antilles", "p1"); !slices.Equal(sv.Publics, []string{"Seniors"}) {
		t.Errorf("p1 publics %v", sv.Publics)
	}
	if sv := serviceOf(t, s, "antilles", "p2"); !slices.Equal(sv.Publics, []string{"Jeunes"}) || !slices.Equal(sv.SpecificSupport, []string{"Illettrisme"}) {
		t.Errorf("p2 publics %v support %v", sv.Publics, sv.SpecificSupport)
	}
	if sv := serviceOf(t, s, "antilles", "p3"); !slices.Equal(sv.Publics, []string{"Familles et/ou enfants"}) {
		t.Errorf("p3 publics %v", sv.Publics)
	}
	for _, a := range allActors(t, s) {
		switch a.SourceID {
		case "p1":
			if a.OtherLabels != "UNCCAS" {
				t.Errorf("p1 other labels %q", a.OtherLabels)
			}
		case "p2":
			if len(a.NationalProgrammes) != 0 || a.OtherLabels != "" {
				t.Errorf("p2 « Aucun dispositif » kept: %v %q", a.NationalProgrammes, a.OtherLabels)
			}
		case "p3":
			if !slices.Equal(a.NationalProgrammes, []string{"France Services"}) {
				t.Errorf("p3 programmes %v", a.NationalProgrammes)
			}
		}
	}
	got := readingsOf(rep)
	for _, k := range []string{
		"labels_nationaux: « Aucun dispositif » (a producer's « none ») dropped: it says the place has none, as an empty cell does",
		"publics_specifiquement_adresses: « Tout public » dropped: " + noteAllPublicsPrefix,
	} {
		found := false
		for r := range got {
			found = found || strings.HasPrefix(r, k)
		}
		if !found {
			t.Errorf("no reading %q in %v", k, got)
		}
	}
}

const noteAllPublicsPrefix = "the standard v1.0.2 says « Par défaut"
