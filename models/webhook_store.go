package models

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// newWebhookSecret returns a signing secret as Standard Webhooks serialises
// them: whsec_ and the standard base64 of 32 random bytes, which their
// libraries decode into the HMAC key.
func newWebhookSecret() string {
	b := make([]byte, webhookSecretBytes)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the system's random source failed: nothing is safe
	}
	return WebhookSecretPrefix + base64.StdEncoding.EncodeToString(b)
}

var errNoWebhook = func(id string) error {
	return Errorf(ENOTFOUND, "No webhook subscription has the id %q.", clip(id))
}

// webhookOwner names the caller as the owner of a new subscription.
func webhookOwner(p *Principal) (kind, id, label string, err error) {
	switch {
	case p.IsAdmin():
		return WebhookOwnerUser, p.UserID, p.PublicLabel(), nil
	case p.CanManageWebhooks():
		return WebhookOwnerClient, p.ClientID, p.ClientName, nil
	}
	return "", "", "", p.CheckWebhooks()
}

// policyReason runs a URL policy on a URL whose syntax is valid.
func policyReason(policy URLPolicy, raw string) string {
	if policy == nil || webhookURLProblem(raw) != "" {
		return ""
	}
	return policy(raw)
}

// CreateWebhook registers a subscription for the caller and returns its
// signing secret, shown once. It receives the changes committed after it.
func (s *Store) CreateWebhook(ctx context.Context, in NewWebhook) (*WebhookSubscription, string, error) {
	kind, ownerID, label, err := webhookOwner(PrincipalFrom(ctx))
	if err != nil {
		return nil, "", err
	}
	now := s.now()
	secret := newWebhookSecret()
	w := &WebhookSubscription{ID: NewID(), OwnerKind: kind, OwnerID: ownerID, OwnerLabel: label, URL: in.URL, Description: in.Description,
		Secret: secret, Entities: in.Filters.Entities, Ops: in.Filters.Ops, Sources: in.Filters.Sources,
		Departements: in.Filters.Departements, Communes: in.Filters.Communes, Active: in.Active, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := checkWebhook(w, policyReason(in.Policy, strings.TrimSpace(w.URL))); err != nil {
		return nil, "", err
	}
	if !w.Active {
		w.DisabledAt = &now
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		// The limit is a count then an insert: on PostgreSQL's READ
		// COMMITTED, concurrent creations (several replicas, or write
		// connections) each counted the others' uncommitted rows as absent
		// and all inserted. One owner's creations take turns.
		if err := dialectOf(tx).lockKey(tx, "webhooks:"+kind+":"+ownerID); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&WebhookSubscription{}).Where("owner_kind = ? AND owner_id = ?", kind, ownerID).Count(&n).Error; err != nil {
			return err
		}
		if n >= MaxWebhooksPerOwner {
			return Errorf(ECONFLICT, "You have %d webhook subscriptions, the most one owner may have: delete one, or give one endpoint wider filters.", n)
		}
		if err := tx.Model(&Change{}).Select("COALESCE(MAX(seq), 0)").Scan(&w.StartSeq).Error; err != nil {
			return err
		}
		w.DisabledSeq = w.StartSeq
		if err := tx.Create(w).Error; err != nil {
			return err
		}
		if err := bindIdempotency(tx, SubjectWebhook, w.ID); err != nil {
			return err
		}
		return s.trail(tx, TrailEvent{Action: TrailWebhookCreated, SubjectKind: SubjectWebhook, SubjectID: w.ID, SubjectLabel: w.URL},
			map[string]any{"url": w.URL, "owner": kind + ":" + ownerID, "filters": w.Filters().asMap(), "active": w.Active})
	})
	if err != nil {
		return nil, "", err
	}
	return w, secret, nil
}

