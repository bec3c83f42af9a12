package opendata_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"carnet/models/opendata"
)

// Opening hours that real files give in other forms than OSM syntax: French
// text (in the standard's horaires or in a format's hours column that the
// ANCT's mapping names), Ultra Num's opening and closing columns per day,
// columns of hours per day in a file of the standard's kind. Small files
// written here; each reading failed before (the hours dropped with a
// warning, or never read and never mentioned).

func readsAs(p opendata.Place, field, contains string) bool {
	return slices.ContainsFunc(p.Readings, func(r opendata.RowReading) bool {
		return r.Field == field && strings.Contains(r.How, contains)
	})
}

func warnsOn(p opendata.Place, field, contains string) bool {
	return slices.ContainsFunc(p.Issues, func(is opendata.Issue) bool {
		return is.Field == field && is.Severity == opendata.SeverityWarning && strings.Contains(is.Reason, contains)
	})
}

// TestImportFrenchHours: a file of the standard whose horaires are French
// text has them converted when the whole text reads, kept as written with
// a warning otherwise (every day unknown: probe 35b, L5); OSM hours are
// kept as written.
func TestImportFrenchHours(t *testing.T) {
	csv := "id;nom;commune;code_postal;adresse;date_maj;horaires\n" +
		"a;Lieu A;Guéret;23000;1 rue A;2024-01-02;Lundi, Mardi, Mercredi et Vendredi de 9H30 à 10H30 puis 11h à 12H et Vendredi de 14h à 15H\n" +
		"b;Lieu B;Guéret;23000;2 rue B;2024-01-02;samedi APRÈS-MIDI Tous Les 15 jours de 14H à 16h\n" +
		"c;Lieu C;Guéret;23000;3 rue C;2024-01-02;Mo-Fr 09:00-12:00\n" +
		"d;Lieu D;Guéret;23000;4 rue D;2024-01-02;Le lundi de 9h00 à 12h00 et sur rendez-vous.\n"
	ps := places(t, csv, "")
	cases := []struct {
		hours  string
		french bool
		warn   bool
	}{
		{"Mo-We 09:30-10:30,11:00-12:00; Fr 09:30-10:30,11:00-12:00,14:00-15:00", true, false},
		{"samedi APRÈS-MIDI Tous Les 15 jours de 14H à 16h", false, true}, // fortnightly: never guessed, kept unread
		{"Mo-Fr 09:00-12:00", false, false},
		{`Mo 09:00-12:00 open "et sur rendez-vous"`, true, false}, // the note after « et » as the hours' comment
	}
	for i, c := range cases {
		p := ps[i]
		if p.Actor.OpeningHours != c.hours {
			t.Errorf("row %d: hours %q, want %q", i+1, p.Actor.OpeningHours, c.hours)
		}
		if got := readsAs(p, "horaires", "hours written in French"); got != c.french {
			t.Errorf("row %d: French reading %v, want %v: %+v", i+1, got, c.french, p.Readings)
		}
		if got := warnsOn(p, "horaires", "no rule of these hours is valid OpenStreetMap opening_hours syntax; kept as written"); got != c.warn {
			t.Errorf("row %d: warning %v, want %v: %+v", i+1, got, c.warn, p.Issues)
		}
	}
}

// TestImportCorseHours: the ANCT's mapping of the Corse format names its
// « Horaires » column (horaires.semaine): it is read, as French text; the
// columns no mapping entry reads are listed once, with the rows that held a
// value in them.
func TestImportCorseHours(t *testing.T) {
	json := `[
{"Structure":"Médiathèque","lat":41.92,"long":8.73,"N° de téléphone":"04 95 00 00 00","Adresse":"1 rue A 20000 Ajaccio","Horaires":"Les lundis, mercredis et jeudis de 13h00 à 19h00 - Les mardis et vendredis de 13h00 à 16h30","Contact":"Mme X"},
{"Structure":"Mairie","lat":41.93,"long":8.74,"N° de téléphone":"04 95 00 00 01","Adresse":"2 rue B 20000 Ajaccio","Horaires":"Une fois par mois à la demande","Contact":""}
]`
	ps := places(t, json, "")
	if got, want := ps[0].Actor.OpeningHours, "Mo,We,Th 13:00-19:00; Tu,Fr 13:00-16:30"; got != want {
		t.Errorf("row 1: hours %q, want %q (%+v)", got, want, ps[0].Issues)
	}
	if !readsAs(ps[0], "horaires", "column « Horaires » read as horaires (the Corse format") || !readsAs(ps[0], "horaires", "hours written in French") {
		t.Errorf("row 1 readings: %+v", ps[0].Readings)
	}
	if ps[1].Actor.OpeningHours != "Une fois par mois à la demande" || !warnsOn(ps[1], "horaires", "kept as written") {
		t.Errorf("row 2: hours %q, issues %+v", ps[1].Actor.OpeningHours, ps[1].Issues)
	}
	rep := importBytes(t, openStore(t), []byte(json), opendata.ImportOptions{Source: "corse", DryRun: true})
	var unread []string
	for _, is := range rep.Issues {
		if is.Row == 0 && is.Field != "" {
			unread = append(unread, is.Field+": "+is.Reason)
		}
	}
	if !slices.ContainsFunc(unread, func(s string) bool {
		return strings.HasPrefix(s, "contact: ") && strings.Contains(s, "(1 row with a value)")
	}) {
		t.Errorf("« Contact » not listed with its count: %q", unread)
	}
	if slices.ContainsFunc(unread, func(s string) bool { return strings.HasPrefix(s, "horaires") }) {
		t.Errorf("« Horaires » listed as not read: %q", unread)
	}
}

