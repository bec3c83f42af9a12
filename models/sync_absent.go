package models

import (
	"context"
	"slices"
	"strings"

	"carnet/models/commune"
)

// Fields is a set of the content fields of an actor or of its offer that a
// record of a sync batch may leave unsaid: an import's file that has no
// column for them at all (not an empty cell: no column). The producer said
// nothing of those fields, so on a stored record the batch updates they
// keep their stored values, where writing the record as sent cleared them
// (a partner's next file without « horaires » emptied the hours of every
// place the first file gave them). A record the batch creates has them as
// sent. See Actor.SetAbsent and SyncService.Absent.
type Fields uint64

// The fields of an actor a record may leave unsaid.
const (
	FieldPivot Fields = 1 << iota
	FieldAddressComplement
	// Latitude and longitude, kept only while the address is the stored
	// one (see keepActorFields).
	FieldCoordinates
	FieldTypologies
	FieldPhones
	FieldEmails
	FieldWebsites
	FieldOpeningHours
	FieldSummary
	FieldDescription
	FieldMobility
	FieldNationalProgrammes
	FieldTrainingLabels
	FieldOtherLabels
	FieldAcceslibreURL
	FieldBookingURL
	// The fields of a place's offer (a service).
	FieldThemes
	FieldPublics
	FieldSpecificSupport
	FieldFees
	FieldPassNumerique
	// The accompaniment modes, with the kind and the on-site and remote
	// flags an import derives from them.
	FieldAccompanimentModes
	FieldAccessModes
	// The producer's date of the record (the standard's date_maj: the day
	// the producer last checked it). Kept, an update without it does not
	// make a place checked on the day of the import, nor clear the date
	// its producer gave.
	FieldProducerDate
	// The fields of a service record of a sync batch (ServiceKeys) that
	// are not those of a place's offer above: an import's row names them
	// for its actor (its description, hours, booking link, coordinates),
	// or has no column for them, and they keep their stored values on its
	// offer anyway (Omitted.Offer).
	FieldServiceDescription
	FieldFeesDetails
	FieldServiceHours
	FieldLanguages
	FieldServiceBookingURL
	// The service's own address, kept with its coordinates (which locate
	// it).
	FieldServiceAddress
	// The service's coordinates, kept only while its address is the
	// stored one.
	FieldServiceCoordinates
	// on_site and remote (both left out).
	FieldPlacement
	// The accompaniment modes alone: a sync record sends the kind, and
	// on_site and remote, as keys of their own (FieldAccompanimentModes
	// keeps those an import derives from the modes).
	FieldAccompanimentList
)

// SetAbsent says which of the record's fields its sender has no value for
// (see Fields); only a sync batch reads it.
func (a *Actor) SetAbsent(f Fields) { a.absent = f }

// SetFutureDate says that the record's producer's date, d, was after
// today and was read as none: a sync batch keeps the stored date of a
// record it updates, and does not take the record as newer than a
// person's change (see carnetCheck).
func (a *Actor) SetFutureDate(d string) { a.futureDate = d }

// FutureDate is the date SetFutureDate gave, "" for none.
func (a *Actor) FutureDate() string { return a.futureDate }

// SetUnreadDate says that the record's producer's date was given but is
// no date (« inconnu », « 2023-13-45 »): it was read as none, and a sync
// batch keeps the stored date of a record it updates, as for a record
// without the field, rather than remove it as an empty date does.
func (a *Actor) SetUnreadDate() { a.unreadDate = true }

// keeping gives a record's fields absent from it their stored values, one
// by one, for keepActorFields and keepServiceFields; kept names those whose
// stored value differed from the record's.
type keeping struct{ absent, kept Fields }

func (k *keeping) str(field Fields, to *string, from string) {
	if k.absent&field != 0 {
		if from != "" && from != *to {
			k.kept |= field
		}
		*to = from
	}
}

func (k *keeping) list(field Fields, to *StringList, from StringList) {
	if k.absent&field != 0 {
		if len(from) > 0 && !slices.Equal(*to, from) {
			k.kept |= field
		}
		*to = from
	}
}

