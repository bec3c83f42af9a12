package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// A retry that re-serializes its body (another key order, other white
// space) is the same request: it gets the first answer again. A body that
// says something else is still refused (probe h36 B, finding 7).
func TestIdempotencyKeyComparesTheJSONNotItsBytes(t *testing.T) {
	e := apitest.New(t)
	post := func(body string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: body,
			Header: map[string]string{"Idempotency-Key": "k-canon"}})
	}
	first := post(`{"name":"Once","address":{"street":"1 rue A","postal_code":"13001","commune":"Marseille"}}`)
	if first.Code != 201 {
		t.Fatalf("first: %d %s", first.Code, first.Body)
	}
	again := post("{ \"address\": {\"commune\": \"Marseille\", \"postal_code\": \"13001\", \"street\": \"1 rue A\"},\n  \"name\": \"Once\" }")
	if again.Code != 201 || again.Header().Get("Idempotent-Replayed") != "true" || again.Body.String() != first.Body.String() {
		t.Errorf("same JSON, other order and spaces: %d %s", again.Code, again.Body)
	}
	if r := post(`{"name":"Once","address":{"street":"2 rue A","postal_code":"13001","commune":"Marseille"}}`); r.Code != 422 || !hasAll(fields(t, r), "Idempotency-Key") {
		t.Errorf("another body: %d %s", r.Code, r.Body)
	}
}
