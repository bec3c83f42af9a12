package dedup

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"carnet/models/commune"
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
	ID, Source                                string
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

type keyKind uint8

const (
	kindSIRET keyKind = iota + 1
	kindSIREN
	kindRNA
	kindPhone
	kindEmail
	kindURL
	kindDomain
	kindNamedDomain // not a key: a domain that spells the other's name
	kindTownDomain  // not a key: a domain that is the commune's, the other place (townDomain)
	// kindInitialsDomain is not a key: a domain that is the other place's
	// initials (initialsDomain).
	kindInitialsDomain
	kindMailDomain // an organisation's own e-mail domain or website host (maildomain.go)
)

type key struct {
	kind  keyKind
	value string
}

// prepared is a place with its comparison features computed once.
type prepared struct {
	*Place
	name []string // content words, commune words kept
	// alts are the name read other ways: a Département's house
	// (departementNamed), the name without its gloss in parentheses
	// (withoutGloss), a commune's record without what follows its
	// commune's name (mairieLead), each of two structures it names
	// (namedStructures),
	// each part of a name and its kind joined by a colon (colonParts),
	// each of two words joined by a slash (slashReadings).
	alts     [][]string
	raw      []string // written-out words with stop words, for acronyms
	st       street
	building []string // words of the complement and of a building-like street
	// complement: the complement's words (in building unless the block
	// reads the complement as a district, see districtComplements).
	complement []string
	commune    map[string]bool
	town       string // the commune folded, arrondissement dropped
	// city is the commune's INSEE code, an arrondissement's city's
	// (cityCode); "" when unknown.
	city    string
	keys    []key
	siren   string
	domains []string // website and e-mail domains, TLD and punctuation dropped
	// siteDomains are the websites' domains alone (a public comparison's
	// domains when the e-mails are private).
	siteDomains []string
	// mailboxes are the e-mails' local parts glued (infoemploietservices
	// of infoemploietservices@cc-cvl.fr), see namedDomain.
	mailboxes []string
	// domainWords are the words of the domains (« cscl » and
	// « chatillonnais » of cscl-chatillonnais.fr), siteDomainWords the
	// websites' alone; initials the initials of the name's words, stop
	// words left out, when it has four words or more (initialsDomain);
	// headInitials those of the name before a last part that names its
	// commune (withoutCommuneTail), "" when there is none.
	domainWords, siteDomainWords []string
	initials, headInitials       string
	// postMail: one of the e-mails is at La Poste's own domain
	// (laposte.fr, not its public mail service laposte.net), see hosts;
	// postHouse: the address complement names La Poste's office
	// (postOfficeComplement).
	postMail, postHouse bool
	// public: a copy without private phones and e-mails, whose carriers
	// of a phone or e-mail are counted among public ones (publicView).
	public  bool
	spelled []string // the name glued, with and without stop words (saintAsSt)
	// townDomains: for a commune's own record, the domains it writes from
	// (townDomain).
	townDomains []string
	// authority: the name is a local authority's (a commune, an
	// intercommunality, a Département), see hostName.
	authority bool
	// mobile: the name says the place is a vehicle or a travelling
	// service (« Bus France Services », « bibliobus »), see hostName.
	mobile bool
	// annex: the name says the place is an annex of another (« Mairie
	// annexe de Luynes », « Annexe du Quart'Ney »), see annexName.
	annex bool
	// postal: the name says the place is La Poste's counter (« Agence
	// postale communale », « La Poste », « Relais poste »), see hosts.
	postal bool
	// post: the place is La Poste's (its SIREN, or « La Poste » or
	// « bureau de poste » in its name), see postOffice; franceServices:
	// the name is a France Services'.
	post, franceServices bool
	// postSpace: the name is La Poste's digital space's (postSpaceName).
	postSpace bool
	// bareFranceServices: the name is « France Services » and the
	// commune's name only, no name of its own (housesFranceServices);
	// bareDigital: the name is a digital space's kind, its département's
	// and its commune's names only (« Espace Numérique Côte-d'Or de
	// Précy-sous-Thil », « EPN de Blanzy »), see bareDigitalSpace.
	bareFranceServices, bareDigital bool
	// lead: the building an address line names before its street
	// (« Mairie de Santa Maria di Lota, Lieu-dit Mocali»), see
	// leadingBuilding.
	lead []string
	// leadIsComplement: lead is read as the complement, the record
	// having none of its own.
	leadIsComplement bool
	// key is nameKey's, computed once; siteName the name's words sorted,
	// the commune's kept (nameOfSeveralSites).
	key, siteName string
}

