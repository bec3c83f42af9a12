package api_test

import (
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestRestoreLeavingAnArchivedNetwork: a place archived, then its network,
// could never be restored (409 « change its parent_id after restoring »,
// while an archived place cannot be edited). leave_network=true restores it
// outside the network, by those who may edit it, recorded in its history.
func TestRestoreLeavingAnArchivedNetwork(t *testing.T) {
	e := apitest.New(t)
	network := str(createActor(t, e, validActor("Réseau des espaces numériques"))["id"])
	place := str(createActor(t, e, merge(validActor("Espace numérique"), obj{"parent_id": network}))["id"])
	_, manager := e.Account("gerant@example.fr", map[string]models.Role{place: models.RoleManager}, models.Territory{})
	_, stranger := e.Account("autre@example.fr", nil, models.Territory{})
	// The place archived by its manager (an administrator's archive only
	// an administrator restores: TestAnAdministratorsArchiveIsUndoneByAnAdministrator).
	// The place first: a network heading an active place is not archived.
	for _, a := range []struct{ id, token string }{{place, manager}, {network, e.Admin}} {
		if r := e.Do(apitest.Request{Method: "DELETE", Path: "/api/v1/actors/" + a.id, Token: a.token}); r.Code != 204 {
			t.Fatal(a.id, r.Code, r.Body)
		}
	}
	path := "/api/v1/actors/" + place + "/restore"
	for _, tc := range []struct {
		name, query, token string
		code               int
		says               string
	}{
		{"ErrConflict in the archived network", "", manager, 409, "leave_network=true"},
		{"ErrBadRequest not a boolean", "?leave_network=oui", manager, 400, "leave_network"},
		{"ErrBadRequest named without a value", "?leave_network", manager, 400, "leave_network"},
		{"ErrForbidden a stranger", "?leave_network=true", stranger, 403, ""},
		{"OK leaving the network", "?leave_network=true", manager, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apitest.Request{Method: "POST", Path: path + tc.query, Token: tc.token})
			if r.Code != tc.code || !strings.Contains(r.Body.String(), tc.says) {
				t.Fatalf("%d %s, want %d saying %q", r.Code, r.Body, tc.code, tc.says)
			}
		})
	}
	got := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + place}).Map()
	if got["archived_at"] != nil || got["parent_id"] != nil {
		t.Errorf("restored: archived_at %v parent_id %v, want live outside the network", got["archived_at"], got["parent_id"])
	}
	h := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors/" + place + "/history", Token: e.Admin})
	if h.Code != 200 || !strings.Contains(h.Body.String(), `"restore"`) || !strings.Contains(h.Body.String(), "parent_id") {
		t.Errorf("history of the restore: %d %s", h.Code, h.Body)
	}
}
