package opendata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"carnet/models"
)

// DefaultBatchSize is how many places an import writes per transaction: big
// enough to amortise the commit, small enough that other writers never wait
// long for the single SQLite writer.
const DefaultBatchSize = 500

// ImportOptions tunes Import.
type ImportOptions struct {
	Source string
	// Format is FormatCSV, FormatJSON or "" to tell from the content.
	Format string
	// DryRun checks and reports without writing.
	DryRun bool
	// Snapshot archives the source's places absent from the file.
	Snapshot bool
	// AllowMassArchive lifts the models.MassArchiveShare guard.
	AllowMassArchive bool
	BatchSize        int
	// Progress, when set, is called after each batch with the rows read.
	Progress func(rows int)
}

// Report is the result of an import: totals and one issue per problem.
type Report struct {
	Source   string `json:"source"`
	Format   string `json:"format"`
	DryRun   bool   `json:"dry_run"`
	Snapshot bool   `json:"snapshot"`
	// Rows is the number of places read; Rejected of them were not stored.
	Rows     int `json:"rows"`
	Rejected int `json:"rejected"`
	Warnings int `json:"warnings"`
	// Actors and Services count each result (created, updated, unchanged,
	// restored, archived, rejected).
	Actors     map[string]int `json:"actors"`
	Services   map[string]int `json:"services"`
	Duplicates int            `json:"duplicates"`
	Issues     []Issue        `json:"issues"`
	Elapsed    time.Duration  `json:"-"`
}

func (r *Report) issue(is ...Issue) {
	for _, i := range is {
		if i.Severity == SeverityWarning {
			r.Warnings++
		}
		r.Issues = append(r.Issues, i)
	}
}

// Import reads places from in and upserts them into store under the given
// source, in batches of one transaction each. In snapshot mode the file is
// read twice (in must be an io.Seeker) so that the mass-archive guard can
// refuse before anything is written.
func Import(ctx context.Context, store *models.Store, in io.Reader, opt ImportOptions) (*Report, error) {
	start := time.Now()
	if opt.BatchSize <= 0 {
		opt.BatchSize = DefaultBatchSize
	}
	rep := &Report{Source: strings.ToLower(strings.TrimSpace(opt.Source)), DryRun: opt.DryRun, Snapshot: opt.Snapshot,
		Actors: map[string]int{}, Services: map[string]int{}, Issues: []Issue{}}
	opt.Source = rep.Source
	sync := models.SyncOptions{DryRun: opt.DryRun, DetectDuplicates: true}
	var keepActors, keepServices map[string]bool
	if opt.Snapshot {
		seeker, ok := in.(io.Seeker)
		if !ok {
			return nil, errors.New("a snapshot import needs a seekable input")
		}
		var err error
		keepActors, keepServices, err = placeKeys(in, opt)
		if err != nil {
			return nil, err
		}
		// A dry run of the archive step applies the guard now, before
		// the first batch is written.
		if _, err := store.ArchiveAbsent(ctx, opt.Source, keepActors, keepServices, models.SyncOptions{DryRun: true, AllowMassArchive: opt.AllowMassArchive}); err != nil {
			return nil, err
		}
		if _, err := seeker.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
	}
	rd, err := NewReader(in, opt.Format)
	if err != nil {
		return nil, &models.Error{Code: models.EBADREQUEST, Message: "The file cannot be read: " + err.Error() + "."}
	}
	rep.Format = rd.Format()
	seen := map[string]int{}
	var batch []Place
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := writeBatch(ctx, store, opt.Source, batch, sync, rep)
		batch = batch[:0]
		if opt.Progress != nil {
			opt.Progress(rep.Rows)
		}
		return err
	}
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &models.Error{Code: models.EBADREQUEST, Message: "The file cannot be read: " + err.Error() + "."}
		}
		rep.Rows++
		p := ToPlace(rec, opt.Source)
		if id := p.Actor.SourceID; id != "" && !p.Rejected {
			if first, dup := seen[id]; dup {
				p.Rejected = true
				p.Issues = append(p.Issues, Issue{Row: rec.Row, Field: "id", Value: clip(id), Severity: SeverityError,
					Reason: fmt.Sprintf("appears twice in the file (first at row %d); this row is ignored", first)})
			} else {
				seen[id] = rec.Row
			}
		}
		rep.issue(p.Issues...)
		if p.Rejected {
			rep.Rejected++
			continue
		}
		batch = append(batch, p)
		if len(batch) >= opt.BatchSize {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	for _, c := range UnknownColumns(rd.Columns()) {
		rep.issue(Issue{Row: 0, Field: c, Reason: "not a column of any version of the standard; ignored", Severity: SeverityWarning})
	}
	if opt.Snapshot {
		res, err := store.ArchiveAbsent(ctx, opt.Source, keepActors, keepServices, models.SyncOptions{DryRun: opt.DryRun, AllowMassArchive: opt.AllowMassArchive})
		if err != nil {
			return nil, err
		}
		count(rep, res)
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// placeKeys reads the whole input once for the keys a snapshot keeps.
func placeKeys(in io.Reader, opt ImportOptions) (actors, services map[string]bool, err error) {
	rd, err := NewReader(in, opt.Format)
	if err != nil {
		return nil, nil, &models.Error{Code: models.EBADREQUEST, Message: "The file cannot be read: " + err.Error() + "."}
	}
	actors, services = map[string]bool{}, map[string]bool{}
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return actors, services, nil
		}
		if err != nil {
			return nil, nil, &models.Error{Code: models.EBADREQUEST, Message: "The file cannot be read: " + err.Error() + "."}
		}
		p := ToPlace(rec, opt.Source)
		if p.Rejected {
			continue
		}
		actors[p.Actor.SourceID] = true
		if p.Service != nil {
			services[p.Service.SourceID] = true
		}
	}
}

