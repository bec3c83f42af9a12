package opendata

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"carnet/models"
	"carnet/models/commune"
)

// DefaultBatchSize is how many places an import writes per transaction: big
// enough to amortise the commit, small enough that other writers never wait
// long for the single SQLite writer (the same bound as a partner's sync
// batch). The commit writes every index page the batch touched, and the
// indexes on names and postal codes are touched at random: with 1,000
// places rather than 500 a page holds twice the rows, and the 100,000-place
// import writes about half the pages.
const DefaultBatchSize = 1000

// ImportOptions tunes Import.
type ImportOptions struct {
	Source string
	// Format is FormatCSV, FormatJSON or "" to tell from the content.
	Format string
	// DryRun checks and reports without writing.
	DryRun bool
	// Snapshot archives the source's places absent from the file.
	Snapshot bool
	// AllowMassArchive lifts the models.MassArchiveShare guard.
	AllowMassArchive bool
	BatchSize        int
	// MaxRows, when positive, refuses a file of more places (413) before
	// anything is written: the cost of an import and the size of its
	// report grow with its rows, and an HTTP body of 1 MiB could hold half
	// a million rows of one character (TestImportCostBounded). The input
	// must be seekable for it to apply.
	MaxRows int
	// Progress, when set, is called after each batch with the rows read.
	Progress func(rows int)

	// renames are the places of a file without ids followed to the stored
	// place they are (see followRenames).
	renames renames
	// absent are the fields a JSON file has no key for, found by a first
	// pass (checkRows; a CSV reader knows them from its header).
	absent models.Fields
}

// Report is the result of an import: totals and one issue per problem.
type Report struct {
	Source   string `json:"source"`
	Format   string `json:"format"`
	DryRun   bool   `json:"dry_run"`
	Snapshot bool   `json:"snapshot"`
	// Rows is the number of places read; Rejected of them were not stored.
	Rows     int `json:"rows"`
	Rejected int `json:"rejected"`
	Warnings int `json:"warnings"`
	// Actors and Services count each result (created, updated, unchanged,
	// restored, archived, rejected).
	Actors   map[string]int `json:"actors"`
	Services map[string]int `json:"services"`
	Issues   []Issue        `json:"issues"`
	// Readings say how rows that depart from the standard v1.0.2 were read.
	Readings []Reading `json:"readings"`
	// Diagnosis is set when the file does not follow the standard.
	Diagnosis *Diagnosis `json:"diagnosis,omitempty"`
	// Producer is set when the file is in a producer's own format that
	// Carnet reads by the ANCT's published mapping (producer.go).
	Producer *ProducerFormat `json:"producer_format,omitempty"`
	Elapsed  time.Duration   `json:"-"`

	readingRows map[RowReading]*[]int
	// keptRows are, by keptColumns' index, the rows whose places kept a
	// stored value of a field the file has no column for.
	keptRows [][]int
	// undated are the rows of a file without date_maj whose places have
	// no producer date: new, or stored without one (keptIssues).
	undated []int
	// twoCases are the issues, by row, whose reason says what happens
	// to a place stored and to a new one: record says which happened.
	twoCases map[int][]int
	// formerSaid are the rows whose former INSEE code the reading said:
	// the writer, which says it for syncs, says it again.
	formerSaid map[int]bool
	// fileAbsent are the fields the file has no column for.
	fileAbsent models.Fields
}

// Reading is one way some rows were read: a column under another name,
// values joined with commas, values of an older version mapped.
type Reading struct {
	Field string `json:"field"`
	How   string `json:"how"`
	// Rows lists the rows read this way as ranges: "1-12, 15".
	Rows  string `json:"rows"`
	Count int    `json:"count"`
}

func (r *Report) addReadings(row int, rs []RowReading) {
	for _, x := range rs {
		if r.readingRows == nil {
			r.readingRows = map[RowReading]*[]int{}
		}
		rows, ok := r.readingRows[x]
		if !ok {
			rows = new([]int)
			r.readingRows[x] = rows
			r.Readings = append(r.Readings, Reading{Field: x.Field, How: x.How})
		}
		if n := len(*rows); n == 0 || (*rows)[n-1] != row {
			*rows = append(*rows, row)
		}
	}
}

// finishReadings writes the rows of each reading as ranges.
func (r *Report) finishReadings() {
	for i := range r.Readings {
		rows := *r.readingRows[RowReading{r.Readings[i].Field, r.Readings[i].How}]
		r.Readings[i].Rows, r.Readings[i].Count = ranges(rows), len(rows)
	}
	r.readingRows = nil
}

// ranges writes sorted row numbers as "1-3, 7, 9-12".
func ranges(rows []int) string {
	var b strings.Builder
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		if j > i {
			fmt.Fprintf(&b, "%d-%d", rows[i], rows[j])
		} else {
			fmt.Fprintf(&b, "%d", rows[i])
		}
		i = j + 1
	}
	return b.String()
}

func (r *Report) issue(is ...Issue) {
	var rejected []int // rows refused as read: their warnings say so
	defer func() {
		for _, row := range rejected {
			if r.twoCases != nil {
				r.sayWhatHappened(row, models.SyncOutcome{Result: models.SyncRejected})
			}
		}
	}()
	for _, i := range is {
		if i.Severity == SeverityWarning {
			r.Warnings++
			if i.Row > 0 && twoCaseOf(i.Reason) != nil {
				if r.twoCases == nil {
					r.twoCases = map[int][]int{}
				}
				r.twoCases[i.Row] = append(r.twoCases[i.Row], len(r.Issues))
			}
			if i.Row > 0 && strings.HasPrefix(i.Reason, formerCodeSaid) {
				if r.formerSaid == nil {
					r.formerSaid = map[int]bool{}
				}
				r.formerSaid[i.Row] = true
			}
		} else if i.Severity == SeverityError && i.Row > 0 {
			rejected = append(rejected, i.Row)
		}
		// A value is often a cell, a substring of its row's record: kept
		// as is, it would keep the whole row alive until the report is.
		i.Value = strings.Clone(i.Value)
		if len(r.Issues) == cap(r.Issues) {
			// Doubled: append grows a large slice by a quarter, which
			// copied a first import's issues four times over (growslice,
			// 2 % of its CPU; issue 11, item 6).
			r.Issues = slices.Grow(r.Issues, max(len(r.Issues), 64))
		}
		r.Issues = append(r.Issues, i)
	}
}

