package opendata

import (
	"carnet/models/textlen"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/contact"
	"carnet/models/ident"
	"carnet/models/openinghours"
	"carnet/models/vocab"
)

// Severities of report issues.
const (
	SeverityWarning = "warning" // the row was stored, this value was normalised or dropped
	SeverityError   = "error"   // the row was not stored
)

// Issue is one line of an import report. Value is the cell as read (places'
// data is public: structures' contacts, never people's), clipped.
type Issue struct {
	Row      int    `json:"row"`
	Field    string `json:"field"`
	Value    string `json:"value"`
	Reason   string `json:"reason"`
	Severity string `json:"severity"`
}

// Columns are the 32 columns of the standard v1.0.2, in the schema's order.
var Columns = []string{
	"id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
	"latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
	"presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente", "date_maj",
	"services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
	"dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels",
	"modalites_acces", "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
}

// legacyColumns are the columns of v0.1.1 that v1 renamed or split, read on
// import.
var legacyColumns = []string{"courriel", "publics_accueillis", "conditions_acces", "labels_nationaux", "labels_autres", "accessibilite", "cle_ban"}

// UnknownColumns returns the columns of a file that no version of the
// standard has: they are ignored, and the report says so once.
func UnknownColumns(cols map[string]bool) []string {
	var out []string
	for c := range cols {
		if c != "" && !slices.Contains(knownColumns, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// OfferSuffix ends the source_id of the service that carries a place's offer.
const OfferSuffix = "#offer"

// Place is a record turned into Carnet's models.
type Place struct {
	Row     int
	Actor   models.Actor
	Service *models.Service // nil when the row lists no service (theme)
	Issues  []Issue
	// Readings say how the row departed from the standard v1.0.2 and how
	// it was read nonetheless (a renamed column, values joined with
	// commas, values of an older version mapped).
	Readings []RowReading
	// Rejected says the row cannot be stored; Issues say why.
	Rejected bool
	// Absent are the fields of the actor and of its offer that the row's
	// file has no column for and the row gives no value from another
	// (absent.go): a place the import updates keeps their stored values.
	// With the services, the row names no offer and says nothing of it.
	Absent models.Fields
	// Partial is the offer read from a row of a file without services
	// that has other offer columns (fees, publics, access modes…): an
	// offer stored for the place takes their values and keeps its
	// services; nothing is created. derive gives it the kind the services
	// it keeps and its accompaniment modes make.
	Partial *models.Service
	derive  func(*models.Service)
}

// RowReading is one way a row was read.
type RowReading struct {
	Field string
	How   string
}

// placeBuilder collects the issues of one row while mapping it.
type placeBuilder struct {
	rec      Record
	issues   []Issue
	readings []RowReading
	// partial and derive are the offer of a row of a file without
	// services (see Place.Partial).
	partial *models.Service
	derive  func(*models.Service)
	// unread are the fields whose cells gave a value that is no value of
	// the field (a pivot in scientific notation, a coordinate that is no
	// number): read as none, they keep the stored value (Place.Absent)
	// rather than erase it as an empty cell does, the rule of date_maj.
	unread models.Fields
}

func (b *placeBuilder) read(field, how string) {
	b.readings = append(b.readings, RowReading{field, how})
}

func (b *placeBuilder) warn(field, value, reason string) {
	b.issues = append(b.issues, Issue{Row: b.rec.Row, Field: field, Value: clip(value), Reason: reason, Severity: SeverityWarning})
}

func (b *placeBuilder) fail(field, value, reason string) {
	b.issues = append(b.issues, Issue{Row: b.rec.Row, Field: field, Value: clip(value), Reason: reason, Severity: SeverityError})
}

// cell reads a column: the apostrophe that standard-csv exports put before
// a free-text cell starting like a spreadsheet formula is removed (see
// FormulaSafe), and so are control and text-direction characters, which the
// model refuses, with a warning once per column; a JSON object, which no
// column holds, reads as empty, with a warning.
func (b *placeBuilder) cell(name string) string {
	if b.rec.Objects[name] && !slices.ContainsFunc(b.issues, func(is Issue) bool { return is.Field == name && is.Reason == reasonObject }) {
		b.warn(name, "", reasonObject)
	}
	v := b.rec.Cells[name]
	if len(v) > 1 && v[0] == '\'' && formulaLike(v[1:]) {
		v = v[1:]
	}
	if clean := models.StripBadText(v); clean != v {
		if !slices.ContainsFunc(b.issues, func(is Issue) bool { return is.Field == name && is.Reason == reasonStripped }) {
			b.warn(name, clean, reasonStripped)
		}
		v = clean
	}
	if isPlaceholder(v) {
		how := "« " + clip(strings.TrimSpace(v)) + " » read as empty (a placeholder for no value)"
		if name == "date_maj" {
			// Not as an empty cell, which removes a stored date: the
			// row's warning says what no date does (unreadDate).
			how = "« " + clip(strings.TrimSpace(v)) + " » read as no date (a placeholder for none), not as an empty cell"
		}
		if !slices.Contains(b.readings, RowReading{name, how}) {
			b.read(name, how)
		}
		return ""
	}
	return v
}

// isPlaceholder tells the words producers' tools and exports write in a cell
// that has no value — « MISSING » in every code_insee of a national file,
// « NULL » from a database dump, « #N/A » from a spreadsheet, « Non
// renseigné » typed by hand — from a value: read as one, each would be
// refused as an invalid code, phone or date on every row (a warning that
// says nothing), or kept as a name or an address.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || len(v) > 20 {
		return false
	}
	if v[0] == '#' && strings.ContainsAny(v, "!?/") && !strings.ContainsAny(v, " ") {
		return true // a spreadsheet's error value: #N/A, #REF!, #VALUE!, #NAME?, #DIV/0!
	}
	if onlyPlaceholderMarks(v) {
		return true
	}
	// Every cell of every row comes here: ASCII values are folded on the
	// stack (Slugify allocates), the few others through Slugify.
	var buf [20]byte
	n, dash := 0, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= utf8.RuneSelf:
			return placeholders[vocab.Slugify(v)]
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		default:
			dash = n > 0
			continue
		}
		if dash {
			buf[n], n, dash = '-', n+1, false
		}
		buf[n], n = c, n+1
	}
	if n < 2 || !strings.ContainsRune("minsuv", rune(buf[0])) {
		return false // no placeholder begins otherwise (placeholders)
	}
	return placeholders[string(buf[:n])]
}

// onlyPlaceholderMarks says whether v is made of dashes, underscores,
// question marks, dots and spaces alone (« - », « ?? », « — »): what
// strings.Trim(v, "-–—_?. ") == "" says, without Trim's slow path for a
// cut set that is not ASCII (every cell of every row comes here).
func onlyPlaceholderMarks(v string) bool {
	for _, r := range v {
		switch r {
		case '-', '–', '—', '_', '?', '.', ' ':
		default:
			return false
		}
	}
	return true
}

var placeholders = map[string]bool{
	"missing": true, "null": true, "nil": true, "none": true, "undefined": true, "nan": true,
	"n-a": true, "na": true, "n-c": true, "nc": true, "n-r": true, "nr": true,
	"non-renseigne": true, "non-renseignee": true, "non-communique": true, "non-communiquee": true,
	"inconnu": true, "inconnue": true, "neant": true, "vide": true, "sans-objet": true,
}

const (
	reasonStripped = "control, text-direction or invisible characters removed"
	reasonObject   = "a JSON object is not a value of this column (a text, a number or an array of them); ignored"
)

func (b *placeBuilder) failed(col string) bool {
	for _, is := range b.issues {
		if is.Field == col && is.Severity == SeverityError {
			return true
		}
	}
	return false
}

// vocabCell normalises a multi-valued cell against a vocabulary, warning
// about each value it drops.
func (b *placeBuilder) vocabCell(column, name string) []string {
	cell := b.cell(column)
	var out []string
	b.listCell(listKey{"vocab", column, name, cell}, func(s *placeBuilder, into *listValues) {
		into.add(name, s.readVocabCell(column, name, cell)...)
	}, func(_ string, vs []string) { out = slices.Clone(vs) })
	return out
}

func (b *placeBuilder) readVocabCell(column, name, cell string) []string {
	v := vocab.MustGet(name)
	parts, sep := b.splitCell(column, cell, v.Known)
	b.readSeparators(column, sep)
	out, invalid := v.NormalizeList(parts)
	for _, v := range invalid {
		if note, ok := vocab.NoneValue(name, v); ok {
			b.read(column, "« "+strings.TrimSpace(v)+" » dropped: "+note)
			continue
		}
		b.warn(column, v, unknownValue(column, name))
	}
	return out
}

// maxListCellBytes bounds the text of a list cell that is split: a
// hundred values of the longest label.
const maxListCellBytes = 8 << 10

// splitKnown splits a list cell (vocab.SplitKnown) and keeps its first
// maxCellValues values: a cell of 350,000 values took 4.6 s and made a
// report of 45 MB, one warning per value (TestImportCostBounded).
func (b *placeBuilder) splitKnown(column string, known func(string) bool) (parts []string, sep string) {
	return b.splitCell(column, b.cell(column), known)
}

