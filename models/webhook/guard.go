package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"carnet/models"
)

// Guard decides which endpoints Carnet may call. A subscription's URL is
// chosen by a partner, so without it Carnet could be made to call its own
// network (server-side request forgery): the cloud's metadata service at
// 169.254.169.254, a database's HTTP port, an admin console on localhost.
// The guard checks the address twice: when the URL is registered (a literal
// address, and what its name resolves to then), and when each delivery
// connects, on the address actually dialled — so a name that resolves to a
// public address at registration and to a private one later (DNS
// rebinding) is refused too. Redirects are never followed, and no proxy
// from the environment is used.
type Guard struct {
	// AllowPrivate lets endpoints be on loopback, private, link-local and
	// other non-public addresses: development, tests, or a deployment
	// whose partners are on its private network. Off in production.
	AllowPrivate bool
	// AllowHTTP lets endpoints use plain http on any host; without it,
	// http is allowed to loopback only (which needs AllowPrivate).
	AllowHTTP bool
	// Resolver looks names up at registration; net.DefaultResolver when nil.
	Resolver interface {
		LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
	}
}

// Special-purpose ranges that are not the public Internet, beyond what
// netip's predicates cover (RFC 6890 and its successors).
var nonPublic = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",       // "this network"
		"100.64.0.0/10",   // carrier-grade NAT (RFC 6598)
		"192.0.0.0/24",    // IETF protocol assignments
		"192.0.2.0/24",    // documentation
		"198.18.0.0/15",   // benchmarking
		"198.51.100.0/24", // documentation
		"203.0.113.0/24",  // documentation
		"240.0.0.0/4",     // reserved, and the broadcast address
		"64:ff9b::/96",    // NAT64: an IPv4 address in disguise
		"64:ff9b:1::/48",  // local NAT64
		"100::/64",        // discard
		"2001:db8::/32",   // documentation
		"2002::/16",       // 6to4: an IPv4 address in disguise
		"::/96",           // IPv4-compatible (deprecated): ::127.0.0.1 is still routed to 127.0.0.1 by some stacks
		"fec0::/10",       // site-local (deprecated), still routed on some private networks
		"2001::/32",       // Teredo: an IPv4 server and client in disguise
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// checkAddr returns why ip may not be called, or nil.
func (g Guard) checkAddr(ip netip.Addr) error {
	if g.AllowPrivate {
		return nil
	}
	ip = ip.Unmap()
	what := ""
	switch {
	case ip.IsLoopback():
		what = "a loopback address"
	case ip.IsPrivate():
		what = "a private address"
	case ip.IsLinkLocalUnicast():
		what = "a link-local address (cloud metadata services live there)"
	case ip.IsUnspecified():
		what = "the unspecified address"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast(), ip.IsLinkLocalMulticast():
		what = "a multicast address"
	default:
		for _, p := range nonPublic {
			if p.Contains(ip) {
				what = "a special-purpose address (" + p.String() + ")"
				break
			}
		}
	}
	if what == "" {
		return nil
	}
	return fmt.Errorf("%s is %s, which webhooks may not call", ip, what)
}

// loopbackName reports whether host names this machine without DNS.
func loopbackName(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	return h == "localhost" || strings.HasSuffix(h, ".localhost")
}

// CheckURL checks that an endpoint may be called (see Reason), as a
// validation error on the field url.
func (g Guard) CheckURL(ctx context.Context, raw string) error {
	if r := g.Reason(ctx, raw); r != "" {
		return &models.Error{Code: models.EINVALID, Message: "The webhook subscription is invalid.",
			Fields: []models.FieldError{{Field: "url", Reason: r}}}
	}
	return nil
}

// Reason says why an endpoint may not be registered ("" when it may):
// https (http only to loopback, or with AllowHTTP), and not on a non-public
// address, written as such or resolved from its name now. A name that does
// not resolve now is accepted (it may be set up later); every delivery
// checks again.
func (g Guard) Reason(ctx context.Context, raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return "must be an absolute URL such as https://partner.example.fr/carnet/webhooks"
	}
	host := u.Hostname()
	ip, perr := netip.ParseAddr(host)
	literal := perr == nil
	loopback := loopbackName(host) || literal && ip.Unmap().IsLoopback()
	if u.Scheme == "http" && !g.AllowHTTP && !loopback {
		return "must be an https URL (plain http is allowed to loopback only, for development)"
	}
	if !literal && numericHost(host) {
		return host + " is not a DNS name: write an IP address as four decimal numbers (93.184.215.14) or use the endpoint's name"
	}
	switch {
	case literal:
		if err := g.checkAddr(ip); err != nil {
			return err.Error()
		}
		return ""
	case loopback && !g.AllowPrivate:
		return host + " is this machine, which webhooks may not call"
	case g.AllowPrivate:
		return ""
	}
	var r interface {
		LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
	} = net.DefaultResolver
	if g.Resolver != nil {
		r = g.Resolver
	}
	lctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	addrs, err := r.LookupNetIP(lctx, "ip", host)
	if err != nil {
		return "" // not resolvable now: checked at each delivery
	}
	for _, a := range addrs {
		if err := g.checkAddr(a); err != nil {
			return host + " " + notPublic
		}
	}
	return ""
}

// notPublic says why a name, or a connection, is refused without the
// address it resolved to nor its kind: « vm resolves to 127.0.0.1 is a
// loopback address » told a partner, name by name, what the service's
// internal DNS holds (the probe of 2026-12-05). An address written in the
// URL is named with its kind (the partner wrote it).
const notPublic = "resolves to an address that is not on the public Internet (loopback, private, link-local or special-purpose), which webhooks may not call"

// numericHost reports whether host is made only of numbers — decimal,
// octal or 0x-hexadecimal labels (« 2130706433 », « 0x7f000001 »,
// « 0177.0.0.1 », « 127.1 ») — or ends in a numeric label. Go does not read
// these as addresses, but C resolvers (inet_aton) read them as 127.0.0.1
// and the like, and no top-level domain is numeric: they are refused
// rather than left to whichever resolver delivers.
func numericHost(host string) bool {
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	allDigits := func(l string) bool {
		return l != "" && strings.Trim(l, "0123456789") == ""
	}
	if allDigits(labels[len(labels)-1]) {
		return true
	}
	for _, l := range labels {
		hex := len(l) > 2 && (l[:2] == "0x" || l[:2] == "0X") && strings.Trim(l[2:], "0123456789abcdefABCDEF") == ""
		if !allDigits(l) && !hex && l != "0x" && l != "0X" {
			return false
		}
	}
	return true
}

// ErrRefused marks a connection the guard refused.
var ErrRefused = errors.New("refused by the webhook guard")

// control runs before each connection, on the address being dialled.
func (g Guard) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot read the address %q", ErrRefused, address)
	}
	if err := g.checkAddr(ap.Addr()); err != nil {
		// The delivery's error, which the subscriber reads: the
		// endpoint's name resolved there, not said where (notPublic).
		return fmt.Errorf("%w: the endpoint %s", ErrRefused, notPublic)
	}
	return nil
}

// Dialer returns a dialer whose connections the guard checks.
func (g Guard) Dialer(timeout time.Duration) *net.Dialer {
	return &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second, Control: g.control}
}
