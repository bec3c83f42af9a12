package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// Member is a person in a structure's team.
type Member struct {
	UserID      string `json:"user_id" format:"uuid"`
	Email       string `json:"email" example:"aidant@example.fr"`
	DisplayName string `json:"display_name"`
	Role        string `json:"role" enums:"manager,member"`
	Since       Time   `json:"since" format:"date-time"`
}

// MemberList is one page of a team.
type MemberList struct {
	Data  []Member  `json:"data"`
	Meta  ListMeta  `json:"meta"`
	Links ListLinks `json:"links"`
}

// MemberInput adds a person to a team, by e-mail.
type MemberInput struct {
	Email string `json:"email" example:"aidant@example.fr"`
	Role  string `json:"role" enums:"manager,member"`
}

// MemberPatch changes a member's role.
type MemberPatch struct {
	Role string `json:"role" enums:"manager,member"`
}

func newMember(m *models.Member) Member {
	return Member{UserID: m.UserID, Email: m.Email, DisplayName: m.DisplayName, Role: string(m.Role), Since: stamp(m.CreatedAt)}
}

// teamRef loads the actor whose team is addressed and checks that the
// caller may manage it: the directory is public, so a forbidden team answers
// 403, an unknown actor 404.
func (h *Handler) teamRef(c *gin.Context) (models.ActorRef, error) {
	ref, err := h.Store.ActorRef(c.Request.Context(), c.Param("id"))
	if err != nil {
		return ref, err
	}
	if !principal(c).CanManageMembers(ref) {
		return ref, models.Errorf(models.EFORBIDDEN, "Only the structure's managers (and administrators) manage its members.")
	}
	return ref, nil
}

