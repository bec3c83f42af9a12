package models

import (
	"testing"
	"time"
)

// TestAppendCreatedAsDiff holds appendCreated to what it replaces: the
// creation's changes as diffFields lists them and marshalChanges encodes
// them, byte for byte, for records given by pointer and by value, with
// fields empty, set, escaped and of every kind an actor or a service has.
func TestAppendCreatedAsDiff(t *testing.T) {
	lat, lon, capa := 43.2965, 5.3698, 0
	parent, empty := "p-1", ""
	at := time.Date(2026, 12, 2, 15, 4, 5, 0, time.UTC)
	full := validActor()
	full.ID, full.SourceID, full.Summary = NewID(), "riche-1", "Aide <administrative> & \"numérique\"\u2028"
	full.Phones, full.Emails, full.Websites = StringList{"+33491000000"}, StringList{"contact@exemple.fr"}, StringList{}
	full.Typologies, full.Latitude, full.Longitude, full.OpeningHours = StringList{"BIB", "é"}, &lat, &lon, "Mo-Fr 09:00-12:00"
	full.ParentID, full.ContactPublic, full.ArchivedAt, full.CreatedAt = &parent, true, &at, at
	emptyParent := validActor()
	emptyParent.ParentID = &empty
	service := Service{ID: NewID(), ActorID: "a-1", Name: "Atelier", Themes: StringList{"x"}, Fees: nil, OnSite: true,
		Latitude: &lat, Capacity: &capa, IsFull: false, BookingURL: "https://exemple.fr/?a=1&b=<2>", ArchivedAt: &at}
	for _, tt := range []struct {
		name   string
		record any
	}{
		{"nil", nil},
		{"nil actor", (*Actor)(nil)},
		{"zero actor", &Actor{}},
		{"actor", &full},
		{"actor by value", full},
		{"actor with an empty parent", &emptyParent},
		{"zero service", &Service{}},
		{"service", &service},
		{"service by value", service},
	} {
		want, err := marshalChanges(diffFields(nil, tt.record))
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendCreated(nil, tt.record)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: appendCreated\n %s (%v)\nmarshalChanges(diffFields)\n %s", tt.name, got, err, want)
		}
	}
}
