package api_test

import (
	"testing"

	"carnet/api/apitest"
)

func TestIdempotencyKey(t *testing.T) {
	e := apitest.New(t)
	post := func(key string, body obj) *apitest.Response {
		h := map[string]string{}
		if key != "" {
			h["Idempotency-Key"] = key
		}
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: body, Header: h})
	}
	first := post("k-1", validActor("Once"))
	if first.Code != 201 {
		t.Fatalf("first: %d %s", first.Code, first.Body)
	}
	again := post("k-1", validActor("Once"))
	if again.Code != 201 || again.Body.String() != first.Body.String() || again.Header().Get("Location") != first.Header().Get("Location") ||
		again.Header().Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay: %d %s %v", again.Code, again.Body, again.Header())
	}
	if r := post("k-1", validActor("Another body")); r.Code != 422 || !hasAll(fields(t, r), "Idempotency-Key") {
		t.Errorf("reuse with another body: %d %s", r.Code, r.Body)
	}
	// A refused request is not kept under its key (it did nothing): it
	// runs again, and is refused again (TestIdempotencyKeyKeepsOnlySuccesses).
	if r := post("k-2", obj{"name": ""}); r.Code != 422 {
		t.Fatalf("invalid: %d", r.Code)
	}
	if r := post("k-2", obj{"name": ""}); r.Code != 422 || r.Header().Get("Idempotent-Replayed") != "" {
		t.Errorf("invalid again: %d %v", r.Code, r.Header())
	}
	if r := post("bad key with spaces", validActor("x")); r.Code != 400 {
		t.Errorf("bad key: %d", r.Code)
	}
	if r := post("", validActor("Twice")); r.Code != 201 {
		t.Fatal(r.Code)
	}
	if r := post("", validActor("Twice")); r.Code != 201 {
		t.Fatal(r.Code)
	}
	list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors"}).Map()
	if total := list["meta"].(map[string]any)["total"]; total != float64(3) {
		t.Errorf("%v actors, want 3 (one per key, two without)", total)
	}
	// Keys are per caller: another account's identical key is independent.
	other, err := e.Store.CreateUser(t.Context(), newAdmin("other@carnet.test"))
	if err != nil {
		t.Fatal(err)
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.TokenFor(other.ID), Body: validActor("Once"), Header: map[string]string{"Idempotency-Key": "k-1"}})
	if r.Code != 201 || r.Header().Get("Idempotent-Replayed") != "" {
		t.Errorf("other caller: %d %v", r.Code, r.Header())
	}
}
