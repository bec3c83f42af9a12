package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// The leftovers of the black-box probe of 2026-12-05 (session 35): inputs
// that were read as something else than what they say, or refused for a
// reason that was not theirs.

// wantProblem fails unless r answers status naming every field and saying
// each of says.
func wantProblem(t *testing.T, r *apitest.Response, status int, field string, says ...string) {
	t.Helper()
	if r.Code != status {
		t.Fatalf("%d, want %d: %s", r.Code, status, r.Body)
	}
	if field != "" && !hasAll(fields(t, r), strings.Split(field, ",")...) {
		t.Errorf("the problem does not name %s: %s", field, r.Body)
	}
	for _, s := range says {
		if !strings.Contains(r.Body.String(), s) {
			t.Errorf("the problem does not say %q: %s", s, r.Body)
		}
	}
}

// TestQueryIntegersAreCanonical: limit=+5 and limit= 5 were read as 5
// (strconv.Atoi takes a sign, and the query reader shed the spaces); every
// integer of a query string is now digits only, leading zeros aside.
func TestQueryIntegersAreCanonical(t *testing.T) {
	e := apitest.New(t)
	for _, path := range []string{"/api/v1/actors?limit=", "/api/v1/search/services?limit=", "/api/v1/communes?q=mars&limit=",
		"/api/hsds/v3/services?per_page=", "/api/hsds/v3/services?page=", "/api/v1/changes?cursor="} {
		for _, v := range []string{"%2B5", "%205", "5%20", "-5", "5.0", "0x5"} {
			t.Run(path+v, func(t *testing.T) {
				r := e.Do(apitest.Request{Method: "GET", Path: path + v, Token: e.Admin})
				name := path[strings.LastIndexAny(path, "?&")+1 : len(path)-1]
				wantProblem(t, r, http.StatusBadRequest, name)
			})
		}
		if strings.Contains(path, "cursor") {
			continue
		}
		t.Run(path+"05", func(t *testing.T) {
			if r := e.Do(apitest.Request{Method: "GET", Path: path + "05", Token: e.Admin}); r.Code != http.StatusOK {
				t.Fatalf("%d: %s", r.Code, r.Body)
			}
		})
	}
}

// TestOrientationRemoteContradiction: remote_only with accept_remote false
// answered an empty list (accept_remote was a bool with omitempty: false
// could not be told from absent); it is a contradiction, named. Absent
// still means false.
func TestOrientationRemoteContradiction(t *testing.T) {
	e := apitest.New(t)
	post := func(constraints obj) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions",
			Body: obj{"needs": []string{"Aide aux démarches administratives"}, "constraints": constraints}})
	}
	wantProblem(t, post(obj{"remote_only": true, "accept_remote": false}), http.StatusUnprocessableEntity,
		"constraints.remote_only,constraints.accept_remote")
	for _, c := range []obj{{"remote_only": true}, {"remote_only": true, "accept_remote": true}, {"accept_remote": false}, {"remote_only": false, "accept_remote": false}} {
		if r := post(c); r.Code != http.StatusOK {
			t.Errorf("%v: %d %s", c, r.Code, r.Body)
		}
	}
}

// TestClosureDatesBounded: a temporary closure from year 0 or until 9999
// was stored; closure days are from 2000 to 2099, like the consent date's
// floor.
func TestClosureDatesBounded(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Fermée un temps"))
	path := "/api/v1/actors/" + str(a["id"])
	for _, c := range []struct {
		from, until, field string
	}{
		{"0000-01-01", "", "closed_from"},
		{"1999-12-31", "", "closed_from"},
		{"2026-12-24", "9999-12-31", "closed_until"},
		{"2100-01-01", "", "closed_from"},
	} {
		t.Run(c.from+"/"+c.until, func(t *testing.T) {
			body := obj{"status": "temporarily_closed", "closed_from": c.from}
			if c.until != "" {
				body["closed_until"] = c.until
			}
			r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: body})
			wantProblem(t, r, http.StatusUnprocessableEntity, c.field, "from 2000-01-01 to 2099-12-31")
		})
	}
	r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: obj{"status": "temporarily_closed", "closed_from": "2000-01-01", "closed_until": "2099-12-31"}})
	if r.Code != http.StatusOK {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
}

