package api_test

import (
	"fmt"
	"reflect"
	"testing"

	"carnet/api/apitest"
)

// TestHiddenServiceSameEntriesWhateverTheLimit: a service created
// published then turned back to draft came to an anonymous follower as two
// « hide » entries when it read one change a page (the creation, read when
// the service was already hidden, became a hide dated by it), and as one
// with a larger page. README: a hidden service is hidden once, its hide
// entry dated by the change that hid it — whatever the page size, or a
// follower's copy depends on its limit.
func TestHiddenServiceSameEntriesWhateverTheLimit(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Lieu"))["id"])
	start := changes(t, e, "0", 1000).Meta.NextCursor
	// Published, edited, hidden; published again and hidden again.
	x := str(createService(t, e, validService(a, "Atelier"))["id"])
	patch(t, e, "/api/v1/services/"+x, obj{"description": "Nouvelles heures"})
	patch(t, e, "/api/v1/services/"+x, obj{"status": "draft"})
	y := str(createService(t, e, validService(a, "Permanence"))["id"])
	patch(t, e, "/api/v1/services/"+y, obj{"status": "draft"})
	patch(t, e, "/api/v1/services/"+y, obj{"status": "published"})
	patch(t, e, "/api/v1/services/"+y, obj{"status": "draft"})
	patch(t, e, "/api/v1/services/"+y, obj{"description": "En préparation"}) // hidden: left out

	follow := func(limit int) []string {
		var out []string
		cursor := start
		for range 100 {
			p := changes(t, e, cursor, limit)
			for _, d := range p.Data {
				if d.Entity == "actor" {
					continue // scored again by its services' writes: an entry per page that reads one
				}
				out = append(out, fmt.Sprintf("%d %s %s v%d", d.Seq, d.ID, d.Op, d.Version))
			}
			cursor = p.Meta.NextCursor
			if !p.Meta.HasMore {
				return out
			}
		}
		t.Fatal("the feed never ends")
		return nil
	}
	want := follow(1000)
	if len(want) != 2 {
		t.Fatalf("one hide entry per service expected: %v", want)
	}
	for _, limit := range []int{1, 2, 3} {
		if got := follow(limit); !reflect.DeepEqual(got, want) {
			t.Errorf("limit=%d: %v; limit=1000: %v", limit, got, want)
		}
	}
}
