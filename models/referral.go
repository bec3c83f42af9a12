package models

import (
	"carnet/models/textlen"
	"strings"
	"time"

	"gorm.io/gorm"

	"carnet/models/contact"
	"carnet/models/vocab"
)

// Referral statuses. sent is the only initial status; the closed ones end
// the lifecycle.
const (
	ReferralSent      = "sent"
	ReferralAccepted  = "accepted"
	ReferralRefused   = "refused"
	ReferralCompleted = "completed"
	ReferralNoShow    = "no_show"
	ReferralCancelled = "cancelled"
	ReferralExpired   = "expired"
	// ReferralForwarded: the receiving structure sent the person on to
	// another service; a new referral continues from there.
	ReferralForwarded = "forwarded"
	// ReferralNoOutcome: accepted long ago and never closed; the platform
	// closes it so that it stops counting as open (statistics keep it).
	ReferralNoOutcome = "no_outcome"
)

// ReferralStatuses lists every status, in lifecycle order.
var ReferralStatuses = []string{ReferralSent, ReferralAccepted, ReferralRefused, ReferralCompleted, ReferralNoShow, ReferralCancelled, ReferralExpired, ReferralForwarded, ReferralNoOutcome}

// Sides of a referral: who may make a transition.
const (
	SideSender   = "sender"   // members of the sending structure
	SideReceiver = "receiver" // members of the receiving structure
	SideSystem   = "system"   // the maintenance job (expiry, no outcome)
)

// referralTransitions is the lifecycle: from a status, which statuses may
// follow, and which side may make each move.
var referralTransitions = map[string]map[string]string{
	ReferralSent: {
		ReferralAccepted:  SideReceiver,
		ReferralRefused:   SideReceiver,
		ReferralCancelled: SideSender,
		ReferralExpired:   SideSystem,
		ReferralForwarded: SideReceiver,
	},
	ReferralAccepted: {
		ReferralCompleted: SideReceiver,
		ReferralNoShow:    SideReceiver,
		ReferralCancelled: SideSender,
		ReferralForwarded: SideReceiver,
		ReferralNoOutcome: SideSystem,
	},
}

// ReferralSideFor returns which side may move a referral from one status to
// another, and false when the lifecycle does not allow the move.
func ReferralSideFor(from, to string) (string, bool) {
	side, ok := referralTransitions[from][to]
	return side, ok
}

// IsClosedReferralStatus reports whether a status ends the lifecycle.
func IsClosedReferralStatus(s string) bool {
	switch s {
	case ReferralRefused, ReferralCompleted, ReferralNoShow, ReferralCancelled, ReferralExpired, ReferralForwarded, ReferralNoOutcome:
		return true
	}
	return false
}

// Refusal reasons: a fixed list so that statistics can count them; the
// precision is free text (and personal data).
var RefusalReasons = []string{
	"not_eligible",    // the person does not meet the service's conditions
	"service_full",    // no place left
	"wrong_service",   // the service does not fit the need
	"not_reachable",   // the person could not be reached
	"person_declined", // the person no longer wants the service
	"duplicate",       // the person was already referred or followed
	"other",           // precision required
}

// Contact channels a person may prefer.
const (
	ContactPhone    = "phone"
	ContactEmail    = "email"
	ContactReferent = "referent" // through the helper who sent the referral
)

// Referral sends a person from one structure to another's service. The
// person's data is in the Person*, Contact*, Situation, Availability,
// Message and RefusalDetails fields only: retention erases exactly those.
type Referral struct {
	ID          string `gorm:"primaryKey"`
	FromActorID string
	SenderID    string
	ToServiceID string
	ToActorID   string
	Themes      StringList

	Situation       string
	PersonFirstName string
	PersonLastName  string
	ContactChannel  string
	ContactValue    string
	Availability    string
	Message         string
	RefusalDetails  string

	ConsentOn          string // YYYY-MM-DD
	ReferentCommitment bool

	Status        string
	RefusalReason string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	AcceptedAt    *time.Time
	ClosedAt      *time.Time
	AnonymizedAt  *time.Time
	Version       int64

	// HandlerID is the member of the receiving structure who accepted it.
	HandlerID string
	// ForwardedFromID and ForwardedToID link a forwarded referral and the
	// one it became ("" when none).
	ForwardedFromID string
	ForwardedToID   string
	// ForwardedFromSentAt is, for a forwarded referral, when the referral
	// it continues was sent: when its sending structure (the forwarder)
	// received the personal data it carries. nil otherwise. ReadTrace
	// counts from it for that structure's members (see entrustedAt).
	ForwardedFromSentAt *time.Time
	// ToEntrustedAt is, for a referral forwarded to a structure that
	// already held the person's data through an earlier referral of its
	// chain (A → B forwarded back to A), when it first did; nil otherwise.
	// ReadTrace counts from it for that structure's members.
	ToEntrustedAt *time.Time
	// RemindedStatus is the status in which the last reminder was sent.
	RemindedStatus string
	RemindedAt     *time.Time
	// StatsKey is the referral's record key for the statistics' cell-key
	// perturbation (models.Perturb), drawn at random once at creation from
	// 1 to 256. It is not personal data and outlives the erasure.
	StatsKey int
}

