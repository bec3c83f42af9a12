package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/handlers"
	"carnet/models"
)

// routes registers every route of the service. It is the one place that shows
// the whole API and, for each route, who may call it:
//   - public: anyone; a bearer token, when sent, must be valid and may widen
//     what is visible (draft services for their editors);
//   - auth: a valid bearer token; the handler then checks the caller's rights
//     on the resource;
//   - create: auth, and an Idempotency-Key makes a retried POST safe.
//
// Before any of these, every route runs the router's middleware
// (server.go); among them knownQueries refuses a write with a query
// parameter its operation does not declare, anonymous or not (query.go).
func routes(r *gin.Engine, h *handlers.Handler, cfg Config, docs *docs, met *metrics) {
	log := cfg.Logger
	w := func(fn handlers.HandlerFunc) gin.HandlerFunc { return handlers.Wrap(log, fn) }
	token := authenticate(log, cfg.Tokens, cfg.Store)
	needToken := requireAuth(log)
	// A public read may answer more with a token (drafts, private contact
	// details): caches are told the answer varies with Authorization.
	public := func(fn handlers.HandlerFunc) []gin.HandlerFunc {
		return []gin.HandlerFunc{varyAuthorization, token, w(fn)}
	}
	auth := func(fn handlers.HandlerFunc) []gin.HandlerFunc { return []gin.HandlerFunc{token, needToken, w(fn)} }
	// create is auth plus Idempotency-Key support, for POSTs that create.
	once := idempotent(log, cfg.Store, h)
	create := func(fn handlers.HandlerFunc) []gin.HandlerFunc {
		return []gin.HandlerFunc{token, needToken, once, w(fn)}
	}

	hints := newRouteIndex(docs.queries)
	noRoute := w(func(c *gin.Context) error {
		// The path as sent (percent-encoded): decoded, a text-direction
		// override or a line break in it would come back as the character.
		path := c.Request.URL.EscapedPath()
		msg := fmt.Sprintf("No route matches %s %s.", requestMethod(c), clipPath(path))
		if h := hints.hint(c.Request.Method, path); h != "" {
			msg += " " + h
		}
		return &models.Error{Code: models.ENOTFOUND, Message: msg}
	})
	r.NoRoute(noRoute)
	// No path parameter may hold a slash, and the router routes on the
	// decoded path: decoded, an encoded slash could reach another route
	// (/actors/{id}%2Fhistory is an actor's history), past a proxy's rule
	// written on the path as sent. Such a path matches no route, whatever
	// it decodes to. Registered before the routes, which it then precedes.
	r.Use(func(c *gin.Context) {
		if strings.Contains(strings.ToUpper(c.Request.URL.EscapedPath()), "%2F") {
			noRoute(c)
			c.Abort()
			return
		}
		c.Next()
	})
	// A UUID is one id in any case (RFC 9562 §4: read case-insensitively);
	// Carnet stores and writes it in lower case. Bodies and query filters
	// read it so (models.NormalID); a path's id is read alike here, before
	// every route, so no handler meets the capitals (an id in capitals was
	// 404 on every path, the probe of 2026-12-07).
	r.Use(func(c *gin.Context) {
		for i, p := range c.Params {
			if models.ValidID(strings.ToLower(p.Value)) {
				c.Params[i].Value = strings.ToLower(p.Value)
			}
		}
		c.Next()
	})
	r.NoMethod(w(func(c *gin.Context) error {
		allow := withHead(c.Writer.Header().Get("Allow"))
		c.Header("Allow", allow)
		return models.Errorf(models.EMETHOD, "%s is not allowed on %s; allowed: %s.", requestMethod(c), clipPath(c.Request.URL.EscapedPath()), allow)
	}))

	// Operations and documentation.
	r.GET("/healthz", w(h.Healthz))
	r.GET("/readyz", w(h.Readyz))
	r.GET("/metrics", met.serve(log, cfg.MetricsToken))
	r.GET("/", func(c *gin.Context) { c.Redirect(http.StatusFound, "/docs/index.html") })
	r.GET("/openapi.yaml", docs.serveYAML)
	r.GET("/openapi.json", docs.serveJSON)
	r.GET("/docs", docs.redirect)
	r.GET("/docs/*file", docs.ui(log))

	v1 := r.Group("/api/v1")

	// Identity: credentials and sign-ups are rate limited in the handlers
	// (per address and per account).
	v1.POST("/auth/login", w(h.Login))
	v1.POST("/auth/token", w(h.Token))
	v1.POST("/auth/logout", w(h.Logout))
	v1.POST("/auth/password-reset", w(h.ResetPassword))
	// The invited address's own account accepts signed in (optional token).
	v1.POST("/invitations/accept", token, w(h.AcceptInvitation))
	v1.POST("/invitations", create(h.CreateInvitation)...)
	v1.POST("/signup", w(h.SignUp))
	v1.POST("/signup/verify", w(h.VerifySignup))
	v1.GET("/me", auth(h.GetMe)...)
	v1.PATCH("/me", auth(h.UpdateMe)...)
	v1.DELETE("/me", auth(h.DeleteMe)...)
	v1.GET("/me/notifications", auth(h.GetMyNotifications)...)
	v1.PATCH("/me/notifications", auth(h.UpdateMyNotifications)...)
	v1.PUT("/me/password", auth(h.ChangePassword)...)
	v1.GET("/me/join-requests", auth(h.ListMyJoinRequests)...)
	v1.GET("/users", auth(h.ListUsers)...)
	v1.GET("/users/:id", auth(h.GetUser)...)
	v1.PATCH("/users/:id", auth(h.UpdateUser)...)
	v1.POST("/users/:id/password-reset", create(h.IssuePasswordReset)...)
	v1.GET("/trail", auth(h.PlatformTrail)...)
	v1.GET("/clients", auth(h.ListClients)...)
	v1.POST("/clients", create(h.CreateClient)...)
	v1.GET("/clients/:id", auth(h.GetClient)...)
	v1.PATCH("/clients/:id", auth(h.UpdateClient)...)
	v1.POST("/clients/:id/secret", auth(h.RotateClientSecret)...)

	v1.GET("/vocabularies", w(h.ListVocabularies))
	v1.GET("/vocabularies/:name", w(h.GetVocabulary))

	v1.GET("/actors", public(h.ListActors)...)
	v1.POST("/actors", create(h.CreateActor)...)
	v1.GET("/actors/:id", public(h.GetActor)...)
	v1.PUT("/actors/:id", auth(h.ReplaceActor)...)
	v1.PATCH("/actors/:id", auth(h.PatchActor)...)
	v1.DELETE("/actors/:id", auth(h.ArchiveActor)...)
	v1.POST("/actors/:id/restore", auth(h.RestoreActor)...)
	v1.GET("/actors/:id/trail", auth(h.ActorTrail)...)
	v1.GET("/actors/:id/history", auth(h.ActorHistory)...)
	v1.POST("/actors/:id/suggestions", create(h.SuggestActorChange)...)
	v1.GET("/actors/:id/members", auth(h.ListMembers)...)
	v1.POST("/actors/:id/members", create(h.AddMember)...)
	v1.PATCH("/actors/:id/members/:user_id", auth(h.UpdateMember)...)
	v1.DELETE("/actors/:id/members/:user_id", auth(h.RemoveMember)...)
	v1.GET("/actors/:id/invitations", auth(h.ListInvitations)...)
	v1.DELETE("/actors/:id/invitations/:invitation_id", auth(h.RevokeInvitation)...)
	v1.GET("/actors/:id/join-requests", auth(h.ListJoinRequests)...)
	v1.POST("/actors/:id/join-requests", create(h.CreateJoinRequest)...)
	v1.PATCH("/actors/:id/join-requests/:request_id", auth(h.DecideJoinRequest)...)

	v1.GET("/services", public(h.ListServices)...)
	v1.POST("/services", create(h.CreateService)...)
	v1.GET("/services/:id", public(h.GetService)...)
	v1.PUT("/services/:id", auth(h.ReplaceService)...)
	v1.PATCH("/services/:id", auth(h.PatchService)...)
	v1.DELETE("/services/:id", auth(h.ArchiveService)...)
	v1.POST("/services/:id/restore", auth(h.RestoreService)...)
	v1.GET("/services/:id/history", auth(h.ServiceHistory)...)
	v1.POST("/services/:id/suggestions", create(h.SuggestServiceChange)...)

	// Referrals carry people's data: only members of the two structures
	// involved see them (the handlers answer 404 to anyone else).
	v1.POST("/referrals", create(h.CreateReferral)...)
	v1.GET("/referrals", auth(h.ListReferrals)...)
	v1.GET("/referrals/changes", auth(h.ReferralChangesFeed)...)
	v1.GET("/referrals/:id", auth(h.GetReferral)...)
	v1.POST("/referrals/:id/transitions", auth(h.TransitionReferral)...)
	v1.GET("/referrals/:id/messages", auth(h.ListReferralMessages)...)
	v1.POST("/referrals/:id/messages", create(h.PostReferralMessage)...)
	v1.POST("/referrals/:id/forward", create(h.ForwardReferral)...)
	v1.GET("/stats/referrals", auth(h.ReferralStatistics)...)

	v1.GET("/suggestions", auth(h.ListSuggestions)...)
	v1.GET("/suggestions/:id", auth(h.GetSuggestion)...)
	v1.PATCH("/suggestions/:id", auth(h.DecideSuggestion)...)

	// Search and orientation (issue 5): public reads of what anonymous
	// readers may see, answered by the in-memory index. Suggestions are a
	// POST because a situation is a body, but they create nothing (no
	// Idempotency-Key).
	v1.GET("/search/services", public(h.SearchServices)...)
	v1.GET("/search/actors", public(h.SearchActors)...)
	v1.POST("/orientation/suggestions", public(h.OrientationSuggestions)...)
	v1.GET("/stats/territory", public(h.TerritoryStats)...)
	v1.GET("/stats/territory/geojson", public(h.TerritoryGeoJSON)...)

	// The official commune reference (issue 10), embedded in the binary.
	v1.GET("/communes", public(h.ListCommunes)...)

	// Partner sync and open data (issue 6). Sync handlers check
	// CanWriteSource on the path's source; duplicate decisions check
	// CanModerate on the linked actors.
	v1.PUT("/sync/:source/actors", auth(h.SyncActors)...)
	v1.PUT("/sync/:source/services", auth(h.SyncServices)...)
	v1.POST("/sync/:source/import", create(h.ImportPlaces)...)
	// Snapshot sessions: a snapshot sent in several batches (batches join
	// one with ?snapshot_id=); the same rights as the batches.
	v1.POST("/sync/:source/snapshots", auth(h.OpenSnapshot)...)
	v1.GET("/sync/:source/snapshots/:id", auth(h.GetSnapshot)...)
	v1.DELETE("/sync/:source/snapshots/:id", auth(h.AbandonSnapshot)...)
	v1.POST("/sync/:source/snapshots/:id/complete", auth(h.CompleteSnapshot)...)
	v1.GET("/changes", public(h.ListChanges)...)
	v1.GET("/exports", public(h.ListExports)...)
	v1.GET("/exports/:format", public(h.Export)...)
	v1.GET("/duplicates", public(h.ListDuplicates)...)
	v1.POST("/duplicates", auth(h.CreateDuplicate)...)
	v1.POST("/duplicates/:id/confirm", auth(h.ConfirmDuplicate)...)
	v1.POST("/duplicates/:id/dismiss", auth(h.DismissDuplicate)...)
	// Data quality (issue 11): coordinators list the records of their
	// territory to check again; the handler checks the role and territory.
	v1.GET("/quality/stale", auth(h.ListStale)...)

	// Webhooks (issue 14): partner clients with the webhooks:manage scope
	// and administrators; the store answers 404 for another owner's
	// subscription.
	v1.GET("/webhooks", auth(h.ListWebhooks)...)
	v1.POST("/webhooks", create(h.CreateWebhook)...)
	v1.GET("/webhooks/:id", auth(h.GetWebhook)...)
	v1.PATCH("/webhooks/:id", auth(h.UpdateWebhook)...)
	v1.DELETE("/webhooks/:id", auth(h.DeleteWebhook)...)
	v1.POST("/webhooks/:id/secret", auth(h.RotateWebhookSecret)...)
	v1.POST("/webhooks/:id/ping", auth(h.PingWebhook)...)
	v1.POST("/webhooks/:id/replay", auth(h.ReplayWebhook)...)
	v1.GET("/webhooks/:id/deliveries", auth(h.ListWebhookDeliveries)...)
	v1.GET("/webhooks/:id/deliveries/:delivery_id", auth(h.GetWebhookDelivery)...)

	// Open Referral HSDS 3.0 read view (issue 14): the published directory
	// in the standard's shape. It is the same for everyone, so no token is
	// read, and any origin may call it (server.go: openCORS).
	hs := r.Group(handlers.HSDSBasePath)
	hs.GET("", w(h.HSDSInfo))
	hs.GET("/", w(h.HSDSInfo))
	hs.GET("/openapi.json", docs.serveHSDS)
	hs.GET("/services", w(h.HSDSServices))
	hs.GET("/services/:id", w(h.HSDSService))
	hs.GET("/service_at_locations", w(h.HSDSServicesAtLocation))
	hs.GET("/service_at_locations/:id", w(h.HSDSServiceAtLocation))
	hs.GET("/organizations", w(h.HSDSOrganizations))
	hs.GET("/organizations/:id", w(h.HSDSOrganization))
	hs.GET("/taxonomies", w(h.HSDSTaxonomies))
	hs.GET("/taxonomies/:id", w(h.HSDSTaxonomy))
	hs.GET("/taxonomy_terms", w(h.HSDSTaxonomyTerms))
	hs.GET("/taxonomy_terms/:id", w(h.HSDSTaxonomyTerm))
}

// varyAuthorization marks the answer of a public route as depending on the
// Authorization header. A handler may set Vary itself (an export, the same
// for everyone, says Accept-Encoding instead).
func varyAuthorization(c *gin.Context) {
	handlers.AddVary(c.Writer.Header(), "Authorization")
	c.Next()
}

// clipPath shortens a path written back in a problem's detail: the
// instance already carries it whole.
func clipPath(p string) string {
	if len(p) > 200 {
		return p[:200] + "…"
	}
	return p
}
