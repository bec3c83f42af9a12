package models

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func openTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestOnChange checks that listeners hear about committed writes, in order,
// before the write returns, and never about rolled-back ones.
func TestOnChange(t *testing.T) {
	s := openTestStore(t)
	var got []Change
	s.OnChange(func(_ context.Context, cs []Change) { got = append(got, cs...) })
	ctx := context.Background()
	a := validActor()
	if err := s.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	sv := Service{ActorID: a.ID, Name: "x", Kind: "one_off_help", Themes: StringList{"Utilisation sécurisée du numérique"}, OnSite: true}
	if err := s.CreateService(ctx, &sv); err != nil {
		t.Fatal(err)
	}
	bad := validActor()
	bad.Name = ""
	if err := s.CreateActor(ctx, &bad); err == nil {
		t.Fatal("invalid actor stored")
	}
	if _, err := s.ArchiveActor(ctx, a.ID, 0); err != nil {
		t.Fatal(err)
	}
	want := []struct{ entity, op string }{{EntityActor, ChangeCreate}, {EntityService, ChangeCreate}, {EntityActor, ChangeArchive}, {EntityService, ChangeArchive}}
	if len(got) != len(want) {
		t.Fatalf("got %d changes: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].Entity != w.entity || got[i].Op != w.op || got[i].Seq == 0 || (i > 0 && got[i].Seq <= got[i-1].Seq) {
			t.Errorf("change %d: %+v, want %v", i, got[i], w)
		}
	}
	// The archived actor's read is visible at once (read-after-write).
	a2, err := s.GetActor(ctx, a.ID)
	if err != nil || !a2.IsArchived() {
		t.Errorf("read after write: %v %+v", err, a2)
	}
}

// TestOpenOddPath checks that a database path with URI-special characters
// opens that very file.
func TestOpenOddPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "carnet #1 ?50%.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database is not at %q: %v", path, err)
	}
}
