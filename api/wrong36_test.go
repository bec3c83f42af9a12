package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// TestSearchRemoteContradiction: remote=false keeps services not given
// remotely, include_remote=true adds those given only remotely: together
// they asked for rows the filter then removed, and the answer silently
// dropped the second. Refused (422) naming both, as orientation refuses
// remote_only with accept_remote false.
func TestSearchRemoteContradiction(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?near=43.3,5.4&remote=false&include_remote=true"})
	if r.Code != 422 {
		t.Fatalf("remote=false&include_remote=true: %d, want 422: %s", r.Code, r.Body)
	}
	if got := fields(t, r); !hasAll(got, "remote", "include_remote") {
		t.Errorf("fields %v, want remote and include_remote", got)
	}
	for _, ok := range []string{"remote=true&include_remote=true", "remote=false&include_remote=false", "remote=false", "include_remote=true"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?near=43.3,5.4&" + ok}); r.Code != 200 {
			t.Errorf("%s: %d, want 200: %s", ok, r.Code, r.Body)
		}
	}
}
