// Package searchbench is the "carnet bench" command: it seeds a database
// (with a synthetic national territory or files of the national standard)
// and measures the search endpoints over real HTTP against the health
// endpoint of the same server, in the same run.
package searchbench

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"carnet/api"
	"carnet/models"
	"carnet/models/modeltest"
	"carnet/models/search"
	"carnet/models/search/relevance"
	"carnet/models/search/synth"
	"carnet/models/vocab"
)

const usage = `Usage:
  carnet bench search [--actors 30000] [--services 100000] [--conns 32] [--duration 10s] [--warmup 2s] [--seed 1] [--db FILE] [--only TEXT] [--cpuprofile FILE]
      generate a synthetic territory in a temporary database, start the server on
      127.0.0.1:0 and measure each query shape over HTTP next to /healthz
  carnet bench engines --postgres URL [--actors 30000] [--services 100000] [--conns 32] [--duration 10s] …
      the same measures, plus concurrent writes over HTTP, on SQLite and on
      PostgreSQL (a fresh schema of the database at URL, dropped after), one
      after the other, then both side by side, each as a ratio to /healthz
  carnet bench seed [--actors N --services M | --standard FILE ...]
      fill CARNET_DB with a synthetic territory or with files of the national
      standard (JSON arrays, e.g. ../shared/reference/data/*.json)
  carnet bench relevance [-v] [--added YYYY-MM-DD] [--root .]
      P@5, recall@20 and zero-result queries on the judged set over the
      reference files (--added: only the queries added that day)
  carnet bench words [--root .]
      the words of the judged queries and of everyday phrasings that search
      does not read (spelt as another word, or held by no result), with counts
`

// Run is the "bench" command.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	switch args[0] {
	case "search":
		return runSearch(ctx, args[1:], stdout)
	case "engines":
		return runEngines(ctx, args[1:], getenv, stdout)
	case "seed":
		return runSeed(ctx, args[1:], getenv, stdout)
	case "relevance":
		return runRelevance(ctx, args[1:], stdout)
	case "words":
		return runWords(ctx, args[1:], stdout)
	}
	return errors.New(usage)
}

func runSeed(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench seed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	actors := fs.Int("actors", 0, "synthetic actors")
	services := fs.Int("services", 0, "synthetic services")
	seed := fs.Uint64("seed", 1, "random seed")
	standard := fs.Bool("standard", false, "the arguments are JSON files of the national standard")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("bench seed: %w\n%s", err, usage)
	}
	db := getenv("CARNET_DB")
	if db == "" {
		db = "./carnet.db"
	}
	store, err := models.Open(ctx, db, models.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	if *standard {
		for _, f := range fs.Args() {
			rep, err := modeltest.LoadStandardFile(ctx, store, f)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: %d places loaded, %d skipped\n", f, rep.Loaded, len(rep.Skipped))
		}
		return nil
	}
	if *actors <= 0 {
		return fmt.Errorf("bench seed needs --actors (and --services) or --standard FILE…\n%s", usage)
	}
	start := time.Now()
	t := synth.Generate(synth.Options{Seed: *seed, Actors: *actors, Services: *services})
	if err := synth.Load(ctx, store, t, 2000); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d actors and %d services written to %s in %s\n", *actors, max(*services, *actors), db, time.Since(start).Round(time.Millisecond))
	return nil
}

type shape struct {
	name   string
	reqs   []request
	cached bool // let the engine reuse answers between writes (off for every other shape, whose fixed request sets would otherwise be measured from the cache)
	write  bool // changes the directory: no probe, no warm-up
}

type request struct {
	method, path string
	body         []byte
	token        string
}

// options are the measuring settings shared by bench search and bench
// engines.
type options struct {
	actors, services, conns int
	duration, warmup        time.Duration
	seed                    uint64
	only, cpuprofile        string
	// writes adds concurrent write shapes (PATCH and POST over HTTP).
	writes bool
}

func (o *options) flags(fs *flag.FlagSet) {
	fs.IntVar(&o.actors, "actors", 30000, "synthetic actors")
	fs.IntVar(&o.services, "services", 100000, "synthetic services")
	fs.IntVar(&o.conns, "conns", 32, "concurrent connections")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "measuring time per shape")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured time before each shape")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the search shapes to this file")
	fs.StringVar(&o.only, "only", "", "run only the shapes whose name contains this text (health always runs)")
}

