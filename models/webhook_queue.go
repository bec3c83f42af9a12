package models

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// WebhookDelivery is one change to send to one subscription (see
// webhook_store.go). Its id is the webhook-id header: the same on every
// attempt, so that receivers can recognise a delivery sent twice.
type WebhookDelivery struct {
	ID             string `gorm:"primaryKey"`
	SubscriptionID string
	Generation     int // 0 for live changes; n for the subscription's nth replay
	Seq            int64
	Entity         string
	EntityID       string
	Op             string
	Payload        string
	// RenderedFor is the owner's rights the payload was rendered with
	// (webhookRights); a delivery is sent only while they are unchanged.
	RenderedFor     string
	State           string
	Attempts        int
	NextAttemptAt   time.Time
	LeaseOwner      string
	LeaseUntil      *time.Time
	LastAttemptAt   *time.Time
	ResponseStatus  int
	ResponseExcerpt string
	DurationMS      int `gorm:"column:duration_ms"`
	LastError       string
	CreatedAt       time.Time
	FinishedAt      *time.Time
}

// TableName keeps GORM off its plural guess.
func (WebhookDelivery) TableName() string { return "webhook_deliveries" }

// WebhookEvent is one change as a subscription's endpoint is told it.
type WebhookEvent struct {
	DeliveryID     string
	SubscriptionID string
	// Replay says the delivery was queued by a replay, not as the change
	// happened.
	Replay bool
	Entry  FeedEntry
	// Viewer is whom the record is shown as: the owning partner client
	// (its own source's contacts and drafts), or nobody — what anyone may
	// read — for administrators' subscriptions, whose endpoints are
	// typically public reusers'.
	Viewer *Principal
	Now    time.Time
}

// WebhookRenderer writes the body of a delivery. The handlers package
// provides it (the API's representation of records); the fan-out calls it
// once per delivery and stores what it returns, so that every attempt
// sends, and signs, the same bytes.
type WebhookRenderer func(WebhookEvent) ([]byte, error)

// webhookConsumer is the fan-out's row in change_cursors.
const webhookConsumer = "webhooks"

// WebhookCursor returns the seq up to which changes were fanned out,
// starting it the first time at the log's head (nothing existed to
// subscribe to before), or before it when subscriptions were registered
// before any worker ran (the API serves while the worker starts): at the
// earliest start_seq, so that none of their changes is skipped.
func (s *Store) WebhookCursor(ctx context.Context) (int64, error) {
	err := s.write(ctx, func(tx *gorm.DB) error {
		var head int64
		if err := tx.Model(&Change{}).Select("COALESCE(MAX(seq), 0)").Scan(&head).Error; err != nil {
			return err
		}
		var first *int64
		if err := tx.Model(&WebhookSubscription{}).Select("MIN(start_seq)").Scan(&first).Error; err != nil {
			return err
		}
		if first != nil && *first < head {
			head = *first
		}
		return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&changeCursor{Consumer: webhookConsumer, Seq: head, UpdatedAt: s.now()}).Error
	})
	if err != nil {
		return 0, err
	}
	seq, _, err := s.loadCursor(ctx, webhookConsumer)
	return seq, err
}

// webhookViewers resolves the owners of subscriptions into the principals
// their deliveries are rendered for. An owner that may no longer manage
// webhooks (a disabled client, a client without the scope, an account no
// longer administrator) is left out: its subscriptions receive nothing
// until it may again.
type webhookViewers struct {
	s     *Store
	cache map[string]*Principal
	ok    map[string]bool
}

func (v *webhookViewers) of(ctx context.Context, w *WebhookSubscription) (*Principal, bool, error) {
	key := w.OwnerKind + ":" + w.OwnerID
	if ok, seen := v.ok[key]; seen {
		return v.cache[key], ok, nil
	}
	var p *Principal
	var err error
	if w.OwnerKind == WebhookOwnerClient {
		p, err = v.s.LoadClientPrincipal(ctx, w.OwnerID, 0)
	} else {
		p, err = v.s.LoadPrincipal(ctx, w.OwnerID)
	}
	if err != nil && ErrorCode(err) != EUNAUTHORIZED {
		return nil, false, err
	}
	ok := err == nil && p.CanManageWebhooks()
	if ok && w.OwnerKind == WebhookOwnerUser {
		p = nil // administrators' subscriptions show what anyone may read
	}
	v.cache[key], v.ok[key] = p, ok
	return p, ok, nil
}

