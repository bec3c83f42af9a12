package mail

import (
	"context"
	"errors"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

func TestMessageBytes(t *testing.T) {
	long := strings.Repeat("Une ligne très longue, accentuée : éàçœ. ", 10)
	m := Message{From: netmail.Address{Name: "Carnet — Médiation", Address: "ne-pas-repondre@carnet.example.fr"}, To: "camille@example.fr",
		Subject: "Orientation acceptée par « Médiathèque de l'Alcazar »", Text: "Bonjour,\n\n" + long + "\n\nhttps://app.example.fr/referrals/x",
		MessageID: "0190abcd@carnet.example.fr", Date: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), Headers: map[string]string{"auto-submitted": "auto-generated"}}
	raw := m.Bytes()
	for _, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 998 {
			t.Errorf("a line of %d bytes", len(line))
		}
		for _, r := range line {
			if r > 127 {
				t.Fatalf("non-ASCII byte in the message: %q", line)
			}
		}
	}
	if strings.Contains(strings.ReplaceAll(string(raw), "\r\n", ""), "\n") {
		t.Error("a bare LF")
	}
	got := Received{Data: raw}
	if got.Header("Subject") != m.Subject || got.Header("Message-ID") != "<0190abcd@carnet.example.fr>" ||
		got.Header("Auto-Submitted") != "auto-generated" || got.Header("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("headers: %q %q %q", got.Header("Subject"), got.Header("Message-ID"), got.Header("Content-Type"))
	}
	if d, err := netmail.ParseDate(got.Header("Date")); err != nil || !d.Equal(m.Date) {
		t.Errorf("date %q: %v", got.Header("Date"), err)
	}
	from, err := netmail.ParseAddress(got.Header("From"))
	if err != nil || from.Name != m.From.Name || from.Address != m.From.Address {
		t.Errorf("from %q: %v", got.Header("From"), err)
	}
	if got.Text() != m.Text+"\n" && got.Text() != m.Text {
		t.Errorf("text:\n%q\n%q", got.Text(), m.Text)
	}
}

func TestParseURL(t *testing.T) {
	cases := []struct {
		raw  string
		want Config
		err  string
	}{
		{raw: "smtp://smtp.example.fr", want: Config{Host: "smtp.example.fr", Port: "587", Security: StartTLS}},
		{raw: "smtp://user%40x:p%40ss@smtp.example.fr:2525?helo=carnet.example.fr", want: Config{Host: "smtp.example.fr", Port: "2525", Username: "user@x", Password: "p@ss", Security: StartTLS, HELO: "carnet.example.fr"}},
		{raw: "smtps://u:pw9z@smtp.example.fr", want: Config{Host: "smtp.example.fr", Port: "465", Username: "u", Password: "pw9z", Security: Implicit}},
		{raw: "smtp://127.0.0.1:2525?starttls=none", want: Config{Host: "127.0.0.1", Port: "2525", Security: None}},
		{raw: "smtp://[::1]:25?starttls=required", want: Config{Host: "::1", Port: "25", Security: StartTLS}},
		{raw: "http://smtp.example.fr", err: "scheme"},
		{raw: "smtp://", err: "no host"},
		{raw: "smtps://h?starttls=none", err: "starttls"},
		{raw: "smtp://h?tls=off", err: "unknown parameter"},
		{raw: "smtp://u:p@relay.example.fr?starttls=none", err: "in clear"},
		{raw: "smtp://u:pw9z@localhost:25?starttls=none", want: Config{Host: "localhost", Port: "25", Username: "u", Password: "pw9z", Security: None}},
		{raw: "smtp://h/path", err: "no path"},
		{raw: "smtp://h:notaport", err: "URL"},
	}
	for _, tc := range cases {
		got, err := ParseURL(tc.raw)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: %v, want an error about %s", tc.raw, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.raw, err)
			continue
		}
		if tc.want.HELO == "" {
			tc.want.HELO = got.HELO
		}
		tc.want.Timeout = got.Timeout
		if got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.raw, got, tc.want)
		}
		if strings.Contains(got.String(), "p@ss") || got.Password != "" && strings.Contains(got.String(), got.Password) {
			t.Errorf("%s: the password is in %q", tc.raw, got.String())
		}
	}
}

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"smtp://u:p@h:25?starttls=none", "smtps://h", "smtp://[::1]:2525", "smtp://%zz", "smtp://h?helo=a%0d%0ab"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := ParseURL(raw)
		if err != nil {
			return
		}
		if c.Host == "" || c.Port == "" || strings.ContainsAny(c.HELO, " \r\n") {
			t.Errorf("%q parsed to %+v", raw, c)
		}
		if c.Security != StartTLS && c.Security != Implicit && c.Security != None {
			t.Errorf("%q: security %q", raw, c.Security)
		}
	})
}

func TestSendThroughSink(t *testing.T) {
	sink := &Sink{Username: "carnet", Password: "s3cret"}
	if err := sink.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	cfg, err := ParseURL("smtp://carnet:s3cret@" + sink.Addr() + "?starttls=none")
	if err != nil {
		t.Fatal(err)
	}
	msg := (&Message{From: netmail.Address{Address: "carnet@example.fr"}, To: "a@example.fr", Subject: "Test", Text: "Bonjour", MessageID: "1@example.fr", Date: time.Now()}).Bytes()
	ctx := context.Background()
	if err := NewClient(cfg).Send(ctx, "carnet@example.fr", "a@example.fr", msg); err != nil {
		t.Fatalf("send: %v", err)
	}
	if got := sink.Messages(); len(got) != 1 || got[0].To[0] != "a@example.fr" || got[0].Text() != "Bonjour\n" && got[0].Text() != "Bonjour" {
		t.Fatalf("received %+v", got)
	}

	// How failures are classified: only a refusal of the recipient or the
	// message is permanent.
	bad := cfg
	bad.Password = "wrong"
	if err := NewClient(bad).Send(ctx, "carnet@example.fr", "a@example.fr", msg); err == nil || Permanent(err) {
		t.Errorf("wrong credentials: %v (permanent %v), want a temporary error", err, Permanent(err))
	}
	sink.Reject = func(to string) error {
		if strings.HasPrefix(to, "unknown") {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
		}
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try later"}
	}
	if err := NewClient(cfg).Send(ctx, "carnet@example.fr", "unknown@example.fr", msg); !Permanent(err) {
		t.Errorf("550: %v, want permanent", err)
	}
	if err := NewClient(cfg).Send(ctx, "carnet@example.fr", "a@example.fr", msg); err == nil || Permanent(err) {
		t.Errorf("451: %v, want temporary", err)
	}
	sink.Close()
	err = NewClient(cfg).Send(ctx, "carnet@example.fr", "a@example.fr", msg)
	if err == nil || Permanent(err) {
		t.Errorf("server down: %v, want temporary", err)
	}
	// STARTTLS is required by default: a server without it is refused.
	sink2 := &Sink{}
	if err := sink2.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer sink2.Close()
	strict, _ := ParseURL("smtp://" + sink2.Addr())
	if err := NewClient(strict).Send(ctx, "carnet@example.fr", "a@example.fr", msg); !errors.Is(err, errNoStartTLS) {
		t.Errorf("no STARTTLS: %v", err)
	}
	if len(sink2.Messages()) != 0 {
		t.Error("a message went in clear to a server without STARTTLS")
	}
}
