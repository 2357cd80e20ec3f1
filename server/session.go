package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// decodeLogin reads a login body, refusing a password over
// auth.MaxPasswordBytes before anything hashes it.
func decodeLogin(r io.Reader) (loginRequest, error) {
	var req loginRequest
	if err := readJSON(r, accountBodyLimit, &req, false, `{"username": …, "password": …}`); err != nil {
		return req, err
	}
	if len(req.Password) > auth.MaxPasswordBytes {
		return req, web.BadParam("password", "%v", auth.ErrPasswordTooLong)
	}
	return req, nil
}

type sessionAnswer struct {
	Token     string    `json:"token"`
	CSRFToken string    `json:"csrf_token"`
	ExpiresAt time.Time `json:"expires_at"`
	User      userItem  `json:"user"`
}

// POST /api/v1/auth/login
func (api *API) login(c echo.Context) error {
	if err := requireJSON(c); err != nil {
		return err
	}
	req, err := decodeLogin(c.Request().Body)
	if err != nil {
		return err
	}
	now := api.now()
	try, wait := api.logins.begin(c.RealIP(), req.Username, now)
	if try == nil {
		return &errTooMany{wait: wait}
	}
	u, ok, err := api.checkLogin(c.Request().Context(), req)
	if err != nil {
		try.forget() // not a guess that was checked
		return err
	}
	if !ok {
		api.record(c, req.Username, regionOf(u), "login_failed", "")
		return errUnauthenticated
	}
	try.forget() // only failures count
	secret, hash, err := auth.NewSecret()
	if err != nil {
		return err
	}
	tok := &auth.Token{UserID: u.ID, Kind: auth.Session, Hash: hash, ExpiresAt: now.Add(api.cfg.SessionTTL)}
	if err := api.atlas.CreateToken(c.Request().Context(), tok); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: c.Request().TLS != nil, Expires: tok.ExpiresAt,
	})
	api.record(c, u.Username, u.Region, "login", "")
	return c.JSON(http.StatusOK, sessionAnswer{Token: secret, CSRFToken: auth.CSRFToken(secret), ExpiresAt: tok.ExpiresAt, User: newUserItem(u)})
}

// checkLogin looks the user up and checks the password in the hash pool.
// It hashes even for an unknown user, so that the answer's timing does not
// tell which usernames exist; the user is returned (when known) even when
// the password is wrong, to attribute the failure.
func (api *API) checkLogin(ctx context.Context, req loginRequest) (*auth.User, bool, error) {
	u, err := api.atlas.UserByName(ctx, req.Username)
	if err != nil && !errors.Is(err, auth.ErrNotFound) {
		return nil, false, err
	}
	stored := dummyHash()
	if u != nil {
		stored = u.PasswordHash
	}
	var ok bool
	var verr error
	if err := api.hashes.run(ctx, func() { ok, verr = auth.VerifyPassword(stored, req.Password) }); err != nil {
		return u, false, err
	}
	if verr != nil {
		return u, false, verr
	}
	return u, ok && u != nil && !u.Disabled, nil
}

// regionOf is a user's region, or none for an unknown user.
func regionOf(u *auth.User) string {
	if u == nil {
		return ""
	}
	return u.Region
}

// POST /api/v1/auth/logout revokes the credential used. An anonymous
// visitor (under public read) has none: nothing to revoke or record.
func (api *API) logout(c echo.Context) error {
	p := who(c)
	if p.Token != nil {
		if err := api.atlas.RevokeToken(c.Request().Context(), p.Token.ID, p.User.ID, api.now()); err != nil {
			return err
		}
		api.tokens.clear()
	}
	clearSession(c)
	if p.User != nil {
		api.audit(c, p.name(), "logout", "")
	}
	return c.NoContent(http.StatusNoContent)
}

type meAnswer struct {
	SignedIn  bool      `json:"signed_in"`
	User      *userItem `json:"user"` // null for an anonymous visitor
	Role      auth.Role `json:"role"` // empty when the visitor may read nothing
	Region    string    `json:"region"`
	CSRFToken string    `json:"csrf_token,omitempty"`
}

// GET /api/v1/auth/me says who the request acts for. It is public, so that
// the app can ask before it loads anything: a browser without a session (or
// with one that has run out) is answered 200 with signed_in false, and with
// the role an anonymous visitor has (viewer under public read, none
// otherwise), not 401. A script's bearer token that is not valid still
// answers 401, so that a script learns its token is wrong.
func (api *API) me(c echo.Context) error {
	p, err := api.identify(c.Request().Context(), c.Request())
	if errors.Is(err, errUnauthenticated) {
		if _, jar := credential(c.Request()); !jar {
			return err
		}
		clearSession(c)
		p, err = api.anonymous(), nil
	}
	if err != nil {
		return err
	}
	var a meAnswer
	if p != nil {
		a = meAnswer{SignedIn: p.User != nil, Role: p.Role, Region: p.Region}
	}
	if a.SignedIn {
		u := newUserItem(p.User)
		a.User = &u
	}
	if p != nil && p.Session != "" {
		a.CSRFToken = auth.CSRFToken(p.Session)
	}
	return web.SendJSON(c, a)
}

// clearSession tells the browser to drop its session cookie.
func clearSession(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1, SameSite: http.SameSiteStrictMode})
}

// dummyHash is a hash no password matches, verified against for unknown
// usernames.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("no account has this password: it only costs the same time")
	return h
})

// errTooMany: the login rate limit.
type errTooMany struct{ wait time.Duration }

func (e *errTooMany) Error() string { return e.In(msg.EN) }

// In says the error in l.
func (e *errTooMany) In(l msg.Lang) string {
	return msg.New("too many failed logins; try again in %d s", retrySeconds(e.wait)).In(l)
}

// RetryAfter is when to try again, for the Retry-After header.
func (e *errTooMany) RetryAfter() time.Duration { return e.wait }

// retrySeconds is a wait in whole seconds, rounded up, at least one.
func retrySeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}
