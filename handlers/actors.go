package handlers

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/openinghours"
	"carnet/models/vocab"
)

// AddressInput is a postal address as clients send it: a service's own
// address, where the street may be unknown (a bus stop, a hamlet).
type AddressInput struct {
	// Street number and name (the standard's adresse).
	Street string `json:"street,omitempty" example:"2 rue de la République" maxLength:"200"`
	// Floor, building, lieu-dit (complement_adresse).
	Complement string `json:"complement,omitempty" example:"2e étage" maxLength:"200"`
	// The postal code: five digits, or written as on an envelope or a
	// form — « 13 001 », « F-13001 », « 13344 CEDEX », « 13001 Marseille »
	// (the commune written after it must be the address's) — read as its
	// five digits, which are stored and answered, as the file import and
	// the sync read them. Anything else is refused with 422.
	PostalCode string `json:"postal_code" example:"13002" minLength:"5" maxLength:"200"`
	// The commune's name, as written (« MARSEILLE 2E ARRONDISSEMENT »,
	// « ST ETIENNE »…): it is stored under its official name. A name of no
	// commune (a quarter, a lieu-dit: « Gustavia », « Montfavet ») beside
	// a postal code of one commune is stored as that commune
	// (Saint-Barthélemy, 97701), as a sync reads it; so is any place name
	// written with the code of a collectivity that is one commune
	// (« Marigot », 97150: Saint-Martin, not Le Marigot in Martinique).
	// Left out or empty, it is filled from the postal code (or the INSEE
	// code) when that names one commune; 422 naming it otherwise.
	Commune string `json:"commune,omitempty" example:"Marseille" maxLength:"200"`
	// The commune's official INSEE code (code_insee), not the postal code.
	// Found from the postal code and the commune when omitted; when it,
	// the postal code (its département), the commune and the coordinates
	// designate different communes, the write is refused with 422.
	InseeCode string `json:"insee_code,omitempty" example:"13055" minLength:"5" maxLength:"5" extensions:"x-pattern=insee_code"`
}

// ActorAddressInput is an actor's address: AddressInput with the street
// required, as the server requires it of a place (the same fields, so that
// both convert to models.Address).
type ActorAddressInput struct {
	// Street number and name (the standard's adresse).
	Street     string `json:"street" minLength:"1" maxLength:"200" example:"2 rue de la République"`
	Complement string `json:"complement,omitempty" maxLength:"200" example:"2e étage"`
	// The postal code; the forms read as five digits: see AddressInput.
	PostalCode string `json:"postal_code" minLength:"5" maxLength:"200" example:"13002"`
	// The commune's name as written, or left out to be filled from the
	// postal code; see AddressInput.
	Commune string `json:"commune,omitempty" example:"Marseille" maxLength:"200"`
	// The commune's official INSEE code; see AddressInput.
	InseeCode string `json:"insee_code,omitempty" minLength:"5" maxLength:"5" example:"13055" extensions:"x-pattern=insee_code"`
}

// Address is a postal address; every field is present, "" when unknown.
type Address struct {
	Street     string `json:"street" example:"2 rue de la République"`
	Complement string `json:"complement" example:"2e étage"`
	PostalCode string `json:"postal_code" example:"13002"`
	// Official name of the commune (the city's, for an arrondissement).
	Commune string `json:"commune" example:"Marseille"`
	// INSEE code of the commune, or of the arrondissement of Paris, Lyon
	// or Marseille when the address tells which; "" when unresolved.
	InseeCode string `json:"insee_code" example:"13202"`
}

