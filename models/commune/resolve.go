package commune

import (
	"carnet/models/commune/internal/fold"
	"fmt"
	"hash/maphash"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"carnet/models/editdist"
)

// Address is what a record says about where it is: a postal code and a
// commune name (both required by the national standard), an INSEE code and
// coordinates when the producer gave them.
type Address struct {
	PostalCode string
	Name       string
	INSEE      string
	Lat, Lon   *float64
	// Street is the street line, read only for the arrondissement it
	// names (« 13e arrondissement ») in Paris, Lyon and Marseille when the
	// postal code does not tell it (see streetArrondissement).
	Street string
}

// Conflict is one reading of an address that contradicts the commune the
// others agree on. Field is the address field's own name: postal_code,
// commune, insee_code, or coordinates.
type Conflict struct {
	Field  string
	Reason string
}

// Resolution is what Resolve found.
type Resolution struct {
	// Commune is the commune (or, in Paris, Lyon and Marseille, the
	// arrondissement when the address tells which) the address is in; nil
	// when the readings are too few or too ambiguous to tell.
	Commune *Commune
	// Conflicts lists the readings that point elsewhere than Commune. Each
	// is a reading of a different département or commune, never a mere
	// spelling: spellings are Notes.
	Conflicts []Conflict
	// Doubts are readings that point to another commune of the same
	// département without outweighing the others, so that the commune
	// stands and API writes accept them (but a refuted postal code, see
	// PostalCodeRefuted), while a file's producer should hear of them: a
	// postal code that is other communes' own (not a CEDEX
	// code: Ambérieu's 01500 on a Bourg-en-Bresse address, Nouméa's 98800
	// on every New Caledonian one), coordinates within the tolerance but
	// far from the commune's centre and much nearer another's, and a
	// commune chosen by the coordinates alone among the postal code's
	// communes (field commune).
	Doubts []Conflict
	// PostalCodeRefuted: the postal code doubt is one the reference
	// settles, a code it lists for other communes only, in a territory
	// where it lists every code that serves each commune (shared codes and
	// communes with several codes: PostalCodesComplete), so that the code
	// does not serve the commune: Cognac's 16100 on an Angoulême address.
	// API writes refuse it; imports and syncs correct it like any doubt.
	// Nouméa's 98800 on a Mont-Dore address is not refuted: the reference
	// lists one code per New Caledonian commune.
	PostalCodeRefuted bool
	// ByPoint: the commune was chosen by the coordinates alone among the
	// postal code's communes, no name naming any of them (a doubt on the
	// commune). API writes keep such an address as written; a doubt on a
	// name that names no commune, or a place of a collectivity of one
	// commune (Gustavia, Marigot), is read as the commune there too.
	ByPoint bool
	// ElsewhereNamed: the commune name names a commune elsewhere, and the
	// postal code is a collectivity's of one commune (Saint-Barthélemy's
	// 97133, Saint-Martin's 97150), where the name was read as a place of
	// that commune (a doubt on the commune). Imports and syncs read it so
	// with a warning (« Marigot », Saint-Martin's chef-lieu, is also Le
	// Marigot in Martinique); API writes refuse it, saying what to write:
	// « Paris » with 97150, a slip of the postal code, moved a place to the
	// Caribbean without a word.
	ElsewhereNamed bool
	// Swapped: the coordinates conflict with the commune, and read the
	// other way round (latitude as longitude) they are in it. Imports and
	// syncs read them swapped; API writes refuse them, saying so.
	Swapped bool
	// Notes say what was read differently from how it was written (the
	// official name of « ST ETIENNE », a former commune's code, a postal code
	// of the département that is not the commune's own…). Nothing in them
	// is an error.
	Notes []string
}

// City is the commune itself: the city for an arrondissement.
func (r Resolution) City() *Commune {
	if r.Commune == nil || !r.Commune.IsArrondissement() {
		return r.Commune
	}
	return ByCode(r.Commune.City)
}

// Doubted reports whether field is among the doubts.
func (r Resolution) Doubted(field string) bool {
	for _, c := range r.Doubts {
		if c.Field == field {
			return true
		}
	}
	return false
}

// Conflicting reports whether field is among the conflicts.
func (r Resolution) Conflicting(field string) bool {
	for _, c := range r.Conflicts {
		if c.Field == field {
			return true
		}
	}
	return false
}

// Weights of the readings. The postal code outweighs the INSEE code when
// they alone disagree because the usual error in real files is an INSEE
// code looked up by name in a national list, which picks a homonym in
// another département (Mont-Dore, Puy-de-Dôme, for Le Mont-Dore, New
// Caledonia), while the postal code was written by someone who sends mail
// there. Agreement at département level counts almost as much as the exact
// code: CEDEX codes and the codes of a neighbouring distribution office are
// real postal codes of the place.
const (
	wPostalExact = 1.1
	wPostalDep   = 1.05
	wName        = 1.0
	wCode        = 1.0
	wPoint       = 1.0
	// wSlip: the postal code is one slip (a digit changed, or two next
	// to each other swapped) from a code of the named commune: 92000 for
	// Quimper, 29000. Name and slip outweigh the code alone, which named
	// Nanterre and moved the place 500 km; a point still decides.
	wSlip = 0.5
	// wOnlyName: the name designates one commune of France and the postal
	// code several, none of them that one, in another département: the
	// name is the only reading that decides (Saint-Thibéry, 34630, written
	// with 64360), where the place was kept without a commune, in the
	// postal code's département.
	wOnlyName = 0.15
)

// farFromCentreKm is the distance from a commune's centre beyond which a
// point much nearer another commune's centre is doubted: few communes reach
// 15 km from their centre. Nearer, a point is doubted when it is also more
// than three times as far from the centre as the nearest other commune's
// centre is (the commune's size, roughly: Thoissey's neighbour is 1.2 km
// away, a point 5 km out is in another commune).
const farFromCentreKm = 15

// nearestOtherKm is the distance from c's centre to the nearest other
// commune's centre (+Inf beyond 30 km). It depends on c alone and scans 49
// grid cells: remembered per commune, or it doubles an import's address
// resolution (a synthetic file's points are kilometres from the centres).
func nearestOtherKm(c *Commune) float64 {
	if d, ok := nearestOther.Load(c); ok {
		return d.(float64)
	}
	d := scanNearestOtherKm(c)
	nearestOther.Store(c, d)
	return d
}

