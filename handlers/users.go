package handlers

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// TerritoryBody is a coordinator's territory.
type TerritoryBody struct {
	// Département codes: 13, 2A, 974…
	Departements []string `json:"departements" validate:"max=500" example:"13"`
	// INSEE commune codes (a name of one commune is accepted and stored as
	// its code). A city covers its arrondissements, and a commune every
	// place resolved there, imported ones included.
	Communes []string `json:"communes" validate:"max=500" example:"06088"`
}

// TerritoryInput sets a coordinator's territory. It replaces the whole
// territory (it is not merged): an absent list is empty, and both empty
// end the coordination.
type TerritoryInput struct {
	// Département codes: 13, 2A, 974…
	Departements []string `json:"departements,omitempty" validate:"max=500" example:"13"`
	// INSEE commune codes, or names of communes (stored as their code).
	Communes []string `json:"communes,omitempty" validate:"max=500" example:"06088"`
}

// User is an account as administrators see it.
type User struct {
	ID            string `json:"id" format:"uuid"`
	Email         string `json:"email" example:"aidant@example.fr"`
	DisplayName   string `json:"display_name" example:"Camille Martin"`
	PlatformAdmin bool   `json:"platform_admin"`
	Disabled      bool   `json:"disabled"`
	// The territory the account coordinates; both lists empty if none.
	Coordinator TerritoryBody `json:"coordinator"`
	// What the person shares with the structures they exchange referrals with.
	JobTitle          string `json:"job_title" example:"Conseillère numérique"`
	ProfessionalEmail string `json:"professional_email" example:"camille.martin@mediatheque.example.fr"`
	ProfessionalPhone string `json:"professional_phone" example:"+33491000000"`
	CreatedAt         Time   `json:"created_at" format:"date-time"`
	UpdatedAt         Time   `json:"updated_at" format:"date-time"`
}

// MembershipView is one of an account's structures.
type MembershipView struct {
	ActorID   string `json:"actor_id" format:"uuid"`
	ActorName string `json:"actor_name"`
	Role      string `json:"role" enums:"manager,member"`
}

// UserDetail is an account with its structures.
type UserDetail struct {
	User
	Memberships []MembershipView `json:"memberships"`
}

// UserList is one page of accounts.
type UserList struct {
	Data  []User    `json:"data"`
	Meta  ListMeta  `json:"meta"`
	Links ListLinks `json:"links"`
}

// UserPatch changes an account; absent fields are kept.
type UserPatch struct {
	DisplayName   *string         `json:"display_name,omitempty" maxLength:"200" extensions:"x-nullable"`
	PlatformAdmin *bool           `json:"platform_admin,omitempty"`
	Disabled      *bool           `json:"disabled,omitempty"`
	Coordinator   *TerritoryPatch `json:"coordinator,omitempty"`
}

// TerritoryPatch changes a coordinator's territory, merged as RFC 7396
// merges a nested object: a list left out is kept, a list sent replaces
// it, null or [] empties it; both empty end the coordination.
type TerritoryPatch struct {
	// Département codes: 13, 2A, 974…; null empties the list.
	Departements patchList `json:"departements,omitempty" validate:"max=500" swaggertype:"array,string" extensions:"x-nullable" example:"13"`
	// INSEE commune codes, or names of communes (stored as their code); null empties the list.
	Communes patchList `json:"communes,omitempty" validate:"max=500" swaggertype:"array,string" extensions:"x-nullable" example:"06088"`
}

// patchList is a list of a merge patch: nil when left out, empty (not
// nil) when sent as [] or null. encoding/json reads null as « left out »
// into a plain slice, and the coordinator's département was lost with a
// patch of their communes (probe 38a, M1).
type patchList []string

func (l *patchList) UnmarshalJSON(b []byte) error {
	var v []string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v == nil {
		v = []string{} // null: the list is removed, that is emptied
	}
	*l = v
	return nil
}

