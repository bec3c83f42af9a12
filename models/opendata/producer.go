package opendata

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"carnet/models/openinghours"
)

// Producers' own formats. Several producers publish their places in a
// format of their own, with the name under « Lieu » or « lib_fs », the
// address under « Adresse postale », and lists as free text or as the
// codes of a form's checkboxes. The ANCT reads them into the standard with
// one published mapping per producer: the repository
// github.com/anct-cartographie-nationale/mednum-cli keeps them as
// assets/input/<producer>/<producer>.config.json (which column of the
// producer is which column of the standard, values given to every place,
// and rules « if one of these columns contains one of these terms, and
// none of those, the place has this value »). Carnet recognises the formats
// of those mappings by their columns and reads them the same way: the
// tables below are that knowledge, written again for Carnet (each names the
// mapping and the version it follows), not a guess from column names.
//
// A recognised format is read by its mapping only: a column the mapping
// names is read as it says; a column a rule reads feeds that rule and
// nothing else (Gironde's « services » column holds free text, not the
// standard's services); another column is read only when its name is a
// column of the standard as it stands (« date_maj »), never through an alias
// or a spelling close to one, which stay hints in the diagnosis.

// producerFormat is one producer's format and the ANCT's mapping of it.
type producerFormat struct {
	// Name is the producer's mapping's name in mednum-cli; Title says
	// whose format it is, for the report.
	Name, Title string
	// Mapping cites the published mapping the table follows.
	Mapping string
	// signature are columns (as the producer names them) a file must all
	// have to be read in this format.
	signature []string
	// columns maps the producer's columns to the standard's.
	columns map[string]string
	// fixed are values every place of the format has (the mapping's
	// « cible » without columns): a France Services is free.
	fixed map[string][]string
	rules []producerRule
	// days are columns of opening hours, one per day, read as
	// OpenStreetMap opening_hours.
	days []dayColumn
	// dayTimes are columns of opening hours as times, a day's opening and
	// closing in columns of their own (Ultra Num's « Ouverture matin
	// lundi », « Fermeture matin lundi »…), read as opening_hours by
	// Carnet: no ANCT mapping reads them (daysBy says whose reading it is).
	dayTimes []dayTimes
	daysBy   string
	// hoursDays is a column naming the days its hours column's times hold
	// on (Hub-lo's « c_jours_semaine »: « {Lundi,Mardi} » beside « 9h à
	// 12h »), read by Carnet: the mapping reads the times alone.
	hoursDays string
	// joins are standard columns written by joining producer columns
	// with a space (a number and a street: « N° » and « ADRESSE »).
	joins map[string][]string
	// firsts are standard columns written, when the file leaves them
	// empty, from the first of these producer columns holding a value
	// (Loire-Atlantique's date_maj: « date_modif », else « date_saisie »).
	firsts map[string][]string
	// weekParity is a column saying which weeks the hours hold on
	// (« Semaine paire », « Semaine impaire »): the hours are then
	// written for those weeks only (« week 02-52/2 Tu 09:30-12:00 »).
	weekParity string
	// joinOr is a producer column read as a standard column that its
	// join left empty (Rhin-Occ's « address.customFormatedAddress » when
	// the number and street are missing).
	joinOr map[string]string
	// parts are standard columns read as one part of a producer's list
	// (Res-in's « address.coordinates », [longitude, latitude]).
	parts map[string]listPart
	// own are columns the ANCT's mapping does not read and Carnet does
	// (as the table says: a column, a rule's column or a firsts' column),
	// so that the report says whose reading it is.
	own map[string]bool
	// dateInText says date_maj's column holds a date inside text
	// (« Espace labellisé 01/01/2020 »).
	dateInText bool
	// folded: signature, columns and the rules' columns, folded.
	foldedSig  []string
	foldedCols map[string]string
	ruleCols   map[string]bool
	dayCols    map[string]string
	colNames   map[string]string // a rule's column, folded → as the mapping names it
	// nested says the mapping names columns inside a JSON object
	// (« address.postalCode »): the JSON reader then reads each place
	// flattened, as mednum-cli does (flattenJSON).
	nested bool
	// rulePrefixes are folded prefixes of the columns rules read by a
	// name ending in « .* » (every column inside that object).
	rulePrefixes []string
	// halfDays are the days written in several columns of days (a
	// morning's and an afternoon's).
	halfDays map[string]bool
}

// listPart is the index-th item of a list in column (items separated by
// « , » or « | »).
type listPart struct {
	column string
	index  int
}

// producerRule gives a place value in column when one of the producer's
// columns from contains one of terms (any value when terms is nil) and
// none of except. codes says terms are codes of a form's checkboxes
// (« 1,5,12 », Mednum BFC's « RDV-G-R »), compared with each code of the
// list, not as text.
type producerRule struct {
	column string
	from   []string
	terms  []string
	except []string
	codes  bool
	// own says the rule is Carnet's, not the mapping's (the table says why).
	own bool
	// whole says terms are values compared whole with each item of the
	// cell's list (« CC » is not found in « CCAS »).
	whole bool
	value string
}

type dayColumn struct{ column, osm string }

// dayTimes is one day's columns: flag, when set, holds the day's code
// (« Mo ») when the place opens that day; spans are pairs of columns, an
// opening and a closing time each (« 08:30 », « 12:00 »).
type dayTimes struct {
	osm, flag string
	spans     [][2]string
}

// rule writes a producerRule briefly: rule(column, value, from, terms...).
func rule(column, value string, from []string, terms ...string) producerRule {
	return producerRule{column: column, value: value, from: from, terms: terms}
}

func (r producerRule) without(except ...string) producerRule { r.except = except; return r }

// ownRule is a rule that is Carnet's, not the mapping's: the format's table
// says why, and the report says whose reading it is.
func ownRule(column, value string, from []string, terms ...string) producerRule {
	r := rule(column, value, from, terms...)
	r.own = true
	return r
}

// wholeRule is a rule whose terms are values of a list, compared whole.
func wholeRule(column, value string, from []string, terms ...string) producerRule {
	return producerRule{column: column, value: value, from: from, terms: terms, whole: true}
}

// codeRule is a rule on a checkbox list's codes.
func codeRule(column, value string, from string, codes ...string) producerRule {
	return producerRule{column: column, value: value, from: []string{from}, terms: codes, codes: true}
}

const mednumCLI = "github.com/anct-cartographie-nationale/mednum-cli"

var producerFormats = []*producerFormat{
	girondeFormat, hinauraFormFormat, hinauraFormat, franceServicesFormat, franceServices2020Format, aidantsConnectFormat,
	angersFormat, conummFormat, corseFormat, epernayFormat, fibre64Format, hauteVienneFormat, hubLoFormat, pacaFormat, ultraNumFormat, maineEtLoireFormat, maineEtLoire2023Format, etapesNumeriques2023Format, nouvelleCaledonieFormat,
	heraultFormat, lesLandesFormat, loireAtlantiqueFormat, mulhouseFormat, parisFormat, grandParisSudFormat, busFranceServicesCharenteFormat, dataInclusionFormat,
	mednumBFCFormat, siilabFormat, numiFormat, resInFormat, rhinOccFormat, rhinOcc2022Format, hubBretagneFormat, doubsFormat,
}

