package openinghours

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		// already canonical
		{"Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00", "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00"},
		{"24/7", "24/7"},
		{"off", "off"},
		{"PH off", "PH off"},
		{"Mo-Fr,PH 09:00-12:00", "Mo-Fr,PH 09:00-12:00"},
		{"Mo-Fr 09:00-12:00, We 14:00-16:00", "Mo-Fr 09:00-12:00, We 14:00-16:00"},
		{`Mo-Fr 09:00-12:00 open "sur rendez-vous"`, `Mo-Fr 09:00-12:00 open "sur rendez-vous"`},
		{`"sur rendez-vous"`, `"sur rendez-vous"`},
		{"Mo 10:00-12:00 unknown", "Mo 10:00-12:00 unknown"},
		{"Jul,Aug off", "Jul,Aug off"},
		{"Jan-Jun Mo-Fr 09:00-12:00", "Jan-Jun Mo-Fr 09:00-12:00"},
		{"Dec 24-26 off", "Dec 24-26 off"},
		{"Dec 24-Jan 02 off", "Dec 24-Jan 02 off"},
		{"Mo-Fr 24/7", "Mo-Fr 24/7"},
		{"Jan-Jun 24/7", "Jan-Jun 24/7"},
		{"Mo-Fr 09:00-24:00", "Mo-Fr 09:00-24:00"},
		{"Mo 09:00-12:00,11:00-13:00", "Mo 09:00-12:00,11:00-13:00"}, // spans kept as written
		// normalised spellings
		{"closed", "off"},
		{"mo-fr 9:00-12:00", "Mo-Fr 09:00-12:00"},
		{"Mo - Fr 09:00 - 12:00 ; Sa 10:00-12:00", "Mo-Fr 09:00-12:00; Sa 10:00-12:00"},
		{"Mo-Fr09:00-12:00", "Mo-Fr 09:00-12:00"},
		{"  Mo-Fr 09:00-12:00  ", "Mo-Fr 09:00-12:00"},
		{"Mo-Fr\u00a009:00-12:00\u202f;\u00a0Sa 10:00-12:00", "Mo-Fr 09:00-12:00; Sa 10:00-12:00"},
		{"Mo-Fr 09:00–12:00", "Mo-Fr 09:00-12:00"},
		{"Mo-Fr 9-12", "Mo-Fr 09:00-12:00"},
		{"Tu-Fr 09:00-12:00,14:00-17:00; Mo 14-17;9-12,14-17", "Tu-Fr 09:00-12:00,14:00-17:00; Mo 14:00-17:00; 09:00-12:00,14:00-17:00"},
		{"Mo-Fr 09:00-12:00;", "Mo-Fr 09:00-12:00"},
		{"Mo-Fr 09:00-12:00,", "Mo-Fr 09:00-12:00"},
		{";Mo-Fr 09:00-12:00;;Sa 10:00-12:00", "Mo-Fr 09:00-12:00; Sa 10:00-12:00"},
		{"Mo-Fr 09:00-12:00 OFF", "Mo-Fr 09:00-12:00 off"},
		{"Mo-Fr 09:00-12:00; ph off", "Mo-Fr 09:00-12:00; PH off"},
		{"Jul: Mo-Fr 10:00-12:00", "Jul Mo-Fr 10:00-12:00"},
		{"Jan 5-10 off", "Jan 05-10 off"},
		{"Dec 24-Dec 26 off", "Dec 24-26 off"},
		{"Dec 24,31 off", "Dec 24,Dec 31 off"},
		{"Jan-Jan 10:00-12:00", "Jan 10:00-12:00"},
		// weekday sets
		{"Mo,Tu,We 09:00-12:00", "Mo-We 09:00-12:00"},
		{"Mo-We,Fr 09:00-12:00", "Mo-We,Fr 09:00-12:00"},
		{"Tu,Mo 09:00-12:00", "Mo,Tu 09:00-12:00"},
		{"Mo,Mo 09:00-12:00", "Mo 09:00-12:00"},
		{"Mo-Mo 09:00-12:00", "Mo 09:00-12:00"},
		{"Sa-Su 10:00-12:00", "Sa,Su 10:00-12:00"},
		{"Sa-Mo 10:00-12:00", "Sa-Mo 10:00-12:00"},
		{"Fr-Mo,We 10:00-12:00", "We,Fr-Mo 10:00-12:00"},
		{"Su,Mo 10:00-12:00", "Mo,Su 10:00-12:00"},
		{"Mo-Su 10:00-12:00", "Mo-Su 10:00-12:00"},
		{"Su-Sa 10:00-12:00", "Mo-Su 10:00-12:00"},
		{"PH,Sa 10:00-12:00", "Sa,PH 10:00-12:00"},
		{"Mo,Su,PH off", "Mo,Su,PH off"},
		// times past midnight
		{"Fr 22:00-02:00", "Fr 22:00-02:00"},
		{"Fr 22:00-26:00", "Fr 22:00-02:00"},
		{"Fr 18:00-00:00", "Fr 18:00-24:00"},
		{"Fr 10:00-10:00", "Fr 10:00-10:00"},
		{"Fr 10:00-34:00", "Fr 10:00-10:00"},
		{"Fr 00:00-00:00", "Fr 00:00-24:00"},
		{"Fr 00:00-48:00", "Fr 00:00-48:00"},
		{"Fr 10:00-30:00", "Fr 10:00-06:00"},
		// week numbers: two digits, the step as written, after the months
		{"week 1-53/2 Tu 09:00-12:30", "week 01-53/2 Tu 09:00-12:30"},
		{"week 2-52/2 Th 13:30-16:30", "week 02-52/2 Th 13:30-16:30"},
		{"week 01,03,05 Mo 10:00-12:00", "week 01,03,05 Mo 10:00-12:00"},
		{"Week 1 - 10 / 2 mo 10:00-12:00", "week 01-10/2 Mo 10:00-12:00"},
		{"week 1-53/2: Tu 09:00-12:30", "week 01-53/2 Tu 09:00-12:30"},
		{"week 1–10 Mo 10:00-12:00", "week 01-10 Mo 10:00-12:00"},
		{"week 5-5 Fr 10:00-12:00", "week 05 Fr 10:00-12:00"},
		{"week 1-10,20-30/2,40 Mo 10:00-12:00", "week 01-10,20-30/2,40 Mo 10:00-12:00"},
		{"Jan-Jun week 1-53/2 Tu 09:00-12:30", "Jan-Jun week 01-53/2 Tu 09:00-12:30"},
		{"Jan-Jun: week 1-53/2 Tu 09:00-12:30", "Jan-Jun week 01-53/2 Tu 09:00-12:30"},
		{"week 1-53/2 Mo-Fr,PH 09:00-12:00", "week 01-53/2 Mo-Fr,PH 09:00-12:00"},
		{"week 1-53/2 PH off", "week 01-53/2 PH off"},
		{"week 1-53/2 24/7", "week 01-53/2 24/7"},
		{"week 1-53/2", "week 01-53/2"},
		{"week 1-53/2 9-12", "week 01-53/2 09:00-12:00"},
		{`week 1-53/2 "bus"`, `week 01-53/2 "bus"`},
		{"week 1-53/2 Su 22:00-26:00", "week 01-53/2 Su 22:00-02:00"},
	}
	for _, tt := range tests {
		h, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := h.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in     string
		pos    int
		reason string // substring of the reason
	}{
		{"", 0, "empty value"},
		{"   ", 3, "empty value"},
		{";", 1, "empty value"},
		{"Mo-Fr 09:00-19:00; Sa 17:00", 27, `expected "-" and an end time after "17:00" (single points in time are not supported)`},
		{"We 09:30-13:00-18:00", 14, `unexpected "-" after "13:00"`},
		{"Th 14-18:10-19", 11, `unexpected "-" after "18:10"`},
		{"Mo-Fr 9h00-12h00", 7, `write times with a colon`},
		{"Mo-Fr 9h-12h", 7, `write times with a colon`},
		{"Mo-Fr 09.00-12.00", 8, `write times with a colon`},
		{"Mo-Fr 09:0-12:00", 9, "minutes must have two digits"},
		{"Mo-Fr 09:60-12:00", 9, "minutes 60 are out of range"},
		{"Mo-Fr 25:00-26:00", 6, "hour 25 is out of range (00-24)"},
		{"Mo-Fr 09:00-49:00", 12, "hour 49 is out of range"},
		{"Mo-Fr 24:00-26:00", 6, "cannot start at 24:00"},
		{"Mo-Fr 23:00-48:30", 12, "at most 48:00"},
		{"Mo-Fr 10:00+", 11, "open-ended times"},
		{"Mo-Fr 10:00-12:00+", 17, "open-ended times"},
		{"Mo-Fr 10:00-16:00/01:00", 17, "periodic times"},
		{"Mo-Fr 12:00-14:00 || \"sur rdv\"", 18, `fallback rules ("||") are not supported`},
		{"SH off", 0, "school holidays (SH) are not supported"},
		{"Mo-Fr 09:00-12:00; SH off", 19, "school holidays (SH) are not supported"},
		{"Mo-Fr,SH 09:00-12:00", 6, "school holidays (SH) are not supported"},
		{"week 0 Mo", 5, "week 0 does not exist: ISO week numbers run from 01 to 53"},
		{"week 54 Mo", 5, "week 54 does not exist"},
		{"week 1-54 Mo", 7, "week 54 does not exist"},
		{"week 001 Mo", 5, `expected a week number (01-53), found "001"`},
		{"week 20-10 Mo", 8, "week range 20-10 goes backwards"},
		{"week 5/2 Mo", 6, `a step needs a range of weeks (e.g. "week 01-53/2")`},
		{"week 1-53/1 Mo", 10, `a step of 1 selects every week of the range: omit "/1"`},
		{"week 1-53/27 Mo", 10, "a step of 27 is more than 26"},
		{"week 1-53/ Mo", 11, `expected a step (2-26) after "/", found "Mo"`},
		{"week Mo 10:00-12:00", 5, `expected a week number (01-53) after "week", found "Mo"`},
		{"week", 4, `expected a week number (01-53) after "week", found the end of the value`},
		{"week 1-Mo", 7, `expected a week number (01-53) after "-", found "Mo"`},
		{"week 1, Mo 10:00-12:00", 8, `expected a week number (01-53) after ","`},
		{"week 1,week 3 Mo", 7, `expected a week number (01-53) after ","`},
		{"Tu week 1-53/2 09:00-12:30", 3, `week numbers must come before weekdays (e.g. "week 01-53/2 Tu 09:00-12:30")`},
		{"Tu,week 1-53/2 09:00-12:30", 3, `expected a weekday (Mo-Su) or PH after ","`},
		{"Mo 10:00-12:00 week 1", 15, `unexpected "week": week numbers come first in a rule, after the months`},
		{"week 1-53/2 Jan Mo", 12, `months must come before week numbers (e.g. "Jan-Jun week 01-53/2")`},
		{"week 1-53/2 2026 Mo", 12, "year selectors (like 2026) are not supported"},
		{"2026 Dec 25 off", 0, "year selectors"},
		{"Dec 25 2026 off", 7, "year selectors"},
		{"easter off", 0, "easter-relative dates"},
		{"sunrise-sunset", 0, "variable times"},
		{"Mo (sunrise+01:00)-18:00", 3, "variable times"},
		{"Mo 10:00-sunset", 9, "variable times"},
		{"Mo[1] 10:00-12:00", 2, "nth-weekday selectors"},
		{"PH Mo-Fr 10:00-12:00", 3, `"PH" followed by weekdays without a comma`},
		{"Mo-Fr Jul off", 6, "months must come before weekdays"},
		{"Mo 09:00-12:00 Tu 10:00-11:00", 15, `unexpected weekday "Tu": separate rules with ";"`},
		{"Mo-Fr 09:00-12:00 14:00-16:00", 18, `separate time spans with ","`},
		{"Mo-Fr 09:00-12:00 Jul", 18, "months must come first"},
		{"Mo-Fr 09:00-12:00 off off", 22, "at most one state"},
		{`Mo-Fr 09:00-12:00 "a" "b"`, 22, "at most one comment"},
		{`Mo-Fr 09:00-12:00 "a" off`, 22, "before its comment"},
		{`Mo-Fr 09:00-12:00 "sur rdv`, 18, "unterminated comment"},
		{`Mo-Fr 09:00-12:00 'sur rdv'`, 18, "double quotes"},
		{"Lundi 09:00-12:00", 0, `unknown weekday "Lundi": weekdays are written Mo, Tu, We, Th, Fr, Sa, Su`},
		{"Mo-Ve 09:00-12:00", 3, `unknown word "Ve"`},
		{"Mo-Fr fermé", 6, `unknown word "fermé"`},
		{"Mo-Fr 09:00-12:00 et 14:00-18:00", 18, `unknown word "et"`},
		{"Mo- 09:00-12:00", 4, `expected a weekday after "-", found "09:00"`},
		{"Mo, 09:00-12:00", 2, `unexpected "," between weekdays and times`},
		{"Mo-Fr, off", 7, `expected a weekday (Mo-Su) or PH after ","`},
		{"Mo-Fr 09:00-", 12, "expected a time like 09:00, found the end of the value"},
		{"Mo-Fr 09:00-Sa", 12, `expected a time like 09:00, found "Sa"`},
		{"Mo-Fr 0900-1200", 6, `expected a time like 09:00, found "0900"`},
		{"Mo-Fr 123456", 6, "too long"},
		{"Feb 30 off", 4, "day 30 does not exist in Feb"},
		{"Dec 26-24 off", 7, "goes backwards"},
		{"Dec 0 off", 4, "day 0 does not exist in Dec"},
		{"Jan-Mar 15 off", 8, "a month range cannot end on a day"},
		{"Jan, Mo off", 5, `expected a month (Jan-Dec) after ","`},
		{"Dec 24-Jan off", 11, "expected a day number after"},
		{"24/8", 3, `expected "24/7"`},
		{", Mo 10:00-12:00", 0, "expected a weekday (Mo-Su), PH, a month"},
		{"Mo 10:00-12:00 | Tu", 15, "unexpected character '|'"},
		{"Mo 10:00-12:00 @", 15, `unexpected "@"`},
		{"Mo 10:00-12:00 \xff", 15, "invalid UTF-8"},
		{"Mo 10:00-12:00 ✓", 15, "unexpected character '✓'"},
		{strings.Repeat("Mo 10:00-12:00;", 100), MaxLength, "too long"},
	}
	for _, tt := range tests {
		h, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %q, want an error", tt.in, h.String())
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) error %T is not a *ParseError", tt.in, err)
			continue
		}
		if pe.Pos != tt.pos || !strings.Contains(pe.Reason, tt.reason) {
			t.Errorf("Parse(%q) = %q (pos %d), want pos %d and reason containing %q", tt.in, err, pe.Pos, tt.pos, tt.reason)
		}
		if want := " at position "; !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q).Error() = %q lacks %q", tt.in, err, want)
		}
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := Parse("Mo-Fr 09:00-Sa")
	want := `expected a time like 09:00, found "Sa" at position 12`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
}

