package server_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// atlasBinary builds the real binary once for the package's tests.
func atlasBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "atlas-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "atlas")
		out, err := exec.Command("go", "build", "-o", binary, "./cmd/atlas").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// process is a running atlas command whose log lines can be awaited.
type process struct {
	cmd   *exec.Cmd
	lines chan string
	addr  string
	done  chan error
}

// freeAddr returns a loopback address with a free port.
func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startAtlas runs the binary with args and env; its stderr (the log) is
// read line by line.
func startAtlas(t *testing.T, env []string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(atlasBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, lines: make(chan string, 1000), done: make(chan error, 1)}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			select {
			case p.lines <- sc.Text():
			default: // nobody is waiting for more lines
			}
		}
		close(p.lines)
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return p
}

// serve starts `atlas serve` on a free port and waits until it is ready.
func serve(t *testing.T, env ...string) *process {
	t.Helper()
	addr := freeAddr(t)
	p := startAtlas(t, append(env, "ATLAS_ADDR="+addr, "ATLAS_LOG_LEVEL=info"))
	p.addr = addr
	waitReady(t, "http://"+addr, 90*time.Second, true)
	return p
}

// waitFor returns the first log line containing text.
func (p *process) waitFor(t *testing.T, text string, within time.Duration) string {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				t.Fatalf("the process ended before logging %q", text)
			}
			if strings.Contains(line, text) {
				return line
			}
		case <-deadline:
			t.Fatalf("no log line with %q within %s", text, within)
		}
	}
}

// waitReady polls /readyz until it answers 200 (ready) or not.
func waitReady(t *testing.T, base string, within time.Duration, ready bool) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < within {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/readyz", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		cancel()
		if (err == nil && resp.StatusCode == 200) == ready {
			return time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s/readyz did not become ready=%v within %s", base, ready, within)
	return 0
}
