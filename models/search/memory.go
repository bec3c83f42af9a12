package search

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // places are evaluated in their zone; the distroless image has no zoneinfo

	"carnet/models"
	"carnet/models/ident"
	"carnet/models/openinghours"
	"carnet/models/vocab"
)

// Memory is the in-memory Engine. Queries take a read lock and only read;
// a write's changes are reloaded from the database and applied under the
// write lock, so a reader sees the index before or after a write, never
// half-way. An RWMutex rather than copy-on-write snapshots: copying the
// index (tens of megabytes at national scale) on each write would cost far
// more than the microseconds readers wait while a write is applied.
type Memory struct {
	store    *models.Store
	log      *slog.Logger
	follower *models.Follower

	// update serialises reload-and-apply (one follower calls it, but a
	// rebuild must not run beside it).
	update sync.Mutex
	mu     sync.RWMutex

	services *table
	actors   *table
	// actorRows holds every non-archived actor, whatever its status, and
	// servicesOf the published services of each, to rebuild docs when
	// one of them changes.
	actorRows  map[string]*models.Actor
	servicesOf map[string]map[string]*models.Service
	// sameAs holds the newer records of confirmed duplicate links
	// (models.Store.ConfirmedDuplicates): their docs and their services'
	// carry FieldSameAs. Read again with every batch of the change log (a
	// decision writes a change of both actors, and an archive or a
	// restore of one side changes what the link hides).
	sameAs map[string]bool

	// scratches is a free list of query buffers. Not a sync.Pool: the
	// pool is emptied at every garbage collection, and reallocating
	// buffers the size of the directory then made collections more
	// frequent still.
	scratches chan *scratch
	zones     sync.Map // IANA name → *time.Location
	// hours caches parsed opening hours by text: a few patterns cover
	// most places, and an Hours is immutable. Used under update (or
	// before the index is shared).
	hours map[string]*parsedHours

	gen   uint64 // incremented by every write applied; under mu
	cache resultCache

	// BuildTime is how long the initial build took.
	BuildTime time.Duration

	updates     atomic.Int64
	updateNanos atomic.Int64 // reload from the database and apply
	applyNanos  atomic.Int64 // apply only (under the write lock)
}

// UpdateStats reports how many writes the index applied and the time spent:
// reloading the changed rows and applying them (total), and applying them
// under the write lock (what readers may wait for).
func (m *Memory) UpdateStats() (n int64, total, locked time.Duration) {
	return m.updates.Load(), time.Duration(m.updateNanos.Load()), time.Duration(m.applyNanos.Load())
}

var _ Engine = (*Memory)(nil)

// NewMemory builds the index from store and keeps it current by following
// the change log (models.Store.Follow): writes made through store are
// applied before they return, writes by other processes (another replica, a
// command-line import) within the follower's poll interval. Call it before
// serving requests; the index follows until Close or store.Close.
func NewMemory(ctx context.Context, store *models.Store, log *slog.Logger) (*Memory, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &Memory{store: store, log: log, scratches: make(chan *scratch, 64), hours: map[string]*parsedHours{}}
	m.cache.max = 2048
	// The reference's communes by first word (referenceCommuneAt) take
	// about 40 ms to index: built beside the index instead of by the
	// first query that needs them.
	go referenceCommunes()
	start := time.Now()
	// The log's position is read before the scan: changes committed
	// while scanning are applied again, which is harmless.
	from, err := store.LastSeq(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.rebuild(ctx); err != nil {
		return nil, err
	}
	m.BuildTime = time.Since(start)
	m.follower, err = store.Follow(ctx, models.FollowOptions{Name: "search", From: from, ReadYourWrites: true, Apply: m.onChange})
	if err != nil {
		return nil, err
	}
	log.Info("search index built", "services", m.services.len(), "actors", m.actors.len(), "duration", m.BuildTime, "seq", from)
	return m, nil
}

// Close stops following the change log.
func (m *Memory) Close() { m.follower.Stop() }

// Lag reports how many changes of the database's change log the index has
// not applied yet, and how long the oldest of them has waited.
func (m *Memory) Lag() (int64, time.Duration) {
	st := m.follower.Stats()
	return st.Lag, st.Behind
}

// Len returns how many services and actors are searchable.
func (m *Memory) Len() (services, actors int) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.services.len(), m.actors.len()
}