func prepare(p *Place) *prepared {
	q := &prepared{Place: p, commune: map[string]bool{}}
	for _, w := range words(p.Commune) {
		if !isDigits(w) && w != "er" && w != "e" && w != "eme" && w != "arrondissement" {
			q.commune[stem(w)] = true
			q.town += w + " "
		}
	}
	if p.InseeCode != "" {
		q.city = cityCode(p.InseeCode)
	}
	name := glueDotted(withoutSchedule(p.Name))
	q.raw = expandIn(name, q.commune)
	q.name = withoutRole(content(q.raw))
	if communeNamedAlone(q) {
		q.name = append([]string{mairieKey}, q.name...)
	}
	dep := departementOf(p)
	if alt := departementNamed(q.raw, dep); len(alt) != len(q.raw) {
		q.alts = append(q.alts, withoutRole(content(alt)))
	}
	if alt := departementNumbered(q.raw, dep); !slices.Equal(alt, q.raw) {
		q.alts = append(q.alts, withoutRole(content(alt)))
	}
	bare := withoutGloss(name)
	if bare != name {
		q.alts = append(q.alts, withoutRole(content(expandIn(bare, q.commune))))
	}
	if lead := mairieLead(q); lead != nil {
		q.alts = append(q.alts, lead)
	}
	q.alts = append(q.alts, namedStructures(q.raw)...)
	if bare != name {
		// A hub names a place by the two structures it houses and adds
		// its label in parentheses (« Maison des solidarités et CCAS de
		// Montivilliers (Maison France Service) »): the gloss belongs
		// to the whole name, and kept it made the second structure's
		// name one of more words than its own record's.
		q.alts = append(q.alts, namedStructures(expandIn(bare, q.commune))...)
	}
	for _, part := range append(colonParts(name), slashReadings(name)...) {
		q.alts = append(q.alts, withoutRole(content(expandIn(part, q.commune))))
	}
	q.authority = len(q.name) > 0 && authorityKeys[q.name[0]] || departementPremises(q.raw) || slices.Contains(words(p.Name), intercomWord)
	q.mobile = mobileName(q.raw)
	q.annex = slices.Contains(q.raw, annexKey)
	q.postal = postalName(q.raw)
	// The part of the street's line before the street, when the record
	// has no complement, is its complement written in one line (« Bureau
	// de Poste - Place Saint Michel », « YSOS - 24 RUE DES TOMBETTES »):
	// read as one, it says what a complement says, and no more.
	line, complement := p.Street, p.Complement
	if lead, rest, ok := leadingBuilding(line, q.commune); ok {
		q.lead, line = lead, rest
		if complement == "" {
			complement = leadText(p.Street, rest)
			q.leadIsComplement = true
		}
	} else if street, tail, ok := trailingBuilding(line, q.commune); ok && complement == "" {
		// The complement after the street (« 7 boulevard de l'Europe,
		// Espace numérique », « Place Saint Michel, Bureau de Poste »).
		line, complement = street, tail
	}
	q.postHouse = postOfficeComplement(complement)
	q.post = q.postal && !slices.Contains(q.raw, postalKey) || strings.HasPrefix(p.Pivot, laPosteSIREN)
	q.franceServices = slices.Contains(q.name, franceServicesKey)
	q.postSpace = postSpaceName(q.raw)
	q.bareFranceServices = q.franceServices && !q.mobile && (!slices.ContainsFunc(q.name, func(w string) bool { return !bareWords[w] && !q.commune[w] }) || siteOfCommune(p.Name, q.commune))
	q.bareDigital = !q.mobile && bareDigitalSpace(q.name, q.commune, dep)
	q.key = nameKey(q)
	if len(q.name) > 0 {
		ws := slices.Clone(q.name)
		slices.Sort(ws)
		q.siteName = strings.Join(slices.Compact(ws), " ")
	}
	q.st = parseStreet(line, q.commune)
	if !q.leadIsComplement {
		q.building = append(q.building, q.lead...)
	}
	if q.st.building {
		q.building = append(q.building, q.st.words...)
	}
	if complement != "" {
		q.complement = parseStreet(complement, q.commune).words
		if !repeatsName(q.complement, q) {
			q.building = append(q.building, q.complement...)
		}
	}
	switch p.PivotKind {
	case "siret":
		q.siren = p.Pivot[:9]
		q.keys = append(q.keys, key{kindSIRET, p.Pivot}, key{kindSIREN, q.siren})
	case "siren":
		q.siren = p.Pivot
		q.keys = append(q.keys, key{kindSIREN, p.Pivot})
	case "rna":
		q.keys = append(q.keys, key{kindRNA, p.Pivot})
	}
	for _, ph := range p.Phones {
		if k := phoneKey(ph); !networkNumber(k) {
			q.keys = append(q.keys, key{kindPhone, k})
		}
	}
	for _, m := range p.Emails {
		m = strings.ToLower(m)
		q.keys = append(q.keys, key{kindEmail, singleLetters(m)})
		if local, _, ok := strings.Cut(m, "@"); ok {
			q.mailboxes = append(q.mailboxes, saintAsSt(strings.Join(words(local), "")))
		}
		if _, dom, ok := strings.Cut(m, "@"); ok && !mailProviders[dom[:max(0, strings.LastIndexByte(dom, '.'))]] {
			q.domains = append(q.domains, domainLabel(dom))
			q.domainWords = append(q.domainWords, domainWords(dom)...)
		} else if ok && dom == laPosteDomain {
			q.postMail = true
		}
	}
	q.spelled = spellings(name)
	if bare := withoutGloss(name); bare != name {
		q.spelled = append(q.spelled, spellings(bare)...)
	}
	head := withoutCommuneTail(name, q.commune)
	if head != name {
		q.spelled = append(q.spelled, spellings(head)...)
	}
	if q.town != "" && len(q.name) > 0 && q.name[0] == mairieKey && !slices.ContainsFunc(q.name[1:], func(w string) bool { return !q.commune[w] }) {
		// « Commune de Cormicy », « Mairie de Cormicy »: the commune's
		// own domains (townDomain).
		town := saintAsSt(strings.ReplaceAll(q.town, " ", ""))
		q.townDomains = []string{town, "ville" + town, "mairie" + town}
	}
	for _, u := range p.Websites {
		host, path := splitURL(u)
		if host == "" {
			continue
		}
		if canonical, ok := platformHost(host); ok {
			// A page of a platform: the page is the place's, the
			// platform is everyone's.
			if path != "" {
				q.keys = append(q.keys, key{kindURL, canonical + path})
			}
			continue
		}
		if path != "" {
			q.keys = append(q.keys, key{kindURL, host + path})
		}
		q.keys = append(q.keys, key{kindDomain, host})
		q.domains = append(q.domains, domainLabel(host))
		q.siteDomains = append(q.siteDomains, domainLabel(host))
		q.siteDomainWords = append(q.siteDomainWords, domainWords(host)...)
	}
	q.domainWords = append(q.domainWords, q.siteDomainWords...)
	q.keys = append(q.keys, mailDomainKeys(q)...)
	q.initials = initialsOf(q.raw)
	if head != name {
		q.headInitials = initialsOf(expandIn(head, q.commune))
	}
	return q
}

