package server_test

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server"
)

// briefTime is the generated-on time of the briefs under test, so that
// their pages can be compared with the reference images.
var briefTime = time.Date(2026, 1, 2, 9, 30, 0, 0, time.UTC)

// TestBrief renders the brief (of the year the most targets judge, 2013)
// of a county and of a township from the
// seeds, and checks its text against the headline and the five weakest
// indicators computed here from the observations endpoint, and its page
// against a reference image; then the addresses and the zip of a county's
// townships, on the same seeded store.
func TestBrief(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is needed")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	s := newServer(t, nil)
	var towns struct{ Items []region }
	s.get(t, "/api/v1/regions?level=township&parent=320612", 200, &towns)
	t.Run("routes", func(t *testing.T) { checkBriefRoutes(t, s) })
	t.Run("zip", func(t *testing.T) { checkBriefZip(t, s) })
	for _, code := range []string{"320612", towns.Items[0].Code} {
		t.Run(code, func(t *testing.T) {
			pdf := renderBrief(t, s, code)
			text := pdfText(t, pdf)
			want := expectedHeadline(t, s, code, s.atlas.Snapshot().JudgedPeriod())
			for _, w := range want.lines {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("the brief lacks %q\n%s", w, text)
				}
			}
			for _, name := range want.weakest {
				if head := string([]rune(name)[:min(8, len([]rune(name)))]); !strings.Contains(text, squeeze(head)) {
					t.Errorf("the brief lacks the weak indicator %q", name)
				}
			}
			checkPage(t, pdf, "brief/"+code+".png")
		})
	}
}

// renderBrief makes the PDF brief of a region for its default year (see
// Snapshot.JudgedPeriod) at briefTime.
func renderBrief(t *testing.T, s *testServer, code string) []byte {
	t.Helper()
	snap := s.atlas.Snapshot()
	reg, _ := snap.Region(code)
	b, err := server.BriefOf(snap, server.DefaultConfig().HealthOptions(), reg, 0, nil, briefTime)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.PDF(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfText extracts a PDF's text with pdftotext, white space removed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return squeeze(string(out))
}

var space = regexp.MustCompile(`\s+`)

func squeeze(s string) string { return space.ReplaceAllString(s, "") }

// headlineWant is what a brief must say.
type headlineWant struct {
	lines   []string
	weakest []string
}

// expectedHeadline computes, from the observations of the region's peers,
// its targets met of judged (this year and last), its rank by the
// equal-weight index (the mean over tasks of the mean score of each task's
// judged indicators) and its five weakest indicators.
func expectedHeadline(t *testing.T, s *testServer, code string, period int) headlineWant {
	var reg struct {
		Level, Parent string
	}
	s.get(t, "/api/v1/regions/"+code, 200, &reg)
	var cat struct {
		Items []struct {
			ID   string
			Task int
			Name struct{ ZH string }
		}
	}
	s.get(t, "/api/v1/indicators", 200, &cat)
	order, task, name := map[string]int{}, map[string]int{}, map[string]string{}
	for i, ind := range cat.Items {
		order[ind.ID], task[ind.ID], name[ind.ID] = i, ind.Task, ind.Name.ZH
	}
	rows := func(p int) map[string][]observation {
		var l struct{ Items []observation }
		s.get(t, fmt.Sprintf("/api/v1/observations?level=%s&parent=%s&period=%d", reg.Level, reg.Parent, p), 200, &l)
		by := map[string][]observation{}
		for _, r := range l.Items {
			by[r.Code] = append(by[r.Code], r)
		}
		return by
	}
	met := func(rs []observation) (m, j int) {
		for _, r := range rs {
			if r.Meets != nil {
				j++
				if *r.Meets {
					m++
				}
			}
		}
		return
	}
	now, before := rows(period), rows(period-1)
	// A township's peers are the townships of its county: a unit whose name
	// does not end in 街道, 镇 or 乡 (a zone, a farm) is not one of them.
	township := func(rs []observation) bool {
		n := rs[0].Name
		return strings.HasSuffix(n, "街道") || strings.HasSuffix(n, "镇") || strings.HasSuffix(n, "乡")
	}
	if reg.Level == "township" && township(now[code]) {
		for c, rs := range now {
			if !township(rs) {
				delete(now, c)
			}
		}
	}
	m, j := met(now[code])
	pm, pj := met(before[code])
	index := map[string]float64{}
	for c, rs := range now {
		sum, n := map[int]float64{}, map[int]float64{}
		for _, r := range rs {
			if r.Meets != nil {
				sum[task[r.Indicator]] += score(r)
				n[task[r.Indicator]]++
			}
		}
		total := 0.0
		for k := range sum {
			total += sum[k] / n[k]
		}
		if len(sum) > 0 {
			index[c] = total / float64(len(sum))
		}
	}
	rank := 1
	for c, v := range index {
		if c != code && v > index[code]+1e-9 {
			rank++
		}
	}
	var weak []observation
	for _, r := range now[code] {
		if r.Meets != nil && !*r.Meets {
			weak = append(weak, r)
		}
	}
	slices.SortFunc(weak, func(a, b observation) int {
		return cmp.Or(cmp.Compare(score(a), score(b)), cmp.Compare(order[a.Indicator], order[b.Indicator]))
	})
	want := headlineWant{lines: []string{
		fmt.Sprintf("达标 %d/%d 项", m, j),
		fmt.Sprintf("第 %d 名 / 共 %d 个", rank, len(index)),
		fmt.Sprintf("较 %d 年：达标 %s 项（%d/%d → %d/%d）", period-1, strings.Replace(fmt.Sprintf("%+d", m-pm), "-", "−", 1), pm, pj, m, j),
	}}
	for _, r := range weak[:min(5, len(weak))] {
		want.weakest = append(want.weakest, name[r.Indicator])
		if r.Unit == "%" {
			want.lines = append(want.lines, oneDecimal(*r.Gap)+" 个百分点")
		}
	}
	return want
}

// oneDecimal spells a gap as the brief does: one decimal at most, "−".
func oneDecimal(v float64) string {
	s := strings.TrimSuffix(strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64), ".0")
	return strings.Replace(s, "-", "−", 1)
}

