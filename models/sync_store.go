package models

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// Results of one record of a sync batch.
const (
	SyncCreated   = "created"
	SyncUpdated   = "updated"
	SyncUnchanged = "unchanged"
	SyncRestored  = "restored" // an archived record that came back
	SyncArchived  = "archived" // absent from a full snapshot
	SyncRejected  = "rejected"
	// A record archived by someone other than its source's own writer,
	// which the sync left archived (see othersArchive).
	SyncKeptArchived = "kept_archived"
)

// MassArchiveShare is the share of a source's live records above which a full
// snapshot refuses to archive the absent ones unless AllowMassArchive is set:
// a truncated file or an empty export on the partner's side must not empty
// the directory.
const MassArchiveShare = 0.2

// SyncOptions tunes SyncBatch.
type SyncOptions struct {
	// DryRun runs every check and reports what would happen, then rolls
	// back.
	DryRun bool
	// Snapshot says the batch is the source's whole set of records of the
	// kinds it carries: the source's live records absent from it are
	// archived.
	Snapshot bool
	// AllowMassArchive lifts the MassArchiveShare guard.
	AllowMassArchive bool
	// SnapshotID joins the batch to a snapshot session of its source
	// (OpenSnapshot): written as an upsert, it records in the same
	// transaction every source_id it carries, and CompleteSnapshot later
	// archives what no batch of the session carried. Not with Snapshot.
	SnapshotID string
	// RefusedActors and RefusedServices reject records by position for
	// reasons the caller checked (rights, the record's own source). Like
	// other rejected records, they are not written, and a snapshot does not
	// archive them either.
	RefusedActors, RefusedServices map[int]FieldError
	// KeepUncarried keeps, on a record the batch updates, what its format
	// cannot say and Carnet's own users set: an actor's temporary closure
	// (status, dates, reason) and network (parent_id), and a service's
	// publication status, capacity, « full » flag, whether it takes
	// referrals and what the standard has no column for (Omitted.Offer). A file of the national standard or of
	// data·inclusion has no such column: without this, a partner's next
	// import silently reopened a place its manager had closed for the
	// holidays, and republished a service taken offline. Imports set it;
	// JSON batches, which carry these fields, do not.
	KeepUncarried bool
	// Omitted names, by position in the batch, what each record of a JSON
	// batch leaves out of what Carnet's users set (the fields
	// KeepUncarried keeps): on a record the batch updates, those are kept
	// as stored rather than written as their defaults. A partner's system
	// that knows nothing of closures sends no status; one that reopens a
	// place sends status active.
	OmittedActors   map[int]Omitted
	OmittedServices map[int]Omitted
}

// Omitted says which of the fields Carnet's users set a record leaves out.
type Omitted struct {
	// An actor's status, closure dates and reason, all four left out; a
	// service's publication status.
	Status bool
	// A service's capacity and « full » flag.
	Capacity, IsFull bool
	// A service's accepts_referrals: whether helpers of other structures
	// may refer people to it, which its structure decides (it may be
	// overloaded) and no partner format says; a sync or an import that
	// reopened it sent people where the structure had said it takes none.
	Referrals bool
	// An actor's contact_public: whether its phones and e-mails are shown
	// to everyone, which its structure decides (a conseiller's own mobile
	// published by mistake is hidden in Carnet).
	Contact bool
	// An actor's parent_id: the network it joined in Carnet. The
	// standard's files cannot say it (structure_parente is free text), and
	// an import or a batch that cleared it took the place out of its
	// network and its network's managers' reach.
	Parent bool
	// A service's content that files of the standard have no column for
	// (an import's offer carries its themes, publics, fees, access and
	// accompaniment modes only): its own description, fees details,
	// languages, hours, location and booking link, which its structure
	// writes in Carnet. Only KeepUncarried sets it: JSON batches carry them.
	Offer bool
	// An actor's producer and producer_updated_on, each left out of a JSON
	// record (a partner's serializer that omits empty fields): the stored
	// provenance is kept, as other omitted fields are. Read as the partner
	// naming no other producer and giving no date, they replaced the
	// producer by the partner's name and dropped its date, silently: the
	// place was no longer fresh, and exports lost its date_maj. Imports
	// have their own rule (a file without the date_maj column keeps the
	// date: Fields), so KeepUncarried does not set them.
	Producer, ProducerDate bool
}

// omitted is what record i of a batch leaves out: everything Carnet's users
// set when the batch's format cannot say it (KeepUncarried).
func (o SyncOptions) omitted(services bool, i int) Omitted {
	if o.KeepUncarried {
		return Omitted{Status: true, Capacity: true, IsFull: true, Contact: true, Referrals: true, Parent: true, Offer: services}
	}
	if services {
		return o.OmittedServices[i]
	}
	return o.OmittedActors[i]
}

// SyncService is a service of a sync batch. Its actor is named by the
// partner's own id (ActorSourceID, an actor of the same source) or by
// ActorID.
type SyncService struct {
	Service
	ActorSourceID string
	// Withdrawn says the producer no longer names this record (an
	// import's row that lists no services, whose offer this is): a
	// stored live one is archived, and nothing is created. Only its
	// SourceID and ActorSourceID are read.
	Withdrawn bool
	// Unsaid says the producer says nothing of this record (an import's
	// file without a column of services, whose offer this is): a stored
	// live one is left as it is, counted unchanged with its themes kept
	// (SyncOutcome.Kept), and nothing is created. Withdrawn, it was
	// archived: a file without the column withdrew every offer the
	// source's earlier files had made. Only its SourceID and
	// ActorSourceID are read.
	Unsaid bool
	// Absent are the fields its file has no column for (see Fields): on a
	// stored record the batch updates, they keep their stored values.
	// Unsaid with its themes absent but not all of the offer's fields
	// (an import's file without « services » that has fees or publics),
	// it updates a stored live offer with the fields it gives, and still
	// creates nothing.
	Absent Fields
	// Derive, when set, gives a record the batch updates what it derives
	// from fields it may leave unsaid, once their stored values are kept
	// (an import's service kind, from the themes it keeps).
	Derive   func(*Service)
	warnings []FieldError // what ReconcileServicePlace corrected
	keyWarns []FieldError // SourceID read as another string than sent
	prepared bool         // by PrepareSyncBatch
}

// SyncOutcome is what happened to one record.
type SyncOutcome struct {
	Index    int // position in the batch, from 0; -1 for archived absentees
	Entity   string
	SourceID string
	ID       string // "" when rejected before it had one
	Result   string
	Errors   []FieldError
	// Warnings say what was corrected in the record as it was stored (an
	// address whose INSEE code, commune or coordinates contradicted the
	// rest, read as most of its fields agree; overlapping hours merged).
	Warnings []FieldError
	// Kept names the fields the record left unsaid (Actor.SetAbsent,
	// SyncService.Absent and Unsaid) whose stored values were kept where
	// the record had none.
	Kept Fields
}

// SyncResult sums up a batch.
type SyncResult struct {
	Outcomes []SyncOutcome
	Counts   map[string]int
	DryRun   bool
}

func (r *SyncResult) add(o SyncOutcome) {
	r.Outcomes = append(r.Outcomes, o)
	if r.Counts == nil {
		r.Counts = map[string]int{}
	}
	r.Counts[o.Result]++
}

// Merge adds the outcomes of another batch, for callers that send a long
// import in several batches.
func (r *SyncResult) Merge(o *SyncResult) {
	for _, x := range o.Outcomes {
		r.add(x)
	}
}

var errDryRun = errors.New("dry run: roll back")

