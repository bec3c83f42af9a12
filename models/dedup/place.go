package dedup

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// onePoint is the distance within which two places' coordinates are read
// as one point (placeAgreement): one building or its square.
const onePoint = 50.0

// atOnePoint says whether the coordinates of a and c are within onePoint.
func atOnePoint(a, c *prepared) bool {
	d, ok := distance(a, c)
	return ok && d <= onePoint
}

// siteOfCommune says whether a name is a service's name, a dash and its
// commune only: France Services' list names so each site of a France
// Services of several sites (« France services Hérault Méditerranée -
// Pézenas »), which has no name of its own (housesFranceServices); not
// « … - Centre Ville », nor « … - Antenne de Belleherbe ».
func siteOfCommune(name string, commune map[string]bool) bool {
	head, tail := "", ""
	for _, dash := range []string{" - ", " – "} {
		if i := strings.LastIndex(name, dash); i >= 0 {
			if t := name[i+len(dash):]; tail == "" || len(t) < len(tail) {
				head, tail = name[:i], t // the last dash of either kind
			}
		}
	}
	if tail == "" || len(commune) == 0 {
		return false
	}
	// The list's names begin with the label (« France services Hérault
	// Méditerranée - Pézenas »); another name ending with its commune
	// (« Antenne Communauté de Communes … à l'Espace France Services - La
	// Rochefoucauld-en-Angoumois ») is that name, written as producers
	// write names.
	if hw := content(expand(head)); len(hw) == 0 || hw[0] != franceServicesKey {
		return false
	}
	ws := content(expand(tail))
	return len(ws) > 0 && !slices.ContainsFunc(ws, func(w string) bool { return !commune[w] })
}

// bareWords are the words a France Services' name may hold besides its
// commune's and still name no place of its own: the label (France
// Services, MSAP, and « FS », which no table expands), the kinds of
// structures that house one (CCAS, CIAS, a commune, an intercommunality),
// and a quarter's direction.
var bareWords = func() map[string]bool {
	m := set(franceServicesKey, stem("ccas"), stem("cias"), "fs",
		// A city's sites named by the quarter's direction (« France
		// services Tours Sud », « Amiens - Nord »): the direction tells
		// them apart, not which door.
		stem("nord"), stem("sud"), stem("est"), stem("ouest"))
	for k := range authorityKeys {
		m[k] = true
	}
	return m
}()

// numberedAddress says whether a and c give one street and one house
// number in one commune.
func numberedAddress(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if !sameTown(a, c, d, hasD) || streetSim(a, c) < 0.8 {
		return false
	}
	known, same := numbersAgree(a.st.numbers, c.st.numbers)
	return known && same
}

// onMairiesStreet says whether one place is on a street named after the
// mairie (« allée de la mairie », « place de l'hôtel de ville », see
// mairieStreet) within 50 m of the other, a mairie's record, in one town:
// the street says the place is at the mairie, whose record gives the
// mairie's own address (« Espace France Services », allée de la mairie,
// and « Commune de Sainte-Féréole Mairie », 3 square du 14 juillet, 18 m).
// That is the mairie's address, not another street's at the same point
// (placeAgreement), and the services it hosts there are its own
// (hostName), as at one address. Farther, the street runs past other
// doors. The street must be one (a street's type read): an address line
// that is « Hôtel de ville » alone names a building, which a mairie's record
// at its own number of another street does not say it is in (the CCAS of
// Meyreuil, « HOTEL DE VILLE », and the commune's record « Meyreuil » at 23
// avenue Jean Petit, 0 m: two doors, PACA set). And the mairie's record
// must name itself so (« Mairie », « Commune de »), not be a commune's name
// alone, read as the mairie's (communeNamedAlone) but as often a
// conseiller's permanence elsewhere in the commune.
func onMairiesStreet(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if !hasD || d > 50 || !sameTown(a, c, d, hasD) {
		return false
	}
	on := func(p, m *prepared) bool {
		return p.st.typed && mairieStreet(p.st) && slices.Contains(content(m.raw), mairieKey)
	}
	return on(a, c) || on(c, a) || mairieSeat(a, c) || mairieSeat(c, a)
}

// onMairiesStreetUnplaced is onMairiesStreet's reading without
// coordinates on one side: both places written on one street named after
// the mairie (« PL DE L'HOTEL DE VILLE »), their numbers not disagreeing,
// one of them a mairie's record naming itself so, are at the mairie as one
// point would say (« CCAS de la commune de Peyruis » in Aidants Connect's
// list, no coordinates, and the hub's « Commune de Peyruis », both on the
// square without a number). Two numbers of the square are two doors.
func onMairiesStreetUnplaced(a, c *prepared) bool {
	if !streetAgreesUnplaced(a, c) || !a.st.typed || !c.st.typed || !mairieStreet(a.st) || !mairieStreet(c.st) {
		return false
	}
	return slices.Contains(content(a.raw), mairieKey) || slices.Contains(content(c.raw), mairieKey)
}

