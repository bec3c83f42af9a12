package handlers

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"carnet/models"
)

// maxBodyDepth bounds how deeply a request body nests objects and arrays.
// The deepest body Carnet reads is a sync batch's record's address
// ({"actors":[{"address":{…}}]}, 4 levels); a suggestion's changes add one
// ({"changes":{"address":{…}}}). A body nested deeper is no request of
// Carnet's, and 10,000 levels (110 kB) made the merge of a patch run for
// 15 s (TestDeepBodiesAreRefusedEarly).
const maxBodyDepth = 8

// checkBody is what every JSON body goes through before anything is done
// with it (before a transaction is opened, a record read or a patch
// merged), in one pass over its bytes, linear in their number whatever
// their shape (no recursion, no copy per level): the first problem found
// in the order of the text answers.
//
//   - it must be one JSON value (RFC 8259), in UTF-8, without data after;
//   - objects and arrays nest at most maxBodyDepth levels (400);
//   - an object names a member at most once, whatever the values (400):
//     {"job_title":"a","job_title":null} was read as its last value;
//   - a member of an object read into a struct of t is one of its fields,
//     by its exact name (400): encoding/json matches names without regard
//     to case, and {"URL": …} was stored as url;
//   - an array read into a field declaring validate:"max=N" (the
//     document's maxItems) has at most N items (422), counted as they are
//     read: the rest is not decoded, and the answer names the list once.
//
// t may be nil (any JSON): only the first three rules then hold.
func checkBody(b []byte, t reflect.Type) error {
	return (&bodyChecker{}).check(b, t)
}

// bodyChecker holds the options of checkBody.
type bodyChecker struct {
	// itemsDepth, when not 0, is the depth of the deepest list whose
	// maxItems is enforced here: a sync batch's list is (depth 2), while
	// the lists of its records are counted by their validation, which
	// refuses such a record alone, as it refuses any invalid record (its
	// lists are bounded by the body's size).
	itemsDepth int
	// nulls refuses null (400 naming the member) where the document does
	// not declare it nullable (shapeField.nullable): in a POST or PUT,
	// null was read as the field's zero value (« phones »: null stored [],
	// « status »: null "active") without a word (probe 38a, M2). A merge
	// patch keeps null (it removes a member) and a sync batch's records
	// too (partners' older schemas send null for an empty list).
	nulls bool
}

// bodyShape is what checkBody knows of a Go type a JSON value is read
// into: the members of a struct, the elements of a list or map. nil is
// any JSON (an interface, json.RawMessage, a type that reads itself).
type bodyShape struct {
	fields map[string]shapeField // a struct: its members by exact name
	strct  reflect.Type          // the struct, for hints
	elem   *bodyShape            // a list or a map: its values
	isMap  bool
	isList bool
	// elemTyped: a list whose items have a type the document names (not
	// any JSON), none of them nullable.
	elemTyped bool
}

// caseOf is the member of a struct named name in another case; "" when
// there is none.
func (s *bodyShape) caseOf(name string) string {
	for f := range s.fields {
		if strings.EqualFold(f, name) {
			return f
		}
	}
	return ""
}

type shapeField struct {
	shape *bodyShape
	max   int // maxItems of a list, 0 for none
	// nullable: the document lets the member be null (x-nullable), or
	// says nothing of its type (any JSON).
	nullable bool
	boolean  bool // a boolean: its refusal of null says why
}

var bodyShapes sync.Map // reflect.Type → *bodyShape

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func shapeOf(t reflect.Type) *bodyShape {
	if t == nil {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v, ok := bodyShapes.Load(t); ok {
		return v.(*bodyShape)
	}
	building := map[reflect.Type]*bodyShape{}
	s := buildShape(t, building)
	for k, v := range building {
		bodyShapes.LoadOrStore(k, v)
	}
	return s
}

func buildShape(t reflect.Type, building map[reflect.Type]*bodyShape) *bodyShape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return nil
	}
	if s, ok := building[t]; ok {
		return s
	}
	switch t.Kind() {
	case reflect.Struct:
		s := &bodyShape{fields: map[string]shapeField{}, strct: t}
		building[t] = s
		eachJSONField(t, func(name string, f reflect.StructField) {
			if _, ok := s.fields[name]; ok {
				return // the shallower field wins, as in encoding/json
			}
			s.fields[name] = shapeField{shape: buildShape(f.Type, building), max: maxItemsTag(f), nullable: nullableField(f), boolean: f.Type.Kind() == reflect.Bool}
		})
		return s
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return nil // []byte is read from a string
		}
		s := &bodyShape{isList: true}
		building[t] = s
		s.elem = buildShape(t.Elem(), building)
		s.elemTyped = !nullableField(reflect.StructField{Type: t.Elem()})
		return s
	case reflect.Map:
		s := &bodyShape{isMap: true}
		building[t] = s
		s.elem = buildShape(t.Elem(), building)
		return s
	}
	return nil
}

