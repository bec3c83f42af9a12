package handlers

import (
	"net/http"

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
	ExpiresAt     Time          `json:"expires_at" format:"date-time"`
	// email: the link was e-mailed to the person; manual: pass the token on yourself.
	Delivery string `json:"delivery" enums:"email,manual"`
	// "" when e-mailed.
	Token string `json:"token" example:"inv_…"`
}

// InvitationAccept accepts an invitation.
type InvitationAccept struct {
	Token string `json:"token"`
	// Without a session: the new account's password (at least 15
	// characters, under the same policy as a sign-up's, the structure's
	// name as context), judged alike whether or not the address has an
	// account. Not needed with a session (the address's own account
	// accepts signed in).
	Password    string `json:"password,omitempty"`
	DisplayName string `json:"display_name,omitempty"`
}

// newInvitationCreated shows the token only when no e-mail carries it: a
// token in an API answer travels through the inviter's tools and logs.
func newInvitationCreated(inv *models.Invitation, token string, emailed bool) InvitationCreated {
	out := InvitationCreated{ID: inv.ID, Email: inv.Email, ActorID: inv.ActorID, Role: inv.Role, PlatformAdmin: inv.PlatformAdmin,
		Coordinator: TerritoryBody{Departements: list(inv.CoordinatorDepartements), Communes: list(inv.CoordinatorCommunes)},
		ExpiresAt:   stamp(inv.ExpiresAt), Token: token, Delivery: "manual"}
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
//	@Failure		429			{object}	Problem	"Too many invitations by this account or to this structure (Retry-After)"
//	@Failure		409	{object}	Problem	"With actor_id: the address is a current member's (email); or a request with the same Idempotency-Key is still running (Retry-After)"
//	@Router			/api/v1/invitations [post]
func (h *Handler) CreateInvitation(c *gin.Context) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	var in InvitationInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := h.limitMailing(c, "invite", principal(c).UserID, in.ActorID); err != nil {
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

// InvitationSubmitted answers a token posted without a session: the same
// whether or not the invited address has an account, so that whoever holds
// the token (the inviter, when it was shown to them) cannot tell.
type InvitationSubmitted struct {
	// What comes next, always the same text: log in with the password
	// chosen; if the address already had an account, nothing changed: sign
	// in to it and post the token with its session.
	Next string `json:"next" example:"POST /api/v1/auth/login"`
}

const invitationNext = "Log in at POST /api/v1/auth/login with this e-mail and the password chosen. If the address already had an account, nothing changed: sign in to it and post the token again with its session (Authorization) to accept."

// AcceptInvitation godoc
//
//	@ID			acceptInvitation
//	@Summary		Accept an invitation
//	@Description	Without a session (token and password): for an address with no account, creates it with that password and applies the invitation's grants; the answer (202) is the same whether or not the address already has an account — for one that has, nothing is created or checked and the token no longer works without a session, as once it was used — so that whoever holds a token shown by hand cannot learn whether an address has an account. An account whose password was set with a token shown to its inviter (delivery manual) counts as disclosed to the inviter: its reads of referrals are traced with reason password_set_through_another_s_reset and issued_by. With a session (Authorization: the invited address's own account, signed in; no password): applies the grants to that account and answers it (200); an invitation to another address answers 404. Either way only if whoever sent it may still grant them (a manager since removed from the team, an administrator since demoted or disabled: 404), and, to a structure, never to the account that sent it unless an administrator (403: a network's manager would read the structure's referrals untraced). Limited per IP address.
//	@Tags			accounts
//	@Accept			json
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Param			acceptance	body		InvitationAccept	true	"Token, and password when posted without a session"
//	@Success		200			{object}	UserDetail	"Accepted by the account signed in"
//	@Success		202			{object}	InvitationSubmitted	"Posted without a session: the same answer whether or not the address had an account"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"(signed in) An invitation to a structure that this very account (not an administrator) sent"
//	@Failure		404			{object}	Problem	"Unknown, used or expired invitation, one whose sender may no longer grant it, or (signed in) one to another address"
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
	if p := principal(c); p != nil {
		if err := incomplete("The token request is incomplete.", [2]string{"token", in.Token}); err != nil {
			return err
		}
		if err := h.limit(c, ""); err != nil {
			return err
		}
		// A partner client is no account: nothing it may accept.
		u, err := h.Store.AcceptInvitationAs(c.Request.Context(), in.Token, p.UserID)
		if err != nil {
			return err
		}
		return h.writeUserDetail(c, u)
	}
	if err := incomplete("The token request is incomplete.", [2]string{"token", in.Token}, [2]string{"password", in.Password}); err != nil {
		return err
	}
	// Per address only: no existing account's password is checked here,
	// and a per-account count would let whoever holds a token lock the
	// address's owner out of logging in.
	if err := h.limit(c, ""); err != nil {
		return err
	}
	if err := h.Store.AcceptInvitation(c.Request.Context(), in.Token, in.Password, in.DisplayName); err != nil {
		return err
	}
	writeJSON(c, http.StatusAccepted, InvitationSubmitted{Next: invitationNext})
	return nil
}
