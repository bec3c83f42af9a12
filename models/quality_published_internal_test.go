package models

import (
	"math/rand/v2"
	"slices"
	"testing"

	"carnet/models/vocab"
)

// scoreQualityBefore is scoreQuality as it was before it read the
// published services in place (a slice of them an actor), kept to compare.
func scoreQualityBefore(a *Actor, services []qualityService) (float64, StringList) {
	met := map[string]bool{}
	met[QualityContact] = len(a.Websites) > 0 || a.ContactPublic && len(a.Phones)+len(a.Emails) > 0
	var published []qualityService
	for _, sv := range services {
		if sv.Status == vocab.ServicePublished {
			published = append(published, sv)
		}
	}
	hours := validHours(a.OpeningHours)
	if !hours && len(published) > 0 {
		hours = true
		for _, sv := range published {
			hours = hours && validHours(sv.OpeningHours)
		}
	}
	met[QualityHours] = hours
	for _, sv := range published {
		if len(sv.Themes) > 0 {
			met[QualityOffer] = true
		}
		if len(sv.Fees) > 0 && len(sv.AccessModes) > 0 {
			met[QualityOfferDetails] = true
		}
	}
	met[QualityCoordinates] = coordinatesPlausible(a)
	met[QualityDescription] = max(len([]rune(a.Summary)), len([]rune(a.Description))) >= 50
	met[QualityCommune] = a.Address.InseeCode != ""
	met[QualityIdentifier] = a.Pivot != ""
	var score float64
	missing := StringList{}
	for _, c := range QualityCriteria {
		switch {
		case c.Code == QualityFresh:
		case met[c.Code]:
			score += c.Weight
		default:
			missing = append(missing, c.Code)
		}
	}
	return round2(score), missing
}

// TestScoreQualityAsBefore compares scoreQuality with its former version
// on random actors and services: hours of the actor or of every published
// service (some readable, some not, some empty), drafts and archived
// services beside them, offers with and without their details.
func TestScoreQualityAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 2))
	hours := []string{"", "Mo 09:00-12:00", "Sa 10h", "Mo-Fr 08:30-17:00"}
	statuses := []string{vocab.ServicePublished, vocab.ServiceDraft, vocab.ServiceArchived}
	list := func() StringList {
		if rng.IntN(2) == 0 {
			return nil
		}
		return StringList{"x"}
	}
	for i := range 20000 {
		a := &Actor{OpeningHours: hours[rng.IntN(len(hours))]}
		if rng.IntN(2) == 0 {
			a.Websites = StringList{"https://example.fr"}
		}
		var services []qualityService
		for range rng.IntN(4) {
			services = append(services, qualityService{Status: statuses[rng.IntN(len(statuses))], Themes: list(), Fees: list(), AccessModes: list(),
				OpeningHours: hours[rng.IntN(len(hours))]})
		}
		gs, gm := scoreQuality(a, services)
		ws, wm := scoreQualityBefore(a, services)
		if gs != ws || !slices.Equal(gm, wm) || (gm == nil) != (wm == nil) {
			t.Fatalf("case %d (%+v, %+v): %v %q, before %v %q", i, a, services, gs, gm, ws, wm)
		}
	}
}
