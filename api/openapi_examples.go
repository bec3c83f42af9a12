package api

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// examples gives every JSON request body and success response an example,
// composed from the examples of its fields (the example tags of the
// handlers' types), and checks it against its schema: an example that the
// document itself refuses fails the generation.
func examples(doc *openapi3.T) error {
	loaded, err := reload(doc)
	if err != nil {
		return err
	}
	var errs []error
	set := func(where string, mt *openapi3.MediaType, loadedMT *openapi3.MediaType, request bool) {
		if mt.Example != nil || len(mt.Examples) > 0 || loadedMT == nil || loadedMT.Schema == nil {
			return
		}
		ex := exampleOf(loadedMT.Schema, request, map[*openapi3.Schema]bool{})
		if err := loadedMT.Schema.Value.VisitJSON(ex, openapi3.MultiErrors()); err != nil {
			errs = append(errs, fmt.Errorf("%s: the composed example does not match its schema (add example tags to the fields): %w", where, err))
			return
		}
		mt.Example = ex
	}
	operations(doc, func(path, method string, op *openapi3.Operation) {
		lop := loaded.Paths.Value(path).GetOperation(method)
		if op.RequestBody != nil {
			for _, ct := range sortedKeys(op.RequestBody.Value.Content) {
				switch mt := op.RequestBody.Value.Content[ct]; {
				case jsonLike(ct) || ct == "application/x-www-form-urlencoded": // a form is an object of fields
					set(method+" "+path+" "+ct, mt, lop.RequestBody.Value.Content[ct], true)
				case ct == "text/csv" && mt.Example == nil:
					mt.Example = ImportCSVExample
				}
			}
		}
		for _, code := range sortedKeys(op.Responses.Map()) {
			if n := statusOf(code); n < 200 || n > 299 {
				continue
			}
			r, lr := op.Responses.Value(code), lop.Responses.Value(code)
			if r.Value == nil {
				continue
			}
			for _, ct := range sortedKeys(r.Value.Content) {
				if jsonLike(ct) {
					set(method+" "+path+" "+code+" "+ct, r.Value.Content[ct], lr.Value.Content[ct], false)
				}
			}
		}
	})
	return errors.Join(errs...)
}

// reload returns a copy of doc with every reference resolved, as clients
// load it.
func reload(doc *openapi3.T) (*openapi3.T, error) {
	b, err := doc.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return openapi3.NewLoader().LoadFromData(b)
}

// ImportCSVExample is the example of CSV bodies (the import of the
// national standard): the standard's columns, one place with its offer. A
// test imports it and expects it read without a warning.
const ImportCSVExample = `id,pivot,nom,commune,code_postal,code_insee,adresse,latitude,longitude,telephone,courriels,horaires,presentation_resume,date_maj,services,frais_a_charge,modalites_acces,publics_specifiquement_adresses
lieu-1,00000000000000,Médiathèque de l'Alcazar,Marseille,13001,13201,58 cours Belsunce,43.2996,5.3786,+33491559000,contact@alcazar.fr,Tu-Sa 11:00-19:00,Accès libre aux ordinateurs et aide aux démarches.,2026-11-02,Aide aux démarches administratives|Maîtrise des outils numériques du quotidien,Gratuit,Se présenter,Seniors
`

func jsonLike(ct string) bool {
	return ct == "application/json" || strings.HasSuffix(ct, "+json")
}

// Examples of strings by format, for fields without an example of their own.
var formatExamples = map[string]string{
	"uuid":      "019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d",
	"date-time": "2026-11-20T09:30:00.000000Z",
	"date":      "2026-11-20",
	"email":     "contact@example.fr",
	"uri":       "https://example.fr",
}