func territoryBody(t models.Territory) TerritoryBody {
	return TerritoryBody{Departements: list(t.Departements), Communes: list(t.Communes)}
}

func newUser(u *models.User) User {
	return User{ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, PlatformAdmin: u.PlatformAdmin, Disabled: u.Disabled,
		Coordinator: territoryBody(u.Territory()), JobTitle: u.JobTitle, ProfessionalEmail: u.ProfessionalEmail, ProfessionalPhone: u.ProfessionalPhone,
		CreatedAt: stamp(u.CreatedAt), UpdatedAt: stamp(u.UpdatedAt)}
}

func (h *Handler) userDetail(c *gin.Context, u *models.User) (UserDetail, error) {
	ms, err := h.Store.MembershipsOf(c.Request.Context(), u.ID)
	if err != nil {
		return UserDetail{}, err
	}
	out := UserDetail{User: newUser(u), Memberships: make([]MembershipView, len(ms))}
	for i, m := range ms {
		out.Memberships[i] = MembershipView{ActorID: m.ActorID, ActorName: m.ActorName, Role: string(m.Role)}
	}
	return out, nil
}

// writeUserDetail answers with an account and its structures.
func (h *Handler) writeUserDetail(c *gin.Context, u *models.User) error {
	out, err := h.userDetail(c, u)
	if err != nil {
		return err
	}
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}

func requireAdmin(c *gin.Context) error {
	if !principal(c).IsAdmin() {
		return models.Errorf(models.EFORBIDDEN, "Only platform administrators may do this.")
	}
	return nil
}