func runSearch(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench search", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o options
	o.flags(fs)
	dbPath := fs.String("db", "", "keep the database in this file and reuse it when it exists (same seed and sizes): saves the minute of loading between runs")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("bench search: %w\n%s", err, usage)
	}
	dir, err := os.MkdirTemp("", "carnet-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	fmt.Fprintf(stdout, "Carnet search benchmark: %d services / %d actors, %d connections, %s per shape, GOMAXPROCS=%d, %s\n",
		o.services, o.actors, o.conns, o.duration, runtime.GOMAXPROCS(0), runtime.Version())
	path := filepath.Join(dir, "bench.db")
	reuse := false
	if *dbPath != "" {
		path = *dbPath
		if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
			reuse = true
		}
	}
	store, err := models.Open(ctx, path, models.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	ter := synth.Generate(synth.Options{Seed: o.seed, Actors: o.actors, Services: o.services})
	if reuse {
		fmt.Fprintf(stdout, "reusing %s (generated with the same seed and sizes)\n", path)
	} else {
		if err := synth.Load(ctx, store, ter, 2000); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "generated and written to SQLite in %s\n", time.Since(start).Round(time.Millisecond))
	}
	_, err = measure(ctx, stdout, store, ter, o)
	return err
}

// result is one shape's measurement.
type result struct {
	name string
	st   stats
	// vsHealth compares with the first health measurement of the run,
	// vsAdjacent with a short one taken just before the shape.
	vsHealth, adjacent, vsAdjacent float64
}

// measure builds the search index over store, starts the real server on
// 127.0.0.1:0 and measures each shape over HTTP next to /healthz, printing
// the table; it returns the figures.
func measure(ctx context.Context, stdout io.Writer, store *models.Store, ter *synth.Territory, o options) ([]result, error) {
	out := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	mem, err := search.NewMemory(ctx, store, nil)
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	runtime.GC()
	runtime.ReadMemStats(&after)
	ns, na := mem.Len()
	fmt.Fprintf(stdout, "index built in %s: %d services and %d actors searchable; heap in use grew by %.0f MiB (process heap %.0f MiB)\n",
		mem.BuildTime.Round(time.Millisecond), ns, na, float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), float64(after.HeapAlloc)/(1<<20))

	secret := make([]byte, 48)
	if _, err := crand.Read(secret); err != nil {
		return nil, err
	}
	tokens, err := api.NewTokens(api.TokenConfig{Secret: secret, Issuer: "carnet-bench", Audience: "carnet-bench", TTL: time.Hour})
	if err != nil {
		return nil, err
	}
	// Every shape measures the engine's work: answers are not reused
	// between requests, except in the one shape that shows the cache.
	mem.SetCacheSize(0)
	handler, err := api.NewServer(api.Config{Store: store, Tokens: tokens, Search: mem,
		// The write shapes log in once; the limits are the defaults.
		PerIP: api.RateLimit{Every: time.Millisecond, Burst: 1000}})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConns: o.conns, MaxIdleConnsPerHost: o.conns, MaxConnsPerHost: o.conns, DisableCompression: true,
	}}

	shapes := buildShapes(ter, rand.New(rand.NewPCG(o.seed, 99)))
	if o.writes {
		ws, err := writeShapes(ctx, store, tokens)
		if err != nil {
			return nil, err
		}
		shapes = append(shapes, ws...)
	}
	if o.only != "" {
		shapes = slices.DeleteFunc(shapes, func(sh shape) bool {
			return sh.name != shapes[0].name && !strings.Contains(sh.name, o.only)
		})
	}
	for _, sh := range shapes[1:] {
		if sh.write {
			continue // probing would change what it measures
		}
		total, err := probe(client, base, sh.reqs[0])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sh.name, err)
		}
		fmt.Fprintf(stdout, "  %s: first request %s %s → %d results\n", sh.name, sh.reqs[0].method, clip(sh.reqs[0].path), total)
	}
	fmt.Fprintln(stdout)
	// Other processes may share the machine and change its speed during
	// the run: each shape's ratio is also given against a short health
	// measurement taken just before it.
	fmt.Fprintln(out, "shape\trequests\treq/s\tp50 ms\tp99 ms\tmax ms\terrors\tvs health\thealth just before\tvs it\t")
	var healthRate float64
	failed := 0
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
	}
	var results []result
	for i, sh := range shapes {
		if i == 1 && o.cpuprofile != "" {
			f, _ := os.OpenFile(o.cpuprofile, os.O_WRONLY|os.O_TRUNC, 0)
			if err := pprof.StartCPUProfile(f); err != nil {
				return nil, err
			}
			defer pprof.StopCPUProfile()
		}
		adjacent := healthRate
		if i > 0 {
			adjacent = load(ctx, client, base, shapes[0].reqs, o.conns, max(o.duration/4, 100*time.Millisecond)).rate
		}
		if sh.cached {
			mem.SetCacheSize(2048)
		}
		if !sh.write {
			load(ctx, client, base, sh.reqs, o.conns, o.warmup)
		}
		st := load(ctx, client, base, sh.reqs, o.conns, o.duration)
		if sh.cached {
			mem.SetCacheSize(0)
		}
		if i == 0 {
			healthRate, adjacent = st.rate, st.rate
		}
		failed += st.errors
		r := result{name: sh.name, st: st, vsHealth: st.rate / healthRate, adjacent: adjacent, vsAdjacent: st.rate / adjacent}
		results = append(results, r)
		fmt.Fprintf(out, "%s\t%d\t%.0f\t%.2f\t%.2f\t%.2f\t%d\t%.2f\t%.0f\t%.2f\t\n", sh.name, st.n, st.rate, ms(st.p50), ms(st.p99), ms(st.max), st.errors,
			r.vsHealth, adjacent, r.vsAdjacent)
	}
	out.Flush()

	// The cost of a write: the store's transaction plus the index update
	// made before the write returns.
	var lat []time.Duration
	page, err := store.ListServices(ctx, models.ServiceFilter{ListParams: models.ListParams{Limit: 200}})
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(page.Items))
	for _, sv := range page.Items {
		ids = append(ids, sv.ID)
	}
	n0, total0, locked0 := mem.UpdateStats()
	for i, id := range ids {
		t0 := time.Now()
		_, err := store.UpdateService(ctx, id, models.Precondition{}, func(s *models.Service) error { s.Name = fmt.Sprintf("Atelier renommé %d", i); return nil })
		if err != nil {
			return nil, err
		}
		lat = append(lat, time.Since(t0))
	}
	n1, total1, locked1 := mem.UpdateStats()
	slices.Sort(lat)
	k := float64(max(n1-n0, 1))
	fmt.Fprintf(stdout, "\nwrite (rename a service, %d times, no concurrent load): median %.2f ms, p99 %.2f ms end to end; index update %.0f µs on average (reload + apply), of which %.0f µs under the write lock\n",
		len(lat), ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), float64((total1-total0).Microseconds())/k, float64((locked1-locked0).Microseconds())/k)
	if failed > 0 {
		return results, fmt.Errorf("%d requests failed: the figures above are not valid", failed)
	}
	return results, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func clip(s string) string {
	if len(s) > 110 {
		return s[:110] + "…"
	}
	return s
}

