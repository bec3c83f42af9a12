package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// ServiceFilter selects services in ListServices. Within a field, values are
// alternatives ("any of"); across fields, every condition must hold.
type ServiceFilter struct {
	Name               string
	ActorIDs           []string
	Kinds              []string
	Themes             []string
	Publics            []string
	SpecificSupport    []string
	Fees               []string
	AccessModes        []string
	AccompanimentModes []string
	Languages          []string
	PassNumerique      *bool
	OnSite             *bool
	Remote             *bool
	IsFull             *bool
	Statuses           []string
	Sources            []string
	Communes           []string
	PostalCodes        []string
	InseeCodes         []string
	Departements       []string
	UpdatedSince       *time.Time
	IncludeArchived    bool
	// ExcludeDuplicates hides the services of actors that ListActors hides
	// with ExcludeDuplicates.
	ExcludeDuplicates bool
	// Viewer decides whether draft services are visible: anonymous readers
	// and other structures see published services only.
	Viewer *Principal
	ListParams
}

// CreateService validates sv and inserts it with a new id under an active actor.
func (s *Store) CreateService(ctx context.Context, sv *Service) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := strictService(nil, sv); err != nil {
			return err
		}
		if err := s.insertService(tx, sv); err != nil {
			return err
		}
		return bindIdempotency(tx, EntityService, sv.ID)
	})
}

// MaxServicesPerPlace bounds the services of one place that are not
// archived (drafts count: they are rows every write and read of the place
// carries). Real places offer a handful: the national standard's service
// vocabulary has 9 values and the largest place of the reference files
// lists 9 (PACA, 646 places) and 7 (Charente, 188); data·inclusion's
// thématiques are 69, so a place offering one service per thématique,
// several for some, still fits. Without a bound a partner synced 10,000
// services onto one place: a read of that place answered 21.7 MB, and
// archiving or restoring it held the writer 7 to 10 s (one change per
// service). 300 is 33 times the largest real place and keeps archiving or
// restoring a full place well under a second (BenchmarkArchiveFullPlace).
const MaxServicesPerPlace = 300

// serviceRoom counts, inside one write transaction, the services of each
// place that are not archived, with those the transaction is about to add
// (a sync batch inserts its new services together at its end), so that
// every path that adds a service to a place — creation, a sync batch or
// an import, restoring a service or a place — applies the same bound.
type serviceRoom map[string]int

// take reserves n more services on the place actorID, or refuses with
// ECONFLICT naming the place and the bound. The place is locked first (the
// order of every service write: its actor, then the service), so that two
// transactions adding to the same place count one after the other.
func (r serviceRoom) take(tx *gorm.DB, actorID string, n int) error {
	have, seen := r[actorID]
	if !seen {
		if err := lockActorRow(tx, actorID); err != nil {
			return err
		}
		var count int64
		if err := tx.Model(&Service{}).Where("actor_id = ? AND archived_at IS NULL", actorID).Count(&count).Error; err != nil {
			return err
		}
		have = int(count)
	}
	if have+n > MaxServicesPerPlace {
		r[actorID] = have
		var name []string
		if err := tx.Model(&Actor{}).Where("id = ?", actorID).Pluck("name", &name).Error; err != nil {
			return err
		}
		label := actorID
		if len(name) == 1 {
			label = fmt.Sprintf("« %s » (%s)", clip(name[0]), actorID)
		}
		reason := fmt.Sprintf("the place %s has %d services that are not archived, and a place may have at most %d: archive some of them first", label, have, MaxServicesPerPlace)
		return &Error{Code: ECONFLICT, Message: fmt.Sprintf("The place %s has reached its bound of %d services.", label, MaxServicesPerPlace),
			Fields: []FieldError{{Field: "actor_id", Reason: reason}}}
	}
	r[actorID] = have + n
	return nil
}

// give returns n services reserved by take that were not written after all.
func (r serviceRoom) give(actorID string, n int) {
	if have, seen := r[actorID]; seen {
		r[actorID] = max(have-n, 0)
	}
}

