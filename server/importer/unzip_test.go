package importer_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/importer"
)

// zipOf builds an archive of name → content entries, in order.
func zipOf(t testing.TB, entries ...[2]string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		f, err := w.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(e[1]))
	}
	w.Close()
	return buf.Bytes()
}

func TestUnzip(t *testing.T) {
	data := zipOf(t, [2]string{"README.txt", "about"}, [2]string{"dir/obs.csv", "indicator,region,period,value\n"})
	name, body, err := importer.Unzip("up.zip", data, 1<<20, ".csv")
	if err != nil || name != "obs.csv" || !strings.HasPrefix(string(body), "indicator") {
		t.Fatalf("%q %q %v", name, body, err)
	}
	if !importer.IsZip(data) || importer.IsZip([]byte("indicator,")) {
		t.Error("IsZip")
	}
}

func TestUnzipRefusesAttacks(t *testing.T) {
	bomb := strings.Repeat("0", 10<<20) // 10 MiB of zeros deflates to ~10 KiB
	cases := map[string]struct {
		data []byte
		want string
	}{
		"zip slip":      {zipOf(t, [2]string{"../../etc/cron.d/x.csv", "x"}), "out of the archive"},
		"absolute path": {zipOf(t, [2]string{"/etc/x.csv", "x"}), "absolute"},
		"backslash":     {zipOf(t, [2]string{`..\x.csv`, "x"}), "backslash"},
		"zip bomb":      {zipOf(t, [2]string{"big.csv", bomb}), "zip bomb"},
		"two files":     {zipOf(t, [2]string{"a.csv", "x"}, [2]string{"b.csv", "y"}), "two data files"},
		"no data file":  {zipOf(t, [2]string{"a.txt", "x"}), "no .csv file"},
		"not a zip":     {[]byte("PK\x03\x04garbage"), "not a readable zip"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := importer.Unzip("up.zip", c.data, 64<<20, ".csv")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
	// The upload limit binds too, even under the ratio.
	_, _, err := importer.Unzip("up.zip", zipOf(t, [2]string{"a.csv", strings.Repeat("ab", 4000)}), 1000, ".csv")
	if err == nil {
		t.Error("entry over the byte limit accepted")
	}
}

func FuzzUnzip(f *testing.F) {
	f.Add(zipOf(f, [2]string{"obs.csv", "indicator,region,period,value\n"}))
	f.Add(zipOf(f, [2]string{"../x.csv", "x"}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		name, body, err := importer.Unzip("fuzz.zip", data, 1<<20, ".csv")
		if err == nil && (!strings.HasSuffix(strings.ToLower(name), ".csv") || len(body) > 1<<20) {
			t.Fatalf("accepted %q with %d bytes", name, len(body))
		}
	})
}
