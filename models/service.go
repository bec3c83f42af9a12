package models

import (
	"slices"
	"strings"
	"time"

	"carnet/models/vocab"
)

// Service is what an actor offers: free access to computers, help with online
// procedures, a workshop, a training course…
type Service struct {
	// referralsAsked: the write creating the service said
	// accepts_referrals true (AskReferrals); a creator who may not open
	// it for a structure with a team is refused (closedUnlessDecided).
	referralsAsked     bool   `gorm:"-" json:"-"`
	ID                 string `gorm:"primaryKey"`
	ActorID            string
	Actor              *Actor `gorm:"foreignKey:ActorID"`
	Name               string
	NameKey            string // Name folded for sort=name (see NameKey)
	Description        string
	Kind               string
	Themes             StringList
	Publics            StringList
	SpecificSupport    StringList
	Fees               StringList
	FeesDetails        string
	PassNumerique      bool // accepts the Pass numérique / APTIC cheque
	AccessModes        StringList
	AccompanimentModes StringList
	OnSite             bool
	Remote             bool
	// Address is where the service happens when it is not the actor's
	// address: an itinerant bus's stop, a satellite office.
	Address      Address `gorm:"embedded;embeddedPrefix:location_"`
	Latitude     *float64
	Longitude    *float64
	OpeningHours string // "" means the actor's hours apply
	Languages    StringList
	Capacity     *int
	IsFull       bool
	// ReferralsClosed is set when the structure does not take referrals for
	// this service (then creating one answers 422). Stored negated so that
	// the zero value, from any writer, keeps referrals open.
	ReferralsClosed bool
	BookingURL      string `gorm:"column:booking_url"`
	Status          string
	Source          string
	SourceID        string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	ArchivedAt      *time.Time
	Version         int64
	Fingerprint     string // ContentFingerprint as last written: sync skips unchanged records
	// WasPublished says the service was published at some time, so that
	// readers of the public change feed may hold it: only then does a
	// change that takes it out of their view (back to draft, archived)
	// reach them as a tombstone. A draft never published stays out of the
	// public feed altogether. Set on every write, never cleared; rows
	// older than the column count as published once.
	WasPublished bool `gorm:"column:was_published"`
	nameKey      nameKeyMemo
	prep         *servicePrep // by PrepareSyncBatch
}

// servicePrep is what PrepareSyncBatch checks and encodes of a new
// service's content beside the writes, so that the writer, which gives it
// its actor's id, redoes only what depends on that id (prepareService):
// Validate and ContentFingerprint took a quarter of the writer's work on a
// service of a first import (issue 11, item 6). The record must not change
// after (see PrepareSyncBatch) but for its actor id and, set by the writer,
// ReferralsClosed, which the tail is checked against.
type servicePrep struct {
	content         FieldErrors // validateContent's
	tail            []byte      // ContentFingerprint's encoding after ActorID
	referralsClosed bool        // as encoded in tail
}

// prepareContent fills s.prep, set to p (a new one when nil), its tail
// cut from a's chunks (a fresh slice when a is nil).
func (s *Service) prepareContent(p *servicePrep, a *prepArena) {
	if p == nil {
		p = new(servicePrep)
	}
	*p = servicePrep{referralsClosed: s.ReferralsClosed}
	s.validateContent(&p.content, nil) // a new service: nothing held
	e := getFingerprintEncoder()
	defer putFingerprintEncoder(e)
	e.open()
	e.str("ActorID", s.ActorID)
	head := len(e.b)
	s.encodeContent(e)
	p.tail = a.clone(e.b[head:])
	s.prep = p
}

// prepArena hands out copies of the prepared services' encodings from
// chunks of prepChunk bytes: a slice of its own each was 100,000
// allocations of a 100,000-place first import (issue 11, item 6). A chunk
// lives as long as one of its services' records.
type prepArena struct{ free []byte }

const prepChunk = 64 << 10

// clone copies b into the arena (a fresh slice when a is nil); the copy's
// capacity is its length, so that nothing appends into a neighbour.
func (a *prepArena) clone(b []byte) []byte {
	if a == nil || len(b) > prepChunk/4 {
		return slices.Clone(b)
	}
	if len(b) > cap(a.free)-len(a.free) {
		a.free = make([]byte, 0, prepChunk)
	}
	start := len(a.free)
	a.free = append(a.free, b...)
	return a.free[start:len(a.free):len(a.free)]
}

// validatePrepared is Validate, its content's part done by prepareContent.
func (s *Service) validatePrepared() error {
	if s.prep == nil {
		return s.Validate()
	}
	var fe FieldErrors
	s.validateActorID(&fe)
	fe = append(fe, s.prep.content...)
	return fe.Err("The service is invalid.")
}

// fingerprintPrepared is ContentFingerprint, its content's part encoded by
// prepareContent.
func (s *Service) fingerprintPrepared() string {
	if s.prep == nil || s.prep.referralsClosed != s.ReferralsClosed {
		return s.ContentFingerprint()
	}
	e := getFingerprintEncoder()
	defer putFingerprintEncoder(e)
	e.open()
	e.str("ActorID", s.ActorID)
	e.b = append(e.b, s.prep.tail...)
	return e.sum()
}

// IsArchived reports whether the service was deleted from the directory.
func (s *Service) IsArchived() bool { return s.ArchivedAt != nil }

// IsPublished reports whether anonymous readers may see the service.
func (s *Service) IsPublished() bool { return s.Status == vocab.ServicePublished }

