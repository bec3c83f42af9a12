// Package apitest runs the real router against a database of its own (a
// temporary SQLite file, or a fresh PostgreSQL schema when
// CARNET_TEST_POSTGRES names a server: see models/dbtest) and checks every
// response against openapi.yaml, so that a handler cannot drift from the
// published contract without a test failing, on either engine.
package apitest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gin-gonic/gin"

	"carnet/api"
	"carnet/handlers"
	"carnet/models"
	"carnet/models/dbtest"
	"carnet/models/webhook"
)

// AdminEmail and AdminPassword are the platform administrator every Env has.
const (
	AdminEmail    = "admin@carnet.test"
	AdminPassword = "correct horse battery staple"
)

// Env is one service instance on its own database.
type Env struct {
	T       testing.TB
	Store   *models.Store
	Tokens  *api.Tokens
	Handler http.Handler
	// Admin is a bearer token of the platform administrator.
	Admin string
	// AdminUser is the administrator's account.
	AdminUser *models.User
	// DBPath is the database (a SQLite file or a PostgreSQL URL), for
	// tests that inspect it directly (dbtest.Raw).
	DBPath string
	// Webhooks is the server's webhook service (WithWebhooks); its worker
	// runs only when a test calls RunWebhooks.
	Webhooks *webhook.Service
	hooksCfg *webhook.Config
}

// Option tunes New.
type Option func(*options)

type options struct {
	now     func() time.Time
	maxBody int64
	perIP   api.RateLimit
	perAcct api.RateLimit
	signUp  api.RateLimit
	log     *slog.Logger
	ttl     time.Duration
	notify  bool
	hooks   *webhook.Config
	config  []func(*api.Config)
}

// WithWebhooks gives the server a webhook service configured with cfg
// (Store and Render are set here), for tests of deliveries: typically
// Guard.AllowPrivate for receivers on 127.0.0.1, and short retries. Its
// worker starts with Env.RunWebhooks.
func WithWebhooks(cfg webhook.Config) Option {
	return func(o *options) { o.hooks = &cfg }
}

// WithConfig changes the server's configuration before it is built (tests
// of settings that have no option of their own).
func WithConfig(fn func(*api.Config)) Option {
	return func(o *options) { o.config = append(o.config, fn) }
}

// WithNotifications makes the store queue e-mail notifications in the
// outbox (as with an SMTP server configured) and opens self sign-up; tests
// send them with a notify.Worker of their own.
func WithNotifications() Option { return func(o *options) { o.notify = true } }

// WithSignUpLimit sets the per-address limit of sign-ups.
func WithSignUpLimit(l api.RateLimit) Option { return func(o *options) { o.signUp = l } }

// WithTokenTTL sets the lifetime of access tokens (tests that move the clock
// by days keep their tokens valid).
func WithTokenTTL(d time.Duration) Option { return func(o *options) { o.ttl = d } }

// WithLogger sends the server's logs to l (tests that check what is logged).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithRateLimits sets the credential rate limits (tests that log in many
// times raise them; tests of the limits lower them).
func WithRateLimits(perIP, perAccount api.RateLimit) Option {
	return func(o *options) { o.perIP, o.perAcct = perIP, perAccount }
}

// WithClock replaces the clock of the store and the tokens.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithMaxBody sets the request body limit.
func WithMaxBody(n int64) Option { return func(o *options) { o.maxBody = n } }

// New starts a service on a fresh database with production settings.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	o := options{now: time.Now, ttl: 15 * time.Minute}
	for _, fn := range opts {
		fn(&o)
	}
	ctx := context.Background()
	store, dbPath := dbtest.Open(t, models.Options{Now: o.now, Notifications: o.notify})
	tokens, err := api.NewTokens(api.TokenConfig{Secret: []byte(strings.Repeat("k", 48)), Issuer: "carnet-test", Audience: "carnet-test-api", TTL: o.ttl, Now: o.now})
	if err != nil {
		t.Fatal(err)
	}
	cfg := api.Config{Store: store, Tokens: tokens, OpenAPI: OpenAPIYAML(t), MaxBodyBytes: o.maxBody,
		PerIP: o.perIP, PerAccount: o.perAcct, Now: o.now, Logger: o.log, SignupOpen: true, SignUp: o.signUp}
	if o.hooks != nil {
		o.hooks.Store, o.hooks.Render = store, handlers.RenderWebhook
		cfg.Webhooks = webhook.New(*o.hooks)
	}
	for _, fn := range o.config {
		fn(&cfg)
	}
	h, err := api.NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e := &Env{T: t, Store: store, Tokens: tokens, Handler: h, DBPath: dbPath, Webhooks: cfg.Webhooks, hooksCfg: o.hooks}
	e.AdminUser, err = store.CreateUser(ctx, models.NewUser{Email: AdminEmail, Password: AdminPassword, PlatformAdmin: true})
	if err != nil {
		t.Fatal(err)
	}
	e.Admin = e.TokenFor(e.AdminUser.ID)
	return e
}