// getWebhook loads a subscription the caller owns; others' answer 404.
func getWebhook(db *gorm.DB, p *Principal, id string) (*WebhookSubscription, error) {
	if err := p.CheckWebhooks(); err != nil {
		return nil, err
	}
	if !ValidID(id) {
		return nil, errNoWebhook(id)
	}
	var w WebhookSubscription
	err := db.Take(&w, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || err == nil && !p.OwnsWebhook(&w) {
		return nil, errNoWebhook(id)
	}
	return &w, err
}

// GetWebhook returns a subscription of the caller's.
func (s *Store) GetWebhook(ctx context.Context, id string) (*WebhookSubscription, error) {
	w, err := getWebhook(s.read(ctx), PrincipalFrom(ctx), id)
	return w, dbError(err)
}

// ListWebhooks pages through the caller's subscriptions (every one for an
// administrator).
func (s *Store) ListWebhooks(ctx context.Context, p ListParams) (Page[WebhookSubscription], error) {
	caller := PrincipalFrom(ctx)
	if err := caller.CheckWebhooks(); err != nil {
		return Page[WebhookSubscription]{}, err
	}
	return listPage(s, ctx, "webhook_subscriptions", p, func(q *gorm.DB) *gorm.DB {
		if caller.IsAdmin() {
			return q
		}
		return q.Where("owner_kind = ? AND owner_id = ?", WebhookOwnerClient, caller.ClientID)
	}, nil, func(w *WebhookSubscription) (string, string, time.Time) { return w.ID, w.URL, w.UpdatedAt })
}

// PendingDeliveries counts the deliveries waiting (pending or being sent)
// of each subscription named.
func (s *Store) PendingDeliveries(ctx context.Context, ids []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		SubscriptionID string
		N              int64
	}
	err := s.read(ctx).Model(&WebhookDelivery{}).Select("subscription_id, count(*) AS n").
		Where("subscription_id IN ? AND "+waitingState, ids).Group("subscription_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.SubscriptionID] = r.N
	}
	return out, dbError(err)
}

// UpdateWebhook changes a subscription if it meets pre (412 otherwise). A new address, or turning the
// subscription back on, forgets the endpoint's failures and resumes
// delivery at once; turning it off keeps what is queued, and the changes
// made while it is off are not queued (replay them from DisabledSeq).
func (s *Store) UpdateWebhook(ctx context.Context, id string, in WebhookUpdate, pre Precondition) (*WebhookSubscription, error) {
	var out *WebhookSubscription
	urlReason := ""
	if in.URL != nil {
		urlReason = policyReason(in.Policy, strings.TrimSpace(*in.URL))
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		w, err := getWebhook(forUpdate(tx), PrincipalFrom(ctx), id)
		if err != nil {
			return err
		}
		if err := pre.Check("subscription", w.Version); err != nil {
			return err
		}
		before := *w
		if in.URL != nil {
			w.URL = *in.URL
		}
		if in.Description != nil {
			w.Description = *in.Description
		}
		if in.Filters != nil {
			w.Entities, w.Ops, w.Sources = in.Filters.Entities, in.Filters.Ops, in.Filters.Sources
			w.Departements, w.Communes = in.Filters.Departements, resentCommunes(in.Filters.Communes, w.Communes)
		} else {
			w.Communes = storedCommunes(w.Communes) // INSEE codes, read again as such
		}
		if in.Active != nil {
			w.Active = *in.Active
		}
		if err := checkWebhook(w, urlReason); err != nil {
			return err
		}
		now := s.now()
		if w.URL != before.URL || w.Active && !before.Active {
			w.FailingSince, w.ConsecutiveFailures, w.PausedUntil, w.LastError = nil, 0, nil, ""
		}
		switch {
		case w.Active && !before.Active:
			w.DisabledReason, w.DisabledAt = "", nil
		case !w.Active && before.Active:
			w.DisabledReason, w.DisabledAt = "", &now
			if err := tx.Model(&Change{}).Select("COALESCE(MAX(seq), 0)").Scan(&w.DisabledSeq).Error; err != nil {
				return err
			}
			if w.BehindAfter != nil {
				// Behind, it missed the changes after that cursor already:
				// disabled_cursor says where a replay must start.
				w.DisabledSeq = min(w.DisabledSeq, *w.BehindAfter)
				w.BehindAfter, w.BehindSince = nil, nil
			}
		}
		d := changedValues(map[string][2]any{"url": {before.URL, w.URL}, "description": {before.Description, w.Description},
			"active": {before.Active, w.Active}, "filters": {before.Filters().asMap(), w.Filters().asMap()}})
		out = w
		if len(d) == 0 {
			return nil
		}
		w.Version++
		w.UpdatedAt = now
		if err := tx.Model(w).Select("url", "description", "entities", "ops", "sources", "departements", "communes", "active",
			"disabled_reason", "disabled_at", "disabled_seq", "behind_after", "behind_since", "failing_since", "consecutive_failures", "paused_until", "last_error",
			"version", "updated_at").Updates(w).Error; err != nil {
			return err
		}
		return s.trail(tx, TrailEvent{Action: TrailWebhookUpdated, SubjectKind: SubjectWebhook, SubjectID: w.ID, SubjectLabel: w.URL}, d)
	})
	return out, err
}