// phoneKey is the key under which two phones are one line: the national
// number of the French integrated numbering plan (ARCEP), 0 and nine
// digits, for the codes of that plan. Producers write an overseas line with
// France's code (France Services' list: +33 596 52 73 85 for Martinique's
// 0596 52 73 85, which the national file writes +596 596 52 73 85), and
// libphonenumber reads both forms as valid, so the stored numbers differ.
// In that plan a national number is one line wherever it is dialled from.
// Other codes (New Caledonia's, Polynesia's…) have plans of their own and
// are kept as stored.
func phoneKey(e164 string) string {
	for _, code := range []string{"+33", "+590", "+594", "+596", "+262"} {
		if rest, ok := strings.CutPrefix(e164, code); ok && len(rest) == 9 && isDigits(rest) {
			return "0" + rest
		}
	}
	return e164
}

// networkNumber says whether a phone key is a national network's number,
// not a place's line: a short number (3949 for France Travail, 3646 for
// the Assurance maladie, 3230 for the CAF), an 08 special-rate or free
// number, or a 09 69 « Cristal » number of a national customer service.
// Every office of the network gives it (the labelled sets' public files
// hold 3949 22 times, 3646 14 times), so, as a mail provider's domain, it
// says nothing of which place a record is: it is no key.
func networkNumber(k string) bool {
	digits := strings.TrimPrefix(k, "+33")
	if len(digits) <= 4 {
		return isDigits(digits)
	}
	return strings.HasPrefix(k, "08") || strings.HasPrefix(k, "0969")
}

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

// laPosteDomain is La Poste's own e-mail domain, its staff's and its
// France Services' (« msap.nolay@laposte.fr »); its public mail service is
// laposte.net.
const laPosteDomain = "laposte.fr"

// domainWords are the words of a domain without its TLD and « www »,
// four letters or more: « cscl-chatillonnais.fr » gives « cscl » and
// « chatillonnais ».
func domainWords(host string) []string {
	host = strings.TrimPrefix(host, "www.")
	if i := strings.LastIndexByte(host, '.'); i > 0 {
		host = host[:i]
	}
	var out []string
	for _, w := range words(host) {
		if len(w) >= 4 && isLetters(w) {
			out = append(out, w)
		}
	}
	return out
}

// initialsOf returns the initials of a name's words (expand), stop words
// left out, when it has four words or more, all of letters: « cscl » for
// « Centre Socio Culturel et de Loisirs »; "" otherwise (shorter initials
// are too common to say which name they spell).
func initialsOf(raw []string) string {
	var b strings.Builder
	for _, w := range raw {
		if stopWords[w] {
			continue
		}
		if w == "" || w[0] < 'a' || w[0] > 'z' {
			return ""
		}
		b.WriteByte(w[0])
	}
	if b.Len() < 4 {
		return ""
	}
	return b.String()
}

// initialsDomain reports whether a word of a domain of a is the initials of
// c's whole name (initialsOf): a structure's domain is often its initials
// (« cscpf.fr », the Centre social et culturel de Puisaye Forterre), and a
// place writing from it is one of that structure's services, as a domain
// spelling its name says (namedDomain). Initials of part of a name do not
// count.
func initialsDomain(a, c *prepared) bool {
	if len(a.domainWords) == 0 {
		return false
	}
	return c.initials != "" && slices.Contains(a.domainWords, c.initials) ||
		c.headInitials != "" && slices.Contains(a.domainWords, c.headInitials)
}

// roleKey is the phrase key of « conseiller numérique »: the programme's
// role, which hubs put in the names of the places where a conseiller works
// (« Conseiller numérique - CCDSV », « Conseillers numériques Conseil
// départemental de l'Allier »); it names no place.
var roleKey = stem("cnfs")

