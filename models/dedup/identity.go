package dedup

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"carnet/models/commune"
)

// ownContactsRadius bounds ownContacts: the contacts of a France Services
// name its door within a walk, not across a commune.
const ownContactsRadius = 500.0

// ownContacts says whether two places of one commune, within
// ownContactsRadius, share both a phone and an e-mail that no other
// location of either source carries: the place's own contacts, which name
// a France Services with no name of its own as its address would
// (housesFranceServices): « POINT INFO 14 NOUES DE SIENNE » and « France
// services Noues de Sienne » 177 m apart, one phone and one e-mail. A
// network's switchboard or mailbox, or one contact alone, is not enough.
func (b *Block) ownContacts(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if !hasD || d > ownContactsRadius || !sameTown(a, c, d, hasD) {
		return false
	}
	public := a.public || c.public
	own := func(kind keyKind) bool {
		for _, k := range a.keys {
			if k.kind == kind && slices.Contains(c.keys, k) && b.locations(k, a.Source, public) <= 1 && b.locations(k, c.Source, public) <= 1 {
				return true
			}
		}
		return false
	}
	return own(kindPhone) && own(kindEmail)
}

// ownPage says whether a and c give one page of a site (a URL with a path,
// not a homepage, which is often a parent's) that no other location of
// either source gives.
func (b *Block) ownPage(a, c *prepared) bool {
	public := a.public || c.public
	for _, k := range a.keys {
		if k.kind == kindURL && slices.Contains(c.keys, k) && b.locations(k, a.Source, public) <= 1 && b.locations(k, c.Source, public) <= 1 {
			return true
		}
	}
	return false
}

// namesakeRadius and namesakePlace: two places bearing one name in one
// commune, each the only one of that name in its source there, within
// namesakeRadius of each other, agree on the place as two readings of one
// address do (namesakePlace): the name tells the place, and the two
// addresses are an old and a new one, or two entrances (« Médiathèque
// Gabriela Mistral » on the avenue and in the park's allée behind it,
// 382 m; a commune's CCAS at two addresses 203 m apart). A source listing
// two places of that name in the commune says nothing of which one the
// other means.
const (
	namesakeRadius = 500.0
	namesakePlace  = 0.6
)

// otherSIRENs says whether a and c both give a SIREN and not the same.
func otherSIRENs(a, c *prepared) bool {
	return a.siren != "" && c.siren != "" && a.siren != c.siren
}

// ownContactElsewhereName is how far two names must agree for a contact of
// one door to make another street of the commune, read without
// coordinates, say nothing (TestCompareOtherStreetWithOwnContactWithoutCoordinates):
// names that differ are another structure reached at that door, an
// employer's or a host's.
const ownContactElsewhereName = 0.7

// onlyNamesakes says whether a and c are such a pair (see namesakePlace).
// A contact of one door (ownContact: a phone or an e-mail no other location
// of either source gives) stands for namesakeRadius within candidateRadius
// or without coordinates: one organisation under one name, the only place
// of that name in the commune in each source, with its own phone or
// e-mail, at two addresses is an old and a new address of it (a hub's
// record of 2020 against the national file of 2022: « ATELIER NUMERIQUE
// ROMORANTIN », 1.2 km; the « Centre Social Arras Ouest » at the hôtel de
// ville, the city's SIRET, and at its own door, one e-mail, 2.3 km), or one
// place whose coordinates are missing or wrong (« PIJ Quartier Nord » at
// 118 boulevard Pierre et Marie Curie and at 1 route de Launaguet, one
// phone, 20 m apart by coordinates a producer without a geocoder does not
// give), not two of its sites, which a source would list as two places or
// under two names (TestCompareNamesakesWithOwnContactWithoutCoordinates,
// TestCompareNamesakesOfOneSIRENAndContact). Points farther apart than
// namesakeRadius say two places when the two give two SIRENs. Without
// coordinates, one street (oneStreet) stands for the radius too.
func (b *Block) onlyNamesakes(a, c *prepared) bool {
	ka := a.key
	if ka == "" || ka != c.key {
		return false
	}
	d, hasD := distance(a, c)
	near := hasD && d <= namesakeRadius || !hasD && (oneStreet(a, c) || b.ownContact(a, c)) ||
		hasD && d <= candidateRadius && !otherSIRENs(a, c) && b.ownContact(a, c)
	return near && b.namesakes[a.Source+"\x00"+ka] == 1 && b.namesakes[c.Source+"\x00"+ka] == 1
}

// sameLocation is the distance under which two places of one source that
// carry one value count as one location: a hub that lists a place twice, or
// a France Services and the permanence held in it.
const sameLocation = 300.0

