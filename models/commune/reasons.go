package commune

import "strconv"

// The reasons resolve gives most often, written into a buffer on the stack
// and copied once into their string: through fmt.Sprintf each value was
// boxed into an interface of its own and the postal codes joined apart, some
// 800,000 allocations of a 100,000-place first import, whose places doubt a
// commune name or a postal code (issue 11, item 6). The words are
// fmt's (%q is strconv.Quote; %.1f strconv's 'f' with precision 1):
// TestReasonsAsFmt.

func appendCodes(b []byte, codes []string) []byte {
	for i, c := range codes {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, c...)
	}
	return b
}

func appendKm(b []byte, d float64, prec int) []byte {
	return strconv.AppendFloat(b, d, 'f', prec, 64)
}

// reasonNoCommuneName: "%q is not the name of a current commune; the other
// fields designate %s (%s)".
func reasonNoCommuneName(name string, city *Commune) string {
	var buf [160]byte
	b := strconv.AppendQuote(buf[:0], name)
	b = append(b, " is not the name of a current commune; the other fields designate "...)
	b = append(b, city.Name...)
	b = append(b, " ("...)
	b = append(b, city.Code...)
	b = append(b, ')')
	return string(b)
}

// notePostalCodeNotOf: "postal code %s is not one of %s's (%s)".
func notePostalCodeNotOf(pc string, city *Commune) string {
	var buf [128]byte
	b := append(buf[:0], "postal code "...)
	b = append(b, pc...)
	b = append(b, " is not one of "...)
	b = append(b, city.Name...)
	b = append(b, "'s ("...)
	b = appendCodes(b, city.PostalCodes)
	b = append(b, ')')
	return string(b)
}

// reasonPointNearer: "the point is %.0f km from the centre of %s and %.1f km
// from that of %s (département %s)".
func reasonPointNearer(d float64, city *Commune, dn float64, near *Commune) string {
	var buf [160]byte
	b := append(buf[:0], "the point is "...)
	b = appendKm(b, d, 0)
	b = append(b, " km from the centre of "...)
	b = append(b, city.Name...)
	b = append(b, " and "...)
	b = appendKm(b, dn, 1)
	b = append(b, " km from that of "...)
	b = append(b, near.Name...)
	b = append(b, " (département "...)
	b = append(b, near.Departement...)
	b = append(b, ')')
	return string(b)
}

// reasonCodeElsewhere: "%s is the INSEE code of %s (département %s), but the
// address is in %s (département %s)".
func reasonCodeElsewhere(code string, codeCity, city *Commune) string {
	var buf [160]byte
	b := append(buf[:0], code...)
	b = append(b, " is the INSEE code of "...)
	b = append(b, codeCity.Name...)
	b = append(b, " (département "...)
	b = append(b, codeCity.Departement...)
	b = append(b, "), but the address is in "...)
	b = append(b, city.Name...)
	b = append(b, " (département "...)
	b = append(b, city.Departement...)
	b = append(b, ')')
	return string(b)
}

// reasonOthersPostalCode: "%s is the postal code of %s, not of %s (%s)".
func reasonOthersPostalCode(pc, others string, city *Commune) string {
	var buf [160]byte
	b := append(buf[:0], pc...)
	b = append(b, " is the postal code of "...)
	b = append(b, others...)
	b = append(b, ", not of "...)
	b = append(b, city.Name...)
	b = append(b, " ("...)
	b = appendCodes(b, city.PostalCodes)
	b = append(b, ')')
	return string(b)
}

// reasonCodeAsPostalCode: "%s is the INSEE code of %s, not a postal code
// (%s)".
func reasonCodeAsPostalCode(pc string, city *Commune) string {
	var buf [128]byte
	b := append(buf[:0], pc...)
	b = append(b, " is the INSEE code of "...)
	b = append(b, city.Name...)
	b = append(b, ", not a postal code ("...)
	b = appendCodes(b, city.PostalCodes)
	b = append(b, ')')
	return string(b)
}

// reasonByPoint: "%s; the coordinates place it in %s (%.1f km from its
// centre, the next one %.1f km)", the first %s "no commune name" or "%q
// names none of the communes the other fields allow".
func reasonByPoint(name string, city *Commune, d, next float64) string {
	var buf [192]byte
	b := buf[:0]
	if name == "" {
		b = append(b, "no commune name"...)
	} else {
		b = strconv.AppendQuote(b, name)
		b = append(b, " names none of the communes the other fields allow"...)
	}
	b = append(b, "; the coordinates place it in "...)
	b = append(b, city.Name...)
	b = append(b, " ("...)
	b = appendKm(b, d, 1)
	b = append(b, " km from its centre, the next one "...)
	b = appendKm(b, next, 1)
	b = append(b, " km)"...)
	return string(b)
}
