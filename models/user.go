package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"carnet/models/commune"
	"carnet/models/contact"
	"carnet/models/ident"
)

// User is a person with an account: an administrator, a coordinator, a
// structure's manager or member.
type User struct {
	ID                      string `gorm:"primaryKey"`
	Email                   string
	DisplayName             string
	PasswordHash            string
	PlatformAdmin           bool
	Disabled                bool
	CoordinatorDepartements StringList
	CoordinatorCommunes     StringList
	CreatedAt               time.Time
	UpdatedAt               time.Time

	// What the person shares with the structures they exchange referrals
	// with: their function and a professional way to reach them.
	JobTitle          string
	ProfessionalEmail string
	ProfessionalPhone string
	// NotificationsOff lists the optional notification kinds turned off.
	NotificationsOff StringList
	// DeletedAt is set when the person deleted their account; the row
	// stays, emptied, so that what it did reads « compte supprimé ».
	DeletedAt *time.Time
	// CredentialsDisclosedAt is when the password was last set with a
	// token shown to someone else (a reset, or the invitation that created
	// the account, delivered by hand), CredentialsDisclosedBy (the issuer's
	// account id), who knows it since (see discloseCredentials).
	CredentialsDisclosedAt *time.Time
	CredentialsDisclosedBy string
}

// DeletedAccountLabel is how a deleted account is named wherever it acted.
const DeletedAccountLabel = "compte supprimé"

// UnnamedAccountLabel names a person who shares neither a display name nor
// a professional e-mail. Not the name of one of their structures: a person
// may belong to several, or (a coordinator, an administrator) to none, and
// an act would be pinned on a structure that did not do it.
const UnnamedAccountLabel = "compte sans nom"

// checkDisplayName checks a display name: its length and characters, and
// that it is not one of the labels the service gives accounts (« compte
// supprimé », « compte sans nom », in any case, with or without accents):
// a live account so named would pass in every history and journal for a
// deleted or nameless one.
func checkDisplayName(fe *FieldErrors, s string) {
	checkLen(fe, "display_name", s, maxName)
	checkLookalike(fe, "display_name", s)
	k := strings.ToLower(strings.Join(strings.Fields(foldAccents(s)), " "))
	for _, reserved := range []string{DeletedAccountLabel, UnnamedAccountLabel} {
		if k == strings.ToLower(foldAccents(reserved)) {
			fe.Addf("display_name", "« %s » is how the service names accounts without a name or deleted: choose another name", reserved)
		}
	}
}

// SharedEmail is the professional e-mail a person's card shows to others:
// only a verified one, that is their login address (proven by the link of
// their invitation, sign-up or reset). Any other is the person's say-so —
// set to a colleague's address it misdirected replies and impersonated
// them (probe36a L5) — and stays on their own /me.
func SharedEmail(professional, login string) string {
	if professional != "" && strings.EqualFold(professional, login) {
		return professional
	}
	return ""
}

// PersonLabel is how a person is named to others wherever they acted (the
// who.label of history, trail and suggestions): the display name they
// chose, else the professional e-mail they share, else
// UnnamedAccountLabel. Never their login e-mail, which stays private to
// them, their own structures' managers and administrators (who find it
// through who.id); and the label is recorded with the event, so a name
// changed later renames nothing past.
func PersonLabel(displayName, professionalEmail string) string {
	switch {
	case displayName != "":
		return displayName
	case professionalEmail != "":
		return professionalEmail
	}
	return UnnamedAccountLabel
}

// Label is PersonLabel for the account: how the trail names it as a
// subject (never by its login e-mail, which its own structures' managers
// read in their members list and nobody else).
func (u *User) Label() string {
	return PersonLabel(u.DisplayName, SharedEmail(u.ProfessionalEmail, u.Email))
}

// PublicLabel is PersonLabel for the principal's account.
func (p *Principal) PublicLabel() string {
	return PersonLabel(p.DisplayName, SharedEmail(p.ProfessionalEmail, p.Email))
}

// CanBeReached reports whether the person shares a professional contact.
// Only what the others are shown counts: an unverified e-mail is not.
func (u *User) CanBeReached() bool {
	return SharedEmail(u.ProfessionalEmail, u.Email) != "" || u.ProfessionalPhone != ""
}

