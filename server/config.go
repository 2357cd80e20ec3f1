// Package server is the HTTP side of Community Atlas: configuration, the
// echo handlers that translate requests into calls of the application
// service (package atlas) and the analytics packages, one route table with
// each route's permission, and the one mapping from errors to statuses.
package server

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is the service configuration. Every field can be set by a flag or
// an environment variable (flags win).
type Config struct {
	Addr           string        // ATLAS_ADDR
	DataDir        string        // ATLAS_DATA_DIR: where the embedded store lives
	DatabaseURL    string        // ATLAS_DATABASE_URL: PostgreSQL; when set, it is the store
	MaxUploadBytes int64         // ATLAS_MAX_UPLOAD_MB, in MiB
	RequestTimeout time.Duration // ATLAS_REQUEST_TIMEOUT
	LogLevel       string        // ATLAS_LOG_LEVEL: debug, info, warn, error
	TileCacheBytes int           // ATLAS_TILE_CACHE_MB, in MiB: built tiles kept in memory
	// PublicRead (ATLAS_PUBLIC_READ=true) lets anonymous visitors view, as
	// viewers of the whole atlas: for a public dashboard.
	PublicRead bool
	// BootstrapAdmin (ATLAS_BOOTSTRAP_ADMIN=user:password) creates the first
	// admin, and is used only while no user exists.
	BootstrapAdmin string
	SessionTTL     time.Duration // ATLAS_SESSION_TTL: how long a login lasts
	// ATLAS_BASEMAP_URL: an XYZ raster tile template ({z}, {x}, {y}) the web
	// app draws under the regions, e.g. Tianditu WMTS with the user's own key;
	// empty for no basemap (the app then needs nothing from the internet).
	BasemapURL         string
	BasemapAttribution string // ATLAS_BASEMAP_ATTRIBUTION: credit shown with the basemap
	// The 15-minute health circle: ATLAS_WALK_M_PER_15MIN, the walking
	// pace as metres in 15 minutes, and ATLAS_RURAL_MODE, how rural
	// residents travel (walk, bicycle, ebike or car).
	WalkMetresPer15 float64
	RuralMode       string
	// TrustedProxies (ATLAS_TRUSTED_PROXIES): comma-separated CIDRs of the
	// reverse proxies in front; only a request from one of them has its
	// client address read from X-Forwarded-For or X-Real-IP.
	TrustedProxies string
}

// DefaultConfig is the configuration with no flags or environment.
func DefaultConfig() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		DataDir:         "./data",
		MaxUploadBytes:  256 << 20,
		RequestTimeout:  60 * time.Second,
		LogLevel:        "info",
		TileCacheBytes:  64 << 20,
		SessionTTL:      12 * time.Hour,
		WalkMetresPer15: 1000,
		RuralMode:       "bicycle",
	}
}

