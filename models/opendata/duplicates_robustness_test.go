package opendata_test

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/dedup"
)

// A habit is one way a producer writes its places that the labelled
// sets' producers may not share: another case, no accents, abbreviated
// street kinds, no contacts, no coordinates... Applied to every place of
// the labelled files other than the national one (the producer a judge
// would bring), or of the national one, it tells how much of detection's
// recall rests on a habit of the producers seen so far, and whether a
// habit the sets never held makes wrong links: reportHabits, with
// CARNET_DUP_HABITS (a regular expression choosing habits), over every
// labelled set; checkBenignHabits, always, over the set beside the
// repository. Only what reaches detection is rewritten: the importer
// stores communes by their reference name and phones as E.164, so those
// are not habits here.
type habit struct {
	name string
	// benign: the habit removes no information; a link lost or made is a
	// fault of reading, not a lack of evidence.
	benign bool
	apply  func(p *dedup.Place)
}

var streetAbbrev = []struct{ long, short string }{
	{"rue", "r"}, {"avenue", "av"}, {"boulevard", "bd"}, {"place", "pl"}, {"chemin", "ch"},
	{"route", "rte"}, {"allée", "all"}, {"allee", "all"}, {"impasse", "imp"}, {"square", "sq"},
	{"faubourg", "fbg"}, {"quai", "qu"}, {"cours", "crs"}, {"résidence", "res"}, {"residence", "res"},
	{"saint", "st"}, {"sainte", "ste"}, {"docteur", "dr"}, {"général", "gal"}, {"general", "gal"},
	{"maréchal", "mal"}, {"president", "pdt"}, {"président", "pdt"}, {"lotissement", "lot"},
}

var wordRE = regexp.MustCompile(`[\p{L}]+`)

func replaceWords(s string, f func(w string) string) string {
	return wordRE.ReplaceAllStringFunc(s, f)
}

func stripAccents(s string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return out
}

var (
	bisNumber      = regexp.MustCompile(`(?i)(\d+)\s*bis\b`)
	leadingArticle = regexp.MustCompile(`(?i)^(la|le|les|l')\s*`)
	singleDigit    = regexp.MustCompile(`^(\d)(\D)`)
)

var leadingNumber = regexp.MustCompile(`^\s*\d+\s*(bis|ter|[a-dA-D])?\b[\s,]*`)

