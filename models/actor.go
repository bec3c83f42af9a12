package models

import (
	"strings"
	"time"
	"unicode/utf8"

	"carnet/models/commune"
	"carnet/models/contact"
	"carnet/models/ident"
	"carnet/models/vocab"
)

// Actor is a structure at a place: the national standard's « lieu ». A
// network (a library network, a federation) is an actor too, and its
// members point to it through ParentID.
type Actor struct {
	ID   string `gorm:"primaryKey"`
	Name string
	// NameKey is Name folded for sort=name (see NameKey); set by every
	// write, never by hand.
	NameKey            string
	PivotKind          string // ident.Kind: siret, siren, rna, ridet or unknown
	Pivot              string // "" when unknown (the standard's 00000000000000)
	Typologies         StringList
	ParentID           *string
	Summary            string  // presentation_resume
	Description        string  // presentation_detail
	Address            Address `gorm:"embedded"`
	Departement        string  // derived from the address, for territorial filters
	Latitude           *float64
	Longitude          *float64
	Phones             StringList // E.164
	Emails             StringList
	Websites           StringList
	ContactPublic      bool   // phones and e-mails may go into open-data exports
	OpeningHours       string // OSM opening_hours, as written by the structure
	Mobility           StringList
	AcceslibreURL      string `gorm:"column:acceslibre_url"`
	BookingURL         string `gorm:"column:booking_url"`
	NationalProgrammes StringList
	TrainingLabels     StringList
	OtherLabels        string
	Source             string
	SourceID           string
	// Producer is who produced the record: the national standard's
	// « source » column (dora, conseiller-numerique…) or the partner that
	// syncs it. ProducerUpdatedOn is the producer's own date of the record
	// (date_maj, YYYY-MM-DD) as it sent it.
	Producer          string
	ProducerUpdatedOn string
	// CheckedOn is the day the record was last known correct: the
	// producer's date on a sync, the day of the change when a person
	// writes it or one of its services. Set by the store.
	CheckedOn string
	// CheckedOnUndated says that CheckedOn is only the day a sync or an
	// import stored the record: its producer gave no date of its own (or a
	// placeholder, see opendata's producer dates). Exports still write
	// that day (the standard requires a date), but nobody is known to
	// have checked the place then: it does not count as fresh (QualityOf).
	// A person's change, or a producer's date, clears it.
	CheckedOnUndated bool
	// Quality is the quality score without its freshness part, and
	// QualityMissing the criteria it misses (see Quality); set by the
	// store on every write of the actor or of one of its services.
	Quality        float64
	QualityMissing StringList
	// SourceHash identifies the row of a file an import made this record
	// and its services from (see opendata.Import); "" once anything else
	// wrote them.
	SourceHash string
	storedHash string // the hash stored before a sync batch, for keepSourceHashes
	nameKey    nameKeyMemo
	// absent are the fields the record's file has no column for (see
	// Fields, SetAbsent): a sync batch keeps their stored values.
	absent Fields
	// keptSince is, in a sync or import row, the latest day of a person's
	// change that carnetCheck kept against the row: checked_on does not
	// go back before it (saveActor).
	keptSince string
	// futureDate is the date_maj of an import's row that was after
	// today, read as no date (SetFutureDate): no current check, so the
	// row keeps the stored producer's date and is not newer than a
	// person's change (carnetCheck).
	futureDate string
	// unreadDate says the row gave a date_maj that is no date (see
	// SetUnreadDate).
	unreadDate bool
	// keyWarns says that PrepareSyncBatch read SourceID as another string
	// than the one sent (see NormalizeSourceID).
	keyWarns []FieldError
	// Set by PrepareSyncBatch: the record is normalised, placeWarns holds
	// what ReconcileActorPlace corrected (and the hours normalizeHours
	// merged), and its validation and content
	// fingerprint are done (preInvalid, preFingerprint), beside the writes
	// rather than while holding the writer.
	prepared       bool
	placeWarns     []FieldError
	preInvalid     error
	preFingerprint string
	// Set by NormalizeChecked: normalised and valid; PrepareSyncBatch then
	// normalises and validates again only what reconciling its place
	// changes.
	checked bool
	// Set by NormalizeChecked: its reading of the place, which
	// PrepareSyncBatch reuses (see placeRead).
	placeRead     placeRead
	Status        string
	ClosedFrom    string // YYYY-MM-DD
	ClosedUntil   string // YYYY-MM-DD
	ClosureReason string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	ArchivedAt    *time.Time
	Version       int64
	// PublicVersion and PublicUpdatedAt are the version and time of the
	// last change a caller who may not see the actor's phones and e-mails
	// could see: a change of hidden contacts alone (PrivateOnly) leaves
	// them, so that the public representation, its ETag, the public change
	// feed and updated_since never tell that a hidden contact changed.
	// They equal Version and UpdatedAt while the contacts are public.
	PublicVersion   int64
	PublicUpdatedAt time.Time
	Fingerprint     string // ContentFingerprint as last written: sync skips unchanged records
}