// mairieStreet says whether a street's words name the mairie: « mairie »
// or « hôtel de ville ».
func mairieStreet(st street) bool {
	for i, w := range st.words {
		if w == mairieKey || w == hotelKey && i+1 < len(st.words) && st.words[i+1] == villeKey {
			return true
		}
	}
	return false
}

var hotelKey, villeKey = stem("hotel"), stem("ville")

// addressAgrees says whether two places have one address: the same
// commune and street with the same house number, or a number missing on
// one side within 150 m, or one building.
func addressAgrees(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if !sameTown(a, c, d, hasD) {
		return false
	}
	if sameBuilding(a, c) {
		return true
	}
	if streetSim(a, c) < 0.8 {
		return false
	}
	known, same := numbersAgree(a.st.numbers, c.st.numbers)
	return same && (known || hasD && d <= 150)
}

// nextDoor is the host-authority rule's second reading of one address: the
// same street of one commune within 50 m, whatever the house numbers. An
// authority's premises span several numbers of a street front (an
// intercommunality at 6 and the France Services it runs at 4, 20 m apart);
// farther up the street, another number is another building.
func nextDoor(a, c *prepared) bool {
	d, hasD := distance(a, c)
	return hasD && d <= 50 && sameTown(a, c, d, hasD) && streetSim(a, c) >= 0.8
}

// oneStreet says whether a and c, in one commune, give one street (their
// numbers differing or missing): without coordinates, what stands for
// namesakeRadius. Producers without a geocoder (Aidants Connect's list
// has no coordinates at all) write a place at SIRENE's number and others
// at its door's: « Maison des Services de Saint-Aigulin » at 1 and at 72
// rue Victor Hugo, « FRANCE SERVICES PLOUHA » at 15 and 22 avenue Laennec.
func oneStreet(a, c *prepared) bool {
	return len(a.st.words) > 0 && !a.st.building && !c.st.building && streetSim(a, c) >= 0.8 && sameTown(a, c, 0, false)
}

// sameStreetPlace is the place agreement of two places on one street whose
// numbers differ or are missing (placeAgreement).
const sameStreetPlace = 0.75

// near is blocking: the same postal code, INSEE code or commune, or within
// candidateRadius.
func near(a, c *prepared) bool {
	if a.PostalCode != "" && a.PostalCode == c.PostalCode || a.InseeCode != "" && a.InseeCode == c.InseeCode ||
		a.town != "" && a.town == c.town {
		return true
	}
	d, ok := distance(a, c)
	return ok && d <= candidateRadius
}

// distance is the distance in metres between a and c, when both have
// coordinates.
func distance(a, c *prepared) (float64, bool) {
	if a.Latitude == nil || a.Longitude == nil || c.Latitude == nil || c.Longitude == nil {
		return 0, false
	}
	switch {
	case a.distTo == c.Place:
		return a.distM, true
	case c.distTo == a.Place:
		return c.distM, true
	}
	d := haversineCos(*a.Latitude, *a.Longitude, *c.Latitude, *c.Longitude, a.cosLat, c.cosLat)
	a.distTo, a.distM = c.Place, d
	return d, true
}

// streetSim is streetSimilarity of a's and c's streets, remembered for the
// last pair as distance is: a comparison reads it through a dozen rules,
// and at a crowded address every candidate is read through most of them.
func streetSim(a, c *prepared) float64 {
	switch {
	case a.stTo == c.Place:
		return a.stSim
	case c.stTo == a.Place:
		return c.stSim
	}
	s := streetSimilarity(a.st, c.st)
	a.stTo, a.stSim = c.Place, s
	return s
}

// haversine returns the distance in metres between two WGS84 points.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	return haversineCos(lat1, lon1, lat2, lon2, math.Cos(lat1*math.Pi/180), math.Cos(lat2*math.Pi/180))
}

// haversineCos is haversine given the cosines of the two latitudes (in
// radians), which a place computes once (prepare): detection measures each
// place's distance to hundreds of others. Each sine is computed once too;
// the terms are multiplied in haversine's former order, so the distance
// is the same to the bit (TestHaversineAsBefore).
func haversineCos(lat1, lon1, lat2, lon2, cos1, cos2 float64) float64 {
	const r = 6371000
	dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
	sp, sl := math.Sin(dp/2), math.Sin(dl/2)
	h := sp*sp + cos1*cos2*sl*sl
	return 2 * r * math.Asin(math.Sqrt(h))
}

