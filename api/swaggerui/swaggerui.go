// Package swaggerui serves Swagger UI, embedded in the binary so that /docs
// works offline. The files come from the npm package swagger-ui-dist
// (Apache-2.0; its version is in dist/VERSION), refreshed by
// "go run ./api/swaggerui/gen"; they are stored gzipped and sent as they are
// to clients that accept gzip (every browser), decompressed once otherwise.
// The page and its initializer are Carnet's own: they load the API's
// document from this server and nothing from the network.
package swaggerui

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"sync"

	"carnet/handlers"
)

//go:embed dist
var dist embed.FS

// Version is the embedded swagger-ui-dist release.
var Version = func() string {
	b, _ := dist.ReadFile("dist/VERSION")
	return strings.TrimSpace(string(b))
}()

type file struct {
	gz    []byte
	ctype string
	etag  string

	once  sync.Once
	plain []byte
}

// UI serves the files of Swagger UI under a prefix.
type UI struct {
	files map[string]*file
}

// New returns a UI showing the OpenAPI document at specURL (a path on this
// server, such as "/openapi.json").
func New(specURL string) (*UI, error) {
	u := &UI{files: map[string]*file{}}
	entries, err := fs.ReadDir(dist, "dist")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".gz")
		if !ok {
			continue
		}
		gz, err := dist.ReadFile("dist/" + e.Name())
		if err != nil {
			return nil, err
		}
		u.add(name, gz)
	}
	for name, text := range map[string]string{"index.html": indexHTML, "swagger-initializer.js": fmt.Sprintf(initializerJS, specURL)} {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(text))
		zw.Close()
		u.add(name, buf.Bytes())
	}
	if u.files["swagger-ui-bundle.js"] == nil {
		return nil, fmt.Errorf("swaggerui: the embedded files are missing; run go run ./api/swaggerui/gen")
	}
	return u, nil
}

func (u *UI) add(name string, gz []byte) {
	sum := sha256.Sum256(gz)
	u.files[name] = &file{gz: gz, ctype: contentType(name), etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

func contentType(name string) string {
	switch {
	case strings.HasSuffix(name, ".html"):
		return "text/html; charset=utf-8"
	case strings.HasSuffix(name, ".js"):
		return "application/javascript"
	case strings.HasSuffix(name, ".css"):
		return "text/css; charset=utf-8"
	case strings.HasSuffix(name, ".png"):
		return "image/png"
	}
	return "text/plain; charset=utf-8"
}

// Has reports whether name (without a leading slash) is a file of the UI.
func (u *UI) Has(name string) bool { return u.files[name] != nil }

// ServeFile writes the file name (which must exist, see Has).
func (u *UI) ServeFile(w http.ResponseWriter, r *http.Request, name string) {
	f := u.files[name]
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("ETag", f.etag)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "public, max-age=3600")
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, f.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if handlers.AcceptsGzip(r.Header.Get("Accept-Encoding")) {
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", fmt.Sprint(len(f.gz)))
		w.WriteHeader(http.StatusOK)
		w.Write(f.gz)
		return
	}
	f.once.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(f.gz))
		if err == nil {
			f.plain, _ = io.ReadAll(zr)
		}
	})
	h.Set("Content-Length", fmt.Sprint(len(f.plain)))
	w.WriteHeader(http.StatusOK)
	w.Write(f.plain)
}

const indexHTML = `<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="UTF-8">
  <title>Carnet API — documentation</title>
  <link rel="stylesheet" type="text/css" href="./swagger-ui.css">
  <link rel="stylesheet" type="text/css" href="./index.css">
  <link rel="icon" type="image/png" href="./favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="./favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="./swagger-ui-bundle.js" charset="UTF-8"></script>
  <script src="./swagger-ui-standalone-preset.js" charset="UTF-8"></script>
  <script src="./swagger-initializer.js" charset="UTF-8"></script>
</body>
</html>
`

// initializerJS configures the UI: our document, collapsed by default,
// authorizations kept across reloads, and the OAuth2 redirect page served
// here (for the client-credentials flow).
const initializerJS = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: %q,
    dom_id: "#swagger-ui",
    deepLinking: true,
    docExpansion: "none",
    defaultModelsExpandDepth: -1,
    persistAuthorization: true,
    validatorUrl: null,
    oauth2RedirectUrl: window.location.origin + "/docs/oauth2-redirect.html",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
`
