package search_test

import (
	"slices"
	"testing"
)

// Batch 2027-05-02 (README, « Twentieth round »): a former commune's name
// no record writes is read as its commune, but its near spellings are other
// words — « tourlaville aide numerique » answered, after Cherbourg's places
// and as full matches, Tourville-sur-Arques's town hall; « jallais » found
// Saint-Médard-en-Jalles. Another name of a commune is held by the records
// in it, not by those whose words are spelt near it.
func TestAFormerNamesNearSpellingsAreOtherWords(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("che", "Centre Médico-Social", "Cherbourg-en-Cotentin", "50100", "1 rue de la Paix", "services", themeTools),
		record("tou", "Mairie de Tourville sur Arques", "Tourville-sur-Arques", "76550", "1 place de la Mairie", "services", themeTools),
		record("bea", "Centre Social Evre et Mauges", "Beaupréau-en-Mauges", "49600", "2 rue du Commerce", "services", themeTools),
		record("jal", "Mairie de Saint-Médard-en-Jalles", "Saint-Médard-en-Jalles", "33160", "1 place de l'Hôtel de Ville", "services", themeTools),
	})
	for q, want := range map[string][]string{
		"tourlaville aide numerique": {"Centre Médico-Social"},
		"jallais aide numerique":     {"Centre Social Evre et Mauges"},
	} {
		r, got := searchNames(t, m, q)
		if r.Partial || !slices.Equal(got, want) {
			t.Errorf("%s: %v (partial %v), want %v alone", q, got, r.Partial, want)
		}
	}
}
