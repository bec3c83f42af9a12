package opendata_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"carnet/models/opendata"
	"carnet/models/openinghours"
)

// TestProducerTermsMappedToNothingAreReported: a format's rules compare
// checkbox codes whole; a code of the file that no rule reads (Mednum
// BFC's « M », « APTIC » in its labels) gave nothing and the report said
// nothing. Each such cell now has a warning naming the codes left and the
// ones the mapping reads; a cell all of whose codes are read has none.
func TestProducerTermsMappedToNothingAreReported(t *testing.T) {
	csv := "bfc_id,mise_a_jour,lon,lat,adresse,code_postal,ville,departement,nom_structure,url_lieu,contact_email,contact_tel,code_typo,code_label,code_accomp\n" +
		"bfc_1,02/03/2021,5.04,47.32,1 rue des Essais,21000,DIJON,21,Atelier des Essais,,,,M,BFC-APTIC,RDV-ZZ\n" +
		"bfc_2,02/03/2021,5.04,47.32,2 rue des Essais,21000,DIJON,21,Maison des Essais,,,,F,BFC,RDV\n"
	rep := importBytes(t, openStore(t), []byte(csv), opendata.ImportOptions{Source: "bfc"})
	if rep.Producer == nil || rep.Producer.Name != "mednum-bfc" {
		t.Fatalf("format %+v", rep.Producer)
	}
	for _, c := range []struct{ field, value, reads string }{
		{"code_typo", "M", "it reads f, g, i, l, rdv, t, tl"},
		{"code_label", "APTIC", "it reads bfc, dm"},
		{"code_accomp", "ZZ", "it reads a, f, g"},
	} {
		found := false
		for _, is := range issuesOf(rep, 1, c.field) {
			found = found || is.Value == c.value && strings.Contains(is.Reason, "no term the Mednum BFC format's mapping reads") && strings.Contains(is.Reason, c.reads)
		}
		if !found {
			t.Errorf("row 1 %s: no warning for %s: %+v", c.field, c.value, issuesOf(rep, 1, c.field))
		}
	}
	for _, f := range []string{"code_typo", "code_label", "code_accomp"} {
		if is := issuesOf(rep, 2, f); len(is) != 0 {
			t.Errorf("row 2 %s: every code is read, yet %+v", f, is)
		}
	}
}

// TestUnknownListValuesOneWording: a value of no version of the
// standard was warned « not a value of services in any version of the
// standard » (services and v0.1.1's lists: not saying it was dropped) or
// « not a value of the standard's list (…); dropped » (typologie, the
// offer's lists). Every list column now words it the same way.
func TestUnknownListValuesOneWording(t *testing.T) {
	js := `[{"id":"w1","nom":"A","adresse":"1 rue A","code_postal":"69400","commune":"Limas","date_maj":"2024-01-02",
"services":"Aide aux démarches administratives|Zorglub","typologie":"ASSO|Zorglub","publics_specifiquement_adresses":"Jeunes|Zorglub",
"publics_accueillis":"Zorglub","frais_a_charge":"Gratuit|Zorglub"}]`
	rep := importBytes(t, openStore(t), []byte(js), opendata.ImportOptions{Source: "w"})
	for _, f := range []string{"services", "typologie", "publics_specifiquement_adresses", "publics_accueillis", "frais_a_charge"} {
		var got []string
		for _, is := range issuesOf(rep, 1, f) {
			if is.Value == "Zorglub" {
				got = append(got, is.Reason)
			}
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], "not a value of "+f+" in any version of the standard") || !strings.HasSuffix(got[0], "; dropped") {
			t.Errorf("%s: want one warning « not a value of %s in any version of the standard …; dropped », got %q", f, f, got)
		}
	}
}