// keepActorFields gives a, a record of a batch updating before, the stored
// values of the fields it leaves unsaid. kept names those whose stored
// value was kept where the record had another (empty, mostly): what the
// import's report tells the partner. warns says what was not kept.
func keepActorFields(a, before *Actor) (kept Fields, warns []FieldError) {
	f := a.absent
	k := keeping{absent: f}
	str, list := k.str, k.list
	if f&FieldPivot != 0 {
		str(FieldPivot, &a.Pivot, before.Pivot)
		a.PivotKind = before.PivotKind
	}
	str(FieldAddressComplement, &a.Address.Complement, before.Address.Complement)
	if f&FieldCoordinates != 0 && (before.Latitude != nil || before.Longitude != nil) {
		// Coordinates are the address's: kept for a place at its stored
		// address, not for one that moved, which they would put where it
		// no longer is (on every map, and first in searches around its
		// former street).
		if sameAddress(&a.Address, &before.Address) {
			// Kept, and said, even when the record carries them already:
			// an import reads the address of a row without coordinates
			// with the stored ones when its cells are those imported
			// (opendata's storedAddress), the file still giving none.
			kept |= FieldCoordinates
			a.Latitude, a.Longitude = before.Latitude, before.Longitude
		} else if a.Latitude == nil && a.Longitude == nil {
			warns = append(warns, FieldError{Field: "latitude", Reason: "no coordinates were given (no column in the file, or none in the record) and the place's address changed: the stored coordinates, of its former address, were dropped"})
		}
	}
	list(FieldTypologies, &a.Typologies, before.Typologies)
	list(FieldPhones, &a.Phones, before.Phones)
	list(FieldEmails, &a.Emails, before.Emails)
	list(FieldWebsites, &a.Websites, before.Websites)
	str(FieldOpeningHours, &a.OpeningHours, before.OpeningHours)
	str(FieldSummary, &a.Summary, before.Summary)
	str(FieldDescription, &a.Description, before.Description)
	list(FieldMobility, &a.Mobility, before.Mobility)
	list(FieldNationalProgrammes, &a.NationalProgrammes, before.NationalProgrammes)
	list(FieldTrainingLabels, &a.TrainingLabels, before.TrainingLabels)
	str(FieldOtherLabels, &a.OtherLabels, before.OtherLabels)
	str(FieldAcceslibreURL, &a.AcceslibreURL, before.AcceslibreURL)
	str(FieldBookingURL, &a.BookingURL, before.BookingURL)
	if f&FieldProducerDate != 0 {
		// Kept whenever one is stored: the record read has none (the
		// report names the places that kept theirs, and those that have
		// none).
		if before.ProducerUpdatedOn != "" {
			kept |= FieldProducerDate
		}
		a.ProducerUpdatedOn = before.ProducerUpdatedOn
	}
	return kept | k.kept, warns
}

// keptUnchanged is what a record found identical to the stored one kept
// of the fields it leaves unsaid: coordinates it carries though its file
// has none are the stored ones, with which an import read its address
// (StoredPlaces).
func keptUnchanged(a *Actor) Fields {
	if a.absent&FieldCoordinates != 0 && a.Latitude != nil && a.Longitude != nil {
		return FieldCoordinates
	}
	return 0
}

