package models

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"carnet/models/jsonenc"
)

// rebuiltFromRow is what the audit event of a creation by a sync batch or
// an import stores instead of the created record's whole content: that
// content was 181 of the 416 MB a 100,000-place import left in the
// database, and its encoding a tenth of the import's CPU (issue 11, item
// 6). ListHistory gives the content back (rebuildCreated): the record's
// current row, with each later event's old values put back, newest first.
// This holds because records are never deleted, every write of an audited
// field records its old value in an audit event (recordChange), and the
// audit history is append-only. A JSON object, where every other event
// holds an array of changes, so that no reader mistakes it for one.
const rebuiltFromRow = `{"rebuilt":"from the row"}`

// creationsInFull stores every creation's content, as before rebuiltFromRow:
// tests compare the stored content with the rebuilt one (TestRebuiltCreations).
var creationsInFull = false

// rebuildHistory replaces, in events read from one record's history, the
// changes of a creation stored as rebuiltFromRow by the fields it created.
func rebuildHistory(tx *gorm.DB, events []AuditEvent) error {
	for i := range events {
		if events[i].Changes != rebuiltFromRow {
			continue
		}
		changes, err := rebuildCreated(tx, &events[i])
		if err != nil {
			return err
		}
		events[i].Changes = changes
	}
	return nil
}

// rebuildCreated gives the changes creation recorded when its record was
// created, byte for byte what encodeCreated wrote then (TestRebuiltCreations):
// the audited fields of the current row, each set back to the old value of
// every later event that changed it, newest first; the fields empty at
// creation are left out, as encodeCreated leaves them.
func rebuildCreated(tx *gorm.DB, creation *AuditEvent) (string, error) {
	var row any
	switch creation.Entity {
	case EntityActor:
		row = &Actor{}
	case EntityService:
		row = &Service{}
	default:
		return "", fmt.Errorf("audit event %d: no %s is rebuilt from its row", creation.Seq, creation.Entity)
	}
	if err := tx.Take(row, "id = ?", creation.EntityID).Error; err != nil {
		return "", fmt.Errorf("audit event %d: the created %s: %w", creation.Seq, creation.Entity, err)
	}
	current, err := encodeCreated(row)
	if err != nil {
		return "", err
	}
	var fields []struct {
		Field string          `json:"field"`
		New   json.RawMessage `json:"new"`
	}
	if err := json.Unmarshal([]byte(current), &fields); err != nil {
		return "", err
	}
	state := make(map[string]json.RawMessage, len(fields))
	for _, f := range fields {
		state[f.Field] = f.New
	}
	var later []string
	if err := tx.Model(&AuditEvent{}).Where("entity = ? AND entity_id = ? AND seq > ?", creation.Entity, creation.EntityID, creation.Seq).
		Order("seq DESC").Pluck("changes", &later).Error; err != nil {
		return "", err
	}
	for _, changes := range later {
		var olds []struct {
			Field string          `json:"field"`
			Old   json.RawMessage `json:"old"`
		}
		if err := json.Unmarshal([]byte(changes), &olds); err != nil {
			return "", fmt.Errorf("audit of %s %s: a later event's changes: %w", creation.Entity, creation.EntityID, err)
		}
		for _, o := range olds {
			if decisionFields[o.Field] || strings.HasPrefix(o.Field, "actor.") {
				continue // not the record's columns: its creation showed none
			}
			if emptyJSON(o.Old) {
				delete(state, o.Field)
			} else {
				state[o.Field] = o.Old
			}
		}
	}
	return encodeState(state), nil
}

// decisionFields are the fields of an actor's history that its audited
// columns do not hold: how a duplicate decision serves it
// (decisionChanges), and what a rescoring moved (scoreMoved). A service's
// history names its actor's fields it shows as actor.… (followedFields).
var decisionFields = map[string]bool{"duplicate_of": true, "stands_for": true,
	"quality": true, "quality_missing": true, "checked_on": true, "checked_on_undated": true}

// encodeState writes fields and values as encodeCreated does: sorted by
// name, each {"field":…,"new":…}.
func encodeState(state map[string]json.RawMessage) string {
	names := make([]string, 0, len(state))
	for name := range state {
		names = append(names, name)
	}
	sort.Strings(names)
	b := []byte{'['}
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"field":`...)
		b = jsonenc.AppendString(b, name, true)
		b = append(b, `,"new":`...)
		b = append(b, state[name]...)
		b = append(b, '}')
	}
	return string(append(b, ']'))
}

// emptyJSON tells the encoded values isEmpty finds empty (an old value the
// change left out, null, "", [], {}, false): a creation lists none of them.
func emptyJSON(v json.RawMessage) bool {
	switch string(v) {
	case "", "null", `""`, "[]", "{}", "false":
		return true
	}
	return false
}