// Territory returns the user's coordinated territory.
func (u *User) Territory() Territory {
	return Territory{Departements: u.CoordinatorDepartements, Communes: u.CoordinatorCommunes}
}

// NewUser describes an account to create.
type NewUser struct {
	Email         string
	DisplayName   string
	Password      string
	PlatformAdmin bool
	Coordinates   Territory
	// passwordHash replaces Password when the password was checked and
	// hashed earlier (a verified sign-up).
	passwordHash string
	// structures names the structure the account joins (an invitation's),
	// whose name the password must not be built on.
	structures []string
}

const maxTerritoryCodes = 500 // a région's communes fit; a whole country does not belong here

// normalizeEmail lower-cases the whole address: accounts are looked up by
// e-mail, and people do not expect case to matter.
func normalizeEmail(fe *FieldErrors, field, s string) string {
	email, err := contact.NormalizeEmail(s)
	if err != nil {
		fe.Add(field, err.Error())
		return ""
	}
	return strings.ToLower(email)
}

// checkTerritory validates a coordinator's codes in place.
func checkTerritory(fe *FieldErrors, prefix string, t *Territory) {
	if len(t.Departements)+len(t.Communes) > maxTerritoryCodes {
		fe.Addf(prefix, "must list at most %d codes", maxTerritoryCodes)
		return
	}
	for i, d := range t.Departements {
		d = strings.ToUpper(strings.TrimSpace(d))
		t.Departements[i] = d
		if !ident.ValidDepartement(d) {
			fe.Addf(prefix+".departements["+strconv.Itoa(i)+"]", "%q is not a département code (01–95, 2A, 2B, 971–978, 984–988)", clip(d))
		}
	}
	communes := make([]string, 0, len(t.Communes))
	for i, v := range t.Communes {
		// Read as the commune filter reads a value (commune.Read): « Evry »
		// is refused naming Évry-Courcouronnes and Évry, « La Seyne » is La
		// Seyne-sur-Mer, « 75001 » Paris 1er (it was Alfortville, whose
		// code it was before 1968), « Saint-Denis (974) » the one in
		// Réunion, a postal code of several communes all of them.
		cs, unread := commune.Read(v, nil)
		if unread != nil {
			fe.Add(prefix+".communes["+strconv.Itoa(i)+"]", unread.Message(func(code string) string {
				return fmt.Sprintf("%q in %s.departements", code, prefix)
			}))
			continue
		}
		for _, c := range cs {
			communes = append(communes, c.Code)
		}
	}
	t.Communes = slices.Compact(communes)
	if len(t.Departements)+len(t.Communes) > maxTerritoryCodes {
		fe.Addf(prefix, "must list at most %d codes", maxTerritoryCodes)
	}
}

// CreateUser creates an account. E-mails are unique, compared lower-case.
func (s *Store) CreateUser(ctx context.Context, in NewUser) (*User, error) {
	var u *User
	err := s.write(ctx, func(tx *gorm.DB) error {
		var err error
		u, err = s.insertUser(tx, in)
		return err
	})
	return u, err
}