func (m *Memory) rebuild(ctx context.Context) error {
	sameAs, err := m.store.ConfirmedDuplicates(ctx)
	if err != nil {
		return err
	}
	m.sameAs = sameAs // before the docs are made; the index is not shared yet
	actorRows := map[string]*models.Actor{}
	servicesOf := map[string]map[string]*models.Service{}
	// Services are turned into docs while the next batch is read from
	// SQLite: the two halves of the build overlap on two cores. The
	// actors are all read before the first service batch is sent.
	batches := make(chan []models.Service, 2)
	var sdocs []*doc
	built := make(chan struct{})
	go func() {
		defer close(built)
		for batch := range batches {
			for i := range batch {
				sv := &batch[i]
				if !sv.IsPublished() {
					continue
				}
				if servicesOf[sv.ActorID] == nil {
					servicesOf[sv.ActorID] = map[string]*models.Service{}
				}
				servicesOf[sv.ActorID][sv.ID] = sv
				if a := actorRows[sv.ActorID]; a != nil && actorVisible(a) {
					sdocs = append(sdocs, m.serviceDoc(sv, a))
				}
			}
		}
	}()
	err = m.store.ScanDirectory(ctx, func(batch []models.Actor) error {
		for i := range batch {
			actorRows[batch[i].ID] = &batch[i]
		}
		return nil
	}, func(batch []models.Service) error {
		batches <- batch
		return nil
	})
	close(batches)
	<-built
	if err != nil {
		return err
	}
	services, actors := newTable(), newTable()
	var adocs []*doc
	for id, a := range actorRows {
		if actorVisible(a) {
			adocs = append(adocs, m.actorDoc(a, servicesOf[id]))
		}
	}
	// Slots in id order: candidates are visited in slot order and ties
	// are broken by id, so per-slot arrays are then read sequentially.
	byID := func(a, b *doc) int { return strings.Compare(a.id, b.id) }
	slices.SortFunc(sdocs, byID)
	slices.SortFunc(adocs, byID)
	services.putAll(sdocs)
	actors.putAll(adocs)
	m.mu.Lock()
	m.services, m.actors, m.actorRows, m.servicesOf = services, actors, actorRows, servicesOf
	m.gen++
	m.mu.Unlock()
	return nil
}

// onChange applies a batch of the change log: it reloads the current state
// of the records named and applies it. On error nothing is applied and the
// follower gives the same batch again later.
func (m *Memory) onChange(ctx context.Context, changes []models.Change) error {
	m.update.Lock()
	defer m.update.Unlock()
	start := time.Now()
	rows, err := m.store.LoadChanged(ctx, changes)
	if err != nil {
		return fmt.Errorf("search index: reload changed rows: %w", err)
	}
	sameAs, err := m.store.ConfirmedDuplicates(ctx)
	if err != nil {
		return fmt.Errorf("search index: reload confirmed duplicates: %w", err)
	}
	applied := time.Now()
	m.apply(rows, sameAs)
	m.updates.Add(1)
	m.applyNanos.Add(int64(time.Since(applied)))
	m.updateNanos.Add(int64(time.Since(start)))
	m.log.Debug("search index updated", "changes", len(changes), "duration", time.Since(start))
	return nil
}

