package openinghours

import "testing"

// Rules naming no day and spans of no length say nothing of the days a
// place opens (see GenericWeekText); the other rules are kept as written.
func TestGenericWeekText(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		changed  bool
	}{
		{"Mo-Fr 09:00-12:00,14:00-17:00", "Mo-Fr 09:00-12:00,14:00-17:00", false},
		{"08:00-17:00", "", true},
		{"Tu-Fr 09:00-12:00,14:00-17:00; Mo 14-17;9-12,14-17", "Tu-Fr 09:00-12:00,14:00-17:00; Mo 14-17", true},
		{"Mo-Fr 15:30-18:00; Sa 11:00-11:00,17:00-17:00", "Mo-Fr 15:30-18:00", true},
		{"Sa 17:00-17:00,09:00-12:00", "Sa 09:00-12:00", true},
		{"Sa 09:00-12:00,17:00-17:00", "Sa 09:00-12:00", true},
		{"week 01-53/2 Tu 09:00-12:30", "week 01-53/2 Tu 09:00-12:30", false},
		// Unreadable, kept: the hours leave every day unknown already.
		{"9h-12h", "9h-12h", false},
		// A rule that closes is kept: dropping it opened Monday to Friday.
		{"Mo-Fr 10:00-12:00; 08:00-17:00 off", "Mo-Fr 10:00-12:00; 08:00-17:00 off", false},
		{"Mo-Fr 10:00-12:00; 08:00-17:00 off; 9-12", "Mo-Fr 10:00-12:00; 08:00-17:00 off", true},
		// An unreadable rule is kept: lenient reading leaves every day
		// unknown, dropping it opened Monday.
		{"Mo;0-000", "Mo;0-000", false},
		// Nothing readable left: the empty text, not one that does not
		// parse.
		{"0;0-0", "", true},
		{"Fr; SA 11:00-11:00,A0", "Fr; SA 11:00-11:00,A0", false},
	} {
		got, changed := GenericWeekText(tc.in)
		if got != tc.want || changed != tc.changed {
			t.Errorf("%q: %q %v, want %q %v", tc.in, got, changed, tc.want, tc.changed)
		}
		if _, _, err := ParseLenient(tc.in); err != nil {
			continue
		}
		if h, _, err := ParseLenient(got); got != "" && (err != nil || h == nil) {
			t.Errorf("%q: %q does not parse: %v", tc.in, got, err)
		}
	}
}
