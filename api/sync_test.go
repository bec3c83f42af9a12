package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// userToken mints a token for a new account without any right on the
// directory.
func userToken(t *testing.T, e *apitest.Env, email string) string {
	t.Helper()
	u, err := e.Store.CreateUser(context.Background(), models.NewUser{Email: email, Password: "another passphrase for the tests"})
	if err != nil {
		t.Fatal(err)
	}
	return e.TokenFor(u.ID)
}

func partnerActor(id, name string) obj {
	a := validActor(name)
	a["source_id"] = id
	return a
}

type syncResult struct {
	Counts  map[string]int `json:"counts"`
	Results []struct {
		Index    int    `json:"index"`
		SourceID string `json:"source_id"`
		ID       string `json:"id"`
		Result   string `json:"result"`
		Errors   []struct{ Field, Reason string }
	} `json:"results"`
}

func syncActors(t *testing.T, e *apitest.Env, query string, actors ...obj) syncResult {
	t.Helper()
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors" + query, Token: e.Admin, Body: obj{"actors": actors}})
	if r.Code != 200 {
		t.Fatalf("sync: %d %s", r.Code, r.Body)
	}
	var out syncResult
	r.JSON(&out)
	return out
}

// syncServices sends services to PUT /api/v1/sync/hub-du-sud/services
// as the administrator, query appended, and returns the answer.
func syncServices(t *testing.T, e *apitest.Env, query string, services ...obj) syncResult {
	t.Helper()
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services" + query, Token: e.Admin, Body: obj{"services": services}})
	if r.Code != 200 {
		t.Fatalf("sync services: %d %s", r.Code, r.Body)
	}
	var out syncResult
	r.JSON(&out)
	return out
}

// partnerService is a valid service record of a sync batch, keyed id, with
// fields (its actor among them) added.
func partnerService(id string, fields obj) obj {
	return merge(obj{"source_id": id, "name": "Aide " + id, "kind": "procedures_done_with",
		"themes": []string{"Aide aux démarches administratives"}}, fields)
}

