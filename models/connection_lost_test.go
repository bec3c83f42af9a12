package models_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/dbtest"
)

// TestConnectionLostIsUnavailable reproduces the h33 replicas probe: when
// PostgreSQL drops the pool's connections (a failover, a restart of a
// proxy, pg_terminate_backend), the next write on each dead connection
// answered 500 « internal » (« write failed: … broken pipe »), which a
// client cannot tell is safe to retry, where reads answered 503 with
// Retry-After. A lost connection is the database being unavailable: 503,
// and the pool heals for the next write.
func TestConnectionLostIsUnavailable(t *testing.T) {
	if dbtest.Engine() != "postgres" {
		t.Skip("a lost connection is PostgreSQL's: set " + dbtest.EnvPostgres)
	}
	dsn := dbtest.DSN(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	app := "carnet_lost_" + hex.EncodeToString(b)
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	ctx := context.Background()
	s, err := models.Open(ctx, u.String(), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Warm the writer's connections, then drop them all.
	for i := range 4 {
		a := validActor("Lieu chaud")
		a.Address.Street = string(rune('1'+i)) + " rue"
		if err := s.CreateActor(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	raw := dbtest.Raw(t, dbtest.Postgres())
	var n int
	if err := raw.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?`, app).Scan(&n); err != nil || n == 0 {
		t.Fatalf("terminated %d: %v", n, err)
	}
	// The server's goodbye is read by the next statement at once (57P01);
	// a moment later the socket is closed too, and the next write fails
	// on it (« broken pipe ») before any answer — the probe's 500. Within
	// a second, before the driver pings connections it takes again.
	time.Sleep(300 * time.Millisecond)
	sawLost := false
	for i := range 6 {
		a := validActor("Lieu après la coupure")
		a.Address.Street = string(rune('1'+i)) + " avenue"
		err := s.CreateActor(ctx, &a)
		var e *models.Error
		switch {
		case err == nil:
		case errors.As(err, &e) && e.Code == models.EUNAVAILABLE:
			sawLost = true
			t.Logf("write %d: %v (%v)", i, err, e.Err)
		default:
			t.Errorf("write %d after the connections were dropped: %v (%s), want unavailable or success", i, err, models.ErrorCode(err))
		}
	}
	a := validActor("Lieu guéri")
	if err := s.CreateActor(ctx, &a); err != nil {
		t.Errorf("the pool did not heal: %v", err)
	}
	t.Logf("a lost connection seen: %v", sawLost)
}