// Import reads places from in and upserts them into store under the given
// source, in batches of one transaction each. In snapshot mode the file is
// read twice (in must be an io.Seeker) so that the mass-archive guard can
// refuse before anything is written. A file that cannot be read to its end
// answers an error, with the report of the rows written before it when
// an upsert wrote some (nil otherwise).
func Import(ctx context.Context, store *models.Store, in io.Reader, opt ImportOptions) (*Report, error) {
	start := time.Now()
	if opt.BatchSize <= 0 {
		opt.BatchSize = DefaultBatchSize
	}
	rep := &Report{Source: strings.ToLower(strings.TrimSpace(opt.Source)), DryRun: opt.DryRun, Snapshot: opt.Snapshot,
		Actors: map[string]int{}, Services: map[string]int{}, Issues: []Issue{}, Readings: []Reading{}}
	opt.Source = rep.Source
	// A source name no record can take refuses the import whole, before
	// the file is read: each row was rejected with it, and the command
	// exited 0 for an import that stored nothing.
	if err := models.CheckSourceName(opt.Source); err != nil {
		return nil, err
	}
	// The commune reference, parsed on first use (0.1 s of one core), is
	// parsed beside the file's first reading rather than by the first
	// batch's mapping, whose other goroutine waited for it (issue 11,
	// item 6). A server parsed it at start: this returns at once. Its
	// error, a build defect, is the first resolution's panic as before.
	go func() { _ = commune.Load() }()
	sync := models.SyncOptions{DryRun: opt.DryRun, KeepUncarried: true}
	// The row count first: it stops one row past the limit, where the
	// renames' pass reads every row of a file without ids.
	var err error
	if opt.absent, err = checkRows(in, opt); err != nil {
		return nil, err
	}
	if opt.renames, err = followRenames(ctx, store, in, opt); err != nil {
		return nil, err
	}
	var keepActors, keepServices map[string]bool
	if opt.Snapshot {
		seeker, ok := in.(io.Seeker)
		if !ok {
			return nil, errors.New("a snapshot import needs a seekable input")
		}
		keepActors, keepServices, err = placeKeys(ctx, store, in, opt)
		if err != nil {
			return nil, err
		}
		// A dry run of the archive step applies the guard now, before
		// the first batch is written.
		if _, err := store.ArchiveAbsent(ctx, opt.Source, keepActors, keepServices, models.SyncOptions{DryRun: true, AllowMassArchive: opt.AllowMassArchive}); err != nil {
			return nil, err
		}
		if _, err := seeker.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
	}
	rd, err := newReader(in, opt)
	if err != nil {
		return nil, &models.Error{Code: models.EBADREQUEST, Message: "The file cannot be read: " + err.Error() + "."}
	}
	rep.Format = rd.Format()
	rep.fileAbsent = rd.absent
	if enc := rd.Encoding(); enc != "" {
		rep.issue(Issue{Severity: SeverityWarning, Reason: "the file is not UTF-8: it was read as " + enc +
			" (check a few accented names; the standard asks for UTF-8)"})
	}
	remarked := len(rd.Remarks())
	for _, m := range rd.Remarks() {
		rep.issue(Issue{Severity: SeverityWarning, Reason: m})
	}
	// Reading and mapping the file runs beside the writes: one goroutine
	// reads the next batches while this one writes the last (batchesAhead
	// in flight at most, so memory stays flat).
	ctx, cancel := context.WithCancel(ctx)
	batches := make(chan readBatch, batchesAhead-1)
	go readBatches(ctx, rd, store, opt, batches)
	defer func() {
		// On an early return, stop the reader and wait for it: nothing
		// reads the store after Import returns.
		cancel()
		for range batches {
		}
	}()
	// Batches are written by SyncBatches, several in one transaction while
	// no other write waits (see models.SyncBatches); written holds the rows
	// of the batches handed to it and not yet reported, in order.
	var written []rowsOf
	var readErr error
	// The report is kept by a goroutine of its own, in the order the
	// writer hands it each batch read and each batch written: on the
	// writer's goroutine, its bookkeeping (a warning or an error a row,
	// the counts) held the single writer that the readers feed, 0.25 to
	// 0.44 s of a 100,000-place first import (issue 11, item 6).
	// Progress is still called here, after each batch as before (a
	// command's bar, the tests that look at the schema between two
	// commits): rows counts the rows of the batches handed to the writer,
	// which is what the report's Rows then holds.
	report, reported := startReporter()
	rows := 0
	next := func(wait time.Duration) (models.SyncInput, bool, bool) {
		var timeout <-chan time.Time
		if wait > 0 {
			t := time.NewTimer(wait)
			defer t.Stop()
			timeout = t.C
		}
		for readErr == nil {
			var b readBatch
			var ok bool
			if wait < 0 {
				b, ok = <-batches
			} else if wait == 0 {
				select {
				case b, ok = <-batches:
				default:
					return models.SyncInput{}, false, false
				}
			} else {
				select {
				case b, ok = <-batches:
				case <-timeout:
					return models.SyncInput{}, false, false
				}
			}
			if !ok {
				return models.SyncInput{}, false, true
			}
			if b.err != nil {
				readErr = b.err
				return models.SyncInput{}, false, true
			}
			read := b.counted() // not its records, which the writer lets go
			report <- func() { rep.account(read) }
			rows += b.rows
			if len(b.actors) > 0 {
				written = append(written, rowsOf{actors: b.actorRow, services: b.serviceRow, absent: b.actorAbsent})
				return models.SyncInput{Actors: b.actors, Services: b.services}, true, false
			}
			opt.progress(rows)
		}
		return models.SyncInput{}, false, true
	}
	done := func(res *models.SyncResult) error {
		b := written[0]
		written = written[1:]
		report <- func() { rep.record(b, res) }
		opt.progress(rows)
		return nil
	}
	err = store.SyncBatches(ctx, opt.Source, sync, next, done)
	close(report)
	<-reported
	if err != nil {
		return nil, err
	}
	if readErr != nil {
		// The report of the rows written before it goes with the error,
		// for the command's report of the refusal.
		return rep, readAfterWrites(readErr, rep.Rows, opt)
	}
	// The reader stops at a cancellation as at the file's end (its
	// channel closes either way), and the writer then ends as if the file
	// had: a cancelled import is a failed one, never a shorter success —
	// nor, for a snapshot, one whose unread places would go on to be
	// archived as absent (TestFailedFirstImportRestoresIndexes passed or
	// failed on which of the reader's two cases Go's select picked).
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, m := range rd.Remarks()[remarked:] {
		// What the reader noticed further on (a second JSON value).
		rep.issue(Issue{Severity: SeverityWarning, Reason: m})
	}
	if rep.Rows == 0 && !opt.Snapshot {
		rep.issue(Issue{Severity: SeverityWarning, Reason: "the file holds no place: nothing was imported"})
	}
	if p := rd.Producer(); p != nil {
		rep.Producer = p.info(rd.Names())
	}
	for _, c := range UnknownColumns(rd.Columns()) {
		// Each column not read is listed once, with how many rows held a
		// value in it: a column full of data is not lost silently.
		filled := "no row has a value in it"
		switch n := rd.Filled(c); n {
		case 0:
		case 1:
			filled = "1 row with a value"
		default:
			filled = fmt.Sprintf("%d rows with values", n)
		}
		field, reason := c, "not a column of any version of the standard; ignored ("+filled+")"
		if how := rd.OfferColumn(c); how != "" {
			rep.issue(Issue{Row: 0, Field: field, Value: clip(rd.Names()[c]), Reason: how, Severity: SeverityWarning})
			continue
		}
		if unread, ok := strings.CutPrefix(c, producerPrefix+"unread_"); ok {
			// A column of a recognised format its mapping does not read.
			field, reason = unread, "not read ("+filled+"): the ANCT's mapping of the "+rd.Producer().Title+" format does not name it"
		} else if strings.HasPrefix(c, producerPrefix) {
			continue // read by the format's rules
		}
		if cl := closestColumn(field); cl != "" {
			reason += " (the standard's closest column: " + cl + ")"
		}
		rep.issue(Issue{Row: 0, Field: field, Value: clip(rd.Names()[c]), Reason: reason, Severity: SeverityWarning})
	}
	rep.keptIssues()
	// The issues in the file's order, whatever the timing: a batch's
	// reading issues are added when the writer takes it and its write
	// outcomes when its transaction commits, and one transaction may
	// hold several batches or one, so the raw order differed from run to
	// run. Sorted stably by row: the file's own issues (row 0) first,
	// and a row's reading issues before its write outcomes.
	slices.SortStableFunc(rep.Issues, func(a, b Issue) int { return cmp.Compare(a.Row, b.Row) })
	if d := diagnose(rd); d != nil {
		// The diagnosis comes first: it explains the errors of every row.
		rep.Diagnosis = d
		rep.Warnings++
		rep.Issues = append([]Issue{{Row: 0, Reason: d.Summary, Severity: SeverityWarning}}, rep.Issues...)
	}
	if opt.Snapshot {
		res, err := store.ArchiveAbsent(ctx, opt.Source, keepActors, keepServices, models.SyncOptions{DryRun: opt.DryRun, AllowMassArchive: opt.AllowMassArchive})
		if err != nil {
			return nil, err
		}
		count(rep, res)
		if rep.Rows == 0 {
			// An empty snapshot archives what the source held (past the
			// mass-archive guard only when allowed): « nothing was
			// imported » hid that (probe 45).
			reason := "the file holds no place: nothing was imported, nothing archived"
			if n := rep.Actors[models.SyncArchived]; n > 0 {
				reason = fmt.Sprintf("the file holds no place: nothing was imported, and as a snapshot every place of the source was archived as absent (%d)", n)
				if opt.DryRun {
					reason = fmt.Sprintf("the file holds no place: as a snapshot it would archive every place of the source as absent (%d)", n)
				}
			}
			rep.issue(Issue{Severity: SeverityWarning, Reason: reason})
		}
	}
	rep.finishReadings()
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// batchesAhead is how many batches read and prepared may wait for the
// writer beside the one it writes (batchesAhead-1 queued, one being
// handed over). With one queued, the writer's commits, which take several
// batches at once, left the reader blocked while the writer wrote, and the
// writer then waited for the reader: a core idle either way, 4.7 to 8 s of
// waits in all on a loaded machine, against 1.7 s with eight (issue 11,
// item 6). Memory stays bounded: a prepared batch of 1,000 places is a
// megabyte or two (the synthetic import's peak live heap rose by about
// 10 MiB, to 135–146 MiB on a loaded machine).
const batchesAhead = 8

// readAfterWrites says, in the error of a file that cannot be read to its
// end, that the rows read before the error were stored (an upsert of a
// large file writes batch by batch): the import failed, but not whole. A
// snapshot reads the whole file before it writes, and stores nothing.
func readAfterWrites(err error, rows int, opt ImportOptions) error {
	var e *models.Error
	if rows == 0 || opt.DryRun || opt.Snapshot || !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Message += fmt.Sprintf(" The %d places read before it were imported, nothing was archived: import the corrected file again.", rows)
	return &out
}

// readBatch is a batch of rows read and mapped, in the file's order.
type readBatch struct {
	// The places as a sync batch's records, prepared; actorRow and
	// serviceRow are the file's row of each.
	actors     []models.Actor
	services   []models.SyncService
	actorRow   []int
	serviceRow []int
	// actorAbsent are the fields each actor's row leaves unsaid.
	actorAbsent []models.Fields
	rows        int
	rejected    int
	issues      []Issue
	readings    []rowReadings
	// Rows identical to the last import of the source, not mapped again.
	skipped, skippedOffers int
	err                    error
}

type rowReadings struct {
	row      int
	readings []RowReading
}

// identical is the reading of the rows an import skips.
var identical = RowReading{Field: "", How: "identical to the row of the source's last import: not read again (its warnings, if any, were reported then)"}

// identicalReadings is the readings of a skipped row, one slice for every
// such row (Report.addReadings only reads it): a slice of its own each was
// 100,000 allocations in the unchanged re-sync of 100,000 places (issue
// 11, item 6). Its capacity is its length: an append copies it.
var identicalReadings = []RowReading{identical}

// readBatches reads rd into batches of opt.BatchSize rows sent on out, and
// closes out. A row identical to the one the source's last import made the
// place from (same hash, and the place and its services unchanged since) is
// counted unchanged without being mapped: a re-sync of an unchanged file
// costs reading it.
func readBatches(ctx context.Context, rd *Reader, store *models.Store, opt ImportOptions, out chan<- readBatch) {
	defer close(out)
	send := func(b readBatch) bool {
		select {
		case out <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}
	places := newPlaceIDs(opt.Source)
	places.renames = opt.renames
	ahead := readAhead(ctx, rd, opt.BatchSize)
	defer ahead.stop()
	var mapped []Place
	for done := false; !done; {
		read, ok := ahead.next()
		if !ok {
			return // cancelled
		}
		records := read.records
		done = read.eof
		if read.err != nil {
			send(readBatch{err: read.err})
			return
		}
		if len(records) == 0 {
			return
		}
		// Each row's place in places (-1 for none), the warning about its
		// id, and the stored hashes of the ids taken.
		slots, idIssues, hashes, err := places.assignBatch(ctx, store, records)
		if err != nil {
			send(readBatch{err: err})
			return
		}
		if err := storedPlaces(ctx, store, opt.Source, records); err != nil {
			send(readBatch{err: err})
			return
		}
		// Every row but those found unchanged is mapped, side by side
		// (mapRows); a row read twice is mapped for nothing (rare).
		need := make([]bool, len(records))
		for i, rec := range records {
			need[i] = slots[i] < 0 || !unchanged(hashes[rowID(rec, places.carnet)], rec)
		}
		mapped = mapRows(mapped, records, opt.Source, need)
		var b readBatch
		for i, rec := range records {
			b.rows++
			if places.elsewhere[rec.Row] {
				b.skipped++
				b.readings = append(b.readings, rowReadings{rec.Row, []RowReading{elsewhereReading}})
				delete(places.elsewhere, rec.Row)
				continue
			}
			id := strings.TrimSpace(rec.Cells["id"])
			var place *idState
			if slots[i] >= 0 {
				place = &places.ids[slots[i]]
			}
			rep, repeated := places.repeats[rec.Row]
			if repeated {
				delete(places.repeats, rec.Row)
			} else if zi, ok := places.zeros[rec.Row]; ok && place != nil && place.row != 0 && zi.Value != clip(id) {
				// Read as a stored place under its other form
				// (zeroTwins), which an earlier row of the file is: a
				// repetition, said as on the import that stored it.
				rep, repeated = repeatOf{written: zi.Value}, true
				delete(places.zeros, rec.Row)
			}
			written, pandas := places.pandas[rec.Row]
			delete(places.pandas, rec.Row)
			if place != nil && place.row != 0 {
				// The row's warning about its id is the first row's.
				b.rejected++
				if pandas {
					id = written // the row's own id, not the stored « N.0 » it was read as
				}
				if repeated {
					b.issues = append(b.issues, Issue{Row: rec.Row, Field: "id", Value: clip(rep.written), Severity: SeverityError,
						Reason: fmt.Sprintf("the id « %s » of an earlier row (first at row %d) but for its leading zeros, at the same name and address: the same place, read once; this row is ignored", id, place.row)})
					continue
				}
				b.issues = append(b.issues, Issue{Row: rec.Row, Field: "id", Value: clip(id), Severity: SeverityError,
					Reason: fmt.Sprintf("appears twice in the file for the same address (first at row %d): the same place, read once; this row is ignored", place.row)})
				continue
			}
			if repeated {
				// The earlier row was not stored (refused): this one is
				// the place, under the earlier row's id.
				b.issues = append(b.issues, Issue{Row: rec.Row, Field: "id", Value: clip(rep.written), Severity: SeverityWarning,
					Reason: fmt.Sprintf("read under « %s », the id of row %d (not imported) but for its leading zeros, at the same name and address", id, rep.first)})
			}
			if pandas {
				id = rec.Cells["id"]
				b.readings = append(b.readings, rowReadings{rec.Row, []RowReading{pandasReading}})
			}
			if is := idIssues[i]; is != nil {
				b.issues = append(b.issues, *is)
			}
			if is, ok := places.zeros[rec.Row]; ok {
				id = rec.Cells["id"]
				b.issues = append(b.issues, is)
				delete(places.zeros, rec.Row)
			}
			if places.carnet[rec.Row] {
				id = rec.Cells["id"]
				b.readings = append(b.readings, rowReadings{rec.Row, []RowReading{carnetIDReading}})
				delete(places.carnet, rec.Row)
			}
			if place != nil {
				if h := hashes[id]; unchanged(h, rec) {
					place.row = rec.Row
					b.skipped++
					if strings.HasSuffix(h, offerMark) {
						b.skippedOffers++
					}
					b.readings = append(b.readings, rowReadings{rec.Row, identicalReadings})
					continue
				}
			}
			p := mapped[i]
			b.issues = append(b.issues, p.Issues...)
			b.readings = append(b.readings, rowReadings{rec.Row, p.Readings})
			if p.Rejected {
				b.rejected++
				continue
			}
			if place != nil {
				place.row = rec.Row // the first row of an id that can be stored wins
			}
			mark := noOfferMark // one concatenation, not two for a place with an offer
			if p.Service != nil {
				mark = offerMark
			}
			if p.Actor.FutureDate() == "" {
				p.Actor.SourceHash = rec.Hash + mark
			} // else no hash: the same row, once its date has come, is a check to apply, not a row to skip
			b.add(p, len(records)-i)
		}
		b.prepare(opt.Source)
		// The batch holds places, not records: the rows' cell maps can
		// serve the next rows, and mapped the next places.
		ahead.recycle(records)
		clear(mapped)
		if !send(b) {
			return
		}
	}
}

// rowID is the id under which a row's stored hash is looked up: the
// producer's id a row named by Carnet's id was followed to (carnetIDs),
// else the id cell as written, trimmed.
func rowID(rec Record, carnet map[int]bool) string {
	if carnet[rec.Row] {
		return rec.Cells["id"]
	}
	return strings.TrimSpace(rec.Cells["id"])
}

// unchanged says whether a stored row hash h (with its offer mark) is
// that of rec: the row is as the source's last import read it.
func unchanged(h string, rec Record) bool { return h != "" && stripMarks(h) == rec.Hash }

// storedPlaces gives the records of a batch that have no coordinate
// columns the address and coordinates stored for their places (see
// placeBuilder.storedAddress). A file with coordinates asks nothing.
func storedPlaces(ctx context.Context, store *models.Store, source string, records []Record) error {
	var ids []string
	for _, rec := range records {
		if rec.absent&models.FieldCoordinates != 0 && rec.Err == nil {
			if id := models.NormalizeSourceID(rec.Cells["id"]); id != "" {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	stored, err := store.StoredPlaces(ctx, source, ids)
	if err != nil || len(stored) == 0 {
		return err
	}
	for i := range records {
		if records[i].absent&models.FieldCoordinates == 0 {
			continue
		}
		if st, ok := stored[models.NormalizeSourceID(records[i].Cells["id"])]; ok {
			records[i].stored = &st
		}
	}
	return nil
}

// placeIDs gives each place of a file its own id. The standard wants an
// id per place, but some producers give every place of a structure the
// structure's SIRET: the national file of 2022 has three Croix-Rouge local
// units at three addresses under one id, two post offices under another.
// Read as one place, all but the first would be lost. A row whose id
// another row of the file has for another address is another place: it
// takes the id followed by « ~ » and a hash of its address. A row with the
// same id and address as an earlier one is the same place written twice
// (the first row is kept, see readBatches).
//
// Which row keeps the bare id must not depend on the rows' order: it went
// to the first row, so that the same file with two rows swapped wrote the
// first place's record over with the second's data, left the second's
// record beside it and created a new record of the first (a snapshot was
// refused as a mass archive). The id a row takes is decided by its own
// content and by what the source's earlier imports stored (decide):
//
//   - the id under which its place is stored: the bare id whose stored row
//     is this one (the same row hash, or the same address), or its own
//     suffixed id when stored — so databases imported when the first row
//     kept the bare id find every place again, in any order;
//   - otherwise the bare id when no earlier row of the file took it for
//     another address (a new place, or one moved), its own suffixed id when
//     one did.
//
// So which of several new places under one id keeps it bare is still the
// first row's, on the import that creates them; every import after finds
// each where it is stored, whatever the order of the rows. Knowing it on
// the first import too would read the whole file once more before it (a
// tenth of a first import's CPU, issue 11 item 6).
type placeIDs struct {
	source string
	index  map[string]int // id → its place in ids
	ids    []idState
	// renames follow derived ids to the stored places they are.
	renames renames
	// suffixed says the source holds ids of the form « id~address » (see
	// ownID), decided at the first batch: only then may a row's own id be
	// stored under it, and the store is asked (a first import of a file
	// with one id per place never does).
	suffixed, suffixDecided bool
	// ownsTaken says a row of the file took its own id (the index is
	// asked for such ids only then).
	ownsTaken bool
	// carnet holds the rows whose id was Carnet's id of a place of the
	// source (see carnetIDs), by row number.
	carnet map[int]bool
	// zeros holds the warnings of the rows whose id is a stored one's
	// but for its leading zeros (see zeroTwins), by row number.
	zeros map[int]Issue
	// zeroIDs are the source's stored ids of digits starting with a zero,
	// by their digits after the zeros, read at the first new id of digits.
	zeroIDs map[string][]models.SourcePlace
	// sourceLive says the source held places when the import began
	// (decided with zeroIDs): only then are the other stored forms of
	// new ids of digits asked (see zeroTwins).
	sourceLive bool
	// pandas holds the rows read as a place stored under their id with
	// « .0 » (see zeroTwins): their id as written, by row number.
	pandas map[int]string
	// zeroForms are the ids of digits of the file, by their digits after
	// the zeros; repeats the rows read as an earlier row's place (see
	// zeroRepeats), by row number.
	zeroForms map[string]zeroForm
	repeats   map[int]repeatOf
	// elsewhere holds the rows of services held elsewhere of the source's
	// places (see servicesElsewhere), by row number: left.
	elsewhere map[int]bool
}

// idState is what an import knows of one id of the file.
type idState struct {
	addr    uint64 // foldedAddress of its first row
	row     int    // the first row stored (or skipped unchanged) under it, 0 before
	commune string // the commune cell of its first row (otherCommune)
}

func newPlaceIDs(source string) *placeIDs {
	return &placeIDs{source: source, index: map[string]int{}}
}

// slot returns the place of id in p.ids, added with addr when new.
func (p *placeIDs) slot(id string, addr uint64) (int, idState) {
	if i, ok := p.index[id]; ok {
		return i, p.ids[i]
	}
	p.index[strings.Clone(id)] = len(p.ids)
	p.ids = append(p.ids, idState{addr: addr})
	return len(p.ids) - 1, p.ids[len(p.ids)-1]
}

// rawID sets rec's id cell to the id the file gives its place (derived
// when the file gives none, followed to the stored place it was renamed
// from) and returns it, "" for a row without a usable id, with the warning
// of a derived id.
func (p *placeIDs) rawID(rec *Record) (string, *Issue) {
	// The id as every path reads a partner's key (Unicode NFC, no white
	// space nor invisible character at the ends): compared as written,
	// « café » composed and decomposed were two ids here, each a place's
	// bare id, and the second was refused as twice in the batch where
	// two rows under one id at two addresses are two places. The cell
	// keeps the id read; ToPlace says how it was written.
	written := rec.Cells["id"]
	id := models.NormalizeSourceID(written)
	if id != strings.TrimSpace(written) {
		if rec.idWritten == "" {
			rec.idWritten = written
		}
		rec.Cells["id"] = id
	}
	var derived *Issue
	if rec.DeriveID && rec.Err == nil && (id == "" || isPlaceholder(id)) {
		if id = deriveID(p.source, rec.Cells); id != "" {
			is := derivedIDIssue(rec.Row, id)
			if r, ok := p.renames[id]; ok {
				is = renamedIssue(rec.Row, id, r)
				id = r.id
			}
			rec.Cells["id"] = id
			derived = &is
		}
	}
	if id == "" || rec.Err != nil || isPlaceholder(id) {
		return "", nil
	}
	return id, derived
}

// ownID is the id of a place at addr among several places under id.
func ownID(id string, addr uint64) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 0, len(id)+9)
	b = append(b, id...)
	b = append(b, '~')
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, digits[uint32(addr)>>shift&0xf])
	}
	return string(b)
}

// storedIDs is what the store holds of the ids a batch's rows may take.
type storedIDs struct {
	hashes map[string]string // live source id → its row hash ("" for none)
	addrs  map[string]uint64 // foldedAddress of a stored place, by source id
}

// stripMarks is a stored row hash without its offer mark.
func stripMarks(h string) string {
	return strings.TrimSuffix(strings.TrimSuffix(h, offerMark), noOfferMark)
}

// assign gives rec its id without asking the store (followRenames reads
// derived ids, the address in them).
func (p *placeIDs) assign(rec *Record) (int, *Issue) {
	id, derived := p.rawID(rec)
	if id == "" {
		return -1, nil
	}
	return p.take(rec, id, idKey(rec.Cells, derived != nil), nil, derived)
}

// assignBatch gives each record its id (see placeIDs) and returns its
// place in p.ids (-1 for a row without a usable id), the warning saying so
// when the id is not the file's, and the stored row hashes of the ids
// taken. Every row of a re-sync comes here: the store is asked once for
// the file's ids (the hashes a re-sync needs anyway), then only for the
// rows not found unchanged under them.
func (p *placeIDs) assignBatch(ctx context.Context, store *models.Store, records []Record) ([]int, []*Issue, map[string]string, error) {
	ids, keys := make([]string, len(records)), make([]uint64, len(records))
	issues, slots := make([]*Issue, len(records)), make([]int, len(records))
	ask := make([]string, 0, len(records))
	for i := range records {
		if ids[i], issues[i] = p.rawID(&records[i]); ids[i] != "" {
			keys[i] = idKey(records[i].Cells, issues[i] != nil)
			ask = append(ask, ids[i])
		}
	}
	st := &storedIDs{}
	var err error
	if st.hashes, err = store.SourceHashes(ctx, p.source, ask); err != nil {
		return nil, nil, nil, err
	}
	if err := p.carnetIDs(ctx, store, records, ids, st); err != nil {
		return nil, nil, nil, err
	}
	if err := p.zeroTwins(ctx, store, records, ids, st); err != nil {
		return nil, nil, nil, err
	}
	var owns, bare []string
	for i, id := range ids {
		if id == "" {
			continue
		}
		h, stored := st.hashes[id]
		if stored && h != "" && stripMarks(h) == records[i].Hash {
			continue // unchanged under its id
		}
		if p.suffixed || !p.suffixDecided {
			owns = append(owns, ownID(id, keys[i]))
			if k := communeKey(keys[i], records[i].Cells["commune"]); k != keys[i] {
				owns = append(owns, ownID(id, k)) // see storedInCommune
			}
		}
		if stored {
			bare = append(bare, id)
		}
	}
	if !p.suffixDecided && len(owns) > 0 {
		var err error
		if p.suffixed, err = store.SourceHasSuffixedIDs(ctx, p.source); err != nil {
			return nil, nil, nil, err
		}
		p.suffixDecided = true
	}
	if p.suffixed && len(owns) > 0 {
		more, err := store.SourceHashes(ctx, p.source, owns)
		if err != nil {
			return nil, nil, nil, err
		}
		maps.Copy(st.hashes, more)
	}
	if len(bare) > 0 {
		places, err := store.SourcePlacesByID(ctx, p.source, bare)
		if err != nil {
			return nil, nil, nil, err
		}
		st.addrs = make(map[string]uint64, len(places))
		for _, sp := range places {
			st.addrs[sp.SourceID] = foldedAddress(map[string]string{"adresse": sp.Address.Street,
				"code_postal": sp.Address.PostalCode, "nom": sp.Name, "commune": sp.Address.Commune})
		}
	}
	for i := range records {
		if ids[i] == "" {
			slots[i] = -1
			continue
		}
		slots[i], issues[i] = p.take(&records[i], ids[i], keys[i], st, issues[i])
	}
	return slots, issues, st.hashes, nil
}

// carnetIDs follows the ids of records that are Carnet's ids of the
// source's places to the producers' ids they are stored under, in ids and
// in each record's id cell, and adds their stored hashes to st. An export
// writes a place under Carnet's id when an older place of another source
// publishes the same producer's id (models.ExportState.SourceIDHolders):
// imported back into its directory, such a row created the place again,
// and a snapshot archived the real one. Its place keeps the producer's id
// (the key the producer's own files give it). An id stored as such for the
// source is that place, whatever its form: only the others are asked.
func (p *placeIDs) carnetIDs(ctx context.Context, store *models.Store, records []Record, ids []string, st *storedIDs) error {
	var ask []string
	for _, id := range ids {
		if _, stored := st.hashes[id]; !stored && models.ValidID(id) {
			ask = append(ask, id)
		}
	}
	if len(ask) == 0 {
		return nil
	}
	to, err := store.SourceIDsOfCarnetIDs(ctx, p.source, ask)
	if err != nil {
		return err
	}
	if err := p.servicesElsewhere(ctx, store, records, ids, ask, to); err != nil || len(to) == 0 {
		return err
	}
	followed := make([]string, 0, len(to))
	for i, id := range ids {
		if sid, ok := to[id]; ok {
			ids[i], records[i].Cells["id"] = sid, sid
			followed = append(followed, sid)
			if p.carnet == nil {
				p.carnet = map[int]bool{}
			}
			p.carnet[records[i].Row] = true
		}
	}
	more, err := store.SourceHashes(ctx, p.source, followed)
	maps.Copy(st.hashes, more)
	return err
}

// servicesElsewhere marks the records whose id (among ask, not an actor's
// in to) is a service held elsewhere of one of the source's places, that an
// export wrote as a place of its own (placeOfService): imported back into
// its directory, such a row created a new place in the service's town.
// The row is left, the service stays as stored (p.elsewhere).
func (p *placeIDs) servicesElsewhere(ctx context.Context, store *models.Store, records []Record, ids, ask []string, to map[string]string) error {
	var rest []string
	for _, id := range ask {
		if _, ok := to[id]; !ok {
			rest = append(rest, id)
		}
	}
	if len(rest) == 0 {
		return nil
	}
	found, err := store.ServicesElsewhereOfSource(ctx, p.source, rest)
	if err != nil || len(found) == 0 {
		return err
	}
	for i, id := range ids {
		if found[id] {
			if p.elsewhere == nil {
				p.elsewhere = map[int]bool{}
			}
			p.elsewhere[records[i].Row] = true
			ids[i] = "" // no place of its own
		}
	}
	return nil
}

// elsewhereReading says why a row of a service held elsewhere was left.
var elsewhereReading = RowReading{Field: "id", How: "Carnet's id of a service held elsewhere of a place of this source (an export writes it as a place of its own): left, the service stays as stored"}

// carnetIDReading says how a row named by Carnet's id was read.
var carnetIDReading = RowReading{Field: "id", How: "Carnet's id of a place of this source (an export writes it when another source's older place has the same producer's id): the place is updated, under its producer's id"}

// take sets rec's id cell to the id its place takes (decide) and returns
// its place in p.ids and the row's warning about its id.
func (p *placeIDs) take(rec *Record, id string, key uint64, st *storedIDs, derived *Issue) (int, *Issue) {
	var besides *idState // an earlier row's place at this address line, in another commune
	if k, ok := p.storedInCommune(rec, id, key, st); ok {
		key = k // stored so on an earlier import (see below)
	} else if !p.own(rec, id, key, st) {
		prev, seen := p.index[id]
		i, first := p.slot(id, key)
		if !seen {
			p.ids[i].commune = rec.Cells["commune"]
		}
		if first.addr == key {
			if !seen || !otherCommune(p.ids[prev].commune, rec.Cells["commune"]) {
				return i, derived
			}
			// The same name and street line in two communes of one
			// postal code (« Bibliothèque », « le village »): the
			// derived id and the address hash leave the commune out, and
			// the second village's place was refused as the first's
			// written twice. It is a place of its own, under an id that
			// reads its commune too.
			besides, key = &p.ids[prev], communeKey(key, rec.Cells["commune"])
		}
		// Another place took the bare id first: an input read once, or
		// two addresses folded to one hash.
	}
	own := ownID(id, key)
	rec.Cells["id"] = own
	i, _ := p.slot(own, key)
	p.ownsTaken = true
	if besides != nil {
		return i, &Issue{Row: rec.Row, Field: "id", Value: clip(id), Severity: SeverityWarning,
			Reason: fmt.Sprintf("this row's name and address are those of an earlier row in another commune (« %s », here « %s »): imported as a place of its own, id %q, the same on every import while it keeps its address and commune (the standard requires an id per place: ask the producer for one)",
				besides.commune, rec.Cells["commune"], own)}
	}
	if derived != nil {
		return i, &Issue{Row: rec.Row, Field: "id", Value: clip(id), Severity: SeverityWarning,
			Reason: fmt.Sprintf("the file gives no id, and this row's name and address are those of another row with another description or contact (a name such as « Médiation numérique » given to several offers at one address): imported as a place of its own, id %q, derived from its description and contact too, the same on every import while they stay the same (the standard requires an id: ask the producer for one)", own)}
	}
	return i, &Issue{Row: rec.Row, Field: "id", Value: clip(id), Severity: SeverityWarning,
		Reason: fmt.Sprintf("the file has, or had, this id for a place at another address: imported as a place of its own, id %q, the same on every import while it keeps its address (the standard wants one id per place: ask the producer)", own)}
}

// idKey is what tells two places apart under one id: the address
// (foldedAddress), and for an id derived from the name and the address
// (deriveID), which two rows share when a producer gives one generic name
// to several offers at one address (« Médiation numérique », the Rhône's
// hackathon file), the description and the contacts too. Two such rows
// that differ there are two places: the second takes its own id (ownID),
// derived from them and so the same on every import while they stay the
// same; two rows alike in all of them are one place written twice (the
// later is reported and left, see readBatches).
func idKey(cells map[string]string, derived bool) uint64 {
	h := foldedAddress(cells)
	if !derived {
		return h
	}
	for _, col := range []string{"presentation_resume", "presentation_detail", "telephone", "courriels", "site_web"} {
		for _, r := range foldText(cells[col]) {
			h = (h ^ uint64(r)) * 1099511628211
		}
		h = (h ^ '|') * 1099511628211
	}
	return h
}

// own reports whether the row at key takes its own id rather than id.
func (p *placeIDs) own(rec *Record, id string, key uint64, st *storedIDs) bool {
	// A place already met in the file keeps the id it took.
	if i, ok := p.index[id]; ok && p.ids[i].addr == key {
		return false
	}
	if len(p.index) > 0 && p.ownsTaken {
		if _, ok := p.index[ownID(id, key)]; ok {
			return true
		}
	}
	// The id its place is stored under.
	if st != nil {
		if h := st.hashes[id]; h != "" && stripMarks(h) == rec.Hash {
			return false
		}
		if _, ok := st.hashes[ownID(id, key)]; ok {
			return true
		}
		if a, ok := st.addrs[id]; ok && a == key {
			return false
		}
	}
	// A place not stored (or moved): the bare id when no earlier row of
	// the file took it for another address (p.slot, in take).
	return false
}

// storedInCommune returns the key that reads the row's commune too
// (communeKey) when its place is stored under the id of that key (take),
// whatever the order of the rows: asked only of the sources that hold such
// ids (p.suffixed), for the rows not unchanged under their bare id
// (assignBatch asked the store for it).
func (p *placeIDs) storedInCommune(rec *Record, id string, key uint64, st *storedIDs) (uint64, bool) {
	if st == nil || !p.suffixed || unchanged(st.hashes[id], *rec) {
		return key, false
	}
	k := communeKey(key, rec.Cells["commune"])
	if k == key {
		return key, false
	}
	_, ok := st.hashes[ownID(id, k)]
	return k, ok
}

// communeKey is key (idKey) read with the commune too, for the place of
// a row whose name and street line an earlier row of another commune has
// (take); key itself when the row names no commune.
func communeKey(key uint64, name string) uint64 {
	if strings.TrimSpace(name) == "" {
		return key
	}
	return foldInto((key^'@')*1099511628211, name)
}

// otherCommune reports whether two rows' commune cells designate two
// communes (commune.ByName: case, accents, « St », former names): one
// place written twice with its commune spelt two ways is still one place,
// and a name no commune has tells nothing.
func otherCommune(a, b string) bool {
	if foldText(a) == foldText(b) {
		return false
	}
	ca, cb := commune.ByName(a), commune.ByName(b)
	return len(ca) > 0 && len(cb) > 0 && !slices.ContainsFunc(ca, func(c *commune.Commune) bool { return slices.Contains(cb, c) })
}

// foldedAddress is what tells two places apart under one id: the address
// and postal code (the name and commune when the row has no address),
// folded — case, the accents of French, punctuation and spacing — so that
// « 207 avenue du Général-de-Gaulle » is « 207 Avenue du Général de
// Gaulle », and hashed (FNV-1a, the same on every run: its low bits end a
// derived id). Every row of every import comes here: nothing is
// allocated.
func foldedAddress(cells map[string]string) uint64 {
	h := uint64(14695981039346656037)
	if strings.TrimSpace(cells["adresse"]) == "" {
		h = foldInto(h, "\x01")
		h = foldInto(h, cells["nom"])
		h = foldInto(h, cells["commune"])
	} else {
		h = foldInto(h, cells["adresse"])
		h = foldInto(h, cells["code_postal"])
	}
	return h
}

// foldInto continues the hash h (FNV-1a) with s folded as foldedAddress
// folds, and a separator.
func foldInto(h uint64, s string) uint64 {
	sep, wrote := false, false
	for _, r := range s {
		c, ok := foldRune(r)
		if !ok {
			sep = wrote
			continue
		}
		if sep {
			h = (h ^ ' ') * 1099511628211
			sep = false
		}
		wrote = true
		for i := 0; i < len(c); i++ {
			h = (h ^ uint64(c[i])) * 1099511628211
		}
	}
	return (h ^ '|') * 1099511628211
}

// foldRune is r as an address is compared: ASCII letters in lower case,
// digits, French accented letters without their accent; ok is false for
// what separates words.
func foldRune(r rune) (string, bool) {
	switch {
	case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		return asciiLetters[r : r+1], true
	case r >= 'A' && r <= 'Z':
		return asciiLetters[r+'a'-'A' : r+'a'-'A'+1], true
	case r < utf8.RuneSelf:
		return "", false
	}
	switch unicode.ToLower(r) {
	case 'à', 'â', 'ä', 'á', 'ã':
		return "a", true
	case 'é', 'è', 'ê', 'ë':
		return "e", true
	case 'î', 'ï', 'í', 'ì':
		return "i", true
	case 'ô', 'ö', 'ó', 'ò', 'õ':
		return "o", true
	case 'ù', 'û', 'ü', 'ú':
		return "u", true
	case 'ç':
		return "c", true
	case 'ÿ':
		return "y", true
	case 'ñ':
		return "n", true
	case 'œ':
		return "oe", true
	case 'æ':
		return "ae", true
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return string(r), true // rare: one allocation
	}
	return "", false
}

// asciiLetters indexes the ASCII bytes by themselves.
var asciiLetters = func() string {
	b := make([]byte, utf8.RuneSelf)
	for i := range b {
		b[i] = byte(i)
	}
	return string(b)
}()

// The row hash stored on a place ends with whether the row made an offer,
// so that a skipped row is counted right.
const (
	offerMark   = "+"
	noOfferMark = "-"
)

// checkRows counts the file's places up to opt.MaxRows + 1 and rewinds:
// too many is refused with 413, a file that cannot be read with 400, before
// any place is mapped or written. A JSON file is read whole by it, limit or
// not, for the fields none of its objects has a key for (absent.go): they
// must be known before the first row is read, and a JSON file says its
// keys object by object. Without a limit, a file that cannot be read to its
// end is left to Import, which says why, and is read as having every key
// (as before this pass: nothing kept). An input that is not seekable is
// read once, with every key too.
func checkRows(in io.Reader, opt ImportOptions) (absent models.Fields, err error) {
	seeker, ok := in.(io.Seeker)
	if !ok || opt.MaxRows <= 0 && opt.Format == FormatCSV {
		return 0, nil
	}
	rd, err := NewReader(in, opt.Format)
	if err != nil {
		_, err := seeker.Seek(0, io.SeekStart)
		return 0, err // Import says why the file cannot be read
	}
	json := rd.Format() == FormatJSON
	for n := 0; opt.MaxRows > 0 || json; n++ {
		_, err := rd.Next()
		if errors.Is(err, io.EOF) {
			if json {
				absent = absentFields(rd.carried())
			}
			break
		}
		if err != nil && opt.MaxRows <= 0 {
			break
		}
		if err != nil {
			return 0, &models.Error{Code: models.EBADREQUEST, Message: "The file cannot be read: " + err.Error() + "."}
		}
		if opt.MaxRows > 0 && n == opt.MaxRows {
			return 0, &models.Error{Code: models.ETOOLARGE, Message: fmt.Sprintf("The file holds more than %d places: an import over HTTP reads at most %d (one per %d bytes of the body limit, CARNET_MAX_BODY_BYTES). Send it in several files, or use the carnet import command.", opt.MaxRows, opt.MaxRows, ImportRowBytes)}
		}
	}
	_, err = seeker.Seek(0, io.SeekStart)
	return absent, err
}

// newReader is NewReader for an import: a JSON file's readers are given
// the fields its first pass found absent (checkRows), so that every pass
// reads and hashes its rows alike.
func newReader(in io.Reader, opt ImportOptions) (*Reader, error) {
	rd, err := NewReader(in, opt.Format)
	if err == nil {
		rd.setAbsent(opt.absent)
	}
	return rd, err
}

// ImportRowBytes sets the rows an import over HTTP may hold: one per this
// many bytes of the body limit (5,242 at 1 MiB). A place of the standard
// takes 600 bytes in the files producers publish, 150 with only the
// required columns.
const ImportRowBytes = 200

// recordsRead is a batch of records read ahead (readRecords' answer).
type recordsRead struct {
	records []Record
	eof     bool
	err     error
}

// recordsAhead reads a file's batches of records on a goroutine of its
// own, one batch ahead of the goroutine that maps them: the CSV reading
// (0.6 s of a 100,000-place first import) ran between two batches'
// mappings on the one goroutine that feeds the writer, and the writer
// waited for it (issue 11, item 6). Only this goroutine calls the
// Reader's Next and Recycle until it ended (stop), so the Reader keeps
// one user at a time; the records are the mapper's from next until it
// gives them back (recycle).
type recordsAhead struct {
	read   chan recordsRead
	free   chan []Record
	cancel context.CancelFunc
	ended  chan struct{}
}

// readAhead starts reading rd in batches of n records.
func readAhead(ctx context.Context, rd *Reader, n int) *recordsAhead {
	ctx, cancel := context.WithCancel(ctx)
	a := &recordsAhead{read: make(chan recordsRead), free: make(chan []Record, 2), cancel: cancel, ended: make(chan struct{})}
	// Two slices of records take turns: one mapped, one being read.
	a.free <- make([]Record, 0, n)
	a.free <- make([]Record, 0, n)
	go func() {
		defer close(a.ended)
		defer close(a.read)
		for {
			var records []Record
			select {
			case records = <-a.free:
			case <-ctx.Done():
				return
			}
			// The cell maps of records given back serve the next rows.
			rd.Recycle(records)
			records, eof, err := readRecords(rd, records, n)
			select {
			case a.read <- recordsRead{records, eof, err}:
			case <-ctx.Done():
				return
			}
			if eof || err != nil {
				return
			}
		}
	}()
	return a
}

// next is the next batch read; ok is false once the reading was stopped
// (the context cancelled) or had ended.
func (a *recordsAhead) next() (recordsRead, bool) {
	r, ok := <-a.read
	return r, ok
}

// recycle gives back records the caller is done with (Reader.Recycle).
func (a *recordsAhead) recycle(records []Record) { a.free <- records }

// stop ends the reading and waits for its goroutine: nothing reads the
// file, nor the Reader's counts, once stop returned.
func (a *recordsAhead) stop() {
	a.cancel()
	<-a.ended
}

// readRecords reads up to n records of rd into records[:0], as a batch;
// eof says the file ended. Import and the snapshot's pre-pass read alike,
// since the ids the rows take depend on their batch (placeIDs).
func readRecords(rd *Reader, records []Record, n int) (_ []Record, eof bool, err error) {
	records = records[:0]
	for len(records) < n {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return records, true, nil
		}
		if err != nil {
			return records, false, &models.Error{Code: models.EBADREQUEST, Message: "The file cannot be read: " + err.Error() + "."}
		}
		records = append(records, rec)
	}
	return records, false, nil
}

