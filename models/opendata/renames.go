package opendata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"carnet/models"
)

// A file that gives no ids gets ids derived from each place's name and
// address (deriveID), the same on every import while they stay the same.
// A place renamed or moved in the producer's next file got a new id: an
// upsert created a second record of it beside the first (which kept its
// history, its duplicates' decisions and the referrals to its services),
// and a snapshot archived the first. followRenames reads the file once
// before the import and pairs each place whose derived id is new with the
// stored place of the source, absent from the file, that it is:
//
//   - the same address (street and postal code) and a distinctive word of
//     the name in common: renamed (« Médiathèque Jean Vautrin » →
//     « Médiathèque municipale Jean Vautrin »);
//   - the same name in the same postal code: moved.
//
// A pair is made only when it is the only candidate both ways: two new
// places at the address of one gone, or a place gone whose name two new
// ones share, are left as they were (new records), since the file cannot
// say which one it is. Another place at the address of one gone, sharing
// no distinctive word of its name, is another place.
type renames map[string]renamed // new derived id → the stored place

type renamed struct {
	id  string // the stored place's source_id
	how string // what changed, for the report
}

// placeKey is what pairs a place of the file with a stored one.
type placeKey struct {
	id          string
	name, where string // folded
	street      string // folded
}

func (k placeKey) address() string { return k.street + "\x1f" + k.where }
func (k placeKey) named() string   { return k.name + "\x1f" + k.where }

// followRenames returns the renames of the file in: nil when the source
// holds no place with a derived id, the file gives ids, or in cannot be
// read twice (standard input). in is left at its start.
func followRenames(ctx context.Context, store *models.Store, in io.Reader, opt ImportOptions) (renames, error) {
	seeker, ok := in.(io.Seeker)
	if !ok {
		return nil, nil
	}
	stored, err := store.LiveSourcePlaces(ctx, opt.Source, DerivedIDPrefix)
	if err != nil || len(stored) == 0 {
		return nil, err
	}
	rd, err := newReader(in, opt)
	if err != nil {
		_, _ = seeker.Seek(0, io.SeekStart)
		return nil, nil // Import says why the file cannot be read
	}
	inFile := map[string]bool{}
	var fresh []placeKey
	ids := newPlaceIDs(opt.Source)
	storedIDs := make(map[string]bool, len(stored))
	for _, p := range stored {
		storedIDs[p.SourceID] = true
	}
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || !rec.DeriveID {
			break // a file that gives ids, or one Import will refuse
		}
		ids.assign(&rec)
		id := rec.Cells["id"]
		if id == "" {
			continue
		}
		inFile[id] = true
		if !storedIDs[id] {
			fresh = append(fresh, fileKey(id, rec.Cells))
		}
	}
	if _, err := seeker.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var gone []placeKey
	for _, p := range stored {
		if !inFile[p.SourceID] {
			gone = append(gone, storedKey(p))
		}
	}
	if len(gone) == 0 || len(fresh) == 0 {
		return nil, nil
	}
	return pairRenames(gone, fresh), nil
}

// pairRenames pairs the places of the file with new ids (fresh) and the
// stored places absent from it (gone), one to one (see renames).
func pairRenames(gone, fresh []placeKey) renames {
	candidates := func(a placeKey, others []placeKey) []int {
		var out []int
		for i, b := range others {
			if a.where == "" || a.where != b.where {
				continue
			}
			if a.named() == b.named() || a.street != "" && a.street == b.street && shareDistinctiveWord(a.name, b.name) {
				out = append(out, i)
			}
		}
		return out
	}
	out := renames{}
	for _, f := range fresh {
		c := candidates(f, gone)
		if len(c) != 1 {
			continue
		}
		g := gone[c[0]]
		if back := candidates(g, fresh); len(back) != 1 {
			continue
		}
		how := "its name"
		if f.named() == g.named() {
			how = "its address"
		}
		out[f.id] = renamed{id: g.id, how: how}
	}
	return out
}

func fileKey(id string, cells map[string]string) placeKey {
	where := foldText(cells["code_postal"])
	if where == "" {
		where = foldText(cells["commune"])
	}
	return placeKey{id: id, name: foldText(cells["nom"]), street: foldText(cells["adresse"]), where: where}
}

func storedKey(p models.SourcePlace) placeKey {
	where := foldText(p.Address.PostalCode)
	if where == "" {
		where = foldText(p.Address.Commune)
	}
	return placeKey{id: p.SourceID, name: foldText(p.Name), street: foldText(p.Address.Street), where: where}
}

// genericNameWords are words of places' names that many places share: they
// do not tell one place from another at one address.
var genericNameWords = map[string]bool{
	"centre": true, "espace": true, "maison": true, "point": true, "lieu": true, "association": true, "mairie": true,
	"ville": true, "commune": true, "numerique": true, "france": true, "services": true, "service": true, "social": true,
	"sociale": true, "accueil": true, "public": true, "publique": true, "municipal": true, "municipale": true,
	"communal": true, "communale": true, "intercommunal": true, "intercommunale": true, "antenne": true, "local": true,
	"locale": true, "site": true, "bureau": true, "pole": true, "cyber": true, "base": true, "tiers": true,
}

// shareDistinctiveWord reports whether two folded names share a word of
// four letters or more that is not generic.
func shareDistinctiveWord(a, b string) bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(a) {
		if len(w) >= 4 && !genericNameWords[w] {
			words[w] = true
		}
	}
	for _, w := range strings.Fields(b) {
		if words[w] {
			return true
		}
	}
	return false
}

// renamedIssue is the warning on a row followed to its stored place.
func renamedIssue(row int, derived string, r renamed) Issue {
	return Issue{Row: row, Field: "id", Value: derived, Severity: SeverityWarning,
		Reason: fmt.Sprintf("the file gives no id and no stored place has this name and address: it is the place %q, the only one of the source absent from the file with the same %s, renamed or moved since (the standard requires an id: ask the producer for one)",
			r.id, map[string]string{"its name": "address and a word of its name", "its address": "name in the same postal code"}[r.how])}
}
