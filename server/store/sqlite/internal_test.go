package sqlite

import (
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/storetest"
	"github.com/paulmach/orb"
)

func openFile(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "atlas.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// TestPragmas checks the settings every pooled connection must have.
func TestPragmas(t *testing.T) {
	s, _ := openFile(t)
	var conns []*sql.Conn
	for range 3 {
		c, err := s.db.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var mode string
		var fk, timeout int
		if err := c.QueryRowContext(t.Context(), `PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(t.Context(), `PRAGMA foreign_keys`).Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(t.Context(), `PRAGMA busy_timeout`).Scan(&timeout); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || timeout <= 0 {
			t.Errorf("connection %d: journal_mode %s, foreign_keys %d, busy_timeout %d; want wal, 1, > 0", i, mode, fk, timeout)
		}
		c.Close()
	}
}

// TestBoundingBoxes checks the box columns kept beside each geometry.
func TestBoundingBoxes(t *testing.T) {
	s, _ := openFile(t)
	c := storetest.Fixture()
	if _, err := s.Apply(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	check := func(what, key string, want orb.Bound, valid bool, q string) {
		t.Helper()
		var minx, miny, maxx, maxy sql.NullFloat64
		if err := s.db.QueryRowContext(t.Context(), q, key).Scan(&minx, &miny, &maxx, &maxy); err != nil {
			t.Fatalf("%s %s: %v", what, key, err)
		}
		got := [4]sql.NullFloat64{minx, miny, maxx, maxy}
		exp := [4]sql.NullFloat64{}
		if valid {
			exp = [4]sql.NullFloat64{{Float64: want.Min.X(), Valid: true}, {Float64: want.Min.Y(), Valid: true},
				{Float64: want.Max.X(), Valid: true}, {Float64: want.Max.Y(), Valid: true}}
		}
		if got != exp {
			t.Errorf("%s %s: box %v, want %v", what, key, got, exp)
		}
	}
	for _, r := range c.Regions {
		check("region", r.Code, r.Geometry.Bound(), r.Geometry != nil,
			`SELECT minx, miny, maxx, maxy FROM regions WHERE code = $1`)
	}
	for _, g := range c.Grids {
		check("grid", g.Code, g.Geometry.Bound(), g.Geometry != nil,
			`SELECT minx, miny, maxx, maxy FROM grids WHERE code = $1`)
	}
	for _, f := range c.Facilities {
		check("facility", f.ID, f.Point.Bound(), true,
			`SELECT minx, miny, maxx, maxy FROM facilities WHERE id = $1`)
	}
}

// TestReopen checks that the data outlives the Store and that reopening
// an up-to-date file migrates nothing.
func TestReopen(t *testing.T) {
	s, path := openFile(t)
	if _, err := s.Apply(t.Context(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before, err := s.Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer again.Close()
	after, err := again.Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Fatal("reopened store holds other data")
	}
}

func TestOpenRejectsPath(t *testing.T) {
	for _, path := range []string{"", "atlas.db?mode=ro"} {
		if _, err := Open(t.Context(), path); !errors.Is(err, ErrPath) {
			t.Errorf("Open(%q) = %v, want ErrPath", path, err)
		}
	}
}

func TestContractInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(t.Context(), Memory)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