// TestDayCellsReadAsWritten: France Services' list of 2020 writes a day's
// hours as people do; these cells made their day unknown. Read now, each
// only whole: two times side by side each with its « h » (« 9 h 12 h »,
// a range whose dash was left out: nothing else can be meant in a cell of
// one day's ranges), a half-day « FERME » beside the other half's range,
// and one note on appointments after the times (« (sous RDV) », « après
// midi sur rendez vous », « (Accueil libre) », « en continu »), kept as
// the hours' comment rather than lost, and « '- » (a spreadsheet's « - »)
// a closed day.
// Still unknown, with the warning: two notes among the times, a typo
// (« 11h-45 »), an ordinal (« le premier samedi »), a season, a range
// ending long before it starts (« 14h-9h », not read as 19 hours through
// the night; « 18h-1h » is an evening past midnight). « 00:00 - 00:00 »
// is a form's empty half-day beside the other half's range (France
// Services' list of 2022), alone a day whose hours were not given.
func TestDayCellsReadAsWritten(t *testing.T) {
	head := `"insee_dep","lib_france_services","adresse","adresse_cplmt","insee_com","code_postal","lib_com","type_structure","lib_structure","h_lundi","h_mardi","h_mercredi","h_jeudi","h_vendredi","h_samedi","itinerance","lat","long"` + "\n"
	row := func(n int, days ...string) string {
		q := make([]string, 6)
		for i := range q {
			if i < len(days) {
				q[i] = `"` + days[i] + `"`
			}
		}
		return fmt.Sprintf(`"02","FS %d","%d rue André Godin",,,"02120","GUISE","Collectivité","CC",%s,,"49.901471","3.626688"`, n, n, strings.Join(q, ",")) + "\n"
	}
	fs := head +
		row(1, "9 h 12 h / 14 h 17 h", "9h 12h", "FERME / 13h30 – 18h00", "9h 30- 12h30 /FERME") +
		row(2, "9h - 12h / 13h30 - 16h30 (sous RDV)", "8h - 12h / 13h30 – 17h\n(après midi sur rendez vous)", "9h30-12h  AM sur RDV", "13H00 - 20H00 (Accueil libre)", "8 h 30 à 17 h 30 en continu", "'-") +
		row(3, "9h-12h", "9h-12h30 (avec rdv) 14h-16h30 (sans rdv)", "8h30-11h-45 et 13h30-17h15", "14h-9h", "18h-1h", "9h – 12h le premier samedi de chaque mois") +
		row(4, "00:00 - 00:00 / 09:00 - 12:00", "00:00 - 00:00")
	s := openStore(t)
	rep := importBytes(t, s, []byte(fs), opendata.ImportOptions{Source: "fs2020"})
	if rep.Producer == nil || rep.Producer.Name != "france-services-2020" || rep.Rejected != 0 {
		t.Fatalf("format %+v, rejected %d: %+v", rep.Producer, rep.Rejected, rep.Issues)
	}
	hours := map[string]string{}
	for _, a := range allActors(t, s) {
		hours[a.Name] = a.OpeningHours
	}
	for name, want := range map[string]string{
		"FS 1": "Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00; We 13:30-18:00; Th 09:30-12:30",
		"FS 2": `Mo 09:00-12:00,13:30-16:30 "sous RDV"; Tu 08:00-12:00,13:30-17:00 "après midi sur rendez vous"; We 09:30-12:00 "AM sur RDV"; Th 13:00-20:00 open "Accueil libre"; Fr 08:30-17:30 open "en continu"`,
		"FS 3": "Mo 09:00-12:00; Tu unknown; We unknown; Th unknown; Fr 18:00-01:00; Sa unknown",
		"FS 4": "Mo 09:00-12:00; Tu unknown",
	} {
		if hours[name] != want {
			t.Errorf("%s: hours %q, want %q", name, hours[name], want)
		}
	}
	// A note saying the place is open without appointment keeps the times
	// open; one on appointments leaves them « might be open » (a comment
	// alone, as opening_hours.js reads it).
	h, err := openinghours.Parse(hours["FS 2"])
	if err != nil {
		t.Fatal(err)
	}
	for day, open := range map[int]bool{3: true, 4: true, 30: false} { // 2026-12-03 Thursday, 4 Friday, 2026-11-30 Monday
		at := time.Date(2026, 12, day, 15, 0, 0, 0, time.UTC)
		if day == 30 {
			at = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
		}
		if got := h.OpenAt(at); got != open {
			t.Errorf("%s at %s: open %v, want %v", hours["FS 2"], at.Weekday(), got, open)
		}
	}
	for row, n := range map[int]int{1: 0, 2: 0, 3: 4, 4: 1} {
		if got := len(issuesOf(rep, row, "horaires")); got != n {
			t.Errorf("row %d: %d warnings on horaires, want %d: %+v", row, got, n, issuesOf(rep, row, "horaires"))
		}
	}
	if r := readingOf(rep, "horaires", "a note on appointments after a day's times kept as the comment of that day's hours"); r == nil || r.Rows != "2" {
		t.Errorf("no reading for the notes kept: %+v", rep.Readings)
	}
}

