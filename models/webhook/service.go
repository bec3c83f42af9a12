package webhook

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	mathrand "math/rand/v2"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"carnet/models"
)

// Config configures a Service. Zero values take the defaults in brackets.
type Config struct {
	Store *models.Store
	// Render writes a delivery's body (handlers.RenderWebhook).
	Render models.WebhookRenderer
	Guard  Guard
	Log    *slog.Logger
	// UserAgent of the requests ("Carnet-Webhooks").
	UserAgent string
	// Timeout bounds one request, connection to answer (15 s, within the
	// 15–30 s Standard Webhooks recommends).
	Timeout time.Duration
	// Concurrency is how many deliveries of one subscription are in
	// flight at once, in this process (4). Subscriptions are served side
	// by side, each by its own goroutine, so a slow endpoint holds its own
	// deliveries only.
	Concurrency int
	// MaxSubscriptions is how many subscriptions this process serves at
	// once (64); the others wait for a free turn.
	MaxSubscriptions int
	// Poll is how often the queue is read when nothing wakes the worker
	// (deliveries queued by another replica, retries coming due) (1 s).
	Poll time.Duration
	// Lease is how long a claimed delivery is this worker's; past it the
	// worker is presumed dead and another sends it (Timeout + 30 s).
	Lease time.Duration
	// RetryFirst is the wait after a first failure, doubling with each
	// failure in a row up to RetryMax (10 s, 1 h); each wait is drawn
	// between its half and itself (jitter), so that endpoints coming back
	// are not hit by every sender at once.
	RetryFirst, RetryMax time.Duration
	// MaxAge: a delivery still failing this long after it was queued is
	// given up (72 h). DisableAfter: a subscription failing without a
	// success this long is turned off (120 h).
	MaxAge, DisableAfter time.Duration
	// LogRetention is how long delivered and given-up deliveries stay in
	// the log (7 days).
	LogRetention time.Duration
	// FanOutBatch is how many changes one fan-out transaction takes (200).
	FanOutBatch int
	// ReplayBatch is how many changes a replay queues at a time (200), and
	// ReplayBacklog how many deliveries may wait before it queues more
	// (1,000).
	ReplayBatch   int
	ReplayBacklog int64
	// MaxPending is how many deliveries one subscription may have waiting
	// before the fan-out stops storing more for it (1,000,
	// models.WebhookMaxPending): it falls behind, and the replay loop
	// catches it up from the change log, ReplayBatch changes at a time,
	// while at most half of MaxPending (and ReplayBacklog) wait.
	MaxPending int64
	// Owner names this worker in the leases; unique by default.
	Owner string
}

func (c *Config) defaults() {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.UserAgent == "" {
		c.UserAgent = "Carnet-Webhooks"
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.Timeout, 15*time.Second)
	def(&c.Poll, time.Second)
	def(&c.Lease, c.Timeout+30*time.Second)
	def(&c.RetryFirst, 10*time.Second)
	def(&c.RetryMax, time.Hour)
	def(&c.MaxAge, 72*time.Hour)
	def(&c.DisableAfter, 120*time.Hour)
	def(&c.LogRetention, 7*24*time.Hour)
	if c.Concurrency <= 0 {
		c.Concurrency = 4
	}
	if c.MaxSubscriptions <= 0 {
		c.MaxSubscriptions = 64
	}
	if c.FanOutBatch <= 0 {
		c.FanOutBatch = 200
	}
	if c.ReplayBatch <= 0 {
		c.ReplayBatch = 200
	}
	if c.ReplayBacklog <= 0 {
		c.ReplayBacklog = 1000
	}
	if c.MaxPending <= 0 {
		c.MaxPending = models.WebhookMaxPending
	}
	if c.Owner == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		rand.Read(b)
		c.Owner = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
	}
}

// Backoff is exponential with "equal jitter": after n failures in a row,
// first × 2^(n−1) capped at most, drawn between its half and itself.
func Backoff(first, most time.Duration) func(n int) time.Duration {
	return func(n int) time.Duration {
		d := float64(first) * math.Pow(2, float64(min(max(n-1, 0), 30)))
		d = min(d, float64(most))
		return time.Duration(d/2 + mathrand.Float64()*d/2)
	}
}

// Outcomes counted by Stats.
var Outcomes = []string{models.OutcomeDelivered, models.OutcomeRetry, models.OutcomeGivenUp}

