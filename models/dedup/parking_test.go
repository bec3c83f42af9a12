package dedup

import "testing"

// TestCompareStopAtACarPark: a travelling service was read as one only by
// its name (« Bus France Services », mobileName). France Services' list
// names the stops of the Tonnay-Charente bus « France services
// Tonnay-Charente - Antenne de Champagne », the bus nowhere in the name,
// and gives each stop's address as a car park (« Parking à côté de la
// mairie », « Parking en face de la mairie »); the national file's « CCPV
// Van numérique » stops « Parking de l'église … ». Read as fixed, the
// stop beside the mairie was linked to the mairie's record by the
// host-authority rule (0.610, 5 m and 81 m). An address line that puts the
// place on a car park beside a building (« parking » first, then « à côté
// de », « en face de », « derrière », « devant ») is a stop: a vehicle
// parks there, and the building beside it is another door. A car park that
// names a building only (the national file's « parking Espace Simone Veil
// rue du 14 juillet » for the commune's record at that Espace) or comes
// after a room (« Salle des permanences - Parking Boby Lapointe ») is a way
// into a fixed door.
func TestCompareStopAtACarPark(t *testing.T) {
	champagne := in("Champagne", "17620")
	stop := with(place("fs", "France services Tonnay-Charente - Antenne de Champagne", "Avenue René Caille", 45.83207, -0.91025), func(p *Place) {
		champagne(p)
		p.Complement = "Parking à côté de la mairie"
	})
	mairie := with(place("cnfs", "Mairie de Champagne", "59 Avenue René Caillé", 45.83211, -0.91022), champagne)
	runCompareCases(t, []compareCase{
		{"NotDup a stop at the mairie's car park and the mairie", stop, mairie, false, "un lieu itinérant"},
		{"NotDup a stop written « Parking devant la mairie » in the street line", with(stop, func(p *Place) { p.Street, p.Complement = "Parking devant la mairie, avenue René Caillé", "" }), mairie, false, "un lieu itinérant"},
		{"OK the antenna inside the mairie", with(stop, func(p *Place) { p.Complement = "" }), mairie, true, "collectivité à la même adresse"},
		{"OK the mairie's record given at its car park", with(stop, func(p *Place) { p.Complement = "Parking Espace Simone Veil" }), mairie, true, "collectivité à la même adresse"},
		{"OK a room reached by a car park", with(stop, func(p *Place) { p.Complement = "Salle des permanences - Parking de la mairie" }), mairie, true, "collectivité à la même adresse"},
		{"OK the same stop from two sources", stop, with(mairie, func(p *Place) {
			p.Name, p.Street, p.Complement = "France Services Tonnay-Charente (Champagne)", "Avenue René Caillé", "parking à côté de la mairie"
		}), true, ""},
	})
}

// TestCompareHomeVisits: the national file registers a conseiller's home
// visits as a place of their own (« Rendez-vous à domicile », « Déplacement
// à domicile Conseillère Numérique du CCAS de Ploumilliau ») at the
// employer's address: read as fixed, each was linked to the mairie's or
// the CCAS's record there (0.730 and 0.656). Visits at the users' homes
// have no door, as a bus has none: the record is a travelling one. A
// structure named after its trade (« Aide à domicile en milieu rural »,
// « Services à domicile ») has its office, and is not one.
func TestCompareHomeVisits(t *testing.T) {
	boe := in("Boé", "47550")
	mairie := with(place("aidants", "Commune de Boé", "5 RUE GUY SAINT MARTIN", 0, 0), boe)
	visits := with(place("cnfs", "Rendez-vous à domicile", "5 RUE GUY SAINT-MARTIN", 44.16, 0.63), boe)
	ccas := with(place("aidants", "CCAS de Boé", "5 RUE GUY SAINT MARTIN", 0, 0), boe)
	runCompareCases(t, []compareCase{
		{"NotDup home visits at the mairie's address", mairie, visits, false, "un lieu itinérant"},
		{"NotDup a conseiller's home visits at the CCAS's address", ccas, with(visits, func(p *Place) { p.Name = "Déplacement à domicile Conseillère Numérique du CCAS de Boé" }), false, "un lieu itinérant"},
		{"OK an association of home help at its office", with(place("aidants", "ADMR Aide à domicile en milieu rural", "5 RUE GUY SAINT MARTIN", 0, 0), boe),
			with(visits, func(p *Place) { p.Name = "Aide à domicile en milieu rural (ADMR)" }), true, ""},
	})
}