// webhookRights names what a delivery's body depends on of its viewer: for
// a partner client, the sources it writes and whether it writes them (it
// then sees their drafts and private contacts); for nobody, the public
// view. Two viewers with the same rights see a record the same way.
func webhookRights(p *Principal) string {
	if p == nil {
		return "public"
	}
	sources := slices.Clone(p.Sources)
	slices.Sort(sources)
	return fmt.Sprintf("%s;writes=%t;sources=%s", p.Scope(), p.WritesSourceDrafts(), strings.Join(sources, ","))
}

// PayloadVisibleTo reports whether p may read the delivery's body in the
// delivery log: an administrator always (it may read every record); the
// owning client while its rights are those the body was rendered with — a
// client whose source or scope was withdrawn does not read back the
// contacts and drafts it could see then.
func (d *WebhookDelivery) PayloadVisibleTo(p *Principal) bool {
	return p.IsAdmin() || d.RenderedFor != "" && d.RenderedFor == webhookRights(p)
}

// Why a delivery was withheld rather than sent (its last_error).
const (
	withheldOwner  = "not sent: the subscription's owner may no longer receive webhooks (client disabled or deleted, webhooks:manage withdrawn, account no longer administrator); once it may again, replay to receive the changes"
	withheldRights = "not sent: the owner's rights changed after it was queued (sources or scopes), and it showed the record as they were; replay to receive the record as it may now be seen"
)

// webhookDeliveries renders the deliveries of changes (in seq order) for
// subs: for each subscription, the changes as its viewer sees them, those
// its filters select and, for live deliveries (generation 0), only changes
// after it was registered. Live deliveries tell every change of a record on
// its own, in order (feedRecords.entries with each); a replay, which sends
// records as they are now, collapses a record's changes as a page of the
// change feed does.
func (s *Store) webhookDeliveries(ctx context.Context, changes []Change, subs []WebhookSubscription, generation int, render WebhookRenderer) ([]WebhookDelivery, error) {
	var out []WebhookDelivery
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		fr, err := loadFeedRecords(tx, changes)
		if err != nil {
			return err
		}
		viewers := &webhookViewers{s: s, cache: map[string]*Principal{}, ok: map[string]bool{}}
		byViewer := map[string][]FeedEntry{}
		places := map[string]*webhookPlace{}
		now := s.now()
		for i := range subs {
			w := &subs[i]
			viewer, ok, err := viewers.of(ctx, w)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			key := viewer.Scope()
			rights := webhookRights(viewer)
			entries, seen := byViewer[key]
			if !seen {
				if entries, err = fr.entries(tx, viewer, generation == 0); err != nil {
					return err
				}
				byViewer[key] = entries
			}
			filters := w.Filters()
			for j := range entries {
				e := &entries[j]
				if generation == 0 && e.Seq <= w.StartSeq {
					continue
				}
				place, seen := places[e.EntityID]
				if !seen {
					place = webhookPlaceOf(e)
					places[e.EntityID] = place
				}
				if !filters.matches(e, place) {
					if !filters.left(e, place) {
						continue
					}
					e = e.leaving()
				}
				d := WebhookDelivery{ID: NewID(), SubscriptionID: w.ID, Generation: generation, Seq: e.Seq, Entity: e.Entity,
					EntityID: e.EntityID, Op: e.Op, RenderedFor: rights, State: DeliveryPending, NextAttemptAt: now, CreatedAt: now}
				body, err := render(WebhookEvent{DeliveryID: d.ID, SubscriptionID: w.ID, Replay: generation > 0, Entry: *e, Viewer: viewer, Now: now})
				if err != nil {
					return fmt.Errorf("render the delivery of change %d for subscription %s: %w", e.Seq, w.ID, err)
				}
				d.Payload = string(body)
				out = append(out, d)
			}
		}
		return nil
	})
	return out, err
}