// FromEnv overlays environment variables on c.
func (c Config) FromEnv(getenv func(string) string) (Config, error) {
	str := func(key string, dst *string) {
		if v := getenv(key); v != "" {
			*dst = v
		}
	}
	str("ATLAS_ADDR", &c.Addr)
	str("ATLAS_DATA_DIR", &c.DataDir)
	str("ATLAS_DATABASE_URL", &c.DatabaseURL)
	str("ATLAS_LOG_LEVEL", &c.LogLevel)
	str("ATLAS_BASEMAP_URL", &c.BasemapURL)
	str("ATLAS_BASEMAP_ATTRIBUTION", &c.BasemapAttribution)
	if v := getenv("ATLAS_MAX_UPLOAD_MB"); v != "" {
		mb, err := strconv.ParseInt(v, 10, 64)
		if err != nil || mb <= 0 {
			return c, fmt.Errorf("config: ATLAS_MAX_UPLOAD_MB=%q is not a positive whole number", v)
		}
		c.MaxUploadBytes = mb << 20
	}
	str("ATLAS_BOOTSTRAP_ADMIN", &c.BootstrapAdmin)
	str("ATLAS_TRUSTED_PROXIES", &c.TrustedProxies)
	switch v := getenv("ATLAS_PUBLIC_READ"); v {
	case "", "false", "0":
	case "true", "1":
		c.PublicRead = true
	default:
		return c, fmt.Errorf("config: ATLAS_PUBLIC_READ=%q is not true or false", v)
	}
	if v := getenv("ATLAS_SESSION_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("config: ATLAS_SESSION_TTL=%q is not a positive duration such as 8h", v)
		}
		c.SessionTTL = d
	}
	if v := getenv("ATLAS_TILE_CACHE_MB"); v != "" {
		mb, err := strconv.Atoi(v)
		if err != nil || mb < 0 {
			return c, fmt.Errorf("config: ATLAS_TILE_CACHE_MB=%q is not a whole number ≥ 0", v)
		}
		c.TileCacheBytes = mb << 20
	}
	if err := c.healthFromEnv(getenv); err != nil {
		return c, err
	}
	if v := getenv("ATLAS_REQUEST_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("config: ATLAS_REQUEST_TIMEOUT=%q is not a positive duration such as 30s", v)
		}
		c.RequestTimeout = d
	}
	return c, nil
}

// Flags registers flags that override c's fields on fs.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "HTTP listen address (ATLAS_ADDR)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory of the embedded SQLite store (ATLAS_DATA_DIR)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL; when set, PostgreSQL+PostGIS is the store (ATLAS_DATABASE_URL)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (ATLAS_LOG_LEVEL)")
	fs.BoolVar(&c.PublicRead, "public-read", c.PublicRead, "let anonymous visitors view (ATLAS_PUBLIC_READ)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", c.TrustedProxies, "CIDRs of reverse proxies whose X-Forwarded-For is read (ATLAS_TRUSTED_PROXIES)")
	fs.StringVar(&c.BasemapURL, "basemap-url", c.BasemapURL, "XYZ raster tile template for the web app's basemap (ATLAS_BASEMAP_URL)")
}

// Validate checks the configuration.
func (c Config) Validate() error {
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("config: log level %q is not debug, info, warn or error", c.LogLevel)
	}
	if c.Addr == "" {
		return fmt.Errorf("config: the listen address is empty")
	}
	if c.DatabaseURL == "" && c.DataDir == "" {
		return fmt.Errorf("config: set a data directory or a database URL")
	}
	if c.BootstrapAdmin != "" {
		if _, _, ok := strings.Cut(c.BootstrapAdmin, ":"); !ok {
			return fmt.Errorf("config: ATLAS_BOOTSTRAP_ADMIN must be user:password")
		}
	}
	if _, err := trustedProxies(c.TrustedProxies); err != nil {
		return err
	}
	return validBasemapURL(c.BasemapURL)
}

// validBasemapURL checks that a basemap template is an http(s) URL with the
// tile placeholders a map client fills in.
func validBasemapURL(u string) error {
	if u == "" {
		return nil
	}
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return fmt.Errorf("config: ATLAS_BASEMAP_URL=%q is not an http or https URL", u)
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(u, p) {
			return fmt.Errorf("config: ATLAS_BASEMAP_URL=%q has no %s placeholder (a tile template needs {z}, {x} and {y})", u, p)
		}
	}
	return nil
}

// SQLitePath is the embedded store's file.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "atlas.db") }

// EnsureDataDir creates the data directory for the embedded store,
// readable by the service's user only: it holds the accounts and the audit
// log. An existing directory keeps its mode.
func (c Config) EnsureDataDir() error {
	if c.DatabaseURL != "" {
		return nil
	}
	return os.MkdirAll(c.DataDir, 0o700)
}

// StoreName names the configured store for logs.
func (c Config) StoreName() string {
	if c.DatabaseURL != "" {
		return "postgresql"
	}
	return "sqlite:" + c.SQLitePath()
}
