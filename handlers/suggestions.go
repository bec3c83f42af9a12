package handlers

import (
	"encoding/json"
	"net/http"
	"time"

	jsonpatch "github.com/evanphx/json-patch/v5"
	"github.com/gin-gonic/gin"

	"carnet/models"
)

// SuggestionInput proposes a change: a JSON Merge Patch of the record's
// writable fields (as for PATCH), and a message for the moderators.
type SuggestionInput struct {
	Changes map[string]any `json:"changes"`
	Message string         `json:"message,omitempty" example:"Les horaires ont changé à la rentrée."`
}

// Suggestion is a proposed change and its fate.
type Suggestion struct {
	ID       string         `json:"id" format:"uuid"`
	Entity   string         `json:"entity" enums:"actor,service"`
	EntityID string         `json:"entity_id" format:"uuid"`
	ActorID  string         `json:"actor_id" format:"uuid"`
	AuthorID string         `json:"author_id" format:"uuid"`
	Changes  map[string]any `json:"changes"`
	Message  string         `json:"message"`
	// The record's version when the suggestion was made.
	BaseVersion int64      `json:"base_version"`
	Status      string     `json:"status" enums:"pending,accepted,rejected"`
	Reason      string     `json:"reason"`
	CreatedAt   time.Time  `json:"created_at" format:"date-time"`
	DecidedAt   *time.Time `json:"decided_at" format:"date-time" extensions:"x-nullable"`
}

// SuggestionList is one page of suggestions.
type SuggestionList struct {
	Data  []Suggestion `json:"data"`
	Meta  ListMeta     `json:"meta"`
	Links ListLinks    `json:"links"`
}

// SuggestionDecision accepts or rejects a suggestion.
type SuggestionDecision struct {
	Status string `json:"status" enums:"accepted,rejected"`
	// Required when rejecting: the author learns why.
	Reason string `json:"reason,omitempty"`
}

func newSuggestion(s *models.Suggestion) Suggestion {
	out := Suggestion{ID: s.ID, Entity: s.Entity, EntityID: s.EntityID, ActorID: s.ActorID, AuthorID: s.AuthorID, Message: s.Message,
		BaseVersion: s.BaseVersion, Status: s.Status, Reason: s.Reason, CreatedAt: s.CreatedAt, DecidedAt: s.DecidedAt}
	if err := json.Unmarshal([]byte(s.Changes), &out.Changes); err != nil || out.Changes == nil {
		out.Changes = map[string]any{}
	}
	return out
}

// readSuggestion decodes a suggestion body and checks, by applying it to
// current (the record's writable representation) and decoding the result
// into dst, that it is well-formed for this kind of record.
func readSuggestion(c *gin.Context, current, dst any) (SuggestionInput, []byte, error) {
	var in SuggestionInput
	if err := decodeJSON(c, &in); err != nil {
		return in, nil, err
	}
	if len(in.Changes) == 0 {
		return in, nil, &models.Error{Code: models.EINVALID, Message: "The suggestion is invalid.", Fields: []models.FieldError{{Field: "changes", Reason: "must change at least one field"}}}
	}
	patch, err := json.Marshal(in.Changes)
	if err != nil {
		return in, nil, models.Internal(err)
	}
	if err := applyMergePatch(current, patch, dst); err != nil {
		return in, nil, prefixFields(err, "changes.")
	}
	return in, patch, nil
}

// applyMergePatch merges patch into current's JSON and decodes the result
// strictly into dst.
func applyMergePatch(current any, patch []byte, dst any) error {
	base, err := json.Marshal(current)
	if err != nil {
		return models.Internal(err)
	}
	merged, err := jsonpatch.MergePatch(base, patch)
	if err != nil {
		return models.Errorf(models.EBADREQUEST, "The changes could not be applied: %s.", clip(err.Error()))
	}
	return unmarshalStrict(merged, dst)
}

// prefixFields names a decoding or validation error's fields inside the
// suggestion body.
func prefixFields(err error, prefix string) error {
	if e, ok := err.(*models.Error); ok {
		for i := range e.Fields {
			e.Fields[i].Field = prefix + e.Fields[i].Field
		}
	}
	return err
}