// splitCell is splitKnown of the cell already read.
func (b *placeBuilder) splitCell(column, cell string, known func(string) bool) (parts []string, sep string) {
	if len(cell) > maxListCellBytes {
		// Splitting itself costs per value: read the beginning only.
		cut := strings.LastIndexAny(cell[:maxListCellBytes], "|;,\n")
		if cut <= 0 {
			cut = maxListCellBytes
			for cut > 0 && !utf8.RuneStart(cell[cut]) {
				cut--
			}
		}
		b.warn(column, "", fmt.Sprintf("a list of %d bytes; only the first %d are read", len(cell), cut))
		cell = cell[:cut]
	}
	parts, sep = vocab.SplitKnown(cell, known)
	if len(parts) > 1 && strings.IndexByte(cell, ';') >= 0 && sep != vocab.SepFound {
		// v0.1.1's separator, read as the standard's « | » (SplitCell):
		// said as commas and slashes are (probe 41a L4).
		sep = strings.TrimPrefix(sep+" and semicolons (v0.1.1's separator)", " and ")
	}
	if sep == vocab.SepFound {
		parts = b.foundLabels(column, parts, known)
		sep = ""
	}
	return b.firstValues(column, parts), sep
}

// foundLabels keeps the known values SplitKnown found in the running text
// of a cell (vocab.SepFound) and names the text left over in one warning:
// it is not read, not even a label cut short that a single value starts
// with (« Accéder à du matérie »), which would be a guess.
func (b *placeBuilder) foundLabels(column string, parts []string, known func(string) bool) []string {
	var found, rest []string
	for _, p := range parts {
		if known(p) {
			found = append(found, p)
		} else {
			rest = append(rest, "« "+p+" »")
		}
	}
	b.warn(column, strings.Join(rest, " "), fmt.Sprintf("%s read from %d labels found in the text, which does not separate them (the standard joins values with |); not read: %s", column, len(found), strings.Join(rest, ", ")))
	return found
}

// readSeparators says how the values of a cell were separated when it was
// not with the standard's « | » (see vocab.SplitKnown).
func (b *placeBuilder) readSeparators(column, sep string) {
	if sep != "" {
		b.read(column, "values separated by "+sep+" (the standard joins them with |)")
	}
}

// offerColumns are the standard's list columns of a place's offer, with
// their vocabularies.
var offerColumns = []struct{ column, vocabulary string }{
	{"publics_specifiquement_adresses", vocab.NamePublics},
	{"prise_en_charge_specifique", vocab.NameSpecificSupport},
	{"frais_a_charge", vocab.NameFees},
	{"modalites_acces", vocab.NameAccessModes},
}

// offerLists reads the offer's list columns into into (by vocabulary). A
// value that is not of its column's list but is of another of them was put
// in the wrong column by its producer — the national file of 2022 writes
// its fees, « Gratuit », under a « modalites_access » column — and is read
// where it belongs, with a reading, rather than dropped.
func (b *placeBuilder) offerLists(into map[string][]string) {
	for _, c := range offerColumns {
		cell := b.cell(c.column)
		b.listCell(listKey{"offer", c.column, c.vocabulary, cell}, func(s *placeBuilder, vals *listValues) {
			s.readOfferList(c.column, c.vocabulary, cell, vals)
		}, func(name string, vs []string) { into[name] = append(into[name], vs...) })
	}
}

func (b *placeBuilder) readOfferList(column, vocabulary, cell string, into *listValues) {
	v := vocab.MustGet(vocabulary)
	parts, sep := b.splitCell(column, cell, func(p string) bool { return knownInOffer(p) != "" })
	b.readSeparators(column, sep)
	out, invalid := v.NormalizeList(parts)
	into.add(vocabulary, out...)
	for _, p := range invalid {
		other := knownInOffer(p)
		if note, ok := vocab.NoneValue(vocabulary, p); ok && other == "" {
			b.read(column, "« "+strings.TrimSpace(p)+" » dropped: "+note)
			continue
		}
		if other == "" {
			b.warn(column, p, unknownValue(column, vocabulary))
			continue
		}
		canonical, _ := vocab.MustGet(other).Normalize(p)
		into.add(other, canonical)
		b.read(column, fmt.Sprintf("« %s » is a value of %s, not of this column: read there", canonical, columnOf(other)))
	}
}

// knownInOffer names the vocabulary of the offer's list columns p is a
// value of, or "".
func knownInOffer(p string) string {
	for _, c := range offerColumns {
		if vocab.MustGet(c.vocabulary).Known(p) {
			return c.vocabulary
		}
	}
	return ""
}

func columnOf(vocabulary string) string {
	for _, c := range offerColumns {
		if c.vocabulary == vocabulary {
			return c.column
		}
	}
	return vocabulary
}

// legacyCell converts a cell of an older column, warning about values
// without equivalent, and adds the results to into.
func (b *placeBuilder) legacyCell(column string, into map[string][]string) {
	cell := b.cell(column)
	b.listCell(listKey{"legacy", column, "", cell}, func(s *placeBuilder, vals *listValues) {
		s.readLegacyCell(column, cell, vals)
	}, func(name string, vs []string) { into[name] = append(into[name], vs...) })
}

func (b *placeBuilder) readLegacyCell(column, cell string, into *listValues) {
	known := func(p string) bool { return vocab.IsLegacyValue(column, p) }
	parts, sep := dashJoined(cell, known), "dashes"
	if parts == nil {
		parts, sep = b.splitCell(column, cell, known)
	}
	b.readSeparators(column, sep)
	// One reading per mapping, not per combination of them: a file of
	// 3,800 places made 250 readings of the same dozen mappings.
	cloned := false
	for i, p := range parts {
		m, ok := vocab.LookupLegacy(column, p)
		if !ok {
			// A letter or two from exactly one value of the column
			// (« Aide aux démarches administrative », « Déficiance
			// visuelle »): read as it, said, rather than refuse a place
			// whose only service it is, or drop what its offer is for
			// (sweep48: 52 of Le Havre's 76 places).
			if v, near := vocab.ClosestLegacy(column, p); near {
				b.warn(column, p, "read as « "+v+" », the one "+oneValueOf(column)+" a letter or two from it (a misspelling: check it)")
				if !cloned {
					parts, cloned = slices.Clone(parts), true
				}
				parts[i] = v
				p = v
				m, ok = vocab.LookupLegacy(column, p)
			}
		}
		switch {
		case ok && m.Lossless && m.From != "":
			b.read(column, "« "+p+" » ("+m.From+") dropped: "+m.Note)
		case ok && m.Lossless:
			b.read(column, "« "+m.Old+" » of the standard v0.1.1 dropped: "+m.Note)
		}
		if ok && !isCurrentValue(m, p) && len(m.Targets) > 0 {
			var to []string
			for _, t := range m.Targets {
				to = append(to, t.Value)
			}
			if m.From != "" {
				b.read(column, "values of "+m.From+" mapped to v1.0.2: "+p+" → "+strings.Join(to, ", "))
			} else {
				b.read(column, "values of the standard v0.1.1 mapped to v1.0.2: "+p+" → "+strings.Join(to, ", "))
			}
		}
	}
	values, issues := vocab.ConvertLegacyList(column, parts)
	for _, is := range issues {
		if is.Unknown {
			b.warn(column, is.Value, unknownValue(column, legacyVocabulary[column]))
			continue
		}
		b.warn(column, is.Value, is.Reason)
	}
	for name, vs := range values {
		into.add(name, vs...)
	}
}

// oneValueOf names what a misspelt value of an older column was read as.
func oneValueOf(column string) string {
	if column == vocab.LegacyColumnServices {
		return "service of the standard"
	}
	return "value of " + column + " in the standard"
}

// unknownValue is the one warning for a value of a list column that is of
// no version of the standard, whichever way the column is read (the
// current lists, v0.1.1's, the offer's): before, the legacy columns said
// « not a value of services in any version of the standard » without
// saying it was dropped, the others « not a value of the standard's list
// (…); dropped ». vocabulary, when the column has one list today, names
// the endpoint serving its values.
func unknownValue(column, vocabulary string) string {
	if vocabulary == "" {
		return "not a value of " + column + " in any version of the standard; dropped"
	}
	return "not a value of " + column + " in any version of the standard (its values: GET /api/v1/vocabularies/" + vocabulary + "); dropped"
}

// legacyVocabulary is the list of today that a column read through the
// legacy tables maps to, when it is one.
var legacyVocabulary = map[string]string{
	vocab.LegacyColumnServices: vocab.NameThemes, vocab.LegacyColumnPublicsAccueillis: vocab.NamePublics,
	vocab.LegacyColumnModalitesAccompagnement: vocab.NameAccompanimentModes,
}

// isCurrentValue reports whether p is already a value of v1.0.2 (passed
// through the legacy table unchanged).
func isCurrentValue(m vocab.LegacyMapping, p string) bool {
	for _, t := range m.Targets {
		if vocab.MustGet(t.Vocabulary).Known(p) {
			return true
		}
	}
	return false
}