// FanOutWebhooks turns a batch of the change log (in seq order) into one
// delivery per change and matching active subscription. It moves the
// fan-out's cursor in the transaction that queues the deliveries, under a
// lock of its row, so that every change is fanned out exactly once even
// with several replicas following the log: a replica that finds the cursor
// already past part of its batch queues only the rest. The records are
// read and rendered before the write transaction, which holds the writer
// only for the inserts. It returns how many deliveries it queued.
//
// A subscription may have at most maxPending deliveries waiting: one whose
// queue would pass it (a dead endpoint, a slow one under a burst) gets
// none of the batch and falls behind — BehindAfter is set to the cursor
// before the batch, and the fan-out no longer renders nor stores anything
// for it. CatchUpWebhookStep queues what it missed, from the change log,
// as its queue drains, then the fan-out takes it back: a healthy endpoint
// still receives every change, and a dead one costs a marker instead of a
// rendered body per change. A subscription with nothing waiting takes a
// whole batch, whatever its size.
func (s *Store) FanOutWebhooks(ctx context.Context, batch []Change, maxPending int64, render WebhookRenderer) (int, error) {
	cur, _, err := s.loadCursor(ctx, webhookConsumer)
	if err != nil {
		return 0, err
	}
	for len(batch) > 0 && batch[0].Seq <= cur {
		batch = batch[1:]
	}
	if len(batch) == 0 {
		return 0, nil
	}
	last := batch[len(batch)-1].Seq
	var subs []WebhookSubscription
	if err := s.read(ctx).Where("active = ? AND start_seq < ?", true, last).Order("id").Find(&subs).Error; err != nil {
		return 0, dbError(err)
	}
	// Those behind are left to their catch-up: nothing is rendered for
	// them.
	var live []WebhookSubscription
	var ids, skipped []string
	for _, w := range subs {
		ids = append(ids, w.ID)
		if w.BehindAfter != nil {
			skipped = append(skipped, w.ID)
		} else {
			live = append(live, w)
		}
	}
	var rows []WebhookDelivery
	if len(live) > 0 {
		if rows, err = s.webhookDeliveries(ctx, batch, live, 0, render); err != nil {
			return 0, dbError(err)
		}
	}
	queued := 0
	err = s.write(ctx, func(tx *gorm.DB) error {
		var c changeCursor
		if err := forUpdate(tx).Take(&c, "consumer = ?", webhookConsumer).Error; err != nil {
			return err
		}
		if c.Seq >= last {
			return nil // another replica fanned this batch out
		}
		now := s.now()
		// Their state now, under the cursor's lock (catch-ups take it
		// too): one skipped as behind may have caught up meanwhile — up
		// to c.Seq exactly, the cursor not having moved — and this batch
		// was not rendered for it: behind again, from c.Seq. One another
		// replica put behind gets nothing more.
		behind := map[string]bool{}
		var again []string
		if len(ids) > 0 {
			var state []struct {
				ID          string
				BehindAfter *int64
			}
			if err := tx.Model(&WebhookSubscription{}).Select("id", "behind_after").Where("id IN ?", ids).Scan(&state).Error; err != nil {
				return err
			}
			for _, st := range state {
				behind[st.ID] = st.BehindAfter != nil
				if st.BehindAfter == nil && slices.Contains(skipped, st.ID) {
					again = append(again, st.ID)
				}
			}
		}
		adding := map[string]int64{}
		for _, d := range rows {
			if d.Seq > c.Seq && !behind[d.SubscriptionID] {
				adding[d.SubscriptionID]++
			}
		}
		if len(adding) > 0 {
			var waiting []struct {
				SubscriptionID string
				N              int64
			}
			if err := tx.Model(&WebhookDelivery{}).Select("subscription_id, count(*) AS n").
				Where("subscription_id IN ? AND "+waitingState, slices.Collect(maps.Keys(adding))).Group("subscription_id").Scan(&waiting).Error; err != nil {
				return err
			}
			for _, wt := range waiting {
				if wt.N > 0 && wt.N+adding[wt.SubscriptionID] > maxPending {
					behind[wt.SubscriptionID] = true
					again = append(again, wt.SubscriptionID)
				}
			}
		}
		if len(again) > 0 {
			if err := tx.Model(&WebhookSubscription{}).Where("id IN ? AND behind_after IS NULL", again).
				Updates(map[string]any{"behind_after": c.Seq, "behind_since": now}).Error; err != nil {
				return err
			}
		}
		keep := rows[:0]
		for _, d := range rows {
			if d.Seq > c.Seq && !behind[d.SubscriptionID] {
				keep = append(keep, d)
			}
		}
		if len(keep) > 0 {
			res := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&keep, rowsPerStatement(20))
			if res.Error != nil {
				return res.Error
			}
			queued = int(res.RowsAffected)
		}
		return tx.Model(&changeCursor{}).Where("consumer = ?", webhookConsumer).Updates(map[string]any{"seq": last, "updated_at": now}).Error
	})
	return queued, err
}

// BehindWebhooks lists the active subscriptions that fell behind (see
// FanOutWebhooks).
func (s *Store) BehindWebhooks(ctx context.Context) ([]string, error) {
	var ids []string
	err := s.read(ctx).Model(&WebhookSubscription{}).Where("active = ? AND behind_after IS NOT NULL", true).Order("id").Pluck("id", &ids).Error
	return ids, dbError(err)
}

