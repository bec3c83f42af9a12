package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// JoinRequest is a person's request to join a structure's team.
type JoinRequest struct {
	ID          string `json:"id" format:"uuid"`
	ActorID     string `json:"actor_id" format:"uuid"`
	UserID      string `json:"user_id" format:"uuid"`
	Email       string `json:"email"`
	DisplayName string `json:"display_name"`
	Message     string `json:"message"`
	Status      string `json:"status" enums:"pending,accepted,refused"`
	Role        string `json:"role"`
	Reason      string `json:"reason"`
	CreatedAt   Time   `json:"created_at" format:"date-time"`
	DecidedAt   *Time  `json:"decided_at" format:"date-time" extensions:"x-nullable"`
}

// JoinRequestList is one page of join requests.
type JoinRequestList struct {
	Data  []JoinRequest `json:"data"`
	Meta  ListMeta      `json:"meta"`
	Links ListLinks     `json:"links"`
}

// JoinRequestInput asks to join a structure.
type JoinRequestInput struct {
	// A word for the managers: who you are, why you join.
	Message string `json:"message,omitempty" example:"Conseillère numérique arrivée en septembre." maxLength:"500"`
}

// JoinRequestDecision accepts or refuses a request.
type JoinRequestDecision struct {
	Status string `json:"status" enums:"accepted,refused"`
	// The role given when accepting; member by default.
	Role   string `json:"role,omitempty" enums:"manager,member"`
	Reason string `json:"reason,omitempty" maxLength:"500"`
}

func newJoinRequest(j *models.JoinRequest) JoinRequest {
	return JoinRequest{ID: j.ID, ActorID: j.ActorID, UserID: j.UserID, Email: j.Email, DisplayName: j.DisplayName, Message: j.Message,
		Status: j.Status, Role: j.Role, Reason: j.Reason, CreatedAt: stamp(j.CreatedAt), DecidedAt: stampPtr(j.DecidedAt)}
}

// CreateJoinRequest godoc
//
//	@ID			createJoinRequest
//	@Summary		Ask to join a structure
//	@Description	Any person with an account; the structure's managers accept or refuse.
//	@Tags			members
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Makes retries safe: a retry with the same key and body gets the first success again (Idempotent-Replayed: true). A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			id		path		string				true	"Actor id"	format(uuid)
//	@Param			request	body		JoinRequestInput	true	"A message for the managers"
//	@Success		201		{object}	JoinRequest
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem	"Partner clients do not join teams"
//	@Failure		404		{object}	Problem
//	@Failure		409		{object}	Problem	"Already a member, or a request is pending"
//	@Failure		410		{object}	Problem
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/actors/{id}/join-requests [post]
func (h *Handler) CreateJoinRequest(c *gin.Context) error {
	p := principal(c)
	if p.IsPartner() {
		return models.Errorf(models.EFORBIDDEN, "Partner clients do not join teams.")
	}
	var in JoinRequestInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	jr, err := h.Store.CreateJoinRequest(c.Request.Context(), p.UserID, c.Param("id"), in.Message)
	if err != nil {
		return err
	}
	jr.Email = p.Email
	writeJSON(c, http.StatusCreated, newJoinRequest(jr))
	return nil
}

// ListJoinRequests godoc
//
//	@ID			listJoinRequests
//	@Summary		List a structure's join requests
//	@Description	The structure's managers and administrators.
//	@Tags			members
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Actor id"	format(uuid)
//	@Param			status	query		string	false	"Only this status"	Enums(pending, accepted, refused)
//	@Param			cursor	query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit	query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200		{object}	JoinRequestList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/actors/{id}/join-requests [get]
func (h *Handler) ListJoinRequests(c *gin.Context) error {
	ref, err := h.teamRef(c)
	if err != nil {
		return err
	}
	return h.listJoinRequests(c, models.JoinRequestFilter{ActorID: ref.ID})
}

// ListMyJoinRequests godoc
//
//	@ID			listMyJoinRequests
//	@Summary		List my join requests
//	@Description	The caller's requests to join structures' teams, newest first, with their decision. Partner clients have no personal account: 403.
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Param			status	query		string	false	"Only this status"	Enums(pending, accepted, refused)
//	@Param			cursor	query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit	query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200		{object}	JoinRequestList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/me/join-requests [get]
func (h *Handler) ListMyJoinRequests(c *gin.Context) error {
	// A partner client has no personal account, hence no requests of its
	// own: 403 as on the other /me routes, not an empty list that reads as
	// « none yet ».
	p, err := people(c)
	if err != nil {
		return err
	}
	return h.listJoinRequests(c, models.JoinRequestFilter{UserID: p.UserID})
}

func (h *Handler) listJoinRequests(c *gin.Context, f models.JoinRequestFilter) error {
	privateNoStore(c) // names people (authors, members, contacts): no shared cache keeps it
	q := queryOf(c)
	f.Status = q.one("status")
	f.ListParams = q.page(models.SortID)
	if f.Status != "" && f.Status != models.RequestPending && f.Status != models.RequestAccepted && f.Status != models.RequestRefused {
		q.errs.Add("status", "must be pending, accepted or refused")
	}
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListJoinRequests(c.Request.Context(), f)
	if err != nil {
		return err
	}
	out := JoinRequestList{Data: make([]JoinRequest, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newJoinRequest(&page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// DecideJoinRequest godoc
//
//	@ID			decideJoinRequest
//	@Summary		Accept or refuse a join request
//	@Description	Accepting makes the person a member (or manager) at once. A network's manager, who manages the structure's team, does not accept their own request (403): they would read its referrals untraced.
//	@Tags			members
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string				true	"Actor id"		format(uuid)
//	@Param			request_id	path		string				true	"Request id"	format(uuid)
//	@Param			decision	body		JoinRequestDecision	true	"The decision"
//	@Success		200			{object}	JoinRequest
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"Not a manager of the structure, or accepting one's own request"
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"Already decided"
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/actors/{id}/join-requests/{request_id} [patch]
func (h *Handler) DecideJoinRequest(c *gin.Context) error {
	ref, err := h.teamRef(c)
	if err != nil {
		return err
	}
	var in JoinRequestDecision
	if err := decodeChanges(c, &in); err != nil {
		return err
	}
	if in.Status != models.RequestAccepted && in.Status != models.RequestRefused {
		return &models.Error{Code: models.EINVALID, Message: "The decision is invalid.", Fields: []models.FieldError{{Field: "status", Reason: "must be accepted or refused"}}}
	}
	role := models.Role(in.Role)
	if role == "" {
		role = models.RoleMember
	}
	jr, err := h.Store.DecideJoinRequest(c.Request.Context(), ref.ID, c.Param("request_id"), in.Status == models.RequestAccepted, role, in.Reason)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newJoinRequest(jr))
	return nil
}
