package models

import "testing"

// TestLongListsAreNotParsed: a contact list over maxListItems is refused
// whole, so its values are not parsed first (60,000 phones of a 1 MiB body
// took seconds of the phone library's work before the refusal).
func TestLongListsAreNotParsed(t *testing.T) {
	calls := 0
	norm := func(s string) (string, error) { calls++; return s, nil }
	long := make(StringList, maxListItems+1)
	normalizeList(long, norm)
	if calls != 0 {
		t.Errorf("%d values of a list over %d parsed before its refusal", calls, maxListItems)
	}
	normalizeList(long[:maxListItems], norm)
	if calls != maxListItems {
		t.Errorf("a list at the limit: %d values parsed, want %d", calls, maxListItems)
	}
}
