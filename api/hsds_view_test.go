package api_test

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/api/apitest"
	"carnet/models"
	"carnet/models/commune"
	"carnet/models/hsds"
	"carnet/models/vocab"
)

// hsdsGet fetches an HSDS path without credentials and decodes it.
func hsdsGet(t *testing.T, e *apitest.Env, path string) (obj, string) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: path})
	if r.Code != 200 {
		t.Fatalf("GET %s: %d %s", path, r.Code, r.Body)
	}
	return r.Map(), r.Body.String()
}

func hsdsStatus(t *testing.T, e *apitest.Env, path string) int {
	t.Helper()
	r := e.Do(apitest.Request{Method: "GET", Path: path})
	if r.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("GET %s → %d without Access-Control-Allow-Origin: *", path, r.Code)
	}
	return r.Code
}

// hsdsAll follows a list's pages (query has no page) and returns every item.
func hsdsAll(t *testing.T, e *apitest.Env, path string) []obj {
	t.Helper()
	var out []obj
	for p := 1; ; p++ {
		m, _ := hsdsGet(t, e, fmt.Sprintf("%s&page=%d", path, p))
		for _, it := range m["contents"].([]any) {
			out = append(out, it.(obj))
		}
		if m["last_page"] == true || m["empty"] == true {
			return out
		}
	}
}

func idsOf(items []obj) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it["id"].(string)
	}
	return out
}

func ids(m obj) []string {
	var out []string
	for _, it := range m["contents"].([]any) {
		out = append(out, it.(obj)["id"].(string))
	}
	return out
}

func patchActor(t *testing.T, e *apitest.Env, id string, body obj) {
	t.Helper()
	r := e.Do(apitest.Request{Method: "PATCH", Path: "/api/v1/actors/" + id, Token: e.Admin, Body: body, ContentType: "application/merge-patch+json"})
	if r.Code != 200 {
		t.Fatalf("patch actor: %d %s", r.Code, r.Body)
	}
}

var paris, _ = time.LoadLocation("Europe/Paris")

