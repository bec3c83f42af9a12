package opendata_test

import (
	"strings"
	"testing"
	"time"

	"carnet/models/opendata"
)

// TestProducerDateInTheFuture: a date_maj after today (UTC) is warned of
// and not kept; today's and yesterday's are kept without that warning.
// The day is compared with today written on the stack (issue 11, item 6).
func TestProducerDateInTheFuture(t *testing.T) {
	now := time.Now().UTC()
	for _, c := range []struct {
		day    string
		future bool
	}{
		{now.AddDate(0, 0, -1).Format(time.DateOnly), false},
		{now.AddDate(0, 0, 2).Format(time.DateOnly), true},
		{now.AddDate(1, 0, 0).Format(time.DateOnly), true},
	} {
		rec := opendata.Record{Row: 2, Cells: map[string]string{"id": "f1", "nom": "Médiathèque", "commune": "Lyon",
			"code_postal": "69001", "adresse": "1 rue de la République", "date_maj": c.day, "services": "Prendre en main un ordinateur"}}
		p := opendata.ToPlace(rec, "future")
		warned := false
		for _, is := range p.Issues {
			warned = warned || is.Field == "date_maj" && strings.Contains(is.Reason, "in the future")
		}
		if warned != c.future {
			t.Errorf("date_maj %s: warned in the future %v, want %v (%+v)", c.day, warned, c.future, p.Issues)
		}
		if kept := p.Actor.ProducerUpdatedOn == c.day; kept == c.future {
			t.Errorf("date_maj %s: kept as the producer date %v (%q)", c.day, kept, p.Actor.ProducerUpdatedOn)
		}
	}
}
