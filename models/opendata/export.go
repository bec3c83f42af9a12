package opendata

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"carnet/models"
	"carnet/models/ident"
	"carnet/models/vocab"
)

// Export formats, as named in GET /api/v1/exports/{format}.
const (
	ExportStandardCSV             = "standard-csv"
	ExportStandardJSON            = "standard-json"
	ExportGeoJSON                 = "geojson"
	ExportDataInclusionStructures = "data-inclusion-structures"
	ExportDataInclusionServices   = "data-inclusion-services"
	ExportQualityCSV              = "quality-csv"
	standardVersion               = "v1.0.2"
	dataInclusionVersion          = "v1.0.8"
	dataInclusionSource           = "carnet"
)

// ExportFormat describes one export.
type ExportFormat struct {
	Name        string
	ContentType string
	Filename    string
	Description string
	// Daily says the content also depends on the day (freshness and
	// quality scores), not only on the directory's last change.
	Daily bool
}

// ExportFormats lists the exports in a stable order.
var ExportFormats = []ExportFormat{
	{ExportStandardCSV, "text/csv; charset=utf-8", "lieux-de-mediation-numerique.v1.0.2.csv", "National standard « lieux de médiation numérique » v1.0.2, CSV with the schema's 32 columns, multi-valued cells joined with |", false},
	{ExportStandardJSON, "application/json; charset=utf-8", "lieux-de-mediation-numerique.v1.0.2.json", "The same places as a JSON array, multi-valued fields as arrays (the Cartographie nationale's profile)", false},
	{ExportGeoJSON, "application/geo+json", "lieux-de-mediation-numerique.geojson", "GeoJSON FeatureCollection of actors with their services' themes, provenance and quality score", true},
	{ExportDataInclusionStructures, "application/json; charset=utf-8", "data-inclusion.structures.v1.json", "data·inclusion v1 structures", false},
	{ExportDataInclusionServices, "application/json; charset=utf-8", "data-inclusion.services.v1.json", "data·inclusion v1 services", false},
	{ExportQualityCSV, "text/csv; charset=utf-8", "qualite-des-lieux.csv", "One row per place: provenance (producer, its id and date), the day it was last checked, its quality score and the criteria it misses", true},
}

// LookupFormat returns the export format with name.
func LookupFormat(name string) (ExportFormat, bool) {
	for _, f := range ExportFormats {
		if f.Name == name {
			return f, true
		}
	}
	return ExportFormat{}, false
}

// Writer writes an export one place at a time.
type Writer interface {
	// Place writes one actor with its published services.
	Place(a *models.Actor, services []models.Service) error
	// Close ends the document and flushes it (it does not close the
	// underlying writer).
	Close() error
}

// NewWriter returns a writer of the named format on w, for the directory
// in the state st (see models.ExportState).
func NewWriter(format string, w io.Writer, st models.ExportState) (Writer, error) {
	bw := bufio.NewWriterSize(w, 32<<10)
	if st.Now.IsZero() {
		st.Now = time.Now()
	}
	switch format {
	case ExportStandardCSV:
		c := csv.NewWriter(bw)
		if err := c.Write(Columns); err != nil {
			return nil, err
		}
		return &csvWriter{c: c, bw: bw, row: func(a *models.Actor, s []models.Service, row []string) []string { return standardRow(a, s, st, row) }}, nil
	case ExportQualityCSV:
		c := csv.NewWriter(bw)
		if err := c.Write(qualityColumns); err != nil {
			return nil, err
		}
		return &csvWriter{c: c, bw: bw, row: func(a *models.Actor, _ []models.Service, row []string) []string { return qualityRow(a, st, row) }}, nil
	case ExportStandardJSON:
		return &jsonArrayWriter{bw: bw, item: func(a *models.Actor, s []models.Service) []any { return []any{standardJSON(a, s, st)} }}, nil
	case ExportGeoJSON:
		return &jsonArrayWriter{bw: bw, open: "{\"type\":\"FeatureCollection\",\"features\":[\n", close: "]}\n",
			item: func(a *models.Actor, s []models.Service) []any { return []any{geoFeature(a, s, st)} }}, nil
	case ExportDataInclusionStructures:
		return &jsonArrayWriter{bw: bw, item: func(a *models.Actor, s []models.Service) []any { return []any{diStructure(a, s)} }}, nil
	case ExportDataInclusionServices:
		return &jsonArrayWriter{bw: bw, item: func(a *models.Actor, s []models.Service) []any {
			out := make([]any, len(s))
			for i := range s {
				out[i] = diService(a, &s[i])
			}
			return out
		}}, nil
	}
	return nil, fmt.Errorf("unknown export format %q", format)
}

