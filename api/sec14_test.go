package api_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// sec14invisible are characters that display as nothing (or as a line
// break) but make a text differ from what it shows: bidi marks, line and
// paragraph separators, zero-width and filler characters, tag characters
// (which carry hidden ASCII), and a joiner between two Latin letters.
var sec14invisible = map[string]string{
	"left-to-right mark":      "Médiathèque\u200E Mèze",
	"right-to-left mark":      "Médiathèque\u200F Mèze",
	"Arabic letter mark":      "Médiathèque\u061C Mèze",
	"line separator":          "Médiathèque\u2028Mèze",
	"paragraph separator":     "Médiathèque\u2029Mèze",
	"zero-width space":        "Média\u200Bthèque Mèze",
	"word joiner":             "Média\u2060thèque Mèze",
	"byte order mark":         "Média\uFEFFthèque Mèze",
	"soft hyphen":             "Média\u00ADthèque Mèze",
	"Hangul filler":           "Médiathèque \u3164 Mèze",
	"tag characters":          "Médiathèque Mèze\U000E0069\U000E0067\U000E006E",
	"joiner in a Latin word":  "Média\u200Dthèque Mèze",
	"variation selector on e": "Me\uFE0Fze",
}

// sec14: the seventh to thirteenth passes refused bidi overrides and
// isolates but let the bidi marks, the line separators and the invisible
// characters through: two names that display identically were two names to
// search and to duplicate detection (« Média\u200Bthèque » is found by no
// query and matches no other place's name), an RLM reorders the digits after
// it in display (« 01 23 » shows as « 23 01 »), tag characters carry text
// no reader sees. Every write path refuses them with the same problem (the
// API's create and merge patch, a suggestion, a partner's sync batch), and
// an import, which never rejects a row for what it can clean, removes them
// with a warning.
func TestSec14InvisibleCharactersRefusedOnEveryPath(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Médiathèque"))
	id := str(a["id"])
	for what, v := range sec14invisible {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor(v)}); r.Code != 422 || !hasAll(fields(t, r), "name") {
			t.Errorf("%s, create: %d %s", what, r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: "application/merge-patch+json",
			Body: obj{"address": obj{"street": "1 rue " + v}}}); r.Code != 422 || !hasAll(fields(t, r), "address.street") {
			t.Errorf("%s, patch: %d %s", what, r.Code, r.Body)
		}
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors/" + id + "/suggestions", Token: e.Admin, Body: obj{"changes": obj{"name": v}}}); r.Code != 422 {
			t.Errorf("%s, suggestion: %d %s", what, r.Code, r.Body)
		}
		sync := validActor(v)
		sync["source_id"] = "s-" + what
		if r := e.Do(apitest.Request{Method: "PUT", Path: "/api/v1/sync/hub/actors", Token: e.Admin, Body: obj{"actors": []obj{sync}}}); r.Code != 200 || !strings.Contains(r.Body.String(), `"rejected"`) {
			t.Errorf("%s, sync: %d %s", what, r.Code, r.Body)
		}
	}
	// Free text refuses them too (line breaks there are \n).
	for what, v := range map[string]string{"line separator": "Accès libre.\u2028Ateliers", "right-to-left mark": "Appelez le \u200F01 23 45 67 89", "tag": "x\U000E0041"} {
		if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, ContentType: "application/merge-patch+json",
			Body: obj{"description": v}}); r.Code != 422 || !hasAll(fields(t, r), "description") {
			t.Errorf("%s in a description: %d %s", what, r.Code, r.Body)
		}
	}
	// What real names and texts hold stays accepted: emoji sequences
	// joined by ZWJ, an emoji's presentation selector, a keycap, Arabic.
	for _, v := range []string{"Espace 👩\u200D💻 numérique", "Point ☎\uFE0F", "Espace 1\uFE0F\u20E3", "Maison مرحبا", "Nouvelle\u00A0adresse"} {
		if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: validActor(v)}); r.Code != 201 {
			t.Errorf("%q refused: %d %s", v, r.Code, r.Body)
		}
	}

	// An import removes them and says so.
	var rows []obj
	i := 0
	for _, v := range sec14invisible {
		i++
		rows = append(rows, obj{"id": fmt.Sprint("imp-", i), "nom": v, "pivot": "00000000000000", "commune": "Marseille", "code_postal": "13001",
			"adresse": "1 rue", "date_maj": "2023-05-01", "services": "Aide aux démarches administratives"})
	}
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/imp/import", Token: e.Admin, Body: rows})
	if r.Code != 200 {
		t.Fatalf("import: %d %s", r.Code, r.Body)
	}
	var rep struct {
		Rejected int
		Issues   []struct{ Field, Reason string }
	}
	r.JSON(&rep)
	warned := 0
	for _, is := range rep.Issues {
		if is.Field == "nom" && strings.Contains(is.Reason, "removed") {
			warned++
		}
	}
	if rep.Rejected != 0 || warned != len(rows) {
		t.Errorf("import: rejected %d, %d warnings: %+v", rep.Rejected, warned, rep.Issues)
	}
	list := get(t, e, "/api/v1/actors?source=imp&limit=50")["data"].([]any)
	for _, x := range list {
		name := x.(obj)["name"].(string)
		for _, c := range name {
			if c > 0x7e && !strings.ContainsRune("éèÉ", c) {
				t.Errorf("import kept %U in %q", c, name)
			}
		}
	}
}

