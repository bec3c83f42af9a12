package dedup

import (
	"cmp"
	"math"
	"slices"
)

// Threshold is the score from which two places are linked as possible
// duplicates.
const Threshold = 0.6

// Weights of the three kinds of evidence in the score (see the package
// documentation). A perfect name alone (0.4) or a perfect address alone
// (0.35) is never enough; any two of name, place and a shared identifier
// are.
const (
	weightName     = 0.4
	weightPlace    = 0.35
	weightIdentity = 0.4
	// penaltyOtherSIREN applies when both places carry a known SIREN and
	// they differ: two legal entities, though one may host the other.
	penaltyOtherSIREN = 0.1
)

// Strengths of shared identifiers, before being divided by how many places
// of one source carry the value (a network's switchboard number or
// national mailbox is weak evidence).
const (
	strengthSIRET  = 0.8
	strengthRNA    = 0.8
	strengthSIREN  = 0.35 // the same legal entity, maybe another of its sites
	strengthPhone  = 0.8
	strengthEmail  = 0.8
	strengthURL    = 0.6
	strengthDomain = 0.3
	// strengthNamedDomain: one place's website or e-mail domain spells the
	// other's name.
	strengthNamedDomain = 0.7
)

// candidateRadius bounds the places compared beyond the postal code and the
// commune: a wrong postal code or a coordinate off by a few kilometres still
// meets its twin.
const candidateRadius = 5000.0

// Place is what detection reads of an actor. Phones are E.164, e-mails
// lower-case, websites normalised URLs, as the models store them.
type Place struct {
	ID, Source string
	// Producer is who produced the record, as its source names it (an
	// aggregated file's row producer); empty when unknown. Two places of
	// one source are compared when their producers differ (candidates).
	Producer                                  string
	Name                                      string
	Pivot, PivotKind                          string
	Street, Complement, PostalCode, InseeCode string
	Commune                                   string
	Latitude, Longitude                       *float64
	Phones, Emails, Websites                  []string
	// PrivateContacts says the phones and e-mails are not public: a
	// public comparison (Block.PublicScore) leaves them out.
	PrivateContacts bool
}

// Reason is one signal behind a score, for people deciding on a link:
// a code for programs and a French label (« même SIRET », « 40 m »).
type Reason struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Result is the comparison of two places.
type Result struct {
	Score float64
	// Name is the similarity of the names, from 0 to 1.
	Name float64
	// Place is the agreement of the addresses and coordinates, from -1
	// (clearly elsewhere) to 1 (the same address).
	Place float64
	// Identity is the evidence of shared identifiers, from 0 to 1.
	Identity  float64
	DistanceM *float64
	// SamePivot: the same SIRET, SIREN or RNA.
	SamePivot bool
	Reasons   []Reason
}

// add appends a reason; a nil result (a comparison whose score only is
// wanted, see compareAbove) keeps none.
func (r *Result) add(code, label string) {
	if r != nil {
		r.Reasons = append(r.Reasons, Reason{code, label})
	}
}

// Match is a pair of places of two sources scoring at least Threshold.
type Match struct {
	A, B string // ids
	Result
}

// Block is a set of places compared with each other: in the store, the live
// actors of one département. It knows how common each name word is (rare
// words weigh more) and how many places of each source carry each
// identifier. It caches as it compares, so it is not for concurrent use:
// one goroutine at a time (detection builds one per département and pass).
type Block struct {
	places []*prepared
	byID   map[string]*prepared
	df     map[string]int
	byKey  map[key][]*prepared
	// carriers caches, by value and source, the number of distinct
	// locations of the places carrying the value; publicCarriers the same
	// among the places whose phones and e-mails are public.
	carriers, publicCarriers map[key]map[string]int
	// namesakes counts the places of each source and commune by name
	// (nameKey), for onlyNamesakes; nameSites the distinct locations of
	// each source's places by name (siteName), for nameOfSeveralSites.
	namesakes, nameSites map[string]int
	// ccasSites counts the locations of each source's CCAS in each
	// commune, byCCAS lists them (countCCASSites).
	ccasSites map[string]int
	byCCAS    map[string][]*prepared
	// fsSites and byFS are the same for each source's France Services
	// (countFranceServicesSites).
	fsSites map[string]int
	byFS    map[string][]*prepared
	// byName lists the places of each source by name (nameKey, then
	// siteName), for Related.
	byName map[string][]*prepared

	// Yield, when set, is called every yieldEvery candidates that
	// MatchesOf considers: detection runs beside the writes it follows,
	// and its caller may give the CPU to them there (runtime.Gosched while
	// writes wait for the writer). It changes no result.
	Yield func()
}

