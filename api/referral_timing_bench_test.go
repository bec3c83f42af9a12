package api_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// BenchmarkReferralOutsiderVsMissing compares, for a member of a third
// structure, a GET of another structures' referral and of an id that names
// none: both answer the same 404, and should take the same work (a ~1 ms
// gap told them apart, black-box). The calls alternate; the medians are
// reported (other-ms, missing-ms), not asserted:
//
//	go test -run '^$' -bench ReferralOutsiderVsMissing -benchtime 400x ./api
func BenchmarkReferralOutsiderVsMissing(b *testing.B) {
	e := apitest.New(b, apitest.WithTokenTTL(24*time.Hour))
	from, to, third := createActorB(b, e, "CCAS"), createActorB(b, e, "Médiathèque"), createActorB(b, e, "Mairie")
	svc := models.Service{ActorID: to, Name: "Aide aux démarches", Kind: "procedures_done_with", Themes: models.StringList{"Aide aux démarches administratives"}, OnSite: true}
	if err := e.Store.CreateService(context.Background(), &svc); err != nil {
		b.Fatal(err)
	}
	_, sender := e.Account("aidant@example.fr", map[string]models.Role{from: models.RoleMember}, models.Territory{})
	e.Account("mediatrice@example.fr", map[string]models.Role{to: models.RoleMember}, models.Territory{})
	_, outsider := e.Account("mairie@example.fr", map[string]models.Role{third: models.RoleMember}, models.Territory{})
	body := `{"from_actor_id":"` + from + `","to_service_id":"` + svc.ID + `","themes":["Aide aux démarches administratives"],"person":{"first_name":"Nadia","last_name":"B.","contact_channel":"phone","contact":"06 12 34 56 78"},"consent":{"given":true,"given_on":"` + time.Now().Format(time.DateOnly) + `","referent_commitment":true}}`
	r := httptest.NewRequest("POST", "/api/v1/referrals", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer "+sender)
	w := httptest.NewRecorder()
	e.Handler.ServeHTTP(w, r)
	var sent struct{ ID string }
	if json.Unmarshal(w.Body.Bytes(), &sent); w.Code != 201 {
		b.Fatalf("send: %d %s", w.Code, w.Body)
	}
	get := func(id string) time.Duration {
		start := time.Now()
		if w := serve(e, "GET", "/api/v1/referrals/"+id, outsider); w.Code != 404 {
			b.Fatalf("GET %s: %d %s", id, w.Code, w.Body)
		}
		return time.Since(start)
	}
	get(sent.ID) // the first attempt writes its trace; the repeats within the hour do not
	var other, missing []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		other = append(other, get(sent.ID))
		missing = append(missing, get(models.NewID()))
	}
	median := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2]) / float64(time.Millisecond)
	}
	b.ReportMetric(median(other), "other-ms")
	b.ReportMetric(median(missing), "missing-ms")
}
