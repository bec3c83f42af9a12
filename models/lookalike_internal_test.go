package models

import (
	"slices"
	"testing"
)

// TestLookalikeNamesHeldBeforeTheRule: a place or a service named, before
// the rule, with letters of mixed scripts keeps its name through writes
// that leave it as it is (an edit of another field, a sync, a suggestion);
// a write that sets it, or a new record, is refused on name.
func TestLookalikeNamesHeldBeforeTheRule(t *testing.T) {
	const legacy = "Мédiathèque Alcazar"
	hasName := func(err error) bool {
		e, ok := err.(*Error)
		return ok && slices.ContainsFunc(e.Fields, func(f FieldError) bool { return f.Field == "name" })
	}
	a := Actor{Name: legacy}
	held := Actor{Name: legacy}
	if hasName(a.validateChange(&held)) {
		t.Errorf("an actor keeping its name is refused on it")
	}
	held.Name = "Médiathèque Alcazar"
	if !hasName(a.validateChange(&held)) || !hasName(a.validateChange(nil)) {
		t.Errorf("an actor renamed, or created, with mixed scripts is accepted")
	}
	s, before := Service{Name: legacy}, Service{Name: legacy}
	if hasName(s.validateChange(&before)) {
		t.Errorf("a service keeping its name is refused on it")
	}
	if !hasName(s.validateChange(nil)) {
		t.Errorf("a service created with mixed scripts is accepted")
	}
}