// webhookDeleteBatch is how many deliveries one transaction of
// DeleteWebhook deletes. Measured (BenchmarkDeleteWebhook, 16,000
// deliveries of 1.6 KB, load average ~20): one transaction 0.19 s; batches
// of 500 1.07 s in all, of 2,000 0.52 s — each commit costs — while the
// longest wait of another write stayed ~0.15 s either way. Batches bound
// the writer's turn whatever the log holds (7 days of a busy
// subscription's deliveries); the queue bound (WebhookMaxPending) keeps
// what waits small.
const webhookDeleteBatch = 2000

// DeleteWebhook removes a subscription and its delivery log; what was
// still queued is not sent. The log goes first, in transactions of at most
// webhookDeleteBatch deliveries read through the (subscription_id, id)
// index, each its own turn of the writer (probe 34: deleting the 16,000
// deliveries of a subscription in one transaction took 3 to 5 s on a
// 786 MB database, every other write waiting). The last transaction removes what was queued meanwhile and the
// subscription, which exists until then (a refused or failed deletion
// leaves it, with part of its log).
func (s *Store) DeleteWebhook(ctx context.Context, id string) error {
	w, err := getWebhook(s.read(ctx), PrincipalFrom(ctx), id)
	if err != nil {
		return dbError(err)
	}
	for {
		var n int64
		err := s.write(ctx, func(tx *gorm.DB) error {
			// The subscription first, FOR UPDATE as the last
			// transaction locks it: claims (FOR KEY SHARE) and
			// recorded attempts (FOR NO KEY UPDATE) wait for the
			// batch, rather than lock its deliveries in another
			// order (a deadlock on PostgreSQL,
			// TestWebhookDeleteWhileDelivering).
			var still []string
			if err := forUpdate(tx).Model(&WebhookSubscription{}).Where("id = ?", w.ID).Pluck("id", &still).Error; err != nil || len(still) == 0 {
				return err
			}
			some := tx.Model(&WebhookDelivery{}).Select("id").Where("subscription_id = ?", w.ID).Limit(webhookDeleteBatch)
			res := tx.Where("id IN (?)", some).Delete(&WebhookDelivery{})
			n = res.RowsAffected
			return res.Error
		})
		if err != nil {
			return err
		}
		if n < webhookDeleteBatch {
			break
		}
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		w, err := getWebhook(forUpdate(tx), PrincipalFrom(ctx), id)
		if err != nil {
			return err
		}
		// The deliveries first: SQLite's foreign keys would cascade, but
		// the order says what happens on both engines.
		if err := tx.Where("subscription_id = ?", w.ID).Delete(&WebhookDelivery{}).Error; err != nil {
			return err
		}
		if err := tx.Delete(&WebhookSubscription{}, "id = ?", w.ID).Error; err != nil {
			return err
		}
		return s.trail(tx, TrailEvent{Action: TrailWebhookDeleted, SubjectKind: SubjectWebhook, SubjectID: w.ID, SubjectLabel: w.URL},
			map[string]any{"url": w.URL, "owner": w.OwnerKind + ":" + w.OwnerID})
	})
}

// MaxSecretOverlap bounds how long a rotated secret still signs deliveries.
const MaxSecretOverlap = 7 * 24 * time.Hour

// RotateWebhookSecret gives a subscription a new signing secret, shown
// once. For overlap after the rotation, deliveries are signed with both the
// new and the old secret (the webhook-signature header lists both), so the
// receiver can switch without refusing a delivery; 0 ends the old secret at
// once (a leaked secret).
func (s *Store) RotateWebhookSecret(ctx context.Context, id string, overlap time.Duration) (secret string, previousUntil *time.Time, err error) {
	if overlap < 0 || overlap > MaxSecretOverlap {
		return "", nil, &Error{Code: EINVALID, Message: "The rotation is invalid.",
			Fields: []FieldError{{Field: "previous_secret_valid_seconds", Reason: "must be from 0 to 604800 (7 days)"}}}
	}
	secret = newWebhookSecret()
	err = s.write(ctx, func(tx *gorm.DB) error {
		w, err := getWebhook(forUpdate(tx), PrincipalFrom(ctx), id)
		if err != nil {
			return err
		}
		now := s.now()
		set := map[string]any{"secret": secret, "previous_secret": "", "previous_secret_until": nil, "version": w.Version + 1, "updated_at": now}
		if overlap > 0 {
			until := now.Add(overlap)
			previousUntil = &until
			set["previous_secret"], set["previous_secret_until"] = w.Secret, until
		}
		if err := tx.Model(&WebhookSubscription{}).Where("id = ?", w.ID).Updates(set).Error; err != nil {
			return err
		}
		return s.trail(tx, TrailEvent{Action: TrailWebhookSecretRotated, SubjectKind: SubjectWebhook, SubjectID: w.ID, SubjectLabel: w.URL},
			map[string]any{"previous_secret_valid_seconds": int64(overlap / time.Second)})
	})
	return secret, previousUntil, err
}