func (s *Store) insertUser(tx *gorm.DB, in NewUser) (*User, error) {
	var fe FieldErrors
	email := normalizeEmail(&fe, "email", in.Email)
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	checkDisplayName(&fe, in.DisplayName)
	if in.passwordHash == "" {
		if err := ValidatePassword(in.Password, PasswordContext{Email: email, DisplayName: in.DisplayName, Structures: in.structures}); err != nil {
			var e *Error
			if errors.As(err, &e) {
				fe = append(fe, e.Fields...)
			}
		}
	}
	checkTerritory(&fe, "coordinator", &in.Coordinates)
	if err := fe.Err("The account is invalid."); err != nil {
		return nil, err
	}
	hash := in.passwordHash
	if hash == "" {
		var err error
		if hash, err = HashPassword(in.Password); err != nil {
			return nil, Internal(err)
		}
	}
	now := s.now()
	u := &User{ID: NewID(), Email: email, DisplayName: in.DisplayName, PasswordHash: hash, PlatformAdmin: in.PlatformAdmin,
		CoordinatorDepartements: in.Coordinates.Departements, CoordinatorCommunes: in.Coordinates.Communes, CreatedAt: now, UpdatedAt: now}
	if err := tx.Create(u).Error; err != nil {
		if isUniqueOn(err, "users.email") {
			return nil, &Error{Code: ECONFLICT, Message: "An account with this e-mail already exists.",
				Fields: []FieldError{{Field: "email", Reason: "is already registered"}}}
		}
		return nil, err
	}
	if in.PlatformAdmin || !in.Coordinates.IsZero() {
		// Accounts created with rights (the CLI's administrators) are in
		// the trail; those of invitations are recorded with the invitation.
		if err := s.trail(tx, TrailEvent{Action: TrailAccountCreated, SubjectKind: SubjectAccount, SubjectID: u.ID, SubjectLabel: u.Label()},
			map[string]any{"platform_admin": u.PlatformAdmin, "coordinator": u.Territory()}); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// GetUser returns the account with id.
func (s *Store) GetUser(ctx context.Context, id string) (*User, error) {
	return getUser(s.read(ctx), id)
}

func getUser(db *gorm.DB, id string) (*User, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No account has the id %q.", clip(id))
	}
	var u User
	err := db.Take(&u, "id = ? AND deleted_at IS NULL", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No account has the id %q.", id)
	}
	return &u, dbError(err)
}

// FindUserByEmail returns the account with this e-mail, ENOTFOUND if none.
func (s *Store) FindUserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := gorm.ErrRecordNotFound
	if email = strings.ToLower(strings.TrimSpace(email)); storable(email) {
		err = s.read(ctx).Take(&u, "email = ?", email).Error
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No account has this e-mail.")
	}
	return &u, dbError(err)
}

// UserFilter selects accounts in ListUsers.
type UserFilter struct {
	Email    string // case-insensitive part of the e-mail
	Disabled *bool
	Admins   *bool
	ListParams
}

// ListUsers pages through accounts, for administrators.
func (s *Store) ListUsers(ctx context.Context, f UserFilter) (Page[User], error) {
	filter := func(q *gorm.DB) *gorm.DB {
		q = q.Where("users.deleted_at IS NULL")
		if f.Email != "" {
			q = q.Where(dialectOf(q).containsCaseless("users.email"), "%"+escapeLike(strings.ToLower(f.Email))+"%")
		}
		if f.Disabled != nil {
			q = q.Where("users.disabled = ?", *f.Disabled)
		}
		if f.Admins != nil {
			q = q.Where("users.platform_admin = ?", *f.Admins)
		}
		return q
	}
	return listPage(s, ctx, "users", f.ListParams, filter, nil, func(u *User) (string, string, time.Time) { return u.ID, u.Email, u.UpdatedAt })
}

// keptList is sent, or a copy of current when sent is nil (left out):
// checkTerritory rewrites the list it checks in place.
func keptList(sent, current []string) []string {
	if sent == nil {
		return slices.Clone(current)
	}
	return sent
}

// storedCommunes is codes stored as a territory's communes written so that
// checkTerritory reads them again as what they are, INSEE codes: 16100
// stored is Chirac, though a client's 16100 is refused as Chirac's INSEE
// code or Cognac's postal code (commune.CodeClash).
func storedCommunes(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = commune.INSEEPrefix + c
	}
	return out
}

// resentCommunes is the communes a client sent (nil stays nil): a code sent
// exactly as it is stored is read as stored, an INSEE code, so a client
// that reads a list back and sends it again unchanged is not refused
// because one of its codes is also another commune's postal code (16100
// stored is Chirac). A new code is read as the client wrote it.
func resentCommunes(sent, stored []string) []string {
	if sent == nil {
		return nil
	}
	out := slices.Clone(sent)
	for i, c := range out {
		if slices.Contains(stored, c) {
			out[i] = commune.INSEEPrefix + c
		}
	}
	return out
}