// RunWebhooks starts a webhook worker on the Env's database — the server's
// own service the first time, a new one (another process after a restart,
// or a second replica) when fresh is true — and returns a function that
// stops it as a service stops: the deliveries in hand are finished first.
// It is stopped at the end of the test in any case.
func (e *Env) RunWebhooks(fresh bool, tune ...func(*webhook.Config)) (stop func()) {
	e.T.Helper()
	svc := e.Webhooks
	if fresh || len(tune) > 0 {
		if e.hooksCfg == nil {
			e.T.Fatal("RunWebhooks needs apitest.WithWebhooks")
		}
		cfg := *e.hooksCfg
		cfg.Owner = ""
		for _, fn := range tune {
			fn(&cfg)
		}
		svc = webhook.New(cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := svc.Run(ctx); err != nil {
			e.T.Errorf("webhooks: %v", err)
		}
	}()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	e.T.Cleanup(stop)
	return stop
}

// TokenFor mints a valid access token for the account id, in a new session.
func (e *Env) TokenFor(userID string) string {
	e.T.Helper()
	ctx := context.Background()
	sess, err := e.Store.OpenSession(ctx, userID, 100*365*24*time.Hour) // outlives clocks moved by tests
	if err != nil {
		e.T.Fatal(err)
	}
	p, err := e.Store.LoadPrincipal(ctx, userID)
	if err != nil {
		e.T.Fatal(err)
	}
	p.SessionID = sess.ID
	tok, _, err := e.Tokens.Issue(p)
	if err != nil {
		e.T.Fatal(err)
	}
	return tok
}

// DuplicatesDetected waits until duplicate detection, which follows the
// change log after each write, has compared every actor written so far
// (links appear a moment after the write, as for clients). It fails the test
// after a deadline rather than sleeping a fixed time.
func (e *Env) DuplicatesDetected() {
	e.T.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := e.Store.CatchUp(ctx, models.DuplicatesFollower); err != nil {
		e.T.Fatalf("duplicate detection did not catch up with the writes: %v", err)
	}
}

// Request describes one call.
type Request struct {
	Method string
	Path   string
	// Body is marshalled to JSON unless it is a string or []byte, sent as is.
	Body        any
	ContentType string // default application/json when there is a body
	Token       string
	Header      map[string]string
	// RemoteAddr is the client's address (host:port); empty: httptest's.
	RemoteAddr string
	// NotInSpec marks a route the OpenAPI document deliberately leaves out
	// (Swagger UI's files); its response is then not validated.
	NotInSpec bool
}

// Response is a recorded response.
type Response struct {
	*httptest.ResponseRecorder
	t testing.TB
}

// JSON decodes the body into v, failing the test on error.
func (r *Response) JSON(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		r.t.Fatalf("decode %q: %v", r.Body.String(), err)
	}
}

// Map decodes the body as a JSON object.
func (r *Response) Map() map[string]any {
	var m map[string]any
	r.JSON(&m)
	return m
}

// Do sends req through the router and validates the response against
// openapi.yaml: status code documented, headers, content type and body schema.
func (e *Env) Do(req Request) *Response {
	e.T.Helper()
	var body io.Reader
	var raw []byte
	switch b := req.Body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			e.T.Fatal(err)
		}
	}
	if raw != nil {
		body = bytes.NewReader(raw)
	}
	r := httptest.NewRequest(req.Method, req.Path, body)
	if raw != nil {
		ct := req.ContentType
		if ct == "" {
			ct = "application/json"
		}
		r.Header.Set("Content-Type", ct)
	}
	if req.Token != "" {
		r.Header.Set("Authorization", "Bearer "+req.Token)
	}
	for k, v := range req.Header {
		r.Header.Set(k, v)
	}
	if req.RemoteAddr != "" {
		r.RemoteAddr = req.RemoteAddr
	}
	w := httptest.NewRecorder()
	e.Handler.ServeHTTP(w, r)
	if !req.NotInSpec {
		validate(e.T, r, raw, w)
	}
	return &Response{ResponseRecorder: w, t: e.T}
}

