package opendata_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"testing"

	"carnet/models/modeltest"
	"carnet/models/opendata"
)

var resolutionsOut = flag.String("resolutions", "", "TestDumpResolutions writes every imported place's commune and the report's issues here")

// TestDumpResolutions imports every reference file (and 3,000 synthetic
// places) and writes, one line a place, the address each place was stored
// with (postal code, commune, INSEE code, département, point) and every
// issue of the reports: run with -resolutions=FILE on two versions and
// compare the files (a change that speeds the resolution of communes must
// leave them identical; issue 11, item 6).
//
//	go test ./models/opendata -run TestDumpResolutions -args -resolutions=/tmp/before.txt
func TestDumpResolutions(t *testing.T) {
	if *resolutionsOut == "" {
		t.Skip("-resolutions not given")
	}
	files, _ := modeltest.ReferenceFiles(refDir)
	type input struct {
		name string
		data []byte
	}
	var inputs []input
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{f.Name, data})
	}
	var syn bytes.Buffer
	if err := opendata.WriteSynthetic(&syn, 3000, 1); err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, input{"synthetic", syn.Bytes()})
	var out bytes.Buffer
	for _, in := range inputs {
		s := openStore(t)
		rep := importBytes(t, s, in.data, opendata.ImportOptions{Source: "dump"})
		var lines []string
		for _, a := range allActors(t, s) {
			lat, lon := "-", "-"
			if a.Latitude != nil && a.Longitude != nil {
				lat, lon = fmt.Sprint(*a.Latitude), fmt.Sprint(*a.Longitude)
			}
			lines = append(lines, fmt.Sprintf("%s\tplace\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", in.name, a.SourceID, a.Address.PostalCode, a.Address.Commune, a.Address.InseeCode, a.Departement, lat, lon, a.Address.Street))
		}
		slices.Sort(lines)
		for _, is := range rep.Issues {
			lines = append(lines, fmt.Sprintf("%s\tissue\t%d\t%s\t%s\t%s\t%s", in.name, is.Row, is.Field, is.Severity, is.Value, is.Reason))
		}
		for _, l := range lines {
			out.WriteString(l + "\n")
		}
		t.Logf("%s: %d places, %d issues", in.name, rep.Rows, len(rep.Issues))
	}
	if err := os.WriteFile(*resolutionsOut, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