// nearestOther caches nearestOtherKm: at most one entry per commune.
var nearestOther sync.Map // *Commune → float64

func scanNearestOtherKm(c *Commune) float64 {
	r := get()
	c0 := cell(c.Lat, c.Lon)
	best := math.Inf(1)
	for dy := -3; dy <= 3; dy++ {
		for dx := -3; dx <= 3; dx++ {
			for _, e := range r.grid[gridKey(c0[0]+dy, c0[1]+dx)] {
				if e.c != c && !e.c.IsArrondissement() && e.c.City != c.Code {
					best = min(best, DistanceKm(c.Lat, c.Lon, e.c.Lat, e.c.Lon))
				}
			}
		}
	}
	if best > 30 {
		return math.Inf(1)
	}
	return best
}

// pointTolerance is how far from a commune's centre a point may lie and
// still be read as in that commune: the largest metropolitan communes (Arles,
// Saintes-Maries-de-la-Mer) reach 30 km from their centre, French Guiana's
// communes hundreds.
func pointTolerance(c *Commune) float64 {
	switch c.Departement {
	case "973":
		return 200
	case "987", "988", "984", "986":
		return 60
	}
	return 35
}

// beyondDoubt says whether a point beyond c's tolerance (pointTolerance)
// lies elsewhere than c: more than twice the tolerance from its centre, or
// less than half as far from another commune's centre (near, the nearest).
// Otherwise it is in no commune's reach more than in c's: the centres of an
// archipelago's communes lie on their main islands, and Tiga, an island of
// Lifou, is 60 km from Lifou's centre and 50 from Maré's; the point is
// kept, with a doubt. On the mainland, where centres are a few kilometres
// apart, a point beyond the tolerance is always much nearer another centre.
func beyondDoubt(c, near *Commune, lat, lon float64) bool {
	d := DistanceKm(lat, lon, c.Lat, c.Lon)
	if near == nil || near == c || !near.HasCentre || d > 2*pointTolerance(c) {
		return true
	}
	return 2*DistanceKm(lat, lon, near.Lat, near.Lon) < d
}

// Resolve finds the commune of an address and cross-checks its readings —
// the INSEE code, the postal code (and its département), the commune name
// and the coordinates — keeping the commune most of them agree on:
// two agreeing readings outweigh a third. It never fails: what it cannot
// tell, it leaves nil, and what contradicts the result it lists as
// conflicts, for the caller to refuse (API writes) or to warn about and
// correct (imports and syncs).
func Resolve(a Address) Resolution {
	k := keyOf(a)
	slot := &memo[k.slot()]
	if m := slot.Load(); m != nil && m.key == k {
		return m.res.clone()
	}
	res := resolve(a, teller{})
	slot.Store(&memoEntry{key: k, res: res.clone()})
	return res
}

// ResolveOnce is Resolve for an address read once: neither looked up in
// the memo nor remembered there. An import reads each row's address with its
// own coordinates, which no other row shares, and carries the resolution to
// the row's later steps itself (models' placeRead): the memo's lookup, its
// entry and the copies of the lists, for nobody, were 2 % of a first
// import's CPU and three of its allocations a row (issue 11, item 6).
func ResolveOnce(a Address) Resolution { return resolve(a, teller{}) }

// ResolveCommune is Resolve for a caller that reads only the commune and
// which fields conflict or are doubted (Resolution.Conflicting, Doubted),
// its flags (ByPoint, Swapped…), not why: most reasons are "" and Notes
// empty (those of the readings, remembered, and of the arrondissement
// stay). An import's place
// whose commune was corrected is resolved again after its correction only
// to store the commune and département the corrected address resolves to;
// those reasons, formatted and thrown away, were a fifth of that second
// resolution (issue 11, item 6). Not remembered: a later Resolve of the
// address must still say why.
func ResolveCommune(a Address) Resolution {
	k := keyOf(a)
	if m := memo[k.slot()].Load(); m != nil && m.key == k {
		return m.res.clone()
	}
	return resolve(a, teller{quiet: true})
}

// teller words what resolve found: the reason of each conflict or doubt
// and the notes, or, quiet (ResolveCommune), the fields alone, without
// formatting what nobody reads.
type teller struct{ quiet bool }

// say adds a conflict or doubt on field to list, why it is when told.
func (t teller) say(list *[]Conflict, field string, why func() string) {
	reason := ""
	if !t.quiet {
		reason = why()
	}
	*list = append(*list, Conflict{field, reason})
}

// note adds a note, unless quiet.
func (t teller) note(notes *[]string, what func() string) {
	if !t.quiet {
		*notes = append(*notes, what())
	}
}

// The last resolutions, so that the several readings of one record while it
// is imported (mapped, reconciled, normalised, checked) resolve its address
// once: Resolve is a pure function of its input and of the reference, which
// is read once and never changes. Direct-mapped and lock-free: a slot holds
// the last address that hashed to it, and concurrent callers replace whole
// entries. A NaN coordinate never equals itself, so such an address is
// resolved every time.
var (
	memo     [1 << 12]atomic.Pointer[memoEntry]
	memoSeed = maphash.MakeSeed()
)

type memoKey struct {
	pc, name, insee string
	street          string
	coords          bool    // both coordinates given
	lat, lon        float64 // then
}

type memoEntry struct {
	key memoKey
	res Resolution
}

func keyOf(a Address) memoKey {
	k := memoKey{pc: a.PostalCode, name: a.Name, insee: a.INSEE}
	if mayNameArrondissement(a.Street) {
		// resolve reads the street only for an arrondissement it names
		// (streetArrondissement): keyed always, the memo would miss every
		// place of a file, each with its own street.
		k.street = a.Street
	}
	if a.Lat != nil && a.Lon != nil { // resolve reads neither otherwise
		k.coords, k.lat, k.lon = true, *a.Lat, *a.Lon
	}
	return k
}

func (k memoKey) slot() uint64 {
	return maphash.Comparable(memoSeed, k) & (uint64(len(memo)) - 1)
}

// clone copies the slices, so that no caller sees another's appends.
func (r Resolution) clone() Resolution {
	r.Conflicts, r.Doubts, r.Notes = slices.Clone(r.Conflicts), slices.Clone(r.Doubts), slices.Clone(r.Notes)
	return r
}

