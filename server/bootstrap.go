package server

import (
	"context"
	"fmt"
	"strings"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
)

// BootstrapAdmin creates the first admin from "user:password" when the
// store has no user yet; with users present it does nothing, so the setting
// cannot reset anyone's password later. It reports whether it created one.
func BootstrapAdmin(ctx context.Context, accts store.Accounts, spec string) (bool, error) {
	if spec == "" {
		return false, nil
	}
	n, err := accts.CountUsers(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	name, pw, _ := strings.Cut(spec, ":")
	return true, CreateUser(ctx, accts, name, pw, auth.Admin, "")
}

// CreateUser checks and adds a user (for the CLI and the bootstrap).
func CreateUser(ctx context.Context, accts store.Accounts, name, password string, role auth.Role, region string) error {
	if err := auth.ValidateUsername(name); err != nil {
		return err
	}
	if err := auth.CheckPasswordStrength(password); err != nil {
		return err
	}
	if !role.Valid() {
		return fmt.Errorf("role %q is not viewer, analyst, data_manager or admin", role)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	return accts.CreateUser(ctx, &auth.User{Username: name, PasswordHash: hash, Role: role, Region: region})
}
