package dedup

import "testing"

// Tests of the causes read on the thirty-first labelled set
// (models/opendata/testdata/duplicates-france-services-2024-cnfs.md:
// France Services' list of 2024 against the Conseillers numériques'
// national file in the Allier, the Ardèche, the Haute-Loire, the
// Haute-Marne, the Meuse, the Vosges and Guyane).

// TestComparePostOfficeAndAnOperatorsFranceServices: « LA POSTE » at 20
// place d'Avrinsart and « France services Epinal » on that square without
// a number, 73 m, writing from pbalazot@pays-epinal.fr, were linked by the
// rule that reads La Poste as a France Services' host (0.610): a France
// Services that writes from an organisation's own domain, not La Poste's
// nor the network's (france-services.gouv.fr) nor a mail provider's, is
// that organisation's, run at its counter, as a France Services writing
// from laposte.fr is La Poste's and not the mairie's. La Poste's record on
// its square is then another door. A France Services writing from the
// network's mailbox, a mail provider or La Poste's domain stays La
// Poste's at La Poste's address, and so does one whose complement names
// the post office (« France services de la Gervanne et de la Sye »,
// « Bureau de Poste », writing from its intercommunality's domain): the
// building says the door.
func TestComparePostOfficeAndAnOperatorsFranceServices(t *testing.T) {
	epinal := in("Épinal", "88000")
	laPoste := both(epinal, siren("35600000045999"))
	fs := func(mail string) Place {
		return with(place("fs", "France services Epinal", "Place d'Avrinsart", 48.1705, 6.4510), both(epinal, emails(mail)))
	}
	post := with(place("cnfs", "LA POSTE", "20 PL D AVRINSART", 48.17116, 6.4510), laPoste)
	cases := []compareCase{
		{"NotDup La Poste and the France Services an association of communes runs on its square", fs("pbalazot@pays-epinal.fr"), post, false, ""},
		{"OK La Poste and the France Services writing from the network's mailbox", fs("epinal@france-services.gouv.fr"), post, true, "France Services de La Poste"},
		{"OK La Poste and the France Services writing from La Poste's domain", fs("msap.epinal@laposte.fr"), post, true, "France Services de La Poste"},
		{"OK La Poste and the France Services writing from a mail provider", fs("fs.epinal@orange.fr"), post, true, "France Services de La Poste"},
		{"OK La Poste and the France Services in its post office, writing from its intercommunality's domain",
			with(fs("franceservices@val-de-drome.com"), func(p *Place) { p.Complement = "Bureau de Poste" }), post, true, "France Services de La Poste"},
	}
	runCompareCases(t, cases)
}
