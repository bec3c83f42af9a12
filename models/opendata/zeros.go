package opendata

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"carnet/models"
)

// A spreadsheet opening a file reads an id of digits as a number and
// drops its leading zeros: the producer's next file gives « 123 » for the
// place stored under « 00123 », and a second record of it was created
// beside the first, without a word (probe 41a M2); the producer's tool
// puts them back, and « 00123 » came for the place stored under « 123 »
// (issue 11, session 42). An id of digits that no place of the source is
// stored under, equal to a stored one but for its leading zeros (dropped
// or added), is:
//
//   - that place when its name and address are the stored place's (both
//     folded, samePlace): updated under the id stored, with a warning (the
//     id stored stays the key);
//   - a new place otherwise, with a warning naming the stored id (two
//     places of the producer under ids its spreadsheet made alike, or the
//     same place moved: the report lets the producer tell).
//
// Several stored ids may be the row's but for their zeros (« 123 » and
// « 00123 » for « 0123 »): the row is the one at its name and address,
// the first in id order when several are, and the warning names the
// others.
//
// An older Carnet stored pandas' « 124.0 » as the id of the place this
// one reads « 124 » (probe 41a L1): the stored « 124.0 » is that place,
// which keeps its id, with a reading.
//
// Within one file, two rows whose ids differ only by leading zeros
// (« 00123 », then « 123 ») are one place at the same name and address:
// the later takes the earlier's id and is reported as its repetition (see
// readBatches); at another name or address they stay two places, the
// later warned with both ids.
//
// The stored ids of digits that start with a zero are read once, at the
// first batch with a new id of digits; the others are asked for each batch
// with new ids of digits, only when the source held places when the import
// began (never on a first import).

// zeroForm is the first row of a file whose id, without its leading
// zeros, is some digits (see zeroTwins).
type zeroForm struct {
	id        string // the id it took
	row       int
	addr, nom uint64 // its address and name, folded (samePlace)
}

// repeatOf is a row read as an earlier one's place, its id but for its
// leading zeros at the same name and address (see zeroTwins).
type repeatOf struct {
	written string // the row's id
	first   int    // the earlier row
}

// nameAndAddress are the folded address and the folded name of a row's cells.
func nameAndAddress(cells map[string]string) (addr, nom uint64) {
	nom = 14695981039346656037 // FNV-1a of the name's folded letters and digits, as foldedAddress
	for _, r := range cells["nom"] {
		if c, ok := foldRune(r); ok {
			for i := 0; i < len(c); i++ {
				nom = (nom ^ uint64(c[i])) * 1099511628211
			}
		}
	}
	return foldedAddress(cells), nom
}

// storedCells are the cells of a stored place nameAndAddress reads.
func storedCells(sp models.SourcePlace) map[string]string {
	return map[string]string{"adresse": sp.Address.Street, "code_postal": sp.Address.PostalCode, "nom": sp.Name, "commune": sp.Address.Commune}
}

// samePlace says whether a row's cells and a stored place's (or an
// earlier row's) have the same name and address, both folded.
func samePlace(cells, other map[string]string) bool {
	a1, n1 := nameAndAddress(cells)
	a2, n2 := nameAndAddress(other)
	return a1 == a2 && n1 == n2
}

// zeroTwins follows the ids of records (ids, their id cells) to the stored
// ids, or to the earlier rows' ids, they are but for their leading zeros,
// and to the stored « N.0 » of an id N (see above).
func (p *placeIDs) zeroTwins(ctx context.Context, store *models.Store, records []Record, ids []string, st *storedIDs) error {
	var ask []string // the stored forms asked of the batch's new ids of digits
	for _, id := range ids {
		if _, stored := st.hashes[id]; stored || !digitID(id) {
			continue
		}
		if p.zeroIDs == nil {
			places, err := store.LiveSourcePlaces(ctx, p.source, "0")
			if err != nil {
				return err
			}
			p.zeroIDs = map[string][]models.SourcePlace{}
			for _, sp := range places {
				if isDigits(sp.SourceID) {
					t := strings.TrimLeft(sp.SourceID, "0")
					p.zeroIDs[t] = append(p.zeroIDs[t], sp)
				}
			}
			if p.sourceLive, err = store.SourceHasLivePlaces(ctx, p.source); err != nil {
				return err
			}
		}
		if p.sourceLive {
			ask = append(ask, id+".0")
			if t := strings.TrimLeft(id, "0"); t != id {
				ask = append(ask, t)
			}
		}
	}
	var others map[string]models.SourcePlace
	if len(ask) > 0 {
		places, err := store.SourcePlacesByID(ctx, p.source, ask)
		if err != nil {
			return err
		}
		others = make(map[string]models.SourcePlace, len(places))
		for _, sp := range places {
			others[sp.SourceID] = sp
		}
	}
	for i, id := range ids {
		if _, stored := st.hashes[id]; stored || !digitID(id) {
			continue
		}
		rec := &records[i]
		if sp, ok := others[id+".0"]; ok {
			written := cmp.Or(rec.idFloat, id)
			if err := p.follow(ctx, store, rec, ids, i, sp.SourceID, st); err != nil {
				return err
			}
			if p.pandas == nil {
				p.pandas = map[int]string{}
			}
			p.pandas[rec.Row] = written
			continue
		}
		// Every stored form of the id but for its zeros (« 123 » and
		// « 00123 » for « 0123 »), in id order.
		t := strings.TrimLeft(id, "0")
		var cands []models.SourcePlace
		for _, sp := range p.zeroIDs[t] {
			if sp.SourceID != id {
				cands = append(cands, sp)
			}
		}
		if sp, ok := others[t]; ok {
			cands = append(cands, sp)
		}
		if len(cands) == 0 {
			continue
		}
		slices.SortFunc(cands, func(a, b models.SourcePlace) int { return strings.Compare(a.SourceID, b.SourceID) })
		same := slices.IndexFunc(cands, func(sp models.SourcePlace) bool { return samePlace(rec.Cells, storedCells(sp)) })
		is := Issue{Row: rec.Row, Field: "id", Value: clip(id), Severity: SeverityWarning}
		if same >= 0 {
			twin := cands[same].SourceID
			is.Reason = fmt.Sprintf("the id of the place stored as « %s » but for its leading zeros (a spreadsheet read it as a number, or the producer's tool put them back), at the same name and address: read as that place, the stored place « %s » (updated only where the row changed it; format the id column as text)", twin, twin)
			if len(cands) > 1 {
				is.Reason += fmt.Sprintf(". This id is also %s but for leading zeros: « %s » was chosen, %s", quotedIDs(cands, same), twin, zeroChoice(cands, rec.Cells))
			}
			if err := p.follow(ctx, store, rec, ids, i, twin, st); err != nil {
				return err
			}
		} else {
			is.Reason = fmt.Sprintf("a place of this source is stored as %s, this id but for its leading zeros, at another name or address: imported as another place (if a spreadsheet dropped or added the zeros of %s, give the id as written there)", quotedIDs(cands, -1), quotedIDs(cands, -1))
		}
		if p.zeros == nil {
			p.zeros = map[int]Issue{}
		}
		p.zeros[rec.Row] = is
	}
	p.zeroRepeats(records, ids)
	return nil
}