var habits = []habit{
	{"upper case", true, func(p *dedup.Place) {
		p.Name, p.Street, p.Complement, p.Commune = strings.ToUpper(p.Name), strings.ToUpper(p.Street), strings.ToUpper(p.Complement), strings.ToUpper(p.Commune)
	}},
	{"lower case", true, func(p *dedup.Place) {
		p.Name, p.Street, p.Complement = strings.ToLower(p.Name), strings.ToLower(p.Street), strings.ToLower(p.Complement)
	}},
	{"no accents", true, func(p *dedup.Place) {
		p.Name, p.Street, p.Complement, p.Commune = stripAccents(p.Name), stripAccents(p.Street), stripAccents(p.Complement), stripAccents(p.Commune)
	}},
	{"street kinds abbreviated", true, func(p *dedup.Place) {
		p.Street = replaceWords(p.Street, func(w string) string {
			for _, a := range streetAbbrev {
				if strings.EqualFold(w, a.long) {
					return a.short
				}
			}
			return w
		})
	}},
	{"street kinds abbreviated with a dot", true, func(p *dedup.Place) {
		p.Street = replaceWords(p.Street, func(w string) string {
			for _, a := range streetAbbrev {
				if strings.EqualFold(w, a.long) {
					return strings.ToUpper(a.short[:1]) + a.short[1:] + "."
				}
			}
			return w
		})
	}},
	{"street kinds written out", true, func(p *dedup.Place) {
		p.Street = replaceWords(p.Street, func(w string) string {
			for _, a := range streetAbbrev {
				if strings.EqualFold(w, a.short) && len(w) > 1 {
					return a.long
				}
			}
			return w
		})
	}},
	{"comma after the number", true, func(p *dedup.Place) {
		if m := leadingNumber.FindString(p.Street); m != "" {
			p.Street = strings.TrimRight(strings.TrimSpace(m), ",") + ", " + strings.TrimSpace(p.Street[len(m):])
		}
	}},
	{"a leading zero before the number", true, func(p *dedup.Place) {
		p.Street = singleDigit.ReplaceAllString(p.Street, "0$1$2")
	}},
	{"« N° » before the number", true, func(p *dedup.Place) {
		if leadingNumber.MatchString(p.Street) {
			p.Street = "N° " + strings.TrimSpace(p.Street)
		}
	}},
	{"the complement after the street", true, func(p *dedup.Place) {
		if p.Complement != "" {
			p.Street, p.Complement = p.Street+", "+p.Complement, ""
		}
	}},
	{"postal box after the street", true, func(p *dedup.Place) {
		if p.Street != "" {
			p.Street += " BP 12"
		}
	}},
	{"postcode and commune in the street", true, func(p *dedup.Place) {
		if p.Street != "" {
			p.Street += ", " + p.PostalCode + " " + p.Commune
		}
	}},
	{"complement before the street", true, func(p *dedup.Place) {
		if p.Complement != "" {
			p.Street, p.Complement = p.Complement+" - "+p.Street, ""
		}
	}},
	{"hyphens for spaces in the name", true, func(p *dedup.Place) {
		p.Name = strings.ReplaceAll(p.Name, " ", "-")
	}},
	{"no apostrophes", true, func(p *dedup.Place) {
		p.Name = strings.NewReplacer("'", " ", "’", " ").Replace(p.Name)
		p.Street = strings.NewReplacer("'", " ", "’", " ").Replace(p.Street)
	}},
	{"commune after the name", true, func(p *dedup.Place) {
		if p.Commune != "" && !strings.Contains(strings.ToLower(p.Name), strings.ToLower(p.Commune)) {
			p.Name += " - " + p.Commune
		}
	}},
	{"commune in capitals after the name", true, func(p *dedup.Place) {
		if p.Commune != "" && !strings.Contains(strings.ToLower(p.Name), strings.ToLower(p.Commune)) {
			p.Name += " (" + strings.ToUpper(p.Commune) + ")"
		}
	}},
	{"acronyms written out", true, func(p *dedup.Place) {
		p.Name = replaceWords(p.Name, func(w string) string {
			if long, ok := acronyms[strings.ToUpper(w)]; ok && w == strings.ToUpper(w) {
				return long
			}
			return w
		})
	}},
	{"acronyms made", true, func(p *dedup.Place) {
		for short, long := range acronyms {
			if i := strings.Index(strings.ToLower(p.Name), strings.ToLower(long)); i >= 0 {
				p.Name = p.Name[:i] + short + p.Name[i+len(long):]
			}
		}
	}},
	{"websites as http://www.", true, func(p *dedup.Place) {
		var out []string
		for _, w := range p.Websites {
			host := strings.TrimPrefix(strings.TrimPrefix(w, "https://"), "http://")
			if !strings.HasPrefix(host, "www.") {
				host = "www." + host
			}
			out = append(out, "http://"+host)
		}
		p.Websites = out
	}},
	{"Saint as St in the name and street", true, func(p *dedup.Place) {
		st := func(w string) string {
			switch strings.ToLower(w) {
			case "saint":
				return "St"
			case "sainte":
				return "Ste"
			}
			return w
		}
		p.Name, p.Street = replaceWords(p.Name, st), replaceWords(p.Street, st)
	}},
	{"bis as a letter", true, func(p *dedup.Place) {
		p.Street = bisNumber.ReplaceAllString(p.Street, "${1}B")
	}},
	{"no article at the start of the name", true, func(p *dedup.Place) {
		p.Name = leadingArticle.ReplaceAllString(p.Name, "")
	}},
	{"no house number", false, func(p *dedup.Place) {
		p.Street = leadingNumber.ReplaceAllString(p.Street, "")
	}},
	{"no complement", false, func(p *dedup.Place) { p.Complement = "" }},
	{"no phone", false, func(p *dedup.Place) { p.Phones = nil }},
	{"no e-mail", false, func(p *dedup.Place) { p.Emails = nil }},
	{"no website", false, func(p *dedup.Place) { p.Websites = nil }},
	{"no contacts", false, func(p *dedup.Place) { p.Phones, p.Emails, p.Websites = nil, nil, nil }},
	{"no SIRET", false, func(p *dedup.Place) { p.Pivot, p.PivotKind = "", "unknown" }},
	{"no coordinates", false, func(p *dedup.Place) { p.Latitude, p.Longitude = nil, nil }},
	{"coordinates 150 m off", false, func(p *dedup.Place) { shift(p, 150) }},
	{"coordinates 400 m off", false, func(p *dedup.Place) { shift(p, 400) }},
	{"coordinates of the commune's centre", false, func(p *dedup.Place) {
		if p.Latitude == nil {
			return
		}
		// 1.5 km, the usual distance from a place to its commune's
		// town-hall point in the sets' small communes.
		shift(p, 1500)
	}},
	{"the commune's point for every place", false, func(p *dedup.Place) {
		// A geocoder's fallback when it does not find the street: every
		// place of the commune at one point.
		c := commune.ByCode(p.InseeCode)
		if p.Latitude == nil || c == nil || !c.HasCentre {
			return
		}
		lat, lon := c.Lat, c.Lon
		p.Latitude, p.Longitude = &lat, &lon
	}},
	{"no contacts, no SIRET", false, func(p *dedup.Place) {
		p.Phones, p.Emails, p.Websites = nil, nil, nil
		p.Pivot, p.PivotKind = "", "unknown"
	}},
	{"no contacts, no coordinates", false, func(p *dedup.Place) {
		p.Phones, p.Emails, p.Websites = nil, nil, nil
		p.Latitude, p.Longitude = nil, nil
	}},
}

