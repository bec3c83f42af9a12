package handlers

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// SuggestionInput proposes a change: a JSON Merge Patch of the record's
// writable fields (as for PATCH), and a message for the moderators.
type SuggestionInput struct {
	Changes map[string]any `json:"changes"`
	Message string         `json:"message,omitempty" example:"Les horaires ont changé à la rentrée." maxLength:"500"`
}

// Suggestion is a proposed change and its fate.
type Suggestion struct {
	ID       string `json:"id" format:"uuid"`
	Entity   string `json:"entity" enums:"actor,service"`
	EntityID string `json:"entity_id" format:"uuid"`
	ActorID  string `json:"actor_id" format:"uuid"`
	// Who made the suggestion.
	Author Who `json:"author"`
	// Deprecated: the former name of author.id, sent until version 1.2.
	AuthorID string         `json:"author_id" format:"uuid"`
	Changes  map[string]any `json:"changes"`
	Message  string         `json:"message"`
	// The record's version when the suggestion was made, as its author was shown it (an
	// actor's public version to an author who may not see its private contacts).
	BaseVersion int64  `json:"base_version"`
	Status      string `json:"status" enums:"pending,accepted,rejected"`
	Reason      string `json:"reason"`
	CreatedAt   Time   `json:"created_at" format:"date-time"`
	DecidedAt   *Time  `json:"decided_at" format:"date-time" extensions:"x-nullable"`
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
	Reason string `json:"reason,omitempty" maxLength:"500"`
}

// accountLabels names suggestions' authors for Who: the label recorded
// when the suggestion was made (models.PersonLabel: never the login
// e-mail, which the moderators of another structure and coordinators
// must not learn), « compte supprimé » once the account is deleted.
func (h *Handler) accountLabels(c *gin.Context) func(s *models.Suggestion) string {
	deleted := map[string]bool{}
	return func(s *models.Suggestion) string {
		gone, ok := deleted[s.AuthorID]
		if !ok {
			_, err := h.Store.GetUser(c.Request.Context(), s.AuthorID)
			gone = models.ErrorCode(err) == models.ENOTFOUND
			deleted[s.AuthorID] = gone
		}
		switch {
		case gone:
			return models.DeletedAccountLabel
		case s.AuthorLabel == "":
			return models.UnnamedAccountLabel
		}
		return s.AuthorLabel
	}
}

func newSuggestion(s *models.Suggestion, label func(*models.Suggestion) string) Suggestion {
	out := Suggestion{ID: s.ID, Entity: s.Entity, EntityID: s.EntityID, ActorID: s.ActorID, AuthorID: s.AuthorID, Message: s.Message,
		Author:      Who{Kind: models.WhoUser, ID: s.AuthorID, Label: label(s)},
		BaseVersion: s.BaseVersion, Status: s.Status, Reason: s.Reason, CreatedAt: stamp(s.CreatedAt), DecidedAt: stampPtr(s.DecidedAt)}
	if err := json.Unmarshal([]byte(s.Changes), &out.Changes); err != nil || out.Changes == nil {
		out.Changes = map[string]any{}
	}
	return out
}

