package models

import (
	"encoding/json"
	"reflect"
	"strings"
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

// TestAuditStoresNoNulls: a creation's event does not store "old":null for
// every field (a fifth of what an import wrote), and reading it back gives
// the same changes, an update's old and new values included, zeros kept.
func TestAuditStoresNoNulls(t *testing.T) {
	zero := 0.0
	created := &Actor{Name: "Médiathèque", Latitude: &zero, Longitude: &zero, Address: Address{Street: "1 rue de la Paix", PostalCode: "06000"}}
	updated := *created
	updated.Name, updated.Latitude = "Médiathèque Nucéra", nil
	for _, c := range []struct{ before, after any }{{nil, created}, {created, &updated}} {
		changes := diffFields(c.before, c.after)
		ev, err := auditEvent(t.Context(), changeEvent{Change: Change{Entity: EntityActor, Op: ChangeCreate}, Before: c.before, After: c.after})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(ev.Changes, "null") {
			t.Errorf("stored %s", ev.Changes)
		}
		var back []FieldChange
		if err := json.Unmarshal([]byte(ev.Changes), &back); err != nil {
			t.Fatal(err)
		}
		// Compared as the API writes them: null values written out.
		type written struct {
			Field string `json:"field"`
			Old   any    `json:"old"`
			New   any    `json:"new"`
		}
		asWritten := func(cs []FieldChange) []byte {
			out := make([]written, len(cs))
			for i, c := range cs {
				out[i] = written(c)
			}
			b, _ := json.Marshal(out)
			return b
		}
		want, got := asWritten(changes), asWritten(back)
		if !reflect.DeepEqual(normalizeJSON(t, want), normalizeJSON(t, got)) {
			t.Errorf("read back %s, want %s", got, want)
		}
	}
}

func normalizeJSON(t *testing.T, b []byte) any {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
