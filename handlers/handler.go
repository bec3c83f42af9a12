package handlers

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"math"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/opendata"
	"carnet/models/search"
	"carnet/models/webhook"
)

// Tokens issues access tokens; the api package implements it, so that
// handlers do not depend on how tokens are signed.
type Tokens interface {
	Issue(p *models.Principal) (token string, expires time.Time, err error)
}

// RateDecision is a rate limiter's answer for one attempt.
type RateDecision struct {
	OK         bool
	Limit      int           // attempts allowed in a burst
	Remaining  int           // attempts left now
	Reset      time.Duration // until the bucket is full again
	RetryAfter time.Duration // when refused, until the next attempt may pass
}

// Limiter limits attempts per key; the api package implements it. Allow
// takes an attempt; Peek tells whether one would pass, taking nothing.
type Limiter interface {
	Allow(ctx context.Context, key string) RateDecision
	Peek(ctx context.Context, key string) RateDecision
}

// Handler holds what every handler needs. Its methods are grouped by
// resource, one file each.
type Handler struct {
	Store  *models.Store
	Tokens Tokens
	Log    *slog.Logger
	// RefreshTTL is the lifetime of refresh tokens.
	RefreshTTL time.Duration
	// PerIP and PerAccount limit credential checks (login, token,
	// invitation acceptance) so that passwords and secrets cannot be
	// guessed at speed. PerAccount counts the attempts on one account (or
	// partner client) from one client address, never those of other
	// addresses: counted from every address, a stranger's wrong guesses
	// refused the owner's right password (probe36a M1).
	PerIP, PerAccount Limiter
	// AccountFailures counts the wrong passwords given for an account from
	// every address; FailedHere marks an address that gave one for that
	// account (one unit, refilled after the memory of failures). When the
	// account's failures are exhausted, only marked addresses are refused:
	// guessing spread over many addresses slows down to one guess per
	// address per memory, and nobody can lock the owner out.
	AccountFailures, FailedHere Limiter
	// Search answers the search, orientation and territory endpoints.
	Search search.Engine
	// Version is the running build's version, shown by /healthz.
	Version string
	// SignupOpen lets anyone ask for an account (it also needs e-mail
	// delivery); SignUpLimit limits sign-ups per address.
	SignupOpen  bool
	SignUpLimit Limiter
	// Webhooks sends test pings and checks endpoints; its worker delivers
	// the queue. PingLimit limits test pings per subscription.
	Webhooks  *webhook.Service
	PingLimit Limiter
	// Mailing limits the requests that make Carnet e-mail people on a
	// caller's behalf (invitations, suggestions), per sending account and
	// per structure: a sender of Carnet's address is a spam relay.
	Mailing Limiter

	// PublicURL is the service's public base URL (CARNET_PUBLIC_URL);
	// empty: the scheme and host of the request.
	PublicURL string
	// Exports keeps the last export of each format for the state it was
	// made of (nil: none kept, every download walks the directory).
	Exports *opendata.ExportCache

	json jsonCache // encoded search results; see searchjson.go
}

// limit takes one attempt from each limiter for its key and refuses with
// 429 when any is exhausted, setting the RateLimit headers of the IETF
// draft either way.
func (h *Handler) limit(c *gin.Context, account string) error {
	if err := h.limitWith(c, h.PerIP, "ip:"+clientKey(c)); err != nil {
		return err
	}
	if account = strings.ToLower(strings.TrimSpace(account)); account != "" {
		return h.limitWith(c, h.PerAccount, "account:"+account)
	}
	return nil
}

// clientKey is the client's address as the per-address limits count it:
// an IPv4 address (IPv4-mapped IPv6 included), or the /64 of an IPv6 one.
// An IPv6 subscriber is given at least a /64 (RFC 6177, RIPE-690) and may
// send each request from another of its 2^64 addresses: keyed by the whole
// address, a script spraying a password over many accounts from one
// connection never met the limit (sec16).
func clientKey(c *gin.Context) string {
	ip, err := netip.ParseAddr(c.ClientIP())
	if err != nil {
		return c.ClientIP()
	}
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.String()
	}
	p, err := ip.WithZone("").Prefix(64)
	if err != nil {
		return ip.String()
	}
	return p.String()
}

// limitCredential limits a check of account's password (or a partner
// client's secret) following OWASP's advice against guessing without
// lockouts: per client address, per (account, client address), and, for
// an address that already gave this account FailuresOfItsOwn wrong
// passwords (api.Config), per account. A client with fewer failures of its
// own (none, or an owner's typo) is never refused because of another
// client's failures.
func (h *Handler) limitCredential(c *gin.Context, account string) error {
	if err := h.limitWith(c, h.PerIP, "ip:"+clientKey(c)); err != nil {
		return err
	}
	account = strings.ToLower(strings.TrimSpace(account))
	if err := h.limitWith(c, h.PerAccount, "account-address:"+account+"|"+clientKey(c)); err != nil {
		return err
	}
	if h.FailedHere == nil || h.AccountFailures == nil {
		return nil
	}
	ctx := c.Request.Context()
	if h.FailedHere.Peek(ctx, "failed-here:"+account+"|"+clientKey(c)).OK {
		return nil // no failure of its own on this account lately
	}
	// Passing, the headers keep the per-address bucket's state: the
	// one this client spends.
	if d := h.AccountFailures.Peek(ctx, "account-failures:"+account); !d.OK {
		return h.rated(c, d)
	}
	return nil
}

