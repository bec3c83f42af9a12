package search

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"carnet/models/commune"
)

// communeOtherNames gives communes' names in Occitan — Provençal, Niçard,
// Vivaro-alpine, Limousin —, in the classical spelling bilingual entrance
// signs use and, for the largest cities, the Mistralian one still common
// (Marsiho, Avignoun, Touloun), with the commune's official name: a
// person typing « Marselha » or « Niça » means the city. Communes of the
// regions the directory's files cover (Provence-Alpes-Côte d'Azur and its
// prefectures and sub-prefectures, Charente) and the largest cities of
// Occitanie and Nouvelle-Aquitaine; names written as in French (Gap,
// Sisteron, Carpentras, Nîmes) need no entry. A name is read only where
// the directory has places in the commune. The largest cities' names in
// the languages newcomers type (Spanish, Italian, Portuguese, English:
// « ayuda con la caf en marsella » missed « Marsella » and listed the
// whole région's places) are read so too. Corsican communes by their
// Corsican names, as the island's bilingual signs write them (« Aiacciu »,
// « Portivechju »): « conseiller numerique aiacciu » listed every conseiller
// numérique of France.
var communeOtherNames = map[string]string{
	"Marselha": "Marseille", "Marsiho": "Marseille", "Niça": "Nice", "Nissa": "Nice",
	"Avinhon": "Avignon", "Avignoun": "Avignon", "Tolon": "Toulon", "Touloun": "Toulon",
	"Ais de Provença": "Aix-en-Provence", "Arle": "Arles", "Dinha": "Digne-les-Bains",
	"Manòsca": "Manosque", "Forcauquier": "Forcalquier", "Grassa": "Grasse",
	"Draguinhan": "Draguignan", "Brinhòla": "Brignoles", "Istre": "Istres", "Aubanha": "Aubagne",
	"Canas": "Cannes", "Antíbol": "Antibes", "Ieras": "Hyères", "Cavalhon": "Cavaillon",
	"Aurenja": "Orange", "Selon de Provença": "Salon-de-Provence", "La Ciutat": "La Ciotat",
	"Engoleime": "Angoulême", "Conhac": "Cognac", "Confolent": "Confolens",
	"Lemòtges": "Limoges", "Tolosa": "Toulouse", "Montpelhièr": "Montpellier", "Bordèu": "Bordeaux",
	"Marsella": "Marseille", "Marsiglia": "Marseille", "Marseilles": "Marseille", "Niza": "Nice", "Nizza": "Nice",
	"Aviñón": "Avignon", "Avignone": "Avignon", "Tolón": "Toulon", "Burdeos": "Bordeaux", "Bordéus": "Bordeaux",
	"Estrasburgo": "Strasbourg", "Strasburgo": "Strasbourg", "Dunquerque": "Dunkerque",
	"Aiacciu": "Ajaccio", "Portivechju": "Porto-Vecchio", "Porti Vechju": "Porto-Vecchio", "Corti": "Corte",
	"Sartè": "Sartène", "Bunifaziu": "Bonifacio", "Pruprià": "Propriano", "L'Isula": "L'Île-Rousse",
	"Ghjisunaccia": "Ghisonaccia", "Sarrula è Carcupinu": "Sarrola-Carcopino",
	"Sari è Solenzara": "Sari-Solenzara", "Bastìa": "Bastia",
}

// otherNames folds communeOtherNames as communes are keyed (communeKey),
// and indexes them by first word as table.communeFirst does.
var otherNames, otherNameFirst = func() (map[string]string, map[string][]string) {
	names, first := map[string]string{}, map[string][]string{}
	for other, official := range communeOtherNames {
		k := communeKey(other)
		names[k] = communeKey(official)
		w, _, _ := strings.Cut(k, " ")
		first[w] = append(first[w], k)
	}
	return names, first
}()

// communeAt returns the commune of the directory that words begin with
// (its key), how many words name it, and whether they are another name of
// it; "", 0 when they name none.
func (t *table) communeAt(words []string) (key string, n int, other bool) {
	for _, k := range t.communeFirst[words[0]] {
		if l := wordsAt(k, words); l > n && len(t.byCommune[k]) > 0 {
			key, n = k, l
		}
	}
	for _, k := range otherNameFirst[words[0]] {
		if l := wordsAt(k, words); l > n && len(t.byCommune[otherNames[k]]) > 0 {
			key, n, other = otherNames[k], l, true
		}
	}
	formers := formerNames()
	for _, k := range formers.first[words[0]] {
		cur := formers.current[k]
		if l := wordsAt(k, words); l > n && len(t.byCommune[cur]) > 0 && (l > 1 || !t.knownWord(k)) {
			key, n, other = cur, l, true
		}
	}
	return key, n, other
}

