package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// headKey is set in the Gin context of a HEAD request answered as a GET, to
// the original method, for logs and metrics.
const headKey = "carnet.head_method"

type headCtxKey struct{}

// headAsGet answers HEAD on every GET route, as RFC 9110 expects of a
// server: the request goes through the router as a GET, so it gets exactly
// the GET's status and headers (ETag, Content-Type, Content-Disposition…),
// and the body is dropped. Gin has no HEAD routes of its own, and registering
// one per GET route would double routes.go.
type headAsGet struct{ next http.Handler }

func (h headAsGet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodHead {
		h.next.ServeHTTP(w, r)
		return
	}
	g := r.Clone(context.WithValue(r.Context(), headCtxKey{}, true))
	g.Method = http.MethodGet
	h.next.ServeHTTP(&headWriter{ResponseWriter: w}, g)
}

// headWriter drops the body. Go's server drops it too for a HEAD request, but
// the router's writer would still spend time encoding, and tests calling the
// handler directly would see one.
type headWriter struct{ http.ResponseWriter }

func (w *headWriter) Write(p []byte) (int, error)       { return len(p), nil }
func (w *headWriter) WriteString(s string) (int, error) { return len(s), nil }
func (w *headWriter) Unwrap() http.ResponseWriter       { return w.ResponseWriter }
func (w *headWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// markHead records, in the Gin context, that the request was a HEAD.
func markHead() gin.HandlerFunc {
	return func(c *gin.Context) {
		if v, _ := c.Request.Context().Value(headCtxKey{}).(bool); v {
			c.Set(headKey, http.MethodHead)
		}
		c.Next()
	}
}

// requestMethod is the method the client sent (HEAD for a HEAD answered as a
// GET).
func requestMethod(c *gin.Context) string {
	if m, ok := c.Get(headKey); ok {
		return m.(string)
	}
	return c.Request.Method
}

// withHead adds HEAD to an Allow list that has GET.
func withHead(allow string) string {
	var has, get bool
	for _, m := range strings.Split(allow, ",") {
		switch strings.TrimSpace(m) {
		case http.MethodGet:
			get = true
		case http.MethodHead:
			has = true
		}
	}
	if get && !has {
		return allow + ", HEAD"
	}
	return allow
}

// Routes lists the router's routes, for tests that must cover every route.
func (h headAsGet) Routes() gin.RoutesInfo {
	if e, ok := h.next.(*gin.Engine); ok {
		return e.Routes()
	}
	return nil
}
