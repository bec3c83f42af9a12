package opendata

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"carnet/models"
)

// TestParallelMappingAsSerial: a batch's rows mapped in parts side by side
// (mapRows, readBatch.prepare) give the import the same report — issues,
// readings and counts, in the same order — and store the same rows,
// change log and audit as the serial mapping, on a file with rejected
// rows, warnings, an id read twice at one address and an id shared by two
// addresses, in several batches; then the same again on a re-import of an
// edited file (rows unchanged skipped, others mapped). Run under -race.
func TestParallelMappingAsSerial(t *testing.T) {
	first, second := parallelTestFiles(t)
	var reports [2][]string
	var dumps [2]string
	for i, workers := range []int{1, 4} {
		mapWorkers = workers
		path := filepath.Join(t.TempDir(), "carnet.db")
		s, err := models.Open(context.Background(), path, models.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range [][]byte{first, second} {
			rep, err := Import(context.Background(), s, bytes.NewReader(file), ImportOptions{Source: "synthetic", BatchSize: 300})
			if err != nil {
				t.Fatal(err)
			}
			js, err := json.MarshalIndent(rep, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			reports[i] = append(reports[i], string(js))
		}
		s.Close()
		dumps[i] = dumpStored(t, path)
	}
	mapWorkers = 0
	for j := range reports[0] {
		if reports[0][j] != reports[1][j] {
			t.Errorf("import %d: the parallel mapping's report differs from the serial one's:\n%s\nwant\n%s", j+1, reports[1][j], reports[0][j])
		}
	}
	if !strings.Contains(reports[0][0], "appears twice in the file") || !strings.Contains(reports[0][0], "at another address") ||
		!strings.Contains(reports[0][1], "identical to the row") {
		t.Errorf("the files do not exercise what they should:\n%s\n%s", reports[0][0], reports[0][1])
	}
	if dumps[0] != dumps[1] {
		a, b := strings.Split(dumps[0], "\n"), strings.Split(dumps[1], "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Errorf("the parallel mapping stored other rows than the serial one:\n%s\nwant\n%s", b[i], a[i])
				break
			}
		}
	}
}

// parallelTestFiles are 1,000 synthetic places with an id written twice
// for the same place and an id given to a place at another address, and
// the same file with one row in ten edited.
func parallelTestFiles(t *testing.T) (first, second []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteSynthetic(&buf, 1000, 7); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	twice := append([]string(nil), rows[10]...)
	elsewhere := append([]string(nil), rows[20]...)
	elsewhere[col["adresse"]] = "3 place de la Gare"
	rows = append(rows[:500], append([][]string{twice, elsewhere}, rows[500:]...)...)
	write := func() []byte {
		var out bytes.Buffer
		w := csv.NewWriter(&out)
		if err := w.WriteAll(rows); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	first = write()
	for i := 1; i < len(rows); i += 10 {
		rows[i][col["nom"]] += " (nouveau nom)"
	}
	return first, write()
}

// The values a write takes from chance and from the moment: ids, and
// times (a service's fingerprint covers its actor's id).
var (
	uuidRe = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	timeRe = regexp.MustCompile(`\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?( ?(Z|[+-]\d\d:?\d\d)( UTC)?)?`)
)

// dumpStored writes the rows of actors, services, the change log and the
// audit in the order written: each id as the order it first appears in,
// times blanked, services' fingerprints left out.
func dumpStored(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out strings.Builder
	for _, table := range []string{"actors", "services", "changes", "audit_events"} {
		rows, err := db.Query("SELECT * FROM " + table + " ORDER BY rowid")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			n++
			fmt.Fprintf(&out, "%s:", table)
			for i, v := range vals {
				if table == "services" && cols[i] == "fingerprint" {
					continue
				}
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				fmt.Fprintf(&out, " %s=%v", cols[i], v)
			}
			out.WriteByte('\n')
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if n == 0 {
			t.Errorf("no row in %s", table)
		}
	}
	ids := map[string]string{}
	return timeRe.ReplaceAllString(uuidRe.ReplaceAllStringFunc(out.String(), func(id string) string {
		if _, ok := ids[id]; !ok {
			ids[id] = fmt.Sprintf("#%d", len(ids))
		}
		return ids[id]
	}), "·")
}
