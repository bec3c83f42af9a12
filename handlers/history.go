package handlers

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// Who says who acted: the one shape of « who » across the API (history,
// trail, suggestions, referral events).
type Who struct {
	// user: a person's account; client: a partner client; system: the platform itself (imports, maintenance).
	Kind string `json:"kind" enums:"user,client,system" example:"user"`
	// The account or partner client id; "" for the system.
	ID string `json:"id" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	// A name for people to read. An account is named as it was when the event was recorded (history, trail, suggestions; on referrals, its current card): its display name, else the professional e-mail it shares, else « compte sans nom »; never its login e-mail, which stays private (id identifies the account); « compte supprimé » once the account is deleted. A partner client's name; "" for the system.
	Label string `json:"label" example:"Camille Martin"`
}

// FieldChange is one changed field.
type FieldChange struct {
	Field string `json:"field" example:"opening_hours"`
	Old   any    `json:"old" extensions:"x-nullable"`
	New   any    `json:"new" extensions:"x-nullable"`
}

// HistoryEvent is one change of a record.
type HistoryEvent struct {
	Seq     int64  `json:"seq"`
	Entity  string `json:"entity" enums:"actor,service"`
	ID      string `json:"entity_id" format:"uuid"`
	Action  string `json:"action" enums:"create,update,archive,restore"`
	Channel string `json:"channel" enums:"api,sync,suggestion,cli,system"`
	Who     Who    `json:"who"`
	// The accepted suggestion this change applied; "" otherwise.
	SuggestionID string        `json:"suggestion_id"`
	Version      int64         `json:"version"`
	At           Time          `json:"at" format:"date-time"`
	Changes      []FieldChange `json:"changes"`
}

// HistoryList is one page of a record's history, newest first.
type HistoryList struct {
	Data  []HistoryEvent `json:"data"`
	Meta  ListMeta       `json:"meta"`
	Links ListLinks      `json:"links"`
}

func newHistoryEvent(e *models.AuditEvent) HistoryEvent {
	out := HistoryEvent{Seq: e.Seq, Entity: e.Entity, ID: e.EntityID, Action: e.Action, Channel: e.Channel,
		Who: Who{Kind: e.WhoKind, ID: e.WhoID, Label: e.WhoLabel}, SuggestionID: e.SuggestionID, Version: e.Version, At: stamp(e.At)}
	var changes []models.FieldChange
	_ = json.Unmarshal([]byte(e.Changes), &changes)
	out.Changes = make([]FieldChange, len(changes))
	for i, ch := range changes {
		out.Changes[i] = FieldChange{Field: ch.Field, Old: ch.Old, New: ch.New}
	}
	return out
}

// ActorHistory godoc
//
//	@ID			listActorHistory
//	@Summary		History of an actor
//	@Description	Every creation, update and archiving, newest first: who (account or partner client), when, through which channel (api, sync, suggestion…) and each changed field's old and new values. A duplicate decision that changes how the public surfaces serve the actor (a confirmation, or its undoing, of a link that exists for anyone) is an update moving its version, whose changes are duplicate_of (on the hidden record) or stands_for (on the kept one), as GET /api/v1/actors/{id} reads them. The structure's managers, the territory's coordinators and administrators.
//	@Tags			history
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Actor id"	format(uuid)
//	@Param			cursor	query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit	query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200		{object}	HistoryList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/actors/{id}/history [get]
func (h *Handler) ActorHistory(c *gin.Context) error {
	privateNoStore(c) // names people (authors, members, contacts): no shared cache keeps it
	ref, err := h.Store.ActorRef(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return h.history(c, ref, models.EntityActor, ref.ID)
}

// ServiceHistory godoc
//
//	@ID			listServiceHistory
//	@Summary		History of a service
//	@Description	As for actors; visible to the managers of the service's structure, the territory's coordinators and administrators.
//	@Tags			history
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Service id"	format(uuid)
//	@Param			cursor	query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit	query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200		{object}	HistoryList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/services/{id}/history [get]
func (h *Handler) ServiceHistory(c *gin.Context) error {
	privateNoStore(c) // names people (authors, members, contacts): no shared cache keeps it
	s, err := h.visibleService(c, c.Param("id"))
	if err != nil {
		return err
	}
	ref, err := h.Store.ActorRef(c.Request.Context(), s.ActorID)
	if err != nil {
		return err
	}
	return h.history(c, ref, models.EntityService, s.ID)
}

func (h *Handler) history(c *gin.Context, ref models.ActorRef, entity, id string) error {
	if !principal(c).CanReadHistory(ref) {
		return models.Errorf(models.EFORBIDDEN, "The history is visible to the structure's managers, the territory's coordinators and administrators.")
	}
	q := queryOf(c)
	p := q.page(models.SortID)
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListHistory(c.Request.Context(), entity, id, p)
	if err != nil {
		return err
	}
	out := HistoryList{Data: make([]HistoryEvent, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newHistoryEvent(&page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, p, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}
