package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// Content types accepted for request bodies. PATCH also takes JSON Merge
// Patch (RFC 7396), where null removes a field.
const (
	mediaJSON       = "application/json"
	mediaMergePatch = "application/merge-patch+json"
)

// BodyLimitKey is where the api keeps the request body limit of the
// request, in bytes (Config.MaxBodyBytes); DefaultMaxBody when absent.
const BodyLimitKey = "carnet.body_limit"

// DefaultMaxBody is the request body limit when none is configured.
const DefaultMaxBody = 1 << 20

// LimitBody caps the request body at the limit: a body whose Content-Length
// says it is larger is refused at once (413), a longer body of unknown
// length while it is read (ReadBody). Only operations that read a body call
// it, through ReadBody, so only they answer 413 (and document it): an
// operation that takes no body ignores one that is sent.
func LimitBody(c *gin.Context) error {
	max := bodyLimit(c)
	if c.Request.ContentLength > max {
		return tooLarge(max)
	}
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
	}
	return nil
}

// bodyLimit is the request body limit of the request.
func bodyLimit(c *gin.Context) int64 {
	if v, ok := c.Get(BodyLimitKey); ok {
		if n, ok := v.(int64); ok && n > 0 {
			return n
		}
	}
	return DefaultMaxBody
}

func tooLarge(max int64) error {
	return models.Errorf(models.ETOOLARGE, "The request body is larger than %d bytes.", max)
}

// ReadBody reads the whole request body, at most the limit (LimitBody):
// 413 over it. It is how every body is read: JSON bodies (decodeJSON…),
// uploads (ImportPlaces) and the hash of Idempotency-Key.
func ReadBody(c *gin.Context) ([]byte, error) {
	if err := LimitBody(c); err != nil {
		return nil, err
	}
	if c.Request.Body == nil {
		return nil, nil
	}
	b, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge(mbe.Limit)
		}
		return nil, models.Errorf(models.EBADREQUEST, "The request body could not be read.")
	}
	return b, nil
}

// readBody reads a JSON (or form) body: a missing or other content type
// answers 415, a body over the limit 413, an empty one 400.
func readBody(c *gin.Context, allowed ...string) ([]byte, error) {
	ct := c.GetHeader("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || !slices.Contains(allowed, mt) {
		return nil, models.Errorf(models.EUNSUPPORTED, "Send the body as %s (Content-Type was %q).", strings.Join(allowed, " or "), clip(ct))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return nil, otherCharset(cs, "JSON and form bodies are read as UTF-8 (RFC 8259 §8.1 for JSON)")
	}
	if err := uncoded(c); err != nil {
		return nil, err
	}
	b, err := ReadBody(c)
	if err != nil {
		return nil, err
	}
	// A byte order mark before the JSON, as Windows tools write UTF-8
	// (PowerShell's Out-File, .NET's Encoding.UTF8), is not part of the
	// text: RFC 8259 §8.1 lets parsers ignore it, and refusing it with
	// « invalid character 'ï' » helps nobody.
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, models.Errorf(models.EBADREQUEST, "The request body is empty; send a JSON object.")
	}
	return b, nil
}

// otherCharset refuses (415) a body declared in a charset the route does
// not read: read as UTF-8 anyway, « é » sent in Latin-1 became a
// replacement character or a refusal naming a byte, never what was sent.
func otherCharset(charset, why string) error {
	return &models.Error{Code: models.EUNSUPPORTED, Message: fmt.Sprintf("The body's charset %q is not read: %s. Send it in UTF-8, with charset=utf-8 or no charset.", clip(charset), why),
		Fields: []models.FieldError{{Field: "Content-Type", Reason: fmt.Sprintf("charset=%s is not read: send the body in UTF-8 (charset=utf-8, or no charset)", clip(charset))}}}
}

// uncoded refuses a body sent in a content coding (gzip…): bodies are read
// as sent, and a compressed one would otherwise be reported as malformed
// JSON or CSV. RFC 7694: the answer names the coding accepted.
func uncoded(c *gin.Context) error {
	ce := strings.TrimSpace(c.GetHeader("Content-Encoding"))
	if ce == "" || strings.EqualFold(ce, "identity") {
		return nil
	}
	c.Header("Accept-Encoding", "identity")
	return models.Errorf(models.EUNSUPPORTED, "Request bodies are not accepted in a content coding (Content-Encoding was %q): send the body uncompressed.", clip(ce))
}

// decodeJSON decodes a JSON body into dst strictly: unknown fields, wrong
// types and trailing data are errors that name the offending field, because
// a silently ignored misspelt field is lost data.
func decodeJSON(c *gin.Context, dst any) error {
	b, err := readBody(c, mediaJSON)
	if err != nil {
		return err
	}
	return unmarshalWhole(b, dst)
}

