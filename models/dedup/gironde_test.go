package dedup

import (
	"strings"
	"testing"
)

// The causes of the misses of the Gironde set (the fifth labelled set,
// unseen when it was measured: precision 1.000, recall 0.786), each a rule
// that is not about these names.

// TestCompareSharedWebsiteNamedAfterPlace: the national file's « EFS SAINT
// SYMPHORIEN » gives the website mediatheque-jean-vautrin.fr, the
// médiathèque's own, and stands at its address; the hub's « Médiathèque
// Jean Vautrin » gives the same site. A shared domain that spells one of the
// two names is the place's own website, as strong as a domain that spells
// the other's name (it counted as any shared domain, 0.3, and the pair
// stayed at 0.470). A domain shared but named after neither place stays a
// plain shared domain.
func TestCompareSharedWebsiteNamedAfterPlace(t *testing.T) {
	site := func(u string) func(*Place) { return func(p *Place) { p.Websites = []string{u} } }
	cases := []compareCase{
		{"OK the place's own website at its address", with(place("cnfs", "EFS Saint Symphorien", "15 PL DE LA REPUBLIQUE", 43.30, 5.37), site("https://mediatheque-jean-vautrin.fr")),
			with(place("hub", "Médiathèque Jean Vautrin", "15 Place de la République", 43.3002, 5.37), site("https://www.mediatheque-jean-vautrin.fr/la-passerelle")), true, "site web ou courriel au nom de l'autre lieu"},
		{"NotDup a town's website shared by two of its places at one address", with(place("cnfs", "EFS Saint Symphorien", "15 PL DE LA REPUBLIQUE", 43.30, 5.37), site("https://saint-symphorien.fr")),
			with(place("hub", "Médiathèque Jean Vautrin", "15 Place de la République", 43.3002, 5.37), site("https://saint-symphorien.fr/mediatheque")), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareHostAuthorityNextDoor: « CC RURALES DE L'ENTRE-DEUX-MERS » at
// 6 rue des Martyrs de la Résistance and the France Services it runs at 4,
// 20 m apart, with one phone (0.583): a local authority's premises span
// the numbers of a building's front, so the host-authority rule reads the
// same street within 50 m as its address. Farther on the street, another
// number is another building.
func TestCompareHostAuthorityNextDoor(t *testing.T) {
	phone := func(p *Place) { p.Phones = []string{"+33556718176"} }
	cases := []compareCase{
		{"OK the intercommunality next door to its France Services", with(place("cnfs", "CC RURALES DE L'ENTRE-DEUX-MERS", "6 RUE DES MARTYRS DE LA RESISTANCE", 43.30, 5.37), phone),
			with(place("fs", "France services Sauveterre de Guyenne", "4 Rue des martyrs de la Résistance et de la Déportation", 43.30018, 5.37), phone), true, "collectivité à la même adresse"},
		{"NotDup the intercommunality and a place 130 m up the street", with(place("cnfs", "CC RURALES DE L'ENTRE-DEUX-MERS", "6 RUE DES MARTYRS DE LA RESISTANCE", 43.30, 5.37), phone),
			place("fs", "France services Sauveterre de Guyenne", "40 Rue des martyrs de la Résistance", 43.3012, 5.37), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareNamesakeInTown: « Médiathèque Gabriela Mistral » on the avenue
// and in the allée of the park behind it, 382 m apart (0.488); the CCAS of
// a commune at two addresses 203 m apart; « Mairie de La Réole » at the
// mairie and at its annex 107 m away. When each source has one place of
// that name in the commune and the two are within 500 m, the name tells
// the place and the two addresses are an old one and a new one, or two
// entrances: the place counts as agreeing within a commune (0.6). A source
// with two places of that name in the commune (a network's two
// médiathèques) says nothing of which one the other source means.
func TestCompareNamesakeInTown(t *testing.T) {
	mistral := place("cnfs", "Médiathèque Gabriela Mistral", "72 Av. de l'Église Romane", 43.30, 5.37)
	allee := place("hub", "Médiathèque Gabriela Mistral", "Allée Bétailhe", 43.3034, 5.37)
	if r, _ := NewBlock([]Place{mistral, allee}).Compare(mistral.ID, allee.ID); r.Score < Threshold || !strings.Contains(reasons(r), "seul lieu de ce nom") {
		t.Errorf("one médiathèque of that name in the commune, 382 m: %.3f %s", r.Score, reasons(r))
	}
	ccas := place("cnfs", "CCAS de Marseille", "AV DE LA REPUBLIQUE", 43.30, 5.37)
	ccas2 := place("hub", "Centre communal d'action sociale de Marseille", "2 Place Charles de Gaulle", 43.3018, 5.37)
	if r, _ := NewBlock([]Place{ccas, ccas2}).Compare(ccas.ID, ccas2.ID); r.Score < Threshold {
		t.Errorf("the commune's CCAS at two addresses 203 m apart: %.3f %s", r.Score, reasons(r))
	}
	// The hub lists two médiathèques of one name in the commune.
	other := place("hub", "Médiathèque Gabriela Mistral", "5 rue de la Paix", 43.297, 5.37)
	other.ID = "hub-other"
	if r, _ := NewBlock([]Place{mistral, allee, other}).Compare(mistral.ID, allee.ID); r.Score >= Threshold {
		t.Errorf("two places of the name in the hub: %.3f %s", r.Score, reasons(r))
	}
	// 700 m: too far for an old address.
	far := place("hub", "Médiathèque Gabriela Mistral", "Allée Bétailhe", 43.3063, 5.37)
	if r, _ := NewBlock([]Place{mistral, far}).Compare(mistral.ID, far.ID); r.Score >= Threshold {
		t.Errorf("one place of the name 700 m away: %.3f %s", r.Score, reasons(r))
	}
	// Two entities by their SIRENs stay apart.
	s1 := with(mistral, func(p *Place) { p.Pivot, p.PivotKind = "213300139", "siren" })
	s2 := with(allee, func(p *Place) { p.Pivot, p.PivotKind = "263300139", "siren" })
	if r, _ := NewBlock([]Place{s1, s2}).Compare(s1.ID, s2.ID); r.Score >= Threshold {
		t.Errorf("one name, two SIRENs: %.3f %s", r.Score, reasons(r))
	}
}

// TestCompareDottedName: « M.270 » of the national file is the médiathèque
// « M270 Jean Darriet » at the same number (name 0: the dot cut the name
// into a letter and a number, neither a word). Single letters and numbers
// joined by dots are one word, as initials are (P.I.J, M.J.C.).
func TestCompareDottedName(t *testing.T) {
	cases := []compareCase{
		{"OK a letter and a number joined by a dot", place("cnfs", "M.270", "11 avenue Pierre Curie", 43.30, 5.37),
			place("hub", "Médiathèque M270 Jean Darriet", "11 avenue Pierre et Marie Curie", 43.31, 5.37), true, "même adresse"},
		{"OK dotted initials", place("cnfs", "P.I.J. de Marseille", "3 rue de la Paix", 43.30, 5.37),
			place("hub", "PIJ", "3 rue de la Paix", 43.30, 5.37), true, "même nom"},
	}
	runCompareCases(t, cases)
}

// TestCompareNameWithGloss: « DEFI (Défense des Exclus par l'Information et
// la Formation) » and « Association DEFI » at 18 and 17 of one street, 45 m
// apart (name 0.51: the gloss in parentheses is words the other name
// lacks, and its initials are not in the acronym's order). A part in
// parentheses glosses the name (its expansion, its host, its network): the
// name is also read without it. The gloss alone is not the name (« Groupe
// SOS » is the network of many places). In a block, as detection compares
// them: « association » begins many names there.
func TestCompareNameWithGloss(t *testing.T) {
	others := []Place{
		place("cnfs", "Association Les Amis du Livre", "3 rue de la Paix", 43.31, 5.38),
		place("cnfs", "Association Tremplin", "5 rue de Rome", 43.32, 5.38),
		place("hub", "Association Café des Familles", "7 cours Belsunce", 43.33, 5.38),
	}
	check := func(a, c Place, dup bool) {
		t.Helper()
		b := NewBlock(append([]Place{a, c}, others...))
		if r, _ := b.Compare(a.ID, c.ID); (r.Score >= Threshold) != dup {
			t.Errorf("%s ~ %s: %.3f (name %.2f) %s, want duplicate=%v", a.Name, c.Name, r.Score, r.Name, reasons(r), dup)
		}
	}
	check(place("hub", "DEFI (Défense des Exclus par l'Information et la Formation)", "18, rue Henri Dunant", 43.30, 5.37),
		place("cnfs", "Association DEFI", "17 Rue Henri Dunant", 43.3004, 5.37), true)
	check(place("hub", "CPH Libourne (Groupe SOS)", "18, rue Henri Dunant", 43.30, 5.37),
		place("cnfs", "Groupe SOS Solidarités", "17 Rue Henri Dunant", 43.3004, 5.37), false)
}