// insertService validates sv and inserts it with a new id inside tx.
func (s *Store) insertService(tx *gorm.DB, sv *Service) error {
	actor, err := s.prepareService(tx, sv, nil, false, serviceRoom{})
	if err != nil {
		return err
	}
	if err := s.createServices(tx, []*Service{sv}); err != nil {
		return err
	}
	sv.Actor = actor
	return s.refreshActorQuality(tx, sv.ActorID, sv.IsPublished())
}

// prepareService gives a new service its id and bookkeeping, normalises and
// validates it and checks that its actor is active, without writing it (see
// prepareActor). live lists actors known to be active, which need no
// lookup; the actor is returned when it was looked up. normalized says
// that PrepareSyncBatch normalised it and nothing but its actor id (an
// actor's id, as stored) was set since: a sync batch's services are
// normalised before the write transaction, not again on the writer.
func (s *Store) prepareService(tx *gorm.DB, sv *Service, live map[string]bool, normalized bool, room serviceRoom) (*Actor, error) {
	now := s.now()
	sv.ID = NewID()
	sv.CreatedAt, sv.UpdatedAt, sv.ArchivedAt, sv.Version = now, now, nil, 1
	sv.Actor = nil
	if !normalized {
		sv.Normalize()
	}
	sv.WasPublished = sv.IsPublished()
	validate, fingerprint := sv.Validate, sv.ContentFingerprint
	if normalized {
		validate, fingerprint = sv.validatePrepared, sv.fingerprintPrepared
	}
	if err := validate(); err != nil {
		return nil, err
	}
	if sv.Status == vocab.ServiceArchived {
		return nil, &Error{Code: EINVALID, Message: "The service is invalid.", Fields: []FieldError{{Field: "status", Reason: "a new service cannot be archived; use draft or published"}}}
	}
	if err := lockSourceKey(tx, sv.Source, sv.SourceID, "", ""); err != nil {
		return nil, err
	}
	var actor *Actor
	if !live[sv.ActorID] {
		var err error
		if actor, err = activeActor(tx, sv.ActorID); err != nil {
			return nil, err
		}
	}
	ref := actor
	if ref == nil {
		ref = &Actor{ID: sv.ActorID}
	}
	if err := closedUnlessDecided(tx, sv); err != nil {
		return nil, err
	}
	if err := s.authorizeService(tx, nil, sv, ref); err != nil {
		return nil, err
	}
	// Last, once the service is known to be valid and allowed: a refused
	// one takes no room.
	if err := room.take(tx, sv.ActorID, 1); err != nil {
		return nil, err
	}
	sv.Fingerprint = fingerprint()
	return actor, nil
}

// GetService returns the service with its actor, archived or not.
func (s *Store) GetService(ctx context.Context, id string) (*Service, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No service has the id %q.", clip(id))
	}
	var sv Service
	err := s.read(ctx).Preload("Actor").Take(&sv, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No service has the id %q.", id)
	}
	if err != nil {
		return nil, dbError(err)
	}
	return &sv, nil
}