// placeKeys reads the whole input once for the keys a snapshot keeps.
func placeKeys(ctx context.Context, store *models.Store, in io.Reader, opt ImportOptions) (actors, services map[string]bool, err error) {
	rd, err := newReader(in, opt)
	if err != nil {
		return nil, nil, &models.Error{Code: models.EBADREQUEST, Message: "The file cannot be read: " + err.Error() + "."}
	}
	actors, services = map[string]bool{}, map[string]bool{}
	places := newPlaceIDs(opt.Source)
	places.renames = opt.renames
	// In batches, as readBatches reads: the ids the rows take depend on
	// what the store holds of them (placeIDs).
	records := make([]Record, 0, opt.BatchSize)
	var mapped []Place
	for eof := false; !eof; {
		if records, eof, err = readRecords(rd, records, opt.BatchSize); err != nil {
			return nil, nil, err
		}
		if _, _, _, err := places.assignBatch(ctx, store, records); err != nil {
			return nil, nil, err
		}
		mapped = mapRows(mapped, records, opt.Source, nil)
		for _, p := range mapped {
			if p.Rejected {
				// The row is in the file, though it cannot be read: its
				// place, when stored, is kept as it is, with its offer. A
				// snapshot archived it as if the producer had removed it, so
				// that one typo (an empty address) took a place out of the
				// directory (TestSnapshotKeepsThePlacesOfRejectedRows).
				if p.Actor.SourceID != "" {
					actors[p.Actor.SourceID], services[p.Actor.SourceID+OfferSuffix] = true, true
				}
				continue
			}
			actors[p.Actor.SourceID] = true
			if p.Service != nil {
				services[p.Service.SourceID] = true
			} else if p.Absent&models.FieldThemes != 0 {
				// The file has no services column: the place's offer
				// is left as it is (see readBatch.add), not archived.
				services[p.Actor.SourceID+OfferSuffix] = true
			}
		}
		rd.Recycle(records)
		clear(mapped)
	}
	return actors, services, nil
}

