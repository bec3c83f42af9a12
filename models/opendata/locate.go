package opendata

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/editdist"
)

// The standard requires a commune and a postal code, but producers' files
// leave one of them out when the rest of the row says it: Aidants Connect's
// national list has a postal code (and often the city after it in the
// address) and an empty commune in 2,171 of its 3,407 rows; Gironde's
// cartography writes « 8 rue de la Boétie - 33000 Bordeaux » in its address
// and has no postal code column. A row was rejected for a value its other
// cells give. locate derives the missing one from Carnet's commune reference
// (models/commune) when the row's readings point to exactly one commune,
// with a warning naming what it was derived from; when they point to
// several, or disagree, nothing is derived and the row is rejected with the
// candidates named.

// cityInAddress finds a postal code and, after it, a city name at the end
// of an address line: « 11 place René Coty 42000 Blois », « 7 Bis rue Max
// Linder - 33500 LIBOURNE », « BP 10 28028 Chartres Cedex », « 71 RUE
// ARCHEREAU 75019 PARIS 19 » (an arrondissement's number), « 26 BD
// GAMBETTA---02300-CHAUNY » (La Poste's lists: a dash between the code and
// the city).
var cityInAddress = regexp.MustCompile(`(?i)(?:^|[\s,;-])((?:[0-9]{5})|(?:[0-9]{2} [0-9]{3}))(?:\s*-\s*|\s+)([^0-9,;]{2,60}?(?:\s0?[0-9]{1,2}(?:er|e|eme|ème)?)?)(?:\s+cedex(?:\s*[0-9]{0,2})?)?\s*$`)

// geocodedAddress is a geocoder's full address: « 1 Rue Professeur
// Langevin, 51200, Épernay, Marne, Grand Est, FRA » (Épernay's file).
var geocodedAddress = regexp.MustCompile(`^([^,]+),\s*([0-9]{5}),\s*([^,0-9]{2,60})(?:,.*)?$`)

// addressCity returns the postal code and city that end street (or follow
// it, in a geocoder's full address), and the street without them; all ""
// when it has none.
func addressCity(street string) (pc, city, rest string) {
	if !hasPostalDigits(street) {
		return "", "", ""
	}
	if m := geocodedAddress.FindStringSubmatch(street); m != nil {
		return m[2], strings.TrimSpace(m[3]), strings.TrimSpace(m[1])
	}
	m := cityInAddress.FindStringSubmatchIndex(street)
	if m == nil {
		return "", "", ""
	}
	pc = strings.ReplaceAll(street[m[2]:m[3]], " ", "")
	city = strings.TrimSpace(street[m[4]:m[5]])
	rest = strings.TrimRight(strings.TrimSpace(street[:m[2]]), " ,;-")
	return pc, city, rest
}

// hasPostalDigits says whether s has the five digits of a postal code,
// without which cityInAddress, geocodedAddress and communeWithOffice cannot
// match: most addresses have a house number and no postal code, and the
// three expressions cost 2 % of a first import's CPU (issue 11, item 6).
func hasPostalDigits(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if n++; n == 5 {
				return true
			}
		}
	}
	return false
}

// locate fills a missing postal code or commune from the row's other
// readings (see above). It runs after address and coordinates.
func (b *placeBuilder) locate(a *models.Actor) {
	ad := &a.Address
	b.communeWithOffice(a)
	pcInStreet, cityInStreet, rest := addressCity(ad.Street)
	b.addressSettles(a, pcInStreet, cityInStreet)
	if ad.Commune != "" && ad.PostalCode != "" {
		b.streetRepeatsCity(ad, pcInStreet, cityInStreet, rest)
		return
	}
	if ad.PostalCode == "" {
		b.postalCodeOf(a, pcInStreet, cityInStreet, rest)
	}
	if ad.Commune == "" {
		b.communeOf(a, pcInStreet, cityInStreet)
	}
}