func resolve(a Address, t teller) Resolution {
	var res Resolution
	rd := readingsOf(a.PostalCode, a.Name, a.INSEE)
	pc, name, code := rd.pc, rd.name, rd.code
	codeCity, postal, postalDep, named := rd.codeCity, rd.postal, rd.postalDep, rd.named
	if len(rd.conflicts) > 0 {
		res.Conflicts = slices.Clone(rd.conflicts)
	}
	if len(rd.notes) > 0 && !t.quiet {
		res.Notes = slices.Clone(rd.notes)
	}
	var near *Commune
	hasPoint := a.Lat != nil && a.Lon != nil && !(*a.Lat == 0 && *a.Lon == 0)
	if hasPoint {
		near = nearestCity(*a.Lat, *a.Lon)
	}

	// Candidates: every commune some reading designates, once each (their
	// order is the sort's below).
	// On the stack for the usual handful (a make of a computed size is
	// always on the heap: 1.8 % of a first import's allocations).
	var listBuf [8]scored
	list := listBuf[:0]
	for _, c := range postal {
		list = append(list, scored{c: c})
	}
	for _, c := range named {
		if !postal.has(c) {
			list = append(list, scored{c: c})
		}
	}
	if codeCity != nil && !postal.has(codeCity) && !named.has(codeCity) {
		list = append(list, scored{c: codeCity})
	}
	if near != nil && !postal.has(near) && !named.has(near) && near != codeCity {
		list = append(list, scored{c: near})
	}
	pointAgrees := func(c *Commune) bool {
		if !hasPoint || !c.HasCentre {
			return false
		}
		return c == near || DistanceKm(*a.Lat, *a.Lon, c.Lat, c.Lon) <= pointTolerance(c)
	}
	score := func(c *Commune) float64 {
		s := 0.0
		switch {
		case postal.has(c):
			s += wPostalExact
		case postalDep != "" && c.Departement == postalDep && (len(postal) == 0 || named.has(c) || c == codeCity):
			// The département vouches for a commune another reading
			// names, or when the code is a CEDEX code of no commune; not
			// for the point's commune alone beside a code of other
			// communes: « Mairie, 24140 » with a point in Sarlat, 60 km
			// from every commune of 24140, was moved to Sarlat and its
			// code replaced by 24200 (verify 37b N5). The point conflicts.
			s += wPostalDep
		}
		if named.has(c) {
			s += wName
			if rd.slip.has(c) {
				s += wSlip
			}
			if len(named) == 1 && len(postal) > 1 && postalDep != "" && c.Departement != postalDep {
				s += wOnlyName
			}
		}
		if c == codeCity {
			s += wCode
		}
		if pointAgrees(c) {
			s += wPoint
		}
		return s
	}
	for i := range list {
		list[i].s = score(list[i].c)
	}
	// slices.SortFunc rather than sort.Slice, whose swapper and closure
	// were two allocations a resolution (issue 11, item 6); both are the
	// same pattern-defeating quicksort, insertion sort at this size.
	slices.SortFunc(list, func(x, y scored) int {
		if x.s != y.s {
			if x.s > y.s {
				return -1
			}
			return 1
		}
		return strings.Compare(x.c.Code, y.c.Code)
	})
	// A commune is resolved when one candidate is ahead of every other and
	// rests on at least one strong reading.
	var byPoint *Commune
	if len(list) == 0 || list[0].s < wPostalDep || (len(list) > 1 && math.Abs(list[0].s-list[1].s) < 1e-9) {
		if len(list) > 1 && list[0].s >= wPostalDep {
			byPoint = clearlyNearest(list[0].s, list, near, a)
			if byPoint == nil {
				t.note(&res.Notes, func() string {
					return fmt.Sprintf("the address fits several communes (%s, %s…); give the INSEE code", list[0].c.Name, list[1].c.Name)
				})
			}
		}
		if byPoint == nil {
			// Unresolved, but an INSEE code of a commune the name does
			// not designate is no reading of the address's commune to
			// keep beside that name: Aidants Connect's codes were looked
			// up by postal code (Thénac's 17444 for every commune of
			// 17460), and « Préguillac » was stored with Thénac's code,
			// found under Thénac by every filter.
			if codeCity != nil && len(named) > 0 && !named.has(codeCity) {
				t.say(&res.Conflicts, "insee_code", func() string {
					return fmt.Sprintf(
						"%s is the INSEE code of %s, but %q names %s, and the other fields do not tell which is right",
						code, codeCity.Name, name, communeList(named))
				})
			}
			if hasPoint {
				if c, ok := pointAwayFromKnown(rd, list, near, *a.Lat, *a.Lon); ok {
					res.Conflicts = append(res.Conflicts, c)
				}
			}
			return res
		}
	}
	city := list[0].c
	if byPoint != nil {
		city = byPoint
		if len(named) == 0 {
			t.say(&res.Doubts, "commune", func() string {
				next := math.Inf(1)
				for _, x := range list {
					if x.c != city && x.c.HasCentre && math.Abs(x.s-list[0].s) < 1e-9 {
						next = min(next, DistanceKm(*a.Lat, *a.Lon, x.c.Lat, x.c.Lon))
					}
				}
				return reasonByPoint(name, city, DistanceKm(*a.Lat, *a.Lon, city.Lat, city.Lon), next)
			})
			res.ByPoint = true
		}
	}

	// Conflicts: each reading given that points elsewhere.
	if codeCity != nil && codeCity != city {
		t.say(&res.Conflicts, "insee_code", func() string {
			return reasonCodeElsewhere(code, codeCity, city)
		})
	}
	if pc != "" && !postal.has(city) && !rd.foreign { // a foreign code is a conflict already
		switch {
		case postalDep != "" && postalDep != city.Departement:
			t.say(&res.Conflicts, "postal_code", func() string {
				return fmt.Sprintf(
					"%s is a postal code of département %s, but the commune is %s (département %s, postal codes %s)",
					pc, postalDep, city.Name, city.Departement, strings.Join(city.PostalCodes, ", "))
			})
		case len(city.PostalCodes) > 0 && len(postal) > 0:
			// Another commune's own code, not a CEDEX code (which no
			// commune lists): a slip of the producer's, or the code of
			// the head office.
			t.say(&res.Doubts, "postal_code", func() string {
				return reasonOthersPostalCode(pc, communeList(postal), city)
			})
			res.PostalCodeRefuted = PostalCodesComplete(city.Departement)
		case len(city.PostalCodes) > 0 && pc == city.Code:
			// The INSEE code in the postal code's column (77019 for
			// Balloy, 77118).
			t.say(&res.Doubts, "postal_code", func() string {
				return reasonCodeAsPostalCode(pc, city)
			})
			// No commune has it as a postal code (postal is empty): where
			// the reference lists every code, an API client is told
			// rather than have the INSEE code stored as a postal code
			// (Paris stored with « 75056 »); an import corrects it.
			res.PostalCodeRefuted = PostalCodesComplete(city.Departement)
		case len(postal) == 0 && len(city.PostalCodes) > 0 && !slices.ContainsFunc(city.PostalCodes, func(c string) bool { return len(pc) >= 2 && strings.HasPrefix(c, pc[:2]) }):
			// No commune's code, and not of the commune's part of the
			// country: no CEDEX code of Quimper begins with 20. It was
			// kept without a word (20900 for Quimper, 29000).
			t.say(&res.Conflicts, "postal_code", func() string {
				return fmt.Sprintf(
					"%s is the postal code of no commune, and not one of %s's département (postal codes %s)", pc, city.Name, strings.Join(city.PostalCodes, ", "))
			})
		case len(postal) == 0 && slices.ContainsFunc(city.PostalCodes, func(c string) bool { return oneSlip(pc, c) && !oneDigit(pc, c) }):
			// No commune's code, two digits of the commune's own
			// swapped (20196 for Bonifacio, 20169): a slip. One digit
			// changed is how CEDEX codes are made (46010 for Cahors,
			// 46000), which are kept.
			t.say(&res.Doubts, "postal_code", func() string {
				return fmt.Sprintf(
					"%s is the postal code of no commune, %s's (%s) with two digits swapped", pc, city.Name, strings.Join(city.PostalCodes, ", "))
			})
		case len(city.PostalCodes) > 0:
			t.note(&res.Notes, func() string {
				return notePostalCodeNotOf(pc, city)
			})
		}
	}
	if name != "" && !named.has(city) {
		switch {
		case len(named) > 0 && postal.has(city) && wholeTerritory(city):
			// The postal code is a whole collectivity's, itself one
			// commune (Saint-Barthélemy's 97133, Saint-Martin's 97150):
			// every place name written with it is a place of that
			// commune (« Marigot », Saint-Martin's chef-lieu, is also Le
			// Marigot in Martinique, 2,000 km away; « Colombier »,
			// « Lorient » are quarters of Saint-Barthélemy and communes
			// of metropolitan France). A doubt, as a name of no commune
			// is, not a conflict: the sync read Saint-Martin and an API
			// write refused it.
			t.say(&res.Doubts, "commune", func() string {
				return fmt.Sprintf(
					"%q names %s elsewhere, but %s is the postal code of %s alone, a collectivity of one commune: read as a place of %s (%s)",
					name, communeList(named), pc, city.Name, city.Name, city.Code)
			})
			res.ElsewhereNamed = true
		case len(named) > 0:
			t.say(&res.Conflicts, "commune", func() string {
				return fmt.Sprintf(
					"%q names another commune than %s (%s), which the other fields designate", name, city.Name, city.Code)
			})
		default:
			// A name of no commune at all (a neighbourhood, a lieu-dit,
			// a technopole, a typo beyond repair): the other fields
			// designate the commune, but the producer should hear that
			// its name was replaced (« Xyzville » became Nice without a
			// word).
			if !slices.ContainsFunc(res.Doubts, func(c Conflict) bool { return c.Field == "commune" }) {
				t.say(&res.Doubts, "commune", func() string {
					return reasonNoCommuneName(name, city)
				})
			}
		}
	}
	if hasPoint && city.HasCentre && !pointAgrees(city) && beyondDoubt(city, near, *a.Lat, *a.Lon) {
		// Latitude and longitude given in each other's place (GeoJSON
		// and most GIS tools write longitude first) is the commonest
		// cause; say so when the swapped point is in the commune.
		swapped := DistanceKm(*a.Lon, *a.Lat, city.Lat, city.Lon) <= pointTolerance(city)
		if swapped {
			res.Swapped = true
		}
		t.say(&res.Conflicts, "coordinates", func() string {
			d := DistanceKm(*a.Lat, *a.Lon, city.Lat, city.Lon)
			where := ""
			if near != nil {
				where = fmt.Sprintf(", near %s (département %s)", near.Name, near.Departement)
			}
			msg := fmt.Sprintf("the point is %.0f km from %s%s", d, city.Name, where)
			if swapped {
				msg += fmt.Sprintf("; latitude and longitude look swapped (%s lies at latitude %.4f, longitude %.4f)", city.Name, *a.Lon, *a.Lat)
			}
			return msg
		})
	}
	if hasPoint && city.HasCentre && !pointAgrees(city) && !beyondDoubt(city, near, *a.Lat, *a.Lon) {
		d, dn := DistanceKm(*a.Lat, *a.Lon, city.Lat, city.Lon), DistanceKm(*a.Lat, *a.Lon, near.Lat, near.Lon)
		t.say(&res.Doubts, "coordinates", func() string {
			return fmt.Sprintf(
				"the point is %.0f km from the centre of %s, farther than most communes reach, but hardly nearer that of any other commune (%s, %.0f km): an island or a far part of a large commune",
				d, city.Name, near.Name, dn)
		})
	}
	// Within the tolerance, which the largest communes need, a point may
	// still lie in a neighbour: far from the commune's centre and much
	// nearer another's.
	if hasPoint && city.HasCentre && near != nil && near != city && pointAgrees(city) {
		d, dn := DistanceKm(*a.Lat, *a.Lon, city.Lat, city.Lon), DistanceKm(*a.Lat, *a.Lon, near.Lat, near.Lon)
		if d > 5 && 3*dn < d && (d > farFromCentreKm || d > 3*nearestOtherKm(city)) {
			t.say(&res.Doubts, "coordinates", func() string {
				return reasonPointNearer(d, city, dn, near)
			})
		}
	}
	if rd.shortFor == city {
		res.Doubts = append(res.Doubts, Conflict{"commune", rd.shortMsg})
	}
	if named.has(city) && name != city.Name {
		t.note(&res.Notes, func() string { return fmt.Sprintf("%q is officially written %s", name, city.Name) })
	}

	var arrConflicts []Conflict
	res.Commune, arrConflicts = refine(city, pc, rd.byName, code, name, a)
	res.Conflicts = append(res.Conflicts, arrConflicts...)
	if arr := streetArrondissement(res.Commune, pc, a.Street); arr != nil {
		res.Commune = arr
		t.note(&res.Notes, func() string {
			return fmt.Sprintf("the street names %s, which the postal code %q does not tell", arr.Name, pc)
		})
	}
	if res.Commune.IsArrondissement() && hasPoint && res.Commune.HasCentre && !res.Conflicting("coordinates") {
		// Arrondissements are small: a point far from the one the postal
		// code or the name gives, and much nearer another's centre, is
		// doubted (producers give every place of a city the city's point).
		d := DistanceKm(*a.Lat, *a.Lon, res.Commune.Lat, res.Commune.Lon)
		var other *Commune
		dx := math.Inf(1)
		for _, x := range Arrondissements(city.Code) {
			if dd := DistanceKm(*a.Lat, *a.Lon, x.Lat, x.Lon); x != res.Commune && x.HasCentre && dd < dx {
				other, dx = x, dd
			}
		}
		if other != nil && d > 2 && 3*dx < d {
			t.say(&res.Doubts, "coordinates", func() string {
				return fmt.Sprintf(
					"the point is %.1f km from the centre of %s and %.1f km from that of %s", d, res.Commune.Name, dx, other.Name)
			})
		}
	}
	return res
}

