package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server"
)

func TestUploadTooLarge(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.MaxUploadBytes = 1 << 20
	s := newServerConfig(t, openSQLite(t), fixture(), cfg)
	big := "indicator,region,period,value\n" + strings.Repeat("registered_volunteers,320612001001,2014,5\n", 60000)
	s.upload(t, "observations", "big.csv", []byte(big), 413, nil)
}

func TestZippedUploads(t *testing.T) {
	s := newServer(t, fixture())
	zipped := func(name, content string) []byte {
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		f, _ := w.Create(name)
		f.Write([]byte(content))
		w.Close()
		return buf.Bytes()
	}
	csv := "indicator,region,period,value\nregistered_volunteers,320612001201,2014,6\n"
	s.upload(t, "observations", "obs.zip", zipped("obs.csv", csv), 201, nil)
	var p problem
	s.upload(t, "observations", "evil.zip", zipped("../../../etc/cron.d/obs.csv", csv), 422, &p)
	if !strings.Contains(p.Detail, "out of the archive") {
		t.Errorf("zip slip: %+v", p)
	}
	s.upload(t, "observations", "bomb.zip", zipped("obs.csv", csv+strings.Repeat(" ", 20<<20)), 422, &p)
	if !strings.Contains(p.Detail, "zip bomb") {
		t.Errorf("zip bomb: %+v", p)
	}
}

func TestInjectionAttempts(t *testing.T) {
	s := newServer(t, fixture())
	s.get(t, "/api/v1/regions/"+url.PathEscape("320612' OR '1'='1"), 404, nil)
	s.get(t, "/api/v1/observations?indicator="+url.QueryEscape("x'; DROP TABLE observations; --"), 400, nil)
	s.do(t, "POST", "/api/v1/auth/login", "", "application/json",
		strings.NewReader(`{"username":"admin' OR '1'='1","password":"' OR '1'='1"}`), 401, nil)
	n, err := s.store.CountUsers(context.Background())
	if err != nil || n != 1 {
		t.Errorf("users after the attempts: %d, %v", n, err)
	}
	var l struct{ Items []region }
	s.get(t, "/api/v1/regions", 200, &l)
	if len(l.Items) != 6 {
		t.Errorf("regions after the attempts: %d", len(l.Items))
	}
}

func TestVertexLimit(t *testing.T) {
	s := newServer(t, fixture())
	var ring strings.Builder
	const n = 200_001
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i%n) / n
		if i > 0 {
			ring.WriteByte(',')
		}
		fmt.Fprintf(&ring, "[%.9f,%.9f]", 120.25+0.04*math.Cos(a), 32.05+0.04*math.Sin(a))
	}
	geo := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"320623101","name":"圆镇","level":"township","parent":"320623"},` +
		`"geometry":{"type":"Polygon","coordinates":[[` + ring.String() + `]]}}]}`
	var p problem
	s.upload(t, "boundaries", "circle.geojson", []byte(geo), 422, &p)
	if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Message, "more than the limit of 200000") {
		t.Errorf("problem %+v", p)
	}
}

func TestRequestTimeout(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.RequestTimeout = time.Nanosecond
	s := newServerConfig(t, openSQLite(t), fixture(), cfg)
	before, _ := s.store.Load(context.Background())
	s.upload(t, "observations", "o.csv", []byte("indicator,region,period,value\nregistered_volunteers,320612001201,2014,6\n"), 503, nil)
	after, _ := s.store.Load(context.Background())
	if len(after.Batches) != len(before.Batches) {
		t.Error("an import that timed out was written")
	}
}
