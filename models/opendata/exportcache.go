package opendata

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"carnet/models"
)

// ExportCache keeps the last export made of each format, gzip-compressed, for
// the directory state it was made of. An export is a pure function of that
// state (its last public change and the day: the same pair the ETag names),
// so every request for the same state can be answered with the same bytes:
// without it each download walked the whole directory again (8 concurrent
// downloads of a 6,000-place CSV took 2.9 s and allocated 489 MB, and the
// cost grows with the directory while the route is anonymous). Requests for a
// state being exported wait for that one walk instead of starting their own.
//
// The key is read from the database, not from this process: a change written
// by another instance or by `carnet import` moves it like any other.
//
// The zero value is ready to use.
type ExportCache struct {
	// MaxBytes bounds one kept export, compressed (0: DefaultExportCacheBytes).
	// A directory whose export is larger is streamed to each request as
	// before, not kept.
	MaxBytes int

	mu      sync.Mutex
	entries map[string]*exportEntry // by format: the latest state only
	walks   atomic.Int64
}

// DefaultExportCacheBytes is the default bound of one kept export: the
// largest export of a 100,000-place directory (data·inclusion services,
// 101 MB) compresses to about a tenth of it.
const DefaultExportCacheBytes = 64 << 20

// exportWalkTimeout bounds a walk that no single request owns: it goes on
// when the request that started it leaves (others may be waiting), but not
// for ever.
const exportWalkTimeout = 5 * time.Minute

// errExportTooLarge stops a walk whose output passed MaxBytes.
var errExportTooLarge = errors.New("export larger than the cache keeps")

// KeptExport is an export kept by an ExportCache. Its fields must not be
// modified.
type KeptExport struct {
	State models.ExportState
	// Gzip is the export, compressed; Size its length uncompressed.
	Gzip []byte
	Size int64
}

type exportEntry struct {
	want   models.ExportState // the state that asked for this walk
	done   chan struct{}
	kept   *KeptExport // set when done without error
	tooBig bool
	err    error
}

// fits tells whether a finished entry can answer a request that read state
// cur: made the same day, of that state or a later one.
func (e *exportEntry) fits(cur models.ExportState) bool {
	if e.tooBig {
		return e.want.Day == cur.Day && e.want.Seq >= cur.Seq
	}
	return e.kept != nil && e.kept.State.Day == cur.Day && e.kept.State.Seq >= cur.Seq
}

// Walks counts the directory walks the cache has started, for tests and
// metrics.
func (c *ExportCache) Walks() int64 {
	if c == nil {
		return 0
	}
	return c.walks.Load()
}

// Stream walks the directory for one request alone, as Export does,
// counting the walk: the path of an export larger than the cache keeps. A
// nil cache only walks.
func (c *ExportCache) Stream(ctx context.Context, store *models.Store, format string, w io.Writer, begin func(models.ExportState) (bool, error)) error {
	if c != nil {
		c.walks.Add(1)
	}
	return Export(ctx, store, format, w, begin)
}

// Get returns the export of format for state cur (read by
// Store.ExportStateNow just before), or a later state of the same day,
// walking the directory once when no kept or running export answers it.
// It returns (nil, nil) when the export is larger than the cache keeps: the
// caller streams it with Export.
func (c *ExportCache) Get(ctx context.Context, store *models.Store, format string, cur models.ExportState) (*KeptExport, error) {
	for {
		c.mu.Lock()
		if c.entries == nil {
			c.entries = make(map[string]*exportEntry)
		}
		e := c.entries[format]
		if e != nil {
			select {
			case <-e.done:
				if e.err != nil || !e.fits(cur) {
					e = nil // failed or stale: walk again
				}
			default:
				// Running: its state is the one its transaction saw,
				// at least the one that asked for it.
				if e.want.Day != cur.Day {
					e = nil
				}
			}
		}
		if e == nil {
			e = &exportEntry{want: cur, done: make(chan struct{})}
			c.entries[format] = e
			c.walks.Add(1)
			// The walk belongs to no request: it goes on when the
			// one that started it leaves, and carries nothing of
			// that caller (who it is, its rights), since what it
			// makes is served to everyone.
			go c.walk(context.Background(), store, format, e)
		}
		c.mu.Unlock()

		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		switch {
		case e.err != nil:
			return nil, e.err
		case e.tooBig && e.fits(cur):
			return nil, nil
		case e.fits(cur):
			return e.kept, nil
		}
		// The walk that was running had started before the change this
		// request read: loop to start one of that state.
	}
}

// walk makes the export into a buffer and publishes it on e.
func (c *ExportCache) walk(ctx context.Context, store *models.Store, format string, e *exportEntry) {
	defer close(e.done)
	ctx, cancel := context.WithTimeout(ctx, exportWalkTimeout)
	defer cancel()
	limit := c.MaxBytes
	if limit <= 0 {
		limit = DefaultExportCacheBytes
	}
	buf := &cappedBuffer{limit: limit}
	zw, _ := gzip.NewWriterLevel(buf, gzip.DefaultCompression)
	var size int64
	var st models.ExportState
	err := Export(ctx, store, format, writerCounter{zw, &size}, func(s models.ExportState) (bool, error) {
		st = s
		return true, nil
	})
	if err == nil {
		err = zw.Close()
	}
	switch {
	case errors.Is(err, errExportTooLarge):
		e.tooBig = true
	case err != nil:
		e.err = err
	default:
		// Only what the handler needs: the shared ids served their
		// purpose while writing.
		st.SourceIDHolders = nil
		e.kept = &KeptExport{State: st, Gzip: buf.Bytes(), Size: size}
	}
}

// cappedBuffer fails a write that would take it past limit.
type cappedBuffer struct {
	bytes.Buffer
	limit int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.limit {
		return 0, errExportTooLarge
	}
	return b.Buffer.Write(p)
}

// writerCounter counts the bytes written through it.
type writerCounter struct {
	w io.Writer
	n *int64
}

func (w writerCounter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	*w.n += int64(n)
	return n, err
}