// yieldEvery is how many candidates MatchesOf considers between two calls
// of Block.Yield: a few hundred microseconds of comparisons.
const yieldEvery = 32

// NewBlock prepares places for comparison.
func NewBlock(places []Place) *Block {
	b := &Block{byID: make(map[string]*prepared, len(places)), df: map[string]int{},
		byKey: map[key][]*prepared{}, carriers: map[key]map[string]int{}, publicCarriers: map[key]map[string]int{},
		namesakes: map[string]int{}, nameSites: map[string]int{}}
	for i := range places {
		b.places = append(b.places, prepare(&places[i]))
	}
	// What a source's carriers of a value or its namesakes count as
	// locations (locations, nameSites) is read greedily in this order, and
	// the store gives a département's actors in no fixed order (their ids
	// are random within a millisecond): sorted by what they say, the same
	// directory gives the same links and scores on every run.
	slices.SortFunc(b.places, byContent)
	for _, q := range b.places {
		b.byID[q.ID] = q
		seen := map[string]bool{}
		for _, w := range q.name {
			if !seen[w] {
				seen[w] = true
				b.df[w]++
			}
		}
		seenKey := map[key]bool{}
		for _, k := range q.keys {
			if seenKey[k] {
				continue
			}
			seenKey[k] = true
			b.byKey[k] = append(b.byKey[k], q)
		}
	}
	sites := map[string][]*prepared{}
	b.byName = map[string][]*prepared{}
	for _, q := range b.places {
		if k := q.key; k != "" {
			b.namesakes[q.Source+"\x00"+k]++
			b.byName[q.Source+"\x00"+k] = append(b.byName[q.Source+"\x00"+k], q)
		}
		if k := q.siteName; k != "" {
			g := q.Source + "\x00" + k
			b.byName[q.Source+"\x01"+k] = append(b.byName[q.Source+"\x01"+k], q)
			if !slices.ContainsFunc(sites[g], func(o *prepared) bool { return oneLocation(o, q) }) {
				sites[g] = append(sites[g], q)
			}
		}
	}
	for g, qs := range sites {
		b.nameSites[g] = len(qs)
	}
	for _, q := range b.places {
		b.readNames(q)
	}
	districtComplements(b.places)
	b.ccasSites, b.byCCAS = countCCASSites(b.places)
	b.fsSites, b.byFS = countFranceServicesSites(b.places)
	return b
}

// Len is the number of places in the block.
func (b *Block) Len() int { return len(b.places) }

// relatedCarriers bounds the places Related takes for one value or name:
// a value carried by more places of a source is a network's, weighed 0.1
// or less (strength / √locations), and one carrier more or less moves no
// link.
const relatedCarriers = 64

// Related returns the ids of the other places of id's source whose
// comparisons count the place with id: those that carry one of its
// identifiers or contacts (a value is weakened by the locations of a
// source that carry it, locations) or bear its name (onlyNamesakes,
// nameOfSeveralSites). When the place is created or changes, their links
// may no longer hold, or hold now, though neither of their actors changed:
// a partner syncing its counters a few at a time gave the first one a link
// by a phone that the next ones showed to be a switchboard's. Nil for an
// unknown id.
func (b *Block) Related(id string) []string {
	q := b.byID[id]
	if q == nil {
		return nil
	}
	return b.related(q)
}

// RelatedTo is Related for a place that is not in the block: one archived,
// whose values the places of its source that carried them now carry with
// fewer others, so that a link may hold where it did not.
func (b *Block) RelatedTo(p Place) []string {
	return b.related(prepare(&p))
}

