package openinghours

import "fmt"

// ParseError describes why Parse rejected a value. Its message is meant to
// be shown to the person who typed the value (an API user), so Reason
// names what was expected and what was found, or which OSM feature is not
// supported, rather than just "syntax error".
type ParseError struct {
	// Pos is the 0-based byte offset in the input where the problem was
	// found.
	Pos int
	// Reason is a short English explanation, without the position.
	Reason string
}

// Error returns Reason followed by the position, e.g.
// `expected a time like 09:00, found "Mo" at position 12`.
func (e *ParseError) Error() string {
	return fmt.Sprintf("%s at position %d", e.Reason, e.Pos)
}

func errorf(pos int, format string, args ...any) *ParseError {
	return &ParseError{Pos: pos, Reason: fmt.Sprintf(format, args...)}
}
