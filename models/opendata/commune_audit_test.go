package opendata_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/opendata"
)

// TestCommuneAudit imports every JSON file of the directory named by
// CARNET_EXTRA_REFERENCE (real files of producers Carnet has not been
// tuned on) into a database of its own, and checks each place's resolved
// commune against the independent evidence of its row: the INSEE code
// given, the postal code given (the communes it serves), the commune name
// given (folded) and the coordinates (near the commune's centre, relative
// to the commune's size, measured as the distance from its centre to the
// nearest other commune's). It counts disagreements by kind, and whether
// the import report warned about them on that row (« silent » when not):
//
//	CARNET_EXTRA_REFERENCE=/path/to/files go test -run TestCommuneAudit -v ./models/opendata
//
// With -v each disagreement is listed (« audit: » lines) for reading by
// hand; with CARNET_AUDIT_ALL=1 every row's stored commune and postal code
// too (« resolved: » lines), to compare two versions. It fails on no count: the figures are for reading, not a bound.
func TestCommuneAudit(t *testing.T) {
	dir := os.Getenv("CARNET_EXTRA_REFERENCE")
	if dir == "" {
		t.Skip("CARNET_EXTRA_REFERENCE is not set: it names a directory of real JSON files of places")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no JSON file in %s", dir)
	}
	var summary []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var rows []map[string]any
		if err := json.Unmarshal(b, &rows); err != nil {
			t.Logf("%s: not a JSON array of places (%v); skipped", filepath.Base(f), err)
			continue
		}
		s := openStore(t)
		rep := importBytes(t, s, b, opendata.ImportOptions{Source: "audit"})
		counts := auditFile(t, filepath.Base(f), rows, rep, allActors(t, s))
		var kinds []string
		for k := range counts {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		line := fmt.Sprintf("%-40.40s rows %4d", filepath.Base(f), len(rows))
		for _, k := range kinds {
			line += fmt.Sprintf("  %s %d", k, counts[k])
		}
		// Every warning on the address's columns, disagreement or not.
		w := map[string]int{}
		for _, is := range rep.Issues {
			switch is.Field {
			case "commune", "code_postal", "code_insee", "latitude":
				w[is.Field]++
			}
		}
		line += fmt.Sprintf("  | address warnings: code_insee %d, code_postal %d, commune %d, coordinates %d", w["code_insee"], w["code_postal"], w["commune"], w["latitude"])
		summary = append(summary, line)
	}
	for _, l := range summary {
		t.Log(l)
	}
}

var ownID = regexp.MustCompile(`id "([^"]+)"`)