// placeAgreement compares where the two places are, from -1 (clearly two
// places) to 1 (one address). The address wins over the coordinates when
// they disagree: geocoders put a whole village on one point, and producers
// copy coordinates from a structure's head office; so two records with one
// street and house number are one place even 2 km apart, and identical
// coordinates with two different streets are not proof either.
func placeAgreement(a, c *prepared, r *Result) float64 {
	d, hasD := distance(a, c)
	if hasD && r != nil {
		dm := math.Round(d*10) / 10
		r.DistanceM = &dm
	}
	sim := streetSim(a, c)
	knownNum, sameNum := numbersAgree(a.st.numbers, c.st.numbers)
	sameStreet := sim >= 0.8
	bothStreets := len(a.st.words) > 0 && len(c.st.words) > 0 && !a.st.building && !c.st.building
	otherStreet := bothStreets && sim < 0.3 && !onMairiesStreet(a, c)
	town := sameTown(a, c, d, hasD)
	if town {
		switch {
		case sameStreet && knownNum && sameNum:
			r.add("same_address", "même adresse")
			return 1 + farNote(d, hasD, r)
		case sameBuilding(a, c):
			r.add("same_building", "même bâtiment")
			if hasD && d <= 150 {
				// The coordinates agree too: one address, as an
				// address that does not contradict the other counts
				// at one point (below); the building recognised must
				// not count less than the building unread, nor than
				// one street read without its number within 150 m
				// (same_street): the CCAS at « Mairie du Prêcheur,
				// Bourg » and the mairie's record « BOURG », 87 m.
				return 1 + farNote(d, hasD, r)
			}
			if sameStreet && sameNum && a.st.typed && c.st.typed {
				// The building on one street, a number missing on
				// one side: the building says which door of the
				// street, as the number would, and the address
				// overrules the points as one numbered address does
				// (« 2 RUE ARISTIDE FINCO », complement « Centre
				// Alexis Peyret », and the centre social Alexis
				// Peyret, rue Aristide Finco, 1.2 km by the points).
				// Streets both, a type read: a line that names a
				// building (« Hôtel de Ville », « Bourg ») is the
				// building alone, whose points still count.
				return 1 + farNote(d, hasD, r)
			}
			return 0.9 + farNote(d, hasD, r)
		case sameStreet && sameNum: // a number is missing on one side
			r.add("same_street", "même rue")
			if hasD && d <= 150 || !hasD && unnumberedSquare(a, c) {
				return 1 + farNote(d, hasD, r)
			}
			return 0.75 + farNote(d, hasD, r)
		case sameStreet:
			r.add("other_number", "même rue, autre numéro")
			if hasD && d <= 50 {
				return 0.75 + farNote(d, hasD, r)
			}
			return 0.5 + farNote(d, hasD, r)
		}
	}
	if !hasD && !town && sameStreet && knownNum && sameNum && oneAddressOfPostalCode(a, c) {
		r.add("same_address", "même adresse")
		return 1
	}
	if !town && sameStreet && sameNum && postalTown(a, c) {
		r.add("postal_town", "même SIRET et même adresse, commune écrite par son bureau distributeur")
		if knownNum || unnumberedSquare(a, c) {
			return 1
		}
		return sameStreetPlace
	}
	if !hasD {
		if otherStreet || !town {
			r.add("other_street", "adresses différentes")
			return -1
		}
		return 0
	}
	if r != nil {
		r.add("distance", distanceLabel(d))
	}
	// One address is a building's name or unreadable: it does not
	// contradict the other, and the coordinates decide within a commune.
	unknownStreet := !otherStreet && town
	switch {
	case d <= 50 && !otherStreet:
		return 1
	case d <= 50 && knownNum && sameNum:
		// The same house number at the same point: a street known by
		// two names (one was renamed).
		return 0.75
	case d <= 50:
		// The same point for two streets is usually a geocoder's
		// centre of the commune.
		return 0.5
	case d <= 150 && !otherStreet:
		return 0.6
	case d <= 150:
		return 0.4
	case d <= 1000 && unknownStreet:
		return 0.6
	case d <= 500:
		return 0.25
	case d <= 1000 && town:
		// Another street of the same commune within a kilometre: an
		// old address or another entrance as often as another place;
		// the addresses say nothing either way.
		return 0
	case otherStreet || !town:
		return -1
	}
	return 0
}

