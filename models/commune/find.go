package commune

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"carnet/models/commune/internal/fold"
)

// Find returns the communes a value typed or sent as a commune designates,
// the most populated first: what the commune filter of lists and search and
// the picker's code search read. deps, when given, are the départements the
// request is about: they settle a name several communes share (Saint-Denis
// with 974) unless none of its communes is in them.
//
// A code is read in this order:
//  1. a current INSEE code (13001 is Aix-en-Provence: the parameter takes
//     INSEE codes, and API clients send them);
//  2. a current postal code, as the communes it serves, an arrondissement
//     rather than its city (75001 is Paris 1er: no current INSEE code is
//     75001, and people type the postal code);
//  3. the placeholder postal code of Paris, Lyon or Marseille (75000,
//     69000, 13000), as the city;
//  4. a former commune's code, as its current commune (75001 was
//     Alfortville's, in the Seine, before 1968: it never outweighs a postal
//     code).
//
// A name is read as the import reads one (ByName, then the short forms
// closeName reads among a postal code's communes, here among all communes):
// its exact name, current or of a former or delegated commune; a commune
// whose current or former name begins with it at a word (« La Seyne »,
// « Sarlat », « Cherbourg », « Hellemmes ») counts beside them only when it
// is more populated than every exact one (« Evry »: Évry-Courcouronnes,
// 67,000 inhabitants, which the import reads for « Evry, 91000 », beside
// Évry in the Yonne, 400), and alone when no name is exact; failing those,
// a commune whose name ends with it at a word (« Courcouronnes »). A
// département or postal code after the name — « Saint-Denis (974) »,
// « Saint-Denis 97400 » — reads it there, the postal code as an import
// reads the address.
func Find(value string, deps []string) []*Commune {
	v := strings.TrimSpace(value)
	if v == "" {
		return nil
	}
	if cs := byCodeValue(v); cs != nil {
		return cs
	}
	name, dep, pc := splitQualifier(v)
	if pc != "" {
		if r := Resolve(Address{PostalCode: pc, Name: name}); r.Commune != nil && len(r.Conflicts) == 0 {
			return []*Commune{r.Commune}
		}
		return byPopulation(findName(name, func(c *Commune) bool { return servedBy(c, pc) }))
	}
	if dep != "" {
		return byPopulation(findName(name, func(c *Commune) bool { return c.Departement == dep }))
	}
	if len(deps) > 0 {
		if cs := findName(name, func(c *Commune) bool { return slices.Contains(deps, c.Departement) }); len(cs) > 0 {
			return byPopulation(cs)
		}
	}
	return byPopulation(findName(name, nil))
}

// FindCode is what Find reads when value is a code (a current INSEE code,
// else a postal code's communes, else a former code's commune), nil when it
// is none: a postal code of several communes designates them together.
func FindCode(value string) []*Commune { return byCodeValue(strings.TrimSpace(value)) }

// byCodeValue reads v as a code (see Find), nil when it is none.
func byCodeValue(v string) []*Commune {
	code := strings.ToUpper(v)
	r := get()
	if c := r.byCode[code]; c != nil {
		return []*Commune{c}
	}
	if cs := byPostalValue(code); cs != nil {
		return cs
	}
	if cur, ok := r.former[code]; ok {
		return []*Commune{r.byCode[cur]}
	}
	return nil
}

// byINSEEValue reads code as an INSEE code only: a current commune's, else
// a former commune's as its current commune; nil when it is none.
func byINSEEValue(code string) []*Commune {
	r := get()
	if c := r.byCode[code]; c != nil {
		return []*Commune{c}
	}
	if cur, ok := r.former[code]; ok {
		return []*Commune{r.byCode[cur]}
	}
	return nil
}

// byPostalValue reads code as a postal code only: the communes it serves
// (an arrondissement rather than its city), else the placeholder code of
// Paris, Lyon or Marseille as the city; nil when it is none.
func byPostalValue(code string) []*Commune {
	if cs := ByPostalCode(code); len(cs) > 0 {
		var out []*Commune
		for _, c := range cs {
			// Paris lists 75001 as its 1er arrondissement does: the
			// arrondissement is what the code designates.
			if !slices.ContainsFunc(cs, func(a *Commune) bool { return a.City == c.Code }) {
				out = append(out, c)
			}
		}
		return byPopulation(out)
	}
	if c := CityOfPlaceholder(code); c != nil {
		return []*Commune{c}
	}
	return nil
}

// CodeClash is, for a code that is the current INSEE code of one commune
// and the postal code of others (16100: Chirac's INSEE code, Cognac's and
// Châteaubernard's postal code; 13001: Aix-en-Provence, Marseille 1er), the
// commune of each reading; nil, nil when the code is not both (75001 is no
// commune's INSEE code; a commune whose INSEE and postal codes are the same
// reads one way).
func CodeClash(value string) (insee *Commune, postal []*Commune) {
	code := strings.ToUpper(strings.TrimSpace(value))
	c := get().byCode[code]
	if c == nil {
		return nil, nil
	}
	pcs := byPostalValue(code)
	if len(pcs) == 0 || slices.ContainsFunc(pcs, func(a *Commune) bool { return a == c || a.City == c.Code || c.City == a.Code }) {
		return nil, nil
	}
	return c, pcs
}

