package contact

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestMetropolitanNumberAsLibphonenumber checks that wherever the fast
// reading answers, libphonenumber's reading (parsePhone) gives the same
// number: on every three-digit prefix of a nine-digit national number, its
// lowest and highest suffixes and random ones, in each shape and each
// region of a postal code. It also checks that the fast reading does answer
// for the usual shapes, and that NormalizePhone returns what parsePhone
// does.
func TestMetropolitanNumberAsLibphonenumber(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 6))
	postals := []string{"75001", "", "13500", "97100", "97200", "97300", "97400", "97500", "97600", "97133", "97150", "98600", "98714", "98800"}
	shapes := []func(nsn string) string{
		func(n string) string { return "0" + n },
		func(n string) string { return "+33" + n },
		func(n string) string { return "0033" + n },
		func(n string) string {
			return fmt.Sprintf("0%s %s %s %s %s", n[:1], n[1:3], n[3:5], n[5:7], n[7:])
		},
		func(n string) string { return "+33 (0)" + n },
		func(n string) string { return "+33 0" + n },
		func(n string) string { return "0" + n[:8] },    // a digit short
		func(n string) string { return "0" + n + "1" },  // a digit over
		func(n string) string { return "+330" + n[:8] }, // the trunk 0 after +33
	}
	fast, checked := 0, 0
	for p := 0; p < 1000; p++ {
		suffixes := []int{0, 999999}
		for range 3 {
			suffixes = append(suffixes, r.IntN(1000000))
		}
		for _, sfx := range suffixes {
			nsn := fmt.Sprintf("%03d%06d", p, sfx)
			for _, shape := range shapes {
				s := shape(nsn)
				postal := postals[r.IntN(len(postals))]
				compact, ok := compactPhone(s)
				if !ok {
					t.Fatalf("%q: not compacted", s)
				}
				region := PhoneRegionForPostalCode(postal)
				international := compact[0] == '+' || compact[:2] == "00"
				want, wantErr := parsePhone(s, compact, region, international)
				if got, ok := metropolitanNumber(compact, region); ok {
					fast++
					if wantErr != nil || got != want {
						t.Errorf("%q at %q: fast %q, libphonenumber %q, %v", s, postal, got, want, wantErr)
					}
				}
				if _, spm := saintPierreNational(compact); spm {
					// 05 08 is Saint-Pierre-et-Miquelon's, which
					// libphonenumber reads as France's (TestNormalizePhone).
					checked++
					continue
				}
				if checked%7 != 0 {
					checked++
					continue
				}
				got, gotErr := NormalizePhone(s, postal)
				if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Errorf("%q at %q: NormalizePhone %q, %v; libphonenumber %q, %v", s, postal, got, gotErr, want, wantErr)
				}
				checked++
			}
		}
	}
	t.Logf("%d numbers, %d read by the fast path", checked, fast)
	for _, s := range []string{"01 23 45 67 89", "+33 1 23 45 67 89", "0033 1 23 45 67 89", "06.12.34.56.78", "+33492314387", "09 72 12 34 56", "07 81 23 45 67"} {
		compact, _ := compactPhone(s)
		if _, ok := metropolitanNumber(compact, "FR"); !ok {
			t.Errorf("%q: not read by the fast path", s)
		}
	}
}

// The fast path answers +33 without the overseas reading: no block the
// overseas reading may move may open a range the fast path takes.
func TestFastRangesHoldNoOverseasBlock(t *testing.T) {
	for block := range overseasBlocks {
		if len(block) == 3 && openFrenchRange(block[0], block[1]) {
			t.Errorf("block 0%s… is in an overseas plan but openFrenchRange takes it as metropolitan", block)
		}
	}
}
