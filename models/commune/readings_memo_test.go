package commune

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// forgetAll empties the memos of Resolve, of the readings and of the
// nearest cities.
func forgetAll() {
	for i := range memo {
		memo[i].Store(nil)
	}
	readingsMemo.mu.Lock()
	clear(readingsMemo.m)
	readingsMemo.older = nil
	readingsMemo.mu.Unlock()
	for i := range nearMemo {
		nearMemo[i].Store(nil)
	}
}

// TestReadingsMemoAsComputed: an address's resolution is the same whether
// its postal code, name and INSEE code, and its point, were read before
// (by it or by another address sharing them) or never. Addresses of every
// kind of reading (exact, upper case, another commune's INSEE code, a
// misspelt name, swapped coordinates, a postal code that is an INSEE code,
// no name), in a random order, against each resolved with every memo
// empty.
func TestReadingsMemoAsComputed(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(14, 14))
	all := All()
	f := func(x float64) *float64 { return &x }
	var addrs []Address
	for range 400 {
		c, o := all[r.IntN(len(all))], all[r.IntN(len(all))]
		pc := ""
		if len(c.PostalCodes) > 0 {
			pc = c.PostalCodes[r.IntN(len(c.PostalCodes))]
		}
		name := c.Name
		if len(name) > 4 {
			j := 1 + r.IntN(len(name)-2)
			name = name[:j] + name[j+1:]
		}
		lat, lon := f(c.Lat+r.Float64()/20), f(c.Lon+r.Float64()/20)
		addrs = append(addrs,
			Address{PostalCode: pc, Name: c.Name, INSEE: c.Code, Lat: lat, Lon: lon},
			Address{PostalCode: pc, Name: strings.ToUpper(c.Name), Lat: lat, Lon: lon}, // the same point
			Address{PostalCode: pc, Name: c.Name, INSEE: o.Code},
			Address{PostalCode: pc, Name: name, Lat: f(c.Lat + r.Float64()/5), Lon: f(c.Lon - r.Float64()/5)},
			Address{PostalCode: o.Code, Name: c.Name, Lat: f(c.Lon), Lon: f(c.Lat)},
			Address{Name: c.Name, Lat: f(o.Lat), Lon: f(o.Lon)},
			Address{PostalCode: pc, Lat: lat, Lon: lon},
			Address{PostalCode: pc, Name: fmt.Sprintf(" %s %d", c.Name, r.IntN(3)), INSEE: strings.ToLower(c.Code) + " "},
		)
	}
	want := make([]Resolution, len(addrs))
	for i, a := range addrs {
		forgetAll()
		want[i] = Resolve(a)
	}
	for range 2 {
		for _, i := range r.Perm(len(addrs)) {
			if got := Resolve(addrs[i]); !reflect.DeepEqual(got, want[i]) {
				t.Errorf("Resolve(%+v) = %+v after other addresses, %+v alone", addrs[i], got, want[i])
			}
		}
		// The second round reads the readings and points remembered,
		// not the results.
		for i := range memo {
			memo[i].Store(nil)
		}
	}
}
