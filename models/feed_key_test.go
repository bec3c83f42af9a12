package models

import (
	"math/rand/v2"
	"testing"
)

// FeedSeqs is a permutation: every seq is shown as one value from 1 to
// MaxFeedSeq+1 and read back from it; 0 is the beginning both ways; values
// outside the range stand for no seq. Consecutive seqs are not shown as
// consecutive values (the gap says nothing).
func TestFeedSeqsPermutation(t *testing.T) {
	f := FeedSeqs{key: []byte("a key of the test")}
	if f.Show(0) != 0 {
		t.Errorf("Show(0) = %d", f.Show(0))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	seen := map[int64]int64{}
	for i := range 20000 {
		seq := int64(i + 1)
		if i >= 10000 {
			seq = 1 + rng.Int64N(MaxFeedSeq)
		}
		v := f.Show(seq)
		if v < 1 || v-1 > MaxFeedSeq {
			t.Fatalf("Show(%d) = %d, out of range", seq, v)
		}
		if back, ok := f.Seq(v); !ok || back != seq {
			t.Fatalf("Seq(Show(%d) = %d) = %d, %v", seq, v, back, ok)
		}
		if other, dup := seen[v]; dup && other != seq {
			t.Fatalf("%d and %d are both shown as %d", other, seq, v)
		}
		seen[v] = seq
	}
	if d := f.Show(2) - f.Show(1); d == 1 || d == -1 {
		t.Errorf("consecutive seqs shown %d apart", d)
	}
	for _, bad := range []int64{-1, MaxFeedSeq + 2, 1<<63 - 1} {
		if _, ok := f.Seq(bad); ok {
			t.Errorf("Seq(%d) accepted", bad)
		}
	}
	if seq, ok := f.Seq(0); !ok || seq != 0 {
		t.Errorf("Seq(0) = %d, %v", seq, ok)
	}
	if g := (FeedSeqs{key: []byte("another key")}); g.Show(1) == f.Show(1) && g.Show(2) == f.Show(2) {
		t.Error("two keys show the same values")
	}
}

// TestFeedSeqsFitJavaScriptNumbers: a feed's values are JSON numbers, and a
// JavaScript client reads them as doubles, exact only up to 2^53: values up
// to 2^62 came back rounded, and the cursor the client sent back stood for
// no seq (400). Every value shown, the largest included, is exact as a
// double.
func TestFeedSeqsFitJavaScriptNumbers(t *testing.T) {
	f := FeedSeqs{key: []byte("a key of the test")}
	const exact = 1 << 53
	if MaxFeedSeq+1 > exact {
		t.Fatalf("values up to %d are shown, above 2^53", int64(MaxFeedSeq)+1)
	}
	for seq := int64(1); seq < 5000; seq++ {
		if v := f.Show(seq); v > exact || int64(float64(v)) != v {
			t.Fatalf("Show(%d) = %d, not exact as a double", seq, v)
		}
	}
}