// Fields a suggestion may not change: a record's source is its partner's,
// and whether a place is open, closed or archived is decided by those who
// edit it, not proposed by anyone with an account (the message can say it).
//
// Nor the fields that grant rights or publish what the structure keeps
// private, which its moderators would decide in its stead:
//
//   - parent_id attaches the place to a network, and a network's managers
//     manage its members (models.ActorRef.Lineage): a manager suggesting
//     their own network as another place's parent, accepted by a moderator
//     who saw only an id, gained write rights over that place. Taking a
//     place out of its network withdraws rights the same way. Those who
//     edit the record change it directly, with the checks of that write.
//
//   - contact_public publishes the structure's phones and e-mails, which it
//     may have given only to the platform (exports, open data). That is the
//     structure's decision: its managers make it directly, and a
//     coordinator or administrator who edits the record does so in their
//     own name, not by accepting someone else's proposal on its behalf.
//
//   - a service's accepts_referrals decides whether the structure receives
//     referrals, that is personal data of the people sent to it: taking
//     them on (or no longer) is the structure's commitment, made by its
//     managers directly, not by a moderator accepting a proposal.
//
// The other fields are facts about the place anyone may correct. The
// address, which decides the territory and so its coordinators, is one:
// the moderator reads it, and accepting a move is checked as the same
// direct write (the coordinator's territory before and after). A service's
// actor_id cannot change at all (readSuggestion's caller), and its
// capacity and is_full are its availability, which anyone who knows it
// may report.
var (
	unsuggestableActor   = []string{"source", "source_id", "producer", "producer_updated_on", "status", "closed_from", "closed_until", "closure_reason", "parent_id", "contact_public"}
	unsuggestableService = []string{"source", "source_id", "status", "accepts_referrals"}
)

// readSuggestion decodes a suggestion body and checks, by applying it to
// current (the record's writable representation) and decoding the result
// into dst, that it is well-formed for this kind of record. It returns the
// patch and the current values of the fields it changes (the base of the
// three-way merge at acceptance).
func readSuggestion(c *gin.Context, current, dst any, unsuggestable []string) (SuggestionInput, []byte, string, error) {
	var in SuggestionInput
	if err := decodeJSON(c, &in); err != nil {
		return in, nil, "", err
	}
	if len(in.Changes) == 0 {
		return in, nil, "", &models.Error{Code: models.EINVALID, Message: "The suggestion is invalid.", Fields: []models.FieldError{{Field: "changes", Reason: "must change at least one field"}}}
	}
	if err := exactFields(in.Changes, dst); err != nil {
		return in, nil, "", err
	}
	if err := refuseUnsuggestable(in.Changes, unsuggestable, models.EINVALID); err != nil {
		return in, nil, "", err
	}
	patch, err := json.Marshal(in.Changes)
	if err != nil {
		return in, nil, "", models.Internal(err)
	}
	if err := applyMergePatch(current, patch, dst); err != nil {
		return in, nil, "", prefixFields(err, "changes.")
	}
	cur, err := asObject(current)
	if err != nil {
		return in, nil, "", err
	}
	base := map[string]json.RawMessage{}
	for k := range in.Changes {
		base[k] = cur[k]
	}
	b, err := json.Marshal(base)
	if err != nil {
		return in, nil, "", models.Internal(err)
	}
	return in, patch, string(b), nil
}

// exactFields refuses the changes whose name is not, byte for byte, that
// of a writable field of dst. JSON decoding matches names regardless of
// case (and folds ſ to s and the Kelvin sign to k), so « Closed_until »
// would change closed_until past the rules that name fields exactly.
func exactFields(changes map[string]any, dst any) error {
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	known := map[string]bool{}
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name != "" && name != "-" && t.Field(i).IsExported() {
			known[name] = true
		}
	}
	var fe models.FieldErrors
	for k := range changes {
		if known[k] {
			continue
		}
		reason := "is not a field of this record (names are snake_case, written exactly)"
		if h := bodyFieldHint(k, dst); h != "" && known[h] {
			reason = "is not a field of this record: did you mean " + h + "?"
		}
		fe.Add("changes."+clip(k), reason)
	}
	if len(fe) == 0 {
		return nil
	}
	slices.SortFunc(fe, func(a, b models.FieldError) int { return strings.Compare(a.Field, b.Field) })
	return &models.Error{Code: models.EBADREQUEST, Message: "The suggestion changes fields these records do not have.", Fields: fe}
}