func TestSyncActors(t *testing.T) {
	e := apitest.New(t)
	batch := []obj{partnerActor("a1", "Médiathèque A"), partnerActor("a2", "CCAS B"), partnerActor("a3", "Tiers-lieu C"),
		merge(partnerActor("bad", "Sans adresse"), obj{"address": obj{"postal_code": "1"}}),
		merge(partnerActor("other", "Autre source"), obj{"source": "france-services"})}

	first := syncActors(t, e, "", batch...)
	if first.Counts["created"] != 3 || first.Counts["rejected"] != 2 {
		t.Fatalf("first sync: %+v", first)
	}
	if r := first.Results[3]; r.Result != "rejected" || len(r.Errors) == 0 {
		t.Errorf("invalid record: %+v", r)
	}
	if r := first.Results[4]; r.Result != "rejected" || r.Errors[0].Field != "source" || r.SourceID != "other" {
		t.Errorf("record of another source: %+v", r)
	}
	a1 := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + first.Results[0].ID}).Map()

	t.Run("OK replay changes nothing", func(t *testing.T) {
		again := syncActors(t, e, "", batch...)
		if again.Counts["unchanged"] != 3 || again.Counts["created"]+again.Counts["updated"] != 0 {
			t.Fatalf("replay: %+v", again.Counts)
		}
		now := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + first.Results[0].ID}).Map()
		if now["version"] != a1["version"] || now["updated_at"] != a1["updated_at"] {
			t.Errorf("unchanged record rewritten: %v %v → %v %v", a1["version"], a1["updated_at"], now["version"], now["updated_at"])
		}
	})
	t.Run("OK update", func(t *testing.T) {
		res := syncActors(t, e, "", merge(partnerActor("a1", "Médiathèque A"), obj{"summary": "Nouveau"}))
		if res.Counts["updated"] != 1 || res.Results[0].ID != first.Results[0].ID {
			t.Fatalf("update: %+v", res)
		}
	})
	t.Run("OK dry run writes nothing", func(t *testing.T) {
		res := syncActors(t, e, "?dry_run=true", partnerActor("a9", "Nouveau lieu"))
		if res.Counts["created"] != 1 {
			t.Fatalf("dry run: %+v", res)
		}
		list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=hub-du-sud"}).Map()
		if list["meta"].(map[string]any)["total"] != float64(3) {
			t.Errorf("dry run wrote: %v", list["meta"])
		}
	})
	t.Run("ErrConflict snapshot archiving too much", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors?mode=snapshot", Token: e.Admin, Body: obj{"actors": batch[:2]}})
		if r.Code != 409 || !hasAll(fields(t, r), "actors") {
			t.Fatalf("snapshot guard: %d %s", r.Code, r.Body)
		}
	})
	t.Run("ErrConflict empty snapshot", func(t *testing.T) {
		r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/actors?mode=snapshot", Token: e.Admin, Body: obj{"actors": []obj{}}})
		if r.Code != 409 {
			t.Fatalf("empty snapshot: %d %s", r.Code, r.Body)
		}
	})
	t.Run("OK snapshot archives the absent", func(t *testing.T) {
		// a1 sends its summary empty (left out, it would keep « Nouveau »).
		res := syncActors(t, e, "?mode=snapshot&allow_mass_archive=true", merge(batch[0], obj{"summary": nil}), batch[1])
		if res.Counts["archived"] != 1 || res.Counts["unchanged"] != 1 || res.Counts["updated"] != 1 {
			t.Fatalf("snapshot: %+v", res.Counts)
		}
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + first.Results[2].ID}); r.Code != 410 {
			t.Errorf("absent actor: %d", r.Code)
		}
		back := syncActors(t, e, "", batch[2])
		if back.Counts["restored"] != 1 || back.Results[0].ID != first.Results[2].ID {
			t.Errorf("restore: %+v", back)
		}
	})

	t.Run("OK a refused record is not archived by a snapshot", func(t *testing.T) {
		res := syncActors(t, e, "?mode=snapshot", merge(batch[0], obj{"source": "elsewhere"}), batch[1], batch[2])
		if res.Counts["rejected"] != 1 || res.Counts["archived"] != 0 || res.Results[0].ID != first.Results[0].ID || res.Results[0].Errors[0].Field != "source" {
			t.Fatalf("refused in a snapshot: %+v", res)
		}
	})

	stranger := userToken(t, e, "someone@example.fr")
	for _, c := range []struct {
		name, token, path string
		body              any
		want              int
	}{
		{"ErrUnauthorized", "", "/api/v1/sync/hub-du-sud/actors", obj{"actors": []obj{}}, 401},
		{"ErrForbidden not a partner of the source", stranger, "/api/v1/sync/hub-du-sud/actors", obj{"actors": []obj{}}, 403},
		{"ErrBadRequest unknown mode", e.Admin, "/api/v1/sync/hub-du-sud/actors?mode=merge", obj{"actors": []obj{}}, 400},
		{"ErrBadRequest unknown field", e.Admin, "/api/v1/sync/hub-du-sud/actors", obj{"records": []obj{}}, 400},
		{"ErrValidation bad source name", e.Admin, "/api/v1/sync/Hub%20Sud/actors", obj{"actors": []obj{}}, 422},
	} {
		t.Run(c.name, func(t *testing.T) {
			if r := e.Do(apitest.Request{Method: "PUT", Path: c.path, Token: c.token, Body: c.body}); r.Code != c.want {
				t.Errorf("%d, want %d: %s", r.Code, c.want, r.Body)
			}
		})
	}
}

