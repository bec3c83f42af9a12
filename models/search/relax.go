package search

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"carnet/models/commune"
	"carnet/models/vocab"
)

// relax says, for a request that matched nothing, what relaxing each of its
// hard constraints alone (keeping the others) would give, most results
// first: a helper then knows which constraint to discuss with the person
// (« Aucune à moins de 15 km ; la plus proche est à 48 km »). It runs only
// on empty answers, one filtering pass per constraint.
func (t *table) relax(r *SuggestRequest, maxKM float64, now time.Time, s *scratch) []Relaxation {
	// countWhere counts the relaxed request's candidates that keep
	// holds (nil: all of them).
	countWhere := func(change func(*SuggestRequest), keep func(slot uint32) bool) int {
		rr := *r
		change(&rr)
		n := 0
		t.candidates(&rr, maxKM, now, s, func(slot uint32, _ float64) {
			if keep == nil || keep(slot) {
				n++
			}
		})
		return n
	}
	count := func(change func(*SuggestRequest)) int { return countWhere(change, nil) }
	// nearest runs the request at any distance from p.
	nearest := func(p *Point) (within int, km float64) {
		rr := *r
		rr.Near, rr.InseeCode, rr.PostalCode = p, "", ""
		km = math.Inf(1)
		t.candidates(&rr, math.Inf(1), now, s, func(_ uint32, d float64) {
			if d <= MaxRadiusKM {
				within++
			}
			km = min(km, d)
		})
		return within, km
	}
	var out []Relaxation
	add := func(constraint string, n int, km float64, text string) {
		out = append(out, Relaxation{Constraint: constraint, Matching: n, NearestKM: km, Text: text})
	}
	// then writes the second half of a sentence: what relaxing gives.
	then := func(missing string, n int, relaxed string) string {
		if n == 0 {
			return missing + ", et aucune non plus " + relaxed
		}
		return fmt.Sprintf("%s ; %d %s", missing, n, relaxed)
	}
	placed := !r.RemoteOnly && (r.Near != nil || r.InseeCode != "" || r.PostalCode != "")

	switch {
	case r.RemoteOnly:
	case r.Near != nil:
		if n, km := nearest(r.Near); !math.IsInf(km, 1) {
			text := fmt.Sprintf("Aucune à moins de %s km ; la plus proche est à %s km", strings.TrimSuffix(frenchKM(maxKM), ",0"), frenchKM(km))
			if km > MaxRadiusKM {
				text = tooFar
			} else if n > 1 {
				text += fmt.Sprintf(", et %d sont à moins de %d km", n, MaxRadiusKM)
			}
			add("max_distance_km", n, km, text)
		}
	case r.InseeCode != "" || r.PostalCode != "":
		if c := CommuneCentre(r.InseeCode, r.PostalCode); c != nil {
			if n, km := nearest(c); !math.IsInf(km, 1) {
				text := fmt.Sprintf("Aucune dans cette commune ; la plus proche est à %s km de son centre", frenchKM(km))
				if km > MaxRadiusKM {
					text = "Aucune dans cette commune. " + tooFar
				} else if n > 1 {
					text += fmt.Sprintf(", et %d sont à moins de %d km", n, MaxRadiusKM)
				}
				add("place", n, km, text)
			}
		}
	}
	if r.Free {
		n := count(func(x *SuggestRequest) { x.Free = false })
		add("free", n, math.NaN(), then("Aucune n'est gratuite", n, "en acceptant un service payant"))
	}
	if len(r.When) > 0 {
		n := count(func(x *SuggestRequest) { x.When = nil })
		unknown := countWhere(func(x *SuggestRequest) { x.When = nil }, t.noWeekHours)
		add("when", n, math.NaN(), t.otherTimes(r, n, unknown, count))
	}
	if len(r.Needs) > 0 {
		n := count(func(x *SuggestRequest) { x.Needs = nil })
		missing := "Aucune ne répond à ce besoin"
		if len(r.Needs) > 1 {
			missing = "Aucune ne répond à ces besoins"
		}
		add("needs", n, math.NaN(), then(missing, n, "pour d'autres besoins"))
	}
	if len(r.SpecificSupport) > 0 {
		n := count(func(x *SuggestRequest) { x.SpecificSupport = nil })
		missing := "Aucune ne propose cette prise en charge (" + strings.Join(r.SpecificSupport, ", ") + ")"
		if len(r.SpecificSupport) > 1 {
			missing = "Aucune ne propose toutes ces prises en charge (" + strings.Join(r.SpecificSupport, ", ") + ")"
		}
		add("specific_support", n, math.NaN(), then(missing, n, "sans cette exigence"))
	}
	if len(r.Languages) > 0 {
		n := count(func(x *SuggestRequest) { x.Languages = nil })
		langs := vocab.MustGet(vocab.NameLanguages)
		var names []string
		for _, l := range r.Languages {
			names = append(names, strings.ToLower(langs.Label(l)))
		}
		// Most records declare no language: « dans une autre langue »
		// read as places speaking others (probe 39b M6).
		silent := countWhere(func(x *SuggestRequest) { x.Languages = nil }, func(slot uint32) bool { return len(t.docs[slot].svc.Languages) == 0 })
		missing := "Aucune en " + strings.Join(names, " ou ")
		text := then(missing, n, "dans une autre langue")
		if silent > 0 {
			text = missing + " ; " + languagesRelaxed(n-silent, silent)
		}
		add("languages", n, math.NaN(), text)
	}
	if r.RemoteOnly {
		n := count(func(x *SuggestRequest) { x.RemoteOnly = false })
		relaxed := "sur place"
		if r.Near != nil {
			relaxed = "sur place, à moins de " + strings.TrimSuffix(frenchKM(maxKM), ",0") + " km"
		}
		add("remote_only", n, math.NaN(), then("Aucune à distance", n, relaxed))
	}
	if r.Referrals {
		n := count(func(x *SuggestRequest) { x.Referrals = false })
		add("accepts_referrals", n, math.NaN(), then("Aucune ne prend d'orientation via Carnet", n, "à contacter directement"))
	}
	// Two more that the person did not set but may accept.
	if placed && !r.AcceptRemote {
		if n := count(func(x *SuggestRequest) { x.AcceptRemote = true }); n > 0 {
			add("accept_remote", n, math.NaN(), fmt.Sprintf("%d en acceptant une aide à distance, sans se déplacer", n))
		}
	}
	if n := count(func(x *SuggestRequest) { x.includeFull = true }); n > 0 {
		add("not_full", n, math.NaN(), fmt.Sprintf("%d répondent à tout, mais sont signalées complètes", n))
	}
	slices.SortStableFunc(out, func(a, b Relaxation) int { return b.Matching - a.Matching })
	return out
}

