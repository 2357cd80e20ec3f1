package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// sessionCookie carries a login's token for the browser app.
const sessionCookie = "atlas_session"

// principal is who a request acts for.
type principal struct {
	User    *auth.User  // nil for an anonymous visitor (public read)
	Token   *auth.Token // the credential used; nil when anonymous
	ViaJar  bool        // the token came from the cookie (so CSRF applies)
	Role    auth.Role
	Region  string // scope; empty for the whole atlas
	Session string // the session secret, to derive the CSRF token from
}

func (p *principal) name() string {
	if p == nil || p.User == nil {
		return ""
	}
	return p.User.Username
}

const principalKey = "principal"

// errUnauthenticated: no valid credential where one is needed.
var errUnauthenticated = errors.New("authentication required")

func needRole(r string) error {
	return atlas.Forbidden("this needs the role %s or above", r)
}

// tokenCache remembers recently checked tokens for a few seconds, so that a
// map with dozens of tile requests does not hit the store for each. A
// revocation takes effect at once in this process (it drops the entry) and
// within tokenCacheTTL in others.
type tokenCache struct {
	mu      sync.Mutex
	entries map[string]cachedPrincipal
}

type cachedPrincipal struct {
	p       principal
	expires time.Time
}

const tokenCacheTTL = 10 * time.Second

func (tc *tokenCache) get(hash string, now time.Time) (principal, bool) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	e, ok := tc.entries[hash]
	if !ok || now.After(e.expires) || !e.p.Token.Active(now) {
		return principal{}, false
	}
	return e.p, true
}

func (tc *tokenCache) put(hash string, p principal, now time.Time) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.entries == nil || len(tc.entries) > 10_000 {
		tc.entries = map[string]cachedPrincipal{}
	}
	tc.entries[hash] = cachedPrincipal{p: p, expires: now.Add(tokenCacheTTL)}
}

func (tc *tokenCache) clear() {
	tc.mu.Lock()
	tc.entries = nil
	tc.mu.Unlock()
}

// credential returns the token secret a request presents and whether it
// came from the cookie.
func credential(r *http.Request) (string, bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		if s, ok := strings.CutPrefix(h, "Bearer "); ok {
			return strings.TrimSpace(s), false
		}
		return "", false
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value, true
	}
	return "", false
}

// identify resolves the request's principal: the token's user, an
// anonymous viewer under public read, or nil.
func (api *API) identify(ctx context.Context, r *http.Request) (*principal, error) {
	secret, jar := credential(r)
	if secret == "" {
		if r.Header.Get("Authorization") != "" {
			return nil, errUnauthenticated // a malformed header is not anonymity
		}
		return api.anonymous(), nil
	}
	hash := string(auth.HashSecret(secret))
	now := api.now()
	if p, ok := api.tokens.get(hash, now); ok {
		p.ViaJar = jar
		return &p, nil
	}
	accts := api.atlas
	tok, err := accts.TokenByHash(ctx, []byte(hash))
	if errors.Is(err, auth.ErrNotFound) || (err == nil && !tok.Active(now)) {
		return nil, errUnauthenticated
	}
	if err != nil {
		// The store is down: the token cannot be checked now.
		return nil, fmt.Errorf("%w: %w", store.ErrNotReady, err)
	}
	u, err := accts.UserByID(ctx, tok.UserID)
	if err != nil || u.Disabled {
		return nil, errUnauthenticated
	}
	p := principal{User: u, Token: tok, Role: u.Role, Region: u.Region}
	if tok.Kind == auth.Session {
		p.Session = secret
	}
	api.tokens.put(hash, p, now)
	p.ViaJar = jar
	return &p, nil
}

// anonymous is the principal of a request without a credential: a viewer
// under public read, or nil.
func (api *API) anonymous() *principal {
	if api.cfg.PublicRead {
		return &principal{Role: auth.Viewer}
	}
	return nil
}

// authenticate attaches the principal and the snapshot it may read, and
// enforces the route's policy.
func (api *API) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		need := api.requiredRole(c.Request().Method, c.Path(), c.Request().URL.Path)
		if need == public {
			return next(c)
		}
		p, err := api.identify(c.Request().Context(), c.Request())
		if err != nil {
			return err
		}
		if p == nil {
			return errUnauthenticated
		}
		if need != anyone && !p.Role.Allows(auth.Role(need)) {
			return needRole(need)
		}
		if p.ViaJar && unsafeMethod(c.Request().Method) && c.Request().Header.Get("X-CSRF-Token") != auth.CSRFToken(p.Session) {
			return atlas.Forbidden("a request made with the session cookie needs the X-CSRF-Token header from the login answer")
		}
		c.Set(principalKey, p)
		s, err := api.scoped(p)
		if err != nil {
			return err
		}
		c.Set(web.SnapshotKey, s)
		return next(c)
	}
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// scoped is the snapshot a principal reads: the whole atlas, or the subtree
// of their region, built once per snapshot version.
func (api *API) scoped(p *principal) (*analytics.Snapshot, error) {
	s := api.atlas.Snapshot()
	if p.Region == "" {
		return s, nil
	}
	return api.atlas.Restricted(s, p.Region)
}

// who returns the request's principal (nil on public routes).
func who(c echo.Context) *principal {
	p, _ := c.Get(principalKey).(*principal)
	return p
}
