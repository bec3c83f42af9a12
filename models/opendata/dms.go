package opendata

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Coordinates in degrees, minutes and seconds (« 43°17'45.2"N », « 43° 17′
// 45″ N », « N 43°17,5' »), as GPS apps, Wikipedia and hand-made
// spreadsheets give them. Only a value that is no decimal number comes
// here (a valid row never does), and only one with a degree sign is read:
// « 43 17 45 » could be anything.

// dmsValue is the degrees, minutes and seconds of a value whose
// hemisphere letter and sign were taken off.
var dmsValue = regexp.MustCompile(`^(\d{1,3}(?:[.,]\d+)?)\s*[°º˚]\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:["″”]|''|′′|’’)?\s*)?)?$`)

// dmsNumber reads a number of dmsValue, its decimals after a dot or a comma.
func dmsNumber(s string) float64 {
	if s == "" {
		return 0
	}
	f, _ := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return f
}

// hemisphereColumn returns the column a hemisphere letter says (N and S a
// latitude, E, W and O for « ouest » a longitude), or "".
func hemisphereColumn(c byte) string {
	switch c {
	case 'N', 'S', 'n', 's':
		return "latitude"
	case 'E', 'W', 'O', 'e', 'w', 'o':
		return "longitude"
	}
	return ""
}

// readDMS reads s, a value of the column col ("latitude" or "longitude"),
// in degrees, minutes and seconds. ok says it was read as v, with reason
// the warning that says how; a value that is degrees, minutes and seconds
// but ambiguous (no hemisphere, one of the other column's, a sign beside
// it, 60 minutes or more) has ok false and reason what is wrong; reason is
// "" when s is no such value at all.
func readDMS(s, col string) (v float64, reason string, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "°º˚") {
		return 0, "", false
	}
	var hemi byte
	if s != "" && hemisphereColumn(s[0]) != "" {
		hemi, s = s[0], strings.TrimSpace(s[1:])
	}
	if n := len(s); n > 0 && hemisphereColumn(s[n-1]) != "" {
		if hemi != 0 {
			return 0, "", false
		}
		hemi, s = s[n-1], strings.TrimSpace(s[:n-1])
	}
	sign, signed := 1.0, false
	if rest, cut := strings.CutPrefix(s, "-"); cut {
		sign, signed, s = -1, true, strings.TrimSpace(rest)
	} else if rest, cut := strings.CutPrefix(s, "+"); cut {
		signed, s = true, strings.TrimSpace(rest)
	}
	m := dmsValue.FindStringSubmatch(s)
	if m == nil {
		return 0, "", false
	}
	deg, mins, secs := dmsNumber(m[1]), dmsNumber(m[2]), dmsNumber(m[3])
	switch {
	case mins >= 60 || secs >= 60:
		return 0, "degrees, minutes and seconds with 60 minutes or seconds or more: not a position", false
	case hemi == 0 && !signed:
		if col == "latitude" {
			return 0, "degrees, minutes and seconds without a hemisphere (N or S): ambiguous", false
		}
		return 0, "degrees, minutes and seconds without a hemisphere (E or W): ambiguous", false
	case hemi != 0 && signed:
		return 0, "degrees, minutes and seconds with both a sign and a hemisphere: ambiguous", false
	case hemi != 0 && hemisphereColumn(hemi) != col:
		return 0, fmt.Sprintf("degrees, minutes and seconds of the hemisphere %c, a %s's, in the %s column: ambiguous", hemi, hemisphereColumn(hemi), col), false
	}
	v = deg + mins/60 + secs/3600
	if limit := map[bool]float64{true: 90, false: 180}[col == "latitude"]; v > limit {
		return 0, "degrees, minutes and seconds out of range", false
	}
	if hemi == 'S' || hemi == 's' || hemi == 'W' || hemi == 'w' || hemi == 'O' || hemi == 'o' {
		sign = -1
	}
	v *= sign
	return v, fmt.Sprintf("degrees, minutes and seconds read as %s (decimal degrees); please check it", strconv.FormatFloat(v, 'f', 6, 64)), true
}

// dmsPair reads both coordinates of one cell in degrees, minutes and
// seconds, each with its hemisphere (« 43°17'45.2"N 5°22'10.1"E », in
// either order): split after the first value's hemisphere letter.
func dmsPair(s string) (lat, lon float64, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "°º˚") {
		return 0, 0, false
	}
	for i := 0; i < len(s)-1; i++ {
		first := hemisphereColumn(s[i])
		if first == "" || (s[i] != 'N' && s[i] != 'S' && s[i] != 'E' && s[i] != 'W' && s[i] != 'O') {
			continue
		}
		left, right := s[:i+1], strings.Trim(s[i+1:], " ,;/|\t")
		second := "longitude"
		if first == "longitude" {
			second = "latitude"
		}
		a, _, okA := readDMS(left, first)
		b, _, okB := readDMS(right, second)
		if !okA || !okB {
			continue
		}
		if first == "latitude" {
			return a, b, true
		}
		return b, a, true
	}
	return 0, 0, false
}