// ActorInput is the writable part of an actor: the body of POST and PUT
// (PUT replaces every field: an omitted field is cleared) and the document a
// PATCH merge-patches.
type ActorInput struct {
	Name string `json:"name" example:"Médiathèque de la Porte d'Aix" minLength:"1" maxLength:"200"`
	// SIRET (14 digits), SIREN (9), RNA (W + 9) or RIDET. Omit it, or send
	// 00000000000000, when unknown.
	Pivot string `json:"pivot,omitempty" example:"21130055300016" maxLength:"14"`
	// Structure types: codes from GET /api/v1/vocabularies/typologies; a set: each value once, in the vocabulary's order whatever the order sent.
	Typologies []string `json:"typologies,omitempty" extensions:"x-vocabulary=typologies" example:"BIB" validate:"max=20"`
	// The network this actor belongs to.
	ParentID *string `json:"parent_id,omitempty" format:"uuid"`
	// Short presentation, at most 280 characters (presentation_resume).
	Summary string `json:"summary,omitempty" example:"Espace public numérique : ordinateurs en libre accès et ateliers." maxLength:"280"`
	// Detailed presentation (presentation_detail).
	Description string            `json:"description,omitempty" maxLength:"10000"`
	Address     ActorAddressInput `json:"address"`
	Latitude    *float64          `json:"latitude,omitempty" example:"43.3026" minimum:"-90" maximum:"90"`
	Longitude   *float64          `json:"longitude,omitempty" example:"5.3691" minimum:"-180" maximum:"180"`
	// Phone numbers; national formats are accepted and stored as E.164.
	// Phones, e-mails and websites keep the order sent: the first is the
	// one exports that take one give.
	Phones   []string `json:"phones,omitempty" example:"+33491000000" validate:"max=20"`
	Emails   []string `json:"emails,omitempty" example:"contact@example.fr" validate:"max=20"`
	Websites []string `json:"websites,omitempty" example:"https://example.fr" validate:"max=20" maxLength:"2000"`
	// The structure agrees to publish its phones and e-mails in open-data
	// exports (false by default: a number may be a person's).
	ContactPublic bool `json:"contact_public,omitempty" extensions:"x-not-null"`
	// Opening hours in OpenStreetMap opening_hours syntax. Time ranges of
	// one day that overlap are stored merged, as an import stores them
	// (Mo 09:00-12:00,10:00-13:00 is Mo 09:00-13:00), and so are rules in a
	// row naming the same days (Mo 09:00-12:00; Mo 10:00-13:00 is Mo
	// 09:00-13:00, where OpenStreetMap keeps the last rule alone). A range
	// may end up to 48:00 to run past midnight (Fr 22:00-26:00) but not
	// last more than 24 hours (Mo 09:00-48:00 is refused with 422) nor
	// start at 24:00 or later (Mo 25:00-26:00 is refused with 422).
	OpeningHours string `json:"opening_hours,omitempty" example:"Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off" maxLength:"1000"`
	// Fixe and/or Itinérant (the standard's itinerance); a set: each value once, in the vocabulary's order whatever the order sent.
	Mobility []string `json:"mobility,omitempty" extensions:"x-vocabulary=mobility" example:"Fixe" validate:"max=20"`
	// The place's page on acceslibre.beta.gouv.fr (accessibility).
	AcceslibreURL string `json:"acceslibre_url,omitempty" maxLength:"2000"`
	BookingURL    string `json:"booking_url,omitempty" maxLength:"2000"`
	// The standard's dispositif_programmes_nationaux; a set: each value once, in the vocabulary's order whatever the order sent.
	NationalProgrammes []string `json:"national_programmes,omitempty" extensions:"x-vocabulary=national_programmes" example:"Conseillers numériques" validate:"max=20"`
	// The standard's formations_labels; a set: each value once, in the vocabulary's order whatever the order sent.
	TrainingLabels []string `json:"training_labels,omitempty" extensions:"x-vocabulary=training_labels" validate:"max=20"`
	// Other trainings or labels, free text (autres_formations_labels).
	OtherLabels string `json:"other_labels,omitempty" maxLength:"500"`
	// Who supplied the record (a partner's source name) and its id there.
	// A source name is 1 to 64 characters among letters, digits, '.', '_'
	// and '-', starting with a letter or digit, stored in lower case;
	// source is required when source_id is set.
	Source   string `json:"source,omitempty" example:"hub-du-sud" maxLength:"64" extensions:"x-pattern=source"`
	SourceID string `json:"source_id,omitempty" example:"lieu-42" maxLength:"200"`
	// Who produced the record, when another than the source (the national standard's source column:
	// dora, conseiller-numerique…), and the producer's own date of it (its date_maj, YYYY-MM-DD): the day
	// it last checked the place, from 2000-01-01 (an earlier one is a tool's placeholder, 1970-01-01 or
	// 0001-01-01: 422) to today; leave it out when the producer has none. Left out of a PUT or of a sync
	// record updating a place, each keeps the stored value; sent null or "" (PUT, sync, PATCH), each is
	// cleared: no producer reads as the record's source, no date leaves the place undated (a sync
	// result warns when it removes a stored date). Carnet's own name (Carnet, in any case or spacing,
	// or in letters that look alike), which the exports give the records made in Carnet, is reserved:
	// setting it is 422 naming producer; a record that held it before the rule keeps it through
	// edits of its other fields and its source's re-syncs.
	Producer          string `json:"producer,omitempty" example:"conseiller-numerique" maxLength:"500" extensions:"x-nullable"`
	ProducerUpdatedOn string `json:"producer_updated_on,omitempty" example:"2023-05-11" extensions:"x-nullable"`
	// active (the default), temporarily_closed (with closed_from) or closed.
	Status string `json:"status,omitempty" extensions:"x-vocabulary=actor_status" example:"active"`
	// First day of a closure, YYYY-MM-DD, from 2000-01-01 to 2099-12-31.
	ClosedFrom string `json:"closed_from,omitempty" format:"date" example:"2026-07-14"`
	// Expected reopening day of a temporary closure, YYYY-MM-DD, from
	// 2000-01-01 to 2099-12-31.
	ClosedUntil   string `json:"closed_until,omitempty" format:"date" example:"2026-08-31"`
	ClosureReason string `json:"closure_reason,omitempty" example:"Travaux" maxLength:"500"`
}