// TestDateTimesFromClients: a leap second (…T23:59:60Z, valid RFC 3339)
// was refused as « must be an RFC 3339 time »; every query date-time now
// reads it, as the next second.
func TestDateTimesFromClients(t *testing.T) {
	e := apitest.New(t)
	for _, path := range []string{"/api/v1/search/services?open_at=", "/api/hsds/v3/services?modified_after=", "/api/v1/actors?updated_since="} {
		t.Run(path+"leap", func(t *testing.T) {
			if r := e.Do(apitest.Request{Method: "GET", Path: path + "2016-12-31T23:59:60Z", Token: e.Admin}); r.Code != http.StatusOK {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if r := e.Do(apitest.Request{Method: "GET", Path: path + "2017-01-01T00:59:60%2B01:00", Token: e.Admin}); r.Code != http.StatusOK {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
		})
		name := path[strings.LastIndexAny(path, "?&")+1 : len(path)-1]
		t.Run(path+"second 61", func(t *testing.T) {
			wantProblem(t, e.Do(apitest.Request{Method: "GET", Path: path + "2016-12-31T23:59:61Z", Token: e.Admin}), http.StatusBadRequest, name, "RFC 3339")
		})
	}
}

// TestUnbalancedHours: opening hours of 500 « ( » were refused as
// « variable times (sunrise, sunset, dawn, dusk) are not supported ». Kept
// as written since nothing reads in them (probe 35b, L5), the reason shown
// in opening_hours_unreadable.
func TestUnbalancedHours(t *testing.T) {
	e := apitest.New(t)
	for _, hours := range []string{strings.Repeat("(", 500), "(", "Mo-Fr (09:00-12:00"} {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(validActor("Parenthèses"), obj{"opening_hours": hours})})
		if r.Code != http.StatusCreated || !strings.Contains(unreadableReason(r), "unbalanced") {
			t.Errorf("%.20q: %d %s", hours, r.Code, r.Body)
		}
		if strings.Contains(r.Body.String(), "sunrise") {
			t.Errorf("%.20q: still blamed on variable times: %s", hours, r.Body)
		}
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(validActor("Soleil"), obj{"opening_hours": "Mo-Fr (sunrise-01:00)-18:00"})})
	if r.Code != http.StatusCreated || !strings.Contains(unreadableReason(r), "variable times") {
		t.Errorf("variable times: %d %s", r.Code, r.Body)
	}
}

// TestBodyCharset: a JSON body declared charset=latin1 was read as UTF-8;
// JSON is UTF-8 (RFC 8259 §8.1), so another charset answers 415 naming
// it. The import reads a file in the charset it declares (Windows-1252
// for the Latin-1 family) and refuses one it cannot read.
func TestBodyCharset(t *testing.T) {
	e := apitest.New(t)
	body := obj{"needs": []string{"Aide aux démarches administratives"}}
	for ct, want := range map[string]int{"application/json; charset=latin1": 415, "application/json; charset=ISO-8859-1": 415, "application/json;charset=windows-1252": 415,
		"application/json; charset=utf-8": 200, "application/json; charset=UTF-8": 200, "application/json; charset=\"utf-8\"": 200, "application/json": 200} {
		t.Run(ct, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: body, ContentType: ct})
			if want == 200 {
				if r.Code != 200 {
					t.Fatalf("%d %s", r.Code, r.Body)
				}
				return
			}
			_, charset, _ := strings.Cut(ct, "charset=")
			wantProblem(t, r, http.StatusUnsupportedMediaType, "Content-Type", charset, "UTF-8")
		})
	}
	// « Ã© » in ISO-8859-1 is the bytes C3 A9, which are UTF-8 for « é »:
	// read by guess, the name changed.
	csv := "id,nom,adresse,code_postal,commune,latitude,longitude,date_maj,services,source\n" +
		"1,Caf\xc3\xa9 des \xe2ges,2 rue de la R\xe9publique,13002,Marseille,43.3,5.37,2026-01-01,Aide aux d\xe9marches administratives,x\n"
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/x/import?dry_run=true", Token: e.Admin, Body: csv, ContentType: "text/csv; charset=iso-8859-1"})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/x/import", Token: e.Admin, Body: csv, ContentType: "text/csv; charset=iso-8859-1"})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	l := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=x", Token: e.Admin})
	if !strings.Contains(l.Body.String(), "Caf\u00c3\u00a9 des \u00e2ges") {
		t.Errorf("the declared charset was not read: %s", l.Body)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/x/import?dry_run=true", Token: e.Admin, Body: csv, ContentType: "text/csv; charset=klingon"})
	wantProblem(t, r, http.StatusUnsupportedMediaType, "Content-Type", "klingon")
}

