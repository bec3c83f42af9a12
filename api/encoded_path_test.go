package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestEncodedPathsAnswerAsCanonical: the router routes on the decoded path
// (UseRawPath and RedirectFixedPath off), so a percent-encoded letter
// (/api/v1/%61ctors, /api/%761/…, an encoded id) reaches the canonical
// route, with its own authorization, cache rule, rate limits and audit
// (all keyed by the route, FullPath, or the decoded path), for every
// caller; a path that only resembles a route (a doubled slash, a trailing
// slash, capitals, an encoded slash) reaches none: 404 for everyone. The
// idempotency key bound the request as sent: a retry spelling the path
// otherwise was refused as another request (422) instead of replayed.
func TestEncodedPathsAnswerAsCanonical(t *testing.T) {
	e := apitest.New(t)
	id := createActor(t, e, validActor("Lieu encodé"))["id"].(string)
	_, manager := e.Account("gerant@example.org", map[string]models.Role{id: models.RoleManager}, models.Territory{})
	_, outsider := e.Account("passant@example.org", nil, models.Territory{})
	callers := map[string]string{"anonymous": "", "outsider": outsider, "manager": manager, "admin": e.Admin}
	enc := fmt.Sprintf("%%%02X", id[0]) + id[1:] // its first character percent-encoded
	same := map[string][]string{
		"/api/v1/clients":                   {"/api/v1/%63lients", "/api/%761/clients", "/%61pi/v1/client%73"},
		"/api/v1/webhooks":                  {"/api/v1/%77ebhooks"},
		"/api/v1/actors/" + id + "/members": {"/api/v1/%61ctors/" + id + "/members", "/api/v1/actors/" + enc + "/members", "/api/v1/actors/" + id + "/%6Dembers"},
		"/api/v1/actors/" + id + "/history": {"/api/v1/actors/" + enc + "/history"},
		"/api/v1/actors/" + id:              {"/api/v1/actors/" + enc},
	}
	for canonical, variants := range same {
		for who, tok := range callers {
			want := e.Do(apitest.Request{Method: "GET", Path: canonical, Token: tok})
			for _, v := range variants {
				// Served directly: the harness's document router
				// matches the path as sent, not decoded.
				got := serve(e, "GET", v, tok)
				if got.Code != want.Code || got.Header().Get("Cache-Control") != want.Header().Get("Cache-Control") {
					t.Errorf("%s GET %s: %d %q, canonical %d %q", who, v, got.Code, got.Header().Get("Cache-Control"), want.Code, want.Header().Get("Cache-Control"))
				}
			}
		}
	}
	for _, p := range []string{"/api/v1//clients", "/api/v1/clients/", "/api/V1/clients", "/API/v1/clients", "/api/v1/Clients",
		"/api/v1/actors/" + id + "/", "/api/v1//actors/" + id, "/api/v1/actors%2F" + id, "/api%2Fv1/clients"} {
		for who, tok := range callers {
			if r := e.Do(apitest.Request{Method: "GET", Path: p, Token: tok}); r.Code != http.StatusNotFound {
				t.Errorf("%s GET %s: %d, want 404", who, p, r.Code)
			}
		}
	}
	body := `{"name":"Lieu une fois","address":{"street":"2 rue de la République","postal_code":"13002","commune":"Marseille","insee_code":"13055"}}`
	post := func(path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", path, strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+e.Admin)
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Idempotency-Key", "enc-1")
		w := httptest.NewRecorder()
		e.Handler.ServeHTTP(w, r)
		return w
	}
	first, again := post("/api/v1/actors"), post("/api/v1/%61ctors")
	if first.Code != 201 || again.Code != 201 || again.Header().Get("Idempotent-Replayed") != "true" || again.Body.String() != first.Body.String() {
		t.Errorf("a retry spelling the path otherwise: %d then %d %q %s", first.Code, again.Code, again.Header().Get("Idempotent-Replayed"), again.Body)
	}
}