// pointAwayFromKnown checks the point of an address whose commune stays
// unknown against what its readings do tell: the communes they designate
// (list, the candidates) and their départements, the postal code's
// above all. A point within the tolerance of one of them, or (when the
// postal code is of no commune) nearer a commune of one of those
// départements than of any other, stands; a point
// elsewhere is a conflict, as for a resolved commune: « Mairie de
// Maurens », 24140 (Dordogne), with a point in Loir-et-Cher, 300 km away,
// was kept and found at 0 km by every near search there (probe 37b H2).
// Nothing known (no candidate, no département), nothing to say.
func pointAwayFromKnown(rd *readings, list []scored, near *Commune, lat, lon float64) (Conflict, bool) {
	deps := map[string]bool{}
	if rd.postalDep != "" {
		deps[rd.postalDep] = true
	}
	var closest *Commune
	best := math.Inf(1)
	for _, x := range list {
		c := x.c
		if !rd.postal.has(c) && !rd.named.has(c) && c != rd.codeCity {
			continue // the point's own commune, which no reading designates
		}
		deps[c.Departement] = true
		if !c.HasCentre {
			continue
		}
		d := DistanceKm(lat, lon, c.Lat, c.Lon)
		if d <= pointTolerance(c) {
			return Conflict{}, false
		}
		if d < best {
			closest, best = c, d
		}
	}
	// The département alone vouches for the point when it is all the
	// postal code tells (a CEDEX code); a code of communes, none of them
	// near the point, does not (Sarlat for 24140, verify 37b N5).
	if len(deps) == 0 || near != nil && deps[near.Departement] && len(rd.postal) == 0 {
		return Conflict{}, false
	}
	var known []string
	for d := range deps {
		known = append(known, d)
	}
	sort.Strings(known)
	msg := fmt.Sprintf("the commune is unknown, but the address is in département %s", strings.Join(known, " or "))
	if closest != nil {
		msg += fmt.Sprintf(" and the point is %.0f km from %s, the nearest commune it may be", best, closest.Name)
	}
	if near != nil {
		msg += fmt.Sprintf("; the point lies near %s (département %s)", near.Name, near.Departement)
	} else {
		msg += "; the point lies far from every commune"
	}
	return Conflict{"coordinates", msg}, true
}