// Service fans the change log out into deliveries and sends them. Several
// services — replicas, a restarted process — may run on one database: the
// fan-out moves its cursor under a lock, and each delivery is claimed by
// one worker at a time. Delivery is at least once: a delivery is marked
// delivered after the endpoint answered 2xx, so a worker that dies between
// the two leaves it claimed, and when its lease runs out it is sent again
// with the same webhook-id.
type Service struct {
	cfg    Config
	client *http.Client
	policy models.WebhookPolicy
	wake   chan struct{}
	replay chan struct{}

	mu       sync.Mutex
	serving  map[string]bool // subscriptions a goroutine of this process serves
	follower *models.Follower
	wg       sync.WaitGroup

	outcomes map[string]*atomic.Int64
	durTotal atomic.Int64 // nanoseconds spent in attempts
}

// New returns a service; Run starts its work. Ping and CheckURL work
// without Run.
func New(cfg Config) *Service {
	cfg.defaults()
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would hide the address from the guard
		DialContext:           cfg.Guard.Dialer(cfg.Timeout).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   64, // several subscriptions may share a host: reuse their connections rather than open one per delivery
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
	}
	s := &Service{cfg: cfg, wake: make(chan struct{}, 1), replay: make(chan struct{}, 1), serving: map[string]bool{},
		outcomes: map[string]*atomic.Int64{},
		client: &http.Client{Transport: tr, Timeout: cfg.Timeout,
			// Standard Webhooks: a redirect is a failure; the owner
			// registers the final URL.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		policy: models.WebhookPolicy{Backoff: Backoff(cfg.RetryFirst, cfg.RetryMax), MaxAge: cfg.MaxAge, DisableAfter: cfg.DisableAfter,
			MaxRetryAfter: cfg.RetryMax}}
	for _, o := range Outcomes {
		s.outcomes[o] = &atomic.Int64{}
	}
	return s
}

// CheckURL checks that an endpoint may be called (see Guard.CheckURL).
func (s *Service) CheckURL(ctx context.Context, raw string) error {
	return s.cfg.Guard.CheckURL(ctx, raw)
}

// Guard returns the rule on endpoints.
func (s *Service) Guard() Guard { return s.cfg.Guard }

