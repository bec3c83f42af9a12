package handlers

import (
	"strconv"
	"strings"
)

// Negotiate chooses among offers (media types, the server's preference
// first) the one the Accept header accept prefers (RFC 9110 §12.5.1): each
// offer takes the quality of the most specific media range that matches it
// (type/subtype, then type/*, then */*), the highest quality wins and ties go
// to the server's order. ok is false when the header names media ranges but
// gives every offer the quality 0 or matches none of them: the request is
// not acceptable (406).
//
// An absent or empty header accepts anything (the first offer). A header
// that holds no media range at all — a bare word, a stray comma — is read as
// absent rather than refused: RFC 9110 lets a server disregard a header it
// cannot parse, and a client that wrote it wrong did not ask for another
// format. Parameters other than q (charset, version) do not take part in the
// match.
func Negotiate(accept string, offers ...string) (string, bool) {
	if len(offers) == 0 {
		return "", false
	}
	ranges := parseAccept(accept)
	if len(ranges) == 0 {
		return offers[0], true
	}
	best, bestQ := "", 0.0
	for _, offer := range offers {
		typ, sub, _ := strings.Cut(strings.ToLower(offer), "/")
		q, specificity := 0.0, -1
		for _, r := range ranges {
			s := -1
			switch {
			case r.typ == typ && r.sub == sub:
				s = 2
			case r.typ == typ && r.sub == "*":
				s = 1
			case r.typ == "*" && r.sub == "*":
				s = 0
			}
			if s > specificity {
				q, specificity = r.q, s
			}
		}
		if q > bestQ {
			best, bestQ = offer, q
		}
	}
	return best, best != ""
}

// PreferredType is the media type — not a range with * — that the Accept
// header gives the highest quality above 0 (the first on a tie), or "".
func PreferredType(accept string) string {
	best, bestQ := "", 0.0
	for _, r := range parseAccept(accept) {
		if r.typ != "*" && r.sub != "*" && r.q > bestQ {
			best, bestQ = r.typ+"/"+r.sub, r.q
		}
	}
	return best
}

// mediaRange is one element of an Accept header.
type mediaRange struct {
	typ, sub string
	q        float64
}

// maxAcceptRanges bounds the work one header can ask for: browsers send
// about ten ranges; a longer list is read up to here.
const maxAcceptRanges = 64

// parseAccept reads the media ranges of an Accept header, lower-cased,
// skipping the elements that are not type/subtype. A q that is not a
// number from 0 to 1 leaves the range at 1: the client named the type.
func parseAccept(h string) []mediaRange {
	var out []mediaRange
	for part := range strings.SplitSeq(h, ",") {
		if len(out) == maxAcceptRanges {
			break
		}
		mt, params, _ := strings.Cut(part, ";")
		typ, sub, ok := strings.Cut(strings.ToLower(strings.TrimSpace(mt)), "/")
		if !ok || !token(typ) || !token(sub) || (typ == "*" && sub != "*") {
			continue
		}
		r := mediaRange{typ: typ, sub: sub, q: 1}
		if q, ok := weight(params); ok {
			r.q = q
		}
		out = append(out, r)
	}
	return out
}

// weight reads the weight (q) among the parameters of an element of an
// Accept or Accept-Encoding list: its name in either case, its value any
// of RFC 9110's spellings (q=0, 0.0, 0.000 are one refusal); 1 when the
// element names none. ok is false when the weight is not a number from 0
// to 1. Only the first q counts: parameters after it are accept-ext.
func weight(params string) (q float64, ok bool) {
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(p, "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return q, err == nil && q >= 0 && q <= 1
	}
	return 1, true
}

// AcceptsGzip reads Accept-Encoding: gzip, or « * » when gzip is not
// listed, with a weight above 0. A weight that cannot be read is no
// consent: the client gets the bytes uncompressed, which every client
// reads.
func AcceptsGzip(h string) bool {
	star := false
	for part := range strings.SplitSeq(h, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		q, ok := weight(params)
		switch {
		case strings.EqualFold(name, "gzip"):
			return ok && q > 0
		case name == "*":
			star = ok && q > 0
		}
	}
	return star
}

// token reports whether s is a non-empty RFC 9110 token (the characters of
// a media type's name).
func token(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0 {
			continue
		}
		return false
	}
	return true
}

// wantsCSV reports whether the client prefers CSV to JSON (JSON on a tie, and
// when it accepts neither: the middleware of the router has refused the
// request already then, see api/accept.go).
func wantsCSV(accept string) bool {
	got, _ := Negotiate(accept, "application/json", "text/csv")
	return got == "text/csv"
}
