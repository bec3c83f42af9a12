package opendata

import (
	"fmt"
	"strings"
	"testing"
)

// Hostile input on the new formats' paths: the cost must grow with the
// input at most linearly (allocations reported; compare the sizes).

// BenchmarkHostileHoursCell: one row of Mednum BFC with a single half-day
// cell of 1 MB (« 8h30-12h » repeated, and a cell of dashes).
func BenchmarkHostileHoursCell(b *testing.B) {
	for _, size := range []int{1 << 10, 1 << 14, 1 << 20} {
		for name, unit := range map[string]string{"spans": "8h30-12h ", "dashes": "- ", "nodigit": "h"} {
			cell := strings.Repeat(unit, size/len(unit))
			csv := "bfc_id;nom_structure;code_typo;code_accomp;lundi matin;lundi après-midi\nb1;X;I;RDV;" + cell + ";14h-17h\n"
			b.Run(fmt.Sprintf("%s/%d", name, size), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					rd, err := NewReader(strings.NewReader(csv), FormatCSV)
					if err != nil {
						b.Fatal(err)
					}
					rec, err := rd.Next()
					if err != nil {
						b.Fatal(err)
					}
					_ = ToPlace(rec, "bench")
				}
			})
		}
	}
}

// BenchmarkHostileNestedKeys: a place of a nested format (Res-in) whose
// « categories » object has n keys: refused past MaxColumns once
// flattened, after decoding and flattening it once (linear).
func BenchmarkHostileNestedKeys(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		var sb strings.Builder
		sb.WriteString(`[{"_id":"r1","structureName":"X","contactPhone":"1","structureType":{"name":"x"},"address":{"postcode":"69002","commune":"Lyon"},"categories":{`)
		for i := range n {
			if i > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, `"k%d":["v"]`, i)
		}
		sb.WriteString(`}}]`)
		js := sb.String()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rd, err := NewReader(strings.NewReader(js), FormatJSON)
				if err != nil {
					b.Fatal(err)
				}
				rec, err := rd.Next()
				if err == nil {
					_ = ToPlace(rec, "bench")
				}
			}
		})
	}
}
