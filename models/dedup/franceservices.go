package dedup

import (
	"slices"
	"strings"
)

// laPosteDomain is La Poste's own e-mail domain, its staff's and its
// France Services' (« msap.nolay@laposte.fr »); its public mail service is
// laposte.net.
const laPosteDomain = "laposte.fr"

// laPostesFranceServices says whether q is a France Services that writes
// from La Poste's own domain (« msap.nolay@laposte.fr ») or whose address
// complement names the post office (postOfficeComplement): La Poste's, held
// in its post office, not a service the mairie or the structure at that
// address hosts, as an agence postale is not (postalName); against La
// Poste's own record at its address it is still La Poste's France
// Services (postOffice).
func laPostesFranceServices(q *prepared) bool {
	return q.franceServices && (q.postMail || q.postHouse) && !q.post
}

// franceServicesMailbox is ownContacts for a France Services whose phone
// is not its own (a switchboard that other sites give too): the network
// gives each France Services one mailbox of its domain
// (« coutances@france-services.gouv.fr »), which, given by no other
// location of either source, names its door as its own phone would. The
// two records must still share a phone.
func (b *Block) franceServicesMailbox(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if !hasD || d > ownContactsRadius || !sameTown(a, c, d, hasD) {
		return false
	}
	public := a.public || c.public
	phone, mailbox := false, false
	for _, k := range a.keys {
		if !slices.Contains(c.keys, k) {
			continue
		}
		switch k.kind {
		case kindPhone:
			phone = true
		case kindEmail:
			mailbox = mailbox || strings.HasSuffix(k.value, franceServicesMailDomain) && b.locations(k, a.Source, public) <= 1 && b.locations(k, c.Source, public) <= 1
		}
	}
	return phone && mailbox
}

// franceServicesMailDomain is the France Services network's mail domain as
// e-mail keys are written (singleLetters).
var franceServicesMailDomain = singleLetters("@france-services.gouv.fr")

// housesFranceServices says whether the places are one France Services
// and the structure that houses it, by their names, once their addresses
// agree: one is a France Services with no name of its own, named by its
// label, its commune and at most its host's kind (« France services
// Mèze », « CCAS de Besançon/MSAP FS »: bareWords), which the structure
// that runs it houses (a CCAS, a commune, an intercommunality's « Point
// Info 14 », another France Services' record: « France services Besançon
// Planoise » at that address); that structure's record at its address
// names it otherwise. As for hosts, the structure is not a private body by
// its SIREN (an association at that address may be a tenant of the
// building) unless it is a centre social (socialCentre: associations
// approved by the CAF to receive the public, among the usual carriers of
// a France Services, which they run at their own reception desk), nor La
// Poste's counter (postOffice reads La Poste's), and
// neither place travels. A France Services with a name of its own (« Le
// Mirail », « Alcazar ») is not read so: a name says which door it is.
func housesFranceServices(a, c *prepared) bool {
	_, other, ok := franceServicesAndHouse(a, c)
	return ok && (other.siren == "" || other.siren[0] == '1' || other.siren[0] == '2' || socialCentre(other.raw))
}

// franceServicesAndHouse is housesFranceServices without its reading of
// the structure's SIREN: which of a and c is the France Services with no
// name of its own (fs) and which the structure that may house it (other).
func franceServicesAndHouse(a, c *prepared) (fs, other *prepared, ok bool) {
	if a.mobile || c.mobile {
		return nil, nil, false
	}
	fs, other = a, c
	switch {
	case a.bareFranceServices || franceServicesNamedAfter(a, c):
	case c.bareFranceServices || franceServicesNamedAfter(c, a):
		fs, other = c, a
	default:
		return nil, nil, false
	}
	if other.postal || laPostesFranceServices(fs) || notFranceServicesHouse(fs, other) {
		return nil, nil, false
	}
	return fs, other, true
}

// franceServicesRunBy says whether one of a and c is a France Services
// with no name of its own whose mailbox is named after the other
// (namedMailbox: « France services Avoine », infoemploietservices@…,
// and « Info Emploi et Services - Avoine »): the structure runs it, an
// association as well as a public body, which housesFranceServices,
// reading SIRENs, cannot tell from a tenant. Found on the structure's
// street (unnumberedStreetDoor), it is there.
func franceServicesRunBy(a, c *prepared) bool {
	fs, other, ok := franceServicesAndHouse(a, c)
	return ok && namedMailbox(fs, other)
}

