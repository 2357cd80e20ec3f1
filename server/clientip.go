package server

import (
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// trustedProxies reads ATLAS_TRUSTED_PROXIES: comma-separated CIDRs (a
// bare address counts as a network of one).
func trustedProxies(list string) ([]*net.IPNet, error) {
	var nets []*net.IPNet
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			ip := net.ParseIP(s)
			if ip == nil {
				return nil, fmt.Errorf("config: ATLAS_TRUSTED_PROXIES: %q is not an address or CIDR", s)
			}
			bits := 8 * len(ip.To16())
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			nets = append(nets, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			return nil, fmt.Errorf("config: ATLAS_TRUSTED_PROXIES: %q is not a CIDR such as 10.0.0.0/8", s)
		}
		nets = append(nets, n)
	}
	return nets, nil
}

// clientIP is how a request's client address is found: the socket's peer,
// unless that peer is one of the trusted proxies, when X-Forwarded-For (its
// rightmost hop outside the trusted proxies) or else X-Real-IP names it.
// Echo trusts loopback and private networks by default; here nothing is
// trusted but the configured networks, as the headers are anyone's to
// forge. The list was checked by Config.Validate; an unreadable one trusts
// nobody.
func clientIP(list string) echo.IPExtractor {
	nets, err := trustedProxies(list)
	if err != nil || len(nets) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range nets {
		opts = append(opts, echo.TrustIPRange(n))
	}
	xff, realIP := echo.ExtractIPFromXFFHeader(opts...), echo.ExtractIPFromRealIPHeader(opts...)
	return func(r *http.Request) string {
		if len(r.Header.Values(echo.HeaderXForwardedFor)) > 0 {
			return xff(r)
		}
		return realIP(r)
	}
}