// ToPlace maps one record of any version of the standard to an actor of
// source and the service carrying its offer.
func ToPlace(rec Record, source string) Place {
	b := &placeBuilder{rec: rec}
	p := Place{Row: rec.Row}
	if rec.Err != nil {
		b.fail("", "", rec.Err.Error())
		p.Issues, p.Rejected = b.issues, true
		return p
	}
	// Most rows have neither: the keys' iterator and their sorting, built
	// for nothing, were several allocations a row (issue 11, item 6).
	if len(rec.Excel) > 0 {
		for _, col := range slices.Sorted(maps.Keys(rec.Excel)) {
			b.read(col, "Excel's forms that keep a value as text (=\"00123\", '00124) read as the value inside")
		}
	}
	if len(rec.Named) > 0 {
		for _, col := range slices.Sorted(maps.Keys(rec.Named)) {
			b.read(col, "JSON objects read by their name (their « nom », « name », « label » or « libelle »)")
		}
	}
	for _, col := range sortedKeys(rec.Renamed) {
		b.read(col, rec.Renamed[col])
	}
	if b.rowShape() {
		// A cell missing inside the row: every value after it is in
		// the wrong column, and their warnings would mislead.
		p.Issues, p.Rejected = b.issues, true
		return p
	}
	for _, is := range rec.Dropped {
		b.warn(is.Field, is.Value, is.Reason)
	}
	a := &p.Actor
	a.Source, a.SourceID = source, b.cell("id")
	if id := models.NormalizeSourceID(a.SourceID); id != a.SourceID {
		// Read here, before the offer's key and the snapshot's keys are
		// derived from it, as every path reads a partner's key.
		b.warn("id", a.SourceID, "read as « "+id+" » (Unicode NFC, white space at the ends removed): the place's key, the same however a file writes its accents and spaces")
		a.SourceID = id
	} else if w := rec.idWritten; w != "" && a.SourceID != "" {
		// The reader trimmed the cell, or the import read it as every
		// path reads a key (placeIDs.rawID): said, as any other change
		// to a key, so that the producer knows the key Carnet stored.
		if id := models.NormalizeSourceID(w); id != strings.TrimSpace(w) {
			b.warn("id", w, "read as « "+id+" » (Unicode NFC, white space at the ends removed): the place's key, the same however a file writes its accents and spaces")
		} else {
			b.warn("id", w, "white space at the ends removed: the place's key is « "+a.SourceID+" »")
		}
	}
	if w := rec.idFloat; w != "" && scientificID.MatchString(w) {
		b.warn("id", w, "a number in a spreadsheet's scientific notation: its digits past the first few were lost when a spreadsheet saved the file, and other places may now share it; kept as written (format the id column as text in the spreadsheet and export again)")
	} else if w != "" {
		// The number read, not the id the row was then followed to (an
		// older Carnet's « 124.0 »: the row's reading says it).
		b.warn("id", w, "a whole number written as a decimal (pandas, a spreadsheet): read as « "+spreadsheetFloat(w)[1]+" »")
	}
	if a.SourceID == "" && rec.DeriveID {
		b.fail("id", "", "is required: the file gives no id, and Carnet derives one only from a name and an address or commune, which this row lacks")
	} else if a.SourceID == "" {
		b.fail("id", "", "is required: it is the place's key in its source")
	} else if utf8.RuneCountInString(a.SourceID) > 190 {
		b.fail("id", a.SourceID, "is longer than 190 characters")
	}
	// The records of the standard are open data already: their contacts
	// are public.
	a.ContactPublic = true

	if pv := b.cell("pivot"); pv != "" {
		if digits, ok := numberPivot(pv); ok {
			b.read("pivot", "a number written by a spreadsheet (« 13002603200016.0 », « 1.3002603200016E13 ») read as its digits")
			pv = digits
		}
		if pv == "" {
			// 0, written 0.0: the placeholder of an unknown identifier.
		} else if m := spreadsheetFloat(strings.TrimSpace(pv)); m != nil && len(m[1]) > 7 {
			// (Up to 7 digits, « 1234567.000 » is a RIDET.)
			b.warn("pivot", pv, fmt.Sprintf("a number written by a spreadsheet, of %d digits: no SIRET (14 digits) nor SIREN (9 digits); %s", len(m[1]), unreadPivot))
			b.unread |= models.FieldPivot
		} else if strings.ContainsAny(pv, ".,") && decimalPivot.MatchString(pv) {
			b.warn("pivot", pv, "a decimal number, no SIRET (14 digits), SIREN (9 digits), RNA number or RIDET; "+unreadPivot)
			b.unread |= models.FieldPivot
		} else if scientificID.MatchString(pv) {
			b.warn("pivot", pv, "a number in a spreadsheet's scientific notation: its digits past the first few were lost when a spreadsheet saved the file (format the pivot column as text in the spreadsheet and export again); "+unreadPivot)
			b.unread |= models.FieldPivot
		} else if parsed, err := ident.ParsePivot(pv); err != nil {
			b.warn("pivot", pv, err.Error()+"; "+unreadPivot)
			b.unread |= models.FieldPivot
		} else {
			a.Pivot = parsed.Value
		}
	}
	a.Name = b.oneLine("nom", b.cell("nom"), " ")
	if a.Name == "" {
		b.fail("nom", "", "is required")
	} else if n := utf8.RuneCountInString(a.Name); n > 200 {
		b.warn("nom", a.Name, "longer than 200 characters; cut")
		a.Name = cutWords(a.Name, 200)
	}
	b.address(a)
	b.coordinates(a)
	settled := b.storedAddress(a)
	b.settle(a)
	a.Typologies = b.vocabCell("typologie", vocab.NameTypologies)
	b.contacts(a)
	if h := b.cell("horaires"); h != "" {
		_, bad, err := openinghours.ParseLenient(h)
		// Hours written in French (« Du lundi au vendredi de 9h à 12h »)
		// are converted when the whole text is understood (see
		// openinghours.FromFrench); never when the value parses as written.
		if err != nil || len(bad) > 0 {
			if fr, ok := openinghours.FromFrench(h); ok {
				h, bad, err = fr, nil, nil
				b.read("horaires", "hours written in French (« du lundi au vendredi de 9h à 12h ») read as OpenStreetMap opening_hours; a text read only in part is dropped")
			} else if fr, ok := frenchWithNote(h); ok {
				h, bad, err = fr, nil, nil
				b.read("horaires", "hours written in French with a note on appointments after them (« du lundi au vendredi de 9h à 12h sur rendez-vous ») read as OpenStreetMap opening_hours, the note kept as each rule's comment")
			}
		}
		// Times written 9h30 or 09.30 are read as 09:30 when that reads
		// more of the value (never when it already parses).
		if err != nil || len(bad) > 0 {
			if c, changed := openinghours.ColonTimes(h); changed {
				if _, cbad, cerr := openinghours.ParseLenient(c); cerr == nil && (err != nil || len(cbad) < len(bad)) {
					h, bad, err = c, cbad, nil
					b.read("horaires", "times written like 9h30 or 09.30 read as 09:30")
				}
			}
		}
		// Rules one after the other without « ; » (« Mo 14:00-17:00 We
		// 09:00-12:00 »): put back when that reads more of the value.
		// Its times may be written 9h too (« Mo 9h-12h Tu 14h-17h »):
		// neither rewrite alone reads it.
		if err != nil || len(bad) > 0 {
			colon, _ := openinghours.ColonTimes(h)
			for _, in := range []string{h, colon} {
				c, changed := openinghours.RuleSeparators(in)
				if !changed || daylessRule.MatchString(c) {
					continue
				}
				if _, cbad, cerr := openinghours.ParseLenient(c); cerr == nil && (err != nil || len(cbad) < len(bad)) {
					if in != h {
						b.read("horaires", "times written like 9h30 or 09.30 read as 09:30")
					}
					h, bad, err = c, cbad, nil
					b.read("horaires", "rules written one after the other without « ; » (« Mo 14:00-17:00 We 09:00-12:00 »): the « ; » put back")
					break
				}
			}
		}
		// An open end (« 08:00-12:00+ », OSM: open until noon at least,
		// the end unknown), which Carnet does not keep: the part known,
		// open until that time, rather than the whole value dropped.
		if err != nil || len(bad) > 0 {
			if c := openEnd.ReplaceAllString(h, "$1"); c != h {
				if _, cbad, cerr := openinghours.ParseLenient(c); cerr == nil && (err != nil || len(cbad) < len(bad)) {
					h, bad, err = c, cbad, nil
					b.read("horaires", "an open end (« 12:00+ ») read as closing at that time, the part known")
				}
			}
		}
		// A range of more than a day (« Mo 09:00-48:00 ») or starting
		// past 24:00 (« Mo 25:00-26:00 », a rule that reads as nothing),
		// which API writes and syncs refuse, is dropped with its rule
		// when it was the rule's only one, the rest kept and read again.
		if d, dropped := openinghours.DropLongRanges(h); len(dropped) > 0 {
			b.warn("horaires", h, fmt.Sprintf("%s: %s dropped (the hours kept: « %s »)", openinghours.RangeRule, strings.Join(dropped, "; "), d))
			h = d
			_, bad, err = openinghours.ParseLenient(h)
		}
		switch {
		case textlen.Over(h, 1000): // the API's bound (models.maxOpeningHour), in characters
			b.warn("horaires", h, "longer than 1,000 characters; dropped")
		case err != nil:
			// Kept as the API keeps them (opening_hours_unreadable):
			// dropped, the record no longer said hours were given.
			a.OpeningHours = h
			b.warn("horaires", h, "no rule of these hours is valid OpenStreetMap opening_hours syntax; kept as written, hours unknown every day (write them as in https://projets.pavie.info/yohours/)")
		default:
			// Kept as written: the readable rules are used, and the
			// days of the others are unknown (never shown as open).
			// Ranges of one day that overlap, whatever format wrote
			// them, are merged, and the producer hears of it.
			// The warning says what was merged into what, on which
			// days: it said one range « holds » the other, which two
			// ranges that overlap need not do.
			// Rules in a row naming the same days are read as one
			// first (openinghours.Tidied), as on every path.
			if m, said := openinghours.Tidied(h); len(said) > 0 {
				b.warn("horaires", h, fmt.Sprintf("%s (the hours stored: « %s »)", strings.Join(said, "; "), m))
				h = m
			}
			if h == "" {
				break
			}
			a.OpeningHours = h
			for _, u := range bad {
				b.warn("horaires", u.Text, "this rule is not valid OpenStreetMap opening_hours syntax ("+u.Err.Reason+
					"); the other rules are kept, "+u.Effect()+" (write them as in https://projets.pavie.info/yohours/)")
			}
		}
	}
	b.presentation(a)
	if m, ok := booleanMobility(b.cell("itinerance")); ok {
		b.read("itinerance", "a yes/no value: yes is « Itinérant », no « Fixe »")
		a.Mobility = []string{m}
	} else {
		a.Mobility = b.vocabCell("itinerance", vocab.NameMobility)
	}
	if len(a.Mobility) == 0 && vocab.NameMoves(a.Name) {
		b.read("itinerance", "none given, the name says the place moves (bus, itinérant·e, itinérance, mobile, camion; not a brand such as « Recyclo'Bus »): search and its itinerant filter read it as « Itinérant », the record keeps none")
	}
	if s := b.cell("structure_parente"); s != "" {
		b.warn("structure_parente", s, "not imported: Carnet links networks by actor id (parent_id), set it through the API")
	}
	// Provenance: the producer named by the row (the standard's source
	// column), else the importing source; the producer's own date.
	a.Producer = strings.TrimSpace(b.cell("source"))
	if models.IsCarnetProducer(a.Producer) {
		b.warn("source", a.Producer, "Carnet's own name, reserved for the records made in Carnet; dropped: the importing source is the producer")
		a.Producer = ""
	}
	switch {
	case a.Producer != "" && dateShaped(a.Producer):
		// A date in the source column: a row's cells one column off, or
		// a tool's export date; no producer's name (probe 41a H1).
		b.warn("source", a.Producer, "a date, not the name of the structure that collected the data; dropped: the importing source is the producer")
		a.Producer = ""
	case urlShaped(a.Producer):
		b.warn("source", a.Producer, "an address (URL), not the name of the structure that collected the data (the standard's source names it: « Hubik », « France Services »); kept as written")
	}
	if a.Producer == "" {
		a.Producer = source
	} else if utf8.RuneCountInString(a.Producer) > 200 {
		b.warn("source", a.Producer, "longer than 200 characters; cut")
		a.Producer = cutWords(a.Producer, 200)
	}
	d := b.cell("date_maj")
	day, how, ok := producerDate(d, a.Address.PostalCode)
	var today [len(time.DateOnly)]byte // compared, not kept: no string a row (issue 11, item 6)
	switch {
	case d == "" && rec.absent&models.FieldProducerDate != 0:
		// No column: the producer said nothing of it. A place stored
		// keeps its date, a new one has none; the file's warning names
		// which rows did which (keptIssues).
		b.read("date_maj", "the file has no column date_maj: a place stored keeps its producer date, a new one has none (its check date is the day of the import)")
	case d == "" && isPlaceholder(rec.Cells["date_maj"]) && strings.TrimSpace(rec.Cells["date_maj"]) != "":
		// « inconnu », « N/A »: no date, but no empty cell either, which
		// removes a stored date (the rule of a record sent empty).
		a.SetUnreadDate()
		b.warn("date_maj", clip(strings.TrimSpace(rec.Cells["date_maj"])), "not a date but a placeholder for none: "+unreadDate)
	case d == "":
		b.warn("date_maj", "", "missing (required by the standard); "+undatedRow)
	case !ok && eightDigits(d):
		a.SetUnreadDate()
		b.warn("date_maj", d, "8 digits that are no date YYYYMMDD (a year from 1970 to 2100, a month, a day of it; the standard writes YYYY-MM-DD): "+unreadDate)
	case !ok:
		// A typing slip: the producer gave a date, not none.
		a.SetUnreadDate()
		b.warn("date_maj", d, "not a date (the standard writes YYYY-MM-DD): "+unreadDate)
	case day > string(models.AppendLatestProducerDate(today[:0], time.Now())):
		// No check yet (a typing slip, a planned visit): read as no
		// date, but not as a current record either (SetFutureDate).
		a.SetFutureDate(day)
		b.warn("date_maj", d, "in the future, which is no day the producer checked the place: read as no date; "+futureBoth)
	case day < models.ProducerDateFloor:
		// The zero date of a program or a spreadsheet (0001-01-01,
		// 1899-12-30, 1900-01-01, 1970-01-01, or 1969-12-31: a zero
		// Unix time written in a zone west of Greenwich): the producer's
		// tool had no date. It is no day anyone checked the place: read
		// as no date, not as a producer's date to export and to judge
		// freshness by (a whole file of them was stale « since 1969 »).
		b.warn("date_maj", d, "before "+models.ProducerDateFloor[:4]+": a placeholder (the zero date of a program or spreadsheet), not a day someone checked the place; read as no date: "+undatedRow)
	default:
		a.ProducerUpdatedOn = day
		if how != "" {
			b.read("date_maj", how)
		}
	}
	if s := b.cell("cle_ban"); s != "" {
		b.warn("cle_ban", s, "v0.1.1's BAN key has no field in v1; dropped")
	}
	a.AcceslibreURL = b.url("fiche_acces_libre", "accessibilite")
	a.BookingURL = b.url("prise_rdv")

	sv := b.offer(a)
	offer := sv
	if offer == nil {
		offer = b.partial
	}
	p.Absent = rowAbsent(rec.absent, a, a.NationalProgrammes, offer)
	p.Absent |= b.unread // their stored values are kept
	if settled {
		// The file has no coordinates still: the stored ones are kept
		// by the writer, which reports them (models.Fields).
		p.Absent |= models.FieldCoordinates
	}
	// The Conseillers numériques programme publishes the places hosting
	// its advisers (source « conseiller-numerique »): every row of its
	// files has the programme, except those of the national file of 2022,
	// which left the column out (309 of 398 rows). A place the programme
	// itself lists hosts it.
	if vocab.Slugify(a.Producer) == vocab.ProducerConseillersNumeriques && !slices.Contains(a.NationalProgrammes, vocab.ProgrammeConseillersNumeriques) {
		a.NationalProgrammes = append([]string{vocab.ProgrammeConseillersNumeriques}, a.NationalProgrammes...)
		b.read("dispositif_programmes_nationaux", "« Conseillers numériques » added: the row's producer is the programme (source conseiller-numerique), whose files list the places hosting it")
	}
	// Checked: the writer's preparation then normalises and validates
	// again only what reconciling the place changes.
	if err := a.NormalizeChecked(); err != nil {
		b.modelErrors(err)
	}
	for _, is := range b.issues {
		if is.Severity == SeverityError {
			p.Rejected = true
		}
	}
	if sv != nil && !p.Rejected {
		sv.Normalize()
		// The actor id is not known yet: validate with a stand-in.
		probe := *sv
		probe.ActorID = "00000000-0000-7000-8000-000000000000"
		if err := probe.Validate(); err != nil {
			// A place is never imported without the offer it names:
			// the producer fixes the row, and the report says why.
			if e, ok := err.(*models.Error); ok {
				for _, f := range e.Fields {
					col := fieldColumns[strings.SplitN(f.Field, "[", 2)[0]]
					b.fail(col, b.cell(col), "the place's offer cannot be stored ("+f.Reason+"), and a place is not imported without the offer it names")
				}
			}
			sv, p.Rejected = nil, true
		}
	}
	if p.Rejected && b.rec.shift != nil {
		// One outcome: the row refused for another reason (its services,
		// read from the wrong column) is not said imported.
		for i, is := range b.issues {
			if is.Field == "" && is.Severity == SeverityWarning && strings.HasSuffix(is.Reason, shiftImported) {
				b.issues[i].Reason = strings.TrimSuffix(is.Reason, shiftImported) + "; the row is not imported, for the errors below (add the missing cell, empty if need be)"
			}
		}
	}
	p.Service, p.Issues, p.Readings = sv, b.issues, b.readings
	if sv == nil && !p.Rejected && b.partial != nil {
		b.partial.Normalize()
		p.Partial, p.derive = b.partial, b.derive
	}
	return p
}