// apply updates the index with the current state of changed rows and the
// newer records of confirmed duplicate links (sameAs): an actor that
// enters or leaves sameAs gets its docs and its services' made again.
func (m *Memory) apply(rows models.ChangedRows, sameAs map[string]bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gen++
	m.services.forgetStatus()
	m.actors.forgetStatus()
	touchedActors := map[string]bool{}
	changedActors := map[string]bool{} // a new row: every service needs it
	changedServices := map[string]bool{}
	for _, set := range [2]map[string]bool{m.sameAs, sameAs} {
		for id := range set {
			if m.sameAs[id] != sameAs[id] {
				touchedActors[id], changedActors[id] = true, true
			}
		}
	}
	m.sameAs = sameAs
	for i := range rows.Actors {
		a := rows.Actors[i]
		touchedActors[a.ID] = true
		old := m.actorRows[a.ID]
		switch {
		case a.IsArchived():
			delete(m.actorRows, a.ID)
		case old != nil && old.Version == a.Version:
			// Loaded as the actor of a changed service: unchanged.
		default:
			m.actorRows[a.ID] = &a
			changedActors[a.ID] = true
		}
	}
	for _, id := range rows.MissingActors {
		touchedActors[id] = true
		delete(m.actorRows, id)
	}
	for i := range rows.Services {
		sv := rows.Services[i]
		touchedActors[sv.ActorID] = true
		changedServices[sv.ID] = true
		set := m.servicesOf[sv.ActorID]
		if sv.IsArchived() || !sv.IsPublished() {
			delete(set, sv.ID)
			m.services.remove(sv.ID)
			continue
		}
		if set == nil {
			set = map[string]*models.Service{}
			m.servicesOf[sv.ActorID] = set
		}
		set[sv.ID] = &sv
	}
	for _, id := range rows.MissingServices {
		if slot, ok := m.services.byID[id]; ok {
			aid := m.services.docs[slot].svc.ActorID
			delete(m.servicesOf[aid], id)
			touchedActors[aid] = true
		}
		m.services.remove(id)
	}
	ids := make([]string, 0, len(touchedActors))
	for id := range touchedActors {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		a := m.actorRows[id]
		if a == nil || !actorVisible(a) {
			m.actors.remove(id)
			for sid := range m.servicesOf[id] {
				m.services.remove(sid)
			}
			if a == nil {
				delete(m.servicesOf, id)
			}
			continue
		}
		m.actors.put(m.actorDoc(a, m.servicesOf[id]))
		for sid, sv := range m.servicesOf[id] {
			if !changedActors[id] && !changedServices[sid] {
				if _, indexed := m.services.byID[sid]; indexed {
					continue // neither it nor its actor changed
				}
			}
			d := m.serviceDoc(sv, a)
			m.servicesOf[id][sid] = d.svc
			m.services.put(d)
		}
	}
	m.services.reorder()
	m.actors.reorder()
}

// actorVisible says whether an actor's place may appear in search: open,
// or temporarily closed (shown on request), and not archived.
func actorVisible(a *models.Actor) bool {
	return !a.IsArchived() && (a.Status == vocab.ActorActive || a.Status == vocab.ActorTemporarilyClosed)
}

func boolValue(b bool) []string { return []string{strconv.FormatBool(b)} }

func departementOf(addr models.Address) string {
	if addr.InseeCode != "" {
		if d := ident.DepartementFromINSEE(addr.InseeCode); d != "" {
			return d
		}
	}
	return ident.DepartementFromPostalCode(addr.PostalCode)
}

// zone returns the time zone of a place: its commune's (French Polynesia
// spans three zones, models.TimeZoneOf), else its département's,
// Europe/Paris when unknown.
func (m *Memory) zone(insee, dep string) *time.Location {
	name := models.TimeZoneOf(insee, dep)
	if name == "" {
		name = "Europe/Paris"
	}
	if z, ok := m.zones.Load(name); ok {
		return z.(*time.Location)
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		z = time.UTC // unreachable with the embedded tzdata
	}
	m.zones.Store(name, z)
	return z
}

func (m *Memory) getScratch() *scratch {
	select {
	case s := <-m.scratches:
		return s
	default:
		return &scratch{}
	}
}

func (m *Memory) putScratch(s *scratch) {
	select {
	case m.scratches <- s:
	default:
	}
}

type parsedHours struct {
	h        *openinghours.Hours // nil when unreadable
	openOn   []string
	openWhen []string
}

