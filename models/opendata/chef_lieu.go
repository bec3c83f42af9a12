package opendata

import (
	"slices"
	"strings"

	"carnet/models"
	"carnet/models/commune"
)

// chefLieuAmong returns the chef-lieu of the postal code's département
// when it is one of cands and the place's name names a body of the
// département (departementsBody): a département's council, its prefecture,
// its union of family associations, its chamber of agriculture sit at its
// chef-lieu, and a postal code the chef-lieu shares names smaller
// communes beside it (« Département de l'Allier », 03000: Moulins, not
// Avermes; « UDAF Cantal », 15000: Aurillac, not Ytrac). Aidants Connect
// gives no commune and rejected such rows. Nil when the chef-lieu is not
// among cands, the name names no body of the département, or the row's
// other readings disagree.
func chefLieuAmong(cands []*commune.Commune, a *models.Actor, pc string) (*commune.Commune, commune.Resolution) {
	if len(cands) < 2 {
		return nil, commune.Resolution{}
	}
	dep := commune.DepartementOfPostalCode(pc)
	seat := chefLieux[dep]
	if seat == "" || !departementsBody(a.Name, dep) {
		return nil, commune.Resolution{}
	}
	i := slices.IndexFunc(cands, func(c *commune.Commune) bool {
		return c.Departement == dep && commune.Key(c.Name) == commune.Key(seat)
	})
	if i < 0 {
		return nil, commune.Resolution{}
	}
	return agreeing(cands[i], a, pc)
}

// departementsBody says whether name names a body of the département dep:
// one of its parts (between « - », « , », « / », « : » or brackets) holds
// a word of such bodies (bodyWords) and ends with the département's name,
// which no longer département's name holds there (« Haute-Savoie » is no
// body of the Savoie, « Saône-et-Loire » none of the Loire), nor a word
// making it a river's or a region's (« Rives de l'Allier », « Pays de la
// Loire »); « Savoie Mont Blanc » does not end with the Savoie.
func departementsBody(name, dep string) bool {
	own := strings.Fields(withoutArticle(commune.Key(commune.DepartementName(dep))))
	if len(own) == 0 {
		return false
	}
	// A hyphen between words is a separator; within one, it joins a
	// compound name (« Haute-Savoie »).
	parts := strings.FieldsFunc(strings.ReplaceAll(name, " - ", "\x00"), func(r rune) bool { return strings.ContainsRune("\x00–,/:()", r) })
	for _, p := range parts {
		words := strings.Fields(commune.Key(p))
		n, m := len(words), len(own)
		if n <= m || !slices.Equal(words[n-m:], own) || !slices.ContainsFunc(words[:n-m], func(w string) bool { return bodyWords[w] }) {
			continue
		}
		longer := false
		for i := 0; i < n-m; i++ {
			if d := commune.DepartementByName(strings.Join(words[i:], " ")); d != "" && d != dep {
				longer = true
			}
		}
		before := words[:n-m]
		for len(before) > 0 && slices.Contains([]string{"de", "du", "des", "d", "la", "le", "les", "l", "et"}, before[len(before)-1]) {
			before = before[:len(before)-1]
		}
		if longer || len(before) > 0 && landWords[before[len(before)-1]] || len(before) < n-m && words[n-m-1] == "et" {
			continue
		}
		return true
	}
	return false
}

// withoutArticle is k without a leading « l », « la », « le » or « les ».
func withoutArticle(k string) string {
	for _, art := range []string{"l ", "la ", "le ", "les "} {
		if rest, ok := strings.CutPrefix(k, art); ok {
			return rest
		}
	}
	return k
}

// bodyWords name a département's bodies: its council and services, its
// prefecture, the departmental unions, federations, committees and
// chambers, the family allowance, health insurance and farmers' funds.
var bodyWords = map[string]bool{
	"departement": true, "departemental": true, "departementale": true, "departementaux": true, "departementales": true,
	"conseil": true, "cd": true, "prefecture": true, "udaf": true, "caf": true, "cpam": true, "msa": true,
	"chambre": true, "federation": true, "union": true, "comite": true, "ligue": true,
}

// landWords before a département's name make it a river's, a valley's or
// a region's (« Rives de l'Allier », « Val de Loire », « Pays de la
// Loire »), not the département's.
var landWords = map[string]bool{
	"val": true, "vallee": true, "pays": true, "rives": true, "rive": true, "bords": true, "bassin": true,
	"gorges": true, "haut": true, "haute": true, "hautes": true, "bas": true, "basse": true, "plaine": true,
	"coteaux": true, "centre": true, "sud": true, "nord": true, "est": true, "ouest": true,
}

// chefLieux are the départements' chefs-lieux, by name (the commune
// reference holds no chef-lieu): where their prefecture and council sit.
// The Val-d'Oise's prefecture and council are in Cergy (the chef-lieu,
// Pontoise, shares its postal code 95000).
var chefLieux = map[string]string{
	"01": "Bourg-en-Bresse", "02": "Laon", "03": "Moulins", "04": "Digne-les-Bains", "05": "Gap",
	"06": "Nice", "07": "Privas", "08": "Charleville-Mézières", "09": "Foix", "10": "Troyes",
	"11": "Carcassonne", "12": "Rodez", "13": "Marseille", "14": "Caen", "15": "Aurillac",
	"16": "Angoulême", "17": "La Rochelle", "18": "Bourges", "19": "Tulle", "2A": "Ajaccio",
	"2B": "Bastia", "21": "Dijon", "22": "Saint-Brieuc", "23": "Guéret", "24": "Périgueux",
	"25": "Besançon", "26": "Valence", "27": "Évreux", "28": "Chartres", "29": "Quimper",
	"30": "Nîmes", "31": "Toulouse", "32": "Auch", "33": "Bordeaux", "34": "Montpellier",
	"35": "Rennes", "36": "Châteauroux", "37": "Tours", "38": "Grenoble", "39": "Lons-le-Saunier",
	"40": "Mont-de-Marsan", "41": "Blois", "42": "Saint-Étienne", "43": "Le Puy-en-Velay", "44": "Nantes",
	"45": "Orléans", "46": "Cahors", "47": "Agen", "48": "Mende", "49": "Angers",
	"50": "Saint-Lô", "51": "Châlons-en-Champagne", "52": "Chaumont", "53": "Laval", "54": "Nancy",
	"55": "Bar-le-Duc", "56": "Vannes", "57": "Metz", "58": "Nevers", "59": "Lille",
	"60": "Beauvais", "61": "Alençon", "62": "Arras", "63": "Clermont-Ferrand", "64": "Pau",
	"65": "Tarbes", "66": "Perpignan", "67": "Strasbourg", "68": "Colmar", "69": "Lyon",
	"70": "Vesoul", "71": "Mâcon", "72": "Le Mans", "73": "Chambéry", "74": "Annecy",
	"75": "Paris", "76": "Rouen", "77": "Melun", "78": "Versailles", "79": "Niort",
	"80": "Amiens", "81": "Albi", "82": "Montauban", "83": "Toulon", "84": "Avignon",
	"85": "La Roche-sur-Yon", "86": "Poitiers", "87": "Limoges", "88": "Épinal", "89": "Auxerre",
	"90": "Belfort", "91": "Évry-Courcouronnes", "92": "Nanterre", "93": "Bobigny", "94": "Créteil",
	"95": "Cergy", "971": "Basse-Terre", "972": "Fort-de-France", "973": "Cayenne", "974": "Saint-Denis",
	"976": "Mamoudzou",
}
