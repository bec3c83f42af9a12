package api_test

import (
	"encoding/base64"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// Input: invisible and decomposed characters, forged cursors, unknown
// parameters and paths, answered with a clear error and echoed safely.

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

// sec15: text was stored as sent, so a name in decomposed form (NFD: « e »
// and a combining accent, as macOS and some PDF copies write it) displayed
// like its composed twin but was another string: the name filters, which
// compare stored text (caseless LIKE, and the accent classes of the word
// filters), did not find « Médiathèque » written so, whether it came through
// the API or a partner's sync. Text is now stored composed (NFC) on every
// write path, and a name filter is read composed too.
func TestSec15DecomposedTextStoredComposed(t *testing.T) {
	e := apitest.New(t)
	const nfd, nfc = "Me\u0301diathe\u0300que Zorglub", "Médiathèque Zorglub"
	byAPI := createActor(t, e, merge(validActor(nfd), obj{"address": obj{"street": "2 rue de la Re\u0301publique", "postal_code": "13002", "commune": "Marseille"}}))
	sync := partnerActor("nfd-1", "Espace nume\u0301rique Zorglub")
	bySync := syncActors(t, e, "", sync).Results[0].ID
	cases := map[string]struct{ id, name string }{"api": {str(byAPI["id"]), nfc}, "sync": {bySync, "Espace numérique Zorglub"}}
	for how, c := range cases {
		got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + c.id}).Map()
		if got["name"] != c.name {
			t.Errorf("%s: name stored as %+q, want %+q", how, got["name"], c.name)
		}
	}
	if got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + str(byAPI["id"])}).Map(); got["address"].(map[string]any)["street"] != "2 rue de la République" {
		t.Errorf("street stored as %+q", got["address"].(map[string]any)["street"])
	}
	for _, q := range []string{"m%C3%A9diath%C3%A8que", "Me%CC%81diathe%CC%80que"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?name=" + q})
		if r.Code != 200 || !strings.Contains(r.Body.String(), str(byAPI["id"])) {
			t.Errorf("name=%s does not find the place: %d", q, r.Code)
		}
	}
	svc := createService(t, e, merge(validService(bySync, "Atelier nume\u0301rique"), obj{"status": "published"}))
	if svc["name"] != "Atelier numérique" {
		t.Errorf("service name stored as %+q", svc["name"])
	}
	// The word filters' accent classes (HSDS search) find it too.
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/services?search=atelier+numerique"}); r.Code != 200 || !strings.Contains(r.Body.String(), str(svc["id"])) {
		t.Errorf("HSDS search does not find the service: %d", r.Code)
	}
}

// TestUnknownParametersBounded: each unknown query parameter's error
// repeated the endpoint's known names, so that thousands of short unknown
// names (a few kilobytes of query string, anonymously) answered hundreds of
// kilobytes. The first twenty are named, the rest counted.
func TestUnknownParametersBounded(t *testing.T) {
	e := apitest.New(t)
	var q []string
	for i := range 1000 {
		q = append(q, "p"+strconv.Itoa(i)+"=1")
	}
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?" + strings.Join(q, "&")})
	var p struct {
		Errors []struct{ Field, Reason string }
	}
	r.JSON(&p)
	if r.Code != 400 || len(p.Errors) != 21 || r.Body.Len() > 16<<10 {
		t.Fatalf("%d, %d errors, %d bytes", r.Code, len(p.Errors), r.Body.Len())
	}
	if last := p.Errors[20]; last.Field != "query" || !strings.Contains(last.Reason, "980 more") {
		t.Errorf("the rest is not counted: %+v", last)
	}
}

