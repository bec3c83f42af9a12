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
