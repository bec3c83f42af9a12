package openinghours

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseLenient(t *testing.T) {
	tests := []struct {
		expr string
		week string // Weekly() as weekString prints it
		bad  []string
		days [][]time.Weekday // unknown days of each unreadable part
	}{
		// The example: Saturday's single time is unreadable, the
		// weekdays are kept (so the place is open in the evening).
		{"Mo-Fr 09:00-19:00; Sa 17:00",
			"Mo 09:00-19:00; Tu 09:00-19:00; We 09:00-19:00; Th 09:00-19:00; Fr 09:00-19:00",
			[]string{"Sa 17:00"}, [][]time.Weekday{{time.Saturday}}},
		// A later rule that cannot be read must not leave Saturday open by
		// the earlier Mo-Sa rule: it would have replaced it.
		{"Mo-Sa 09:00-18:00; Sa fermé",
			"Mo 09:00-18:00; Tu 09:00-18:00; We 09:00-18:00; Th 09:00-18:00; Fr 09:00-18:00",
			[]string{"Sa fermé"}, [][]time.Weekday{{time.Saturday}}},
		{"Mo-Sa 09:00-18:00; Sa off sauf le premier du mois",
			"", // "mois": dates that cannot be told, so every day is unknown
			[]string{"Sa off sauf le premier du mois"}, [][]time.Weekday{allWeek}},
		// Words after a complete rule belong to it.
		{"Mo-Sa 09:00-18:00; Mo-Fr 09:00-12:00 sur rendez-vous",
			"Sa 09:00-18:00",
			[]string{"Mo-Fr 09:00-12:00 sur rendez-vous"}, [][]time.Weekday{{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}}},
		// French day names and ranges.
		{"Tu 10:00-12:00; lundi au vendredi 14h-18h",
			"", []string{"lundi au vendredi 14h-18h"}, [][]time.Weekday{{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}}},
		{"Mo-Su 10:00-12:00; sam. - lun. 9h",
			"Tu 10:00-12:00; We 10:00-12:00; Th 10:00-12:00; Fr 10:00-12:00",
			[]string{"sam. - lun. 9h"}, [][]time.Weekday{{time.Monday, time.Saturday, time.Sunday}}},
		// An additional rule that cannot be read: its day is unknown, the
		// rule before it in the same part is kept.
		{"Mo-Fr 09:00-12:00, We 14h-16h",
			"Mo 09:00-12:00; Tu 09:00-12:00; Th 09:00-12:00; Fr 09:00-12:00",
			[]string{"We 14h-16h"}, [][]time.Weekday{{time.Wednesday}}},
		// Spans with three times (real data): those days are unknown.
		{"We,Th 12:00-14:00-17:00; Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00; Fr 12:00",
			"Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00",
			[]string{"We,Th 12:00-14:00-17:00", "Fr 12:00"}, [][]time.Weekday{{time.Wednesday, time.Thursday}, {time.Friday}}},
		// School holidays: the days they close cannot be told.
		{"Mo-Fr 09:00-18:00; SH off", "", []string{"SH off"}, [][]time.Weekday{allWeek}},
		// Times that may run past midnight: the next day is unknown too.
		{"Mo-Su 08:00-20:00; Sa 22:00-02h00 off",
			"Mo 08:00-20:00; Tu 08:00-20:00; We 08:00-20:00; Th 08:00-20:00; Fr 08:00-20:00",
			[]string{"Sa 22:00-02h00 off"}, [][]time.Weekday{{time.Saturday, time.Sunday}}},
		// A ";" inside a comment does not split rules.
		{`Mo 10:00-12:00 open "a; b"; Tu 9h`, "Mo 10:00-12:00", []string{"Tu 9h"}, [][]time.Weekday{{time.Tuesday}}},
		// An unterminated comment runs to the end.
		{`Mo 10:00-12:00; Tu 10:00-12:00 "sur rdv`, "Mo 10:00-12:00", []string{`Tu 10:00-12:00 "sur rdv`}, [][]time.Weekday{{time.Tuesday}}},
		// A rule without days applies to every day.
		{"Mo 10:00-12:00; 14h-16h", "", []string{"14h-16h"}, [][]time.Weekday{allWeek}},
		// Week numbers are read; an unreadable rule with them leaves its
		// weekdays unknown (every week: never open where it might close),
		// and its week numbers are not read as times.
		{"week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30; Sa 17:00", "Tu 09:00-12:30; Th 13:30-16:30",
			[]string{"Sa 17:00"}, [][]time.Weekday{{time.Saturday}}},
		{"Mo-Fr 09:00-12:00; week 1-53/2 Tu 17:00", "Mo 09:00-12:00; We 09:00-12:00; Th 09:00-12:00; Fr 09:00-12:00",
			[]string{"week 1-53/2 Tu 17:00"}, [][]time.Weekday{{time.Tuesday}}},
		{"Mo-Fr 09:00-12:00; week 1-53/2 Fr 22:00-02h00", "Mo 09:00-12:00; Tu 09:00-12:00; We 09:00-12:00; Th 09:00-12:00",
			[]string{"week 1-53/2 Fr 22:00-02h00"}, [][]time.Weekday{{time.Friday, time.Saturday}}},
		{"Mo-Fr 09:00-12:00; semaines paires Sa 10h-12h", "", []string{"semaines paires Sa 10h-12h"}, [][]time.Weekday{allWeek}},
		{"Mo-Fr 09:00-12:00; Sa week-end 10h", "", []string{"Sa week-end 10h"}, [][]time.Weekday{allWeek}},
		// Readable values are Parse's.
		{"Mo-Fr 09:00-12:00; Sa 10:00-12:00", "Mo 09:00-12:00; Tu 09:00-12:00; We 09:00-12:00; Th 09:00-12:00; Fr 09:00-12:00; Sa 10:00-12:00", nil, nil},
	}
	for _, tt := range tests {
		h, bad, err := ParseLenient(tt.expr)
		if err != nil {
			t.Errorf("ParseLenient(%q): %v", tt.expr, err)
			continue
		}
		if got := weekString(h.Weekly()); got != tt.week {
			t.Errorf("ParseLenient(%q).Weekly()\n got  %s\n want %s", tt.expr, got, tt.week)
		}
		var texts []string
		var days [][]time.Weekday
		for _, u := range bad {
			texts = append(texts, u.Text)
			days = append(days, u.UnknownDays())
			if u.Err == nil || u.Err.Pos < 0 || u.Err.Pos > len(tt.expr) || u.Err.Reason == "" {
				t.Errorf("%q: bad error %+v", tt.expr, u.Err)
			}
			if !strings.Contains(tt.expr, u.Text) {
				t.Errorf("%q: reported %q, not in the value", tt.expr, u.Text)
			}
		}
		if !slices.Equal(texts, tt.bad) {
			t.Errorf("%q: unreadable %q, want %q", tt.expr, texts, tt.bad)
		}
		if !reflect.DeepEqual(days, tt.days) {
			t.Errorf("%q: unknown days %v, want %v", tt.expr, days, tt.days)
		}
	}

	// Saturday is unknown, not closed; weekday evenings are open.
	h, _, _ := ParseLenient("Mo-Fr 09:00-19:00; Sa 17:00")
	sat := time.Date(2026, 3, 7, 17, 0, 0, 0, time.UTC)
	if st := h.State(sat); st != Unknown {
		t.Errorf("Saturday 17:00: %v, want unknown", st)
	}
	if !h.OpenBetween(time.Monday, 18*60, 24*60) {
		t.Error("not open on Monday evening")
	}

	// Nothing readable: Parse's error.
	for _, s := range []string{"Sa 17:00", "lundi 9h-12h", "", ";", "Mo 9h; Tu 10h"} {
		if _, _, err := ParseLenient(s); err == nil {
			t.Errorf("ParseLenient(%q): no error", s)
		}
	}
}

