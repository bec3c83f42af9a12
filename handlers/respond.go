// Package handlers turns HTTP requests into calls on the models.Store and
// its results into JSON. Every handler returns an error; Wrap is the one
// place that turns errors into RFC 9457 problem documents.
package handlers

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// HandlerFunc is a Gin handler that returns its failure instead of writing it.
type HandlerFunc func(c *gin.Context) error

// Problem is an RFC 9457 problem detail, sent as application/problem+json
// for every error.
type Problem struct {
	// A URI naming the kind of problem: urn:carnet:problem:<code>.
	Type string `json:"type" example:"urn:carnet:problem:validation_failed"`
	// A short summary of the kind of problem, the same for every occurrence.
	Title string `json:"title" example:"Validation failed"`
	// The HTTP status code.
	Status int `json:"status" example:"422"`
	// What went wrong in this occurrence, for a human.
	Detail string `json:"detail" example:"The actor is invalid."`
	// The request path.
	Instance string `json:"instance" example:"/api/v1/actors"`
	// The request id, also in the X-Request-ID header: quote it when reporting a problem.
	RequestID string `json:"request_id" example:"3f0e9a0c2b7d4c1e"`
	// The offending fields, for input errors: the first 50, then, when
	// there are more, one entry (field "") saying how many are not listed.
	Errors []InvalidParam `json:"errors,omitempty" validate:"max=51"`
}

// InvalidParam names one offending field of the request and the reason.
type InvalidParam struct {
	// JSON path of the field in the body, or the query parameter's name.
	Field string `json:"field" example:"address.postal_code"`
	// Why the value was refused.
	Reason string `json:"reason" example:"must be a French postal code of 5 digits"`
}

// maxProblemErrors is how many field errors a problem lists; the others
// are counted in one more entry.
const maxProblemErrors = 50

// statuses maps error codes to HTTP statuses and titles: the only such map.
var statuses = map[models.Code]struct {
	status int
	title  string
}{
	models.EBADREQUEST:      {http.StatusBadRequest, "Bad request"},
	models.EINVALID:         {http.StatusUnprocessableEntity, "Validation failed"},
	models.EUNAUTHORIZED:    {http.StatusUnauthorized, "Authentication required"},
	models.EFORBIDDEN:       {http.StatusForbidden, "Forbidden"},
	models.ENOTFOUND:        {http.StatusNotFound, "Not found"},
	models.EMETHOD:          {http.StatusMethodNotAllowed, "Method not allowed"},
	models.EGONE:            {http.StatusGone, "Gone"},
	models.ECONFLICT:        {http.StatusConflict, "Conflict"},
	models.EPRECONDITION:    {http.StatusPreconditionFailed, "Precondition failed"},
	models.ETOOLARGE:        {http.StatusRequestEntityTooLarge, "Request body too large"},
	models.EHEADERSTOOLARGE: {http.StatusRequestHeaderFieldsTooLarge, "Request header fields too large"},
	models.EURITOOLONG:      {http.StatusRequestURITooLong, "URI too long"},
	models.EUNSUPPORTED:     {http.StatusUnsupportedMediaType, "Unsupported media type"},
	models.ENOTACCEPTABLE:   {http.StatusNotAcceptable, "Not acceptable"},
	models.ERATELIMITED:     {http.StatusTooManyRequests, "Too many requests"},
	models.EUNAVAILABLE:     {http.StatusServiceUnavailable, "Service unavailable"},
	// A full disk: 503 with Retry-After rather than 507, which belongs to
	// WebDAV and which clients do not retry. Every operation under /api/
	// already declares 503 as « nothing was written; retry after
	// Retry-After » (busyResponses), which is exactly what it is; the
	// problem's type tells it from a busy database.
	models.ESTORAGEFULL: {http.StatusServiceUnavailable, "Insufficient storage"},
	models.EINTERNAL:    {http.StatusInternalServerError, "Internal server error"},
}

// StatusOf returns the HTTP status for err.
func StatusOf(err error) int {
	if s, ok := statuses[models.ErrorCode(err)]; ok {
		return s.status
	}
	return http.StatusInternalServerError
}