// exampleOf composes an example value of a schema: its own example, else
// one built from its parts. Objects hold their required properties and the
// optional ones that have something to show; in requests, deprecated names
// are left out (a client should use the new ones).
func exampleOf(ref *openapi3.SchemaRef, request bool, path map[*openapi3.Schema]bool) any {
	s := ref.Value
	if s == nil {
		return nil
	}
	if s.Example != nil {
		return s.Example
	}
	path[s] = true
	defer delete(path, s)
	switch {
	case len(s.AllOf) == 1 && len(s.Properties) == 0:
		return exampleOf(s.AllOf[0], request, path)
	case len(s.AllOf) > 0:
		m := map[string]any{}
		for _, x := range s.AllOf {
			if sub, ok := exampleOf(x, request, path).(map[string]any); ok {
				for k, v := range sub {
					m[k] = v
				}
			}
		}
		for k, v := range objectExample(s, request, path) {
			m[k] = v
		}
		return m
	case len(s.AnyOf) > 0:
		return exampleOf(s.AnyOf[0], request, path)
	case len(s.OneOf) > 0:
		return exampleOf(s.OneOf[0], request, path)
	case len(s.Enum) > 0:
		return s.Enum[0]
	case s.Default != nil:
		return s.Default
	}
	switch {
	case s.Type.Is("object") || len(s.Properties) > 0:
		return objectExample(s, request, path)
	case s.Type.Is("array"):
		if s.Items == nil {
			return []any{}
		}
		if !showable(s.Items, 0) && s.MinItems == 0 {
			return []any{} // a list of strings with nothing to show
		}
		item := exampleOf(s.Items, request, path)
		if item == nil && !s.Items.Value.Nullable {
			return []any{}
		}
		out := []any{item}
		for uint64(len(out)) < s.MinItems {
			out = append(out, item)
		}
		return out
	case s.Type.Is("string"):
		if s.Nullable {
			return nil // a nullable field without an example: most often absent
		}
		if v, ok := formatExamples[s.Format]; ok {
			return v
		}
		return strings.Repeat("x", int(s.MinLength))
	case s.Type.Is("integer"), s.Type.Is("number"):
		if s.Nullable {
			return nil
		}
		if s.Min != nil {
			return *s.Min
		}
		return 0
	case s.Type.Is("boolean"):
		if s.Nullable {
			return nil
		}
		return false
	}
	return nil
}

func objectExample(s *openapi3.Schema, request bool, path map[*openapi3.Schema]bool) map[string]any {
	m := map[string]any{}
	for _, k := range sortedKeys(s.Properties) {
		p := s.Properties[k]
		if p.Value == nil {
			continue
		}
		required := slices.Contains(s.Required, k)
		// Optional properties that lead back to an object being composed
		// (HSDS nests organizations in services in organizations) are
		// left out.
		if !required && (request && p.Value.Deprecated || !showable(p, 0) || leadsBack(p, path, 0)) {
			continue
		}
		m[k] = exampleOf(p, request, path)
	}
	return m
}

// showable says whether an optional property has an example to show: its
// own, or one of its parts' (nested objects always show).
func showable(ref *openapi3.SchemaRef, depth int) bool {
	s := ref.Value
	switch {
	case s == nil || depth > 4:
		return false
	case s.Example != nil, len(s.Enum) > 0, formatExamples[s.Format] != "":
		return true
	case s.Type.Is("array"):
		return s.Items != nil && showable(s.Items, depth+1)
	case s.Type.Is("object"), len(s.Properties) > 0:
		return true
	}
	for _, l := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
		for _, x := range l {
			if showable(x, depth+1) {
				return true
			}
		}
	}
	return false
}

// leadsBack says whether ref is, or holds, a schema on path.
func leadsBack(ref *openapi3.SchemaRef, path map[*openapi3.Schema]bool, depth int) bool {
	s := ref.Value
	if s == nil || depth > 3 {
		return false
	}
	if path[s] {
		return true
	}
	if s.Items != nil && leadsBack(s.Items, path, depth+1) {
		return true
	}
	for _, l := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
		for _, x := range l {
			if leadsBack(x, path, depth+1) {
				return true
			}
		}
	}
	return false
}