var allWeek = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// TestLenientRealData reads the real values the strict parser rejects.
func TestLenientRealData(t *testing.T) {
	for _, v := range realValues(t) {
		if _, err := Parse(v); err == nil {
			continue
		}
		h, bad, err := ParseLenient(v)
		if err != nil || len(bad) == 0 {
			t.Errorf("%q: nothing kept (%v)", v, err)
			continue
		}
		t.Logf("%q: %s; unreadable %q", v, weekString(h.Weekly()), bad[0].Text)
	}
}

// FuzzParseLenient checks, for any value Parse accepts, that making one of
// its ";" parts unreadable never opens the place at a time the whole value
// closes it, and keeps as they were the days that the unreadable part
// neither names nor selected before it was broken.
func FuzzParseLenient(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint8(0), uint8(3))
	}
	f.Add("Mo-Sa 09:00-18:00; Sa off", uint8(1), uint8(200))
	f.Add("Mo-Su 08:00-20:00; Sa 22:00-02:00 off", uint8(1), uint8(9))
	f.Add("Mo 10:00-12:00, Tu 10:00-12:00 off; We 22:00-26:00", uint8(0), uint8(14))
	instants := []time.Time{}
	for d := 2; d <= 9; d++ { // the week of 2026-03-02, from Monday to the next Monday
		for h := 0; h < 24; h += 3 {
			instants = append(instants, time.Date(2026, 3, d, h, 30, 0, 0, time.UTC))
		}
	}
	instants = append(instants, time.Date(2026, 7, 14, 10, 0, 0, 0, time.UTC), time.Date(2026, 12, 25, 1, 0, 0, 0, time.UTC))
	f.Fuzz(func(t *testing.T, s string, which, at uint8) {
		if _, bad, err := ParseLenient(s); err == nil {
			for _, u := range bad {
				if u.Err.Pos < 0 || u.Err.Pos > len(s) || !strings.Contains(s, u.Text) {
					t.Fatalf("%q: bad report %+v", s, u)
				}
			}
		}
		orig, err := Parse(s)
		if err != nil {
			return
		}
		parts := splitRules(s)
		p := parts[int(which)%len(parts)]
		pos := p[0] + int(at)%(p[1]-p[0]+1)
		// Junk the lexer refuses, a word, a French hour, a stray quote.
		junk := []string{"@", " sur rdv", "h", "'", "§", "|"}[int(which>>4)%6]
		broken := s[:pos] + junk + s[pos:]
		if _, err := Parse(broken); err == nil {
			return // inside a comment
		}
		h, bad, err := ParseLenient(broken)
		if err != nil {
			return
		}
		if len(bad) != 1 {
			t.Fatalf("%q: %d unreadable parts, want 1", broken, len(bad))
		}
		for _, at := range instants {
			if h.State(at) == Open && orig.State(at) != Open {
				t.Fatalf("%q opens at %s (%s), where %q is %v", broken, at, at.Weekday(), s, orig.State(at))
			}
		}
		unknown := map[time.Weekday]bool{}
		for _, d := range bad[0].UnknownDays() {
			unknown[d] = true
		}
		whole, _ := Parse(s[p[0]:p[1]])
		for _, r := range whole.rules {
			days := r.days
			if days == 0 || r.ph || len(r.dates) > 0 {
				days = allDays
			}
			for _, sp := range r.spans {
				if sp.end > 1440 {
					days |= days<<1 | days>>6
				}
			}
			for i := range 7 {
				if days&(1<<i) != 0 {
					unknown[time.Weekday((i+1)%7)] = true
				}
			}
		}
		wo, wl := orig.Weekly(), h.Weekly()
		for i := range 7 {
			wd := time.Weekday((i + 1) % 7)
			for _, iv := range wl[i] {
				if !covered(wo[i], iv) {
					t.Fatalf("%q opens %s %v, closed in %q (%s)", broken, wd, iv, s, weekString(wo))
				}
			}
			if !unknown[wd] && !reflect.DeepEqual(wo[i], wl[i]) {
				t.Fatalf("%q changed %s, which %q neither names nor selected: %v, was %v", broken, wd, bad[0].Text, wl[i], wo[i])
			}
		}
	})
}

// covered reports whether iv lies within one of ivs (sorted, merged).
func covered(ivs []Interval, iv Interval) bool {
	for _, o := range ivs {
		if o.Start <= iv.Start && iv.End <= o.End {
			return true
		}
	}
	return false
}