// TestLambert93Coordinates: France's legal projection, Lambert-93
// (EPSG:2154, metres), is what GIS tools export as « x » and « y »: the
// Maine-et-Loire file's 240 places under its mapping's x → longitude,
// y → latitude were « out of range; dropped », on no map. Such a pair is
// converted to latitude and longitude, with a reading; a pair out of range
// that is not Lambert-93 is still dropped with its warning.
func TestLambert93Coordinates(t *testing.T) {
	js := `[{"id":"l1","nom":"AMIA","adresse":"rue Armand Quenard","code_postal":"49650","commune":"Allonnes","latitude":"6692424,50691385","longitude":"475198,121680863","date_maj":"2024-01-02"},
{"id":"l2","nom":"B","adresse":"1 rue B","code_postal":"49650","commune":"Allonnes","latitude":475198.12,"longitude":6692424.5,"date_maj":"2024-01-02"},
{"id":"l3","nom":"C","adresse":"1 rue C","code_postal":"49650","commune":"Allonnes","latitude":"123456789","longitude":"475198","date_maj":"2024-01-02"},
{"id":"l4","nom":"D","adresse":"1 place de l'Hôtel de Ville","code_postal":"75004","commune":"Paris","latitude":"6862035.26","longitude":"652469.02","date_maj":"2024-01-02"}]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "l93"})
	got := map[string][2]float64{}
	for _, a := range allActors(t, s) {
		if a.Latitude != nil && a.Longitude != nil {
			got[a.SourceID] = [2]float64{*a.Latitude, *a.Longitude}
		}
	}
	// The conversion (IGN's note NTG_71, Lambert conformal conic on
	// GRS80) gives 47.29402 N, 0.02466 E for x 475198.12, y 6692424.51;
	// row 4 is the pair converters' documentation gives for Paris
	// (48.8566 N, 2.3522 E), in a standard file's own columns.
	for id, want := range map[string][2]float64{"l1": {47.29402, 0.02466}, "l2": {47.29402, 0.02466}, "l4": {48.8566, 2.3522}} {
		if p, ok := got[id]; !ok || math.Abs(p[0]-want[0]) > 1e-4 || math.Abs(p[1]-want[1]) > 1e-4 {
			t.Errorf("%s: %v, want %v", id, p, want)
		}
	}
	if _, ok := got["l3"]; ok {
		t.Errorf("l3: a pair that is not Lambert-93 was read: %v", got["l3"])
	}
	if r := readingOf(rep, "latitude", "Lambert-93"); r == nil || r.Rows != "1-2, 4" {
		t.Errorf("no reading for the conversion: %+v", rep.Readings)
	}
	if is := issuesOf(rep, 3, "latitude"); len(is) != 1 || !strings.Contains(is[0].Reason, "out of range; dropped") {
		t.Errorf("row 3: %+v", is)
	}
}

// TestHoursRulesWithoutSemicolons: Le Havre's file writes rules one after
// the other without « ; » (« Mo, Fr 14:00-17:00 We 9:00-12:00 »): refused
// whole, the place lost its hours. The « ; » is put back, with a reading.
func TestHoursRulesWithoutSemicolons(t *testing.T) {
	js := `[{"id":"h1","nom":"A","adresse":"1 rue A","code_postal":"76600","commune":"Le Havre","horaires":"Mo, Fr 14:00-17:00 We 9:00-12:00","date_maj":"2024-01-02"},
{"id":"h2","nom":"B","adresse":"1 rue B","code_postal":"76600","commune":"Le Havre","horaires":"Mo 9h-12h Tu 14h-17h PH off","date_maj":"2024-01-02"},
{"id":"h3","nom":"C","adresse":"1 rue C","code_postal":"76600","commune":"Le Havre","horaires":"Mo 13:30-17:00  Tu 8:30-12:00 ;  13:30-17:30 We 8:00-12:00","date_maj":"2024-01-02"}]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "lh"})
	got := map[string]string{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a.OpeningHours
	}
	// h3's « ; 13:30-17:30 » is Tuesday's afternoon to its producer, every
	// day in OSM: with the « ; » put back it would read, wrongly; it is
	// kept as written, unreadable (every day unknown), with its warning.
	for id, want := range map[string]string{"h1": "Mo, Fr 14:00-17:00; We 9:00-12:00", "h2": "Mo 09:00-12:00; Tu 14:00-17:00; PH off", "h3": "Mo 13:30-17:00  Tu 8:30-12:00 ;  13:30-17:30 We 8:00-12:00"} {
		if got[id] != want {
			t.Errorf("%s: hours %q, want %q", id, got[id], want)
		}
	}
	if r := readingOf(rep, "horaires", "« ; » put back"); r == nil || r.Rows != "1-2" {
		t.Errorf("no reading: %+v", rep.Readings)
	}
	for row, n := range map[int]int{1: 0, 2: 0, 3: 1} {
		if is := issuesOf(rep, row, "horaires"); len(is) != n {
			t.Errorf("row %d: %d warnings, want %d: %+v", row, len(is), n, is)
		}
	}
}

