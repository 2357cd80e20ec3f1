package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/postgis"
	"github.com/community-atlas/atlas/server/store/sqlite"
)

// OpenStore opens the store the configuration names: PostgreSQL when a
// database URL is set, else the embedded SQLite file.
func OpenStore(ctx context.Context, cfg Config) (store.Store, error) {
	if cfg.DatabaseURL != "" {
		return postgis.Open(ctx, cfg.DatabaseURL)
	}
	if err := cfg.EnsureDataDir(); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	return sqlite.Open(ctx, cfg.SQLitePath())
}

// Serve opens the store (seeding an empty one), loads the snapshot and
// serves HTTP until ctx ends, then drains in-flight requests.
func Serve(ctx context.Context, cfg Config, log *slog.Logger) error {
	start := time.Now()
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := atlas.New(ctx, st, log, true, atlas.WithHealthOptions(cfg.HealthOptions()))
	if err != nil {
		return err
	}
	if err := greetAdmin(ctx, a, cfg, log); err != nil {
		return err
	}
	go a.Watch(ctx)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           NewHandler(a, cfg, log),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.RequestTimeout,
		WriteTimeout:      cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	log.Info("ready", "url", "http://"+ln.Addr().String(), "store", cfg.StoreName(), "startup", time.Since(start).Round(time.Millisecond))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests")
	shut, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// greetAdmin creates the bootstrap admin if asked, and says how to sign in
// when nobody can.
func greetAdmin(ctx context.Context, a *atlas.Atlas, cfg Config, log *slog.Logger) error {
	created, err := a.BootstrapAdmin(ctx, cfg.BootstrapAdmin)
	if err != nil {
		return fmt.Errorf("bootstrap admin: %w", err)
	}
	if created {
		log.Info("created the first admin from ATLAS_BOOTSTRAP_ADMIN")
	}
	n, err := a.CountUsers(ctx)
	if err != nil {
		return err
	}
	if n == 0 && !cfg.PublicRead {
		log.Warn("no users yet and public read is off: set ATLAS_BOOTSTRAP_ADMIN=user:password, run `atlas user add NAME admin`, or set ATLAS_PUBLIC_READ=true")
	}
	return nil
}
