package dedup

import (
	"math"
	"slices"
	"strings"
)

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
	// distTo and distM memoise the last distance computed from this place
	// (distance): one comparison asks for the pair's distance a dozen
	// times, through each rule that reads it, and the haversine was a
	// fifth of detection's time. A Block is not for concurrent use (its
	// carriers are cached lazily too), so one slot per place is enough.
	distTo *Place
	distM  float64
	// network is the charity network the name names (networkOf, -1 for
	// none), networkBare whether it names nothing else: read once a place
	// rather than twice a pair (networkBranch).
	network     int
	networkBare bool
	// cosLat is the cosine of the latitude, for haversineCos.
	cosLat float64
	// stTo and stSim memoise the last street similarity (streetSim).
	// The memos name the other place by its Place, which its public view
	// (publicView) shares: what they hold reads nothing a public view
	// leaves out, and PublicScore compares again each pair MatchesOf
	// kept.
	stTo  *Place
	stSim float64
	// nameTo, nameSim and nameAcr memoise the last name score computed
	// from this place (nameScore), as distTo does the distance.
	nameTo  *Place
	nameSim float64
	nameAcr []string
	// readings are the name and its alts read for wordSimilarity with
	// the block's weights (Block.readNames); runs the raw words read for
	// acronyms (readRuns).
	readings []nameReading
	runs     initialRuns
	name     []string // content words, commune words kept
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
	// operatorMail: one of the e-mails is at an organisation's own domain,
	// not a mail provider's, La Poste's, nor a network's or a platform's
	// (france-services.gouv.fr), see operatorDomain and postOffice.
	operatorMail bool
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
	q.network, q.networkBare = networkOf(p.Name)
	if p.Latitude != nil {
		q.cosLat = math.Cos(*p.Latitude * math.Pi / 180)
	}
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
	q.runs = readRuns(q.raw)
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
	q.alts = append(q.alts, listedStructures(name, q.commune)...)
	q.authority = len(q.name) > 0 && authorityKeys[q.name[0]] || departementPremises(q.raw) || slices.Contains(words(p.Name), intercomWord)
	q.mobile = mobileName(q.raw) || homeVisits(q.raw) || carParkStop(p.Street) || carParkStop(p.Complement)
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
		if _, dom, ok := strings.Cut(m, "@"); ok && operatorDomain(dom) {
			q.operatorMail = true
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
	for _, n := range slices.Compact([]string{name, head}) {
		// The commune written after the name (« … - La Tour-d'Aigues »)
		// is no part of the centre's name.
		if host := withoutFranceServicesLabel(n); host != "" && socialCentre(expand(host)) {
			q.spelled = append(q.spelled, spellings(host)...)
		}
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

// visitKeys are the stemmed words that name a visit: « Rendez-vous à
// domicile », « Déplacement à domicile », « Visites à domicile »,
// « Interventions à domicile » (homeVisits).
var visitKeys = set(stem("rendez"), stem("deplacement"), stem("visite"), stem("intervention"))

var domicileKey = stem("domicile")

// homeVisits says whether a name's words (expand) make the place a
// conseiller's visits at the users' homes: a visit word, then « à
// domicile ». The national file registers them as a place at the
// employer's address, which is no door of theirs, as a bus's base is none
// of its stops. A structure named after its trade (« Aide à domicile en
// milieu rural », « Services à domicile ») has an office, and is not one.
func homeVisits(raw []string) bool {
	for i, w := range raw {
		if w == domicileKey && i >= 2 && raw[i-1] == "a" && slices.ContainsFunc(raw[:i-1], func(v string) bool { return visitKeys[v] }) {
			return true
		}
	}
	return false
}

// carParkStop says whether an address line places the record on a car
// park beside a building, not in it: « parking » first, then where it lies
// from the building (« Parking à côté de la mairie », « Parking en face de
// la mairie », « Parking derrière la mairie »). That is a vehicle's stop,
// which a travelling service's producers write so without naming the
// vehicle (France Services' « Antenne de Champagne » of the
// Tonnay-Charente bus). A car park that names a building only (« parking
// Espace Simone Veil rue du 14 juillet », the commune's record at its
// Espace Simone Veil) is a way into a fixed door.
func carParkStop(line string) bool {
	ws := words(line)
	if len(ws) < 2 || ws[0] != "parking" {
		return false
	}
	switch ws[1] {
	case "derriere", "devant", "face", "pres", "contre", "jouxtant":
		return true
	case "a", "en":
		return len(ws) > 2 && (ws[2] == "cote" || ws[2] == "face")
	}
	return false
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

// publicView is q as a public comparison sees it (see PublicScore).
func (q *prepared) publicView() *prepared {
	out := *q
	out.public = true
	if q.PrivateContacts {
		out.keys = slices.DeleteFunc(slices.Clone(q.keys), func(k key) bool { return k.kind == kindPhone || k.kind == kindEmail })
		out.keys = siteHostKeys(q.Place, out.keys)
		out.domains, out.domainWords, out.postMail, out.mailboxes = q.siteDomains, q.siteDomainWords, false, nil
		out.operatorMail = false
	}
	return &out
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

// franceServicesLabelWords are the words of the France Services label as
// a name begins with it (« France services », « Espace France Services »,
// « MSAP »), with their stop words.
var franceServicesLabelWords = set("espace", "maison", "france", "services", "service", "msap", "fs", "de", "du", "des", "d")

// withoutFranceServicesLabel returns the name without the France Services
// label it begins with, when the label is followed by a name: the network
// names a France Services run by a centre social « France services » and
// the centre's name (« France services Centre social l'Aiguier »), and the
// centre writes from a domain that spells its own name
// (centresocialaiguier.com), which namedDomain reads against the name
// without the label (prepare keeps it for a centre social only: after the
// label, a territory's name, « France Services Alta Rocca », is spelled by
// the intercommunality's domain, which all its services write from). ""
// when the name does not begin with the label or has nothing after it.
func withoutFranceServicesLabel(name string) string {
	ws := words(name)
	i := 0
	label := false
	for i < len(ws) && franceServicesLabelWords[ws[i]] {
		label = label || ws[i] == "france" || ws[i] == "msap"
		i++
	}
	if !label || i == len(ws) {
		return ""
	}
	return strings.Join(ws[i:], " ")
}
