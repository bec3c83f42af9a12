package vocab

// Languages in which a service can be given. The standard only says
// « Langues étrangères (anglais) » or « (autres) »; people looking for help
// in Tigrinya or Dari need the language itself. The list covers French sign
// language, the languages most spoken by people arriving in France (asylum
// and family migration) and the main creoles of overseas France.
//
// Values are ISO 639-1 codes where one exists; otherwise the ISO 639-2 or
// 639-3 code, said in the term's description: fsl (langue des signes
// française), ber (berbère, a 639-2 collective code), prs (dari), snk
// (soninké), rom (romani), gcf and rcf (creoles). Extend the list rather
// than using "autre": a code is what lets a search find the service.

// Language values that code refers to.
const (
	LanguageFrench     = "fr"
	LanguageFrenchSign = "fsl"
	LanguageEnglish    = "en"
)

const (
	sourceLanguages = "Carnet ; codes ISO 639-1, sinon ISO 639-2 ou 639-3"
	descISO6392     = "Code ISO 639-2 (pas de code ISO 639-1)."
	descISO6393     = "Code ISO 639-3 (pas de code ISO 639-1)."
)

var languages = Vocabulary{
	Name:        NameLanguages,
	Title:       "Langues",
	Description: "Les langues dans lesquelles le service peut être rendu.",
	Source:      sourceLanguages,
	Multi:       true,
	Terms: []Term{
		{Value: LanguageFrench, Label: "Français"},
		{Value: LanguageFrenchSign, Label: "Langue des signes française (LSF)", Description: descISO6393,
			Aliases: []string{"LSF", "Langue des signes"}},
		{Value: LanguageEnglish, Label: "Anglais"},
		{Value: "es", Label: "Espagnol", Aliases: []string{"Español"}},
		{Value: "pt", Label: "Portugais", Aliases: []string{"Português"}},
		{Value: "it", Label: "Italien"},
		{Value: "de", Label: "Allemand"},
		{Value: "ar", Label: "Arabe"},
		{Value: "ber", Label: "Berbère (tamazight, kabyle)", Description: descISO6392,
			Aliases: []string{"Tamazight", "Kabyle", "Amazigh"}},
		{Value: "tr", Label: "Turc"},
		{Value: "ku", Label: "Kurde"},
		{Value: "ru", Label: "Russe"},
		{Value: "uk", Label: "Ukrainien"},
		{Value: "pl", Label: "Polonais"},
		{Value: "ro", Label: "Roumain"},
		{Value: "rom", Label: "Romani", Description: descISO6392, Aliases: []string{"Romanès"}},
		{Value: "sq", Label: "Albanais"},
		{Value: "hy", Label: "Arménien"},
		{Value: "ka", Label: "Géorgien"},
		{Value: "fa", Label: "Persan (farsi)", Aliases: []string{"Farsi"}},
		{Value: "prs", Label: "Dari", Description: descISO6393},
		{Value: "ps", Label: "Pachto", Aliases: []string{"Pashto", "Pachtou"}},
		{Value: "ur", Label: "Ourdou"},
		{Value: "bn", Label: "Bengali"},
		{Value: "ta", Label: "Tamoul"},
		{Value: "zh", Label: "Chinois", Aliases: []string{"Mandarin"}},
		{Value: "vi", Label: "Vietnamien"},
		{Value: "ti", Label: "Tigrigna", Aliases: []string{"Tigrinya"}},
		{Value: "am", Label: "Amharique"},
		{Value: "so", Label: "Somali"},
		{Value: "wo", Label: "Wolof"},
		{Value: "bm", Label: "Bambara"},
		{Value: "snk", Label: "Soninké", Description: descISO6392},
		{Value: "ff", Label: "Peul (pulaar)", Aliases: []string{"Pulaar", "Fula"}},
		{Value: "ln", Label: "Lingala"},
		{Value: "ht", Label: "Créole haïtien"},
		{Value: "gcf", Label: "Créole guadeloupéen et martiniquais", Description: descISO6393,
			Aliases: []string{"Créole antillais"}},
		{Value: "rcf", Label: "Créole réunionnais", Description: descISO6393},
	},
}