// franceServicesNamedAfter says whether fs is a France Services named by
// its label, its commune, its host's kind (bareWords) and words that
// other's name carries, and by nothing else: « France services Lamentin
// Pelletier » in the « Centre d'Action Sociale et Éducative (CASE) de
// Pelletier », named after the quarter its host is named after. Such a name
// is no name of its own (housesFranceServices), the host's words said
// again; one word that other's name lacks is a name of its own.
func franceServicesNamedAfter(fs, other *prepared) bool {
	if !fs.franceServices || fs.mobile {
		return false
	}
	own := false
	for _, w := range fs.name {
		if bareWords[w] || fs.commune[w] {
			continue
		}
		if !slices.ContainsFunc(other.name, func(o string) bool { return wordsMatch(w, o) }) {
			return false
		}
		own = true
	}
	return own
}

// laPosteSIREN is La Poste's SIREN: its post offices' SIRETs begin with it.
const laPosteSIREN = "356000000"

var franceServicesKey = func() string {
	ws := content(expand("France Services"))
	if len(ws) != 1 {
		panic("dedup: « France Services » is not one phrase")
	}
	return ws[0]
}()

// postOffice says whether one of the places is La Poste's (its SIREN, or
// its name: « La Poste », « bureau de poste », not a commune's « agence
// postale ») and the other a France Services: La Poste runs France
// Services in its post offices, the counter's staff being its agents, so
// that La Poste's record at the address of a France Services is that
// France Services (« LA POSTE » and « France services Tours-sur-Marne » at
// 1 rue de la Halle), as a mairie's record is the service it hosts
// (hostName). Another structure at a post office's address stays another
// door, and a mairie's agence postale is not a France Services' host.
//
// A France Services that writes from an organisation's own domain
// (operatorMail: « pbalazot@pays-epinal.fr », a commune's, an
// association's) is that organisation's, run at its own counter, as one
// writing from laposte.fr is La Poste's (laPostesFranceServices): La
// Poste's record on its square or street is then another door.
func postOffice(a, c *prepared) bool {
	if a.mobile || c.mobile {
		return false
	}
	return a.post && postOfficeService(c) || c.post && postOfficeService(a)
}

// postOfficeService says whether q is a France Services that La Poste's
// record at its address may be (postOffice): not La Poste's own record,
// and not one writing from another organisation's domain unless its
// complement names the post office (postHouse: the building says the
// door).
func postOfficeService(q *prepared) bool {
	return q.franceServices && !q.post && (!q.operatorMail || q.postHouse)
}

// operatorDomain says whether an e-mail's domain is an organisation's own:
// not a mail provider's (mailProviders), not La Poste's (laposte.fr, and
// the group's other domains), not a network's or a platform's
// (france-services.gouv.fr gives each France Services, whoever runs it, a
// mailbox: platforms).
func operatorDomain(dom string) bool {
	dom = strings.TrimPrefix(dom, "www.")
	if dom == "" || strings.Contains(dom, "laposte") || platforms[dom] {
		return false
	}
	return !mailProviders[dom[:max(0, strings.LastIndexByte(dom, '.'))]]
}

// franceServicesOnUnplacedSquare is hostsFranceServicesOnUnplacedSquare's
// reading for the house of a France Services with no name of its own
// (housesFranceServices: a public body, a centre social): the two on one
// square of one commune, neither giving a house number, one of them placed
// and the other not (« Pôle solidarité de Valréas », « HOTEL DE VILLE -
// Place A. Briand », in Aidants Connect's list, and « France services
// Valréas », place Aristide Briand): the square is all the unplaced record
// says of its door, and on it the commune's one France Services is the one
// the body there houses. An unplaced house giving a phone or an e-mail is
// left, as the authority is.
func franceServicesOnUnplacedSquare(a, c *prepared) bool {
	fs, house, ok := franceServicesAndHouse(a, c)
	if !ok || !fs.bareFranceServices || !unnumberedSquare(a, c) || placed(a) == placed(c) {
		return false
	}
	if !placed(house) && ownsContacts(house) {
		return false
	}
	return oneStreetFront(a, c)
}

