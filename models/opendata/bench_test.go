package opendata_test

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/opendata"
)

var (
	syntheticOut  = flag.String("synthetic", "", "TestWriteSynthetic writes a synthetic file of the standard here")
	syntheticRows = flag.Int("rows", 100000, "rows of the synthetic file")
)

// TestWriteSynthetic writes the load-test file used in the README's
// measurements: go test ./models/opendata -run TestWriteSynthetic -args -synthetic=/tmp/synthetic.csv
func TestWriteSynthetic(t *testing.T) {
	if *syntheticOut == "" {
		var buf bytes.Buffer
		if err := opendata.WriteSynthetic(&buf, 50, 1); err != nil {
			t.Fatal(err)
		}
		s := openStore(t)
		rep := importBytes(t, s, buf.Bytes(), opendata.ImportOptions{Source: "synthetic"})
		if rep.Rows != 50 || rep.Rejected != 0 {
			t.Fatalf("synthetic rows: %d read, %d rejected: %+v", rep.Rows, rep.Rejected, rep.Issues)
		}
		return
	}
	f, err := os.Create(*syntheticOut)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := opendata.WriteSynthetic(f, *syntheticRows, 1); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkImport measures imports: the two real files, then 100,000
// synthetic places into an empty database and again unchanged (re-sync).
// Run with -benchtime 1x: one import is the unit.
func BenchmarkImport(b *testing.B) {
	for _, f := range realFiles {
		data := reference(b, f)
		b.Run(f[5:20], func(b *testing.B) {
			var rows int
			var elapsed time.Duration
			for b.Loop() {
				s := openStore(b)
				start := time.Now()
				rep := importBytes(b, s, data, opendata.ImportOptions{Source: "bench"})
				elapsed += time.Since(start)
				rows += rep.Rows
			}
			b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
		})
	}
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, *syntheticRows, 1); err != nil {
		b.Fatal(err)
	}
	b.Run("synthetic", func(b *testing.B) {
		for b.Loop() {
			dir := b.TempDir()
			s, err := models.Open(context.Background(), filepath.Join(dir, "carnet.db"), models.Options{})
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			base := liveHeap()
			var peak atomic.Uint64
			stop, done := make(chan struct{}), make(chan struct{})
			go sampleLiveHeap(&peak, stop, done)
			start, cpu, wrote := time.Now(), processCPU(), processWritten()
			rep := importBytes(b, s, buf.Bytes(), opendata.ImportOptions{Source: "bench"})
			first, firstCPU, firstWrote := time.Since(start), processCPU()-cpu, processWritten()-wrote
			close(stop)
			<-done
			// The database's size once its WAL is checkpointed into it
			// (outside the timings).
			if err := s.Checkpoint(context.Background()); err != nil {
				b.Fatal(err)
			}
			dbSize := filesSize(dir)
			start, cpu = time.Now(), processCPU()
			again := importBytes(b, s, buf.Bytes(), opendata.ImportOptions{Source: "bench"})
			resync, resyncCPU := time.Since(start), processCPU()-cpu
			if again.Actors["unchanged"] != rep.Rows {
				b.Fatalf("re-sync: %v", again.Actors)
			}
			b.ReportMetric(float64(rep.Rows)/first.Seconds(), "import-rows/s")
			b.ReportMetric(float64(rep.Rows)/resync.Seconds(), "resync-rows/s")
			// The CPU time the process spent per row (every goroutine, the
			// garbage collector and SQLite's C code included): on a shared
			// machine the rates depend on the other work, this much less.
			if firstCPU > 0 {
				b.ReportMetric(float64(firstCPU.Microseconds())/float64(rep.Rows), "import-cpu-µs/row")
				b.ReportMetric(float64(resyncCPU.Microseconds())/float64(rep.Rows), "resync-cpu-µs/row")
			}
			// What the first import made the process write to storage (the
			// WAL and the checkpoints run beside it; Linux only): the
			// commits copy every page they touched into the WAL.
			if firstWrote > 0 {
				b.ReportMetric(float64(firstWrote)/(1<<20), "import-MiB-written")
			}
			// What the first import kept alive at most beyond what was
			// live before it (the file's bytes, the store): flat in the
			// rows but for the report's issues (compare -rows 100000 and
			// 200000).
			b.ReportMetric(float64(peak.Load()-min(peak.Load(), base))/(1<<20), "import-peak-live-MiB")
			// What the first import left on disk.
			b.ReportMetric(float64(dbSize)/(1<<20), "import-db-MiB")
			s.Close()
		}
	})
}

// BenchmarkExport measures each export on the synthetic directory:
// throughput and the peak heap seen by a sampler during the export.
func BenchmarkExport(b *testing.B) {
	var buf bytes.Buffer
	if err := opendata.WriteSynthetic(&buf, *syntheticRows, 1); err != nil {
		b.Fatal(err)
	}
	s := openStore(b)
	importBytes(b, s, buf.Bytes(), opendata.ImportOptions{Source: "bench"})
	for _, f := range opendata.ExportFormats {
		b.Run(f.Name, func(b *testing.B) {
			var bytesOut atomic.Int64
			var peak atomic.Uint64
			var times []time.Duration
			for b.Loop() {
				runtime.GC()
				stop := make(chan struct{})
				done := make(chan struct{})
				go sampleHeap(&peak, stop, done)
				start := time.Now()
				cw := &countingWriter{n: &bytesOut}
				if err := opendata.Export(context.Background(), s, f.Name, cw, nil); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
				close(stop)
				<-done
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			var total time.Duration
			for _, t := range times {
				total += t
			}
			b.ReportMetric(float64(bytesOut.Load())/1e6/total.Seconds(), "MB/s")
			b.ReportMetric(float64(bytesOut.Load())/1e6/float64(len(times)), "MB/export")
			b.ReportMetric(float64(times[len(times)/2].Milliseconds()), "median-ms")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
		})
	}
}

type countingWriter struct{ n *atomic.Int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n.Add(int64(len(p)))
	return io.Discard.Write(p)
}

// filesSize is the total size of the files in dir.
func filesSize(dir string) int64 {
	var n int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// processWritten is what the process has written to storage so far
// (/proc/self/io's write_bytes), or 0 where it cannot be read.
func processWritten() int64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "write_bytes: "); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}

// liveHeap is the heap the last garbage collection found live.
func liveHeap() uint64 {
	m := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(m)
	return m[0].Value.Uint64()
}

// sampleLiveHeap keeps the largest live heap a collection found until
// stop; runtime/metrics, unlike ReadMemStats, does not stop the world, so
// the import measured beside it is not slowed.
func sampleLiveHeap(peak *atomic.Uint64, stop, done chan struct{}) {
	defer close(done)
	for {
		if v := liveHeap(); v > peak.Load() {
			peak.Store(v)
		}
		select {
		case <-stop:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func sampleHeap(peak *atomic.Uint64, stop, done chan struct{}) {
	defer close(done)
	var m runtime.MemStats
	for {
		runtime.ReadMemStats(&m)
		if m.HeapInuse > peak.Load() {
			peak.Store(m.HeapInuse)
		}
		select {
		case <-stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}
