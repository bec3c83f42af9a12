package models

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"carnet/models/jsonenc"
)

// AuditEvent is one entry of a record's history: who changed it, when,
// through which channel, and each changed field's old and new values.
type AuditEvent struct {
	Seq          int64 `gorm:"primaryKey"`
	Entity       string
	EntityID     string
	ActorID      string
	Action       string
	Channel      string
	WhoKind      string
	WhoID        string
	WhoLabel     string
	SuggestionID string
	Version      int64
	At           time.Time
	Changes      string // JSON array of FieldChange
}

// FieldChange is one changed field in an audit event, as stored. A null
// value is left out rather than written: a creation's event lists every
// field with no old value, and `"old":null` was a fifth of the audit table,
// itself half of what an import writes (issue 11, item 6). Reading gives
// nil either way, and the API writes null (handlers.FieldChange).
type FieldChange struct {
	Field string `json:"field"`
	Old   any    `json:"old,omitempty"`
	New   any    `json:"new,omitempty"`
}

// Who kinds in audit events.
const (
	WhoUser   = "user"
	WhoClient = "client"
	WhoSystem = "system"
)

type suggestionKey struct{}

// withSuggestion marks writes as the application of a suggestion.
func withSuggestion(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, suggestionKey{}, id)
}

// auditEvent builds the audit row of a change from the transaction's
// context (principal, channel, suggestion). It is written in the same
// transaction as the change, so history cannot miss one.
func auditEvent(ctx context.Context, e changeEvent) (*AuditEvent, error) {
	ev := new(AuditEvent)
	if err := fillAuditEvent(ctx, e, ev); err != nil {
		return nil, err
	}
	return ev, nil
}

// fillAuditEvent sets *ev to the audit event of e (auditEvent), so that a
// batch's events can share one array (recordChanges).
func fillAuditEvent(ctx context.Context, e changeEvent, ev *AuditEvent) error {
	changes, err := eventChanges(e)
	if err != nil {
		return err
	}
	action := e.Op
	if e.Action != "" {
		action = e.Action
	}
	*ev = AuditEvent{Entity: e.Entity, EntityID: e.EntityID, ActorID: e.ActorID, Action: action,
		Channel: string(ChannelFrom(ctx)), Version: e.Version, At: e.At, Changes: changes, WhoKind: WhoSystem}
	if id, ok := ctx.Value(suggestionKey{}).(string); ok {
		ev.SuggestionID = id
	}
	ev.WhoKind, ev.WhoID, ev.WhoLabel = who(PrincipalFrom(ctx))
	return nil
}

// eventChanges encodes the changed fields of e. A creation by a sync batch
// or an import stores rebuiltFromRow instead of its record's content, which
// ListHistory rebuilds when it is read (rebuildCreated).
func eventChanges(e changeEvent) (string, error) {
	if e.Before == nil && e.rebuilt && !creationsInFull {
		return rebuiltFromRow, nil
	}
	if e.Before == nil {
		return encodeCreated(e.After)
	}
	b, err := marshalChanges(append(diffFields(e.Before, e.After), e.decision...))
	return string(b), err
}

// encodeCreated is appendCreated's output as a string, encoded in a reused
// buffer: the string is the one allocation of exactly its size (an import
// encodes two creations a place, and growing a fresh buffer for each, then
// copying it into the event's string, allocated about three times its
// bytes; issue 11, item 6).
func encodeCreated(after any) (string, error) {
	bp := createdBuffers.Get().(*[]byte)
	b, err := appendCreated((*bp)[:0], after)
	s := string(b)
	if cap(b) <= 64<<10 { // a record with huge texts does not pin its buffer
		*bp = b
		createdBuffers.Put(bp)
	}
	return s, err
}

var createdBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// appendCreated appends the audit changes of after's creation, byte for
// byte marshalChanges(diffFields(nil, after)) (TestAppendCreatedAsDiff),
// without the list of changes in between nor a copy of each value in an
// interface: an import encodes two creations a place, and that list was a
// tenth of the bytes it allocated (issue 11, item 6).
func appendCreated(dst []byte, after any) ([]byte, error) {
	av := reflect.ValueOf(after)
	if !av.IsValid() || av.Kind() == reflect.Pointer && av.IsNil() {
		return append(dst, "[]"...), nil
	}
	av = reflect.Indirect(av)
	dst = append(dst, '[')
	first := true
	for _, f := range auditFields(av.Type()) {
		fv := av.FieldByIndex(f.index)
		if emptyField(fv) {
			continue
		}
		var nv any
		if !byJSONKind(fv) {
			if nv = plain(fv); isEmpty(nv) {
				continue
			}
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, `{"field":`...)
		dst = jsonenc.AppendString(dst, f.name, true)
		dst = append(dst, `,"new":`...)
		switch t := fv.Type(); {
		case t == stringType:
			dst = jsonenc.AppendString(dst, fv.String(), true)
		case t == boolType:
			dst = append(dst, "true"...) // false is empty
		case t == stringListType && fv.CanAddr():
			dst = jsonenc.AppendStrings(dst, *fv.Addr().Interface().(*StringList), true)
		default:
			var err error
			if dst, err = appendJSONValue(dst, nv); err != nil {
				return nil, err
			}
		}
		dst = append(dst, '}')
	}
	return append(dst, ']'), nil
}

var (
	stringType     = reflect.TypeFor[string]()
	boolType       = reflect.TypeFor[bool]()
	stringListType = reflect.TypeFor[StringList]()
)

// byJSONKind tells the fields appendCreated writes itself, whose
// emptiness emptyField alone decides.
func byJSONKind(v reflect.Value) bool {
	t := v.Type()
	return t == stringType || t == boolType || t == stringListType && v.CanAddr()
}

// Fields left out of the history: identity and bookkeeping that change on
// every write (the sync fingerprint among them), and the loaded association.
var unaudited = map[string]bool{"ID": true, "Actor": true, "CreatedAt": true, "UpdatedAt": true, "Version": true, "Fingerprint": true, "PublicVersion": true, "PublicUpdatedAt": true,
	"CheckedOn": true, "CheckedOnUndated": true, "Quality": true, "QualityMissing": true, "SourceHash": true, "NameKey": true}

var naming = schema.NamingStrategy{}

// auditField is one field of the history: its API name (the address as
// address.street…) and where it is in the struct.
type auditField struct {
	name  string
	index []int
}

var auditFieldCache sync.Map // reflect.Type → []auditField

// auditFields lists the audited fields of an *Actor or *Service type,
// sorted by name, once per type: imports write thousands of events a
// second, and reflection on names was a tenth of their time.
func auditFields(t reflect.Type) []auditField {
	if f, ok := auditFieldCache.Load(t); ok {
		return f.([]auditField)
	}
	var out []auditField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if unaudited[f.Name] || !f.IsExported() {
			continue
		}
		if f.Type == reflect.TypeOf(Address{}) {
			for j := 0; j < f.Type.NumField(); j++ {
				out = append(out, auditField{"address." + naming.ColumnName("", f.Type.Field(j).Name), []int{i, j}})
			}
			continue
		}
		name := naming.ColumnName("", f.Name)
		if col := columnTag(f.Tag.Get("gorm")); col != "" {
			name = col
		}
		out = append(out, auditField{name, []int{i}})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].name < out[b].name })
	auditFieldCache.Store(t, out)
	return out
}

func columnTag(tag string) string {
	for _, part := range strings.Split(tag, ";") {
		if c, ok := strings.CutPrefix(part, "column:"); ok {
			return c
		}
	}
	return ""
}

// plain dereferences pointers so that the JSON shows values, and keeps
// empty lists as [] rather than null.
func plain(v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		return v.Elem().Interface()
	}
	if l, ok := v.Interface().(StringList); ok && l == nil {
		return []string{}
	}
	return v.Interface()
}