// UserUpdate is an administrator's change to an account; nil fields are
// kept, and so are the nil lists of Coordinates (an empty one empties).
type UserUpdate struct {
	DisplayName   *string
	PlatformAdmin *bool
	Disabled      *bool
	Coordinates   *Territory
}

// UpdateUser changes an account. Disabling it revokes its refresh tokens, so
// it loses access at once (access tokens are refused on the next request
// because the principal is reloaded).
func (s *Store) UpdateUser(ctx context.Context, id string, in UserUpdate) (*User, error) {
	var out *User
	err := s.write(ctx, func(tx *gorm.DB) error {
		u, err := getUser(forUpdate(tx), id)
		if err != nil {
			return err
		}
		before := *u
		var fe FieldErrors
		if in.DisplayName != nil {
			u.DisplayName = strings.TrimSpace(*in.DisplayName)
			checkDisplayName(&fe, u.DisplayName)
		}
		if in.Coordinates != nil {
			// Merged: a nil list is kept (a merge patch left it out).
			t := Territory{Departements: keptList(in.Coordinates.Departements, u.CoordinatorDepartements),
				Communes: keptList(resentCommunes(in.Coordinates.Communes, u.CoordinatorCommunes), storedCommunes(u.CoordinatorCommunes))}
			checkTerritory(&fe, "coordinator", &t)
			u.CoordinatorDepartements, u.CoordinatorCommunes = t.Departements, t.Communes
		}
		if err := fe.Err("The account is invalid."); err != nil {
			return err
		}
		if in.PlatformAdmin != nil {
			u.PlatformAdmin = *in.PlatformAdmin
		}
		if in.Disabled != nil {
			u.Disabled = *in.Disabled
		}
		if u.PlatformAdmin && u.Disabled || in.PlatformAdmin != nil && !*in.PlatformAdmin || in.Disabled != nil && *in.Disabled {
			if err := keepOneAdmin(tx, u.ID); err != nil {
				return err
			}
		}
		u.UpdatedAt = s.now()
		if err := tx.Model(u).Select("display_name", "platform_admin", "disabled", "coordinator_departements", "coordinator_communes", "updated_at").Updates(u).Error; err != nil {
			return err
		}
		if u.Disabled {
			if err := revokeUserTokens(tx, u.ID, u.UpdatedAt, ""); err != nil {
				return err
			}
		}
		d := changedValues(map[string][2]any{"display_name": {before.DisplayName, u.DisplayName}, "platform_admin": {before.PlatformAdmin, u.PlatformAdmin},
			"disabled": {before.Disabled, u.Disabled}, "coordinator": {before.Territory(), u.Territory()}})
		if len(d) > 0 {
			if err := s.trail(tx, TrailEvent{Action: TrailAccountUpdated, SubjectKind: SubjectAccount, SubjectID: u.ID, SubjectLabel: u.Label()}, d); err != nil {
				return err
			}
		}
		out = u
		return nil
	})
	return out, err
}

// keepOneAdmin refuses a change that would leave no active administrator:
// nobody could then manage accounts or partner clients.
func keepOneAdmin(tx *gorm.DB, exceptID string) error {
	// Two administrators removing each other at once would both count
	// the other: such changes take turns.
	if err := dialectOf(tx).lockKey(tx, "platform-admins"); err != nil {
		return err
	}
	var n int64
	if err := tx.Model(&User{}).Where("platform_admin AND NOT disabled AND id <> ?", exceptID).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return Errorf(ECONFLICT, "This is the last active platform administrator; make another account administrator first.")
	}
	return nil
}

// ChangePassword replaces the password after checking the current one, and
// ends every other session of the account, their access tokens included:
// other devices must log in again. The caller's own session (keepSession)
// stays open, so that changing a password does not log out the person who
// did it.
func (s *Store) ChangePassword(ctx context.Context, userID, keepSession, current, next string) error {
	u, err := s.GetUser(ctx, userID)
	if err != nil {
		return err
	}
	ok, err := CheckPassword(u.PasswordHash, current)
	if err != nil {
		return Internal(err)
	}
	if !ok {
		return &Error{Code: EINVALID, Message: "The current password is incorrect.", Fields: []FieldError{{Field: "current_password", Reason: reasonWrongPassword}}}
	}
	hash, err := s.newPasswordHash(ctx, next, u, "new_password")
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		return s.setPassword(tx, u, hash, keepSession, TrailPasswordChanged, nil)
	})
}