// streetRepeatsCity keeps the street alone when the address line ends with
// the row's own postal code and commune (« RUE PRINCIPALE 46120 LEYME »
// beside code_postal 46120 and commune Leyme): exports wrote them twice,
// once in adresse, and duplicate detection compared streets holding a
// city. The address keeps them when they differ from the columns (another
// commune's, a CEDEX), which says something the columns do not.
func (b *placeBuilder) streetRepeatsCity(ad *models.Address, pcInStreet, cityInStreet, rest string) {
	if pcInStreet == "" || pcInStreet != strings.ReplaceAll(ad.PostalCode, " ", "") || !hasLetter(rest) {
		return
	}
	if commune.Key(cityInStreet) != commune.Key(ad.Commune) && !slices.ContainsFunc(commune.ByName(cityInStreet), func(c *commune.Commune) bool {
		return c.HasPostalCode(pcInStreet) && slices.ContainsFunc(commune.ByName(ad.Commune), func(o *commune.Commune) bool { return o.CityCode() == c.CityCode() })
	}) {
		return
	}
	ad.Street = rest
	b.read("adresse", "an address line ending with the row's own postal code and commune keeps the street alone")
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// postalCodeOf derives a missing postal code: the one the address line
// ends with when the commune named has it (the address line then keeps
// the street alone), else the commune's only postal code.
func (b *placeBuilder) postalCodeOf(a *models.Actor, pcInStreet, cityInStreet, rest string) {
	ad := &a.Address
	name := ad.Commune
	if name == "" {
		name = cityInStreet
	}
	if name == "" {
		return
	}
	cands := commune.ByName(name)
	if pcInStreet != "" {
		for _, c := range cands {
			if c.HasPostalCode(pcInStreet) {
				ad.PostalCode = pcInStreet
				how := "the postal code that ends the address"
				if rest != "" && (ad.Commune == "" || commune.Key(cityInStreet) == commune.Key(ad.Commune) || len(commune.ByName(cityInStreet)) > 0) {
					ad.Street = rest
					how += " (the address keeps the street alone)"
				}
				b.warn("code_postal", pcInStreet, fmt.Sprintf("missing: %s, a postal code of %s, taken from %s", pcInStreet, c.Name, how))
				return
			}
		}
	}
	// The commune's own postal code, when its name (narrowed by the
	// coordinates or the INSEE code) designates one commune with one code.
	r := commune.Resolve(commune.Address{Name: name, INSEE: ad.InseeCode, Lat: a.Latitude, Lon: a.Longitude})
	c := r.Commune
	if c == nil && len(r.Conflicts) == 0 && len(cands) == 1 && !cands[0].IsArrondissement() && ad.InseeCode == "" && a.Latitude == nil {
		// A name alone is no reading the reference settles (homonyms),
		// but a name no other commune bears is that commune: « Vannes »,
		// « Bourg-en-Bresse », « Papeete » without a postal code were
		// rejected as « required » though the reference says which.
		c = cands[0]
	}
	if c == nil || len(r.Conflicts) > 0 || r.Doubted("commune") {
		if len(cands) > 1 {
			b.fail("code_postal", "", fmt.Sprintf("is required: %d communes are named « %s » (%s) and nothing else in the row tells which", len(cands), name, communeNames(cands)))
		}
		return
	}
	if len(c.PostalCodes) != 1 {
		b.fail("code_postal", "", fmt.Sprintf("is required: %s has %d postal codes (%s) and nothing in the row tells which", c.Name, len(c.PostalCodes), strings.Join(c.PostalCodes, ", ")))
		return
	}
	ad.PostalCode = c.PostalCodes[0]
	b.warn("code_postal", ad.PostalCode, fmt.Sprintf("missing: %s, the only postal code of %s (INSEE %s), from the commune reference", ad.PostalCode, c.Name, c.Code))
}

// communeOf derives a missing commune from the postal code, the city that
// ends the address line, the INSEE code and the coordinates.
func (b *placeBuilder) communeOf(a *models.Actor, pcInStreet, cityInStreet string) {
	ad := &a.Address
	pc := ad.PostalCode
	if pc == "" {
		pc = pcInStreet
	}
	hasPoint := a.Latitude != nil && a.Longitude != nil
	if pc == "" && ad.InseeCode == "" && !hasPoint && cityInStreet == "" {
		return // the model says it is required
	}
	// The readings, tried from the most to the least specific; the first
	// that gives one commune without conflict wins.
	type attempt struct {
		addr commune.Address
		from string
	}
	var tries []attempt
	if cityInStreet != "" && (pcInStreet == "" || pcInStreet == pc || pc == "") {
		tries = append(tries, attempt{commune.Address{PostalCode: pc, Name: cityInStreet, INSEE: ad.InseeCode, Lat: a.Latitude, Lon: a.Longitude}, "the city that ends the address"})
	}
	tries = append(tries, attempt{commune.Address{PostalCode: pc, INSEE: ad.InseeCode, Lat: a.Latitude, Lon: a.Longitude}, ""})
	for _, t := range tries {
		r := commune.Resolve(t.addr)
		// A commune chosen by the coordinates among the postal code's
		// communes is a doubt of the reference (it compares centres, not
		// boundaries), but it is chosen only when its centre is clearly
		// the nearest: with no commune written, that is the row's best
		// reading, and the warning says it rests on the coordinates.
		// Any other doubt, or a conflict, leaves the commune underived.
		if r.Commune == nil || len(r.Conflicts) > 0 || slices.ContainsFunc(r.Doubts, func(c commune.Conflict) bool { return c.Field != "commune" }) {
			continue
		}
		c := r.City()
		var from []string
		if t.from != "" {
			from = append(from, t.from)
		}
		if ad.InseeCode != "" {
			from = append(from, "the INSEE code "+ad.InseeCode)
		}
		if pc != "" {
			from = append(from, "the postal code "+pc)
		}
		if hasPoint {
			from = append(from, "the coordinates")
		}
		ad.Commune = c.Name
		if ad.InseeCode == "" {
			ad.InseeCode = r.Commune.Code
		}
		if ad.PostalCode == "" && pc != "" {
			ad.PostalCode = pc
		}
		if r.Doubted("commune") {
			b.warn("commune", c.Name, fmt.Sprintf("missing: %s (INSEE %s), the commune of the postal code %s whose centre is clearly the nearest to the coordinates, from the commune reference (check it: the reference knows centres, not boundaries)", c.Name, r.Commune.Code, pc))
		} else {
			b.warn("commune", c.Name, fmt.Sprintf("missing: %s (INSEE %s), the only commune %s point to, from the commune reference", c.Name, r.Commune.Code, strings.Join(from, " and ")))
		}
		return
	}
	// A postal code shared by several communes: the one whose name the
	// place's name or address holds (« PIMMS Blois », « Mairie de
	// Charleville-Mézières »), when exactly one does and the other
	// readings agree with it; else the one whose own SIRET the row gives
	// (commune.CodesOfSIREN).
	shared := cities(commune.ByPostalCode(pc))
	for i, how := range amongHow {
		if c, r := among(i, shared, a, pc); c != nil {
			ad.Commune = c.Name
			if ad.InseeCode == "" {
				ad.InseeCode = r.Commune.Code
			}
			b.warn("commune", c.Name, fmt.Sprintf("missing: %s (INSEE %s), "+how+", from the commune reference", c.Name, r.Commune.Code, pc))
			return
		}
	}
	if c, r, former := formerNamedAmong(shared, a, pc); c != nil {
		ad.Commune = c.Name
		if ad.InseeCode == "" {
			ad.InseeCode = r.Commune.Code
		}
		b.warn("commune", c.Name, fmt.Sprintf("missing: %s (INSEE %s), the only one of the communes of postal code %s that the place's name or address names by the name of a former or delegated commune (%s), from the commune reference", c.Name, r.Commune.Code, pc, former))
		return
	}
	if c, r, e := epciAmong(shared, a, pc); c != nil {
		ad.Commune = c.Name
		if ad.InseeCode == "" {
			ad.InseeCode = r.Commune.Code
		}
		b.warn("commune", c.Name, epciWarning(c, r.Commune.Code, pc, e))
		return
	}
	if c, r := cedexAmong(a, pc, cityInStreet); c != nil {
		ad.Commune = c.Name
		if ad.InseeCode == "" {
			ad.InseeCode = r.Commune.Code
		}
		b.warn("commune", c.Name, fmt.Sprintf("missing: %s (INSEE %s), the only commune of département %s that the place's name names, the postal code %s being a CEDEX code, no commune's (no published table says which commune each CEDEX code is), from the commune reference", c.Name, r.Commune.Code, c.Departement, pc))
		return
	}
	if c, r := endNamedAmong(shared, a, pc); c != nil {
		ad.Commune = c.Name
		if ad.InseeCode == "" {
			ad.InseeCode = r.Commune.Code
		}
		b.warn("commune", c.Name, fmt.Sprintf("missing: %s (INSEE %s), the only one of the communes of postal code %s whose name the place's name ends with, after « de » (a name shorter than four letters, read there only), from the commune reference", c.Name, r.Commune.Code, pc))
		return
	}
	// Ambiguous or contradictory: say which communes, and reject.
	reason := "is required, and the rest of the row does not tell which commune"
	if pc != "" && len(shared) > 1 {
		reason = fmt.Sprintf("is required: postal code %s is shared by %d communes (%s) and nothing else in the row tells which", pc, len(shared), communeNames(shared))
	} else if pc != "" && len(shared) == 0 {
		reason = fmt.Sprintf("is required, and postal code %s is no commune's", pc)
	}
	b.fail("commune", "", reason)
}

// namedAmong returns the one commune of cands whose name appears, as whole
// words, in the place's name, address line or complement, and its
// resolution with the row's other readings; nil when none or several do (a
// name within a longer one found is that one's word, see longestNaming), or
// when the other readings disagree. Names shorter than four letters are
// not looked for (« Eu », « Y »: words of other names).
func namedAmong(cands []*commune.Commune, a *models.Actor, pc string) (*commune.Commune, commune.Resolution) {
	if len(cands) < 2 {
		return nil, commune.Resolution{}
	}
	_, text, street := placeTexts(a)
	var named []*commune.Commune
	for _, c := range cands {
		if k := commune.Key(c.Name); len(k) >= 4 && namesInFull(text, street, k) {
			named = append(named, c)
		}
	}
	return agreeing(longestNaming(named), a, pc)
}

// placeTexts returns a place's folded name, and the texts that may name its
// commune in full between spaces: its name with its address complement,
// and its street line.
func placeTexts(a *models.Actor) (name, text, street string) {
	name = commune.Key(a.Name)
	return name, " " + name + " " + commune.Key(a.Address.Complement) + " ", " " + commune.Key(a.Address.Street) + " "
}

// namesInFull says whether a place's texts (placeTexts) name the commune
// of key k: on its street line as a place (locatedIn), or in its name.
func namesInFull(text, street, k string) bool {
	return locatedIn(street, k) || namedInText(text, k)
}

// namedInText says whether text, a place's folded name and complement
// between spaces, names the commune of key k (contractedForms).
func namedInText(text, k string) bool {
	return slices.ContainsFunc(contractedForms(k), func(form string) bool { return strings.Contains(text, " "+form+" ") })
}

// endNamedAmong returns the one commune of cands whose name, shorter than
// the four letters namedAmong looks for, ends the place's name after « de »
// or « d' »: where French names a body's commune (« CCAS de Eu », « Mairie
// d’Aix », « CMS de Die »: Aidants Connect rows without a commune, their
// postal code shared). Nil when the name names a commune of cands in full
// (namedAmong left it: two named apart, or readings that disagree), when
// a territory precedes (« Pays de Gex », territoryWords), or when the
// other readings disagree. Elsewhere in a name or on the street line a
// short name is a word of something else (« Maison de la Mer », « RUE DE
// EU »: 167 communes' names are so short). Tried after every other reading,
// so that no row read before is read otherwise.
func endNamedAmong(cands []*commune.Commune, a *models.Actor, pc string) (*commune.Commune, commune.Resolution) {
	if len(cands) < 2 {
		return nil, commune.Resolution{}
	}
	name, text, street := placeTexts(a)
	words := strings.Fields(name)
	n := len(words)
	var found *commune.Commune
	for _, c := range cands {
		k := commune.Key(c.Name)
		if len(k) >= 4 && namesInFull(text, street, k) {
			return nil, commune.Resolution{}
		}
		if len(k) >= 4 || n < 3 || words[n-1] != k || (words[n-2] != "de" && words[n-2] != "d") || territoryWords[words[n-3]] {
			continue
		}
		if found != nil { // two communes of one short name
			return nil, commune.Resolution{}
		}
		found = c
	}
	return agreeing(found, a, pc)
}

// formerNamedAmong returns the one commune of cands that the place's name,
// complement or address line names by the name of one of its former or
// delegated communes (commune.FormerNames: « PMS Seynod », 74600, is in
// Annecy; « Mairie de Cheux », 14210, in Thue et Mue; « 8 GRAND RUE -
// LABASTIDE-MURAT », 46240, in Cœur de Causse), read as namedAmong reads a
// commune's own name, with that name; nil when no commune or several are
// named so or by their own names (« Cheux et Missy »: Thue et Mue's and
// Val d'Arry's), or when the other readings disagree. A former name that
// is a word of many names or addresses (genericHeads, addressWords) is not
// read. It runs after the
// readings of a commune's own name, which it leaves as they were.
func formerNamedAmong(cands []*commune.Commune, a *models.Actor, pc string) (*commune.Commune, commune.Resolution, string) {
	if len(cands) < 2 {
		return nil, commune.Resolution{}, ""
	}
	_, text, street := placeTexts(a)
	names := func(k string) bool { return len(k) >= 4 && namesInFull(text, street, k) }
	var found *commune.Commune
	var former string
	for _, c := range cands {
		if names(commune.Key(c.Name)) {
			return nil, commune.Resolution{}, ""
		}
		for _, n := range commune.FormerNames(c) {
			if k := commune.Key(n); genericHeads[k] || addressWords[k] || !names(k) {
				continue
			}
			if found != nil && found != c {
				return nil, commune.Resolution{}, ""
			}
			if found == nil || len(n) > len(former) {
				found, former = c, n
			}
		}
	}
	c, r := agreeing(found, a, pc)
	if c == nil {
		return nil, commune.Resolution{}, ""
	}
	return c, r, former
}

// addressWords are former communes' names that are words of an address or
// a name (« Cours » of Bellefont-La Rauze, « Vers » of Saint Géry-Vers):
// « 12 cours de la Chartreuse », 46090, is no reading of a commune.
var addressWords = map[string]bool{"cours": true, "vers": true, "place": true, "quai": true, "route": true, "allee": true, "chemin": true, "avenue": true, "rue": true}

// amongHow says how each reading of among chose a commune, in their order.
var amongHow = [...]string{
	"the only one of the communes of postal code %s whose name the place's name or address contains",
	"the commune whose own SIRET the row gives (SIRENE numbers a commune by its INSEE code), one of the communes of postal code %s",
	"the only one of the communes of postal code %s that the place's name names by the first part of its name or with one letter wrong",
	"the chef-lieu of the département, one of the communes of postal code %s, where the body of the département the place's name names sits",
}

// among is the i-th reading that chooses a place's commune among those of
// its postal code (communeOf), called directly: called through a function
// value, the actor handed to it was moved to the heap, and with it every
// row's Place in ToPlace, whose actor locate reads — 600 bytes a row,
// about 8 % of the bytes a 100,000-place import allocated (issue 11, item
// 6).
func among(i int, cands []*commune.Commune, a *models.Actor, pc string) (*commune.Commune, commune.Resolution) {
	switch i {
	case 0:
		return namedAmong(cands, a, pc)
	case 1:
		return sirenAmong(cands, a, pc)
	case 2:
		return shortNamedAmong(cands, a, pc)
	default:
		return chefLieuAmong(cands, a, pc)
	}
}

// agreeing returns found, the commune a reading chose among postal code
// pc's, with its resolution, when the row's other cells (INSEE code,
// coordinates) agree with it; nil when none was chosen or they disagree.
func agreeing(found *commune.Commune, a *models.Actor, pc string) (*commune.Commune, commune.Resolution) {
	if found == nil {
		return nil, commune.Resolution{}
	}
	r := commune.Resolve(commune.Address{PostalCode: pc, Name: found.Name, INSEE: a.Address.InseeCode, Lat: a.Latitude, Lon: a.Longitude})
	if r.Commune == nil || r.City() != found || len(r.Conflicts) > 0 || len(r.Doubts) > 0 {
		return nil, commune.Resolution{}
	}
	return found, r
}

// shortNamedAmong returns the one commune of cands that the place's name or
// complement names as usage does rather than in full, when namedAmong found
// none: by the first part of a compound name (« Espace France Services
// Vaison Ventoux » in Vaison-la-Romaine, « PMS Thonon Ouest »,
// « France Services Romorantin »: suffixes added to a town's name, or a
// merger's, that usage leaves out), five letters at least, not « Saint »
// nor a word of many names (genericHeads), nor a département's name (the
// « Communauté de communes du Réolais en sud Gironde » is in La Réole, not
// in Gironde-sur-Dropt); else by a one-word name of eight letters or more
// written with one letter wrong (« France Services Maulaucene »,
// « CCAS de Lilllebonne »). Nil when no commune or several are so named,
// or the other readings disagree, or when the text names one of the
// postal code's communes in full (namedAmong left it for naming two: « site
// mairie déléguée de Sainte Florence » of Essarts-en-Bocage), or a
// territory (territoryWords).
func shortNamedAmong(cands []*commune.Commune, a *models.Actor, pc string) (*commune.Commune, commune.Resolution) {
	if len(cands) < 2 {
		return nil, commune.Resolution{}
	}
	words := strings.Fields(commune.Key(a.Name) + " " + commune.Key(a.Address.Complement))
	if slices.ContainsFunc(words, func(w string) bool { return territoryWords[w] }) {
		return nil, commune.Resolution{}
	}
	if slices.ContainsFunc(cands, func(c *commune.Commune) bool {
		k := commune.Key(c.Name)
		return len(k) >= 4 && strings.Contains(" "+strings.Join(words, " ")+" ", " "+k+" ")
	}) {
		return nil, commune.Resolution{}
	}
	one := func(named func(k string) bool) *commune.Commune {
		var found *commune.Commune
		for _, c := range cands {
			if named(commune.Key(c.Name)) {
				if found != nil {
					return nil
				}
				found = c
			}
		}
		return found
	}
	found := one(func(k string) bool {
		head, _, compound := strings.Cut(k, " ")
		return compound && len(head) >= 5 && !genericHeads[head] && commune.DepartementByName(head) == "" && slices.Contains(words, head)
	})
	if found == nil {
		found = one(func(k string) bool {
			return len(k) >= 8 && !strings.Contains(k, " ") && slices.ContainsFunc(words, func(w string) bool {
				return len(w) >= 7 && w != k && editdist.Bounded(w, k, 1) <= 1
			})
		})
	}
	return agreeing(found, a, pc)
}

// territoryWords name a territory after a town, not the place's commune:
// the « France Services Pays d'Evian Vallée d'Abondance » is at the
// intercommunality's seat in Publier, the « Communauté de Communes de
// Saint-Méen Montauban »'s at Saint-Méen-le-Grand.
var territoryWords = map[string]bool{"pays": true, "communaute": true, "communes": true}

// genericHeads begin many communes' names and name none alone.
var genericHeads = map[string]bool{"saint": true, "sainte": true, "saints": true, "saintes": true, "notre": true, "grand": true, "grande": true, "petit": true, "petite": true, "vieux": true, "vieille": true, "neuve": true, "neuf": true, "villa": true, "ville": true, "bourg": true, "mont": true, "pont": true, "port": true, "chateau": true, "fontaine": true, "moulin": true, "champ": true, "champs": true, "croix": true, "haute": true, "hautes": true, "basse": true, "basses": true, "mairie": true, "centre": true, "maison": true, "espace": true, "france": true, "services": true}

// contractedForms are the ways a text names the commune of key k: k, and
// for a name beginning with « Le » or « Les » the forms French contracts
// them into after « de » and « à » (« CCAS du Luc en Provence », « Mairie
// des Arcs », « Bienvenue au Luc »): « de Le Luc » is never written, so a
// name built on the commune's writes « du Luc » and was not read as naming
// Le Luc, and the row, its postal code shared, was rejected. Read in the
// place's name and complement only: on the street line « RTE DU CHAY » is a
// road towards Le Chay (locatedIn), which Saujon's CCAS stands on.
func contractedForms(k string) []string {
	if rest, ok := strings.CutPrefix(k, "le "); ok {
		return []string{k, "du " + rest, "au " + rest}
	}
	if rest, ok := strings.CutPrefix(k, "les "); ok {
		return []string{k, "des " + rest, "aux " + rest}
	}
	return []string{k}
}

// locatedIn says whether the street line (a commune.Key between spaces)
// names the commune k other than as the destination of a road: « 31 B RTE
// DE RIANS », postal code 18220, is a road of Les Aix-d'Angillon towards
// Rians, and the place was filed under Rians (Aidants Connect gives no
// commune). Of the Aidants Connect rows so read, the seven on a « route »
// or « chemin de X » were each in another commune of the postal code (the
// road leads to X); streets and avenues were mixed (« 89 av de Bassens »
// is in Bassens, « 4 avenue de Saint-Léon » in Nailloux) and still count,
// as does a name elsewhere on the line (« Mairie de Varades »).
func locatedIn(street, k string) bool {
	for i := 0; ; {
		j := strings.Index(street[i:], " "+k+" ")
		if j < 0 {
			return false
		}
		before := strings.Fields(street[:i+j])
		if n := len(before); n < 2 || !slices.Contains([]string{"de", "d", "du", "des"}, before[n-1]) || !slices.Contains(roads, before[n-2]) {
			return true
		}
		i += j + 1
	}
}

// roads are the words of a road named after where it leads.
var roads = []string{"route", "rte", "chemin", "chem", "che", "ch"}

// sirenAmong returns the one commune of cands whose own SIREN the place's
// pivot is, and its resolution with the row's other readings; nil when the
// pivot is no commune's, names a commune that is not among cands (a
// commune's SIRET given to a place it runs elsewhere), when both the
// place's name and its address line name another of cands (« Commune
// ESSARTS EN BOCAGE - site Mairie déléguée de l'Oie », « place de l'église
// - L'OIE », 85140, under Essarts-en-Bocage's SIREN: the SIRET says who
// runs the place, the row where it is, and L'Oie is a commune again), or
// the other readings disagree. One of them alone is not enough: a name
// lists the communes a service is for (« Pour les Communes de Couffouleux -
// Rabastens et Loupiac », Coufouleux's SIRET, is in Coufouleux), a street
// leads to another (« Agence postale de Montayral », 90 avenue de Fumel).
func sirenAmong(cands []*commune.Commune, a *models.Actor, pc string) (*commune.Commune, commune.Resolution) {
	if len(cands) < 2 {
		return nil, commune.Resolution{}
	}
	for _, code := range commune.CodesOfSIREN(a.Pivot) {
		c := commune.ByCode(code)
		if c == nil || !slices.Contains(cands, c) {
			continue
		}
		_, text, street := placeTexts(a)
		if slices.ContainsFunc(cands, func(x *commune.Commune) bool {
			k := commune.Key(x.Name)
			return x != c && len(k) >= 4 && namedInText(text, k) && locatedIn(street, k)
		}) {
			return nil, commune.Resolution{}
		}
		r := commune.Resolve(commune.Address{PostalCode: pc, INSEE: c.Code, Lat: a.Latitude, Lon: a.Longitude})
		if r.Commune == nil || r.City() != c || len(r.Conflicts) > 0 || len(r.Doubts) > 0 {
			return nil, commune.Resolution{}
		}
		return c, r
	}
	return nil, commune.Resolution{}
}

// longestNaming returns the one commune of named whose name holds the
// others' as words (« Bourg-Lastic » holds « Lastic », « Lys-lez-Lannoy »
// holds « Lannoy »: a word of the longer name, not a commune named), nil
// when named is empty or two of its names stand apart.
func longestNaming(named []*commune.Commune) *commune.Commune {
	var found *commune.Commune
	for _, c := range named {
		if found == nil || len(commune.Key(c.Name)) > len(commune.Key(found.Name)) {
			found = c
		}
	}
	for _, c := range named {
		if !strings.Contains(" "+commune.Key(found.Name)+" ", " "+commune.Key(c.Name)+" ") {
			return nil
		}
	}
	return found
}

// cities returns the communes of cs, an arrondissement counting as its
// city, each once.
func cities(cs []*commune.Commune) []*commune.Commune {
	var out []*commune.Commune
	seen := map[string]bool{}
	for _, c := range cs {
		if k := c.CityCode(); !seen[k] {
			seen[k] = true
			if c.City != "" {
				c = commune.ByCode(c.City)
			}
			out = append(out, c)
		}
	}
	return out
}

// communeNames lists communes for a message: « Name (code) », at most 5.
func communeNames(cs []*commune.Commune) string {
	var parts []string
	for i, c := range cs {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(cs)-5))
			break
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", c.Name, c.Code))
	}
	return strings.Join(parts, ", ")
}