// CatchUpWebhookStep queues, for a subscription that fell behind, the next
// changes it missed (at most limit, read from the change log after its
// BehindAfter, up to the fan-out's cursor), as live deliveries rendered
// now. It does nothing while more than backlog deliveries wait: the
// endpoint's pace sets the catch-up's. Once it reaches the fan-out's
// cursor, under that cursor's lock, the subscription is no longer behind
// and the fan-out serves it again from there. It reports whether the
// subscription is caught up (or gone, or off).
func (s *Store) CatchUpWebhookStep(ctx context.Context, id string, limit int, backlog int64, render WebhookRenderer) (done bool, err error) {
	var w WebhookSubscription
	if err := s.read(ctx).Take(&w, "id = ?", id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return true, nil
		}
		return false, dbError(err)
	}
	if !w.Active || w.BehindAfter == nil {
		return true, nil
	}
	var waiting int64
	if err := s.read(ctx).Model(&WebhookDelivery{}).Where("subscription_id = ? AND "+waitingState, id).Count(&waiting).Error; err != nil {
		return false, dbError(err)
	}
	if waiting > backlog {
		return false, nil
	}
	head, _, err := s.loadCursor(ctx, webhookConsumer)
	if err != nil {
		return false, err
	}
	var changes []Change
	if err := s.read(ctx).Where("seq > ? AND seq <= ?", *w.BehindAfter, head).Order("seq").Limit(limit).Find(&changes).Error; err != nil {
		return false, dbError(err)
	}
	next := max(head, *w.BehindAfter)
	if len(changes) == limit {
		next = changes[len(changes)-1].Seq
	}
	var rows []WebhookDelivery
	if len(changes) > 0 {
		if rows, err = s.webhookDeliveries(ctx, changes, []WebhookSubscription{w}, 0, render); err != nil {
			return false, dbError(err)
		}
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		// The cursor, then the subscription: the fan-out's order.
		var c changeCursor
		if err := forUpdate(tx).Take(&c, "consumer = ?", webhookConsumer).Error; err != nil {
			return err
		}
		var cur WebhookSubscription
		err := forUpdate(tx).Take(&cur, "id = ?", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			done = true
			return nil
		}
		if err != nil {
			return err
		}
		if !cur.Active || cur.BehindAfter == nil || *cur.BehindAfter != *w.BehindAfter {
			return nil // off, or another replica queued this step
		}
		if len(rows) > 0 {
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, rowsPerStatement(20)).Error; err != nil {
				return err
			}
		}
		set := map[string]any{"behind_after": next}
		if next >= c.Seq {
			set = map[string]any{"behind_after": nil, "behind_since": nil}
			done = true
		}
		return tx.Model(&WebhookSubscription{}).Where("id = ?", id).Updates(set).Error
	})
	return done, err
}

// ReplayingWebhooks lists the active subscriptions with a replay still
// queuing changes.
func (s *Store) ReplayingWebhooks(ctx context.Context) ([]string, error) {
	var ids []string
	err := s.read(ctx).Model(&WebhookSubscription{}).Where("active = ? AND replay_after < replay_until", true).Order("id").Pluck("id", &ids).Error
	return ids, dbError(err)
}

// ReplayWebhookStep queues the next batch (at most limit changes) of a
// subscription's replay. It does nothing while the subscription has more
// than backlog deliveries waiting, so that a replay of a long history
// follows the endpoint's pace instead of filling the queue. It reports
// whether the replay is finished (or gone: replaced, the subscription off
// or deleted).
func (s *Store) ReplayWebhookStep(ctx context.Context, id string, limit int, backlog int64, render WebhookRenderer) (done bool, err error) {
	var w WebhookSubscription
	if err := s.read(ctx).Take(&w, "id = ?", id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return true, nil
		}
		return false, dbError(err)
	}
	if !w.Active || !w.Replaying() {
		return true, nil
	}
	var waiting int64
	if err := s.read(ctx).Model(&WebhookDelivery{}).Where("subscription_id = ? AND "+waitingState, id).
		Count(&waiting).Error; err != nil {
		return false, dbError(err)
	}
	if waiting > backlog {
		return false, nil
	}
	var changes []Change
	if err := s.read(ctx).Where("seq > ? AND seq <= ?", w.ReplayAfter, w.ReplayUntil).Order("seq").Limit(limit).Find(&changes).Error; err != nil {
		return false, dbError(err)
	}
	next := w.ReplayUntil
	if len(changes) == limit {
		next = changes[len(changes)-1].Seq
	}
	var rows []WebhookDelivery
	if len(changes) > 0 {
		if rows, err = s.webhookDeliveries(ctx, changes, []WebhookSubscription{w}, w.ReplayGeneration, render); err != nil {
			return false, dbError(err)
		}
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		var cur WebhookSubscription
		err := forUpdate(tx).Take(&cur, "id = ?", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			done = true
			return nil
		}
		if err != nil {
			return err
		}
		if cur.ReplayGeneration != w.ReplayGeneration || cur.ReplayAfter != w.ReplayAfter {
			return nil // replaced, or another replica queued this batch
		}
		if len(rows) > 0 {
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, rowsPerStatement(20)).Error; err != nil {
				return err
			}
		}
		done = next >= cur.ReplayUntil
		return tx.Model(&WebhookSubscription{}).Where("id = ?", id).Update("replay_after", next).Error
	})
	return done, err
}

