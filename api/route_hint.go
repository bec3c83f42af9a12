package api

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"carnet/models/editdist"
)

// routeIndex holds the documented routes, to tell a client whose request
// matched none what it most likely meant. Integrators guess paths before
// they read a document — a trailing slash, the version left out or
// another one, a singular, the search at /api/v1/search — and a bare « no
// route » sends them to the documentation for a one-character mistake.
// The routes come from openapi.yaml, which is public: a hint names nothing
// the document does not.
type routeIndex struct {
	routes []routePattern
}

type routePattern struct {
	method string
	segs   []string // a segment starting with ':' matches any one segment
}

func newRouteIndex(ops map[string]declared) *routeIndex {
	ix := &routeIndex{}
	for key := range ops {
		method, path, ok := strings.Cut(key, " ")
		if !ok || !strings.HasPrefix(path, "/api/") {
			continue
		}
		ix.routes = append(ix.routes, routePattern{method: method, segs: splitPath(path)})
	}
	sort.Slice(ix.routes, func(i, j int) bool {
		a, b := strings.Join(ix.routes[i].segs, "/"), strings.Join(ix.routes[j].segs, "/")
		if a != b {
			return a < b
		}
		return ix.routes[i].method < ix.routes[j].method
	})
	return ix
}

func splitPath(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// versionPrefix is what clients put before the resource instead of
// /api/v1: another version, or part of it.
var versionPrefix = regexp.MustCompile(`^(?:/api)?(?:/v[0-9]+(?:\.[0-9]+)*)?(?:/api)?(/|$)`)

// hint returns a sentence for the problem's detail, or "".
func (ix *routeIndex) hint(method, path string) string {
	if ix == nil || len(path) > 512 {
		return ""
	}
	segs := splitPath(path)
	if len(segs) == 0 || len(segs) > 12 {
		return ""
	}
	// The path as written (trailing and doubled slashes dropped), then
	// with /api/v1 in place of whatever stood before the resource.
	candidates := [][]string{segs}
	if rest := versionPrefix.ReplaceAllString(path, "/"); !strings.HasPrefix(path, "/api/v1/") || rest == path {
		if s := splitPath(rest); len(s) > 0 {
			candidates = append(candidates, append([]string{"api", "v1"}, s...))
		}
	}
	for _, c := range candidates {
		if h := ix.exact(method, c); h != "" {
			return h
		}
	}
	for _, c := range candidates {
		if h := ix.under(method, c); h != "" {
			return h
		}
	}
	for _, c := range candidates {
		if h := ix.near(method, c); h != "" {
			return h
		}
	}
	return ""
}

// match reports whether segs fit the pattern; fuzzy lets each fixed
// segment be up to two edits away (case ignored), and returns the total.
func (r routePattern) match(segs []string, fuzzy bool) (int, bool) {
	if len(segs) != len(r.segs) {
		return 0, false
	}
	edits := 0
	for i, s := range r.segs {
		if strings.HasPrefix(s, ":") {
			continue
		}
		if segs[i] == s {
			continue
		}
		if !fuzzy {
			return 0, false
		}
		d := editdist.Bounded(strings.ToLower(segs[i]), s, 2)
		if d > 2 || d > len(s)/3 {
			return 0, false
		}
		edits += d
	}
	return edits, true
}

// concrete writes the pattern with the request's own values in place of
// its parameters.
func (r routePattern) concrete(segs []string) string {
	out := make([]string, len(r.segs))
	for i, s := range r.segs {
		out[i] = s
		if strings.HasPrefix(s, ":") {
			out[i] = segs[i]
		}
	}
	return "/" + strings.Join(out, "/")
}

// slashed names the parameters of r whose values in segs hold an encoded
// slash, with their values.
func (r routePattern) slashed(segs []string) []string {
	var out []string
	for i, s := range r.segs {
		if p, ok := strings.CutPrefix(s, ":"); ok && strings.Contains(strings.ToUpper(segs[i]), "%2F") {
			out = append(out, fmt.Sprintf("{%s} is %s", p, clipPath(segs[i])))
		}
	}
	return out
}

// exact: the candidate is a route; say which methods it allows when not
// this one. When the request's own path, as sent, is the route (a
// parameter's value holds an encoded slash, %2F, which the router decodes
// and which splits the path), suggesting it would name the very request:
// say which parameter cannot hold it instead.
func (ix *routeIndex) exact(method string, segs []string) string {
	var methods []string
	path := ""
	for _, r := range ix.routes {
		if _, ok := r.match(segs, false); ok {
			if params := r.slashed(segs); len(params) > 0 {
				return fmt.Sprintf("A path parameter cannot hold a slash, even encoded as %%2F: %s.", strings.Join(params, "; "))
			}
			if r.method == method {
				return fmt.Sprintf("Did you mean %s %s?", method, r.concrete(segs))
			}
			methods = append(methods, r.method)
			path = r.concrete(segs)
		}
	}
	if len(methods) > 0 {
		return fmt.Sprintf("Did you mean %s (it allows %s)?", path, strings.Join(slices.Compact(slices.Sorted(slices.Values(methods))), ", "))
	}
	return ""
}

// under: the candidate is the beginning of routes (/api/v1/search): list
// them, this method's first.
func (ix *routeIndex) under(method string, segs []string) string {
	var same, other []string
	for _, r := range ix.routes {
		if len(r.segs) <= len(segs) {
			continue
		}
		if _, ok := (routePattern{segs: r.segs[:len(segs)]}).match(segs, false); !ok {
			continue
		}
		p := r.method + " /" + strings.Join(r.segs, "/")
		if r.method == method {
			same = append(same, p)
		} else {
			other = append(other, p)
		}
	}
	all := append(same, other...)
	if len(all) == 0 {
		return ""
	}
	more := ""
	if len(all) > 6 {
		more = fmt.Sprintf(" and %d more", len(all)-6)
		all = all[:6]
	}
	return fmt.Sprintf("Routes under it: %s%s (see /openapi.yaml).", strings.Join(all, ", "), more)
}

// near: one route within a few edits (singular for plural, a typo), for
// this method.
func (ix *routeIndex) near(method string, segs []string) string {
	best, bestEdits, ties := -1, 1<<30, 0
	for i, r := range ix.routes {
		if r.method != method {
			continue
		}
		edits, ok := r.match(segs, true)
		switch {
		case !ok:
		case edits < bestEdits:
			best, bestEdits, ties = i, edits, 0
		case edits == bestEdits:
			ties++
		}
	}
	if best < 0 || ties > 0 {
		return ""
	}
	return fmt.Sprintf("Did you mean %s %s?", method, ix.routes[best].concrete(segs))
}
