package webhook

import (
	"net/netip"
	"strings"
	"testing"
)

// TestProbe36L7MulticastIsNamedSo: 224.0.0.1 (link-local multicast) was
// refused as "a link-local address (cloud metadata services live there)":
// the right refusal with the wrong reason.
func TestProbe36L7MulticastIsNamedSo(t *testing.T) {
	for addr, want := range map[string]string{
		"224.0.0.1":       "multicast",
		"ff02::1":         "multicast",
		"239.1.2.3":       "multicast",
		"169.254.169.254": "link-local address (cloud metadata",
		"fe80::1":         "link-local address",
	} {
		err := Guard{}.checkAddr(netip.MustParseAddr(addr))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a reason naming %q", addr, err, want)
		}
		if want == "multicast" && strings.Contains(err.Error(), "metadata") {
			t.Errorf("%s: %v", addr, err)
		}
	}
}