// Wrap adapts h to Gin, writing any returned error as a problem.
func Wrap(log *slog.Logger, h HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			WriteProblem(c, log, err)
		}
	}
}

// WriteProblem writes err as application/problem+json and aborts the chain.
// Internal errors are logged here with their cause, once; the client only
// gets a generic sentence and the request id to quote.
func WriteProblem(c *gin.Context, log *slog.Logger, err error) {
	var e *models.Error
	if !errors.As(err, &e) {
		e = models.Internal(err)
	}
	s, ok := statuses[e.Code]
	if !ok {
		s = statuses[models.EINTERNAL]
	}
	rid := RequestID(c)
	if s.status >= 500 && storageFullLog.due(e.Code) {
		msg := "request failed"
		if e.Code == models.ESTORAGEFULL {
			msg = "the storage is full: writes are refused until space is freed (said once a minute)"
		}
		log.ErrorContext(c.Request.Context(), msg,
			"request_id", rid, "route", c.FullPath(), "method", c.Request.Method,
			"status", s.status, "code", e.Code, "error", errString(e))
	}
	p := Problem{
		Type:      "urn:carnet:problem:" + string(e.Code),
		Title:     s.title,
		Status:    s.status,
		Detail:    e.Message,
		Instance:  c.Request.URL.EscapedPath(), // a URI reference (RFC 9457): as sent, never decoded
		RequestID: rid,
	}
	if p.Detail == "" {
		p.Detail = s.title + "."
	}
	for i, f := range e.Fields {
		if i == maxProblemErrors {
			// A body of 200,000 invalid values was answered with 200,000
			// entries (28 MB): the answer is bounded, whatever the input.
			p.Errors = append(p.Errors, InvalidParam{Field: "", Reason: fmt.Sprintf("and %d more errors, not listed: correct these and send again", len(e.Fields)-i)})
			break
		}
		p.Errors = append(p.Errors, InvalidParam{Field: f.Field, Reason: f.Reason})
	}
	switch s.status {
	case http.StatusUnauthorized:
		c.Header("WWW-Authenticate", `Bearer realm="carnet"`)
	case http.StatusServiceUnavailable, http.StatusTooManyRequests:
		secs := int(math.Ceil(e.RetryAfter.Seconds()))
		if secs < 1 {
			secs = 5
		}
		c.Header("Retry-After", strconv.Itoa(secs))
	default:
		// A conflict that resolves by itself (a request with the same
		// Idempotency-Key still running) says when to retry.
		if e.RetryAfter > 0 {
			c.Header("Retry-After", strconv.Itoa(int(math.Ceil(e.RetryAfter.Seconds()))))
		}
	}
	c.Header("Cache-Control", "no-store")
	c.Abort()
	c.Render(s.status, problemRender{p})
}

// errString keeps the internal cause for logs; it is the only place where an
// error's full text is printed.
func errString(e *models.Error) string {
	if e.Err != nil {
		return e.Err.Error()
	}
	return e.Message
}

// RequestIDKey is where the request-id middleware stores the id in the Gin
// context.
const RequestIDKey = "request_id"

// RequestID returns the current request's id.
func RequestID(c *gin.Context) string { return c.GetString(RequestIDKey) }

// AddVary adds names to the answer's Vary header, once each: the answer
// of a route may depend on several request headers (Accept everywhere,
// Authorization on public reads, Host where links are built from it), and
// setting one must not drop what another part said.
func AddVary(h http.Header, names ...string) {
	var all []string
	have := map[string]bool{}
	add := func(n string) {
		if k := strings.ToLower(strings.TrimSpace(n)); k != "" && !have[k] {
			have[k] = true
			all = append(all, strings.TrimSpace(n))
		}
	}
	for _, v := range h.Values("Vary") {
		for n := range strings.SplitSeq(v, ",") {
			add(n)
		}
	}
	for _, n := range names {
		add(n)
	}
	h.Set("Vary", strings.Join(all, ", ")) // one line, as most caches read it
}
