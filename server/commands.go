package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/community-atlas/atlas/server/auth"
)

// logWriter is where logs go: stderr, so command output stays clean.
var logWriter = os.Stderr

// SeedCommand writes the Nantong seeds into the configured store.
func SeedCommand(ctx context.Context, cfg Config, log *slog.Logger) error {
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := NewAtlas(ctx, st, log, false)
	if err != nil {
		return err
	}
	res, err := a.Seed(ctx)
	if err != nil {
		return err
	}
	return printJSON(res)
}

// ImportCommand imports one file into the configured store.
func ImportCommand(ctx context.Context, cfg Config, log *slog.Logger, kind, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := NewAtlas(ctx, st, log, true)
	if err != nil {
		return err
	}
	res, err := a.Import(ctx, kind, filepath.Base(file), data, nil)
	if err != nil {
		return err
	}
	return printJSON(res)
}

// MigrateCommand opens the store, which applies its migrations, and exits.
func MigrateCommand(ctx context.Context, cfg Config, log *slog.Logger) error {
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	log.Info("migrations applied", "store", storeName(cfg))
	return st.Close()
}

func printJSON(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// UserCommand adds a user: atlas user add NAME ROLE [REGION]. The password
// comes from ATLAS_PASSWORD or the first line of standard input, never from
// the command line, where other users of the machine could read it.
func UserCommand(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdin io.Reader) error {
	if len(args) < 3 || len(args) > 4 || args[0] != "add" {
		return errors.New("usage: atlas user add NAME viewer|analyst|data_manager|admin [REGION]")
	}
	pw := os.Getenv("ATLAS_PASSWORD")
	if pw == "" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("give the password in ATLAS_PASSWORD or on standard input")
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	region := ""
	if len(args) == 4 {
		region = args[3]
	}
	if err := CreateUser(ctx, st, args[1], pw, auth.Role(args[2]), region); err != nil {
		return err
	}
	log.Info("user added", "username", args[1], "role", args[2], "region", region)
	return nil
}
