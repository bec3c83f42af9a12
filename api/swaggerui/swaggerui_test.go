package swaggerui

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestServeFile(t *testing.T) {
	u, err := New("/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if Version == "" || !strings.HasPrefix(Version, "5.") {
		t.Errorf("embedded version %q", Version)
	}
	get := func(name, ae, inm string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/docs/"+name, nil)
		if ae != "" {
			r.Header.Set("Accept-Encoding", ae)
		}
		if inm != "" {
			r.Header.Set("If-None-Match", inm)
		}
		w := httptest.NewRecorder()
		u.ServeFile(w, r, name)
		return w
	}
	plain := get("swagger-ui-bundle.js", "", "")
	if plain.Code != 200 || plain.Header().Get("Content-Encoding") != "" || !bytes.Contains(plain.Body.Bytes(), []byte("SwaggerUIBundle")) {
		t.Fatalf("plain: %d %v", plain.Code, plain.Header())
	}
	gz := get("swagger-ui-bundle.js", "br, gzip;q=0.8", "")
	if gz.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzip not used: %v", gz.Header())
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if !bytes.Equal(b, plain.Body.Bytes()) {
		t.Error("the gzipped and plain answers differ")
	}
	if r := get("swagger-ui-bundle.js", "gzip;q=0", ""); r.Header().Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 still got gzip")
	}
	if r := get("swagger-ui-bundle.js", "", plain.Header().Get("ETag")); r.Code != 304 {
		t.Errorf("If-None-Match: %d", r.Code)
	}
	init := get("swagger-initializer.js", "", "").Body.String()
	if !strings.Contains(init, `"/openapi.json"`) {
		t.Errorf("the initializer does not load our document: %s", init)
	}
	page := get("index.html", "", "").Body.String()
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") {
		t.Error("the page loads something from the network")
	}
	for _, f := range []string{"swagger-ui.css", "swagger-ui-standalone-preset.js", "oauth2-redirect.html", "favicon-32x32.png"} {
		if !u.Has(f) {
			t.Errorf("%s missing", f)
		}
	}
}