// decodeReadJSON is decodeJSON for a POST that stores nothing (an
// orientation: a situation is a body, not a query string). Its refusals
// say that nothing was looked up, not that nothing was stored, which
// would have the caller wonder what it could have stored.
func decodeReadJSON(c *gin.Context, dst any) error {
	err := decodeJSON(c, dst)
	if e := (*models.Error)(nil); errors.As(err, &e) && strings.HasSuffix(e.Message, nothingStored) {
		e.Message = strings.TrimSuffix(e.Message, nothingStored) + "; nothing was looked up."
	}
	return err
}

// batch is a sync batch's list of records, each decoded on its own.
type batch[T any] struct {
	Records []T
	// Sent holds, for each record, the fields it sends: a batch's record
	// is a whole representation, but what a partner's system does not
	// know (a closure set in Carnet) must not be read as its default.
	Sent []map[string]json.RawMessage
	// Refused names, by position, the records that could not be read: a
	// value of the wrong type, a record that is no object. Such a record
	// holds what could be read of it (its source_id, for the result).
	Refused map[int]models.FieldError
}

// decodeBatch decodes the body of a sync batch whose records are listed
// under list in an object of type req (the request's type, whose unknown
// members are named from it). The body is refused whole (400) when it is
// not a JSON object with that list, or names a field no record has (a
// client's serializer sends it in every record: data silently lost); a
// record whose value has the wrong type, or that is no object, is refused
// alone, as a record that does not validate is: a number where the name
// should be is one record's data, and it refused the partner's whole batch.
//
// null on a member named in booleans refuses the record, naming it.
func decodeBatch[T any](c *gin.Context, list string, req any, tooMany error, booleans []string) (*batch[T], error) {
	b, err := readBody(c, mediaJSON)
	if err != nil {
		return nil, err
	}
	// The list is counted as it is read: a batch over its maxItems
	// (tooMany) is refused at its item past the bound, before anything of
	// it is decoded. The lists of its records are left to their
	// validation, which refuses such a record alone.
	if err := (&bodyChecker{itemsDepth: 2}).check(b, reflect.TypeOf(req)); err != nil {
		var e *models.Error
		if errors.As(err, &e) && e.Code == models.EINVALID && len(e.Fields) == 1 && e.Fields[0].Field == list {
			return nil, tooMany
		}
		return nil, err
	}
	shell := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "List",
		Type: reflect.TypeFor[[]json.RawMessage](), Tag: reflect.StructTag(`json:"` + list + `"`)}}))
	if err := unmarshalStrict(b, shell.Interface()); err != nil {
		return nil, err
	}
	raws := shell.Elem().Field(0).Interface().([]json.RawMessage)
	if raws == nil {
		// Absent or null, the list was read as empty: a snapshot then
		// archived every place of the source (with allow_mass_archive),
		// for a body whose list a client's serializer left out.
		return nil, &models.Error{Code: models.EBADREQUEST, Message: "The batch has no list of records.",
			Fields: []models.FieldError{{Field: list, Reason: "is required: an array of records ([] for none)"}}}
	}
	out := &batch[T]{Records: make([]T, len(raws)), Sent: make([]map[string]json.RawMessage, len(raws)), Refused: map[int]models.FieldError{}}
	for i, raw := range raws {
		if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
			out.Refused[i] = models.FieldError{Field: "", Reason: "a record must be an object"}
			continue
		}
		_ = json.Unmarshal(raw, &out.Sent[i]) // an object: unmarshalStrict read it
		if fe := nullMembers(out.Sent[i], booleans, booleanNull); len(fe) > 0 {
			out.Refused[i] = fe[0]
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		err := dec.Decode(&out.Records[i])
		var typ *json.UnmarshalTypeError
		switch {
		case err == nil:
		case errors.As(err, &typ):
			// encoding/json read the rest of the record: its source_id
			// names it in the result.
			out.Refused[i] = models.FieldError{Field: clip(typePath(typ, raw)), Reason: typeReason(typ)}
		default:
			return nil, jsonError(err, req, b) // an unknown field, named by its path in the body
		}
	}
	return out, nil
}

