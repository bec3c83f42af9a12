package api_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// The problems issue 9 listed, each reproduced on the real PACA sample
// through the router (every answer validated against openapi.yaml).
func TestSearchUnderstandsHowHelpersAsk(t *testing.T) {
	e := pacaEnv(t)
	q := func(s string) obj { return get(t, e, "/api/v1/search/services?"+s) }
	n := func(s string) float64 { return total(q(s)) }
	themes := n("themes=maitrise-des-outils-numeriques-du-quotidien")

	t.Run("vocabulary values are searchable by their everyday names", func(t *testing.T) {
		if got := n("q=tablette"); got < themes {
			t.Errorf("q=tablette: %v results, themes=maitrise…: %v", got, themes)
		}
		if got, want := n("q=conseillers+numeriques"), n("national_programmes=conseillers-numeriques"); got < want || want == 0 {
			t.Errorf("q=conseillers numériques: %v, national_programmes=conseillers-numeriques: %v", got, want)
		}
		if got, want := n("q=seniors"), n("publics=seniors"); got < want || want == 0 {
			t.Errorf("q=seniors: %v, publics=seniors: %v", got, want)
		}
	})
	t.Run("a postal code alone is a place filter", func(t *testing.T) {
		got, want := q("q=13001"), n("code_postal=13001")
		if total(got) != want || want == 0 {
			t.Errorf("q=13001: %v, code_postal=13001: %v", total(got), want)
		}
		if p := got["meta"].(obj)["places"].([]any); len(p) != 1 || !p[0].(obj)["filter"].(bool) {
			t.Errorf("meta.places: %v", p)
		}
	})
	t.Run("word forms", func(t *testing.T) {
		if a, b := n("q=ateliers"), n("q=atelier"); a != b || a == 0 {
			t.Errorf("ateliers %v, atelier %v", a, b)
		}
		if a, b := n("q=mediatheques"), n("q=mediatheque"); a != b || a == 0 {
			t.Errorf("médiathèques %v, médiathèque %v", a, b)
		}
		if a, b := n("q=st+etienne"), n("q=saint+etienne"); a != b {
			t.Errorf("st etienne %v, saint etienne %v", a, b)
		}
	})
	t.Run("typos and spelling variants", func(t *testing.T) {
		r := q("q=mediatek")
		if total(r) == 0 {
			t.Fatal("q=mediatek finds nothing")
		}
		if s := r["meta"].(obj)["spellings"].([]any); len(s) == 0 {
			t.Error("no spelling suggestion for mediatek")
		}
		if n("q=mediateque") == 0 || n("q=bibliotheqeu") == 0 {
			t.Error("one or two edits away find nothing")
		}
	})
	t.Run("a need with an abbreviation finds places helping with it, not cafés", func(t *testing.T) {
		r := q("q=" + url.QueryEscape("aide démarches caf") + "&limit=10")
		if total(r) < 50 {
			t.Errorf("aide démarches caf: %v results", total(r))
		}
		for _, d := range r["data"].([]any) {
			if name := strings.ToLower(str(d.(obj)["name"])); strings.Contains(name, "café") {
				t.Errorf("a café in the first ten: %s", name)
			}
			if len(d.(obj)["matches"].([]any)) != 3 {
				t.Errorf("matches: %v", d.(obj)["matches"])
			}
		}
	})
	t.Run("an acronym and its written-out name find each other", func(t *testing.T) {
		// The PACA file writes « CCAS ORANGE », « CENTRE COMMUNAL
		// D'ACTION SOCIALE » and « CTRE COM ACTION SOCIALE D ARLES ».
		for _, c := range []struct{ q, other, how string }{
			{"ccas", "action sociale", "abbreviation"},
			{"centre communal d'action sociale", "ccas", "abbreviation"},
		} {
			found := false
			for _, d := range q("q=" + url.QueryEscape(c.q) + "&limit=100")["data"].([]any) {
				name := strings.ToLower(str(d.(obj)["actor"].(obj)["name"]))
				m := d.(obj)["matches"].([]any)[0].(obj)
				if strings.Contains(name, c.other) && m["how"] == c.how {
					found = true
					if c.how == "abbreviation" && (m["value"] != "centre communal d'action sociale" || m["via"] != "CCAS") {
						t.Errorf("%s: %s explained as %v", c.q, name, m)
					}
				}
			}
			if !found {
				t.Errorf("q=%s finds no place written %q", c.q, c.other)
			}
		}
	})
	t.Run("a need with a public: generic words rank, a name naming the public counts", func(t *testing.T) {
		// « cours » and « informatique » are generic: the France services
		// declaring seniors are found though they state neither, after
		// the places holding them, and say what they lack.
		r := q("q=" + url.QueryEscape("cours informatique seniors") + "&limit=100")
		if r["meta"].(obj)["partial"].(bool) || total(r) < 100 {
			t.Fatalf("cours informatique seniors: %v results, partial %v", total(r), r["meta"].(obj)["partial"])
		}
		data := r["data"].([]any)
		if m := data[0].(obj)["missing_words"].([]any); len(m) != 0 {
			t.Errorf("the first result lacks %v", m)
		}
		if m := data[len(data)-1].(obj)["missing_words"].([]any); len(m) == 0 {
			t.Errorf("the last result lacks no word: generic words filtered")
		}
		// « retraités » finds the « Maison des Seniors » of La Garde,
		// which says whom it serves in its name only.
		found := false
		for _, d := range q("q=" + url.QueryEscape("retraités") + "&code_postal=83130")["data"].([]any) {
			name := strings.ToLower(str(d.(obj)["actor"].(obj)["name"]))
			if m := d.(obj)["matches"].([]any)[0].(obj); strings.Contains(name, "maison des seniors") && m["how"] == "public" && m["value"] == "seniors" {
				found = true
			}
		}
		if !found {
			t.Error("q=retraités does not find the Maison des Seniors by its name")
		}
	})
	t.Run("impôts says through which synonym", func(t *testing.T) {
		d := q("q=" + url.QueryEscape("impôts") + "&limit=1")["data"].([]any)
		if len(d) == 0 {
			t.Fatal("no result")
		}
		m := d[0].(obj)["matches"].([]any)[0].(obj)
		if m["via"] != "impôts" || m["value"] != "Aide aux démarches administratives" {
			t.Errorf("match: %v", m)
		}
	})
	t.Run("with near, equal relevance is ordered by distance", func(t *testing.T) {
		r := q("q=" + url.QueryEscape("france services") + "&near=43.2951,5.3740&radius_km=30&limit=20")
		last := -1.0
		prevScore := 0.0
		for i, d := range r["data"].([]any) {
			dist, score := d.(obj)["distance_km"].(float64), d.(obj)["score"].(float64)
			if i > 0 && score == prevScore && dist < last {
				t.Errorf("result %d at %v km after one at %v km with the same score", i, dist, last)
			}
			last, prevScore = dist, score
		}
	})
	t.Run("a query naming a commune ranks that commune first", func(t *testing.T) {
		r := q("q=" + url.QueryEscape("Saint-Étienne") + "+mediatheque&limit=50")
		seenOther := false
		for _, d := range r["data"].([]any) {
			c := str(d.(obj)["actor"].(obj)["address"].(obj)["commune"])
			if strings.EqualFold(c, "Saint-Étienne") && seenOther {
				t.Errorf("a place in Saint-Étienne after one elsewhere")
			}
			seenOther = seenOther || !strings.EqualFold(c, "Saint-Étienne")
		}
	})
	t.Run("never silently empty", func(t *testing.T) {
		r := q("q=" + url.QueryEscape("médiathèque xyzzyq"))
		if total(r) == 0 || r["meta"].(obj)["partial"] != true {
			t.Fatalf("partial: %v", r["meta"])
		}
		if m := r["data"].([]any)[0].(obj)["missing_words"].([]any); len(m) != 1 || m[0] != "xyzzyq" {
			t.Errorf("missing_words: %v", m)
		}
	})
}

