package models

import "testing"

// TestNameKeyMemo: a record's name key is its name's, whatever was folded
// before — by PrepareSyncBatch, for another name, on a copy, or never (a
// record read from the database, whose key column is what was stored).
func TestNameKeyMemo(t *testing.T) {
	a := Actor{Name: "École des Arts"}
	PrepareSyncBatch("src", []Actor{a}, nil) // a copy: a itself is not prepared
	a.setKeys()
	if a.NameKey != NameKey("École des Arts") {
		t.Fatalf("key %q", a.NameKey)
	}
	copied := a
	a.Name = "Zèbre"
	a.setKeys()
	if a.NameKey != "zebre" || copied.NameKey != NameKey("École des Arts") {
		t.Errorf("after a rename: %q (copy %q)", a.NameKey, copied.NameKey)
	}
	copied.setKeys()
	if copied.NameKey != NameKey("École des Arts") {
		t.Errorf("copy: %q", copied.NameKey)
	}
	loaded := Actor{Name: "Zèbre", NameKey: "stale"} // as read from a row keyed by an older fold
	loaded.setKeys()
	if loaded.NameKey != "zebre" {
		t.Errorf("loaded: %q", loaded.NameKey)
	}
	svs := []SyncService{{Service: Service{Name: "Atelier Numérique", Status: "published"}, ActorSourceID: "a1"}}
	PrepareSyncBatch("src", nil, svs)
	if svs[0].NameKey != NameKey("Atelier Numérique") {
		t.Errorf("prepared service: %q", svs[0].NameKey)
	}
	svs[0].Name = "Autre"
	svs[0].setKeys()
	if svs[0].NameKey != "autre" {
		t.Errorf("renamed service: %q", svs[0].NameKey)
	}
}