// BeforeCreate draws the record key of a new referral (forwards included).
func (r *Referral) BeforeCreate(*gorm.DB) error {
	if r.StatsKey == 0 {
		r.StatsKey = newStatsKey()
	}
	return nil
}

// Limits on referral text: enough to explain a situation, not a file.
const (
	maxPersonName = 100
	maxReferralTx = 2000
)

// Normalize trims the fields and canonicalises themes and contacts.
func (r *Referral) Normalize() {
	r.FromActorID = NormalID(r.FromActorID)
	r.ToServiceID = NormalID(r.ToServiceID)
	r.Themes = normalizeVocab(vocab.NameThemes, r.Themes)
	for _, f := range []*string{&r.Situation, &r.PersonFirstName, &r.PersonLastName, &r.ContactChannel, &r.ContactValue, &r.Availability, &r.Message, &r.ConsentOn} {
		*f = strings.TrimSpace(*f)
	}
	switch r.ContactChannel {
	case ContactPhone:
		if n, err := contact.NormalizePhone(r.ContactValue, ""); err == nil {
			r.ContactValue = n
		}
	case ContactEmail:
		if n, err := contact.NormalizeEmail(r.ContactValue); err == nil {
			r.ContactValue = n
		}
	}
}

// Validate checks a new referral. Reasons never quote the person's data:
// error messages are logged by clients and proxies.
func (r *Referral) Validate(now time.Time) error {
	var fe FieldErrors
	if !ValidID(r.FromActorID) {
		fe.Add("from_actor_id", "must be the id of your structure")
	}
	if !ValidID(r.ToServiceID) {
		fe.Add("to_service_id", "must be the id of a service")
	}
	if len(r.Themes) == 0 {
		fe.Add("themes", "at least one need (a theme) is required")
	}
	checkVocabQuiet(&fe, "themes", vocab.NameThemes, r.Themes)
	personText := func(field, v string, max int, required bool) {
		n := textlen.Of(v)
		switch {
		case required && n == 0:
			fe.Add(field, "is required")
		case n > max:
			fe.Addf(field, "must be at most %d characters", max)
		default:
			checkText(&fe, field, v, max >= maxMultiline)
		}
	}
	personText("person.first_name", r.PersonFirstName, maxPersonName, true)
	personText("person.last_name", r.PersonLastName, maxPersonName, true)
	personText("situation", r.Situation, maxReferralTx, false)
	personText("person.availability", r.Availability, maxShortText, false)
	personText("message", r.Message, maxReferralTx, false)
	switch r.ContactChannel {
	case ContactPhone:
		if _, err := contact.NormalizePhone(r.ContactValue, ""); err != nil {
			fe.Add("person.contact", "is not a valid phone number (write it like 06 12 34 56 78 or +33 6 12 34 56 78)")
		}
	case ContactEmail:
		if _, err := contact.NormalizeEmail(r.ContactValue); err != nil {
			fe.Add("person.contact", "is not a valid e-mail address")
		}
	case ContactReferent:
		if r.ContactValue != "" {
			fe.Add("person.contact", "must be empty when the person is reached through the referent")
		}
	default:
		fe.Add("person.contact_channel", "must be phone, email or referent")
	}
	// The day the person agreed: a day (a date-time sent was answered « is
	// required »), not after today, and not a placeholder — the zero dates
	// of programs and spreadsheets (0000-01-01, 1900-01-01) are no day
	// anyone agreed, as for producer_updated_on (ProducerDateFloor). « After
	// today » is the producers' rule (AppendLatestProducerDate): after the
	// day after today in UTC, the latest day that is today somewhere in
	// France's zones — a structure in Nouméa (UTC+11) records its today from
	// 13:00 UTC, refused « in the future » before.
	latest := string(AppendLatestProducerDate(nil, now))
	switch _, err := time.Parse(time.DateOnly, r.ConsentOn); {
	case r.ConsentOn == "":
		fe.Add("consent.given_on", "is required: the date the person agreed, YYYY-MM-DD")
	case err != nil:
		fe.Add("consent.given_on", "must be a day written YYYY-MM-DD (the date the person agreed, without a time)")
	case r.ConsentOn > latest:
		fe.Add("consent.given_on", "cannot be in the future: at the latest "+latest+", the day after today in UTC (today somewhere in France)")
	case r.ConsentOn < ProducerDateFloor:
		fe.Add("consent.given_on", "is before "+ProducerDateFloor+": a placeholder (the zero date of a program or spreadsheet), not the day the person agreed")
	}
	if !r.ReferentCommitment {
		fe.Add("consent.referent_commitment", "must be true: the sender commits to the data-protection rules")
	}
	return fe.Err("The referral is invalid.")
}

