package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// ReplayByReference is set on a request whose answer must not be stored for
// Idempotency-Key replays (it holds a person's data): a replay renders the
// created record again for the caller, after checking its rights.
const ReplayByReference = "idempotency.by_reference"

// RenderCreated answers a replayed creating request whose first answer is
// not stored: the record it created is rendered again, as its creation
// answered, for a caller who may still see it. Answers that carried a
// secret shown once (an invitation token, a client secret, a reset token)
// cannot be rebuilt: the secret is replaced and the new one is returned, so
// that the one that may have been lost stops working — the same key gets
// the same record, not the same secret. A replaced link's e-mail still
// queued is dropped with it, and the new link is e-mailed.
func (h *Handler) RenderCreated(c *gin.Context, entity, id string) error {
	ctx := c.Request.Context()
	switch entity {
	case models.EntityActor:
		a, err := h.Store.GetActor(ctx, id)
		if err != nil {
			return err
		}
		c.Header("Location", "/api/v1/actors/"+a.ID)
		return h.writeActor(c, http.StatusCreated, a)
	case models.EntityService:
		return h.writeServiceRecord(c, http.StatusCreated, id)
	case models.EntityReferral:
		r, _, err := h.referralByID(c, id)
		if err != nil {
			return err
		}
		c.Header("Location", "/api/v1/referrals/"+r.ID)
		c.Header("Cache-Control", "no-store")
		return writeReferral(c, http.StatusCreated, h.namer(c), r, nil)
	case models.EntityReferralMessage:
		return h.renderMessage(c, id)
	case models.EntitySuggestion:
		sg, err := h.Store.GetSuggestion(ctx, id)
		if err != nil {
			return err
		}
		// Replayed to its author, who may no longer see the service.
		if err := h.suggestedRecordVisible(c, sg); err != nil {
			return err
		}
		c.Header("Location", "/api/v1/suggestions/"+sg.ID)
		writeJSON(c, http.StatusCreated, newSuggestion(sg, h.accountLabels(c)))
		return nil
	case models.EntityJoinRequest:
		jr, err := h.Store.GetJoinRequest(ctx, id)
		if err != nil {
			return err
		}
		writeJSON(c, http.StatusCreated, newJoinRequest(jr))
		return nil
	case models.SubjectInvitation:
		inv, token, err := h.Store.ReissueInvitation(ctx, id)
		if err != nil {
			return err
		}
		status := http.StatusCreated
		if c.FullPath() == "/api/v1/actors/:id/members" {
			status = http.StatusAccepted
		}
		c.Header("Cache-Control", "no-store")
		writeJSON(c, status, newInvitationCreated(inv, token, h.Store.Notifies()))
		return nil
	case models.SubjectClient:
		// The lost answer held the secret: only an administrator, as
		// at registration, gets a new one.
		if err := requireAdmin(c); err != nil {
			return err
		}
		secret, err := h.Store.RotateClientSecret(ctx, id)
		if err != nil {
			return err
		}
		cl, err := h.Store.GetPartnerClient(ctx, id)
		if err != nil {
			return err
		}
		c.Header("Location", "/api/v1/clients/"+cl.ID)
		c.Header("Cache-Control", "no-store")
		writeJSON(c, http.StatusCreated, PartnerClientCreated{PartnerClient: newPartnerClient(cl), ClientSecret: secret})
		return nil
	case models.SubjectWebhook:
		// The lost answer held the signing secret: a new one replaces it
		// at once, so that the lost one never signs.
		secret, _, err := h.Store.RotateWebhookSecret(ctx, id, 0)
		if err != nil {
			return err
		}
		w, err := h.Store.GetWebhook(ctx, id)
		if err != nil {
			return err
		}
		return h.writeWebhookCreated(c, w, secret)
	case models.EntityPasswordReset:
		r, err := h.Store.ReissuePasswordReset(ctx, id)
		if err != nil {
			return err
		}
		c.Header("Cache-Control", "no-store")
		writeJSON(c, http.StatusCreated, newPasswordResetIssued(r))
		return nil
	}
	return models.Errorf(models.ECONFLICT, "This request was already processed; its answer cannot be shown again.")
}