// TestImportUltraNumDayColumns: Ultra Num gives each day's opening and
// closing times in columns of their own, which the ANCT's mapping leaves
// out: Carnet writes them as opening_hours, and says it read them itself.
func TestImportUltraNumDayColumns(t *testing.T) {
	head := func(day string) string {
		d := strings.ToUpper(day[:1]) + day[1:]
		return `"` + d + `":"%s","Ouverture matin (ou journée continue) ` + day + `":"%s","Fermeture matin ` + day + `":"%s","Ouverture après-midi (sauf si une seule tranche horaire) ` + day + `":"%s","Fermeture après-midi ` + day + `":"%s"`
	}
	row := func(name string, mo, we [5]string) string {
		f := `{"Nom de l'organisation":"` + name + `","Ville":"Saint-Denis","Code postal":"97400","Rue":"1 rue A",` + head("lundi") + `,` + head("mercredi") + `}`
		args := []any{}
		for _, v := range mo {
			args = append(args, v)
		}
		for _, v := range we {
			args = append(args, v)
		}
		return fmt.Sprintf(f, args...)
	}
	json := "[" + row("Case A", [5]string{"Mo", "08:30", "12:00", "13:00", "16:30"}, [5]string{"We", "09:00", "", "", "17:30"}) + ",\n" +
		row("Case B", [5]string{"", "", "", "", ";"}, [5]string{}) + ",\n" +
		row("Case C", [5]string{"Mo", "08:30", "", "", ""}, [5]string{"We", "09:00", "12:00", "", ""}) + "]"
	ps := places(t, json, "")
	// Row 3's Monday has an opening and no closing: that day is written
	// unknown, with a warning, and Wednesday kept.
	want := []string{"Mo 08:30-12:00,13:00-16:30; We 09:00-17:30", "", "Mo unknown; We 09:00-12:00"}
	for i, w := range want {
		if got := ps[i].Actor.OpeningHours; got != w {
			t.Errorf("row %d: hours %q, want %q (%+v)", i+1, got, w, ps[i].Issues)
		}
	}
	if !readsAs(ps[0], "horaires", "opening hours written from the day columns (the Ultra Num format: read by Carnet") {
		t.Errorf("row 1 readings: %+v", ps[0].Readings)
	}
	if !warnsOn(ps[2], "horaires", "Monday's cell is not a time") || warnsOn(ps[1], "horaires", "") {
		t.Errorf("row 3 issues: %+v", ps[2].Issues)
	}
	rep := importBytes(t, openStore(t), []byte(json), opendata.ImportOptions{Source: "ultra-num", DryRun: true})
	for _, is := range rep.Issues {
		if is.Row == 0 && (strings.Contains(is.Field, "lundi") || strings.Contains(is.Field, "mercredi")) {
			t.Errorf("a day column listed as not read: %+v", is)
		}
	}
}

// TestImportDayColumnsOfStandardFile: a file of the standard's kind with
// its hours in one column per day (Nouvelle-Calédonie's « horaires_lundi »)
// has them read, not listed as unknown columns.
func TestImportDayColumnsOfStandardFile(t *testing.T) {
	csv := "id;nom;commune;code_postal;adresse;date_maj;horaires_lundi;horaires_mardi;horaires_vendredi;remarque\n" +
		"a;Lieu A;Nouméa;98800;1 rue A;2024-01-02;07:30-11:30, 12:15-16:00;8h à 12h;;note\n" +
		"b;Lieu B;Nouméa;98800;2 rue B;2024-01-02;08:00 - 16:00;Fermé;7:00-11:30 et pas d'accueil en apres midi;\n"
	ps := places(t, csv, "")
	// Row 2's Friday says more than hours: that day is written unknown,
	// the others kept.
	want := []string{"Mo 07:30-11:30,12:15-16:00; Tu 08:00-12:00", "Mo 08:00-16:00; Fr unknown"}
	for i, w := range want {
		if got := ps[i].Actor.OpeningHours; got != w {
			t.Errorf("row %d: hours %q, want %q (%+v)", i+1, got, w, ps[i].Issues)
		}
	}
	if !readsAs(ps[0], "horaires", "columns of hours per day") {
		t.Errorf("row 1 readings: %+v", ps[0].Readings)
	}
	if !warnsOn(ps[1], "horaires", "Friday's cell is not a time") {
		t.Errorf("row 2: Friday's text not said: %+v", ps[1].Issues)
	}
	rep := importBytes(t, openStore(t), []byte(csv), opendata.ImportOptions{Source: "nc", DryRun: true})
	var listed []string
	for _, is := range rep.Issues {
		if is.Row == 0 && is.Field != "" {
			listed = append(listed, is.Field+": "+is.Reason)
		}
	}
	if len(listed) != 1 || listed[0] != "remarque: not a column of any version of the standard; ignored (1 row with a value)" {
		t.Errorf("columns listed: %q", listed)
	}
}