// Why a read of a referral's personal data was traced (the reason in the
// trail entry's details).
const (
	ReadByAdministrator      = "platform_administrator"
	ReadByMemberJoinedAfter  = "joined_after_the_referral"
	ReadCredentialsDisclosed = "password_set_through_another_s_reset"
	// ReadByOutsider: a call (never answered, see
	// Store.RecordReferralOutsiderAttempt) by someone who belongs to
	// neither structure and is no administrator: a member of another
	// structure, a coordinator, a member since removed.
	ReadByOutsider = "outside_both_structures"
)

// readsUntraced says whether issuer (the one an account's credentials were
// disclosed to) could read r themself without a trace: an ordinary member
// of one of its structures since before that structure was entrusted with
// the data. An administrator, an outsider, a member who joined after, or an
// issuer whose account is gone (nil) could not: reading r through the
// account they hold the password of must not be the way round that.
func (issuer *Principal) readsUntraced(r *Referral) bool {
	if issuer == nil || issuer.IsAdmin() {
		return false
	}
	for _, m := range issuer.Memberships {
		if (m.ActorID == r.FromActorID || m.ActorID == r.ToActorID) && !m.Since.After(r.entrustedAt(m.ActorID)) {
			return true
		}
	}
	return false
}

// ReadTrace says whether p reading r's personal data must leave a trace in
// its structures' security trail, and why: every read by someone who is not
// an ordinary, long-standing member of one of its two structures — a
// platform administrator (who may add themself to any team), a member who
// joined after the structure was entrusted with the person's data (and so
// was not among the people the sender entrusted it to), or an account whose
// password was set with a token its issuer was shown (a reset, or the
// invitation that created the account, delivered by hand), when the
// password was set after that, or when the issuer could not read r
// untraced themself (whoever reads may be that issuer: an administrator or
// a network's manager who planted or took over a member account must not
// read through it what their own reads would have traced). The last comes
// first: it is the one a structure's managers most need to know.
//
// A structure is entrusted with the data when the referral is sent to it,
// or, for the structure that forwarded a referral, when the referral it
// forwarded was sent to it: the new referral carries the same data, and a
// forward by an account taken over since, or by a member who joined since,
// must not turn reads that were traced into reads that are not.
func (p *Principal) ReadTrace(r *Referral) (bool, string) {
	entrusted := r.CreatedAt
	if p.BelongsTo(r.FromActorID) {
		entrusted = r.entrustedAt(r.FromActorID)
	}
	if d := p.CredentialsDisclosedAt; d != nil && (entrusted.Before(*d) || !p.DisclosedTo.readsUntraced(r)) {
		return true, ReadCredentialsDisclosed
	}
	if p.IsAdmin() {
		return true, ReadByAdministrator
	}
	// Traced when every membership p has in the two structures began
	// after that structure was entrusted with the data.
	member, joinedAfter := false, true
	for _, m := range p.Memberships {
		if m.ActorID == r.FromActorID || m.ActorID == r.ToActorID {
			member = true
			if !m.Since.After(r.entrustedAt(m.ActorID)) {
				joinedAfter = false
			}
		}
	}
	if member && joinedAfter {
		return true, ReadByMemberJoinedAfter
	}
	return false, ""
}

// entrustedAt is when actorID, one of r's two structures, received r's
// personal data: when r was sent, except for the sending structure of a
// forwarded referral, which received it with the referral it forwarded.
func (r *Referral) entrustedAt(actorID string) time.Time {
	if actorID == r.FromActorID && r.ForwardedFromSentAt != nil && r.ForwardedFromSentAt.Before(r.CreatedAt) {
		return *r.ForwardedFromSentAt
	}
	if actorID == r.ToActorID && r.ToEntrustedAt != nil && r.ToEntrustedAt.Before(r.CreatedAt) {
		return *r.ToEntrustedAt
	}
	return r.CreatedAt
}