// add takes a place read into the batch as a sync batch's records: its
// actor, and its offer when it names one. The slices are sized at the
// first place, for the rest of the file's batch (left, rows at most): an
// actor is large, and growing the slice copied it twice on average, as
// copying the places into a sync batch's records once they were all read
// did (70 MB of a 100,000-place import).
func (b *readBatch) add(p Place, left int) {
	if b.actors == nil {
		b.actors, b.actorRow = make([]models.Actor, 0, left), make([]int, 0, left)
		b.services, b.serviceRow = make([]models.SyncService, 0, left), make([]int, 0, left)
	}
	// The fields the row's file has no column for keep their stored
	// values (absent.go).
	p.Actor.SetAbsent(p.Absent)
	b.actors = append(b.actors, p.Actor)
	b.actorRow = append(b.actorRow, p.Row)
	b.actorAbsent = append(b.actorAbsent, p.Absent)
	if p.Service != nil {
		b.services = append(b.services, models.SyncService{Service: *p.Service, ActorSourceID: p.Actor.SourceID, Absent: p.Absent})
		b.serviceRow = append(b.serviceRow, p.Row)
	} else if p.Absent&models.FieldThemes != 0 && p.Actor.SourceID != "" {
		// The file has no services column: it says nothing of the
		// place's offer, which is left as it is.
		sv := models.SyncService{Service: models.Service{SourceID: p.Actor.SourceID + OfferSuffix}, ActorSourceID: p.Actor.SourceID, Unsaid: true}
		if p.Partial != nil {
			// The file's other offer columns update a stored offer.
			sv.Service, sv.Absent, sv.Derive = *p.Partial, p.Absent, p.derive
		}
		b.services = append(b.services, sv)
		b.serviceRow = append(b.serviceRow, p.Row)
	} else if p.Actor.SourceID != "" {
		// The row names no offer: one stored for it before is archived
		// (models.SyncService.Withdrawn), as the row's warning says.
		b.services = append(b.services, models.SyncService{Service: models.Service{SourceID: p.Actor.SourceID + OfferSuffix},
			ActorSourceID: p.Actor.SourceID, Withdrawn: true})
		b.serviceRow = append(b.serviceRow, p.Row)
	}
}

