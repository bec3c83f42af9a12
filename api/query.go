package api

import (
	"log/slog"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"carnet/handlers"
	"carnet/models"
)

// knownQueries refuses a write (POST, PUT, PATCH, DELETE) whose query
// string holds a parameter the operation does not declare: 400, each
// unknown parameter named in the problem's errors, and nothing written. A
// partner who typed ?dry_rn=true believes it ran a dry run; ignoring the
// parameter would really write. A query string that cannot be read (a bad
// percent-escape, a semicolon) is refused too, since its pairs would be
// dropped unseen; so is one sent to a read that takes parameters.
//
// Likewise a write sending If-Match or If-None-Match to an operation that
// has no versions (its resource has no ETag: PATCH /me, a member's role, a
// client…) is refused with 400 naming the header: a client believing its
// update is guarded against lost updates would otherwise overwrite
// another's change unknowingly. The operations with versions declare both
// headers and check them (handlers/etag.go).
//
// And a write sending Idempotency-Key to an operation that does not take
// it (every one but the POSTs that create, which declare it) is refused
// with 400 naming the header, for the same reason: the key was silently
// ignored on PUT, PATCH, restore or a duplicate's confirmation, and a
// client retrying one believed it safe. PUT and PATCH are idempotent as
// they are (If-Match guards them against lost updates).
//
// What each operation declares comes from openapi.yaml, parsed once at
// start-up (declaredQueries), so the check and the documentation cannot
// drift apart. Reads are left to their handlers: lists and searches refuse
// unknown parameters themselves (handlers/query.go), reads of one record
// ignore them, as before.
//
// It runs before authentication (it is a middleware of the router, routes
// add authentication after it): the parameters an operation takes are
// public in the document, so telling an anonymous caller about a typo
// reveals nothing, and a request that would be refused whoever sends it is
// refused first, before any token is checked or any body read.
func knownQueries(log *slog.Logger, ops map[string]declared) gin.HandlerFunc {
	return func(c *gin.Context) {
		if ops == nil {
			c.Next()
			return
		}
		if !isWrite(c.Request.Method) {
			// A read that reads its query string (a list, a search, an
			// export: each says 400 in the document) refuses one it cannot
			// read whole: its dropped pairs would be filters silently not
			// applied. Reads of one record ignore their query string.
			if op, ok := ops[c.Request.Method+" "+c.FullPath()]; ok && op.badRequest && c.Request.URL.RawQuery != "" {
				if err := handlers.MalformedQuery(c.Request.URL.RawQuery); err != nil {
					handlers.WriteProblem(c, log, err)
					return
				}
			}
			c.Next()
			return
		}
		h := c.Request.Header
		conditional := len(h.Values("If-Match")) > 0 || len(h.Values("If-None-Match")) > 0
		keyed := len(h.Values("Idempotency-Key")) > 0
		if c.Request.URL.RawQuery == "" && !conditional && !keyed {
			c.Next()
			return
		}
		op, ok := ops[c.Request.Method+" "+c.FullPath()]
		if !ok {
			c.Next() // no such operation: the 404 or 405 answers
			return
		}
		if c.Request.URL.RawQuery != "" {
			if err := handlers.UnknownQueryParameters(c.Request.URL.RawQuery, op.queries); err != nil {
				handlers.WriteProblem(c, log, err)
				return
			}
		}
		if conditional && !op.conditional {
			var fe models.FieldErrors
			for _, name := range []string{"If-Match", "If-None-Match"} {
				if len(h.Values(name)) > 0 {
					fe.Add(name, "is not supported by this operation: its resource has no versions (ETag), so the condition could not be checked; send the request without it")
				}
			}
			handlers.WriteProblem(c, log, &models.Error{Code: models.EBADREQUEST,
				Message: "This operation takes no precondition; nothing was done.", Fields: fe})
			return
		}
		if keyed && !op.idempotent {
			handlers.WriteProblem(c, log, &models.Error{Code: models.EBADREQUEST,
				Message: "This operation takes no Idempotency-Key; nothing was done.", Fields: []models.FieldError{{Field: "Idempotency-Key",
					Reason: "is not supported by this operation (only POSTs that create take one; PUT and PATCH may be repeated as they are, guarded by If-Match), so a retry would not be recognised; send the request without it"}}})
			return
		}
		c.Next()
	}
}

// declared is what an operation declares of a request: its query
// parameters, sorted, and whether it checks If-Match and If-None-Match.
type declared struct {
	queries     []string
	conditional bool
	idempotent  bool // it takes Idempotency-Key (the create routes, routes.go)
	badRequest  bool // it documents a 400 answer
	// produces lists the media types of the operation's successes,
	// application/json first (the server's preference when a client
	// accepts several); none when its successes have no body (204).
	produces []string
}

var docParams = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// ginPath writes a path of the document as gin's route pattern, which
// requests carry (gin.Context.FullPath): /api/v1/actors/{id} →
// /api/v1/actors/:id. The keys are written once, at start-up, not per
// request.
func ginPath(path string) string { return docParams.ReplaceAllString(path, ":$1") }

// declaredQueries lists the query parameters and preconditions of every
// operation of doc, by "METHOD /route/:param" (gin's route pattern).
func declaredQueries(doc *openapi3.T) map[string]declared {
	out := map[string]declared{}
	operations(doc, func(path, method string, op *openapi3.Operation) {
		d := declared{queries: []string{}}
		for _, params := range []openapi3.Parameters{doc.Paths.Value(path).Parameters, op.Parameters} {
			for _, ref := range params {
				switch {
				case ref.Value == nil:
				case ref.Value.In == openapi3.ParameterInQuery:
					d.queries = append(d.queries, ref.Value.Name)
				case ref.Value.In == openapi3.ParameterInHeader && (ref.Value.Name == "If-Match" || ref.Value.Name == "If-None-Match"):
					d.conditional = true
				case ref.Value.In == openapi3.ParameterInHeader && ref.Value.Name == "Idempotency-Key":
					d.idempotent = true
				}
			}
		}
		sort.Strings(d.queries)
		d.badRequest = op.Responses != nil && op.Responses.Value("400") != nil
		d.produces = successTypes(op)
		out[strings.ToUpper(method)+" "+ginPath(path)] = d
	})
	return out
}