func TestSearchOddInputIsRefused(t *testing.T) {
	e := pacaEnv(t)
	for _, path := range []string{
		"/api/v1/search/services?q=" + url.QueryEscape("📱"),
		"/api/v1/search/services?q=%25",
		"/api/v1/search/services?q=%3F%3F%3F",
		"/api/v1/search/actors?q=" + url.QueryEscape("…"),
		"/api/v1/search/services?near=NaN,NaN",
		"/api/v1/search/services?near=91,0",
		"/api/v1/search/services?near=45,Inf",
	} {
		if r := e.Do(apitest.Request{Method: "GET", Path: path}); r.Code != 400 {
			t.Errorf("%s: %d %s", path, r.Code, r.Body)
		}
	}
	// A cursor from one search reused on another.
	first := get(t, e, "/api/v1/search/services?q=numerique&limit=5")
	next := first["meta"].(obj)["next_cursor"].(string)
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?q=mediatheque&limit=5&cursor=" + url.QueryEscape(next)}); r.Code != 400 {
		t.Errorf("cursor of another search: %d %s", r.Code, r.Body)
	}
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/services?q=numerique&limit=7&cursor=" + url.QueryEscape(next)}); r.Code != 200 {
		t.Errorf("same search, another page size: %d %s", r.Code, r.Body)
	}
}

