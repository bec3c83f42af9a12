package models

import (
	"reflect"
	"testing"
)

// TestServicePrepared: a service prepared by PrepareSyncBatch, then given
// its actor's id (and its referrals closed by the writer, or not), is
// validated and fingerprinted by the writer exactly as Validate and
// ContentFingerprint do, valid or not, with or without a valid actor id.
func TestServicePrepared(t *testing.T) {
	lat, lon := 48.85, 2.35
	base := Service{Name: "Atelier numérique", Kind: "accompagnement", Themes: StringList{"numerique"}, OnSite: true,
		Status: "published", SourceID: "s1", Latitude: &lat, Longitude: &lon}
	bad := base
	bad.Themes, bad.OnSite, bad.Name = nil, false, ""
	for _, sv := range []Service{base, bad} {
		for _, actorID := range []string{NewID(), "", "not-an-id"} {
			for _, closed := range []bool{false, true} {
				svs := []SyncService{{Service: sv, ActorSourceID: "a1"}}
				PrepareSyncBatch("src", nil, svs)
				got := &svs[0].Service
				if got.prep == nil {
					t.Fatal("not prepared")
				}
				got.ActorID, got.ReferralsClosed = actorID, closed
				if a, b := got.validatePrepared(), got.Validate(); !reflect.DeepEqual(a, b) {
					t.Errorf("%q closed=%v: validatePrepared %v, Validate %v", actorID, closed, a, b)
				}
				if a, b := got.fingerprintPrepared(), got.ContentFingerprint(); a != b {
					t.Errorf("%q closed=%v: fingerprintPrepared %s, ContentFingerprint %s", actorID, closed, a, b)
				}
			}
		}
	}
}
