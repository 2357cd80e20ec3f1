// Package intern shares one string per distinct value while loading: a
// dataset holds ~190,000 observations but only a few dozen indicator names
// and a few thousand region codes, and a snapshot keeps them all in memory.
package intern

// Pool maps each value seen to its one shared string.
type Pool map[string]string

// Bytes returns the shared string equal to b, allocating only the first
// time a value is seen. b may be reused by the caller afterwards.
func (p Pool) Bytes(b []byte) string {
	// The conversion in a map index does not allocate.
	if s, ok := p[string(b)]; ok {
		return s
	}
	s := string(b)
	p[s] = s
	return s
}
