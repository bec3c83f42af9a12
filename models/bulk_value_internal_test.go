package models

import (
	"context"
	"database/sql/driver"
	"reflect"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
)

// TestBulkValueAsDatabaseSQL: for every model written with insertRows,
// each column's value read by kind (bulkTable.value) is the driver value
// database/sql sends for GORM's value of the field
// (driver.DefaultParameterConverter of Field.ValueOf): with every field
// zero (nil pointers and lists, empty texts) and with every field set
// (pointers to values, lists, times, large integers). For SQLite, whose
// driver binds a time as text, a time is that text (timeBinder), the same
// for a row's second equal time.
func TestBulkValueAsDatabaseSQL(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	models := []any{&Actor{}, &Service{}, &Change{}, &AuditEvent{}, &DuplicateLink{}}
	for _, m := range models {
		bt := mustBulkTable(t, s.w, m)
		zero := reflect.New(reflect.TypeOf(m).Elem())
		set := reflect.New(reflect.TypeOf(m).Elem())
		fill(set.Elem(), 0)
		for _, row := range []reflect.Value{zero, set} {
			rv := row.Elem()
			tb := &timeBinder{}
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
				got, err = bt.value(ctx, j, rv, tb)
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
		v.SetString("é" + v.Type().Name())
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

// TestTimeBinderText: the text of each time is its own, whatever the
// times before it (zones, instants a nanosecond apart, the zero time).
func TestTimeBinderText(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	at := time.Date(2026, 12, 3, 14, 3, 1, 632148000, time.UTC)
	tb := &timeBinder{}
	for _, tt := range []time.Time{at, at, at.In(paris), at, at.Add(time.Nanosecond), {}, at, {}} {
		want := tt.Format(sqlite3.SQLiteTimestampFormats[0])
		if got := tb.bind(tt); got != want {
			t.Errorf("bind(%v) = %v, want %q", tt, got, want)
		}
	}
}
