package models

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
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

// TestBulkInsertStoresWhatGORMStores: a row inserted by insertRows — in a
// bulk write, whose statements go to the driver's connection with values
// insertRows converted itself, and in an ordinary transaction, through
// database/sql — is stored column for column as GORM's own Create stores
// it: texts, lists (Valuers), pointers set and nil, booleans, integers,
// times.
func TestBulkInsertStoresWhatGORMStores(t *testing.T) {
	s := openTestStore(t)
	lat, lon := 43.2965, 5.3698
	at := time.Date(2026, 3, 4, 5, 6, 7, 8000, time.UTC)
	base := validActor()
	base.Phones, base.Typologies, base.Latitude, base.Longitude = StringList{"+33491000000"}, StringList{"BIB"}, &lat, &lon
	base.ContactPublic, base.Version, base.Status, base.CreatedAt, base.UpdatedAt = true, 3, "active", at, at
	base.Source, base.Quality = "t", 0.5
	variants := map[string]func(a *Actor){
		"all set":       func(*Actor) {},
		"nil and empty": func(a *Actor) { a.Latitude, a.Longitude, a.Phones, a.ContactPublic = nil, nil, nil, false },
	}
	columns := func(id string) map[string]any {
		t.Helper()
		row := map[string]any{}
		if err := s.r.Raw("SELECT * FROM actors WHERE id = ?", id).Scan(&row).Error; err != nil || len(row) == 0 {
			t.Fatalf("row %s: %v", id, err)
		}
		delete(row, "id")
		delete(row, "source_id")
		return row
	}
	for name, edit := range variants {
		want, bulk, plain := base, base, base
		for i, a := range []*Actor{&want, &bulk, &plain} {
			edit(a)
			a.ID, a.SourceID = NewID(), name+string(rune('a'+i))
		}
		if err := s.w.Create(&want).Error; err != nil {
			t.Fatal(err)
		}
		if err := bulkTransaction(s.wb, func(tx *gorm.DB) error { return insertRows(tx, []*Actor{&bulk}) }); err != nil {
			t.Fatal(err)
		}
		if err := s.w.Transaction(func(tx *gorm.DB) error { return insertRows(tx, []*Actor{&plain}) }); err != nil {
			t.Fatal(err)
		}
		w := columns(want.ID)
		for path, id := range map[string]string{"bulk write": bulk.ID, "transaction": plain.ID} {
			if got := columns(id); !reflect.DeepEqual(got, w) {
				for k := range w {
					if !reflect.DeepEqual(got[k], w[k]) {
						t.Errorf("%s, %s: column %s = %#v, GORM stores %#v", name, path, k, got[k], w[k])
					}
				}
			}
		}
	}
}

// TestBulkInsertStoresEachRowsOwnTexts: over several statements through a
// bulk write, each row's numbers are its own, and its texts, lists and
// times are stored as texts, byte
// for byte those GORM's driver writes (StringList.Value, mattn/go-sqlite3's
// time format), each its own — insertRows binds them by pointer, to the
// row or to one statement's arena (binder), which the next statement
// writes again.
func TestBulkInsertStoresEachRowsOwnTexts(t *testing.T) {
	s := openTestStore(t)
	paris := time.FixedZone("CET", 3600)
	at := time.Date(2026, 12, 3, 14, 3, 1, 632148000, time.UTC)
	var rows []*Actor
	for i := range 2*rowsPerStatement(len(mustBulkTable(t, s.w, &Actor{}).fields)) + 3 {
		a := validActor()
		n := strconv.Itoa(i)
		a.ID, a.SourceID, a.Name = NewID(), "own-"+n, "Lieu « "+n+" »"
		a.Phones, a.Typologies = StringList{"+3349100" + fmt.Sprintf("%04d", i)}, StringList{"BIB", n}
		if i%3 == 0 {
			a.Typologies = nil
		}
		lat := 43 + float64(i)/1e4
		a.Latitude, a.Longitude, a.Quality = &lat, &lat, float64(i)/7
		a.CreatedAt = at.Add(time.Duration(i) * time.Nanosecond)
		a.UpdatedAt = a.CreatedAt
		if i%2 == 1 {
			a.UpdatedAt = a.CreatedAt.In(paris).Add(time.Second)
		}
		rows = append(rows, &a)
	}
	if err := bulkTransaction(s.wb, func(tx *gorm.DB) error { return insertRows(tx, rows) }); err != nil {
		t.Fatal(err)
	}
	type stored struct {
		Name, Phones, Typologies, CreatedAt, UpdatedAt, Types string
		Latitude, Quality                                     float64
	}
	for _, a := range rows {
		var got stored
		if err := s.r.Raw(`SELECT name, phones, typologies, created_at || '' AS created_at, updated_at || '' AS updated_at,
			typeof(name) || typeof(phones) || typeof(typologies) || typeof(created_at) || typeof(updated_at) ||
			typeof(latitude) || typeof(quality) AS types, latitude, quality
			FROM actors WHERE id = ?`, a.ID).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		phones, _ := a.Phones.Value()
		typologies, _ := a.Typologies.Value()
		want := stored{a.Name, phones.(string), typologies.(string), a.CreatedAt.Format(sqlite3.SQLiteTimestampFormats[0]),
			a.UpdatedAt.Format(sqlite3.SQLiteTimestampFormats[0]), strings.Repeat("text", 5) + "realreal", *a.Latitude, a.Quality}
		if got != want {
			t.Fatalf("row %s stored %+v, want %+v", a.SourceID, got, want)
		}
	}
}
