// Package snapcache keeps one computed result per live snapshot, for the
// analytics packages whose results depend on nothing but the snapshot.
package snapcache

import (
	"runtime"
	"sync"
	"weak"

	"github.com/community-atlas/atlas/analytics"
)

// Cache holds a result of type T for each snapshot it was asked about. Its
// keys are weak pointers: a snapshot swapped out and dropped by its last
// reader is collected as if the cache did not exist, and a cleanup then
// deletes its entry. The zero Cache is ready to use.
type Cache[T any] struct {
	m sync.Map // weak.Pointer[analytics.Snapshot] → *entry[T]
}

type entry[T any] struct {
	once sync.Once
	v    T
	err  error
}

// Get returns the result for s, calling compute on the first call for s
// only; calls that come meanwhile wait for it. A snapshot is immutable, so
// an error is kept as the result too.
func (c *Cache[T]) Get(s *analytics.Snapshot, compute func(*analytics.Snapshot) (T, error)) (T, error) {
	key := weak.Make(s)
	v, loaded := c.m.LoadOrStore(key, &entry[T]{})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[analytics.Snapshot]) { c.m.Delete(k) }, key)
	}
	e := v.(*entry[T])
	e.once.Do(func() { e.v, e.err = compute(s) })
	return e.v, e.err
}
