package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
)

// BenchmarkDirectory measures the main read and write paths through the real
// router on a 10,000-actor database (each with one service). Besides ns/op it
// reports the median and 99th percentile latency and the throughput, so that
// runs can be compared as ratios on a noisy machine:
//
//	go test -run '^$' -bench . -benchtime 2000x ./api
func BenchmarkDirectory(b *testing.B) {
	e := apitest.New(b)
	ctx := context.Background()
	const n = 10000
	rng := rand.New(rand.NewPCG(1, 2))
	typologies := []string{"BIB", "CCAS", "ASSO", "MSAP", "CS", "TIERS_LIEUX", "MUNI"}
	deps := []string{"13", "06", "83", "84", "04", "05", "75", "69", "33", "59"}
	start := time.Now()
	var ids []string
	for i := range n {
		dep := deps[rng.IntN(len(deps))]
		a := models.Actor{
			Name:       fmt.Sprintf("Lieu %05d", i),
			Typologies: models.StringList{typologies[rng.IntN(len(typologies))]},
			Address:    models.Address{Street: "1 rue de la Paix", PostalCode: dep + "100", Commune: "Commune " + dep},
		}
		if err := e.Store.CreateActor(ctx, &a); err != nil {
			b.Fatal(err)
		}
		s := models.Service{ActorID: a.ID, Name: "Accès libre", Kind: "equipment_access", Themes: models.StringList{"Accès internet et matériel informatique"}, OnSite: true}
		if err := e.Store.CreateService(ctx, &s); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	b.Logf("loaded %d actors and %d services in %s", n, n, time.Since(start).Round(time.Millisecond))

	body := `{"name":"Nouveau lieu","typologies":["BIB"],"address":{"street":"1 rue","postal_code":"13001","commune":"Marseille"},"phones":["0491000000"],"opening_hours":"Mo-Fr 09:00-18:00"}`
	deep := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?limit=20&sort=name"}).Map()["meta"].(map[string]any)["next_cursor"].(string)
	cases := []struct {
		name string
		req  func(i int) *http.Request
	}{
		{"create actor", func(int) *http.Request {
			r := httptest.NewRequest("POST", "/api/v1/actors", strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Authorization", "Bearer "+e.Admin)
			return r
		}},
		{"get actor", func(i int) *http.Request { return httptest.NewRequest("GET", "/api/v1/actors/"+ids[i%n], nil) }},
		// With a token: the rights (and the session) are loaded per request.
		{"get actor with a token", func(i int) *http.Request {
			r := httptest.NewRequest("GET", "/api/v1/actors/"+ids[i%n], nil)
			r.Header.Set("Authorization", "Bearer "+e.Admin)
			return r
		}},
		{"list actors first page", func(int) *http.Request { return httptest.NewRequest("GET", "/api/v1/actors?limit=20", nil) }},
		{"list actors next page by name", func(int) *http.Request {
			return httptest.NewRequest("GET", "/api/v1/actors?limit=20&sort=name&cursor="+deep, nil)
		}},
		{"list actors filtered", func(int) *http.Request {
			return httptest.NewRequest("GET", "/api/v1/actors?limit=20&departement=13&typologies=BIB,CCAS", nil)
		}},
		{"list services filtered", func(int) *http.Request {
			return httptest.NewRequest("GET", "/api/v1/services?limit=20&departement=06&themes=acces-internet-et-materiel-informatique", nil)
		}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				req := tc.req(i)
				w := httptest.NewRecorder()
				t0 := time.Now()
				e.Handler.ServeHTTP(w, req)
				lat = append(lat, time.Since(t0))
				if w.Code >= 300 {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
			b.StopTimer()
			report(b, lat)
		})
	}
}

// report adds median, p99 and throughput to the benchmark's line.
func report(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	var total time.Duration
	for _, d := range lat {
		total += d
	}
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) }
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
	b.ReportMetric(float64(len(lat))/total.Seconds(), "req/s")
}

