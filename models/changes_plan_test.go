package models

import (
	"strings"
	"testing"
)

// TestChangeLogReadsBySeqAlone: every query that reads the change log (the
// feed and the followers' pages, webhooks' replays, exports' last public
// change, the log's head) goes through its primary key, so migration 00088
// could drop the index on (entity, entity_id) that none of them used and
// that each write paid for (issue 11, item 6). A new query by entity needs
// an index of its own again. The plans are SQLite's.
func TestChangeLogReadsBySeqAlone(t *testing.T) {
	s := openTestStore(t)
	if s.Engine() != "sqlite" {
		t.Skip("the plans checked are SQLite's")
	}
	var n int64
	if err := s.r.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'changes_entity'").Scan(&n).Error; err != nil || n != 0 {
		t.Fatalf("changes_entity still exists (%d, %v)", n, err)
	}
	for _, q := range []string{
		"SELECT * FROM changes WHERE seq > 5 ORDER BY seq LIMIT 101",                 // Changes, changesAfter
		"SELECT * FROM changes WHERE seq > 5 AND seq <= 90 ORDER BY seq LIMIT 100",   // webhook replays
		"SELECT * FROM changes WHERE private_only = false ORDER BY seq DESC LIMIT 1", // ExportPlaces
		"SELECT COALESCE(MAX(seq), 0) FROM changes",                                  // LastSeq and the heads
	} {
		all := sqlitePlanOf(t, s, q)
		if strings.Contains(all, "USING INDEX") || strings.Contains(all, "TEMP B-TREE") {
			t.Errorf("%s:\n%s", q, all)
		}
	}
}
