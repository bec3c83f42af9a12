package handlers

import (
	"cmp"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/vocab"
)

// PersonInput is the person referred: only what the receiving structure
// needs to contact and help them. No birth date, no social security number.
type PersonInput struct {
	FirstName string `json:"first_name" example:"Nadia" minLength:"1" maxLength:"100"`
	LastName  string `json:"last_name" example:"B." minLength:"1" maxLength:"100"`
	// How the person prefers to be contacted: phone, email, or through the referent (the sender).
	ContactChannel string `json:"contact_channel" enums:"phone,email,referent" example:"phone"`
	// The phone number or e-mail; empty with referent.
	Contact string `json:"contact,omitempty" example:"06 12 34 56 78"`
	// When the person is available, in words.
	Availability string `json:"availability,omitempty" example:"Les matins sauf le mercredi" maxLength:"500"`
}

// ConsentInput records the person's consent and the referent's commitment.
type ConsentInput struct {
	// The person agreed to be referred and to share these data: must be true (false is refused, 422).
	Given bool `json:"given" enums:"true"`
	// The day they agreed: not after today, and not before 2000-01-01 (a placeholder such as 1900-01-01 is refused).
	GivenOn string `json:"given_on" format:"date" example:"2026-11-20"`
	// The sender commits to the data-protection rules of the platform: must be true (false is refused, 422).
	ReferentCommitment bool `json:"referent_commitment" enums:"true"`
}

// ReferralInput sends a person to another structure's service.
type ReferralInput struct {
	// The sending structure, which the caller belongs to.
	FromActorID string `json:"from_actor_id" format:"uuid"`
	ToServiceID string `json:"to_service_id" format:"uuid"`
	// The person's needs.
	Themes []string `json:"themes" extensions:"x-vocabulary=themes" example:"Aide aux démarches administratives" validate:"min=1,max=20"`
	// The situation in a few words, without health or other sensitive details.
	Situation string        `json:"situation,omitempty" example:"Doit renouveler sa carte de séjour en ligne, pas d'ordinateur." maxLength:"2000"`
	Person    *PersonInput  `json:"person"`
	Message   string        `json:"message,omitempty" example:"Personne très angoissée par les démarches en ligne." maxLength:"2000"`
	Consent   *ConsentInput `json:"consent"`
}

// referralErrors names at once every field of a new referral's body that is
// wrong: a person or a consent sent as null or left out, a consent not
// given (which the model does not keep), and the model's own checks of r,
// built from in — returning at the first of them named consent.given alone
// for {"person":null,"consent":null}. A null object is named itself, not
// each of its fields. nil when only the model's checks fail: the store
// makes them. (Person and Consent are pointers so that null is told apart
// from {}.)
func referralErrors(in *ReferralInput, r models.Referral, now time.Time) error {
	var fe models.FieldErrors
	if in.Person == nil {
		fe.Add("person", "is required: the person's names and how to reach them")
	}
	switch {
	case in.Consent == nil:
		fe.Add("consent", "is required: the person's consent and the referent's commitment")
	case !in.Consent.Given:
		fe.Add("consent.given", "must be true: the person must agree to be referred")
	}
	if len(fe) == 0 {
		return nil
	}
	r.Normalize()
	var e *models.Error
	if errors.As(r.Validate(now), &e) {
		for _, f := range e.Fields {
			if in.Person == nil && strings.HasPrefix(f.Field, "person.") || in.Consent == nil && strings.HasPrefix(f.Field, "consent.") {
				continue
			}
			fe = append(fe, f)
		}
	}
	return fe.Err("The referral is invalid.")
}

// Person is the referred person as the two structures see it; every field
// is "" once the referral is anonymised.
type Person struct {
	FirstName      string `json:"first_name"`
	LastName       string `json:"last_name"`
	ContactChannel string `json:"contact_channel" enums:"phone,email,referent"`
	Contact        string `json:"contact"`
	Availability   string `json:"availability"`
}

// Consent is the recorded consent.
type Consent struct {
	GivenOn            string `json:"given_on" example:"2026-11-20"`
	ReferentCommitment bool   `json:"referent_commitment"`
}

// Named is a structure or a service with its name.
type Named struct {
	ID   string `json:"id" format:"uuid"`
	Name string `json:"name"`
}

// ReferralService is the service a referral was sent to, with whether it
// still takes people: no new referral reaches a service archived or in
// draft (422), and an open one may still be followed up, both sides told
// by these fields.
type ReferralService struct {
	ID   string `json:"id" format:"uuid"`
	Name string `json:"name"`
	// The service's publication status now: published, draft (taken
	// offline by its structure) or archived.
	Status string `json:"status" enums:"published,draft,archived"`
	// When the service was archived; null otherwise.
	ArchivedAt *Time `json:"archived_at" format:"date-time" extensions:"x-nullable"`
}

// ReferralStructure is one of a referral's two structures with its contact
// points, so that each side knows how to reach the other.
type ReferralStructure struct {
	ID       string   `json:"id" format:"uuid"`
	Name     string   `json:"name"`
	Phones   []string `json:"phones"`
	Emails   []string `json:"emails"`
	Websites []string `json:"websites"`
	Address  Address  `json:"address"`
	// Opening hours in OpenStreetMap syntax; "" when unknown.
	OpeningHours string `json:"opening_hours"`
	// When the structure was archived (it left the directory); null
	// otherwise. An open referral with an archived structure can only be
	// closed: the archived structure may refuse it, record its outcome or
	// cancel it, and a sender whose receiving structure was archived
	// cancels it and refers the person elsewhere (409 on anything else).
	ArchivedAt *Time `json:"archived_at" format:"date-time" extensions:"x-nullable"`
}

