package handlers

import (
	"reflect"
	"slices"
	"strings"
	"sync"

	"carnet/models/editdist"
)

// bodyAliases are the names integrators bring to a body from other APIs,
// from OAuth forms, or from the national standard's columns, with the
// field of Carnet that holds it. A hint is given only when the body being
// decoded has that field.
var bodyAliases = map[string]string{
	"username": "email", "login": "email", "user": "email", "mail": "email", "courriel": "email",
	"pass": "password", "pwd": "password", "mot_de_passe": "password",
	"nom": "name", "title": "name", "titre": "name", "label": "name",
	"adresse": "address", "adresse_postale": "address", "location": "address",
	"lat": "latitude", "lng": "longitude", "lon": "longitude", "long": "longitude",
	"telephone": "phones", "tel": "phones", "phone": "phones", "phone_number": "phones", "telephones": "phones",
	"emails_publics": "emails", "email": "emails", "e_mail": "emails",
	"site_web": "websites", "website": "websites", "url": "websites", "site": "websites", "web": "websites",
	"horaires": "opening_hours", "hours": "opening_hours", "opening_times": "opening_hours",
	"code_postal": "postal_code", "cp": "postal_code", "zip": "postal_code", "zipcode": "postal_code", "postcode": "postal_code",
	"ville": "commune", "city": "commune", "town": "commune",
	"code_insee": "insee_code", "insee": "insee_code", "citycode": "insee_code",
	"siret": "pivot", "siren": "pivot", "rna": "pivot",
	"typologie": "typologies", "typology": "typologies", "type": "typologies",
	"thematiques": "themes", "theme": "themes", "services": "themes",
	"publics_accueillis": "publics", "frais_a_charge": "fees", "langues": "languages",
	"modalites_acces": "access_modes", "modalites_accompagnement": "accompaniment_modes",
	"presentation_resume": "summary", "presentation_detail": "description", "resume": "summary",
	"adresse_ligne": "street", "rue": "street", "voie": "street", "complement_adresse": "complement",
	"structure_id": "actor_id", "place_id": "actor_id", "lieu_id": "actor_id",
}

// bodyFields lists the JSON names a decoded type accepts, at any depth
// (the decoder names an unknown field without its path).
var bodyFields sync.Map // reflect.Type → []string, sorted

func fieldsOf(t reflect.Type) []string {
	if v, ok := bodyFields.Load(t); ok {
		return v.([]string)
	}
	set := map[string]bool{}
	var walk func(t reflect.Type, depth int)
	walk = func(t reflect.Type, depth int) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || depth > 4 {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			switch {
			case name == "-":
				continue
			case f.Anonymous && name == "":
				walk(f.Type, depth)
				continue
			case name == "":
				name = f.Name
			}
			set[name] = true
			walk(f.Type, depth+1)
		}
	}
	walk(t, 0)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	bodyFields.Store(t, out)
	return out
}

// bodyFieldHint returns the field of dst an unknown name most likely
// meant: its alias, else the one field within two edits (a misspelling,
// a singular, camelCase) when exactly one is closest; "" otherwise.
func bodyFieldHint(name string, dst any) string {
	if dst == nil || len(name) > 40 {
		return ""
	}
	known := fieldsOf(reflect.TypeOf(dst))
	if len(known) == 0 {
		return ""
	}
	lower := strings.ToLower(snake(name))
	if _, ok := slices.BinarySearch(known, lower); ok {
		return lower // camelCase or capitals of a field that exists
	}
	if p, ok := bodyAliases[lower]; ok {
		if _, has := slices.BinarySearch(known, p); has {
			return p
		}
	}
	return editdist.Closest(lower, known, func(k string) int { return len(k) / 3 })
}

// snake writes a camelCase name in snake_case (postalCode → postal_code).
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		if r == '-' || r == ' ' {
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String()
}
