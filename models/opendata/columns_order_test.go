package opendata_test

import (
	"fmt"
	"testing"
)

// TestImportTwoColumnsOfOneNameReadAlike: Ultra Num's row of the CCAS of
// Saint-Louis carries « Latitude »: ";" beside « latitude »: -21.28…, two
// keys that read as one column. The first value met was kept, and a JSON
// object's keys were met in Go's random map order: the place had its
// coordinates in some imports and none in others, and the labelled set of
// new régions linked it in some runs only. Of two keys that read as one
// column, the key spelt as the format names it is read first, then the
// others in sorted order: every import reads a row alike.
func TestImportTwoColumnsOfOneNameReadAlike(t *testing.T) {
	json := `[{"Nom de l'organisation":"CCAS Saint Louis","Ville":"SAINT LOUIS","Code postal":97450,"Rue":"5 Rue Victor Hugo",` +
		`"Latitude":";","latitude":-21.281825,"longitude":55.413217,"Longitude":"x"}]`
	for i := range 40 {
		ps := places(t, json, "")
		if len(ps) != 1 {
			t.Fatalf("%d places", len(ps))
		}
		a := ps[0].Actor
		if got := fmt.Sprint(a.Latitude, a.Longitude); a.Latitude == nil || a.Longitude == nil || *a.Latitude != -21.281825 || *a.Longitude != 55.413217 {
			t.Fatalf("read %d: coordinates %s, want -21.281825 55.413217 (%+v)", i+1, got, ps[0].Issues)
		}
	}
}
