package search_test

import (
	"context"
	"path/filepath"
	"testing"

	"carnet/models"
	"carnet/models/modeltest"
	"carnet/models/search"
	"carnet/models/search/synth"
)

const pacaFile = "../../../shared/reference/data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json"

func openStore(t testing.TB) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// paca returns a store loaded with the real PACA sample and its index.
func paca(t testing.TB) (*models.Store, *search.Memory) {
	t.Helper()
	s := openStore(t)
	rep, err := modeltest.LoadStandardFile(context.Background(), s, pacaFile)
	if err != nil {
		t.Skipf("PACA sample not loadable (%v): it lives in ../shared/reference beside the repository", err)
	}
	if rep.Loaded < 500 {
		t.Fatalf("only %d PACA places loaded; %d skipped, first: %v", rep.Loaded, len(rep.Skipped), rep.Skipped[:min(3, len(rep.Skipped))])
	}
	m, err := search.NewMemory(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, m
}

// synthetic returns a store loaded with a generated territory and its index.
func synthetic(t testing.TB, actors, services int) (*models.Store, *search.Memory, *synth.Territory) {
	t.Helper()
	s := openStore(t)
	ter := synth.Generate(synth.Options{Seed: 7, Actors: actors, Services: services})
	if err := synth.Load(context.Background(), s, ter, 500); err != nil {
		t.Fatal(err)
	}
	m, err := search.NewMemory(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, m, ter
}
