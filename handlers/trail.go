package handlers

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// TrailEvent is one entry of the security trail.
type TrailEvent struct {
	// Identifies the event. In a structure's trail it is a keyed
	// permutation of the platform's sequence, which counts no other
	// structure's events (its values do not follow the trail's order).
	Seq int64 `json:"seq"`
	At  Time  `json:"at" format:"date-time"`
	// What happened: membership.added, membership.role_changed,
	// membership.removed, invitation.created, invitation.accepted,
	// invitation.revoked (details.reason replaced: a newer invitation of
	// the address replaced it, replaced_by; account_deleted: the invited
	// address's account was deleted — the subject is then « compte
	// supprimé »; joined: the address became a member of the structure
	// another way, a join request say; absent: a manager or an
	// administrator revoked it),
	// account.created, account.updated, account.deleted, account.password_changed,
	// account.password_reset_issued, account.password_reset_used,
	// client.created, client.updated, client.secret_rotated, referral.read,
	// referral.access_attempted (a call on a referral by someone whose
	// reads are traced that failed and showed no personal data, or by
	// someone outside both of its structures, answered 404 as for an id
	// that names no referral — reason outside_both_structures, or
	// platform_administrator; details give the call and its status),
	// referral.statistics_read (an administrator read exact statistics
	// showing a handful of the structure's referrals; details give the
	// window, created_since and created_before, null for no bound, and
	// reason platform_administrator; subject_id is empty),
	// webhook.created, webhook.updated, webhook.secret_rotated, webhook.deleted,
	// and the structure's own decisions, with who made them (details give
	// old and new): actor.network_changed (joining, moving or leaving a
	// network, whose managers manage the structure's team),
	// actor.contact_public_changed and service.accepts_referrals_changed
	// (for a structure with a team; subject_id is the service), and
	// actor.duplicate_decided (a link of the structure's record confirmed,
	// dismissed or kept otherwise, for a structure with a team; subject_id
	// is the other record, old and new give status, kept and link);
	// actor.changed_by_outsider: the structure's record or one of its
	// services created, changed, archived or restored by someone not of
	// its team (a coordinator, a network's manager, a partner, an
	// administrator), for a structure with a team; subject_id is the
	// record, details give entity, op and fields (the changed fields'
	// names; the values are in the record's history).
	Action string `json:"action" example:"membership.added"`
	// The structure concerned; "" for platform events.
	ActorID string `json:"actor_id"`
	// The other structure of a referral, for referral.read and referral.access_attempted.
	OtherActorID string `json:"other_actor_id"`
	SubjectKind  string `json:"subject_kind" enums:"account,client,referral,invitation,webhook,actor,service"`
	SubjectID    string `json:"subject_id"`
	// An account's name as people are named (display name, else
	// professional e-mail, else « compte sans nom »; never a login e-mail),
	// an invitation's address, a client's name, a structure's or a
	// service's name; never a referred person.
	SubjectLabel string `json:"subject_label"`
	// Who did it.
	Who TrailWho `json:"who"`
	// Deprecated: the former name of who.kind, sent until version 1.2.
	WhoKind string `json:"who_kind" enums:"user,client,system"`
	// Deprecated: the former name of who.id, sent until version 1.2.
	WhoID string `json:"who_id"`
	// Deprecated: the former name of who.label, sent until version 1.2.
	WhoLabel string `json:"who_label"`
	Channel  string `json:"channel" enums:"api,sync,suggestion,cli,system"`
	// The change: a role, old and new values, why a read was traced.
	Details map[string]any `json:"details"`
}

// TrailWho is who did it, and in which capacity.
type TrailWho struct {
	Who
	// platform_administrator when the account acted as a platform
	// administrator (recorded since 2026-12-06), "" otherwise.
	Role string `json:"role" enums:",platform_administrator"`
}

// TrailList is one page of the trail, newest first.
type TrailList struct {
	Data  []TrailEvent `json:"data"`
	Meta  ListMeta     `json:"meta"`
	Links ListLinks    `json:"links"`
}

func newTrailEvent(e *models.TrailEvent) TrailEvent {
	out := TrailEvent{Seq: e.Seq, At: stamp(e.At), Action: e.Action, ActorID: e.ActorID, OtherActorID: e.OtherActorID, SubjectKind: e.SubjectKind,
		SubjectID: e.SubjectID, SubjectLabel: e.SubjectLabel, Who: TrailWho{Who: Who{Kind: e.WhoKind, ID: e.WhoID, Label: e.WhoLabel}, Role: e.WhoRole},
		WhoKind: e.WhoKind, WhoID: e.WhoID, WhoLabel: e.WhoLabel, Channel: e.Channel}
	if err := json.Unmarshal([]byte(e.Details), &out.Details); err != nil || out.Details == nil {
		out.Details = map[string]any{}
	}
	legacyTerritories(out.Details)
	return out
}

// legacyTerritories shows a coordinator's territory recorded before
// models.Territory had JSON names (`{"Departements":["13"],"Communes":null}`,
// in account.created and account.updated) as it is recorded now: the trail
// is append-only, so its old rows are read in the current shape rather than
// rewritten.
func legacyTerritories(details map[string]any) {
	fix := func(v any) any {
		m, ok := v.(map[string]any)
		if !ok || len(m) != 2 || !hasKeys(m, "Departements", "Communes") {
			return v
		}
		list := func(x any) any {
			if x == nil {
				return []any{}
			}
			return x
		}
		return map[string]any{"departements": list(m["Departements"]), "communes": list(m["Communes"])}
	}
	c, ok := details["coordinator"]
	if !ok {
		return
	}
	if m, ok := c.(map[string]any); ok && hasKeys(m, "old", "new") {
		m["old"], m["new"] = fix(m["old"]), fix(m["new"])
		return
	}
	details["coordinator"] = fix(c)
}