// newPasswordHash checks a new password for u against the policy (field
// names the input), with the names of u's structures as context, and
// hashes it.
func (s *Store) newPasswordHash(ctx context.Context, next string, u *User, field string) (string, error) {
	ms, err := s.MembershipsOf(ctx, u.ID)
	if err != nil {
		return "", err
	}
	structures := make([]string, len(ms))
	for i, m := range ms {
		structures[i] = m.ActorName
	}
	if err := ValidatePassword(next, PasswordContext{Email: u.Email, DisplayName: u.DisplayName, Structures: structures, CurrentHash: u.PasswordHash}); err != nil {
		var e *Error
		if errors.As(err, &e) {
			for i := range e.Fields {
				e.Fields[i].Field = field
			}
		}
		return "", err
	}
	hash, err := HashPassword(next)
	if err != nil {
		return "", Internal(err)
	}
	return hash, nil
}

// setPassword stores a new hash, ends the account's sessions but keep and its
// pending reset links, and records action in the trail.
func (s *Store) setPassword(tx *gorm.DB, u *User, hash, keep, action string, details map[string]any) error {
	now := s.now()
	if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"password_hash": hash, "updated_at": now}).Error; err != nil {
		return err
	}
	if err := revokeUserTokens(tx, u.ID, now, keep); err != nil {
		return err
	}
	// A reset link still pending ends too: issued for the password that
	// no longer is, it would let whoever read it take the account back for
	// the rest of its life (the person changed the password on noticing a
	// reset they had not asked for).
	if err := tx.Model(&passwordReset{}).Where("user_id = ? AND used_at IS NULL AND expires_at > ?", u.ID, now).Update("expires_at", now).Error; err != nil {
		return err
	}
	return s.trail(tx, TrailEvent{Action: action, SubjectKind: SubjectAccount, SubjectID: u.ID, SubjectLabel: u.Label()}, details)
}

var errBadCredentials = Errorf(EUNAUTHORIZED, "The e-mail or the password is incorrect.")

// lazyDummyHash is computed on first use so that programs that never log
// anyone in (tests, the CLI) do not pay for an argon2 hash at start-up.
var lazyDummyHash = sync.OnceValue(func() string { return dummyHash() })

// Authenticate checks an e-mail and password. Unknown e-mails, wrong
// passwords and disabled accounts give the same answer, in about the same
// time, so that the endpoint does not reveal which accounts exist.
func (s *Store) Authenticate(ctx context.Context, email, password string) (*User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	var u User
	err := gorm.ErrRecordNotFound
	if storable(email) {
		err = s.read(ctx).Take(&u, "email = ?", email).Error
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		_, _ = CheckPassword(lazyDummyHash(), password)
		return nil, errBadCredentials
	}
	if err != nil {
		return nil, dbError(err)
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		return nil, Internal(err)
	}
	if !ok || u.Disabled {
		return nil, errBadCredentials
	}
	return &u, nil
}

// LoadPrincipal rebuilds a person's rights from the database. A deleted or
// disabled account yields EUNAUTHORIZED even with a valid token; a removed
// membership is simply absent. It does not check a session: requests go
// through LoadSessionPrincipal.
func (s *Store) LoadPrincipal(ctx context.Context, userID string) (*Principal, error) {
	return s.loadPrincipal(ctx, userID, "", false)
}

// LoadSessionPrincipal is LoadPrincipal for a request's access token: the
// session the token names must still be open (not logged out, not ended by
// a password change, a reuse of its refresh token or the account's
// disabling). It costs one more primary-key lookup in the same read.
func (s *Store) LoadSessionPrincipal(ctx context.Context, userID, sessionID string) (*Principal, error) {
	return s.loadPrincipal(ctx, userID, sessionID, true)
}