// pathAliases are paths the router answers as another documented path:
// the HSDS base with its trailing slash, which HSDS clients call (the
// document's paths never end with a slash).
var pathAliases = map[string]string{"/api/hsds/v3/": "/api/hsds/v3"}

var spec struct {
	once   sync.Once
	yaml   []byte
	doc    *openapi3.T
	router routers.Router
	err    error
}

func loadSpec() {
	_, file, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(file), "..", "..", "openapi.yaml")
	spec.yaml, spec.err = os.ReadFile(path)
	if spec.err != nil {
		return
	}
	loader := openapi3.NewLoader()
	spec.doc, spec.err = loader.LoadFromData(spec.yaml)
	if spec.err != nil {
		return
	}
	if spec.err = spec.doc.Validate(loader.Context); spec.err != nil {
		return
	}
	if spec.err = strict(spec.doc); spec.err != nil {
		return
	}
	spec.router, spec.err = gorillamux.NewRouter(spec.doc)
}

// strict makes the validation of answers as demanding as a typed client
// generated from the document (kin-openapi is lenient where the document
// does not say otherwise):
//   - an object may not carry a field the document does not describe (a
//     client would drop it: an undocumented field is a contract gap);
//   - uuid is checked (a generated client parses it, and "" is no UUID),
//     like date and date-time, which kin-openapi checks by default;
//   - nullable must be on a schema with a type, where OpenAPI 3.0 gives it
//     an effect (kin-openapi would let null through anyway);
//   - the schema of any value ({}: no type, no structure) accepts null, as
//     OpenAPI 3.0.3 says (nullable only restricts a type that is given):
//     kin-openapi refuses it, and a merge patch's null, which clears a
//     field, is a value of a suggestion's free-form changes.
//
// It changes the copy the tests load, not the published document.
func strict(doc *openapi3.T) error {
	openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562))
	seen := map[*openapi3.Schema]bool{}
	var errs []string
	var walk func(where string, s *openapi3.Schema)
	walk = func(where string, s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		if s.Nullable && (s.Type == nil || len(*s.Type) == 0) {
			errs = append(errs, where)
		}
		if anyValue(s) {
			s.Nullable = true
		}
		if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			s.AdditionalProperties = openapi3.AdditionalProperties{Has: openapi3.Ptr(false)}
		}
		for name, p := range s.Properties {
			walk(where+"."+name, p.Value)
		}
		if s.Items != nil {
			walk(where+"[]", s.Items.Value)
		}
		if s.AdditionalProperties.Schema != nil {
			walk(where+"{}", s.AdditionalProperties.Schema.Value)
		}
		for _, l := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, x := range l {
				walk(where, x.Value)
			}
		}
	}
	for name, ref := range doc.Components.Schemas {
		walk(name, ref.Value)
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for code, r := range op.Responses.Map() {
				for _, mt := range r.Value.Content {
					if mt.Schema != nil {
						walk(method+" "+path+" "+code, mt.Schema.Value)
					}
				}
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("nullable without a type (no effect in OpenAPI 3.0): %s", strings.Join(errs, ", "))
	}
	return nil
}

// anyValue reports whether s is the schema of any JSON value.
func anyValue(s *openapi3.Schema) bool {
	return (s.Type == nil || len(*s.Type) == 0) && len(s.Properties) == 0 && s.Items == nil && s.Not == nil &&
		len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) == 0 && s.AdditionalProperties.Schema == nil && s.AdditionalProperties.Has == nil && len(s.Enum) == 0
}

// OpenAPIYAML returns the bytes of openapi.yaml.
func OpenAPIYAML(t testing.TB) []byte {
	t.Helper()
	spec.once.Do(loadSpec)
	if spec.err != nil {
		t.Fatalf("openapi.yaml: %v", spec.err)
	}
	return spec.yaml
}

// Spec returns the parsed openapi.yaml.
func Spec(t testing.TB) *openapi3.T {
	OpenAPIYAML(t)
	return spec.doc
}