// acronyms are names producers write either way.
var acronyms = map[string]string{
	"CCAS": "Centre communal d'action sociale",
	"CIAS": "Centre intercommunal d'action sociale",
	"EPN":  "Espace public numérique",
	"MJC":  "Maison des jeunes et de la culture",
	"MSAP": "Maison de services au public",
	"MFS":  "Maison France Services",
	"CAF":  "Caisse d'allocations familiales",
	"CPAM": "Caisse primaire d'assurance maladie",
	"MDS":  "Maison départementale des solidarités",
	"CSC":  "Centre socioculturel",
	"PIJ":  "Point information jeunesse",
	"CC":   "Communauté de communes",
}

// shift moves a place's coordinates m metres to the north-east.
func shift(p *dedup.Place, m float64) {
	if p.Latitude == nil || p.Longitude == nil {
		return
	}
	d := m / math.Sqrt2
	lat := *p.Latitude + d/111_320
	lon := *p.Longitude + d/(111_320*math.Cos(*p.Latitude*math.Pi/180))
	p.Latitude, p.Longitude = &lat, &lon
}

// dedupPlace is the place detection compares for x (models' placeOf):
// the measures of habits, the explanation of a pair and its dump read
// it alike.
func dedupPlace(x *models.Actor) dedup.Place {
	return dedup.Place{ID: x.ID, Source: x.Source, Producer: x.Producer, Name: x.Name, Pivot: x.Pivot, PivotKind: x.PivotKind,
		Street: x.Address.Street, Complement: x.Address.Complement, PostalCode: x.Address.PostalCode,
		InseeCode: x.Address.InseeCode, Commune: x.Address.Commune, Latitude: x.Latitude, Longitude: x.Longitude,
		Phones: x.Phones, Emails: x.Emails, Websites: x.Websites, PrivateContacts: !x.ContactPublic}
}

// habitRun compares the labelled pairs of one measured set as detection
// does (the département's block, MatchesOf), with a habit applied to one
// side's places.
type habitRun struct {
	actors map[string]*models.Actor
	idOf   map[string]string
	byDept map[string][]*models.Actor
	pairs  []habitPair
	dup    map[string]bool
}

type habitPair struct{ a, c, dept, key string }

func newHabitRun(actors map[string]*models.Actor, idOf map[string]string, labels []label) *habitRun {
	hr := &habitRun{actors: actors, idOf: idOf, byDept: map[string][]*models.Actor{}, dup: map[string]bool{}}
	for _, a := range actors {
		hr.byDept[a.Departement] = append(hr.byDept[a.Departement], a)
	}
	for _, l := range labels {
		a, c := idOf[l.file+":"+l.id], idOf["cnfs:"+l.cnfsID]
		if a == "" || c == "" || actors[a].Departement != actors[c].Departement {
			continue
		}
		k := l.file + ":" + l.id + "|cnfs:" + l.cnfsID
		hr.pairs = append(hr.pairs, habitPair{a, c, actors[a].Departement, k})
		hr.dup[k] = l.dup
	}
	return hr
}

// linked returns the labelled pairs linked with h applied to the national
// file's places (nationalSide) or to the others' (h nil: none), and, when
// explained, each pair's comparison for the log.
func (hr *habitRun) linked(h *habit, nationalSide, explained bool) (linked map[string]bool, explain map[string]string) {
	linked, explain = map[string]bool{}, map[string]string{}
	blocks := map[string]*dedup.Block{}
	matches := map[string]map[string]bool{} // a place's matches, found once
	matchesOf := func(blk *dedup.Block, a string) map[string]bool {
		if m, ok := matches[a]; ok {
			return m
		}
		m := map[string]bool{}
		for _, x := range blk.MatchesOf(a) {
			m[x.B] = true
		}
		matches[a] = m
		return m
	}
	for _, p := range hr.pairs {
		blk := blocks[p.dept]
		if blk == nil {
			var places []dedup.Place
			for _, x := range hr.byDept[p.dept] {
				q := dedupPlace(x)
				if h != nil && (x.Source == "cnfs") == nationalSide {
					h.apply(&q)
				}
				places = append(places, q)
			}
			blk = dedup.NewBlock(places)
			blocks[p.dept] = blk
		}
		if matchesOf(blk, p.a)[p.c] {
			linked[p.key] = true
		}
		if !explained {
			continue
		}
		if r, ok := blk.Compare(p.a, p.c); ok {
			explain[p.key] = fmt.Sprintf("score %.3f = name %.2f, place %.2f, identity %.2f: %v", r.Score, r.Name, r.Place, r.Identity, r.Reasons)
		}
	}
	return linked, explain
}