// startReporter runs on a goroutine of its own, in order, the report's
// steps sent on report; reported is closed once report is closed and its
// steps are done.
func startReporter() (report chan<- func(), reported <-chan struct{}) {
	steps, finished := make(chan func(), 16), make(chan struct{})
	go func() {
		defer close(finished)
		for step := range steps {
			step()
		}
	}()
	return steps, finished
}

// progress calls o.Progress, when set.
func (o ImportOptions) progress(rows int) {
	if o.Progress != nil {
		o.Progress(rows)
	}
}

// counted is b without its records: what the report reads of it
// (account).
func (b readBatch) counted() readBatch {
	b.actors, b.services, b.actorRow, b.serviceRow, b.actorAbsent = nil, nil, nil, nil, nil
	return b
}

// account adds what reading a batch found to the report.
func (r *Report) account(b readBatch) {
	r.Rows += b.rows
	r.Rejected += b.rejected
	// A row refused as read is a place not stored, as one the store
	// refuses: both are the actors' « rejected » (it said 0 beside a
	// top-level rejected of 777, probe 45).
	if b.rejected > 0 {
		r.Actors[models.SyncRejected] += b.rejected
	}
	r.issue(b.issues...)
	for _, x := range b.readings {
		r.addReadings(x.row, x.readings)
	}
	if b.skipped > 0 {
		r.Actors[models.SyncUnchanged] += b.skipped
	}
	if b.skippedOffers > 0 {
		r.Services[models.SyncUnchanged] += b.skippedOffers
	}
}

