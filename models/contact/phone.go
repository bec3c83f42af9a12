package contact

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"carnet/models/ident"

	"github.com/nyaruka/phonenumbers"
)

// ExportPhonePattern is the national standard's pattern for the telephone
// column (schema v1.0.2). Every number NormalizePhone returns matches it.
var ExportPhonePattern = regexp.MustCompile(`^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$`)

// allowedCallingCodes are the country codes of that pattern. +269 is the
// Comoros: the standard lists it, presumably for Mayotte, whose numbers are
// in fact +262 269… and +262 639…; we follow the standard rather than second-
// guess it, so a valid Comorian number is accepted.
var allowedCallingCodes = map[int32]bool{
	33: true, 590: true, 594: true, 262: true, 596: true,
	269: true, 687: true, 689: true, 508: true, 681: true,
}

const allowedCallingCodesText = "+33, +262, +269, +508, +590, +594, +596, +681, +687, +689"

// phoneRegions maps the départements and collectivities that have their own
// ISO region in libphonenumber.
var phoneRegions = map[string]string{
	"971": "GP", "972": "MQ", "973": "GF", "974": "RE", "975": "PM", "976": "YT",
	"977": "BL", "978": "MF", "986": "WF", "987": "PF", "988": "NC",
}

// nationalPlan lists the regions of the French integrated numbering plan
// (ARCEP): metropolitan France, the five overseas départements, Saint-
// Barthélemy and Saint-Martin. Inside it a ten-digit number starting with 0
// means the same line wherever it is dialled from — 0590… is Guadeloupe even
// when dialled in Paris, 01… is Paris even from Réunion — so a national-form
// number that is invalid for the place's own region is tried in the others.
// (BL and MF share +590 with GP, and validity is checked across all regions of
// a calling code, so GP covers them.) Saint-Pierre-et-Miquelon, Wallis-et-
// Futuna, Polynesia and New Caledonia have their own plans without a leading
// 0; their numbers need the place's postal code or the international form.
var nationalPlan = []string{"FR", "GP", "MQ", "GF", "RE", "YT"}

var inNationalPlan = map[string]bool{
	"FR": true, "GP": true, "MQ": true, "GF": true, "RE": true, "YT": true, "BL": true, "MF": true,
}

var regionNames = map[string]string{
	"PM": "Saint-Pierre-et-Miquelon", "WF": "Wallis-et-Futuna",
	"PF": "French Polynesia", "NC": "New Caledonia",
}

// PhoneRegionForPostalCode returns the ISO region whose national format a
// place's phone numbers are written in: GP, MQ, GF, RE, PM, YT, BL, MF, WF,
// PF or NC overseas (Saint-Barthélemy is 97133, Saint-Martin 97150), FR
// otherwise — including when the postal code is empty or invalid, since
// metropolitan places are the vast majority.
func PhoneRegionForPostalCode(postalCode string) string {
	if r, ok := phoneRegions[ident.DepartementFromPostalCode(postalCode)]; ok {
		return r
	}
	return "FR"
}

// NormalizePhone returns a phone number in E.164 form (+33123456789), the
// form the national standard publishes.
//
// It accepts the ways French numbers are written: 01 23 45 67 89,
// 01.23.45.67.89, 01-23-45-67-89, +33 1 23 45 67 89, +33 (0)1 23 45 67 89,
// 0033 1 23 45 67 89, and E.164 itself. National-form numbers are read in the
// region of postalCode (see PhoneRegionForPostalCode), then, if invalid
// there, in the other regions of the French numbering plan (see nationalPlan);
// the common mistake +33 590… for a Guadeloupe number (+590 590…) is
// corrected the same way, and a number in a range the plan gives to an
// overseas département is written with that département's code whatever
// the place (0596… and +33 596… are +596 596…; see overseasReading).
// Validity comes from libphonenumber's metadata.
//
// It refuses:
//   - anything but digits, spaces, dots, dashes, slashes, parentheses and a
//     leading +, so that labels ("Tél. :"), extensions and second numbers
//     are not silently dropped;
//   - numbers outside the standard's calling codes (+44…), because the
//     export pattern could not carry them;
//   - short numbers such as 3949 (France Travail) or 3646 (Assurance
//     Maladie): they only work from some networks and cannot be written in
//     E.164 or in the standard's pattern, so the message asks for the
//     place's full number instead.
func NormalizePhone(s string, postalCode string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", phoneErr("the phone number is empty")
	}
	if len(s) > 64 {
		return "", phoneErr("%s is too long to be one phone number: give one number per field", brief(s))
	}
	compact, ok := compactPhone(s)
	if !ok {
		return "", phoneErr("%s is not a phone number: use only digits, spaces, dots or dashes (and + for the international form), one number per field", brief(s))
	}
	international := strings.HasPrefix(compact, "+") || strings.HasPrefix(compact, "00")
	digits := strings.TrimPrefix(compact, "+")
	if len(digits) < 2 {
		return "", phoneErr("%s is not a phone number", brief(s))
	}
	if len(digits) > 15 {
		return "", phoneErr("%s has %d digits, more than any phone number: give one number per field", brief(s), len(digits))
	}
	region := PhoneRegionForPostalCode(postalCode)
	if international && normalized.known(region, s) {
		return s, nil
	}
	if nsn, spm := saintPierreNational(compact); spm {
		return saintPierreNumber(s, nsn)
	}
	out, ok := metropolitanNumber(compact, region)
	if !ok {
		var err error
		if out, err = parsePhone(s, compact, region, international); err != nil {
			return "", err
		}
	}
	normalized.add(region, out)
	return out, nil
}

