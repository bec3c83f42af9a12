package api

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"carnet/api/swaggerui"
	"carnet/handlers"
	"carnet/models"
)

// docs serves the OpenAPI document and Swagger UI. The UI's files are
// embedded in the binary (api/swaggerui), so /docs works offline.
type docs struct {
	yaml     []byte
	json     []byte
	hsdsJSON []byte // the HSDS view's own document (hsds.go)
	// queries lists the query parameters and preconditions each
	// operation declares, by "METHOD /path/:param" (gin's route pattern;
	// query.go); nil without a document.
	queries   map[string]declared
	swaggerUI *swaggerui.UI
}

// rendered is what newDocs derives from a YAML document.
type rendered struct {
	json, hsdsJSON []byte
	queries        map[string]declared
}

// renderedDocs memoises what newDocs derives from a YAML document: parsing
// the half-megabyte document takes a second under the race detector, and
// tests build hundreds of servers from the same bytes.
var renderedDocs = struct {
	sync.Mutex
	byHash map[[32]byte]rendered
}{byHash: map[[32]byte]rendered{}}

func newDocs(yamlDoc []byte) (*docs, error) {
	d := &docs{yaml: yamlDoc}
	if len(yamlDoc) > 0 {
		key := sha256.Sum256(yamlDoc)
		renderedDocs.Lock()
		got, ok := renderedDocs.byHash[key]
		renderedDocs.Unlock()
		if ok {
			d.json, d.hsdsJSON, d.queries = got.json, got.hsdsJSON, got.queries
		} else {
			doc, err := openapi3.NewLoader().LoadFromData(yamlDoc)
			if err != nil {
				return nil, fmt.Errorf("api: the OpenAPI document does not load: %w", err)
			}
			if d.json, err = json.Marshal(doc); err != nil {
				return nil, err
			}
			d.queries = declaredQueries(doc) // before hsdsOpenAPI, which may trim doc
			if d.hsdsJSON, err = hsdsOpenAPI(doc); err != nil {
				return nil, err
			}
			renderedDocs.Lock()
			renderedDocs.byHash[key] = rendered{d.json, d.hsdsJSON, d.queries}
			renderedDocs.Unlock()
		}
	}
	var err error
	if d.swaggerUI, err = swaggerui.New("/openapi.json"); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *docs) serveYAML(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", d.yaml)
}

func (d *docs) serveJSON(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/json; charset=utf-8", d.json)
}

func (d *docs) redirect(c *gin.Context) {
	c.Redirect(http.StatusFound, "/docs/index.html")
}

func (d *docs) ui(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		file := c.Param("file")
		if file == "/" {
			d.redirect(c)
			return
		}
		name := strings.TrimPrefix(file, "/")
		if !d.swaggerUI.Has(name) {
			handlers.WriteProblem(c, log, models.Errorf(models.ENOTFOUND, "No documentation file %s; Swagger UI is at /docs/index.html.", file))
			return
		}
		d.swaggerUI.ServeFile(c.Writer, c.Request, name)
	}
}
