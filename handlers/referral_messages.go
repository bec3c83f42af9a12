package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// ReferralMessageInput is a message to the other structure of a referral.
type ReferralMessageInput struct {
	// At most 2,000 characters. Like the whole referral, only the two structures read it, and it is erased with the person's data.
	Body string `json:"body" example:"Elle viendra mardi à 10 h." minLength:"1" maxLength:"2000"`
	// The structure you write for, when you belong to both; by default the one you belong to.
	ActorID string `json:"actor_id,omitempty" format:"uuid"`
}

// ReferralMessage is a message on a referral.
type ReferralMessage struct {
	ID         string `json:"id" format:"uuid"`
	ReferralID string `json:"referral_id" format:"uuid"`
	// Who wrote it.
	Author ContactCard `json:"author"`
	// The structure they wrote for, and its side of the referral.
	Actor     Named  `json:"actor"`
	Side      string `json:"side" enums:"sender,receiver"`
	Body      string `json:"body"`
	CreatedAt Time   `json:"created_at" format:"date-time"`
}

// ReferralMessageList is one page of a referral's messages, oldest first.
type ReferralMessageList struct {
	Data  []ReferralMessage `json:"data"`
	Meta  ListMeta          `json:"meta"`
	Links ListLinks         `json:"links"`
}

func newReferralMessage(n *namer, r *models.Referral, m *models.ReferralMessage) ReferralMessage {
	side := models.SideReceiver
	if m.AuthorActorID == r.FromActorID {
		side = models.SideSender
	}
	return ReferralMessage{ID: m.ID, ReferralID: m.ReferralID, Author: n.card(m.AuthorID, m.AuthorActorID),
		Actor: Named{ID: m.AuthorActorID, Name: n.actor(m.AuthorActorID)}, Side: side, Body: m.Body, CreatedAt: stamp(m.CreatedAt)}
}

// ListReferralMessages godoc
//
//	@ID			listReferralMessages
//	@Summary		Read a referral's messages
//	@Description	The conversation between the two structures about one referral, oldest first. Members of the two structures only; anyone else gets 404. Messages are erased with the person's data at the end of retention.
//	@Tags			referrals
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Referral id"	format(uuid)
//	@Param			cursor	query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit	query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200		{object}	ReferralMessageList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem	"Partner clients"
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/referrals/{id}/messages [get]
func (h *Handler) ListReferralMessages(c *gin.Context) (err error) {
	rc, err := h.referralCallFor(c)
	if err != nil {
		return err
	}
	defer rc.end(&err)
	r := rc.r
	q := queryOf(c)
	params := q.page(models.SortID)
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListReferralMessages(c.Request.Context(), r.ID, params)
	if err != nil {
		return err
	}
	n := h.namer(c)
	out := ReferralMessageList{Data: make([]ReferralMessage, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newReferralMessage(n, r, &page.Items[i])
	}
	if err := rc.read(r); err != nil {
		return err
	}
	out.Meta, out.Links = listMeta(c, params, page.Total, page.NextCursor)
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// PostReferralMessage godoc
//
//	@ID			postReferralMessage
//	@Summary		Write to the other structure of a referral
//	@Description	A short message (« elle viendra mardi », « merci de rappeler ») from a member of either structure; the other side is told by e-mail (without the text). A referral whose data was erased takes no more messages (409). Nor does an open referral from an archived structure, or to one whose receiving structure was archived (409 naming from_actor or to_actor): it can only be closed.
//	@Tags			referrals
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Makes retries safe: a retry with the same key and body gets the first success again (Idempotent-Replayed: true). A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			id		path		string					true	"Referral id"	format(uuid)
//	@Param			message	body		ReferralMessageInput	true	"The message"
//	@Success		201		{object}	ReferralMessage
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem	"Partner clients, or actor_id is not yours"
//	@Failure		404		{object}	Problem
//	@Failure		409		{object}	Problem	"The referral's data was erased, or a structure of the open referral was archived"
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/referrals/{id}/messages [post]
func (h *Handler) PostReferralMessage(c *gin.Context) (err error) {
	rc, err := h.referralCallFor(c)
	if err != nil {
		return err
	}
	defer rc.end(&err)
	r := rc.r
	var in ReferralMessageInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p := principal(c)
	by := in.ActorID
	switch {
	case by == "" && p.BelongsTo(r.FromActorID):
		by = r.FromActorID
	case by == "":
		by = r.ToActorID
	case by != r.FromActorID && by != r.ToActorID || !p.BelongsTo(by):
		return &models.Error{Code: models.EFORBIDDEN, Message: "You may write only for one of the referral's two structures that you belong to.",
			Fields: []models.FieldError{{Field: "actor_id", Reason: "is not one of your structures on this referral"}}}
	}
	// A retry with the same Idempotency-Key gets the message rendered
	// again: its text is never copied into the replay store.
	c.Set(ReplayByReference, true)
	m, err := h.Store.PostReferralMessage(c.Request.Context(), r.ID, by, in.Body)
	if err != nil {
		return err
	}
	if err := rc.read(r); err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusCreated, newReferralMessage(h.namer(c), r, m))
	return nil
}

// renderMessage answers a replayed message post: the message rendered
// again for a caller who may still see its referral.
func (h *Handler) renderMessage(c *gin.Context, id string) error {
	m, err := h.Store.GetReferralMessage(c.Request.Context(), id)
	if err != nil {
		return err
	}
	r, _, err := h.referralByID(c, m.ReferralID)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusCreated, newReferralMessage(h.namer(c), r, m))
	return nil
}

