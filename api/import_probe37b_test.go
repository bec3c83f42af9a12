package api_test

import (
	"fmt"
	"strings"
	"testing"

	"carnet/api/apitest"
)

// logeCSV is a CSV file of n places of Montpellier; row 91 of it, when
// broken, opens a quote no quote closes.
func logeCSV(n int, broken bool) string {
	var b strings.Builder
	b.WriteString("id,nom,commune,code_postal,code_insee,adresse,latitude,longitude,source,date_maj,services\n")
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("Lieu %d", i)
		if broken && i == 91 {
			name = `"Association ""Le Lien"" Montpellier`
		}
		fmt.Fprintf(&b, "q%d,%s,Montpellier,34000,34172,%d rue de la Loge,43.61,3.87,probe,2026-11-01,Maîtrise des outils numériques du quotidien\n", i, name, i)
	}
	return b.String()
}

// TestImportUnclosedQuoteOverHTTP (probe 37b H1): POST
// /sync/{source}/import?mode=snapshot of a CSV whose row 91 opens a quote
// never closed answered 200 « rows 91, rejected 1, archived 9 »: the 9
// places after the quote, never read, were archived. The file is refused
// with a problem naming the line; nothing is archived.
func TestImportUnclosedQuoteOverHTTP(t *testing.T) {
	e := apitest.New(t)
	imp := func(query, body string) *apitest.Response {
		return e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/probe-q/import" + query, Token: e.Admin, Body: body, ContentType: "text/csv"})
	}
	if r := imp("", logeCSV(100, false)); r.Code != 200 {
		t.Fatalf("clean file: %d %s", r.Code, r.Body)
	}
	for _, q := range []string{"?mode=snapshot", ""} {
		r := imp(q, logeCSV(100, true))
		if r.Code != 400 || !strings.Contains(r.Body.String(), "line 92") || !strings.Contains(r.Body.String(), "never closed") {
			t.Errorf("%q: %d %s", q, r.Code, r.Body)
		}
	}
	live := get(t, e, "/api/v1/actors?source=probe-q&limit=1")
	if total := live["meta"].(obj)["total"]; total != float64(100) {
		t.Errorf("live places %v, want 100", total)
	}
}

// TestImportDuplicatedContactColumnOverHTTP (probe 37b M2): a second
// « courriels » column put a private address on the published place.
func TestImportDuplicatedContactColumnOverHTTP(t *testing.T) {
	e := apitest.New(t)
	body := "id,nom,commune,code_postal,adresse,courriels,services,courriels\n" +
		"d1,Lieu A,Montpellier,34000,1 rue A,a@ex.fr,Maîtrise des outils numériques du quotidien,direction-privee@ex.fr\n"
	r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/sync/dup/import", Token: e.Admin, Body: body, ContentType: "text/csv"})
	if r.Code != 200 || !strings.Contains(r.Body.String(), "the file gives this column twice") {
		t.Fatalf("import: %d %s", r.Code, r.Body)
	}
	a := get(t, e, "/api/v1/actors?source=dup")["data"].([]any)[0].(obj)
	if fmt.Sprint(a["emails"]) != "[a@ex.fr]" {
		t.Errorf("published e-mails %v", a["emails"])
	}
}
