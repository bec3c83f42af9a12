package commune

import (
	"fmt"
	"slices"
	"strings"
)

// Unread says why a value typed or sent as a commune designates no commune
// or several: what Read could not settle, for the caller to refuse naming
// the field (400 for a filter, 422 for a coordinator's territory).
type Unread struct {
	Value string
	// Departement is the value read as a département's code (« 13 »),
	// which the caller takes elsewhere.
	Departement string
	// CEDEX: the value is a postal code of a département's numbers that
	// no commune has: a CEDEX code (a company's or an administration's
	// mail office), which the reference does not list.
	CEDEX bool
	// Candidates are the communes a name designates when several do, the
	// most populated first; Elsewhere the départements the request gave,
	// when none of them is there.
	Candidates []*Commune
	Elsewhere  []string
	// INSEE and Postal: the value is the INSEE code of INSEE and the
	// postal code of Postal (CodeClash), a write must say which.
	INSEE  *Commune
	Postal []*Commune
	// Explicit: the value was written insee:CODE or postal:CODE and CODE
	// is no such code.
	Explicit string
}

// Read is what a value typed or sent as a commune designates, the one
// reading of the commune filter of lists and search and of a
// coordinator's or a webhook's communes, so that the same words name the
// same communes on every route: a code as FindCode reads it (a current
// INSEE code, a postal code's communes, a former code's commune; the
// placeholder postal code of Paris, Lyon or Marseille as the city), else a
// name as Find reads it (deps, the départements given beside it, settle a
// shared name). Exactly one of the results is set.
//
// A code written insee:CODE or postal:CODE is read that way only; a bare
// code that is both one commune's INSEE code and another's postal code
// (CodeClash) is not read: the Unread names both readings (a write refuses
// it; the filter reads both, see handlers' communeCodes).
func Read(value string, deps []string) ([]*Commune, *Unread) {
	v := strings.TrimSpace(value)
	for _, x := range []struct {
		prefix string
		read   func(string) []*Commune
	}{{INSEEPrefix, byINSEEValue}, {PostalPrefix, byPostalValue}} {
		if len(v) > len(x.prefix) && strings.EqualFold(v[:len(x.prefix)], x.prefix) {
			if cs := x.read(strings.ToUpper(strings.TrimSpace(v[len(x.prefix):]))); len(cs) > 0 {
				return cs, nil
			}
			return nil, &Unread{Value: v, Explicit: x.prefix}
		}
	}
	if c, pcs := CodeClash(v); c != nil {
		return nil, &Unread{Value: v, INSEE: c, Postal: pcs}
	}
	if cs := FindCode(v); len(cs) > 0 {
		return cs, nil
	}
	cs := Find(v, deps)
	switch {
	case len(cs) == 1:
		return cs, nil
	case len(cs) > 1:
		u := &Unread{Value: v, Candidates: cs}
		if len(deps) > 0 && !slices.ContainsFunc(cs, func(c *Commune) bool { return slices.Contains(deps, c.Departement) }) {
			u.Elsewhere = deps
		}
		return nil, u
	}
	u := &Unread{Value: v}
	if dep := strings.ToUpper(v); len(dep) <= 3 && KnownDepartement(dep) {
		u.Departement = dep
	} else if len(dep) == 1 && dep[0] >= '1' && dep[0] <= '9' {
		u.Departement = "0" + dep
	}
	if len(v) == 5 && strings.Trim(v, "0123456789") == "" && NotFrenchPostalCode(v) == "" && departementOfPostalCode(v) != "" {
		u.CEDEX = true
	}
	return nil, u
}

// Message says why, in the API's words; dep writes a département the way
// the caller takes one (departement=13 for a filter, "13" in
// coordinator.departements for a territory).
func (u *Unread) Message(dep func(code string) string) string {
	v := clipValue(u.Value)
	switch {
	case u.INSEE != nil:
		names := make([]string, 0, 5)
		for _, c := range u.Postal[:min(len(u.Postal), 5)] {
			names = append(names, c.Code+" ("+c.Name+", "+c.Departement+")")
		}
		return fmt.Sprintf("%q is the INSEE code of %s (%s, %s) and the postal code of %s: write %q for the first, %q for the second, or the commune's name",
			v, u.INSEE.Code, u.INSEE.Name, u.INSEE.Departement, strings.Join(names, ", "), INSEEPrefix+v, PostalPrefix+v)
	case u.Explicit == INSEEPrefix:
		return fmt.Sprintf("%q: %q is no commune's INSEE code, current or former (see /api/v1/communes?q=)", v, clipValue(strings.TrimSpace(u.Value[len(u.Explicit):])))
	case u.Explicit != "":
		return fmt.Sprintf("%q: %q is no commune's postal code (see /api/v1/communes?q=)", v, clipValue(strings.TrimSpace(u.Value[len(u.Explicit):])))
	case len(u.Candidates) > 0:
		cs := u.Candidates
		codes := make([]string, 0, 5)
		for _, c := range cs[:min(len(cs), 5)] {
			codes = append(codes, c.Code+" ("+c.Name+", "+c.Departement+")")
		}
		if len(u.Elsewhere) > 0 {
			// The département was given: asking for it again said
			// nothing (« Saint-Denis » with departement=75).
			return fmt.Sprintf("%q names no commune of département %s, but %d elsewhere: %s…",
				v, strings.Join(u.Elsewhere, ", "), len(cs), strings.Join(codes, ", "))
		}
		return fmt.Sprintf("%q names %d communes; give the INSEE code or the département (%s, or « %s (%s) »): %s…",
			v, len(cs), dep(cs[0].Departement), v, cs[0].Departement, strings.Join(codes, ", "))
	case u.Departement != "":
		return fmt.Sprintf("%q is a département: write %s", v, dep(u.Departement))
	case u.CEDEX:
		return fmt.Sprintf("%q is the postal code of no commune: a CEDEX code of département %s (a company's or an administration's mail office), which the commune reference does not list; give the commune's name, postal code or INSEE code (see /api/v1/communes?q=)",
			v, departementOfPostalCode(v))
	}
	return fmt.Sprintf("%q is neither an INSEE code, a postal code nor the name of a commune (see /api/v1/communes?q=)", v)
}

// clipValue shortens a value quoted in a message.
func clipValue(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
