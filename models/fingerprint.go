package models

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strconv"
	"sync"

	"carnet/models/jsonenc"
)

// ContentFingerprint is a SHA-256 of the actor's writable content, as
// Normalize leaves it: what a client or a partner can set, nothing the store
// derives (departement, pivot_kind) or keeps for itself (id, times, version).
// Two records with the same fingerprint say the same thing, so a re-sync
// that brings the same content leaves the row untouched.
//
// The encoding is the JSON that encoding/json gives a struct of these fields
// in this order (field names as keys, HTML escaped, nil lists and pointers
// as null): stable across runs and Go versions, and a new field changes
// every fingerprint once, which only costs one rewrite per record on the
// next sync. It is written here without encoding/json's reflection (an
// import fingerprints two records a place, and json.Marshal was 2 % of its
// CPU and 4 % of its bytes allocated, issue 11 item 6);
// TestFingerprintAsEncodingJSON holds it to json.Marshal of that struct,
// byte for byte, since a changed encoding would rewrite every record of
// every source on its next sync.
func (a *Actor) ContentFingerprint() string {
	e := getFingerprintEncoder()
	defer putFingerprintEncoder(e)
	e.open()
	e.str("Name", a.Name)
	e.str("Pivot", a.Pivot)
	e.list("Typologies", a.Typologies)
	e.strPtr("ParentID", a.ParentID)
	e.str("Summary", a.Summary)
	e.str("Description", a.Description)
	e.address(a.Address)
	e.float("Latitude", a.Latitude)
	e.float("Longitude", a.Longitude)
	e.list("Phones", a.Phones)
	e.list("Emails", a.Emails)
	e.list("Websites", a.Websites)
	e.boolean("ContactPublic", a.ContactPublic)
	e.str("OpeningHours", a.OpeningHours)
	e.list("Mobility", a.Mobility)
	e.str("AcceslibreURL", a.AcceslibreURL)
	e.str("BookingURL", a.BookingURL)
	e.list("NationalProgrammes", a.NationalProgrammes)
	e.list("TrainingLabels", a.TrainingLabels)
	e.str("OtherLabels", a.OtherLabels)
	e.str("Source", a.Source)
	e.str("SourceID", a.SourceID)
	e.str("Status", a.Status)
	e.str("ClosedFrom", a.ClosedFrom)
	e.str("ClosedUntil", a.ClosedUntil)
	e.str("ClosureReason", a.ClosureReason)
	e.str("Producer", a.Producer)
	e.str("ProducerUpdatedOn", a.ProducerUpdatedOn)
	return e.sum()
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
	e := getFingerprintEncoder()
	defer putFingerprintEncoder(e)
	e.open()
	e.str("ActorID", s.ActorID)
	s.encodeContent(e)
	return e.sum()
}

// encodeContent writes the fields of ContentFingerprint after ActorID.
func (s *Service) encodeContent(e *fingerprintEncoder) {
	e.str("Name", s.Name)
	e.str("Description", s.Description)
	e.str("Kind", s.Kind)
	e.list("Themes", s.Themes)
	e.list("Publics", s.Publics)
	e.list("SpecificSupport", s.SpecificSupport)
	e.list("Fees", s.Fees)
	e.str("FeesDetails", s.FeesDetails)
	e.boolean("PassNumerique", s.PassNumerique)
	e.list("AccessModes", s.AccessModes)
	e.list("AccompanimentModes", s.AccompanimentModes)
	e.boolean("OnSite", s.OnSite)
	e.boolean("Remote", s.Remote)
	e.address(s.Address)
	e.float("Latitude", s.Latitude)
	e.float("Longitude", s.Longitude)
	e.str("OpeningHours", s.OpeningHours)
	e.list("Languages", s.Languages)
	e.intPtr("Capacity", s.Capacity)
	e.boolean("IsFull", s.IsFull)
	e.str("BookingURL", s.BookingURL)
	e.str("Status", s.Status)
	e.str("Source", s.Source)
	e.str("SourceID", s.SourceID)
	// Whether it takes referrals: a sync that changed only that was
	// reported unchanged and dropped (sec16). Left out when false (as
	// json's omitempty did), so that the services open to referrals keep
	// their fingerprint and no partner's next sync rewrites them all.
	if s.ReferralsClosed {
		e.boolean("ReferralsClosed", true)
	}
}

