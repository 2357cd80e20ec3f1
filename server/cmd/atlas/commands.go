package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/community-atlas/atlas/server"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/importer"
)

// openAtlas opens the configured store and loads the atlas on it (seeding
// an empty store first when seed is set); close releases the store.
func openAtlas(ctx context.Context, cfg server.Config, log *slog.Logger, seed bool) (a *atlas.Atlas, close func() error, err error) {
	st, err := server.OpenStore(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	if a, err = atlas.New(ctx, st, log, seed, atlas.WithHealthOptions(cfg.HealthOptions())); err != nil {
		st.Close()
		return nil, nil, err
	}
	return a, st.Close, nil
}

// seedCommand writes the Nantong seeds into the configured store.
func seedCommand(ctx context.Context, cfg server.Config, log *slog.Logger) error {
	a, close, err := openAtlas(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer close()
	res, err := a.Seed(ctx)
	if err != nil {
		return err
	}
	return printJSON(res)
}

// importCommand imports one file into the configured store, or with
// --dry-run says what it would write. A long observation CSV streams from
// the disk (see Atlas.ImportFile).
func importCommand(ctx context.Context, cfg server.Config, log *slog.Logger, kind, file string, opts importer.Options) error {
	if _, err := os.Stat(file); err != nil {
		return err // before an empty store is seeded for nothing
	}
	boundMemory(kind)
	a, close, err := openAtlas(ctx, cfg, log, true)
	if err != nil {
		return err
	}
	defer close()
	a.SkipReloads() // the process exits once the batch is written
	var res *atlas.ImportResult
	if strings.EqualFold(filepath.Ext(file), ".shp") {
		// A Shapefile is its .shp and the siblings beside it.
		var data []byte
		if data, err = readImportFile(file); err == nil {
			res, err = a.ImportWith(ctx, kind, filepath.Base(file), data, atlas.Writer{}, opts)
		}
	} else {
		res, err = a.ImportFile(ctx, kind, file, opts)
	}
	if err != nil {
		return err
	}
	return printJSON(res)
}

// Soft limits of the Go heap during an import, unless GOMEMLIMIT sets one:
// the collector's default headroom (GOGC=100) lets the heap grow to twice
// what it held at its last run, and an import makes garbage fast. With a
// limit it collects sooner near it instead, for some CPU time; it is soft,
// so a larger file still imports, with more collections.
const (
	// A million-row observation import holds about 120 MB live (the
	// snapshot, compact keys and rows, excelize's buffers).
	importMemoryLimit = 160 << 20
	// A province's boundaries are held once, about 150 MB, and the checks
	// of every boundary against its parent make garbage on top.
	boundaryMemoryLimit = 320 << 20
)

func boundMemory(kind string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if kind == importer.Boundaries {
		debug.SetMemoryLimit(boundaryMemoryLimit)
		return
	}
	debug.SetMemoryLimit(importMemoryLimit)
}

// migrateCommand opens the store, which applies its migrations, and exits.
func migrateCommand(ctx context.Context, cfg server.Config, log *slog.Logger) error {
	st, err := server.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	log.Info("migrations applied", "store", cfg.StoreName())
	return st.Close()
}

func printJSON(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// userCommand adds a user: atlas user add NAME ROLE [REGION]. The password
// comes from ATLAS_PASSWORD or the first line of standard input, never from
// the command line, where other users of the machine could read it.
func userCommand(ctx context.Context, cfg server.Config, log *slog.Logger, args []string, stdin io.Reader) error {
	if len(args) < 3 || len(args) > 4 || args[0] != "add" {
		return errors.New("usage: atlas user add NAME viewer|analyst|data_manager|admin [REGION]")
	}
	pw := os.Getenv("ATLAS_PASSWORD")
	if pw == "" {
		// A password is at most auth.MaxPasswordBytes: read no more than
		// that (and the line end), however much standard input holds.
		line, err := bufio.NewReader(io.LimitReader(stdin, auth.MaxPasswordBytes+2)).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("give the password in ATLAS_PASSWORD or on standard input")
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	region := ""
	if len(args) == 4 {
		region = args[3]
	}
	a, close, err := openAtlas(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer close()
	if err := a.AddUser(ctx, args[1], pw, auth.Role(args[2]), region); err != nil {
		return err
	}
	log.Info("user added", "username", args[1], "role", args[2], "region", region)
	return nil
}

// newLogger builds the text logger for a level name; logs go to stderr, so
// command output stays clean.
func newLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
