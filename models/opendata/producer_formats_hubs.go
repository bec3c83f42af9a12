package opendata

// The regional hubs' formats (« hubs territoriaux pour un numérique
// inclusif »), written from the ANCT's mappings in mednum-cli (see
// producer.go), one table per mapping, read at the commit named.

// bfcCodes is a rule on Mednum BFC's lists of codes, read in one or more
// columns: « RDV-G-R » is the codes RDV, G and R (its schema,
// github.com/multi-coop/data-bfc-ternum json/bfc-ternum-fields-custom-props.json:
// tags separated by « - »), so « R » is not found in « RDV ».
func bfcCodes(column, value string, from []string, codes ...string) producerRule {
	return producerRule{column: column, value: value, from: from, terms: codes, codes: true}
}

// mednumBFCFormat: Mednum BFC's format (Bourgogne-Franche-Comté, the
// « bfc-ternum » dataset: « bfc_id », « nom_structure », codes in
// « code_typo », « code_label », « code_accomp », opening hours as a
// morning's and an afternoon's column per day, « lundi matin » « 8h30-12h »),
// from the ANCT's mapping mednum-bfc.config.json.
//
// Its codes are compared whole, as Hinaura's checkboxes (the mapping
// compares text, where « A » would be found in any code holding an A). The
// mapping's rules giving « Loisirs et créations numériques »,
// « Compréhension du monde numérique » and part of « Accès internet et
// matériel informatique » look for F, TL and T in « code_accomp », whose
// codes are A, L, RDV, G and R: those are codes of « code_typo » (a place
// of fabrication, a tiers-lieu, a place of work), and the rules as the
// mapping writes them give nothing; Carnet follows the mapping and does
// not move them.
//
// Each day's two columns are joined as the mapping joins them, each read
// as ranges of that day (« 9h12h » as 09:00-12:00), the day one rule; a
// cell « - » is a closed half-day; any other cell (« x »,
// « souscondition ») drops the row's hours with a warning.
var mednumBFCFormat = &producerFormat{
	Name: "mednum-bfc", Title: "Mednum BFC",
	Mapping:   mednumCLI + " assets/input/mednum-bfc/mednum-bfc.config.json (commit 360b537, 2024-09-12)",
	signature: []string{"nom_structure", "code_typo", "code_accomp"},
	columns: map[string]string{
		"bfc_id": "id", "nom_structure": "nom", "code_postal": "code_postal", "ville": "commune", "adresse": "adresse",
		"lat": "latitude", "lon": "longitude", "contact_tel": "telephone", "contact_email": "courriels", "url_lieu": "site_web",
		"mise_a_jour": "date_maj",
	},
	rules: []producerRule{
		bfcCodes("typologie", "MSAP", []string{"code_label"}, "MSAP"),
		bfcCodes("formations_labels", "Arnia/MedNum BFC (Bourgogne-Franche-Comté)", []string{"code_label"}, "BFC"),
		bfcCodes("autres_formations_labels", "Réseau inclusion numérique", []string{"code_label"}, "RIN"),
		bfcCodes("autres_formations_labels", "Nièvre médiation numérique", []string{"code_label"}, "NMM"),
		bfcCodes("autres_formations_labels", "France Tiers-Lieux", []string{"code_label"}, "FTL"),
		bfcCodes("autres_formations_labels", "Réseau Dijon métropole", []string{"code_label"}, "DM"),
		bfcCodes("modalites_accompagnement", "En autonomie", []string{"code_accomp"}, "A"),
		bfcCodes("modalites_accompagnement", "Dans un atelier collectif", []string{"code_accomp"}, "R", "G"),
		bfcCodes("modalites_accompagnement", "Accompagnement individuel", []string{"code_accomp"}, "RDV", "L"),
		bfcCodes("services", "Aide aux démarches administratives", []string{"code_accomp", "code_typo"}, "G", "L", "RDV", "I"),
		bfcCodes("services", "Loisirs et créations numériques", []string{"code_accomp"}, "F", "TL"),
		bfcCodes("services", "Compréhension du monde numérique", []string{"code_accomp"}, "F"),
		bfcCodes("services", "Accès internet et matériel informatique", []string{"code_accomp"}, "A", "T", "TL"),
	},
	days: []dayColumn{
		{"lundi matin", "Mo"}, {"lundi après-midi", "Mo"}, {"mardi matin", "Tu"}, {"mardi après-midi", "Tu"},
		{"mercredi matin", "We"}, {"mercredi après-midi", "We"}, {"jeudi matin", "Th"}, {"jeudi après-midi", "Th"},
		{"vendredi matin", "Fr"}, {"vendredi après-midi", "Fr"}, {"samedi matin", "Sa"}, {"samedi après-midi", "Sa"},
		{"dimanche matin", "Su"}, {"dimanche après-midi", "Su"},
	},
}
