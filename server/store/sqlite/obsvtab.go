package sqlite

import (
	"fmt"
	"strconv"
	"sync"

	"modernc.org/sqlite/vtab"
)

// obsModule is a virtual table over a streamed batch held in Go
// (obsRows), so that one INSERT … SELECT writes the whole batch into
// observations: rows bound as parameters would need a statement per chunk,
// and each statement of a transaction that may fail half-way journals
// every page it touches that earlier ones wrote; a temporary table costs
// writing the rows to disk, reading them back and sorting them. A table
// is created with the number of the batch it reads:
//
//	CREATE VIRTUAL TABLE temp.observations_in USING atlas_observations(7)
const obsModuleName = "atlas_observations"

func init() {
	if err := vtab.RegisterModule(nil, obsModuleName, obsModule{}); err != nil {
		panic(err)
	}
}

// streams are the batches being written, by number.
var streams = struct {
	sync.Mutex
	next int64
	m    map[int64]*obsRows
}{m: map[int64]*obsRows{}}

// publish makes rows readable through the module until the returned
// function is called; n names them in CREATE VIRTUAL TABLE.
func publish(rows *obsRows) (n int64, done func()) {
	streams.Lock()
	defer streams.Unlock()
	streams.next++
	n = streams.next
	streams.m[n] = rows
	return n, func() {
		streams.Lock()
		delete(streams.m, n)
		streams.Unlock()
	}
}

type obsModule struct{}

func (obsModule) Create(ctx vtab.Context, args []string) (vtab.Table, error) {
	return obsModule{}.Connect(ctx, args)
}

func (obsModule) Connect(ctx vtab.Context, args []string) (vtab.Table, error) {
	// args: module, database, table, then the batch's number.
	if len(args) != 4 {
		return nil, fmt.Errorf("%s: want one argument, the stream's number", obsModuleName)
	}
	n, err := strconv.ParseInt(args[3], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%s: stream number %q: %w", obsModuleName, args[3], err)
	}
	streams.Lock()
	rows, ok := streams.m[n]
	streams.Unlock()
	if !ok {
		return nil, fmt.Errorf("%s: no stream %d", obsModuleName, n)
	}
	if err := ctx.Declare(`CREATE TABLE x (indicator TEXT, region TEXT, period INTEGER, value REAL)`); err != nil {
		return nil, err
	}
	return &obsTable{rows: rows}, nil
}

// obsTable reads one batch's rows in their order.
type obsTable struct{ rows *obsRows }

func (t *obsTable) BestIndex(info *vtab.IndexInfo) error {
	info.EstimatedRows = int64(len(t.rows.rows))
	info.EstimatedCost = float64(len(t.rows.rows))
	return nil
}

func (t *obsTable) Open() (vtab.Cursor, error) { return &obsCursor{rows: t.rows}, nil }
func (t *obsTable) Disconnect() error          { return nil }
func (t *obsTable) Destroy() error             { return nil }

type obsCursor struct {
	rows *obsRows
	i    int
}

func (c *obsCursor) Filter(int, string, []vtab.Value) error { c.i = 0; return nil }
func (c *obsCursor) Next() error                            { c.i++; return nil }
func (c *obsCursor) Eof() bool                              { return c.i >= len(c.rows.rows) }
func (c *obsCursor) Rowid() (int64, error)                  { return int64(c.i), nil }
func (c *obsCursor) Close() error                           { return nil }

func (c *obsCursor) Column(col int) (vtab.Value, error) {
	r := c.rows.rows[c.i]
	switch col {
	case 0:
		return c.rows.indicators[r.indicator], nil
	case 1:
		return c.rows.regions[r.region], nil
	case 2:
		return int64(r.period), nil
	case 3:
		return r.value, nil
	}
	return nil, fmt.Errorf("%s: no column %d", obsModuleName, col)
}
