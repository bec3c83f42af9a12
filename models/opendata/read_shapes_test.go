package opendata_test

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"carnet/models/opendata"
)

// readAll reads every place of in, as Import does, and returns them with
// the reader's remarks and the error that stopped it (nil at the end).
func readAll(t *testing.T, in string) ([]opendata.Place, []string, error) {
	t.Helper()
	return readAllAs(t, in, "")
}

// readAllAs is readAll in the given format ("" to tell from the file).
func readAllAs(t *testing.T, in, format string) ([]opendata.Place, []string, error) {
	t.Helper()
	rd, err := opendata.NewReader(strings.NewReader(in), format)
	if err != nil {
		t.Fatal(err)
	}
	var out []opendata.Place
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return out, rd.Remarks(), nil
		}
		if err != nil {
			return out, rd.Remarks(), err
		}
		out = append(out, opendata.ToPlace(rec, "test"))
	}
}

func jsonPlace(id, name string) string {
	return `{"id":"` + id + `","nom":"` + name + `","commune":"Nice","code_postal":"06000","adresse":"1 rue de France","services":"Maîtrise des outils numériques du quotidien"}`
}

// TestReadEveryJSONValue: a file holding several JSON values one after the
// other (an API's pages saved end to end) is read whole, and anything else
// after the places is an error. The values after the first were ignored
// without a word, and a snapshot archived their places.
func TestReadEveryJSONValue(t *testing.T) {
	p1, p2 := jsonPlace("j1", "Lieu un"), jsonPlace("j2", "Lieu deux")
	for _, tc := range []struct{ name, in, err string }{
		{"two arrays", "[" + p1 + "]\n[" + p2 + "]\n", ""},
		{"two pages wrapping their arrays", `{"data":[` + p1 + `],"links":{"next":"x"}}` + "\n" + `{"meta":{"page":2},"data":[` + p2 + `]}`, ""},
		{"an array then a place", "[" + p1 + "]" + p2, ""},
		{"an array then text", "[" + p1 + "] garbage", "not JSON"},
		{"an array then an object without places", "[" + p1 + `]{"meta":{"total":1}}`, "not places"},
		{"an array then a bracket", "[" + p1 + "]]", "not JSON"},
		{"JSON Lines then a bracket", p1 + "\n" + p2 + "\n]", "not JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, remarks, err := readAll(t, tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 2 || ps[0].Actor.Name != "Lieu un" || ps[1].Actor.Name != "Lieu deux" {
				t.Fatalf("read %d places: %+v", len(ps), ps)
			}
			if !slices.ContainsFunc(remarks, func(r string) bool { return strings.Contains(r, "several JSON values") }) {
				t.Errorf("remarks %q say nothing of the second value", remarks)
			}
		})
	}
	// One value, wrapped, with keys after its array: read, no remark.
	ps, remarks, err := readAll(t, `{"data":[`+p1+`,`+p2+`],"links":{"next":null},"meta":{"total":2}}`)
	if err != nil || len(ps) != 2 || len(remarks) != 0 {
		t.Errorf("one wrapped value: %d places, remarks %q, %v", len(ps), remarks, err)
	}
}

// TestReadMacLineEnds: Excel for Mac's « CSV (Macintosh) » ends lines with
// a carriage return alone. The file was one line: « holds no place ».
func TestReadMacLineEnds(t *testing.T) {
	in := "id;nom;commune;code_postal;adresse;services\r" +
		"m1;Médiathèque;Nice;06000;1 rue de France;Maîtrise des outils numériques du quotidien\r" +
		"m2;\"Espace\rnumérique\";Nice;06100;2 rue de France;Maîtrise des outils numériques du quotidien\r"
	ps, remarks, err := readAll(t, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].Actor.Name != "Médiathèque" || ps[1].Actor.Address.PostalCode != "06100" || ps[0].Service == nil {
		t.Fatalf("places %+v", ps)
	}
	if !slices.ContainsFunc(remarks, func(r string) bool { return strings.Contains(r, "carriage return") }) {
		t.Errorf("remarks %q", remarks)
	}
	// Line ends mixed: a cell's own line break (Excel's Alt+Enter, \n
	// inside quotes) in a file of \r lines; \r\n rows then \r rows (a
	// file edited on a Mac); a header ended by \r before \n rows.
	const h, r1, r2 = "id;nom;commune;code_postal;adresse;services", "m1;Un;Nice;06000;\"1 rue\nBât. B\";Maîtrise des outils numériques du quotidien",
		"m2;Deux;Nice;06100;2 rue;Maîtrise des outils numériques du quotidien"
	for _, in := range []string{h + "\r" + r1 + "\r" + r2 + "\r", h + "\r\n" + r1 + "\r\n" + r2 + "\r", h + "\r" + r1 + "\n" + r2 + "\n", h + "\r" + r1 + "\r" + r2 + "\n"} {
		ps, _, err := readAll(t, in)
		if err != nil || len(ps) != 2 || ps[0].Rejected || ps[1].Rejected || ps[0].Actor.Address.Street != "1 rue, Bât. B" || ps[1].Actor.Name != "Deux" {
			t.Errorf("%q: %d places, %v", in, len(ps), err)
		}
	}
}

