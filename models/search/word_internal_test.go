package search

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"carnet/models"
	"carnet/models/search/synth"
	"carnet/models/vocab"
)

// TestWordPathMatchesGeneral runs one-word queries — whole words and
// prefixes, rare and frequent (the latter read through field bitsets) — with
// and without filters, facets and cursors, through runWord and through the
// general path, and requires identical pages.
func TestWordPathMatchesGeneral(t *testing.T) {
	ctx := context.Background()
	s, err := models.Open(ctx, filepath.Join(t.TempDir(), "t.db"), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := synth.Load(ctx, s, synth.Generate(synth.Options{Seed: 11, Actors: 1500, Services: 5000}), 500); err != nil {
		t.Fatal(err)
	}
	m, err := NewMemory(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	tbl := m.services
	if len(tbl.text.fieldBits) == 0 {
		t.Fatal("no term is frequent enough to have field bitsets: the test would not exercise them")
	}
	compareWordPaths(t, tbl)

	// Writes keep the field bitsets in step with the postings: rename
	// services into and out of frequent words, archive some, then compare
	// again.
	page, err := s.ListServices(ctx, models.ServiceFilter{ListParams: models.ListParams{Limit: 200}})
	if err != nil {
		t.Fatal(err)
	}
	for i, sv := range page.Items {
		switch i % 3 {
		case 0:
			_, err = s.ArchiveService(ctx, sv.ID, models.Precondition{})
		case 1:
			_, err = s.UpdateService(ctx, sv.ID, models.Precondition{}, func(x *models.Service) error { x.Name = "Médiathèque numérique " + x.Name; return nil })
		default:
			_, err = s.UpdateService(ctx, sv.ID, models.Precondition{}, func(x *models.Service) error { x.Name = "Point relais"; x.Description = ""; return nil })
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	compareWordPaths(t, tbl)
}

func compareWordPaths(t *testing.T, tbl *table) {
	t.Helper()
	words := []string{"mediat", "m", "a", "zzz", "aide", "numer", "point", "relais"}
	for i, term := range tbl.text.sorted {
		if i%37 == 0 {
			words = append(words, term)
			if len(term) > 3 {
				words = append(words, term[:2], term[:3])
			}
		}
	}
	variants := []Query{
		{},
		{Limit: 5, Facets: []string{FieldThemes, FieldFees}},
		{Filters: map[string][]string{FieldThemes: {vocab.ThemeAdministrativeProcedures}}, ExcludeFull: true},
		{Filters: map[string][]string{FieldStatus: {vocab.ActorActive, vocab.ActorTemporarilyClosed}}, Limit: 50},
	}
	compared := 0
	for _, w := range words {
		for _, v := range variants {
			q := v
			q.Text = w
			for page := 0; page < 3; page++ {
				p, err := tbl.plan(q, ServiceFields)
				if err != nil {
					t.Fatalf("%q: %v", w, err)
				}
				if !tbl.wordPath(p) {
					break // several folded words, or a stop word
				}
				fast := tbl.run(p, &scratch{})
				tbl.generalWords = true
				slow := tbl.run(p, &scratch{})
				tbl.generalWords = false
				if !reflect.DeepEqual(pageOf(fast), pageOf(slow)) {
					t.Fatalf("%q %+v page %d:\nword path %+v\ngeneral   %+v", w, v, page, pageOf(fast), pageOf(slow))
				}
				compared++
				if fast.next == "" {
					break
				}
				q.Cursor = fast.next
			}
		}
	}
	if compared < 100 {
		t.Errorf("only %d pages compared", compared)
	}
}

// pageOf keeps what a page shows, with NaN distances made comparable.
func pageOf(p page) map[string]any {
	var hits [][2]any
	for _, h := range p.hits {
		hits = append(hits, [2]any{h.slot, h.score})
	}
	return map[string]any{"hits": hits, "total": p.total, "next": p.next, "facets": p.facets}
}

// TestMatchByLookup compares multi-word queries answered with candidate
// lookups in frequent words' postings and by reading every entry.
func TestMatchByLookup(t *testing.T) {
	ctx := context.Background()
	s, err := models.Open(ctx, filepath.Join(t.TempDir(), "t.db"), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := synth.Load(ctx, s, synth.Generate(synth.Options{Seed: 5, Actors: 1500, Services: 5000}), 500); err != nil {
		t.Fatal(err)
	}
	m, err := NewMemory(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	tbl := m.services
	terms := tbl.text.sorted
	var queries []string
	for i := 0; i+1 < len(terms); i += 23 {
		// A rare term with a frequent one, and prefixes of both.
		queries = append(queries, terms[i]+" mediatheque", terms[i]+" numer", terms[i][:min(3, len(terms[i]))]+" aide demarch", terms[i]+" "+terms[len(terms)-1-i])
	}
	defer func() { matchByLookup = true }()
	compared := 0
	for _, text := range queries {
		for _, v := range []Query{{}, {Limit: 3, Facets: []string{FieldKind}}} {
			q := v
			q.Text = text
			p, err := tbl.plan(q, ServiceFields)
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			matchByLookup = true
			a := tbl.run(p, &scratch{})
			matchByLookup = false
			b := tbl.run(p, &scratch{})
			if !reflect.DeepEqual(pageOf(a), pageOf(b)) {
				t.Fatalf("%q: lookup %+v, scan %+v", text, pageOf(a), pageOf(b))
			}
			if a.total > 0 {
				compared++
			}
		}
	}
	if compared < 20 {
		t.Errorf("only %d queries with results compared", compared)
	}
}

func TestUndot(t *testing.T) {
	for in, want := range map[string]string{
		"P.I.J. de Wingles":     "PIJ  de Wingles",
		"C.C.A.S de Grasse":     "CCAS  de Grasse",
		"(P.I.J)":               "(PIJ )",
		"M. Dupont, e.g. ici.":  "M. Dupont, e.g. ici.",
		"Ouvert. Fermé.":        "Ouvert. Fermé.",
		"A.B.Cdef":              "A.B.Cdef",
		"S.A.R.L. X et C.C.A.S": "SARL  X et CCAS ",
		"sans point":            "sans point",
	} {
		if got := undot(in); got != want {
			t.Errorf("undot(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"sociaux": "social", "centres": "centr", "centre": "centr", "sociale": "social", "cs": "cs", "ants": "ant", "numeriques": "numeriqu"} {
		if got := nameFold(in); got != want {
			t.Errorf("nameFold(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"ctre": "centr", "com": "communal", "dep": "departemental", "hlm": "hlm"} {
		if got := readFold(in); got != want {
			t.Errorf("readFold(%q) = %q, want %q", in, got, want)
		}
	}
}
