package api

import (
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"carnet/handlers"
	"carnet/models"
)

// acceptable refuses with 406 a request whose Accept header accepts none of
// the media types the operation answers (RFC 9110 §15.5.7): a client that
// asks an actor list for text/csv or application/geo+json, or a referral
// list for application/xml, was answered JSON it then failed to read as
// what it asked for, or worse read as text. The problem names what the
// operation answers and which operations answer the type asked for (an
// open-data export for CSV and GeoJSON), from openapi.yaml like the
// rest of the document's rules (query.go).
//
// Browsers and HTTP libraries send */* beside their preferences, and a
// header that names no media range is read as absent (handlers.Negotiate):
// only a client that names what it wants, and only that, is refused. Like
// knownQueries it runs before authentication: what an operation answers
// is public in the document.
func acceptable(log *slog.Logger, ops map[string]declared) gin.HandlerFunc {
	byType := answeredBy(ops)
	return func(c *gin.Context) {
		op, ok := ops[c.Request.Method+" "+c.FullPath()]
		if !ok || len(op.produces) == 0 {
			c.Next() // no such operation (404, 405), or no body to negotiate (204)
			return
		}
		// The answer depends on Accept (406, or another type: CSV for
		// text/csv), with or without one in this request.
		handlers.AddVary(c.Writer.Header(), "Accept")
		accept := c.Request.Header.Values("Accept")
		if len(accept) == 0 {
			c.Next()
			return
		}
		header := strings.Join(accept, ",")
		if _, ok := handlers.Negotiate(header, op.produces...); ok {
			c.Next()
			return
		}
		reason := fmt.Sprintf("accepts none of the media types this operation answers: %s", strings.Join(op.produces, ", "))
		if wanted := handlers.PreferredType(header); wanted != "" {
			if others := slices.DeleteFunc(slices.Clone(byType[wanted]), func(r string) bool {
				return r == c.Request.Method+" "+c.FullPath()
			}); len(others) > 0 {
				reason += fmt.Sprintf("; %s is answered by %s", wanted, strings.Join(others, ", "))
			}
		}
		var fe models.FieldErrors
		fe.Add("Accept", reason)
		handlers.WriteProblem(c, log, &models.Error{Code: models.ENOTACCEPTABLE,
			Message: acceptMessage(op.produces),
			Fields:  fe})
	}
}

// acceptMessage is the problem's detail: what the operation answers.
func acceptMessage(produces []string) string {
	if len(produces) == 1 {
		return fmt.Sprintf("This operation answers %s only; send it in Accept, or */*.", produces[0])
	}
	return fmt.Sprintf("This operation answers %s; send one of them in Accept, or */*.", strings.Join(produces, " or "))
}

// answeredBy lists, for each media type, the documented GET operations
// under /api/ that answer it, sorted, as « GET /api/v1/… » (the document's
// path, not gin's pattern).
func answeredBy(ops map[string]declared) map[string][]string {
	out := map[string][]string{}
	for key, d := range ops {
		method, path, _ := strings.Cut(key, " ")
		if method != "GET" || !strings.HasPrefix(path, "/api/") {
			continue
		}
		for _, t := range d.produces {
			out[t] = append(out[t], "GET "+docPath(path))
		}
	}
	for _, l := range out {
		sort.Strings(l)
	}
	return out
}

// docPath writes gin's route pattern as the document's path:
// /api/v1/exports/:format → /api/v1/exports/{format}.
func docPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			segs[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(segs, "/")
}