// nullableField says whether the document lets the field be null: tagged
// x-nullable (or nullable:"true", as the exports' schemas are), or of any
// type (an interface, a raw JSON value).
func nullableField(f reflect.StructField) bool {
	for _, x := range strings.Split(f.Tag.Get("extensions"), ",") {
		if strings.TrimSpace(x) == "x-nullable" {
			return true
		}
	}
	t := f.Type
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return f.Tag.Get("nullable") == "true" || t.Kind() == reflect.Interface || t == reflect.TypeFor[json.RawMessage]()
}

// nullValue says whether the value at b[i] is null.
func nullValue(b []byte, i int) bool { return bytes.HasPrefix(b[i:], []byte("null")) }

// nullMember is the refusal of a null where the document declares none
// (bodyChecker.nulls).
func nullMember(stack []checkFrame, boolean bool) error {
	reason := "must not be null: leave it out, or send a value of its type"
	if boolean {
		reason = booleanNull
	}
	return &models.Error{Code: models.EBADREQUEST, Message: nullMemberMessage,
		Fields: []models.FieldError{{Field: clip(framePath(stack, "")), Reason: reason}}}
}

// maxItemsTag is the maxItems a list field declares, as swag reads it
// (validate:"max=N"); 0 for none.
func maxItemsTag(f reflect.StructField) int {
	t := f.Type
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
		return 0
	}
	for _, rule := range strings.Split(f.Tag.Get("validate"), ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(rule), "max="); ok {
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}

// checkFrame is an object or array being read.
type checkFrame struct {
	obj   bool
	shape *bodyShape // of this container; nil: any JSON
	max   int        // an array's maxItems
	n     int        // an array's items so far
	name  string     // an object's current member
	names []string   // an object's members so far (small objects)
	seen  map[string]struct{}
}

// seenName records a member name, saying whether the object had it.
func (f *checkFrame) seenName(name string) bool {
	if f.seen != nil {
		if _, ok := f.seen[name]; ok {
			return true
		}
		f.seen[name] = struct{}{}
		return false
	}
	for _, n := range f.names {
		if n == name {
			return true
		}
	}
	f.names = append(f.names, name)
	if len(f.names) > 16 {
		f.seen = make(map[string]struct{}, 32)
		for _, n := range f.names {
			f.seen[n] = struct{}{}
		}
		f.names = nil
	}
	return false
}

// errBodySyntax marks a body that is not one JSON value: its message is
// encoding/json's (syntaxProblem).
var errBodySyntax = errors.New("syntax")

func (k *bodyChecker) check(b []byte, t reflect.Type) error {
	if !utf8.Valid(b) {
		return models.Errorf(models.EBADREQUEST, "The request body is not valid UTF-8: JSON is sent in UTF-8 (RFC 8259)"+nothingStored)
	}
	if loneSurrogate(b) {
		return models.Errorf(models.EBADREQUEST, "The request body escapes half of a UTF-16 surrogate pair (\\uD800–\\uDFFF without its other half), which is no character"+nothingStored)
	}
	err := k.scan(b, shapeOf(t))
	var many *tooManyItems
	switch {
	case errors.Is(err, errBodySyntax):
		return syntaxProblem(b)
	case errors.As(err, &many):
		return many.problem()
	}
	return err
}

// syntaxProblem explains why b is not one JSON value, in encoding/json's
// words (as bodies were explained before checkBody).
func syntaxProblem(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		return jsonError(err, nil, b)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return models.Errorf(models.EBADREQUEST, "The request body has data after its JSON value.")
	}
	return models.Errorf(models.EBADREQUEST, "The request body is not valid JSON.")
}

