// Package dedup finds the same place published by two sources (a regional
// hub, the Conseillers numériques national file, France Services, a
// partner's sync), or twice by one source: an aggregated file's rows of two
// producers, or one producer's two rows that strong evidence joins
// (candidates, withinsource.go). It is pure: it reads Places and returns
// scored pairs with their reasons, and never merges nor stores anything
// (models' duplicate_detect.go stores the links as suggestions).
//
// # The score
//
// Each pair is read as a person deciding on it would: three parts, each
// with its reasons (« même SIRET », « 40 m », « sigle CIJ »):
//
//   - name, 0 to 1 (weight 0.4): names folded (accents, stop words, the
//     communes' words, a permanence's time slot), phrases naming one kind of
//     place folded, acronyms read against the other's initials, rare words
//     weighing more than the département's common ones;
//   - place, −1 to 1 (weight 0.35): street without its type, house numbers,
//     a building's name, the commune and the distance; an agreeing address
//     wins over coordinates that disagree, unless one record's own phone
//     or e-mail is given by a third record at its coordinates (then 0:
//     contactsElsewhere);
//   - identity, 0 to 1 (weight 0.4): SIRET, RNA, SIREN, phone, e-mail,
//     website and its domain, each weakened by the number of locations of
//     one source that carry it (a network's switchboard is weak evidence).
//
// Score = 0.4 × name + 0.35 × place + 0.4 × identity, less 0.1 for two
// SIRENs; from Threshold (0.6) the pair is linked, so no part links alone.
// Rules then read the habits of producers that these parts alone misread
// (a mairie's record at the address of a service it hosts, a France
// Services in a post office, namesakes without coordinates); each has a
// test named after the habit; the codes of the reasons they give are listed
// in reasons.go.
//
// # Where things are
//
//   - match.go: the API (Place, Result, Block, Compare) and the comparison
//     itself (compareAbove), which weighs the three parts and the rules;
//   - prepare.go: what a place is read as, once, before any comparison
//     (words, keys of its identifiers and contacts, its street);
//   - names.go: the name part (word similarity, acronyms, trigrams);
//   - place.go: the place part (placeAgreement) and its address and
//     distance readings; address.go parses the street line, text.go folds
//     words for both;
//   - identity.go: the identity part and the rules on contacts and
//     namesakes (a place's own contact, a name at several locations);
//   - hosts.go: a local authority's record at the address of a place it
//     hosts; franceservices.go: France Services and La Poste; digitalspace.go,
//     library.go, twonames.go, communename.go, departementguest.go: other
//     kinds of names that say whose door it is;
//   - withinsource.go: which records of one source are compared;
//     contactselsewhere.go: contacts that say which location a record
//     describes;
//   - contactdoor.go, siretaddress.go, misspeltstreet.go, maildomain.go,
//     hostcomplement.go: rules for addresses written without coordinates,
//     misspelt, or naming a building, and for shared domains.
//
// The labelled sets that measure it are in models/opendata/testdata (see
// the README, « Duplicates across sources »).
package dedup
