package search_test

import (
	"slices"
	"testing"
)

// Queries of the thirtieth session's probe and of the batch of 2026-12-18
// left over.

// A word of a thesaurus phrase written in another gender (« espace
// publique numérique » for « espace public numérique », an EPN) reads
// as the phrase: « publique » is a word records hold (« Maison Publique
// de Quartier »), so the phrase's respelling left it alone, and the
// Maisons Publiques came first, holding two words each.
func TestAPhraseWordInAnotherGenderReadsAsThePhrase(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("mpq", "Maison Publique de Quartier Barriol", "Arles", "13200", "1 place Barriol", "services", themeTools,
			"dispositif_programmes_nationaux", "Conseillers numériques"),
		record("epn", "Espace numérique de Trinquetaille", "Arles", "13200", "2 rue de la Paix", "services", themeTools,
			"typologie", "EPN"),
		record("cyb", "Cyber-base Griffeuille", "Arles", "13200", "3 rue Griffeuille", "services", themeTools),
	})
	r, got := searchNames(t, m, "espace publique numerique")
	if len(got) < 2 || got[0] == "Maison Publique de Quartier Barriol" || slices.Index(got, "Maison Publique de Quartier Barriol") >= 0 && slices.Index(got, "Maison Publique de Quartier Barriol") < slices.Index(got, "Cyber-base Griffeuille") {
		t.Errorf("espace publique numerique: partial %v %v, want the EPN and the Cyber-base before the Maison Publique", r.Partial, got)
	}
	// The word in its own place stays a word: « maison publique ».
	if _, got := searchNames(t, m, "maison publique"); !slices.Equal(got, []string{"Maison Publique de Quartier Barriol"}) {
		t.Errorf("maison publique: %v, want the Maison Publique", got)
	}
}

// A kind of place the named commune lacks, met there only through its
// related need (« franse servis la seyne »: no France services at La
// Seyne-sur-Mer), lists the commune's places: those meeting the need
// first, then the others, before the kind's places elsewhere. Only the
// one place of La Seyne helping with procedures was listed.
func TestAKindTheCommuneLacksListsTheCommunesPlaces(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("udaf", "Citez des Talents", "La Seyne-sur-Mer", "83500", "1 rue Berny"),
		record("med", "Médiathèque Andrée Chedid", "La Seyne-sur-Mer", "83500", "2 rue Chedid", "services", themeTools),
		record("pole", "Pôle Folke Bernadotte", "La Seyne-sur-Mer", "83500", "3 avenue Bernadotte", "services", themeTools),
		record("tln", "France services Toulon", "Toulon", "83000", "1 place de la Liberté",
			"dispositif_programmes_nationaux", "France Services"),
	})
	for _, q := range []string{"franse servis la seyne", "france services la seyne sur mer"} {
		r, got := searchNames(t, m, q)
		if !r.Partial || len(got) < 3 || got[0] != "Citez des Talents" || !slices.Contains(got[:3], "Médiathèque Andrée Chedid") || !slices.Contains(got[:3], "Pôle Folke Bernadotte") {
			t.Errorf("%s: partial %v %v, want La Seyne's places, Citez des Talents first", q, r.Partial, got)
		}
	}
	// A commune holding the kind lists it only.
	if _, got := searchNames(t, m, "france services toulon"); !slices.Equal(got, []string{"France services Toulon"}) {
		t.Errorf("france services toulon: %v", got)
	}
}

// A commune named in the query is that commune, not another whose name
// begins with it: « mission locale arles » listed the mission locale of
// Arles-sur-Tech (Pyrénées-Orientales) as holding every word, before
// the places of Arles, which has none.
func TestACommuneNameIsNotTheStartOfAnother(t *testing.T) {
	recs := []map[string]string{
		record("fab", "La Fabrique", "Arles", "13200", "1 rue de la République", "services", themeTools),
		record("cs", "Centre social Christian Chèze", "Arles", "13200", "2 rue Chèze", "services", themeTools),
		record("tech", "Mission locale Vallespir", "Arles-sur-Tech", "66150", "1 place de la Mairie", "typologie", "ML"),
		record("nim", "Mission locale de Nîmes", "Nîmes", "30000", "1 rue de Nîmes", "typologie", "ML"),
	}
	m := loadRecords(t, recs)
	for _, q := range []string{"mission locale arles", "arles"} {
		r, got := searchNames(t, m, q)
		if len(got) < 2 || !slices.Contains(got[:2], "La Fabrique") || !slices.Contains(got[:2], "Centre social Christian Chèze") {
			t.Errorf("%s: partial %v %v, want the places of Arles first", q, r.Partial, got)
		}
		if i := slices.Index(got, "Mission locale Vallespir"); i >= 0 && i < 2 {
			t.Errorf("%s: %v, Arles-sur-Tech before Arles", q, got)
		}
	}
	if _, got := searchNames(t, m, "arles"); slices.Contains(got, "Mission locale Vallespir") {
		t.Errorf("arles: %v, want Arles only", got)
	}
	// Named whole, Arles-sur-Tech is found.
	if _, got := searchNames(t, m, "mission locale arles sur tech"); len(got) == 0 || got[0] != "Mission locale Vallespir" {
		t.Errorf("mission locale arles sur tech: %v", got)
	}
}
