package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// Health is the answer of the health probes.
type Health struct {
	Status string `json:"status" example:"ok"`
	// Version is the running build (a release tag, or the commit it was
	// built from, or "dev").
	Version string `json:"version" example:"v1.2.0"`
}

// Healthz godoc
//
//	@ID			getHealth
//	@Summary		Liveness probe
//	@Description	Answers 200 while the process serves HTTP; it does not touch the database.
//	@Tags			operations
//	@Produce		json
//	@Success		200	{object}	Health
//	@Router			/healthz [get]
func (h *Handler) Healthz(c *gin.Context) error {
	writeJSON(c, http.StatusOK, Health{Status: "ok", Version: h.Version})
	return nil
}

// Readiness is the answer of the readiness probe: the database answers, and
// how far this process's read models are behind the database's change log.
type Readiness struct {
	// Status is degraded while writes are refused for a full disk (see
	// storage_full_at), a follower or a background job fails (it retries;
	// see its state and last_error), or indexes an import dropped are
	// missing after its process died; else ok. Reads and search still
	// serve.
	Status string `json:"status" enums:"ok,degraded" example:"ok"`
	// Version is the running build, as in Health.
	Version string `json:"version" example:"v1.2.0"`
	// Engine is the database engine: sqlite or postgres.
	Engine string `json:"engine" enums:"sqlite,postgres" example:"postgres"`
	// Followers are this process's consumers of the change log (the search
	// index among them).
	Followers []FollowerHealth `json:"followers"`
	// MissingIndexes counts the secondary indexes a first import into an
	// empty directory dropped and has not created again (SQLite): while it
	// runs, and, when its process died, until the maintenance loop
	// creates them again (within a minute of its lease lapsing, 2 minutes
	// after its last write; status is degraded meanwhile). Reads are
	// correct but slower without them.
	MissingIndexes int `json:"missing_indexes" example:"0"`
	// Workers are this process's other background jobs, once they have
	// run: maintenance (referral lifecycle, index repair), mail (the
	// e-mail sender), webhook-delivery. Each tries again at its next turn
	// after an error.
	Workers []WorkerHealth `json:"workers"`
	// StorageFullAt is when a write last failed because the disk holding
	// the database was full, for a minute after it: the status is degraded
	// until no write has failed so for a minute.
	StorageFullAt *time.Time `json:"storage_full_at,omitempty" example:"2026-03-02T10:04:05Z"`
}

// WorkerHealth is one background job.
type WorkerHealth struct {
	Name string `json:"name" example:"maintenance"`
	// State is failing when its last turn failed, else running.
	State string `json:"state" enums:"running,failing" example:"running"`
	// Errors counts failed turns since start.
	Errors int64 `json:"errors" example:"0"`
	// LastError is the kind of the last failure while failing, as for
	// followers.
	LastError string `json:"last_error,omitempty" enums:"storage_full,busy,unavailable,internal" example:"storage_full"`
}

// FollowerHealth is one consumer of the change log.
type FollowerHealth struct {
	Name string `json:"name" example:"search"`
	// AppliedSeq is the last change applied (the feed's seq).
	AppliedSeq int64 `json:"applied_seq" example:"18342"`
	// Lag is the number of changes committed but not applied yet.
	Lag int64 `json:"lag" example:"0"`
	// BehindSeconds is how long the oldest change not applied has waited.
	BehindSeconds float64 `json:"behind_seconds" example:"0"`
	// Errors counts failed attempts since start (they are retried).
	Errors int64 `json:"errors" example:"0"`
	// Standby: another replica holds this follower's turn (work done once
	// per database, such as duplicate detection); applied_seq and lag are
	// that replica's progress.
	Standby bool `json:"standby" example:"false"`
	// State is running, standby, starting (not reading the log yet) or
	// failing (its last attempt failed; it retries with a backoff of at
	// most 30 s, and lag keeps growing meanwhile).
	State string `json:"state" enums:"running,standby,starting,failing" example:"running"`
	// LastError is the kind of the last failure while failing:
	// storage_full (the disk or database is full), busy, unavailable or
	// internal (details in the logs).
	LastError string `json:"last_error,omitempty" enums:"storage_full,busy,unavailable,internal" example:"storage_full"`
}

// Readyz godoc
//
//	@ID			getReadiness
//	@Summary		Readiness probe
//	@Description	Answers 200 when the database answers, 503 otherwise, with the state and lag of this process's followers of the database's change log: the search index (writes by other replicas or a command-line import reach it within about a second), duplicate detection (run by one replica at a time; the others stand by) and the webhooks' fan-out, and its other background jobs (workers). The status is « degraded » (still 200: reads and search serve) while writes are refused because the disk holding the database is full (storage_full_at), while a follower or a worker fails (it retries with a bounded backoff, listed as failing with the kind of its error), or while indexes an import dropped are missing after its process died (missing_indexes).
//	@Tags			operations
//	@Produce		json
//	@Success		200	{object}	Readiness
//	@Failure		503	{object}	Problem
//	@Router			/readyz [get]
func (h *Handler) Readyz(c *gin.Context) error {
	if err := h.Store.Ping(c.Request.Context()); err != nil {
		return err
	}
	out := Readiness{Status: "ok", Version: h.Version, Engine: h.Store.Engine(), Followers: []FollowerHealth{}}
	for _, f := range h.Store.FollowerStats() {
		fh := FollowerHealth{Name: f.Name, AppliedSeq: f.Applied, Lag: f.Lag,
			BehindSeconds: f.Behind.Round(time.Millisecond).Seconds(), Errors: f.Errors, Standby: f.Standby, State: f.State()}
		if f.Failing {
			fh.LastError = f.LastErrorKind
			out.Status = "degraded"
		}
		out.Followers = append(out.Followers, fh)
	}
	out.Workers = []WorkerHealth{}
	for _, w := range h.Store.WorkerStats() {
		wh := WorkerHealth{Name: w.Name, State: "running", Errors: w.Errors}
		if w.Failing {
			wh.State, wh.LastError, out.Status = "failing", w.LastErrorKind, "degraded"
		}
		out.Workers = append(out.Workers, wh)
	}
	deferred, err := h.Store.DeferredIndexes(c.Request.Context())
	if err != nil {
		return err
	}
	out.MissingIndexes = deferred.Running + deferred.Lapsed
	if deferred.Lapsed > 0 {
		out.Status = "degraded"
	}
	if at, full := h.Store.StorageFull(); full {
		out.Status, out.StorageFullAt = "degraded", &at
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}