// TestHSDSShowsOnlyThePublicDirectory checks what the view leaves out
// (drafts, archives, closed places, unpublished contact details, referrals)
// and how it shows what it keeps.
func TestHSDSShowsOnlyThePublicDirectory(t *testing.T) {
	e := apitest.New(t)
	ctx := context.Background()
	withAddress := func(name, street string, extra obj) obj {
		b := validActor(name)
		b["address"].(obj)["street"] = street
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	net := str(createActor(t, e, withAddress("Réseau des médiathèques", "1 place", nil))["id"])
	a := str(createActor(t, e, withAddress("Médiathèque Saint-Charles", "12 rue Cavaignac", obj{
		"parent_id": net, "phones": []string{"04 91 00 00 01"}, "emails": []string{"prive@example.fr"},
		"opening_hours": "Mo-Fr 09:00-12:00; PH off", "pivot": "21130055300016", "typologies": []string{"BIB"},
		"acceslibre_url": "https://acceslibre.beta.gouv.fr/app/13-marseille/a/bibliotheque/erp/x/", "latitude": 43.30, "longitude": 5.38,
	}))["id"])
	day := func(d int) string { return time.Now().In(paris).AddDate(0, 0, d).Format(time.DateOnly) }
	from, until := day(-1), day(30)
	b := str(createActor(t, e, withAddress("Centre social Belsunce", "3 rue", obj{
		"phones": []string{"04 91 00 00 02"}, "emails": []string{"accueil@example.fr"}, "contact_public": true,
		"status": "temporarily_closed", "closed_from": from, "closed_until": until, "closure_reason": "Travaux",
	}))["id"])
	// A closure announced for later leaves the place open until it starts.
	later := str(createActor(t, e, withAddress("Espace numérique du Panier", "6 rue", obj{
		"status": "temporarily_closed", "closed_from": day(10), "closed_until": day(20),
	}))["id"])
	sl1 := str(createService(t, e, validService(later, "Atelier avant travaux"))["id"])
	c := str(createActor(t, e, withAddress("Lieu archivé", "4 rue", nil))["id"])
	d := str(createActor(t, e, withAddress("Maison close définitivement", "5 rue", nil))["id"])

	bus := validService(a, "Numéribus — arrêt Belle de Mai")
	extra := obj{"languages": []string{"fr", "ar"}, "fees": []string{"Gratuit sous condition"}, "fees_details": "Adhésion 10 €",
		"pass_numerique": true, "access_modes": []string{"Se présenter"}, "publics": []string{"Seniors"}, "specific_support": []string{"Surdité"},
		"booking_url": "https://rdv.example.fr/bus", "is_full": true, "remote": true, "on_site": true,
		"address": obj{"street": "Place Cadenat", "postal_code": "13003", "commune": "Marseille"}, "latitude": 43.311, "longitude": 5.389}
	for k, v := range extra {
		bus[k] = v
	}
	sa1 := str(createService(t, e, bus)["id"])
	draft := validService(a, "Brouillon")
	draft["status"] = "draft"
	sa2 := str(createService(t, e, draft)["id"])
	sa3 := str(createService(t, e, validService(a, "Archivé"))["id"])
	sb1 := str(createService(t, e, validService(b, "Accompagnement CAF"))["id"])
	sc1 := str(createService(t, e, validService(c, "Du lieu archivé"))["id"])
	sd1 := str(createService(t, e, validService(d, "Du lieu fermé"))["id"])
	for _, p := range []string{"/api/v1/services/" + sa3, "/api/v1/actors/" + c} {
		if r := e.Do(apitest.Request{Method: "DELETE", Path: p, Token: e.Admin}); r.Code != 204 {
			t.Fatalf("DELETE %s: %d %s", p, r.Code, r.Body)
		}
	}
	patchActor(t, e, d, obj{"status": "closed"})
	patchActor(t, e, net, obj{"status": "closed"})
	// A referral with a person's data, to A's bus from a member of the
	// place whose closure is only announced.
	member, _ := e.Account("aidante@carnet.test", map[string]models.Role{later: models.RoleMember}, models.Territory{})
	e.Account("accueil.a@carnet.test", map[string]models.Role{a: models.RoleMember}, models.Territory{}) // A has someone to read it
	p, err := e.Store.LoadPrincipal(ctx, member.ID)
	if err != nil {
		t.Fatal(err)
	}
	ref := models.Referral{FromActorID: later, ToServiceID: sa1, Themes: models.StringList{"Aide aux démarches administratives"},
		PersonFirstName: "Zéphyrine", PersonLastName: "Quelconque", ContactChannel: models.ContactPhone, ContactValue: "06 12 34 56 78", ConsentOn: "2026-01-02", ReferentCommitment: true}
	if err := e.Store.CreateReferral(models.WithPrincipal(ctx, p), &ref); err != nil {
		t.Fatal(err)
	}

	// Everything the view answers, fully nested, without and with a token.
	var bodies []string
	collect := func(path string) obj {
		m, body := hsdsGet(t, e, path)
		bodies = append(bodies, body)
		return m
	}
	services := collect("/api/hsds/v3/services?full=true")
	if got, want := ids(services), []string{sl1, sa1, sb1}; !slices.Equal(got, want) {
		t.Errorf("services %v, want the published services of live places %v", got, want)
	}
	orgs := collect("/api/hsds/v3/organizations?full_service=true")
	if got, want := ids(orgs), []string{a, b, later}; !slices.Equal(got, want) {
		t.Errorf("organizations %v, want the live places %v (not the closed network, the archived or the closed place)", got, want)
	}
	collect("/api/hsds/v3/service_at_locations?full=true")
	svcA := collect("/api/hsds/v3/services/" + sa1)
	orgA := collect("/api/hsds/v3/organizations/" + a)
	svcB := collect("/api/hsds/v3/services/" + sb1)
	collect("/api/hsds/v3/organizations/" + b)
	sal := collect("/api/hsds/v3/service_at_locations/" + hsds.ServiceAtLocationID(sa1))
	for _, id := range []string{sa2, sa3, sc1, sd1} {
		for _, path := range []string{"/api/hsds/v3/services/" + id, "/api/hsds/v3/service_at_locations/" + hsds.ServiceAtLocationID(id)} {
			if code := hsdsStatus(t, e, path); code != 404 {
				t.Errorf("GET %s: %d, want 404 for a draft, an archive or a service of a closed place", path, code)
			}
		}
	}
	for _, id := range []string{net, c, d} {
		if code := hsdsStatus(t, e, "/api/hsds/v3/organizations/"+id); code != 404 {
			t.Errorf("organization %s: %d, want 404", id, code)
		}
	}
	// A token changes nothing, even the structure's own manager's.
	_, mgr := e.Account("manager@carnet.test", map[string]models.Role{a: models.RoleManager}, models.Territory{})
	if r := e.Do(apitest.Request{Method: "GET", Path: "/api/hsds/v3/services/" + sa2, Token: mgr}); r.Code != 404 {
		t.Errorf("a draft with its manager's token: %d", r.Code)
	}

	all := strings.Join(bodies, "\n")
	for _, secret := range []string{"+33491000001", "prive@example.fr", "Zéphyrine", "Quelconque", "Brouillon", "Archivé", "Lieu archivé", "Maison close", "Réseau des médiathèques"} {
		if strings.Contains(all, secret) {
			t.Errorf("the view shows %q", secret)
		}
	}
	for _, public := range []string{"+33491000002", "accueil@example.fr"} {
		if !strings.Contains(all, public) {
			t.Errorf("the view does not show %q, which B published", public)
		}
	}
	if _, ok := orgA["parent_organization_id"]; ok {
		t.Errorf("A points to its closed network: %v", orgA["parent_organization_id"])
	}
	patchActor(t, e, net, obj{"status": "active"})
	if m, _ := hsdsGet(t, e, "/api/hsds/v3/organizations/"+a); m["parent_organization_id"] != net {
		t.Errorf("A's network reopened: parent_organization_id %v", m["parent_organization_id"])
	}

	// B's service: its place is temporarily closed; its contact details are public.
	if svcB["status"] != "temporarily closed" || !strings.Contains(str(svcB["alert"]), "fermé temporairement à partir du "+from+" jusqu’au "+until+" (Travaux)") {
		t.Errorf("B's service: status %v, alert %v", svcB["status"], svcB["alert"])
	}
	if m, _ := hsdsGet(t, e, "/api/hsds/v3/services/"+sl1); m["status"] != "active" || m["alert"] != nil {
		t.Errorf("a service of a place whose closure is only announced: status %v, alert %v", m["status"], m["alert"])
	}
	if svcB["email"] != "accueil@example.fr" || len(svcB["phones"].([]any)) != 1 || len(svcB["contacts"].([]any)) != 1 {
		t.Errorf("B's service: email %v, phones %v, contacts %v", svcB["email"], svcB["phones"], svcB["contacts"])
	}

	// A's bus: its own stop, A's hours as weekly schedules, fees, languages.
	if svcA["status"] != "active" || svcA["alert"] != "Complet pour le moment." {
		t.Errorf("bus: status %v, alert %v", svcA["status"], svcA["alert"])
	}
	if _, ok := svcA["email"]; ok {
		t.Errorf("bus: email %v of a structure that did not publish it", svcA["email"])
	}
	loc := item(item(svcA, "service_at_locations", 0), "location", -1)
	if loc["id"] != hsds.LocationID(sa1) || loc["name"] != "Numéribus — arrêt Belle de Mai" || item(loc, "addresses", 0)["postal_code"] != "13003" {
		t.Errorf("bus location: %v", loc)
	}
	if item(sal, "location", -1)["id"] != loc["id"] || item(sal, "service", -1)["id"] != sa1 {
		t.Errorf("service at location: %v", sal)
	}
	sch := item(svcA, "schedules", 0)
	if len(svcA["schedules"].([]any)) != 1 || sch["byday"] != "MO,TU,WE,TH,FR" || sch["opens_at"] != "09:00:00" || sch["closes_at"] != "12:00:00" ||
		sch["freq"] != "WEEKLY" || sch["notes"] != "Fermé les jours fériés. Heures locales du lieu (fuseau horaire Europe/Paris, heure d’été comprise)." || sch["timezone"] != nil || sch["schedule_link"] != "https://rdv.example.fr/bus" ||
		sch["attending_type"] != "Sur place ou à distance" {
		t.Errorf("bus schedules: %v", svcA["schedules"])
	}
	co := item(svcA, "cost_options", 0)
	if co["option"] != "Gratuit sous condition" || co["amount_description"] != "Adhésion 10 €" ||
		svcA["fees_description"] != "Gratuit sous condition. Adhésion 10 € Pass numérique accepté." {
		t.Errorf("bus fees: %v, %v", svcA["cost_options"], svcA["fees_description"])
	}
	var langs []string
	for _, l := range svcA["languages"].([]any) {
		langs = append(langs, str(l.(obj)["code"])+"="+str(l.(obj)["name"]))
	}
	if strings.Join(langs, " ") != "fr=Français ar=Arabe" {
		t.Errorf("bus languages: %v", langs)
	}
	if svcA["eligibility_description"] != "Publics spécifiquement accueillis : Seniors. Prise en charge spécifique : Surdité." ||
		svcA["application_process"] != "Se présenter ; Prendre rendez-vous en ligne : https://rdv.example.fr/bus" {
		t.Errorf("bus: eligibility %v, application %v", svcA["eligibility_description"], svcA["application_process"])
	}
	attrs := map[string]bool{}
	for _, at := range svcA["attributes"].([]any) {
		attrs[str(at.(obj)["link_type"])+"="+str(at.(obj)["taxonomy_term"].(obj)["code"])] = true
	}
	for _, want := range []string{"themes=aide-aux-demarches-administratives", "service_kinds=procedures-done-with", "fees=gratuit-sous-condition",
		"publics=seniors", "specific_support=surdite", "access_modes=se-presenter", "languages=ar"} {
		if !attrs[want] {
			t.Errorf("bus attributes lack %s: %v", want, attrs)
		}
	}
	// A as an organization: its place and the bus's stop, its SIRET, its typology.
	if n := len(orgA["locations"].([]any)); n != 2 {
		t.Errorf("A has %d locations, want its place and the bus stop", n)
	}
	place := item(orgA, "locations", 0)
	if place["id"] != hsds.LocationID(a) || item(place, "accessibility", 0)["url"] == nil || len(place["schedules"].([]any)) != 1 {
		t.Errorf("A's place: %v", place)
	}
	if oi := item(orgA, "organization_identifiers", 0); oi["identifier_type"] != "SIRET" || oi["identifier"] != "21130055300016" {
		t.Errorf("A's identifiers: %v", orgA["organization_identifiers"])
	}
	if at := item(orgA, "attributes", 0); at["link_type"] != "typologies" || at["link_entity"] != "organization" {
		t.Errorf("A's attributes: %v", orgA["attributes"])
	}
	if _, ok := orgA["phones"]; ok {
		t.Errorf("A's unpublished phones are shown: %v", orgA["phones"])
	}
}

// TestHSDSFilters checks each filter against the same selection computed
// from the full list, on the PACA file.
func TestHSDSFilters(t *testing.T) {
	e := pacaEnv(t)
	// Every service, fully nested, to compute what each filter should keep.
	all := hsdsAll(t, e, "/api/hsds/v3/services?full=true&per_page=200")
	if len(all) != 646 {
		t.Fatalf("%d services", len(all))
	}
	expect := func(name, query string, keep func(s obj) bool) {
		t.Helper()
		var want []string
		for _, s := range all {
			if keep(s) {
				want = append(want, s["id"].(string))
			}
		}
		got := idsOf(hsdsAll(t, e, "/api/hsds/v3/services?per_page=200&"+query))
		if !slices.Equal(got, want) {
			t.Errorf("%s (%s): %d services, want %d", name, query, len(got), len(want))
		}
		if len(want) == 0 || len(want) == len(all) {
			t.Errorf("%s (%s) keeps %d of %d services: not a test of the filter", name, query, len(want), len(all))
		}
		t.Logf("%s: %d of %d services", name, len(want), len(all))
	}
	hasTerm := func(s obj, ids ...string) bool {
		for _, at := range asList(s["attributes"]) {
			if slices.Contains(ids, at.(obj)["taxonomy_term_id"].(string)) {
				return true
			}
		}
		return false
	}
	term := func(vocabulary, value string) string {
		tm, ok := hsds.TermOf(vocabulary, value)
		if !ok {
			t.Fatalf("no term %s/%s", vocabulary, value)
		}
		return tm.ID
	}
	leisure, parenting, paid := term("themes", vocab.ThemeLeisureAndCreation), term("themes", vocab.ThemeParenting), term("fees", "Payant")
	expect("one term", "taxonomy_term_id="+leisure, func(s obj) bool { return hasTerm(s, leisure) })
	expect("any of three terms of two taxonomies", "taxonomy_term_id="+leisure+","+parenting+","+paid,
		func(s obj) bool { return hasTerm(s, leisure, parenting, paid) })

	// An organization's term selects its services.
	orgs := map[string]obj{}
	for _, o := range hsdsAll(t, e, "/api/hsds/v3/organizations?full=true&per_page=200") {
		orgs[o["id"].(string)] = o
	}
	fs := term("national_programmes", "France Services")
	expect("an organization's term", "taxonomy_term_id="+fs, func(s obj) bool { return hasTerm(orgs[s["organization_id"].(string)], fs) })
	publics := hsds.TaxonomyID("publics")
	expect("a taxonomy", "taxonomy_id="+publics, func(s obj) bool {
		for _, at := range asList(s["attributes"]) {
			if at.(obj)["taxonomy_term"].(obj)["taxonomy_id"] == publics {
				return true
			}
		}
		return false
	})
	org := all[10]["organization_id"].(string)
	expect("organization_id", "organization_id="+org, func(s obj) bool { return s["organization_id"] == org })

	// search: every word, case and accents ignored, in the service's name,
	// description or themes, its organization's name, or its city.
	fold := func(s string) string { return strings.ReplaceAll(vocab.Slugify(s), "-", " ") }
	searchable := func(s obj) string {
		parts := []string{str(s["name"]), str(s["description"]), str(s["organization"].(obj)["name"])}
		for _, at := range asList(s["attributes"]) {
			if at.(obj)["link_type"] == "themes" {
				parts = append(parts, str(at.(obj)["taxonomy_term"].(obj)["name"]))
			}
		}
		for _, sl := range asList(s["service_at_locations"]) {
			for _, ad := range asList(sl.(obj)["location"].(obj)["addresses"]) {
				parts = append(parts, str(ad.(obj)["city"]))
			}
		}
		return fold(strings.Join(parts, " | "))
	}
	for _, q := range []string{"Médiathèque", "MEDIATHEQUE", "numérique marseille", "aix", "démarches"} {
		words := strings.Fields(fold(q))
		expect("search "+q, "search="+url.QueryEscape(q), func(s obj) bool {
			text := searchable(s)
			for _, w := range words {
				if !strings.Contains(text, w) {
					return false
				}
			}
			return true
		})
	}

	expect("terms and search together", "taxonomy_term_id="+leisure+"&search=Marseille",
		func(s obj) bool { return hasTerm(s, leisure) && strings.Contains(searchable(s), "marseille") })

	// modified_after: the service or its structure changed since.
	before := time.Now().UTC().Format(time.RFC3339Nano)
	if m, _ := hsdsGet(t, e, "/api/hsds/v3/services?modified_after="+url.QueryEscape(before)); m["total_items"].(float64) != 0 {
		t.Errorf("modified_after now: %v services", m["total_items"])
	}
	target := all[20]
	patchActor(t, e, target["organization_id"].(string), obj{"summary": "Changé"})
	m, _ := hsdsGet(t, e, "/api/hsds/v3/services?modified_after="+url.QueryEscape(before))
	if got := ids(m); len(got) != 1 || got[0] != target["id"] {
		t.Errorf("modified_after a change of the structure: %v, want %v", got, target["id"])
	}
	if m, _ := hsdsGet(t, e, "/api/hsds/v3/services?modified_after=2000-01-01"); m["total_items"].(float64) != 646 {
		t.Errorf("modified_after a date long past: %v", m["total_items"])
	}

	// minimal: everything in one page, four fields each.
	m, _ = hsdsGet(t, e, "/api/hsds/v3/services?minimal=true&per_page=1000")
	if m["size"].(float64) != 646 || m["last_page"] != true {
		t.Errorf("minimal: size %v", m["size"])
	}
	for _, it := range m["contents"].([]any) {
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range it.(obj) {
				if !yield(k) {
					return
				}
			}
		})
		if strings.Join(keys, ",") != "id,last_modified,name,status" {
			t.Fatalf("minimal item: %v", it)
		}
	}
}