func init() {
	for _, p := range producerFormats {
		p.foldedCols, p.ruleCols, p.dayCols, p.colNames = map[string]string{}, map[string]bool{}, map[string]string{}, map[string]string{}
		for _, s := range p.signature {
			p.foldedSig = append(p.foldedSig, foldColumn(s))
		}
		for c, std := range p.columns {
			p.foldedCols[foldColumn(c)] = std
		}
		own := map[string]bool{}
		for c := range p.own {
			own[foldColumn(c)] = true
		}
		p.own = own
		for i, r := range p.rules {
			r.from = slices.Clone(r.from) // rules share their column lists
			p.rules[i].from = r.from
			for j, c := range r.from {
				f := foldColumn(c)
				if prefix, ok := strings.CutSuffix(c, ".*"); ok {
					// Every column inside the object prefix.
					f = foldColumn(prefix) + "_*"
					p.rulePrefixes = append(p.rulePrefixes, strings.TrimSuffix(f, "*"))
				}
				p.colNames[f] = c
				p.rules[i].from[j] = f
				p.ruleCols[f] = true
			}
			p.rules[i].terms, p.rules[i].except = slices.Clone(r.terms), slices.Clone(r.except)
			for j, t := range r.terms {
				p.rules[i].terms[j] = foldTerm(t)
			}
			for j, t := range r.except {
				p.rules[i].except[j] = foldTerm(t)
			}
		}
		perDay := map[string]int{}
		for _, d := range p.days {
			p.dayCols[foldColumn(d.column)] = d.osm
			perDay[d.osm]++
		}
		for day, n := range perDay {
			if n > 1 {
				if p.halfDays == nil {
					p.halfDays = map[string]bool{}
				}
				p.halfDays[day] = true
			}
		}
		if p.hoursDays != "" {
			f := foldColumn(p.hoursDays)
			p.ruleCols[f], p.colNames[f] = true, p.hoursDays
		}
		for _, d := range p.dayTimes {
			p.dayCols[foldColumn(d.flag)] = d.osm
			for _, sp := range d.spans {
				p.dayCols[foldColumn(sp[0])], p.dayCols[foldColumn(sp[1])] = d.osm, d.osm
			}
		}
		for _, cols := range p.joins {
			for i, c := range cols {
				p.nested = p.nested || strings.Contains(c, ".")
				cols[i] = foldColumn(c)
				p.ruleCols[cols[i]] = true
				p.colNames[cols[i]] = c
			}
		}
		for _, cols := range p.firsts {
			for i, c := range cols {
				cols[i] = foldColumn(c)
				p.ruleCols[cols[i]] = true
				p.colNames[cols[i]] = c
			}
		}
		if p.weekParity != "" {
			f := foldColumn(p.weekParity)
			p.ruleCols[f], p.colNames[f] = true, p.weekParity
		}
		for std, c := range p.joinOr {
			p.nested = p.nested || strings.Contains(c, ".")
			p.joinOr[std] = foldColumn(c)
			p.ruleCols[foldColumn(c)], p.colNames[foldColumn(c)] = true, c
		}
		for std, lp := range p.parts {
			p.nested = p.nested || strings.Contains(lp.column, ".")
			p.colNames[foldColumn(lp.column)] = lp.column
			p.parts[std] = listPart{column: foldColumn(lp.column), index: lp.index}
			p.ruleCols[foldColumn(lp.column)] = true
		}
		for c := range p.columns {
			p.nested = p.nested || strings.Contains(c, ".")
		}
		for _, r := range p.rules {
			for _, c := range r.from {
				p.nested = p.nested || strings.Contains(p.colNames[c], ".")
			}
		}
		for _, d := range p.days {
			p.nested = p.nested || strings.Contains(d.column, ".")
		}
	}
}

// foldTerm is how rules compare text: lower case, one apostrophe.
func foldTerm(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "’", "'")
}

// detectProducer returns the format whose signature the file's columns
// (folded) all have, or nil. When several formats' signatures are all
// there, the longest wins (the Landes' columns are PACA's and three of
// its own), then the first listed.
func detectProducer(folded map[string]bool) *producerFormat {
	var found *producerFormat
	for _, p := range producerFormats {
		if !slices.ContainsFunc(p.foldedSig, func(s string) bool { return !folded[s] }) && (found == nil || len(p.foldedSig) > len(found.foldedSig)) {
			found = p
		}
	}
	return found
}

// producerPrefix marks the cells a format's rules read, kept under the
// producer's own (folded) name: no column of the standard starts so.
const producerPrefix = "@"

// reading returns how the format reads the producer's column name.
func (p *producerFormat) reading(name string) columnReading {
	f := foldColumn(name)
	if std, ok := p.foldedCols[f]; ok {
		how := ""
		if std != strings.TrimSpace(name) {
			how = fmt.Sprintf("column « %s » read as %s (the %s format, %s)", strings.TrimSpace(name), std, p.Title, p.whose(f))
		}
		return columnReading{name: std, how: how}
	}
	if p.ruleCols[f] || p.dayCols[f] != "" || slices.ContainsFunc(p.rulePrefixes, func(x string) bool { return strings.HasPrefix(f, x) }) {
		return columnReading{name: producerPrefix + f}
	}
	if slices.Contains(knownColumns, f) && f == strings.TrimSpace(name) {
		return columnReading{name: f}
	}
	// Any other column is not read: kept under its folded name, a column
	// of no version of the standard, so that the diagnosis lists it.
	if slices.Contains(knownColumns, f) || readColumn(name).name != f {
		return columnReading{name: producerPrefix + "unread_" + f}
	}
	return columnReading{name: f}
}