// setHours parses the place's hours and derives its open_on values.
func (m *Memory) setHours(d *doc, text, insee, dep string) {
	// PH stands for the holidays of the place's territory: Alsace-Moselle
	// and each overseas territory add their own days.
	d.tz, d.region = m.zone(insee, dep), openinghours.RegionOfDepartement(dep)
	if text == "" {
		return
	}
	p, ok := m.hours[text]
	if !ok {
		p = &parsedHours{}
		// Validated on write: the readable rules are used, the days of the
		// others are unknown; a value with nothing readable (written
		// before validation) is "unknown hours".
		if h, _, err := openinghours.ParseLenient(text); err == nil {
			p.h, p.openOn, p.openWhen = h, openOn(h), openWhen(h)
			if wt, changed := openinghours.GenericWeekText(text); changed {
				// The generic week without the rules that name no
				// day: open_at keeps OpenStreetMap's reading.
				p.openOn, p.openWhen = nil, nil
				if wh, _, err := openinghours.ParseLenient(wt); err == nil && wt != "" {
					p.openOn, p.openWhen = openOn(wh), openWhen(wh)
				}
			}
		}
		if len(m.hours) > 100000 {
			clear(m.hours) // a bound against unbounded distinct texts
		}
		m.hours[text] = p
	}
	d.hours = p.h
	d.values[FieldOpenOn] = p.openOn
	if len(p.openWhen) > 0 {
		d.values[FieldOpenWhen] = p.openWhen
	}
}

// openWhen derives the FieldOpenWhen values of hours.
func openWhen(h *openinghours.Hours) []string {
	var out []string
	days := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	every := true
	for i, d := range days {
		every = every && h.OpenOnDay(d)
		for _, p := range OpenWhenParts {
			if h.OpenBetween(d, p.From, p.To) {
				out = append(out, OpenOnValues[i]+"-"+p.Name)
			}
		}
	}
	if every {
		out = append(out, OpenWhenEveryDay)
	}
	for t := 0; t < 24*60; t += openWhenStep {
		for _, d := range days {
			if h.OpenThrough(d, t, t+1) {
				out = append(out, OpenWhenAt(t))
				break
			}
		}
	}
	return out
}

// openOn derives the OpenOn* values of hours.
func openOn(h *openinghours.Hours) []string {
	var out []string
	days := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	for i, d := range days {
		if h.OpenOnDay(d) {
			out = append(out, OpenOnValues[i])
		}
	}
	if h.OpenOnDay(time.Saturday) || h.OpenOnDay(time.Sunday) {
		out = append(out, OpenOnWeekend)
	}
	evening, lunch := false, false
	for _, d := range days[:5] {
		evening = evening || h.OpenBetween(d, 18*60, 24*60)
		// Open through the lunch hour, not closing for it: « at some
		// time from 12:00 to 14:00 » held nearly every place closing at
		// 12:30 or opening at 13:30.
		lunch = lunch || h.OpenThrough(d, lunchFrom, lunchTo)
	}
	if evening {
		out = append(out, OpenOnEvening)
	}
	if lunch {
		out = append(out, OpenOnLunchtime)
	}
	return out
}

