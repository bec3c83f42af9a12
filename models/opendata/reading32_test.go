package opendata_test

import (
	"strings"
	"testing"

	"carnet/models/opendata"
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
