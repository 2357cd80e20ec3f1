package server

import (
	clist "container/list"
	"sync"
)

// tileCache keeps built tiles of the current snapshot version, least
// recently used first out, within a byte budget. Empty tiles are cached
// too (as a nil body), since asking for them is as common as for full ones.
type tileCache struct {
	mu      sync.Mutex
	version int64
	budget  int
	size    int
	order   *clist.List // of *tileEntry, most recent at the front
	entries map[string]*clist.Element
}

type tileEntry struct {
	key  string
	body *body // nil for an empty tile
}

func newTileCache(budget int) *tileCache {
	return &tileCache{budget: budget, order: clist.New(), entries: map[string]*clist.Element{}}
}

func (c *tileCache) get(version int64, key string) (*body, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil, false
	}
	el, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*tileEntry).body, true
}

func (c *tileCache) put(version int64, key string, b *body) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		c.version, c.size = version, 0
		c.order.Init()
		clear(c.entries)
	}
	if _, ok := c.entries[key]; ok {
		return
	}
	c.entries[key] = c.order.PushFront(&tileEntry{key: key, body: b})
	c.size += entrySize(key, b)
	for c.size > c.budget && c.order.Len() > 1 {
		last := c.order.Back()
		e := last.Value.(*tileEntry)
		c.order.Remove(last)
		delete(c.entries, e.key)
		c.size -= entrySize(e.key, e.body)
	}
}

// entrySize counts a tile's bytes, plain and gzipped, plus a little for
// the bookkeeping so that empty tiles count too.
func entrySize(key string, b *body) int {
	n := len(key) + 64
	if b != nil {
		n += len(b.raw) + len(b.gz)
	}
	return n
}