// postOfficeCorner says whether one place is La Poste's record and the
// other a France Services it may be (postOffice) at one point of one
// commune (onePoint), their streets two: a village's post office stands at
// a corner or on a square that producers name by either street (the
// national file's « LA POSTE », 1 place des Templiers, and « France
// services de La Ville-Dieu-du-Temple », place de l'Église, 7 m). A
// France Services writing from another organisation's domain is that
// organisation's (postOfficeService), and farther than one point the
// streets say two doors.
func postOfficeCorner(a, c *prepared) bool {
	d, hasD := distance(a, c)
	return hasD && d <= onePoint && postOffice(a, c) && sameTown(a, c, d, hasD)
}

// onePostOffice says whether both places are La Poste's (postOffice:
// its SIREN, or its name), none travelling: La Poste keeps one office at
// an address, and producers name it each their way — the office's own
// list by the office's name (« Le Puy En Velay Les Carmes », SIRET of La
// Poste), the Conseillers numériques' file by the employer (« LA POSTE »,
// « Etape Numérique », no SIRET) —, so that two such records at one
// address, or within 50 m in one street (an office's front spans several
// numbers: 1 and 5 rue Ernest Renan, 36 m), are that office whatever their
// names. Another post office of
// the town is at another address, even when the national file gives its
// permanence the employing office's SIRET.
func onePostOffice(a, c *prepared) bool {
	return !a.mobile && !c.mobile && (a.post || a.postSpace) && (c.post || c.postSpace)
}

// oneSIRETAtOnePoint says whether two places carry one SIRET (one
// establishment) and lie within onePoint of each other in one town: a
// village's post office under two street names, its corner's (« 6 Place du
// 8 Mai » and « 6 AV JOSEPH CANTELOUBE », 17 m). The same SIRET farther off
// is the employing office's, given by the national file to a permanence
// held in another office.
func oneSIRETAtOnePoint(a, c *prepared) bool {
	if a.PivotKind != "siret" || c.PivotKind != "siret" || a.Pivot != c.Pivot || !atOnePoint(a, c) {
		return false
	}
	d, hasD := distance(a, c)
	return sameTown(a, c, d, hasD)
}

// postSpaceName says whether a name's words (expand) are La Poste's name
// for the digital space of a post office, « Étape numérique » (its
// « Étapes numériques » programme), by which the national file names the
// office where its conseiller receives. It makes the place La Poste's for
// onePostOffice only: the space is not the office's France Services
// counter (postOffice), which the labels of the Haute-Garonne set keep
// apart at one address.
func postSpaceName(raw []string) bool {
	for i, w := range raw {
		if w == etapeKey && i+1 < len(raw) && raw[i+1] == numeriqueKey {
			return true
		}
	}
	return false
}

// postOfficeStreet says whether La Poste's record and a France Services
// that says it is La Poste's (« France services Putanges le Lac (La
// Poste) ») are in one street of one commune: La Poste keeps one office in
// a street, so they are its office whatever their numbers and coordinates
// (2 and 4 of a street, a record geocoded 3.7 km off).
func postOfficeStreet(a, c *prepared) bool {
	if a.mobile || c.mobile || !a.post || !c.post || a.franceServices == c.franceServices {
		return false
	}
	d, hasD := distance(a, c)
	return sameTown(a, c, d, hasD) && streetSim(a, c) >= 0.8
}

// postalName says whether a name's words (expand) name La Poste's counter:
// « agence postale » (communale or intercommunale), « La Poste », « bureau
// de poste », « relais poste ». A commune staffs its agence postale, but it
// is La Poste's service, with its own phone and e-mail: not one a mairie
// hosts as its own (« Agence postale de Solignac » at the mairie was
// linked to « Mairie de Solignac »), and another door, as La Poste beside
// a coworking at one address in the Hub LO set.
func postalName(raw []string) bool {
	for i, w := range raw {
		switch {
		case w == postalKey:
			return true
		case w == posteKey && i > 0 && postePrefixes[raw[i-1]]:
			return true
		case w == posteKey && i > 1 && raw[i-1] == "de" && raw[i-2] == stem("bureau"):
			return true
		}
	}
	return false
}

var (
	postalKey     = stem("postale")
	posteKey      = stem("poste")
	postePrefixes = set("la", stem("relais"), stem("agence"), stem("bureau"))
	etapeKey      = stem("etape")
	numeriqueKey  = stem("numerique")
)

