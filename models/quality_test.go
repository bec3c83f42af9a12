package models

import (
	"slices"
	"testing"
	"time"
)

func TestScoreQuality(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	published := qualityService{Status: "published", Themes: StringList{"Aide aux démarches administratives"},
		Fees: StringList{"Gratuit"}, AccessModes: StringList{"Se présenter"}, OpeningHours: "Mo 09:00-12:00"}
	cases := []struct {
		name     string
		edit     func(a *Actor)
		services []qualityService
		score    float64
		missing  []string
	}{
		{"NotMet an empty record", func(a *Actor) {}, nil, 0,
			[]string{"contact", "opening_hours", "offer", "offer_details", "coordinates", "description", "commune", "identifier"}},
		{"OK every criterion", func(a *Actor) {
			a.Phones, a.ContactPublic, a.OpeningHours, a.Pivot = StringList{"+33491000000"}, true, "Mo 09:00-12:00", "21130055300016"
			a.Latitude, a.Longitude, a.Address.InseeCode = f(43.2996), f(5.3786), "13055"
			a.Description = "Ordinateurs en libre accès et ateliers pour débutants, sur inscription."
		}, []qualityService{published}, 0.9, []string{}},
		// The score is public: contacts that are not count for nothing.
		{"NotMet private phones and e-mails", func(a *Actor) {
			a.Phones, a.Emails = StringList{"+33491000000"}, StringList{"accueil@example.fr"}
		}, nil, 0, []string{"contact", "opening_hours", "offer", "offer_details", "coordinates", "description", "commune", "identifier"}},
		{"OK a website", func(a *Actor) { a.Websites = StringList{"https://example.fr"} }, nil, 0.2,
			[]string{"opening_hours", "offer", "offer_details", "coordinates", "description", "commune", "identifier"}},
		{"NotMet coordinates far from the postal code", func(a *Actor) { a.Latitude, a.Longitude = f(48.85), f(2.35) },
			nil, 0, []string{"contact", "opening_hours", "offer", "offer_details", "coordinates", "description", "commune", "identifier"}},
		{"OK hours from every published service", func(a *Actor) {}, []qualityService{published}, 0.45,
			[]string{"contact", "coordinates", "description", "commune", "identifier"}},
		// As the README's table says: a summary or a description of 50
		// characters, not the two added (a name repeated in both made
		// one); hours whose every rule reads.
		{"NotMet a presentation of two short texts", func(a *Actor) {
			a.Summary, a.Description = "Médiathèque de Saint-Usage", "Médiathèque de Saint-Usage"
		}, nil, 0, []string{"contact", "opening_hours", "offer", "offer_details", "coordinates", "description", "commune", "identifier"}},
		{"OK a description of 50 characters", func(a *Actor) {
			a.Description = "Ordinateurs en libre accès et ateliers pour débutants."
		}, nil, 0.05, []string{"contact", "opening_hours", "offer", "offer_details", "coordinates", "commune", "identifier"}},
		{"NotMet hours with rules that do not read", func(a *Actor) {
			a.OpeningHours = "Mo 09:00-12:00; le mardi sur rendez-vous"
		}, nil, 0, []string{"contact", "opening_hours", "offer", "offer_details", "coordinates", "description", "commune", "identifier"}},
		{"NotMet a draft offer counts for nothing", func(a *Actor) {}, []qualityService{{Status: "draft", Themes: StringList{"x"}}}, 0,
			[]string{"contact", "opening_hours", "offer", "offer_details", "coordinates", "description", "commune", "identifier"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := validActor()
			tc.edit(&a)
			score, missing := scoreQuality(&a, tc.services)
			if score != tc.score || !slices.Equal([]string(missing), tc.missing) {
				t.Errorf("score %v missing %v, want %v %v", score, missing, tc.score, tc.missing)
			}
		})
	}
	var sum float64
	for _, c := range QualityCriteria {
		sum += c.Weight
	}
	if sum < 0.999 || sum > 1.001 {
		t.Errorf("weights add up to %v", sum)
	}
}

func TestQualityOfFreshness(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	a := Actor{Quality: 0.5, QualityMissing: StringList{"contact"}, CheckedOn: "2025-12-01"}
	if v := QualityOf(&a, now); v.Score != 0.6 || v.Stale {
		t.Errorf("checked within 12 months: %+v", v)
	}
	a.CheckedOn = "2025-11-29"
	if v := QualityOf(&a, now); v.Score != 0.5 || !v.Stale || !slices.Contains(v.Missing, "fresh") {
		t.Errorf("checked 12 months and a day ago: %+v", v)
	}
}

