package searchbench

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"text/tabwriter"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver, to create and drop the schema

	"carnet/api"
	"carnet/models"
	"carnet/models/search/synth"
)

// runEngines measures the same territory and shapes on SQLite and on
// PostgreSQL in one command, with concurrent writes over HTTP, and prints
// both side by side as ratios to /healthz (each engine's own health, in the
// same process, measured just before).
func runEngines(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench engines", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o options
	o.flags(fs)
	pg := fs.String("postgres", getenv("CARNET_BENCH_POSTGRES"), "a PostgreSQL database URL (postgres://…): the bench creates a schema there and drops it after")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("bench engines: %w\n%s", err, usage)
	}
	if !models.IsPostgresURL(*pg) {
		return fmt.Errorf("bench engines needs --postgres postgres://USER@HOST/DB (or CARNET_BENCH_POSTGRES)\n%s", usage)
	}
	o.writes = true
	fmt.Fprintf(stdout, "Carnet engines benchmark: %d services / %d actors, %d connections, %s per shape, GOMAXPROCS=%d, %s\n",
		o.services, o.actors, o.conns, o.duration, runtime.GOMAXPROCS(0), runtime.Version())
	ter := synth.Generate(synth.Options{Seed: o.seed, Actors: o.actors, Services: o.services})

	dir, err := os.MkdirTemp("", "carnet-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	schemaURL, drop, err := benchSchema(ctx, *pg)
	if err != nil {
		return err
	}
	defer drop()

	type run struct {
		engine  string
		loaded  time.Duration
		results []result
	}
	var runs []run
	for _, e := range []struct{ name, dsn string }{{"SQLite", filepath.Join(dir, "bench.db")}, {"PostgreSQL", schemaURL}} {
		fmt.Fprintf(stdout, "\n=== %s\n", e.name)
		store, err := models.Open(ctx, e.dsn, models.Options{})
		if err != nil {
			return err
		}
		start := time.Now()
		if err := synth.Load(ctx, store, ter, 2000); err != nil {
			store.Close()
			return err
		}
		loaded := time.Since(start)
		fmt.Fprintf(stdout, "generated territory written to %s in %s\n", e.name, loaded.Round(time.Millisecond))
		res, err := measure(ctx, stdout, store, ter, o)
		store.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		runs = append(runs, run{e.name, loaded, res})
	}

	fmt.Fprintf(stdout, "\n=== Side by side (req/s, ratio to the same engine's /healthz measured just before the shape, p99 ms)\n")
	out := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(out, "shape\t%s req/s\tvs health\tp99 ms\t%s req/s\tvs health\tp99 ms\t\n", runs[0].engine, runs[1].engine)
	for i, r := range runs[0].results {
		if i >= len(runs[1].results) {
			break
		}
		q := runs[1].results[i]
		fmt.Fprintf(out, "%s\t%.0f\t%.2f\t%.2f\t%.0f\t%.2f\t%.2f\t\n", r.name, r.st.rate, r.vsAdjacent, ms(r.st.p99), q.st.rate, q.vsAdjacent, ms(q.st.p99))
	}
	fmt.Fprintf(out, "loading the territory (s)\t%.1f\t\t\t%.1f\t\t\t\n", runs[0].loaded.Seconds(), runs[1].loaded.Seconds())
	return out.Flush()
}

// benchSchema creates a schema on the PostgreSQL database at base and
// returns base with its search_path set to it, and a function dropping it.
func benchSchema(ctx context.Context, base string) (string, func(), error) {
	db, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	crand.Read(b)
	schema := "carnet_bench_" + hex.EncodeToString(b)
	if _, err := db.ExecContext(ctx, `CREATE SCHEMA "`+schema+`"`); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("create a schema for the bench on %s: %w", models.RedactDSN(base), err)
	}
	u, err := url.Parse(base)
	if err != nil {
		db.Close()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), func() {
		db.ExecContext(context.Background(), `DROP SCHEMA "`+schema+`" CASCADE`)
		db.Close()
	}, nil
}

// writeShapes are concurrent writes through the router, as an
// administrator: renaming services (PATCH, each request a new name for its
// service) and creating actors (POST). Each write returns after the search
// index applied it, as every write does.
func writeShapes(ctx context.Context, store *models.Store, tokens *api.Tokens) ([]shape, error) {
	pw := make([]byte, 16)
	crand.Read(pw)
	u, err := store.CreateUser(ctx, models.NewUser{Email: "bench-" + hex.EncodeToString(pw[:4]) + "@example.fr", Password: hex.EncodeToString(pw), PlatformAdmin: true})
	if err != nil {
		return nil, err
	}
	sess, err := store.OpenSession(ctx, u.ID, time.Hour)
	if err != nil {
		return nil, err
	}
	p, err := store.LoadPrincipal(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	p.SessionID = sess.ID
	tok, _, err := tokens.Issue(p)
	if err != nil {
		return nil, err
	}
	page, err := store.ListServices(ctx, models.ServiceFilter{ListParams: models.ListParams{Limit: 128}})
	if err != nil {
		return nil, err
	}
	if len(page.Items) == 0 {
		return nil, errors.New("no service to rename")
	}
	var renames, creates []request
	for round := range 2 {
		for i, sv := range page.Items {
			body, _ := json.Marshal(map[string]any{"name": fmt.Sprintf("Atelier numérique %c%d", 'A'+round, i)})
			renames = append(renames, request{method: "PATCH", path: "/api/v1/services/" + sv.ID, body: body, token: tok})
		}
	}
	for i := range 256 {
		body, _ := json.Marshal(map[string]any{"name": fmt.Sprintf("Point numérique %d", i),
			"address":  map[string]any{"street": fmt.Sprintf("%d rue de la République", i+1), "postal_code": "13001", "commune": "Marseille"},
			"latitude": 43.2965, "longitude": 5.3698})
		creates = append(creates, request{method: "POST", path: "/api/v1/actors", body: body, token: tok})
	}
	return []shape{
		{name: "write: rename a service (PATCH)", reqs: renames, write: true},
		{name: "write: create an actor (POST)", reqs: creates, write: true},
	}, nil
}
