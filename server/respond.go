package server

import (
	"bytes"
	"compress/gzip"
	"hash/fnv"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// snap is the snapshot a request reads: the one its ETag names, so the
// answer and its tag always agree.
func (api *API) snap(c echo.Context) *analytics.Snapshot {
	if s, ok := web.Snapshot(c); ok {
		return s
	}
	return api.atlas.Snapshot()
}

// list is the envelope of every list endpoint.
type list[T any] struct {
	Items []T `json:"items"`
}

// etag answers If-None-Match with 304 when the snapshot has not changed:
// a GET's answer depends only on the snapshot version, the request URI and
// the negotiated form and language (the OGC API's pages by Accept, every
// problem and page by Accept-Language), which the tag and Vary name.
func (api *API) etag(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			return next(c)
		}
		s, err := api.valuesSnapshot(c, api.snap(c))
		if err != nil {
			return err
		}
		c.Set(web.SnapshotKey, s)
		if s.HasSubmitted() {
			// Submissions change without a new batch: never cached.
			c.Response().Header().Set("Cache-Control", "no-store")
			return next(c)
		}
		h := fnv.New64a()
		_, _ = io.WriteString(h, req.URL.RequestURI()+"\x00"+req.Header.Get("Accept")+"\x00"+string(msg.Of(req)))
		tag := `"` + s.Key() + "-" + strconv.FormatUint(h.Sum64(), 36) + `"`
		c.Response().Header().Set("ETag", tag)
		c.Response().Header().Add("Vary", "Accept, Accept-Language")
		c.Response().Header().Set("Cache-Control", "no-cache")
		if req.Header.Get("If-None-Match") == tag {
			return c.NoContent(http.StatusNotModified)
		}
		return next(c)
	}
}

// bodyCache keeps large encoded answers (GeoJSON) of the current snapshot
// version, plain and gzipped; a new version empties it. Keys hold the
// snapshot's scope, so answers for users limited to a region stay apart.
type bodyCache struct {
	mu      sync.Mutex
	version int64
	max     int
	entries map[string]*body
	order   []string
}

// body is one cached answer; gz is filled on the first gzip request.
type body struct {
	raw    []byte
	gzOnce sync.Once
	gz     []byte
}

func (b *body) gzipped() []byte {
	b.gzOnce.Do(func() {
		var buf bytes.Buffer
		w := gzipWriters.Get().(*gzip.Writer)
		w.Reset(&buf)
		_, _ = w.Write(b.raw)
		_ = w.Close()
		gzipWriters.Put(w)
		b.gz = buf.Bytes()
	})
	return b.gz
}

// gzipWriters are reused: a new writer allocates most of a megabyte of
// tables, far more than a tile.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return w
}}

func newBodyCache(max int) *bodyCache {
	return &bodyCache{max: max, entries: map[string]*body{}}
}

func (c *bodyCache) get(version int64, key string) (*body, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil, false
	}
	v, ok := c.entries[key]
	return v, ok
}

// put stores b unless an answer for key is there already, and returns the
// one kept.
func (c *bodyCache) put(version int64, key string, b *body) *body {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		c.version, c.entries, c.order = version, map[string]*body{}, nil
	}
	if old, ok := c.entries[key]; ok {
		return old
	}
	if len(c.order) >= c.max {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	c.entries[key] = b
	c.order = append(c.order, key)
	return b
}

// cachedBody answers with the cached body for this request, building it
// with build on a miss; gzipped when the client accepts it.
func (api *API) cachedBody(c echo.Context, s *analytics.Snapshot, mime string, build func() ([]byte, error)) error {
	key := s.Key() + " " + c.Request().URL.RequestURI()
	b, ok := api.bodies.get(s.Version, key)
	if !ok {
		raw, err := build()
		if err != nil {
			return err
		}
		b = api.bodies.put(s.Version, key, &body{raw: raw})
	}
	h := c.Response().Header()
	h.Add("Vary", "Accept-Encoding")
	if strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		return c.Blob(http.StatusOK, mime, b.gzipped())
	}
	return c.Blob(http.StatusOK, mime, b.raw)
}