// communeWithOffice is a commune cell naming the place's commune, then a
// postal code and the commune of its delivery office: « GIVRAND - 85806
// SAINT GILLES CROIX DE VIE CEDEX » (France Services, 2021).
var communeWithOffice = regexp.MustCompile(`(?i)^\s*([^0-9]*[^0-9\s,;/–-])\s*[,;/–-]\s*([0-9]{5})\s+([^0-9]*?[^0-9\s])(?:\s+cedex(?:\s*[0-9]{1,2})?)?\s*$`)

// communeWithOffice reads such a cell as one of its two communes: the one
// the row's other readings (postal code, INSEE code, coordinates) resolve
// without conflict, else the first, where the place is (the second is
// where its mail is sorted). The cell was kept as written, beside the
// INSEE code of the second.
func (b *placeBuilder) communeWithOffice(a *models.Actor) {
	ad := &a.Address
	if !hasPostalDigits(ad.Commune) {
		return
	}
	m := communeWithOffice.FindStringSubmatch(ad.Commune)
	if m == nil {
		return
	}
	first, officePC, office := strings.TrimSpace(m[1]), m[2], strings.TrimSpace(m[3])
	pc := ad.PostalCode
	officeAt := pc
	if officeAt == "" {
		officeAt = officePC
	}
	settle := func(pc, name string) *commune.Commune {
		r := commune.Resolve(commune.Address{PostalCode: pc, Name: name, INSEE: ad.InseeCode, Lat: a.Latitude, Lon: a.Longitude})
		if r.Commune == nil || len(r.Conflicts) > 0 || r.Doubted("commune") || !designates(name, r.City()) {
			return nil
		}
		return r.City()
	}
	cf, co := settle(pc, first), settle(officeAt, office)
	written := ad.Commune
	two := fmt.Sprintf("names two communes, %s then %s (%s, a delivery office's code)", officialName(first), officialName(office), officePC)
	switch {
	case cf != nil && (co == nil || co == cf):
		ad.Commune = cf.Name
		b.warn("commune", written, fmt.Sprintf("%s: read as %s (INSEE %s), the one the other fields designate", two, cf.Name, cf.Code))
	case cf != nil:
		ad.Commune = cf.Name
		b.warn("commune", written, fmt.Sprintf("%s: read as %s (INSEE %s), the first, where the place is (the other fields fit both)", two, cf.Name, cf.Code))
	case co != nil:
		ad.Commune = co.Name
		b.warn("commune", written, fmt.Sprintf("%s: read as %s (INSEE %s), the one the other fields designate", two, co.Name, co.Code))
	}
}