// serviceDoc describes a published service of a visible actor. Where the
// service has no place of its own (coordinates, address, hours), its
// actor's apply.
//
// The doc shares the row kept in servicesOf, whose Actor is set here: a
// row is immutable once readers may hold it, so it is copied when its actor
// changed, and the caller keeps the copy (doc.svc) in servicesOf.
func (m *Memory) serviceDoc(sv *models.Service, a *models.Actor) *doc {
	row := sv
	switch row.Actor {
	case a:
	case nil:
		row.Actor = a // a fresh row, not shared yet
	default:
		c := *sv
		c.Actor = a
		row = &c
	}
	d := &doc{id: sv.ID, sortName: models.NameKey(sv.Name), svc: row}
	switch {
	case sv.Latitude != nil && sv.Longitude != nil && !sv.Address.IsZero(): // rows written before a point needed its address
		d.located, d.lat, d.lon = true, *sv.Latitude, *sv.Longitude
	case a.Latitude != nil && a.Longitude != nil:
		d.located, d.lat, d.lon = true, *a.Latitude, *a.Longitude
	}
	d.remoteOnly = sv.Remote && !sv.OnSite
	addr, dep := a.Address, a.Departement
	if sv.Address.PostalCode != "" {
		addr = sv.Address
		dep = departementOf(addr)
	}
	d.insee, d.postal, d.commune = addr.InseeCode, addr.PostalCode, placeCommune(addr)
	d.values = map[string][]string{
		FieldKind:               ServiceKinds(sv),
		FieldThemes:             sv.Themes,
		FieldPublics:            sv.Publics,
		FieldSpecificSupport:    sv.SpecificSupport,
		FieldFees:               sv.Fees,
		FieldAccessModes:        withBooking(sv.AccessModes, sv.BookingURL != "" || a.BookingURL != ""),
		FieldAccompanimentModes: sv.AccompanimentModes,
		FieldLanguages:          sv.Languages,
		FieldTypologies:         a.Typologies,
		FieldNationalProgrammes: a.NationalProgrammes,
		FieldTrainingLabels:     a.TrainingLabels,
		FieldPassNumerique:      boolValue(sv.PassNumerique),
		FieldOnSite:             boolValue(sv.OnSite),
		FieldRemote:             boolValue(sv.Remote),
		FieldIsFull:             boolValue(sv.IsFull),
		FieldStatus:             {a.Status},
	}
	if dep != "" {
		d.values[FieldDepartement] = []string{dep}
	}
	setEPCI(d)
	if a.AcceslibreURL != "" {
		d.values[FieldAcceslibre] = []string{"true"} // not a filter: no set of the others
	}
	if m.sameAs[a.ID] {
		d.values[FieldSameAs] = []string{"true"} // no set of the others either
	}
	if programmeFile(a) {
		d.values[FieldProgrammeFile] = []string{"true"}
	}
	hours := sv.OpeningHours
	if hours == "" {
		hours = a.OpeningHours
	}
	m.setHours(d, hours, addr.InseeCode, dep)
	var f [numTextFields][]string
	f[fieldName] = []string{sv.Name}
	f[fieldOwnerName] = []string{a.Name}
	f[fieldCommune] = []string{addr.Commune}
	f[fieldTopics] = []string{a.OtherLabels, sv.FeesDetails}
	f[fieldDescription] = []string{sv.Description, a.Summary, a.Description}
	f[fieldAddress] = []string{addr.Street}
	d.text = docTerms(f)
	setNamed(d)
	setMobility(d, a.Mobility, sv.Name, a.Name)
	return d
}

// programmeFile reports whether the Conseillers numériques programme
// produced a's record (FieldProgrammeFile).
func programmeFile(a *models.Actor) bool {
	return vocab.Slugify(a.Producer) == vocab.ProducerConseillersNumeriques
}

// withBooking adds « Prendre un RDV en ligne » to a service's access modes
// when it or its place publishes a booking link (the standard's prise_rdv:
// « une url renvoyant vers le site de prise de rendez-vous en ligne avec
// les aidants du lieu »; data·inclusion's crosswalk maps the mode to
// utiliser-lien-mobilisation, which is that link). Producers give the link
// without ticking the mode (42 places of the reference files, none with
// modalites_acces): « rdv en ligne » found every conseiller numérique
// but them.
func withBooking(modes []string, booking bool) []string {
	if !booking || slices.Contains(modes, vocab.AccessOnlineBooking) {
		return modes
	}
	return append(slices.Clip(modes), vocab.AccessOnlineBooking)
}

