package notify_test

import (
	"context"
	"fmt"
	netmail "net/mail"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"carnet/models"
	"carnet/models/mail"
	"carnet/models/notify"
)

func links(t testing.TB) notify.Links {
	l, err := notify.ParseLinks("https://app.carnet.example.fr/base/")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestRenderEveryKind(t *testing.T) {
	l := links(t)
	full := map[string]string{"referral_id": "0190-ref", "status": "sent", "from_actor_name": "CCAS de Marseille", "to_actor_name": "Médiathèque",
		"service_name": "Aide aux démarches", "days": "8", "actor_id": "0190-actor", "actor_name": "Médiathèque", "request_id": "0190-jr",
		"suggestion_id": "0190-sg", "entity": "actor", "token": "inv_secret+/=", "expires_at": "2026-12-01T13:05:00Z", "role": "member",
		"forwarded_to_actor_name": "Centre social", "forwarded_to_service_name": "Déclaration de revenus"}
	check := func(name string, c notify.Content, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		if c.Subject == "" || strings.Contains(c.Subject, "\n") || strings.Contains(c.Text, "%!") || strings.Contains(c.Text, "«  »") ||
			!strings.Contains(c.Text, "https://app.carnet.example.fr/base/") || !strings.HasPrefix(c.Text, "Bonjour,") {
			t.Errorf("%s: %q\n%s", name, c.Subject, c.Text)
		}
	}
	for _, k := range models.NotificationKinds {
		p := map[string]string{}
		for k, v := range full {
			p[k] = v
		}
		if k.Kind == models.NotifyReferralStatus {
			p["status"] = "accepted"
		}
		c, err := notify.Render(k.Kind, p, l)
		check(k.Kind, c, err)
		if k.Optional != strings.Contains(c.Text, "/account/notifications") {
			t.Errorf("%s: the link to the notification settings is there only for optional kinds", k.Kind)
		}
	}
	for _, st := range []string{"accepted", "refused", "completed", "no_show", "cancelled", "expired", "forwarded", "no_outcome"} {
		p := map[string]string{}
		for k, v := range full {
			p[k] = v
		}
		p["status"] = st
		c, err := notify.Render(models.NotifyReferralStatus, p, l)
		check("referral_status "+st, c, err)
		if !strings.Contains(c.Text, "https://app.carnet.example.fr/base/referrals/0190-ref") {
			t.Errorf("%s: no link to the referral", st)
		}
	}
	for d, want := range map[string]string{"8": "depuis 8 jours", "1": "depuis 1 jour", "0": "depuis moins d'un jour"} {
		full["days"] = d
		if c, _ := notify.Render(models.NotifyReferralReminder, full, l); !strings.Contains(c.Text, want) {
			t.Errorf("reminder after %s days: %s", d, c.Text)
		}
	}
	inv, _ := notify.Render(models.NotifyInvitation, full, l)
	if !strings.Contains(inv.Text, "/invitations/accept#token=inv_secret%2B%2F%3D") || !strings.Contains(inv.Text, "1 décembre 2026 à 14 h 05") {
		t.Errorf("invitation link or date (Paris time): %s", inv.Text)
	}
	// probe33: an address with an account accepts signed in; its e-mail
	// asks for no new password.
	if !strings.Contains(inv.Text, "choisir votre mot de passe") {
		t.Errorf("a new address's invitation: %s", inv.Text)
	}
	full["account_exists"] = "true"
	if inv, _ := notify.Render(models.NotifyInvitation, full, l); strings.Contains(inv.Text, "mot de passe") || !strings.Contains(inv.Text, "connectez-vous") {
		t.Errorf("an existing account's invitation: %s", inv.Text)
	}
	delete(full, "account_exists")
	if _, err := notify.Render(models.NotifyReferralReceived, map[string]string{}, l); err == nil {
		t.Error("a referral e-mail without its referral rendered")
	}
	if _, err := notify.Render("nonsense", full, l); err == nil {
		t.Error("an unknown kind rendered")
	}
	evil := map[string]string{"referral_id": "x", "service_name": "A\r\nBcc: victim@example.fr", "status": "accepted", "to_actor_name": "B\nC"}
	c, _ := notify.Render(models.NotifyReferralStatus, evil, l)
	if strings.ContainsAny(c.Subject, "\r\n") {
		t.Errorf("a name split the subject: %q", c.Subject)
	}
}

// outboxEnv is a store that queues e-mails, users to send to, and a sink.
// The store's clock is the real one plus an offset the tests advance, so
// that backoffs and leases expire when a test says so, however slow the
// machine.
type outboxEnv struct {
	store  *models.Store
	sink   *mail.Sink
	cfg    mail.Config
	users  []*models.User
	mu     sync.Mutex
	offset time.Duration
}

func (env *outboxEnv) now() time.Time {
	env.mu.Lock()
	defer env.mu.Unlock()
	return time.Now().Add(env.offset)
}

// advance moves the store's clock forward.
func (env *outboxEnv) advance(d time.Duration) {
	env.mu.Lock()
	env.offset += d
	env.mu.Unlock()
}

func newOutboxEnv(t *testing.T, users int) *outboxEnv { return newOutboxEnvB(t, users) }

func newOutboxEnvB(t testing.TB, users int) *outboxEnv {
	t.Helper()
	ctx := context.Background()
	env := &outboxEnv{sink: &mail.Sink{}}
	store, err := models.Open(ctx, filepath.Join(t.TempDir(), "carnet.db"), models.Options{Notifications: true, Now: env.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	env.store = store
	if err := env.sink.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { env.sink.Close() })
	if env.cfg, err = mail.ParseURL("smtp://" + env.sink.Addr() + "?starttls=none"); err != nil {
		t.Fatal(err)
	}
	env.cfg.Timeout = 5 * time.Second
	for i := range users {
		u, err := store.CreateUser(ctx, models.NewUser{Email: fmt.Sprintf("aidant-%d@example.fr", i), Password: "a password for tests"})
		if err != nil {
			t.Fatal(err)
		}
		env.users = append(env.users, u)
	}
	return env
}

// queue queues a reset link to each user, from..to.
func (env *outboxEnv) queue(t testing.TB, from, to int) {
	t.Helper()
	for _, u := range env.users[from:to] {
		if err := env.store.QueuePasswordReset(context.Background(), u.ID, "rst_"+u.ID, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
}

func (env *outboxEnv) worker(owner string, sender notify.Sender, lease time.Duration) *notify.Worker {
	if sender == nil {
		sender = mail.NewClient(env.cfg)
	}
	return notify.New(notify.Config{Store: env.store, Sender: sender, From: netmail.Address{Name: "Carnet", Address: "carnet@example.fr"},
		Links: appLinks, Owner: owner, Lease: lease, Batch: 3, MaxAttempts: 4,
		Backoff: func(int) time.Duration { return time.Minute }})
}

var appLinks, _ = notify.ParseLinks("https://app.example.fr")

// received counts the messages per recipient and the Message-IDs each got.
func received(sink *mail.Sink) map[string][]string {
	out := map[string][]string{}
	for _, m := range sink.Messages() {
		out[m.To[0]] = append(out[m.To[0]], m.Header("Message-ID"))
	}
	return out
}

func counts(t *testing.T, s *models.Store) map[string]int {
	t.Helper()
	c, err := s.OutboxCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDeliverySurvivesAnOutage: the SMTP server is down, every attempt
// fails and is put back with a backoff; the server comes back on the same
// address and every message arrives exactly once.
func TestDeliverySurvivesAnOutage(t *testing.T) {
	env := newOutboxEnv(t, 12)
	env.queue(t, 0, 12)
	addr := env.sink.Addr()
	env.sink.Close()
	w := env.worker("w1", nil, time.Minute)
	ctx := context.Background()
	if n, err := w.Drain(ctx); err != nil || n != 12 {
		t.Fatalf("drain during the outage: %d, %v", n, err)
	}
	if c := counts(t, env.store); c[models.OutboxPending] != 12 {
		t.Fatalf("after the outage: %v, want 12 pending", c)
	}
	if n, _ := w.Drain(ctx); n != 0 {
		t.Errorf("%d messages retried before their backoff", n)
	}
	if err := env.sink.Listen(addr); err != nil {
		t.Fatalf("restart the server on %s: %v", addr, err)
	}
	env.advance(2 * time.Minute) // past the backoff
	if n, err := w.Drain(ctx); err != nil || n != 12 {
		t.Fatalf("drain after the outage: %d, %v", n, err)
	}
	got := received(env.sink)
	for _, u := range env.users {
		if len(got[u.Email]) != 1 {
			t.Errorf("%s received %d messages", u.Email, len(got[u.Email]))
		}
	}
	if c := counts(t, env.store); c[models.OutboxSent] != 12 || len(c) != 1 {
		t.Errorf("after delivery: %v", c)
	}
	for _, m := range env.sink.Messages() {
		if !strings.Contains(m.Text(), "https://app.example.fr/password-reset#token=rst_") || m.Header("Subject") != "Choisir un nouveau mot de passe" {
			t.Errorf("message: %s\n%s", m.Header("Subject"), m.Text())
		}
	}
}

// blockingSender delivers, then hangs as a process killed right after the
// server accepted the message would: it never records the delivery.
type blockingSender struct {
	real    notify.Sender
	release chan struct{}
	sent    chan struct{}
}

func (b *blockingSender) Send(ctx context.Context, from, to string, msg []byte) error {
	err := b.real.Send(ctx, from, to, msg)
	b.sent <- struct{}{}
	<-b.release
	return err
}

// TestDeliverySurvivesACrash: a worker dies between the server accepting a
// message and recording it; once its lease runs out another worker sends
// that message again with the same Message-ID (at least once) and sends the
// rest once; the dead worker cannot overwrite what the live one recorded.
func TestDeliverySurvivesACrash(t *testing.T) {
	env := newOutboxEnv(t, 6)
	env.queue(t, 0, 6)
	hang := &blockingSender{real: mail.NewClient(env.cfg), release: make(chan struct{}), sent: make(chan struct{}, 10)}
	dead := env.worker("dead", hang, time.Minute)
	done := make(chan struct{})
	go func() { dead.Drain(context.Background()); close(done) }()
	<-hang.sent // the first message reached the server; its worker is now "dead"

	env.advance(2 * time.Minute) // the dead worker's lease runs out
	live := env.worker("live", nil, time.Minute)
	for {
		n, err := live.Drain(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	close(hang.release)
	<-done
	got := received(env.sink)
	dups := 0
	for _, u := range env.users {
		ids := got[u.Email]
		switch {
		case len(ids) == 0:
			t.Errorf("%s lost its message", u.Email)
		case len(ids) == 2 && ids[0] == ids[1]:
			dups++
		case len(ids) != 1:
			t.Errorf("%s received %v", u.Email, ids)
		}
	}
	if dups != 1 {
		t.Errorf("%d messages sent twice, want exactly the one in flight when the worker died", dups)
	}
	if c := counts(t, env.store); c[models.OutboxSent] != 6 || len(c) != 1 {
		t.Errorf("outbox after the crash: %v (the dead worker's late record must not count)", c)
	}
}

// TestWorkersShareTheOutbox: four workers drain one outbox at once; every
// message is sent exactly once.
func TestWorkersShareTheOutbox(t *testing.T) {
	env := newOutboxEnv(t, 40)
	env.queue(t, 0, 40)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := env.worker(fmt.Sprintf("w%d", i), nil, time.Minute)
			for {
				n, err := w.Drain(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				if n == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	got := received(env.sink)
	for _, u := range env.users {
		if len(got[u.Email]) != 1 {
			t.Errorf("%s received %d messages", u.Email, len(got[u.Email]))
		}
	}
}

// TestRefusalsAndGivingUp: a 5xx refusal of the recipient fails at once; a
// server answering 4xx forever is given up after MaxAttempts; the failed
// rows forget their one-time links.
func TestRefusalsAndGivingUp(t *testing.T) {
	env := newOutboxEnv(t, 2)
	env.sink.Reject = func(to string) error {
		if to == env.users[0].Email {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
		}
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	env.queue(t, 0, 2)
	w := env.worker("w", nil, time.Minute)
	for range 6 {
		w.Drain(context.Background())
		env.advance(2 * time.Minute)
	}
	if c := counts(t, env.store); c[models.OutboxFailed] != 2 {
		t.Fatalf("outbox: %v, want 2 failed", c)
	}
	raw, err := env.store.ClaimOutbox(context.Background(), "x", time.Minute, 10)
	if err != nil || len(raw) != 0 {
		t.Errorf("failed messages are claimed again: %v %v", raw, err)
	}
}

func TestParseLinks(t *testing.T) {
	for _, bad := range []string{"", "carnet.example.fr", "ftp://x", "https://x/?a=b", "https://x/#f", "https://user:pw@x"} {
		if _, err := notify.ParseLinks(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	l, err := notify.ParseLinks("https://x.example.fr/app/")
	if err != nil || l.Referral("a/b") != "https://x.example.fr/app/referrals/a%2Fb" {
		t.Errorf("%v %q", err, l.Referral("a/b"))
	}
}

// BenchmarkDelivery measures one worker sending the outbox to an SMTP
// server on the same machine (one connection per message):
//
//	go test -run '^$' -bench Delivery -benchtime 1x ./models/notify
func BenchmarkDelivery(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		env := newOutboxEnvB(b, 500)
		for _, u := range env.users {
			if err := env.store.QueuePasswordReset(context.Background(), u.ID, "rst_x", time.Now().Add(time.Hour)); err != nil {
				b.Fatal(err)
			}
		}
		w := env.worker("bench", nil, time.Minute)
		b.StartTimer()
		t0 := time.Now()
		n := 0
		for {
			k, err := w.Drain(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			if k == 0 {
				break
			}
			n += k
		}
		b.ReportMetric(float64(n)/time.Since(t0).Seconds(), "messages/s")
		if got := len(env.sink.Messages()); got != 500 {
			b.Fatalf("%d received", got)
		}
	}
}
