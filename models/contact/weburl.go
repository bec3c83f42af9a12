package contact

import (
	"carnet/models/textlen"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxURLLength bounds stored web addresses. Browsers and crawlers cope with
// about 2,000 characters; a longer value is almost always a pasted tracking
// link or an accident.
const MaxURLLength = 2000

// NormalizeURL returns an absolute http or https address with its scheme
// and host lower-cased.
//
// When the scheme is missing and the value starts with a host name
// (www.example.fr/x, example.fr), https:// is added: that is how people write
// addresses on posters, and https is what nearly every site serves today.
// An explicit http:// is kept, since we cannot know the site serves https.
// Path, query and fragment are kept, percent-encoded where net/url requires.
//
// It refuses other schemes (javascript:, mailto:, tel:, ftp:…), which a
// "site web" link must not carry; white space (several addresses in one
// value, or an unencoded space); user names and passwords in the address;
// hosts that are not public domain names (no dot, IP addresses, non-ASCII:
// give an internationalised domain in its xn-- form); and values longer than
// MaxURLLength.
func NormalizeURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", urlErr("the web address is empty")
	case !utf8.ValidString(s):
		return "", urlErr("%s is not valid text", brief(s))
	case urlLen(s) > MaxURLLength:
		return "", urlErr("the web address is longer than %d characters", MaxURLLength)
	case strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return "", urlErr("%s contains spaces: give one web address per field, with spaces encoded as %%20", brief(s))
	}

	switch scheme, rest, ok := splitScheme(s); {
	case ok && scheme != "http" && scheme != "https":
		return "", urlErr("%s is not a web address: only http:// and https:// addresses are accepted, not %s:", brief(s), scheme)
	case ok && !strings.HasPrefix(rest, "//"):
		return "", urlErr("%s is malformed: write it like https://www.example.fr", brief(s))
	case !ok && strings.HasPrefix(s, "//"):
		s = "https:" + s
	case !ok:
		if !looksLikeHost(s) {
			return "", urlErr("%s is not a web address: write it like https://www.example.fr", brief(s))
		}
		s = "https://" + s
	}

	u, err := url.Parse(s)
	if err != nil {
		return "", urlErr("%s is not a valid web address", brief(s))
	}
	if u.User != nil {
		return "", urlErr("%s contains a user name or password: give the public address", brief(s))
	}
	host := strings.ToLower(u.Hostname())
	if reason := checkHostname(host); reason != "" {
		return "", urlErr("%s: the host %s", brief(s), reason)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", urlErr("%s has an invalid port", brief(s))
		}
		host += ":" + p
	} else if strings.HasSuffix(u.Host, ":") {
		return "", urlErr("%s has an empty port", brief(s))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = host
	return u.String(), nil
}

// urlLen is the length of a web address in characters, as the document's
// maxLength counts them, its percent-escapes read as what they encode:
// the address sent (« https://example.fr/é ») and the form stored, encoded
// (« …/%C3%A9 », checked again when the record is), measure the same.
// Measured once encoded, each « é » counted 6 and an address of 2,000
// characters was refused (probe 38a, H1). The stored form may be longer
// than MaxURLLength characters (a text column).
func urlLen(s string) int {
	if d, err := url.PathUnescape(s); err == nil && utf8.ValidString(d) {
		return textlen.Of(d)
	}
	return textlen.Of(s)
}

// splitScheme splits "scheme:rest" when s starts with an RFC 3986 scheme
// followed by a colon. A host with a port (example.fr:8080/x) also has that
// shape; it is told apart by the dot in the "scheme" and the digits after the
// colon, and reported as having no scheme.
func splitScheme(s string) (scheme, rest string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", "", false
	}
	scheme, rest = s[:i], s[i+1:]
	for j := 0; j < len(scheme); j++ {
		c := scheme[j]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (j == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return "", "", false
		}
	}
	if strings.Contains(scheme, ".") && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		return "", "", false // host:port
	}
	return strings.ToLower(scheme), rest, true
}

// looksLikeHost reports whether a scheme-less value starts with something
// shaped like a domain name (letters, digits, dashes, at least one dot),
// optionally with a port, before its path, query or fragment.
func looksLikeHost(s string) bool {
	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	h := s[:end]
	if i := strings.LastIndexByte(h, ':'); i >= 0 {
		h = h[:i]
	}
	return checkHostname(strings.ToLower(h)) == ""
}
