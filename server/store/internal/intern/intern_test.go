package intern

import (
	"testing"
	"unsafe"
)

func TestBytesShares(t *testing.T) {
	p := Pool{}
	buf := []byte("320612001")
	a := p.Bytes(buf)
	copy(buf, "999999999")
	b := p.Bytes([]byte("320612001"))
	if a != "320612001" || b != a {
		t.Fatalf("got %q and %q, want 320612001 twice", a, b)
	}
	if unsafe.StringData(a) != unsafe.StringData(b) {
		t.Fatal("equal values do not share storage")
	}
	// AllocsPerRun warms up once, which adds the value to the pool.
	if allocs := testing.AllocsPerRun(100, func() { p.Bytes(buf[:4]) }); allocs != 0 {
		t.Fatalf("%v allocations for a value already seen", allocs)
	}
}
