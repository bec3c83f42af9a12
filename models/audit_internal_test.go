package models

import (
	"reflect"
	"testing"
)

// TestDiffFieldsCreate: a creation's history lists exactly the fields whose
// JSON-ready value is not empty, whether or not the quick emptiness check
// decided first.
func TestDiffFieldsCreate(t *testing.T) {
	zero, empty, parent := 0.0, "", "01JZ0000000000000000000000"
	capacity := 0
	records := []any{
		&Actor{},
		&Actor{Name: "Médiathèque", ParentID: &empty, Latitude: &zero, Longitude: &zero, ContactPublic: true,
			Address: Address{Street: "1 rue de la Paix", PostalCode: "06000"}, Phones: StringList{}, Emails: StringList{"a@b.fr"}},
		&Actor{ParentID: &parent},
		&Service{},
		&Service{Name: "Aide", Capacity: &capacity, OnSite: true, Latitude: &zero},
	}
	for _, r := range records {
		// What diffFields listed before the quick check.
		want := []FieldChange{}
		v := reflect.Indirect(reflect.ValueOf(r))
		for _, f := range auditFields(v.Type()) {
			if nv := plain(v.FieldByIndex(f.index)); !isEmpty(nv) {
				want = append(want, FieldChange{Field: f.name, New: nv})
			}
		}
		if got := diffFields(nil, r); !reflect.DeepEqual(got, want) {
			t.Errorf("diffFields(nil, %T):\n got %+v\nwant %+v", r, got, want)
		}
	}
}
