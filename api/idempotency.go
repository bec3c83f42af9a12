package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/url"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"carnet/handlers"
	"carnet/models"
)

// idempotent makes POSTs that create safe to retry. A client that sends an
// Idempotency-Key gets, for the same key and the same request, the first
// answer again (with Idempotent-Replayed: true) instead of a second record.
// Keys are scoped to the caller, so two partners cannot collide.
//
// The write a request makes binds its key in the same transaction
// (models.WithIdempotencyClaim), so a crash anywhere leaves either a claim
// whose write never committed, taken over by the next retry, or a key bound
// to the created record, which the retry renders again.
func idempotent(log *slog.Logger, store *models.Store, hd *handlers.Handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		key := c.GetHeader("Idempotency-Key")
		if key == "" {
			c.Next()
			return
		}
		if !validIdempotencyKey(key) {
			handlers.WriteProblem(c, log, &models.Error{Code: models.EBADREQUEST, Message: "The Idempotency-Key header is not valid.",
				Fields: []models.FieldError{{Field: "Idempotency-Key", Reason: "must be 1 to 255 visible ASCII characters, e.g. a UUID"}}})
			return
		}
		p := models.PrincipalFrom(c.Request.Context())
		if p.IsAnonymous() {
			c.Next() // the route's own authentication answers
			return
		}
		// Every operation that creates reads a body (routes.go): the
		// key binds it, read under the same limit as the handler's.
		body, err := handlers.ReadBody(c)
		if err != nil {
			handlers.WriteProblem(c, log, err)
			return
		}
		c.Request.Body = io.NopCloser(bytes.NewReader(body))
		h := sha256.New()
		io.WriteString(h, c.Request.Method+" "+canonicalURI(c.Request.URL)+"\n")
		h.Write(canonicalBody(body))
		hash := hex.EncodeToString(h.Sum(nil))
		scope := p.Scope()
		ctx := c.Request.Context()

		start, err := store.BeginIdempotent(ctx, scope, key, hash)
		if err != nil {
			handlers.WriteProblem(c, log, err)
			return
		}
		switch {
		case start.Replay != nil:
			prev := start.Replay
			for k, v := range prev.Headers {
				c.Header(k, v)
			}
			c.Header("Idempotent-Replayed", "true")
			c.Data(prev.Status, prev.Headers["Content-Type"], prev.Body)
			c.Abort()
			return
		case start.EntityID != "":
			// The same request created this record, and its answer was
			// not stored (a crash after the commit) or is stored by
			// reference (a referral): render the record again, after
			// checking the caller's rights as a read would.
			c.Header("Idempotent-Replayed", "true")
			if err := hd.RenderCreated(c, start.Entity, start.EntityID); err != nil {
				handlers.WriteProblem(c, log, err)
			}
			c.Abort()
			return
		}
		claim := start.Claim
		defer store.ReleaseClaim(claim)
		c.Request = c.Request.WithContext(models.WithIdempotencyClaim(ctx, claim))
		w := &captureWriter{ResponseWriter: c.Writer}
		c.Writer = w
		c.Next()
		// Only a success is kept under the key, as the answer a retry gets.
		// A refusal (400, 401, 403, 404, 409, 410, 412, 413, 415, 422,
		// 429…) and a server error release it: the request did nothing
		// (a store method writes in one transaction, and a refusal rolls
		// it back), so a retry runs again — and the corrected body of a
		// 422 may be sent with the same key, which kept the 422 and
		// answered « reused with a different body ». A write that
		// committed keeps its key whatever the answer (it is bound in the
		// write's transaction, and FinishIdempotent releases only a key
		// still pending), and a retry renders the record it created.
		var resp *models.IdempotentResponse
		if status := w.Status(); status >= 200 && status < 300 {
			resp = &models.IdempotentResponse{Status: status, Body: w.buf.Bytes(), Headers: map[string]string{}, ByReference: c.GetBool(handlers.ReplayByReference)}
			for _, name := range []string{"Content-Type", "Location", "ETag"} {
				if v := w.Header().Get(name); v != "" {
					resp.Headers[name] = v
				}
			}
		}
		// The client's context may be gone; the bookkeeping must still happen.
		if err := store.FinishIdempotent(context.WithoutCancel(ctx), claim, resp); err != nil {
			log.Error("idempotency: could not record the answer", "request_id", handlers.RequestID(c), "error", err.Error())
		}
	}
}

// canonicalBody is what a key binds of a body: a JSON body as its parsed
// content (object keys sorted, no white space, numbers as written), so a
// client that re-serializes its request on a retry — another key order,
// other spacing — is answered as the same request, not refused as « a
// different request ». Anything else (not JSON, not UTF-8) binds its bytes.
func canonicalBody(body []byte) []byte {
	if !utf8.Valid(body) {
		return body
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return body
	}
	canon, err := json.Marshal(v)
	if err != nil {
		return body
	}
	return canon
}

func validIdempotencyKey(k string) bool {
	if len(k) == 0 || len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// captureWriter keeps a copy of the body written through it.
type captureWriter struct {
	gin.ResponseWriter
	buf bytes.Buffer
}

func (w *captureWriter) Write(b []byte) (int, error) {
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}

func (w *captureWriter) WriteString(s string) (int, error) {
	w.buf.WriteString(s)
	return w.ResponseWriter.WriteString(s)
}

// canonicalURI is the request's path and query as the router read them:
// the path decoded then escaped in its one canonical form, so that a retry
// spelling a letter otherwise (/api/v1/%61ctors) is the same request, as
// it reaches the same route. A path written plainly keeps its form as
// sent, and the keys stored before.
func canonicalURI(u *url.URL) string {
	return (&url.URL{Path: u.Path, RawQuery: u.RawQuery, ForceQuery: u.ForceQuery}).RequestURI()
}
