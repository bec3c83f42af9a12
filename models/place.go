package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"carnet/models/commune"
	"carnet/models/editdist"
	"carnet/models/ident"
)

// Every address is read against the official commune reference
// (models/commune): the INSEE code is found from the postal code and the
// commune name when it is missing, the commune's official name replaces the
// spelling of the file (« MARSEILLE 2E ARRONDISSEMENT » → Marseille, INSEE
// 13202), and the département and time zone follow the resolved commune.
// When the readings of an address disagree (INSEE code, postal code and its
// département, commune name, coordinates), the commune most of them agree
// on is kept:
//
//   - API writes refuse the conflict with a 422 naming the fields
//     (checkPlaceChange), on creation and whenever a change touches the
//     address or the coordinates;
//   - imports and syncs keep the most consistent reading and say what they
//     corrected, one warning per conflict (ReconcileActorPlace).

// resolvePlace reads an address and coordinates against the reference.
func resolvePlace(a Address, lat, lon *float64) commune.Resolution {
	return resolvePlaceBy(commune.Resolve, a, lat, lon)
}

// resolvePlaceBy is resolvePlace with commune.Resolve or, where the
// reasons are not read, commune.ResolveCommune.
func resolvePlaceBy(resolve func(commune.Address) commune.Resolution, a Address, lat, lon *float64) commune.Resolution {
	if a.PostalCode == "" && a.Commune == "" && a.InseeCode == "" {
		return commune.Resolution{}
	}
	return resolve(commune.Address{PostalCode: a.PostalCode, Name: a.Commune, INSEE: a.InseeCode, Lat: lat, Lon: lon, Street: a.Street})
}

// applyResolution writes the resolved commune into the address: its INSEE
// code (the arrondissement's in Paris, Lyon and Marseille) and the official
// name of the commune (the city's: one name per commune in lists, facets
// and the diagnostic). Nothing changes when conflicts remain: the write is
// refused, or the caller reconciles first; nor when the commune rests on the
// coordinates alone (a doubt on the commune): imports and syncs reconcile
// it with a warning, API writes keep the address as written.
func (a *Address) applyResolution(r commune.Resolution) {
	if r.Commune == nil || len(r.Conflicts) > 0 || r.Doubted("commune") {
		return
	}
	a.InseeCode = r.Commune.Code
	a.Commune = r.City().Name
}

// readNamedPlace is what API writes (a direct edit, a suggestion) add to
// applyResolution: a commune name that names no commune (a quarter or a
// lieu-dit: « Gustavia », « Grand-Case », « Montfavet ») is read as the
// commune the other fields designate,
// its official name and INSEE code stored and answered, as syncs and
// imports read it (with a warning there). An API write kept the name as
// written without an INSEE code, and the place was in no commune, its
// territory, filters and diagnostic, where a sync of the same record read
// Saint-Barthélemy (97701). A commune chosen by the coordinates alone
// (commune.Resolution.ByPoint) is still kept as written; conflicts are
// still refused (checkActorPlace), and so is a commune named elsewhere
// beside a collectivity's only postal code (« Marigot », « Paris » with
// 97150: commune.Resolution.ElsewhereNamed, see placeFieldErrors).
func (a *Address) readNamedPlace(r commune.Resolution) {
	if r.Commune == nil || len(r.Conflicts) > 0 || r.ByPoint || r.ElsewhereNamed || !r.Doubted("commune") {
		return
	}
	a.InseeCode = r.Commune.Code
	a.Commune = r.City().Name
}

// departementOf is the département of an address: the resolved commune's,
// else what the INSEE code or the postal code say.
func departementOf(a Address, r commune.Resolution) string {
	if r.Commune != nil {
		return r.Commune.Departement
	}
	return a.departement()
}

// TimeZoneOf is the IANA zone in which a place's opening hours are meant:
// its commune's (French Polynesia spans three zones), else its
// département's.
func TimeZoneOf(insee, departement string) string {
	if c := commune.ByCode(insee); c != nil && c.TimeZone != "" {
		return c.TimeZone
	}
	return ident.TimeZoneForDepartement(departement)
}

