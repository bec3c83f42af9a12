package models

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Page is one page of a list. Pages are cut by keyset (the last row's sort
// key and id) rather than by offset, so that rows inserted or archived while
// a client pages never make it skip or repeat a row in id order.
type Page[T any] struct {
	Items      []T
	Total      int64  // rows matching the filters, all pages together
	NextCursor string // "" on the last page
}

// TimeLayout is how JSON answers write timestamps: UTC, six fraction
// digits, the microseconds the store keeps (handlers.Time says why).
const TimeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Sort orders of lists.
const (
	SortID        = "id"         // creation order (ids are UUIDv7): stable, the default
	SortName      = "name"       // alphabetical, by the folded name (NameKey)
	SortUpdatedAt = "updated_at" // least recently changed first
	// Each backwards with a leading « - »: -updated_at is the last changed
	// first (lists of actors and services).
)

// Limits on page sizes.
const (
	DefaultLimit = 20
	MaxLimit     = 200
)

// ListParams are the paging parameters shared by every list.
type ListParams struct {
	Sort   string
	Cursor string
	Limit  int
	// updatedAt is the column sort=updated_at reads; "" is updated_at.
	updatedAt string
}

type cursor struct {
	Sort string `json:"s"`
	ID   string `json:"i"`
	// Name is the last row's NameKey. Folded says so: a cursor written
	// before names were sorted folded holds the name itself, which would
	// place the next page elsewhere in the folded order.
	Name   string    `json:"n,omitempty"`
	Folded bool      `json:"f,omitempty"`
	At     time.Time `json:"t,omitzero"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, sort string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	bad := &Error{Code: EBADREQUEST, Message: "The cursor is not valid.",
		Fields: []FieldError{{Field: "cursor", Reason: "use the next link of a previous page, unchanged"}}}
	// A name no record can hold (NUL: PostgreSQL refuses it in text, the
	// query would fail) is no page's.
	if err != nil || !ValidID(c.ID) || !storable(c.Name) {
		return cursor{}, bad
	}
	if c.Sort != sort {
		bad.Fields[0].Reason = "this cursor belongs to another sort order; keep the same sort parameter while paging"
		return cursor{}, bad
	}
	if key, _ := SortKey(sort); key == SortName && !c.Folded {
		bad.Fields[0].Reason = "this cursor was written before names were sorted as they are now; start again from the first page"
		return cursor{}, bad
	}
	return c, nil
}

// keyset orders q by the sort key and restricts it to rows after the cursor.
// table qualifies column names so that the same code works with joins. A
// sort written with a leading « - » (-updated_at) runs the same order
// backwards: the last changed, the newest or Z to A first, each index
// being read from its end.
func keyset(q *gorm.DB, table string, p ListParams) (*gorm.DB, error) {
	id := table + ".id"
	var c cursor
	if p.Cursor != "" {
		var err error
		if c, err = decodeCursor(p.Cursor, p.Sort); err != nil {
			return nil, err
		}
	}
	key, desc := SortKey(p.Sort)
	after, dir := " > ", ""
	if desc {
		after, dir = " < ", " DESC"
	}
	switch key {
	case SortName:
		// Byte order on both engines: SQLite's BINARY, and the column's
		// "C" collation on PostgreSQL (migration 00107).
		col := table + ".name_key"
		if p.Cursor != "" {
			q = q.Where("("+col+after+"? OR ("+col+" = ? AND "+id+after+"?))", c.Name, c.Name, c.ID)
		}
		return q.Order(col + dir).Order(id + dir), nil
	case SortUpdatedAt:
		col := table + ".updated_at"
		if p.updatedAt != "" {
			col = table + "." + p.updatedAt
		}
		if p.Cursor != "" {
			q = q.Where("("+col+after+"? OR ("+col+" = ? AND "+id+after+"?))", c.At, c.At, c.ID)
		}
		return q.Order(col + dir).Order(id + dir), nil
	default:
		if p.Cursor != "" {
			q = q.Where(id+after+"?", c.ID)
		}
		return q.Order(id + dir), nil
	}
}

// SortKey splits a sort parameter into its key and whether it runs
// backwards (a leading « - »).
func SortKey(sort string) (key string, desc bool) {
	if k, ok := strings.CutPrefix(sort, "-"); ok {
		return k, true
	}
	return sort, false
}

// nextCursor returns the cursor after the given last row of a page (name
// is its NameKey). Lists
// fetch one row more than the limit to know whether a next page exists, so
// that the last page never links to an empty one.
func nextCursor(p ListParams, id, name string, at time.Time) string {
	c := cursor{Sort: p.Sort, ID: id}
	switch key, _ := SortKey(p.Sort); key {
	case SortName:
		c.Name, c.Folded = name, true
	case SortUpdatedAt:
		c.At = at
	}
	return encodeCursor(c)
}

// normalizeParams applies defaults and bounds.
func normalizeParams(p ListParams) ListParams {
	if p.Sort == "" {
		p.Sort = SortID
	}
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit > MaxLimit {
		p.Limit = MaxLimit
	}
	return p
}

// anyOf restricts q to rows whose JSON-array column contains at least one of
// values: "any of" within a field, ANDed with the other filters.
func anyOf(q *gorm.DB, column string, values []string) *gorm.DB {
	if len(values) == 0 {
		return q
	}
	cond, args := dialectOf(q).anyOf(column, values)
	return q.Where(cond, args...)
}

// Sequence cursors page through append-only logs (history, change feeds)
// by their sequence number.
func encodeSeqCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("q" + strconv.FormatInt(seq, 10)))
}

func decodeSeqCursor(s string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil && len(b) > 1 && b[0] == 'q' {
		if n, err := strconv.ParseInt(string(b[1:]), 10, 64); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, &Error{Code: EBADREQUEST, Message: "The cursor is not valid.",
		Fields: []FieldError{{Field: "cursor", Reason: "use the next link of a previous page, unchanged"}}}
}

// listPage runs a keyset-paged list in one read transaction, so that the
// total and the page agree: the number of rows matching filter, then one
// page in p's order. prepare (optional) adds what only the page query needs
// (preloads, selected columns); key names the last row for the cursor.
func listPage[T any](s *Store, ctx context.Context, table string, p ListParams, filter, prepare func(*gorm.DB) *gorm.DB, key func(*T) (id, name string, at time.Time)) (Page[T], error) {
	p = normalizeParams(p)
	var page Page[T]
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		var model T
		if err := filter(tx.Model(&model)).Count(&page.Total).Error; err != nil {
			return err
		}
		q, err := keyset(filter(tx.Model(&model)), table, p)
		if err != nil {
			return err
		}
		if prepare != nil {
			q = prepare(q)
		}
		if err := q.Limit(p.Limit + 1).Find(&page.Items).Error; err != nil {
			return err
		}
		if len(page.Items) > p.Limit {
			page.Items = page.Items[:p.Limit]
			id, name, at := key(&page.Items[p.Limit-1])
			page.NextCursor = nextCursor(p, id, name, at)
		}
		return nil
	})
	return page, dbError(err)
}