// decodeChanges decodes the body of a PATCH that names the fields to change
// (absent fields are kept), sent as JSON or as a merge patch. In a merge
// patch null removes a field: the fields named in clearable are text that
// null clears (as ""); null is refused for the others, which cannot be
// removed, rather than read as « absent » and silently ignored.
func decodeChanges(c *gin.Context, dst any, clearable ...string) error {
	b, err := readBody(c, mediaJSON, mediaMergePatch)
	if err != nil {
		return err
	}
	// Checked as sent: patchNulls rewrites the object, and a member sent
	// twice ({"job_title":"a","job_title":null}) was read as its last.
	if err := checkBody(b, reflect.TypeOf(dst)); err != nil {
		return err
	}
	if b, err = patchNulls(b, clearable); err != nil {
		return err
	}
	// patchNulls only turned top-level nulls into "": the body is still
	// the one checkBody passed, not checked a second time.
	return decodeChecked(b, dst)
}

// patchNulls applies the rule of decodeChanges to the top-level members of
// a JSON object; other bodies are left for unmarshalStrict to judge.
func patchNulls(b []byte, clearable []string) ([]byte, error) {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return b, nil
	}
	var fe models.FieldErrors
	changed := false
	for k, v := range m {
		if string(bytes.TrimSpace(v)) != "null" {
			continue
		}
		if slices.Contains(clearable, k) {
			m[k], changed = json.RawMessage(`""`), true
			continue
		}
		fe.Add(clip(k), "must not be null: omit it to keep the value")
	}
	if len(fe) > 0 {
		slices.SortFunc(fe, func(a, b models.FieldError) int { return strings.Compare(a.Field, b.Field) })
		return nil, &models.Error{Code: models.EBADREQUEST, Message: "The patch removes fields that cannot be removed.", Fields: fe}
	}
	if !changed {
		return b, nil
	}
	return json.Marshal(m)
}

// refuseNulls answers 400 naming the top-level members of the JSON object
// b that are null and named in notNull.
func refuseNulls(b []byte, notNull []string) error {
	var m map[string]json.RawMessage
	if len(notNull) == 0 || json.Unmarshal(b, &m) != nil {
		return nil
	}
	if fe := nullMembers(m, notNull, "must not be null: omit it to keep the value"); len(fe) > 0 {
		return &models.Error{Code: models.EBADREQUEST, Message: "The patch removes fields that cannot be removed.", Fields: fe}
	}
	return nil
}

// nullMembers names the members of m that are null and named in notNull,
// sorted, each with reason.
func nullMembers(m map[string]json.RawMessage, notNull []string, reason string) models.FieldErrors {
	var fe models.FieldErrors
	for k, v := range m {
		if string(bytes.TrimSpace(v)) == "null" && slices.Contains(notNull, k) {
			fe.Add(clip(k), reason)
		}
	}
	slices.SortFunc(fe, func(a, b models.FieldError) int { return strings.Compare(a.Field, b.Field) })
	return fe
}

// booleanNull is why null is refused on a boolean of a whole
// representation (a PUT, a sync record): a boolean has no « none », and
// null was read as false — on is_full, a full service reopened.
const booleanNull = "must not be null: a boolean is true or false, or left out"

// decodeReplacement decodes a JSON body into dst, refusing null on the
// members named in booleans (400 naming them), and returns the members it
// sends: a replacement (PUT) keeps some of those it leaves out.
func decodeReplacement(c *gin.Context, dst any, booleans []string) (map[string]json.RawMessage, error) {
	b, err := readBody(c, mediaJSON)
	if err != nil {
		return nil, err
	}
	if err := unmarshalWhole(b, dst); err != nil {
		return nil, err
	}
	var sent map[string]json.RawMessage
	_ = json.Unmarshal(b, &sent) // an object: unmarshalStrict read it into a struct
	if fe := nullMembers(sent, booleans, booleanNull); len(fe) > 0 {
		return nil, &models.Error{Code: models.EBADREQUEST, Message: "The body sets to null a field that has no « none ».", Fields: fe}
	}
	return sent, nil
}

// unmarshalStrict decodes the JSON value b into dst, once checkBody found
// nothing wrong with it.
func unmarshalStrict(b []byte, dst any) error {
	// encoding/json reads bytes that are not UTF-8, and an escaped half of
	// a surrogate pair (\ud800), as U+FFFD: a person's name sent in
	// Latin-1 (« H\xe9l\xe8ne ») was stored as « H�l�ne », without a word.
	// JSON is UTF-8 (RFC 8259), as query parameters already must be
	// (checkBody refuses both).
	if err := checkBody(b, reflect.TypeOf(dst)); err != nil {
		return err
	}
	return decodeChecked(b, dst)
}

// unmarshalWhole is unmarshalStrict for a whole representation (a POST, a
// PUT): null is refused where the document does not declare it nullable
// (bodyChecker.nulls). Patches and sync batches read null otherwise.
func unmarshalWhole(b []byte, dst any) error {
	if err := (&bodyChecker{nulls: true}).check(b, reflect.TypeOf(dst)); err != nil {
		return err
	}
	return decodeChecked(b, dst)
}

