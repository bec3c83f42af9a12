package handlers

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// TestSyncPartnerSources checks the rule of the sync API for partner
// clients, whose tokens the test harness cannot mint yet: a partner writes
// its own sources and no other.
func TestSyncPartnerSources(t *testing.T) {
	gin.SetMode(gin.TestMode)
	store, err := models.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	h := &Handler{Store: store}
	partner := &models.Principal{ClientID: "caf-13", ClientName: "CAF 13", Sources: []string{"caf-13"}, Scopes: []string{models.ScopeSyncWrite}}
	body := `{"actors": [{"source_id": "p1", "name": "Point numérique CAF", "address": {"street": "1 rue", "postal_code": "13001", "commune": "Marseille"}}]}`
	for _, c := range []struct {
		name, source string
		want         int
	}{{"OK own source", "caf-13", http.StatusOK}, {"ErrForbidden another source", "hub-du-sud", http.StatusForbidden}} {
		t.Run(c.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			ctx, _ := gin.CreateTestContext(w)
			ctx.Request = httptest.NewRequest("PUT", "/api/v1/sync/"+c.source+"/actors", strings.NewReader(body))
			ctx.Request.Header.Set("Content-Type", "application/json")
			ctx.Params = gin.Params{{Key: "source", Value: c.source}}
			ctx.Set(PrincipalKey, partner)
			ctx.Request = ctx.Request.WithContext(models.WithPrincipal(ctx.Request.Context(), partner))
			err := h.SyncActors(ctx)
			if got := http.StatusOK; err != nil {
				got = StatusOf(err)
				if got != c.want {
					t.Fatalf("status %d, want %d: %v", got, c.want, err)
				}
				return
			}
			if c.want != http.StatusOK || !strings.Contains(w.Body.String(), `"created":1`) {
				t.Errorf("want %d, got 200: %s", c.want, w.Body)
			}
		})
	}

	t.Run("Rejected a parent network of another source", func(t *testing.T) {
		network := models.Actor{Name: "Réseau", Source: "hub-du-sud", SourceID: "net", Address: models.Address{Street: "1 rue", PostalCode: "13001", Commune: "Marseille"}}
		if err := store.CreateActor(context.Background(), &network); err != nil {
			t.Fatal(err)
		}
		w := httptest.NewRecorder()
		ctx, _ := gin.CreateTestContext(w)
		ctx.Request = httptest.NewRequest("PUT", "/api/v1/sync/caf-13/actors", strings.NewReader(
			`{"actors": [{"source_id": "p2", "name": "Antenne", "parent_id": "`+network.ID+`", "address": {"street": "1 rue", "postal_code": "13001", "commune": "Marseille"}}]}`))
		ctx.Request.Header.Set("Content-Type", "application/json")
		ctx.Params = gin.Params{{Key: "source", Value: "caf-13"}}
		ctx.Set(PrincipalKey, partner)
		ctx.Request = ctx.Request.WithContext(models.WithPrincipal(ctx.Request.Context(), partner))
		if err := h.SyncActors(ctx); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(w.Body.String(), `"rejected":1`) || !strings.Contains(w.Body.String(), `"field":"parent_id"`) {
			t.Errorf("parent of another source: %s", w.Body)
		}
	})
}