// TestMonthsCutoffAndSince (sec17): calendar months, the month's last day
// when it is shorter; a record checked exactly n months ago is n months
// old, listed by n months from that day, and the two functions agree
// (listed by n months ⇔ at least n months old; see
// TestMonthsCutoffAgreesWithMonthsSince).
func TestMonthsCutoffAndSince(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tc := range []struct {
		now    string
		n      int
		cutoff string
	}{
		{"2026-12-03", 12, "2025-12-04"},
		{"2027-03-30", 1, "2027-03-01"}, // no 30 February: all of February is over a month ago
		{"2027-03-31", 1, "2027-03-01"},
		{"2027-03-28", 1, "2027-03-01"}, // 28 February is a month ago
		{"2028-02-29", 12, "2027-03-01"},
		{"2027-05-31", 1, "2027-05-01"},
		{"2027-01-15", 13, "2025-12-16"},
	} {
		if got := MonthsCutoff(day(tc.now), tc.n); got != tc.cutoff {
			t.Errorf("MonthsCutoff(%s, %d) = %s, want %s", tc.now, tc.n, got, tc.cutoff)
		}
	}
	for _, tc := range []struct {
		checked, now string
		months       int
	}{
		{"2026-01-31", "2026-02-28", 1},
		{"2026-01-31", "2026-02-27", 0},
		{"2026-03-30", "2027-03-30", 12},
		{"2026-03-30", "2027-03-29", 11},
		{"2027-02-28", "2027-03-30", 1},
		{"2027-03-01", "2027-03-30", 0},
		{"2027-04-01", "2027-03-30", 0}, // never negative
		{"1899-12-30", "2026-12-03", 1523},
	} {
		if got := MonthsSince(day(tc.checked), day(tc.now)); got != tc.months {
			t.Errorf("MonthsSince(%s, %s) = %d, want %d", tc.checked, tc.now, got, tc.months)
		}
	}
	// Agreement on every pair of days over two years, for 1, 12 and 13
	// months: listed exactly when older than n months by MonthsSince and
	// not on the anniversary.
	start := day("2027-01-01")
	for i := 0; i < 730; i += 3 {
		now := start.AddDate(0, 0, i)
		for _, n := range []int{1, 12, 13} {
			cutoff := MonthsCutoff(now, n)
			for j := 0; j < 500; j += 7 {
				c := now.AddDate(0, 0, -j)
				listed := c.Format(time.DateOnly) < cutoff
				aged := MonthsSince(c, now) >= n
				anniversary := MonthsCutoff(now, n) == c.Format(time.DateOnly)
				if listed != (aged && !anniversary) {
					t.Fatalf("now %s, n %d, checked %s: listed %v, months %d", now.Format(time.DateOnly), n, c.Format(time.DateOnly), listed, MonthsSince(c, now))
				}
			}
		}
	}
}

// The stale list chose records by one rule (more than N months: a record
// checked exactly N months ago was not listed) and counted
// months_since_check by another, so a record could show 12 months and be
// neither listed with months=12 nor stale. One definition now: a record is
// N months old, listed and (for StaleAfter) stale, exactly when MonthsSince
// says at least N — over every day of two years, short months and leap
// days included.
func TestMonthsCutoffAgreesWithMonthsSince(t *testing.T) {
	start := time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC)
	for now := start; now.Year() < 2026; now = now.AddDate(0, 0, 1) {
		for _, n := range []int{1, 2, 6, 12, 13, 24} {
			cutoff := MonthsCutoff(now, n)
			for checked := now.AddDate(0, -n-2, 0); !checked.After(now); checked = checked.AddDate(0, 0, 1) {
				old := MonthsSince(checked, now) >= n
				listed := checked.Format(time.DateOnly) < cutoff
				if old != listed {
					t.Fatalf("checked %s, on %s, months=%d: months_since_check %d, listed %v (cutoff %s)",
						checked.Format(time.DateOnly), now.Format(time.DateOnly), n, MonthsSince(checked, now), listed, cutoff)
				}
			}
		}
	}
	// The default threshold: checked exactly 12 months ago is stale, as
	// months_since_check 12 says; the day after, fresh.
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	if v := QualityOf(&Actor{CheckedOn: "2025-12-04"}, now); !v.Stale {
		t.Errorf("checked exactly 12 months ago: %+v, want stale", v)
	}
	if v := QualityOf(&Actor{CheckedOn: "2025-12-05"}, now); v.Stale {
		t.Errorf("checked 12 months less a day ago: %+v, want fresh", v)
	}
}
