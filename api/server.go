// Package api assembles the HTTP service: the router, its middleware, token
// handling and the OpenAPI documents.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"

	"carnet/handlers"
	"carnet/models"
	"carnet/models/opendata"
	"carnet/models/search"
	"carnet/models/webhook"
)

// Config configures the HTTP service.
type Config struct {
	Store  *models.Store
	Tokens *Tokens
	Logger *slog.Logger
	// MaxBodyBytes caps request bodies; 0 means 1 MiB.
	MaxBodyBytes int64
	// CORSOrigins lists the browser origins allowed to call the API; empty
	// means any origin (the directory is public and tokens travel in a
	// header, not a cookie, so there is nothing to steal cross-site).
	CORSOrigins []string
	// OpenAPI is the OpenAPI 3 document (YAML) served at /openapi.yaml and
	// /openapi.json and shown by Swagger UI at /docs.
	OpenAPI []byte
	// RefreshTTL is the lifetime of refresh tokens; 0 means 30 days.
	RefreshTTL time.Duration
	// PerIP and PerAccount limit credential checks; zero values mean the
	// defaults (DefaultPerIP, DefaultPerAccount). PerAccount counts one
	// account's attempts from one client address. AccountFailures limits
	// the wrong passwords of one account from every address, enforced
	// only on addresses that gave FailuresOfItsOwn themselves (one coming
	// back each FailureMemory);
	// zero values mean DefaultAccountFailures and DefaultFailureMemory.
	PerIP, PerAccount RateLimit
	AccountFailures   RateLimit
	FailureMemory     time.Duration
	// TrustedProxies are the addresses (CIDR) of reverse proxies whose
	// X-Forwarded-For is believed; none by default, so a client cannot
	// forge its address to dodge rate limits.
	TrustedProxies []string
	// Now replaces the clock of rate limiters in tests.
	Now func() time.Time
	// Search answers the search, orientation and territory endpoints; nil
	// builds the in-memory index from Store (kept current by its change
	// listener).
	Search search.Engine
	// Version is the running build's version, shown by /healthz, the
	// X-Carnet-Version header and /metrics.
	Version string
	// MetricsToken, when set, is the bearer token /metrics requires.
	MetricsToken string
	// PublicURL is the service's public base URL (scheme and host, no
	// path), for the absolute URLs some answers carry (HSDS); empty echoes
	// the request's host.
	PublicURL string
	// SignupOpen lets anyone ask for an account at POST /api/v1/signup
	// (which also needs the store to send e-mail); SignUp limits sign-ups
	// per client address, DefaultSignUp when zero.
	SignupOpen bool
	SignUp     RateLimit
	// Webhooks delivers the change log to partners' endpoints; main runs
	// it (Run). Nil builds one that only answers the API (test pings, the
	// check of endpoints), with production's guard: no private network.
	Webhooks *webhook.Service
	// PingLimit limits test pings per webhook subscription; DefaultPing
	// when zero.
	PingLimit RateLimit
	// Mailing limits invitations and suggestions (each e-mails people) per
	// sending account and per structure; DefaultMailing when zero.
	Mailing RateLimit
}

// MaxHeaderBytes is the largest request head (request line and headers) the
// router accepts; a larger one gets a 431 problem. The http.Server in front
// must allow more than this (ServerMaxHeaderBytes), or Go's server answers
// 431 itself in plain text before the router sees the request.
const (
	MaxHeaderBytes       = 64 << 10
	ServerMaxHeaderBytes = 1 << 20
)

// Default rate limits of credential checks: a person mistyping a password a
// few times is never blocked; a script guessing passwords gets 5 tries a
// minute per account from one address and 30 a minute per address. Past
// 10 wrong passwords for an account (refilled at one a minute), an address
// that gave one in the last 15 minutes is refused: guesses spread over
// many addresses get one per address per 15 minutes, and an address that
// guessed nothing is never refused for the others' guesses.
var (
	DefaultPerIP           = RateLimit{Every: 2 * time.Second, Burst: 30}
	DefaultPerAccount      = RateLimit{Every: 12 * time.Second, Burst: 5}
	DefaultAccountFailures = RateLimit{Every: time.Minute, Burst: 10}
	DefaultFailureMemory   = 15 * time.Minute
	// FailuresOfItsOwn: an address meets the account-wide limit once it gave
	// that account three wrong passwords (one coming back each
	// FailureMemory), not at its first: with one, an owner's typo during
	// an attack was refused for the whole memory while a stranger kept the
	// account's failures spent.
	FailuresOfItsOwn = 3
	// DefaultSignUp: 5 sign-ups at once from one address, then one every
	// 10 minutes; each sends an e-mail to an address nobody checked yet.
	DefaultSignUp = RateLimit{Every: 10 * time.Minute, Burst: 5}
	// DefaultPing: 6 test pings at once per webhook subscription, then one
	// every 10 seconds; each makes Carnet call the endpoint.
	DefaultPing = RateLimit{Every: 10 * time.Second, Burst: 6}
	// DefaultMailing: 20 invitations (or suggestions) at once per account
	// and per structure, then one every 3 minutes (20 an hour).
	DefaultMailing = RateLimit{Every: 3 * time.Minute, Burst: 20}
)

