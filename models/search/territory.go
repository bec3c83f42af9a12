package search

import (
	"context"
	"math"
	"slices"
	"strings"

	"carnet/models/vocab"
)

// TerritoryQuery names an area: a département, a commune (INSEE code) or a
// circle. GapKM is the distance beyond which a commune counts as not
// served (default 10, max 100); Themes limits the gap analysis (default:
// every theme).
type TerritoryQuery struct {
	Departement string
	InseeCode   string
	Near        *Point
	RadiusKM    float64
	GapKM       float64
	Themes      []string
}

// Default gap distance of a territory diagnostic.
const DefaultGapKM = 10

// TerritoryReport describes who does what in an area. Only active actors
// count (temporarily closed places are left out of a diagnostic of what is
// available), with their published services.
type TerritoryReport struct {
	Actors   int
	Services int
	// Communes are the communes of the area known to the directory: those
	// of its actors' addresses (there is no commune reference here).
	Communes   int
	Typologies []Count // actors by typology ("" when none is given)
	Themes     []Share // actors offering each theme
	Kinds      []Share // actors offering each kind of service
	Gaps       []Gap
	GapKM      float64
}

// Count is a number of actors with a value.
type Count struct {
	Value string
	Count int
	Share float64 // of the area's actors, 0 to 1
}

// Share is how many actors and services of the area offer a value.
type Share struct {
	Value    string
	Actors   int
	Share    float64 // of the area's actors, 0 to 1
	Services int
}

// Gap lists, for one theme, the communes of the area whose nearest actor
// offering it (anywhere, the area's borders do not stop people) is farther
// than GapKM.
type Gap struct {
	Theme    string
	Communes []Commune
}

// Commune is a commune known to the directory, located at the mean of its
// actors' coordinates.
type Commune struct {
	InseeCode  string
	PostalCode string
	Name       string
	Actors     int
	Lat, Lon   float64
	// NearestKM is the distance to the nearest actor offering the theme;
	// nil when there is none within 100 km.
	NearestKM *float64
}

