package handlers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// Conditional writes, as RFC 9110 §13.1 defines them:
//
//	If-Match      = "*" / #entity-tag
//	If-None-Match = "*" / #entity-tag
//	entity-tag    = [ "W/" ] DQUOTE *etagc DQUOTE
//	etagc         = %x21 / %x23-7E / obs-text
//
// A list may hold several tags ("3", "4"), and empty elements, which are
// ignored. If-Match compares strongly: a weak tag (W/"3") never matches.
// If-None-Match compares weakly: W/"3" and "3" both name version 3. A tag
// that names none of the record's versions (« "abc" ») is well formed and
// matches nothing; a field that does not follow the grammar is refused
// with 400, because a client that believed its write conditional must not
// have it applied unconditionally.

// entityTag is one entity-tag of a list: its opaque part without the quotes.
type entityTag struct {
	weak   bool
	opaque string
}

// etagList is a parsed If-Match or If-None-Match field value.
type etagList struct {
	any  bool // *
	tags []entityTag
}

// parseETagList parses a field value (several field lines joined with
// commas). It returns false when the value does not follow the grammar,
// including when it holds no element at all.
func parseETagList(v string) (etagList, bool) {
	var out etagList
	if t := trimOWS(v); t == "*" {
		out.any = true
		return out, true
	}
	rest := v
	for {
		rest = trimOWS(rest)
		switch {
		case rest == "":
			return out, len(out.tags) > 0
		case rest[0] == ',':
			rest = rest[1:] // an empty element
			continue
		}
		var tag entityTag
		if strings.HasPrefix(rest, "W/") {
			tag.weak, rest = true, rest[2:]
		}
		if rest == "" || rest[0] != '"' {
			return etagList{}, false
		}
		end := 1
		for end < len(rest) && etagc(rest[end]) {
			end++
		}
		if end == len(rest) || rest[end] != '"' {
			return etagList{}, false
		}
		tag.opaque = rest[1:end]
		out.tags = append(out.tags, tag)
		rest = trimOWS(rest[end+1:])
		if rest != "" && rest[0] != ',' {
			return etagList{}, false // two tags without a comma, or garbage after one
		}
	}
}

// etagc is a character an opaque tag may hold: visible ASCII but the
// double quote, and any byte of obs-text.
func etagc(b byte) bool { return b == 0x21 || b >= 0x23 && b <= 0x7e || b >= 0x80 }

func trimOWS(s string) string { return strings.Trim(s, " \t") }

// String writes the list back in its canonical form.
func (l etagList) String() string {
	if l.any {
		return "*"
	}
	parts := make([]string, len(l.tags))
	for i, t := range l.tags {
		if t.weak {
			parts[i] = `W/"` + t.opaque + `"`
		} else {
			parts[i] = `"` + t.opaque + `"`
		}
	}
	return strings.Join(parts, ", ")
}

// etagVersion reads the record version an opaque tag names: the ETags this
// API sends are "<version>", for services "<version>.<actor's version>",
// and for actors "<version>" followed by what the caller's view depends on
// besides the version (".public": contacts not shown to this caller; ".
// <today's status>" for a temporarily closed place). Only the record's own
// version counts, so "3", "3.7" and "3.temporarily_closed" all name version
// 3 (a service edit is not blocked by a change to its actor, nor a closed
// place's by the day).
func etagVersion(opaque string) (int64, bool) {
	v, rest, dotted := strings.Cut(opaque, ".")
	if !canonicalNumber(v) {
		return 0, false
	}
	if dotted {
		for _, part := range strings.Split(rest, ".") {
			if !canonicalNumber(part) && !etagWord(part) {
				return 0, false
			}
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil && n >= 1
}

// etagWord says whether s is a qualifier the server writes in a tag: lower
// case letters and underscores.
func etagWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < 'a' || s[i] > 'z') && s[i] != '_' {
			return false
		}
	}
	return true
}

// canonicalNumber says whether s is a decimal number as the server writes
// it: digits, no sign, no leading zero (ETags compare character by
// character, so "03" is not "3").
func canonicalNumber(s string) bool {
	if s == "" || len(s) > 1 && s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// versions turns a parsed list into the versions it names; strong keeps
// only strong tags (If-Match's strong comparison).
func (l etagList) versions(strong bool) *models.Versions {
	out := &models.Versions{Any: l.any, List: []int64{}}
	for _, t := range l.tags {
		if strong && t.weak {
			continue
		}
		if _, rest, _ := strings.Cut(t.opaque, "."); slices.Contains(strings.Split(rest, "."), "public") {
			// The public version of an actor (its number counts public
			// changes only), sent to callers who may not see its contacts:
			// compared with the public version, never with the version.
			if n, ok := etagVersion(t.opaque); ok && !slices.Contains(out.Public, n) {
				out.Public = append(out.Public, n)
			}
			continue
		}
		if n, ok := etagVersion(t.opaque); ok && !slices.Contains(out.List, n) {
			out.List = append(out.List, n)
		}
	}
	return out
}

// preconditions reads If-Match and If-None-Match for a write on a
// versioned record; the store checks them in the write's transaction.
// A malformed field answers 400 naming it.
func preconditions(c *gin.Context) (models.Precondition, error) {
	var p models.Precondition
	for _, h := range []struct {
		name   string
		strong bool
		dst    **models.Versions
	}{{"If-Match", true, &p.IfMatch}, {"If-None-Match", false, &p.IfNoneMatch}} {
		lines, present := c.Request.Header[h.name]
		if !present {
			continue
		}
		l, ok := parseETagList(strings.Join(lines, ", "))
		if !ok {
			return models.Precondition{}, &models.Error{Code: models.EBADREQUEST, Message: "The " + h.name + " header is malformed.",
				Fields: []models.FieldError{{Field: h.name, Reason: `must be * or a comma-separated list of entity-tags, such as "3" or "3", "4" (the ETag as read, in double quotes; RFC 9110)`}}}
		}
		*h.dst = l.versions(h.strong)
	}
	return p, nil
}
