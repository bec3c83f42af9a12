package search_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/openinghours"
	"carnet/models/search"
	"carnet/models/vocab"
)

// TestSuggestFreeMeansNoPayment: with free, paid-only services are left
// out; conditional and unknown fees are kept, flagged, and ranked lower
// (their score is the one without free times 0.9 or 0.8).
func TestSuggestFreeMeansNoPayment(t *testing.T) {
	_, m, _ := synthetic(t, 800, 2500)
	ctx := context.Background()
	here := search.Point{Lat: 43.2965, Lon: 5.3698}
	base := search.SuggestRequest{Profile: search.ProfileBeginner, MaxDistanceKM: 40, Near: &here, Limit: 50}
	all, err := m.Suggest(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	free := base
	free.Free = true
	res, err := m.Suggest(ctx, free)
	if err != nil {
		t.Fatal(err)
	}
	scoreWithout := map[string]float64{}
	for _, it := range all.Items {
		scoreWithout[it.Service.ID] = it.Score
	}
	kinds := map[string]int{}
	for _, it := range res.Items {
		fees := it.Service.Fees
		codes := reasonCodes(it.Reasons)
		var want float64
		switch {
		case fees.Contains(vocab.FeeFree):
			kinds["free"]++
			want = 1
		case fees.Contains(vocab.FeeFreeUnderCondition):
			kinds["condition"]++
			want = 0.9
			if !slices.Contains(codes, "free_condition") {
				t.Errorf("%s: conditional fees not flagged: %v", it.Service.Name, it.Reasons)
			}
		case len(fees) == 0:
			kinds["unknown"]++
			want = 0.8
			if !slices.Contains(codes, "fees_unknown") {
				t.Errorf("%s: unknown fees not flagged: %v", it.Service.Name, it.Reasons)
			}
		default:
			t.Errorf("%s: paid only (%v), suggested as free", it.Service.Name, fees)
		}
		if s, ok := scoreWithout[it.Service.ID]; ok && math.Abs(it.Score-math.Round(s*want*10)/10) > 0.11 {
			t.Errorf("%s (%v): score %v with free, %v without", it.Service.Name, fees, it.Score, s)
		}
	}
	t.Logf("free answer: %v", kinds)
	if kinds["free"] == 0 {
		t.Error("no free service suggested")
	}
}

func reasonCodes(rs []search.Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

// suitedKinds is what each profile needs, from the issue and the
// WeTechCare profiles: a sentence may say a kind suits a profile only here.
var suitedKinds = map[string][]string{
	search.ProfileExcluded: {vocab.KindProceduresDoneFor},
	search.ProfileBeginner: {vocab.KindTrainingCourse, vocab.KindCollectiveWorkshop},
	search.ProfileHesitant: {vocab.KindOneOffHelp, vocab.KindProceduresDoneWith},
}

// profileWords are what a sentence says of each profile.
var profileWords = map[string]string{
	search.ProfileExcluded: "qu'on fasse pour elle",
	search.ProfileBeginner: "qui veut apprendre",
	search.ProfileHesitant: "coup de pouce",
}

// TestSuggestExplanationsTellTheTruth asks, for every service of the PACA
// import, for suggestions at its own place under every profile, with and
// without free and its opening times, and checks every sentence of every
// suggestion against the record it explains.
func TestSuggestExplanationsTellTheTruth(t *testing.T) {
	_, m := paca(t)
	ctx := context.Background()
	kinds := vocab.MustGet(vocab.NameServiceKinds)
	var services []*models.Service
	for cursor := ""; ; {
		page, err := m.SearchServices(ctx, search.Query{Limit: search.MaxLimit, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range page.Hits {
			services = append(services, h.Item)
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	checked, sentences := map[string]bool{}, 0
	check := func(r search.SuggestRequest, it search.Suggestion) {
		sv := it.Service
		checked[sv.ID] = true
		hours := sv.OpeningHours
		if hours == "" {
			hours = sv.Actor.OpeningHours
		}
		oh, _, _ := openinghours.ParseLenient(hours)
		if r.Free && !sv.Fees.Contains(vocab.FeeFree) && !sv.Fees.Contains(vocab.FeeFreeUnderCondition) && len(sv.Fees) > 0 {
			t.Errorf("%s: fees %v, suggested as free", sv.Name, sv.Fees)
		}
		for _, rs := range it.Reasons {
			sentences++
			text, bad := rs.Text, false
			switch rs.Code {
			case "kind":
				// The sentence names one of the kinds the service is
				// found under (its own, and those its accompaniment
				// modes show), and says nothing of another kind.
				kind := ""
				for _, k := range search.ServiceKinds(sv) {
					if strings.HasPrefix(text, kinds.Label(k)+" : ") {
						kind = k
					}
				}
				bad = kind == ""
				for p, words := range profileWords {
					if strings.Contains(text, words) && (p != r.Profile || !slices.Contains(suitedKinds[p], kind)) {
						bad = true
					}
				}
				if strings.Contains(text, "adapté") && !slices.Contains(suitedKinds[r.Profile], kind) {
					bad = true
				}
				if strings.Contains(text, "à la place") != (kind == vocab.KindProceduresDoneFor) ||
					strings.Contains(text, "faire avec") != (kind == vocab.KindProceduresDoneWith) {
					bad = true
				}
			case "needs":
				need := strings.TrimPrefix(text, "Répond au besoin : ")
				bad = !sv.Themes.Contains(need) || !slices.Contains(r.Needs, need)
			case "need_by_kind":
				// « France Services : répond en principe au besoin
				// « X », sans le déclarer »: a need asked, not declared.
				_, need, _ := strings.Cut(text, "« ")
				need = strings.TrimSuffix(need, " », sans le déclarer")
				bad = sv.Themes.Contains(need) || !slices.Contains(r.Needs, need)
			case "distance":
				bad = it.DistanceKM == nil || text != "À "+strings.Replace(fmt.Sprintf("%.1f", *it.DistanceKM), ".", ",", 1)+" km"
			case "remote":
				bad = !sv.Remote
			case "accompaniment":
				bad = !sv.AccompanimentModes.Contains(text)
			case "access":
				bad = strings.Contains(text, "Sans rendez-vous") != sv.AccessModes.Contains(vocab.AccessWalkIn) && !sv.AccessModes.Contains(vocab.AccessOnlineBooking)
			case "free":
				bad = text != "Gratuit" || !sv.Fees.Contains(vocab.FeeFree)
			case "free_condition":
				bad = !sv.Fees.Contains(vocab.FeeFreeUnderCondition) || sv.Fees.Contains(vocab.FeeFree) || !strings.HasPrefix(text, "Gratuit sous condition")
			case "paid":
				bad = !slices.Equal(sv.Fees, models.StringList{vocab.FeePaid})
			case "fees_unknown":
				bad = len(sv.Fees) > 0 || !r.Free
			case "pass_numerique":
				bad = !sv.PassNumerique
			case "open":
				bad = !openAsSaid(oh, text)
			case "support":
				bad = !sv.SpecificSupport.Contains(strings.TrimPrefix(text, "Prise en charge spécifique : "))
			case "language":
				bad = len(sv.Languages) == 0
			default:
				bad = true
			}
			if bad {
				t.Errorf("%s (%s, fees %v, profile %q): « %s » (%s) is not true of it", sv.Name, sv.Kind, sv.Fees, r.Profile, text, rs.Code)
			}
		}
	}
	for _, sv := range services {
		lat, lon := sv.Latitude, sv.Longitude
		if lat == nil {
			lat, lon = sv.Actor.Latitude, sv.Actor.Longitude
		}
		if lat == nil {
			continue
		}
		here := &search.Point{Lat: *lat, Lon: *lon}
		for i, profile := range append([]string{""}, search.Profiles...) {
			r := search.SuggestRequest{Profile: profile, Near: here, MaxDistanceKM: 1, Limit: search.MaxSuggestions,
				Needs: sv.Themes[:1], Free: i%2 == 0, When: []string{search.OpenOnSaturday, search.OpenOnEvening, search.OpenOnMonday}[i%3:][:1]}
			if i == 3 {
				r.When = nil
			}
			res, err := m.Suggest(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range res.Items {
				check(r, it)
			}
		}
	}
	if len(checked) < len(services)*3/4 {
		t.Errorf("only %d of %d services explained", len(checked), len(services))
	}
	t.Logf("%d sentences about %d of %d services checked", sentences, len(checked), len(services))
}

// openAsSaid checks « Ouvert le samedi », « Ouvert en soirée (après 18 h) »…
// against the hours.
func openAsSaid(h *openinghours.Hours, text string) bool {
	days := map[string]time.Weekday{"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday, "jeudi": time.Thursday,
		"vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday}
	for name, d := range days {
		if text == "Ouvert le "+name {
			return h.OpenOnDay(d)
		}
	}
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	switch {
	case strings.HasPrefix(text, "Ouvert en soirée"):
		return slices.ContainsFunc(weekdays, func(d time.Weekday) bool { return h.OpenBetween(d, 18*60, 24*60) })
	case strings.HasPrefix(text, "Ouvert sans fermer le midi"):
		return slices.ContainsFunc(weekdays, func(d time.Weekday) bool { return h.OpenThrough(d, 12*60+30, 13*60+30) })
	case text == "Ouvert le week-end":
		return h.OpenOnDay(time.Saturday) || h.OpenOnDay(time.Sunday)
	}
	return false
}

// TestSuggestRelaxations: an empty answer says, for each hard constraint,
// what relaxing it alone gives, and the figures are those of the same
// request with that constraint relaxed.
func TestSuggestRelaxations(t *testing.T) {
	_, m := paca(t)
	ctx := context.Background()
	marseille := &search.Point{Lat: 43.2965, Lon: 5.3698}
	alps := &search.Point{Lat: 44.75, Lon: 6.95} // high in the Queyras
	requests := []search.SuggestRequest{
		{Near: alps, MaxDistanceKM: 5, Needs: []string{vocab.ThemeAdministrativeProcedures}},
		{Near: marseille, MaxDistanceKM: 2, When: []string{search.OpenOnSunday}, Free: true},
		{Near: marseille, MaxDistanceKM: 4, When: []string{search.OpenOnSunday}, Needs: []string{vocab.ThemeAdministrativeProcedures}},
		{Near: marseille, MaxDistanceKM: 3, Languages: []string{"ar"}, SpecificSupport: []string{vocab.SupportDeafness}},
		{Near: marseille, RemoteOnly: true, Needs: []string{vocab.ThemeSolidarityEquipment}},
		{PostalCode: "05350", Free: true},
	}
	for _, r := range requests {
		res, err := m.Suggest(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if res.Matching != 0 {
			t.Errorf("%+v: %d match; the test wants an empty answer", r, res.Matching)
			continue
		}
		if len(res.Relaxations) == 0 {
			t.Errorf("%+v: empty answer without relaxations", r)
		}
		for i, rx := range res.Relaxations {
			if i > 0 && rx.Matching > res.Relaxations[i-1].Matching {
				t.Errorf("not ordered: %+v", res.Relaxations)
			}
			rr, want := r, rx.Matching
			switch rx.Constraint {
			case "max_distance_km", "place":
				rr.MaxDistanceKM = search.MaxRadiusKM
				if rx.Constraint == "place" {
					rr.Near, rr.PostalCode = nearPostal(r.PostalCode), ""
				}
				if !strings.Contains(rx.Text, "la plus proche est à "+strings.Replace(fmt.Sprintf("%.1f", math.Round(rx.NearestKM*10)/10), ".", ",", 1)+" km") {
					t.Errorf("text %q, nearest %v", rx.Text, rx.NearestKM)
				}
				// The nearest is just beyond the limit asked, and the
				// one found with the limit raised to it.
				rr2 := rr
				rr2.MaxDistanceKM, rr2.Limit = math.Min(search.MaxRadiusKM, math.Ceil(rx.NearestKM*10)/10+0.05), 1
				if got, _ := m.Suggest(ctx, rr2); rx.NearestKM <= search.MaxRadiusKM && (len(got.Items) == 0 || got.Matching == 0) {
					t.Errorf("%s: nearest at %v km, nothing with max_distance_km %v", rx.Constraint, rx.NearestKM, rr2.MaxDistanceKM)
				}
			case "free":
				rr.Free = false
			case "when":
				rr.When = nil
			case "needs":
				rr.Needs = nil
			case "languages":
				rr.Languages = nil
			case "specific_support":
				rr.SpecificSupport = nil
			case "remote_only":
				rr.RemoteOnly = false
			case "accept_remote":
				rr.AcceptRemote = true
			case "not_full":
				continue // full services cannot be asked for
			default:
				t.Errorf("unknown constraint %q", rx.Constraint)
			}
			got, err := m.Suggest(ctx, rr)
			if err != nil {
				t.Fatal(err)
			}
			if got.Matching != want {
				t.Errorf("%+v relaxed %s: says %d, the request gives %d (%q)", r, rx.Constraint, want, got.Matching, rx.Text)
			}
			if rx.Text == "" || (want > 0 && !strings.Contains(rx.Text, fmt.Sprint(want))) && rx.Constraint != "when" {
				t.Errorf("%s: text %q for %d", rx.Constraint, rx.Text, want)
			}
			t.Logf("%s: %s", rx.Constraint, rx.Text)
		}
	}
}

// nearPostal is the centre of a postal code's first commune, as the engine
// takes it.
func nearPostal(pc string) *search.Point {
	c := commune.ByPostalCode(pc)[0]
	return &search.Point{Lat: c.Lat, Lon: c.Lon}
}
