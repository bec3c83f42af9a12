package handlers

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
)

// jsonRender writes v as JSON without HTML escaping: the API serves data,
// not HTML, and "«", "&" or "<" should read as themselves in clients' logs.
type jsonRender struct {
	v           any
	contentType string
}

func (r jsonRender) Render(w http.ResponseWriter) error {
	r.WriteContentType(w)
	b, err := encodeJSON(r.v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// encodeJSON is v as the API writes it (see jsonRender).
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (r jsonRender) WriteContentType(w http.ResponseWriter) {
	w.Header().Set("Content-Type", r.contentType)
}

type problemRender struct{ p Problem }

func (r problemRender) Render(w http.ResponseWriter) error {
	return jsonRender{r.p, "application/problem+json"}.Render(w)
}

func (r problemRender) WriteContentType(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/problem+json")
}

// writeJSON writes v with status. v is encoded before the status goes
// out: a value JSON cannot write (a time past the year 9999) answered the
// status with an empty body; it is a 500 problem, logged.
func writeJSON(c *gin.Context, status int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		WriteProblem(c, slog.Default(), err)
		return
	}
	c.Data(status, "application/json; charset=utf-8", b)
}

// privateNoStore marks an answer that holds people's data (accounts, a
// team, referrals, the trail): private keeps it out of shared caches (a
// proxy, a CDN) and no-store off the browser's disk, where it would
// outlive the session on a shared computer.
func privateNoStore(c *gin.Context) { c.Header("Cache-Control", "private, no-store") }
