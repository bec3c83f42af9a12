package opendata

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"carnet/models"
)

// Columns a file does not have. A producer's next file often lacks a
// column its earlier files had (an export configured anew, a tool that
// leaves out the columns it does not fill). An absent column is not an
// empty cell: the producer said nothing of that field, where an empty cell
// says the place has no such value. Read as empty, a file without
// « horaires » erased the hours the source's first import had stored for
// every place, and one without « services » withdrew every offer. A field
// none of whose columns the file has (in the format the reader recognised:
// the standard's columns of every version, or what a producer's format
// reads into them) keeps its stored value on a place the import updates
// (models.Fields), and the report says once per column which places kept
// one. A place new in the file has none.
//
// A CSV file has a column or not, by its header. A JSON file's objects
// each have their keys: a key is absent when no object of the file has it
// (Import reads the file once first to know). An object without a key that
// others have is read as having it empty, as a CSV row's empty cell: in a
// file that has hours, a place without them has none (exports leave out
// the keys whose value is null: PACA's file has 237 of 646 objects without
// « horaires »), and deciding object by object would keep stale hours for
// ever on a place whose producer removed them.

// keptColumns are, for each field an import keeps when its file has no
// column for it, the columns (of any version of the standard) that give
// it a value; label names them in the report.
var keptColumns = []struct {
	field   models.Fields
	label   string
	columns []string
}{
	{models.FieldPivot, "pivot", []string{"pivot"}},
	{models.FieldAddressComplement, "complement_adresse", []string{"complement_adresse"}},
	{models.FieldCoordinates, "latitude", []string{"latitude", "longitude", ColumnCoordinates}},
	{models.FieldTypologies, "typologie", []string{"typologie"}},
	{models.FieldPhones, "telephone", []string{"telephone"}},
	{models.FieldEmails, "courriels", []string{"courriels", "courriel"}},
	{models.FieldWebsites, "site_web", []string{"site_web"}},
	{models.FieldOpeningHours, "horaires", []string{"horaires"}},
	{models.FieldSummary, "presentation_resume", []string{"presentation_resume"}},
	{models.FieldDescription, "presentation_detail", []string{"presentation_detail"}},
	{models.FieldMobility, "itinerance", []string{"itinerance"}},
	{models.FieldNationalProgrammes, "dispositif_programmes_nationaux", []string{"dispositif_programmes_nationaux", "labels_nationaux"}},
	{models.FieldTrainingLabels, "formations_labels", []string{"formations_labels", "labels_nationaux"}},
	{models.FieldOtherLabels, "autres_formations_labels", []string{"autres_formations_labels", "labels_autres", "labels_nationaux"}},
	{models.FieldAcceslibreURL, "fiche_acces_libre", []string{"fiche_acces_libre", "accessibilite"}},
	{models.FieldBookingURL, "prise_rdv", []string{"prise_rdv"}},
	{models.FieldThemes, "services", []string{"services"}},
	{models.FieldPublics, "publics_specifiquement_adresses", []string{"publics_specifiquement_adresses", "publics_accueillis"}},
	{models.FieldSpecificSupport, "prise_en_charge_specifique", []string{"prise_en_charge_specifique", "publics_accueillis"}},
	{models.FieldFees, "frais_a_charge", []string{"frais_a_charge", "conditions_acces"}},
	{models.FieldPassNumerique, "autres_formations_labels", []string{"conditions_acces", "autres_formations_labels", "labels_autres", "labels_nationaux"}},
	{models.FieldAccompanimentModes, "modalites_accompagnement", []string{"modalites_accompagnement"}},
	{models.FieldAccessModes, "modalites_acces", []string{"modalites_acces"}},
	{models.FieldProducerDate, "date_maj", []string{"date_maj"}},
}

// absentFields are the fields none of whose columns carried holds.
func absentFields(carried map[string]bool) models.Fields {
	var absent models.Fields
	for _, k := range keptColumns {
		if !slices.ContainsFunc(k.columns, func(c string) bool { return carried[c] }) {
			absent |= k.field
		}
	}
	return absent
}

// carried returns the columns of the standard (of any version) the file
// gives values in: its columns read as the standard's, and those a
// producer's format writes from the columns the file has. For JSON, the
// keys of the objects read so far.
func (r *Reader) carried() map[string]bool { return r.carriedOf(r.columns) }