// NewServer returns the service's HTTP handler.
func NewServer(cfg Config) (http.Handler, error) {
	if cfg.Store == nil || cfg.Tokens == nil {
		return nil, errors.New("api: Store and Tokens are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = handlers.DefaultMaxBody
	}
	docs, err := newDocs(cfg.OpenAPI)
	if err != nil {
		return nil, err
	}
	if cfg.RefreshTTL <= 0 {
		cfg.RefreshTTL = 30 * 24 * time.Hour
	}
	if cfg.PerIP == (RateLimit{}) {
		cfg.PerIP = DefaultPerIP
	}
	if cfg.PerAccount == (RateLimit{}) {
		cfg.PerAccount = DefaultPerAccount
	}
	if cfg.AccountFailures == (RateLimit{}) {
		cfg.AccountFailures = DefaultAccountFailures
	}
	if cfg.FailureMemory <= 0 {
		cfg.FailureMemory = DefaultFailureMemory
	}
	if cfg.SignUp == (RateLimit{}) {
		cfg.SignUp = DefaultSignUp
	}
	if cfg.Mailing == (RateLimit{}) {
		cfg.Mailing = DefaultMailing
	}
	if cfg.PingLimit == (RateLimit{}) {
		cfg.PingLimit = DefaultPing
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	if cfg.Webhooks == nil {
		cfg.Webhooks = webhook.New(webhook.Config{Store: cfg.Store, Render: handlers.RenderWebhook, Log: cfg.Logger})
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("api: trusted proxies: %w", err)
	}
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false // a redirect would lose a POST body; 404 says it plainly
	r.RedirectFixedPath = false
	r.ContextWithFallback = true
	if cfg.Search == nil {
		if cfg.Search, err = search.NewMemory(context.Background(), cfg.Store, cfg.Logger); err != nil {
			return nil, fmt.Errorf("api: build the search index: %w", err)
		}
	}
	// Duplicate detection follows the change log, off the write path; of
	// several replicas one at a time runs it (an exclusive follower).
	if _, err := cfg.Store.FollowDuplicates(context.Background()); err != nil {
		return nil, fmt.Errorf("api: start duplicate detection: %w", err)
	}
	exports := &opendata.ExportCache{}
	met := newMetrics(cfg.Version, cfg.Store, cfg.Search, cfg.Webhooks, exports)
	r.Use(
		markHead(),
		met.observe(),
		requestID(),
		versionHeader(cfg.Version),
		accessLog(cfg.Logger),
		recovery(cfg.Logger),
		securityHeaders(),
		corsMiddleware(cfg.CORSOrigins),
		headerLimit(cfg.Logger, MaxHeaderBytes),
		bodyLimit(cfg.MaxBodyBytes),
		knownQueries(cfg.Logger, docs.queries), // before each route's authentication (query.go)
		acceptable(cfg.Logger, docs.queries),   // likewise (accept.go)
	)
	h := &handlers.Handler{Store: cfg.Store, Tokens: cfg.Tokens, Log: cfg.Logger, RefreshTTL: cfg.RefreshTTL, Search: cfg.Search,
		PerIP: newDBLimiter(cfg.Store, cfg.PerIP, cfg.Now), PerAccount: newDBLimiter(cfg.Store, cfg.PerAccount, cfg.Now),
		AccountFailures: newDBLimiter(cfg.Store, cfg.AccountFailures, cfg.Now), FailedHere: newDBLimiter(cfg.Store, RateLimit{Every: cfg.FailureMemory, Burst: FailuresOfItsOwn}, cfg.Now), Version: cfg.Version,
		SignupOpen: cfg.SignupOpen, SignUpLimit: newDBLimiter(cfg.Store, cfg.SignUp, cfg.Now),
		Webhooks: cfg.Webhooks, PingLimit: newDBLimiter(cfg.Store, cfg.PingLimit, cfg.Now),
		Mailing: newDBLimiter(cfg.Store, cfg.Mailing, cfg.Now), Exports: exports, PublicURL: cfg.PublicURL}
	routes(r, h, cfg, docs, met)
	return headAsGet{r}, nil
}

func corsMiddleware(origins []string) gin.HandlerFunc {
	c := cors.Config{
		AllowMethods:  []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"},
		AllowHeaders:  []string{"Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "X-Request-ID"},
		ExposeHeaders: []string{"ETag", "Location", "X-Request-ID", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Content-Disposition", "X-Changes-Cursor", "Idempotent-Replayed", "Vary"},
		MaxAge:        12 * time.Hour,
	}
	if len(origins) == 0 {
		c.AllowAllOrigins = true
	} else {
		c.AllowOrigins = origins
	}
	configured := cors.New(c)
	return func(ctx *gin.Context) {
		if isHSDSPath(ctx.Request.URL.Path) {
			openCORS(ctx) // any origin, whatever origins says (hsds.go)
			return
		}
		configured(ctx)
	}
}
