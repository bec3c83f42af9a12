package opendata_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"carnet/models/opendata"
)

// leHavreRow is a row of Le Havre's file as published
// (anct-cartographie-nationale/mednum-cli, commit e364f50,
// assets/input/le-havre/le-havre.json, blob 86a1998; 52 of its 76 rows, and
// of the later file's, write « Déficiance visuelle »), its empty cells and
// long texts left out.
const leHavreRow = `[{"id": "web-solidarite", "nom": "Web Solidarité", "commune": "Le Havre", "code_postal": 76600, "code_insee": 76351, "adresse": "48-50 rue Albert Samain", "date_maj": "2024-02-27", "services": "Accéder à une connexion Internet / Accéder à du matériel / S’équiper en matériel informatique", "publics_accueillis": "Seniors (+65 ans) / Familles/ enfant / Adultes / Jeunes (16/26 ans) / Déficiance visuelle / Surdité / Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales / Handicaps mentaux : déficiences limitant les activités d'une personne", "conditions_acces": "Adhésion : L’accès au lieu et/ou à ses services nécessite d’y adhérer", "modalites_accompagnement": "Seul : j’ai accès à du matériel et une connexion"}]`

// TestMisspeltOfferValueOfAnOlderColumnIsRead: a value of an older offer
// column one letter off a single value of that column (« Déficiance
// visuelle ») was dropped as « not a value of publics_accueillis in any
// version of the standard » (sweep48: 52 of Le Havre's 76 places lost their
// visual-impairment support). As a service one letter off was (issue 11
// item 5), it is read as that value, with a warning saying so.
func TestMisspeltOfferValueOfAnOlderColumnIsRead(t *testing.T) {
	s := openStore(t)
	rep := importBytes(t, s, []byte(leHavreRow), opendata.ImportOptions{Source: "le-havre"})
	if rep.Rejected != 0 {
		t.Fatalf("rejected: %+v", rep.Issues)
	}
	if !hasIssue(rep, 1, "publics_accueillis", "warning", "read as « Déficience visuelle »") {
		t.Errorf("the misspelling is not read, or not said: %+v", issuesOf(rep, 1, "publics_accueillis"))
	}
	var out bytes.Buffer
	if err := opendata.Export(context.Background(), s, "standard-csv", &out, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Déficience visuelle") {
		t.Errorf("the place's visual-impairment support is lost:\n%s", out.String())
	}
}
