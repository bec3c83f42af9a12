package api_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"carnet/api"
	"carnet/api/apitest"
)

// The HSDS root's openapi_url is absolute. Without CARNET_PUBLIC_URL it
// echoes the Host the client sent (and says Vary: Host, so no shared cache
// hands one client's host to another); with it, the operator's address,
// whatever Host a client forges.
func TestHSDSRootPublicURL(t *testing.T) {
	root := func(e *apitest.Env, host string) (string, string) {
		t.Helper()
		r := httptest.NewRequest("GET", "/api/hsds/v3", nil)
		r.Host = host
		w := httptest.NewRecorder()
		e.Handler.ServeHTTP(w, r)
		var m map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil || w.Code != 200 {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		return fmt.Sprint(m["openapi_url"]), w.Header().Get("Vary")
	}
	echo := apitest.New(t)
	if u, vary := root(echo, "evil.example"); u != "http://evil.example/api/hsds/v3/openapi.json" || !strings.Contains(vary, "Host") {
		t.Errorf("without a public URL: %s, Vary %q", u, vary)
	}
	set := apitest.New(t, apitest.WithConfig(func(c *api.Config) { c.PublicURL = "https://carnet.example.fr" }))
	if u, vary := root(set, "evil.example"); u != "https://carnet.example.fr/api/hsds/v3/openapi.json" || strings.Contains(vary, "Host") {
		t.Errorf("with a public URL: %s, Vary %q", u, vary)
	}
}