// TestImportHubLoHoursOnTheirDays: Hub-lo writes a place's times in one
// column (« 9h à 12h / 14h à 17h ») and the days they hold on in another
// (« {Lundi,Mardi,Jeudi} »); its mapping reads the times alone, which name
// no day, so the hours were dropped. The days are put before the times
// when the times name none; times that name their own days are read as
// written, and a text that is not times is kept as read, unreadable (every
// day unknown, with a warning; probe 35b, L5).
func TestImportHubLoHoursOnTheirDays(t *testing.T) {
	json := `[
{"gid":"1","c_nom":"EPN de Tours","c_siren_site":"","c_postcode":"37000","c_city":"Tours","c_adresse":"1 rue Nationale","c_horaire_ouverture":"9h à  12h /  14h à  17h","c_jours_semaine":"{Mardi,Lundi,Jeudi}"},
{"gid":"2","c_nom":"Médiathèque de Blois","c_siren_site":"","c_postcode":"41000","c_city":"Blois","c_adresse":"2 place Jean Jaurès","c_horaire_ouverture":"Du lundi au jeudi : 9h-12h 14h-17h","c_jours_semaine":"{Lundi,Mardi,Mercredi,Jeudi,Vendredi}"},
{"gid":"3","c_nom":"Atelier de Chinon","c_siren_site":"","c_postcode":"37500","c_city":"Chinon","c_adresse":"3 rue Voltaire","c_horaire_ouverture":"Atelier ouvert sur rendez vous","c_jours_semaine":"{Lundi,Mardi}"},
{"gid":"4","c_nom":"Espace de Vierzon","c_siren_site":"","c_postcode":"18100","c_city":"Vierzon","c_adresse":"4 rue Gourdon","c_horaire_ouverture":"De 9h00 à 12h00","c_jours_semaine":"{Lundi,Fermé}"}
]`
	ps := places(t, json, "")
	for i, want := range []string{"Mo,Tu,Th 09:00-12:00,14:00-17:00", "Mo-Th 09:00-12:00,14:00-17:00", "lundi, mardi : Atelier ouvert sur rendez vous", "De 9h00 à 12h00"} {
		if got := ps[i].Actor.OpeningHours; got != want {
			t.Errorf("row %d: hours %q, want %q (%+v)", i+1, got, want, ps[i].Issues)
		}
	}
	if !readsAs(ps[0], "horaires", "c_jours_semaine") {
		t.Errorf("row 1 does not say where its days come from: %+v", ps[0].Readings)
	}
	if !warnsOn(ps[2], "horaires", "kept as written") || !warnsOn(ps[3], "horaires", "kept as written") {
		t.Errorf("rows 3 and 4 must be kept unread with a warning: %+v / %+v", ps[2].Issues, ps[3].Issues)
	}
}

// TestStandardDayColumnsReadAsFormatsDo: the day cells a producer's format
// reads (« FERME / 13h30 – 18h00 », « 9h-12h (sous RDV) », « 9 h 12 h »)
// were unknown in a file of the standard's kind (« horaires_lundi »…): the
// two kinds of day columns are read by one function.
func TestStandardDayColumnsReadAsFormatsDo(t *testing.T) {
	csv := "id;nom;commune;code_postal;adresse;date_maj;horaires_lundi;horaires_mardi;horaires_mercredi;horaires_jeudi\n" +
		"a;Lieu A;Nouméa;98800;1 rue A;2024-01-02;FERME / 13h30 – 18h00;9h-12h (sous RDV);9 h 12 h / 14 h 17 h;9h-17h en continu\n"
	ps := places(t, csv, "")
	want := `Mo 13:30-18:00; Tu 09:00-12:00 "sous RDV"; We 09:00-12:00,14:00-17:00; Th 09:00-17:00 open "en continu"`
	if got := ps[0].Actor.OpeningHours; got != want {
		t.Errorf("hours %q, want %q (%+v)", got, want, ps[0].Issues)
	}
}
