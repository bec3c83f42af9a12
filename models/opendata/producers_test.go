package opendata_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"carnet/models"
	"carnet/models/ident"
	"carnet/models/opendata"
)

// Files from other regions and other producers: the real files of
// ../shared/reference rewritten as producers' tools really publish them
// (spreadsheet CSVs, other JSON shapes, other versions of the standard),
// each imported beside the pristine file and compared place by place. Every
// difference must be explained by an issue of the report on that row and
// column; the variants marked lossless must give exactly the same places.

// table is a real file as rows of cells.
type table struct {
	cols []string
	rows []map[string]any
}

func loadTable(t *testing.T, rel string) *table {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(reference(t, rel)))
	d.UseNumber()
	var rows []map[string]any
	if err := d.Decode(&rows); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	tb := &table{rows: rows}
	for _, c := range append(slices.Clone(opendata.Columns), "courriel", "publics_accueillis", "conditions_acces", "conditions_access", "labels_nationaux", "labels_autres", "accessibilite") {
		for _, r := range rows {
			if _, ok := r[c]; ok && !seen[c] {
				seen[c] = true
				tb.cols = append(tb.cols, c)
			}
		}
	}
	for _, r := range rows {
		for c := range r {
			if !seen[c] {
				t.Fatalf("column %s of %s not handled by the test", c, rel)
			}
		}
	}
	return tb
}

// text is a cell as a CSV writes it: lists joined with |.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, text(e))
		}
		return strings.Join(parts, "|")
	}
	return fmt.Sprint(v)
}

// csvStyle says how a producer's tool writes a CSV file.
type csvStyle struct {
	sep      rune
	crlf     bool
	bom      bool
	charset  *charmap.Charmap // nil for UTF-8
	quoteAll bool
	header   func(col string) string
	cols     func(cols []string) []string
	preamble string
	trailing int // empty columns after the last
	// value rewrites a cell (row from 0); "" columns are extra columns.
	value func(row int, col, v string) string
}

// writeCSV writes tb in the style s; lossy lists, per row, the columns
// whose text the charset cannot hold (written with « ? » as a spreadsheet
// does: the test then cannot expect them back).
func writeCSV(tb *table, s csvStyle) (body []byte, lossy map[int][]string) {
	if s.sep == 0 {
		s.sep = ','
	}
	cols := tb.cols
	if s.cols != nil {
		cols = s.cols(slices.Clone(cols))
	}
	eol := "\n"
	if s.crlf {
		eol = "\r\n"
	}
	lossy = map[int][]string{}
	var b bytes.Buffer
	if s.bom {
		b.WriteString("\ufeff")
	}
	b.WriteString(s.preamble)
	enc := func(row int, col, v string) string {
		if s.charset == nil {
			return v
		}
		var out []byte
		for _, r := range v {
			c, ok := s.charset.EncodeRune(r)
			if !ok {
				c = '?'
				if row >= 0 && !slices.Contains(lossy[row], col) {
					lossy[row] = append(lossy[row], col)
				}
			}
			out = append(out, c)
		}
		return string(out)
	}
	field := func(row int, col, v string) {
		v = enc(row, col, v)
		if s.quoteAll || strings.ContainsAny(v, string(s.sep)+"\"\r\n") || strings.HasPrefix(v, " ") {
			v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
		}
		b.WriteString(v)
	}
	line := func(row int, cells func(i int, col string) string) {
		for i, c := range cols {
			if i > 0 {
				b.WriteRune(s.sep)
			}
			field(row, c, cells(i, c))
		}
		for range s.trailing {
			b.WriteRune(s.sep)
		}
		b.WriteString(eol)
	}
	line(-1, func(_ int, c string) string {
		if s.header != nil {
			return s.header(c)
		}
		return c
	})
	for i, r := range tb.rows {
		line(i, func(_ int, c string) string {
			v := text(r[c])
			if s.value != nil {
				v = s.value(i, c, v)
			}
			return v
		})
	}
	return b.Bytes(), lossy
}

