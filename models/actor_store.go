package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// ActorFilter selects actors in ListActors. Within a field, values are
// alternatives ("any of"); across fields, every condition must hold.
type ActorFilter struct {
	Name               string // case-insensitive substring of the name
	Communes           []string
	PostalCodes        []string
	InseeCodes         []string
	Departements       []string
	Typologies         []string
	NationalProgrammes []string
	TrainingLabels     []string
	Mobility           []string
	Statuses           []string
	Sources            []string
	ParentID           string
	UpdatedSince       *time.Time
	IncludeArchived    bool
	// ExcludeDuplicates hides the newer actor of each possible duplicate
	// pair not dismissed that exists for Viewer (see DuplicateLink and
	// DuplicateLink.VisibleTo).
	ExcludeDuplicates bool
	// Viewer is the caller, for ExcludeDuplicates; nil is anonymous.
	Viewer *Principal
	// QualityMin keeps actors whose quality score, as of today, is at
	// least this (see QualityOf).
	QualityMin *float64
	// Stale keeps actors not checked for StaleAfter months (true) or
	// checked since (false).
	Stale *bool
	ListParams
}

const maxParentDepth = 8 // networks of networks exist; deeper is a data error

// CreateActor validates a and inserts it with a new id.
func (s *Store) CreateActor(ctx context.Context, a *Actor) error {
	// The checks that read nothing stored (normalisation, validation, the
	// address against the commune reference) run before the write waits
	// for the single writer, not while it holds it.
	if err := s.strictActor(nil, a); err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := s.insertActor(tx, a); err != nil {
			return err
		}
		return bindIdempotency(tx, EntityActor, a.ID)
	})
}

// insertActor validates a and inserts it with a new id inside tx.
func (s *Store) insertActor(tx *gorm.DB, a *Actor) error {
	if err := s.prepareActor(tx, a, nil); err != nil {
		return err
	}
	return s.createActors(tx, []*Actor{a})
}

// prepareActor gives a new actor its id and bookkeeping, normalises and
// validates it, and checks its references, without writing it: bulk
// writers (sync, import) prepare each row of a batch, then create the valid
// ones together (createActors). Its quality is scored with offers, the
// services a sync batch creates with it (nil for none).
func (s *Store) prepareActor(tx *gorm.DB, a *Actor, offers []qualityService) error {
	now := s.now()
	a.ID = NewID()
	a.CreatedAt, a.UpdatedAt, a.ArchivedAt, a.Version = now, now, nil, 1
	a.PublicVersion, a.PublicUpdatedAt = 1, now
	a.scheduleClosure(nil, now)
	if err := a.validate(); err != nil {
		return err
	}
	if err := CheckProducerDate(nil, a, now); err != nil {
		return err
	}
	if err := lockSourceKey(tx, a.Source, a.SourceID, "", ""); err != nil {
		return err
	}
	if err := s.checkActorRefs(tx, a); err != nil {
		return err
	}
	if err := s.authorizeActor(tx, nil, a); err != nil {
		return err
	}
	a.Fingerprint = a.fingerprint()
	a.CheckedOn, a.CheckedOnUndated = s.checkedOn(tx.Statement.Context, a.ProducerUpdatedOn)
	if !bulkWrite(tx.Statement.Context) {
		a.SourceHash = ""
	}
	a.Quality, a.QualityMissing = scoreQuality(a, offers)
	return nil
}

// GetActor returns the actor with id, archived or not; ENOTFOUND if none.
func (s *Store) GetActor(ctx context.Context, id string) (*Actor, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No actor has the id %q.", clip(id))
	}
	var a Actor
	err := s.read(ctx).Take(&a, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No actor has the id %q.", id)
	}
	if err != nil {
		return nil, dbError(err)
	}
	return &a, nil
}