// apply gives rec the values the format's fixed values, rules and opening
// hours give it, in the columns the file left empty, and says how.
func (p *producerFormat) apply(rec *Record) {
	derived := map[string][]string{}
	var order []string
	add := func(col, v string) {
		if _, ok := derived[col]; !ok {
			order = append(order, col)
		}
		if !slices.Contains(derived[col], v) {
			derived[col] = append(derived[col], v)
		}
	}
	fixedCols := map[string]bool{}
	for _, col := range sortedKeys(mapKeys(p.fixed)) {
		for _, v := range p.fixed[col] {
			add(col, v)
		}
		fixedCols[col] = true
	}
	from, ownFrom := map[string][]string{}, map[string][]string{}
	for _, r := range p.rules {
		for _, c := range r.from {
			v := rec.Cells[producerPrefix+c]
			if std, ok := p.foldedCols[c]; ok && v == "" {
				v = rec.Cells[std] // a column read as the standard's feeds rules too
			}
			if prefix, ok := strings.CutSuffix(c, "*"); ok {
				v = p.anyInside(rec, prefix, r)
			}
			if v != "" && r.matches(v) {
				add(r.column, r.value)
				by := from
				if r.own || p.own[c] {
					by = ownFrom
				}
				if name := p.colNames[c]; !slices.Contains(by[r.column], name) {
					by[r.column] = append(by[r.column], name)
				}
			}
		}
	}
	p.unmatchedTerms(rec)
	p.hoursOnTheirDays(rec)
	if p.dateInText {
		if v := rec.Cells["date_maj"]; v != "" {
			if m := dateInText.FindString(v); m != "" && m != v {
				rec.Cells["date_maj"] = m
				if rec.Renamed == nil {
					rec.Renamed = map[string]string{}
				}
				rec.Renamed["date_maj"] = fmt.Sprintf("the date in « %s » (the %s format, by the ANCT's mapping)", clip(v), p.Title)
			}
		}
	}
	for _, std := range sortedKeys(mapKeys(p.joins)) {
		var parts, names []string
		for _, c := range p.joins[std] {
			if v := strings.TrimSpace(rec.Cells[producerPrefix+c]); v != "" {
				parts, names = append(parts, v), append(names, p.colNames[c])
			}
		}
		if len(parts) > 0 && strings.TrimSpace(rec.Cells[std]) == "" {
			rec.set(columnReading{name: std, how: fmt.Sprintf("« %s » joined (the %s format, by the ANCT's mapping)", strings.Join(names, " » and « "), p.Title)}, strings.Join(parts, " "))
		}
		if or := p.joinOr[std]; or != "" && strings.TrimSpace(rec.Cells[std]) == "" {
			if v := strings.TrimSpace(rec.Cells[producerPrefix+or]); v != "" {
				rec.set(columnReading{name: std, how: fmt.Sprintf("column « %s » read as %s, « %s » being empty (the %s format, by the ANCT's mapping)", p.colNames[or], std, strings.Join(p.joinNames(std), " » and « "), p.Title)}, v)
			}
		}
	}
	for _, std := range sortedKeys(p.partKeys()) {
		lp := p.parts[std]
		items := strings.FieldsFunc(rec.Cells[producerPrefix+lp.column], func(r rune) bool { return r == ',' || r == '|' })
		if lp.index < len(items) && strings.TrimSpace(rec.Cells[std]) == "" {
			rec.set(columnReading{name: std, how: fmt.Sprintf("item %d of the list « %s » (the %s format, by the ANCT's mapping)", lp.index+1, p.colNames[lp.column], p.Title)}, strings.TrimSpace(items[lp.index]))
		}
	}
	for _, std := range sortedKeys(mapKeys(p.firsts)) {
		if strings.TrimSpace(rec.Cells[std]) != "" {
			continue
		}
		for _, c := range p.firsts[std] {
			if v := strings.TrimSpace(rec.Cells[producerPrefix+c]); v != "" {
				rec.set(columnReading{name: std, how: fmt.Sprintf("« %s » (the %s format, %s: read when the row has no other)", p.colNames[c], p.Title, p.whose(c))}, v)
				break
			}
		}
	}
	h, notes := p.hours(rec)
	if h != "" {
		add("horaires", h)
	}
	p.onTheirWeeks(rec)
	for _, col := range order {
		if strings.TrimSpace(rec.Cells[col]) != "" {
			continue // the file's own value
		}
		var how string
		switch {
		case col == "horaires":
			how = fmt.Sprintf("opening hours written from the day columns (the %s format, by the ANCT's mapping)", p.Title)
			if p.daysBy != "" {
				how = fmt.Sprintf("opening hours written from the day columns (the %s format: %s)", p.Title, p.daysBy)
			}
			if notes {
				how += "; a note on appointments after a day's times kept as the comment of that day's hours (« Mo 09:00-12:00 \"sur RDV\" »: which times it concerns is the producer's to say)"
			}
		case fixedCols[col] && len(from[col])+len(ownFrom[col]) == 0:
			how = fmt.Sprintf("« %s » given to every place of the %s format (the ANCT's mapping)", strings.Join(derived[col], " | "), p.Title)
		case len(from[col]) == 0:
			how = fmt.Sprintf("derived from the codes of « %s » by Carnet's reading of the %s format (not in the ANCT's mapping; see its table)", strings.Join(ownFrom[col], " », « "), p.Title)
		default:
			how = fmt.Sprintf("derived from the terms of « %s » by the ANCT's mapping of the %s format", strings.Join(from[col], " », « "), p.Title)
			if len(ownFrom[col]) > 0 {
				how += fmt.Sprintf(", and of « %s » by Carnet's reading of it (not in the mapping; see its table)", strings.Join(ownFrom[col], " », « "))
			}
		}
		rec.set(columnReading{name: col, how: how}, strings.Join(derived[col], "|"))
	}
}

// unmatchedTerms warns of each code or listed value of a column that the
// format's rules compare whole (checkbox codes, short codes of a list)
// and that no rule reads: the mapping turns it into nothing, which the
// report said nowhere (Mednum BFC's « M », « O », a code added to a
// producer's form after its mapping was written). One warning per cell,
// naming the values left and the terms the mapping reads there; the
// row's other values are read. Free-text rules (a term found inside a
// description) are not concerned: their text is not a list of terms.
func (p *producerFormat) unmatchedTerms(rec *Record) {
	terms := map[string][]string{}
	codes := map[string]bool{}
	texts := map[string][]string{} // free-text rules' terms, per column
	var cols []string
	for _, r := range p.rules {
		if r.terms != nil && !r.codes && !r.whole {
			for _, c := range r.from {
				texts[c] = append(texts[c], r.terms...)
			}
		}
		if r.terms == nil || !r.codes && !r.whole {
			continue
		}
		for _, c := range r.from {
			if strings.HasSuffix(c, "*") {
				continue
			}
			if _, ok := p.foldedCols[c]; ok {
				continue // read as the standard's column, which warns itself
			}
			if _, seen := terms[c]; !seen {
				cols = append(cols, c)
			}
			terms[c] = append(terms[c], r.terms...)
			codes[c] = codes[c] || r.codes
		}
	}
	for _, c := range cols {
		v := strings.TrimSpace(rec.Cells[producerPrefix+c])
		if v == "" || isPlaceholder(v) {
			continue
		}
		// A value a free-text rule of the column reads (the Doubs map's
		// « Conseiller Numérique » beside its codes) is read, not left.
		v = withoutTerms(v, texts[c])
		sep := func(r rune) bool { return r == ',' || r == ';' || r == '|' }
		if codes[c] {
			sep = func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == ' ' || r == '-' }
		}
		var left []string
		for _, it := range strings.FieldsFunc(v, sep) {
			if it = strings.TrimSpace(it); it != "" && !isPlaceholder(it) && !slices.Contains(terms[c], foldTerm(it)) && !slices.Contains(left, it) {
				left = append(left, it)
			}
		}
		if len(left) == 0 {
			continue
		}
		known := slices.Clone(terms[c])
		slices.Sort(known)
		known = slices.Compact(known)
		rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: p.colNames[c], Value: clip(strings.Join(left, ", ")), Severity: SeverityWarning,
			Reason: fmt.Sprintf("%s: no term the %s format's mapping reads in this column (it reads %s); dropped, the cell's other values read",
				quoteAll(left), p.Title, clip(strings.Join(known, ", ")))})
	}
}

