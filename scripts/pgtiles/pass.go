package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"
)

// onePass fetches every path read from stdin once from base, with c
// requests in flight, and prints the throughput and latency percentiles:
// the cold-cache figure, which a time-boxed load tool cannot give.
func onePass(base string, c int) error {
	var paths []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		paths = append(paths, sc.Text())
	}
	next := make(chan string)
	lat := make([]time.Duration, 0, len(paths))
	var mu sync.Mutex
	var wg sync.WaitGroup
	var failed int
	start := time.Now()
	for i := 0; i < c; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				t0 := time.Now()
				ok := fetch(base + p)
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				if !ok {
					failed++
				}
				mu.Unlock()
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	total := time.Since(start)
	slices.Sort(lat)
	pct := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))] }
	fmt.Printf("%d tiles in %s: %.0f tiles/s, p50 %s, p99 %s, failures %d\n", len(lat), total.Round(time.Millisecond),
		float64(len(lat))/total.Seconds(), pct(0.5).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), failed)
	return nil
}

func fetch(url string) bool {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode == 200 || resp.StatusCode == 204
}