func TestSyncServices(t *testing.T) {
	e := apitest.New(t)
	syncActors(t, e, "", partnerActor("a1", "Médiathèque A"))
	other := createActor(t, e, validActor("Pas au partenaire"))
	svc := func(id, actor string) obj {
		return obj{"source_id": id, "actor_source_id": actor, "name": "Aide aux démarches", "kind": "procedures_done_with", "themes": []string{"aide-aux-demarches-administratives"}}
	}
	body := obj{"services": []obj{svc("s1", "a1"), svc("s2", "nope"), merge(svc("s3", ""), obj{"actor_id": other["id"]})}}
	r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: body})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var res syncResult
	r.JSON(&res)
	if res.Counts["created"] != 1 || res.Counts["rejected"] != 2 || res.Results[1].Errors[0].Field != "actor_source_id" || res.Results[2].Errors[0].Field != "actor_id" {
		t.Fatalf("services: %+v", res)
	}
	r = e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub-du-sud/services", Token: e.Admin, Body: obj{"services": []obj{svc("s1", "a1")}}})
	r.JSON(&res)
	if res.Counts["unchanged"] != 1 {
		t.Errorf("replay: %+v", res.Counts)
	}
}

const exampleCSV = `id,pivot,nom,commune,code_postal,code_insee,adresse,latitude,longitude,telephone,courriels,horaires,presentation_resume,date_maj,services,frais_a_charge,modalites_acces,labels_nationaux,publics_accueillis
lieu-1,00000000000000,Médiathèque de l’Alcazar,Marseille,13001,,58 cours Belsunce,43.2996,5.3786,04 91 55 90 00,contact@alcazar.fr,Tu-Sa 11:00-19:00,%s,2024-04-02,Aide aux démarches administratives|Accès internet et matériel informatique,Gratuit,Ce lieu n’accueille pas de public,CNFS;APTIC,Seniors (+ 65 ans)
lieu-2,00000000000000,,Marseille,13001,,1 rue X,,,,,,,2024-04-02,Aide aux démarches administratives,,,,
lieu-3,12345678901234,Espace numérique,Gap,5000,05061,5 rue Carnot,44.56,6.08,,,du lundi au vendredi,,2024-04-02,Prendre en main un ordinateur;Accéder à une connexion internet,Payant,,,
`

