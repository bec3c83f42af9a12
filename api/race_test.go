//go:build race

package api_test

// raceEnabled: the race detector slows the walks of whole directories
// about fourfold; they sample pages under it.
const raceEnabled = true
