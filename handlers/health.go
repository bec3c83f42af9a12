package handlers

import (
	"net/http"

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

// Readyz godoc
//
//	@ID			getReadiness
//	@Summary		Readiness probe
//	@Description	Answers 200 when the database answers, 503 otherwise.
//	@Tags			operations
//	@Produce		json
//	@Success		200	{object}	Health
//	@Failure		503	{object}	Problem
//	@Router			/readyz [get]
func (h *Handler) Readyz(c *gin.Context) error {
	if err := h.Store.Ping(c.Request.Context()); err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, Health{Status: "ok", Version: h.Version})
	return nil
}