// SuggestActorChange godoc
//
//	@Summary		Suggest a change to an actor
//	@Description	Any person with an account proposes a change (a JSON Merge Patch of the actor's writable fields); the structure's managers, the territory's coordinators or an administrator accept or reject it. The change is checked now: an invalid result is refused (422).
//	@Tags			suggestions
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string			true	"Actor id"	format(uuid)
//	@Param			suggestion	body		SuggestionInput	true	"The change"
//	@Success		201			{object}	Suggestion
//	@Header			201			{string}	Location	"URL of the suggestion"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"Partner clients write through sync"
//	@Failure		404			{object}	Problem
//	@Failure		410			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/actors/{id}/suggestions [post]
func (h *Handler) SuggestActorChange(c *gin.Context) error {
	p := principal(c)
	if p.IsPartner() {
		return models.Errorf(models.EFORBIDDEN, "Partner clients write their own records; suggestions are for people.")
	}
	ctx := c.Request.Context()
	a, err := h.Store.GetActor(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	if a.IsArchived() {
		return models.Errorf(models.EGONE, "The actor %s is archived.", a.ID)
	}
	var next ActorInput
	in, patch, err := readSuggestion(c, newActorInput(a), &next)
	if err != nil {
		return err
	}
	proposed := *a
	next.toModel(&proposed)
	proposed.Normalize()
	if err := proposed.Validate(); err != nil {
		return prefixFields(err, "changes.")
	}
	sg := &models.Suggestion{Entity: models.EntityActor, EntityID: a.ID, ActorID: a.ID, AuthorID: p.UserID, Changes: string(patch), Message: in.Message, BaseVersion: a.Version}
	return h.createSuggestion(c, sg)
}

// SuggestServiceChange godoc
//
//	@Summary		Suggest a change to a service
//	@Description	As for actors: a JSON Merge Patch of the service's writable fields, checked now, applied when a moderator accepts it.
//	@Tags			suggestions
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string			true	"Service id"	format(uuid)
//	@Param			suggestion	body		SuggestionInput	true	"The change"
//	@Success		201			{object}	Suggestion
//	@Header			201			{string}	Location	"URL of the suggestion"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		410			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/services/{id}/suggestions [post]
func (h *Handler) SuggestServiceChange(c *gin.Context) error {
	p := principal(c)
	if p.IsPartner() {
		return models.Errorf(models.EFORBIDDEN, "Partner clients write their own records; suggestions are for people.")
	}
	s, err := h.visibleService(c, c.Param("id"))
	if err != nil {
		return err
	}
	if s.IsArchived() {
		return models.Errorf(models.EGONE, "The service %s is archived.", s.ID)
	}
	var next ServiceInput
	in, patch, err := readSuggestion(c, newServiceInput(s), &next)
	if err != nil {
		return err
	}
	proposed := *s
	next.toModel(&proposed)
	proposed.Normalize()
	if proposed.ActorID != s.ActorID {
		return &models.Error{Code: models.EINVALID, Message: "The suggestion is invalid.", Fields: []models.FieldError{{Field: "changes.actor_id", Reason: "cannot change"}}}
	}
	if err := proposed.Validate(); err != nil {
		return prefixFields(err, "changes.")
	}
	sg := &models.Suggestion{Entity: models.EntityService, EntityID: s.ID, ActorID: s.ActorID, AuthorID: p.UserID, Changes: string(patch), Message: in.Message, BaseVersion: s.Version}
	return h.createSuggestion(c, sg)
}

func (h *Handler) createSuggestion(c *gin.Context, sg *models.Suggestion) error {
	if err := h.Store.CreateSuggestion(c.Request.Context(), sg); err != nil {
		return err
	}
	c.Header("Location", "/api/v1/suggestions/"+sg.ID)
	writeJSON(c, http.StatusCreated, newSuggestion(sg))
	return nil
}

// ListSuggestions godoc
//
//	@Summary		List suggestions
//	@Description	The caller's own suggestions and those it may moderate (structures it manages, its coordinated territory; all for administrators).
//	@Tags			suggestions
//	@Produce		json
//	@Security		BearerAuth
//	@Param			status		query		string	false	"Only this status"	Enums(pending, accepted, rejected)
//	@Param			actor_id	query		string	false	"About this actor or its services"	format(uuid)
//	@Param			entity_id	query		string	false	"About this actor or service"	format(uuid)
//	@Param			mine		query		bool	false	"Only the caller's own suggestions"
//	@Param			cursor		query		string	false	"The next_cursor of the previous page"
//	@Param			limit		query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200			{object}	SuggestionList
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Router			/api/v1/suggestions [get]
func (h *Handler) ListSuggestions(c *gin.Context) error {
	p := principal(c)
	if p.IsPartner() {
		return models.Errorf(models.EFORBIDDEN, "Suggestions are for people.")
	}
	q := newQueryParser(c.Request.URL.Query())
	f := models.SuggestionFilter{Viewer: p, Status: q.one("status"), ActorID: q.id("actor_id"), EntityID: q.id("entity_id"), Mine: q.flag("mine"), ListParams: q.page(models.SortID)}
	if f.Status != "" && f.Status != models.SuggestionPending && f.Status != models.SuggestionAccepted && f.Status != models.SuggestionRejected {
		q.errs.Add("status", "must be pending, accepted or rejected")
	}
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListSuggestions(c.Request.Context(), f)
	if err != nil {
		return err
	}
	out := SuggestionList{Data: make([]Suggestion, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newSuggestion(&page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// suggestionFor loads a suggestion the caller may see: its author and its
// moderators. Others get 404, so that suggestions do not leak.
func (h *Handler) suggestionFor(c *gin.Context) (*models.Suggestion, models.ActorRef, error) {
	p := principal(c)
	ctx := c.Request.Context()
	sg, err := h.Store.GetSuggestion(ctx, c.Param("id"))
	if err != nil {
		return nil, models.ActorRef{}, err
	}
	ref, err := h.Store.ActorRef(ctx, sg.ActorID)
	if err != nil {
		return nil, ref, err
	}
	if p.IsPartner() || sg.AuthorID != p.UserID && !p.CanModerate(ref) {
		return nil, ref, models.Errorf(models.ENOTFOUND, "No suggestion has the id %q.", sg.ID)
	}
	return sg, ref, nil
}

// GetSuggestion godoc
//
//	@Summary		Get a suggestion
//	@Description	Its author and its moderators; others get 404.
//	@Tags			suggestions
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Suggestion id"	format(uuid)
//	@Success		200	{object}	Suggestion
//	@Failure		401	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/suggestions/{id} [get]
func (h *Handler) GetSuggestion(c *gin.Context) error {
	sg, _, err := h.suggestionFor(c)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newSuggestion(sg))
	return nil
}

// DecideSuggestion godoc
//
//	@Summary		Accept or reject a suggestion
//	@Description	Moderators only (the structure's managers, the territory's coordinators, administrators). Accepting applies the change to the current record in one transaction, recorded in its history with the channel "suggestion"; if the record changed meanwhile so that the change no longer validates, the answer is 409. Rejecting needs a reason.
//	@Tags			suggestions
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string				true	"Suggestion id"	format(uuid)
//	@Param			decision	body		SuggestionDecision	true	"The decision"
//	@Success		200			{object}	Suggestion
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"The author is not a moderator"
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"Already decided, or no longer applies"
//	@Failure		410			{object}	Problem	"The record was archived"
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/suggestions/{id} [patch]
func (h *Handler) DecideSuggestion(c *gin.Context) error {
	sg, ref, err := h.suggestionFor(c)
	if err != nil {
		return err
	}
	if !principal(c).CanModerate(ref) {
		return models.Errorf(models.EFORBIDDEN, "Only the structure's managers, the territory's coordinators and administrators decide on suggestions.")
	}
	var in SuggestionDecision
	if err := decodeChanges(c, &in); err != nil {
		return err
	}
	ctx := c.Request.Context()
	var out *models.Suggestion
	switch in.Status {
	case models.SuggestionRejected:
		out, err = h.Store.RejectSuggestion(ctx, sg.ID, in.Reason)
	case models.SuggestionAccepted:
		if sg.Entity == models.EntityActor {
			out, err = h.Store.AcceptActorSuggestion(ctx, sg.ID, func(a *models.Actor, patch []byte) error {
				var next ActorInput
				if err := applyMergePatch(newActorInput(a), patch, &next); err != nil {
					return err
				}
				next.toModel(a)
				return nil
			})
		} else {
			out, err = h.Store.AcceptServiceSuggestion(ctx, sg.ID, func(s *models.Service, patch []byte) error {
				var next ServiceInput
				if err := applyMergePatch(newServiceInput(s), patch, &next); err != nil {
					return err
				}
				next.toModel(s)
				return nil
			})
		}
	default:
		return &models.Error{Code: models.EINVALID, Message: "The decision is invalid.", Fields: []models.FieldError{{Field: "status", Reason: "must be accepted or rejected"}}}
	}
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newSuggestion(out))
	return nil
}