// refuseUnsuggestable names the fields of changes that suggestions may not
// change, however their names are written (a suggestion stored before
// exactFields may spell one « Closed_until »).
func refuseUnsuggestable(changes map[string]any, unsuggestable []string, code models.Code) error {
	var fe models.FieldErrors
	for _, f := range unsuggestable {
		for k := range changes {
			if strings.EqualFold(k, f) {
				fe.Add("changes."+clip(k), "is decided by those who edit the record, not suggested; say it in the message")
			}
		}
	}
	slices.SortFunc(fe, func(a, b models.FieldError) int { return strings.Compare(a.Field, b.Field) })
	if len(fe) == 0 {
		return nil
	}
	return &models.Error{Code: code, Message: "The suggestion changes fields that suggestions may not change.", Fields: fe}
}

// asObject returns the JSON object of a representation, by field.
func asObject(v any) (map[string]json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, models.Internal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, models.Internal(err)
	}
	return m, nil
}

// applySuggestion merges a pending suggestion into current (the record's
// writable representation, as it is now) and decodes the result into dst.
// It is a three-way merge on the fields the suggestion changes: if any of
// them changed since the suggestion was made, accepting it would silently
// overwrite the newer edit, so the answer is 409 naming them; changes to
// other fields are kept, and the result is validated again. A suggestion
// made before base values were recorded applies only to the same version.
func applySuggestion(sg *models.Suggestion, version int64, current, dst any, unsuggestable []string) error {
	var changes map[string]any
	if err := json.Unmarshal([]byte(sg.Changes), &changes); err != nil {
		return models.Internal(err)
	}
	if err := refuseUnsuggestable(changes, unsuggestable, models.ECONFLICT); err != nil {
		return err
	}
	stale := &models.Error{Code: models.ECONFLICT, Message: "The record changed since the suggestion was made, in the fields it changes; reject it, or ask its author for a new one based on the current record."}
	if sg.BaseValues == "" {
		if version != sg.BaseVersion {
			return stale
		}
	} else {
		var base map[string]json.RawMessage
		if err := json.Unmarshal([]byte(sg.BaseValues), &base); err != nil {
			return models.Internal(err)
		}
		cur, err := asObject(current)
		if err != nil {
			return err
		}
		for k, was := range base {
			if !sameJSON(was, cur[k]) {
				stale.Fields = append(stale.Fields, models.FieldError{Field: "changes." + k, Reason: "changed since the suggestion was made"})
			}
		}
		if len(stale.Fields) > 0 {
			slices.SortFunc(stale.Fields, func(a, b models.FieldError) int { return strings.Compare(a.Field, b.Field) })
			return stale
		}
	}
	return applyMergePatch(current, []byte(sg.Changes), dst)
}

