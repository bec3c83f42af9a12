package models

import (
	"context"
	"fmt"
	"slices"
	"testing"
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
		for _, src := range []string{"hub", "france-services"} {
			var batch []Actor
			for i := range 30 {
				batch = append(batch, Actor{Name: fmt.Sprintf("Espace numérique %s %d", []string{"Belsunce", "Panier", "Joliette"}[i%3], i),
					Source: src, SourceID: fmt.Sprintf("p%d", i), Address: Address{Street: "58 cours Belsunce", PostalCode: "13001", Commune: "Marseille"}})
			}
			if _, err := s.SyncBatch(ctx, src, batch, nil, SyncOptions{}); err != nil {
				t.Fatal(err)
			}
		}
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