// saintPierreNational returns the six digits of a Saint-Pierre-et-
// Miquelon number written in the national form of the French plan: ARCEP
// kept the archipelago's six-digit numbers when France went to ten digits
// (decision 2006-0720 recalls it), dialled 05 08 PQ MC DU from the rest of
// France, its own +508 PQ MC DU from abroad. libphonenumber's metadata
// takes 05 08 for a metropolitan fixed line (+33 5 08…), which rings
// nowhere. +33 5 08… is the same number written with France's code.
func saintPierreNational(compact string) (nsn string, ok bool) {
	switch {
	case len(compact) == 10 && compact[:4] == "0508":
		return compact[4:], true
	case len(compact) == 12 && compact[:6] == "+33508":
		return compact[6:], true
	case len(compact) == 13 && compact[:7] == "0033508":
		return compact[7:], true
	}
	return "", false
}

// saintPierreNumber returns +508 nsn when that is a valid number of the
// archipelago.
func saintPierreNumber(s, nsn string) (string, error) {
	num, err := phonenumbers.Parse("+508"+nsn, "PM")
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return "", phoneErr("%s is in the range of Saint-Pierre-et-Miquelon (05 08, +508 in international form), but %s is no number there: check the digits", brief(s), nsn)
	}
	return "+508" + nsn, nil
}

// metropolitanNumber reads, without libphonenumber, the shapes most French
// files write — 01 23 45 67 89 (in the metropolitan region), +33 1 23 45 67
// 89, 0033 1 23 45 67 89, with any separators compactPhone drops — when the
// number's first two digits open a range libphonenumber's metadata for
// France (v1.8.1) holds valid whatever the seven digits that follow: fixed
// lines 1, 20–25, 27–29, 3, 41–49, 50–58, mobiles 60–62, 64–68, 73–79,
// VoIP 9. Parsing and validating such a number was a tenth of an import's
// reading (phonenumbers.Parse and IsValidNumber, about 10 µs a number);
// the answer is the same: TestMetropolitanNumberAsLibphonenumber compares
// both readings on every three-digit prefix. Anything else (26, 59, 63,
// 69, whose ranges are shared with the overseas regions or partly
// unassigned; the 8 ranges; a national form read in an overseas region;
// another length) goes through libphonenumber (ok false).
func metropolitanNumber(compact, region string) (string, bool) {
	var nsn string
	switch {
	case len(compact) == 12 && compact[:3] == "+33":
		nsn = compact[3:]
	case len(compact) == 13 && compact[:4] == "0033":
		nsn = compact[4:]
	case len(compact) == 10 && compact[0] == '0' && region == "FR":
		nsn = compact[1:]
	default:
		return "", false
	}
	// compactPhone kept digits only after a leading +.
	if !openFrenchRange(nsn[0], nsn[1]) {
		return "", false
	}
	return "+33" + nsn, true
}

// openFrenchRange reports whether every nine-digit French number starting
// with digits a and b is valid (see metropolitanNumber).
func openFrenchRange(a, b byte) bool {
	switch a {
	case '1', '3', '9':
		return true
	case '2':
		return b != '6'
	case '4':
		return b != '0'
	case '5':
		return b != '9'
	case '6':
		return b <= '2' || b >= '4' && b <= '8'
	case '7':
		return b >= '3'
	}
	return false
}