// ReferralForwardInput sends a referral on to a better-suited service.
type ReferralForwardInput struct {
	// The service the person is sent on to (another structure's).
	ToServiceID string `json:"to_service_id" format:"uuid"`
	// A word for the new structure (personal data, like every message).
	Message string `json:"message,omitempty" example:"Besoin d'un accompagnement à la déclaration de revenus, que nous ne faisons pas."`
	// The person agreed to be sent on; the forwarder commits to the data-protection rules.
	Consent *ConsentInput `json:"consent"`
}

// ForwardReferral godoc
//
//	@ID			forwardReferral
//	@Summary		Forward a referral to another service
//	@Description	The receiving structure sends the person on to a better-suited service of another structure: a new referral from the receiving structure, carrying the person's data, needs and contact channel (with referent, the forwarder becomes the person's referent and must share a professional contact), linked to the first (forwarded_from_id); the first closes as forwarded (forwarded_to) and its sender is told. Only a sent or accepted referral can be forwarded (409 otherwise; 409 « data was erased » for a referral whose data retention erased), and not by a receiving structure that was archived (409 naming to_actor: it may only refuse the referral or record its outcome). Answers the new referral.
//	@Tags			referrals
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Makes retries safe: a retry with the same key and body gets the first success again (Idempotent-Replayed: true). A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			id			path		string					true	"Referral id"	format(uuid)
//	@Param			If-Match	header		string					false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header		string					false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Param			forward		body		ReferralForwardInput	true	"Where to"
//	@Success		201			{object}	Referral
//	@Header			201			{string}	Location	"URL of the new referral"
//	@Header			201			{string}	ETag		"Version, for If-Match on transitions, then a digest of the representation"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"Only the receiving structure forwards"
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"The referral is closed, its data was erased, or the receiving structure was archived"
//	@Failure		412			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/referrals/{id}/forward [post]
func (h *Handler) ForwardReferral(c *gin.Context) (err error) {
	rc, err := h.referralCallFor(c)
	if err != nil {
		return err
	}
	defer rc.end(&err)
	r := rc.r
	var in ReferralForwardInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	pre, err := preconditions(c)
	if err != nil {
		return err
	}
	if !principal(c).BelongsTo(r.ToActorID) {
		return models.Errorf(models.EFORBIDDEN, "Only the receiving structure may forward a referral.")
	}
	// The body's own mistakes go to the store, which names them with every
	// other offending field (the new referral's checks, the target
	// service), as a new referral's are named (referralErrors).
	f := models.ReferralForward{ToServiceID: in.ToServiceID, Message: in.Message, Precondition: pre, NoConsent: in.Consent == nil}
	switch {
	case in.Consent == nil:
		f.Invalid.Add("consent", "is required: the person's consent to be sent on and the forwarder's commitment")
	case !in.Consent.Given:
		f.Invalid.Add("consent.given", "must be true: the person must agree to be sent on")
	}
	if in.Consent != nil {
		f.ConsentOn, f.ReferentCommitment = in.Consent.GivenOn, in.Consent.ReferentCommitment
	}
	c.Set(ReplayByReference, true)
	next, _, err := h.Store.ForwardReferral(c.Request.Context(), r.ID, f)
	if err != nil {
		return err
	}
	// The answer shows the person's data, of the original and of the new
	// referral: each is traced for its own two structures (the new one
	// counting, for the forwarder's structure, from when it received the
	// original, see Principal.ReadTrace).
	if err := rc.read(r, next); err != nil {
		return err
	}
	c.Header("Location", "/api/v1/referrals/"+next.ID)
	c.Header("Cache-Control", "no-store")
	return writeReferral(c, http.StatusCreated, h.namer(c), next, nil)
}