// SyncBatch upserts a partner's records in one transaction, keyed by their
// source_id within source: each record is created, updated, restored (it was
// archived) or left unchanged when its fingerprint equals the stored one, so
// that replaying a batch changes nothing, not even updated_at. A record that
// cannot be stored is rejected with its reasons and the others go on.
// Actors are written before services, so a batch can bring both.
func (s *Store) SyncBatch(ctx context.Context, source string, actors []Actor, services []SyncService, opt SyncOptions) (*SyncResult, error) {
	b, err := newSyncStep(source, actors, services)
	if err != nil {
		return nil, err
	}
	if opt.SnapshotID != "" && opt.Snapshot {
		return nil, &Error{Code: EBADREQUEST, Message: "A batch of a snapshot session is an upsert: its session's completion archives what is absent.",
			Fields: []FieldError{{Field: "snapshot_id", Reason: "cannot be given with mode=snapshot"}}}
	}
	// Duplicate detection follows the change log (FollowDuplicates): the
	// batch returns once committed.
	return s.syncWrite(ctx, opt, func(tx *gorm.DB, res *SyncResult) error {
		if opt.SnapshotID == "" {
			return s.syncStep(tx, b, opt, res)
		}
		// The session is checked and locked under the source's lock,
		// which completing it takes too: a batch is either in the
		// completion or refused after it.
		now := s.now()
		sess, err := joinSnapshot(tx, source, opt.SnapshotID, now)
		if err != nil {
			return err
		}
		if err := s.syncStep(tx, b, opt, res); err != nil {
			return err
		}
		return recordSnapshotBatch(tx, sess, actors != nil, services != nil, res, now)
	})
}

// SyncInput is one batch of a source's records, for SyncBatches.
type SyncInput struct {
	Actors   []Actor
	Services []SyncService
}

// Bounds of one transaction of SyncBatches. A lone import writes batches of
// 1,000 places in transactions of up to 10 of them: the commit copies every
// page a transaction touched into the WAL, and the indexes on names, postal
// codes and coordinates take their rows at random pages, so ten batches in
// one commit write each such page once instead of up to ten times
// (100,000-place import: see README, « Imports »). The hold bounds what a
// write of another process (which the gate does not see) may wait.
const (
	maxStreamRecords = 20000
	maxStreamHold    = 500 * time.Millisecond
)

// streamPoll is how long SyncBatches waits for the next batch at a time,
// holding its transaction, before it looks again whether another write of
// this process waits for the writer.
const streamPoll = 2 * time.Millisecond

// SyncNext gives SyncBatches a stream's next batch. With wait < 0 it blocks
// until a batch is read or the stream ends; otherwise it waits at most
// wait. ok says a batch came; ended, that none will (the stream's end, or
// an error the caller keeps).
type SyncNext func(wait time.Duration) (in SyncInput, ok, ended bool)

// SyncBatches writes a stream of one source's batches, each exactly as
// SyncBatch writes it (same checks, outcomes and change log), in as few
// transactions as other writers allow. After each batch, the transaction
// goes on with the next one while no other write of this process waits for
// the writer (Store.takeTurn), the transaction holds fewer than
// maxStreamRecords records and has lasted less than maxStreamHold;
// otherwise it commits. So a write arriving during an import waits for one
// batch, not for the import.
//
// When the next batch is not read yet, the transaction waits for it within
// those bounds (looking every streamPoll whether a write of this process
// queued) rather than committing at once: the reader of an import is
// mostly a little slower than the writer, so committing whenever it was
// not ready cut a 100,000-place import into 40 to 60 transactions of 2 or
// 3 batches, and each commit copied again into the WAL the index pages
// the previous ones had (1.5 to 1.9 GB written for a 0.4 GB database).
// Nothing else waits longer than before: another process's write waited
// for up to maxStreamHold already.
//
// done receives each batch's result in order once its transaction has
// committed; when SyncBatches fails, the batches of its last transaction are
// not stored (an import run again writes them). A snapshot is not supported
// here (see ArchiveAbsent).
//
// Into an empty directory (SQLite), the stream writes without the
// non-unique secondary indexes of actors, services and audit events and
// builds them once at its end, success or failure (deferIndexes): a
// 100,000-place first import then writes about half the bytes.
func (s *Store) SyncBatches(ctx context.Context, source string, opt SyncOptions, next SyncNext, done func(*SyncResult) error) (err error) {
	if opt.Snapshot || opt.SnapshotID != "" {
		return errors.New("SyncBatches: a snapshot is written by SyncBatch or ArchiveAbsent")
	}
	// A first import into an empty directory writes without the secondary
	// indexes and builds them at its end, or before it returns an error
	// (see deferIndexes); SQLite only, whose commits rewrite index pages.
	var deferred []deferredIndex
	tried := false
	defer func() {
		if len(deferred) == 0 {
			return
		}
		// Even when the import was cancelled: the indexes are part of
		// the schema (and a store opened later would create them).
		// One transaction per index: a write of a server beside the
		// import waits for one CREATE INDEX (a scan and sort of one table),
		// not for all of them (busy_timeout).
		ctx := withBulk(context.WithoutCancel(ctx))
		for _, ix := range deferred {
			if rerr := s.write(ctx, func(tx *gorm.DB) error { return restoreIndexes(tx, []deferredIndex{ix}) }); rerr != nil {
				err = errors.Join(err, rerr)
			}
		}
	}()
	in, ok, _ := next(-1)
	for ok {
		first, err := newSyncStep(source, in.Actors, in.Services)
		if err != nil {
			return err
		}
		var results []*SyncResult
		deferNow := !tried && s.d == sqliteEngine && !opt.DryRun
		tried = true
		_, err = s.syncWrite(ctx, opt, func(tx *gorm.DB, _ *SyncResult) error {
			if deferNow {
				// Kept even if this transaction rolls back:
				// restoreIndexes creates only what is absent.
				var err error
				if deferred, err = deferIndexes(tx); err != nil {
					return err
				}
			}
			// Each transaction renews the import's hold on them: a
			// server beside it creates them only once it lapsed (its
			// process died; see RepairDeferredIndexes).
			if len(deferred) > 0 {
				if err := leaseDeferred(tx, deferred, s.instance, s.now().Add(deferredLease)); err != nil {
					return err
				}
			}
			start, records := time.Now(), 0
			for b := first; ; {
				res := &SyncResult{DryRun: opt.DryRun, Counts: map[string]int{}}
				if err := s.syncStep(tx, b, opt, res); err != nil {
					return err
				}
				results = append(results, res)
				records += len(b.actors) + len(b.services)
				if records >= maxStreamRecords || time.Since(start) >= maxStreamHold || s.othersWaiting() {
					return nil
				}
				more, ready, ended := next(0)
				for !ready && !ended {
					left := maxStreamHold - time.Since(start)
					if left <= 0 || s.othersWaiting() || ctx.Err() != nil {
						break
					}
					more, ready, ended = next(min(left, streamPoll))
				}
				if !ready {
					return nil
				}
				if b, err = newSyncStep(source, more.Actors, more.Services); err != nil {
					return err
				}
			}
		})
		if err != nil {
			return err
		}
		for _, res := range results {
			if err := done(res); err != nil {
				return err
			}
		}
		in, ok, _ = next(-1)
	}
	return nil
}

// othersWaiting reports whether another write of this process waits for
// the writer.
func (s *Store) othersWaiting() bool { return s.gateWaiters.Load() > 0 }

