package contact

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// NormalizeEmail returns a bare e-mail address (contact@example.fr) with its
// domain lower-cased.
//
// The domain is case-insensitive (DNS), so lower-casing it makes equal
// addresses compare equal; the local part is left as written because, in
// principle, only the receiving server knows whether Jean.Dupont and
// jean.dupont are the same mailbox (callers that deduplicate can fold it).
// A leading "mailto:" is removed, since it is what people copy from a link.
//
// It refuses display names and angle brackets ("Mairie <mairie@x.fr>"),
// quoted local parts and comments, which net/mail would accept but the
// national standard's file could not carry; several addresses in one value;
// anything net/mail does not accept as an address; domains without a dot or
// with a numeric top-level label (user@localhost, user@10.0.0.1); domain
// literals; and non-ASCII characters, which many mail servers still reject
// (an internationalised domain must be given in its xn-- form).
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	switch {
	case s == "":
		return "", emailErr("the e-mail address is empty")
	case len(s) > 254:
		return "", emailErr("%s is longer than the 254 characters an e-mail address can have", brief(s))
	case !utf8.ValidString(s):
		return "", emailErr("%s is not valid text", brief(s))
	case strings.ContainsAny(s, "<>\"()"):
		return "", emailErr("%s: give the bare address, like contact@example.fr, without a name, quotes or comments", brief(s))
	case strings.ContainsAny(s, ",; \t\r\n") || strings.Count(s, "@") > 1:
		return "", emailErr("%s: give one e-mail address per field, without spaces", brief(s))
	case !strings.Contains(s, "@"):
		return "", emailErr("%s is not an e-mail address: it has no @", brief(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return "", emailErr("%s contains accented or non-Latin characters, which many mail servers reject: give the address in plain ASCII (an internationalised domain in its xn-- form)", brief(s))
		}
		if s[i] < ' ' || s[i] == 0x7f {
			return "", emailErr("%s contains control characters", brief(s))
		}
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], strings.ToLower(s[at+1:])
	if local == "" {
		return "", emailErr("%s has nothing before the @", brief(s))
	}
	if len(local) > 64 {
		return "", emailErr("%s: the part before the @ is longer than 64 characters", brief(s))
	}
	if reason := checkHostname(domain); reason != "" {
		return "", emailErr("%s: the domain %s", brief(s), reason)
	}
	out := s
	if domain != s[at+1:] {
		// A domain written with capitals: the address is made again.
		// Else it is s as given, without a copy (an allocation a row of
		// an import, issue 11, item 6).
		out = local + "@" + domain
	}
	if dotAtom(local) {
		// What net/mail accepts as this very address (the domain, checked
		// above, is one too): parsing it took ten allocations an address,
		// a tenth of an import's reading of a row.
		return out, nil
	}
	addr, err := mail.ParseAddress(out)
	if err != nil || addr.Name != "" || addr.Address != out {
		return "", emailErr("%s is not a valid e-mail address", brief(s))
	}
	return out, nil
}

// dotAtom says whether s is an RFC 5322 dot-atom of ASCII: atoms of atext
// (printable characters but the specials) joined by single dots, which
// net/mail reads as an address's local part without a word.
func dotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>[]:;@\,"`, c) >= 0 {
			return false
		}
	}
	return true
}

// checkHostname returns why a lower-case ASCII host name cannot be a public
// domain name, or "" when it can: dot-separated labels of letters, digits and
// inner hyphens, at most 63 characters each and 253 in all, at least two
// labels, and a top-level label that is not all digits (which also refuses
// IPv4 addresses: a directory of public places links to them by name).
func checkHostname(h string) string {
	switch {
	case h == "":
		return "is missing"
	case len(h) > 253:
		return "is longer than 253 characters"
	case !strings.Contains(h, "."):
		return "has no dot: give a full domain such as example.fr"
	}
	var tld string
	for rest, more := h, true; more; {
		var l string
		l, rest, more = strings.Cut(rest, ".")
		tld = l
		if l == "" {
			return "has an empty part (two dots in a row, or a dot at an end)"
		}
		if len(l) > 63 {
			return "has a part longer than 63 characters"
		}
		if l[0] == '-' || l[len(l)-1] == '-' {
			return "has a part that starts or ends with a dash"
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return "may only contain letters, digits, dashes and dots (an internationalised domain in its xn-- form)"
			}
		}
	}
	allDigits := true
	for i := 0; i < len(tld); i++ {
		if tld[i] < '0' || tld[i] > '9' {
			allDigits = false
		}
	}
	if allDigits || len(tld) < 2 {
		return "does not end with a top-level domain such as .fr"
	}
	return ""
}