func writeBatch(ctx context.Context, store *models.Store, source string, places []Place, opt models.SyncOptions, rep *Report) error {
	actors := make([]models.Actor, len(places))
	var services []models.SyncService
	var serviceRow []int
	for i := range places {
		actors[i] = places[i].Actor
		if sv := places[i].Service; sv != nil {
			services = append(services, models.SyncService{Service: *sv, ActorSourceID: places[i].Actor.SourceID})
			serviceRow = append(serviceRow, places[i].Row)
		}
	}
	res, err := store.SyncBatch(ctx, source, actors, services, opt)
	if err != nil {
		return err
	}
	for _, o := range res.Outcomes {
		if o.Entity == models.EntityActor && o.Index >= 0 && o.Result != models.SyncRejected {
			// The address as read against the commune reference.
			for _, f := range o.Warnings {
				rep.issue(Issue{Row: places[o.Index].Row, Field: fieldColumns[f.Field], Reason: f.Reason, Severity: SeverityWarning})
			}
		}
		if o.Result != models.SyncRejected || o.Index < 0 {
			continue
		}
		row := 0
		if o.Entity == models.EntityActor {
			row = places[o.Index].Row
			rep.Rejected++
		} else {
			row = serviceRow[o.Index]
			if actorRejected(res, places, row) {
				continue // the actor's own errors say it
			}
		}
		for _, f := range o.Errors {
			col := f.Field
			if c, ok := fieldColumns[strings.SplitN(col, "[", 2)[0]]; ok {
				col = c
			}
			rep.issue(Issue{Row: row, Field: col, Reason: f.Reason, Severity: SeverityError})
		}
	}
	count(rep, res)
	return nil
}

func actorRejected(res *models.SyncResult, places []Place, row int) bool {
	for _, o := range res.Outcomes {
		if o.Entity == models.EntityActor && o.Index >= 0 && places[o.Index].Row == row {
			return o.Result == models.SyncRejected
		}
	}
	return false
}

func count(rep *Report, res *models.SyncResult) {
	for _, o := range res.Outcomes {
		if o.Entity == models.EntityActor {
			rep.Actors[o.Result]++
		} else {
			rep.Services[o.Result]++
		}
	}
	rep.Duplicates += res.Duplicates
}
