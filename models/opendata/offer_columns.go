package opendata

import (
	"fmt"
	"slices"
	"strings"

	"carnet/models"
	"carnet/models/vocab"
)

// Offers published as one yes/no column per offer. Some producers write
// each offer as a column of its own, named after it (« Aide aux démarches
// administratives », « Prendre en main un ordinateur »), whose cells say
// oui or non, x, 1 or 0, true or false, Vrai or Faux. Read as columns of no
// version of the standard, such a file's places were stored without their
// offers (issue 11, item 4: a row is never imported without its offers
// while it names some).
//
// A column is read so when its header, folded as the vocabularies fold
// values, IS an offer some version of the standard names (v1's services,
// v0.1's, data·inclusion's digital thématiques the ANCT reads as them:
// vocab.LookupLegacy, no list of a producer's own), and its first cell that
// is not empty says yes or no: the row then has that offer when its cell
// says yes. A column named after an offer whose first value is text
// (« Oui, sur rendez-vous ») is free text, read as before: not read. A later
// cell that is neither yes, no nor empty is warned about and not read as
// yes. The offers are added to those of the services column, when the
// file has one (the union, and the row's reading says so). A producer's
// format is read by its mapping only (producer.go): not here.

// offerColumn is a column of the file named after an offer.
type offerColumn struct {
	key, name string // the column as Cells holds it, and as the file names it
	// text says the column's first value was neither yes nor no: free
	// text, not read; flags that it was yes or no.
	text, flags bool
	yes, no     int // rows saying yes, no
}

// yesNo reads a yes/no cell: « oui », « non », x, 1, 0, true, false,
// Vrai, Faux, yes, no (any case). ok is false for any other value.
func yesNo(s string) (yes, ok bool) {
	switch vocab.Slugify(s) {
	case "oui", "o", "true", "vrai", "yes", "y", "1", "x":
		return true, true
	case "non", "n", "false", "faux", "no", "0":
		return false, true
	}
	return false, false
}

// namesAnOffer says whether a column's name is an offer of some version of
// the standard: a value of the services column that gives themes (not a
// producer's « none », not a kind of place).
func namesAnOffer(name string) bool {
	m, ok := vocab.LookupLegacy(vocab.LegacyColumnServices, strings.TrimSpace(name))
	return ok && !m.Lossless && len(m.Values(vocab.NameThemes)) > 0
}

// offerColumnOf returns the column c (a folded name no version of the
// standard has) as an offer column when its name is an offer, remembered;
// nil otherwise.
func (r *Reader) offerColumnOf(c string) *offerColumn {
	if oc, seen := r.offerCols[c]; seen {
		return oc
	}
	if r.offerCols == nil {
		r.offerCols = map[string]*offerColumn{}
	}
	var oc *offerColumn
	name := r.names[c]
	if name == "" {
		name = c
	}
	if !knownColumn[c] && !strings.HasPrefix(c, producerPrefix) && namesAnOffer(name) {
		oc = &offerColumn{key: c, name: name}
	}
	r.offerCols[c] = oc
	return oc
}

// offersInColumns gives rec the offers its yes/no columns say yes to (see
// above), in the file's order of the columns.
func (r *Reader) offersInColumns(rec *Record) {
	if r.producer != nil || rec.Err != nil {
		return
	}
	var cols []*offerColumn
	if r.header != nil {
		if !r.offerColsDecided {
			// A CSV file's columns are its header's: looked up once.
			r.offerColsDecided = true
			for _, c := range r.unknown {
				if oc := r.offerColumnOf(c); oc != nil {
					r.csvOfferCols = append(r.csvOfferCols, oc)
				}
			}
		}
		cols = r.csvOfferCols
	} else {
		// A JSON row's columns in a fixed order: the first row giving a
		// column a value decides it, whatever a map's iteration meets.
		for c := range rec.Cells {
			if !knownColumn[c] {
				if oc := r.offerColumnOf(c); oc != nil {
					cols = append(cols, oc)
				}
			}
		}
		slices.SortFunc(cols, func(a, b *offerColumn) int { return strings.Compare(a.key, b.key) })
	}
	var offers []string
	for _, oc := range cols {
		v := strings.TrimSpace(rec.Cells[oc.key])
		yes, ok := yesNo(v)
		switch {
		case oc.text || v == "" || !ok && isPlaceholder(v):
			continue
		case !ok && !oc.flags:
			oc.text = true // its first value is text: read as before
			continue
		case !ok:
			rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: oc.name, Value: clip(v), Severity: SeverityWarning,
				Reason: fmt.Sprintf("neither yes nor no in this yes/no column of the offer « %s » (its cells say oui or non, x, 1 or 0, true or false): not read as yes", oc.name)})
			continue
		}
		oc.flags = true
		if !yes {
			oc.no++
			continue
		}
		oc.yes++
		offers = append(offers, oc.name)
	}
	if len(offers) == 0 {
		return
	}
	how := offersFromColumns
	if cur := rec.Cells["services"]; cur != "" {
		sep := "|"
		if strings.Contains(cur, ";") && !strings.Contains(cur, "|") {
			sep = ";" // v0.1's separator, which the cell's values follow
		}
		column := "the services column"
		if was := rec.Renamed["services"]; was != "" {
			column += " (" + was + ")"
		}
		how = column + "'s values, and " + how + ": both read"
		offers = append([]string{cur}, offers...)
		rec.Cells["services"] = strings.Join(offers, sep)
	} else {
		rec.Cells["services"] = strings.Join(offers, "|")
	}
	if rec.Renamed == nil {
		rec.Renamed = map[string]string{}
	}
	rec.Renamed["services"] = how
	// The file speaks of the row's offer through these columns, even
	// without a services column.
	rec.absent &^= models.FieldThemes
}

// OfferColumn says how the column c (as Columns names it) was read when it
// is a yes/no column of an offer: "" for any other column.
func (r *Reader) OfferColumn(c string) string {
	oc := r.offerCols[c]
	if oc == nil || !oc.flags {
		return ""
	}
	return fmt.Sprintf("read as a yes/no column of the offer « %s »: %d row(s) say yes (the offer read), %d no", oc.name, oc.yes, oc.no)
}

// offersFromColumns is how a row's services were read from yes/no columns:
// one text for the file's rows, whichever offers each says yes to; the
// columns are named once each (OfferColumn).
const offersFromColumns = "the offers of the file's yes/no columns named after them (one column per offer; see each column's line), each read when its cell says yes"
