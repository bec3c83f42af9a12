package handlers

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// WebhookFilters select the changes a subscription receives. Within a
// filter values are alternatives, across filters all must hold; an empty
// list (or an absent one) selects every value.
type WebhookFilters struct {
	// Kinds of records.
	Entities []string `json:"entities" enums:"actor,service" example:"service"`
	// Operations, as in the change feed's op.
	Ops []string `json:"ops" enums:"create,update,archive,hide,leave" example:"create"`
	// Partners' sources; a service matches by its own source or its actor's.
	Sources []string `json:"sources" example:"caf-13"`
	// Départements of the record's place (a service's own address, else its actor's).
	Departements []string `json:"departements" example:"13"`
	// Communes of the record's place: INSEE codes or names of one commune; a city covers its arrondissements.
	Communes []string `json:"communes" example:"13055"`
}

// WebhookInput registers a subscription.
type WebhookInput struct {
	// Where to POST the changes: https (http only to loopback in development); not a private or link-local address.
	URL string `json:"url" maxLength:"2000" example:"https://partenaire.example.fr/carnet/webhooks"`
	// A note for its owner; "" when omitted. Not null: omit it instead.
	Description webhookNote `json:"description,omitempty" swaggertype:"string" maxLength:"200" example:"Mise à jour de notre carte des points d'accueil"`
	// false registers it turned off; true by default.
	Active *bool `json:"active,omitempty" example:"true"`
	// Every change when omitted.
	Filters *WebhookFiltersInput `json:"filters,omitempty"`
}

// WebhookFiltersInput are the filters of a new subscription: each list may
// be omitted (every value), as the server always read them. The document
// declared the five required, since they are in WebhookFilters, which
// answers always carry whole.
type WebhookFiltersInput struct {
	Entities     []string `json:"entities,omitempty" validate:"max=10" enums:"actor,service" example:"service"`
	Ops          []string `json:"ops,omitempty" validate:"max=10" enums:"create,update,archive,hide,leave" example:"create"`
	Sources      []string `json:"sources,omitempty" validate:"max=200" example:"caf-13"`
	Departements []string `json:"departements,omitempty" validate:"max=500" example:"13"`
	Communes     []string `json:"communes,omitempty" validate:"max=500" example:"13055"`
}

func (f *WebhookFiltersInput) model() models.WebhookFilters {
	if f == nil {
		return models.WebhookFilters{}
	}
	return models.WebhookFilters{Entities: f.Entities, Ops: f.Ops, Sources: f.Sources, Departements: f.Departements, Communes: f.Communes}
}

// webhookNote is a subscription's description as a new one is sent: it may
// be omitted ("") but not null, which the document does not allow and which
// was stored as "" with 201 (encoding/json leaves a string alone on null).
type webhookNote struct {
	text string
	null bool
}

func (n *webhookNote) UnmarshalJSON(b []byte) error {
	if strings.TrimSpace(string(b)) == "null" {
		n.null = true
		return nil
	}
	return json.Unmarshal(b, &n.text)
}

// WebhookPatch changes a subscription (a JSON Merge Patch): absent fields
// are kept; within filters, null or [] selects every value.
type WebhookPatch struct {
	URL         *string              `json:"url,omitempty" maxLength:"2000" example:"https://partenaire.example.fr/carnet/webhooks"`
	Description *string              `json:"description,omitempty" maxLength:"200"`
	Active      *bool                `json:"active,omitempty" example:"true"`
	Filters     *WebhookFiltersPatch `json:"filters,omitempty"`
}

// WebhookFiltersPatch changes filters within a merge patch: an absent
// filter is kept; null or [] selects every value.
type WebhookFiltersPatch struct {
	Entities     []string `json:"entities,omitempty" validate:"max=10" enums:"actor,service" example:"service"`
	Ops          []string `json:"ops,omitempty" validate:"max=10" enums:"create,update,archive,hide,leave" example:"create"`
	Sources      []string `json:"sources,omitempty" validate:"max=200" example:"caf-13"`
	Departements []string `json:"departements,omitempty" validate:"max=500" example:"13"`
	Communes     []string `json:"communes,omitempty" validate:"max=500" example:"13055"`
}

// webhookWritable is a subscription's writable state, on which a merge
// patch applies.
type webhookWritable struct {
	URL         string         `json:"url"`
	Description string         `json:"description"`
	Active      bool           `json:"active"`
	Filters     WebhookFilters `json:"filters"`
}