// decodeChecked is unmarshalStrict for a body checkBody already passed.
func decodeChecked(b []byte, dst any) error {
	if string(bytes.TrimSpace(b)) == "null" {
		// Decoded into a request type, null changes nothing: PATCH /me
		// with it answered 200, where the other patches refuse it.
		return models.Errorf(models.EBADREQUEST, "The request body must be a JSON object, not null.")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err, dst, b)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return models.Errorf(models.EBADREQUEST, "The request body has data after its JSON value.")
	}
	return nil
}

// loneSurrogate says whether b escapes a surrogate (\uD800–\uDFFF) that
// is not the high half of a pair followed by its low half.
func loneSurrogate(b []byte) bool {
	hex := func(i int) (rune, bool) {
		if i+6 > len(b) || b[i] != '\\' || b[i+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
		return rune(v), err == nil
	}
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			continue
		}
		r, ok := hex(i)
		switch {
		case !ok:
			i++ // another escape: skip its character (\\ included)
		case utf16.IsSurrogate(r):
			low, ok := hex(i + 6)
			if r >= 0xDC00 || !ok || low < 0xDC00 || low > 0xDFFF {
				return true
			}
			i += 11
		default:
			i += 5
		}
	}
	return false
}

// jsonError explains a decoding failure with the field it concerns.
func jsonError(err error, dst any, body []byte) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return models.Errorf(models.EBADREQUEST, "The request body is not valid JSON (at byte %d: %s).", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		if typ.Field == "" {
			return models.Errorf(models.EBADREQUEST, "The request body must be a JSON object.")
		}
		return &models.Error{Code: models.EBADREQUEST, Message: "A field has the wrong type.",
			Fields: []models.FieldError{{Field: clip(typePath(typ, body)), Reason: typeReason(typ)}}}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return models.Errorf(models.EBADREQUEST, "The request body is truncated JSON.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		// encoding/json names the member without its path: found again
		// in the body, it is named where it is (filters.bogus), and the
		// hint is one of the fields of the object it is in.
		path, in := unknownFieldPath(body, reflect.TypeOf(dst), name)
		hintIn := dst
		if path == "" {
			path = name
		} else if in != nil {
			hintIn = reflect.New(in).Interface()
		}
		reason := "is not a known field (names are snake_case; see the API documentation)"
		if h := bodyFieldHint(name, hintIn); h != "" {
			reason = "is not a known field: did you mean " + h + "?"
		}
		return &models.Error{Code: models.EBADREQUEST, Message: "The request body has a field this endpoint does not know.",
			Fields: []models.FieldError{{Field: clip(path), Reason: reason}}}
	}
	return models.Errorf(models.EBADREQUEST, "The request body could not be decoded: %s.", clip(err.Error()))
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "ptr", "interface":
		return "another type"
	}
	if strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "uint") {
		return "an integer"
	}
	if strings.HasPrefix(kind, "float") {
		return "a number"
	}
	return "a " + kind
}

// readPatch reads the body of a JSON Merge Patch and checks it, before
// any transaction is opened or record read (applyPatch merges it then):
// it must be a JSON object that checkBody passes against schema (the
// type the document declares for the patch), whose top-level members
// named in notNull are not null (400: they cannot be removed, as
// decodeChanges refuses it, rather than read as their zero value: a
// subscription's « active »: null turned it off).
func readPatch(c *gin.Context, schema any, notNull ...string) ([]byte, error) {
	patch, err := readBody(c, mediaMergePatch, mediaJSON)
	if err != nil {
		return nil, err
	}
	if err := checkBody(patch, reflect.TypeOf(schema)); err != nil {
		return nil, err
	}
	if t := bytes.TrimSpace(patch); t[0] != '{' {
		return nil, models.Errorf(models.EBADREQUEST, "A merge patch must be a JSON object.")
	}
	if err := refuseNulls(patch, notNull); err != nil {
		return nil, err
	}
	return patch, nil
}

// applyPatch applies a patch read by readPatch to current (the resource's
// writable representation) and decodes the result into dst with the same
// strictness as a full body.
func applyPatch(patch []byte, current, dst any) error {
	base, err := json.Marshal(current)
	if err != nil {
		return models.Internal(fmt.Errorf("marshal patch base: %w", err))
	}
	merged, err := mergePatch(base, patch)
	if err != nil {
		return models.Errorf(models.EBADREQUEST, "The merge patch could not be applied: %s.", clip(err.Error()))
	}
	return unmarshalStrict(merged, dst)
}

func clip(s string) string {
	const max = 80
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
