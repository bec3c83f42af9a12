package models

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// streamBatches returns n batches of k new actors of one source.
func streamBatches(n, k int) []SyncInput {
	out := make([]SyncInput, n)
	for i := range out {
		for j := range k {
			a := validActor()
			a.Name = fmt.Sprintf("Lieu %d-%d", i, j)
			a.SourceID = fmt.Sprintf("lieu-%d-%d", i, j)
			out[i].Actors = append(out[i].Actors, a)
		}
	}
	return out
}

// changeSeqs returns the change-log seq of each actor of the source, by
// source id.
func changeSeqs(t *testing.T, s *Store, source string) map[string]int64 {
	t.Helper()
	var rows []struct {
		SourceID string
		Seq      int64
	}
	err := s.w.Raw(`SELECT a.source_id, c.seq FROM changes c JOIN actors a ON a.id = c.entity_id
		WHERE c.entity = 'actor' AND a.source = ?`, source).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.SourceID] = r.Seq
	}
	return out
}

// TestSyncBatchesShareTransactions: a stream of batches whose next batch is
// always ready is written in far fewer transactions than batches (the WAL
// then takes each randomly placed index page once per transaction), with
// every batch's outcomes reported in order.
func TestSyncBatchesShareTransactions(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	batches := streamBatches(12, 3)
	pos, transactions := 0, 0
	next := func(wait time.Duration) (SyncInput, bool, bool) {
		if wait < 0 {
			transactions++ // a transaction starts with a batch it waited for
		}
		if pos == len(batches) {
			return SyncInput{}, false, true
		}
		pos++
		return batches[pos-1], true, false
	}
	var results []*SyncResult
	done := func(r *SyncResult) error { results = append(results, r); return nil }
	if err := s.SyncBatches(ctx, "stream", SyncOptions{}, next, done); err != nil {
		t.Fatal(err)
	}
	transactions-- // the last wait found the end
	if len(results) != len(batches) {
		t.Fatalf("%d results for %d batches", len(results), len(batches))
	}
	for i, r := range results {
		if r.Counts[SyncCreated] != 3 || len(r.Outcomes) != 3 || r.Outcomes[0].SourceID != fmt.Sprintf("lieu-%d-0", i) {
			t.Fatalf("batch %d: %+v", i, r)
		}
	}
	// Each transaction may last maxStreamHold: a loaded machine can split
	// the stream, never into one transaction per batch.
	if transactions < 1 || transactions > len(batches)/2 {
		t.Fatalf("%d batches written in %d transactions, want them grouped", len(batches), transactions)
	}
	if n := len(changeSeqs(t, s, "stream")); n != 36 {
		t.Fatalf("%d actors stored, want 36", n)
	}
}