// wholeTerritory says whether c is the only commune of its département
// or collectivity and has a postal code of its own, served to no other
// commune: the code then names the whole territory (Saint-Barthélemy,
// 97133; Saint-Martin, 97150), whatever place name is written with it.
// Paris, the only commune of its département, has twenty codes, each an
// arrondissement's: no code of it names the whole.
func wholeTerritory(c *Commune) bool {
	if c == nil || c.IsArrondissement() || len(c.PostalCodes) != 1 || len(ByPostalCode(c.PostalCodes[0])) != 1 {
		return false
	}
	n := 0
	for _, x := range InDepartement(c.Departement) {
		if !x.IsArrondissement() {
			n++
		}
	}
	return n == 1
}

// readings is what an address's postal code, commune name and INSEE code
// say without its coordinates: the communes each designates, read once per
// distinct triple (readingsOf). An import's places share few of them (a
// few per commune), where each has its own point.
type readings struct {
	pc, name, code string // trimmed; the code in upper case
	codeCity       *Commune
	postal, named  communeSet // never written once built
	postalDep      string
	byName         []*Commune // ByName(name), for refine
	slip           communeSet // named communes the postal code is one slip from
	foreign        bool       // the postal code is no French one (NotFrenchPostalCode)
	conflicts      []Conflict // the INSEE code's, a foreign postal code's
	notes          []string   // the former INSEE code's, then the close name's
	// shortFor: the name names communes elsewhere, and was read as the
	// postal code's only commune, whose name it begins or ends (« Evry »
	// with 91000): a doubt on the commune, not a conflict.
	shortFor *Commune
	shortMsg string
}

// readingsOf returns the readings of an address's postal code, name and
// INSEE code, remembered (a pure function of its input and of the
// reference, which never changes): every place of an import is resolved at
// least twice, as written and as reconciled, and most share their commune
// with others.
func readingsOf(postalCode, name, insee string) *readings {
	k := readingsKey{postalCode, name, insee}
	if rd := readingsMemo.get(k); rd != nil {
		return rd
	}
	// The key's own copies: an import's cells may share a row's buffer,
	// which the memo would otherwise keep.
	k = readingsKey{strings.Clone(postalCode), strings.Clone(name), strings.Clone(insee)}
	rd := readAddress(k.pc, k.name, k.insee)
	readingsMemo.mu.Lock()
	readingsMemo.put(k, rd)
	readingsMemo.mu.Unlock()
	return rd
}

type readingsKey struct{ pc, name, insee string }

