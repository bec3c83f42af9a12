package dedup

import (
	"fmt"
	"strings"
	"testing"
)

func at(lat, lon float64) (*float64, *float64) { return &lat, &lon }

// place builds a place of source in Marseille 1er unless changed.
func place(source, name, street string, lat, lon float64) Place {
	p := Place{ID: fmt.Sprintf("%s-%s", source, name), Source: source, Name: name, Street: street, PostalCode: "13001",
		Commune: "Marseille"}
	if lat != 0 {
		p.Latitude, p.Longitude = at(lat, lon)
	}
	return p
}

func with(p Place, f func(*Place)) Place { f(&p); return p }

// compareCase is a pair of places and what Compare must say of them.
type compareCase struct {
	name   string
	a, b   Place
	dup    bool
	reason string // a label the result must carry, if any
}

// runCompareCases checks each pair both ways: the same verdict, the same
// score (Compare is symmetric) and the reason expected.
func runCompareCases(t *testing.T, cases []compareCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Compare(tc.a, tc.b)
			if (r.Score >= Threshold) != tc.dup {
				t.Errorf("score %.3f (name %.2f, place %.2f, identity %.2f: %s), want duplicate=%v", r.Score, r.Name, r.Place, r.Identity, reasons(r), tc.dup)
			}
			if tc.reason != "" && !strings.Contains(reasons(r), tc.reason) {
				t.Errorf("reasons %q lack %q", reasons(r), tc.reason)
			}
			if back := Compare(tc.b, tc.a); back.Score != r.Score {
				t.Errorf("not symmetric: %v vs %v", r.Score, back.Score)
			}
		})
	}
}

func reasons(r Result) string {
	var out []string
	for _, x := range r.Reasons {
		out = append(out, x.Label)
	}
	return strings.Join(out, ", ")
}