// settle completes the address read: locate derives what the row leaves
// out, and the street is kept alone as when both the commune and the postal
// code are given (the export writes them in their columns, and its
// re-import did).
func (b *placeBuilder) settle(a *models.Actor) {
	given := a.Address.Commune != "" && a.Address.PostalCode != ""
	b.locate(a)
	if !given {
		b.streetTail(&a.Address)
	}
}

// storedAddress reads the address of a row of a file without coordinate
// columns with the coordinates stored for its place, and keeps them when
// the row's address cells read so give the address stored: the cells are
// those imported, whose coordinates settled the commune (a postal code
// shared by several communes and no commune written; a commune since
// merged, whose former name only the coordinates place; a point in the
// commune the place's name names, against the commune written). Read alone, the
// same cells named another commune or none: the row was rejected, or its
// place lost its commune and coordinates with a warning that its address
// had changed. An address whose cells changed is read without them.
func (b *placeBuilder) storedAddress(a *models.Actor) bool {
	st := b.rec.stored
	if st == nil || b.rec.absent&models.FieldCoordinates == 0 || a.Latitude != nil || a.Longitude != nil {
		return false
	}
	trial := *a
	trial.Latitude, trial.Longitude = st.Latitude, st.Longitude
	tb := &placeBuilder{rec: b.rec}
	tb.settle(&trial)
	if slices.ContainsFunc(tb.issues, func(is Issue) bool { return is.Severity == SeverityError }) ||
		!models.SamePlaceAddress(models.SettledAddress(trial.Name, trial.Address, trial.Latitude, trial.Longitude), st.Address) {
		return false
	}
	a.Latitude, a.Longitude = st.Latitude, st.Longitude
	b.readings = slices.DeleteFunc(b.readings, func(r RowReading) bool { return r.How == noCoordinates })
	b.read("latitude", "the file has no coordinates, and the row's address is the one stored: read with the place's stored coordinates, which are kept")
	return true
}

