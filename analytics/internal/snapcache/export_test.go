package snapcache

// Len is the number of snapshots with an entry, for the tests of eviction.
func (c *Cache[T]) Len() int {
	n := 0
	c.m.Range(func(_, _ any) bool { n++; return true })
	return n
}