// yieldToWriters lets the goroutines that are ready to run go first while
// writes of this process wait for the writer or hold it (background work
// calls it between steps; see dedup.Block.Yield). yielded counts the times
// (tests).
//
// Letting them go first was not enough on two cores: beside 32 writers at
// a crowded address, detection still took half the CPU
// (BenchmarkConcurrentWrites), and each write waited for a core as much
// as for the writer. So while writes are under way, background work runs
// at most backgroundRun, then rests backgroundRest or until no write is
// under way, whichever comes first: about a quarter of one core, never
// stopped, so that detection still keeps up with a steady stream of
// writes (a link appears a moment later) and catches up at full speed as
// soon as the writes pause.
func (s *Store) yieldToWriters() {
	if s.writesInFlight.Load() == 0 {
		s.ranFrom.Store(0)
		return
	}
	s.yielded.Add(1)
	now := time.Now().UnixNano()
	from := s.ranFrom.Load()
	if from == 0 {
		s.ranFrom.CompareAndSwap(0, now)
	} else if time.Duration(now-from) >= backgroundRun {
		s.rests.Add(1)
		rest := time.Now().Add(backgroundRest)
		for s.writesInFlight.Load() > 0 && time.Now().Before(rest) {
			time.Sleep(restPoll)
		}
		s.ranFrom.Store(time.Now().UnixNano())
		return
	}
	runtime.Gosched()
}

// The pace of background work beside writes (yieldToWriters): it runs
// backgroundRun, then rests backgroundRest unless the writes are done,
// looking every restPoll.
const (
	backgroundRun  = 5 * time.Millisecond
	backgroundRest = 15 * time.Millisecond
	restPoll       = time.Millisecond
)

// syncStep is a batch ready to be written: its source checked, its records
// prepared, the offers of its actors gathered.
type syncStep struct {
	source   string
	actors   []Actor
	services []SyncService
	offers   map[string][]qualityService
}

func newSyncStep(source string, actors []Actor, services []SyncService) (syncStep, error) {
	var fe FieldErrors
	checkSource(&fe, source, "", nil)
	if source == "" {
		fe.Add("source", "is required")
	}
	if err := fe.Err("The source is invalid."); err != nil {
		return syncStep{}, err
	}
	// Records are normalised before the write transaction (unless the
	// caller did it, see PrepareSyncBatch): the writer is not held while
	// addresses are resolved and phones parsed. Services come first: the
	// quality score of an actor created with its offer in the batch counts
	// the offer at once.
	PrepareSyncBatch(source, actors, services)
	// Sized once, and an actor's first offer taken from one array of
	// them all (its list cut to it: a second offer copies it): a map
	// grown and a one-offer slice an actor were ~100,000 allocations of
	// a 100,000-place first import (issue 11, item 6).
	offers := make(map[string][]qualityService, len(services))
	all := make([]qualityService, 0, len(services))
	for i := range services {
		if id := services[i].ActorSourceID; id != "" && !services[i].Withdrawn && !services[i].Unsaid {
			if l := offers[id]; len(l) > 0 {
				offers[id] = append(l, qualityOfService(&services[i].Service))
				continue
			}
			all = append(all, qualityOfService(&services[i].Service))
			offers[id] = all[len(all)-1 : len(all) : len(all)]
		}
	}
	return syncStep{source: source, actors: actors, services: services, offers: offers}, nil
}

// syncStep writes a batch in the transaction tx, adding its outcomes to res.
func (s *Store) syncStep(tx *gorm.DB, b syncStep, opt SyncOptions, res *SyncResult) error {
	source, actors, services := b.source, b.actors, b.services
	if err := lockSource(tx, source); err != nil {
		return err
	}
	keep := syncKeys{actors: make(map[string]bool, len(actors)), services: make(map[string]bool, len(services))}
	// An outcome per record (and the few archived at the end): sized once
	// rather than grown, which copied a large import's outcomes twice.
	res.Outcomes = slices.Grow(res.Outcomes, len(actors)+len(services))
	if err := s.syncActors(tx, source, actors, opt, res, keep.actors, b.offers, carriedServices(services)); err != nil {
		return err
	}
	// The actors just written need no lookup when services name them;
	// those created here were scored with their offers.
	known := map[string]string{}
	scored := map[string]bool{}
	for _, o := range res.Outcomes {
		if o.Entity == EntityActor && o.ID != "" && o.Result != SyncRejected {
			known[o.SourceID] = o.ID
			if o.Result == SyncCreated {
				scored[o.ID] = true
			}
		}
	}
	rescored, err := s.syncServices(tx, source, services, opt, res, keep.services, known, scored)
	if err != nil {
		return err
	}
	if err := keepSourceHashes(tx, actors, services, res, rescored); err != nil {
		return err
	}
	if opt.Snapshot {
		// A snapshot covers the kinds the caller sent, even as an empty
		// list (which the guard refuses unless mass archiving is allowed).
		return s.archiveAbsent(tx, source, keep, actors != nil, services != nil, opt.AllowMassArchive, res)
	}
	return nil
}

// PrepareSyncBatch does ahead of SyncBatch the work on a batch's records
// that reads nothing stored: each record's source key is set, its address
// reconciled with its coordinates and the commune reference, and it is
// normalised (phones parsed, vocabularies mapped); an actor is also
// validated and fingerprinted, and the audit changes of its creation are
// encoded. SyncBatch calls it for
// the records not yet prepared; an import calls it while it reads the next
// batch, so that this work runs beside the writes of the previous one. A
// record changed after it was prepared must be prepared again (it is not
// normalised twice otherwise).
func PrepareSyncBatch(source string, actors []Actor, services []SyncService) {
	for i := range actors {
		a := &actors[i]
		a.Source = source
		if id := NormalizeSourceID(a.SourceID); id != a.SourceID {
			// Set once: a record prepared again keeps its warning.
			a.keyWarns, a.SourceID = sourceIDWarning("source_id", a.SourceID, id), id
		}
		if a.prepared || closureAnnounced(a) {
			// A closure announced for later is kept or cleared by
			// scheduleClosure before Normalize, which needs the clock: such
			// a record is normalised in the transaction, as before.
			continue
		}
		switch checked := a.checked && a.Source == strings.ToLower(strings.TrimSpace(a.Source)); {
		case checked && a.placeRead.settled():
			// Normalised and valid, its commune found with no conflict or
			// doubt: reconciling it and normalising its place again would
			// change nothing and warn of nothing (see placeRead). Those
			// two readings of the commune reference took 5 % of a first
			// import's CPU (issue 11, item 6); most rows of real files are
			// settled (few of the synthetic file, which errs on purpose).
			a.placeWarns, a.preInvalid = nil, nil
		case checked:
			// Normalised and valid but for what reconciling its place
			// changed (see NormalizeChecked); the other fields are as
			// Normalize left them and Validate accepted them, and both
			// leave them so.
			a.placeWarns = placeWarnings(ReconcileActorPlace(a))
			a.renormalizePlace()
			var fe FieldErrors
			a.validatePlace(&fe)
			a.preInvalid = fe.Err("The actor is invalid.")
		default:
			a.placeWarns = append(placeWarnings(ReconcileActorPlace(a)), hoursWarnings("opening_hours", a.OpeningHours)...)
			a.Normalize()
			a.preInvalid = a.Validate()
		}
		a.placeRead = placeRead{}
		a.preFingerprint = a.ContentFingerprint()
		a.setKeys() // folded here rather than by the writer (nameKeyMemo)
		a.prepared = true
	}
	// The services' prepared parts in one array, their encodings in the
	// chunks of one arena (see prepArena).
	var preps []servicePrep
	var arena prepArena
	for i := range services {
		sv := &services[i]
		if sv.prepared {
			continue
		}
		sv.Source = source
		if id := NormalizeSourceID(sv.SourceID); id != sv.SourceID {
			sv.keyWarns, sv.SourceID = sourceIDWarning("source_id", sv.SourceID, id), id
		}
		sv.ActorSourceID = NormalizeSourceID(sv.ActorSourceID)
		if sv.Withdrawn || sv.Unsaid && !sv.partial() {
			sv.prepared = true
			continue
		}
		sv.warnings = append(placeWarnings(sv.reconcilePlace()), hoursWarnings("opening_hours", sv.OpeningHours)...)
		sv.Normalize()
		// An import lists a batch's offers in the order of their places,
		// whose name each takes: the place's folded name is the offer's
		// (any record of the same name has the same key; another name is
		// folded).
		var like *Actor
		if i < len(actors) {
			like = &actors[i]
		}
		sv.setKeysLike(like)
		if preps == nil {
			preps = make([]servicePrep, len(services))
		}
		sv.prepareContent(&preps[i], &arena)
		sv.prepared = true
	}
}