// officialName is the name of the one commune name designates, else name.
func officialName(name string) string {
	if cs := commune.ByName(name); len(cs) == 1 {
		return cs[0].Name
	}
	return name
}

// designates says whether name is a name of c (c's own, a former or
// delegated commune's, an arrondissement's).
func designates(name string, c *commune.Commune) bool {
	return slices.ContainsFunc(commune.ByName(name), func(x *commune.Commune) bool { return x.CityCode() == c.CityCode() })
}

// addressCommune is the commune the address line's own postal code and
// town designate together, without doubt; nil when they do not (a CEDEX
// code is the town's, a neighbour's code is not).
func addressCommune(pc, city string) *commune.Commune {
	if pc == "" || city == "" {
		return nil
	}
	r := commune.Resolve(commune.Address{PostalCode: pc, Name: city})
	if r.Commune == nil || len(r.Conflicts) > 0 || len(r.Doubts) > 0 {
		return nil
	}
	return r.City()
}

// addressSettles reads the postal code and town that end the address line
// as one more reading of the commune, when they designate one together,
// and corrects the INSEE code or the postal code that alone names another:
//
//   - the commune cell (if any), the postal code and the address agree,
//     and the INSEE code names another commune of the postal code:
//     Aidants Connect's codes were looked up by postal code, Thénac's
//     17444 for every commune of 17460, and « Mairie de Préguillac, 7 Rue
//     de Perjus, 17460 Préguillac » was stored under Thénac; the INSEE code
//     becomes the address's commune's;
//   - the commune cell (if any), the INSEE code (if any) and the address
//     agree, and the postal code cell is not the commune's (another
//     commune's, another département's): the Conseillers numériques' file
//     gives Strasbourg's 67000 to « 6 RUE DE LA BOURSE 68100 MULHOUSE »
//     (INSEE 68224), which was rejected (commune missing) or kept with
//     67000; the postal code becomes the address's. A CEDEX code of the
//     commune in the cell is its own and stays.
//
// Nothing changes when two readings stand on each side, nor when the row's
// SIRET is another commune's own.
func (b *placeBuilder) addressSettles(a *models.Actor, pcInStreet, cityInStreet string) {
	ad := &a.Address
	s := addressCommune(pcInStreet, cityInStreet)
	if s != nil && ad.Commune != "" && !designates(ad.Commune, s) && !sirenOfAnother(a.Pivot, s) {
		b.twoAgainstTwo(a, s, pcInStreet, cityInStreet)
		return
	}
	if s == nil || ad.Commune != "" && !designates(ad.Commune, s) || sirenOfAnother(a.Pivot, s) {
		return
	}
	name := ad.Commune
	if name == "" {
		name = cityInStreet
	}
	said := fmt.Sprintf("« %s %s »", pcInStreet, cityInStreet)
	var code *commune.Commune
	if ad.InseeCode != "" {
		if code = commune.ByCode(ad.InseeCode); code == nil {
			return // not a code: the model says so
		}
		code = cityOfCode(code)
	}
	switch {
	case code != nil && code != s && (ad.PostalCode == "" || s.HasPostalCode(ad.PostalCode)):
		// The corrected row must resolve to s without conflict (the
		// coordinates included).
		r := commune.Resolve(commune.Address{PostalCode: ad.PostalCode, Name: name, INSEE: s.Code, Lat: a.Latitude, Lon: a.Longitude})
		if r.City() != s || len(r.Conflicts) > 0 {
			return
		}
		what := "the commune, the postal code and the address"
		switch {
		case ad.Commune == "" && ad.PostalCode == "":
			what = "the address"
		case ad.Commune == "":
			what = "the postal code and the address"
		case ad.PostalCode == "":
			what = "the commune and the address"
		}
		b.warn("code_insee", ad.InseeCode, fmt.Sprintf("%s is the INSEE code of %s, but %s (%s) designate %s; replaced by %s", ad.InseeCode, code.Name, what, said, s.Name, s.Code))
		ad.InseeCode = s.Code
	case (code == nil || code == s) && ad.PostalCode != "" && ad.PostalCode != pcInStreet:
		why := notPostalCodeOf(ad.PostalCode, s)
		if why == "" {
			return
		}
		b.warn("code_postal", ad.PostalCode, fmt.Sprintf("%s; replaced by %s, the postal code that ends the address (%s)", why, pcInStreet, said))
		ad.PostalCode = pcInStreet
	}
}