// ListUsers godoc
//
//	@ID			listUsers
//	@Summary		List accounts
//	@Description	Platform administrators only.
//	@Tags			accounts
//	@Produce		json
//	@Security		BearerAuth
//	@Param			email			query		string	false	"Part of the e-mail"	maxlength(500)
//	@Param			disabled		query		bool	false	"Disabled accounts only, or enabled only"
//	@Param			platform_admin	query		bool	false	"Administrators only, or others only"
//	@Param			cursor			query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit			query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200				{object}	UserList
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Router			/api/v1/users [get]
func (h *Handler) ListUsers(c *gin.Context) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	f, err := userFilterFromQuery(queryOf(c))
	if err != nil {
		return err
	}
	page, err := h.Store.ListUsers(c.Request.Context(), f)
	if err != nil {
		return err
	}
	out := UserList{Data: make([]User, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newUser(&page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}

func userFilterFromQuery(q *queryParser) (models.UserFilter, error) {
	f := models.UserFilter{Email: q.one("email"), Disabled: q.boolean("disabled"), Admins: q.boolean("platform_admin"), ListParams: q.page(models.SortID)}
	return f, q.err()
}

// GetUser godoc
//
//	@ID			getUser
//	@Summary		Get an account
//	@Description	Administrators see every account; anyone sees their own.
//	@Tags			accounts
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Account id"	format(uuid)
//	@Success		200	{object}	UserDetail
//	@Failure		401	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/users/{id} [get]
func (h *Handler) GetUser(c *gin.Context) error {
	p, id := principal(c), c.Param("id")
	// Accounts are private: to others they do not exist.
	if !p.IsAdmin() && p.UserID != id {
		return models.Errorf(models.ENOTFOUND, "No account has the id %q.", clip(id))
	}
	u, err := h.Store.GetUser(c.Request.Context(), id)
	if err != nil {
		return err
	}
	return h.writeUserDetail(c, u)
}

// UpdateUser godoc
//
//	@ID			updateUser
//	@Summary		Change an account
//	@Description	Platform administrators only: rename, grant or remove administration, set a coordinator's territory, disable or enable. A disabled account loses access on its next request; the last active administrator cannot be disabled or demoted.
//	@Tags			accounts
//	@Accept			json
//	@Accept			application/merge-patch+json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string		true	"Account id"	format(uuid)
//	@Param			patch	body		UserPatch	true	"Fields to change"
//	@Success		200		{object}	UserDetail
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		409		{object}	Problem	"Last administrator"
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/users/{id} [patch]
func (h *Handler) UpdateUser(c *gin.Context) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	var in UserPatch
	if err := decodeChanges(c, &in, "display_name"); err != nil {
		return err
	}
	up := models.UserUpdate{DisplayName: in.DisplayName, PlatformAdmin: in.PlatformAdmin, Disabled: in.Disabled}
	if in.Coordinator != nil {
		up.Coordinates = &models.Territory{Departements: in.Coordinator.Departements, Communes: in.Coordinator.Communes} // nil: kept
	}
	u, err := h.Store.UpdateUser(c.Request.Context(), c.Param("id"), up)
	if err != nil {
		return err
	}
	return h.writeUserDetail(c, u)
}

// Me is the caller: a person's account with its structures, or a partner
// client.
type Me struct {
	Kind string `json:"kind" enums:"user,client"`
	// The person's account; null for a partner client.
	User *UserDetail `json:"user" extensions:"x-nullable"`
	// The partner client; null for a person.
	Client *PartnerClient `json:"client" extensions:"x-nullable"`
}

// GetMe godoc
//
//	@ID			getMe
//	@Summary		Who am I
//	@Description	The caller's account, roles per structure and coordinated territory, or the partner client's sources and scopes. Rights are read from the database on every request.
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Success		200	{object}	Me
//	@Failure		401	{object}	Problem
//	@Router			/api/v1/me [get]
func (h *Handler) GetMe(c *gin.Context) error {
	p := principal(c)
	ctx := c.Request.Context()
	if p.IsPartner() {
		cl, err := h.Store.GetPartnerClient(ctx, p.ClientID)
		if err != nil {
			return err
		}
		v := newPartnerClient(cl)
		privateNoStore(c)
		writeJSON(c, http.StatusOK, Me{Kind: "client", Client: &v})
		return nil
	}
	u, err := h.Store.GetUser(ctx, p.UserID)
	if err != nil {
		return err
	}
	d, err := h.userDetail(c, u)
	if err != nil {
		return err
	}
	privateNoStore(c)
	writeJSON(c, http.StatusOK, Me{Kind: "user", User: &d})
	return nil
}

// PasswordResetRequest asks for a reset link for an account.
type PasswordResetRequest struct {
	// For a structure's manager: the structure on whose behalf (one the
	// account belongs to); default: one of them. Administrators omit it.
	ActorID string `json:"actor_id,omitempty" format:"uuid"`
}

// PasswordResetIssued is a reset link. When the service sends e-mail, the
// link goes to the account's address only (delivery email, token ""); else
// its token is shown this once (delivery manual): give it to the person,
// who sets a new password at POST /api/v1/auth/password-reset.
type PasswordResetIssued struct {
	ID     string `json:"id" format:"uuid"`
	UserID string `json:"user_id" format:"uuid"`
	Email  string `json:"email"`
	// email: the link was e-mailed to the account's address; manual: pass the token on yourself.
	Delivery string `json:"delivery" enums:"email,manual"`
	// "" when e-mailed.
	Token     string `json:"token" example:"pwr_…"`
	ExpiresAt Time   `json:"expires_at" format:"date-time"`
	// Where the person uses the token, with their new password.
	Use string `json:"use" example:"POST /api/v1/auth/password-reset"`
}

// newPasswordResetIssued shows the token only when no e-mail carries it
// (the store recorded the delivery: a manual one discloses the account's
// next password to the issuer).
func newPasswordResetIssued(r *models.PasswordReset) PasswordResetIssued {
	out := PasswordResetIssued{ID: r.ID, UserID: r.UserID, Email: r.Email, Token: r.Token, Delivery: models.ResetDeliveryManual, ExpiresAt: stamp(r.ExpiresAt), Use: "POST /api/v1/auth/password-reset"}
	if r.Delivery == models.ResetDeliveryEmail {
		out.Token, out.Delivery = "", models.ResetDeliveryEmail
	}
	return out
}

// IssuePasswordReset godoc
//
//	@ID			issuePasswordReset
//	@Summary		Issue a password reset link
//	@Description	For a person who forgot their password: an administrator (any account), or a manager of a structure for an account whose every membership is in structures they manage and which has no administration or coordination rights (others answer 404, as accounts are private). When the service sends e-mail, the link goes to the account's address (delivery email) and the token is not shown; otherwise the single-use token is shown once (delivery manual): once a password is set with a token shown to someone other than the account, the account's reads of referrals sent before then, and of later ones the issuer could not read untraced themself (an administrator, a network's manager, anyone outside the referral's structures), are traced in their structures' trail (reason password_set_through_another_s_reset, with the issuer), until a reset e-mailed to the account. It expires after 4 hours, replaces the account's earlier links, and is recorded in the security trail that the structure's managers and administrators read. At most 3 links per account and hour (429).
//	@Tags			accounts
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string					true	"Account id"	format(uuid)
//	@Param			Idempotency-Key	header		string					false	"Makes retries safe: a retry gets the link again (with a new token if the first answer was lost). A refusal (4xx) is not kept: a corrected request may reuse the key"
//	@Param			request			body		PasswordResetRequest	true	"On whose behalf ({} for administrators)"
//	@Success		201				{object}	PasswordResetIssued
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem	"Partner clients"
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem	"Disabled account"
//	@Failure		413				{object}	Problem
//	@Failure		415				{object}	Problem
//	@Failure		429				{object}	Problem
//	@Failure		422	{object}	Problem	"Invalid, or an Idempotency-Key reused for another request"
//	@Router			/api/v1/users/{id}/password-reset [post]
func (h *Handler) IssuePasswordReset(c *gin.Context) error {
	p := principal(c)
	if p.IsPartner() {
		return models.Errorf(models.EFORBIDDEN, "Partner clients do not manage accounts.")
	}
	var in PasswordResetRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request.Context()
	id := c.Param("id")
	actorID, err := h.resetOnBehalf(c, id, in.ActorID)
	if err != nil {
		return err
	}
	if err := h.limit(c, "reset-issuer:"+p.Scope()); err != nil {
		return err
	}
	r, err := h.Store.IssuePasswordReset(ctx, id, actorID)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusCreated, newPasswordResetIssued(r))
	return nil
}

// resetOnBehalf checks that the caller may issue a reset link for the
// account and returns the structure on whose behalf ("" for an
// administrator). A manager could otherwise take over an account that holds
// rights elsewhere (another structure, a territory, the platform): only
// accounts whose every right comes from structures the caller manages
// qualify.
func (h *Handler) resetOnBehalf(c *gin.Context, userID, actorID string) (string, error) {
	p := principal(c)
	ctx := c.Request.Context()
	notFound := models.Errorf(models.ENOTFOUND, "No account has the id %q.", clip(userID))
	// One rule, decided again when the link is used (models.ResetPassword).
	acct, err := h.Store.AccountOf(ctx, userID)
	switch {
	case p.IsAdmin():
		return "", err
	case models.ErrorCode(err) == models.ENOTFOUND:
		return "", notFound
	case err != nil:
		return "", err
	case !p.CanIssueReset(acct):
		return "", notFound
	}
	ms, err := h.Store.MembershipsOf(ctx, userID)
	if err != nil {
		return "", err
	}
	chosen := ""
	for _, m := range ms {
		if chosen == "" || m.ActorID == actorID {
			chosen = m.ActorID
		}
	}
	if actorID != "" && chosen != actorID {
		return "", notFound
	}
	return chosen, nil
}
