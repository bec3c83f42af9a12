package opendata

import (
	"fmt"
	"maps"
	"slices"
)

// Producers that model a place as objects write its address and position
// as such: the ANCT's model of a lieu (« adresse »: {voie, code_postal,
// code_insee, commune}, « localisation »: {latitude, longitude},
// « contact »: {telephone, courriels, site_web}, « presentation »:
// {resume, detail}), HSDS (a location's « addresses »: [{address_1,
// address_2, city, postal_code}]), or English tools (« address »:
// {street, city}, « position »: {lat, lng}). Such an object's keys are
// read as the standard's columns they name, and only as the columns of
// its kind: the « nom » of an object that is no address is not the
// place's name.

var (
	addressColumns      = []string{"adresse", "complement_adresse", "code_postal", "code_insee", "commune", "latitude", "longitude"}
	coordinateColumns   = []string{"latitude", "longitude"}
	contactColumns      = []string{"telephone", "courriels", "site_web"}
	presentationColumns = []string{"presentation_resume", "presentation_detail"}
)

// nestedObjects maps the folded name of an object to the columns its keys
// may be read as.
var nestedObjects = map[string][]string{
	"adresse": addressColumns, "address": addressColumns, "adresse_postale": addressColumns, "postal_address": addressColumns,
	"addresses": addressColumns, "physical_address": addressColumns, "physical_addresses": addressColumns, "adresses": addressColumns,
	"localisation": coordinateColumns, "geo": coordinateColumns, "geoloc": coordinateColumns, "location": addressColumns,
	"contact": contactColumns, "contacts": contactColumns, "coordonnees_contact": contactColumns,
	"presentation": presentationColumns,
}

// nestedKeyAliases are the names of an object's keys that no flat column
// is known by (« voie » alone is no address).
var nestedKeyAliases = map[string]string{
	"voie": "adresse", "street": "adresse", "address_1": "adresse", "ligne_1": "adresse", "nom_voie": "adresse",
	"address_2": "complement_adresse", "ligne_2": "complement_adresse",
	"detail": "presentation_detail", "postal_code": "code_postal", "latitude": "latitude", "longitude": "longitude",
}

// readNested reads the object v of the key k of a JSON place (an object,
// or an array of one object) into rec when k names an object of a known
// kind; ok is false, and rec untouched, otherwise. Only a value that is no
// text nor number comes here: a valid flat row never does.
func (r *Reader) readNested(rec *Record, k string, v any) bool {
	m, isObject := v.(map[string]any)
	if list, isList := v.([]any); isList && len(list) == 1 {
		m, isObject = list[0].(map[string]any)
	}
	if !isObject {
		return false
	}
	container := foldColumn(k)
	allowed, known := nestedObjects[container]
	if !known {
		return false
	}
	if r.containers == nil {
		r.containers = map[string]bool{}
	}
	r.containers[r.reading(k).name] = true
	number := houseNumber(m, allowed)
	for _, sub := range slices.Sorted(maps.Keys(m)) {
		if sub == number {
			continue // written before the street (below)
		}
		path := k + "." + sub
		cr, seen := r.keys[path]
		if !seen {
			cr = nestedReading(k, sub, allowed)
			r.keys[path] = cr
			r.columns[cr.name] = true
			if _, named := r.names[cr.name]; !named {
				r.names[cr.name] = path
			}
		}
		cell, ok := cellString(m[sub])
		if !ok {
			if names, named := objectNames(m[sub]); named {
				cell, ok = names, true
			}
		}
		if !ok {
			if rec.Objects == nil {
				rec.Objects = map[string]bool{}
			}
			rec.Objects[cr.name] = true
			cell = ""
		}
		if number != "" && cr.name == "adresse" && cell != "" {
			n, _ := cellString(m[number])
			cell = n + " " + cell
		}
		rec.setFrom(cr, func() string { return "« " + path + " »" }, cell)
	}
	return true
}

// houseNumber returns the key of an address object's house number
// (« numero »: "1" beside « voie »: "rue de la Paix", as BAN-like shapes
// split them), "" when it has none, or no street to write it before.
func houseNumber(m map[string]any, allowed []string) string {
	if len(allowed) == 0 || allowed[0] != "adresse" {
		return ""
	}
	street := false
	for sub := range m {
		if c := nestedKeyAliases[foldColumn(sub)]; c == "adresse" || readColumn(sub).name == "adresse" {
			street = true
		}
	}
	if !street {
		return ""
	}
	for _, n := range []string{"numero", "housenumber", "numero_voie", "numero_de_voie", "num"} {
		for sub, v := range m {
			if foldColumn(sub) == n {
				if c, ok := cellString(v); ok && c != "" {
					return sub
				}
			}
		}
	}
	return ""
}

// nestedReading returns how the key sub of the object k is read: as the
// standard's column it names when that is one of allowed, else as an
// unknown column named by its path.
func nestedReading(k, sub string, allowed []string) columnReading {
	path := k + "." + sub
	f := foldColumn(sub)
	c, aliased := nestedKeyAliases[f]
	if !aliased {
		c = readColumn(sub).name
	}
	for _, a := range allowed {
		if a == c {
			return columnReading{c, fmt.Sprintf("« %s » (the key « %s » of the object « %s ») read as %s", path, sub, k, c)}
		}
	}
	return columnReading{name: foldColumn(path)}
}
