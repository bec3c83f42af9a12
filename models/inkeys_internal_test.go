package models

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// inKeysIDs are source ids a JSON array must carry back exactly: quotes,
// backslashes, the characters json.Marshal escapes (<, >, &), a slash,
// accents composed, an emoji, a space inside.
var inKeysIDs = []string{`p"1`, `p\2`, "p<3>&", "p/4", "lieu-é", "😀5", "a b", "p'6", "p0"}

// TestInKeysFindsEveryKeyAsStored (issue 11, item 6): the lookups of a
// batch's keys by one JSON array (sqliteDialect.inKeys) find each stored
// key, whatever its characters, and nothing else: a key written another
// way (case, decomposed accents, a space more) or of another source is
// not found.
func TestInKeysFindsEveryKeyAsStored(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	var actors []Actor
	for _, id := range inKeysIDs {
		actors = append(actors, syncActor(id))
	}
	if res, err := s.SyncBatch(ctx, "hub", actors, nil, SyncOptions{}); err != nil || res.Counts[SyncCreated] != len(inKeysIDs) {
		t.Fatalf("%v %+v", err, res)
	}
	if res, err := s.SyncBatch(ctx, "other", []Actor{syncActor("only-other")}, nil, SyncOptions{}); err != nil || res.Counts[SyncCreated] != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	asked := append(slices.Clone(inKeysIDs), "P0", "lieu-e\u0301", "a  b", "only-other", "absent")
	got, err := loadKeys(s.w, "actors", "hub", asked)
	if err != nil {
		t.Fatal(err)
	}
	hashes, err := s.SourceHashes(ctx, "hub", asked)
	if err != nil {
		t.Fatal(err)
	}
	places, err := s.SourcePlacesByID(ctx, "hub", asked)
	if err != nil {
		t.Fatal(err)
	}
	var byPlace []string
	for _, p := range places {
		byPlace = append(byPlace, p.SourceID)
	}
	want := slices.Sorted(slices.Values(inKeysIDs))
	for _, r := range []struct {
		name  string
		found []string
	}{
		{"loadKeys", slices.Sorted(maps.Keys(got))},
		{"SourceHashes", slices.Sorted(maps.Keys(hashes))},
		{"SourcePlacesByID", slices.Sorted(slices.Values(byPlace))},
	} {
		if !slices.Equal(r.found, want) {
			t.Errorf("%s found %q, want %q", r.name, r.found, want)
		}
	}
	for k, ex := range got {
		if ex.SourceID != k || ex.ID == "" || ex.Fingerprint == "" {
			t.Errorf("loadKeys[%q] = %+v", k, ex)
		}
	}
}

// TestInKeysReadsTheIndex: SQLite reads the keys of a JSON array through
// the unique index on (source, source_id), a probe a key, not a scan of
// the source's records.
func TestInKeysReadsTheIndex(t *testing.T) {
	s := openTestStore(t)
	in, keys := sqliteEngine.inKeys("source_id", []string{"a", "b"})
	text := sqlitePlanOf(t, s, "SELECT id FROM actors WHERE source = ? AND source_id <> '' AND "+in, "hub", keys)
	if !strings.Contains(text, "USING INDEX") || !strings.Contains(text, "source_id=?") || strings.Contains(text, "SCAN actors") {
		t.Errorf("plan:\n%s", text)
	}
}

// TestLoadKeysAllocatesLessThanAKey: looking up 500 keys (one statement)
// no longer boxes each key into a variable of its own (500 allocations
// and more).
func TestLoadKeysAllocatesLessThanAKey(t *testing.T) {
	s := openTestStore(t)
	keys := make([]string, 500)
	for i := range keys {
		keys[i] = fmt.Sprintf("synthetic-%07d", i)
	}
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := loadKeys(s.w, "actors", "hub", keys); err != nil {
			t.Fatal(err)
		}
	})
	if allocs >= float64(len(keys)) {
		t.Errorf("loadKeys of %d keys: %.0f allocations", len(keys), allocs)
	}
}
