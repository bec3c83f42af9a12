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

// bodyFields lists the JSON names a decoded type accepts, at any depth,
// each with its path from the type (« constraints.free »): the decoder
// names an unknown member without its path, and a member written at the
// wrong level (« free » beside « needs ») is hinted where it belongs — it
// was hinted as itself, « did you mean free? ».
var bodyFields sync.Map // reflect.Type → []bodyField, the shallowest first

type bodyField struct {
	name, path string
	depth      int
}

func fieldsOf(t reflect.Type) []bodyField {
	if v, ok := bodyFields.Load(t); ok {
		return v.([]bodyField)
	}
	seen := map[string]bool{}
	var out []bodyField
	var walk func(t reflect.Type, prefix string, depth int)
	walk = func(t reflect.Type, prefix string, depth int) {
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
				walk(f.Type, prefix, depth)
				continue
			case name == "":
				name = f.Name
			}
			if path := prefix + name; !seen[path] {
				seen[path] = true
				out = append(out, bodyField{name, path, depth})
			}
			walk(f.Type, prefix+name+".", depth+1)
		}
	}
	walk(t, "", 0)
	slices.SortStableFunc(out, func(a, b bodyField) int {
		if a.depth != b.depth {
			return a.depth - b.depth
		}
		return strings.Compare(a.path, b.path)
	})
	bodyFields.Store(t, out)
	return out
}

// bodyFieldHint returns the field of dst an unknown name most likely
// meant, by its path in dst: the field of that name (in another case, or
// at another level), its alias, else the one field within two edits (a
// misspelling, a singular, camelCase) when exactly one is closest; ""
// otherwise. Of several fields of one name, the shallowest.
func bodyFieldHint(name string, dst any) string {
	if dst == nil || len(name) > 40 {
		return ""
	}
	known := fieldsOf(reflect.TypeOf(dst))
	if len(known) == 0 {
		return ""
	}
	find := func(n string) string {
		for _, f := range known {
			if f.name == n {
				return f.path
			}
		}
		return ""
	}
	lower := strings.ToLower(snake(name))
	if p := find(lower); p != "" {
		return p // camelCase or capitals of a field that exists, or at another level
	}
	if a, ok := bodyAliases[lower]; ok {
		if p := find(a); p != "" {
			return p
		}
	}
	names := make([]string, 0, len(known))
	for _, f := range known {
		names = append(names, f.name)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	if c := editdist.Closest(lower, names, func(k string) int { return len(k) / 3 }); c != "" {
		return find(c)
	}
	return ""
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
