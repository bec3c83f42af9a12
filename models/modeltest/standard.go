// Package modeltest holds test helpers for the models: loading the
// national standard's published files (the real PACA and Charente samples
// in shared/reference/data) into a Store through the real importer, so that
// tests see the data exactly as `carnet import` stores it.
package modeltest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"carnet/models"
	"carnet/models/opendata"
)

// Report says how many places of a file were loaded and which were not.
type Report struct {
	Loaded  int
	Skipped []string // "row N: reason" for each rejected place
}

// LoadStandardFile imports a file of the standard (CSV or JSON, any
// version) under a source named after the file.
func LoadStandardFile(ctx context.Context, store *models.Store, path string) (Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return Report{}, err
	}
	defer f.Close()
	source := strings.ToLower(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	if len(source) > 60 {
		source = source[len(source)-60:]
	}
	source = strings.Trim(source, "-_.")
	rep, err := opendata.Import(ctx, store, f, opendata.ImportOptions{Source: source})
	if err != nil {
		return Report{}, err
	}
	out := Report{Loaded: rep.Rows - rep.Rejected}
	for _, is := range rep.Issues {
		if is.Severity == opendata.SeverityError {
			out.Skipped = append(out.Skipped, fmt.Sprintf("row %d: %s %s", is.Row, is.Field, is.Reason))
		}
	}
	return out, nil
}
