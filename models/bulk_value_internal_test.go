package models

import (
	"context"
	"database/sql/driver"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// TestBulkValueAsDatabaseSQL: for every model written with insertRows,
// each column's value read by kind (bulkTable.value) is the driver value
// database/sql sends for GORM's value of the field
// (driver.DefaultParameterConverter of Field.ValueOf): with every field
// zero (nil pointers and lists, empty texts) and with every field set
// (pointers to values, lists, times, large integers). For SQLite, whose
// driver binds a time as text, a time is that text (binder), the same for
// a row's second equal time; and through a binder, a text is the same
// value whether or not the column's previous text was the same.
func TestBulkValueAsDatabaseSQL(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	models := []any{&Actor{}, &Service{}, &Change{}, &AuditEvent{}, &DuplicateLink{}}
	for _, m := range models {
		bt := mustBulkTable(t, s.w, m)
		zero := reflect.New(reflect.TypeOf(m).Elem())
		set := reflect.New(reflect.TypeOf(m).Elem())
		fill(set.Elem(), 0)
		other := reflect.New(reflect.TypeOf(m).Elem())
		fill(other.Elem(), 1)
		// One binder for the rows in turn, as insertRows binds a batch.
		b := newBinder(len(bt.fields), true)
		for _, row := range []reflect.Value{zero, set, set, other, zero, set} {
			rv := row.Elem()
			for j, f := range bt.fields {
				v, _ := f.ValueOf(ctx, rv)
				want, werr := driver.DefaultParameterConverter.ConvertValue(v)
				got, err := bt.value(ctx, j, rv, nil)
				if (err != nil) != (werr != nil) || !reflect.DeepEqual(got, want) {
					t.Errorf("%T.%s: %#v (%v), database/sql sends %#v (%v)", m, f.Name, got, err, want, werr)
				}
				if tt, ok := want.(time.Time); ok {
					want = tt.Format(sqlite3.SQLiteTimestampFormats[0])
				}
				got, err = bt.value(ctx, j, rv, b)
				if (err != nil) != (werr != nil) || !reflect.DeepEqual(got, want) {
					t.Errorf("%T.%s: %#v (%v) for SQLite, its driver binds %#v (%v)", m, f.Name, got, err, want, werr)
				}
			}
		}
	}
}

// fill gives every settable field of v a value other than its zero,
// following pointers and embedded structs.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("é" + v.Type().Name() + strings.Repeat("+", depth))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1000 + int64(depth))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1000)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(43.296482)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 3, 4, 5, 6, 7, 8000, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	}
}

// TestBinder: each text and time bound is its own, whatever was bound
// before it (zones, instants a nanosecond apart, the zero time; texts
// equal, different, empty); a driver that binds times itself gets none.
func TestBinder(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	at := time.Date(2026, 12, 3, 14, 3, 1, 632148000, time.UTC)
	b := newBinder(2, true)
	for _, tt := range []time.Time{at, at, at.In(paris), at, at.Add(time.Nanosecond), {}, at, {}} {
		want := tt.Format(sqlite3.SQLiteTimestampFormats[0])
		if got := b.time(tt); got != want {
			t.Errorf("time(%v) = %v, want %q", tt, got, want)
		}
	}
	for i, s := range []string{"a", "a", "", "b", "a", "", ""} {
		for j := range 2 {
			if got := b.text(j, s+strings.Repeat("x", j)); got != s+strings.Repeat("x", j) {
				t.Errorf("text %d of column %d = %#v, want %q", i, j, got, s)
			}
		}
	}
	if got := newBinder(1, false).time(at); got != nil {
		t.Errorf("time for a driver binding times itself = %#v", got)
	}
}

// TestAppendSQLiteTime: the time text the bulk writer binds is the one
// mattn/go-sqlite3 writes (its first timestamp format), byte for byte, for
// zones east and west, with seconds in their offset, nanoseconds with
// trailing zeros or none, years of fewer or more than four digits and the
// zero time.
func TestAppendSQLiteTime(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("CET", 3600), time.FixedZone("", -(3*3600 + 30*60)),
		time.FixedZone("LMT", 561), time.FixedZone("", -561), time.FixedZone("", 14*3600)}
	base := []time.Time{{}, time.Date(2026, 12, 3, 14, 3, 1, 632148000, time.UTC), time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(999, 2, 28, 23, 59, 59, 999999999, time.UTC), time.Date(12026, 7, 4, 9, 8, 7, 100, time.UTC),
		time.Date(-44, 3, 15, 12, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 120000000, time.UTC)}
	for _, tt := range base {
		for _, z := range zones {
			for _, ns := range []time.Duration{0, 1, 10, 1000, 999999} {
				in := tt.Add(ns).In(z)
				want := in.Format(sqlite3.SQLiteTimestampFormats[0])
				if got := string(appendSQLiteTime(nil, in)); got != want {
					t.Errorf("appendSQLiteTime(%v) = %q, want %q", in, got, want)
				}
			}
		}
	}
}

