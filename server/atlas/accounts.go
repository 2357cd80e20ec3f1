package atlas

import (
	"context"
	"fmt"
	"strings"

	"github.com/community-atlas/atlas/server/auth"
)

// BootstrapAdmin creates the first admin from "user:password" when the
// store has no user yet; with users present it does nothing, so the setting
// cannot reset anyone's password later. It reports whether it created one.
func (a *Atlas) BootstrapAdmin(ctx context.Context, spec string) (bool, error) {
	if spec == "" {
		return false, nil
	}
	n, err := a.CountUsers(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	name, pw, _ := strings.Cut(spec, ":")
	return true, a.AddUser(ctx, name, pw, auth.Admin, "")
}

// AddUser checks and adds a user (for the CLI and the bootstrap): a valid
// name, a strong password, a known role and, for a limited user, a region
// that exists.
func (a *Atlas) AddUser(ctx context.Context, name, password string, role auth.Role, region string) error {
	if err := auth.ValidateUsername(name); err != nil {
		return err
	}
	if err := auth.CheckPasswordStrength(password); err != nil {
		return err
	}
	if !role.Valid() {
		return fmt.Errorf("role %q is not viewer, analyst, data_manager or admin", role)
	}
	if region != "" {
		if _, ok := a.Snapshot().Region(region); !ok {
			return fmt.Errorf("region %q is not a known region code", region)
		}
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	return a.CreateUser(ctx, &auth.User{Username: name, PasswordHash: hash, Role: role, Region: region})
}
