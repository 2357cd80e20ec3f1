package server

import (
	"sync"
	"time"
)

// loginLimits are the failed logins allowed in a sliding window: per
// client address and username (guessing one password), per username from
// any address (guessing from many addresses) and per address across
// usernames (spraying one password over many accounts).
type loginLimits struct {
	Pair, User, Addr int
	Window           time.Duration
}

// defaultLoginLimits: five guesses a minute at one account from one
// address. The wider limits leave room for an office behind one address,
// and for the account's owner when someone else guesses at it (they then
// wait at most a minute).
var defaultLoginLimits = loginLimits{Pair: 5, User: 20, Addr: 20, Window: time.Minute}

// maxLimiterKeys bounds the limiter's memory under a flood of distinct
// usernames.
const maxLimiterKeys = 100_000

// loginLimiter counts login attempts under the three keys. An attempt is
// counted when it begins, in the same critical section as the check, so
// that concurrent guesses cannot all pass the check before any is counted;
// a successful one is then taken back, as only failures count.
type loginLimiter struct {
	mu       sync.Mutex
	limits   loginLimits
	attempts map[string][]time.Time // oldest first
}

func newLoginLimiter(l loginLimits) *loginLimiter {
	return &loginLimiter{limits: l, attempts: map[string][]time.Time{}}
}

// loginAttempt is one attempt holding its place in the counts while the
// password is checked.
type loginAttempt struct {
	l    *loginLimiter
	keys [3]string
	at   time.Time
}

// begin counts an attempt by username from addr, or, when one of its keys
// is at its limit, reports how long until that key has room again.
func (l *loginLimiter) begin(addr, username string, now time.Time) (*loginAttempt, time.Duration) {
	keys := [3]string{"pair " + addr + " " + username, "user " + username, "addr " + addr}
	limits := [3]int{l.limits.Pair, l.limits.User, l.limits.Addr}
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for i, k := range keys {
		recent := l.prune(k, now)
		if n := len(recent); n >= limits[i] {
			// Room comes when the attempt that filled the window leaves it.
			wait = max(wait, recent[n-limits[i]].Add(l.limits.Window).Sub(now))
		}
	}
	if wait > 0 {
		return nil, wait
	}
	if len(l.attempts)+len(keys) > maxLimiterKeys {
		l.sweep(now)
	}
	for _, k := range keys {
		l.attempts[k] = append(l.attempts[k], now)
	}
	return &loginAttempt{l: l, keys: keys, at: now}, 0
}

// forget takes the attempt back: it succeeded, or the password was never
// checked.
func (a *loginAttempt) forget() {
	a.l.mu.Lock()
	defer a.l.mu.Unlock()
	for _, k := range a.keys {
		ts := a.l.attempts[k]
		for i := len(ts) - 1; i >= 0; i-- {
			if ts[i].Equal(a.at) {
				ts = append(ts[:i:i], ts[i+1:]...)
				break
			}
		}
		if len(ts) == 0 {
			delete(a.l.attempts, k)
		} else {
			a.l.attempts[k] = ts
		}
	}
}

// prune drops key's attempts that have left the window and returns the
// rest.
func (l *loginLimiter) prune(key string, now time.Time) []time.Time {
	ts := l.attempts[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= l.limits.Window {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.attempts, key)
	} else {
		l.attempts[key] = ts
	}
	return ts
}

// sweep prunes every key, and starts afresh if the live ones still fill
// the map: a flood from many addresses, each within its own limits.
func (l *loginLimiter) sweep(now time.Time) {
	for k := range l.attempts {
		l.prune(k, now)
	}
	if len(l.attempts)+3 > maxLimiterKeys {
		l.attempts = map[string][]time.Time{}
	}
}