// parsePhone reads compact (s without its separators) with libphonenumber
// in region, then in the other regions of the French numbering plan.
func parsePhone(s, compact, region string, international bool) (string, error) {
	num, err := phonenumbers.Parse(compact, region)
	if err != nil {
		return "", invalidPhone(s, region, international)
	}
	if !allowedCallingCodes[num.GetCountryCode()] {
		return "", phoneErr("%s is a +%d number: the national standard only publishes numbers of France and its overseas territories (%s)", brief(s), num.GetCountryCode(), allowedCallingCodesText)
	}
	if !phonenumbers.IsValidNumber(num) {
		num = retryInNationalPlan(compact, region, num)
	}
	if num == nil {
		if !international && inNationalPlan[region] && isShortNumber(compact) {
			return "", phoneErr("%s is a short number, which cannot be published in the national format: give the place's full number instead (10 digits, e.g. 01 23 45 67 89)", brief(s))
		}
		return "", invalidPhone(s, region, international)
	}
	num = overseasReading(num)
	if num.GetExtension() != "" {
		return "", phoneErr("%s has an extension, which the national format cannot carry", brief(s))
	}
	out := phonenumbers.Format(num, phonenumbers.E164)
	if !ExportPhonePattern.MatchString(out) {
		return "", phoneErr("%s (%s) cannot be written in the national standard's format", brief(s), out)
	}
	return out, nil
}

// normalized remembers the numbers NormalizePhone returned lately, by
// region: a record's phones are normalised when a file is read, again when
// the model is normalised, and once more when it is validated, and
// libphonenumber's parsing dominates an import's time. A returned number is
// its own normal form, so the later calls answer from memory. The memory
// is bounded: the set is emptied when full.
var normalized = phoneMemo{m: map[string]struct{}{}}

const phoneMemoSize = 1 << 14

type phoneMemo struct {
	mu sync.Mutex
	m  map[string]struct{}
}

func (p *phoneMemo) known(region, e164 string) bool {
	p.mu.Lock()
	_, ok := p.m[region+e164]
	p.mu.Unlock()
	return ok
}

func (p *phoneMemo) add(region, e164 string) {
	p.mu.Lock()
	if len(p.m) >= phoneMemoSize {
		clear(p.m)
	}
	p.m[region+e164] = struct{}{}
	p.mu.Unlock()
}

// compactPhone keeps the digits and a leading + of a phone number written with
// the usual separators, and reports false when anything else is present.
func compactPhone(s string) (string, bool) {
	// Built on the stack, and s itself when already compact: a
	// strings.Builder grew three times for every phone of an import.
	var buf [32]byte
	b := buf[:0]
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b = append(b, byte(r))
		case r == '+':
			if i != 0 {
				return "", false
			}
			b = append(b, '+')
		case r == '.', r == '-', r == '/', r == '(', r == ')',
			r == '\u2010', r == '\u2011', r == '\u2012', r == '\u2013', unicode.IsSpace(r):
			continue
		default:
			return "", false
		}
	}
	if string(b) == s {
		return s, true
	}
	return string(b), true
}

// retryInNationalPlan returns a valid reading of a number that was invalid in
// the place's region, or nil. A national-form number (0…) is tried in every
// region of the French numbering plan; a +33 number whose national part is an
// overseas one (+33 590…, +33 692…) is read as 0590…, 0692…
func retryInNationalPlan(compact, region string, first *phonenumbers.PhoneNumber) *phonenumbers.PhoneNumber {
	var national string
	switch {
	case strings.HasPrefix(compact, "0") && !strings.HasPrefix(compact, "00"):
		national = compact
	case first.GetCountryCode() == 33:
		national = "0" + phonenumbers.GetNationalSignificantNumber(first)
	default:
		return nil
	}
	for _, r := range nationalPlan {
		if r == region && national == compact {
			continue // already tried
		}
		n, err := phonenumbers.Parse(national, r)
		if err == nil && phonenumbers.IsValidNumber(n) && allowedCallingCodes[n.GetCountryCode()] {
			return n
		}
	}
	return nil
}

// overseasRegions are the overseas regions of the integrated plan whose
// calling code is not France's (BL and MF are read as GP: one code, one
// metadata for validity).
var overseasRegions = []string{"GP", "MQ", "GF", "RE", "YT"}