// formerNames indexes the names of merged, delegated and associated
// communes (commune.FormerNames: « Mougon » of Aigondigné, « Seynod » of
// Annecy, « Roumazières-Loubert » of Terres-de-Haute-Charente), folded as
// communes are keyed (communeKey), by the key of the commune they are part
// of now, and by first word as table.communeFirst does. People go on
// naming the place so: read as text, « mougon » matched nothing and the
// query answered every place of its need in France. Left out: a name that
// is a current commune's (the current one is meant), that several
// communes had, of fewer than four letters, or an everyday word (« Cours »
// of Bellefont-La Rauze, « Vers »); communeAt also leaves a name of one
// word that a record or the vocabulary holds.
var formerNames = sync.OnceValue(func() (f struct {
	current map[string]string
	first   map[string][]string
}) {
	current := map[string]string{}
	ambiguous := map[string]bool{}
	for _, c := range commune.All() {
		if c.Kind != commune.KindCommune {
			continue
		}
		cur := communeKey(c.Name)
		for _, name := range commune.FormerNames(c) {
			k := communeKey(name)
			if len(k) < 4 || commonWords[k] || len(referenceByKey()[k]) > 0 {
				continue
			}
			if was, ok := current[k]; ok && was != cur {
				ambiguous[k] = true
			}
			current[k] = cur
		}
	}
	f.current, f.first = map[string]string{}, map[string][]string{}
	for _, k := range slices.Sorted(maps.Keys(current)) {
		if ambiguous[k] {
			continue
		}
		f.current[k] = current[k]
		w, _, _ := strings.Cut(k, " ")
		f.first[w] = append(f.first[w], k)
	}
	return f
})

// referenceCommunes indexes, by first word, the keys (communeKey) of the
// current communes of the official reference named in several words,
// built at first use.
var referenceCommunes = sync.OnceValue(func() map[string][]string {
	first := map[string][]string{}
	seen := map[string]bool{}
	for _, c := range commune.All() {
		if c.Kind != commune.KindCommune {
			continue
		}
		k := communeKey(c.Name)
		if seen[k] || !strings.Contains(k, " ") && c.Population < cityPopulation {
			continue
		}
		seen[k] = true
		w, _, _ := strings.Cut(k, " ")
		first[w] = append(first[w], k)
	}
	return first
})

// cityPopulation: a commune named in one word is read as a place holding
// no record from this many inhabitants (« lyon », « grenoble »: none of
// the 21 such cities of the reference is an everyday word).
const cityPopulation = 50000

// referenceCommuneAt returns the commune of the official reference,
// named in several words, that words begin with, and how many words name
// it; "", 0 when they name none. It answers where the directory has no
// place in the commune (« fort de france »: its words, matched as text,
// found « France services » of Saint-Hippolyte-du-Fort as a full match;
// « lyon » a « rue de Lyon » in Marseille): the commune is then a place
// holding no record. A name of one word is left out below cityPopulation:
// many are everyday words (Piano, Bus, Plaisir, Croix) a query means
// otherwise.
func referenceCommuneAt(words []string) (key string, n int) {
	for _, k := range referenceCommunes()[words[0]] {
		if l := wordsAt(k, words); l > n {
			key, n = k, l
		}
	}
	return key, n
}

// referenceByKey indexes the current communes of the official reference by
// their key (communeKey: folded, without the small words), built at first
// use: a key read from a query (« saint etienne rouvray ») is no name
// commune.ByName reads.
var referenceByKey = sync.OnceValue(func() map[string][]*commune.Commune {
	out := map[string][]*commune.Commune{}
	for _, c := range commune.All() {
		if c.Kind == commune.KindCommune {
			k := communeKey(c.Name)
			out[k] = append(out[k], c)
		}
	}
	return out
})

// formerByFirstWord is communeByFirstWord for former communes' names
// (formerNames): the key of the commune now holding the one former commune
// whose name begins with the word w and goes on, where the directory has
// places; "" when none or several do.
func (t *table) formerByFirstWord(w string) string {
	found := ""
	for _, k := range formerNames().first[w] {
		if cur := formerNames().current[k]; strings.HasPrefix(k, w+" ") && len(t.byCommune[cur]) > 0 {
			if found != "" && found != cur {
				return ""
			}
			found = cur
		}
	}
	return found
}
