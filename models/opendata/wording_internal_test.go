package opendata

import (
	"testing"

	"carnet/models"
)

// TestRecordNamesTheWarningsField (issue 11 item 4, wording): a warning of
// the writer on a field with no column of the standard (the record's
// source, its network) was reported under the field "", where the same
// field's error is named.
func TestRecordNamesTheWarningsField(t *testing.T) {
	rep := &Report{Actors: map[string]int{}, Services: map[string]int{}}
	res := &models.SyncResult{Outcomes: []models.SyncOutcome{{Index: 0, Entity: models.EntityActor, Result: models.SyncUpdated,
		Warnings: []models.FieldError{{Field: "source", Reason: "kept"}, {Field: "address.postal_code", Value: "13 001", Reason: "read"}}}}}
	rep.record(rowsOf{actors: []int{7}}, res)
	got := map[string]bool{}
	for _, is := range rep.Issues {
		got[is.Field] = true
		if is.Row != 7 {
			t.Errorf("row %d", is.Row)
		}
	}
	if !got["source"] || !got["code_postal"] || got[""] {
		t.Errorf("fields %+v", rep.Issues)
	}
}
