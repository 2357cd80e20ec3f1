package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/community-atlas/atlas/server/store"
)

// Serve opens the store (seeding an empty one), loads the snapshot and
// serves HTTP until ctx ends, then drains in-flight requests.
func Serve(ctx context.Context, cfg Config, log *slog.Logger) error {
	start := time.Now()
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := NewAtlas(ctx, st, log, true)
	if err != nil {
		return err
	}
	if err := greetAdmin(ctx, st, cfg, log); err != nil {
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
	log.Info("ready", "url", "http://"+ln.Addr().String(), "store", storeName(cfg), "startup", time.Since(start).Round(time.Millisecond))
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
func greetAdmin(ctx context.Context, st store.Store, cfg Config, log *slog.Logger) error {
	created, err := BootstrapAdmin(ctx, st, cfg.BootstrapAdmin)
	if err != nil {
		return fmt.Errorf("bootstrap admin: %w", err)
	}
	if created {
		log.Info("created the first admin from ATLAS_BOOTSTRAP_ADMIN")
	}
	n, err := st.CountUsers(ctx)
	if err != nil {
		return err
	}
	if n == 0 && !cfg.PublicRead {
		log.Warn("no users yet and public read is off: set ATLAS_BOOTSTRAP_ADMIN=user:password, run `atlas user add NAME admin`, or set ATLAS_PUBLIC_READ=true")
	}
	return nil
}

func storeName(cfg Config) string {
	if cfg.DatabaseURL != "" {
		return "postgresql"
	}
	return "sqlite:" + cfg.SQLitePath()
}

// NewLogger builds the text logger for a level name.
func NewLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(logWriter, &slog.HandlerOptions{Level: l}))
}
