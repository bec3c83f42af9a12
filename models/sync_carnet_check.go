package models

import (
	"encoding/json"
	"fmt"
	"reflect"

	"gorm.io/gorm"
)

// carnetCheck keeps, in a sync or import row that changes a stored
// record, the fields whose current value a person set in Carnet (its
// structure, a coordinator, an administrator, an accepted suggestion)
// when the row is not dated after that change, and says so field by
// field (probe 40b M3: the row imported before, dated 2023, sent again,
// erased a manager's hours of 2026 with « updated » and no word).
//
// Carnet does not store the values last received from the producer; the
// history does say who last wrote each field. A field last written by a
// sync or an import holds the producer's value: the row's value is the
// producer's change, written as before. A field last written by a person
// on day T holds Carnet's: the row's value replaces it only when the
// row's producer date is after T (the producer checked the place since),
// with a warning naming the value replaced; otherwise Carnet's value is
// kept, with a warning naming both. A row without a producer's date (a
// partner's live record) is taken as current: it wins, with the warning;
// one whose date was in the future (read as none, SetFutureDate) is not:
// it is dated no later than any change (the stored date is kept).
// The producer's date itself is the row's.
func carnetCheck(tx *gorm.DB, before, a *Actor) ([]FieldError, error) {
	changes := diffFields(before, a)
	if len(changes) == 0 {
		return nil, nil
	}
	byPerson, err := personFields(tx, before.ID)
	if err != nil || len(byPerson) == 0 {
		return nil, err
	}
	index := map[string][]int{}
	for _, f := range auditFields(reflect.TypeOf(*a)) {
		index[f.name] = f.index
	}
	var warns []FieldError
	for _, c := range changes {
		day, set := byPerson[c.Field]
		if !set || index[c.Field] == nil {
			continue
		}
		// A phone or an e-mail anonymous readers may not see (before or
		// after the row) is not quoted: the warning goes to whoever runs
		// the import or the sync, who may not see it. The field is named.
		row, carnet := shown(c.New), shown(c.Old)
		if contactFields[c.Field] && !(before.contactsPublic() && a.contactsPublic()) {
			row, carnet = notQuoted, notQuoted
		}
		if a.ProducerUpdatedOn == "" && a.futureDate == "" || a.ProducerUpdatedOn > day {
			warns = append(warns, FieldError{Field: c.Field, Reason: fmt.Sprintf(
				"changed in Carnet on %s, %s: the row's %s replaced Carnet's %s", day, rowDate(a), row, carnet)})
			continue
		}
		reflect.ValueOf(a).Elem().FieldByIndex(index[c.Field]).Set(reflect.ValueOf(before).Elem().FieldByIndex(index[c.Field]))
		warns = append(warns, FieldError{Field: c.Field, Reason: fmt.Sprintf(
			"changed in Carnet on %s, %s: Carnet's value %s is kept, not the row's %s", day, keptRowDate(a), carnet, row)})
	}
	// The record keeps every value a person wrote on a day not before
	// the row's date: those the row changed (kept above), and those it
	// left as they were or had no column for (a file without
	// presentation_detail). checked_on does not go back before the
	// latest such day (saveActor).
	if a.ProducerUpdatedOn != "" || a.futureDate != "" {
		for field, day := range byPerson {
			if index[field] != nil && day >= a.ProducerUpdatedOn && day > a.keptSince {
				a.keptSince = day
			}
		}
	}
	return warns, nil
}

// keptRowDate says why Carnet's value was kept against a row's.
func keptRowDate(a *Actor) string {
	if a.futureDate != "" {
		return "and this row's date (" + a.futureDate + ") is in the future, which is no check"
	}
	return "after this row's date (" + a.ProducerUpdatedOn + ")"
}

// personFields returns the fields of an actor whose last write was a
// person's (not a sync, an import or a background job), with the day of
// that write, from its history, newest first. Read only for a row that
// changes its record.
func personFields(tx *gorm.DB, id string) (map[string]string, error) {
	var events []AuditEvent
	err := tx.Select("channel", "at", "changes").Where("entity = ? AND entity_id = ?", EntityActor, id).
		Order("seq DESC").Limit(200).Find(&events).Error
	if err != nil {
		return nil, err
	}
	seen, out := map[string]bool{}, map[string]string{}
	for _, ev := range events {
		var fields []FieldChange
		if json.Unmarshal([]byte(ev.Changes), &fields) != nil {
			continue
		}
		bulk := ev.Channel == string(ChannelSync) || ev.Channel == string(ChannelCLI) || ev.Channel == string(ChannelSystem)
		for _, f := range fields {
			if seen[f.Field] {
				continue
			}
			seen[f.Field] = true
			if !bulk {
				out[f.Field] = ev.At.UTC().Format("2006-01-02")
			}
		}
	}
	return out, nil
}

// rowDate says why a row's value replaced Carnet's.
func rowDate(a *Actor) string {
	if a.ProducerUpdatedOn == "" {
		return "and this row has no producer's date to tell which is newer (a record without one is taken as current)"
	}
	return "before this row's date (" + a.ProducerUpdatedOn + ")"
}

// contactFields are the fields of an actor the API hides from anonymous
// readers unless its contacts are public (Actor.PublicContacts).
var contactFields = map[string]bool{"phones": true, "emails": true}

// notQuoted stands for such a value in a warning.
const notQuoted = "(not public: not quoted)"

// shown writes a history value for a warning: quoted, (empty) for none.
func shown(v any) string {
	s := fmt.Sprint(v)
	if v == nil || s == "" || s == "[]" {
		return "(empty)"
	}
	return fmt.Sprintf("%q", clip(s))
}
