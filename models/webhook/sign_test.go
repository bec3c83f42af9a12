package webhook

import (
	"context"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The test vector of Standard Webhooks' reference libraries
// (github.com/standard-webhooks/standard-webhooks, libraries/*/ tests):
// a receiver using any of them verifies what Sign writes.
const (
	vecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vecID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vecTS     = 1614265330
	vecBody   = `{"test": 2432232314}`
	vecSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func vecHeader(sig string, ts int64) http.Header {
	h := http.Header{}
	h.Set(HeaderID, vecID)
	h.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	h.Set(HeaderSignature, sig)
	return h
}

func TestSignStandardWebhooksVector(t *testing.T) {
	sig, err := Sign([]string{vecSecret}, vecID, vecTS, []byte(vecBody))
	if err != nil || sig != vecSig {
		t.Fatalf("Sign = %q, %v; want %q", sig, err, vecSig)
	}
	at := time.Unix(vecTS, 0)
	if err := Verify(vecSecret, vecHeader(vecSig, vecTS), []byte(vecBody), at, Tolerance); err != nil {
		t.Errorf("Verify the vector: %v", err)
	}
	// During a rotation: two signatures, each verifying with its secret.
	other := "whsec_" + strings.Repeat("QUJD", 8)
	both, err := Sign([]string{other, vecSecret}, vecID, vecTS, []byte(vecBody))
	if err != nil || len(strings.Fields(both)) != 2 {
		t.Fatalf("two secrets: %q %v", both, err)
	}
	for _, s := range []string{vecSecret, other} {
		if err := Verify(s, vecHeader(both, vecTS), []byte(vecBody), at, Tolerance); err != nil {
			t.Errorf("Verify with %s: %v", s, err)
		}
	}
	for name, c := range map[string]struct {
		secret, sig string
		ts          int64
		body        string
		now         time.Time
	}{
		"another body":        {vecSecret, vecSig, vecTS, `{"test": 2432232315}`, at},
		"another secret":      {other, vecSig, vecTS, vecBody, at},
		"another timestamp":   {vecSecret, vecSig, vecTS + 1, vecBody, at},
		"too old (a replay)":  {vecSecret, vecSig, vecTS, vecBody, at.Add(Tolerance + time.Second)},
		"from the future":     {vecSecret, vecSig, vecTS, vecBody, at.Add(-Tolerance - time.Second)},
		"another version":     {vecSecret, strings.Replace(vecSig, "v1,", "v2,", 1), vecTS, vecBody, at},
		"no signature":        {vecSecret, "", vecTS, vecBody, at},
		"not a whsec_ secret": {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", vecSig, vecTS, vecBody, at},
	} {
		if err := Verify(c.secret, vecHeader(c.sig, c.ts), []byte(c.body), c.now, Tolerance); err == nil {
			t.Errorf("%s: verified", name)
		}
	}
}

// TestGuardAddresses: production's guard refuses every address that is not
// the public Internet, however it is written, and checks names' addresses.
func TestGuardAddresses(t *testing.T) {
	g := Guard{}
	for _, a := range []string{"127.0.0.1", "127.255.0.1", "::1", "10.1.2.3", "172.31.255.255", "192.168.0.1", "169.254.169.254",
		"fe80::1", "fd12:3456::1", "fc00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "100.64.0.1", "0.0.0.0", "::", "224.0.0.251",
		"ff02::1", "192.0.2.1", "198.18.0.1", "240.0.0.1", "255.255.255.255", "64:ff9b::7f00:1", "2002:7f00:1::1", "2001:db8::1"} {
		if g.checkAddr(netip.MustParseAddr(a)) == nil {
			t.Errorf("%s allowed", a)
		}
		if err := g.control("tcp", netip.AddrPortFrom(netip.MustParseAddr(a), 443).String(), nil); err == nil {
			t.Errorf("dialling %s allowed", a)
		}
	}
	for _, a := range []string{"93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "8.8.8.8", "1.1.1.1"} {
		if err := g.checkAddr(netip.MustParseAddr(a)); err != nil {
			t.Errorf("%s refused: %v", a, err)
		}
	}
	if (Guard{AllowPrivate: true}).checkAddr(netip.MustParseAddr("10.0.0.1")) != nil {
		t.Error("AllowPrivate refuses a private address")
	}
	// Names: refused when one of their addresses is not public, without
	// saying which address nor what kind (the probe of 2026-12-05: « vm
	// resolves to 127.0.0.1 is a loopback address » let a partner map the
	// internal DNS, name by name); nor does a delivery's error.
	g.Resolver = resolver{"mixed.example": {"93.184.215.14", "10.0.0.1"}, "ok.example": {"93.184.215.14"}, "vm": {"127.0.0.1"}}
	for _, host := range []string{"mixed.example", "vm"} {
		r := g.Reason(context.Background(), "https://"+host+"/hook")
		if r == "" || strings.Contains(r, "10.0.0.1") || strings.Contains(r, "127.0.0.1") || strings.Contains(r, "is a ") {
			t.Errorf("%s: %q", host, r)
		}
	}
	if err := g.control("tcp", "10.0.0.1:443", nil); err == nil || strings.Contains(err.Error(), "10.0.0.1") || strings.Contains(err.Error(), "is a ") {
		t.Errorf("dialling a name's private address: %v", err)
	}
	if r := g.Reason(context.Background(), "https://ok.example/hook"); r != "" {
		t.Errorf("ok.example: %q", r)
	}
}

type resolver map[string][]string

func (r resolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	var out []netip.Addr
	for _, a := range r[host] {
		out = append(out, netip.MustParseAddr(a))
	}
	return out, nil
}