// TestSeparatorOfTheHeader: a title line above the header may hold a comma;
// the separator is the header's (the file was refused: « its first line
// names no column »).
func TestSeparatorOfTheHeader(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"a title with a comma above a ; header", "Lieux de médiation numérique, Alpes-Maritimes\nid;nom;commune;code_postal;adresse;services\nt1;Lieu un;Nice;06000;1 rue;Maîtrise des outils numériques du quotidien\n"},
		{"a title and a blank line above a tab header", "Export, 12/05/2023, région PACA\n\nid\tnom\tcommune\tcode_postal\tadresse\tservices\nt1\tLieu un\tNice\t06000\t1 rue\tMaîtrise des outils numériques du quotidien\n"},
		{"a ; title above a , header", "Lieux; mise à jour\nid,nom,commune,code_postal,adresse,services\nt1,Lieu un,Nice,06000,1 rue,Maîtrise des outils numériques du quotidien\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, _, err := readAll(t, tc.in)
			if err != nil || len(ps) != 1 || ps[0].Actor.Name != "Lieu un" || ps[0].Actor.Address.PostalCode != "06000" || ps[0].Service == nil {
				t.Fatalf("places %+v, %v", ps, err)
			}
		})
	}
}

// TestColumnGivenTwice: a value of a column the file gives twice is not
// lost without a word: every column, the contacts included, keeps its
// first value and warns of the other (a second column of contacts was
// merged into the published ones: probe 37b M2).
func TestColumnGivenTwice(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,telephone,courriels,email,services,telephone,nom,Code Postal\n" +
		"f1,Lieu un,Nice,06000,1 rue de France,0493000000,a@example.fr,b@example.fr,Maîtrise des outils numériques du quotidien,0494000000,Autre nom,06000\n"
	ps, _, err := readAll(t, in)
	if err != nil || len(ps) != 1 {
		t.Fatalf("%+v, %v", ps, err)
	}
	a := ps[0].Actor
	if !slices.Equal(a.Phones, []string{"+33493000000"}) || !slices.Equal(a.Emails, []string{"a@example.fr"}) {
		t.Errorf("contacts %v %v, want the first of each", a.Phones, a.Emails)
	}
	if a.Name != "Lieu un" {
		t.Errorf("name %q", a.Name)
	}
	var warned []string
	for _, is := range ps[0].Issues {
		if strings.Contains(is.Reason, "twice") {
			warned = append(warned, is.Field+"="+is.Value)
		}
	}
	// The same postal code twice is no loss.
	if !slices.Equal(warned, []string{"courriels=b@example.fr", "telephone=0494000000", "nom=Autre nom"}) {
		t.Errorf("warnings of columns given twice: %v", warned)
	}
}

// TestGeoJSONFeatures: a Feature's own id is the place's id, and a
// MultiPoint of one point is its point; of several, a warning.
func TestGeoJSONFeatures(t *testing.T) {
	props := `"nom":"Lieu","commune":"Nice","code_postal":"06000","adresse":"1 rue de France","services":"Maîtrise des outils numériques du quotidien"`
	in := `{"type":"FeatureCollection","features":[` +
		`{"type":"Feature","id":"g1","geometry":{"type":"MultiPoint","coordinates":[[7.26,43.7]]},"properties":{` + props + `}},` +
		`{"type":"Feature","id":"ignored","geometry":{"type":"MultiPoint","coordinates":[[7.26,43.7],[7.27,43.71]]},"properties":{"id":"g2",` + props + `}}]}`
	ps, _, err := readAll(t, in)
	if err != nil || len(ps) != 2 {
		t.Fatalf("%+v, %v", ps, err)
	}
	if ps[0].Rejected || ps[0].Actor.SourceID != "g1" || ps[0].Actor.Latitude == nil || *ps[0].Actor.Latitude != 43.7 {
		t.Errorf("first feature: rejected %v, id %q, latitude %v, issues %+v", ps[0].Rejected, ps[0].Actor.SourceID, ps[0].Actor.Latitude, ps[0].Issues)
	}
	if ps[1].Actor.SourceID != "g2" || ps[1].Actor.Latitude != nil ||
		!slices.ContainsFunc(ps[1].Issues, func(is opendata.Issue) bool { return strings.Contains(is.Reason, "MultiPoint of 2 points") }) {
		t.Errorf("second feature: id %q, latitude %v, issues %+v", ps[1].Actor.SourceID, ps[1].Actor.Latitude, ps[1].Issues)
	}
}