// carriedOf is carried for the columns cols (one JSON object's).
func (r *Reader) carriedOf(cols map[string]bool) map[string]bool {
	out := make(map[string]bool, len(cols))
	for c := range cols {
		switch {
		case knownColumn[c]:
			out[c] = true
		case r.producer == nil && strings.HasPrefix(c, producerPrefix+"day_"):
			out["horaires"] = true // see standardDays
		}
	}
	if r.producer != nil {
		r.producer.carries(cols, out)
	}
	return out
}

// carries adds to out the standard's columns the format writes (apply)
// from the file's columns cols (as the reader names them): its fixed
// values, its rules' columns, the columns it joins, splits or takes the
// first of, and its columns of hours.
func (p *producerFormat) carries(cols, out map[string]bool) {
	has := func(f string) bool {
		if prefix, ok := strings.CutSuffix(f, "*"); ok {
			for c := range cols {
				if strings.HasPrefix(c, producerPrefix+prefix) {
					return true
				}
			}
			return false
		}
		std, ok := p.foldedCols[f]
		return cols[producerPrefix+f] || ok && cols[std]
	}
	for col := range p.fixed {
		out[col] = true
	}
	for _, r := range p.rules {
		if slices.ContainsFunc(r.from, has) {
			out[r.column] = true
		}
	}
	for std, cs := range p.joins {
		if slices.ContainsFunc(cs, has) {
			out[std] = true
		}
	}
	for std, c := range p.joinOr {
		if has(c) {
			out[std] = true
		}
	}
	for std, lp := range p.parts {
		if has(lp.column) {
			out[std] = true
		}
	}
	for std, cs := range p.firsts {
		if slices.ContainsFunc(cs, has) {
			out[std] = true
		}
	}
	for f := range p.dayCols {
		if has(f) {
			out["horaires"] = true
		}
	}
}

// setAbsent gives a JSON reader the fields its file has no key for, as
// Import's first pass found them (a CSV reader knows them from its header).
func (r *Reader) setAbsent(absent models.Fields) {
	if r.format == FormatJSON {
		r.absent = absent
	}
}

// jsonHash is the hash of a JSON place's text. With keys absent from the
// file, the row reads otherwise than the same text in a file that has
// them (its stored values kept, or cleared): the absent fields are part
// of its hash, so that a row is skipped as identical to the last import's
// only when it reads alike. A CSV row's hash has its header, which says
// the columns. With none absent, the hash is what it always was.
func (r *Reader) jsonHash(raw []byte) string {
	if r.absent == 0 {
		return rowHash(nil, string(raw))
	}
	return rowHash(nil, string(raw), "absent:"+strconv.FormatUint(uint64(r.absent), 16))
}

// rowAbsent is absent without the fields the row gave a value all the
// same, from another column: a summary over 280 characters continued in
// the description, values of one list column read where they belong, a
// producer's rule. programmes are the row's own (before the Conseillers
// numériques programme is added for its producer: a place the programme
// lists keeps the other programmes stored for it).
func rowAbsent(absent models.Fields, a *models.Actor, programmes []string, sv *models.Service) models.Fields {
	if absent == 0 {
		return 0
	}
	given := func(f models.Fields, yes bool) {
		if yes {
			absent &^= f
		}
	}
	given(models.FieldPivot, a.Pivot != "")
	given(models.FieldAddressComplement, a.Address.Complement != "")
	given(models.FieldCoordinates, a.Latitude != nil || a.Longitude != nil)
	given(models.FieldTypologies, len(a.Typologies) > 0)
	given(models.FieldPhones, len(a.Phones) > 0)
	given(models.FieldEmails, len(a.Emails) > 0)
	given(models.FieldWebsites, len(a.Websites) > 0)
	given(models.FieldOpeningHours, a.OpeningHours != "")
	given(models.FieldSummary, a.Summary != "")
	given(models.FieldDescription, a.Description != "")
	given(models.FieldMobility, len(a.Mobility) > 0)
	given(models.FieldNationalProgrammes, len(programmes) > 0)
	given(models.FieldTrainingLabels, len(a.TrainingLabels) > 0)
	given(models.FieldOtherLabels, a.OtherLabels != "")
	given(models.FieldAcceslibreURL, a.AcceslibreURL != "")
	given(models.FieldBookingURL, a.BookingURL != "")
	given(models.FieldProducerDate, a.ProducerUpdatedOn != "")
	if sv != nil {
		given(models.FieldThemes, len(sv.Themes) > 0)
		given(models.FieldPublics, len(sv.Publics) > 0)
		given(models.FieldSpecificSupport, len(sv.SpecificSupport) > 0)
		given(models.FieldFees, len(sv.Fees) > 0)
		given(models.FieldPassNumerique, sv.PassNumerique)
		given(models.FieldAccompanimentModes, len(sv.AccompanimentModes) > 0)
		given(models.FieldAccessModes, len(sv.AccessModes) > 0)
	}
	return absent
}