type csvWriter struct {
	c      *csv.Writer
	bw     *bufio.Writer
	row    func(a *models.Actor, s []models.Service, row []string) []string
	buffer []string
}

func (w *csvWriter) Place(a *models.Actor, s []models.Service) error {
	w.buffer = w.row(a, s, w.buffer[:0])
	return w.c.Write(w.buffer)
}

func (w *csvWriter) Close() error {
	w.c.Flush()
	if err := w.c.Error(); err != nil {
		return err
	}
	return w.bw.Flush()
}

// jsonArrayWriter writes one JSON value per item between open and close.
type jsonArrayWriter struct {
	bw          *bufio.Writer
	open, close string
	item        func(*models.Actor, []models.Service) []any
	n           int
	enc         *json.Encoder
}

func (w *jsonArrayWriter) Place(a *models.Actor, s []models.Service) error {
	if w.enc == nil {
		w.start()
	}
	for _, v := range w.item(a, s) {
		sep := ","
		if w.n == 0 {
			sep = ""
		}
		w.n++
		if _, err := w.bw.WriteString(sep); err != nil {
			return err
		}
		if err := w.enc.Encode(v); err != nil {
			return err
		}
		// Encode ends with a newline: drop it for a tidy array.
	}
	return nil
}

func (w *jsonArrayWriter) start() {
	if w.open == "" {
		w.open, w.close = "[\n", "]\n"
	}
	w.bw.WriteString(w.open)
	w.enc = json.NewEncoder(w.bw)
	w.enc.SetEscapeHTML(false)
}

func (w *jsonArrayWriter) Close() error {
	if w.enc == nil {
		w.start()
	}
	w.bw.WriteString(w.close)
	return w.bw.Flush()
}

// offer is the union of a place's published services, as the standard's
// single row sees it.
type offer struct {
	themes, publics, support, fees, access, accompaniment []string
	booking                                               string
	updated                                               time.Time
}

func offerOf(a *models.Actor, services []models.Service) offer {
	var o offer
	o.updated = a.PublicUpdatedAt // exports show public contacts only: a change of hidden ones is not theirs to date
	var themes, publics, support, fees, access, accomp []string
	for i := range services {
		s := &services[i]
		themes = append(themes, s.Themes...)
		publics = append(publics, s.Publics...)
		support = append(support, s.SpecificSupport...)
		fees = append(fees, s.Fees...)
		access = append(access, s.AccessModes...)
		accomp = append(accomp, s.AccompanimentModes...)
		if o.booking == "" {
			o.booking = s.BookingURL
		}
		if s.UpdatedAt.After(o.updated) {
			o.updated = s.UpdatedAt
		}
	}
	o.themes = union(vocab.NameThemes, themes)
	o.publics = union(vocab.NamePublics, publics)
	o.support = union(vocab.NameSpecificSupport, support)
	o.fees = union(vocab.NameFees, fees)
	o.access = union(vocab.NameAccessModes, access)
	o.accompaniment = union(vocab.NameAccompanimentModes, accomp)
	if a.BookingURL != "" {
		o.booking = a.BookingURL
	}
	return o
}