// Who an actor's CheckedOn comes from (Actor.CheckedBy).
const (
	CheckedByProducer = "producer"
	CheckedByCarnet   = "carnet"
)

// CheckedBy says who CheckedOn comes from: CheckedByProducer when it is the
// producer's date (a sync or an import), CheckedByCarnet when it is the day
// someone changed the record or one of its published services in Carnet,
// "" when nobody is known to have checked it (CheckedOnUndated). A change
// in Carnet on the producer's own day reads as the producer's: the day is
// the same either way.
func (a *Actor) CheckedBy() string {
	switch {
	case a.CheckedOnUndated || a.CheckedOn == "":
		return ""
	case a.ProducerUpdatedOn != "" && a.CheckedOn == a.ProducerUpdatedOn:
		return CheckedByProducer
	}
	return CheckedByCarnet
}

// PrivateOnly reports whether the change from before to after moved
// nothing but phones and e-mails that were and stay private: nothing a
// caller who may not see them is shown (the quality score counts public
// contacts only, and checked_on is kept for such a change).
func PrivateOnly(before, after *Actor) bool {
	if before == nil || before.ContactPublic || after.ContactPublic {
		return false
	}
	changes := diffFields(before, after)
	if len(changes) == 0 {
		return false // a save that changes nothing confirms the record: checked_on moves, publicly
	}
	for _, c := range changes {
		if c.Field != "phones" && c.Field != "emails" {
			return false
		}
	}
	return true
}

// IsArchived reports whether the actor was deleted from the directory.
func (a *Actor) IsArchived() bool { return a.ArchivedAt != nil }

// Normalize rewrites every field in its canonical form: trimmed text, the
// standard's exact vocabulary strings, E.164 phones, https URLs. It never
// fails; Validate reports what Normalize could not fix.
func (a *Actor) Normalize() { a.normalize(commune.Resolve) }

// normalize is Normalize, returning its reading of the place, resolved by
// resolve (commune.Resolve or ResolveOnce).
func (a *Actor) normalize(resolve func(commune.Address) commune.Resolution) placeRead {
	a.Name = text(a.Name)
	a.Pivot = strings.TrimSpace(a.Pivot)
	if p, err := ident.ParsePivot(a.Pivot); err == nil {
		a.Pivot, a.PivotKind = p.Value, string(p.Kind)
	} else {
		a.PivotKind = ""
	}
	if a.Pivot == "" {
		a.PivotKind = string(ident.KindUnknown)
	}
	a.Typologies = normalizeVocab(vocab.NameTypologies, a.Typologies)
	if a.ParentID != nil {
		id := NormalID(*a.ParentID)
		a.ParentID = &id
		if id == "" {
			a.ParentID = nil
		}
	}
	a.Summary = text(a.Summary)
	a.Description = text(a.Description)
	place := a.normalizePlaceBy(resolve)
	a.Emails = normalizeList(a.Emails, contact.NormalizeEmail)
	a.Websites = normalizeList(a.Websites, contact.NormalizeURL)
	a.OpeningHours = normalizeHours(a.OpeningHours)
	a.Mobility = normalizeVocab(vocab.NameMobility, a.Mobility)
	a.AcceslibreURL = normalizeURL(a.AcceslibreURL)
	a.BookingURL = normalizeURL(a.BookingURL)
	a.NationalProgrammes = normalizeVocab(vocab.NameNationalProgrammes, a.NationalProgrammes)
	a.TrainingLabels = normalizeVocab(vocab.NameTrainingLabels, a.TrainingLabels)
	a.OtherLabels = text(a.OtherLabels)
	a.Source = strings.ToLower(strings.TrimSpace(a.Source))
	a.SourceID = NormalizeSourceID(a.SourceID)
	a.Producer = strings.TrimSpace(a.Producer)
	if a.Producer == "" {
		// A partner that names no other producer produced the record.
		a.Producer = a.Source
	}
	a.ProducerUpdatedOn = strings.TrimSpace(a.ProducerUpdatedOn)
	if a.Status == "" {
		a.Status = vocab.ActorActive
	}
	a.Status = normalizeVocabOne(vocab.NameActorStatus, a.Status)
	a.ClosedFrom = strings.TrimSpace(a.ClosedFrom)
	a.ClosedUntil = strings.TrimSpace(a.ClosedUntil)
	a.ClosureReason = text(a.ClosureReason)
	// Reopening a place clears its closure: asking clients to null three
	// fields by hand would leave stale closures behind. Only a closure that
	// is one (it has a closed_from) and is well formed: clearing a date that
	// is none or a reason too long answered 200 with the input gone, and
	// closed_until or closure_reason without closed_from close nothing. Such
	// values stay for Validate to refuse.
	if a.Status == vocab.ActorActive && a.ClosedFrom != "" && closureWellFormed(a) {
		a.ClosedFrom, a.ClosedUntil, a.ClosureReason = "", "", ""
	}
	return place
}