// diffFields lists the fields whose values differ, sorted by name, with API
// field names (the address as address.street…) and JSON-ready values. On a
// creation (before nil), every non-empty field is listed with old null.
func diffFields(before, after any) []FieldChange {
	out := []FieldChange{}
	av := reflect.ValueOf(after)
	if !av.IsValid() || av.Kind() == reflect.Pointer && av.IsNil() {
		return out
	}
	av = reflect.Indirect(av)
	bv := reflect.ValueOf(before)
	creating := !bv.IsValid() || bv.Kind() == reflect.Pointer && bv.IsNil()
	if !creating {
		bv = reflect.Indirect(bv)
	}
	fields := auditFields(av.Type())
	if creating {
		// Imports create thousands of records a second: the empty fields
		// are told apart before their values are copied out.
		out = make([]FieldChange, 0, len(fields))
	}
	for _, f := range fields {
		fv := av.FieldByIndex(f.index)
		if creating {
			if emptyField(fv) {
				continue
			}
			if nv := plain(fv); !isEmpty(nv) {
				out = append(out, FieldChange{Field: f.name, Old: nil, New: nv})
			}
			continue
		}
		nv := plain(fv)
		if ov := plain(bv.FieldByIndex(f.index)); !equalJSON(ov, nv) {
			out = append(out, FieldChange{Field: f.name, Old: ov, New: nv})
		}
	}
	return out
}

// emptyField reports, without copying it, whether a field's value is one
// that isEmpty(plain(v)) would find empty; other values (and fields of
// interface type) are left to isEmpty.
func emptyField(v reflect.Value) bool {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return true
		}
		v = v.Elem()
	}
	return emptyValue(v)
}

func isEmpty(v any) bool {
	return v == nil || emptyValue(reflect.ValueOf(v))
}

func emptyValue(rv reflect.Value) bool {
	switch rv.Kind() {
	case reflect.String, reflect.Slice, reflect.Map:
		return rv.Len() == 0
	case reflect.Bool:
		return !rv.Bool()
	}
	return false
}

func equalJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// ListHistory pages through a record's audit events, newest first.
// A creation stored as rebuiltFromRow is given with the fields it created.
func (s *Store) ListHistory(ctx context.Context, entity, id string, p ListParams) (Page[AuditEvent], error) {
	page, err := seqPage(s, ctx, p, func(tx *gorm.DB) *gorm.DB {
		return tx.Model(&AuditEvent{}).Where("entity = ? AND entity_id = ?", entity, id)
	}, func(e *AuditEvent) int64 { return e.Seq })
	if err != nil || !slices.ContainsFunc(page.Items, func(e AuditEvent) bool { return e.Changes == rebuiltFromRow }) {
		return page, err // most pages hold no creation stored so: nothing more to read
	}
	// In a transaction of its own: the row and the events after the
	// creation are read at one time, whatever was written since the page.
	err = s.read(ctx).Transaction(func(tx *gorm.DB) error { return rebuildHistory(tx, page.Items) })
	return page, dbError(err)
}

// seqPage pages through an append-only log (the audit history, the
// security trail) newest first, by its seq.
func seqPage[T any](s *Store, ctx context.Context, p ListParams, base func(tx *gorm.DB) *gorm.DB, seq func(*T) int64) (Page[T], error) {
	p = normalizeParams(p)
	var page Page[T]
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		if err := base(tx).Count(&page.Total).Error; err != nil {
			return err
		}
		q := base(tx)
		if p.Cursor != "" {
			c, err := decodeSeqCursor(p.Cursor)
			if err != nil {
				return err
			}
			q = q.Where("seq < ?", c)
		}
		if err := q.Order("seq DESC").Limit(p.Limit + 1).Find(&page.Items).Error; err != nil {
			return err
		}
		if len(page.Items) > p.Limit {
			page.Items = page.Items[:p.Limit]
			page.NextCursor = encodeSeqCursor(seq(&page.Items[p.Limit-1]))
		}
		return nil
	})
	return page, dbError(err)
}