// TestPostalCodeWithText: a postal code cell written as on an envelope
// (« 06000 Nice ») or with a country's prefix (« F-06000 ») is read with a
// warning; the row was rejected for a postal code of no commune, its offer
// lost.
func TestPostalCodeWithText(t *testing.T) {
	in := "id;nom;commune;code_postal;adresse;services\n" +
		"p1;Lieu un;;06000 Nice;1 rue de France;Maîtrise des outils numériques du quotidien\n" +
		"p2;Lieu deux;Nice;F-06000;2 rue de France;Maîtrise des outils numériques du quotidien\n" +
		"p3;Lieu trois;Marseille;13001 - Marseille 1er;3 rue de Rome;Maîtrise des outils numériques du quotidien\n" +
		"p4;Lieu quatre;Nîmes;30000 12;4 rue;Maîtrise des outils numériques du quotidien\n" +
		"p5;Lieu cinq;;06000\u00a0Nice;5 rue de France;Maîtrise des outils numériques du quotidien\n" +
		"p6;Lieu six;Nice;(06000);6 rue de France;Maîtrise des outils numériques du quotidien\n" +
		"p7;Lieu sept;;Nice 06000;7 rue de France;Maîtrise des outils numériques du quotidien\n" +
		"p8;Lieu huit;Nice;06000.;8 rue de France;Maîtrise des outils numériques du quotidien\n"
	ps, _, err := readAll(t, in)
	if err != nil || len(ps) != 8 {
		t.Fatalf("%+v, %v", ps, err)
	}
	for i, want := range []struct{ pc, commune string }{{"06000", "Nice"}, {"06000", "Nice"}, {"13001", "Marseille"}, {"", ""},
		{"06000", "Nice"}, {"06000", "Nice"}, {"06000", "Nice"}, {"06000", "Nice"}} {
		if want.pc == "" {
			continue
		}
		p := ps[i]
		if p.Rejected || p.Actor.Address.PostalCode != want.pc || p.Actor.Address.Commune != want.commune || p.Service == nil ||
			!slices.ContainsFunc(p.Issues, func(is opendata.Issue) bool {
				return is.Field == "code_postal" && strings.Contains(is.Reason, "read as postal code")
			}) {
			t.Errorf("row %d: rejected %v, %q %q, issues %+v", i+1, p.Rejected, p.Actor.Address.PostalCode, p.Actor.Address.Commune, p.Issues)
		}
	}
	// Digits after the code are no commune: not read.
	if ps[3].Actor.Address.PostalCode == "30000" {
		t.Errorf("« 30000 12 » read as 30000")
	}
}

// TestOlderFileSaysSo: a file whose date_maj is before the stored record's
// (last year's file imported again) is written as the producer sends it,
// but the report says so; it replaced the newer values without a word.
func TestOlderFileSaysSo(t *testing.T) {
	s := openStore(t)
	const head = "id,nom,commune,code_postal,adresse,telephone,services,date_maj\n"
	row := func(phone, date string) []byte {
		return []byte(head + "u1,Lieu un,Nice,06000,1 rue de France," + phone + ",Maîtrise des outils numériques du quotidien," + date + "\n")
	}
	importBytes(t, s, row("0493000001", "2023-03-01"), opendata.ImportOptions{Source: "p"})
	rep := importBytes(t, s, row("0493000002", "2023-02-01"), opendata.ImportOptions{Source: "p"})
	if is := issuesOf(rep, 1, "date_maj"); len(is) != 1 || !strings.Contains(is[0].Reason, "before the stored record's (2023-03-01)") {
		t.Errorf("older file: %+v", rep.Issues)
	}
	// A newer one, or the same day, says nothing.
	for _, d := range []string{"2023-02-01", "2023-04-01"} {
		if rep := importBytes(t, s, row("0493000003", d), opendata.ImportOptions{Source: "p"}); len(issuesOf(rep, 1, "date_maj")) != 0 {
			t.Errorf("%s: %+v", d, rep.Issues)
		}
	}
}