// withoutTerms is v without the terms it holds (compared regardless of
// case), longest first.
func withoutTerms(v string, terms []string) string {
	if len(terms) == 0 {
		return v
	}
	terms = slices.Clone(terms)
	slices.SortFunc(terms, func(a, b string) int { return len(b) - len(a) })
	for _, t := range terms {
		for {
			low := strings.ToLower(v)
			i := strings.Index(low, foldTerm(t))
			if i < 0 || len(low) != len(v) {
				break
			}
			v = v[:i] + " " + v[i+len(t):]
		}
	}
	return v
}

// quoteAll writes values as « a », « b ».
func quoteAll(vs []string) string {
	return "« " + strings.Join(vs, " », « ") + " »"
}

// anyInside returns the first value among the cells read inside the
// object prefix (folded, « services_etre_aidee_ ») that satisfies r, in
// the columns' order, or "".
func (p *producerFormat) anyInside(rec *Record, prefix string, r producerRule) string {
	var keys []string
	for k := range rec.Cells {
		if strings.HasPrefix(k, producerPrefix+prefix) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if v := rec.Cells[k]; v != "" && r.matches(v) {
			return v
		}
	}
	return ""
}

// whose says whose reading the folded column is: the ANCT's mapping's or
// Carnet's own (p.own).
func (p *producerFormat) whose(folded string) string {
	if p.own[folded] {
		return "Carnet's reading: not in the ANCT's mapping"
	}
	return "by the ANCT's mapping"
}

// joinNames are the producer's names of the columns joined as std.
func (p *producerFormat) joinNames(std string) []string {
	var out []string
	for _, c := range p.joins[std] {
		out = append(out, p.colNames[c])
	}
	return out
}

func (p *producerFormat) partKeys() map[string]string {
	out := map[string]string{}
	for k := range p.parts {
		out[k] = ""
	}
	return out
}

func mapKeys(m map[string][]string) map[string]string {
	out := make(map[string]string, len(m))
	for k := range m {
		out[k] = ""
	}
	return out
}

// matches reports whether the cell v satisfies the rule.
func (r producerRule) matches(v string) bool {
	v = foldTerm(v)
	if r.terms == nil {
		return v != ""
	}
	if r.codes {
		items := strings.FieldsFunc(v, func(c rune) bool { return c == ',' || c == ';' || c == '|' || c == ' ' || c == '-' })
		return slices.ContainsFunc(r.terms, func(t string) bool { return slices.Contains(items, t) })
	}
	if r.whole {
		items := strings.FieldsFunc(v, func(c rune) bool { return c == ',' || c == ';' || c == '|' })
		return slices.ContainsFunc(items, func(it string) bool { return slices.Contains(r.terms, strings.TrimSpace(it)) })
	}
	for _, x := range r.except {
		if strings.Contains(v, x) {
			return false
		}
	}
	return slices.ContainsFunc(r.terms, func(t string) bool { return strings.Contains(v, t) })
}

// dateInText finds a DD/MM/YYYY date inside text.
var dateInText = regexp.MustCompile(`\b[0-3]?[0-9]/[01]?[0-9]/(?:19|20)[0-9]{2}\b`)

// timeRange is a range of hours as producers write them: 09:00 - 12:00,
// 9h-12h, 13h30 à 17h.
var timeRange = regexp.MustCompile(`^([0-9]{1,2})(?:[:h.]([0-9]{2}))?h?\s*(?:-|à|a)\s*([0-9]{1,2})(?:[:h.]([0-9]{2}))?h?$`)

// hours writes the format's day columns as opening_hours: each day's
// ranges, « 09:00 - 12:00 / 13:30 - 17:00 » → « Mo 09:00-12:00,13:30-17:00 »,
// or the day's cell read as French hours of that day (« 09:00 - 11:00, 15:30
// - 17:30 », « 8h30 à 12h »). A day whose cell reads neither way is written
// unknown, the other days kept, with a warning naming it (dayHours).
func (p *producerFormat) hours(rec *Record) (string, bool) {
	var d dayHours
	halves := map[string][]string{}  // a day's ranges from its several columns
	halfBad := map[string][]string{} // a day's cells that do not read
	for i, dc := range p.days {
		v := strings.TrimSpace(rec.Cells[producerPrefix+foldColumn(dc.column)])
		if v != "" {
			d.raw = append(d.raw, dc.osm+" "+v)
		}
		if p.halfDays[dc.osm] {
			// A day in several columns (Mednum BFC's « lundi matin »,
			// « lundi après-midi »): the mapping joins them; each is
			// read as ranges of that day, and the day is one rule.
			if v != "" && !closedDay(v) {
				if r, ok := halfDayRanges(v, dc.osm); ok {
					halves[dc.osm] = append(halves[dc.osm], r)
				} else {
					halfBad[dc.osm] = append(halfBad[dc.osm], v)
				}
			}
			if i+1 == len(p.days) || p.days[i+1].osm != dc.osm {
				r, ok := joinRanges(halves[dc.osm])
				switch {
				case len(halfBad[dc.osm]) > 0:
					d.unread(dc.osm, strings.Join(halfBad[dc.osm], " / "))
				case !ok:
					d.unread(dc.osm, strings.Join(halves[dc.osm], " / "))
				case r != "":
					d.read(dc.osm + " " + r)
				}
			}
			continue
		}
		if v == "" {
			continue
		}
		d.readDay(dc.osm, v)
	}
	for _, dt := range p.dayTimes {
		switch r, ok := p.dayRule(rec, dt); {
		case !ok:
			d.raw = append(d.raw, r)
			d.unread(dt.osm, strings.TrimPrefix(r, dt.osm+" "))
		case r != "":
			d.raw = append(d.raw, r)
			d.read(r)
		}
	}
	h := d.done(rec, "the day columns of hours (the "+p.Title+" format)", "")
	return h, d.notes && h != ""
}