// actorDoc describes a visible actor with what the published services it
// offers give: their themes, kinds, publics, specific support, fees, modes,
// languages and Pass numérique, and their names as labels. A helper who
// searches places for « seniors », « malvoyant » or « gratuit » looks for a
// place offering that; the vocabulary filters on actors then mean « offers
// at least one published service with one of these values », as themes and
// kind always did.
func (m *Memory) actorDoc(a *models.Actor, services map[string]*models.Service) *doc {
	row := *a
	d := &doc{id: a.ID, sortName: models.NameKey(a.Name), actor: &row}
	if a.Latitude != nil && a.Longitude != nil {
		d.located, d.lat, d.lon = true, *a.Latitude, *a.Longitude
	}
	d.insee, d.postal, d.commune = a.Address.InseeCode, a.Address.PostalCode, placeCommune(a.Address)
	offered := map[string][]string{}
	labels, pass := []string{a.OtherLabels}, false
	if a.BookingURL != "" {
		offered[FieldAccessModes] = []string{vocab.AccessOnlineBooking}
	}
	for _, sv := range services {
		if sv.BookingURL != "" {
			offered[FieldAccessModes] = append(offered[FieldAccessModes], vocab.AccessOnlineBooking)
		}
		// A fixed list rather than a map per service: this runs for
		// every actor at each index build and write.
		for _, fv := range [...]struct {
			field string
			vals  []string
		}{
			{FieldThemes, sv.Themes}, {FieldKind, ServiceKinds(sv)}, {FieldPublics, sv.Publics},
			{FieldSpecificSupport, sv.SpecificSupport}, {FieldFees, sv.Fees}, {FieldAccessModes, sv.AccessModes},
			{FieldAccompanimentModes, sv.AccompanimentModes}, {FieldLanguages, sv.Languages},
		} {
			offered[fv.field] = append(offered[fv.field], fv.vals...)
		}
		pass = pass || sv.PassNumerique
		labels = append(labels, sv.Name, sv.FeesDetails)
	}
	for f, vals := range offered {
		slices.Sort(vals)
		offered[f] = slices.Compact(vals)
	}
	d.values = offered
	d.values[FieldPassNumerique] = boolValue(pass)
	d.values[FieldTypologies] = a.Typologies
	d.values[FieldNationalProgrammes] = a.NationalProgrammes
	d.values[FieldTrainingLabels] = a.TrainingLabels
	if a.AcceslibreURL != "" {
		d.values[FieldAcceslibre] = []string{"true"}
	}
	if m.sameAs[a.ID] {
		d.values[FieldSameAs] = []string{"true"}
	}
	if programmeFile(a) {
		d.values[FieldProgrammeFile] = []string{"true"}
	}
	d.values[FieldStatus] = []string{a.Status}
	if a.Departement != "" {
		d.values[FieldDepartement] = []string{a.Departement}
	}
	setEPCI(d)
	m.setHours(d, a.OpeningHours, a.Address.InseeCode, a.Departement)
	var f [numTextFields][]string
	f[fieldName] = []string{a.Name}
	f[fieldCommune] = []string{a.Address.Commune}
	f[fieldTopics] = labels
	f[fieldDescription] = []string{a.Summary, a.Description}
	f[fieldAddress] = []string{a.Address.Street}
	d.text = docTerms(f)
	setNamed(d)
	setMobility(d, a.Mobility, a.Name)
	return d
}

// SearchServices implements Engine.
func (m *Memory) SearchServices(ctx context.Context, q Query) (Result[models.Service], error) {
	return search(m, "s", m.servicesTable, q, ServiceFields, func(d *doc) *models.Service { return d.svc })
}

// SearchActors implements Engine.
func (m *Memory) SearchActors(ctx context.Context, q Query) (Result[models.Actor], error) {
	if q.ExcludeFull {
		return Result[models.Actor]{}, badRequest("exclude_full", "applies to services only")
	}
	return search(m, "a", m.actorsTable, q, ActorFields, func(d *doc) *models.Actor { return d.actor })
}

func (m *Memory) servicesTable() *table { return m.services }
func (m *Memory) actorsTable() *table   { return m.actors }

func search[T any](m *Memory, kind string, tbl func() *table, q Query, fields []string, item func(*doc) *T) (Result[T], error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	t := tbl()
	p, err := readQuery(q)
	if err != nil {
		return Result[T]{}, err
	}
	p.now = m.store.Now()
	// Answers are reused until the next write, and within the quarter
	// hour: a temporary closure starts or ends at midnight in its place's
	// zone, which falls on a quarter hour of UTC in every zone (statusSet)
	// but not always on an hour: the Marquesas' (UTC-9:30) fell in the
	// middle of the hour an answer was kept for, which showed a closed
	// place for 30 minutes more. The key is the query as asked, so a
	// reused answer skips the analysis of its words (within a generation
	// the analysis, and any error it finds, is the same).
	key := cacheKey(kind, p) + "|" + strconv.FormatInt(p.now.Unix()/(15*60), 10)
	if v, ok := m.cache.get(m.gen, key); ok {
		return v.(Result[T]), nil // shared, never modified
	}
	if err := t.finishPlan(p, fields); err != nil {
		return Result[T]{}, err
	}
	s := m.getScratch()
	pg := t.run(p, s)
	m.putScratch(s)
	out := Result[T]{Total: pg.total, NextCursor: pg.next, Facets: pg.facets, Hits: make([]Hit[T], len(pg.hits)), Partial: pg.partial || p.placesEither || p.an.widened,
		HolidayUnconfirmed: pg.holidayUnsaid}
	for _, c := range p.an.clauses {
		if c.suggest != "" && c.size == 0 {
			out.Spellings = append(out.Spellings, Spelling{Word: c.word, Suggestion: c.suggest})
		}
	}
	out.Spellings = append(out.Spellings, p.spelt...)
	for _, pr := range p.an.places {
		out.NamedPlaces = append(out.NamedPlaces, NamedPlace{Words: pr.words, Kind: pr.kind, Filter: p.an.placeOnly})
	}
	for i, h := range pg.hits {
		out.Hits[i] = Hit[T]{Item: item(t.docs[h.slot]), Score: h.score}
		if len(p.words) > 0 {
			out.Hits[i].Matches, out.Hits[i].Missing = t.explain(&p.an, h.slot)
			out.Hits[i].Matches, out.Hits[i].Missing = asMissing(pg.fallbacks, out.Hits[i].Matches, out.Hits[i].Missing)
		}
		if a := h.dist; a == a { // not NaN: the haversine term
			r := roundKM(havKM(a))
			out.Hits[i].DistanceKM = &r
		}
	}
	m.cache.put(m.gen, key, out)
	return out, nil
}