// sameJSON compares two JSON values semantically (absent and null alike).
func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if len(a) > 0 {
		if json.Unmarshal(a, &x) != nil {
			return false
		}
	}
	if len(b) > 0 {
		if json.Unmarshal(b, &y) != nil {
			return false
		}
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

// applyMergePatch merges patch into current's JSON and decodes the result
// strictly into dst.
func applyMergePatch(current any, patch []byte, dst any) error {
	base, err := json.Marshal(current)
	if err != nil {
		return models.Internal(err)
	}
	merged, err := mergePatch(base, patch)
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
//	@ID			suggestActorChange
//	@Summary		Suggest a change to an actor
//	@Description	Any person with an account proposes a change (a JSON Merge Patch of the actor's writable fields); the structure's managers, the territory's coordinators or an administrator accept or reject it. The change is checked now: an invalid result is refused (422), and so is a change of source, source_id, producer, producer_updated_on, status or the closure fields (those who edit the record set them), of parent_id (attaching a place to a network gives the network's managers rights over it) or of contact_public (publishing the structure's phones and e-mails is its own decision): each is named in errors as changes.<field>.
//	@Tags			suggestions
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Makes retries safe: a retry with the same key and body gets the first success again (Idempotent-Replayed: true). A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			id			path		string			true	"Actor id"	format(uuid)
//	@Param			suggestion	body		SuggestionInput	true	"The change"
//	@Success		201			{object}	Suggestion
//	@Header			201			{string}	Location	"URL of the suggestion"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"Partner clients write through sync"
//	@Failure		404			{object}	Problem
//	@Failure		410			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		429			{object}	Problem	"Too many suggestions by this account or about this structure (Retry-After)"
//	@Failure		409	{object}	Problem	"A request with the same Idempotency-Key is still running (Retry-After)"
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
	in, patch, base, err := readSuggestion(c, newActorInput(a), &next, unsuggestableActor)
	if err != nil {
		return err
	}
	// Checked as the direct change would be (its address included): a
	// suggestion that could never be accepted is refused now.
	before, proposed := *a, *a
	next.toModel(&proposed)
	if err := h.Store.CheckActorChange(&before, &proposed); err != nil {
		return prefixFields(err, "changes.")
	}
	// The version its author was shown: to one who may not see the
	// actor's private contacts, the public version (the full one counts
	// changes of hidden contacts, which the author must not learn of).
	version := a.Version
	if !h.contactsVisible(c, a) {
		version = a.PublicVersion
	}
	sg := &models.Suggestion{Entity: models.EntityActor, EntityID: a.ID, ActorID: a.ID, AuthorID: p.UserID, Changes: string(patch), Message: in.Message,
		BaseVersion: version, BaseValues: base}
	return h.createSuggestion(c, sg)
}

// SuggestServiceChange godoc
//
//	@ID			suggestServiceChange
//	@Summary		Suggest a change to a service
//	@Description	As for actors: a JSON Merge Patch of the service's writable fields, checked now, applied when a moderator accepts it. A change of source, source_id or status, of accepts_referrals (receiving referrals, that is people's personal data, is the structure's own commitment) or of actor_id is refused (422, named changes.<field>).
//	@Tags			suggestions
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Makes retries safe: a retry with the same key and body gets the first success again (Idempotent-Replayed: true). A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			id			path		string			true	"Service id"	format(uuid)
//	@Param			suggestion	body		SuggestionInput	true	"The change"
//	@Success		201			{object}	Suggestion
//	@Header			201			{string}	Location	"URL of the suggestion"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		410			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		429			{object}	Problem	"Too many suggestions by this account or about this structure (Retry-After)"
//	@Failure		409	{object}	Problem	"A request with the same Idempotency-Key is still running (Retry-After)"
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
	in, patch, base, err := readSuggestion(c, newServiceInput(s), &next, unsuggestableService)
	if err != nil {
		return err
	}
	if err := next.checkPatch(patch); err != nil {
		return prefixFields(err, "changes.")
	}
	before, proposed := *s, *s
	next.toModel(&proposed)
	if proposed.ActorID != s.ActorID {
		return &models.Error{Code: models.EINVALID, Message: "The suggestion is invalid.", Fields: []models.FieldError{{Field: "changes.actor_id", Reason: "cannot change"}}}
	}
	if err := models.CheckServiceChange(&before, &proposed); err != nil {
		return prefixFields(err, "changes.")
	}
	sg := &models.Suggestion{Entity: models.EntityService, EntityID: s.ID, ActorID: s.ActorID, AuthorID: p.UserID, Changes: string(patch), Message: in.Message,
		BaseVersion: s.Version, BaseValues: base}
	return h.createSuggestion(c, sg)
}

func (h *Handler) createSuggestion(c *gin.Context, sg *models.Suggestion) error {
	// Each suggestion e-mails the structure's moderators. Limited by its
	// author only: a limit per structure let one stranger spend it and
	// refuse everyone's suggestions about that structure.
	if err := h.limitMailing(c, "suggest", sg.AuthorID, ""); err != nil {
		return err
	}
	if err := h.Store.CreateSuggestion(c.Request.Context(), sg); err != nil {
		return err
	}
	c.Header("Location", "/api/v1/suggestions/"+sg.ID)
	writeJSON(c, http.StatusCreated, newSuggestion(sg, h.accountLabels(c)))
	return nil
}

