package handlers

import (
	"sync"
	"time"

	"carnet/models"
)

// storageFullLog lets WriteProblem log a write refused for a full disk
// once per interval rather than once per request: on a full disk every
// write fails, and a line each (with its cause) only added to what filled
// the disk, when the log is on it.
var storageFullLog = &logThrottle{every: time.Minute}

// logThrottle says when a failure of one code is due to be logged again.
type logThrottle struct {
	every time.Duration
	mu    sync.Mutex
	last  time.Time
}

// due reports whether an error of code should be logged: always for other
// codes, at most once per interval for storage_full.
func (l *logThrottle) due(code models.Code) bool {
	if code != models.ESTORAGEFULL {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if !l.last.IsZero() && now.Sub(l.last) < l.every {
		return false
	}
	l.last = now
	return true
}
