package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"carnet/api"
	"carnet/api/apitest"
	"carnet/models"
)

func TestVocabularies(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/vocabularies"})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var list struct {
		Data []struct {
			Name          string
			StandardField string `json:"standard_field"`
			Terms         []struct{ Value, Slug string }
		}
	}
	r.JSON(&list)
	names := map[string]int{}
	for _, v := range list.Data {
		names[v.Name] = len(v.Terms)
	}
	for _, want := range []string{"themes", "publics", "specific_support", "fees", "national_programmes", "training_labels", "access_modes", "accompaniment_modes", "mobility", "typologies", "service_kinds", "languages", "actor_status", "service_status"} {
		if names[want] == 0 {
			t.Errorf("vocabulary %s missing or empty", want)
		}
	}
	if names["themes"] != 9 {
		t.Errorf("themes has %d terms, the standard has 9", names["themes"])
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/vocabularies/training_labels"})
	if r.Code != 200 || !strings.Contains(r.Body.String(), `"Formé à « Mon Espace Santé »"`) || !strings.Contains(r.Body.String(), `"Étapes numériques(La Poste)"`) {
		t.Errorf("training_labels: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/vocabularies/nope"}); r.Code != 404 {
		t.Errorf("unknown vocabulary: %d", r.Code)
	}
}

func TestOperationsAndDocs(t *testing.T) {
	e := apitest.New(t)
	cases := []struct {
		path      string
		want      int
		ctype     string
		notInSpec bool
	}{
		{"/healthz", 200, "application/json; charset=utf-8", false},
		{"/readyz", 200, "application/json; charset=utf-8", false},
		{"/openapi.yaml", 200, "application/yaml; charset=utf-8", true},
		{"/openapi.json", 200, "application/json; charset=utf-8", true},
		{"/docs", 302, "text/html", true},
		{"/docs/", 302, "", true},
		{"/docs/index.html", 200, "text/html; charset=utf-8", true},
		{"/docs/swagger-ui-bundle.js", 200, "application/javascript", true},
		{"/docs/swagger-initializer.js", 200, "application/javascript", true},
		{"/docs/doc.json", 404, "application/problem+json", false},
		{"/", 302, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: tc.path, NotInSpec: tc.notInSpec})
			if r.Code != tc.want || tc.want != 302 && r.Header().Get("Content-Type") != tc.ctype {
				t.Errorf("%d %q", r.Code, r.Header().Get("Content-Type"))
			}
		})
	}
	// Swagger UI loads our document, from this server: no CDN.
	r := e.Do(apitest.Request{Method: "GET", Path: "/docs/swagger-initializer.js", NotInSpec: true})
	if !strings.Contains(r.Body.String(), `"/openapi.json"`) {
		t.Errorf("Swagger UI does not point at /openapi.json")
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/docs/index.html", NotInSpec: true})
	if strings.Contains(r.Body.String(), "https://") {
		t.Errorf("Swagger UI page loads something from the network")
	}
}