// ListSuggestions godoc
//
//	@ID			listSuggestions
//	@Summary		List suggestions
//	@Description	The caller's own suggestions and those it may moderate (structures it manages, its coordinated territory; all for administrators).
//	@Tags			suggestions
//	@Produce		json
//	@Security		BearerAuth
//	@Param			status		query		string	false	"Only this status"	Enums(pending, accepted, rejected)
//	@Param			actor_id	query		string	false	"About this actor or its services"	format(uuid)
//	@Param			entity_id	query		string	false	"About this actor or service"	format(uuid)
//	@Param			mine		query		bool	false	"Only the caller's own suggestions"
//	@Param			cursor		query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit		query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200			{object}	SuggestionList
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Router			/api/v1/suggestions [get]
func (h *Handler) ListSuggestions(c *gin.Context) error {
	privateNoStore(c) // names people (authors, members, contacts): no shared cache keeps it
	p := principal(c)
	if p.IsPartner() {
		return models.Errorf(models.EFORBIDDEN, "Suggestions are for people.")
	}
	q := queryOf(c)
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
	label := h.accountLabels(c)
	for i := range page.Items {
		out.Data[i] = newSuggestion(&page.Items[i], label)
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
	if err := h.suggestedRecordVisible(c, sg); err != nil {
		return nil, ref, err
	}
	return sg, ref, nil
}

// suggestedRecordVisible answers 404 for a suggestion on a service that is
// now a draft the caller may not see (its author, once the service was
// taken offline): the suggestion shows the draft's id and the values it
// had, which the service's own routes and the lists no longer show.
func (h *Handler) suggestedRecordVisible(c *gin.Context, sg *models.Suggestion) error {
	if sg.Entity != models.EntityService {
		return nil
	}
	ok, err := h.Store.ServiceVisibleTo(c.Request.Context(), sg.EntityID, principal(c))
	if err != nil {
		return err
	}
	if !ok {
		return models.Errorf(models.ENOTFOUND, "No suggestion has the id %q.", sg.ID)
	}
	return nil
}

// GetSuggestion godoc
//
//	@ID			getSuggestion
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
	privateNoStore(c) // names people (authors, members, contacts): no shared cache keeps it
	sg, _, err := h.suggestionFor(c)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newSuggestion(sg, h.accountLabels(c)))
	return nil
}

// DecideSuggestion godoc
//
//	@ID			decideSuggestion
//	@Summary		Accept or reject a suggestion
//	@Description	Moderators only (the structure's managers, the territory's coordinators, administrators). Accepting applies the change to the current record in one transaction, recorded in its history with the channel "suggestion", with the same checks as the moderator making the change directly (a network, a territory or a source the moderator may not write answers 403). If a field the suggestion changes was changed since it was made (a stale suggestion), or the result no longer validates, the answer is 409 and nothing is applied; changes to other fields do not block it. A suggestion changing a field suggestions may not change (one made before the rule) answers 409 naming it. Rejecting needs a reason.
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
//	@Failure		413			{object}	Problem
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
			out, err = h.Store.AcceptActorSuggestion(ctx, sg.ID, func(a *models.Actor, sg *models.Suggestion) error {
				var next ActorInput
				if err := applySuggestion(sg, a.Version, newActorInput(a), &next, unsuggestableActor); err != nil {
					return err
				}
				next.toModel(a)
				return nil
			})
		} else {
			out, err = h.Store.AcceptServiceSuggestion(ctx, sg.ID, func(s *models.Service, sg *models.Suggestion) error {
				var next ServiceInput
				if err := applySuggestion(sg, s.Version, newServiceInput(s), &next, unsuggestableService); err != nil {
					return err
				}
				if err := next.checkPatch([]byte(sg.Changes)); err != nil {
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
	writeJSON(c, http.StatusOK, newSuggestion(out, h.accountLabels(c)))
	return nil
}