// WebhookOwner is who registered a subscription: a partner client or an
// administrator's account.
type WebhookOwner struct {
	Kind  string `json:"kind" enums:"client,user" example:"client"`
	ID    string `json:"id" format:"uuid"`
	Label string `json:"label" example:"CAF des Bouches-du-Rhône"`
}

// WebhookHealth is how the subscription's endpoint fares.
type WebhookHealth struct {
	// The first failure since the last success; null while it succeeds.
	FailingSince *Time `json:"failing_since" format:"date-time" extensions:"x-nullable"`
	// Failures in a row.
	ConsecutiveFailures int `json:"consecutive_failures" example:"0"`
	// After a failure of the endpoint nothing is sent before this time (exponential backoff with jitter).
	PausedUntil   *Time `json:"paused_until" format:"date-time" extensions:"x-nullable"`
	LastSuccessAt *Time `json:"last_success_at" format:"date-time" extensions:"x-nullable"`
	LastFailureAt *Time `json:"last_failure_at" format:"date-time" extensions:"x-nullable"`
	// Why the last attempt failed.
	LastError string `json:"last_error" example:""`
	// Deliveries given up: still failing past the maximum age.
	GivenUp int64 `json:"given_up" example:"0"`
	// Deliveries waiting to be sent.
	Pending int64 `json:"pending" example:"0"`
	// Set while the subscription is behind: its queue reached its bound (1,000 deliveries waiting by default), so Carnet stopped storing a delivery per change and keeps only this cursor of the change feed. The changes after it are queued again, with the records' state then, as the endpoint catches up; a receiver may also read GET /api/v1/changes?cursor= from it. null when nothing is held back.
	BehindCursor *string `json:"behind_cursor" example:"1042" extensions:"x-nullable"`
	// When it fell behind; null when it is not.
	BehindSince *Time `json:"behind_since" format:"date-time" extensions:"x-nullable"`
}

// WebhookReplay is a replay in progress: the changes after `position` up
// to `until` are still to be queued again.
type WebhookReplay struct {
	// How far the queuing has come: a cursor of the change feed.
	Position string `json:"position" example:"1000"`
	// The change feed's last seq when the replay was asked for: where it ends.
	Until string `json:"until" example:"1042"`
}

// Webhook is a subscription as its owner sees it. Its secret is never
// shown again after creation or rotation.
type Webhook struct {
	ID          string         `json:"id" format:"uuid"`
	URL         string         `json:"url" example:"https://partenaire.example.fr/carnet/webhooks"`
	Description string         `json:"description"`
	Active      bool           `json:"active" example:"true"`
	Status      string         `json:"status" enums:"active,failing,disabled" example:"active"`
	Filters     WebhookFilters `json:"filters"`
	Owner       WebhookOwner   `json:"owner"`
	// Why Carnet turned it off (its endpoint failed for too long, or answered 410); empty when its owner did.
	DisabledReason string `json:"disabled_reason" example:""`
	DisabledAt     *Time  `json:"disabled_at" format:"date-time" extensions:"x-nullable"`
	// The change feed's cursor when it was turned off: changes after it were not queued; replay after it to get them.
	DisabledCursor *string        `json:"disabled_cursor" example:"1042" extensions:"x-nullable"`
	Health         WebhookHealth  `json:"health"`
	Replay         *WebhookReplay `json:"replay" extensions:"x-nullable"`
	// Until then deliveries are also signed with the previous secret (after a rotation).
	PreviousSecretExpiresAt *Time `json:"previous_secret_expires_at" format:"date-time" extensions:"x-nullable"`
	CreatedAt               Time  `json:"created_at" format:"date-time"`
	UpdatedAt               Time  `json:"updated_at" format:"date-time"`
	Version                 int64 `json:"version" example:"1"`
}

// WebhookCreated is a new subscription with its signing secret, shown this
// once.
type WebhookCreated struct {
	Webhook
	// The signing secret (Standard Webhooks' whsec_ format): keep it to verify the webhook-signature header.
	Secret string `json:"secret" example:"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"`
}

// WebhookList is one page of subscriptions.
type WebhookList struct {
	Data  []Webhook `json:"data"`
	Meta  ListMeta  `json:"meta"`
	Links ListLinks `json:"links"`
}