// keepServiceFields is keepActorFields for a service: sv, updating
// before, takes the stored values of the fields in f.
func keepServiceFields(sv, before *Service, f Fields) (kept Fields, warns []FieldError) {
	k := keeping{absent: f}
	str, list := k.str, k.list
	list(FieldThemes, &sv.Themes, before.Themes)
	list(FieldPublics, &sv.Publics, before.Publics)
	list(FieldSpecificSupport, &sv.SpecificSupport, before.SpecificSupport)
	list(FieldFees, &sv.Fees, before.Fees)
	list(FieldAccessModes, &sv.AccessModes, before.AccessModes)
	if f&FieldPassNumerique != 0 {
		if before.PassNumerique && !sv.PassNumerique {
			kept |= FieldPassNumerique
		}
		sv.PassNumerique = before.PassNumerique
	}
	if f&FieldAccompanimentModes != 0 {
		list(FieldAccompanimentModes, &sv.AccompanimentModes, before.AccompanimentModes)
		sv.Kind, sv.OnSite, sv.Remote = before.Kind, before.OnSite, before.Remote
	}
	list(FieldAccompanimentList, &sv.AccompanimentModes, before.AccompanimentModes)
	if f&FieldPlacement != 0 {
		if sv.OnSite != before.OnSite || sv.Remote != before.Remote {
			kept |= FieldPlacement
		}
		sv.OnSite, sv.Remote = before.OnSite, before.Remote
	}
	str(FieldServiceDescription, &sv.Description, before.Description)
	str(FieldFeesDetails, &sv.FeesDetails, before.FeesDetails)
	str(FieldServiceHours, &sv.OpeningHours, before.OpeningHours)
	list(FieldLanguages, &sv.Languages, before.Languages)
	str(FieldServiceBookingURL, &sv.BookingURL, before.BookingURL)
	switch {
	case f&FieldServiceAddress != 0:
		// Its coordinates go with it: they locate it. Coordinates sent
		// without an address were dropped as the record was read.
		if !before.Address.IsZero() && before.Address != sv.Address {
			kept |= FieldServiceAddress
		}
		sv.Address, sv.Latitude, sv.Longitude = before.Address, before.Latitude, before.Longitude
	case f&FieldServiceCoordinates != 0 && (before.Latitude != nil || before.Longitude != nil):
		// As a place's (keepActorFields): kept at the stored address,
		// dropped, and said, at another.
		if sameAddress(&sv.Address, &before.Address) {
			if !sameFloat(sv.Latitude, before.Latitude) || !sameFloat(sv.Longitude, before.Longitude) {
				kept |= FieldServiceCoordinates
			}
			sv.Latitude, sv.Longitude = before.Latitude, before.Longitude
		} else if !sv.Address.IsZero() {
			warns = append(warns, FieldError{Field: "latitude", Reason: "not sent, and the service's address changed: the stored coordinates, of its former address, were dropped"})
		}
	}
	return kept | k.kept, warns
}

// reconcilePlace is ReconcileServicePlace for a sync record, whose
// warnings say what a point sent without the address key comes to.
func (sv *SyncService) reconcilePlace() []PlaceWarning {
	ws := ReconcileServicePlace(&sv.Service)
	if sv.Absent&FieldServiceAddress != 0 {
		for i := range ws {
			if ws[i].Reason == pointWithoutAddress {
				ws[i].Reason = pointWithoutAddressKey
			}
		}
	}
	return ws
}

// sameAddress says whether two addresses are one place's: their street,
// postal code and commune read alike, whatever their case, accents and
// punctuation (commune.Key). A producer writing « 3 Cours National » for
// « 3 cours National » has not moved the place, and its stored
// coordinates must not be dropped as a former address's.
func sameAddress(a, b *Address) bool {
	return strings.TrimSpace(a.PostalCode) == strings.TrimSpace(b.PostalCode) &&
		commune.Key(a.Street) == commune.Key(b.Street) && commune.Key(a.Commune) == commune.Key(b.Commune)
}

