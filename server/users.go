package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// userItem is a user as the API shows it (never the password hash).
type userItem struct {
	Username  string    `json:"username"`
	Role      auth.Role `json:"role"`
	Region    string    `json:"region"`
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
}

func newUserItem(u *auth.User) userItem {
	return userItem{Username: u.Username, Role: u.Role, Region: u.Region, Disabled: u.Disabled, CreatedAt: u.CreatedAt}
}

type userRequest struct {
	Username string     `json:"username"`
	Password *string    `json:"password"`
	Role     *auth.Role `json:"role"`
	Region   *string    `json:"region"`
	Disabled *bool      `json:"disabled"`
}

// decodeUserRequest reads a user body and checks the fields that need no
// context: the password's length and the role.
func decodeUserRequest(r io.Reader) (*userRequest, error) {
	var req userRequest
	if err := readJSON(r, accountBodyLimit, &req, true, "with username, password, role, region, disabled"); err != nil {
		return nil, err
	}
	if req.Password != nil {
		if err := auth.CheckPasswordStrength(*req.Password); err != nil {
			return nil, web.BadParam("password", "%v", err)
		}
	}
	if req.Role != nil && !req.Role.Valid() {
		return nil, web.BadParam("role", "%q is not viewer, analyst, data_manager or admin", *req.Role)
	}
	return &req, nil
}

// checkUserFields validates the region, against the acting admin's own
// scope: an admin limited to a region manages users inside it only.
func (api *API) checkUserFields(c echo.Context, req *userRequest) error {
	if req.Region != nil {
		if err := api.checkScope(c, *req.Region); err != nil {
			return err
		}
	}
	return nil
}

// checkScope requires region to lie inside the acting user's own region.
func (api *API) checkScope(c echo.Context, region string) error {
	mine := who(c).Region
	if region == "" {
		if mine != "" {
			return web.BadParam("region", "you are limited to %s and can only grant regions inside it", mine)
		}
		return nil
	}
	s := api.atlas.Snapshot()
	if _, ok := s.Region(region); !ok {
		return web.BadParam("region", "%q is not a known region code", region)
	}
	if mine != "" && !s.Within(region, mine) {
		return web.BadParam("region", "%s is outside your region %s", region, mine)
	}
	return nil
}

// POST /api/v1/users
func (api *API) createUser(c echo.Context) error {
	req, err := decodeUserRequest(c.Request().Body)
	if err != nil {
		return err
	}
	if err := auth.ValidateUsername(req.Username); err != nil {
		return web.BadParam("username", "%v", err)
	}
	if req.Password == nil || req.Role == nil {
		return web.BadParam("body", "username, password and role are required")
	}
	if req.Region == nil {
		empty := ""
		req.Region = &empty
	}
	if err := api.checkUserFields(c, req); err != nil {
		return err
	}
	hash, err := api.hashPassword(c.Request().Context(), *req.Password)
	if err != nil {
		return err
	}
	u := &auth.User{Username: req.Username, PasswordHash: hash, Role: *req.Role, Region: *req.Region}
	if err := api.atlas.CreateUser(c.Request().Context(), u); errors.Is(err, auth.ErrExists) {
		return &conflictError{msg.New("user %q exists", req.Username)}
	} else if err != nil {
		return err
	}
	api.audit(c, who(c).name(), "user_create", fmt.Sprintf("%s role=%s region=%s", u.Username, u.Role, u.Region))
	return c.JSON(http.StatusCreated, newUserItem(u))
}

// GET /api/v1/users
func (api *API) listUsers(c echo.Context) error {
	users, err := api.atlas.ListUsers(c.Request().Context())
	if err != nil {
		return err
	}
	mine := who(c).Region
	items := []userItem{}
	for i := range users {
		if mine == "" || (users[i].Region != "" && api.atlas.Snapshot().Within(users[i].Region, mine)) {
			items = append(items, newUserItem(&users[i]))
		}
	}
	return web.SendJSON(c, list[userItem]{Items: items})
}

// PATCH /api/v1/users/{username}: change role, region, password or
// disabled. Disabling or a new password revokes the user's tokens.
func (api *API) updateUser(c echo.Context) error {
	ctx := c.Request().Context()
	u, err := api.atlas.UserByName(ctx, c.Param("username"))
	if errors.Is(err, auth.ErrNotFound) {
		return &web.NotFoundError{What: "user", Code: c.Param("username")}
	} else if err != nil {
		return err
	}
	if err := api.checkScope(c, u.Region); err != nil && who(c).Region != "" {
		return &web.NotFoundError{What: "user", Code: u.Username} // outside the admin's region: not theirs to see
	}
	req, err := decodeUserRequest(c.Request().Body)
	if err != nil {
		return err
	}
	if err := api.checkUserFields(c, req); err != nil {
		return err
	}
	revoke := applyUserChanges(u, req)
	if req.Password != nil {
		if u.PasswordHash, err = api.hashPassword(ctx, *req.Password); err != nil {
			return err
		}
	}
	if err := api.atlas.UpdateUser(ctx, u); err != nil {
		return err
	}
	if revoke {
		if err := api.atlas.RevokeUserTokens(ctx, u.ID, api.now()); err != nil {
			return err
		}
	}
	api.tokens.clear()
	api.audit(c, who(c).name(), "user_update", fmt.Sprintf("%s role=%s region=%s disabled=%v password_changed=%v",
		u.Username, u.Role, u.Region, u.Disabled, req.Password != nil))
	return web.SendJSON(c, newUserItem(u))
}

// applyUserChanges copies the request's fields onto u and reports whether
// the user's tokens must go.
func applyUserChanges(u *auth.User, req *userRequest) bool {
	revoke := req.Password != nil
	if req.Role != nil {
		u.Role = *req.Role
	}
	if req.Region != nil {
		u.Region = *req.Region
	}
	if req.Disabled != nil {
		u.Disabled = *req.Disabled
		revoke = revoke || u.Disabled
	}
	return revoke
}

// hashPassword hashes a new password in the hash pool.
func (api *API) hashPassword(ctx context.Context, pw string) (string, error) {
	var hash string
	var herr error
	if err := api.hashes.run(ctx, func() { hash, herr = auth.HashPassword(pw) }); err != nil {
		return "", err
	}
	return hash, herr
}

// conflictError: the thing to create exists, or the limit of its kind is
// reached.
type conflictError struct{ msg.Message }

func (e *conflictError) Error() string { return e.In(msg.EN) }
