package dedup

import "testing"

// The misses and wrong links of the three Aidants Connect sets (a national
// file without coordinates or contacts: name, address line, postal code,
// SIRET), read by cause (models/opendata/testdata/duplicates-aidants-
// connect-*.md); each rule reads how producers write, not these places.

// TestCompareCampingCarTravels: « Camping-car France-Services MSA/CCKB »,
// registered at the intercommunality's address under its SIRET, was linked
// to « Communauté de Communes du Kreiz-Breizh » (0.93): a France Services
// that travels is written by its vehicle, and producers name it « bus »,
// « camion », « camping-car » or « minibus » (France Services' list: « soit
// dans le minibus soit en mairie »); its stop, or its base, and a fixed
// place there are two doors, as for a bus (mobileName).
func TestCompareCampingCarTravels(t *testing.T) {
	rostrenen := in("Rostrenen", "22110")
	siret := func(p *Place) { rostrenen(p); p.Pivot, p.PivotKind = "24220071500074", "siret" }
	cc := with(place("cnfs", "Communauté de Communes du Kreiz-Breizh", "6 RUE JOSEPH PENNEC", 48.23616, -3.320585), siret)
	cases := []compareCase{
		{"NotDup a camping-car France Services and the intercommunality at its base", with(place("aidants", "Camping-car France-Services MSA/CCKB", "6 Rue Joseph Pennec 22110 Rostrenen", 0, 0), siret),
			cc, false, ""},
		{"NotDup a minibus France Services and the intercommunality at its base", with(place("aidants", "Minibus France Services du Kreiz-Breizh", "6 Rue Joseph Pennec", 0, 0), siret),
			cc, false, ""},
		{"OK the camping-car in two sources", with(place("aidants", "Camping-car France-Services MSA/CCKB", "6 Rue Joseph Pennec", 0, 0), siret),
			with(place("cnfs", "Camping car France Services MSA CCKB", "6 RUE JOSEPH PENNEC", 48.23616, -3.320585), siret), true, ""},
		{"OK a fixed France Services at the intercommunality's address, one SIRET (unchanged)", with(place("aidants", "France Services du Kreiz-Breizh", "6 Rue Joseph Pennec", 0, 0), siret),
			cc, true, ""},
	}
	runCompareCases(t, cases)
}

// TestCompareFranceServicesUnderPublicSIRET: « Espace France Services de
// Rostrenen » under the commune's SIRET and « Communauté de Communes du
// Kreiz-Breizh » under its own, at 6 rue Joseph Pennec (the cité
// administrative), were read as the intercommunality hosting its France
// Services (0.61) less the other-SIREN penalty: 0.51. A France Services
// with no name of its own is a label, not a body: producers give it the
// SIRET of whichever public body holds the label or runs the counter (the
// commune, the intercommunality, the CCAS: publicSIREN), so two public
// SIRENs say nothing against its house at one numbered address (one point,
// one building), the reading housesFranceServices makes without SIRETs.
// A private SIREN still counts, and so do two public bodies' records that
// are not a France Services (a CCAS and the mairie at one address).
func TestCompareFranceServicesUnderPublicSIRET(t *testing.T) {
	rostrenen := in("Rostrenen", "22110")
	siret := func(v string) func(*Place) {
		return func(p *Place) { rostrenen(p); p.Pivot, p.PivotKind = v, "siret" }
	}
	cc := with(place("cnfs", "Communauté de Communes du Kreiz-Breizh", "6 RUE JOSEPH PENNEC", 48.23616, -3.320585), siret("24220071500074"))
	cases := []compareCase{
		{"OK a France Services under the commune's SIRET at the intercommunality's address", with(place("aidants", "Espace France Services de Rostrenen", "6 RUE JOSEPH PENNEC", 0, 0), siret("21220266700110")),
			cc, true, "collectivité à la même adresse"},
		{"OK the intercommunality's Maison des services at its seat, its new and old SIRENs", with(place("aidants", "Maison des services Coeur de Garonne", "8 AV DE LA GARE", 0, 0), siret("20009652700011")),
			with(place("cnfs", "COEUR DE GARONNE COMMUNAUTE", "8 AV DE LA GARE", 48.23616, -3.320585), siret("24561438300199")), true, "France Services à la même adresse"},
		{"NotDup the France Services at another number", with(place("aidants", "Espace France Services de Rostrenen", "16 RUE JOSEPH PENNEC", 0, 0), siret("21220266700110")),
			cc, false, ""},
		{"NotDup a France Services under a private SIREN", with(place("aidants", "Espace France Services de Rostrenen", "6 RUE JOSEPH PENNEC", 0, 0), siret("77567227200045")),
			cc, false, ""},
		{"NotDup the CCAS and the intercommunality at one address", with(place("aidants", "CCAS de Rostrenen", "6 RUE JOSEPH PENNEC", 0, 0), siret("26220266700015")),
			cc, false, ""},
	}
	runCompareCases(t, cases)
}
