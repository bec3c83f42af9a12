package models

import (
	"strings"
	"testing"

	"gorm.io/gorm"
)

// TestLinksTouchingReadByIndexes: detection's reads of the links touching
// a part's actors (linksTouching: the existing links saveLinks compares,
// the decisions a pass keeps, the carriers' suggestions comparedAgain
// counts) go through the pair's index and actor_b's, never a scan of
// every link; with actor_b's index partial (status <> 'dismissed'), each
// read walked the whole table inside the single writer's turn (issue 11,
// item 3). The plans are SQLite's; PostgreSQL gets the same index.
func TestLinksTouchingReadByIndexes(t *testing.T) {
	s := openTestStore(t)
	if s.Engine() != "sqlite" {
		t.Skip("the plans checked are SQLite's")
	}
	ids := []string{"a1", "a2", "a3"}
	for _, c := range []struct {
		name string
		q    func(tx *gorm.DB) *gorm.DB
	}{
		{"saveLinks", func(tx *gorm.DB) *gorm.DB { return linksTouching(tx, ids).Find(&[]DuplicateLink{}) }},
		{"decided", func(tx *gorm.DB) *gorm.DB {
			return linksTouching(tx.Select("actor_a", "actor_b", "recorded_by", "status"), ids).Find(&[]DuplicateLink{})
		}},
		{"comparedAgain", func(tx *gorm.DB) *gorm.DB {
			return linksTouching(tx.Select("actor_a", "actor_b", "status"), ids).Find(&[]DuplicateLink{})
		}},
	} {
		all := sqlitePlan(t, s, c.q)
		if strings.Contains(all, "SCAN") || !strings.Contains(all, "duplicate_links_pair") || !strings.Contains(all, "duplicate_links_actor_b") {
			t.Errorf("%s:\n%s", c.name, all)
		}
	}
}

// TestConfirmedPairsReadOnlyConfirmedLinks: what a write's answer says of
// its actor's confirmed links (same_as: confirmedGroups, one step per
// chain link) reads the confirmed links touching the actors by an index
// of confirmed links alone. Reading every link of the actors and keeping
// the confirmed ones walked, for an actor at a crowded address, its
// hundreds of suggested links on every write (0.37 s of 7.7 s in
// BenchmarkConcurrentWrites' profile, issue 11, item 3); a status beside
// the whole indexes let SQLite walk the status index instead.
func TestConfirmedPairsReadOnlyConfirmedLinks(t *testing.T) {
	s := openTestStore(t)
	if s.Engine() != "sqlite" {
		t.Skip("the plans checked are SQLite's")
	}
	for _, ids := range [][]string{{"a1"}, {"a1", "a2", "a3"}} {

		all := sqlitePlan(t, s, func(tx *gorm.DB) *gorm.DB {
			return livePublicLinks(tx, DuplicateConfirmed, keptColumn+" AS a, "+hiddenColumn+" AS b", ids).Find(&[]struct{ A, B string }{})
		})
		for _, want := range []string{"duplicate_links_confirmed_a", "duplicate_links_confirmed_b"} {
			if !strings.Contains(all, want) {
				t.Errorf("no %s:\n%s", want, all)
			}
		}
		for _, walk := range []string{"SCAN d", "SCAN duplicate_links", "duplicate_links_pair", "duplicate_links_actor_b"} {
			if strings.Contains(all, walk) {
				t.Errorf("%s in the plan:\n%s", walk, all)
			}
		}
	}
}
