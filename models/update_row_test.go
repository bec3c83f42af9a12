package models

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

// TestUpdateRowWritesWhatGORMWrote: updateRow stores an actor exactly as
// GORM's Model(a).Select("*").Omit("id", "created_at").Updates(a) did,
// every column read back equal, the update time stamped the same way;
// and so does its update of the changed columns only.
func TestUpdateRowWritesWhatGORMWrote(t *testing.T) {
	clock := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), Options{Now: func() time.Time { clock = clock.Add(time.Second); return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	a := &Actor{Name: "Médiathèque", Source: "hub", SourceID: "h1", Emails: StringList{"a@example.org"}, Phones: StringList{"+33491000000"}, Typologies: StringList{"MUNI"}, OpeningHours: "Mo-Fr 09:00-17:00",
		Address:  Address{Street: "2 place du Général de Gaulle", PostalCode: "13001", Commune: "Marseille"},
		Latitude: new(43.2965), Longitude: new(5.3698)}
	if err := s.CreateActor(ctx, a); err != nil {
		t.Fatal(err)
	}
	errRollback := errors.New("rollback")
	written := func(update func(tx *gorm.DB, before, a *Actor) error) (map[string]any, time.Time) {
		var row map[string]any
		var stamped time.Time
		err := s.write(ctx, func(tx *gorm.DB) error {
			b, err := lockActor(tx, a.ID, Precondition{})
			if err != nil {
				return err
			}
			loaded := *b
			b.Name, b.Emails, b.Latitude, b.ParentID = "Médiathèque de Noailles", nil, nil, nil
			// Changed in place: the copy loaded shares them.
			b.Phones[0], *b.Longitude = "+33491000001", 5.37
			b.UpdatedAt, b.Version = s.now(), b.Version+1
			if err := update(tx, &loaded, b); err != nil {
				return err
			}
			stamped = b.UpdatedAt
			row = map[string]any{}
			if err := tx.Raw("SELECT * FROM actors WHERE id = ?", a.ID).Scan(&row).Error; err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatal(err)
		}
		return row, stamped
	}
	clock0 := clock
	want, wantAt := written(func(tx *gorm.DB, _, b *Actor) error {
		return tx.Model(b).Select("*").Omit("id", "created_at").Updates(b).Error
	})
	for _, changedOnly := range []bool{false, true} {
		clock = clock0
		got, gotAt := written(func(tx *gorm.DB, before, b *Actor) error {
			if !changedOnly {
				before = nil
			}
			return updateRow(tx, before, b, "created_at")
		})
		compareRows(t, got, want, gotAt, wantAt)
	}
	if want["name"] != "Médiathèque de Noailles" || !strings.Contains(fmt.Sprint(want["phones"]), "+33491000001") || want["longitude"] != 5.37 {
		t.Fatalf("the update was not written: %v %v %v", want["name"], want["phones"], want["longitude"])
	}
}

func compareRows(t *testing.T, got, want map[string]any, gotAt, wantAt time.Time) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		for k := range want {
			if !reflect.DeepEqual(got[k], want[k]) {
				t.Errorf("%s: updateRow wrote %#v, GORM %#v", k, got[k], want[k])
			}
		}
		t.Fatalf("rows differ")
	}
	if !gotAt.Equal(wantAt) {
		t.Fatalf("updated_at set to %v in the struct, GORM %v", gotAt, wantAt)
	}
}
