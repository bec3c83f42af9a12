package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"carnet/models/jsonenc"
)

// StringList is a multi-valued field (themes, phones, typologies…) stored as a
// JSON array in one TEXT column. The lists are short and always read with
// their row, and SQLite's json_each lets list filters stay in SQL, so a join
// table per field would only add writes.
type StringList []string

// Value implements driver.Valuer. A nil list is stored as [] so that
// json_each never sees NULL.
func (l StringList) Value() (driver.Value, error) {
	if len(l) == 0 {
		return "[]", nil
	}
	// Encoded in a reused buffer: the string is the one allocation (an
	// import writes several lists a record).
	bp := listBuffers.Get().(*[]byte)
	b := l.appendJSON((*bp)[:0])
	v := string(b)
	if cap(b) <= 64<<10 { // a huge list does not pin its buffer
		*bp = b
		listBuffers.Put(bp)
	}
	return v, nil
}

// appendJSON appends the text Value gives for a list that is not empty
// (bulkTable binds it from its own buffer: see binder.list).
func (l StringList) appendJSON(b []byte) []byte {
	return jsonenc.AppendStrings(b, l, true)
}

var listBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// Scan implements sql.Scanner.
func (l *StringList) Scan(src any) error {
	b, err := jsonColumn("StringList", src)
	if err != nil || b == nil {
		*l = nil
		return err
	}
	var out []string
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("StringList: %w", err)
	}
	if len(out) == 0 {
		out = nil
	}
	*l = out
	return nil
}

// GormDataType tells GORM the column type.
func (StringList) GormDataType() string { return "text" }

// jsonColumn returns the bytes of a JSON TEXT column as the driver gives
// them, nil for NULL.
func jsonColumn(typ string, src any) ([]byte, error) {
	switch v := src.(type) {
	case nil:
		return nil, nil
	case string:
		return []byte(v), nil
	case []byte:
		return v, nil
	}
	return nil, fmt.Errorf("%s: cannot scan %T", typ, src)
}

// Contains reports whether s is in the list.
func (l StringList) Contains(s string) bool { return slices.Contains(l, s) }
