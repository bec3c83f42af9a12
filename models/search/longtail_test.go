package search_test

import (
	"slices"
	"testing"
)

const themeSolidarityEquipment = "Acquisition de matériel informatique à prix solidaire"

// Queries helpers type for needs the directory rarely meets. A price
// written around a need (« pas cher ») is where solidarity-priced
// equipment is offered, not the Pas-de-Calais, « Apprentis pas sages » or
// the département of the Cher; a short word of the vocabulary (« fle »)
// is written whole and does not stand for longer words it begins
// (« Flers », « FLEP ») when no place offers what it means; learning
// French is a need of its own, not the places named « … français ».
func TestLongTailNeeds(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("eq", "Planète Champsaur Valgo", "Gap", "05000", "1 rue du Champsaur", "services", themeSolidarityEquipment+"|"+themeTools),
		record("pas", "APPRENTIS PAS SAGES", "Nice", "06000", "2 rue de France", "services", themeTools),
		record("cher", "Espace numérique du Cher", "Bourges", "18000", "3 rue Moyenne", "services", themeTools),
		record("emm", "Emmaüs Connect - Ruralité Connectée sur le Pas-de-Calais", "Arras", "62000", "4 rue de Paris", "services", themeTools),
		record("flers", "DTAS Flers", "Flers", "61100", "5 rue de la Gare", "services", themeProcedures),
		record("flep", "CSCS FLEP", "Soyaux", "16800", "6 rue du Stade", "services", themeTools),
		record("fr", "APPRENDRE LE FRANCAIS", "Bourges", "18000", "7 rue Moyenne", "services", themeTools),
		record("spf", "SECOURS POPULAIRE FRANCAIS", "Nice", "06000", "8 rue de France", "services", themeTools),
		record("cada", "Centre d'accueil pour demandeurs d'asile Castiglione", "Marseille", "13003", "9 rue de Lyon", "services", themeProcedures),
		record("apf", "APF France handicap", "Blois", "41000", "10 rue de Paris", "services", themeTools),
		record("mdph", "Maison départementale des personnes handicapées", "Laon", "02000", "11 rue de Paris", "services", themeProcedures),
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		// Emmaüs, which sells refurbished devices again, after the
		// place of the theme (2026-12-20): found as Emmaüs, not as the
		// Pas-de-Calais its name also says.
		{"acheter un ordinateur pas cher", []string{"Planète Champsaur Valgo", "Emmaüs Connect - Ruralité Connectée sur le Pas-de-Calais"}},
		{"ordi pas cher", []string{"Planète Champsaur Valgo", "Emmaüs Connect - Ruralité Connectée sur le Pas-de-Calais"}},
		{"pas cher", []string{"Planète Champsaur Valgo", "Emmaüs Connect - Ruralité Connectée sur le Pas-de-Calais"}},
		// Learning French: the place named for it; never « Flers »,
		// « FLEP », « … français », nor the place for asylum seekers
		// (the migrants' entry means the same specific support, but the
		// thesaurus keeps the two apart: TestEntriesKeptApart…).
		{"fle", []string{"APPRENDRE LE FRANCAIS"}},
		{"français langue étrangère", []string{"APPRENDRE LE FRANCAIS"}},
		{"cours de français", []string{"APPRENDRE LE FRANCAIS"}},
		// A public named in several words is found where a name holds
		// them all.
		{"réfugiés", []string{"Centre d'accueil pour demandeurs d'asile Castiglione"}},
		// An abbreviation of a kind of structure names it, not whom it
		// serves.
		{"mdph", []string{"Maison départementale des personnes handicapées"}},
	} {
		r, got := searchNames(t, m, tc.q)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v (partial %v), want %v", tc.q, got, r.Partial, tc.want)
		}
	}
}
