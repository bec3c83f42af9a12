package models

import (
	"sort"
	"sync"
)

// WorkerStats describe a background job of this process that is not a
// follower of the change log (referral maintenance, the e-mail sender,
// webhook delivery), for readyz: each keeps running after an error and
// tries again at its next turn.
type WorkerStats struct {
	Name string
	// Errors counts failed turns since start; Failing says the last one
	// failed, LastErrorKind its kind (ErrorKind).
	Errors        int64
	Failing       bool
	LastErrorKind string
}

// workers are the Store's reports of its background jobs.
type workers struct {
	mu   sync.Mutex
	list map[string]*WorkerStats
}

// WorkerResult records how a background job's turn ended (err nil: it
// succeeded).
func (s *Store) WorkerResult(name string, err error) {
	w := &s.workers
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.list == nil {
		w.list = map[string]*WorkerStats{}
	}
	st := w.list[name]
	if st == nil {
		st = &WorkerStats{Name: name}
		w.list[name] = st
	}
	st.Failing = err != nil
	if err != nil {
		st.Errors++
		st.LastErrorKind = ErrorKind(err)
	}
}

// WorkerStats returns the background jobs' reports, by name.
func (s *Store) WorkerStats() []WorkerStats {
	w := &s.workers
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]WorkerStats, 0, len(w.list))
	for _, st := range w.list {
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
