package api_test

import (
	"net/url"
	"testing"

	"carnet/api/apitest"
)

// TestNameFilterFoldsCompatibilityForms: the name filter and sort=name
// compare folded keys, but the fold left full-width letters (« ＭＥＤＩＡ »,
// typed on a Japanese or Chinese keyboard, pasted from a PDF) and the
// modifier-letter apostrophe « ʼ » as written: « ＭＥＤＩＡＴＨＥＱＵＥ » found no
// « Médiathèque » and « lʼisle » no « L'Isle » (verify36 N7). The key and
// the filter's input both go through NFKC before the fold.
func TestNameFilterFoldsCompatibilityForms(t *testing.T) {
	e := apitest.New(t)
	med := str(createActor(t, e, validActor("Médiathèque Jean Moulin"))["id"])
	wide := str(createActor(t, e, validActor("ＥＳＰＡＣＥ numérique"))["id"])
	isle := str(createActor(t, e, validActor("Centre social L'Isle"))["id"])
	for q, want := range map[string]string{"ＭＥＤＩＡＴＨＥＱＵＥ": med, "espace": wide, "lʼisle": isle, "L’ISLE": isle} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?name=" + url.QueryEscape(q)})
		data := r.Map()["data"].([]any)
		if r.Code != 200 || len(data) != 1 || data[0].(obj)["id"] != want {
			t.Errorf("name=%s: %d %d results, want the one", q, r.Code, len(data))
		}
	}
	// sort=name: « ＥＳＰＡＣＥ » sorts as « espace », between « Centre » and « Médiathèque ».
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?sort=name"})
	var got []string
	for _, a := range r.Map()["data"].([]any) {
		got = append(got, str(a.(obj)["id"]))
	}
	if len(got) != 3 || got[0] != isle || got[1] != wide || got[2] != med {
		t.Errorf("sort=name: %v, want L'Isle, ＥＳＰＡＣＥ, Médiathèque", got)
	}
}
