package api_test

import (
	"context"
	netmail "net/mail"
	"net/url"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models/mail"
	"carnet/models/notify"
)

// mailbox is a test SMTP server and a notification worker sending the
// outbox of an Env (made WithNotifications) to it.
type mailbox struct {
	t    *testing.T
	sink *mail.Sink
	w    *notify.Worker
	seen int
}

const appURL = "https://app.carnet.test"

func newMailbox(t *testing.T, e *apitest.Env) *mailbox {
	t.Helper()
	sink := &mail.Sink{}
	if err := sink.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	cfg, err := mail.ParseURL("smtp://" + sink.Addr() + "?starttls=none")
	if err != nil {
		t.Fatal(err)
	}
	links, err := notify.ParseLinks(appURL)
	if err != nil {
		t.Fatal(err)
	}
	w := notify.New(notify.Config{Store: e.Store, Sender: mail.NewClient(cfg), From: netmail.Address{Name: "Carnet", Address: "ne-pas-repondre@carnet.test"},
		Links: links, Backoff: func(int) time.Duration { return 10 * time.Millisecond }})
	return &mailbox{t: t, sink: sink, w: w}
}

// deliver sends what is queued and returns the messages received since the
// last call.
func (m *mailbox) deliver() []mail.Received {
	m.t.Helper()
	if _, err := m.w.Drain(context.Background()); err != nil {
		m.t.Fatal(err)
	}
	all := m.sink.Messages()
	out := all[m.seen:]
	m.seen = len(all)
	return out
}

// to keeps the messages sent to address.
func to(msgs []mail.Received, address string) []mail.Received {
	var out []mail.Received
	for _, m := range msgs {
		for _, r := range m.To {
			if strings.EqualFold(r, address) {
				out = append(out, m)
			}
		}
	}
	return out
}

// recipients lists who got msgs, for error messages.
func recipients(msgs []mail.Received) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, strings.Join(m.To, ",")+": "+m.Header("Subject"))
	}
	return out
}

// tokenIn returns the token of the first link with #token= in a message.
func tokenIn(t *testing.T, m mail.Received) string {
	t.Helper()
	text := m.Text()
	i := strings.Index(text, "#token=")
	if i < 0 {
		t.Fatalf("no token link in:\n%s", text)
	}
	tok := text[i+len("#token="):]
	if j := strings.IndexAny(tok, " \n"); j >= 0 {
		tok = tok[:j]
	}
	tok, err := url.QueryUnescape(tok)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