// writeJSON writes rows as a JSON document; shape rewrites each row first.
func writeJSON(tb *table, shape func(i int, r map[string]any) any, wrap func(items []any) any) []byte {
	items := make([]any, len(tb.rows))
	for i, r := range tb.rows {
		c := map[string]any{}
		for k, v := range r {
			c[k] = v
		}
		items[i] = c
		if shape != nil {
			items[i] = shape(i, c)
		}
	}
	var doc any = items
	if wrap != nil {
		doc = wrap(items)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return b
}

// canon is what a place says, field by field, as strings.
type canon map[string]string

// canonFields are the fields compared, each with the columns whose issues
// explain a difference.
var canonFields = []struct {
	name string
	cols []string
	get  func(a *models.Actor, s *models.Service) string
}{
	{"name", []string{"nom"}, func(a *models.Actor, _ *models.Service) string { return a.Name }},
	{"pivot", []string{"pivot"}, func(a *models.Actor, _ *models.Service) string { return a.Pivot }},
	{"street", []string{"adresse"}, func(a *models.Actor, _ *models.Service) string { return a.Address.Street }},
	{"complement", []string{"complement_adresse"}, func(a *models.Actor, _ *models.Service) string { return a.Address.Complement }},
	{"postal_code", []string{"code_postal"}, func(a *models.Actor, _ *models.Service) string { return a.Address.PostalCode }},
	{"commune", []string{"commune", "code_postal", "code_insee"}, func(a *models.Actor, _ *models.Service) string { return a.Address.Commune }},
	{"insee", []string{"code_insee", "commune", "code_postal"}, func(a *models.Actor, _ *models.Service) string { return a.Address.InseeCode }},
	{"coordinates", []string{"latitude", "longitude"}, func(a *models.Actor, _ *models.Service) string {
		if a.Latitude == nil || a.Longitude == nil {
			return ""
		}
		return fmt.Sprintf("%.6f,%.6f", *a.Latitude, *a.Longitude)
	}},
	{"typologies", []string{"typologie"}, func(a *models.Actor, _ *models.Service) string { return list(a.Typologies) }},
	{"phones", []string{"telephone"}, func(a *models.Actor, _ *models.Service) string { return list(a.Phones) }},
	{"emails", []string{"courriels", "courriel"}, func(a *models.Actor, _ *models.Service) string { return list(a.Emails) }},
	{"websites", []string{"site_web"}, func(a *models.Actor, _ *models.Service) string { return list(a.Websites) }},
	{"hours", []string{"horaires"}, func(a *models.Actor, _ *models.Service) string { return a.OpeningHours }},
	{"summary", []string{"presentation_resume"}, func(a *models.Actor, _ *models.Service) string { return a.Summary }},
	{"description", []string{"presentation_detail", "presentation_resume"}, func(a *models.Actor, _ *models.Service) string { return a.Description }},
	{"mobility", []string{"itinerance"}, func(a *models.Actor, _ *models.Service) string { return list(a.Mobility) }},
	{"producer", []string{"source"}, func(a *models.Actor, _ *models.Service) string { return a.Producer }},
	{"date_maj", []string{"date_maj"}, func(a *models.Actor, _ *models.Service) string { return a.ProducerUpdatedOn }},
	{"programmes", []string{"dispositif_programmes_nationaux", "labels_nationaux"}, func(a *models.Actor, _ *models.Service) string { return list(a.NationalProgrammes) }},
	{"training", []string{"formations_labels", "labels_nationaux"}, func(a *models.Actor, _ *models.Service) string { return list(a.TrainingLabels) }},
	{"other_labels", []string{"autres_formations_labels", "labels_autres", "labels_nationaux"}, func(a *models.Actor, _ *models.Service) string { return a.OtherLabels }},
	{"acceslibre", []string{"fiche_acces_libre", "accessibilite"}, func(a *models.Actor, _ *models.Service) string { return a.AcceslibreURL }},
	{"booking", []string{"prise_rdv"}, func(a *models.Actor, _ *models.Service) string { return a.BookingURL }},
	{"offer", []string{"services"}, func(_ *models.Actor, s *models.Service) string { return strconv.FormatBool(s != nil) }},
	{"themes", []string{"services"}, func(_ *models.Actor, s *models.Service) string {
		return offerList(s, func(s *models.Service) []string { return s.Themes })
	}},
	{"publics", []string{"publics_specifiquement_adresses", "publics_accueillis"}, func(_ *models.Actor, s *models.Service) string {
		return offerList(s, func(s *models.Service) []string { return s.Publics })
	}},
	{"specific_support", []string{"prise_en_charge_specifique", "publics_accueillis"}, func(_ *models.Actor, s *models.Service) string {
		return offerList(s, func(s *models.Service) []string { return s.SpecificSupport })
	}},
	{"fees", []string{"frais_a_charge", "conditions_acces"}, func(_ *models.Actor, s *models.Service) string {
		return offerList(s, func(s *models.Service) []string { return s.Fees })
	}},
	{"access_modes", []string{"modalites_acces"}, func(_ *models.Actor, s *models.Service) string {
		return offerList(s, func(s *models.Service) []string { return s.AccessModes })
	}},
	{"accompaniment", []string{"modalites_accompagnement"}, func(_ *models.Actor, s *models.Service) string {
		return offerList(s, func(s *models.Service) []string { return s.AccompanimentModes })
	}},
	{"kind", []string{"modalites_accompagnement", "services"}, func(_ *models.Actor, s *models.Service) string {
		if s == nil {
			return ""
		}
		return s.Kind
	}},
	{"pass_numerique", []string{"conditions_acces", "labels_nationaux"}, func(_ *models.Actor, s *models.Service) string {
		return strconv.FormatBool(s != nil && s.PassNumerique)
	}},
}

func list(l []string) string {
	l = slices.Clone(l)
	slices.Sort(l)
	return strings.Join(l, "|")
}

func offerList(s *models.Service, f func(*models.Service) []string) string {
	if s == nil {
		return ""
	}
	return list(f(s))
}

// importedPlaces imports body under source and returns each place's canon
// by source id, and the report.
func importedPlaces(t *testing.T, s *models.Store, source string, body []byte) (map[string]canon, *opendata.Report, error) {
	t.Helper()
	rep, err := opendata.Import(context.Background(), s, bytes.NewReader(body), opendata.ImportOptions{Source: source})
	if err != nil {
		return nil, nil, err
	}
	ctx := context.Background()
	offers := map[string]*models.Service{}
	sf := models.ServiceFilter{Sources: []string{source}, ListParams: models.ListParams{Limit: models.MaxLimit}}
	for {
		p, err := s.ListServices(ctx, sf)
		if err != nil {
			t.Fatal(err)
		}
		for i := range p.Items {
			offers[p.Items[i].ActorID] = &p.Items[i]
		}
		if p.NextCursor == "" {
			break
		}
		sf.Cursor = p.NextCursor
	}
	out := map[string]canon{}
	af := models.ActorFilter{Sources: []string{source}, ListParams: models.ListParams{Limit: models.MaxLimit}}
	for {
		p, err := s.ListActors(ctx, af)
		if err != nil {
			t.Fatal(err)
		}
		for i := range p.Items {
			a := &p.Items[i]
			c := canon{}
			for _, f := range canonFields {
				c[f.name] = f.get(a, offers[a.ID])
			}
			out[a.SourceID] = c
		}
		if p.NextCursor == "" {
			break
		}
		af.Cursor = p.NextCursor
	}
	return out, rep, nil
}

// producerVariant is a real file as another producer or tool writes it.
type producerVariant struct {
	name string
	// lossless: every place must come out exactly as from the pristine
	// file; otherwise every difference must be explained by the report.
	lossless bool
	build    func(tb *table, pristine map[string]canon) (body []byte, lossy map[int][]string)
	// want adjusts what a place must say when the variant adds to it.
	want func(row int, c canon)
}

// variantOutcome counts what differs from the pristine import.
type variantOutcome struct {
	places, imported, missing, missingUnexplained int
	placesDiffering, fieldsDiffering, unexplained int
	err                                           error
	examples                                      []string
}

func compareVariant(t *testing.T, tb *table, pristine map[string]canon, got map[string]canon, rep *opendata.Report, lossy map[int][]string, want func(int, canon)) variantOutcome {
	o := variantOutcome{places: len(pristine), imported: len(got)}
	explained := func(row int, cols []string, severity string) bool {
		for _, is := range rep.Issues {
			if (is.Row == row || is.Row == 0) && (severity == "" || is.Severity == severity) && (slices.Contains(cols, is.Field) || (is.Row == row && is.Field == "" && severity != "")) {
				return true
			}
		}
		return false
	}
	for i, r := range tb.rows {
		id := text(r["id"])
		p, ok := pristine[id]
		if !ok {
			continue // rejected from the pristine file too
		}
		row := i + 1
		exp := canon{}
		for k, v := range p {
			exp[k] = v
		}
		if want != nil {
			want(i, exp)
		}
		g, ok := got[id]
		if !ok {
			o.missing++
			if !explained(row, nil, opendata.SeverityError) && !hasError(rep, row) {
				o.missingUnexplained++
				if len(o.examples) < 6 {
					o.examples = append(o.examples, fmt.Sprintf("row %d (%s) missing", row, id))
				}
			}
			continue
		}
		differs := false
	fields:
		for _, f := range canonFields {
			if g[f.name] == exp[f.name] {
				continue
			}
			for _, c := range f.cols {
				if slices.Contains(lossy[i], c) {
					continue fields // the producer's tool lost it
				}
			}
			differs = true
			o.fieldsDiffering++
			if !explained(row, f.cols, "") {
				o.unexplained++
			}
			if len(o.examples) < 6 {
				o.examples = append(o.examples, fmt.Sprintf("row %d %s: %q, want %q", row, f.name, clipS(g[f.name]), clipS(exp[f.name])))
			}
		}
		if differs {
			o.placesDiffering++
		}
	}
	return o
}

func hasError(rep *opendata.Report, row int) bool {
	for _, is := range rep.Issues {
		if is.Row == row && is.Severity == opendata.SeverityError {
			return true
		}
	}
	return false
}

func clipS(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// TestProducerVariants imports each real file pristine, then as every
// variant, and compares. The log prints, per variant: places imported,
// missing, places and fields differing, differences the report does not
// explain (go test -run TestProducerVariants -v ./models/opendata/).
func TestProducerVariants(t *testing.T) {
	files := append(slices.Clone(realFiles), cnfsFile)
	for _, f := range files {
		t.Run(strings.SplitN(filepath.Base(f), "-", 3)[1], func(t *testing.T) {
			tb := loadTable(t, f)
			body := reference(t, f)
			if len(tb.rows) > 800 {
				// The national file's first 800 places are enough, and
				// the test stays short.
				tb.rows = tb.rows[:800]
				body = writeJSON(tb, nil, nil)
			}
			s := openStore(t)
			pristine, _, err := importedPlaces(t, s, "pristine", body)
			if err != nil {
				t.Fatal(err)
			}
			total := variantOutcome{}
			for i, v := range producerVariants {
				body, lossy := v.build(tb, pristine)
				got, rep, err := importedPlaces(t, s, fmt.Sprintf("v%d", i), body)
				var o variantOutcome
				if err != nil {
					o = variantOutcome{places: len(pristine), missing: len(pristine), missingUnexplained: len(pristine), err: err}
				} else {
					o = compareVariant(t, tb, pristine, got, rep, lossy, v.want)
				}
				t.Logf("%-34s imported %4d/%4d  missing %3d (unexplained %3d)  places differing %3d  fields differing %4d (unexplained %4d)",
					v.name, o.imported, o.places, o.missing, o.missingUnexplained, o.placesDiffering, o.fieldsDiffering, o.unexplained)
				total.missing += o.missing
				total.placesDiffering += o.placesDiffering
				total.fieldsDiffering += o.fieldsDiffering
				total.unexplained += o.unexplained + o.missingUnexplained
				bad := o.err != nil || o.missingUnexplained > 0 || o.unexplained > 0 || (v.lossless && (o.missing > 0 || o.fieldsDiffering > 0))
				if bad {
					t.Errorf("%s: %v %s", v.name, o.err, strings.Join(o.examples, "; "))
				}
			}
			t.Logf("all variants: missing %d, places differing %d, fields differing %d, unexplained %d", total.missing, total.placesDiffering, total.fieldsDiffering, total.unexplained)
		})
	}
}

// Columns as the standard's schemas title them (spreadsheet exports use
// the titles as headers).
var schemaTitles = map[string]string{
	"id": "Identifiant unique local du lieu", "pivot": "SIRET ou RNA ou RIDET", "nom": "Nom", "commune": "Commune",
	"code_postal": "Code postal", "code_insee": "Code INSEE", "adresse": "Adresse", "complement_adresse": "Complément d'adresse",
	"latitude": "Latitude", "longitude": "Longitude", "typologie": "Typologie", "telephone": "Numéro de téléphone",
	"courriels": "Courriel(s)", "courriel": "Courriel", "site_web": "Site web", "horaires": "Horaires",
	"presentation_resume": "Présentation résumé", "presentation_detail": "Présentation détaillée",
	"source": "Structure collectant la donnée", "itinerance": "Itinérance", "structure_parente": "Structure parente",
	"date_maj": "Date de mise à jour", "services": "Services", "publics_specifiquement_adresses": "Publics spécifiquement adressés",
	"prise_en_charge_specifique": "Prise en charge spécifique", "frais_a_charge": "Frais à charge",
	"dispositif_programmes_nationaux": "Dispositifs et programmes nationaux", "formations_labels": "Formations et labels",
	"autres_formations_labels": "Autres formations et labels", "modalites_acces": "Modalités d'accès",
	"modalites_accompagnement": "Modalités d'accompagnement", "fiche_acces_libre": "Fiche Accès libre", "prise_rdv": "Prise de rdv",
	"publics_accueillis": "Publics accueillis", "conditions_acces": "Conditions d'accès", "conditions_access": "Conditions d'accès",
	"labels_nationaux": "Labels nationaux", "labels_autres": "Autres labels", "accessibilite": "Accessibilité / accueil handicap",
}

// multiValued are the columns whose values are joined with |.
var multiValued = []string{"typologie", "telephone", "courriels", "site_web", "itinerance", "services", "publics_specifiquement_adresses",
	"prise_en_charge_specifique", "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "modalites_acces", "modalites_accompagnement"}

func csvVariant(s csvStyle) func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
	return func(tb *table, _ map[string]canon) ([]byte, map[int][]string) { return writeCSV(tb, s) }
}

// paris is the time zone of the producers' dates.
var paris = func() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return l
}()

func dateVariant(format func(row int, d time.Time) string) func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
	return csvVariant(csvStyle{sep: ';', value: func(row int, col, v string) string {
		if col != "date_maj" {
			return v
		}
		d, err := time.ParseInLocation(time.DateOnly, v, paris)
		if err != nil {
			return v
		}
		return format(row, d)
	}})
}

