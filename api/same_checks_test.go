package api_test

import (
	"fmt"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// The same input read alike on every path to the same change: an API write
// (create, replace, merge patch, suggestion, service), a sync batch and the
// file import (a black-box probe found each of these read differently).

// importRows imports rows as the hub and returns the report and the
// stored actors by source_id.
func importRows(t *testing.T, e *apitest.Env, token string, rows []obj) (string, map[string]obj) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/hub/import", Token: token, Body: rows})
	if r.Code != 200 {
		t.Fatalf("import: %d %s", r.Code, r.Body)
	}
	stored := map[string]obj{}
	for _, x := range get(t, e, "/api/v1/actors?source=hub&limit=100")["data"].([]any) {
		a := x.(obj)
		stored[str(a["source_id"])] = a
	}
	return r.Body.String(), stored
}

func importRow(id, pc, commune string, extra obj) obj {
	return merge(obj{"id": id, "nom": "Lieu " + id, "pivot": "00000000000000", "commune": commune, "code_postal": pc,
		"adresse": "1 rue du Port", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives"}, extra)
}

// syncOne sends one actor record as the partner and returns its result.
func syncOne(t *testing.T, e *apitest.Env, partner string, record obj) obj {
	t.Helper()
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: partner, Body: obj{"actors": []obj{record}}})
	if r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	return r.Map()["results"].([]any)[0].(obj)
}