// TestHSDSPlaceFilters checks postcode and proximity on services at
// location against the positions of the whole list.
func TestHSDSPlaceFilters(t *testing.T) {
	e := pacaEnv(t)
	all := hsdsAll(t, e, "/api/hsds/v3/service_at_locations?full=true&per_page=200")
	postal := func(s obj) string { return str(item(item(s, "location", -1), "addresses", 0)["postal_code"]) }
	count := func(query string) []string {
		return idsOf(hsdsAll(t, e, "/api/hsds/v3/service_at_locations?per_page=200&"+query))
	}
	var want []string
	for _, s := range all {
		if postal(s) == "13001" {
			want = append(want, s["id"].(string))
		}
	}
	if got := count("postcode=13001"); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("postcode=13001: %d, want %d", len(got), len(want))
	}
	// Proximity: within 3 km of the centre of 13001, Marseille's 1st
	// arrondissement in the commune reference (not the whole city, which
	// lists every Marseille postal code), by the great-circle distance (the
	// server approximates it within 0.5 %).
	c := commune.ByCode("13201")
	if c == nil || !c.HasCentre || !c.HasPostalCode("13001") {
		t.Fatalf("the commune reference has no centre for Marseille 1er: %+v", c)
	}
	lat, lon := c.Lat, c.Lon
	got := count("postcode=13001&proximity=3000")
	inside, outside := 0, 0
	for _, s := range all {
		l := item(s, "location", -1)
		if l["latitude"] == nil {
			continue
		}
		d := haversine(lat, lon, l["latitude"].(float64), l["longitude"].(float64))
		in := slices.Contains(got, s["id"].(string))
		switch {
		case d < 2985 && !in:
			t.Errorf("%s at %.0f m is missing", s["id"], d)
		case d > 3015 && in:
			t.Errorf("%s at %.0f m is kept", s["id"], d)
		}
		if in {
			inside++
		} else {
			outside++
		}
	}
	if inside == 0 || outside == 0 || inside <= len(want) {
		t.Errorf("proximity keeps %d and leaves %d (13001 alone has %d): not a test", inside, outside, len(want))
	}
	t.Logf("postcode=13001: %d services at location; within 3 km of its centre: %d", len(want), inside)
}

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371008.8
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