// TestUnknownPathsEchoedSafely: a path that matches no route was written
// back decoded in the 404's detail (twice with its hint) and instance, and
// in the 405's detail: a text-direction override or a line break sent as
// %E2%80%AE or %0A came back as the character, in a link anyone may be
// sent to, and a path of 60 KB came back several times. The path is now
// written as sent, percent-encoded (the instance is a URI reference, RFC
// 9457), and clipped in the detail.
func TestUnknownPathsEchoedSafely(t *testing.T) {
	e := apitest.New(t)
	for _, c := range []struct{ method, path string }{
		{"GET", "/api/v1/actor/%E2%80%AEtxt.exe%0AVotre%20compte%20est%20suspendu"},
		{"GET", "/api/v1/%E2%80%AE/actors"},
		{"PUT", "/api/v1/actors%E2%80%8F"},
		{"DELETE", "/api/v1/vocabularies/%E2%80%AEthemes"},
		{"GET", "/api/v1/" + strings.Repeat("abcdefghij", 6000)},
	} {
		r := e.Do(apitest.Request{Method: c.method, Path: c.path, NotInSpec: true})
		if r.Code != 404 && r.Code != 405 {
			t.Fatalf("%s %s: %d", c.method, c.path[:min(60, len(c.path))], r.Code)
		}
		var p struct{ Detail, Instance string }
		r.JSON(&p)
		for _, s := range []string{p.Detail, p.Instance} {
			if strings.ContainsAny(s, "\u202e\u200f\n") {
				t.Errorf("%s %s: a decoded control character is echoed: %q", c.method, c.path, s)
			}
		}
		if len(p.Detail) > 1200 || r.Body.Len() > len(c.path)+2000 {
			t.Errorf("%s: the answer (%d bytes, detail %d) repeats a path of %d bytes", c.method, r.Body.Len(), len(p.Detail), len(c.path))
		}
	}
	// Hints keep working on ordinary paths.
	r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/referral/01a2b3c4-0000-7000-8000-000000000000", NotInSpec: true})
	if !strings.Contains(r.Body.String(), "Did you mean GET /api/v1/referrals/01a2b3c4-0000-7000-8000-000000000000?") {
		t.Errorf("hint: %s", r.Body)
	}
}

// TestJSONBodiesMustBeUTF8: encoding/json read a body in Latin-1, and an
// escaped half of a surrogate pair, as U+FFFD: a person's name sent so
// (« H\xe9l\xe8ne ») was stored as « H�l�ne », without a word. Such a
// body is refused whole; a character outside the BMP, escaped as a pair or
// sent as UTF-8, is read.
func TestJSONBodiesMustBeUTF8(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Lieu"))
	path := "/api/v1/actors/" + str(a["id"])
	for _, tc := range []struct {
		name string
		body string
		want int
	}{
		{"ErrLatin1", "{\"summary\":\"H\xe9l\xe8ne B\xe9zier\"}", 400},
		{"ErrLoneHighSurrogate", `{"summary":"a\ud800b"}`, 400},
		{"ErrLoneLowSurrogate", `{"summary":"a\udc00b"}`, 400},
		{"OK escaped pair", `{"summary":"Ateliers \ud83d\udcbb"}`, 200},
		{"OK UTF-8", `{"summary":"Hélène 💻"}`, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: tc.body, ContentType: "application/merge-patch+json"})
			if r.Code != tc.want {
				t.Fatalf("%d %s, want %d", r.Code, r.Body, tc.want)
			}
			if tc.want == 400 && strings.Contains(str(e.Do(apitest.Request{Method: "GET", Path: path}).Map()["summary"]), "\uFFFD") {
				t.Error("a replacement character was stored")
			}
		})
	}
}

// TestNullBodyIsRefused: a body of null decoded into a request type
// changed nothing and answered 200 (PATCH /me, /users/{id}, /clients/{id},
// an orientation request), where the other patches refuse it.
func TestNullBodyIsRefused(t *testing.T) {
	e := apitest.New(t)
	for _, tc := range []struct{ method, path, ct string }{
		{"PATCH", "/api/v1/me", "application/merge-patch+json"},
		{"PATCH", "/api/v1/me/notifications", "application/merge-patch+json"},
		{"POST", "/api/v1/orientation/suggestions", "application/json"},
	} {
		r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Token: e.Admin, Body: "null", ContentType: tc.ct})
		if r.Code != 400 {
			t.Errorf("%s %s with null: %d %s, want 400", tc.method, tc.path, r.Code, r.Body)
		}
	}
}

