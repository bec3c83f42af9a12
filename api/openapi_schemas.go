package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

const schemaPrefix = "#/components/schemas/"

// compRef refers to the component name, resolved.
func compRef(doc *openapi3.T, name string) *openapi3.SchemaRef {
	return openapi3.NewSchemaRef(schemaPrefix+name, doc.Components.Schemas[name].Value)
}

func schemaName(ref *openapi3.SchemaRef) string {
	if ref == nil {
		return ""
	}
	return strings.TrimPrefix(ref.Ref, schemaPrefix)
}

// refTo returns the component a property names, directly or through the
// allOf of one element that swag writes to describe it; "" otherwise.
func refTo(ref *openapi3.SchemaRef) string {
	if ref == nil {
		return ""
	}
	if ref.Ref != "" {
		return schemaName(ref)
	}
	if s := ref.Value; s != nil && len(s.AllOf) == 1 && s.AllOf[0].Ref != "" && len(s.Properties) == 0 {
		return schemaName(s.AllOf[0])
	}
	return ""
}

// sortedKeys returns a map's keys in order, so that generation is stable.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// nullables (which also walks every schema to say that numbers are
// doubles) gives every nullable field an effect that OpenAPI 3.0 strict
// validators and generators honour: nullable only counts on a schema with
// a type (3.0.3), and swag writes it beside an allOf (a nullable object) or
// without a type at all (a field of any type). A nullable object becomes
// a reference to a nullable copy of its schema (NullableX, of type object);
// a field of any type becomes a reference to JSONValue, whose alternatives
// have types and let null through. A map field tagged x-nullable-values
// gets nullable values.
func nullables(doc *openapi3.T) error {
	schemas := doc.Components.Schemas
	var errs []error
	seen := map[*openapi3.Schema]bool{}
	var fix func(where string, ref *openapi3.SchemaRef)
	fix = func(where string, ref *openapi3.SchemaRef) {
		if ref == nil || ref.Ref != "" || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if s.Type.Is("number") && s.Format == "" {
			s.Format = "double" // Go's float64: clients must not read float32
		}
		if s.Nullable && (s.Type == nil || len(*s.Type) == 0) {
			switch {
			case refTo(ref) != "":
				s.AllOf[0] = compRef(doc, nullableComponent(doc, refTo(ref)))
				s.Nullable = false
			case len(s.Properties) == 0 && s.Items == nil && len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) == 0:
				jsonValue(doc)
				s.AllOf = openapi3.SchemaRefs{compRef(doc, "JSONValue")}
				s.Nullable = false
			default:
				errs = append(errs, fmt.Errorf("%s: nullable without a type, in a shape the generator cannot fix", where))
			}
		}
		if _, ok := s.Extensions["x-nullable-values"]; ok {
			// a map whose values may be null (withheld counts): swag has
			// no word for it, the field says it with this extension
			if s.AdditionalProperties.Schema == nil || s.AdditionalProperties.Schema.Value == nil {
				errs = append(errs, fmt.Errorf("%s: x-nullable-values on a schema that is not a map", where))
			} else {
				s.AdditionalProperties.Schema.Value.Nullable = true
			}
			delete(s.Extensions, "x-nullable-values")
		}
		for _, k := range sortedKeys(s.Properties) {
			fix(where+"."+k, s.Properties[k])
		}
		fix(where+"[]", s.Items)
		fix(where+"{}", s.AdditionalProperties.Schema)
		for _, l := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, x := range l {
				fix(where, x)
			}
		}
	}
	for _, name := range sortedKeys(schemas) {
		fix(name, schemas[name])
	}
	operations(doc, func(path, method string, op *openapi3.Operation) {
		for _, p := range op.Parameters {
			fix(method+" "+path+" "+p.Value.Name, p.Value.Schema)
		}
		if op.RequestBody != nil {
			for _, mt := range op.RequestBody.Value.Content {
				fix(method+" "+path+" body", mt.Schema)
			}
		}
		for _, code := range sortedKeys(op.Responses.Map()) {
			if r := op.Responses.Value(code); r != nil && r.Value != nil {
				for _, mt := range r.Value.Content {
					fix(method+" "+path+" "+code, mt.Schema)
				}
			}
		}
	})
	return errors.Join(errs...)
}