// quotedIDs are the ids of places but the skip-th, « a » and « b ».
func quotedIDs(places []models.SourcePlace, skip int) string {
	var ids []string
	for i, sp := range places {
		if i != skip {
			ids = append(ids, sp.SourceID)
		}
	}
	return quotedList(ids)
}

// zeroChoice says why a row whose id is several stored ids but for their
// leading zeros went to the one it did: the only one at its name and
// address, or the first in id order of those that are.
func zeroChoice(cands []models.SourcePlace, cells map[string]string) string {
	n := 0
	for _, sp := range cands {
		if samePlace(cells, storedCells(sp)) {
			n++
		}
	}
	if n == 1 {
		return "the only one at the row's name and address"
	}
	return "the first in the order of ids of those at the row's name and address (give the id as stored to choose)"
}

// follow reads records[i] as the place stored under id.
func (p *placeIDs) follow(ctx context.Context, store *models.Store, rec *Record, ids []string, i int, id string, st *storedIDs) error {
	hashes, err := store.SourceHashes(ctx, p.source, []string{id})
	if err != nil {
		return err
	}
	ids[i], rec.Cells["id"] = id, id
	st.hashes[id] = hashes[id]
	return nil
}

// zeroRepeats reads a row whose id is an earlier row's but for its leading
// zeros as that row's place at the same name and address (the later row
// takes the earlier's id: readBatches reports it as a repetition), and
// warns of it at another (see zeroTwins).
func (p *placeIDs) zeroRepeats(records []Record, ids []string) {
	for i, id := range ids {
		if !digitID(id) {
			continue
		}
		rec := &records[i]
		t := strings.TrimLeft(id, "0")
		first, ok := p.zeroForms[t]
		if !ok {
			if p.zeroForms == nil {
				p.zeroForms = map[string]zeroForm{}
			}
			addr, nom := nameAndAddress(rec.Cells)
			p.zeroForms[strings.Clone(t)] = zeroForm{id: strings.Clone(id), row: rec.Row, addr: addr, nom: nom}
			continue
		}
		if first.id == id {
			continue
		}
		if addr, nom := nameAndAddress(rec.Cells); addr == first.addr && nom == first.nom {
			if p.repeats == nil {
				p.repeats = map[int]repeatOf{}
			}
			p.repeats[rec.Row] = repeatOf{written: id, first: first.row}
			ids[i], rec.Cells["id"] = first.id, first.id
			continue
		}
		if _, warned := p.zeros[rec.Row]; warned {
			continue
		}
		if p.zeros == nil {
			p.zeros = map[int]Issue{}
		}
		p.zeros[rec.Row] = Issue{Row: rec.Row, Field: "id", Value: clip(id), Severity: SeverityWarning,
			Reason: fmt.Sprintf("row %d has the id « %s », this id « %s » but for its leading zeros, at another name or address: imported as two places, « %s » and « %s » (if a spreadsheet dropped or added the zeros of one, give the ids as the producer writes them)", first.row, first.id, id, first.id, id)}
	}
}

// digitID says whether id is some digits, with or without leading zeros,
// not all zeros.
func digitID(id string) bool {
	return id != "" && len(id) <= 20 && isDigits(id) && strings.TrimLeft(id, "0") != ""
}

// pandasReading says how a row was read as the place an older Carnet
// stored under its id followed by « .0 ».
var pandasReading = RowReading{Field: "id", How: "the place an older Carnet stored under this id followed by « .0 » (pandas' writing of a number, 124.0, read since as 124): read as that place, which keeps its stored id (updated only where the row changed it)"}
