package models

import (
	"context"
	"database/sql/driver"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// BenchmarkBulkValues: the driver values of 1,000 actors and 1,000
// services as insertRows reads them (bulkTable.value through a binder),
// each row with an id, a name and times of its own as an import's rows:
// the writer's Go share of a first import's INSERTs (issue 11, item 6).
func BenchmarkBulkValues(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "t.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 12, 6, 15, 0, 0, 0, time.UTC)
	var actors, services []reflect.Value
	for i := range 1000 {
		a, sv := new(Actor), new(Service)
		fill(reflect.ValueOf(a).Elem(), 0)
		fill(reflect.ValueOf(sv).Elem(), 0)
		a.ID, a.Name, a.SourceID = NewID(), fmt.Sprintf("Lieu %d", i), fmt.Sprint(i)
		a.CreatedAt, a.UpdatedAt = at.Add(time.Duration(i)), at.Add(time.Duration(i))
		sv.ID, sv.ActorID, sv.Name = NewID(), a.ID, fmt.Sprintf("Offre %d", i)
		sv.CreatedAt, sv.UpdatedAt = at.Add(time.Duration(i)), at.Add(time.Duration(i))
		actors, services = append(actors, reflect.ValueOf(a).Elem()), append(services, reflect.ValueOf(sv).Elem())
	}
	var args []driver.NamedValue
	read := func(model any, rows []reflect.Value) {
		bt, err := bulkTableOf(s.w, model)
		if err != nil {
			b.Fatal(err)
		}
		bd := newBinder(len(bt.fields), true)
		for _, rv := range rows {
			for j := range bt.fields {
				v, err := bt.value(context.Background(), j, rv, bd)
				if err != nil {
					b.Fatal(err)
				}
				args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: v})
			}
		}
		args = args[:0]
	}
	b.ReportAllocs()
	for b.Loop() {
		read(&Actor{}, actors)
		read(&Service{}, services)
	}
}