// placeCommune is the commune a query may name to find the record: only
// a commune of the official reference (the address resolved to an INSEE
// code). An unresolved name is whatever the source typed — « Mairie »,
// « centre » — and would turn an ordinary word of a query into a place
// filter; it stays searchable as text.
func placeCommune(addr models.Address) string {
	if addr.InseeCode == "" {
		return ""
	}
	return communeKey(addr.Commune)
}

// communeKey folds a commune's name as queries are folded (« Saint-Étienne »,
// « St Etienne » → "saint etienne").
func communeKey(name string) string { return strings.Join(tokens(name), " ") }

// ServiceKinds returns the kinds a service is found under: its own, and
// those its accompaniment modes show it gives too (models.Service.FoundKinds,
// the one definition the lists and the territory diagnostic share).
func ServiceKinds(sv *models.Service) []string { return sv.FoundKinds() }

// asMissing moves the related matches of the given words to missing: a
// place helping with procedures is not the CCAS the query names.
func asMissing(words []string, matches []Match, missing []string) ([]Match, []string) {
	if len(words) == 0 {
		return matches, missing
	}
	kept := make([]Match, 0, len(matches))
	for _, m := range matches {
		if m.How == HowRelated && slices.Contains(words, m.Word) {
			missing = append(missing, m.Word)
			continue
		}
		kept = append(kept, m)
	}
	return kept, missing
}

// setNamed gives d's FieldNamed: the keys of the abbreviation entries its
// name (or its place's) writes, by a form or a kind, read from its text
// terms (see docTerms).
func setNamed(d *doc) {
	const names = 1<<fieldName | 1<<fieldOwnerName
	var keys []string
	for term, mask := range d.text {
		if mask&names == 0 || len(term) < 2 || (term[:1] != abbrevPrefix && term[:1] != kindPrefix) {
			continue
		}
		key, _, _ := strings.Cut(term[1:], "/")
		if !slices.Contains(keys, key) {
			keys = append(keys, key)
		}
	}
	if len(keys) > 0 {
		slices.Sort(keys)
		d.values[FieldNamed] = keys
	}
}

// setMobility gives d's mobility and itinerant values: the place's own
// (the standard's itinerance), else Itinérant when its name (or its
// owner's) says it moves (vocab.NameMoves). No producer of the reference
// files fills the field, while 36 places are « Bus France services … »,
// « France Services Itinerant … », « Maison du Département Itinérante »:
// the `itinerant` filter found none of them, though their names found
// them by words (probe 39b, M5). A declared value is kept as given (a
// « Fixe » place named « … mobile » stays fixed); the record keeps what
// its producer sent, this is how search reads it (and how the import
// report says it is read).
func setMobility(d *doc, declared models.StringList, names ...string) {
	mobility := []string(declared)
	if len(mobility) == 0 && slices.ContainsFunc(names, vocab.NameMoves) {
		mobility = []string{vocab.MobilityItinerant}
	}
	d.values[FieldMobility] = mobility
	d.values[FieldItinerant] = boolValue(slices.Contains(mobility, vocab.MobilityItinerant))
}
