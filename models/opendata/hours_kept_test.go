package opendata_test

import "testing"

// TestImportKeepsHoursWithNoReadableRule reproduces L5 of probe 35b: hours
// in which no rule reads (« We 08:00 », a time and not a span; « Mo
// 09:00-12:00-14:00 ») were dropped, so the record no longer said hours
// were given and opening_hours_unreadable showed nothing. They are kept as
// written, every day unknown, with a warning, as hours with some
// unreadable rules are.
func TestImportKeepsHoursWithNoReadableRule(t *testing.T) {
	csv := "id;nom;commune;code_postal;adresse;date_maj;horaires\n" +
		"a;Lieu A;Guéret;23000;1 rue A;2024-01-02;We 08:00\n" +
		"b;Lieu B;Guéret;23000;2 rue B;2024-01-02;Mo 09:00-12:00-14:00\n"
	for i, p := range places(t, csv, "") {
		want := []string{"We 08:00", "Mo 09:00-12:00-14:00"}[i]
		if p.Actor.OpeningHours != want {
			t.Errorf("row %d: hours %q, want %q kept", i+1, p.Actor.OpeningHours, want)
		}
		if !warnsOn(p, "horaires", "kept as written") {
			t.Errorf("row %d: no warning that the hours are kept unread: %+v", i+1, p.Issues)
		}
	}
}
