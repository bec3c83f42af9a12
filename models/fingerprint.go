package models

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// ContentFingerprint is a SHA-256 of the actor's writable content, as
// Normalize leaves it: what a client or a partner can set, nothing the store
// derives (departement, pivot_kind) or keeps for itself (id, times, version).
// Two records with the same fingerprint say the same thing, so a re-sync
// that brings the same content leaves the row untouched.
//
// The encoding is JSON of a struct with fixed field order: stable across
// runs and Go versions, and a new field changes every fingerprint once,
// which only costs one rewrite per record on the next sync.
func (a *Actor) ContentFingerprint() string {
	return fingerprint(struct {
		Name, Pivot                            string
		Typologies                             StringList
		ParentID                               *string
		Summary, Description                   string
		Address                                Address
		Latitude, Longitude                    *float64
		Phones, Emails, Websites               StringList
		ContactPublic                          bool
		OpeningHours                           string
		Mobility                               StringList
		AcceslibreURL, BookingURL              string
		NationalProgrammes, TrainingLabels     StringList
		OtherLabels, Source, SourceID, Status  string
		ClosedFrom, ClosedUntil, ClosureReason string
		Producer, ProducerUpdatedOn            string
	}{a.Name, a.Pivot, a.Typologies, a.ParentID, a.Summary, a.Description, a.Address, a.Latitude, a.Longitude,
		a.Phones, a.Emails, a.Websites, a.ContactPublic, a.OpeningHours, a.Mobility, a.AcceslibreURL, a.BookingURL,
		a.NationalProgrammes, a.TrainingLabels, a.OtherLabels, a.Source, a.SourceID, a.Status,
		a.ClosedFrom, a.ClosedUntil, a.ClosureReason, a.Producer, a.ProducerUpdatedOn})
}

// fingerprint is ContentFingerprint, computed by PrepareSyncBatch when the
// record was prepared.
func (a *Actor) fingerprint() string {
	if a.prepared {
		return a.preFingerprint
	}
	return a.ContentFingerprint()
}

// ContentFingerprint is the service's counterpart of Actor.ContentFingerprint.
// The actor id is part of it: a service moved under another actor changed.
func (s *Service) ContentFingerprint() string {
	return fingerprint(struct {
		ActorID, Name, Description, Kind       string
		Themes, Publics, SpecificSupport, Fees StringList
		FeesDetails                            string
		PassNumerique                          bool
		AccessModes, AccompanimentModes        StringList
		OnSite, Remote                         bool
		Address                                Address
		Latitude, Longitude                    *float64
		OpeningHours                           string
		Languages                              StringList
		Capacity                               *int
		IsFull                                 bool
		BookingURL, Status, Source, SourceID   string
		// Whether it takes referrals: a sync that changed only that
		// was reported unchanged and dropped (sec16). Left out when
		// false, so that the services open to referrals kept their
		// fingerprint and no partner's next sync rewrote them all.
		ReferralsClosed bool `json:",omitempty"`
	}{s.ActorID, s.Name, s.Description, s.Kind, s.Themes, s.Publics, s.SpecificSupport, s.Fees, s.FeesDetails,
		s.PassNumerique, s.AccessModes, s.AccompanimentModes, s.OnSite, s.Remote, s.Address, s.Latitude, s.Longitude,
		s.OpeningHours, s.Languages, s.Capacity, s.IsFull, s.BookingURL, s.Status, s.Source, s.SourceID, s.ReferralsClosed})
}

func fingerprint(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only strings, numbers and booleans: Marshal cannot fail.
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