// successTypes lists the media types of op's 2xx responses, JSON first.
func successTypes(op *openapi3.Operation) []string {
	seen := map[string]bool{}
	for code, ref := range op.Responses.Map() {
		if s := statusOf(code); s < 200 || s > 299 || ref.Value == nil {
			continue
		}
		for t := range ref.Value.Content {
			seen[t] = true
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i] == "application/json") != (out[j] == "application/json") {
			return out[i] == "application/json"
		}
		return out[i] < out[j]
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// notAcceptableResponses documents the 406 of acceptable on every
// operation whose successes have a body, as one shared response.
func notAcceptableResponses(doc *openapi3.T) {
	if doc.Components.Responses == nil {
		doc.Components.Responses = openapi3.ResponseBodies{}
	}
	desc := "The Accept header accepts none of the media types this operation answers (see its successes); the problem's errors name them."
	resp := openapi3.NewResponse().WithDescription(desc).
		WithContent(openapi3.Content{"application/problem+json": openapi3.NewMediaType().WithSchemaRef(compRef(doc, "Problem"))})
	doc.Components.Responses["NotAcceptable"] = &openapi3.ResponseRef{Value: resp}
	operations(doc, func(_, _ string, op *openapi3.Operation) {
		if len(successTypes(op)) > 0 {
			op.Responses.Set("406", &openapi3.ResponseRef{Ref: "#/components/responses/NotAcceptable", Value: resp})
		}
	})
}

// busyResponses documents, on every operation under /api/ that does not
// already say when it answers 503, the answer of a database that cannot
// serve the request now: a write waiting too long for another's lock
// (SQLite's one writer), a transaction PostgreSQL chose to end to break a
// deadlock, or a full disk (storage_full). Nothing was written;
// Retry-After says when to try again. It
// can answer on any route that reads or writes the directory, and typed
// clients must know it (the contract tests met it under load).
func busyResponses(doc *openapi3.T) {
	desc := "The database is busy (a write waited too long for another's lock, or PostgreSQL ended the transaction to break a deadlock; problem type urn:carnet:problem:unavailable), or the disk holding it is full (urn:carnet:problem:storage_full; /readyz then says « degraded »): nothing was written; retry after the Retry-After seconds."
	resp := openapi3.NewResponse().WithDescription(desc).
		WithContent(openapi3.Content{"application/problem+json": openapi3.NewMediaType().WithSchemaRef(compRef(doc, "Problem"))})
	resp.Headers = openapi3.Headers{"Retry-After": &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: openapi3.Parameter{
		Description: "Seconds to wait before retrying.", Schema: openapi3.NewIntegerSchema().NewRef()}}}}
	doc.Components.Responses["Busy"] = &openapi3.ResponseRef{Value: resp}
	operations(doc, func(path, _ string, op *openapi3.Operation) {
		if strings.HasPrefix(path, "/api/") && op.Responses.Status(503) == nil {
			op.Responses.Set("503", &openapi3.ResponseRef{Ref: "#/components/responses/Busy", Value: resp})
		}
	})
}

// headerLimitResponses documents, on every operation, the 431 of
// headerLimit (middleware.go): a request head (request line, query string
// and headers) larger than MaxHeaderBytes is refused by the router's
// first middleware, whatever the route, with a problem. The contract tests
// never sent one, and the probe's 200 KB header and 100 KB query value got
// an answer no operation declared.
func headerLimitResponses(doc *openapi3.T) {
	desc := fmt.Sprintf("The request's head (request line with its query string, and headers) is larger than %d bytes: nothing was done. (A head over %d bytes is refused by the HTTP server itself, before any route, in plain text.)",
		MaxHeaderBytes, ServerMaxHeaderBytes)
	resp := openapi3.NewResponse().WithDescription(desc).
		WithContent(openapi3.Content{"application/problem+json": openapi3.NewMediaType().WithSchemaRef(compRef(doc, "Problem"))})
	doc.Components.Responses["HeadersTooLarge"] = &openapi3.ResponseRef{Value: resp}
	long := openapi3.NewResponse().WithDescription(fmt.Sprintf("The request's target (path and query string) makes its head larger than %d bytes: nothing was done.", MaxHeaderBytes)).
		WithContent(openapi3.Content{"application/problem+json": openapi3.NewMediaType().WithSchemaRef(compRef(doc, "Problem"))})
	doc.Components.Responses["URITooLong"] = &openapi3.ResponseRef{Value: long}
	operations(doc, func(_, _ string, op *openapi3.Operation) {
		if op.Responses.Status(431) == nil {
			op.Responses.Set("431", &openapi3.ResponseRef{Ref: "#/components/responses/HeadersTooLarge", Value: resp})
		}
		if op.Responses.Status(414) == nil {
			op.Responses.Set("414", &openapi3.ResponseRef{Ref: "#/components/responses/URITooLong", Value: long})
		}
	})
}

// slashResponses documents the 404 of an operation with a path parameter
// whose value holds a slash, even encoded (%2F): the router routes on the
// decoded path, where it splits the segment, so no route matches (the
// problem names the parameter; route_hint.go). An operation that declares
// 404 for its own reasons keeps its description.
func slashResponses(doc *openapi3.T) {
	desc := "No route matches: a path parameter's value holds a slash, even encoded as %2F, which splits the path (the problem names the parameter)."
	resp := openapi3.NewResponse().WithDescription(desc).
		WithContent(openapi3.Content{"application/problem+json": openapi3.NewMediaType().WithSchemaRef(compRef(doc, "Problem"))})
	doc.Components.Responses["SlashInPathParameter"] = &openapi3.ResponseRef{Value: resp}
	operations(doc, func(path, _ string, op *openapi3.Operation) {
		if strings.Contains(path, "{") && op.Responses.Status(404) == nil {
			op.Responses.Set("404", &openapi3.ResponseRef{Ref: "#/components/responses/SlashInPathParameter", Value: resp})
		}
	})
}
