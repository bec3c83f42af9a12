package search_test

import (
	"slices"
	"testing"
)

// A distance beside a commune (« moins de 10 km d'angouleme », « aide
// numerique a 10 km de cavaillon », « angouleme 5km ») is how a helper
// asks for the commune and its neighbours: the records within that
// distance of the commune's centre. The number was read as a département
// (« 10 »: the Aube's places in Troyes before Angoulême's) and « km » as a
// word to find.
func TestADistanceFromACommuneOfTheBatch0207(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ang", "Espace numérique d'Angoulême", "Angoulême", "16000", "1 place de l'Hôtel de Ville", "services", themeTools,
			"latitude", "45.6500", "longitude", "0.1600"),
		record("soy", "Cyberbase de Soyaux", "Soyaux", "16800", "Place Jean Jacques Rousseau", "services", themeTools,
			"latitude", "45.6410", "longitude", "0.1990"),
		record("cou", "Centre social de La Couronne", "La Couronne", "16400", "2 rue de la Mairie", "services", themeTools,
			"latitude", "45.6100", "longitude", "0.1000"),
		record("cog", "Médiathèque de Cognac", "Cognac", "16100", "10 rue du Minage", "services", themeTools,
			"latitude", "45.6950", "longitude", "-0.3290"),
		record("tro", "Espace intergénérationnel", "Troyes", "10000", "110 avenue Edouard Herriot", "services", themeTools,
			"latitude", "48.2970", "longitude", "4.0740"),
	})
	for q, want := range map[string][]string{
		"moins de 10 km d angouleme":                     {"Espace numérique d'Angoulême", "Cyberbase de Soyaux", "Centre social de La Couronne"},
		"aide numerique a 10 km d angouleme":             {"Espace numérique d'Angoulême", "Cyberbase de Soyaux", "Centre social de La Couronne"},
		"angouleme 5km":                                  {"Espace numérique d'Angoulême", "Cyberbase de Soyaux"},
		"atelier ordi dans un rayon de 5 km d angouleme": {"Espace numérique d'Angoulême", "Cyberbase de Soyaux"},
	} {
		r, got := searchNames(t, m, q)
		if r.Partial || !sameSet(got, want) || got[0] != want[0] {
			t.Errorf("%s: %v (partial %v), want %v, the commune's own first", q, got, r.Partial, want)
		}
		if slices.Contains(got, "Espace intergénérationnel") {
			t.Errorf("%s: the number is a distance, not the Aube", q)
		}
	}
}

// The word « département » (« dpt », « dept ») beside a département's
// number or name says that it is one: « departement 05 » is the
// Hautes-Alpes. Required as a word it kept the three places naming a
// département (« Département des Hautes-Alpes », « Bibliothèque
// départementale ») of 75.
func TestTheWordDepartementBesideOneOfTheBatch0207(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("gap", "Centre social de Gap", "Gap", "05000", "1 rue Carnot", "services", themeTools),
		record("bri", "Médiathèque de Briançon", "Briançon", "05100", "2 avenue de la République", "services", themeTools),
		record("dep", "Département des Hautes-Alpes", "Gap", "05000", "Place Saint-Arnoux", "services", themeTools),
		record("avi", "Département de Vaucluse", "Avignon", "84000", "Rue Viala", "services", themeTools),
	})
	all05 := []string{"Centre social de Gap", "Médiathèque de Briançon", "Département des Hautes-Alpes"}
	for _, q := range []string{"departement 05", "dpt 05", "05 departement", "département des hautes-alpes", "aide numerique dept 05"} {
		r, got := searchNames(t, m, q)
		if r.Partial || !sameSet(got, all05) {
			t.Errorf("%s: %v (partial %v), want %v", q, got, r.Partial, all05)
		}
	}
}

// A price (« pas cher », « petit prix ») beside a service, not a device
// (« photocopie pas cher », « cours internet pas cher seniors »), is what
// the service costs, and most places are free: it ranks without
// filtering. Read as buying a refurbished device, it kept the ressourcerie
// and Emmaüs (one place of 139 for the photocopies) and the seniors were
// read as whom the device was bought for. Beside a device it is still a
// purchase (« ordi pas cher »).
func TestAPriceBesideAServiceOfTheBatch0207(t *testing.T) {
	const themeEquipment = "Acquisition de matériel informatique à prix solidaire"
	const themeAccess = "Accès internet et matériel informatique"
	m := loadRecords(t, []map[string]string{
		record("pr", "Espace public numérique", "Gap", "05000", "1 rue Carnot", "services", themeAccess),
		record("sen", "Club seniors connectés", "Gap", "05000", "2 rue Carnot", "services", themeAccess+"|"+themeTools,
			"publics_accueillis", "Seniors (65+)"),
		record("emm", "Emmaüs Connect", "Gap", "05000", "3 rue Carnot", "services", themeEquipment),
	})
	for q, want := range map[string][]string{
		"photocopie pas cher":             {"Espace public numérique", "Club seniors connectés"},
		"cours internet pas cher seniors": {"Club seniors connectés"},
		"ordi pas cher":                   {"Emmaüs Connect"},
	} {
		r, got := searchNames(t, m, q)
		if r.Partial || !sameSet(got, want) {
			t.Errorf("%s: %v (partial %v), want %v", q, got, r.Partial, want)
		}
	}
}