// buildShapes prepares, for each query shape, a fixed set of requests drawn
// from the generated territory: places where people live (weighted by
// population), words that occur in names and communes.
func buildShapes(ter *synth.Territory, r *rand.Rand) []shape {
	const n = 256
	pickCommune := func() synth.Commune {
		x := r.Float64()
		for _, c := range ter.Communes {
			if x -= c.Weight; x <= 0 {
				return c
			}
		}
		return ter.Communes[0]
	}
	near := func(c synth.Commune) string { return fmt.Sprintf("%.4f,%.4f", c.Lat, c.Lon) }
	get := func(path string, q url.Values) request { return request{method: "GET", path: path + "?" + q.Encode()} }
	var health, broad, selective, nearOnly, nearFacets, saturday, suggest, fuzzy, synonym []request
	health = append(health, request{method: "GET", path: "/healthz"})
	for _, q := range []string{"médiat", "mediat", "Médiat", "MEDIAT"} {
		broad = append(broad, get("/api/v1/search/services", url.Values{"q": {q}}))
	}
	themes := vocab.MustGet(vocab.NameThemes).Terms
	for len(selective) < n {
		p := ter.Places[r.IntN(len(ter.Places))]
		if p.Actor.Status != vocab.ActorActive {
			continue
		}
		word := ""
		for _, w := range strings.Fields(p.Actor.Name) {
			if len([]rune(w)) >= 4 {
				word = w
				break
			}
		}
		selective = append(selective, get("/api/v1/search/services", url.Values{"q": {word + " " + p.Actor.Address.Commune}}))
		// The same word misspelt (two letters swapped): an unknown word
		// expanded to near spellings.
		if r := []rune(strings.ToLower(word)); len(r) >= 6 {
			r[2], r[3] = r[3], r[2]
			fuzzy = append(fuzzy, get("/api/v1/search/services", url.Values{"q": {string(r) + " " + p.Actor.Address.Commune}}))
		}
	}
	for range n {
		c := pickCommune()
		nearOnly = append(nearOnly, get("/api/v1/search/services", url.Values{"near": {near(c)}}))
		nearFacets = append(nearFacets, get("/api/v1/search/services", url.Values{
			"near": {near(c)}, "radius_km": {"15"}, "themes": {themes[r.IntN(len(themes))].Slug}, "fees": {"gratuit"},
			"facets": {"themes,kind,fees,publics,languages,accompaniment_modes,open_on"}}))
		dep := c.InseeCode[:2]
		if dep == "97" {
			dep = c.InseeCode[:3]
		}
		saturday = append(saturday, get("/api/v1/search/services", url.Values{"open_on": {"saturday"}, "departement": {dep}}))
		body, _ := json.Marshal(map[string]any{
			"profile":     search.Profiles[r.IntN(3)],
			"needs":       []string{themes[r.IntN(len(themes))].Value},
			"constraints": map[string]any{"free": r.IntN(2) == 0, "max_distance_km": 15},
			"place":       map[string]any{"latitude": c.Lat, "longitude": c.Lon},
		})
		suggest = append(suggest, request{method: "POST", path: "/api/v1/orientation/suggestions", body: body})
	}
	// Everyday needs that only the thesaurus links to the vocabularies.
	// Drawn last, so that the other shapes' requests stay those of
	// earlier versions (runs of two versions compare the same requests).
	needs := []string{"impôts", "carte grise", "tablette", "arnaques", "imprimer", "cv", "ccas", "retraite"}
	for i := range n {
		need, c := needs[i%len(needs)], pickCommune()
		synonym = append(synonym, get("/api/v1/search/services", url.Values{"q": {need + " " + c.Name}}))
	}
	return []shape{
		{name: "health (/healthz)", reqs: health},
		{name: "broad prefix q=médiat", reqs: broad},
		{name: "broad prefix q=médiat, answers reused", reqs: broad, cached: true},
		{name: "selective words (name + commune)", reqs: selective},
		{name: "near me (10 km)", reqs: nearOnly},
		{name: "near me + 2 filters + 7 facets", reqs: nearFacets},
		{name: "open on Saturday in a département", reqs: saturday},
		{name: "orientation suggestions", reqs: suggest},
		{name: "misspelt word + commune", reqs: fuzzy},
		{name: "everyday need (synonym) + commune", reqs: synonym},
	}
}

