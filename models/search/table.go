package search

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"carnet/models"
	"carnet/models/openinghours"
)

// doc is what the index knows of one searchable record (a service or an
// actor), computed once per write so that queries only read.
type doc struct {
	id       string
	sortName string // folded name, for SortName

	located    bool // lat/lon are set
	lat, lon   float64
	remoteOnly bool // a service given only remotely: no place, no distance

	hours  *openinghours.Hours // nil: unknown hours, never "open"
	tz     *time.Location
	region openinghours.Region

	insee, postal string
	commune       string              // the commune's folded words, joined by spaces
	values        map[string][]string // field → values, while building; then nil
	sets          []uint16            // ids of the value sets holding the doc
	// hourSets are the ids of its FieldOpenWhen sets, kept apart: no
	// facet counts them (facets walk sets doc by doc) and a place open
	// all day holds a few dozen (OpenWhenAt).
	hourSets []uint16
	text     map[string]uint8 // term → text field mask, while building; then nil
	terms    []uint32         // term ids, to remove them
	idKey    [2]uint64        // the id's first 16 bytes, for fast tie-breaks

	svc   *models.Service // the row, with Actor set, for service tables
	actor *models.Actor   // the row, for actor tables
}

// owner is the actor whose status and closure apply to d's place: the
// actor itself, or the service's.
func (d *doc) owner() *models.Actor {
	if d.svc != nil {
		return d.svc.Actor
	}
	return d.actor
}

// table indexes one kind of record. Slots are small integers reused after
// removal, so that bitsets stay as short as the live set.
type table struct {
	docs   []*doc
	byID   map[string]uint32
	free   []uint32
	all    bitset
	remote bitset                       // remoteOnly docs
	fields map[string]map[string]uint16 // field → value → id of its set
	sets   []*bitset                    // id → slots holding the field value
	counts []int                        // id → how many slots (kept on write: a query reads them)
	text   *textIndex
	geo    grid

	byInsee  map[string][]uint32
	byPostal map[string][]uint32
	// byCommune lists the slots of each commune by its folded name, and
	// communeFirst the names by their first word, so that a query naming
	// a commune (« saint etienne ») is recognised.
	byCommune    map[string][]uint32
	communeFirst map[string][]string
	// communeLater indexes the names by each of their later words
	// (« le lion angers » under lion and angers): the communes whose
	// name holds another's (see containingCommunes).
	communeLater map[string][]string

	// Hot per-slot data, in arrays rather than behind each doc's pointer:
	// a query visits thousands of slots, and chasing a pointer per slot
	// was the largest cost (a cache miss each).
	pos  []slotPos
	keys [][2]uint64 // idKey of each slot's doc

	byName []uint32 // slots in (sortName, id) order
	rank   []uint32 // slot → position in byName
	bulk   bool     // putAll: byName is rebuilt at the end

	orderDirty bool // byName changed since rank was computed

	// generalWords sends one-word queries through the general path, for
	// the test that compares it with runWord.
	generalWords bool

	// statusMemo holds statusSet's answers (see there).
	statusMu   sync.Mutex
	statusMemo map[statusKey]*bitset
}

func newTable() *table {
	return &table{byID: map[string]uint32{}, fields: map[string]map[string]uint16{}, text: newTextIndex(), geo: grid{},
		byInsee: map[string][]uint32{}, byPostal: map[string][]uint32{},
		byCommune: map[string][]uint32{}, communeFirst: map[string][]string{}, communeLater: map[string][]string{}}
}

func (t *table) len() int { return len(t.byID) }