// rowShape reports a CSV row whose cells do not match the header, and
// bytes that were not UTF-8.
//
// It returns true when the row is refused as shifted by a cell missing
// inside it (shortrow.go), which no other reading of the row may follow.
func (b *placeBuilder) rowShape() (shifted bool) {
	rec := b.rec
	if rec.Shifted {
		// A separator inside a cell that is not quoted: every cell after
		// it sits in the next column, and storing them would store wrong
		// values (even when the cells pushed past the header are empty).
		b.fail("", strings.Join(rec.Beyond, " | "), fmt.Sprintf("the row has %d more cell(s) than the header: a separator inside a cell that is not quoted? Its values would land in the wrong columns; the row is not imported (quote the cell)", rec.Extra))
	}
	if len(rec.Unnamed) > 0 {
		b.warn("", strings.Join(rec.Unnamed, " | "), "cells under a column without a name in the header; ignored")
	}
	switch {
	case rec.shift != nil && rec.shift.better >= 2:
		b.fail("", "", rec.shift.reason()+"; the row is not imported (add the missing cell, empty if need be)")
		shifted = true
	case rec.shift != nil:
		b.warn("", "", rec.shift.reason()+shiftImported)
	case rec.Short:
		b.read("", "the row has fewer cells than the header: its last columns were read as empty")
	}
	if rec.Recoded {
		b.warn("", "", "bytes of this row are not UTF-8: they were read as Windows-1252 (check its accented letters)")
	}
	if rec.unmarked && !strings.Contains(rec.Cells["id"], lostLetter) {
		// The id cell alone may have been given from outside the row
		// since (a stored place's id it was followed to, an earlier
		// row's it repeats).
		return shifted
	}
	if cols := lostLetters(rec.Cells); cols != "" {
		b.warn("", cols, "cells of this row hold « \uFFFD » (U+FFFD, the mark a program leaves for a letter it could not read): their letters were lost before the file was written, and are stored as written (ask the producer for the file saved in UTF-8)")
	}
	return shifted
}

// lostLetters names, in order, the columns whose cells hold U+FFFD: a
// file valid in UTF-8 whose accents a conversion had already replaced
// (PACA's CSV of 2022: « Biblioth\uFFFDque »), which no decoding recovers.
// A producer's column and the standard's column it is read into are named
// once.
//
// A CSV row is looked at as read (Record.unmarked), its cells as
// UTF-8, without the map: its values are the file's cells, or parts of
// them, and reading the row's cells whose text holds no mark puts none
// in (every cell of every row walked again here was 0.25 s of a
// 100,000-place import's CPU, issue 11, item 6).
func lostLetters(cells map[string]string) string {
	var cols []string
	for c, v := range cells {
		if strings.ContainsRune(v, utf8.RuneError) {
			cols = append(cols, strings.TrimPrefix(c, producerPrefix))
		}
	}
	slices.Sort(cols)
	return strings.Join(slices.Compact(cols), ", ")
}

// lostLetter is U+FFFD as UTF-8 text, searched for as bytes in a cell
// known to be UTF-8 (for utf8.RuneError, strings.ContainsRune decodes the
// cell rune by rune).
const lostLetter = string(utf8.RuneError)

// modelErrors reports what the model's validation refused, under the
// standard's column names.
func (b *placeBuilder) modelErrors(err error) {
	e, ok := err.(*models.Error)
	if !ok {
		b.fail("", "", err.Error())
		return
	}
	for _, f := range e.Fields {
		col := f.Field
		if i := strings.IndexAny(col, "["); i >= 0 {
			col = col[:i]
		}
		if c, ok := fieldColumns[col]; ok {
			col = c
		}
		if !b.failed(col) { // the mapping already said why
			b.fail(col, b.cell(col), f.Reason)
		}
	}
}

var fieldColumns = map[string]string{
	"name": "nom", "pivot": "pivot", "address.street": "adresse", "address.complement": "complement_adresse",
	"address.postal_code": "code_postal", "address.commune": "commune", "address.insee_code": "code_insee",
	"summary": "presentation_resume", "description": "presentation_detail", "phones": "telephone", "emails": "courriels",
	"websites": "site_web", "opening_hours": "horaires", "typologies": "typologie", "mobility": "itinerance",
	"national_programmes": "dispositif_programmes_nationaux", "training_labels": "formations_labels",
	"other_labels": "autres_formations_labels", "acceslibre_url": "fiche_acces_libre", "booking_url": "prise_rdv",
	"source_id": "id", "themes": "services", "publics": "publics_specifiquement_adresses",
	"specific_support": "prise_en_charge_specifique", "fees": "frais_a_charge", "access_modes": "modalites_acces",
	"accompaniment_modes": "modalites_accompagnement", "latitude": "latitude", "longitude": "longitude",
	"producer_updated_on": "date_maj",
}

// shiftImported ends the warning of a short row whose missing cell is
// uncertain, imported as read (see rowShape).
const shiftImported = "; imported as read: check the row"

// formerINSEE says how a former or delegated commune's code is read: as
// its commune nouvelle's, which the normalisation stores (69159, merged
// into 69114 in 2017, was replaced without a word).
func (b *placeBuilder) formerINSEE(code string) {
	if _, reason, ok := models.FormerCodeReading(code); ok {
		b.warn("code_insee", code, reason)
	}
}

// unreadCoordinates says what coordinates that are none do: a place stored
// at the same address keeps its coordinates (they are the address's, not
// kept for a place that moved).
const unreadCoordinates = " (a place stored at the same address keeps its stored coordinates)"

// unreadPivot says what a pivot cell that is no identifier does.
const unreadPivot = "read as no pivot: a place stored keeps its pivot (not replaced by the unknown identifier, as an empty cell or 00000000000000 would), a new one's is stored as unknown"

// unreadDate says what a date_maj that is no date does.
const unreadDate = "read as no date; a place stored keeps its producer date (not removed, as an empty cell would); a new one: " + undatedRow

// undatedRow says what a row without a readable date_maj becomes: its
// check date in Carnet is the day of the import, marked undated, and
// exports write opendata.UnknownDate (standardDate), not that day (probe
// 41a L6: the warning said the day of the import was written).
const undatedRow = "the place is exported with date_maj " + UnknownDate + " (no date known; its check date in Carnet is the day of the import, marked undated) and does not count as checked recently"

// openEnd is a time span with OpenStreetMap's open end (« 08:00-12:00+ »).
var openEnd = regexp.MustCompile(`(\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})\+`)

// postalWithText is a postal code cell holding more than the code: a
// country's prefix before it, or the commune after it (not « CEDEX »,
// read above).
var postalWithText = regexp.MustCompile(`(?i)^(?:f|fr|france)?[\s\x{a0}\-–(]*(\d{5})[).]?(?:[\s\x{a0},\-–]+((?:[^\d\s\x{a0}]).*))?$`)

// communeThenPostal is the commune before its postal code (« Nice 06000 »).
var communeThenPostal = regexp.MustCompile(`^([^\d]*[^\d\s\x{a0},\-–(])[\s\x{a0},\-–(]+(\d{5})\)?$`)

// postalInCommune reads a commune cell holding a postal code with the
// name (« 13001 Marseille », « Marseille (13001) », « Marseille 13001 »):
// the name is the commune, the code the postal code when the code_postal
// cell is empty; a code that is not the code_postal cell's is said, the
// cell's kept.
func (b *placeBuilder) postalInCommune(a *models.Actor) {
	cell := a.Address.Commune
	var code, name string
	if m := postalWithText.FindStringSubmatch(cell); m != nil && strings.TrimSpace(m[2]) != "" {
		code, name = m[1], m[2]
	} else if c := communeThenPostal.FindStringSubmatch(cell); c != nil {
		code, name = c[2], c[1]
	} else {
		return
	}
	name = strings.TrimSpace(name)
	if words := strings.Fields(strings.ToUpper(name)); len(words) == 0 || strings.Contains(strings.ToUpper(cell), "CEDEX") ||
		slices.Contains([]string{"BP", "B.P.", "CS", "TSA", "SP"}, words[len(words)-1]) {
		// « DIJON CEDEX BP 47032 », « RENNES CS 46706 »: a box's number,
		// not a postal code; the commune's reading says the rest.
		return
	}
	a.Address.Commune = name
	switch a.Address.PostalCode {
	case "":
		a.Address.PostalCode = code
		b.warn("commune", cell, fmt.Sprintf("the commune with its postal code, and the code_postal cell empty: read as commune « %s » and postal code %s", name, code))
	case code:
		b.read("commune", "the commune written with its postal code (« 13001 Marseille »), the code_postal cell's: read as the commune's name alone")
	default:
		b.warn("commune", cell, fmt.Sprintf("the commune cell gives the postal code %s, the code_postal cell %s: they disagree; the code_postal cell's is kept and the commune read as « %s »: please check which code is right", code, a.Address.PostalCode, name))
	}
}

