package models

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

func validActor() Actor {
	return Actor{Name: "Médiathèque", Address: Address{Street: "1 rue", PostalCode: "13001", Commune: "Marseille"}}
}

func TestActorValidate(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		name   string
		edit   func(a *Actor)
		fields []string
	}{
		{"OK", func(a *Actor) {}, nil},
		{"OK overseas phone from the postal code", func(a *Actor) {
			a.Address.PostalCode = "97110"
			a.Phones = StringList{"0590 12 34 56"}
		}, nil},
		{"ErrInvalid name", func(a *Actor) { a.Name = "  " }, []string{"name"}},
		{"ErrInvalid vocabulary", func(a *Actor) { a.Typologies = StringList{"BIB", "NOPE"} }, []string{"typologies[1]"}},
		{"ErrInvalid too many values", func(a *Actor) {
			for i := range 21 {
				a.Emails = append(a.Emails, fmt.Sprintf("a%d@example.fr", i))
			}
		}, []string{"emails"}},
		{"ErrInvalid coordinates", func(a *Actor) { a.Latitude = f(100) }, []string{"latitude", "longitude"}},
		{"ErrInvalid self parent", func(a *Actor) { id := NewID(); a.ID = id; a.ParentID = &id }, []string{"parent_id"}},
		{"ErrInvalid closed with reopening date", func(a *Actor) { a.Status = "closed"; a.ClosedUntil = "2026-01-01" }, []string{"closed_until"}},
		{"ErrInvalid bad date", func(a *Actor) { a.Status = "temporarily_closed"; a.ClosedFrom = "14/07/2026" }, []string{"closed_from"}},
		{"ErrInvalid source", func(a *Actor) { a.Source = "Hub du Sud!" }, []string{"source"}},
		{"ErrInvalid email", func(a *Actor) { a.Emails = StringList{"Jean <jean@example.fr>"} }, []string{"emails[0]"}},
		{"ErrInvalid url", func(a *Actor) { a.BookingURL = "javascript:alert(1)" }, []string{"booking_url"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := validActor()
			tc.edit(&a)
			a.Normalize()
			err := a.Validate()
			var got []string
			var e *Error
			if errors.As(err, &e) {
				if e.Code != EINVALID {
					t.Fatalf("code %s", e.Code)
				}
				for _, f := range e.Fields {
					got = append(got, f.Field)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.fields {
				if !slices.Contains(got, w) {
					t.Errorf("fields %v lack %s", got, w)
				}
			}
			if tc.fields == nil && err != nil {
				t.Errorf("unexpected %v", err)
			}
		})
	}
}

func TestServiceValidate(t *testing.T) {
	s := Service{ActorID: NewID(), Name: "Atelier", Kind: "collective_workshop", Themes: StringList{"loisirs-et-creations-numeriques"}, OnSite: true,
		Languages: StringList{"FR"}, Fees: StringList{"payant", "Payant"}}
	s.Normalize()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Themes, StringList{"Loisirs et créations numériques"}) || !reflect.DeepEqual(s.Fees, StringList{"Payant"}) || s.Status != "published" {
		t.Errorf("normalised: %+v", s)
	}
}

// FuzzActorNormalize checks that Normalize never panics and is idempotent:
// normalising a normalised actor changes nothing, so a record read back and
// saved again is never rewritten.
func FuzzActorNormalize(f *testing.F) {
	f.Add("Médiathèque", "35600000000048", "bib", "04 91 00 00 00", "13001", "2A004", "Mo-Fr 09:00-12:00", "www.example.fr", "Étapes numériques (La Poste)")
	f.Add(" x ", "W2A1000119", "Ccas", "+33 (0)1 23 45 67 89", "97110", "", "24/7", "http://a.fr", "nope")
	f.Fuzz(func(t *testing.T, name, pivot, typology, phone, postal, insee, hours, site, label string) {
		a := Actor{Name: name, Pivot: pivot, Typologies: StringList{typology}, Phones: StringList{phone}, Websites: StringList{site},
			OpeningHours: hours, TrainingLabels: StringList{label}, Address: Address{Street: "x", PostalCode: postal, Commune: "c", InseeCode: insee}}
		a.Normalize()
		_ = a.Validate()
		b := a
		b.Typologies = slices.Clone(a.Typologies)
		b.Phones = slices.Clone(a.Phones)
		b.Websites = slices.Clone(a.Websites)
		b.TrainingLabels = slices.Clone(a.TrainingLabels)
		b.Normalize()
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("Normalize is not idempotent:\n%+v\n%+v", a, b)
		}
	})
}

func FuzzCursor(f *testing.F) {
	f.Add(encodeCursor(cursor{Sort: SortName, ID: NewID(), Name: "x"}), SortName)
	f.Add("eyJzIjoibmFtZSJ9", SortID)
	f.Fuzz(func(t *testing.T, s, sort string) {
		c, err := decodeCursor(s, sort)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != EBADREQUEST {
				t.Fatalf("%v", err)
			}
			return
		}
		if c.Sort != sort || !ValidID(c.ID) {
			t.Fatalf("accepted %+v", c)
		}
	})
}