// scan reads b once, left to right. The path of a problem is built only
// when one is found (from the stack, O(depth)).
//
// Syntax and depth come first: a member problem (an unknown or repeated
// name, a list too long) is kept while the rest is read, without its
// shapes, and answered only when the whole body is one JSON value of at
// most maxBodyDepth levels.
func (k *bodyChecker) scan(b []byte, root *bodyShape) error {
	var pending error
	// unknown counts the members named in pending when it lists them (unknown
	// members, or nulls: listedProblem): while they are
	// its only problem, members are still judged, so that one problem
	// names them all (a client that fixed one learnt then of the next).
	unknown := 0
	// judged keeps the first member problem, with every unknown member
	// after it when it is one, and says whether reading goes on (it stops
	// on a syntax error).
	judged := func(err error) bool {
		if errors.Is(err, errBodySyntax) {
			return false
		}
		var e *models.Error
		kind := ""
		if errors.As(err, &e) {
			kind = listedProblem(e.Message)
		}
		switch {
		case pending == nil:
			pending = err
			if kind != "" {
				unknown = 1
			}
		case unknown > 0 && kind != "" && kind == listedProblem(pending.(*models.Error).Message):
			p := pending.(*models.Error)
			p.Fields = append(p.Fields, e.Fields...)
			if kind == unknownMemberMessage {
				p.Message = unknownMembersMessage
			}
			unknown++
		}
		return true
	}
	// settled says whether pending is final: members are then read for
	// their syntax only.
	settled := func() bool { return pending != nil && unknown == 0 }
	var stack []checkFrame
	i := skipSpace(b, 0)
	next, nextMax := root, 0 // the shape and maxItems of the value to read
	for {
		// A value.
		if i >= len(b) {
			return errBodySyntax
		}
		switch c := b[i]; {
		case c == '{' || c == '[':
			if len(stack) >= maxBodyDepth {
				return models.Errorf(models.EBADREQUEST, "The request body nests objects and arrays deeper than %d levels; no request of this API does.", maxBodyDepth)
			}
			f := checkFrame{obj: c == '{', max: nextMax}
			if next != nil && ((f.obj && (next.fields != nil || next.isMap)) || (!f.obj && next.isList)) {
				f.shape = next
			}
			stack = append(stack, f)
			i = skipSpace(b, i+1)
			if i < len(b) && (b[i] == '}' && c == '{' || b[i] == ']' && c == '[') {
				stack = stack[:len(stack)-1]
				i++
				break
			}
			if c == '[' {
				var err error
				if next, nextMax, err = k.item(b, i, stack, settled()); err != nil && !judged(err) {
					return err
				}
				continue
			}
			var err error
			if i, next, nextMax, err = k.member(b, i, stack, settled(), unknown < maxProblemErrors); err != nil && !judged(err) {
				return err
			}
			continue
		case c == '"':
			end, ok := scanString(b, i)
			if !ok {
				return errBodySyntax
			}
			i = end
		case c == '-' || c >= '0' && c <= '9':
			end, ok := scanNumber(b, i)
			if !ok {
				return errBodySyntax
			}
			i = end
		case c == 't' && bytes.HasPrefix(b[i:], []byte("true")):
			i += 4
		case c == 'f' && bytes.HasPrefix(b[i:], []byte("false")):
			i += 5
		case c == 'n' && bytes.HasPrefix(b[i:], []byte("null")):
			i += 4
		default:
			return errBodySyntax
		}
		// After a value: close containers, or go on to the next member
		// or item.
		for {
			i = skipSpace(b, i)
			if len(stack) == 0 {
				if i != len(b) {
					return errBodySyntax
				}
				return pending
			}
			if i >= len(b) {
				return errBodySyntax
			}
			top := &stack[len(stack)-1]
			switch {
			case b[i] == ',':
				i = skipSpace(b, i+1)
				var err error
				if top.obj {
					i, next, nextMax, err = k.member(b, i, stack, settled(), unknown < maxProblemErrors)
				} else {
					next, nextMax, err = k.item(b, i, stack, settled())
				}
				if err != nil && !judged(err) {
					return err
				}
			case b[i] == '}' && top.obj, b[i] == ']' && !top.obj:
				stack = stack[:len(stack)-1]
				i++
				continue
			default:
				return errBodySyntax
			}
			break
		}
	}
}

// item counts a new item of the array on top of stack, whose value starts
// at b[i], and returns the shape of its value.
func (k *bodyChecker) item(b []byte, i int, stack []checkFrame, judged bool) (*bodyShape, int, error) {
	top := &stack[len(stack)-1]
	top.n++
	if judged {
		return nil, 0, nil // only the syntax is read now
	}
	if top.max > 0 && top.n > top.max && (k.itemsDepth == 0 || len(stack) <= k.itemsDepth) {
		path := framePath(stack[:len(stack)-1], "")
		return nil, 0, &tooManyItems{path: path, max: top.max}
	}
	if top.shape != nil {
		// An item of a list the document types (strings, objects):
		// none is nullable.
		if k.nulls && top.shape.elemTyped && nullValue(b, i) {
			return nil, 0, nullMember(stack, false)
		}
		return top.shape.elem, 0, nil
	}
	return nil, 0, nil
}

// nothingStored ends the body check's refusals: a client that wrote may
// send the request again once mended. decodeReadJSON reads it otherwise
// for a request that stores nothing.
const nothingStored = "; nothing was stored."

// The problems of unknown members: one, or several named at once.
const (
	unknownMemberMessage  = "The request body has a field this endpoint does not know."
	unknownMembersMessage = "The request body has fields this endpoint does not know."
)

// nullMemberMessage is the problem of the members set to null that cannot
// be (bodyChecker.nulls), all named at once.
const nullMemberMessage = "The request body sets to null fields that cannot be null" + nothingStored