// noWeekHours says a slot opens on no day of the generic week: no hours,
// unreadable ones, or only dated rules.
func (t *table) noWeekHours(slot uint32) bool {
	return !slices.ContainsFunc(OpenOnValues, func(v string) bool { return t.has(slot, FieldOpenOn, v) })
}

// tooFar is the relaxation of distance when the nearest place lies beyond
// the largest max_distance_km: naming it (« la plus proche est à 400,2
// km ») proposed a journey nobody makes (probe 39b L1); nearest_km still
// gives it.
var tooFar = fmt.Sprintf("Aucune à moins de %d km : élargir la distance ne suffit pas", MaxRadiusKM)

// languagesRelaxed says what relaxing the languages gives when silent of
// the places declare no language: those declaring another one apart
// from them.
func languagesRelaxed(other, silent int) string {
	if other == 0 {
		return fmt.Sprintf("%d sans langue indiquée", silent)
	}
	return fmt.Sprintf("%d dans une autre langue, %d sans langue indiquée", other, silent)
}

// otherTimes says what relaxing "when" gives, naming the times that have
// results: « Aucune n'est ouverte le samedi ; 3 le sont en semaine, 4
// sans horaires connus ». unknown of the n places relaxing gives have no
// readable hours.
func (t *table) otherTimes(r *SuggestRequest, n, unknown int, count func(func(*SuggestRequest)) int) string {
	var asked []string
	for _, w := range r.When {
		asked = append(asked, openOnPhrase[w])
	}
	missing := "Aucune n'est ouverte " + strings.Join(asked, " ou ")
	if n == 0 {
		return missing + ", et aucune non plus à d'autres moments"
	}
	type alt struct {
		phrase string
		n      int
	}
	var alts []alt
	for _, g := range []struct {
		phrase string
		values []string
	}{
		{"en semaine", []string{OpenOnMonday, OpenOnTuesday, OpenOnWednesday, OpenOnThursday, OpenOnFriday}},
		{openOnPhrase[OpenOnSaturday], []string{OpenOnSaturday}},
		{openOnPhrase[OpenOnSunday], []string{OpenOnSunday}},
		{openOnPhrase[OpenOnEvening], []string{OpenOnEvening}},
		{openOnPhrase[OpenOnLunchtime], []string{OpenOnLunchtime}},
	} {
		if slices.ContainsFunc(g.values, func(v string) bool { return slices.Contains(r.When, v) }) {
			continue
		}
		if k := count(func(x *SuggestRequest) { x.When = g.values }); k > 0 {
			alts = append(alts, alt{g.phrase, k})
		}
	}
	slices.SortStableFunc(alts, func(a, b alt) int { return b.n - a.n })
	var parts []string
	for i, a := range alts[:min(2, len(alts))] {
		switch {
		case i > 0:
			parts = append(parts, fmt.Sprintf("%d %s", a.n, a.phrase))
		case a.n == 1:
			parts = append(parts, "1 l'est "+a.phrase)
		default:
			parts = append(parts, fmt.Sprintf("%d le sont %s", a.n, a.phrase))
		}
	}
	if unknown > 0 {
		parts = append(parts, fmt.Sprintf("%d sans horaires connus", unknown))
	}
	return missing + " ; " + strings.Join(parts, ", ")
}

// CommuneCentre locates a commune given by INSEE or postal code (the
// commune a postal code stands for, commune.ForPostalCode), from the
// official reference: the point a suggestion's distance is counted from
// when the person is placed so.
func CommuneCentre(insee, postal string) *Point {
	var c *commune.Commune
	if insee != "" {
		c = commune.ByCode(insee)
	} else {
		c = commune.ForPostalCode(postal)
	}
	if c == nil || (c.Lat == 0 && c.Lon == 0) {
		return nil
	}
	return &Point{Lat: c.Lat, Lon: c.Lon}
}
