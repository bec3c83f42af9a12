package handlers

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/search"
)

// Tokens issues access tokens; the api package implements it, so that
// handlers do not depend on how tokens are signed.
type Tokens interface {
	Issue(p *models.Principal) (token string, expires time.Time, err error)
}

// Handler holds what every handler needs. Its methods are grouped by
// resource, one file each.
type Handler struct {
	Store  *models.Store
	Tokens Tokens
	Log    *slog.Logger
	// Search answers the search, orientation and territory endpoints.
	Search search.Engine

	json jsonCache // encoded search results; see searchjson.go
}

// PrincipalKey is where the authentication middleware stores the caller.
const PrincipalKey = "principal"

// principal returns the authenticated caller, nil for anonymous requests.
func principal(c *gin.Context) *models.Principal {
	p, _ := c.Get(PrincipalKey)
	pr, _ := p.(*models.Principal)
	return pr
}

// ETags are strong and quoted. An actor's is its version; a service's adds
// its actor's version because the service representation embeds the actor's
// name and address.
func actorETag(a *models.Actor) string { return fmt.Sprintf(`"%d"`, a.Version) }

func serviceETag(s *models.Service) string {
	if s.Actor == nil {
		return fmt.Sprintf(`"%d"`, s.Version)
	}
	return fmt.Sprintf(`"%d.%d"`, s.Version, s.Actor.Version)
}

// ifMatch returns the resource version named by If-Match, 0 when absent.
// Only the resource's own version counts, so "3" and "3.7" both mean
// version 3 (a service edit is not blocked by a change to its actor).
func ifMatch(c *gin.Context) (int64, error) {
	h := strings.TrimSpace(c.GetHeader("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	bad := models.Errorf(models.EPRECONDITION, "If-Match must be the ETag of the resource as you read it, such as \"3\" (weak ETags never match).")
	if !strings.HasPrefix(h, `"`) || !strings.HasSuffix(h, `"`) || len(h) < 3 || strings.Contains(h, ",") {
		return 0, bad
	}
	v := strings.Trim(h, `"`)
	if i := strings.IndexByte(v, '.'); i >= 0 {
		v = v[:i]
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, bad
	}
	return n, nil
}

// writeVersioned writes a representation with its ETag, or 304 when the
// client's If-None-Match already names it.
func writeVersioned(c *gin.Context, status int, etag string, v any) error {
	c.Header("ETag", etag)
	if status == http.StatusOK {
		for _, t := range strings.Split(c.GetHeader("If-None-Match"), ",") {
			if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == etag || t == "*" {
				c.Status(http.StatusNotModified)
				return nil
			}
		}
	}
	writeJSON(c, status, v)
	return nil
}

// listMeta builds the paging metadata and links of a list response. Links
// are relative: the service does not know the public host behind a proxy.
func listMeta(c *gin.Context, p models.ListParams, total int64, next string) (ListMeta, ListLinks) {
	if p.Limit <= 0 {
		p.Limit = models.DefaultLimit
	}
	m := ListMeta{Total: total, Limit: min(p.Limit, models.MaxLimit)}
	l := ListLinks{Self: c.Request.URL.RequestURI()}
	if next != "" {
		m.NextCursor = &next
		q := c.Request.URL.Query()
		q.Set("cursor", next)
		u := url.URL{Path: c.Request.URL.Path, RawQuery: q.Encode()}
		s := u.RequestURI()
		l.Next = &s
	}
	return m, l
}
