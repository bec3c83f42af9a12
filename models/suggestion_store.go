package models

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Suggestion statuses.
const (
	SuggestionPending  = "pending"
	SuggestionAccepted = "accepted"
	SuggestionRejected = "rejected"
)

// Suggestion is a change to an actor or a service proposed by someone who
// does not manage it (the seeds' "mises à jour croisées"): a JSON Merge
// Patch of the record's writable fields, applied only when a moderator (a
// manager of the structure, a coordinator of its territory, an
// administrator) accepts it.
type Suggestion struct {
	ID       string `gorm:"primaryKey"`
	Entity   string
	EntityID string
	ActorID  string
	AuthorID string
	// AuthorLabel names the author to others as they were named when they
	// made the suggestion (PersonLabel), « compte supprimé » once the
	// account is deleted: moderators of another structure and
	// coordinators read it, so never the login e-mail.
	AuthorLabel string
	Changes     string
	Message     string
	BaseVersion int64
	// BaseValues are the values, when the suggestion was made, of the
	// fields it changes (a JSON object in the API's representation): it is
	// accepted later only if none of them changed since. "" for suggestions
	// made before this was recorded: then the whole record must be
	// unchanged (BaseVersion).
	BaseValues string
	Status     string
	Reason     string
	DecidedBy  string
	DecidedAt  *time.Time
	CreatedAt  time.Time
}

// CreateSuggestion records a pending suggestion. The caller has checked that
// the patch applies to the current record.
func (s *Store) CreateSuggestion(ctx context.Context, sg *Suggestion) error {
	sg.Message = strings.TrimSpace(sg.Message)
	var fe FieldErrors
	checkLen(&fe, "message", sg.Message, maxShortText)
	if !json.Valid([]byte(sg.Changes)) || len(sg.Changes) > 64<<10 {
		fe.Add("changes", "must be a JSON object of at most 64 KiB")
	}
	if err := fe.Err("The suggestion is invalid."); err != nil {
		return err
	}
	sg.ID, sg.Status, sg.CreatedAt = NewID(), SuggestionPending, s.now()
	return s.write(ctx, func(tx *gorm.DB) error {
		var author User
		if err := tx.Select("display_name", "professional_email", "email").Where("id = ? AND deleted_at IS NULL", sg.AuthorID).Limit(1).Find(&author).Error; err != nil {
			return err
		}
		sg.AuthorLabel = author.Label()
		if err := tx.Create(sg).Error; err != nil {
			return err
		}
		if err := bindIdempotency(tx, EntitySuggestion, sg.ID); err != nil {
			return err
		}
		ref, err := actorRef(tx, sg.ActorID)
		if err != nil {
			return err
		}
		return s.tell(tx, NotifySuggestion, map[string]string{"suggestion_id": sg.ID, "entity": sg.Entity, "actor_name": actorName(tx, sg.ActorID)}, moderatorsOf(ref))
	})
}

// GetSuggestion returns the suggestion with id.
func (s *Store) GetSuggestion(ctx context.Context, id string) (*Suggestion, error) {
	return getSuggestion(s.read(ctx), id)
}

func getSuggestion(db *gorm.DB, id string) (*Suggestion, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No suggestion has the id %q.", clip(id))
	}
	var sg Suggestion
	err := db.Take(&sg, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No suggestion has the id %q.", id)
	}
	return &sg, dbError(err)
}

// SuggestionFilter selects suggestions. Viewer sees the suggestions it wrote
// and those it may moderate.
type SuggestionFilter struct {
	Viewer   *Principal
	Status   string
	ActorID  string
	EntityID string
	Mine     bool // only the viewer's own
	ListParams
}

// ListSuggestions pages through the suggestions visible to f.Viewer.
func (s *Store) ListSuggestions(ctx context.Context, f SuggestionFilter) (Page[Suggestion], error) {
	f.Sort = SortID
	filter := func(q *gorm.DB) *gorm.DB {
		v := f.Viewer
		switch {
		case f.Mine || !v.IsAdmin() && len(v.Memberships) == 0 && !v.IsCoordinator():
			q = q.Where("suggestions.author_id = ?", v.UserID)
		case !v.IsAdmin():
			cond, args := "suggestions.author_id = ?", []any{v.UserID}
			var managed []string
			for _, m := range v.Memberships {
				if m.Role == RoleManager {
					managed = append(managed, m.ActorID)
				}
			}
			if len(managed) > 0 {
				cond += " OR suggestions.actor_id IN (WITH RECURSIVE net(id) AS (SELECT id FROM actors WHERE id IN ? UNION SELECT actors.id FROM actors JOIN net ON actors.parent_id = net.id) SELECT id FROM net)"
				args = append(args, managed)
			}
			if t := v.Coordinates; !t.IsZero() {
				cond += " OR suggestions.actor_id IN (SELECT id FROM actors WHERE departement IN ? OR insee_code IN ?)"
				args = append(args, t.Departements, t.CommuneCodes())
			}
			q = q.Where("("+cond+")", args...)
		}
		// A suggestion on a draft is the draft's: its author (or anyone
		// else) who may not see the draft no longer sees it, as
		// GetSuggestion answers 404 (moderators see their drafts).
		if !v.IsAdmin() {
			q = q.Where("(suggestions.entity <> ? OR suggestions.entity_id IN (?))", EntityService, visibleServiceIDs(q, v))
		}
		if f.Status != "" {
			q = q.Where("suggestions.status = ?", f.Status)
		}
		if f.ActorID != "" {
			q = q.Where("suggestions.actor_id = ?", f.ActorID)
		}
		if f.EntityID != "" {
			q = q.Where("suggestions.entity_id = ?", f.EntityID)
		}
		return q
	}
	return listPage(s, ctx, "suggestions", f.ListParams, filter, nil, func(sg *Suggestion) (string, string, time.Time) { return sg.ID, "", sg.CreatedAt })
}

