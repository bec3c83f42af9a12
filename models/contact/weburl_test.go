package contact

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeURLAccepts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.laquincaillerie.tl/", "https://www.laquincaillerie.tl/"},
		{"https://m.facebook.com/laquincaillerienumerique/", "https://m.facebook.com/laquincaillerienumerique/"},
		{"http://www.eyragues.fr/actus.php", "http://www.eyragues.fr/actus.php"}, // http is kept
		{"http://www.sivom-villefranche.org/modules/news/article.php?storyid=38", "http://www.sivom-villefranche.org/modules/news/article.php?storyid=38"},
		{"https://www.facebook.com/info-16-cognac-328234643870129/", "https://www.facebook.com/info-16-cognac-328234643870129/"},
		{"  https://udaf16.org  ", "https://udaf16.org"},
		{"HTTPS://WWW.Example.FR/Page", "https://www.example.fr/Page"}, // path case kept
		{"www.example.fr/x", "https://www.example.fr/x"},
		{"example.fr", "https://example.fr"},
		{"www.example.fr?q=1", "https://www.example.fr?q=1"},
		{"www.example.fr:8080/x", "https://www.example.fr:8080/x"},
		{"//www.example.fr/x", "https://www.example.fr/x"},
		{"https://example.fr:8443/a?b=c#d", "https://example.fr:8443/a?b=c#d"},
		{"https://example.fr/%C3%A9v%C3%A9nements", "https://example.fr/%C3%A9v%C3%A9nements"},
		{"https://example.fr/événements", "https://example.fr/%C3%A9v%C3%A9nements"},
		{"https://www.rdv-solidarites.fr/", "https://www.rdv-solidarites.fr/"},
		{"https://acceslibre.beta.gouv.fr/app/29-lampaul-plouarzel/a/bibliotheque-mediatheque/erp/mediatheque-13/", "https://acceslibre.beta.gouv.fr/app/29-lampaul-plouarzel/a/bibliotheque-mediatheque/erp/mediatheque-13/"},
		{"https://xn--mairie-vry-b7a.fr/", "https://xn--mairie-vry-b7a.fr/"},
	}
	for _, tt := range tests {
		got, err := NormalizeURL(tt.in)
		if err != nil {
			t.Errorf("NormalizeURL(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again, err := NormalizeURL(got); err != nil || again != got {
			t.Errorf("not a fixed point: %q → %q, %v", got, again, err)
		}
	}
}

func TestNormalizeURLRejects(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "the web address is empty"},
		{"javascript", "javascript:alert(1)", "only http:// and https:// addresses are accepted, not javascript:"},
		{"javascript upper case", "JavaScript:alert(1)", "not javascript:"},
		{"mailto", "mailto:contact@example.fr", "not mailto:"},
		{"tel", "tel:+33123456789", "not tel:"},
		{"ftp", "ftp://ftp.example.fr/", "not ftp:"},
		{"data", "data:text/html,<script>alert(1)</script>", "not data:"},
		{"file", "file:///etc/passwd", "not file:"},
		{"missing slashes", "https:example.fr", "write it like https://www.example.fr"},
		{"single slash", "http:/example.fr", "write it like https://www.example.fr"},
		{"space inside", "https://example.fr/mon site", "contains spaces"},
		{"two addresses", "https://a.fr https://b.fr", "one web address per field"},
		{"newline", "https://a.fr\nhttps://b.fr", "contains spaces"},
		{"tab", "https://a.fr/\tx", "contains spaces"},
		{"not a host", "mairie de peyruis", "contains spaces"},
		{"a word", "facebook", "is not a web address"},
		{"no host", "https://", "the host is missing"},
		{"no host with path", "https:///path", "the host is missing"},
		{"host without dot", "https://intranet/page", "has no dot"},
		{"IP address", "http://192.168.1.10/admin", "top-level domain"},
		{"IPv6", "http://[::1]/", "has no dot"},
		{"user info", "https://user:secret@example.fr/", "user name or password"},
		{"non-ASCII host", "https://mairie-évry.fr/", "xn-- form"},
		{"underscore host", "https://my_site.fr/", "may only contain letters"},
		{"bad escape", "https://example.fr/%zz", "is not a valid web address"},
		{"bad port", "https://example.fr:99999/", "invalid port"},
		{"empty port", "https://example.fr:/", "empty port"},
		{"localhost port", "localhost:8080", "not localhost:"},
		{"control character", "https://example.fr/\x00", "contains spaces"},
		{"invalid UTF-8", "https://example.fr/\xff", "not valid text"},
		{"too long", "https://example.fr/" + strings.Repeat("a", 2000), "longer than 2000 characters"},
		{"too long in characters", "https://example.fr/" + strings.Repeat("é", 1982), "longer than 2000 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeURL(tt.in)
			if err == nil {
				t.Fatalf("NormalizeURL(%q) = %q, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrInvalidURL) {
				t.Errorf("%v does not wrap ErrInvalidURL", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("message %q does not contain %q", err.Error(), tt.want)
			}
		})
	}
}

// TestURLLengthCountsCharactersAsSent: the limit counts the value as sent,
// in characters, as the document's maxLength: measured once percent-encoded,
// 2,000 characters of which 1,981 « é » were refused (probe 38a, H1).
func TestURLLengthCountsCharactersAsSent(t *testing.T) {
	in := "https://example.fr/" + strings.Repeat("é", 1981)
	if n := len([]rune(in)); n != 2000 {
		t.Fatalf("setup: %d characters", n)
	}
	if _, err := NormalizeURL(in); err != nil {
		t.Fatalf("NormalizeURL(2000 characters) = %v, want accepted", err)
	}
}
