package opendata

import (
	"slices"
	"strings"
	"sync"
)

// The readings of a place's list cells (its services, publics, fees, access
// and accompaniment modes, typologies…), remembered per cell text: a file
// writes the same few cells on thousands of rows, and reading one — split,
// values looked up in the vocabularies and the tables of older versions,
// readings and warnings written — is a pure function of the column and the
// text (the vocabularies never change while Carnet runs). A remembered
// reading is replayed: the same warnings, readings and values, in the same
// order, as if the cell were read again. The cell itself is still read on
// each row (placeBuilder.cell), whose warnings depend on the row's others.

// listKey names one reading of a cell: how it is read (op), its column and
// vocabulary, and its text.
type listKey struct{ op, column, vocabulary, cell string }

// listValues are the values a cell's reading gives, in the order it gave
// them, per vocabulary.
type listValues []listValue

type listValue struct {
	name string
	vals []string
}

func (l *listValues) add(name string, vals ...string) {
	*l = append(*l, listValue{name, slices.Clone(vals)})
}

// listReading is what reading a cell wrote: its warnings (the row is set
// when replayed), its readings and its values.
type listReading struct {
	issues   []Issue
	readings []RowReading
	values   listValues
}

const (
	// listMemoSize bounds the cells remembered; the memo is emptied when
	// full (a file's list cells take a few hundred texts).
	listMemoSize = 4096
	// listMemoCellBytes: longer cells are read every time (they are rare,
	// and would make the memo heavy).
	listMemoCellBytes = 512
)

var listMemo = struct {
	sync.Mutex
	m   map[listKey]*listReading
	off bool // tests read every cell afresh
}{m: map[listKey]*listReading{}}

// listCell reads a cell with read, on a builder of its own, or replays the
// reading remembered for the same key; each value list goes to use, in the
// order read gave them.
func (b *placeBuilder) listCell(k listKey, read func(*placeBuilder, *listValues), use func(name string, vals []string)) {
	listMemo.Lock()
	r, ok := listMemo.m[k]
	off := listMemo.off
	listMemo.Unlock()
	if !ok {
		s := &placeBuilder{rec: b.rec}
		r = &listReading{}
		read(s, &r.values)
		r.issues, r.readings = s.issues, s.readings
		if !off && len(k.cell) <= listMemoCellBytes {
			// The key's own copy: the cell may share its row's buffer.
			k.cell = strings.Clone(k.cell)
			listMemo.Lock()
			if len(listMemo.m) >= listMemoSize {
				clear(listMemo.m)
			}
			listMemo.m[k] = r
			listMemo.Unlock()
		}
	}
	for _, is := range r.issues {
		is.Row = b.rec.Row
		b.issues = append(b.issues, is)
	}
	b.readings = append(b.readings, r.readings...)
	for _, v := range r.values {
		use(v.name, v.vals)
	}
}
