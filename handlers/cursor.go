package handlers

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

// A list's cursor is bound to the list that gave it. The stores' cursors
// say where a page ends (an id, a sort key, a sequence number, a
// position) but not in which list: an /actors cursor given to /services,
// one actor's history cursor given to another's, a cursor of
// ?departement=13 given with departement=84 each answered a page of the
// other list, starting at a place that list never reached — rows were
// skipped without a word. Every list therefore seals the cursor it gives
// (listMeta) with a digest of its scope: the path (the list, and whose
// list it is) and every query parameter but cursor and limit (a client
// may change the page size while paging) and sort (the stores' cursors
// carry their sort order, and refuse another one saying so). Reading it (queryParser.cursor)
// refuses another scope's with 400 naming cursor. The change feeds' cursors
// are their documented plain sequence numbers, and are not sealed.

// queryOf starts reading the query string of c's request, with the scope
// its list's cursors are bound to.
func queryOf(c *gin.Context) *queryParser {
	q := newQueryParser(c.Request.URL.Query())
	q.scope = cursorScope(c.Request.URL.Path, c.Request.URL.Query())
	return q
}

// cursorScope is the list a cursor belongs to, as one string.
func cursorScope(path string, v url.Values) string {
	kept := url.Values{}
	for k, vals := range v {
		if k != "cursor" && k != "limit" && k != "sort" {
			kept[k] = vals
		}
	}
	return path + "?" + kept.Encode() // sorted by name
}

// cursorSeal is the digest appended to the cursors of scope: 72 bits of
// SHA-256, enough that two lists' seals never meet by chance. It is no
// secret: a client that forges one gets no page it could not ask for.
func cursorSeal(scope string) string {
	h := sha256.Sum256([]byte(scope))
	return base64.RawURLEncoding.EncodeToString(h[:9])
}

// sealCursor binds a store's cursor (base64url, which holds no « . ») to
// scope.
func sealCursor(scope, cursor string) string {
	return cursor + "." + cursorSeal(scope)
}

// cursor reads the cursor parameter of a list, and returns the store's
// cursor it seals ("" when absent or refused).
func (q *queryParser) cursor() string {
	s := q.one("cursor")
	if s == "" {
		return ""
	}
	inner, seal, ok := strings.Cut(s, ".")
	switch {
	case !ok || inner == "":
		q.errs.Add("cursor", "use the next_cursor (or the next link) of a previous page of this list, unchanged")
	case q.scope == "" || seal != cursorSeal(q.scope):
		q.errs.Add("cursor", "belongs to another list, or to this list with other parameters: page with the next link as given (only limit may change), or start again without cursor")
	default:
		return inner
	}
	return ""
}