func TestTextMarshaling(t *testing.T) {
	var h Hours
	if err := h.UnmarshalText([]byte("mo-fr 9:00-12:00")); err != nil {
		t.Fatal(err)
	}
	b, err := h.MarshalText()
	if err != nil || string(b) != "Mo-Fr 09:00-12:00" {
		t.Fatalf("MarshalText = %q, %v", b, err)
	}
	if err := h.UnmarshalText([]byte("Mo 25:00-26:00")); err == nil {
		t.Fatal("UnmarshalText accepted an invalid value")
	}
}

func TestComments(t *testing.T) {
	h := mustParse(`Mo-Fr 09:00-12:00 open "sur rendez-vous"; Sa "fermé l'été"`)
	got := h.Comments()
	if len(got) != 2 || got[0] != "sur rendez-vous" || got[1] != "fermé l'été" {
		t.Fatalf("Comments() = %q", got)
	}
	if mustParse("24/7").Comments() != nil {
		t.Fatal("expected no comments")
	}
}

func TestHasWeekRules(t *testing.T) {
	for expr, want := range map[string]bool{
		"week 1-53/2 Tu 09:00-12:30": true, "Jan-Jun week 10 off; Mo 10:00-12:00": true,
		"Mo-Fr 09:00-12:00; Aug off": false, "24/7": false,
	} {
		if got := mustParse(expr).HasWeekRules(); got != want {
			t.Errorf("HasWeekRules(%q) = %v", expr, got)
		}
	}
}

func TestNilAndZeroHours(t *testing.T) {
	var nilH *Hours
	var zero Hours
	for _, h := range []*Hours{nilH, &zero} {
		if h.String() != "" || h.OpenAt(mustTime(t, "2026-03-02 10:00")) || h.Is247() ||
			h.OpenOnDay(1) || h.OpenBetween(1, 0, 1440) || weekString(h.Weekly()) != "" ||
			h.Comments() != nil || h.UsesPublicHolidays() || h.HasDateRules() || h.HasWeekRules() {
			t.Errorf("%#v is not an empty, closed Hours", h)
		}
	}
}
