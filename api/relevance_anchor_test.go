package api_test

import (
	"fmt"
	"testing"

	"carnet/api/apitest"
)

// TestRelevanceWalkSurvivesItsAnchorArchived reproduces probe 35b's M5: by
// relevance, archiving the last result of a page between pages moved every
// score a little (the words' weights and lengths change), the cursor's key
// fell before the tied results, and page 2 started again from the top:
// 16 rows, 12 unique. A one-word walk never repeats a result, even when
// its anchor is gone.
func TestRelevanceWalkSurvivesItsAnchorArchived(t *testing.T) {
	e := apitest.New(t)
	other := str(createActor(t, e, validActor("Club"))["id"])
	for i := range 30 { // records without the word: its weight is not the floor's
		createService(t, e, merge(validService(other, fmt.Sprintf("Atelier %02d", i)), obj{"kind": "collective_workshop", "themes": []string{"Loisirs et créations numériques"}}))
	}
	for i := range 12 {
		a := str(createActor(t, e, validActor(fmt.Sprintf("Lieu %02d", i)))["id"])
		createService(t, e, validService(a, "France services"))
	}
	path := "/api/v1/search/services?q=aide&limit=5"
	seen, rows, pages := map[string]bool{}, 0, 0
	for path != "" {
		m := get(t, e, path)
		data := m["data"].([]any)
		for _, d := range data {
			id := str(d.(obj)["id"])
			if seen[id] {
				t.Errorf("%s repeated on page %d", id, pages+1)
			}
			seen[id] = true
			rows++
		}
		if pages++; pages == 1 {
			last := str(data[len(data)-1].(obj)["actor_id"])
			if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + last, Token: e.Admin}); r.Code != 204 {
				t.Fatal(r.Code, r.Body)
			}
		}
		path, _ = m["links"].(map[string]any)["next"].(string)
		if pages > 10 {
			t.Fatal("no end")
		}
	}
	if rows != len(seen) || len(seen) < 11 {
		t.Errorf("the walk gave %d rows, %d distinct, want 11 or 12 without repeats", rows, len(seen))
	}
}
