// Package mail writes e-mail messages (RFC 5322 with MIME, UTF-8) and sends
// them to an SMTP server configured by a URL. It knows nothing of Carnet:
// the notify package decides what to say and to whom.
package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"
)

// Message is one plain-text e-mail.
type Message struct {
	From    netmail.Address
	To      string
	Subject string
	Text    string
	// MessageID is the Message-ID without angle brackets (id@domain). A
	// message sent again after a crash keeps it, so that receivers can
	// recognise the copy.
	MessageID string
	Date      time.Time
	// Headers are extra header fields, such as Auto-Submitted.
	Headers map[string]string
}

// Bytes renders the message: UTF-8 text in quoted-printable (7-bit safe for
// every relay), the subject and display names encoded as RFC 2047 words,
// CRLF line ends.
func (m *Message) Bytes() []byte {
	var b bytes.Buffer
	h := func(name, value string) { fmt.Fprintf(&b, "%s: %s\r\n", name, value) }
	h("From", m.From.String())
	h("To", (&netmail.Address{Address: m.To}).String())
	h("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	h("Date", m.Date.Format(time.RFC1123Z))
	h("Message-ID", "<"+m.MessageID+">")
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	names := make([]string, 0, len(m.Headers))
	for k := range m.Headers {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		h(textproto.CanonicalMIMEHeaderKey(k), mime.QEncoding.Encode("utf-8", m.Headers[k]))
	}
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	text := strings.ReplaceAll(strings.ReplaceAll(m.Text, "\r\n", "\n"), "\n", "\r\n")
	qp.Write([]byte(text))
	qp.Close()
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

// Security is how the connection to the server is protected.
type Security string

const (
	StartTLS Security = "starttls" // plain connection upgraded with STARTTLS, which must be offered (smtp://, the default)
	Implicit Security = "tls"      // TLS from the first byte (smtps://)
	None     Security = "none"     // no encryption: a relay on the same host or a test server only
)

// Config is an SMTP server to send through.
type Config struct {
	Host     string
	Port     string
	Username string
	Password string
	Security Security
	// HELO is the name this client gives in EHLO; the host name by default.
	HELO string
	// Timeout bounds one message's whole exchange.
	Timeout time.Duration
}

// ParseURL reads smtp://[user[:password]@]host[:port][?starttls=required|none&helo=name]
// (port 587 by default) or smtps://[user[:password]@]host[:port] (port 465).
// Credentials are percent-encoded as in any URL.
func ParseURL(raw string) (Config, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return Config{}, errors.New("not a URL such as smtp://user:password@smtp.example.fr:587")
	}
	c := Config{Host: u.Hostname(), Port: u.Port(), Timeout: 30 * time.Second}
	switch u.Scheme {
	case "smtp":
		c.Security = StartTLS
		if c.Port == "" {
			c.Port = "587"
		}
	case "smtps":
		c.Security = Implicit
		if c.Port == "" {
			c.Port = "465"
		}
	default:
		return Config{}, fmt.Errorf("the scheme must be smtp or smtps, not %q", u.Scheme)
	}
	if c.Host == "" {
		return Config{}, errors.New("the URL names no host")
	}
	if u.Path != "" && u.Path != "/" || u.Fragment != "" {
		return Config{}, errors.New("the URL must have no path nor fragment")
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	q := u.Query()
	for k := range q {
		if k != "starttls" && k != "helo" {
			return Config{}, fmt.Errorf("unknown parameter %q (known: starttls, helo)", k)
		}
	}
	switch v := q.Get("starttls"); {
	case v == "" || v == "required":
	case v == "none" && u.Scheme == "smtp":
		c.Security = None
	default:
		return Config{}, fmt.Errorf("starttls must be required or none (with smtp://), not %q", v)
	}
	if c.Security == None && c.Username != "" && !isLoopback(c.Host) {
		return Config{}, errors.New("starttls=none would send the credentials in clear to another host: use STARTTLS or smtps://")
	}
	c.HELO = q.Get("helo")
	if c.HELO == "" {
		c.HELO, _ = os.Hostname()
	}
	if c.HELO == "" || strings.ContainsAny(c.HELO, " \r\n") {
		c.HELO = "localhost"
	}
	return c, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// String describes the server for logs, without the password.
func (c Config) String() string {
	user := ""
	if c.Username != "" {
		user = c.Username + "@"
	}
	return fmt.Sprintf("%s%s (%s)", user, net.JoinHostPort(c.Host, c.Port), c.Security)
}

// Client sends messages through one server, one connection per message:
// notifications are few and a dropped connection then costs one message.
type Client struct {
	cfg Config
	// TLSConfig overrides the TLS settings (tests with their own CA).
	TLSConfig *tls.Config
}

// NewClient returns a client of the server cfg describes.
func NewClient(cfg Config) *Client { return &Client{cfg: cfg} }

// Send delivers msg from the envelope sender from to to. Errors are
// *textproto.Error when the server refused; see Permanent.
func (c *Client) Send(ctx context.Context, from, to string, msg []byte) error {
	timeout := c.cfg.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tlsCfg := c.TLSConfig
	if tlsCfg == nil {
		tlsCfg = &tls.Config{ServerName: c.cfg.Host, MinVersion: tls.VersionTLS12}
	}
	addr := net.JoinHostPort(c.cfg.Host, c.cfg.Port)
	d := &net.Dialer{}
	var conn net.Conn
	var err error
	if c.cfg.Security == Implicit {
		conn, err = (&tls.Dialer{NetDialer: d, Config: tlsCfg}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	sc, err := smtp.NewClient(conn, c.cfg.Host)
	if err != nil {
		return err
	}
	defer sc.Close()
	if err := sc.Hello(c.cfg.HELO); err != nil {
		return err
	}
	if c.cfg.Security == StartTLS {
		if ok, _ := sc.Extension("STARTTLS"); !ok {
			return errNoStartTLS
		}
		if err := sc.StartTLS(tlsCfg); err != nil {
			return err
		}
	}
	if c.cfg.Username != "" {
		if err := sc.Auth(smtp.PlainAuth("", c.cfg.Username, c.cfg.Password, c.cfg.Host)); err != nil {
			return err
		}
	}
	if err := sc.Mail(from); err != nil {
		return err
	}
	if err := sc.Rcpt(to); err != nil {
		return &refusal{err}
	}
	w, err := sc.Data()
	if err != nil {
		return &refusal{err}
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return &refusal{err}
	}
	// The message is accepted once DATA's final reply is 250; a failed
	// QUIT does not make it unsent.
	_ = sc.Quit()
	return nil
}

// refusal is the server's answer about this recipient or this message, as
// opposed to the connection, the credentials or the sender address, which
// are the service's configuration.
type refusal struct{ err error }

func (r *refusal) Error() string { return r.err.Error() }
func (r *refusal) Unwrap() error { return r.err }

var errNoStartTLS = errors.New("the SMTP server does not offer STARTTLS; use smtps:// or, for a relay on this host, ?starttls=none")

// Permanent reports whether err is a refusal that retrying cannot fix: a
// 5xx reply to the recipient or the message (unknown mailbox, message
// refused). Network errors, timeouts, 4xx replies, and refusals of the
// connection, the credentials or the sender (the operator fixes those, and
// the queued messages then go) are temporary.
func Permanent(err error) bool {
	var r *refusal
	var te *textproto.Error
	return errors.As(err, &r) && errors.As(err, &te) && te.Code >= 500 && te.Code < 600
}
