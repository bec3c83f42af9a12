package search_test

import (
	"slices"
	"testing"
)

// Giving away an old PC (« donner un vieux pc à une association »): the
// reuse places take it. The thesaurus wrote « donner vieux ordinateur »
// but not « pc » nor « ordi », so « vieux » found Vieux-Moulin's town hall
// and « association » every association (P@5 0 on the batch of
// 2027-01-17).
func TestGivingAnOldPCOfTheBatch0117(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ress", "Ressourcerie L'Anthurium", "Tracy-le-Mont", "60170", "56 rue Nervaise", "services", themeTools),
		record("emm", "Emmaüs Connect", "Paris", "75019", "71 rue Archereau", "services", themeTools),
		record("vieux", "Vieux-Moulin Mairie", "Vieux-Moulin", "60350", "1 place de la Mairie", "services", themeTools),
		record("asso", "Association Point Rencontre", "Château-Arnoux-Saint-Auban", "04160", "2 rue de la Paix", "services", themeTools),
	})
	for _, q := range []string{"donner un vieux pc a une association", "donner mon ancien pc", "donner mon vieil ordi"} {
		_, got := searchNames(t, m, q)
		if len(got) < 2 {
			t.Errorf("%s: %v, want the ressourcerie and Emmaüs first", q, got)
			continue
		}
		first := slices.Clone(got[:2])
		slices.Sort(first)
		if !slices.Equal(first, []string{"Emmaüs Connect", "Ressourcerie L'Anthurium"}) {
			t.Errorf("%s: %v, want the ressourcerie and Emmaüs first", q, got)
		}
	}
}
