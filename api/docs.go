package api

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"
	swaggerFiles "github.com/swaggo/files"
	ginSwagger "github.com/swaggo/gin-swagger"

	"carnet/handlers"
	"carnet/models"
)

// docs serves the OpenAPI document and Swagger UI. The UI's files are
// embedded in the binary (swaggo/files), so /docs works offline.
type docs struct {
	yaml      []byte
	json      []byte
	hsdsJSON  []byte // the HSDS view's own document (hsds.go)
	swaggerUI gin.HandlerFunc
}

func newDocs(yamlDoc []byte) (*docs, error) {
	d := &docs{yaml: yamlDoc}
	if len(yamlDoc) > 0 {
		doc, err := openapi3.NewLoader().LoadFromData(yamlDoc)
		if err != nil {
			return nil, fmt.Errorf("api: the OpenAPI document does not load: %w", err)
		}
		if d.json, err = json.Marshal(doc); err != nil {
			return nil, err
		}
		if d.hsdsJSON, err = hsdsOpenAPI(doc); err != nil {
			return nil, err
		}
	}
	d.swaggerUI = ginSwagger.WrapHandler(swaggerFiles.Handler,
		ginSwagger.URL("/openapi.json"),
		ginSwagger.DocExpansion("none"),
		ginSwagger.DefaultModelsExpandDepth(-1),
		ginSwagger.PersistAuthorization(true),
	)
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

// uiFiles are the files of Swagger UI; gin-swagger would answer other paths
// in plain text (and doc.json from swag's registry, which we do not use).
var uiFiles = regexp.MustCompile(`^/(index\.html|index\.css|swagger-initializer\.js|favicon-(16|32)x(16|32)\.png|oauth2-redirect\.html|swagger-ui(-bundle|-standalone-preset)?\.(js|css)(\.map)?)$`)

func (d *docs) ui(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		file := c.Param("file")
		if file == "/" {
			d.redirect(c)
			return
		}
		if !uiFiles.MatchString(file) {
			handlers.WriteProblem(c, log, models.Errorf(models.ENOTFOUND, "No documentation file %s; Swagger UI is at /docs/index.html.", file))
			return
		}
		d.swaggerUI(c)
	}
}