// addKept notes the fields whose stored values a row's record kept.
func (r *Report) addKept(row int, kept models.Fields) {
	for i, k := range keptColumns {
		if kept&k.field == 0 {
			continue
		}
		if r.keptRows == nil {
			r.keptRows = make([][]int, len(keptColumns))
		}
		if rows := r.keptRows[i]; len(rows) == 0 || rows[len(rows)-1] != row {
			r.keptRows[i] = append(rows, row)
		}
	}
}

// keptIssues are the report's warnings of the values kept: one per column
// the file lacks, naming the places that kept a stored value.
func (r *Report) keptIssues() {
	var labels []string
	byLabel := map[string][]int{}
	for i, rows := range r.keptRows {
		if len(rows) == 0 {
			continue
		}
		// Two fields may have one column (the Pass numérique is read
		// from the other labels): one warning.
		l := keptColumns[i].label
		if _, ok := byLabel[l]; !ok {
			labels = append(labels, l)
		}
		byLabel[l] = append(byLabel[l], rows...)
	}
	for _, l := range labels {
		rows := byLabel[l]
		slices.Sort(rows)
		rows = slices.Compact(rows)
		places := "1 place"
		if len(rows) > 1 {
			places = fmt.Sprintf("%d places", len(rows))
		}
		var reason string
		switch l {
		case "services":
			if r.fileAbsent&offerFields != offerFields {
				reason = fmt.Sprintf("the file has no column services: the offers stored for %s kept their services (rows %s), not withdrawn, the producer saying nothing of them, and took the values of the file's other offer columns; a place new in the file has none. To withdraw them, give the column with empty cells", places, ranges(rows))
			} else {
				reason = fmt.Sprintf("the file has no column services: the offers stored for %s were kept as they are (rows %s), neither withdrawn nor updated, the producer saying nothing of them; a place new in the file has none. To withdraw them, give the column with empty cells", places, ranges(rows))
			}
		case "date_maj":
			reason = fmt.Sprintf("the file has no column date_maj (the day the producer last checked each place): the producer dates stored for %s were kept (rows %s); %s", places, ranges(rows), r.undatedPlaces())
		case "latitude":
			reason = fmt.Sprintf("the file has no columns latitude and longitude: the coordinates stored for %s were kept (rows %s), the producer saying nothing of them and their addresses being the same; a place new in the file has none. To clear them, give the columns with empty cells", places, ranges(rows))
		default:
			reason = fmt.Sprintf("the file has no column %s: the values stored for %s were kept (rows %s), the producer saying nothing of them; a place new in the file has none. To clear them, give the column with empty cells", l, places, ranges(rows))
		}
		r.issue(Issue{Row: 0, Field: l, Reason: reason, Severity: SeverityWarning})
	}
	r.keptRows = nil
	if _, said := byLabel["date_maj"]; !said && len(r.undated) > 0 {
		r.issue(Issue{Row: 0, Field: "date_maj", Reason: "the file has no column date_maj (the day the producer last checked each place): " + r.undatedPlaces(), Severity: SeverityWarning})
	}
	r.undated = nil
}

// undatedPlaces says which places of a file without date_maj have no
// producer date: they kept none, having none stored.
func (r *Report) undatedPlaces() string {
	rows := slices.Compact(slices.Sorted(slices.Values(r.undated)))
	if len(rows) == 0 {
		return "no place is without one"
	}
	places := "1 place has"
	if len(rows) > 1 {
		places = fmt.Sprintf("%d places have", len(rows))
	}
	return fmt.Sprintf("%s no producer date (rows %s), new in the file or stored without one: their check date is the day of the import, and they do not count as checked recently", places, ranges(rows))
}

// offerFields are the fields of a place's offer.
const offerFields = models.FieldThemes | models.FieldPublics | models.FieldSpecificSupport | models.FieldFees |
	models.FieldPassNumerique | models.FieldAccompanimentModes | models.FieldAccessModes

// noServicesColumnPartial is how a row of a file without a services column
// but with other offer columns is read.
const noServicesColumnPartial = "the file has no services column: an offer stored for the place keeps its services and takes the values of the file's other offer columns (a column the file lacks keeps its stored values); a place new in the directory has no offer"

// noServicesColumn is how a row of a file without a services column is
// read: the report's readings list those rows.
const noServicesColumn = "the file has no services column: the place is read without an offer (a place new in the directory has none; an offer stored for it before is kept as it is)"