// credentialChecked counts err against account when it says the password
// or secret was wrong (the same answer for an unknown account as for a
// known one), and returns err.
func (h *Handler) credentialChecked(c *gin.Context, account string, err error) error {
	if !models.IsWrongCredential(err) || h.FailedHere == nil || h.AccountFailures == nil {
		return err
	}
	account = strings.ToLower(strings.TrimSpace(account))
	ctx := c.Request.Context()
	h.FailedHere.Allow(ctx, "failed-here:"+account+"|"+clientKey(c))
	h.AccountFailures.Allow(ctx, "account-failures:"+account)
	return err
}

// limitMailing takes one unit of the mailing limit for the sending account
// and, when actorID is given, one for the structure addressed (only where
// nobody outside the structure can spend it: invitations).
func (h *Handler) limitMailing(c *gin.Context, kind, senderID, actorID string) error {
	if err := h.limitWith(c, h.Mailing, kind+"-by:"+senderID); err != nil {
		return err
	}
	if actorID == "" {
		return nil
	}
	return h.limitWith(c, h.Mailing, kind+"-to:"+actorID)
}

// limitWith takes one attempt from l for key.
func (h *Handler) limitWith(c *gin.Context, l Limiter, key string) error {
	if l == nil {
		return nil
	}
	return h.rated(c, l.Allow(c.Request.Context(), key))
}

// rated sets the RateLimit headers of d and refuses with 429 when d did
// not pass.
func (h *Handler) rated(c *gin.Context, d RateDecision) error {
	reset := int(d.Reset.Seconds() + 0.999)
	if !d.OK {
		// Refused, RateLimit-Reset says when a unit comes back, as
		// Retry-After does (the same whole seconds): it said when the
		// bucket would be full again (49 s beside a Retry-After of 1,
		// probe33), and a client could read either.
		reset = max(1, int(math.Ceil(d.RetryAfter.Seconds())))
		d.RetryAfter = time.Duration(reset) * time.Second
	}
	c.Header("RateLimit-Limit", strconv.Itoa(d.Limit))
	c.Header("RateLimit-Remaining", strconv.Itoa(d.Remaining))
	c.Header("RateLimit-Reset", strconv.Itoa(reset))
	if !d.OK {
		return &models.Error{Code: models.ERATELIMITED, RetryAfter: d.RetryAfter,
			Message: "Too many attempts; wait before trying again."}
	}
	return nil
}

// PrincipalKey is where the authentication middleware stores the caller.
const PrincipalKey = "principal"

// principal returns the authenticated caller, nil for anonymous requests.
func principal(c *gin.Context) *models.Principal {
	p, _ := c.Get(PrincipalKey)
	pr, _ := p.(*models.Principal)
	return pr
}

// ETags are strong and quoted. An actor's is written by writeActor; a
// service's adds its actor's public version because the service
// representation embeds the actor's name and address, never its private
// contacts: a change of those alone must not move it (it told every reader
// of the service that a hidden contact of its place had changed).
func serviceETag(s *models.Service) string {
	if s.Actor == nil {
		return fmt.Sprintf(`"%d"`, s.Version)
	}
	return fmt.Sprintf(`"%d.%d"`, s.Version, s.Actor.PublicVersion)
}

// writeVersioned writes a representation with its ETag, or, to a read,
// 304 when the client's If-None-Match already names it. After a write,
// If-None-Match was a precondition (preconditions), checked before the
// change: the new representation is the answer, whatever its ETag.
//
// etag names the version (and what the caller's view depends on, see
// writeActor); a digest of the representation is appended to it, so that
// the tag changes whenever the body does. Parts of a body move without the
// record's version: a referral's messages and the contact cards of its
// sender, an actor's checked_on when a save that changes nothing confirms
// the record (a service's write that moves its place's quality or
// checked_on is a new version of the place since probe 40a H2). With the version alone, If-None-Match
// answered 304 and a caching client never saw a new message. If-Match
// still compares versions only (etagVersion reads the first part), so a
// write is not refused because a message arrived.
func writeVersioned(c *gin.Context, status int, etag string, v any) error {
	body, err := encodeJSON(v)
	if err != nil {
		return models.Internal(fmt.Errorf("encode %T: %w", v, err))
	}
	etag = withDigest(etag, body)
	c.Header("ETag", etag)
	if status == http.StatusOK && (c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead) {
		for _, t := range strings.Split(c.GetHeader("If-None-Match"), ",") {
			if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == etag || t == "*" {
				c.Status(http.StatusNotModified)
				return nil
			}
		}
	}
	c.Data(status, "application/json; charset=utf-8", body)
	return nil
}

// withDigest appends to a quoted tag the FNV-1a digest of body, in decimal
// (32 bits: two successive representations of one record collide once in
// four billion changes, and the version part tells versions apart anyway).
func withDigest(etag string, body []byte) string {
	h := fnv.New32a()
	h.Write(body)
	return strings.TrimSuffix(etag, `"`) + "." + strconv.FormatUint(uint64(h.Sum32()), 10) + `"`
}

// listMeta builds the paging metadata and links of a list response. Links
// are relative: the service does not know the public host behind a proxy.
func listMeta(c *gin.Context, p models.ListParams, total int64, next string) (ListMeta, ListLinks) {
	if p.Limit <= 0 {
		p.Limit = models.DefaultLimit
	}
	m := ListMeta{Total: total, Limit: min(p.Limit, models.MaxLimit)}
	l := ListLinks{Self: c.Request.URL.RequestURI()}
	if next != "" {
		next = sealCursor(cursorScope(c.Request.URL.Path, c.Request.URL.Query()), next)
		m.NextCursor, m.HasMore = &next, true
		q := c.Request.URL.Query()
		q.Set("cursor", next)
		u := url.URL{Path: c.Request.URL.Path, RawQuery: q.Encode()}
		s := u.RequestURI()
		l.Next = &s
	}
	return m, l
}

func ptr[T any](v T) *T { return &v }