// The explicit readings of a code a client may write, where a code is both
// an INSEE code and a postal code (CodeClash): insee:16100, postal:16100.
const (
	INSEEPrefix  = "insee:"
	PostalPrefix = "postal:"
)

// CityOfPlaceholder is the city a postal code written for the whole of
// Paris, Lyon or Marseille designates — its département's digits and 000,
// which no commune has (each arrondissement has its own: 13001–13016):
// 13000 is Marseille, all of it — else nil. Such codes answered 400 « not
// a commune » to the filter, where an address « 13000 Marseille » is read
// as Marseille (see PlaceholderCity).
func CityOfPlaceholder(pc string) *Commune {
	pc = strings.TrimSpace(pc)
	if len(pc) != 5 || pc[2:] != "000" || len(ByPostalCode(pc)) > 0 {
		return nil
	}
	for _, code := range arrCities {
		if c := ByCode(code); c != nil && c.Departement+"000" == pc {
			return c
		}
	}
	return nil
}

// qualified reads a département or postal code written after a commune's
// name: « Saint-Denis (974) », « Saint-Denis 974 », « Saint-Denis - 97400 ».
var qualified = regexp.MustCompile(`^(.+?)[\s,;/-]*[\s,;/(-]\(?\s*([0-9]{2,3}|2[abAB]|[0-9]{5})\s*\)?$`)

// splitQualifier returns the name and the département or postal code
// written after it, if any ("" for none).
func splitQualifier(v string) (name, dep, pc string) {
	m := qualified.FindStringSubmatch(v)
	if m == nil || len(ByName(v)) > 0 {
		return v, "", "" // « Marseille 13 » is an arrondissement's name
	}
	switch code := strings.ToUpper(m[2]); {
	case len(code) == 5:
		return m[1], "", code
	case KnownDepartement(code):
		return m[1], code, ""
	}
	return v, "", ""
}

// findName is the communes a name designates, nationally (see Find), in
// tiers, the first that finds any deciding: the name as written (its
// article too), exact, with the more populated communes it begins; the
// communes it begins; the name without the article written (« La Seyne »
// is not Seyne, 04, when La Seyne-sur-Mer begins with it); the communes
// it ends. in, when not nil, narrows each tier before it decides (a
// département, a postal code): a tier with none there gives way to the
// next. Filtered after deciding, « Villeneuve » in the 06 answered
// Villeneuve-Loubet alone, the one more populated than every exact
// Villeneuve, and « Saint-Martin » in the 13 none, the exact ones being
// elsewhere (verify 37b N2, N6).
func findName(name string, in func(*Commune) bool) []*Commune {
	r := get()
	k := Key(name)
	if k == "" {
		return nil
	}
	narrow := func(cs []*Commune) []*Commune {
		cs = uniq(slices.Clone(cs))
		if in == nil {
			return cs
		}
		return keep(cs, in)
	}
	exact := narrow(asWritten(r, name, k))
	short := narrow(beginningWith(k))
	if len(exact) == 0 {
		if len(short) > 0 {
			return short
		}
		if cs := narrow(ByName(name)); len(cs) > 0 {
			return cs
		}
		return narrow(endingWith(k))
	}
	most := 0
	for _, c := range exact {
		most = max(most, c.Population)
	}
	for _, c := range short {
		if c.Population > most && !slices.Contains(exact, c) {
			exact = append(exact, c)
		}
	}
	return exact
}

// asWritten is ByName without its last resort, the name without its
// article.
func asWritten(r *reference, name, k string) []*Commune {
	if a := r.arrondissementOf(k); a != nil {
		return []*Commune{a}
	}
	if cs := r.byKey[k]; len(cs) > 0 {
		return cs
	}
	return r.byKey[fold.Key(name, true)]
}

// beginningWith is the communes whose current name, or a former or
// delegated commune's name, begins with key followed by a word
// (« la seyne » → La Seyne-sur-Mer; « hellemmes » → Lille, of
// Hellemmes-Lille).
func beginningWith(key string) []*Commune {
	r := get()
	seen := map[*Commune]bool{}
	out := withPrefix(nil, r.sorted, key+" ", seen)
	return withPrefix(out, r.formerSorted, key+" ", seen)
}

// endingWith is the communes whose current name ends with key at a word
// (« courcouronnes » → Évry-Courcouronnes), for keys of five letters or
// more, as closeName reads them.
func endingWith(key string) []*Commune {
	if len(key) < 5 {
		return nil
	}
	var out []*Commune
	seen := map[*Commune]bool{}
	for _, kc := range get().sorted {
		if !seen[kc.c] && strings.HasSuffix(kc.key, " "+key) {
			seen[kc.c] = true
			out = append(out, kc.c)
		}
	}
	return out
}

// servedBy says whether the postal code serves c (or, for a city, one of
// its arrondissements).
func servedBy(c *Commune, pc string) bool {
	if c.HasPostalCode(pc) {
		return true
	}
	return slices.ContainsFunc(Arrondissements(c.Code), func(a *Commune) bool { return a.HasPostalCode(pc) })
}

func keep(cs []*Commune, ok func(*Commune) bool) []*Commune {
	return slices.DeleteFunc(cs, func(c *Commune) bool { return !ok(c) })
}

// byPopulation orders communes the most populated first, then by code.
func byPopulation(cs []*Commune) []*Commune {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Population != cs[j].Population {
			return cs[i].Population > cs[j].Population
		}
		return cs[i].Code < cs[j].Code
	})
	return cs
}
