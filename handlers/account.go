package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// ProfilePatch is a person's change to their own account; absent fields are
// kept, "" or null clears one.
type ProfilePatch struct {
	// The name others see (teams, referrals, messages).
	DisplayName *string `json:"display_name,omitempty" extensions:"x-nullable" example:"Camille Martin" maxLength:"200"`
	// Your function, shown on the referrals you send or accept.
	JobTitle *string `json:"job_title,omitempty" extensions:"x-nullable" example:"Conseillère numérique" maxLength:"100"`
	// A professional e-mail the structures you exchange referrals with may use. It is shown to them only once verified, that is when it is your login address (which otherwise stays private): any other address is nobody's proof and would let anyone pass for a colleague.
	ProfessionalEmail *string `json:"professional_email,omitempty" extensions:"x-nullable" example:"camille.martin@mediatheque.example.fr"`
	// A professional phone, likewise; national or international format.
	ProfessionalPhone *string `json:"professional_phone,omitempty" extensions:"x-nullable" example:"04 91 00 00 00"`
}

// AccountDeletion confirms the deletion of one's own account.
type AccountDeletion struct {
	Password string `json:"password"`
}

// NotificationChoice is one kind of e-mail and whether the caller gets it.
type NotificationChoice struct {
	Kind  string `json:"kind" example:"referral_received"`
	Label string `json:"label" example:"Une nouvelle orientation est adressée à ma structure"`
	// Optional kinds can be turned off; the others answer something the person asked for.
	Optional bool `json:"optional"`
	Enabled  bool `json:"enabled"`
}

// NotificationSettings are the caller's e-mail notifications.
type NotificationSettings struct {
	// email: this service e-mails notifications to email; disabled: it sends no e-mail at all (no SMTP server configured), choices are kept for when it does.
	Delivery string               `json:"delivery" enums:"email,disabled"`
	Email    string               `json:"email"`
	Kinds    []NotificationChoice `json:"kinds"`
}

// people refuses partner clients: accounts are people's.
func people(c *gin.Context) (*models.Principal, error) {
	p := principal(c)
	if p.IsPartner() {
		return nil, models.Errorf(models.EFORBIDDEN, "Partner clients have no personal account to manage.")
	}
	return p, nil
}

// UpdateMe godoc
//
//	@ID			updateMe
//	@Summary		Change my name and professional contact
//	@Description	The name others see, your function, and the professional e-mail and phone you share with the structures you exchange referrals with (shown on the referrals you send or accept; needed to send a referral whose person is reached through you, contact_channel referent). Your login e-mail is never shown to them.
//	@Tags			me
//	@Accept			json
//	@Accept			application/merge-patch+json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			profile	body		ProfilePatch	true	"Fields to change"
//	@Success		200		{object}	UserDetail
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem	"Partner clients"
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/me [patch]
func (h *Handler) UpdateMe(c *gin.Context) error {
	p, err := people(c)
	if err != nil {
		return err
	}
	var in ProfilePatch
	if err := decodeChanges(c, &in, "display_name", "job_title", "professional_email", "professional_phone"); err != nil {
		return err
	}
	u, err := h.Store.UpdateProfile(c.Request.Context(), p.UserID, models.ProfileUpdate{DisplayName: in.DisplayName, JobTitle: in.JobTitle,
		ProfessionalEmail: in.ProfessionalEmail, ProfessionalPhone: in.ProfessionalPhone})
	if err != nil {
		return err
	}
	return h.writeUserDetail(c, u)
}

// DeleteMe godoc
//
//	@ID			deleteMe
//	@Summary		Delete my account
//	@Description	Confirmed with your password. Your e-mail, name, contacts, password and rights are erased and your sessions end; the referrals, messages and histories that name you keep a neutral « compte supprimé ». The last platform administrator, and the last manager of a structure that has other members, must hand over first (409). The same e-mail can sign up again later.
//	@Tags			me
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			confirmation	body	AccountDeletion	true	"Your password"
//	@Success		204
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem	"Partner clients"
//	@Failure		409	{object}	Problem	"Last administrator, or last manager of a team"
//	@Failure		413	{object}	Problem
//	@Failure		415	{object}	Problem
//	@Failure		422	{object}	Problem	"Wrong password"
//	@Failure		429	{object}	Problem
//	@Router			/api/v1/me [delete]
func (h *Handler) DeleteMe(c *gin.Context) error {
	p, err := people(c)
	if err != nil {
		return err
	}
	var in AccountDeletion
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := h.limitCredential(c, p.Email); err != nil {
		return err
	}
	if err := h.Store.DeleteAccount(c.Request.Context(), p.UserID, in.Password); err != nil {
		return h.credentialChecked(c, p.Email, err)
	}
	c.Status(http.StatusNoContent)
	return nil
}

func (h *Handler) notificationSettings(u *models.User) NotificationSettings {
	out := NotificationSettings{Delivery: "disabled", Email: u.Email, Kinds: make([]NotificationChoice, len(models.NotificationKinds))}
	if h.Store.Notifies() {
		out.Delivery = "email"
	}
	for i, k := range models.NotificationKinds {
		out.Kinds[i] = NotificationChoice{Kind: k.Kind, Label: k.Label, Optional: k.Optional, Enabled: !k.Optional || !u.NotificationsOff.Contains(k.Kind)}
	}
	return out
}

// GetMyNotifications godoc
//
//	@ID			getMyNotifications
//	@Summary		My e-mail notifications
//	@Description	Which e-mails you get: a new referral to your structure, an answer or outcome of a referral you sent, messages, reminders, join requests and suggestions to moderate. Each is a sentence and a link, never a person's data. Invitations, reset links and sign-up confirmations are always sent.
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	NotificationSettings
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem	"Partner clients"
//	@Router			/api/v1/me/notifications [get]
func (h *Handler) GetMyNotifications(c *gin.Context) error {
	p, err := people(c)
	if err != nil {
		return err
	}
	u, err := h.Store.GetUser(c.Request.Context(), p.UserID)
	if err != nil {
		return err
	}
	privateNoStore(c)
	writeJSON(c, http.StatusOK, h.notificationSettings(u))
	return nil
}

// UpdateMyNotifications godoc
//
//	@ID			updateMyNotifications
//	@Summary		Choose my e-mail notifications
//	@Description	An object of kind → true (receive) or false (do not); kinds absent are kept. Only optional kinds can be turned off (422 otherwise).
//	@Tags			me
//	@Accept			json
//	@Accept			application/merge-patch+json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			choices	body		map[string]bool	true	"Kinds to turn on or off"
//	@Success		200		{object}	NotificationSettings
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem	"Partner clients"
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/me/notifications [patch]
func (h *Handler) UpdateMyNotifications(c *gin.Context) error {
	p, err := people(c)
	if err != nil {
		return err
	}
	var in map[string]bool
	if err := decodeChanges(c, &in); err != nil {
		return err
	}
	u, err := h.Store.SetNotifications(c.Request.Context(), p.UserID, in)
	if err != nil {
		return err
	}
	privateNoStore(c)
	writeJSON(c, http.StatusOK, h.notificationSettings(u))
	return nil
}