// Actor is a structure at a place, as the API returns it. Every field is
// present: "" or [] when empty, null only where noted.
type Actor struct {
	ID         string   `json:"id" format:"uuid" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	Name       string   `json:"name" example:"Médiathèque de la Porte d'Aix"`
	Pivot      string   `json:"pivot" example:"21130055300016"`
	PivotKind  string   `json:"pivot_kind" enums:"siret,siren,rna,ridet,unknown" example:"siret"`
	Typologies []string `json:"typologies" extensions:"x-vocabulary=typologies"`
	// null when the actor belongs to no network.
	ParentID    *string  `json:"parent_id" format:"uuid" extensions:"x-nullable"`
	Summary     string   `json:"summary"`
	Description string   `json:"description"`
	Address     Address  `json:"address"`
	Departement string   `json:"departement" example:"13"`
	Latitude    *float64 `json:"latitude" extensions:"x-nullable" example:"43.3026"`
	Longitude   *float64 `json:"longitude" extensions:"x-nullable" example:"5.3691"`
	// Shown to anonymous readers only when contact_public is true; always
	// to the structure's members and editors and to administrators.
	Phones []string `json:"phones"`
	// Shown like phones.
	Emails   []string `json:"emails"`
	Websites []string `json:"websites"`
	// The structure agrees to publish its phones and e-mails: to anonymous
	// readers, in search, in the change feed and in open-data exports.
	ContactPublic bool   `json:"contact_public"`
	OpeningHours  string `json:"opening_hours"`
	// The rules of opening_hours Carnet cannot read; empty when it reads
	// them all.
	OpeningHoursUnreadable []UnreadableHours `json:"opening_hours_unreadable"`
	Mobility               []string          `json:"mobility" extensions:"x-vocabulary=mobility"`
	AcceslibreURL          string            `json:"acceslibre_url"`
	BookingURL             string            `json:"booking_url"`
	NationalProgrammes     []string          `json:"national_programmes" extensions:"x-vocabulary=national_programmes"`
	TrainingLabels         []string          `json:"training_labels" extensions:"x-vocabulary=training_labels"`
	OtherLabels            string            `json:"other_labels"`
	Source                 string            `json:"source"`
	SourceID               string            `json:"source_id"`
	// Who produced the record: the national standard's source (dora, conseiller-numerique…) or the partner.
	Producer string `json:"producer" example:"conseiller-numerique"`
	// The producer's own date of the record (date_maj); null when it gave none.
	ProducerUpdatedOn *string `json:"producer_updated_on" format:"date" extensions:"x-nullable" example:"2023-05-11"`
	// The day the record was last known correct: the producer's date when a partner or an import
	// brings it, the day of the change when someone edits the record or one of its services in
	// Carnet (checked_by says which). Exports write date_maj as the producer's date beside its name, never this day
	// of a change in Carnet (a record produced in Carnet writes checked_on; 1970-01-01 when there is no date).
	// Checked 12 whole calendar months ago or earlier makes the record stale.
	// When checked_on_undated is true it is only the day a sync or an import stored the record, not a day anyone checked it.
	CheckedOn string `json:"checked_on" format:"date" example:"2023-05-11"`
	// True when the producer gave no date of its own (date_maj, producer_updated_on) and nobody changed the
	// record in Carnet since: nobody is known to have checked the place, so quality.stale is true whatever
	// checked_on, and the fresh criterion says the producer's date is missing (the stale list's field).
	CheckedOnUndated bool `json:"checked_on_undated" example:"false"`
	// Who checked_on comes from: producer (the producer's date, as a sync or an import brought it) or carnet
	// (someone changed the record or one of its published services in Carnet that day: its structure, a
	// coordinator or an administrator, see the history). Null when checked_on_undated.
	CheckedBy *string `json:"checked_by" enums:"producer,carnet" extensions:"x-nullable" example:"producer"`
	Quality   Quality `json:"quality"`
	// Today's status: a temporary closure counts from closed_from to
	// closed_until (in the place's time zone); before, it is only announced
	// (status active with the dates set), after, the place has reopened.
	Status string `json:"status" extensions:"x-vocabulary=actor_status"`
	// First day of a closure, announced or current; null when none.
	ClosedFrom *string `json:"closed_from" format:"date" extensions:"x-nullable" example:"2026-07-14"`
	// Last day of a temporary closure; null when open-ended or none.
	ClosedUntil   *string `json:"closed_until" format:"date" extensions:"x-nullable" example:"2026-08-31"`
	ClosureReason string  `json:"closure_reason"`
	CreatedAt     Time    `json:"created_at" format:"date-time"`
	// The last change; to a caller who may not see the actor's private contacts, the last
	// change of what it is shown (a change of private phones and e-mails alone does not count).
	UpdatedAt Time `json:"updated_at" format:"date-time"`
	// Set when the actor was deleted from the directory (a tombstone).
	ArchivedAt *Time `json:"archived_at" format:"date-time" extensions:"x-nullable"`
	// Incremented on every change; the ETag carries it. To a caller who may not see the actor's
	// private contacts, the public version, which a change of private phones and e-mails alone
	// does not move (its ETag ends with .public).
	Version int64 `json:"version" example:"1"`
}

// Quality is a record's quality score as of today (see the README, « Quality score »).
type Quality struct {
	// From 0 to 1: the sum of the weights of the criteria met.
	Score float64 `json:"score" example:"0.75"`
	// Checked 12 whole calendar months ago or earlier (months_since_check of the stale list >= 12), or never known to be checked: synced or imported without the producer's date (its checked_on is then the day it was stored).
	Stale bool `json:"stale"`
	// The criteria not met.
	Missing []QualityGap `json:"missing"`
}

// QualityGap is one quality criterion a record misses.
type QualityGap struct {
	Criterion string  `json:"criterion" enums:"contact,opening_hours,offer,offer_details,coordinates,description,commune,identifier,fresh" example:"opening_hours"`
	Weight    float64 `json:"weight" example:"0.15"`
	// What is missing, for the people who fix the record. For hours that are there but do not read whole, it
	// names the rules that do not (« règle illisible : Sa 10:00 »); the criterion is still missed.
	Missing string `json:"missing" example:"no opening hours (OpenStreetMap syntax) on the place or on every published service"`
}

func newQuality(a *models.Actor, now time.Time) Quality {
	v := models.QualityOf(a, now)
	q := Quality{Score: v.Score, Stale: v.Stale, Missing: make([]QualityGap, 0, len(v.Missing))}
	for _, code := range v.Missing {
		if c, ok := models.QualityCriterionOf(code); ok {
			if code == models.QualityFresh && v.Undated {
				// Stale because nobody is known to have checked it, not
				// because of its checked_on: say what is missing.
				c.Missing = models.QualityUndatedMissing
			}
			if why := models.UnreadableHoursMissing(a.OpeningHours); code == models.QualityHours && why != "" {
				c.Missing = why // the place has hours: say which rule does not read
			}
			q.Missing = append(q.Missing, QualityGap{Criterion: c.Code, Weight: c.Weight, Missing: c.Missing})
		}
	}
	return q
}

// checkedBy is an actor's checked_by (models.Actor.CheckedBy), null when
// nobody is known to have checked it.
func checkedBy(a *models.Actor) *string {
	if by := a.CheckedBy(); by != "" {
		return &by
	}
	return nil
}

func optionalDate(d string) *string {
	if d == "" {
		return nil
	}
	return &d
}

// ActorList is one page of actors.
type ActorList struct {
	// Each with duplicate_of and stands_for, as GET /api/v1/actors/{id}.
	Data  []ActorRecord `json:"data"`
	Meta  ListMeta      `json:"meta"`
	Links ListLinks     `json:"links"`
}

// ListMeta describes a page of a list. Feeds use the same envelope
// (FeedMeta), without total.
type ListMeta struct {
	// Rows matching the filters on all pages together.
	Total int64 `json:"total" example:"42"`
	Limit int   `json:"limit" example:"20"`
	// Opaque; pass it back as cursor to get the next page. null on the last page.
	NextCursor *string `json:"next_cursor" extensions:"x-nullable" example:"eyJzIjoiaWQiLCJpIjoiMDE5MzcyYTQtN2MxZS03ZDJhLTlhNTEtMWYxYzFiMmYzYTRkIn0"`
	// Another page follows: false on the last page.
	HasMore bool `json:"has_more" example:"true"`
}

// ListLinks are relative links to this page and the next one.
type ListLinks struct {
	Self string `json:"self" example:"/api/v1/actors?limit=20"`
	// null on the last page.
	Next *string `json:"next" extensions:"x-nullable" example:"/api/v1/actors?cursor=eyJzIjoiaWQiLCJpIjoiMDE5MzcyYTQtN2MxZS03ZDJhLTlhNTEtMWYxYzFiMmYzYTRkIn0&limit=20"`
}

func (in *ActorInput) toModel(a *models.Actor) {
	a.Name = in.Name
	a.Pivot = in.Pivot
	a.Typologies = in.Typologies
	a.ParentID = in.ParentID
	a.Summary = in.Summary
	a.Description = in.Description
	a.Address = models.Address(in.Address)
	a.Latitude, a.Longitude = in.Latitude, in.Longitude
	a.Phones, a.Emails, a.Websites = in.Phones, in.Emails, in.Websites
	a.ContactPublic = in.ContactPublic
	a.OpeningHours = in.OpeningHours
	a.Mobility = in.Mobility
	a.AcceslibreURL, a.BookingURL = in.AcceslibreURL, in.BookingURL
	a.NationalProgrammes, a.TrainingLabels, a.OtherLabels = in.NationalProgrammes, in.TrainingLabels, in.OtherLabels
	a.Source, a.SourceID = in.Source, in.SourceID
	a.Producer, a.ProducerUpdatedOn = in.Producer, in.ProducerUpdatedOn
	a.Status = in.Status
	a.ClosedFrom, a.ClosedUntil, a.ClosureReason = in.ClosedFrom, in.ClosedUntil, in.ClosureReason
}

// actorBooleans are the booleans of an actor: null is refused on each
// (PATCH, PUT, sync), as a service's (serviceBooleans).
var actorBooleans = []string{"contact_public"}

// keepPartnersKeys keeps, in a replacement of a record, the producer and
// producer_updated_on it leaves out, whoever sends it — as a sync batch
// keeps them (models.Omitted.Producer): read as « no other producer, no
// date », a partner's PUT replaced the producer by its own name and made
// the place undated. In a person's replacement of a partner's record, it
// keeps the source and source_id too: people may not change them
// (Principal.AuthorizeActorChange), and a client that does not know these
// fields answered 403 on every PUT of a partner's record. A value sent is
// still checked: another one is 403.
//
// The producer and its date are kept only when left out: sent null or ""
// they are cleared, as in a sync record (no producer: the record's source
// is its producer; no date: the place is undated).
func keepPartnersKeys(p *models.Principal, cur *models.Actor, in *ActorInput, sent map[string]json.RawMessage) {
	keep := func(dst *string, stored string) {
		if strings.TrimSpace(*dst) == "" {
			*dst = stored
		}
	}
	if !has(sent, "producer") {
		in.Producer = cur.Producer
	}
	if !has(sent, "producer_updated_on") {
		in.ProducerUpdatedOn = cur.ProducerUpdatedOn
	}
	if cur.Source == "" || p == nil || p.IsAdmin() || p.IsPartner() {
		return
	}
	keep(&in.Source, cur.Source)
	keep(&in.SourceID, cur.SourceID)
}

// newActorInput is the writable representation of a, the base of a PATCH.
func newActorInput(a *models.Actor) ActorInput {
	return ActorInput{
		Name: a.Name, Pivot: a.Pivot, Typologies: a.Typologies, ParentID: a.ParentID,
		Summary: a.Summary, Description: a.Description, Address: ActorAddressInput(a.Address),
		Latitude: a.Latitude, Longitude: a.Longitude,
		Phones: a.Phones, Emails: a.Emails, Websites: a.Websites, ContactPublic: a.ContactPublic, OpeningHours: a.OpeningHours,
		Mobility: a.Mobility, AcceslibreURL: a.AcceslibreURL, BookingURL: a.BookingURL,
		NationalProgrammes: a.NationalProgrammes, TrainingLabels: a.TrainingLabels, OtherLabels: a.OtherLabels,
		Source: a.Source, SourceID: a.SourceID, Producer: a.Producer, ProducerUpdatedOn: a.ProducerUpdatedOn, Status: a.Status,
		ClosedFrom: a.ClosedFrom, ClosedUntil: a.ClosedUntil, ClosureReason: a.ClosureReason,
	}
}

// newActor renders a as of now, with its phones and e-mails when contacts
// is true (see Handler.contactsVisible, the one rule).
func newActor(a *models.Actor, contacts bool, now time.Time) Actor {
	pivot := a.Pivot
	phones, emails := list(a.Phones), list(a.Emails)
	version, updated := a.Version, a.UpdatedAt
	if !contacts {
		// What a caller who may not see the contacts is shown of the
		// history moves only with what it is shown (models.Actor.PublicVersion).
		phones, emails = []string{}, []string{}
		version, updated = a.PublicVersion, a.PublicUpdatedAt
	}
	return Actor{
		ID: a.ID, Name: a.Name, Pivot: pivot, PivotKind: a.PivotKind, Typologies: list(a.Typologies),
		ParentID: a.ParentID, Summary: a.Summary, Description: a.Description,
		Address: Address(a.Address), Departement: a.Departement, Latitude: a.Latitude, Longitude: a.Longitude,
		Phones: phones, Emails: emails, Websites: list(a.Websites), ContactPublic: a.ContactPublic, OpeningHours: a.OpeningHours,
		OpeningHoursUnreadable: unreadableHours(a.OpeningHours), Mobility: list(a.Mobility), AcceslibreURL: a.AcceslibreURL, BookingURL: a.BookingURL,
		NationalProgrammes: list(a.NationalProgrammes), TrainingLabels: list(a.TrainingLabels), OtherLabels: a.OtherLabels,
		Source: a.Source, SourceID: a.SourceID, Producer: a.Producer, ProducerUpdatedOn: optionalDate(a.ProducerUpdatedOn),
		CheckedOn: a.CheckedOn, CheckedOnUndated: a.CheckedOnUndated, CheckedBy: checkedBy(a), Quality: newQuality(a, now), Status: a.StatusAt(now),
		ClosedFrom: optionalDate(a.ClosedFrom), ClosedUntil: optionalDate(a.ClosedUntil), ClosureReason: a.ClosureReason,
		CreatedAt: stamp(a.CreatedAt), UpdatedAt: stamp(updated), ArchivedAt: stampPtr(a.ArchivedAt), Version: version,
	}
}

// storedRef describes a stored actor for the policies, without its lineage.
func storedRef(a *models.Actor) models.ActorRef {
	return models.ActorRef{ID: a.ID, Source: a.Source, Departement: a.Departement, InseeCode: a.Address.InseeCode, Lineage: []string{a.ID}}
}

// contactsVisible applies the one rule for an actor's phones and e-mails
// (models.Principal.MaySeeContacts) to the caller. The network's lineage is
// loaded only when it can matter: a caller managing some structure, about
// an actor that belongs to a network.
func (h *Handler) contactsVisible(c *gin.Context, a *models.Actor) bool {
	p := principal(c)
	if a.ContactPublic {
		return true
	}
	if p.IsAnonymous() {
		return false
	}
	if p.MaySeeContacts(storedRef(a), false) {
		return true
	}
	if a.ParentID == nil || !p.ManagesSomething() {
		return false
	}
	ref, err := h.Store.ActorRef(c.Request.Context(), a.ID)
	return err == nil && p.MaySeeContacts(ref, false)
}

// actorView renders a for the caller: today's status, and contact details
// under the one rule.
func (h *Handler) actorView(c *gin.Context, a *models.Actor) Actor {
	return newActor(a, h.contactsVisible(c, a), h.Store.Now())
}

// writeActor answers with a for the caller. The representation depends on
// the caller (contact details) and on the day (a temporary closure), so the
// ETag names both and caches are told it varies with Authorization. The
// ".public" qualifier says the caller may not see the contacts of an actor
// whose contacts are not public — whether it has any or not: a tag set only
// when contacts were hidden told an anonymous reader that private phones or
// e-mails exist, which its representation does not show. So the tag is a
// function of what the caller receives (the version is in the body) and of
// what the caller knows of its own rights.
func (h *Handler) writeActor(c *gin.Context, status int, a *models.Actor) error {
	of, standsFor, err := h.Store.SameAs(c.Request.Context(), a.ID)
	if err != nil {
		return err
	}
	return h.writeActorAs(c, status, a, func(v Actor) any {
		return newActorRecord(v, models.SameAs{DuplicateOf: of, StandsFor: standsFor})
	})
}

// writeActorAs writes a as writeActor does, its representation wrapped by
// body (GET adds what decides how the public surfaces serve it).
func (h *Handler) writeActorAs(c *gin.Context, status int, a *models.Actor, body func(Actor) any) error {
	visible := h.contactsVisible(c, a)
	v := newActor(a, visible, h.Store.Now())
	etag := fmt.Sprintf("%d", v.Version)
	if !visible {
		etag += ".public" // v.Version is the public version
	}
	if a.Status == vocab.ActorTemporarilyClosed {
		etag += "." + v.Status
	}
	AddVary(c.Writer.Header(), "Authorization")
	return writeVersioned(c, status, `"`+etag+`"`, body(v))
}

// list returns a non-nil slice so that empty lists are [] in JSON, never null.
// UnreadableHours is a rule of opening_hours that Carnet cannot read. The
// other rules are used; the days this one names (every day when it names
// none it can be tied to) are unknown, so search never shows the place
// open then.
type UnreadableHours struct {
	// The rule as written, with what follows it up to the next ";".
	Text string `json:"text" example:"Sa 17:00"`
	// Why it cannot be read.
	Reason string `json:"reason" example:"expected \"-\" and an end time after \"17:00\" (single points in time are not supported), found the end of the value"`
	// Byte offset in opening_hours where reading stopped.
	Position int `json:"position" example:"25"`
	// The days whose hours are therefore unknown.
	UnknownDays []string `json:"unknown_days" enums:"monday,tuesday,wednesday,thursday,friday,saturday,sunday" example:"saturday"`
}

// unreadableHours reports the rules of text that cannot be read: none when
// all can, the whole value when none can (a value stored before it was
// validated; the next write of the record refuses it).
func unreadableHours(text string) []UnreadableHours {
	out := []UnreadableHours{}
	if text == "" {
		return out
	}
	_, bad, err := openinghours.ParseLenient(text)
	var pe *openinghours.ParseError
	if errors.As(err, &pe) {
		all := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
		return append(out, UnreadableHours{Text: text, Reason: pe.Reason, Position: pe.Pos, UnknownDays: all})
	}
	for _, u := range bad {
		days := []string{}
		for _, d := range u.UnknownDays() {
			days = append(days, strings.ToLower(d.String()))
		}
		out = append(out, UnreadableHours{Text: u.Text, Reason: u.Err.Reason, Position: u.Err.Pos, UnknownDays: days})
	}
	return out
}

func list(l models.StringList) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// ListActors godoc
//
//	@ID			listActors
//	@Summary		List actors
//	@Description	Pages through the directory's actors, in a stable order. Within one filter, values are alternatives (any of); across filters, all must hold. Multi-valued filters take repeated parameters or comma-separated values; vocabulary values may be given as their exact label or their slug (see /api/v1/vocabularies).
//	@Tags			actors
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			name				query		string		false	"Part of the name; case, accents, ligatures and punctuation ignored (l'isle finds L’Isle)"	maxlength(500)	example(médiathèque)
//	@Param			commune				query		[]string	false	"Communes: INSEE codes, postal codes (75001 is Paris 1er; a code that is both, 13001 Aix-en-Provence's INSEE code and Marseille 1er's postal code, reads both; insee:13001 or postal:13001 reads one way) or names, current, former or short (La Seyne), a département or postal code after a name settling it (Saint-Denis (974)); a name several communes share answers 400 listing them unless departement settles it (Paris, Lyon and Marseille include their arrondissements)"	collectionFormat(csv)	example(Marseille)
//	@Param			postal_code			query		[]string	false	"Postal codes"						collectionFormat(csv)	example(13001)
//	@Param			insee_code			query		[]string	false	"INSEE commune codes (same as commune)"	collectionFormat(csv)
//	@Param			departement			query		[]string	false	"Département codes (13, 2A, 974) or names (Bouches-du-Rhône; case, accents and hyphens ignored)"	collectionFormat(csv)	example(13)
//	@Param			typologies			query		[]string	false	"Structure types"					collectionFormat(csv)	extensions(x-vocabulary=typologies)	example(BIB)
//	@Param			national_programmes	query		[]string	false	"National programmes"				collectionFormat(csv)	extensions(x-vocabulary=national_programmes)
//	@Param			training_labels		query		[]string	false	"Training labels"					collectionFormat(csv)	extensions(x-vocabulary=training_labels)
//	@Param			mobility			query		[]string	false	"Fixe, Itinérant"					collectionFormat(csv)	extensions(x-vocabulary=mobility)
//	@Param			status				query		[]string	false	"active, temporarily_closed, closed"	collectionFormat(csv)	extensions(x-vocabulary=actor_status)
//	@Param			source				query		[]string	false	"Data sources (case ignored; a value that cannot name a source, such as *, answers 400)"						collectionFormat(csv)
//	@Param			parent_id			query		string		false	"Actors of this network"			format(uuid)
//	@Param			updated_since		query		string		false	"Changed at or after this RFC 3339 time; a leap second (:60) is read as the next second"	format(date-time)	example(2026-11-01T00:00:00Z)
//	@Param			include_archived	query		bool		false	"Include archived actors (tombstones)"
//	@Param			exclude_duplicates	query		bool		false	"Hide, of each possible duplicate pair listed for the caller by /api/v1/duplicates, the hidden actor once the link is confirmed, and the newer actor while it is suggested unless the older one is itself hidden by a confirmation or the newer one stands for another record (a record serving a place is never hidden in favour of one that is not served, nor a record a confirmation kept because of a suggestion)"
//	@Param			quality_min			query		number		false	"Quality score at least this, as of today"	minimum(0)	maximum(1)
//	@Param			stale				query		bool		false	"true: checked 12 whole months ago or earlier, or synced without the producer's date (quality.stale); false: less than 12 months ago, by the producer's date or a change in Carnet"
//	@Param			sort				query		string		false	"Order: id (creation), name or updated_at; a leading - runs it backwards (-updated_at: the last changed first)"	Enums(id, name, updated_at, -id, -name, -updated_at)	default(id)
//	@Param			cursor				query		string		false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit				query		int			false	"Page size"	minimum(1)	maximum(200)	default(20)	example(50)
//	@Success		200					{object}	ActorList
//	@Failure		400					{object}	Problem	"Invalid query parameter"
//	@Failure		401					{object}	Problem	"A token was sent but is invalid"
//	@Failure		500					{object}	Problem
//	@Router			/api/v1/actors [get]
func (h *Handler) ListActors(c *gin.Context) error {
	f, err := actorFilterFromQuery(queryOf(c))
	if err != nil {
		return err
	}
	f.Viewer = principal(c)
	page, err := h.Store.ListActors(c.Request.Context(), f)
	if err != nil {
		return err
	}
	ids := make([]string, len(page.Items))
	for i := range page.Items {
		ids[i] = page.Items[i].ID
	}
	same, err := h.Store.SameAsOf(c.Request.Context(), ids)
	if err != nil {
		return err
	}
	out := ActorList{Data: make([]ActorRecord, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newActorRecord(h.actorView(c, &page.Items[i]), same[page.Items[i].ID])
	}
	AddVary(c.Writer.Header(), "Authorization")
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// actorFilterFromQuery reads the filters of GET /actors.
func actorFilterFromQuery(q *queryParser) (models.ActorFilter, error) {
	q.elsewhere = actorSearch
	f := models.ActorFilter{
		Name:               q.one("name"),
		PostalCodes:        q.postalCodes(""),
		InseeCodes:         q.placeCodes(),
		Departements:       q.departements("departement"),
		Typologies:         q.vocab("typologies", vocab.NameTypologies),
		NationalProgrammes: q.vocab("national_programmes", vocab.NameNationalProgrammes),
		TrainingLabels:     q.vocab("training_labels", vocab.NameTrainingLabels),
		Mobility:           q.vocab("mobility", vocab.NameMobility),
		Statuses:           q.vocab("status", vocab.NameActorStatus),
		Sources:            q.sources("source"),
		ParentID:           q.id("parent_id"),
		UpdatedSince:       q.timestamp("updated_since"),
		IncludeArchived:    q.flag("include_archived"),
		ExcludeDuplicates:  q.flag("exclude_duplicates"),
		QualityMin:         q.fraction("quality_min"),
		Stale:              q.boolean("stale"),
		ListParams:         q.page(models.SortID, models.SortName, models.SortUpdatedAt, "-"+models.SortID, "-"+models.SortName, "-"+models.SortUpdatedAt),
	}
	return f, q.err()
}

// GetActor godoc
//
//	@ID			getActor
//	@Summary		Get an actor
//	@Description	Returns the actor, with duplicate_of (the record it was confirmed to duplicate, which search, the exports and HSDS serve instead of it) and stands_for (the records confirmed as this place that it is kept for). An archived actor answers 410 Gone. Send If-None-Match with a previous ETag to get 304 when it has not changed. A caller who may not see the actor's private contacts gets the public version and time (version, updated_at, an ETag ending with .public): a change of private phones and e-mails alone moves neither, nor checked_on.
//	@Tags			actors
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			id	path		string	true	"Actor id"	format(uuid)
//	@Success		200	{object}	ActorRecord
//	@Header			200	{string}	ETag	"Version of the representation, for If-Match, then a digest of the body"
//	@Success		304	"Not modified"
//	@Failure		401	{object}	Problem	"A token was sent but is invalid"
//	@Failure		404	{object}	Problem
//	@Failure		410	{object}	Problem	"Archived"
//	@Router			/api/v1/actors/{id} [get]
func (h *Handler) GetActor(c *gin.Context) error {
	a, err := h.Store.GetActor(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if a.IsArchived() {
		return models.Errorf(models.EGONE, "The actor %s was archived on %s.", a.ID, a.ArchivedAt.Format(time.RFC3339))
	}
	return h.writeActor(c, http.StatusOK, a)
}

// newActorRecord is the one rendering of an actor with its confirmed
// duplicate links: GET /actors/{id}, the change feed and the webhooks'
// payloads show the same record.
func newActorRecord(v Actor, same models.SameAs) ActorRecord {
	r := ActorRecord{Actor: v, StandsFor: list(same.StandsFor)}
	if same.DuplicateOf != "" {
		r.DuplicateOf = &same.DuplicateOf
	}
	return r
}

// ActorRecord is an actor as GET /api/v1/actors/{id} returns it: with the
// confirmed duplicate links that decide how the public surfaces serve it.
type ActorRecord struct {
	Actor
	// The record that serves the place this one was confirmed to
	// duplicate (this one the hidden side of a confirmed duplicate link
	// that exists for anyone, both records live; through a chain of such
	// links, the record at its end, which no link hides): search, the
	// exports and HSDS serve that one instead of this one. null otherwise.
	DuplicateOf *string `json:"duplicate_of" format:"uuid" extensions:"x-nullable"`
	// On a record that serves a place, the records confirmed as that same
	// place, directly or through a chain, which the public surfaces leave
	// out for this one; [] when none, and on a hidden record.
	StandsFor []string `json:"stands_for"`
}

// CreateActor godoc
//
//	@ID			createActor
//	@Summary		Create an actor
//	@Description	Adds a structure to the directory. Vocabulary values are normalised to the national standard's exact strings, phones to E.164. Who: administrators; coordinators for places in their territory; managers of the network named in parent_id; partner clients with the directory:write scope for their own source. parent_id needs to manage the network as its manager (or to be an administrator): a coordinator creates places outside networks. The attachment is recorded in the new structure's security trail (actor.network_changed).
//	@Tags			actors
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			Idempotency-Key	header		string		false	"Makes retries safe: the same key and body return the first success again. A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			actor			body		ActorInput	true	"The actor"
//	@Success		201				{object}	ActorRecord
//	@Header			201				{string}	Location	"URL of the new actor"
//	@Header			201				{string}	ETag		"Version of the representation"
//	@Failure		400				{object}	Problem		"Malformed JSON, unknown field or wrong type"
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		409				{object}	Problem	"source_id already used"
//	@Failure		413				{object}	Problem
//	@Failure		415				{object}	Problem
//	@Failure		422				{object}	Problem	"Validation failed; errors lists every invalid field"
//	@Router			/api/v1/actors [post]
func (h *Handler) CreateActor(c *gin.Context) error {
	var in ActorInput
	if _, err := decodeReplacement(c, &in, actorBooleans); err != nil { // null on a boolean: 400
		return err
	}
	var a models.Actor
	in.toModel(&a)
	// Who may create it is decided by the store, on the actor as it will
	// be stored (models.Principal.AuthorizeActorChange): administrators;
	// coordinators inside their territory; managers of the network it
	// joins (parent_id); partners for their own source.
	if err := h.Store.CreateActor(c.Request.Context(), &a); err != nil {
		return err
	}
	c.Header("Location", "/api/v1/actors/"+a.ID)
	return h.writeActor(c, http.StatusCreated, &a)
}

// ReplaceActor godoc
//
//	@ID			replaceActor
//	@Summary		Replace an actor
//	@Description	Replaces every writable field: omitted fields are cleared, but producer, producer_updated_on and contact_public, which are kept when left out (as a sync batch keeps them; producer and producer_updated_on sent null or "" are cleared; null on contact_public, a boolean, is 400 naming it), and, in a person's replacement of a partner's record, source and source_id, kept when left out too (another value is 403). Send If-Match with the ETag you read to avoid overwriting someone else's change (412 if it changed). Who: administrators; coordinators of the actor's territory; managers of the actor or of its network; partner clients with the directory:write scope for records of their own source. A structure's own decisions need its managers (its own or its network's) or an administrator, never a coordinator's right to edit the territory: changing parent_id (joining, moving or leaving a network, whose managers then manage the structure's team; joining also needs to manage the network) and, for a structure with a team, setting contact_public to true (403 naming the field; partners get the same for a structure with a team). Each is recorded in the structure's security trail (actor.network_changed, actor.contact_public_changed).
//	@Tags			actors
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			id			path		string		true	"Actor id"	format(uuid)
//	@Param			If-Match	header		string		false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header		string		false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Param			actor		body		ActorInput	true	"The actor"
//	@Success		200			{object}	ActorRecord
//	@Header			200			{string}	ETag	"New version"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		410			{object}	Problem
//	@Failure		412			{object}	Problem	"The actor changed since you read it"
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/actors/{id} [put]
func (h *Handler) ReplaceActor(c *gin.Context) error {
	var sent ActorInput
	var members map[string]json.RawMessage
	read := func() (err error) {
		members, err = decodeReplacement(c, &sent, actorBooleans)
		return err
	}
	return h.updateActor(c, read, func(cur *models.Actor, in *ActorInput) error {
		*in = sent
		keepPartnersKeys(principal(c), cur, in, members)
		// Left out, contact_public keeps the structure's choice, as a
		// sync keeps it: a PUT of an older schema hid the contacts a
		// structure shows.
		if !has(members, "contact_public") {
			in.ContactPublic = cur.ContactPublic
		}
		return nil
	})
}

// PatchActor godoc
//
//	@ID			patchActor
//	@Summary		Update some fields of an actor
//	@Description	Applies a JSON Merge Patch (RFC 7396): fields present are set, null clears a field, absent fields are kept; contact_public, a boolean, cannot be cleared (null: 400 naming it). Send If-Match to avoid lost updates. Who: administrators; coordinators of the actor's territory; managers of the actor or of its network; partner clients with the directory:write scope for records of their own source. A structure's own decisions need its managers (its own or its network's) or an administrator, never a coordinator's right to edit the territory: changing parent_id (joining, moving or leaving a network, whose managers then manage the structure's team; joining also needs to manage the network) and, for a structure with a team, setting contact_public to true (403 naming the field; partners get the same for a structure with a team). Each is recorded in the structure's security trail (actor.network_changed, actor.contact_public_changed). A patch that changes nothing is a save that confirms the record: 200 with a new version and ETag, checked_on today, a history entry without changes, a feed entry and webhooks.
//	@Tags			actors
//	@Accept			json
//	@Accept			application/merge-patch+json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			id			path		string		true	"Actor id"	format(uuid)
//	@Param			If-Match	header		string		false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header		string		false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Param			patch		body		ActorInput	true	"The fields to change"
//	@Success		200			{object}	ActorRecord
//	@Header			200			{string}	ETag	"New version"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		410			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/actors/{id} [patch]
func (h *Handler) PatchActor(c *gin.Context) error {
	var patch []byte
	read := func() (err error) {
		// contact_public is a boolean: null is refused, as a service's.
		patch, err = readPatch(c, &ActorInput{}, actorBooleans...)
		return err
	}
	return h.updateActor(c, read, func(cur *models.Actor, in *ActorInput) error {
		base := newActorInput(cur)
		return applyPatch(patch, &base, in)
	})
}

// updateActor changes an actor: read reads and checks the body, before the
// store's write transaction is opened (a body is never read, nor a hostile
// one judged, while the single writer is held: a slow upload, or a patch
// nested 10,000 deep, held every other write); apply then makes the new
// state from the current one, inside it.
func (h *Handler) updateActor(c *gin.Context, read func() error, apply func(cur *models.Actor, in *ActorInput) error) error {
	ctx := c.Request.Context()
	id := c.Param("id")
	p := principal(c)
	ref, err := h.Store.ActorRef(ctx, id)
	if err != nil {
		return err
	}
	if !p.CanEditActor(ref) {
		return models.Errorf(models.EFORBIDDEN, "Your account may not change this actor.")
	}
	pre, err := preconditions(c)
	if err != nil {
		return err
	}
	if err := read(); err != nil {
		return err
	}
	// The new state is authorised by the store, like every other path to
	// the same change (models.Principal.AuthorizeActorChange): moving the
	// actor out of the caller's territory, into a network it may not edit
	// or into a partner's source is refused.
	a, err := h.Store.UpdateActor(ctx, id, pre, func(cur *models.Actor) error {
		var in ActorInput
		if err := apply(cur, &in); err != nil {
			return err
		}
		in.toModel(cur)
		return nil
	})
	if err != nil {
		return err
	}
	return h.writeActor(c, http.StatusOK, a)
}

// ArchiveActor godoc
//
//	@ID			archiveActor
//	@Summary		Archive an actor
//	@Description	Removes the actor and its services from the directory. The record stays as a tombstone (GET answers 410, change feeds report the deletion). An actor that heads active child actors cannot be archived (409). Who: administrators; coordinators of the actor's territory; managers of the actor or of its network; partner clients with the directory:write scope for records of their own source.
//	@Tags			actors
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			id			path	string	true	"Actor id"	format(uuid)
//	@Param			If-Match	header	string	false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header	string	false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Success		204			"Archived"
//	@Failure		400			{object}	Problem	"An unknown query parameter, or a malformed If-Match or If-None-Match"
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"The actor heads active child actors"
//	@Failure		410			{object}	Problem	"Already archived"
//	@Failure		412			{object}	Problem
//	@Router			/api/v1/actors/{id} [delete]
func (h *Handler) ArchiveActor(c *gin.Context) error {
	id := c.Param("id")
	ref, err := h.Store.ActorRef(c.Request.Context(), id)
	if err != nil {
		return err
	}
	if !principal(c).CanEditActor(ref) {
		return models.Errorf(models.EFORBIDDEN, "Your account may not archive this actor.")
	}
	pre, err := preconditions(c)
	if err != nil {
		return err
	}
	if _, err := h.Store.ArchiveActor(c.Request.Context(), id, pre); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// RestoreActor godoc
//
//	@ID			restoreActor
//	@Summary		Restore an archived actor
//	@Description	Brings an archived actor back into the directory, with the services archived with it (each in the status it had). Its network must be active (409 otherwise), unless leave_network=true restores it outside the network (parent_id cleared, recorded in its history as a change of parent_id and authorised as one): the way back for a place whose network was archived after it. An actor that is not archived answers 409. Recorded in the actor's history (action restore); the change feed reports it as an update with the record. Who: those who may edit the actor (administrators; coordinators of its territory; managers of the actor or of its network; partner clients with directory:write for their own source); an actor an administrator archived, only an administrator (403 otherwise, saying so).
//	@Tags			actors
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[directory:write]
//	@Param			id			path		string	true	"Actor id"	format(uuid)
//	@Param			leave_network	query	bool	false	"true: restore the actor outside its network (parent_id cleared), for a place whose network is archived or gone"
//	@Param			If-Match	header		string	false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header		string	false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Success		200			{object}	ActorRecord
//	@Header			200			{string}	ETag	"New version"
//	@Failure		400			{object}	Problem	"An unknown query parameter, leave_network not true or false, or a malformed If-Match or If-None-Match"
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"Not allowed to edit the actor, or (leave_network) to change its parent_id, or an administrator archived it"
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"Not archived, its network is archived or gone (restore the network first, or send leave_network=true), or it would come back with more than 300 services that are not archived"
//	@Failure		412			{object}	Problem
//	@Router			/api/v1/actors/{id}/restore [post]
func (h *Handler) RestoreActor(c *gin.Context) error {
	ctx := c.Request.Context()
	id := c.Param("id")
	ref, err := h.Store.ActorRef(ctx, id)
	if err != nil {
		return err
	}
	if !principal(c).CanEditActor(ref) {
		return models.Errorf(models.EFORBIDDEN, "Your account may not restore this actor.")
	}
	pre, err := preconditions(c)
	if err != nil {
		return err
	}
	q := queryOf(c)
	opt := models.RestoreOptions{LeaveNetwork: q.flag("leave_network")}
	if err := q.err(); err != nil {
		return err
	}
	a, err := h.Store.RestoreActor(ctx, id, pre, opt)
	if err != nil {
		return err
	}
	return h.writeActor(c, http.StatusOK, a)
}
