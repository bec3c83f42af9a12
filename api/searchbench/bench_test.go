package searchbench

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchSearchSmall runs the benchmark command on a tiny territory: every
// shape is reported, and Run fails if any request failed.
func TestBenchSearchSmall(t *testing.T) {
	var out bytes.Buffer
	err := Run(context.Background(), []string{"search", "--actors", "300", "--services", "900", "--conns", "2",
		"--duration", "150ms", "--warmup", "20ms", "--db", filepath.Join(t.TempDir(), "b.db")}, func(string) string { return "" }, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"health (/healthz)", "broad prefix q=médiat", "answers reused", "selective words", "near me (10 km)",
		"near me + 2 filters + 7 facets", "open on Saturday", "orientation suggestions", "index update"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in:\n%s", want, out.String())
		}
	}
}

func TestBenchSeedStandard(t *testing.T) {
	const paca = "../../../shared/reference/data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json"
	var out bytes.Buffer
	db := filepath.Join(t.TempDir(), "s.db")
	env := func(k string) string {
		if k == "CARNET_DB" {
			return db
		}
		return ""
	}
	err := Run(context.Background(), []string{"seed", "--standard", paca}, env, &out)
	if err != nil && strings.Contains(err.Error(), "no such file") {
		t.Skip("the PACA sample lives in ../shared/reference beside the repository")
	}
	if err != nil || !strings.Contains(out.String(), "646 places loaded") {
		t.Fatalf("%v %s", err, out.String())
	}
	if err := Run(context.Background(), []string{"seed"}, env, &out); err == nil {
		t.Error("seed without a source accepted")
	}
}