func (b *Block) related(q *prepared) []string {
	seen := map[*prepared]bool{q: true}
	var out []string
	take := func(ps []*prepared) {
		if len(ps) > relatedCarriers {
			return
		}
		for _, p := range ps {
			if p.Source == q.Source && p.ID != q.ID && !seen[p] {
				seen[p] = true
				out = append(out, p.ID)
			}
		}
	}
	for _, k := range q.keys {
		take(b.byKey[k])
	}
	if q.key != "" {
		take(b.byName[q.Source+"\x00"+q.key])
	}
	if q.siteName != "" {
		take(b.byName[q.Source+"\x01"+q.siteName])
	}
	if g := ccasGroup(q); g != "" {
		take(b.byCCAS[g])
	}
	if g := franceServicesGroup(q); g != "" {
		take(b.byFS[g])
	}
	return out
}

// MatchesOf compares the place with id against the places of other sources
// in the block, and those of its source that another producer published
// or that strong evidence joins to it (candidates), and returns those scoring at least Threshold, or whose
// public score (PublicScore) does, best first.
func (b *Block) MatchesOf(id string) []Match {
	a := b.byID[id]
	if a == nil {
		return nil
	}
	shares := map[*prepared]bool{}
	for _, k := range a.keys {
		for _, o := range b.byKey[k] {
			shares[o] = true
		}
	}
	var out []Match
	considered := 0
	for _, c := range b.places {
		if c.ID == a.ID || !shares[c] && apartInSource(a, c) || !(shares[c] || near(a, c)) || !b.candidates(a, c) {
			continue
		}
		if considered++; b.Yield != nil && considered%yieldEvery == 0 {
			b.Yield()
		}
		if r, ok := b.compareAbove(a, c, Threshold); ok && r.Score >= Threshold {
			out = append(out, Match{A: a.ID, B: c.ID, Result: r})
		} else if shares[c] && b.compare(a.publicView(), c.publicView()).Score >= Threshold {
			// The public score reaches the threshold while the full one
			// does not: a phone or e-mail public on both is also carried,
			// privately, by other places of a source, which weakens it in
			// the full comparison only. The link exists for everyone
			// (PublicScore is what those who may not see every contact
			// are shown); only a shared identifier can make the public
			// score the higher.
			out = append(out, Match{A: a.ID, B: c.ID, Result: b.compare(a, c)})
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Score > out[j-1].Score; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Compare scores the places with the two ids as MatchesOf would, whatever
// the score; ok is false when either is not in the block.
func (b *Block) Compare(idA, idB string) (r Result, ok bool) {
	a, c := b.byID[idA], b.byID[idB]
	if a == nil || c == nil {
		return r, false
	}
	return b.compare(a, c), true
}

// PublicScore is the score of the places with the two ids as their public
// data alone make it: the phones and e-mails of a place with
// PrivateContacts (and those e-mails' domains) left out, and a public
// phone or e-mail weighed by its public carriers only. It depends on
// nothing that is not public, so whether a pair reaches Threshold on it
// may be told to everyone. It is 0 when either is not in the block.
func (b *Block) PublicScore(idA, idB string) float64 {
	a, c := b.byID[idA], b.byID[idB]
	if a == nil || c == nil {
		return 0
	}
	return b.compare(a.publicView(), c.publicView()).Score
}

// Compare scores two places outside any block: words weigh the same and
// every identifier counts as carried by one place. Tests and one-off checks
// use it; detection uses a Block.
func Compare(a, b Place) Result {
	blk := NewBlock([]Place{a, b})
	return blk.compare(blk.places[0], blk.places[1])
}

func (b *Block) compare(a, c *prepared) Result {
	r, _ := b.compareAbove(a, c, math.Inf(-1))
	return r
}

// compareAbove compares a and c, unless their score cannot reach least
// whatever their names: then it returns false without comparing the names,
// the costliest part. The places and identifiers are compared first, and
// the score with a perfect name similarity bounds every score: in a city
// block, most candidates share a postal code and nothing else, and MatchesOf
// only keeps scores above the threshold (a write at a crowded address
// compared its place with 1,800 others, most of them elsewhere: detection
// took the CPU that writers waited for). The result is the same as
// comparing everything, reasons in the same order.
func (b *Block) compareAbove(a, c *prepared, least float64) (Result, bool) {
	// The place's score first, without its reasons (their labels are
	// written for the few candidates kept).
	place := placeAgreement(a, c, nil)
	// An agreeing address overrules far coordinates, unless the contacts
	// lead to the coordinates (contactsElsewhere): then the written
	// address and the located contacts weigh against each other, and the
	// place says nothing either way (0), so that the name and a SIRET
	// still link a head office and the record of its service that copied
	// its address, below the service's own records at one point; nor do
	// the readings of one street below say one door.
	located := place > 0 && b.contactsElsewhere(a, c)
	if located {
		place = 0
	}
	postStreet := !located && place < oneAddress && postOfficeStreet(a, c)
	if postStreet {
		place = oneAddress
	}
	// La Poste's record and a France Services at one point under two
	// streets' names (postOfficeCorner).
	postCorner := !located && place < oneAddress && !postStreet && postOfficeCorner(a, c)
	if postCorner {
		place = 1
	}
	digitalNextDoor := !located && place < oneAddress && !postStreet && b.digitalSpaceName(a, c) > 0
	if digitalNextDoor {
		place = oneAddress
	}
	fsStreet := !located && place < oneAddress && !postStreet && !digitalNextDoor && franceServicesOnOneStreet(a, c)
	if fsStreet {
		place = oneAddress
	}
	dsStreet := !located && place < oneAddress && !postStreet && !digitalNextDoor && digitalSpaceOnOneStreet(a, c)
	if dsStreet {
		place = oneAddress
	}
	// One street, a number missing, and an own contact: one door
	// (unnumberedStreetDoor).
	streetDoor := !located && place >= sameStreetPlace && place < oneAddress && b.unnumberedStreetDoor(a, c)
	if streetDoor {
		place = oneAddress
	}
	// A misspelt street counts for places of the same name only, which
	// the names, compared below, say.
	misspelt := place < misspeltStreetPlace && misspeltStreet(a, c)
	travelling := a.mobile != c.mobile
	if travelling {
		place = min(place, 0)
	}
	var ids Result
	identity := b.identity(a, c, place >= oneAddress, &ids)
	penalty := 0.0
	if otherSIRENs(a, c) {
		penalty = penaltyOtherSIREN
	}
	// Two public bodies' SIRENs at one address may be one door's
	// (publicSIRENsAtOneAddress): the names, compared below, say.
	publicPair := penalty > 0 && place >= oneAddress && publicSIREN(a.siren) && publicSIREN(c.siren)
	// A France Services with no name of its own housed at one numbered
	// address, one point or one building is a label's counter, not a
	// body: its SIRET is whichever public body's (publicFranceServices).
	publicFS := publicPair && publicFranceServices(a, c)
	if publicFS {
		penalty = 0
	}
	boundPenalty := penalty
	if publicPair {
		boundPenalty = 0
	}
	namesake := !travelling && place < namesakePlace && b.onlyNamesakes(a, c)
	bound := place
	if namesake {
		bound = namesakePlace
	}
	// The commune's one CCAS (oneCCASOfCommune) at two addresses of it.
	ccas := !travelling && place < namesakePlace && b.oneCCASOfCommune(a, c)
	if ccas {
		bound = max(bound, namesakePlace)
	}
	// The commune's one France Services (oneFranceServicesOfCommune) at
	// two addresses of it, when the names agree (below).
	oneFS := !travelling && place < namesakePlace && b.oneFranceServicesOfCommune(a, c)
	if oneFS {
		bound = max(bound, namesakePlace)
	}
	// Without coordinates, another street of the commune is read as
	// another place (placeAgreement); a contact of one door says the
	// second address is an old one or another entrance, as another
	// street within a kilometre does with coordinates, when the names
	// agree too (ownContactElsewhereName).
	_, hasD := distance(a, c)
	unplaced := !travelling && !hasD && place < 0 && sameTown(a, c, 0, false) && b.ownContact(a, c)
	if unplaced {
		bound = max(bound, 0)
	}
	if misspelt && !travelling {
		bound = max(bound, misspeltStreetPlace)
	}
	if score(1, bound, identity, boundPenalty) < least {
		return Result{}, false
	}
	var r Result
	r.Name = b.nameSimilarity(a, c, &r)
	if publicPair && r.Name >= publicNamesAgree {
		penalty = 0
	}
	if ccas {
		// Both name the body and nothing else: one name.
		r.Name = 1
	}
	if r.Name < hostName && hosts(a, c) && (addressAgrees(a, c) || nextDoor(a, c) || onMairiesStreet(a, c) || onMairiesStreetUnplaced(a, c) || hostsFranceServicesOnUnplacedSquare(a, c)) && !b.contactsNameAnotherDoor(a, c) {
		r.Name = hostName
		r.add("host_authority", "collectivité à la même adresse")
	}
	if r.Name < hostName && departementGuest(a, c) {
		r.Name = hostName
		r.add("departement_guest", "Département reçu chez une collectivité, à la même adresse")
	}
	if r.Name < hostName && housesFranceServices(a, c) {
		switch {
		case addressAgrees(a, c) && (numberedAddress(a, c) || atOnePoint(a, c) || sameBuilding(a, c)):
			// One street read without one of its numbers within 150 m
			// is one place's two records when the names agree; it does
			// not say which building of a village street houses a
			// service with no name of its own (the médiathèque 68 m up
			// the street of the mairie's MSAP): its number, the
			// building both name or one point does.
			r.Name = hostName
			r.add("france_services_host", "France Services à la même adresse")
		case franceServicesOnUnplacedSquare(a, c):
			r.Name = hostName
			r.add("france_services_host", "France Services sur la place de l'autre lieu, sans numéro ni coordonnées d'un côté")
		case b.ownContacts(a, c) || b.franceServicesMailbox(a, c):
			r.Name = hostName
			r.add("france_services_contacts", "France Services aux mêmes téléphone et courriel")
		}
	}
	if r.Name < hostName && networkBranch(a, c) && addressAgrees(a, c) && (numberedAddress(a, c) || atOnePoint(a, c) || sameBuilding(a, c)) {
		// « Croix Rouge Francaise » and « CROIX ROUGE ANTENNE LOCALE DU
		// PAYS DIGNOIS » at 18 rue Aubin: the network's branch there.
		r.Name = hostName
		r.add("network_branch", "réseau associatif et son antenne locale à la même adresse")
	}
	if r.Name < hostName && streetDoor && franceServicesRunBy(a, c) {
		r.Name = hostName
		r.add("france_services_contacts", "France Services au courriel nommé d'après l'autre lieu, dans sa rue")
	}
	if r.Name < hostName && a.franceServices && c.franceServices && !a.mobile && !c.mobile && numberedAddress(a, c) {
		// Two records naming themselves a France Services, each in its
		// own way (« France Services BHAP », its intercommunality's
		// initials, and « Espace Numérique France Services
		// Monflanquin »), at one numbered address of a commune: one
		// address houses one France Services.
		r.Name = hostName
		r.add("france_services_address", "deux France Services à la même adresse")
	}
	if r.Name < hostName && atOnePoint(a, c) && b.ownContacts(a, c) {
		// Any place's own phone and own e-mail, both, at one point
		// name its door as one address would: « Centre Social le
		// Lavoir » and the association running it on the square
		// behind, 44 m apart. Farther, two sites of one association
		// give its contacts (« Tiers-Lieu La Parenthèse » and
		// « Espace Numérique Sud Charente », 204 m): only a France
		// Services with no name of its own is read so within
		// ownContactsRadius (above).
		r.Name = hostName
		r.add("own_contacts", "mêmes téléphone et courriel propres, au même point")
	}
	if r.Name < hostName && place >= oneAddress && b.ownPage(a, c) {
		// A page of a site that only these two places give, at one
		// address, names the place as an own phone there does: the
		// incubator Landestini and the IUT that houses it.
		r.Name = hostName
		r.add("own_page", "même page web propre à la même adresse")
	}
	if r.Name < hostName && place >= oneAddress && (namedDomain(a, c) || namedDomain(c, a)) {
		// A record writing from a mailbox or a domain spelling the
		// other's name, at its address, is its door as an own page
		// there is: Hinaura's « Médiathèque de Cognin » from
		// atelier.numerique@cognin.fr and « Atelier Numérique - Cognin »
		// in one shopping centre.
		r.Name = hostName
		r.add("named_contact", "courriel ou site nommé d'après l'autre lieu, à la même adresse")
	}
	if r.Name < hostName && housesDigitalSpace(a, c) && addressAgrees(a, c) {
		r.Name = hostName
		r.add("digital_space_host", "espace numérique sans nom propre à la même adresse")
	}
	if r.Name < hostName && postOffice(a, c) && (addressAgrees(a, c) || postCorner) {
		r.Name = hostName
		r.add("post_office", "France Services de La Poste à la même adresse")
	}
	if r.Name < hostName && onePostOffice(a, c) && (addressAgrees(a, c) || nextDoor(a, c) || oneSIRETAtOnePoint(a, c)) {
		r.Name = hostName
		r.add("one_post_office", "deux fiches de La Poste à la même adresse")
	}
	if r.Name < hostName && housesLibrary(a, c) {
		r.Name = hostName
		r.add("library_host", "bibliothèque sans nom propre à l'adresse d'une bibliothèque")
	}
	if r.Name < hostName && complementNamesHost(a, c) && addressAgrees(a, c) {
		r.Name = hostName
		r.add("complement_host", "complément d'adresse nommant l'espace numérique de l'autre lieu, même adresse")
	}
	if label := b.establishmentAtItsAddress(a, c); r.Name < hostName && label != "" {
		r.Name = hostName
		r.add("siret_address", label)
	}
	if r.Name > annexName && place < sameStreetPlace && b.nameOfSeveralSites(a, c) {
		// « Communauté d'Agglomération de Bastia » at its seat and the
		// hub's row of that name at a mairie annexe, one of its five.
		r.Name = annexName
		r.add("name_of_several_sites", "nom donné à plusieurs lieux de la commune par une source")
	}
	if r.Name > annexName && a.annex != c.annex && !addressAgrees(a, c) {
		// « 38 BIS (Annexe du Quart'Ney) » and « Maison de quartier Le
		// Quart'Ney » at another address: the annex and the main site.
		r.Name = annexName
		r.add("annex", "une annexe et un autre lieu du même nom, à deux adresses")
	}
	if located {
		r.Place = place
		contactsElsewhereNote(a, c, &r)
	} else {
		r.Place = placeAgreement(a, c, &r)
	}
	if postStreet {
		r.Place = oneAddress
		r.add("post_office_street", "La Poste et sa France Services dans la même rue")
	}
	if postCorner {
		r.Place = 1
	}
	if digitalNextDoor {
		r.Name = max(r.Name, b.digitalSpaceName(a, c))
		r.Place = oneAddress
		if sameOrNextHouse(a, c) {
			r.add("digital_space_next_door", "espace numérique nommé d'après la structure, même adresse ou numéro voisin")
		} else {
			r.add("digital_space_next_door", "espace numérique nommé d'après la structure, au même point")
		}
	}
	if fsStreet {
		r.Place = oneAddress
		r.add("france_services_street", "France Services de la commune dans la même rue")
	}
	if dsStreet {
		r.Place = oneAddress
		r.add("digital_space_street", "espace numérique de la commune dans la même rue")
	}
	if streetDoor {
		r.Place = oneAddress
		r.add("street_door", "même rue et contact propre")
	}
	if ccas && place < namesakePlace {
		place, r.Place = namesakePlace, namesakePlace
		r.add("one_ccas", "seul CCAS de la commune de part et d'autre")
	}
	if oneFS && r.Name >= 0.999 && place < namesakePlace {
		place, r.Place = namesakePlace, namesakePlace
		r.add("one_france_services", "seule France Services de la commune de part et d'autre, même nom")
	}
	if namesake && r.Name >= 0.999 {
		place, r.Place = namesakePlace, namesakePlace
		r.add("namesake", "seul lieu de ce nom dans la commune de part et d'autre")
	}
	if unplaced && place < 0 && r.Name >= ownContactElsewhereName {
		place, r.Place = 0, 0
		r.add("own_contact_elsewhere", "autre adresse sans coordonnées, contact propre commun")
	}
	if misspelt && !travelling && r.Name >= 0.999 && place < misspeltStreetPlace {
		place, r.Place = misspeltStreetPlace, misspeltStreetPlace
		r.add("misspelt_street", "même nom, même numéro, rue mal orthographiée")
	}
	if travelling {
		// A travelling service's stop and the building it parks beside
		// are two doors: their address says nothing of being one place.
		r.Place = min(r.Place, 0)
		r.add("travelling", "un lieu itinérant, l'autre fixe")
	}
	r.Identity, r.SamePivot = identity, ids.SamePivot
	r.Reasons = append(r.Reasons, ids.Reasons...)
	if penalty > 0 {
		r.Reasons = append(r.Reasons, Reason{"other_siren", "SIREN différents"})
	}
	r.Score = score(r.Name, place, identity, penalty)
	return r, true
}

// publicNamesAgree is how far two names must agree on their own (most of
// each name's words) for two public bodies' SIRENs at one address to count
// for nothing (publicSIREN).
const publicNamesAgree = 0.8

// publicSIREN says whether a SIREN is a public body's: the State's services
// (1…) and the collectivités and their établissements (2…: communes 21…,
// Départements 22…, intercommunalities 24… and, re-created by the mergers
// of 2014 and 2017, 200…, CCAS 26…). Between two such SIRENs at one
// address, the other-SIREN penalty says nothing of two doors: the
// intercommunalities merged under a new SIREN while SIRENE keeps the old
// one, and producers copy either (« QUESTEMBERT COMMUNAUTE » under 245…
// in the national file, its France Services under 200… in Aidants
// Connect's, one address); and a public door is given the SIRET of
// whichever public body a producer deals with (the intercommunality that
// employs the conseiller, the commune or the CCAS that runs the service).
// Names agreeing on their own (publicNamesAgree) then say one place, as
// they would without SIRENs; a host reading does not (the penalty is what
// keeps a public body's record from being read as every other public
// body's house at its address), nor two addresses, nor a private body.
func publicSIREN(siren string) bool {
	return siren != "" && (siren[0] == '1' || siren[0] == '2')
}

// Score is a link's score from its parts (Result.Name, Result.Place,
// Result.Identity) and whether the two places carry different SIRENs: what
// the detection computes, for a view that recomputes one part.
func Score(name, place, identity float64, otherSIREN bool) float64 {
	penalty := 0.0
	if otherSIREN {
		penalty = penaltyOtherSIREN
	}
	return score(name, place, identity, penalty)
}

// score combines the three similarities, rounded to three decimals; it
// grows with each of them.
func score(name, place, identity, penalty float64) float64 {
	s := weightName*name + weightPlace*place + weightIdentity*identity - penalty
	return math.Round(math.Max(0, math.Min(1, s))*1000) / 1000
}

// byContent orders places by what they say, their id last: the order of
// NewBlock's places.
func byContent(p, q *prepared) int {
	return cmp.Or(
		cmp.Compare(p.Source, q.Source),
		cmp.Compare(p.Name, q.Name),
		cmp.Compare(p.Street, q.Street),
		cmp.Compare(p.Complement, q.Complement),
		cmp.Compare(p.PostalCode, q.PostalCode),
		cmp.Compare(p.InseeCode, q.InseeCode),
		cmp.Compare(p.Commune, q.Commune),
		compareCoordinate(p.Latitude, q.Latitude),
		compareCoordinate(p.Longitude, q.Longitude),
		cmp.Compare(p.Pivot, q.Pivot),
		slices.Compare(p.Phones, q.Phones),
		slices.Compare(p.Emails, q.Emails),
		slices.Compare(p.Websites, q.Websites),
		cmp.Compare(p.Producer, q.Producer),
		cmp.Compare(p.ID, q.ID),
	)
}

// compareCoordinate orders a missing coordinate first.
func compareCoordinate(a, b *float64) int {
	switch {
	case a == nil || b == nil:
		return cmp.Compare(boolInt(a != nil), boolInt(b != nil))
	default:
		return cmp.Compare(*a, *b)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