// standardFields returns the place's values by column: strings, or string
// slices for multi-valued columns, or float64 for coordinates; empty values
// are absent.
func standardFields(a *models.Actor, services []models.Service, st models.ExportState) map[string]any {
	o := offerOf(a, services)
	m := map[string]any{
		"id":          PublicID(a, st),
		"pivot":       ident.Pivot{Kind: ident.Kind(a.PivotKind), Value: a.Pivot}.Export(),
		"nom":         a.Name,
		"commune":     a.Address.Commune,
		"code_postal": a.Address.PostalCode,
		"adresse":     a.Address.Street,
		"source":      producerOf(a),
		"date_maj":    standardDate(a, o),
	}
	if a.Pivot == "" {
		m["pivot"] = ident.Placeholder
	}
	set := func(k string, v string) {
		if v != "" {
			m[k] = v
		}
	}
	setList := func(k string, v []string) {
		if len(v) > 0 {
			m[k] = slices.Clone(v)
		}
	}
	set("code_insee", a.Address.InseeCode)
	set("complement_adresse", a.Address.Complement)
	if a.Latitude != nil && a.Longitude != nil {
		m["latitude"], m["longitude"] = *a.Latitude, *a.Longitude
	}
	setList("typologie", a.Typologies)
	if a.ContactPublic {
		if len(a.Phones) > 0 {
			// The schema's pattern takes one number.
			m["telephone"] = a.Phones[0]
		}
		setList("courriels", a.Emails)
	}
	setList("site_web", a.Websites)
	set("horaires", a.OpeningHours)
	set("presentation_resume", a.Summary)
	set("presentation_detail", a.Description)
	setList("itinerance", a.Mobility)
	if a.ParentID != nil {
		m["structure_parente"] = *a.ParentID
	}
	setList("services", o.themes)
	setList("publics_specifiquement_adresses", o.publics)
	setList("prise_en_charge_specifique", o.support)
	setList("frais_a_charge", o.fees)
	setList("dispositif_programmes_nationaux", a.NationalProgrammes)
	setList("formations_labels", a.TrainingLabels)
	set("autres_formations_labels", a.OtherLabels)
	setList("modalites_acces", o.access)
	setList("modalites_accompagnement", o.accompaniment)
	set("fiche_acces_libre", a.AcceslibreURL)
	set("prise_rdv", o.booking)
	return m
}

// PublicID is the id an export gives a place: its producer's id (the
// source_id), so that a reuser can trace the record back and a round trip
// keeps its key; Carnet's id when it has none (written in Carnet) or when
// another published place that came first carries the same source id
// (see models.ExportState.SourceIDHolders): ids stay unique in a file, and
// a place keeps its id when another source publishes the same one later.
// An import of the export into the place's own source finds it again under
// Carnet's id (see the importer's carnetIDs).
func PublicID(a *models.Actor, st models.ExportState) string {
	if a.SourceID == "" {
		return a.ID
	}
	if holder, shared := st.SourceIDHolders[a.SourceID]; shared && holder != a.ID {
		return a.ID
	}
	return a.SourceID
}

// producerOf is the standard's source column: who produced the record.
func producerOf(a *models.Actor) string {
	switch {
	case a.Producer != "":
		return a.Producer
	case a.Source != "":
		return a.Source
	}
	return models.CarnetProducer
}

// UnknownDate is the date_maj written for a place nobody is known to have
// checked (models.Actor.CheckedOnUndated: its producer gave no date). The
// standard requires a date and has no way to say « unknown »; this is the
// zero date producers' tools already write for none, which Carnet's import
// reads as no date (before models.ProducerDateFloor) and any reuser reads
// as checked long ago. The day of the import, written before, made an
// export imported elsewhere say the place was checked that day.
const UnknownDate = "1970-01-01"

// standardDate is the date_maj of the standard and data·inclusion: the
// date the record's source (its source column, producerOf) last updated or
// checked it. For a record of an outside producer that is the producer's
// own date (producer_updated_on), even when the place was changed in
// Carnet since: Carnet's day of that change beside the producer's name
// told reusers that the producer checked the place that day (probe 40b
// M2). When that producer gave no date, UnknownDate. A record produced in
// Carnet writes checkedOn: the day its structure last changed it.
func standardDate(a *models.Actor, o offer) string {
	if producerOf(a) != models.CarnetProducer {
		if a.ProducerUpdatedOn != "" {
			return a.ProducerUpdatedOn
		}
		return UnknownDate
	}
	if a.CheckedOnUndated {
		return UnknownDate
	}
	return checkedOn(a, o)
}

