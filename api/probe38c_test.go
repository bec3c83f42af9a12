package api_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"carnet/api/apitest"
)

// chars is s padded with « é » (2 bytes each) to n characters.
func chars(t *testing.T, s string, n int, tail string) string {
	t.Helper()
	out := s + strings.Repeat("é", n-utf8.RuneCountInString(s)-utf8.RuneCountInString(tail)) + tail
	if utf8.RuneCountInString(out) != n {
		t.Fatalf("setup: %d characters", utf8.RuneCountInString(out))
	}
	return out
}

// TestProbe38aH1LimitsCountCharacters reproduces probe 38a's H1: the
// document's maxLength counts characters (JSON Schema: code points), but
// opening_hours counted bytes (994 accented characters, 1,052 bytes: 422)
// and the web addresses were measured once percent-encoded (each « é »
// 6). At the limit, in characters, every one is accepted; one past, each
// is refused naming it.
func TestProbe38aH1LimitsCountCharacters(t *testing.T) {
	e := apitest.New(t)
	hours := func(n int) string { return chars(t, `Mo 09:00-12:00 "accueil `, n, `"`) }
	url := func(n int) string { return chars(t, "https://example.fr/", n, "") }
	actor := validActor("Horaires accentués")
	actor["opening_hours"] = hours(1000)
	actor["acceslibre_url"] = url(2000)
	actor["booking_url"] = url(2000)
	actor["websites"] = []string{url(2000)}
	a := createActor(t, e, actor)
	if got := str(a["opening_hours"]); utf8.RuneCountInString(got) != 1000 {
		t.Errorf("opening_hours stored with %d characters", utf8.RuneCountInString(got))
	}
	svc := validService(str(a["id"]), "Atelier accentué")
	svc["opening_hours"] = hours(1000)
	svc["booking_url"] = url(2000)
	createService(t, e, svc)

	for _, tc := range []struct {
		path, field string
		value       any
	}{
		{"/api/v1/actors", "opening_hours", hours(1001)},
		{"/api/v1/actors", "acceslibre_url", url(2001)},
		{"/api/v1/actors", "booking_url", url(2001)},
		{"/api/v1/services", "opening_hours", hours(1001)},
		{"/api/v1/services", "booking_url", url(2001)},
	} {
		body := validActor("Trop long")
		if tc.path == "/api/v1/services" {
			body = validService(str(a["id"]), "Trop long")
		}
		body[tc.field] = tc.value
		r := e.Do(apitest.Request{Method: "POST", Path: tc.path, Token: e.Admin, Body: body})
		if r.Code != 422 || !hasAll(fields(t, r), tc.field) {
			t.Errorf("%s %s one character past: %d %s", tc.path, tc.field, r.Code, r.Body)
		}
	}
}