// UpdateActor loads the actor in a write transaction, checks pre (the zero
// Precondition checks nothing), lets apply change it, then validates and saves it with
// the next version. Running apply inside the transaction means a PATCH is
// merged into the current state, never into a copy another writer replaced.
func (s *Store) UpdateActor(ctx context.Context, id string, pre Precondition, apply func(*Actor) error) (*Actor, error) {
	var out Actor
	err := s.write(ctx, func(tx *gorm.DB) error {
		a, err := lockActor(tx, id, pre)
		if err != nil {
			return err
		}
		before := *a
		if err := apply(a); err != nil {
			return err
		}
		if err := s.strictActor(&before, a); err != nil {
			return err
		}
		if err := s.saveActor(tx, &before, a); err != nil {
			return err
		}
		out = *a
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// saveActor validates a, the changed state of before (as loaded by
// lockActor), and writes it as the next version inside tx.
func (s *Store) saveActor(tx *gorm.DB, before, a *Actor) error {
	// Identity and bookkeeping are not the caller's to change.
	a.ID, a.CreatedAt, a.ArchivedAt = before.ID, before.CreatedAt, nil
	cancelClosure(before, a)
	a.scheduleClosure(before, s.now())
	a.Normalize()
	if err := a.validateChange(before); err != nil {
		return err
	}
	if err := CheckProducerDate(before, a, s.now()); err != nil {
		return err
	}
	if err := lockSourceKey(tx, a.Source, a.SourceID, before.Source, before.SourceID); err != nil {
		return err
	}
	if err := s.checkActorRefs(tx, a); err != nil {
		return err
	}
	if err := s.authorizeActor(tx, before, a); err != nil {
		return err
	}
	a.UpdatedAt, a.Version = s.now(), before.Version+1
	a.Fingerprint = a.ContentFingerprint()
	if PrivateOnly(before, a) {
		// Nothing public moved: the public version, time and the day the
		// record was last checked stay, so that no public surface tells
		// that a hidden contact changed.
		a.PublicVersion, a.PublicUpdatedAt, a.CheckedOn = before.PublicVersion, before.PublicUpdatedAt, before.CheckedOn
		a.CheckedOnUndated = before.CheckedOnUndated
	} else {
		a.PublicVersion, a.PublicUpdatedAt = before.PublicVersion+1, a.UpdatedAt
		a.CheckedOn, a.CheckedOnUndated = s.checkedOn(tx.Statement.Context, a.ProducerUpdatedOn)
		if a.keptSince != "" && !before.CheckedOnUndated && (before.CheckedOn > a.CheckedOn || a.CheckedOnUndated) {
			// A row older than a person's change it keeps (carnetCheck):
			// the record still holds that person's value, known true on
			// the day it was checked in Carnet, so checked_on does not go
			// back to the row's older date (checked_by stays carnet; the
			// producer's own date is kept as producer_updated_on). Nor
			// does it turn undated: a row dated in the future keeps a
			// person's change as one dated before it (carnetCheck).
			a.CheckedOn, a.CheckedOnUndated = before.CheckedOn, false
		}
	}
	if !bulkWrite(tx.Statement.Context) {
		a.SourceHash = "" // no longer what an import made of a row
	}
	services, err := qualityServices(tx, a.ID)
	if err != nil {
		return err
	}
	a.Quality, a.QualityMissing = scoreQuality(a, services)
	if err := updateRow(tx, before, a, "created_at"); err != nil {
		return sourceConflict(err, "actors.source, actors.source_id")
	}
	if err := recordChange(tx, restoring(changeOf(EntityActor, ChangeUpdate, before, a), before.IsArchived())); err != nil {
		return err
	}
	return s.servicesFollow(tx, before, a)
}

// ArchiveActor marks the actor deleted (a tombstone that change feeds report)
// and archives its services with it. An actor that still heads active child
// actors is not archived: the children would point to a tombstone.
func (s *Store) ArchiveActor(ctx context.Context, id string, pre Precondition) (*Actor, error) {
	var out Actor
	err := s.write(ctx, func(tx *gorm.DB) error {
		a, err := lockActor(tx, id, pre)
		if err != nil {
			return err
		}
		var children int64
		if err := tx.Model(&Actor{}).Where("parent_id = ? AND archived_at IS NULL", id).Count(&children).Error; err != nil {
			return err
		}
		if children > 0 {
			return Errorf(ECONFLICT, "This actor heads %d active child actors; archive them or change their parent_id first.", children)
		}
		if err := s.archiveActor(tx, a); err != nil {
			return err
		}
		out = *a
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// archiveActor archives a (locked, with no active children) and its
// services inside tx.
func (s *Store) archiveActor(tx *gorm.DB, a *Actor) error {
	before := *a
	now := s.now()
	a.ArchivedAt, a.UpdatedAt, a.Version = &now, now, a.Version+1
	a.PublicVersion, a.PublicUpdatedAt = a.PublicVersion+1, now
	if err := tx.Model(a).Select("archived_at", "updated_at", "version", "public_version", "public_updated_at").Updates(a).Error; err != nil {
		return err
	}
	if err := recordChange(tx, changeOf(EntityActor, ChangeArchive, &before, a)); err != nil {
		return err
	}
	var services []Service
	if err := forUpdate(tx).Where("actor_id = ? AND archived_at IS NULL", a.ID).Find(&services).Error; err != nil {
		return err
	}
	for i := range services {
		if err := s.archiveService(tx, &services[i]); err != nil {
			return err
		}
	}
	return s.tellSendersOfArchived(tx, a)
}

// ListActors returns one page of actors matching f.
func (s *Store) ListActors(ctx context.Context, f ActorFilter) (Page[Actor], error) {
	now := s.now()
	if f.Viewer.IsAdmin() {
		return listPage(s, ctx, "actors", f.ListParams, func(q *gorm.DB) *gorm.DB { return actorFilter(q, f, now) }, nil,
			func(a *Actor) (string, string, time.Time) { return a.ID, a.NameKey, a.UpdatedAt })
	}
	// sort=updated_at orders by the time every reader is shown (the public
	// one): an order by the full time moved an actor whose hidden contacts
	// alone changed to the end of an anonymous reader's list.
	f.ListParams.updatedAt = "public_updated_at"
	return listPage(s, ctx, "actors", f.ListParams, func(q *gorm.DB) *gorm.DB { return actorFilter(q, f, now) }, nil,
		func(a *Actor) (string, string, time.Time) { return a.ID, a.NameKey, a.PublicUpdatedAt })
}

func actorFilter(q *gorm.DB, f ActorFilter, now time.Time) *gorm.DB {
	if !f.IncludeArchived {
		q = q.Where("actors.archived_at IS NULL")
	}
	if f.Name != "" {
		q = nameContains(q, "actors", f.Name)
	}
	if len(f.Communes) > 0 {
		q = q.Where("lower(actors.commune) IN ?", lowerAll(f.Communes))
	}
	if len(f.PostalCodes) > 0 {
		q = q.Where("actors.postal_code IN ?", f.PostalCodes)
	}
	if len(f.InseeCodes) > 0 {
		q = q.Where("actors.insee_code IN ?", f.InseeCodes)
	}
	if len(f.Departements) > 0 {
		q = q.Where("actors.departement IN ?", f.Departements)
	}
	q = anyOf(q, "actors.typologies", f.Typologies)
	q = anyOf(q, "actors.national_programmes", f.NationalProgrammes)
	q = anyOf(q, "actors.training_labels", f.TrainingLabels)
	q = anyOf(q, "actors.mobility", f.Mobility)
	if len(f.Statuses) > 0 {
		// The status of today: a temporary closure counts between its dates.
		expr, args := effectiveStatusSQL(now)
		q = q.Where("("+expr+") IN ?", append(args, f.Statuses)...)
	}
	if len(f.Sources) > 0 {
		q = q.Where("actors.source IN ?", f.Sources)
	}
	if f.ParentID != "" {
		q = q.Where("actors.parent_id = ?", f.ParentID)
	}
	if f.UpdatedSince != nil {
		// The time the caller is shown: the public one for actors whose
		// private contacts it may not see (models.Actor.PublicUpdatedAt).
		if f.Viewer.IsAdmin() {
			q = q.Where("actors.updated_at >= ?", f.UpdatedSince.UTC())
		} else {
			cond, args := contactsVisibleTo(f.Viewer, "actors.id")
			q = q.Where("(CASE WHEN "+cond+" THEN actors.updated_at ELSE actors.public_updated_at END) >= ?", append(args, f.UpdatedSince.UTC())...)
		}
	}
	if f.ExcludeDuplicates {
		cond, args := notADuplicate("actors.id", f.Viewer)
		q = q.Where(cond, args...)
	}
	if f.QualityMin != nil {
		// The stored score lacks freshness, which depends on the day.
		// An undated record is never fresh (see QualityOf).
		q = q.Where("actors.quality + CASE WHEN actors.checked_on >= ? AND actors.checked_on_undated = ? THEN ? ELSE 0.0 END >= ?",
			staleCutoff(now), false, freshWeight(), *f.QualityMin-0.0001)
	}
	if f.Stale != nil {
		if *f.Stale {
			q = q.Where("(actors.checked_on < ? OR actors.checked_on_undated = ?)", staleCutoff(now), true)
		} else {
			q = q.Where("actors.checked_on >= ? AND actors.checked_on_undated = ?", staleCutoff(now), false)
		}
	}
	return q
}

// StaleFilter selects the records a coordinator should check again.
type StaleFilter struct {
	// Territory restricts the list to a coordinator's territory; nil for
	// administrators (everywhere).
	Territory    *Territory
	Departements []string
	InseeCodes   []string
	// Months since the last check (default StaleAfter).
	Months int
	ListParams
}

// ListStale returns one page of the live actors, not permanently closed,
// that were not checked for f.Months months: neither their producer's date
// nor a change in Carnet is that recent. Undated ones (CheckedOnUndated:
// stored by a sync or an import without a producer's date) are listed
// whatever f.Months: their checked_on is only the day Carnet stored them,
// nobody is known to have checked them, and QualityOf counts them stale;
// selected on checked_on alone, they were stale everywhere but in the list
// coordinators work from.
func (s *Store) ListStale(ctx context.Context, f StaleFilter) (Page[Actor], error) {
	if f.Months <= 0 {
		f.Months = StaleAfter
	}
	cutoff := MonthsCutoff(s.now(), f.Months)
	f.Sort = SortID
	filter := func(q *gorm.DB) *gorm.DB {
		q = q.Where("actors.archived_at IS NULL AND actors.status <> ? AND (actors.checked_on < ? OR actors.checked_on_undated = ?)", vocab.ActorClosed, cutoff, true)
		// The exports' rule: the newer record of a confirmed pair is
		// served as its older one, which the list keeps; a coordinator
		// was asked to check a record the public directory no longer shows.
		dup, args := notAConfirmedDuplicate("actors.id")
		q = q.Where(dup, args...)
		if t := f.Territory; t != nil {
			// CommuneCodes, as Territory.Covers for writes: places of a
			// city are filed under its arrondissements (13201…13216), so its
			// own code alone (13055) matched none of them.
			switch codes := t.CommuneCodes(); {
			case len(t.Departements) > 0 && len(codes) > 0:
				q = q.Where("(actors.departement IN ? OR actors.insee_code IN ?)", t.Departements, codes)
			case len(t.Departements) > 0:
				q = q.Where("actors.departement IN ?", t.Departements)
			case len(codes) > 0:
				q = q.Where("actors.insee_code IN ?", codes)
			default:
				q = q.Where("1 = 0")
			}
		}
		if len(f.Departements) > 0 {
			q = q.Where("actors.departement IN ?", f.Departements)
		}
		if len(f.InseeCodes) > 0 {
			q = q.Where("actors.insee_code IN ?", f.InseeCodes)
		}
		return q
	}
	return listPage(s, ctx, "actors", f.ListParams, filter, nil,
		func(a *Actor) (string, string, time.Time) { return a.ID, a.NameKey, a.UpdatedAt })
}

// lockActor loads an actor for change inside a write transaction and locks
// it until commit (SQLite's write transactions hold the whole database
// already): nobody else changes it, its team or its services meanwhile.
func lockActor(tx *gorm.DB, id string, pre Precondition) (*Actor, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No actor has the id %q.", clip(id))
	}
	var a Actor
	err := forUpdate(tx).Take(&a, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No actor has the id %q.", id)
	}
	if err != nil {
		return nil, err
	}
	if a.IsArchived() {
		return nil, Errorf(EGONE, "The actor %s was archived on %s.", id, a.ArchivedAt.Format(time.RFC3339))
	}
	if err := pre.CheckPublic("actor", a.Version, a.PublicVersion); err != nil {
		return nil, err
	}
	return &a, nil
}

// checkActorRefs checks the rules that need the database: the parent exists,
// is active and does not make a cycle.
func (s *Store) checkActorRefs(tx *gorm.DB, a *Actor) error {
	if a.ParentID == nil {
		return nil
	}
	seen := map[string]bool{a.ID: true}
	next := *a.ParentID
	for depth := 0; next != ""; depth++ {
		if seen[next] {
			return &Error{Code: EINVALID, Message: "The actor is invalid.", Fields: []FieldError{{Field: "parent_id", Reason: "would make a cycle of parents"}}}
		}
		if depth >= maxParentDepth {
			return &Error{Code: EINVALID, Message: "The actor is invalid.", Fields: []FieldError{{Field: "parent_id", Reason: "networks may nest at most 8 levels deep"}}}
		}
		seen[next] = true
		var p struct {
			ParentID   *string
			ArchivedAt *time.Time
		}
		// Shared locks: the parents cannot be archived, nor their own
		// parents changed, until this write commits.
		res := forShare(tx).Model(&Actor{}).Select("parent_id", "archived_at").Where("id = ?", next).Take(&p)
		if errors.Is(res.Error, gorm.ErrRecordNotFound) || (res.Error == nil && p.ArchivedAt != nil && next == *a.ParentID) {
			return &Error{Code: EINVALID, Message: "The actor is invalid.", Fields: []FieldError{{Field: "parent_id", Reason: "no active actor has this id"}}}
		}
		if res.Error != nil {
			return res.Error
		}
		next = ""
		if p.ParentID != nil {
			next = *p.ParentID
		}
	}
	return nil
}

// ProducerDateFloor is the first day a producer's date can be: an earlier
// one is a placeholder. The standard dates from 2021 and the places it
// describes from the late 1990s at the earliest (the first public internet
// access points); every earlier date seen in files is the zero date of
// some tool (0001-01-01, 1899-12-30, 1900-01-01, 1970-01-01, 1969-12-31),
// and a floor catches those not yet seen. One constant for every path: an
// import reads such a date_maj as no date (opendata), the API refuses it
// (CheckProducerDate).
const ProducerDateFloor = "2000-01-01"

// CheckProducerDate refuses a producer's date after the latest day
// (AppendLatestProducerDate) or before ProducerDateFloor, on every write of an actor (create, PUT, PATCH,
// accepted suggestion, sync, import; a restore, which sends no date, reads
// an archived placeholder as no date: dropPlaceholderDate): it is the day the producer
// last checked the record, which cannot have come yet, nor be a tool's
// zero date. An import drops such a date_maj with a warning (a file's row
// is read as the producer wrote it, with a report); a client of the API
// is told, so that it sends no date rather than a placeholder taken for a
// check (the place would otherwise be « checked in 1970 » through the API
// and undated through an import). A record keeps a date it already has
// (written before these rules) when other fields change.
func CheckProducerDate(before, a *Actor, now time.Time) error {
	d := a.ProducerUpdatedOn
	if d == "" || before != nil && before.ProducerUpdatedOn == d {
		return nil
	}
	if d < ProducerDateFloor {
		return &Error{Code: EINVALID, Message: "The actor is invalid.", Fields: []FieldError{{Field: "producer_updated_on", Value: d,
			Reason: "is before " + ProducerDateFloor + ": a placeholder (the zero date of a program or spreadsheet), not a day someone checked the place; leave it out (or null) when the producer has no date"}}}
	}
	// Written on the stack: a string of it a created actor was 100,000
	// allocations of a 100,000-place first import (issue 11, item 6).
	var buf [len(time.DateOnly)]byte
	if latest := AppendLatestProducerDate(buf[:0], now); d > string(latest) {
		return &Error{Code: EINVALID, Message: "The actor is invalid.", Fields: []FieldError{{Field: "producer_updated_on", Value: d,
			Reason: "is in the future: it is the day the producer last checked the record, at the latest the day after today in UTC (" + string(latest) + ")"}}}
	}
	return nil
}

// AppendLatestProducerDate appends the last day a producer's date may be
// at now: the day after today in UTC. A place's own day is at most that
// (France's zones run from UTC−10 to UTC+12), and so is the day of a
// producer whose tool's clock is a zone east of the server's. One rule for
// the store (CheckProducerDate) and an import's reading of date_maj
// (opendata), whatever the zone of the process: the reader drops a later
// date with a warning, so the store never refuses a row the reader kept
// (the reader judged by the process's zone and the store by the place's,
// and a row dated the place's today east of the server was refused
// whole).
func AppendLatestProducerDate(b []byte, now time.Time) []byte {
	return now.UTC().AddDate(0, 0, 1).AppendFormat(b, time.DateOnly)
}

// dropPlaceholderDate reads a stored producer's date before
// ProducerDateFloor as an import reads such a date_maj: no date; a
// checked_on taken from it becomes today, the day the record is stored
// again, marked undated (CheckedOnUndated: never fresh). Migration 00098
// read the rows stored before the floor so; an actor archived with such a
// date is read so when it is restored (RestoreActor), rather than come back
// « checked in 1969 ». It reports whether it changed a.
func dropPlaceholderDate(a *Actor, today string) bool {
	changed := false
	if a.ProducerUpdatedOn != "" && a.ProducerUpdatedOn < ProducerDateFloor {
		a.ProducerUpdatedOn, changed = "", true
	}
	if a.CheckedOn != "" && a.CheckedOn < ProducerDateFloor {
		a.CheckedOn, a.CheckedOnUndated, changed = today, true, true
	}
	return changed
}

// sourceConflict explains a duplicate partner key; other errors pass.
func sourceConflict(err error, columns string) error {
	if isUniqueOn(err, columns) {
		return &Error{Code: ECONFLICT, Message: "Another record of this source already has this source_id.",
			Fields: []FieldError{{Field: "source_id", Reason: "is already used by another record of the same source"}}, Err: err}
	}
	return err
}

func lowerAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = strings.ToLower(s)
	}
	return out
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