// twoAgainstTwo settles a row whose postal code and address line designate
// one commune (s) and whose commune and INSEE code another: the commune
// the row's readings resolve to (the commune and the INSEE code, unless
// the coordinates side with s) is kept, and when it is the INSEE code's
// and has one postal code, the postal code becomes it, under one warning
// naming both communes, the one kept and the one dropped. The resolution's
// own warning named the postal code's communes in code order (« 16100 is
// the postal code of Boutiers-Saint-Trojan, Châteaubernard, Cognac, and 5
// others ») and not the one the address said.
func (b *placeBuilder) twoAgainstTwo(a *models.Actor, s *commune.Commune, pcInStreet, cityInStreet string) {
	ad := &a.Address
	if ad.PostalCode == "" || ad.InseeCode == "" || !s.HasPostalCode(ad.PostalCode) {
		return
	}
	c := commune.ByCode(ad.InseeCode)
	if c == nil {
		return
	}
	kept := cityOfCode(c)
	if kept == s || !designates(ad.Commune, kept) || kept.HasPostalCode(ad.PostalCode) || len(kept.PostalCodes) != 1 {
		return
	}
	if r := commune.Resolve(commune.Address{PostalCode: ad.PostalCode, Name: ad.Commune, INSEE: ad.InseeCode, Lat: a.Latitude, Lon: a.Longitude}); r.City() != kept {
		return // the coordinates side with the postal code: the resolution says so
	}
	pc := kept.PostalCodes[0]
	if r := commune.Resolve(commune.Address{PostalCode: pc, Name: ad.Commune, INSEE: ad.InseeCode, Lat: a.Latitude, Lon: a.Longitude}); r.City() != kept || len(r.Conflicts) > 0 {
		return
	}
	b.warn("code_postal", ad.PostalCode, fmt.Sprintf("%s is the postal code of %s (%s), as the address says (« %s %s »), but the commune and the INSEE code designate %s (%s): %s kept, %s dropped; replaced by %s, the postal code of %s",
		ad.PostalCode, s.Name, s.Code, pcInStreet, cityInStreet, kept.Name, kept.Code, kept.Name, s.Name, pc, kept.Name))
	ad.PostalCode = pc
}

