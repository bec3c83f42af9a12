package models

import (
	"strings"
	"testing"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// TestInsertRowsWritesAndRefusesAsBefore: rows inserted in statements of
// several rows (SQLite runs them through Query, binding in one crossing)
// are read back as written, and a row that breaks a UNIQUE index fails its
// statement with the engine's constraint error, which the store turns into
// a conflict as it did when the statements went through Exec.
func TestInsertRowsWritesAndRefusesAsBefore(t *testing.T) {
	s := openTestStore(t)
	lat := 43.3
	var rows []*Actor
	for i := range 3*rowsPerStatement(len(mustBulkTable(t, s.w, &Actor{}).fields)) + 1 {
		a := validActor()
		a.ID, a.Name, a.Phones, a.Latitude, a.Longitude, a.ContactPublic = NewID(), "Lieu é"+string(rune('a'+i%26)), StringList{"+33491000000"}, &lat, &lat, i%2 == 0
		rows = append(rows, &a)
	}
	if err := s.w.Transaction(func(tx *gorm.DB) error { return insertRows(tx, rows) }); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := s.r.Model(&Actor{}).Where("latitude = ? AND name LIKE 'Lieu é%' AND phones = ?", lat, `["+33491000000"]`).Count(&n).Error; err != nil || n != int64(len(rows)) {
		t.Fatalf("%d of %d rows read back (%v)", n, len(rows), err)
	}
	var last Actor
	if err := s.r.First(&last, "id = ?", rows[len(rows)-1].ID).Error; err != nil || last.Name != rows[len(rows)-1].Name || last.CreatedAt.IsZero() || last.ContactPublic != rows[len(rows)-1].ContactPublic {
		t.Fatalf("%+v %v", last, err)
	}
	again := *rows[1]
	err := s.w.Transaction(func(tx *gorm.DB) error { return insertRows(tx, []*Actor{&again}) })
	if e, ok := dbError(err).(*Error); !ok || e.Code != ECONFLICT {
		t.Fatalf("a second row with the same id: %v", err)
	}
}

func mustBulkTable(t *testing.T, db *gorm.DB, model any) *bulkTable {
	t.Helper()
	bt, err := bulkTableOf(db, model)
	if err != nil {
		t.Fatal(err)
	}
	return bt
}

// TestBulkStatementText: the statement of n rows, remembered for the full
// size, is the text written placeholder by placeholder, for each dialect,
// whichever dialect asked first.
func TestBulkStatementText(t *testing.T) {
	bt := &bulkTable{fields: make([]*schema.Field, 3), head: " t (a, b, c) VALUES "}
	full := rowsPerStatement(len(bt.fields))
	for _, d := range []dialect{sqliteDialect{}, postgresDialect{}, sqliteDialect{}} {
		for _, n := range []int{1, 2, full - 1, full, full} {
			var sb strings.Builder
			sb.WriteString(d.insertInto())
			sb.WriteString(bt.head)
			k := 0
			for i := range n {
				if i > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString("(")
				for j := range 3 {
					if j > 0 {
						sb.WriteString(", ")
					}
					k++
					sb.WriteString(d.placeholder(k))
				}
				sb.WriteString(")")
			}
			if got := bt.statement(d, n); got != sb.String() {
				t.Fatalf("%T, %d rows: %.200q…, want %.200q…", d, n, got, sb.String())
			}
		}
	}
}
