package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// Results of one record of a sync batch.
const (
	SyncCreated   = "created"
	SyncUpdated   = "updated"
	SyncUnchanged = "unchanged"
	SyncRestored  = "restored" // an archived record that came back
	SyncArchived  = "archived" // absent from a full snapshot
	SyncRejected  = "rejected"
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
	// DetectDuplicates looks for the same place in other sources for each
	// actor created or changed, and links the pairs found.
	DetectDuplicates bool
	// RefusedActors and RefusedServices reject records by position for
	// reasons the caller checked (rights, the record's own source). Like
	// other rejected records, they are not written, and a snapshot does not
	// archive them either.
	RefusedActors, RefusedServices map[int]FieldError
}

// SyncService is a service of a sync batch. Its actor is named by the
// partner's own id (ActorSourceID, an actor of the same source) or by
// ActorID.
type SyncService struct {
	Service
	ActorSourceID string
}

// SyncOutcome is what happened to one record.
type SyncOutcome struct {
	Index    int // position in the batch, from 0; -1 for archived absentees
	Entity   string
	SourceID string
	ID       string // "" when rejected before it had one
	Result   string
	Errors   []FieldError
}

// SyncResult sums up a batch.
type SyncResult struct {
	Outcomes []SyncOutcome
	Counts   map[string]int
	DryRun   bool
	// Duplicates is the number of possible-duplicate links created.
	Duplicates int
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
	r.Duplicates += o.Duplicates
}

var errDryRun = errors.New("dry run: roll back")

// SyncBatch upserts a partner's records in one transaction, keyed by their
// source_id within source: each record is created, updated, restored (it was
// archived) or left unchanged when its fingerprint equals the stored one, so
// that replaying a batch changes nothing, not even updated_at. A record that
// cannot be stored is rejected with its reasons and the others go on.
// Actors are written before services, so a batch can bring both.
func (s *Store) SyncBatch(ctx context.Context, source string, actors []Actor, services []SyncService, opt SyncOptions) (*SyncResult, error) {
	var fe FieldErrors
	checkSource(&fe, source, "")
	if source == "" {
		fe.Add("source", "is required")
	}
	if err := fe.Err("The source is invalid."); err != nil {
		return nil, err
	}
	return s.syncWrite(ctx, opt, func(tx *gorm.DB, res *SyncResult) error {
		keep := syncKeys{actors: map[string]bool{}, services: map[string]bool{}}
		if err := s.syncActors(tx, source, actors, opt, res, keep.actors); err != nil {
			return err
		}
		// The actors just written need no lookup when services name them.
		known := map[string]string{}
		for _, o := range res.Outcomes {
			if o.Entity == EntityActor && o.ID != "" && o.Result != SyncRejected {
				known[o.SourceID] = o.ID
			}
		}
		if err := s.syncServices(tx, source, services, opt, res, keep.services, known); err != nil {
			return err
		}
		if opt.Snapshot {
			// A snapshot covers the kinds the caller sent, even as an empty
			// list (which the guard refuses unless mass archiving is allowed).
			return s.archiveAbsent(tx, source, keep, actors != nil, services != nil, opt.AllowMassArchive, res)
		}
		return nil
	})
}

// syncWrite runs fn in one write transaction marked with the sync channel,
// and rolls it back after a dry run, keeping the result.
func (s *Store) syncWrite(ctx context.Context, opt SyncOptions, fn func(tx *gorm.DB, res *SyncResult) error) (*SyncResult, error) {
	ctx = WithChannel(ctx, ChannelSync)
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

type syncKeys struct{ actors, services map[string]bool }

// existingKey is what a sync needs to know about a stored record to decide.
type existingKey struct {
	ID          string
	SourceID    string
	Fingerprint string
	Archived    bool
}

func loadKeys(tx *gorm.DB, table, source string, ids []string) (map[string]existingKey, error) {
	out := make(map[string]existingKey, len(ids))
	for chunk := range slices.Chunk(ids, 500) {
		var rows []existingKey
		err := tx.Table(table).Select("id", "source_id", "fingerprint", "archived_at IS NOT NULL AS archived").
			Where("source = ? AND source_id <> '' AND source_id IN ?", source, chunk).Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.SourceID] = r
		}
	}
	return out, nil
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

