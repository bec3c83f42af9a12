// Package api assembles the HTTP service: the router, its middleware, token
// handling and the OpenAPI documents.
package api

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"

	"carnet/handlers"
	"carnet/models"
)

// Config configures the HTTP service.
type Config struct {
	Store  *models.Store
	Tokens *Tokens
	Logger *slog.Logger
	// MaxBodyBytes caps request bodies; 0 means 1 MiB.
	MaxBodyBytes int64
	// CORSOrigins lists the browser origins allowed to call the API; empty
	// means any origin (the directory is public and tokens travel in a
	// header, not a cookie, so there is nothing to steal cross-site).
	CORSOrigins []string
	// OpenAPI is the OpenAPI 3 document (YAML) served at /openapi.yaml and
	// /openapi.json and shown by Swagger UI at /docs.
	OpenAPI []byte
}

// NewServer returns the service's HTTP handler.
func NewServer(cfg Config) (http.Handler, error) {
	if cfg.Store == nil || cfg.Tokens == nil {
		return nil, errors.New("api: Store and Tokens are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	docs, err := newDocs(cfg.OpenAPI)
	if err != nil {
		return nil, err
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false // a redirect would lose a POST body; 404 says it plainly
	r.RedirectFixedPath = false
	r.ContextWithFallback = true
	r.Use(
		requestID(),
		accessLog(cfg.Logger),
		recovery(cfg.Logger),
		securityHeaders(),
		corsMiddleware(cfg.CORSOrigins),
		bodyLimit(cfg.Logger, cfg.MaxBodyBytes),
	)
	h := &handlers.Handler{Store: cfg.Store, Tokens: cfg.Tokens, Log: cfg.Logger}
	routes(r, h, cfg, docs)
	return r, nil
}

func corsMiddleware(origins []string) gin.HandlerFunc {
	c := cors.Config{
		AllowMethods:  []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"},
		AllowHeaders:  []string{"Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "X-Request-ID"},
		ExposeHeaders: []string{"ETag", "Location", "X-Request-ID", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Content-Disposition", "X-Changes-Cursor"},
		MaxAge:        12 * time.Hour,
	}
	if len(origins) == 0 {
		c.AllowAllOrigins = true
	} else {
		c.AllowOrigins = origins
	}
	return cors.New(c)
}
