package commune

import (
	"math"
	"testing"
)

// nearestUnpruned is Nearest as it was before centres were skipped by
// their latitude (issue 11, item 6): every centre of the rings scanned is
// compared.
func nearestUnpruned(lat, lon, maxKm float64) (*Commune, float64) {
	r := get()
	c0 := cell(lat, lon)
	best, bestD := (*Commune)(nil), math.Inf(1)
	const rad = math.Pi / 180
	cosLat, bestA := math.Cos(lat*rad), math.Inf(1)
	maxRing := int(maxKm/(gridDeg*111*math.Max(math.Cos(math.Min(math.Abs(lat), 89)*math.Pi/180), 0.05))) + 2
	for ring := 0; ring <= maxRing; ring++ {
		if best != nil && float64(ring-1)*gridDeg*111*math.Cos(math.Min(math.Abs(lat)+gridDeg*float64(ring), 89)*math.Pi/180) > bestD {
			break
		}
		for dy := -ring; dy <= ring; dy++ {
			for dx := -ring; dx <= ring; dx++ {
				if max(abs(dx), abs(dy)) != ring {
					continue
				}
				for _, e := range r.grid[gridKey(c0[0]+dy, c0[1]+dx)] {
					dlat, dlon := (e.c.Lat-lat)*rad, (e.c.Lon-lon)*rad
					s1, s2 := math.Sin(dlat/2), math.Sin(dlon/2)
					if a := s1*s1 + cosLat*e.cosLat*s2*s2; a < bestA {
						best, bestA = e.c, a
						bestD = DistanceKm(lat, lon, e.c.Lat, e.c.Lon)
					}
				}
			}
		}
	}
	if best == nil || bestD > maxKm {
		return nil, 0
	}
	return best, bestD
}

// TestNearestPrunedAsUnpruned: skipping the centres too far in latitude
// changes no answer, ties included: at every centre, a hair away from it,
// halfway between it and the next centres of the list (points equidistant
// from two centres, where only the order of comparison decides), and over
// a lattice of France and the overseas territories, with the bounds the
// callers use.
func TestNearestPrunedAsUnpruned(t *testing.T) {
	var points [][2]float64
	var centres []*Commune
	for _, c := range All() {
		if c.HasCentre {
			centres = append(centres, c)
		}
	}
	for i, c := range centres {
		points = append(points, [2]float64{c.Lat, c.Lon}, [2]float64{c.Lat + 1e-7, c.Lon - 1e-7})
		if i%7 == 0 {
			for _, n := range centres[i+1 : min(i+4, len(centres))] {
				points = append(points, [2]float64{(c.Lat + n.Lat) / 2, (c.Lon + n.Lon) / 2}, [2]float64{c.Lat, (c.Lon + n.Lon) / 2}, [2]float64{(c.Lat + n.Lat) / 2, c.Lon})
			}
		}
	}
	for lat := 41.3; lat < 51.2; lat += 0.0731 {
		for lon := -5.2; lon < 9.7; lon += 0.113 {
			points = append(points, [2]float64{lat, lon})
		}
	}
	for lat := -22.9; lat < 51.2; lat += 1.73 { // the rest coarsely: at sea, every ring is scanned
		for lon := -63.1; lon < 168; lon += 1.91 {
			points = append(points, [2]float64{lat, lon})
		}
	}
	for _, maxKm := range []float64{200, 30} {
		for _, p := range points {
			c, d := Nearest(p[0], p[1], maxKm)
			want, wd := nearestUnpruned(p[0], p[1], maxKm)
			if c != want || d != wd {
				t.Fatalf("Nearest(%v, %v, %v) = %v %v, unpruned %v %v", p[0], p[1], maxKm, c, d, want, wd)
			}
		}
	}
	t.Logf("%d points", len(points))
}