// TestCompare covers each signal, and each cause of the misses reported on
// the unseen set (acronyms, host structures, street wording, bad
// coordinates, missing numbers), with the pairs that must stay apart.
func TestCompare(t *testing.T) {
	siret := func(v string) func(*Place) { return func(p *Place) { p.Pivot, p.PivotKind = v, "siret" } }
	phone := func(v string) func(*Place) { return func(p *Place) { p.Phones = []string{v} } }
	email := func(v string) func(*Place) { return func(p *Place) { p.Emails = []string{v} } }
	web := func(v string) func(*Place) { return func(p *Place) { p.Websites = []string{v} } }
	cases := []compareCase{
		{"OK same place, two spellings", place("a", "Médiathèque de l'Alcazar", "58 cours Belsunce", 43.2996, 5.3786),
			place("b", "Bibliothèque Alcazar", "58 crs Belsunce", 43.29965, 5.37862), true, "même adresse"},
		{"OK typo in the name", place("a", "Centre social Saint-Mauront", "1 rue Félix Pyat", 43.31, 5.38),
			place("b", "Centre sociale St Mauront", "1 r Félix Pyat", 43.3101, 5.3801), true, "même nom"},
		{"OK without coordinates", place("a", "Espace Public Numérique - Mairie", "Place de la Mairie", 0, 0),
			place("b", "EPN de la mairie", "pl. de la Mairie", 0, 0), true, "même rue"},
		// Acronyms against legal names, and unexpanded acronyms.
		{"OK acronym of the legal name", place("a", "ASOFT", "12 rue de la République", 43.3, 5.37),
			place("b", "Association Solidarité Formation Travail", "12 rue de la Republique", 43.3002, 5.3701), true, "sigle ASOFT"},
		{"OK acronym with its number", place("a", "MODE83", "55 AV DU QUATRE SEPTEMBRE", 43.54, 6.46),
			place("b", "MEDIT ORDINATEURS POUR DEVELOPT & EMPLOI", "55 Avenue du 4 Septembre", 43.5401, 6.4602), true, "sigle MODE"},
		{"OK CCAS written out", place("a", "CCAS de Marseille", "50 rue de Ruffi", 43.31, 5.37),
			place("b", "Centre communal d'action sociale", "50 Rue de ruffi", 43.3101, 5.3702), true, "même nom"},
		{"OK SIRENE abbreviations", place("a", "CTRE COM ACTION SOCIALE DE MIRAMAS", "4 BD DOCTEUR JACQUES MINET", 0, 0),
			place("b", "CCAS Miramas", "4 Boulevard Jacques Minet", 0, 0), true, "même adresse"},
		{"OK EPN written out", place("a", "EPN Belsunce", "16 rue Bernard du Bois", 43.3, 5.38),
			place("b", "Espace public numérique Belsunce", "16 rue Bernard du Bois", 43.3, 5.38), true, "même nom"},
		{"OK MDPH against its SIRENE name", place("a", "MDPH", "2 rue Paul Doumer", 43.3, 5.38),
			place("b", "GIP MAISON DEP PERSONNES HANDICAPEES", "2 RUE PAUL DOUMER", 43.3, 5.38), true, "noms proches"},
		{"OK Bureau information jeunesse is the BIJ", place("a", "BIJ de Nice", "10 rue de la Préfecture", 43.7, 7.27),
			place("b", "Bureau Information Jeunesse de Nice", "10 rue de la Prefecture", 43.7, 7.27), true, "même nom"},
		{"OK MDM of Lyon", with(place("a", "MDM Villeurbanne Sud", "12 rue Racine", 45.76, 4.88), func(p *Place) { p.PostalCode, p.Commune = "69100", "Villeurbanne" }),
			with(place("b", "Maison de la Métropole Villeurbanne Sud", "12 rue Racine", 45.7601, 4.8801), func(p *Place) { p.PostalCode, p.Commune = "69100", "Villeurbanne" }), true, "même nom"},
		// « Maison des Alpes-Maritimes » is the Maison du Département of the
		// Alpes-Maritimes (the département's name for the département).
		{"OK Maison du Département by the département's name", with(with(place("a", "France services Maison du département de Nice centre", "6 avenue Max Gallo", 43.7035, 7.2734), phone("+33489044400")), func(p *Place) { p.PostalCode, p.Commune = "06300", "Nice" }),
			with(with(place("b", "Maison des Alpes Maritimes", "6 Avenue des Phocéens", 43.7031, 7.2737), phone("+33489044400")), func(p *Place) { p.PostalCode, p.Commune = "06300", "Nice" }), true, "même téléphone"},
		{"NotDup Maison du Département and another Maison nearby", with(place("a", "Maison du Département", "6 avenue Max Gallo", 43.7035, 7.2734), func(p *Place) { p.PostalCode, p.Commune = "06300", "Nice" }),
			with(place("b", "Maison des associations", "12 Avenue des Phocéens", 43.7031, 7.2737), func(p *Place) { p.PostalCode, p.Commune = "06300", "Nice" }), false, ""},
		{"OK MSAP is France Services", place("a", "MSAP de la Vallée", "1 avenue de la Gare", 43.3, 5.37),
			place("b", "Espace France Services de la Vallée", "1 avenue de la gare", 43.3, 5.37), true, "même adresse"},
		// A place's name against its host structure's: names share nothing.
		{"OK host structure with its phone", with(place("a", "Maison de Pays", "Maison de pays", 44.34, 6.03), phone("+33492683317")),
			with(place("b", "France services La Motte", "Maison de Pays", 44.341, 6.031), phone("+33492683317")), true, "même téléphone"},
		{"OK host structure whose website names the place", with(place("a", "FABRIQUE GARE NUMERIQUE", "136 RUE DU VIEIL HOPITAL", 44.05, 5.04), web("https://letierslieudecarpentras.fr/")),
			place("b", "Le tiers lieu de carpentras", "136 rue du vieil hopital", 44.05, 5.04), true, "site web ou courriel au nom de l'autre lieu"},
		{"NotDup two structures at one address", place("a", "CCAS de Marseille", "58 cours Belsunce", 43.2996, 5.3786),
			place("b", "Médiathèque de l'Alcazar", "58 cours Belsunce", 43.2996, 5.3786), false, ""},
		// Street wording.
		{"OK route and rue of one street", place("a", "Centre social de Saint-Mens", "18 route des Molines", 43.3, 5.37),
			place("b", "Centre Social Saint Mens", "18 rue de Molines", 43.3003, 5.3703), true, "même adresse"},
		{"OK building named in the other's name", place("a", "Maison des communes - CC Buëch Dévoluy", "7 rue de la Tuilerie", 44.53, 5.8),
			place("b", "Communauté de communes Buech Devoluy", "Maison des communes", 44.5301, 5.8001), true, "même bâtiment"},
		{"OK building name against street, 600 m", place("a", "Maison de la Solidarité Mandela", "Espace Nelson Mandela", 43.3, 5.37),
			place("b", "Maison de la solidarité Mandela", "12 rue Jean Jaurès", 43.3054, 5.37), true, "même nom"},
		{"OK building name, same name nearby", place("a", "Maison Publique de Quartier Barriol", "Centre Christian-Chèze", 43.67, 4.61),
			place("b", "Maison publique de quartier Barriol", "3 Avenue du Président Salvador Allende", 43.671, 4.6102), true, "même nom"},
		// Coordinates far apart while the addresses agree.
		{"OK coordinates 2 km off, same address", place("a", "MSAP La Rochefoucauld", "1 avenue de la gare", 45.74, 0.38),
			place("b", "Espace France Services La Rochefoucauld", "1 Avenue de la Gare", 45.755, 0.39), true, "malgré la même adresse"},
		{"OK coordinates 11 km off, same address and name", place("a", "Département de la Charente", "31 BD EMILE ROUX", 45.65, 0.15),
			place("b", "DEPARTEMENT DE LA CHARENTE", "31 Boulevard Emile Roux", 45.55, 0.15), true, "malgré la même adresse"},
		{"NotDup same name far away", place("a", "Espace numérique", "1 rue de la Paix", 43.30, 5.37),
			place("b", "Espace numérique", "12 avenue Foch", 43.35, 5.45), false, ""},
		{"NotDup same street name in another town", with(place("a", "Maison du Département", "4 Rue de la Mairie", 43.78, 6.78), func(p *Place) { p.PostalCode, p.Commune = "06750", "Séranon" }),
			with(place("b", "Maison du Département", "Place de la Mairie", 44.08, 7.1), func(p *Place) { p.PostalCode, p.Commune = "06420", "Saint-Sauveur-sur-Tinée" }), false, ""},
		{"NotDup one postal code, two villages", with(place("a", "Mairie de Ligné", "Mairie", 45.9, 0.1), func(p *Place) { p.PostalCode, p.Commune = "16140", "Ligné" }),
			with(place("b", "Mairie d'Aigre", "2 rue de l'Hôtel de ville", 45.89, 0.2), func(p *Place) { p.PostalCode, p.Commune = "16140", "Aigre" }), false, ""},
		// A missing house number.
		{"OK house number missing", place("a", "Association La Farandole", "Rue de la Poutre", 43.51, 4.98),
			place("b", "La Farandole", "12 rue de la Poutre", 43.5108, 4.9805), true, "même rue"},
		{"NotDup same street, other number, other name", place("a", "Ludothèque", "3 rue de la Poutre", 43.51, 4.98),
			place("b", "Cyberespace", "80 rue de la Poutre", 43.513, 4.982), false, ""},
		// Identifiers.
		{"OK same SIRET and address", with(place("a", "APEJ", "72 RUE DE PONS", 45.69, -0.33), siret("33820960400028")),
			with(place("b", "APEJ Cognac", "72 Rue de Pons", 45.6902, -0.3302), siret("33820960400028")), true, "même SIRET"},
		{"OK same e-mail, name and street wording apart", with(place("a", "Tiers lieu Sainte Marthe", "21 avenue Chiris", 43.65, 6.92), email("contact@ste-marthe.org")),
			with(place("b", "Sainte-Marthe, tiers-lieu de la transition", "17-21 avenue Chiris", 43.6503, 6.9203), email("contact@ste-marthe.org")), true, "même courriel"},
		{"NotDup same SIRET, two towns", with(place("a", "Chambre d'agriculture, bureau Nord", "Avenue Paul Mairat", 45.87, 0.18), func(p *Place) {
			p.Pivot, p.PivotKind, p.PostalCode, p.Commune = "18160001600024", "siret", "16230", "Mansle"
		}), with(place("b", "Chambre d'agriculture, bureau Ouest", "7 rue du Stade", 45.61, -0.22), func(p *Place) {
			p.Pivot, p.PivotKind, p.PostalCode, p.Commune = "18160001600024", "siret", "16130", "Segonzac"
		}), false, ""},
		{"NotDup shared contacts, other site of the association", with(with(place("a", "Espace Numérique Sud Charente", "3 av Henri Dunant", 45.4, 0.14), phone("+33545978203")), email("contact@numeriquesudcharente.com")),
			with(with(place("b", "Tiers-Lieu La Parenthèse", "1 Avenue de l'Aquitaine", 45.4018, 0.1405), phone("+33545978203")), email("contact@numeriquesudcharente.com")), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareAuthoritiesAndAbbreviations covers the causes of the misses
// found on the Auvergne-Rhône-Alpes set (testdata/duplicates-hinaura-2022
// in models/opendata): a local authority's record (a commune, an
// intercommunality, a Département: the employer the national file names)
// at the address of the place it hosts; the Département under its two
// names; the programme's role (« conseiller numérique ») in a place's name;
// a word cut short (« Agglo »); a long syllable acronym; another street of
// the commune within a kilometre.
func TestCompareAuthoritiesAndAbbreviations(t *testing.T) {
	phone := func(v string) func(*Place) { return func(p *Place) { p.Phones = []string{v} } }
	email := func(v string) func(*Place) { return func(p *Place) { p.Emails = []string{v} } }
	cases := []compareCase{
		{"OK the mairie and the CCAS it hosts, one address", place("a", "Mairie de Marseille", "2 rue de la Tiolettaz", 43.30, 5.37),
			place("b", "CCAS de Marseille", "2 route de la Tiolettaz", 43.302, 5.37), true, "collectivité à la même adresse"},
		{"OK the intercommunality and its France Services, one address", place("a", "Communauté de communes du Pays des Calaubys", "6 rue des Calaubys", 43.30, 5.37),
			place("b", "France Services du Bourg", "6 Rue des Calaubys", 43.3001, 5.3701), true, "collectivité à la même adresse"},
		{"OK the agglomeration and its Maison de l'habitat, one address", place("a", "CA Vichy Communauté", "9 PL CHARLES DE GAULLE", 43.30, 5.37),
			place("b", "Maison de l'Habitat - Vichy Communauté", "9 Place Charles de Gaulle", 43.3001, 5.3701), true, "collectivité à la même adresse"},
		{"OK Département and Conseil départemental, role words aside", place("a", "Département de l'Allier", "1 AV VICTOR HUGO", 43.30, 5.37),
			place("b", "Conseillers numériques Conseil Départemental de l'Allier", "1 Avenue Victor Hugo", 43.3002, 5.3701), true, "même nom"},
		{"NotDup the mairie and a service at another address", place("a", "Mairie de Marseille", "Place de l'Hôtel de ville", 43.30, 5.37),
			place("b", "Médiathèque de Marseille", "2 route de Givors", 43.3012, 5.37), false, ""},
		{"NotDup the mairie and a service on its street, other number", place("a", "Mairie de Marseille", "15 allée du 10 août 1944", 43.30, 5.37),
			place("b", "MSAP des Hautes Baronnies", "6 allée du 10 août 1944", 43.3012, 5.37), false, ""},
		// A travelling service parked at a mairie is another door than
		// the permanence inside, whatever its stop is called; the same
		// stop of the bus from two sources is one place.
		{"NotDup a bus at the mairie's address", place("a", "COMMUNE DE LUXE", "2 Place de la Mairie", 43.30, 5.37),
			place("b", "Bus France Services - [Place de la mairie]", "Place de la Mairie", 43.3001, 5.37), false, ""},
		{"NotDup a bibliobus at the mairie", place("a", "Mairie de Luxé", "2 Place de la Mairie", 43.30, 5.37),
			place("b", "Bibliobus de la mairie", "2 place de la Mairie", 43.30, 5.37), false, ""},
		{"OK the same bus stop from two sources", place("a", "Bus France Services - [Place de la mairie]", "Place de la Mairie", 43.30, 5.37),
			place("b", "Bus France Services (place de la mairie)", "2 place de la Mairie", 43.3001, 5.37), true, ""},
		{"NotDup two services at one address, neither an authority", place("a", "Maison de l'emploi", "3 rue de la Paix", 43.30, 5.37),
			place("b", "Ludothèque Les Lutins", "3 rue de la Paix", 43.30, 5.37), false, ""},
		{"OK a word cut short", place("a", "Campus Agglo", "3 Chemin de Nocaze", 43.30, 5.37),
			place("b", "Campus agglomération", "3 chemin de Nocaze", 43.3008, 5.3701), true, "même nom"},
		{"OK a syllable acronym of nine letters", with(place("a", "ACAPASSAV Genevois Faucigny", "255 route des Marais", 43.30, 5.37), phone("+33480160959")),
			with(place("b", "Académie des passeurs de savoirs", "251 RTE DES MARAIS", 43.302, 5.37), phone("+33480160959")), true, "sigle ACAPASSAV"},
		// One place under another street of the commune, within a
		// kilometre: an old address or another entrance.
		{"OK same name and e-mail, another street 770 m away", with(place("a", "Ti'Lieu", "Bd Étienne Clémentel", 43.30, 5.37), email("numerique@initiative.ovh")),
			with(place("b", "TI'LIEU", "6 rue du Torpilleur Sirocco", 43.3069, 5.37), email("numerique@initiative.ovh")), true, "même courriel"},
		{"NotDup same generic name, another street 800 m away", place("a", "Espace numérique", "1 rue de la Paix", 43.30, 5.37),
			place("b", "Espace numérique", "12 avenue Foch", 43.3072, 5.37), false, ""},
		{"NotDup same e-mail, other names, another street 800 m away", with(place("a", "Médiathèque du Plan", "1 rue de la Paix", 43.30, 5.37), email("contact@reseau.fr")),
			with(place("b", "Ludothèque Les Lutins", "12 avenue Foch", 43.3072, 5.37), email("contact@reseau.fr")), false, ""},
		{"NotDup a long word that merely starts like an acronym", place("a", "ACAPASSAV", "1 rue A", 43.30, 5.37),
			place("b", "Académie des arts", "9 rue B", 43.3005, 5.37), false, ""},
	}
	runCompareCases(t, cases)
}

// TestNetworkValuesAreWeak: a number or website carried by many places of
// one network is weak evidence, and the reason says so.
func TestNetworkValuesAreWeak(t *testing.T) {
	var places []Place
	for i, street := range []string{"1 rue A", "2 rue B", "3 rue C", "4 rue D"} {
		p := place("croix-rouge", fmt.Sprintf("Croix-Rouge antenne %d", i), street, 43.30+float64(i)*0.01, 5.37)
		p.Emails = []string{"inclusion.numerique@croix-rouge.fr"}
		places = append(places, p)
	}
	// The hub lists one of them under another name, at a corrected
	// address 400 m away, with the national mailbox.
	hub := place("hub", "Pôle social", "9 rue Z", 43.3036, 5.37)
	hub.Emails = []string{"inclusion.numerique@croix-rouge.fr"}
	places = append(places, hub)
	b := NewBlock(places)
	r, _ := b.Compare(hub.ID, places[0].ID)
	if r.Score >= Threshold {
		t.Errorf("national mailbox linked two places: %.3f %s", r.Score, reasons(r))
	}
	if !strings.Contains(reasons(r), "partagé par 4 lieux") {
		t.Errorf("reasons: %s", reasons(r))
	}
	alone := NewBlock([]Place{places[0], hub})
	if r2, _ := alone.Compare(hub.ID, places[0].ID); r2.Identity <= r.Identity {
		t.Errorf("a value carried once weighs %.2f, carried four times %.2f", r2.Identity, r.Identity)
	}
	if m := b.MatchesOf(hub.ID); len(m) != 0 {
		t.Errorf("matches: %+v", m)
	}
}

func TestParseStreet(t *testing.T) {
	cases := []struct {
		in       string
		numbers  []int
		words    string
		building bool
	}{
		{"5ter rue capitaine de Bresson", []int{5}, "capitain bresson", false},
		{"48 bis rue du 8 mai", []int{48}, "8 mai", false},
		{"17-21 avenue Chiris", []int{17, 18, 19, 20, 21}, "chiri", false},
		{"PL GL DE GAULLE", nil, "general gaull", false},
		{"Maison de Pays", nil, "maison pay", true},
		{"3 Avenue Henri Dunant 16190 Montmoreau", []int{3}, "henri dunant", false},
	}
	for _, tc := range cases {
		st := parseStreet(tc.in, map[string]bool{"montmoreau": true})
		if fmt.Sprint(st.numbers) != fmt.Sprint(tc.numbers) && !(len(tc.numbers) > 0 && st.numbers[0] == tc.numbers[0] && len(st.numbers) >= len(tc.numbers)) {
			t.Errorf("%q: numbers %v, want %v", tc.in, st.numbers, tc.numbers)
		}
		if strings.Join(st.words, " ") != tc.words || st.building != tc.building {
			t.Errorf("%q: words %q building %v, want %q %v", tc.in, strings.Join(st.words, " "), st.building, tc.words, tc.building)
		}
	}
}

func FuzzCompare(f *testing.F) {
	f.Add("Médiathèque", "1 rue X", "CCAS", "1bis-3 rue X", "+33491000000", "a@b.fr", "https://x.fr/a")
	f.Add("France Services BHAP", "Bureau de Poste - 32 rue X BP 12", "Espace France Services", "B.P. - rue X, 13001 Marseille CEDEX", "", "", "")
	f.Add("Médiathèque près Marseille", " - ", "x", "13001", "", "", "")
	f.Fuzz(func(t *testing.T, n1, s1, n2, s2, ph, em, web string) {
		a := Place{ID: "a", Source: "a", Name: n1, Street: s1, PostalCode: "13001", Commune: "Marseille", Phones: []string{ph}, Emails: []string{em}, Websites: []string{web}}
		b := Place{ID: "b", Source: "b", Name: n2, Street: s2, PostalCode: "13001", Commune: "Marseille", Phones: []string{ph}}
		r := Compare(a, b)
		if r.Score < 0 || r.Score > 1 {
			t.Fatalf("score %v", r.Score)
		}
	})
}

// TestTrigramDice checks the allocation-free trigramDice against the
// definition (Dice of the multisets of trigrams of " a " and " b ", counted
// with maps), on names and edge cases: empty, one byte, repeated trigrams,
// accents (several bytes), long names past the stack buffer.
func TestTrigramDice(t *testing.T) {
	ref := func(a, b string) float64 {
		grams := func(s string) map[string]int {
			s = " " + s + " "
			m := map[string]int{}
			for i := 0; i+3 <= len(s); i++ {
				m[s[i:i+3]]++
			}
			return m
		}
		ga, gb := grams(a), grams(b)
		na, nb, inter := 0, 0, 0
		for _, n := range ga {
			na += n
		}
		for g, n := range gb {
			nb += n
			inter += min(n, ga[g])
		}
		if na+nb == 0 {
			return 0
		}
		return 2 * float64(inter) / float64(na+nb)
	}
	words := []string{"", "a", "ab", "aaaa", "aaaaaa", "espaceinformatique", "espace informatique", "esp@ceinformatique", "médiathèqueéàù",
		"mediatheque", "bibliothequealcazar", "alcazarbibliotheque", "ccas", "centrecommunaldactionsociale",
		strings.Repeat("maisondepays", 12), strings.Repeat("maisondepayz", 11)}
	for _, a := range words {
		for _, b := range words {
			if got, want := trigramDice(a, b), ref(a, b); got != want {
				t.Errorf("trigramDice(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { trigramDice("espaceinformatiquedelajoliette", "espacenumeriquejoliette") }); n != 0 {
		t.Errorf("%v allocations per call", n)
	}
}

// TestCompareScheduleInName: the national file names a conseiller's
// permanences after the place and its time slot (« Médiathèque (Aprèm) »,
// « P.I.J (Jeudi Matin) », « Mairie (Mardi Matin) »); the slot names no
// place (the Centre-Val de Loire set, testdata/duplicates-hublo-2022.md).
func TestCompareScheduleInName(t *testing.T) {
	cases := []compareCase{
		{"OK a médiathèque and its afternoon permanence, one address", place("a", "Médiathèque (Aprèm)", "22 Rue des Écoles", 43.30, 5.37),
			place("b", "MEDIATHEQUE PHILIPPE BARBEAU", "22 rue des écoles", 43.3022, 5.37), true, "même adresse"},
		{"OK a slot after a dash", place("a", "Bibliothèque relais - mercredi matin", "2 rue de la Grande Sologne", 43.30, 5.37),
			place("b", "Bibliothèque relais", "2 rue de la Grande Sologne", 43.3001, 5.37), true, "même nom"},
		{"NotDup the same kind of place in two slots at two streets", place("a", "Médiathèque (Mardi Matin)", "22 Rue des Écoles", 43.30, 5.37),
			place("b", "Médiathèque Philippe Barbeau", "5 avenue Foch", 43.306, 5.37), false, ""},
		{"OK a monthly permanence at the mairie", place("a", "Mairie de Cassagnes (premiers lundis du mois)", "1 place de la Mairie", 43.30, 5.37),
			place("b", "Mairie de Cassagnes", "1 place de la Mairie", 43.3001, 5.37), true, "même nom"},
		{"NotDup a day that is the name", place("a", "Le Samedi", "3 rue de la Paix", 43.30, 5.37),
			place("b", "Association Le Vendredi", "3 rue de la Paix", 43.30, 5.37), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareDepartementPremises: a Département's house (« Maison
// départementale d'action sociale », « … des solidarités », « Maison du
// Département ») is its
// premises, hosting its services as a mairie hosts the CCAS: the national
// file names the house, the hub the Département's EPN inside (the
// Centre-Val de Loire set).
func TestCompareDepartementPremises(t *testing.T) {
	cases := []compareCase{
		{"OK the Département's house and the EPN in it", place("a", "Maison Départementale d'Action Sociale", "Place Chazereau", 43.30, 5.37),
			place("b", "EPN Sancerre et Aubigny / Nère", "Place Chazereau", 43.3002, 5.37), true, "collectivité à la même adresse"},
		{"OK the Département's house of solidarities and a service in it", place("a", "Maison départementale des solidarités du Nord", "1 rue Saint-Martin", 43.30, 5.37),
			place("b", "Espace public numérique", "1 Rue Saint Martin", 43.3002, 5.37), true, "collectivité à la même adresse"},
		{"NotDup the Département's house and a place at another number", place("a", "Maison Départementale d'Action Sociale", "3 rue Claude Chevalier", 43.30, 5.37),
			place("b", "Mission locale", "12 rue Claude Chevalier", 43.3012, 5.37), false, ""},
		{"NotDup a house of solidarities that is not the Département's", place("a", "Maison des solidarités", "4 rue de la Paix", 43.30, 5.37),
			place("b", "Ludothèque Les Lutins", "4 rue de la Paix", 43.30, 5.37), false, ""},
		// The Normandie set: « Maison Du Département » at « 0 rue de
		// l'Industrie » and the odspep directory's PMI of the
		// Département in the street, 118 m (0.350).
		{"OK the Maison du Département and the Département's service in it", place("a", "Maison Du Département", "0 rue de l'Industrie", 49.096448, 1.47026),
			place("b", "Protection Maternelle et Infantile (PMI) de Vernon", "RUE DE L INDUSTRIE", 49.095913, 1.468868), true, "collectivité à la même adresse"},
		{"NotDup the Maison du Département and a place at another number", place("a", "Maison du Département", "3 rue Claude Chevalier", 43.30, 5.37),
			place("b", "Mission locale", "12 rue Claude Chevalier", 43.3012, 5.37), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareHostAuthorityPrecision covers the two wrong links the
// host-authority rule made on the Auvergne-Rhône-Alpes and Centre-Val de
// Loire sets (both 0.610, the address alone with the rule's name score):
// a mairie and an intercommunality on one square are two authorities,
// neither hosting the other; an association at the address of a
// Département's cité administrative is a tenant, not one of its services,
// which its SIREN says (an association's, not a public body's).
func TestCompareHostAuthorityPrecision(t *testing.T) {
	siren := func(v string) func(*Place) { return func(p *Place) { p.Pivot, p.PivotKind = v, "siren" } }
	cases := []compareCase{
		{"NotDup a mairie and an intercommunality on one square", place("a", "Mairie de Saint Julien Chapteuil", "Place Saint Robert", 43.30, 5.37),
			place("b", "COMMUNAUTE DE COMMUNES MEZENC LOIRE MEYGAL", "10 PL SAINT-ROBERT", 43.3005, 5.37), false, ""},
		{"NotDup an association at the cité administrative's address", with(place("a", "FRAPS", "34 Avenue du Maréchal Maunoury", 43.30, 5.37), siren("492823307")),
			place("b", "Conseil Départemental Cité Administrative", "34 Avenue du Maréchal Maunoury", 43.3001, 5.37), false, ""},
		// The Département's own service there, under its SIREN, is hosted.
		{"OK the Département's EPN at its premises", with(place("a", "EPN Sancerre et Aubigny", "1 rue Saint-Martin", 43.30, 5.37), siren("221800014")),
			place("b", "Maison Départementale d'Action Sociale", "1 Rue Saint Martin", 43.3001, 5.37), true, "collectivité à la même adresse"},
		{"OK a commune's service under the commune's SIREN", with(place("a", "Point emploi services", "1 place Prudent Chollet", 43.30, 5.37), siren("211800263")),
			place("b", "Commune de Marseille", "1 place Prudent Chollet", 43.30, 5.37), true, "collectivité à la même adresse"},
		// Without a SIREN the rule reads as before.
		{"OK the intercommunality and its France Services, no SIREN", place("a", "France Services du Pays", "6 rue des Calaubys", 43.30, 5.37),
			place("b", "Communauté de communes du Pays d'Huriel", "6 RUE DES CALAUBYS", 43.3001, 5.37), true, "collectivité à la même adresse"},
	}
	runCompareCases(t, cases)
}

// TestCompareAnnexAtAnotherAddress: « 38 BIS (Annexe du Quart'Ney) » of the
// national file and the Quart'Ney's main site in the Angers file, one
// phone and e-mail, 794 m apart, were linked on the likeness of their
// names (Maine-et-Loire set); an annex is another site of the place it
// names. At its own address, the annex is linked as ever, and two annexes
// compare as any two places.
func TestCompareAnnexAtAnotherAddress(t *testing.T) {
	contacts := func(p *Place) { p.Phones, p.Emails = []string{"+33241432813"}, []string{"contact@quartney.fr"} }
	main := with(place("angers", "Maison de Quartier - Le Quart'Ney", "5 Rue Ernest Eugène Duboys", 43.30, 5.37), contacts)
	annex := with(place("cnfs", "38 BIS (Annexe du Quart'Ney )", "38 Bis avenue Pasteur", 43.3071, 5.37), contacts)
	cases := []compareCase{
		{"NotDup the annex and the main site, two addresses", main, annex, false, "une annexe"},
		{"OK the annex under its address", with(place("angers", "38 bis, avenue Pasteur", "38 bis, avenue Pasteur", 43.3071, 5.37), contacts), annex, true, ""},
		{"OK the same mairie annexe from two sources", place("a", "Mairie annexe de Luynes", "Place de la Libération", 43.30, 5.37),
			place("b", "Mairie Annexe Luynes", "place de la Libération", 43.3002, 5.37), true, ""},
	}
	runCompareCases(t, cases)
}

// TestDistrictComplementIsNoBuilding: the Angers file writes the quarter in
// the address complement (« Lac de Maine » for a library on Place
// Guy-Riobé and for the maison de quartier on rue de la Chambre aux
// Deniers); read as a building's name, the library was « one building »
// with the national file's « ILM Maison du Lac » 273 m away. A complement
// carried by places of one source at several streets of one commune names
// a district; carried at one street it is still a building.
func TestDistrictComplementIsNoBuilding(t *testing.T) {
	in := func(p Place, complement string) Place { p.Complement = complement; return p }
	library := in(place("angers", "Bibliothèque municipale - Lac de Maine", "Place Guy-Riobé", 43.30, 5.37), "Lac de Maine")
	mq := in(place("angers", "Maison de Quartier - Lac de Maine (ILM)", "34, rue de la Chambre aux Deniers", 43.3024, 5.37), "Lac de Maine")
	ilm := place("cnfs", "ILM Maison du Lac", "34 rue de la Chambre au denier", 43.3024, 5.37)
	b := NewBlock([]Place{library, mq, ilm})
	if r, _ := b.Compare(library.ID, ilm.ID); r.Score >= Threshold || strings.Contains(reasons(r), "même bâtiment") {
		t.Errorf("the library and the ILM in one quarter: %.3f %s", r.Score, reasons(r))
	}
	if r, _ := b.Compare(mq.ID, ilm.ID); r.Score < Threshold {
		t.Errorf("the ILM under two names at one address: %.3f %s", r.Score, reasons(r))
	}
	// One place's complement naming its building still counts.
	hall := in(place("hub", "Espace numérique", "Place du Marché", 43.30, 5.37), "Maison de Pays")
	other := place("cnfs", "Maison de Pays", "12 rue des Écoles", 43.3001, 5.37)
	if r, _ := NewBlock([]Place{hall, other, mq}).Compare(hall.ID, other.ID); !strings.Contains(reasons(r), "même bâtiment") {
		t.Errorf("a building's name in the complement: %.3f %s", r.Score, reasons(r))
	}
}