// bulkOdd is a model of the shapes no stored model has yet: numbers of
// every width, pointers to them, a struct embedded by value and one by
// pointer (whose fields value reads through reflect: see fieldAt), and
// times GORM stamps on create.
type bulkOdd struct {
	ID   int64 `gorm:"primaryKey"`
	I8   int8
	I16  int16
	I32  int32
	I    int
	U8   uint8
	U16  uint16
	U32  uint32
	U    uint
	U64  uint64
	F32  float32
	PI32 *int32
	PF32 *float32
	PU16 *uint16
	PT   *time.Time
	L    StringList
	BulkOddByValue
	*BulkOddByPointer
	Made    time.Time `gorm:"autoCreateTime"`
	Touched time.Time `gorm:"autoUpdateTime"`
}

type BulkOddByValue struct {
	Inner string
	Size  int16
}

type BulkOddByPointer struct {
	Far  string
	Farn *int8
}

// TestBulkValueOfEveryShape: bulkTable.value reads every shape of field —
// at its offset, or through reflect past an embedded pointer (nil or
// not) — as database/sql sends GORM's value of it, and insertRows stamps
// the zero times GORM stamps on create and keeps the others.
func TestBulkValueOfEveryShape(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	bt := mustBulkTable(t, s.w, &bulkOdd{})
	direct := 0
	for j := range bt.fields {
		if bt.at[j].direct {
			direct++
		}
	}
	if direct == 0 || direct == len(bt.fields) {
		t.Fatalf("%d of %d columns read in place: the test reads no shape of one of the two ways", direct, len(bt.fields))
	}
	zero, set, small := &bulkOdd{}, &bulkOdd{}, &bulkOdd{}
	fill(reflect.ValueOf(set).Elem(), 0)
	small.BulkOddByPointer = &BulkOddByPointer{}
	small.I8, small.I16, small.I32, small.I, small.F32, small.U64 = -128, -32768, -1<<31, -7, -1.5, 1<<63-1
	for _, row := range []*bulkOdd{zero, set, small} {
		rv := reflect.ValueOf(row).Elem()
		b := newBinder(len(bt.fields), true)
		for j, f := range bt.fields {
			v, _ := f.ValueOf(ctx, rv)
			want, werr := driver.DefaultParameterConverter.ConvertValue(v)
			got, err := bt.value(ctx, j, rv, nil)
			if (err != nil) != (werr != nil) || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %#v (%v), database/sql sends %#v (%v)", f.Name, got, err, want, werr)
			}
			if tt, ok := want.(time.Time); ok {
				want = tt.Format(sqlite3.SQLiteTimestampFormats[0])
			}
			if got, err = bt.value(ctx, j, rv, b); (err != nil) != (werr != nil) || !reflect.DeepEqual(got, want) {
				t.Errorf("%s for SQLite: %#v (%v), its driver binds %#v (%v)", f.Name, got, err, want, werr)
			}
		}
	}
	high := &bulkOdd{U64: 1 << 63}
	rv := reflect.ValueOf(high).Elem()
	for j, f := range bt.fields {
		if _, err := bt.value(ctx, j, rv, nil); (err != nil) != (f.Name == "U64") {
			t.Errorf("%s of a uint64 with its high bit set: %v", f.Name, err)
		}
	}
	if err := s.w.Exec("CREATE TABLE bulk_odds (id INTEGER PRIMARY KEY, i8, i16, i32, i, u8, u16, u32, u, u64, f32, pi32, pf32, pu16, pt, l, inner, size, far, farn, made, touched)").Error; err != nil {
		t.Fatal(err)
	}
	kept := time.Date(2020, 1, 2, 3, 4, 5, 6000, time.UTC)
	stamped, own := &bulkOdd{}, &bulkOdd{Made: kept, Touched: kept}
	if err := s.w.Transaction(func(tx *gorm.DB) error { return insertRows(tx, []*bulkOdd{stamped, own}) }); err != nil {
		t.Fatal(err)
	}
	if stamped.Made.IsZero() || stamped.Touched.IsZero() || !own.Made.Equal(kept) || !own.Touched.Equal(kept) {
		t.Errorf("times on create: %v %v (zero: stamped), %v %v (set: kept)", stamped.Made, stamped.Touched, own.Made, own.Touched)
	}
}