// readingsMemo holds the readings of the last readingsMemoSize to twice as
// many distinct addresses, in two generations: when the newer one is full
// it becomes the older, and the older is dropped; an address found in the
// older moves to the newer. A map rather than a direct-mapped table like
// Resolve's: an import's addresses come back after thousands of others (a
// direct-mapped table of 32,768 slots kept half of the synthetic file's).
// An entry is about 500 bytes: at most 32,768 of them, 16 MB, hold a
// national file's communes as written and as reconciled. It held 8,192 and
// was emptied when full: the synthetic file's 35,521 distinct addresses
// (10,000 as written, the rest as reconciled: its postal codes are no
// commune's, and each point's commune is read with them) were read again
// 148,000 times in 194,000 readings, now 54,000 (issue 11, item 6).
// Generations of 32,768 raised an import's peak live heap by 10 to 15 MiB
// without a saving the profile could tell while the readings held maps;
// held as small slices (communeSet), an entry is about half as large and
// two generations of 32,768 hold the synthetic file's addresses: 35,700
// readings of 192,000 instead of 54,700 (issue 11, item 6, session 39).
var readingsMemo = readingsCache{m: map[readingsKey]*readings{}}

type readingsCache struct {
	mu       sync.Mutex
	m, older map[readingsKey]*readings
}

const readingsMemoSize = 1 << 15 // see readingsMemo

// get returns the remembered readings of k, or nil.
func (r *readingsCache) get(k readingsKey) *readings {
	r.mu.Lock()
	defer r.mu.Unlock()
	if rd, ok := r.m[k]; ok {
		return rd
	}
	rd, ok := r.older[k]
	if ok {
		r.put(k, rd)
	}
	return rd
}

// put remembers rd as k's readings in the newer generation; r.mu is held.
func (r *readingsCache) put(k readingsKey, rd *readings) {
	if len(r.m) >= readingsMemoSize {
		r.older, r.m = r.m, make(map[readingsKey]*readings, readingsMemoSize)
	}
	r.m[k] = rd
}

func readAddress(postalCode, name, insee string) *readings {
	rd := &readings{}
	rd.pc = strings.TrimSpace(postalCode)
	rd.name = strings.TrimSpace(name)
	rd.code = strings.ToUpper(strings.TrimSpace(insee))
	pc, code := rd.pc, rd.code
	// Each reading, at city level (the arrondissement is chosen afterwards).
	if code != "" {
		c, former, ok := Get(code)
		switch {
		case !ok:
			rd.conflicts = append(rd.conflicts, Conflict{"insee_code", fmt.Sprintf("%q is not the INSEE code of a current or former commune", code)})
		default:
			rd.codeCity = cityOf(c)
			if former {
				rd.notes = append(rd.notes, fmt.Sprintf("INSEE code %s is a former commune's, now part of %s (%s)", code, rd.codeCity.Name, rd.codeCity.Code))
			}
		}
	}
	for _, c := range ByPostalCode(pc) {
		rd.postal = rd.postal.add(cityOf(c))
	}
	rd.postalDep = departementOfPostalCode(pc)
	if why := NotFrenchPostalCode(pc); why != "" {
		// No reading of any commune: the address is resolved (or not)
		// by its other fields, and the code is a conflict either way.
		rd.foreign = true
		rd.conflicts = append(rd.conflicts, Conflict{"postal_code", why})
	}
	rd.byName = ByName(rd.name)
	for _, c := range rd.byName {
		rd.named = rd.named.add(cityOf(c))
	}
	for _, c := range rd.named {
		if rd.postal.has(c) {
			continue
		}
		for _, code := range c.PostalCodes {
			if oneSlip(pc, code) {
				rd.slip = rd.slip.add(c)
				break
			}
		}
	}
	// A name that designates none of the postal code's communes may still
	// be one of them misspelt or lengthened (« TOURETTES-SUR-LOUP » for
	// Tourrettes-sur-Loup, « LE LUC-EN-PROVENCE » for Le Luc): among the
	// few communes of the postal code, one close name is enough.
	// So may a short or former name beside the postal code of one commune
	// (« Evry » with 91000 for Évry-Courcouronnes, « La Seyne » with 83500
	// for La Seyne-sur-Mer) that names another commune elsewhere (Évry in
	// the Yonne; Seyne, 04): a conflict the import corrected, with a
	// warning, and API writes refused with 422. It is read so on every
	// path, a doubt on the commune: imports and syncs warn, API writes
	// store the commune's official name (see models, readNamedPlace).
	if len(rd.postal) > 0 && rd.name != "" && !intersects(rd.named, rd.postal) && (len(rd.postal) > 1 || len(rd.named) > 0) {
		if c := closeName(Key(rd.name), rd.postal); c != nil {
			msg := fmt.Sprintf("%q read as %s, a commune of postal code %s", rd.name, c.Name, pc)
			if len(rd.postal) == 1 {
				rd.shortFor = c
				rd.shortMsg = fmt.Sprintf("%s (it also names %s)", msg, communeList(rd.named))
			} else {
				rd.notes = append(rd.notes, msg)
			}
			rd.named = rd.named.add(c)
		}
	}
	// So is a former name of the postal code's one commune that is also
	// the name of a commune elsewhere (« Evry » with 91000: Évry-
	// Courcouronnes was Évry until 2019, COG 2018; Évry, 89): the name
	// designates both, the postal code the first, with the same doubt.
	if p := rd.postal; rd.shortFor == nil && len(p) == 1 && rd.name != "" && len(rd.named) > 1 && rd.named.has(p[0]) &&
		Key(rd.name) != Key(p[0].Name) && slices.Contains(get().formerOf[p[0]], Key(rd.name)) {
		var others communeSet
		for _, c := range rd.named {
			if c != p[0] {
				others = others.add(c)
			}
		}
		rd.shortFor = p[0]
		rd.shortMsg = fmt.Sprintf("%q read as %s, a commune of postal code %s (it also names %s)", rd.name, p[0].Name, pc, communeList(others))
	}
	return rd
}

// nearestCity is the city (not the arrondissement) whose centre is nearest
// the point, within 200 km, remembered for the last points: a place's
// address is resolved as written and again as reconciled, at the same point.
func nearestCity(lat, lon float64) *Commune {
	k := [2]float64{lat, lon}
	slot := &nearMemo[maphash.Comparable(memoSeed, k)&(uint64(len(nearMemo))-1)]
	if m := slot.Load(); m != nil && m.key == k { // a NaN never equals itself: not remembered
		return m.c
	}
	near, _ := Nearest(lat, lon, 200)
	if near != nil {
		near = cityOf(near)
	}
	slot.Store(&nearEntry{key: k, c: near})
	return near
}

type nearEntry struct {
	key [2]float64
	c   *Commune
}