// phoneFormats write a French number (national, 10 digits) as people do.
var phoneFormats = []func(n string) string{
	func(n string) string {
		return "+33 " + n[1:2] + " " + n[2:4] + " " + n[4:6] + " " + n[6:8] + " " + n[8:10]
	},
	func(n string) string { return "0033" + n[1:] },
	func(n string) string { return n[0:2] + "." + n[2:4] + "." + n[4:6] + "." + n[6:8] + "." + n[8:10] },
	func(n string) string { return n[0:2] + "-" + n[2:4] + "-" + n[4:6] + "-" + n[6:8] + "-" + n[8:10] },
	func(n string) string {
		return "+33 (0)" + n[1:2] + " " + n[2:4] + " " + n[4:6] + " " + n[6:8] + " " + n[8:10]
	},
	func(n string) string { return n[1:] }, // a spreadsheet read it as a number: the leading 0 is lost
	func(n string) string {
		return "Tél. : " + n[0:2] + " " + n[2:4] + " " + n[4:6] + " " + n[6:8] + " " + n[8:10]
	},
}

// canonOf returns the pristine canon of row i.
func canonOf(tb *table, pristine map[string]canon, i int) canon {
	return pristine[text(tb.rows[i]["id"])]
}

// lossless variants are those whose every value can be read back.
var producerVariants = []producerVariant{
	{name: "csv , utf-8", lossless: true, build: csvVariant(csvStyle{})},
	{name: "excel ; windows-1252 crlf", build: csvVariant(csvStyle{sep: ';', crlf: true, charset: charmap.Windows1252})},
	{name: "latin-1 ;", build: csvVariant(csvStyle{sep: ';', charset: charmap.ISO8859_1})},
	{name: "libreoffice ; bom crlf quoted", lossless: true, build: csvVariant(csvStyle{sep: ';', crlf: true, bom: true, quoteAll: true})},
	{name: "tab separated", lossless: true, build: csvVariant(csvStyle{sep: '\t'})},
	{name: "headers as titles", lossless: true, build: csvVariant(csvStyle{sep: ';', header: func(c string) string { return schemaTitles[c] }})},
	{name: "headers upper, spaces, no accents", lossless: true, build: csvVariant(csvStyle{header: func(c string) string {
		return " " + strings.ToUpper(strings.ReplaceAll(c, "_", " ")) + " "
	}})},
	{name: "columns reversed, extra, trailing", lossless: true, build: csvVariant(csvStyle{sep: ';', trailing: 3,
		cols: func(c []string) []string {
			slices.Reverse(c)
			return append([]string{"Commentaire interne", "Référent"}, c...)
		},
		value: func(row int, col, v string) string {
			if col == "Commentaire interne" {
				return "vu le 3/4; à rappeler"
			}
			if col == "Référent" {
				return "M. X"
			}
			return v
		}})},
	{name: "title line and blank lines", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		return writeCSV(tb, csvStyle{sep: ';', crlf: true, preamble: "Lieux de médiation numérique - export du 17/05/2023;;;;\r\n;;;;\r\n\r\n"})
	}},
	{name: "lists on lines, ; and newlines", lossless: true, build: csvVariant(csvStyle{sep: ';', value: func(row int, col, v string) string {
		switch col {
		case "telephone", "courriels", "courriel":
			return strings.ReplaceAll(v, "|", "\n")
		case "services", "frais_a_charge", "modalites_accompagnement", "publics_specifiquement_adresses", "typologie":
			return strings.ReplaceAll(v, "|", ";")
		}
		return v
	}})},
	{name: "dates 17/05/2023", lossless: true, build: dateVariant(func(_ int, d time.Time) string { return d.Format("02/01/2006") })},
	{name: "dates ISO datetime", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		return writeCSV(tb, csvStyle{sep: ';', value: func(row int, col, v string) string {
			// The producer's date in the place's zone, written as
			// date-times: in UTC, with the zone's offset.
			zone, err := time.LoadLocation(ident.TimeZoneForDepartement(ident.DepartementFromPostalCode(text(tb.rows[row]["code_postal"]))))
			d, err2 := time.ParseInLocation(time.DateOnly, v, zone)
			if col != "date_maj" || err != nil || err2 != nil {
				return v
			}
			switch row % 3 {
			case 0:
				return d.Add(10 * time.Hour).UTC().Format(time.RFC3339)
			case 1:
				return d.UTC().Format(time.RFC3339) // midnight in Paris: the day before in UTC
			}
			return d.Add(23*time.Hour + 30*time.Minute).Format(time.RFC3339)
		}})
	}},
	{name: "dates 17/05/2023 10:00", lossless: true, build: dateVariant(func(_ int, d time.Time) string { return d.Add(10 * time.Hour).Format("02/01/2006 15:04") })},
	{name: "dates excel serial", lossless: true, build: dateVariant(func(_ int, d time.Time) string {
		return strconv.Itoa(int(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
	})},
	{name: "decimal commas", lossless: true, build: csvVariant(csvStyle{sep: ';', value: func(row int, col, v string) string {
		if col == "latitude" || col == "longitude" {
			return strings.Replace(v, ".", ",", 1)
		}
		return v
	}})},
	{name: "latitude and longitude swapped", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		return writeCSV(tb, csvStyle{header: func(c string) string {
			switch c {
			case "latitude":
				return "longitude"
			case "longitude":
				return "latitude"
			}
			return c
		}})
	}},
	{name: "coordinates in one field", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		return writeCSV(tb, csvStyle{sep: ';',
			cols: func(c []string) []string {
				c = slices.DeleteFunc(c, func(c string) bool { return c == "latitude" || c == "longitude" })
				return append(c, "geo_point_2d")
			},
			value: func(row int, col, v string) string {
				if col == "geo_point_2d" && tb.rows[row]["latitude"] != nil {
					return text(tb.rows[row]["latitude"]) + ", " + text(tb.rows[row]["longitude"])
				}
				return v
			}})
	}},
	{name: "phones in every format", lossless: true, build: func(tb *table, pristine map[string]canon) ([]byte, map[int][]string) {
		return writeCSV(tb, csvStyle{sep: ';', value: func(row int, col, v string) string {
			if col != "telephone" {
				return v
			}
			c := canonOf(tb, pristine, row)
			if c == nil || c["phones"] == "" {
				return v
			}
			var out []string
			for j, p := range strings.Split(c["phones"], "|") {
				if !strings.HasPrefix(p, "+33") || len(p) != 12 {
					return v
				}
				out = append(out, phoneFormats[(row+j)%len(phoneFormats)]("0"+p[3:]))
			}
			return strings.Join(out, " / ")
		}})
	}},
	{name: "several e-mails in a cell", lossless: true, build: func(tb *table, pristine map[string]canon) ([]byte, map[int][]string) {
		seps := []string{"; ", ", ", " ", "\n", " / ", " et "}
		return writeCSV(tb, csvStyle{sep: ';', cols: func(c []string) []string {
			c = slices.DeleteFunc(c, func(c string) bool { return c == "courriels" || c == "courriel" })
			return append(c, "courriels")
		}, value: func(row int, col, v string) string {
			if col != "courriels" {
				return v
			}
			c := canonOf(tb, pristine, row)
			if c == nil {
				return v
			}
			mails := append(strings.Split(c["emails"], "|"), fmt.Sprintf("accueil.%d@example.org", row))
			return strings.Join(slices.DeleteFunc(mails, func(s string) bool { return s == "" }), seps[row%len(seps)])
		}})
	}, want: func(row int, c canon) {
		mails := slices.DeleteFunc(append(strings.Split(c["emails"], "|"), fmt.Sprintf("accueil.%d@example.org", row)), func(s string) bool { return s == "" })
		c["emails"] = list(mails)
	}},
	{name: "URLs without scheme", lossless: true, build: csvVariant(csvStyle{value: func(row int, col, v string) string {
		switch col {
		case "site_web", "prise_rdv", "fiche_acces_libre", "accessibilite":
			return strings.ReplaceAll(v, "https://", "")
		}
		return v
	}})},
	{name: "v0.1.1 columns, ; between values", build: csvVariant(csvStyle{sep: ',',
		header: func(c string) string {
			if v, ok := map[string]string{"courriels": "courriel", "frais_a_charge": "conditions_acces", "fiche_acces_libre": "accessibilite", "autres_formations_labels": "labels_autres"}[c]; ok {
				return v
			}
			return c
		},
		value: func(row int, col, v string) string {
			if slices.Contains(multiValued, col) {
				return strings.ReplaceAll(v, "|", ";")
			}
			return v
		}})},
	{name: "v0 and v1 columns mixed", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		// Two exports pasted together: each pair of columns of two
		// versions holds the value on alternate rows.
		pairs := map[string]string{"courriels": "courriel", "frais_a_charge": "conditions_acces", "fiche_acces_libre": "accessibilite", "autres_formations_labels": "labels_autres"}
		return writeCSV(tb, csvStyle{sep: ';',
			cols: func(c []string) []string {
				for v1, v0 := range pairs {
					for _, x := range []string{v1, v0} {
						if !slices.Contains(c, x) {
							c = append(c, x)
						}
					}
				}
				return c
			},
			value: func(row int, col, v string) string {
				cur := text(tb.rows[row][col])
				for v1, v0 := range pairs {
					both := text(tb.rows[row][v1])
					if both == "" {
						both = text(tb.rows[row][v0])
					}
					switch {
					case col == v1 && row%2 == 0, col == v0 && row%2 == 1:
						return both
					case col == v1, col == v0:
						return ""
					}
				}
				return cur
			}})
	}},
	{name: "utf-8 with windows-1252 rows", build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		// Rows pasted from a spreadsheet into a UTF-8 file: every
		// seventh row in Windows-1252.
		utf, _ := writeCSV(tb, csvStyle{sep: ';'})
		win, lossy := writeCSV(tb, csvStyle{sep: ';', charset: charmap.Windows1252})
		a, b := bytes.Split(utf, []byte("\n")), bytes.Split(win, []byte("\n"))
		if len(a) != len(b) {
			panic("rows with new lines")
		}
		for i := 1; i < len(a); i += 7 {
			a[i] = b[i]
		}
		return bytes.Join(a, []byte("\n")), lossy
	}},
	{name: "json {data: […]}", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		return writeJSON(tb, nil, func(items []any) any {
			return map[string]any{"meta": map[string]any{"total": len(items)}, "data": items, "links": map[string]any{"next": nil}}
		}), nil
	}},
	{name: "geojson", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		return writeJSON(tb, func(i int, r map[string]any) any {
			f := map[string]any{"type": "Feature", "properties": r, "geometry": nil}
			if r["latitude"] != nil {
				f["geometry"] = map[string]any{"type": "Point", "coordinates": []any{r["longitude"], r["latitude"]}}
			}
			delete(r, "latitude")
			delete(r, "longitude")
			return f
		}, func(items []any) any { return map[string]any{"type": "FeatureCollection", "features": items} }), nil
	}},
	{name: "geojson, null coordinates in properties", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		return writeJSON(tb, func(i int, r map[string]any) any {
			f := map[string]any{"type": "Feature", "properties": r, "geometry": nil}
			if r["latitude"] != nil {
				f["geometry"] = map[string]any{"type": "Point", "coordinates": []any{r["longitude"], r["latitude"]}}
			}
			r["latitude"], r["longitude"] = nil, nil
			return f
		}, func(items []any) any { return map[string]any{"type": "FeatureCollection", "features": items} }), nil
	}},
	{name: "json lines", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		var b bytes.Buffer
		for _, r := range tb.rows {
			line, _ := json.Marshal(r)
			b.Write(line)
			b.WriteString("\n")
		}
		return b.Bytes(), nil
	}},
	{name: "json numbers as strings, nulls", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		return writeJSON(tb, func(i int, r map[string]any) any {
			for _, c := range opendata.Columns {
				if v, ok := r[c]; !ok {
					r[c] = nil
				} else if n, ok := v.(json.Number); ok {
					r[c] = n.String()
				}
			}
			return r
		}, nil), nil
	}},
	{name: "json lists as arrays", lossless: true, build: func(tb *table, _ map[string]canon) ([]byte, map[int][]string) {
		return writeJSON(tb, func(i int, r map[string]any) any {
			for _, c := range multiValued {
				if s, ok := r[c].(string); ok {
					var parts []any
					for _, p := range strings.Split(s, "|") {
						parts = append(parts, p)
					}
					r[c] = parts
				}
			}
			return r
		}, nil), nil
	}},
}

