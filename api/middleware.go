package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/handlers"
	"carnet/models"
)

// requestID gives every request an id, reusing the caller's X-Request-ID when
// it is a sane token so that a partner can correlate its logs with ours.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-ID")
		if !saneRequestID(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Set(handlers.RequestIDKey, id)
		c.Header("X-Request-ID", id)
		c.Next()
	}
}

func saneRequestID(s string) bool {
	if len(s) < 8 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// accessLog logs one line per request. It logs the route pattern, never the
// path as sent, the query string nor bodies: they can carry people's data
// (a name put in a URL where an id goes, probe42 L4). "path" is the pattern
// too, or unmatchedPath when no route matched.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		} else if status >= 400 {
			level = slog.LevelWarn
		}
		log.LogAttrs(c.Request.Context(), level, "request",
			slog.String("request_id", handlers.RequestID(c)),
			slog.String("method", requestMethod(c)),
			slog.String("route", c.FullPath()),
			slog.String("path", loggedPath(c)),
			slog.Int("status", status),
			slog.Int("bytes", c.Writer.Size()),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
		)
	}
}

// unmatchedPath stands in the request log for a path no route matched.
const unmatchedPath = "unmatched" // as the metrics say it

// loggedPath is what the request log says of the path: the matched route
// pattern, never the segments sent.
func loggedPath(c *gin.Context) string {
	if p := c.FullPath(); p != "" {
		return p
	}
	return unmatchedPath
}

// recovery turns a panic into a logged 500 problem instead of a dropped
// connection.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				log.ErrorContext(c.Request.Context(), "panic", "request_id", handlers.RequestID(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				if !c.Writer.Written() {
					handlers.WriteProblem(c, log, models.Internal(fmt.Errorf("panic: %v", r)))
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}

// bodyLimit gives the handlers the request body limit. It refuses nothing
// itself: the operations that read a body apply it as they read
// (handlers.ReadBody), so that one which takes no body never answers 413.
func bodyLimit(max int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Set(handlers.BodyLimitKey, max)
		c.Next()
	}
}

// versionHeader tells every client which build answered, so that a partner's
// bug report names it.
func versionHeader(version string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("X-Carnet-Version", version)
		c.Next()
	}
}

// headerLimit answers 431 with a problem document when the request head is
// larger than max (414 when its target alone makes it so). Go's server refuses larger heads itself, but in plain
// text, so the server in front of the router allows more (see
// ServerMaxHeaderBytes) and this is where the limit really is.
func headerLimit(log *slog.Logger, max int) gin.HandlerFunc {
	return func(c *gin.Context) {
		n := len(c.Request.Method) + len(c.Request.RequestURI) + len(c.Request.Proto) + 4
		for k, vs := range c.Request.Header {
			for _, v := range vs {
				n += len(k) + len(v) + 4 // "k: v\r\n"
			}
		}
		if n > max {
			if uri := len(c.Request.RequestURI); n-uri <= max {
				// The target (path and query string) is what makes the head
				// too large: 414 URI Too Long (RFC 9110, 15.5.15), not 431,
				// which says the header fields are.
				handlers.WriteProblem(c, log, models.Errorf(models.EURITOOLONG, "The request's target (path and query string) takes %d bytes; the request's head may take at most %d.", uri, max))
				return
			}
			handlers.WriteProblem(c, log, models.Errorf(models.EHEADERSTOOLARGE, "The request's headers take %d bytes; at most %d are accepted.", n, max))
			return
		}
		c.Next()
	}
}

// securityHeaders sets headers that cost nothing and close classic holes for
// an API that browsers may call.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		c.Next()
	}
}

// authenticate reads an optional bearer token. With no Authorization header
// the request goes on anonymously; a header that is present but invalid is
// refused, because a client that meant to authenticate should learn that it
// failed rather than silently read the public view.
func authenticate(log *slog.Logger, tokens *Tokens, store *models.Store) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.GetHeader("Authorization")
		if h == "" {
			c.Next()
			return
		}
		scheme, raw, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(raw) == "" {
			handlers.WriteProblem(c, log, models.Errorf(models.EUNAUTHORIZED, "The Authorization header must be \"Bearer <token>\"."))
			return
		}
		id, err := tokens.Verify(strings.TrimSpace(raw))
		if err != nil {
			handlers.WriteProblem(c, log, err)
			return
		}
		// The token proves identity; rights come from the database now,
		// so that a disabled account, a removed membership, a revoked
		// partner client, an ended session or a rotated client secret
		// loses access on its very next request.
		var p *models.Principal
		if id.Kind == KindClient {
			p, err = store.LoadClientPrincipal(c.Request.Context(), id.Subject, id.Generation)
			if err == nil {
				// A scope revoked since takes effect at once; one the
				// token was not issued with (narrowed, or granted since)
				// waits for a new token.
				p.Scopes = slices.DeleteFunc(slices.Clone(p.Scopes), func(s string) bool { return !slices.Contains(id.Scopes, s) })
			}
		} else {
			p, err = store.LoadSessionPrincipal(c.Request.Context(), id.Subject, id.Session)
		}
		if err != nil {
			handlers.WriteProblem(c, log, err)
			return
		}
		c.Set(handlers.PrincipalKey, p)
		c.Request = c.Request.WithContext(models.WithPrincipal(c.Request.Context(), p))
		// A signed-in answer may hold what only this caller may read
		// (private contacts, drafts, referral statistics): no shared
		// cache nor the browser's disk keeps it. Handlers whose answer is
		// the same for everyone (vocabularies, exports, documents) set
		// their public caching over this default (probe36a L4).
		c.Header("Cache-Control", "private, no-store")
		c.Next()
	}
}

// requireAuth refuses anonymous requests.
func requireAuth(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if _, ok := c.Get(handlers.PrincipalKey); !ok {
			handlers.WriteProblem(c, log, models.Errorf(models.EUNAUTHORIZED, "This operation needs a bearer token: POST /api/v1/auth/login to get one."))
			return
		}
		c.Next()
	}
}
