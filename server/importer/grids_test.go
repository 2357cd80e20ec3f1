package importer_test

import (
	"testing"

	"github.com/community-atlas/atlas/server/importer"
)

func TestReadGrids(t *testing.T) {
	_, idx := fixture(t)
	inside := `[[[120,32],[120.05,32],[120.05,32.05],[120,32.05],[120,32]]]`
	stickingOut := `[[[120.03,32.05],[120.06,32.05],[120.06,32.1],[120.03,32.1],[120.03,32.05]]]` // a third out
	far := `[[[120.5,32.5],[120.6,32.5],[120.6,32.6],[120.5,32.6],[120.5,32.5]]]`
	ok := collection(
		feature(`"code":"G1","community":"320612001001","households":420,"worker":"张三"`, inside),
		feature(`"code":"G2","community":"320612001001","households":380`, stickingOut),
	)
	cs, err := importer.ReadGrids("g.geojson", ok, idx)
	if err != nil {
		t.Fatal(err)
	}
	if g := cs.Grids[0]; g.Households != 420 || g.Worker != "张三" || g.Community != "320612001001" {
		t.Errorf("G1 = %+v", g)
	}
	if cs.Grids[1].Worker != "" {
		t.Errorf("G2 worker %q, want none", cs.Grids[1].Worker)
	}
	bad := collection(
		feature(`"code":"G1","community":"320612001","households":1`, inside),
		feature(`"code":"G2","community":"320612001001","households":-1`, inside),
		feature(`"code":"G3","community":"320612001001","households":1`, far),
		feature(`"community":"320612001001","households":1`, inside),
	)
	_, err = importer.ReadGrids("bad.geojson", bad, idx)
	ps := problems(t, err)
	wantProblem(t, ps, 0, 1, "community", `"320612001" is not a known community code`)
	wantProblem(t, ps, 0, 2, "households", "not a whole number")
	wantProblem(t, ps, 0, 3, "geometry", "only 0% of the grid lies in its community")
	wantProblem(t, ps, 0, 4, "code", "missing")
}