// overseasBlocks are the blocks of the plan (the national number's first
// three digits after 0) where the metadata of an overseas region of the
// plan has valid numbers and France's may have some too: geographic and
// mobile ranges only (TestOverseasBlocksCoverTheMetadata checks the list
// against the metadata). It only spares a metropolitan number the five
// overseas parses, which doubled the first reading of most numbers of an
// import; the metadata still decides.
var overseasBlocks = map[string]bool{
	"262": true, "263": true, "268": true, "269": true, "590": true, "594": true, "596": true, "598": true,
	"639": true, "690": true, "691": true, "692": true, "693": true, "694": true, "696": true, "697": true,
}

// overseasReading returns the overseas reading of a +33 number that lies in
// a range the French numbering plan gives to an overseas département, num
// otherwise. ARCEP's plan allocates the geographic and mobile ranges by
// territory: 0262, 0263 and 0269 (Réunion, Mayotte), 0590 (Guadeloupe,
// Saint-Barthélemy, Saint-Martin), 0594 (Guyane), 0596 (Martinique), 0639,
// 0690-0697 (mobiles); such a line is dialled +262, +590, +594 or +596 from
// abroad, never +33. libphonenumber's metadata for FR accepts some of them
// as French fixed lines all the same (0596…, 0263…, 0269…), so a
// Martinique number read without the place's postal code (a referral's
// person, an account, a place filed at its network's address) or written
// +33 596… as France Services' list does came out +33 596…, which rings
// nowhere in Martinique. Only the national numbers starting with 2, 5, 6 or
// 7 (geographic and mobile) are moved, and only when the overseas
// regions' metadata agree on one calling code: 08 and 09 numbers are
// national services and VoIP that the metadata list under several
// territories at once, and an ambiguous range (0598…) keeps France's code
// rather than a guess. Metropolitan numbers that begin like an overseas
// calling code (06 87, 06 81) are in no overseas range and stay +33: New
// Caledonia and Wallis-et-Futuna have numbering plans of their own, with
// no 0 form in the French plan. Saint-Pierre-et-Miquelon's 05 08 is read
// before (saintPierreNational).
func overseasReading(num *phonenumbers.PhoneNumber) *phonenumbers.PhoneNumber {
	if num.GetCountryCode() != 33 {
		return num
	}
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if len(nsn) < 3 || !overseasBlocks[nsn[:3]] {
		return num
	}
	var found *phonenumbers.PhoneNumber
	for _, r := range overseasRegions {
		n, err := phonenumbers.Parse("0"+nsn, r)
		if err != nil || !phonenumbers.IsValidNumber(n) {
			continue
		}
		if found != nil && found.GetCountryCode() != n.GetCountryCode() {
			return num // several territories: no guess
		}
		found = n
	}
	if found == nil {
		return num
	}
	found.Extension = num.Extension
	return found
}

// isShortNumber reports whether a national-form string is a French short
// number (3949, 3646, 115, 118 218…) rather than a mistyped full number or
// the local form of a number from New Caledonia or Wallis-et-Futuna (six
// digits too): libphonenumber's short-number metadata decides, and any other
// 3- or 4-digit string is treated as a short number as well, since no full
// number is that short.
func isShortNumber(compact string) bool {
	if len(compact) > 6 || strings.HasPrefix(compact, "0") {
		return false
	}
	n, err := phonenumbers.Parse(compact, "FR")
	if err == nil && phonenumbers.IsValidShortNumberForRegion(n, "FR") {
		return true
	}
	return len(compact) >= 3 && len(compact) <= 4
}

func invalidPhone(s, region string, international bool) error {
	if name, ok := regionNames[region]; ok && !international {
		return phoneErr("%s is not a valid phone number in %s: check the digits, or write it in international form (+%d …)", brief(s), name, phonenumbers.GetCountryCodeForRegion(region))
	}
	if international {
		return phoneErr("%s is not a valid phone number: check the digits after the country code", brief(s))
	}
	return phoneErr("%s is not a valid phone number: a French number has 10 digits, e.g. 01 23 45 67 89 or +33 1 23 45 67 89 (overseas numbers of Saint-Pierre-et-Miquelon, Wallis-et-Futuna, Polynesia and New Caledonia need the place's postal code or the international form)", brief(s))
}
