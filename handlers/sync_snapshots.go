package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// SnapshotSession is a snapshot of a source sent in several sync batches.
type SnapshotSession struct {
	ID     string `json:"id" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	Source string `json:"source" example:"hub-du-sud"`
	// When the session was opened.
	OpenedAt Time `json:"opened_at" format:"date-time"`
	// When the last batch joined it; null before the first.
	LastBatchAt *Time `json:"last_batch_at" format:"date-time" extensions:"x-nullable"`
	// 24 hours after its last batch (or its opening): an expired session
	// archives nothing and answers 410 until it is purged (then 404).
	ExpiresAt Time `json:"expires_at" format:"date-time"`
	// Batches that joined it (dry runs are not counted).
	Batches int `json:"batches" example:"3"`
	// Distinct source_ids of actors its batches carried so far (rejected
	// records included: completing keeps what is stored of them).
	Actors int `json:"actors" example:"2500"`
	// Distinct source_ids of services its batches carried so far.
	Services int `json:"services" example:"0"`
}

func newSnapshotSession(s *models.SnapshotSession) SnapshotSession {
	out := SnapshotSession{ID: s.ID, Source: s.Source, OpenedAt: stamp(s.OpenedAt.UTC()), ExpiresAt: stamp(s.ExpiresAt.UTC()),
		Batches: s.Batches, Actors: s.Actors, Services: s.Services}
	if s.LastBatchAt != nil {
		t := s.LastBatchAt.UTC()
		out.LastBatchAt = stampPtr(&t)
	}
	return out
}

func snapshotPath(source, id string) string { return "/api/v1/sync/" + source + "/snapshots/" + id }

// snapshotTarget reads the path's source and checks that the caller may
// sync it.
func snapshotTarget(c *gin.Context) (string, error) {
	source := strings.ToLower(c.Param("source"))
	return source, checkSyncSource(c, source)
}

// OpenSnapshot godoc
//
//	@ID			openSyncSnapshot
//	@Summary		Open a snapshot session of a partner's source
//	@Description	Starts a snapshot sent in several batches, for a source whose whole set does not fit one batch (1000 records, CARNET_MAX_BODY_BYTES): send every record with PUT /api/v1/sync/{source}/actors?snapshot_id=ID (and /services), batches written exactly as upserts, then POST /api/v1/sync/{source}/snapshots/{id}/complete to archive the source's live records that no batch carried. A source has one open session at a time: a second one is refused with 409 naming the open one, which may be completed or abandoned (DELETE). A session expires 24 hours after its last batch (or its opening): it then archives nothing and answers 410, and is purged. Opening a session purges every expired one. Who: administrators, any source; partner clients with the sync:write scope, their own sources.
//	@Tags			sync
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[sync:write]
//	@Param			source	path		string	true	"The partner's source name"	example(hub-du-sud)
//	@Success		201		{object}	SnapshotSession
//	@Header			201		{string}	Location	"URL of the session"
//	@Failure		400		{object}	Problem	"An unknown query parameter"
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem	"Not this caller's source"
//	@Failure		409		{object}	Problem	"A session of the source is open: its id is in the detail and in errors[]"
//	@Failure		422		{object}	Problem	"The source is not a valid source name"
//	@Router			/api/v1/sync/{source}/snapshots [post]
func (h *Handler) OpenSnapshot(c *gin.Context) error {
	source, err := snapshotTarget(c)
	if err != nil {
		return err
	}
	s, err := h.Store.OpenSnapshot(c.Request.Context(), source)
	if err != nil {
		return err
	}
	c.Header("Location", snapshotPath(source, s.ID))
	writeJSON(c, http.StatusCreated, newSnapshotSession(s))
	return nil
}

// GetSnapshot godoc
//
//	@ID			getSyncSnapshot
//	@Summary		Get a snapshot session
//	@Description	The session's times and what its batches carried so far: the distinct source_ids of actors and of services. Who: administrators, any source; partner clients with the sync:write scope, their own sources.
//	@Tags			sync
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[sync:write]
//	@Param			source	path		string	true	"The partner's source name"	example(hub-du-sud)
//	@Param			id		path		string	true	"Session id"	format(uuid)
//	@Success		200		{object}	SnapshotSession
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem	"Not this caller's source"
//	@Failure		404		{object}	Problem	"No open session of the source has this id (completed, abandoned, purged, or another source's)"
//	@Failure		410		{object}	Problem	"The session expired"
//	@Router			/api/v1/sync/{source}/snapshots/{id} [get]
func (h *Handler) GetSnapshot(c *gin.Context) error {
	source, err := snapshotTarget(c)
	if err != nil {
		return err
	}
	s, err := h.Store.GetSnapshot(c.Request.Context(), source, c.Param("id"))
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newSnapshotSession(s))
	return nil
}

// AbandonSnapshot godoc
//
//	@ID			abandonSyncSnapshot
//	@Summary		Abandon a snapshot session
//	@Description	Ends the session without archiving anything; the records its batches wrote stay as written. Who: administrators, any source; partner clients with the sync:write scope, their own sources.
//	@Tags			sync
//	@Security		BearerAuth
//	@Security		PartnerClient[sync:write]
//	@Param			source	path	string	true	"The partner's source name"	example(hub-du-sud)
//	@Param			id		path	string	true	"Session id"	format(uuid)
//	@Success		204
//	@Failure		400	{object}	Problem	"An unknown query parameter"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem	"Not this caller's source"
//	@Failure		404	{object}	Problem	"No open session of the source has this id"
//	@Failure		410	{object}	Problem	"The session expired"
//	@Router			/api/v1/sync/{source}/snapshots/{id} [delete]
func (h *Handler) AbandonSnapshot(c *gin.Context) error {
	source, err := snapshotTarget(c)
	if err != nil {
		return err
	}
	if err := h.Store.AbandonSnapshot(c.Request.Context(), source, c.Param("id")); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// CompleteSnapshot godoc
//
//	@ID			completeSyncSnapshot
//	@Summary		Complete a snapshot session: archive what its batches did not carry
//	@Description	Archives the source's live records whose source_id no batch of the session carried, for the kinds it received batches of (actors, with their services; services), as mode=snapshot does for one batch: a record a batch carried and rejected keeps its stored version. Refused with 409 when it would archive more than 20% of the source's live actors or services, unless allow_mass_archive=true; the session stays open then, to be completed again. Answers the report of a batch, whose results are the archived records (index -1); a place heading active child actors is reported rejected and stays. The session ends, unless dry_run=true (it reports what would be archived and stays open). A session that received no batch is refused with 409. Who: administrators, any source; partner clients with the sync:write scope, their own sources.
//	@Tags			sync
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[sync:write]
//	@Param			source				path		string	true	"The partner's source name"	example(hub-du-sud)
//	@Param			id					path		string	true	"Session id"	format(uuid)
//	@Param			dry_run				query		bool	false	"Report what would be archived without archiving, and keep the session open"
//	@Param			allow_mass_archive	query		bool	false	"Let the completion archive more than 20% of the source's actors or services"
//	@Success		200					{object}	SyncResponse
//	@Failure		400					{object}	Problem
//	@Failure		401					{object}	Problem
//	@Failure		403					{object}	Problem	"Not this caller's source"
//	@Failure		404					{object}	Problem	"No open session of the source has this id"
//	@Failure		409					{object}	Problem	"It would archive too many records (counts in errors[]), or the session received no batch"
//	@Failure		410					{object}	Problem	"The session expired"
//	@Router			/api/v1/sync/{source}/snapshots/{id}/complete [post]
func (h *Handler) CompleteSnapshot(c *gin.Context) error {
	q := queryOf(c)
	opt := models.SyncOptions{Snapshot: true, DryRun: q.flag("dry_run"), AllowMassArchive: q.flag("allow_mass_archive")}
	if err := q.err(); err != nil {
		return err
	}
	source, err := snapshotTarget(c)
	if err != nil {
		return err
	}
	id := c.Param("id")
	res, err := h.Store.CompleteSnapshot(c.Request.Context(), source, id, opt)
	if err != nil {
		return err
	}
	opt.SnapshotID = id
	writeJSON(c, http.StatusOK, newSyncResponse(source, opt, res))
	return nil
}