func asList(x any) []any {
	l, _ := x.([]any)
	return l
}

// TestHSDSBadParameters checks that every bad parameter gets a problem
// naming it, with the CORS header, and that ids that name nothing are 404.
func TestHSDSBadParameters(t *testing.T) {
	e := apitest.New(t)
	a := str(createActor(t, e, validActor("Lieu"))["id"])
	s := str(createService(t, e, validService(a, "Service"))["id"])
	tests := []struct {
		path   string
		status int
		field  string
	}{
		{"/api/hsds/v3/services?page=0", 400, "page"},
		{"/api/hsds/v3/services?page=abc", 400, "page"},
		{"/api/hsds/v3/services?page=1&page=2", 400, "page"},
		{"/api/hsds/v3/services?per_page=0", 400, "per_page"},
		{"/api/hsds/v3/services?per_page=201", 400, "per_page"},
		{"/api/hsds/v3/services?per_page=5001&minimal=true", 400, "per_page"},
		{"/api/hsds/v3/services?minimal=true&full=true", 400, "minimal"},
		{"/api/hsds/v3/services?full=maybe", 400, "full"},
		{"/api/hsds/v3/services?taxonomy_term_id=aide-aux-demarches-administratives", 400, "taxonomy_term_id"},
		{"/api/hsds/v3/services?taxonomy_term_id=" + s, 400, "taxonomy_term_id"},
		{"/api/hsds/v3/services?taxonomy_id=themes", 400, "taxonomy_id"},
		{"/api/hsds/v3/services?organization_id=42", 400, "organization_id"},
		{"/api/hsds/v3/services?modified_after=yesterday", 400, "modified_after"},
		{"/api/hsds/v3/services?format=ndjson", 400, "format"},
		{"/api/hsds/v3/services?q=mediatheque", 400, "q"},
		{"/api/hsds/v3/services?search=" + strings.Repeat("mot+", 11), 400, "search"},
		{"/api/hsds/v3/services?postcode=13001", 400, "postcode"},
		{"/api/hsds/v3/service_at_locations?proximity=1000", 400, "proximity"},
		{"/api/hsds/v3/service_at_locations?postcode=1300", 400, "postcode"},
		{"/api/hsds/v3/service_at_locations?postcode=13001&proximity=-5", 400, "proximity"},
		{"/api/hsds/v3/service_at_locations?postcode=13001&proximity=200000", 400, "proximity"},
		{"/api/hsds/v3/service_at_locations?postcode=13999&proximity=1000", 422, "postcode"},
		{"/api/hsds/v3/organizations?full_service=yes", 400, "full_service"},
		{"/api/hsds/v3/organizations?organization_id=" + a, 400, "organization_id"},
		{"/api/hsds/v3/taxonomy_terms?parent_id=x", 400, "parent_id"},
		{"/api/hsds/v3/taxonomy_terms?taxonomy_id=" + hsds.TaxonomyID("themes") + "," + hsds.TaxonomyID("fees"), 400, "taxonomy_id"},
		{"/api/hsds/v3/services/" + s + "?full=true", 400, "full"},
		{"/api/hsds/v3/?page=1", 400, "page"},
		{"/api/hsds/v3/services/not-an-id", 404, ""},
		{"/api/hsds/v3/services/" + a, 404, ""},
		{"/api/hsds/v3/service_at_locations/" + s, 404, ""},
		{"/api/hsds/v3/service_at_locations/x", 404, ""},
		{"/api/hsds/v3/organizations/" + s, 404, ""},
		{"/api/hsds/v3/taxonomies/" + hsds.TaxonomyID("service_status"), 404, ""},
		{"/api/hsds/v3/taxonomy_terms/" + hsds.TaxonomyID("themes"), 404, ""},
		{"/api/hsds/v3/locations", 404, ""},
	}
	for _, tt := range tests {
		r := e.Do(apitest.Request{Method: "GET", Path: tt.path})
		if r.Code != tt.status || r.Header().Get("Content-Type") != "application/problem+json" || r.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("GET %s: %d %s (ACAO %q), want %d problem", tt.path, r.Code, r.Header().Get("Content-Type"), r.Header().Get("Access-Control-Allow-Origin"), tt.status)
			continue
		}
		if tt.field != "" && !slices.Contains(fields(t, r), tt.field) {
			t.Errorf("GET %s: problem names %v, want %s: %s", tt.path, fields(t, r), tt.field, r.Body)
		}
	}
	// A postal code without any place is located by the commune reference.
	if m, _ := hsdsGet(t, e, "/api/hsds/v3/service_at_locations?postcode=04300&proximity=5000"); m["total_items"].(float64) != 0 {
		t.Errorf("around Forcalquier: %v", m)
	}
	if m, _ := hsdsGet(t, e, "/api/hsds/v3/service_at_locations?postcode=13002&proximity=5000"); m["total_items"].(float64) != 0 {
		t.Errorf("a place without coordinates is at no distance: %v", m)
	}
	patchActor(t, e, a, obj{"latitude": 43.2985, "longitude": 5.3652})
	if m, _ := hsdsGet(t, e, "/api/hsds/v3/service_at_locations?postcode=13002&proximity=1000"); m["total_items"].(float64) != 1 {
		t.Errorf("within 1 km of 13002, the service placed there: %v", m)
	}
	// A page past the end is empty, not an error.
	m, _ := hsdsGet(t, e, "/api/hsds/v3/services?page=9")
	if m["empty"] != true || m["size"].(float64) != 0 || m["total_items"].(float64) != 1 || m["page_number"].(float64) != 9 {
		t.Errorf("page past the end: %v", m)
	}
	// A browser's preflight is answered for any origin.
	r := e.Do(apitest.Request{Method: "OPTIONS", Path: "/api/hsds/v3/services", NotInSpec: true,
		Header: map[string]string{"Origin": "https://annuaire.example.org", "Access-Control-Request-Method": "GET"}})
	if r.Code != 204 || r.Header().Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(r.Header().Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("preflight: %d %v", r.Code, r.Header())
	}
}
