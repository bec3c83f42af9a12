package opendata

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"carnet/models/vocab"
)

// TestListMemoAsRead: every place — actor, offer, warnings with their rows,
// readings — is the same whether its list cells were read afresh or replayed
// from the memo of cells read before (by other rows, in another order, after
// other warnings of the row itself). Rows of the real reference files, of
// the synthetic file, and rows drawing each list cell from a pool of every
// kind of value: current and v0.1.1 values, other separators, unknown
// values, a producer's « none », a value of another column, labels in
// running text, placeholders, formula apostrophes, invisible characters,
// cells over the memo's length, over the split's and over 100 values.
func TestListMemoAsRead(t *testing.T) {
	var files [][]byte
	for _, rel := range []string{
		"data/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json",
		"data/20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json",
		"second-source/20220720-conseiller-numerique-permanences-hors-auvergne-rhone-alpes.json",
	} {
		if b, err := os.ReadFile(filepath.Join("../../../shared/reference", rel)); err == nil {
			files = append(files, b)
		}
	}
	var syn bytes.Buffer
	if err := WriteSynthetic(&syn, 600, 3); err != nil {
		t.Fatal(err)
	}
	files = append(files, syn.Bytes(), listCellsFile(t, 1500))

	var recs []Record
	for _, f := range files {
		rd, err := NewReader(bytes.NewReader(f), "")
		if err != nil {
			t.Fatal(err)
		}
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, rec)
		}
	}
	setMemo := func(off bool) {
		listMemo.Lock()
		listMemo.off = off
		clear(listMemo.m)
		listMemo.Unlock()
	}
	defer setMemo(false)
	setMemo(true)
	want := make([]Place, len(recs))
	for i, rec := range recs {
		want[i] = ToPlace(rec, "memo")
	}
	setMemo(false)
	r := rand.New(rand.NewPCG(16, 16))
	hits := 0
	for round := range 3 { // cold, warm, shuffled
		order := r.Perm(len(recs))
		if round < 2 {
			for i := range order {
				order[i] = i
			}
		}
		for _, i := range order {
			if got := ToPlace(recs[i], "memo"); !reflect.DeepEqual(got, want[i]) {
				t.Fatalf("round %d, row %d: from the memo\n%+v\nread afresh\n%+v", round, recs[i].Row, got, want[i])
			}
		}
		listMemo.Lock()
		hits = len(listMemo.m)
		listMemo.Unlock()
	}
	if hits == 0 {
		t.Fatal("nothing was remembered")
	}
}

// listCellsFile writes rows whose list cells are drawn from pools of every
// kind of value, so that each text comes back on other rows.
func listCellsFile(t *testing.T, n int) []byte {
	r := rand.New(rand.NewPCG(5, 5))
	pool := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, vocab.MustGet(n).Values()...)
		}
		return out
	}
	legacy := func(col string) []string {
		var out []string
		for _, m := range vocab.LegacyValues(col) {
			out = append(out, m.Old)
		}
		return out
	}
	long := strings.Repeat("Prendre en main un ordinateur|", 40) // over the memo's length
	huge := strings.Repeat("Accéder à du matériel|", 500)        // over the split's
	many := strings.Repeat("Gratuit|Payant|", 60)                // over 100 values
	odd := []string{"", "N/A", "aucun", "Aucune", "inconnu", "'=Gratuit", "Gratuit\u200b", "Payant\u202e",
		"n'importe quoi", "Gratuit, Payant", "Gratuit; Payant", "Se présenter Téléphoner Envoyer un mail",
		"Accompagnement individuel et En autonomie sinon rien", long, huge, many, "{\"a\":1}"}
	cols := map[string][]string{
		"services":                        append(pool(vocab.NameThemes), legacy(vocab.LegacyColumnServices)...),
		"publics_specifiquement_adresses": pool(vocab.NamePublics, vocab.NameFees),
		"prise_en_charge_specifique":      pool(vocab.NameSpecificSupport, vocab.NamePublics),
		"frais_a_charge":                  pool(vocab.NameFees, vocab.NameAccessModes),
		"modalites_acces":                 pool(vocab.NameAccessModes, vocab.NameFees),
		"modalites_accompagnement":        append(pool(vocab.NameAccompanimentModes), legacy(vocab.LegacyColumnModalitesAccompagnement)...),
		"typologie":                       pool(vocab.NameTypologies),
		"itinerance":                      append(pool(vocab.NameMobility), "oui", "non"),
		"dispositif_programmes_nationaux": pool(vocab.NameNationalProgrammes, vocab.NameTrainingLabels),
		"formations_labels":               pool(vocab.NameTrainingLabels),
		"publics_accueillis":              legacy(vocab.LegacyColumnPublicsAccueillis),
		"conditions_acces":                legacy(vocab.LegacyColumnConditionsAcces),
		"labels_nationaux":                legacy(vocab.LegacyColumnLabelsNationaux),
	}
	header := []string{"id", "nom", "commune", "code_postal", "adresse", "date_maj"}
	// A fixed order: the header is the same on every run.
	listCols := slices.Sorted(maps.Keys(cols))
	header = append(header, listCols...)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(header); err != nil {
		t.Fatal(err)
	}
	// Each column draws from a few texts only, so that they repeat.
	texts := map[string][]string{}
	for _, c := range listCols {
		for range 12 {
			var vals []string
			for range 1 + r.IntN(3) {
				vals = append(vals, cols[c][r.IntN(len(cols[c]))])
			}
			sep := []string{"|", "|", ";", ", ", " / "}[r.IntN(5)]
			texts[c] = append(texts[c], strings.Join(vals, sep))
		}
		texts[c] = append(texts[c], odd...)
	}
	for i := range n {
		row := []string{fmt.Sprintf("memo-%d", i), "Lieu " + fmt.Sprint(i), "Angoulême", "16000", "1 rue de la Paix", "2024-04-02"}
		for _, c := range listCols {
			ts := texts[c]
			row = append(row, ts[r.IntN(len(ts))])
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return buf.Bytes()
}