func (b *placeBuilder) address(a *models.Actor) {
	a.Address.Street = b.oneLine("adresse", b.cell("adresse"), ", ")
	a.Address.Complement = b.oneLine("complement_adresse", b.cell("complement_adresse"), ", ")
	a.Address.Commune = b.oneLine("commune", b.cell("commune"), " ")
	cp := strings.ReplaceAll(b.cell("code_postal"), " ", "")
	if len(cp) > 5 && isDigits(cp[:5]) && strings.HasPrefix(strings.ToLower(cp[5:]), "cedex") {
		// « 30252 Cedex »: a business delivery code; the five digits are
		// what the standard keeps.
		b.warn("code_postal", b.cell("code_postal"), "CEDEX dropped: the standard keeps the five digits")
		cp = cp[:5]
	}
	if !(len(cp) == 5 && isDigits(cp)) {
		m := postalWithText.FindStringSubmatch(b.cell("code_postal"))
		if c := communeThenPostal.FindStringSubmatch(b.cell("code_postal")); m == nil && c != nil {
			m = []string{c[0], c[2], c[1]}
		}
		if m != nil {
			// The postal code with its commune, as on an envelope
			// (« 06000 Nice »), or a country's prefix (« F-06000 »):
			// the row was rejected for a postal code of no commune.
			how := "read as postal code " + m[1]
			if rest := strings.TrimSpace(m[2]); rest != "" && a.Address.Commune == "" {
				a.Address.Commune = b.oneLine("commune", rest, " ")
				how += " and commune « " + a.Address.Commune + " »"
			}
			b.warn("code_postal", b.cell("code_postal"), how)
			cp = m[1]
		}
	}
	if m := spreadsheetFloat(cp); m != nil && len(m[1]) >= 4 && len(m[1]) <= 5 {
		// pandas wrote the number 6100 as 6100.0 (probe 41a L1).
		cp = m[1]
		if len(cp) == 4 {
			cp = "0" + cp // 06100 read as the number 6100
		}
		b.warn("code_postal", b.cell("code_postal"), "a whole number written as a decimal (pandas, a spreadsheet): read as "+cp)
	}
	if len(cp) == 4 && isDigits(cp) {
		// A spreadsheet read 05000 as a number.
		b.warn("code_postal", cp, "4 digits: the leading 0 was restored")
		cp = "0" + cp
	}
	if len(cp) == 6 && isDigits(cp) {
		if fixed, c := oneDigitTooMany(cp, a.Address.Commune); fixed != "" {
			b.warn("code_postal", cp, fmt.Sprintf("6 digits: read as %s, a postal code of %s (the only reading without one of its digits that is)", fixed, c))
			cp = fixed
		}
	}
	a.Address.PostalCode = cp
	if strings.IndexFunc(a.Address.Commune, isASCIIDigit) >= 0 {
		b.postalInCommune(a) // a commune's name has no digit: the common row never comes here
	}
	if insee := strings.ToUpper(b.cell("code_insee")); insee != "" {
		if len(insee) == 4 && isDigits(insee) {
			insee = "0" + insee
		}
		if ident.ValidINSEE(insee) {
			a.Address.InseeCode = insee
			b.formerINSEE(insee)
		} else {
			b.warn("code_insee", insee, "not an INSEE commune code; dropped (the département then comes from the postal code)")
		}
	}
	for _, f := range []struct{ col, v string }{{"adresse", a.Address.Street}, {"complement_adresse", a.Address.Complement}, {"commune", a.Address.Commune}} {
		if utf8.RuneCountInString(f.v) > 200 {
			b.fail(f.col, f.v, "is longer than 200 characters")
		}
	}
}

// oneLine reads the cell of a one-line field (a name, an address line, a
// commune), which the model refuses with a line break or a tab in it:
// producers' forms and spreadsheets keep the lines typed in an address
// cell (« 20 rue du Capitaine Manuel\n97200 Fort de France », « BP 116
// \r\n77385 Combs-la-Ville »), and a place was rejected for them. The
// lines are joined with sep (after a line that ends with a comma, a
// semicolon or a dash, with a space), with a reading.
func (b *placeBuilder) oneLine(col, v, sep string) string {
	v = strings.TrimSpace(v)
	if !strings.ContainsAny(v, "\r\n\t") {
		return v
	}
	var out strings.Builder
	for line := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == '\r' || r == '\n' || r == '\t' }) {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		if out.Len() > 0 {
			if prev := out.String(); strings.HasSuffix(prev, ",") || strings.HasSuffix(prev, ";") || strings.HasSuffix(prev, "-") {
				out.WriteByte(' ')
			} else {
				out.WriteString(sep)
			}
		}
		out.WriteString(line)
	}
	joined := "a space"
	if s := strings.TrimSpace(sep); s != "" {
		joined = "« " + s + " »"
	}
	b.read(col, "line breaks or tabs in a one-line field: the lines joined with "+joined)
	return out.String()
}

// daylessRule finds a rule of times alone after a « ; » (« Tu 08:30-12:00 ;
// 13:30-17:30 »): every day in OSM, the same day's next range to the
// producer who wrote it. A value holding one is not repaired into a valid
// value (RuleSeparators), which would read it the OSM way, wrongly.
var daylessRule = regexp.MustCompile(`;\s*[0-9]`)

// noCoordinates is the reading of a row without coordinates.
const noCoordinates = "none given, and Carnet does not geocode addresses: a place stored without coordinates is on no map and no search around a point finds it; a search by commune or postal code does"

func (b *placeBuilder) coordinates(a *models.Actor) {
	lat, okLat := b.float("latitude")
	lon, okLon := b.float("longitude")
	if pair := b.cell(ColumnCoordinates); pair != "" && !okLat && !okLon {
		if lat, lon, okLat = coordinatePair(pair); okLat {
			okLon = true
			b.read("latitude", "both coordinates in one cell, latitude first")
		} else if lat, lon, okLat = dmsPair(pair); okLat {
			okLon = true
			b.warn(ColumnCoordinates, pair, fmt.Sprintf("both coordinates in degrees, minutes and seconds read as %s, %s (decimal degrees); please check them", strconv.FormatFloat(lat, 'f', 6, 64), strconv.FormatFloat(lon, 'f', 6, 64)))
		} else {
			b.warn(ColumnCoordinates, pair, "not a pair of coordinates « latitude, longitude »; dropped"+unreadCoordinates)
		}
	}
	if okLat && okLon && (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
		// Metres of France's projection, as GIS tools export « x » and
		// « y » (the Maine-et-Loire file's 240 places), in either order.
		x, y := lon, lat
		if !isLambert93(x, y) {
			x, y = lat, lon
		}
		if isLambert93(x, y) {
			if la, lo := lambert93ToWGS84(x, y); commune.InFrance(la, lo) {
				lat, lon = la, lo
				b.read("latitude", "coordinates in Lambert-93 (EPSG:2154, metres: x, y), the French projection GIS tools export, converted to latitude and longitude")
			}
		}
	}
	if okLat && okLon && !commune.InFrance(lat, lon) && commune.InFrance(lon, lat) {
		// Latitude and longitude were written in each other's column:
		// only their swap falls in France (overseas included).
		b.warn("latitude", b.cell("latitude")+","+b.cell("longitude"), "latitude and longitude swapped (only the other order is in France); read swapped")
		lat, lon = lon, lat
	}
	switch {
	case !okLat && !okLon:
		// Never silent: Carnet does not geocode, and a place without
		// coordinates is missing from every map and every search
		// around a point (Aidants Connect's national list has none).
		b.read("latitude", noCoordinates)
	case okLat != okLon:
		b.warn("latitude", b.cell("latitude")+","+b.cell("longitude"), "only one coordinate is given; both dropped"+unreadCoordinates)
	case lat < -90 || lat > 90 || lon < -180 || lon > 180:
		b.warn("latitude", b.cell("latitude")+","+b.cell("longitude"), "out of range; dropped"+unreadCoordinates)
	case lat == 0 && lon == 0:
		b.warn("latitude", "0,0", "0,0 is a failed geocoding, not a place; dropped"+unreadCoordinates)
	default:
		a.Latitude, a.Longitude = &lat, &lon
	}
	if a.Latitude == nil && (b.cell("latitude") != "" || b.cell("longitude") != "" || b.cell(ColumnCoordinates) != "") {
		b.unread |= models.FieldCoordinates // cells, but no coordinates read
	}
}

// isLambert93 says x, y lie in Lambert-93's extent over metropolitan
// France and Corsica (EPSG:2154's bounds: x 100,000-1,300,000 m, y
// 6,000,000-7,200,000 m), where no latitude or longitude can be.
func isLambert93(x, y float64) bool {
	return x >= 100_000 && x <= 1_300_000 && y >= 6_000_000 && y <= 7_200_000
}

// lambert93ToWGS84 converts Lambert-93 (RGF93, conformal conic, standard
// parallels 44° and 49°, origin 46.5° N 3° E at x 700,000 m, y
// 6,600,000 m) to latitude and longitude in degrees, by IGN's inverse
// formulas (note NT/G 71, ALG0004, ALG0001): RGF93 and WGS84 agree to a few
// centimetres, well under an address's precision.
func lambert93ToWGS84(x, y float64) (lat, lon float64) {
	const (
		n  = 0.7256077650532670
		c  = 11754255.426096
		xs = 700000.0
		ys = 12655612.049876
		e  = 0.0818191910428158 // GRS80's first eccentricity
	)
	dx, dy := x-xs, y-ys
	r := math.Hypot(dx, dy)
	gamma := math.Atan(dx / -dy)
	lon = 3*math.Pi/180 + gamma/n
	iso := -math.Log(math.Abs(r/c)) / n // isometric latitude
	phi := 2*math.Atan(math.Exp(iso)) - math.Pi/2
	for range 12 { // converges to 1e-11 in fewer
		es := e * math.Sin(phi)
		phi = 2*math.Atan(math.Pow((1+es)/(1-es), e/2)*math.Exp(iso)) - math.Pi/2
	}
	return phi * 180 / math.Pi, lon * 180 / math.Pi
}