// Item 9 of issue 9: a value with one unreadable rule keeps the others, and
// says which rule and which days are unknown, in the record and on write.
func TestOpeningHoursWithAnUnreadableRule(t *testing.T) {
	e := pacaEnv(t)
	// The real place whose hours are "Mo-Fr 09:00-19:00; Sa 17:00".
	find := func(extra string) []any {
		return get(t, e, "/api/v1/search/actors?q="+url.QueryEscape("maison pour tous rouguiere")+extra)["data"].([]any)
	}
	if len(find("")) == 0 {
		t.Fatal("the Rouguière is not found")
	}
	evening := find("&open_on=evening")
	if len(evening) == 0 || !strings.Contains(str(evening[0].(obj)["name"]), "ROUGUIERE") {
		t.Fatalf("open_on=evening: %v", evening)
	}
	bad := evening[0].(obj)["opening_hours_unreadable"].([]any)
	if len(bad) != 1 || bad[0].(obj)["text"] != "Sa 17:00" || len(bad[0].(obj)["unknown_days"].([]any)) != 1 {
		t.Errorf("opening_hours_unreadable: %v", bad)
	}
	for _, a := range find("&open_on=saturday") {
		if strings.Contains(str(a.(obj)["name"]), "ROUGUIERE") {
			t.Error("open on Saturday, whose rule is unreadable")
		}
	}

	// On write: kept and reported; refused when nothing can be read.
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{
		"name": "Espace numérique du Panier", "typologies": []string{"ASSO"},
		"address":       obj{"street": "2 rue du Panier", "postal_code": "13002", "commune": "Marseille"},
		"opening_hours": "Mo-Sa 09:00-18:00; Sa fermé"}})
	if r.Code != 201 {
		t.Fatalf("POST: %d %s", r.Code, r.Body)
	}
	got := r.Map()["opening_hours_unreadable"].([]any)
	if len(got) != 1 || got[0].(obj)["text"] != "Sa fermé" || got[0].(obj)["unknown_days"].([]any)[0] != "saturday" {
		t.Errorf("opening_hours_unreadable: %v", got)
	}
	r = e.Do(apitest.Request{Method: "POST", Path: "/api/v1/actors", Token: e.Admin, Body: obj{
		"name": "Espace numérique de la Joliette", "typologies": []string{"ASSO"},
		"address":       obj{"street": "1 place de la Joliette", "postal_code": "13002", "commune": "Marseille"},
		"opening_hours": "Sa 17:00"}})
	// Nothing readable: kept as written, every day unknown (it was a 422;
	// probe 35b, L5).
	if u, _ := r.Map()["opening_hours_unreadable"].([]any); r.Code != 201 || len(u) != 1 || len(u[0].(obj)["unknown_days"].([]any)) != 7 {
		t.Errorf("nothing readable: %d %s", r.Code, r.Body)
	}
}

// Items 6 and 8 of issue 9 in orientation: an empty answer says what to
// relax; free keeps unknown fees, flagged.
func TestOrientationTellsWhatToRelax(t *testing.T) {
	e := pacaEnv(t)
	post := func(body obj) obj {
		r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/orientation/suggestions", Body: body})
		if r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		return r.Map()
	}
	// High in the Queyras, within 5 km: nothing.
	m := post(obj{"needs": []string{"aide-aux-demarches-administratives"},
		"constraints": obj{"max_distance_km": 5}, "place": obj{"latitude": 44.75, "longitude": 6.95}})
	meta := m["meta"].(obj)
	if meta["matching"].(float64) != 0 {
		t.Fatalf("matching %v", meta["matching"])
	}
	rx := meta["relaxations"].([]any)
	if len(rx) == 0 {
		t.Fatal("no relaxation")
	}
	var dist obj
	for _, x := range rx {
		if x.(obj)["constraint"] == "max_distance_km" {
			dist = x.(obj)
		}
	}
	if dist == nil || dist["nearest_km"] == nil || !strings.Contains(str(dist["text"]), "la plus proche est à") {
		t.Fatalf("relaxations: %v", rx)
	}
	// Raising the distance to it finds that place.
	km := dist["nearest_km"].(float64) + 0.1
	m = post(obj{"needs": []string{"aide-aux-demarches-administratives"},
		"constraints": obj{"max_distance_km": km}, "place": obj{"latitude": 44.75, "longitude": 6.95}})
	if d := m["data"].([]any); len(d) == 0 || len(m["meta"].(obj)["relaxations"].([]any)) != 0 {
		t.Errorf("at %v km: %v", km, m["meta"])
	}

	// Free: places whose fees are not given are counted and suggested,
	// flagged, never dropped.
	here := obj{"latitude": 43.2965, "longitude": 5.3698}
	free := post(obj{"constraints": obj{"free": true, "max_distance_km": 30}, "place": here})["meta"].(obj)["matching"].(float64)
	known := total(get(t, e, "/api/v1/search/services?near=43.2965,5.3698&radius_km=30&fees=gratuit,gratuit-sous-condition&exclude_full=true"))
	if free <= known {
		t.Errorf("free: %v matching, %v with known free fees: unknown fees dropped", free, known)
	}
	var unknown obj
	for _, d := range get(t, e, "/api/v1/search/services?departement=13&limit=100")["data"].([]any) {
		if sv := d.(obj); len(sv["fees"].([]any)) == 0 && sv["actor"].(obj)["latitude"] != nil {
			unknown = sv
			break
		}
	}
	if unknown == nil {
		t.Fatal("no service with unknown fees in the Bouches-du-Rhône")
	}
	a := unknown["actor"].(obj)
	m = post(obj{"constraints": obj{"free": true, "max_distance_km": 0.5}, "limit": 50,
		"place": obj{"latitude": a["latitude"], "longitude": a["longitude"]}})
	found := false
	for _, d := range m["data"].([]any) {
		if d.(obj)["service"].(obj)["id"] != unknown["id"] {
			continue
		}
		found = true
		if !strings.Contains(fmt.Sprint(d.(obj)["reasons"]), "fees_unknown") {
			t.Errorf("not flagged: %v", d.(obj)["reasons"])
		}
	}
	if !found {
		t.Errorf("%s (fees unknown) not suggested at its own place with free", unknown["name"])
	}
}

