package api

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"carnet/models/opendata"
)

// exportContent describes GET /api/v1/exports/{format} with the media
// types the formats really have — CSV, JSON, GeoJSON — and schemas for the
// JSON ones, built from the Go types that write them (models/opendata), so
// that the document cannot drift from the files: the tests validate real
// exports against these schemas like any other answer.
func exportContent(doc *openapi3.T) error {
	item := doc.Paths.Value("/api/v1/exports/{format}")
	if item == nil || item.Get == nil {
		return fmt.Errorf("no GET /api/v1/exports/{format} to describe")
	}
	ok := item.Get.Responses.Status(200)
	if ok == nil || ok.Value == nil {
		return fmt.Errorf("GET /api/v1/exports/{format} has no 200 response")
	}
	schemas := doc.Components.Schemas

	cols, kinds, required := opendata.StandardJSONColumns()
	place := openapi3.NewObjectSchema()
	place.Description = "One place of the national standard « lieux de médiation numérique » v1.0.2 (standard-json): the CSV's columns, multi-valued ones as arrays; columns without a value are omitted. A service held elsewhere than its structure (a service with an address of its own) is a row of its own: id the service's, its address, point and hours (its structure's when it has none), the structure's name and contacts, structure_parente the structure's id."
	for _, c := range cols {
		switch kinds[c] {
		case "number":
			place.WithProperty(c, openapi3.NewFloat64Schema())
		case "array":
			place.WithProperty(c, openapi3.NewArraySchema().WithItems(openapi3.NewStringSchema()))
		default:
			place.WithProperty(c, openapi3.NewStringSchema())
		}
	}
	place.Required = required
	schemas["ExportStandardPlace"] = openapi3.NewSchemaRef("", place)

	items := opendata.ExportItems()
	named := map[string]string{
		opendata.ExportGeoJSON:                 "ExportFeature",
		opendata.ExportDataInclusionStructures: "ExportDataInclusionStructure",
		opendata.ExportDataInclusionServices:   "ExportDataInclusionService",
	}
	for format, name := range named {
		v, found := items[format]
		if !found {
			return fmt.Errorf("models/opendata describes no item of the %s export", format)
		}
		s, err := schemaOfType(reflect.TypeOf(v))
		if err != nil {
			return fmt.Errorf("%s: %w", format, err)
		}
		schemas[name] = openapi3.NewSchemaRef("", s.Value)
	}
	schemas["ExportDataInclusionStructure"].Value.Description = "A data·inclusion v1 structure (data-inclusion-structures): one per place."
	schemas["ExportDataInclusionService"].Value.Description = "A data·inclusion v1 service (data-inclusion-services): one per published service."
	feature := schemas["ExportFeature"].Value
	feature.Description = "A place as a GeoJSON Feature (RFC 7946): a Point at its coordinates, or a null geometry when it has none. A service held elsewhere than its structure (a service with an address of its own) is a feature of its own: the service's id, address, point and hours (its structure's when it has none), the structure's name, contacts and provenance, structure_id its structure's id, and that one service; the structure's feature lists its other services."
	feature.Properties["type"].Value.Enum = []any{"Feature"}
	arrayOf := func(name string) *openapi3.SchemaRef {
		a := openapi3.NewArraySchema()
		a.Items = compRef(doc, name)
		return openapi3.NewSchemaRef("", a)
	}
	fc := openapi3.NewObjectSchema().WithProperty("type", openapi3.NewStringSchema().WithEnum("FeatureCollection"))
	fc.Properties["features"] = arrayOf("ExportFeature")
	fc.Required = []string{"type", "features"}
	fc.Description = "The geojson export: a GeoJSON FeatureCollection (RFC 7946) of the published places."
	schemas["ExportFeatureCollection"] = openapi3.NewSchemaRef("", fc)

	csv := openapi3.NewStringSchema()
	csv.Description = "standard-csv (the standard's 32 columns, multi-valued cells joined with |) and quality-csv: CSV (RFC 4180), UTF-8, with a header row."
	js := &openapi3.Schema{AnyOf: openapi3.SchemaRefs{arrayOf("ExportStandardPlace"), arrayOf("ExportDataInclusionStructure"), arrayOf("ExportDataInclusionService")},
		Description: "standard-json: an array of ExportStandardPlace; data-inclusion-structures: of ExportDataInclusionStructure; data-inclusion-services: of ExportDataInclusionService."}
	item.Get.Description += exportMediaTypes()
	ok.Value.Content = openapi3.Content{
		"text/csv":             openapi3.NewMediaType().WithSchema(csv),
		"application/json":     openapi3.NewMediaType().WithSchema(js),
		"application/geo+json": openapi3.NewMediaType().WithSchemaRef(compRef(doc, "ExportFeatureCollection")),
	}
	return nil
}

// exportMediaTypes says which media type each format answers, from the
// formats' own list: the 200 response lists three types for the one
// operation, and a client sending Accept: application/json (a common
// default) got 406 on the CSV and GeoJSON formats without the document
// saying which format answers which (probe 38a, M5).
func exportMediaTypes() string {
	var b strings.Builder
	b.WriteString(" Media type by format:")
	for i, f := range opendata.ExportFormats {
		media, _, _ := strings.Cut(f.ContentType, ";")
		sep := ";"
		if i == len(opendata.ExportFormats)-1 {
			sep = "."
		}
		fmt.Fprintf(&b, " %s %s%s", f.Name, media, sep)
	}
	return b.String()
}

// schemaOfType describes a Go type the way encoding/json writes it: structs
// by their json tags (every field present unless omitempty), pointers as
// nullable, slices and arrays as arrays (nullable when the field is tagged
// nullable:"true": encoding/json writes a nil slice as null).
func schemaOfType(t reflect.Type) (*openapi3.SchemaRef, error) {
	nullable := false
	if t.Kind() == reflect.Pointer {
		nullable, t = true, t.Elem()
	}
	var s *openapi3.Schema
	switch t.Kind() {
	case reflect.String:
		s = openapi3.NewStringSchema()
	case reflect.Bool:
		s = openapi3.NewBoolSchema()
	case reflect.Int, reflect.Int32, reflect.Int64:
		s = openapi3.NewIntegerSchema()
	case reflect.Float32, reflect.Float64:
		s = openapi3.NewFloat64Schema()
	case reflect.Slice, reflect.Array:
		items, err := schemaOfType(t.Elem())
		if err != nil {
			return nil, err
		}
		s = openapi3.NewArraySchema()
		s.Items = items
		if t.Kind() == reflect.Array {
			n := uint64(t.Len())
			s.MinItems, s.MaxItems = n, &n
		}
	case reflect.Struct:
		s = openapi3.NewObjectSchema()
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			p, err := schemaOfType(f.Type)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
			}
			if f.Tag.Get("nullable") == "true" {
				p.Value.Nullable = true // a list written as null when empty
			}
			s.Properties[name] = p
			if !strings.Contains(opts, "omitempty") {
				s.Required = append(s.Required, name)
			}
		}
	default:
		return nil, fmt.Errorf("cannot describe a %s", t)
	}
	s.Nullable = nullable
	return openapi3.NewSchemaRef("", s), nil
}