// WebhookSecretInput rotates a secret.
type WebhookSecretInput struct {
	// How long deliveries are still signed with the old secret too, so that the receiver can switch without refusing one: 0 (a leaked secret) to 604800 (7 days); 86400 by default.
	PreviousSecretValidSeconds *int64 `json:"previous_secret_valid_seconds,omitempty" minimum:"0" maximum:"604800" example:"86400"`
}

// WebhookSecret is a new signing secret, shown once.
type WebhookSecret struct {
	WebhookID string `json:"webhook_id" format:"uuid"`
	Secret    string `json:"secret" example:"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"`
	// Until then deliveries carry a signature with the old secret too; null when it stopped at once.
	PreviousSecretExpiresAt *Time `json:"previous_secret_expires_at" format:"date-time" extensions:"x-nullable"`
}

// WebhookReplayInput asks for a replay.
type WebhookReplayInput struct {
	// A cursor of the change feed (its next_cursor, a delivery's seq, an export's X-Changes-Cursor, the subscription's disabled_cursor): every change after it that the filters select is queued again; 0 for the whole history.
	Cursor string `json:"cursor" example:"1000"`
}

// WebhookPing is how a test ping went.
type WebhookPing struct {
	// The webhook-id of the test event.
	DeliveryID string `json:"delivery_id" format:"uuid"`
	// The endpoint answered 2xx.
	Delivered bool `json:"delivered" example:"true"`
	// The HTTP status of the answer; null without an answer.
	ResponseStatus *int `json:"response_status" example:"204" extensions:"x-nullable"`
	// The first 200 characters of the answer's body.
	ResponseExcerpt string `json:"response_excerpt" example:""`
	DurationMS      int64  `json:"duration_ms" example:"35"`
	// Why it failed.
	Error string `json:"error" example:""`
	// The body that was sent, signed.
	Payload map[string]any `json:"payload"`
}

// WebhookDelivery is one entry of a subscription's delivery log. Bodies of
// the endpoint's answers are not kept beyond a short excerpt.
type WebhookDelivery struct {
	// The webhook-id header: the same on every attempt.
	ID string `json:"id" format:"uuid"`
	// The change's seq in the change feed.
	Seq      int64  `json:"seq" example:"1042"`
	Entity   string `json:"entity" enums:"actor,service"`
	EntityID string `json:"entity_id" format:"uuid"`
	Op       string `json:"op" enums:"create,update,archive,hide,leave"`
	Type     string `json:"type" example:"service.updated"`
	// Queued by a replay rather than as the change happened.
	Replay bool `json:"replay"`
	// pending (waiting for its turn or a retry), sending, delivered, failed (given up).
	State         string `json:"state" enums:"pending,sending,delivered,failed"`
	Attempts      int    `json:"attempts" example:"1"`
	CreatedAt     Time   `json:"created_at" format:"date-time"`
	LastAttemptAt *Time  `json:"last_attempt_at" format:"date-time" extensions:"x-nullable"`
	// When it will be tried, while pending.
	NextAttemptAt *Time `json:"next_attempt_at" format:"date-time" extensions:"x-nullable"`
	FinishedAt    *Time `json:"finished_at" format:"date-time" extensions:"x-nullable"`
	// The HTTP status of the last answer; null without an answer.
	ResponseStatus  *int   `json:"response_status" example:"204" extensions:"x-nullable"`
	ResponseExcerpt string `json:"response_excerpt" example:""`
	DurationMS      int    `json:"duration_ms" example:"35"`
	LastError       string `json:"last_error" example:""`
}

// WebhookDeliveryDetail is a delivery with the body it sends.
type WebhookDeliveryDetail struct {
	WebhookDelivery
	// The body; absent for a partner client whose rights (sources, scopes)
	// changed since it was rendered: it showed the record as they were.
	Payload *WebhookPayload `json:"payload,omitempty"`
}

// WebhookDeliveryList is one page of a delivery log, oldest first.
type WebhookDeliveryList struct {
	Data  []WebhookDelivery `json:"data"`
	Meta  ListMeta          `json:"meta"`
	Links ListLinks         `json:"links"`
}

