package api_test

import (
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
)

// TestServicesUpdatedSinceFollowsTheirActor reproduces probe 35b's L1:
// after an actor was renamed, HSDS services?modified_after listed its
// services but /api/v1/services?updated_since did not, although every
// service embeds its actor's name and address. Both now keep a service
// whose record, or whose actor's public record, changed since.
func TestServicesUpdatedSinceFollowsTheirActor(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(t, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	actor := str(createActor(t, e, validActor("Médiathèque Suivie"))["id"])
	svc := str(createService(t, e, validService(actor, "Aide aux démarches"))["id"])
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	if r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + actor, Token: e.Admin, Body: obj{"name": "Médiathèque Renommée"}}); r.Code != 200 {
		t.Fatal(r.Code, r.Body)
	}
	if !listedServices(t, e, "", "updated_since=2026-12-05T10:30:00Z")[svc] {
		t.Error("updated_since misses a service whose actor was renamed")
	}
	if listedServices(t, e, "", "updated_since=2026-12-05T11:30:00Z")[svc] {
		t.Error("updated_since lists a service nothing changed since")
	}
}