// locations counts the distinct locations of the places of source that
// carry the value k: two records of one place are one carrier, a network's
// number on twenty sites is twenty.
func (b *Block) locations(k key, source string, public bool) int {
	cache := b.carriers
	if public && (k.kind == kindPhone || k.kind == kindEmail || k.kind == kindMailDomain) {
		// A public phone's weight must not tell how many places carry it
		// privately.
		cache = b.publicCarriers
	} else {
		public = false
	}
	if n, ok := cache[k][source]; ok {
		return n
	}
	var seen []*prepared
	for _, p := range b.byKey[k] {
		if p.Source != source || public && p.PrivateContacts {
			continue
		}
		dup := false
		for _, q := range seen {
			if d, ok := distance(p, q); ok && d <= sameLocation || oneNumberedAddress(p, q) {
				dup = true
				break
			}
		}
		if !dup {
			seen = append(seen, p)
		}
	}
	if cache[k] == nil {
		cache[k] = map[string]int{}
	}
	cache[k][source] = len(seen)
	return len(seen)
}

// oneLocation says whether two places of one source stand at one location:
// within sameLocation of each other, or, without coordinates, on one
// street with the same numbers.
func oneLocation(p, q *prepared) bool {
	if d, ok := distance(p, q); ok {
		return d <= sameLocation
	}
	return slices.Equal(p.st.words, q.st.words) && slices.Equal(p.st.numbers, q.st.numbers)
}

// namedDomain reports whether a domain of a spells the name of c (at least 6
// letters, so that initials do not count), or a mailbox of a does
// (namedMailbox).
func namedDomain(a, c *prepared) bool {
	for _, d := range a.domains {
		if len(d) < 6 {
			continue
		}
		// A domain's leading article is optional: « letierslieudecarpentras »
		// spells « Tiers lieu de Carpentras » as written without its « Le ».
		for _, n := range c.spelled {
			if d == n || len(n) >= 6 && len(d) > len(n) && strings.HasSuffix(d, n) && domainArticles[d[:len(d)-len(n)]] {
				return true
			}
		}
	}
	return namedMailbox(a, c)
}

// domainArticles are the leading articles a domain may glue to a name.
var domainArticles = set("les", "le", "la", "l")

// minNamedMailbox is the fewest letters of a mailbox read as a name.
const minNamedMailbox = 10

// namedMailbox reports whether an e-mail's local part of a spells c's whole
// name, of two words or more besides stop words and minNamedMailbox letters
// at least: a place run by a structure writes from a mailbox named after
// it at another's domain (Hub LO's « MSAP AVOINE et IES », the
// intercommunality's, from infoemploietservices@cc-cvl.fr, the
// association Info Emploi et Services that runs it). A mailbox of one
// word (« mediatheque@ », « accueil@ ») names a kind, not a place.
func namedMailbox(a, c *prepared) bool {
	if len(a.mailboxes) == 0 || len(c.raw) < 2 {
		return false
	}
	content := 0
	for _, w := range c.raw {
		if !stopWords[w] {
			content++
		}
	}
	if content < 2 {
		return false
	}
	for _, m := range a.mailboxes {
		if len(m) >= minNamedMailbox && slices.Contains(c.spelled, m) {
			return true
		}
	}
	return false
}

// townDomain reports whether a domain of a is the commune's own, c being
// the commune's record (« COMMUNE DE CORMICY » and msap@cormicy.fr): the
// place is one of the commune's services, which all write from it, so it
// counts as a shared domain does (strengthDomain), not as a domain naming
// the place, and only where the commune may host it (one address, or next
// door as for hostName): up the street, the Gironde's « Bureau Information
// Jeunesse de la ville de Bègles » at 21 is not the mairie at 77.
func townDomain(a, c *prepared) bool {
	for _, d := range a.domains {
		if len(d) >= 5 && slices.Contains(c.townDomains, d) {
			return true
		}
	}
	return false
}

// oneAddress is the place agreement from which two places are read at one
// address (the same street and number, or one building) for identity.
const oneAddress = 0.9