// Territory implements Engine.
func (m *Memory) Territory(ctx context.Context, q TerritoryQuery) (TerritoryReport, error) {
	gap := q.GapKM
	if gap <= 0 {
		gap = DefaultGapKM
	}
	gap = min(gap, MaxRadiusKM)
	themes := q.Themes
	if len(themes) == 0 {
		themes = vocab.MustGet(vocab.NameThemes).Values()
	}
	radius := q.RadiusKM
	if radius <= 0 {
		radius = DefaultRadiusKM
	}
	radius = min(radius, MaxRadiusKM)

	m.mu.RLock()
	defer m.mu.RUnlock()
	t := m.actors
	active := t.statusSet(vocab.ActorActive, m.store.Now())
	inArea := func(slot uint32) bool {
		if active == nil || !active.has(slot) {
			return false
		}
		d := t.docs[slot]
		switch {
		case q.Departement != "":
			return d.actor.Departement == q.Departement
		case q.InseeCode != "":
			return d.insee == q.InseeCode
		case q.Near != nil:
			dist := t.distance(slot, q.Near)
			return dist == dist && dist <= radius
		}
		return true
	}
	themeValues := vocab.MustGet(vocab.NameThemes).Values()
	kindValues := vocab.MustGet(vocab.NameServiceKinds).Values()
	var area []uint32
	t.all.each(func(slot uint32) bool {
		if inArea(slot) {
			area = append(area, slot)
		}
		return true
	})

	rep := TerritoryReport{Actors: len(area), GapKM: gap}
	share := func(n int) float64 {
		if rep.Actors == 0 {
			return 0
		}
		return math.Round(float64(n)/float64(rep.Actors)*1000) / 1000
	}
	typ := map[string]int{}
	themeActors, themeServices := map[string]int{}, map[string]int{}
	kindActors, kindServices := map[string]int{}, map[string]int{}
	type communeAcc struct {
		c          Commune
		sumLat     float64
		sumLon     float64
		located    int
		firstInsee string
	}
	communes := map[string]*communeAcc{}
	var order []string
	for _, slot := range area {
		d := t.docs[slot]
		a := d.actor
		if len(a.Typologies) == 0 {
			typ[""]++
		}
		for _, v := range a.Typologies {
			typ[v]++
		}
		for _, v := range themeValues {
			if t.has(slot, FieldThemes, v) {
				themeActors[v]++
			}
		}
		for _, v := range kindValues {
			if t.has(slot, FieldKind, v) {
				kindActors[v]++
			}
		}
		for _, sv := range m.servicesOf[a.ID] {
			rep.Services++
			for _, v := range sv.Themes {
				themeServices[v]++
			}
			kindServices[sv.Kind]++
		}
		key := a.Address.InseeCode
		if key == "" {
			key = a.Address.PostalCode + " " + vocab.Slugify(a.Address.Commune)
		}
		acc := communes[key]
		if acc == nil {
			acc = &communeAcc{c: Commune{InseeCode: a.Address.InseeCode, PostalCode: a.Address.PostalCode, Name: a.Address.Commune}}
			communes[key] = acc
			order = append(order, key)
		}
		acc.c.Actors++
		if d.located {
			acc.sumLat += d.lat
			acc.sumLon += d.lon
			acc.located++
		}
	}
	rep.Communes = len(communes)
	for v, n := range typ {
		rep.Typologies = append(rep.Typologies, Count{Value: v, Count: n, Share: share(n)})
	}
	slices.SortFunc(rep.Typologies, func(a, b Count) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	for _, v := range vocab.MustGet(vocab.NameThemes).Values() {
		rep.Themes = append(rep.Themes, Share{Value: v, Actors: themeActors[v], Share: share(themeActors[v]), Services: themeServices[v]})
	}
	for _, v := range vocab.MustGet(vocab.NameServiceKinds).Values() {
		rep.Kinds = append(rep.Kinds, Share{Value: v, Actors: kindActors[v], Share: share(kindActors[v]), Services: kindServices[v]})
	}

	slices.SortFunc(order, func(a, b string) int {
		ca, cb := communes[a].c, communes[b].c
		if c := strings.Compare(ca.PostalCode, cb.PostalCode); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	for _, theme := range themes {
		g := Gap{Theme: theme, Communes: []Commune{}}
		offering := t.set(FieldThemes, theme)
		for _, key := range order {
			acc := communes[key]
			if acc.located == 0 {
				continue // no coordinates: distances are unknown
			}
			c := acc.c
			c.Lat, c.Lon = acc.sumLat/float64(acc.located), acc.sumLon/float64(acc.located)
			nearest := m.nearestOffering(c.Lat, c.Lon, gap, offering, active)
			if nearest <= gap {
				continue
			}
			if nearest > gap {
				nearest = m.nearestOffering(c.Lat, c.Lon, MaxRadiusKM, offering, active)
			}
			if nearest <= MaxRadiusKM {
				r := roundKM(nearest)
				c.NearestKM = &r
			}
			c.Lat, c.Lon = math.Round(c.Lat*1e5)/1e5, math.Round(c.Lon*1e5)/1e5
			g.Communes = append(g.Communes, c)
		}
		rep.Gaps = append(rep.Gaps, g)
	}
	return rep, nil
}

// nearestOffering returns the distance to the nearest active actor in the
// offering set within radius, +Inf when none.
func (m *Memory) nearestOffering(lat, lon, radius float64, offering, active *bitset) float64 {
	best := math.Inf(1)
	if offering == nil || active == nil {
		return best
	}
	t := m.actors
	t.geo.within(lat, lon, radius, func(slot uint32) {
		if !offering.has(slot) || !active.has(slot) {
			return
		}
		if dist := t.distance(slot, &Point{lat, lon}); dist < best {
			best = dist
		}
	})
	if best > radius {
		return math.Inf(1)
	}
	return best
}
