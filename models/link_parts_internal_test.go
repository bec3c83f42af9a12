package models

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"carnet/models/dedup"
)

// TestLinkPartsCutsByMatches: detection saves its links in parts of at
// most linksPerTurn matches (an actor counting one more for its stored
// links), never splitting an actor's, every actor once and in order.
func TestLinkPartsCutsByMatches(t *testing.T) {
	defer func(n int) { linksPerTurn = n }(linksPerTurn)
	linksPerTurn = 10
	byActor := map[string][]int{"a": make([]int, 3), "b": make([]int, 5), "c": make([]int, 20), "d": nil, "e": make([]int, 8)}
	for _, tc := range []struct {
		evaluated []string
		want      [][]string
	}{
		{[]string{"a", "b", "c", "d", "e"}, [][]string{{"a", "b"}, {"c"}, {"d", "e"}}},
		{[]string{"c"}, [][]string{{"c"}}}, // more than the bound alone: a part of its own
		{[]string{"d", "d", "d"}, [][]string{{"d", "d", "d"}}},
		{nil, nil},
	} {
		var got [][]string
		for part := range linkParts(tc.evaluated, byActor) {
			got = append(got, slices.Clone(part))
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("linkParts(%v) = %v, want %v", tc.evaluated, got, tc.want)
		}
	}
}

// TestLinksSavedInPartsAsInOne: at a crowded address (two producers'
// copies of thirty places at one door), detection saving its links one
// actor per turn of the writer stores the very links it stores in one.
func TestLinksSavedInPartsAsInOne(t *testing.T) {
	defer func(n int) { linksPerTurn = n }(linksPerTurn)
	stored := map[int]string{}
	for _, per := range []int{1 << 30, 1} {
		linksPerTurn = per
		s := openTestStore(t)
		ctx := context.Background()
		syncCrowded(t, s, 30)
		var actors []Actor
		if err := s.w.Find(&actors).Error; err != nil {
			t.Fatal(err)
		}
		ids, key := []string{}, map[string]string{}
		for _, a := range actors {
			ids = append(ids, a.ID)
			key[a.ID] = a.Source + "/" + a.SourceID
		}
		if _, err := s.DetectDuplicates(ctx, ids); err != nil {
			t.Fatal(err)
		}
		var links []DuplicateLink
		if err := s.w.Find(&links).Error; err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, l := range links {
			lines = append(lines, fmt.Sprintf("%s %s %v %v %v %v %s", key[l.ActorAID], key[l.ActorBID], l.Score, l.NameScore, l.Reasons, *l.PublicScore, l.Status))
		}
		slices.Sort(lines)
		if len(lines) < 30 {
			t.Fatalf("%d links at the crowded address, want at least the 30 copies' (linksPerTurn %d)", len(lines), per)
		}
		stored[per] = fmt.Sprint(lines)
	}
	if stored[1] != stored[1<<30] {
		t.Errorf("links saved in parts differ from those saved in one:\n%s\n%s", stored[1], stored[1<<30])
	}
}

