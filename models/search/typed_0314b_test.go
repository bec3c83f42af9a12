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

// The driving code is revised online: « réviser le code de la route »
// seeks a computer and a connection, where « code » found the Wild Code
// School and « route » every address on a route (batch 2027-03-14). A
// school named « Code » is still found by its name.
func TestRevisingTheDrivingCodeOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("acc", "Espace numérique", "Carpentras", "84200", "1 place de la Mairie", "services", themeAccess0314),
		record("code", "Wild Code School", "Marseille", "13001", "3 rue Jean Jaurès", "services", themeTools),
		record("route", "Atelier numérique", "Nice", "06000", "12 route de Turin", "services", themeTools),
	})
	for _, q := range []string{"apprendre le code de la route", "passer le code en ligne", "réviser son code de la route carpentras"} {
		if _, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Espace numérique" {
			t.Errorf("%s: %v, want the internet access first", q, got)
		}
	}
	if _, got := searchNames(t, m, "wild code school"); len(got) == 0 || got[0] != "Wild Code School" {
		t.Errorf("wild code school: %v, want the school", got)
	}
}

// « mon code » is the code of an account or a card, as « compte » is the
// account: a generic word ranking the places holding it without being
// required, and a code given away is a scam. Required, « un faux
// banquier m'a appelé pour mon code » found one « Codecom » (batch
// 2027-03-14). « code » alone still finds the names holding it.
func TestACodeIsGenericOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("sec", "Atelier sécurité", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeSafety0314),
		record("codec", "Codecom Pôle", "Damvillers", "55150", "2 rue Haute", "services", themeTools),
		record("acc", "Espace numérique", "Carpentras", "84200", "1 place de la Mairie", "services", themeAccess0314),
	})
	for _, c := range []struct{ q, want string }{
		{"un faux conseiller ma demande mon code", "Atelier sécurité"},
		{"on m a demandé mon code secret par sms", "Atelier sécurité"},
		{"j ai donné mon code de carte a un faux site", "Atelier sécurité"},
		{"code wifi", "Espace numérique"},
		{"code", "Codecom Pôle"},
	} {
		if _, got := searchNames(t, m, c.q); len(got) == 0 || got[0] != c.want {
			t.Errorf("%s: %v, want %s first", c.q, got, c.want)
		}
	}
}

// « village » beside a named place says where the person lives, as « mon
// village » does: required, « village sans internet charente » kept the
// places named « … Village » (batch 2027-03-14, « village sans internet
// point numerique charente »).
func TestAVillageBesideAPlaceOfTheBatch0314(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("acc", "Espace numérique", "Cognac", "16100", "1 place de la Mairie", "services", themeAccess0314),
		record("vil", "Valfontaine Village", "Lachaise", "16300", "2 rue Haute", "services", themeTools),
		record("pt", "Point Rencontre", "Cognac", "16100", "3 rue Haute", "services", themeTools),
	})
	for _, q := range []string{"village sans internet charente", "petit village pas de connexion cognac"} {
		if _, got := searchNames(t, m, q); len(got) == 0 || got[0] != "Espace numérique" {
			t.Errorf("%s: %v, want the internet access first", q, got)
		}
	}
	if _, got := searchNames(t, m, "valfontaine village"); len(got) == 0 || got[0] != "Valfontaine Village" {
		t.Errorf("valfontaine village: %v, want it", got)
	}
}
