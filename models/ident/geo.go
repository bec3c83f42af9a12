package ident

import "slices"

// ValidPostalCode reports whether s is a French postal code: exactly five
// ASCII digits, not starting with 00 (La Poste allocates none there, and
// "00000" or "01" typed without padding are the usual spreadsheet accidents).
// It does not check that the code is allocated; the standard itself only
// asks for ^\d{5}$. It does not trim: callers normalise first, so that what
// was validated is what is stored.
func ValidPostalCode(s string) bool {
	return len(s) == 5 && allDigits(s) && s[:2] != "00"
}

// ValidINSEE reports whether s is shaped like an INSEE commune code (code
// officiel géographique), per the standard's pattern
// ^([013-9]\d|2[AB1-9])\d{3}$: Corsica is 2A/2B (a 20xxx code has not
// existed since 1976), overseas codes are 97xxx/98xxx. Letters must be upper
// case, as INSEE writes them.
func ValidINSEE(s string) bool {
	if len(s) != 5 || !allDigits(s[2:]) {
		return false
	}
	a, b := s[0], s[1]
	switch {
	case a == '2':
		return b == 'A' || b == 'B' || (b >= '1' && b <= '9')
	case isDigit(a):
		return isDigit(b)
	default:
		return false
	}
}

// DepartementFromINSEE returns the département (or overseas collectivity) of
// an INSEE commune code: the first two characters in metropolitan France and
// Corsica (2A, 2B), the first three overseas: 971 Guadeloupe, 972 Martinique,
// 973 Guyane, 974 La Réunion, 975 Saint-Pierre-et-Miquelon, 976 Mayotte,
// 977 Saint-Barthélemy, 978 Saint-Martin, 986 Wallis-et-Futuna,
// 987 Polynésie française, 988 Nouvelle-Calédonie. It returns "" for codes
// that are invalid or name no département a place of this directory can be
// in (00, 96, 99 = abroad, 984 TAAF, 989 Clipperton). The INSEE code is exact;
// prefer it to the postal code whenever both are known.
func DepartementFromINSEE(code string) string {
	if !ValidINSEE(code) {
		return ""
	}
	return departementFromPrefix(code)
}

// DepartementFromPostalCode returns the département of a postal code, or ""
// when it cannot tell. Postal codes follow the distributing office, not
// administrative borders, so this is an approximation that the INSEE code
// should override:
//
//   - a few hundred communes near a border carry a neighbouring
//     département's code (e.g. some communes of 04 served from 05);
//   - Corsica shares the 20 prefix: 200xx–201xx are Corse-du-Sud (2A),
//     202xx–206xx Haute-Corse (2B), which holds for the communes' postal codes
//     but not for every CEDEX code; other 20xxx codes give "";
//   - Saint-Barthélemy (977) and Saint-Martin (978) kept Guadeloupe's postal
//     codes, 97133 and 97150: there are no 977xx or 978xx postal codes;
//   - 98000 is Monaco, not France, and gives "".
func DepartementFromPostalCode(code string) string {
	if !ValidPostalCode(code) {
		return ""
	}
	switch code {
	case "97133":
		return "977"
	case "97150":
		return "978"
	}
	if code[:2] == "20" {
		switch code[2] {
		case '0', '1':
			return "2A"
		case '2', '3', '4', '5', '6':
			return "2B"
		}
		return ""
	}
	if code[:2] == "97" && (code[2] == '7' || code[2] == '8') {
		return "" // 977xx and 978xx are not postal codes (see above)
	}
	return departementFromPrefix(code)
}

// departementFromPrefix maps a five-character code whose first two characters
// are already known to be digits or 2A/2B.
func departementFromPrefix(code string) string {
	p := code[:2]
	switch p {
	case "00", "20", "96", "99":
		return ""
	case "97":
		if code[2] >= '1' && code[2] <= '8' {
			return code[:3]
		}
		return ""
	case "98":
		if code[2] >= '6' && code[2] <= '8' {
			return code[:3]
		}
		return ""
	}
	return p
}

// overseasTimeZones gives the IANA zone of each overseas département or
// collectivity. Opening hours are written in local time, so the API must
// evaluate "open now" in the place's zone, not the server's.
// French Polynesia spans three zones; Pacific/Tahiti covers the Society
// Islands where nearly everyone lives (the Marquesas are 30 minutes off and
// Gambier one hour), a known approximation at this granularity.
var overseasTimeZones = map[string]string{
	"971": "America/Guadeloupe",
	"972": "America/Martinique",
	"973": "America/Cayenne",
	"974": "Indian/Reunion",
	"975": "America/Miquelon",
	"976": "Indian/Mayotte",
	"977": "America/St_Barthelemy",
	"978": "America/Marigot",
	"986": "Pacific/Wallis",
	"987": "Pacific/Tahiti",
	"988": "Pacific/Noumea",
}

// TimeZones returns every IANA zone TimeZoneForDepartement may return,
// Europe/Paris first, then the overseas zones in name order: what reads
// of the whole directory evaluated by each place's civil date depend on.
func TimeZones() []string {
	out := []string{"Europe/Paris"}
	for _, tz := range overseasTimeZones {
		if !slices.Contains(out, tz) {
			out = append(out, tz)
		}
	}
	slices.Sort(out[1:])
	return out
}

// TimeZoneForDepartement returns the IANA time zone of a département as
// returned by DepartementFromINSEE or DepartementFromPostalCode:
// Europe/Paris for metropolitan France and Corsica, the local zone overseas.
// It returns "" for anything else, so that a caller notices a missing
// département instead of silently evaluating hours in Paris time.
func TimeZoneForDepartement(dep string) string {
	if tz, ok := overseasTimeZones[dep]; ok {
		return tz
	}
	if dep == "2A" || dep == "2B" {
		return "Europe/Paris"
	}
	if len(dep) == 2 && allDigits(dep) && dep >= "01" && dep <= "95" && dep != "20" {
		return "Europe/Paris"
	}
	return ""
}

// ValidDepartement reports whether s is a département code as Carnet uses
// them: metropolitan 01–95 with 2A and 2B for Corsica (never 20), overseas
// départements and collectivities 971–978, and 984 and 986–989 in the
// Pacific and the southern lands.
func ValidDepartement(s string) bool {
	switch {
	case s == "2A" || s == "2B":
		return true
	case len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9':
		n := int(s[0]-'0')*10 + int(s[1]-'0')
		return n >= 1 && n <= 95 && n != 20
	case len(s) == 3 && s[0] == '9' && s[1] >= '7' && s[1] <= '8' && s[2] >= '0' && s[2] <= '9':
		n := int(s[1]-'0')*10 + int(s[2]-'0')
		return n >= 71 && n <= 78 || n == 84 || n >= 86 && n <= 89
	}
	return false
}
