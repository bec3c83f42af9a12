package contact

import "strings"

// overseasPrefix is, for the overseas départements of the French numbering
// plan, the calling code and the first digits of their fixed lines'
// national numbers (0262…, 0269…, 0590…, 0594…, 0596…).
var overseasPrefix = map[string]struct{ code, fixed string }{
	"RE": {"262", "262"}, "YT": {"262", "269"}, "GP": {"590", "590"}, "BL": {"590", "590"},
	"MF": {"590", "590"}, "MQ": {"596", "596"}, "GF": {"594", "594"},
}

// RepairPhone returns the E.164 reading of a number NormalizePhone refuses
// when it has a mistake that real files make in bulk, with what was
// repaired, or "" when there is none. Only used to read files: a person
// writing through the API gets NormalizePhone's error and fixes the
// number. The repairs, each kept only when the result is a valid number:
//   - the fixed-line prefix of an overseas département dropped after its
//     calling code, 0262 34 35 10 written +262 343510 (Réunion; 0269 for
//     Mayotte, 0590 Guadeloupe, 0594 Guyane, 0596 Martinique), read at a
//     place of that département;
//   - Mayotte's numbers (0269…, 0639…) written with +269, the Comoros'
//     code, which the national standard lists presumably for Mayotte: +269
//     269 60 12 82 is +262 269 60 12 82 (a Comorian number has 7 digits);
//   - a national number behind a lone + (+01 47 98 59 27).
func RepairPhone(s, postalCode string) (string, string) {
	if _, err := NormalizePhone(s, postalCode); err == nil {
		return "", "" // nothing to repair
	}
	compact, ok := compactPhone(strings.TrimSpace(s))
	if !ok || !strings.HasPrefix(compact, "+") {
		return "", ""
	}
	digits := compact[1:]
	var out, how string
	p, overseas := overseasPrefix[PhoneRegionForPostalCode(postalCode)]
	switch {
	case overseas && p.code == "262" && p.fixed == "269" && len(digits) == 9 && strings.HasPrefix(digits, "269"):
		out, how = "+262269"+digits[3:], "the prefix 0269 of Mayotte's fixed lines was missing after +269"
	case overseas && len(digits) == 9 && strings.HasPrefix(digits, p.code):
		out, how = "+"+p.code+p.fixed+digits[3:], "the prefix 0"+p.fixed+" of the département's fixed lines was missing after +"+p.code
	case len(digits) == 12 && strings.HasPrefix(digits, "269") && (strings.HasPrefix(digits[3:], "269") || strings.HasPrefix(digits[3:], "639")):
		out, how = "+262"+digits[3:], "a number of Mayotte written with +269 (the Comoros) instead of +262"
	case len(digits) == 10 && digits[0] == '0' && digits[1] != '0':
		out, how = compact[1:], "a national number behind a lone +"
	default:
		return "", ""
	}
	n, err := NormalizePhone(out, postalCode)
	if err != nil {
		return "", ""
	}
	return n, how
}