// WebhookPayload is the body of a delivery: an entry of the change feed
// (GET /api/v1/changes) — the record's current state as the subscription's
// owner may read it, or a tombstone — with the event's type and the
// delivery's ids. Never a referral, never personal data: phones and e-mails
// only under the public contact rule.
type WebhookPayload struct {
	// entity.op in the past tense: actor.created, service.updated, service.archived, service.hidden, actor.left…
	Type string `json:"type" example:"service.updated"`
	// When the change happened.
	Timestamp Time `json:"timestamp" format:"date-time"`
	// The webhook-id header.
	DeliveryID     string `json:"delivery_id" format:"uuid"`
	SubscriptionID string `json:"subscription_id" format:"uuid"`
	// Queued by a replay: the record as it is now, after a change already sent once.
	Replay bool `json:"replay"`
	ChangeEntry
}

var pastTense = map[string]string{models.FeedCreate: "created", models.FeedUpdate: "updated", models.FeedArchive: "archived", models.FeedHide: "hidden", models.FeedLeave: "left"}

func webhookType(entity, op string) string { return entity + "." + pastTense[op] }

// RenderWebhook writes the body of a delivery (models.WebhookRenderer).
// The record is shown as the change feed shows it to the subscription's
// viewer: contacts only under the one contact rule.
func RenderWebhook(ev models.WebhookEvent) ([]byte, error) {
	view := func(a *models.Actor) Actor {
		return newActor(a, a.ContactPublic || ev.Viewer.MaySeeContacts(storedRef(a), false), ev.Now)
	}
	return json.Marshal(WebhookPayload{Type: webhookType(ev.Entry.Entity, ev.Entry.Op), Timestamp: stamp(ev.Entry.At), DeliveryID: ev.DeliveryID,
		SubscriptionID: ev.SubscriptionID, Replay: ev.Replay, ChangeEntry: newChangeEntry(ev.Entry, view)})
}

func seqString(n int64) string { return strconv.FormatInt(n, 10) }

func newWebhookFilters(f models.WebhookFilters) WebhookFilters {
	return WebhookFilters{Entities: list(f.Entities), Ops: list(f.Ops), Sources: list(f.Sources), Departements: list(f.Departements), Communes: list(f.Communes)}
}

func (f *WebhookFilters) model() models.WebhookFilters {
	if f == nil {
		return models.WebhookFilters{}
	}
	return models.WebhookFilters{Entities: f.Entities, Ops: f.Ops, Sources: f.Sources, Departements: f.Departements, Communes: f.Communes}
}

func newWebhook(w *models.WebhookSubscription, pending int64, now time.Time) Webhook {
	out := Webhook{ID: w.ID, URL: w.URL, Description: w.Description, Active: w.Active, Status: models.WebhookStatus(w.Active, w.FailingSince != nil),
		Filters: newWebhookFilters(w.Filters()), Owner: WebhookOwner{Kind: w.OwnerKind, ID: w.OwnerID, Label: w.OwnerLabel},
		DisabledReason: w.DisabledReason, DisabledAt: stampPtr(w.DisabledAt),
		Health: WebhookHealth{FailingSince: stampPtr(w.FailingSince), ConsecutiveFailures: w.ConsecutiveFailures, LastSuccessAt: stampPtr(w.LastSuccessAt),
			LastFailureAt: stampPtr(w.LastFailureAt), LastError: w.LastError, GivenUp: w.GivenUp, Pending: pending},
		CreatedAt: stamp(w.CreatedAt), UpdatedAt: stamp(w.UpdatedAt), Version: w.Version}
	if !w.Active {
		out.DisabledCursor = ptr(seqString(w.DisabledSeq))
	}
	if w.PausedUntil != nil && w.PausedUntil.After(now) {
		out.Health.PausedUntil = stampPtr(w.PausedUntil)
	}
	if w.BehindAfter != nil {
		out.Health.BehindCursor, out.Health.BehindSince = ptr(seqString(*w.BehindAfter)), stampPtr(w.BehindSince)
	}
	if w.Replaying() {
		out.Replay = &WebhookReplay{Position: seqString(w.ReplayAfter), Until: seqString(w.ReplayUntil)}
	}
	if len(w.Secrets(now)) > 1 {
		out.PreviousSecretExpiresAt = stampPtr(w.PreviousSecretUntil)
	}
	return out
}