// fingerprintEncoder writes the fingerprinted struct's JSON as
// json.Marshal does: {"Field":value,…} in declaration order.
type fingerprintEncoder struct{ b []byte }

var fingerprintEncoders = sync.Pool{New: func() any { return &fingerprintEncoder{b: make([]byte, 0, 2048)} }}

func getFingerprintEncoder() *fingerprintEncoder {
	return fingerprintEncoders.Get().(*fingerprintEncoder)
}

func putFingerprintEncoder(e *fingerprintEncoder) {
	if cap(e.b) <= 64<<10 { // a record with huge texts does not pin its buffer
		fingerprintEncoders.Put(e)
	}
}

func (e *fingerprintEncoder) open() { e.b = append(e.b[:0], '{') }

// key writes "name": (names are Go identifiers: nothing to escape).
func (e *fingerprintEncoder) key(name string) {
	if len(e.b) > 1 {
		e.b = append(e.b, ',')
	}
	e.b = append(e.b, '"')
	e.b = append(e.b, name...)
	e.b = append(e.b, '"', ':')
}

func (e *fingerprintEncoder) str(name, v string) {
	e.key(name)
	e.b = jsonenc.AppendString(e.b, v, true)
}

func (e *fingerprintEncoder) strPtr(name string, v *string) {
	e.key(name)
	if v == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = jsonenc.AppendString(e.b, *v, true)
}

func (e *fingerprintEncoder) list(name string, l StringList) {
	e.key(name)
	if l == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = jsonenc.AppendStrings(e.b, l, true)
}

func (e *fingerprintEncoder) boolean(name string, v bool) {
	e.key(name)
	e.b = strconv.AppendBool(e.b, v)
}

func (e *fingerprintEncoder) intPtr(name string, v *int) {
	e.key(name)
	if v == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = strconv.AppendInt(e.b, int64(*v), 10)
}

// float writes a float64 as encoding/json does: shortest 'f' form, 'e' form
// below 1e-6 and from 1e21 with a one-digit negative exponent unpadded.
// Infinities and NaN have no JSON: json.Marshal failed on them, and the
// fingerprint panicked; so does this.
func (e *fingerprintEncoder) float(name string, v *float64) {
	e.key(name)
	if v == nil {
		e.b = append(e.b, "null"...)
		return
	}
	f := *v
	if math.IsInf(f, 0) || math.IsNaN(f) {
		panic("fingerprint: unsupported float value " + strconv.FormatFloat(f, 'g', -1, 64))
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	e.b = strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		if n := len(e.b); n >= 4 && e.b[n-4] == 'e' && e.b[n-3] == '-' && e.b[n-2] == '0' {
			e.b[n-2] = e.b[n-1]
			e.b = e.b[:n-1]
		}
	}
}

func (e *fingerprintEncoder) address(a Address) {
	e.key("Address")
	e.b = append(e.b, `{"Street":`...)
	e.b = jsonenc.AppendString(e.b, a.Street, true)
	e.b = append(e.b, `,"Complement":`...)
	e.b = jsonenc.AppendString(e.b, a.Complement, true)
	e.b = append(e.b, `,"PostalCode":`...)
	e.b = jsonenc.AppendString(e.b, a.PostalCode, true)
	e.b = append(e.b, `,"Commune":`...)
	e.b = jsonenc.AppendString(e.b, a.Commune, true)
	e.b = append(e.b, `,"InseeCode":`...)
	e.b = jsonenc.AppendString(e.b, a.InseeCode, true)
	e.b = append(e.b, '}')
}

// sum closes the object and returns the first 16 bytes of its SHA-256 in hex.
func (e *fingerprintEncoder) sum() string {
	e.b = append(e.b, '}')
	sum := sha256.Sum256(e.b)
	return hex.EncodeToString(sum[:16])
}