// syncWrite runs fn in one write transaction marked as a bulk write, and
// rolls it back after a dry run, keeping the result. The history records
// the sync channel, or the operator's command (ChannelCLI) when the import
// comes from it.
func (s *Store) syncWrite(ctx context.Context, opt SyncOptions, fn func(tx *gorm.DB, res *SyncResult) error) (*SyncResult, error) {
	if ChannelFrom(ctx) != ChannelCLI {
		ctx = WithChannel(ctx, ChannelSync)
	}
	ctx = withBulk(ctx)
	res := &SyncResult{DryRun: opt.DryRun, Counts: map[string]int{}}
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := fn(tx, res); err != nil {
			return err
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// lockSource makes one source's batches take turns: a batch reads which of
// the source's keys exist before it writes, and two batches bringing the
// same new key at once would otherwise both insert it.
//
// On SQLite, whose single writer already serialises write transactions,
// lockKey does nothing: the key is not built (it was 200,000 strings of a
// 100,000-place first import, one a record: issue 11, item 6).
func lockSource(tx *gorm.DB, source string) error {
	d := dialectOf(tx)
	if d == sqliteEngine {
		return nil
	}
	return d.lockKey(tx, "sync:"+source)
}

// lockSourceKey takes the source's lock when a write gives a record a
// partner key that it did not have (source, sourceID against the record's
// previous ones), so that every path to a source's keys — sync, import, the
// REST API for partners — checks and writes them one at a time. On
// PostgreSQL a duplicate key would otherwise abort a whole sync batch.
func lockSourceKey(tx *gorm.DB, source, sourceID, beforeSource, beforeID string) error {
	if sourceID == "" || (source == beforeSource && sourceID == beforeID) {
		return nil
	}
	return lockSource(tx, source)
}

type syncKeys struct{ actors, services map[string]bool }

// existingKey is what a sync needs to know about a stored record to decide.
type existingKey struct {
	ID          string
	SourceID    string
	Fingerprint string
	Archived    bool
	SourceHash  string // actors only
	// CheckedOn and CheckedOnUndated: actors only (see ownCheckedOn).
	CheckedOn        string
	CheckedOnUndated bool
	ClosedFrom       string // actors only: a closure the record has (see scheduleClosure)
}

// storableKeys drops the keys no record can have (see storable): their
// records are rejected by validation, and one of them must not fail the
// lookup of the whole batch.
func storableKeys(keys []string) []string {
	return slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return !storable(k) })
}

func loadKeys(tx *gorm.DB, table, source string, ids []string) (map[string]existingKey, error) {
	out := make(map[string]existingKey, len(ids))
	cols := []string{"id", "source_id", "fingerprint", "archived_at IS NOT NULL AS archived"}
	if table == "actors" {
		cols = append(cols, "source_hash", "checked_on", "checked_on_undated", "closed_from")
	}
	d := dialectOf(tx)
	for chunk := range slices.Chunk(storableKeys(ids), 500) {
		var rows []existingKey
		// Find, not Scan: GORM's Scan records each statement for its
		// logger, writing the SQL with its 500 keys spelt out, even when
		// nothing logs (with SourceHashes, 400,000 allocations of a
		// 100,000-place import and its re-sync).
		in, keys := d.inKeys("source_id", chunk)
		err := tx.Table(table).Select(cols).
			Where("source = ? AND source_id <> '' AND "+in, source, keys).Find(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.SourceID] = r
		}
	}
	return out, nil
}

// asVars is keys as GORM's variables (PostgreSQL's inKeys): given a []string, GORM reads each
// key through reflect into an interface of its own and binds it through a
// slice of its own; given a []any, it binds each as it is: 400,000
// allocations fewer over a 100,000-place first import and its re-sync
// (loadKeys, SourceHashes), 4 % of them (issue 11, item 6).
func asVars(keys []string) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

// settle turns a record's write error into its rejection; other errors
// abort the batch. A record that was not stored before leaves the keys a
// snapshot keeps.
func settle(o *SyncOutcome, err error, ex existingKey, found bool, keep map[string]bool) error {
	if err == nil {
		return nil
	}
	fields, ok := rejection(err)
	if !ok {
		return err
	}
	o.ID, o.Result, o.Errors = ex.ID, SyncRejected, fields
	if !found {
		delete(keep, o.SourceID)
	}
	return nil
}

func rejection(err error) ([]FieldError, bool) {
	var e *Error
	if !errors.As(err, &e) || (e.Code != EINVALID && e.Code != ECONFLICT && e.Code != EGONE && e.Code != EFORBIDDEN) {
		return nil, false
	}
	if len(e.Fields) > 0 {
		return e.Fields, true
	}
	return []FieldError{{Field: "", Reason: e.Message}}, true
}

// carriedServices is the set of the source ids of a batch's services: the
// batch says itself what becomes of them.
func carriedServices(services []SyncService) map[string]bool {
	carried := make(map[string]bool, len(services))
	for i := range services {
		carried[services[i].SourceID] = true
	}
	return carried
}

