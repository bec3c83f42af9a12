package models

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"carnet/models/contact"
)

const maxJobTitle = 100

// ProfileUpdate is a person's change to their own account; nil fields are
// kept, "" clears a field.
type ProfileUpdate struct {
	DisplayName       *string
	JobTitle          *string
	ProfessionalEmail *string
	ProfessionalPhone *string
}

// UpdateProfile changes what a person says about themself: the name shown
// to others and the professional contact they share with the structures
// they exchange referrals with.
func (s *Store) UpdateProfile(ctx context.Context, userID string, in ProfileUpdate) (*User, error) {
	return s.changeOwnAccount(ctx, userID, func(u *User) error {
		var fe FieldErrors
		if in.DisplayName != nil {
			u.DisplayName = strings.TrimSpace(*in.DisplayName)
			checkDisplayName(&fe, u.DisplayName)
		}
		if in.JobTitle != nil {
			u.JobTitle = strings.TrimSpace(*in.JobTitle)
			checkLen(&fe, "job_title", u.JobTitle, maxJobTitle)
		}
		if in.ProfessionalEmail != nil {
			u.ProfessionalEmail = ""
			if v := strings.TrimSpace(*in.ProfessionalEmail); v != "" {
				u.ProfessionalEmail = normalizeEmail(&fe, "professional_email", v)
			}
		}
		if in.ProfessionalPhone != nil {
			u.ProfessionalPhone = ""
			if v := strings.TrimSpace(*in.ProfessionalPhone); v != "" {
				n, err := contact.NormalizePhone(v, "")
				if err != nil {
					fe.Add("professional_phone", err.Error())
				}
				u.ProfessionalPhone = n
			}
		}
		return fe.Err("The profile is invalid.")
	}, "display_name", "job_title", "professional_email", "professional_phone")
}

// changeOwnAccount applies change to the account and saves columns: what a
// person changes of their own account (profile, notification choices),
// never rights.
func (s *Store) changeOwnAccount(ctx context.Context, userID string, change func(u *User) error, columns ...string) (*User, error) {
	var out *User
	err := s.write(ctx, func(tx *gorm.DB) error {
		u, err := getUser(tx, userID)
		if err != nil {
			return err
		}
		if err := change(u); err != nil {
			return err
		}
		u.UpdatedAt = s.now()
		if err := tx.Model(u).Select(append(columns, "updated_at")).Updates(u).Error; err != nil {
			return err
		}
		out = u
		return nil
	})
	return out, err
}

// DeleteAccount deletes a person's own account, after checking their
// password. The row stays so that referrals, messages and histories that
// name it keep pointing somewhere, but everything that identified the
// person is emptied: e-mail (replaced by an address that cannot exist, so
// that the same e-mail can sign up again), name, contacts, password,
// rights; memberships and sessions end; pending e-mails to them are
// dropped; the invitations sent to the address are revoked and forget it
// (revokeInvitationsTo); the audit history names them « compte supprimé ».
//
// The last platform administrator cannot leave, nor the last manager of a
// structure that still has other members (they would have nobody to run
// their team): hand over first.
func (s *Store) DeleteAccount(ctx context.Context, userID, password string) error {
	u, err := s.GetUser(ctx, userID)
	if err != nil {
		return err
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		return Internal(err)
	}
	if !ok {
		return &Error{Code: EINVALID, Message: "The password is incorrect.", Fields: []FieldError{{Field: "password", Reason: reasonWrongPassword}}}
	}
	// An unusable password: a random secret nobody ever sees.
	secret, _ := newSecret("deleted_")
	unusable, err := HashPassword(secret)
	if err != nil {
		return Internal(err)
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		u, err := getUser(tx, userID)
		if err != nil {
			return err
		}
		if u.PlatformAdmin {
			if err := keepOneAdmin(tx, u.ID); err != nil {
				return err
			}
		}
		if err := lastManagerGuard(tx, u.ID); err != nil {
			return err
		}
		now := s.now()
		oldEmail := u.Email
		placeholder := "deleted-" + u.ID + "@compte-supprime.invalid"
		// The trail says who left which team, and that the account went,
		// naming it as it will be named from now on.
		var teams []string
		if err := tx.Model(&membershipRow{}).Where("user_id = ?", u.ID).Order("actor_id").Pluck("actor_id", &teams).Error; err != nil {
			return err
		}
		for _, a := range teams {
			ev := TrailEvent{Action: TrailMemberRemoved, ActorID: a, SubjectKind: SubjectAccount, SubjectID: u.ID, SubjectLabel: DeletedAccountLabel}
			if err := s.trail(tx, ev, map[string]any{"reason": "account_deleted"}); err != nil {
				return err
			}
		}
		if err := s.revokeInvitationsTo(tx, oldEmail, placeholder); err != nil {
			return err
		}
		if err := s.trail(tx, TrailEvent{Action: TrailAccountDeleted, SubjectKind: SubjectAccount, SubjectID: u.ID, SubjectLabel: DeletedAccountLabel}, nil); err != nil {
			return err
		}
		err = tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{
			"email": placeholder, "display_name": "", "job_title": "", "professional_email": "", "professional_phone": "",
			"password_hash": unusable, "platform_admin": false, "disabled": true, "coordinator_departements": "[]",
			"coordinator_communes": "[]", "notifications_off": "[]", "deleted_at": now, "updated_at": now,
		}).Error
		if err != nil {
			return err
		}
		steps := []func() error{
			func() error { return tx.Where("user_id = ?", u.ID).Delete(&membershipRow{}).Error },
			func() error { return revokeUserTokens(tx, u.ID, now, "") },
			func() error {
				return tx.Where("user_id = ? AND status = ?", u.ID, RequestPending).Delete(&JoinRequest{}).Error
			},
			func() error {
				return tx.Model(&JoinRequest{}).Where("user_id = ?", u.ID).Update("message", "").Error
			},
			func() error {
				return tx.Where("(user_id = ? OR to_email = ?) AND state IN ?", u.ID, oldEmail, []string{OutboxPending, OutboxSending}).Delete(&OutboxMessage{}).Error
			},
			func() error {
				return tx.Model(&OutboxMessage{}).Where("user_id = ? OR to_email = ?", u.ID, oldEmail).Updates(map[string]any{"to_email": "", "params": "{}"}).Error
			},
			func() error {
				return tx.Model(&Invitation{}).Where("accepted_by = ?", u.ID).Update("email", placeholder).Error
			},
			func() error { return tx.Where("email = ?", oldEmail).Delete(&signup{}).Error },
			func() error {
				return tx.Model(&AuditEvent{}).Where("who_kind = ? AND who_id = ?", WhoUser, u.ID).Update("who_label", DeletedAccountLabel).Error
			},
			func() error {
				return tx.Model(&TrailEvent{}).Where("who_kind = ? AND who_id = ?", WhoUser, u.ID).Update("who_label", DeletedAccountLabel).Error
			},
			func() error {
				return tx.Model(&Suggestion{}).Where("author_id = ?", u.ID).Update("author_label", DeletedAccountLabel).Error
			},
			func() error {
				return tx.Model(&ReferralEvent{}).Where("by_user_id = ?", u.ID).Update("by_label", DeletedAccountLabel).Error
			},
			func() error {
				return tx.Model(&TrailEvent{}).Where("(subject_kind = ? AND subject_id = ?) OR (subject_kind = ? AND subject_label = ?)",
					SubjectAccount, u.ID, SubjectInvitation, oldEmail).Update("subject_label", DeletedAccountLabel).Error
			},
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return oweErasure(tx, now)
	})
	if err != nil {
		return err
	}
	// The erased values are zeroed in the pages (secure_delete); the WAL's
	// older page images go with a checkpoint. A reader holding the WAL
	// only delays that: the erasure's mark (leftoversJob) stays, and the
	// next maintenance run checkpoints again.
	if err := s.Checkpoint(ctx); err != nil {
		s.log.Warn("account deleted; the WAL could not be truncated yet", "error", err.Error())
	}
	return nil
}

