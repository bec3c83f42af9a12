package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

type membershipRow struct {
	UserID    string `gorm:"primaryKey"`
	ActorID   string `gorm:"primaryKey"`
	Role      string
	CreatedAt time.Time
	CreatedBy string
}

func (membershipRow) TableName() string { return "memberships" }

// Member is a person's membership of a structure, with who they are.
type Member struct {
	UserID      string
	Email       string
	DisplayName string
	Role        Role
	CreatedAt   time.Time
}

func validRole(r Role) bool { return r == RoleManager || r == RoleMember }

func roleError(field string) error {
	return &Error{Code: EINVALID, Message: "The role is invalid.", Fields: []FieldError{{Field: field, Reason: "must be manager or member"}}}
}

// ListMembers pages through an actor's members in account order.
func (s *Store) ListMembers(ctx context.Context, actorID string, p ListParams) (Page[Member], error) {
	p = normalizeParams(p)
	p.Sort = SortID
	var page Page[Member]
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		base := func() *gorm.DB {
			return tx.Table("memberships").Joins("JOIN users ON users.id = memberships.user_id").Where("memberships.actor_id = ?", actorID)
		}
		if err := base().Count(&page.Total).Error; err != nil {
			return err
		}
		q := base()
		if p.Cursor != "" {
			c, err := decodeCursor(p.Cursor, SortID)
			if err != nil {
				return err
			}
			q = q.Where("memberships.user_id > ?", c.ID)
		}
		var rows []struct {
			UserID      string
			Email       string
			DisplayName string
			Role        string
			CreatedAt   time.Time
		}
		err := q.Select("memberships.user_id, users.email, users.display_name, memberships.role, memberships.created_at").
			Order("memberships.user_id").Limit(p.Limit + 1).Scan(&rows).Error
		if err != nil {
			return err
		}
		for _, r := range rows {
			page.Items = append(page.Items, Member{UserID: r.UserID, Email: r.Email, DisplayName: r.DisplayName, Role: Role(r.Role), CreatedAt: r.CreatedAt})
		}
		if len(page.Items) > p.Limit {
			page.Items = page.Items[:p.Limit]
			page.NextCursor = encodeCursor(cursor{Sort: SortID, ID: page.Items[p.Limit-1].UserID})
		}
		return nil
	})
	return page, dbError(err)
}

// How a membership was given, in the trail.
const (
	ViaDirect      = "direct"       // an operator or a test wrote it
	ViaInvitation  = "invitation"   // the person accepted an invitation
	ViaJoinRequest = "join_request" // a manager accepted the person's request
)

// AddMember gives an existing, enabled account a role on an active actor.
// People are added to a team through invitations they accept or requests
// they make; this is for operators and fixtures.
func (s *Store) AddMember(ctx context.Context, actorID, userID string, role Role) (*Member, error) {
	if !validRole(role) {
		return nil, roleError("role")
	}
	var m *Member
	err := s.write(ctx, func(tx *gorm.DB) error {
		var err error
		m, err = s.addMember(tx, actorID, userID, role, ViaDirect)
		return err
	})
	return m, err
}

func (s *Store) addMember(tx *gorm.DB, actorID, userID string, role Role, via string) (*Member, error) {
	if _, err := lockActor(tx, actorID, Precondition{}); err != nil {
		return nil, err
	}
	u, err := getUser(tx, userID)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, Errorf(ECONFLICT, "The account %s is disabled.", u.Email)
	}
	row := membershipRow{UserID: userID, ActorID: actorID, Role: string(role), CreatedAt: s.now(), CreatedBy: PrincipalFrom(tx.Statement.Context).Scope()}
	if err := tx.Create(&row).Error; err != nil {
		if isUniqueOn(err, "memberships.user_id") {
			return nil, Errorf(ECONFLICT, "%s is already a member of this structure; change their role instead.", u.Email)
		}
		return nil, err
	}
	ev := TrailEvent{Action: TrailMemberAdded, ActorID: actorID, SubjectKind: SubjectAccount, SubjectID: u.ID, SubjectLabel: u.Label()}
	if err := s.trail(tx, ev, map[string]any{"role": role, "via": via}); err != nil {
		return nil, err
	}
	if err := s.revokeOnJoin(tx, actorID, u); err != nil {
		return nil, err
	}
	return &Member{UserID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: role, CreatedAt: row.CreatedAt}, nil
}

