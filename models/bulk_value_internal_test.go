package models

import (
	"context"
	"database/sql/driver"
	"reflect"
	"testing"
	"time"
)

// TestBulkValueAsDatabaseSQL: for every model written with insertRows,
// each column's value read by kind (bulkTable.value) is the driver value
// database/sql sends for GORM's value of the field
// (driver.DefaultParameterConverter of Field.ValueOf): with every field
// zero (nil pointers and lists, empty texts) and with every field set
// (pointers to values, lists, times, large integers).
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
			for j, f := range bt.fields {
				v, _ := f.ValueOf(ctx, rv)
				want, werr := driver.DefaultParameterConverter.ConvertValue(v)
				got, err := bt.value(ctx, j, rv)
				if (err != nil) != (werr != nil) || !reflect.DeepEqual(got, want) {
					t.Errorf("%T.%s: %#v (%v), database/sql sends %#v (%v)", m, f.Name, got, err, want, werr)
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
