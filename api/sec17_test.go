package api_test

import (
	"strconv"
	"strings"
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
