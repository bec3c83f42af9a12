package search

import "math"

// earthRadiusKM is the mean Earth radius (IUGG), the usual constant of the
// haversine formula; its error (≤ 0.5 %) is far below what matters when
// choosing a place to go to.
const earthRadiusKM = 6371.0088

// haversineKM returns the great-circle distance between two points.
func haversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	s1, s2 := math.Sin(dLat/2), math.Sin(dLon/2)
	a := s1*s1 + math.Cos(lat1*rad)*math.Cos(lat2*rad)*s2*s2
	return 2 * earthRadiusKM * math.Asin(math.Min(1, math.Sqrt(a)))
}

// roundKM rounds a distance for display: 100 m steps are what a person
// can use ("1.2 km"); sorting uses the exact value.
func roundKM(d float64) float64 { return math.Round(d*10) / 10 }

// cellDeg is the grid's cell size in degrees: about 11 km north-south, so
// that the default 10 km radius reads 4 to 9 cells and the 100 km maximum a
// few hundred, each holding the slots located in it.
const cellDeg = 0.1

type cellKey struct{ lat, lon int32 }

func cellOf(lat, lon float64) cellKey {
	return cellKey{int32(math.Floor(lat / cellDeg)), int32(math.Floor(lon / cellDeg))}
}

// grid is a uniform spatial index: cheap to update on every write, and at
// the directory's density a radius query reads few cells. (An R-tree pays
// off for much larger or very uneven sets; SQLite's was slower than a B-tree
// here at 10⁵ rows.)
type grid map[cellKey][]uint32

func (g grid) add(lat, lon float64, slot uint32) {
	k := cellOf(lat, lon)
	g[k] = append(g[k], slot)
}

func (g grid) remove(lat, lon float64, slot uint32) {
	k := cellOf(lat, lon)
	list := g[k]
	for i, s := range list {
		if s == slot {
			list[i] = list[len(list)-1]
			list = list[:len(list)-1]
			break
		}
	}
	if len(list) == 0 {
		delete(g, k)
	} else {
		g[k] = list
	}
}

// within calls fn with every slot whose cell intersects the bounding box of
// the circle; the caller checks the exact distance.
func (g grid) within(lat, lon, radiusKM float64, fn func(slot uint32)) {
	dLat := radiusKM / 111.19
	cos := math.Cos(lat * math.Pi / 180)
	dLon := radiusKM / (111.19 * math.Max(cos, 0.01))
	lo, hi := cellOf(lat-dLat, lon-dLon), cellOf(lat+dLat, lon+dLon)
	if int64(hi.lat-lo.lat+1)*int64(hi.lon-lo.lon+1) > int64(len(g)) {
		// A huge box (near a pole, or a sparse index): visit the
		// occupied cells instead of the box's.
		for k, list := range g {
			if k.lat >= lo.lat && k.lat <= hi.lat && k.lon >= lo.lon && k.lon <= hi.lon {
				for _, s := range list {
					fn(s)
				}
			}
		}
		return
	}
	for a := lo.lat; a <= hi.lat; a++ {
		for o := lo.lon; o <= hi.lon; o++ {
			for _, s := range g[cellKey{a, o}] {
				fn(s)
			}
		}
	}
}

// origin is a query point prepared for many distance computations.
type origin struct{ x, y, z float64 } // on the unit sphere

func newOrigin(p *Point) origin {
	x, y, z := unitVector(p.Lat, p.Lon)
	return origin{x, y, z}
}

// unitVector returns the point of the unit sphere at lat, lon (degrees).
func unitVector(lat, lon float64) (x, y, z float64) {
	const rad = math.Pi / 180
	cl := math.Cos(lat * rad)
	return cl * math.Cos(lon*rad), cl * math.Sin(lon*rad), math.Sin(lat * rad)
}

// hav returns the haversine term a = sin²(θ/2) of the distance from o to a
// place given by its unit vector, as (1 − cos θ)/2 with cos θ the dot
// product: no trigonometry per place, which a near-me query computes for
// thousands of them. It grows with the distance, so filtering and sorting
// compare it directly and only the hits shown pay for the square root and
// arc sine of havKM. (Its rounding error, about 10⁻¹⁶, is 0.1 m.)
func (o origin) hav(x, y, z float64) float64 {
	return max(0, (1-(o.x*x+o.y*y+o.z*z))/2)
}

func havKM(a float64) float64 { return 2 * earthRadiusKM * math.Asin(math.Sqrt(math.Min(1, a))) }

func kmHav(d float64) float64 {
	s := math.Sin(d / (2 * earthRadiusKM))
	return s * s
}

// proximity blends relevance with distance when a query has both words and
// near: a result's score is multiplied by
//
//	proximity = 1 − 0.5 × distance / radius
//
// from 1 at the point to 0.5 at the edge of the radius. An equally relevant
// place nearer comes first; a place twice as relevant still comes before
// one at the point.
func proximity(km, radius float64) float64 {
	if radius <= 0 {
		return 1
	}
	return 1 - 0.5*math.Min(km, radius)/radius
}