// normalizePlace is the part of Normalize that reads the address and the
// coordinates: the address, its commune as resolved, the département, and
// the phones (read against the postal code: an overseas number).
func (a *Actor) normalizePlace() placeRead { return a.normalizePlaceBy(commune.Resolve) }

// normalizePlaceBy is normalizePlace with commune.Resolve or ResolveOnce.
func (a *Actor) normalizePlaceBy(resolve func(commune.Address) commune.Resolution) placeRead {
	a.Address.normalize()
	place := resolvePlaceBy(resolve, a.Address, a.Latitude, a.Longitude)
	read := readPlace(a.Address, a.Latitude, a.Longitude, place)
	a.applyPlace(place)
	return read
}

// renormalizePlace is normalizePlace after ReconcileActorPlace, whose
// warnings said why the address was corrected: the corrected address is
// resolved again only for the commune it stores and the département, not
// for reasons nobody reads (commune.ResolveCommune). When reconciling only
// warned, leaving the address and the point as NormalizeChecked read them
// (a doubt on the coordinates kept, a commune the reference cannot tell),
// the resolution read then is applied instead: Resolve is a pure function
// of the address, and ResolveCommune differs from it only in the reasons,
// which applyPlace does not read (issue 11, item 6;
// TestRenormalizePlaceAsBefore).
func (a *Actor) renormalizePlace() {
	a.Address.normalize()
	r, same := a.placeRead.of(a.Address, a.Latitude, a.Longitude)
	if !same {
		r = resolvePlaceBy(commune.ResolveCommune, a.Address, a.Latitude, a.Longitude)
	}
	a.applyPlace(r)
}

// applyPlace stores what the resolution of the address says: the commune,
// the département, and the phones read against the postal code.
func (a *Actor) applyPlace(place commune.Resolution) {
	a.Address.applyResolution(place)
	a.Departement = departementOf(a.Address, place)
	a.Phones = normalizeList(a.Phones, phoneNormalizer(a.Address.PostalCode))
}

// NormalizeChecked normalises the record and validates it, as Normalize
// then Validate do, and remembers a valid record as checked: PrepareSyncBatch
// then reconciles its place and normalises and validates again only what
// reads the place (normalizePlace, validatePlace), since nothing else
// changed. An import reads, normalises and checks each row to report it,
// then prepares it for the writer: the second full pass was 4 % of a first
// import's CPU (issue 11, item 6). A record changed after NormalizeChecked
// must be normalised again before it is prepared.
func (a *Actor) NormalizeChecked() error {
	resolve := commune.Resolve
	if a.Latitude != nil && a.Longitude != nil {
		// A point is a place's own: no other row's address is the same
		// key of the commune memo, and this row's later readings take the
		// resolution from placeRead, or resolve a corrected address. An
		// address without a point is one commune's, which the memo shares
		// between the file's rows.
		resolve = commune.ResolveOnce
	}
	place := a.normalize(resolve)
	err := a.Validate()
	a.checked, a.placeRead = err == nil, placeRead{}
	if a.checked {
		a.placeRead = place
	}
	return err
}

// validate normalises (unless PrepareSyncBatch did) and validates a new
// record; a prepared record's validation was done then.
func (a *Actor) validate() error {
	if a.prepared {
		return a.preInvalid
	}
	a.Normalize()
	return a.Validate()
}

