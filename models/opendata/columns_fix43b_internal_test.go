package opendata

import "testing"

// TestFrenchHeadersRead (probe 43, item 4): spreadsheets' French headers
// of the date, hours, booking and name columns were unknown: « Mise à
// jour » lost 547 places' dates, « Nom du lieu » refused every row.
func TestFrenchHeadersRead(t *testing.T) {
	for header, want := range map[string]string{
		"Mise à jour": "date_maj", "Dernière mise à jour": "date_maj", "Date de mise à jour": "date_maj",
		"Date de dernière mise à jour": "date_maj", "Date MAJ": "date_maj", "Dernière MAJ": "date_maj",
		"Horaires d'ouverture": "horaires", "Horaires d’ouverture": "horaires", "Horaires": "horaires", "Heures d'ouverture": "horaires",
		"Prendre rendez-vous": "prise_rdv", "Prise de rendez-vous": "prise_rdv", "Rendez-vous": "prise_rdv", "Lien de prise de rendez-vous": "prise_rdv",
		"Nom du lieu": "nom", "Nom de la structure": "nom", "Nom": "nom", "Raison sociale": "nom", "Nom de la structure d'accueil": "nom",
	} {
		if got := readColumn(header); got.name != want {
			t.Errorf("%q read as %q, want %q", header, got.name, want)
		}
	}
	// Not the place's name, date or hours: left unknown, not read into
	// a column of the standard.
	for _, header := range []string{"Nom du contact", "Nom du responsable", "Horaires du contact", "Date de création", "Nom de la commune"} {
		if got := readColumn(header); got.name == "nom" || got.name == "date_maj" || got.name == "horaires" {
			t.Errorf("%q read as %q", header, got.name)
		}
	}
}