// dueDelivery is the condition of a delivery a worker may claim now: due,
// or held by a worker whose lease ran out.
const dueDelivery = "((state = ? AND next_attempt_at <= ?) OR (state = ? AND lease_until < ?))"

// waitingState is the condition of the partial indexes on the deliveries
// still waiting (migration 00081), written out: a planner uses a partial
// index only for a query whose condition implies the index's, which it
// cannot tell of bound parameters.
const waitingState = "state IN ('" + DeliveryPending + "', '" + DeliverySending + "')"

// firstOfRecord is the condition that a delivery is first of its record's
// queue: no earlier delivery of the same record (by seq, then id) is waiting.
// « e.seq <= seq AND (e.seq < seq OR e.id < id) » rather than « e.seq < seq
// OR (e.seq = seq AND e.id < id) »: the same rows, but both engines then read
// only the record's earlier waiting deliveries through an index; the OR form
// made SQLite scan every earlier delivery of the subscription for each
// candidate, so a claim took seconds once thousands were queued and a burst
// stalled. It refers to the outer row as webhook_deliveries, in a SELECT as
// in an UPDATE of that table.
const firstOfRecord = "NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.subscription_id = webhook_deliveries.subscription_id " +
	"AND e.entity_id = webhook_deliveries.entity_id AND e." + waitingState + " AND e.seq <= webhook_deliveries.seq " +
	"AND (e.seq < webhook_deliveries.seq OR e.id < webhook_deliveries.id))"

// claimCandidates selects up to limit deliveries of a subscription that are
// due and first of their record's queue, in seq order, through the waiting
// deliveries only.
func claimCandidates(db *gorm.DB, subID string, now time.Time, limit int) *gorm.DB {
	return db.Model(&WebhookDelivery{}).Select("id", "seq", "entity_id", "rendered_for").Where("subscription_id = ?", subID).Where(waitingState).
		Where(dueDelivery, DeliveryPending, now, DeliverySending, now).Where(firstOfRecord).
		Order("seq").Order("id").Limit(limit)
}

// DueWebhookSubscriptions lists the active, unpaused subscriptions with
// deliveries to claim now.
func (s *Store) DueWebhookSubscriptions(ctx context.Context) ([]string, error) {
	now := s.now()
	var ids []string
	err := s.read(ctx).Model(&WebhookDelivery{}).Distinct("subscription_id").
		Where(dueDelivery, DeliveryPending, now, DeliverySending, now).
		Where("subscription_id IN (SELECT id FROM webhook_subscriptions WHERE active = ? AND (paused_until IS NULL OR paused_until <= ?))", true, now).
		Pluck("subscription_id", &ids).Error
	return ids, dbError(err)
}