func sameFloat(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// StoredPlace is the address and coordinates stored for a record of a
// source (see StoredPlaces).
type StoredPlace struct {
	Address             Address
	Latitude, Longitude *float64
}

// StoredPlaces returns, by source id, the address and coordinates stored
// for the actors of source with the given ids that have coordinates. An
// import of a file without coordinate columns reads the address of such a
// place with them: the coordinates settled it when it was imported (a
// postal code shared by several communes, a commune since merged), and
// read alone the same cells named another commune or none.
func (s *Store) StoredPlaces(ctx context.Context, source string, ids []string) (map[string]StoredPlace, error) {
	out := map[string]StoredPlace{}
	for chunk := range slices.Chunk(storableKeys(ids), 500) {
		var rows []struct {
			SourceID                               string
			Street, PostalCode, Commune, InseeCode string
			Latitude, Longitude                    *float64
		}
		err := s.read(ctx).Model(&Actor{}).
			Select("source_id", "street", "postal_code", "commune", "insee_code", "latitude", "longitude").
			Where("source = ? AND source_id <> '' AND source_id IN ? AND latitude IS NOT NULL AND longitude IS NOT NULL", source, chunk).Find(&rows).Error // Find: see loadKeys
		if err != nil {
			return nil, dbError(err)
		}
		for _, r := range rows {
			out[r.SourceID] = StoredPlace{Address: Address{Street: r.Street, PostalCode: r.PostalCode, Commune: r.Commune, InseeCode: r.InseeCode},
				Latitude: r.Latitude, Longitude: r.Longitude}
		}
	}
	return out, nil
}

// SettledAddress is the address a write of an actor named name at
// address, with the given coordinates, stores: normalised and reconciled
// with the commune reference, as an import's row is (NormalizeChecked,
// PrepareSyncBatch). The name is part of the reading: a point in another
// commune than the fields' is kept, and the commune replaced, when the
// name names the point's commune (pointNamedByPlace), and without it the
// settled address of such a place was not found again.
func SettledAddress(name string, address Address, lat, lon *float64) Address {
	a := Actor{Name: name, Address: address, Latitude: lat, Longitude: lon}
	a.normalizePlace()
	ReconcileActorPlace(&a)
	a.normalizePlace()
	return a.Address
}

// SamePlaceAddress says whether two addresses are the same place's: the
// same street, postal code, commune and INSEE code.
func SamePlaceAddress(a, b Address) bool {
	return sameAddress(&a, &b) && a.InseeCode == b.InseeCode
}

// offerFields are the fields of an offer a record may leave unsaid.
const offerFields = FieldThemes | FieldPublics | FieldSpecificSupport | FieldFees | FieldPassNumerique | FieldAccompanimentModes | FieldAccessModes

// partial says an unsaid offer gives some of its fields (see
// SyncService.Absent).
func (sv *SyncService) partial() bool {
	return sv.Unsaid && sv.Absent&FieldThemes != 0 && sv.Absent&offerFields != offerFields
}

// ActorKey is an actor field a record may leave unsaid, by the name of its
// key in a sync record (address.complement: the key complement of the
// record's address object).
type ActorKey struct {
	Key   string
	Field Fields
}

// ActorKeys are the keys of a sync record whose absence keeps the stored
// value, as a file without the column does: the one rule of both partner
// paths (an omitted key, an absent column, keeps; null, "", [] or an empty
// cell clears). The coordinates are kept when both latitude and longitude
// are left out (and only while the address is the stored one). The fields
// with their own rules (status and closure, contact_public, parent_id,
// producer, producer_updated_on: Omitted) are not among them.
var ActorKeys = []ActorKey{
	{"pivot", FieldPivot}, {"address.complement", FieldAddressComplement}, {"latitude", FieldCoordinates},
	{"typologies", FieldTypologies}, {"phones", FieldPhones}, {"emails", FieldEmails}, {"websites", FieldWebsites},
	{"opening_hours", FieldOpeningHours}, {"summary", FieldSummary}, {"description", FieldDescription},
	{"mobility", FieldMobility}, {"national_programmes", FieldNationalProgrammes}, {"training_labels", FieldTrainingLabels},
	{"other_labels", FieldOtherLabels}, {"acceslibre_url", FieldAcceslibreURL}, {"booking_url", FieldBookingURL},
}

// ServiceKeys are ActorKeys for a service record of a sync batch. The
// coordinates are kept when both latitude and longitude are left out (and
// only while the address is the stored one; a record that leaves out
// address keeps it with its coordinates), on_site and remote when both
// are. name, kind and themes are required; status, capacity, is_full and
// accepts_referrals have their own rules (Omitted).
var ServiceKeys = []ActorKey{
	{"description", FieldServiceDescription}, {"fees_details", FieldFeesDetails}, {"opening_hours", FieldServiceHours},
	{"languages", FieldLanguages}, {"booking_url", FieldServiceBookingURL}, {"publics", FieldPublics},
	{"specific_support", FieldSpecificSupport}, {"fees", FieldFees}, {"access_modes", FieldAccessModes},
	{"accompaniment_modes", FieldAccompanimentList}, {"pass_numerique", FieldPassNumerique}, {"on_site", FieldPlacement},
	{"address", FieldServiceAddress}, {"latitude", FieldServiceCoordinates},
}

// pairedKeys are the keys left out only with their pair: the pair is one
// field.
var pairedKeys = map[string]string{"latitude": "longitude", "on_site": "remote"}

// AbsentKeys is the set of fields of keys (ActorKeys, ServiceKeys) that a
// record leaves out, sent telling whether it sends a key (a pair: either
// of its keys).
func AbsentKeys(keys []ActorKey, sent func(key string) bool) (f Fields) {
	for _, k := range keys {
		if !sent(k.Key) && (pairedKeys[k.Key] == "" || !sent(pairedKeys[k.Key])) {
			f |= k.Field
		}
	}
	return f
}

// KeptKeys names the keys of keys (ActorKeys, ServiceKeys) whose fields
// are in kept, in their order.
func KeptKeys(keys []ActorKey, kept Fields) []string {
	var out []string
	for _, k := range keys {
		if kept&k.Field != 0 {
			out = append(out, k.Key)
		}
	}
	return out
}
