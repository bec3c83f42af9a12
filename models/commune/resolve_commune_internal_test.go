package commune

import (
	"reflect"
	"testing"
)

// TestResolveCommuneAsResolve (issue 11, item 6): ResolveCommune answers
// what Resolve answers but the reasons and notes — the same commune, the
// same conflicting and doubted fields in the same order, the same flags —
// for addresses as written, misspelt, with another commune's codes, a
// point near, far or swapped, so that an import resolving a corrected
// address again without its reasons stores what it stored.
func TestResolveCommuneAsResolve(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	var addrs []Address
	for _, dep := range []string{"01", "13", "16", "69", "75", "2A", "971", "977", "988"} {
		cs := InDepartement(dep)
		for i := 0; i < len(cs); i += 7 {
			c, o := cs[i], cs[(i+3)%len(cs)]
			pc := ""
			if len(c.PostalCodes) > 0 {
				pc = c.PostalCodes[0]
			}
			addrs = append(addrs,
				Address{PostalCode: pc, Name: c.Name, INSEE: c.Code},
				Address{PostalCode: pc, Name: c.Name + " 12"},
				Address{PostalCode: pc[:min(2, len(pc))] + "999", Name: c.Name, INSEE: o.Code},
				Address{PostalCode: pc, Name: o.Name},
				Address{PostalCode: "", Name: "", INSEE: c.Code, Lat: ptr(o.Lat), Lon: ptr(o.Lon)},
				Address{PostalCode: pc, Name: c.Name, Lat: ptr(c.Lat + 0.05), Lon: ptr(c.Lon + 0.08)},
				Address{PostalCode: pc, Name: "Xyzville", Lat: ptr(c.Lat), Lon: ptr(c.Lon)},
				Address{PostalCode: pc, Name: c.Name, Lat: ptr(c.Lon), Lon: ptr(c.Lat)},
				Address{PostalCode: pc, Name: c.Name, INSEE: c.Code, Lat: ptr(o.Lat + 1), Lon: ptr(o.Lon - 1)},
			)
		}
	}
	for _, a := range addrs {
		if got, want := untold(resolve(a, teller{quiet: true})), untold(resolve(a, teller{})); !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: quietly %+v, told %+v", a, got, want)
		}
	}
}

// untold is r without its reasons and notes.
func untold(r Resolution) Resolution {
	for _, l := range []*[]Conflict{&r.Conflicts, &r.Doubts} {
		for i := range *l {
			(*l)[i].Reason = ""
		}
	}
	r.Notes = nil
	return r
}
