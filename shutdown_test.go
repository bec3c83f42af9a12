package main

import (
	"context"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestShutdownGraceOverIsClean: a request still running when the grace
// period ends (a slow client) is cut, the log says so, and the process
// exits 0: it stopped as asked. It returned « shutdown: context deadline
// exceeded », an error exit a supervisor records as a failed stop (probe
// 39a F9).
func TestShutdownGraceOverIsClean(t *testing.T) {
	old := shutdownGrace
	shutdownGrace = 300 * time.Millisecond
	t.Cleanup(func() { shutdownGrace = old })
	vars := map[string]string{"CARNET_ADDR": "127.0.0.1:0", "CARNET_DB": filepath.Join(t.TempDir(), "carnet.db")}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, env(vars), strings.NewReader(""), &out, io.Discard) }()
	addr := waitForAddr(t, &out, done)
	// A client sending its request slowly: half its head, then nothing
	// (the server's 5 s header timeout is longer than the grace).
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: carnet\r\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the server has read it: the connection is active
	cancel()
	if err := stopped(t, done); err != nil {
		t.Errorf("run returned %v after a shutdown whose grace ran out", err)
	}
	if !strings.Contains(out.String(), "grace period is over") {
		t.Errorf("the log does not say requests were cut:\n%s", out.String())
	}
}