// RejectSuggestion closes a pending suggestion with a reason.
func (s *Store) RejectSuggestion(ctx context.Context, id, reason string) (*Suggestion, error) {
	reason = strings.TrimSpace(reason)
	var fe FieldErrors
	if reason == "" {
		fe.Add("reason", "is required when rejecting: the author should learn why")
	}
	checkLen(&fe, "reason", reason, maxShortText)
	if err := fe.Err("The decision is invalid."); err != nil {
		return nil, err
	}
	return s.decideSuggestion(ctx, id, func(tx *gorm.DB, sg *Suggestion) error {
		sg.Status, sg.Reason = SuggestionRejected, reason
		return nil
	})
}

// AcceptActorSuggestion applies a pending suggestion about an actor: apply
// merges the patch into the current actor (inside the transaction, so the
// patch meets the latest state), then the actor is validated and saved with
// the suggestion recorded as the change's channel.
func (s *Store) AcceptActorSuggestion(ctx context.Context, id string, apply func(a *Actor, sg *Suggestion) error) (*Suggestion, error) {
	return s.decideSuggestion(withSuggestion(WithChannel(ctx, ChannelSuggestion), id), id, func(tx *gorm.DB, sg *Suggestion) error {
		if sg.Entity != EntityActor {
			return Errorf(ECONFLICT, "This suggestion is about a %s.", sg.Entity)
		}
		a, err := lockActor(tx, sg.EntityID, Precondition{})
		if err != nil {
			return err
		}
		before := *a
		if err := apply(a, sg); err != nil {
			return noLongerApplies(err)
		}
		if err := s.strictActor(&before, a); err != nil {
			return noLongerApplies(err)
		}
		if ChangesNothing(&before, a) {
			return errChangesNothing
		}
		if err := s.saveActor(tx, &before, a); err != nil {
			return noLongerApplies(err)
		}
		sg.Status = SuggestionAccepted
		return nil
	})
}

// AcceptServiceSuggestion is AcceptActorSuggestion for a service.
func (s *Store) AcceptServiceSuggestion(ctx context.Context, id string, apply func(sv *Service, sg *Suggestion) error) (*Suggestion, error) {
	return s.decideSuggestion(withSuggestion(WithChannel(ctx, ChannelSuggestion), id), id, func(tx *gorm.DB, sg *Suggestion) error {
		if sg.Entity != EntityService {
			return Errorf(ECONFLICT, "This suggestion is about a %s.", sg.Entity)
		}
		sv, err := lockService(tx, sg.EntityID, Precondition{})
		if err != nil {
			return err
		}
		before := *sv
		if err := apply(sv, sg); err != nil {
			return noLongerApplies(err)
		}
		if err := strictService(&before, sv); err != nil {
			return noLongerApplies(err)
		}
		if ChangesNothing(&before, sv) {
			return errChangesNothing
		}
		if err := s.saveService(tx, &before, sv); err != nil {
			return noLongerApplies(err)
		}
		sg.Status = SuggestionAccepted
		return nil
	})
}

// noLongerApplies explains a validation failure when accepting: the record
// changed since the suggestion was made and the patch no longer fits.
func noLongerApplies(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Code == EINVALID {
		return &Error{Code: ECONFLICT, Message: "The suggestion no longer applies to the current record; reject it or ask its author for a new one.", Fields: e.Fields}
	}
	return err
}

func (s *Store) decideSuggestion(ctx context.Context, id string, decide func(tx *gorm.DB, sg *Suggestion) error) (*Suggestion, error) {
	var out *Suggestion
	err := s.write(ctx, func(tx *gorm.DB) error {
		sg, err := getSuggestion(forUpdate(tx), id)
		if err != nil {
			return err
		}
		if sg.Status != SuggestionPending {
			return Errorf(ECONFLICT, "This suggestion was already %s.", sg.Status)
		}
		if err := decide(tx, sg); err != nil {
			return err
		}
		now := s.now()
		sg.DecidedBy, sg.DecidedAt = PrincipalFrom(ctx).Scope(), &now
		out = sg
		return tx.Model(sg).Select("status", "reason", "decided_by", "decided_at").Updates(sg).Error
	})
	return out, err
}
