package opendata_test

import (
	"slices"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// importedBy imports in under source and returns the report and the places
// stored, by their id in the file.
func importedBy(t *testing.T, in, source string) (*opendata.Report, map[string]models.Actor) {
	t.Helper()
	s := openStore(t)
	rep := importBytes(t, s, []byte(in), opendata.ImportOptions{Source: source})
	got := map[string]models.Actor{}
	for _, a := range allActors(t, s) {
		got[a.SourceID] = a
	}
	return rep, got
}

// TestCommaAfterACompleteAddressIsNoDot (verify 37b N4): the reading of a
// comma as the dot before an address's last part rewrote complete
// addresses (« a@b.fr,com » published as « a@b.fr.com », « x@asso.org,fr »
// as « x@asso.org.fr »). The comma is read as a dot only when the domain
// before it does not end in a top-level domain and the label after it is
// one (« …gouv,fr »).
func TestCommaAfterACompleteAddressIsNoDot(t *testing.T) {
	head := "id,nom,commune,code_postal,adresse,services,courriels\n"
	row := func(id, mail string) string {
		return id + ",Lieu " + id + ",Auch,32000,1 rue Gambetta,Maîtrise des outils numériques du quotidien,\"" + mail + "\"\n"
	}
	rep, got := importedBy(t, head+
		row("e1", "a@b.fr,com")+
		row("e2", "x@y,fr; z@w.fr")+
		row("e3", "a@b.fr,c@d.fr")+
		row("e5", "x@france-service.gouv,fr,y@z.fr")+
		row("e7", "contact@mairie-auch,fr")+
		row("e9", "x@asso.org,fr")+
		row("e10", "x@mairie-auch,zz"), "mails")
	for id, want := range map[string][]string{
		"e1": {"a@b.fr"},
		"e2": {"x@y.fr", "z@w.fr"},
		"e3": {"a@b.fr", "c@d.fr"},
		"e5": {"x@france-service.gouv.fr", "y@z.fr"},
		"e7": {"contact@mairie-auch.fr"},
		"e9": {"x@asso.org"},
	} {
		if !slices.Equal(got[id].Emails, want) {
			t.Errorf("%s: e-mails %q, want %q", id, got[id].Emails, want)
		}
	}
	// « zz » is no top-level domain: the comma is left as a comma.
	if slices.Contains(got["e10"].Emails, "x@mairie-auch.zz") {
		t.Errorf("e10: e-mails %q: « zz » read as a top-level domain", got["e10"].Emails)
	}
	for row, id := range map[int]string{1: "e1", 6: "e9"} {
		if hasIssue(rep, row, "courriels", opendata.SeverityWarning, "a comma typed for the dot") {
			t.Errorf("%s: a complete address read as cut: %+v", id, issuesOfRow(rep, row))
		}
	}
}

// TestContactColumnGivenTwiceFirstEmpty (verify 37b N3): a column given
// twice whose first cell is empty had the second column's value read
// without a word, so a second, private « courriels » column was published
// on every row whose public cell was empty. It is still read (the value
// is not lost), with a warning naming the column it came from.
func TestContactColumnGivenTwiceFirstEmpty(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,courriels,telephone,courriels,telephone,email,source,date_maj,services\n" +
		"d1,Lieu A,Montpellier,34000,1 rue A,,,second@ex.fr,0499999999,,probe,2026-11-01,Maîtrise des outils numériques du quotidien\n" +
		"d2,Lieu B,Montpellier,34000,2 rue B,b@ex.fr,0467000000,,,,probe,2026-11-01,Maîtrise des outils numériques du quotidien\n"
	rep, got := importedBy(t, in, "dup")
	if a := got["d1"]; !slices.Equal(a.Emails, []string{"second@ex.fr"}) || !slices.Equal(a.Phones, []string{"+33499999999"}) {
		t.Errorf("d1: e-mails %q phones %q, want the second columns' values", a.Emails, a.Phones)
	}
	for f, col := range map[string]string{"courriels": "column 8", "telephone": "column 9"} {
		if !hasIssue(rep, 1, f, opendata.SeverityWarning, col) {
			t.Errorf("d1: no warning naming the %s read for %s: %+v", col, f, issuesOfRow(rep, 1))
		}
	}
	if issues := issuesOfRow(rep, 2); len(issues) != 0 {
		t.Errorf("d2: the second columns empty, yet %+v", issues)
	}
}

// TestImportPointAloneAgainstThePostalCode (verify 37b N5): « Mairie,
// 24140 » with a point in Sarlat, 60 km from every commune of 24140, was
// stored as Sarlat-la-Canéda with 24200 for 24140, point kept. As on the
// API (422), the point conflicts with the address: dropped with a
// warning, the postal code kept.
func TestImportPointAloneAgainstThePostalCode(t *testing.T) {
	in := "id,nom,commune,code_postal,adresse,latitude,longitude,source,date_maj,services\n" +
		"g10,Lieu,Mairie,24140,route,44.8890,1.2160,probe,2026-11-01,Maîtrise des outils numériques du quotidien\n"
	rep, got := importedBy(t, in, "far")
	a := got["g10"]
	if a.Address.PostalCode != "24140" || a.Latitude != nil || a.Longitude != nil {
		t.Errorf("g10: postal code %s, commune %q (%s), point %v,%v; want 24140 and no point", a.Address.PostalCode, a.Address.Commune, a.Address.InseeCode, a.Latitude, a.Longitude)
	}
	if !hasIssue(rep, 1, "latitude", opendata.SeverityWarning, "dropped") {
		t.Errorf("g10: no warning on the point dropped: %+v", issuesOfRow(rep, 1))
	}
}