// sec14: without CARNET_METRICS_TOKEN, /metrics answered anyone, and its
// request counts by route (POST /api/v1/referrals, messages, accept…) and
// its outbox counts give the platform's referral activity minute by minute:
// the narrow-window count the statistics perturb. Without a token it now
// answers only a client on the same machine, connected directly (a request
// a proxy forwarded is not local, whatever its peer address).
func TestSec14MetricsWithoutTokenOnlyLocal(t *testing.T) {
	e := apitest.New(t)
	for _, c := range []struct {
		remote, forwarded string
		want              int
	}{
		{"192.0.2.1:1234", "", 403},
		{"10.0.0.5:1234", "", 403},
		{"127.0.0.1:1234", "", 200},
		{"[::1]:1234", "", 200},
		{"127.0.0.1:1234", "203.0.113.9", 403},
	} {
		r := httptest.NewRequest("GET", "/metrics", nil)
		r.RemoteAddr = c.remote
		if c.forwarded != "" {
			r.Header.Set("X-Forwarded-For", c.forwarded)
		}
		w := httptest.NewRecorder()
		e.Handler.ServeHTTP(w, r)
		if w.Code != c.want || (w.Code != 200 && w.Header().Get("Content-Type") != "application/problem+json") {
			t.Errorf("%s (forwarded %q): %d %s, want %d", c.remote, c.forwarded, w.Code, w.Header().Get("Content-Type"), c.want)
		}
	}
}

// sec14: the mirror of sec13's France Services case. A France Services
// that writes from La Poste's own domain is La Poste's, not a service the
// mairie at its address hosts: its private e-mail lowers the pair's name
// score below a host's, where the public data (no e-mail) raise it. Readers
// who may not see the contacts read the pair as the public data give it,
// never as the private e-mail made it.
func TestSec14PrivateLaPosteMailDoesNotShowInTheLink(t *testing.T) {
	addr := models.Address{Street: "3 place de l'Hôtel de Ville", PostalCode: "21340", Commune: "Nolay"}
	lat, lon := 46.9510, 4.6330
	const site = "https://www.nolay.fr"
	build := func(env *apitest.Env, mails bool) string {
		t.Helper()
		var id string
		for _, a := range []models.Actor{
			{Name: "Mairie de Nolay", Source: "lp-a", SourceID: "m", Address: addr, Latitude: &lat, Longitude: &lon, Websites: models.StringList{site}},
			{Name: "France services Nolay", Source: "lp-b", SourceID: "fs", Address: addr, Latitude: &lat, Longitude: &lon, Websites: models.StringList{site}},
		} {
			if mails && a.Source == "lp-b" {
				a.Emails = models.StringList{"msap.nolay@laposte.fr"}
			}
			res, err := env.Store.SyncBatch(context.Background(), a.Source, []models.Actor{a}, nil, models.SyncOptions{})
			if err != nil || len(res.Outcomes) != 1 {
				t.Fatal(err, res)
			}
			id = res.Outcomes[0].ID
		}
		env.DuplicatesDetected()
		return id
	}
	e, twin := apitest.New(t), apitest.New(t)
	id := build(e, true)
	build(twin, false)
	var full, public sec13dupPage
	e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + id, Token: e.Admin}).JSON(&full)
	twin.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates", Token: twin.Admin}).JSON(&public)
	if len(full.Data) != 1 || len(public.Data) != 1 {
		t.Fatalf("the case does not hold: full %+v, public %+v", full.Data, public.Data)
	}
	sec13ReadAsPublic(t, e, id, public, nil)
}

// sec14: a forged cursor of the name order carrying a NUL reached the
// database: PostgreSQL refuses NUL in text, so the list answered 500. A
// cursor no page can have given is refused (400) on either engine.
func TestSec14ForgedCursorWithNUL(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Médiathèque"))
	cursor := base64.RawURLEncoding.EncodeToString([]byte(`{"s":"name","i":"01a236c1-6935-71cd-ae97-554194ab5d41","n":"a\u0000b"}`))
	for _, path := range []string{"/api/v1/actors", "/api/v1/services"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: path + "?sort=name&cursor=" + cursor}); r.Code != 400 || !hasAll(fields(t, r), "cursor") {
			t.Errorf("%s: %d %.300s", path, r.Code, r.Body)
		}
	}
}