// TestOverseasPlacesReadAlike: « Gustavia », 97133 was stored by an API
// write as written, without an INSEE code (in no commune), and « Marigot »,
// 97150 refused with 422 (Le Marigot is a commune of Martinique), where a
// sync and the import read Saint-Barthélemy (97701) and Saint-Martin
// (97801). A name of no commune beside a postal code of one, and any
// place name written with the code of a collectivity that is one commune,
// are now read as that commune on every path; a homonym of another
// département elsewhere is still refused, and Monaco's 98000 too.
func TestOverseasPlacesReadAlike(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	cases := []struct {
		pc, name       string
		commune, insee string // stored; "" insee with field: refused
		field          string // the field a refusal names
		syncWarns      bool
		apiRefuses     bool // by API writes only (a commune named elsewhere): syncs and imports read it
	}{
		{"97133", "Gustavia", "Saint-Barthélemy", "97701", "", true, false},
		{"97133", "Saint-Barthélemy", "Saint-Barthélemy", "97701", "", false, false},
		{"97133", "Colombier", "Saint-Barthélemy", "97701", "", true, true}, // a quarter, and a commune of Haute-Saône…
		{"97150", "Marigot", "Saint-Martin", "97801", "", true, true},       // Saint-Martin's chef-lieu, and Le Marigot in Martinique
		{"97150", "Paris", "Saint-Martin", "97801", "", true, true},         // a slip of the postal code: never a silent move
		{"97150", "Grand-Case", "Saint-Martin", "97801", "", true, false},
		{"97150", "Saint-Martin", "Saint-Martin", "97801", "", false, false},
		{"97500", "Saint-Pierre", "Saint-Pierre", "97502", "", false, false},
		{"97500", "Miquelon", "Miquelon-Langlade", "97501", "", false, false},
		{"98800", "Nouméa", "Nouméa", "98818", "", false, false},
		{"98714", "Papeete", "Papeete", "98735", "", false, false},
		{"98600", "Mata-Utu", "Uvea", "98613", "", true, false},
		{"97225", "Marigot", "Le Marigot", "97216", "", false, false},
		{"98000", "Monaco", "", "", "address.postal_code", false, false},
		{"13001", "Nice", "", "", "address.commune", false, false}, // a real contradiction stays refused
	}
	var rows []obj
	for i, tc := range cases {
		addr := obj{"street": "1 rue du Port", "postal_code": tc.pc, "commune": tc.name}
		t.Run(fmt.Sprintf("POST and sync %s %s", tc.pc, tc.name), func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": fmt.Sprint("Lieu ", i), "address": addr}})
			res := syncOne(t, e, partner, obj{"source_id": fmt.Sprint("s-", i), "name": fmt.Sprint("Lieu s-", i), "address": addr})
			if tc.field != "" {
				if r.Code != 422 || !hasAll(fields(t, r), tc.field) {
					t.Errorf("POST: %d %s, want 422 naming %s", r.Code, r.Body, tc.field)
				}
				if res["result"] != "rejected" && tc.field == "address.postal_code" {
					t.Errorf("sync: %v, want rejected", res)
				}
				return
			}
			switch {
			case tc.apiRefuses:
				if r.Code != 422 || !hasAll(fields(t, r), "address.commune") || !strings.Contains(r.Body.String(), tc.commune+`\" as the commune if the place is there`) {
					t.Errorf("POST: %d %s, want 422 naming address.commune and what to write", r.Code, r.Body)
				}
			case r.Code != 201:
				t.Fatalf("POST: %d %s", r.Code, r.Body)
			default:
				if got := r.Map()["address"].(obj); got["commune"] != tc.commune || got["insee_code"] != tc.insee || got["postal_code"] != tc.pc {
					t.Errorf("POST stored %v, want %s %s", got, tc.commune, tc.insee)
				}
			}
			if res["result"] != "created" {
				t.Fatalf("sync: %v", res)
			}
			if got := get(t, e, "/api/v1/actors/"+str(res["entity_id"]))["address"].(obj); got["commune"] != tc.commune || got["insee_code"] != tc.insee {
				t.Errorf("sync stored %v, want %s %s", got, tc.commune, tc.insee)
			}
			if warns := res["warnings"].([]any); (len(warns) > 0) != tc.syncWarns {
				t.Errorf("sync warnings %v, want some: %v", warns, tc.syncWarns)
			}
		})
		rows = append(rows, importRow(fmt.Sprint("i-", i), tc.pc, tc.name, nil))
	}
	t.Run("the import reads them alike", func(t *testing.T) {
		_, stored := importRows(t, e, partner, rows)
		for i, tc := range cases {
			a, ok := stored[fmt.Sprint("i-", i)]
			if tc.field != "" {
				continue // kept with a warning (Monaco) or corrected (Nice): the import's own rule
			}
			if !ok {
				t.Errorf("%s %s: not imported", tc.pc, tc.name)
				continue
			}
			if got := a["address"].(obj); got["commune"] != tc.commune || got["insee_code"] != tc.insee {
				t.Errorf("import %s %s stored %v, want %s %s", tc.pc, tc.name, got, tc.commune, tc.insee)
			}
		}
	})

	// Every API write of the address reads them so.
	id := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	author := userToken(t, e, "usager@example.fr")
	patch := "application/merge-patch+json"
	gustavia := obj{"street": "Rue du Bord de Mer", "postal_code": "97133", "commune": "Gustavia"}
	marigot := obj{"street": "Rue de la République", "postal_code": "97150", "commune": "Marigot"}
	for _, tc := range []struct {
		name  string
		req   apitest.Request
		insee string
	}{
		{"OK PUT Gustavia", apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"name": "Maison de Marseille", "address": gustavia}}, "97701"},
		{"OK PATCH Marigot as Saint-Martin", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"address": merge(marigot, obj{"commune": "Saint-Martin"})}}, "97801"},
		{"OK PATCH the commune alone", apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"address": obj{"commune": "Grand-Case"}}}, "97801"},
		{"OK POST a service at Gustavia", apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(id, "Permanence"), obj{"address": gustavia})}, "97701"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(tc.req)
			if r.Code != 200 && r.Code != 201 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if got := r.Map()["address"].(obj); got["insee_code"] != tc.insee {
				t.Errorf("stored %v, want INSEE %s", got, tc.insee)
			}
		})
	}
	t.Run("ErrInvalid a postal code slip onto a Marseille place", func(t *testing.T) {
		other := str(createActor(t, e, validActor("Centre social de Marseille"))["id"])
		r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + other, Token: e.Admin, ContentType: patch, Body: obj{"address": obj{"postal_code": "97150"}}})
		if r.Code != 422 || !hasAll(fields(t, r), "address.postal_code") {
			t.Errorf("%d %s, want 422 naming the postal code sent", r.Code, r.Body)
		}
		if got := get(t, e, "/api/v1/actors/"+other)["address"].(obj); got["commune"] != "Marseille" {
			t.Errorf("stored %v, want still in Marseille", got)
		}
	})
	t.Run("OK a suggestion, accepted", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"address": gustavia}}})
		if r.Code != 201 {
			t.Fatalf("suggest: %d %s", r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + str(r.Map()["id"]), Token: e.Admin, Body: obj{"status": "accepted"}}); r.Code != 200 {
			t.Fatalf("accept: %d %s", r.Code, r.Body)
		}
		if got := get(t, e, "/api/v1/actors/"+id)["address"].(obj); got["insee_code"] != "97701" || got["commune"] != "Saint-Barthélemy" {
			t.Errorf("stored %v", got)
		}
	})
}

