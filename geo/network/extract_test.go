package network

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// osmTestdata is the testdata directory of the github.com/paulmach/osm
// module, which ships real extracts (Andorra as bzip2 XML, Delaware as
// PBF).
func osmTestdata(tb testing.TB) string {
	tb.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/paulmach/osm").Output()
	if err != nil {
		tb.Fatalf("locate the github.com/paulmach/osm module: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "testdata")
}

var extracts sync.Map // file name → *loaded

type loaded struct {
	once sync.Once
	n    *Network
	err  error
}

// extractNetwork reads and builds one of the module's extracts, once per
// test binary.
func extractNetwork(tb testing.TB, file string) *Network {
	tb.Helper()
	v, _ := extracts.LoadOrStore(file, &loaded{})
	l := v.(*loaded)
	l.once.Do(func() {
		data, err := os.ReadFile(filepath.Join(osmTestdata(tb), file))
		if err != nil {
			l.err = err
			return
		}
		l.n, l.err = Read(context.Background(), strings.Split(file, ".")[0], file, data)
	})
	if l.err != nil {
		tb.Fatal(l.err)
	}
	return l.n
}

func andorra(tb testing.TB) *Network  { return extractNetwork(tb, "andorra-latest.osm.bz2") }
func delaware(tb testing.TB) *Network { return extractNetwork(tb, "delaware-latest.osm.pbf") }
