package opendata_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"carnet/models/modeltest"
	"carnet/models/opendata"
)

// The import report says how each row was read: a place whose producer
// declares no mobility but whose name says it moves (« Bus France
// Services », « … itinérante ») is read as itinerant by search; the report
// counts those rows. « Recyclo'Bus » (a brand, one address, weekday hours)
// is not among them.
func TestImportReportSaysMobilityReadFromNames(t *testing.T) {
	f, err := os.Open(filepath.Join(refDir, modeltest.NationalFile))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	rep, err := opendata.Import(context.Background(), openStore(t), f, opendata.ImportOptions{Source: "cnfs"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Readings {
		if r.Field == "itinerance" && strings.Contains(r.How, "name") {
			// Bus France Services ×5, Ordi Bus ×3, BUS MOBILE
			// INFORMATIQUE, the Marne's Itinérance, Emmaüs Connect
			// en itinérance, ITINERANCE … GENS DU VOYAGE.
			if r.Count != 12 {
				t.Errorf("%d rows read as itinerant from their names (%s), want 12", r.Count, r.Rows)
			}
			return
		}
	}
	t.Errorf("no reading of mobility from names: %+v", rep.Readings)
}
