package opendata_test

import (
	"encoding/json"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// Five real files imported unseen (probe 1): the Doubs inclusion map's
// two exports (multi-coop/data-doubs-inclusion), France services' list of
// 2021 (anct-carto/France-services), the Conseillers numériques list of
// 2023 and Aidants Connect's structures of 2024 (inclusion-numerique/stack).
// Each test's rows are shaped like the file's; each failed before its fix.

// TestStreetTailWhenCommuneDerived: the Conseillers numériques list of
// 2023 has no commune column and writes « 41 RUE PORTE DE MONTEUX 84200
// CARPENTRAS » in its address: the commune derived from the address kept
// the postal code and town in the street of all its 2,726 places, and the
// export's re-import stripped them (2,545 addresses changed by the round
// trip). The street is kept alone whenever the commune or the postal code
// is derived, as when both are given; a line ending with another code (a
// CEDEX) keeps it.
func TestStreetTailWhenCommuneDerived(t *testing.T) {
	csv := "Raison sociale;Commune INSEE;Département;SIRET;Adresse;Code commune INSEE;Code postal\n" +
		"FABRIQUE GARE NUMERIQUE;Carpentras;Vaucluse;82917522300033;41 RUE PORTE DE MONTEUX 84200 CARPENTRAS;84031;84200\n" +
		"COMMUNE MELUN;Melun;Seine-et-Marne;21770288500013;14 RUE PAUL DOUMER 77000 MELUN;77288;77000\n" +
		"ASSOCIATION X;Carpentras;Vaucluse;;BP 10 84201 CARPENTRAS CEDEX;84031;84200\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "origin"})
	if rep.Rejected != 0 {
		t.Fatalf("rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	got := map[string]string{}
	for _, a := range allActors(t, s) {
		got[a.Name] = a.Address.Street
	}
	for name, want := range map[string]string{
		"FABRIQUE GARE NUMERIQUE": "41 RUE PORTE DE MONTEUX",
		"COMMUNE MELUN":           "14 RUE PAUL DOUMER",
		"ASSOCIATION X":           "BP 10 84201 CARPENTRAS CEDEX", // another code than the row's: kept
	} {
		if got[name] != want {
			t.Errorf("%s: street %q, want %q", name, got[name], want)
		}
	}
	if r := readingsOf(rep)["adresse: an address line ending with the row's own postal code and commune keeps the street alone"]; r != "1-2" {
		t.Errorf("the reading's rows: %q, want 1-2 (readings %v)", r, readingsOf(rep))
	}
	// The export comes back as it left.
	checkRoundTrip(t, s, rep, opendata.ExportStandardCSV)
}

// TestColumnNamesOfPostalAndINSEECodes: Aidants Connect's export of 2024
// names its columns « Zip Code » and « City Insee Code »: unread, 85 % of
// its rows were rejected for lack of a postal code. France services' list
// of 2021 names the commune « lib_com », its code « insee_com » and the
// e-mail « CONTACT.MAIL ».
func TestColumnNamesOfPostalAndINSEECodes(t *testing.T) {
	csv := "Name,ID,Is Active,City Insee Code,Address,Zip Code,Siret,City\n" +
		"BetaGouv,1,true,75107,\"20 Avenue de Ségur, 75007 Paris\",75007,13002603200016.0,Paris\n" +
		"Blueconfig - Le fourgon Connecté,2,true,64421,2 AVENUE DES FONTAINES,64680,82821337100028.0,Ogeu-Les-Bains\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "aidants-connect"})
	if rep.Rejected != 0 || rep.Actors[models.SyncCreated] != 2 {
		t.Fatalf("rejected %d, actors %v: %+v", rep.Rejected, rep.Actors, rep.Issues)
	}
	for _, a := range allActors(t, s) {
		if a.SourceID == "2" && (a.Address.PostalCode != "64680" || a.Address.InseeCode != "64421") {
			t.Errorf("address %+v", a.Address)
		}
	}
	for _, c := range []string{"code_postal: column « Zip Code » read as code_postal", "code_insee: column « City Insee Code » read as code_insee"} {
		if _, ok := readingsOf(rep)[c+" (another name of it)"]; !ok {
			t.Errorf("no reading %q: %v", c, readingsOf(rep))
		}
	}

	// France services 2021 (GeoJSON), with its places' names under
	// « nom » (its « lib_france_services » is a hint only).
	fs := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"MATRICULE": 1, "nom": "Valserhône", "ADRESSE": "5-9 Rue des Papetiers Bellegarde sur Valserine", "COMPLEMENT.D.ADRESSE": "", "insee_com": "01033", "code_postal": "01200", "lib_com": "VALSERHÔNE", "CONTACT.MAIL": "franceservices@ccpb01.fr", "TELEPHONE": "04 50 56 87 49"}, "geometry": {"type": "Point", "coordinates": [5.825644, 46.105747]}},
{"type": "Feature", "properties": {"MATRICULE": 71, "nom": "Réquista « Le Bercail »", "ADRESSE": "7 avenue Vallée du Tarn", "COMPLEMENT.D.ADRESSE": "", "insee_com": "12197", "code_postal": "12170", "lib_com": "REQUISTA", "CONTACT.MAIL": "lebercail@requistanais.com", "TELEPHONE": "05 65 43 68 61"}, "geometry": {"type": "Point", "coordinates": [2.535661, 44.031548]}}]}`
	s = openStore(t)
	rep = importBytes(t, s, []byte(fs), opendata.ImportOptions{Source: "fs2021"})
	if rep.Rejected != 0 || rep.Actors[models.SyncCreated] != 2 {
		t.Fatalf("rejected %d, actors %v: %+v", rep.Rejected, rep.Actors, rep.Issues)
	}
	for _, a := range allActors(t, s) {
		if a.Name == "Valserhône" && (a.Address.InseeCode != "01033" || a.Address.Commune != "Valserhône" || len(a.Emails) != 1) {
			t.Errorf("row 1: %+v %v", a.Address, a.Emails)
		}
	}
	for _, is := range rep.Issues {
		if is.Row == 0 && (is.Field == "lib_com" || is.Field == "insee_com" || is.Field == "contact_mail") {
			t.Errorf("column still unknown: %+v", is)
		}
	}
}

// TestPivotWrittenAsANumber: Aidants Connect's export writes its SIRETs
// as floats (« 13002603200016.0 », pandas): read as « 130026032000160 »,
// 5,221 of its 5,225 identifiers were stored as unknown. A whole number
// written with a decimal part of zeros (« .0 », « ,0 ») or in scientific
// notation giving all 14 digits is the number; a decimal digit is never
// glued to it.
func TestPivotWrittenAsANumber(t *testing.T) {
	cases := []struct{ cell, want string }{
		{"13002603200016.0", "13002603200016"},
		{"13002603200016,0", "13002603200016"},
		{"13002603200016.00", "13002603200016"},
		{"1.3002603200016E13", "13002603200016"},
		{"1,3002603200016E+13", "13002603200016"},
		{"130026032.0", "130026032"},            // a SIREN
		{"0.0", ""},                             // the placeholder, as 0
		{"1.30026E13", ""},                      // digits lost by the spreadsheet: unknown
		{"13002603200016.5", ""},                // not a whole number
		{"130 026 032 00016", "13002603200016"}, // unchanged: spaces
		{"123456.001", "0123456001"},
		{"1234567.000", "1234567000"}, // unchanged: a RIDET            // unchanged: a RIDET
	}
	var b strings.Builder
	b.WriteString("id;nom;adresse;code_postal;commune;pivot\n")
	for i, c := range cases {
		b.WriteString(strings.Join([]string{string(rune('a' + i)), "Lieu " + c.cell, "1 rue A", "13001", "Marseille", c.cell}, ";") + "\n")
	}
	s := openStore(t)
	rep := importBytes(t, s, []byte(b.String()), opendata.ImportOptions{Source: "pivots"})
	got := map[string]string{}
	for _, a := range allActors(t, s) {
		got[strings.TrimPrefix(a.Name, "Lieu ")] = a.Pivot
	}
	for i, c := range cases {
		if got[c.cell] != c.want {
			t.Errorf("%q: pivot %q, want %q", c.cell, got[c.cell], c.want)
		}
		for _, is := range issuesOf(rep, i+1, "pivot") {
			if strings.Contains(is.Reason, "130026032000160") || strings.Contains(is.Reason, "130026032000165") || strings.Contains(is.Reason, "2659050750000530") {
				t.Errorf("%q: the decimal digit glued: %s", c.cell, is.Reason)
			}
		}
	}
	if _, ok := readingsOf(rep)["pivot: a number written by a spreadsheet (« 13002603200016.0 », « 1.3002603200016E13 ») read as its digits"]; !ok {
		t.Errorf("no reading says how: %v", readingsOf(rep))
	}
}

// TestDiagnosisHints: the hints of the diagnosis read what the words of a
// column's name mean: « COM_NOM » is the commune's name (com is the
// commune, as INSEE's COM), « NOM_DISPOSITIF » and « lib_france_services »
// a place's name, « Goupe_France_Services_responsable » the France
// services responsible for an antenna. The Doubs map's file as published
// (no « nom ») is told to rename NOM_DISPOSITIF, never COM_NOM.
func TestDiagnosisHints(t *testing.T) {
	doubs := "NOM_DISPOSITIF,ADRESSE,CODE_POSTAL,VILLE,COM_CODE,COM_NOM,EPCI_CORRE,ADRESSE_COMPLETE,TYPE_STRUCTURE,N_TEL,MAIL,SERVICES,latitude,longitude,BAN_city,BAN_postcode\n" +
		"AC agir ensemble contre le chômage,2 rue Victor Hugo,25000,BESANCON,25056,Besançon,CA du Grand Besancon,2 rue Victor Hugo 25000 BESANCON,association,09.53.81.96.42,ac.besancon@free.fr,accomp_demarches-ateliers_formations,47.23492,6.029683,Besançon,25000\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(doubs), opendata.ImportOptions{Source: "doubs", DryRun: true})
	d := rep.Diagnosis
	if d == nil {
		t.Fatal("no diagnosis")
	}
	want := map[string]string{"NOM_DISPOSITIF": "nom", "COM_NOM": "commune", "COM_CODE": "code_insee", "BAN_city": "commune",
		"BAN_postcode": "code_postal", "ADRESSE_COMPLETE": "adresse", "TYPE_STRUCTURE": "typologie", "N_TEL": "telephone"}
	got := map[string]string{}
	for _, u := range d.Unrecognised {
		got[u.Column] = u.Closest
	}
	for col, closest := range want {
		if got[col] != closest {
			t.Errorf("%s: closest %q, want %q", col, got[col], closest)
		}
	}
	if !strings.Contains(d.Summary, "« NOM_DISPOSITIF » → nom") || strings.Contains(d.Summary, "« COM_NOM » → nom") {
		t.Errorf("summary: %s", d.Summary)
	}

	fs := `[{"MATRICULE": 1, "lib_france_services": "Valserhône", "ADRESSE": "5-9 Rue des Papetiers", "insee_com": "01033", "code_postal": "01200", "lib_com": "VALSERHÔNE", "Goupe_France_Services_responsable": 75, "Goupe_Antennes": "677 ; 678", "Labellisation": "Espace labellisé 01/2020"}]`
	rep = importBytes(t, s, []byte(fs), opendata.ImportOptions{Source: "fs", DryRun: true})
	got = map[string]string{}
	for _, u := range rep.Diagnosis.Unrecognised {
		got[u.Column] = u.Closest
	}
	// « lib_france_services » and « lib_com » are the ANCT's list of
	// France Services of 2020, read since (producer_formats.go): the name
	// is read, no longer hinted.
	for col, closest := range map[string]string{"Goupe_France_Services_responsable": "structure_parente", "Labellisation": "dispositif_programmes_nationaux"} {
		if got[col] != closest {
			t.Errorf("%s: closest %q, want %q (%v)", col, got[col], closest, got)
		}
	}
	if readingOf(rep, "nom", "column « lib_france_services » read as nom") == nil {
		t.Errorf("lib_france_services not read as nom: %+v", rep.Readings)
	}
}

// TestProducerIDColumnNotUnknown: the Doubs map's export reads
// « carto_id » as id, and its report said so and also that carto_id was
// no column and ignored.
func TestProducerIDColumnNotUnknown(t *testing.T) {
	csv := "\ufeffcarto_id;NOM_DISPOSITIF;nom;ADRESSE;CODE_POSTAL;VILLE;SERVICES;lat;lon;;;;\n" +
		"carto_id_1;3615 Senor;3615 Senor;8 avenue du Chardonnet;25000;BESANCON;accomp_demarches-;47,231;6,0397;;;;\n" +
		"carto_id_2;DigiFab;DigiFab;4 Avenue du Parc;25000;BESANCON;;47,218;5,97217;;;;\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "doubs", DryRun: true})
	if r := readingsOf(rep)["id: the file has no id column: « carto_id », the producer's identifier of its places, read as id"]; r != "1-2" {
		t.Errorf("id reading: %q (%v)", r, readingsOf(rep))
	}
	for _, is := range rep.Issues {
		if is.Field == "carto_id" {
			t.Errorf("carto_id said unknown: %+v", is)
		}
	}
	if d := rep.Diagnosis; d == nil || d.IDs != "carto_id" || strings.Contains(strings.Join(d.Missing, ","), "id") {
		t.Errorf("diagnosis %+v", d)
	}
}

// TestDoubsServiceCodes: the Doubs map writes its services as its own
// codes joined with « - » (« accomp_demarches-ateliers_formations »): 180
// of its places were rejected while those naming none were imported. The
// codes say the standard's services: accompaniment with procedures,
// workshops and trainings; « tierslieux_cowork » is a kind of place (the
// standard's typology « Tiers lieu & coworking »), no service.
func TestDoubsServiceCodes(t *testing.T) {
	rows := []map[string]string{
		{"id": "d1", "nom": "AC agir ensemble", "adresse": "2 rue Victor Hugo", "code_postal": "25000", "commune": "Besançon", "services": "accomp_demarches-ateliers_formations"},
		{"id": "d2", "nom": "DigiFab", "adresse": "4 Avenue du Parc", "code_postal": "25000", "commune": "Besançon", "services": "ateliers_formations-"},
		{"id": "d3", "nom": "3615 Senor", "adresse": "8 avenue du Chardonnet", "code_postal": "25000", "commune": "Besançon", "services": "tierslieux_cowork"},
		{"id": "d4", "nom": "Le Cowork", "adresse": "1 rue de la Paix", "code_postal": "25000", "commune": "Besançon", "services": "accomp_demarches-ateliers_formations-tierslieux_cowork-"},
		{"id": "d5", "nom": "Atelier Bidule", "adresse": "3 rue de la Paix", "code_postal": "25000", "commune": "Besançon", "services": "fablab_bricolage"},
	}
	b, _ := json.Marshal(rows)
	s := openStore(t)
	rep := importBytes(t, s, b, opendata.ImportOptions{Source: "doubs"})
	if rep.Rejected != 1 || len(issuesOf(rep, 5, "services")) == 0 {
		t.Errorf("rejected %d (want only the unknown code's row): %+v", rep.Rejected, rep.Issues)
	}
	themes := map[string][]string{}
	modes := map[string][]string{}
	for _, list := range servicesByActor(t, s) {
		sv := list[0]
		themes[strings.TrimSuffix(sv.SourceID, opendata.OfferSuffix)] = sv.Themes
		modes[strings.TrimSuffix(sv.SourceID, opendata.OfferSuffix)] = sv.AccompanimentModes
	}
	for id, want := range map[string]string{
		"d1": "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
		"d2": "Maîtrise des outils numériques du quotidien",
		"d4": "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
	} {
		if got := strings.Join(sorted(themes[id]), "|"); got != want {
			t.Errorf("%s: themes %q, want %q", id, got, want)
		}
	}
	if got := strings.Join(modes["d2"], "|"); got != "Dans un atelier collectif" {
		t.Errorf("d2: modes %q", got)
	}
	if _, ok := themes["d3"]; ok {
		t.Errorf("d3 has an offer: %v", themes["d3"])
	}
	for _, a := range allActors(t, s) {
		if (a.SourceID == "d3" || a.SourceID == "d4") && strings.Join(a.Typologies, "|") != "TIERS_LIEUX" {
			t.Errorf("%s: typologies %v", a.SourceID, a.Typologies)
		}
	}
	var said bool
	for k := range readingsOf(rep) {
		said = said || strings.Contains(k, "accomp_demarches") && strings.Contains(k, "Doubs")
	}
	if !said {
		t.Errorf("no reading names the producer's codes: %v", readingsOf(rep))
	}
}

// TestDoubsInclusionFormat: the Doubs inclusion map's three exports
// (multi-coop/data-doubs-inclusion: 284, 380 and 391 places) were refused
// row by row — no « nom », the name under « NOM_DISPOSITIF » — though
// their service codes were read. They are read as the map's own format
// (producer_formats_doubs.go, from its dictionary): name, phone, INSEE
// code, the typology and programmes from TYPE_STRUCTURE's codes, access
// and fees from ACCES's, the point of the apiviz export.
func TestDoubsInclusionFormat(t *testing.T) {
	csv := "\ufeffcarto_id;NOM_DISPOSITIF;ADRESSE;CODE_POSTAL;VILLE;COM_CODE;COM_NOM;EPCI_CORRE;ADRESSE_COMPLETE;TYPE_STRUCTURE;HORAIRES;INFOS;N_TEL;MAIL;WEBSITE;SERVICES;ACCES;lat;lon;;;;\n" +
		"carto_id_2;AC agir ensemble contre le chômage;2 rue Victor Hugo;25000;BESANCON;25056;Besancon;CA du Grand Besancon;2 rue Victor Hugo 25000 BESANCON;association;;;09.53.81.96.42;ac.besancon@free.fr;https://www.ac-chomage.org/;accomp_demarches-ateliers_formations-;acces_libre-adapt_handicap-;47,2375;6,0241;;;;\n" +
		"carto_id_3;France services Baume-les-Dames;6 rue de Provence;25110;BAUME LES DAMES;25047;Baume-les-Dames;CC du Doubs Baumois;6 rue de Provence 25110 BAUME LES DAMES;msap_mfs;;;03 81 84 75 57;;;accomp_demarches;acces_libre-itinerance-;47,3522;6,3605;;;;\n" +
		"carto_id_4;Conseiller numérique de la CC;1 place de la Mairie;25110;BAUME LES DAMES;25047;Baume-les-Dames;CC du Doubs Baumois;1 place de la Mairie 25110 BAUME LES DAMES;aidant_connect : Aidant Connect-Conseiller Numérique;;;;;;ateliers_formations;acces_payant;47,3522;6,3605;;;;\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "doubs"})
	if rep.Producer == nil || rep.Producer.Name != "doubs-inclusion" || rep.Rejected != 0 {
		t.Fatalf("format %+v, rejected %d: %+v", rep.Producer, rep.Rejected, rep.Issues)
	}
	actors := map[string]models.Actor{}
	for _, a := range allActors(t, s) {
		actors[a.SourceID] = a
	}
	for id, want := range map[string]struct{ typo, programmes, phone, insee string }{
		"carto_id_2": {"ASSO", "", "+33953819642", "25056"},
		"carto_id_3": {"RFS", "France Services", "+33381847557", "25047"},
		"carto_id_4": {"", "Aidants Connect|Conseillers numériques", "", "25047"},
	} {
		a := actors[id]
		if got := strings.Join(a.Typologies, "|"); got != want.typo {
			t.Errorf("%s: typologies %q, want %q", id, got, want.typo)
		}
		if got := strings.Join(sorted(a.NationalProgrammes), "|"); got != want.programmes {
			t.Errorf("%s: programmes %q, want %q", id, got, want.programmes)
		}
		if got := strings.Join(a.Phones, "|"); got != want.phone || a.Address.InseeCode != want.insee || a.Latitude == nil {
			t.Errorf("%s: phones %q, INSEE %q, latitude %v", id, got, a.Address.InseeCode, a.Latitude)
		}
	}
	if a := actors["carto_id_3"]; len(a.Mobility) == 0 {
		t.Errorf("carto_id_3: mobility %q, want itinerant", a.Mobility)
	}
	for _, w := range issuesOf(rep, 3, "TYPE_STRUCTURE") {
		t.Errorf("row 3: the programmes' labels left: %+v", w)
	}
	if n := len(servicesByActor(t, s)); n != 3 {
		t.Errorf("%d places with offers, want 3: %+v", n, rep.Issues)
	}
}