// TestImportEdgeFiles: files that are empty, tiny, malformed or not a file
// of places at all are imported honestly or refused with what they are.
func TestImportEdgeFiles(t *testing.T) {
	const head = "id;nom;adresse;code_postal;commune;services;date_maj\n"
	row := func(id, nom string) string {
		return id + ";" + nom + ";1 rue A;13001;Marseille;Aide aux démarches administratives;2023-05-17\n"
	}
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write([]byte("<worksheet/>"))
	zw.Close()
	huge := strings.Repeat("Atelier numérique ", 1<<20/18)
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i * 7919 >> 3)
	}
	type want struct {
		refused           string // a substring of the error, or ""
		created, rejected int
		issue             string // a substring of some issue's reason
	}
	for _, tc := range []struct {
		name string
		in   string
		want want
	}{
		{"empty", "", want{refused: "empty"}},
		{"only blank lines", "\n\r\n  \n", want{refused: "empty"}},
		{"header only", head, want{issue: "holds no place"}},
		{"empty JSON array", "[]", want{issue: "holds no place"}},
		{"one row", head + row("a", "EPN"), want{created: 1}},
		{"one row without final new line", strings.TrimSuffix(head+row("a", "EPN"), "\n"), want{created: 1}},
		{"a row with more cells than the header", head + row("a", "EPN") + strings.TrimSuffix(row("b", "Club"), "\n") + ";en trop;encore\n",
			want{created: 1, rejected: 1, issue: "more cell(s) than the header"}},
		{"a row with an unquoted ; in a cell", head + "a;EPN;1 rue A; bâtiment B;13001;Marseille;Aide aux démarches administratives;2023-05-17\n",
			want{rejected: 1, issue: "more cell(s) than the header"}},
		// An unquoted ; in the address pushes the row's last cells past
		// the header: they are empty, but every value after the address
		// sits one column on (the postal code read as the commune, the
		// services as the date). It was stored so.
		{"a row pushed past the header, its pushed cells empty", "id;nom;adresse;code_postal;commune;services;date_maj;prise_rdv\n" +
			"a;EPN;1 rue A;13001;Marseille;Aide aux démarches administratives;2023-05-17;\n" +
			"b;Club;2 rue B; bâtiment C;13001;Marseille;Aide aux démarches administratives;2023-05-17;\n",
			want{created: 1, rejected: 1, issue: "1 more cell(s) than the header"}},
		{"every row padded alike (a writer ending each line with ;)", head[:len(head)-1] + "\n" +
			strings.ReplaceAll(row("a", "EPN")+row("b", "Club"), "\n", ";;\n"), want{created: 2}},
		{"a row with fewer cells", head + "a;EPN;1 rue A;13001;Marseille;Aide aux démarches administratives\n", want{created: 1, issue: "date_maj"}},
		{"a value under a column without a name", "id;nom;adresse;code_postal;commune;services;\n" + "a;EPN;1 rue A;13001;Marseille;Aide aux démarches administratives;note\n",
			want{created: 1, issue: "column without a name"}},
		{"duplicated id", head + row("a", "EPN") + row("a", "Club"), want{created: 1, rejected: 1, issue: "appears twice"}},
		{"the same place under two ids", head + row("a", "EPN") + row("b", "EPN"), want{created: 2}},
		{"a row without nom", head + row("a", ""), want{rejected: 1, issue: "is required"}},
		{"a row without adresse", head + "a;EPN;;13001;Marseille;Aide aux démarches administratives;2023-05-17\n", want{rejected: 1, issue: "is required"}},
		{"a 1 MB cell", head + "a;" + huge + ";1 rue A;13001;Marseille;Aide aux démarches administratives;2023-05-17\n", want{created: 1, issue: "cut"}},
		{"a 1 MB description", "id;nom;adresse;code_postal;commune;services;presentation_detail\na;EPN;1 rue A;13001;Marseille;Aide aux démarches administratives;" + huge + "\n",
			want{created: 1, issue: "over 10,000 characters"}},
		{"binary garbage", string(garbage), want{refused: "binary"}},
		{"a ZIP (an XLSX workbook)", zipped.String(), want{refused: "ZIP archive"}},
		{"an XLS workbook", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 100), want{refused: "Excel 97-2003"}},
		{"a PDF", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n", want{refused: "PDF"}},
		{"JSON Lines", `{"id":"a","nom":"EPN","adresse":"1 rue A","code_postal":"13001","commune":"Marseille","services":"Aide aux démarches administratives"}` + "\n" +
			`{"id":"b","nom":"Club","adresse":"2 rue B","code_postal":13001,"commune":"Marseille","services":["Aide aux démarches administratives"]}` + "\n",
			want{created: 2, issue: "JSON Lines"}},
		{"one JSON object that is a place", `{"id":"a","nom":"EPN","adresse":"1 rue A","code_postal":"13001","commune":"Marseille","services":"Aide aux démarches administratives"}`,
			want{created: 1}},
		{"a title line, then the header", "Export du 17/05/2023\n\n" + head + row("a", "EPN"), want{created: 1, issue: "before the header skipped"}},
		{"a CSV of something else", "colonne1;colonne2;colonne3\nx;y;z\n", want{refused: "names no column of the standard"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openStore(t)
			rep, err := opendata.Import(context.Background(), s, strings.NewReader(tc.in), opendata.ImportOptions{Source: "edge"})
			if tc.want.refused != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want.refused) || models.ErrorCode(err) != models.EBADREQUEST {
					t.Fatalf("error %v, want a bad request saying %q", err, tc.want.refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rep.Actors[models.SyncCreated] != tc.want.created || rep.Rejected != tc.want.rejected {
				t.Errorf("created %d rejected %d, want %d and %d: %+v", rep.Actors[models.SyncCreated], rep.Rejected, tc.want.created, tc.want.rejected, rep.Issues)
			}
			if tc.want.issue != "" && !slices.ContainsFunc(rep.Issues, func(is opendata.Issue) bool {
				return strings.Contains(is.Reason, tc.want.issue) || is.Field == tc.want.issue
			}) {
				t.Errorf("no issue saying %q: %+v", tc.want.issue, rep.Issues)
			}
			for _, is := range rep.Issues {
				if len(is.Value) > 1000 {
					t.Errorf("an issue holds %d bytes of the cell", len(is.Value))
				}
			}
		})
	}
}