// checkedOn is the day the record was last known correct (the producer's
// date, or the day a person changed it in Carnet); the day of its import
// when its producer gave no date (CheckedOnUndated; such a place is not
// fresh, see models.QualityOf).
func checkedOn(a *models.Actor, o offer) string {
	if a.CheckedOn != "" {
		return a.CheckedOn
	}
	return o.updated.UTC().Format(time.DateOnly)
}

// structured are the columns whose value is checked against a format that
// may legitimately start like a formula: a phone in E.164 starts with +.
// Every other cell is protected by FormulaSafe: names and presentations,
// but also what a writer fills freely without it being seen as text — a
// producer's name (the source column), a partner's own id (the id column).
var structured = map[string]bool{"telephone": true}

// isFormulaStart reports whether a cell starting with c is read as a
// formula by spreadsheet software (OWASP's CSV injection list; tab and
// carriage return are refused by validation and stripped on export).
func isFormulaStart(c byte) bool { return c == '=' || c == '+' || c == '-' || c == '@' }

// formulaLike reports whether v starts like a formula after any leading
// apostrophes: the cells FormulaSafe writes after one more apostrophe,
// and the import reads without one. Counting the apostrophes already
// there keeps the round trip exact for a text that starts with its own
// (« '=1+1 lieu » typed through the API came back « =1+1 lieu »).
func formulaLike(v string) bool {
	v = strings.TrimLeft(v, "'")
	return v != "" && isFormulaStart(v[0])
}

// FormulaSafe protects people who open the CSV export in a spreadsheet: a
// cell starting with =, +, - or @ (a formula such as =HYPERLINK(...) or a
// DDE call written into a name, a producer or an id), after any
// apostrophes of its own (formulaLike), gets a leading apostrophe, so that it shows as the text it is. Structured columns
// (phones in E.164 start with +) are never changed; Carnet's importer
// removes the apostrophe, so an export imported again round-trips. Control
// and text-direction characters are removed from every cell, whatever was
// stored before validation refused them.
func FormulaSafe(column, v string) string {
	v = models.StripBadText(v)
	if !structured[column] && formulaLike(v) {
		return "'" + v
	}
	return v
}

// maxLength are the standard's length limits (schema v1.0.2), which count
// the cell as written, apostrophe included.
var maxLength = map[string]int{"presentation_resume": maxSummaryLength}

// csvCell is a cell of the standard CSV export: FormulaSafe, and within
// the column's maxLength. WHY: the apostrophe FormulaSafe adds is a
// character of the cell for every reader of the standard (only Carnet's
// importer removes it), so a summary of 280 characters starting with
// « - » (a list, as many producers write theirs) would be written with
// 281 and fail the schema. The import cuts such a summary one character
// shorter (presentation); one stored otherwise (written before, or
// through the API, whose limit is the standard's 280) is cut at a word
// here, the export being the standard's before it is Carnet's round trip.
func csvCell(column, v string) string {
	s := FormulaSafe(column, v)
	// Every cell of every exported row comes here: only a limited
	// column's runes are counted.
	max, limited := maxLength[column]
	if !limited {
		return s
	}
	if over := utf8.RuneCountInString(s) - max; over > 0 {
		s = FormulaSafe(column, cutWords(v, utf8.RuneCountInString(v)-over))
	}
	return s
}

// StandardRow returns the place as a CSV row of the standard v1.0.2, in
// Columns order, appending to row.
func StandardRow(a *models.Actor, services []models.Service, row []string) []string {
	return standardRow(a, services, models.ExportState{}, row)
}

func standardRow(a *models.Actor, services []models.Service, st models.ExportState, row []string) []string {
	m := standardFields(a, services, st)
	for _, c := range Columns {
		switch v := m[c].(type) {
		case string:
			row = append(row, csvCell(c, v))
		case []string:
			row = append(row, csvCell(c, strings.Join(v, "|")))
		case float64:
			row = append(row, strconv.FormatFloat(v, 'f', -1, 64))
		default:
			row = append(row, "")
		}
	}
	return row
}