func auditFile(t *testing.T, name string, rows []map[string]any, rep *opendata.Report, actors []models.Actor) map[string]int {
	byID := map[string]models.Actor{}
	for _, a := range actors {
		byID[a.SourceID] = a
	}
	// Rows sharing an id with another address were stored under an id of
	// their own, which the report names.
	idOfRow := map[int]string{}
	warned := map[int]map[string]string{} // row → column → reasons
	for _, is := range rep.Issues {
		if is.Field == "id" {
			if m := ownID.FindStringSubmatch(is.Reason); m != nil {
				idOfRow[is.Row] = m[1]
			}
		}
		if warned[is.Row] == nil {
			warned[is.Row] = map[string]string{}
		}
		warned[is.Row][is.Field] += is.Reason + "; "
	}
	counts := map[string]int{}
	nn := map[*commune.Commune]float64{}
	for i, row := range rows {
		rowN := i + 1
		id := cellStr(row["id"])
		if own, ok := idOfRow[rowN]; ok {
			id = own
		}
		a, ok := byID[id]
		if !ok {
			counts["not_stored"]++
			continue
		}
		pc, nm, code := cellStr(row["code_postal"]), cellStr(row["commune"]), cellStr(row["code_insee"])
		lat, okLat := num(row["latitude"])
		lon, okLon := num(row["longitude"])
		got := commune.ByCode(a.Address.InseeCode)
		w := warned[rowN]
		report := func(kind, field, detail string) {
			if w[field] != "" {
				kind += "/warned"
			} else {
				kind += "/silent"
			}
			counts[kind]++
			resolved := "none"
			if got != nil {
				resolved = fmt.Sprintf("%s %s (%s)", got.Code, got.Name, got.Departement)
			}
			t.Logf("audit: %s row %d %s: %s | given pc=%q commune=%q insee=%q point=%v,%v | resolved %s | report: %s",
				name, rowN, kind, detail, pc, nm, code, row["latitude"], row["longitude"], resolved, strings.TrimSpace(w[field]))
		}
		if os.Getenv("CARNET_AUDIT_ALL") != "" {
			t.Logf("resolved: %s row %d %q %q → %s %s", name, rowN, pc, nm, a.Address.InseeCode, a.Address.PostalCode)
		}
		if got == nil {
			report("unresolved", "commune", "no commune stored")
			continue
		}
		city := got
		if got.IsArrondissement() {
			city = commune.ByCode(got.City)
		}
		// In Paris, Lyon and Marseille: the arrondissement against the
		// postal code and the point (arrondissements are small: the
		// nearest centre is a fair proxy).
		if arrs := commune.Arrondissements(city.Code); len(arrs) > 0 {
			var byPC *commune.Commune
			for _, x := range arrs {
				if x.HasPostalCode(pc) {
					byPC = x
				}
			}
			switch {
			case !got.IsArrondissement():
				report("arr_none", "commune", "the city, not an arrondissement")
			case byPC != nil && byPC != got:
				report("arr_postal", "code_postal", fmt.Sprintf("the postal code is %s's", byPC.Name))
			}
			if okLat && okLon && got.IsArrondissement() {
				best, bd := (*commune.Commune)(nil), math.Inf(1)
				for _, x := range arrs {
					if d := commune.DistanceKm(lat, lon, x.Lat, x.Lon); x.HasCentre && d < bd {
						best, bd = x, d
					}
				}
				if d := commune.DistanceKm(lat, lon, got.Lat, got.Lon); best != got && d > 2 && d < 30 {
					report("arr_point", "latitude", fmt.Sprintf("the point is %.1f km from its centre, %.1f km from %s's", d, bd, best.Name))
				}
			}
		}
		if c := commune.ByCode(code); c != nil && cityOf(c) != city {
			report("insee_other", "code_insee", fmt.Sprintf("code is %s %s (%s)", c.Code, c.Name, c.Departement))
		}
		if pc != "" {
			serves := false
			deps := map[string]bool{}
			for _, c := range commune.ByPostalCode(pc) {
				serves = serves || cityOf(c) == city
				deps[c.Departement] = true
			}
			switch {
			case serves:
			case len(deps) > 0 && !deps[city.Departement]:
				report("postal_other_dep", "code_postal", fmt.Sprintf("postal code serves %s", names(commune.ByPostalCode(pc))))
			case len(deps) > 0:
				report("postal_neighbour", "code_postal", fmt.Sprintf("postal code serves %s, not %s", names(commune.ByPostalCode(pc)), city.Name))
			default:
				report("postal_unknown", "code_postal", "no commune has this postal code (CEDEX?)")
			}
		}
		if nm != "" {
			cs := commune.ByName(nm)
			found := false
			for _, c := range cs {
				found = found || cityOf(c) == city
			}
			switch {
			case found:
			case len(cs) == 0:
				report("name_unknown", "commune", "the name designates no commune")
			default:
				report("name_other", "commune", fmt.Sprintf("the name designates %s", names(cs)))
			}
		}
		if okLat && okLon && city.HasCentre && !(lat == 0 && lon == 0) {
			if _, ok := nn[city]; !ok {
				nn[city] = nearestOther(city)
			}
			d := commune.DistanceKm(lat, lon, city.Lat, city.Lon)
			size := nn[city]
			near, _ := commune.Nearest(lat, lon, 30)
			if d > math.Max(2*size, 5) && cityOf(near) != city {
				detail := fmt.Sprintf("point %.1f km from the centre (nearest other commune's centre at %.1f km)", d, size)
				if near != nil {
					detail += fmt.Sprintf(", nearest centre %s (%s)", near.Name, near.Departement)
				}
				if sw, _ := commune.Nearest(lon, lat, 10); sw != nil && cityOf(sw) == city {
					detail += ", lat/lon swapped"
				}
				report("coords_far", "latitude", detail)
			}
		}
	}
	return counts
}

func cityOf(c *commune.Commune) *commune.Commune {
	if c != nil && c.IsArrondissement() {
		return commune.ByCode(c.City)
	}
	return c
}

func names(cs []*commune.Commune) string {
	var out []string
	for i, c := range cs {
		if i == 4 {
			out = append(out, "…")
			break
		}
		out = append(out, fmt.Sprintf("%s %s (%s)", c.Code, c.Name, c.Departement))
	}
	return strings.Join(out, ", ")
}

// nearestOther is the distance from c's centre to the nearest other
// commune's centre: a proxy for c's size.
func nearestOther(c *commune.Commune) float64 {
	best := math.Inf(1)
	for _, o := range commune.All() {
		if o == c || !o.HasCentre || o.IsArrondissement() || math.Abs(o.Lat-c.Lat) > 0.5 {
			continue
		}
		best = math.Min(best, commune.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon))
	}
	return best
}

func cellStr(v any) string {
	switch x := v.(type) {
	case string:
		if p := strings.ToUpper(strings.TrimSpace(x)); p == "MISSING" || p == "NULL" {
			return ""
		}
		return strings.TrimSpace(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

func num(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(x), ",", "."), 64)
		return f, err == nil
	}
	return 0, false
}