// TestCoordinatesInXAndYColumns: GIS exports name a point's columns x and
// y, in degrees (x the longitude) or in Lambert-93 metres, the digits
// grouped by spaces as a French spreadsheet writes them: such a file of
// the standard's kind was stored without coordinates (« x »: « not a
// column of any version of the standard; ignored »).
func TestCoordinatesInXAndYColumns(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;date_maj;x;y\n" +
		"m1;AMIA;rue Armand Quenard;49650;Allonnes;2024-01-02;475198,12;6692424,51\n" +
		"m2;B;1 rue B;49650;Allonnes;2024-01-02;475 198,12;6 692 424,51\n" +
		"d1;C;1 rue C;49650;Allonnes;2024-01-02;0,02466;47,29402\n"
	ps := places(t, csv, "")
	for i, p := range ps {
		a := p.Actor
		if a.Latitude == nil || a.Longitude == nil || math.Abs(*a.Latitude-47.29402) > 1e-4 || math.Abs(*a.Longitude-0.02466) > 1e-4 {
			t.Errorf("row %d: point %v,%v, want 47.29402,0.02466 (%+v)", i+1, a.Latitude, a.Longitude, p.Issues)
		}
	}
}

// TestFrenchHoursWithANote: free text hours that end with a note on
// appointments (Hub-lo, Angers, Corse) were refused whole (« not valid
// OpenStreetMap opening_hours syntax; dropped »), though the hours before
// the note read. They are read, the note kept as each rule's comment as a
// day's cell keeps it: open « sans RDV », unknown (might be open) « sur
// rendez-vous ». A note joined to the hours by « et » or « ou » (« le lundi
// de 9h à 12h et sur rendez-vous »: other times on appointment) was
// refused whole, the Monday's hours with it: the hours are read open, as
// written, the note with its « et » as their comment. Not a note with no
// hours.
func TestFrenchHoursWithANote(t *testing.T) {
	rows := []struct{ hours, want string }{
		{"Du lundi au vendredi, de 8h30 à 17h, sur rendez-vous uniquement", `Mo-Fr 08:30-17:00 "sur rendez-vous uniquement"`},
		{"Accueil du public du lundi au vendredi de 09h00 à 12h30 sans RDV.", `Mo-Fr 09:00-12:30 open "sans RDV"`},
		{"du lundi au vendredi de 9h à 12h, fermé le mercredi (sur rendez-vous)", `Mo,Tu,Th,Fr 09:00-12:00 "sur rendez-vous"`},
		{"Du lundi au jeudi : 09h-12h et 13h15-17h30 / Le vendredi : 09h-16h00 (journée continue)", `Mo-Th 09:00-12:00,13:15-17:30; Fr 09:00-16:00 open "journée continue"`},
		{"Le lundi de 9h00 à 12h00 et sur rendez-vous.", `Mo 09:00-12:00 open "et sur rendez-vous"`},
		{"Mardi et jeudi de 14h à 17h, ou sur RDV", `Tu,Th 14:00-17:00 open "ou sur RDV"`},
		{"Du lundi au vendredi de 9h à 12h et de 14h à 17h et l'après-midi sur rendez-vous", `Mo-Fr 09:00-12:00,14:00-17:00 open "et l'après-midi sur rendez-vous"`},
		// Nothing readable: kept as written, every day unknown (probe 35b, L5).
		{"lundi, mardi, mercredi, jeudi : Atelier ouvert sur rendez vous", "lundi, mardi, mercredi, jeudi : Atelier ouvert sur rendez vous"},
		{"et sur rendez-vous", "et sur rendez-vous"},
	}
	var js []string
	for i, r := range rows {
		js = append(js, fmt.Sprintf(`{"id":"h%d","nom":"Lieu %d","adresse":"%d rue de la République","code_postal":"13001","commune":"Marseille","horaires":%q,"date_maj":"2024-01-02"}`, i, i, i+1, r.hours))
	}
	s := openStore(t)
	rep := importBytes(t, s, []byte("["+strings.Join(js, ",")+"]"), opendata.ImportOptions{Source: "notes"})
	got := map[string]string{}
	for _, a := range allActors(t, s) {
		got[a.Name] = a.OpeningHours
	}
	for i, r := range rows {
		if h := got[fmt.Sprintf("Lieu %d", i)]; h != r.want {
			t.Errorf("%q: hours %q, want %q", r.hours, h, r.want)
		}
		if n := len(issuesOf(rep, i+1, "horaires")); (r.want == r.hours) != (n == 1) {
			t.Errorf("%q: %d warnings", r.hours, n)
		}
	}
}

