package api_test

import (
	"math"
	"reflect"
	"testing"
)

// TestReferralStatsDifferencingGivesNothingBack: small cells are withheld
// within one answer, but two answers over populations one referral apart
// (before and after it, windows a day apart, a territory and one of its
// structures) differed by exactly that referral: its status, its themes,
// its two structures. Protected counts are now perturbed by their cell
// keys: within ±2 of the truth, the same answer for the same referrals, and
// the step from one population to the next is no longer exactly one.
func TestReferralStatsDifferencingGivesNothingBack(t *testing.T) {
	w := newReferralWorld(t)
	for range 5 {
		w.send(t)
	}
	const steps = 24
	var totals, sent []float64
	for i := range steps {
		st := statsOf(t, w, w.coord, "")
		if again := statsOf(t, w, w.coord, ""); !reflect.DeepEqual(st, again) {
			t.Fatalf("the same referrals answered twice differently (asking again would average the noise out):\n%v\n%v", st, again)
		}
		n := float64(5 + i)
		for name, got := range map[string]any{"total": st["total"], "by_status.sent": st["by_status"].(map[string]any)["sent"]} {
			v, ok := got.(float64)
			if !ok || math.Abs(v-n) > 2 || v < 5 {
				t.Fatalf("step %d: %s %v, want within 2 of %v and at least 5", i, name, got, n)
			}
		}
		if d := st["disclosure"].(map[string]any); d["noise"] != float64(2) {
			t.Errorf("disclosure %v, want noise 2", d)
		}
		totals = append(totals, st["total"].(float64))
		sent = append(sent, st["by_status"].(map[string]any)["sent"].(float64))
		if exact := statsOf(t, w, w.e.Admin, ""); exact["total"] != n || exact["disclosure"].(map[string]any)["noise"] != float64(0) {
			t.Fatalf("administrator: total %v, disclosure %v, want exact %v", exact["total"], exact["disclosure"], n)
		}
		w.send(t)
	}
	for name, series := range map[string][]float64{"total": totals, "sent": sent} {
		ones := 0
		for i := 1; i < len(series); i++ {
			if series[i]-series[i-1] == 1 {
				ones++
			}
		}
		// With independent noise a step shows exactly +1 about one time in
		// four; every one of 23 steps doing so has odds under 1e-13.
		if ones == len(series)-1 {
			t.Errorf("%s: every referral added moved the count by exactly one (%v): a subtraction gives each back", name, series)
		}
	}
}
