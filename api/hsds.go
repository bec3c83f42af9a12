package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"carnet/handlers"
)

// The Open Referral HSDS 3.0 view (handlers/hsds.go) is served under
// handlers.HSDSBasePath. Two things set it apart from the rest of the API:
//   - the UK profile wants Access-Control-Allow-Origin: * on every answer,
//     whatever CARNET_CORS_ORIGINS says for the rest: it is public data,
//     read without credentials, so any page may read it;
//   - its GET / names an OpenAPI document "which defines this API", whose
//     paths are relative to the HSDS base: hsdsOpenAPI derives it from the
//     published openapi.yaml, so both say the same thing.

// isHSDSPath reports whether path is under the HSDS base.
func isHSDSPath(path string) bool {
	return path == handlers.HSDSBasePath || strings.HasPrefix(path, handlers.HSDSBasePath+"/")
}

// openCORS answers CORS for public, credential-free reads: any origin, the
// read methods, and preflights answered here.
func openCORS(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After")
	if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Type, X-Request-ID")
		h.Set("Access-Control-Max-Age", "43200")
		c.AbortWithStatus(http.StatusNoContent)
	}
}

// hsdsOpenAPI returns, as JSON, the part of the OpenAPI document under the
// HSDS base, with paths relative to it, a server naming the base, and the
// schemas those paths use.
func hsdsOpenAPI(full *openapi3.T) ([]byte, error) {
	base := handlers.HSDSBasePath
	doc := &openapi3.T{
		OpenAPI: full.OpenAPI,
		Info: &openapi3.Info{
			Title:       "Carnet — Open Referral HSDS 3.0",
			Version:     full.Info.Version,
			Description: "The public directory of Carnet as an Open Referral Human Services Data Specification 3.0 API. Every endpoint is public and answers with Access-Control-Allow-Origin: *.",
			License:     full.Info.License,
			Contact:     full.Info.Contact,
		},
		Servers:    openapi3.Servers{{URL: base}},
		Paths:      openapi3.NewPaths(),
		Components: &openapi3.Components{Schemas: openapi3.Schemas{}},
	}
	for path, item := range full.Paths.Map() {
		if !isHSDSPath(path) {
			continue
		}
		rel := strings.TrimPrefix(path, base)
		if rel == "" {
			// The main document names the base without its trailing slash
			// (no path of it ends with one); the router answers both, and
			// HSDS's paths are relative to the base: "/".
			rel = "/"
		}
		doc.Paths.Set(rel, item)
	}
	if doc.Paths.Len() == 0 {
		return nil, fmt.Errorf("api: the OpenAPI document has no path under %s", base)
	}
	// Copy the schemas the paths use, and those they use, until none is new.
	ref := regexp.MustCompile(`#/components/schemas/([A-Za-z0-9_.-]+)`)
	pending, err := json.Marshal(doc.Paths)
	if err != nil {
		return nil, err
	}
	for len(pending) > 0 {
		var next []byte
		for _, m := range ref.FindAllSubmatch(pending, -1) {
			name := string(m[1])
			if _, done := doc.Components.Schemas[name]; done {
				continue
			}
			s, ok := full.Components.Schemas[name]
			if !ok {
				return nil, fmt.Errorf("api: the OpenAPI document has no schema %s", name)
			}
			doc.Components.Schemas[name] = s
			b, err := json.Marshal(s)
			if err != nil {
				return nil, err
			}
			next = append(next, b...)
		}
		pending = next
	}
	return json.Marshal(doc)
}

func (d *docs) serveHSDS(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/json; charset=utf-8", d.hsdsJSON)
}