// An import reads a batch's thousand rows before it reconciles them: 8,192
// slots keep most points until their second reading.
var nearMemo [1 << 13]atomic.Pointer[nearEntry]

// refine picks the arrondissement of Paris, Lyon or Marseille the address is
// in, as Resolve picks the commune: the postal code when it is one
// arrondissement's own, the name (« Marseille 2e ») and the INSEE code each
// designate one, and the arrondissement most of them designate is kept (the
// postal code outweighs either alone, the name the code on a tie: the order
// refine always followed); each that designates another is a conflict, as
// between communes (75001 with 75119 was rewritten without a word). With
// none of them, the nearest arrondissement centre within 5 km, else the
// city.
func refine(city *Commune, pc string, byName []*Commune, code, name string, a Address) (*Commune, []Conflict) {
	arrs := Arrondissements(city.Code)
	if len(arrs) == 0 {
		return city, nil
	}
	var byPostal, byNamed, byCode *Commune
	n := 0
	for _, x := range arrs {
		if x.HasPostalCode(pc) {
			byPostal = x
			n++
		}
	}
	if n != 1 {
		byPostal = nil
	}
	if cs := byName; len(cs) == 1 && cs[0].City == city.Code {
		byNamed = cs[0]
	}
	if c := ByCode(code); c != nil && c.City == city.Code {
		byCode = c
	}
	score := map[*Commune]float64{}
	var order []*Commune // the readings' arrondissements, in refine's old order
	for _, r := range []struct {
		c *Commune
		w float64
	}{{byPostal, wPostalExact}, {byNamed, wName}, {byCode, wCode}} {
		if r.c == nil {
			continue
		}
		if _, ok := score[r.c]; !ok {
			order = append(order, r.c)
		}
		score[r.c] += r.w
	}
	if len(order) == 0 {
		if a.Lat != nil && a.Lon != nil {
			var best *Commune
			bestD := math.Inf(1)
			for _, x := range arrs {
				if d := DistanceKm(*a.Lat, *a.Lon, x.Lat, x.Lon); x.HasCentre && d < bestD {
					best, bestD = x, d
				}
			}
			if best != nil && bestD < 5 {
				return best, nil
			}
		}
		return city, nil
	}
	kept := order[0]
	for _, c := range order[1:] {
		if score[c] > score[kept]+1e-9 {
			kept = c
		}
	}
	var out []Conflict
	if byCode != nil && byCode != kept {
		out = append(out, Conflict{"insee_code", fmt.Sprintf(
			"%s is the INSEE code of %s, but the address is in %s (postal code %s)",
			code, byCode.Name, kept.Name, strings.Join(kept.PostalCodes, ", "))})
	}
	if byPostal != nil && byPostal != kept {
		out = append(out, Conflict{"postal_code", fmt.Sprintf(
			"%s is the postal code of %s, but the address is in %s (INSEE %s, postal codes %s)",
			pc, byPostal.Name, kept.Name, kept.Code, strings.Join(kept.PostalCodes, ", "))})
	}
	if byNamed != nil && byNamed != kept {
		out = append(out, Conflict{"commune", fmt.Sprintf(
			"%q names %s, but the address is in %s (%s)", name, byNamed.Name, kept.Name, kept.Code)})
	}
	return kept, out
}

// streetArrondissement is the arrondissement of city a street line names
// (« 10 bd Jourdan 13e arrondissement », « 13eme arr. ») when the
// postal code does not tell it: absent, or the placeholder people write for
// the whole city (13000, 69000, 75000). Such a place was filed under the
// city, found by commune=Marseille but by no arrondissement's filter. Nil
// otherwise, or when the street names no arrondissement of city.
func streetArrondissement(city *Commune, pc, street string) *Commune {
	if city == nil || street == "" || city.IsArrondissement() || (pc != "" && CityOfPlaceholder(pc) != city) {
		return nil
	}
	m := streetArr.FindStringSubmatch(Key(street))
	if m == nil {
		return nil
	}
	n, _ := strconv.Atoi(m[1])
	suffix := "e"
	if n == 1 {
		suffix = "er"
	}
	for _, c := range ByName(fmt.Sprintf("%s %d%s", city.Name, n, suffix)) {
		if c.City == city.Code {
			return c
		}
	}
	return nil
}

// mayNameArrondissement is a cheap superset of streetArr's matches (every
// one holds « arr » once folded), for the memo's key. It runs before every
// memo lookup: the street is folded on the stack, not by Key, which
// allocated for every street with an accent (most French ones) or a
// capital letter (issue 11, item 6).
func mayNameArrondissement(street string) bool {
	return fold.Contains(street, "arr")
}

// streetArr reads an arrondissement's number in a folded street line:
// « 13e arrondissement », « 13 eme arr », « 1er arrdt ».
var streetArr = regexp.MustCompile(`(?:^| )([0-9]{1,2}) ?(?:er|ere|e|eme|em|ieme)? ?arr(?:ondissement|dt|t)?(?: |$)`)

func cityOf(c *Commune) *Commune {
	if c != nil && c.City != "" {
		if city := ByCode(c.City); city != nil {
			return city
		}
	}
	return c
}

// departementOfPostalCode is the département a postal code is distributed
// in, from the communes that carry it or, for CEDEX and other codes no
// commune lists, from its first digits (Corsica: 200–201 Corse-du-Sud,
// 202–206 Haute-Corse; Saint-Barthélemy and Saint-Martin keep Guadeloupe's
// 97133 and 97150).
func departementOfPostalCode(pc string) string {
	if cs := ByPostalCode(pc); len(cs) > 0 {
		dep := cs[0].Departement
		for _, c := range cs[1:] {
			if c.Departement != dep {
				return "" // a code shared across a border tells no single département
			}
		}
		return dep
	}
	if len(pc) != 5 {
		return ""
	}
	for _, r := range pc {
		if r < '0' || r > '9' {
			return ""
		}
	}
	switch {
	case pc[:2] == "20":
		switch pc[2] {
		case '0', '1':
			return "2A"
		case '2', '3', '4', '5', '6':
			return "2B"
		}
		return ""
	case pc[:2] == "97" || pc[:2] == "98":
		if KnownDepartement(pc[:3]) {
			return pc[:3]
		}
		return ""
	}
	if KnownDepartement(pc[:2]) {
		return pc[:2]
	}
	return ""
}

// scored is a candidate commune and the weight of the readings for it.
type scored struct {
	c *Commune
	s float64
}