func (s *Store) syncActors(tx *gorm.DB, source string, actors []Actor, opt SyncOptions, res *SyncResult, keep map[string]bool, offers map[string][]qualityService, carried map[string]bool) error {
	ids := make([]string, 0, len(actors))
	for i := range actors {
		ids = append(ids, actors[i].SourceID) // trimmed by PrepareSyncBatch
	}
	existing, err := loadKeys(tx, "actors", source, ids)
	if err != nil {
		return err
	}
	var created []*Actor
	for i := range actors {
		a := &actors[i]
		o := SyncOutcome{Index: i, Entity: EntityActor, SourceID: a.SourceID}
		fe, refused := opt.RefusedActors[i]
		switch {
		case a.SourceID == "" && refused:
			// A record that could not be read (a value of the wrong
			// type, its source_id maybe) says why, not that it has no key.
			o.Result, o.Errors = SyncRejected, []FieldError{fe}
			res.add(o)
			continue
		case a.SourceID == "":
			o.Result, o.Errors = SyncRejected, []FieldError{{Field: "source_id", Reason: "is required: it is the record's key in its source"}}
			res.add(o)
			continue
		case keep[a.SourceID]:
			o.Result, o.Errors = SyncRejected, []FieldError{{Field: "source_id", Reason: "appears twice in the batch"}}
			res.add(o)
			continue
		}
		keep[a.SourceID] = true
		if !a.prepared {
			a.placeWarns = append(placeWarnings(ReconcileActorPlace(a)), hoursWarnings("opening_hours", a.OpeningHours)...)
		}
		o.Warnings = append(slices.Clip(a.keyWarns), a.placeWarns...)
		ex, found := existing[a.SourceID]
		a.storedHash = ex.SourceHash
		var err error
		if refused {
			o.ID, o.Result, o.Errors = ex.ID, SyncRejected, []FieldError{fe}
			if !found {
				delete(keep, a.SourceID)
			}
			res.add(o)
			continue
		}
		if found {
			ownCheckedOn(a, ex)
		}
		if found && !a.prepared {
			// As a direct write does (saveActor): a closure announced
			// for later is scheduled before Normalize, which would read
			// status active as a reopening and clear it — the update was
			// then « unchanged », and the announcement lost.
			a.scheduleClosure(&Actor{ClosedFrom: ex.ClosedFrom}, s.now())
			a.Normalize()
		}
		switch {
		case found && !ex.Archived && ex.Fingerprint == a.fingerprint():
			o.ID, o.Result, o.Kept = ex.ID, SyncUnchanged, keptUnchanged(a)
		case found && keptArchived(tx, EntityActor, ex, &o, &err):
		case found:
			var before Actor
			if err := forUpdate(tx).Take(&before, "id = ?", ex.ID).Error; err != nil {
				return err
			}
			if om := opt.omitted(false, i); om.Status || om.Contact || om.Parent || om.Producer || om.ProducerDate || a.absent != 0 || a.futureDate != "" || a.unreadDate {
				if a.absent != 0 {
					var warns []FieldError
					o.Kept, warns = keepActorFields(a, &before)
					o.Warnings = append(o.Warnings, warns...)
				}
				if om.Status {
					a.Status, a.ClosedFrom, a.ClosedUntil, a.ClosureReason = before.Status, before.ClosedFrom, before.ClosedUntil, before.ClosureReason
				}
				if om.Contact {
					a.ContactPublic = before.ContactPublic
				}
				if om.Producer {
					a.Producer = before.Producer
				}
				if om.ProducerDate || (a.futureDate != "" || a.unreadDate) && a.ProducerUpdatedOn == "" {
					// A date in the future is no check, nor a value that
					// is no date: the stored one stays, as for a row
					// without the field.
					a.ProducerUpdatedOn = before.ProducerUpdatedOn
				}
				if om.Parent {
					a.ParentID = before.ParentID
					if ex.Archived && a.ParentID != nil && !activeNetwork(tx, *a.ParentID) {
						// The place was archived, then its network: kept,
						// the network rejected it at every run, and a
						// file cannot name another (nor none). It comes
						// back outside the network, as a restore with
						// leave_network does; a record naming the
						// archived network is still rejected.
						o.Warnings = append(o.Warnings, FieldError{Field: "parent_id", Reason: fmt.Sprintf("%q: its network is archived; restored outside it (parent_id cleared)", *a.ParentID)})
						a.ParentID = nil
					}
				}
				if !ex.Archived && a.ContentFingerprint() == ex.Fingerprint {
					o.ID, o.Result = ex.ID, SyncUnchanged
					break
				}
			}
			if !ex.Archived {
				// Fields a person changed in Carnet after this row's date
				// stay Carnet's (probe 40b M3).
				warns, err := carnetCheck(tx, &before, a)
				if err != nil {
					return err
				}
				o.Warnings = append(o.Warnings, warns...)
				if len(warns) > 0 && a.ContentFingerprint() == ex.Fingerprint {
					o.ID, o.Result, a.SourceHash = ex.ID, SyncUnchanged, ""
					break
				}
			}
			archivedAt := before.ArchivedAt
			err = s.saveActor(tx, &before, a)
			o.ID, o.Result = ex.ID, SyncUpdated
			if err == nil {
				o.Warnings = append(o.Warnings, olderProducerDate(&before, a)...)
			}
			if ex.Archived {
				o.Result = SyncRestored
				if err == nil && archivedAt != nil {
					err = s.restoreOfferOf(tx, ex.ID, *archivedAt, carried, res)
				}
			}
		default:
			// Prepared now, created with the batch's other new actors
			// below.
			if err = s.prepareActor(tx, a, offers[a.SourceID]); err == nil {
				created = append(created, a)
			}
			o.ID, o.Result = a.ID, SyncCreated
		}
		if err := settle(&o, err, ex, found, keep); err != nil {
			return err
		}
		res.add(o)
	}
	return s.createActors(tx, created)
}

// restoreOfferOf brings back, with a place a batch restores, the services
// archived with it that the batch does not carry (those it carries, it
// restores or withdraws itself), as POST …/restore does, and reports each
// restored (index -1, as the records a snapshot archives); the place is
// scored again with them. It came back without its offer — live, scored
// and searched with none — until the partner sent its services again.
func (s *Store) restoreOfferOf(tx *gorm.DB, actorID string, archivedAt time.Time, carried map[string]bool, res *SyncResult) error {
	back, err := s.restoreArchivedWith(tx, actorID, archivedAt, func(sv *Service) bool { return sv.SourceID != "" && carried[sv.SourceID] })
	if err != nil || len(back) == 0 {
		return err
	}
	for _, sv := range back {
		res.add(SyncOutcome{Index: -1, Entity: EntityService, SourceID: sv.SourceID, ID: sv.ID, Result: SyncRestored})
	}
	return s.refreshActorQuality(tx, actorID, false)
}

// ownCheckedOn drops a's producer's date when it is only the day Carnet
// stored the record without one (CheckedOnUndated): the date an export
// writes for such a place (the standard requires one), read back by an
// import of that export into the place's source. Taken as the producer's,
// it changed every place of the file (« updated ») and made it look
// checked on the day of its first import. A producer that gives the
// very day of that import as its date is read the same way: it cannot
// be told from Carnet's own date.
func ownCheckedOn(a *Actor, ex existingKey) {
	if !ex.CheckedOnUndated || a.ProducerUpdatedOn == "" || a.ProducerUpdatedOn != ex.CheckedOn {
		return
	}
	a.ProducerUpdatedOn = ""
	if a.prepared {
		a.preFingerprint = a.ContentFingerprint()
	}
}

// olderProducerDate warns of an update whose producer's date is before the
// stored one: the producer's values of that day replaced those it checked
// later (last year's file imported again by mistake, a partner replaying
// an old export). Written as sent — the producer is the authority on its
// records — but not without a word.
//
// It warns too of a date a record removes (null or "": the rule is that
// omitted keeps it, sent empty clears it): the place turns undated, and
// stale, which the result said nothing of (verify36 N5).
func olderProducerDate(before, a *Actor) []FieldError {
	if a.ProducerUpdatedOn == "" && before.ProducerUpdatedOn != "" {
		return []FieldError{{Field: "producer_updated_on", Reason: fmt.Sprintf(
			"sent empty (null): the stored date %s is removed and the place is undated; omit the field to keep it", before.ProducerUpdatedOn)}}
	}
	if a.ProducerUpdatedOn == "" || before.ProducerUpdatedOn == "" || a.ProducerUpdatedOn >= before.ProducerUpdatedOn {
		return nil
	}
	return []FieldError{{Field: "producer_updated_on", Value: a.ProducerUpdatedOn, Reason: fmt.Sprintf(
		"this record's date %s is before the stored record's (%s): its values, which the producer checked earlier, replaced the stored ones it checked later; check that this is its latest version",
		a.ProducerUpdatedOn, before.ProducerUpdatedOn)}}
}