// notPostalCodeOf says why pc is not a postal code of c: another commune's
// own, or no commune's and of another département; "" when it is c's own,
// or no commune's in c's département (a CEDEX code, which no commune
// lists: « 46010 » for Cahors).
func notPostalCodeOf(pc string, c *commune.Commune) string {
	if c.HasPostalCode(pc) {
		return ""
	}
	if city := commune.PlaceholderCity(pc, c); city != nil {
		// « 13000 » beside « … 13003 Marseille »: the address names the
		// arrondissement (and the street then keeps the street alone, as
		// the export read back does).
		return fmt.Sprintf("%s is the postal code of no commune: each arrondissement of %s has its own", pc, city.Name)
	}
	own := strings.Join(c.PostalCodes, ", ")
	if others := cities(commune.ByPostalCode(pc)); len(others) > 0 {
		if slices.Contains(others, c) {
			return "" // an arrondissement's code of the city
		}
		return fmt.Sprintf("%s is the postal code of %s, not of %s (%s)", pc, communeNames(others), c.Name, own)
	}
	if dep := commune.DepartementOfPostalCode(pc); dep != "" && dep != c.Departement {
		return fmt.Sprintf("%s is the postal code of no commune, and of département %s, not %s's (%s, postal codes %s)", pc, dep, c.Name, c.Departement, own)
	}
	return ""
}

// sirenOfAnother says whether pivot is the SIRET of a commune other than
// c: a commune's own SIRET is the strongest reading of where its place is
// (« COMMUNE DE LEVAL », SIRET of Leval, Nord, with the address and INSEE
// code of Leval, Territoire de Belfort).
func sirenOfAnother(pivot string, c *commune.Commune) bool {
	codes := commune.CodesOfSIREN(pivot)
	return len(codes) > 0 && !slices.ContainsFunc(codes, func(code string) bool {
		x := commune.ByCode(code)
		return x != nil && cityOfCode(x) == c
	})
}

// cityOfCode is the commune of an arrondissement, else c.
func cityOfCode(c *commune.Commune) *commune.Commune {
	if c.City != "" {
		if city := commune.ByCode(c.City); city != nil {
			return city
		}
	}
	return c
}
