package models

import (
	"testing"
	"unsafe"
)

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

// TestSetKeysLike: a prepared service takes the key of the batch's actor at
// its index when it has that actor's name, folds its own otherwise (another
// name, no actor there, an actor not folded), and a renamed service is
// folded again.
func TestSetKeysLike(t *testing.T) {
	actors := []Actor{
		{Name: "Médiathèque l'Alcazar", Source: "src", SourceID: "p1"},
		{Name: "Espace numérique Œuvre", Source: "src", SourceID: "p2"},
	}
	svs := []SyncService{
		{Service: Service{Name: "Médiathèque l'Alcazar", Status: "published"}, ActorSourceID: "p1"},
		{Service: Service{Name: "Atelier ʼIci", Status: "published"}, ActorSourceID: "p2"},
		{Service: Service{Name: "Troisième", Status: "published"}, ActorSourceID: "p1"},
	}
	PrepareSyncBatch("src", actors, svs)
	for i, sv := range svs {
		if want := NameKey(sv.Name); sv.NameKey != want {
			t.Errorf("service %d %q: key %q, want %q", i, sv.Name, sv.NameKey, want)
		}
	}
	// Taken, not folded again: the same string.
	if unsafe.StringData(svs[0].NameKey) != unsafe.StringData(actors[0].NameKey) {
		t.Errorf("the first service folded its name again rather than take its actor's key")
	}
	var fresh Service
	fresh.Name = "Médiathèque l'Alcazar"
	fresh.setKeysLike(&Actor{Name: fresh.Name, NameKey: "not folded"}) // an actor whose key was not folded
	if fresh.NameKey != NameKey(fresh.Name) {
		t.Errorf("from an actor not folded: %q", fresh.NameKey)
	}
	svs[0].Name = "Autre"
	svs[0].setKeys()
	if svs[0].NameKey != "autre" {
		t.Errorf("renamed: %q", svs[0].NameKey)
	}
}
