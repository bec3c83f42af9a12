package main

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A port already in use was found only after the database was created and
// migrated: the listener is bound first, and the service stops with a clear
// message and no database file.
func TestServePortInUseBeforeTheDatabase(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	db := filepath.Join(t.TempDir(), "carnet.db")
	vars := map[string]string{"CARNET_ADDR": busy.Addr().String(), "CARNET_DB": db}
	err = run(context.Background(), nil, env(vars), strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "CARNET_ADDR") || !strings.Contains(err.Error(), busy.Addr().String()) {
		t.Errorf("port in use: %v", err)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the database was created (%v) though the port was in use", err)
	}
}

// Any origin (CARNET_CORS_ORIGINS unset or *) is accepted, a public
// read-only open-data API may want it, and no credentials are ever sent;
// in production it is said once at start.
func TestCORSAnyOriginWarnedInProduction(t *testing.T) {
	strong := "Zq3vX9pL2mN8rT5wY1bC7dF4gH6jK0sA"
	for _, tc := range []struct {
		vars map[string]string
		warn bool
	}{
		{map[string]string{"CARNET_ENV": "production", "CARNET_JWT_SECRET": strong, "CARNET_CORS_ORIGINS": "*"}, true},
		{map[string]string{"CARNET_ENV": "production", "CARNET_JWT_SECRET": strong}, true},
		{map[string]string{"CARNET_ENV": "production", "CARNET_JWT_SECRET": strong, "CARNET_CORS_ORIGINS": "https://app.example.fr"}, false},
		{map[string]string{"CARNET_CORS_ORIGINS": "*"}, false},
	} {
		c, err := loadConfig(env(tc.vars))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, w := range c.Warnings {
			if strings.Contains(w, "CARNET_CORS_ORIGINS") {
				n++
			}
		}
		if tc.warn && n != 1 || !tc.warn && n != 0 {
			t.Errorf("%v: warnings %q", tc.vars, c.Warnings)
		}
	}
}