// dayHours are a row's hours read from columns of one day each. A day
// whose cell reads as no times (« pendant les vacances scolaires 9h-12h »,
// « selon planning », a span without its end) is written « unknown », the
// other days kept, and the warning names it: the whole row's hours were
// dropped for one such day (49 rows of the France Services list of 2020).
// Unknown, not left out: a day left out is a closed day, and these give
// hours Carnet cannot read. A row of which no day reads loses its hours,
// as before, with a warning showing what the columns held.
type dayHours struct {
	rules, raw []string
	// notes says a day's note on appointments was kept as its comment.
	notes bool
	// bad are the days not read, each as its code and its cell.
	bad [][2]string
}

func (d *dayHours) read(rule string) { d.rules = append(d.rules, rule) }

func (d *dayHours) unread(osm, cell string) {
	d.rules = append(d.rules, osm+" unknown")
	d.bad = append(d.bad, [2]string{osm, cell})
}

// done returns the row's hours, and adds the warnings to rec. what names
// the columns (« the day columns of hours (the … format) »); hint, when
// set, says how to write a day's hours.
func (d *dayHours) done(rec *Record, what, hint string) string {
	if len(d.bad) == 0 {
		return strings.Join(d.rules, "; ")
	}
	if len(d.bad) == len(d.rules) {
		rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: "horaires", Value: clip(strings.Join(d.raw, "; ")), Severity: SeverityWarning,
			Reason: what + " hold no day whose cell reads as times (a value that is not a time, a span without its start or end, or one ending long before it starts); the row's hours are dropped" + hint})
		return ""
	}
	for _, b := range d.bad {
		rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: "horaires", Value: clip(b[0] + " " + b[1]), Severity: SeverityWarning,
			Reason: fmt.Sprintf("%s: %s's cell is not a time, a span without its start or end, or one ending long before it starts: written « %s unknown » (hours given but not read), the other days' hours kept%s", what, englishDay(b[0]), b[0], hint)})
	}
	return strings.Join(d.rules, "; ")
}

// englishDay names an opening_hours day (« Mo ») in the report's words.
func englishDay(osm string) string {
	i := slices.IndexFunc(frenchDays[:], func(d [2]string) bool { return d[1] == osm })
	if i < 0 {
		return osm
	}
	return [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}[i]
}

// hoursOnTheirDays puts the days of the format's hoursDays column before
// the times of its hours column when the times name no day and do not read
// as they stand: « 9h à 12h / 14h à 17h » on « {Mardi,Lundi} » becomes
// « lundi, mardi : 9h à 12h / 14h à 17h », which the reading of French
// hours then reads whole or not at all.
func (p *producerFormat) hoursOnTheirDays(rec *Record) {
	if p.hoursDays == "" {
		return
	}
	h := strings.TrimSpace(rec.Cells["horaires"])
	days := weekDays(rec.Cells[producerPrefix+foldColumn(p.hoursDays)])
	if h == "" || days == "" || namesDays.MatchString(foldTerm(h)) {
		return
	}
	if _, bad, err := openinghours.ParseLenient(h); err == nil && len(bad) == 0 {
		return
	}
	rec.Cells["horaires"] = days + " : " + h
	if rec.Renamed == nil {
		rec.Renamed = map[string]string{}
	}
	rec.Renamed["horaires"] = fmt.Sprintf("the times of « %s » on the days of « %s », which the times do not name (the %s format: Carnet's reading, its mapping reads the times alone)",
		p.colNames[foldColumn(p.hoursColumn())], p.hoursDays, p.Title)
}

// hoursColumn is the producer's column the format reads as horaires.
func (p *producerFormat) hoursColumn() string {
	for c, std := range p.columns {
		if std == "horaires" {
			return c
		}
	}
	return "horaires"
}

// namesDays finds a word naming days in folded hours text.
var namesDays = regexp.MustCompile(`(?i)\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim|semaine|week|jours?|quotidien|7j)s?\b`)

// weekDays reads a list of days (« {Lundi,Mercredi,Mardi} », « lundi;
// mardi ») as French day names in the week's order, or "" unless every
// part is a day.
func weekDays(v string) string {
	v = strings.Trim(strings.TrimSpace(v), "{}[]")
	if v == "" {
		return ""
	}
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		d := strings.Trim(strings.ToLower(strings.TrimSpace(part)), "\"'")
		if frenchDayOsm(d) == "" {
			return ""
		}
		seen[d] = true
	}
	var out []string
	for _, d := range frenchDays {
		if seen[d[0]] {
			out = append(out, d[0])
		}
	}
	return strings.Join(out, ", ")
}

// frenchDayOsm is the opening_hours day (« Mo ») of a French day name.
func frenchDayOsm(name string) string {
	for _, d := range frenchDays {
		if d[0] == name {
			return d[1]
		}
	}
	return ""
}

// readDay reads one day's cell (osm, « Mo ») into d, the same way in
// every file that writes a column per day (a producer's format, or
// « horaires_lundi »… beside the standard's columns): its ranges or French
// hours (dayCell), else those times and one note after them
// (appointmentNote), else closed (closedDay), else unknown.
func (d *dayHours) readDay(osm, v string) {
	if r, ok := dayCell(osm, v); ok {
		d.read(r)
	} else if times, note := appointmentNote(v); note != "" {
		times, note, state := joinedNote(times, note)
		if r, ok := dayCell(osm, times); ok && times != "" && !strings.Contains(r, ";") {
			d.read(r + state + ` "` + note + `"`)
			d.notes = true
		} else {
			d.unread(osm, v)
		}
	} else if !closedDay(v) {
		d.unread(osm, v)
	}
}

// dayCell reads one day's cell (osm, « Mo ») as that day's rule: ranges
// (dayRanges), or French hours of that day. A half-day written closed
// beside the other half's range (« FERME / 13h30 – 18h00 ») is left out:
// the day's rule is the other half.
func dayCell(osm, v string) (string, bool) {
	v = dayDashes.Replace(v)
	var open []string
	for _, part := range dayRangeSeparator.Split(v, -1) {
		if !closedDay(part) {
			open = append(open, strings.TrimSpace(part))
		}
	}
	if len(open) == 0 {
		return "", false
	}
	v = strings.Join(open, " / ")
	if r, ok := dayRanges(v); ok {
		return osm + " " + r, true
	}
	return openinghours.FromFrench(frenchDayOf(osm) + " " + v)
}

// appointmentNote splits a day's cell into its times and the one note on
// appointments after them (« 9h - 12h / 13h30 - 16h30 (sous RDV) »,
// « 8h - 12h / 13h30 – 17h⏎(après midi sur rendez vous) », « 9h30-12h AM
// sur RDV »): France Services' list of 2020 writes such notes in 27 of its
// rows, whose day was unknown. The note is returned as written (no
// parentheses, spaces joined, no double quote), to be kept as the
// comment of the day's hours: which times it concerns is the producer's
// to say, Carnet does not guess it. "" when the cell ends with no such
// note.
func appointmentNote(v string) (times, note string) {
	m := appointmentAfter.FindStringSubmatchIndex(v)
	if m == nil || m[0] == 0 {
		return v, ""
	}
	note = strings.Join(strings.Fields(strings.NewReplacer(`"`, "", "(", "", ")", "").Replace(v[m[2]:m[3]])), " ")
	return strings.TrimSpace(v[:m[0]]), note
}

