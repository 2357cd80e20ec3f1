package importer_test

import (
	"errors"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/store"
)

// maxFuzzInput caps fuzz inputs: large inputs only slow the fuzzer down.
const maxFuzzInput = 64 << 10

// checkResult fails unless an import either succeeded with records or
// failed with an *importer.Error that has problems.
func checkResult(t *testing.T, cs *store.Changeset, err error) {
	if err != nil {
		var ie *importer.Error
		if !errors.As(err, &ie) || len(ie.Problems) == 0 {
			t.Fatalf("error %v (%T) is not an import error with problems", err, err)
		}
		if cs != nil {
			t.Fatal("a changeset came back with an error")
		}
		return
	}
	if cs.Rows() == 0 {
		t.Fatal("success with nothing to write")
	}
}

func FuzzReadObservations(f *testing.F) {
	cat, idx := fixture(f)
	f.Add([]byte("indicator,region,period,value\nregistered_volunteers,320612001001,2013,8.5\n"))
	f.Add([]byte("\xef\xbb\xbfindicator,region,period,value\none_stop_service,320612001201,2013,1\n"))
	f.Add([]byte("indicator,region,period,value\nmass_incidents,320612001001,2013,1e308\n"))
	f.Add([]byte("indicator,region,period,value\n\"a\"\"b\",x,1,2\n"))
	f.Add([]byte("value,period,region,indicator\n1,2014,320612001,interaction_pilot\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		cs, err := importer.ReadObservations("fuzz.csv", data, cat, idx)
		checkResult(t, cs, err)
		if err != nil {
			return
		}
		for _, o := range cs.Observations {
			ind, ok := cat.Indicator(o.Indicator)
			if !ok || o.Value < ind.ValidRange[0] || o.Value > ind.ValidRange[1] {
				t.Fatalf("accepted invalid observation %+v", o)
			}
			if r, ok := idx.Region(o.Region); !ok || r.Level != ind.DataLevel {
				t.Fatalf("accepted observation for wrong region %+v", o)
			}
		}
	})
}

func FuzzReadFacilities(f *testing.F) {
	_, idx := fixture(f)
	f.Add([]byte("id,type,name,lon,lat,floor_area_m2,region\nF1,health_station,站,120.02,32.05,,\n"))
	f.Add([]byte("id,type,name,lon,lat\nF1,police_post,警务室,120.07,32.01\nF1,police_post,警务室,120.07,32.01\n"))
	f.Add([]byte("id,type,name,lon,lat,floor_area_m2,region\nF2,service_centre,中心,120.07,32.05,1600,320612001\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		cs, err := importer.ReadFacilities("fuzz.csv", data, idx)
		checkResult(t, cs, err)
		if err != nil {
			return
		}
		for _, fa := range cs.Facilities {
			if _, ok := idx.Region(fa.Region); !ok || !fa.Type.Valid() || fa.ID == "" {
				t.Fatalf("accepted invalid facility %+v", fa)
			}
		}
	})
}

func FuzzReadBoundaries(f *testing.F) {
	_, idx := fixture(f)
	f.Add(collection(feature(`"code":"320612002","name":"兴东街道","level":"township","parent":"320612"`, eastHalf)))
	f.Add(collection(feature(`"code":"320612002","name":"x","level":"township","parent":"320612"`, `[[[120.1,32],[120.2,32.1],[120.2,32],[120.1,32.1],[120.1,32]]]`)))
	f.Add(collection(feature(`"code":"320612001301","name":"某村委会","level":"community","parent":"320612001"`,
		`[[[120,32],[120.1,32],[120.1,32.1],[120,32.1],[120,32]],[[120.02,32.02],[120.02,32.04],[120.04,32.04],[120.02,32.02]]]`)))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":null,"geometry":null}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		cs, err := importer.ReadBoundaries("fuzz.geojson", data, idx)
		checkResult(t, cs, err)
		if err != nil {
			return
		}
		for _, r := range cs.Regions {
			if !r.Level.Valid() || len(r.Geometry) == 0 || r.AreaKM2 <= 0 || (r.Level == analytics.Community && r.Kind == "") {
				t.Fatalf("accepted invalid region %+v", r)
			}
		}
	})
}

func FuzzReadGrids(f *testing.F) {
	_, idx := fixture(f)
	f.Add(collection(feature(`"code":"G1","community":"320612001001","households":420,"worker":"张三"`,
		`[[[120,32],[120.05,32],[120.05,32.05],[120,32.05],[120,32]]]`)))
	f.Add(collection(feature(`"code":"G1","community":"320612001001","households":"12"`,
		`[[[120,32],[120.05,32],[120.05,32.05],[120,32]]]`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		cs, err := importer.ReadGrids("fuzz.geojson", data, idx)
		checkResult(t, cs, err)
	})
}

// FuzzReadObservationTable drives the table path of observation imports
// (wide or long tables in Chinese, year sheets, placeholders) with CSV
// bytes; whatever it accepts must be valid observations.
func FuzzReadObservationTable(f *testing.F) {
	cat, idx := fixture(f)
	f.Add([]byte("南通市2025年统计表\n\n行政代码,注册志愿者占居民比例（%）,居民文体团队数（个）\n320612001001,8.5,3\n320612001201,—,2\n"), 2025)
	f.Add([]byte("指标,行政代码,年份,数值\n注册志愿者占居民比例,320612001001,2024,9\nregistered_volunteers,320612001201,2024年,4\n"), 0)
	f.Add([]byte("code;one_stop_service\n320612001001;1\n"), 2013)
	f.Fuzz(func(t *testing.T, data []byte, period int) {
		if len(data) > maxFuzzInput {
			return
		}
		cs, _, err := importer.ReadObservationsWith("fuzz.csv", data, cat, idx, importer.Options{Period: period})
		checkResult(t, cs, err)
		if err != nil {
			return
		}
		for _, o := range cs.Observations {
			ind, ok := cat.Indicator(o.Indicator)
			if !ok || o.Value < ind.ValidRange[0] || o.Value > ind.ValidRange[1] || o.Period < 1949 || o.Period > 2100 {
				t.Fatalf("accepted invalid observation %+v", o)
			}
			if r, ok := idx.Region(o.Region); !ok || r.Level != ind.DataLevel {
				t.Fatalf("accepted observation for wrong region %+v", o)
			}
		}
	})
}
