package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// Login attempts allowed per client and username before 429.
const (
	loginAttempts = 5
	loginWindow   = time.Minute
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type sessionAnswer struct {
	Token     string    `json:"token"`
	CSRFToken string    `json:"csrf_token"`
	ExpiresAt time.Time `json:"expires_at"`
	User      userItem  `json:"user"`
}

// POST /api/v1/auth/login
func (api *API) login(c echo.Context) error {
	var req loginRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&req); err != nil {
		return web.BadParam("body", "send JSON {\"username\": …, \"password\": …}")
	}
	key := c.RealIP() + " " + req.Username
	now := time.Now()
	if ok, wait := api.logins.allow(key, now); !ok {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return &errTooMany{wait: wait}
	}
	ctx := c.Request().Context()
	u, err := api.atlas.UserByName(ctx, req.Username)
	if err != nil && !errors.Is(err, auth.ErrNotFound) {
		return err
	}
	stored := dummyHash()
	if u != nil {
		stored = u.PasswordHash
	}
	// Verify even for an unknown user, so the answer's timing does not
	// tell which usernames exist.
	ok, err := auth.VerifyPassword(stored, req.Password)
	if err != nil {
		return err
	}
	ok = ok && u != nil && !u.Disabled
	if !ok {
		api.logins.fail(key, now)
		api.audit(c, req.Username, "login_failed", "")
		return errUnauthenticated
	}
	secret, hash, err := auth.NewSecret()
	if err != nil {
		return err
	}
	tok := &auth.Token{UserID: u.ID, Kind: auth.Session, Hash: hash, ExpiresAt: now.Add(api.cfg.SessionTTL)}
	if err := api.atlas.CreateToken(ctx, tok); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: c.Request().TLS != nil, Expires: tok.ExpiresAt,
	})
	api.audit(c, u.Username, "login", "")
	return c.JSON(http.StatusOK, sessionAnswer{Token: secret, CSRFToken: auth.CSRFToken(secret), ExpiresAt: tok.ExpiresAt, User: newUserItem(u)})
}

// POST /api/v1/auth/logout revokes the credential used.
func (api *API) logout(c echo.Context) error {
	p := who(c)
	if p.Token != nil {
		if err := api.atlas.RevokeToken(c.Request().Context(), p.Token.ID, p.User.ID, time.Now()); err != nil {
			return err
		}
		api.tokens.clear()
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1, SameSite: http.SameSiteStrictMode})
	api.audit(c, p.name(), "logout", "")
	return c.NoContent(http.StatusNoContent)
}

type meAnswer struct {
	User      *userItem `json:"user"` // null for an anonymous visitor
	Role      auth.Role `json:"role"`
	Region    string    `json:"region"`
	CSRFToken string    `json:"csrf_token,omitempty"`
}

// GET /api/v1/auth/me
func (api *API) me(c echo.Context) error {
	p := who(c)
	a := meAnswer{Role: p.Role, Region: p.Region}
	if p.User != nil {
		u := newUserItem(p.User)
		a.User = &u
	}
	if p.Session != "" {
		a.CSRFToken = auth.CSRFToken(p.Session)
	}
	return web.SendJSON(c, a)
}

// dummyHash is a hash no password matches, verified against for unknown
// usernames.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("no account has this password: it only costs the same time")
	return h
})

// errTooMany: the login rate limit.
type errTooMany struct{ wait time.Duration }

func (e *errTooMany) Error() string {
	return fmt.Sprintf("too many failed logins; try again in %d s", int(e.wait.Seconds())+1)
}