func TestImportPlaces(t *testing.T) {
	e := apitest.New(t)
	csv := fmt.Sprintf(exampleCSV, strings.Repeat("Un lieu ouvert à tous. ", 15))
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/cartographie/import", Token: e.Admin, Body: csv, ContentType: "text/csv",
		Header: map[string]string{"Idempotency-Key": "import-1"}})
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var rep struct {
		Rows, Rejected, Warnings int
		Actors                   map[string]int
		Issues                   []struct {
			Row                            int
			Field, Value, Reason, Severity string
		}
	}
	r.JSON(&rep)
	if rep.Rows != 3 || rep.Rejected != 1 || rep.Actors["created"] != 2 {
		t.Fatalf("report: %+v", rep)
	}
	want := map[string]string{"2/nom": "error", "1/presentation_resume": "warning", "3/pivot": "warning", "3/code_postal": "warning", "3/horaires": "warning", "1/labels_nationaux": "warning", "0/latitude": ""}
	got := map[string]string{}
	for _, is := range rep.Issues {
		got[fmt.Sprintf("%d/%s", is.Row, is.Field)] = is.Severity
	}
	for k, sev := range want {
		if sev != "" && got[k] != sev {
			t.Errorf("issue %s: %q, want %q (issues %+v)", k, got[k], sev, rep.Issues)
		}
	}
	list := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=cartographie&sort=name"}).Map()["data"].([]any)
	alcazar := list[1].(map[string]any)
	if alcazar["name"] != "Médiathèque de l’Alcazar" || len([]rune(alcazar["summary"].(string))) > 280 || !strings.HasPrefix(alcazar["description"].(string), "Un lieu ouvert") ||
		alcazar["contact_public"] != true || str(alcazar["national_programmes"]) != "[Conseillers numériques]" || !strings.Contains(alcazar["other_labels"].(string), "APTIC") {
		t.Errorf("imported place: %v", alcazar)
	}
	gap := list[0].(map[string]any)
	if gap["address"].(map[string]any)["postal_code"] != "05000" || gap["pivot"] != "" || gap["opening_hours"] != "du lundi au vendredi" { // kept unread (probe 35b, L5)
		t.Errorf("normalised place: %v", gap)
	}

	replay := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/cartographie/import", Token: e.Admin, Body: csv, ContentType: "text/csv",
		Header: map[string]string{"Idempotency-Key": "import-1"}})
	if replay.Header().Get("Idempotent-Replayed") != "true" || replay.Body.String() != r.Body.String() {
		t.Errorf("replay with the same key: %s", replay.Header())
	}
	again := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/cartographie/import?format=csv", Token: e.Admin, Body: csv, ContentType: "application/octet-stream"})
	again.JSON(&rep)
	if again.Code != 200 || rep.Actors["unchanged"] != 2 {
		t.Errorf("second import: %d %+v", again.Code, rep.Actors)
	}

	stranger := userToken(t, e, "x@example.fr")
	for _, c := range []struct {
		name, token, ct, body string
		want                  int
	}{
		{"OK JSON", e.Admin, "application/json", `[{"id":"j1","pivot":"00000000000000","nom":"Lieu JSON","commune":"Lyon","code_postal":"69003","adresse":"1 rue","date_maj":"2024-01-01","services":["Utilisation sécurisée du numérique"]}]`, 200},
		{"ErrBadRequest not an array", e.Admin, "application/json", `{"colonne":"x"}`, 400},
		{"OK JSON Lines", e.Admin, "application/x-ndjson", `{"id":"l1","nom":"Lieu NDJSON","commune":"Lyon","code_postal":"69003","adresse":"1 rue","services":"Utilisation sécurisée du numérique"}` + "\n" +
			`{"id":"l2","nom":"Lieu NDJSON 2","commune":"Lyon","code_postal":"69003","adresse":"2 rue","services":"Utilisation sécurisée du numérique"}` + "\n", 200},
		{"OK CSV sent as application/vnd.ms-excel by a browser", e.Admin, "application/vnd.ms-excel", "Export du 17/05/2023\nid;nom;commune;code_postal;adresse;services;date_maj\nx1;Lieu Excel;Lyon;69003;1 rue;Utilisation sécurisée du numérique;17/05/2023\n", 200},
		{"ErrBadRequest an XLSX sent as text/csv", e.Admin, "text/csv", "PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", 400},
		{"ErrUnsupportedMediaType an XLSX", e.Admin, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04", 415},
		{"OK GeoJSON", e.Admin, "application/geo+json", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[4.8357,45.764]},"properties":{"id":"g1","nom":"Lieu GeoJSON","commune":"Lyon","code_postal":"69003","adresse":"1 rue","services":["Utilisation sécurisée du numérique"]}}]}`, 200},
		{"OK Windows-1252 CSV", e.Admin, "text/csv", "id;nom;commune;code_postal;adresse;services\r\nw1;M\xe9diath\xe8que;Lyon;69003;1 rue;Utilisation s\xe9curis\xe9e du num\xe9rique\r\n", 200},
		{"ErrBadRequest CSV without the standard's columns", e.Admin, "text/csv", "colonne1,colonne2\nx,y\n", 400},
		{"ErrUnsupportedMediaType", e.Admin, "text/plain", "x", 415},
		{"ErrForbidden", stranger, "text/csv", csv, 403},
		{"ErrUnauthorized", "", "text/csv", csv, 401},
	} {
		t.Run(c.name, func(t *testing.T) {
			if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/other/import", Token: c.token, Body: c.body, ContentType: c.ct}); r.Code != c.want {
				t.Errorf("%d, want %d: %s", r.Code, c.want, r.Body)
			}
		})
	}
	names := map[string]bool{}
	for _, a := range e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?source=other"}).Map()["data"].([]any) {
		names[a.(map[string]any)["name"].(string)] = true
	}
	if !names["Médiathèque"] || !names["Lieu GeoJSON"] || !names["Lieu NDJSON 2"] || !names["Lieu Excel"] {
		t.Errorf("imported names: %v", names)
	}
}
