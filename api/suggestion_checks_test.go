package api_test

import (
	"reflect"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestSuggestionCheckedAsTheDirectChange: a suggestion moving a Marseille
// actor to the postal code 75001 was accepted (201) although the same
// change made directly answers 422 (the commune name no longer fits the
// postal code), and accepting it then answered 409 « no longer applies »:
// a suggestion was checked by the record's own rules but not by the
// address's, which every direct write runs. The OpenAPI promises « the
// change is checked now: an invalid result is refused (422) ». Now a
// suggestion answers the direct change's 422, its fields named inside the
// suggestion body (changes.…), for actors and services alike.
func TestSuggestionCheckedAsTheDirectChange(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	sv := str(createService(t, e, merge(validService(a, "Permanence"), obj{"address": obj{"street": "1 rue de Rome", "postal_code": "13001", "commune": "Marseille"}}))["id"])
	_, author := e.Account("voisin@example.fr", nil, models.Territory{})

	type problem struct {
		Errors []struct{ Field, Reason string } `json:"errors"`
	}
	for _, tc := range []struct{ what, path, suggest string }{
		{"actor", "/api/v1/actors/" + a, "/api/v1/actors/" + a + "/suggestions"},
		{"service", "/api/v1/services/" + sv, "/api/v1/services/" + sv + "/suggestions"},
	} {
		change := obj{"address": obj{"postal_code": "75001"}}
		direct := e.Do(apitest.Request{Method: "PATCH", Path: tc.path, Token: e.Admin, Body: change, ContentType: "application/merge-patch+json"})
		if direct.Code != 422 {
			t.Fatalf("%s: the direct change: %d %s", tc.what, direct.Code, direct.Body)
		}
		var want problem
		direct.JSON(&want)
		for i := range want.Errors {
			want.Errors[i].Field = "changes." + want.Errors[i].Field
		}
		r := e.Do(apitest.Request{Method: "POST", Path: tc.suggest, Token: author, Body: obj{"changes": change}})
		if r.Code != 422 {
			t.Errorf("%s: suggestion of an invalid change: %d %s, want 422", tc.what, r.Code, r.Body)
			continue
		}
		var got problem
		r.JSON(&got)
		if len(want.Errors) == 0 || !reflect.DeepEqual(got.Errors, want.Errors) {
			t.Errorf("%s: suggestion errors %+v, the direct change's %+v", tc.what, got.Errors, want.Errors)
		}
	}
	// A valid move still makes a suggestion.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + a + "/suggestions", Token: author,
		Body: obj{"changes": obj{"address": obj{"street": "3 rue de Rivoli", "postal_code": "75001", "commune": "Paris"}}}})
	if r.Code != 201 {
		t.Errorf("a valid move: %d %s", r.Code, r.Body)
	}
}