// identity combines the identifiers both places carry: each shared value
// counts for its strength divided by how many places of either source
// carry it, and independent signals add up as probabilities do
// (1 − Π(1 − s)). sameAddress says the places agree on the address (place
// agreement oneAddress or more): a value carried at two locations of one
// source is then not weakened (see below).
func (b *Block) identity(a, c *prepared, sameAddress bool, r *Result) float64 {
	if !sharesKey(a, c) && !namedDomain(a, c) && !namedDomain(c, a) && !townDomain(a, c) && !townDomain(c, a) && !initialsDomain(a, c) && !initialsDomain(c, a) {
		return 0 // most candidates: no evidence, nothing to allocate
	}
	shared := map[key]bool{}
	for _, k := range c.keys {
		shared[k] = true
	}
	best := map[keyKind]float64{}
	carriers := map[keyKind]int{}
	for _, k := range a.keys {
		if !shared[k] {
			continue
		}
		public := a.public || c.public
		n := max(1, b.locations(k, a.Source, public), b.locations(k, c.Source, public))
		// Evidence falls with the number of places of one source that
		// carry the value, gently: a hub that lists one place twice
		// still shares its phone with the other source.
		discount := 1 / math.Sqrt(float64(n))
		if n == 2 && sameAddress {
			// One of two places carries it, and the address says
			// which: Fibre 64's one phone for its Mauléon and Tardets
			// sites against the national Tardets place at its
			// address (0.576 when the names shared nothing). From
			// three locations on, a network's value stays weak even
			// at one address.
			discount = 1
		}
		var s float64
		switch k.kind {
		case kindSIRET:
			s = strengthSIRET
		case kindRNA:
			s = strengthRNA
		case kindSIREN:
			s = strengthSIREN
		case kindPhone:
			s = strengthPhone
		case kindEmail:
			s = strengthEmail
		case kindURL:
			s = strengthURL
		case kindDomain, kindMailDomain:
			s = strengthDomain
		}
		if s*discount > best[k.kind] {
			best[k.kind], carriers[k.kind] = s*discount, n
		}
	}
	if best[kindSIRET] > 0 {
		delete(best, kindSIREN) // the SIRET says it already
	}
	if best[kindURL] > 0 {
		delete(best, kindDomain)
	}
	r.SamePivot = best[kindSIRET] > 0 || best[kindSIREN] > 0 || best[kindRNA] > 0
	named := namedDomain(a, c) || namedDomain(c, a)
	if initials := !named && (initialsDomain(a, c) || initialsDomain(c, a)); named || initials {
		// The permanence of a host structure lists the place's own
		// website: « letierslieudecarpentras.fr » for « Le tiers lieu
		// de Carpentras ». When both give that domain, it is still the
		// place's own site, named after it (« mediatheque-jean-vautrin.fr »
		// for the France Services in the médiathèque Jean Vautrin), not a
		// town's or a network's: it counts as named, weakened as the
		// shared domain was by the places that carry it.
		// A domain of the other's initials (initialsDomain) counts as
		// one spelling its name.
		kind := kindNamedDomain
		if initials {
			kind = kindInitialsDomain
		}
		s := strengthNamedDomain
		if d := best[kindDomain]; d > 0 {
			s *= d / strengthDomain
			carriers[kind] = carriers[kindDomain]
			delete(best, kindDomain)
		}
		best[kind] = s
	} else if best[kindDomain] == 0 && (townDomain(a, c) || townDomain(c, a)) && (addressAgrees(a, c) || nextDoor(a, c)) {
		best[kindTownDomain] = strengthDomain
	}
	if mailDomainSaid(best) {
		delete(best, kindMailDomain)
	}
	miss := 1.0
	for _, kind := range []keyKind{kindSIRET, kindSIREN, kindRNA, kindPhone, kindEmail, kindURL, kindDomain, kindNamedDomain, kindInitialsDomain, kindTownDomain, kindMailDomain} {
		s, ok := best[kind]
		if !ok {
			continue
		}
		miss *= 1 - s
		label, code := identityLabels[kind], identityCodes[kind]
		if n := carriers[kind]; n > 1 {
			label += fmt.Sprintf(" (partagé par %d lieux d'une même source)", n)
		}
		r.Reasons = append(r.Reasons, Reason{code, label})
	}
	return math.Round((1-miss)*1000) / 1000
}

// identityCodes and identityLabels are the reason code and label of each
// identifier or contact two places share (identity).
var (
	identityCodes = map[keyKind]string{kindSIRET: "same_siret", kindSIREN: "same_siren", kindRNA: "same_rna",
		kindPhone: "same_phone", kindEmail: "same_email", kindURL: "same_website", kindDomain: "same_domain",
		kindNamedDomain: "named_domain", kindTownDomain: "town_domain", kindInitialsDomain: "initials_domain", kindMailDomain: "mail_domain"}
	identityLabels = map[keyKind]string{kindSIRET: "même SIRET", kindSIREN: "même SIREN", kindRNA: "même RNA",
		kindPhone: "même téléphone", kindEmail: "même courriel", kindURL: "même site web", kindDomain: "même domaine web",
		kindNamedDomain: "site web ou courriel au nom de l'autre lieu", kindTownDomain: "site web ou courriel au domaine de la commune",
		kindInitialsDomain: "site web ou courriel aux initiales de l'autre lieu", kindMailDomain: "courriel au domaine de l'autre lieu"}
)

// sharesKey reports whether a and c carry an identifier in common (each
// carries a handful).
func sharesKey(a, c *prepared) bool {
	for _, k := range a.keys {
		for _, o := range c.keys {
			if k == o {
				return true
			}
		}
	}
	return false
}

// cityCode is the commune of an INSEE code: the city for an arrondissement
// of Paris, Lyon or Marseille.
func cityCode(insee string) string {
	if c := commune.ByCode(insee); c != nil {
		return c.CityCode()
	}
	return insee
}
