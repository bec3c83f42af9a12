package openinghours

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkGenericWeekHostile: hours of 1 kB to 1 MB in one cell — many
// rules, one rule of many spans, runs of commas — cost linearly in their
// length (allocations reported; compare the sizes).
func BenchmarkGenericWeekHostile(b *testing.B) {
	for _, size := range []int{1 << 10, 1 << 14, 1 << 20} {
		for name, unit := range map[string]string{
			"rules": "Mo 10:00-12:00; 9-12;", "spans": "11:00-11:00,", "commas": ",,,,,,,,", "empty": "Sa 11:00-11:00;",
		} {
			text := "Mo " + strings.Repeat(unit, size/len(unit))
			b.Run(fmt.Sprintf("%s/%d", name, size), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					GenericWeekText(text)
				}
			})
		}
	}
}
