//go:build !race

package opendata_test

const raceEnabled = false