// joinedNote reads a note joined to the times before it by « et » or
// « ou » (« le lundi de 9h à 12h et sur rendez-vous », « 14h-17h ou sur
// RDV »): other times on appointment, beside the hours written, which are
// open as written. It returns the times without the conjunction, the note
// with it (« et sur rendez-vous »: the comment says the hours are not all),
// and the state the rules take: open, which keeps the hours written from
// reading « unknown » (opening_hours.js: « might be open ») as a note on
// appointments alone makes them. Any other note is returned as it came,
// with its own state (noteState). Such notes were refused whole, the hours
// with them, and a day's cell lost the « et » (its hours read unknown).
func joinedNote(times, note string) (string, string, string) {
	t := strings.TrimRight(times, " ,;:")
	for _, conj := range []string{"et", "ou"} {
		if len(t) > len(conj) && strings.EqualFold(t[len(t)-len(conj):], conj) && (t[len(t)-len(conj)-1] == ' ' || t[len(t)-len(conj)-1] == ',') {
			return strings.TrimRight(t[:len(t)-len(conj)], " ,;:"), strings.ToLower(conj) + " " + note, " open"
		}
	}
	return times, note, noteState(note)
}

// frenchWithNote reads hours written in French followed by one note on
// appointments (« Du lundi au vendredi, de 8h30 à 17h, sur rendez-vous
// uniquement », « … de 09h00 à 12h30 sans RDV. »), which FromFrench
// refuses whole: the hours, the rules the note concerns with it as their
// comment, as a day's cell keeps it (appointmentNote, noteState). A note
// joined to the hours by « et » or « ou » is read so too, the hours open
// (joinedNote). Not a note with no hours before it.
func frenchWithNote(v string) (string, bool) {
	times, note := appointmentNote(v)
	if note == "" {
		return "", false
	}
	times, note, state := joinedNote(times, note)
	if t := strings.TrimRight(times, " ,;:"); t == "" {
		return "", false
	}
	fr, ok := openinghours.FromFrench(times)
	if !ok {
		return "", false
	}
	rules := strings.Split(fr, "; ")
	// A note in parentheses after several groups of days is the last
	// one's (« … / le vendredi : 09h-16h00 (journée continue) »); one
	// after a comma or a space, the whole text's (« …, uniquement sur
	// rendez-vous »).
	last := strings.HasSuffix(strings.TrimRight(v, " ."), ")")
	for i, r := range rules {
		if !strings.HasSuffix(r, " off") && (!last || i == len(rules)-1) {
			rules[i] = r + state + ` "` + note + `"`
		}
	}
	out := strings.Join(rules, "; ")
	if _, err := openinghours.Parse(out); err != nil {
		return "", false
	}
	return out, true
}

// noteState is the state written before a day's note: a comment alone
// makes its times « unknown » in OpenStreetMap (opening_hours.js: « might
// be open »), right for hours on appointment, which the person must book;
// a note saying the place is open without one (« accueil libre », « sans
// rendez-vous », « en continu ») keeps them open, « open "en continu" ».
func noteState(note string) string {
	if openNote.MatchString(note) {
		return " open"
	}
	return ""
}

var openNote = regexp.MustCompile(`(?i)^(?:(?:accueil|acc[eè]s)\s+libre|en\s+continu|journ[ée]e\s+continue|(?:.*\s)?sans\s+(?:rdv|rendez[- ]vous)(?:\s+uniquement)?)$`)

// appointmentAfter finds a note on appointments at the end of a cell,
// with or without parentheses, the part of the day it names before it.
// « Accueil libre » (without appointment) and « en continu » (no break at
// noon) are notes of the same kind.
var appointmentAfter = regexp.MustCompile(`(?i)[\s,;:–-]*\(?\s*((?:(?:l['’]\s*)?(?:apr[eè]s[- ]?midi|am|matin(?:ée|ee)?)\s+)?(?:uniquement\s+)?(?:sur|sous|avec|sans)\s+(?:rdv|rendez[- ]vous)(?:\s+uniquement)?|(?:accueil|acc[eè]s)\s+libre|en\s+continu|journ[ée]e\s+continue)\s*\)?\.?\s*$`)

// dayRanges reads a day cell written as ranges separated by « / » or
// « et » (« 09:00 - 12:00 / 13:30 - 17:00 », « 9h-12h et 14h-17h » →
// « 09:00-12:00,13:30-17:00 »), their dashes hyphens or dashes
// (« 13h15 – 17h30 », France Services' list of 2020) and their spaces
// breaking or not.
func dayRanges(v string) (string, bool) {
	v = dayDashes.Replace(v)
	var ranges []string
	parts := dayRangeSeparator.Split(v, -1)
	for _, part := range parts {
		part = strings.TrimSpace(part)
		m := timeRange.FindStringSubmatch(part)
		if m == nil {
			m = hoursRunTogether.FindStringSubmatch(part)
		}
		if m == nil {
			if m = timesSideBySide.FindStringSubmatch(part); m != nil && (hhmm(m[1], m[2]) >= hhmm(m[3], m[4]) || len(m[3]) == 2 && m[3] > "24") {
				return "", false // « 14 h 9 h », « 9 h 30 h »: not a range
			}
		}
		if m == nil {
			return "", false
		}
		from, to := hhmm(m[1], m[2]), hhmm(m[3], m[4])
		if from == "00:00" && to == "00:00" && len(parts) > 1 {
			continue // « 00:00 - 00:00 / 09:00 - 12:00 »: a form's empty morning
		}
		if to <= from && (to > lateClose || to == from) {
			return "", false // « 14h-9h »: a slip, not 19 hours through the night
		}
		ranges = append(ranges, from+"-"+to)
	}
	if len(ranges) == 0 {
		return "", false
	}
	return strings.Join(ranges, ","), true
}

// lateClose is the latest time a day's range may end past midnight (« 18h-1h »,
// an evening session): a range that ends later the next morning than this
// (« 14h-9h ») is a slip of the pen, not a place open through the night.
const lateClose = "06:00"

// timesSideBySide is a range written as two times each with its « h »,
// the dash left out (« 9 h 12 h », « 14h 17h30 »: France Services' list of
// 2020): in a cell of one day's ranges nothing else can be meant. (Free
// text, read by FromFrench, still refuses « 16 h 18 h ».)
var timesSideBySide = regexp.MustCompile(`^([0-9]{1,2})\s*h\s*([0-5][0-9])?\s+([0-9]{1,2})\s*h\s*([0-5][0-9])?$`)

var (
	dayDashes         = strings.NewReplacer("–", "-", "—", "-", "\u00a0", " ", "\u202f", " ")
	dayRangeSeparator = regexp.MustCompile(`/|\set\s`)
)

