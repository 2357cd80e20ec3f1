package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/community-atlas/atlas/server"
)

// briefFlags are the options of atlas brief.
type briefFlags struct {
	job server.BriefJob
	out string
}

func (f *briefFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.job.Level, "level", "township", "the level whose regions get a brief each: county, township, community")
	fs.StringVar(&f.job.Parent, "parent", "", "only the regions inside this region code")
	fs.IntVar(&f.job.Period, "period", 0, "the year (default the one in which the most targets apply)")
	fs.StringVar(&f.job.Indicator, "indicator", "", "the indicator every map shows (default each brief's weakest)")
	fs.StringVar(&f.out, "o", "briefs.zip", "the zip to write")
}

// briefCommand writes the briefs of f's job into a zip: to a temporary
// file beside it first, renamed into place only when every brief is made,
// so a failed run leaves no partial zip behind.
func briefCommand(ctx context.Context, cfg server.Config, log *slog.Logger, f briefFlags) error {
	if f.out == "" {
		return errors.New("brief: -o names the zip to write")
	}
	a, close, err := openAtlas(ctx, cfg, log, true)
	if err != nil {
		return err
	}
	defer close()
	tmp, err := os.CreateTemp(filepath.Dir(f.out), ".briefs-*.zip")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := server.WriteBriefs(ctx, tmp, a.Snapshot(), cfg.HealthOptions(), f.job, time.Now())
	if err == nil {
		err = tmp.Chmod(0o644) // CreateTemp's 0600 is for the unfinished file
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), f.out); err != nil {
		return err
	}
	log.Info("briefs written", "file", f.out, "count", n)
	return nil
}