// TestSearchIgnoresPastedInvisibleCharacters: text copied from a web page,
// a PDF or a word processor brings characters that show nothing — a soft
// hyphen where a word was cut, a zero-width space, a left-to-right mark
// before a phone number, a byte order mark, a line separator. A search box
// reads what the person sees, so they are dropped (a line separator is a
// space), not refused as in a record; controls and text-direction
// overrides still are (TestSearchReadsPastedLineBreaksAsSpaces).
func TestSearchIgnoresPastedInvisibleCharacters(t *testing.T) {
	e := pacaEnv(t)
	want := get(t, e, "/api/v1/search/actors?q="+url.QueryEscape("ccas marseille"))["data"].([]any)
	if len(want) == 0 {
		t.Fatal("ccas marseille finds nothing")
	}
	for _, q := range []string{"cc\u00adas marseille", "ccas\u200b marseille", "\u200eccas marseille", "\ufeffccas marseille", "ccas\u2028marseille", "ccas mar\u2060seille", "ccas\u200f marseille"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/actors?q=" + url.QueryEscape(q)})
		if r.Code != 200 {
			t.Errorf("%+q: %d, want 200", q, r.Code)
			continue
		}
		got := get(t, e, "/api/v1/search/actors?q="+url.QueryEscape(q))["data"].([]any)
		if len(got) != len(want) || got[0].(obj)["id"] != want[0].(obj)["id"] {
			t.Errorf("%+q: %d results, want those of « ccas marseille » (%d)", q, len(got), len(want))
		}
	}
	communes := get(t, e, "/api/v1/communes?q="+url.QueryEscape("aix-en-pro\u00advence"))["data"].([]any)
	if len(communes) == 0 {
		t.Error("a commune name with a soft hyphen finds nothing")
	}
}

// TestSearchReadsPastedLineBreaksAsSpaces: a helper pastes a name and a
// town copied from a document or an e-mail; the tab or line break between
// them is a space, not a control character to refuse (other control
// characters still are).
func TestSearchReadsPastedLineBreaksAsSpaces(t *testing.T) {
	e := pacaEnv(t)
	want := get(t, e, "/api/v1/search/actors?q="+url.QueryEscape("ccas marseille"))["data"].([]any)
	if len(want) == 0 {
		t.Fatal("ccas marseille finds nothing")
	}
	for _, q := range []string{"ccas\nmarseille", "ccas\r\nmarseille", "ccas\tmarseille", "\nccas marseille\n"} {
		got := get(t, e, "/api/v1/search/actors?q="+url.QueryEscape(q))["data"].([]any)
		if len(got) != len(want) || got[0].(obj)["id"] != want[0].(obj)["id"] {
			t.Errorf("%q: %d results, want those of « ccas marseille » (%d)", q, len(got), len(want))
		}
	}
	for _, q := range []string{"ccas\x00marseille", "ccas\x1bmarseille", "ccas\u202emarseille"} {
		if r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/search/actors?q=" + url.QueryEscape(q)}); r.Code != 400 {
			t.Errorf("%q: %d, want 400", q, r.Code)
		}
	}
	communes := get(t, e, "/api/v1/communes?q="+url.QueryEscape("aix en\nprovence"))["data"].([]any)
	if len(communes) == 0 {
		t.Error("a commune name with a pasted line break finds nothing")
	}
}