// TestHoursOpenEnd: OpenStreetMap's open end (« 08:00-12:00+ ») is read as
// the part known; the whole value was dropped.
func TestHoursOpenEnd(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,horaires,services\n" +
		"h1,Lieu un,Nice,06000,1 rue de France,\"Mo-Fr 08:00-12:00+; Sa 09:00-12:00\",Maîtrise des outils numériques du quotidien\n"
	ps, _, err := readAll(t, in)
	if err != nil || len(ps) != 1 {
		t.Fatalf("%+v, %v", ps, err)
	}
	if h := ps[0].Actor.OpeningHours; h != "Mo-Fr 08:00-12:00; Sa 09:00-12:00" ||
		!slices.ContainsFunc(ps[0].Readings, func(r opendata.RowReading) bool { return strings.Contains(r.How, "open end") }) {
		t.Errorf("hours %q, readings %+v, issues %+v", h, ps[0].Readings, ps[0].Issues)
	}
}

// TestPhoneBesideAFax: « Tél : … - Fax : … » keeps the phone and leaves the
// fax out; the whole cell was dropped as « not a phone number ».
func TestPhoneBesideAFax(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,telephone,services\n" +
		"t1,Lieu un,Nice,06000,1 rue de France,\"Tél : 04 93 00 00 01 - Fax : 04 93 00 00 02\",Maîtrise des outils numériques du quotidien\n" +
		"t2,Lieu deux,Nice,06000,2 rue de France,\"Tél. 04.93.00.00.03 / Télécopie 04.93.00.00.04\",Maîtrise des outils numériques du quotidien\n" +
		"t3,Lieu trois,Nice,06000,3 rue de France,04-93-00-00-05,Maîtrise des outils numériques du quotidien\n"
	ps, _, err := readAll(t, in)
	if err != nil || len(ps) != 3 {
		t.Fatalf("%+v, %v", ps, err)
	}
	for i, want := range []string{"+33493000001", "+33493000003", "+33493000005"} {
		if a := ps[i].Actor; !slices.Equal(a.Phones, []string{want}) {
			t.Errorf("row %d: phones %v, issues %+v", i+1, a.Phones, ps[i].Issues)
		}
		for _, is := range ps[i].Issues {
			if is.Field == "telephone" {
				t.Errorf("row %d: %+v", i+1, is)
			}
		}
	}
}

// TestGeoJSONOddFeatures: one Feature with "properties": null made the
// whole collection be read as flat objects (every row warned of columns
// « geometry », « properties », « type » and read as nothing); a Polygon
// or a line was dropped without a word. A Feature without properties is a
// row with nothing but its geometry (rejected for what it lacks, the
// others read), and a geometry that is no point is warned of.
func TestGeoJSONOddFeatures(t *testing.T) {
	props := `"nom":"Lieu","commune":"Nice","code_postal":"06000","adresse":"1 rue de France","services":"Maîtrise des outils numériques du quotidien"`
	in := `{"type":"FeatureCollection","features":[` +
		`{"type":"Feature","id":"g0","geometry":{"type":"Point","coordinates":[7.26,43.7]},"properties":null},` +
		`{"type":"Feature","id":"g1","geometry":{"type":"Point","coordinates":[7.26,43.7]},"properties":{` + props + `}},` +
		`{"type":"Feature","id":"g2","geometry":{"type":"Polygon","coordinates":[[[7.26,43.7],[7.27,43.7],[7.27,43.71],[7.26,43.7]]]},"properties":{` + props + `}}]}`
	ps, _, err := readAll(t, in)
	if err != nil || len(ps) != 3 {
		t.Fatalf("%+v, %v", ps, err)
	}
	rd, err := opendata.NewReader(strings.NewReader(in), "")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := rd.Next(); err != nil {
			break
		}
	}
	for _, c := range []string{"geometry", "properties", "type"} {
		if rd.Columns()[c] {
			t.Errorf("the feature's member %q taken for a column of the file: %v", c, rd.Columns())
		}
	}
	if !ps[0].Rejected {
		t.Errorf("a feature without properties: %+v, want rejected for what it lacks", ps[0])
	}
	for _, is := range append(ps[0].Issues, ps[1].Issues...) {
		if is.Field == "geometry" || is.Field == "properties" || is.Field == "type" {
			t.Errorf("the collection read as flat objects: %+v", is)
		}
	}
	if ps[1].Rejected || ps[1].Actor.SourceID != "g1" || ps[1].Actor.Latitude == nil || *ps[1].Actor.Latitude != 43.7 {
		t.Errorf("second feature: rejected %v, id %q, latitude %v, issues %+v", ps[1].Rejected, ps[1].Actor.SourceID, ps[1].Actor.Latitude, ps[1].Issues)
	}
	if ps[2].Rejected || ps[2].Actor.Latitude != nil ||
		!slices.ContainsFunc(ps[2].Issues, func(is opendata.Issue) bool { return strings.Contains(is.Reason, "Polygon") }) {
		t.Errorf("a Polygon: rejected %v, latitude %v, issues %+v", ps[2].Rejected, ps[2].Actor.Latitude, ps[2].Issues)
	}
}
