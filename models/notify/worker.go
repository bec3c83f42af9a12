package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	mathrand "math/rand/v2"
	netmail "net/mail"
	"net/url"
	"os"
	"strings"
	"time"

	"carnet/models"
	"carnet/models/mail"
)

// Sender delivers one message; *mail.Client is the real one.
type Sender interface {
	Send(ctx context.Context, from, to string, msg []byte) error
}

// Config configures a Worker.
type Config struct {
	Store  *models.Store
	Sender Sender
	From   netmail.Address
	Links  Links
	Log    *slog.Logger
	// Poll is how often the outbox is read when nothing wakes the worker
	// (rows queued by another process: a replica, `carnet referrals
	// maintain`); 5 s by default.
	Poll time.Duration
	// Lease is how long a claimed message is this worker's; past it, the
	// worker is presumed dead and any worker sends the message again.
	// Longer than a send's timeout; 2 minutes by default.
	Lease time.Duration
	// Batch is how many messages one claim takes; 20 by default.
	Batch int
	// MaxAttempts: a message still failing after this many attempts is
	// given up; 10 by default (about 9 hours with the default backoff).
	MaxAttempts int
	// Backoff is the wait before attempt n+1 after n failures; by default
	// 30 s doubling up to 3 hours, ±20 % so that a recovering server is not
	// hit by every message at once.
	Backoff func(failures int) time.Duration
	// Owner names this worker in the outbox's leases; unique by default.
	Owner string
}

// Worker sends the outbox's messages. Several workers — goroutines,
// replicas, a restarted process — may run on one database: each message is
// claimed by exactly one of them at a time (see models.ClaimOutbox).
//
// Delivery is at least once. A message is marked sent after the server
// accepted it; a worker that dies between the two leaves it claimed, and
// when its lease runs out another worker sends it again, with the same
// Message-ID (the row's id) so that receivers can recognise the copy. A
// worker stopped by its context finishes the message in hand first, so an
// ordinary restart sends nothing twice.
type Worker struct {
	cfg  Config
	wake chan struct{}
}

// DefaultBackoff is ExponentialBackoff(30 * time.Second).
var DefaultBackoff = ExponentialBackoff(30 * time.Second)

// ExponentialBackoff waits first × 2^(failures−1), at most 3 hours, ±20 %.
func ExponentialBackoff(first time.Duration) func(failures int) time.Duration {
	return func(failures int) time.Duration {
		d := first * time.Duration(math.Pow(2, float64(min(max(failures-1, 0), 16))))
		d = min(d, 3*time.Hour)
		return time.Duration(float64(d) * (0.8 + 0.4*mathrand.Float64()))
	}
}

// New returns a worker; call Run.
func New(cfg Config) *Worker {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 5 * time.Second
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2 * time.Minute
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 20
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 10
	}
	if cfg.Backoff == nil {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.Owner == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		rand.Read(b)
		cfg.Owner = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
	}
	return &Worker{cfg: cfg, wake: make(chan struct{}, 1)}
}

// Wake asks the worker to look at the outbox now (a transaction of this
// process queued messages). It never blocks: requests coalesce.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run sends due messages until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.cfg.Poll)
	defer t.Stop()
	for {
		_, err := w.Drain(ctx)
		if err != nil && ctx.Err() == nil {
			w.cfg.Log.Error("notifications: reading the outbox failed", "error", err.Error())
		}
		if ctx.Err() == nil {
			w.cfg.Store.WorkerResult("mail", err) // for readyz
		}
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-t.C:
		}
	}
}

// Drain claims and sends batches until none is due or ctx ends, and
// returns how many messages it tried.
func (w *Worker) Drain(ctx context.Context) (int, error) {
	n := 0
	for ctx.Err() == nil {
		batch, err := w.cfg.Store.ClaimOutbox(context.WithoutCancel(ctx), w.cfg.Owner, w.cfg.Lease, w.cfg.Batch)
		if err != nil {
			return n, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		for i := range batch {
			if ctx.Err() != nil {
				// Stopping: the rest of the batch goes back to the
				// queue when its lease runs out.
				return n, nil
			}
			w.deliver(context.WithoutCancel(ctx), &batch[i])
			n++
		}
	}
	return n, nil
}

// deliver sends one claimed message and records how it went. It runs to
// its end even when the worker is asked to stop, so that a message the
// server accepted is marked sent.
func (w *Worker) deliver(ctx context.Context, m *models.OutboxMessage) {
	log := w.cfg.Log.With("outbox_id", m.ID, "kind", m.Kind, "attempt", m.Attempts)
	if mine, err := w.cfg.Store.RenewOutbox(ctx, m.ID, w.cfg.Owner, w.cfg.Lease); err != nil || !mine {
		if err != nil {
			log.Error("notifications: renewing a lease failed", "error", err.Error())
		}
		return // another worker took it over: it is theirs to send
	}
	res := models.OutboxResult{}
	content, err := Render(m.Kind, m.ParamMap(), w.cfg.Links)
	switch {
	case err != nil:
		res.Error = err.Error()
	case m.ToEmail == "":
		res.Error = "no recipient address"
	default:
		msg := mail.Message{From: w.cfg.From, To: m.ToEmail, Subject: content.Subject, Text: content.Text,
			MessageID: m.ID + "@" + domainOf(w.cfg.From.Address), Date: w.cfg.Store.Now(),
			Headers: map[string]string{"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All", "X-Carnet-Notification": m.Kind}}
		err = w.cfg.Sender.Send(ctx, w.cfg.From.Address, m.ToEmail, msg.Bytes())
		switch {
		case err == nil:
			res.Sent = true
		case mail.Permanent(err):
			res.Error = err.Error()
		case m.Attempts >= w.cfg.MaxAttempts:
			res.Error = fmt.Sprintf("gave up after %d attempts: %v", m.Attempts, err)
		default:
			res.Error = err.Error()
			res.RetryAt = w.cfg.Store.Now().Add(w.cfg.Backoff(m.Attempts))
		}
	}
	if err := w.cfg.Store.FinishOutbox(ctx, m.ID, w.cfg.Owner, res); err != nil {
		// The lease will run out and the message be tried again.
		log.Error("notifications: recording a delivery failed", "error", err.Error())
		return
	}
	switch {
	case res.Sent:
		log.Info("notification sent")
	case !res.RetryAt.IsZero():
		log.Warn("notification not sent, will retry", "retry_at", res.RetryAt, "error", res.Error)
	default:
		log.Error("notification given up", "error", res.Error)
	}
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i < len(addr)-1 {
		return addr[i+1:]
	}
	return "carnet.invalid"
}

// ParseLinks reads the app's base URL (https://carnet.example.fr, or a
// path under it): absolute, http or https, without query nor fragment.
func ParseLinks(raw string) (Links, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return Links{}, errors.New("must be the app's absolute http(s) URL, such as https://carnet.example.fr, without query nor fragment")
	}
	return Links{Base: u}, nil
}
