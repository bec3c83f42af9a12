package api_test

import (
	"net/url"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestFiltersNeverSilentlyIgnored: a filter that cannot match as written
// was answered as if it matched nothing or everything (the probe of
// 2026-12-05, finding 7): a source in capitals (sources are stored in lower
// case) or one no source can be named (« * », a quote) listed nothing; a
// search of invisible characters alone, and a person_name with no letter,
// were read as no filter and listed everything. Sources are now read in
// lower case, and the others refused (400 naming the parameter).
func TestFiltersNeverSilentlyIgnored(t *testing.T) {
	w := newReferralWorld(t)
	e := w.e
	sourced := str(createActor(t, e, merge(validActor("Lieu du hub"), obj{"source": "hub-du-sud", "source_id": "lieu-1"}))["id"])
	createService(t, e, merge(validService(sourced, "Atelier du hub"), obj{"source": "hub-du-sud", "source_id": "atelier-1"}))
	w.send(t)
	for _, tc := range []struct {
		name, token, path string
		want              int
		field             string // the parameter named on a 400
		contains          string // on a 200: an id the answer holds
	}{
		{"a source in capitals", "", "/api/v1/actors?source=HUB-DU-SUD", 200, "", sourced},
		{"a source in capitals, services", "", "/api/v1/services?source=Hub-Du-Sud", 200, "", "Atelier du hub"},
		{"a source in capitals, changes", "", "/api/v1/changes?source=HUB-DU-SUD", 200, "", sourced},
		{"a star", "", "/api/v1/actors?source=*", 400, "source", ""},
		{"a quote", "", "/api/v1/actors?source=" + url.QueryEscape("hub-du-sud' --"), 400, "source", ""},
		{"a star, services", "", "/api/v1/services?source=*", 400, "source", ""},
		{"a star, changes", "", "/api/v1/changes?source=*", 400, "source", ""},
		{"a zero-width space alone", "", "/api/v1/search/services?q=%E2%80%8B", 400, "q", ""},
		{"a soft hyphen alone", "", "/api/v1/search/actors?q=%C2%AD", 400, "q", ""},
		{"a word joiner and a tag alone", "", "/api/v1/search/services?q=%E2%81%A0%F3%A0%80%81", 400, "q", ""},
		{"a word with a zero-width space in it", "", "/api/v1/search/services?q=atel%E2%80%8Bier", 200, "", "Atelier du hub"},
		{"a name with no letter", w.memberA, "/api/v1/referrals?person_name=%25", 400, "person_name", ""},
		{"a name of stars", w.memberA, "/api/v1/referrals?person_name=**", 400, "person_name", ""},
		{"a name", w.memberA, "/api/v1/referrals?person_name=zoub", 200, "", personFirst},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "GET", Path: tc.path, Token: tc.token})
			if r.Code != tc.want {
				t.Fatalf("%d, want %d: %s", r.Code, tc.want, r.Body)
			}
			if tc.field != "" && !hasAll(fields(t, r), tc.field) {
				t.Errorf("the problem names %v, want %s", fields(t, r), tc.field)
			}
			if tc.contains != "" && !strings.Contains(r.Body.String(), tc.contains) {
				t.Errorf("the answer misses %s: %s", tc.contains, r.Body)
			}
		})
	}
}
