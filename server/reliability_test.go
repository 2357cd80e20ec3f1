package server_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/internal/pgtest"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/postgis"
	"github.com/community-atlas/atlas/server/store/sqlite"
)

// observationsCSV writes every observation of d again: a valid import as
// large as the seed's, whose only effect is new batch ids.
func observationsCSV(t *testing.T, d *analytics.Dataset) string {
	var b strings.Builder
	b.WriteString("indicator,region,period,value\n")
	for _, o := range d.Observations {
		fmt.Fprintf(&b, "%s,%s,%d,%g\n", o.Indicator, o.Region, o.Period, o.Value)
	}
	path := filepath.Join(t.TempDir(), "all.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestKillDuringImport kills the process (SIGKILL) while it writes a large
// import and checks that afterwards the store holds exactly what it held
// before, on both stores.
func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary on the whole seed")
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		open := func() store.Store {
			st, err := sqlite.Open(context.Background(), filepath.Join(dir, "atlas.db"))
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		killDuringImport(t, []string{"ATLAS_DATA_DIR=" + dir}, open)
	})
	t.Run("postgis", func(t *testing.T) {
		url := pgtest.URL(t)
		open := func() store.Store {
			st, err := postgis.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		killDuringImport(t, []string{"ATLAS_DATABASE_URL=" + url}, open)
	})
}

func killDuringImport(t *testing.T, env []string, open func() store.Store) {
	seed := startAtlas(t, env, "seed")
	if err := <-seed.done; err != nil {
		t.Fatalf("seed: %v", err)
	}
	st := open()
	before, err := st.Load(context.Background())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	imp := startAtlas(t, env, "import", "observations", observationsCSV(t, before))
	imp.waitFor(t, "writing batch", 2*time.Minute)
	if err := imp.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-imp.done; err == nil {
		t.Fatal("the import finished before it was killed; the test proves nothing")
	}
	st = open()
	defer st.Close()
	after, err := st.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the store changed: %d batches before, %d after", len(before.Batches), len(after.Batches))
	}
}

// TestGracefulShutdownDrains sends SIGTERM while an upload is half sent:
// the server finishes that request, then exits cleanly.
func TestGracefulShutdownDrains(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary on the whole seed")
	}
	p := serve(t, "ATLAS_DATA_DIR="+t.TempDir(), "ATLAS_BOOTSTRAP_ADMIN=admin:admin-password-1")
	base := "http://" + p.addr
	token := loginAt(t, base, "admin", "admin-password-1")

	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	req, _ := http.NewRequest("POST", base+"/api/v1/imports/observations", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	answer := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answer <- -1
			return
		}
		resp.Body.Close()
		answer <- resp.StatusCode
	}()
	part, _ := mw.CreateFormFile("file", "late.csv")
	io.WriteString(part, "indicator,region,period,value\n")
	time.Sleep(200 * time.Millisecond) // the request is in flight
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "draining", 10*time.Second)
	io.WriteString(part, "registered_volunteers,320612001001,2014,9.5\n")
	mw.Close()
	pw.Close()
	if code := <-answer; code != http.StatusCreated {
		t.Fatalf("the in-flight import answered %d, want 201", code)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not exit after draining")
	}
}

// loginAt signs in at a running server and returns the token.
func loginAt(t *testing.T, base, user, password string) string {
	t.Helper()
	resp, err := http.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"username":"`+user+`","password":"`+password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	_, rest, _ := bytes.Cut(body, []byte(`"token":"`))
	tok, _, _ := bytes.Cut(rest, []byte(`"`))
	return string(tok)
}
