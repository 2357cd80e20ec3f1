package postgis

import (
	"context"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// batchChannel is where every committed batch is announced, with its id.
const batchChannel = "atlas_batches"

const notifySQL = `SELECT pg_notify('` + batchChannel + `', $1)`

// Watch calls changed with the id of each batch another process (or this
// one) commits, until ctx ends. It holds one connection listening on
// batchChannel; when the connection drops (a database restart, say) it
// reconnects with backoff and calls changed(0) once listening again, since
// notifications sent meanwhile are lost and the caller must check for
// itself.
func (s *Store) Watch(ctx context.Context, changed func(batch int64)) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := s.listen(ctx, changed, func() { backoff = 100 * time.Millisecond })
		if ctx.Err() != nil {
			return
		}
		_ = err // reconnect below; readiness reports the outage
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

// listen holds one LISTEN session until it fails.
func (s *Store) listen(ctx context.Context, changed func(int64), connected func()) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer release(conn)
	if _, err := conn.Exec(ctx, "LISTEN "+batchChannel); err != nil {
		return err
	}
	connected()
	changed(0)
	for {
		n, err := conn.Conn().WaitForNotification(ctx)
		if err != nil {
			return err
		}
		id, _ := strconv.ParseInt(n.Payload, 10, 64)
		changed(id)
	}
}

// release returns a listening connection to the pool without its
// subscription, or drops it if it is broken.
func release(conn *pgxpool.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := conn.Exec(ctx, "UNLISTEN *"); err != nil {
		conn.Conn().Close(ctx)
	}
	conn.Release()
}
