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

// A word heard and written as it sounds: « fransai » is « français »,
// whose « ç », folded to a « c » that sounds « k » before a, o, u, had
// another sound key; the same sound found « France » only, and the
// French classes were lost to the France Services (batch 2027-03-14,
// « cour de fransai pour ma femme »). Of the words of that sound, the
// one written nearest is read.
func TestAWordWrittenAsItSoundsOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fle", "Apprendre le français", "Vierzon", "18100", "1 rue de la Paix"),
		record("fr", "France Services Draguignan", "Draguignan", "83300", "2 rue de la République", "services", themeTools),
	})
	for _, q := range []string{"cours de fransé", "apprendre le fransai", "cour de fransais pour mon mari"} {
		if _, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Apprendre le français" {
			t.Errorf("%s: %v, want the French classes first", q, got)
		}
	}
	if _, got := searchNames(t, m, "franse servis draguignan"); len(got) == 0 || got[0] != "France Services Draguignan" {
		t.Errorf("franse servis draguignan: %v, want France Services", got)
	}
}