func validate(t testing.TB, r *http.Request, reqBody []byte, w *httptest.ResponseRecorder) {
	t.Helper()
	OpenAPIYAML(t)
	// httptest requests have no host; the document has no servers, so any
	// host matches.
	rr := r.Clone(context.Background())
	if reqBody != nil {
		rr.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	if alias, ok := pathAliases[rr.URL.Path]; ok {
		rr.URL.Path = alias
	}
	route, params, err := spec.router.FindRoute(rr)
	if err != nil {
		// Unknown routes and wrong methods still answer with a problem
		// document: check it against the Problem schema.
		validateProblem(t, r, w)
		return
	}
	// A content coding is transparent to the document: it describes the
	// representation, so a gzip body is validated decompressed.
	respBody := w.Body.Bytes()
	if w.Header().Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(respBody))
		if err == nil {
			respBody, err = io.ReadAll(zr)
		}
		if err != nil {
			t.Errorf("%s %s → %d: Content-Encoding gzip but the body does not decompress: %v", r.Method, r.URL, w.Code, err)
			return
		}
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: rr, PathParams: params, Route: route},
		Status:                 w.Code,
		Header:                 w.Header(),
		Body:                   io.NopCloser(bytes.NewReader(respBody)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s → %d does not match openapi.yaml: %v\nbody: %s", r.Method, r.URL, w.Code, err, clip(w.Body.String()))
	}
}

func validateProblem(t testing.TB, r *http.Request, w *httptest.ResponseRecorder) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s %s → %d is not in openapi.yaml and is not a problem document (Content-Type %q)", r.Method, r.URL, w.Code, ct)
		return
	}
	schema := spec.doc.Components.Schemas["Problem"]
	if schema == nil || schema.Value == nil {
		t.Fatalf("openapi.yaml has no Problem schema")
	}
	var v any
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Errorf("%s %s → %d: body is not JSON: %v", r.Method, r.URL, w.Code, err)
		return
	}
	if err := schema.Value.VisitJSON(v); err != nil {
		t.Errorf("%s %s → %d: problem does not match the Problem schema: %v", r.Method, r.URL, w.Code, err)
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// Account creates a person's account with the given roles and returns it
// with a token. Roles are memberships (actor id → role); coordinates makes
// the account a territorial coordinator.
func (e *Env) Account(email string, memberships map[string]models.Role, coordinates models.Territory) (*models.User, string) {
	e.T.Helper()
	ctx := context.Background()
	u, err := e.Store.CreateUser(ctx, models.NewUser{Email: email, Password: "a password for tests", Coordinates: coordinates})
	if err != nil {
		e.T.Fatal(err)
	}
	for actorID, role := range memberships {
		if _, err := e.Store.AddMember(ctx, actorID, u.ID, role); err != nil {
			e.T.Fatal(err)
		}
	}
	return u, e.TokenFor(u.ID)
}

// Partner registers a partner client and returns it with a token; nil
// scopes grant none (a client that only reads). Its sources may be shared
// with the test's other clients (ShareSources): tests give one partner
// a client per channel.
func (e *Env) Partner(name string, sources, scopes []string) (*models.PartnerClient, string) {
	e.T.Helper()
	if scopes == nil {
		scopes = []string{}
	}
	ctx := context.Background()
	c, _, err := e.Store.CreatePartnerClient(ctx, models.NewPartnerClient{Name: name, Sources: sources, Scopes: scopes, ShareSources: true})
	if err != nil {
		e.T.Fatal(err)
	}
	p, err := e.Store.LoadClientPrincipal(ctx, c.ID, 0)
	if err != nil {
		e.T.Fatal(err)
	}
	tok, _, err := e.Tokens.Issue(p)
	if err != nil {
		e.T.Fatal(err)
	}
	return c, tok
}

// Routes lists the router's routes as "METHOD /path" (Gin's syntax), for
// tests that must cover every route.
func (e *Env) Routes() []string {
	eng, ok := e.Handler.(interface{ Routes() gin.RoutesInfo })
	if !ok {
		e.T.Fatal("the handler is not a Gin engine")
	}
	var out []string
	for _, r := range eng.Routes() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

// Doc returns openapi.yaml as parsed for the answers' validation.
func (e *Env) Doc() *openapi3.T {
	spec.once.Do(loadSpec)
	if spec.err != nil {
		e.T.Fatalf("openapi.yaml: %v", spec.err)
	}
	return spec.doc
}