func (rq request) do(client *http.Client, base string) (*http.Response, error) {
	var body io.Reader
	if rq.body != nil {
		body = bytes.NewReader(rq.body)
	}
	req, err := http.NewRequest(rq.method, base+rq.path, body)
	if err != nil {
		return nil, err
	}
	if rq.body != nil {
		req.Header.Set("Content-Type", "application/json")
		if rq.method == "PATCH" {
			req.Header.Set("Content-Type", "application/merge-patch+json")
		}
	}
	if rq.token != "" {
		req.Header.Set("Authorization", "Bearer "+rq.token)
	}
	return client.Do(req)
}

// probe sends one request and returns its result count (meta.total, or
// the number of suggestions).
func probe(client *http.Client, base string, rq request) (int, error) {
	resp, err := rq.do(client, base)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var v struct {
		Data []json.RawMessage `json:"data"`
		Meta struct {
			Total    *int `json:"total"`
			Matching *int `json:"matching"`
		} `json:"meta"`
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return 0, fmt.Errorf("%d %s", resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return 0, err
	}
	switch {
	case v.Meta.Total != nil:
		return *v.Meta.Total, nil
	case v.Meta.Matching != nil:
		return *v.Meta.Matching, nil
	}
	return len(v.Data), nil
}

type stats struct {
	n, errors     int
	rate          float64
	p50, p99, max time.Duration
}

// load runs conns workers for d, each sending the requests in turn from its
// own starting point, and reports latencies and throughput.
func load(ctx context.Context, client *http.Client, base string, reqs []request, conns int, d time.Duration) stats {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	lats := make([][]time.Duration, conns)
	errs := make([]int, conns)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range conns {
		wg.Go(func() {
			i := w * len(reqs) / conns
			for ctx.Err() == nil {
				rq := reqs[i%len(reqs)]
				i++
				t0 := time.Now()
				resp, err := rq.do(client, base)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 && resp.StatusCode != 201 {
						err = errors.New(resp.Status)
					}
				}
				if err != nil {
					errs[w]++
					continue
				}
				lats[w] = append(lats[w], time.Since(t0))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	st := stats{}
	for w := range conns {
		all = append(all, lats[w]...)
		st.errors += errs[w]
	}
	if len(all) == 0 {
		return st
	}
	slices.Sort(all)
	st.n = len(all)
	st.rate = float64(len(all)) / elapsed.Seconds()
	st.p50 = all[len(all)/2]
	st.p99 = all[int(math.Ceil(0.99*float64(len(all))))-1]
	st.max = all[len(all)-1]
	return st
}

// runRelevance measures search on the judged queries (models/search/relevance)
// over the shared reference files, in a temporary database.
func runRelevance(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench relevance", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	verbose := fs.Bool("v", false, "print every query's figures, worst first")
	added := fs.String("added", "", "only the queries added on this day (YYYY-MM-DD): a set judged before its results were seen")
	root := fs.String("root", ".", "the repository's root (the reference files are in ROOT/../shared/reference)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("bench relevance: %w\n%s", err, usage)
	}
	mem, files, qs, done, err := judgedEngine(ctx, *root)
	if err != nil {
		return err
	}
	defer done()
	if *added != "" {
		var sel []relevance.Query
		for _, q := range qs {
			if q.Added == *added {
				sel = append(sel, q)
			}
		}
		if len(sel) == 0 {
			return fmt.Errorf("bench relevance: no query added on %s", *added)
		}
		qs = sel
	}
	ns, na := mem.Len()
	fmt.Fprintf(stdout, "%d files, %d places and %d services searchable\n", len(files), na, ns)
	for _, services := range []bool{false, true} {
		f, err := relevance.Evaluate(ctx, mem, qs, services)
		if err != nil {
			return err
		}
		name := "places (GET /api/v1/search/actors)"
		if services {
			name = "services (GET /api/v1/search/services, by place)"
		}
		f.Print(stdout, name, *verbose)
	}
	return nil
}

// judgedEngine imports the reference files into a temporary database and
// returns the in-memory engine over it and the judged queries; done
// removes the database.
func judgedEngine(ctx context.Context, root string) (mem *search.Memory, files []string, qs []relevance.Query, done func(), err error) {
	if qs, err = relevance.Judged(); err != nil {
		return nil, nil, nil, nil, err
	}
	if files, err = relevance.Files(root); err != nil {
		return nil, nil, nil, nil, err
	}
	dir, err := os.MkdirTemp("", "carnet-relevance-")
	if err != nil {
		return nil, nil, nil, nil, err
	}
	store, err := models.Open(ctx, filepath.Join(dir, "r.db"), models.Options{})
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, nil, nil, err
	}
	done = func() {
		store.Close()
		os.RemoveAll(dir)
	}
	if err = relevance.Load(ctx, store, files); err == nil {
		mem, err = search.NewMemory(ctx, store, nil)
	}
	if err != nil {
		done()
		return nil, nil, nil, nil, err
	}
	return mem, files, qs, done, nil
}

// runWords lists the words of the judged queries and of everyday
// phrasings (relevance.Phrasings) that search does not read.
func runWords(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench words", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	root := fs.String("root", ".", "the repository's root (the reference files are in ROOT/../shared/reference)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("bench words: %w\n%s", err, usage)
	}
	mem, _, qs, done, err := judgedEngine(ctx, *root)
	if err != nil {
		return err
	}
	defer done()
	judged := make([]string, len(qs))
	for i, q := range qs {
		judged[i] = q.Q
	}
	phrasings := relevance.Phrasings()
	for _, set := range []struct {
		name    string
		queries []string
	}{{fmt.Sprintf("judged queries (%d)", len(judged)), judged}, {fmt.Sprintf("everyday phrasings (%d)", len(phrasings)), phrasings}} {
		us, err := relevance.UnreadWords(ctx, mem, set.queries)
		if err != nil {
			return err
		}
		relevance.PrintUnread(stdout, set.name, us)
	}
	return nil
}
