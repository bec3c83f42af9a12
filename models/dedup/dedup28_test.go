package dedup

import "testing"

// The causes of misses left across the labelled sets after dup27, each a
// rule about how producers write places, not about these names.

// TestCompareTwoStructuresNameWithGloss: a hub names a place by the two
// structures it houses and adds its label in parentheses (« Maison des
// solidarité et CCAS de Montivilliers (Maison France Service) », Normandie
// set), against the national record of one of them (« CENTRE COMMUNAL
// D'ACTION SOCIALE », 125 m, its square read as a building). Each
// structure's name is read alone (namedStructures) as for a name without a
// gloss: the gloss belongs to the whole name, not to the last structure
// named, and kept it made « CCAS » one word of four. Not the same
// structures farther apart on two streets, nor a third structure nearby.
func TestCompareTwoStructuresNameWithGloss(t *testing.T) {
	lodeve := in("Lodève", "34700")
	hub := with(place("hub", "Maison des solidarités et CCAS de Lodève (Maison France Services)", "Cour du Moulin", 43.7300, 3.3200), lodeve)
	cases := []compareCase{
		{"OK the CCAS of a two-structure name with a gloss", hub,
			with(place("cnfs", "CENTRE COMMUNAL D'ACTION SOCIALE", "PL DE LA REPUBLIQUE", 43.7311, 3.3200), lodeve), true, "même nom"},
		{"OK the other structure", hub,
			with(place("cnfs", "Maison des solidarités de Lodève", "PL DE LA REPUBLIQUE", 43.7311, 3.3200), lodeve), true, "même nom"},
		{"NotDup the CCAS on two streets 400 m apart", with(hub, func(p *Place) { p.Street = "3 rue du Moulin" }),
			with(place("cnfs", "CENTRE COMMUNAL D'ACTION SOCIALE", "PL DE LA REPUBLIQUE", 43.7336, 3.3200), lodeve), false, ""},
		{"NotDup a third structure nearby", hub,
			with(place("cnfs", "Médiathèque de Lodève", "PL DE LA REPUBLIQUE", 43.7311, 3.3200), lodeve), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareFranceServicesInItsSocialCentre: Charente's « France services
// Mansle » and the national record « CENTRE SOCIAL ET CULTUREL DU PAYS
// MANSLOIS » at one address, 21 rue Martin (0.350: the names share
// nothing, and an association's SIREN was read as a tenant's). Centres
// sociaux, associations approved by the CAF to receive the public, are
// among the usual carriers of a France Services, which they run at their
// own reception desk (the BFC set's MSAP of Saint-Amand-en-Puisaye in the
// « Centre social et culturel de Puisaye Forterre », the Haute-Vienne
// set's France Services of Serres-Castet in the « Centre social Alexis
// Peyret »): a France Services with no name of its own at a centre
// social's address is its door, as at a commune's. Another association at
// that address is still a tenant; a France Services with a name of its own
// still names another door; another address is another place.
func TestCompareFranceServicesInItsSocialCentre(t *testing.T) {
	mansle := in("Mansle", "16230")
	fs := with(place("hub", "France services Mansle", "21 Rue Martin", 45.8760, 0.1790), mansle)
	centre := with(place("cnfs", "CENTRE SOCIAL ET CULTUREL DU PAYS MANSLOIS", "21 RUE MARTIN", 45.8760, 0.1790), both(mansle, siren("781234567")))
	cases := []compareCase{
		{"OK a bare France Services at its centre social's address", fs, centre, true, "France Services à la même adresse"},
		{"OK a centre socio-culturel", fs, with(centre, func(p *Place) { p.Name = "Association Vie et Culture - Centre socio-culturel" }), true, "France Services à la même adresse"},
		{"NotDup another association at that address", fs, with(centre, func(p *Place) { p.Name = "Coworking du Pays Manslois" }), false, ""},
		{"NotDup a France Services with a name of its own", with(fs, func(p *Place) { p.Name = "France services Le Lavoir" }), centre, false, ""},
		{"NotDup another address", with(fs, func(p *Place) { p.Street = "3 place du Champ de Foire"; p.Latitude, p.Longitude = at(45.8790, 0.1790) }), centre, false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareDigitalSpaceWrittenShort: « Espace numérique de X » and
// « Espace public numérique de X » (or « EPN de X », « Espace multimédia
// de X ») at one address scored 0.350, the names sharing nothing once the
// commune's words are left out: the phrases folded « espace public
// numérique » into EPN and left « espace numérique » two words. Producers
// write the label of an EPN short (« espace numérique ») or by its older
// name (« espace multimédia », the Espaces Culture Multimédia of the
// 2000s): one kind, as « cyber-base » is. Names of their own still tell
// two spaces apart, and another address another place.
func TestCompareDigitalSpaceWrittenShort(t *testing.T) {
	lodeve := in("Lodève", "34700")
	at := func(name, street string, lat float64) Place {
		return with(place(name[:3], name, street, lat, 3.32), lodeve)
	}
	cases := []compareCase{
		{"OK espace numérique and espace public numérique", at("Espace Numérique de Lodève", "3 rue de la République", 43.73),
			at("Espace public numérique de Lodève", "3 rue de la République", 43.73), true, "même nom"},
		{"OK EPN and espace numérique", at("EPN de Lodève", "3 rue de la République", 43.73),
			at("Espace numérique de Lodève", "3 rue de la République", 43.73), true, "même nom"},
		{"OK espace multimédia and EPN", at("Espace Multimédia de Lodève", "3 rue de la République", 43.73),
			at("EPN Lodève", "3 rue de la République", 43.73), true, "même nom"},
		{"OK with a name of its own", at("Espace numérique La Clé", "3 rue de la République", 43.73),
			at("Espace public numérique La Clé", "3 rue de la République", 43.73), true, "même nom"},
		{"NotDup two names of their own", at("Espace numérique La Clé", "3 rue de la République", 43.73),
			at("Espace public numérique Le Lien", "3 rue de la République", 43.73), false, ""},
		{"NotDup another street 600 m away", at("Espace numérique de Lodève", "3 rue de la République", 43.73),
			at("EPN de Lodève", "12 avenue Foch", 43.7354), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareDepartementByItsNumber: « UDAF 34 » and « UDAF de l'Hérault »
// at one address scored 0.505, « Ligue de l'enseignement 34 » and « Ligue
// de l'Enseignement de l'Hérault » 0.573: associations organised by
// département (UDAF, the Ligue's federations, the Croix-Rouge's
// délégations, Missions locales) write their département by its number as
// often as by its name (the sets hold « LIGUE DE L'ENSEIGNEMENT 45 » for
// the Ligue de l'Enseignement du Loiret, « BIJ 41 », « ADSEA 28 », « APF
// France Handicap 74 », « CD 72 - Département de la Sarthe »). The place's own département's number in its name
// reads as that département's name; another number is not read so (a
// place in the Hérault naming « 30 » names something else).
func TestCompareDepartementByItsNumber(t *testing.T) {
	lodeve := in("Lodève", "34700")
	at := func(src, name string) Place {
		return with(place(src, name, "3 rue de la République", 43.73, 3.32), lodeve)
	}
	cases := []compareCase{
		{"OK UDAF 34 and UDAF de l'Hérault", at("a", "UDAF 34"), at("b", "UDAF de l'Hérault"), true, "même nom"},
		{"OK written out on one side", at("a", "UDAF 34"), at("b", "Union Départementale des Associations Familiales de l'Hérault"), true, ""},
		{"OK the Ligue's federation", at("a", "Ligue de l'enseignement 34"), at("b", "Ligue de l'Enseignement de l'Hérault"), true, "même nom"},
		{"NotDup another département's number", at("a", "Ligue de l'enseignement 30"), at("b", "Ligue de l'Enseignement de l'Hérault"), false, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareStreetWrittenWithTitleOrFirstName: one street written
// « rue du Général de Gaulle » and « rue Charles de Gaulle », « rue du
// Docteur Schweitzer » and « rue Albert Schweitzer », « place de l'Hôtel
// de Ville » and « place de la Mairie », at one number, read as two streets
// (0.536 and 0.466 for one name written two ways, 89 m apart). Streets
// named after a person are written with the person's title or first name
// or neither (« Jean Jaurès », « Jaurès »), and the square of the mairie by
// either of its names: the title and the first name do not tell two
// streets apart, the surname does. Not two surnames under one title, nor
// another number.
func TestCompareStreetWrittenWithTitleOrFirstName(t *testing.T) {
	lodeve := in("Lodève", "34700")
	pair := func(s1, s2 string, lat2 float64) (Place, Place) {
		return with(place("a", "Centre social La Clé", s1, 43.73, 3.32), lodeve), with(place("b", "La Clé", s2, lat2, 3.32), lodeve)
	}
	c := func(name, s1, s2 string, lat2 float64, dup bool, reason string) compareCase {
		a, b := pair(s1, s2, lat2)
		return compareCase{name, a, b, dup, reason}
	}
	cases := []compareCase{
		c("OK Général and Charles de Gaulle", "12 rue du Général de Gaulle", "12 rue Charles de Gaulle", 43.7308, true, "même adresse"),
		c("OK Docteur and Albert Schweitzer", "12 rue du Docteur Schweitzer", "12 rue Albert Schweitzer", 43.7308, true, "même adresse"),
		c("OK Maréchal Foch and Ferdinand Foch, 670 m", "3 avenue du Maréchal Foch", "3 avenue Ferdinand Foch", 43.7360, true, "même adresse"),
		c("OK place de l'Hôtel de Ville and place de la Mairie", "12 place de l'Hôtel de Ville", "12 place de la Mairie", 43.7308, true, "même adresse"),
		c("NotDup two surnames under one title, 670 m", "12 rue du Général Leclerc", "12 rue du Général de Gaulle", 43.7360, false, ""),
		c("NotDup another number, 670 m", "12 rue du Général de Gaulle", "80 rue Charles de Gaulle", 43.7360, false, ""),
	}
	runCompareCases(t, cases)
}

// TestComparePoleEmploiIsFranceTravail: Pôle emploi became France Travail
// on 1 January 2024 (loi du 18 décembre 2023 pour le plein emploi); files
// written before write « Pôle emploi », those after « France Travail »,
// for one agency at one address (0.350: the names shared nothing). Read as
// one name, as the MSAP and France Services are. Not another agency of
// another name at another address.
func TestComparePoleEmploiIsFranceTravail(t *testing.T) {
	lodeve := in("Lodève", "34700")
	at := func(src, name, street string, lat float64) Place {
		return with(place(src, name, street, lat, 3.32), lodeve)
	}
	cases := []compareCase{
		{"OK the agency under its two names", at("a", "Pôle Emploi Lodève", "3 rue de la République", 43.73), at("b", "France Travail Lodève", "3 rue de la République", 43.73), true, "même nom"},
		{"OK Agence France Travail", at("a", "Agence Pôle emploi", "3 rue de la République", 43.73), at("b", "France Travail", "3 rue de la République", 43.73), true, ""},
		{"NotDup the agency and the Mission locale at another address", at("a", "Pôle Emploi Lodève", "3 rue de la République", 43.73), at("b", "Mission locale Lodève", "12 avenue Foch", 43.7354), false, ""},
	}
	runCompareCases(t, cases)
}

// TestComparePointJusticeIsThePAD: the points d'accès au droit and relais
// d'accès au droit are labelled « Point-justice » since 2021 (Conseil
// national de l'aide juridique): a file written since names the place one
// way, the national file of 2022 the other (0.487 at one address). Read as
// one name. Not a Maison de la justice et du droit on another street.
func TestComparePointJusticeIsThePAD(t *testing.T) {
	lodeve := in("Lodève", "34700")
	mk := func(src, name string) Place {
		return with(place(src, name, "3 rue de la République", 43.73, 3.32), lodeve)
	}
	cases := []compareCase{
		{"OK Point-justice and point d'accès au droit", mk("a", "Point-justice de Lodève"), mk("b", "Point d'accès au droit de Lodève"), true, "même nom"},
		{"OK relais d'accès au droit", mk("a", "Point Justice Lodève"), mk("b", "Relais d'accès au droit"), true, "même nom"},
		{"OK PAD", mk("a", "Point Justice"), mk("b", "PAD de Lodève"), true, "même nom"},
		{"NotDup a Maison de la justice et du droit on another street", with(mk("a", "Point Justice"), func(p *Place) { p.Street = "12 avenue Foch"; p.Latitude, p.Longitude = at(43.7354, 3.32) }),
			mk("b", "Maison de la Justice et du Droit"), false, ""},
	}
	runCompareCases(t, cases)
}
