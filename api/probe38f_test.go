package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
)

// TestProducerCannotClaimCarnet: a partner could sync "producer":"Carnet"
// (or import a source column saying Carnet), and the standard-csv export
// then named Carnet as the producer, exactly as for records made in Carnet
// itself (probe 38b, L3). Carnet's own name is reserved: refused on writes
// naming producer, dropped with a warning on file imports (the importing
// source is then the producer). Another name passes through (aggregators).
func TestProducerCannotClaimCarnet(t *testing.T) {
	e := apitest.New(t)
	for _, p := range []string{"Carnet", " carnet ", "CARNET"} {
		out := syncActors(t, e, "", merge(partnerActor("spoof-"+strings.TrimSpace(p), "Lieu spoof"), obj{"producer": p}))
		if r := out.Results[0]; r.Result != "rejected" || len(r.Errors) == 0 || r.Errors[0].Field != "producer" {
			t.Errorf("sync producer %q: %+v", p, r)
		}
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(validActor("Lieu spoof"), obj{"producer": "Carnet"})}); r.Code != 422 || !strings.Contains(r.Body.String(), `"producer"`) {
		t.Errorf("POST producer Carnet: %d %s", r.Code, r.Body)
	}
	if out := syncActors(t, e, "", merge(partnerActor("agg-1", "Lieu agrégé"), obj{"producer": "conseiller-numerique"})); out.Results[0].Result != "created" {
		t.Errorf("another producer: %+v", out.Results[0])
	}
	csv := "id,nom,adresse,code_postal,commune,latitude,longitude,services,source\n" +
		"spoof3,Lieu spoof trois,5 rue Colbert,13001,Marseille,43.298,5.378,Aide aux démarches administratives,Carnet\n"
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/psrc/import", Token: e.Admin, Body: csv, ContentType: "text/csv"})
	var rep struct {
		Issues []struct{ Field, Value, Reason string }
	}
	r.JSON(&rep)
	warned := false
	for _, i := range rep.Issues {
		warned = warned || (i.Field == "source" && i.Value == "Carnet")
	}
	if r.Code != 200 || !warned {
		t.Errorf("import source Carnet: %d %s", r.Code, r.Body)
	}
	if body := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=psrc", Token: e.Admin}).Body.String(); !strings.Contains(body, `"producer":"psrc"`) {
		t.Errorf("imported producer: %s", body)
	}
}

// TestMethodNotAllowedDocumented: every path answers a method it does not
// serve with 405 problem+json and an Allow header, and HEAD on its GET
// routes (TestHeadOnEveryGet), but no operation said so (probe 38a, L1):
// the document's description says it once for all paths.
func TestMethodNotAllowedDocumented(t *testing.T) {
	e := apitest.New(t)
	for _, c := range []struct{ method, path, allow string }{
		{"OPTIONS", "/api/v1/webhooks", "GET, POST, HEAD"},
		{"PUT", "/api/v1/webhooks", "GET, POST, HEAD"},
		{"DELETE", "/api/v1/vocabularies", "GET, HEAD"},
		{"HEAD", "/api/v1/auth/login", "POST"},
	} {
		r := serve(e, c.method, c.path, e.Admin)
		if r.Code != 405 || r.Header().Get("Allow") != c.allow ||
			c.method != "HEAD" && !strings.HasPrefix(r.Header().Get("Content-Type"), "application/problem+json") {
			t.Errorf("%s %s: %d Allow %q %s %s", c.method, c.path, r.Code, r.Header().Get("Allow"), r.Header().Get("Content-Type"), r.Body)
		}
	}
	if d := apitest.Spec(t).Info.Description; !strings.Contains(d, "405") || !strings.Contains(d, "Allow") || !strings.Contains(d, "HEAD") {
		t.Errorf("the document's description does not say how other methods are answered: %s", d)
	}
}

// TestSourceCannotBeCarnet: a source named carnet would make every record
// of it read as produced by Carnet (its producer is its source when it
// names none): refused naming source.
func TestSourceCannotBeCarnet(t *testing.T) {
	e := apitest.New(t)
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/carnet/actors", Token: e.Admin, Body: obj{"actors": []obj{partnerActor("c-1", "Lieu c")}}})
	var out syncResult
	r.JSON(&out)
	if r.Code == 200 && (len(out.Results) != 1 || out.Results[0].Result != "rejected" || out.Results[0].Errors[0].Field != "source") ||
		r.Code != 200 && (r.Code != 422 || !strings.Contains(r.Body.String(), `"source"`)) {
		t.Errorf("sync to source carnet: %d %s", r.Code, r.Body)
	}
}