// BenchmarkReferrals measures sending a referral and moving it through its
// lifecycle through the real router, then the retention job over 10,000
// closed referrals:
//
//	go test -run '^$' -bench Referrals -benchtime 1000x ./api
func BenchmarkReferrals(b *testing.B) {
	now := time.Now()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(b, apitest.WithClock(clock), apitest.WithTokenTTL(24*365*time.Hour))
	from := createActorB(b, e, "CCAS")
	to := createActorB(b, e, "Médiathèque")
	svc := models.Service{ActorID: to, Name: "Aide aux démarches", Kind: "procedures_done_with", Themes: models.StringList{"Aide aux démarches administratives"}, OnSite: true}
	if err := e.Store.CreateService(context.Background(), &svc); err != nil {
		b.Fatal(err)
	}
	_, sender := e.Account("aidant@example.fr", map[string]models.Role{from: models.RoleMember}, models.Territory{})
	_, receiver := e.Account("mediatrice@example.fr", map[string]models.Role{to: models.RoleMember}, models.Territory{})
	body := `{"from_actor_id":"` + from + `","to_service_id":"` + svc.ID + `","themes":["Aide aux démarches administratives"],"person":{"first_name":"Nadia","last_name":"B.","contact_channel":"phone","contact":"06 12 34 56 78"},"consent":{"given":true,"given_on":"` + now.Format(time.DateOnly) + `","referent_commitment":true}}`
	send := func() string {
		r := httptest.NewRequest("POST", "/api/v1/referrals", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer "+sender)
		w := httptest.NewRecorder()
		e.Handler.ServeHTTP(w, r)
		if w.Code != 201 {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
		var out struct{ ID string }
		json.Unmarshal(w.Body.Bytes(), &out)
		return out.ID
	}
	move := func(id, status string) {
		r := httptest.NewRequest("POST", "/api/v1/referrals/"+id+"/transitions", strings.NewReader(`{"status":"`+status+`"}`))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer "+receiver)
		w := httptest.NewRecorder()
		e.Handler.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
	b.Run("send", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		for b.Loop() {
			t0 := time.Now()
			send()
			lat = append(lat, time.Since(t0))
		}
		report(b, lat)
	})
	b.Run("accept", func(b *testing.B) {
		ids := make([]string, b.N)
		for i := range ids {
			ids[i] = send()
		}
		lat := make([]time.Duration, 0, b.N)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			t0 := time.Now()
			move(ids[i], "accepted")
			lat = append(lat, time.Since(t0))
		}
		report(b, lat)
	})
}

// BenchmarkReferralRetention measures the retention job erasing the
// person's data of 10,000 referrals past their retention period:
//
//	go test -run '^$' -bench ReferralRetention -benchtime 1x ./api
func BenchmarkReferralRetention(b *testing.B) {
	ctx := context.Background()
	now := time.Now()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := apitest.New(b, apitest.WithClock(clock))
	from, to := createActorB(b, e, "CCAS"), createActorB(b, e, "Médiathèque")
	svc := models.Service{ActorID: to, Name: "Aide aux démarches", Kind: "procedures_done_with", Themes: models.StringList{"Aide aux démarches administratives"}, OnSite: true}
	if err := e.Store.CreateService(ctx, &svc); err != nil {
		b.Fatal(err)
	}
	u, _ := e.Account("aidant@example.fr", map[string]models.Role{from: models.RoleMember}, models.Territory{})
	p, err := e.Store.LoadPrincipal(ctx, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for range 10000 {
			r := models.Referral{FromActorID: from, ToServiceID: svc.ID, Themes: models.StringList{"Aide aux démarches administratives"},
				PersonFirstName: "Nadia", PersonLastName: "B.", ContactChannel: models.ContactPhone, ContactValue: "06 12 34 56 78", ConsentOn: now.Format(time.DateOnly), ReferentCommitment: true}
			if err := e.Store.CreateReferral(models.WithPrincipal(ctx, p), &r); err != nil {
				b.Fatal(err)
			}
		}
		mu.Lock()
		now = now.Add(800 * 24 * time.Hour)
		mu.Unlock()
		b.StartTimer()
		t0 := time.Now()
		_, n, err := e.Store.MaintainReferrals(ctx, models.DefaultReferralPolicy)
		if err != nil || n < 10000 {
			b.Fatalf("%d anonymised: %v", n, err)
		}
		b.ReportMetric(float64(n)/time.Since(t0).Seconds(), "anonymised/s")
	}
}

func createActorB(b *testing.B, e *apitest.Env, name string) string {
	a := models.Actor{Name: name, Address: models.Address{Street: "1 rue", PostalCode: "13001", Commune: "Marseille"}}
	if err := e.Store.CreateActor(context.Background(), &a); err != nil {
		b.Fatal(err)
	}
	return a.ID
}

// BenchmarkReferralWork measures a structure finding its work among 10,000
// referrals through the real router: the list's first page, a search by
// the person's name (matched in memory over every name of the structure),
// the whole list as CSV, and posting a message (with its e-mail queued):
//
//	go test -run '^$' -bench ReferralWork -benchtime 50x ./api
func BenchmarkReferralWork(b *testing.B) {
	ctx := context.Background()
	e := apitest.New(b, apitest.WithNotifications())
	from, to := createActorB(b, e, "CCAS"), createActorB(b, e, "Médiathèque")
	svc := models.Service{ActorID: to, Name: "Aide aux démarches", Kind: "procedures_done_with", Themes: models.StringList{"Aide aux démarches administratives"}, OnSite: true}
	if err := e.Store.CreateService(ctx, &svc); err != nil {
		b.Fatal(err)
	}
	u, _ := e.Account("aidant@example.fr", map[string]models.Role{from: models.RoleMember}, models.Territory{})
	_, receiver := e.Account("mediatrice@example.fr", map[string]models.Role{to: models.RoleMember}, models.Territory{})
	p, err := e.Store.LoadPrincipal(ctx, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	first := []string{"Nadia", "Hélène", "Marc", "Zoé", "Karim", "Jeanne", "Paul", "Fatou", "Yves", "Inès"}
	last := []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent"}
	var id string
	for i := range 10000 {
		r := models.Referral{FromActorID: from, ToServiceID: svc.ID, Themes: models.StringList{"Aide aux démarches administratives"},
			PersonFirstName: first[i%len(first)], PersonLastName: fmt.Sprintf("%s-%d", last[i%len(last)], i), ContactChannel: models.ContactPhone,
			ContactValue: "06 12 34 56 78", ConsentOn: time.Now().Format(time.DateOnly), ReferentCommitment: true}
		if err := e.Store.CreateReferral(models.WithPrincipal(ctx, p), &r); err != nil {
			b.Fatal(err)
		}
		id = r.ID
	}
	do := func(method, path, accept, body string) {
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		r := httptest.NewRequest(method, path, rd)
		r.Header.Set("Authorization", "Bearer "+receiver)
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		if body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		w := httptest.NewRecorder()
		e.Handler.ServeHTTP(w, r)
		if w.Code >= 300 {
			b.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body)
		}
	}
	for _, tc := range []struct{ name, method, path, accept, body string }{
		{"list first page", "GET", "/api/v1/referrals?limit=20", "", ""},
		{"search by name (one in 10)", "GET", "/api/v1/referrals?limit=20&person_name=helene", "", ""},
		{"search by name (one)", "GET", "/api/v1/referrals?limit=20&person_name=" + url.QueryEscape("moreau-9"), "", ""},
		{"CSV of 10,000", "GET", "/api/v1/referrals", "text/csv", ""},
		{"post a message", "POST", "/api/v1/referrals/" + id + "/messages", "", `{"body":"Elle viendra mardi."}`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for b.Loop() {
				t0 := time.Now()
				do(tc.method, tc.path, tc.accept, tc.body)
				lat = append(lat, time.Since(t0))
			}
			report(b, lat)
		})
	}
}
