package api_test

import (
	"bytes"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"carnet/api/apitest"
)

// TestSec17TokenLeniencies reproduces L3 of the probe of 2026-12-06: a
// token whose header lists "crit" extensions was read although this
// service understands none (RFC 7515 §4.1.11 says it must then be
// refused), and a time claim written as a JSON string ("exp": "1765…")
// was read as a number (RFC 7519 §2: a NumericDate is a JSON number).
// Both are refused now; the same token without the leniency is read.
func TestSec17TokenLeniencies(t *testing.T) {
	e := apitest.New(t)
	sess, err := e.Store.OpenSession(t.Context(), e.AdminUser.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sign := func(header map[string]any, mut func(jwt.MapClaims)) string {
		mc := jwt.MapClaims{"iss": "carnet-test", "aud": "carnet-test-api", "sub": e.AdminUser.ID,
			"kind": "user", "sid": sess.ID, "iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
		if mut != nil {
			mut(mc)
		}
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, mc)
		tok.Header["kid"] = probeKid(e.Admin)
		for k, v := range header {
			tok.Header[k] = v
		}
		s, err := tok.SignedString([]byte(strings.Repeat("k", 48)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		name string
		tok  string
		want int
	}{
		{"plain", sign(nil, nil), 200},
		{"crit lists exp", sign(map[string]any{"crit": []string{"exp"}}, nil), 401},
		{"crit lists an unknown extension", sign(map[string]any{"crit": []string{"x-carnet"}, "x-carnet": 1}, nil), 401},
		{"crit empty", sign(map[string]any{"crit": []string{}}, nil), 401},
		{"exp as a string", sign(nil, func(c jwt.MapClaims) { c["exp"] = strconv.FormatInt(now.Add(time.Minute).Unix(), 10) }), 401},
		{"iat as a string", sign(nil, func(c jwt.MapClaims) { c["iat"] = strconv.FormatInt(now.Unix(), 10) }), 401},
		{"nbf as a string", sign(nil, func(c jwt.MapClaims) { c["nbf"] = strconv.FormatInt(now.Unix(), 10) }), 401},
		{"exp as a fraction", sign(nil, func(c jwt.MapClaims) { c["exp"] = float64(now.Add(time.Minute).Unix()) + 0.5 }), 200},
	} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/me", Token: c.tok}); r.Code != c.want {
			t.Errorf("%s: %d, want %d %s", c.name, r.Code, c.want, r.Body)
		}
	}
}

// TestSec17RequestLogKeepsNoPath reproduces L4 of the probe of 2026-12-06:
// the request log wrote the raw decoded path, so a person's name put in a
// URL (an id that is no id, a route that does not exist) reached the logs.
// The log now names the route pattern, and a fixed placeholder for a path
// no route matches; never the query either.
func TestSec17RequestLogKeepsNoPath(t *testing.T) {
	var logs safeBuffer
	w := newReferralWorld(t, apitest.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	e := w.e
	const marker = "Nadiapathleak"
	for _, c := range []struct {
		path      string
		token     string
		notInSpec bool
		route     string
	}{
		{"/api/v1/referrals/" + marker + "%20Benali", w.memberB, false, "/api/v1/referrals/:id"},
		{"/api/v1/referrals/by-name/" + marker + "2", "", true, "(no route)"},
		{"/api/v1/actors/" + marker + "3?q=" + marker + "4", "", false, "/api/v1/actors/:id"},
		{"/" + marker + "5", "", true, "(no route)"},
		{"/api/hsds/v3/services/" + marker + "6", "", true, "/api/hsds/v3/services/:id"},
	} {
		e.Do(apitest.Request{Method: "GET", Path: c.path, Token: c.token, NotInSpec: c.notInSpec})
		if !strings.Contains(logs.String(), `"path":"`+c.route+`"`) {
			t.Errorf("%s: the log names no route %q", c.path, c.route)
		}
	}
	if i := strings.Index(logs.String(), marker); i >= 0 {
		t.Errorf("the logs keep a path: …%s…", logs.String()[max(0, i-200):min(len(logs.String()), i+60)])
	}
}

// safeBuffer is a bytes.Buffer the server's goroutines may log into while
// the test reads it.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