// score is how close a value comes to its target, 0–1: the share of a
// minimum reached, or the cap over the value for a maximum.
func score(r observation) float64 {
	if !r.Split {
		return boundScore(*r.Value, r.Target.Min, r.Target.Max)
	}
	// Where the notice sets urban and rural bars apart, a region scores as
	// its weaker kind.
	s := 1.0
	for _, p := range []*part{r.Urban, r.Rural} {
		if p != nil && p.Target != nil && p.Value != nil {
			s = math.Min(s, boundScore(*p.Value, p.Target.Min, p.Target.Max))
		}
	}
	return s
}

// boundScore is 1 for a value within its bounds, else how near it comes.
func boundScore(v float64, lo, hi *float64) float64 {
	switch {
	case lo != nil && v < *lo:
		if *lo <= 0 {
			return 0
		}
		return math.Max(0, v / *lo)
	case hi != nil && v > *hi:
		if *hi > 0 {
			return *hi / v
		}
		return 1 / (1 + v - *hi)
	}
	return 1
}

// checkPage renders the PDF's page at 40 dpi and compares it with the
// reference image testdata/name: at most 0.5% of the pixels may differ by
// more than 48 in a channel (anti-aliasing and font rasterising), which a
// moved map, a changed figure or a missing block exceeds.
func checkPage(t *testing.T, pdf []byte, name string) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "brief.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "40", "-png", "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./server -run '^TestBrief$' -update writes it)", err)
	}
	if frac := pixelsDiffering(t, decodePNG(t, got), decodePNG(t, want)); frac > 0.005 {
		t.Errorf("%s: %.2f%% of the pixels differ (go test ./server -run '^TestBrief$' -update accepts the change)", path, 100*frac)
	}
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pixelsDiffering is the share of pixels where a channel differs by more
// than 48 of 255; 1 when the sizes differ.
func pixelsDiffering(t *testing.T, a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		t.Logf("sizes %v and %v", a.Bounds(), b.Bounds())
		return 1
	}
	r := a.Bounds()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

func far(a, b uint32) bool { return math.Abs(float64(a>>8)-float64(b>>8)) > 48 }

// checkBriefRoutes checks the two addresses: a PDF download and an HTML
// page, 404 for an unknown region, 400 for a bad period or indicator.
func checkBriefRoutes(t *testing.T, s *testServer) {
	res := s.get(t, "/api/v1/regions/320612/brief.pdf?period=2014&indicator=registered_volunteers", 200, nil)
	body, _ := io.ReadAll(res.Body)
	if ct := res.Header.Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Errorf("brief.pdf: %s, %q…", ct, body[:min(8, len(body))])
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "brief_320612_2014.pdf") {
		t.Errorf("Content-Disposition %q", cd)
	}
	res = s.get(t, "/api/v1/regions/320612/brief.html?period=2014", 200, nil)
	body, _ = io.ReadAll(res.Body)
	for _, want := range []string{"通州区 2014 年城乡社区建设简报", "<svg", "@font-face", "最薄弱的五项指标"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("brief.html lacks %q", want)
		}
	}
	var p problem
	s.get(t, "/api/v1/regions/999999/brief.pdf", 404, &p)
	s.get(t, "/api/v1/regions/320612/brief.pdf?period=1990", 400, &p)
	s.get(t, "/api/v1/regions/320612/brief.html?indicator=nope", 400, &p)
}

// checkBriefZip makes the briefs of every township of a county into a zip
// (as atlas brief does for the whole city) and checks it holds one PDF per
// township, named by code, name and period.
func checkBriefZip(t *testing.T, s *testServer) {
	var towns struct{ Items []region }
	s.get(t, "/api/v1/regions?level=township&parent=320685", 200, &towns)
	var buf bytes.Buffer
	job := server.BriefJob{Level: "township", Parent: "320685", Period: 2014}
	n, err := server.WriteBriefs(context.Background(), &buf, s.atlas.Snapshot(), server.DefaultConfig().HealthOptions(), job, briefTime)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if n != len(towns.Items) || len(zr.File) != len(towns.Items) || n == 0 {
		t.Fatalf("%d briefs, %d files, %d townships", n, len(zr.File), len(towns.Items))
	}
	for i, f := range zr.File {
		want := fmt.Sprintf("%s-%s-2014.pdf", towns.Items[i].Code, towns.Items[i].Name)
		if f.Name != want {
			t.Errorf("file %d is %s, want %s", i, f.Name, want)
		}
	}
	for _, bad := range []server.BriefJob{{Level: "village"}, {Level: "township", Parent: "1"}, {Level: "township", Period: 1990},
		{Level: "township", Indicator: "nope"}} {
		if _, err := server.WriteBriefs(context.Background(), io.Discard, s.atlas.Snapshot(), server.DefaultConfig().HealthOptions(), bad, briefTime); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}
