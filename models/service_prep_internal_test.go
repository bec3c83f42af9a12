package models

import (
	"fmt"
	"reflect"
	"strings"
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

// TestServicesPreparedTogether: the services of one batch share the
// chunks their encodings are copied into (prepArena), several chunks
// filled, and one encoding too large for a chunk copied apart: each
// service's prepared fingerprint is still its own.
func TestServicesPreparedTogether(t *testing.T) {
	lat, lon := 48.85, 2.35
	svs := make([]SyncService, 400)
	for i := range svs {
		desc := strings.Repeat(fmt.Sprintf("atelier %d ", i), 1+i%40)
		if i == 123 {
			desc = strings.Repeat("x", prepChunk/2)
		}
		svs[i] = SyncService{Service: Service{Name: fmt.Sprintf("Atelier %d", i), Kind: "accompagnement", Themes: StringList{"numerique"},
			OnSite: true, Status: "published", SourceID: fmt.Sprintf("s%d", i), Latitude: &lat, Longitude: &lon, Description: desc},
			ActorSourceID: fmt.Sprintf("a%d", i)}
	}
	PrepareSyncBatch("src", nil, svs)
	chunks := map[*byte]int{}
	for i := range svs {
		got := &svs[i].Service
		if got.prep == nil {
			t.Fatalf("%d: not prepared", i)
		}
		if tail := got.prep.tail; len(tail) <= prepChunk/4 && cap(tail) != len(tail) {
			t.Errorf("%d: the tail's capacity %d is not its length %d", i, cap(tail), len(tail))
		} else if len(tail) > 0 {
			if j, ok := chunks[&tail[:1][0]]; ok {
				t.Errorf("%d: the tail starts where %d's does (lengths %d, %d)", i, j, len(tail), len(svs[j].prep.tail))
			}
			chunks[&tail[:1][0]] = i
		}
		got.ActorID = NewID()
	}
	for i := range svs {
		got := &svs[i].Service
		if a, b := got.fingerprintPrepared(), got.ContentFingerprint(); a != b {
			t.Errorf("%d: fingerprintPrepared %s, ContentFingerprint %s", i, a, b)
		}
	}
	if len(chunks) != len(svs) {
		t.Errorf("%d distinct tails for %d services", len(chunks), len(svs))
	}
}