// TestStoredLinksAsWholeLinks: what saveLinks reads of the stored links
// (storedLinks: a suggestion's columns but its reasons, kept as stored)
// says of each link what the whole link says — a suggestion's scores, and
// its reasons whether written by detection or spaced as PostgreSQL's jsonb
// returns them; a decided link and a recorded one read whole — and a match
// that differs from a link by one reason or one score is told apart.
func TestStoredLinksAsWholeLinks(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	syncCrowded(t, s, 12)
	var ids []string
	if err := s.w.Model(&Actor{}).Order("id").Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := s.DetectDuplicates(ctx, ids); err != nil {
		t.Fatal(err)
	}
	var first []DuplicateLink
	if err := s.w.Order("id").Find(&first).Error; err != nil {
		t.Fatal(err)
	}
	if len(first) < 4 {
		t.Fatalf("%d links at the crowded address, want at least 4", len(first))
	}
	for _, q := range []string{
		`UPDATE duplicate_links SET reasons = REPLACE(REPLACE(reasons, '","', '", "'), '":"', '": "') WHERE id = ?`,
		`UPDATE duplicate_links SET status = 'confirmed' WHERE id = ?`,
		`UPDATE duplicate_links SET recorded_by = 'admin', recorded_score = score WHERE id = ?`,
		`UPDATE duplicate_links SET status = 'dismissed', distance_m = NULL WHERE id = ?`,
	} {
		i := len(q) % len(first) // any link, one each
		if err := s.w.Exec(q, first[i].ID).Error; err != nil {
			t.Fatal(err)
		}
		first = slices.Delete(first, i, i+1)
	}
	var whole []DuplicateLink
	if err := s.w.Order("id").Find(&whole).Error; err != nil {
		t.Fatal(err)
	}
	stored, err := storedLinks(s.w, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(whole) {
		t.Fatalf("%d links read, want %d", len(stored), len(whole))
	}
	spaced := 0
	for _, w := range whole {
		st, ok := stored[linkPair{w.ActorAID, w.ActorBID}]
		if !ok {
			t.Fatalf("link %s not read", w.ID)
		}
		if w.Status != DuplicateSuggested || w.RecordedBy != nil {
			if !reflect.DeepEqual(st.DuplicateLink, w) {
				t.Errorf("decided or recorded link read as %+v, want %+v", st.DuplicateLink, w)
			}
			continue
		}
		if strings.Contains(st.reasons, `", "`) {
			spaced++
		}
		m := dedup.Match{A: w.ActorAID, B: w.ActorBID, Result: dedup.Result{Score: w.Score, Name: w.NameScore, Place: w.AddressScore,
			Identity: w.IdentityScore, DistanceM: w.DistanceM, SamePivot: w.SamePivot, Reasons: w.Reasons}}
		if !st.says(&m, *w.PublicScore) || !sameLink(&w, &m, *w.PublicScore) {
			t.Errorf("link %s read as not saying what it says (reasons %s)", w.ID, st.reasons)
		}
		if len(m.Reasons) > 0 {
			fewer := m
			fewer.Reasons = m.Reasons[1:]
			if st.says(&fewer, *w.PublicScore) {
				t.Errorf("link %s says %v, read as saying %v", w.ID, m.Reasons, fewer.Reasons)
			}
		}
		other := m
		other.Name += 0.001
		if st.says(&other, *w.PublicScore) || st.says(&m, *w.PublicScore+0.001) {
			t.Errorf("link %s read as saying another score", w.ID)
		}
	}
	if spaced != 1 {
		t.Errorf("%d suggestions with spaced reasons read, want 1", spaced)
	}
}

// syncCrowded syncs two producers' copies of n places at one door (a
// crowded address: every pair is compared).
func syncCrowded(t *testing.T, s *Store, n int) {
	t.Helper()
	for _, src := range []string{"hub", "france-services"} {
		var batch []Actor
		for i := range n {
			batch = append(batch, Actor{Name: fmt.Sprintf("Espace numérique %s %d", []string{"Belsunce", "Panier", "Joliette"}[i%3], i),
				Source: src, SourceID: fmt.Sprintf("p%d", i), Address: Address{Street: "58 cours Belsunce", PostalCode: "13001", Commune: "Marseille"}})
		}
		if _, err := s.SyncBatch(context.Background(), src, batch, nil, SyncOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLinkStatementsFewSizes: every count of new links is inserted, in
// order and once, by statements of at most eight sizes (each prepared once
// per connection, not one text per count).
func TestLinkStatementsFewSizes(t *testing.T) {
	sizes := map[int]bool{}
	for n := range 2100 {
		links := make([]*DuplicateLink, n)
		for i := range links {
			links[i] = &DuplicateLink{ID: fmt.Sprint(i)}
		}
		var got []*DuplicateLink
		for rows := range linkStatements(links) {
			if len(rows) == 0 {
				t.Fatalf("%d links: an empty statement", n)
			}
			sizes[len(rows)] = true
			got = append(got, rows...)
		}
		if !slices.Equal(got, links) {
			t.Fatalf("%d links: inserted %d, not each once in order", n, len(got))
		}
	}
	if len(sizes) > 8 {
		t.Errorf("%d statement sizes, want at most 8: %v", len(sizes), slices.Sorted(maps.Keys(sizes)))
	}
}
