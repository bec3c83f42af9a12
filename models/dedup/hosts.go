package dedup

import (
	"slices"
	"strings"
)

// mairieLead is the leading words of a commune's record whose name goes on
// after the commune's name (« Commune de LOSNE porteur en partenariat avec
// les communes de Saint-Jean-de-Losne et Saint-Usage »): the mairie and its
// commune, read as the name too (an alt), as a name is read without its
// gloss in parentheses; nil for any other name. The name's words after
// them say the commune's role or partners: the record is the commune's
// first. The leading words alone need the address to agree, as any name.
func mairieLead(q *prepared) []string {
	if len(q.name) < 3 || q.name[0] != mairieKey || !q.commune[q.name[1]] {
		return nil
	}
	n := 1
	for n < len(q.name) && q.commune[q.name[n]] {
		n++
	}
	if n == len(q.name) {
		return nil
	}
	return slices.Clone(q.name[:n])
}

// authorityKeys are the phrase keys of local authorities: the mairie (a
// commune, a ville), the intercommunality (CC, CA, EPCI) and the
// Département (conseil départemental).
var authorityKeys = set(stem("mairie"), stem("cdc"), stem("ca"), stem("epci"), stem("departement"))

// departementPremises says whether a name's words (expand) begin with a
// Département's house, « Maison départementale » (d'action sociale, des
// solidarités, de la solidarité…): the Département's premises, which host
// its services (its EPN, its conseillers numériques) as a mairie hosts the
// CCAS. A « maison des solidarités » alone may be a commune's or an
// association's, and is not one.
// « Maison du Département » says it in so many words (a phrase the table
// folds into one word, as it folds « Maison des Alpes-Maritimes » read by
// departementNamed).
func departementPremises(raw []string) bool {
	return len(raw) > 1 && raw[0] == stem("maison") && raw[1] == stem("departementale") ||
		len(raw) > 2 && raw[0] == stem("maison") && raw[1] == "du" && raw[2] == stem("departement")
}

// hostName is the name similarity given to a local authority's record at
// the address of another place: the national file names the conseiller's
// employer (« COMMUNE DE LAPTE », « CC DU PAYS D HURIEL ») where the
// place's own record names the place, and an authority hosts services at
// its address (the CCAS at the mairie, the France Services at the
// intercommunality's seat). With the same address it just reaches the
// threshold; a SIREN of another entity keeps it below.
// A travelling service is never hosted (see compareAbove).
const hostName = 0.65

// annexName is the most a name similarity counts between an annex and a
// place that is not one, at two addresses: « Annexe du Quart'Ney » names
// the Quart'Ney and says it is another site of it, so its likeness to the
// Quart'Ney's name is no evidence that the two are one place (with the
// network's phone and e-mail they were linked, 794 m apart). At one
// address, the names are read as ever.
const annexName = 0.5

var annexKey = stem("annexe")

// hosts says whether one of the places may be a local authority hosting
// the other (see hostName): exactly one is an authority (a mairie and an
// intercommunality on one square are two authorities, neither hosting the
// other), neither travels, and the hosted one is not a private body by its
// SIREN (an association's or a company's, whose first digit is not 1 or 2,
// the State's and local public bodies'): a mairie or a cité administrative
// hosts its own services (the CCAS, the France Services, the EPN), while
// an association at its address is a tenant, another structure. Nor is La
// Poste's counter at the mairie (postalName) one of the mairie's services.
func hosts(a, c *prepared) bool {
	if a.authority == c.authority || a.mobile || c.mobile {
		return false
	}
	guest, host := c, a
	if c.authority {
		guest, host = a, c
	}
	if private(host) {
		// A name read as an authority's (a commune's name alone,
		// communeNamedAlone) under a private body's SIREN is that
		// body's site named by its town: La Poste's list of its offices
		// names one « Argeles-gazost » under La Poste's SIRET, which
		// hosted every structure at the office's address.
		return false
	}
	if guest.postal || laPostesFranceServices(guest) || charityNetwork(guest.Name) {
		return false
	}
	return !private(guest)
}

