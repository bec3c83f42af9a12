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
// document published as openapi.yaml, and fixes what Swagger 2.0 (or swag)
// cannot say, so that typed clients generated from it can trust it:
//   - servers, and operations without a token requirement marked public;
//   - error responses are application/problem+json (RFC 9457) only, exports
//     have their real media types and schemas (openapi_exports.go);
//   - the bearer scheme is an HTTP bearer JWT, beside the OAuth2 client
//     credentials flow of partner clients;
//   - nullable fields say so where OpenAPI 3.0 gives nullable an effect
//     (on a schema with a type), merge-patch bodies have optional fields
//     (openapi_schemas.go);
//   - fields and parameters tagged x-vocabulary list the vocabulary's
//     values: what the server accepts in requests (values, labels, slugs,
//     aliases), what it answers in responses (values);
//   - parameters and fields documented « Deprecated: » are deprecated;
//   - every request body and success response has an example, composed
//     from the fields' examples and checked against its schema.
func OpenAPIFromSwagger(swaggerJSON []byte) (*openapi3.T, error) {
	var v2 openapi2.T
	if err := json.Unmarshal(swaggerJSON, &v2); err != nil {
		return nil, fmt.Errorf("read Swagger 2.0 document: %w", err)
	}
	doc, err := openapi2conv.ToV3(&v2)
	if err != nil {
		return nil, fmt.Errorf("convert to OpenAPI 3: %w", err)
	}
	if err := parameterExamples(swaggerJSON, doc); err != nil {
		return nil, err
	}
	doc.Servers = openapi3.Servers{{URL: "/", Description: "The server that serves this document (Swagger UI at /docs calls it). Generated clients take the base URL of a Carnet, such as http://localhost:8080."}}
	if err := requestRuleResponses(doc); err != nil {
		return nil, err
	}
	problemContent(doc)
	csvContent(doc)
	if err := exportContent(doc); err != nil {
		return nil, err
	}
	notAcceptableResponses(doc)
	busyResponses(doc)
	headerLimitResponses(doc)
	slashResponses(doc)
	if err := securitySchemes(doc); err != nil {
		return nil, err
	}
	if err := nullables(doc); err != nil {
		return nil, err
	}
	if err := mergePatchBodies(doc); err != nil {
		return nil, err
	}
	if err := vocabularyEnums(doc); err != nil {
		return nil, err
	}
	deprecations(doc)
	if err := exclusiveMinimums(doc); err != nil {
		return nil, err
	}
	if err := fieldPatterns(doc); err != nil {
		return nil, err
	}
	timestampPatterns(doc)
	tidy(doc)
	if err := doc.Validate(openapi3.NewLoader().Context); err != nil {
		return nil, fmt.Errorf("the OpenAPI 3 document is invalid: %w", err)
	}
	if err := examples(doc); err != nil {
		return nil, err
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

// operations calls fn for every operation, in a stable order.
func operations(doc *openapi3.T, fn func(path, method string, op *openapi3.Operation)) {
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		ops := item.Operations()
		methods := make([]string, 0, len(ops))
		for m := range ops {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		for _, m := range methods {
			fn(path, m, ops[m])
		}
	}
}

func statusOf(code string) int {
	n, err := strconv.Atoi(code)
	if err != nil {
		return 0
	}
	return n
}

// problemContent makes every error response a problem document, and only
// that: swag gives errors the media types of the operation's successes
// (JSON, CSV, GeoJSON), but the server answers errors in problem+json.
func problemContent(doc *openapi3.T) {
	operations(doc, func(_, _ string, op *openapi3.Operation) {
		for code, ref := range op.Responses.Map() {
			if statusOf(code) < 400 || ref.Value == nil || len(ref.Value.Content) == 0 {
				continue
			}
			ref.Value.Content = openapi3.Content{"application/problem+json": openapi3.NewMediaType().WithSchemaRef(compRef(doc, "Problem"))}
		}
	})
}

// requestRuleResponses checks that the annotations document what the
// request rules answer, so that the document cannot promise less, or more,
// than the server does:
//   - 413 on every operation that reads a body, and only there: the body
//     limit applies where a body is read (handlers.ReadBody), an operation
//     without one ignores what is sent;
//   - 400 on every write: a query parameter the operation does not declare
//     is refused (api/query.go), as is a malformed If-Match.
func requestRuleResponses(doc *openapi3.T) error {
	var errs []string
	operations(doc, func(path, method string, op *openapi3.Operation) {
		reads := op.RequestBody != nil
		if documented := op.Responses.Status(413) != nil; reads != documented {
			if reads {
				errs = append(errs, fmt.Sprintf("%s %s reads a body: add @Failure 413 {object} Problem", method, path))
			} else {
				errs = append(errs, fmt.Sprintf("%s %s reads no body and cannot answer 413: remove its @Failure 413", method, path))
			}
		}
		if isWrite(method) && op.Responses.Status(400) == nil {
			errs = append(errs, fmt.Sprintf("%s %s is a write, refused with 400 on an unknown query parameter: add @Failure 400 {object} Problem", method, path))
		}
	})
	if len(errs) > 0 {
		return fmt.Errorf("the annotations disagree with the request rules:\n%s", strings.Join(errs, "\n"))
	}
	return nil
}

// isWrite says whether method changes state: the methods whose unknown
// query parameters are refused (api/query.go).
func isWrite(method string) bool {
	switch strings.ToUpper(method) {
	case "POST", "PUT", "PATCH", "DELETE":
		return true
	}
	return false
}

// csvContent fixes what swag writes for an operation that produces both JSON
// and CSV: it gives the CSV the JSON schema. A CSV is text.
func csvContent(doc *openapi3.T) {
	operations(doc, func(_, _ string, op *openapi3.Operation) {
		for _, ref := range op.Responses.Map() {
			if ref.Value == nil || ref.Value.Content["text/csv"] == nil {
				continue
			}
			s := openapi3.NewStringSchema()
			s.Description = "CSV (RFC 4180), UTF-8, with a header row."
			ref.Value.Content["text/csv"] = openapi3.NewMediaType().WithSchema(s)
		}
	})
}

// securitySchemes declares how to get a token and which operations take one.
//   - BearerAuth: the access token of POST /api/v1/auth/login (people) or
//     of POST /api/v1/auth/token (partner clients), as an HTTP bearer JWT;
//   - PartnerClient: the OAuth2 client credentials flow of
//     /api/v1/auth/token, so that Swagger UI can get a partner's token;
//   - the annotation « @Security Anonymous » stands for the empty
//     requirement {}: a public read where a token is optional (it may widen
//     what is visible) but must be valid when sent;
//   - operations that read no token at all say security: [].
func securitySchemes(doc *openapi3.T) error {
	schemes := doc.Components.SecuritySchemes
	if schemes["BearerAuth"] == nil || schemes["PartnerClient"] == nil {
		return fmt.Errorf("main.go must declare the BearerAuth and PartnerClient security definitions")
	}
	bearer := openapi3.NewJWTSecurityScheme()
	bearer.Description = "An access token, sent as Authorization: Bearer <token>: a person's from POST /api/v1/auth/login (or its refresh at POST /api/v1/auth/token), a partner client's from POST /api/v1/auth/token (client credentials). Tokens live 15 minutes by default."
	schemes["BearerAuth"].Value = bearer
	pc := schemes["PartnerClient"].Value
	if pc.Flows == nil || pc.Flows.ClientCredentials == nil {
		return fmt.Errorf("PartnerClient must be an OAuth2 application (client credentials) flow")
	}
	var err error
	operations(doc, func(path, method string, op *openapi3.Operation) {
		if op.Security == nil {
			op.Security = openapi3.NewSecurityRequirements()
			return
		}
		for i, req := range *op.Security {
			if _, ok := req["Anonymous"]; ok {
				if len(req) != 1 || i != 0 {
					err = fmt.Errorf("%s %s: @Security Anonymous must come first, alone", method, path)
				}
				(*op.Security)[i] = openapi3.SecurityRequirement{}
			}
			for name := range req {
				if name != "Anonymous" && schemes[name] == nil {
					err = fmt.Errorf("%s %s: unknown security scheme %q", method, path, name)
				}
			}
		}
	})
	return err
}

// vocabularyEnums gives the fields and query parameters tagged
// x-vocabulary the vocabulary's strings. Requests list every spelling the
// server reads as the same term (its value, label, slug and aliases;
// accents, case and apostrophes are also forgiven), responses only the
// values the server writes.
func vocabularyEnums(doc *openapi3.T) error {
	inRequests := requestSchemas(doc)
	names := make([]string, 0, len(doc.Components.Schemas))
	for name := range doc.Components.Schemas {
		names = append(names, name)
	}
	sort.Strings(names)
	used := map[string]string{}
	for _, name := range names {
		s := doc.Components.Schemas[name].Value
		if s == nil {
			continue
		}
		props := make([]string, 0, len(s.Properties))
		for p := range s.Properties {
			props = append(props, p)
		}
		sort.Strings(props)
		for _, prop := range props {
			p := s.Properties[prop].Value
			if p == nil {
				continue
			}
			vn, ok := p.Extensions["x-vocabulary"].(string)
			if !ok {
				continue
			}
			if err := setVocabulary(p, vn, inRequests[name], false); err != nil {
				return fmt.Errorf("%s.%s: %w", name, prop, err)
			}
			used[name] = vn
		}
	}
	var err error
	operations(doc, func(path, method string, op *openapi3.Operation) {
		for _, ref := range op.Parameters {
			p := ref.Value
			vn, ok := p.Extensions["x-vocabulary"].(string)
			if !ok || p.Schema == nil || p.Schema.Value == nil {
				continue
			}
			if e := setVocabulary(p.Schema.Value, vn, true, true); e != nil {
				err = fmt.Errorf("%s %s parameter %s: %w", method, path, p.Name, e)
			}
			delete(p.Extensions, "x-vocabulary")
			p.Description = sentences(p.Description, p.Schema.Value.Description)
			p.Schema.Value.Description = ""
		}
	})
	return err
}

// setVocabulary sets the enum of p (or of its items). In a query string,
// where values are separated by commas, spellings holding a comma (some
// labels) cannot be sent and are left out: their value and slug can.
func setVocabulary(p *openapi3.Schema, name string, request, query bool) error {
	v, ok := vocab.Get(name)
	if !ok {
		return fmt.Errorf("x-vocabulary %q is not a vocabulary", name)
	}
	var values []any
	seen := map[string]bool{}
	add := func(s string) {
		if query && strings.Contains(s, ",") {
			return
		}
		if s != "" && !seen[s] {
			seen[s] = true
			values = append(values, s)
		}
	}
	for _, t := range v.Terms {
		add(t.Value)
	}
	how := "Values"
	if request {
		for _, t := range v.Terms {
			add(t.Label)
			add(t.Slug)
			for _, a := range t.Aliases {
				add(a)
			}
		}
		how = "Each term may be written as its value, its label or its slug (accents, case and apostrophes are forgiven); the server stores the value. Terms"
	}
	target := p
	if p.Type.Is("array") && p.Items != nil && p.Items.Value != nil {
		target = p.Items.Value
	}
	target.Enum = values
	p.Description = sentences(p.Description, how+": GET /api/v1/vocabularies/"+name+".")
	return nil
}

// sentences joins two pieces of text as sentences.
func sentences(a, b string) string {
	a = strings.TrimSpace(a)
	if a != "" && !strings.HasSuffix(a, ".") {
		a += "."
	}
	return strings.TrimSpace(a + " " + b)
}

// requestSchemas names the component schemas that request bodies use,
// directly or through other components.
func requestSchemas(doc *openapi3.T) map[string]bool {
	out := map[string]bool{}
	var visit func(*openapi3.SchemaRef)
	visit = func(ref *openapi3.SchemaRef) {
		if ref == nil {
			return
		}
		if name, ok := strings.CutPrefix(ref.Ref, "#/components/schemas/"); ok {
			if out[name] {
				return
			}
			out[name] = true
		}
		s := ref.Value
		if s == nil {
			return
		}
		for _, p := range s.Properties {
			visit(p)
		}
		visit(s.Items)
		if s.AdditionalProperties.Schema != nil {
			visit(s.AdditionalProperties.Schema)
		}
		for _, l := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, x := range l {
				visit(x)
			}
		}
	}
	operations(doc, func(_, _ string, op *openapi3.Operation) {
		if op.RequestBody == nil || op.RequestBody.Value == nil {
			return
		}
		for _, mt := range op.RequestBody.Value.Content {
			visit(mt.Schema)
		}
	})
	return out
}

// deprecations marks deprecated what the annotations document as such:
// a parameter or a field whose description starts with « Deprecated: ».
func deprecations(doc *openapi3.T) {
	deprecated := func(desc string) bool { return strings.HasPrefix(desc, "Deprecated:") }
	operations(doc, func(_, _ string, op *openapi3.Operation) {
		for _, ref := range op.Parameters {
			if deprecated(ref.Value.Description) {
				ref.Value.Deprecated = true
			}
		}
	})
	for _, ref := range doc.Components.Schemas {
		if ref.Value == nil {
			continue
		}
		for _, p := range ref.Value.Properties {
			if p.Value != nil && deprecated(p.Value.Description) {
				p.Value.Deprecated = true
			}
		}
	}
}

// exclusiveMinimums makes the minimum of a parameter tagged
// x-exclusive-minimum exclusive (OpenAPI 3.0: exclusiveMinimum: true beside
// minimum), which swag's annotations cannot say: a radius of 0 km is
// refused (400), so a client reading « minimum: 0 » alone would send it.
func exclusiveMinimums(doc *openapi3.T) error {
	var errs []string
	operations(doc, func(path, method string, op *openapi3.Operation) {
		for _, ref := range op.Parameters {
			p := ref.Value
			if _, ok := p.Extensions["x-exclusive-minimum"]; !ok {
				continue
			}
			delete(p.Extensions, "x-exclusive-minimum")
			if p.Schema == nil || p.Schema.Value == nil || p.Schema.Value.Min == nil {
				errs = append(errs, fmt.Sprintf("%s %s parameter %s: x-exclusive-minimum without a minimum", method, path, p.Name))
				continue
			}
			p.Schema.Value.ExclusiveMin = openapi3.ExclusiveBound{Bool: openapi3.Ptr(true)}
		}
	})
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// patterns are the shapes the server checks, by the name a field's
// x-pattern tag gives (swag has no pattern tag, and a pattern's commas
// would break its extensions tag). They are the models' rules written as
// ECMA-262 patterns (TestPatternsAreTheServers runs values through both):
//   - insee_code: ident.ValidINSEE after upper-casing (2A/2B; a 20xxx
//     code, Corsica's before 1976, is read as its 2A/2B code);
//   - source: models.validSlug after lower-casing.
var patterns = map[string]string{
	"insee_code": `^([0-9]{2}|2[ABab])[0-9]{3}$`,
	"source":     `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`,
}

// fieldPatterns gives the fields tagged x-pattern their pattern.
func fieldPatterns(doc *openapi3.T) error {
	var errs []string
	var tagged []*openapi3.Schema
	for _, name := range sortedKeys(doc.Components.Schemas) {
		s := doc.Components.Schemas[name].Value
		if s == nil {
			continue
		}
		for _, k := range sortedKeys(s.Properties) {
			p := s.Properties[k].Value
			if p == nil {
				continue
			}
			pn, ok := p.Extensions["x-pattern"].(string)
			if !ok {
				continue
			}
			if patterns[pn] == "" {
				errs = append(errs, fmt.Sprintf("%s.%s: no pattern named %q", name, k, pn))
			}
			p.Pattern = patterns[pn]
			tagged = append(tagged, p)
		}
	}
	// Removed once all are set: a patch's copy of a field shares its
	// extensions with the input's.
	for _, p := range tagged {
		delete(p.Extensions, "x-pattern")
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// parameterExamples copies the examples of parameters (swag's example(…)
// attribute), which the conversion to OpenAPI 3 drops.
func parameterExamples(swaggerJSON []byte, doc *openapi3.T) error {
	var raw struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name    string `json:"name"`
				In      string `json:"in"`
				Example any    `json:"example"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(swaggerJSON, &raw); err != nil {
		return err
	}
	for path, methods := range raw.Paths {
		item := doc.Paths.Value(path)
		if item == nil {
			continue
		}
		for method, op := range methods {
			o := item.GetOperation(strings.ToUpper(method))
			if o == nil {
				continue
			}
			for _, p := range op.Parameters {
				if p.Example == nil || p.In == "body" {
					continue
				}
				if x := o.Parameters.GetByInAndName(p.In, p.Name); x != nil {
					x.Example = p.Example
					// swag writes the example of a list as its text: the
					// values separated by commas, as the query string has them.
					if str, ok := p.Example.(string); ok && x.Schema != nil && x.Schema.Value.Type.Is("array") {
						var vals []any
						for _, v := range strings.Split(str, ",") {
							vals = append(vals, strings.TrimSpace(v))
						}
						x.Example = vals
					}
				}
			}
		}
	}
	// Path parameters that are ids show one.
	operations(doc, func(_, _ string, op *openapi3.Operation) {
		for _, ref := range op.Parameters {
			p := ref.Value
			if p.In == "path" && p.Example == nil && p.Schema != nil && p.Schema.Value.Format == "uuid" {
				p.Example = formatExamples["uuid"]
			}
		}
	})
	return nil
}

// timestampPattern is handlers.TimeLayout as a pattern: the width of every
// timestamp the API writes.
const timestampPattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$`

// timestampPatterns says, on every date-time property of the schemas
// (what answers carry), how it is written: UTC with six fraction digits,
// so that clients may compare timestamps as text (encoding/json dropped
// trailing zeros; probe 35b, L4). The test harness checks every answer
// against it.
func timestampPatterns(doc *openapi3.T) {
	for name, ref := range doc.Components.Schemas {
		// HSDS writes its own (whole seconds, as its schema's
		// examples), fixed width already.
		if ref.Value == nil || strings.HasPrefix(name, "HSDS") {
			continue
		}
		for k, p := range ref.Value.Properties {
			if p.Ref != "" || p.Value == nil || p.Value.Format != "date-time" || p.Value.Pattern != "" {
				continue
			}
			// A copy: the converter shares property schemas between
			// schemas (HSDS's among them).
			v := *p.Value
			v.Pattern = timestampPattern
			if v.Description == "" {
				v.Description = "UTC, with six fraction digits (microseconds, as stored): timestamps compare as text."
			}
			ref.Value.Properties[k] = &openapi3.SchemaRef{Value: &v}
		}
	}
}