// halfDayRanges reads one of a day's several cells (a morning's, an
// afternoon's) as ranges of that day: « 8h30-12h », « 13h30 à 17h »,
// « 9h12h » (two times each ending in h, the dash left out), or French
// hours of that day that are times only.
func halfDayRanges(v, osm string) (string, bool) {
	if r, ok := dayRanges(v); ok {
		return r, true
	}
	if m := hoursRunTogether.FindStringSubmatch(strings.TrimSpace(v)); m != nil {
		return hhmm(m[1], m[2]) + "-" + hhmm(m[3], m[4]), true
	}
	fr, ok := openinghours.FromFrench(frenchDayOf(osm) + " " + v)
	if r, found := strings.CutPrefix(fr, osm+" "); ok && found && !strings.ContainsAny(r, "; ") {
		return r, true
	}
	return "", false
}

// hoursRunTogether is a range whose two times each end in h, written
// without a dash (« 9h12h », « 14h18h », « 8h3012h »).
var hoursRunTogether = regexp.MustCompile(`^([0-9]{1,2})h([0-5][0-9])?([0-9]{1,2})h([0-5][0-9])?$`)

// joinRanges joins a day's ranges (« 08:30-12:00 », « 13:30-17:00 ») into
// one rule's, ok only when each starts before it ends and after the one
// before it ends: a morning that overlaps the afternoon is not read.
func joinRanges(parts []string) (string, bool) {
	joined := strings.Join(parts, ",")
	if joined == "" {
		return "", true
	}
	prev := ""
	for r := range strings.SplitSeq(joined, ",") {
		from, to, _ := strings.Cut(r, "-")
		if from >= to || from < prev || to > "24:00" {
			return "", false
		}
		prev = to
	}
	return joined, true
}

// closedDay says whether a day's cell says the place is closed that day:
// « Fermé », « non » (open that day? no: the France Services list of 2020),
// or a dash alone (France Services' « h_samedi »: « - »).
func closedDay(v string) bool {
	// A spreadsheet writes a cell « - » as « '- » lest it be a formula.
	v = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(v)), "'")
	return strings.Trim(v, "-–—_/. ") == "" || slices.Contains([]string{"ferme", "fermé", "fermée", "closed", "off", "non"}, strings.TrimRight(v, "."))
}

// frenchDayOf names an opening_hours day (« Mo ») in French (« lundi »).
func frenchDayOf(osm string) string {
	for _, d := range frenchDays {
		if d[1] == osm {
			return d[0]
		}
	}
	return ""
}

// clockTime is a time of a day column: 08:30, 8:30, 8h30, 8h.
var clockTime = regexp.MustCompile(`^([01]?[0-9]|2[0-4])(?:[:h]([0-5][0-9])|h)$`)

// dayRule writes one day's time columns as a rule (« Mo
// 08:30-12:00,13:00-16:30 »), or "" when they hold nothing; ok is false when
// a span has one end only, a value that is not a time, or ends before it
// starts (the rule then shows the values as they stand, for the warning).
func (p *producerFormat) dayRule(rec *Record, d dayTimes) (rule string, ok bool) {
	cell := func(col string) string {
		v := strings.TrimSpace(rec.Cells[producerPrefix+foldColumn(col)])
		if !strings.ContainsAny(v, "0123456789") {
			return "" // « ; », « - »: no time
		}
		return v
	}
	pairs := d.spans
	if len(pairs) == 2 && cell(pairs[0][0]) != "" && cell(pairs[0][1]) == "" && cell(pairs[1][0]) == "" && cell(pairs[1][1]) != "" {
		// The morning's opening and the afternoon's closing only: one
		// span over the day (« journée continue »).
		pairs = [][2]string{{pairs[0][0], pairs[1][1]}}
	}
	var spans []string
	ok = true
	for _, sp := range pairs {
		from, to := cell(sp[0]), cell(sp[1])
		if from == "" && to == "" {
			continue
		}
		a, b := clockTime.FindStringSubmatch(from), clockTime.FindStringSubmatch(to)
		if a == nil || b == nil || hhmm(a[1], a[2]) >= hhmm(b[1], b[2]) {
			spans, ok = append(spans, "« "+from+" » to « "+to+" »"), false
			continue
		}
		spans = append(spans, hhmm(a[1], a[2])+"-"+hhmm(b[1], b[2]))
	}
	if len(spans) == 0 {
		return "", true
	}
	if f := cell(d.flag); f != "" && f != d.osm {
		// The day's flag names another day: the columns contradict
		// each other.
		return d.osm + " " + strings.Join(spans, ",") + " (« " + f + " »)", false
	}
	return d.osm + " " + strings.Join(spans, ","), ok
}

