package api_test

import (
	"slices"
	"testing"

	"carnet/api/apitest"
)

// An offending value of a list is named by its place in the list sent:
// « typologies[1] » for ["XYZ", "bib"] sent the producer looking at BIB,
// because the list was put in the vocabulary's order and rid of repeats
// before it was checked. The same on a direct write and in a sync batch,
// for vocabularies and for phones and e-mails (probe 50).
func TestProbe50ListErrorsNameTheIndexSent(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Probe 50", []string{"p50"}, []string{"sync:write"})
	with := func(field string, values ...any) obj {
		a := validActor("Espace numérique")
		a[field] = values
		return a
	}
	cases := []struct {
		body obj
		want string
	}{
		{with("typologies", "XYZ", "bib"), "typologies[0]"},
		{with("typologies", "bib", "BIB", "XYZ"), "typologies[2]"},
		{with("national_programmes", "france-services", "france-services", "nope"), "national_programmes[2]"},
		{with("phones", "04 91 00 00 00", "0491000000", "12"), "phones[2]"},
		{with("emails", "a@b.fr", "A@B.FR", "pas un mail"), "emails[2]"},
	}
	for _, c := range cases {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: c.body})
		if got := fields(t, r); r.Code != 422 || !slices.Equal(got, []string{c.want}) {
			t.Errorf("POST %v: %d %v, want 422 naming %s", c.body, r.Code, got, c.want)
		}
		rec := obj{"source_id": "s1"}
		for k, v := range c.body {
			rec[k] = v
		}
		r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/p50/actors?dry_run=true", Token: partner, Body: obj{"actors": []any{rec}}})
		var out struct {
			Results []struct {
				Result string
				Errors []struct{ Field string }
			}
		}
		r.JSON(&out)
		if r.Code != 200 || len(out.Results) != 1 || out.Results[0].Result != "rejected" ||
			len(out.Results[0].Errors) != 1 || out.Results[0].Errors[0].Field != c.want {
			t.Errorf("sync %v: %d %s, want rejected naming %s", c.body, r.Code, r.Body, c.want)
		}
	}
}