// changes lists the labelled duplicates linked in base and not in got
// (lost), and the labelled non-duplicates linked in got and not in base
// (made).
func (hr *habitRun) changes(base, got map[string]bool) (lost, made []string) {
	for k := range base {
		if hr.dup[k] && !got[k] {
			lost = append(lost, k)
		}
	}
	for k := range got {
		if !hr.dup[k] && !base[k] {
			made = append(made, k)
		}
	}
	sort.Strings(lost)
	sort.Strings(made)
	return lost, made
}

// reportHabits logs, for each habit, the labelled duplicates detection
// links with every non-national place written with it (or every national
// one), and the labelled non-duplicates it links, against the same
// figures without it. CARNET_DUP_HABITS is a regular expression choosing
// the habits; nothing runs without it.
func reportHabits(t *testing.T, actors map[string]*models.Actor, idOf map[string]string, labels []label) {
	only := os.Getenv("CARNET_DUP_HABITS")
	if only == "" {
		return
	}
	onlyRE := regexp.MustCompile(only)
	// CARNET_DUP_HABITS_NATIONAL=1 writes the national file's places with
	// the habit instead, the other files' as they are.
	nationalSide := os.Getenv("CARNET_DUP_HABITS_NATIONAL") != ""
	hr := newHabitRun(actors, idOf, labels)
	count := func(linked map[string]bool) (tp, fp int) {
		for k := range linked {
			if hr.dup[k] {
				tp++
			} else {
				fp++
			}
		}
		return
	}
	base, baseExplain := hr.linked(nil, nationalSide, true)
	btp, bfp := count(base)
	t.Logf("HABIT baseline: %d right links, %d wrong", btp, bfp)
	for i := range habits {
		h := &habits[i]
		if !onlyRE.MatchString(h.name) {
			continue
		}
		got, explain := hr.linked(h, nationalSide, true)
		tp, fp := count(got)
		lost, made := hr.changes(base, got)
		t.Logf("HABIT %-40s benign=%-5v right %d (%+d), wrong %d (%+d)", h.name, h.benign, tp, tp-btp, fp, fp-bfp)
		for _, k := range lost {
			t.Logf("HABIT-LOST %s: %s\n    before: %s\n    after:  %s", h.name, describePair(actors, idOf, k), baseExplain[k], explain[k])
		}
		for _, k := range made {
			t.Logf("HABIT-MADE %s: %s\n    before: %s\n    after:  %s", h.name, describePair(actors, idOf, k), baseExplain[k], explain[k])
		}
	}
}

// checkBenignHabits fails when a habit that removes no information loses
// or makes a link of the labelled pairs, on either side: the labelled set
// beside the repository holds every benign habit's links as they are.
func checkBenignHabits(t *testing.T, actors map[string]*models.Actor, idOf map[string]string, labels []label) {
	hr := newHabitRun(actors, idOf, labels)
	for _, nationalSide := range []bool{false, true} {
		base, _ := hr.linked(nil, nationalSide, false)
		for i := range habits {
			h := &habits[i]
			if !h.benign {
				continue
			}
			got, _ := hr.linked(h, nationalSide, false)
			if lost, made := hr.changes(base, got); len(lost)+len(made) > 0 {
				t.Errorf("habit %q (national side %v): links lost %q, made %q", h.name, nationalSide, lost, made)
			}
		}
	}
}

func describePair(actors map[string]*models.Actor, idOf map[string]string, k string) string {
	i := strings.LastIndex(k, "|")
	var parts []string
	for _, key := range []string{k[:i], k[i+1:]} {
		a := actors[idOf[key]]
		parts = append(parts, fmt.Sprintf("%s | %s | %s %s", a.Name, a.Address.Street, a.Address.PostalCode, a.Address.Commune))
	}
	return k + "\n    " + strings.Join(parts, "\n    ")
}