// TestRepeatedNamesAreRefused: names were matched without regard to case,
// so « summary » and « Summary » in one object were both read and the last
// kept silently; in a merge patch « Summary » was added beside the current
// « summary » and which one was stored depended on their order. Names are
// now exact (sec29): « Summary » is no field, refused alone or beside
// « summary »; a name sent twice is refused.
func TestRepeatedNamesAreRefused(t *testing.T) {
	e := apitest.New(t)
	a := createActor(t, e, validActor("Lieu"))
	path := "/api/v1/actors/" + str(a["id"])
	const merge = "application/merge-patch+json"
	for _, tc := range []struct {
		name, method, path, ct, body string
		want                         int
		field                        string
	}{
		{"ErrPatchBothCases", "PATCH", path, merge, `{"summary":"Premier résumé","Summary":"Second résumé"}`, 400, "Summary"},
		{"ErrPatchSameName", "PATCH", path, merge, `{"summary":"Premier résumé","summary":"Second résumé"}`, 400, "summary"},
		{"ErrPatchNested", "PATCH", path, merge, `{"address":{"street":"1 rue A","Street":"2 rue B"}}`, 400, "address.Street"},
		{"ErrPatchEscaped", "PATCH", path, merge, `{"summary":"a","summ\u0061ry":"b"}`, 400, "summary"},
		{"ErrCreate", "POST", "/api/v1/actors", "application/json", `{"name":"Un","name":"Deux","address":{"street":"1 rue de la Paix","postal_code":"13001","commune":"Marseille"}}`, 400, "name"},
		{"ErrSync", "PUT", "/api/v1/sync/hub/actors", "application/json", `{"actors":[{"source_id":"a1","name":"Lieu A","NAME":"Lieu B","address":{"street":"1 rue de la Paix","postal_code":"13001","commune":"Marseille"}}]}`, 400, "actors[0].NAME"},
		{"ErrMe", "PATCH", "/api/v1/me", merge, `{"display_name":"A","Display_Name":"B"}`, 400, "Display_Name"},
		{"OK same name in two objects", "PATCH", path, merge, `{"address":{"street":"3 rue de la Paix"},"summary":"Un résumé"}`, 200, ""},
		{"ErrOtherCaseAlone", "PATCH", path, merge, `{"Summary":"Résumé en casse d'un autre client"}`, 400, "Summary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.Do(apitest.Request{Method: "GET", Path: path}).Map()
			r := e.Do(apitest.Request{Method: tc.method, Path: tc.path, Token: e.Admin, Body: tc.body, ContentType: tc.ct})
			if r.Code != tc.want {
				t.Fatalf("%d %s, want %d", r.Code, r.Body, tc.want)
			}
			if tc.want != 400 {
				return
			}
			if !strings.Contains(r.Body.String(), `"field":"`+tc.field+`"`) {
				t.Errorf("the problem does not name %s: %s", tc.field, r.Body)
			}
			if after := e.Do(apitest.Request{Method: "GET", Path: path}).Map(); after["version"] != before["version"] {
				t.Errorf("refused, but the actor changed: version %v → %v", before["version"], after["version"])
			}
		})
	}
}

// TestPatchNullInAnotherCaseRefused: « Summary »: null matched no member
// of the current representation (merge patches match names exactly) and
// removed nothing, while « summary »: null clears it. Names are now exact
// on every body (sec29): « Summary » is refused, naming the field meant.
func TestPatchNullInAnotherCaseRefused(t *testing.T) {
	e := apitest.New(t)
	body := validActor("Lieu")
	body["summary"] = "Un résumé à effacer"
	a := createActor(t, e, body)
	path := "/api/v1/actors/" + str(a["id"])
	r := e.Do(apitest.Request{Method: "PATCH", Path: path, Token: e.Admin, Body: `{"Summary":null}`, ContentType: "application/merge-patch+json"})
	if r.Code != 400 || !strings.Contains(r.Body.String(), "did you mean summary?") {
		t.Fatalf("%d %s, want 400 hinting summary", r.Code, r.Body)
	}
	if got := str(e.Do(apitest.Request{Method: "GET", Path: path}).Map()["summary"]); got != "Un résumé à effacer" {
		t.Errorf("summary is %q after a refused patch", got)
	}
}
