package handlers

import (
	"slices"
	"testing"
)

func TestNegotiate(t *testing.T) {
	offers := []string{"application/json", "text/csv"}
	for _, tc := range []struct {
		accept, want string
		ok           bool
	}{
		{"", "application/json", true},
		{"*/*", "application/json", true},
		{"text/csv", "text/csv", true},
		{"text/csv;q=0.5, application/json", "application/json", true},
		{"application/json;q=0.5, text/csv", "text/csv", true},
		{"application/json;q=0.5, text/csv;q=0.5", "application/json", true}, // a tie: the server's order
		{"text/*, application/json;q=0.9", "text/csv", true},
		{"*/*;q=0.1, text/csv;q=0", "application/json", true}, // the specific range wins over */*
		{"application/xml", "", false},
		{"*/*;q=0", "", false},
		{"application/json;q=0, text/csv;q=0", "", false},
		{"TEXT/CSV", "text/csv", true},
		{"text/csv; charset=utf-8; q=0.3, application/json;q=0.2", "text/csv", true},
		{"text/csv;q=2", "text/csv", true},         // out of range: the client named it
		{"nonsense, ,;", "application/json", true}, // no media range: absent
		{"*/csv", "application/json", true},        // not a range: absent
	} {
		got, ok := Negotiate(tc.accept, offers...)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Negotiate(%q) = %q, %v; want %q, %v", tc.accept, got, ok, tc.want, tc.ok)
		}
	}
	if got := PreferredType("application/json;q=0.2, text/csv;q=0.8, */*"); got != "text/csv" {
		t.Errorf("PreferredType: %q", got)
	}
}

// FuzzNegotiate: any header gives one of the offers or refuses, and a
// refusal only when the header names a media range.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"", "*/*", "text/csv;q=0.5, application/json", "a/b;q=0;q=1", ",,,;q=", "text/*;Q=0.001", "\x00/\xff"} {
		f.Add(s)
	}
	offers := []string{"application/json", "text/csv", "application/geo+json"}
	f.Fuzz(func(t *testing.T, accept string) {
		got, ok := Negotiate(accept, offers...)
		if ok != slices.Contains(offers, got) {
			t.Fatalf("Negotiate(%q) = %q, %v", accept, got, ok)
		}
		if !ok && len(parseAccept(accept)) == 0 {
			t.Fatalf("Negotiate(%q) refused a header without media ranges", accept)
		}
	})
}

// TestAcceptsGzip: the exports and the documentation's files read
// Accept-Encoding alike (each had its own reading, and the documentation's
// still sent gzip to « br, gzip;level=1;q=0 »): gzip's own weight, else
// « * »'s, above 0; an unreadable weight is no consent.
func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"gzip": true, "GZip": true, "br, gzip;q=0.8": true, "gzip;q=0.001": true, "*": true, "*;q=0.5": true,
		"": false, "identity": false, "br": false, "gzip;q=0": false, "gzip; Q=0.000": false,
		"br, gzip;level=1;q=0": false, "*, gzip;q=0": false, "gzip;q=0, *": false, "*;q=0": false,
		"gzip;q=abc": false, "gzip;q=2": false,
	} {
		if got := AcceptsGzip(h); got != want {
			t.Errorf("AcceptsGzip(%q) = %v, want %v", h, got, want)
		}
	}
}