// rowsOf is what the report needs of a batch handed to the writer: the
// file's row of each actor and of each service. Only this is kept until
// the batch's transaction commits (several batches may share one), not the
// records.
type rowsOf struct {
	actors, services []int
	// absent are the fields each actor's row leaves unsaid (by actors'
	// index).
	absent []models.Fields
}

// record adds the outcomes of a written batch to the report: each
// rejection and warning at its row and column.
func (r *Report) record(b rowsOf, res *models.SyncResult) {
	actorRow, serviceRow := b.actors, b.services
	for _, o := range res.Outcomes {
		if o.Entity == models.EntityActor && o.Index >= 0 && o.Result != models.SyncRejected && o.Index < len(b.absent) &&
			b.absent[o.Index]&r.fileAbsent&models.FieldProducerDate != 0 && o.Kept&models.FieldProducerDate == 0 {
			r.undated = append(r.undated, actorRow[o.Index])
		}
		if o.Kept != 0 && o.Index >= 0 {
			row := serviceRow
			if o.Entity == models.EntityActor {
				row = actorRow
			}
			// A pivot or coordinates kept by a file that has their
			// columns were values its row could not read: the row's
			// warning said so (placeBuilder.unread).
			r.addKept(row[o.Index], o.Kept&^((models.FieldPivot|models.FieldCoordinates)&^r.fileAbsent))
		}
		if o.Entity == models.EntityActor && o.Index >= 0 && r.twoCases != nil {
			r.sayWhatHappened(actorRow[o.Index], o)
		}
		if o.Entity == models.EntityActor && o.Index >= 0 && o.Result != models.SyncRejected {
			// The address as read against the commune reference.
			for _, f := range o.Warnings {
				// The value in its column, not only at the head of the
				// reason (« "Nouméa": the point is… »).
				reason := f.Reason
				if f.Value != "" {
					reason = strings.TrimPrefix(reason, strconv.Quote(f.Value)+": ")
				}
				if r.formerSaid[actorRow[o.Index]] && strings.HasPrefix(reason, formerCodeSaid) {
					continue // the reading said it
				}
				col, ok := fieldColumns[f.Field]
				if !ok {
					col = f.Field // a field of no column (source, parent_id): named, as its errors are
				}
				r.issue(Issue{Row: actorRow[o.Index], Field: col, Value: f.Value, Reason: reason, Severity: SeverityWarning})
			}
		}
		if o.Result != models.SyncRejected || o.Index < 0 {
			continue
		}
		row := 0
		if o.Entity == models.EntityActor {
			row = actorRow[o.Index]
			r.Rejected++
		} else {
			row = serviceRow[o.Index]
			if actorRejected(res, actorRow, row) {
				continue // the actor's own errors say it
			}
		}
		for _, f := range o.Errors {
			col := f.Field
			if c, ok := fieldColumns[strings.SplitN(col, "[", 2)[0]]; ok {
				col = c
			}
			r.issue(Issue{Row: row, Field: col, Value: clip(f.Value), Reason: f.Reason, Severity: SeverityError})
		}
	}
	count(r, res)
}

