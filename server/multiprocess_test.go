package server_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/community-atlas/atlas/internal/pgtest"
)

// TestTwoProcessesSeeEachOther runs two atlas processes on one PostgreSQL
// database: an import through one shows in the other's answers promptly,
// through LISTEN/NOTIFY.
func TestTwoProcessesSeeEachOther(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary on the whole seed")
	}
	env := []string{"ATLAS_DATABASE_URL=" + pgtest.URL(t), "ATLAS_BOOTSTRAP_ADMIN=admin:admin-password-1"}
	a := serve(t, env...) // seeds
	b := serve(t, env...)
	token := loginAt(t, "http://"+a.addr, "admin", "admin-password-1")
	tokenB := loginAt(t, "http://"+b.addr, "admin", "admin-password-1")

	csv := "indicator,region,period,value\nregistered_volunteers,320612001001,2014,42.5\n"
	postFile(t, "http://"+a.addr+"/api/v1/imports/observations", token, "x.csv", csv, http.StatusCreated)
	start := time.Now()
	url := "http://" + b.addr + "/api/v1/observations?indicator=registered_volunteers&level=community&parent=320612001&period=2014"
	for {
		if strings.Contains(getBody(t, url, tokenB), `"code":"320612001001","name"`) && strings.Contains(getBody(t, url, tokenB), `"value":42.5`) {
			break
		}
		if time.Since(start) > 20*time.Second {
			t.Fatal("the second process did not see the first one's import within 20 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the second process served the new value %s after the import answered", time.Since(start).Round(time.Millisecond))
}

// TestPostgresRestart stops and restarts a private PostgreSQL under a
// running atlas: reads go on from the snapshot, /readyz says not ready
// while the database is down, and ready again once it is back.
func TestPostgresRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a private PostgreSQL and the binary on the whole seed")
	}
	pg := startPrivatePostgres(t)
	p := serve(t, "ATLAS_DATABASE_URL="+pg.url, "ATLAS_BOOTSTRAP_ADMIN=admin:admin-password-1")
	base := "http://" + p.addr
	token := loginAt(t, base, "admin", "admin-password-1")

	getBody(t, base+"/api/v1/regions?level=county", token) // the token is now checked and cached
	pg.ctl(t, "stop", "-m", "fast")
	waitReady(t, base, 10*time.Second, false)
	// Reads come from the snapshot: they go on with a recently checked
	// token; a token never seen cannot be checked and gets 503.
	if body := getBody(t, base+"/api/v1/regions?level=county", token); !strings.Contains(body, "320612") {
		t.Errorf("regions while the database is down: %s", body)
	}
	if body := getBody(t, base+"/api/v1/regions", "atl_unknown"); !strings.Contains(body, `"status":503`) {
		t.Errorf("unknown token while the database is down: %s", body)
	}
	pg.ctl(t, "start", "-w")
	took := waitReady(t, base, 60*time.Second, true)
	t.Logf("ready again %s after PostgreSQL came back", took.Round(time.Millisecond))
	postFile(t, base+"/api/v1/imports/observations", token, "x.csv",
		"indicator,region,period,value\nregistered_volunteers,320612001001,2014,7.5\n", http.StatusCreated)
}

// privatePostgres is a throwaway PostgreSQL cluster of the test's own, so
// that stopping it disturbs no other test.
type privatePostgres struct {
	bin, dir, url string
	port          int
}

func startPrivatePostgres(t *testing.T) *privatePostgres {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	pgUser, err := user.Lookup("postgres")
	if len(bins) == 0 || err != nil || os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("this test needs PostgreSQL's binaries, a postgres user and root (to run as it)")
		}
		t.Skip("needs PostgreSQL's binaries, a postgres user and root")
	}
	dir, err := os.MkdirTemp("", "atlas-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	uid, _ := strconv.Atoi(pgUser.Uid)
	gid, _ := strconv.Atoi(pgUser.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		t.Fatal(err)
	}
	_, port, _ := strings.Cut(freeAddr(t), ":")
	pg := &privatePostgres{bin: filepath.Dir(bins[len(bins)-1]), dir: dir}
	pg.port, _ = strconv.Atoi(port)
	pg.url = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", pg.port)
	pg.run(t, "initdb", "-D", dir+"/data", "-A", "trust", "-U", "postgres")
	pg.ctl(t, "start", "-w")
	t.Cleanup(func() {
		exec.Command("runuser", "-u", "postgres", "--", pg.bin+"/pg_ctl", "-D", dir+"/data", "stop", "-m", "immediate").Run()
	})
	return pg
}

func (pg *privatePostgres) ctl(t *testing.T, args ...string) {
	t.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", pg.port, pg.dir)
	pg.run(t, "pg_ctl", append([]string{"-D", pg.dir + "/data", "-o", opts, "-l", pg.dir + "/log"}, args...)...)
}

func (pg *privatePostgres) run(t *testing.T, name string, args ...string) {
	t.Helper()
	out, err := exec.Command("runuser", append([]string{"-u", "postgres", "--", pg.bin + "/" + name}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func getBody(t *testing.T, url, token string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func postFile(t *testing.T, url, token, name, content string, status int) {
	t.Helper()
	var buf strings.Builder
	boundary := "atlasboundary"
	fmt.Fprintf(&buf, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=%q\r\nContent-Type: text/csv\r\n\r\n%s\r\n--%s--\r\n",
		boundary, name, content, boundary)
	req, _ := http.NewRequest("POST", url, strings.NewReader(buf.String()))
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != status {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST %s: %d, want %d: %s", url, resp.StatusCode, status, b)
	}
}
