package handlers

import (
	"carnet/models/textlen"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/editdist"
	"carnet/models/ident"
	"carnet/models/vocab"
)

// Limits on query strings, so that a filter cannot become an expensive query.
const (
	maxFilterValues = 50
	maxParamLen     = 500
)

// queryParser reads list filters from a query string and collects every
// problem, so that a client learns about all bad parameters at once.
// Multi-valued filters accept repeated parameters (themes=a&themes=b) and
// comma-separated values (themes=a,b); vocabulary values may be written as
// their canonical string or their slug.
type queryParser struct {
	v     url.Values
	known map[string]bool
	errs  models.FieldErrors
	// elsewhere, when set, is the search of the same records, for a
	// client who brings search parameters to a list (near, q, themes…).
	elsewhere *searchRoute
	// scope is the list the request's cursors belong to (queryOf).
	scope string
}

// searchRoute is a search endpoint and the parameters it takes that the
// list of the same records does not.
type searchRoute struct {
	path   string
	params []string // sorted
}

// The parameters of the searches that the lists of the same records do
// not take (TestListsPointToTheirSearch keeps them equal to openapi.yaml).
var (
	actorSearch = &searchRoute{"/api/v1/search/actors", []string{"access_modes", "accompaniment_modes", "code_postal",
		"facets", "fees", "include_duplicates", "itinerant", "kind", "languages", "near", "open_at", "open_on", "pass_numerique",
		"publics", "q", "radius_km", "specific_support", "themes"}}
	serviceSearch = &searchRoute{"/api/v1/search/services", []string{"accepts_referrals", "code_postal", "exclude_full", "facets",
		"include_duplicates", "include_remote", "itinerant", "mobility", "national_programmes", "near", "open_at", "open_on", "q",
		"radius_km", "training_labels", "typologies"}}
)

// ActorSearchParameters and ServiceSearchParameters expose the lists to
// the test that compares them with the document.
func ActorSearchParameters() []string   { return actorSearch.params }
func ServiceSearchParameters() []string { return serviceSearch.params }

func newQueryParser(v url.Values) *queryParser {
	return &queryParser{v: v, known: map[string]bool{}}
}