// ClaimWebhookDeliveries takes, for owner and lease, up to limit deliveries
// of a subscription that are due and first of their record's queue: no
// earlier delivery of the same record is waiting or being sent. So the
// changes of one record go out one at a time and in seq order, while
// different records go out side by side. While the endpoint is failing
// (the subscription's last attempts failed) only one delivery is taken, a
// probe. Each claim is a conditional UPDATE, as the e-mail outbox's: two
// workers — goroutines, replicas — never hold one delivery. It returns the
// subscription as it was read, or nil when it is off, paused or gone.
//
// A delivery's body was rendered when it was queued, with its owner's
// rights then; the claim checks them again, as they are now, just before
// the delivery is sent. When the owner may no longer receive webhooks, its
// subscription's waiting deliveries are all withheld (failed, with why) and
// nothing is claimed: its queue stops, as its fan-out already did. A
// delivery rendered with other rights than the owner's current ones is
// withheld too rather than sent: re-rendering it would send other bytes
// under a webhook-id the endpoint may already have received (an attempt
// that timed out), and a replay gives the record as it may now be seen.
func (s *Store) ClaimWebhookDeliveries(ctx context.Context, subID, owner string, lease time.Duration, limit int) ([]WebhookDelivery, *WebhookSubscription, error) {
	now := s.now()
	var w WebhookSubscription
	if err := s.read(ctx).Take(&w, "id = ?", subID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, nil, nil
		}
		return nil, nil, dbError(err)
	}
	if !w.Active || w.PausedUntil != nil && w.PausedUntil.After(now) {
		return nil, nil, nil
	}
	viewers := &webhookViewers{s: s, cache: map[string]*Principal{}, ok: map[string]bool{}}
	viewer, ok, err := viewers.of(ctx, &w)
	if err != nil {
		return nil, nil, dbError(err)
	}
	if !ok {
		err := s.write(ctx, func(tx *gorm.DB) error {
			if gone, err := lockSubscriptionKey(tx, subID); gone || err != nil {
				return err
			}
			return tx.Model(&WebhookDelivery{}).Where("subscription_id = ?", subID).
				Where("(state = ? OR (state = ? AND lease_until < ?))", DeliveryPending, DeliverySending, now).
				Updates(map[string]any{"state": DeliveryFailed, "finished_at": now, "lease_owner": "", "lease_until": nil, "last_error": withheldOwner}).Error
		})
		return nil, nil, err
	}
	rights := webhookRights(viewer)
	if w.ConsecutiveFailures > 0 {
		limit = 1
	}
	var cands []WebhookDelivery
	if err := claimCandidates(s.read(ctx), subID, now, limit).Find(&cands).Error; err != nil {
		return nil, nil, dbError(err)
	}
	if len(cands) == 0 {
		return nil, &w, nil
	}
	var out []WebhookDelivery
	err = s.write(ctx, func(tx *gorm.DB) error {
		if gone, err := lockSubscriptionKey(tx, subID); gone || err != nil {
			return err // deleted meanwhile: nothing to claim
		}
		until := now.Add(lease)
		for _, c := range cands {
			set := map[string]any{"state": DeliverySending, "lease_owner": owner, "lease_until": until, "attempts": gorm.Expr("attempts + 1")}
			withheld := c.RenderedFor != "" && c.RenderedFor != rights
			if withheld {
				set = map[string]any{"state": DeliveryFailed, "finished_at": now, "lease_owner": "", "lease_until": nil, "last_error": withheldRights}
			}
			// The same conditions again, on the committed state: a
			// delivery taken or finished meanwhile is left alone.
			res := tx.Model(&WebhookDelivery{}).Where("id = ?", c.ID).Where(dueDelivery, DeliveryPending, now, DeliverySending, now).
				Where(firstOfRecord).Updates(set)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 1 && !withheld {
				var d WebhookDelivery
				if err := tx.Take(&d, "id = ?", c.ID).Error; err != nil {
					return err
				}
				out = append(out, d)
			}
		}
		return nil
	})
	return out, &w, err
}

// lockSubscriptionKey locks the subscription subID against deletion until
// the write transaction ends, before its deliveries are written: the lock
// order of DeleteWebhook, which locks the subscription and then deletes its
// deliveries. FOR KEY SHARE: claims and recorded attempts (FOR NO KEY
// UPDATE) do not wait for it. It reports whether the subscription is gone.
func lockSubscriptionKey(tx *gorm.DB, subID string) (gone bool, err error) {
	var ids []string
	if err := forKeyShare(tx).Model(&WebhookSubscription{}).Where("id = ?", subID).Pluck("id", &ids).Error; err != nil {
		return false, err
	}
	return len(ids) == 0, nil
}

// RenewWebhookDelivery extends owner's lease on a delivery just before
// sending it, and reports whether owner still holds it (a worker stalled
// past its lease skips what another took over).
func (s *Store) RenewWebhookDelivery(ctx context.Context, id, owner string, lease time.Duration) (bool, error) {
	var n int64
	err := s.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&WebhookDelivery{}).Where("id = ? AND state = ? AND lease_owner = ?", id, DeliverySending, owner).
			Update("lease_until", s.now().Add(lease))
		n = res.RowsAffected
		return res.Error
	})
	return n == 1, err
}

// ReleaseWebhookDelivery gives back a claimed delivery that was not
// attempted (the subscription was turned off meanwhile, the worker stops):
// pending again, its attempt not counted.
func (s *Store) ReleaseWebhookDelivery(ctx context.Context, id, owner string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		return tx.Model(&WebhookDelivery{}).Where("id = ? AND state = ? AND lease_owner = ?", id, DeliverySending, owner).
			Updates(map[string]any{"state": DeliveryPending, "lease_owner": "", "lease_until": nil, "attempts": gorm.Expr("attempts - 1")}).Error
	})
}