// TestReadProducerCells: the cells producers write, one mechanism each.
func TestReadProducerCells(t *testing.T) {
	const head = "id;nom;adresse;code_postal;commune;services;"
	read := func(t *testing.T, cols, cells string) opendata.Place {
		t.Helper()
		ps := places(t, head+cols+"\nx;EPN;1 rue A;97110;Pointe-à-Pitre;Aide aux démarches administratives;"+cells+"\n", "")
		if len(ps) != 1 || ps[0].Rejected {
			t.Fatalf("%+v", ps)
		}
		return ps[0]
	}
	t.Run("dates", func(t *testing.T) {
		for in, want := range map[string]string{
			"2023-05-17": "2023-05-17", "17/05/2023": "2023-05-17", "17-05-2023": "2023-05-17", "17.05.2023": "2023-05-17",
			"7/5/2023": "2023-05-07", "05/17/2023": "2023-05-17", "17/05/23": "2023-05-17", "17/05/2023 10:00": "2023-05-17",
			"17/05/2023 10h00": "2023-05-17", "2023/05/17": "2023-05-17", "45063": "2023-05-17", "45063,4166": "2023-05-17",
			"2023-05-17T10:00:00Z": "2023-05-17", "2023-05-17T23:30:00+02:00": "2023-05-17", "2023-05-17 08:00:00": "2023-05-17",
			// 03:00 UTC is still the 16th in Guadeloupe (UTC-4).
			"2023-05-17T03:00:00Z": "2023-05-16",
			// A GIS layer's edit timestamp (Hub LO's c__edit_datemaj).
			"2023/05/17 14:16:50.898": "2023-05-17", "2023/05/17 14:16": "2023-05-17", "2023/5/17 14:16:50": "2023-05-17",
			"2023/02/30 14:16:50": "",
			"31/02/2023":          "", "17 mai 2023": "2023-05-17", // read since probe 41a L2 "1234": "", "2099-01-01": "",
		} {
			a := read(t, "date_maj", in).Actor
			if a.ProducerUpdatedOn != want {
				t.Errorf("%q read as %q, want %q", in, a.ProducerUpdatedOn, want)
			}
		}
	})
	t.Run("coordinates", func(t *testing.T) {
		for _, tc := range []struct{ cols, cells, want string }{
			{"latitude;longitude", "16,2411;-61,5331", "16.2411,-61.5331"},
			{"latitude;longitude", "-61.5331;16.2411", "16.2411,-61.5331"}, // swapped: caught
			{"latitude;longitude", "45.6;-0.33", "45.6,-0.33"},             // in France as written
			{"latitude;longitude", "-0.33;45.6", "45.6,-0.33"},
			{"latitude;longitude", "10;10", "10,10"}, // nowhere in France either way: kept, the commune check decides
			{"geo_point_2d", `"16.2411, -61.5331"`, "16.2411,-61.5331"},
			{"Coordonnées GPS", `"16,2411, -61,5331"`, "16.2411,-61.5331"},
			{"coordonnees", `"16,2411;-61,5331"`, "16.2411,-61.5331"},
			{"coordonnees", `"[16.2411, -61.5331]"`, "16.2411,-61.5331"},
			{"coordonnees", `"{""lat"": 16.2411, ""lon"": -61.5331}"`, "16.2411,-61.5331"},
			{"coordonnees", "nord", ""},
		} {
			p := read(t, tc.cols, tc.cells)
			got := ""
			if p.Actor.Latitude != nil {
				got = strconv.FormatFloat(*p.Actor.Latitude, 'f', -1, 64) + "," + strconv.FormatFloat(*p.Actor.Longitude, 'f', -1, 64)
			}
			if got != tc.want {
				t.Errorf("%s = %s: read %q, want %q (%+v)", tc.cols, tc.cells, got, tc.want, p.Issues)
			}
		}
	})
	t.Run("phones", func(t *testing.T) {
		for in, want := range map[string]string{
			"0590 82 00 00":                  "+590590820000",
			"+590 590 82 00 00":              "+590590820000",
			"00590590820000":                 "+590590820000",
			"0690.12.34.56":                  "+590690123456",
			"Tél. : 0590 82 00 00":           "+590590820000",
			"0590820000 / 0690123456":        "+590590820000 +590690123456",
			"0590820000/0690123456":          "+590590820000 +590690123456",
			"0590 82 00 00 ou 0690 12 34 56": "+590590820000 +590690123456",
			"0590820000\n0690123456":         "+590590820000 +590690123456",
			"+33 (0)1 80 05 98 80":           "+33180059880",
			"0033 1 80 05 98 80":             "+33180059880",
			"Portable - 06 12 34 56 78":      "+33612345678",
		} {
			checkList(t, read(t, "telephone", `"`+in+`"`), in, want, func(a models.Actor) []string { return a.Phones })
		}
	})
	t.Run("e-mails and websites", func(t *testing.T) {
		for in, want := range map[string]string{
			"a@x.fr; b@y.fr":          "a@x.fr b@y.fr",
			"a@x.fr, b@y.fr":          "a@x.fr b@y.fr",
			"a@x.fr b@y.fr":           "a@x.fr b@y.fr",
			"a@x.fr\nb@y.fr":          "a@x.fr b@y.fr",
			"a@x.fr / b@y.fr":         "a@x.fr b@y.fr",
			"a@x.fr et b@y.fr":        "a@x.fr b@y.fr",
			"<a@x.fr>, mailto:b@y.fr": "a@x.fr b@y.fr",
		} {
			checkList(t, read(t, "courriels", `"`+in+`"`), in, want, func(a models.Actor) []string { return a.Emails })
		}
		for in, want := range map[string]string{
			"www.x.fr":            "https://www.x.fr",
			"www.x.fr www.y.fr":   "https://www.x.fr https://www.y.fr",
			"www.x.fr; www.y.fr":  "https://www.x.fr https://www.y.fr",
			"https://x.fr/a;b=c":  "https://x.fr/a;b=c",
			"https://x.fr/?q=1,2": "https://x.fr/?q=1,2",
		} {
			checkList(t, read(t, "site_web", `"`+in+`"`), in, want, func(a models.Actor) []string { return a.Websites })
		}
	})
	t.Run("yes/no itinerance", func(t *testing.T) {
		for in, want := range map[string]string{
			"oui": "Itinérant", "OUI": "Itinérant", "true": "Itinérant", "1": "Itinérant", "X": "Itinérant", "vrai": "Itinérant",
			"non": "Fixe", "false": "Fixe", "0": "Fixe", "Itinérant": "Itinérant", "Fixe": "Fixe", "": "",
		} {
			p := read(t, "itinerance", in)
			if got := strings.Join(p.Actor.Mobility, " "); got != want {
				t.Errorf("%q read as %q, want %q", in, got, want)
			}
		}
		// JSON booleans.
		ps := places(t, `[{"id":"x","nom":"Bus","adresse":"1 rue","code_postal":"13001","commune":"Marseille","services":"Aide aux démarches administratives","itinerance":true}]`, "")
		if len(ps) != 1 || strings.Join(ps[0].Actor.Mobility, "") != "Itinérant" {
			t.Errorf("itinerance true: %+v", ps)
		}
	})
}