// Wake makes the worker look at the queue and the replays now. It never
// blocks.
func (s *Service) Wake() {
	for _, ch := range []chan struct{}{s.wake, s.replay} {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Run follows the change log and delivers until ctx ends, then finishes the
// deliveries in hand (so that one an endpoint accepted is recorded, and not
// sent again after a restart) and returns.
func (s *Service) Run(ctx context.Context) error {
	// The cursor is created (a write) by the follower's start, retried
	// until the database takes it: a disk full at start delays the
	// fan-out, listed meanwhile as failing, instead of stopping it until
	// a restart.
	f, err := s.cfg.Store.Follow(ctx, models.FollowOptions{Name: "webhooks", Start: s.cfg.Store.WebhookCursor, Batch: s.cfg.FanOutBatch, Apply: s.fanOut})
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.follower = f
	s.mu.Unlock()
	var loops sync.WaitGroup
	loops.Add(3)
	go func() { defer loops.Done(); s.dispatch(ctx) }()
	go func() { defer loops.Done(); s.replays(ctx) }()
	go func() { defer loops.Done(); s.purge(ctx) }()
	<-ctx.Done()
	f.Stop()
	loops.Wait()
	s.wg.Wait()
	return nil
}

func (s *Service) fanOut(ctx context.Context, batch []models.Change) error {
	n, err := s.cfg.Store.FanOutWebhooks(ctx, batch, s.cfg.MaxPending, s.cfg.Render)
	if n > 0 {
		s.Wake()
	}
	return err
}

// dispatch starts a goroutine for each subscription with deliveries due.
func (s *Service) dispatch(ctx context.Context) {
	t := time.NewTicker(s.cfg.Poll)
	defer t.Stop()
	for {
		ids, err := s.cfg.Store.DueWebhookSubscriptions(context.WithoutCancel(ctx))
		if err != nil && ctx.Err() == nil {
			s.cfg.Log.Error("webhooks: reading the queue failed", "error", err.Error())
		}
		s.cfg.Store.WorkerResult("webhook-delivery", err) // for readyz
		for _, id := range ids {
			s.mu.Lock()
			start := !s.serving[id] && len(s.serving) < s.cfg.MaxSubscriptions && ctx.Err() == nil
			if start {
				s.serving[id] = true
				s.wg.Add(1)
			}
			s.mu.Unlock()
			if start {
				go s.serve(ctx, id)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-t.C:
		}
	}
}

// serve sends a subscription's due deliveries, at most Concurrency at once,
// claiming more as attempts end, until none is due (or the subscription is
// paused, turned off, or ctx ends).
func (s *Service) serve(ctx context.Context, id string) {
	defer func() {
		s.mu.Lock()
		delete(s.serving, id)
		s.mu.Unlock()
		s.wg.Done()
	}()
	done := make(chan struct{}, s.cfg.Concurrency)
	inFlight := 0
	for {
		var batch []models.WebhookDelivery
		var w *models.WebhookSubscription
		if ctx.Err() == nil && inFlight < s.cfg.Concurrency {
			var err error
			batch, w, err = s.cfg.Store.ClaimWebhookDeliveries(context.WithoutCancel(ctx), id, s.cfg.Owner, s.cfg.Lease, s.cfg.Concurrency-inFlight)
			if err != nil {
				s.cfg.Log.Error("webhooks: claiming deliveries failed", "subscription_id", id, "error", err.Error())
			}
		}
		for i := range batch {
			inFlight++
			d := batch[i]
			go func() {
				s.deliver(context.WithoutCancel(ctx), &d, w)
				done <- struct{}{}
			}()
		}
		if len(batch) == 0 && inFlight == 0 {
			return
		}
		<-done
		inFlight--
	}
}

// finish records an attempt, again after a transient failure (the database
// busy: a deadlock, a lost connection): unrecorded, an attempt the endpoint
// acknowledged would be sent again once its lease ran out.
func (s *Service) finish(ctx context.Context, id string, a models.WebhookAttempt) (outcome, disabled string, err error) {
	for try := 1; ; try++ {
		outcome, disabled, err = s.cfg.Store.FinishWebhookDelivery(ctx, id, s.cfg.Owner, a, s.policy)
		if err == nil || models.ErrorCode(err) != models.EUNAVAILABLE || try == 3 {
			return outcome, disabled, err
		}
		select {
		case <-ctx.Done():
			return outcome, disabled, err
		case <-time.After(time.Duration(try) * 100 * time.Millisecond):
		}
	}
}

// deliver makes one attempt at a claimed delivery and records it.
func (s *Service) deliver(ctx context.Context, d *models.WebhookDelivery, w *models.WebhookSubscription) {
	log := s.cfg.Log.With("subscription_id", w.ID, "delivery_id", d.ID, "seq", d.Seq, "attempt", d.Attempts)
	if mine, err := s.cfg.Store.RenewWebhookDelivery(ctx, d.ID, s.cfg.Owner, s.cfg.Lease); err != nil || !mine {
		if err != nil {
			log.Error("webhooks: renewing a lease failed", "error", err.Error())
		}
		return // another worker took it over: it is theirs to send
	}
	a := s.attempt(ctx, w, d.ID, []byte(d.Payload))
	s.durTotal.Add(int64(a.Duration))
	outcome, disabled, err := s.finish(ctx, d.ID, a)
	if err != nil {
		// The lease will run out and the delivery be tried again.
		log.Error("webhooks: recording an attempt failed", "error", err.Error())
		return
	}
	if c := s.outcomes[outcome]; c != nil {
		c.Add(1)
	}
	switch outcome {
	case models.OutcomeDelivered:
		log.Debug("webhook delivered", "status", a.Status, "duration_ms", a.Duration.Milliseconds())
	case models.OutcomeRetry:
		log.Warn("webhook not delivered, will retry", "status", a.Status, "error", a.Error)
	case models.OutcomeGivenUp:
		log.Error("webhook delivery given up", "status", a.Status, "error", a.Error)
	}
	if disabled != "" {
		log.Error("webhook subscription turned off", "reason", disabled)
	}
}

// attempt sends body to the subscription's endpoint, signed, and says how
// it went. It never returns the endpoint's headers or more than the
// beginning of its body.
func (s *Service) attempt(ctx context.Context, w *models.WebhookSubscription, id string, body []byte) models.WebhookAttempt {
	now := s.cfg.Store.Now()
	a := models.WebhookAttempt{At: now}
	sig, err := Sign(w.Secrets(now), id, now.Unix(), body)
	if err != nil {
		a.Error, a.Endpoint = "the subscription's secret is unusable: rotate it", true
		return a
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		a.Error, a.Endpoint = "the URL cannot be requested: "+err.Error(), true
		return a
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", s.cfg.UserAgent)
	req.Header.Set(HeaderID, id)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(HeaderSignature, sig)
	start := time.Now()
	resp, err := s.client.Do(req)
	if err != nil {
		a.Duration = time.Since(start)
		a.Error, a.Endpoint = transportError(err, s.cfg.Timeout), true
		return a
	}
	head := make([]byte, 1024)
	n, _ := io.ReadFull(resp.Body, head)
	_, _ = io.CopyN(io.Discard, resp.Body, 64<<10) // lets the connection be reused
	resp.Body.Close()
	a.Duration = time.Since(start)
	a.Status, a.Excerpt = resp.StatusCode, excerpt(head[:n])
	switch c := resp.StatusCode; {
	case c >= 200 && c < 300:
		a.Delivered = true
	case c == http.StatusGone:
		a.Error, a.Endpoint, a.Gone = "HTTP 410 Gone: the endpoint asks Carnet to stop sending", true, true
	case c >= 300 && c < 400:
		a.Error, a.Endpoint = fmt.Sprintf("HTTP %d: redirects are not followed; register the final URL (%s)", c, clipURL(resp.Header.Get("Location"))), true
	case c == http.StatusTooManyRequests || c == http.StatusRequestTimeout || c >= 500:
		a.Error, a.Endpoint = "HTTP "+strconv.Itoa(c)+" "+http.StatusText(c), true
		a.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), now)
	default:
		a.Error = "HTTP " + strconv.Itoa(c) + " " + http.StatusText(c) + ": the endpoint refused this delivery"
	}
	return a
}

// transportError explains a request that got no answer, without the
// details Go's errors carry about this side.
func transportError(err error, timeout time.Duration) string {
	var ne net.Error
	switch {
	case errors.Is(err, ErrRefused):
		msg := err.Error()
		if i := strings.Index(msg, ErrRefused.Error()+": "); i >= 0 {
			msg = msg[i+len(ErrRefused.Error())+2:]
		}
		return "refused: " + msg
	case errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no answer within %s", timeout)
	case strings.Contains(err.Error(), "connection refused"):
		return "connection refused"
	case strings.Contains(err.Error(), "no such host"):
		return "the host name does not resolve"
	case strings.Contains(err.Error(), "tls:") || strings.Contains(err.Error(), "x509:"):
		return "TLS failed: " + lastPart(err.Error())
	}
	return "no answer: " + lastPart(err.Error())
}

func lastPart(s string) string {
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return s
}

func clipURL(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// excerpt keeps the beginning of an answer's body as printable text, for
// the owner's delivery log: at most 200 characters, control characters as
// spaces, invalid UTF-8 dropped.
func excerpt(b []byte) string {
	var sb strings.Builder
	n := 0
	for len(b) > 0 && n < 200 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r == utf8.RuneError && size <= 1 {
			continue
		}
		if unicode.IsControl(r) {
			r = ' '
		}
		sb.WriteRune(r)
		n++
	}
	return strings.TrimSpace(sb.String())
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v = strings.TrimSpace(v); v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// replays queues the replays in progress, a batch at a time, each
// subscription in turn.
// stepEach runs step for each subscription of ids, a few batches per turn
// so that one long replay or catch-up does not keep the others waiting,
// waking the senders after each batch queued; an error is logged and the
// subscription is tried again next turn.
func (s *Service) stepEach(ctx context.Context, ids []string, what string, step func(id string) (done bool, err error)) {
	for _, id := range ids {
		for i := 0; i < 5 && ctx.Err() == nil; i++ {
			done, err := step(id)
			if err != nil {
				if ctx.Err() == nil {
					s.cfg.Log.Error("webhooks: a "+what+" failed; retrying", "subscription_id", id, "error", err.Error())
				}
				break
			}
			select {
			case s.wake <- struct{}{}:
			default:
			}
			if done {
				break
			}
		}
	}
}

func (s *Service) replays(ctx context.Context) {
	t := time.NewTicker(s.cfg.Poll)
	defer t.Stop()
	for {
		ids, err := s.cfg.Store.ReplayingWebhooks(ctx)
		if err != nil && ctx.Err() == nil {
			s.cfg.Log.Error("webhooks: reading the replays failed", "error", err.Error())
		}
		// Subscriptions behind (their queue reached MaxPending) catch up
		// the same way, at their endpoint's pace: once it has sent half
		// of what waited, so that a dead endpoint holds MaxPending.
		behind, err := s.cfg.Store.BehindWebhooks(ctx)
		if err != nil && ctx.Err() == nil {
			s.cfg.Log.Error("webhooks: reading the subscriptions behind failed", "error", err.Error())
		}
		s.stepEach(ctx, behind, "catch-up", func(id string) (bool, error) {
			return s.cfg.Store.CatchUpWebhookStep(ctx, id, s.cfg.ReplayBatch, min(s.cfg.ReplayBacklog, s.cfg.MaxPending/2), s.cfg.Render)
		})
		s.stepEach(ctx, ids, "replay", func(id string) (bool, error) {
			return s.cfg.Store.ReplayWebhookStep(ctx, id, s.cfg.ReplayBatch, s.cfg.ReplayBacklog, s.cfg.Render)
		})
		select {
		case <-ctx.Done():
			return
		case <-s.replay:
		case <-t.C:
		}
	}
}

// purge deletes old entries of the delivery logs, once an hour across the
// replicas.
func (s *Service) purge(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		claimed, err := s.cfg.Store.ClaimJob(ctx, "webhook-log-purge", s.cfg.Owner, time.Hour)
		if err == nil && claimed {
			var n int64
			n, err = s.cfg.Store.PurgeWebhookDeliveries(ctx, s.cfg.Store.Now().Add(-s.cfg.LogRetention))
			if err == nil && n > 0 {
				s.cfg.Log.Info("webhooks: old deliveries deleted", "deliveries", n)
			}
		}
		if err != nil && ctx.Err() == nil {
			s.cfg.Log.Error("webhooks: purging the delivery logs failed", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// PingResult is how a test ping went.
type PingResult struct {
	ID      string
	Payload []byte
	models.WebhookAttempt
}

// Ping sends a signed test event to a subscription's endpoint now, outside
// the queue (it is not retried, and it is sent whether the subscription is
// on or off), and says how it went.
func (s *Service) Ping(ctx context.Context, w *models.WebhookSubscription) (PingResult, error) {
	id := models.NewID()
	body, err := json.Marshal(map[string]any{"type": "webhook.ping", "timestamp": s.cfg.Store.Now().UTC().Format(models.TimeLayout), "delivery_id": id, "subscription_id": w.ID,
		"message": "A test event sent on request; it describes no change."})
	if err != nil {
		return PingResult{}, err
	}
	return PingResult{ID: id, Payload: body, WebhookAttempt: s.attempt(ctx, w, id, body)}, nil
}

// Stats describe the service's work since it started, for metrics.
type Stats struct {
	// Outcomes counts attempts by outcome (delivered, retry, given_up).
	Outcomes map[string]int64
	// AttemptSeconds is the time spent in attempts.
	AttemptSeconds float64
	// Lag is the fan-out's: changes not yet turned into deliveries, and
	// how long the oldest has waited.
	LagChanges int64
	LagSeconds float64
	// FanOutErrors counts the fan-out's failed steps (it retries after a
	// backoff of up to 30 s); FanOutLastError is the last one.
	FanOutErrors    int64
	FanOutLastError string
	// FanOutApplied is the seq of the change log up to which changes
	// were turned into deliveries.
	FanOutApplied int64
}

// Stats returns the service's figures.
func (s *Service) Stats() Stats {
	st := Stats{Outcomes: map[string]int64{}, AttemptSeconds: time.Duration(s.durTotal.Load()).Seconds()}
	for k, v := range s.outcomes {
		st.Outcomes[k] = v.Load()
	}
	s.mu.Lock()
	f := s.follower
	s.mu.Unlock()
	if f != nil {
		fs := f.Stats()
		st.LagChanges, st.LagSeconds = fs.Lag, fs.Behind.Seconds()
		st.FanOutErrors, st.FanOutLastError, st.FanOutApplied = fs.Errors, fs.LastError, fs.Applied
	}
	return st
}