// A cybercafé (« cyber café », « cybercafe ») is where one uses a computer
// and the internet: the places lending them, the public digital spaces
// first. As words, « cyber » found the Cyber-bases elsewhere and « café »
// the cafés, and the commune's places none (« cyber cafe toulon »).
func TestACybercafeOfTheBatch0207(t *testing.T) {
	const themeAccess = "Accès internet et matériel informatique"
	m := loadRecords(t, []map[string]string{
		record("acc", "Espace Toulon numérique", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeAccess),
		record("epn", "Point numérique du Mourillon", "Toulon", "83000", "2 rue du Mourillon", "services", themeTools, "typologie", "EPN"),
		record("cs", "Centre social de Toulon", "Toulon", "83000", "3 rue Picot", "services", themeTools),
		record("soy", "Cyberbase", "Soyaux", "16800", "Place Jean Jacques Rousseau", "services", themeAccess),
		record("caf", "Café citoyen", "Uzès", "30700", "1 place Saint Géniès", "services", themeTools),
	})
	want := []string{"Espace Toulon numérique", "Point numérique du Mourillon"}
	for _, q := range []string{"cyber cafe toulon", "cybercafé toulon", "cyber-café toulon"} {
		r, got := searchNames(t, m, q)
		if r.Partial || !sameSet(got, want) {
			t.Errorf("%s: %v (partial %v), want %v", q, got, r.Partial, want)
		}
	}
}

// « À mon âge » in a sentence says that the person is older: the places
// serving seniors first, without filtering (the need is what they must
// offer). Required as a word, « âge » kept the places whose name holds it
// (« Espace part'age », « L'âge d'or du Brulhois »): 2 places of 2,931
// teaching the internet.
func TestMyAgeInASentenceOfTheBatch0207(t *testing.T) {
	const themeAccess = "Accès internet et matériel informatique"
	m := loadRecords(t, []map[string]string{
		record("sen", "Club connecté", "Gap", "05000", "1 rue Carnot", "services", themeAccess+"|"+themeTools,
			"publics_accueillis", "Seniors (65+)"),
		record("epn", "Espace numérique", "Gap", "05000", "2 rue Carnot", "services", themeAccess+"|"+themeTools),
		record("age", "Espace part'age", "Gap", "05000", "3 rue Carnot", "services", themeProcedures),
	})
	for _, q := range []string{"a mon age je comprends rien a internet", "je voudrais apprendre l'ordinateur à mon âge"} {
		r, got := searchNames(t, m, q)
		if r.Partial || !sameSet(got, []string{"Club connecté", "Espace numérique"}) || got[0] != "Club connecté" {
			t.Errorf("%s: %v (partial %v), want the seniors' club first, then the other place teaching it", q, got, r.Partial)
		}
	}
}

// Refugees, migrants, asylum seekers beside a need (« refugies demarches
// titre de sejour »): whom the help is for, met where they are received
// (the CADA and HUDA, whose records declare only the everyday tools), as a
// foreign language beside a need is; the need ranks without filtering.
// Required, it kept the places helping with procedures and none of the
// reception centres.
func TestRefugeesBesideANeedOfTheBatch0207(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cada", "Cada Arles", "Arles", "13200", "1 rue Réattu", "services", themeTools, "typologie", "CADA"),
		record("fs", "France Services Arles", "Arles", "13200", "2 rue Réattu", "services", themeProcedures),
		record("cs", "Centre social d'Arles", "Arles", "13200", "3 rue Réattu", "services", themeTools),
	})
	for _, q := range []string{"refugies demarches titre de sejour", "refugie aide papiers", "migrants carte de sejour"} {
		_, got := searchNames(t, m, q)
		if len(got) == 0 || got[0] != "Cada Arles" || slices.Contains(got, "Centre social d'Arles") {
			t.Errorf("%s: %v, want the reception centre first, no place doing neither", q, got)
		}
	}
	// « Étranger » qualifies the procedure (a foreigner's permit): the
	// places helping with procedures first, as before.
	if _, got := searchNames(t, m, "titre de sejour etranger"); len(got) == 0 || got[0] != "France Services Arles" {
		t.Errorf("titre de sejour etranger: %v, want the places helping with procedures first", got)
	}
}