// TestPostalCodeFormsReadAlike: « 13 001 », « F-13001 », « 13344 CEDEX »
// and « 13001 Marseille » in postal_code were read by the file import (as
// five digits, with a warning) and refused by API writes and syncs (422
// « must be a French postal code of 5 digits »). Every path now reads them
// as the five digits, stores and answers those; a sync warns as the import
// does; what is no such form stays refused.
func TestPostalCodeFormsReadAlike(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	id := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	author := userToken(t, e, "usager@example.fr")
	patch := "application/merge-patch+json"
	for i, tc := range []struct {
		pc, commune string
		want, insee string // "" want: refused
		wantCommune string
	}{
		{"13 001", "Marseille", "13001", "13201", "Marseille"},
		{"F-13001", "Marseille", "13001", "13201", "Marseille"},
		{"FR 13001", "Marseille", "13001", "13201", "Marseille"},
		{"13344 CEDEX", "Marseille", "13344", "13055", "Marseille"},
		{"13344 Cedex 20", "Marseille", "13344", "13055", "Marseille"},
		{"13001 Marseille", "Marseille", "13001", "13201", "Marseille"},
		{"13001 MARSEILLE CEDEX 01", "Marseille 1er", "13001", "13201", "Marseille"},
		{"13001 Marseille", "", "13001", "13201", "Marseille"},
		// Absurd values stay refused.
		{"13001 Nice", "Marseille", "", "", ""},
		{"1300", "Marseille", "", "", ""},
		{"13 00 1", "Marseille", "", "", ""},
		{"130011", "Marseille", "", "", ""},
		{"13001 04 91 00 00 00", "Marseille", "", "", ""},
		{"F-99999", "Marseille", "", "", ""},
		{"abcde", "Marseille", "", "", ""},
	} {
		addr := obj{"street": "2 rue de la République", "postal_code": tc.pc, "commune": tc.commune}
		check := func(t *testing.T, r *apitest.Response, field string) {
			t.Helper()
			if tc.want == "" {
				if r.Code != 422 || !hasAll(fields(t, r), field) {
					t.Errorf("%d %s, want 422 naming %s", r.Code, r.Body, field)
				}
				return
			}
			if r.Code != 200 && r.Code != 201 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if got := r.Map()["address"].(obj); got["postal_code"] != tc.want || got["insee_code"] != tc.insee || got["commune"] != tc.wantCommune {
				t.Errorf("answered %v, want %s %s %s", got, tc.want, tc.insee, tc.wantCommune)
			}
		}
		t.Run(fmt.Sprintf("%q %q", tc.pc, tc.commune), func(t *testing.T) {
			check(t, e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{"name": fmt.Sprint("Lieu ", i), "address": addr}}), "address.postal_code")
			check(t, e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: obj{"name": "Maison de Marseille", "address": addr}}), "address.postal_code")
			if tc.commune != "" {
				check(t, e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"address": obj{"postal_code": tc.pc}}}), "address.postal_code")
			}
			check(t, e.Do(apitest.Request{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(id, "Permanence"), obj{"address": addr})}), "address.postal_code")
			r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"address": addr}}})
			if tc.want == "" && (r.Code != 422 || !hasAll(fields(t, r), "changes.address.postal_code")) || tc.want != "" && r.Code != 201 {
				t.Errorf("suggestion: %d %s", r.Code, r.Body)
			}
			res := syncOne(t, e, partner, obj{"source_id": fmt.Sprint("s-", i), "name": fmt.Sprint("Lieu s-", i), "address": addr})
			if tc.want == "" {
				if res["result"] != "rejected" {
					t.Errorf("sync: %v, want rejected", res)
				}
				return
			}
			warns := fmt.Sprint(res["warnings"])
			if res["result"] != "created" || !strings.Contains(warns, "read as postal code "+tc.want) {
				t.Errorf("sync: %v, want created with « read as postal code %s »", res, tc.want)
			}
			if got := get(t, e, "/api/v1/actors/"+str(res["entity_id"]))["address"].(obj); got["postal_code"] != tc.want || got["insee_code"] != tc.insee {
				t.Errorf("sync stored %v", got)
			}
		})
	}
}