// syncServices writes the services of a batch (normalised by SyncBatch).
// actorIDs maps the source ids of the batch's live actors to their ids;
// scored lists the actors created in the batch, already scored with their
// offers.
func (s *Store) syncServices(tx *gorm.DB, source string, services []SyncService, opt SyncOptions, res *SyncResult, keep map[string]bool, actorIDs map[string]string, scored map[string]bool) (map[string]bool, error) {
	ids := make([]string, 0, len(services))
	live := make(map[string]bool, len(actorIDs))
	for _, id := range actorIDs {
		live[id] = true
	}
	for i := range services {
		ids = append(ids, services[i].SourceID)
	}
	var created []*Service
	rescore := map[string]bool{}
	// The batch's new services are inserted together at its end: the room
	// counts them as they are accepted, so that a batch cannot take a
	// place past MaxServicesPerPlace (each one over it is refused).
	room := serviceRoom{}
	// A place created by this batch has no service yet: nothing to lock
	// or count (counted, each of a first import's services scanned the
	// services table, whose actor index the import defers: deferIndexes).
	for id := range scored {
		room[id] = 0
	}
	// Nor a team: nobody is a member of a structure this batch created.
	tx = withNewActors(tx, scored)
	existing, err := loadKeys(tx, "services", source, ids)
	if err != nil {
		return nil, err
	}
	for i := range services {
		sv := &services[i]
		o := SyncOutcome{Index: i, Entity: EntityService, SourceID: sv.SourceID, Warnings: append(slices.Clip(sv.keyWarns), sv.warnings...)}
		reject := func(field, reason string) {
			o.Result, o.Errors = SyncRejected, []FieldError{{Field: field, Reason: reason}}
			res.add(o)
		}
		fe, refused := opt.RefusedServices[i]
		switch {
		case sv.SourceID == "" && refused:
			reject(fe.Field, fe.Reason) // see syncActors
			continue
		case sv.SourceID == "":
			reject("source_id", "is required: it is the record's key in its source")
			continue
		case keep[sv.SourceID]:
			reject("source_id", "appears twice in the batch")
			continue
		}
		if sv.Withdrawn {
			// The place's row names no offer now: the one it named is
			// archived, as an offer absent from a snapshot is. Kept,
			// it stayed published while the report said the place had
			// none.
			ex, found := existing[sv.SourceID]
			if !found || ex.Archived {
				continue
			}
			var stored Service
			if err := lockServiceRow(tx, ex.ID, &stored); err != nil { // its actor first
				return nil, err
			}
			if err := s.archiveService(tx, &stored); err != nil {
				return nil, err
			}
			o.ID, o.Result = ex.ID, SyncArchived
			res.add(o)
			rescore[stored.ActorID] = true
			continue
		}
		if sv.Unsaid {
			// Left as it is: nothing read, nothing written, or updated
			// with the fields it gives (partial). An archived one stays
			// archived (the file does not name it).
			ex, found := existing[sv.SourceID]
			if !found || ex.Archived {
				continue
			}
			if !sv.partial() {
				keep[sv.SourceID] = true
				o.ID, o.Result, o.Kept = ex.ID, SyncUnchanged, FieldThemes
				res.add(o)
				continue
			}
		}
		if refused {
			if ex, found := existing[sv.SourceID]; found {
				keep[sv.SourceID], o.ID = true, ex.ID
			}
			reject(fe.Field, fe.Reason)
			continue
		}
		if err := resolveSyncActor(tx, source, sv, actorIDs); err != nil {
			fields, ok := rejection(err)
			if !ok {
				return nil, err
			}
			// A rejected record is in the batch: a snapshot keeps the
			// service it names as it is, as for the other rejections.
			if ex, found := existing[sv.SourceID]; found {
				keep[sv.SourceID], o.ID = true, ex.ID
			}
			o.Result, o.Errors = SyncRejected, fields
			res.add(o)
			continue
		}
		keep[sv.SourceID] = true
		ex, found := existing[sv.SourceID]
		var err error
		switch {
		case found && !ex.Archived && ex.Fingerprint == sv.ContentFingerprint():
			o.ID, o.Result = ex.ID, SyncUnchanged
		case found && keptArchived(tx, EntityService, ex, &o, &err):
		case found:
			var before Service
			if err := lockServiceRow(tx, ex.ID, &before); err != nil { // its actor first
				return nil, err
			}
			if om := opt.omitted(true, i); om != (Omitted{}) || sv.Absent != 0 {
				if sv.Absent != 0 {
					var warns []FieldError
					o.Kept, warns = keepServiceFields(&sv.Service, &before, sv.Absent)
					o.Warnings = append(o.Warnings, warns...)
					if sv.Derive != nil {
						sv.Derive(&sv.Service)
					}
				}
				switch {
				case om.Status && ex.Archived:
					// Coming back, it takes back its status before the
					// archiving, as POST …/restore does: kept as
					// stored, « archived », it stayed archived for good
					// while every import reported it restored
					// (TestSyncRestoresTheOfferAnImportBringsBack).
					sv.Status = statusBeforeArchive(tx, ex.ID)
				case om.Status:
					sv.Status = before.Status
				}
				if om.Capacity {
					sv.Capacity = before.Capacity
				}
				if om.IsFull {
					sv.IsFull = before.IsFull
				}
				if om.Referrals {
					sv.ReferralsClosed = before.ReferralsClosed
				}
				if om.Offer {
					sv.Description, sv.FeesDetails, sv.Languages, sv.OpeningHours = before.Description, before.FeesDetails, before.Languages, before.OpeningHours
					sv.Address, sv.Latitude, sv.Longitude, sv.BookingURL = before.Address, before.Latitude, before.Longitude, before.BookingURL
				}
				if !ex.Archived && sv.ContentFingerprint() == ex.Fingerprint {
					o.ID, o.Result = ex.ID, SyncUnchanged
					break
				}
			}
			if before.ActorID != sv.ActorID {
				// The API refuses it too: a service moving to another
				// place is a new service there.
				err = &Error{Code: EINVALID, Message: "The service is invalid.", Fields: []FieldError{{Field: "actor_source_id",
					Reason: "a service cannot move to another actor; archive it and send the new one with another source_id"}}}
				o.ID = ex.ID
				break
			}
			if ex.Archived && sv.Status != vocab.ServiceArchived {
				// Back from the archive: it takes room on its place,
				// counted with the batch's new services.
				if err = room.take(tx, sv.ActorID, 1); err != nil {
					o.ID = ex.ID
					break
				}
			}
			err = s.saveService(tx, &before, &sv.Service)
			if err != nil && ex.Archived {
				room.give(sv.ActorID, 1)
			}
			o.ID, o.Result = ex.ID, SyncUpdated
			if ex.Archived {
				o.Result = SyncRestored
			}
		default:
			if !opt.omitted(true, i).Referrals {
				sv.Service.AskReferrals()
			}
			if _, err = s.prepareService(tx, &sv.Service, live, sv.prepared, room); err == nil {
				created = append(created, &sv.Service)
				if !scored[sv.ActorID] {
					rescore[sv.ActorID] = true
				}
			}
			o.ID, o.Result = sv.ID, SyncCreated
		}
		if err := settle(&o, err, ex, found, keep); err != nil {
			return nil, err
		}
		if o.Result == SyncRejected && scored[sv.ActorID] {
			rescore[sv.ActorID] = true // scored with an offer that was refused
		}
		res.add(o)
	}
	if err := s.createServices(tx, created); err != nil {
		return nil, err
	}
	for id := range rescore {
		if err := s.refreshActorQuality(tx, id, true); err != nil { // a sync keeps checked_on anyway
			return nil, err
		}
	}
	return rescore, nil
}

