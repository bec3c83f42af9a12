package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"carnet/models/commune"
	"carnet/models/vocab"
)

// TerritoryQuery names an area: a département, a commune (INSEE code: a
// city such as Marseille is described whole, one of its arrondissements on
// its own) or a circle. GapKM is the distance beyond which a commune counts
// as not served (default 10, max 100); Themes limits the gap analysis
// (default: every theme).
type TerritoryQuery struct {
	Departement string
	InseeCode   string
	Near        *Point
	RadiusKM    float64
	GapKM       float64
	Themes      []string
	// SameAs holds the actors confirmed as the same place as an older
	// record (models.Store.ConfirmedDuplicates): each such place is counted
	// once, in its older record.
	SameAs map[string]bool
}

// Default gap distance of a territory diagnostic.
const DefaultGapKM = 10

// TerritoryReport describes who does what in an area, over the real
// territory: every commune of the area from the official reference
// (models/commune), with its legal population, whether the directory has
// places there or not. Only active actors count (temporarily closed places
// are left out of a diagnostic of what is available), with their published
// services.
type TerritoryReport struct {
	Actors   int
	Services int
	// ConfirmedDuplicates is how many actors of the area were left out as
	// the same place as an older record (TerritoryQuery.SameAs).
	ConfirmedDuplicates int
	// Communes of the area and the people living there.
	Communes   int
	Population int
	// Communes of the area where the directory has no active place.
	WithoutPlace           int
	WithoutPlacePopulation int
	Typologies             []Count // actors by typology ("" when none is given)
	Themes                 []Share // actors offering each theme
	Kinds                  []Share // actors offering each kind of service
	Gaps                   []Gap
	GapKM                  float64
	// Places lists every commune of the area with its figures, the most
	// populated first.
	Places []Commune
	// Unplaced counts the area's actors whose commune is not known (an
	// address the reference could not resolve): in the totals, in no
	// commune.
	Unplaced int
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

// Gap is, for one theme, the people of the area living in communes whose
// nearest place offering it (anywhere: the area's borders do not stop
// people) is farther than GapKM — communes without any place included.
type Gap struct {
	Theme      string
	Population int
	Share      float64 // of the area's population, 0 to 1
	Communes   []Commune
}

// Commune is a commune of the area (or, when the area is one, a municipal
// arrondissement) at its centre point.
type Commune struct {
	InseeCode  string
	PostalCode string // its first postal code
	Name       string // official
	Population int
	Actors     int // active places in the commune
	Lat, Lon   float64
	HasCentre  bool
	// NearestKM is, in a Gap, the distance from the commune's centre to the
	// nearest place offering the theme (0 when one is in the commune; nil
	// when none is within 100 km).
	NearestKM *float64
	// GapThemes, in Places, are the themes for which the commune is a gap.
	GapThemes []string
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

	// The area's communes, from the reference. A city with arrondissements
	// is one commune of a département or circle; asked by code, an
	// arrondissement is its own area.
	var units []*commune.Commune
	switch {
	case q.Departement != "":
		units = commune.InDepartement(q.Departement)
	case q.InseeCode != "":
		if c := commune.ByCode(q.InseeCode); c != nil {
			units = []*commune.Commune{c}
		}
	case q.Near != nil:
		for _, c := range commune.All() {
			if !c.IsArrondissement() && c.HasCentre && commune.DistanceKm(q.Near.Lat, q.Near.Lon, c.Lat, c.Lon) <= radius {
				units = append(units, c)
			}
		}
	}
	unitOf := func(insee string) *commune.Commune {
		c := commune.ByCode(insee)
		if c == nil {
			return nil
		}
		if q.InseeCode != "" && c.Code == q.InseeCode {
			return c // the arrondissement asked for
		}
		if c.City != "" {
			return commune.ByCode(c.City)
		}
		return c
	}
	inUnits := map[*commune.Commune]int{}
	for i, c := range units {
		inUnits[c] = i
	}

	m.mu.RLock()
	defer m.mu.RUnlock()
	t := m.actors
	active := t.statusSet(vocab.ActorActive, m.store.Now())
	themeValues := vocab.MustGet(vocab.NameThemes).Values()
	kindValues := vocab.MustGet(vocab.NameServiceKinds).Values()

	// Every active place, located at its coordinates or, without them, at
	// its commune's centre (most published files carry no coordinates).
	type place struct {
		slot     uint32
		lat, lon float64
		located  bool
		unit     *commune.Commune
	}
	var places []place
	t.all.each(func(slot uint32) bool {
		if active == nil || !active.has(slot) {
			return true
		}
		d := t.docs[slot]
		p := place{slot: slot, unit: unitOf(d.insee)}
		switch {
		case d.located:
			p.lat, p.lon, p.located = d.lat, d.lon, true
		case p.unit != nil && p.unit.HasCentre:
			p.lat, p.lon, p.located = p.unit.Lat, p.unit.Lon, true
		}
		places = append(places, p)
		return true
	})
	inArea := func(p place) bool {
		d := t.docs[p.slot]
		switch {
		case q.Departement != "":
			return d.actor.Departement == q.Departement
		case q.InseeCode != "":
			_, ok := inUnits[p.unit]
			return ok
		case q.Near != nil:
			return p.located && commune.DistanceKm(q.Near.Lat, q.Near.Lon, p.lat, p.lon) <= radius
		}
		return false
	}

	rep := TerritoryReport{GapKM: gap, Communes: len(units)}
	typ := map[string]int{}
	themeActors, themeServices := map[string]int{}, map[string]int{}
	kindActors, kindServices := map[string]int{}, map[string]int{}
	actorsIn := make([]int, len(units))
	offersIn := make([]map[string]bool, len(units))
	for _, p := range places {
		if !inArea(p) {
			continue
		}
		d := t.docs[p.slot]
		if q.SameAs[d.actor.ID] {
			rep.ConfirmedDuplicates++
			continue
		}
		rep.Actors++
		a := d.actor
		if len(a.Typologies) == 0 {
			typ[""]++
		}
		for _, v := range a.Typologies {
			typ[v]++
		}
		for _, v := range themeValues {
			if t.has(p.slot, FieldThemes, v) {
				themeActors[v]++
			}
		}
		for _, v := range kindValues {
			if t.has(p.slot, FieldKind, v) {
				kindActors[v]++
			}
		}
		for _, sv := range m.servicesOf[a.ID] {
			rep.Services++
			for _, v := range sv.Themes {
				themeServices[v]++
			}
			for _, k := range sv.FoundKinds() {
				kindServices[k]++
			}
		}
		i, ok := inUnits[p.unit]
		if !ok {
			rep.Unplaced++
			continue
		}
		actorsIn[i]++
		if offersIn[i] == nil {
			offersIn[i] = map[string]bool{}
		}
		for _, v := range themes {
			if t.has(p.slot, FieldThemes, v) {
				offersIn[i][v] = true
			}
		}
	}
	share := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return math.Round(float64(n)/float64(of)*1000) / 1000
	}
	for v, n := range typ {
		rep.Typologies = append(rep.Typologies, Count{Value: v, Count: n, Share: share(n, rep.Actors)})
	}
	slices.SortFunc(rep.Typologies, func(a, b Count) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	for _, v := range themeValues {
		rep.Themes = append(rep.Themes, Share{Value: v, Actors: themeActors[v], Share: share(themeActors[v], rep.Actors), Services: themeServices[v]})
	}
	for _, v := range kindValues {
		rep.Kinds = append(rep.Kinds, Share{Value: v, Actors: kindActors[v], Share: share(kindActors[v], rep.Actors), Services: kindServices[v]})
	}

	// The communes, most populated first.
	rep.Places = make([]Commune, len(units))
	for i, c := range units {
		pc := ""
		if len(c.PostalCodes) > 0 {
			pc = c.PostalCodes[0]
		}
		rep.Places[i] = Commune{InseeCode: c.Code, PostalCode: pc, Name: c.Name, Population: c.Population, Actors: actorsIn[i],
			Lat: c.Lat, Lon: c.Lon, HasCentre: c.HasCentre, GapThemes: []string{}}
		rep.Population += c.Population
		if actorsIn[i] == 0 {
			rep.WithoutPlace++
			rep.WithoutPlacePopulation += c.Population
		}
	}

	// Distances: for each theme, the places offering it anywhere within
	// reach of the area, in a grid of 0.1° cells.
	minLat, maxLat, minLon, maxLon := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, c := range units {
		if c.HasCentre {
			minLat, maxLat = math.Min(minLat, c.Lat), math.Max(maxLat, c.Lat)
			minLon, maxLon = math.Min(minLon, c.Lon), math.Max(maxLon, c.Lon)
		}
	}
	const reachDeg = MaxRadiusKM / 111.0 // 1° of latitude is 111 km
	lonReach := reachDeg / math.Max(math.Cos(math.Min(math.Max(math.Abs(minLat), math.Abs(maxLat))+reachDeg, 89)*math.Pi/180), 0.05)
	for _, theme := range themes {
		offering := t.set(FieldThemes, theme)
		grid := pointGrid{}
		for _, p := range places {
			if p.located && offering != nil && offering.has(p.slot) &&
				p.lat >= minLat-reachDeg && p.lat <= maxLat+reachDeg && p.lon >= minLon-lonReach && p.lon <= maxLon+lonReach {
				grid.add(p.lat, p.lon)
			}
		}
		g := Gap{Theme: theme, Communes: []Commune{}}
		for i, c := range units {
			var nearest float64
			switch {
			case offersIn[i][theme]:
				nearest = 0 // a place of the commune offers it
			case !c.HasCentre:
				nearest = math.Inf(1) // no place and no point to measure from
			default:
				nearest = grid.nearest(c.Lat, c.Lon, MaxRadiusKM)
			}
			// One rounding with the search's distance_km (nearest 100 m),
			// and the gap is judged on the distance shown, so a listed
			// commune never shows a distance within gap_km.
			nearest = roundKM(nearest)
			if nearest <= gap {
				continue
			}
			gc := rep.Places[i]
			gc.GapThemes = nil
			if !math.IsInf(nearest, 1) {
				r := nearest
				gc.NearestKM = &r
			}
			g.Communes = append(g.Communes, gc)
			g.Population += c.Population
			rep.Places[i].GapThemes = append(rep.Places[i].GapThemes, theme)
		}
		g.Share = share(g.Population, rep.Population)
		slices.SortStableFunc(g.Communes, byPopulation)
		rep.Gaps = append(rep.Gaps, g)
	}
	slices.SortStableFunc(rep.Places, byPopulation)
	return rep, nil
}

func byPopulation(a, b Commune) int {
	if c := cmp.Compare(b.Population, a.Population); c != 0 {
		return c
	}
	return strings.Compare(a.InseeCode, b.InseeCode)
}

// pointGrid finds the nearest of a set of points: cells of 0.1°, searched
// ring by ring outwards until the ring is farther than the best point.
type pointGrid map[[2]int][][2]float64

const pointCell = 0.1

func (g pointGrid) add(lat, lon float64) {
	k := [2]int{int(math.Floor(lat / pointCell)), int(math.Floor(lon / pointCell))}
	g[k] = append(g[k], [2]float64{lat, lon})
}

// nearest returns the distance to the nearest point within maxKm, +Inf when
// there is none.
func (g pointGrid) nearest(lat, lon, maxKm float64) float64 {
	if len(g) == 0 {
		return math.Inf(1)
	}
	c0 := [2]int{int(math.Floor(lat / pointCell)), int(math.Floor(lon / pointCell))}
	// East-west cells narrow with latitude: the smallest cell side bounds
	// how far a ring is.
	side := pointCell * 111 * math.Max(math.Cos(math.Min(math.Abs(lat)+1, 89)*math.Pi/180), 0.05)
	best := math.Inf(1)
	maxRing := int(maxKm/side) + 2
	for ring := 0; ring <= maxRing; ring++ {
		if float64(ring-1)*side > math.Min(best, maxKm) {
			break
		}
		for dy := -ring; dy <= ring; dy++ {
			for dx := -ring; dx <= ring; dx++ {
				if max(dx, -dx, dy, -dy) != ring {
					continue
				}
				for _, p := range g[[2]int{c0[0] + dy, c0[1] + dx}] {
					if d := commune.DistanceKm(lat, lon, p[0], p[1]); d < best {
						best = d
					}
				}
			}
		}
	}
	if best > maxKm {
		return math.Inf(1)
	}
	return best
}
