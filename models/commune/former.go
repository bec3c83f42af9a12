package commune

import (
	"slices"
	"strings"
)

// FormerNames returns the names of c's former, delegated and associated
// communes other than c's own (« Seynod », « Cran-Gevrier »… for Annecy;
// « Cheux » for Thue et Mue), as the COG publishes them, each once; nil
// for a commune that has none. A merged commune's name goes on naming its
// place in addresses and in the names of what stands there.
func FormerNames(c *Commune) []string {
	if c == nil {
		return nil
	}
	own := Key(c.Name)
	var out []string
	for _, n := range get().formerNames[c] {
		if k := Key(n); k != own && !slices.ContainsFunc(out, func(o string) bool { return Key(o) == k }) {
			out = append(out, strings.TrimSpace(n))
		}
	}
	return out
}
