package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Join request statuses.
const (
	RequestPending  = "pending"
	RequestAccepted = "accepted"
	RequestRefused  = "refused"
)

// JoinRequest is a person asking to join a structure's team.
type JoinRequest struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	ActorID   string
	Message   string
	Status    string
	Role      string
	Reason    string
	DecidedBy string
	DecidedAt *time.Time
	CreatedAt time.Time
	// Filled on reads: who asks.
	Email       string `gorm:"->;-:migration"`
	DisplayName string `gorm:"->;-:migration"`
}

// CreateJoinRequest records a person's request to join a structure.
func (s *Store) CreateJoinRequest(ctx context.Context, userID, actorID, message string) (*JoinRequest, error) {
	message = strings.TrimSpace(message)
	var fe FieldErrors
	checkLen(&fe, "message", message, maxShortText)
	if err := fe.Err("The request is invalid."); err != nil {
		return nil, err
	}
	jr := &JoinRequest{ID: NewID(), UserID: userID, ActorID: actorID, Message: message, Status: RequestPending, CreatedAt: s.now()}
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := s.insertJoinRequest(tx, jr); err != nil {
			return err
		}
		return bindIdempotency(tx, EntityJoinRequest, jr.ID)
	})
	if err != nil {
		return nil, err
	}
	return jr, nil
}

// insertJoinRequest records jr and tells the structure's managers.
func (s *Store) insertJoinRequest(tx *gorm.DB, jr *JoinRequest) error {
	a, err := lockActor(tx, jr.ActorID, Precondition{})
	if err != nil {
		return err
	}
	var n int64
	if err := tx.Model(&membershipRow{}).Where("user_id = ? AND actor_id = ?", jr.UserID, jr.ActorID).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return Errorf(ECONFLICT, "You are already a member of this structure.")
	}
	if err := tx.Omit("Email", "DisplayName").Create(jr).Error; err != nil {
		if isUniqueOn(err, "join_requests.user_id") {
			return Errorf(ECONFLICT, "You already have a pending request for this structure.")
		}
		return err
	}
	ref, err := actorRef(tx, a.ID)
	if err != nil {
		return err
	}
	return s.tell(tx, NotifyJoinRequest, map[string]string{"actor_id": a.ID, "actor_name": a.Name, "request_id": jr.ID}, managersOf(ref.Lineage...))
}

// JoinRequestFilter selects join requests.
type JoinRequestFilter struct {
	ActorID string
	UserID  string
	Status  string
	ListParams
}

// ListJoinRequests pages through join requests, oldest first.
func (s *Store) ListJoinRequests(ctx context.Context, f JoinRequestFilter) (Page[JoinRequest], error) {
	f.Sort = SortID
	filter := func(q *gorm.DB) *gorm.DB {
		q = q.Joins("JOIN users ON users.id = join_requests.user_id")
		if f.ActorID != "" {
			q = q.Where("join_requests.actor_id = ?", f.ActorID)
		}
		if f.UserID != "" {
			q = q.Where("join_requests.user_id = ?", f.UserID)
		}
		if f.Status != "" {
			q = q.Where("join_requests.status = ?", f.Status)
		}
		return q
	}
	return listPage(s, ctx, "join_requests", f.ListParams, filter,
		func(q *gorm.DB) *gorm.DB {
			return q.Select("join_requests.*, users.email AS email, users.display_name AS display_name")
		},
		func(j *JoinRequest) (string, string, time.Time) { return j.ID, "", j.CreatedAt })
}

// DecideJoinRequest accepts (making the person a member with role) or
// refuses a pending request of actorID.
func (s *Store) DecideJoinRequest(ctx context.Context, actorID, id string, accept bool, role Role, reason string) (*JoinRequest, error) {
	reason = strings.TrimSpace(reason)
	var fe FieldErrors
	if accept && !validRole(role) {
		fe.Add("role", "must be manager or member")
	}
	checkLen(&fe, "reason", reason, maxShortText)
	if err := fe.Err("The decision is invalid."); err != nil {
		return nil, err
	}
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "This structure has no join request %q.", clip(id))
	}
	var out JoinRequest
	err := s.write(ctx, func(tx *gorm.DB) error {
		err := forUpdate(tx).Take(&out, "id = ? AND actor_id = ?", id, actorID).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Errorf(ENOTFOUND, "This structure has no join request %q.", clip(id))
		}
		if err != nil {
			return err
		}
		if out.Status != RequestPending {
			return Errorf(ECONFLICT, "This request was already %s.", out.Status)
		}
		now := s.now()
		out.Status, out.Reason, out.DecidedBy, out.DecidedAt = RequestRefused, reason, PrincipalFrom(ctx).Scope(), &now
		if accept {
			if p := PrincipalFrom(ctx); out.UserID == p.UserID && !p.IsAdmin() {
				return errSelfGrant("status")
			}
			out.Status, out.Role = RequestAccepted, string(role)
			if _, err := s.addMember(tx, actorID, out.UserID, role, ViaJoinRequest); err != nil {
				return err
			}
		}
		if u, err := getUser(tx, out.UserID); err == nil {
			out.Email, out.DisplayName = u.Email, u.DisplayName
		}
		if err := tx.Model(&out).Select("status", "role", "reason", "decided_by", "decided_at").Updates(&out).Error; err != nil {
			return err
		}
		return s.tell(tx, NotifyJoinDecision, map[string]string{"actor_id": actorID, "actor_name": actorName(tx, actorID), "status": out.Status}, account(out.UserID))
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetJoinRequest returns a join request with who asks.
func (s *Store) GetJoinRequest(ctx context.Context, id string) (*JoinRequest, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No join request has the id %q.", clip(id))
	}
	var jr JoinRequest
	err := s.read(ctx).Table("join_requests").Joins("JOIN users ON users.id = join_requests.user_id").
		Select("join_requests.*, users.email AS email, users.display_name AS display_name").Where("join_requests.id = ?", id).Take(&jr).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No join request has the id %q.", id)
	}
	return &jr, dbError(err)
}
