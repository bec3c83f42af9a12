package opendata

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Files in a producer's own format. The standard requires an id per place,
// but the files producers publish from their own tools often have none
// under that name (the inputs of ANCT's mednum-cli: Hinaura's form, the
// Gironde and Haute-Vienne maps, France services' list, Aidants Connect's
// export…). mednum-cli is configured producer by producer with the column
// holding each one's identifier (« gid », « objectid », « ID_LieuMed »,
// « id_fs », « TYPO_UID », « GlobalID »), or numbers the rows when there is
// none — which gives another place the same id as soon as a row is added
// or removed. Carnet reads the ids the same way by a general rule:
//
//   - a file without an id column whose first place has a value under a
//     column named as an identifier (see producerIDColumn) reads that
//     column as id, with a reading;
//   - a file with neither gives each row without an id one derived from
//     the source, the place's name and its address (see deriveID): the
//     same on every import while they stay the same, whatever the rows'
//     order, with a warning on each row saying so;
//   - a file whose first place has an id keeps rejecting a row without
//     one: its producer forgot it, and a derived id would duplicate the
//     place the day the producer fills it in.

// ids decides, at the file's first place, where its ids come from, and
// applies it to rec.
func (r *Reader) ids(rec *Record) {
	if rec.Err != nil {
		return
	}
	if v := rec.Cells["id"]; v != "" && v[0] >= '0' && v[0] <= '9' {
		// A number written by a tool that held it as a float: pandas'
		// « 124.0 » is the id 124; Excel's « 1.23457E+13 » lost digits
		// (probe 41a L1, L5).
		if m := spreadsheetFloat(v); m != nil {
			rec.Cells["id"], rec.idFloat = m[1], v
		} else if scientificID.MatchString(v) {
			rec.idFloat = v
		}
	}
	if r.producer != nil && slices.Contains(mapValues(r.producer.foldedCols), "id") {
		// The format's id column: a row without one gets a derived id.
		rec.DeriveID = strings.TrimSpace(rec.Cells["id"]) == ""
		return
	}
	if !r.idDecided {
		r.idDecided = true
		if strings.TrimSpace(rec.Cells["id"]) == "" {
			r.idColumn = producerIDColumn(rec.Cells)
			r.noIDs = r.idColumn == ""
		}
	}
	if strings.TrimSpace(rec.Cells["id"]) != "" {
		return
	}
	if r.idColumn != "" {
		if v := strings.TrimSpace(rec.Cells[r.idColumn]); v != "" {
			rec.set(columnReading{"id", "the file has no id column: « " + r.names[r.idColumn] + " », the producer's identifier of its places, read as id"}, v)
		}
		return
	}
	rec.DeriveID = r.noIDs
}

// scientificID is a number in a spreadsheet's scientific notation.
var scientificID = regexp.MustCompile(`^\d(?:[.,]\d+)?[eE][+]?\d+$`)

// IDSource says where the file's ids came from: "" (its id column), the
// name of the producer's column read as id, or "derived".
func (r *Reader) IDSource() string {
	switch {
	case r.idColumn != "":
		return r.names[r.idColumn]
	case r.noIDs:
		return "derived"
	}
	return ""
}

// Names returns the file's name of each column by its folded name.
func (r *Reader) Names() map[string]string { return r.names }

// idWords name an identifier alone (« gid » of PostGIS tables, « objectid »
// and « globalid » of ArcGIS exports); idParts are those words in a name of
// two (« id_fs », « TYPO_UID », « ID_LieuMed »).
var (
	idWords = []string{"id", "gid", "fid", "uid", "uuid", "guid", "objectid", "globalid", "recordid", "identifiant"}
	idParts = []string{"id", "uid", "uuid", "guid", "identifiant"}
	// notThePlace are what an identifier names when it is not the
	// place's: its structure or parent (data·inclusion's services carry
	// their structure_id), the geocoder's result (« result_id » is the
	// BAN's id of the address), a user, a source, an address.
	notThePlace = []string{"structure", "parent", "result", "user", "source", "adresse", "ban", "commune", "insee", "service", "pass", "datapass"}
)

// producerIDColumn returns the column of cells that holds the producer's
// identifier of its places, or "". Several candidates: a global one (a
// GUID) first, then the longest value, then the name.
func producerIDColumn(cells map[string]string) string {
	best, bestScore, bestLen := "", 0, 0
	for name, v := range cells {
		v = strings.TrimSpace(v)
		if v == "" || isPlaceholder(v) || slices.Contains(knownColumns, name) {
			continue
		}
		score := idScore(name)
		if score == 0 {
			continue
		}
		if score > bestScore || score == bestScore && (len(v) > bestLen || len(v) == bestLen && name < best) {
			best, bestScore, bestLen = name, score, len(v)
		}
	}
	return best
}

// idScore is 0 when the folded column name is no identifier of a place, 2
// for a global identifier, 1 for another.
func idScore(name string) int {
	name = strings.Trim(name, "_")
	words := strings.Split(name, "_")
	for _, w := range words {
		if slices.Contains(notThePlace, w) {
			return 0
		}
	}
	global := 1
	if strings.Contains(name, "global") || strings.Contains(name, "uuid") || strings.Contains(name, "guid") {
		global = 2
	}
	switch {
	case len(words) == 1 && slices.Contains(idWords, words[0]):
		return global
	case len(words) == 2 && (slices.Contains(idParts, words[0]) || slices.Contains(idParts, words[1])):
		return global
	}
	return 0
}

// DerivedIDPrefix starts the ids Carnet derives for places a file gives no
// id (see deriveID).
const DerivedIDPrefix = "carnet-"

// deriveID returns the id of a place the file gives none: a hash of the
// source, the name, the address and the postal code (the commune without
// them), folded as foldedAddress folds (case, accents, punctuation,
// spacing), so that the same place gets the same id on every import
// whatever its row, and a place renamed or moved gets a new one. "" when
// the row has no name or no address and no commune to tell it apart.
func deriveID(source string, cells map[string]string) string {
	name, street, postal, commune := foldText(cells["nom"]), foldText(cells["adresse"]), foldText(cells["code_postal"]), foldText(cells["commune"])
	if name == "" || street == "" && postal == "" && commune == "" {
		return ""
	}
	where := postal
	if where == "" {
		where = commune
	}
	sum := sha256.Sum256([]byte(source + "\x1f" + name + "\x1f" + street + "\x1f" + where))
	return DerivedIDPrefix + hex.EncodeToString(sum[:8])
}

// foldText folds s as foldedAddress does: lower-case letters without
// accents and digits, words separated by one space.
func foldText(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range s {
		c, ok := foldRune(r)
		if !ok {
			sep = b.Len() > 0
			continue
		}
		if sep {
			b.WriteByte(' ')
			sep = false
		}
		b.WriteString(c)
	}
	return b.String()
}

// derivedIDIssue is the warning on a row whose id was derived.
func derivedIDIssue(row int, id string) Issue {
	return Issue{Row: row, Field: "id", Severity: SeverityWarning,
		Reason: fmt.Sprintf("the file gives no id: %q derived from the source, name and address (the same on every import while they stay the same; renamed or moved, the place gets a new id — the standard requires an id: ask the producer for one)", id)}
}
