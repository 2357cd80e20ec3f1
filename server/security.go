package server

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"
)

// securityHeaders sets the headers that keep the app's pages from being
// framed, sniffed or made to run injected script. The content security
// policy allows no inline script; the basemap's host, when one is
// configured, is the only other origin images may come from (MapLibre
// fetches raster tiles, so it is a connect source too). MapLibre needs
// blob: workers and data:/blob: images.
func securityHeaders(cfg Config) echo.MiddlewareFunc {
	img, connect := "'self' data: blob:", "'self'"
	if host, scheme := basemapOrigin(cfg.BasemapURL); host != "" {
		img += " " + scheme + "://" + host
		connect += " " + scheme + "://" + host
	}
	csp := "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src " + img +
		"; worker-src 'self' blob:; connect-src " + connect + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "same-origin")
			if c.Request().TLS != nil {
				h.Set("Strict-Transport-Security", "max-age=31536000")
			}
			return next(c)
		}
	}
}

// basemapOrigin is the host of a tile URL template, with a wildcard for a
// label holding a placeholder (t{0-7}.tianditu.gov.cn → *.tianditu.gov.cn).
func basemapOrigin(template string) (host, scheme string) {
	marked := placeholder.ReplaceAllString(template, "PH")
	u, err := url.Parse(marked)
	if err != nil || u.Host == "" {
		return "", ""
	}
	labels := strings.Split(u.Host, ".")
	for i, l := range labels {
		if strings.Contains(l, "PH") {
			labels[i] = "*"
		}
	}
	return strings.Join(labels, "."), u.Scheme
}

var placeholder = regexp.MustCompile(`\{[^}]*\}`)