// WebhookAttempt is how one attempt at a delivery went.
type WebhookAttempt struct {
	At       time.Time
	Duration time.Duration
	// Delivered: the endpoint answered 2xx.
	Delivered bool
	// Status is the HTTP status of the answer; 0 when there was none
	// (refused address, connection error, timeout).
	Status  int
	Excerpt string // the beginning of the answer's body
	Error   string // why it failed, for the owner; never a secret
	// Endpoint says the failure is the endpoint's rather than this
	// delivery's (no answer, 5xx, 429, a redirect): the subscription
	// pauses, instead of every delivery failing in turn.
	Endpoint bool
	// RetryAfter is the wait the endpoint asked for (Retry-After).
	RetryAfter time.Duration
	// Gone: the endpoint answered 410 Gone, which Standard Webhooks reads
	// as "stop sending": the subscription is turned off.
	Gone bool
}

// WebhookPolicy is how failures are handled.
type WebhookPolicy struct {
	// Backoff is the wait after n failures in a row (n ≥ 1).
	Backoff func(n int) time.Duration
	// MaxAge: a delivery still failing this long after it was queued is
	// given up.
	MaxAge time.Duration
	// DisableAfter: a subscription whose endpoint has failed without a
	// success for this long is turned off.
	DisableAfter time.Duration
	// MaxRetryAfter bounds the wait an endpoint may ask for.
	MaxRetryAfter time.Duration
}

// Outcomes of FinishWebhookDelivery, for metrics and logs.
const (
	OutcomeDelivered = "delivered"
	OutcomeRetry     = "retry"
	OutcomeGivenUp   = "given_up"
	OutcomeLost      = "lost" // the lease was taken over: another worker's result counts
)

