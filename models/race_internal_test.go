//go:build race

package models

// raceEnabled: the race detector slows the tests that read the whole
// commune reference about tenfold; they read a sample under it.
const raceEnabled = true