// placeFieldErrors turns conflicts into the fields of a 422: the address's
// own fields under prefix, coordinates as latitude and longitude. A postal
// code the reference refutes (another commune's only, or the commune's
// INSEE code that no commune has for postal code, where the reference
// lists every code: PostalCodeRefuted) is refused too; other doubts are
// not.
//
// changed lists the readings the write changed (postal_code, commune,
// insee_code, coordinates), nil on creation: a conflict on a reading the
// write left as it was is the new reading's, and is reported under it (a
// merge patch sending a postal code alone was told its commune, which it
// did not send, was wrong).
func placeFieldErrors(fe *FieldErrors, prefix string, r commune.Resolution, changed []string) {
	conflicts := r.Conflicts
	if r.PostalCodeRefuted && !r.Conflicting("postal_code") {
		for _, d := range r.Doubts {
			if d.Field == "postal_code" {
				conflicts = append(slices.Clone(conflicts), d)
				break
			}
		}
	}
	if r.ElsewhereNamed && r.Commune != nil && !r.Conflicting("commune") {
		// A commune named elsewhere beside a collectivity's only code: the
		// client says which it means.
		for _, d := range r.Doubts {
			if d.Field == "commune" {
				reason, _, _ := strings.Cut(d.Reason, ": read as")
				city := r.City().Name
				conflicts = append(slices.Clone(conflicts), commune.Conflict{Field: "commune", Reason: fmt.Sprintf("%s: write %q as the commune if the place is there, or correct the postal code", reason, city)})
				break
			}
		}
	}
	seen := map[string]bool{}
	add := func(field, reason string) {
		name := prefix + "." + field
		if field == "coordinates" {
			name = "latitude"
		}
		if seen[name] {
			return
		}
		seen[name] = true
		if field == "coordinates" {
			fe.Add("latitude", reason)
			fe.Add("longitude", reason)
			return
		}
		fe.Add(name, reason)
	}
	for _, c := range conflicts {
		if changed == nil || slices.Contains(changed, c.Field) {
			add(c.Field, c.Reason)
			continue
		}
		for _, f := range changed {
			add(f, fmt.Sprintf("contradicts the %s, left as it was: %s", readingNames[c.Field], c.Reason))
		}
	}
}

// readingNames names an address's readings in messages.
var readingNames = map[string]string{"postal_code": "postal code", "commune": "commune", "insee_code": "INSEE code", "coordinates": "coordinates"}

// changedReadings lists the readings of an address a write changes; nil on
// creation (before is nil). An INSEE code the write dropped (rederive, or
// null) is no reading sent.
func changedReadings(before *Address, blat, blon *float64, a Address, lat, lon *float64) []string {
	if before == nil {
		return nil
	}
	out := []string{}
	if a.PostalCode != before.PostalCode {
		out = append(out, "postal_code")
	}
	if a.Commune != before.Commune {
		out = append(out, "commune")
	}
	if a.InseeCode != "" && a.InseeCode != before.InseeCode {
		out = append(out, "insee_code")
	}
	if !eqFloat(lat, blat) || !eqFloat(lon, blon) {
		out = append(out, "coordinates")
	}
	if len(out) == 0 {
		return nil // only the INSEE code dropped: every conflict is its own
	}
	return out
}

func samePlace(a, b Address, alat, alon, blat, blon *float64) bool {
	return a == b && eqFloat(alat, blat) && eqFloat(alon, blon)
}