// Normalize rewrites fields in canonical form; see Actor.Normalize.
func (s *Service) Normalize() {
	s.ActorID = NormalID(s.ActorID)
	s.Name = text(s.Name)
	s.Description = text(s.Description)
	s.Kind = normalizeVocabOne(vocab.NameServiceKinds, s.Kind)
	s.Themes = normalizeVocab(vocab.NameThemes, s.Themes)
	s.Publics = normalizeVocab(vocab.NamePublics, s.Publics)
	s.SpecificSupport = normalizeVocab(vocab.NameSpecificSupport, s.SpecificSupport)
	s.Fees = normalizeVocab(vocab.NameFees, s.Fees)
	s.FeesDetails = text(s.FeesDetails)
	s.AccessModes = normalizeVocab(vocab.NameAccessModes, s.AccessModes)
	s.AccompanimentModes = normalizeVocab(vocab.NameAccompanimentModes, s.AccompanimentModes)
	s.Address.normalize()
	if !s.Address.IsZero() {
		s.Address.applyResolution(resolvePlace(s.Address, s.Latitude, s.Longitude))
	} else {
		// The own coordinates locate the own address: without it the
		// service is at its actor's place, for search, départements and
		// HSDS alike (a PATCH clearing the address clears its point).
		s.Latitude, s.Longitude = nil, nil
	}
	s.OpeningHours = normalizeHours(s.OpeningHours)
	s.Languages = normalizeVocab(vocab.NameLanguages, s.Languages)
	s.BookingURL = normalizeURL(s.BookingURL)
	if s.Status == "" {
		s.Status = vocab.ServicePublished
	}
	s.Status = normalizeVocabOne(vocab.NameServiceStatus, s.Status)
	s.Source = strings.ToLower(strings.TrimSpace(s.Source))
	s.SourceID = NormalizeSourceID(s.SourceID)
}

// PointWithoutAddress adds the field errors of coordinates sent for a
// service without its own address: they would locate nothing (Normalize
// drops them), so a client writing them is told rather than silently
// ignored, with whatever else is wrong with them.
func PointWithoutAddress(fe *FieldErrors, lat, lon *float64) {
	checkCoordinates(fe, lat, lon)
	fe.Add("latitude", "locates the service's own address: send an address with it, or neither (the service is then at its actor's place)")
}

// Validate checks the service's own invariants, as a new record; the Store
// checks that its actor exists and is not archived.
func (s *Service) Validate() error { return s.validateChange(nil) }

// validateChange is Validate of a write leaving before (nil on creation) as
// s (see Actor.validateChange).
func (s *Service) validateChange(before *Service) error {
	var held *heldNames
	if before != nil {
		held = &heldNames{Source: before.Source, Name: before.Name}
	}
	var fe FieldErrors
	s.validateActorID(&fe)
	s.validateContent(&fe, held)
	return fe.Err("The service is invalid.")
}

// validateActorID adds to fe what Validate finds wrong with the actor id.
func (s *Service) validateActorID(fe *FieldErrors) {
	if !ValidID(s.ActorID) {
		fe.Add("actor_id", "must be the id (a UUID) of an actor")
	}
}

// validateContent adds to fe what validateChange finds wrong but the actor
// id; held is what the service held before the write (nil on creation).
func (s *Service) validateContent(fe *FieldErrors, held *heldNames) {
	checkName(fe, "name", s.Name, maxName)
	held.checkNewName(fe, s.Name)
	checkLen(fe, "description", s.Description, maxLongText)
	checkVocabOne(fe, "kind", vocab.NameServiceKinds, s.Kind)
	if len(s.Themes) == 0 {
		fe.Add("themes", "at least one theme is required: it is how people find the service")
	}
	checkVocab(fe, "themes", vocab.NameThemes, s.Themes)
	checkVocab(fe, "publics", vocab.NamePublics, s.Publics)
	checkVocab(fe, "specific_support", vocab.NameSpecificSupport, s.SpecificSupport)
	checkVocab(fe, "fees", vocab.NameFees, s.Fees)
	checkLen(fe, "fees_details", s.FeesDetails, maxShortText)
	checkVocab(fe, "access_modes", vocab.NameAccessModes, s.AccessModes)
	checkVocab(fe, "accompaniment_modes", vocab.NameAccompanimentModes, s.AccompanimentModes)
	if !s.OnSite && !s.Remote {
		fe.Add("on_site", "a service is given on site, remotely, or both: set on_site or remote")
	}
	if !s.Address.IsZero() {
		s.Address.validate(fe, "address", false)
	}
	checkCoordinates(fe, s.Latitude, s.Longitude)
	checkOpeningHours(fe, "opening_hours", s.OpeningHours)
	checkVocab(fe, "languages", vocab.NameLanguages, s.Languages)
	if s.Capacity != nil && (*s.Capacity < 1 || *s.Capacity > 100000) {
		fe.Add("capacity", "must be between 1 and 100000 people")
	}
	checkURL(fe, "booking_url", s.BookingURL)
	checkVocabOne(fe, "status", vocab.NameServiceStatus, s.Status)
	checkSource(fe, s.Source, s.SourceID, held)
}

// AskReferrals marks a new service whose writer sent accepts_referrals
// true, which only those who may open it to referrals may do
// (closedUnlessDecided): a service omitting it starts closed for them.
func (sv *Service) AskReferrals() { sv.referralsAsked = !sv.ReferralsClosed }