// dropSpace removes the spaces a number's digits are grouped by.
func dropSpace(r rune) rune {
	if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' {
		return -1
	}
	return r
}

func (b *placeBuilder) float(col string) (float64, bool) {
	s := b.cell(col)
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		// Digits grouped by spaces, as a French spreadsheet writes large
		// numbers (« 475 198,12 »: Lambert-93 metres), no-break or not.
		f, err = strconv.ParseFloat(strings.Replace(strings.Map(dropSpace, s), ",", ".", 1), 64)
	}
	if err != nil {
		if v, how, ok := readDMS(s, col); ok {
			b.warn(col, s, how)
			return v, true
		} else if how != "" {
			b.warn(col, s, how+"; dropped"+unreadCoordinates)
			return 0, false
		}
		b.warn(col, s, "not a number; dropped"+unreadCoordinates)
		return 0, false
	}
	return f, true
}

// maxCellValues bounds the values of one contact cell that are read: a
// cell of 60,000 phones took a second to parse, each number through the
// phone library's expressions (TestContactListsCostBounded).
const maxCellValues = 100

// firstValues keeps the first maxCellValues values of a cell, with a
// warning when there were more.
func (b *placeBuilder) firstValues(col string, vals []string) []string {
	if len(vals) > maxCellValues {
		b.warn(col, "", fmt.Sprintf("%d values; only the first %d are read", len(vals), maxCellValues))
		return vals[:maxCellValues]
	}
	return vals
}

func (b *placeBuilder) contacts(a *models.Actor) {
	for _, ph := range b.firstValues("telephone", splitPhones(b.cell("telephone"))) {
		if faxLabel.MatchString(ph) {
			b.read("telephone", "a fax number (« Fax : … ») left out: the field holds the numbers people call")
			continue
		}
		if n, err := contact.NormalizePhone(ph, a.Address.PostalCode); err != nil {
			if n, how := contact.RepairPhone(ph, a.Address.PostalCode); n != "" {
				b.read("telephone", how+": repaired")
				a.Phones = append(a.Phones, n)
				continue
			}
			b.warn("telephone", ph, err.Error()+"; dropped")
		} else {
			a.Phones = append(a.Phones, n)
		}
	}
	for _, col := range []string{"courriels", "courriel"} {
		cell, mended := mendCommaDots(b.cell(col))
		for _, m := range mended {
			b.warn(col, m[0], fmt.Sprintf("read as « %s »: a comma typed for the dot before the address's last part (split on the comma, the address was cut); please check it", m[1]))
		}
		for _, m := range b.firstValues(col, splitEmails(cell)) {
			if n, err := contact.NormalizeEmail(m); err != nil {
				b.warn(col, m, err.Error()+"; dropped")
			} else {
				a.Emails = append(a.Emails, n)
			}
		}
	}
	for _, u := range b.firstValues("site_web", splitURLs(b.cell("site_web"))) {
		if n, err := contact.NormalizeURL(u); err != nil {
			b.warn("site_web", u, err.Error()+"; dropped")
		} else {
			a.Websites = append(a.Websites, n)
		}
	}
	b.first20(&a.Phones, "telephone")
	b.first20(&a.Emails, "courriels")
	b.first20(&a.Websites, "site_web")
}

// first20 keeps the first 20 values of a contact list, with a warning.
// One call a list: a loop over pairs of list and column moved the actor
// to the heap, and with it every row's Place (see among).
func (b *placeBuilder) first20(list *models.StringList, col string) {
	if len(*list) > 20 {
		b.warn(col, "", "more than 20 values; the first 20 are kept")
		*list = (*list)[:20]
	}
}

func (b *placeBuilder) url(cols ...string) string {
	for _, col := range cols {
		s := b.cell(col)
		if s == "" {
			continue
		}
		n, err := contact.NormalizeURL(s)
		if err != nil {
			b.warn(col, s, err.Error()+"; dropped")
			continue
		}
		return n
	}
	return ""
}

// maxSummaryLength is presentation_resume's limit in the standard.
const maxSummaryLength = 280

// presentation applies the 280-character limit of presentation_resume: the
// full text is kept in the description and the summary is cut at a word.
// A summary starting like a spreadsheet formula (« - » opening a list, as
// producers write them) is limited to 279: the CSV export writes it after
// an apostrophe (FormulaSafe), which the standard counts, so at 280 its
// export would break the limit or be cut again, losing a word on the
// round trip; cut here, the full text is in the description.
func (b *placeBuilder) presentation(a *models.Actor) {
	summary, detail := b.cell("presentation_resume"), b.cell("presentation_detail")
	limit, why := maxSummaryLength, "over the standard's 280"
	if formulaLike(summary) {
		limit, why = maxSummaryLength-1, fmt.Sprintf("over the standard's 280 with the apostrophe the CSV export writes before a text starting with %q", summary[:1])
	}
	if n := utf8.RuneCountInString(summary); n > limit {
		b.warn("presentation_resume", summary, fmt.Sprintf("%d characters, %s: cut at a word, the full text is kept in the description", n, why))
		if !strings.Contains(detail, summary) {
			detail = strings.TrimSpace(summary + "\n\n" + detail)
		}
		summary = cutWords(summary, limit)
	}
	if n := utf8.RuneCountInString(detail); n > 10000 {
		b.warn("presentation_detail", detail, "over 10,000 characters; cut")
		detail = cutWords(detail, 10000)
	}
	a.Summary, a.Description = summary, detail
}

// offer builds the service carrying the place's offer, and the actor's
// labels, from the current and legacy columns.
func (b *placeBuilder) offer(a *models.Actor) *models.Service {
	legacy := map[string][]string{}
	b.legacyCell(vocab.LegacyColumnServices, legacy)
	b.legacyCell(vocab.LegacyColumnPublicsAccueillis, legacy)
	b.legacyCell(vocab.LegacyColumnConditionsAcces, legacy)
	b.legacyCell(vocab.LegacyColumnLabelsNationaux, legacy)
	b.legacyCell(vocab.LegacyColumnModalitesAccompagnement, legacy)
	other := []string{}
	pass := b.legacyCellNames(vocab.LegacyColumnConditionsAcces, b.cell("conditions_acces"), "accepte-le-pass-numerique")
	for _, col := range []string{"autres_formations_labels", "labels_autres"} {
		if s := b.cell(col); s != "" {
			other = append(other, s)
			// APTIC, the Pass numérique cheque, has no column in
			// v1.0.2: read from v0.1.1's labels_nationaux below, it is
			// kept in the other labels, where Carnet's export and the
			// ANCT's conversion of v0.1.1 files write it. Read there,
			// it sets the flag too, or the round trip lost it.
			pass = pass || namesAptic(s)
		}
	}
	for _, part := range vocab.SplitLegacy(vocab.LegacyColumnLabelsNationaux, b.cell("labels_nationaux")) {
		if m, ok := vocab.LookupLegacy(vocab.LegacyColumnLabelsNationaux, part); ok && len(m.Targets) == 0 && !m.Lossless {
			// Old labels without equivalent stay readable as free text.
			other = append(other, part)
			// APTIC however written (« Chèque APTIC » is an alias of
			// it): the mapping's value, not the cell's, says it, or the
			// cheque written by its full name lost the flag.
			if vocab.Slugify(m.Old) == "aptic" {
				pass = true
			}
		}
	}
	a.NationalProgrammes = union(vocab.NameNationalProgrammes, b.vocabCell("dispositif_programmes_nationaux", vocab.NameNationalProgrammes), legacy[vocab.NameNationalProgrammes])
	a.TrainingLabels = union(vocab.NameTrainingLabels, b.vocabCell("formations_labels", vocab.NameTrainingLabels), legacy[vocab.NameTrainingLabels])
	a.OtherLabels = strings.Join(other, ", ")
	if utf8.RuneCountInString(a.OtherLabels) > 500 {
		b.warn("autres_formations_labels", a.OtherLabels, "over 500 characters; cut")
		a.OtherLabels = cutWords(a.OtherLabels, 500)
	}

	// The standard has no service name. The offer takes the place's name:
	// a generic « Médiation numérique » on every imported service would
	// make every search for « médiat… » rank them above the médiathèques
	// themselves, the name being the heaviest field of relevance.
	sv := &models.Service{Name: a.Name, Source: a.Source, SourceID: a.SourceID + OfferSuffix, PassNumerique: pass}
	sv.Themes = legacy[vocab.NameThemes] // services: current values pass through ConvertLegacy
	if t := legacy[vocab.NameTypologies]; len(t) > 0 {
		// A kind of place written among the services (the Doubs map's
		// « tierslieux_cowork »).
		a.Typologies = union(vocab.NameTypologies, a.Typologies, t)
	}
	b.offerLists(legacy)
	sv.Publics = union(vocab.NamePublics, legacy[vocab.NamePublics])
	sv.SpecificSupport = union(vocab.NameSpecificSupport, legacy[vocab.NameSpecificSupport])
	sv.Fees = union(vocab.NameFees, legacy[vocab.NameFees])
	sv.AccessModes = union(vocab.NameAccessModes, legacy[vocab.NameAccessModes])
	sv.AccompanimentModes = legacy[vocab.NameAccompanimentModes]
	doneFor := b.legacyCellNames(vocab.LegacyColumnModalitesAccompagnement, b.cell("modalites_accompagnement"), "a-ma-place")
	sv.Kind = offerKind(sv.Themes, sv.AccompanimentModes, doneFor)
	sv.Remote = slices.Contains(sv.AccompanimentModes, vocab.AccompanimentRemote)
	sv.OnSite = !sv.Remote || len(sv.AccompanimentModes) > 1
	if len(sv.Themes) == 0 {
		if c := b.rec.servicesIn; c != "" && b.rec.absent&models.FieldThemes != 0 {
			// The file has no services column: a stored offer is kept
			// (the file's warning names those places), a new place has
			// none, and loses the values of the other offer columns.
			kept := "an offer stored for the place is kept as it is"
			if b.rec.absent&offerFields != offerFields {
				kept = "an offer stored for the place is kept, with its services, and takes the values of the file's other offer columns"
			}
			b.warn("services", "", "the row names services in its column « "+c+" », which is not the standard's services column: these services are not read (name the column services to import them); "+kept+"; a place new in the directory has no offer"+offerValuesLost(sv, ", and a new place loses"))
		} else if c != "" {
			b.warn("services", "", "the row names services in its column « "+c+" », which is not the standard's services column: the place is imported WITHOUT these offers (name the column services to import them)"+offerValuesLost(sv, "; not imported either:"))
		}
		if b.rec.absent&models.FieldThemes != 0 {
			// The file has no services column: it says nothing of the
			// place's offer (see readBatch.add). The report says how the
			// row was read — before, each row warned that it came without
			// an offer; a place created has none, one stored keeps its own
			// (and the file's warning names those, keptIssues).
			if b.rec.absent&offerFields != offerFields {
				// The file has other offer columns: what they say updates
				// a stored offer (see Place.Partial).
				b.read("services", noServicesColumnPartial)
				b.partial = sv
				b.derive = func(s *models.Service) { s.Kind = offerKind(s.Themes, s.AccompanimentModes, doneFor) }
			} else {
				b.read("services", noServicesColumn)
			}
			return nil
		}
		if b.rec.Objects["services"] {
			b.fail("services", "", "the services are JSON objects naming no value (no « nom », « name », « label » or « libelle »), and a place is not imported without the offer it names (write them as texts: \"services\": [\"Aide aux démarches administratives\"])")
		} else if b.cell("services") == "" {
			b.warn("services", "", "no service listed: the place is imported without an offer (an offer stored for it before is archived)"+offerValuesLost(sv, "; not imported:"))
		} else if len(legacy[vocab.NameTypologies]) > 0 && b.allKnownServices() {
			// Every value read, none a service: a tiers-lieu that names
			// no service is a place that lists none.
			b.warn("services", b.cell("services"), "no service of the standard listed (a kind of place, read as its typology): the place is imported without an offer (an offer stored for it before is archived)"+offerValuesLost(sv, "; not imported:"))
		} else {
			b.fail("services", b.cell("services"), "none of the services named is a value of any version of the standard (see GET /api/v1/vocabularies/themes), and a place is not imported without the offer it names")
		}
		return nil
	}
	return sv
}

