package opendata_test

import (
	"testing"

	"carnet/models/opendata"
)

// TestColumnGivenTwiceNamesTheCell: the warning of a column given twice
// whose first cell is empty names the cell read, as the file writes it
// (the CSV column's header and number, the JSON key). The name is now
// formatted only for the warning, no longer for every cell of every row
// (issue 11, item 6): its words must not change.
func TestColumnGivenTwiceNamesTheCell(t *testing.T) {
	csv := "id,nom,commune,code_postal,adresse,courriels,services, Courriels \n" +
		"d1,Lieu A,Montpellier,34000,1 rue A,,Maîtrise des outils numériques du quotidien,b@ex.fr\n"
	json := `[{"id":"d1","nom":"Lieu A","commune":"Montpellier","code_postal":"34000","adresse":"1 rue A","courriels":"","services":"Maîtrise des outils numériques du quotidien","Courriels":"b@ex.fr"}]`
	for _, c := range []struct{ data, want string }{
		{csv, "the file gives this column twice and its first cell is empty: the value of « Courriels » (column 8) is read; please check it is meant to be published"},
		{json, "the file gives this column twice and its first cell is empty: the value of « Courriels » is read; please check it is meant to be published"},
	} {
		rep := importBytes(t, openStore(t), []byte(c.data), opendata.ImportOptions{Source: "dup"})
		found := false
		for _, is := range issuesOfRow(rep, 1) {
			found = found || is.Field == "courriels" && is.Reason == c.want
		}
		if !found {
			t.Errorf("want %q, got %+v", c.want, issuesOfRow(rep, 1))
		}
	}
}
