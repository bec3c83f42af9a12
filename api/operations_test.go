package api_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"carnet/api"
	"carnet/api/apitest"
)

// TestHeadOnEveryGet: every GET route of openapi.yaml (and the documentation
// routes) answers HEAD with the GET's status and headers and no body.
func TestHeadOnEveryGet(t *testing.T) {
	e := apitest.New(t)
	actor := createActor(t, e, validActor("Tiers-lieu HEAD"))["id"].(string)
	param := regexp.MustCompile(`\{[^}]+\}`)
	paths := []string{"/openapi.yaml", "/openapi.json", "/docs/index.html", "/metrics", "/api/v1/exports/standard-csv", "/api/v1/exports/geojson"}
	for path, item := range apitest.Spec(t).Paths.Map() {
		if item.Get == nil {
			continue
		}
		paths = append(paths, param.ReplaceAllString(path, actor))
	}
	for _, path := range paths {
		for _, tok := range []string{"", e.Admin} {
			get := serve(e, "GET", path, tok)
			head := serve(e, "HEAD", path, tok)
			if head.Code != get.Code {
				t.Errorf("HEAD %s → %d, GET → %d", path, head.Code, get.Code)
			}
			if head.Body.Len() != 0 {
				t.Errorf("HEAD %s has a body of %d bytes", path, head.Body.Len())
			}
			for _, h := range []string{"Content-Type", "ETag", "Content-Disposition", "Cache-Control"} {
				if head.Header().Get(h) != get.Header().Get(h) {
					t.Errorf("HEAD %s: %s %q, GET: %q", path, h, head.Header().Get(h), get.Header().Get(h))
				}
			}
		}
	}
	// HEAD where only other methods exist: 405 naming HEAD, Allow
	// without it.
	r := serve(e, "HEAD", "/api/v1/auth/login", "")
	if r.Code != 405 || strings.Contains(r.Header().Get("Allow"), "HEAD") {
		t.Errorf("HEAD on a POST route: %d Allow %q", r.Code, r.Header().Get("Allow"))
	}
	r = serve(e, "DELETE", "/api/v1/vocabularies", "")
	if r.Code != 405 || r.Header().Get("Allow") != "GET, HEAD" || !strings.Contains(r.Body.String(), "allowed: GET, HEAD") {
		t.Errorf("Allow of a GET route: %d %q %s", r.Code, r.Header().Get("Allow"), r.Body)
	}
}

func serve(e *apitest.Env, method, path, token string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, nil)
	r.RemoteAddr = "127.0.0.1:4321" // /metrics without a token answers local clients only
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	e.Handler.ServeHTTP(w, r)
	return w
}

func TestMetrics(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Médiathèque des métriques"))
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors"})
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/nothing/here"})
	r := serve(e, "GET", "/metrics", "")
	if r.Code != 200 || !strings.HasPrefix(r.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("%d %q", r.Code, r.Header().Get("Content-Type"))
	}
	body := r.Body.String()
	for _, want := range []string{
		`carnet_http_requests_total{method="GET",route="/api/v1/actors",status="200"} 1`,
		`carnet_http_requests_total{method="POST",route="/api/v1/actors",status="201"} 1`,
		`carnet_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`carnet_http_request_duration_seconds_bucket{method="GET",route="/api/v1/actors",le="+Inf"} 1`,
		`carnet_search_index_actors 1`,
		`carnet_db_wait_total{pool="write"}`,
		`carnet_build_info{version="dev"} 1`,
		`carnet_follower_lag_changes{follower="duplicates"}`,
		`carnet_follower_lag_seconds{follower="search"}`,
		`carnet_follower_standby{follower="duplicates"} 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, "/api/v1/nothing/here") {
		t.Error("an unmatched path became a label: unbounded cardinality")
	}
}

// TestReadyzFollowers: the readiness probe lists this process's followers
// of the change log with their lag, duplicate detection among them.
func TestReadyzFollowers(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Médiathèque prête"))
	e.DuplicatesDetected()
	var out struct {
		Followers []struct {
			Name       string `json:"name"`
			AppliedSeq int64  `json:"applied_seq"`
			Lag        int64  `json:"lag"`
			Standby    bool   `json:"standby"`
		} `json:"followers"`
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/readyz"})
	r.JSON(&out)
	names := map[string]bool{}
	for _, f := range out.Followers {
		names[f.Name] = true
		if f.Name == "duplicates" && (f.AppliedSeq < 1 || f.Standby) {
			t.Errorf("duplicates follower after one write: %+v", f)
		}
	}
	if r.Code != 200 || !names["search"] || !names["duplicates"] {
		t.Errorf("/readyz: %d %s", r.Code, r.Body)
	}
}

func TestMetricsToken(t *testing.T) {
	e := apitest.New(t, apitest.WithConfig(func(c *api.Config) { c.MetricsToken = "scrape-secret-123" }))
	if r := serve(e, "GET", "/metrics", ""); r.Code != 401 || r.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("without token: %d", r.Code)
	}
	if r := serve(e, "GET", "/metrics", "wrong"); r.Code != 401 {
		t.Errorf("wrong token: %d", r.Code)
	}
	if r := serve(e, "GET", "/metrics", "scrape-secret-123"); r.Code != 200 {
		t.Errorf("right token: %d", r.Code)
	}
}

func TestVersionIsShown(t *testing.T) {
	e := apitest.New(t, apitest.WithConfig(func(c *api.Config) { c.Version = "v9.8.7" }))
	r := e.Do(apitest.Request{Method: "GET", Path: "/healthz"})
	if r.Map()["version"] != "v9.8.7" || r.Header().Get("X-Carnet-Version") != "v9.8.7" {
		t.Errorf("%v %v", r.Map(), r.Header())
	}
	// On errors too: a partner's bug report names the build.
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/nope"})
	if r.Header().Get("X-Carnet-Version") != "v9.8.7" {
		t.Errorf("error answer lacks the version: %v", r.Header())
	}
}

// TestHeadersTooLarge: a request head over the limit gets a 431 problem
// from the router, not Go's plain-text answer.
func TestHeadersTooLarge(t *testing.T) {
	e := apitest.New(t)
	r := httptest.NewRequest("GET", "/api/v1/actors", nil)
	r.Header.Set("X-Filler", strings.Repeat("a", api.MaxHeaderBytes))
	w := httptest.NewRecorder()
	e.Handler.ServeHTTP(w, r)
	if w.Code != http.StatusRequestHeaderFieldsTooLarge || w.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("%d %q %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	if api.ServerMaxHeaderBytes <= api.MaxHeaderBytes {
		t.Error("Go's server would answer before the router")
	}
}