func actorRejected(res *models.SyncResult, actorRow []int, row int) bool {
	for _, o := range res.Outcomes {
		if o.Entity == models.EntityActor && o.Index >= 0 && actorRow[o.Index] == row {
			return o.Result == models.SyncRejected
		}
	}
	return false
}

func count(rep *Report, res *models.SyncResult) {
	for _, o := range res.Outcomes {
		if o.Entity == models.EntityActor {
			rep.Actors[o.Result]++
		} else {
			rep.Services[o.Result]++
		}
	}
}

// twoCases is a row's warning that says what happens to a place stored
// and to a new one (both stands in its reason): created replaces it for a
// new place, kept for a place stored whose value of field was kept,
// notKept for one that had none to keep.
type twoCases struct {
	both, created, kept, notKept, rejected string
	field                                  models.Fields
}

// formerCodeSaid opens the warning of a former INSEE code (formerINSEE,
// and models' for syncs).
const formerCodeSaid = "former commune code "

// rejectedRow is what a row's two cases become when it is rejected.
const rejectedRow = "the row is rejected: nothing stored"

var rowCases = []twoCases{
	{both: unreadCoordinates, field: models.FieldCoordinates,
		created:  " (the place is new: stored without coordinates)",
		kept:     " (the stored coordinates were kept)",
		notKept:  " (no coordinates kept: the place stored had none, or is at another address)",
		rejected: " (" + rejectedRow + ")"},
	{both: unreadPivot, field: models.FieldPivot,
		created:  "read as no pivot: the new place's is stored as unknown",
		kept:     "read as no pivot: the stored pivot was kept (not replaced by the unknown identifier, as an empty cell or 00000000000000 would)",
		notKept:  "read as no pivot: the place stored had none; it stays unknown",
		rejected: "read as no pivot (" + rejectedRow + ")"},
	{both: unreadDate,
		created:  "read as no date; the new place: " + undatedRow,
		kept:     "read as no date; the place stored keeps its producer date, if it had one (not removed, as an empty cell would)",
		rejected: "read as no date (" + rejectedRow + ")"},
	{both: futureBoth,
		created:  "the new place: " + undatedRow,
		kept:     "the place stored keeps its producer date, if it had one, and the values a person changed in Carnet",
		rejected: rejectedRow},
}

// futureBoth is what a row dated in the future says of both cases.
const futureBoth = "a place stored keeps its producer date, and the values a person changed in Carnet; a new one: " + undatedRow

// twoCaseOf returns the case that reason says both of, or nil.
func twoCaseOf(reason string) *twoCases {
	for i := range rowCases {
		if strings.Contains(reason, rowCases[i].both) {
			return &rowCases[i]
		}
	}
	return nil
}

// sayWhatHappened rewrites the two-case warnings of row to say what
// happened to its place, o.
func (r *Report) sayWhatHappened(row int, o models.SyncOutcome) {
	idx, ok := r.twoCases[row]
	if !ok {
		return
	}
	delete(r.twoCases, row)
	for _, i := range idx {
		is := &r.Issues[i]
		c := twoCaseOf(is.Reason)
		if c == nil {
			continue
		}
		say := c.kept
		switch {
		case o.Result == models.SyncRejected:
			say = c.rejected
		case o.Result == models.SyncCreated:
			say = c.created
		case c.field != 0 && o.Kept&c.field == 0:
			say = c.notKept
		}
		is.Reason = strings.Replace(is.Reason, c.both, say, 1)
	}
}