// lockMembership loads a membership inside a write transaction and locks it
// until commit.
func lockMembership(tx *gorm.DB, actorID, userID string) (*membershipRow, error) {
	if !ValidID(userID) {
		return nil, Errorf(ENOTFOUND, "This account is not a member of the structure.")
	}
	var row membershipRow
	err := forUpdate(tx).Take(&row, "actor_id = ? AND user_id = ?", actorID, userID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "This account is not a member of the structure.")
	}
	return &row, err
}

// keepAManager refuses a change that would leave a structure that has a
// manager without an active one: nobody could then manage its team, its referrals'
// trail or its reset links, and a manager leaving by mistake could not undo
// it. Another member is made manager first.
func keepAManager(tx *gorm.DB, actorID, exceptUserID string) error {
	// Two managers leaving at once would each count the other: changes to
	// one structure's managers take turns.
	if err := dialectOf(tx).lockKey(tx, "managers:"+actorID); err != nil {
		return err
	}
	// A disabled account keeps its rows but manages nothing: only active
	// managers count (as keepOneAdmin counts active administrators).
	var n int64
	if err := tx.Model(&membershipRow{}).Joins("JOIN users ON users.id = memberships.user_id").
		Where("memberships.actor_id = ? AND memberships.role = ? AND memberships.user_id <> ? AND NOT users.disabled", actorID, RoleManager, exceptUserID).
		Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return Errorf(ECONFLICT, "This is the structure's last manager: make another member manager first.")
	}
	return nil
}

// setRole changes a membership's role inside tx, keeping a manager and
// recording the change in the trail.
func (s *Store) setRole(tx *gorm.DB, row *membershipRow, role Role) error {
	if row.Role == string(role) {
		return nil
	}
	if row.Role == string(RoleManager) {
		if err := keepAManager(tx, row.ActorID, row.UserID); err != nil {
			return err
		}
	}
	if err := tx.Model(&membershipRow{}).Where("actor_id = ? AND user_id = ?", row.ActorID, row.UserID).Update("role", string(role)).Error; err != nil {
		return err
	}
	u, err := getUser(tx, row.UserID)
	if err != nil {
		return err
	}
	old := row.Role
	row.Role = string(role)
	ev := TrailEvent{Action: TrailMemberRoleChanged, ActorID: row.ActorID, SubjectKind: SubjectAccount, SubjectID: u.ID, SubjectLabel: u.Label()}
	return s.trail(tx, ev, map[string]any{"old": old, "new": role})
}

// SetMemberRole changes a member's role.
func (s *Store) SetMemberRole(ctx context.Context, actorID, userID string, role Role) (*Member, error) {
	if !validRole(role) {
		return nil, roleError("role")
	}
	var m *Member
	err := s.write(ctx, func(tx *gorm.DB) error {
		row, err := lockMembership(tx, actorID, userID)
		if err != nil {
			return err
		}
		if err := s.setRole(tx, row, role); err != nil {
			return err
		}
		u, err := getUser(tx, userID)
		if err != nil {
			return err
		}
		m = &Member{UserID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: role, CreatedAt: row.CreatedAt}
		return nil
	})
	return m, err
}

// RemoveMember ends a membership. The last manager of a structure cannot be
// removed (ECONFLICT).
func (s *Store) RemoveMember(ctx context.Context, actorID, userID string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		row, err := lockMembership(tx, actorID, userID)
		if err != nil {
			return err
		}
		if row.Role == string(RoleManager) {
			if err := keepAManager(tx, actorID, userID); err != nil {
				return err
			}
		}
		if err := tx.Where("actor_id = ? AND user_id = ?", actorID, userID).Delete(&membershipRow{}).Error; err != nil {
			return err
		}
		u, err := getUser(tx, userID)
		if err != nil {
			return err
		}
		ev := TrailEvent{Action: TrailMemberRemoved, ActorID: actorID, SubjectKind: SubjectAccount, SubjectID: u.ID, SubjectLabel: u.Label()}
		return s.trail(tx, ev, map[string]any{"role": row.Role, "left": PrincipalFrom(tx.Statement.Context).UserID == userID})
	})
}

// MembershipsOf lists the structures an account belongs to, with their names.
func (s *Store) MembershipsOf(ctx context.Context, userID string) ([]ActorMembership, error) {
	var rows []ActorMembership
	err := s.read(ctx).Table("memberships").Joins("JOIN actors ON actors.id = memberships.actor_id").
		Where("memberships.user_id = ?", userID).Select("memberships.actor_id, actors.name AS actor_name, memberships.role").
		Order("actors.name_key").Order("actors.id").Scan(&rows).Error
	return rows, dbError(err)
}

// ActorMembership is one of an account's structures.
type ActorMembership struct {
	ActorID   string
	ActorName string
	Role      Role
}