// ListMembers godoc
//
//	@ID			listMembers
//	@Summary		List a structure's members
//	@Description	The structure's managers (including managers of its network) and administrators.
//	@Tags			members
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Actor id"	format(uuid)
//	@Param			cursor	query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit	query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200		{object}	MemberList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/actors/{id}/members [get]
func (h *Handler) ListMembers(c *gin.Context) error {
	ref, err := h.teamRef(c)
	if err != nil {
		return err
	}
	q := queryOf(c)
	p := q.page(models.SortID)
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListMembers(c.Request.Context(), ref.ID, p)
	if err != nil {
		return err
	}
	out := MemberList{Data: make([]Member, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newMember(&page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, p, page.Total, page.NextCursor)
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// AddMember godoc
//
//	@ID			addMember
//	@Summary		Invite a person to the team
//	@Description	Creates an invitation (202): when the service sends e-mail, its link goes to the invited address (delivery email); otherwise its token, shown this once, is passed on by the manager (delivery manual). The person accepts it at POST /api/v1/invitations/accept (with their current password when they already have an account, or a new one). Nobody joins a team without agreeing, and the answer is the same whether or not the e-mail has an account, so that it reveals nothing about who uses Carnet. A network's manager does not invite their own address (403 naming email): they would read the structure's referrals untraced (an administrator may, every read of theirs being traced). One invitation is pending per structure and address: a new one (another role, a mail lost) replaces the earlier, whose token stops working (trail: invitation.revoked, reason replaced). A current member's address answers 409 naming email, and nothing is sent: change the role in the members list. Recorded in the structure's security trail.
//	@Tags			members
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string		true	"Actor id"	format(uuid)
//	@Param			Idempotency-Key	header		string		false	"Makes retries safe: a retry gets the invitation again (with a new token if the first answer was lost). A refusal (4xx) is not kept: a corrected request may reuse the key"
//	@Param			member			body		MemberInput	true	"Who and which role"
//	@Success		202				{object}	InvitationCreated
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem	"Not a manager of the structure, or one's own address"
//	@Failure		404				{object}	Problem
//	@Failure		410				{object}	Problem	"Archived actor"
//	@Failure		413				{object}	Problem
//	@Failure		415				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Failure		429				{object}	Problem	"Too many invitations by this account or to this structure (Retry-After)"
//	@Failure		409	{object}	Problem	"The address is a current member's (email); or a request with the same Idempotency-Key is still running (Retry-After)"
//	@Router			/api/v1/actors/{id}/members [post]
func (h *Handler) AddMember(c *gin.Context) error {
	ref, err := h.teamRef(c)
	if err != nil {
		return err
	}
	var in MemberInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := h.limitMailing(c, "invite", principal(c).UserID, ref.ID); err != nil {
		return err
	}
	inv, token, err := h.Store.CreateInvitation(c.Request.Context(), models.NewInvitation{Email: in.Email, ActorID: ref.ID, Role: models.Role(in.Role)})
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusAccepted, newInvitationCreated(inv, token, h.Store.Notifies()))
	return nil
}

// UpdateMember godoc
//
//	@ID			updateMember
//	@Summary		Change a member's role
//	@Description	The structure's managers and administrators. Demoting the structure's last manager answers 409. Recorded in the structure's security trail.
//	@Tags			members
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string		true	"Actor id"		format(uuid)
//	@Param			user_id	path		string		true	"Account id"	format(uuid)
//	@Param			patch	body		MemberPatch	true	"The new role"
//	@Success		200		{object}	Member
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		409		{object}	Problem	"The structure's last manager"
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/actors/{id}/members/{user_id} [patch]
func (h *Handler) UpdateMember(c *gin.Context) error {
	ref, err := h.teamRef(c)
	if err != nil {
		return err
	}
	var in MemberPatch
	if err := decodeChanges(c, &in); err != nil {
		return err
	}
	m, err := h.Store.SetMemberRole(c.Request.Context(), ref.ID, c.Param("user_id"), models.Role(in.Role))
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newMember(m))
	return nil
}

// RemoveMember godoc
//
//	@ID			removeMember
//	@Summary		Remove a member
//	@Description	Managers and administrators remove anyone; a member may leave by removing themselves. The person loses the structure's rights on their next request. A structure keeps at least one manager: removing (or demoting) its last manager answers 409; make another member manager first. Recorded in the structure's security trail.
//	@Tags			members
//	@Security		BearerAuth
//	@Param			id		path	string	true	"Actor id"		format(uuid)
//	@Param			user_id	path	string	true	"Account id"	format(uuid)
//	@Success		204		"Removed"
//	@Failure		400		{object}	Problem	"An unknown query parameter"
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		409		{object}	Problem	"The structure's last manager"
//	@Router			/api/v1/actors/{id}/members/{user_id} [delete]
func (h *Handler) RemoveMember(c *gin.Context) error {
	p := principal(c)
	userID := c.Param("user_id")
	ref, err := h.Store.ActorRef(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if !p.CanManageMembers(ref) && !(p.UserID == userID && p.BelongsTo(ref.ID)) {
		return models.Errorf(models.EFORBIDDEN, "Only the structure's managers remove members; members may only leave.")
	}
	if err := h.Store.RemoveMember(c.Request.Context(), ref.ID, userID); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// PendingInvitation is an invitation to the structure that may still be
// accepted: who was invited, with which role, by whom, when and until when.
// Never its token, which only the invited address (or, with delivery
// manual, the inviter once) ever sees.
type PendingInvitation struct {
	ID    string `json:"id" format:"uuid"`
	Email string `json:"email" example:"aidant@example.fr"`
	Role  string `json:"role" enums:"manager,member"`
	// Who sent it; kind system for the operator's command line.
	InvitedBy Who  `json:"invited_by"`
	CreatedAt Time `json:"created_at" format:"date-time"`
	ExpiresAt Time `json:"expires_at" format:"date-time"`
	// email: the link was e-mailed to the person; manual: its token was shown to the inviter; unknown: sent before this was kept.
	Delivery string `json:"delivery" enums:"email,manual,unknown"`
}

// PendingInvitationList is one page of a structure's pending invitations.
type PendingInvitationList struct {
	Data  []PendingInvitation `json:"data"`
	Meta  ListMeta            `json:"meta"`
	Links ListLinks           `json:"links"`
}

// ListInvitations godoc
//
//	@ID			listInvitations
//	@Summary		List a structure's pending invitations
//	@Description	The invitations to the structure that may still be accepted (neither accepted, nor revoked, nor expired), oldest first: the address invited, the role, who sent it, when, until when, and how its token travelled — never the token, nor whether the address has an account. One whose sender has since lost the right to grant it is listed too (it would be refused on acceptance): revoke it to clear it. The structure's managers (including managers of its network) and administrators, as for its members.
//	@Tags			members
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Actor id"	format(uuid)
//	@Param			cursor	query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit	query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200		{object}	PendingInvitationList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/actors/{id}/invitations [get]
func (h *Handler) ListInvitations(c *gin.Context) error {
	ref, err := h.teamRef(c)
	if err != nil {
		return err
	}
	q := queryOf(c)
	p := q.page(models.SortID)
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListInvitations(c.Request.Context(), ref.ID, p)
	if err != nil {
		return err
	}
	out := PendingInvitationList{Data: make([]PendingInvitation, len(page.Items))}
	for i, inv := range page.Items {
		out.Data[i] = PendingInvitation{ID: inv.ID, Email: inv.Email, Role: inv.Role, CreatedAt: stamp(inv.CreatedAt), ExpiresAt: stamp(inv.ExpiresAt),
			Delivery: inv.Delivery, InvitedBy: Who{Kind: inv.InvitedByKind, ID: inv.InvitedByID, Label: inv.InvitedByLabel}}
	}
	out.Meta, out.Links = listMeta(c, p, page.Total, page.NextCursor)
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// RevokeInvitation godoc
//
//	@ID			revokeInvitation
//	@Summary		Revoke a pending invitation
//	@Description	Withdraws an invitation to the structure that was not accepted yet (a wrong address, a person who left before accepting): its token stops working at once, with a session or without (404, as an unknown one), and a retry of its creation with the same Idempotency-Key issues no new token. Recorded in the structure's security trail (invitation.revoked). An accepted invitation answers 409 (remove the member instead); one that is unknown, another structure's, expired or already revoked answers 404. The structure's managers and administrators.
//	@Tags			members
//	@Security		BearerAuth
//	@Param			id				path	string	true	"Actor id"		format(uuid)
//	@Param			invitation_id	path	string	true	"Invitation id"	format(uuid)
//	@Success		204		"Revoked"
//	@Failure		400		{object}	Problem	"An unknown query parameter"
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		409		{object}	Problem	"Already accepted"
//	@Router			/api/v1/actors/{id}/invitations/{invitation_id} [delete]
func (h *Handler) RevokeInvitation(c *gin.Context) error {
	ref, err := h.teamRef(c)
	if err != nil {
		return err
	}
	if err := h.Store.RevokeInvitation(c.Request.Context(), ref.ID, c.Param("invitation_id")); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