// Validate checks the invariants that need nothing but the actor itself,
// as a new record. Rules that need the database (the parent exists, the
// source key is free) are checked by the Store inside its transaction.
func (a *Actor) Validate() error { return a.validateChange(nil) }

// held is what the names a write may not set were before it (heldNames);
// nil for no record.
func (a *Actor) held() *heldNames {
	if a == nil {
		return nil
	}
	return &heldNames{Source: a.Source, Producer: a.Producer, Name: a.Name}
}

// validateChange is Validate of a write leaving before (nil on creation)
// as a: a value only a write may not set is accepted where before held it.
func (a *Actor) validateChange(before *Actor) error {
	held := before.held()
	var fe FieldErrors
	checkName(&fe, "name", a.Name, maxName)
	held.checkNewName(&fe, a.Name)
	if _, err := ident.ParsePivot(a.Pivot); err != nil {
		fe.Add("pivot", err.Error())
	}
	checkVocab(&fe, "typologies", vocab.NameTypologies, a.Typologies)
	if a.ParentID != nil {
		if !ValidID(*a.ParentID) {
			fe.Add("parent_id", "must be the id (a UUID) of another actor")
		} else if *a.ParentID == a.ID {
			fe.Add("parent_id", "an actor cannot be its own parent")
		}
	}
	checkLen(&fe, "summary", a.Summary, maxSummary)
	checkLen(&fe, "description", a.Description, maxLongText)
	a.validatePlace(&fe)
	checkList(&fe, "emails", a.Emails, contact.NormalizeEmail)
	checkList(&fe, "websites", a.Websites, contact.NormalizeURL)
	checkOpeningHours(&fe, "opening_hours", a.OpeningHours)
	checkVocab(&fe, "mobility", vocab.NameMobility, a.Mobility)
	checkURL(&fe, "acceslibre_url", a.AcceslibreURL)
	checkURL(&fe, "booking_url", a.BookingURL)
	checkVocab(&fe, "national_programmes", vocab.NameNationalProgrammes, a.NationalProgrammes)
	checkVocab(&fe, "training_labels", vocab.NameTrainingLabels, a.TrainingLabels)
	checkLen(&fe, "other_labels", a.OtherLabels, maxShortText)
	checkSource(&fe, a.Source, a.SourceID, held)
	checkProducer(&fe, a.Producer, a.Source, held)
	checkDate(&fe, "producer_updated_on", a.ProducerUpdatedOn)
	checkVocabOne(&fe, "status", vocab.NameActorStatus, a.Status)
	from, hasFrom := checkClosureDate(&fe, "closed_from", a.ClosedFrom)
	until, hasUntil := checkClosureDate(&fe, "closed_until", a.ClosedUntil)
	checkLen(&fe, "closure_reason", a.ClosureReason, maxShortText)
	switch a.Status {
	case vocab.ActorTemporarilyClosed:
		if a.ClosedFrom == "" {
			fe.Add("closed_from", "is required when status is temporarily_closed")
		}
		if hasFrom && hasUntil && until.Before(from) {
			fe.Add("closed_until", "must not be before closed_from")
		}
	case vocab.ActorActive:
		// Normalize cleared a well-formed closure that began (a reopening);
		// what is left without closed_from would be dropped in silence.
		if a.ClosedFrom == "" {
			if hasUntil {
				fe.Add("closed_until", "needs closed_from: send closed_from (the first day of the closure, YYYY-MM-DD) with status temporarily_closed, or leave closed_until out")
			}
			if a.ClosureReason != "" && utf8.RuneCountInString(a.ClosureReason) <= maxShortText {
				fe.Add("closure_reason", "needs closed_from: send closed_from (the first day of the closure, YYYY-MM-DD) with status temporarily_closed, or leave closure_reason out")
			}
		}
	case vocab.ActorClosed:
		if a.ClosedUntil != "" {
			fe.Add("closed_until", "a permanently closed place has no reopening date; use status temporarily_closed")
		}
	}
	return fe.Err("The actor is invalid.")
}

// validatePlace is the part of Validate that reads the address and the
// coordinates (see normalizePlace).
func (a *Actor) validatePlace(fe *FieldErrors) {
	a.Address.validate(fe, "address", true)
	checkCoordinates(fe, a.Latitude, a.Longitude)
	checkList(fe, "phones", a.Phones, phoneNormalizer(a.Address.PostalCode))
}