func (q *queryParser) raw(name string) []string {
	q.known[name] = true
	vals := q.v[name]
	var out []string
	for _, v := range vals {
		if textlen.Over(v, maxParamLen) {
			q.errs.Addf(name, "must be at most %d characters", maxParamLen)
			return nil
		}
		if !q.text(name, v) {
			return nil
		}
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	if len(out) > maxFilterValues {
		q.errs.Addf(name, "accepts at most %d values", maxFilterValues)
		return nil
	}
	return out
}

// strings returns the values of a multi-valued free filter.
func (q *queryParser) strings(name string) []string { return q.raw(name) }

// words returns the single value of a free-text parameter, what a person
// types or pastes into a search box, read as the person sees it
// (models.PastedText: line breaks are spaces, characters that show nothing
// are dropped; other control characters and text-direction overrides are
// refused as in any value).
//
// A value that held only such characters (a zero-width space, a soft
// hyphen) is refused: dropped to "", it was read as no filter at all, and
// answered everything.
func (q *queryParser) words(name string) string {
	for i, v := range q.v[name] {
		q.v[name][i] = models.PastedText(v)
		if strings.TrimSpace(v) != "" && strings.TrimSpace(q.v[name][i]) == "" && utf8.ValidString(v) {
			q.known[name] = true
			q.errs.Add(name, "holds only characters that show nothing (zero-width spaces, soft hyphens, joiners…): write words to search for, or leave it out")
			q.v[name] = nil
			return ""
		}
	}
	return q.one(name)
}

// sources returns source names to filter by, in lower case as every
// source is stored (an import's --source, a partner's sources): « HUB-DU-SUD »
// read as « hub-du-sud » matched nothing. A value that cannot name a source
// (« * », a quote) is refused: it named none, and answered an empty list as
// if the source had no record.
func (q *queryParser) sources(name string) []string {
	vals := q.raw(name)
	for i, s := range vals {
		vals[i] = strings.ToLower(s)
		if models.CheckSourceName(vals[i]) != nil {
			q.errs.Addf(name, "%q is not a source name: 1 to 64 characters among a-z, 0-9, '.', '_' and '-', starting with a letter or digit", clip(s))
		}
	}
	return vals
}

// one returns the single value of a parameter.
func (q *queryParser) one(name string) string {
	q.known[name] = true
	vals := q.v[name]
	if len(vals) > 1 {
		q.errs.Add(name, "must be given once")
		return ""
	}
	if len(vals) == 0 {
		return ""
	}
	v := strings.TrimSpace(vals[0])
	// Characters, as the document's maxLength counts them: 300 « é » are
	// 600 bytes, and were refused under a limit of 500.
	if textlen.Over(v, maxParamLen) {
		q.errs.Addf(name, "must be at most %d characters", maxParamLen)
		return ""
	}
	if !q.text(name, v) {
		return ""
	}
	return v
}

// text refuses a value no record can hold: bytes that are not UTF-8, and
// control, text-direction or invisible characters, which every text field
// refuses. Passed on, they silently matched every row (SQLite reads a NUL as the
// end of the pattern) or failed the query (PostgreSQL refuses NUL and
// invalid UTF-8).
func (q *queryParser) text(name, v string) bool {
	switch {
	case !utf8.ValidString(v):
		q.errs.Add(name, "must be valid UTF-8 (percent-encode each byte of its UTF-8 form)")
	case !models.OneLineText(v):
		q.errs.Add(name, "must not contain control, text-direction or invisible characters")
	default:
		return true
	}
	return false
}

// vocab returns canonical vocabulary values.
func (q *queryParser) vocab(name, vocabName string) []string {
	vals := q.raw(name)
	if len(vals) == 0 {
		return nil
	}
	v := vocab.MustGet(vocabName)
	out := make([]string, 0, len(vals))
	for _, s := range vals {
		c, ok := v.Normalize(s)
		if !ok {
			q.errs.Addf(name, "%q is not a value of the %s vocabulary (see GET /api/v1/vocabularies/%s)", clip(s), vocabName, vocabName)
			continue
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// codes returns values that must each satisfy valid.
func (q *queryParser) codes(name, what string, valid func(string) bool) []string {
	vals := q.raw(name)
	for _, s := range vals {
		if !valid(s) {
			q.errs.Addf(name, "%q is not %s", clip(s), what)
		}
	}
	return vals
}

// departements reads département filters: codes (13, 2A, 974; « 2a », and
// « 6 » for 06 as a spreadsheet writes it once its leading zero is gone)
// or names (« Bouches-du-Rhône », « bouches du rhone », « Réunion »),
// returned as codes. People and other APIs filter by the name as often as
// by the code; a misspelt name is refused with the code it most likely
// means.
func (q *queryParser) departements(name string) []string {
	vals := q.raw(name)
	for i, s := range vals {
		vals[i] = q.departementValue(name, s)
	}
	return vals
}

// departement reads a single département as departements does; given
// tells whether a value was there (code is "" when it was invalid).
func (q *queryParser) departement(name string) (code string, given bool) {
	s := q.one(name)
	if s == "" {
		return "", false
	}
	return q.departementValue(name, s), true
}

func (q *queryParser) departementValue(name, s string) string {
	if code, ok := departementCode(s); ok {
		return code
	}
	reason := fmt.Sprintf("%q is not a département code or name (e.g. 13, 2A, 974 or Bouches-du-Rhône)", clip(s))
	if code := commune.DepartementNameHint(s); code != "" {
		reason += fmt.Sprintf(": did you mean %s (%s)?", code, commune.DepartementName(code))
	}
	q.errs.Add(name, reason)
	return ""
}

// departementCode reads a département code or name as its code.
func departementCode(s string) (string, bool) {
	code := strings.ToUpper(s)
	if len(code) == 1 && code[0] >= '1' && code[0] <= '9' {
		code = "0" + code
	}
	if ident.ValidDepartement(code) {
		return code, true
	}
	if code := commune.DepartementByName(s); code != "" {
		return code, true
	}
	return "", false
}

func (q *queryParser) boolean(name string) *bool {
	s := q.one(name)
	if s == "" {
		// Named without a value (?dry_run, ?dry_run=): read as absent,
		// a sync meant as a check wrote for real. It is neither true
		// nor false.
		if vals := q.v[name]; len(vals) == 1 {
			q.errs.Add(name, "must be true or false: a parameter named without a value is not read as true (write '"+name+"=true')")
		}
		return nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.errs.Add(name, "must be true or false")
		return nil
	}
	return &b
}

// decimal reads s as a plain decimal number: an optional minus sign,
// digits, an optional fraction (« 5 », « 2.5 », « -21.115 », « .5 »).
// strconv.ParseFloat alone also takes « +5 », « 1e1 », « 0x1p3 », « Inf »
// and « 1_0 », which no client of a query string means as written: read
// as another, canonical value, they were answered rather than told, as
// integers were (see integer).
func decimal(s string) (float64, bool) {
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case c == '-' && i == 0:
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// number reads an optional plain decimal (decimal), as sent: spaces
// around it are refused too. present is false when the parameter is
// absent; ok is false when it is refused, the caller saying why.
func (q *queryParser) number(name string) (f float64, present, ok bool) {
	if q.one(name) == "" {
		return 0, false, false
	}
	f, ok = decimal(q.v[name][0])
	return f, true, ok
}

// fraction reads an optional number from 0 to 1.
func (q *queryParser) fraction(name string) *float64 {
	f, present, ok := q.number(name)
	if !present {
		return nil
	}
	if !ok || f < 0 || f > 1 {
		q.errs.Add(name, "must be a number from 0 to 1")
		return nil
	}
	return &f
}

// flag reads an optional boolean that defaults to false.
func (q *queryParser) flag(name string) bool {
	b := q.boolean(name)
	return b != nil && *b
}

func (q *queryParser) timestamp(name string) *time.Time {
	return q.parseTime(name, q.one(name))
}

// timestampAlias is timestamp for a parameter that also answers to its
// former name (see alias).
func (q *queryParser) timestampAlias(name, former string) *time.Time {
	return q.parseTime(q.alias(name, former))
}

// window refuses a time window whose start (since, the parameter named
// sinceName) is after its end (before): no row is in it, and answering
// 200 with zeros read as « nothing happened » (probe 43, stats).
func (q *queryParser) window(sinceName, beforeName string, since, before *time.Time) {
	if since != nil && before != nil && since.After(*before) {
		q.errs.Addf(sinceName, "must not be after %s", beforeName)
		q.errs.Addf(beforeName, "must not be before %s", sinceName)
	}
}

func (q *queryParser) parseTime(name, s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t, err = leapSecond(s)
	}
	if err != nil {
		q.errs.Add(name, "must be an RFC 3339 time such as 2026-01-31T12:00:00Z (encode + as %2B)"+timeHint(s))
		return nil
	}
	t = t.UTC()
	return &t
}

// leapSecond reads an RFC 3339 time whose seconds are 60, a leap second
// (RFC 3339 §5.7: 1990-12-31T23:59:60Z), which time.Parse refuses. It is
// read as the next second, the start of the following minute: what POSIX
// time, which has no leap seconds, makes of it, so that « since » the leap
// second keeps every later change and « before » it every earlier one. The
// minute is not checked against the table of leap seconds: a client's
// clock that writes one is not contradicted.
func leapSecond(s string) (time.Time, error) {
	// 2016-12-31T23:59:60Z: the seconds are bytes 17 and 18.
	if len(s) < 20 || s[17:19] != "60" {
		return time.Time{}, errors.New("not a leap second")
	}
	t, err := time.Parse(time.RFC3339Nano, s[:17]+"59"+s[19:])
	return t.Add(time.Second), err
}

// timeHint says what is missing from the commonest near-misses of an RFC
// 3339 time: the offset, a + read as a space (unencoded in a query
// string), a word such as « now ».
func timeHint(s string) string {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if _, err := time.Parse(layout, s); err == nil {
			return ": this one has no time zone; add Z (UTC) or the offset, such as +01:00 in Paris in winter"
		}
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if _, err := time.Parse(time.RFC3339Nano, s[:i]+"+"+s[i+1:]); err == nil {
			return ": its + arrived as a space, as an unencoded + does in a query string; write %2B"
		}
	}
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return ": this one is a date; add the time and the zone (" + s + "T00:00:00Z)"
	}
	if strings.EqualFold(s, "now") || strings.EqualFold(s, "maintenant") {
		return ": send the current time itself"
	}
	return ""
}

// alias reads a single-valued parameter that was renamed (README, « API
// conventions »): its former name keeps working for one more version, and
// giving both is refused rather than guessing which one was meant. It
// returns the name the client used, for error messages, and the value.
func (q *queryParser) alias(name, former string) (string, string) {
	v, old := q.one(name), q.one(former)
	switch {
	case v != "" && old != "":
		q.errs.Addf(former, "is the former name of %s: give only %s", name, name)
		return name, v
	case old != "":
		return former, old
	}
	return name, v
}

// id reads a UUID as bodies do: trimmed, in lower case (models.NormalID).
func (q *queryParser) id(name string) string {
	s := models.NormalID(q.one(name))
	if s != "" && !models.ValidID(s) {
		q.errs.Add(name, "must be a UUID")
	}
	return s
}

// page reads sort, cursor and limit.
func (q *queryParser) page(sorts ...string) models.ListParams {
	var p models.ListParams
	p.Sort = q.one("sort")
	if p.Sort != "" && !slices.Contains(sorts, p.Sort) {
		q.errs.Addf("sort", "must be one of %s", strings.Join(sorts, ", "))
	}
	p.Cursor = q.cursor()
	p.Limit = q.limit(models.DefaultLimit, models.MaxLimit)
	return p
}

// limit reads the page size, from 1 to max (def when absent).
func (q *queryParser) limit(def, max int) int {
	if n, ok := q.integer("limit", 1, max); ok {
		return n
	}
	return def
}

// integer reads an optional whole number from lo to hi; ok is false when
// it is absent or refused. It is written in decimal digits only, as every
// integer of the query strings is (leading zeros are read: « 05 » is 5):
// strconv.Atoi read « +5 » as 5, and one() had shed the spaces of
// « limit= 5 », so values no client means as written were answered as
// another, canonical one.
func (q *queryParser) integer(name string, lo, hi int) (n int, ok bool) {
	return q.integerOr(name, lo, hi, "")
}

// integerOr is integer, whose refusal ends with another, the rule a
// parameter follows elsewhere (« up to 5000 with minimal=true »), so that
// the client learns the bound it may reach.
func (q *queryParser) integerOr(name string, lo, hi int, other string) (n int, ok bool) {
	s := q.one(name)
	if s == "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if !decimalDigits(q.v[name][0]) || err != nil || n < lo || n > hi {
		if other != "" {
			other = "; " + other
		}
		q.errs.Addf(name, "must be an integer from %d to %d, written in digits only (no sign, no spaces)%s", lo, hi, other)
		return 0, false
	}
	return n, true
}

// decimalDigits reports whether s is one or more ASCII digits, nothing else.
func decimalDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// err reports every problem, including parameters the endpoint does not
// know: a misspelt filter silently ignored would return the wrong rows.
func (q *queryParser) err() error {
	known := make([]string, 0, len(q.known))
	for k := range q.known {
		known = append(known, k)
	}
	sort.Strings(known)
	q.errs = append(q.errs, unknownParameters(q.v, known, q.elsewhere)...)
	if len(q.errs) == 0 {
		return nil
	}
	return &models.Error{Code: models.EBADREQUEST, Message: "Some query parameters are invalid.", Fields: q.errs}
}

// unknownParameters names, in order, the parameters of v that known (sorted)
// does not hold.
func unknownParameters(v url.Values, known []string, elsewhere *searchRoute) (fe models.FieldErrors) {
	var unknown []string
	for name := range v {
		if _, ok := slices.BinarySearch(known, name); !ok {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	// Each error repeats the endpoint's known names: a query string of
	// thousands of short unknown names (a few kilobytes) answered hundreds
	// of kilobytes. The first ones are named, the rest counted.
	const named = 20
	more := 0
	if len(unknown) > named {
		unknown, more = unknown[:named], len(unknown)-named
	}
	defer func() {
		if more > 0 {
			fe.Add("query", fmt.Sprintf("and %d more parameters this endpoint does not know", more))
		}
	}()
	for i, name := range unknown {
		if len(known) == 0 {
			fe.Add(clip(name), "is not a parameter of this endpoint (it takes none)")
			continue
		}
		reason := "is not a parameter of this endpoint"
		// Hints for the first few only: a query string of a thousand
		// unknown names is not a person's mistake.
		if i < 10 {
			if p := elsewhere.takes(name); p != "" {
				reason += fmt.Sprintf(": %s is a parameter of GET %s, which searches these records by words, around a point and by what is offered; this list filters them by their own fields", p, elsewhere.path)
			} else if h := parameterHint(name, known); h != "" {
				reason += ": did you mean " + h + "?"
			}
		}
		fe.Add(clip(name), fmt.Sprintf("%s (known: %s)", reason, strings.Join(known, ", ")))
	}
	return fe
}

// parameterAliases are the names clients bring from other APIs (data
// inclusion, geocoders, page-numbered lists) or from the national
// standard's columns, with the parameter of Carnet that does it. A hint is
// given only when the endpoint has that parameter.
var parameterAliases = map[string]string{
	"lat": "near", "lon": "near", "lng": "near", "long": "near", "latitude": "near", "longitude": "near",
	"position": "near", "coords": "near", "coordinates": "near", "location": "near", "geo": "near",
	"radius": "radius_km", "rayon": "radius_km", "distance": "radius_km", "radius_m": "radius_km", "distance_km": "radius_km",
	"page": "cursor", "offset": "cursor", "skip": "cursor", "start": "cursor", "after": "cursor",
	"per_page": "limit", "page_size": "limit", "pagesize": "limit", "size": "limit", "count": "limit", "max": "limit",
	"code_insee": "commune", "insee": "commune", "insee_code": "commune", "code_commune": "commune",
	"citycode": "commune", "city": "commune", "ville": "commune",
	"cp": "postal_code", "zip": "postal_code", "zipcode": "postal_code", "postcode": "postal_code",
	"code_departement": "departement", "department": "departement", "dept": "departement", "dep": "departement",
	"open_now": "open_at", "ouvert": "open_at", "open": "open_at",
	"query": "q", "search": "q", "text": "q", "term": "q", "keywords": "q", "recherche": "q", "name": "q", "nom": "q",
	"thematiques": "themes", "services": "themes", "typologie": "typologies", "type": "typologies",
	"publics_accueillis": "publics", "langues": "languages", "frais_a_charge": "fees",
	"modalites_acces": "access_modes", "modalites_accompagnement": "accompaniment_modes",
}

// parameterHow says how to write the parameters whose form differs most
// from what clients of other APIs expect.
var parameterHow = map[string]string{
	"near":      "near=LAT,LON (e.g. near=43.2965,5.3698)",
	"radius_km": "radius_km (kilometres, with near)",
	"cursor":    "cursor (pass the next_cursor of the previous page; pages are not numbered)",
	"limit":     "limit (the page size)",
	"commune":   "commune (INSEE codes or names)",
	"open_at":   "open_at (an RFC 3339 time, e.g. the current one)",
	"q":         "q (the words to search for)",
}

// parameterHint returns what to write instead of the unknown parameter
// name, or "": its alias when the endpoint has that parameter, else the
// known parameter within two edits (a misspelling, a plural) when exactly
// one is closest.
func parameterHint(name string, known []string) string {
	lower := strings.ToLower(name)
	if p, ok := parameterAliases[lower]; ok {
		if _, has := slices.BinarySearch(known, p); has {
			if how, ok := parameterHow[p]; ok {
				return how
			}
			return p
		}
	}
	if len(lower) > 40 {
		return ""
	}
	best := editdist.Closest(lower, known, func(k string) int { return len(k) / 2 })
	if best == "" || best == lower {
		return ""
	}
	if how, ok := parameterHow[best]; ok {
		return how
	}
	return best
}

// takes returns the search's parameter that name is, or stands for in
// another API's words (lat → near), or "".
func (r *searchRoute) takes(name string) string {
	if r == nil {
		return ""
	}
	lower := strings.ToLower(name)
	for _, p := range []string{lower, parameterAliases[lower]} {
		if _, ok := slices.BinarySearch(r.params, p); ok && p != "" {
			return p
		}
	}
	return ""
}

// UnknownQueryParameters refuses (400) a query string holding a parameter
// that is not in known (sorted), naming each in the problem's errors as the
// list filters do; also a query string that cannot be read, whose pairs
// would otherwise be dropped unseen.
func UnknownQueryParameters(rawQuery string, known []string) error {
	if err := MalformedQuery(rawQuery); err != nil {
		return err
	}
	v, _ := url.ParseQuery(rawQuery)
	if fe := unknownParameters(v, known, nil); len(fe) > 0 {
		return &models.Error{Code: models.EBADREQUEST, Message: "Some query parameters are not parameters of this operation; nothing was done.", Fields: fe}
	}
	return nil
}

// MalformedQuery refuses a query string that Go's URL parser cannot read
// whole (a bad percent-escape, a semicolon): url.Values silently drops
// such pairs, so ?departement=13;84 searched every département and
// answered as if it had filtered (its links.self echoing the filter).
func MalformedQuery(rawQuery string) error {
	var fe models.FieldErrors
	for _, pair := range strings.Split(rawQuery, "&") {
		k, v, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(k)
		switch {
		case err != nil:
			fe.Add(clip(k), "is not a valid parameter name (percent-encode it as UTF-8)")
		case strings.Contains(pair, ";"):
			fe.Add(clip(name), "must not hold a semicolon: separate parameters with &, and percent-encode a ; in a value as %3B")
		default:
			if _, err := url.QueryUnescape(v); err != nil {
				fe.Add(clip(name), "has a value that is not percent-encoded correctly")
			}
		}
	}
	if len(fe) > 0 {
		return &models.Error{Code: models.EBADREQUEST, Message: "The query string is malformed.", Fields: fe}
	}
	return nil
}