// TestSyncBatchesWaitForALateBatch: a batch that is not ready when the
// previous one is written (an import's reader a little slower than the
// writer) is waited for within the transaction's bounds rather than
// committing at once, so that the stream still shares few transactions; a
// write of this process that queues meanwhile ends the wait.
func TestSyncBatchesWaitForALateBatch(t *testing.T) {
	s := openTestStore(t)
	if s.gate == nil {
		t.Skip("the store writes through a pool (PostgreSQL): writes do not queue for one writer")
	}
	ctx := context.Background()
	batches := streamBatches(6, 2)
	pos, transactions, polls := 0, 0, 0
	next := func(wait time.Duration) (SyncInput, bool, bool) {
		if wait < 0 {
			transactions++
		}
		if pos == len(batches) {
			return SyncInput{}, false, true
		}
		// Every batch after the first of a transaction comes late: not
		// ready at once, ready at the second poll.
		if wait >= 0 && pos%3 != 0 {
			if polls++; polls < 2 {
				if wait > 0 {
					time.Sleep(wait)
				}
				return SyncInput{}, false, false
			}
		}
		polls = 0
		pos++
		return batches[pos-1], true, false
	}
	if err := s.SyncBatches(ctx, "stream", SyncOptions{}, next, func(*SyncResult) error { return nil }); err != nil {
		t.Fatal(err)
	}
	transactions-- // the last wait found the end
	if transactions < 1 || transactions > 2 {
		t.Fatalf("6 late batches written in %d transactions, want them grouped", transactions)
	}
	if n := len(changeSeqs(t, s, "stream")); n != 12 {
		t.Fatalf("%d actors stored, want 12", n)
	}

	// A write queued while the stream waits for its reader: the stream
	// commits and lets it in, rather than waiting up to maxStreamHold.
	batches = streamBatches(2, 2)
	for i := range batches {
		for j := range batches[i].Actors {
			batches[i].Actors[j].SourceID += "-bis"
		}
	}
	pos = 0
	writeDone := make(chan error, 1)
	var waited time.Duration
	next = func(wait time.Duration) (SyncInput, bool, bool) {
		if pos == len(batches) {
			return SyncInput{}, false, true
		}
		if pos == 1 && wait >= 0 {
			if s.gateWaiters.Load() == 0 {
				go func() {
					a := validActor()
					a.Name = "Écrit pendant l'attente"
					writeDone <- s.CreateActor(ctx, &a)
				}()
				for deadline := time.Now().Add(10 * time.Second); s.gateWaiters.Load() == 0; {
					if time.Now().After(deadline) {
						t.Error("the other write never queued")
						break
					}
					time.Sleep(time.Millisecond)
				}
			}
			waited += wait
			return SyncInput{}, false, false // the reader is never ready
		}
		pos++
		return batches[pos-1], true, false
	}
	start := time.Now()
	if err := s.SyncBatches(ctx, "stream", SyncOptions{}, next, func(*SyncResult) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if err := <-writeDone; err != nil {
		t.Fatal(err)
	}
	if waited >= maxStreamHold/2 {
		t.Fatalf("the stream waited %v for its reader with a write queued (took %v)", waited, time.Since(start))
	}
}

// TestSyncBatchesYieldToAWaitingWrite: a write that queues for the writer
// while a stream is being written waits for the batch in progress, not for
// the stream: its change comes between two batches of the stream.
func TestSyncBatchesYieldToAWaitingWrite(t *testing.T) {
	s := openTestStore(t)
	if s.gate == nil {
		t.Skip("the store writes through a pool (PostgreSQL): writes do not queue for one writer")
	}
	ctx := context.Background()
	batches := streamBatches(8, 2)
	pos, waitedAt3 := 0, false
	writeDone := make(chan error, 1)
	next := func(wait time.Duration) (SyncInput, bool, bool) {
		if pos == len(batches) {
			return SyncInput{}, false, true
		}
		if pos == 3 {
			waitedAt3 = wait < 0
			// Another write arrives while the stream holds the writer.
			go func() {
				a := validActor()
				a.Name = "Écrit pendant l'import"
				writeDone <- s.CreateActor(ctx, &a)
			}()
			for deadline := time.Now().Add(10 * time.Second); s.gateWaiters.Load() == 0; {
				if time.Now().After(deadline) {
					t.Error("the other write never queued")
					break
				}
				time.Sleep(time.Millisecond)
			}
		}
		pos++
		return batches[pos-1], true, false
	}
	if err := s.SyncBatches(ctx, "stream", SyncOptions{}, next, func(*SyncResult) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if err := <-writeDone; err != nil {
		t.Fatal(err)
	}
	seqs := changeSeqs(t, s, "stream")
	var other int64
	if err := s.w.Raw(`SELECT c.seq FROM changes c JOIN actors a ON a.id = c.entity_id WHERE a.source = ''`).Scan(&other).Error; err != nil || other == 0 {
		t.Fatalf("the other write's change: %d, %v", other, err)
	}
	// Batch 3 (the fourth) was handed over as the write queued: it is
	// written, then the stream lets the write in.
	if last := seqs["lieu-7-1"]; other > last {
		t.Fatalf("the write queued at batch 3 committed after the whole stream (seq %d > %d)", other, last)
	}
	// (Unless a transaction bound had ended the stream's transaction
	// before batch 3: the write may then have gone first.)
	if before := seqs["lieu-3-1"]; !waitedAt3 && other < before {
		t.Fatalf("the write committed before the batch in progress (seq %d < %d)", other, before)
	}
}

// TestNewDatabaseHasLargePages: a database Carnet creates has pageSize
// pages; one created by an earlier version keeps its own.
func TestNewDatabaseHasLargePages(t *testing.T) {
	s := openTestStore(t)
	if s.gate == nil {
		t.Skip("PostgreSQL has its own page size")
	}
	var got int
	if err := s.w.Raw("PRAGMA page_size").Scan(&got).Error; err != nil || got != pageSize {
		t.Fatalf("page_size %d (%v), want %d", got, err, pageSize)
	}
	// A file an earlier version created, with SQLite's 4 KiB pages.
	old := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite3", old)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"PRAGMA page_size=4096", "PRAGMA journal_mode=WAL", "CREATE TABLE before_carnet (x)"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	raw.Close()
	db, err := Open(context.Background(), old, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.w.Raw("PRAGMA page_size").Scan(&got).Error; err != nil || got != 4096 {
		t.Fatalf("reopened database: page_size %d (%v), want its own 4096", got, err)
	}
	a := validActor()
	if err := db.CreateActor(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
}

// TestPreparedCreationAuditsTheStoredRecord: the audit changes of a
// creation by a sync batch, as the history reads them (rebuilt from the
// row), are the ones the stored record gives.
func TestPreparedCreationAuditsTheStoredRecord(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	lat, lon := 43.2965, 5.3698
	a := validActor()
	a.SourceID, a.Summary, a.Phones, a.Emails = "riche-1", "Aide <administrative> & \"numérique\"", StringList{"04 91 00 00 00"}, StringList{"Contact@Exemple.fr"}
	a.Typologies, a.Latitude, a.Longitude, a.OpeningHours = StringList{"BIB"}, &lat, &lon, "Mo-Fr 09:00-12:00"
	a.ProducerUpdatedOn = "2023-05-17"
	actors := []Actor{a}
	PrepareSyncBatch("riche", actors, nil)
	res, err := s.SyncBatch(ctx, "riche", actors, nil, SyncOptions{})
	if err != nil || res.Counts[SyncCreated] != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	stored, err := s.GetActor(ctx, res.Outcomes[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	want, err := marshalChanges(diffFields(nil, stored))
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.ListHistory(ctx, EntityActor, stored.ID, ListParams{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("history: %+v %v", page, err)
	}
	if got := page.Items[0].Changes; got != string(want) {
		t.Fatalf("creation recorded\n %s\nthe stored record gives\n %s", got, want)
	}
}