// TestCursorsBoundToTheirList: a cursor of one list was read by any other
// (an /actors cursor by /services, one actor's history cursor by
// another's, a cursor of departement=13 with departement=84), which
// answered a page of that list starting where it had never been: rows
// were skipped without a word. Every list's cursor now names its list and
// parameters (limit aside); any other list refuses it with 400 naming
// cursor.
func TestCursorsBoundToTheirList(t *testing.T) {
	w := newWorld(t)
	e, admin := w.e, w.e.Admin
	for i := range 3 {
		createActor(t, e, validActor(fmt.Sprintf("Saint-Lieu %d", i)))
		r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.own, Token: admin, Body: obj{"summary": fmt.Sprintf("Relu %d", i)}})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
		r = e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + w.other, Token: admin, Body: obj{"summary": fmt.Sprintf("Relu %d", i)}})
		if r.Code != 200 {
			t.Fatal(r.Code, r.Body)
		}
	}
	lists := []string{"/api/v1/actors", "/api/v1/actors?departement=13", "/api/v1/actors?sort=name", "/api/v1/services",
		"/api/v1/search/actors?q=saint", "/api/v1/search/services", "/api/v1/communes?q=saint", "/api/v1/users", "/api/v1/trail",
		"/api/v1/actors/" + w.own + "/history", "/api/v1/actors/" + w.other + "/history", "/api/v1/actors/" + w.own + "/members",
		"/api/v1/webhooks"}
	targets := append(slices.Clone(lists), "/api/v1/changes", "/api/v1/clients", "/api/v1/duplicates", "/api/v1/quality/stale",
		"/api/v1/referrals", "/api/v1/suggestions", "/api/v1/me/join-requests", "/api/v1/services/"+w.ownSvc+"/history",
		"/api/v1/actors/"+w.own+"/invitations", "/api/v1/actors/"+w.own+"/join-requests", "/api/v1/actors/"+w.own+"/trail",
		"/api/v1/webhooks/"+w.hookAdmin+"/deliveries", "/api/v1/actors?departement=06", "/api/v1/search/actors?q=lieu")
	with := func(path, param string) string {
		if strings.Contains(path, "?") {
			return path + "&" + param
		}
		return path + "?" + param
	}
	for _, list := range lists {
		r := e.Do(apitest.Request{Method: "GET", Path: with(list, "limit=1"), Token: admin})
		var page struct {
			Meta struct {
				NextCursor *string `json:"next_cursor"`
			}
		}
		r.JSON(&page)
		if r.Code != 200 || page.Meta.NextCursor == nil {
			t.Fatalf("%s gives no cursor: %d %s", list, r.Code, r.Body)
		}
		cursor := url.QueryEscape(*page.Meta.NextCursor)
		for _, target := range targets {
			r := e.Do(apitest.Request{Method: "GET", Path: with(target, "cursor="+cursor), Token: admin})
			switch {
			case target == list:
				if r.Code != 200 {
					t.Errorf("%s refuses its own cursor: %d %s", list, r.Code, r.Body)
				}
			case r.Code != http.StatusBadRequest || !hasAll(fields(t, r), "cursor"):
				t.Errorf("%s read the cursor of %s: %d %.300s", target, list, r.Code, r.Body)
			}
		}
		if r := e.Do(apitest.Request{Method: "GET", Path: with(list, "limit=2&cursor="+cursor), Token: admin}); r.Code != 200 {
			t.Errorf("%s with another limit refuses its cursor: %d %s", list, r.Code, r.Body)
		}
	}
}

// TestQueryDecimalsAreCanonical: decimal parameters were read by
// strconv.ParseFloat, which takes « +5 », « 1e1 », « 0x1p3 », « Inf » and
// « 1_0 »: values no client means as written, answered as another. They
// are plain decimals now — an optional minus sign (latitudes and
// longitudes overseas), digits, an optional fraction — as integers are
// digits only; a space after the comma of near stays read (people type it).
func TestQueryDecimalsAreCanonical(t *testing.T) {
	e := apitest.New(t)
	for _, tc := range []struct{ path, field string }{
		{"/api/v1/search/services?near=43.29,5.37&radius_km=", "radius_km"},
		{"/api/v1/search/actors?near=43.29,5.37&radius_km=", "radius_km"},
		{"/api/v1/actors?quality_min=", "quality_min"},
		{"/api/v1/stats/territory?departement=13&gap_km=", "gap_km"},
		{"/api/hsds/v3/service_at_locations?postcode=13001&proximity=", "proximity"},
	} {
		for _, v := range []string{"%2B5", "1e1", "0x1p3", "Inf", "1_0", "%205", "5%20", ".", "5..1"} {
			t.Run(tc.path+v, func(t *testing.T) {
				wantProblem(t, e.Do(apitest.Request{Method: "GET", Path: tc.path + v, Token: e.Admin}), http.StatusBadRequest, tc.field)
			})
		}
	}
	for _, v := range []string{"43.29,%2B5.37", "4.329e1,5.37", "0x2bp0,5.37", "43.29,5.37e0"} {
		t.Run("near="+v, func(t *testing.T) {
			wantProblem(t, e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?near=" + v}), http.StatusBadRequest, "near")
		})
	}
	for _, path := range []string{
		"/api/v1/search/services?near=43.29,5.37&radius_km=5", "/api/v1/search/services?near=43.29,5.37&radius_km=2.5",
		"/api/v1/search/services?near=43.29,%205.37", "/api/v1/search/services?near=-21.115,55.536&radius_km=0.5",
		"/api/v1/actors?quality_min=0.5", "/api/v1/actors?quality_min=1", "/api/v1/stats/territory?departement=13&gap_km=10",
		"/api/hsds/v3/service_at_locations?postcode=13001&proximity=1000",
	} {
		t.Run(path, func(t *testing.T) {
			if r := e.Do(apitest.Request{Method: "GET", Path: path, Token: e.Admin}); r.Code != http.StatusOK {
				t.Fatalf("%d: %s", r.Code, r.Body)
			}
		})
	}
}
