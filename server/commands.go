package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
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
	res, err := a.Import(ctx, kind, filepath.Base(file), data)
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
