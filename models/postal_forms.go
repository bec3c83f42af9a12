package models

import (
	"regexp"
	"strings"

	"carnet/models/commune"
)

// postalForm is a postal code written as on an envelope or a form rather
// than as five digits: a space inside (« 13 001 », as La Poste's own
// publications group them), a country's prefix (« F-13001 », « FR 13001 »,
// « France 13001 »), CEDEX and its office number after it (« 13344
// CEDEX », « 13344 Cedex 20 »), or the commune after it (« 13001
// Marseille »). Group 1 and 2 are the digits, group 3 what follows.
var postalForm = regexp.MustCompile(`(?i)^(?:(?:f|fr|france)[\s\x{a0}\x{202f}]*[-–]?[\s\x{a0}\x{202f}]*)?([0-9]{2})[\s\x{a0}\x{202f}\x{2009}]?([0-9]{3})(?:[\s\x{a0}\x{202f},]+(.*?))?$`)

// cedexSuffix is « CEDEX », with its office number, after a commune;
// cedexOnly is it alone, after a postal code.
var (
	cedexSuffix = regexp.MustCompile(`(?i)[\s\x{a0}]+c[eé]dex(?:[\s\x{a0}]*[0-9]{1,2})?$`)
	cedexOnly   = regexp.MustCompile(`(?i)^c[eé]dex(?:[\s\x{a0}]*[0-9]{1,2})?$`)
	// countrySuffix is the country after a code or its commune (« 13001
	// France », « 13001 Marseille, France »), as address lines end.
	countrySuffix = regexp.MustCompile(`(?i)(?:^|[\s\x{a0},]+)(?:france|fr)$`)
	// arrondissement is an arrondissement's number after its city
	// (« Marseille 1er », « MARSEILLE 01 », « Paris 15e »).
	arrondissement = regexp.MustCompile(`(?i)^(.*?)[\s\x{a0}]+[0-9]{1,2}(?:er|e|ème|eme)?$`)
)

// readPostalCode reads the forms of postalForm as their five digits, on
// every path that writes an address (API writes, suggestions, syncs; the
// file import reads the same forms in its own cells, with a warning):
// what a partner's form or an envelope says is the code, and the record
// was refused with 422 through the API where the import kept it. The
// commune after the code must be the address's (it fills an empty commune,
// as the import does); any other text — « 13001 Nice » written with
// Marseille, a phone number, a code of four or six digits — is left as
// written, for Validate to refuse. It returns the code as read and
// whether it read one of these forms.
func readPostalCode(a *Address) bool {
	pc := a.PostalCode
	if len(pc) == 5 || pc == "" {
		return false // five digits, or a shape no form here has
	}
	m := postalForm.FindStringSubmatch(pc)
	if m == nil {
		return false
	}
	rest := strings.TrimSpace(countrySuffix.ReplaceAllString(strings.TrimSpace(m[3]), ""))
	if rest != "" && !cedexOnly.MatchString(rest) {
		name := text(cedexSuffix.ReplaceAllString(rest, ""))
		if m := arrondissement.FindStringSubmatch(name); m != nil && a.Commune != "" && sameCommuneName(m[1], a.Commune) {
			name = m[1] // the city's arrondissement: the address's commune
		}
		switch {
		case strings.ContainsAny(name, "0123456789"):
			return false
		case a.Commune == "":
			a.Commune = name
		case !sameCommuneName(name, a.Commune):
			return false
		}
	}
	a.PostalCode = m[1] + m[2]
	return true
}

// sameCommuneName says whether two commune names written by a producer
// name the same commune: the same words (accents, case, hyphens and
// « ST » aside), or a commune both designate (« Marseille » and
// « Marseille 1er »).
func sameCommuneName(a, b string) bool {
	if commune.Key(a) == commune.Key(b) {
		return true
	}
	cities := map[string]bool{}
	for _, c := range commune.ByName(b) {
		cities[c.CityCode()] = true
	}
	for _, c := range commune.ByName(a) {
		if cities[c.CityCode()] {
			return true
		}
	}
	return false
}

// PostalCodeAsRead is the postal code an address is stored with: trimmed,
// and read from the forms of readPostalCode, so that a check made before
// the store (the sync's refusal of a code of no département) sees the
// code the store will see (« F-99999 » is 99999).
func PostalCodeAsRead(a Address) string {
	a.normalize()
	return a.PostalCode
}
