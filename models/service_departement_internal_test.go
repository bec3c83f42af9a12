package models

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"carnet/models/commune"
	"carnet/models/ident"
)

// TestServiceOwnDepartementSQL holds serviceOwnDepartementSQL, by which
// GET /services filters a service's own address by département, to
// Address.departement, by which search and the actors' column read it: on
// every INSEE code and postal code of the communes' reference, alone and
// together, and on every valid postal code prefix (Corsica's 20, the
// overseas 97x and 98x, Saint-Barthélemy's and Saint-Martin's codes).
func TestServiceOwnDepartementSQL(t *testing.T) {
	s := openTestStore(t)
	var cases []Address
	for _, c := range commune.All() {
		cases = append(cases, Address{InseeCode: c.Code})
		for _, pc := range c.PostalCodes {
			cases = append(cases, Address{InseeCode: c.Code, PostalCode: pc}, Address{PostalCode: pc})
		}
	}
	for p := range 1000 {
		for _, end := range []string{"00", "33", "50", "99"} {
			if pc := fmt.Sprintf("%03d%s", p, end); ident.ValidPostalCode(pc) {
				cases = append(cases, Address{PostalCode: pc})
			}
		}
	}
	cases = append(cases, Address{PostalCode: "97133"}, Address{PostalCode: "97150"}, Address{PostalCode: "98000"}, Address{InseeCode: "97701", PostalCode: "97133"})
	const batch = 400
	for i := 0; i < len(cases); i += batch {
		part := cases[i:min(i+batch, len(cases))]
		rows := make([]string, len(part))
		args := make([]any, 0, 2*len(part))
		for j, a := range part {
			rows[j] = "(?, ?, ?)"
			args = append(args, j, a.InseeCode, a.PostalCode)
		}
		var got []struct {
			N int
			D string
		}
		err := s.read(context.Background()).Raw("WITH services(n, location_insee_code, location_postal_code) AS (VALUES "+strings.Join(rows, ", ")+
			") SELECT n, "+serviceOwnDepartementSQL+" AS d FROM services ORDER BY n", args...).Scan(&got).Error
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(part) {
			t.Fatalf("%d rows for %d cases", len(got), len(part))
		}
		for _, g := range got {
			if want := part[g.N].departement(); g.D != want {
				t.Errorf("%+v: SQL says %q, Go %q", part[g.N], g.D, want)
			}
		}
	}
}