// nullableComponent returns the name of a nullable copy of the component
// name, creating it once. The copy shares the original's properties.
func nullableComponent(doc *openapi3.T, name string) string {
	nn := "Nullable" + name
	if _, ok := doc.Components.Schemas[nn]; ok {
		return nn
	}
	orig := doc.Components.Schemas[name].Value
	cp := *orig
	cp.Nullable = true
	cp.Description = strings.TrimSpace(orig.Description + " (" + name + ", or null.)")
	if cp.Type == nil || len(*cp.Type) == 0 {
		cp.Type = &openapi3.Types{openapi3.TypeObject}
	}
	doc.Components.Schemas[nn] = openapi3.NewSchemaRef("", &cp)
	return nn
}

// jsonValue adds JSONValue: any JSON value, null included, written as
// alternatives that each have a type (OpenAPI 3.0 has no « any » type that
// allows null).
func jsonValue(doc *openapi3.T) {
	if _, ok := doc.Components.Schemas["JSONValue"]; ok {
		return
	}
	str := openapi3.NewStringSchema()
	str.Nullable = true
	obj := openapi3.NewObjectSchema()
	obj.AdditionalProperties = openapi3.AdditionalProperties{Has: openapi3.Ptr(true)}
	arr := openapi3.NewArraySchema()
	arr.Items = openapi3.NewSchemaRef("", &openapi3.Schema{})
	doc.Components.Schemas["JSONValue"] = openapi3.NewSchemaRef("", &openapi3.Schema{
		Description: "Any JSON value: a string, a number, a boolean, an array, an object, or null.",
		AnyOf: openapi3.SchemaRefs{openapi3.NewSchemaRef("", str), openapi3.NewSchemaRef("", openapi3.NewFloat64Schema()),
			openapi3.NewSchemaRef("", openapi3.NewBoolSchema()), openapi3.NewSchemaRef("", arr), openapi3.NewSchemaRef("", obj)},
	})
}

// mergePatchBodies types the bodies of operations that take a JSON Merge
// Patch (RFC 7396), where every field is optional: a client sends only what
// changes. From XInput, the writable representation, it derives XPatch:
// no field required; a field optional in XInput is nullable (null clears
// it; the server refuses null for a required one, which stays
// non-nullable); nested objects are patches themselves (merge patch merges
// them field by field). Types already written as patches (all fields
// optional) are kept, without required fields. A field tagged x-not-null
// stays non-nullable: the server refuses null on it.
func mergePatchBodies(doc *openapi3.T) error {
	var err error
	operations(doc, func(path, method string, op *openapi3.Operation) {
		if op.RequestBody == nil || op.RequestBody.Value.Content["application/merge-patch+json"] == nil {
			return
		}
		for _, ct := range sortedKeys(op.RequestBody.Value.Content) {
			mt := op.RequestBody.Value.Content[ct]
			name := schemaName(mt.Schema)
			if name == "" {
				continue // an inline map: no required field
			}
			pn, e := patchComponent(doc, name)
			if e != nil {
				err = fmt.Errorf("%s %s: %w", method, path, e)
				return
			}
			mt.Schema = compRef(doc, pn)
		}
	})
	stripNotNull(doc)
	return err
}

