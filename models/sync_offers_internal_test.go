package models

import (
	"reflect"
	"testing"
)

// TestSyncStepOffersPerActor checks the offers newSyncStep gathers for the
// quality score (one array for the batch, an actor's list cut from it):
// each actor has its own services, in order, withdrawn, unsaid and
// unattached ones left out, and appending to one list changes no other.
func TestSyncStepOffersPerActor(t *testing.T) {
	sv := func(actor, name string) SyncService {
		return SyncService{Service: Service{Name: name, Status: "published", OpeningHours: name}, ActorSourceID: actor}
	}
	services := []SyncService{sv("a", "Mo 09:00-12:00"), sv("b", "Tu 09:00-12:00"), sv("a", "We 09:00-12:00"), sv("", "Th 09:00-12:00"),
		sv("c", "Fr 09:00-12:00"), sv("b", "Sa 09:00-12:00"), sv("f", "Tu 14:00-18:00"), sv("d", "Su 09:00-12:00")}
	services[7].Withdrawn = true
	services = append(services, sv("e", "Mo 14:00-18:00"))
	services[8].Unsaid = true
	step, err := newSyncStep("offers-test", nil, services)
	if err != nil {
		t.Fatal(err)
	}
	hours := map[string][]string{}
	for id, l := range step.offers {
		for _, q := range l {
			hours[id] = append(hours[id], q.OpeningHours)
		}
	}
	want := map[string][]string{"a": {"Mo 09:00-12:00", "We 09:00-12:00"}, "b": {"Tu 09:00-12:00", "Sa 09:00-12:00"}, "c": {"Fr 09:00-12:00"}, "f": {"Tu 14:00-18:00"}}
	if !reflect.DeepEqual(hours, want) {
		t.Fatalf("offers by actor: %q, want %q", hours, want)
	}
	_ = append(step.offers["c"], qualityService{OpeningHours: "appended"})
	for id, l := range step.offers {
		if got := l[0].OpeningHours; got != want[id][0] {
			t.Fatalf("after an append to c's list, %s's first offer is %q, want %q", id, got, want[id][0])
		}
	}
}
