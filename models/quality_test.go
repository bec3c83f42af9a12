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