// private says whether q's SIREN is a private body's (an association's,
// a company's): SIRENE numbers the State's and local public bodies from 1
// and 2.
func private(q *prepared) bool {
	return q.siren != "" && q.siren[0] != '1' && q.siren[0] != '2'
}

// contactsNameAnotherDoor says whether the authority's record of a pair
// that hosts reads as host and guest gives a phone or an e-mail that the
// guest's source gives, at one location, to another of its places that is
// no authority's record, the guest not carrying it: the national file
// names a commune as the conseiller's employer with the contacts of the
// place where the conseiller receives (« COMMUNE DU LAMENTIN » with its
// cyber-base's phone, which the hub's « CYBERBASE DU CENTRE VILLE » gives),
// so the record is that door, and the CCAS on the mairie's square, its own
// phone, is another (two doors, as the hub lists them). The carrier must
// stand within sameLocation of the record's address: the record's address
// and its contacts then name one door, by the mairie. Farther, the address
// names the mairie and the contacts a place across the commune, and the
// address is read (the Gironde's « COMMUNE DE BASSENS » at its mairie with
// the e-mail of its médiathèque 1 km away, and the municipal service at
// the mairie's number, one place). A value given at several locations is a
// switchboard, which names no door; its carrier being an authority's
// record is the commune itself (a hub copying the national record), which
// names no other door either.
func (b *Block) contactsNameAnotherDoor(a, c *prepared) bool {
	host, guest := a, c
	if c.authority {
		host, guest = c, a
	}
	if host.PrivateContacts {
		// Public contacts only, the host's and the carrier's: a
		// rejection the full comparison makes, the public one makes
		// too. Otherwise the full score would fall below a public one
		// while the two places share nothing, and no link would be
		// made where public data alone make one (MatchesOf), telling
		// that a private contact names another door.
		return false
	}
	public := a.public || c.public
	for _, k := range host.keys {
		if (k.kind == kindPhone || k.kind == kindEmail) && slices.Contains(guest.keys, k) {
			return false // the contacts name the guest
		}
	}
	for _, k := range host.keys {
		if k.kind != kindPhone && k.kind != kindEmail || b.locations(k, guest.Source, public) != 1 {
			continue
		}
		for _, o := range b.byKey[k] {
			if o.Source != guest.Source || o.ID == guest.ID || o.authority || o.PrivateContacts {
				continue
			}
			if d, ok := distance(host, o); ok && d <= sameLocation {
				return true
			}
		}
	}
	return false
}

// charityNetworks are the national networks of charities whose local
// branches receive the public under the network's name: each branch is the
// association's, a structure of its own, not a service a mairie hosts.
var charityNetworks = [][]string{
	{"secours", "catholique"}, {"secours", "populaire"}, {"restos", "du", "coeur"}, {"restaurants", "du", "coeur"},
	{"croix", "rouge"}, {"emmaus"}, {"armee", "du", "salut"}, {"saint", "vincent", "de", "paul"}, {"petits", "freres", "des", "pauvres"},
}

// charityNetwork says whether a name holds a charity network's name.
func charityNetwork(name string) bool {
	ws := words(name)
	for _, n := range charityNetworks {
		for i := 0; i+len(n) <= len(ws); i++ {
			if slices.Equal(ws[i:i+len(n)], n) {
				return true
			}
		}
	}
	return false
}

// networkQualifiers are the words a charity network's national name
// carries beside the network's own (« Croix-Rouge française », « Secours
// populaire français »): a name of the network and these says the network
// and nothing of a branch of its own.
var networkQualifiers = map[string]bool{"francaise": true, "francais": true, "france": true, "de": true, "la": true, "le": true, "l": true, "du": true}

// networkOf returns the charity network (charityNetworks' index) a name
// holds, and whether the name is that network's and nothing else; -1
// when it holds none.
func networkOf(name string) (int, bool) {
	ws := words(name)
	for k, n := range charityNetworks {
		for i := 0; i+len(n) <= len(ws); i++ {
			if !slices.Equal(ws[i:i+len(n)], n) {
				continue
			}
			rest := append(slices.Clone(ws[:i]), ws[i+len(n):]...)
			return k, !slices.ContainsFunc(rest, func(w string) bool { return !networkQualifiers[w] })
		}
	}
	return -1, false
}