// clearlyNearest breaks a tie between the best candidates with the point:
// the commune whose centre is the nearest of all to the point wins when it is
// one of them, all of them have a centre, and every other is at least twice
// as far. Centres are points, not boundaries: closer calls stay unresolved.
func clearlyNearest(best float64, list []scored, near *Commune, a Address) *Commune {
	if near == nil || a.Lat == nil || a.Lon == nil {
		return nil
	}
	d := DistanceKm(*a.Lat, *a.Lon, near.Lat, near.Lon)
	if d > pointTolerance(near) {
		return nil
	}
	found := false
	for _, x := range list {
		if math.Abs(x.s-best) >= 1e-9 {
			continue
		}
		if x.c == near {
			found = true
			continue
		}
		if !x.c.HasCentre || DistanceKm(*a.Lat, *a.Lon, x.c.Lat, x.c.Lon) < 2*d {
			return nil
		}
	}
	if !found {
		return nil
	}
	return near
}

// communeList names a few communes, in code order.
func communeList(cs communeSet) string {
	l := slices.Clone(cs)
	sort.Slice(l, func(i, j int) bool { return l[i].Code < l[j].Code })
	var names []string
	for i, c := range l {
		if i == 3 && len(l) > 4 {
			names = append(names, fmt.Sprintf("and %d others", len(l)-3))
			break
		}
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

func intersects(a, b communeSet) bool {
	for _, c := range a {
		if b.has(c) {
			return true
		}
	}
	return false
}

// closeName returns the one commune among cands whose name key is close to
// key: one begins the other at a word boundary, or they differ by at most
// one edit (two for long names); failing any, the name ends the commune's
// at a word boundary, or is (the beginning of) a former, delegated or
// associated commune's name. Nil when none or several are, at the first
// tier that finds any.
func closeName(key string, cands communeSet) *Commune {
	first := func(c *Commune) bool {
		k := Key(c.Name)
		if strings.HasPrefix(key, k+" ") || strings.HasPrefix(k, key+" ") {
			return true
		}
		limit := 1
		if len(k) >= 12 {
			limit = 2
		}
		return len(key) >= 5 && editdist.Bounded(key, k, limit) <= limit
	}
	second := func(c *Commune) bool {
		// The end of the name, at a word (« Le Hom » for
		// Thury-Harcourt-le-Hom, « Saint Quentin » for
		// Marcillac-Saint-Quentin).
		if len(key) >= 5 && strings.HasSuffix(Key(c.Name), " "+key) {
			return true
		}
		// A former, delegated or associated commune's name, shortened
		// (« Hellemmes » for Hellemmes-Lille, associated with Lille).
		for _, f := range get().formerOf[c] {
			if f == key || strings.HasPrefix(f, key+" ") || strings.HasPrefix(key, f+" ") {
				return true
			}
		}
		return false
	}
	for _, close := range []func(*Commune) bool{first, second} {
		var found *Commune
		for _, c := range cands {
			if close(c) {
				if found != nil && found != c {
					return nil
				}
				found = c
			}
		}
		if found != nil {
			return found
		}
	}
	return nil
}

// oneSlip says whether two postal codes differ by one slip of the hand: one
// digit changed, or two adjacent digits swapped.
func oneSlip(a, b string) bool {
	if len(a) != 5 || len(b) != 5 || a == b {
		return false
	}
	var diff []int
	for i := range 5 {
		if a[i] != b[i] {
			diff = append(diff, i)
		}
	}
	switch len(diff) {
	case 1:
		return true
	case 2:
		i, j := diff[0], diff[1]
		return j == i+1 && a[i] == b[j] && a[j] == b[i]
	}
	return false
}

// oneDigit says whether two codes of the same length differ in one digit.
func oneDigit(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	n := 0
	for i := range len(a) {
		if a[i] != b[i] {
			n++
		}
	}
	return n == 1
}

// NotFrenchPostalCode says why pc, a code of five digits, cannot be a
// French postal code, "" when it may be one. La Poste numbers its codes
// within a département: the first two digits are the département's (20 for
// Corsica), the first three overseas (971–976, the collectivities 975,
// 977, 978, 984, 986–988 and Clipperton's 989); 96, 99 and 970, 979,
// 980–983, 985 are no département's (980 is Monaco's, not France's). A code
// outside them is refused by API writes (its commune could never be read,
// and the place was stored without one: « 99999 Paris »), read by imports
// with a warning. Within a département's numbers every code is accepted,
// listed by a commune or not: CEDEX codes, which the reference does not
// list, are allotted anywhere in them (75700 Paris Cedex 07; 13344
// Marseille Cedex 20, whose 133 begins Salon-de-Provence's 13300 too), so
// that no rule on the digits tells a CEDEX code from an unallotted one,
// not even in a département whose communes' codes are all listed
// (PostalCodesComplete). Codes of another shape are Validate's.
func NotFrenchPostalCode(pc string) string {
	pc = strings.TrimSpace(pc)
	if len(pc) != 5 || strings.Trim(pc, "0123456789") != "" || len(ByPostalCode(pc)) > 0 {
		return ""
	}
	switch p := pc[:2]; {
	case p == "20":
		return ""
	case p == "97" || p == "98":
		if KnownDepartement(pc[:3]) {
			return ""
		}
		return fmt.Sprintf("%s is not a French postal code: no département or overseas collectivity is numbered %s", pc, pc[:3])
	case KnownDepartement(p):
		return ""
	}
	return fmt.Sprintf("%s is not a French postal code: no département is numbered %s", pc, pc[:2])
}

// DepartementOfPostalCode is the département a postal code is distributed
// in: its communes' (when they are all of one), else, for CEDEX and other
// codes no commune lists, its first digits; "" when it tells none.
func DepartementOfPostalCode(pc string) string { return departementOfPostalCode(strings.TrimSpace(pc)) }

// communeSet is a small set of communes, in the order they were added:
// the communes a postal code or a name designates, a handful at most. A
// slice, not a map: every address of an import is read twice, and
// building, probing and ranging over small maps was a third of its
// readings' cost (issue 11, item 6); it also keeps the remembered
// readings small.
type communeSet []*Commune

// has says whether c is in s.
func (s communeSet) has(c *Commune) bool { return slices.Contains(s, c) }

// add returns s with c, added unless there already.
func (s communeSet) add(c *Commune) communeSet {
	if s.has(c) {
		return s
	}
	return append(s, c)
}
