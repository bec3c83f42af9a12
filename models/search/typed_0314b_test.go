package search_test

import (
	"slices"
	"testing"
)

// « un cyber », as people say the public internet room of their district
// (a cyber-base, a cybercafé), is internet access: as a word it found the
// places named « Cyber… » anywhere before the one with computers by the
// station (batch 2027-03-14, « cyber a cote de la gare »). A place named
// so is still found.
func TestACyberIsInternetAccessOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("acc", "Espace numérique", "Carpentras", "84200", "1 place de la Mairie", "services", themeAccess0314),
		record("name", "Cyber Tremplin", "Vitré", "35500", "3 rue Jean Jaurès", "services", themeTools),
	})
	for _, q := range []string{"un cyber pres de la mairie", "cyber place de la mairie", "le cyber de la mairie"} {
		if _, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Espace numérique" {
			t.Errorf("%s: %v, want the internet access by the town hall first", q, got)
		}
	}
	if _, got := searchNames(t, m, "cyber tremplin"); !slices.Contains(got, "Cyber Tremplin") {
		t.Errorf("cyber tremplin: %v, want Cyber Tremplin", got)
	}
}