// ContactCard is a person who acted on a referral, as the two structures
// see them: the name, role and function they chose, and the professional
// contact they share (PATCH /api/v1/me). A deleted account reads
// « compte supprimé » and nothing else.
type ContactCard struct {
	ID          string `json:"id" format:"uuid"`
	DisplayName string `json:"display_name" example:"Camille Martin"`
	// Their role in the structure they acted for; "" once they left it.
	Role     string `json:"role" example:"member"`
	JobTitle string `json:"job_title" example:"Conseillère numérique"`
	// Their professional e-mail when verified (their login address); "" otherwise.
	Email   string `json:"email" example:"camille.martin@mediatheque.example.fr"`
	Phone   string `json:"phone" example:"+33491000000"`
	Deleted bool   `json:"deleted"`
	// They are no longer of the structure they acted for: the card gives
	// their name only (no job_title, e-mail nor phone); reach the
	// structure through its own contact points.
	Left bool `json:"left"`
}

// ReferralEvent is one step of the lifecycle.
type ReferralEvent struct {
	// status: the referral entered status; message: a message was posted (read it at /messages); reminder: the platform reminded the receiving structure.
	Kind   string `json:"kind" enums:"status,message,reminder"`
	Status string `json:"status" enums:"sent,accepted,refused,completed,no_show,cancelled,expired,forwarded,no_outcome"`
	At     Time   `json:"at" format:"date-time"`
	// Who acted: a member (user) or the platform (system).
	Who Who `json:"who"`
	// The structure on whose behalf they acted; "" for the platform.
	ActorID string `json:"actor_id" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	// The refusal reason code, when refused; "" otherwise.
	RefusalReason string `json:"refusal_reason" example:"service_full"`
	// Deprecated: the former name of who.id, sent until version 1.2.
	ByUserID string `json:"by_user_id"`
	// Deprecated: the former name of actor_id, sent until version 1.2.
	ByActorID string `json:"by_actor_id"`
	// Deprecated: the former name of refusal_reason, sent until version 1.2.
	Reason string `json:"reason"`
}

// ForwardedTo says where a forwarded referral went.
type ForwardedTo struct {
	// The new referral, readable by the members of the forwarding and the new receiving structure.
	ID        string `json:"id" format:"uuid"`
	ToService Named  `json:"to_service"`
	ToActor   Named  `json:"to_actor"`
}

// Referral is a referral as the members of its two structures see it.
type Referral struct {
	ID        string            `json:"id" format:"uuid"`
	FromActor ReferralStructure `json:"from_actor"`
	// Deprecated: the former name of sender.id, sent until version 1.2.
	SenderID string `json:"sender_id" format:"uuid"`
	// Who sent it, and how to reach them.
	Sender    ContactCard       `json:"sender"`
	ToService ReferralService   `json:"to_service"`
	ToActor   ReferralStructure `json:"to_actor"`
	// The member of the receiving structure who accepted it; null before.
	AcceptedBy *ContactCard `json:"accepted_by" extensions:"x-nullable"`
	Themes     []string     `json:"themes" extensions:"x-vocabulary=themes"`
	Situation  string       `json:"situation"`
	Person     Person       `json:"person"`
	Message    string       `json:"message"`
	Consent    Consent      `json:"consent"`
	Status     string       `json:"status" enums:"sent,accepted,refused,completed,no_show,cancelled,expired,forwarded,no_outcome"`
	// A code from the fixed list, when refused; "" otherwise.
	RefusalReason string `json:"refusal_reason" example:""`
	// The precision given with the refusal; "" otherwise.
	RefusalDetails string `json:"refusal_details"`
	CreatedAt      Time   `json:"created_at" format:"date-time"`
	UpdatedAt      Time   `json:"updated_at" format:"date-time"`
	AcceptedAt     *Time  `json:"accepted_at" format:"date-time" extensions:"x-nullable"`
	ClosedAt       *Time  `json:"closed_at" format:"date-time" extensions:"x-nullable"`
	// When the person's data was erased (retention); null before.
	AnonymizedAt *Time `json:"anonymized_at" format:"date-time" extensions:"x-nullable"`
	// The referral this one continues, when a structure forwarded it here; null otherwise.
	ForwardedFromID *string `json:"forwarded_from_id" format:"uuid" extensions:"x-nullable"`
	// Where the person was sent on, when forwarded; null otherwise.
	ForwardedTo *ForwardedTo `json:"forwarded_to" extensions:"x-nullable"`
	// When the platform last reminded the receiving structure; null if never.
	RemindedAt *Time `json:"reminded_at" format:"date-time" extensions:"x-nullable"`
	Version    int64 `json:"version"`
	// The lifecycle so far (in GET of one referral).
	Events []ReferralEvent `json:"events,omitempty"`
}

// ReferralList is one page of referrals, newest first.
type ReferralList struct {
	Data  []Referral `json:"data"`
	Meta  ListMeta   `json:"meta"`
	Links ListLinks  `json:"links"`
}

// ReferralTransitionInput moves a referral along its lifecycle.
type ReferralTransitionInput struct {
	// accepted, refused, completed or no_show (the receiving structure); cancelled (the sending structure).
	Status string `json:"status" enums:"accepted,refused,completed,no_show,cancelled" example:"refused"`
	// When refusing: not_eligible, service_full, wrong_service, not_reachable, person_declined, duplicate or other.
	RefusalReason string `json:"refusal_reason,omitempty" enums:"not_eligible,service_full,wrong_service,not_reachable,person_declined,duplicate,other" example:"service_full"`
	// When refusing: a precision (required with other).
	RefusalDetails string `json:"refusal_details,omitempty" example:"Plus de place avant janvier."`
	// Deprecated: the former name of refusal_reason, accepted until version 1.2.
	Reason string `json:"reason,omitempty"`
	// Deprecated: the former name of refusal_details, accepted until version 1.2.
	Details string `json:"details,omitempty"`
}

// refusal returns the refusal's reason and details under their names or
// their former ones (reason, details); giving both names is refused.
func (in *ReferralTransitionInput) refusal() (reason, details string, err error) {
	var fe models.FieldErrors
	if in.RefusalReason != "" && in.Reason != "" {
		fe.Add("reason", "is the former name of refusal_reason: give only refusal_reason")
	}
	if in.RefusalDetails != "" && in.Details != "" {
		fe.Add("details", "is the former name of refusal_details: give only refusal_details")
	}
	if len(fe) > 0 {
		return "", "", &models.Error{Code: models.EBADREQUEST, Message: "The transition names a field twice.", Fields: fe}
	}
	return cmp.Or(in.RefusalReason, in.Reason), cmp.Or(in.RefusalDetails, in.Details), nil
}

// renameFields names the store's fields reason and details as the body
// did: refusal_reason and refusal_details, or their former names when
// those were sent. The client is told the field it sent and must change.
func (in *ReferralTransitionInput) renameFields(err error) error {
	e, ok := err.(*models.Error)
	if !ok {
		return err
	}
	for i := range e.Fields {
		switch {
		case e.Fields[i].Field == "reason" && in.Reason == "":
			e.Fields[i].Field = "refusal_reason"
		case e.Fields[i].Field == "details" && in.Details == "":
			e.Fields[i].Field = "refusal_details"
		}
	}
	return err
}

// ReferralChange is one status change in the feed.
type ReferralChange struct {
	// The change's place in the feed, as a value of its own: pass the last one read as cursor to go on. It says
	// nothing of the platform's other referrals (it is not a count, and entries are not ordered by it).
	Seq int64 `json:"seq"`
	// status: the referral entered status; message: a message was posted (never its text); reminder: the platform reminded the receiving structure.
	Kind       string `json:"kind" enums:"status,message,reminder"`
	ReferralID string `json:"referral_id" format:"uuid"`
	Status     string `json:"status" enums:"sent,accepted,refused,completed,no_show,cancelled,expired,forwarded,no_outcome"`
	// The refusal reason code, when refused; "" otherwise.
	RefusalReason string `json:"refusal_reason" example:""`
	// Deprecated: the former name of refusal_reason, sent until version 1.2.
	Reason string `json:"reason"`
	At     Time   `json:"at" format:"date-time"`
	// sent or received, from the caller's structures' point of view.
	Direction string `json:"direction" enums:"sent,received"`
	// Where to read the referral (needs a member's login).
	Link string `json:"link" example:"/api/v1/referrals/019372a4-…"`
}

// ReferralChanges is one page of the feed, in the envelope of every feed.
type ReferralChanges struct {
	Data  []ReferralChange `json:"data"`
	Meta  FeedMeta         `json:"meta"`
	Links FeedLinks        `json:"links"`
	// Deprecated: the former place of meta.next_cursor, sent until version 1.2.
	NextCursor string `json:"next_cursor" example:"1042"`
	// Deprecated: the former place of meta.has_more, sent until version 1.2.
	HasMore bool `json:"has_more"`
}

// namer finds structures, services and people for referral answers, once
// per id within a request: a page of referrals mostly names the same few.
type namer struct {
	h        *Handler
	c        *gin.Context
	actors   map[string]*models.Actor
	services map[string]*models.Service
	cards    map[string]*ContactCard
}

func (h *Handler) namer(c *gin.Context) *namer {
	return &namer{h: h, c: c, actors: map[string]*models.Actor{}, services: map[string]*models.Service{}, cards: map[string]*ContactCard{}}
}

func (n *namer) actorRow(id string) *models.Actor {
	if a, ok := n.actors[id]; ok {
		return a
	}
	a, err := n.h.Store.GetActor(n.c.Request.Context(), id)
	if err != nil {
		a = nil
	}
	n.actors[id] = a
	return a
}

func (n *namer) actor(id string) string {
	if a := n.actorRow(id); a != nil {
		return a.Name
	}
	return ""
}

// structure is an actor with its contact points. The two structures of a
// referral see each other's phones and e-mails whatever contact_public
// says: that flag is about open data, and these structures work together.
func (n *namer) structure(id string) ReferralStructure {
	out := ReferralStructure{ID: id, Phones: []string{}, Emails: []string{}, Websites: []string{}}
	if a := n.actorRow(id); a != nil {
		out.Name, out.Phones, out.Emails, out.Websites, out.OpeningHours = a.Name, list(a.Phones), list(a.Emails), list(a.Websites), a.OpeningHours
		out.ArchivedAt = stampPtr(a.ArchivedAt)
		out.Address = Address{Street: a.Address.Street, Complement: a.Address.Complement, PostalCode: a.Address.PostalCode, Commune: a.Address.Commune, InseeCode: a.Address.InseeCode}
	}
	return out
}

func (n *namer) service(id string) string { return n.serviceRow(id).Name }

func (n *namer) serviceRow(id string) *models.Service {
	if sv, ok := n.services[id]; ok {
		return sv
	}
	sv, err := n.h.Store.GetService(n.c.Request.Context(), id)
	if err != nil {
		sv = &models.Service{ID: id}
	}
	n.services[id] = sv
	return sv
}

// serviceState is a referral's service with its status now.
func (n *namer) serviceState(id string) ReferralService {
	sv := n.serviceRow(id)
	out := ReferralService{ID: id, Name: sv.Name, Status: sv.Status, ArchivedAt: stampPtr(sv.ArchivedAt)}
	if sv.IsArchived() {
		out.Status = vocab.ServiceArchived
	}
	return out
}

// card is userID acting for actorID.
func (n *namer) card(userID, actorID string) ContactCard {
	key := userID + "/" + actorID
	if c, ok := n.cards[key]; ok {
		return *c
	}
	out := ContactCard{ID: userID, DisplayName: models.DeletedAccountLabel, Deleted: true}
	if c, err := n.h.Store.ContactCard(n.c.Request.Context(), userID, actorID); err == nil {
		out = ContactCard{ID: c.UserID, DisplayName: c.DisplayName, Role: string(c.Role), JobTitle: c.JobTitle, Email: c.Email, Phone: c.Phone, Deleted: c.Deleted, Left: c.Left}
	}
	n.cards[key] = &out
	return out
}

func newReferral(n *namer, r *models.Referral, events []models.ReferralEvent) Referral {
	out := Referral{ID: r.ID, SenderID: r.SenderID, Themes: list(r.Themes), Situation: r.Situation,
		Person:  Person{FirstName: r.PersonFirstName, LastName: r.PersonLastName, ContactChannel: r.ContactChannel, Contact: r.ContactValue, Availability: r.Availability},
		Message: r.Message, Consent: Consent{GivenOn: r.ConsentOn, ReferentCommitment: r.ReferentCommitment}, Status: r.Status,
		RefusalReason: r.RefusalReason, RefusalDetails: r.RefusalDetails, CreatedAt: stamp(r.CreatedAt), UpdatedAt: stamp(r.UpdatedAt),
		AcceptedAt: stampPtr(r.AcceptedAt), ClosedAt: stampPtr(r.ClosedAt), AnonymizedAt: stampPtr(r.AnonymizedAt), RemindedAt: stampPtr(r.RemindedAt), Version: r.Version,
		FromActor: n.structure(r.FromActorID), ToActor: n.structure(r.ToActorID), Sender: n.card(r.SenderID, r.FromActorID),
		ToService: n.serviceState(r.ToServiceID)}
	if r.HandlerID != "" {
		c := n.card(r.HandlerID, r.ToActorID)
		out.AcceptedBy = &c
	}
	if r.ForwardedFromID != "" {
		out.ForwardedFromID = &r.ForwardedFromID
	}
	if r.ForwardedToID != "" {
		if next, _, err := n.h.Store.GetReferral(n.c.Request.Context(), r.ForwardedToID); err == nil {
			out.ForwardedTo = &ForwardedTo{ID: next.ID, ToService: Named{ID: next.ToServiceID, Name: n.service(next.ToServiceID)},
				ToActor: Named{ID: next.ToActorID, Name: n.actor(next.ToActorID)}}
		}
	}
	for _, e := range events {
		who := Who{Kind: models.WhoSystem}
		if e.ByUserID != "" {
			// As the person was named when they acted (recorded with
			// the event); a name changed since renames nothing past.
			label := e.ByLabel
			if label == "" {
				label = n.card(e.ByUserID, e.ByActorID).DisplayName
			}
			who = Who{Kind: models.WhoUser, ID: e.ByUserID, Label: label}
		}
		out.Events = append(out.Events, ReferralEvent{Kind: e.Kind, Status: e.Status, At: stamp(e.At), Who: who, ActorID: e.ByActorID, RefusalReason: e.Reason,
			ByUserID: e.ByUserID, ByActorID: e.ByActorID, Reason: e.Reason})
	}
	return out
}

// peopleOnly refuses partner clients: referrals carry people's data and are
// handled by the structures' members themselves.
func peopleOnly(c *gin.Context) (*models.Principal, error) {
	p := principal(c)
	if p.IsPartner() {
		return nil, models.Errorf(models.EFORBIDDEN, "Referrals are handled by the structures' members; partner clients have no access.")
	}
	return p, nil
}

// myStructures lists the structures the caller belongs to.
func myStructures(p *models.Principal) []string {
	var ids []string
	for _, m := range p.Memberships {
		ids = append(ids, m.ActorID)
	}
	return ids
}

// CreateReferral godoc
//
//	@ID			createReferral
//	@Summary		Refer a person to another structure's service
//	@Description	A member of the sending structure sends a person to a service of another structure. The person's consent and the referent's commitment to the data-protection rules are required; only what is needed is accepted (unknown fields are refused). Only the members of the two structures will see the person's data. contact_channel referent (the person is reached through the sender) needs the sender to share a professional e-mail or phone (PATCH /api/v1/me), else 422. The receiving structure's members are told by e-mail. A service that does not take referrals answers 422, and so does a structure closed today (permanently, or between the dates of a temporary closure), at either end: the message says until when. Retrying with the same Idempotency-Key renders the referral again without copying the person's data into the replay store.
//	@Tags			referrals
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Makes retries safe: a retry with the same key and body gets the first success again (Idempotent-Replayed: true). A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			referral	body		ReferralInput	true	"The referral"
//	@Success		201			{object}	Referral
//	@Header			201			{string}	Location	"URL of the referral"
//	@Header			201			{string}	ETag		"Version, for If-Match on transitions, then a digest of the representation"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"Not a member of the sending structure"
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		409	{object}	Problem	"A request with the same Idempotency-Key is still running (Retry-After)"
//	@Router			/api/v1/referrals [post]
func (h *Handler) CreateReferral(c *gin.Context) error {
	p, err := peopleOnly(c)
	if err != nil {
		return err
	}
	var in ReferralInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	// Read as the stored referral will be (Referral.Normalize) before the
	// membership check: the caller's own id in capitals was refused as
	// another structure's (probe49).
	in.FromActorID = models.NormalID(in.FromActorID)
	if !models.ValidID(in.FromActorID) {
		// Named as missing or invalid, not refused as a structure the
		// caller is no member of.
		reason := "is required: the structure that refers the person, one you are a member of"
		if in.FromActorID != "" {
			reason = "must be the id of your structure (a UUID)"
		}
		fe := models.FieldErrors{{Field: "from_actor_id", Reason: reason}}
		return fe.Err("The referral is invalid.")
	}
	if !p.BelongsTo(in.FromActorID) {
		return models.Errorf(models.EFORBIDDEN, "Only members of the sending structure (from_actor_id) may refer people on its behalf.")
	}
	person, consent := PersonInput{}, ConsentInput{}
	if in.Person != nil {
		person = *in.Person
	}
	if in.Consent != nil {
		consent = *in.Consent
	}
	r := models.Referral{FromActorID: in.FromActorID, ToServiceID: in.ToServiceID, Themes: in.Themes, Situation: in.Situation,
		PersonFirstName: person.FirstName, PersonLastName: person.LastName, ContactChannel: person.ContactChannel,
		ContactValue: person.Contact, Availability: person.Availability, Message: in.Message,
		ConsentOn: consent.GivenOn, ReferentCommitment: consent.ReferentCommitment}
	if err := referralErrors(&in, r, h.Store.Now()); err != nil {
		return h.Store.WithReferralTargetErrors(c.Request.Context(), &r, err)
	}
	// A retry with the same Idempotency-Key gets the referral rendered
	// again: the person's data is never copied into the replay store.
	c.Set(ReplayByReference, true)
	if err := h.Store.CreateReferral(c.Request.Context(), &r); err != nil {
		return err
	}
	if err := h.Store.RecordReferralReads(c.Request.Context(), p, []*models.Referral{&r}); err != nil {
		return err
	}
	c.Header("Location", "/api/v1/referrals/"+r.ID)
	c.Header("Cache-Control", "no-store")
	return writeReferral(c, http.StatusCreated, h.namer(c), &r, nil)
}

// writeReferral answers one referral with its version's ETag (then a
// digest of the body), the If-Match of the next move. Every answer that
// renders a referral carries it: its creation and a forward's answered
// none, so the sender who meant to cancel what it had just sent, guarded,
// or the receiver of a forward had to read it again first (probe 51).
func writeReferral(c *gin.Context, status int, n *namer, r *models.Referral, events []models.ReferralEvent) error {
	return writeVersioned(c, status, `"`+strconv.FormatInt(r.Version, 10)+`"`, newReferral(n, r, events))
}

// referralFor loads a referral the caller may see: members of its sending
// or receiving structure. Everyone else — other structures, coordinators,
// partners, administrators — gets 404, so not even its existence leaks.
func (h *Handler) referralFor(c *gin.Context) (*models.Referral, []models.ReferralEvent, error) {
	return h.referralByID(c, c.Param("id"))
}

// referralByID is referralFor for a referral named otherwise than by the
// path. A read that must leave a trace (see Principal.ReadTrace) is traced
// before the referral is returned.
func (h *Handler) referralByID(c *gin.Context, id string) (*models.Referral, []models.ReferralEvent, error) {
	p, err := peopleOnly(c)
	if err != nil {
		return nil, nil, err
	}
	r, events, err := h.loadReferral(c, p, id)
	if err != nil {
		return nil, nil, err
	}
	if err := h.Store.RecordReferralReads(c.Request.Context(), p, []*models.Referral{r}); err != nil {
		return nil, nil, err
	}
	return r, events, nil
}

// loadReferral loads the referral id for p, a member of one of its two
// structures; anyone else is answered as for an id that names no referral
// (the same 404), and both take the same queries, so that neither the
// answer nor its time tells another structure's referral from none.
func (h *Handler) loadReferral(c *gin.Context, p *models.Principal, id string) (*models.Referral, []models.ReferralEvent, error) {
	r, events, err := h.Store.GetReferral(c.Request.Context(), id)
	if err != nil {
		if models.ValidID(id) && StatusOf(err) == http.StatusNotFound {
			if err := h.Store.RecordMissingReferralAttempt(c.Request.Context(), p, id, c.Request.Method+" "+c.FullPath()); err != nil {
				return nil, nil, err
			}
		}
		return nil, nil, err
	}
	if !p.BelongsTo(r.FromActorID) && !p.BelongsTo(r.ToActorID) {
		return nil, nil, h.outsiderCall(c, p, r)
	}
	return r, events, nil
}

// outsiderCall answers p, who belongs to neither of r's structures, as a
// call on an id that names no referral is answered (the same 404), after
// tracing the attempt in both structures' trails
// (Store.RecordReferralOutsiderAttempt). A trace that cannot be written
// answers its error, as a read that cannot be traced is not answered.
func (h *Handler) outsiderCall(c *gin.Context, p *models.Principal, r *models.Referral) error {
	notFound := models.Errorf(models.ENOTFOUND, "No referral has the id %q.", r.ID)
	call := c.Request.Method + " " + c.FullPath()
	if err := h.Store.RecordReferralOutsiderAttempt(c.Request.Context(), p, r, StatusOf(notFound), call); err != nil {
		return err
	}
	return notFound
}

// referralCall is a call on one referral that may still fail once the
// referral is loaded (a body to check, a lifecycle, a precondition). Its
// trace waits for the outcome: read records the reads of what a successful
// call shows, before it answers; end, deferred, traces a call that failed
// as an attempt (Store.RecordReferralAttempt), not as a read — it answered
// none of the person's data.
type referralCall struct {
	h        *Handler
	c        *gin.Context
	p        *models.Principal
	r        *models.Referral
	answered bool
}

// referralCallFor loads, as referralFor does (404 to anyone outside the two
// structures), the referral the path names, without tracing anything yet.
// The caller defers end and calls read before answering.
func (h *Handler) referralCallFor(c *gin.Context) (*referralCall, error) {
	p, err := peopleOnly(c)
	if err != nil {
		return nil, err
	}
	r, _, err := h.loadReferral(c, p, c.Param("id"))
	if err != nil {
		return nil, err
	}
	return &referralCall{h: h, c: c, p: p, r: r}, nil
}

// read traces the reads of the referrals a successful call is about to
// show (see Principal.ReadTrace); the call answers only if it succeeds.
func (rc *referralCall) read(rs ...*models.Referral) error {
	rc.answered = true
	return rc.h.Store.RecordReferralReads(rc.c.Request.Context(), rc.p, rs)
}

// end traces, when the call fails before read, the attempt; a trace that
// cannot be written replaces the call's error.
func (rc *referralCall) end(errp *error) {
	if *errp == nil || rc.answered {
		return
	}
	call := rc.c.Request.Method + " " + rc.c.FullPath()
	if err := rc.h.Store.RecordReferralAttempt(rc.c.Request.Context(), rc.p, rc.r, StatusOf(*errp), call); err != nil {
		*errp = err
	}
}

// GetReferral godoc
//
//	@ID			getReferral
//	@Summary		Get a referral
//	@Description	Members of the sending and of the receiving structure only; anyone else gets 404. It shows both structures' contact points, who sent it (sender) and who accepted it (accepted_by), with the professional contact they share, and where it was forwarded. Send If-None-Match with a previous ETag to get 304 when it has not changed (a new message changes it).
//	@Tags			referrals
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Referral id"	format(uuid)
//	@Success		200	{object}	Referral
//	@Header			200	{string}	ETag	"Version, for If-Match on transitions, then a digest of the representation"
//	@Success		304	"Not modified"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem	"Partner clients"
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/referrals/{id} [get]
func (h *Handler) GetReferral(c *gin.Context) error {
	r, events, err := h.referralFor(c)
	if err != nil {
		return err
	}
	privateNoStore(c)
	return writeReferral(c, http.StatusOK, h.namer(c), r, events)
}

// ListReferrals godoc
//
//	@ID			listReferrals
//	@Summary		List my structures' referrals
//	@Description	Referrals sent or received by the structures the caller belongs to, newest first. Filters combine: the person's name (person_name: every word must begin the first or last name, accents and case ignored — matched in memory, never through an index), the service, the sender, « mine » (sent or accepted by me), statuses and dates. Send Accept: text/csv for the whole filtered list as CSV, without cursor (id, dates, direction, status, structures, service, themes, sender, the person's names, who accepted, refusal reason, forward); contacts, situations and messages are never in it.
//	@Tags			referrals
//	@Produce		json
//	@Produce		text/csv
//	@Security		BearerAuth
//	@Param			actor_id		query		string		false	"One of my structures (default: all of them)"	format(uuid)
//	@Param			direction		query		string		false	"sent or received (default: both)"	Enums(sent, received)
//	@Param			status			query		[]string	false	"Statuses"	collectionFormat(csv)
//	@Param			person_name		query		string		false	"Words of the person's first or last name (one with no letter or digit, such as %, answers 400)"	maxlength(500)
//	@Param			service_id		query		[]string	false	"Sent to these services"	collectionFormat(csv)
//	@Param			sender_id		query		[]string	false	"Sent by these accounts"	collectionFormat(csv)
//	@Param			mine			query		bool		false	"Only referrals I sent or accepted"
//	@Param			created_since	query		string		false	"Created at or after (RFC 3339); a leap second (:60) is read as the next second"	format(date-time)	example(2026-11-01T00:00:00Z)
//	@Param			created_before	query		string		false	"Created before (RFC 3339); a leap second (:60) is read as the next second"	format(date-time)	example(2026-12-01T00:00:00Z)
//	@Param			created_after	query		string		false	"Deprecated: the former name of created_since, accepted until version 1.2"	format(date-time)
//	@Param			cursor			query		string		false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit			query		int			false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200				{object}	ReferralList
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem	"Not a member of actor_id, or a partner client"
//	@Router			/api/v1/referrals [get]
func (h *Handler) ListReferrals(c *gin.Context) error {
	p, err := peopleOnly(c)
	if err != nil {
		return err
	}
	q := queryOf(c)
	actor := q.id("actor_id")
	f := models.ReferralFilter{ActorIDs: myStructures(p), Direction: q.one("direction"), CreatedAfter: q.timestampAlias("created_since", "created_after"),
		CreatedBefore: q.timestamp("created_before"), ListParams: q.page(models.SortID), Name: q.one("person_name")}
	q.window("created_since", "created_before", f.CreatedAfter, f.CreatedBefore)
	f.Statuses = q.codes("status", "a referral status", func(s string) bool { return slices.Contains(models.ReferralStatuses, s) })
	f.ServiceIDs = q.codes("service_id", "a UUID", models.ValidID)
	f.SenderIDs = q.codes("sender_id", "a UUID", models.ValidID)
	if q.flag("mine") {
		f.Mine = p.UserID
	}
	if f.Name != "" && !models.NameSearchable(f.Name) {
		q.errs.Add("person_name", "has no letter or digit: write words of the person's first or last name, or leave it out")
	}
	if f.Direction != "" && f.Direction != "sent" && f.Direction != "received" {
		q.errs.Add("direction", "must be sent or received")
	}
	if err := q.err(); err != nil {
		return err
	}
	if actor != "" {
		if !p.BelongsTo(actor) {
			return models.Errorf(models.EFORBIDDEN, "You are not a member of this structure.")
		}
		f.ActorIDs = []string{actor}
	}
	privateNoStore(c)
	if wantsCSV(c.GetHeader("Accept")) {
		return h.writeReferralsCSV(c, f)
	}
	page, err := h.Store.ListReferrals(c.Request.Context(), f)
	if err != nil {
		return err
	}
	if err := h.Store.RecordReferralReads(c.Request.Context(), p, readByList(page)); err != nil {
		return err
	}
	out := ReferralList{Data: make([]Referral, len(page.Items))}
	n := h.namer(c)
	for i := range page.Items {
		out.Data[i] = newReferral(n, &page.Items[i], nil)
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// readByList is what a list of referrals read of the people's data: the
// page, and for a name search every referral the name matched (its total
// tells whether the structure follows someone of that name).
func readByList(page models.ReferralPage) []*models.Referral {
	src := page.Items
	if page.Matched != nil {
		src = page.Matched
	}
	read := make([]*models.Referral, len(src))
	for i := range src {
		read[i] = &src[i]
	}
	return read
}

// TransitionReferral godoc
//
//	@ID			transitionReferral
//	@Summary		Move a referral along its lifecycle
//	@Description	sent → accepted or refused (with a reason) by the receiving structure; accepted → completed or no_show by the receiving structure; sent or accepted → cancelled by the sending structure; sent for 30 days → expired, accepted for 90 days without an outcome → no_outcome, by the platform (CARNET_REFERRAL_EXPIRY, CARNET_REFERRAL_NO_OUTCOME); forwarded through POST …/forward. Any other move answers 409. An open referral with an archived structure (from_actor or to_actor archived_at) can only be closed: the archived structure may refuse it, record its outcome or cancel it, never accept it (409 naming to_actor or from_actor); a sender whose receiving structure was archived cancels it and refers the person elsewhere. A referral whose data was erased (retention, anonymized_at set) takes no more moves (409 « data was erased »); erasure at CARNET_REFERRAL_MAX_RETENTION closes an open one first (sent → expired, accepted → no_outcome). The other side is told by e-mail. Send If-Match with the ETag you read to be sure nobody moved it meanwhile.
//	@Tags			referrals
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string					true	"Referral id"	format(uuid)
//	@Param			If-Match	header		string					false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header		string					false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Param			transition	body		ReferralTransitionInput	true	"The new status"
//	@Success		200			{object}	Referral
//	@Header			200			{string}	ETag	"The new version, for If-Match on the next move, then a digest of the representation"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"A move reserved to the other structure"
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"The lifecycle does not allow this move, a structure of the referral was archived, or its data was erased"
//	@Failure		412			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/referrals/{id}/transitions [post]
func (h *Handler) TransitionReferral(c *gin.Context) (err error) {
	rc, err := h.referralCallFor(c)
	if err != nil {
		return err
	}
	defer rc.end(&err)
	r := rc.r
	var in ReferralTransitionInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	pre, err := preconditions(c)
	if err != nil {
		return err
	}
	p := principal(c)
	reason, details, err := in.refusal()
	if err != nil {
		return err
	}
	t := models.ReferralTransition{To: in.Status, Reason: reason, Details: details}
	// The side is the one the lifecycle asks for, if the caller belongs to
	// it; otherwise the caller's own side, which the store refuses.
	side, _ := models.ReferralSideFor(r.Status, in.Status)
	switch {
	case side == models.SideReceiver && p.BelongsTo(r.ToActorID):
		t.Side, t.ByActorID = models.SideReceiver, r.ToActorID
	case side == models.SideSender && p.BelongsTo(r.FromActorID):
		t.Side, t.ByActorID = models.SideSender, r.FromActorID
	case p.BelongsTo(r.ToActorID):
		t.Side, t.ByActorID = models.SideReceiver, r.ToActorID
	default:
		t.Side, t.ByActorID = models.SideSender, r.FromActorID
	}
	out, err := h.Store.TransitionReferral(c.Request.Context(), r.ID, pre, t)
	if err != nil {
		return in.renameFields(err)
	}
	_, events, err := h.Store.GetReferral(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	if err := rc.read(out); err != nil {
		return err
	}
	privateNoStore(c)
	return writeReferral(c, http.StatusOK, h.namer(c), out, events)
}

// ReferralChangesFeed godoc
//
//	@ID			listReferralChanges
//	@Summary		Follow my structures' referrals
//	@Description	Status changes of the referrals sent or received by the caller's structures, in a stable order, so that a structure's own tool can follow them: follow links.next (or pass meta.next_cursor back as cursor); meta.has_more says whether to call again at once. The envelope is the one of every feed (GET /api/v1/changes). Each entry has a kind: status (the referral entered status), message (a message was posted; never its text) or reminder (the platform reminded the receiving structure). No personal data: each change links to the referral, readable with a member's login. updated_since starts from a time instead of a cursor. An entry's seq and the cursors are values of this feed's own, not a count of the platform's referral events: the gap between two of them says nothing of the other structures' activity (a cursor that no page gave may answer 400).
//	@Tags			referrals
//	@Produce		json
//	@Security		BearerAuth
//	@Param			cursor			query		string	false	"The next_cursor of the previous page; 0 for the beginning"	example(1042)
//	@Param			updated_since	query		string	false	"Only changes at or after this RFC 3339 time; a leap second (:60) is read as the next second"	format(date-time)	example(2026-11-01T00:00:00Z)
//	@Param			limit			query		int		false	"Changes per page"	minimum(1)	maximum(200)	default(20)
//	@Param			after			query		string	false	"Deprecated: the former name of cursor, accepted until version 1.2"
//	@Param			updated_after	query		string	false	"Deprecated: the former name of updated_since, accepted until version 1.2"	format(date-time)
//	@Success		200				{object}	ReferralChanges
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Router			/api/v1/referrals/changes [get]
func (h *Handler) ReferralChangesFeed(c *gin.Context) error {
	p, err := peopleOnly(c)
	if err != nil {
		return err
	}
	q := queryOf(c)
	cursorName, after := q.seqCursor()
	updatedAfter := q.timestampAlias("updated_since", "updated_after")
	limit := q.limit(models.DefaultLimit, models.MaxLimit)
	if err := q.err(); err != nil {
		return err
	}
	// The events' seqs count the whole platform's: shown through a keyed
	// permutation, so that the gap between two of a structure's events
	// does not count the other structures' (models.FeedSeqs).
	seqs, err := h.Store.ReferralFeedSeqs(c.Request.Context())
	if err != nil {
		return err
	}
	from, ok := seqs.Seq(after)
	if ok && from > 0 {
		// A value no page gave, such as a cursor kept from before the
		// values were keyed (then a plain seq): refused rather than read
		// as a place past the end, where the follower would wait for ever.
		head, err := h.Store.ReferralFeedHead(c.Request.Context())
		if err != nil {
			return err
		}
		ok = from <= head
	}
	if !ok {
		return &models.Error{Code: models.EBADREQUEST, Message: "The cursor is not one this feed gave.", Fields: []models.FieldError{{Field: cursorName,
			Reason: "must be the next_cursor of a previous page of this feed (cursors kept from before 2026-12-02 are no longer read: start again with updated_since)"}}}
	}
	changes, more, err := h.Store.ReferralChanges(c.Request.Context(), myStructures(p), from, updatedAfter, limit)
	if err != nil {
		return err
	}
	out := ReferralChanges{Data: make([]ReferralChange, len(changes))}
	next := after
	for i, ch := range changes {
		out.Data[i] = ReferralChange{Seq: seqs.Show(ch.Seq), Kind: ch.Kind, ReferralID: ch.ReferralID, Status: ch.Status, RefusalReason: ch.Reason, Reason: ch.Reason,
			At: stamp(ch.At), Direction: ch.Direction, Link: "/api/v1/referrals/" + ch.ReferralID}
		next = out.Data[i].Seq
	}
	out.Meta, out.Links = feedPage(c, next, limit, more)
	out.NextCursor, out.HasMore = out.Meta.NextCursor, out.Meta.HasMore
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// StructureCount is how many referrals a structure sent and received; a
// null count is withheld (see ReferralStats.Disclosure).
type StructureCount struct {
	ActorID  string `json:"actor_id" format:"uuid"`
	Name     string `json:"name"`
	Sent     *int   `json:"sent" extensions:"x-nullable"`
	Received *int   `json:"received" extensions:"x-nullable"`
}

// StatsDisclosure says how the figures were protected.
type StatsDisclosure struct {
	// Exact: every count is exact (administrators, and a structure's own
	// members asking about it with actor_id). Otherwise every count from 1 to
	// threshold-1 is null, and so is a second count where one alone could be
	// recovered by subtraction from a total, and the others are perturbed
	// (noise).
	Exact bool `json:"exact"`
	// The smallest count shown; 0 when the figures are exact.
	Threshold int `json:"threshold" example:"5"`
	// Protected counts are perturbed: each shown count is the true one
	// plus or minus at most this much (0 when the figures are exact),
	// decided by what it counts, so that the same figures always get the
	// same answer and two answers a few referrals apart do not give those
	// referrals back by a subtraction. Counts need not add up to totals.
	Noise int `json:"noise" example:"2"`
	// The window actually counted: when the figures are protected, the one
	// asked for widened to whole UTC days.
	CreatedSince  *Time `json:"created_since" format:"date-time" extensions:"x-nullable"`
	CreatedBefore *Time `json:"created_before" format:"date-time" extensions:"x-nullable"`
}

// ReferralStats are statistics without personal data. A null count is
// withheld: it lies between 1 and disclosure.threshold - 1, or it is the
// second count withheld so that the first cannot be recovered from the
// total (0 is always shown).
type ReferralStats struct {
	Total           *int             `json:"total" extensions:"x-nullable"`
	ByStatus        map[string]*int  `json:"by_status" extensions:"x-nullable-values"`
	ByTheme         map[string]*int  `json:"by_theme" extensions:"x-nullable-values"`
	ByMonth         map[string]*int  `json:"by_month" extensions:"x-nullable-values"`
	ByRefusalReason map[string]*int  `json:"by_refusal_reason" extensions:"x-nullable-values"`
	Structures      []StructureCount `json:"structures"`
	Accepted        *int             `json:"accepted" extensions:"x-nullable"`
	// Reminders sent to receiving structures about these referrals.
	Reminders *int `json:"reminders" extensions:"x-nullable"`
	// Median time from sending to acceptance, in hours; null when none was
	// accepted, or when the number accepted is withheld; protected figures
	// round it to the hour.
	MedianHoursToAcceptance *float64        `json:"median_hours_to_acceptance" extensions:"x-nullable"`
	Disclosure              StatsDisclosure `json:"disclosure"`
}

// ReferralStatistics godoc
//
//	@ID			getReferralStatistics
//	@Summary		Referral statistics
//	@Description	Counts per structure, status (expired and no_outcome are the platform's closings), theme, month and refusal reason, reminders sent, and the median time to acceptance — never any personal data. Administrators see the whole platform; coordinators their territory; managers their own structures (actor_id). Administrators and the members of the structure asked about (its managers, with actor_id) read exact counts. Everyone else (coordinators, a network's managers) reads protected figures, as statistics offices publish them: every count from 1 to 4 is withheld (null; an empty count in CSV), and where one count alone would be withheld among counts that add up to a shown total (statuses, months, structures sent and received, refusal reasons of the refused), a second one is withheld too; a structure with no count shown is left out of structures; the window is widened to whole UTC days (disclosure says the window counted); the median is withheld with the number accepted, and rounded to the hour. Every protected count shown is then perturbed by up to disclosure.noise (± 2), by keys drawn once per referral, so the same referrals always get the same figure and counts need not add up to their totals: two answers over populations a few referrals apart (windows a day apart, the territory and one of its structures) no longer differ by exactly those referrals. What remains: many answers over populations that differ by the same referral could be averaged by a patient reader. An administrator's exact figures showing a structure with fewer than 5 referrals, or asking about it, are traced in its security trail (referral.statistics_read). Send Accept: text/csv for one row per figure (section, key, label, count).
//	@Tags			referrals
//	@Produce		json
//	@Produce		text/csv
//	@Security		BearerAuth
//	@Param			created_since	query		string	false	"Created at or after (RFC 3339); protected figures start at this day's midnight (UTC); a leap second (:60) is read as the next second"	format(date-time)	example(2026-01-01T00:00:00Z)
//	@Param			created_before	query		string	false	"Created before (RFC 3339); protected figures end at the next midnight (UTC); a leap second (:60) is read as the next second"	format(date-time)	example(2027-01-01T00:00:00Z)
//	@Param			actor_id		query		string	false	"Only this structure's referrals"	format(uuid)
//	@Param			from			query		string	false	"Deprecated: the former name of created_since, accepted until version 1.2"	format(date-time)
//	@Param			to				query		string	false	"Deprecated: the former name of created_before, accepted until version 1.2"	format(date-time)
//	@Success		200			{object}	ReferralStats
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/stats/referrals [get]
func (h *Handler) ReferralStatistics(c *gin.Context) error {
	p := principal(c)
	q := queryOf(c)
	f := models.ReferralStatsFilter{From: q.timestampAlias("created_since", "from"), To: q.timestampAlias("created_before", "to")}
	q.window("created_since", "created_before", f.From, f.To)
	actor := q.id("actor_id")
	if err := q.err(); err != nil {
		return err
	}
	switch {
	case actor != "":
		ref, err := h.Store.ActorRef(c.Request.Context(), actor)
		if err != nil {
			return err
		}
		if !p.CanModerate(ref) {
			return models.Errorf(models.EFORBIDDEN, "Statistics of a structure are for its managers, its territory's coordinators and administrators.")
		}
		f.ActorIDs = []string{actor}
	case p.IsAdmin():
	case p.IsCoordinator():
		t := p.Coordinates
		f.Territory = &t
	default:
		return models.Errorf(models.EFORBIDDEN, "Referral statistics are for coordinators and administrators; managers ask for their structure with actor_id.")
	}
	exact := p.SeesExactReferralStats(actor)
	if !exact {
		f.From, f.To = models.StatsWindow(f.From, f.To)
	}
	st, err := h.Store.ReferralStats(c.Request.Context(), f)
	if err != nil {
		return err
	}
	if exact && p.IsAdmin() {
		if err := h.Store.RecordReferralStatsRead(c.Request.Context(), p, describedStructures(st, actor), f.From, f.To); err != nil {
			return err
		}
	}
	out := protectReferralStats(st, exact)
	out.Disclosure.CreatedSince, out.Disclosure.CreatedBefore = stampPtr(f.From), stampPtr(f.To)
	if wantsCSV(c.GetHeader("Accept")) {
		return writeReferralStatsCSV(c, out)
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}