func eqFloat(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// checkActorPlace refuses an actor whose address readings disagree, unless
// the change leaves the address and coordinates as they were (before is nil
// on creation): a record imported with a conflict it was warned about can
// still have its hours corrected.
func checkActorPlace(before, a *Actor) error {
	if before != nil && samePlace(before.Address, a.Address, before.Latitude, before.Longitude, a.Latitude, a.Longitude) {
		return nil
	}
	var fe FieldErrors
	var changed []string
	if before != nil {
		changed = changedReadings(&before.Address, before.Latitude, before.Longitude, a.Address, a.Latitude, a.Longitude)
	}
	placeFieldErrors(&fe, "address", resolvePlace(a.Address, a.Latitude, a.Longitude), changed)
	return fe.Err("The actor's address is inconsistent: its fields designate different communes.")
}

// checkServicePlace is checkActorPlace for a service's own address.
func checkServicePlace(before, s *Service) error {
	if s.Address.IsZero() || before != nil && samePlace(before.Address, s.Address, before.Latitude, before.Longitude, s.Latitude, s.Longitude) {
		return nil
	}
	var fe FieldErrors
	var changed []string
	if before != nil && !before.Address.IsZero() {
		changed = changedReadings(&before.Address, before.Latitude, before.Longitude, s.Address, s.Latitude, s.Longitude)
	}
	placeFieldErrors(&fe, "address", resolvePlace(s.Address, s.Latitude, s.Longitude), changed)
	return fe.Err("The service's address is inconsistent: its fields designate different communes.")
}

// PlaceWarning is what an import or a sync corrected in an address.
type PlaceWarning struct {
	Field  string // address.insee_code, address.postal_code, address.commune, latitude
	Value  string // as written
	Reason string
}

// ReconcileActorPlace keeps the most consistent reading of an actor's
// address, for imports and syncs, where a conflicting row is corrected
// rather than refused: a conflicting INSEE code is replaced by the resolved
// commune's, conflicting coordinates are dropped (they would place it in
// another commune on every map and distance), a commune name is replaced by
// the official one; a conflicting postal code is replaced by the commune's
// when it has only one, and otherwise kept (Carnet cannot know which of its
// codes is right) and reported. It returns one warning per conflict.
func ReconcileActorPlace(a *Actor) []PlaceWarning {
	if w, ok := normalizeAddress(&a.Address); ok {
		return append([]PlaceWarning{w}, ReconcileActorPlace(a)...)
	}
	if w, ok := nullPoint(&a.Latitude, &a.Longitude); ok {
		return append([]PlaceWarning{w}, ReconcileActorPlace(a)...)
	}
	if outOfRange(a.Latitude, a.Longitude) {
		return nil // left for Validate, which refuses it naming the field
	}
	r, ok := a.placeRead.of(a.Address, a.Latitude, a.Longitude)
	if !ok {
		r = resolvePlace(a.Address, a.Latitude, a.Longitude)
	}
	if w, r2, ok := pointNamedByPlace(a.Name, a.Address, a.Latitude, a.Longitude, r); ok {
		a.Address.Commune, a.Address.InseeCode = r2.City().Name, ""
		return append([]PlaceWarning{w}, reconcile(&a.Address, &a.Latitude, &a.Longitude, r2)...)
	}
	return reconcile(&a.Address, &a.Latitude, &a.Longitude, r)
}

// FormerCodeReading says how a former or delegated commune's code is read:
// as the code of the commune it was merged into or is delegated of (cur),
// which normalisation stores; reason is the sentence every path gives
// (the file import's row warning, the sync's record warning). ok is false
// for a code that is no former commune's.
func FormerCodeReading(code string) (cur *commune.Commune, reason string, ok bool) {
	c, former, found := commune.Get(code)
	if !found || !former || c == nil {
		return nil, "", false
	}
	was := code
	if name := commune.FormerName(code); name != "" {
		was += " (" + name + ")"
	}
	return c, fmt.Sprintf("former commune code %s is now %s (%s), the commune it was merged into or is delegated of: read as it", was, c.Code, c.Name), true
}

// formerCode says that code, sent, is a former or delegated commune's
// whose commune now is current, the code stored in its place: a sync
// replaced it without a word where a file import said it (the same words).
func formerCode(code, current string) (PlaceWarning, bool) {
	if code == "" || code == current {
		return PlaceWarning{}, false
	}
	cur, reason, ok := FormerCodeReading(code)
	if !ok || cur.Code != current {
		return PlaceWarning{}, false
	}
	return PlaceWarning{"address.insee_code", code, reason}, true
}

// normalizeAddress normalises the address, and says so when its postal
// code was read from another form than five digits (readPostalCode): a
// sync's result tells the partner what was stored, in the import's words.
func normalizeAddress(a *Address) (PlaceWarning, bool) {
	written, name := strings.TrimSpace(a.PostalCode), strings.TrimSpace(a.Commune)
	a.normalize()
	if a.PostalCode == written {
		return PlaceWarning{}, false
	}
	how := "read as postal code " + a.PostalCode
	if name == "" && a.Commune != "" {
		how += " and commune « " + a.Commune + " »"
	}
	return PlaceWarning{"address.postal_code", written, how}, true
}

// pointNamedByPlace settles an address whose point lies in another commune
// than its fields say (a conflict on the coordinates, which reconcile
// would drop) when the place's own name names the commune the point lies
// in: « Espace connecté de Boulouparis », written with Nouméa, the head
// office's commune, its postal code and INSEE code, and a point in
// Bouloupari. Two readings that owe nothing to each other, the point and
// the name, outweigh the fields copied from the head office: the address is
// read again with that commune as its name and without its INSEE code (the
// postal code is then corrected as any other), and the warning says so.
// The point's commune is the one whose centre is nearest, and the name
// must name it whole (its words in order, one slip allowed in a name of
// six letters or more), so that a point far out and a name naming some
// other place leave the conflict as it was.
func pointNamedByPlace(name string, a Address, lat, lon *float64, r commune.Resolution) (PlaceWarning, commune.Resolution, bool) {
	if r.Commune == nil || lat == nil || lon == nil || !r.Conflicting("coordinates") || strings.TrimSpace(name) == "" {
		return PlaceWarning{}, r, false
	}
	near, d := commune.Nearest(*lat, *lon, 200)
	if near != nil && near.IsArrondissement() {
		near = commune.ByCode(near.City)
	}
	if near == nil || near == r.City() || !namesCommune(name, near.Name) || postalConfirms(a.PostalCode, r.City(), near) {
		return PlaceWarning{}, r, false
	}
	b := a
	b.Commune, b.InseeCode = near.Name, ""
	r2 := resolvePlace(b, lat, lon)
	if r2.Commune == nil || r2.City() != near || r2.Conflicting("coordinates") || r2.Conflicting("commune") {
		return PlaceWarning{}, r, false
	}
	w := PlaceWarning{"address.commune", a.Commune, fmt.Sprintf(
		"%s; but the place's name « %s » names %s, where the point lies (%.1f km from its centre): the point is kept and the commune replaced by %s",
		conflictReason(r, "coordinates"), name, near.Name, d, near.Name)}
	if a.InseeCode != "" && a.InseeCode != near.Code {
		w.Reason += fmt.Sprintf(" (INSEE code %s replaced by %s)", a.InseeCode, near.Code)
	}
	return w, r2, true
}

// postalConfirms says whether the postal code written confirms the
// commune the fields read (city) against the one the point and the name
// designate (near): the reference lists every code of its département
// (commune.PostalCodesComplete), and the code serves city and not near.
// Then the fields are three readings that agree — commune, postal code
// and the street written with them — against a point and a word of the
// name that may be a brand's or a network's (« Boutique Orange Canebière »
// at 13001 Marseille, « Atelier Numérique de Paris » at 69003 Lyon): the
// point is the one in doubt. New Caledonia's 98800, listed for Nouméa
// alone though it serves other communes, confirms nothing.
func postalConfirms(pc string, city, near *commune.Commune) bool {
	pc = strings.TrimSpace(pc)
	if pc == "" || city == nil || !commune.PostalCodesComplete(commune.DepartementOfPostalCode(pc)) {
		return false
	}
	serves := false
	for _, c := range commune.ByPostalCode(pc) {
		switch {
		case c == near || c.IsArrondissement() && c.City == near.Code:
			return false
		case c == city || c.IsArrondissement() && c.City == city.Code:
			serves = true
		}
	}
	return serves
}

// namesCommune says whether a place's name names the commune: the
// commune's words (its article left out: « L'Île-des-Pins » is named
// « Île des Pins ») appear in the name in order, or one slip from it when
// they are six letters or more (« Boulouparis » for Bouloupari).
func namesCommune(place, communeName string) bool {
	cw := strings.Fields(commune.Key(communeName))
	if len(cw) > 1 && slices.Contains([]string{"l", "le", "la", "les"}, cw[0]) {
		cw = cw[1:]
	}
	want := strings.Join(cw, " ")
	if len(want) < 3 {
		return false
	}
	pw := strings.Fields(commune.Key(place))
	for i := 0; i+len(cw) <= len(pw); i++ {
		got := strings.Join(pw[i:i+len(cw)], " ")
		if got == want || len(want) >= 6 && editdist.Bounded(got, want, 1) <= 1 {
			return true
		}
	}
	return false
}

// placeRead is a resolution normalizePlace made and the address it read,
// which NormalizeChecked keeps for PrepareSyncBatch, the next step of an
// import (issue 11, item 6):
//   - a place read with no conflict and no doubt (settled) is not
//     reconciled nor normalised again: that would change nothing
//     (TestSettledPlaceFixedPoint);
//   - a place whose commune is in conflict or doubt is left as written by
//     normalizePlace, and reconciling it reads the same address, which the
//     commune memo has forgotten by then, after the other rows of the batch.
type placeRead struct {
	pc, name, insee string
	street          string // read for an arrondissement it names
	lat, lon        float64
	hasLat, hasLon  bool
	res             commune.Resolution
	set             bool
}

func readPlace(a Address, lat, lon *float64, r commune.Resolution) placeRead {
	p := placeRead{pc: a.PostalCode, name: a.Commune, insee: a.InseeCode, street: a.Street, res: r, set: true}
	if lat != nil {
		p.lat, p.hasLat = *lat, true
	}
	if lon != nil {
		p.lon, p.hasLon = *lon, true
	}
	return p
}

// settled: the commune was found with no conflict or doubt, and applied.
func (p placeRead) settled() bool {
	// A city's placeholder postal code is reconciled (placeholderPostalCode).
	return p.set && p.res.Commune != nil && len(p.res.Conflicts) == 0 && len(p.res.Doubts) == 0 && commune.PlaceholderCity(p.pc, p.res.Commune) == nil
}

// of is the resolution read when the address and coordinates are still
// the ones it read.
func (p placeRead) of(a Address, lat, lon *float64) (commune.Resolution, bool) {
	same := func(v float64, has bool, f *float64) bool { return has == (f != nil) && (f == nil || *f == v) }
	if !p.set || p.pc != a.PostalCode || p.name != a.Commune || p.insee != a.InseeCode || p.street != a.Street || !same(p.lat, p.hasLat, lat) || !same(p.lon, p.hasLon, lon) {
		return commune.Resolution{}, false
	}
	return p.res, true
}

// nullPoint drops 0,0, what a failed geocoder writes (never a place in
// France), as an import drops it: in a sync it rejected the whole record
// (checkCoordinates), while every other unusable point is dropped with a
// warning. API writes still refuse it.
func nullPoint(lat, lon **float64) (PlaceWarning, bool) {
	if *lat == nil || *lon == nil || **lat != 0 || **lon != 0 {
		return PlaceWarning{}, false
	}
	*lat, *lon = nil, nil
	return PlaceWarning{"latitude", "0,0", "0,0 is not a real location (what a geocoder writes when it found nothing); dropped"}, true
}

// outOfRange says whether a coordinate is no coordinate on Earth (a
// latitude beyond ±90, a longitude beyond ±180). A sync is an API write:
// such a value rejects the record, the field named, as a bad phone does —
// read as a point far from the address, it was dropped with a warning and
// the record stored (probe 38b L1). File imports drop it with a warning
// before the record gets here (opendata).
func outOfRange(lat, lon *float64) bool {
	return lat != nil && (*lat < -90 || *lat > 90) || lon != nil && (*lon < -180 || *lon > 180)
}

// pointWithoutAddress is the warning of a service's point dropped for want
// of its own address; pointWithoutAddressKey the same, in a sync record
// that left the address key out: that keeps a stored service's address and
// point (keepServiceFields), and the report said it was at its actor's
// place, which it was not.
const (
	pointWithoutAddress    = "a point without the service's own address locates nothing: dropped, the service is at its actor's place"
	pointWithoutAddressKey = "a point without the service's own address locates nothing: dropped; the address was not sent, so a stored service keeps its address and point, and a new one is at its actor's place"
)

// ReconcileServicePlace is ReconcileActorPlace for a service's own address.
func ReconcileServicePlace(s *Service) []PlaceWarning {
	if w, ok := nullPoint(&s.Latitude, &s.Longitude); ok {
		return append([]PlaceWarning{w}, ReconcileServicePlace(s)...)
	}
	if outOfRange(s.Latitude, s.Longitude) {
		return nil // left for Validate, which refuses it naming the field
	}
	w, read := normalizeAddress(&s.Address)
	if s.Address.IsZero() {
		if s.Latitude == nil && s.Longitude == nil {
			return nil
		}
		value := pointText(s.Latitude) + "," + pointText(s.Longitude)
		s.Latitude, s.Longitude = nil, nil
		return []PlaceWarning{{"latitude", value, pointWithoutAddress}}
	}
	if read {
		return append([]PlaceWarning{w}, reconcile(&s.Address, &s.Latitude, &s.Longitude, resolvePlace(s.Address, s.Latitude, s.Longitude))...)
	}
	return reconcile(&s.Address, &s.Latitude, &s.Longitude, resolvePlace(s.Address, s.Latitude, s.Longitude))
}

// pointText writes a coordinate as given, "" when absent.
func pointText(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// reconcile corrects the address by r, its resolution.
func reconcile(a *Address, lat, lon **float64, r commune.Resolution) []PlaceWarning {
	if r.Commune == nil && r.Conflicting("coordinates") && *lat != nil && *lon != nil {
		// The commune stays unknown, and the point is away from every
		// commune and département the address does tell (probe 37b H2):
		// dropped, as for a commune that resolves, before the address is
		// reported.
		w := PlaceWarning{"latitude", fmt.Sprintf("%v,%v", **lat, **lon), conflictReason(r, "coordinates") + "; dropped"}
		*lat, *lon = nil, nil
		return append([]PlaceWarning{w}, reconcile(a, lat, lon, resolvePlace(*a, nil, nil))...)
	}
	if r.Commune == nil {
		if a.InseeCode != "" && r.Conflicting("insee_code") {
			// An INSEE code of no commune, or of another commune than
			// the one named: never stored beside that name.
			w := PlaceWarning{"address.insee_code", a.InseeCode, conflictReason(r, "insee_code")}
			a.InseeCode = ""
			// Without it, the name and the postal code may tell the
			// commune (the normalisation that follows would store it).
			if r2 := resolvePlace(*a, *lat, *lon); r2.Commune != nil && len(r2.Conflicts) == 0 && !r2.Doubted("commune") {
				w.Reason += fmt.Sprintf("; replaced by %s, the INSEE code of %s, which the other fields designate", r2.Commune.Code, r2.City().Name)
				return append([]PlaceWarning{w}, reconcile(a, lat, lon, r2)...)
			}
			w.Reason += "; dropped"
			if a.Commune != "" {
				w.Reason += fmt.Sprintf(" (postal code %q and commune %q kept as written, without an INSEE code, please check them)", a.PostalCode, a.Commune)
			}
			return []PlaceWarning{w}
		}
		if a.PostalCode == "" && a.Commune == "" {
			return nil
		}
		if r.Conflicting("postal_code") {
			// A postal code of no département (commune.NotFrenchPostalCode):
			// the reason the commune could not be read, said under the
			// postal code (« 99999 » with « Paris » was only told that no
			// commune fitted).
			return []PlaceWarning{{"address.postal_code", a.PostalCode, fmt.Sprintf("%s; kept as written, with the commune %q and without an INSEE code: the place is in no commune until it is corrected, please check it", conflictReason(r, "postal_code"), a.Commune)}}
		}
		// Never silent: a place without a commune is missing from every
		// territory, filter and diagnostic. The warning says what is
		// stored: an INSEE code the name does not contradict is kept.
		why := "no commune of the reference fits the postal code and the commune's name"
		if len(r.Notes) > 0 {
			why = strings.Join(r.Notes, "; ")
		}
		stored := "without an INSEE code"
		if c := commune.ByCode(a.InseeCode); c != nil {
			stored = fmt.Sprintf("with the INSEE code %s (%s)", a.InseeCode, c.Name)
		}
		return []PlaceWarning{{"address.commune", a.Commune, fmt.Sprintf("postal code %q and commune %q: %s; kept as written, %s, please check them", a.PostalCode, a.Commune, why, stored)}}
	}
	var out []PlaceWarning
	// Doubts do not outweigh the commune; the postal code is corrected when
	// the commune has only one, the rest kept and reported.
	for _, c := range r.Doubts {
		switch c.Field {
		case "commune":
			out = append(out, PlaceWarning{"address.commune", a.Commune, c.Reason + "; replaced by " + r.City().Name})
		case "postal_code":
			out = append(out, fixPostalCode(a, r, c.Reason))
		case "coordinates":
			out = append(out, PlaceWarning{"latitude", fmt.Sprintf("%v,%v", **lat, **lon), c.Reason + "; kept, please check them"})
		}
	}
	for _, c := range r.Conflicts {
		switch c.Field {
		case "insee_code":
			out = append(out, PlaceWarning{"address.insee_code", a.InseeCode, c.Reason + "; replaced by " + r.Commune.Code})
		case "commune":
			out = append(out, PlaceWarning{"address.commune", a.Commune, c.Reason + "; replaced by " + r.City().Name})
		case "postal_code":
			out = append(out, fixPostalCode(a, r, c.Reason))
		case "coordinates":
			if r.Swapped {
				// As the import reads a pair in the other order when only
				// that order is in France: the point is the place's, in
				// GeoJSON's order (longitude first).
				out = append(out, PlaceWarning{"latitude", fmt.Sprintf("%v,%v", **lat, **lon), c.Reason + "; read swapped"})
				*lat, *lon = *lon, *lat
				continue
			}
			out = append(out, PlaceWarning{"latitude", fmt.Sprintf("%v,%v", **lat, **lon), c.Reason + "; dropped"})
			*lat, *lon = nil, nil
		}
	}
	if w, ok := formerCode(a.InseeCode, r.Commune.Code); ok && !r.Conflicting("insee_code") {
		out = append(out, w)
	}
	a.InseeCode = r.Commune.Code
	a.Commune = r.City().Name
	if w, ok := placeholderPostalCode(a, r.Commune); ok {
		out = append(out, w)
	}
	return out
}

// placeholderPostalCode reads the postal code a city of arrondissements
// has none of, written for the whole city (« 13000 Marseille », « 75000
// Paris », « 69000 Lyon »): no commune lists it, so it was no doubt, and
// the place was kept with it without a word, found by no search of its
// arrondissement's postal code (probe 37b M3). When the arrondissement is
// known (from the point or the address) and has one code, the code becomes
// its own; otherwise it is kept. Either way the warning says so. c is the
// resolved commune, its code and city name already in a.
func placeholderPostalCode(a *Address, c *commune.Commune) (PlaceWarning, bool) {
	pc := a.PostalCode
	city := commune.PlaceholderCity(pc, c)
	if city == nil {
		return PlaceWarning{}, false
	}
	why := fmt.Sprintf("%s is the postal code of no commune: each arrondissement of %s has its own", pc, city.Name)
	switch {
	case c.IsArrondissement() && len(c.PostalCodes) == 1:
		a.PostalCode = c.PostalCodes[0]
		return PlaceWarning{"address.postal_code", pc, fmt.Sprintf("%s; replaced by %s, the postal code of %s, where the place is", why, a.PostalCode, c.Name)}, true
	case c.IsArrondissement():
		why += fmt.Sprintf(", and %s has several (%s)", c.Name, strings.Join(c.PostalCodes, ", "))
	default:
		why += ", and nothing in the row tells which (no point, no arrondissement in the address)"
	}
	return PlaceWarning{"address.postal_code", pc, why + "; kept, but a search by postal code does not find the place: please give its arrondissement's"}, true
}

// checkPlace is what API writes run on top of Validate: the record's own
// invariants and the consistency of its address, reported together in one
// 422. rederive has already dropped an INSEE code the change made stale.
func checkPlace(valid, place error) error {
	if valid == nil {
		return place
	}
	ve, ok1 := valid.(*Error)
	pe, ok2 := place.(*Error)
	if ok1 && ok2 && ve.Code == EINVALID && pe.Code == EINVALID {
		for _, f := range pe.Fields {
			(*FieldErrors)(&ve.Fields).Add(f.Field, f.Reason)
		}
	}
	return valid
}

// rederive drops the INSEE code a change left behind: a merge patch that
// moves the address (a new postal code or commune) without giving a code
// re-resolves the commune rather than keeping the old one.
func rederive(before, after *Address) {
	if after.InseeCode == before.InseeCode && before.InseeCode != "" &&
		(after.PostalCode != before.PostalCode || after.Commune != before.Commune) {
		after.InseeCode = ""
	}
}

// strictActor checks an actor about to be written through the API (a direct
// edit or an accepted suggestion); before is nil on creation.
func (s *Store) strictActor(before, a *Actor) error {
	if before != nil {
		rederive(&before.Address, &a.Address)
	}
	// In the order the write itself takes: a closure cancelled goes, an
	// announced one is kept.
	cancelClosure(before, a)
	a.scheduleClosure(before, s.now())
	a.Normalize()
	if before == nil || !samePlace(before.Address, a.Address, before.Latitude, before.Longitude, a.Latitude, a.Longitude) {
		a.Address.readNamedPlace(resolvePlace(a.Address, a.Latitude, a.Longitude))
	}
	return checkPlace(a.validateChange(before), checkActorPlace(before, a))
}

// strictService is strictActor for a service.
func strictService(before, sv *Service) error {
	if before != nil {
		rederive(&before.Address, &sv.Address)
	}
	sv.Normalize()
	if !sv.Address.IsZero() && (before == nil || !samePlace(before.Address, sv.Address, before.Latitude, before.Longitude, sv.Latitude, sv.Longitude)) {
		sv.Address.readNamedPlace(resolvePlace(sv.Address, sv.Latitude, sv.Longitude))
	}
	return checkPlace(sv.validateChange(before), checkServicePlace(before, sv))
}

// CheckActorChange runs on after, the actor before as a change would leave
// it, the checks a direct write runs on it before saving (the record's
// rules, the address's consistency, the producer's date), and normalises
// it as that write does. A suggestion is checked with it when it is made,
// so that a change refused directly (422) is not accepted as a suggestion
// that could only ever answer 409 « no longer applies » to its moderator.
func (s *Store) CheckActorChange(before, after *Actor) error {
	if err := s.strictActor(before, after); err != nil {
		return err
	}
	return CheckProducerDate(before, after, s.now())
}

// CheckServiceChange is CheckActorChange for a service.
func CheckServiceChange(before, after *Service) error {
	return strictService(before, after)
}

// ChangesNothing says whether after, a record as a change would leave
// before (both normalised, as Check*Change leaves them), holds the same
// values in every field the history records: such a change, accepted,
// wrote a new version, a history entry without a change, a feed entry and
// a webhook, and told its author and moderator something was applied.
func ChangesNothing(before, after any) bool {
	return len(diffFields(before, after)) == 0
}

// errChangesNothing is the answer to accepting a suggestion that leaves
// the current record as it is (its values already there, or dropped by
// the record's rules): nothing is written.
var errChangesNothing = &Error{Code: ECONFLICT, Message: "The suggestion changes nothing on the current record; reject it."}

func placeWarnings(ws []PlaceWarning) []FieldError {
	if len(ws) == 0 {
		return nil
	}
	// Sized once, and strconv.Quote for fmt's %q (the same text): grown
	// by append and formatted, 4 % of a first import's allocations
	// (issue 11, item 6).
	out := make([]FieldError, 0, len(ws))
	for _, w := range ws {
		v := clip(w.Value)
		out = append(out, FieldError{Field: w.Field, Reason: strconv.Quote(v) + ": " + w.Reason, Value: v})
	}
	return out
}

// ResolvePlaces re-reads every live actor's and service's address against
// the commune reference and saves those it corrects (with a change-log
// entry, so that followers of the feed get the resolved commune), the way
// an import would: rows written before Carnet had the reference, or with an
// older one. Open runs it once per reference version. It returns the number
// of rows changed.
func (s *Store) ResolvePlaces(ctx context.Context) (int, error) {
	ctx = WithChannel(ctx, ChannelSystem)
	changed := 0
	for _, entity := range []string{EntityActor, EntityService} {
		last := ""
		for {
			var ids []string
			q := s.read(ctx).Table(entity+"s").Where("archived_at IS NULL AND id > ?", last).Order("id").Limit(500)
			if err := q.Pluck("id", &ids).Error; err != nil {
				return changed, dbError(err)
			}
			if len(ids) == 0 {
				break
			}
			last = ids[len(ids)-1]
			err := s.write(ctx, func(tx *gorm.DB) error {
				for _, id := range ids {
					n, err := s.resolveOne(tx, entity, id)
					if err != nil {
						return err
					}
					changed += n
				}
				return nil
			})
			if err != nil {
				return changed, err
			}
		}
	}
	return changed, nil
}

func (s *Store) resolveOne(tx *gorm.DB, entity, id string) (int, error) {
	if entity == EntityActor {
		var before Actor
		if err := tx.Take(&before, "id = ?", id).Error; err != nil {
			return 0, dbError(err)
		}
		a := before
		ReconcileActorPlace(&a)
		a.Normalize()
		if samePlace(a.Address, before.Address, a.Latitude, a.Longitude, before.Latitude, before.Longitude) && a.Departement == before.Departement {
			return 0, nil
		}
		if err := s.saveActor(tx, &before, &a); err != nil {
			// A row that no longer validates for another reason keeps
			// its address as it was; its next edit will say why.
			s.log.Warn("commune resolution skipped an actor", "id", id, "error", err)
			return 0, nil
		}
		return 1, nil
	}
	var before Service
	if err := tx.Take(&before, "id = ?", id).Error; err != nil {
		return 0, dbError(err)
	}
	if before.Address.IsZero() {
		return 0, nil
	}
	sv := before
	ReconcileServicePlace(&sv)
	sv.Normalize()
	if samePlace(sv.Address, before.Address, sv.Latitude, sv.Longitude, before.Latitude, before.Longitude) {
		return 0, nil
	}
	if err := s.saveService(tx, &before, &sv); err != nil {
		s.log.Warn("commune resolution skipped a service", "id", id, "error", err)
		return 0, nil
	}
	return 1, nil
}

// resolvePlacesOnce runs ResolvePlaces when the stored rows were resolved
// with another reference version (or never).
func (s *Store) resolvePlacesOnce(ctx context.Context) error {
	var stored []string
	if err := s.w.WithContext(ctx).Table("reference_versions").Where("name = ?", "communes").Pluck("version", &stored).Error; err != nil {
		return dbError(err)
	}
	if len(stored) == 1 && stored[0] == commune.Version {
		return nil
	}
	start := time.Now()
	n, err := s.ResolvePlaces(ctx)
	if err != nil {
		return err
	}
	s.log.Info("addresses resolved against the commune reference", "version", commune.Version, "changed", n, "took", time.Since(start).String())
	return s.w.WithContext(ctx).Exec("INSERT INTO reference_versions (name, version) VALUES ('communes', ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version", commune.Version).Error
}

// fixPostalCode answers a postal code that is not the commune's: a commune
// with one postal code gives the right one; otherwise Carnet cannot tell
// which and keeps the code as written.
func fixPostalCode(a *Address, r commune.Resolution, reason string) PlaceWarning {
	// An arrondissement's own code when it has one (75019 for Paris 19e),
	// else the commune's.
	city := r.Commune
	if len(city.PostalCodes) != 1 {
		city = r.City()
	}
	if len(city.PostalCodes) == 1 {
		w := PlaceWarning{"address.postal_code", a.PostalCode, fmt.Sprintf("%s; replaced by %s", reason, city.PostalCodes[0])}
		a.PostalCode = city.PostalCodes[0]
		return w
	}
	return PlaceWarning{"address.postal_code", a.PostalCode, reason + "; kept as written, please check it"}
}

// conflictReason is the reason of r's first conflict on field.
func conflictReason(r commune.Resolution, field string) string {
	for _, c := range r.Conflicts {
		if c.Field == field {
			return c.Reason
		}
	}
	return ""
}
