// Command loginload sends bursts of concurrent failed logins to an atlas,
// each from its own username and, through X-Forwarded-For, its own client
// address, so that the login throttle does not absorb them and every one
// reaches the password check: the worst case for the memory argon2id needs.
// It prints the answers' statuses and the slowest answer of each burst.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:18482", "the atlas's base URL")
	n := flag.Int("n", 200, "concurrent logins per burst")
	bursts := flag.Int("bursts", 5, "bursts to send")
	flag.Parse()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *n}, Timeout: 2 * time.Minute}
	statuses := map[int]int{}
	for b := 0; b < *bursts; b++ {
		slowest := burst(client, *base, b, *n, statuses)
		fmt.Printf("burst %d: slowest answer %v\n", b+1, slowest.Round(time.Millisecond))
	}
	codes := make([]int, 0, len(statuses))
	for c := range statuses {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	for _, c := range codes {
		fmt.Printf("status %d: %d\n", c, statuses[c])
	}
}

// burst sends n failed logins at once and waits for every answer.
func burst(client *http.Client, base string, b, n int, statuses map[int]int) time.Duration {
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		slowest time.Duration
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			status := login(client, base, fmt.Sprintf("user%d-%d", b, i), fmt.Sprintf("198.51.%d.%d", b, i%250+1))
			mu.Lock()
			defer mu.Unlock()
			statuses[status]++
			slowest = max(slowest, time.Since(start))
		}()
	}
	wg.Wait()
	return slowest
}

func login(client *http.Client, base, user, addr string) int {
	body := strings.NewReader(`{"username":"` + user + `","password":"not the password"}`)
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/auth/login", body)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", addr)
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}
