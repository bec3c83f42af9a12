package search_test

import (
	"context"
	"path/filepath"
	"testing"

	"carnet/models"
	"carnet/models/modeltest"
	"carnet/models/search"
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
