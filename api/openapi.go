package api

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/yaml"

	"carnet/models/vocab"
)

// OpenAPIFromSwagger converts swag's Swagger 2.0 output into the OpenAPI 3
// document published as openapi.yaml, and fixes what Swagger 2.0 cannot say:
//   - error responses are application/problem+json (RFC 9457), not JSON;
//   - the bearer scheme is an HTTP bearer JWT, not an API key;
//   - fields tagged x-vocabulary get the vocabulary's values as an enum, so
//     the published contract lists them and response validation checks them.
func OpenAPIFromSwagger(swaggerJSON []byte) (*openapi3.T, error) {
	var v2 openapi2.T
	if err := json.Unmarshal(swaggerJSON, &v2); err != nil {
		return nil, fmt.Errorf("read Swagger 2.0 document: %w", err)
	}
	doc, err := openapi2conv.ToV3(&v2)
	if err != nil {
		return nil, fmt.Errorf("convert to OpenAPI 3: %w", err)
	}
	problemContent(doc)
	csvContent(doc)
	bearerScheme(doc)
	if err := vocabularyEnums(doc); err != nil {
		return nil, err
	}
	if err := doc.Validate(openapi3.NewLoader().Context); err != nil {
		return nil, fmt.Errorf("the OpenAPI 3 document is invalid: %w", err)
	}
	return doc, nil
}

// MarshalOpenAPIYAML renders doc as YAML with sorted keys, so that the file
// only changes when the API does.
func MarshalOpenAPIYAML(doc *openapi3.T) ([]byte, error) {
	j, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return yaml.JSONToYAML(j)
}

func problemContent(doc *openapi3.T) {
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for code, ref := range op.Responses.Map() {
				n, err := strconv.Atoi(code)
				if err != nil || n < 400 || ref.Value == nil {
					continue
				}
				for ct, mt := range ref.Value.Content {
					if ct == "application/json" {
						delete(ref.Value.Content, ct)
						ref.Value.Content["application/problem+json"] = mt
					}
				}
			}
		}
	}
}

// csvContent fixes what swag writes for an operation that produces both JSON
// and CSV: it gives the CSV the JSON schema and offers it for errors too.
// A CSV is text (a string), and errors are always problem documents.
func csvContent(doc *openapi3.T) {
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for code, ref := range op.Responses.Map() {
				if ref.Value == nil || ref.Value.Content["text/csv"] == nil {
					continue
				}
				if n, err := strconv.Atoi(code); err == nil && n >= 400 {
					delete(ref.Value.Content, "text/csv")
					continue
				}
				ref.Value.Content["text/csv"] = openapi3.NewMediaType().WithSchema(
					openapi3.NewStringSchema().WithFormat("csv"))
			}
		}
	}
}

func bearerScheme(doc *openapi3.T) {
	if doc.Components == nil {
		return
	}
	if ref, ok := doc.Components.SecuritySchemes["BearerAuth"]; ok && ref.Value != nil {
		ref.Value = openapi3.NewJWTSecurityScheme()
		ref.Value.Description = "An access token from POST /api/v1/auth/login, sent as Authorization: Bearer <token>."
	}
}

func vocabularyEnums(doc *openapi3.T) error {
	if doc.Components == nil {
		return nil
	}
	names := make([]string, 0, len(doc.Components.Schemas))
	for name := range doc.Components.Schemas {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := doc.Components.Schemas[name].Value
		if s == nil {
			continue
		}
		for prop, ref := range s.Properties {
			p := ref.Value
			if p == nil {
				continue
			}
			vn, ok := p.Extensions["x-vocabulary"].(string)
			if !ok {
				continue
			}
			v, ok := vocab.Get(vn)
			if !ok {
				return fmt.Errorf("%s.%s: x-vocabulary %q is not a vocabulary", name, prop, vn)
			}
			values := make([]any, len(v.Terms))
			for i, t := range v.Terms {
				values[i] = t.Value
			}
			target := p
			if p.Type.Is("array") && p.Items != nil && p.Items.Value != nil {
				target = p.Items.Value
			}
			target.Enum = values
			p.Description = strings.TrimSpace(p.Description + " Values: GET /api/v1/vocabularies/" + vn + ".")
		}
	}
	return nil
}
