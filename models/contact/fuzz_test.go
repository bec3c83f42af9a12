package contact

import (
	"errors"
	"net/mail"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkError asserts what every refusal must offer an API user: a short,
// printable message that callers can classify with errors.Is.
func checkError(t *testing.T, err error, sentinel error) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("error %v does not wrap %v", err, sentinel)
	}
	if msg := err.Error(); msg == "" || len(msg) > 500 || !utf8.ValidString(msg) {
		t.Fatalf("bad message %q", msg)
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range [][2]string{
		{"01 23 45 67 89", "75001"}, {"+33 (0)1 23 45 67 89", ""}, {"0033123456789", "13500"},
		{"0590 20 12 34", "97100"}, {"0590 27 12 34", "97133"}, {"0692 12 34 56", "97400"},
		{"20.12.34", "98800"}, {"40 41 23 45", "98714"}, {"72 12 34", "98600"}, {"41 12 34", "97500"},
		{"3949", "75001"}, {"+44 20 7946 0958", ""}, {"+33 590 20 12 34", ""}, {"+269 771 23 45", "97600"},
		{"", ""}, {"+", ""}, {"00", ""}, {"((0))", "97100"}, {"0639 01 23 45", "97600"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, s, postal string) {
		out, err := NormalizePhone(s, postal)
		if err != nil {
			checkError(t, err, ErrInvalidPhone)
			if out != "" {
				t.Fatalf("output %q returned with an error", out)
			}
			return
		}
		if !ExportPhonePattern.MatchString(out) {
			t.Fatalf("NormalizePhone(%q, %q) = %q does not match the export pattern", s, postal, out)
		}
		// E.164 carries its country, so the postal code no longer matters.
		for _, p := range []string{postal, "", "97100", "98800"} {
			if again, err := NormalizePhone(out, p); err != nil || again != out {
				t.Fatalf("not a fixed point: NormalizePhone(%q, %q) = %q; again with %q: %q, %v", s, postal, out, p, again, err)
			}
		}
	})
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{
		"contact@laquincaillerie.tl", "MPT.LESCAILLOLS@SYNERGIEFAMILY.COM", "mailto:a@b.fr",
		"Jean <a@b.fr>", `"a b"@c.fr`, "a@b", "a@b..fr", "a@[1.2.3.4]", "a(b)@c.fr", "a@b.fr,c@d.fr",
		"é@b.fr", "a@xn--bcher-kva.de", "", "@", "a@", "a.@b.fr", "=?utf-8?q?x?=@b.fr",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := NormalizeEmail(s)
		if err != nil {
			checkError(t, err, ErrInvalidEmail)
			return
		}
		if again, err := NormalizeEmail(out); err != nil || again != out {
			t.Fatalf("not a fixed point: NormalizeEmail(%q) = %q; again: %q, %v", s, out, again, err)
		}
		addr, err := mail.ParseAddress(out)
		if err != nil || addr.Name != "" || addr.Address != out {
			t.Fatalf("accepted %q is not a bare net/mail address: %+v, %v", out, addr, err)
		}
		domain := out[strings.LastIndexByte(out, '@')+1:]
		if domain != strings.ToLower(domain) || !strings.Contains(domain, ".") {
			t.Fatalf("accepted %q has domain %q", out, domain)
		}
	})
}

func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{
		"https://www.laquincaillerie.tl/", "www.example.fr/x", "example.fr:8080", "//a.fr", "HTTP://A.FR/B?c#d",
		"javascript:alert(1)", "https:example.fr", "https://user@a.fr", "https://a.fr/é?é#é", "https://a.fr/%41",
		"https://a.fr/a%2Fb", "https://a.fr/;x", "https://a.fr?", "https://a.fr#", "https://ex%41mple.fr/",
		"", "a", "1.2.3.4", "https://[::1]:80/", "https://a.fr:/", "https://a.fr//x", "https://a.fr/..%2f",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := NormalizeURL(s)
		if err != nil {
			checkError(t, err, ErrInvalidURL)
			return
		}
		if len(out) > MaxURLLength {
			t.Fatalf("output longer than %d: %d", MaxURLLength, len(out))
		}
		if again, err := NormalizeURL(out); err != nil || again != out {
			t.Fatalf("not a fixed point: NormalizeURL(%q) = %q; again: %q, %v", s, out, again, err)
		}
		u, err := url.Parse(out)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			t.Fatalf("accepted %q parses as %+v, %v", out, u, err)
		}
		if strings.ContainsAny(out, " \t\r\n") {
			t.Fatalf("accepted %q contains white space", out)
		}
	})
}
