package opendata_test

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/opendata"
)

// schemaIndexes reads the database's indexes as sqlite_master holds them
// (name → CREATE statement; "" for those of a key or constraint), through
// a connection of its own, and how many deferred_indexes rows are left.
func schemaIndexes(t *testing.T, path string) (map[string]string, int) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000&mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT name, tbl_name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ixs := map[string]string{}
	for rows.Next() {
		var name, tbl, stmt string
		if err := rows.Scan(&name, &tbl, &stmt); err != nil {
			t.Fatal(err)
		}
		ixs[name] = tbl + ": " + stmt
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := db.QueryRow("SELECT count(*) FROM deferred_indexes").Scan(&left); err != nil {
		t.Fatal(err)
	}
	return ixs, left
}

func sameIndexes(t *testing.T, when string, got, want map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if got[name] != want[name] {
			t.Errorf("%s: index %s is %q, want %q", when, name, got[name], want[name])
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: index %s (%q) was not in the schema", when, name, got[name])
		}
	}
}

// TestFirstImportDefersIndexes: a first import into an empty directory
// writes without the non-unique secondary indexes of actors, services and
// audit events whose keys come in no order (seen gone between two of its
// commits; the unique source keys and the indexes it appends to kept) and ends with the schema's indexes exactly as the migrations
// made them; an unchanged re-import then says unchanged, and an import into
// a directory that has places keeps every index throughout.
func TestFirstImportDefersIndexes(t *testing.T) {
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, 2500, 1); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "carnet.db")
	s, err := models.Open(context.Background(), path, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want, _ := schemaIndexes(t, path)
	for _, name := range []string{"actors_name", "services_actor", "audit_events_entity", "actors_source_key", "services_source_key"} {
		if want[name] == "" {
			t.Fatalf("the schema has no index %s: %v", name, want)
		}
	}
	var during []map[string]string
	progress := func(int) {
		ixs, _ := schemaIndexes(t, path)
		during = append(during, ixs)
	}
	rep, err := opendata.Import(context.Background(), s, bytes.NewReader(buf.Bytes()), opendata.ImportOptions{Source: "first", Progress: progress})
	if err != nil || rep.Rows != 2500 {
		t.Fatalf("import: %v (%+v)", err, rep)
	}
	if len(during) == 0 {
		t.Fatal("no batch was reported")
	}
	for _, name := range []string{"actors_name", "actors_postal_code", "actors_insee_code", "services_name", "actors_departement"} {
		if _, ok := during[0][name]; ok {
			t.Errorf("index %s was kept during the first import", name)
		}
	}
	// Those whose keys grow with the order of insertion (UUIDv7 ids,
	// times, sequences) are kept: appending to them costs less than
	// building them again.
	for _, name := range []string{"actors_updated", "actors_live", "services_actor", "services_updated", "audit_events_entity"} {
		if during[0][name] != want[name] {
			t.Errorf("index %s was %q during the first import, want %q", name, during[0][name], want[name])
		}
	}
	for _, name := range []string{"actors_source_key", "services_source_key"} {
		if during[0][name] != want[name] {
			t.Errorf("unique index %s was %q during the import, want %q", name, during[0][name], want[name])
		}
	}
	got, left := schemaIndexes(t, path)
	sameIndexes(t, "after the first import", got, want)
	if left != 0 {
		t.Errorf("%d deferred_indexes rows left after the import", left)
	}

	again, err := opendata.Import(context.Background(), s, bytes.NewReader(buf.Bytes()), opendata.ImportOptions{Source: "first"})
	if err != nil {
		t.Fatal(err)
	}
	if again.Actors["unchanged"] != rep.Rows || again.Services["unchanged"] != rep.Services["created"] {
		t.Errorf("re-import: actors %v services %v, want all unchanged (%d, %d)", again.Actors, again.Services, rep.Rows, rep.Services["created"])
	}

	// Another source into a directory that has places: every index kept.
	during = nil
	if _, err := opendata.Import(context.Background(), s, bytes.NewReader(buf.Bytes()), opendata.ImportOptions{Source: "second", Progress: progress}); err != nil {
		t.Fatal(err)
	}
	for i, ixs := range during {
		sameIndexes(t, "during an import into a filled directory, batch "+string(rune('1'+i)), ixs, want)
	}
}

// TestFailedFirstImportRestoresIndexes: a first import that fails midway
// (here cancelled after its first commit) creates the indexes it dropped
// again before it returns: the schema is the migrations' one.
func TestFailedFirstImportRestoresIndexes(t *testing.T) {
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, 5000, 1); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "carnet.db")
	s, err := models.Open(context.Background(), path, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want, _ := schemaIndexes(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dropped := false
	committed := make(chan struct{})
	var once sync.Once
	progress := func(int) {
		ixs, _ := schemaIndexes(t, path)
		if _, ok := ixs["actors_name"]; !ok {
			dropped = true
		}
		cancel()
		once.Do(func() { close(committed) })
	}
	// The file's second half waits for the first commit: a slow writer
	// (-race, a loaded machine) took the whole file in one transaction,
	// and the import ended before anything cancelled it.
	in := &gatedReader{r: bytes.NewReader(buf.Bytes()), open: buf.Len() / 2, gate: committed}
	if _, err := opendata.Import(ctx, s, in, opendata.ImportOptions{Source: "first", BatchSize: 100, Progress: progress}); err == nil {
		t.Fatal("the cancelled import succeeded")
	}
	if !dropped {
		t.Fatal("the import did not drop the indexes before it failed: the test proves nothing")
	}
	got, left := schemaIndexes(t, path)
	sameIndexes(t, "after a failed first import", got, want)
	if left != 0 {
		t.Errorf("%d deferred_indexes rows left after the import", left)
	}
}

// gatedReader reads r up to open bytes, then waits for gate to close (at
// most a minute, then fails) before reading on.
type gatedReader struct {
	r    io.Reader
	open int
	gate <-chan struct{}
}

func (g *gatedReader) Read(p []byte) (int, error) {
	if g.open <= 0 && g.gate != nil {
		select {
		case <-g.gate:
			g.gate = nil
		case <-time.After(time.Minute):
			return 0, io.ErrUnexpectedEOF
		}
	}
	if g.gate != nil && len(p) > g.open {
		p = p[:g.open]
	}
	n, err := g.r.Read(p)
	g.open -= n
	return n, err
}