// TestRoadTowardsACommune: a row without a commune whose postal code
// several communes share took the commune its address line named, also
// as a road's destination: « 31 B RTE DE RIANS », 18220, is a road of Les
// Aix-d'Angillon towards Rians, filed under Rians (Aidants Connect, seven
// such rows, each checked in another commune). A name after « route de »
// or « chemin de » no longer places the row; elsewhere it still does
// (« 89 AV DE BASSENS » is in Bassens), and the place's name still counts
// (« CCAS de Trèbes » on « CHE DE RUSTIQUES »).
func TestRoadTowardsACommune(t *testing.T) {
	js := `[{"id":"r1","nom":"CIAS Terres du Haut Berry","adresse":"31 B RTE DE RIANS","code_postal":"18220","date_maj":"2021-03-15"},
{"id":"r2","nom":"Maison de services","adresse":"199 route de Bidache","code_postal":"64520","date_maj":"2021-03-15"},
{"id":"r3","nom":"CHS de la Savoie","adresse":"89 AV DE BASSENS","code_postal":"73000","date_maj":"2021-03-15"},
{"id":"r4","nom":"CCAS de TREBES","adresse":"CHE DE RUSTIQUES","code_postal":"11800","date_maj":"2021-03-15"},
{"id":"r5","nom":"CIAS Braud-et-Saint-Louis","adresse":"42-44 route de Saint Ciers sur Gironde","code_postal":"33820","date_maj":"2021-03-15"}]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "ac"})
	got := map[string]string{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a.Address.Commune
	}
	for id, want := range map[string]string{"r1": "", "r2": "", "r3": "Bassens", "r4": "Trèbes", "r5": "Braud-et-Saint-Louis"} {
		if got[id] != want {
			t.Errorf("%s: commune %q, want %q", id, got[id], want)
		}
	}
	if rep.Rejected != 2 {
		t.Errorf("rejected %d, want 2 (the rows on a road towards a commune): %+v", rep.Rejected, rep.Issues)
	}
}