// withoutRole drops the role from a name's words, unless nothing else is
// left.
func withoutRole(ws []string) []string {
	if !slices.Contains(ws, roleKey) || len(ws) == 1 {
		return ws
	}
	var out []string
	for _, w := range ws {
		if w != roleKey {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return ws
	}
	return out
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

var mairieKey = stem("mairie")

// intercomWord: « Pré-Bocage Intercom », « Intercom de la Vire au
// Noireau », « Intercom Bernay Terres de Normandie » are
// intercommunalities, named so by themselves, the word before or after
// their territory: a local authority as a « CC » or a « CA » is (the
// shared table reads « intercom » as « intercommunal », an adjective that
// many bodies that are no authority carry, « Centre social intercommunal »).
const intercomWord = "intercom"

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
// Services, MSAP, and « FS », which no table expands), and the kinds of
// structures that house one (CCAS, CIAS, a commune, an intercommunality).
var bareWords = func() map[string]bool {
	m := set(franceServicesKey, stem("ccas"), stem("cias"), "fs")
	for k := range authorityKeys {
		m[k] = true
	}
	return m
}()

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
	if a.mobile || c.mobile {
		return false
	}
	fs, other := a, c
	switch {
	case a.bareFranceServices || franceServicesNamedAfter(a, c):
	case c.bareFranceServices || franceServicesNamedAfter(c, a):
		fs, other = c, a
	default:
		return false
	}
	if other.postal || laPostesFranceServices(fs) || notFranceServicesHouse(fs, other) {
		return false
	}
	return other.siren == "" || other.siren[0] == '1' || other.siren[0] == '2' || socialCentre(other.raw)
}

// socialCentre says whether a name is a centre social's (« Centre social
// et culturel du Pays Manslois », « Association Vie et Culture - Centre
// social Alexis Peyret », « centre socio-culturel »): the words « centre
// social » or « centre socio… » in a row, as the CAF's approval names them.
func socialCentre(raw []string) bool {
	for i := 0; i+1 < len(raw); i++ {
		if raw[i] == centreKey && (raw[i+1] == socialKey || strings.HasPrefix(raw[i+1], "socio")) {
			return true
		}
	}
	return false
}

var centreKey, socialKey = stem("centre"), stem("social")

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

// digitalKinds are the words of a digital space's kind (« espace public
// numérique », folded to EPN with cyber-bases, « espace numérique »,
// « point numérique », « espace multimédia »), digitalCore those of them
// that say it is a digital one.
var (
	digitalKinds = set(stem("espace"), stem("numerique"), stem("public"), stem("point"), stem("multimedia"), stem("informatique"),
		stem("internet"), stem("cyber"), stem("base"), stem("epn"))
	digitalCore = set(stem("numerique"), stem("multimedia"), stem("informatique"), stem("internet"), stem("cyber"), stem("epn"))
)

// bareDigitalSpace says whether a name (its content words) is a digital
// space's with no name of its own: its kind (digitalKinds, one at least
// saying it is digital), and at most its commune's and its département's
// names, a Département naming its network so (« Espace Numérique Côte-d'Or
// de Vitteaux »).
func bareDigitalSpace(name []string, commune map[string]bool, dep string) bool {
	core := false
	for _, w := range name {
		switch {
		case digitalCore[w]:
			core = true
		case digitalKinds[w], commune[w]:
		case dep != "" && slices.Contains(departementNameWords(dep), w):
		default:
			return false
		}
	}
	return core
}

// housesDigitalSpace says whether one place is a digital space with no
// name of its own (bareDigital) and the other the structure that houses
// it, once their addresses agree: a médiathèque, a mairie, a centre social
// gives its digital space a name of its kind and its commune, and the
// structure's record at that address is the same door, as for a France
// Services named so (housesFranceServices, whose conditions hold here:
// not a private body by its SIREN, not La Poste's counter, not a
// travelling service). A digital space with a name of its own (« Le
// Cube ») is not read so.
func housesDigitalSpace(a, c *prepared) bool {
	other := bareDigitalAnd(a, c)
	if other == nil || other.postal {
		return false
	}
	return other.siren == "" || other.siren[0] == '1' || other.siren[0] == '2'
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
func postOffice(a, c *prepared) bool {
	if a.mobile || c.mobile {
		return false
	}
	return a.post && c.franceServices && !c.post || c.post && a.franceServices && !a.post
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
	return sameTown(a, c, d, hasD) && streetSimilarity(a.st, c.st) >= 0.8
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

// mobileKeys are the stemmed words that make a place a travelling one: a
// France Services bus parked on the square of a mairie whose conseiller
// numérique receives inside is another door (the « Bus France Services en
// Charente » file against the Charente hub's « COMMUNE DE … » permanences:
// nine such links, five on the word « mairie » of the stop's name
// « [Place de la mairie] », four more by the host-authority rule). A
// vehicle is named by its kind: a bus, a minibus (France Services' list:
// « soit dans le minibus soit en mairie »), a camion, a caravane, a
// camping-car (mobileName).
var mobileKeys = set(stem("bus"), stem("bibliobus"), stem("minibus"), stem("camion"), stem("itinerant"), stem("itinerante"), stem("mobile"), stem("caravane"))

// mobileName says whether a name's words (expand) make the place a
// travelling one: a word of mobileKeys, or « camping-car » (« Camping-car
// France-Services MSA/CCKB », registered at the intercommunality that runs
// it), whose words alone name a campsite and a coach.
func mobileName(raw []string) bool {
	for i, w := range raw {
		if mobileKeys[w] || w == campingKey && i+1 < len(raw) && raw[i+1] == carKey {
			return true
		}
	}
	return false
}

var campingKey, carKey = stem("camping"), stem("car")

// numberedAddress says whether a and c give one street and one house
// number in one commune.
func numberedAddress(a, c *prepared) bool {
	d, hasD := distance(a, c)
	if !sameTown(a, c, d, hasD) || streetSimilarity(a.st, c.st) < 0.8 {
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
	if streetSimilarity(a.st, c.st) < 0.8 {
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
	return hasD && d <= 50 && sameTown(a, c, d, hasD) && streetSimilarity(a.st, c.st) >= 0.8
}

// singleLetters writes an e-mail address with every doubled letter once:
// the key under which two e-mails are one. A doubled letter written single
// is the commonest slip in a French name (« ccas@ville-baileul.fr », the
// CCAS of Bailleul's e-mail as France Services' list gives it); e-mails
// that differ by any other letter stay two.
func singleLetters(m string) string {
	var b strings.Builder
	for i := 0; i < len(m); i++ {
		if i > 0 && m[i] == m[i-1] && m[i] >= 'a' && m[i] <= 'z' {
			continue
		}
		b.WriteByte(m[i])
	}
	return b.String()
}

// mailProviders are e-mail domains (without their TLD) shared by unrelated
// people: their names say nothing of a place.
var mailProviders = set("gmail", "googlemail", "orange", "wanadoo", "free", "hotmail", "yahoo", "laposte", "sfr", "outlook",
	"live", "neuf", "aol", "icloud", "gmx", "msn", "bbox", "numericable", "club-internet", "protonmail", "yahoo.co", "mail")

// platforms are the hosts of social networks, site builders, directories
// and booking or public portals on which unrelated places have their
// pages: like a mail provider's domain (mailProviders), such a host says
// nothing of a place, only the page does. Facebook alone is the host of
// 127 websites in the labelled sets' public files, sites.google.com of
// 61; within one département two unrelated places' pages there counted as
// one domain (same_domain) when no other place of their sources had one.
var platforms = set("facebook.com", "fb.com", "fb.me", "instagram.com", "linkedin.com", "twitter.com", "x.com",
	"youtube.com", "youtu.be", "tiktok.com", "sites.google.com", "google.com", "maps.google.com", "goo.gl",
	"bit.ly", "linktr.ee", "helloasso.com", "calendly.com", "doctolib.fr", "pagesjaunes.fr", "annuaire-mairie.fr",
	"service-public.fr", "lannuaire.service-public.fr", "france-services.gouv.fr", "conseiller-numerique.gouv.fr",
	"cartographie.societenumerique.gouv.fr", "aidantsconnect.beta.gouv.fr", "pagesperso-orange.fr")

// platformHost says whether host is a platform's (platforms), and returns
// its one name: the language and mobile hosts of a network are the
// network's (« fr-fr.facebook.com », « m.facebook.com », « fr.linkedin.com »).
func platformHost(host string) (string, bool) {
	if platforms[host] {
		return host, true
	}
	if _, parent, ok := strings.Cut(host, "."); ok && (parent == "facebook.com" || parent == "linkedin.com" || parent == "instagram.com") {
		return parent, true
	}
	return "", false
}

// domainLabel returns a domain without www., TLD and punctuation:
// letierslieudecarpentras.fr → letierslieudecarpentras.
func domainLabel(host string) string {
	host = strings.TrimPrefix(host, "www.")
	if i := strings.LastIndexByte(host, '.'); i > 0 {
		host = host[:i]
	}
	return saintAsSt(strings.Join(words(host), ""))
}

// spellings are a name glued, with and without its stop words, « saint »
// written « st » (saintAsSt), for namedDomain.
func spellings(name string) []string {
	var all, kept strings.Builder
	for _, w := range words(name) {
		all.WriteString(w)
		if !stopWords[w] {
			kept.WriteString(w)
		}
	}
	return []string{saintAsSt(all.String()), saintAsSt(kept.String())}
}

// saintAsSt writes « saint » as « st » in a glued name or domain: the
// domains abbreviate it (« ccas-stlouis.fr » for the CCAS de Saint-Louis).
func saintAsSt(s string) string {
	if !strings.Contains(s, "saint") {
		return s
	}
	return strings.ReplaceAll(s, "saint", "st")
}

// splitURL returns the host without www. and the path without its final
// slash, query or fragment, lower-cased.
func splitURL(u string) (host, path string) {
	u = strings.ToLower(strings.TrimSpace(u))
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	host, path, _ = strings.Cut(u, "/")
	host = strings.TrimPrefix(host, "www.")
	path = strings.TrimRight(path, "/")
	if path != "" {
		path = "/" + path
	}
	return host, path
}

// Block is a set of places compared with each other: in the store, the live
// actors of one département. It knows how common each name word is (rare
// words weigh more) and how many places of each source carry each
// identifier.
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
		q := prepare(&places[i])
		b.places = append(b.places, q)
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
	for _, q := range b.places {
		if k := q.key; k != "" {
			b.namesakes[q.Source+"\x00"+k]++
		}
		if k := q.siteName; k != "" {
			g := q.Source + "\x00" + k
			if !slices.ContainsFunc(sites[g], func(o *prepared) bool { return oneLocation(o, q) }) {
				sites[g] = append(sites[g], q)
			}
		}
	}
	for g, qs := range sites {
		b.nameSites[g] = len(qs)
	}
	districtComplements(b.places)
	return b
}

// nameKey is a place's name without its commune's words, words sorted, and
// its commune: two places with one key bear one name in one commune. ""
// when the name is the commune's alone or the commune is unknown.
func nameKey(q *prepared) string {
	if q.town == "" {
		return ""
	}
	var ws []string
	for _, w := range q.name {
		if !q.commune[w] && !slices.Contains(ws, w) {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 {
		return ""
	}
	slices.Sort(ws)
	return q.town + "\x00" + strings.Join(ws, " ")
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

// oneStreet says whether a and c, in one commune, give one street (their
// numbers differing or missing): without coordinates, what stands for
// namesakeRadius. Producers without a geocoder (Aidants Connect's list
// has no coordinates at all) write a place at SIRENE's number and others
// at its door's: « Maison des Services de Saint-Aigulin » at 1 and at 72
// rue Victor Hugo, « FRANCE SERVICES PLOUHA » at 15 and 22 avenue Laennec.
func oneStreet(a, c *prepared) bool {
	return len(a.st.words) > 0 && !a.st.building && !c.st.building && streetSimilarity(a.st, c.st) >= 0.8 && sameTown(a, c, 0, false)
}

// networkSites is the number of locations from which a name one source
// gives to several places is a network's or an employer's, as a phone or
// an e-mail is (TestCompareValueOfTwoAtOneAddress): two places of one name
// are as often one place listed twice (two addresses, one outdated).
const networkSites = 3

// sameStreetPlace is the place agreement of two places on one street whose
// numbers differ or are missing (placeAgreement).
const sameStreetPlace = 0.75

// nameOfSeveralSites says whether a and c bear one name (its words, the
// commune's included) that one of their sources gives to places at
// networkSites locations or more of the block: the agglomeration of Bastia
// on each mairie where its conseillers receive. Such a name does not say
// which of them the other place means; unless the places are on one street
// it counts as an annex's against its main site does (annexName).
func (b *Block) nameOfSeveralSites(a, c *prepared) bool {
	k := a.siteName
	if k == "" || k != c.siteName {
		return false
	}
	return b.nameSites[a.Source+"\x00"+k] >= networkSites || b.nameSites[c.Source+"\x00"+k] >= networkSites
}

// districtComplements takes out of the building words the complement that
// places of one source carry at several streets of one commune: it names a
// district (Angers writes its quarter there, « Lac de Maine », « Centre
// Ville »; Maine-et-Loire the delegated commune of a commune nouvelle), not
// a building, which stands on one street. A library and a maison de
// quartier 270 m apart in the quarter « Lac de Maine » were one building.
func districtComplements(places []*prepared) {
	streets := map[string]map[string]bool{} // source, town, complement → streets
	groupOf := func(q *prepared) string {
		return q.Source + "\x00" + q.town + "\x00" + strings.Join(q.complement, " ")
	}
	for _, q := range places {
		if len(q.complement) == 0 || len(q.st.words) == 0 {
			continue
		}
		g := groupOf(q)
		if streets[g] == nil {
			streets[g] = map[string]bool{}
		}
		streets[g][strings.Join(q.st.words, " ")] = true
	}
	for _, q := range places {
		if len(q.complement) == 0 || len(streets[groupOf(q)]) < 2 {
			continue
		}
		q.building = nil
		if !q.leadIsComplement {
			q.building = slices.Clip(q.lead)
		}
		if q.st.building {
			q.building = append(q.building, q.st.words...)
		}
	}
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

// Len is the number of places in the block.
func (b *Block) Len() int { return len(b.places) }

// MatchesOf compares the place with id against the places of other sources
// in the block and returns those scoring at least Threshold, or whose
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
		if c.Source == a.Source || c.ID == a.ID || !(shares[c] || near(a, c)) {
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

// publicView is q as a public comparison sees it (see PublicScore).
func (q *prepared) publicView() *prepared {
	out := *q
	out.public = true
	if q.PrivateContacts {
		out.keys = slices.DeleteFunc(slices.Clone(q.keys), func(k key) bool { return k.kind == kindPhone || k.kind == kindEmail })
		out.keys = siteHostKeys(q.Place, out.keys)
		out.domains, out.domainWords, out.postMail, out.mailboxes = q.siteDomains, q.siteDomainWords, false, nil
	}
	return &out
}

// Compare scores two places outside any block: words weigh the same and
// every identifier counts as carried by one place. Tests and one-off checks
// use it; detection uses a Block.
func Compare(a, b Place) Result {
	blk := NewBlock([]Place{a, b})
	return blk.compare(blk.places[0], blk.places[1])
}

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

func distance(a, c *prepared) (float64, bool) {
	if a.Latitude == nil || a.Longitude == nil || c.Latitude == nil || c.Longitude == nil {
		return 0, false
	}
	return haversine(*a.Latitude, *a.Longitude, *c.Latitude, *c.Longitude), true
}

// haversine returns the distance in metres between two WGS84 points.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371000
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h))
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
	postStreet := place < oneAddress && postOfficeStreet(a, c)
	if postStreet {
		place = oneAddress
	}
	digitalNextDoor := place < oneAddress && !postStreet && b.digitalSpaceName(a, c) > 0
	if digitalNextDoor {
		place = oneAddress
	}
	fsStreet := place < oneAddress && !postStreet && !digitalNextDoor && franceServicesOnOneStreet(a, c)
	if fsStreet {
		place = oneAddress
	}
	dsStreet := place < oneAddress && !postStreet && !digitalNextDoor && digitalSpaceOnOneStreet(a, c)
	if dsStreet {
		place = oneAddress
	}
	// One street, a number missing, and an own contact: one door
	// (unnumberedStreetDoor).
	streetDoor := place >= sameStreetPlace && place < oneAddress && b.unnumberedStreetDoor(a, c)
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
	if r.Name < hostName && hosts(a, c) && (addressAgrees(a, c) || nextDoor(a, c) || onMairiesStreet(a, c)) && !b.contactsNameAnotherDoor(a, c) {
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
		case b.ownContacts(a, c) || b.franceServicesMailbox(a, c):
			r.Name = hostName
			r.add("france_services_contacts", "France Services aux mêmes téléphone et courriel")
		}
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
	if r.Name < hostName && housesDigitalSpace(a, c) && addressAgrees(a, c) {
		r.Name = hostName
		r.add("digital_space_host", "espace numérique sans nom propre à la même adresse")
	}
	if r.Name < hostName && postOffice(a, c) && addressAgrees(a, c) {
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
	r.Place = placeAgreement(a, c, &r)
	if postStreet {
		r.Place = oneAddress
		r.add("post_office_street", "La Poste et sa France Services dans la même rue")
	}
	if digitalNextDoor {
		r.Name = max(r.Name, b.digitalSpaceName(a, c))
		r.Place = oneAddress
		r.add("digital_space_next_door", "espace numérique nommé d'après la structure, même adresse ou numéro voisin")
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

// weight is the rarity of a name word in the block: « médiathèque » or
// « marseille » say little in Marseille, « Alcazar » a lot.
func (b *Block) weight(w string) float64 {
	n := float64(max(len(b.places), 2))
	df := float64(max(b.df[w], 1))
	return math.Log(1 + n/df)
}

// nameSimilarity compares the names without the words of either commune
// (« Médiathèque de Cognac » and « Mairie de Cognac » share nothing),
// unless the places are in two communes and each name names its own
// (namesOwnTown: « Mairie de Losne » and « Mairie de Saint-Usage » are two
// mairies, each commune's name tells them apart), word
// by word with rare words weighing more, acronyms read against the other
// name's initials. It is the share of the shorter name found in the longer
// one, tempered by the share of the longer one (0.7/0.3): « Rives de
// Charente » is « Association les Rives de la Charente ».
func (b *Block) nameSimilarity(a, c *prepared, r *Result) float64 {
	sim, acr := b.wordSimilarity(a, c, a.name, c.name)
	// A name read another way (« Maison des Alpes-Maritimes » as the
	// Maison du Département, « DEFI (Défense des Exclus…) » as DEFI)
	// counts when it reads closer.
	if len(a.alts)+len(c.alts) > 0 {
		an := append([][]string{a.name}, a.alts...)
		cn := append([][]string{c.name}, c.alts...)
		for i, x := range an {
			for j, y := range cn {
				if i == 0 && j == 0 || len(x) == 0 || len(y) == 0 {
					continue
				}
				if s2, acr2 := b.wordSimilarity(a, c, x, y); s2 > sim {
					sim, acr = s2, acr2
				}
			}
		}
	}
	switch {
	case sim >= 0.999:
		r.Reasons = append(r.Reasons, Reason{"same_name", "même nom"})
	case sim >= 0.5:
		r.Reasons = append(r.Reasons, Reason{"similar_name", "noms proches (" + frenchFloat(sim, 2) + ")"})
	}
	for _, s := range acr {
		r.Reasons = append(r.Reasons, Reason{"acronym", "sigle " + strings.ToUpper(s)})
	}
	return sim
}

// wordSimilarity compares the name words aw of a and cw of c (see
// nameSimilarity); it returns the similarity and the acronyms read.
func (b *Block) wordSimilarity(a, c *prepared, aw, cw []string) (float64, []string) {
	twoTowns := a.city != "" && c.city != "" && a.city != c.city && namesOwnTown(aw, a, c) && namesOwnTown(cw, c, a)
	drop := func(ws []string) []string {
		var out []string
		for _, w := range ws {
			if twoTowns && !(a.commune[w] && c.commune[w]) || !twoTowns && !a.commune[w] && !c.commune[w] {
				out = append(out, w)
			}
		}
		return out
	}
	an, cn := drop(aw), drop(cw)
	if len(an) == 0 && len(cn) == 0 {
		// Both named after their commune only: « Chateauroux les Alpes ».
		an, cn = aw, cw
	}
	if len(an) == 0 || len(cn) == 0 {
		return 0, nil
	}
	ma, mc := make([]bool, len(an)), make([]bool, len(cn))
	for i, w := range an {
		for j, o := range cn {
			if wordsMatch(w, o) {
				ma[i], mc[j] = true, true
			}
		}
		// A first name written as its initial (« F Chopin », « Frédéric
		// Chopin »), as in a street's name.
		if k := initialAt(an, i, cn); k >= 0 {
			ma[i], mc[k] = true, true
		}
	}
	acr := acronyms(an, ma, c.raw, cn, mc)
	acr = append(acr, acronyms(cn, mc, a.raw, an, ma)...)
	cov := func(ws []string, m []bool) float64 {
		var total, got float64
		for i, w := range ws {
			x := b.weight(w)
			total += x
			if m[i] {
				got += x
			}
		}
		return got / total
	}
	ca, cc := cov(an, ma), cov(cn, mc)
	sim := 0.7*max(ca, cc) + 0.3*min(ca, cc)
	if d := trigramDice(strings.Join(an, ""), strings.Join(cn, "")); d >= 0.75 && d > sim {
		sim = d
	}
	return math.Round(sim*1000) / 1000, acr
}

// namesOwnTown says whether a name (ws, x's) names x's commune and not
// o's: a word of x's commune that is not one of o's, and no word of o's
// commune that is not one of x's. Two places of two communes each named
// after its own are two places (« Mairie de Losne », « Mairie de
// Saint-Usage »); a record naming the other's commune was filed under the
// neighbouring one (« MSAP La Rochefoucauld » filed under Rivières).
func namesOwnTown(ws []string, x, o *prepared) bool {
	own := false
	for _, w := range ws {
		switch {
		case x.commune[w] && !o.commune[w]:
			own = true
		case o.commune[w] && !x.commune[w]:
			return false
		}
	}
	return own
}

// acronyms marks the unmatched words of ws that are the initials of a run
// of words of the other name (raw, stop words kept), and the other name's
// words in that run; it returns the acronyms found. Trailing digits are
// ignored (MODE83 is MODE in the Var).
func acronyms(ws []string, m []bool, otherRaw, other []string, mo []bool) []string {
	var found []string
	for i, w := range ws {
		if m[i] {
			continue
		}
		letters := strings.TrimRight(w, "0123456789")
		if len(letters) < 2 || len(letters) > 10 || !isLetters(letters) {
			continue
		}
		run, ok := acronymRun(letters, otherRaw)
		if !ok {
			continue
		}
		m[i] = true
		found = append(found, letters)
		for j, o := range other {
			for _, x := range run {
				if wordsMatch(o, x) {
					mo[j] = true
				}
			}
		}
	}
	return found
}

// acronymRun finds the run of words of a name (raw, stop words kept) that
// acr spells (initialsRun), stop words left out or only articles. Failing
// that, an acronym beginning with an intercommunality's letters (CC or CDC,
// communauté de communes; CA, communauté d'agglomération) may spell its
// territory with the rest: « CCHC », the Communauté de communes de Haute
// Cornouaille, against « France services Haute Cornouaille », the place it
// runs, named after the territory. Acronyms the abbreviations table knows
// (CCAS, CAF) are written out before they get here.
func acronymRun(acr string, raw []string) ([]string, bool) {
	for _, skip := range []map[string]bool{stopWords, articles} {
		if run, ok := initialsRun(acr, raw, skip, spell); ok {
			return run, true
		}
	}
	if run, ok := initialsRun(acr, raw, elisions, spellInitials); ok {
		return run, true
	}
	for _, pre := range intercommunalityLetters {
		if rest, ok := strings.CutPrefix(acr, pre); ok && len(rest) >= 2 {
			if run, ok := initialsRun(rest, raw, stopWords, spell); ok && len(run) >= 2 {
				return run, true
			}
		}
	}
	return nil, false
}

// elisions are the only words the last reading of an acronym skips: the
// elided articles (« l' », « d' »), which no acronym spells, while every
// other word gives its initial, « pour » and « et » included (OSPA, an
// « Office Social Pour l'Accompagnement »; an « Association Pour
// l'Insertion » is an API). One letter a word only (spellInitials): with
// every short word in the run, longer prefixes would let ordinary words
// spell themselves out of any name.
var elisions = set("l", "d")

// intercommunalityLetters begin the acronyms of intercommunalities (see
// acronymRun).
var intercommunalityLetters = []string{"cdc", "cc", "ca"}

// initialsRun finds a run of consecutive words (skipped words left out)
// that spells acr by their beginnings, as spells reads them: one letter
// each (CCAS, MJC) or, by spell, up to three for some words (ASOFT:
// Association SOlidarité Formation Travail). Every word of the run gives
// at least its first letter, so a run cannot hide words.
func initialsRun(acr string, ws []string, skip map[string]bool, spells func(string, []string) (int, bool)) ([]string, bool) {
	// Detection tries every unmatched short word of every candidate pair:
	// the words kept sit on the stack, and only a run found is copied.
	var buf [24]string
	kept := buf[:0]
	for _, w := range ws {
		if !skip[w] && w != "" {
			kept = append(kept, w)
		}
	}
	for start := range kept {
		if kept[start][0] != acr[0] {
			continue
		}
		if n, ok := spells(acr, kept[start:]); ok {
			return slices.Clone(kept[start : start+n]), true
		}
	}
	return nil, false
}

// spell reports whether acr is the concatenation of prefixes of the first
// n words of ws, and returns n. Prefixes have one letter, or up to three
// when the whole acronym has 4 letters or more: the limit is the whole
// acronym's, not its remaining tail's (ACAPASSAV ends with « sav » of
// savoirs).
func spell(acr string, ws []string) (int, bool) {
	maxPrefix := 1
	if len(acr) >= 4 {
		maxPrefix = 3
	}
	return spellUpTo(acr, ws, maxPrefix)
}

// spellInitials is spell with one letter a word.
func spellInitials(acr string, ws []string) (int, bool) { return spellUpTo(acr, ws, 1) }

func spellUpTo(acr string, ws []string, maxPrefix int) (int, bool) {
	if acr == "" {
		return 0, true
	}
	if len(ws) == 0 {
		return 0, false
	}
	w := ws[0]
	for k := 1; k <= maxPrefix && k <= len(acr) && k <= len(w); k++ {
		if acr[k-1] != w[k-1] {
			break
		}
		if n, ok := spellUpTo(acr[k:], ws[1:], maxPrefix); ok {
			return n + 1, true
		}
	}
	return 0, false
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// trigramDice compares character trigrams: it forgives glued or split words
// (« Esp@ce informatique ») that word matching misses. It is the Dice
// coefficient of the two multisets of byte trigrams of " a " and " b ".
// Detection calls it for every candidate pair, so it allocates nothing for
// names of ordinary length: the trigrams are packed in integers, sorted and
// merged (maps of strings were a third of detection's time).
func trigramDice(a, b string) float64 {
	var bufA, bufB [96]uint32
	ga, gb := trigrams(bufA[:0], a), trigrams(bufB[:0], b)
	if len(ga)+len(gb) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(ga) && j < len(gb); {
		switch {
		case ga[i] == gb[j]:
			inter++
			i++
			j++
		case ga[i] < gb[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(inter) / float64(len(ga)+len(gb))
}

// trigrams appends the sorted byte trigrams of " s " to buf.
func trigrams(buf []uint32, s string) []uint32 {
	at := func(i int) uint32 {
		if i == 0 || i == len(s)+1 {
			return ' '
		}
		return uint32(s[i-1])
	}
	for i := 0; i+3 <= len(s)+2; i++ {
		buf = append(buf, at(i)<<16|at(i+1)<<8|at(i+2))
	}
	slices.Sort(buf)
	return buf
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
	sim := streetSimilarity(a.st, c.st)
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

func keys(sets ...map[string]bool) []string {
	var out []string
	for _, m := range sets {
		for w := range m {
			out = append(out, w)
		}
	}
	return out
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
