package opendata

import (
	"context"
	"fmt"
	"strings"

	"carnet/models"
)

// A spreadsheet opening a file reads an id of digits as a number and
// drops its leading zeros: the producer's next file gives « 123 » for the
// place stored under « 00123 », and a second record of it was created
// beside the first, without a word (probe 41a M2). An id of digits that
// no place of the source is stored under, equal to a stored one but for
// its leading zeros, is:
//
//   - that place when its name and address are the stored place's (the
//     same fold as a place's bare id, foldedAddress): updated under the
//     id stored, with a warning (the producer's tool dropped or added the
//     zeros; the id stored stays the key);
//   - a new place otherwise, with a warning naming the stored id (two
//     places of the producer under ids its spreadsheet made alike, or the
//     same place moved: the report lets the producer tell).
//
// The stored ids of digits that start with a zero are read once, at the
// first batch with a new id of digits (none on most imports, and none on
// a first import's store); an id stored without its zeros and given with
// them is not followed.

// zeroTwins follows the ids of records (ids, their id cells) to the stored
// ids they are but for their leading zeros (see above).
func (p *placeIDs) zeroTwins(ctx context.Context, store *models.Store, records []Record, ids []string, st *storedIDs) error {
	for i, id := range ids {
		if _, stored := st.hashes[id]; stored || id == "" || len(id) > 20 || !isDigits(id) || strings.TrimLeft(id, "0") == "" {
			continue
		}
		if p.zeroIDs == nil {
			places, err := store.LiveSourcePlaces(ctx, p.source, "0")
			if err != nil {
				return err
			}
			p.zeroIDs = map[string]models.SourcePlace{}
			for _, sp := range places {
				if isDigits(sp.SourceID) {
					p.zeroIDs[strings.TrimLeft(sp.SourceID, "0")] = sp
				}
			}
		}
		sp, ok := p.zeroIDs[strings.TrimLeft(id, "0")]
		if !ok || sp.SourceID == id {
			continue
		}
		twin := sp.SourceID
		if p.zeros == nil {
			p.zeros = map[int]Issue{}
		}
		rec := &records[i]
		is := Issue{Row: rec.Row, Field: "id", Value: clip(id), Severity: SeverityWarning}
		if foldedAddress(rec.Cells) == foldedAddress(map[string]string{"adresse": sp.Address.Street,
			"code_postal": sp.Address.PostalCode, "nom": sp.Name, "commune": sp.Address.Commune}) {
			is.Reason = fmt.Sprintf("the id of the place stored as « %s » with its leading zeros dropped (a spreadsheet read it as a number), at the same name and address: read as that place, which is updated under « %s » (format the id column as text)", twin, twin)
			hashes, err := store.SourceHashes(ctx, p.source, []string{twin})
			if err != nil {
				return err
			}
			ids[i], rec.Cells["id"] = twin, twin
			st.hashes[twin] = hashes[twin]
		} else {
			is.Reason = fmt.Sprintf("a place of this source is stored as « %s », this id with leading zeros, at another name or address: imported as another place (if a spreadsheet dropped the zeros of « %s », give the id as written there)", twin, twin)
		}
		p.zeros[rec.Row] = is
	}
	return nil
}
