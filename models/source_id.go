package models

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeSourceID is the one reading of a partner's key (source_id,
// actor_source_id) on every path that takes one — sync batches, imports'
// ids, the REST API: Unicode NFC, and no white space at either end. The
// same id arrives from partners' systems composed (« é », NFC, as most
// write it) or decomposed (« e » and U+0301, NFD: macOS file names, some
// exports), with a no-break space a spreadsheet left at its end: compared
// byte for byte, each was another key, and the same place was created
// twice, even within one batch. Only the ends are trimmed: a space inside
// is part of the partner's id.
func NormalizeSourceID(id string) string {
	if isPlainKey(id) {
		return id // nearly every key: printable ASCII, nothing at the ends
	}
	// Invisible characters go too (zero-width space, BOM, word joiner), as
	// an import's cells lose them: sync refused a key an import had stored
	// without its zero-width space, and a snapshot then archived the
	// stored record as absent. Controls and text-direction characters,
	// which change how a key reads, are still refused by validation.
	return strings.TrimFunc(norm.NFC.String(strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, id)), unicode.IsSpace)
}

// isPlainKey reports whether id is printable ASCII without a space at
// either end, which NormalizeSourceID leaves as it is.
func isPlainKey(id string) bool {
	if id == "" || id[0] == ' ' || id[len(id)-1] == ' ' {
		return id == ""
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x20 || id[i] >= 0x7f {
			return false
		}
	}
	return true
}

// sourceIDWarning says that a record's key was read as another string than
// the one sent, so that a partner matching the answer's results by the id
// it sent finds its record: the result carries the id as stored.
func sourceIDWarning(field, sent, stored string) []FieldError {
	if sent == stored {
		return nil
	}
	return []FieldError{{Field: field, Reason: "was read as « " + stored + " » (Unicode NFC, invisible characters and white space at the ends removed): " +
		"the result's source_id and later batches use it, and an id sent either way names the same record"}}
}
