package search

import "math/bits"

// bitset is a set of slots as plain words. The directory's filters are
// dense (a theme covers a third of the services), and a national directory
// has ~10⁵ slots, so one bitset is ~12 KiB and AND/OR/popcount over it take
// a few microseconds: simpler and faster here than a compressed bitmap
// library, whose strength is sparse sets we keep elsewhere (sorted slot
// lists per commune). Bitsets grow on set; missing words read as zero.
type bitset []uint64

func (b *bitset) set(i uint32) {
	w := int(i >> 6)
	if w >= len(*b) {
		n := make(bitset, max(w+1, 2*len(*b)))
		copy(n, *b)
		*b = n
	}
	(*b)[w] |= 1 << (i & 63)
}

func (b bitset) clear(i uint32) {
	if w := int(i >> 6); w < len(b) {
		b[w] &^= 1 << (i & 63)
	}
}

func (b bitset) has(i uint32) bool {
	w := int(i >> 6)
	return w < len(b) && b[w]&(1<<(i&63)) != 0
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// andCount returns |b ∩ o| without building the intersection: a facet
// count.
func (b bitset) andCount(o bitset) int {
	n := 0
	for i := range min(len(b), len(o)) {
		n += bits.OnesCount64(b[i] & o[i])
	}
	return n
}

// orInto sets dst |= b, dst being at least as long as b.
func (b bitset) orInto(dst bitset) {
	for i := range min(len(b), len(dst)) {
		dst[i] |= b[i]
	}
}

// andWith sets dst &= b; words of dst past b's end become zero.
func (b bitset) andWith(dst bitset) {
	n := min(len(b), len(dst))
	for i := range n {
		dst[i] &= b[i]
	}
	clear(dst[n:])
}

// andNotWith sets dst &^= b.
func (b bitset) andNotWith(dst bitset) {
	for i := range min(len(b), len(dst)) {
		dst[i] &^= b[i]
	}
}

// each calls fn with every member in increasing order until fn returns false.
func (b bitset) each(fn func(uint32) bool) {
	for wi, w := range b {
		for w != 0 {
			t := bits.TrailingZeros64(w)
			if !fn(uint32(wi<<6 | t)) {
				return
			}
			w &= w - 1
		}
	}
}