// lastManagerGuard refuses to remove userID from the teams it alone
// manages (no other active manager: a disabled one manages nothing) while
// other people remain in them.
func lastManagerGuard(tx *gorm.DB, userID string) error {
	var rows []struct{ ActorID, Name string }
	err := tx.Table("memberships AS m").
		Select("m.actor_id, actors.name").
		Joins("JOIN actors ON actors.id = m.actor_id").
		Where("m.user_id = ? AND m.role = ?", userID, string(RoleManager)).
		Where("NOT EXISTS (SELECT 1 FROM memberships o JOIN users ou ON ou.id = o.user_id WHERE o.actor_id = m.actor_id AND o.user_id <> m.user_id AND o.role = ? AND NOT ou.disabled)", string(RoleManager)).
		Where("EXISTS (SELECT 1 FROM memberships o WHERE o.actor_id = m.actor_id AND o.user_id <> m.user_id)").
		Scan(&rows).Error
	if err != nil {
		return err
	}
	if len(rows) > 0 {
		return Errorf(ECONFLICT, "You are the last manager of %s, which has other members: make one of them manager first.", rows[0].Name)
	}
	return nil
}

// ContactCard is what the two structures of a referral see of a person who
// acted on it: the name they chose, their role in their structure, their
// function and the professional contact they share. A deleted account is
// « compte supprimé » and nothing else.
type ContactCard struct {
	UserID      string
	DisplayName string
	Role        Role // in the structure they acted for; "" when they left it
	JobTitle    string
	Email       string
	Phone       string
	Deleted     bool
	// Left says they are no longer of the structure: the card carries
	// their name only, no function nor contact.
	Left bool
}

// ContactCard returns the card of userID acting for actorID.
func (s *Store) ContactCard(ctx context.Context, userID, actorID string) (*ContactCard, error) {
	var row struct {
		ID, DisplayName, JobTitle, ProfessionalEmail, ProfessionalPhone, Role, Email string
		Deleted                                                                      bool
	}
	err := s.read(ctx).Table("users").
		Select("users.id, users.email, users.display_name, users.job_title, users.professional_email, users.professional_phone, "+
			"CASE WHEN users.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted, COALESCE(memberships.role, '') AS role").
		Joins("LEFT JOIN memberships ON memberships.user_id = users.id AND memberships.actor_id = ?", actorID).
		Where("users.id = ?", userID).Limit(1).Scan(&row).Error
	if err != nil {
		return nil, dbError(err)
	}
	if row.ID == "" {
		return nil, Errorf(ENOTFOUND, "No account has the id %q.", clip(userID))
	}
	if row.Deleted {
		return &ContactCard{UserID: row.ID, DisplayName: DeletedAccountLabel, Deleted: true}, nil
	}
	if row.Role == "" {
		// They left the structure: its referrals are reached through
		// the structure (its own contact points), not through the
		// function, phone and e-mail they set since (probe 43: a
		// departed helper's new contacts were shown to the other
		// structure, who could no longer read the referral).
		return &ContactCard{UserID: row.ID, DisplayName: row.DisplayName, Left: true}, nil
	}
	return &ContactCard{UserID: row.ID, DisplayName: row.DisplayName, Role: Role(row.Role), JobTitle: row.JobTitle,
		Email: SharedEmail(row.ProfessionalEmail, row.Email), Phone: row.ProfessionalPhone}, nil
}