// UpdateService works like UpdateActor. The actor of a service cannot change:
// a service moving to another structure is a new service there.
func (s *Store) UpdateService(ctx context.Context, id string, pre Precondition, apply func(*Service) error) (*Service, error) {
	var out Service
	err := s.write(ctx, func(tx *gorm.DB) error {
		sv, err := lockService(tx, id, pre)
		if err != nil {
			return err
		}
		before := *sv
		if err := apply(sv); err != nil {
			return err
		}
		if err := strictService(&before, sv); err != nil {
			return err
		}
		if err := s.saveService(tx, &before, sv); err != nil {
			return err
		}
		out = *sv
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// saveService validates sv, the changed state of before (as loaded by
// lockService), and writes it as the next version inside tx.
func (s *Store) saveService(tx *gorm.DB, before, sv *Service) error {
	sv.Normalize()
	sv.WasPublished = before.WasPublished || sv.IsPublished()
	if sv.ActorID != before.ActorID {
		return &Error{Code: EINVALID, Message: "The service is invalid.", Fields: []FieldError{{Field: "actor_id", Reason: "cannot change; create the service under the other actor and archive this one"}}}
	}
	sv.ID, sv.CreatedAt, sv.ArchivedAt = before.ID, before.CreatedAt, nil
	if err := sv.validateChange(before); err != nil {
		return err
	}
	if err := lockSourceKey(tx, sv.Source, sv.SourceID, before.Source, before.SourceID); err != nil {
		return err
	}
	actor, err := activeActor(tx, sv.ActorID)
	if err != nil {
		return err
	}
	if err := s.authorizeService(tx, before, sv, actor); err != nil {
		return err
	}
	if before.IsArchived() && sv.Status != vocab.ServiceArchived {
		// Saved out of the archive (a sync or an import naming it again):
		// it comes back to its place as a new one would.
		if err := (serviceRoom{}).take(tx, sv.ActorID, 1); err != nil {
			return err
		}
	}
	now := s.now()
	sv.UpdatedAt, sv.Version = now, before.Version+1
	op := ChangeUpdate
	if sv.Status == vocab.ServiceArchived {
		// Setting the status to archived is the same as DELETE.
		sv.ArchivedAt, op = &now, ChangeArchive
	}
	sv.Actor = nil
	sv.Fingerprint = sv.ContentFingerprint()
	if err := tx.Model(sv).Select("*").Omit("id", "created_at", "Actor").Updates(sv).Error; err != nil {
		return sourceConflict(err, "services.source, services.source_id")
	}
	sv.Actor = actor
	if err := recordChange(tx, restoring(changeOf(EntityService, op, before, sv), before.IsArchived() && op == ChangeUpdate)); err != nil {
		return err
	}
	return s.refreshActorQuality(tx, sv.ActorID, before.IsPublished() || sv.IsPublished())
}

// ArchiveService marks the service archived: a tombstone.
func (s *Store) ArchiveService(ctx context.Context, id string, pre Precondition) (*Service, error) {
	var out Service
	err := s.write(ctx, func(tx *gorm.DB) error {
		sv, err := lockService(tx, id, pre)
		if err != nil {
			return err
		}
		if err := s.archiveService(tx, sv); err != nil {
			return err
		}
		out = *sv
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *Store) archiveService(tx *gorm.DB, sv *Service) error {
	before := *sv
	now := s.now()
	sv.Status, sv.ArchivedAt, sv.UpdatedAt, sv.Version = vocab.ServiceArchived, &now, now, sv.Version+1
	if err := tx.Model(sv).Select("status", "archived_at", "updated_at", "version").Updates(sv).Error; err != nil {
		return err
	}
	if err := recordChange(tx, changeOf(EntityService, ChangeArchive, &before, sv)); err != nil {
		return err
	}
	return s.refreshActorQuality(tx, sv.ActorID, before.IsPublished())
}

// ListServices returns one page of services matching f, each with its actor.
func (s *Store) ListServices(ctx context.Context, f ServiceFilter) (Page[Service], error) {
	return listPage(s, ctx, "services", f.ListParams, func(q *gorm.DB) *gorm.DB { return serviceFilter(q, f) },
		func(q *gorm.DB) *gorm.DB { return q.Preload("Actor") },
		func(sv *Service) (string, string, time.Time) { return sv.ID, sv.NameKey, sv.UpdatedAt })
}

func serviceFilter(q *gorm.DB, f ServiceFilter) *gorm.DB {
	if !f.IncludeArchived {
		q = q.Where("services.archived_at IS NULL")
	}
	q = draftsVisibleTo(q, f.Viewer)
	if f.Name != "" {
		q = nameContains(q, "services", f.Name)
	}
	if len(f.ActorIDs) > 0 {
		q = q.Where("services.actor_id IN ?", f.ActorIDs)
	}
	if len(f.Kinds) > 0 {
		cond, args := kindCondition(dialectOf(q), f.Kinds)
		q = q.Where(cond, args...)
	}
	q = anyOf(q, "services.themes", f.Themes)
	q = anyOf(q, "services.publics", f.Publics)
	q = anyOf(q, "services.specific_support", f.SpecificSupport)
	q = anyOf(q, "services.fees", f.Fees)
	q = anyOf(q, "services.access_modes", f.AccessModes)
	q = anyOf(q, "services.accompaniment_modes", f.AccompanimentModes)
	q = anyOf(q, "services.languages", f.Languages)
	for _, b := range []struct {
		col string
		v   *bool
	}{{"services.pass_numerique", f.PassNumerique}, {"services.on_site", f.OnSite}, {"services.remote", f.Remote}, {"services.is_full", f.IsFull}} {
		if b.v != nil {
			q = q.Where(b.col+" = ?", *b.v)
		}
	}
	if len(f.Statuses) > 0 {
		q = q.Where("services.status IN ?", f.Statuses)
	}
	if len(f.Sources) > 0 {
		q = q.Where("services.source IN ?", f.Sources)
	}
	// Place filters match the service's own address, or its actor's when
	// the service has none (no postal code: an address always has one),
	// every one of them, départements included: the effective address of
	// search (models/search serviceDoc), the exports and HSDS. The
	// département filter read the actor's alone, so a service given in
	// Paris by a Marseille structure was under 13 for departement and under
	// 75001 for postal_code, and departement=75&commune=Paris lost it.
	place := func(actorCol, ownCol string, values []string) {
		if len(values) > 0 {
			q = q.Where("(services."+ownCol+" IN ? OR (services.location_postal_code = '' AND services.actor_id IN (SELECT id FROM actors WHERE actors."+actorCol+" IN ?)))", values, values)
		}
	}
	place("postal_code", "location_postal_code", f.PostalCodes)
	place("insee_code", "location_insee_code", f.InseeCodes)
	if len(f.Communes) > 0 {
		lower := lowerAll(f.Communes)
		q = q.Where("(lower(services.location_commune) IN ? OR (services.location_postal_code = '' AND services.actor_id IN (SELECT id FROM actors WHERE lower(actors.commune) IN ?)))", lower, lower)
	}
	if len(f.Departements) > 0 {
		q = q.Where("(CASE WHEN services.location_postal_code <> '' THEN "+serviceOwnDepartementSQL+
			" ELSE (SELECT actors.departement FROM actors WHERE actors.id = services.actor_id) END) IN ?", f.Departements)
	}
	if f.UpdatedSince != nil {
		// A service shows its actor's name and place: it changed when they
		// did, as HSDS modified_after reads it (PublicServiceFilter).
		t := f.UpdatedSince.UTC()
		q = q.Where("(services.updated_at >= ? OR services.actor_id IN (SELECT id FROM actors WHERE actors.public_updated_at >= ?))", t, t)
	}
	if f.ExcludeDuplicates {
		cond, args := notADuplicate("services.actor_id", f.Viewer)
		q = q.Where(cond, args...)
	}
	return q
}

// archivedWhilePublished selects, in SQL, the archived services whose last
// archiving found them published — statusBeforeArchive's rule, read from
// the same audit events. Every archiving path (a service, an actor with its
// services, a sync snapshot) records the status it replaced.
const archivedWhilePublished = `EXISTS (SELECT 1 FROM audit_events ae WHERE ae.entity = 'service' AND ae.entity_id = services.id AND ae.action = 'archive'` +
	` AND ae.changes LIKE '%"field":"status","old":"published"%'` +
	` AND ae.seq = (SELECT MAX(a2.seq) FROM audit_events a2 WHERE a2.entity = 'service' AND a2.entity_id = services.id AND a2.action = 'archive'))`

// draftsVisibleTo restricts q to published services plus the drafts the
// viewer may see: all for administrators; those of the structures it belongs
// to or manages (with their networks' members), of its coordinated
// territory, or of its partner sources.
func draftsVisibleTo(q *gorm.DB, v *Principal) *gorm.DB {
	if v.IsAdmin() {
		return q
	}
	// An archived service's status is archived: it is a draft still when
	// its last archiving found it one (what restoring reads back).
	cond := "services.status <> 'draft' AND (services.status <> 'archived' OR " + archivedWhilePublished + ")"
	more, args := unpublishedVisibleTo(v, "services.actor_id", "services.source")
	if more != "" {
		cond += " OR " + more
	}
	return q.Where("("+cond+")", args...)
}

// ServiceVisibleTo reports whether v may see the service id in its current
// state: published, or a draft (archived ones included) v may see. It asks
// draftsVisibleTo, the question the lists, the change feed and webhooks ask,
// so that a single read, a history, a write or a suggestion never shows a
// draft a list leaves out (nor hides one it shows): a partner sees the
// drafts whose own source is one of its sources, not every draft of an
// actor of its source (a manager's draft there has source "").
func (s *Store) ServiceVisibleTo(ctx context.Context, id string, v *Principal) (bool, error) {
	var n int64
	err := draftsVisibleTo(s.read(ctx).Model(&Service{}).Where("services.id = ?", id), v).Count(&n).Error
	return n > 0, dbError(err)
}

// visibleServiceIDs is draftsVisibleTo as a subquery of the ids of the
// services v may see, for tables that refer to services (suggestions).
func visibleServiceIDs(db *gorm.DB, v *Principal) *gorm.DB {
	return draftsVisibleTo(db.Session(&gorm.Session{NewDB: true}).Model(&Service{}).Select("services.id"), v)
}

// unpublishedVisibleTo is the SQL twin of Principal.CanSeeUnpublished for
// administrators aside: conditions joined by OR on an actor id column and
// its source column, "" when v sees no actor's unpublished records
// (anonymous).
func unpublishedVisibleTo(v *Principal, actorIDCol, sourceCol string) (string, []any) {
	if v.IsAnonymous() {
		return "", nil
	}
	var conds []string
	var args []any
	var member, managed []string
	for _, m := range v.Memberships {
		member = append(member, m.ActorID)
		if m.Role == RoleManager {
			managed = append(managed, m.ActorID)
		}
	}
	if len(member) > 0 {
		conds = append(conds, actorIDCol+" IN ?")
		args = append(args, member)
	}
	if len(managed) > 0 {
		conds = append(conds, actorIDCol+" IN (WITH RECURSIVE net(id) AS (SELECT id FROM actors WHERE parent_id IN ? UNION SELECT actors.id FROM actors JOIN net ON actors.parent_id = net.id) SELECT id FROM net)")
		args = append(args, managed)
	}
	if t := v.Coordinates; !t.IsZero() {
		conds = append(conds, actorIDCol+" IN (SELECT id FROM actors WHERE departement IN ? OR insee_code IN ?)")
		args = append(args, t.Departements, t.CommuneCodes())
	}
	if v.WritesSourceDrafts() && len(v.Sources) > 0 {
		conds = append(conds, sourceCol+" IN ?")
		args = append(args, v.Sources)
	}
	return strings.Join(conds, " OR "), args
}

// contactsVisibleTo is the SQL twin of Principal.MaySeeContacts on an
// actor id column: true for administrators, else the actor's contacts are
// public or v may see its unpublished records.
func contactsVisibleTo(v *Principal, actorIDCol string) (string, []any) {
	if v.IsAdmin() {
		return "1 = 1", nil
	}
	cond := "x.contact_public = ?"
	args := []any{true}
	if more, moreArgs := unpublishedVisibleTo(v, "x.id", "x.source"); more != "" {
		cond += " OR " + more
		args = append(args, moreArgs...)
	}
	return actorIDCol + " IN (SELECT x.id FROM actors x WHERE " + cond + ")", args
}

func lockService(tx *gorm.DB, id string, pre Precondition) (*Service, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No service has the id %q.", clip(id))
	}
	var sv Service
	err := lockServiceRow(tx, id, &sv)
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No service has the id %q.", id)
	}
	if err != nil {
		return nil, err
	}
	if sv.IsArchived() {
		return nil, Errorf(EGONE, "The service %s was archived on %s.", id, sv.ArchivedAt.Format(time.RFC3339))
	}
	if err := pre.Check("service", sv.Version); err != nil {
		return nil, err
	}
	return &sv, nil
}

// lockServiceRow loads the service id into sv for change and locks it until
// commit, its actor first (gorm.ErrRecordNotFound when there is none).
//
// The lock order of the directory's writes is the place, then its
// services: archiving or restoring a place locks it, then its services; a
// write of a service rescores its place (refreshActorQuality), so it locks
// the place for that update (lockActorRow, FOR NO KEY UPDATE), then the
// service. A service write that locked the service and then share-locked
// its place deadlocked with both: with the archiving of the place
// (opposite orders), and with another write of a service of the same place
// (two share locks, each waiting for the other to upgrade).
//
// The service's actor is read before it is locked: should it differ once
// the service is locked (a service moved meanwhile; no path moves one
// today), the new actor is locked too and the service read again. SQLite's
// single writer needs none of it: one read.
func lockServiceRow(tx *gorm.DB, id string, sv *Service) error {
	if !dialectOf(tx).rowLocks() {
		return forUpdate(tx).Take(sv, "id = ?", id).Error
	}
	var ref struct{ ActorID string }
	if err := tx.Model(&Service{}).Select("actor_id").Where("id = ?", id).Take(&ref).Error; err != nil {
		return err
	}
	locked := map[string]bool{}
	for {
		if err := lockActorRow(tx, ref.ActorID); err != nil {
			return err
		}
		locked[ref.ActorID] = true
		if err := forUpdate(tx).Take(sv, "id = ?", id).Error; err != nil {
			return err
		}
		if locked[sv.ActorID] {
			return nil
		}
		ref.ActorID = sv.ActorID
	}
}

// lockActorRow locks the actor id for the update its services' writes make
// (quality, checked_on), without reading it; an actor that is not there is
// no error (the caller finds out).
func lockActorRow(tx *gorm.DB, id string) error {
	var ids []string
	return forNoKeyUpdate(tx).Model(&Actor{}).Where("id = ?", id).Pluck("id", &ids).Error
}

// activeActor loads the actor a service belongs to; it must exist and not be
// archived. The actor is locked for the update of its score that every
// service write makes (see lockServiceRow): it cannot be archived before
// the service's write commits, and the writes of its services take turns.
func activeActor(tx *gorm.DB, id string) (*Actor, error) {
	var a Actor
	err := forNoKeyUpdate(tx).Take(&a, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && a.IsArchived()) {
		return nil, &Error{Code: EINVALID, Message: "The service is invalid.", Fields: []FieldError{{Field: "actor_id", Reason: "no active actor has this id"}}}
	}
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// serviceOwnDepartementSQL is Address.departement of a service's own
// address, in SQL (both engines): the INSEE code's département, else the
// postal code's, as ident.DepartementFromINSEE and
// ident.DepartementFromPostalCode read them (stored codes are valid ones).
// Services have no département column: the filter computes it, and
// TestServiceOwnDepartementSQL holds it to the Go functions on every code
// of the communes' reference.
var serviceOwnDepartementSQL = func() string {
	// prefix is ident.departementFromPrefix.
	prefix := func(col string) string {
		return "(CASE WHEN substr(" + col + ", 1, 2) IN ('00', '20', '96', '99') THEN ''" +
			" WHEN substr(" + col + ", 1, 2) = '97' THEN (CASE WHEN substr(" + col + ", 3, 1) BETWEEN '1' AND '8' THEN substr(" + col + ", 1, 3) ELSE '' END)" +
			" WHEN substr(" + col + ", 1, 2) = '98' THEN (CASE WHEN substr(" + col + ", 3, 1) BETWEEN '6' AND '8' THEN substr(" + col + ", 1, 3) ELSE '' END)" +
			" ELSE substr(" + col + ", 1, 2) END)"
	}
	const insee, pc = "services.location_insee_code", "services.location_postal_code"
	fromINSEE := "(CASE WHEN " + insee + " = '' THEN '' ELSE " + prefix(insee) + " END)"
	fromPostal := "(CASE WHEN " + pc + " = '97133' THEN '977' WHEN " + pc + " = '97150' THEN '978'" +
		" WHEN substr(" + pc + ", 1, 2) = '20' THEN (CASE WHEN substr(" + pc + ", 3, 1) IN ('0', '1') THEN '2A' WHEN substr(" + pc + ", 3, 1) BETWEEN '2' AND '6' THEN '2B' ELSE '' END)" +
		" WHEN substr(" + pc + ", 1, 3) IN ('977', '978') THEN ''" +
		" ELSE " + prefix(pc) + " END)"
	return "COALESCE(NULLIF(" + fromINSEE + ", ''), " + fromPostal + ")"
}()
