//go:build unix

package models

import (
	"context"
	"fmt"
	"slices"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"
)

// BenchmarkInsertLinksCrowded measures what detection's insert of new
// links costs the single writer (saveLinks' insertRows, its largest part
// in BenchmarkConcurrentWrites' profile since session 50): each iteration
// links one newer place to 150 to 250 older ones of a crowded address (a
// count that changes from one to the next, as detection's parts do), in
// one write transaction, on a table already holding 100,000 links; ns/link
// and cpu-ns/link are the time and the process's CPU of one new link — its
// row, its indexes, its foreign keys, its share of the commit:
//
//	go test -run '^$' -bench InsertLinksCrowded -benchtime 800x -cpuprofile cpu.out ./models/
func BenchmarkInsertLinksCrowded(b *testing.B) {
	const (
		older  = 1000 // the places new ones are linked to
		newer  = 3000 // one per iteration (500 seeding the table first)
		perNew = 200
	)
	s, err := Open(context.Background(), b.TempDir()+"/t.db", Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var batch []Actor
	for i := range older + newer {
		// No follower runs here: nothing links them but the benchmark.
		batch = append(batch, Actor{Name: fmt.Sprintf("Lieu %d", i), Source: "hub", SourceID: fmt.Sprint(i),
			Address: Address{Street: fmt.Sprintf("%d rue %d", i%90+1, i), PostalCode: fmt.Sprintf("%02d000", i%90+1), Commune: "Ville"}})
	}
	for chunk := range slices.Chunk(batch, 500) {
		if _, err := s.SyncBatch(ctx, "hub", chunk, nil, SyncOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	var ids []string
	if err := s.w.Model(&Actor{}).Order("id").Pluck("id", &ids).Error; err != nil {
		b.Fatal(err)
	}
	n, linked := 0, 0
	link := func() error {
		bID := ids[older+n]
		now := s.now()
		// As many as detection's parts bring, never twice the same count
		// in a row (perNew on average).
		count := perNew - 50 + n%101
		fresh := make([]*DuplicateLink, 0, count)
		for k := range count {
			// The older places a new one joins, spread over the pair index.
			a := ids[(n*7+k*5)%older]
			pub := 0.8
			fresh = append(fresh, &DuplicateLink{ID: NewID(), ActorAID: a, ActorBID: bID, Score: 0.8, NameScore: 0.5, AddressScore: 1,
				PublicScore: &pub, Status: DuplicateSuggested, CreatedAt: now, UpdatedAt: now})
		}
		n++
		linked += count
		return s.w.Transaction(func(tx *gorm.DB) error {
			for rows := range linkStatements(fresh) {
				if err := insertRows(tx, rows, skipConflicts("actor_a, actor_b")); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for range 500 {
		if err := link(); err != nil {
			b.Fatal(err)
		}
	}
	if b.N > newer-500 {
		b.Fatalf("at most %d iterations", newer-500)
	}
	cpu0, linked0 := processCPU(), linked
	b.ResetTimer()
	for range b.N {
		if err := link(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(linked-linked0), "ns/link")
	// The process's CPU (user and system) a link: on a shared machine, what
	// waiting for a CPU adds to the elapsed time is left out.
	b.ReportMetric(float64((processCPU()-cpu0).Nanoseconds())/float64(linked-linked0), "cpu-ns/link")
}

// processCPU is the CPU time, user and system, this process used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
