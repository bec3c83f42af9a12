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
	// An arrondissement written after its city is in the city.
	m2 := loadRecords(t, []map[string]string{
		record("m6", "Espace numérique Castellane", "Marseille 6e Arrondissement", "13006", "1 place Castellane", "services", themeTools),
		record("m", "Maison pour tous", "Marseille", "13001", "1 rue de Rome", "services", themeTools),
	})
	if r, got := searchNames(t, m2, "atelier numerique marseille"); r.Partial || len(got) != 2 {
		t.Errorf("atelier numerique marseille: partial %v %v, want both places of Marseille", r.Partial, got)
	}
	// Named whole, Arles-sur-Tech is found.
	if _, got := searchNames(t, m, "mission locale arles sur tech"); len(got) == 0 || got[0] != "Mission locale Vallespir" {
		t.Errorf("mission locale arles sur tech: %v", got)
	}
}

// A body's acronym (« caf », « cpam ») finds every place helping with
// procedures, all at one score: the probe's 3,069 places tied. The
// places of the body come first among them: those declaring its typology
// or its programme (a Point d'accès numérique CAF), and the France
// services, where the CAF and the Assurance maladie are partners by law,
// offering that help; then the places offering the help only, and a
// description mentioning the word adds nothing.
func TestABodysPlacesComeFirstAmongThoseOfferingItsNeed(t *testing.T) {
	var recs []map[string]string
	for _, c := range []string{"Apt", "Gap", "Digne", "Manosque", "Sisteron", "Forcalquier"} {
		recs = append(recs, record("med-"+c, "Médiathèque de "+c, c, "04000", "1 rue de la Paix"))
	}
	recs = append(recs,
		record("desc", "Espace numérique des Arcs", "Les Arcs", "83460", "1 rue Haute",
			"presentation_detail", "Aide pour vos démarches CAF, impôts et CPAM."),
		record("fs", "Maison des services de Barjols", "Barjols", "83670", "1 place de la Mairie",
			"dispositif_programmes_nationaux", "France Services"),
		record("pan", "Centre social Le Lien", "Hyères", "83400", "2 rue du Lien",
			"dispositif_programmes_nationaux", "Point d'accès numérique CAF"),
		record("typ", "Accueil allocataires du Var", "Toulon", "83000", "3 rue Racine", "typologie", "CAF"),
		record("typ2", "Accueil assurés du Var", "Toulon", "83000", "4 rue Racine", "typologie", "CPAM"),
	)
	m := loadRecords(t, recs)
	for _, tc := range []struct {
		q     string
		first []string
	}{
		{"caf", []string{"Maison des services de Barjols", "Centre social Le Lien", "Accueil allocataires du Var"}},
		{"cpam", []string{"Maison des services de Barjols", "Accueil assurés du Var"}},
	} {
		_, got := searchNames(t, m, tc.q)
		if len(got) < len(tc.first) {
			t.Errorf("%s: %v", tc.q, got)
			continue
		}
		for _, n := range tc.first {
			if !slices.Contains(got[:len(tc.first)], n) {
				t.Errorf("%s: %v, want %v first", tc.q, got, tc.first)
				break
			}
		}
	}
}

// A word ending in the sound of « -ier » written « -ié » (« papié » for
// « papiers ») sounds as the word: the final r of -er is silent. « ou
// fair mes papié » found a « SCIC SAPIE » and a « rue Papin » only.
func TestAnEndingWrittenAsItSoundsIsTheWord(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France services Tende", "Tende", "06430", "1 place de la Mairie"),
		record("sapie", "SCIC SAPIE", "Limoux", "11300", "1 rue Papin", "services", themeTools),
	})
	r, got := searchNames(t, m, "ou fair mes papié")
	if len(got) == 0 || got[0] != "France services Tende" {
		t.Errorf("ou fair mes papié: partial %v %v, want the help with procedures first", r.Partial, got)
	}
}

// A partial answer around a named commune (a need none of its places
// meets) lists the need's places nearest first, however far: beyond 50 km
// every place ranked alike, so « aidants connect marseille » listed
// Charente's before Avignon's (85 km), 84th of 196.
func TestAPartialAnswerAroundACommuneIsNearestFirst(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("a", "Centre social Ma Campagne", "Angoulême", "16000", "1 rue X", "services", themeTools,
			"dispositif_programmes_nationaux", "Aidants Connect", "latitude", "45.65", "longitude", "0.16"),
		record("b", "Médiathèque Ceccano", "Avignon", "84000", "2 rue Y", "services", themeTools,
			"dispositif_programmes_nationaux", "Aidants Connect", "latitude", "43.95", "longitude", "4.81"),
		record("c", "Espace Belsunce", "Marseille", "13001", "2 rue Z", "services", themeTools, "latitude", "43.30", "longitude", "5.38"),
		record("d", "Espace Jas de Bouffan", "Aix-en-Provence", "13100", "2 rue Z", "services", themeTools,
			"dispositif_programmes_nationaux", "Aidants Connect", "latitude", "43.53", "longitude", "5.45"),
	})
	r, got := searchNames(t, m, "aidants connect marseille")
	if want := []string{"Espace Jas de Bouffan", "Médiathèque Ceccano", "Centre social Ma Campagne"}; !r.Partial || !slices.Equal(got, want) {
		t.Errorf("aidants connect marseille: partial %v %v, want %v", r.Partial, got, want)
	}
}