// orderedObject marshals keys in a fixed order: the standard's column order
// reads better than Go's sorted map keys.
type orderedObject struct {
	keys []string
	m    map[string]any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	// One encoder for every value: no HTML escaping, as in the API.
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	first := true
	for _, k := range o.keys {
		v, ok := o.m[k]
		if !ok {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		if err := enc.Encode(k); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteByte(':')
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func standardJSON(a *models.Actor, services []models.Service, st models.ExportState) orderedObject {
	return orderedObject{keys: Columns, m: standardFields(a, services, st)}
}

// qualityColumns are the columns of the quality export.
var qualityColumns = []string{"id", "carnet_id", "source", "source_id", "producer", "producer_updated_on", "nom", "commune",
	"code_postal", "departement", "checked_on", "stale", "quality_score", "missing"}

func qualityRow(a *models.Actor, st models.ExportState, row []string) []string {
	q := models.QualityOf(a, st.Now)
	text := func(v string) string { return FormulaSafe("nom", v) } // written by producers: protected like names
	return append(row, text(PublicID(a, st)), a.ID, text(a.Source), text(a.SourceID), text(producerOf(a)), a.ProducerUpdatedOn,
		text(a.Name), text(a.Address.Commune), a.Address.PostalCode, a.Departement, a.CheckedOn, strconv.FormatBool(q.Stale),
		strconv.FormatFloat(q.Score, 'f', 2, 64), strings.Join(q.Missing, "|"))
}

// Export writes the published directory of store in format to w, streaming:
// memory stays constant whatever the number of places. begin (optional)
// receives the directory's state before anything is written and may stop
// the export (ok false) without error.
func Export(ctx context.Context, store *models.Store, format string, w io.Writer, begin func(models.ExportState) (bool, error)) error {
	if _, ok := LookupFormat(format); !ok {
		return fmt.Errorf("unknown export format %q", format)
	}
	var wr Writer
	err := store.ExportPlaces(ctx, func(st models.ExportState) (bool, error) {
		if begin != nil {
			if ok, err := begin(st); err != nil || !ok {
				return false, err
			}
		}
		var err error
		wr, err = NewWriter(format, w, st)
		return err == nil, err
	}, func(a *models.Actor, services []models.Service) error {
		// A temporary closure counts between its dates: the export shows
		// each place's status of the day it is made.
		now := store.Now()
		a.Status = a.StatusAt(now)
		if !carriesClosures[format] {
			closeHours(a, services, models.PlaceDate(now, a.Address.InseeCode, a.Departement))
		}
		if !placesElsewhere[format] {
			return wr.Place(a, services)
		}
		home, away := splitElsewhere(services)
		if err := wr.Place(a, home); err != nil {
			return err
		}
		for i := range away {
			if err := wr.Place(placeOfService(a, &away[i]), away[i:i+1]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || wr == nil {
		return err
	}
	return wr.Close()
}

// carriesClosures are the formats with fields for a temporary closure
// (GeoJSON's closed_from, closed_until; the quality export has no hours).
// The standard and data·inclusion have none: their hours say it.
var carriesClosures = map[string]bool{ExportGeoJSON: true, ExportQualityCSV: true}

// closeHours ends the opening hours of a (and its services' own) with an
// OSM rule closing the days of its temporary closure, current or announced
// (« Mo-Sa 09:00-19:00; Dec 01-10 off »): a file without a closure field
// then never says the place open during it, and an import keeps the rule.
// OSM's dates have no years in what Carnet reads, so the rule recurs each
// year on those days: the file is a snapshot of the day it is made.
func closeHours(a *models.Actor, services []models.Service, today string) {
	rule := closureRule(a, today)
	if rule == "" {
		return
	}
	with := func(hours string) string {
		if hours == "" {
			return rule
		}
		return hours + "; " + rule
	}
	a.OpeningHours = with(a.OpeningHours)
	for i := range services {
		if services[i].OpeningHours != "" {
			services[i].OpeningHours = with(services[i].OpeningHours)
		}
	}
}

// closureRule is the OSM rule of a's temporary closure seen on today: ""
// without one, once it ended, or when it begins more than a year ahead (a
// yearless rule would close this year's days too); "off" (every day) when
// it has begun with no reopening date or lasts a year or more; otherwise
// its first to last day (« Dec 28-Jan 05 off »), an announced one without
// a reopening date to the end of its year.
func closureRule(a *models.Actor, today string) string {
	if a.ClosedFrom == "" || a.Status == vocab.ActorClosed || (a.ClosedUntil != "" && a.ClosedUntil < today) {
		return ""
	}
	from, err := time.Parse(time.DateOnly, a.ClosedFrom)
	if err != nil {
		return ""
	}
	now, _ := time.Parse(time.DateOnly, today)
	until, err := time.Parse(time.DateOnly, a.ClosedUntil)
	switch {
	case from.After(now.AddDate(1, 0, 0)):
		return ""
	case err != nil && !from.After(now):
		return "off"
	case err != nil:
		until = time.Date(from.Year(), time.December, 31, 0, 0, 0, 0, time.UTC)
	case !until.Before(from.AddDate(1, 0, -1)):
		return "off"
	}
	return from.Format("Jan 02") + "-" + until.Format("Jan 02") + " off"
}

// placesElsewhere are the formats of one record per place, whose place is
// a point with hours (the standard's row, GeoJSON's feature): a service
// held elsewhere than its structure is another place there. HSDS and
// data·inclusion's services give each service its own location already.
var placesElsewhere = map[string]bool{ExportStandardCSV: true, ExportStandardJSON: true, ExportGeoJSON: true}

// splitElsewhere separates the services held at their structure's address
// from those with an address of their own (a permanence in another town).
func splitElsewhere(services []models.Service) (home, away []models.Service) {
	for _, sv := range services {
		if sv.Address.PostalCode != "" {
			away = append(away, sv)
		} else {
			home = append(home, sv)
		}
	}
	return home, away
}

// placeOfService is the place a service held elsewhere is in a file of
// places: its structure's record (name, contacts, provenance, closure) at
// the service's address and point, with the service's hours (its
// structure's when it has none), under the service's id, and the structure
// as its parent (structure_parente, GeoJSON's structure_id). An import
// reads it as a place of its own.
func placeOfService(a *models.Actor, sv *models.Service) *models.Actor {
	p := *a
	p.ID, p.SourceID, p.ParentID = sv.ID, "", &a.ID
	p.Address, p.Latitude, p.Longitude = sv.Address, sv.Latitude, sv.Longitude
	if sv.OpeningHours != "" {
		p.OpeningHours = sv.OpeningHours
	}
	return &p
}

// standardJSONNumbers and standardJSONLists are the columns standardFields
// writes as numbers and as arrays of strings; the others are strings.
var (
	standardJSONNumbers = []string{"latitude", "longitude"}
	standardJSONLists   = []string{"typologie", "courriels", "site_web", "itinerance", "services", "publics_specifiquement_adresses",
		"prise_en_charge_specifique", "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "modalites_acces",
		"modalites_accompagnement"}
	standardJSONRequired = []string{"id", "pivot", "nom", "commune", "code_postal", "adresse", "source", "date_maj"}
)

// StandardJSONColumns describes a place of the standard-json export, for
// the OpenAPI document: each column's JSON type ("string", "number" or
// "array" of strings) in the standard's order, and the columns every place
// carries (the others are omitted when empty). The export's answers are
// validated against it in the API's tests.
func StandardJSONColumns() (columns []string, kinds map[string]string, required []string) {
	kinds = make(map[string]string, len(Columns))
	for _, c := range Columns {
		switch {
		case slices.Contains(standardJSONNumbers, c):
			kinds[c] = "number"
		case slices.Contains(standardJSONLists, c):
			kinds[c] = "array"
		default:
			kinds[c] = "string"
		}
	}
	return slices.Clone(Columns), kinds, slices.Clone(standardJSONRequired)
}

// ExportItems returns a value of the Go type of one item of each JSON
// export whose items are structs (a GeoJSON Feature, a data·inclusion
// structure or service), keyed by format, so that the OpenAPI generator
// describes them from the code that writes them.
func ExportItems() map[string]any {
	return map[string]any{ExportGeoJSON: geoDoc{}, ExportDataInclusionStructures: diStructureDoc{}, ExportDataInclusionServices: diServiceDoc{}}
}
