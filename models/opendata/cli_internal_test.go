package opendata

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProgressBar(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.csv")
	if err := os.WriteFile(path, bytes.Repeat([]byte("x"), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Seek(500, 0)
	var out bytes.Buffer
	progressBar(&out, f, 1000)(42)
	if got := out.String(); !strings.HasPrefix(got, "\r[###############...............]  50%") || !strings.HasSuffix(got, "42 places") {
		t.Errorf("progress %q", got)
	}
}
