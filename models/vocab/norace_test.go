//go:build !race

package vocab

const raceEnabled = false