// oneAddressOfPostalCode says whether a and c, one street and one house
// number under two communes without coordinates on one side, may be one
// address of their postal code: it is one, and neither name names its
// own commune and not the other's. A list that gives a postal code and no
// commune (Aidants Connect's) has the importer take the one its address
// line names among the postal code's communes, a road's destination as
// often as its commune (« 31 B RTE DE RIANS » under Rians, the France
// Services' record of the place under Les Aix-d'Angillon, 18220); a
// record with no commune at all is read in the other's (sameTown). Two
// mairies at the « place de la Mairie » of two communes of one postal
// code name their communes: two places. So do two local authorities'
// records, and a street named after the mairie, which every commune has
// (« 6 B RUE DE LA MAIRIE » of Plumelin and « 6 place de la mairie » of
// Évellys' delegated commune, 56500).
func oneAddressOfPostalCode(a, c *prepared) bool {
	if a.PostalCode == "" || a.PostalCode != c.PostalCode || a.st.building || c.st.building ||
		mairieStreet(a.st) || mairieStreet(c.st) || a.authority && c.authority {
		return false
	}
	return !(namesOwnCommuneOnly(a, c) && namesOwnCommuneOnly(c, a))
}

// namesOwnCommuneOnly says whether p's name holds a distinctive word of
// p's commune and none of o's.
func namesOwnCommuneOnly(p, o *prepared) bool {
	own, other := false, false
	for _, w := range p.raw {
		if len(w) < 4 || genericTownWords[w] {
			continue
		}
		own = own || p.commune[w]
		other = other || o.commune[w]
	}
	return own && !other
}

// unnumberedSquare says that two places on one street are on a square
// (place, square, esplanade, parvis) neither gives a number on: a square's
// doors lie within the 150 m that coordinates would be asked to confirm
// for a street, so without coordinates its name alone is the address
// (TestCompareUnnumberedSquareWithoutCoordinates). The host rules'
// addressAgrees does not take it: their check that an authority's contacts
// name no other door needs coordinates.
func unnumberedSquare(a, c *prepared) bool {
	return len(a.st.numbers) == 0 && len(c.st.numbers) == 0 && (a.st.kind == "place" || c.st.kind == "place")
}

// genericTownWords do not make two communes one.
var genericTownWords = set("saint", "sainte", "sur", "sou", "mer", "pont", "mont", "val", "bourg", "ville", "vieux")

// sameTown says whether two places are in one commune: the same INSEE code
// when both are known, else the same name (arrondissements aside), a
// distinctive word in common (« Château-Arnoux-Saint-Auban » and « Saint
// Auban »), or one postal code within 3 km (a record filed under the
// neighbouring commune).
func sameTown(a, c *prepared, d float64, hasD bool) bool {
	if a.InseeCode != "" && c.InseeCode != "" {
		// Codes are resolved against the commune reference: Marseille's
		// arrondissements are one town, and a record filed under the
		// neighbouring commune of its postal code may still be the place.
		if cityCode(a.InseeCode) == cityCode(c.InseeCode) {
			return true
		}
		return a.PostalCode == c.PostalCode && hasD && d <= 3000
	}
	if a.town == "" || c.town == "" || a.town == c.town {
		return true
	}
	for w := range a.commune {
		if c.commune[w] && len(w) >= 4 && !genericTownWords[w] {
			return true
		}
	}
	return a.PostalCode == c.PostalCode && hasD && d <= 3000
}

// farNote says that coordinates disagree with an address that agrees, and
// returns no adjustment: the address wins.
func farNote(d float64, hasD bool, r *Result) float64 {
	if r == nil {
		return 0
	}
	if hasD && d > 500 {
		r.add("far_coordinates", "coordonnées à "+distanceLabel(d)+" malgré la même adresse")
	} else if hasD {
		r.add("distance", distanceLabel(d))
	}
	return 0
}

// sameBuilding: one address line names a building (« Maison de Pays »,
// « Hôtel de ville ») that the other place's address or name also names. A
// line made of the commune's name only is no building.
func sameBuilding(a, c *prepared) bool {
	in := func(bw []string, o *prepared) bool {
		if len(bw) == 0 || coverage(bw, keys(a.commune, c.commune), nil) == 1 {
			return false
		}
		var other []string
		other = append(other, o.st.words...)
		other = append(other, o.building...)
		other = append(other, o.name...)
		other = append(other, o.raw...)
		return coverage(bw, other, nil) >= 0.8
	}
	return in(a.building, c) || in(c.building, a)
}

// repeatsName reports whether an address complement only repeats the
// place's own name (the odspep directory writes each name there, cut to 38
// capitals): it names no building, and read as one it made the name count
// twice, as a name and as « même bâtiment ».
func repeatsName(complement []string, q *prepared) bool {
	return len(complement) > 0 && coverage(complement, q.raw, nil) >= 0.8
}

func distanceLabel(d float64) string {
	// strconv rather than fmt (the same digits): every candidate of a
	// block gets this label, most of them before being set aside.
	if d < 1000 {
		return strconv.FormatFloat(d, 'f', 0, 64) + " m"
	}
	return frenchFloat(d/1000, 1) + " km"
}

func frenchFloat(f float64, decimals int) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', decimals, 64), ".", ",", 1)
}
