package api

import (
	"log/slog"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"carnet/handlers"
)

// knownQueries refuses a write (POST, PUT, PATCH, DELETE) whose query
// string holds a parameter the operation does not declare: 400, each
// unknown parameter named in the problem's errors, and nothing written. A
// partner who typed ?dry_rn=true believes it ran a dry run; ignoring the
// parameter would really write. A query string that cannot be read (a bad
// percent-escape, a semicolon) is refused too, since its pairs would be
// dropped unseen.
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
func knownQueries(log *slog.Logger, ops map[string][]string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if ops == nil || c.Request.URL.RawQuery == "" || !isWrite(c.Request.Method) {
			c.Next()
			return
		}
		known, ok := ops[c.Request.Method+" "+openAPIPath(c.FullPath())]
		if !ok {
			c.Next() // no such operation: the 404 or 405 answers
			return
		}
		if err := handlers.UnknownQueryParameters(c.Request.URL.RawQuery, known); err != nil {
			handlers.WriteProblem(c, log, err)
			return
		}
		c.Next()
	}
}

var ginParams = regexp.MustCompile(`[:*]([A-Za-z_][A-Za-z0-9_]*)`)

// openAPIPath writes a gin route pattern as the document does:
// /api/v1/actors/:id → /api/v1/actors/{id}.
func openAPIPath(route string) string { return ginParams.ReplaceAllString(route, "{$1}") }

// declaredQueries lists the query parameters of every operation of doc,
// sorted, by "METHOD /path".
func declaredQueries(doc *openapi3.T) map[string][]string {
	out := map[string][]string{}
	operations(doc, func(path, method string, op *openapi3.Operation) {
		names := []string{}
		for _, params := range []openapi3.Parameters{doc.Paths.Value(path).Parameters, op.Parameters} {
			for _, ref := range params {
				if ref.Value != nil && ref.Value.In == openapi3.ParameterInQuery {
					names = append(names, ref.Value.Name)
				}
			}
		}
		sort.Strings(names)
		out[strings.ToUpper(method)+" "+path] = names
	})
	return out
}