// TestHoursLongerThanADay: « Mo 09:00-48:00 », a range of 39 hours, was
// accepted by every path. OSM lets an end run to 48:00 so that a range
// passes midnight, but a range longer than a day is no place's hours: API
// writes and suggestions refuse it (422 naming opening_hours), a sync
// rejects the record, the import drops the range with a warning and keeps
// the rest.
func TestHoursLongerThanADay(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	id := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	author := userToken(t, e, "usager@example.fr")
	patch := "application/merge-patch+json"
	for i, tc := range []struct {
		hours string
		ok    bool
	}{
		{"Mo 09:00-48:00", false},
		{"Mo-Fr 09:00-12:00; Sa 08:00-32:30", false},
		{"Mo 09:00-12:00,13:00-38:00", false},
		{"Fr 22:00-26:00", true},     // past midnight, 4 hours
		{"Mo 09:00-33:00", true},     // exactly a day
		{"Mo 00:00-24:00", true},     // a whole day
		{"Sa 20:00-04:00", true},     // past midnight, written as OSM allows
		{"Mo-Su 00:00-48:00", false}, // two days in one range
		{"Mo 25:00-26:00", false},    // a start past 24:00 (probe 38b, L2): only an end may run over
		{"Mo 24:00-26:00", false},    // a start at 24:00 is the next day's 00:00
	} {
		t.Run(tc.hours, func(t *testing.T) {
			for _, req := range []apitest.Request{
				{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(validActor(fmt.Sprint("Lieu ", i)), obj{"opening_hours": tc.hours})},
				{Method: "PUT", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: merge(validActor("Maison de Marseille"), obj{"opening_hours": tc.hours})},
				{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"opening_hours": tc.hours}},
				{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(id, "Permanence"), obj{"opening_hours": tc.hours})},
				{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"opening_hours": tc.hours}}},
			} {
				r := e.Do(req)
				field := "opening_hours"
				if strings.HasSuffix(req.Path, "/suggestions") {
					field = "changes.opening_hours"
				}
				switch {
				case tc.ok && r.Code != 200 && r.Code != 201:
					t.Errorf("%s %s: %d %s", req.Method, req.Path, r.Code, r.Body)
				case !tc.ok && (r.Code != 422 || !hasAll(fields(t, r), field) || !strings.Contains(r.Body.String(), "not last more than 24 hours")):
					t.Errorf("%s %s: %d %s, want 422 naming %s", req.Method, req.Path, r.Code, r.Body, field)
				}
			}
			res := syncOne(t, e, partner, merge(partnerActor(fmt.Sprint("s-", i), fmt.Sprint("Lieu s-", i)), obj{"opening_hours": tc.hours}))
			if got := res["result"]; tc.ok != (got == "created") || !tc.ok && !strings.Contains(fmt.Sprint(res["errors"]), "opening_hours") {
				t.Errorf("sync: %v", res)
			}
		})
	}
	t.Run("the import drops the range and keeps the rest", func(t *testing.T) {
		body, stored := importRows(t, e, partner, []obj{
			importRow("i-1", "13002", "Marseille", obj{"horaires": "Mo 09:00-48:00; Tu 09:00-12:00"}),
			importRow("i-2", "13002", "Marseille", obj{"horaires": "Mo 09:00-12:00,13:00-38:00"}),
			importRow("i-3", "13002", "Marseille", obj{"horaires": "Fr 22:00-26:00"}),
			importRow("i-4", "13002", "Marseille", obj{"horaires": "Mo 09:00-48:00"}),
			importRow("i-5", "13002", "Marseille", obj{"horaires": "Mo 25:00-26:00; Tu 09:00-12:00"}),
			importRow("i-6", "13002", "Marseille", obj{"horaires": "Mo 25:00-26:00"}),
		})
		for id, want := range map[string]string{"i-1": "Tu 09:00-12:00", "i-2": "Mo 09:00-12:00", "i-3": "Fr 22:00-26:00", "i-4": "",
			"i-5": "Tu 09:00-12:00", "i-6": ""} {
			if got := stored[id]["opening_hours"]; got != want {
				t.Errorf("%s: stored %q, want %q", id, got, want)
			}
		}
		if strings.Count(body, "not last more than 24 hours") != 5 {
			t.Errorf("want five warnings: %s", body)
		}
	})
}