// FinishWebhookDelivery records an attempt by owner and its consequences,
// in one transaction: the delivery is delivered, pending again later, or
// given up past the maximum age; the subscription's health follows — a
// success resets it, a failure of the endpoint pauses the subscription
// (exponential backoff with jitter), a subscription failing for longer
// than DisableAfter, or answered 410 Gone, is turned off with the reason.
// It returns the delivery's outcome and, when the subscription was turned
// off, why.
func (s *Store) FinishWebhookDelivery(ctx context.Context, id, owner string, a WebhookAttempt, pol WebhookPolicy) (outcome, disabled string, err error) {
	err = s.write(ctx, func(tx *gorm.DB) error {
		// The subscription first, then the delivery: the order of
		// DeleteWebhook (and of the claims), which locks the subscription
		// and then deletes its deliveries. Locking the delivery first
		// deadlocked with a delete, and the record of an attempt the
		// endpoint had acknowledged was rolled back: sent again once its
		// lease ran out.
		var subIDs []string
		if err := tx.Model(&WebhookDelivery{}).Where("id = ?", id).Pluck("subscription_id", &subIDs).Error; err != nil {
			return err
		}
		var w WebhookSubscription
		if len(subIDs) == 1 {
			err := forNoKeyUpdate(tx).Take(&w, "id = ?", subIDs[0]).Error
			if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
				return err
			}
		}
		var d WebhookDelivery
		err := forUpdate(tx).Take(&d, "id = ?", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) || err == nil && w.ID != d.SubscriptionID {
			outcome = OutcomeLost // the subscription was deleted meanwhile
			return nil
		}
		if err != nil {
			return err
		}
		if d.State != DeliverySending || d.LeaseOwner != owner {
			outcome = OutcomeLost
			return nil
		}
		now := s.now()
		dset := map[string]any{"lease_owner": "", "lease_until": nil, "last_attempt_at": a.At, "response_status": a.Status,
			"response_excerpt": clipRunes(a.Excerpt, 200), "duration_ms": int(a.Duration / time.Millisecond), "last_error": clipRunes(a.Error, 300)}
		wset := map[string]any{}
		if a.Delivered {
			outcome = OutcomeDelivered
			dset["state"], dset["finished_at"], dset["last_error"] = DeliveryDelivered, now, ""
			wset = map[string]any{"consecutive_failures": 0, "failing_since": nil, "paused_until": nil, "last_success_at": now, "last_error": ""}
		} else {
			failures := w.ConsecutiveFailures + 1
			wait := pol.Backoff(max(failures, d.Attempts))
			if a.RetryAfter > wait {
				wait = min(a.RetryAfter, pol.MaxRetryAfter)
			}
			since := now
			if w.FailingSince != nil {
				since = *w.FailingSince
			}
			wset = map[string]any{"consecutive_failures": failures, "failing_since": since, "last_failure_at": now, "last_error": clipRunes(a.Error, 300)}
			if a.Endpoint {
				wset["paused_until"] = now.Add(wait)
			}
			if now.Sub(d.CreatedAt) >= pol.MaxAge {
				outcome = OutcomeGivenUp
				dset["state"], dset["finished_at"] = DeliveryFailed, now
				dset["last_error"] = clipRunes(fmt.Sprintf("given up %s after it was queued: %s", pol.MaxAge, a.Error), 300)
				wset["given_up"] = gorm.Expr("given_up + 1")
			} else {
				outcome = OutcomeRetry
				dset["state"], dset["next_attempt_at"] = DeliveryPending, now.Add(wait)
			}
			switch {
			case a.Gone:
				disabled = "The endpoint answered 410 Gone: Carnet stopped sending. Turn the subscription on again (active: true) to resume."
			case w.Active && now.Sub(since) >= pol.DisableAfter:
				disabled = fmt.Sprintf("The endpoint has failed since %s without a success (last error: %s): Carnet stopped sending. Fix it, then turn the subscription on again (active: true) and replay after disabled_seq.",
					since.Format(time.RFC3339), clipRunes(a.Error, 200))
			}
			if disabled != "" && w.Active {
				var head int64
				if err := tx.Model(&Change{}).Select("COALESCE(MAX(seq), 0)").Scan(&head).Error; err != nil {
					return err
				}
				if w.BehindAfter != nil {
					// Behind, it missed the changes after that cursor
					// already: the replay must start there.
					head = min(head, *w.BehindAfter)
					wset["behind_after"], wset["behind_since"] = nil, nil
				}
				wset["active"], wset["disabled_reason"], wset["disabled_at"], wset["disabled_seq"] = false, disabled, now, head
				wset["version"], wset["updated_at"] = w.Version+1, now
			} else {
				disabled = ""
			}
		}
		if err := tx.Model(&WebhookDelivery{}).Where("id = ?", id).Updates(dset).Error; err != nil {
			return err
		}
		if err := tx.Model(&WebhookSubscription{}).Where("id = ?", w.ID).Updates(wset).Error; err != nil {
			return err
		}
		if disabled != "" {
			return s.trail(tx, TrailEvent{Action: TrailWebhookUpdated, SubjectKind: SubjectWebhook, SubjectID: w.ID, SubjectLabel: w.URL},
				map[string]any{"active": map[string]any{"old": true, "new": false}, "disabled_reason": disabled})
		}
		return nil
	})
	return outcome, disabled, err
}

// WebhookQueueCounts counts the deliveries waiting, by state (pending,
// sending), and the subscriptions by status (active, failing, disabled),
// for operators.
func (s *Store) WebhookQueueCounts(ctx context.Context) (deliveries, subscriptions map[string]int64, err error) {
	deliveries, subscriptions = map[string]int64{}, map[string]int64{}
	err = s.read(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []struct {
			State string
			N     int64
		}
		if err := tx.Model(&WebhookDelivery{}).Select("state, count(*) AS n").Where(waitingState).
			Group("state").Scan(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			deliveries[r.State] = r.N
		}
		var subs []struct {
			Active  bool
			Failing bool
			N       int64
		}
		if err := tx.Model(&WebhookSubscription{}).Select("active, failing_since IS NOT NULL AS failing, count(*) AS n").
			Group("active, failing_since IS NOT NULL").Scan(&subs).Error; err != nil {
			return err
		}
		for _, r := range subs {
			subscriptions[WebhookStatus(r.Active, r.Failing)] += r.N
		}
		return nil
	})
	return deliveries, subscriptions, dbError(err)
}

// WebhookStatus names a subscription's state for its owner and operators:
// active, failing (on, its endpoint failing) or disabled.
func WebhookStatus(active, failing bool) string {
	switch {
	case !active:
		return "disabled"
	case failing:
		return "failing"
	}
	return "active"
}

// PurgeWebhookDeliveries deletes deliveries delivered or given up before
// before: the log is for the owner's questions about the last days.
func (s *Store) PurgeWebhookDeliveries(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *gorm.DB) error {
		res := tx.Where("state IN ? AND finished_at < ?", []string{DeliveryDelivered, DeliveryFailed}, before).Delete(&WebhookDelivery{})
		n = res.RowsAffected
		return res.Error
	})
	return n, err
}