// offerValuesLost names the values of the offer columns read into sv,
// after lead, for a row imported without an offer: the standard gives the
// fees, publics and modes on the place, Carnet holds them on its offer,
// which a place without services has not. "" when there are none.
func offerValuesLost(sv *models.Service, lead string) string {
	var parts []string
	for _, c := range []struct {
		column string
		values []string
	}{
		{"publics_specifiquement_adresses", sv.Publics},
		{"prise_en_charge_specifique", sv.SpecificSupport},
		{"frais_a_charge", sv.Fees},
		{"modalites_acces", sv.AccessModes},
		{"modalites_accompagnement", sv.AccompanimentModes},
	} {
		if len(c.values) > 0 {
			parts = append(parts, c.column+" « "+strings.Join(c.values, ", ")+" »")
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return lead + " the values of its offer columns, which Carnet holds on a place's offer: " + strings.Join(parts, ", ")
}

// namesAptic says whether a free text of labels names APTIC as a word
// (« APTIC », « Chèque APTIC », « Label APTIC pass numérique »).
func namesAptic(s string) bool {
	return strings.Contains("-"+vocab.Slugify(s)+"-", "-aptic-")
}

// offerKind derives Carnet's service kind of a place's offer, which the
// standard does not carry: the most involved help the modes describe.
func offerKind(themes, modes []string, doneFor bool) string {
	has := func(m string) bool { return slices.Contains(modes, m) }
	switch {
	case doneFor:
		return vocab.KindProceduresDoneFor
	case has(vocab.AccompanimentIndividual) && slices.Contains(themes, vocab.ThemeAdministrativeProcedures):
		return vocab.KindProceduresDoneWith
	case has(vocab.AccompanimentWorkshop):
		return vocab.KindCollectiveWorkshop
	case len(themes) == 1 && themes[0] == vocab.ThemeSolidarityEquipment:
		return vocab.KindSolidarityEquipment
	case len(modes) == 1 && has(vocab.AccompanimentAutonomous):
		return vocab.KindEquipmentAccess
	}
	return vocab.KindOneOffHelp
}

// legacyCellNames says whether a value of a legacy column's cell is the
// v0.1.1 value whose folded text starts with prefix, however the producer
// wrote it (its long or short form, or a code standing for it, such as
// data·inclusion's « pass-numerique » and « delegation »).
//
// The answer is remembered per cell text (listCell): each of the cell's
// parts was looked up twice in the tables of older versions, and a
// pass-through value copied, six allocations a row (issue 11, item 6).
func (b *placeBuilder) legacyCellNames(column, cell, prefix string) (names bool) {
	b.listCell(listKey{"names", column, prefix, cell}, func(_ *placeBuilder, vals *listValues) {
		if legacyCellNames(column, cell, prefix) {
			vals.add(prefix)
		}
	}, func(string, []string) { names = true })
	return names
}

// legacyCellNames is placeBuilder.legacyCellNames, read afresh.
func legacyCellNames(column, cell, prefix string) bool {
	for _, part := range vocab.SplitLegacy(column, cell) {
		if m, ok := vocab.LookupLegacy(column, part); ok && strings.HasPrefix(vocab.Slugify(m.Old), prefix) {
			return true
		}
	}
	return false
}

func union(name string, lists ...[]string) []string {
	var all []string
	if n := len(lists); n == 1 || n == 2 && len(lists[1]) == 0 {
		all = lists[0] // NormalizeList leaves its input as it is: no copy
	} else if n == 2 && len(lists[0]) == 0 {
		all = lists[1]
	} else {
		for _, l := range lists {
			all = append(all, l...)
		}
	}
	out, _ := vocab.MustGet(name).NormalizeList(all)
	return out
}

// splitURLs splits on "|" and white space (a URL holds none), and on ";"
// and "," only when every piece reads as a URL: both occur inside URLs.
func splitURLs(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || unicode.IsSpace(r) }) {
		if p = strings.Trim(p, ";,"); p == "" {
			continue
		}
		pieces := strings.FieldsFunc(p, func(r rune) bool { return r == ';' || r == ',' })
		all := len(pieces) > 1
		for _, q := range pieces {
			if _, err := contact.NormalizeURL(q); err != nil || !strings.Contains(q, ".") {
				all = false
			}
		}
		if !all {
			pieces = []string{p}
		}
		out = append(out, pieces...)
	}
	return out
}

// cutWords shortens s to at most max characters at a word boundary, with an
// ellipsis.
func cutWords(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	cut := string(r[:max-1])
	if i := strings.LastIndexAny(cut, " \n\t"); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-\n\t") + "…"
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 120 {
		return s
	}
	return string([]rune(s)[:120]) + "…"
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// oneDigitTooMany reads a 6-digit postal code typed with a digit too many
// (« 380000 » for Grenoble, « 020000 » for Laon): the code without one of
// its digits when exactly one such code is a postal code of the commune
// named, with that commune's name; "" otherwise.
func oneDigitTooMany(cp, name string) (string, string) {
	found, of := "", ""
	for i := range cp {
		c := cp[:i] + cp[i+1:]
		for _, m := range commune.ByName(name) {
			if m.HasPostalCode(c) {
				if found != "" && found != c {
					return "", ""
				}
				found, of = c, m.Name
			}
		}
	}
	return found, of
}

// streetTail keeps the street alone when it ends with the postal code and
// commune locate derived (see streetRepeatsCity): the Conseillers
// numériques list of 2023 has no commune column and writes « 41 RUE PORTE
// DE MONTEUX 84200 CARPENTRAS »; its 2,726 places kept the town in their
// street, which the export's re-import then stripped.
func (b *placeBuilder) streetTail(ad *models.Address) {
	if ad.Commune == "" || ad.PostalCode == "" {
		return
	}
	if pc, city, rest := addressCity(ad.Street); pc != "" {
		b.streetRepeatsCity(ad, pc, city, rest)
	}
}

// allKnownServices reports whether every value of the services cell is a
// value some version of the standard, or a producer's code, names.
func (b *placeBuilder) allKnownServices() bool {
	known := func(p string) bool { return vocab.IsLegacyValue(vocab.LegacyColumnServices, p) }
	parts := dashJoined(b.cell("services"), known)
	if parts == nil {
		parts = vocab.SplitLegacy(vocab.LegacyColumnServices, b.cell("services"))
	}
	for _, p := range parts {
		if !known(p) {
			return false
		}
	}
	return true
}

// dashJoined splits a cell of codes joined with « - » (the Doubs map's
// « accomp_demarches-ateliers_formations- »), when the cell is no value
// itself and every piece is one; nil otherwise.
func dashJoined(cell string, known func(string) bool) []string {
	if !strings.Contains(cell, "-") || strings.ContainsAny(cell, "|;,\n") || len(cell) > 200 || known(cell) {
		return nil
	}
	var out []string
	for _, p := range strings.Split(cell, "-") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !known(p) {
			return nil
		}
		out = append(out, p)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