// networkBranch says whether one record names a charity network and
// nothing else (« Croix Rouge Francaise ») and the other a branch of that
// same network (« CROIX ROUGE ANTENNE LOCALE DU PAYS DIGNOIS »): at one
// address (the caller asks), the network's name names the branch that
// receives the public there, as the network's local branches do under its
// name (charityNetworks). Two networks, or two branches each named, are
// not read so.
func networkBranch(a, c *prepared) bool {
	return a.network >= 0 && a.network == c.network && a.networkBare != c.networkBare
}

var mairieKey = stem("mairie")

// intercomWord: « Pré-Bocage Intercom », « Intercom de la Vire au
// Noireau », « Intercom Bernay Terres de Normandie » are
// intercommunalities, named so by themselves, the word before or after
// their territory: a local authority as a « CC » or a « CA » is (the
// shared table reads « intercom » as « intercommunal », an adjective that
// many bodies that are no authority carry, « Centre social intercommunal »).
const intercomWord = "intercom"

// socialCentre says whether a name is a centre social's (« Centre social
// et culturel du Pays Manslois », « Association Vie et Culture - Centre
// social Alexis Peyret », « centre socio-culturel »): the words « centre
// social » or « centre socio… » in a row, as the CAF's approval names them.
//
// Producers name such houses otherwise too: an « espace socioculturel »
// (« socio-culturel ») is a centre social by another name, an « espace de
// vie sociale » the CAF's smaller approval, both run by an association at
// a reception desk (Aidants Connect's « Espace socioculturel
// Paray-le-Monial » and the France Services at its address). A « service
// d'accompagnement à la vie sociale » is a medico-social service, no house.
func socialCentre(raw []string) bool {
	for i := 0; i+1 < len(raw); i++ {
		socio := strings.HasPrefix(raw[i+1], "socio")
		if raw[i] == centreKey && (raw[i+1] == socialKey || socio) || raw[i] == espaceKey && socio {
			return true
		}
		if raw[i] == espaceKey && i+3 < len(raw) && raw[i+1] == deKey && raw[i+2] == vieKey && raw[i+3] == socialKey {
			return true
		}
	}
	return false
}

var centreKey, socialKey, espaceKey, deKey, vieKey = stem("centre"), stem("social"), stem("espace"), stem("de"), stem("vie")

// hostsFranceServicesOnUnplacedSquare is the host rule's reading of one
// address where no number and no distance can say it: the guest a France
// Services named after its commune alone (bareFranceServices, the
// commune's one counter of the label), on the authority's square of one
// commune (unnumberedSquare: a square's doors lie within what coordinates
// would be asked to confirm; a street's may be a kilometre apart), neither
// giving a house number, one of them placed and the other not (Aidants
// Connect's list gives no coordinates: « Mairie de Saint Sernin du Bois »
// and « France services Saint-Sernin », both « Place Salignac Fénelon »).
// The square is all the unplaced file says of the door, and on it the
// commune's one France Services is the one its mairie hosts. With both
// points, the distance says (nextDoor); with numbers,
// they do (addressAgrees); with neither point, the pair is left as before
// (TestCompareUnnumberedSquareWithoutCoordinates). An unplaced authority
// giving a phone or an e-mail is left too: contactsNameAnotherDoor reads
// from its point whether they name another door (Le Lamentin's commune
// with its cyber-base's phone).
func hostsFranceServicesOnUnplacedSquare(a, c *prepared) bool {
	host, guest := c, a
	if a.authority {
		host, guest = a, c
	}
	if !guest.bareFranceServices || !unnumberedSquare(a, c) {
		return false
	}
	if placed(a) == placed(c) || !placed(host) && ownsContacts(host) {
		return false
	}
	return oneStreetFront(a, c)
}

// placed says whether q gives coordinates.
func placed(q *prepared) bool { return q.Latitude != nil && q.Longitude != nil }

// ownsContacts says whether q gives a phone or an e-mail.
func ownsContacts(q *prepared) bool {
	return slices.ContainsFunc(q.keys, func(k key) bool { return k.kind == kindPhone || k.kind == kindEmail })
}
