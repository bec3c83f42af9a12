package search

// commonWords are everyday French words (of the land, the farm, the town,
// its buildings and the home) that a query may hold though no record
// writes them: each is the word itself, never a misspelling, so it is not
// read as its near spellings (addSpellings). Near spelling read « internet
// à la ferme » as « La Ferté-… » or « femme », « au moulin » as the
// commune of Moulis. Written by hand for that (round 16b), every entry
// checked in a French dictionary (Debian's wfrench word list); they are
// folded as query words are (no accents, lower case).
var commonWords = map[string]bool{
	"agriculteur": true, "agricultrice": true, "appartement": true, "appartements": true, "atelier": true,
	"ateliers": true, "banque": true, "banques": true, "bas": true, "basse": true, "bateau": true,
	"bateaux": true, "batiment": true, "batiments": true, "berge": true, "berges": true, "blanc": true,
	"blanche": true, "bleu": true, "bleue": true, "bois": true, "boulangerie": true, "bourg": true,
	"bourgs": true, "boutique": true, "boutiques": true, "brebis": true, "bureau": true, "bureaux": true,
	"camion": true, "camions": true, "campagne": true, "campagnes": true, "caserne": true, "cave": true,
	"caves": true, "centre": true, "centres": true, "champ": true, "champs": true, "chapelle": true,
	"chapelles": true, "chateau": true, "chateaux": true, "chemin": true, "chemins": true, "cheval": true,
	"chevaux": true, "chevre": true, "chevres": true, "cimetiere": true, "cinema": true, "cite": true,
	"cites": true, "clinique": true, "cliniques": true, "clos": true, "cochon": true, "cochons": true,
	"college": true, "colleges": true, "colline": true, "collines": true, "commerce": true, "commerces": true,
	"cote": true, "cotes": true, "cours": true, "croix": true, "eau": true, "eaux": true, "ecole": true,
	"ecoles": true, "ecurie": true, "eglise": true, "eglises": true, "eleveur": true, "eleveuse": true,
	"emploi": true, "enfant": true, "enfants": true, "epicerie": true, "etable": true, "etang": true,
	"etangs": true, "falaise": true, "falaises": true, "famille": true, "faubourg": true, "faubourgs": true,
	"femme": true, "femmes": true, "ferme": true, "fermes": true, "fermier": true, "fermiere": true,
	"fontaine": true, "fontaines": true, "foret": true, "forets": true, "fort": true, "forts": true,
	"foyer": true, "foyers": true, "gare": true, "gares": true, "glace": true, "grand": true, "grande": true,
	"grange": true, "granges": true, "grenier": true, "gymnase": true, "halle": true, "halles": true,
	"hameau": true, "hameaux": true, "haut": true, "haute": true, "homme": true, "hommes": true,
	"hopital": true, "hopitaux": true, "ile": true, "iles": true, "immeuble": true, "immeubles": true,
	"jardin": true, "jardins": true, "jour": true, "lac": true, "lacs": true, "logement": true,
	"logements": true, "lycee": true, "lycees": true, "magasin": true, "magasins": true, "mairie": true,
	"maison": true, "maisons": true, "marais": true, "marche": true, "marches": true, "mari": true,
	"matin": true, "mer": true, "mers": true, "metier": true, "metiers": true, "mont": true, "montagne": true,
	"montagnes": true, "monts": true, "moulin": true, "moulins": true, "mouton": true, "moutons": true,
	"musee": true, "musees": true, "neige": true, "neuf": true, "neuve": true, "noir": true, "noire": true,
	"nuit": true, "parc": true, "parcs": true, "parking": true, "paysan": true, "paysanne": true, "petit": true,
	"petite": true, "pharmacie": true, "pierre": true, "pierres": true, "piscine": true, "piscines": true,
	"place": true, "places": true, "plage": true, "plages": true, "plaine": true, "plaines": true,
	"pluie": true, "pont": true, "ponts": true, "port": true, "porte": true, "portes": true, "ports": true,
	"poste": true, "postes": true, "poule": true, "poules": true, "prairie": true, "prairies": true,
	"pre": true, "pres": true, "prison": true, "puits": true, "quartier": true, "quartiers": true,
	"residence": true, "residences": true, "rive": true, "rives": true, "riviere": true, "rivieres": true,
	"roche": true, "roches": true, "rouge": true, "route": true, "routes": true, "rue": true, "rues": true,
	"sable": true, "salle": true, "salles": true, "serre": true, "serres": true, "soir": true, "soleil": true,
	"source": true, "sources": true, "stade": true, "stades": true, "terre": true, "terres": true,
	"theatre": true, "tour": true, "tours": true, "tracteur": true, "tracteurs": true, "train": true,
	"trains": true, "travail": true, "travaux": true, "tribunal": true, "troupeau": true, "troupeaux": true,
	"usine": true, "usines": true, "vache": true, "vaches": true, "val": true, "vallee": true, "vallees": true,
	"vals": true, "velo": true, "velos": true, "vent": true, "verger": true, "vert": true, "verte": true,
	"vieille": true, "vieux": true, "vigne": true, "vignes": true, "vignoble": true, "village": true,
	"villages": true, "ville": true, "villes": true, "voisin": true, "voisine": true, "voisins": true,
	"voiture": true, "voitures": true,
}