func newWebhookDelivery(d *models.WebhookDelivery) WebhookDelivery {
	out := WebhookDelivery{ID: d.ID, Seq: d.Seq, Entity: d.Entity, EntityID: d.EntityID, Op: d.Op, Type: webhookType(d.Entity, d.Op),
		Replay: d.Generation > 0, State: d.State, Attempts: d.Attempts, CreatedAt: stamp(d.CreatedAt), LastAttemptAt: stampPtr(d.LastAttemptAt),
		FinishedAt: stampPtr(d.FinishedAt), ResponseExcerpt: d.ResponseExcerpt, DurationMS: d.DurationMS, LastError: d.LastError}
	if d.State == models.DeliveryPending {
		out.NextAttemptAt = stampPtr(&d.NextAttemptAt)
	}
	if d.ResponseStatus != 0 {
		out.ResponseStatus = ptr(d.ResponseStatus)
	}
	return out
}

// urlPolicy is the deployment's rule on endpoints (the webhook guard).
func (h *Handler) urlPolicy(c *gin.Context) models.URLPolicy {
	return func(raw string) string { return h.Webhooks.Guard().Reason(c.Request.Context(), raw) }
}

// writeWebhook answers with a subscription, its ETag and its queue.
func (h *Handler) writeWebhook(c *gin.Context, status int, w *models.WebhookSubscription) error {
	pending, err := h.Store.PendingDeliveries(c.Request.Context(), []string{w.ID})
	if err != nil {
		return err
	}
	privateNoStore(c)
	return writeVersioned(c, status, fmt.Sprintf(`"%d"`, w.Version), newWebhook(w, pending[w.ID], h.Store.Now()))
}