func patchComponent(doc *openapi3.T, name string) (string, error) {
	schemas := doc.Components.Schemas
	base, ok := schemas[name]
	if !ok || base.Value == nil {
		return "", fmt.Errorf("no schema %s", name)
	}
	if !strings.HasSuffix(name, "Input") {
		base.Value.Required = nil
		return name, nil
	}
	pn := strings.TrimSuffix(name, "Input") + "Patch"
	if _, ok := schemas[pn]; ok {
		return pn, nil
	}
	orig := base.Value
	cp := *orig
	cp.Required = nil
	cp.Properties = openapi3.Schemas{}
	cp.Description = "A JSON Merge Patch (RFC 7396) of " + name + ": send only the fields to change; absent fields are kept, null clears an optional field (fields required in " + name + " cannot be cleared, nor the fields not nullable here: null on them is refused), nested objects are merged field by field, arrays are replaced whole."
	schemas[pn] = openapi3.NewSchemaRef("", &cp) // before recursing: a type may nest itself
	for _, k := range sortedKeys(orig.Properties) {
		p := orig.Properties[k]
		required := slices.Contains(orig.Required, k)
		desc := p.Value.Description
		if sub := refTo(p); sub != "" {
			sp, err := patchComponent(doc, sub)
			if err != nil {
				return "", err
			}
			if !required {
				sp = nullableComponent(doc, sp)
			}
			cp.Properties[k] = openapi3.NewSchemaRef("", &openapi3.Schema{Description: desc,
				AllOf: openapi3.SchemaRefs{compRef(doc, sp)}})
			continue
		}
		v := *p.Value
		if !required && !notNull(p.Value) {
			v.Nullable = true
		}
		cp.Properties[k] = openapi3.NewSchemaRef("", &v)
	}
	return pn, nil
}

// notNull says whether a field of an input type is tagged x-not-null:
// optional, but a patch's null is refused (400) rather than clearing it —
// a boolean, which has no « none », or a key that cannot change. The tag
// is the generator's, removed from the document (stripNotNull).
func notNull(s *openapi3.Schema) bool {
	_, ok := s.Extensions["x-not-null"]
	return ok
}

// stripNotNull removes the x-not-null tags once the patches are typed.
func stripNotNull(doc *openapi3.T) {
	for _, ref := range doc.Components.Schemas {
		if ref.Value == nil {
			continue
		}
		for _, p := range ref.Value.Properties {
			if p.Value != nil {
				delete(p.Value.Extensions, "x-not-null")
			}
		}
	}
}

// tidy writes a reference wrapped in an allOf of one element, with nothing
// beside it, as the plain reference, and drops the component schemas that
// nothing uses any more (those replaced by nullable copies).
func tidy(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(ref *openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || ref.Ref != "" || seen[ref.Value] {
			return
		}
		seen[ref.Value] = true
		s := ref.Value
		for _, k := range sortedKeys(s.Properties) {
			p := s.Properties[k]
			if v := p.Value; v != nil && p.Ref == "" && len(v.AllOf) == 1 && v.AllOf[0].Ref != "" && bare(v) {
				s.Properties[k] = v.AllOf[0]
				continue
			}
			walk(p)
		}
		walk(s.Items)
		for _, l := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, x := range l {
				walk(x)
			}
		}
	}
	for _, name := range sortedKeys(doc.Components.Schemas) {
		walk(doc.Components.Schemas[name])
	}
	// Keep what the paths reach, directly or through other components.
	refs := regexp.MustCompile(`"#/components/schemas/([^"]+)"`)
	reach := func(v any) []string {
		b, _ := json.Marshal(v)
		var out []string
		for _, m := range refs.FindAllSubmatch(b, -1) {
			out = append(out, string(m[1]))
		}
		return out
	}
	keep := map[string]bool{}
	pending := reach(doc.Paths)
	for len(pending) > 0 {
		name := pending[len(pending)-1]
		pending = pending[:len(pending)-1]
		if keep[name] {
			continue
		}
		keep[name] = true
		if ref := doc.Components.Schemas[name]; ref != nil {
			pending = append(pending, reach(ref)...)
		}
	}
	for name := range doc.Components.Schemas {
		if !keep[name] {
			delete(doc.Components.Schemas, name)
		}
	}
}

// bare says whether s holds nothing but its allOf.
func bare(s *openapi3.Schema) bool {
	cp := *s
	cp.AllOf = nil
	return cp.IsEmpty() && cp.Description == "" && cp.Example == nil && !cp.Deprecated && len(cp.Extensions) == 0
}