func nameLess(a, b *doc) int {
	if c := strings.Compare(a.sortName, b.sortName); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// namePos returns where a doc with this name and id is or would be in byName.
func (t *table) namePos(name, id string) (int, bool) {
	return slices.BinarySearchFunc(t.byName, [2]string{name, id}, func(s uint32, k [2]string) int {
		d := t.docs[s]
		if c := strings.Compare(d.sortName, k[0]); c != 0 {
			return c
		}
		return strings.Compare(d.id, k[1])
	})
}

// put adds or replaces d. Call reorder once a batch of puts and removes is
// done.
func (t *table) put(d *doc) {
	slot, ok := t.byID[d.id]
	var old *doc
	if ok {
		// Replacing a doc: its name order and its terms are updated in
		// place when they did not change, which is most writes (a
		// status, a phone, the hours).
		old = t.docs[slot]
		t.unindex(slot, false)
		if !t.bulk && old.sortName != d.sortName {
			// Before the slot holds d: the binary search reads names
			// through the slots.
			if i, ok := t.namePos(old.sortName, old.id); ok {
				t.byName = slices.Delete(t.byName, i, i+1)
			}
		}
	} else if n := len(t.free); n > 0 {
		slot, t.free = t.free[n-1], t.free[:n-1]
	} else {
		slot = uint32(len(t.docs))
		t.docs = append(t.docs, nil)
		t.rank = append(t.rank, 0)
		t.pos = append(t.pos, slotPos{})
		t.keys = append(t.keys, [2]uint64{})
	}
	t.byID[d.id] = slot
	t.docs[slot] = d
	t.all.set(slot)
	d.sets, d.hourSets = d.sets[:0], d.hourSets[:0]
	for f, vals := range d.values {
		m := t.fields[f]
		if m == nil {
			m = map[string]uint16{}
			t.fields[f] = m
		}
		for _, v := range vals {
			id, ok := m[v]
			if !ok {
				id = uint16(len(t.sets))
				m[v] = id
				t.sets = append(t.sets, &bitset{})
				t.counts = append(t.counts, 0)
			}
			if !t.sets[id].has(slot) {
				t.sets[id].set(slot)
				t.counts[id]++
			}
			if f == FieldOpenWhen {
				d.hourSets = append(d.hourSets, id)
				continue
			}
			d.sets = append(d.sets, id)
		}
	}
	d.values = nil
	d.idKey = idKey(d.id)
	t.keys[slot] = d.idKey
	x, y, z := unitVector(d.lat, d.lon)
	t.pos[slot] = slotPos{lat: d.lat, lon: d.lon, x: x, y: y, z: z, located: d.located && !d.remoteOnly, remoteOnly: d.remoteOnly}
	if d.remoteOnly {
		t.remote.set(slot)
	} else if d.located {
		t.geo.add(d.lat, d.lon, slot)
	}
	if d.insee != "" {
		t.byInsee[d.insee] = append(t.byInsee[d.insee], slot)
	}
	if d.postal != "" {
		t.byPostal[d.postal] = append(t.byPostal[d.postal], slot)
	}
	if d.commune != "" {
		if _, ok := t.byCommune[d.commune]; !ok {
			first, _, _ := strings.Cut(d.commune, " ")
			if !slices.Contains(t.communeFirst[first], d.commune) {
				t.communeFirst[first] = append(t.communeFirst[first], d.commune)
			}
			for _, w := range strings.Fields(d.commune)[1:] {
				if !slices.Contains(t.communeLater[w], d.commune) {
					t.communeLater[w] = append(t.communeLater[w], d.commune)
				}
			}
		}
		t.byCommune[d.commune] = append(t.byCommune[d.commune], slot)
	}
	if old != nil {
		d.terms = t.text.update(slot, old.terms, d.text)
	} else {
		d.terms = t.text.add(slot, d.text)
	}
	d.text = nil // only the ids are needed from now on
	if t.bulk || old != nil && old.sortName == d.sortName {
		return
	}
	i, _ := t.namePos(d.sortName, d.id)
	t.byName = slices.Insert(t.byName, i, slot)
	t.orderDirty = true
}

// remove drops the record with id, if indexed.
func (t *table) remove(id string) {
	slot, ok := t.byID[id]
	if !ok {
		return
	}
	t.unindex(slot, true)
	delete(t.byID, id)
	t.docs[slot] = nil
	t.free = append(t.free, slot)
}

// unindex removes the doc in slot from the sets, the grid and the place
// lists; with all, from the text index and the name order too (put
// updates those itself).
func (t *table) unindex(slot uint32, all bool) {
	d := t.docs[slot]
	t.all.clear(slot)
	for _, ids := range [2][]uint16{d.sets, d.hourSets} {
		for _, id := range ids {
			if t.sets[id].has(slot) {
				t.sets[id].clear(slot)
				t.counts[id]--
			}
		}
	}
	if d.remoteOnly {
		t.remote.clear(slot)
	} else if d.located {
		t.geo.remove(d.lat, d.lon, slot)
	}
	dropSlot(t.byInsee, d.insee, slot)
	dropSlot(t.byPostal, d.postal, slot)
	dropSlot(t.byCommune, d.commune, slot)
	if !all {
		return
	}
	t.text.remove(slot, d.terms)
	if t.bulk {
		return
	}
	if i, ok := t.namePos(d.sortName, d.id); ok {
		t.byName = slices.Delete(t.byName, i, i+1)
		t.orderDirty = true
	}
}

func dropSlot(m map[string][]uint32, key string, slot uint32) {
	if key == "" {
		return
	}
	list := m[key]
	if i := slices.Index(list, slot); i >= 0 {
		list[i] = list[len(list)-1]
		list = list[:len(list)-1]
	}
	if len(list) == 0 {
		delete(m, key)
	} else {
		m[key] = list
	}
}

// reorder recomputes the name ranks after a batch of changes, if the
// order changed.
func (t *table) reorder() {
	t.text.settleFresh()
	if !t.orderDirty {
		return
	}
	t.orderDirty = false
	for i, s := range t.byName {
		t.rank[s] = uint32(i)
	}
}

// sortAll rebuilds byName from scratch.
func (t *table) sortAll() {
	t.byName = t.byName[:0]
	for s, d := range t.docs {
		if d != nil {
			t.byName = append(t.byName, uint32(s))
		}
	}
	slices.SortFunc(t.byName, func(a, b uint32) int { return nameLess(t.docs[a], t.docs[b]) })
	t.orderDirty = true
	t.reorder()
}

// putAll indexes docs in bulk: names are sorted once at the end rather
// than inserted one by one.
func (t *table) putAll(docs []*doc) {
	t.bulk = true
	for _, d := range docs {
		t.put(d)
	}
	t.bulk = false
	t.sortAll()
}

// sortAll leaves the ranks computed.

// hit is a slot that passed the query with its sort key.
type hit struct {
	slot  uint32
	score float64
	dist  float64 // NaN when there is none
	key   float64 // what the sort compares first; ties by id
}

// slotPos is where a slot's record is.
type slotPos struct {
	lat, lon   float64
	x, y, z    float64 // the point on the unit sphere, for distances without trigonometry
	located    bool    // has a place (remote-only services have none)
	remoteOnly bool
}

// distance returns the distance of a slot's place from p (NaN if none).
func (t *table) distance(slot uint32, p *Point) float64 {
	sp := &t.pos[slot]
	if p == nil || !sp.located {
		return math.NaN()
	}
	return haversineKM(p.Lat, p.Lon, sp.lat, sp.lon)
}

// compareHits orders hits by key then id.
func (t *table) compareHits(a, b hit) int {
	if c := cmp.Compare(a.key, b.key); c != 0 {
		return c
	}
	ka, kb := &t.keys[a.slot], &t.keys[b.slot]
	if c := cmp.Compare(ka[0], kb[0]); c != 0 {
		return c
	}
	if c := cmp.Compare(ka[1], kb[1]); c != 0 {
		return c
	}
	return strings.Compare(t.docs[a.slot].id, t.docs[b.slot].id)
}

// idKey packs the first 16 bytes of an id into integers that compare like
// the string: most ties are broken without comparing strings.
func idKey(id string) (k [2]uint64) {
	var b [16]byte
	copy(b[:], id)
	for i := range 8 {
		k[0] = k[0]<<8 | uint64(b[i])
		k[1] = k[1]<<8 | uint64(b[8+i])
	}
	return k
}

// compareIDs compares d's id with another, given its key and string.
func compareIDs(d *doc, key [2]uint64, id string) int {
	if c := cmp.Compare(d.idKey[0], key[0]); c != 0 {
		return c
	}
	if c := cmp.Compare(d.idKey[1], key[1]); c != 0 {
		return c
	}
	return strings.Compare(d.id, id)
}

// set returns the slots holding a field value, nil when none ever did.
func (t *table) set(field, value string) *bitset {
	if id, ok := t.fields[field][value]; ok {
		return t.sets[id]
	}
	return nil
}

// setCount returns the set of a field value and its size.
func (t *table) setCount(field, value string) (*bitset, int) {
	if id, ok := t.fields[field][value]; ok {
		return t.sets[id], t.counts[id]
	}
	return nil, 0
}

// has reports whether the doc in slot holds a field value.
func (t *table) has(slot uint32, field, value string) bool {
	b := t.set(field, value)
	return b != nil && b.has(slot)
}