// TestRepeatedDaysJoined: « Mo 09:00-12:00; Mo 10:00-13:00 », two rules
// for the same day, read in OSM's semantics as the second alone (Monday
// 10:00-13:00: open-now, the lists of hours and the exports said so),
// while « Mo 09:00-12:00,10:00-13:00 » was merged into 09:00-13:00. No
// producer writes a rule for a later one to leave it dead: rules in a row
// naming the same days are read as one on every path, then merged, with
// the overlap warning of the sync and the import; a rule naming part of
// the days (an exception: Wednesday closes at noon) keeps OSM's meaning.
func TestRepeatedDaysJoined(t *testing.T) {
	e := apitest.New(t)
	_, partner := e.Partner("Hub du Sud", []string{"hub"}, []string{models.ScopeSyncWrite, models.ScopeDirectoryWrite})
	id := str(createActor(t, e, validActor("Maison de Marseille"))["id"])
	author := userToken(t, e, "usager@example.fr")
	patch := "application/merge-patch+json"
	cases := []struct{ sent, want string }{
		{"Mo 09:00-12:00; Mo 10:00-13:00", "Mo 09:00-13:00"},
		{"Mo-Fr 09:00-12:00; Mo-Fr 11:00-17:00; Sa 10:00-12:00", "Mo-Fr 09:00-17:00; Sa 10:00-12:00"},
		{"Mo 09:00-12:00; Mo 14:00-17:00", "Mo 09:00-12:00,14:00-17:00"},
		{"Mo-Fr 09:00-18:00; We 09:00-12:00", "Mo-Fr 09:00-18:00; We 09:00-12:00"},
	}
	var rows []obj
	for i, tc := range cases {
		t.Run(tc.sent, func(t *testing.T) {
			for _, req := range []apitest.Request{
				{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: merge(validActor(fmt.Sprint("Lieu ", i)), obj{"opening_hours": tc.sent})},
				{Method: "PUT", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: merge(validActor("Maison de Marseille"), obj{"opening_hours": tc.sent})},
				{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: patch, Body: obj{"opening_hours": tc.sent}},
				{Method: "POST", Path: "/api/v1/services", Token: e.Admin, Body: merge(validService(id, "Permanence"), obj{"opening_hours": tc.sent})},
			} {
				r := e.Do(req)
				if r.Code != 200 && r.Code != 201 {
					t.Fatalf("%s %s: %d %s", req.Method, req.Path, r.Code, r.Body)
				}
				if got := r.Map()["opening_hours"]; got != tc.want {
					t.Errorf("%s %s: stored %q, want %q", req.Method, req.Path, got, tc.want)
				}
			}
			res := syncOne(t, e, partner, merge(partnerActor(fmt.Sprint("s-", i), fmt.Sprint("Lieu s-", i)), obj{"opening_hours": tc.sent}))
			warned := strings.Contains(fmt.Sprint(res["warnings"]), "the hours stored: « "+tc.want+" »")
			if res["result"] != "created" || warned != (tc.sent != tc.want) {
				t.Errorf("sync: %v", res)
			}
			if got := get(t, e, "/api/v1/actors/"+str(res["entity_id"]))["opening_hours"]; got != tc.want {
				t.Errorf("sync stored %q, want %q", got, tc.want)
			}
		})
		rows = append(rows, importRow(fmt.Sprint("i-", i), "13002", "Marseille", obj{"horaires": tc.sent}))
	}
	t.Run("an accepted suggestion", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: author, Body: obj{"changes": obj{"opening_hours": cases[0].sent}}})
		if r.Code != 201 {
			t.Fatalf("suggest: %d %s", r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/suggestions/" + str(r.Map()["id"]), Token: e.Admin, Body: obj{"status": "accepted"}}); r.Code != 200 {
			t.Fatalf("accept: %d %s", r.Code, r.Body)
		}
		if got := get(t, e, "/api/v1/actors/"+id)["opening_hours"]; got != cases[0].want {
			t.Errorf("stored %q, want %q", got, cases[0].want)
		}
	})
	t.Run("the import", func(t *testing.T) {
		body, stored := importRows(t, e, partner, rows)
		for i, tc := range cases {
			if got := stored[fmt.Sprint("i-", i)]["opening_hours"]; got != tc.want {
				t.Errorf("%s: stored %q, want %q", tc.sent, got, tc.want)
			}
		}
		if !strings.Contains(body, "time ranges of one day overlap") || !strings.Contains(body, "name the same days") {
			t.Errorf("warnings: %s", body)
		}
	})
}
