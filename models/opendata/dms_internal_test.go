package opendata

import (
	"math"
	"testing"
)

// TestDegreesMinutesSeconds (issue 11 item 4): coordinates written in
// degrees, minutes and seconds, as GPS apps and Wikipedia give them, are
// read; a value whose hemisphere is missing or contradicts its column is
// ambiguous and refused.
func TestDegreesMinutesSeconds(t *testing.T) {
	for _, c := range []struct {
		col, in string
		want    float64
		ok      bool
	}{
		{"latitude", `43°17'45.2"N`, 43 + 17.0/60 + 45.2/3600, true},
		{"latitude", `43° 17' 45" N`, 43 + 17.0/60 + 45.0/3600, true},
		{"latitude", `43°17′45,2″N`, 43 + 17.0/60 + 45.2/3600, true},
		{"latitude", `N 43°17'45"`, 43 + 17.0/60 + 45.0/3600, true},
		{"latitude", `21°06'S`, -(21 + 6.0/60), true},
		{"latitude", `43°17.753'N`, 43 + 17.753/60, true},
		{"longitude", `5°22'10.1"E`, 5 + 22.0/60 + 10.1/3600, true},
		{"longitude", `1°33'12"O`, -(1 + 33.0/60 + 12.0/3600), true},
		{"longitude", `1°33'12"W`, -(1 + 33.0/60 + 12.0/3600), true},
		{"longitude", `-1°33'12"`, -(1 + 33.0/60 + 12.0/3600), true},
		{"longitude", `+5°22'10"`, 5 + 22.0/60 + 10.0/3600, true},
		{"latitude", `43°17'45"`, 0, false},    // no hemisphere
		{"longitude", `5°22'10"`, 0, false},    // no hemisphere: east or west?
		{"longitude", `43°17'45"N`, 0, false},  // a latitude in the longitude column
		{"latitude", `43°75'00"N`, 0, false},   // 75 minutes
		{"latitude", `43°17'61"N`, 0, false},   // 61 seconds
		{"latitude", `-43°17'45"S`, 0, false},  // sign and hemisphere both
		{"latitude", `95°00'00"N`, 0, false},   // out of range
		{"latitude", `43 17 45`, 0, false},     // no marks: not read as DMS
		{"latitude", `N 43°17'45"N`, 0, false}, // two hemispheres
		{"latitude", `43°17'45"N 5°22'E`, 0, false},
	} {
		got, _, ok := readDMS(c.in, c.col)
		if ok != c.ok || ok && math.Abs(got-c.want) > 1e-9 {
			t.Errorf("readDMS(%q, %s) = %v, %v; want %v, %v", c.in, c.col, got, ok, c.want, c.ok)
		}
	}
	lat, lon, ok := dmsPair(`43°17'45.2"N 5°22'10.1"E`)
	if !ok || math.Abs(lat-(43+17.0/60+45.2/3600)) > 1e-9 || math.Abs(lon-(5+22.0/60+10.1/3600)) > 1e-9 {
		t.Errorf("dmsPair = %v %v %v", lat, lon, ok)
	}
	if _, _, ok := dmsPair(`5°22'10.1"E, 43°17'45.2"N`); !ok {
		t.Errorf("dmsPair in the order longitude, latitude not read")
	}
	if _, _, ok := dmsPair(`43°17'45.2"N 5°22'10.1"N`); ok {
		t.Errorf("two latitudes read as a pair")
	}
}

// FuzzReadDMS: no input panics, and a value read is in range.
func FuzzReadDMS(f *testing.F) {
	for _, s := range []string{`43°17'45.2"N`, `N 43° 17′ 45″`, `-1°33'12"`, `43°17,5'S`, `°'"NSEWO`, `43°17'45.2"N 5°22'10.1"E`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, col := range []string{"latitude", "longitude"} {
			if v, _, ok := readDMS(s, col); ok && (math.IsNaN(v) || math.Abs(v) > 180) {
				t.Errorf("readDMS(%q) = %v", s, v)
			}
		}
		if la, lo, ok := dmsPair(s); ok && (math.Abs(la) > 90 || math.Abs(lo) > 180) {
			t.Errorf("dmsPair(%q) = %v %v", s, la, lo)
		}
	})
}
