package table_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/xuri/excelize/v2"
)

// benchRows is the size of the benchmarks' tables: a million rows, or
// BENCH_TABLE_ROWS for a quick run.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_TABLE_ROWS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// obsRow is row i of an observations table in the long form.
func obsRow(i int) []any {
	return []any{"registered_volunteers", fmt.Sprintf("3206%08d", i%40000), 2000 + i%26, float64(i%1000) / 8, "社区"}
}

var obsHeader = []any{"indicator", "region", "period", "value", "note"}

// bigXLSX writes a workbook of n observation rows under a title row with
// excelize's stream writer, and returns its bytes.
func bigXLSX(b *testing.B, n int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	must(b, err)
	must(b, sw.SetRow("A1", []any{"南通市社区建设指标观测表"}))
	must(b, sw.SetRow("A2", obsHeader))
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		must(b, sw.SetRow(cell, obsRow(i)))
	}
	must(b, sw.Flush())
	path := filepath.Join(b.TempDir(), "obs.xlsx")
	must(b, f.SaveAs(path))
	data, err := os.ReadFile(path)
	must(b, err)
	return data
}

// bigCSV writes the same table as CSV.
func bigCSV(b *testing.B, n int) []byte {
	path := filepath.Join(b.TempDir(), "obs.csv")
	out, err := os.Create(path)
	must(b, err)
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, "南通市社区建设指标观测表,,,,\nindicator,region,period,value,note")
	for i := range n {
		r := obsRow(i)
		fmt.Fprintf(w, "%s,%s,%d,%g,%s\n", r...)
	}
	must(b, w.Flush())
	must(b, out.Close())
	data, err := os.ReadFile(path)
	must(b, err)
	return data
}

func BenchmarkStreamXLSX(b *testing.B) { benchStream(b, "obs.xlsx", bigXLSX(b, benchRows())) }

func BenchmarkStreamCSV(b *testing.B) { benchStream(b, "obs.csv", bigCSV(b, benchRows())) }

// benchStream opens a file and streams its rows, reporting rows a second
// and the peak of the heap in use while it does, the file's own bytes
// included.
func benchStream(b *testing.B, name string, data []byte) {
	want := benchRows()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	peak, stop := heapPeak()
	rows, start := 0, time.Now()
	for b.Loop() {
		book, err := table.Open(name, data)
		must(b, err)
		rows = 0
		must(b, book.Sheets[0].Each(func(int, []string) error { rows++; return nil }))
		must(b, book.Close())
		if rows != want {
			b.Fatalf("%d rows, want %d", rows, want)
		}
	}
	stop()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(rows)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
	b.ReportMetric(float64(*peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(len(data))/(1<<20), "file-MB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(rows*b.N), "alloc-B/row")
}

// heapPeak samples HeapInuse every 5 ms until stop is called.
func heapPeak() (*uint64, func()) {
	var peak uint64
	done, wg := make(chan struct{}), sync.WaitGroup{}
	wg.Go(func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
	return &peak, func() { close(done); wg.Wait() }
}