// ReplayWebhook queues again, for one subscription, every change after the
// seq after that its filters select, up to the log's last seq now: the way
// to recover what an endpoint lost, or what was not queued while the
// subscription was off. The deliveries are queued by the worker in batches
// (see ReplayWebhookStep), each with the record's current state; a new
// replay replaces one still running.
func (s *Store) ReplayWebhook(ctx context.Context, id string, after int64) (*WebhookSubscription, error) {
	var out *WebhookSubscription
	err := s.write(ctx, func(tx *gorm.DB) error {
		w, err := getWebhook(forUpdate(tx), PrincipalFrom(ctx), id)
		if err != nil {
			return err
		}
		var head int64
		if err := tx.Model(&Change{}).Select("COALESCE(MAX(seq), 0)").Scan(&head).Error; err != nil {
			return err
		}
		if after < 0 || after > head {
			return &Error{Code: EINVALID, Message: "The replay is invalid.",
				Fields: []FieldError{{Field: "cursor", Reason: "must be a cursor of the change feed from 0 to its last seq (" + strconv.FormatInt(head, 10) + ")"}}}
		}
		w.ReplayGeneration++
		w.ReplayAfter, w.ReplayUntil = after, head
		w.UpdatedAt = s.now()
		out = w
		return tx.Model(w).Select("replay_generation", "replay_after", "replay_until", "updated_at").Updates(w).Error
	})
	return out, err
}

// DeliveryFilter selects a subscription's deliveries.
type DeliveryFilter struct {
	States       []string
	EntityID     string
	CreatedSince *time.Time
	ListParams
}

// ListWebhookDeliveries pages through a subscription's delivery log, oldest
// first (delivered and failed ones are kept CARNET_WEBHOOK_LOG_RETENTION).
func (s *Store) ListWebhookDeliveries(ctx context.Context, id string, f DeliveryFilter) (Page[WebhookDelivery], error) {
	w, err := getWebhook(s.read(ctx), PrincipalFrom(ctx), id)
	if err != nil {
		return Page[WebhookDelivery]{}, dbError(err)
	}
	return listPage(s, ctx, "webhook_deliveries", f.ListParams, func(q *gorm.DB) *gorm.DB {
		q = q.Where("subscription_id = ?", w.ID)
		if len(f.States) > 0 {
			q = q.Where("state IN ?", f.States)
		}
		if f.EntityID != "" {
			q = q.Where("entity_id = ?", f.EntityID)
		}
		if f.CreatedSince != nil {
			q = q.Where("created_at >= ?", *f.CreatedSince)
		}
		return q
	}, func(q *gorm.DB) *gorm.DB { return q.Omit("payload") }, func(d *WebhookDelivery) (string, string, time.Time) { return d.ID, "", d.CreatedAt })
}

// GetWebhookDelivery returns one delivery of a subscription, payload
// included.
func (s *Store) GetWebhookDelivery(ctx context.Context, id, deliveryID string) (*WebhookDelivery, error) {
	var d WebhookDelivery
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		w, err := getWebhook(tx, PrincipalFrom(ctx), id)
		if err != nil {
			return err
		}
		if !ValidID(deliveryID) {
			return Errorf(ENOTFOUND, "No delivery has the id %q.", clip(deliveryID))
		}
		err = tx.Take(&d, "id = ? AND subscription_id = ?", deliveryID, w.ID).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Errorf(ENOTFOUND, "This subscription has no delivery %q (or it is past the log's retention).", deliveryID)
		}
		return err
	})
	return &d, dbError(err)
}