// resolveSyncActor sets sv.ActorID from ActorSourceID, and checks that the
// actor belongs to the same source: a partner files services under its own
// places only.
func resolveSyncActor(tx *gorm.DB, source string, sv *SyncService, cache map[string]string) error {
	bad := func(field, reason string) error {
		return &Error{Code: EINVALID, Message: "The service is invalid.", Fields: []FieldError{{Field: field, Reason: reason}}}
	}
	if sv.ActorSourceID != "" {
		// A record may send both, naming the same actor; two different
		// actors are a partner's mistake that must not be settled by
		// silently choosing one.
		sent := sv.ActorID
		if err := resolveSyncSourceID(tx, source, sv, cache); err != nil {
			return err
		}
		if sent != "" && sent != sv.ActorID {
			return bad("actor_id", "names another actor than actor_source_id: send one of them, or both naming the same actor")
		}
		return nil
	}
	if !ValidID(sv.ActorID) {
		return bad("actor_source_id", "is required (or actor_id): the actor the service belongs to")
	}
	// Locked for the update of its score the service's write makes (see
	// lockServiceRow), before the service.
	var row struct{ Source string }
	err := forNoKeyUpdate(tx).Model(&Actor{}).Select("source").Where("id = ? AND archived_at IS NULL", sv.ActorID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && row.Source != source) {
		return bad("actor_id", fmt.Sprintf("no active actor of the source %s has this id", source))
	}
	return err
}

// resolveSyncSourceID sets sv.ActorID to the live actor of source whose
// source_id is sv.ActorSourceID.
func resolveSyncSourceID(tx *gorm.DB, source string, sv *SyncService, cache map[string]string) error {
	if id, ok := cache[sv.ActorSourceID]; ok {
		sv.ActorID = id
		return nil
	}
	unknown := &Error{Code: EINVALID, Message: "The service is invalid.", Fields: []FieldError{{Field: "actor_source_id",
		Reason: fmt.Sprintf("no active actor of the source %s has this source_id", source)}}}
	if !storable(sv.ActorSourceID) {
		return unknown
	}
	var row struct{ ID string } // locked as in resolveSyncActor
	err := forNoKeyUpdate(tx).Model(&Actor{}).Select("id").Where("source = ? AND source_id <> '' AND source_id = ? AND archived_at IS NULL", source, sv.ActorSourceID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return unknown
	}
	if err != nil {
		return err
	}
	cache[sv.ActorSourceID], sv.ActorID = row.ID, row.ID
	return nil
}

// keepSourceHashes stores the row hashes an import gave its actors once the
// batch's writes are done: a write of an actor or of one of its services
// clears the hash (the record is no longer what a row made of it), and the
// import that made them sets it again. Unchanged records whose hash is
// already stored are not written.
func keepSourceHashes(tx *gorm.DB, actors []Actor, services []SyncService, res *SyncResult, rescored map[string]bool) error {
	if !slices.ContainsFunc(actors, func(a Actor) bool { return a.SourceHash != "" }) {
		return nil
	}
	stored := map[string]string{} // actor id → hash it must keep
	// Actors whose services were written through refreshActorQuality
	// (which clears the hash): all but the offers created with their
	// actor in this batch.
	touched := map[string]bool{}
	created := map[string]bool{}
	for _, o := range res.Outcomes {
		if o.Entity == EntityActor && o.Result == SyncCreated {
			created[o.ID] = true
		}
	}
	for _, o := range res.Outcomes {
		if o.Entity == EntityService && o.Index >= 0 && o.Result != SyncUnchanged && o.Result != SyncRejected &&
			(o.Result != SyncCreated || !created[services[o.Index].ActorID]) {
			touched[services[o.Index].ActorID] = true
		}
	}
	for id := range rescored {
		touched[id] = true
	}
	for _, o := range res.Outcomes {
		if o.Entity != EntityActor || o.Index < 0 || o.Result == SyncRejected || o.Result == SyncCreated && !touched[o.ID] {
			continue // created with its hash, and its services did not clear it
		}
		a := &actors[o.Index]
		if a.SourceHash == "" || o.Result == SyncUnchanged && !touched[o.ID] && a.SourceHash == a.storedHash {
			continue
		}
		stored[o.ID] = a.SourceHash
	}
	for id, h := range stored {
		if err := tx.Model(&Actor{}).Where("id = ?", id).UpdateColumn("source_hash", h).Error; err != nil {
			return err
		}
	}
	return nil
}

// archiveAbsent archives the source's live records whose key is not in
// keep, for the kinds the snapshot carried.
func (s *Store) archiveAbsent(tx *gorm.DB, source string, keep syncKeys, actorsToo, servicesToo, allowMass bool, res *SyncResult) error {
	type row struct{ ID, SourceID string }
	absent := func(table string, keepSet map[string]bool) (gone []row, live int, err error) {
		var rows []row
		// In source_id order, the order in which they are archived (and
		// their changes logged): the unique source key reads them in it
		// (migration 00127).
		err = tx.Table(table).Select("id", "source_id").Where("source = ? AND source_id <> '' AND archived_at IS NULL", source).Order("source_id").Scan(&rows).Error
		for _, r := range rows {
			if !keepSet[r.SourceID] {
				gone = append(gone, r)
			}
		}
		return gone, len(rows), err
	}
	var goneActors, goneServices []row
	var err error
	var liveA, liveS int
	if actorsToo {
		if goneActors, liveA, err = absent("actors", keep.actors); err != nil {
			return err
		}
	}
	if servicesToo {
		if goneServices, liveS, err = absent("services", keep.services); err != nil {
			return err
		}
	}
	if !allowMass {
		var fe FieldErrors
		if n := len(goneActors); n > 0 && float64(n) > MassArchiveShare*float64(liveA) {
			fe.Addf("actors", "the snapshot would archive %d of the source's %d live actors (more than %.0f%%)", n, liveA, MassArchiveShare*100)
		}
		if n := len(goneServices); n > 0 && float64(n) > MassArchiveShare*float64(liveS) {
			fe.Addf("services", "the snapshot would archive %d of the source's %d live services (more than %.0f%%)", n, liveS, MassArchiveShare*100)
		}
		if len(fe) > 0 {
			return &Error{Code: ECONFLICT, Message: "This snapshot would archive many records: check that it is complete, then send it again with allow_mass_archive=true.", Fields: fe}
		}
	}
	for _, r := range goneActors {
		o := SyncOutcome{Index: -1, Entity: EntityActor, SourceID: r.SourceID, ID: r.ID, Result: SyncArchived}
		var a Actor
		if err := forUpdate(tx).Take(&a, "id = ?", r.ID).Error; err != nil {
			return err
		}
		var children int64
		if err := tx.Model(&Actor{}).Where("parent_id = ? AND archived_at IS NULL", r.ID).Count(&children).Error; err != nil {
			return err
		}
		if children > 0 {
			o.Result, o.Errors = SyncRejected, []FieldError{{Field: "source_id", Reason: fmt.Sprintf("absent from the snapshot but heads %d active child actors; not archived", children)}}
		} else if err := s.archiveActor(tx, &a); err != nil {
			return err
		}
		res.add(o)
	}
	for _, r := range goneServices {
		var sv Service
		if err := lockServiceRow(tx, r.ID, &sv); err != nil { // its actor first
			return err
		}
		// One archived with its actor just above is counted too: it was
		// live, and absent from the snapshot (the report said 0 services
		// archived where its places' offers were).
		if !sv.IsArchived() {
			if err := s.archiveService(tx, &sv); err != nil {
				return err
			}
		}
		res.add(SyncOutcome{Index: -1, Entity: EntityService, SourceID: r.SourceID, ID: r.ID, Result: SyncArchived})
	}
	return nil
}