// publicFranceServices says whether one place is a France Services with no
// name of its own housed by the other (housesFranceServices) at one
// numbered address, one point or one building: the reading of
// france_services_host. A France Services is a label held by a public body
// or run by another (the commune, the intercommunality, the CCAS), and
// producers give its counter the SIRET of whichever they know (« Espace
// France Services de Rostrenen » under the commune's SIRET at the
// intercommunality's cité administrative, which holds the label): between
// two public SIRENs (publicSIREN) the other-SIREN penalty says nothing of
// two doors there. Two public bodies' own records (a CCAS and the mairie)
// keep it.
func publicFranceServices(a, c *prepared) bool {
	return housesFranceServices(a, c) && addressAgrees(a, c) && (numberedAddress(a, c) || atOnePoint(a, c) || sameBuilding(a, c))
}

// notFranceServicesHouse says whether a place is, by its name, no house of
// a France Services with no name of its own at its address
// (housesFranceServices): a charity network's local unit (« Antenne locale
// de Puisaye Croix Rouge Française » at the address of « MSAP
// Saint-Sauveur en Puisaye »), an association of its own that receives its
// own public, not a counter of the France Services, as hosts reads it for
// a mairie. Its SIREN would say so (an association's); the national file
// often gives none. A France Services named after that place says it is
// there, and is read as before; shared contacts still say one place
// (identity, own_contacts).
func notFranceServicesHouse(fs, other *prepared) bool {
	return !franceServicesNamedAfter(fs, other) && charityNetwork(other.Name)
}

// franceServicesOnOneStreet says whether one place is a France Services
// with no name of its own (its label and its commune: bareFranceServices)
// and the other a record whose name says it is a France Services too
// (« TIERS-LIEU DE GOURBEYRE labalisé "FRANCE SERVICES" »), on one street of
// one commune, the house numbers not disagreeing (none given, Aidants
// Connect's « Ruelle des Bambous » and « Ruelle Bambou »). The label is
// given to one structure of a commune, which a street does not hold twice:
// those are its records when one side lacks coordinates, or when both put
// them within 500 m (a street's front; farther, coordinates say two). Not a
// record that is not a France Services by its name (a médiathèque up the
// street of the mairie's MSAP: housesFranceServices asks for one point
// there), nor La Poste's counter (postOffice), nor a travelling one.
// Two numbers of the street are one door too when both points are within
// 50 m (nextDoor, as an authority's premises span a street front): the
// Région Sud's « France Services » at 26 avenue des Arcades in Sisteron
// and the national « Permanence France Services Sisteron » at 22, 45 m
// apart; without coordinates on one side, two numbers stay two doors.
func franceServicesOnOneStreet(a, c *prepared) bool {
	if a.mobile || c.mobile || !a.franceServices || !c.franceServices || !a.bareFranceServices && !c.bareFranceServices {
		return false
	}
	if a.postal || c.postal || laPostesFranceServices(a) || laPostesFranceServices(c) {
		return false
	}
	return oneStreetFront(a, c) || nextDoor(a, c)
}

// oneStreetFront says whether two places are on one street of one commune,
// the house numbers not disagreeing (none given on one side), and within
// 500 m when both have coordinates (a street's front; farther, coordinates
// say two): where a label given to one place of a commune
// (franceServicesOnOneStreet, digitalSpaceOnOneStreet) names one door. The
// streets' names are compared without their kinds (streetNameSimilarity):
// the label's two records on the boulevard and the impasse of one name
// (« 55 boulevard de la République » and « Impasse de la Republique » for
// the France Services of Villemoustaussou) are its door and the way to it,
// as the label is given to one structure of the commune.
func oneStreetFront(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if hasD && d > 500 || !sameTown(a, c, d, hasD) || streetNameSimilarity(a.st, c.st) < 0.8 {
		return false
	}
	_, same := numbersAgree(a.st.numbers, c.st.numbers)
	return same
}

// postOfficeComplement says whether an address complement names La
// Poste's office (« Bureau de Poste », « La Poste »): France Services'
// national list writes there the building that houses a France Services,
// and « Bureau de Poste » for the ones held in a post office (36 of its
// 2,683 rows, most writing from france-services.gouv.fr under the
// commune's name only), so that such a France Services is La Poste's
// (laPostesFranceServices), not a service the mairie on its square hosts.
// An « agence postale » is the commune's own counter, often in the mairie,
// and says nothing of La Poste.
func postOfficeComplement(complement string) bool {
	if complement == "" {
		return false
	}
	raw := expand(complement)
	return postalName(raw) && !slices.Contains(raw, postalKey)
}
