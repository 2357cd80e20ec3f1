package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// API tokens last at most a year; the default is 90 days.
const (
	defaultTokenDays = 90
	maxTokenDays     = 365
)

type tokenItem struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Kind      string     `json:"kind"`
	ExpiresAt time.Time  `json:"expires_at"`
	RevokedAt *time.Time `json:"revoked_at"`
	CreatedAt time.Time  `json:"created_at"`
	Token     string     `json:"token,omitempty"` // only in the answer that creates it
}

func newTokenItem(t *auth.Token) tokenItem {
	return tokenItem{ID: t.ID, Name: t.Name, Kind: string(t.Kind), ExpiresAt: t.ExpiresAt, RevokedAt: t.RevokedAt, CreatedAt: t.CreatedAt}
}

type tokenRequest struct {
	Name          string `json:"name"`
	ExpiresInDays int    `json:"expires_in_days"`
}

// decodeTokenRequest reads and checks a token request; a missing
// expires_in_days is the default.
func decodeTokenRequest(r io.Reader) (tokenRequest, error) {
	var req tokenRequest
	if err := readJSON(r, accountBodyLimit, &req, false, `{"name": …, "expires_in_days": …}`); err != nil {
		return req, err
	}
	if req.Name == "" || len(req.Name) > 100 {
		return req, web.BadParam("name", "give the token a name of 1 to 100 characters")
	}
	if req.ExpiresInDays == 0 {
		req.ExpiresInDays = defaultTokenDays
	}
	if req.ExpiresInDays < 1 || req.ExpiresInDays > maxTokenDays {
		return req, web.BadParam("expires_in_days", "%d is not from 1 to %d", req.ExpiresInDays, maxTokenDays)
	}
	return req, nil
}

// POST /api/v1/tokens {name, expires_in_days}: a new API token for the
// caller, shown once. A token made with an API token expires no later than
// that token: a leaked token cannot be turned into a longer-lived one.
func (api *API) createToken(c echo.Context) error {
	req, err := decodeTokenRequest(c.Request().Body)
	if err != nil {
		return err
	}
	p := who(c)
	secret, hash, err := auth.NewSecret()
	if err != nil {
		return err
	}
	expires := api.now().Add(time.Duration(req.ExpiresInDays) * 24 * time.Hour)
	if p.Token != nil && p.Token.Kind == auth.API && expires.After(p.Token.ExpiresAt) {
		expires = p.Token.ExpiresAt
	}
	t := &auth.Token{UserID: p.User.ID, Kind: auth.API, Name: req.Name, Hash: hash, ExpiresAt: expires}
	if err := api.atlas.CreateToken(c.Request().Context(), t); err != nil {
		return err
	}
	api.audit(c, p.name(), "token_create", fmt.Sprintf("%d %s", t.ID, t.Name))
	item := newTokenItem(t)
	item.Token = secret
	return c.JSON(http.StatusCreated, item)
}

// GET /api/v1/tokens: the caller's tokens.
func (api *API) listTokens(c echo.Context) error {
	ts, err := api.atlas.ListTokens(c.Request().Context(), who(c).User.ID)
	if err != nil {
		return err
	}
	items := make([]tokenItem, len(ts))
	for i := range ts {
		items[i] = newTokenItem(&ts[i])
	}
	return web.SendJSON(c, list[tokenItem]{Items: items})
}

// DELETE /api/v1/tokens/{id}: revoke one of the caller's tokens.
func (api *API) revokeToken(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return web.BadParam("id", "%q is not a token id", c.Param("id"))
	}
	p := who(c)
	err = api.atlas.RevokeToken(c.Request().Context(), id, p.User.ID, api.now())
	if errors.Is(err, auth.ErrNotFound) {
		return &web.NotFoundError{What: "token", Code: c.Param("id")}
	} else if err != nil {
		return err
	}
	api.tokens.clear()
	api.audit(c, p.name(), "token_revoke", c.Param("id"))
	return c.NoContent(http.StatusNoContent)
}