// ArchiveAbsent ends a snapshot sent in several batches (a long import):
// it archives the source's live actors and services whose source_id is not
// in the given sets, with the same guard as SyncBatch.
func (s *Store) ArchiveAbsent(ctx context.Context, source string, actorKeys, serviceKeys map[string]bool, opt SyncOptions) (*SyncResult, error) {
	return s.syncWrite(ctx, opt, func(tx *gorm.DB, res *SyncResult) error {
		if err := lockSource(tx, source); err != nil {
			return err
		}
		return s.archiveAbsent(tx, source, syncKeys{actors: actorKeys, services: serviceKeys}, true, true, opt.AllowMassArchive, res)
	})
}

// SourceHashes returns the row hashes stored for the live actors of source
// with the given source ids (see Actor.SourceHash): an import skips the rows
// it finds identical. An id stored without a hash is there with "": an
// import also asks which of the ids a row could take are stored (see
// opendata's placeIDs). It reads the read pool: a record changed meanwhile
// is one changed after the import read it.
func (s *Store) SourceHashes(ctx context.Context, source string, sourceIDs []string) (map[string]string, error) {
	out := make(map[string]string, len(sourceIDs))
	for chunk := range slices.Chunk(storableKeys(sourceIDs), 500) {
		in, keys := s.d.inKeys("source_id", chunk) // inKeys: see loadKeys
		if err := s.sourceHashesOf(ctx, out, "source = ? AND source_id <> '' AND "+in+" AND archived_at IS NULL", source, keys); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sourceHashesOf adds to out the (source_id, source_hash) of the actors
// where cond holds, scanned into two strings a row: an unchanged re-sync
// asks this of every row of the file, and GORM's Find into structs cost
// about three allocations a row by reflection (issue 11, item 6).
func (s *Store) sourceHashesOf(ctx context.Context, out map[string]string, cond string, args ...any) error {
	rows, err := s.read(ctx).Model(&Actor{}).Select("source_id", "COALESCE(source_hash, '')").Where(cond, args...).Rows()
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, hash string
		if err := rows.Scan(&id, &hash); err != nil {
			return dbError(err)
		}
		out[id] = hash
	}
	return dbError(rows.Err())
}

// SourceHasSuffixedIDs reports whether source holds a live actor whose
// source_id has a « ~ »: the ids an import gives the places of a file that
// shares one id between several addresses (see opendata's placeIDs).
func (s *Store) SourceHasSuffixedIDs(ctx context.Context, source string) (bool, error) {
	var n int64
	err := s.read(ctx).Model(&Actor{}).Where("source = ? AND source_id LIKE ? AND archived_at IS NULL", source, "%~%").Limit(1).Count(&n).Error
	if err != nil {
		return false, dbError(err)
	}
	return n > 0, nil
}

// SourceHasLivePlaces reports whether source holds a live actor with a
// source id: a first import's has none, and asks nothing of the ids an
// earlier import stored in another form (see opendata's zeroTwins).
func (s *Store) SourceHasLivePlaces(ctx context.Context, source string) (bool, error) {
	var ids []string // one at most: not a count of the source's places
	err := s.read(ctx).Model(&Actor{}).Where("source = ? AND source_id <> '' AND archived_at IS NULL", source).Limit(1).Pluck("source_id", &ids).Error
	if err != nil {
		return false, dbError(err)
	}
	return len(ids) > 0, nil
}

// SourcePlace is what an import needs of a stored place of its source to
// recognise it in a file that gives no ids (see opendata's renames).
type SourcePlace struct {
	SourceID string
	Name     string
	Address  Address `gorm:"embedded"`
}

// LiveSourcePlaces lists the live actors of source whose source_id starts
// with prefix, in source_id order.
func (s *Store) LiveSourcePlaces(ctx context.Context, source, prefix string) ([]SourcePlace, error) {
	var out []SourcePlace
	err := s.read(ctx).Table("actors").Select("source_id", "name", "street", "complement", "postal_code", "commune", "insee_code").
		Where("source = ? AND "+s.d.bytewise("source_id")+" >= ? AND "+s.d.bytewise("source_id")+" < ? AND archived_at IS NULL", source, prefix, prefixEnd(prefix)).
		Order("source_id").Scan(&out).Error
	if err != nil {
		return nil, dbError(err)
	}
	return out, nil
}

// SourcePlacesByID returns the live actors of source with the given source
// ids: an import compares a row with the place stored under its id (see
// opendata's placeIDs).
func (s *Store) SourcePlacesByID(ctx context.Context, source string, sourceIDs []string) ([]SourcePlace, error) {
	var out []SourcePlace
	for chunk := range slices.Chunk(storableKeys(sourceIDs), 500) {
		var rows []SourcePlace
		in, keys := s.d.inKeys("source_id", chunk)
		err := s.read(ctx).Table("actors").Select("source_id", "name", "street", "complement", "postal_code", "commune", "insee_code").
			// source_id <> '': the unique source key's condition, so that
			// SQLite reads it through that index even while a first
			// import has dropped the others (see deferIndexes); a place
			// with no id is never looked up by it.
			Where("source = ? AND source_id <> '' AND "+in+" AND archived_at IS NULL", source, keys).Find(&rows).Error // Find, inKeys: see loadKeys
		if err != nil {
			return nil, dbError(err)
		}
		out = append(out, rows...)
	}
	return out, nil
}

// prefixEnd is the first string after every string starting with prefix (a
// range an index on source_id reads, where LIKE would fold case or scan):
// prefix with its last byte incremented. prefix must not end in 0xff.
func prefixEnd(prefix string) string {
	if prefix == "" {
		return "\xff"
	}
	return prefix[:len(prefix)-1] + string([]byte{prefix[len(prefix)-1] + 1})
}

// SourceIDsOfCarnetIDs maps those of ids that are Carnet's ids of live
// actors of source, stored under a source id of their own, to that source
// id. An export writes a place under Carnet's id when another source's
// older place publishes the same source id (see ExportState's
// SourceIDHolders): a file made from it, imported back into the place's
// source, names the place by Carnet's id, and must update it rather than
// create it again (and a snapshot archive it).
func (s *Store) SourceIDsOfCarnetIDs(ctx context.Context, source string, ids []string) (map[string]string, error) {
	ask := make([]string, 0, len(ids))
	for _, id := range ids {
		if ValidID(id) {
			ask = append(ask, id)
		}
	}
	out := map[string]string{}
	for chunk := range slices.Chunk(ask, 500) {
		var rows []struct{ ID, SourceID string }
		err := s.read(ctx).Model(&Actor{}).Select("id", "source_id").
			Where("source = ? AND id IN ? AND source_id <> '' AND archived_at IS NULL", source, chunk).Find(&rows).Error // Find: see loadKeys
		if err != nil {
			return nil, dbError(err)
		}
		for _, r := range rows {
			if r.SourceID != r.ID {
				out[r.ID] = r.SourceID
			}
		}
	}
	return out, nil
}

// ServicesElsewhereOfSource returns which of ids are Carnet's ids of live
// services held elsewhere (with an address of their own) of the source's
// live actors: an export writes each as a place of its own under the
// service's id (opendata's placeOfService), which an import of that
// export into its source must not create as a new place.
func (s *Store) ServicesElsewhereOfSource(ctx context.Context, source string, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for chunk := range slices.Chunk(ids, 500) {
		var found []string
		err := s.read(ctx).Model(&Service{}).Where("services.id IN ? AND services.archived_at IS NULL AND services.location_postal_code <> ''"+
			" AND services.actor_id IN (SELECT id FROM actors WHERE source = ? AND archived_at IS NULL)", chunk, source).Pluck("services.id", &found).Error
		if err != nil {
			return nil, dbError(err)
		}
		for _, id := range found {
			out[id] = true
		}
	}
	return out, nil
}
