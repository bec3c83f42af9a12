//go:build race

package opendata_test

// raceEnabled: the race detector slows imports about fourfold; the
// round trip of the large national file runs in one format under it.
const raceEnabled = true