func TestErrorsAreProblems(t *testing.T) {
	e := apitest.New(t, apitest.WithMaxBody(2048))
	big := `{"name":"` + strings.Repeat("x", 4096) + `"}`
	cases := []struct {
		name   string
		method string
		path   string
		body   any
		want   int
	}{
		{"unknown route", "GET", "/api/v1/nothing", nil, 404},
		{"trailing slash", "GET", "/api/v1/actors/", nil, 404},
		{"wrong method", "DELETE", "/api/v1/actors", nil, 405},
		{"body too large", "POST", "/api/v1/actors", big, 413},
		{"unauthenticated write", "POST", "/api/v1/services", validService("x", "y"), 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tok := ""
			if tc.want == 413 {
				tok = e.Admin
			}
			r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Body: tc.body, Token: tok})
			if r.Code != tc.want {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			p := r.Map()
			if p["status"] != float64(tc.want) || p["type"] == "" || p["request_id"] != r.Header().Get("X-Request-ID") {
				t.Errorf("problem %v", p)
			}
		})
	}
	r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors"})
	if r.Header().Get("Allow") != "GET, POST, HEAD" && r.Header().Get("Allow") != "POST, GET, HEAD" {
		t.Errorf("Allow %q", r.Header().Get("Allow"))
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors"})
	if r.Code != 401 || r.Header().Get("WWW-Authenticate") == "" {
		t.Errorf("401 needs WWW-Authenticate: %v", r.Header())
	}
	// A caller's request id is kept when it is sane, replaced otherwise.
	r = e.Do(apitest.Request{Method: "GET", Path: "/healthz", Header: map[string]string{"X-Request-ID": "partner-req-0001"}})
	if r.Header().Get("X-Request-ID") != "partner-req-0001" {
		t.Errorf("request id not kept: %q", r.Header().Get("X-Request-ID"))
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/healthz", Header: map[string]string{"X-Request-ID": "<script>"}})
	if r.Header().Get("X-Request-ID") == "<script>" {
		t.Errorf("unsafe request id echoed")
	}
}

func TestCORS(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "OPTIONS", Path: "/api/v1/actors", NotInSpec: true, Header: map[string]string{
		"Origin": "https://carte.example.org", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type,if-match"}})
	if r.Code != 204 || r.Header().Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(strings.ToLower(r.Header().Get("Access-Control-Allow-Headers")), "if-match") {
		t.Errorf("preflight: %d %v", r.Code, r.Header())
	}
	r = e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors", Header: map[string]string{"Origin": "https://carte.example.org"}})
	if r.Header().Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(r.Header().Get("Access-Control-Expose-Headers"), "Etag") {
		t.Errorf("simple request: %v", r.Header())
	}
}

func TestLoginAndTokens(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(t, apitest.WithClock(clock))
	login := func(email, pw string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": email, "password": pw}})
	}
	r := login(" ADMIN@carnet.test ", apitest.AdminPassword)
	if r.Code != 200 {
		t.Fatalf("login: %d %s", r.Code, r.Body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
	}
	r.JSON(&tok)
	if tok.TokenType != "Bearer" || tok.ExpiresIn <= 0 || r.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("token answer %+v", tok)
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: tok.AccessToken, Body: validActor("With login")}); r.Code != 201 {
		t.Errorf("token from login refused: %d %s", r.Code, r.Body)
	}
	for name, r := range map[string]*apitest.Response{
		"wrong password": login(apitest.AdminEmail, "wrong password here"),
		"unknown e-mail": login("nobody@carnet.test", apitest.AdminPassword),
	} {
		if r.Code != 401 || r.Map()["detail"] != "The e-mail or the password is incorrect." {
			t.Errorf("%s: %d %s", name, r.Code, r.Body)
		}
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: obj{"email": "x", "password": "y", "remember": true}}); r.Code != 400 {
		t.Errorf("unknown field: %d", r.Code)
	}

	// Forged and stale tokens.
	secret := []byte(strings.Repeat("k", 48))
	sum := sha256.Sum256(secret)
	kid := hex.EncodeToString(sum[:6])
	sign := func(m jwt.SigningMethod, key any, c jwt.MapClaims) string {
		tok := jwt.NewWithClaims(m, c)
		tok.Header["kid"] = kid
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	sess, err := e.Store.OpenSession(context.Background(), e.AdminUser.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	good := jwt.MapClaims{"iss": "carnet-test", "aud": "carnet-test-api", "sub": e.AdminUser.ID, "kind": "user", "sid": sess.ID, "iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
	with := func(k string, v any) jwt.MapClaims {
		c := jwt.MapClaims{}
		for kk, vv := range good {
			c[kk] = vv
		}
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, good).SignedString(jwt.UnsafeAllowNoneSignatureType)
	tokens := map[string]string{
		"OK":               sign(jwt.SigningMethodHS256, secret, good),
		"alg none":         none,
		"HS512":            sign(jwt.SigningMethodHS512, secret, good),
		"other key":        sign(jwt.SigningMethodHS256, []byte(strings.Repeat("z", 48)), good),
		"wrong issuer":     sign(jwt.SigningMethodHS256, secret, with("iss", "evil")),
		"wrong audience":   sign(jwt.SigningMethodHS256, secret, with("aud", "other-api")),
		"no expiry":        sign(jwt.SigningMethodHS256, secret, with("exp", nil)),
		"expired":          sign(jwt.SigningMethodHS256, secret, with("exp", now.Add(-time.Hour).Unix())),
		"unknown account":  sign(jwt.SigningMethodHS256, secret, with("sub", models.NewID())),
		"subject not uuid": sign(jwt.SigningMethodHS256, secret, with("sub", "admin")),
		"no kind":          sign(jwt.SigningMethodHS256, secret, with("kind", nil)),
		"client kind":      sign(jwt.SigningMethodHS256, secret, with("kind", "client")),
		"no session":       sign(jwt.SigningMethodHS256, secret, with("sid", nil)),
		"unknown session":  sign(jwt.SigningMethodHS256, secret, with("sid", models.NewID())),
		"no key id": func() string {
			s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, good).SignedString(secret)
			return s
		}(),
	}
	for name, tk := range tokens {
		t.Run(name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: tk, Body: validActor("T " + name)})
			want := 401
			if name == "OK" {
				want = 201
			}
			if r.Code != want {
				t.Errorf("%d, want %d: %s", r.Code, want, r.Body)
			}
		})
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors", Header: map[string]string{"Authorization": "Basic YWRtaW46YWRtaW4="}}); r.Code != 401 {
		t.Errorf("Basic auth: %d", r.Code)
	}
	// A token issued by the server expires with the clock.
	mu.Lock()
	now = now.Add(16 * time.Minute)
	mu.Unlock()
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: tok.AccessToken, Body: validActor("Late")}); r.Code != 401 || !strings.Contains(r.Body.String(), "expired") {
		t.Errorf("expired token: %d %s", r.Code, r.Body)
	}
}

func TestNewTokensRefusesWeakConfig(t *testing.T) {
	if _, err := api.NewTokens(api.TokenConfig{Secret: []byte("short"), Issuer: "i", Audience: "a"}); err == nil {
		t.Error("a 5-byte secret was accepted")
	}
	if _, err := api.NewTokens(api.TokenConfig{Secret: []byte(strings.Repeat("k", 48))}); err == nil {
		t.Error("a token config without issuer and audience was accepted")
	}
}

// TestConcurrentWrites hammers the single writer from many goroutines: with
// BEGIN IMMEDIATE on one connection, none may fail with "database is locked".
func TestConcurrentWrites(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Busy"))
	path := "/api/v1/actors/" + str(a["id"])
	var wg sync.WaitGroup
	errs := make(chan string, 200)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				var r *apitest.Response
				if i%2 == 0 {
					r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor("Concurrent")})
				} else {
					r = e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{"summary": strings.Repeat("s", g+i)}})
				}
				if r.Code >= 300 {
					errs <- r.Body.String()
				}
				e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?limit=5"})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got := e.Do(apitest.Request{Method: "GET", Path: path}).Map()
	if got["version"] != float64(41) {
		t.Errorf("version %v after 40 patches, want 41", got["version"])
	}
}