// ListWebhooks godoc
//
//	@ID			listWebhooks
//	@Summary		List webhook subscriptions
//	@Description	A partner client (with the webhooks:manage scope) lists its own subscriptions; an administrator every one. Oldest first.
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			cursor	query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit	query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200		{object}	WebhookList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/webhooks [get]
func (h *Handler) ListWebhooks(c *gin.Context) error {
	q := queryOf(c)
	p := q.page(models.SortID)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request.Context()
	page, err := h.Store.ListWebhooks(ctx, p)
	if err != nil {
		return err
	}
	ids := make([]string, len(page.Items))
	for i := range page.Items {
		ids[i] = page.Items[i].ID
	}
	pending, err := h.Store.PendingDeliveries(ctx, ids)
	if err != nil {
		return err
	}
	out := WebhookList{Data: make([]Webhook, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newWebhook(&page.Items[i], pending[page.Items[i].ID], h.Store.Now())
	}
	out.Meta, out.Links = listMeta(c, p, page.Total, page.NextCursor)
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// CreateWebhook godoc
//
//	@ID			createWebhook
//	@Summary		Subscribe an endpoint to the directory's changes
//	@Description	Partner clients with the webhooks:manage scope, and administrators. Every change of the change log committed from now on that the filters select is POSTed to the URL, signed as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256 with the secret), retried with backoff, in order per record. The answer carries the signing secret, shown this once. The URL must be https and must not be on a private, loopback or link-local address (development servers allow http to loopback). At most 20 subscriptions per owner.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			Idempotency-Key	header		string			false	"Makes retries safe: a retry with the same key and body gets the first success again (Idempotent-Replayed: true). A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			webhook			body		WebhookInput	true	"The subscription"
//	@Success		201				{object}	WebhookCreated
//	@Header			201				{string}	Location	"URL of the subscription"
//	@Header			201				{string}	ETag		"Version of the subscription, for If-Match"
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		409				{object}	Problem	"At most 20 subscriptions per owner; or a request with the same Idempotency-Key is still running (Retry-After)"
//	@Failure		413				{object}	Problem
//	@Failure		415				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/webhooks [post]
func (h *Handler) CreateWebhook(c *gin.Context) error {
	if err := principal(c).CheckWebhooks(); err != nil {
		return err
	}
	var in WebhookInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Description.null {
		var fe models.FieldErrors
		fe.Add("description", `must not be null: omit it, or send a string ("" for none)`)
		return fe.Err("The subscription is invalid.")
	}
	ctx := c.Request.Context()
	w, secret, err := h.Store.CreateWebhook(ctx, models.NewWebhook{URL: in.URL, Description: in.Description.text, Active: in.Active == nil || *in.Active,
		Filters: in.Filters.model(), Policy: h.urlPolicy(c)})
	if err != nil {
		return err
	}
	return h.writeWebhookCreated(c, w, secret)
}

func (h *Handler) writeWebhookCreated(c *gin.Context, w *models.WebhookSubscription, secret string) error {
	c.Header("Location", "/api/v1/webhooks/"+w.ID)
	view := newWebhook(w, 0, h.Store.Now())
	// The tag of the subscription as GET shows it (without the secret,
	// which only this answer holds), as every other ETag: the version,
	// then a digest of the representation (writeVersioned).
	body, err := encodeJSON(view)
	if err != nil {
		return models.Internal(fmt.Errorf("encode webhook: %w", err))
	}
	c.Header("ETag", withDigest(fmt.Sprintf(`"%d"`, w.Version), body))
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusCreated, WebhookCreated{Webhook: view, Secret: secret})
	return nil
}

// GetWebhook godoc
//
//	@ID			getWebhook
//	@Summary		Get a webhook subscription
//	@Description	Its filters, its state and why (status, disabled_reason), its endpoint's health and its queue; never its secret. Another owner's subscription answers 404. Send If-None-Match with a previous ETag to get 304 when it has not changed.
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			id	path		string	true	"Subscription id"	format(uuid)
//	@Success		200	{object}	Webhook
//	@Header			200	{string}	ETag	"Version of the subscription, for If-Match"
//	@Success		304	"Not modified"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/webhooks/{id} [get]
func (h *Handler) GetWebhook(c *gin.Context) error {
	w, err := h.Store.GetWebhook(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return h.writeWebhook(c, http.StatusOK, w)
}

// UpdateWebhook godoc
//
//	@ID			patchWebhook
//	@Summary		Change a webhook subscription
//	@Description	A JSON Merge Patch of url, description, active and filters. Turning it off (active: false) stops queuing changes (what is queued waits); turning it on again, or a new URL, forgets the endpoint's failures and resumes at once — replay after disabled_cursor to get the changes made while it was off. null is refused for url and active (400: omit them to keep them); it clears description, and within filters selects every value. Send If-Match with the ETag you read to avoid overwriting another change (412).
//	@Tags			webhooks
//	@Accept			application/merge-patch+json
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			id			path		string			true	"Subscription id"	format(uuid)
//	@Param			If-Match	header		string			false	"The ETag of the version you read, a comma-separated list of ETags, or * (the record exists). Weak ETags (W/) never match. 412 when the record is at another version, 400 when the header is malformed"
//	@Param			If-None-Match	header		string			false	"ETags the record must not be at (weak ones match too), or *: only if the record does not exist, which always fails here (412)"
//	@Param			patch		body		WebhookPatch	true	"Fields to change"
//	@Success		200			{object}	Webhook
//	@Header			200			{string}	ETag	"Version of the subscription, for If-Match"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/webhooks/{id} [patch]
func (h *Handler) UpdateWebhook(c *gin.Context) error {
	ctx := c.Request.Context()
	pre, err := preconditions(c)
	if err != nil {
		return err
	}
	cur, err := h.Store.GetWebhook(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	var in webhookWritable
	base := webhookWritable{URL: cur.URL, Description: cur.Description, Active: cur.Active, Filters: newWebhookFilters(cur.Filters())}
	// url and active cannot be removed; null clears the description, and
	// within filters selects every value.
	patch, err := readPatch(c, &WebhookPatch{}, "url", "active")
	if err != nil {
		return err
	}
	if err := applyPatch(patch, base, &in); err != nil {
		return err
	}
	upd := models.WebhookUpdate{Description: &in.Description, Active: &in.Active, Filters: ptr(in.Filters.model()), Policy: h.urlPolicy(c)}
	if u := strings.TrimSpace(in.URL); u != cur.URL {
		upd.URL = &u
	}
	w, err := h.Store.UpdateWebhook(ctx, cur.ID, upd, pre)
	if err != nil {
		return err
	}
	if w.Active && !cur.Active {
		h.Webhooks.Wake()
	}
	return h.writeWebhook(c, http.StatusOK, w)
}

// DeleteWebhook godoc
//
//	@ID			deleteWebhook
//	@Summary		Delete a webhook subscription
//	@Description	Deletes the subscription and its delivery log; what was still queued is not sent.
//	@Tags			webhooks
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			id	path	string	true	"Subscription id"	format(uuid)
//	@Success		204
//	@Failure		400	{object}	Problem	"An unknown query parameter"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/webhooks/{id} [delete]
func (h *Handler) DeleteWebhook(c *gin.Context) error {
	if err := h.Store.DeleteWebhook(c.Request.Context(), c.Param("id")); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// RotateWebhookSecret godoc
//
//	@ID			rotateWebhookSecret
//	@Summary		Rotate a webhook subscription's signing secret
//	@Description	Issues a new secret, shown this once. For previous_secret_valid_seconds (24 hours by default) deliveries carry two signatures, with the new and the old secret, so the receiver can switch without refusing one; 0 stops the old secret at once (a leaked secret). The body is optional.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			id		path		string				true	"Subscription id"	format(uuid)
//	@Param			rotation	body		WebhookSecretInput	false	"How long the old secret still signs"
//	@Success		200		{object}	WebhookSecret
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/webhooks/{id}/secret [post]
func (h *Handler) RotateWebhookSecret(c *gin.Context) error {
	overlap := 24 * time.Hour
	if hasBody(c) {
		var in WebhookSecretInput
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		if in.PreviousSecretValidSeconds != nil {
			n := *in.PreviousSecretValidSeconds
			if n < 0 || n > int64(models.MaxSecretOverlap/time.Second) {
				return &models.Error{Code: models.EINVALID, Message: "The rotation is invalid.",
					Fields: []models.FieldError{{Field: "previous_secret_valid_seconds", Reason: "must be from 0 to 604800 (7 days)"}}}
			}
			overlap = time.Duration(n) * time.Second
		}
	}
	id := c.Param("id")
	secret, until, err := h.Store.RotateWebhookSecret(c.Request.Context(), id, overlap)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusOK, WebhookSecret{WebhookID: id, Secret: secret, PreviousSecretExpiresAt: stampPtr(until)})
	return nil
}

// hasBody reports whether the request carries a body (an optional one).
func hasBody(c *gin.Context) bool {
	return c.Request.ContentLength > 0 || c.Request.ContentLength < 0 && c.GetHeader("Content-Type") != ""
}

// PingWebhook godoc
//
//	@ID			pingWebhook
//	@Summary		Send a test event to a webhook subscription's endpoint
//	@Description	POSTs a signed event of type webhook.ping to the URL now, whether the subscription is on or off, and answers how it went (the answer is 200 even when the endpoint failed: see delivered and error). It is not queued nor retried, and changes nothing. At most 6 a minute per subscription.
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			id	path		string	true	"Subscription id"	format(uuid)
//	@Success		200	{object}	WebhookPing
//	@Failure		400	{object}	Problem	"An unknown query parameter"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		422	{object}	Problem	"The URL is one this deployment refuses to call (an address on a private network, plain http)"
//	@Failure		429	{object}	Problem
//	@Router			/api/v1/webhooks/{id}/ping [post]
func (h *Handler) PingWebhook(c *gin.Context) error {
	ctx := c.Request.Context()
	w, err := h.Store.GetWebhook(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	if err := h.limitWith(c, h.PingLimit, "webhook-ping:"+w.ID); err != nil {
		return err
	}
	if err := h.Webhooks.CheckURL(ctx, w.URL); err != nil {
		return err
	}
	r, err := h.Webhooks.Ping(ctx, w)
	if err != nil {
		return err
	}
	out := WebhookPing{DeliveryID: r.ID, Delivered: r.Delivered, ResponseExcerpt: r.Excerpt, DurationMS: r.Duration.Milliseconds(), Error: r.Error}
	if r.Status != 0 {
		out.ResponseStatus = ptr(r.Status)
	}
	if err := json.Unmarshal(r.Payload, &out.Payload); err != nil {
		return models.Internal(err)
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusOK, out)
	return nil
}

// ReplayWebhook godoc
//
//	@ID			replayWebhook
//	@Summary		Replay changes to a webhook subscription
//	@Description	Queues again every change after `cursor` (a next_cursor of GET /api/v1/changes, a delivery's seq, an export's X-Changes-Cursor, or the subscription's disabled_cursor) up to the last change now, that the subscription's filters select, each with the record's current state and replay: true. Give `cursor` in the body or as a query parameter. The replay runs in the background (see replay in the subscription) at the endpoint's pace; a new replay replaces one still running. Deliveries already queued are sent too: receivers should treat webhook-id, or the record's version, as the key of what they applied.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			id		path		string				true	"Subscription id"	format(uuid)
//	@Param			cursor	query		string				false	"The cursor to replay after (or in the body)"	example(1000)
//	@Param			replay	body		WebhookReplayInput	false	"The cursor to replay after (or in the query string)"
//	@Success		202		{object}	Webhook
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/webhooks/{id}/replay [post]
func (h *Handler) ReplayWebhook(c *gin.Context) error {
	q := queryOf(c)
	cursor := q.one("cursor")
	if err := q.err(); err != nil {
		return err
	}
	if hasBody(c) {
		var in WebhookReplayInput
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		if cursor != "" && in.Cursor != "" && in.Cursor != cursor {
			return &models.Error{Code: models.EBADREQUEST, Message: "The cursor is given twice, differently.",
				Fields: []models.FieldError{{Field: "cursor", Reason: "give it in the body or in the query string, not both"}}}
		}
		if in.Cursor != "" {
			cursor = in.Cursor
		}
	}
	if cursor == "" {
		return &models.Error{Code: models.EINVALID, Message: "The replay is invalid.",
			Fields: []models.FieldError{{Field: "cursor", Reason: "is required: the cursor of the change feed after which to replay (0 for the whole history)"}}}
	}
	n, err := strconv.ParseInt(cursor, 10, 64)
	if err != nil || !decimalDigits(cursor) {
		return &models.Error{Code: models.EINVALID, Message: "The replay is invalid.",
			Fields: []models.FieldError{{Field: "cursor", Reason: "must be a cursor of the change feed (a non-negative integer, such as a next_cursor)"}}}
	}
	w, err := h.Store.ReplayWebhook(c.Request.Context(), c.Param("id"), n)
	if err != nil {
		return err
	}
	h.Webhooks.Wake()
	return h.writeWebhook(c, http.StatusAccepted, w)
}

// ListWebhookDeliveries godoc
//
//	@ID			listWebhookDeliveries
//	@Summary		A webhook subscription's delivery log
//	@Description	Its deliveries, oldest first: state, attempts, the last answer's status and the beginning of its body, the last error. Delivered and given-up ones are kept 7 days (CARNET_WEBHOOK_LOG_RETENTION).
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			id				path		string	true	"Subscription id"	format(uuid)
//	@Param			state			query		[]string	false	"Only these states (comma-separated)"	collectionFormat(csv)	Enums(pending, sending, delivered, failed)
//	@Param			entity_id		query		string	false	"Only the deliveries of this record"	format(uuid)
//	@Param			created_since	query		string	false	"Only those queued at or after this time (RFC 3339); a leap second (:60) is read as the next second"	format(date-time)
//	@Param			cursor			query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit			query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200				{object}	WebhookDeliveryList
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Router			/api/v1/webhooks/{id}/deliveries [get]
func (h *Handler) ListWebhookDeliveries(c *gin.Context) error {
	q := queryOf(c)
	f := models.DeliveryFilter{States: q.strings("state"), EntityID: q.id("entity_id"), CreatedSince: q.timestamp("created_since"), ListParams: q.page(models.SortID)}
	for _, s := range f.States {
		switch s {
		case models.DeliveryPending, models.DeliverySending, models.DeliveryDelivered, models.DeliveryFailed:
		default:
			q.errs.Addf("state", "%q is not a state; states are pending, sending, delivered, failed", clip(s))
		}
	}
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListWebhookDeliveries(c.Request.Context(), c.Param("id"), f)
	if err != nil {
		return err
	}
	out := WebhookDeliveryList{Data: make([]WebhookDelivery, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newWebhookDelivery(&page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// GetWebhookDelivery godoc
//
//	@ID			getWebhookDelivery
//	@Summary		One delivery of a webhook subscription
//	@Description	The delivery and the body it sends (signed anew at each attempt). A partner client whose sources or scopes changed since the body was rendered gets the delivery without it.
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[webhooks:manage]
//	@Param			id			path		string	true	"Subscription id"	format(uuid)
//	@Param			delivery_id	path		string	true	"Delivery id (its webhook-id)"	format(uuid)
//	@Success		200			{object}	WebhookDeliveryDetail
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/webhooks/{id}/deliveries/{delivery_id} [get]
func (h *Handler) GetWebhookDelivery(c *gin.Context) error {
	d, err := h.Store.GetWebhookDelivery(c.Request.Context(), c.Param("id"), c.Param("delivery_id"))
	if err != nil {
		return err
	}
	out := WebhookDeliveryDetail{WebhookDelivery: newWebhookDelivery(d)}
	if d.PayloadVisibleTo(principal(c)) {
		if err := json.Unmarshal([]byte(d.Payload), &out.Payload); err != nil {
			return models.Internal(err)
		}
	}
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}
