package opendata_test

import (
	"strings"
	"testing"

	"carnet/models/opendata"
)

// TestLettersLostBeforeTheFileAreSaid: PACA's CSV of 2022 as mednum-cli
// stored it (anct-cartographie-nationale/mednum-cli, commit 89ae2a5,
// assets/input/paca/regionsud-lieux-dinclusion-numerique-2022_v2, blob
// 4397b17) is valid UTF-8 whose accented letters are all « � » (U+FFFD,
// the mark a program leaves for a letter it could not read): every one of
// its 1,245 places was stored as « Biblioth�que » without a word, and the
// mapping's terms (« démarches ») found 29 fewer offers than in its JSON.
// The letters cannot be recovered; each row holding one says so, naming
// its columns.
func TestLettersLostBeforeTheFileAreSaid(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;services\n" +
		"p1;Biblioth\uFFFDque;1 rue A;04000;Digne-les-Bains;Acc\uFFFDs internet et mat\uFFFDriel informatique\n" +
		"p2;Médiathèque;2 rue B;04000;Digne-les-Bains;Accès internet et matériel informatique\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "x", DryRun: true})
	var said *opendata.Issue
	for _, is := range issuesOf(rep, 1, "") {
		if strings.Contains(is.Reason, "U+FFFD") {
			said = &is
		}
	}
	if said == nil || said.Severity != opendata.SeverityWarning || !strings.Contains(said.Value, "nom") || !strings.Contains(said.Value, "services") {
		t.Errorf("row 1's lost letters not said, or its columns not named: %+v", issuesOf(rep, 1, ""))
	}
	for _, is := range issuesOf(rep, 2, "") {
		if strings.Contains(is.Reason, "U+FFFD") {
			t.Errorf("row 2 has its letters: %+v", is)
		}
	}
}
