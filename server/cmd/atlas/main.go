// Command atlas is the Community Atlas service.
//
//	atlas [serve]                 serve HTTP (seeding an empty store first)
//	atlas seed                    write the Nantong seeds into the store
//	atlas import KIND FILE        import boundaries, observations, facilities, grids, osm or targets
//	atlas brief [--level L] [--period Y] [-o F]  write the PDF brief of every region of a level into a zip
//	atlas user add NAME ROLE [REGION]  add a user (password from ATLAS_PASSWORD or stdin)
//	atlas migrate                 apply database migrations and exit
//	atlas version                 print the version
//
// Configuration comes from flags and ATLAS_* environment variables; see
// README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/community-atlas/atlas/server"
	"github.com/community-atlas/atlas/server/importer"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	if err := run(os.Args[1:]); err != nil {
		var ie *importer.Error
		if errors.As(err, &ie) {
			// Every problem, one a line, so a whole file can be fixed at once.
			fmt.Fprintf(os.Stderr, "atlas: %s: %d problem(s), nothing written\n", ie.File, len(ie.Problems))
			for _, p := range ie.Problems {
				fmt.Fprintln(os.Stderr, "  "+p.String())
			}
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "atlas:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	cfg, err := server.DefaultConfig().FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("atlas "+cmd, flag.ContinueOnError)
	cfg.Flags(fs)
	var imp importFlags
	if cmd == "import" {
		imp.register(fs)
	}
	var bf briefFlags
	if cmd == "brief" {
		bf.register(fs)
	}
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch cmd {
	case "serve":
		return server.Serve(ctx, cfg, log)
	case "seed":
		return seedCommand(ctx, cfg, log)
	case "import":
		if len(positional) != 2 {
			return errors.New("usage: atlas import boundaries|observations|facilities|grids|osm|targets FILE [--crs CRS] [--towgs84 P] [--layer NAME] [--map role=column,…] [--period YEAR] [--dry-run]")
		}
		opts, err := imp.options()
		if err != nil {
			return err
		}
		return importCommand(ctx, cfg, log, positional[0], positional[1], opts)
	case "brief":
		return briefCommand(ctx, cfg, log, bf)
	case "user":
		return userCommand(ctx, cfg, log, positional, os.Stdin)
	case "migrate":
		return migrateCommand(ctx, cfg, log)
	case "version":
		fmt.Println("atlas", version)
		return nil
	}
	return fmt.Errorf("unknown command %q (serve, seed, import, brief, user, migrate, version)", cmd)
}

// parseInterleaved parses flags wherever they stand among the positional
// arguments (atlas import boundaries towns.shp --crs EPSG:4549), which the
// flag package alone stops at, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