func (s *Store) loadPrincipal(ctx context.Context, userID, sessionID string, checkSession bool) (*Principal, error) {
	if !ValidID(userID) {
		return nil, Errorf(EUNAUTHORIZED, "The token does not name a valid account.")
	}
	var p *Principal
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		var u User
		err := tx.Take(&u, "id = ?", userID).Error
		if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && u.Disabled) {
			return Errorf(EUNAUTHORIZED, "The account of this token is disabled or no longer exists.")
		}
		if err != nil {
			return err
		}
		if checkSession {
			live, err := sessionLive(tx, userID, sessionID, s.now())
			if err != nil {
				return err
			}
			if !live {
				return Errorf(EUNAUTHORIZED, "The session of this token has ended (logged out, password changed or account disabled); log in again.")
			}
		}
		p, err = principalOf(tx, &u)
		if p != nil {
			p.SessionID = sessionID
		}
		return err
	})
	return p, dbError(err)
}

// principalOf builds the rights of account u as they are in tx, and, when
// its credentials were disclosed, those of whoever they were disclosed to.
func principalOf(tx *gorm.DB, u *User) (*Principal, error) {
	p, err := rightsOf(tx, u)
	if err != nil || p.CredentialsDisclosedAt == nil || !ValidID(p.CredentialsDisclosedBy) {
		return p, err
	}
	var issuer User
	err = tx.Take(&issuer, "id = ? AND deleted_at IS NULL", p.CredentialsDisclosedBy).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || err == nil && issuer.Disabled {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	if p.DisclosedTo, err = rightsOf(tx, &issuer); err != nil {
		return nil, err
	}
	return p, nil
}

// rightsOf builds the rights of account u as they are in tx.
func rightsOf(tx *gorm.DB, u *User) (*Principal, error) {
	var ms []membershipRow
	if err := tx.Where("user_id = ?", u.ID).Order("actor_id").Find(&ms).Error; err != nil {
		return nil, err
	}
	p := &Principal{UserID: u.ID, Email: u.Email, DisplayName: u.DisplayName, ProfessionalEmail: u.ProfessionalEmail, PlatformAdmin: u.PlatformAdmin, Coordinates: u.Territory(),
		CredentialsDisclosedAt: u.CredentialsDisclosedAt, CredentialsDisclosedBy: u.CredentialsDisclosedBy}
	for _, m := range ms {
		p.Memberships = append(p.Memberships, Membership{ActorID: m.ActorID, Role: Role(m.Role), Since: m.CreatedAt})
	}
	return p, nil
}

// accountOf describes account u for the reset policy, as it is in tx.
func accountOf(tx *gorm.DB, u *User) (Account, error) {
	a := Account{ID: u.ID, PlatformAdmin: u.PlatformAdmin, Coordinator: !u.Territory().IsZero()}
	var ids []string
	if err := tx.Model(&membershipRow{}).Where("user_id = ?", u.ID).Order("actor_id").Pluck("actor_id", &ids).Error; err != nil {
		return a, err
	}
	for _, id := range ids {
		ref, err := actorRef(tx, id)
		if err != nil {
			return a, err
		}
		a.Structures = append(a.Structures, ref)
	}
	return a, nil
}

// AccountOf is accountOf for the handlers.
func (s *Store) AccountOf(ctx context.Context, userID string) (Account, error) {
	u, err := s.GetUser(ctx, userID)
	if err != nil {
		return Account{}, err
	}
	return accountOf(s.read(ctx), u)
}

// principalByScope is the caller a Principal.Scope names (who sent an
// invitation or issued a reset link), with their rights as they are now in
// tx: nil for an operator's command or a job (scope ""), which the policies
// treat as anonymous, and for an account since disabled or deleted, or a
// partner client. ok is false for those, true for "" (operators act with
// the database's own authority).
func principalByScope(tx *gorm.DB, scope string) (p *Principal, operator bool, err error) {
	if scope == "" {
		return nil, true, nil
	}
	id, isUser := strings.CutPrefix(scope, "user:")
	if !isUser || !ValidID(id) {
		return nil, false, nil
	}
	var u User
	err = tx.Take(&u, "id = ? AND deleted_at IS NULL", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || err == nil && u.Disabled {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	p, err = principalOf(tx, &u)
	return p, false, err
}
