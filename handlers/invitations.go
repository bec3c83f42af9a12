package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// InvitationInput invites a person to create an account with grants.
type InvitationInput struct {
	Email string `json:"email" example:"coordination@example.fr"`
	// A structure to join, with role.
	ActorID string `json:"actor_id,omitempty" format:"uuid"`
	Role    string `json:"role,omitempty" enums:"manager,member"`
	// Make the person a platform administrator.
	PlatformAdmin bool `json:"platform_admin,omitempty"`
	// Make the person a territorial coordinator.
	Coordinator *TerritoryInput `json:"coordinator,omitempty"`
}

// InvitationCreated is an invitation. When the service sends e-mail, the
// token goes to the invited address only (delivery email, token ""); else
// it is shown this once (delivery manual): pass it to the person, who
// accepts it at POST /api/v1/invitations/accept.
type InvitationCreated struct {
	ID            string        `json:"id" format:"uuid"`
	Email         string        `json:"email"`
	ActorID       *string       `json:"actor_id" format:"uuid" extensions:"x-nullable"`
	Role          string        `json:"role"`
	PlatformAdmin bool          `json:"platform_admin"`
	Coordinator   TerritoryBody `json:"coordinator"`
	ExpiresAt     time.Time     `json:"expires_at" format:"date-time"`
	// email: the link was e-mailed to the person; manual: pass the token on yourself.
	Delivery string `json:"delivery" enums:"email,manual"`
	// "" when e-mailed.
	Token string `json:"token" example:"inv_…"`
}

// InvitationAccept accepts an invitation.
type InvitationAccept struct {
	Token string `json:"token"`
	// The new account's password (at least 15 characters, under the same
	// policy as a sign-up's, the structure's name as context), or the current
	// password when an account with the invited e-mail already exists
	// (which an earlier policy allowed as short as 12 characters).
	Password    string `json:"password"`
	DisplayName string `json:"display_name,omitempty"`
}

// newInvitationCreated shows the token only when no e-mail carries it: a
// token in an API answer travels through the inviter's tools and logs.
func newInvitationCreated(inv *models.Invitation, token string, emailed bool) InvitationCreated {
	out := InvitationCreated{ID: inv.ID, Email: inv.Email, ActorID: inv.ActorID, Role: inv.Role, PlatformAdmin: inv.PlatformAdmin,
		Coordinator: TerritoryBody{Departements: list(inv.CoordinatorDepartements), Communes: list(inv.CoordinatorCommunes)},
		ExpiresAt:   inv.ExpiresAt, Token: token, Delivery: "manual"}
	if emailed {
		out.Token, out.Delivery = "", "email"
	}
	return out
}

// CreateInvitation godoc
//
//	@ID			createInvitation
//	@Summary		Invite a person
//	@Description	Administrators invite anyone with any grant (administration, a coordinator's territory, a role on a structure). Managers invite people to their own structure, with AddMember. When the service sends e-mail, the invitation link goes to the invited address (delivery email); otherwise the answer carries the token, shown this once (delivery manual). It expires after 7 days.
//	@Tags			accounts
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Makes retries safe: a retry with the same key and body gets the first success again (Idempotent-Replayed: true). A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			invitation	body		InvitationInput	true	"Who and what"
//	@Success		201			{object}	InvitationCreated
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem	"Unknown actor"
//	@Failure		410			{object}	Problem	"Archived actor"
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		409	{object}	Problem	"A request with the same Idempotency-Key is still running (Retry-After)"
//	@Router			/api/v1/invitations [post]
func (h *Handler) CreateInvitation(c *gin.Context) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	var in InvitationInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ni := models.NewInvitation{Email: in.Email, ActorID: in.ActorID, Role: models.Role(in.Role), PlatformAdmin: in.PlatformAdmin}
	if in.Coordinator != nil {
		ni.Coordinates = models.Territory{Departements: in.Coordinator.Departements, Communes: in.Coordinator.Communes}
	}
	inv, token, err := h.Store.CreateInvitation(c.Request.Context(), ni)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusCreated, newInvitationCreated(inv, token, h.Store.Notifies()))
	return nil
}

// AcceptInvitation godoc
//
//	@ID			acceptInvitation
//	@Summary		Accept an invitation
//	@Description	Creates the account (or, when one exists with the invited e-mail, checks its password) and applies the invitation's grants, if whoever sent it may still grant them (a manager since removed from the team, an administrator since demoted or disabled: 404). Then log in at POST /api/v1/auth/login. Limited per IP address and, as a login is, per invited e-mail.
//	@Tags			accounts
//	@Accept			json
//	@Produce		json
//	@Param			acceptance	body		InvitationAccept	true	"Token and password"
//	@Success		200			{object}	UserDetail
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem	"Wrong password for the existing account"
//	@Failure		404			{object}	Problem	"Unknown, used or expired invitation, or one whose sender may no longer grant it"
//	@Failure		410			{object}	Problem	"The structure was archived"
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem	"The password does not meet the policy (too short, or too easy to guess)"
//	@Failure		429			{object}	Problem
//	@Router			/api/v1/invitations/accept [post]
func (h *Handler) AcceptInvitation(c *gin.Context) error {
	var in InvitationAccept
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := incomplete("The token request is incomplete.", [2]string{"token", in.Token}, [2]string{"password", in.Password}); err != nil {
		return err
	}
	// The invited address's account, when it exists, proves itself with
	// its password: the attempts count against it as a login's do, so
	// that an invitation's token is no way around the login's limit.
	email, err := h.Store.InvitationEmail(c.Request.Context(), in.Token)
	if err != nil {
		return err
	}
	if err := h.limit(c, email); err != nil {
		return err
	}
	u, err := h.Store.AcceptInvitation(c.Request.Context(), in.Token, in.Password, in.DisplayName)
	if err != nil {
		return err
	}
	return h.writeUserDetail(c, u)
}