// checkList checks the list a cell was read as.
func checkList(t *testing.T, p opendata.Place, in, want string, get func(models.Actor) []string) {
	t.Helper()
	if got := strings.Join(get(p.Actor), " "); got != want {
		t.Errorf("%q read as %q, want %q (%+v)", in, got, want, p.Issues)
	}
}

// TestSchemaTitlesAsHeaders: every column title of every version of the
// standard's schema, as spreadsheet exports write headers, is read as its
// column.
func TestSchemaTitlesAsHeaders(t *testing.T) {
	for _, v := range []string{"v0.1.1", "v1.0.0", "v1.0.1", "v1.0.2"} {
		var schema struct {
			Fields []struct{ Name, Title string }
		}
		if err := json.Unmarshal(reference(t, "standard-mediation-num/schema."+v+".json"), &schema); err != nil {
			t.Fatal(err)
		}
		for _, f := range schema.Fields {
			ps := places(t, "Identifiant unique local du lieu;"+f.Title+"\nx;y\n", "")
			if len(ps) != 1 {
				t.Fatalf("%s: %+v", f.Title, ps)
			}
			rd, err := opendata.NewReader(strings.NewReader("Nom;"+f.Title+"\nx;y\n"), "")
			if err != nil {
				t.Fatal(err)
			}
			if !rd.Columns()[f.Name] {
				t.Errorf("%s: title %q not read as %s: %v", v, f.Title, f.Name, rd.Columns())
			}
		}
	}
}