// listedProblem is the kind of a problem that names every member it
// concerns at once (unknown members, nulls), "" for another: while the
// body's first problem is one, the next of its kind are added to it.
func listedProblem(message string) string {
	switch message {
	case unknownMemberMessage, unknownMembersMessage:
		return unknownMemberMessage
	case nullMemberMessage:
		return nullMemberMessage
	}
	return ""
}

// member reads the name of a new member of the object on top of stack
// (b[i] must open it) and its colon, and returns where its value starts
// and its shape; once a problem is judged, only the syntax. hints says
// whether an unknown member's reason looks for the name meant (the first
// maxProblemErrors, those a problem lists).
func (k *bodyChecker) member(b []byte, i int, stack []checkFrame, judged, hints bool) (int, *bodyShape, int, error) {
	if i >= len(b) || b[i] != '"' {
		return i, nil, 0, errBodySyntax
	}
	end, ok := scanString(b, i)
	if !ok {
		return i, nil, 0, errBodySyntax
	}
	name := memberName(b[i:end])
	i = skipSpace(b, end)
	if i >= len(b) || b[i] != ':' {
		return i, nil, 0, errBodySyntax
	}
	i = skipSpace(b, i+1)
	top := &stack[len(stack)-1]
	top.name = name
	if judged {
		return i, nil, 0, nil
	}
	if top.seenName(name) {
		return i, nil, 0, &models.Error{Code: models.EBADREQUEST, Message: "The request body names a field twice in one object" + nothingStored,
			Fields: []models.FieldError{{Field: clip(framePath(stack, "")), Reason: "is sent more than once: send it once"}}}
	}
	s := top.shape
	switch {
	case s == nil:
		return i, nil, 0, nil
	case s.isMap:
		return i, s.elem, 0, nil
	}
	f, ok := s.fields[name]
	if !ok {
		reason := "is not a known field (names are snake_case, matched exactly; see the API documentation)"
		// Past those a problem lists, counted only: no hint looked for.
		if hints {
			if h := s.caseOf(name); h != "" {
				reason = "is not a known field: did you mean " + h + "? (names are matched exactly)"
			} else if h := bodyFieldHint(name, reflect.New(s.strct).Interface()); h != "" {
				reason = "is not a known field: did you mean " + h + "?"
			}
		}
		return i, nil, 0, &models.Error{Code: models.EBADREQUEST, Message: unknownMemberMessage,
			Fields: []models.FieldError{{Field: clip(framePath(stack, "")), Reason: reason}}}
	}
	if k.nulls && !f.nullable && nullValue(b, i) {
		return i, nil, 0, nullMember(stack, f.boolean)
	}
	return i, f.shape, f.max, nil
}

// framePath is the path of the value being read in the innermost of
// frames (« actors[3].address.street »), then of tail.
func framePath(frames []checkFrame, tail string) string {
	var sb strings.Builder
	for _, f := range frames {
		if f.obj {
			if sb.Len() > 0 {
				sb.WriteByte('.')
			}
			sb.WriteString(f.name)
		} else {
			fmt.Fprintf(&sb, "[%d]", f.n-1)
		}
	}
	sb.WriteString(tail)
	return sb.String()
}

// tooManyItems is a list longer than its maxItems, refused as soon as its
// item past the bound is read.
type tooManyItems struct {
	path string
	max  int
}

func (e *tooManyItems) Error() string {
	return fmt.Sprintf("%s: more than %d items", e.path, e.max)
}

// problem is the answer: 422 naming the list, as validation names it.
func (e *tooManyItems) problem() error {
	return &models.Error{Code: models.EINVALID, Message: "A list has more items than this endpoint accepts" + nothingStored,
		Fields: []models.FieldError{{Field: clip(e.path), Reason: fmt.Sprintf("must have at most %d values", e.max)}}}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanString returns the index after the JSON string opened at b[i], and
// whether it is one (escapes as RFC 8259 has them, no control character).
func scanString(b []byte, i int) (int, bool) {
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			return j + 1, true
		case c == '\\':
			if j+1 >= len(b) {
				return 0, false
			}
			switch b[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j++
			case 'u':
				if j+6 > len(b) {
					return 0, false
				}
				for _, h := range b[j+2 : j+6] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return 0, false
					}
				}
				j += 5
			default:
				return 0, false
			}
		case c < 0x20:
			return 0, false
		}
	}
	return 0, false
}

// scanNumber returns the index after the JSON number at b[i], and whether
// it is one: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func scanNumber(b []byte, i int) (int, bool) {
	digits := func(j int) int {
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		return j
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(i)
	default:
		return 0, false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return 0, false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return 0, false
		}
		i = j
	}
	return i, true
}
