package models

import (
	"carnet/models/textlen"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"carnet/models/commune"
)

// Webhooks (issue 14): a partner client or an administrator subscribes an
// HTTPS endpoint to the change log, with filters; Carnet fans each change
// out into one delivery per matching subscription and a worker
// (models/webhook) sends them, signed, retried, in order per record. This
// file holds the subscription, its rules and who may manage it;
// webhook_store.go its persistence; webhook_queue.go the fan-out and the
// delivery queue.

// Owners of subscriptions.
const (
	WebhookOwnerClient = "client" // a partner client
	WebhookOwnerUser   = "user"   // an administrator's account
)

// States of a delivery. A delivery is pending until a worker claims it
// (sending, with a lease), then delivered, pending again for a later
// attempt, or failed (given up past the maximum age). A sending row whose
// lease ran out belongs to a worker that died: any worker may claim it.
const (
	DeliveryPending   = "pending"
	DeliverySending   = "sending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// Limits of subscriptions.
const (
	MaxWebhooksPerOwner = 20
	// WebhookMaxPending is, by default, how many deliveries one
	// subscription may have waiting (pending or being sent) before the
	// fan-out stops storing more for it (see FanOutWebhooks): past it, a
	// dead or slow endpoint costs one marker, not a rendered body per
	// change for up to 72 h. Twenty subscriptions of dead endpoints had
	// stored 320,424 bodies (519 MB) after one 10,000-service sync. 1,000
	// is a replay's backlog too: what an endpoint is sent ahead at most.
	WebhookMaxPending    = 1000
	maxWebhookFilterVals = 100
	maxWebhookURL        = 2000
	// webhookSecretBytes: Standard Webhooks asks for 24 to 64 random bytes.
	webhookSecretBytes = 32
	// WebhookSecretPrefix marks a signing secret as Standard Webhooks
	// serialises them (whsec_ + base64), so their libraries read it as is.
	WebhookSecretPrefix = "whsec_"
)

// WebhookOps are the operations a filter may name: those of the change
// feed (see FeedEntry).
var WebhookOps = []string{FeedCreate, FeedUpdate, FeedArchive, FeedHide, FeedLeave}

// WebhookEntities are the kinds of records a filter may name.
var WebhookEntities = []string{EntityActor, EntityService}

// WebhookSubscription is one endpoint subscribed to the change log.
type WebhookSubscription struct {
	ID                  string `gorm:"primaryKey"`
	OwnerKind           string
	OwnerID             string
	OwnerLabel          string
	URL                 string `gorm:"column:url"`
	Description         string
	Secret              string
	PreviousSecret      string
	PreviousSecretUntil *time.Time
	Entities            StringList
	Ops                 StringList
	Sources             StringList
	Departements        StringList
	Communes            StringList
	Active              bool
	DisabledReason      string
	DisabledAt          *time.Time
	// DisabledSeq is the change log's last seq when the subscription was
	// disabled: changes after it were not queued (replay them).
	DisabledSeq int64
	// BehindAfter is set while the subscription is behind: its queue
	// reached the bound (WebhookMaxPending), so the changes after this seq
	// were not rendered nor stored for it; the worker queues them as the
	// endpoint drains its queue (CatchUpWebhookStep) and clears it once
	// caught up. BehindSince is when it fell behind.
	BehindAfter         *int64
	BehindSince         *time.Time
	StartSeq            int64
	FailingSince        *time.Time
	ConsecutiveFailures int
	PausedUntil         *time.Time
	LastSuccessAt       *time.Time
	LastFailureAt       *time.Time
	LastError           string
	GivenUp             int64
	ReplayGeneration    int
	ReplayAfter         int64
	ReplayUntil         int64
	Version             int64
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// TableName keeps GORM off its plural guess.
func (WebhookSubscription) TableName() string { return "webhook_subscriptions" }

// Filters returns what the subscription selects.
func (w *WebhookSubscription) Filters() WebhookFilters {
	return WebhookFilters{Entities: w.Entities, Ops: w.Ops, Sources: w.Sources, Departements: w.Departements, Communes: w.Communes}
}

// Replaying reports whether a replay is still queuing changes.
func (w *WebhookSubscription) Replaying() bool { return w.ReplayAfter < w.ReplayUntil }

// Secrets returns the secrets a delivery is signed with at now: the current
// one, and the previous one during the grace period after a rotation, so
// that a receiver can switch without losing a delivery.
func (w *WebhookSubscription) Secrets(now time.Time) []string {
	out := []string{w.Secret}
	if w.PreviousSecret != "" && w.PreviousSecretUntil != nil && now.Before(*w.PreviousSecretUntil) {
		out = append(out, w.PreviousSecret)
	}
	return out
}

// WebhookFilters select the changes a subscription receives. Within a
// filter, values are alternatives; across filters, all must hold; an empty
// filter selects every value.
type WebhookFilters struct {
	Entities []string // actor, service
	Ops      []string // create, update, archive, hide
	// Sources are partners' sources; a service matches by its own source
	// or its actor's.
	Sources []string
	// Departements and Communes (INSEE codes; a city covers its
	// arrondissements) locate the record: a service where it takes place
	// (its own address, else its actor's).
	Departements []string
	Communes     []string
}

// asMap names the filters as the API does, for the security trail.
func (f WebhookFilters) asMap() map[string]any {
	l := func(v []string) []string { return append([]string{}, v...) }
	return map[string]any{"entities": l(f.Entities), "ops": l(f.Ops), "sources": l(f.Sources), "departements": l(f.Departements), "communes": l(f.Communes)}
}

// URLPolicy says why an endpoint may not be called ("" when it may): the
// webhook package's guard (https, no private network), which depends on
// the deployment.
type URLPolicy func(url string) string

// NewWebhook describes a subscription to register.
type NewWebhook struct {
	URL         string
	Description string
	Active      bool
	Filters     WebhookFilters
	// Policy checks the URL once its syntax is valid.
	Policy URLPolicy
}

// WebhookUpdate changes a subscription; nil fields are kept.
type WebhookUpdate struct {
	URL         *string
	Description *string
	Active      *bool
	Filters     *WebhookFilters
	// Policy checks a new URL once its syntax is valid (before the write
	// transaction: it may look the name up).
	Policy URLPolicy
}

// CheckWebhooks refuses callers who may not manage webhooks, saying why.
func (p *Principal) CheckWebhooks() error {
	switch {
	case p.CanManageWebhooks():
		return nil
	case p.IsPartner():
		return Errorf(EFORBIDDEN, "This partner client lacks the %s scope; an administrator grants it.", ScopeWebhooksManage)
	}
	return Errorf(EFORBIDDEN, "Webhook subscriptions are for partner clients (with the %s scope) and administrators.", ScopeWebhooksManage)
}

// CanManageWebhooks reports whether p may register webhook subscriptions:
// administrators, and partner clients holding the webhooks:manage scope (a
// scope of its own, granted by an administrator, because a subscription
// makes Carnet send requests to an address the partner chooses).
// People's other roles cannot: a subscription sends the directory's changes
// to a machine, which is what partner clients are.
func (p *Principal) CanManageWebhooks() bool {
	return p.IsAdmin() || p.HasScope(ScopeWebhooksManage)
}

// OwnsWebhook reports whether p may see and change the subscription:
// administrators every one, a partner client its own. Callers answer 404
// otherwise, so that a partner cannot learn others' subscriptions exist.
func (p *Principal) OwnsWebhook(w *WebhookSubscription) bool {
	switch {
	case !p.CanManageWebhooks():
		return false
	case p.IsAdmin():
		return true
	}
	return w.OwnerKind == WebhookOwnerClient && w.OwnerID == p.ClientID
}

// checkWebhook normalises and validates a subscription's writable fields.
// Whether its address may be called (HTTPS, no private network) depends on
// the deployment and is checked by the webhook package's guard.
func checkWebhook(w *WebhookSubscription, urlReason string) error {
	var fe FieldErrors
	w.URL = strings.TrimSpace(w.URL)
	if checkWebhookURL(&fe, "url", w.URL) && urlReason != "" {
		fe.Add("url", urlReason)
	}
	w.Description = strings.TrimSpace(w.Description)
	checkLen(&fe, "description", w.Description, maxName)
	f := w.Filters()
	checkWebhookFilters(&fe, &f)
	w.Entities, w.Ops, w.Sources, w.Departements, w.Communes = f.Entities, f.Ops, f.Sources, f.Departements, f.Communes
	return fe.Err("The webhook subscription is invalid.")
}

// webhookURLProblem says what is wrong with the syntax of an endpoint ("" when
// nothing): an absolute http or https URL with a host, without credentials
// (they would show in every listing; receivers authenticate Carnet by the
// signature) nor fragment.
func webhookURLProblem(raw string) string {
	var fe FieldErrors
	checkWebhookURL(&fe, "url", raw)
	if len(fe) > 0 {
		return fe[0].Reason
	}
	return ""
}

// checkWebhookURL checks the syntax of an endpoint (see webhookURLProblem)
// and reports whether it is valid.
func checkWebhookURL(fe *FieldErrors, field, raw string) bool {
	n := len(*fe)
	if raw == "" {
		fe.Add(field, "is required")
		return false
	}
	if !utf8.ValidString(raw) || textlen.Over(raw, maxWebhookURL) {
		fe.Addf(field, "must be a URL of at most %d characters", maxWebhookURL)
		return false
	}
	for _, r := range raw {
		if r <= ' ' || r == 0x7f {
			fe.Add(field, "must not contain spaces or control characters")
			return false
		}
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "":
		fe.Add(field, "must be an absolute URL such as https://partner.example.fr/carnet/webhooks")
	case u.Scheme != "https" && u.Scheme != "http":
		fe.Add(field, "must be an https URL")
	case u.User != nil:
		fe.Add(field, "must not carry credentials (user:password@): verify the signature instead")
	case u.Fragment != "" || strings.Contains(raw, "#"):
		fe.Add(field, "must not have a fragment (#…)")
	case u.Hostname() == "":
		fe.Add(field, "must name a host")
	default:
		if p := u.Port(); p != "" {
			if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
				fe.Add(field, "has an invalid port")
			}
		}
	}
	return len(*fe) == n
}

// checkWebhookFilters normalises filters (lower-case, sorted, without
// repeats; communes as INSEE codes) and reports values that are not known.
func checkWebhookFilters(fe *FieldErrors, f *WebhookFilters) {
	enum := func(name string, vals []string, allowed []string) []string {
		out := make([]string, 0, len(vals))
		for i, v := range vals {
			v = strings.ToLower(strings.TrimSpace(v))
			if !slices.Contains(allowed, v) {
				fe.Addf("filters."+name+"["+strconv.Itoa(i)+"]", "%q is not one of %s", clip(v), strings.Join(allowed, ", "))
			}
			out = append(out, v)
		}
		return slices.Compact(slices.Sorted(slices.Values(out)))
	}
	for name, vals := range map[string][]string{"entities": f.Entities, "ops": f.Ops, "sources": f.Sources} {
		if len(vals) > maxWebhookFilterVals {
			fe.Addf("filters."+name, "must list at most %d values", maxWebhookFilterVals)
		}
	}
	f.Entities = enum("entities", f.Entities, WebhookEntities)
	f.Ops = enum("ops", f.Ops, WebhookOps)
	sources := make([]string, 0, len(f.Sources))
	for i, s := range f.Sources {
		s = strings.ToLower(strings.TrimSpace(s))
		if !validSlug(s) {
			fe.Addf("filters.sources["+strconv.Itoa(i)+"]", "%q is not a source name (a-z, 0-9, '.', '_', '-')", clip(s))
		}
		sources = append(sources, s)
	}
	f.Sources = slices.Compact(slices.Sorted(slices.Values(sources)))
	t := Territory{Departements: slices.Clone(f.Departements), Communes: slices.Clone(f.Communes)}
	checkTerritory(fe, "filters", &t)
	f.Departements = slices.Compact(slices.Sorted(slices.Values(t.Departements)))
	f.Communes = slices.Compact(slices.Sorted(slices.Values(t.Communes)))
}

// webhookPlace is where a record of the change log is, for filters.
type webhookPlace struct {
	sources            []string
	departement, insee string
}

// webhookPlaceOf locates a feed entry's record: a service by its own address when
// it has one, else by its actor; nil when the record no longer exists.
func webhookPlaceOf(e *FeedEntry) *webhookPlace {
	switch {
	case e.Actor != nil:
		return actorPlace(e.Actor)
	case e.Service != nil:
		return servicePlace(e.Service, e.Service.Actor)
	}
	return nil
}

// actorPlace is where an actor is, for filters.
func actorPlace(a *Actor) *webhookPlace {
	return &webhookPlace{sources: []string{a.Source}, departement: a.Departement, insee: a.Address.InseeCode}
}

// servicePlace is where a service of actor is, for filters: by its own
// address when it has one, else by its actor's (nil when not known).
func servicePlace(s *Service, actor *Actor) *webhookPlace {
	p := &webhookPlace{sources: []string{s.Source}}
	if actor != nil {
		p.sources = append(p.sources, actor.Source)
		p.departement, p.insee = actor.Departement, actor.Address.InseeCode
	}
	if s.Address.InseeCode != "" {
		p.insee = s.Address.InseeCode
		if c := commune.ByCode(s.Address.InseeCode); c != nil {
			p.departement = c.Departement
		}
	}
	return p
}

// key encodes the place for the change log (Change.MovedFrom):
// sources, département and commune, separated by '|' (none of them holds
// one: sources are slugs, the others codes).
func (p *webhookPlace) key() string {
	return strings.Join(p.sources, ",") + "|" + p.departement + "|" + p.insee
}

// placeOfKey decodes key; nil for the empty key (the change moved nothing).
func placeOfKey(key string) *webhookPlace {
	parts := strings.SplitN(key, "|", 3)
	if len(parts) != 3 {
		return nil
	}
	return &webhookPlace{sources: strings.Split(parts[0], ","), departement: parts[1], insee: parts[2]}
}

// movedFrom is before's key when a change moved the record from before to
// after for some filter, else "".
func movedFrom(before, after *webhookPlace) string {
	if before.departement == after.departement && before.insee == after.insee && slices.Equal(before.sources, after.sources) {
		return ""
	}
	return before.key()
}

// left reports whether the entry's record was, before the changes it
// tells, where f selects and is no longer there: a follower of f keeps a
// copy it must now drop (FeedLeave). A record that came and went within
// the changes read is said to leave too: a follower drops what it does
// not have.
func (f WebhookFilters) left(e *FeedEntry, place *webhookPlace) bool {
	if e.movedFrom == "" || len(f.Entities) > 0 && !slices.Contains(f.Entities, e.Entity) {
		return false
	}
	if len(f.Ops) > 0 && !slices.Contains(f.Ops, FeedLeave) && !slices.Contains(f.Ops, FeedArchive) {
		return false
	}
	return f.locates(placeOfKey(e.movedFrom)) && !f.locates(place)
}

// LeftSources reports whether the entry's record left sources with the
// changes it tells (see WebhookFilters.left): the change feed's source
// filter then gives it as a leave entry.
func (e *FeedEntry) LeftSources(sources []string) bool {
	return WebhookFilters{Sources: sources}.left(e, webhookPlaceOf(e))
}

// matches reports whether the subscription's filters select the entry.
// place is where the record is (webhookPlaceOf); a record that no longer exists
// matches only subscriptions that filter neither by source nor by place.
func (f WebhookFilters) matches(e *FeedEntry, place *webhookPlace) bool {
	if len(f.Entities) > 0 && !slices.Contains(f.Entities, e.Entity) {
		return false
	}
	if len(f.Ops) > 0 && !slices.Contains(f.Ops, e.Op) {
		return false
	}
	return f.locates(place)
}

// FromSources reports whether the entry's record comes from one of sources:
// its own source or, for a service, its actor's — as the webhooks' source
// filter selects, for the change feed's.
func (e *FeedEntry) FromSources(sources []string) bool {
	return WebhookFilters{Sources: sources}.locates(webhookPlaceOf(e))
}

// locates applies the source and territory filters to a place.
func (f WebhookFilters) locates(place *webhookPlace) bool {
	if len(f.Sources) == 0 && len(f.Departements) == 0 && len(f.Communes) == 0 {
		return true
	}
	if place == nil {
		return false
	}
	if len(f.Sources) > 0 && !slices.ContainsFunc(place.sources, func(s string) bool { return s != "" && slices.Contains(f.Sources, s) }) {
		return false
	}
	if len(f.Departements) > 0 || len(f.Communes) > 0 {
		t := Territory{Departements: f.Departements, Communes: f.Communes}
		if !t.Covers(place.departement, place.insee) {
			return false
		}
	}
	return true
}
