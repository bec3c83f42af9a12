package opendata_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"carnet/models"
	"carnet/models/opendata"
	"carnet/models/openinghours"
	"carnet/models/vocab"
)

func places(t *testing.T, in string, format string) []opendata.Place {
	t.Helper()
	out, _, err := readAllAs(t, in, format)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A v0.1.1 file: ";" between values, the 15 old services, the old columns
// and their long « Valeur : explication » values; here also with ";"
// between fields and a BOM, as French spreadsheets save it.
const v011 = "\ufeffid;pivot;nom;commune;code_postal;adresse;courriel;date_maj;services;publics_accueillis;conditions_acces;labels_nationaux;labels_autres;modalites_accompagnement;accessibilite\n" +
	"old-1;21130055300016;Maison France Services;Aubagne;13400;2 rue X;accueil@mairie.fr;2022-03-01;" +
	`"Réaliser des démarches administratives avec un accompagnement;Prendre en main un ordinateur;Accéder à du matériel";` +
	`"Seniors (+ 65 ans);Public langues étrangères";` +
	`"Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu";` +
	`"France Services;APTIC";Label local;` +
	"A ma place : une personne habilitée fait les démarches à ma place;" +
	"https://acceslibre.beta.gouv.fr/app/erp/x/\n"

func TestReadV011(t *testing.T) {
	ps := places(t, v011, "")
	if len(ps) != 1 || ps[0].Rejected {
		t.Fatalf("places: %+v", ps)
	}
	p := ps[0]
	a, s := p.Actor, p.Service
	if a.SourceID != "old-1" || a.Pivot != "21130055300016" || str(a.Emails) != "[accueil@mairie.fr]" || a.AcceslibreURL == "" {
		t.Errorf("actor: %+v", a)
	}
	if str(a.NationalProgrammes) != "[France Services]" || !strings.Contains(a.OtherLabels, "APTIC") || !strings.Contains(a.OtherLabels, "Label local") {
		t.Errorf("labels: %v / %q", a.NationalProgrammes, a.OtherLabels)
	}
	if s == nil {
		t.Fatal("no offer")
	}
	if !slices.Equal(s.Themes, []string{vocab.ThemeAdministrativeProcedures, vocab.ThemeEverydayDigitalTools, vocab.ThemeInternetAndEquipment}) {
		t.Errorf("themes %v", s.Themes)
	}
	if str(s.Publics) != "[Seniors]" || str(s.SpecificSupport) != "[Langues étrangères (autres)]" || str(s.Fees) != "[Gratuit sous condition]" || !s.PassNumerique {
		t.Errorf("offer: %+v", s)
	}
	if s.Kind != vocab.KindProceduresDoneFor || s.SourceID != "old-1#offer" {
		t.Errorf("kind %s, source_id %s", s.Kind, s.SourceID)
	}
}

// A file merged by data·inclusion (Numi, the Normandie hub, 2023) writes
// its own codes of types and frais in the standard's v0.1.1 columns:
// « autonomie », « accompagnement », « atelier », « delegation » in
// modalites_accompagnement, « gratuit-sous-conditions » and
// « pass-numerique » in conditions_acces. They were dropped as unknown
// (254 and 15 of its 757 rows).
func TestReadDataInclusionCodesInV011Columns(t *testing.T) {
	in := `[{"id": "di-1", "nom": "Lieu", "commune": "Évreux", "code_postal": "27000", "adresse": "1 rue X", "date_maj": "05/08/2016",
	  "services": "numerique;numerique--prendre-en-main-un-ordinateur;numerique--realiser-des-demarches-administratives-avec-un-accompagnement",
	  "publics_accueillis": "seniors-65;deficience-visuelle",
	  "modalites_accompagnement": "autonomie;atelier;delegation", "conditions_acces": "gratuit-sous-conditions;pass-numerique"},
	 {"id": "di-2", "nom": "Lieu 2", "commune": "Évreux", "code_postal": "27000", "adresse": "2 rue X", "date_maj": "05/08/2016",
	  "services": "numerique--prendre-en-main-un-ordinateur", "modalites_accompagnement": "accompagnement"}]`
	ps := places(t, in, "")
	if len(ps) != 2 || ps[0].Rejected || ps[1].Rejected {
		t.Fatalf("places: %+v", ps)
	}
	s := ps[0].Service
	if s == nil {
		t.Fatal("no offer")
	}
	if str(s.AccompanimentModes) != str([]string{vocab.AccompanimentAutonomous, vocab.AccompanimentIndividual, vocab.AccompanimentWorkshop}) {
		t.Errorf("modes %v", s.AccompanimentModes)
	}
	if str(s.Fees) != "[Gratuit sous condition]" || !s.PassNumerique {
		t.Errorf("fees %v, pass %v", s.Fees, s.PassNumerique)
	}
	if str(s.SpecificSupport) != "[Déficience visuelle]" {
		t.Errorf("specific support %v", s.SpecificSupport)
	}
	if s.Kind != vocab.KindProceduresDoneFor {
		t.Errorf("kind %s, want %s (delegation: done for the person)", s.Kind, vocab.KindProceduresDoneFor)
	}
	if s2 := ps[1].Service; s2 == nil || str(s2.AccompanimentModes) != "["+vocab.AccompanimentIndividual+"]" {
		t.Errorf("offer 2: %+v", s2)
	}
	for _, p := range ps {
		for _, w := range p.Issues {
			if w.Field == "modalites_accompagnement" || w.Field == "conditions_acces" || w.Field == "publics_accueillis" {
				t.Errorf("warning %+v", w)
			}
		}
	}
}

func TestReadMessyRows(t *testing.T) {
	in := `[
	 {"id": "m1", "pivot": "00000000000000", "nom": "Lieu", "commune": "Gap", "code_postal": 5000, "adresse": "1 rue", "date_maj": "2024-01-01",
	  "services": ["Aide aux démarches administratives", "Cuisine"], "modalites_acces": "Ce lieu n’accueille pas de public",
	  "latitude": 0, "longitude": 0, "telephone": "3949", "site_web": "www.example.fr|javascript:alert(1)", "colonne_inconnue": "x"},
	 {"id": "m2", "nom": "Sans code postal", "commune": "Gap", "adresse": "1 rue"},
	 "not an object"
	]`
	ps := places(t, in, opendata.FormatJSON)
	// m2 takes Gap's only postal code (05000), with a warning.
	if len(ps) != 3 || ps[0].Rejected || ps[1].Rejected || ps[1].Actor.Address.PostalCode != "05000" || !ps[2].Rejected {
		t.Fatalf("rejections: %v %v %v", ps[0].Issues, ps[1].Issues, ps[2].Issues)
	}
	a, s := ps[0].Actor, ps[0].Service
	if a.Address.PostalCode != "05000" || a.Latitude != nil || len(a.Phones) != 0 || str(a.Websites) != "[https://www.example.fr]" {
		t.Errorf("actor: %+v", a)
	}
	if str(s.Themes) != "[Aide aux démarches administratives]" || str(s.AccessModes) != "[Ce lieu n'accueille pas de public]" {
		t.Errorf("offer: %+v", s)
	}
	fields := map[string]bool{}
	for _, is := range ps[0].Issues {
		fields[is.Field] = true
		if is.Severity != opendata.SeverityWarning || is.Row != 1 {
			t.Errorf("issue %+v", is)
		}
	}
	for _, f := range []string{"code_postal", "latitude", "telephone", "site_web", "services"} {
		if !fields[f] {
			t.Errorf("no warning on %s: %+v", f, ps[0].Issues)
		}
	}
}

func TestSniffSeparators(t *testing.T) {
	for _, sep := range []string{",", ";", "\t"} {
		in := strings.Join([]string{"id", "nom", "commune", "code_postal", "adresse", "services"}, sep) + "\n" +
			strings.Join([]string{"s1", `"Lieu, avec virgule"`, "Lyon", "69003", "1 rue", "Aide aux démarches administratives|Loisirs et créations numériques"}, sep) + "\n"
		ps := places(t, in, opendata.FormatCSV)
		if len(ps) != 1 || ps[0].Actor.Name != "Lieu, avec virgule" || len(ps[0].Service.Themes) != 2 {
			t.Errorf("separator %q: %+v", sep, ps)
		}
	}
}

func str(v []string) string { return "[" + strings.Join(v, " ") + "]" }

// FuzzReader feeds arbitrary files to the reader and the mapping: they must
// report, never panic.
func FuzzReader(f *testing.F) {
	f.Add([]byte(v011))
	f.Add([]byte(`[{"id":"x","nom":"y","services":["a",1,null,{"b":2}]}]`))
	f.Add([]byte("id,nom\n\"unterminated"))
	f.Add([]byte(`{"meta":{"n":1},"data":[{"id":"x","nom":"y"}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5.1,43.2]},"properties":{"id":"x"}}]}`))
	f.Add([]byte("id;nom;commune\nx;M\xe9diath\xe8que;N\xeemes\n"))
	// Producers' variants: a title line, JSON Lines, a single place,
	// French dates, coordinates in one cell, a row longer than its header,
	// UTF-8 mixed with Windows-1252, an archive.
	f.Add([]byte("Export du 17/05/2023;;\n\nid;nom;date_maj;geo_point_2d\nx;y;17/05/2023 10:00;\"43,29, 5,37\"\n"))
	f.Add([]byte(`{"id":"a","nom":"b","date_maj":"2023-05-17T22:00:00Z"}` + "\n" + `{"id":"c","coordonnees":{"lat":1,"lon":2}}`))
	f.Add([]byte("id;nom;telephone;courriels\nx;M\xc3\xa9diath\xe8que;T\xe9l. : 0590 82 00 00 / 06;a@x.fr et b@y.fr;en trop\n"))
	f.Add([]byte("PK\x03\x04\x14\x00"))
	// Placeholders for no value, a value of another list, one id for two places.
	f.Add([]byte("id;nom;code_insee;telephone;modalites_access;publics_accueillis;adresse;code_postal\nx;#N/A;MISSING;-;Gratuit|Seniors;Adultes;1 rue A;13001\nx;y;NULL;Non renseign\xc3\xa9;?;;2 rue B;13002\n"))
	// Producers' formats read by the ANCT's mappings, and a row whose
	// commune is derived.
	f.Add([]byte("Lieu;Adresse postale;Commune;Coord. X;Coord. Y;Type Structure;Description;services\nA;8 rue B - 33000 Bordeaux;Bordeaux;44.8;-0.5;CAF;gratuit, atelier;x\n"))
	f.Add([]byte("id_fs,lib_fs,lib_com,h_lundi,labellisation,format_fs\n1,A,Valence,09:00 - 12:00 / 13h30 à 17h,Espace labellisé 01/01/2020,Fixe\n"))
	f.Add([]byte(`[{"Data pass ID":"1","Name":"Mairie de Laon","Adresse":"1 rue A 02000 Laon","Code postal":2000,"Nombre de mandats":"1"}]`))
	f.Add([]byte(`[{"bf_titre":"A","bf_adresse1":"1 rue","bf_ville":"Valence","checkboxListeTypeservice":"1,15,8"}]`))
	// Opendatasoft records (API v1), nested formats (Res-in, Hub
	// Bretagne) and a key given twice once flattened, Mednum BFC's
	// half-days, the Charente bus's weeks.
	f.Add([]byte(`[{"datasetid":"d","recordid":"r1","record_timestamp":"2025-01-01T00:00:00Z","fields":{"id":"x","nom":"y","horaires":"Mo 09:00-12:00"},"geometry":{"type":"Point","coordinates":[5.1,43.2]}}]`))
	f.Add([]byte(`[{"_id":"r1","structureName":"X","contactPhone":"04 78 00 00 01","structureType":{"name":"Centre socio-culturel"},"address":{"postcode":"69002","commune":"Lyon","coordinates":[4.8,45.7]},"categories":{"age":["old"]},"address.postcode":"69003"}]`))
	f.Add([]byte(`[{"id":"b1","nom":"A","type":"ASSOCIATION","code_insee":"29232","commune":"Quimper","location":{"x":-4.1,"y":48.0},"services":{"etre_aidee":[{"tarif":"gratuit"}]},"labels":[{"label":"Fabrique de Territoire"}]}]`))
	f.Add([]byte("bfc_id;nom_structure;code_typo;code_accomp;lundi matin;lundi après-midi;mardi matin\nb1;X;I;RDV-G-R;8h30-12h;9h12h;-\n"))
	f.Add([]byte("id;nom;SIRET;ouverture;structure_parente;services;horaires;commune;code_postal;adresse\nc1;Bus;;Semaine paire;Emmaüs;Accéder à du matériel;Mo 09:30-12:30;Ruffec;16700;place\n"))
	// Probe 41a: a row one cell short inside, Excel's text forms, pandas'
	// floats, services as objects or under another name, dates in words.
	f.Add([]byte("id,nom,telephone,source,date_maj,services\nk4,A,hub,2023-05-17,Aide aux démarches administratives\n'00124,B,=\"0493000002\",hub,17 mai 2023,x\n124.0,C,,hub,2023-05-17 12:00:00+02,y\n"))
	f.Add([]byte(`[{"id":124.0,"nom":"A","code_postal":6100.0,"services":[{"nom":"Aide aux démarches administratives"},{"code":1}]},{"id":"1.23457E+13","Services proposés":"Prestations","services":{"label":"x"}}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rd, err := opendata.NewReader(bytes.NewReader(b), "")
		if err != nil {
			return
		}
		for range 1000 {
			rec, err := rd.Next()
			if err != nil {
				return
			}
			p := opendata.ToPlace(rec, "fuzz")
			if p.Rejected {
				continue
			}
			// A place imported has text of valid UTF-8, and hours that
			// parse, or none, or hours kept as written with a warning that
			// says so (the documented rule for a text no rule of which
			// is valid: hours unknown every day, the producer told).
			a := p.Actor
			for _, s := range append([]string{a.Name, a.SourceID, a.Address.Street, a.Address.Commune, a.OpeningHours, a.Summary, a.Description}, a.Phones...) {
				if !utf8.ValidString(s) {
					t.Fatalf("%q: text not UTF-8 %q", b, s)
				}
			}
			if h := a.OpeningHours; h != "" {
				if _, err := openinghours.Parse(h); err != nil && !warnedKeptAsWritten(p.Issues) {
					t.Fatalf("%q: hours %q do not parse (%v) and no warning says they are kept as written: %+v", b, h, err, p.Issues)
				}
			}
			if p.Service != nil && p.Service.OpeningHours != "" {
				if _, err := openinghours.Parse(p.Service.OpeningHours); err != nil {
					t.Fatalf("%q: service hours %q do not parse: %v", b, p.Service.OpeningHours, err)
				}
			}
		}
	})
}

// TestReadValidExample imports the standard's own valid example: every
// column finds its field and nothing needs a warning except what Carnet
// does not keep (structure_parente).
func TestReadValidExample(t *testing.T) {
	ps := places(t, string(reference(t, "standard-mediation-num/exemple-valide.v1.0.2.csv")), "")
	if len(ps) != 1 || ps[0].Rejected {
		t.Fatalf("%+v", ps)
	}
	p := ps[0]
	for _, is := range p.Issues {
		if is.Field != "structure_parente" {
			t.Errorf("unexpected issue %+v", is)
		}
	}
	a, s := p.Actor, p.Service
	checks := map[string]bool{
		"pivot":       a.Pivot == "43493312300029" && a.PivotKind == "siret",
		"address":     a.Address == (models.Address{Street: "12 BIS RUE DE LECLERCQ", Complement: "Le patio du bois de l'Aulne", PostalCode: "51100", Commune: "Reims", InseeCode: "51454"}),
		"coordinates": a.Latitude != nil && *a.Latitude == 43.52609 && *a.Longitude == 5.41423,
		"typologies":  str(a.Typologies) == "[ASSO TIERS_LIEUX]" || str(a.Typologies) == "[TIERS_LIEUX ASSO]",
		"contacts":    str(a.Phones) == "[+33180059880]" && len(a.Emails) == 2 && len(a.Websites) == 2,
		"hours":       a.OpeningHours == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
		"labels":      len(a.NationalProgrammes) == 3 && len(a.TrainingLabels) == 2 && a.OtherLabels == "Label et la bête",
		"links":       strings.HasPrefix(a.AcceslibreURL, "https://acceslibre") && a.BookingURL == "https://www.rdv-solidarites.fr/",
		"mobility":    str(a.Mobility) == "[Itinérant]",
		"offer": s != nil && len(s.Themes) == 3 && str(s.Publics) == "[Jeunes Femmes]" && len(s.SpecificSupport) == 3 &&
			len(s.Fees) == 2 && len(s.AccessModes) == 2 && len(s.AccompanimentModes) == 4 && s.OnSite && s.Remote,
	}
	for name, ok := range checks {
		if !ok {
			t.Errorf("%s: actor %+v, offer %+v", name, a, s)
		}
	}
}

// Files as producers' tools really write them: the same place must come
// out of each, accents included, or the file is refused with a reason —
// never read as nothing.
func TestReadFilesAsToolsWriteThem(t *testing.T) {
	const name, commune = "Médiathèque Émile-Zola", "Nîmes"
	csvUTF8 := "id;nom;commune;code_postal;adresse;services\r\nm1;" + name + ";" + commune + ";30000;1 rue Général-Perrier;Aide aux démarches administratives\r\n"
	utf16 := func(s string) string {
		b := []byte{0xFF, 0xFE}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8)) // every rune here is in the BMP
		}
		return string(b)
	}
	win1252 := func(s string) string {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r)) // é, è, É, î are one byte each in Windows-1252 (= Latin-1 here)
		}
		return string(b)
	}
	obj := `{"id":"m1","nom":"` + name + `","commune":"` + commune + `","code_postal":"30000","adresse":"1 rue Général-Perrier","services":["Aide aux démarches administratives"]`
	for _, tc := range []struct{ name, in string }{
		{"CSV in UTF-8 with a BOM", "\ufeff" + csvUTF8},
		{"CSV in Windows-1252 (a spreadsheet saved on Windows)", win1252(csvUTF8)},
		{"CSV in UTF-16 with a BOM", utf16(csvUTF8)},
		{"JSON array", "[" + obj + ",\"latitude\":43.84,\"longitude\":4.36}]"},
		{"JSON object wrapping the array", `{"meta":{"total":1},"data":[` + obj + `,"latitude":43.84,"longitude":4.36}],"links":{}}`},
		{"GeoJSON FeatureCollection", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[4.36,43.84]},"properties":` + obj + `}}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := places(t, tc.in, "")
			if len(ps) != 1 || ps[0].Rejected {
				t.Fatalf("places: %+v", ps)
			}
			a := ps[0].Actor
			if a.Name != name || a.Address.Commune != commune || ps[0].Service == nil {
				t.Errorf("read %q in %q, service %v", a.Name, a.Address.Commune, ps[0].Service != nil)
			}
			if strings.HasPrefix(tc.in, "[") || strings.HasPrefix(tc.in, "{") {
				if a.Latitude == nil || *a.Latitude != 43.84 || a.Longitude == nil || *a.Longitude != 4.36 {
					t.Errorf("coordinates %v %v", a.Latitude, a.Longitude)
				}
			}
		})
	}
	rd, err := opendata.NewReader(strings.NewReader(win1252(csvUTF8)), "")
	if err != nil || rd.Encoding() != "Windows-1252" {
		t.Errorf("encoding %q, %v", rd.Encoding(), err)
	}
	for _, tc := range []struct{ name, in, want string }{
		{"a JSON object without places", `{"type":"Topology","objects":{"lieux":{"type":"GeometryCollection"}}}`, "must be an array of objects"},
		{"a JSON object whose data is not a list", `{"data":{"nom":"x"}}`, "must be an array of objects"},
		{"a CSV file without any column of the standard", "colonne1,colonne2\nx,y\n", "names no column of the standard"},
		{"an empty file", "  \n", "empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := opendata.NewReader(strings.NewReader(tc.in), "")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestLoneGeoJSONFeature: a GeoJSON text may be one Feature (RFC 7946
// § 3.2), and GeoJSONSeq tools write Features one per line; both were
// refused (« must be an array of objects »), their keys matching no
// column. Each Feature is read as a collection's features are: its
// properties, its point, its id.
func TestLoneGeoJSONFeature(t *testing.T) {
	feature := func(id, name string) string {
		return `{"type":"Feature","id":"` + id + `","geometry":{"type":"Point","coordinates":[5.38,43.3]},"properties":{"nom":"` + name + `","adresse":"1 rue de la République","code_postal":"13001","commune":"Marseille","date_maj":"2024-01-02"}}`
	}
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"one Feature", feature("f1", "Médiathèque"), []string{"Médiathèque"}},
		{"Features one per line", feature("f1", "Médiathèque") + "\n" + feature("f2", "Centre social") + "\n", []string{"Centre social", "Médiathèque"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openStore(t)
			rep := importBytes(t, s, []byte(tc.in), opendata.ImportOptions{Source: "geo"})
			var got []string
			for _, a := range allActors(t, s) {
				got = append(got, a.Name)
				if a.Latitude == nil || *a.Latitude != 43.3 || a.SourceID == "" {
					t.Errorf("%s: latitude %v, source id %q", a.Name, a.Latitude, a.SourceID)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) || rep.Rejected != 0 {
				t.Errorf("places %q, rejected %d, want %q: %+v", got, rep.Rejected, tc.want, rep.Issues)
			}
		})
	}
}

// The bound on separators a line may hold (cellBound) counts those
// encoding/csv splits on, not those inside quoted cells — escaped quotes,
// a quoted cell over several lines, a stray quote inside a cell (lazy
// quotes) — so a long quoted description is read whole.
func TestSeparatorsInQuotesAreNotCells(t *testing.T) {
	commas := strings.Repeat("a, ", 5000)
	for name, in := range map[string]string{
		"quoted":           "id,nom,commune,code_postal,adresse,presentation_detail\nq1,Lieu,Gap,05000,1 rue,\"" + commas + "\"\n",
		"escaped quotes":   "id,nom,commune,code_postal,adresse,presentation_detail\nq1,Lieu,Gap,05000,1 rue,\"dit \"\"" + commas + "\"\" \"\n",
		"over lines":       "id,nom,commune,code_postal,adresse,presentation_detail\r\nq1,Lieu,Gap,05000,1 rue,\"" + commas + "\r\n" + commas + "\"\r\n",
		"stray quote then": "id,nom,commune,code_postal,adresse,presentation_detail\nq1,Lieu 12\" écran,Gap,05000,1 rue,\"" + commas + "\"\n",
	} {
		ps, _, err := readAllAs(t, in, opendata.FormatCSV)
		if err != nil || len(ps) != 1 || ps[0].Rejected || !strings.Contains(ps[0].Actor.Description, "a, a, a") {
			t.Errorf("%s: err %v, %d places", name, err, len(ps))
		}
	}
	// Outside quotes, a line of separators stops the file while it is
	// read: line 3 here.
	in := "id,nom\n1,a\n" + strings.Repeat(",", 100000) + "\n2,b\n"
	rd, err := opendata.NewReader(strings.NewReader(in), opendata.FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Next(); err != nil {
		t.Fatalf("row 1: %v", err)
	}
	if _, err := rd.Next(); err == nil || !strings.Contains(err.Error(), "line 3 has more than") {
		t.Fatalf("a line of 100,000 separators: %v", err)
	}
}

// warnedKeptAsWritten reports whether a warning on the hours says they
// were kept as written (none of their rules valid).
func warnedKeptAsWritten(issues []opendata.Issue) bool {
	for _, is := range issues {
		if is.Field == "horaires" && strings.Contains(is.Reason, "kept as written") {
			return true
		}
	}
	return false
}
