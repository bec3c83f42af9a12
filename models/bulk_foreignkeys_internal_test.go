package models

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"
)

// foreignKeys reads the writer connection's foreign_keys setting, through
// db (the writer pool, or a transaction on it).
func foreignKeys(t *testing.T, db *gorm.DB) int {
	t.Helper()
	var on int
	if err := db.Raw("PRAGMA foreign_keys").Scan(&on).Error; err != nil {
		t.Fatal(err)
	}
	return on
}

// TestBulkWritesRunWithoutForeignKeysAndGiveThemBack (issue 11, item 6): a
// bulk write's transaction runs with SQLite's foreign keys off (they would
// make each multi-row INSERT keep a statement journal, see
// bulkTransaction), on the bulk writer's connection, and every other write
// finds them on, whether the bulk write committed, failed, was a dry run
// or panicked.
func TestBulkWritesRunWithoutForeignKeysAndGiveThemBack(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	failure := errors.New("refused")
	cases := []struct {
		name string
		end  func() error // how the bulk write's function ends
	}{
		{"committed", func() error { return nil }},
		{"failed", func() error { return failure }},
		{"dry run", func() error { return errDryRun }},
		{"panicked", func() error { panic("bulk write panicked") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inside := -1
			func() {
				defer func() { _ = recover() }()
				_ = s.write(withBulk(ctx), func(tx *gorm.DB) error {
					inside = foreignKeys(t, tx)
					return c.end()
				})
			}()
			if inside != 0 {
				t.Errorf("foreign_keys = %d inside the bulk write, want 0", inside)
			}
			after := -1
			if err := s.write(ctx, func(tx *gorm.DB) error {
				after = foreignKeys(t, tx)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if after != 1 {
				t.Errorf("foreign_keys = %d in the next write, want 1", after)
			}
		})
	}
}

// TestBulkWritesCheckReferencesThemselves: without SQLite's foreign keys, a
// sync batch still refuses a service of an unknown actor and an actor whose
// network does not exist, and what it stores passes SQLite's own check.
func TestBulkWritesCheckReferencesThemselves(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	orphan := syncActor("orphan")
	missing := NewID()
	orphan.ParentID = &missing
	stray := syncOffer("stray#offer", "")
	stray.ActorID = NewID()
	res, err := s.SyncBatch(ctx, "hub",
		[]Actor{syncActor("p1"), orphan},
		[]SyncService{syncOffer("p1#offer", "p1"), syncOffer("ghost#offer", "ghost"), stray},
		SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts[SyncCreated] != 2 || res.Counts[SyncRejected] != 3 {
		t.Fatalf("counts %+v, want 2 created (p1 and its offer) and 3 rejected", res.Counts)
	}
	var bad []map[string]any
	if err := s.w.Raw("PRAGMA foreign_key_check").Scan(&bad).Error; err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Fatalf("rows breaking a foreign key: %v", bad)
	}
}

// TestFailedMultiRowInsertLeavesNothing: bulk INSERTs are INSERT OR FAIL on
// SQLite (see sqliteDialect.insertInto), which does not undo the rows a
// failing statement inserted before the failure; the write's transaction,
// or its savepoint in a group of writes, does. A row conflicting in the
// middle of a statement leaves none of the statement's rows, and a write
// grouped with it keeps its own.
func TestFailedMultiRowInsertLeavesNothing(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	taken := syncActor("taken")
	taken.ID, taken.Source = NewID(), "hub"
	if err := s.write(ctx, func(tx *gorm.DB) error { return insertRows(tx, []*Actor{&taken}) }); err != nil {
		t.Fatal(err)
	}
	for _, bulk := range []bool{false, true} {
		var rows []*Actor
		for i := range 5 {
			a := syncActor("new" + string(rune('a'+i)))
			a.ID, a.Source = NewID(), "hub"
			if i == 3 {
				a.SourceID = "taken" // actors.source, actors.source_id is unique
			}
			rows = append(rows, &a)
		}
		wctx := ctx
		if bulk {
			wctx = withBulk(ctx)
		}
		err := s.write(wctx, func(tx *gorm.DB) error { return insertRows(tx, rows) })
		if ErrorCode(err) != ECONFLICT {
			t.Fatalf("bulk %v: %v, want a conflict", bulk, err)
		}
		var n int64
		if err := s.r.Model(&Actor{}).Where("source_id LIKE 'new%'").Count(&n).Error; err != nil || n != 0 {
			t.Fatalf("bulk %v: %d rows of the failed statement stored (%v)", bulk, n, err)
		}
	}
	// In a group of writes (each in a savepoint): the failing write's rows
	// go, the other write's stay.
	newRows := func(prefix string, conflict bool) []*Actor {
		var rows []*Actor
		for i := range 3 {
			a := syncActor(prefix + string(rune('a'+i)))
			a.ID, a.Source = NewID(), "hub"
			if conflict && i == 1 {
				a.SourceID = "taken"
			}
			rows = append(rows, &a)
		}
		return rows
	}
	var group []*queuedWrite
	for _, w := range []struct {
		prefix   string
		conflict bool
	}{{"grouped-fail", true}, {"grouped-ok", false}} {
		rows := newRows(w.prefix, w.conflict)
		logs := &pendingLogs{}
		group = append(group, &queuedWrite{ctx: ctx, tctx: context.WithValue(ctx, pendingKey{}, logs), logs: logs,
			fn: func(tx *gorm.DB) error { return insertRows(tx, rows) }})
	}
	s.runGroup(group)
	if ErrorCode(dbError(group[0].err)) != ECONFLICT || group[1].err != nil {
		t.Fatalf("group: %v, %v; want a conflict, then nil", group[0].err, group[1].err)
	}
	for prefix, want := range map[string]int64{"grouped-fail": 0, "grouped-ok": 3} {
		var n int64
		if err := s.r.Model(&Actor{}).Where("source_id LIKE ?", prefix+"%").Count(&n).Error; err != nil || n != want {
			t.Errorf("%s: %d rows stored, want %d (%v)", prefix, n, want, err)
		}
	}
}