func (s *Store) syncActors(tx *gorm.DB, source string, actors []Actor, opt SyncOptions, res *SyncResult, keep map[string]bool) error {
	ids := make([]string, 0, len(actors))
	for i := range actors {
		// The key is all a lookup needs; the full Normalize (phones are
		// costly) runs once, below, for records that exist, and in
		// insertActor for new ones.
		actors[i].Source, actors[i].SourceID = source, strings.TrimSpace(actors[i].SourceID)
		ids = append(ids, actors[i].SourceID)
	}
	existing, err := loadKeys(tx, "actors", source, ids)
	if err != nil {
		return err
	}
	// The first source of a directory has nothing to compare with: one
	// query, on the first record written, spares one per record.
	detect, checked := opt.DetectDuplicates, false
	otherSources := func() (bool, error) {
		if !checked {
			// Two range searches of actors_live_source; an OR would
			// scan the index.
			var other bool
			err := tx.Raw("SELECT EXISTS (SELECT 1 FROM actors WHERE archived_at IS NULL AND source < ?) OR EXISTS (SELECT 1 FROM actors WHERE archived_at IS NULL AND source > ?)", source, source).Scan(&other).Error
			if err != nil {
				return false, err
			}
			detect, checked = other, true
		}
		return detect, nil
	}
	for i := range actors {
		a := &actors[i]
		o := SyncOutcome{Index: i, Entity: EntityActor, SourceID: a.SourceID}
		switch {
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
		ex, found := existing[a.SourceID]
		var err error
		if fe, refused := opt.RefusedActors[i]; refused {
			o.ID, o.Result, o.Errors = ex.ID, SyncRejected, []FieldError{fe}
			if !found {
				delete(keep, a.SourceID)
			}
			res.add(o)
			continue
		}
		if found {
			a.Normalize()
		}
		switch {
		case found && !ex.Archived && ex.Fingerprint == a.ContentFingerprint():
			o.ID, o.Result = ex.ID, SyncUnchanged
		case found:
			var before Actor
			if err := tx.Take(&before, "id = ?", ex.ID).Error; err != nil {
				return err
			}
			err = s.saveActor(tx, &before, a)
			o.ID, o.Result = ex.ID, SyncUpdated
			if ex.Archived {
				o.Result = SyncRestored
			}
		default:
			err = s.insertActor(tx, a)
			o.ID, o.Result = a.ID, SyncCreated
		}
		if err := settle(&o, err, ex, found, keep); err != nil {
			return err
		}
		if detect && o.Result != SyncUnchanged && o.Result != SyncRejected {
			others, err := otherSources()
			if err != nil {
				return err
			}
			if others {
				n, err := s.linkDuplicates(tx, a)
				if err != nil {
					return err
				}
				res.Duplicates += n
			}
		}
		res.add(o)
	}
	return nil
}

func (s *Store) syncServices(tx *gorm.DB, source string, services []SyncService, opt SyncOptions, res *SyncResult, keep map[string]bool, actorIDs map[string]string) error {
	ids := make([]string, 0, len(services))
	for i := range services {
		services[i].Source = source
		services[i].Normalize()
		ids = append(ids, services[i].SourceID)
	}
	existing, err := loadKeys(tx, "services", source, ids)
	if err != nil {
		return err
	}
	for i := range services {
		sv := &services[i]
		o := SyncOutcome{Index: i, Entity: EntityService, SourceID: sv.SourceID}
		reject := func(field, reason string) {
			o.Result, o.Errors = SyncRejected, []FieldError{{Field: field, Reason: reason}}
			res.add(o)
		}
		switch {
		case sv.SourceID == "":
			reject("source_id", "is required: it is the record's key in its source")
			continue
		case keep[sv.SourceID]:
			reject("source_id", "appears twice in the batch")
			continue
		}
		if fe, refused := opt.RefusedServices[i]; refused {
			if ex, found := existing[sv.SourceID]; found {
				keep[sv.SourceID], o.ID = true, ex.ID
			}
			reject(fe.Field, fe.Reason)
			continue
		}
		if err := resolveSyncActor(tx, source, sv, actorIDs); err != nil {
			fields, ok := rejection(err)
			if !ok {
				return err
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
		case found:
			var before Service
			if err := tx.Take(&before, "id = ?", ex.ID).Error; err != nil {
				return err
			}
			if before.ActorID != sv.ActorID {
				// The API refuses it too: a service moving to another
				// place is a new service there.
				err = &Error{Code: EINVALID, Message: "The service is invalid.", Fields: []FieldError{{Field: "actor_source_id",
					Reason: "a service cannot move to another actor; archive it and send the new one with another source_id"}}}
				o.ID = ex.ID
				break
			}
			err = s.saveService(tx, &before, &sv.Service)
			o.ID, o.Result = ex.ID, SyncUpdated
			if ex.Archived {
				o.Result = SyncRestored
			}
		default:
			err = s.insertService(tx, &sv.Service)
			o.ID, o.Result = sv.ID, SyncCreated
		}
		if err := settle(&o, err, ex, found, keep); err != nil {
			return err
		}
		res.add(o)
	}
	return nil
}

// resolveSyncActor sets sv.ActorID from ActorSourceID, and checks that the
// actor belongs to the same source: a partner files services under its own
// places only.
func resolveSyncActor(tx *gorm.DB, source string, sv *SyncService, cache map[string]string) error {
	bad := func(field, reason string) error {
		return &Error{Code: EINVALID, Message: "The service is invalid.", Fields: []FieldError{{Field: field, Reason: reason}}}
	}
	if sv.ActorSourceID != "" {
		if id, ok := cache[sv.ActorSourceID]; ok {
			sv.ActorID = id
			return nil
		}
		var row struct{ ID string }
		err := tx.Model(&Actor{}).Select("id").Where("source = ? AND source_id <> '' AND source_id = ? AND archived_at IS NULL", source, sv.ActorSourceID).Take(&row).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return bad("actor_source_id", fmt.Sprintf("no active actor of the source %s has this source_id", source))
		}
		if err != nil {
			return err
		}
		cache[sv.ActorSourceID], sv.ActorID = row.ID, row.ID
		return nil
	}
	if !ValidID(sv.ActorID) {
		return bad("actor_source_id", "is required (or actor_id): the actor the service belongs to")
	}
	var row struct{ Source string }
	err := tx.Model(&Actor{}).Select("source").Where("id = ? AND archived_at IS NULL", sv.ActorID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && row.Source != source) {
		return bad("actor_id", fmt.Sprintf("no active actor of the source %s has this id", source))
	}
	return err
}

// archiveAbsent archives the source's live records whose key is not in
// keep, for the kinds the snapshot carried.
func (s *Store) archiveAbsent(tx *gorm.DB, source string, keep syncKeys, actorsToo, servicesToo, allowMass bool, res *SyncResult) error {
	type row struct{ ID, SourceID string }
	absent := func(table string, keepSet map[string]bool) (gone []row, live int, err error) {
		var rows []row
		err = tx.Table(table).Select("id", "source_id").Where("source = ? AND source_id <> '' AND archived_at IS NULL", source).Scan(&rows).Error
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
		if err := tx.Take(&a, "id = ?", r.ID).Error; err != nil {
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
		if err := tx.Take(&sv, "id = ?", r.ID).Error; err != nil {
			return err
		}
		if sv.IsArchived() { // archived with its actor just above
			continue
		}
		if err := s.archiveService(tx, &sv); err != nil {
			return err
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
		return s.archiveAbsent(tx, source, syncKeys{actors: actorKeys, services: serviceKeys}, true, true, opt.AllowMassArchive, res)
	})
}