func hhmm(h, m string) string {
	if len(h) == 1 {
		h = "0" + h
	}
	if m == "" {
		m = "00"
	}
	return h + ":" + m
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// ProducerFormat says which producer's format a file was recognised in
// and how its columns were read.
type ProducerFormat struct {
	// Name is the mapping's name (« gironde »), Title the producer's.
	Name  string `json:"name"`
	Title string `json:"title"`
	// Mapping cites the ANCT's published mapping the reading follows.
	Mapping string `json:"mapping"`
	// Columns are the file's columns read as columns of the standard.
	Columns []ProducerColumn `json:"columns"`
	// Derived are the standard's columns the mapping's rules and fixed
	// values fill from other columns (or for every place).
	Derived []string `json:"derived"`
}

// ProducerColumn is one column of the producer's file and the standard's
// column it is read as.
type ProducerColumn struct {
	Column string `json:"column"`
	ReadAs string `json:"read_as"`
	// CarnetReading says the mapping does not read the column and Carnet
	// does (the format's table says why).
	CarnetReading bool `json:"carnet_reading,omitempty"`
}

// info describes the format for the report, with the file's own column
// names (names maps folded names to them).
func (p *producerFormat) info(names map[string]string) *ProducerFormat {
	out := &ProducerFormat{Name: p.Name, Title: p.Title, Mapping: p.Mapping, Columns: []ProducerColumn{}, Derived: []string{}}
	for _, f := range sortedKeys(p.foldedCols) {
		std := p.foldedCols[f]
		if n, ok := names[std]; ok && foldColumn(n) == f {
			out.Columns = append(out.Columns, ProducerColumn{Column: n, ReadAs: std, CarnetReading: p.own[f]})
		}
	}
	for col := range p.fixed {
		out.Derived = append(out.Derived, col)
	}
	for _, r := range p.rules {
		if !slices.Contains(out.Derived, r.column) {
			out.Derived = append(out.Derived, r.column)
		}
	}
	if len(p.days) > 0 || len(p.dayTimes) > 0 {
		out.Derived = append(out.Derived, "horaires")
	}
	slices.Sort(out.Derived)
	return out
}

// standardDays writes the day columns of a file of the standard's kind
// (« horaires_lundi », see dayColumnOf) as its horaires, when it has none:
// each day's cell is read as French hours of that day (« 07:30-11:30,
// 12:15-16:00 », « 8h30 à 12h »). A day whose cell does not read is written
// unknown, the others kept, with a warning (dayHours).
func standardDays(rec *Record) {
	if strings.TrimSpace(rec.Cells["horaires"]) != "" {
		return
	}
	var d dayHours
	for _, fd := range frenchDays {
		v := strings.TrimSpace(rec.Cells[producerPrefix+"day_"+fd[1]])
		if v == "" {
			continue
		}
		d.raw = append(d.raw, fd[1]+" "+v)
		// As a format's day columns are read: the same cells in
		// « horaires_lundi » were unknown (« FERME / 13h30 – 18h00 »,
		// « 9h-12h (sous RDV) »).
		d.readDay(fd[1], v)
	}
	h := d.done(rec, "the columns of hours per day (« horaires_lundi »…)", " (write each day's as 09:00-12:00,14:00-17:00)")
	if h == "" {
		return
	}
	rec.set(columnReading{name: "horaires", how: "opening hours written from the columns of hours per day (« horaires_lundi »…)"}, h)
}

// weekSelectors are the opening_hours weeks of a column of week parity.
var weekSelectors = map[string]string{"semaine impaire": "week 01-53/2", "semaines impaires": "week 01-53/2", "semaine paire": "week 02-52/2", "semaines paires": "week 02-52/2"}

// onTheirWeeks writes the row's hours for the weeks its weekParity column
// names (the Charente bus: « Semaine impaire »): each rule of the hours
// that starts with its days (« Mo 09:30-12:30 ») is given the weeks
// (« week 01-53/2 Mo 09:30-12:30 »); public holidays' rule (« PH off »)
// stays as it is. Hours the weeks cannot be put before (a rule naming
// months), or weeks that are not odd or even ones, drop the row's hours
// with a warning: hours given for every week would be wrong on the others.
func (p *producerFormat) onTheirWeeks(rec *Record) {
	if p.weekParity == "" {
		return
	}
	weeks := strings.TrimSpace(rec.Cells[producerPrefix+foldColumn(p.weekParity)])
	h := strings.TrimSpace(rec.Cells["horaires"])
	if weeks == "" || h == "" {
		return
	}
	sel, ok := weekSelectors[foldTerm(weeks)]
	var rules []string
	for r := range strings.SplitSeq(h, ";") {
		r = strings.TrimSpace(r)
		switch {
		case r == "" || strings.HasPrefix(r, "PH"):
		case startsWithDays.MatchString(r):
			r = sel + " " + r
		default:
			ok = false
		}
		if r != "" {
			rules = append(rules, r)
		}
	}
	if !ok {
		rec.Cells["horaires"] = ""
		rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: "horaires", Value: clip(h + " (« " + weeks + " »)"), Severity: SeverityWarning,
			Reason: fmt.Sprintf("the hours hold on the weeks « %s » names (the %s format), which Carnet cannot write into these hours; the row's hours are dropped", p.colNames[foldColumn(p.weekParity)], p.Title)})
		return
	}
	rec.Cells["horaires"] = strings.Join(rules, "; ")
	if rec.Renamed == nil {
		rec.Renamed = map[string]string{}
	}
	rec.Renamed["horaires"] = fmt.Sprintf("the hours on the weeks of « %s » (« %s »: %s; the %s format: Carnet's reading, its mapping keeps the weeks aside)", p.colNames[foldColumn(p.weekParity)], weeks, sel, p.Title)
}

// startsWithDays finds an opening_hours rule that starts with its days.
var startsWithDays = regexp.MustCompile(`^(Mo|Tu|We|Th|Fr|Sa|Su)\b`)

// serviceTypesCell holds a column « types » of a file of the standard's
// kind until serviceTypes reads it.
const serviceTypesCell = producerPrefix + "types"

// serviceTypeModalities are data·inclusion's types of service (schema v0,
// TypologieService) and the modalites_accompagnement each says, as the
// ANCT's mapping of data·inclusion reads them (dataInclusionFormat): the
// other types (accueil, information, formation, numerique, the aids and
// financing) say none.
var serviceTypeModalities = map[string]string{
	"atelier": "Dans un atelier collectif", "accompagnement": "Accompagnement individuel", "delegation": "Accompagnement individuel",
	"autonomie": "En autonomie", "accueil": "", "information": "", "formation": "", "numerique": "", "aide-financiere": "",
	"aide-materielle": "", "financement": "",
}

// serviceTypes reads a column « types » of a file of the standard's kind
// whose values are data·inclusion's types of service (« accompagnement »,
// « atelier »…, kept from data·inclusion by the Rhône hackathon's file) as
// modalites_accompagnement, when the row has none: the diagnosis offered
// it as typologie, which it is not. A cell holding no such type is left
// with a warning, the column being no column of the standard. A cell
// holding some, with values that are none (a typo, a type of another
// schema), keeps the types it holds and warns naming each other value, as
// every list column does: one unknown value dropped the whole cell.
func serviceTypes(rec *Record) {
	v := strings.TrimSpace(rec.Cells[serviceTypesCell])
	if v == "" {
		return
	}
	var modes, unknown []string
	known := false
	for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == '|' || r == ',' || r == ';' }) {
		t = strings.TrimSpace(t)
		m, ok := serviceTypeModalities[strings.ToLower(t)]
		if !ok {
			if t != "" && !slices.Contains(unknown, t) {
				unknown = append(unknown, t)
			}
			continue
		}
		known = true
		if m != "" && !slices.Contains(modes, m) {
			modes = append(modes, m)
		}
	}
	if !known {
		rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: "types", Value: clip(v), Severity: SeverityWarning,
			Reason: "not a column of the standard, and not data·inclusion's types of service (accompagnement, atelier, autonomie, delegation…, read as modalites_accompagnement); ignored"})
		return
	}
	for _, t := range unknown {
		rec.Dropped = append(rec.Dropped, Issue{Row: rec.Row, Field: "types", Value: clip(t), Severity: SeverityWarning,
			Reason: "not one of data·inclusion's types of service (accompagnement, atelier, autonomie, delegation…) of which the rest of the cell « " + clip(v) + " » is made; dropped, the others are read"})
	}
	if len(modes) == 0 || strings.TrimSpace(rec.Cells["modalites_accompagnement"]) != "" {
		return
	}
	rec.set(columnReading{name: "modalites_accompagnement", how: "column « types » read as modalites_accompagnement: data·inclusion's types of service (atelier → Dans un atelier collectif; accompagnement, delegation → Accompagnement individuel; autonomie → En autonomie), as the ANCT's mapping of data·inclusion reads them"}, strings.Join(modes, "|"))
}