func hasKeys(m map[string]any, keys ...string) bool {
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	return true
}

// writeTrail answers a page of the trail. People are named by the label
// recorded with each event (models.PersonLabel), to every reader alike:
// naming them at read time from their current card let anyone rename their
// past acts in other structures' journals (PATCH /me), and the login e-mail
// is never a label.
func (h *Handler) writeTrail(c *gin.Context, f models.TrailFilter) error {
	page, err := h.Store.ListTrail(c.Request.Context(), f)
	if err != nil {
		return err
	}
	out := TrailList{Data: make([]TrailEvent, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newTrailEvent(&page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	privateNoStore(c)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// trailQuery reads the trail's filters; actor_id only where the route takes
// it (the platform trail).
func trailQuery(c *gin.Context, withActor bool) (models.TrailFilter, error) {
	q := queryOf(c)
	f := models.TrailFilter{Action: q.one("action"), SubjectKind: q.one("subject_kind"), SubjectID: q.id("subject_id"), ListParams: q.page(models.SortID)}
	if withActor {
		f.ActorID = q.id("actor_id")
	}
	if f.Action != "" && !slices.Contains(models.TrailActions, f.Action) {
		q.errs.Add("action", "is not an action of the trail")
	}
	switch f.SubjectKind {
	case "", models.SubjectAccount, models.SubjectClient, models.SubjectReferral, models.SubjectInvitation, models.SubjectWebhook,
		models.SubjectActor, models.SubjectService:
	default:
		q.errs.Add("subject_kind", "must be account, client, referral, invitation, webhook, actor or service")
	}
	return f, q.err()
}

// ActorTrail godoc
//
//	@ID			listActorTrail
//	@Summary		A structure's security trail
//	@Description	Who joined or left the team and with which role (and who decided), invitations, reset links issued for its members and their other account events, and every read of its referrals' personal data by someone who is not an ordinary, long-standing member of one of the referral's structures (a platform administrator, a member who joined after the referral was sent, or an account whose password was set since with a reset token someone else was shown; for the structure that forwarded a referral, sent means when the original reached it), with such a reader's failed calls on them and the calls of anyone outside both structures, answered 404 as for an id that names no referral (referral.access_attempted: no personal data was answered; details give the call and its status), and every read by an administrator of exact referral statistics that show it with fewer than 5 referrals or ask about it (referral.statistics_read); the events about referrals are left out for a manager of its network (neither of a referral's two structures). Everyone is named as they were when the event was recorded (their display name, else the professional e-mail they share, else « compte sans nom »), never by their login e-mail; who.id identifies the account. Newest first. The structure's managers (and its network's) and administrators.
//	@Tags			members
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string	true	"Actor id"	format(uuid)
//	@Param			action			query		string	false	"Only this action"
//	@Param			subject_kind	query		string	false	"Only this kind of subject"	Enums(account, client, referral, invitation, webhook, actor, service)
//	@Param			subject_id		query		string	false	"Only this account, referral, invitation, record or service"	format(uuid)
//	@Param			cursor			query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit			query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200				{object}	TrailList
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Router			/api/v1/actors/{id}/trail [get]
func (h *Handler) ActorTrail(c *gin.Context) error {
	ref, err := h.teamRef(c)
	if err != nil {
		return err
	}
	f, err := trailQuery(c, false)
	if err != nil {
		return err
	}
	f.ActorID, f.Keyed = ref.ID, true
	// The reads of a structure's referrals are the structure's record of
	// who saw its people's data: a manager of its network, who is neither
	// of a referral's two structures (and is shown statistics with small
	// counts withheld), sees its team's events but not which referrals
	// were read or reached for, by whom and why (probe33).
	p := principal(c)
	f.WithoutReferrals = !p.IsAdmin() && !p.ManagesItself(ref.ID)
	return h.writeTrail(c, f)
}

// PlatformTrail godoc
//
//	@ID			listPlatformTrail
//	@Summary		The platform's security trail
//	@Description	Every event of the security trail: accounts (creation, administration and coordination rights, disabling, password changes and resets), partner clients (registration, changes, secret rotations), invitations, memberships and traced reads of referrals. Platform administrators only.
//	@Tags			accounts
//	@Produce		json
//	@Security		BearerAuth
//	@Param			action			query		string	false	"Only this action"
//	@Param			subject_kind	query		string	false	"Only this kind of subject"	Enums(account, client, referral, invitation, webhook, actor, service)
//	@Param			subject_id		query		string	false	"Only this account, client, referral, invitation, record or service"	format(uuid)
//	@Param			actor_id		query		string	false	"Only this structure's journal"	format(uuid)
//	@Param			cursor			query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit			query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200				{object}	TrailList
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Router			/api/v1/trail [get]
func (h *Handler) PlatformTrail(c *gin.Context) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	f, err := trailQuery(c, true)
	if err != nil {
		return err
	}
	return h.writeTrail(c, f)
}
